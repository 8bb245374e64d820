/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A language switch in place (issue 23). GtkBuilder translates a .ui file's
 * strings when it parses it and keeps no msgid, and code sets _() strings
 * once; so the window is walked, and every text that is a catalogue text
 * in the old language (yrs_i18n_retranslate()) is set to the same text in
 * the new one: the string properties of every widget (a label's label, a
 * button's, a title, a subtitle, a tooltip, a placeholder, and the same of
 * the project's own widgets, whatever they are called), and the
 * accessible name and description (set in .ui files or by code; GTK 4.8
 * has no getter for them but its test API's, which gives the value).
 * Values typed by a person ("text" of an editable) are never touched.
 * Only what is visible is walked; the rest is put into the new language
 * when it is next shown. */

#define G_LOG_DOMAIN "yrs-retranslate"

#include "config.h"

#include "yrs-i18n.h"
#include "yrs-retranslate.h"

/* Writable string properties that hold words for people, by type. */
static GPtrArray *
text_properties (GType type)
{
  static GHashTable *cache;
  GPtrArray *found;
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  if (cache == NULL)
    cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  found = g_hash_table_lookup (cache, GSIZE_TO_POINTER (type));
  if (found != NULL)
    return found;

  found = g_ptr_array_new ();
  pspecs = g_object_class_list_properties (g_type_class_peek (type), &n);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      const char *name = pspec->name;

      if (pspec->value_type != G_TYPE_STRING ||
          (pspec->flags & (G_PARAM_READABLE | G_PARAM_WRITABLE)) != (G_PARAM_READABLE | G_PARAM_WRITABLE) ||
          (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      /* What a person typed (a menu item's "text" is a word), and names
       * that are no words (actions, icons, widget and CSS names). */
      if ((g_str_equal (name, "text") && g_type_is_a (type, GTK_TYPE_EDITABLE)) ||
          g_str_equal (name, "value") ||
          g_str_has_suffix (name, "name") || g_str_equal (name, "tooltip-markup"))
        continue;
      g_ptr_array_add (found, pspec);
    }
  g_hash_table_insert (cache, GSIZE_TO_POINTER (type), found);
  return found;
}

/* ---- What each widget's texts were set from ------------------------------ */

/* Per widget, the catalogue key (msgid with its context) that each of its
 * texts was last put into a language from: a text that two msgids share in
 * one language (月: "Month" and "Mon"; 変更する and 修正する are "Change"
 * under two contexts) is looked up once, and from then on the widget's own
 * key is used, not the reverse table; and a look-up is one comparison. */
static GQuark
keys_quark (void)
{
  return g_quark_from_static_string ("yrs-retranslate-keys");
}

static GHashTable *
widget_keys (GtkWidget *widget)
{
  GHashTable *keys = g_object_get_qdata (G_OBJECT (widget), keys_quark ());

  if (keys == NULL)
    {
      keys = g_hash_table_new (NULL, NULL);
      g_object_set_qdata_full (G_OBJECT (widget), keys_quark (), keys,
                               (GDestroyNotify) g_hash_table_unref);
    }
  return keys;
}

void
yrs_retranslate_remember (GtkWidget  *widget,
                          const char *property,
                          const char *context,
                          const char *msgid)
{
  g_autofree char *key = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (property != NULL && msgid != NULL);

  /* The .mo's form of a key: "context\004msgid". */
  key = context != NULL ? g_strconcat (context, "\004", msgid, NULL) : g_strdup (msgid);
  g_hash_table_insert (widget_keys (widget), (gpointer) g_intern_string (property),
                       (gpointer) g_intern_string (key));
}

static const char *
text_now (GtkWidget  *widget,
          const char *slot,      /* a property name, interned */
          const char *shown,
          YrsLang     from,
          YrsLang     to)
{
  GHashTable *keys = g_object_get_qdata (G_OBJECT (widget), keys_quark ());
  const char *key = keys != NULL ? g_hash_table_lookup (keys, slot) : NULL;
  const char *now;

  if (shown == NULL || *shown == '\0')
    return NULL;
  /* The key remembered still shows: the text is the widget's own. */
  if (key == NULL || !g_str_equal (yrs_i18n_text_of (key, from), shown))
    {
      key = yrs_i18n_key_of (shown, from, NULL);
      if (key == NULL)
        return NULL;
      g_hash_table_insert (widget_keys (widget), (gpointer) slot, (gpointer) key);
    }
  now = yrs_i18n_text_of (key, to);
  return g_str_equal (now, shown) ? NULL : now;
}

static void
retranslate_accessible (GtkWidget            *widget,
                        GtkAccessibleProperty property,
                        const char           *slot,
                        YrsLang               from,
                        YrsLang               to)
{
  /* Gives the value when it is not the one asked for (never "\001"). */
  g_autofree char *shown = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\001");
  const char *now = text_now (widget, slot, shown, from, to);

  if (now != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), property, now, -1);
}

static void
retranslate_one (GtkWidget *widget,
                 YrsLang    from,
                 YrsLang    to)
{
  GPtrArray *pspecs = text_properties (G_OBJECT_TYPE (widget));

  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (pspecs, i);
      g_auto(GValue) value = G_VALUE_INIT;
      const char *now;

      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (widget), pspec->name, &value);
      now = text_now (widget, pspec->name, g_value_get_string (&value), from, to);
      if (now != NULL)
        g_object_set (widget, pspec->name, now, NULL);
    }

  /* After the properties: a button's accessible name follows its label.
   * With GTK_A11Y=none (the tests') GTK makes no accessibility context
   * to read from. */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") != 0)
    {
      retranslate_accessible (widget, GTK_ACCESSIBLE_PROPERTY_LABEL,
                              g_intern_static_string ("accessible-label"), from, to);
      retranslate_accessible (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                              g_intern_static_string ("accessible-description"), from, to);
    }
}

