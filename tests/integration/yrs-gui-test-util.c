/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "yrs-gui-test-util.h"

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
yrs_gui_wait_until (gboolean (*done) (gpointer data),
                    gpointer  data,
                    guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  gboolean ok;

  /* `done` is asked once per iteration and its last answer returned: a
   * predicate may take something when it says yes (a file's path). */
  while (!(ok = done (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return ok;
}

void
yrs_gui_flush (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

GtkWidget *
yrs_gui_find (GtkWidget *root,
              GType      type)
{
  if (root == NULL)
    return NULL;
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = yrs_gui_find (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
add (GString    *out,
     const char *text)
{
  if (text != NULL && *text != '\0')
    {
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
}

static void
collect (GtkWidget *widget,
         GString   *out)
{
  add (out, gtk_widget_get_tooltip_text (widget));

  if (GTK_IS_LABEL (widget))
    add (out, gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    add (out, gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_ENTRY (widget))
    add (out, gtk_entry_buffer_get_text (gtk_entry_get_buffer (GTK_ENTRY (widget))));
  if (GTK_IS_TEXT (widget))
    add (out, gtk_entry_buffer_get_text (gtk_text_get_buffer (GTK_TEXT (widget))));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      add (out, text);
    }
  if (GTK_IS_BUTTON (widget))
    add (out, gtk_button_get_label (GTK_BUTTON (widget)));
  if (GTK_IS_WINDOW (widget))
    add (out, gtk_window_get_title (GTK_WINDOW (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    add (out, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    add (out, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_WINDOW_TITLE (widget))
    {
      add (out, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
      add (out, adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

char *
yrs_gui_collect_text (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect (root, out);
  return g_string_free (out, FALSE);
}
