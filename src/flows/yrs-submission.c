/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-submission"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-api.h"
#include "yrs-i18n.h"
#include "yrs-slot-time.h"
#include "yrs-store.h"
#include "yrs-submission.h"

#include "yrs-booking-flow.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-messages.h"

struct _YrsSubmission
{
  GObject        parent_instance;

  YrsSession    *session;        /* weak: the session owns the submission */
  YrsSyncEngine *engine;
  GSettings     *settings;       /* NULL without the schema (tests) */

  char          *key;
  YrsOutboxItem *item;
  char          *printer;

  GListStore    *alternatives;   /* YrsAlternative */
  char          *shown_alternatives;   /* the JSON they were made from */
  YrsLang        shown_lang;

  /* What the const getters return, worked out in the current language
   * when read. */
  char          *title;
  char          *detail;
  char          *reference;
  char          *next_steps;
};

G_DEFINE_FINAL_TYPE (YrsSubmission, yrs_submission, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_KIND,
  PROP_STATE,
  PROP_ICON_NAME,
  PROP_STYLE,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_REFERENCE,
  PROP_HAS_REFERENCE,
  PROP_NOTE,
  PROP_NEXT_STEPS,
  PROP_CAN_CANCEL,
  PROP_CAN_BOOK,
  PROP_SHOW_STEPS,
  PROP_PRINTER,
  PROP_CAN_PRINT,
  PROP_PLACE,
  PROP_ALTERNATIVES,
  PROP_HAS_ALTERNATIVES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Sentences ---------------------------------------------------------- */

static char *
dup_title (YrsSubmission *self)
{
  const YrsOutboxItem *item = self->item;

  if (item == NULL)
    return g_strdup (_("Nothing has been sent yet"));
  switch (item->state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
      return g_strdup (_("Saved: waiting to be sent"));
    case YRS_OUTBOX_STATE_SENDING:
      return g_strdup (_("Sending…"));
    case YRS_OUTBOX_STATE_ACCEPTED:
      if (item->kind == YRS_OUTBOX_KIND_RESERVATION)
        return g_strdup (_("Booked: the city has received it"));
      if (item->kind == YRS_OUTBOX_KIND_CANCELLATION)
        return g_strdup (_("Cancelled: the city has received it"));
      return g_strdup (_("Received by the city"));
    case YRS_OUTBOX_STATE_REJECTED:
      return g_strdup (_("Not accepted"));
    case YRS_OUTBOX_STATE_CONFLICT:
    default:
      return g_strdup (_("That place has just been taken"));
    }
}

/* The place a booking is for, "facility\nwhen", from the device's copy of
 * the slot; NULL when the device does not know the slot. After choosing
 * one of the other places she sees which one she booked. */
static char *
dup_place (YrsSubmission *self)
{
  const YrsOutboxItem *item = self->item;
  YrsStore *store;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(YrsSlot) slot = NULL;
  g_autofree char *when = NULL;
  const YrsFacility *facility;
  const char *id;

  if (item == NULL || item->kind != YRS_OUTBOX_KIND_RESERVATION ||
      item->payload == NULL || self->session == NULL ||
      (store = yrs_session_get_store (self->session)) == NULL)
    return NULL;
  root = yrs_api_parse (item->payload, -1, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (id = json_object_get_string_member_with_default (json_node_get_object (root), "slot", NULL)) == NULL ||
      (slot = yrs_store_get_slot (store, id, NULL)) == NULL)
    return NULL;
  when = yrs_slot_time_format (slot->starts_at, slot->ends_at, TRUE);
  facility = yrs_catalog_lookup_facility (yrs_session_get_catalog (self->session), slot->facility_id);
  if (facility == NULL)
    return g_steal_pointer (&when);
  return g_strdup_printf ("%s\n%s", yrs_facility_get_name (facility, yrs_i18n_get_lang ()), when);
}

static char *
dup_detail (YrsSubmission *self)
{
  const YrsOutboxItem *item = self->item;
  g_autofree char *detail = NULL;
  g_autofree char *place = NULL;

  if (item == NULL)
    return g_strdup ("");
  switch (item->state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
    case YRS_OUTBOX_STATE_SENDING:
      detail = g_strdup (_("It is safe on this device and goes to the city as soon as there is a connection. You do not need to do anything more."));
      break;
    case YRS_OUTBOX_STATE_ACCEPTED:
      /* "Take your receipt" only where there is one to take: a device
       * with a receipt printer (the "printer" setting). */
      if (self->printer != NULL)
        detail = g_strdup (_("Thank you. Print your receipt with the button below and take it with you."));
      else
        detail = g_strdup (_("Thank you. Please write down the reference number below, or take a photo of this screen."));
      break;
    case YRS_OUTBOX_STATE_REJECTED:
      /* The stored reason is the server's problem as JSON: in words. */
      return yrs_sync_describe_rejection (item->kind, item->reason);
    case YRS_OUTBOX_STATE_CONFLICT:
    default:
      return g_strdup (_("Nothing was booked twice and nothing was changed without you."));
    }

  place = dup_place (self);
  if (place != NULL)
    return g_strdup_printf ("%s\n%s", place, detail);
  return g_steal_pointer (&detail);
}

/* Until the city answers, the receipt carries a reference made from the
 * submission's own key, which staff can look up on the device. */
char *
yrs_submission_format_device_reference (const char *key)
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

/* The receipt: the city's reference once it has answered, the device's
 * until then. */
static char *
dup_reference (YrsSubmission *self)
{
  const YrsOutboxItem *item = self->item;

  if (item == NULL)
    return NULL;
  if (item->state == YRS_OUTBOX_STATE_ACCEPTED && item->server_reference != NULL)
    return g_strdup (item->server_reference);
  if (item->state == YRS_OUTBOX_STATE_QUEUED || item->state == YRS_OUTBOX_STATE_SENDING)
    return yrs_submission_format_device_reference (item->idempotency_key);
  return NULL;
}

static const char *
note (YrsSubmission *self)
{
  if (self->item != NULL && self->item->state == YRS_OUTBOX_STATE_ACCEPTED)
    return _("Show this number or the QR code at the ward office if you have a question.");
  /* Translators: under the temporary D-… number of a receipt made offline */
  return _("This is a temporary number. Once this device has sent it, the city's own number replaces it (this screen shows it if you are still here). After that, ward office staff can look up the city's number from this temporary one.");
}

static const char *
next_steps (YrsSubmission *self)
{
  const YrsOutboxItem *item = self->item;

  if (item == NULL || item->state == YRS_OUTBOX_STATE_REJECTED || item->state == YRS_OUTBOX_STATE_CONFLICT)
    return "";
  switch (item->kind)
    {
    case YRS_OUTBOX_KIND_REGISTRATION:
      return _("Next: the city checks your registration, which takes about 5 working days. After that you can book postpartum care at any time, here or online. Your maternal and child health handbook (母子健康手帳) is all you need to bring.");
    case YRS_OUTBOX_KIND_RESERVATION:
      return _("On the day, bring your maternal and child health handbook (母子健康手帳) and what your baby needs for the day. If you or your baby are unwell, please cancel: at any kiosk, tap “I have a reference number” and enter it with your date of birth.");
    case YRS_OUTBOX_KIND_CANCELLATION:
      return _("Your booking is cancelled. You can book another day at any time.");
    case YRS_OUTBOX_KIND_APPLICATION:
    default:
      return _("Next: the ward office checks your application and pays the money into the account you gave, usually within two months. If anything is missing they will call you. Keep this reference number.");
    }
}

static const char *
icon_name (YrsSubmission *self)
{
  if (self->item == NULL)
    return "dialog-information-symbolic";
  switch (self->item->state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
    case YRS_OUTBOX_STATE_SENDING:
      return "emblem-synchronizing-symbolic";
    case YRS_OUTBOX_STATE_ACCEPTED:
      return "emblem-ok-symbolic";
    default:
      return "dialog-warning-symbolic";
    }
}

static const char *
style (YrsSubmission *self)
{
  if (self->item == NULL)
    return "";
  switch (self->item->state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
    case YRS_OUTBOX_STATE_SENDING:
      return "";
    case YRS_OUTBOX_STATE_ACCEPTED:
      return "ok";
    default:
      return "problem";
    }
}

static gboolean
has_reference (YrsSubmission *self)
{
  return self->item != NULL &&
         ((self->item->state == YRS_OUTBOX_STATE_ACCEPTED && self->item->server_reference != NULL) ||
          self->item->state == YRS_OUTBOX_STATE_QUEUED || self->item->state == YRS_OUTBOX_STATE_SENDING);
}

/* ---- Alternatives ------------------------------------------------------- */

static YrsAlternative *
make_alternative (YrsSubmission    *self,
                  const YrsApiSlot *slot)
{
  g_autofree char *when = yrs_slot_time_format (slot->starts_at, slot->ends_at, TRUE);
  gint64 free_places = MAX (slot->capacity - slot->booked, 0);
  g_autofree char *text = g_strdup_printf (ngettext ("%s (%d place free)", "%s (%d places free)", free_places),
                                           when, (int) free_places);
  const YrsFacility *facility = yrs_catalog_lookup_facility (yrs_session_get_catalog (self->session),
                                                             slot->facility);

  /* The places nearby may be at other facilities at the same time: the
   * facility's name first, on a line of its own. */
  if (facility != NULL)
    {
      g_autofree char *named = g_strdup_printf ("%s\n%s", yrs_facility_get_name (facility, yrs_i18n_get_lang ()), text);

      return yrs_alternative_new (slot->id, named);
    }
  return yrs_alternative_new (slot->id, text);
}

/* The list stays the same objects while the places do not change, so
 * that a tap, the focus and a screen reader's place are not lost to a
 * rebuild when the row is read again. */
static void
update_alternatives (YrsSubmission *self)
{
  const char *json = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array = NULL;
  gboolean had;

  if (self->item != NULL && self->item->state == YRS_OUTBOX_STATE_CONFLICT && self->session != NULL)
    json = self->item->alternatives;
  if (g_strcmp0 (json, self->shown_alternatives) == 0 && self->shown_lang == yrs_i18n_get_lang ())
    return;

  g_free (self->shown_alternatives);
  self->shown_alternatives = g_strdup (json);
  self->shown_lang = yrs_i18n_get_lang ();
  had = g_list_model_get_n_items (G_LIST_MODEL (self->alternatives)) > 0;

  if (json != NULL)
    root = yrs_api_parse (json, -1, NULL);
  /* Either the list itself or a problem document holding it. */
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "alternatives") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "alternatives")))
    array = json_object_get_array_member (json_node_get_object (root), "alternatives");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(YrsApiSlot) slot = yrs_api_slot_from_json (json_array_get_element (array, i), NULL);

      if (slot != NULL)
        g_ptr_array_add (items, make_alternative (self, slot));
    }

  g_list_store_splice (self->alternatives, 0, g_list_model_get_n_items (G_LIST_MODEL (self->alternatives)),
                       items->pdata, items->len);
  if (had != (items->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ALTERNATIVES]);
}

