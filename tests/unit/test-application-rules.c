/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The application form's rules (src/core/yrs-application-rules.c): which
 * support payment, born-on vs due-on, the ward from a postal code. */

#define G_LOG_DOMAIN "test-application-rules"

#include "config.h"

#include <string.h>

#include "yrs-application-rules.h"
#include "yrs-form.h"

static void
test_support_payment (void)
{
  g_assert_cmpstr (yrs_application_support_payment_programme ("birth"), ==, "support_payment_birth");
  g_assert_cmpstr (yrs_application_support_payment_programme ("pregnancy"), ==, "support_payment_pregnancy");
  /* Not chosen yet: the first payment. */
  g_assert_cmpstr (yrs_application_support_payment_programme (NULL), ==, "support_payment_pregnancy");

  /* The card the form was opened from gives the default choice. */
  g_assert_cmpstr (yrs_application_default_payment_which ("support_payment_birth"), ==, "birth");
  g_assert_cmpstr (yrs_application_default_payment_which ("support_payment_pregnancy"), ==, "pregnancy");
  g_assert_cmpstr (yrs_application_default_payment_which (NULL), ==, "pregnancy");

  /* Round trip: the default of a card applies for that card's payment. */
  g_assert_cmpstr (yrs_application_support_payment_programme (yrs_application_default_payment_which ("support_payment_birth")),
                   ==, "support_payment_birth");
}

static void
test_child_date_kind (void)
{
  YrsDate as_of = yrs_date_new (2025, 5, 20);

  g_assert_cmpint (yrs_application_child_date_kind (yrs_date_new (2025, 3, 20), as_of), ==, YRS_CHILD_DATE_BORN);
  /* Born today is born. */
  g_assert_cmpint (yrs_application_child_date_kind (as_of, as_of), ==, YRS_CHILD_DATE_BORN);
  /* Tomorrow is the due date. */
  g_assert_cmpint (yrs_application_child_date_kind (yrs_date_new (2025, 5, 21), as_of), ==, YRS_CHILD_DATE_DUE);
  g_assert_cmpint (yrs_application_child_date_kind (yrs_date_new (2026, 1, 1), as_of), ==, YRS_CHILD_DATE_DUE);
}

static void
check_address (YrsCatalog *catalog,
               const char *postal_code,
               const char *current,
               const char *filled_before,
               YrsLang     lang,
               const char *expected)
{
  g_autofree char *address = yrs_application_ward_address (catalog, postal_code, current, filled_before, lang);

  g_assert_cmpstr (address, ==, expected);
}

static void
test_ward (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();

  g_assert_cmpstr (yrs_application_ward_for_postal_code (catalog, "6500001"), ==, "chuo");
  g_assert_cmpstr (yrs_application_ward_for_postal_code (catalog, "650-0001"), ==, "chuo");
  g_assert_cmpstr (yrs_application_ward_for_postal_code (catalog, "6570001"), ==, "nada");
  g_assert_null (yrs_application_ward_for_postal_code (catalog, "1000001"));   /* Tokyo */
  g_assert_null (yrs_application_ward_for_postal_code (catalog, "650"));
  g_assert_null (yrs_application_ward_for_postal_code (catalog, NULL));

  /* An empty address is filled in, in the language on screen; in
   * Japanese with the town where the code has one (〒657-0001: 高羽). */
  check_address (catalog, "6570001", NULL, NULL, YRS_LANG_JA, "兵庫県神戸市灘区高羽");
  check_address (catalog, "6570001", "", NULL, YRS_LANG_EN, "Nada-ku, Kobe, Hyogo");
  check_address (catalog, "6500001", "", NULL, YRS_LANG_JA, "兵庫県神戸市中央区加納町");
  /* Several towns for one code (〒651-2121: 水谷, 玉津町水谷): the ward,
   * and she writes the town. */
  check_address (catalog, "651-2121", "", NULL, YRS_LANG_JA, "兵庫県神戸市西区");
  /* What an earlier code filled in is replaced by the new one. */
  check_address (catalog, "6500001", "兵庫県神戸市灘区高羽", "兵庫県神戸市灘区高羽", YRS_LANG_JA,
                 "兵庫県神戸市中央区加納町");
  /* What she wrote herself stays. */
  check_address (catalog, "6500001", "兵庫県神戸市灘区六甲町1-2-3", "兵庫県神戸市灘区", YRS_LANG_JA, NULL);
  /* Not the city's code: nothing to fill in. */
  check_address (catalog, "1000001", "", NULL, YRS_LANG_JA, NULL);
}

