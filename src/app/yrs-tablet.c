/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Tablet mode: a public-health nurse's device.
 *
 * Who may see what: the window shows a gate (YrsSignInPage) in place of
 * the shell until a staff member signs in, and again (as the lock screen)
 * after the idle timeout. Drafts, outbox rows and receipts belong to the
 * owner "staff:<id>" in the store, and the YrsSession is attached to that
 * owner at sign-in (which restores their draft) and detached and wiped at
 * sign-out, so the next person on the same tablet starts from nothing. */

#define G_LOG_DOMAIN "yrs-tablet"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-idle-monitor.h"
#include "yrs-password-dialog.h"
#include "yrs-preferences-window.h"
#include "yrs-sign-in-page.h"
#include "yrs-sync-indicator.h"
#include "yrs-tablet.h"

struct _YrsTablet
{
  GObject             parent_instance;

  YrsWindow          *window;     /* weak */
  GSettings          *settings;
  YrsStore           *store;
  YrsStaffAuth       *auth;
  YrsSyncEngine      *sync;
  YrsIdleMonitor     *monitor;
  GSimpleActionGroup *actions;

  gboolean            locked;
};

G_DEFINE_FINAL_TYPE (YrsTablet, yrs_tablet, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_sign_in (YrsTablet *self);

static void
set_locked (YrsTablet *self,
            gboolean   locked)
{
  if (self->locked == locked)
    return;
  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
on_unlocked (YrsTablet     *self,
             YrsSignInPage *page)
{
  set_locked (self, FALSE);
  yrs_window_set_gate (self->window, NULL);
  yrs_idle_monitor_start (self->monitor);
}

static void
on_lock_sign_out (YrsTablet     *self,
                  YrsSignInPage *page)
{
  yrs_tablet_sign_out (self);
}

void
yrs_tablet_lock (YrsTablet *self)
{
  GtkWidget *page;
  const char *staff_id;

  g_return_if_fail (YRS_IS_TABLET (self));

  staff_id = yrs_staff_auth_get_staff_id (self->auth);
  if (self->window == NULL || staff_id == NULL || self->locked)
    return;

  yrs_idle_monitor_stop (self->monitor);
  /* Other windows (settings) could show what the lock hides. */
  yrs_window_close_dependents (self->window);
  /* Her data key leaves memory until she unlocks (issue 18). */
  yrs_staff_auth_lock (self->auth);
  page = yrs_sign_in_page_new (self->auth, staff_id);
  g_signal_connect_object (page, "signed-in", G_CALLBACK (on_unlocked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "cancelled", G_CALLBACK (on_lock_sign_out), self, G_CONNECT_SWAPPED);
  yrs_window_set_gate (self->window, page);
  set_locked (self, TRUE);
}

static void
on_signed_in (YrsTablet     *self,
              YrsSignInPage *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  const char *staff_id = yrs_staff_auth_get_staff_id (self->auth);
  YrsSession *session = yrs_window_get_session (self->window);

  owner = yrs_store_ensure_staff_session (self->store, staff_id, &error);
  if (owner == NULL)
    {
      g_critical ("Could not open the staff session in the store: %s", error->message);
      yrs_staff_auth_sign_out (self->auth);
      return;
    }

  /* Their own draft, and nobody else's. */
  yrs_session_wipe (session);
  yrs_session_set_store (session, self->store, owner);
  yrs_window_rebuild (self->window);
  yrs_window_set_gate (self->window, NULL);

  if (self->sync != NULL && yrs_staff_auth_get_token (self->auth) != NULL)
    yrs_sync_engine_set_token (self->sync, yrs_staff_auth_get_token (self->auth));

  set_locked (self, FALSE);
  yrs_idle_monitor_start (self->monitor);

  /* After a password reset on the server, what the tablet kept under
   * the old one is gone by design: she is told so. */
  if (yrs_staff_auth_get_notice (self->auth) != NULL)
    {
      AdwToast *toast = adw_toast_new (yrs_staff_auth_get_notice (self->auth));

      adw_toast_set_timeout (toast, 0);
      yrs_window_add_toast (self->window, toast);
    }
}

static void
show_sign_in (YrsTablet *self)
{
  GtkWidget *page = yrs_sign_in_page_new (self->auth, NULL);

  g_signal_connect_object (page, "signed-in", G_CALLBACK (on_signed_in), self, G_CONNECT_SWAPPED);
  yrs_window_set_gate (self->window, page);
}

void
yrs_tablet_sign_out (YrsTablet *self)
{
  YrsSession *session;
  GtkWidget *widget;

  g_return_if_fail (YRS_IS_TABLET (self));

  if (self->window == NULL)
    return;

  session = yrs_window_get_session (self->window);
  yrs_idle_monitor_stop (self->monitor);
  yrs_window_close_dependents (self->window);

  /* Their draft is written for next time, then nothing of it stays in
   * memory or on screen. */
  yrs_session_set_store (session, self->store, NULL);
  yrs_session_wipe (session);
  yrs_staff_auth_sign_out (self->auth);
  if (self->sync != NULL)
    yrs_sync_engine_set_token (self->sync, NULL);

  widget = GTK_WIDGET (self->window);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), NULL);
  gdk_clipboard_set_content (gtk_widget_get_primary_clipboard (widget), NULL);

  set_locked (self, FALSE);
  yrs_window_rebuild (self->window);
  show_sign_in (self);
}

void
yrs_tablet_next_family (YrsTablet *self)
{
  GtkWidget *widget;

  g_return_if_fail (YRS_IS_TABLET (self));

  if (self->window == NULL || self->locked ||
      yrs_staff_auth_get_staff_id (self->auth) == NULL)
    return;

  /* The end of this family's visit: nothing of theirs stays in memory,
   * in the draft or on screen; she stays signed in, with her outbox. */
  yrs_window_close_dependents (self->window);
  yrs_session_end_visit (yrs_window_get_session (self->window));
  widget = GTK_WIDGET (self->window);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), NULL);
  gdk_clipboard_set_content (gtk_widget_get_primary_clipboard (widget), NULL);
  yrs_window_rebuild (self->window);
}

