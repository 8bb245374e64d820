/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-form"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "yrs-form.h"

G_DEFINE_QUARK (yrs-form-error-quark, yrs_form_error)

/* No field of a form needs more; longer input is refused before any work
 * is done on it. */
#define MAX_FIELD_BYTES 1024

static const char *
label_or_default (const char *label)
{
  return (label != NULL && *label != '\0') ? label : _("This field");
}

static gboolean
is_space (gunichar c)
{
  return c == 0x3000 || g_unichar_isspace (c);
}

static gboolean
is_hyphen (gunichar c)
{
  switch (c)
    {
    case '-':
    case 0x2010: /* ‐ */
    case 0x2011:
    case 0x2012:
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2015: /* ― */
    case 0x2212: /* − */
    case 0x30FC: /* ー, typed by mistake for a hyphen */
    case 0xFF0D: /* － */
    case 0xFF70: /* ｰ */
      return TRUE;

    default:
      return FALSE;
    }
}

char *
yrs_form_fold_digits (const char *text)
{
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The digits of `value`, with full-width digits folded and what people
 * put between digits dropped: hyphens of every kind, spaces and the
 * `extra` characters. NULL when anything else is there, or nothing is. */
static char *
digits_of (const char     *value,
           const gunichar *extra,
           gsize           n_extra)
{
  GString *out;

  if (value == NULL || strlen (value) > MAX_FIELD_BYTES ||
      !g_utf8_validate (value, -1, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean skip = is_space (c) || is_hyphen (c);

      for (gsize i = 0; i < n_extra && !skip; i++)
        skip = c == extra[i];

      if (c >= '0' && c <= '9')
        g_string_append_c (out, (char) c);
      else if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (!skip)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
take_digits (char  *digits,
             gsize  min_len,
             gsize  max_len,
             char **normalized)
{
  gsize len = digits != NULL ? strlen (digits) : 0;

  if (digits == NULL || len < min_len || len > max_len)
    {
      g_free (digits);
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = digits;
  else
    g_free (digits);
  return TRUE;
}

/* Kana */

static gunichar
hiragana_to_katakana (gunichar c)
{
  if (c >= 0x3041 && c <= 0x3096)
    return c + 0x60;
  if (c == 0x309D || c == 0x309E) /* ゝ ゞ */
    return c + 0x60;
  return c;
}

/* Half-width katakana (U+FF61–U+FF9F) by their compatibility mapping:
 * ｶ -> カ, ﾞ -> U+3099 (combining), ｰ -> ー, ･ -> ・. */
static gunichar
halfwidth_to_fullwidth (gunichar c)
{
  char buf[8];
  g_autofree char *full = NULL;
  int len;

  if (c < 0xFF61 || c > 0xFF9F)
    return c;

  len = g_unichar_to_utf8 (c, buf);
  full = g_utf8_normalize (buf, len, G_NORMALIZE_NFKC);
  if (full == NULL || g_utf8_strlen (full, -1) != 1)
    return c;
  return g_utf8_get_char (full);
}

/* ゛ ゜ ﾞ ﾟ and the combining marks, as the combining mark. */
static gunichar
voicing_mark (gunichar c)
{
  switch (c)
    {
    case 0x3099:
    case 0x309B:
    case 0xFF9E:
      return 0x3099;

    case 0x309A:
    case 0x309C:
    case 0xFF9F:
      return 0x309A;

    default:
      return 0;
    }
}

char *
yrs_form_normalize_kana (const char *text)
{
  GString *out;
  gunichar prev = 0;        /* the last kana written, 0 after a space */
  gsize prev_pos = 0;       /* where it starts in `out` */
  gboolean pending_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar mark = voicing_mark (c);
      gunichar composed;

      if (is_space (c))
        {
          pending_space = out->len > 0;
          prev = 0;
          continue;
        }

      /* A voicing mark joins the kana before it when they make one
       * character (カ+゛ -> ガ, ハ+゜ -> パ, ウ+゛ -> ヴ). */
      if (mark != 0 && prev != 0 && g_unichar_compose (prev, mark, &composed))
        {
          g_string_truncate (out, prev_pos);
          g_string_append_unichar (out, composed);
          prev = composed;
          continue;
        }

      if (pending_space)
        {
          g_string_append_unichar (out, 0x3000);
          pending_space = FALSE;
        }

      c = hiragana_to_katakana (halfwidth_to_fullwidth (c));
      /* A mark that joins nothing stays visible as ゛ / ゜. */
      if (c == 0x3099)
        c = 0x309B;
      else if (c == 0x309A)
        c = 0x309C;

      prev_pos = out->len;
      prev = c;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_katakana_char (gunichar c)
{
  return (c >= 0x30A1 && c <= 0x30FA) || /* ァ … ヺ */
         (c >= 0x30FB && c <= 0x30FE);   /* ・ ー ヽ ヾ */
}

gboolean
yrs_form_is_katakana (const char *text)
{
  gboolean after_space = TRUE;

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3000)
        {
          /* One space between words: not first, not doubled. */
          if (after_space)
            return FALSE;
          after_space = TRUE;
        }
      else if (is_katakana_char (c))
        after_space = FALSE;
      else
        return FALSE;
    }

  return !after_space;
}

/* JIS X 0208 */

/* ISO-2022-JP (RFC 1468) has exactly ASCII, JIS X 0201 Roman and JIS X
 * 0208; unlike EUC-JP it has no JIS X 0212 and no half-width katakana. A
 * character converts to it iff it is in one of those sets. */
static gboolean
char_in_jis (const char *utf8,
             gssize      len)
{
  g_autofree char *converted = NULL;

  if ((guchar) utf8[0] < 0x80)
    return TRUE;
  converted = g_convert (utf8, len, "ISO-2022-JP", "UTF-8", NULL, NULL, NULL);
  return converted != NULL;
}

char **
yrs_form_chars_outside_jis (const char *text)
{
  GPtrArray *found;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  found = g_ptr_array_new ();
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      gboolean seen = FALSE;

      if (char_in_jis (p, next - p))
        continue;

      for (guint i = 0; i < found->len && !seen; i++)
        seen = strncmp (found->pdata[i], p, next - p) == 0 &&
               ((char *) found->pdata[i])[next - p] == '\0';
      if (!seen)
        g_ptr_array_add (found, g_strndup (p, next - p));
    }

  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_free (found, FALSE);
}

gboolean
yrs_form_is_jis_x0208 (const char *text)
{
  g_auto(GStrv) outside = yrs_form_chars_outside_jis (text);

  return outside != NULL && outside[0] == NULL;
}

/* Fields */

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_space (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
yrs_form_check_required (const char *value,
                         const char *label,
                         GError    **error)
{
  if (!is_blank (value))
    return TRUE;

  g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_REQUIRED,
               _("%s is required."), label_or_default (label));
  return FALSE;
}

static char *
katakana_of (const char *value)
{
  g_autofree char *norm = NULL;

  if (value == NULL || strlen (value) > MAX_FIELD_BYTES)
    return NULL;
  norm = yrs_form_normalize_kana (value);
  if (!yrs_form_is_katakana (norm))
    return NULL;
  return g_steal_pointer (&norm);
}

gboolean
yrs_form_check_furigana (const char *value,
                         const char *label,
                         char      **normalized,
                         GError    **error)
{
  g_autofree char *kana = NULL;

  if (!yrs_form_check_required (value, label, error))
    return FALSE;

  kana = katakana_of (value);
  if (kana == NULL)
    {
      g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_KATAKANA,
                   _("%s must be written in katakana."), label_or_default (label));
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&kana);
  return TRUE;
}

gboolean
yrs_form_check_postal_code (const char *value,
                            char      **normalized,
                            GError    **error)
{
  static const gunichar extra[] = { 0x3012 /* 〒 */ };

  if (take_digits (digits_of (value, extra, G_N_ELEMENTS (extra)), 7, 7, normalized))
    return TRUE;

  g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_POSTAL_CODE,
                       _("Enter the postal code as 7 digits."));
  return FALSE;
}

char *
yrs_form_format_postal_code (const char *digits)
{
  g_autofree char *norm = NULL;

  if (!yrs_form_check_postal_code (digits, &norm, NULL))
    return NULL;
  return g_strdup_printf ("%.3s-%s", norm, norm + 3);
}

gboolean
yrs_form_check_phone (const char *value,
                      char      **normalized,
                      GError    **error)
{
  static const gunichar extra[] = { '(', ')', 0xFF08, 0xFF09 };
  g_autofree char *digits = digits_of (value, extra, G_N_ELEMENTS (extra));
  gsize len = digits != NULL ? strlen (digits) : 0;
  gboolean ok;

  /* 10 digits: 0, then an area or service code that is not 0. 11 digits:
   * the 0A0 numbers (020, 050, 060, 070, 080, 090, 0800). */
  if (len == 10)
    ok = digits[0] == '0' && digits[1] != '0';
  else if (len == 11)
    ok = digits[0] == '0' && digits[2] == '0' && strchr ("256789", digits[1]) != NULL;
  else
    ok = FALSE;

  if (!ok)
    {
      g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_PHONE,
                           _("Enter the phone number as 10 or 11 digits, starting with 0."));
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&digits);
  return TRUE;
}

