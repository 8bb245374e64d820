/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-submitted-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-i18n.h"
#include "yrs-qr-code.h"
#include "yrs-receipt-print.h"
#include "yrs-slot-time.h"
#include "yrs-step-indicator.h"
#include "yrs-store-ui.h"
#include "yrs-sync-messages.h"
#include "yrs-submitted-page.h"

struct _YrsSubmittedPage
{
  YrsPage     parent_instance;

  char       *state;
  char       *reference;
  guint       n_alternatives;
  char       *shown_alternatives;  /* the JSON the list was built from */
  YrsLang     shown_lang;
  guint       poll_id;

  /* template children */
  GtkWidget  *step_indicator;
  GtkImage   *state_icon;
  GtkLabel   *state_label;
  GtkLabel   *detail_label;
  GtkWidget  *alternatives_box;
  GtkBox     *alternatives_list;
  GtkWidget  *receipt_box;
  GtkLabel   *reference_label;
  YrsQrCode  *qr_code;
  GtkLabel   *receipt_note;
  GtkLabel   *next_label;
  GtkWidget  *cancel_button;
  GtkWidget  *book_button;
  GtkWidget  *print_button;
  GtkLabel   *print_label;
};

G_DEFINE_FINAL_TYPE (YrsSubmittedPage, yrs_submitted_page, YRS_TYPE_PAGE)

static YrsSession *
session_of (YrsSubmittedPage *self)
{
  return yrs_page_get_session (YRS_PAGE (self));
}

/* Until the city answers, the receipt carries a reference made from the
 * submission's own key, which staff can look up on the device. */
static char *
device_reference (const char *key)
{
  g_autofree char *hex = g_ascii_strup (key, -1);
  GString *ref = g_string_new ("D-");

  for (const char *p = hex; *p != '\0' && ref->len < 11; p++)
    if (g_ascii_isxdigit (*p))
      {
        if (ref->len == 6)
          g_string_append_c (ref, '-');
        g_string_append_c (ref, *p);
      }
  return g_string_free (ref, FALSE);
}

static void
clear_alternatives (YrsSubmittedPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alternatives_list))) != NULL)
    gtk_box_remove (self->alternatives_list, child);
  self->n_alternatives = 0;
  g_clear_pointer (&self->shown_alternatives, g_free);
}

static void
show_alternatives (YrsSubmittedPage *self,
                   const char       *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array = NULL;
  JsonNode *root;
  YrsCatalog *catalog = yrs_session_get_catalog (session_of (self));

  /* The page reads its row every second: the buttons stay the same
   * widgets while the places do not change, so that a tap, the focus and
   * a screen reader's place are not lost to a rebuild. */
  if (json != NULL && self->shown_alternatives != NULL &&
      g_str_equal (json, self->shown_alternatives) && self->shown_lang == yrs_i18n_get_lang ())
    return;
  clear_alternatives (self);
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  /* Either the list itself or a problem document holding it. */
  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "alternatives"))
    array = json_object_get_array_member (json_node_get_object (root), "alternatives");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *slot;
      const char *id;
      g_autofree char *when = NULL;
      g_autofree char *text = NULL;
      gint64 free_places;
      const YrsFacility *facility;
      GtkWidget *button;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      slot = json_node_get_object (node);
      id = json_object_get_string_member_with_default (slot, "id", NULL);
      if (id == NULL)
        continue;
      when = yrs_slot_time_format (json_object_get_string_member_with_default (slot, "starts_at", NULL),
                                   json_object_get_string_member_with_default (slot, "ends_at", NULL),
                                   TRUE);
      free_places = json_object_get_int_member_with_default (slot, "capacity", 0) -
                    json_object_get_int_member_with_default (slot, "booked", 0);
      text = g_strdup_printf (ngettext ("%s (%d place free)", "%s (%d places free)", MAX (free_places, 0)),
                              when, (int) MAX (free_places, 0));
      /* The places nearby may be at other facilities at the same time:
       * the facility's name first, on a line of its own. */
      facility = yrs_catalog_lookup_facility (catalog,
                                              json_object_get_string_member_with_default (slot, "facility", NULL));
      if (facility != NULL)
        {
          g_autofree char *named = g_strdup_printf ("%s\n%s", yrs_facility_get_name (facility, yrs_i18n_get_lang ()), text);

          g_free (text);
          text = g_steal_pointer (&named);
        }
      button = gtk_button_new_with_label (text);
      gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), GTK_JUSTIFY_CENTER);
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_widget_add_css_class (button, "choice-button");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "submitted.choose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      gtk_box_append (self->alternatives_list, button);
      self->n_alternatives++;
    }
  self->shown_alternatives = g_strdup (json);
  self->shown_lang = yrs_i18n_get_lang ();
}

