/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "yrs-preferences-window.h"
#include "yrs-sync-indicator.h"

struct _YrsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  YrsSyncEngine        *sync;

  /* template children */
  AdwComboRow          *mode_row;
  AdwEntryRow          *ward_row;
  GtkAdjustment        *idle_adjustment;
  AdwEntryRow          *server_row;
  AdwEntryRow          *ca_row;
  AdwEntryRow          *printer_row;
  AdwPreferencesGroup  *health_group;
  AdwActionRow         *state_row;
  AdwActionRow         *last_success_row;
  AdwActionRow         *last_error_row;
  AdwActionRow         *pending_row;
  AdwActionRow         *failed_row;
};

G_DEFINE_FINAL_TYPE (YrsPreferencesWindow, yrs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
toast (YrsPreferencesWindow *self,
       const char           *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static gboolean
mode_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "tablet") ? 1 : 0);
  return TRUE;
}

static GVariant *
selected_to_mode (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "tablet" : "kiosk");
}

static void
on_server_apply (YrsPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      toast (self, _("The server address must start with https:// (or http:// for a local test server)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  g_settings_set_string (self->settings, "server-url", text);
  toast (self, _("Server address saved"));
}

static void
on_ward_apply (YrsPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->ward_row));

  if (*text == '\0' || strspn (text, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen (text))
    {
      toast (self, _("The ward is its catalogue ID in lower-case letters, for example chuo"));
      gtk_widget_add_css_class (GTK_WIDGET (self->ward_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->ward_row), "error");
  g_settings_set_string (self->settings, "ward", text);
}

static void
on_ca_apply (YrsPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->ca_row));

  if (*text != '\0' && !g_file_test (text, G_FILE_TEST_IS_REGULAR))
    {
      toast (self, _("There is no file at that path"));
      gtk_widget_add_css_class (GTK_WIDGET (self->ca_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->ca_row), "error");
  g_settings_set_string (self->settings, "extra-ca-file", text);
}

static void
on_printer_apply (YrsPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "printer",
                         gtk_editable_get_text (GTK_EDITABLE (self->printer_row)));
}

static void
update_health (YrsPreferencesWindow *self)
{
  g_autofree char *state = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *when = NULL;
  const char *error;
  gint64 last;

  if (self->sync == NULL)
    return;

  state = yrs_sync_describe (self->sync, NULL);
  adw_action_row_set_subtitle (self->state_row, state);

  last = yrs_sync_engine_get_last_success (self->sync);
  if (last > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (last / G_USEC_PER_SEC);

      when = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
    }
  adw_action_row_set_subtitle (self->last_success_row, when != NULL ? when : _("Never"));

  error = yrs_sync_engine_get_last_error (self->sync);
  adw_action_row_set_subtitle (self->last_error_row, error != NULL ? error : _("None"));

  pending = g_strdup_printf ("%u", yrs_sync_engine_get_pending (self->sync));
  failed = g_strdup_printf ("%u", yrs_sync_engine_get_failed (self->sync));
  adw_action_row_set_subtitle (self->pending_row, pending);
  adw_action_row_set_subtitle (self->failed_row, failed);
}

static void
sync_now (GtkWidget  *widget,
          const char *action_name,
          GVariant   *param)
{
  YrsPreferencesWindow *self = YRS_PREFERENCES_WINDOW (widget);

  if (self->sync != NULL)
    yrs_sync_engine_kick (self->sync);
}

static void
yrs_preferences_window_dispose (GObject *object)
{
  YrsPreferencesWindow *self = YRS_PREFERENCES_WINDOW (object);

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (yrs_preferences_window_parent_class)->dispose (object);
}

static void
yrs_preferences_window_class_init (YrsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, ward_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, idle_adjustment);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, printer_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, health_group);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, state_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, last_success_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, last_error_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, pending_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPreferencesWindow, failed_row);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_ward_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_ca_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_printer_apply);

  gtk_widget_class_install_action (widget_class, "preferences.sync-now", NULL, sync_now);
}

static void
yrs_preferences_window_init (YrsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yrs_preferences_window_new (GSettings     *settings,
                            YrsSyncEngine *sync)
{
  YrsPreferencesWindow *self;
  g_autofree char *server = NULL;
  g_autofree char *ward = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *printer = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (sync == NULL || YRS_IS_SYNC_ENGINE (sync), NULL);

  self = g_object_new (YRS_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  self->sync = sync != NULL ? g_object_ref (sync) : NULL;

  g_settings_bind_with_mapping (settings, "mode", self->mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, mode_to_selected, selected_to_mode,
                                NULL, NULL);
  g_settings_bind (settings, "idle-timeout-seconds", self->idle_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);

  /* Text settings take effect on "apply", once checked. */
  server = g_settings_get_string (settings, "server-url");
  ward = g_settings_get_string (settings, "ward");
  ca = g_settings_get_string (settings, "extra-ca-file");
  printer = g_settings_get_string (settings, "printer");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  gtk_editable_set_text (GTK_EDITABLE (self->ward_row), ward);
  gtk_editable_set_text (GTK_EDITABLE (self->ca_row), ca);
  gtk_editable_set_text (GTK_EDITABLE (self->printer_row), printer);

  gtk_widget_set_visible (GTK_WIDGET (self->health_group), sync != NULL);
  if (sync != NULL)
    {
      g_signal_connect_object (sync, "notify", G_CALLBACK (update_health), self, G_CONNECT_SWAPPED);
      update_health (self);
    }

  return GTK_WIDGET (self);
}
