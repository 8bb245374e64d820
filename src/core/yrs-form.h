/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-form.h: validation and normalisation of Japanese form fields
 * (フリガナ, JIS X 0208, postal code, phone, bank account, ゆうちょ, dates
 * from 年/月/日 parts). Pure GLib.
 *
 * Every check returns TRUE when the value is acceptable and, when asked
 * for, a normalised copy to store. On failure it sets a YRS_FORM_ERROR
 * whose message is a sentence for the person in the current gettext
 * language: "＊郵便番号を7桁の数字で入力してください。" / "Enter the postal
 * code as 7 digits.". Bad input of any kind (empty, NULL, invalid UTF-8,
 * very long) is an error, never a crash. */

#pragma once

#include <glib.h>

#include "yrs-date.h"

G_BEGIN_DECLS

#define YRS_FORM_ERROR (yrs_form_error_quark ())

typedef enum
{
  YRS_FORM_ERROR_REQUIRED,         /* an empty required field */
  YRS_FORM_ERROR_NOT_KATAKANA,     /* フリガナ that is not full-width katakana */
  YRS_FORM_ERROR_POSTAL_CODE,      /* not 7 digits */
  YRS_FORM_ERROR_PHONE,            /* not a 10- or 11-digit Japanese number */
  YRS_FORM_ERROR_BANK_CODE,        /* not 4 digits */
  YRS_FORM_ERROR_BRANCH_CODE,      /* not 3 digits */
  YRS_FORM_ERROR_ACCOUNT_TYPE,     /* neither ordinary nor current */
  YRS_FORM_ERROR_ACCOUNT_NUMBER,   /* not exactly 7 digits */
  YRS_FORM_ERROR_ACCOUNT_HOLDER,   /* holder's name not in katakana */
  YRS_FORM_ERROR_YUCHO_SYMBOL,     /* ゆうちょ 記号: not 5 digits */
  YRS_FORM_ERROR_YUCHO_NUMBER,     /* ゆうちょ 番号: not 1 to 8 digits */
  YRS_FORM_ERROR_DATE_INCOMPLETE,  /* some of 年/月/日 missing */
  YRS_FORM_ERROR_DATE_INVALID,     /* no such date (2025-02-30, month 13) */
  YRS_FORM_ERROR_DATE_OUT_OF_ERA,  /* 令和元年4月1日: not in the chosen era */
  YRS_FORM_ERROR_DATE_FUTURE,      /* a birth date after today */
  YRS_FORM_ERROR_NOT_IN_CITY,      /* a home postcode or address of another city */
} YrsFormError;

typedef enum
{
  YRS_ACCOUNT_TYPE_ORDINARY,  /* 普通 */
  YRS_ACCOUNT_TYPE_CURRENT,   /* 当座 */
} YrsAccountType;

GQuark    yrs_form_error_quark            (void);

/* フリガナ: hiragana and half-width katakana (ｶﾞ, ﾊﾟ, ｳﾞ as two
 * characters included) become full-width katakana, ゛/゜ and combining
 * marks join the kana before them, runs of spaces (ASCII or full-width)
 * become one full-width space, and leading/trailing spaces go. Other
 * characters are kept as they are. Invalid UTF-8 gives NULL. */
char     *yrs_form_normalize_kana         (const char     *text);
/* TRUE when `text` is non-empty and all full-width katakana (ァ–ヺ, ー,
 * ヽ, ヾ, ・), with single full-width spaces between words. */
gboolean  yrs_form_is_katakana            (const char     *text);
/* Full-width digits to ASCII; every other character unchanged. NULL for
 * invalid UTF-8. */
char     *yrs_form_fold_digits            (const char     *text);

/* JIS X 0208: names are accepted in any characters, and those that are
 * not in JIS X 0208 (nor ASCII) are flagged for staff. Returns the
 * distinct such characters in order of appearance, each as a UTF-8 string
 * (an empty vector when there are none; NULL for invalid UTF-8). */
