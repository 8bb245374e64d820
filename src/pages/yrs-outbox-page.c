/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-outbox-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-outbox-model.h"
#include "yrs-outbox-page.h"
#include "yrs-sync-status.h"
#include "yrs-window.h"

struct _YrsOutboxPage
{
  YrsPage         parent_instance;

  /* The session's flows, which the template binds to. */
  YrsOutboxModel *model;
  YrsSyncStatus  *status;   /* NULL without a sync engine */

  /* template children */
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (YrsOutboxPage, yrs_outbox_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_discard_clicked (GtkButton    *button,
                                YrsOutboxRow *row);

/* A row from its template (ui/yrs-outbox-row.ui), bound to `item`: what a
 * GtkBuilderListItemFactory does for a GtkListView. A GtkListBox rather
 * than a GtkListView: in GTK 4.8 a list view outside a scrolled window
 * measures rows whose subtitle wraps at their one-line height (the last
 * row was cut off), and libadwaita 1.2's boxed-list style is for list
 * boxes only. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GError) error = NULL;

  gtk_builder_cscope_add_callback (scope, on_discard_clicked);
  gtk_builder_set_scope (builder, scope);
  /* `this` of the template's bindings, as a list item is for a factory's. */
  gtk_builder_set_current_object (builder, G_OBJECT (item));
  gtk_builder_expose_object (builder, "item", G_OBJECT (item));
  if (!gtk_builder_add_from_resource (builder, "/org/yorisoi/Yorisoi/yrs-outbox-row.ui", &error))
    g_error ("The outbox row template: %s", error->message);
  return g_object_ref (GTK_WIDGET (gtk_builder_get_object (builder, "row")));
}

/* The session's current flows (it makes new ones after a wipe or a
 * change of owner). */
static void
bind_flows (YrsOutboxPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsOutboxModel *model = yrs_session_get_outbox (session);
  YrsSyncStatus *status = yrs_session_get_sync_status (session);

  if (g_set_object (&self->model, model))
    {
      gtk_list_box_bind_model (self->list, G_LIST_MODEL (model), create_row, NULL, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
    }
  if (g_set_object (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static gboolean
invert_boolean (YrsOutboxPage *self,
                gboolean       value)
{
  return !value;
}

/* The sync line shows for staff, when there is an engine to describe. */
static gboolean
status_shown (YrsOutboxPage *self,
              gboolean       staff,
              YrsSyncStatus *status)
{
  return staff && status != NULL;
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

/* A row's "Discard…" (ui/yrs-outbox-row.ui): asks first. */
static void
on_discard_clicked (GtkButton    *button,
                    YrsOutboxRow *row)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), YRS_TYPE_OUTBOX_PAGE);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWidget *dialog;

  if (row == NULL || self == NULL)
    return;

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
                          g_strdup (yrs_outbox_row_get_key (row)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_retry_clicked (YrsOutboxPage *self)
{
  yrs_outbox_page_retry_now (self);
}

void
yrs_outbox_page_refresh (YrsOutboxPage *self)
{
  g_return_if_fail (YRS_IS_OUTBOX_PAGE (self));

  bind_flows (self);
  yrs_outbox_model_reload (self->model);
}

guint
yrs_outbox_page_get_n_rows (YrsOutboxPage *self)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

void
yrs_outbox_page_retry_now (YrsOutboxPage *self)
{
  g_return_if_fail (YRS_IS_OUTBOX_PAGE (self));

  yrs_outbox_model_retry_now (self->model);
}

gboolean
yrs_outbox_page_discard (YrsOutboxPage *self,
                         const char    *idempotency_key,
                         GError       **error)
{
  g_return_val_if_fail (YRS_IS_OUTBOX_PAGE (self), FALSE);

  return yrs_outbox_model_discard (self->model, idempotency_key, error);
}

static void
yrs_outbox_page_map (GtkWidget *widget)
{
  bind_flows (YRS_OUTBOX_PAGE (widget));

  GTK_WIDGET_CLASS (yrs_outbox_page_parent_class)->map (widget);
}

static void
yrs_outbox_page_load (YrsPage *page)
{
  bind_flows (YRS_OUTBOX_PAGE (page));
}

static void
yrs_outbox_page_dispose (GObject *object)
{
  YrsOutboxPage *self = YRS_OUTBOX_PAGE (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);

  G_OBJECT_CLASS (yrs_outbox_page_parent_class)->dispose (object);

  /* After the template's bindings are gone. */
  g_clear_object (&self->model);
  g_clear_object (&self->status);
}

static void
yrs_outbox_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsOutboxPage *self = YRS_OUTBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_STATUS:
      g_value_set_object (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_outbox_page_class_init (YrsOutboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_outbox_page_dispose;
  object_class->get_property = yrs_outbox_page_get_property;
  widget_class->map = yrs_outbox_page_map;
  page_class->load = yrs_outbox_page_load;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, YRS_TYPE_OUTBOX_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL, YRS_TYPE_SYNC_STATUS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_OUTBOX_MODEL);
  g_type_ensure (YRS_TYPE_OUTBOX_ROW);
  g_type_ensure (YRS_TYPE_SYNC_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-outbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsOutboxPage, list);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
  gtk_widget_class_bind_template_callback (widget_class, status_shown);
}

static void
yrs_outbox_page_init (YrsOutboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
