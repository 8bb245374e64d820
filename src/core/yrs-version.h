/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-version.h: the version of this build, from git (tools/version.sh,
 * run by meson's vcs_tag at every build): "0.1.0-g1d46801ab", or "0.1.0"
 * built without git. The same text for `yorisoi --version`, the API
 * client's User-Agent and the About window. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *yrs_version (void);

G_END_DECLS
