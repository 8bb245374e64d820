/* SPDX-License-Identifier: GPL-3.0-or-later */
/* record-strokes: the kiosk's handwriting pad in a window of its own, to
 * record stroke files for tests/ime/test-handwriting.c (issue 21) with the
 * pad itself: the points saved are those the pad's GtkGestureDrag
 * delivered, as the keypad hands them to the recogniser.
 *
 *   record-strokes OUTDIR
 *
 * Commands, one per line on stdin (tests/ime/record-strokes.py sends them
 * while it draws on the pad with the pointer):
 *
 *   pad          prints "pad X Y W H": the pad in the window's coordinates
 *   save HEX     writes OUTDIR/HEX.strokes (the strokes on the pad, scaled
 *                from the pad's largest square to 300x300, the format of
 *                tests/ime/strokes/), prints "saved HEX N" and clears the pad
 *   count        prints "count N": the strokes on the pad
 *   clear        clears the pad
 *   quit
 *
 * Not a test and not installed: a tool, built with the tests. */

#define G_LOG_DOMAIN "record-strokes"

#include "config.h"

#include <adwaita.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>

#include "yrs-kana-keypad.h"

typedef struct
{
  GtkWidget        *window;
  GtkWidget        *keypad;
  GDataInputStream *input;
  const char       *outdir;
  GMainLoop        *loop;
} Recorder;

static GtkWidget *
find_pad (GtkWidget *widget)
{
  if (GTK_IS_DRAWING_AREA (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *pad = find_pad (child);

      if (pad != NULL)
        return pad;
    }
  return NULL;
}

static void
print_pad (Recorder *self)
{
  GtkWidget *pad = find_pad (self->keypad);
  graphene_rect_t bounds;

  if (pad == NULL || !gtk_widget_compute_bounds (pad, self->window, &bounds))
    {
      printf ("error no pad\n");
      return;
    }
  printf ("pad %.0f %.0f %.0f %.0f\n",
          bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
}

static void
save (Recorder   *self,
      const char *hex)
{
  YrsHandwriting *hw = yrs_kana_keypad_get_handwriting (YRS_KANA_KEYPAD (self->keypad));
  GtkWidget *pad = find_pad (self->keypad);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (hex, ".strokes", NULL);
  g_autofree char *path = g_build_filename (self->outdir, name, NULL);
  gunichar ch = (gunichar) g_ascii_strtoull (hex, NULL, 16);
  char utf8[8] = { 0 };
  double side, scale;
  guint n_strokes;

  if (hw == NULL || pad == NULL || (n_strokes = yrs_handwriting_get_n_strokes (hw)) == 0)
    {
      printf ("error nothing written\n");
      return;
    }
  side = MIN (gtk_widget_get_width (pad), gtk_widget_get_height (pad));
  scale = 300.0 / side;
  g_unichar_to_utf8 (ch, utf8);
  g_string_append_printf (out,
                          "# %s (U+%04X): %u strokes written on the kiosk's handwriting pad\n"
                          "# (%dx%d px) and saved by tests/ime/record-strokes; scaled to 300x300\n",
                          utf8, ch, n_strokes,
                          gtk_widget_get_width (pad), gtk_widget_get_height (pad));
  for (guint s = 0; s < n_strokes; s++)
    {
      guint n = 0;
      const YrsHandwritingPoint *points = yrs_handwriting_get_stroke (hw, s, &n);

      for (guint p = 0; p < n; p++)
        {
          char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (x, sizeof x, "%.1f", points[p].x * scale);
          g_ascii_formatd (y, sizeof y, "%.1f", points[p].y * scale);
          g_string_append_printf (out, "%s%s,%s", p > 0 ? " " : "", x, y);
        }
      g_string_append_c (out, '\n');
    }
  if (!g_file_set_contents (path, out->str, out->len, &error))
    {
      printf ("error %s\n", error->message);
      return;
    }
  yrs_handwriting_clear (hw);
  gtk_widget_queue_draw (pad);
  printf ("saved %s %u\n", hex, n_strokes);
}

static void read_next (Recorder *self);

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Recorder *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish (self->input, result, NULL, &error);

  if (line == NULL || g_str_equal (line, "quit"))
    {
      g_main_loop_quit (self->loop);
      return;
    }
  g_strstrip (line);
  if (g_str_equal (line, "pad"))
    print_pad (self);
  else if (g_str_has_prefix (line, "save "))
    save (self, line + 5);
  else if (g_str_equal (line, "count"))
    {
      YrsHandwriting *hw = yrs_kana_keypad_get_handwriting (YRS_KANA_KEYPAD (self->keypad));

      printf ("count %u\n", hw != NULL ? yrs_handwriting_get_n_strokes (hw) : 0);
    }
  else if (g_str_equal (line, "clear"))
    {
      YrsHandwriting *hw = yrs_kana_keypad_get_handwriting (YRS_KANA_KEYPAD (self->keypad));

      if (hw != NULL)
        yrs_handwriting_clear (hw);
      printf ("cleared\n");
    }
  else
    printf ("error unknown command\n");
  fflush (stdout);
  read_next (self);
}

static void
read_next (Recorder *self)
{
  g_data_input_stream_read_line_async (self->input, G_PRIORITY_DEFAULT, NULL, on_line, self);
}

static void
on_mapped (GtkWidget *window,
           Recorder  *self)
{
  printf ("ready\n");
  fflush (stdout);
  read_next (self);
}

int
main (int   argc,
      char *argv[])
{
  Recorder self = { 0 };
  g_autoptr(GInputStream) in = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: record-strokes OUTDIR\n");
      return 2;
    }
  self.outdir = argv[1];
  adw_init ();

  /* The app's style sheet (an AdwApplication loads it by itself): the
   * keypad's sizes are in it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  self.loop = g_main_loop_new (NULL, FALSE);
  self.window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (self.window), FALSE);
  /* The kiosk's keypad in a portrait kiosk's width. */
  gtk_window_set_default_size (GTK_WINDOW (self.window), 1080, 900);
  self.keypad = yrs_kana_keypad_new ();
  yrs_kana_keypad_set_mode (YRS_KANA_KEYPAD (self.keypad), YRS_KANA_KEYPAD_MODE_HANDWRITING);
  yrs_kana_keypad_set_show_modes (YRS_KANA_KEYPAD (self.keypad), FALSE);
  gtk_window_set_child (GTK_WINDOW (self.window), self.keypad);
  in = g_unix_input_stream_new (0, FALSE);
  self.input = g_data_input_stream_new (in);
  g_signal_connect (self.window, "map", G_CALLBACK (on_mapped), &self);
  gtk_window_present (GTK_WINDOW (self.window));
  g_main_loop_run (self.loop);

  g_clear_object (&self.input);
  gtk_window_destroy (GTK_WINDOW (self.window));
  g_main_loop_unref (self.loop);
  return 0;
}
