/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-booking-flow"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-api.h"
#include "yrs-booking.h"
#include "yrs-booking-flow.h"
#include "yrs-i18n.h"
#include "yrs-lookup-flow.h"
#include "yrs-slot-time.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-messages.h"

#define N_WEEKS 4

/* What survives a restart and a language switch is kept in the session
 * (saved with the draft). These keys are this flow's own business: */
#define KEY_KIND     "reserve.kind"      /* "stay", "day", "visit" */
#define KEY_WARD     "reserve.ward"      /* ward ID, unset = all */
#define KEY_SIBLINGS "reserve.siblings"  /* "1" */
#define KEY_FACILITY "reserve.facility"
#define KEY_DAY      "reserve.day"       /* YYYY-MM-DD */
#define KEY_SLOT     "reserve.slot"
/* and the answers care.kind, care.facility (the fee needs them) and
 * health.infectious_today. */

struct _YrsBookingFlow
{
  GObject               parent_instance;

  YrsSession           *session;      /* not owned: it owns this flow; NULL once dropped */
  YrsCatalog           *catalog;      /* the session's when made, for after a drop */
  YrsStore             *store;
  YrsSyncEngine        *engine;
  gboolean              writing;      /* our own change of the session */

  YrsRegistrationState  registration_state;
  char                 *registration_key;
  char                 *registration_reference;
  char                 *registration_reason;
  gboolean              from_lookup;  /* the registration is a lookup's */
  gboolean              lookup_watched;

  YrsCareKind           kind;
  char                 *ward;
  gboolean              siblings;
  char                 *facility;
  char                 *day;
  YrsSlot              *slot;         /* the chosen one, as cached */
  char                 *slot_id;

  gboolean              over_choice_age;
  int                   choice_months;

  GListStore           *wards;
  GListStore           *facilities;
  GListStore           *days;
  YrsDate               days_start;
  YrsDate               days_today;
  GListStore           *times;

  YrsEvaluation        *evaluation;   /* as of the visit day */
  gboolean              can_confirm;
  YrsBookingGate        gate;
};

