/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yorisoi"

#include "config.h"

#include "yrs-application.h"
#include "yrs-i18n.h"
#include "yrs-renderer.h"
#include "yrs-version.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(YrsApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* Before GSettings: `yorisoi --version` answers on a machine (or in a
   * package check) where the schema is not installed yet. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--version"))
        {
          g_print ("yorisoi %s\n", yrs_version ());
          return 0;
        }
    }

  yrs_i18n_init ();

  /* Before GTK starts: whether it draws with cairo, and then without
   * loading OpenGL at all (yrs-renderer.h). */
  settings = g_settings_new (SCHEMA_ID);
  yrs_renderer_init (settings);
  g_clear_object (&settings);

  app = yrs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
