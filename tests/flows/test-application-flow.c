/* SPDX-License-Identifier: GPL-3.0-or-later */

/* YrsApplicationFlow and YrsSubmission without widgets: a real store file,
 * the real sync engine and yorisoi-server over loopback. */

#define G_LOG_DOMAIN "test-application-flow"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yrs-api.h"
#include "yrs-application-flow.h"
#include "yrs-i18n.h"
#include "yrs-store.h"
#include "yrs-submission.h"
#include "yrs-sync-engine.h"
#include "yrs-api-client.h"
#include "yrs-address-choice.h"
#include "yrs-sync-test-util.h"
#include "yrs-visit-private.h"

#include "../unit/test-store-util.h"

typedef struct
{
  char          *dir;
  YrsStore      *store;
  YrsSession    *session;
  char          *owner;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  yrs_i18n_set_language ("en");
  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "device.db", NULL);
  f->store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  f->owner = yrs_store_create_kiosk_session (f->store, &error);
  g_assert_no_error (error);
  f->session = yrs_session_new ();
  yrs_session_set_store (f->session, f->store, f->owner);
  store_test_provision_city_key (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->session);
  g_clear_object (&f->store);
  store_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->owner);
}

static void
fill_support_payment (YrsSession *session)
{
  yrs_session_set_field (session, "applicant.name", "寄添 花子");
  yrs_session_set_field (session, "applicant.kana", "よりそい はなこ");
  yrs_session_set_field (session, "applicant.birth_date", "1995-06-01");
  yrs_session_set_field (session, "applicant.phone", "078-123-4567");
  yrs_session_set_field (session, "address.postal_code", "650-0001");
  yrs_session_set_field (session, "address.line", "兵庫県神戸市中央区加納町6-5-1");
  yrs_session_set_field (session, "bank.method", "bank");
  yrs_session_set_field (session, "bank.code", "0001");
  yrs_session_set_field (session, "bank.branch", "001");
  yrs_session_set_field (session, "bank.type", "ordinary");
  yrs_session_set_field (session, "bank.account_number", "1234567");
  yrs_session_set_field (session, "bank.holder_kana", "ヨリソイ ハナコ");
}

static guint
count_notify (GObject    *object,
              const char *property,
              guint      *counter)
{
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);

  return g_signal_connect_swapped (object, signal, G_CALLBACK (g_atomic_int_inc), counter);
}

static const char *
field_error (YrsApplicationFlow *flow,
             const char         *id)
{
  YrsFormField *field = yrs_application_flow_lookup_field (flow, id);

  g_assert_nonnull (field);
  return yrs_form_field_get_error (field);
}

static GPtrArray *
outbox (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_ANY, &error);

  g_assert_no_error (error);
  return rows;
}

/* The form of the card chosen, its fields, visibility and the payment
 * chosen from the card. */
static void
test_form (Fixture       *f,
           gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  guint programme_notes = 0;
  GListModel *fields;

  g_assert_true (yrs_session_get_application_flow (f->session) == flow);
  g_assert_cmpuint (yrs_application_flow_get_form (flow), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_application_flow_get_fields (flow)), ==, 0);

  count_notify (G_OBJECT (flow), "programme", &programme_notes);
  yrs_session_set_field (f->session, "apply.programme", "support_payment_birth");
  g_assert_cmpuint (programme_notes, ==, 1);
  g_assert_cmpuint (yrs_application_flow_get_form (flow), ==, YRS_FORM_SUPPORT_PAYMENT);
  g_assert_cmpstr (yrs_application_flow_get_title (flow), ==, "Application for the pregnancy and birth support payments");
  /* The birth card: the second payment. */
  g_assert_cmpstr (yrs_session_get_field (f->session, "payment.which"), ==, "birth");
  g_assert_cmpstr (yrs_application_flow_get_applied_programme (flow), ==, "support_payment_birth");

  fields = yrs_application_flow_get_fields (flow);
  g_assert_cmpuint (g_list_model_get_n_items (fields), >, 10);
  g_assert_null (yrs_application_flow_lookup_field (flow, "child.name"));   /* not on this form */

  /* The account kind shows its own fields. */
  g_assert_false (yrs_form_field_get_visible (yrs_application_flow_lookup_field (flow, "bank.code")));
  yrs_application_flow_set_value (flow, "bank.method", "yucho");
  g_assert_false (yrs_form_field_get_visible (yrs_application_flow_lookup_field (flow, "bank.code")));
  g_assert_true (yrs_form_field_get_visible (yrs_application_flow_lookup_field (flow, "yucho.symbol")));
  yrs_application_flow_set_value (flow, "bank.method", "bank");
  g_assert_true (yrs_form_field_get_visible (yrs_application_flow_lookup_field (flow, "bank.code")));

  /* The payment choice decides the programme applied for. */
  yrs_application_flow_set_value (flow, "payment.which", "pregnancy");
  g_assert_cmpstr (yrs_application_flow_get_applied_programme (flow), ==, "support_payment_pregnancy");

  /* A postal code of the city fills in the ward; what she writes stays. */
  yrs_application_flow_set_value (flow, "address.postal_code", "6570001");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "Nada-ku, Kobe, Hyogo");
  g_assert_cmpstr (yrs_form_field_get_value (yrs_application_flow_lookup_field (flow, "address.line")), ==, "Nada-ku, Kobe, Hyogo");
  yrs_application_flow_set_value (flow, "address.line", "Nada-ku, Kobe, Hyogo, Rokko 1-2-3");
  yrs_application_flow_set_value (flow, "address.postal_code", "6500001");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "Nada-ku, Kobe, Hyogo, Rokko 1-2-3");

  /* Another card: another form. */
  yrs_session_set_field (f->session, "apply.programme", "postpartum_care");
  g_assert_cmpuint (yrs_application_flow_get_form (flow), ==, YRS_FORM_POSTPARTUM_CARE_REGISTRATION);
  g_assert_nonnull (yrs_application_flow_lookup_field (flow, "child.birth_date"));
  g_assert_null (yrs_application_flow_lookup_field (flow, "bank.code"));
}

static const char *
address_choice_label (GListModel *choices,
                      guint       position)
{
  g_autoptr(YrsAddressChoice) choice = g_list_model_get_item (choices, position);

  return choice != NULL ? g_intern_string (yrs_address_choice_get_label (choice)) : NULL;
}

/* A postal code of several places offers them as choices; choosing one
 * fills ward and town in; her own address or another code clears them. */
