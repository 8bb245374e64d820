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
 *    was built (GtkBuilder translates at parse time and forgets the
 *    msgid). A switch translates them where they are (issue 23: a rebuild
 *    of the shell cost 300-900 ms on a 20-card page and lost the scroll
 *    position and the focus):
 *    - the flows' words made by code (a card's status, a field's error,
 *      a date) are properties that the flows re-notify on a switch
 *      (yrs_i18n_follow()), so bound widgets read them again;
 *    - every other text on screen (labels, titles, tooltips, accessible
 *      names and descriptions, from .ui files and _() in code) is looked
 *      up in a reverse table made from the catalogue, old text -> new
 *      text (yrs_i18n_retranslate()); src/pages/yrs-retranslate.c walks
 *      the window with it.
 *    Pages that show words neither way are rebuilt from their templates
 *    instead, keeping their scroll position and focus (yrs-shell.c), and
 *    pages not on screen are dropped and built again when next shown:
 *    pages keep nothing of their own, every value a person enters is
 *    written to the session as it changes.
 */

#define G_LOG_DOMAIN "yrs-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "yrs-i18n.h"

static char *current_language;

/* ---- The notifier: "notify::language" after every switch ---------------- */

struct _YrsI18nNotifier
{
  GObject parent_instance;
};

typedef struct
{
  GObjectClass parent_class;
} YrsI18nNotifierClass;

G_DEFINE_FINAL_TYPE (YrsI18nNotifier, yrs_i18n_notifier, G_TYPE_OBJECT)

enum {
  NOTIFIER_PROP_0,
  NOTIFIER_PROP_LANGUAGE,
  NOTIFIER_N_PROPS
};

static GParamSpec *notifier_properties[NOTIFIER_N_PROPS];
static YrsI18nNotifier *notifier;

static void
yrs_i18n_notifier_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case NOTIFIER_PROP_LANGUAGE:
      g_value_set_string (value, yrs_i18n_get_language ());
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_i18n_notifier_class_init (YrsI18nNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_i18n_notifier_get_property;

  notifier_properties[NOTIFIER_PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, NOTIFIER_N_PROPS, notifier_properties);
}

static void
yrs_i18n_notifier_init (YrsI18nNotifier *self)
{
}

/* The object whose "language" property is notified after every change of
 * language; connect to "notify::language". Never freed. */
YrsI18nNotifier *
yrs_i18n_get_notifier (void)
{
  if (notifier == NULL)
    notifier = g_object_new (yrs_i18n_notifier_get_type (), NULL);
  return notifier;
}

static GQuark
follow_quark (void)
{
  return g_quark_from_static_string ("yrs-i18n-follow");
}

static void
renotify (GObject    *object,
          GParamSpec *pspec,
          gpointer    unused)
{
  GPtrArray *pspecs = g_object_get_qdata (object, follow_quark ());

  if (pspecs == NULL)
    return;
  g_object_freeze_notify (object);
  for (guint i = 0; i < pspecs->len; i++)
    g_object_notify_by_pspec (object, g_ptr_array_index (pspecs, i));
  g_object_thaw_notify (object);
}

/* `object` (a flow, an item) shows words made in the current language when
 * its properties are read: after a switch, its properties named here are
 * notified, so that what is bound to them reads them again. For as long
 * as `object` lives. */
