/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The parent's journey through the pages, driven by their actions, with a
 * real SQLite store in a temporary directory. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "yrs-booking-flow.h"
#include "yrs-check-flow.h"
#include "yrs-i18n.h"
#include "yrs-reserve-page.h"
#include "yrs-result-card.h"
#include "yrs-results-page.h"
#include "yrs-slots-page.h"
#include "yrs-step-indicator.h"
#include "yrs-store.h"
#include "yrs-submitted-page.h"
#include "yrs-window.h"
#include "../unit/test-store-util.h"

typedef struct
{
  char       *dir;
  YrsStore   *store;
  YrsSession *session;
  YrsWindow  *window;
} Fixture;

static void
wait_idle (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
tree_has_text (GtkWidget  *root,
               const char *text)
{
  if (!gtk_widget_get_visible (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (root) && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (tree_has_text (child, text))
      return TRUE;
  return FALSE;
}

static YrsStepIndicator *
find_step_indicator (GtkWidget *root)
{
  if (YRS_IS_STEP_INDICATOR (root))
    return YRS_STEP_INDICATOR (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      YrsStepIndicator *found = find_step_indicator (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first button whose label holds text. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL &&
      strstr (gtk_button_get_label (GTK_BUTTON (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
page (Fixture *f)
{
  return yrs_shell_get_visible_page (yrs_window_get_shell (f->window));
}

/* The step indicator of the visible page, in words. */
static void
step_is (Fixture    *f,
         const char *text)
{
  YrsStepIndicator *steps = find_step_indicator (page (f));

  g_assert_nonnull (steps);
  g_assert_cmpstr (yrs_step_indicator_get_text (steps), ==, text);
}

static void
go (Fixture    *f,
    const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (f->window)), "shell.go", "s", name);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, name);
}

static void
switch_language (Fixture    *f,
                 const char *code)
{
  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (f->window)), "shell.language", "s", code);
  wait_idle ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *owner = NULL;

  f->dir = g_dir_make_tmp ("yrs-ui-journey-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "yorisoi.db", NULL);
  f->store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  /* The city's key, as the app's configuration gives it (issue 18). */
  store_test_provision_city_key (f->store);
  owner = yrs_store_create_kiosk_session (f->store, &error);
  g_assert_no_error (error);

  f->session = yrs_session_new ();
  yrs_session_set_store (f->session, f->store, owner);
  yrs_session_set_as_of (f->session, yrs_date_new (2025, 4, 15));

  yrs_i18n_set_language ("en");
  f->window = yrs_window_new (NULL, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_idle ();
  g_clear_object (&f->session);
  g_clear_object (&f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Twins born 2025-03-20, as of 2025-04-15 (PROGRAMMES.md): the second
 * payment is ¥100,000, postpartum care and home help eligible. */
static void
answer_twins (YrsSession *session)
{
  YrsAnswers *answers = yrs_session_get_answers (session);

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", yrs_date_new (2025, 3, 20));
  yrs_answers_set_int (answers, "birth.children", 2);
  yrs_answers_set_bool (answers, "need.declared", TRUE);
  yrs_answers_set_bool (answers, "household.tax_exempt", FALSE);
  yrs_answers_set_bool (answers, "household.public_assistance", FALSE);
}

/* How many labels in the tree show a text that starts with `prefix`. */
static guint
count_labels_starting (GtkWidget  *root,
                       const char *prefix)
{
  guint n = 0;

  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_labels_starting (child, prefix);
  return n;
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The check's step counter never names a total that later grows
 * (issue 20, point 4: "5/5" became "6/6"). */
static void
test_check_step_counter (Fixture       *f,
                         gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  guint asked = 0;

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 6, 10));
  go (f, "check");
  for (;;)
    {
      const char *id = yrs_check_flow_get_question_id (flow);
      YrsStepIndicator *steps = find_step_indicator (page (f));
      const char *text;

      g_assert_nonnull (steps);
      text = yrs_step_indicator_get_text (steps);
      g_assert_null (strstr (text, " of "));
      g_assert_nonnull (strstr (text, "more may follow"));
      if (asked == 2)
        {
          switch_language (f, "ja");
          steps = find_step_indicator (page (f));
          g_assert_nonnull (strstr (yrs_step_indicator_get_text (steps), "回答に応じて続きます"));
          g_assert_null (strstr (yrs_step_indicator_get_text (steps), "／"));
          switch_language (f, "en");
        }
      if (id == NULL)
        break;
      if (g_str_equal (id, "pregnancy.status"))
        yrs_check_flow_answer_string (flow, "pregnant");
      else if (g_str_equal (id, "pregnancy.notified_on"))
        yrs_check_flow_answer_date (flow, yrs_date_new (2025, 6, 2));
      else if (g_str_equal (id, "pregnancy.fetuses"))
        yrs_check_flow_answer_int (flow, 1);
      else
        yrs_check_flow_answer_bool (flow, g_str_equal (id, "residence.in_city") ||
                                          g_str_equal (id, "need.declared"));
      wait_idle ();
      asked++;
      if (yrs_check_flow_next (flow))
        break;
      wait_idle ();
      g_assert_cmpuint (asked, <, 20);
    }
  g_assert_cmpuint (asked, >=, 4);
}

static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  YrsResultCard *card;

  answer_twins (f->session);
  go (f, "results");
  g_assert_true (YRS_IS_RESULTS_PAGE (page (f)));

  card = YRS_RESULT_CARD (yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "support_payment_birth"));
  g_assert_nonnull (card);
  g_assert_cmpint (yrs_result_card_get_status (card), ==, YRS_RESULT_CARD_ELIGIBLE);
  g_assert_nonnull (strstr (yrs_result_card_get_amount (card), "¥100,000"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (yrs_result_card_get_button (card))));

  card = YRS_RESULT_CARD (yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "postpartum_care"));
  g_assert_cmpint (yrs_result_card_get_status (card), ==, YRS_RESULT_CARD_ELIGIBLE);
  g_assert_nonnull (strstr (yrs_result_card_get_amount (card), "19 March 2026"));

  /* The next infant check-up: the 1-month one, for a baby born 20 March. */
  g_assert_true (tree_has_text (page (f), "1-month check-up"));

  /* The source once for the page, in its language, not on each card;
   * the not-eligible cards folded away under their count; the SOS card
   * with the number (issue 20, point 7). */
  g_assert_cmpuint (count_labels_starting (page (f), "Source:"), ==, 1);
  g_assert_cmpuint (count_labels_starting (page (f), "出典"), ==, 0);
  g_assert_true (tree_has_text (page (f), "Not for you now:"));
  card = YRS_RESULT_CARD (yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "first_obstetric_visit"));
  g_assert_nonnull (card);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (card)));
  card = YRS_RESULT_CARD (yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "sos_line"));
  g_assert_nonnull (strstr (yrs_result_card_get_status_text (card), "078-351-3400"));

  /* The same in Japanese after a switch, on the same page. */
  switch_language (f, "ja");
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, "results");
  card = YRS_RESULT_CARD (yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "support_payment_birth"));
  g_assert_nonnull (strstr (yrs_result_card_get_amount (card), "100,000円"));
  g_assert_true (tree_has_text (page (f), "1か月児健診"));
  g_assert_cmpuint (count_labels_starting (page (f), "出典"), ==, 1);
  g_assert_cmpuint (count_labels_starting (page (f), "Source:"), ==, 0);
}

