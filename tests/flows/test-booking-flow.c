/* SPDX-License-Identifier: GPL-3.0-or-later */

/* YrsBookingFlow without widgets: a real store file, the real
 * yorisoi-server over loopback where the sync engine talks to it. */

#define G_LOG_DOMAIN "test-booking-flow"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "yrs-booking-flow.h"
#include "yrs-i18n.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-sync-test-util.h"
#include "test-store-util.h"

#define REGISTRATION \
  "{\"name\":\"寄添 花子\",\"name_kana\":\"ヨリソイ ハナコ\",\"phone\":\"0781234567\"," \
  "\"child_born_on\":\"2025-03-20\",\"tax_exempt\":false,\"public_assistance\":false}"

typedef struct
{
  char          *dir;
  YrsStore      *store;
  char          *owner;
  YrsSession    *session;
  YrsTestServer *server;     /* only in the tests that sync */
  YrsSyncEngine *engine;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  yrs_i18n_set_language ("en");
  fx->dir = g_dir_make_tmp ("yrs-booking-flow-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fx->dir, "device.db", NULL);
  fx->store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  fx->owner = yrs_store_create_kiosk_session (fx->store, &error);
  g_assert_no_error (error);
  fx->session = yrs_session_new ();

  if (GPOINTER_TO_INT (data))
    {
      const char *args[] = { "--demo", "--approve-after", "0", NULL };

      fx->server = yrs_test_server_start (fx->dir, args);
      fx->engine = yrs_sync_engine_new (fx->store, fx->server->url);
      yrs_sync_engine_set_token (fx->engine, fx->server->kiosk_token);
      yrs_sync_engine_set_backoff (fx->engine, 5, 200);
      yrs_session_set_sync_engine (fx->session, fx->engine);
      g_assert_true (yrs_store_set_city_key (fx->store, fx->server->city_key, &error));
      g_assert_no_error (error);
    }
  else
    store_test_provision_city_key (fx->store);
  yrs_session_set_store (fx->session, fx->store, fx->owner);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->session);
  if (fx->engine != NULL)
    {
      yrs_sync_engine_stop (fx->engine);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (fx->engine);
    }
  g_clear_object (&fx->store);
  if (fx->server != NULL)
    yrs_test_server_stop (fx->server);
  g_free (fx->owner);
  remove_tree (fx->dir);
  g_free (fx->dir);
}

static YrsDate
d (const char *iso)
{
  YrsDate date;

  g_assert_true (yrs_date_parse_iso (iso, &date, NULL));
  return date;
}

static void
answer_twins (YrsSession *session)
{
  YrsAnswers *a = yrs_session_get_answers (session);

  yrs_session_set_as_of (session, d ("2025-04-15"));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "born");
  yrs_answers_set_date (a, "birth.born_on", d ("2025-03-20"));
  yrs_answers_set_int (a, "birth.children", 2);
  yrs_answers_set_bool (a, "need.declared", TRUE);
  yrs_answers_set_bool (a, "household.public_assistance", FALSE);
  yrs_answers_set_bool (a, "household.tax_exempt", TRUE);
}

static void
put_slot (Fixture    *fx,
          const char *id,
          const char *facility,
          const char *start,
          const char *end,
          int         capacity,
          int         booked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsSlot) slot = yrs_slot_new (id, facility, "stay", start, end, capacity, booked, 1);

  g_assert_true (yrs_store_put_slot (fx->store, slot, &error));
  g_assert_no_error (error);
}

static char *
string_of (gpointer    object,
           const char *property)
{
  char *value = NULL;

  g_object_get (object, property, &value, NULL);
  return value;
}

static gboolean
boolean_of (gpointer    object,
            const char *property)
{
  gboolean value = FALSE;

  g_object_get (object, property, &value, NULL);
  return value;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static gboolean
has_facility (YrsBookingFlow *flow,
              const char     *id)
{
  GListModel *model = yrs_booking_flow_get_facilities (flow);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YrsFacilityItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (yrs_facility_item_get_id (item), id))
        return TRUE;
    }
  return FALSE;
}

/* Marks a registration row received by the city, as the engine would,
 * and tells the flow (the engine would say so with "row-answered"). */