G_DEFINE_FINAL_TYPE (YrsBookingFlow, yrs_booking_flow, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (YrsRegistrationState, yrs_registration_state,
                    G_DEFINE_ENUM_VALUE (YRS_REGISTRATION_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (YRS_REGISTRATION_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (YRS_REGISTRATION_REGISTERED, "registered"),
                    G_DEFINE_ENUM_VALUE (YRS_REGISTRATION_REJECTED, "rejected"))

enum {
  PROP_0,
  PROP_REGISTRATION_STATE,
  PROP_REGISTRATION_TITLE,
  PROP_REGISTRATION_TEXT,
  PROP_CAN_REGISTER,
  PROP_REGISTRATION_KEY,
  PROP_REGISTRATION_REFERENCE,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_WARD,
  PROP_WARD_POSITION,
  PROP_WARDS,
  PROP_SIBLINGS,
  PROP_OVER_CHOICE_AGE,
  PROP_AGE_NOTE,
  PROP_FACILITIES,
  PROP_HAS_FACILITIES,
  PROP_FACILITY,
  PROP_FACILITY_NAME,
  PROP_TITLE,
  PROP_DAYS,
  PROP_MONTH_HEADING,
  PROP_DAY,
  PROP_DAY_TITLE,
  PROP_TIMES,
  PROP_HAS_TIMES,
  PROP_SLOT,
  PROP_WHEN,
  PROP_FEE_KNOWN,
  PROP_FEE_ELIGIBLE,
  PROP_FEE_STATUS,
  PROP_FEE_DETAIL,
  PROP_FEE_SAMPLE,
  PROP_FEE_TEXT,
  PROP_QUESTION,
  PROP_ANSWERED_NO,
  PROP_ANSWERED_YES,
  PROP_CAN_CONFIRM,
  PROP_GATE_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
yrs_registration_state_to_string (YrsRegistrationState state)
{
  switch (state)
    {
    case YRS_REGISTRATION_NONE:
      return "none";
    case YRS_REGISTRATION_PENDING:
      return "pending";
    case YRS_REGISTRATION_REGISTERED:
      return "registered";
    case YRS_REGISTRATION_REJECTED:
      return "rejected";
    default:
      return NULL;
    }
}

static void
notify (YrsBookingFlow *self,
        guint           prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_field (YrsBookingFlow *self,
           const char     *key,
           const char     *value)
{
  self->writing = TRUE;
  yrs_session_set_field (self->session, key, value);
  self->writing = FALSE;
}

static void
set_answer (YrsBookingFlow *self,
            const char     *id,
            const char     *value)
{
  self->writing = TRUE;
  yrs_answers_set_string (yrs_session_get_answers (self->session), id, value);
  self->writing = FALSE;
}

static YrsCatalog *
catalog_of (YrsBookingFlow *self)
{
  return self->session != NULL ? yrs_session_get_catalog (self->session) : self->catalog;
}

static gboolean
answered (YrsBookingFlow *self,
          gboolean        infectious)
{
  gboolean value = FALSE;

  if (self->session == NULL)
    return FALSE;
  return yrs_answers_get_bool (yrs_session_get_answers (self->session), "health.infectious_today", &value) &&
         value == infectious;
}

/* ---- Registration ------------------------------------------------------ */

static void on_lookup_changed (YrsBookingFlow *self);
static void update_gate (YrsBookingFlow *self);

/* The newest registration sent in this person's visit decides, unless she
 * looked up an approved one with her receipt's reference (in this visit
 * too: yrs_session_end_visit() forgets the lookup). */
static void
update_registration (YrsBookingFlow *self)
{
  const char *owner = yrs_session_get_owner (self->session);
  g_autoptr(GPtrArray) rows = NULL;
  const YrsOutboxItem *newest = NULL;
  YrsRegistrationState state = YRS_REGISTRATION_NONE;
  YrsLookupFlow *lookup = yrs_session_get_lookup_flow (self->session);
  gboolean from_lookup = FALSE;
  const char *reference;
  gboolean changed;

  if (!self->lookup_watched)
    {
      self->lookup_watched = TRUE;
      g_signal_connect_object (lookup, "notify::can-book", G_CALLBACK (on_lookup_changed),
                               self, G_CONNECT_SWAPPED);
    }

  if (self->store != NULL && owner != NULL)
    {
      g_autoptr(GError) error = NULL;

      rows = yrs_store_outbox_list (self->store, owner, YRS_OUTBOX_STATE_ANY, &error);
      if (rows == NULL)
        g_warning ("Could not read the outbox: %s", error->message);
    }
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const YrsOutboxItem *item = g_ptr_array_index (rows, i);

      /* A staff member's outbox holds every family's rows: only this
       * visit's count, never the family before's. */
      if (item->kind == YRS_OUTBOX_KIND_REGISTRATION &&
          yrs_session_is_visit_submission (self->session, item->idempotency_key))
        newest = item;
    }

  /* She came back with her reference (yrs-lookup-flow.h): her approved
   * registration, wherever she made it, is the one to book with. */
  if (lookup != NULL && yrs_lookup_flow_get_can_book (lookup))
    {
      from_lookup = TRUE;
      state = YRS_REGISTRATION_REGISTERED;
      newest = NULL;
    }
  else if (newest != NULL)
    switch (newest->state)
      {
      case YRS_OUTBOX_STATE_ACCEPTED:
        state = YRS_REGISTRATION_REGISTERED;
        break;
      case YRS_OUTBOX_STATE_REJECTED:
      case YRS_OUTBOX_STATE_CONFLICT:
        state = YRS_REGISTRATION_REJECTED;
        break;
      default:
        state = YRS_REGISTRATION_PENDING;
        break;
      }

  reference = from_lookup ? yrs_lookup_flow_get_found_reference (lookup)
                         : newest != NULL ? newest->server_reference : NULL;
  changed = state != self->registration_state || from_lookup != self->from_lookup ||
            g_strcmp0 (newest != NULL ? newest->idempotency_key : NULL, self->registration_key) != 0 ||
            g_strcmp0 (reference, self->registration_reference) != 0 ||
            g_strcmp0 (newest != NULL ? newest->reason : NULL, self->registration_reason) != 0;
  if (!changed)
    return;

  self->registration_state = state;
  self->from_lookup = from_lookup;
  g_free (self->registration_key);
  self->registration_key = newest != NULL ? g_strdup (newest->idempotency_key) : NULL;
  g_free (self->registration_reference);
  self->registration_reference = g_strdup (reference);
  g_free (self->registration_reason);
  self->registration_reason = newest != NULL ? g_strdup (newest->reason) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_REGISTRATION_STATE);
  notify (self, PROP_REGISTRATION_TITLE);
  notify (self, PROP_REGISTRATION_TEXT);
  notify (self, PROP_CAN_REGISTER);
  notify (self, PROP_REGISTRATION_KEY);
  notify (self, PROP_REGISTRATION_REFERENCE);
  g_object_thaw_notify (G_OBJECT (self));
}

static const char *
registration_title (YrsBookingFlow *self)
{
  switch (self->registration_state)
    {
    case YRS_REGISTRATION_REGISTERED:
      return _("You are registered");
    case YRS_REGISTRATION_REJECTED:
      return _("Your registration was not accepted");
    case YRS_REGISTRATION_PENDING:
      return _("Your registration is pending");
    case YRS_REGISTRATION_NONE:
    default:
      return _("First, register once");
    }
}

static char *
registration_text (YrsBookingFlow *self)
{
  switch (self->registration_state)
    {
    case YRS_REGISTRATION_REGISTERED:
      /* Translators: %s is a reference number */
      return g_strdup_printf (_("Registration %s. Choose the kind of care and a facility below."),
                              self->registration_reference != NULL ? self->registration_reference : "");
    case YRS_REGISTRATION_REJECTED:
      return yrs_sync_describe_rejection (YRS_OUTBOX_KIND_REGISTRATION, self->registration_reason);
    case YRS_REGISTRATION_PENDING:
      return g_strdup (_("It is saved and goes to the city as soon as there is a connection; the city then approves it in about 5 working days. You can look at the facilities and free days now, and book once it is approved."));
    case YRS_REGISTRATION_NONE:
    default:
      return g_strdup (_("Before your first booking, register for postpartum care (利用申請). The city approves it in about 5 working days. You can register from the 8th month of pregnancy."));
    }
}

/* She looked up her reference: book with that registration. */
static void
on_lookup_changed (YrsBookingFlow *self)
{
  if (self->session == NULL)
    return;
  update_registration (self);
  update_gate (self);
}

/* ---- Facilities -------------------------------------------------------- */

static void
update_facilities (YrsBookingFlow *self)
{
  YrsCatalog *catalog = catalog_of (self);
  YrsDate as_of = yrs_session_get_as_of (self->session);
  gboolean over = yrs_booking_is_over_choice_age (catalog, yrs_session_get_answers (self->session), as_of);
  int months = yrs_booking_choice_after_months (catalog, as_of);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->facilities));
  gboolean same;
  gboolean had = n_old > 0;

  for (guint i = 0; i < yrs_catalog_get_n_facilities (catalog); i++)
    {
      const YrsFacility *facility = yrs_catalog_get_facility (catalog, i);

      if (yrs_booking_may_choose (facility, self->kind, self->ward, over, self->siblings, NULL))
        g_ptr_array_add (items, _yrs_facility_item_new (catalog, facility, self->kind));
    }

  /* The same facilities again: keep the rows (and their widgets). */
  same = items->len == n_old;
  for (guint i = 0; same && i < n_old; i++)
    {
      g_autoptr(YrsFacilityItem) old = g_list_model_get_item (G_LIST_MODEL (self->facilities), i);

      same = g_strcmp0 (yrs_facility_item_get_id (old),
                        yrs_facility_item_get_id (g_ptr_array_index (items, i))) == 0;
    }
  if (!same)
    g_list_store_splice (self->facilities, 0, n_old, items->pdata, items->len);

  if (had != (items->len > 0))
    notify (self, PROP_HAS_FACILITIES);
  if (over != self->over_choice_age || months != self->choice_months)
    {
      self->over_choice_age = over;
      self->choice_months = months;
      notify (self, PROP_OVER_CHOICE_AGE);
      notify (self, PROP_AGE_NOTE);
    }
}

static void
fill_wards (YrsBookingFlow *self)
{
  YrsCatalog *catalog = catalog_of (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, _yrs_ward_item_new (catalog, NULL));
  for (guint i = 0; i < yrs_catalog_get_n_wards (catalog); i++)
    g_ptr_array_add (items, _yrs_ward_item_new (catalog, yrs_ward_get_id (yrs_catalog_get_ward (catalog, i))));
  g_list_store_splice (self->wards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->wards)),
                       items->pdata, items->len);
}

