/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "yrs-catalog.h"
#include "yrs-session.h"

G_BEGIN_DECLS

/* The application forms as the pages lay them out: which fields each form
 * has, in which section, with which label, and which are required. Values
 * live in the YrsSession under the field's stable ID; checking a value is
 * yrs-form's (src/core) job. */

typedef enum
{
  YRS_FORM_SUPPORT_PAYMENT = 1 << 0,           /* 寄り添い支援 payments 1 and 2 */
  YRS_FORM_HOME_HELP = 1 << 1,                 /* 産後ホームヘルプ */
  YRS_FORM_POSTPARTUM_CARE_REGISTRATION = 1 << 2, /* 産後ケア利用申請 */
} YrsFormId;

typedef enum
{
  YRS_FIELD_NAME,           /* 氏名: any characters, flagged outside JIS X 0208 */
  YRS_FIELD_KANA,           /* フリガナ: full-width katakana after conversion */
  YRS_FIELD_DATE,           /* 年/月/日, stored as YYYY-MM-DD */
  YRS_FIELD_POSTAL_CODE,
  YRS_FIELD_ADDRESS,
  YRS_FIELD_TEXT,
  YRS_FIELD_PHONE,
  YRS_FIELD_BANK_CODE,
  YRS_FIELD_BRANCH_CODE,
  YRS_FIELD_ACCOUNT_NUMBER,
  YRS_FIELD_YUCHO_SYMBOL,
  YRS_FIELD_YUCHO_NUMBER,
  YRS_FIELD_HOLDER_KANA,    /* 口座名義: katakana, normalised as フリガナ */
  YRS_FIELD_CHOICE,         /* one of `choices` */
} YrsFieldKind;

typedef struct
{
  const char   *value;
  const char   *label;     /* N_() */
} YrsFieldChoice;

typedef struct
{
  const char           *id;        /* session field ID */
  const char           *section;   /* N_() */
  const char           *label;     /* N_() */
  const char           *help;      /* N_() or NULL */
  YrsFieldKind          kind;
  guint                 forms;     /* YrsFormId bits */
  gboolean              required;
  /* Shown only when the field `when_id` has the value `when_value`. */
  const char           *when_id;
  const char           *when_value;
  const YrsFieldChoice *choices;   /* NULL-label-terminated, for CHOICE */
} YrsFieldSpec;

/* The form of a programme ("support_payment_pregnancy" ->
 * YRS_FORM_SUPPORT_PAYMENT); 0 when it has none. */
YrsFormId            yrs_form_spec_for_programme (YrsCatalog   *catalog,
                                                  const char   *programme_id);
/* The form's title, translated. */
const char          *yrs_form_spec_get_title     (YrsFormId     form);
/* The outbox kind: "application" or "registration". */
const char          *yrs_form_spec_get_kind      (YrsFormId     form);
/* The form's name in the API ("support_payment", "home_help",
 * "postpartum_care_registration"). */
const char          *yrs_form_spec_get_name      (YrsFormId     form);

/* Every field (of every form), in order. */
const YrsFieldSpec  *yrs_form_spec_get_fields    (guint        *n_fields);
const YrsFieldSpec  *yrs_form_spec_lookup_field  (const char   *id);
/* Whether the field is on `form` and shown given the values so far. */
gboolean             yrs_form_spec_field_applies (const YrsFieldSpec *field,
                                                  YrsFormId           form,
                                                  YrsSession         *session);
/* The translated label of a choice value, or NULL. */
const char          *yrs_form_spec_choice_label  (const YrsFieldSpec *field,
                                                  const char         *value);

/* Checks one value for a field (yrs-form in src/core does the work). On
 * success returns NULL and sets `normalized` (e.g. フリガナ in full-width
 * katakana, a postal code as 7 digits) and `note` (a remark for staff,
 * e.g. characters outside JIS X 0208; may be NULL). On failure returns
 * the message to show under the field, in the current language
 * ("＊氏名を入力してください。" / "Enter your full name."). */
char                *yrs_form_spec_check         (const YrsFieldSpec *field,
                                                  const char         *value,
                                                  char              **normalized,
                                                  char              **note);

G_END_DECLS
