/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

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

char *
yrs_gui_x_window_of (GtkNative *native)
{
  GdkSurface *surface = gtk_native_get_surface (native);

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  return g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
}

void
yrs_gui_type_on_keyboard (GtkWidget  *over,
                          const char *text)
{
  GtkNative *native = gtk_widget_get_native (over);
  graphene_rect_t bounds;
  double dx = 0, dy = 0;
  g_autofree char *x = NULL, *y = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (gtk_widget_compute_bounds (over, GTK_WIDGET (native), &bounds));
  gtk_native_get_surface_transform (native, &dx, &dy);
  x = g_strdup_printf ("%d", (int) (bounds.origin.x + bounds.size.width / 2 + dx));
  y = g_strdup_printf ("%d", (int) (bounds.origin.y + bounds.size.height / 2 + dy));
  {
    g_autofree char *xid = yrs_gui_x_window_of (native);
    const char *argv[] = { "xdotool", "windowraise", xid, "windowfocus", "--sync", xid,
                           "mousemove", "--sync", x, y,
                           "type", "--delay", "80", text, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

gboolean
yrs_gui_text_is (gpointer data)
{
  YrsGuiTextWait *w = data;

  return g_strcmp0 (gtk_editable_get_text (w->editable), w->text) == 0;
}

void
yrs_gui_assert_system_input_method (GtkWidget *entry)
{
  GtkWidget *text = yrs_gui_find (entry, GTK_TYPE_TEXT);
  g_autofree char *im = NULL;

  g_assert_nonnull (text);
  g_object_get (text, "im-module", &im, NULL);
  g_assert_null (im);
}
