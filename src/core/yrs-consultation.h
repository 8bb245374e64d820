/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-consultation.h: the rules of a consultation record (面談記録, issue
 * 17): which consultation, the date, the place, who was there, the topics
 * (a fixed list), the follow-up. A record is complete when the kind, the
 * date, the place and at least one person present are given; the date is
 * not after today; a follow-up by phone, visit or referral has a date,
 * which is not before the consultation's. Pure GLib. */

#pragma once

#include <glib.h>

#include "yrs-date.h"

G_BEGIN_DECLS

/* The ids are the wire's (data/api/openapi.yaml: POST /v1/consultations). */
typedef enum
{
  YRS_CONSULTATION_KIND_UNSET = -1,
  YRS_CONSULTATION_KIND_NOTIFICATION,   /* at the pregnancy notification */
  YRS_CONSULTATION_KIND_EIGHT_MONTHS,   /* at 8 months of pregnancy (R5年度から) */
  YRS_CONSULTATION_KIND_AFTER_BIRTH,    /* after the birth (新生児訪問) */
  YRS_CONSULTATION_KIND_OTHER,
  YRS_CONSULTATION_N_KINDS,
} YrsConsultationKind;

typedef enum
{
  YRS_CONSULTATION_PLACE_UNSET = -1,
  YRS_CONSULTATION_PLACE_HOME,
  YRS_CONSULTATION_PLACE_WARD_OFFICE,
  YRS_CONSULTATION_PLACE_PHONE,
  YRS_CONSULTATION_PLACE_ONLINE,
  YRS_CONSULTATION_N_PLACES,
} YrsConsultationPlace;

typedef enum
{
  YRS_FOLLOW_UP_UNSET = -1,
  YRS_FOLLOW_UP_NONE,
  YRS_FOLLOW_UP_PHONE,
  YRS_FOLLOW_UP_VISIT,
  YRS_FOLLOW_UP_REFERRAL,
  YRS_FOLLOW_UP_N_KINDS,
} YrsFollowUpKind;

/* What a record is checked on: the form's state, not the notes (free). */
typedef struct
{
  YrsConsultationKind  kind;
  YrsDate              date;
  YrsConsultationPlace place;
  guint                n_present;       /* people ticked as present */
  YrsFollowUpKind      follow_up;
  YrsDate              follow_up_date;  /* ignored for none */
} YrsConsultationRecord;

/* One problem per field, in the form's order. */
typedef enum
{
  YRS_CONSULTATION_PROBLEM_KIND_MISSING,
  YRS_CONSULTATION_PROBLEM_DATE_MISSING,
  YRS_CONSULTATION_PROBLEM_DATE_IN_FUTURE,
  YRS_CONSULTATION_PROBLEM_PLACE_MISSING,
  YRS_CONSULTATION_PROBLEM_PRESENT_MISSING,
  YRS_CONSULTATION_PROBLEM_FOLLOW_UP_MISSING,
  YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_MISSING,
  YRS_CONSULTATION_PROBLEM_FOLLOW_UP_DATE_BEFORE,
  YRS_CONSULTATION_N_PROBLEMS,
} YrsConsultationProblem;

/* The fields problems are about, for a form that shows each under its
 * field. */
typedef enum
{
  YRS_CONSULTATION_FIELD_KIND,
  YRS_CONSULTATION_FIELD_DATE,
  YRS_CONSULTATION_FIELD_PLACE,
  YRS_CONSULTATION_FIELD_PRESENT,
  YRS_CONSULTATION_FIELD_FOLLOW_UP,
  YRS_CONSULTATION_N_FIELDS,
} YrsConsultationField;

/* Checks @record as of @today (the tablet's date): fills @problems (room
 * for YRS_CONSULTATION_N_PROBLEMS) in the form's order and returns how
 * many; 0 means the record may be saved. */
guint        yrs_consultation_check            (const YrsConsultationRecord *record,
                                                YrsDate                      today,
                                                YrsConsultationProblem      *problems);
YrsConsultationField yrs_consultation_problem_get_field (YrsConsultationProblem problem);
/* In the current language ("＊…を選んでください。" in Japanese). */
const char  *yrs_consultation_problem_get_message (YrsConsultationProblem problem);

/* Wire ids and labels (translated). */
const char  *yrs_consultation_kind_to_string   (YrsConsultationKind kind);
gboolean     yrs_consultation_kind_from_string (const char          *text,
                                                YrsConsultationKind *kind);
const char  *yrs_consultation_kind_get_label   (YrsConsultationKind kind);
const char  *yrs_consultation_place_to_string  (YrsConsultationPlace place);
gboolean     yrs_consultation_place_from_string (const char           *text,
                                                 YrsConsultationPlace *place);
const char  *yrs_consultation_place_get_label  (YrsConsultationPlace place);
const char  *yrs_follow_up_kind_to_string      (YrsFollowUpKind kind);
gboolean     yrs_follow_up_kind_from_string    (const char      *text,
                                                YrsFollowUpKind *kind);
const char  *yrs_follow_up_kind_get_label      (YrsFollowUpKind kind);
/* TRUE for phone, visit and referral: these need a date. */
gboolean     yrs_follow_up_kind_needs_date     (YrsFollowUpKind kind);

/* The fixed lists (NULL-terminated wire ids) and their labels; NULL for
 * an id not on the list. */
const char *const *yrs_consultation_get_topics (void);
const char  *yrs_consultation_topic_get_label  (const char *topic);
const char *const *yrs_consultation_get_present (void);
const char  *yrs_consultation_present_get_label (const char *who);

G_END_DECLS
