/* SPDX-License-Identifier: GPL-3.0-or-later */

/* YrsCheckFlow without widgets, on a real store file: the wizard's path and
 * position as properties, one evaluation per change, the results' models
 * for a household, a restart, a wipe, and a language switch in the
 * middle. */

#include "config.h"

#include <string.h>

#include "yrs-check-flow.h"
#include "yrs-i18n.h"
#include "yrs-store.h"

#include "../unit/test-store-util.h"

typedef struct
{
  char       *dir;
  YrsStore   *store;
  char       *owner;
  YrsSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  yrs_i18n_set_language ("en");
  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "yorisoi.db", NULL);
  f->store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  f->owner = yrs_store_create_kiosk_session (f->store, &error);
  g_assert_no_error (error);

  f->session = yrs_session_new ();
  yrs_session_set_store (f->session, f->store, f->owner);
  yrs_session_set_as_of (f->session, yrs_date_new (2025, 6, 10));
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

/* Counts notifications by property name. */
static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GHashTable *counts)
{
  g_hash_table_replace (counts, (gpointer) pspec->name,
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name)) + 1));
}

static guint
count (GHashTable *counts,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_intern_string (name)));
}

static char *
get_string (gpointer    object,
            const char *name)
{
  char *value = NULL;

  g_object_get (object, name, &value, NULL);
  return value;
}

static guint
get_uint (gpointer    object,
          const char *name)
{
  guint value = 0;

  g_object_get (object, name, &value, NULL);
  return value;
}

static gboolean
get_boolean (gpointer    object,
             const char *name)
{
  gboolean value = FALSE;

  g_object_get (object, name, &value, NULL);
  return value;
}

static void
test_path (Fixture       *f,
           gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autofree char *text = NULL;
  guint n_steps;

  g_assert_true (yrs_session_get_check (f->session) == flow);
  g_assert_true (yrs_check_flow_get_answers (flow) == yrs_session_get_answers (f->session));
  g_signal_connect (flow, "notify", G_CALLBACK (on_notify), counts);

  /* The first question, nothing answered. */
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "residence.in_city");
  text = get_string (flow, "question-text");
  g_assert_cmpstr (text, ==, yrs_question_get_text (yrs_check_flow_get_question (flow), YRS_LANG_EN));
  g_assert_cmpuint (get_uint (flow, "step"), ==, 1);
  n_steps = get_uint (flow, "n-steps");
  g_assert_cmpuint (n_steps, >, 2);
  g_assert_false (get_boolean (flow, "can-go-next"));
  g_assert_false (get_boolean (flow, "can-go-back"));
  /* Not answered: Next stays. */
  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "residence.in_city");

  /* Answering enables Next, and the question stays until Next. */
  yrs_check_flow_answer_bool (flow, TRUE);
  g_assert_true (get_boolean (flow, "can-go-next"));
  g_assert_cmpuint (count (counts, "can-go-next"), ==, 1);
  g_assert_cmpuint (count (counts, "question-id"), ==, 0);

  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.status");
  g_assert_cmpuint (count (counts, "question-id"), ==, 1);
  g_assert_cmpuint (count (counts, "question-text"), ==, 1);
  g_assert_cmpuint (get_uint (flow, "step"), ==, 2);
  g_assert_cmpuint (count (counts, "step"), ==, 1);
  g_assert_true (get_boolean (flow, "can-go-back"));
  g_assert_false (get_boolean (flow, "can-go-next"));
  /* The position is the session's (saved with the draft). */
  g_assert_cmpuint (yrs_session_get_check_step (f->session), ==, 1);

  /* A pregnancy asks the notification next, never a birth. */
  yrs_check_flow_answer_string (flow, "pregnant");
  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.notified_on");
  g_assert_cmpuint (get_uint (flow, "step"), ==, 3);
  yrs_check_flow_answer_date (flow, yrs_date_new (2025, 6, 2));
  g_assert_true (get_boolean (flow, "can-go-next"));
  /* An unparsable date unsets the answer. */
  yrs_check_flow_answer_date (flow, YRS_DATE_NONE);
  g_assert_false (get_boolean (flow, "can-go-next"));
  g_assert_false (yrs_answers_has (yrs_session_get_answers (f->session), "pregnancy.notified_on"));
  yrs_check_flow_answer_date (flow, yrs_date_new (2025, 6, 2));
  g_assert_false (yrs_check_flow_next (flow));

  /* A number question goes on with the number shown. */
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.fetuses");
  g_assert_true (get_boolean (flow, "can-go-next"));
  g_assert_cmpint (yrs_check_flow_get_int_value (flow), ==, 1);
  g_assert_false (yrs_check_flow_next (flow));
  {
    gint64 fetuses = 0;

    g_assert_true (yrs_answers_get_int (yrs_session_get_answers (f->session), "pregnancy.fetuses", &fetuses));
    g_assert_cmpint (fetuses, ==, 1);
  }

  /* Back, and changing an earlier answer changes what follows. */
  while (yrs_check_flow_back (flow))
    if (g_str_equal (yrs_check_flow_get_question_id (flow), "pregnancy.status"))
      break;
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.status");
  yrs_check_flow_answer_string (flow, "born");
  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "birth.born_on");

  /* Back to the first question, and no further. */
  g_assert_true (yrs_check_flow_back (flow));
  g_assert_true (yrs_check_flow_back (flow));
  g_assert_cmpuint (get_uint (flow, "step"), ==, 1);
  g_assert_false (get_boolean (flow, "can-go-back"));
  g_assert_false (yrs_check_flow_back (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "residence.in_city");

  /* Someone else sets the session's step (a draft restored, a test): the
   * flow follows. */
  yrs_session_set_check_step (f->session, 1);
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.status");
}