static void
test_address_choices (Fixture       *f,
                      gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  GListModel *choices;
  g_autoptr(GListModel) bound = NULL;

  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  choices = yrs_application_flow_get_address_choices (flow);
  g_object_get (flow, "address-choices", &bound, NULL);
  g_assert_true (bound == choices);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);

  /* 〒651-2121: two towns of 西区, in Japanese in English too (an address). */
  yrs_application_flow_set_value (flow, "address.postal_code", "651-2121");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 2);
  g_assert_cmpstr (address_choice_label (choices, 0), ==, "西区水谷");
  g_assert_cmpstr (address_choice_label (choices, 1), ==, "西区玉津町水谷");

  /* Choosing fills ward and town, and the choices go. */
  yrs_application_flow_choose_address (flow, 1);
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "兵庫県神戸市西区玉津町水谷");
  g_assert_cmpstr (yrs_form_field_get_value (yrs_application_flow_lookup_field (flow, "address.line")), ==,
                   "兵庫県神戸市西区玉津町水谷");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);
  yrs_application_flow_choose_address (flow, 0);   /* nothing to choose: nothing changes */
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "兵庫県神戸市西区玉津町水谷");

  /* 〒650-0000 names two wards; what a choice filled in may be replaced. */
  yrs_application_flow_set_value (flow, "address.postal_code", "6500000");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 2);
  g_assert_cmpstr (address_choice_label (choices, 0), ==, "中央区");
  g_assert_cmpstr (address_choice_label (choices, 1), ==, "西区");
  yrs_application_flow_choose_address (flow, 0);
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "兵庫県神戸市中央区");

  /* Another code of one place clears them. */
  yrs_application_flow_set_value (flow, "address.postal_code", "651-2121");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 2);
  yrs_application_flow_set_value (flow, "address.postal_code", "6500001");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);

  /* Her own address clears them, and a code then offers none. */
  yrs_application_flow_set_value (flow, "address.postal_code", "651-2121");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 2);
  yrs_application_flow_set_value (flow, "address.line", "兵庫県神戸市西区玉津町水谷1-2");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);
  yrs_application_flow_set_value (flow, "address.postal_code", "6500000");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "兵庫県神戸市西区玉津町水谷1-2");

  /* In Japanese the same. */
  yrs_i18n_set_language ("ja");
  yrs_application_flow_set_value (flow, "address.line", NULL);
  yrs_application_flow_set_value (flow, "address.postal_code", "651-2121");
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 2);
  yrs_application_flow_choose_address (flow, 0);
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "兵庫県神戸市西区水谷");
  yrs_i18n_set_language ("en");
}

/* Validation: per-field errors and the count as state, normalising,
 * a changed value losing its error, and a form that opens clean. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  guint n_errors_notes = 0;
  YrsFormField *name;
  guint error_notes = 0;

  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  count_notify (G_OBJECT (flow), "n-errors", &n_errors_notes);

  /* An empty form: every required field that shows is wrong. */
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 8);
  g_assert_cmpuint (yrs_application_flow_get_n_errors (flow), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_application_flow_get_errors (flow)), ==, 8);
  g_assert_cmpuint (n_errors_notes, >=, 1);
  {
    g_autofree char *summary = yrs_application_flow_dup_error_summary (flow);

    g_assert_cmpstr (summary, ==, "There are 8 problems in the form. Please correct them.");
  }
  g_assert_cmpstr (field_error (flow, "applicant.name"), ==, "Full name is required.");
  g_assert_cmpstr (field_error (flow, "bank.method"), ==, "Payment account is required.");
  g_assert_null (field_error (flow, "address.building"));   /* optional */
  g_assert_null (field_error (flow, "bank.code"));          /* not shown yet */

  /* A new value takes its error away until the next check. */
  name = yrs_application_flow_lookup_field (flow, "applicant.name");
  count_notify (G_OBJECT (name), "error", &error_notes);
  yrs_form_field_set_value (name, "寄添 花子");
  g_assert_cmpuint (error_notes, ==, 1);
  g_assert_null (yrs_form_field_get_error (name));
  g_assert_cmpuint (yrs_application_flow_get_n_errors (flow), ==, 7);

  /* Filled in, normalised as it will be sent. */
  fill_support_payment (f->session);
  yrs_application_flow_set_value (flow, "applicant.phone", "12345");
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 1);
  g_assert_nonnull (strstr (field_error (flow, "applicant.phone"), "Enter the phone number as 10 or 11 digits"));
  yrs_application_flow_set_value (flow, "applicant.phone", "078-123-4567");
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);
  g_assert_cmpuint (yrs_application_flow_get_n_errors (flow), ==, 0);
  g_assert_cmpstr (yrs_session_get_field (f->session, "applicant.kana"), ==, "ヨリソイ　ハナコ");
  g_assert_cmpstr (yrs_session_get_field (f->session, "address.postal_code"), ==, "6500001");
  g_assert_cmpstr (yrs_form_field_get_value (yrs_application_flow_lookup_field (flow, "applicant.kana")), ==, "ヨリソイ　ハナコ");

  /* A date's parts as typed: an unfinished one says so. */
  yrs_application_flow_set_value (flow, "applicant.birth_date", NULL);
  yrs_application_flow_set_date_parts (flow, "applicant.birth_date", "2025", "2", "30", FALSE, NULL);
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 1);
  g_assert_nonnull (strstr (field_error (flow, "applicant.birth_date"), "is not a date that exists"));
  g_assert_cmpstr (yrs_application_flow_get_date_part (flow, "applicant.birth_date", "d"), ==, "30");

  /* Another form opens without the errors of this one ... */
  yrs_session_set_field (f->session, "apply.programme", "postpartum_home_help");
  g_assert_cmpuint (yrs_application_flow_get_n_errors (flow), ==, 0);
  g_assert_null (field_error (flow, "applicant.birth_date"));
  g_assert_null (field_error (flow, "child.birth_date"));

  /* ... and this one's come back with it, as after a restart. */
  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  g_assert_cmpuint (yrs_application_flow_get_n_errors (flow), ==, 1);
  g_assert_nonnull (strstr (field_error (flow, "applicant.birth_date"), "is not a date that exists"));
  {
    g_autoptr(YrsSession) again = yrs_session_new ();
    YrsApplicationFlow *restored;

    yrs_store_flush_drafts (f->store, NULL);
    yrs_session_set_store (again, f->store, f->owner);
    restored = yrs_session_get_application_flow (again);
    g_assert_cmpuint (yrs_application_flow_get_n_errors (restored), ==, 1);
    g_assert_nonnull (strstr (field_error (restored, "applicant.birth_date"), "is not a date that exists"));
  }
}

/* Sending: exactly the typed request in the outbox, once. */
static void
test_send (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *unsealed = NULL;
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *again = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(YrsApiApplicationRequest) sent = NULL;
  g_autoptr(YrsApiApplicationRequest) expected = NULL;
  g_autofree char *expected_json = NULL;
  const YrsOutboxItem *row;
  guint sync_requests = 0;

  g_signal_connect_swapped (f->session, "sync-requested", G_CALLBACK (g_atomic_int_inc), &sync_requests);
  yrs_session_set_field (f->session, "apply.programme", "support_payment_birth");
  fill_support_payment (f->session);
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);

  key = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpuint (sync_requests, ==, 1);
  /* The contract with the receipt: the session names the new row. */
  g_assert_cmpstr (yrs_session_get_field (f->session, "submission.key"), ==, key);

  rows = outbox (f);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->idempotency_key, ==, key);
  g_assert_cmpint (row->kind, ==, YRS_OUTBOX_KIND_APPLICATION);

  /* The payload is src/api's request, nothing more, nothing less. */
  unsealed = store_test_unseal (row->payload);
  sent = yrs_api_application_request_from_string (unsealed, -1, &error);
  g_assert_no_error (error);
  expected = yrs_api_application_request_new ();
  expected->programme = g_strdup ("support_payment_birth");
  expected->fields = json_object_new ();
  json_object_set_string_member (expected->fields, "payment.which", "birth");
  json_object_set_string_member (expected->fields, "applicant.name", "寄添 花子");
  json_object_set_string_member (expected->fields, "applicant.kana", "ヨリソイ　ハナコ");
  json_object_set_string_member (expected->fields, "applicant.birth_date", "1995-06-01");
  json_object_set_string_member (expected->fields, "applicant.phone", "0781234567");
  json_object_set_string_member (expected->fields, "address.postal_code", "6500001");
  json_object_set_string_member (expected->fields, "address.line", "兵庫県神戸市中央区加納町6-5-1");
  json_object_set_string_member (expected->fields, "bank.method", "bank");
  json_object_set_string_member (expected->fields, "bank.code", "0001");
  json_object_set_string_member (expected->fields, "bank.branch", "001");
  json_object_set_string_member (expected->fields, "bank.type", "ordinary");
  json_object_set_string_member (expected->fields, "bank.account_number", "1234567");
  json_object_set_string_member (expected->fields, "bank.holder_kana", "ヨリソイ　ハナコ");
  expected_json = yrs_api_application_request_to_string (expected);
  {
    g_autofree char *sent_json = yrs_api_application_request_to_string (sent);

    /* Member order aside (the sealed ones come last when opened). */
    g_assert_cmpstr (sent_json, ==, expected_json);
  }
  g_assert_cmpstr (sent->programme, ==, "support_payment_birth");
  /* And the server's field checks have nothing against it. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_api_field_error_free);

    g_assert_true (yrs_api_application_request_validate (sent, problems));
    g_assert_cmpuint (problems->len, ==, 0);
  }

  /* The same answers again: no second row, the first one's key. */
  again = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, key);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = outbox (f);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (sync_requests, ==, 1);

  /* A changed answer is a new application. */
  yrs_application_flow_set_value (flow, "applicant.phone", "0783333333");
  changed = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changed, !=, key);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = outbox (f);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (yrs_session_get_field (f->session, "submission.key"), ==, changed);
}