static void
test_results_after_loss (Fixture       *f,
                         gconstpointer  data)
{
  YrsAnswers *answers = yrs_session_get_answers (f->session);
  GtkWidget *card;

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 5, 20));
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "loss");
  yrs_answers_set_date (answers, "loss.on", yrs_date_new (2025, 5, 1));
  yrs_answers_set_int (answers, "loss.fetuses", 1);
  go (f, "results");

  /* Grief care comes first, gently, before any payment. */
  card = yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "grief_care");
  g_assert_nonnull (card);
  g_assert_cmpint (yrs_result_card_get_status (YRS_RESULT_CARD (card)), ==, YRS_RESULT_CARD_SUPPORT);
  g_assert_true (tree_has_text (page (f), "sorry for your loss"));
  card = yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "support_payment_birth");
  g_assert_nonnull (strstr (yrs_result_card_get_amount (YRS_RESULT_CARD (card)), "¥50,000"));

  /* What helps, with how to reach it; nothing that no longer applies
   * (issue 20, point 6). */
  card = yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "grief_care");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (yrs_result_card_get_button (YRS_RESULT_CARD (card)))));
  g_assert_nonnull (strstr (yrs_result_card_get_reason (YRS_RESULT_CARD (card)), "family support office"));
  g_assert_null (yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "first_outing_gift"));
  g_assert_null (yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "newborn_screening"));
  {
    GtkWidget *book = find_button_labelled (page (f), "Book postpartum care");

    g_assert_true (book == NULL || !gtk_widget_get_visible (book));
  }
  switch_language (f, "ja");
  card = yrs_results_page_get_card (YRS_RESULTS_PAGE (page (f)), "grief_care");
  g_assert_nonnull (strstr (yrs_result_card_get_reason (YRS_RESULT_CARD (card)), "こども家庭支援室"));
}