static void
answer_pregnant (YrsAnswers *answers)
{
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
  yrs_answers_set_date (answers, "pregnancy.notified_on", yrs_date_new (2025, 6, 2));
  yrs_answers_set_int (answers, "pregnancy.fetuses", 1);
  yrs_answers_set_bool (answers, "household.public_assistance", FALSE);
  yrs_answers_set_bool (answers, "household.tax_exempt", FALSE);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

/* One walk and one evaluation per change of the answers, none per read. */
static void
test_evaluate_once (Fixture       *f,
                    gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsAnswers *answers = yrs_session_get_answers (f->session);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  YrsEvaluation *evaluation;
  guint n_changes = 0;

  g_signal_connect (flow, "notify", G_CALLBACK (on_notify), counts);
  g_signal_connect (yrs_check_flow_get_main_results (flow), "items-changed",
                    G_CALLBACK (on_items_changed), &n_changes);

  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  g_assert_cmpuint (count (counts, "evaluation"), ==, 1);
  g_assert_cmpuint (n_changes, ==, 1);

  evaluation = yrs_check_flow_get_evaluation (flow);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(YrsEvaluation) read = NULL;
      g_autofree char *intro = NULL;

      g_object_get (flow, "evaluation", &read, "intro", &intro, NULL);
      g_assert_true (read == evaluation);
      g_assert_true (yrs_check_flow_get_evaluation (flow) == evaluation);
    }
  g_assert_cmpuint (count (counts, "evaluation"), ==, 1);
  g_assert_cmpuint (n_changes, ==, 1);

  /* Setting an answer to what it is already is no change. */
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  g_assert_cmpuint (count (counts, "evaluation"), ==, 1);

  yrs_answers_set_string (answers, "pregnancy.status", "pregnant");
  g_assert_cmpuint (count (counts, "evaluation"), ==, 2);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_true (yrs_check_flow_get_evaluation (flow) != evaluation);

  /* The session's date is a change too. */
  yrs_session_set_as_of (f->session, yrs_date_new (2025, 7, 1));
  g_assert_cmpuint (count (counts, "evaluation"), ==, 3);
  g_assert_cmpint (yrs_date_compare (yrs_evaluation_get_as_of (yrs_check_flow_get_evaluation (flow)),
                                     yrs_date_new (2025, 7, 1)), ==, 0);
  yrs_check_flow_refresh (flow);
  g_assert_cmpuint (count (counts, "evaluation"), ==, 3);
}