char    **yrs_form_chars_outside_jis      (const char     *text);
gboolean  yrs_form_is_jis_x0208           (const char     *text);

/* `label` is the field's name as the person sees it, already translated
 * ("Furigana" / "フリガナ"); it goes into the message. */
gboolean  yrs_form_check_required         (const char     *value,
                                           const char     *label,
                                           GError        **error);
gboolean  yrs_form_check_furigana         (const char     *value,
                                           const char     *label,
                                           char          **normalized,
                                           GError        **error);

/* "650-0001", "６５００００１", "〒650-0001" -> "6500001" */
gboolean  yrs_form_check_postal_code      (const char     *value,
                                           char          **normalized,
                                           GError        **error);
/* "6500001" -> "650-0001"; NULL when it is not 7 digits. */
char     *yrs_form_format_postal_code     (const char     *digits);
/* "078-351-3400", "090 1234 5678", "(078)351-3400" -> digits only. 10
 * digits (0 then 1–9), or 11 for 020/050/060/070/080/090 numbers. */
gboolean  yrs_form_check_phone            (const char     *value,
                                           char          **normalized,
                                           GError        **error);
/* A phone number as people write it: "09012345678" -> "090-1234-5678",
 * "0783513400" -> "078-351-3400", "0312345678" -> "03-1234-5678",
 * "0120123456" -> "0120-123-456". Hyphens go in only where the split is
 * certain without the national table of area codes (mobile, IP, free
 * dial, 03, 06 and Kobe's 078); other valid numbers come back as their
 * digits. NULL when yrs_form_check_phone() refuses the value. */
char     *yrs_form_format_phone           (const char     *value);

/* Bank transfer account: 金融機関コード 4 digits, 支店コード 3 digits, 種目,
 * 口座番号 exactly 7 digits (a shorter number is an error: the person
 * writes the leading zeros their bankbook shows, nothing is padded), 名義
 * in full-width katakana (normalised as フリガナ). */
gboolean  yrs_form_check_bank_code        (const char     *value,
                                           char          **normalized,
                                           GError        **error);
gboolean  yrs_form_check_branch_code      (const char     *value,
                                           char          **normalized,
                                           GError        **error);
/* "ordinary"/"普通"/"1" or "current"/"当座"/"2". */
gboolean  yrs_form_check_account_type     (const char     *value,
                                           YrsAccountType *type,
                                           GError        **error);
gboolean  yrs_form_check_account_number   (const char     *value,
                                           char          **normalized,
                                           GError        **error);
gboolean  yrs_form_check_account_holder   (const char     *value,
                                           char          **normalized,
                                           GError        **error);
/* ゆうちょ銀行: 記号 5 digits, 番号 1 to 8 digits. */
gboolean  yrs_form_check_yucho_symbol     (const char     *value,
                                           char          **normalized,
                                           GError        **error);
gboolean  yrs_form_check_yucho_number     (const char     *value,
                                           char          **normalized,
                                           GError        **error);

/* A date from separate 年 / 月 / 日 fields. `era` NULL or "" means a
 * western year (4 digits); otherwise an era by its Japanese name or letter
 * ("令和", "R", "平成", "H", "昭和", "S") and `year` the era year, where
 * "元" and "1" are both the first. Full-width digits are accepted. All
 * three parts empty is YRS_FORM_ERROR_REQUIRED. */
gboolean  yrs_form_check_date_parts       (const char     *label,
                                           const char     *era,
                                           const char     *year,
                                           const char     *month,
                                           const char     *day,
                                           YrsDate        *out,
                                           GError        **error);

/* A date of something that has happened (a birth date, the day a baby
 * was born): on or before `today` (the as-of date), else
 * YRS_FORM_ERROR_DATE_FUTURE with a sentence naming `label` (or "The
 * date" when NULL). */
gboolean  yrs_form_check_not_future       (YrsDate         date,
                                           YrsDate         today,
                                           const char     *label,
                                           GError        **error);

G_END_DECLS
