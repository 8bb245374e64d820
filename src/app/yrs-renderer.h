/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How the device draws (GSettings "renderer": auto, gl or cairo).
 *
 * Without a GPU, GTK's GL renderer runs on Mesa's llvmpipe: every frame is
 * rasterised on the CPU by LLVM-compiled shaders, and Mesa, LLVM and
 * their buffers cost the process about 70 MiB more than cairo, with a
 * first frame three times later. A kiosk's pages are still pictures that
 * cairo draws well, so "auto" (the default) draws with cairo when the
 * device has no GPU render node (/dev/dri/renderD*), and leaves the
 * choice to GTK when it has one. Whenever the app draws with cairo, GDK's
 * OpenGL support is switched off as well (GDK_DEBUG=gl-disable): GTK 4.8
 * on X11 otherwise loads Mesa and LLVM at start just to choose a visual,
 * which alone is half of the process's memory. GSK_RENDERER, when set,
 * still decides the renderer. */

const char *yrs_renderer_decide  (const char *setting,
                                  const char *gsk_renderer,
                                  gboolean    have_gpu);
gboolean    yrs_renderer_have_gpu (void);
void        yrs_renderer_init    (GSettings  *settings);

G_END_DECLS