/* ---- Following the row -------------------------------------------------- */

static void
read_printer (YrsSubmission *self)
{
  g_autofree char *printer = NULL;

  if (self->settings != NULL)
    printer = g_settings_get_string (self->settings, "printer");
  if (printer != NULL && *printer == '\0')
    g_clear_pointer (&printer, g_free);
  if (g_strcmp0 (printer, self->printer) == 0)
    return;
  g_free (self->printer);
  self->printer = g_steal_pointer (&printer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINTER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_PRINT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

/* Keep what the person takes away, once. */
static void
keep_receipt (YrsSubmission *self)
{
  const YrsOutboxItem *item = self->item;
  YrsStore *store;
  const char *owner;
  g_autoptr(YrsReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (item == NULL || item->state != YRS_OUTBOX_STATE_ACCEPTED || item->server_reference == NULL ||
      self->session == NULL || (store = yrs_session_get_store (self->session)) == NULL ||
      (owner = yrs_session_get_owner (self->session)) == NULL ||
      g_strcmp0 (yrs_session_get_field (self->session, "submission.receipt"), item->server_reference) == 0)
    return;

  title = dup_title (self);
  receipt = yrs_store_add_receipt (store, owner, item->server_reference,
                                   yrs_outbox_kind_to_string (item->kind), title, &error);
  if (receipt == NULL)
    g_warning ("Could not keep the receipt: %s", error->message);
  yrs_session_set_field (self->session, "submission.receipt", item->server_reference);
}

void
yrs_submission_reload (YrsSubmission *self)
{
  YrsStore *store;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (YRS_IS_SUBMISSION (self));

  g_clear_pointer (&self->item, yrs_outbox_item_free);
  store = self->session != NULL ? yrs_session_get_store (self->session) : NULL;
  if (store != NULL && self->key != NULL)
    self->item = yrs_store_outbox_get (store, self->key, &error);
  if (error != NULL && !g_error_matches (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not read the submission: %s", error->message);

  read_printer (self);
  update_alternatives (self);
  keep_receipt (self);

  /* Everything shown follows from the row. */
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_KIND; i < N_PROPS; i++)
    if (i != PROP_PRINTER && i != PROP_ALTERNATIVES && i != PROP_HAS_ALTERNATIVES)
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_row_answered (YrsSyncEngine *engine,
                 const char    *key,
                 int            state,
                 YrsSubmission *self)
{
  if (g_strcmp0 (key, self->key) == 0)
    yrs_submission_reload (self);
}

static void
on_key_changed (YrsSession    *session,
                const char    *id,
                YrsSubmission *self)
{
  yrs_submission_set_key (self, yrs_session_get_field (session, "submission.key"));
}

static void
on_printer_changed (GSettings     *settings,
                    const char    *key,
                    YrsSubmission *self)
{
  read_printer (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
yrs_submission_dispose (GObject *object)
{
  YrsSubmission *self = YRS_SUBMISSION (object);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *) &self->session);
      self->session = NULL;
    }
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yrs_submission_parent_class)->dispose (object);
}

static void
yrs_submission_finalize (GObject *object)
{
  YrsSubmission *self = YRS_SUBMISSION (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->item, yrs_outbox_item_free);
  g_clear_pointer (&self->printer, g_free);
  g_clear_object (&self->alternatives);
  g_clear_pointer (&self->shown_alternatives, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->next_steps, g_free);

  G_OBJECT_CLASS (yrs_submission_parent_class)->finalize (object);
}

static void
yrs_submission_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsSubmission *self = YRS_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_KIND:
      g_value_set_string (value, yrs_submission_get_kind (self));
      break;
    case PROP_STATE:
      g_value_set_string (value, yrs_submission_get_state (self));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, icon_name (self));
      break;
    case PROP_STYLE:
      g_value_set_string (value, style (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, dup_title (self));
      break;
    case PROP_DETAIL:
      g_value_take_string (value, dup_detail (self));
      break;
    case PROP_REFERENCE:
      g_value_take_string (value, dup_reference (self));
      break;
    case PROP_HAS_REFERENCE:
      g_value_set_boolean (value, has_reference (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, note (self));
      break;
    case PROP_NEXT_STEPS:
      g_value_set_string (value, next_steps (self));
      break;
    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, yrs_submission_get_can_cancel (self));
      break;
    case PROP_CAN_BOOK:
      g_value_set_boolean (value, yrs_submission_get_can_book (self));
      break;
    case PROP_SHOW_STEPS:
      g_value_set_boolean (value, self->item != NULL &&
                                  (self->item->kind == YRS_OUTBOX_KIND_APPLICATION ||
                                   self->item->kind == YRS_OUTBOX_KIND_REGISTRATION));
      break;
    case PROP_PRINTER:
      g_value_set_string (value, self->printer);
      break;
    case PROP_CAN_PRINT:
      g_value_set_boolean (value, self->printer != NULL && has_reference (self));
      break;
    case PROP_PLACE:
      g_value_take_string (value, dup_place (self));
      break;
    case PROP_ALTERNATIVES:
      g_value_set_object (value, yrs_submission_get_alternatives (self));
      break;
    case PROP_HAS_ALTERNATIVES:
      g_value_set_boolean (value, g_list_model_get_n_items (yrs_submission_get_alternatives (self)) > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_submission_class_init (YrsSubmissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = yrs_submission_dispose;
  object_class->finalize = yrs_submission_finalize;
  object_class->get_property = yrs_submission_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, ro);
  properties[PROP_STYLE] = g_param_spec_string ("style", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, ro);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, ro);
  properties[PROP_HAS_REFERENCE] = g_param_spec_boolean ("has-reference", NULL, NULL, FALSE, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties[PROP_NEXT_STEPS] = g_param_spec_string ("next-steps", NULL, NULL, NULL, ro);
  properties[PROP_CAN_CANCEL] = g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_BOOK] = g_param_spec_boolean ("can-book", NULL, NULL, FALSE, ro);
  properties[PROP_SHOW_STEPS] = g_param_spec_boolean ("show-steps", NULL, NULL, FALSE, ro);
  properties[PROP_PRINTER] = g_param_spec_string ("printer", NULL, NULL, NULL, ro);
  properties[PROP_CAN_PRINT] = g_param_spec_boolean ("can-print", NULL, NULL, FALSE, ro);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, ro);
  properties[PROP_ALTERNATIVES] = g_param_spec_object ("alternatives", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_HAS_ALTERNATIVES] = g_param_spec_boolean ("has-alternatives", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_submission_init (YrsSubmission *self)
{
  self->alternatives = g_list_store_new (YRS_TYPE_ALTERNATIVE);
}

YrsSubmission *
yrs_submission_new (YrsSession *session)
{
  YrsSubmission *self;
  g_autoptr(GSettingsSchema) schema = NULL;
  YrsSyncEngine *engine;

  g_return_val_if_fail (YRS_IS_SESSION (session), NULL);

  self = g_object_new (YRS_TYPE_SUBMISSION, NULL);
  self->session = session;
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &self->session);
  g_signal_connect (session, "field-changed::submission.key", G_CALLBACK (on_key_changed), self);

  /* The engine says when a row is answered: no need to look. */
  engine = yrs_session_get_sync_engine (session);
  if (engine != NULL)
    {
      self->engine = g_object_ref (engine);
      g_signal_connect (engine, "row-answered", G_CALLBACK (on_row_answered), self);
    }

  /* The receipt printer, from the device's settings, read here once and
   * followed when changed. */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), SCHEMA_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (SCHEMA_ID);
      g_signal_connect (self->settings, "changed::printer", G_CALLBACK (on_printer_changed), self);
    }

  self->key = g_strdup (yrs_session_get_field (session, "submission.key"));
  yrs_submission_reload (self);
  return self;
}

