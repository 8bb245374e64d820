/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-consultation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "yrs-consultation.h"

static const char *const kind_ids[] = {
  "notification", "eight_months", "after_birth", "other", NULL,
};
static const char *const kind_labels[] = {
  N_("At the pregnancy notification"),
  N_("At 8 months of pregnancy"),
  N_("After the birth"),
  /* Translators: a consultation that is none of the scheme's three */
  N_("Other consultation"),
};

static const char *const place_ids[] = {
  "home", "ward_office", "phone", "online", NULL,
};
static const char *const place_labels[] = {
  N_("At home"),
  N_("At the ward office"),
  N_("By phone"),
  N_("Online"),
};

static const char *const follow_up_ids[] = {
  "none", "phone", "visit", "referral", NULL,
};
static const char *const follow_up_labels[] = {
  /* Translators: follow-up after a consultation */
  N_("No follow-up"),
  N_("Phone call"),
  N_("Another visit"),
  N_("Referral"),
};

static const char *const topic_ids[] = {
  "physical_health", "mental_health", "feeding", "sleep", "partner_support",
  "family_support", "money", "housing", "siblings", "childcare", "work",
  "other", NULL,
};
static const char *const topic_labels[] = {
  N_("The mother's physical health"),
  N_("The mother's mental health"),
  N_("Feeding"),
  N_("Sleep"),
  N_("Support from the partner"),
  N_("Support from the family"),
  N_("Money"),
  N_("Housing"),
  N_("Brothers and sisters"),
  N_("Childcare"),
  N_("Work"),
  /* Translators: a consultation topic not on the list */
  N_("Other topics"),
};

static const char *const present_ids[] = {
  "mother", "partner", "grandparent", "other", NULL,
};
static const char *const present_labels[] = {
  N_("The mother"),
  N_("The partner"),
  N_("A grandparent"),
  /* Translators: someone else present at a consultation */
  N_("Someone else"),
};

static const struct
{
  YrsConsultationField field;
  const char          *message;
} problems[YRS_CONSULTATION_N_PROBLEMS] = {
  [YRS_CONSULTATION_PROBLEM_KIND_MISSING] =
    { YRS_CONSULTATION_FIELD_KIND, N_("Choose which consultation this is.") },
  [YRS_CONSULTATION_PROBLEM_DATE_MISSING] =
    { YRS_CONSULTATION_FIELD_DATE, N_("Enter the date of the consultation.") },
  [YRS_CONSULTATION_PROBLEM_DATE_IN_FUTURE] =
    { YRS_CONSULTATION_FIELD_DATE, N_("The date of the consultation cannot be after today.") },
  [YRS_CONSULTATION_PROBLEM_PLACE_MISSING] =
    { YRS_CONSULTATION_FIELD_PLACE, N_("Choose where the consultation took place.") },
  [YRS_CONSULTATION_PROBLEM_PRESENT_MISSING] =
    { YRS_CONSULTATION_FIELD_PRESENT, N_("Choose who was there.") },
  [YRS_CONSULTATION_PROBLEM_FOLLOW_UP_MISSING] =
    { YRS_CONSULTATION_FIELD_FOLLOW_UP, N_("Choose the follow-up.") },
  [YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_MISSING] =
    { YRS_CONSULTATION_FIELD_FOLLOW_UP, N_("Enter the date of the follow-up.") },
  [YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_BEFORE] =
    { YRS_CONSULTATION_FIELD_FOLLOW_UP, N_("The follow-up cannot be before the consultation.") },
};

guint
yrs_consultation_check (const YrsConsultationRecord *record,
                        YrsDate                      today,
                        YrsConsultationProblem      *out)
{
  guint n = 0;

  g_return_val_if_fail (record != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);

  if (record->kind < 0 || record->kind >= YRS_CONSULTATION_N_KINDS)
    out[n++] = YRS_CONSULTATION_PROBLEM_KIND_MISSING;
  if (!yrs_date_is_set (record->date))
    out[n++] = YRS_CONSULTATION_PROBLEM_DATE_MISSING;
  else if (yrs_date_is_set (today) && yrs_date_compare (record->date, today) > 0)
    out[n++] = YRS_CONSULTATION_PROBLEM_DATE_IN_FUTURE;
  if (record->place < 0 || record->place >= YRS_CONSULTATION_N_PLACES)
    out[n++] = YRS_CONSULTATION_PROBLEM_PLACE_MISSING;
  if (record->n_present == 0)
    out[n++] = YRS_CONSULTATION_PROBLEM_PRESENT_MISSING;
  if (record->follow_up < 0 || record->follow_up >= YRS_FOLLOW_UP_N_KINDS)
    out[n++] = YRS_CONSULTATION_PROBLEM_FOLLOW_UP_MISSING;
  else if (yrs_follow_up_kind_needs_date (record->follow_up))
    {
      if (!yrs_date_is_set (record->follow_up_date))
        out[n++] = YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_MISSING;
      else if (yrs_date_is_set (record->date) &&
               yrs_date_compare (record->follow_up_date, record->date) < 0)
        out[n++] = YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_BEFORE;
    }
  return n;
}

