/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-device-mode"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <sodium.h>

#include "yrs-device-mode.h"
#include "yrs-kiosk.h"
#include "yrs-staff-auth.h"
#include "yrs-tablet.h"

GObject *
yrs_device_mode_attach (YrsWindow     *window,
                        GSettings     *settings,
                        YrsStore      *store,
                        YrsSyncEngine *sync)
{
  g_autoptr(YrsStaffAuth) auth = NULL;
  GObject *mode;

  g_return_val_if_fail (YRS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  yrs_window_set_sync_engine (window, sync);
  yrs_session_set_sync_engine (yrs_window_get_session (window), sync);
  if (store != NULL)
    auth = yrs_staff_auth_new (store, sync != NULL ? yrs_sync_engine_get_client (sync) : NULL, settings);

  if (g_settings_get_enum (settings, "mode") == 1 && auth != NULL)
    {
      /* A staff tablet follows the desktop's light or dark scheme. */
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
      mode = G_OBJECT (yrs_tablet_new (window, settings, store, auth, sync));
    }
  else
    {
      /* A public kiosk under office lights stays light, whatever the
       * system prefers. */
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      if (sync != NULL)
        {
          g_autofree char *path = yrs_staff_auth_device_token_path ();
          g_autoptr(GError) error = NULL;
          char *token = yrs_staff_auth_read_device_token (path, &error);

          if (token != NULL)
            {
              yrs_sync_engine_set_token (sync, token);
              sodium_memzero (token, strlen (token));
              g_free (token);
            }
          else
            /* Submissions wait in the outbox until a token is there. */
            g_message ("No kiosk device token: %s", error->message);
        }
      mode = G_OBJECT (yrs_kiosk_new (window, settings, store, auth));
    }

  g_object_set_data_full (G_OBJECT (window), "yrs-device-mode", mode, g_object_unref);
  return mode;
}
