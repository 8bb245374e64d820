/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-application"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-application.h"
#include "yrs-i18n.h"
#include "yrs-window.h"

struct _YrsApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;

  /* From the command line (demos, screenshots); NULL / 0 when not given. */
  char          *start_language;
  char          *start_page;
  int            start_width;
  int            start_height;
};

G_DEFINE_FINAL_TYPE (YrsApplication, yrs_application, ADW_TYPE_APPLICATION)

static void
yrs_application_startup (GApplication *app)
{
  YrsApplication *self = YRS_APPLICATION (app);
  g_autofree char *language = NULL;

  G_APPLICATION_CLASS (yrs_application_parent_class)->startup (app);

  self->settings = g_settings_new (SCHEMA_ID);
  language = g_settings_get_string (self->settings, "language");
  yrs_i18n_set_language (language);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
yrs_application_activate (GApplication *app)
{
  YrsApplication *self = YRS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      if (self->start_language != NULL)
        yrs_i18n_set_language (self->start_language);

      window = GTK_WINDOW (yrs_window_new (GTK_APPLICATION (app), NULL));

      /* Without a window manager (Xvfb, a bare kiosk X server) nothing
       * maximises the window, so the size can be asked for here. */
      if (self->start_width > 0 && self->start_height > 0)
        gtk_window_set_default_size (window, self->start_width, self->start_height);
      if (self->start_page != NULL &&
          g_strcmp0 (self->start_page, yrs_session_get_page (yrs_window_get_session (YRS_WINDOW (window)))) != 0)
        yrs_shell_go (yrs_window_get_shell (YRS_WINDOW (window)), self->start_page);
    }

  if (g_getenv ("YRS_BENCH") != NULL)
    g_print ("first-window %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  gtk_window_present (window);
}

static void
yrs_application_dispose (GObject *object)
{
  YrsApplication *self = YRS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yrs_application_parent_class)->dispose (object);
}

static void
yrs_application_finalize (GObject *object)
{
  YrsApplication *self = YRS_APPLICATION (object);

  g_clear_pointer (&self->start_language, g_free);
  g_clear_pointer (&self->start_page, g_free);

  G_OBJECT_CLASS (yrs_application_parent_class)->finalize (object);
}

static gint
yrs_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  YrsApplication *self = YRS_APPLICATION (app);
  const char *size = NULL;

  g_variant_dict_lookup (options, "language", "s", &self->start_language);
  g_variant_dict_lookup (options, "page", "s", &self->start_page);

  if (self->start_page != NULL &&
      yrs_shell_lookup_page_type (self->start_page) == G_TYPE_INVALID)
    {
      g_printerr (_("No page called “%s”\n"), self->start_page);
      return 2;
    }

  if (g_variant_dict_lookup (options, "window-size", "&s", &size))
    {
      g_auto(GStrv) parts = g_strsplit (size, "x", 2);
      guint64 w = 0, h = 0;

      if (g_strv_length (parts) != 2 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 100, 16384, &w, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 100, 16384, &h, NULL))
        {
          g_printerr (_("The window size must be WIDTHxHEIGHT, for example 1280x800\n"));
          return 2;
        }
      self->start_width = (int) w;
      self->start_height = (int) h;
    }

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
};

static void
yrs_application_class_init (YrsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = yrs_application_dispose;
  object_class->finalize = yrs_application_finalize;
  app_class->handle_local_options = yrs_application_handle_local_options;
  app_class->startup = yrs_application_startup;
  app_class->activate = yrs_application_activate;
}

static const GOptionEntry option_entries[] = {
  { "language", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start in this language: ja or en"), N_("CODE") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open this page first, for example sos"), N_("NAME") },
  { "window-size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the window at this size in pixels"), N_("WIDTHxHEIGHT") },
  { NULL }
};

static void
yrs_application_init (YrsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}

YrsApplication *
yrs_application_new (void)
{
  return g_object_new (YRS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/yorisoi/Yorisoi",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
yrs_application_get_settings (YrsApplication *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION (self), NULL);

  return self->settings;
}