static char *
registered (Fixture    *fx,
            const char *server_id)
{
  g_autoptr(GError) error = NULL;
  char *key = yrs_session_submit (fx->session, "registration", REGISTRATION, &error);

  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_mark_sending (fx->store, key, &error));
  if (server_id != NULL)
    g_assert_true (yrs_store_outbox_set_server_id (fx->store, key, server_id, &error));
  g_assert_true (yrs_store_outbox_mark_accepted (fx->store, key, "REG-77", &error));
  g_assert_no_error (error);
  yrs_booking_flow_reload (yrs_session_get_booking_flow (fx->session));
  return key;
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  yrs_sync_engine_sync_finish (YRS_SYNC_ENGINE (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
sync_now (Fixture *fx)
{
  gboolean done = FALSE;

  yrs_sync_engine_sync_async (fx->engine, NULL, on_synced, &done);
  g_assert_true (yrs_test_wait_flag (&done, 60000));
}

/* ---- The registration follows the outbox ------------------------------ */

static void
test_registration (Fixture       *fx,
                   gconstpointer  data)
{
  YrsBookingFlow *flow = yrs_session_get_booking_flow (fx->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  guint notified = 0;

  g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_NONE);
  g_assert_true (boolean_of (flow, "can-register"));
  title = string_of (flow, "registration-title");
  g_assert_cmpstr (title, ==, "First, register once");
  g_clear_pointer (&title, g_free);
  g_assert_null (yrs_booking_flow_get_registration_key (flow));

  /* Queued: pending at once (the submission says so), no offer to
   * register again. */
  g_signal_connect (flow, "notify::registration-state", G_CALLBACK (count_notify), &notified);
  key = yrs_session_submit (fx->session, "registration", REGISTRATION, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_PENDING);
  g_assert_cmpstr (yrs_booking_flow_get_registration_key (flow), ==, key);
  g_assert_false (boolean_of (flow, "can-register"));
  title = string_of (flow, "registration-title");
  g_assert_cmpstr (title, ==, "Your registration is pending");
  g_clear_pointer (&title, g_free);

  /* The engine sends it; the city accepts it: "row-answered". */
  sync_now (fx);
  g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_REGISTERED);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_nonnull (yrs_booking_flow_get_registration_reference (flow));
  g_assert_true (g_str_has_prefix (yrs_booking_flow_get_registration_reference (flow), "REG-"));
  text = string_of (flow, "registration-text");
  g_assert_nonnull (strstr (text, yrs_booking_flow_get_registration_reference (flow)));
  g_clear_pointer (&text, g_free);

  /* A newer one the city refused: rejected, with the reason in words, and
   * an offer to register again. */
  {
    g_autofree char *again = yrs_session_submit (fx->session, "registration", REGISTRATION, &error);

    g_assert_no_error (error);
    g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_PENDING);
    g_assert_true (yrs_store_outbox_mark_sending (fx->store, again, &error));
    g_assert_true (yrs_store_outbox_mark_rejected (fx->store, again,
                                                   "{\"status\":422,\"title\":\"Not a resident\"}", &error));
    g_assert_no_error (error);
    yrs_booking_flow_reload (flow);
    g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_REJECTED);
    g_assert_true (boolean_of (flow, "can-register"));
    title = string_of (flow, "registration-title");
    g_assert_cmpstr (title, ==, "Your registration was not accepted");
    text = string_of (flow, "registration-text");
    g_assert_cmpstr (text, !=, "");
  }
}

/* ---- Facilities: kinds, wards, siblings, over N months ---------------- */