static void
on_idle (YrsTablet      *self,
         YrsIdleMonitor *monitor)
{
  yrs_tablet_lock (self);
}

static void
on_timeout_changed (YrsTablet  *self,
                    const char *key,
                    GSettings  *settings)
{
  yrs_idle_monitor_set_timeout (self->monitor,
                                g_settings_get_uint (settings, "idle-timeout-seconds") * 1000);
}

static void
on_shell_built (YrsTablet *self,
                YrsShell  *shell,
                YrsWindow *window)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  YrsSyncStatus *status;
  GtkWidget *button;

  /* Translators: in the staff menu; the families of her ward waiting for a consultation */
  g_menu_append (menu, _("Home visits"), "tablet.visits");
  /* The supervisor's queue, for a supervisor only (her role as the server
   * gave it at her last online sign-in). */
  if (g_strcmp0 (yrs_session_get_staff_role (yrs_window_get_session (window)), "supervisor") == 0)
    g_menu_append (menu, _("Registrations to approve"), "tablet.decisions");
  /* Translators: in the staff menu; ends a family's visit without signing out */
  g_menu_append (menu, _("Next family"), "tablet.next-family");
  g_menu_append (menu, _("Outbox"), "tablet.outbox");
  g_menu_append (menu, _("Settings"), "tablet.preferences");
  /* Translators: in the staff menu; opens a dialog for her own password */
  g_menu_append (menu, _("Change password"), "tablet.change-password");
  g_menu_append (menu, _("Lock"), "tablet.lock");
  g_menu_append (menu, _("Sign out"), "tablet.sign-out");
  g_menu_append (menu, _("About Yorisoi"), "app.about");

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Staff menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff menu"),
                                  -1);
  yrs_shell_pack_header_end (shell, button);

  status = yrs_session_get_sync_status (yrs_window_get_session (window));
  if (status != NULL)
    yrs_shell_pack_header_end (shell, yrs_sync_indicator_new (status));
}

static void
outbox_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  YrsTablet *self = user_data;

  if (self->window != NULL && !self->locked)
    yrs_shell_go (yrs_window_get_shell (self->window), "outbox");
}

static void
go_staff_page (YrsTablet  *self,
               const char *page)
{
  if (self->window != NULL && !self->locked &&
      yrs_staff_auth_get_staff_id (self->auth) != NULL)
    yrs_shell_go (yrs_window_get_shell (self->window), page);
}

static void
visits_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  go_staff_page (YRS_TABLET (user_data), "visits");
}