/* A resident, pregnant, notified: the first support payment is theirs to
 * apply for, postpartum care is not yet, no check-up, no grief care. */
static void
test_results_model (Fixture       *f,
                    gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsResultItem *item;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *title = NULL, *status = NULL, *figure = NULL, *label = NULL, *action = NULL;
  g_autofree char *intro = NULL, *source = NULL, *reasons = NULL;
  GListModel *main;
  YrsResultKind kind;
  gboolean has_info = FALSE;

  answer_pregnant (yrs_session_get_answers (f->session));

  g_assert_cmpuint (g_list_model_get_n_items (yrs_check_flow_get_support_results (flow)), ==, 0);
  main = yrs_check_flow_get_main_results (flow);
  /* Only what she can apply for now: the rest is "coming" (issue 20, 7). */
  g_assert_cmpuint (g_list_model_get_n_items (main), ==, 1);
  g_assert_true (g_list_model_get_item_type (main) == YRS_TYPE_RESULT_ITEM);
  item = g_list_model_get_item (main, 0);
  g_object_unref (item);   /* the model keeps one */
  g_assert_cmpstr (yrs_result_item_get_programme_id (item), ==, "support_payment_pregnancy");
  g_assert_true (yrs_check_flow_lookup_result (flow, "support_payment_pregnancy") == item);

  g_object_get (item,
                "title", &title,
                "kind", &kind,
                "status-text", &status,
                "figure", &figure,
                "reasons", &reasons,
                "source", &source,
                "action-label", &label,
                "action-name", &action,
                "action-target", &target,
                NULL);
  g_assert_cmpstr (title, ==, "Pregnancy support payment (first payment)");
  g_assert_cmpint (kind, ==, YRS_RESULT_KIND_ELIGIBLE);
  g_assert_cmpstr (status, ==, "Eligible");
  g_assert_cmpstr (figure, ==, "Amount: ¥50,000");
  g_assert_cmpstr (reasons, !=, "");
  g_assert_nonnull (strstr (source, "神戸市"));
  g_clear_pointer (&source, g_free);
  /* The page's one source line is in the page's language. */
  source = yrs_check_flow_dup_source (flow);
  g_assert_nonnull (strstr (source, "Kobe City maternal and child health programmes"));
  g_assert_null (strstr (source, "神戸市"));
  g_assert_cmpstr (label, ==, "Apply");
  g_assert_cmpstr (action, ==, "results.apply");
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "support_payment_pregnancy");
  g_assert_cmpint (yrs_result_item_get_section (item), ==, YRS_RESULT_SECTION_MAIN);

  /* After the birth: not yet, no button. */
  item = yrs_check_flow_lookup_result (flow, "support_payment_birth");
  g_assert_nonnull (item);
  g_assert_cmpint (yrs_result_item_get_kind (item), ==, YRS_RESULT_KIND_NOT_YET);
  g_clear_pointer (&status, g_free);
  status = yrs_result_item_dup_status_text (item);
  g_assert_cmpstr (status, ==, "Not yet: after the birth");
  g_assert_null (yrs_result_item_get_action_name (item));
  g_clear_pointer (&label, g_free);
  label = yrs_result_item_dup_action_label (item);
  g_assert_null (label);

  /* Information cards go in their own group; the prenatal check-up
   * subsidy is one. */
  item = yrs_check_flow_lookup_result (flow, "prenatal_checkup_subsidy");
  g_assert_nonnull (item);
  g_assert_cmpint (yrs_result_item_get_section (item), ==, YRS_RESULT_SECTION_INFO);
  g_object_get (flow, "has-info", &has_info, NULL);
  g_assert_true (has_info);
  g_assert_null (yrs_check_flow_get_checkup (flow));
  intro = yrs_check_flow_dup_intro (flow);
  g_assert_nonnull (strstr (intro, "10 June 2025"));

  /* Born, twins, as of 15 April 2025: the next check-up appears, the
   * second payment can be applied for and postpartum care booked. */
  {
    YrsAnswers *answers = yrs_session_get_answers (f->session);
    g_autofree char *checkup_title = NULL, *window = NULL;
    YrsResultItem *checkup;

    yrs_session_set_as_of (f->session, yrs_date_new (2025, 4, 15));
    yrs_answers_set_string (answers, "pregnancy.status", "born");
    yrs_answers_set_date (answers, "birth.born_on", yrs_date_new (2025, 3, 20));
    yrs_answers_set_int (answers, "birth.children", 2);
    yrs_answers_set_bool (answers, "need.declared", TRUE);

    item = yrs_check_flow_lookup_result (flow, "support_payment_birth");
    g_clear_pointer (&figure, g_free);
    figure = yrs_result_item_dup_figure (item);
    g_assert_cmpstr (figure, ==, "Amount: ¥100,000");
    item = yrs_check_flow_lookup_result (flow, "postpartum_care");
    g_assert_cmpstr (yrs_result_item_get_action_name (item), ==, "results.reserve");
    g_assert_null (yrs_result_item_dup_action_target (item));

    checkup = yrs_check_flow_get_checkup (flow);
    g_assert_nonnull (checkup);
    g_assert_cmpint (yrs_result_item_get_section (checkup), ==, YRS_RESULT_SECTION_CHECKUP);
    g_object_get (checkup, "status-text", &checkup_title, "figure", &window, NULL);
    g_assert_cmpstr (checkup_title, ==, "1-month check-up");
    g_assert_nonnull (strstr (window, "Between"));
  }
}

