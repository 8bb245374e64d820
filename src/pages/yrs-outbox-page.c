/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-outbox-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-store-ui.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-messages.h"
#include "yrs-outbox-page.h"
#include "yrs-sync-indicator.h"
#include "yrs-window.h"

struct _YrsOutboxPage
{
  YrsPage        parent_instance;

  YrsSyncEngine *engine;   /* while mapped */
  guint          n_rows;

  /* template children */
  GtkLabel      *status_label;
  GtkListBox    *list;
  GtkWidget     *empty_page;
  GtkWidget     *staff_only_page;
  GtkButton     *retry_button;
};

G_DEFINE_FINAL_TYPE (YrsOutboxPage, yrs_outbox_page, YRS_TYPE_PAGE)

static const char *
kind_in_words (YrsOutboxKind kind)
{
  switch (kind)
    {
    case YRS_OUTBOX_KIND_APPLICATION:
      return _("Application");
    case YRS_OUTBOX_KIND_REGISTRATION:
      return _("Postpartum care registration");
    case YRS_OUTBOX_KIND_RESERVATION:
      return _("Postpartum care reservation");
    case YRS_OUTBOX_KIND_CANCELLATION:
      return _("Cancellation of a reservation");
    default:
      return _("Submission");
    }
}

/* The sync layer's sentence for the row (the reason of a rejection in
 * words, naming the fields to check), never the server's raw answer. */
static char *
state_in_words (const YrsOutboxItem *item)
{
  return yrs_sync_describe_outbox_item (item);
}

static const char *
state_icon (YrsOutboxState state)
{
  switch (state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
      return "document-send-symbolic";
    case YRS_OUTBOX_STATE_SENDING:
      return "emblem-synchronizing-symbolic";
    case YRS_OUTBOX_STATE_ACCEPTED:
      return "emblem-ok-symbolic";
    case YRS_OUTBOX_STATE_REJECTED:
    case YRS_OUTBOX_STATE_CONFLICT:
    case YRS_OUTBOX_STATE_ANY:
    default:
      return "dialog-warning-symbolic";
    }
}

static gboolean
is_staff_owner (const char *owner)
{
  return owner != NULL && g_str_has_prefix (owner, "staff:");
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     YrsOutboxPage    *self)
{
  g_autoptr(GError) error = NULL;
  const char *key = g_object_get_data (G_OBJECT (dialog), "key");

  if (g_strcmp0 (response, "discard") != 0)
    return;

  if (!yrs_outbox_page_discard (self, key, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (YRS_IS_WINDOW (root))
        yrs_window_add_toast (YRS_WINDOW (root), adw_toast_new (error->message));
    }
}

static void
on_discard_clicked (GtkButton     *button,
                    YrsOutboxPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard this submission?"),
                                   _("The city will not get it. What the parent entered in it is deleted from this tablet. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "key",
                          g_strdup (g_object_get_data (G_OBJECT (button), "key")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_row (YrsOutboxPage       *self,
          const YrsOutboxItem *item)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (item->created_at / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (created, "%Y-%m-%d %H:%M");
  g_autofree char *title = NULL;
  g_autofree char *state = state_in_words (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (state_icon (item->state));

  /* Translators: "Application · 2025-06-01 10:00" */
  title = g_strdup_printf (_("%s · %s"), kind_in_words (item->kind), when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (item->state == YRS_OUTBOX_STATE_REJECTED || item->state == YRS_OUTBOX_STATE_CONFLICT)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Discard…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "destructive-action");
      g_object_set_data_full (G_OBJECT (button), "key", g_strdup (item->idempotency_key), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_discard_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

void
yrs_outbox_page_refresh (YrsOutboxPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsStore *store = yrs_session_get_store (session);
  const char *owner = yrs_session_get_owner (session);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean staff = is_staff_owner (owner) && store != NULL;
  gboolean any_waiting = FALSE;
  GtkWidget *child;

  g_return_if_fail (YRS_IS_OUTBOX_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;

  gtk_widget_set_visible (self->staff_only_page, !staff);
  if (self->engine != NULL)
    {
      g_autofree char *status = yrs_sync_describe (self->engine, NULL);

      gtk_label_set_label (self->status_label, status);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), staff && self->engine != NULL);

  if (staff)
    {
      /* This staff member's rows only. */
      items = yrs_store_outbox_list (store, owner, YRS_OUTBOX_STATE_ANY, &error);
      if (items == NULL)
        g_warning ("Could not read the outbox: %s", error->message);
    }

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const YrsOutboxItem *item = g_ptr_array_index (items, items->len - 1 - i);

      gtk_list_box_append (self->list, make_row (self, item));
      self->n_rows++;
      any_waiting |= item->state == YRS_OUTBOX_STATE_QUEUED;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_rows > 0);
  gtk_widget_set_visible (self->empty_page, staff && self->n_rows == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), staff && self->n_rows > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_button), any_waiting);
}

guint
yrs_outbox_page_get_n_rows (YrsOutboxPage *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_PAGE (self), 0);

  return self->n_rows;
}

void
yrs_outbox_page_retry_now (YrsOutboxPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsStore *store = yrs_session_get_store (session);
  const char *owner = yrs_session_get_owner (session);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  g_return_if_fail (YRS_IS_OUTBOX_PAGE (self));

  if (store == NULL || !is_staff_owner (owner))
    return;

  items = yrs_store_outbox_list (store, owner, YRS_OUTBOX_STATE_QUEUED, &error);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const YrsOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr(GError) retry_error = NULL;

      if (!yrs_store_outbox_mark_retry (store, item->idempotency_key, item->last_error, now, &retry_error))
        g_warning ("%s", retry_error->message);
    }

  if (self->engine != NULL)
    yrs_sync_engine_kick (self->engine);
  yrs_outbox_page_refresh (self);
}

gboolean
yrs_outbox_page_discard (YrsOutboxPage *self,
                         const char    *idempotency_key,
                         GError       **error)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsStore *store = yrs_session_get_store (session);
  const char *owner = yrs_session_get_owner (session);
  gboolean ok;

  g_return_val_if_fail (YRS_IS_OUTBOX_PAGE (self), FALSE);

  if (store == NULL || !is_staff_owner (owner))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Only the staff member who made a submission can discard it"));
      return FALSE;
    }

  ok = yrs_store_outbox_discard (store, idempotency_key, owner, error);
  /* The engine counts again. */
  if (ok && self->engine != NULL)
    yrs_sync_engine_kick (self->engine);
  yrs_outbox_page_refresh (self);
  return ok;
}