/* ---- API ---------------------------------------------------------------- */

const char *
yrs_submission_get_key (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  return self->key;
}

void
yrs_submission_set_key (YrsSubmission *self,
                        const char    *key)
{
  g_return_if_fail (YRS_IS_SUBMISSION (self));

  if (g_strcmp0 (self->key, key) == 0)
    return;
  g_free (self->key);
  self->key = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
  yrs_submission_reload (self);
}

const char *
yrs_submission_get_kind (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  return self->item != NULL ? yrs_outbox_kind_to_string (self->item->kind) : NULL;
}

const char *
yrs_submission_get_state (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  return self->item != NULL ? yrs_outbox_state_to_string (self->item->state) : NULL;
}

const char *
yrs_submission_get_title (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  g_free (self->title);
  self->title = dup_title (self);
  return self->title;
}

const char *
yrs_submission_get_detail (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  g_free (self->detail);
  self->detail = dup_detail (self);
  return self->detail;
}

const char *
yrs_submission_get_reference (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  g_free (self->reference);
  self->reference = dup_reference (self);
  return self->reference;
}

const char *
yrs_submission_get_next_steps (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  return next_steps (self);
}

const char *
yrs_submission_get_printer (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);
  return self->printer;
}

gboolean
yrs_submission_get_can_cancel (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), FALSE);
  return self->item != NULL && self->item->kind == YRS_OUTBOX_KIND_RESERVATION &&
         self->item->state == YRS_OUTBOX_STATE_ACCEPTED && self->item->server_reference != NULL;
}

