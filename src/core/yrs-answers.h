/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-answers.h: a person's answers, typed values keyed by the catalogue's
 * stable question IDs ("residence.in_city", "pregnancy.notified_on"). */

#pragma once

#include <gio/gio.h>

#include "yrs-catalog.h"

G_BEGIN_DECLS

#define YRS_ANSWERS_ERROR (yrs_answers_error_quark ())

typedef enum
{
  YRS_ANSWERS_ERROR_JSON,     /* not JSON, or not an object */
  YRS_ANSWERS_ERROR_INVALID,  /* a value of the wrong kind, an unknown ID */
} YrsAnswersError;

GQuark yrs_answers_error_quark (void);

#define YRS_TYPE_ANSWERS (yrs_answers_get_type ())
G_DECLARE_FINAL_TYPE (YrsAnswers, yrs_answers, YRS, ANSWERS, GObject)

/* Emits "changed" (question ID as detail and argument) after each set or
 * unset that changes a value. */
YrsAnswers  *yrs_answers_new            (void);
YrsAnswers  *yrs_answers_copy           (YrsAnswers  *self);
gboolean     yrs_answers_equal          (YrsAnswers  *a,
                                         YrsAnswers  *b);

void         yrs_answers_set_bool       (YrsAnswers  *self,
                                         const char  *id,
                                         gboolean     value);
void         yrs_answers_set_int        (YrsAnswers  *self,
                                         const char  *id,
                                         gint64       value);
void         yrs_answers_set_date       (YrsAnswers  *self,
                                         const char  *id,
                                         YrsDate      value);
/* Enum answers (and facility IDs) are strings. */
void         yrs_answers_set_string     (YrsAnswers  *self,
                                         const char  *id,
                                         const char  *value);
/* Sets from a YrsValue; YRS_VALUE_NONE unsets. */
void         yrs_answers_set_value      (YrsAnswers     *self,
                                         const char     *id,
                                         const YrsValue *value);
void         yrs_answers_unset          (YrsAnswers  *self,
                                         const char  *id);
void         yrs_answers_clear          (YrsAnswers  *self);

gboolean     yrs_answers_has            (YrsAnswers  *self,
                                         const char  *id);
/* FALSE when unset; a string in `value` is owned by the answers and valid
 * until that answer changes. */
gboolean     yrs_answers_get_value      (YrsAnswers  *self,
                                         const char  *id,
                                         YrsValue    *value);
/* FALSE when unset or of another type. */
gboolean     yrs_answers_get_bool       (YrsAnswers  *self,
                                         const char  *id,
                                         gboolean    *value);
gboolean     yrs_answers_get_int        (YrsAnswers  *self,
                                         const char  *id,
                                         gint64      *value);
gboolean     yrs_answers_get_date       (YrsAnswers  *self,
                                         const char  *id,
                                         YrsDate     *value);
/* NULL when unset or not a string. */
const char  *yrs_answers_get_string     (YrsAnswers  *self,
                                         const char  *id);

/* The answered IDs, sorted. Free the array with g_free; the strings
 * belong to the answers and are valid until they change. */
const char **yrs_answers_list_ids       (YrsAnswers  *self,
                                         guint       *n_ids);
guint        yrs_answers_get_size       (YrsAnswers  *self);

/* JSON: one object, {"residence.in_city": true, "pregnancy.fetuses": 2,
 * "pregnancy.notified_on": "2025-06-02", "pregnancy.status": "pregnant"}.
 * A string of the form YYYY-MM-DD is a date; other strings are strings;
 * null means unset. Keys are sorted on output, so equal answers give
 * equal text. */
YrsAnswers  *yrs_answers_new_from_json  (const char  *json,
                                         gssize       length,
                                         GError     **error);
char        *yrs_answers_to_json        (YrsAnswers  *self);

/* What yrs_answers_new_from_json() refuses before parsing, for a reader of
 * a larger document that holds answers (a draft): a key given twice (not
 * resolved by the last one), a string holding \u0000, an integer beyond
 * 64 bits, nesting deeper than 8, an escape JSON does not have. */
gboolean     yrs_answers_check_json     (const char  *json,
                                         gssize       length,
                                         GError     **error);

/* Dates answers may hold to be valid for a date question. */
#define YRS_ANSWERS_MIN_YEAR 1900
#define YRS_ANSWERS_MAX_YEAR 2200

/* Checks every answer against the catalogue's questions: known ID, the
 * question's type, an allowed option, an int within range, a date's year
 * within YRS_ANSWERS_MIN_YEAR…MAX_YEAR. The error names the question ID. */
gboolean     yrs_answers_validate       (YrsAnswers  *self,
                                         YrsCatalog  *catalog,
                                         GError     **error);
/* TRUE when the answer to `question` is set and valid for it. */
gboolean     yrs_answers_is_valid_for   (YrsAnswers        *self,
                                         const YrsQuestion *question);

G_END_DECLS