/* Grief care first, gently, after a loss; a change to "born" leaves the
 * loss behind. */
static void
test_results_after_loss (Fixture       *f,
                         gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsAnswers *answers = yrs_session_get_answers (f->session);
  GListModel *support = yrs_check_flow_get_support_results (flow);
  g_autoptr(YrsResultItem) item = NULL;
  g_autofree char *intro = NULL;

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 5, 20));
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "loss");
  yrs_answers_set_date (answers, "loss.on", yrs_date_new (2025, 5, 1));
  yrs_answers_set_int (answers, "loss.fetuses", 1);

  g_assert_cmpuint (g_list_model_get_n_items (support), ==, 1);
  item = g_list_model_get_item (support, 0);
  g_assert_cmpstr (yrs_result_item_get_programme_id (item), ==, "grief_care");
  g_assert_cmpint (yrs_result_item_get_kind (item), ==, YRS_RESULT_KIND_SUPPORT);
  intro = yrs_check_flow_dup_intro (flow);
  g_assert_nonnull (strstr (intro, "sorry for your loss"));

  yrs_answers_set_string (answers, "pregnancy.status", "born");
  g_assert_cmpuint (g_list_model_get_n_items (support), ==, 0);
  g_clear_pointer (&intro, g_free);
  intro = yrs_check_flow_dup_intro (flow);
  g_assert_null (strstr (intro, "sorry"));
}