char *
yrs_form_format_phone (const char *value)
{
  /* Prefix, then the lengths of the first two groups; the rest is the
   * third. Longer prefixes first. */
  static const struct { const char *prefix; guint len; guint a, b; } splits[] = {
    { "0800", 11, 4, 3 },  /* free dial 0800-123-4567 */
    { "0120", 10, 4, 3 },  /* free dial 0120-123-456 */
    { "0570", 10, 4, 3 },  /* navi dial */
    { "0990", 10, 4, 3 },
    { "078", 10, 3, 3 },   /* Kobe and Akashi: 078-351-3400 */
    { "03", 10, 2, 4 },    /* Tokyo: 03-1234-5678 */
    { "06", 10, 2, 4 },    /* Osaka: 06-1234-5678 */
    { "0", 11, 3, 4 },     /* 020/050/060/070/080/090-1234-5678 */
  };
  g_autofree char *digits = NULL;
  gsize len;

  if (!yrs_form_check_phone (value, &digits, NULL))
    return NULL;

  len = strlen (digits);
  for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
    if (len == splits[i].len && g_str_has_prefix (digits, splits[i].prefix))
      return g_strdup_printf ("%.*s-%.*s-%s",
                              (int) splits[i].a, digits,
                              (int) splits[i].b, digits + splits[i].a,
                              digits + splits[i].a + splits[i].b);
  return g_steal_pointer (&digits);
}