static guint
ward_position (YrsBookingFlow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->wards));

  for (guint i = 1; self->ward != NULL && i < n; i++)
    {
      g_autoptr(YrsWardItem) item = g_list_model_get_item (G_LIST_MODEL (self->wards), i);

      if (g_strcmp0 (yrs_ward_item_get_id (item), self->ward) == 0)
        return i;
    }
  return 0;
}

/* ---- Days and times ---------------------------------------------------- */

static GPtrArray *
list_slots (YrsBookingFlow *self,
            YrsDate         from,
            YrsDate         to)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *slots;

  if (self->store == NULL || self->facility == NULL)
    return g_ptr_array_new ();
  slots = yrs_store_list_slots (self->store, self->facility, yrs_care_kind_to_string (self->kind),
                                from, to, FALSE, &error);
  if (slots == NULL)
    {
      g_warning ("Could not read the free places: %s", error->message);
      return g_ptr_array_new ();
    }
  return slots;
}

static void
update_times (YrsBookingFlow *self)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean had = g_list_model_get_n_items (G_LIST_MODEL (self->times)) > 0;
  YrsDate date;

  if (self->day != NULL && yrs_date_parse_iso (self->day, &date, NULL))
    slots = list_slots (self, date, date);
  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      const YrsSlot *slot = g_ptr_array_index (slots, i);

      g_ptr_array_add (items, _yrs_time_item_new (slot->id, slot->starts_at, slot->ends_at,
                                                  yrs_slot_get_free (slot)));
    }
  g_list_store_splice (self->times, 0, g_list_model_get_n_items (G_LIST_MODEL (self->times)),
                       items->pdata, items->len);
  if (had != (items->len > 0))
    notify (self, PROP_HAS_TIMES);
}

/* The four weeks from the Monday of the session's day, each with the free
 * places of the chosen facility and kind. The days stay the same objects
 * while the weeks do (their places are updated in place). */
static void
update_days (YrsBookingFlow *self)
{
  YrsDate today = yrs_session_get_as_of (self->session);
  YrsDate start = yrs_date_add_days (today, -yrs_date_weekday (today));
  YrsDate end = yrs_date_add_days (start, N_WEEKS * 7 - 1);
  g_autoptr(GHashTable) free_by_day = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) slots = list_slots (self, today, end);

  if (yrs_date_compare (today, self->days_today) != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (self->days)) == 0)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (int i = 0; i < N_WEEKS * 7; i++)
        g_ptr_array_add (items, _yrs_calendar_day_new (yrs_date_add_days (start, i), today));
      self->days_start = start;
      self->days_today = today;
      g_list_store_splice (self->days, 0, g_list_model_get_n_items (G_LIST_MODEL (self->days)),
                           items->pdata, items->len);
      notify (self, PROP_MONTH_HEADING);
    }

  for (guint i = 0; i < slots->len; i++)
    {
      const YrsSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *day = g_strndup (slot->starts_at, 10);
      /* Stored as free + 1 so that a full day is not "no slots". */
      int sum = GPOINTER_TO_INT (g_hash_table_lookup (free_by_day, day));

      sum = (sum > 0 ? sum : 1) + yrs_slot_get_free (slot);
      g_hash_table_insert (free_by_day, g_steal_pointer (&day), GINT_TO_POINTER (sum));
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->days)); i++)
    {
      g_autoptr(YrsCalendarDay) item = g_list_model_get_item (G_LIST_MODEL (self->days), i);
      const char *date = yrs_calendar_day_get_date (item);

      _yrs_calendar_day_update (item, GPOINTER_TO_INT (g_hash_table_lookup (free_by_day, date)) - 1,
                                g_strcmp0 (date, self->day) == 0);
    }

  update_times (self);
}

static char *
month_heading (YrsBookingFlow *self)
{
  static const char *months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };
  YrsDate first = self->days_start;
  YrsDate last = yrs_date_add_days (first, N_WEEKS * 7 - 1);

  if (!yrs_date_is_set (first))
    return g_strdup ("");
  if (yrs_i18n_get_lang () == YRS_LANG_JA)
    {
      if (first.year != last.year)
        return g_strdup_printf ("%d年%d月〜%d年%d月", first.year, first.month, last.year, last.month);
      if (first.month != last.month)
        return g_strdup_printf ("%d年%d月〜%d月", first.year, first.month, last.month);
      return g_strdup_printf ("%d年%d月", first.year, first.month);
    }
  if (first.year != last.year)
    return g_strdup_printf ("%s %d – %s %d", _(months[first.month - 1]), first.year,
                            _(months[last.month - 1]), last.year);
  if (first.month != last.month)
    return g_strdup_printf ("%s – %s %d", _(months[first.month - 1]), _(months[last.month - 1]), first.year);
  return g_strdup_printf ("%s %d", _(months[first.month - 1]), first.year);
}