static gboolean
model_has (GListModel *model,
           const char *programme_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YrsResultItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (yrs_result_item_get_programme_id (item), programme_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every card in every group: no sample mark without a figure; a sample
 * figure says the ward will confirm it; a not-eligible card gives no
 * reason she met and no "until" (issue 20, points 3 and 7). */
static void
assert_cards_honest (YrsCheckFlow *flow)
{
  GListModel *models[] = {
    yrs_check_flow_get_support_results (flow), yrs_check_flow_get_main_results (flow),
    yrs_check_flow_get_coming_results (flow), yrs_check_flow_get_info_results (flow),
    yrs_check_flow_get_not_eligible_results (flow),
  };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        g_autoptr(YrsResultItem) item = g_list_model_get_item (models[m], i);
        g_autofree char *figure = yrs_result_item_dup_figure (item);
        g_autofree char *reasons = yrs_result_item_dup_reasons (item);
        g_autofree char *status = yrs_result_item_dup_status_text (item);
        const YrsResult *result = yrs_result_item_get_result (item);

        if (yrs_result_item_get_sample (item))
          g_assert_nonnull (strstr (figure, "¥"));
        if (result->sample && strstr (figure, "¥") != NULL)
          {
            g_assert_nonnull (strstr (figure, "the ward will confirm it"));
            g_assert_null (strstr (figure, "less a reduction"));
            g_assert_null (strstr (reasons, "you pay"));
          }
        if (result->status == YRS_STATUS_NOT_ELIGIBLE)
          {
            g_assert_cmpint (m, ==, 4);
            g_assert_null (strstr (reasons, "Available until"));
            g_assert_null (strstr (reasons, "For pregnant women"));
            g_assert_null (strstr (figure, "Until"));
          }
        else
          g_assert_cmpint (m, !=, 4);
        if (result->status == YRS_STATUS_NOT_YET)
          g_assert_cmpint (m, ==, 2);
        g_assert_null (strstr (reasons, "Some figures here are samples") != NULL &&
                       strstr (figure, "¥") == NULL ? "sample reason without a figure" : NULL);
        /* The card's "Until <date>" is not said again below it as
         * "Available until <date>." (review 6). */
        {
          const char *until = strstr (figure, "Until ");

          if (until != NULL)
            {
              g_autofree char *date = g_strndup (until + 6, strcspn (until + 6, "\n"));
              g_autofree char *again = g_strdup_printf ("Available until %s.", date);

              if (strstr (reasons, again) != NULL)
                g_error ("%s: \"%s\" under \"Until %s\"", yrs_result_item_get_programme_id (item), again, date);
            }
        }
        /* Nor the figure's "Up to N uses" as "Up to N visits in all.". */
        {
          const char *up_to = strstr (figure, "Up to ");
          int n;

          if (up_to != NULL && sscanf (up_to, "Up to %d use", &n) == 1)
            {
              g_autofree char *again = g_strdup_printf ("Up to %d visit", n);

              if (strstr (reasons, again) != NULL)
                g_error ("%s: \"%s…\" under \"Up to %d uses\"", yrs_result_item_get_programme_id (item), again, n);
            }
        }
      }
}

/* A pregnant woman's results: now, then coming, then information, the
 * not-eligible ones apart with their count; no card tells her the
 * condition she meets as the reason she is not eligible. */
static void
test_results_groups (Fixture       *f,
                     gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  GListModel *not_eligible = yrs_check_flow_get_not_eligible_results (flow);
  g_autofree char *title = NULL;
  YrsResultItem *item;
  guint n = 0;

  answer_pregnant (yrs_session_get_answers (f->session));

  g_assert_true (model_has (yrs_check_flow_get_main_results (flow), "support_payment_pregnancy"));
  g_assert_true (model_has (yrs_check_flow_get_coming_results (flow), "support_payment_birth"));
  g_assert_false (model_has (yrs_check_flow_get_main_results (flow), "support_payment_birth"));
  /* First obstetric visit: for low-income households; she is pregnant. */
  g_assert_true (model_has (not_eligible, "first_obstetric_visit"));
  item = yrs_check_flow_lookup_result (flow, "first_obstetric_visit");
  {
    g_autofree char *reasons = yrs_result_item_dup_reasons (item);

    g_assert_null (strstr (reasons, "For pregnant women"));
    g_assert_nonnull (strstr (reasons, "resident-tax-exempt"));
  }
  g_object_get (flow, "n-not-eligible", &n, "not-eligible-title", &title, NULL);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (not_eligible));
  g_assert_cmpuint (n, >, 0);
  {
    g_autofree char *count = g_strdup_printf ("%u", n);

    g_assert_nonnull (strstr (title, count));
  }
  g_assert_true (yrs_check_flow_get_can_book (flow));

  /* An information card says what the programme is, not "For pregnant
   * women." to a pregnant woman. */
  item = yrs_check_flow_lookup_result (flow, "prenatal_checkup_subsidy");
  {
    g_autofree char *reasons = yrs_result_item_dup_reasons (item);

    g_assert_nonnull (strstr (reasons, "Help with the cost of prenatal check-ups"));
  }
  assert_cards_honest (flow);
}