static void
collect_card_buttons (GtkWidget *root,
                      GPtrArray *buttons)
{
  if (YRS_IS_RESULT_CARD (root))
    {
      GtkWidget *button = GTK_WIDGET (yrs_result_card_get_button (YRS_RESULT_CARD (root)));

      if (gtk_widget_get_visible (button))
        g_ptr_array_add (buttons, button);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_card_buttons (child, buttons);
}

/* Tab reaches every card's button, however many cards without one lie
 * between them (a pregnancy: payments and services not yet). */
static void
test_results_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  YrsAnswers *answers = yrs_session_get_answers (f->session);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  const char *households[] = { "twins", "pregnant" };

  for (guint h = 0; h < G_N_ELEMENTS (households); h++)
    {
      yrs_answers_clear (answers);
      if (h == 0)
        answer_twins (f->session);
      else
        {
          yrs_answers_set_bool (answers, "residence.in_city", TRUE);
          yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
          yrs_answers_set_date (answers, "pregnancy.notified_on", yrs_date_new (2025, 4, 1));
          yrs_answers_set_int (answers, "pregnancy.fetuses", 1);
          yrs_answers_set_bool (answers, "household.tax_exempt", FALSE);
          yrs_answers_set_bool (answers, "household.public_assistance", FALSE);
        }
      yrs_session_reset_pages (f->session, "welcome");
      go (f, "results");

      g_ptr_array_set_size (buttons, 0);
      g_hash_table_remove_all (reached);
      collect_card_buttons (page (f), buttons);
      g_assert_cmpuint (buttons->len, >, 0);
      gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
      for (guint i = 0; i < 120; i++)
        {
          GtkWidget *focus;

          if (!gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD))
            gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
          focus = gtk_window_get_focus (GTK_WINDOW (f->window));
          if (focus != NULL)
            g_hash_table_add (reached, focus);
        }
      for (guint i = 0; i < buttons->len; i++)
        if (!g_hash_table_contains (reached, g_ptr_array_index (buttons, i)))
          g_error ("%s: Tab never reaches the button “%s”", households[h],
                   gtk_button_get_label (g_ptr_array_index (buttons, i)));
    }
}

static void
fill_support_payment (YrsSession *session)
{
  yrs_session_set_field (session, "apply.programme", "support_payment_birth");
  yrs_session_set_field (session, "payment.which", "birth");
  yrs_session_set_field (session, "applicant.name", "寄添 花子");
  yrs_session_set_field (session, "applicant.kana", "ヨリソイ ハナコ");
  yrs_session_set_field (session, "applicant.birth_date", "1995-06-01");
  yrs_session_set_field (session, "applicant.phone", "078-123-4567");
  yrs_session_set_field (session, "address.postal_code", "6500001");
  yrs_session_set_field (session, "address.line", "兵庫県神戸市中央区加納町6-5-1");
  yrs_session_set_field (session, "bank.method", "bank");
  yrs_session_set_field (session, "bank.code", "0001");
  yrs_session_set_field (session, "bank.branch", "001");
  yrs_session_set_field (session, "bank.type", "ordinary");
  yrs_session_set_field (session, "bank.account_number", "1234567");
  yrs_session_set_field (session, "bank.holder_kana", "ヨリソイ ハナコ");
}