/* A registration: the typed request, born-on vs due-on and the ward. */
/* Issue 18: a device set up without the city's key takes no submission:
 * the person is told in her language, naming the setting for the city's
 * IT staff; nothing is queued in clear; what she typed stays. */
static void
test_no_city_key (Fixture       *f,
                  gconstpointer  data)
{
  YrsApplicationFlow *flow;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = g_build_filename (f->dir, "unprovisioned.db", NULL);

  /* A store of its own, as the app opens one with city-key empty. */
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  g_clear_pointer (&f->owner, g_free);
  f->store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (yrs_store_get_city_key_id (f->store));
  f->owner = yrs_store_create_kiosk_session (f->store, &error);
  g_assert_no_error (error);
  f->session = yrs_session_new ();
  yrs_session_set_store (f->session, f->store, f->owner);
  flow = yrs_session_get_application_flow (f->session);

  yrs_session_set_field (f->session, "apply.programme", "support_payment_birth");
  fill_support_payment (f->session);
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);
  g_test_expect_message ("yrs-application-flow", G_LOG_LEVEL_WARNING, "Could not queue the application: *city-key*");
  key = yrs_application_flow_send (flow, &error);
  g_test_assert_expected_messages ();
  g_assert_null (key);
  g_assert_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_NO_CITY_KEY);
  g_assert_nonnull (strstr (error->message, "city-key"));
  g_assert_nonnull (strstr (yrs_application_flow_get_send_error (flow), "city-key"));
  rows = outbox (f);
  g_assert_cmpuint (rows->len, ==, 0);
  /* Nothing she typed is lost. */
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.account_number"), ==, "1234567");
  g_clear_error (&error);

  /* In Japanese for a parent at a Japanese kiosk. */
  yrs_i18n_set_language ("ja");
  g_test_expect_message ("yrs-application-flow", G_LOG_LEVEL_WARNING, "Could not queue the application: *");
  g_assert_null (yrs_application_flow_send (flow, &error));
  g_test_assert_expected_messages ();
  g_assert_nonnull (strstr (error->message, "市の鍵"));
  yrs_i18n_set_language ("en");
  g_clear_error (&error);

  /* Once the key is given, the same answers go. */
  store_test_provision_city_key (f->store);
  key = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = outbox (f);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (((YrsOutboxItem *) rows->pdata[0])->payload, "\"sealed\""));
}

static void
test_send_registration (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *unsealed = NULL;
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(YrsApiRegistrationRequest) request = NULL;

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 5, 20));
  yrs_answers_set_bool (yrs_session_get_answers (f->session), "household.tax_exempt", TRUE);
  yrs_session_set_field (f->session, "apply.programme", "postpartum_care");
  fill_support_payment (f->session);
  yrs_application_flow_set_value (flow, "address.postal_code", "6570001");
  yrs_application_flow_set_value (flow, "child.birth_date", "2025-07-01");   /* due */
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);

  key = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  row = yrs_store_outbox_get (f->store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->kind, ==, YRS_OUTBOX_KIND_REGISTRATION);
  g_clear_pointer (&unsealed, g_free);
  unsealed = store_test_unseal (row->payload);
  request = yrs_api_registration_request_from_string (unsealed, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->name, ==, "寄添 花子");
  g_assert_cmpstr (request->phone, ==, "0781234567");
  g_assert_cmpstr (request->due_on, ==, "2025-07-01");
  g_assert_null (request->child_born_on);
  g_assert_cmpstr (request->ward, ==, "nada");
  /* Her birth date: with the reference, what proves her when she comes
   * back to another kiosk (POST /v1/lookups). */
  g_assert_cmpstr (request->birth_on, ==, "1995-06-01");
  g_assert_true (request->tax_exempt);
  g_assert_false (request->public_assistance);

  /* Born already: the birth date. */
  g_clear_pointer (&request, yrs_api_registration_request_free);
  g_clear_pointer (&row, yrs_outbox_item_free);
  g_clear_pointer (&key, g_free);
  yrs_application_flow_set_value (flow, "child.birth_date", "2025-05-20");
  key = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  row = yrs_store_outbox_get (f->store, key, &error);
  g_clear_pointer (&unsealed, g_free);
  unsealed = store_test_unseal (row->payload);
  request = yrs_api_registration_request_from_string (unsealed, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->child_born_on, ==, "2025-05-20");
  g_assert_null (request->due_on);
}

/* The 産後ケア registration opened from the EPDS panel of a visit: filled
 * from what the city holds of the family, correctable, sent as is. */
static void
test_open_for_case (Fixture       *f,
                    gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(YrsVisitCase) visit_case = NULL;
  g_autofree char *key = NULL;
  g_autofree char *unsealed = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autoptr(YrsApiRegistrationRequest) request = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\":\"CASE-TEST1\",\"ward\":\"nada\",\"added_by_staff\":false,"
    "\"family\":{\"name\":\"寄添 花子\",\"kana\":\"ヨリソイ ハナコ\",\"birth_date\":\"1995-06-01\","
    "\"phone\":\"0781234567\",\"address\":\"高羽町1-1\",\"postal_code\":\"657-0001\","
    "\"child_birth_date\":\"2025-05-10\"},\"answers\":{},\"submissions\":[],\"consultations\":[],"
    "\"updated_at\":\"2025-05-20T10:00:00Z\"}", -1, &error));
  g_assert_no_error (error);
  visit_case = _yrs_visit_case_new (json_node_get_object (json_parser_get_root (parser)),
                                    yrs_session_get_catalog (f->session), FALSE, NULL, NULL);

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 5, 20));
  yrs_answers_set_bool (yrs_session_get_answers (f->session), "household.tax_exempt", TRUE);
  yrs_application_flow_open_for_case (flow, "postpartum_care", visit_case);
  g_assert_cmpint (yrs_application_flow_get_form (flow), ==, YRS_FORM_POSTPARTUM_CARE_REGISTRATION);
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "applicant.name"), ==, "寄添 花子");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "applicant.kana"), ==, "ヨリソイ ハナコ");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "applicant.birth_date"), ==, "1995-06-01");
  g_assert_cmpstr (yrs_application_flow_get_date_part (flow, "applicant.birth_date", "y"), ==, "1995");
  g_assert_cmpstr (yrs_application_flow_get_date_part (flow, "applicant.birth_date", "m"), ==, "6");
  g_assert_cmpstr (yrs_application_flow_get_date_part (flow, "applicant.birth_date", "d"), ==, "1");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "applicant.phone"), ==, "0781234567");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.postal_code"), ==, "657-0001");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "address.line"), ==, "兵庫県神戸市灘区高羽町1-1");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "child.birth_date"), ==, "2025-05-10");
  g_assert_cmpstr (yrs_application_flow_get_date_part (flow, "child.birth_date", "d"), ==, "10");
  if (yrs_application_flow_validate (flow) != 0)
    {
      g_autofree char *summary = yrs_application_flow_dup_error_summary (flow);

      g_autoptr(YrsFormField) wrong = g_list_model_get_item (yrs_application_flow_get_errors (flow), 0);

      g_error ("not valid: %s: %s %s", summary, yrs_form_field_get_id (wrong), yrs_form_field_get_error (wrong));
    }

  /* The nurse corrects the phone; back to the scores and here again, her
   * correction stays. */
  yrs_application_flow_set_value (flow, "applicant.phone", "0789998888");
  yrs_application_flow_open_for_case (flow, "postpartum_care", visit_case);
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "applicant.phone"), ==, "0789998888");

  key = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  row = yrs_store_outbox_get (f->store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->kind, ==, YRS_OUTBOX_KIND_REGISTRATION);
  /* Sealed to the city's key (issue 18): opened as the server does. */
  unsealed = store_test_unseal (row->payload);
  request = yrs_api_registration_request_from_string (unsealed, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->name, ==, "寄添 花子");
  g_assert_cmpstr (request->phone, ==, "0789998888");
  g_assert_cmpstr (request->birth_on, ==, "1995-06-01");
  g_assert_cmpstr (request->child_born_on, ==, "2025-05-10");
  g_assert_cmpstr (request->ward, ==, "nada");
}