/* An ordinary baby: not "eligible until 2044" for medical care for
 * premature babies; the 1-month check-up's national subsidy unit is not
 * an amount to her; a sample fee says the ward will confirm it. */
static void
test_results_born (Fixture       *f,
                   gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsAnswers *answers = yrs_session_get_answers (f->session);
  YrsResultItem *item;

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 4, 15));
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "born");
  yrs_answers_set_date (answers, "birth.born_on", yrs_date_new (2025, 3, 20));
  yrs_answers_set_int (answers, "birth.children", 1);
  yrs_answers_set_bool (answers, "need.declared", TRUE);
  yrs_answers_set_bool (answers, "household.public_assistance", FALSE);
  yrs_answers_set_bool (answers, "household.tax_exempt", FALSE);

  item = yrs_check_flow_lookup_result (flow, "child_medical_support");
  g_assert_nonnull (item);
  {
    g_autofree char *status = yrs_result_item_dup_status_text (item);
    g_autofree char *figure = yrs_result_item_dup_figure (item);

    g_assert_cmpstr (status, !=, "Eligible");
    g_assert_null (strstr (figure, "2044"));
    g_assert_cmpint (yrs_result_item_get_kind (item), !=, YRS_RESULT_KIND_ELIGIBLE);
  }

  item = yrs_check_flow_get_checkup (flow);
  g_assert_nonnull (item);
  {
    g_autofree char *reasons = yrs_result_item_dup_reasons (item);

    g_assert_null (strstr (reasons, "Subsidised by up to"));
    g_assert_nonnull (strstr (reasons, "national basis"));
  }

  /* The SOS line's card carries the number. */
  item = yrs_check_flow_lookup_result (flow, "sos_line");
  g_assert_nonnull (item);
  {
    g_autofree char *status = yrs_result_item_dup_status_text (item);

    g_assert_nonnull (strstr (status, "078-351-3400"));
  }
  assert_cards_honest (flow);
}

/* After a loss: what helps, with how to reach it; nothing red for baby
 * services, no booking button; the fertility card has its own words. */
static void
test_results_loss_presentation (Fixture       *f,
                                gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsAnswers *answers = yrs_session_get_answers (f->session);
  GListModel *not_eligible = yrs_check_flow_get_not_eligible_results (flow);
  g_autoptr(GVariant) target = NULL;
  g_autofree char *grief = NULL, *fertility = NULL, *label = NULL;
  YrsResultItem *item;

  yrs_session_set_as_of (f->session, yrs_date_new (2025, 5, 20));
  yrs_answers_set_bool (answers, "residence.in_city", TRUE);
  yrs_answers_set_string (answers, "pregnancy.status", "loss");
  yrs_answers_set_date (answers, "loss.on", yrs_date_new (2025, 5, 1));
  yrs_answers_set_int (answers, "loss.fetuses", 1);

  item = yrs_check_flow_lookup_result (flow, "grief_care");
  grief = yrs_result_item_dup_reasons (item);
  g_assert_nonnull (strstr (grief, "family support office of your ward"));
  label = yrs_result_item_dup_action_label (item);
  g_assert_nonnull (label);
  g_assert_cmpstr (yrs_result_item_get_action_name (item), ==, "shell.go");
  target = yrs_result_item_dup_action_target (item);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "sos");

  for (guint i = 0; i < g_list_model_get_n_items (not_eligible); i++)
    {
      g_autoptr(YrsResultItem) other = g_list_model_get_item (not_eligible, i);

      g_assert_cmpint (yrs_programme_get_kind (yrs_result_item_get_result (other)->programme), ==,
                       YRS_PROGRAMME_PAYMENT);
    }
  g_assert_null (yrs_check_flow_lookup_result (flow, "first_outing_gift"));
  g_assert_null (yrs_check_flow_lookup_result (flow, "newborn_screening"));
  g_assert_null (yrs_check_flow_lookup_result (flow, "kobe_line"));
  g_assert_false (yrs_check_flow_get_can_book (flow));

  item = yrs_check_flow_lookup_result (flow, "fertility_support");
  g_assert_nonnull (item);
  fertility = yrs_result_item_dup_reasons (item);
  g_assert_null (strstr (fertility, "you can talk to someone, at your own pace"));
  assert_cards_honest (flow);
}

