/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-decisions-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-decision-queue.h"
#include "yrs-decisions-page.h"
#include "yrs-visit-ui.h"

struct _YrsDecisionsPage
{
  YrsPage           parent_instance;

  YrsDecisionQueue *queue;   /* NULL unless a supervisor is signed in */

  /* template children */
  GtkListBox       *list;
  GtkLabel         *status_label;
  GtkButton        *refresh_button;
  AdwStatusPage    *empty_page;
  AdwStatusPage    *supervisor_only_page;
};

G_DEFINE_FINAL_TYPE (YrsDecisionsPage, yrs_decisions_page, YRS_TYPE_PAGE)

static char *
registration_title (GObject    *item,
                    const char *reference,
                    const char *created_at)
{
  /* Translators: a registration in the supervisor's queue: its reference and when it arrived */
  return g_strdup_printf (_("%s · received %s"), reference != NULL ? reference : "",
                          created_at != NULL ? created_at : "");
}

static char *
registration_state (GObject    *item,
                    const char *state,
                    const char *reason)
{
  if (g_strcmp0 (state, "sending") == 0)
    return g_strdup (_("Your decision is being sent to the city."));
  if (g_strcmp0 (state, "approved") == 0)
    return g_strdup (_("Approved"));
  if (g_strcmp0 (state, "declined") == 0)
    /* Translators: %s is the reason the supervisor gave */
    return g_strdup_printf (_("Declined: %s"), reason != NULL ? reason : "");
  return g_strdup (_("Waiting for your decision"));
}

static gboolean
registration_pending (GObject    *item,
                      const char *state)
{
  return g_strcmp0 (state, "pending") == 0;
}

static YrsDecisionsPage *
page_of (GtkWidget *widget)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, YRS_TYPE_DECISIONS_PAGE);

  return page != NULL ? YRS_DECISIONS_PAGE (page) : NULL;
}

static void
decide (YrsDecisionsPage       *self,
        YrsPendingRegistration *item,
        gboolean                approve,
        const char             *reason)
{
  g_autoptr(GError) error = NULL;

  if (self->queue == NULL)
    return;
  if (!yrs_decision_queue_decide (self->queue, yrs_pending_registration_get_id (item),
                                  approve, reason, &error))
    yrs_visit_ui_toast (GTK_WIDGET (self), error->message);
}

static void
on_approve_clicked (GtkButton              *button,
                    YrsPendingRegistration *item)
{
  YrsDecisionsPage *self = page_of (GTK_WIDGET (button));

  if (self != NULL)
    decide (self, item, TRUE, NULL);
}

static void
on_decline_response (AdwMessageDialog *dialog,
                     const char       *response,
                     YrsDecisionsPage *self)
{
  YrsPendingRegistration *item = g_object_get_data (G_OBJECT (dialog), "item");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  if (g_strcmp0 (response, "decline") != 0 || item == NULL)
    return;
  decide (self, item, FALSE, gtk_editable_get_text (entry));
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* A reason is needed to decline, and the city keeps at most 500 characters. */
  adw_message_dialog_set_response_enabled (dialog, "decline",
                                           *stripped != '\0' &&
                                           g_utf8_strlen (text, -1) <= YRS_DECISION_REASON_MAX);
}

static void
on_decline_clicked (GtkButton              *button,
                    YrsPendingRegistration *item)
{
  YrsDecisionsPage *self = page_of (GTK_WIDGET (button));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWidget *dialog, *entry;

  if (self == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Decline this registration?"),
                                   _("The mother sees the reason when she looks up her registration. Write it so that she understands what to do next."));
  entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry), YRS_DECISION_REASON_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for declining"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason for declining"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "decline", _("_Decline"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "decline",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "decline", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_decline_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *row;
  const char *reference = yrs_pending_registration_get_reference (item);
  g_autofree char *approve = NULL, *decline = NULL;

  gtk_builder_cscope_add_callback (scope, registration_title);
  gtk_builder_cscope_add_callback (scope, registration_state);
  gtk_builder_cscope_add_callback (scope, registration_pending);
  gtk_builder_cscope_add_callback (scope, on_approve_clicked);
  gtk_builder_cscope_add_callback (scope, on_decline_clicked);
  row = yrs_visit_ui_build_row ("/org/yorisoi/Yorisoi/yrs-pending-registration-row.ui", item, scope, &builder);

  /* Translators: accessible name of a button in the supervisor's queue; %s is the reference */
  approve = g_strdup_printf (_("Approve %s"), reference != NULL ? reference : "");
  /* Translators: accessible name of a button in the supervisor's queue; %s is the reference */
  decline = g_strdup_printf (_("Decline %s"), reference != NULL ? reference : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "approve_button")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, approve, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "decline_button")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, decline, -1);
  return row;
}

static void
update_status (YrsDecisionsPage *self)
{
  gboolean supervisor = self->queue != NULL;
  guint n = supervisor ? g_list_model_get_n_items (G_LIST_MODEL (self->queue)) : 0;
  const char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->supervisor_only_page), !supervisor);
  gtk_widget_set_visible (GTK_WIDGET (self->list), supervisor && n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), supervisor && n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), supervisor);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), supervisor);
  if (!supervisor)
    return;
  if (yrs_decision_queue_get_error (self->queue) != NULL)
    text = yrs_decision_queue_get_error (self->queue);
  else if (yrs_decision_queue_get_loading (self->queue))
    text = _("Getting the registrations from the city…");
  else if (yrs_decision_queue_get_offline (self->queue))
    text = _("No connection: the registrations as last downloaded. Decisions are sent when the connection is back.");
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
bind_flows (YrsDecisionsPage *self)
{
  YrsDecisionQueue *queue = yrs_session_get_decision_queue (yrs_page_get_session (YRS_PAGE (self)));

  if (queue != self->queue)
    {
      g_set_object (&self->queue, queue);
      gtk_list_box_bind_model (self->list, queue != NULL ? G_LIST_MODEL (queue) : NULL,
                               create_row, NULL, NULL);
      if (queue != NULL)
        {
          g_signal_connect_object (queue, "items-changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (queue, "notify", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
        }
    }
  update_status (self);
}

static void
on_refresh_clicked (YrsDecisionsPage *self)
{
  if (self->queue != NULL)
    yrs_decision_queue_refresh (self->queue);
}

static void
yrs_decisions_page_map (GtkWidget *widget)
{
  YrsDecisionsPage *self = YRS_DECISIONS_PAGE (widget);

  bind_flows (self);
  GTK_WIDGET_CLASS (yrs_decisions_page_parent_class)->map (widget);
  if (self->queue != NULL)
    yrs_decision_queue_refresh (self->queue);
}

static void
yrs_decisions_page_load (YrsPage *page)
{
  bind_flows (YRS_DECISIONS_PAGE (page));
}

static void
yrs_decisions_page_dispose (GObject *object)
{
  YrsDecisionsPage *self = YRS_DECISIONS_PAGE (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);

  G_OBJECT_CLASS (yrs_decisions_page_parent_class)->dispose (object);

  g_clear_object (&self->queue);
}

static void
yrs_decisions_page_class_init (YrsDecisionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_decisions_page_dispose;
  widget_class->map = yrs_decisions_page_map;
  page_class->load = yrs_decisions_page_load;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-decisions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsDecisionsPage, list);
  gtk_widget_class_bind_template_child (widget_class, YrsDecisionsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, YrsDecisionsPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, YrsDecisionsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, YrsDecisionsPage, supervisor_only_page);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
}

static void
yrs_decisions_page_init (YrsDecisionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