/* The review: sections and rows as people read them; a value changes its
 * row in place. */
static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  GListModel *review;
  g_autoptr(YrsReviewSection) about = NULL;
  g_autoptr(YrsReviewSection) where = NULL;
  g_autoptr(YrsReviewRow) phone = NULL;
  g_autoptr(YrsReviewRow) postal = NULL;
  g_autoptr(YrsReviewRow) birth = NULL;
  guint value_notes = 0;

  yrs_session_set_field (f->session, "apply.programme", "support_payment_birth");
  fill_support_payment (f->session);
  yrs_session_set_field (f->session, "applicant.phone", "0781234567");
  yrs_session_set_field (f->session, "address.postal_code", "6500001");

  review = yrs_application_flow_get_review (flow);
  g_assert_cmpuint (g_list_model_get_n_items (review), ==, 4);
  about = g_list_model_get_item (review, 1);
  g_assert_cmpstr (yrs_review_section_get_title (about), ==, "About you");
  birth = g_list_model_get_item (yrs_review_section_get_rows (about), 2);
  g_assert_cmpstr (yrs_review_row_get_label (birth), ==, "Date of birth");
  g_assert_cmpstr (yrs_review_row_get_value (birth), ==, "1 June 1995");
  phone = g_list_model_get_item (yrs_review_section_get_rows (about), 3);
  g_assert_cmpstr (yrs_review_row_get_value (phone), ==, "078-123-4567");
  where = g_list_model_get_item (review, 2);
  postal = g_list_model_get_item (yrs_review_section_get_rows (where), 0);
  g_assert_cmpstr (yrs_review_row_get_value (postal), ==, "〒650-0001");

  count_notify (G_OBJECT (phone), "value", &value_notes);
  yrs_application_flow_set_value (flow, "applicant.phone", "09012345678");
  g_assert_cmpuint (value_notes, ==, 1);
  g_assert_cmpstr (yrs_review_row_get_value (phone), ==, "090-1234-5678");
  yrs_application_flow_set_value (flow, "applicant.phone", NULL);
  g_assert_cmpstr (yrs_review_row_get_value (phone), ==, "(not given)");

  /* Only the fields that show: the Japan Post account's, once chosen. */
  yrs_application_flow_set_value (flow, "bank.method", "yucho");
  {
    g_autoptr(YrsReviewSection) bank = g_list_model_get_item (review, 3);
    GListModel *rows = yrs_review_section_get_rows (bank);
    gboolean has_symbol = FALSE, has_code = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(YrsReviewRow) row = g_list_model_get_item (rows, i);

        has_symbol |= g_strcmp0 (yrs_review_row_get_id (row), "yucho.symbol") == 0;
        has_code |= g_strcmp0 (yrs_review_row_get_id (row), "bank.code") == 0;
      }
    g_assert_true (has_symbol);
    g_assert_false (has_code);
  }
}

/* A language switch in the middle: the values stay, the sentences (errors,
 * title, review) come in the new language. */
static void
test_language_switch (Fixture       *f,
                      gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  GListModel *review;

  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  yrs_application_flow_set_value (flow, "applicant.name", "寄添 花子");
  yrs_application_flow_set_value (flow, "applicant.birth_date", "1995-06-01");
  g_assert_cmpuint (yrs_application_flow_validate (flow), >, 0);
  g_assert_cmpstr (field_error (flow, "applicant.phone"), ==, "Phone number is required.");

  yrs_i18n_set_language ("ja");
  g_assert_true (yrs_session_get_application_flow (f->session) == flow);
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "applicant.name"), ==, "寄添 花子");
  g_assert_cmpstr (field_error (flow, "applicant.phone"), ==, "＊電話番号を入力してください。");
  g_assert_cmpstr (yrs_application_flow_get_title (flow), !=, "Application for the pregnancy and birth support payments");
  review = yrs_application_flow_get_review (flow);
  {
    g_autoptr(YrsReviewSection) about = g_list_model_get_item (review, 1);
    g_autoptr(YrsReviewRow) birth = g_list_model_get_item (yrs_review_section_get_rows (about), 2);

    g_assert_cmpstr (yrs_review_row_get_value (birth), ==, "平成7年6月1日（1995年6月1日）");
  }
  yrs_i18n_set_language ("en");
}

/* A wipe drops the flows: the next person gets new, empty ones. */
static void
test_wipe (Fixture       *f,
           gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  YrsSubmission *submission = yrs_session_get_submission (f->session);
  YrsApplicationFlow *after;

  g_object_add_weak_pointer (G_OBJECT (flow), (gpointer *) &flow);
  g_object_add_weak_pointer (G_OBJECT (submission), (gpointer *) &submission);
  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  yrs_application_flow_set_value (flow, "applicant.name", "寄添 花子");
  yrs_application_flow_validate (flow);

  yrs_session_wipe (f->session);
  g_assert_null (flow);
  g_assert_null (submission);

  after = yrs_session_get_application_flow (f->session);
  g_assert_cmpuint (yrs_application_flow_get_form (after), ==, 0);
  g_assert_cmpuint (yrs_application_flow_get_n_errors (after), ==, 0);
  g_assert_null (yrs_application_flow_get_value (after, "applicant.name"));
  g_assert_null (yrs_submission_get_state (yrs_session_get_submission (f->session)));
}

/* ---- The receipt ---------------------------------------------------------- */

static const char *alternatives_json =
  "[{\"id\":\"slot-b\",\"facility\":\"fac-chuo-josanjo-1\",\"kind\":\"stay\","
  "\"starts_at\":\"2025-04-22T10:00:00+09:00\",\"ends_at\":\"2025-04-23T10:00:00+09:00\","
  "\"capacity\":2,\"booked\":0,\"revision\":3},"
  "{\"id\":\"slot-c\",\"facility\":\"fac-chuo-josanjo-1\",\"kind\":\"stay\","
  "\"starts_at\":\"2025-04-24T10:00:00+09:00\",\"ends_at\":\"2025-04-25T10:00:00+09:00\","
  "\"capacity\":1,\"booked\":0,\"revision\":4}]";

