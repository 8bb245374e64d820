/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-rules-private.h: what each C formula reads from the catalogue (its
 * parameters and questions), so that the loader can check a catalogue
 * against the formulas it names. */

#pragma once

#include "yrs-catalog.h"

G_BEGIN_DECLS

typedef struct
{
  const char  *name;
  YrsValueType type;     /* YRS_VALUE_BOOL or YRS_VALUE_INT */
  gboolean     required;
  gint64       max;      /* for integers: the largest sensible value */
} YrsRuleParam;

typedef struct
{
  const char      *id;
  YrsQuestionType  type;
  const char      *options[5];   /* enum values the formula reads */
} YrsRuleQuestion;

typedef struct
{
  const char            *name;
  const YrsRuleParam    *params;     /* { NULL } terminated */
  const YrsRuleQuestion *questions;  /* { NULL } terminated */
  gboolean               checkups;   /* needs a "checkups" list */
} YrsRule;

const YrsRule *_yrs_rule_lookup (const char *name);

G_END_DECLS