/* The place a booking is for, "facility\nwhen", from the device's copy of
 * the slot; NULL when the device does not know the slot. After choosing
 * one of the other places she sees which one she booked. */
static char *
booked_place (YrsSubmittedPage    *self,
              const YrsOutboxItem *item)
{
  YrsSession *session = session_of (self);
  YrsStore *store = yrs_session_get_store (session);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(YrsSlot) slot = NULL;
  g_autofree char *when = NULL;
  const YrsFacility *facility;
  JsonNode *root;
  const char *id;

  if (store == NULL || item->payload == NULL ||
      !json_parser_load_from_data (parser, item->payload, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (id = json_object_get_string_member_with_default (json_node_get_object (root), "slot", NULL)) == NULL ||
      (slot = yrs_store_get_slot (store, id, NULL)) == NULL)
    return NULL;
  when = yrs_slot_time_format (slot->starts_at, slot->ends_at, TRUE);
  facility = yrs_catalog_lookup_facility (yrs_session_get_catalog (session), slot->facility_id);
  if (facility == NULL)
    return g_steal_pointer (&when);
  return g_strdup_printf ("%s\n%s", yrs_facility_get_name (facility, yrs_i18n_get_lang ()), when);
}

/* The CUPS queue for receipts, from the device's settings; NULL for none. */
static char *
receipt_printer (void)
{
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SCHEMA_ID, TRUE);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *printer = NULL;

  if (schema == NULL)
    return NULL;
  settings = g_settings_new (SCHEMA_ID);
  printer = g_settings_get_string (settings, "printer");
  return printer[0] != '\0' ? g_steal_pointer (&printer) : NULL;
}

static const char *
next_steps (const char *kind,
            const char *state)
{
  if (g_strcmp0 (state, "rejected") == 0 || g_strcmp0 (state, "conflict") == 0)
    return "";
  if (g_strcmp0 (kind, "registration") == 0)
    return _("Next: the city checks your registration, which takes about 5 working days. After that you can book postpartum care at any time, here or online. Your maternal and child health handbook (母子健康手帳) is all you need to bring.");
  if (g_strcmp0 (kind, "reservation") == 0)
    return _("On the day, bring your maternal and child health handbook (母子健康手帳) and what your baby needs for the day. If you or your baby are unwell, please cancel: you can do it here with the reference number.");
  if (g_strcmp0 (kind, "cancellation") == 0)
    return _("Your booking is cancelled. You can book another day at any time.");
  return _("Next: the ward office checks your application and pays the money into the account you gave, usually within two months. If anything is missing they will call you. Keep this reference number.");
}