/* A 409 as the sync engine records it: the places offered as a model,
 * kept the same objects when read again; choosing one queues a new typed
 * reservation for the same registration and the receipt follows it. */
static void
test_alternatives (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *unsealed = NULL;
  YrsSubmission *submission = yrs_session_get_submission (f->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiReservationRequest) booking = NULL;
  g_autoptr(YrsOutboxItem) row = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;
  g_autoptr(YrsAlternative) first = NULL;
  g_autoptr(YrsAlternative) first_again = NULL;
  GListModel *alternatives;
  guint changes = 0;

  booking = yrs_api_reservation_request_new ();
  booking->registration = g_strdup ("R-1");
  booking->slot = g_strdup ("slot-a");
  payload = yrs_api_reservation_request_to_string (booking);
  key = yrs_session_submit (f->session, "reservation", payload, &error);
  g_assert_no_error (error);
  yrs_session_set_field (f->session, "submission.key", key);
  g_assert_cmpstr (yrs_submission_get_key (submission), ==, key);
  g_assert_cmpstr (yrs_submission_get_state (submission), ==, "queued");
  g_assert_cmpstr (yrs_submission_get_kind (submission), ==, "reservation");
  g_assert_true (g_str_has_prefix (yrs_submission_get_reference (submission), "D-"));

  yrs_store_outbox_mark_sending (f->store, key, &error);
  yrs_store_outbox_mark_conflict (f->store, key, alternatives_json, &error);
  g_assert_no_error (error);
  alternatives = yrs_submission_get_alternatives (submission);
  g_signal_connect_swapped (alternatives, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);
  yrs_submission_reload (submission);
  g_assert_cmpstr (yrs_submission_get_state (submission), ==, "conflict");
  g_assert_cmpstr (yrs_submission_get_title (submission), ==, "That place has just been taken");
  g_assert_null (yrs_submission_get_reference (submission));
  g_assert_cmpuint (g_list_model_get_n_items (alternatives), ==, 2);
  g_assert_cmpuint (changes, ==, 1);
  first = g_list_model_get_item (alternatives, 0);
  g_assert_cmpstr (yrs_alternative_get_slot_id (first), ==, "slot-b");
  g_assert_cmpstr (yrs_alternative_get_label (first), ==,
                   "Minato Midwife Home (sample)\n22 April 2025 10:00–next day 10:00 (2 places free)");

  /* Read again: the same places, the same objects. */
  yrs_submission_reload (submission);
  g_assert_cmpuint (changes, ==, 1);
  first_again = g_list_model_get_item (alternatives, 0);
  g_assert_true (first_again == first);

  /* Nothing rebooked until she chooses. */
  g_assert_true (yrs_submission_choose_alternative (submission, "slot-c", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (yrs_submission_get_key (submission), !=, key);
  g_assert_cmpstr (yrs_session_get_field (f->session, "submission.key"), ==, yrs_submission_get_key (submission));
  g_assert_cmpstr (yrs_submission_get_state (submission), ==, "queued");
  g_assert_cmpuint (g_list_model_get_n_items (alternatives), ==, 0);
  row = yrs_store_outbox_get (f->store, yrs_submission_get_key (submission), &error);
  g_assert_no_error (error);
  g_clear_pointer (&booking, yrs_api_reservation_request_free);
  g_clear_pointer (&unsealed, g_free);
  unsealed = store_test_unseal (row->payload);
  booking = yrs_api_reservation_request_from_string (unsealed, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (booking->registration, ==, "R-1");
  g_assert_cmpstr (booking->slot, ==, "slot-c");

  /* Accepted, it can be cancelled: a cancellation row, followed. */
  g_assert_false (yrs_submission_get_can_cancel (submission));
  yrs_store_outbox_mark_sending (f->store, row->idempotency_key, &error);
  yrs_store_outbox_mark_accepted (f->store, row->idempotency_key, "RSV-42", &error);
  g_assert_no_error (error);
  yrs_submission_reload (submission);
  g_assert_true (yrs_submission_get_can_cancel (submission));
  g_assert_cmpstr (yrs_submission_get_title (submission), ==, "Booked: the city has received it");
  g_assert_true (yrs_submission_cancel (submission, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (yrs_submission_get_kind (submission), ==, "cancellation");
  g_clear_pointer (&row, yrs_outbox_item_free);
  row = yrs_store_outbox_get (f->store, yrs_submission_get_key (submission), &error);
  g_assert_cmpstr (row->payload, ==, "{\"reservation\":\"RSV-42\"}");
}

static void
wait_for_state (YrsSubmission *submission,
                const char    *state,
                guint          timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (g_strcmp0 (yrs_submission_get_state (submission), state) != 0)
    {
      if (g_get_monotonic_time () > end)
        g_error ("the submission did not become %s in %u s (it is %s)", state, timeout_s,
                 yrs_submission_get_state (submission));
      g_main_context_iteration (NULL, TRUE);
    }
}

typedef struct
{
  YrsTestServer *server;
  YrsSyncEngine *engine;
} Live;

/* The real yorisoi-server (demo data, registrations approved at once) and
 * the real sync engine, attached to the session as the app does. */
static void
live_start (Fixture *f,
            Live    *live)
{
  const char *args[] = { "--demo", "--approve-after", "0", NULL };
  g_autofree char *dir = g_build_filename (f->dir, "server", NULL);

  g_mkdir (dir, 0700);
  live->server = yrs_test_server_start (dir, args);
  g_assert_true (yrs_store_set_city_key (f->store, live->server->city_key, NULL));
  live->engine = yrs_sync_engine_new (f->store, live->server->url);
  yrs_sync_engine_set_token (live->engine, live->server->kiosk_token);
  yrs_sync_engine_set_backoff (live->engine, 5, 200);
  yrs_session_set_sync_engine (f->session, live->engine);
  g_signal_connect_swapped (f->session, "sync-requested", G_CALLBACK (yrs_sync_engine_kick), live->engine);
}

static void
live_stop (Fixture *f,
           Live    *live)
{
  yrs_sync_engine_stop (live->engine);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_handlers_disconnect_by_data (f->session, live->engine);
  yrs_session_set_sync_engine (f->session, NULL);
  g_clear_object (&live->engine);
  yrs_test_server_stop (live->server);
}

/* Sent through the real sync engine to the real server: the receipt
 * follows the row from queued to accepted by the engine's signal alone,
 * and the receipt is kept once. A language switch changes its sentences. */
static void
test_follow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Live live = { 0 };
  YrsApplicationFlow *flow;
  YrsSubmission *submission;
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GPtrArray) on_server = NULL;
  guint state_notes = 0;
  char *reference;

  live_start (f, &live);
  flow = yrs_session_get_application_flow (f->session);
  submission = yrs_session_get_submission (f->session);
  count_notify (G_OBJECT (submission), "state", &state_notes);
  yrs_session_set_field (f->session, "apply.programme", "support_payment_birth");
  fill_support_payment (f->session);
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);

  key = yrs_application_flow_send (flow, &error);
  g_assert_no_error (error);
  /* The server has not answered yet: queued (or already on its way),
   * with the device's number. */
  g_assert_cmpstr (yrs_submission_get_key (submission), ==, key);
  if (g_strcmp0 (yrs_submission_get_state (submission), "queued") == 0)
    g_assert_cmpstr (yrs_submission_get_title (submission), ==, "Saved: waiting to be sent");
  else
    g_assert_cmpstr (yrs_submission_get_state (submission), ==, "sending");
  g_assert_true (g_str_has_prefix (yrs_submission_get_reference (submission), "D-"));

  /* Only the engine's "row-answered" tells it: nobody reloads here. */
  wait_for_state (submission, "accepted", 60);
  g_assert_cmpuint (state_notes, >=, 2);
  reference = g_strdup (yrs_submission_get_reference (submission));
  g_assert_true (g_str_has_prefix (reference, "APP-"));
  g_assert_cmpstr (yrs_submission_get_title (submission), ==, "Received by the city");
  g_assert_cmpstr (yrs_session_get_field (f->session, "submission.receipt"), ==, reference);
  receipts = yrs_store_list_receipts (f->store, f->owner, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 1);
  g_assert_cmpstr (((YrsReceipt *) g_ptr_array_index (receipts, 0))->reference, ==, reference);

  /* The server holds the typed request's fields, once. */
  on_server = yrs_test_server_query (live.server, "SELECT programme || ' ' || reference FROM applications");
  g_assert_cmpuint (on_server->len, ==, 1);
  {
    g_autofree char *expected = g_strdup_printf ("support_payment_birth %s", reference);

    g_assert_cmpstr (g_ptr_array_index (on_server, 0), ==, expected);
  }

  /* Read again: the receipt is not kept twice. */
  yrs_submission_reload (submission);
  g_clear_pointer (&receipts, g_ptr_array_unref);
  receipts = yrs_store_list_receipts (f->store, f->owner, &error);
  g_assert_cmpuint (receipts->len, ==, 1);

  yrs_i18n_set_language ("ja");
  g_assert_cmpstr (yrs_submission_get_title (submission), ==, "市が受け付けました");
  g_assert_cmpstr (yrs_submission_get_reference (submission), ==, reference);
  yrs_i18n_set_language ("en");

  live_stop (f, &live);
  g_free (reference);
}

typedef struct
{
  gboolean  done;
  gpointer  value;
  GError   *error;
} Wait;

static void
on_registration (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *w = user_data;

  w->value = yrs_api_client_post_registration_finish (YRS_API_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

static void
on_reservation (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *w = user_data;

  w->value = yrs_api_client_post_reservation_finish (YRS_API_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

/* Someone else, registered and booked directly at the server. */
static char *
register_other (YrsApiClient *client)
{
  g_autofree char *key = g_uuid_string_random ();
  Wait w = { 0 };
  char *id;

  yrs_api_client_post_registration_async (client, key,
                                          "{\"name\":\"他人\",\"name_kana\":\"タニン\","
                                          "\"phone\":\"0781234567\",\"child_born_on\":\"2026-11-01\"}",
                                          NULL, on_registration, &w);
  g_assert_true (yrs_test_wait_flag (&w.done, 30000));
  g_assert_no_error (w.error);
  id = g_strdup (((YrsApiRegistrationResponse *) w.value)->id);
  yrs_api_registration_response_free (w.value);
  return id;
}

/* A 409 from the real server: the receipt turns to a conflict with the
 * server's free places as its model, by the engine's signal; choosing
 * one books it (a new typed row), which the server accepts. */
static void
test_conflict_live (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Live live = { 0 };
  g_autoptr(YrsApiClient) client = NULL;
  g_autoptr(GPtrArray) slot = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;
  g_autofree char *chosen = NULL;
  g_autoptr(YrsApiReservationRequest) booking = yrs_api_reservation_request_new ();
  g_autoptr(YrsAlternative) first = NULL;
  YrsSubmission *submission;
  GListModel *alternatives;

  live_start (f, &live);
  client = yrs_api_client_new (live.server->url);
  yrs_api_client_set_token (client, live.server->kiosk_token);
  slot = yrs_test_server_query (live.server,
                                "SELECT id || ' ' || capacity FROM slots WHERE deleted = 0 AND capacity > 0 "
                                "ORDER BY capacity, starts_unix LIMIT 1");
  g_assert_cmpuint (slot->len, ==, 1);
  parts = g_strsplit (slot->pdata[0], " ", 2);

  /* Others fill the slot. */
  for (int i = 0; i < atoi (parts[1]); i++)
    {
      g_autofree char *other = register_other (client);
      g_autofree char *other_key = g_uuid_string_random ();
      g_autofree char *body = NULL;
      g_autoptr(YrsApiReservationRequest) request = yrs_api_reservation_request_new ();
      Wait w = { 0 };

      request->registration = g_strdup (other);
      request->slot = g_strdup (parts[0]);
      body = yrs_api_reservation_request_to_string (request);
      yrs_api_client_post_reservation_async (client, other_key, body, NULL, on_reservation, &w);
      g_assert_true (yrs_test_wait_flag (&w.done, 30000));
      g_assert_no_error (w.error);
      yrs_api_reservation_response_free (w.value);
    }

  /* Her booking of the full slot, followed by the receipt. */
  mine = register_other (client);
  booking->registration = g_strdup (mine);
  booking->slot = g_strdup (parts[0]);
  payload = yrs_api_reservation_request_to_string (booking);
  submission = yrs_session_get_submission (f->session);
  key = yrs_session_submit (f->session, "reservation", payload, &error);
  g_assert_no_error (error);
  yrs_session_set_field (f->session, "submission.key", key);

  wait_for_state (submission, "conflict", 60);
  alternatives = yrs_submission_get_alternatives (submission);
  g_assert_cmpuint (g_list_model_get_n_items (alternatives), >, 0);
  first = g_list_model_get_item (alternatives, 0);
  g_assert_cmpstr (yrs_alternative_get_slot_id (first), !=, parts[0]);
  g_assert_nonnull (strstr (yrs_alternative_get_label (first), "free"));
  g_assert_false (yrs_submission_get_can_cancel (submission));

  /* She chooses the first: booked for her registration. */
  chosen = g_strdup (yrs_alternative_get_slot_id (first));
  g_assert_true (yrs_submission_choose_alternative (submission, chosen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (yrs_submission_get_key (submission), !=, key);
  wait_for_state (submission, "accepted", 60);
  g_assert_cmpuint (g_list_model_get_n_items (alternatives), ==, 0);
  g_assert_true (yrs_submission_get_can_cancel (submission));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT slot FROM reservations WHERE registration = '%s'", mine);
    g_autoptr(GPtrArray) booked = yrs_test_server_query (live.server, sql);

    g_assert_cmpuint (booked->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (booked, 0), ==, chosen);
  }

  live_stop (f, &live);
}

/* Issue 20, point 11: the day the baby was born, given in the check, is
 * filled in where a form asks it again, and stays hers to change. */
static void
test_birth_date_carried (Fixture       *f,
                         gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  YrsAnswers *answers = yrs_session_get_answers (f->session);

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 6, 10));
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", yrs_date_new (2025, 5, 20));

  /* The payment form does not ask it. */
  yrs_application_flow_open (flow, "support_payment_birth");
  g_assert_null (yrs_session_get_field (f->session, "child.birth_date"));

  yrs_application_flow_open (flow, "postpartum_care");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "child.birth_date"), ==, "2025-05-20");
  g_assert_cmpstr (yrs_form_field_get_value (yrs_application_flow_lookup_field (flow, "child.birth_date")),
                   ==, "2025-05-20");

  /* Editable: her change stays, also when the form opens again. */
  yrs_application_flow_set_value (flow, "child.birth_date", "2025-05-21");
  yrs_application_flow_open (flow, "postpartum_home_help");
  yrs_application_flow_open (flow, "postpartum_care");
  g_assert_cmpstr (yrs_application_flow_get_value (flow, "child.birth_date"), ==, "2025-05-21");
}

/* A "birth" after today in the check is not carried anywhere. */
static void
test_birth_date_future_not_carried (Fixture       *f,
                                    gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  YrsAnswers *answers = yrs_session_get_answers (f->session);

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 6, 10));
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", yrs_date_new (2027, 3, 1));
  yrs_application_flow_open (flow, "postpartum_care");
  g_assert_null (yrs_application_flow_get_value (flow, "child.birth_date"));
}

/* Issue 20, point 2, in the flow: the applicant born after today, a
 * postcode and an address outside the city are errors under their
 * fields; what she entered stays. */
static void
test_impossible_values (Fixture       *f,
                        gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 6, 10));
  yrs_application_flow_open (flow, "support_payment_pregnancy");
  fill_support_payment (f->session);
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);

  yrs_application_flow_set_value (flow, "applicant.birth_date", "2030-02-28");
  yrs_application_flow_set_value (flow, "address.postal_code", "100-0001");
  yrs_application_flow_set_value (flow, "address.line", "千代田区千代田1-1");
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 3);
  g_assert_nonnull (strstr (field_error (flow, "applicant.birth_date"), "cannot be after today"));
  g_assert_nonnull (strstr (field_error (flow, "address.postal_code"), "not a postal code of Kobe"));
  g_assert_nonnull (strstr (field_error (flow, "address.line"), "Include the city (Kobe)"));
  g_assert_cmpstr (yrs_session_get_field (f->session, "applicant.birth_date"), ==, "2030-02-28");
  g_assert_cmpstr (yrs_session_get_field (f->session, "address.line"), ==, "千代田区千代田1-1");

  /* Today is a possible birthday (for the record). */
  yrs_application_flow_set_value (flow, "applicant.birth_date", "2025-06-10");
  yrs_application_flow_set_value (flow, "address.postal_code", "650-0001");
  yrs_application_flow_set_value (flow, "address.line", "神戸市中央区加納町6-5-1");
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);
}

