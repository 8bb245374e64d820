/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Runtime language switching.
 *
 * How a switch works, and why every page gets it for free:
 *
 * 1. The process runs in a UTF-8 locale whose LC_MESSAGES is not "C" or
 *    "POSIX": glibc ignores LANGUAGE there. yrs_i18n_init() takes the
 *    environment's locale and falls back to C.UTF-8 (always present on
 *    Debian) when that locale is plain C or was never generated.
 * 2. yrs_i18n_set_language() sets LANGUAGE to "ja" or "en" and calls
 *    textdomain() again, which makes glibc drop its cache of loaded
 *    catalogues; from then on gettext() answers in the new language.
 * 3. Strings that are already on screen were translated when their widget
 *    was built. YrsWindow therefore throws its whole content (a YrsShell)
 *    away and builds a new one from the templates, bound to the same
 *    YrsSession. Pages keep nothing of their own: every value a person
 *    enters is written to the session as it changes, and a page fills its
 *    widgets from the session when it is built. So the rebuilt pages show
 *    the same values, the same step and the same page, in the new language.
 *
 * A new page needs nothing for this beyond keeping its state in the
 * session (see YrsPage).
 */

#define G_LOG_DOMAIN "yrs-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "yrs-i18n.h"

static char *current_language;

static gboolean
locale_is_usable (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);
  const char *codeset = nl_langinfo (CODESET);

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    return FALSE;
  return codeset != NULL && (g_ascii_strcasecmp (codeset, "UTF-8") == 0 ||
                             g_ascii_strcasecmp (codeset, "utf8") == 0);
}

void
yrs_i18n_init (void)
{
  const char *localedir = g_getenv ("YRS_LOCALEDIR");

  /* The fallback goes into the environment, so that GTK's own
   * setlocale (LC_ALL, "") at its start keeps it (this layer has no GTK). */
  if (setlocale (LC_ALL, "") == NULL || !locale_is_usable ())
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      if (setlocale (LC_ALL, "") == NULL)
        g_warning ("No UTF-8 locale is available; translations will not show");
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (current_language == NULL)
    yrs_i18n_set_language ("ja");
}

void
yrs_i18n_set_language (const char *code)
{
  const char *lang = (code != NULL && g_str_has_prefix (code, "en")) ? "en" : "ja";

  g_free (current_language);
  current_language = g_strdup (lang);

  /* "en" has no catalogue: gettext falls back to the English source. */
  g_setenv ("LANGUAGE", lang, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

const char *
yrs_i18n_get_language (void)
{
  return current_language != NULL ? current_language : "ja";
}

YrsLang
yrs_i18n_get_lang (void)
{
  return yrs_lang_from_string (yrs_i18n_get_language ());
}