YrsConsultationField
yrs_consultation_problem_get_field (YrsConsultationProblem problem)
{
  g_return_val_if_fail (problem < YRS_CONSULTATION_N_PROBLEMS, YRS_CONSULTATION_FIELD_KIND);
  return problems[problem].field;
}

const char *
yrs_consultation_problem_get_message (YrsConsultationProblem problem)
{
  g_return_val_if_fail (problem < YRS_CONSULTATION_N_PROBLEMS, "");
  return _(problems[problem].message);
}

static gboolean
id_from_string (const char *const *ids,
                const char        *text,
                int               *out)
{
  for (int i = 0; text != NULL && ids[i] != NULL; i++)
    if (g_str_equal (ids[i], text))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static int
id_index (const char *const *ids,
          const char        *text)
{
  int i = -1;

  return id_from_string (ids, text, &i) ? i : -1;
}

const char *
yrs_consultation_kind_to_string (YrsConsultationKind kind)
{
  return kind >= 0 && kind < YRS_CONSULTATION_N_KINDS ? kind_ids[kind] : NULL;
}

gboolean
yrs_consultation_kind_from_string (const char          *text,
                                   YrsConsultationKind *kind)
{
  int i;

  if (!id_from_string (kind_ids, text, &i))
    return FALSE;
  *kind = i;
  return TRUE;
}

const char *
yrs_consultation_kind_get_label (YrsConsultationKind kind)
{
  return kind >= 0 && kind < YRS_CONSULTATION_N_KINDS ? _(kind_labels[kind]) : NULL;
}

const char *
yrs_consultation_place_to_string (YrsConsultationPlace place)
{
  return place >= 0 && place < YRS_CONSULTATION_N_PLACES ? place_ids[place] : NULL;
}

gboolean
yrs_consultation_place_from_string (const char           *text,
                                    YrsConsultationPlace *place)
{
  int i;

  if (!id_from_string (place_ids, text, &i))
    return FALSE;
  *place = i;
  return TRUE;
}

const char *
yrs_consultation_place_get_label (YrsConsultationPlace place)
{
  return place >= 0 && place < YRS_CONSULTATION_N_PLACES ? _(place_labels[place]) : NULL;
}

const char *
yrs_follow_up_kind_to_string (YrsFollowUpKind kind)
{
  return kind >= 0 && kind < YRS_FOLLOW_UP_N_KINDS ? follow_up_ids[kind] : NULL;
}

gboolean
yrs_follow_up_kind_from_string (const char      *text,
                                YrsFollowUpKind *kind)
{
  int i;

  if (!id_from_string (follow_up_ids, text, &i))
    return FALSE;
  *kind = i;
  return TRUE;
}

const char *
yrs_follow_up_kind_get_label (YrsFollowUpKind kind)
{
  return kind >= 0 && kind < YRS_FOLLOW_UP_N_KINDS ? _(follow_up_labels[kind]) : NULL;
}

gboolean
yrs_follow_up_kind_needs_date (YrsFollowUpKind kind)
{
  return kind == YRS_FOLLOW_UP_PHONE || kind == YRS_FOLLOW_UP_VISIT ||
         kind == YRS_FOLLOW_UP_REFERRAL;
}

const char *const *
yrs_consultation_get_topics (void)
{
  return topic_ids;
}

const char *
yrs_consultation_topic_get_label (const char *topic)
{
  int i = id_index (topic_ids, topic);

  return i >= 0 ? _(topic_labels[i]) : NULL;
}

const char *const *
yrs_consultation_get_present (void)
{
  return present_ids;
}

const char *
yrs_consultation_present_get_label (const char *who)
{
  int i = id_index (present_ids, who);

  return i >= 0 ? _(present_labels[i]) : NULL;
}
