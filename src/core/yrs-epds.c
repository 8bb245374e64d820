/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-epds"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "yrs-epds.h"

static gboolean
item_valid (int score)
{
  return score >= 0 && score <= YRS_EPDS_ITEM_MAX;
}

guint
yrs_epds_first_incomplete (const int *items,
                           gsize      n_items)
{
  g_return_val_if_fail (items != NULL || n_items == 0, 1);

  for (guint i = 0; i < YRS_EPDS_N_ITEMS; i++)
    if (i >= n_items || !item_valid (items[i]))
      return i + 1;
  return 0;
}

gboolean
yrs_epds_evaluate (const int      *items,
                   gsize           n_items,
                   YrsEpdsResult  *result,
                   GError        **error)
{
  YrsEpdsResult r = { 0, };
  guint missing;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_items != YRS_EPDS_N_ITEMS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The questionnaire has %d items; %u were given."),
                   YRS_EPDS_N_ITEMS, (guint) n_items);
      return FALSE;
    }

  missing = yrs_epds_first_incomplete (items, n_items);
  if (missing != 0)
    {
      if (items[missing - 1] == YRS_EPDS_UNSET)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Enter the score of item %u as it is scored on the form."), missing);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Item %u must be scored 0, 1, 2 or 3."), missing);
      return FALSE;
    }

  for (guint i = 0; i < YRS_EPDS_N_ITEMS; i++)
    r.total += items[i];
  r.offer_support = r.total >= YRS_EPDS_SUPPORT_LINE;
  r.urgent = items[YRS_EPDS_SELF_HARM_ITEM - 1] > 0;
  *result = r;
  return TRUE;
}

gboolean
yrs_epds_may_save (const int *items,
                   gsize      n_items,
                   gboolean   urgent_acknowledged)
{
  YrsEpdsResult r;

  if (!yrs_epds_evaluate (items, n_items, &r, NULL))
    return FALSE;
  return !r.urgent || urgent_acknowledged;
}