static void
test_submit_to_outbox (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const YrsOutboxItem *item;
  guint sync_requests = 0;
  YrsSubmittedPage *submitted;

  answer_twins (f->session);
  fill_support_payment (f->session);
  g_signal_connect_swapped (f->session, "sync-requested", G_CALLBACK (g_atomic_int_inc), &sync_requests);

  /* As the form stores them: digits only. */
  yrs_session_set_field (f->session, "applicant.phone", "0781234567");
  go (f, "apply");
  step_is (f, "Step 1 of 3");
  go (f, "review");
  step_is (f, "Step 2 of 3");
  g_assert_true (tree_has_text (page (f), "寄添 花子"));
  g_assert_true (tree_has_text (page (f), "Ordinary (普通)"));
  /* Shown as people write them, sent as digits (below). */
  g_assert_true (tree_has_text (page (f), "〒650-0001"));
  g_assert_true (tree_has_text (page (f), "078-123-4567"));
  g_assert_true (tree_has_text (page (f), "1 June 1995"));
  switch_language (f, "ja");
  g_assert_true (tree_has_text (page (f), "〒650-0001"));
  g_assert_true (tree_has_text (page (f), "平成7年6月1日"));
  step_is (f, "ステップ 2／3");
  switch_language (f, "en");
  gtk_widget_activate_action (page (f), "review.submit", NULL);
  wait_idle ();

  g_assert_cmpstr (yrs_session_get_page (f->session), ==, "submitted");
  g_assert_cmpuint (sync_requests, ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_step_indicator (page (f)))));
  step_is (f, "Step 3 of 3");
  switch_language (f, "ja");
  step_is (f, "ステップ 3／3");
  switch_language (f, "en");

  rows = yrs_store_outbox_list (f->store, yrs_session_get_owner (f->session), YRS_OUTBOX_STATE_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  item = g_ptr_array_index (rows, 0);
  g_assert_cmpint (item->kind, ==, YRS_OUTBOX_KIND_APPLICATION);
  g_assert_cmpint (item->state, ==, YRS_OUTBOX_STATE_QUEUED);
  /* Sealed to the city: nothing personal in clear on the device. */
  g_assert_null (strstr (item->payload, "1234567"));
  {
    g_autofree char *opened = store_test_unseal (item->payload);

    g_assert_nonnull (strstr (opened, "\"programme\":\"support_payment_birth\""));
    g_assert_nonnull (strstr (opened, "\"bank.account_number\":\"1234567\""));
    g_assert_nonnull (strstr (opened, "\"address.postal_code\":\"6500001\""));
    g_assert_nonnull (strstr (opened, "\"applicant.phone\":\"0781234567\""));
    /* The other account kind's fields are not sent. */
    g_assert_null (strstr (opened, "yucho"));
  }

  submitted = YRS_SUBMITTED_PAGE (page (f));
  g_assert_cmpstr (yrs_submitted_page_get_state (submitted), ==, "queued");
  g_assert_true (g_str_has_prefix (yrs_submitted_page_get_reference (submitted), "D-"));
  g_assert_true (tree_has_text (page (f), "waiting to be sent"));

  /* The city answers: the receipt carries its reference, and is kept. */
  yrs_store_outbox_mark_sending (f->store, item->idempotency_key, &error);
  g_assert_no_error (error);
  yrs_store_outbox_mark_accepted (f->store, item->idempotency_key, "KB-2025-000123", &error);
  g_assert_no_error (error);
  yrs_submitted_page_refresh (submitted);
  g_assert_cmpstr (yrs_submitted_page_get_state (submitted), ==, "accepted");
  g_assert_cmpstr (yrs_submitted_page_get_reference (submitted), ==, "KB-2025-000123");
  g_assert_true (tree_has_text (page (f), "Received by the city"));

  /* A print button only where the device has a receipt printer, and
   * no "take your receipt" without one (issue 20, point 9). */
  g_assert_false (tree_has_text (page (f), "Print the receipt"));
  g_assert_false (tree_has_text (page (f), "This is your receipt"));
  g_assert_false (tree_has_text (page (f), "take it with you"));
  g_assert_true (tree_has_text (page (f), "write down the reference number"));
  {
    g_autoptr(GSettings) settings = g_settings_new ("org.yorisoi.Yorisoi");

    g_settings_set_string (settings, "printer", "ward-office-receipts");
    yrs_submitted_page_refresh (submitted);
    g_assert_true (tree_has_text (page (f), "Print the receipt"));
    g_assert_true (tree_has_text (page (f), "Print your receipt with the button below and take it with you"));
    g_settings_reset (settings, "printer");
    yrs_submitted_page_refresh (submitted);
    g_assert_false (tree_has_text (page (f), "Print the receipt"));
    g_assert_false (tree_has_text (page (f), "take it with you"));
  }
  {
    g_autoptr(GPtrArray) receipts = yrs_store_list_receipts (f->store, yrs_session_get_owner (f->session), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (receipts->len, ==, 1);
  }

  /* Rejected, with the city's reason in words. */
  {
    g_autofree char *key = yrs_session_submit (f->session, "application", "{\"programme\":\"postpartum_home_help\",\"fields\":{}}", &error);

    g_assert_no_error (error);
    yrs_session_set_field (f->session, "submission.key", key);
    yrs_store_outbox_mark_sending (f->store, key, &error);
    /* The reason as the sync engine stores it: the server's problem. */
    yrs_store_outbox_mark_rejected (f->store, key,
                                    "{\"status\":422,\"type\":\"urn:yorisoi:problem:validation\","
                                    "\"errors\":[{\"field\":\"fields.applicant.phone\",\"code\":\"format\"}]}",
                                    &error);
    g_assert_no_error (error);
    yrs_submitted_page_refresh (submitted);
    g_assert_cmpstr (yrs_submitted_page_get_state (submitted), ==, "rejected");
    g_assert_false (tree_has_text (page (f), "urn:yorisoi"));
    g_assert_true (tree_has_text (page (f), "phone number"));
  }

  /* Back from the receipt to the review and "Send" again: nothing new is
   * queued, and she sees the receipt of what she sent. */
  {
    g_autoptr(GPtrArray) before = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_ANY, &error);
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(GPtrArray) changed = NULL;

    g_assert_no_error (error);
    go (f, "review");
    gtk_widget_activate_action (page (f), "review.submit", NULL);
    wait_idle ();
    g_assert_cmpstr (yrs_session_get_page (f->session), ==, "submitted");
    g_assert_cmpstr (yrs_submitted_page_get_reference (YRS_SUBMITTED_PAGE (page (f))), ==, "KB-2025-000123");
    after = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_ANY, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, before->len);

    /* A changed answer is a new application. */
    yrs_session_set_field (f->session, "applicant.phone", "0783333333");
    go (f, "review");
    gtk_widget_activate_action (page (f), "review.submit", NULL);
    wait_idle ();
    changed = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_ANY, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (changed->len, ==, before->len + 1);
    g_assert_cmpstr (yrs_submitted_page_get_state (YRS_SUBMITTED_PAGE (page (f))), ==, "queued");
  }
}

