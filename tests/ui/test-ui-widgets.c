/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "yrs-about-window.h"
#include "yrs-field-row.h"
#include "yrs-version.h"
#include "yrs-i18n.h"
#include "yrs-qr-code.h"
#include "yrs-result-card.h"
#include "yrs-sos-page.h"
#include "yrs-step-indicator.h"

static gboolean
tree_has_text (GtkWidget  *root,
               const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (tree_has_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_field_row (void)
{
  GtkWidget *row;
  GtkWidget *entry;

  yrs_i18n_set_language ("ja");
  row = g_object_ref_sink (yrs_field_row_new ());
  entry = gtk_entry_new ();
  yrs_field_row_set_title (YRS_FIELD_ROW (row), "氏名");
  yrs_field_row_set_required (YRS_FIELD_ROW (row), TRUE);
  yrs_field_row_set_child (YRS_FIELD_ROW (row), entry);

  g_assert_true (tree_has_text (row, "氏名"));
  g_assert_true (tree_has_text (row, "※必須"));
  g_assert_true (gtk_widget_is_ancestor (entry, row));
  /* Named by the title and the marker ("氏名 ※必須"), not by a label
   * property as well (GTK 4.8 would say the title twice). */
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (entry, GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE);
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID));

  yrs_field_row_set_error (YRS_FIELD_ROW (row), "＊氏名を入力してください。");
  g_assert_cmpstr (yrs_field_row_get_error (YRS_FIELD_ROW (row)), ==, "＊氏名を入力してください。");
  g_assert_true (tree_has_text (row, "＊氏名を入力してください。"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  /* Not the "invalid" state: GTK 4.8 makes it AT-SPI's "defunct"-like
   * ATSPI_STATE_INVALID, and Orca drops the field. The error is the
   * description. */
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID));
  gtk_test_accessible_assert_property (entry, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "＊氏名を入力してください。");
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));

  yrs_field_row_set_error (YRS_FIELD_ROW (row), NULL);
  g_assert_null (yrs_field_row_get_error (YRS_FIELD_ROW (row)));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (tree_has_text (row, "＊氏名を入力してください。"));

  yrs_field_row_set_required (YRS_FIELD_ROW (row), FALSE);
  g_assert_true (tree_has_text (row, "※任意"));

  /* Rows made in English say so in English. */
  yrs_i18n_set_language ("en");
  g_assert_finalize_object (row);
  row = g_object_ref_sink (yrs_field_row_new ());
  yrs_field_row_set_required (YRS_FIELD_ROW (row), TRUE);
  g_assert_true (tree_has_text (row, "Required"));
  g_assert_finalize_object (row);
}

static void
test_step_indicator (void)
{
  GtkWidget *steps;

  yrs_i18n_set_language ("en");
  steps = g_object_ref_sink (yrs_step_indicator_new ());
  yrs_step_indicator_set_steps (YRS_STEP_INDICATOR (steps), 2, 5);
  g_assert_cmpstr (yrs_step_indicator_get_text (YRS_STEP_INDICATOR (steps)), ==, "Step 2 of 5");
  gtk_test_accessible_assert_property (steps, GTK_ACCESSIBLE_PROPERTY_LABEL, "Step 2 of 5");

  /* Out of range is clamped, never shown as "Step 7 of 5". */
  yrs_step_indicator_set_steps (YRS_STEP_INDICATOR (steps), 7, 5);
  g_assert_cmpuint (yrs_step_indicator_get_current (YRS_STEP_INDICATOR (steps)), ==, 5);
  g_assert_finalize_object (steps);

  /* A template may set the properties in either order: "current" before
   * "n-steps" is not clamped to the default of one step. */
  steps = g_object_ref_sink (g_object_new (YRS_TYPE_STEP_INDICATOR, "current", 2, "n-steps", 3, NULL));
  g_assert_cmpstr (yrs_step_indicator_get_text (YRS_STEP_INDICATOR (steps)), ==, "Step 2 of 3");
  g_assert_finalize_object (steps);

  /* Open-ended (a wizard whose answers decide what comes next): the
   * steps so far and "more may follow", never a total that grows (issue
   * 20, point 4), nor "almost done" at every step (review 6), in both
   * languages. */
  steps = g_object_ref_sink (g_object_new (YRS_TYPE_STEP_INDICATOR, "open-ended", TRUE,
                                           "current", 5, "n-steps", 5, NULL));
  g_assert_cmpstr (yrs_step_indicator_get_text (YRS_STEP_INDICATOR (steps)), ==, "Step 5 · more may follow");
  gtk_test_accessible_assert_property (steps, GTK_ACCESSIBLE_PROPERTY_LABEL, "Step 5 · more may follow");
  yrs_step_indicator_set_steps (YRS_STEP_INDICATOR (steps), 6, 6);
  g_assert_null (strstr (yrs_step_indicator_get_text (YRS_STEP_INDICATOR (steps)), "of"));
  yrs_i18n_set_language ("ja");
  yrs_step_indicator_set_steps (YRS_STEP_INDICATOR (steps), 2, 6);
  g_assert_cmpstr (yrs_step_indicator_get_text (YRS_STEP_INDICATOR (steps)), ==, "ステップ 2・回答に応じて続きます");
  yrs_i18n_set_language ("en");
  g_assert_finalize_object (steps);
  steps = g_object_ref_sink (g_object_new (YRS_TYPE_STEP_INDICATOR, "n-steps", 3, "current", 3, NULL));
  g_assert_cmpstr (yrs_step_indicator_get_text (YRS_STEP_INDICATOR (steps)), ==, "Step 3 of 3");
  g_assert_finalize_object (steps);

  yrs_i18n_set_language ("ja");
  steps = g_object_ref_sink (yrs_step_indicator_new ());
  yrs_step_indicator_set_steps (YRS_STEP_INDICATOR (steps), 1, 3);
  g_assert_cmpstr (yrs_step_indicator_get_text (YRS_STEP_INDICATOR (steps)), ==, "ステップ 1／3");
  g_assert_finalize_object (steps);
}