/* The account by name: the bank's list filters as she types kana, a
 * tap chooses it, the branch's list is that bank's; the review names
 * both with their codes; the queries and choices are kept. */
static void
test_bank_by_name (Fixture       *f,
                   gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  YrsBankSearch *banks = yrs_application_flow_get_bank_search (flow);
  YrsBankSearch *branches = yrs_application_flow_get_branch_search (flow);
  GListModel *results = yrs_bank_search_get_results (banks);
  g_autoptr(YrsBankChoice) first = NULL;
  g_autofree char *status = NULL;
  guint changes = 0;

  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  g_signal_connect_swapped (results, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  yrs_bank_search_set_query (banks, "み");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, YRS_BANK_SEARCH_MAX_RESULTS);
  g_assert_true (yrs_bank_search_get_has_more (banks));
  status = yrs_bank_search_dup_status (banks);
  g_assert_cmpstr (status, ==, "There are more: type more of the name to find yours.");
  yrs_bank_search_set_query (banks, "みずほ");
  g_assert_cmpuint (changes, >=, 2);
  first = g_list_model_get_item (results, 0);
  g_assert_cmpstr (yrs_bank_choice_get_code (first), ==, "0001");
  g_assert_cmpstr (yrs_bank_choice_get_name (first), ==, "みずほ");
  /* Kept with the form. */
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.search"), ==, "みずほ");

  /* No bank yet: no branches. */
  g_clear_pointer (&status, g_free);
  status = yrs_bank_search_dup_status (branches);
  g_assert_cmpstr (status, ==, "Choose the bank first.");

  yrs_application_flow_choose_bank (flow, "0001");
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.code"), ==, "0001");
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.method"), ==, "bank");
  g_assert_cmpstr (yrs_bank_search_get_query (banks), ==, "");
  g_assert_null (yrs_session_get_field (f->session, "bank.search"));

  yrs_bank_search_set_query (branches, "とうきょう");
  g_assert_cmpuint (g_list_model_get_n_items (yrs_bank_search_get_results (branches)), >=, 1);
  {
    g_autoptr(YrsBankChoice) branch = g_list_model_get_item (yrs_bank_search_get_results (branches), 0);

    g_assert_cmpstr (yrs_bank_choice_get_name (branch), ==, "東京営業部");
    yrs_application_flow_choose_branch (flow, yrs_bank_choice_get_code (branch));
  }
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.branch"), ==, "001");
  /* A branch of another bank is not hers. */
  yrs_application_flow_choose_branch (flow, "999");
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.branch"), ==, "001");

  /* The review: names with codes, in the language of the moment. */
  {
    GListModel *review = yrs_application_flow_get_review (flow);
    g_autoptr(YrsReviewSection) bank = g_list_model_get_item (review, g_list_model_get_n_items (review) - 1);
    GListModel *rows = yrs_review_section_get_rows (bank);
    g_autoptr(YrsReviewRow) code = g_list_model_get_item (rows, 1);
    g_autoptr(YrsReviewRow) branch = g_list_model_get_item (rows, 2);

    g_assert_cmpstr (yrs_review_row_get_id (code), ==, "bank.code");
    g_assert_cmpstr (yrs_review_row_get_value (code), ==, "みずほ (0001)");
    g_assert_cmpstr (yrs_review_row_get_value (branch), ==, "東京営業部 (001)");
    yrs_i18n_set_language ("ja");
    review = yrs_application_flow_get_review (flow);
    {
      g_autoptr(YrsReviewSection) bank_ja = g_list_model_get_item (review, g_list_model_get_n_items (review) - 1);
      g_autoptr(YrsReviewRow) code_ja = g_list_model_get_item (yrs_review_section_get_rows (bank_ja), 1);

      g_assert_cmpstr (yrs_review_row_get_value (code_ja), ==, "みずほ（0001）");
    }
    yrs_i18n_set_language ("en");
  }

  /* Another bank clears the branch. */
  yrs_application_flow_choose_bank (flow, "0562");
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.code"), ==, "0562");
  g_assert_null (yrs_session_get_field (f->session, "bank.branch"));
  g_assert_cmpstr (yrs_bank_search_get_bank_code (branches), ==, "0562");

  /* A typed code the table lacks is kept, with a note; a known one has none. */
  yrs_application_flow_set_value (flow, "bank.code", "0003");
  yrs_application_flow_validate (flow);
  g_assert_nonnull (strstr (yrs_form_field_get_note (yrs_application_flow_lookup_field (flow, "bank.code")),
                            "0003 is not in the bank table (zengin-code"));
  yrs_application_flow_set_value (flow, "bank.code", "0562");
  yrs_application_flow_validate (flow);
  g_assert_null (yrs_form_field_get_note (yrs_application_flow_lookup_field (flow, "bank.code")));

  /* A query typed and a bank chosen survive a restart (the draft). */
  yrs_bank_search_set_query (branches, "ほんてん");
  {
    g_autoptr(YrsSession) again = yrs_session_new ();
    YrsApplicationFlow *restored;

    yrs_store_flush_drafts (f->store, NULL);
    yrs_session_set_store (again, f->store, f->owner);
    restored = yrs_session_get_application_flow (again);
    g_assert_cmpstr (yrs_bank_search_get_query (yrs_application_flow_get_branch_search (restored)), ==, "ほんてん");
    g_assert_cmpuint (g_list_model_get_n_items (yrs_bank_search_get_results (yrs_application_flow_get_branch_search (restored))), >=, 1);
  }
}

