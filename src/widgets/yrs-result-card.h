/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-result-item.h"

G_BEGIN_DECLS

#define YRS_TYPE_RESULT_CARD (yrs_result_card_get_type ())

G_DECLARE_FINAL_TYPE (YrsResultCard, yrs_result_card, YRS, RESULT_CARD, GtkWidget)

/* How a card shows its result: by words, by colour and by icon together,
 * never by colour alone. The same values as the flows' YrsResultKind, which
 * the "kind" property takes. */
typedef enum
{
  YRS_RESULT_CARD_ELIGIBLE = YRS_RESULT_KIND_ELIGIBLE,
  YRS_RESULT_CARD_NOT_ELIGIBLE = YRS_RESULT_KIND_NOT_ELIGIBLE,
  YRS_RESULT_CARD_NOT_YET = YRS_RESULT_KIND_NOT_YET,
  YRS_RESULT_CARD_NEEDS_ANSWERS = YRS_RESULT_KIND_NEEDS_ANSWERS,
  YRS_RESULT_CARD_INFO = YRS_RESULT_KIND_INFO,
  YRS_RESULT_CARD_SUPPORT = YRS_RESULT_KIND_SUPPORT,   /* counselling and grief care: gentle */
} YrsResultCardStatus;

/* One programme's result. It is given finished sentences and only lays
 * them out; empty strings hide their line. Each setter is also a property
 * ("title", "kind", "status-text", "amount", "reason", "source", "sample",
 * "action-label", "action-name", "action-target"), so that a list item
 * template can bind a card to a YrsResultItem. */
GtkWidget          *yrs_result_card_new          (void);
void                yrs_result_card_set_title    (YrsResultCard       *self,
                                                  const char          *title);
const char         *yrs_result_card_get_title    (YrsResultCard       *self);
void                yrs_result_card_set_status   (YrsResultCard       *self,
                                                  YrsResultCardStatus  status,
                                                  const char          *words);
YrsResultCardStatus yrs_result_card_get_status   (YrsResultCard       *self);
const char         *yrs_result_card_get_status_text (YrsResultCard    *self);
void                yrs_result_card_set_amount   (YrsResultCard       *self,
                                                  const char          *amount);
const char         *yrs_result_card_get_amount   (YrsResultCard       *self);
void                yrs_result_card_set_reason   (YrsResultCard       *self,
                                                  const char          *reason);
const char         *yrs_result_card_get_reason   (YrsResultCard       *self);
void                yrs_result_card_set_source   (YrsResultCard       *self,
                                                  const char          *source);
/* Shows “Sample figure: not the city's own” beside the amount. */
void                yrs_result_card_set_sample   (YrsResultCard       *self,
                                                  gboolean             sample);
gboolean            yrs_result_card_get_sample   (YrsResultCard       *self);
/* A button under the card (apply, reserve); NULL label hides it. */
void                yrs_result_card_set_action   (YrsResultCard       *self,
                                                  const char          *label,
                                                  const char          *action_name,
                                                  GVariant            *target);
GtkButton          *yrs_result_card_get_button   (YrsResultCard       *self);

G_END_DECLS