static void
test_result_card (void)
{
  GtkWidget *card;

  yrs_i18n_set_language ("en");
  card = g_object_ref_sink (yrs_result_card_new ());
  yrs_result_card_set_title (YRS_RESULT_CARD (card), "Postpartum care");
  yrs_result_card_set_status (YRS_RESULT_CARD (card), YRS_RESULT_CARD_ELIGIBLE, "You can use this");
  g_assert_true (gtk_widget_has_css_class (card, "eligible"));
  yrs_result_card_set_status (YRS_RESULT_CARD (card), YRS_RESULT_CARD_NOT_YET, "Not yet: from 1 May 2025");
  g_assert_false (gtk_widget_has_css_class (card, "eligible"));
  g_assert_true (gtk_widget_has_css_class (card, "not-yet"));
  g_assert_true (tree_has_text (card, "Not yet: from 1 May 2025"));
  gtk_test_accessible_assert_property (card, GTK_ACCESSIBLE_PROPERTY_LABEL, "Postpartum care: Not yet: from 1 May 2025");

  g_assert_false (yrs_result_card_get_sample (YRS_RESULT_CARD (card)));
  yrs_result_card_set_sample (YRS_RESULT_CARD (card), TRUE);
  g_assert_true (tree_has_text (card, "Sample figure, not the city's own"));

  yrs_result_card_set_source (YRS_RESULT_CARD (card), "Kobe City 2025");
  g_assert_true (tree_has_text (card, "Source: Kobe City 2025"));

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (yrs_result_card_get_button (YRS_RESULT_CARD (card)))));
  yrs_result_card_set_action (YRS_RESULT_CARD (card), "Reserve", "shell.go", g_variant_new_string ("reserve"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (yrs_result_card_get_button (YRS_RESULT_CARD (card)))));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (yrs_result_card_get_button (YRS_RESULT_CARD (card)))), ==, "shell.go");
  g_assert_finalize_object (card);
}