gboolean
yrs_form_check_bank_code (const char *value,
                          char      **normalized,
                          GError    **error)
{
  if (take_digits (digits_of (value, NULL, 0), 4, 4, normalized))
    return TRUE;

  g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_BANK_CODE,
                       _("Enter the bank code as 4 digits."));
  return FALSE;
}

gboolean
yrs_form_check_branch_code (const char *value,
                            char      **normalized,
                            GError    **error)
{
  if (take_digits (digits_of (value, NULL, 0), 3, 3, normalized))
    return TRUE;

  g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_BRANCH_CODE,
                       _("Enter the branch code as 3 digits."));
  return FALSE;
}

gboolean
yrs_form_check_account_type (const char     *value,
                             YrsAccountType *type,
                             GError        **error)
{
  static const struct { const char *text; YrsAccountType type; } names[] = {
    { "ordinary", YRS_ACCOUNT_TYPE_ORDINARY },
    { "普通", YRS_ACCOUNT_TYPE_ORDINARY },
    { "1", YRS_ACCOUNT_TYPE_ORDINARY },
    { "current", YRS_ACCOUNT_TYPE_CURRENT },
    { "当座", YRS_ACCOUNT_TYPE_CURRENT },
    { "2", YRS_ACCOUNT_TYPE_CURRENT },
  };
  g_autofree char *trimmed = NULL;

  if (value != NULL && strlen (value) < 64 && g_utf8_validate (value, -1, NULL))
    {
      trimmed = g_strstrip (g_strdup (value));
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_ascii_strcasecmp (trimmed, names[i].text) == 0)
          {
            if (type != NULL)
              *type = names[i].type;
            return TRUE;
          }
    }

  g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_ACCOUNT_TYPE,
                       _("Choose the account type: ordinary or current."));
  return FALSE;
}

gboolean
yrs_form_check_account_number (const char *value,
                               char      **normalized,
                               GError    **error)
{
  char *digits = digits_of (value, NULL, 0);
  gsize len = digits != NULL ? strlen (digits) : 0;

  if (take_digits (digits, 7, 7, normalized))
    return TRUE;

  /* Never pad: a short number is more often a mistyped one than one
   * whose leading zeros were left out. */
  if (len > 0 && len < 7)
    g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_ACCOUNT_NUMBER,
                         _("Enter the account number as 7 digits. If your bankbook shows fewer, write the zeros in front as well."));
  else
    g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_ACCOUNT_NUMBER,
                         _("Enter the account number as 7 digits."));
  return FALSE;
}

gboolean
yrs_form_check_account_holder (const char *value,
                               char      **normalized,
                               GError    **error)
{
  g_autofree char *kana = katakana_of (value);

  if (kana == NULL)
    {
      g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_ACCOUNT_HOLDER,
                           _("Enter the account holder's name in katakana, as the bank has it."));
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&kana);
  return TRUE;
}

gboolean
yrs_form_check_yucho_symbol (const char *value,
                             char      **normalized,
                             GError    **error)
{
  g_autofree char *digits = NULL;

  /* A savings account's (通常貯金) 記号 starts with 1; one starting with
   * 0 is a transfer account (振替口座), which a payment cannot go to. */
  if (take_digits (digits_of (value, NULL, 0), 5, 5, &digits) && digits[0] == '1')
    {
      if (normalized != NULL)
        *normalized = g_steal_pointer (&digits);
      return TRUE;
    }

  g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_YUCHO_SYMBOL,
                       _("Enter the Japan Post Bank symbol (記号) as 5 digits starting with 1."));
  return FALSE;
}

