/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The booking rules of src/core/yrs-booking.c: the facility choice after
 * N months read from the catalogue, which facilities a household may
 * choose, and the booking gate. */

#include "config.h"

#include <string.h>

#include "yrs-booking.h"

static YrsDate
d (const char *iso)
{
  YrsDate date;

  g_assert_true (yrs_date_parse_iso (iso, &date, NULL));
  return date;
}

/* The bundled catalogue with facility_choice_after_months changed: 4
 * until 2025-09-30, then 6. */
static YrsCatalog *
catalog_with_six_months (void)
{
  g_autoptr(GBytes) bytes = yrs_catalog_get_default_bytes ();
  const char *old = "\"facility_choice_after_months\": [ { \"from\": \"2014-11-01\", \"value\": 4 } ]";
  const char *new = "\"facility_choice_after_months\": [ { \"from\": \"2014-11-01\", \"value\": 4 }, "
                    "{ \"from\": \"2025-10-01\", \"value\": 6 } ]";
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GString) changed = g_string_new (text);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  YrsCatalog *catalog;

  g_assert_cmpuint (g_string_replace (changed, old, new, 1), ==, 1);
  out = g_bytes_new (changed->str, changed->len);
  catalog = yrs_catalog_new_from_bytes (out, &error);
  g_assert_no_error (error);
  return catalog;
}

static void
test_choice_months (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsCatalog) six = catalog_with_six_months ();

  g_assert_cmpint (yrs_booking_choice_after_months (catalog, d ("2025-04-15")), ==, 4);
  /* Before the programme's first step there is none. */
  g_assert_cmpint (yrs_booking_choice_after_months (catalog, d ("2014-10-31")), ==, -1);
  /* Dated in the catalogue: a change takes effect on its day. */
  g_assert_cmpint (yrs_booking_choice_after_months (six, d ("2025-09-30")), ==, 4);
  g_assert_cmpint (yrs_booking_choice_after_months (six, d ("2025-10-01")), ==, 6);
}

static void
test_over_choice_age (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  g_autoptr(YrsCatalog) six = catalog_with_six_months ();
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();

  /* No birth date: not over. */
  g_assert_false (yrs_booking_is_over_choice_age (catalog, answers, d ("2025-08-01")));

  yrs_answers_set_date (answers, "birth.born_on", d ("2025-03-20"));
  /* The day before 4 months, and the day of. */
  g_assert_false (yrs_booking_is_over_choice_age (catalog, answers, d ("2025-07-19")));
  g_assert_true (yrs_booking_is_over_choice_age (catalog, answers, d ("2025-07-20")));

  /* 6 months from October: a baby born on 1 May is over the age (4) on
   * 30 September, no longer on 31 October (5 of 6), again on 1 November. */
  yrs_answers_set_date (answers, "birth.born_on", d ("2025-05-01"));
  g_assert_true (yrs_booking_is_over_choice_age (six, answers, d ("2025-09-30")));
  g_assert_false (yrs_booking_is_over_choice_age (six, answers, d ("2025-10-31")));
  g_assert_true (yrs_booking_is_over_choice_age (six, answers, d ("2025-11-01")));
}

static gboolean
may_choose (YrsCatalog *catalog,
            const char *id,
            YrsCareKind kind,
            const char *ward,
            gboolean    over,
            gboolean    siblings)
{
  const YrsFacility *facility = yrs_catalog_lookup_facility (catalog, id);

  g_assert_nonnull (facility);
  return yrs_booking_may_choose (facility, kind, ward, over, siblings, NULL);
}

static void
test_may_choose (void)
{
  g_autoptr(YrsCatalog) catalog = yrs_catalog_new_default ();
  const YrsFacility *josanjo = yrs_catalog_lookup_facility (catalog, "fac-chuo-josanjo-1");
  gint64 fee = -1;

  /* The Higashinada clinic: stays, not home visits, no babies over the
   * choice age, no siblings. */
  g_assert_true (may_choose (catalog, "fac-higashinada-medical-1", YRS_CARE_STAY, NULL, FALSE, FALSE));
  g_assert_false (may_choose (catalog, "fac-higashinada-medical-1", YRS_CARE_VISIT, NULL, FALSE, FALSE));
  g_assert_false (may_choose (catalog, "fac-higashinada-medical-1", YRS_CARE_STAY, NULL, TRUE, FALSE));
  g_assert_false (may_choose (catalog, "fac-higashinada-medical-1", YRS_CARE_STAY, NULL, FALSE, TRUE));
  /* Wards. */
  g_assert_true (may_choose (catalog, "fac-higashinada-medical-1", YRS_CARE_STAY, "higashinada", FALSE, FALSE));
  g_assert_false (may_choose (catalog, "fac-higashinada-medical-1", YRS_CARE_STAY, "chuo", FALSE, FALSE));
  /* The Nada midwife home visits. */
  g_assert_true (may_choose (catalog, "fac-nada-josanjo-1", YRS_CARE_VISIT, NULL, TRUE, FALSE));

  /* The fee comes with it. */
  g_assert_true (yrs_booking_may_choose (josanjo, YRS_CARE_STAY, NULL, FALSE, FALSE, &fee));
  g_assert_cmpint (fee, >, 0);
}

static void
test_gate (void)
{
  g_autoptr(YrsAnswers) answers = yrs_answers_new ();

  g_assert_cmpint (yrs_booking_gate (answers, FALSE), ==, YRS_BOOKING_GATE_NOT_REGISTERED);
  g_assert_cmpint (yrs_booking_gate (answers, TRUE), ==, YRS_BOOKING_GATE_UNANSWERED);

  yrs_answers_set_bool (answers, "health.infectious_today", TRUE);
  /* An illness is said first, registered or not. */
  g_assert_cmpint (yrs_booking_gate (answers, FALSE), ==, YRS_BOOKING_GATE_INFECTIOUS);
  g_assert_cmpint (yrs_booking_gate (answers, TRUE), ==, YRS_BOOKING_GATE_INFECTIOUS);

  yrs_answers_set_bool (answers, "health.infectious_today", FALSE);
  g_assert_cmpint (yrs_booking_gate (answers, FALSE), ==, YRS_BOOKING_GATE_NOT_REGISTERED);
  g_assert_cmpint (yrs_booking_gate (answers, TRUE), ==, YRS_BOOKING_GATE_OPEN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/choice-months", test_choice_months);
  g_test_add_func ("/booking/over-choice-age", test_over_choice_age);
  g_test_add_func ("/booking/may-choose", test_may_choose);
  g_test_add_func ("/booking/gate", test_gate);

  return g_test_run ();
}