static void
test_facilities (Fixture       *fx,
                 gconstpointer  data)
{
  YrsBookingFlow *flow;
  GListModel *facilities;
  guint changes = 0;
  guint n_all;

  answer_twins (fx->session);
  flow = yrs_session_get_booking_flow (fx->session);
  facilities = yrs_booking_flow_get_facilities (flow);
  g_signal_connect (facilities, "items-changed", G_CALLBACK (count_items_changed), &changes);

  /* Stays for a baby of 3 weeks: the clinic that takes no older babies
   * too. */
  g_assert_cmpstr (yrs_booking_flow_get_kind (flow), ==, "stay");
  g_assert_true (has_facility (flow, "fac-higashinada-medical-1"));
  g_assert_true (has_facility (flow, "fac-chuo-josanjo-1"));
  g_assert_true (boolean_of (flow, "has-facilities"));
  g_assert_false (boolean_of (flow, "over-choice-age"));
  n_all = g_list_model_get_n_items (facilities);

  /* The day before 4 months (born 20 March): still listed; the day of:
   * gone, and the note says 4 months, the catalogue's figure. */
  yrs_session_set_as_of (fx->session, d ("2025-07-19"));
  yrs_booking_flow_reload (flow);
  g_assert_true (has_facility (flow, "fac-higashinada-medical-1"));
  g_assert_false (boolean_of (flow, "over-choice-age"));
  yrs_session_set_as_of (fx->session, d ("2025-07-20"));
  yrs_booking_flow_reload (flow);
  g_assert_false (has_facility (flow, "fac-higashinada-medical-1"));
  g_assert_true (has_facility (flow, "fac-chuo-josanjo-1"));
  g_assert_true (boolean_of (flow, "over-choice-age"));
  {
    g_autofree char *note = string_of (flow, "age-note");

    g_assert_cmpstr (note, ==, "Your baby is over 4 months old: only the facilities that take older babies are listed.");
  }
  g_assert_cmpuint (changes, ==, 1);

  /* A birth date answered later is followed without being told. */
  yrs_answers_set_date (yrs_session_get_answers (fx->session), "birth.born_on", d ("2025-06-01"));
  g_assert_true (has_facility (flow, "fac-higashinada-medical-1"));
  g_assert_cmpuint (g_list_model_get_n_items (facilities), ==, n_all);

  /* Home visits: the clinics that do not visit drop out. */
  yrs_booking_flow_set_kind (flow, "visit");
  g_assert_false (has_facility (flow, "fac-higashinada-medical-1"));
  g_assert_true (has_facility (flow, "fac-nada-josanjo-1"));
  g_assert_cmpstr (yrs_session_get_field (fx->session, "reserve.kind"), ==, "visit");

  /* A ward: only its facilities, by the dropdown's position too. */
  yrs_booking_flow_set_kind (flow, "stay");
  yrs_booking_flow_set_ward (flow, "nada");
  g_assert_true (has_facility (flow, "fac-nada-josanjo-1"));
  g_assert_false (has_facility (flow, "fac-chuo-josanjo-1"));
  {
    guint position = 0;
    g_autoptr(YrsWardItem) item = NULL;

    g_object_get (flow, "ward-position", &position, NULL);
    g_assert_cmpuint (position, >, 0);
    item = g_list_model_get_item (yrs_booking_flow_get_wards (flow), position);
    g_assert_cmpstr (yrs_ward_item_get_id (item), ==, "nada");
    g_object_set (flow, "ward-position", 0, NULL);
    g_assert_null (yrs_booking_flow_get_ward (flow));
    g_assert_cmpuint (g_list_model_get_n_items (facilities), ==, n_all);
  }

  /* Siblings: the Minato midwife home does not take them. */
  yrs_booking_flow_set_siblings (flow, TRUE);
  g_assert_false (has_facility (flow, "fac-chuo-josanjo-1"));
  g_assert_true (has_facility (flow, "fac-nada-josanjo-1"));
  g_assert_cmpstr (yrs_session_get_field (fx->session, "reserve.siblings"), ==, "1");

  /* Nothing fits (Higashinada's one facility does not visit): the flow
   * says so. */
  yrs_booking_flow_set_ward (flow, "higashinada");
  yrs_booking_flow_set_kind (flow, "visit");
  g_assert_cmpuint (g_list_model_get_n_items (facilities), ==, 0);
  g_assert_false (boolean_of (flow, "has-facilities"));

  /* An item's sentences. */
  yrs_booking_flow_set_siblings (flow, FALSE);
  yrs_booking_flow_set_ward (flow, "chuo");
  yrs_booking_flow_set_kind (flow, "stay");
  {
    g_autoptr(YrsFacilityItem) item = g_list_model_get_item (facilities, 0);
    g_autofree char *name = string_of (item, "name");
    g_autofree char *meta = string_of (item, "meta");
    g_autofree char *fee = string_of (item, "fee-text");
    g_autofree char *label = string_of (item, "accessible-label");
    g_autofree char *expected = g_strdup_printf ("%s. %s", name, fee);

    g_assert_cmpstr (yrs_facility_item_get_id (item), ==, "fac-chuo-josanjo-1");
    g_assert_cmpstr (name, ==, "Minato Midwife Home (sample)");
    g_assert_nonnull (strstr (meta, "Chuo"));
    g_assert_nonnull (strstr (fee, "¥8,000"));
    g_assert_cmpstr (label, ==, expected);
  }
}

/* ---- Days and times from the cached slots ----------------------------- */