/* ゆうちょ銀行 chosen by name opens its own form, 記号 and 番号, checked
 * as such; the payload carries them and no bank or branch code. */
static void
test_yucho (Fixture       *f,
            gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  g_autofree char *payload = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *fields;

  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  fill_support_payment (f->session);
  yrs_bank_search_set_query (yrs_application_flow_get_bank_search (flow), "ゆうちょ");
  {
    g_autoptr(YrsBankChoice) first = g_list_model_get_item (yrs_bank_search_get_results (yrs_application_flow_get_bank_search (flow)), 0);

    g_assert_cmpstr (yrs_bank_choice_get_code (first), ==, "9900");
    yrs_application_flow_choose_bank (flow, yrs_bank_choice_get_code (first));
  }
  g_assert_cmpstr (yrs_session_get_field (f->session, "bank.method"), ==, "yucho");
  g_assert_false (yrs_form_field_get_visible (yrs_application_flow_lookup_field (flow, "bank.branch")));
  g_assert_true (yrs_form_field_get_visible (yrs_application_flow_lookup_field (flow, "yucho.symbol")));

  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 2);
  g_assert_cmpstr (field_error (flow, "yucho.symbol"), ==, "Japan Post Bank symbol (記号) is required.");
  yrs_application_flow_set_value (flow, "yucho.symbol", "01410");   /* a transfer account */
  yrs_application_flow_set_value (flow, "yucho.number", "123456789");
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 2);
  g_assert_cmpstr (field_error (flow, "yucho.symbol"), ==, "Enter the Japan Post Bank symbol (記号) as 5 digits starting with 1.");
  g_assert_cmpstr (field_error (flow, "yucho.number"), ==, "Enter the Japan Post Bank number (番号) as up to 8 digits.");
  yrs_application_flow_set_value (flow, "yucho.symbol", "１４１６０");
  yrs_application_flow_set_value (flow, "yucho.number", "12345671");
  g_assert_cmpuint (yrs_application_flow_validate (flow), ==, 0);
  g_assert_cmpstr (yrs_session_get_field (f->session, "yucho.symbol"), ==, "14160");

  payload = yrs_application_flow_dup_payload (flow);
  root = yrs_api_parse (payload, -1, NULL);
  fields = json_object_get_object_member (json_node_get_object (root), "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "yucho.symbol"), ==, "14160");
  g_assert_cmpstr (json_object_get_string_member (fields, "yucho.number"), ==, "12345671");
  g_assert_false (json_object_has_member (fields, "bank.code"));
  g_assert_false (json_object_has_member (fields, "bank.branch"));
}