static void
test_conflict_alternatives (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  YrsSubmittedPage *submitted;
  const char *alternatives =
    "[{\"id\":\"slot-b\",\"facility\":\"fac-chuo-josanjo-1\",\"kind\":\"stay\","
    "\"starts_at\":\"2025-04-22T10:00:00+09:00\",\"ends_at\":\"2025-04-23T10:00:00+09:00\","
    "\"capacity\":2,\"booked\":0,\"revision\":3},"
    "{\"id\":\"slot-c\",\"facility\":\"fac-chuo-josanjo-1\",\"kind\":\"stay\","
    "\"starts_at\":\"2025-04-24T10:00:00+09:00\",\"ends_at\":\"2025-04-25T10:00:00+09:00\","
    "\"capacity\":1,\"booked\":0,\"revision\":4}]";

  key = yrs_session_submit (f->session, "reservation", "{\"registration\":\"R-1\",\"slot\":\"slot-a\"}", &error);
  g_assert_no_error (error);
  yrs_session_set_field (f->session, "submission.key", key);
  yrs_store_outbox_mark_sending (f->store, key, &error);
  /* The server's 409, as the sync engine records it. */
  yrs_store_outbox_mark_conflict (f->store, key, alternatives, &error);
  g_assert_no_error (error);

  go (f, "submitted");
  submitted = YRS_SUBMITTED_PAGE (page (f));
  g_assert_cmpstr (yrs_submitted_page_get_state (submitted), ==, "conflict");
  g_assert_cmpuint (yrs_submitted_page_get_n_alternatives (submitted), ==, 2);
  /* A booking is not the three steps of an application: no "3 of 3". */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_step_indicator (page (f)))));
  g_assert_true (tree_has_text (page (f), "22 April 2025 10:00–next day 10:00 (2 places free)"));
  /* Places at several facilities at one hour: each names its facility. */
  {
    GtkWidget *button = find_button (page (f), "22 April 2025 10:00");

    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                     "Minato Midwife Home (sample)\n22 April 2025 10:00–next day 10:00 (2 places free)");
    /* Read again, the same places keep the same buttons (a tap or a
     * screen reader's place is not lost). */
    yrs_submitted_page_refresh (submitted);
    g_assert_true (find_button (page (f), "22 April 2025 10:00") == button);
  }

  /* Nothing is rebooked until the person chooses. */
  rows = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_QUEUED, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  gtk_widget_activate_action (page (f), "submitted.choose", "s", "slot-c");
  wait_idle ();
  rows = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_QUEUED, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (((YrsOutboxItem *) g_ptr_array_index (rows, 0))->payload, "\"slot\":\"slot-c\""));
  g_assert_nonnull (strstr (((YrsOutboxItem *) g_ptr_array_index (rows, 0))->payload, "\"registration\":\"R-1\""));
  g_assert_cmpstr (yrs_submitted_page_get_state (submitted), ==, "queued");
}