gboolean
yrs_form_check_yucho_number (const char *value,
                             char      **normalized,
                             GError    **error)
{
  if (take_digits (digits_of (value, NULL, 0), 1, 8, normalized))
    return TRUE;

  g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_YUCHO_NUMBER,
                       _("Enter the Japan Post Bank number (番号) as up to 8 digits."));
  return FALSE;
}

/* Dates from parts */

static const char *
era_name (const char *era)
{
  static const struct { const char *name; const char *letter; } eras[] = {
    { "令和", "R" }, { "平成", "H" }, { "昭和", "S" }, { "大正", "T" }, { "明治", "M" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (g_str_equal (era, eras[i].name) || g_ascii_strcasecmp (era, eras[i].letter) == 0)
      return eras[i].name;
  return NULL;
}

/* The part as ASCII digits, 1 to max_digits of them, or NULL. */
static char *
date_part (const char *text,
           gsize       max_digits)
{
  g_autofree char *digits = yrs_form_fold_digits (text);

  if (digits == NULL)
    return NULL;
  g_strstrip (digits);
  if (*digits == '\0' || strlen (digits) > max_digits ||
      strspn (digits, "0123456789") != strlen (digits))
    return NULL;
  return g_steal_pointer (&digits);
}

static gboolean
date_invalid (GError    **error,
              const char *label)
{
  g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_INVALID,
               _("%s is not a date that exists. Check the year, month and day."),
               label_or_default (label));
  return FALSE;
}

gboolean
yrs_form_check_date_parts (const char *label,
                           const char *era,
                           const char *year,
                           const char *month,
                           const char *day,
                           YrsDate    *out,
                           GError    **error)
{
  gboolean no_year = is_blank (year), no_month = is_blank (month), no_day = is_blank (day);
  g_autofree char *y = NULL;
  g_autofree char *m = NULL;
  g_autofree char *d = NULL;
  YrsDate date;

  if (no_year && no_month && no_day)
    return yrs_form_check_required (NULL, label, error);
  if (no_year || no_month || no_day)
    {
      g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_INCOMPLETE,
                   _("%s needs a year, a month and a day."), label_or_default (label));
      return FALSE;
    }

  m = date_part (month, 2);
  d = date_part (day, 2);
  if (m == NULL || d == NULL)
    return date_invalid (error, label);

  if (era == NULL || *era == '\0')
    {
      int yy, mm, dd;

      y = date_part (year, 4);
      if (y == NULL || strlen (y) != 4)
        return date_invalid (error, label);
      yy = atoi (y);
      mm = atoi (m);
      dd = atoi (d);
      /* Nothing a form asks about is older than the eras we know. */
      if (yy < 1868 || !yrs_date_is_valid_ymd (yy, mm, dd))
        return date_invalid (error, label);
      date = yrs_date_new (yy, mm, dd);
    }
  else
    {
      const char *name = g_utf8_validate (era, -1, NULL) ? era_name (era) : NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *trimmed = NULL;

      if (name == NULL)
        return date_invalid (error, label);

      trimmed = g_utf8_validate (year, -1, NULL) ? g_strstrip (g_strdup (year)) : NULL;
      if (trimmed != NULL && g_str_equal (trimmed, "元"))
        y = g_strdup ("1");
      else
        y = date_part (year, 2);
      if (y == NULL)
        return date_invalid (error, label);

      text = g_strdup_printf ("%s%s年%s月%s日", name, y, m, d);
      if (!yrs_date_parse_wareki (text, &date, &local))
        {
          if (g_error_matches (local, YRS_DATE_ERROR, YRS_DATE_ERROR_OUT_OF_ERA))
            {
              g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_OUT_OF_ERA,
                           _("%s is not within the chosen era. Check the era and the year."),
                           label_or_default (label));
              return FALSE;
            }
          return date_invalid (error, label);
        }
    }

  if (out != NULL)
    *out = date;
  return TRUE;
}

gboolean
yrs_form_check_not_future (YrsDate      date,
                           YrsDate      today,
                           const char  *label,
                           GError     **error)
{
  if (yrs_date_compare (date, today) <= 0)
    return TRUE;
  if (label != NULL && *label != '\0')
    /* Translators: %s is the name of a date field, e.g. "Date of birth" */
    g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_FUTURE,
                 _("%s cannot be after today. Check the year, month and day."), label);
  else
    g_set_error_literal (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_FUTURE,
                         _("This date cannot be after today. Check the year, month and day."));
  return FALSE;
}