/* The position and answers are the session's draft: a restart (a new
 * session on the same store and owner) shows the same question. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  g_autoptr(YrsSession) again = NULL;

  yrs_check_flow_answer_bool (flow, TRUE);
  yrs_check_flow_next (flow);
  yrs_check_flow_answer_string (flow, "pregnant");
  yrs_check_flow_next (flow);
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.notified_on");
  yrs_store_flush_drafts (f->store, NULL);

  again = yrs_session_new ();
  yrs_session_set_store (again, f->store, f->owner);
  yrs_session_set_as_of (again, yrs_date_new (2025, 6, 10));
  flow = yrs_session_get_check (again);
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.notified_on");
  g_assert_cmpuint (yrs_check_flow_get_step (flow), ==, 3);
  yrs_session_set_store (again, NULL, NULL);
}

static void
test_wipe (Fixture       *f,
           gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsCheckFlow *kept;

  g_object_add_weak_pointer (G_OBJECT (flow), (gpointer *) &flow);
  answer_pregnant (yrs_session_get_answers (f->session));
  yrs_check_flow_next (flow);
  g_assert_cmpuint (g_list_model_get_n_items (yrs_check_flow_get_main_results (flow)), ==, 1);

  /* Nobody else holds it: the wipe drops it. */
  yrs_session_wipe (f->session);
  g_assert_null (flow);

  flow = yrs_session_get_check (f->session);
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "residence.in_city");
  g_assert_cmpuint (yrs_check_flow_get_step (flow), ==, 1);
  /* Nothing answered in the new one. */
  g_assert_cmpint (yrs_result_item_get_kind (yrs_check_flow_lookup_result (flow, "support_payment_pregnancy")),
                   !=, YRS_RESULT_KIND_ELIGIBLE);

  /* A page still holding the old one after a wipe gets a dead flow; the
   * session's getter a new one. */
  kept = g_object_ref (yrs_session_get_check (f->session));
  yrs_session_wipe (f->session);
  g_assert_true (yrs_session_get_check (f->session) != kept);
  g_assert_finalize_object (kept);
}

/* A switch of language in the middle of the wizard keeps the question, the
 * step and the answers; the texts come in the new language. */
static void
test_language_switch (Fixture       *f,
                      gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsResultItem *item;
  g_autofree char *en_question = NULL, *ja_question = NULL;
  g_autofree char *en_title = NULL, *ja_title = NULL;
  g_autofree char *en_status = NULL, *ja_status = NULL;
  g_autofree char *ja_figure = NULL, *ja_label = NULL, *ja_intro = NULL;

  yrs_check_flow_answer_bool (flow, TRUE);
  yrs_check_flow_next (flow);
  yrs_check_flow_answer_string (flow, "pregnant");
  yrs_check_flow_next (flow);
  yrs_check_flow_answer_date (flow, yrs_date_new (2025, 6, 2));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.notified_on");

  en_question = get_string (flow, "question-text");
  item = yrs_check_flow_lookup_result (flow, "support_payment_pregnancy");
  en_title = get_string (item, "title");
  en_status = get_string (item, "status-text");
  g_assert_cmpstr (en_status, ==, "Eligible");

  yrs_i18n_set_language ("ja");

  /* The same flow, the same place, the same answers. */
  g_assert_true (yrs_session_get_check (f->session) == flow);
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.notified_on");
  g_assert_cmpuint (yrs_check_flow_get_step (flow), ==, 3);
  g_assert_true (get_boolean (flow, "can-go-next"));
  g_assert_cmpstr (yrs_answers_get_string (yrs_session_get_answers (f->session), "pregnancy.status"), ==, "pregnant");

  ja_question = get_string (flow, "question-text");
  g_assert_cmpstr (ja_question, !=, en_question);
  g_assert_cmpstr (ja_question, ==, yrs_question_get_text (yrs_check_flow_get_question (flow), YRS_LANG_JA));

  item = yrs_check_flow_lookup_result (flow, "support_payment_pregnancy");
  ja_title = get_string (item, "title");
  ja_status = get_string (item, "status-text");
  ja_figure = get_string (item, "figure");
  ja_label = get_string (item, "action-label");
  g_assert_cmpstr (ja_title, ==, "妊婦のための支援給付（妊娠時）");
  g_assert_cmpstr (ja_title, !=, en_title);
  g_assert_cmpstr (ja_status, ==, "対象です");
  g_assert_nonnull (strstr (ja_figure, "50,000円"));
  g_assert_cmpstr (ja_label, ==, "申請する");
  ja_intro = get_string (flow, "intro");
  g_test_message ("ja intro: %s", ja_intro);
  g_assert_nonnull (strstr (ja_intro, "6月10日"));
  g_assert_null (strstr (ja_intro, "June"));

  /* And on from there, in Japanese. */
  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "pregnancy.fetuses");
  yrs_i18n_set_language ("en");
}