static void
test_days_and_times (Fixture       *fx,
                     gconstpointer  data)
{
  YrsBookingFlow *flow;
  GListModel *days, *times;

  put_slot (fx, "s-1", "fac-chuo-josanjo-1", "2025-04-17T10:00", "2025-04-18T10:00", 2, 1);
  put_slot (fx, "s-2", "fac-chuo-josanjo-1", "2025-04-17T14:00", "2025-04-18T14:00", 1, 1);
  put_slot (fx, "s-3", "fac-chuo-josanjo-1", "2025-04-21T10:00", "2025-04-22T10:00", 3, 0);
  put_slot (fx, "s-4", "fac-nada-josanjo-1", "2025-04-21T10:00", "2025-04-22T10:00", 3, 0);
  put_slot (fx, "s-5", "fac-chuo-josanjo-1", "2025-04-23T10:00", "2025-04-24T10:00", 2, 2);
  put_slot (fx, "s-old", "fac-chuo-josanjo-1", "2025-04-14T10:00", "2025-04-15T10:00", 2, 0);
  answer_twins (fx->session);
  flow = yrs_session_get_booking_flow (fx->session);
  days = yrs_booking_flow_get_days (flow);
  times = yrs_booking_flow_get_times (flow);

  yrs_booking_flow_choose_facility (flow, "fac-chuo-josanjo-1");
  g_assert_cmpstr (yrs_session_get_field (fx->session, "reserve.facility"), ==, "fac-chuo-josanjo-1");
  g_assert_cmpstr (yrs_answers_get_string (yrs_session_get_answers (fx->session), "care.facility"), ==, "fac-chuo-josanjo-1");

  /* Four weeks from the Monday of 15 April 2025 (a Tuesday). */
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 28);
  {
    g_autoptr(YrsCalendarDay) first = g_list_model_get_item (days, 0);
    g_autoptr(YrsCalendarDay) last = g_list_model_get_item (days, 27);
    g_autofree char *heading = string_of (flow, "month-heading");

    g_assert_cmpstr (yrs_calendar_day_get_date (first), ==, "2025-04-14");
    g_assert_cmpstr (yrs_calendar_day_get_date (last), ==, "2025-05-11");
    /* A past day shows no places, even with a slot in the cache. */
    g_assert_cmpint (yrs_calendar_day_get_free (first), ==, -1);
    g_assert_false (yrs_calendar_day_get_sensitive (first));
    g_assert_cmpstr (heading, ==, "April – May 2025");
  }
  g_assert_cmpint (yrs_booking_flow_get_free_on (flow, "2025-04-17"), ==, 1);
  g_assert_cmpint (yrs_booking_flow_get_free_on (flow, "2025-04-21"), ==, 3);
  g_assert_cmpint (yrs_booking_flow_get_free_on (flow, "2025-04-23"), ==, 0);
  g_assert_cmpint (yrs_booking_flow_get_free_on (flow, "2025-04-18"), ==, -1);
  {
    g_autoptr(YrsCalendarDay) day = g_list_model_get_item (days, 3);    /* 17 April */
    g_autoptr(YrsCalendarDay) full = g_list_model_get_item (days, 9);   /* 23 April */
    g_autoptr(YrsCalendarDay) none = g_list_model_get_item (days, 4);   /* 18 April */
    g_autofree char *label = yrs_calendar_day_dup_label (day);
    g_autofree char *spoken = yrs_calendar_day_dup_accessible_label (day);
    g_autofree char *full_label = yrs_calendar_day_dup_label (full);
    g_autofree char *full_spoken = yrs_calendar_day_dup_accessible_label (full);
    g_autofree char *none_spoken = yrs_calendar_day_dup_accessible_label (none);

    g_assert_cmpstr (label, ==, "17\n1 free");
    g_assert_cmpstr (spoken, ==, "17 April 2025: 1 place free");
    g_assert_true (yrs_calendar_day_get_sensitive (day));
    g_assert_true (boolean_of (day, "has-free"));
    g_assert_cmpstr (full_label, ==, "23\nFull");
    g_assert_cmpstr (full_spoken, ==, "23 April 2025: full");
    g_assert_false (yrs_calendar_day_get_sensitive (full));
    g_assert_cmpstr (none_spoken, ==, "18 April 2025: no places");
    g_assert_false (yrs_calendar_day_get_chosen (day));
  }
  g_assert_cmpuint (g_list_model_get_n_items (times), ==, 0);
  g_assert_false (boolean_of (flow, "has-times"));

  /* A day: its times, full ones not to be chosen. */
  yrs_booking_flow_choose_day (flow, "2025-04-17");
  g_assert_cmpstr (yrs_session_get_field (fx->session, "reserve.day"), ==, "2025-04-17");
  {
    g_autoptr(YrsCalendarDay) day = g_list_model_get_item (days, 3);
    g_autoptr(YrsTimeItem) a = NULL;
    g_autoptr(YrsTimeItem) b = NULL;
    g_autofree char *a_text = NULL;
    g_autofree char *b_text = NULL;
    g_autofree char *title = string_of (flow, "day-title");

    g_assert_true (yrs_calendar_day_get_chosen (day));
    g_assert_cmpstr (title, ==, "Times on 17 April 2025");
    g_assert_cmpuint (g_list_model_get_n_items (times), ==, 2);
    g_assert_true (boolean_of (flow, "has-times"));
    a = g_list_model_get_item (times, 0);
    b = g_list_model_get_item (times, 1);
    a_text = yrs_time_item_dup_text (a);
    b_text = yrs_time_item_dup_text (b);
    g_assert_cmpstr (yrs_time_item_get_slot (a), ==, "s-1");
    g_assert_cmpstr (a_text, ==, "10:00–next day 10:00: 1 place free");
    g_assert_true (yrs_time_item_get_sensitive (a));
    g_assert_cmpstr (b_text, ==, "14:00–next day 14:00: full");
    g_assert_false (yrs_time_item_get_sensitive (b));
  }

  /* Another kind: another calendar (no day slots here). */
  yrs_booking_flow_set_kind (flow, "day");
  g_assert_cmpint (yrs_booking_flow_get_free_on (flow, "2025-04-17"), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (times), ==, 0);
  yrs_booking_flow_set_kind (flow, "stay");
  g_assert_cmpuint (g_list_model_get_n_items (times), ==, 2);

  /* The slot: where, when and the fee as of the visit day. */
  yrs_booking_flow_choose_slot (flow, "s-1");
  {
    g_autofree char *when = string_of (flow, "when");
    g_autofree char *title = string_of (flow, "title");
    g_autofree char *fee = yrs_booking_flow_dup_fee_text (flow);

    g_assert_cmpstr (when, ==, "17 April 2025 10:00–next day 10:00");
    g_assert_cmpstr (title, ==, "Minato Midwife Home (sample): Stay");
    g_assert_true (boolean_of (flow, "fee-known"));
    g_assert_true (boolean_of (flow, "fee-eligible"));
    /* ¥8,000 less the tax-exempt household's ¥7,500. */
    /* A sample facility's fee is never a promise (issue 20, point 3). */
    g_assert_cmpstr (fee, ==, "The ward will confirm your fee (sample figure: ¥500)");
    {
      g_autofree char *detail = string_of (flow, "fee-detail");

      g_assert_nonnull (strstr (detail, "sample figure"));
    }
  }
}

