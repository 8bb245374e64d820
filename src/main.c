/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yorisoi"

#include "config.h"

#include "yrs-application.h"
#include "yrs-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(YrsApplication) app = NULL;

  yrs_i18n_init ();

  app = yrs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