void
yrs_submitted_page_refresh (YrsSubmittedPage *self)
{
  YrsSession *session;
  YrsStore *store;
  const char *key;
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const char *kind, *state, *icon, *css;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *reference = NULL;

  g_return_if_fail (YRS_IS_SUBMITTED_PAGE (self));

  session = session_of (self);
  store = yrs_session_get_store (session);
  key = yrs_session_get_field (session, "submission.key");
  if (store != NULL && key != NULL)
    item = yrs_store_outbox_get (store, key, &error);
  if (error != NULL)
    g_warning ("Could not read the submission: %s", error->message);

  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->reference, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "ok");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "problem");

  /* Step 3 of the application flow (form, review, receipt); a booking's
   * pages have no steps. */
  gtk_widget_set_visible (self->step_indicator,
                          item != NULL && (item->kind == YRS_OUTBOX_KIND_APPLICATION ||
                                           item->kind == YRS_OUTBOX_KIND_REGISTRATION));

  if (item == NULL)
    {
      gtk_image_set_from_icon_name (self->state_icon, "dialog-information-symbolic");
      gtk_label_set_label (self->state_label, _("Nothing has been sent yet"));
      gtk_label_set_label (self->detail_label, "");
      gtk_widget_set_visible (self->receipt_box, FALSE);
      gtk_widget_set_visible (self->alternatives_box, FALSE);
      gtk_widget_set_visible (self->cancel_button, FALSE);
      gtk_widget_set_visible (self->book_button, FALSE);
      gtk_label_set_label (self->next_label, "");
      return;
    }

  kind = yrs_outbox_kind_to_string (item->kind);
  state = yrs_outbox_state_to_string (item->state);
  self->state = g_strdup (state);

  switch (item->state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
    case YRS_OUTBOX_STATE_SENDING:
      icon = "emblem-synchronizing-symbolic";
      css = NULL;
      title = g_strdup (item->state == YRS_OUTBOX_STATE_QUEUED
                        ? _("Saved: waiting to be sent")
                        : _("Sending…"));
      detail = g_strdup (_("It is safe on this device and goes to the city as soon as there is a connection. You do not need to do anything more."));
      break;

    case YRS_OUTBOX_STATE_ACCEPTED:
      icon = "emblem-ok-symbolic";
      css = "ok";
      title = g_strdup (g_strcmp0 (kind, "reservation") == 0 ? _("Booked: the city has received it")
                        : g_strcmp0 (kind, "cancellation") == 0 ? _("Cancelled: the city has received it")
                        : _("Received by the city"));
      detail = g_strdup (_("Thank you. This is your receipt."));
      break;

    case YRS_OUTBOX_STATE_REJECTED:
      icon = "dialog-warning-symbolic";
      css = "problem";
      title = g_strdup (_("Not accepted"));
      /* The stored reason is the server's problem as JSON: in words. */
      detail = yrs_sync_describe_rejection (item->kind, item->reason);
      break;

    case YRS_OUTBOX_STATE_CONFLICT:
    default:
      icon = "dialog-warning-symbolic";
      css = "problem";
      title = g_strdup (_("That place has just been taken"));
      detail = g_strdup (_("Nothing was booked twice and nothing was changed without you."));
      break;
    }

  if (item->kind == YRS_OUTBOX_KIND_RESERVATION && item->state != YRS_OUTBOX_STATE_CONFLICT &&
      item->state != YRS_OUTBOX_STATE_REJECTED)
    {
      g_autofree char *place = booked_place (self, item);

      if (place != NULL)
        {
          g_autofree char *both = g_strdup_printf ("%s\n%s", place, detail);

          g_free (detail);
          detail = g_steal_pointer (&both);
        }
    }

  gtk_image_set_from_icon_name (self->state_icon, icon);
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), css);
  gtk_label_set_label (self->state_label, title);
  gtk_label_set_label (self->detail_label, detail);

  if (item->state == YRS_OUTBOX_STATE_CONFLICT)
    show_alternatives (self, item->alternatives);
  else
    clear_alternatives (self);
  gtk_widget_set_visible (self->alternatives_box, self->n_alternatives > 0);

  /* The receipt: the city's reference once it has answered, the device's
   * until then. The QR code holds the reference and nothing else. */
  if (item->state == YRS_OUTBOX_STATE_ACCEPTED && item->server_reference != NULL)
    reference = g_strdup (item->server_reference);
  else if (item->state == YRS_OUTBOX_STATE_QUEUED || item->state == YRS_OUTBOX_STATE_SENDING)
    reference = device_reference (item->idempotency_key);
  self->reference = g_strdup (reference);
  gtk_widget_set_visible (self->receipt_box, reference != NULL);
  gtk_label_set_label (self->reference_label, reference != NULL ? reference : "");
  yrs_qr_code_set_text (self->qr_code, reference);
  gtk_label_set_label (self->receipt_note,
                       item->state == YRS_OUTBOX_STATE_ACCEPTED
                       ? _("Show this number or the QR code at the ward office if you have a question.")
                       : _("This number is kept on this device; the city gives its own number once it has received it."));
  gtk_label_set_label (self->next_label, next_steps (kind, state));

  /* Booking comes next after a registration; the reserve page says
   * whether the city has confirmed it yet. */
  gtk_widget_set_visible (self->book_button,
                          item->kind == YRS_OUTBOX_KIND_REGISTRATION &&
                          item->state != YRS_OUTBOX_STATE_REJECTED);

  gtk_widget_set_visible (self->cancel_button,
                          item->kind == YRS_OUTBOX_KIND_RESERVATION &&
                          item->state == YRS_OUTBOX_STATE_ACCEPTED);

  /* A printed receipt, where the device has a printer. */
  {
    g_autofree char *printer = receipt_printer ();

    gtk_widget_set_visible (self->print_button, printer != NULL && reference != NULL);
  }

  /* Keep what the person takes away, once. */
  if (item->state == YRS_OUTBOX_STATE_ACCEPTED && item->server_reference != NULL &&
      yrs_session_get_owner (session) != NULL &&
      g_strcmp0 (yrs_session_get_field (session, "submission.receipt"), item->server_reference) != 0)
    {
      g_autoptr(YrsReceipt) receipt = NULL;

      receipt = yrs_store_add_receipt (store, yrs_session_get_owner (session),
                                       item->server_reference, kind, title, &error);
      if (receipt == NULL)
        g_warning ("Could not keep the receipt: %s", error->message);
      yrs_session_set_field (session, "submission.receipt", item->server_reference);
    }
}

static gboolean
poll_cb (gpointer data)
{
  yrs_submitted_page_refresh (YRS_SUBMITTED_PAGE (data));
  return G_SOURCE_CONTINUE;
}

static void
yrs_submitted_page_map (GtkWidget *widget)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);

  GTK_WIDGET_CLASS (yrs_submitted_page_parent_class)->map (widget);

  yrs_submitted_page_refresh (self);
  /* The sync engine answers in the background; follow the row. */
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (1, poll_cb, self);
}