/* ---- The chosen place -------------------------------------------------- */

static void
notify_fee (YrsBookingFlow *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_FEE_KNOWN);
  notify (self, PROP_FEE_ELIGIBLE);
  notify (self, PROP_FEE_STATUS);
  notify (self, PROP_FEE_DETAIL);
  notify (self, PROP_FEE_SAMPLE);
  g_object_thaw_notify (G_OBJECT (self));
  /* Last, on its own: whoever shows the fee listens to this one. */
  notify (self, PROP_FEE_TEXT);
}

/* The fee of the chosen place for this household: the engine's result
 * as of the visit day (the session's day before a slot is chosen). */
static void
update_fee (YrsBookingFlow *self)
{
  g_autoptr(YrsAnswers) answers = yrs_session_dup_path_answers (self->session);
  YrsDate on = yrs_session_get_as_of (self->session);

  if (self->slot != NULL && self->slot->starts_at != NULL)
    {
      g_autofree char *day = g_strndup (self->slot->starts_at, 10);
      YrsDate visit;

      if (yrs_date_parse_iso (day, &visit, NULL))
        on = visit;
    }
  g_clear_object (&self->evaluation);
  self->evaluation = yrs_eligibility_evaluate (catalog_of (self), answers, on);
  notify_fee (self);
}

static const YrsResult *
fee_result (YrsBookingFlow *self)
{
  const YrsResult *result;

  if (self->evaluation == NULL)
    return NULL;
  result = yrs_evaluation_lookup (self->evaluation, "postpartum_care");
  return result != NULL && result->fee_yen >= 0 ? result : NULL;
}

static void
update_gate (YrsBookingFlow *self)
{
  YrsBookingGate gate = yrs_booking_gate (yrs_session_get_answers (self->session),
                                          self->registration_state == YRS_REGISTRATION_REGISTERED);
  gboolean can = gate == YRS_BOOKING_GATE_OPEN && self->slot_id != NULL;

  if (gate != self->gate)
    {
      self->gate = gate;
      notify (self, PROP_GATE_MESSAGE);
      notify (self, PROP_ANSWERED_NO);
      notify (self, PROP_ANSWERED_YES);
    }
  if (can != self->can_confirm)
    {
      self->can_confirm = can;
      notify (self, PROP_CAN_CONFIRM);
    }
}

static const char *
gate_message (YrsBookingFlow *self)
{
  switch (self->gate)
    {
    case YRS_BOOKING_GATE_INFECTIOUS:
      return _("Please do not come on a day when you or your baby have, or may have, an infectious illness such as influenza. Choose another day once you are both well; the care will be there for you.");
    case YRS_BOOKING_GATE_NOT_REGISTERED:
      return _("You can book once your registration for postpartum care has been received and approved. Go back to register, or ask a member of staff.");
    case YRS_BOOKING_GATE_OPEN:
    case YRS_BOOKING_GATE_UNANSWERED:
    default:
      return "";
    }
}

static void
load_slot (YrsBookingFlow *self)
{
  g_clear_pointer (&self->slot, yrs_slot_free);
  if (self->store != NULL && self->slot_id != NULL)
    self->slot = yrs_store_get_slot (self->store, self->slot_id, NULL);
}

/* ---- Signals from below ------------------------------------------------ */

static void
on_row_answered (YrsSyncEngine  *engine,
                 const char     *key,
                 int             state,
                 YrsBookingFlow *self)
{
  update_registration (self);
  update_gate (self);
}

static void
on_slots_changed (YrsSyncEngine  *engine,
                  YrsBookingFlow *self)
{
  update_days (self);
  load_slot (self);
  notify (self, PROP_WHEN);
}

/* A submission was queued (perhaps a registration). */
static void
on_sync_requested (YrsSession     *session,
                   YrsBookingFlow *self)
{
  update_registration (self);
  update_gate (self);
}

/* An answer changed (a birth date, an income answer, the day's
 * question): the facilities, the fee and the gate may follow. */
static void
on_answers_changed (YrsAnswers     *answers,
                    const char     *id,
                    YrsBookingFlow *self)
{
  if (self->writing || self->session == NULL)
    return;
  update_facilities (self);
  update_fee (self);
  update_gate (self);
}

/* ---- GObject ----------------------------------------------------------- */

static void
yrs_booking_flow_dispose (GObject *object)
{
  YrsBookingFlow *self = YRS_BOOKING_FLOW (object);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (yrs_session_get_answers (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *) &self->session);
      self->session = NULL;
    }
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->evaluation);

  G_OBJECT_CLASS (yrs_booking_flow_parent_class)->dispose (object);
}

static void
yrs_booking_flow_finalize (GObject *object)
{
  YrsBookingFlow *self = YRS_BOOKING_FLOW (object);

  g_clear_pointer (&self->registration_key, g_free);
  g_clear_pointer (&self->registration_reference, g_free);
  g_clear_pointer (&self->registration_reason, g_free);
  g_clear_pointer (&self->ward, g_free);
  g_clear_pointer (&self->facility, g_free);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->slot, yrs_slot_free);
  g_clear_pointer (&self->slot_id, g_free);
  g_clear_object (&self->wards);
  g_clear_object (&self->facilities);
  g_clear_object (&self->days);
  g_clear_object (&self->times);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (yrs_booking_flow_parent_class)->finalize (object);
}