/* ---- Widgets not shown: when they are next shown --------------------------- */

/* A widget that is not visible (a hidden line, an error not shown, a
 * closed popover, what an expander folds) is not walked: it is put into
 * the language of the day when it is shown again, before it is drawn. Its
 * subtree stays in the language it had, `from`. A visible widget that is
 * not mapped (a page of a stack not on screen) is walked: the
 * accessibility tree shows it, so a screen reader would read it. */
typedef struct
{
  YrsLang from;
  gulong  handler;
} Pending;

static GQuark
pending_quark (void)
{
  return g_quark_from_static_string ("yrs-retranslate-pending");
}

static void walk (GtkWidget *widget, YrsLang from, YrsLang to);

static void
on_show (GtkWidget *widget,
         gpointer   unused)
{
  Pending *pending = g_object_steal_qdata (G_OBJECT (widget), pending_quark ());
  YrsLang to = yrs_i18n_get_lang ();

  if (pending == NULL)
    return;
  g_signal_handler_disconnect (widget, pending->handler);
  if (pending->from != to)
    walk (widget, pending->from, to);
  g_free (pending);
}

static void
free_pending (gpointer data)
{
  /* The widget is going: its handler goes with it. */
  g_free (data);
}

static void
defer (GtkWidget *widget,
       YrsLang    from)
{
  Pending *pending;

  /* Already waiting: its texts are still in the language they were in
   * when it was first left out. */
  if (g_object_get_qdata (G_OBJECT (widget), pending_quark ()) != NULL)
    return;
  pending = g_new0 (Pending, 1);
  pending->from = from;
  pending->handler = g_signal_connect (widget, "show", G_CALLBACK (on_show), NULL);
  g_object_set_qdata_full (G_OBJECT (widget), pending_quark (), pending, free_pending);
}

static void
walk (GtkWidget *widget,
      YrsLang    from,
      YrsLang    to)
{
  if (!gtk_widget_get_visible (widget))
    {
      defer (widget, from);
      return;
    }
  retranslate_one (widget, from, to);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, from, to);
}

void
yrs_retranslate_widget (GtkWidget *root,
                        YrsLang    from)
{
  YrsLang to = yrs_i18n_get_lang ();

  g_return_if_fail (GTK_IS_WIDGET (root));

  if (from == to)
    return;
  walk (root, from, to);
}