static void
yrs_submitted_page_unmap (GtkWidget *widget)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);

  g_clear_handle_id (&self->poll_id, g_source_remove);

  GTK_WIDGET_CLASS (yrs_submitted_page_parent_class)->unmap (widget);
}

static void
resubmit (YrsSubmittedPage *self,
          const char       *kind,
          const char       *payload)
{
  YrsSession *session = session_of (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = yrs_session_submit (session, kind, payload, &error);

  if (key == NULL)
    {
      g_warning ("Could not queue the %s: %s", kind, error->message);
      return;
    }
  yrs_session_set_field (session, "submission.key", key);
  yrs_submitted_page_refresh (self);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);
  YrsSession *session = session_of (self);
  YrsStore *store = yrs_session_get_store (session);
  const char *slot = g_variant_get_string (param, NULL);
  const char *key = yrs_session_get_field (session, "submission.key");
  g_autoptr(YrsOutboxItem) item = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  JsonObject *booking;

  if (store == NULL || key == NULL)
    return;
  item = yrs_store_outbox_get (store, key, NULL);
  if (item == NULL || item->payload == NULL ||
      !json_parser_load_from_data (parser, item->payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  /* A new booking the person chose, never a silent rebooking: the same
   * registration (however the booking names it), the chosen slot. */
  root = json_node_copy (json_parser_get_root (parser));
  booking = json_node_get_object (root);
  json_object_set_string_member (booking, "slot", slot);
  payload = json_to_string (root, FALSE);

  yrs_session_set_field (session, "reserve.slot", slot);
  resubmit (self, "reservation", payload);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;

  if (self->reference == NULL || g_strcmp0 (self->state, "accepted") != 0)
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reservation");
  json_builder_add_string_value (builder, self->reference);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  payload = json_to_string (root, FALSE);
  resubmit (self, "cancellation", payload);
}

static void
print_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YrsSubmittedPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (yrs_receipt_print_finish (result, &error))
    gtk_label_set_label (self->print_label, _("Your receipt is printing. Please take it from the printer."));
  else
    {
      g_autofree char *text = g_strdup_printf (_("＊The receipt could not be printed (%s). Please write down the reference number, or ask a member of staff."),
                                               error->message);
      gtk_label_set_label (self->print_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), TRUE);
  gtk_widget_set_sensitive (self->print_button, TRUE);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);
  g_autofree char *printer = receipt_printer ();
  const char *steps[] = { gtk_label_get_label (self->next_label), NULL };

  if (printer == NULL || self->reference == NULL)
    return;

  gtk_widget_set_sensitive (self->print_button, FALSE);
  gtk_label_set_label (self->print_label, _("Printing…"));
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), TRUE);
  yrs_receipt_print_async (printer,
                           gtk_label_get_label (self->state_label),
                           self->reference,
                           steps,
                           NULL,
                           print_done,
                           g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  yrs_submitted_page_refresh (YRS_SUBMITTED_PAGE (widget));
}

static void
yrs_submitted_page_load (YrsPage *page)
{
  yrs_submitted_page_refresh (YRS_SUBMITTED_PAGE (page));
}

static void
yrs_submitted_page_dispose (GObject *object)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);

  G_OBJECT_CLASS (yrs_submitted_page_parent_class)->dispose (object);
}

static void
yrs_submitted_page_finalize (GObject *object)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (object);

  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->shown_alternatives, g_free);

  G_OBJECT_CLASS (yrs_submitted_page_parent_class)->finalize (object);
}

static void
yrs_submitted_page_class_init (YrsSubmittedPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_submitted_page_dispose;
  object_class->finalize = yrs_submitted_page_finalize;
  widget_class->map = yrs_submitted_page_map;
  widget_class->unmap = yrs_submitted_page_unmap;
  page_class->load = yrs_submitted_page_load;

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);
  g_type_ensure (YRS_TYPE_QR_CODE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-submitted-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, step_indicator);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, alternatives_box);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, alternatives_list);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, receipt_box);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, reference_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, qr_code);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, receipt_note);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, book_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, print_label);

  gtk_widget_class_install_action (widget_class, "submitted.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "submitted.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "submitted.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "submitted.print", NULL, print_action);
}

static void
yrs_submitted_page_init (YrsSubmittedPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
yrs_submitted_page_get_state (YrsSubmittedPage *self)
{
  g_return_val_if_fail (YRS_IS_SUBMITTED_PAGE (self), NULL);

  return self->state;
}

const char *
yrs_submitted_page_get_reference (YrsSubmittedPage *self)
{
  g_return_val_if_fail (YRS_IS_SUBMITTED_PAGE (self), NULL);

  return self->reference;
}

guint
yrs_submitted_page_get_n_alternatives (YrsSubmittedPage *self)
{
  g_return_val_if_fail (YRS_IS_SUBMITTED_PAGE (self), 0);

  return self->n_alternatives;
}