static void
yrs_booking_flow_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsBookingFlow *self = YRS_BOOKING_FLOW (object);
  YrsLang lang = yrs_i18n_get_lang ();

  switch (prop_id)
    {
    case PROP_REGISTRATION_STATE:
      g_value_set_enum (value, self->registration_state);
      break;
    case PROP_REGISTRATION_TITLE:
      g_value_set_string (value, registration_title (self));
      break;
    case PROP_REGISTRATION_TEXT:
      g_value_take_string (value, registration_text (self));
      break;
    case PROP_CAN_REGISTER:
      g_value_set_boolean (value, self->registration_state == YRS_REGISTRATION_NONE ||
                                  self->registration_state == YRS_REGISTRATION_REJECTED);
      break;
    case PROP_REGISTRATION_KEY:
      g_value_set_string (value, self->registration_key);
      break;
    case PROP_REGISTRATION_REFERENCE:
      g_value_set_string (value, self->registration_reference);
      break;
    case PROP_KIND:
      g_value_set_string (value, yrs_care_kind_to_string (self->kind));
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, yrs_care_kind_get_label (self->kind));
      break;
    case PROP_WARD:
      g_value_set_string (value, self->ward);
      break;
    case PROP_WARD_POSITION:
      g_value_set_uint (value, ward_position (self));
      break;
    case PROP_WARDS:
      g_value_set_object (value, self->wards);
      break;
    case PROP_SIBLINGS:
      g_value_set_boolean (value, self->siblings);
      break;
    case PROP_OVER_CHOICE_AGE:
      g_value_set_boolean (value, self->over_choice_age);
      break;
    case PROP_AGE_NOTE:
      /* Translators: %d is the catalogue's age in months (4) */
      g_value_take_string (value, g_strdup_printf (ngettext ("Your baby is over %d month old: only the facilities that take older babies are listed.",
                                                             "Your baby is over %d months old: only the facilities that take older babies are listed.",
                                                             MAX (self->choice_months, 0)),
                                                   MAX (self->choice_months, 0)));
      break;
    case PROP_FACILITIES:
      g_value_set_object (value, self->facilities);
      break;
    case PROP_HAS_FACILITIES:
      g_value_set_boolean (value, g_list_model_get_n_items (G_LIST_MODEL (self->facilities)) > 0);
      break;
    case PROP_FACILITY:
      g_value_set_string (value, self->facility);
      break;
    case PROP_FACILITY_NAME:
      {
        const YrsFacility *facility = self->facility != NULL
                                      ? yrs_catalog_lookup_facility (catalog_of (self), self->facility) : NULL;

        g_value_set_string (value, facility != NULL ? yrs_facility_get_name (facility, lang) : "");
      }
      break;
    case PROP_TITLE:
      {
        const YrsFacility *facility = self->facility != NULL
                                      ? yrs_catalog_lookup_facility (catalog_of (self), self->facility) : NULL;

        g_value_take_string (value, g_strdup_printf ("%s: %s",
                                                     facility != NULL ? yrs_facility_get_name (facility, lang) : "",
                                                     yrs_care_kind_get_label (self->kind)));
      }
      break;
    case PROP_DAYS:
      g_value_set_object (value, self->days);
      break;
    case PROP_MONTH_HEADING:
      g_value_take_string (value, month_heading (self));
      break;
    case PROP_DAY:
      g_value_set_string (value, self->day);
      break;
    case PROP_DAY_TITLE:
      {
        YrsDate date;

        if (self->day != NULL && yrs_date_parse_iso (self->day, &date, NULL))
          {
            g_autofree char *text = yrs_date_format (date, lang);

            /* Translators: heading over the times of one day; %s is the date */
            g_value_take_string (value, g_strdup_printf (_("Times on %s"), text));
          }
        else
          g_value_set_string (value, "");
      }
      break;
    case PROP_TIMES:
      g_value_set_object (value, self->times);
      break;
    case PROP_HAS_TIMES:
      g_value_set_boolean (value, g_list_model_get_n_items (G_LIST_MODEL (self->times)) > 0);
      break;
    case PROP_SLOT:
      g_value_set_string (value, self->slot_id);
      break;
    case PROP_WHEN:
      g_value_take_string (value, self->slot != NULL
                                  ? yrs_slot_time_format (self->slot->starts_at, self->slot->ends_at, TRUE)
                                  : g_strdup (""));
      break;
    case PROP_FEE_KNOWN:
      g_value_set_boolean (value, fee_result (self) != NULL);
      break;
    case PROP_FEE_ELIGIBLE:
      g_value_set_boolean (value, fee_result (self) != NULL && fee_result (self)->status == YRS_STATUS_ELIGIBLE);
      break;
    case PROP_FEE_STATUS:
      g_value_set_string (value, fee_result (self) != NULL
                                 ? yrs_status_get_label (fee_result (self)->status)
                                 : _("The fee depends on your answers in the check; answer them to see it."));
      break;
    case PROP_FEE_DETAIL:
      {
        const YrsResult *result = fee_result (self);

        if (result != NULL && result->reduction_yen > 0 && result->gross_fee_yen >= 0)
          {
            g_autofree char *gross = yrs_money_format (result->gross_fee_yen, lang);
            g_autofree char *reduction = yrs_money_format (result->reduction_yen, lang);

            if (result->sample)
              /* Translators: how the fee came about, from a facility fee the city has not published */
              g_value_take_string (value, g_strdup_printf (_("The facility's fee is a sample figure (%s); the city takes %s off for your household."),
                                                           gross, reduction));
            else
              /* Translators: how the fee came about */
              g_value_take_string (value, g_strdup_printf (_("The facility's fee is %s; the city takes %s off for your household."),
                                                           gross, reduction));
          }
        else
          g_value_set_string (value, "");
      }
      break;
    case PROP_FEE_SAMPLE:
      g_value_set_boolean (value, fee_result (self) != NULL && fee_result (self)->sample);
      break;
    case PROP_FEE_TEXT:
      {
        const YrsResult *result = fee_result (self);
        g_autofree char *money = result != NULL ? yrs_money_format (result->fee_yen, lang) : NULL;

        if (result == NULL)
          g_value_set_string (value, "");
        else if (result->sample)
          /* Translators: a fee worked out from a figure the city has not published: never a promise */
          g_value_take_string (value, g_strdup_printf (_("The ward will confirm your fee (sample figure: %s)"), money));
        else
          g_value_take_string (value, g_steal_pointer (&money));
      }
      break;
    case PROP_QUESTION:
      {
        const YrsQuestion *question = yrs_catalog_lookup_question (catalog_of (self), "health.infectious_today");

        g_value_set_string (value, question != NULL ? yrs_question_get_text (question, lang)
                                   : _("Will you or your baby have, or might you have, an infectious illness such as influenza on the day of your visit?"));
      }
      break;
    case PROP_ANSWERED_NO:
      g_value_set_boolean (value, answered (self, FALSE));
      break;
    case PROP_ANSWERED_YES:
      g_value_set_boolean (value, answered (self, TRUE));
      break;
    case PROP_CAN_CONFIRM:
      g_value_set_boolean (value, self->can_confirm);
      break;
    case PROP_GATE_MESSAGE:
      g_value_set_string (value, gate_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_booking_flow_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YrsBookingFlow *self = YRS_BOOKING_FLOW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      yrs_booking_flow_set_kind (self, g_value_get_string (value));
      break;
    case PROP_WARD:
      yrs_booking_flow_set_ward (self, g_value_get_string (value));
      break;
    case PROP_WARD_POSITION:
      {
        guint position = g_value_get_uint (value);
        g_autoptr(YrsWardItem) item = NULL;

        if (position < g_list_model_get_n_items (G_LIST_MODEL (self->wards)))
          item = g_list_model_get_item (G_LIST_MODEL (self->wards), position);
        if (item != NULL)
          yrs_booking_flow_set_ward (self, yrs_ward_item_get_id (item));
      }
      break;
    case PROP_SIBLINGS:
      yrs_booking_flow_set_siblings (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
yrs_booking_flow_class_init (YrsBookingFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_booking_flow_dispose;
  object_class->finalize = yrs_booking_flow_finalize;
  object_class->get_property = yrs_booking_flow_get_property;
  object_class->set_property = yrs_booking_flow_set_property;

  properties[PROP_REGISTRATION_STATE] =
    g_param_spec_enum ("registration-state", NULL, NULL, YRS_TYPE_REGISTRATION_STATE, YRS_REGISTRATION_NONE, RO);
  properties[PROP_REGISTRATION_TITLE] = g_param_spec_string ("registration-title", NULL, NULL, NULL, RO);
  properties[PROP_REGISTRATION_TEXT] = g_param_spec_string ("registration-text", NULL, NULL, NULL, RO);
  properties[PROP_CAN_REGISTER] = g_param_spec_boolean ("can-register", NULL, NULL, TRUE, RO);
  properties[PROP_REGISTRATION_KEY] = g_param_spec_string ("registration-key", NULL, NULL, NULL, RO);
  properties[PROP_REGISTRATION_REFERENCE] = g_param_spec_string ("registration-reference", NULL, NULL, NULL, RO);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "stay", RW);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, RO);
  properties[PROP_WARD] = g_param_spec_string ("ward", NULL, NULL, NULL, RW);
  properties[PROP_WARD_POSITION] = g_param_spec_uint ("ward-position", NULL, NULL, 0, G_MAXUINT, 0, RW);
  properties[PROP_WARDS] = g_param_spec_object ("wards", NULL, NULL, G_TYPE_LIST_MODEL, RO);
  properties[PROP_SIBLINGS] = g_param_spec_boolean ("siblings", NULL, NULL, FALSE, RW);
  properties[PROP_OVER_CHOICE_AGE] = g_param_spec_boolean ("over-choice-age", NULL, NULL, FALSE, RO);
  properties[PROP_AGE_NOTE] = g_param_spec_string ("age-note", NULL, NULL, NULL, RO);
  properties[PROP_FACILITIES] = g_param_spec_object ("facilities", NULL, NULL, G_TYPE_LIST_MODEL, RO);
  properties[PROP_HAS_FACILITIES] = g_param_spec_boolean ("has-facilities", NULL, NULL, FALSE, RO);
  properties[PROP_FACILITY] = g_param_spec_string ("facility", NULL, NULL, NULL, RO);
  properties[PROP_FACILITY_NAME] = g_param_spec_string ("facility-name", NULL, NULL, NULL, RO);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_DAYS] = g_param_spec_object ("days", NULL, NULL, G_TYPE_LIST_MODEL, RO);
  properties[PROP_MONTH_HEADING] = g_param_spec_string ("month-heading", NULL, NULL, NULL, RO);
  properties[PROP_DAY] = g_param_spec_string ("day", NULL, NULL, NULL, RO);
  properties[PROP_DAY_TITLE] = g_param_spec_string ("day-title", NULL, NULL, NULL, RO);
  properties[PROP_TIMES] = g_param_spec_object ("times", NULL, NULL, G_TYPE_LIST_MODEL, RO);
  properties[PROP_HAS_TIMES] = g_param_spec_boolean ("has-times", NULL, NULL, FALSE, RO);
  properties[PROP_SLOT] = g_param_spec_string ("slot", NULL, NULL, NULL, RO);
  properties[PROP_WHEN] = g_param_spec_string ("when", NULL, NULL, NULL, RO);
  properties[PROP_FEE_KNOWN] = g_param_spec_boolean ("fee-known", NULL, NULL, FALSE, RO);
  properties[PROP_FEE_ELIGIBLE] = g_param_spec_boolean ("fee-eligible", NULL, NULL, FALSE, RO);
  properties[PROP_FEE_STATUS] = g_param_spec_string ("fee-status", NULL, NULL, NULL, RO);
  properties[PROP_FEE_DETAIL] = g_param_spec_string ("fee-detail", NULL, NULL, NULL, RO);
  properties[PROP_FEE_SAMPLE] = g_param_spec_boolean ("fee-sample", NULL, NULL, FALSE, RO);
  properties[PROP_FEE_TEXT] = g_param_spec_string ("fee-text", NULL, NULL, NULL, RO);
  properties[PROP_QUESTION] = g_param_spec_string ("question", NULL, NULL, NULL, RO);
  properties[PROP_ANSWERED_NO] = g_param_spec_boolean ("answered-no", NULL, NULL, FALSE, RO);
  properties[PROP_ANSWERED_YES] = g_param_spec_boolean ("answered-yes", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_CONFIRM] = g_param_spec_boolean ("can-confirm", NULL, NULL, FALSE, RO);
  properties[PROP_GATE_MESSAGE] = g_param_spec_string ("gate-message", NULL, NULL, NULL, RO);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_booking_flow_init (YrsBookingFlow *self)
{
  self->wards = g_list_store_new (YRS_TYPE_WARD_ITEM);
  self->facilities = g_list_store_new (YRS_TYPE_FACILITY_ITEM);
  self->days = g_list_store_new (YRS_TYPE_CALENDAR_DAY);
  self->times = g_list_store_new (YRS_TYPE_TIME_ITEM);
  self->kind = YRS_CARE_STAY;
  self->choice_months = -1;
  self->gate = YRS_BOOKING_GATE_UNANSWERED;
}