static gboolean
strv_has (const char **strv,
          const char  *s)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_str_equal (strv[i], s))
      return TRUE;
  return FALSE;
}

static void
test_reserve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree const char **ids = NULL;
  YrsReservePage *reserve;

  answer_twins (f->session);
  go (f, "reserve");
  reserve = YRS_RESERVE_PAGE (page (f));
  g_assert_cmpstr (yrs_reserve_page_get_registration_state (reserve), ==, "none");

  /* Stays: the Higashinada clinic (no babies over 4 months) is listed
   * for a baby under 4 months. */
  ids = yrs_reserve_page_list_facilities (reserve);
  g_assert_true (strv_has (ids, "fac-higashinada-medical-1"));
  g_assert_true (strv_has (ids, "fac-chuo-josanjo-1"));
  g_clear_pointer (&ids, g_free);

  /* Home visits: clinics that do not visit drop out. */
  yrs_session_set_as_of (f->session, yrs_date_new (2025, 8, 1));
  yrs_booking_flow_set_kind (yrs_session_get_booking_flow (f->session), "visit");
  switch_language (f, "ja");
  reserve = YRS_RESERVE_PAGE (page (f));
  ids = yrs_reserve_page_list_facilities (reserve);
  g_assert_false (strv_has (ids, "fac-higashinada-medical-1"));
  g_assert_true (strv_has (ids, "fac-nada-josanjo-1"));
  g_assert_true (tree_has_text (page (f), "4か月"));
  g_clear_pointer (&ids, g_free);

  /* A registration in the outbox is pending until the city has it. */
  {
    g_autofree char *key = yrs_session_submit (f->session, "registration",
                                               "{\"name\":\"寄添 花子\",\"name_kana\":\"ヨリソイ ハナコ\",\"phone\":\"0781234567\",\"child_born_on\":\"2025-03-20\",\"tax_exempt\":false,\"public_assistance\":false}",
                                               &error);

    g_assert_no_error (error);
    switch_language (f, "en");
    reserve = YRS_RESERVE_PAGE (page (f));
    g_assert_cmpstr (yrs_reserve_page_get_registration_state (reserve), ==, "pending");
    yrs_store_outbox_mark_sending (f->store, key, &error);
    yrs_store_outbox_mark_accepted (f->store, key, "REG-77", &error);
    g_assert_no_error (error);
    /* The sync engine says so with "row-answered"; the test answered in
     * the store itself, so it tells the flow. */
    yrs_booking_flow_reload (yrs_session_get_booking_flow (f->session));
    switch_language (f, "ja");
    reserve = YRS_RESERVE_PAGE (page (f));
    g_assert_cmpstr (yrs_reserve_page_get_registration_state (reserve), ==, "registered");
    g_assert_cmpstr (yrs_booking_flow_get_registration_reference (yrs_session_get_booking_flow (f->session)), ==, "REG-77");
    g_assert_cmpstr (yrs_booking_flow_get_registration_key (yrs_session_get_booking_flow (f->session)), ==, key);

    /* Her registration's receipt leads on to booking. */
    yrs_session_set_field (f->session, "submission.key", key);
    go (f, "submitted");
    g_assert_nonnull (find_button (page (f), "産後ケアを予約する"));
    g_assert_true (gtk_widget_get_visible (find_button (page (f), "産後ケアを予約する")));
    switch_language (f, "en");
    g_assert_nonnull (find_button (page (f), "Book postpartum care"));
    g_assert_true (gtk_widget_get_visible (find_button (page (f), "Book postpartum care")));
    g_signal_emit_by_name (find_button (page (f), "Book postpartum care"), "clicked");
    wait_idle ();
    g_assert_cmpstr (yrs_session_get_page (f->session), ==, "reserve");
  }

  /* The page shows stays until she picks another kind; a facility then
   * leads to its stays only, not to every kind's places. */
  yrs_booking_flow_set_kind (yrs_session_get_booking_flow (f->session), NULL);
  go (f, "reserve");
  gtk_widget_activate_action (page (f), "reserve.facility", "s", "fac-chuo-josanjo-1");
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, "slots");
  g_assert_cmpstr (yrs_session_get_field (f->session, "reserve.kind"), ==, "stay");
  g_assert_cmpstr (yrs_booking_flow_get_kind (yrs_session_get_booking_flow (f->session)), ==, "stay");
  g_assert_cmpstr (yrs_booking_flow_get_facility (yrs_session_get_booking_flow (f->session)), ==, "fac-chuo-josanjo-1");
}

