/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "yrs-eligibility.h"

G_BEGIN_DECLS

/* How a result is shown: by words, colour and icon together. The values
 * are those of YrsResultCardStatus (src/widgets/yrs-result-card.h). */
typedef enum
{
  YRS_RESULT_KIND_ELIGIBLE,
  YRS_RESULT_KIND_NOT_ELIGIBLE,
  YRS_RESULT_KIND_NOT_YET,
  YRS_RESULT_KIND_NEEDS_ANSWERS,
  YRS_RESULT_KIND_INFO,
  YRS_RESULT_KIND_SUPPORT,      /* counselling and grief care: gentle */
} YrsResultKind;

/* Where a result goes on the results page. */
typedef enum
{
  YRS_RESULT_SECTION_SUPPORT,   /* prominent: first, before any payment */
  YRS_RESULT_SECTION_MAIN,      /* payments and services */
  YRS_RESULT_SECTION_INFO,      /* information and referrals */
  YRS_RESULT_SECTION_CHECKUP,   /* the baby's next check-up */
  YRS_RESULT_SECTION_COMING,    /* not yet: from a date, or after the birth */
  YRS_RESULT_SECTION_NOT_ELIGIBLE, /* folded away, with a count */
  YRS_RESULT_SECTION_HIDDEN,    /* after a loss: no longer for her, not shown */
} YrsResultSection;

#define YRS_TYPE_RESULT_KIND (yrs_result_kind_get_type ())
#define YRS_TYPE_RESULT_SECTION (yrs_result_section_get_type ())
GType yrs_result_kind_get_type    (void) G_GNUC_CONST;
GType yrs_result_section_get_type (void) G_GNUC_CONST;

#define YRS_TYPE_RESULT_ITEM (yrs_result_item_get_type ())

G_DECLARE_FINAL_TYPE (YrsResultItem, yrs_result_item, YRS, RESULT_ITEM, GObject)

/* One card of the results: a programme's result in an evaluation, or the
 * baby's next check-up. Its texts are made when read, in the current
 * language (yrs-i18n), so a page rebuilt after a language switch shows
 * them in the new one. Properties (read-only): "programme-id", "title",
 * "kind", "section", "status-text", "figure" (amount, fee, uses, until),
 * "reasons", "source", "sample", "action-label", "action-name",
 * "action-target" (GVariant, or NULL). Empty strings mean "nothing". */
YrsResultItem    *yrs_result_item_new_result       (YrsEvaluation *evaluation,
                                                    guint          index);
/* NULL when the evaluation has no next check-up. */
YrsResultItem    *yrs_result_item_new_checkup      (YrsEvaluation *evaluation);

const char       *yrs_result_item_get_programme_id (YrsResultItem *self);
/* The engine's result, or NULL for the check-up. */
const YrsResult  *yrs_result_item_get_result       (YrsResultItem *self);
YrsResultKind     yrs_result_item_get_kind         (YrsResultItem *self);
YrsResultSection  yrs_result_item_get_section      (YrsResultItem *self);
gboolean          yrs_result_item_get_sample       (YrsResultItem *self);
char             *yrs_result_item_dup_title        (YrsResultItem *self);
char             *yrs_result_item_dup_status_text  (YrsResultItem *self);
char             *yrs_result_item_dup_figure       (YrsResultItem *self);
char             *yrs_result_item_dup_reasons      (YrsResultItem *self);
char             *yrs_result_item_dup_source       (YrsResultItem *self);
/* TRUE when the evaluation is of a pregnancy that ended in a loss. */
gboolean          yrs_result_item_evaluation_after_loss (YrsEvaluation *evaluation);
/* NULL when the card has no button. */
char             *yrs_result_item_dup_action_label (YrsResultItem *self);
/* The results page's action: "results.apply" (target: the programme ID),
 * "results.reserve", or "shell.go" ('sos') on the support card after a
 * loss; NULL when none. */
const char       *yrs_result_item_get_action_name  (YrsResultItem *self);
GVariant         *yrs_result_item_dup_action_target (YrsResultItem *self);

G_END_DECLS
