/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "yrs-form.h"

typedef gboolean (*CheckFunc) (const char *value,
                               char      **normalized,
                               GError    **error);

static void
set_language (const char *lang)
{
  g_setenv ("LANGUAGE", lang, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

static void
test_normalize_kana (void)
{
  static const struct { const char *in; const char *out; gboolean katakana; } cases[] = {
    { "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ", TRUE },
    { "やまだ　はなこ", "ヤマダ　ハナコ", TRUE },
    { "ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ", TRUE },
    { "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "パピプペポ", TRUE },
    { "ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", "バビブベボ", TRUE },
    { "ｳﾞｧｲｵﾘﾝ", "ヴァイオリン", TRUE },
    { "ｼﾞｮﾝ･ｽﾐｽ", "ジョン・スミス", TRUE },
    { "ｺｰﾋｰ", "コーヒー", TRUE },
    { "ｯｬｭｮｧｨｩｪｫ", "ッャュョァィゥェォ", TRUE },
    { "  やまだ   たろう  ", "ヤマダ　タロウ", TRUE },
    { "やまだ\t　 たろう", "ヤマダ　タロウ", TRUE },
    { "カ゛", "ガ", TRUE },
    { "は゜", "パ", TRUE },
    { "か\xe3\x82\x99", "ガ", TRUE },           /* か + U+3099 */
    { "ウ゛", "ヴ", TRUE },
    { "いすゞ", "イスヾ", TRUE },
    { "ヤマダ　タロウ", "ヤマダ　タロウ", TRUE },
    { "ア゛", "ア゛", FALSE },                    /* nothing to join */
    { "゛カ", "゛カ", FALSE },
    { "ｶ ﾞ", "カ　゛", FALSE },                   /* a space in between */
    { "山田", "山田", FALSE },
    { "Yamada", "Yamada", FALSE },
    { "ヤマダ1", "ヤマダ1", FALSE },
    { "", "", FALSE },
    { "   ", "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = yrs_form_normalize_kana (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpint (yrs_form_is_katakana (out), ==, cases[i].katakana);
    }

  g_assert_null (yrs_form_normalize_kana ("\xff"));
  g_assert_null (yrs_form_normalize_kana (NULL));
  g_assert_false (yrs_form_is_katakana ("ヤマダ　　タロウ"));
  g_assert_false (yrs_form_is_katakana ("　ヤマダ"));
  g_assert_false (yrs_form_is_katakana ("ヤマダ　"));
  g_assert_false (yrs_form_is_katakana ("ﾔﾏﾀﾞ"));
  g_assert_false (yrs_form_is_katakana ("やまだ"));
  g_assert_false (yrs_form_is_katakana (NULL));
}

static void
test_jis (void)
{
  static const struct { const char *in; const char *outside; } cases[] = {
    { "山田太郎", "" },
    { "吉田", "" },
    { "高橋", "" },
    { "齋藤", "" },
    { "渡邉", "" },
    { "Smith", "" },
    { "ＡＢＣ　ヤマダ", "" },
    { "𠮷田", "𠮷" },
    { "髙橋", "髙" },
    { "髙橋𠮷髙", "髙,𠮷" },
    { "﨑山", "﨑" },
    { "①", "①" },
    { "ﾔﾏﾀﾞ", "ﾔ,ﾏ,ﾀ,ﾞ" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) outside = yrs_form_chars_outside_jis (cases[i].in);
      g_autofree char *joined = NULL;

      g_assert_nonnull (outside);
      joined = g_strjoinv (",", outside);
      g_assert_cmpstr (joined, ==, cases[i].outside);
      g_assert_cmpint (yrs_form_is_jis_x0208 (cases[i].in), ==, *cases[i].outside == '\0');
    }

  g_assert_null (yrs_form_chars_outside_jis ("\xe5\x90"));
  g_assert_false (yrs_form_is_jis_x0208 ("\xe5\x90"));
}

static const struct
{
  const char *field;
  const char *value;
  const char *normalized;   /* NULL: must fail with `code` */
  int         code;
} field_cases[] = {
  /* postal code */
  { "postal", "650-0001", "6500001" },
  { "postal", "6500001", "6500001" },
  { "postal", "６５０－０００１", "6500001" },
  { "postal", "〒650-0001", "6500001" },
  { "postal", " 650 0001 ", "6500001" },
  { "postal", "650-001", NULL, YRS_FORM_ERROR_POSTAL_CODE },
  { "postal", "650-00011", NULL, YRS_FORM_ERROR_POSTAL_CODE },
  { "postal", "65O-0001", NULL, YRS_FORM_ERROR_POSTAL_CODE },
  { "postal", "", NULL, YRS_FORM_ERROR_POSTAL_CODE },
  { "postal", "---", NULL, YRS_FORM_ERROR_POSTAL_CODE },
  { "postal", "650.0001", NULL, YRS_FORM_ERROR_POSTAL_CODE },
  { "postal", "\xff\xfe", NULL, YRS_FORM_ERROR_POSTAL_CODE },
  /* phone */
  { "phone", "078-351-3400", "0783513400" },
  { "phone", "090-1234-5678", "09012345678" },
  { "phone", "(078) 351-3400", "0783513400" },
  { "phone", "０７８（３５１）３４００", "0783513400" },
  { "phone", "0120-123-456", "0120123456" },
  { "phone", "050-1234-5678", "05012345678" },
  { "phone", "0800-123-4567", "08001234567" },
  { "phone", "078-351-340", NULL, YRS_FORM_ERROR_PHONE },
  { "phone", "078-351-34000", NULL, YRS_FORM_ERROR_PHONE },
  { "phone", "78-351-34000", NULL, YRS_FORM_ERROR_PHONE },
  { "phone", "0012345678", NULL, YRS_FORM_ERROR_PHONE },
  { "phone", "07812345678", NULL, YRS_FORM_ERROR_PHONE },
  { "phone", "+81-78-351-3400", NULL, YRS_FORM_ERROR_PHONE },
  { "phone", "078-351-34OO", NULL, YRS_FORM_ERROR_PHONE },
  { "phone", "", NULL, YRS_FORM_ERROR_PHONE },
  /* bank */
  { "bank", "0009", "0009" },
  { "bank", "０００５", "0005" },
  { "bank", "009", NULL, YRS_FORM_ERROR_BANK_CODE },
  { "bank", "00099", NULL, YRS_FORM_ERROR_BANK_CODE },
  { "bank", "ABCD", NULL, YRS_FORM_ERROR_BANK_CODE },
  { "branch", "001", "001" },
  { "branch", "01", NULL, YRS_FORM_ERROR_BRANCH_CODE },
  { "branch", "0011", NULL, YRS_FORM_ERROR_BRANCH_CODE },
  { "branch", "", NULL, YRS_FORM_ERROR_BRANCH_CODE },
  { "account", "1234567", "1234567" },
  { "account", "0012345", "0012345" },
  { "account", "１２３４５６７", "1234567" },
  { "account", "12345", NULL, YRS_FORM_ERROR_ACCOUNT_NUMBER },
  { "account", "123456", NULL, YRS_FORM_ERROR_ACCOUNT_NUMBER },
  { "account", "12345678", NULL, YRS_FORM_ERROR_ACCOUNT_NUMBER },
  { "account", "123456a", NULL, YRS_FORM_ERROR_ACCOUNT_NUMBER },
  { "account", "", NULL, YRS_FORM_ERROR_ACCOUNT_NUMBER },
  { "holder", "ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダ　ハナコ" },
  { "holder", "やまだ はなこ", "ヤマダ　ハナコ" },
  { "holder", "山田花子", NULL, YRS_FORM_ERROR_ACCOUNT_HOLDER },
  { "holder", "YAMADA HANAKO", NULL, YRS_FORM_ERROR_ACCOUNT_HOLDER },
  { "holder", "", NULL, YRS_FORM_ERROR_ACCOUNT_HOLDER },
  /* ゆうちょ */
  { "yucho-symbol", "14160", "14160" },
  { "yucho-symbol", "1416", NULL, YRS_FORM_ERROR_YUCHO_SYMBOL },
  { "yucho-symbol", "141600", NULL, YRS_FORM_ERROR_YUCHO_SYMBOL },
  { "yucho-symbol", "01410", NULL, YRS_FORM_ERROR_YUCHO_SYMBOL },   /* a transfer account (振替) */
  { "yucho-number", "12345671", "12345671" },
  { "yucho-number", "1", "1" },
  { "yucho-number", "123456789", NULL, YRS_FORM_ERROR_YUCHO_NUMBER },
  { "yucho-number", "1234-567x", NULL, YRS_FORM_ERROR_YUCHO_NUMBER },
  { "yucho-number", "", NULL, YRS_FORM_ERROR_YUCHO_NUMBER },
};

static CheckFunc
check_for (const char *field)
{
  static const struct { const char *name; CheckFunc func; } checks[] = {
    { "postal", yrs_form_check_postal_code },
    { "phone", yrs_form_check_phone },
    { "bank", yrs_form_check_bank_code },
    { "branch", yrs_form_check_branch_code },
    { "account", yrs_form_check_account_number },
    { "holder", yrs_form_check_account_holder },
    { "yucho-symbol", yrs_form_check_yucho_symbol },
    { "yucho-number", yrs_form_check_yucho_number },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (g_str_equal (checks[i].name, field))
      return checks[i].func;
  g_assert_not_reached ();
}

static void
test_fields (void)
{
  guint bad = 0;

  set_language ("en");
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      CheckFunc check = check_for (field_cases[i].field);
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = NULL;
      gboolean ok = check (field_cases[i].value, &norm, &error);

      if (field_cases[i].normalized != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (norm, ==, field_cases[i].normalized);
          /* Valid without asking for the normalised value too. */
          g_assert_true (check (field_cases[i].value, NULL, NULL));
        }
      else
        {
          g_assert_false (ok);
          g_assert_null (norm);
          g_assert_error (error, YRS_FORM_ERROR, field_cases[i].code);
          g_assert_true (g_str_has_prefix (error->message, "Enter ") ||
                         g_str_has_prefix (error->message, "Choose "));
          g_assert_true (g_str_has_suffix (error->message, "."));
          /* No crash without an error to fill in. */
          g_assert_false (check (field_cases[i].value, NULL, NULL));
          bad++;
        }
    }

  g_assert_cmpuint (bad, >=, 30);
  g_assert_false (yrs_form_check_postal_code (NULL, NULL, NULL));
  g_assert_false (yrs_form_check_phone (NULL, NULL, NULL));
  g_assert_false (yrs_form_check_account_holder (NULL, NULL, NULL));
}

static void
test_account_type (void)
{
  static const struct { const char *in; int type; } cases[] = {
    { "ordinary", YRS_ACCOUNT_TYPE_ORDINARY },
    { "Ordinary", YRS_ACCOUNT_TYPE_ORDINARY },
    { "普通", YRS_ACCOUNT_TYPE_ORDINARY },
    { " 1 ", YRS_ACCOUNT_TYPE_ORDINARY },
    { "current", YRS_ACCOUNT_TYPE_CURRENT },
    { "当座", YRS_ACCOUNT_TYPE_CURRENT },
    { "2", YRS_ACCOUNT_TYPE_CURRENT },
    { "savings", -1 },
    { "貯蓄", -1 },
    { "3", -1 },
    { "", -1 },
    { NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      YrsAccountType type = 99;

      if (cases[i].type >= 0)
        {
          g_assert_true (yrs_form_check_account_type (cases[i].in, &type, &error));
          g_assert_no_error (error);
          g_assert_cmpint (type, ==, cases[i].type);
        }
      else
        {
          g_assert_false (yrs_form_check_account_type (cases[i].in, &type, &error));
          g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_ACCOUNT_TYPE);
          g_assert_cmpint (type, ==, 99);
        }
    }
}

static void
test_required_and_furigana (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kana = NULL;

  set_language ("en");
  g_assert_true (yrs_form_check_required ("山田", "Name", NULL));
  g_assert_true (yrs_form_check_required ("𠮷", "Name", NULL));
  g_assert_false (yrs_form_check_required ("", "Name", &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_REQUIRED);
  g_assert_cmpstr (error->message, ==, "Name is required.");
  g_clear_error (&error);
  g_assert_false (yrs_form_check_required (" 　\t", "Name", &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (yrs_form_check_required (NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "This field is required.");
  g_clear_error (&error);

  g_assert_true (yrs_form_check_furigana ("やまだ　たろう", "Furigana", &kana, &error));
  g_assert_cmpstr (kana, ==, "ヤマダ　タロウ");
  g_assert_false (yrs_form_check_furigana ("山田", "Furigana", NULL, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_KATAKANA);
  g_assert_cmpstr (error->message, ==, "Furigana must be written in katakana.");
  g_clear_error (&error);
  g_assert_false (yrs_form_check_furigana ("yamada", "Furigana", NULL, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_KATAKANA);
  g_clear_error (&error);
  g_assert_false (yrs_form_check_furigana ("ヤマダ2", "Furigana", NULL, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_KATAKANA);
  g_clear_error (&error);
  g_assert_false (yrs_form_check_furigana ("", "Furigana", NULL, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (yrs_form_check_furigana ("\xc3\x28", "Furigana", NULL, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_KATAKANA);
}

static void
test_date_parts (void)
{
  static const struct
  {
    const char *era, *year, *month, *day;
    const char *iso;  /* NULL: fails with code */
    int code;
  } cases[] = {
    { NULL, "2025", "4", "1", "2025-04-01" },
    { "", "２０２５", "０４", "０１", "2025-04-01" },
    { NULL, "2024", "2", "29", "2024-02-29" },
    { "令和", "7", "4", "1", "2025-04-01" },
    { "R", "7", "4", "1", "2025-04-01" },
    { "令和", "元", "5", "1", "2019-05-01" },
    { "令和", "1", "5", "1", "2019-05-01" },
    { "平成", "31", "4", "30", "2019-04-30" },
    { "平成", "元", "1", "8", "1989-01-08" },
    { "昭和", "64", "1", "7", "1989-01-07" },
    { "h", "6", "2", "28", "1994-02-28" },
    { "H", "6", "2", "29", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "2", "30", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "2", "29", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "13", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "0", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "4", "31", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "25", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "1800", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "4", "1日", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "-4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { NULL, "2025", "", "1", NULL, YRS_FORM_ERROR_DATE_INCOMPLETE },
    { NULL, "", "4", "", NULL, YRS_FORM_ERROR_DATE_INCOMPLETE },
    { NULL, "", "", "", NULL, YRS_FORM_ERROR_REQUIRED },
    { NULL, NULL, NULL, NULL, NULL, YRS_FORM_ERROR_REQUIRED },
    { "令和", "元", "4", "30", NULL, YRS_FORM_ERROR_DATE_OUT_OF_ERA },
    { "平成", "31", "5", "1", NULL, YRS_FORM_ERROR_DATE_OUT_OF_ERA },
    { "平成", "32", "1", "1", NULL, YRS_FORM_ERROR_DATE_OUT_OF_ERA },
    { "昭和", "64", "1", "8", NULL, YRS_FORM_ERROR_DATE_OUT_OF_ERA },
    { "令和", "7", "2", "29", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { "令和", "0", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { "令和", "123", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { "令和", "七", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { "西暦", "2025", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { "令和\xff", "7", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
    { "令和", "7\xff", "4", "1", NULL, YRS_FORM_ERROR_DATE_INVALID },
  };

  set_language ("en");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      YrsDate date = YRS_DATE_NONE;
      gboolean ok = yrs_form_check_date_parts ("Date of birth", cases[i].era, cases[i].year,
                                               cases[i].month, cases[i].day, &date, &error);

      if (cases[i].iso != NULL)
        {
          g_autofree char *iso = yrs_date_to_iso (date);

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (iso, ==, cases[i].iso);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, YRS_FORM_ERROR, cases[i].code);
          g_assert_true (g_str_has_prefix (error->message, "Date of birth "));
        }
    }
}

/* The messages come in the language of the moment, in the form the
 * Japanese design conventions ask for. */
static void
test_messages (void)
{
  static const struct { const char *field; const char *value; const char *ja; const char *en; } cases[] = {
    { "postal", "123", "＊郵便番号を7桁の数字で入力してください。", "Enter the postal code as 7 digits." },
    { "phone", "123", "＊電話番号を、0から始まる10桁または11桁の数字で入力してください。", "Enter the phone number as 10 or 11 digits, starting with 0." },
    { "bank", "1", "＊金融機関コードを4桁の数字で入力してください。", "Enter the bank code as 4 digits." },
    { "branch", "1", "＊支店コードを3桁の数字で入力してください。", "Enter the branch code as 3 digits." },
    { "account", "12345678", "＊口座番号を7桁の数字で入力してください。", "Enter the account number as 7 digits." },
    { "account", "12345", "＊口座番号を7桁の数字で入力してください。7桁に満たない場合は、通帳のとおり前に0を付けてください。",
      "Enter the account number as 7 digits. If your bankbook shows fewer, write the zeros in front as well." },
    { "holder", "x", "＊口座名義を、金融機関に届けたとおり全角カタカナで入力してください。", "Enter the account holder's name in katakana, as the bank has it." },
    { "yucho-symbol", "1", "＊ゆうちょ銀行の記号を1から始まる5桁の数字で入力してください。", "Enter the Japan Post Bank symbol (記号) as 5 digits starting with 1." },
    { "yucho-number", "x", "＊ゆうちょ銀行の番号を8桁以内の数字で入力してください。", "Enter the Japan Post Bank number (番号) as up to 8 digits." },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) ja = NULL;
      g_autoptr(GError) en = NULL;

      set_language ("ja");
      g_assert_false (check_for (cases[i].field) (cases[i].value, NULL, &ja));
      set_language ("en");
      g_assert_false (check_for (cases[i].field) (cases[i].value, NULL, &en));
      g_assert_cmpstr (ja->message, ==, cases[i].ja);
      g_assert_cmpstr (en->message, ==, cases[i].en);
    }

  set_language ("ja");
  g_assert_false (yrs_form_check_required ("", "氏名", &error));
  g_assert_cmpstr (error->message, ==, "＊氏名を入力してください。");
  g_clear_error (&error);
  g_assert_false (yrs_form_check_furigana ("山田", "フリガナ", NULL, &error));
  g_assert_cmpstr (error->message, ==, "＊フリガナは全角カタカナで入力してください。");
  g_clear_error (&error);
  g_assert_false (yrs_form_check_account_type ("x", NULL, &error));
  g_assert_cmpstr (error->message, ==, "＊預金の種目（普通・当座）を選んでください。");
  g_clear_error (&error);
  g_assert_false (yrs_form_check_date_parts ("生年月日", NULL, "2025", "2", "30", NULL, &error));
  g_assert_cmpstr (error->message, ==, "＊生年月日に正しい日付を入力してください。");
  g_clear_error (&error);
  g_assert_false (yrs_form_check_date_parts ("生年月日", NULL, "2025", "", "30", NULL, &error));
  g_assert_cmpstr (error->message, ==, "＊生年月日の年・月・日をすべて入力してください。");
  g_clear_error (&error);
  g_assert_false (yrs_form_check_date_parts ("生年月日", "令和", "元", "4", "1", NULL, &error));
  g_assert_cmpstr (error->message, ==, "＊生年月日の元号と年が合っていません。元号と年を確かめてください。");
  g_clear_error (&error);
  set_language ("en");
}

static void
test_postal_format (void)
{
  g_autofree char *a = yrs_form_format_postal_code ("６５０００２１");
  g_autofree char *b = yrs_form_format_postal_code ("650-0021");

  g_assert_cmpstr (a, ==, "650-0021");
  g_assert_cmpstr (b, ==, "650-0021");
  g_assert_null (yrs_form_format_postal_code ("65002"));
  g_assert_null (yrs_form_format_postal_code (NULL));
}

/* The review page shows phone numbers as people write them. */
static void
test_phone_format (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "09012345678", "090-1234-5678" },
    { "０８０ １２３４ ５６７８", "080-1234-5678" },
    { "050-1234-5678", "050-1234-5678" },
    { "0783513400", "078-351-3400" },
    { "(078)351-3400", "078-351-3400" },
    { "0312345678", "03-1234-5678" },
    { "0612345678", "06-1234-5678" },
    { "0120123456", "0120-123-456" },
    { "08001234567", "0800-123-4567" },
    /* Nishinomiya's 0798 or Himeji's 079: the area code's length is in
     * the national table, so the digits stay as they are. */
    { "0798351234", "0798351234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = yrs_form_format_phone (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
    }
  g_assert_null (yrs_form_format_phone ("078-123"));
  g_assert_null (yrs_form_format_phone (""));
  g_assert_null (yrs_form_format_phone (NULL));
  g_assert_null (yrs_form_format_phone ("\xff\xfe"));
}

/* Nothing crashes or hangs on long or broken input. */
static void
test_hostile (void)
{
  g_autofree char *long_digits = g_strnfill (100000, '1');
  g_autofree char *long_kana = g_strnfill (100000, 'a');
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autofree char *norm = NULL;

  g_assert_false (yrs_form_check_postal_code (long_digits, NULL, NULL));
  g_assert_false (yrs_form_check_phone (long_digits, NULL, NULL));
  g_assert_false (yrs_form_check_account_number (long_digits, NULL, NULL));
  g_assert_false (yrs_form_check_furigana (long_kana, "x", NULL, NULL));
  g_assert_false (yrs_form_check_date_parts ("x", "令和", long_digits, long_digits, long_digits, NULL, NULL));

  for (int i = 0; i < 1000; i++)
    g_string_append (marks, "ﾞ゜\xe3\x82\x99");
  norm = yrs_form_normalize_kana (marks->str);
  g_assert_nonnull (norm);
  g_assert_false (yrs_form_is_katakana (norm));
}

/* A date of something that has happened: the day before and of today
 * pass, the day after does not (issue 20). */
static void
test_not_future (void)
{
  YrsDate today = yrs_date_new (2025, 5, 20);
  g_autoptr(GError) error = NULL;

  g_assert_true (yrs_form_check_not_future (yrs_date_new (2025, 5, 19), today, "Date of birth", &error));
  g_assert_true (yrs_form_check_not_future (today, today, "Date of birth", &error));
  g_assert_true (yrs_form_check_not_future (yrs_date_new (1995, 6, 1), today, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (yrs_form_check_not_future (yrs_date_new (2025, 5, 21), today, "Date of birth", &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_FUTURE);
  g_assert_nonnull (strstr (error->message, "Date of birth"));
  g_clear_error (&error);
  /* 28 February 2030, and across a year end. */
  g_assert_false (yrs_form_check_not_future (yrs_date_new (2030, 2, 28), today, NULL, &error));
  g_assert_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_DATE_FUTURE);
  g_clear_error (&error);
  g_assert_false (yrs_form_check_not_future (yrs_date_new (2026, 1, 1), yrs_date_new (2025, 12, 31), NULL, &error));
  g_clear_error (&error);
  g_assert_true (yrs_form_check_not_future (yrs_date_new (2025, 12, 31), yrs_date_new (2026, 1, 1), NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("YRS_LOCALEDIR");

  /* As the app does: a UTF-8 locale in which LANGUAGE is honoured. */
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/form/kana", test_normalize_kana);
  g_test_add_func ("/form/jis", test_jis);
  g_test_add_func ("/form/fields", test_fields);
  g_test_add_func ("/form/account-type", test_account_type);
  g_test_add_func ("/form/required-furigana", test_required_and_furigana);
  g_test_add_func ("/form/date-parts", test_date_parts);
  g_test_add_func ("/form/messages", test_messages);
  g_test_add_func ("/form/postal-format", test_postal_format);
  g_test_add_func ("/form/phone-format", test_phone_format);
  g_test_add_func ("/form/hostile", test_hostile);
  g_test_add_func ("/form/not-future", test_not_future);

  return g_test_run ();
}