YrsBookingFlow *
yrs_booking_flow_new (YrsSession *session)
{
  YrsBookingFlow *self;
  const char *kind;

  g_return_val_if_fail (YRS_IS_SESSION (session), NULL);

  self = g_object_new (YRS_TYPE_BOOKING_FLOW, NULL);
  self->session = session;
  self->catalog = g_object_ref (yrs_session_get_catalog (session));
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &self->session);
  if (yrs_session_get_store (session) != NULL)
    self->store = g_object_ref (yrs_session_get_store (session));
  if (yrs_session_get_sync_engine (session) != NULL)
    {
      self->engine = g_object_ref (yrs_session_get_sync_engine (session));
      g_signal_connect_object (self->engine, "row-answered", G_CALLBACK (on_row_answered), self, 0);
      g_signal_connect_object (self->engine, "slots-changed", G_CALLBACK (on_slots_changed), self, 0);
    }
  g_signal_connect (session, "sync-requested", G_CALLBACK (on_sync_requested), self);
  g_signal_connect_object (yrs_session_get_answers (session), "changed",
                           G_CALLBACK (on_answers_changed), self, 0);

  /* Restore what the draft kept. */
  kind = yrs_session_get_field (session, KEY_KIND);
  if (kind == NULL || !yrs_care_kind_from_string (kind, &self->kind))
    self->kind = YRS_CARE_STAY;
  self->ward = g_strdup (yrs_session_get_field (session, KEY_WARD));
  self->siblings = g_strcmp0 (yrs_session_get_field (session, KEY_SIBLINGS), "1") == 0;
  self->facility = g_strdup (yrs_session_get_field (session, KEY_FACILITY));
  self->day = g_strdup (yrs_session_get_field (session, KEY_DAY));
  self->slot_id = g_strdup (yrs_session_get_field (session, KEY_SLOT));

  fill_wards (self);
  yrs_booking_flow_reload (self);
  return self;
}