/* Booking comes next after a registration; the reserve page says whether
 * the city has confirmed it yet. */
gboolean
yrs_submission_get_can_book (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), FALSE);
  return self->item != NULL && self->item->kind == YRS_OUTBOX_KIND_REGISTRATION &&
         self->item->state != YRS_OUTBOX_STATE_REJECTED;
}

/* The places' sentences are in the language they were made in: after a
 * switch they are made again when next asked for. */
GListModel *
yrs_submission_get_alternatives (YrsSubmission *self)
{
  g_return_val_if_fail (YRS_IS_SUBMISSION (self), NULL);

  if (self->shown_lang != yrs_i18n_get_lang ())
    update_alternatives (self);
  return G_LIST_MODEL (self->alternatives);
}

static gboolean
submit (YrsSubmission *self,
        const char    *kind,
        const char    *payload,
        GError       **error)
{
  g_autofree char *key = yrs_session_submit (self->session, kind, payload, error);

  if (key == NULL)
    return FALSE;
  /* Followed through the session's field (see on_key_changed()). */
  yrs_session_set_field (self->session, "submission.key", key);
  yrs_submission_set_key (self, key);
  return TRUE;
}

gboolean
yrs_submission_choose_alternative (YrsSubmission *self,
                                   const char    *slot_id,
                                   GError       **error)
{
  g_autoptr(YrsApiReservationRequest) request = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  JsonObject *booking;
  const char *registration;

  g_return_val_if_fail (YRS_IS_SUBMISSION (self), FALSE);
  g_return_val_if_fail (slot_id != NULL, FALSE);

  if (self->session == NULL || self->item == NULL ||
      self->item->kind != YRS_OUTBOX_KIND_RESERVATION || self->item->payload == NULL ||
      (root = yrs_api_parse (self->item->payload, -1, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "There is no booking to choose another place for");
      return FALSE;
    }

  /* A new booking the person chose, never a silent rebooking: the same
   * registration (however the booking named it), the chosen slot. A
   * booking made offline names the registration by its row; the server
   * has answered (a conflict), so the row's server ID is known. */
  request = yrs_api_reservation_request_new ();
  booking = json_node_get_object (root);
  registration = json_object_get_string_member_with_default (booking, "registration", NULL);
  if (registration != NULL)
    request->registration = g_strdup (registration);
  else
    {
      const char *registration_key = json_object_get_string_member_with_default (booking, "registration_key", NULL);

      if (registration_key != NULL)
        request->registration = yrs_store_outbox_get_server_id (yrs_session_get_store (self->session),
                                                                registration_key, NULL);
    }
  if (request->registration == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "The booking's registration is not known on this device");
      return FALSE;
    }
  request->slot = g_strdup (slot_id);
  payload = yrs_api_reservation_request_to_string (request);

  /* The booking flow shows the place she chose from now on. */
  yrs_booking_flow_choose_slot (yrs_session_get_booking_flow (self->session), slot_id);
  return submit (self, "reservation", payload, error);
}

gboolean
yrs_submission_cancel (YrsSubmission *self,
                       GError       **error)
{
  g_autofree char *payload = NULL;

  g_return_val_if_fail (YRS_IS_SUBMISSION (self), FALSE);

  if (self->session == NULL || !yrs_submission_get_can_cancel (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Only an accepted booking can be cancelled");
      return FALSE;
    }
  payload = yrs_sync_cancellation_payload (self->item->server_reference);
  return submit (self, "cancellation", payload, error);
}
