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
 * Values typed by a person ("text" of an editable) are never touched. */

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

static void
retranslate_accessible (GtkWidget            *widget,
                        GtkAccessibleProperty property,
                        YrsLang               from)
{
  /* Gives the value when it is not the one asked for (never "\001"). */
  g_autofree char *shown = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\001");
  const char *now = yrs_i18n_retranslate (shown, from);

  if (now != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), property, now, -1);
}

static void
retranslate_one (GtkWidget *widget,
                 YrsLang    from)
{
  GPtrArray *pspecs = text_properties (G_OBJECT_TYPE (widget));

  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (pspecs, i);
      g_auto(GValue) value = G_VALUE_INIT;
      const char *now;

      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (widget), pspec->name, &value);
      now = yrs_i18n_retranslate (g_value_get_string (&value), from);
      if (now != NULL)
        g_object_set (widget, pspec->name, now, NULL);
    }

  /* After the properties: a button's accessible name follows its label.
   * With GTK_A11Y=none (the tests') GTK makes no accessibility context
   * to read from. */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") != 0)
    {
      retranslate_accessible (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, from);
      retranslate_accessible (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, from);
    }
}

void
yrs_retranslate_widget (GtkWidget *root,
                        YrsLang    from)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  retranslate_one (root, from);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    yrs_retranslate_widget (child, from);
}
