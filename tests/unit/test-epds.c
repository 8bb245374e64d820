/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The EPDS rules (issue 17): totals, the 9-point line, item 10 at every
 * score, incomplete and out-of-range entries refused. */

#include <gio/gio.h>

#include "yrs-epds.h"

static void
fill (int *items, int score)
{
  for (guint i = 0; i < YRS_EPDS_N_ITEMS; i++)
    items[i] = score;
}

static void
test_totals (void)
{
  int items[YRS_EPDS_N_ITEMS];
  YrsEpdsResult r;
  g_autoptr(GError) error = NULL;

  fill (items, 0);
  g_assert_true (yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.total, ==, 0);
  g_assert_false (r.offer_support);
  g_assert_false (r.urgent);

  fill (items, 3);
  items[YRS_EPDS_SELF_HARM_ITEM - 1] = 0;
  g_assert_true (yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, &r, NULL));
  g_assert_cmpint (r.total, ==, 27);
  g_assert_true (r.offer_support);

  /* 1+2+3+0+1+2+3+0+1+0 */
  {
    const int mixed[] = { 1, 2, 3, 0, 1, 2, 3, 0, 1, 0 };
    g_assert_true (yrs_epds_evaluate (mixed, G_N_ELEMENTS (mixed), &r, NULL));
    g_assert_cmpint (r.total, ==, 13);
  }
}

static void
test_support_line (void)
{
  /* 8 points: below the line; 9: on it; 10: above. */
  const int eight[] = { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 };
  const int nine[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 };
  const int ten[] = { 2, 1, 1, 1, 1, 1, 1, 1, 1, 0 };
  YrsEpdsResult r;

  g_assert_true (yrs_epds_evaluate (eight, 10, &r, NULL));
  g_assert_cmpint (r.total, ==, 8);
  g_assert_false (r.offer_support);
  g_assert_true (yrs_epds_evaluate (nine, 10, &r, NULL));
  g_assert_cmpint (r.total, ==, 9);
  g_assert_true (r.offer_support);
  g_assert_true (yrs_epds_evaluate (ten, 10, &r, NULL));
  g_assert_true (r.offer_support);
}

static void
test_item10 (void)
{
  int items[YRS_EPDS_N_ITEMS];
  YrsEpdsResult r;

  fill (items, 0);
  for (int score = 0; score <= YRS_EPDS_ITEM_MAX; score++)
    {
      items[YRS_EPDS_SELF_HARM_ITEM - 1] = score;
      g_assert_true (yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, &r, NULL));
      g_assert_cmpint (r.total, ==, score);
      /* Urgent at any score above 0, even with a total far below 9. */
      g_assert_cmpint (r.urgent, ==, score > 0);
      g_assert_false (r.offer_support);
      /* Saving waits for the acknowledgement only when urgent. */
      g_assert_true (yrs_epds_may_save (items, YRS_EPDS_N_ITEMS, TRUE));
      g_assert_cmpint (yrs_epds_may_save (items, YRS_EPDS_N_ITEMS, FALSE), ==, score == 0);
    }

  /* Another item at 3 is not urgent. */
  fill (items, 0);
  items[8] = 3;
  g_assert_true (yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, &r, NULL));
  g_assert_false (r.urgent);
}

static void
test_incomplete (void)
{
  int items[YRS_EPDS_N_ITEMS];
  YrsEpdsResult r = { 42, TRUE, TRUE };
  g_autoptr(GError) error = NULL;

  fill (items, 1);
  items[3] = YRS_EPDS_UNSET;
  items[7] = YRS_EPDS_UNSET;
  g_assert_cmpuint (yrs_epds_first_incomplete (items, YRS_EPDS_N_ITEMS), ==, 4);
  g_assert_false (yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, &r, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (g_strstr_len (error->message, -1, "4"));
  g_clear_error (&error);
  /* The result is untouched. */
  g_assert_cmpint (r.total, ==, 42);
  g_assert_false (yrs_epds_may_save (items, YRS_EPDS_N_ITEMS, TRUE));

  /* Out of range, both ways. */
  fill (items, 0);
  items[0] = 4;
  g_assert_false (yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, &r, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  items[0] = -2;
  g_assert_cmpuint (yrs_epds_first_incomplete (items, YRS_EPDS_N_ITEMS), ==, 1);
  g_assert_false (yrs_epds_evaluate (items, YRS_EPDS_N_ITEMS, &r, NULL));

  /* Nine items, or eleven, are not the questionnaire. */
  fill (items, 0);
  g_assert_false (yrs_epds_evaluate (items, 9, &r, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (yrs_epds_first_incomplete (items, 9), ==, 10);
  {
    int eleven[11] = { 0, };
    g_assert_false (yrs_epds_evaluate (eleven, 11, &r, NULL));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/epds/totals", test_totals);
  g_test_add_func ("/epds/support-line", test_support_line);
  g_test_add_func ("/epds/item10", test_item10);
  g_test_add_func ("/epds/incomplete", test_incomplete);
  return g_test_run ();
}
