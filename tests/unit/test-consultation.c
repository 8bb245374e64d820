/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The consultation record's rules (issue 17): required fields, the date
 * not after today, a follow-up date for phone/visit/referral and not
 * before the consultation. */

#include <glib.h>

#include "yrs-consultation.h"

static const YrsDate today = { 2026, 1, 20 };

static YrsConsultationRecord
complete_record (void)
{
  YrsConsultationRecord r = {
    YRS_CONSULTATION_KIND_AFTER_BIRTH,
    { 2026, 1, 20 },
    YRS_CONSULTATION_PLACE_HOME,
    1,
    YRS_FOLLOW_UP_NONE,
    YRS_DATE_NONE,
  };
  return r;
}

static void
test_complete (void)
{
  YrsConsultationProblem p[YRS_CONSULTATION_N_PROBLEMS];
  YrsConsultationRecord r = complete_record ();

  g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 0);
  /* A past date is fine; a follow-up date with "none" is ignored. */
  r.date = yrs_date_new (2025, 12, 1);
  r.follow_up_date = yrs_date_new (2025, 1, 1);
  g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 0);
}

static void
test_required (void)
{
  YrsConsultationProblem p[YRS_CONSULTATION_N_PROBLEMS];
  YrsConsultationRecord r = {
    YRS_CONSULTATION_KIND_UNSET, YRS_DATE_NONE, YRS_CONSULTATION_PLACE_UNSET,
    0, YRS_FOLLOW_UP_UNSET, YRS_DATE_NONE,
  };

  g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 5);
  g_assert_cmpint (p[0], ==, YRS_CONSULTATION_PROBLEM_KIND_MISSING);
  g_assert_cmpint (p[1], ==, YRS_CONSULTATION_PROBLEM_DATE_MISSING);
  g_assert_cmpint (p[2], ==, YRS_CONSULTATION_PROBLEM_PLACE_MISSING);
  g_assert_cmpint (p[3], ==, YRS_CONSULTATION_PROBLEM_PRESENT_MISSING);
  g_assert_cmpint (p[4], ==, YRS_CONSULTATION_PROBLEM_FOLLOW_UP_MISSING);
  g_assert_cmpint (yrs_consultation_problem_get_field (p[3]), ==, YRS_CONSULTATION_FIELD_PRESENT);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (yrs_consultation_problem_get_message (p[i]), !=, "");

  /* Out-of-range values count as missing. */
  r = complete_record ();
  r.kind = YRS_CONSULTATION_N_KINDS;
  r.place = 17;
  g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 2);
  g_assert_cmpint (p[0], ==, YRS_CONSULTATION_PROBLEM_KIND_MISSING);
  g_assert_cmpint (p[1], ==, YRS_CONSULTATION_PROBLEM_PLACE_MISSING);
}

static void
test_future (void)
{
  YrsConsultationProblem p[YRS_CONSULTATION_N_PROBLEMS];
  YrsConsultationRecord r = complete_record ();

  /* Today is allowed; tomorrow is not. */
  r.date = today;
  g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 0);
  r.date = yrs_date_add_days (today, 1);
  g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 1);
  g_assert_cmpint (p[0], ==, YRS_CONSULTATION_PROBLEM_DATE_IN_FUTURE);
  g_assert_cmpint (yrs_consultation_problem_get_field (p[0]), ==, YRS_CONSULTATION_FIELD_DATE);
}

static void
test_follow_up (void)
{
  YrsConsultationProblem p[YRS_CONSULTATION_N_PROBLEMS];
  YrsFollowUpKind kinds[] = { YRS_FOLLOW_UP_PHONE, YRS_FOLLOW_UP_VISIT, YRS_FOLLOW_UP_REFERRAL };

  g_assert_false (yrs_follow_up_kind_needs_date (YRS_FOLLOW_UP_NONE));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      YrsConsultationRecord r = complete_record ();

      g_assert_true (yrs_follow_up_kind_needs_date (kinds[i]));
      r.follow_up = kinds[i];
      g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 1);
      g_assert_cmpint (p[0], ==, YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_MISSING);

      /* Before the consultation: refused; the same day or later (even
       * after today: it is planned) is fine. */
      r.follow_up_date = yrs_date_add_days (r.date, -1);
      g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 1);
      g_assert_cmpint (p[0], ==, YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_BEFORE);
      g_assert_cmpint (yrs_consultation_problem_get_field (p[0]), ==, YRS_CONSULTATION_FIELD_FOLLOW_UP);
      r.follow_up_date = r.date;
      g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 0);
      r.follow_up_date = yrs_date_add_days (today, 14);
      g_assert_cmpuint (yrs_consultation_check (&r, today, p), ==, 0);
    }
}

static void
test_ids (void)
{
  const char *const *topics = yrs_consultation_get_topics ();
  const char *const *present = yrs_consultation_get_present ();
  YrsConsultationKind kind;
  YrsConsultationPlace place;
  YrsFollowUpKind follow_up;

  /* The contract's fixed topic ids, in its order. */
  {
    const char *expected[] = { "physical_health", "mental_health", "feeding", "sleep",
                               "partner_support", "family_support", "money", "housing",
                               "siblings", "childcare", "work", "other", NULL };
    g_assert_cmpstrv (topics, expected);
  }
  for (guint i = 0; topics[i] != NULL; i++)
    g_assert_nonnull (yrs_consultation_topic_get_label (topics[i]));
  g_assert_null (yrs_consultation_topic_get_label ("astrology"));
  g_assert_cmpuint (g_strv_length ((char **) present), ==, 4);
  g_assert_nonnull (yrs_consultation_present_get_label ("grandparent"));
  g_assert_null (yrs_consultation_present_get_label (NULL));

  for (int k = 0; k < YRS_CONSULTATION_N_KINDS; k++)
    {
      g_assert_true (yrs_consultation_kind_from_string (yrs_consultation_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (yrs_consultation_kind_get_label (k));
    }
  g_assert_cmpstr (yrs_consultation_kind_to_string (YRS_CONSULTATION_KIND_EIGHT_MONTHS), ==, "eight_months");
  g_assert_false (yrs_consultation_kind_from_string ("birthday", &kind));
  g_assert_null (yrs_consultation_kind_to_string (YRS_CONSULTATION_KIND_UNSET));
  for (int k = 0; k < YRS_CONSULTATION_N_PLACES; k++)
    {
      g_assert_true (yrs_consultation_place_from_string (yrs_consultation_place_to_string (k), &place));
      g_assert_cmpint (place, ==, k);
    }
  g_assert_cmpstr (yrs_consultation_place_to_string (YRS_CONSULTATION_PLACE_WARD_OFFICE), ==, "ward_office");
  for (int k = 0; k < YRS_FOLLOW_UP_N_KINDS; k++)
    {
      g_assert_true (yrs_follow_up_kind_from_string (yrs_follow_up_kind_to_string (k), &follow_up));
      g_assert_cmpint (follow_up, ==, k);
    }
  g_assert_false (yrs_follow_up_kind_from_string (NULL, &follow_up));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/consultation/complete", test_complete);
  g_test_add_func ("/consultation/required", test_required);
  g_test_add_func ("/consultation/future", test_future);
  g_test_add_func ("/consultation/follow-up", test_follow_up);
  g_test_add_func ("/consultation/ids", test_ids);
  return g_test_run ();
}