void
yrs_booking_flow_reload (YrsBookingFlow *self)
{
  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));

  if (self->session == NULL)
    return;
  update_registration (self);
  update_facilities (self);
  update_days (self);
  load_slot (self);
  update_fee (self);
  update_gate (self);
  notify (self, PROP_WHEN);
}

YrsRegistrationState
yrs_booking_flow_get_registration_state (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), YRS_REGISTRATION_NONE);

  return self->registration_state;
}

const char *
yrs_booking_flow_get_registration_key (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return self->registration_key;
}

const char *
yrs_booking_flow_get_registration_reference (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return self->registration_reference;
}

const char *
yrs_booking_flow_get_kind (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return yrs_care_kind_to_string (self->kind);
}

void
yrs_booking_flow_set_kind (YrsBookingFlow *self,
                           const char     *kind)
{
  YrsCareKind value;

  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));

  if (kind == NULL || !yrs_care_kind_from_string (kind, &value))
    value = YRS_CARE_STAY;
  if (self->session == NULL || value == self->kind)
    return;
  self->kind = value;
  set_field (self, KEY_KIND, yrs_care_kind_to_string (value));
  set_answer (self, "care.kind", yrs_care_kind_to_string (value));
  notify (self, PROP_KIND);
  notify (self, PROP_KIND_LABEL);
  notify (self, PROP_TITLE);
  update_facilities (self);
  update_days (self);
  update_fee (self);
}

const char *
yrs_booking_flow_get_ward (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return self->ward;
}

void
yrs_booking_flow_set_ward (YrsBookingFlow *self,
                           const char     *ward)
{
  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));

  if (self->session == NULL || g_strcmp0 (ward, self->ward) == 0)
    return;
  g_free (self->ward);
  self->ward = g_strdup (ward);
  set_field (self, KEY_WARD, ward);
  notify (self, PROP_WARD);
  notify (self, PROP_WARD_POSITION);
  update_facilities (self);
}

gboolean
yrs_booking_flow_get_siblings (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), FALSE);

  return self->siblings;
}

void
yrs_booking_flow_set_siblings (YrsBookingFlow *self,
                               gboolean        siblings)
{
  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));

  siblings = !!siblings;
  if (self->session == NULL || siblings == self->siblings)
    return;
  self->siblings = siblings;
  set_field (self, KEY_SIBLINGS, siblings ? "1" : NULL);
  notify (self, PROP_SIBLINGS);
  update_facilities (self);
}

GListModel *
yrs_booking_flow_get_wards (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return G_LIST_MODEL (self->wards);
}

GListModel *
yrs_booking_flow_get_facilities (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return G_LIST_MODEL (self->facilities);
}