static void
test_qr_code (void)
{
  GtkWidget *qr = g_object_ref_sink (yrs_qr_code_new ());
  int width, dark = 0;
  int min, nat;

  g_assert_cmpint (yrs_qr_code_get_width (YRS_QR_CODE (qr)), ==, 0);
  yrs_qr_code_set_text (YRS_QR_CODE (qr), "YRS-2025-0001-ABCD");
  width = yrs_qr_code_get_width (YRS_QR_CODE (qr));
  /* Version 1 (21 modules) or 2 (25) at level M for 18 bytes. */
  g_assert_cmpint (width, >=, 21);
  g_assert_cmpint ((width - 17) % 4, ==, 0);

  /* The three finder patterns: a dark 7x7 ring in three corners. */
  for (int i = 0; i < 7; i++)
    {
      g_assert_true (yrs_qr_code_get_module (YRS_QR_CODE (qr), i, 0));
      g_assert_true (yrs_qr_code_get_module (YRS_QR_CODE (qr), 0, i));
      g_assert_true (yrs_qr_code_get_module (YRS_QR_CODE (qr), width - 1 - i, 0));
      g_assert_true (yrs_qr_code_get_module (YRS_QR_CODE (qr), 0, width - 1 - i));
    }
  g_assert_false (yrs_qr_code_get_module (YRS_QR_CODE (qr), 7, 7));

  for (int y = 0; y < width; y++)
    for (int x = 0; x < width; x++)
      dark += yrs_qr_code_get_module (YRS_QR_CODE (qr), x, y);
  g_assert_cmpint (dark, >, width * width / 4);
  g_assert_cmpint (dark, <, width * width * 3 / 4);

  gtk_widget_measure (qr, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, >=, (width + 8) * 6);
  gtk_test_accessible_assert_property (qr, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "QR code of reference number YRS-2025-0001-ABCD");

  yrs_qr_code_set_text (YRS_QR_CODE (qr), NULL);
  g_assert_cmpint (yrs_qr_code_get_width (YRS_QR_CODE (qr)), ==, 0);
  g_assert_finalize_object (qr);
}

/* Issue 19: the About window shows the version from git, the catalogue's
 * version and date (its source, the seed's date; when received), and the
 * data sources. */
static void
test_about_window (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GDateTime) received = g_date_time_new_local (2026, 1, 10, 9, 0, 0);
  GtkWindow *about;
  const char *comments;

  yrs_i18n_set_language ("en");
  about = yrs_about_window_new (catalog, NULL);
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, yrs_version ());
  g_assert_true (g_str_has_prefix (yrs_version (), PACKAGE_VERSION));
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  comments = adw_about_window_get_comments (ADW_ABOUT_WINDOW (about));
  g_assert_nonnull (strstr (comments, "kobe-2025"));
  g_assert_nonnull (strstr (comments, yrs_catalog_get_version (catalog)));
  g_assert_nonnull (strstr (comments, "bundled"));
  g_assert_nonnull (strstr (comments, "2025-06-01"));
  gtk_window_destroy (about);

  yrs_i18n_set_language ("ja");
  about = yrs_about_window_new (catalog, received);
  comments = adw_about_window_get_comments (ADW_ABOUT_WINDOW (about));
  g_assert_nonnull (strstr (comments, "2026-01-10 に受信"));
  g_assert_nonnull (strstr (comments, "神戸市 母子保健の制度"));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "よりそい");
  gtk_window_destroy (about);
  yrs_i18n_set_language ("en");
}


static void
collect_qr_codes (GtkWidget *root,
                  GPtrArray *found)
{
  if (YRS_IS_QR_CODE (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_qr_codes (child, found);
}

/* The SOS page shows LINE and the web form as QR codes (issue 20, point
 * 12), each named for a screen reader in the page's language. */
static void
test_sos_qr_codes (void)
{
  const char *lang[] = { "ja", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (lang); l++)
    {
      GtkWidget *page;
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      yrs_i18n_set_language (lang[l]);
      page = g_object_ref_sink (g_object_new (YRS_TYPE_SOS_PAGE, NULL));
      collect_qr_codes (page, found);
      g_assert_cmpuint (found->len, ==, 2);
      g_assert_cmpstr (yrs_qr_code_get_text (found->pdata[0]), ==, "https://line.me/R/ti/p/@inochinodoor");
      g_assert_cmpstr (yrs_qr_code_get_text (found->pdata[1]), ==, "https://ninshinos-sodan.com");
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpint (yrs_qr_code_get_width (found->pdata[i]), >, 0);
      if (g_str_equal (lang[l], "ja"))
        gtk_test_accessible_assert_property (found->pdata[0], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "QRコード：SOS相談のLINE（@inochinodoor）を友だち追加");
      else
        gtk_test_accessible_assert_property (found->pdata[1], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "QR code: the SOS line's website and its email form (ninshinos-sodan.com)");
      g_clear_object (&page);
    }
  yrs_i18n_set_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible attributes are checked on GTK's test context. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add_func ("/ui/widgets/field-row", test_field_row);
  g_test_add_func ("/ui/widgets/step-indicator", test_step_indicator);
  g_test_add_func ("/ui/widgets/result-card", test_result_card);
  g_test_add_func ("/ui/widgets/qr-code", test_qr_code);
  g_test_add_func ("/ui/widgets/sos-qr-codes", test_sos_qr_codes);
  g_test_add_func ("/ui/widgets/about-window", test_about_window);

  return g_test_run ();
}
