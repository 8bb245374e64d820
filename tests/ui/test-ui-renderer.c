/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The "renderer" setting (src/app/yrs-renderer.h): the choice itself, and
 * that a window drawn with cairo runs without any OpenGL library loaded.
 * yrs_renderer_init() must run before GTK starts, so this program starts
 * GTK itself after it. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "yrs-i18n.h"
#include "yrs-renderer.h"
#include "yrs-window.h"

static void
test_decide (void)
{
  /* GSK_RENDERER decides the renderer when it is set. */
  g_assert_cmpstr (yrs_renderer_decide ("gl", "cairo", TRUE), ==, "cairo");
  g_assert_cmpstr (yrs_renderer_decide ("auto", "Cairo", TRUE), ==, "cairo");
  g_assert_null (yrs_renderer_decide ("cairo", "gl", FALSE));
  g_assert_null (yrs_renderer_decide ("auto", "vulkan", FALSE));
  /* An empty one does not. */
  g_assert_cmpstr (yrs_renderer_decide ("cairo", "", TRUE), ==, "cairo");

  g_assert_cmpstr (yrs_renderer_decide ("cairo", NULL, TRUE), ==, "cairo");
  g_assert_null (yrs_renderer_decide ("gl", NULL, FALSE));
  g_assert_cmpstr (yrs_renderer_decide ("auto", NULL, FALSE), ==, "cairo");
  g_assert_null (yrs_renderer_decide ("auto", NULL, TRUE));
}

static gboolean
maps_library (const char *name)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, name) != NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
test_cairo_without_gl (void)
{
  static const char * const gl_libraries[] = {
    "libGLX_mesa", "libEGL_mesa", "swrast_dri", "libLLVM", "libGL.so", "libEGL.so",
  };
  g_autoptr(GError) error = NULL;
  YrsWindow *window;
  GskRenderer *renderer;
  gboolean painted = FALSE;
  gulong handler;

  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "nograbs,gl-disable");

  window = yrs_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                              G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
  g_assert_false (gdk_display_prepare_gl (gtk_widget_get_display (GTK_WIDGET (window)), &error));
  g_assert_nonnull (error);

  for (guint i = 0; i < G_N_ELEMENTS (gl_libraries); i++)
    if (maps_library (gl_libraries[i]))
      g_error ("%s is loaded although the app draws with cairo", gl_libraries[i]);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;

  /* As the app does in main(), before GTK starts; flags already in
   * GDK_DEBUG are kept. */
  g_unsetenv ("GSK_RENDERER");
  g_setenv ("GDK_DEBUG", "nograbs", TRUE);
  settings = g_settings_new (SCHEMA_ID);
  g_settings_set_string (settings, "renderer", "cairo");
  yrs_renderer_init (settings);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add_func ("/ui/renderer/decide", test_decide);
  g_test_add_func ("/ui/renderer/cairo-without-gl", test_cairo_without_gl);

  return g_test_run ();
}
