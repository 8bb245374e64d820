/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-renderer"

#include "config.h"

#include <string.h>

#include "yrs-renderer.h"

/* "cairo" when the app should draw with cairo and keep GDK's OpenGL off,
 * or NULL to leave the renderer to GTK. `setting` is the GSettings
 * "renderer" value, `gsk_renderer` the GSK_RENDERER variable (or NULL),
 * `have_gpu` whether the device has a GPU render node. */
const char *
yrs_renderer_decide (const char *setting,
                     const char *gsk_renderer,
                     gboolean    have_gpu)
{
  if (gsk_renderer != NULL && *gsk_renderer != '\0')
    return g_ascii_strcasecmp (gsk_renderer, "cairo") == 0 ? "cairo" : NULL;

  if (g_strcmp0 (setting, "cairo") == 0)
    return "cairo";
  if (g_strcmp0 (setting, "gl") == 0)
    return NULL;
  /* "auto" */
  return have_gpu ? NULL : "cairo";
}

/* A DRM render node is what Mesa needs for hardware OpenGL; without one
 * it falls back to llvmpipe. */
gboolean
yrs_renderer_have_gpu (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

static gboolean
has_flag (const char *flags,
          const char *flag)
{
  g_auto(GStrv) parts = g_strsplit_set (flags, ",:; ", -1);

  return g_strv_contains ((const char * const *) parts, flag);
}

/* Before GTK starts (gtk_init reads GDK_DEBUG, the first window's
 * realisation GSK_RENDERER). */
void
yrs_renderer_init (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *setting = NULL;
  const char *choice;
  const char *debug;

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (g_settings_schema_has_key (schema, "renderer"))
    setting = g_settings_get_string (settings, "renderer");
  else
    setting = g_strdup ("auto");  /* schemas compiled before the key */
  choice = yrs_renderer_decide (setting, g_getenv ("GSK_RENDERER"), yrs_renderer_have_gpu ());
  g_debug ("Renderer setting “%s”: %s", setting, choice != NULL ? choice : "GTK's choice");
  if (choice == NULL)
    return;

  g_setenv ("GSK_RENDERER", choice, TRUE);
  debug = g_getenv ("GDK_DEBUG");
  if (debug == NULL || *debug == '\0')
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  else if (!has_flag (debug, "gl-disable"))
    {
      g_autofree char *more = g_strconcat (debug, ",gl-disable", NULL);

      g_setenv ("GDK_DEBUG", more, TRUE);
    }
}