static void
on_retry_clicked (YrsOutboxPage *self)
{
  yrs_outbox_page_retry_now (self);
}

static void
yrs_outbox_page_map (GtkWidget *widget)
{
  YrsOutboxPage *self = YRS_OUTBOX_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (yrs_outbox_page_parent_class)->map (widget);

  root = gtk_widget_get_root (widget);
  if (YRS_IS_WINDOW (root) && yrs_window_get_sync_engine (YRS_WINDOW (root)) != NULL)
    {
      self->engine = g_object_ref (yrs_window_get_sync_engine (YRS_WINDOW (root)));
      g_signal_connect_object (self->engine, "notify",
                               G_CALLBACK (yrs_outbox_page_refresh), self, G_CONNECT_SWAPPED);
    }
  yrs_outbox_page_refresh (self);
}

static void
yrs_outbox_page_unmap (GtkWidget *widget)
{
  YrsOutboxPage *self = YRS_OUTBOX_PAGE (widget);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_clear_object (&self->engine);
    }

  GTK_WIDGET_CLASS (yrs_outbox_page_parent_class)->unmap (widget);
}

static void
yrs_outbox_page_load (YrsPage *page)
{
  yrs_outbox_page_refresh (YRS_OUTBOX_PAGE (page));
}

static void
yrs_outbox_page_dispose (GObject *object)
{
  YrsOutboxPage *self = YRS_OUTBOX_PAGE (object);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_clear_object (&self->engine);
    }

  G_OBJECT_CLASS (yrs_outbox_page_parent_class)->dispose (object);
}

static void
yrs_outbox_page_class_init (YrsOutboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_outbox_page_dispose;
  widget_class->map = yrs_outbox_page_map;
  widget_class->unmap = yrs_outbox_page_unmap;
  page_class->load = yrs_outbox_page_load;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-outbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsOutboxPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, YrsOutboxPage, list);
  gtk_widget_class_bind_template_child (widget_class, YrsOutboxPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, YrsOutboxPage, staff_only_page);
  gtk_widget_class_bind_template_child (widget_class, YrsOutboxPage, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
yrs_outbox_page_init (YrsOutboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