/* "Where you live" (issue 20): a postcode of another city and an address
 * without the city are refused, by the postcode table's city. */
static void
test_home_postal_code (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ja = yrs_application_city_name (catalog, YRS_LANG_JA);
  g_autofree char *en = yrs_application_city_name (catalog, YRS_LANG_EN);

  g_assert_cmpstr (ja, ==, "神戸市");
  g_assert_cmpstr (en, ==, "Kobe");

  g_assert_true (yrs_application_check_home_postal_code (catalog, "650-0001", YRS_LANG_JA, &error));
  g_assert_true (yrs_application_check_home_postal_code (catalog, "〒６５７－０００１", YRS_LANG_JA, &error));
  g_assert_true (yrs_application_check_home_postal_code (catalog, "6512273", YRS_LANG_EN, &error));
  g_assert_no_error (error);
  /* Not 7 digits: the format check says so, not this one. */
  g_assert_true (yrs_application_check_home_postal_code (catalog, "65000", YRS_LANG_JA, &error));
  g_assert_true (yrs_application_check_home_postal_code (catalog, NULL, YRS_LANG_JA, &error));
  g_assert_no_error (error);

  /* Tokyo (Chiyoda), Osaka, Hyogo outside Kobe (Amagasaki, Akashi). */
  {
    const char *outside[] = { "100-0001", "530-0001", "660-0881", "673-0891" };

    for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
      {
        g_assert_false (yrs_application_check_home_postal_code (catalog, outside[i], YRS_LANG_EN, &error));
        g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_IN_CITY);
        g_assert_nonnull (strstr (error->message, "Kobe"));
        g_clear_error (&error);
      }
  }
}

static void
test_home_address (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(GError) error = NULL;

  g_assert_true (yrs_application_check_home_address (catalog, "兵庫県神戸市中央区加納町6-5-1", YRS_LANG_JA, &error));
  g_assert_true (yrs_application_check_home_address (catalog, "神戸市灘区六甲町1-2-3", YRS_LANG_JA, &error));
  g_assert_true (yrs_application_check_home_address (catalog, "Chuo-ku, Kobe, Hyogo", YRS_LANG_EN, &error));
  g_assert_true (yrs_application_check_home_address (catalog, "6-5-1 Kano-cho, Chuo-ku, KOBE", YRS_LANG_JA, &error));
  g_assert_true (yrs_application_check_home_address (catalog, "Ｃｈｕｏ－ｋｕ， Ｋｏｂｅ", YRS_LANG_JA, &error));
  g_assert_true (yrs_application_check_home_address (catalog, "", YRS_LANG_JA, &error));
  g_assert_no_error (error);

  g_assert_false (yrs_application_check_home_address (catalog, "中央区加納町6-5-1", YRS_LANG_JA, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_IN_CITY);
  g_clear_error (&error);
  g_assert_false (yrs_application_check_home_address (catalog, "東京都千代田区千代田1-1", YRS_LANG_EN, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_IN_CITY);
  g_assert_nonnull (strstr (error->message, "Kobe"));
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/application-rules/support-payment", test_support_payment);
  g_test_add_func ("/application-rules/child-date-kind", test_child_date_kind);
  g_test_add_func ("/application-rules/ward", test_ward);
  g_test_add_func ("/application-rules/home-postal-code", test_home_postal_code);
  g_test_add_func ("/application-rules/home-address", test_home_address);

  return g_test_run ();
}
