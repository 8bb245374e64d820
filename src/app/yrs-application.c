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
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (yrs_window_new (GTK_APPLICATION (app), NULL));

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
  app_class->startup = yrs_application_startup;
  app_class->activate = yrs_application_activate;
}

static void
yrs_application_init (YrsApplication *self)
{
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