/* ---- The gate and confirm --------------------------------------------- */

static void
test_gate_and_confirm (Fixture       *fx,
                       gconstpointer  data)
{
  YrsBookingFlow *flow;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autofree char *registration = NULL;
  g_autofree char *key = NULL;
  g_autofree char *expected = NULL;
  guint notified = 0;

  put_slot (fx, "s-1", "fac-chuo-josanjo-1", "2025-04-17T10:00", "2025-04-18T10:00", 2, 1);
  answer_twins (fx->session);
  flow = yrs_session_get_booking_flow (fx->session);
  yrs_booking_flow_choose_facility (flow, "fac-chuo-josanjo-1");
  yrs_booking_flow_choose_day (flow, "2025-04-17");
  yrs_booking_flow_choose_slot (flow, "s-1");
  g_signal_connect (flow, "notify::can-confirm", G_CALLBACK (count_notify), &notified);

  /* The question is about the day she comes, not the day she books
   * (issue 20, point 12), in both languages. */
  {
    g_autofree char *en = string_of (flow, "question");
    g_autofree char *ja = NULL;

    g_assert_nonnull (strstr (en, "on the day of your visit"));
    g_assert_null (strstr (en, "oday"));
    yrs_i18n_set_language ("ja");
    ja = string_of (flow, "question");
    yrs_i18n_set_language ("en");
    g_assert_nonnull (strstr (ja, "ご利用日"));
    g_assert_null (strstr (ja, "今日"));
  }

  /* Not registered: closed, and confirm refuses. */
  yrs_booking_flow_set_infectious (flow, FALSE);
  g_assert_false (yrs_booking_flow_get_can_confirm (flow));
  {
    g_autofree char *message = string_of (flow, "gate-message");

    g_assert_true (g_str_has_prefix (message, "You can book once your registration"));
  }
  g_assert_null (yrs_booking_flow_confirm (flow, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);

  /* Registered, answered "no": open. */
  registration = registered (fx, NULL);
  g_assert_true (yrs_booking_flow_get_can_confirm (flow));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (boolean_of (flow, "answered-no"));
  {
    g_autofree char *message = string_of (flow, "gate-message");

    g_assert_cmpstr (message, ==, "");
  }

  /* "Yes": closed, whatever the registration. */
  yrs_booking_flow_set_infectious (flow, TRUE);
  g_assert_false (yrs_booking_flow_get_can_confirm (flow));
  g_assert_true (boolean_of (flow, "answered-yes"));
  g_assert_false (boolean_of (flow, "fee-eligible"));
  {
    g_autofree char *message = string_of (flow, "gate-message");

    g_assert_true (g_str_has_prefix (message, "Please do not come on a day"));
  }
  yrs_booking_flow_set_infectious (flow, FALSE);
  g_assert_true (yrs_booking_flow_get_can_confirm (flow));
  g_assert_cmpuint (notified, ==, 3);

  /* Confirm: one reservation row naming the registration by its row's
   * key (its server ID is not known), the receipt's key in the session. */
  key = yrs_booking_flow_confirm (flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpstr (yrs_session_get_field (fx->session, "submission.key"), ==, key);
  row = yrs_store_outbox_get (fx->store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->kind, ==, YRS_OUTBOX_KIND_RESERVATION);
  g_assert_cmpstr (row->owner, ==, fx->owner);
  expected = g_strdup_printf ("{\"registration_key\":\"%s\",\"slot\":\"s-1\"}", registration);
  g_assert_cmpstr (row->payload, ==, expected);
  rows = yrs_store_outbox_list (fx->store, fx->owner, YRS_OUTBOX_STATE_QUEUED, &error);
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_confirm_with_server_id (Fixture       *fx,
                             gconstpointer  data)
{
  YrsBookingFlow *flow;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autofree char *registration = NULL;
  g_autofree char *key = NULL;

  put_slot (fx, "s-1", "fac-chuo-josanjo-1", "2025-04-17T10:00", "2025-04-18T10:00", 2, 1);
  answer_twins (fx->session);
  registration = registered (fx, "R-9");
  flow = yrs_session_get_booking_flow (fx->session);
  yrs_booking_flow_choose_facility (flow, "fac-chuo-josanjo-1");
  yrs_booking_flow_choose_slot (flow, "s-1");
  yrs_booking_flow_set_infectious (flow, FALSE);

  /* The typed request when the city's ID is known. */
  key = yrs_booking_flow_confirm (flow, &error);
  g_assert_no_error (error);
  row = yrs_store_outbox_get (fx->store, key, &error);
  g_assert_cmpstr (row->payload, ==, "{\"registration\":\"R-9\",\"slot\":\"s-1\"}");
}

/* ---- The models follow the engine's slot deltas ----------------------- */

static void
test_slot_delta (Fixture       *fx,
                 gconstpointer  data)
{
  YrsBookingFlow *flow = yrs_session_get_booking_flow (fx->session);
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(YrsCalendarDay) day = NULL;
  g_autoptr(GListModel) days = NULL;
  int before;
  guint notified = 0, times_changed = 0;

  /* The demo's slots reach the store. */
  sync_now (fx);

  /* A slot of the next four weeks with two or more places free, its
   * facility and day. */
  found = yrs_test_server_query (fx->server,
                                 "SELECT id || ' ' || facility || ' ' || kind || ' ' || substr (starts_at, 1, 10) "
                                 "FROM slots WHERE deleted = 0 AND capacity - booked >= 2 "
                                 "AND starts_at >= date ('now', '+1 day') AND starts_at < date ('now', '+10 days') "
                                 "ORDER BY starts_at LIMIT 1");
  g_assert_cmpuint (found->len, ==, 1);
  parts = g_strsplit (g_ptr_array_index (found, 0), " ", 4);
  yrs_booking_flow_set_kind (flow, parts[2]);
  yrs_booking_flow_choose_facility (flow, parts[1]);
  yrs_booking_flow_choose_day (flow, parts[3]);
  before = yrs_booking_flow_get_free_on (flow, parts[3]);
  g_assert_cmpint (before, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_booking_flow_get_times (flow)), >, 0);

  days = g_object_ref (yrs_booking_flow_get_days (flow));
  for (guint i = 0; i < g_list_model_get_n_items (days) && day == NULL; i++)
    {
      g_autoptr(YrsCalendarDay) item = g_list_model_get_item (days, i);

      if (g_str_equal (yrs_calendar_day_get_date (item), parts[3]))
        day = g_steal_pointer (&item);
    }
  g_assert_nonnull (day);
  g_signal_connect (day, "notify::free", G_CALLBACK (count_notify), &notified);
  g_signal_connect (yrs_booking_flow_get_times (flow), "items-changed",
                    G_CALLBACK (count_items_changed), &times_changed);

  /* Someone else books one place of it at the city. */
  sql = g_strdup_printf ("UPDATE slots SET booked = booked + 1, "
                         "revision = (SELECT CAST (value AS INTEGER) + 1 FROM meta WHERE key = 'slot_revision') "
                         "WHERE id = '%s';"
                         "UPDATE meta SET value = CAST (value AS INTEGER) + 1 WHERE key = 'slot_revision';",
                         parts[0]);
  yrs_test_server_exec (fx->server, sql);

  /* The next sync writes the delta; the same day item says so, without
   * being asked. */
  sync_now (fx);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (yrs_calendar_day_get_free (day), ==, before - 1);
  g_assert_cmpint (yrs_booking_flow_get_free_on (flow, parts[3]), ==, before - 1);
  g_assert_cmpuint (times_changed, >=, 1);

  /* A sync without changes tells nothing. */
  sync_now (fx);
  g_assert_cmpuint (notified, ==, 1);
}

/* ---- A wipe drops the flow; a language switch keeps it ---------------- */

static void
test_wipe (Fixture       *fx,
           gconstpointer  data)
{
  YrsBookingFlow *flow = yrs_session_get_booking_flow (fx->session);
  YrsBookingFlow *next;

  g_object_ref (flow);
  answer_twins (fx->session);
  yrs_booking_flow_set_kind (flow, "day");
  yrs_booking_flow_choose_facility (flow, "fac-chuo-josanjo-1");
  yrs_booking_flow_set_siblings (flow, TRUE);
  g_assert_true (yrs_session_get_booking_flow (fx->session) == flow);

  yrs_session_wipe (fx->session);
  next = yrs_session_get_booking_flow (fx->session);
  g_assert_true (next != flow);
  g_assert_cmpstr (yrs_booking_flow_get_kind (next), ==, "stay");
  g_assert_null (yrs_booking_flow_get_facility (next));
  g_assert_false (yrs_booking_flow_get_siblings (next));
  g_assert_null (yrs_session_get_field (fx->session, "reserve.kind"));

  /* The old one is dead: a page still holding it changes nothing. */
  yrs_booking_flow_set_kind (flow, "visit");
  g_assert_null (yrs_session_get_field (fx->session, "reserve.kind"));
  g_assert_finalize_object (flow);
}

static void
test_language_switch (Fixture       *fx,
                      gconstpointer  data)
{
  YrsBookingFlow *flow;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;

  put_slot (fx, "s-1", "fac-chuo-josanjo-1", "2025-04-17T10:00", "2025-04-18T10:00", 2, 1);
  answer_twins (fx->session);
  flow = yrs_session_get_booking_flow (fx->session);
  yrs_booking_flow_set_kind (flow, "stay");
  yrs_booking_flow_set_ward (flow, "chuo");
  yrs_booking_flow_choose_facility (flow, "fac-chuo-josanjo-1");
  yrs_booking_flow_choose_day (flow, "2025-04-17");

  yrs_i18n_set_language ("ja");
  /* The same flow, the same choices, its sentences in Japanese. */
  g_assert_true (yrs_session_get_booking_flow (fx->session) == flow);
  g_assert_cmpstr (yrs_booking_flow_get_ward (flow), ==, "chuo");
  g_assert_cmpstr (yrs_booking_flow_get_facility (flow), ==, "fac-chuo-josanjo-1");
  g_assert_cmpstr (yrs_booking_flow_get_day (flow), ==, "2025-04-17");
  title = string_of (flow, "title");
  g_assert_cmpstr (title, ==, "みなと助産所（サンプル）: 宿泊");
  {
    g_autoptr(YrsTimeItem) item = g_list_model_get_item (yrs_booking_flow_get_times (flow), 0);
    g_autofree char *text = yrs_time_item_dup_text (item);
    g_autofree char *heading = string_of (flow, "month-heading");

    g_assert_cmpstr (text, ==, "10:00〜翌10:00：空き1");
    g_assert_cmpstr (heading, ==, "2025年4月〜5月");
  }

  /* Choosing on in Japanese, back to English. */
  yrs_booking_flow_choose_slot (flow, "s-1");
  yrs_i18n_set_language ("en");
  g_assert_cmpstr (yrs_booking_flow_get_slot (flow), ==, "s-1");
  when = string_of (flow, "when");
  g_assert_cmpstr (when, ==, "17 April 2025 10:00–next day 10:00");
}

/* The choices are in the session's draft: a restart (a new session from
 * it) has them again, and its flow reads them. */
static void
test_restart (Fixture       *fx,
              gconstpointer  data)
{
  YrsBookingFlow *flow;
  g_autoptr(YrsSession) again = yrs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  put_slot (fx, "s-1", "fac-chuo-josanjo-1", "2025-04-17T10:00", "2025-04-18T10:00", 2, 1);
  answer_twins (fx->session);
  flow = yrs_session_get_booking_flow (fx->session);
  yrs_booking_flow_set_ward (flow, "chuo");
  yrs_booking_flow_set_kind (flow, "day");
  yrs_booking_flow_set_kind (flow, "stay");
  yrs_booking_flow_choose_facility (flow, "fac-chuo-josanjo-1");
  yrs_booking_flow_choose_day (flow, "2025-04-17");
  yrs_booking_flow_choose_slot (flow, "s-1");
  yrs_booking_flow_set_infectious (flow, FALSE);

  json = yrs_session_to_json (fx->session);
  g_assert_true (yrs_session_load_json (again, json, &error));
  g_assert_no_error (error);
  yrs_session_set_as_of (again, d ("2025-04-15"));
  yrs_session_set_store (again, fx->store, NULL);
  flow = yrs_session_get_booking_flow (again);
  g_assert_cmpstr (yrs_booking_flow_get_kind (flow), ==, "stay");
  g_assert_cmpstr (yrs_booking_flow_get_ward (flow), ==, "chuo");
  g_assert_cmpstr (yrs_booking_flow_get_facility (flow), ==, "fac-chuo-josanjo-1");
  g_assert_cmpstr (yrs_booking_flow_get_day (flow), ==, "2025-04-17");
  g_assert_cmpstr (yrs_booking_flow_get_slot (flow), ==, "s-1");
  g_assert_true (boolean_of (flow, "answered-no"));
  g_assert_cmpint (yrs_booking_flow_get_free_on (flow, "2025-04-17"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_booking_flow_get_times (flow)), ==, 1);
}

/* A nurse's tablet, two families in a row (issue 20): her outbox holds
 * every family's rows under her one owner; after "Next family"
 * (yrs_session_end_visit()) nothing of the first family is left in the
 * session, its flows or the store's draft, and the booking flow does not
 * take her registration for the next family's. Her outbox stays. */
static void
test_next_family (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *key = NULL;
  g_autofree char *draft = NULL;
  YrsBookingFlow *flow;

  owner = yrs_store_ensure_staff_session (fx->store, "nurse-1", &error);
  g_assert_no_error (error);
  /* Her data key, as her sign-in unwraps it: her drafts are sealed. */
  {
    guint8 data_key[YRS_STORE_KEY_BYTES];

    for (guint i = 0; i < sizeof data_key; i++)
      data_key[i] = (guint8) (0xA5 ^ i);
    g_assert_true (yrs_store_unlock_owner (fx->store, owner, data_key, &error));
    g_assert_no_error (error);
  }
  yrs_session_set_store (fx->session, fx->store, owner);

  /* Family A: the check at its 4th step, a name, a registration the
   * city received. */
  answer_twins (fx->session);
  yrs_session_set_check_step (fx->session, 3);
  yrs_session_set_field (fx->session, "applicant.name", "寄添 花子");
  key = registered (fx, NULL);
  flow = yrs_session_get_booking_flow (fx->session);
  g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_REGISTERED);
  g_assert_cmpstr (yrs_booking_flow_get_registration_reference (flow), ==, "REG-77");

  /* A restart in the middle of her visit still knows it was hers. */
  {
    g_autoptr(YrsSession) again = yrs_session_new ();

    yrs_store_flush_drafts (fx->store, NULL);
    yrs_session_set_store (again, fx->store, owner);
    g_assert_cmpstr (yrs_session_get_field (again, "applicant.name"), ==, "寄添 花子");
    g_assert_cmpint (yrs_booking_flow_get_registration_state (yrs_session_get_booking_flow (again)),
                     ==, YRS_REGISTRATION_REGISTERED);
    yrs_session_set_store (again, NULL, NULL);
  }

  yrs_session_end_visit (fx->session);

  /* Family B: nothing of A. */
  g_assert_cmpstr (yrs_session_get_owner (fx->session), ==, owner);
  g_assert_cmpstr (yrs_session_get_page (fx->session), ==, "welcome");
  g_assert_cmpuint (yrs_session_get_check_step (fx->session), ==, 0);
  g_assert_false (yrs_answers_has (yrs_session_get_answers (fx->session), "birth.born_on"));
  g_assert_null (yrs_session_get_field (fx->session, "applicant.name"));
  g_assert_false (yrs_session_is_visit_submission (fx->session, key));
  flow = yrs_session_get_booking_flow (fx->session);
  g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_NONE);
  g_assert_null (yrs_booking_flow_get_registration_reference (flow));
  g_assert_null (yrs_booking_flow_get_registration_key (flow));
  g_assert_true (boolean_of (flow, "can-register"));

  /* Nor in the store's draft, written or queued... */
  yrs_store_flush_drafts (fx->store, NULL);
  draft = yrs_store_load_draft (fx->store, owner, "session", &error);
  g_assert_no_error (error);
  g_assert_true (draft == NULL || strstr (draft, "寄添") == NULL);
  g_assert_true (draft == NULL || strstr (draft, key) == NULL);

  /* ... so a sign-in later (a new session on her owner) starts empty. */
  {
    g_autoptr(YrsSession) again = yrs_session_new ();

    yrs_session_set_store (again, fx->store, owner);
    g_assert_null (yrs_session_get_field (again, "applicant.name"));
    g_assert_cmpuint (yrs_session_get_check_step (again), ==, 0);
    g_assert_cmpint (yrs_booking_flow_get_registration_state (yrs_session_get_booking_flow (again)),
                     ==, YRS_REGISTRATION_NONE);
    yrs_session_set_store (again, NULL, NULL);
  }

  /* Her outbox stays, with family A's row in it. */
  rows = yrs_store_outbox_list (fx->store, owner, YRS_OUTBOX_STATE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  /* Family B registers: that one is theirs. */
  {
    g_autofree char *second = registered (fx, NULL);

    g_assert_cmpint (yrs_booking_flow_get_registration_state (flow), ==, YRS_REGISTRATION_REGISTERED);
    g_assert_cmpstr (yrs_booking_flow_get_registration_key (flow), ==, second);
  }
}

/* A kiosk's end of session does the same with a new owner. */
static void
test_kiosk_end (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *next = NULL;

  answer_twins (fx->session);
  key = registered (fx, NULL);
  g_assert_true (yrs_store_wipe_owner (fx->store, fx->owner, &error));
  g_assert_no_error (error);
  yrs_session_wipe (fx->session);
  g_assert_false (yrs_session_is_visit_submission (fx->session, key));
  next = yrs_store_create_kiosk_session (fx->store, &error);
  g_assert_no_error (error);
  yrs_session_set_store (fx->session, fx->store, next);
  g_assert_cmpint (yrs_booking_flow_get_registration_state (yrs_session_get_booking_flow (fx->session)),
                   ==, YRS_REGISTRATION_NONE);
  g_assert_cmpuint (yrs_session_get_check_step (fx->session), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();

#define ADD(path, func, with_server) \
  g_test_add (path, Fixture, GINT_TO_POINTER (with_server), fixture_set_up, func, fixture_tear_down)

  ADD ("/booking-flow/registration", test_registration, TRUE);
  ADD ("/booking-flow/facilities", test_facilities, FALSE);
  ADD ("/booking-flow/days-and-times", test_days_and_times, FALSE);
  ADD ("/booking-flow/gate-and-confirm", test_gate_and_confirm, FALSE);
  ADD ("/booking-flow/confirm-with-server-id", test_confirm_with_server_id, FALSE);
  ADD ("/booking-flow/slot-delta", test_slot_delta, TRUE);
  ADD ("/booking-flow/wipe", test_wipe, FALSE);
  ADD ("/booking-flow/language-switch", test_language_switch, FALSE);
  ADD ("/booking-flow/restart", test_restart, FALSE);
  ADD ("/booking-flow/next-family", test_next_family, FALSE);
  ADD ("/booking-flow/kiosk-end", test_kiosk_end, FALSE);

  return g_test_run ();
}