/* A baby "born" after today (issue 20): refused in place with a sentence,
 * the answer kept as given, the wizard does not go on and the results do
 * not count it; the day of and the day before go on. */
static void
test_born_in_future (Fixture       *f,
                     gconstpointer  data)
{
  YrsCheckFlow *flow = yrs_session_get_check (f->session);
  YrsDate today = yrs_date_new (2025, 6, 10);
  YrsDate date;
  g_autofree char *error = NULL;

  yrs_check_flow_answer_bool (flow, TRUE);
  g_assert_false (yrs_check_flow_next (flow));
  yrs_check_flow_answer_string (flow, "born");
  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "birth.born_on");
  g_assert_null (yrs_check_flow_dup_answer_error (flow));

  yrs_check_flow_answer_date (flow, yrs_date_new (2025, 6, 11));
  error = get_string (flow, "answer-error");
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "after today"));
  g_clear_pointer (&error, g_free);
  g_assert_false (get_boolean (flow, "can-go-next"));
  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), ==, "birth.born_on");
  /* Kept as she gave it. */
  g_assert_true (yrs_answers_get_date (yrs_session_get_answers (f->session), "birth.born_on", &date));
  g_assert_cmpint (yrs_date_compare (date, yrs_date_new (2025, 6, 11)), ==, 0);

  /* In Japanese too. */
  yrs_i18n_set_language ("ja");
  error = get_string (flow, "answer-error");
  g_assert_nonnull (strstr (error, "今日より後"));
  g_clear_pointer (&error, g_free);
  yrs_i18n_set_language ("en");

  yrs_check_flow_answer_date (flow, today);
  g_assert_null (yrs_check_flow_dup_answer_error (flow));
  g_assert_true (get_boolean (flow, "can-go-next"));
  yrs_check_flow_answer_date (flow, yrs_date_new (2025, 6, 9));
  g_assert_true (get_boolean (flow, "can-go-next"));
  g_assert_false (yrs_check_flow_next (flow));
  g_assert_cmpstr (yrs_check_flow_get_question_id (flow), !=, "birth.born_on");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  yrs_i18n_init ();
  /* GLib decides once, at the first g_dgettext() (core's messages),
   * whether to translate at all: as in the app, the first one is in
   * Japanese. */
  (void) g_dgettext (GETTEXT_PACKAGE, "This field");

#define ADD(path, func) \
  g_test_add ("/flows/check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("path", test_path);
  ADD ("evaluate-once", test_evaluate_once);
  ADD ("results-model", test_results_model);
  ADD ("results-after-loss", test_results_after_loss);
  ADD ("results-groups", test_results_groups);
  ADD ("results-born", test_results_born);
  ADD ("results-loss-presentation", test_results_loss_presentation);
  ADD ("restart", test_restart);
  ADD ("wipe", test_wipe);
  ADD ("language-switch", test_language_switch);
  ADD ("born-in-future", test_born_in_future);
#undef ADD

  return g_test_run ();
}