void
yrs_i18n_follow (gpointer    object,
                 const char *first_property,
                 ...)
{
  GObjectClass *klass;
  GPtrArray *pspecs;
  va_list args;

  g_return_if_fail (G_IS_OBJECT (object));

  klass = G_OBJECT_GET_CLASS (object);
  pspecs = g_object_get_qdata (object, follow_quark ());
  if (pspecs == NULL)
    {
      pspecs = g_ptr_array_new ();
      g_object_set_qdata_full (object, follow_quark (), pspecs, (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_object (yrs_i18n_get_notifier (), "notify::language",
                               G_CALLBACK (renotify), object, G_CONNECT_SWAPPED);
    }
  va_start (args, first_property);
  for (const char *name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (klass, name);

      if (pspec == NULL)
        g_critical ("%s has no property “%s”", G_OBJECT_TYPE_NAME (object), name);
      else
        g_ptr_array_add (pspecs, pspec);
    }
  va_end (args);
}

/* ---- The reverse table: a text shown in one language -> its msgid ------- */

/* A catalogue text is known by its key: the msgid, or "context\004msgid"
 * when it has a context (as gettext knows it), so that the same English
 * under two contexts ("Change": 変更する for a bank, 修正する for an
 * answer) keeps its own Japanese. */
static GHashTable *ja_to_key;   /* Japanese text -> key */
static GHashTable *en_to_key;   /* English text -> key */
static GHashTable *key_to_ja;   /* key -> Japanese text */
static GHashTable *ambiguous;   /* texts that more than one key shows, by language */

static const char *
key_english (const char *key)
{
  const char *eot = strchr (key, '\004');

  return eot != NULL ? eot + 1 : key;
}

static void
add_reverse (GHashTable *table,
             const char *text,
             const char *key,
             YrsLang     lang)
{
  const char *known = g_hash_table_lookup (table, text);

  /* The first key wins a reverse look-up; that the text is ambiguous is
   * remembered, and a widget whose key is remembered (yrs-retranslate.c)
   * is never looked up again. */
  if (known == NULL)
    g_hash_table_insert (table, g_strdup (text), g_strdup (key));
  else if (!g_str_equal (known, key))
    g_hash_table_add (ambiguous, g_strdup_printf ("%d:%s", lang, text));
}

static void
add_pair (const char *key,
          const char *ja)
{
  const char *en = key_english (key);

  if (*en == '\0' || *ja == '\0')
    return;
  if (!g_hash_table_contains (key_to_ja, key))
    g_hash_table_insert (key_to_ja, g_strdup (key), g_strdup (ja));
  add_reverse (ja_to_key, ja, key, YRS_LANG_JA);
  add_reverse (en_to_key, en, key, YRS_LANG_EN);
}

static guint32
mo_word (const guint8 *data,
         gsize         size,
         gsize         offset,
         gboolean      swapped)
{
  guint32 w;

  if (offset + 4 > size)
    return 0;
  memcpy (&w, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (w) : w;
}

/* Reads a GNU .mo file: every msgid (with its context; a plural's both
 * forms) with its Japanese translation. */
static void
load_mo (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *data;
  gsize size;
  gboolean swapped;
  guint32 n, originals, translations;

  if (file == NULL)
    {
      g_debug ("No catalogue at %s: texts on screen stay as they are on a switch", path);
      return;
    }
  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 28)
    return;
  if (mo_word (data, size, 0, FALSE) == 0x950412de)
    swapped = FALSE;
  else if (mo_word (data, size, 0, TRUE) == 0x950412de)
    swapped = TRUE;
  else
    return;
  n = mo_word (data, size, 8, swapped);
  originals = mo_word (data, size, 12, swapped);
  translations = mo_word (data, size, 16, swapped);

  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = mo_word (data, size, originals + 8 * i, swapped);
      guint32 ooff = mo_word (data, size, originals + 8 * i + 4, swapped);
      guint32 tlen = mo_word (data, size, translations + 8 * i, swapped);
      guint32 toff = mo_word (data, size, translations + 8 * i + 4, swapped);
      const char *msgid, *msgstr, *eot;
      g_autofree char *key = NULL;
      g_autofree char *ja = NULL;
      gsize head = 0;

      if ((gsize) ooff + olen >= size || (gsize) toff + tlen >= size || olen == 0)
        continue;
      msgid = (const char *) data + ooff;
      msgstr = (const char *) data + toff;
      if ((eot = memchr (msgid, '\004', olen)) != NULL)
        head = eot + 1 - msgid;
      /* "[context\004]singular\0plural" -> "form\0..." (Japanese has one
       * form). */
      key = g_strndup (msgid, olen);
      ja = g_strndup (msgstr, tlen);
      if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (ja, -1, NULL))
        continue;
      add_pair (key, ja);
      if (strlen (key) < olen)
        {
          /* The plural form, under the singular's context. */
          g_autofree char *plural = g_strdup_printf ("%.*s%s", (int) head, msgid,
                                                     msgid + strlen (key) + 1);

          add_pair (plural, ja);
        }
    }
}

static void
ensure_table (void)
{
  const char *dir;
  g_autofree char *path = NULL;

  if (ja_to_key != NULL)
    return;
  ja_to_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  en_to_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key_to_ja = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ambiguous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  if (dir == NULL)
    return;
  path = g_build_filename (dir, "ja", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  load_mo (path);
}

/* More texts known in both languages (the programme catalogue's). */
void
yrs_i18n_add_text (const char *ja,
                   const char *en)
{
  g_return_if_fail (ja != NULL && en != NULL);

  ensure_table ();
  add_pair (en, ja);
}

/* The key (msgid, with its context) of `text` shown in `lang`: NULL when
 * it is no text of the catalogue (a name, a number, a value typed). When
 * `ambiguous_out` is given, it says whether more than one key shows that
 * text (e.g. 月 is both "Month" and "Mon"): the key given is the first. */
const char *
yrs_i18n_key_of (const char *text,
                 YrsLang     lang,
                 gboolean   *ambiguous_out)
{
  const char *key;

  if (ambiguous_out != NULL)
    *ambiguous_out = FALSE;
  if (text == NULL || *text == '\0')
    return NULL;
  ensure_table ();
  key = g_hash_table_lookup (lang == YRS_LANG_JA ? ja_to_key : en_to_key, text);
  if (key != NULL && ambiguous_out != NULL && g_hash_table_size (ambiguous) > 0)
    {
      g_autofree char *probe = g_strdup_printf ("%d:%s", lang, text);

      *ambiguous_out = g_hash_table_contains (ambiguous, probe);
    }
  return key;
}

/* The text of the catalogue's `key` in `lang` (the English of a msgid is
 * itself, without its context). */
const char *
yrs_i18n_text_of (const char *key,
                  YrsLang     lang)
{
  const char *ja;

  g_return_val_if_fail (key != NULL, NULL);

  if (lang == YRS_LANG_EN)
    return key_english (key);
  ensure_table ();
  ja = g_hash_table_lookup (key_to_ja, key);
  return ja != NULL ? ja : key_english (key);
}

/* `text`, shown in the language `from`, in the current language: NULL when
 * it is no text of the catalogue (a name, a number, a value typed) or
 * reads the same in both. */
const char *
yrs_i18n_retranslate (const char *text,
                      YrsLang     from)
{
  const char *key;
  const char *now;

  if (text == NULL || *text == '\0' || from == yrs_i18n_get_lang ())
    return NULL;
  key = yrs_i18n_key_of (text, from, NULL);
  if (key == NULL)
    return NULL;
  now = yrs_i18n_text_of (key, yrs_i18n_get_lang ());
  return g_str_equal (now, text) ? NULL : now;
}

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
  gboolean changed = g_strcmp0 (lang, current_language) != 0;

  g_free (current_language);
  current_language = g_strdup (lang);

  /* "en" has no catalogue: gettext falls back to the English source. */
  g_setenv ("LANGUAGE", lang, TRUE);
  textdomain (GETTEXT_PACKAGE);

  if (changed && notifier != NULL)
    g_object_notify_by_pspec (G_OBJECT (notifier), notifier_properties[NOTIFIER_PROP_LANGUAGE]);
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