/* Issue 20, point 9: the receipt says to take it only where a printer
 * is set; a temporary number says it will be replaced and where the
 * city's number will be seen. */
static void
test_receipt_printer (Fixture       *f,
                      gconstpointer  data)
{
  YrsSubmission *submission = yrs_session_get_submission (f->session);
  g_autoptr(GSettings) settings = g_settings_new ("org.yorisoi.Yorisoi");
  g_autofree char *key = NULL;
  g_autofree char *note = NULL;
  guint detail_notes = 0;

  g_settings_set_string (settings, "printer", "");
  key = yrs_session_submit (f->session, "application",
                            "{\"programme\":\"support_payment_birth\",\"fields\":{}}", NULL);
  g_assert_nonnull (key);
  yrs_session_set_field (f->session, "submission.key", key);

  /* Offline: a temporary number, which says what becomes of it. */
  g_assert_true (g_str_has_prefix (yrs_submission_get_reference (submission), "D-"));
  g_object_get (submission, "note", &note, NULL);
  g_assert_nonnull (strstr (note, "temporary number"));
  g_assert_nonnull (strstr (note, "city's own number replaces it"));
  g_assert_nonnull (strstr (note, "ward office staff can look up"));

  yrs_store_outbox_mark_sending (f->store, key, NULL);
  yrs_store_outbox_mark_accepted (f->store, key, "APP-7K3M-Q9XA", NULL);
  yrs_submission_reload (submission);
  g_assert_cmpstr (yrs_submission_get_reference (submission), ==, "APP-7K3M-Q9XA");

  /* No printer: nothing to take; write it down. */
  g_assert_null (yrs_submission_get_printer (submission));
  g_assert_null (strstr (yrs_submission_get_detail (submission), "receipt"));
  g_assert_nonnull (strstr (yrs_submission_get_detail (submission), "write down the reference number"));
  yrs_i18n_set_language ("ja");
  g_assert_null (strstr (yrs_submission_get_detail (submission), "受付票"));
  yrs_i18n_set_language ("en");

  /* A printer set: print it and take it. */
  count_notify (G_OBJECT (submission), "detail", &detail_notes);
  g_settings_set_string (settings, "printer", "ward-counter");
  g_assert_cmpuint (detail_notes, >=, 1);
  g_assert_cmpstr (yrs_submission_get_printer (submission), ==, "ward-counter");
  g_assert_nonnull (strstr (yrs_submission_get_detail (submission), "Print your receipt"));
  yrs_i18n_set_language ("ja");
  g_assert_nonnull (strstr (yrs_submission_get_detail (submission), "受付票を印刷"));
  yrs_i18n_set_language ("en");
  g_settings_set_string (settings, "printer", "");
}

/* The payment application lists what to bring, from the catalogue, in
 * the language of the moment, marked as a sample; other forms as their
 * programmes say (none for the registration). */
static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  YrsApplicationFlow *flow = yrs_session_get_application_flow (f->session);
  gboolean sample = FALSE, has = TRUE;
  g_autofree char *none = NULL;
  g_autofree char *en = NULL;
  g_autofree char *ja = NULL;
  guint notes = 0;

  none = yrs_application_flow_dup_documents (flow, NULL);
  g_assert_cmpstr (none, ==, "");
  count_notify (G_OBJECT (flow), "documents", &notes);
  yrs_session_set_field (f->session, "apply.programme", "support_payment_pregnancy");
  g_assert_cmpuint (notes, >=, 1);
  en = yrs_application_flow_dup_documents (flow, &sample);
  g_assert_true (g_str_has_prefix (en, "• Your maternal and child health handbook (母子健康手帳)\n"));
  g_assert_nonnull (strstr (en, "bankbook"));
  g_assert_true (sample);
  yrs_i18n_set_language ("ja");
  ja = yrs_application_flow_dup_documents (flow, NULL);
  g_assert_true (g_str_has_prefix (ja, "・母子健康手帳\n"));
  yrs_i18n_set_language ("en");

  yrs_session_set_field (f->session, "apply.programme", "postpartum_care");
  g_object_get (flow, "has-documents", &has, NULL);
  g_assert_false (has);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();
  /* GLib decides once, at the first g_dgettext(), whether to translate at
   * all (not when the language is English then): as in the app, the first
   * one is in Japanese. */
  (void) g_dgettext (GETTEXT_PACKAGE, "This field");

#define ADD(path, func) \
  g_test_add ("/flows/application/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("form", test_form);
  ADD ("validation", test_validation);
  ADD ("address-choices", test_address_choices);
  ADD ("send", test_send);
  ADD ("send-registration", test_send_registration);
  ADD ("no-city-key", test_no_city_key);
  ADD ("open-for-case", test_open_for_case);
  ADD ("review", test_review);
  ADD ("bank-by-name", test_bank_by_name);
  ADD ("yucho", test_yucho);
  ADD ("documents", test_documents);
  ADD ("language-switch", test_language_switch);
  ADD ("wipe", test_wipe);
  ADD ("birth-date-carried", test_birth_date_carried);
  ADD ("birth-date-future-not-carried", test_birth_date_future_not_carried);
  ADD ("impossible-values", test_impossible_values);
  ADD ("submission/alternatives", test_alternatives);
  ADD ("submission/receipt-printer", test_receipt_printer);
  ADD ("submission/follow", test_follow);
  ADD ("submission/conflict-live", test_conflict_live);
#undef ADD

  return g_test_run ();
}