static void
test_slots_and_booking (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsSlot) a = yrs_slot_new ("s-1", "fac-chuo-josanjo-1", "stay", "2025-04-17T10:00", "2025-04-18T10:00", 2, 1, 1);
  g_autoptr(YrsSlot) b = yrs_slot_new ("s-2", "fac-chuo-josanjo-1", "stay", "2025-04-17T14:00", "2025-04-18T14:00", 1, 1, 1);
  g_autoptr(YrsSlot) c = yrs_slot_new ("s-3", "fac-chuo-josanjo-1", "stay", "2025-04-21T10:00", "2025-04-22T10:00", 3, 0, 1);
  g_autoptr(YrsSlot) other = yrs_slot_new ("s-4", "fac-nada-josanjo-1", "stay", "2025-04-21T10:00", "2025-04-22T10:00", 3, 0, 1);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *registration = NULL;

  g_assert_true (yrs_store_put_slot (f->store, a, &error));
  g_assert_true (yrs_store_put_slot (f->store, b, &error));
  g_assert_true (yrs_store_put_slot (f->store, c, &error));
  g_assert_true (yrs_store_put_slot (f->store, other, &error));

  answer_twins (f->session);
  /* Her registration, received by the city (its server ID not recorded:
   * the booking names it by its outbox row's key). */
  registration = yrs_session_submit (f->session, "registration", "{\"name\":\"寄添 花子\"}", &error);
  g_assert_no_error (error);
  g_assert_true (yrs_store_outbox_mark_sending (f->store, registration, &error));
  g_assert_true (yrs_store_outbox_mark_accepted (f->store, registration, "REG-77", &error));
  yrs_booking_flow_reload (yrs_session_get_booking_flow (f->session));
  yrs_booking_flow_set_kind (yrs_session_get_booking_flow (f->session), "stay");
  go (f, "reserve");
  gtk_widget_activate_action (page (f), "reserve.facility", "s", "fac-chuo-josanjo-1");
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, "slots");
  g_assert_cmpint (yrs_slots_page_get_free_on (YRS_SLOTS_PAGE (page (f)), "2025-04-17"), ==, 1);
  g_assert_cmpint (yrs_slots_page_get_free_on (YRS_SLOTS_PAGE (page (f)), "2025-04-21"), ==, 3);
  g_assert_cmpint (yrs_slots_page_get_free_on (YRS_SLOTS_PAGE (page (f)), "2025-04-18"), ==, -1);

  gtk_widget_activate_action (page (f), "slots.day", "s", "2025-04-17");
  wait_idle ();
  g_assert_true (tree_has_text (page (f), "10:00–next day 10:00: 1 place free"));
  g_assert_true (tree_has_text (page (f), "14:00–next day 14:00: full"));
  gtk_widget_activate_action (page (f), "slots.slot", "s", "s-1");
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, "slot");

  /* Not on a day with an infectious illness. */
  yrs_answers_set_bool (yrs_session_get_answers (f->session), "health.infectious_today", TRUE);
  switch_language (f, "ja");
  g_assert_true (tree_has_text (page (f), "感染症にかかっている（疑いがある）日は利用できません"));
  gtk_widget_activate_action (page (f), "slot.confirm", NULL);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, "slot");

  yrs_answers_set_bool (yrs_session_get_answers (f->session), "health.infectious_today", FALSE);
  switch_language (f, "en");
  g_assert_false (tree_has_text (page (f), "infectious illness such as influenza. Choose"));
  gtk_widget_activate_action (page (f), "slot.confirm", NULL);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, "submitted");
  rows = yrs_store_outbox_list (f->store, NULL, YRS_OUTBOX_STATE_QUEUED, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((YrsOutboxItem *) g_ptr_array_index (rows, 0))->kind, ==, YRS_OUTBOX_KIND_RESERVATION);
  g_assert_nonnull (strstr (((YrsOutboxItem *) g_ptr_array_index (rows, 0))->payload, "\"slot\":\"s-1\""));
  /* The sync engine swaps the registration row's key for the server's ID. */
  {
    g_autofree char *named = g_strdup_printf ("\"registration_key\":\"%s\"", registration);

    g_assert_nonnull (strstr (((YrsOutboxItem *) g_ptr_array_index (rows, 0))->payload, named));
  }
  /* The receipt shows this row. */
  g_assert_cmpstr (yrs_session_get_field (f->session, "submission.key"), ==,
                   ((YrsOutboxItem *) g_ptr_array_index (rows, 0))->idempotency_key);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add ("/ui/journey/check-step-counter", Fixture, NULL, fixture_set_up, test_check_step_counter, fixture_tear_down);
  g_test_add ("/ui/journey/results", Fixture, NULL, fixture_set_up, test_results, fixture_tear_down);
  g_test_add ("/ui/journey/results-keyboard", Fixture, NULL, fixture_set_up, test_results_keyboard, fixture_tear_down);
  g_test_add ("/ui/journey/results-after-loss", Fixture, NULL, fixture_set_up, test_results_after_loss, fixture_tear_down);
  g_test_add ("/ui/journey/submit-to-outbox", Fixture, NULL, fixture_set_up, test_submit_to_outbox, fixture_tear_down);
  g_test_add ("/ui/journey/conflict-alternatives", Fixture, NULL, fixture_set_up, test_conflict_alternatives, fixture_tear_down);
  g_test_add ("/ui/journey/reserve", Fixture, NULL, fixture_set_up, test_reserve, fixture_tear_down);
  g_test_add ("/ui/journey/slots-and-booking", Fixture, NULL, fixture_set_up, test_slots_and_booking, fixture_tear_down);

  return g_test_run ();
}
