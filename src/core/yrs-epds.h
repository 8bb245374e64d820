/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-epds.h: the rules for an Edinburgh Postnatal Depression Scale entered
 * by a nurse from the mother's paper form (issue 17). The app never shows
 * the items' wording (the validated paper form is the instrument) and never
 * a diagnosis: it adds the item scores the nurse copies, says whether the
 * total reaches the line at which support is offered (9 points: the
 * national survey's high-risk line for the first month after birth, in the
 * seed's 母子保健課調査 page), and whether item 10 (thoughts of self-harm)
 * scored above 0, which must be escalated the same day. Pure GLib. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YRS_EPDS_N_ITEMS 10
#define YRS_EPDS_ITEM_MAX 3
#define YRS_EPDS_SUPPORT_LINE 9
/* Item 10, the one about harming oneself, counted from 1 as on the form. */
#define YRS_EPDS_SELF_HARM_ITEM 10
/* An item the nurse has not entered yet. */
#define YRS_EPDS_UNSET (-1)

typedef struct
{
  int      total;
  gboolean offer_support;  /* total >= YRS_EPDS_SUPPORT_LINE */
  gboolean urgent;         /* item 10 above 0 */
} YrsEpdsResult;

/* Checks ten item scores (each 0..3, YRS_EPDS_UNSET for one not entered)
 * and fills @result. An entry with an item missing or out of range is
 * refused: FALSE with a G_IO_ERROR_INVALID_DATA whose message names the
 * first such item (counted from 1, as on the paper form), in the current
 * language; @result is then untouched. @n_items other than 10 is refused
 * too. */
gboolean yrs_epds_evaluate (const int      *items,
                            gsize           n_items,
                            YrsEpdsResult  *result,
                            GError        **error);

/* The first item (counted from 1) not yet entered or out of range, or 0
 * when all ten hold a score: what a form shows as "item N is missing". */
guint yrs_epds_first_incomplete (const int *items,
                                 gsize      n_items);

/* TRUE when a record with these scores may be saved: complete, and, if
 * item 10 scored above 0, the urgent prompt was acknowledged. */
gboolean yrs_epds_may_save (const int *items,
                            gsize      n_items,
                            gboolean   urgent_acknowledged);

G_END_DECLS