static void
decisions_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  YrsTablet *self = YRS_TABLET (user_data);

  if (self->window != NULL &&
      g_strcmp0 (yrs_session_get_staff_role (yrs_window_get_session (self->window)), "supervisor") == 0)
    go_staff_page (self, "decisions");
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  YrsTablet *self = user_data;
  GtkWindow *prefs;

  if (self->window == NULL || self->locked ||
      yrs_staff_auth_get_staff_id (self->auth) == NULL)
    return;

  prefs = GTK_WINDOW (yrs_preferences_window_new (self->settings,
                                                  yrs_session_get_sync_status (yrs_window_get_session (self->window))));
  gtk_window_set_transient_for (prefs, GTK_WINDOW (self->window));
  gtk_window_set_modal (prefs, TRUE);
  gtk_window_present (prefs);
}

static void
on_password_changed (YrsTablet         *self,
                     YrsPasswordDialog *dialog)
{
  if (self->window != NULL)
    yrs_window_add_toast (self->window,
                          adw_toast_new (_("Your password was changed. Use the new one from now on, on this tablet too.")));
}

static void
change_password_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  YrsTablet *self = user_data;
  GtkWindow *dialog;

  if (self->window == NULL || self->locked ||
      yrs_staff_auth_get_staff_id (self->auth) == NULL)
    return;

  dialog = GTK_WINDOW (yrs_password_dialog_new (self->auth));
  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_password_changed), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (self->window));
  gtk_window_present (dialog);
}

static void
next_family_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  yrs_tablet_next_family (YRS_TABLET (user_data));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  yrs_tablet_lock (YRS_TABLET (user_data));
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  yrs_tablet_sign_out (YRS_TABLET (user_data));
}

static const GActionEntry tablet_actions[] = {
  { "visits", visits_action },
  { "decisions", decisions_action },
  { "next-family", next_family_action },
  { "outbox", outbox_action },
  { "preferences", preferences_action },
  { "change-password", change_password_action },
  { "lock", lock_action },
  { "sign-out", sign_out_action },
};

static void
yrs_tablet_dispose (GObject *object)
{
  YrsTablet *self = YRS_TABLET (object);

  if (self->window != NULL)
    {
      gtk_widget_insert_action_group (GTK_WIDGET (self->window), "tablet", NULL);
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }

  g_clear_object (&self->monitor);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->auth);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (yrs_tablet_parent_class)->dispose (object);
}

static void
yrs_tablet_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  YrsTablet *self = YRS_TABLET (object);

  switch (prop_id)
    {
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_tablet_class_init (YrsTabletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_tablet_dispose;
  object_class->get_property = yrs_tablet_get_property;

  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_tablet_init (YrsTablet *self)
{
}

YrsTablet *
yrs_tablet_new (YrsWindow     *window,
                GSettings     *settings,
                YrsStore      *store,
                YrsStaffAuth  *auth,
                YrsSyncEngine *sync)
{
  YrsTablet *self;
  YrsSession *session;

  g_return_val_if_fail (YRS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (YRS_IS_STORE (store), NULL);
  g_return_val_if_fail (YRS_IS_STAFF_AUTH (auth), NULL);
  g_return_val_if_fail (sync == NULL || YRS_IS_SYNC_ENGINE (sync), NULL);

  self = g_object_new (YRS_TYPE_TABLET, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->settings = g_object_ref (settings);
  self->store = g_object_ref (store);
  self->auth = g_object_ref (auth);
  self->sync = sync != NULL ? g_object_ref (sync) : NULL;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), tablet_actions,
                                   G_N_ELEMENTS (tablet_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "tablet", G_ACTION_GROUP (self->actions));

  g_signal_connect_object (window, "shell-built", G_CALLBACK (on_shell_built), self, G_CONNECT_SWAPPED);

  self->monitor = yrs_idle_monitor_new (GTK_WIDGET (window),
                                        g_settings_get_uint (settings, "idle-timeout-seconds") * 1000);
  g_signal_connect_object (self->monitor, "idle", G_CALLBACK (on_idle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::idle-timeout-seconds",
                           G_CALLBACK (on_timeout_changed), self, G_CONNECT_SWAPPED);

  /* Whatever the window held before belongs to nobody signed in. */
  session = yrs_window_get_session (window);
  yrs_session_set_store (session, store, NULL);
  yrs_session_wipe (session);
  yrs_window_rebuild (window);
  show_sign_in (self);

  return self;
}

YrsWindow *
yrs_tablet_get_window (YrsTablet *self)
{
  g_return_val_if_fail (YRS_IS_TABLET (self), NULL);

  return self->window;
}

gboolean
yrs_tablet_get_locked (YrsTablet *self)
{
  g_return_val_if_fail (YRS_IS_TABLET (self), FALSE);

  return self->locked;
}
