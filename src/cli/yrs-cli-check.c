/* SPDX-License-Identifier: GPL-3.0-or-later */

/* yorisoi-cli check: evaluate answers against the catalogue as of a date.
 * yorisoi-cli catalog lint: validate a catalogue file. */

#define G_LOG_DOMAIN "yorisoi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "yrs-cli.h"
#include "yrs-eligibility.h"
#include "yrs-reason.h"

/* Makes gettext answer in `lang`: a UTF-8 message locale (LANGUAGE is
 * ignored under C/POSIX), the text domain from the build tree when
 * YRS_LOCALEDIR says so, and LANGUAGE itself. */
static void
use_language (YrsLang lang)
{
  const char *localedir = g_getenv ("YRS_LOCALEDIR");
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", yrs_lang_to_string (lang), TRUE);
  textdomain (GETTEXT_PACKAGE);
}

static YrsLang
default_lang (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "ja") ? YRS_LANG_JA : YRS_LANG_EN;
}

static void
print_people (YrsEvaluation *evaluation,
              YrsAnswers    *answers,
              YrsLang        lang)
{
  YrsCatalog *catalog = yrs_evaluation_get_catalog (evaluation);
  g_autofree char *as_of = yrs_date_format (yrs_evaluation_get_as_of (evaluation), lang);
  g_autofree const char **missing = NULL;
  const YrsCheckup *checkup;
  YrsDate from, until;

  /* Translators: the heading of yorisoi-cli check; %s is a date */
  printf (_("Programmes as of %s"), as_of);
  printf (" (%s %s)\n", yrs_catalog_get_id (catalog), yrs_catalog_get_version (catalog));

  for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
    {
      const YrsResult *r = yrs_evaluation_get_result (evaluation, i);
      g_autofree char *summary = yrs_result_to_text (r, lang);

      printf ("\n%s\n  %s\n", yrs_programme_get_title (r->programme, lang), summary);
      for (guint j = 0; j < r->n_reasons; j++)
        {
          g_autofree char *text = yrs_reason_to_text (&r->reasons[j], catalog, lang);

          printf ("  - %s\n", text);
        }
    }

  if (yrs_evaluation_get_next_checkup (evaluation, &checkup, &from, &until))
    {
      g_autofree char *from_text = yrs_date_format (from, lang);
      g_autofree char *until_text = yrs_date_format (until, lang);

      printf ("\n");
      /* Translators: %s are a check-up's name and two dates */
      printf (_("Next infant check-up: %s, between %s and %s"),
              yrs_checkup_get_title (checkup, lang), from_text, until_text);
      printf ("\n");
    }

  /* What the wizard would ask next. */
  missing = yrs_eligibility_next_questions (catalog, answers, yrs_evaluation_get_as_of (evaluation));
  if (missing[0] != NULL)
    {
      printf ("\n%s\n", _("Questions still to answer:"));
      for (guint i = 0; missing[i] != NULL; i++)
        {
          const YrsQuestion *q = yrs_catalog_lookup_question (catalog, missing[i]);

          printf ("  - %s (%s)\n", q != NULL ? yrs_question_get_text (q, lang) : missing[i], missing[i]);
        }
    }
}

int
yrs_cli_check (int    argc,
               char **argv)
{
  g_autofree char *answers_path = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *catalog_path = NULL;
  g_autofree char *lang_text = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "answers", 0, 0, G_OPTION_ARG_FILENAME, &answers_path, "Answers (a JSON object by question ID)", "FILE" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, "Evaluate as of this date (default: today)", "YYYY-MM-DD" },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path, "A catalogue file instead of the bundled one", "FILE" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, "Language of the output", "ja|en" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- evaluate answers as of a date");
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsCatalog) catalog = NULL;
  g_autoptr(YrsAnswers) answers = NULL;
  g_autoptr(YrsEvaluation) evaluation = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  YrsDate as_of;
  YrsLang lang;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return yrs_cli_bad_input ("check: %s", error->message);
  if (argc > 1)
    return yrs_cli_bad_input ("check: unexpected argument “%s”", argv[1]);
  if (answers_path == NULL)
    return yrs_cli_bad_input ("check: --answers FILE is required");

  if (lang_text == NULL)
    lang = default_lang ();
  else if (g_str_equal (lang_text, "ja") || g_str_equal (lang_text, "en"))
    lang = yrs_lang_from_string (lang_text);
  else
    return yrs_cli_bad_input ("check: --lang must be ja or en, not “%s”", lang_text);

  if (as_of_text == NULL)
    as_of = yrs_date_today ();
  else if (strlen (as_of_text) != 10 || !yrs_date_parse_iso (as_of_text, &as_of, NULL))
    return yrs_cli_bad_input ("check: --as-of: “%s” is not a date (YYYY-MM-DD)", as_of_text);
  if (as_of.year < YRS_ANSWERS_MIN_YEAR || as_of.year > YRS_ANSWERS_MAX_YEAR)
    return yrs_cli_bad_input ("check: --as-of: the year must be from %d to %d",
                              YRS_ANSWERS_MIN_YEAR, YRS_ANSWERS_MAX_YEAR);

  if (catalog_path != NULL)
    {
      catalog = yrs_catalog_new_from_file (catalog_path, &error);
      if (catalog == NULL)
        return yrs_cli_bad_input ("%s: %s", catalog_path, error->message);
    }
  else
    catalog = yrs_catalog_new_default ();

  if (!g_file_get_contents (answers_path, &contents, &length, &error))
    return yrs_cli_bad_input ("%s", error->message);
  answers = yrs_answers_new_from_json (contents, (gssize) length, &error);
  if (answers == NULL || !yrs_answers_validate (answers, catalog, &error))
    return yrs_cli_bad_input ("%s: %s", answers_path, error->message);

  use_language (lang);
  evaluation = yrs_eligibility_evaluate (catalog, answers, as_of);

  if (json)
    {
      g_autofree char *text = yrs_evaluation_to_json (evaluation, lang, TRUE);

      printf ("%s\n", text);
    }
  else
    print_people (evaluation, answers, lang);

  return fflush (stdout) == 0 ? YRS_CLI_OK : YRS_CLI_FAILED;
}

int
yrs_cli_catalog (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("lint FILE - validate a catalogue file");
  g_autoptr(YrsCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_description (context,
                                    "Checks a catalogue (programmes, date-ranged parameters, facilities,\n"
                                    "questions) as the app and the server would load it, and prints a\n"
                                    "summary and its ETag. Exit status 0 when it is valid, 2 when not.");
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return yrs_cli_bad_input ("catalog: %s", error->message);
  if (argc < 2 || !g_str_equal (argv[1], "lint"))
    return yrs_cli_bad_input ("catalog: usage: yorisoi-cli catalog lint FILE");
  if (argc != 3)
    return yrs_cli_bad_input ("catalog lint: exactly one FILE is needed");

  catalog = yrs_catalog_new_from_file (argv[2], &error);
  if (catalog == NULL)
    return yrs_cli_bad_input ("%s: %s", argv[2], error->message);

  printf ("%s: ok (%s %s: %u programmes, %u questions, %u facilities, %u wards; %s)\n",
          argv[2], yrs_catalog_get_id (catalog), yrs_catalog_get_version (catalog),
          yrs_catalog_get_n_programmes (catalog), yrs_catalog_get_n_questions (catalog),
          yrs_catalog_get_n_facilities (catalog), yrs_catalog_get_n_wards (catalog),
          yrs_catalog_get_etag (catalog));
  return YRS_CLI_OK;
}