void
yrs_booking_flow_choose_facility (YrsBookingFlow *self,
                                  const char     *facility)
{
  const char *kind;

  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));
  g_return_if_fail (facility != NULL);

  if (self->session == NULL)
    return;
  kind = yrs_care_kind_to_string (self->kind);
  g_free (self->facility);
  self->facility = g_strdup (facility);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->slot_id, g_free);
  g_clear_pointer (&self->slot, yrs_slot_free);
  /* The kind shown goes with it: the next pages list and book slots of
   * this kind only. */
  set_field (self, KEY_FACILITY, facility);
  set_field (self, KEY_KIND, kind);
  set_field (self, KEY_DAY, NULL);
  set_field (self, KEY_SLOT, NULL);
  set_answer (self, "care.facility", facility);
  set_answer (self, "care.kind", kind);

  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_FACILITY);
  notify (self, PROP_FACILITY_NAME);
  notify (self, PROP_TITLE);
  notify (self, PROP_DAY);
  notify (self, PROP_DAY_TITLE);
  notify (self, PROP_SLOT);
  notify (self, PROP_WHEN);
  g_object_thaw_notify (G_OBJECT (self));
  update_days (self);
  update_fee (self);
  update_gate (self);
}

const char *
yrs_booking_flow_get_facility (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return self->facility;
}

GListModel *
yrs_booking_flow_get_days (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return G_LIST_MODEL (self->days);
}

int
yrs_booking_flow_get_free_on (YrsBookingFlow *self,
                              const char     *day)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), -1);

  for (guint i = 0; day != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->days)); i++)
    {
      g_autoptr(YrsCalendarDay) item = g_list_model_get_item (G_LIST_MODEL (self->days), i);

      if (g_str_equal (yrs_calendar_day_get_date (item), day))
        return yrs_calendar_day_get_free (item);
    }
  return -1;
}

void
yrs_booking_flow_choose_day (YrsBookingFlow *self,
                             const char     *day)
{
  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));

  if (self->session == NULL || g_strcmp0 (day, self->day) == 0)
    return;
  g_free (self->day);
  self->day = g_strdup (day);
  set_field (self, KEY_DAY, day);
  notify (self, PROP_DAY);
  notify (self, PROP_DAY_TITLE);
  update_days (self);
}

const char *
yrs_booking_flow_get_day (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return self->day;
}

GListModel *
yrs_booking_flow_get_times (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return G_LIST_MODEL (self->times);
}

void
yrs_booking_flow_choose_slot (YrsBookingFlow *self,
                              const char     *slot)
{
  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));

  if (self->session == NULL)
    return;
  g_free (self->slot_id);
  self->slot_id = g_strdup (slot);
  set_field (self, KEY_SLOT, slot);
  load_slot (self);
  notify (self, PROP_SLOT);
  notify (self, PROP_WHEN);
  update_fee (self);
  update_gate (self);
}

const char *
yrs_booking_flow_get_slot (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  return self->slot_id;
}

char *
yrs_booking_flow_dup_fee_text (YrsBookingFlow *self)
{
  char *text = NULL;

  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  g_object_get (self, "fee-text", &text, NULL);
  return text;
}

void
yrs_booking_flow_set_infectious (YrsBookingFlow *self,
                                 gboolean        infectious)
{
  g_return_if_fail (YRS_IS_BOOKING_FLOW (self));

  if (self->session == NULL || answered (self, !!infectious))
    return;
  self->writing = TRUE;
  yrs_answers_set_bool (yrs_session_get_answers (self->session), "health.infectious_today", infectious);
  self->writing = FALSE;
  notify (self, PROP_ANSWERED_NO);
  notify (self, PROP_ANSWERED_YES);
  update_fee (self);
  update_gate (self);
}

gboolean
yrs_booking_flow_get_can_confirm (YrsBookingFlow *self)
{
  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), FALSE);

  return self->can_confirm;
}

char *
yrs_booking_flow_confirm (YrsBookingFlow *self,
                          GError        **error)
{
  g_autofree char *payload = NULL;
  g_autofree char *server_id = NULL;
  char *key;

  g_return_val_if_fail (YRS_IS_BOOKING_FLOW (self), NULL);

  if (self->session == NULL || !self->can_confirm ||
      (self->registration_key == NULL && !self->from_lookup))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           "The booking is not ready: no slot, no accepted registration or the day's question not answered “no”");
      return NULL;
    }

  if (self->from_lookup)
    {
      /* Her registration from the lookup, proved by its token: it may
       * have been made at another kiosk. */
      YrsLookupFlow *lookup = yrs_session_get_lookup_flow (self->session);
      g_autoptr(YrsApiReservationRequest) request = yrs_api_reservation_request_new ();

      if (yrs_lookup_flow_get_registration (lookup) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "The looked-up registration is gone");
          return NULL;
        }
      request->registration = g_strdup (yrs_lookup_flow_get_registration (lookup));
      request->slot = g_strdup (self->slot_id);
      request->lookup_token = g_strdup (yrs_lookup_flow_get_token (lookup));
      payload = yrs_api_reservation_request_to_string (request);
    }
  /* The city's ID of the registration when the engine recorded it; else
   * its outbox row's key, which the engine swaps for the ID. */
  else if (self->store != NULL)
    server_id = yrs_store_outbox_get_server_id (self->store, self->registration_key, NULL);
  if (payload != NULL)
    ;
  else if (server_id != NULL)
    {
      g_autoptr(YrsApiReservationRequest) request = yrs_api_reservation_request_new ();

      request->registration = g_strdup (server_id);
      request->slot = g_strdup (self->slot_id);
      payload = yrs_api_reservation_request_to_string (request);
    }
  else
    payload = yrs_sync_reservation_envelope (self->registration_key, self->slot_id);

  key = yrs_session_submit (self->session, "reservation", payload, error);
  if (key == NULL)
    return NULL;
  /* The receipt page shows this row. */
  set_field (self, "submission.key", key);
  return key;
}
