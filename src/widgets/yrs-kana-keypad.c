/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-kana-keypad.c: the kiosk's keypad for text: katakana for フリガナ,
 * kana-to-kanji conversion and handwriting for names and addresses,
 * Latin letters and digits (issue 21). The engines are src/ime's; this
 * widget only shows their state and turns taps and strokes into
 * requests. */

#define G_LOG_DOMAIN "yrs-kana-keypad"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "yrs-kana-keypad.h"
#include "yrs-keypad-private.h"

/* How many characters the pad asks for; each may bring its variant
 * forms (高 then 髙). */
#define N_HANDWRITING_CANDIDATES 10

struct _YrsKanaKeypad
{
  YrsKeypad          parent_instance;

  YrsKanaKeypadMode  mode;
  YrsConverterHint   hint;
  gboolean           show_modes;
  gboolean           small_letters;
  gboolean           setting_mode;

  YrsConverter      *converter;
  YrsHandwriting    *handwriting;
  GCancellable      *cancellable;

  GString           *reading;   /* hiragana typed, not yet in the field */
  guint              current;   /* the segment whose candidates are shown */
  char             **written;   /* the pad's candidates */
  double             drag_x;
  double             drag_y;

  /* Template widgets */
  GtkWidget         *top_row;
  GtkWidget         *mode_switch;
  GtkWidget         *mode_kana;
  GtkWidget         *mode_conversion;
  GtkWidget         *mode_handwriting;
  GtkWidget         *mode_alphanumeric;
  GtkWidget         *composition;
  GtkWidget         *close_key;
  GtkWidget         *segments;
  GtkWidget         *candidates_window;
  GtkWidget         *candidates;
  GtkWidget         *pages;
  GtkWidget         *grid;
  GtkWidget         *alpha_grid;
  GtkWidget         *pad;
};

G_DEFINE_FINAL_TYPE (YrsKanaKeypad, yrs_kana_keypad, YRS_TYPE_KEYPAD)

enum {
  PROP_0,
  PROP_MODE,
  PROP_SHOW_MODES,
  PROP_HINT,
  PROP_CONVERTER,
  PROP_HANDWRITING,
  N_PROPS
};

enum {
  CANDIDATES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DAKUTEN 0x3099
#define HANDAKUTEN 0x309A

GType
yrs_kana_keypad_mode_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { YRS_KANA_KEYPAD_MODE_KANA, "YRS_KANA_KEYPAD_MODE_KANA", "kana" },
        { YRS_KANA_KEYPAD_MODE_CONVERSION, "YRS_KANA_KEYPAD_MODE_CONVERSION", "conversion" },
        { YRS_KANA_KEYPAD_MODE_HANDWRITING, "YRS_KANA_KEYPAD_MODE_HANDWRITING", "handwriting" },
        { YRS_KANA_KEYPAD_MODE_ALPHANUMERIC, "YRS_KANA_KEYPAD_MODE_ALPHANUMERIC", "alphanumeric" },
        { 0, NULL, NULL },
      };
      GType t = g_enum_register_static (g_intern_static_string ("YrsKanaKeypadMode"), values);

      g_once_init_leave (&type, t);
    }
  return type;
}

static gboolean
is_keypad_text (const char *text)
{
  gunichar c;

  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) != 1)
    return FALSE;
  c = g_utf8_get_char (text);
  return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x3000;
}

/* ア (U+30A2) -> あ (U+3042); ー and the space stay. */
static gunichar
to_hiragana (gunichar c)
{
  return c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c;
}

static void
wipe_gstring (GString *string)
{
  explicit_bzero (string->str, string->allocated_len);
  g_string_truncate (string, 0);
}

static YrsConverter *
get_converter (YrsKanaKeypad *self)
{
  /* Nobody lent one (a test, a window without a session): our own,
   * made now; the engine itself loads on the first request. */
  if (self->converter == NULL)
    self->converter = yrs_converter_new (self->hint);
  return self->converter;
}

static YrsHandwriting *
get_handwriting (YrsKanaKeypad *self)
{
  if (self->handwriting == NULL)
    self->handwriting = yrs_handwriting_new (gtk_widget_get_width (self->pad),
                                             gtk_widget_get_height (self->pad));
  return self->handwriting;
}

/* The keys made at run time (the parts, the candidates) are kept and
 * reused from one tap to the next: the `n`th key of `box`, made when
 * missing (a finger's size, never taking the focus from the field), shown,
 * with its text, name and action set. */
static GtkWidget *
set_key (GtkWidget  *box,
         guint       n,
         const char *label,
         const char *accessible,
         const char *action,
         GVariant   *target,
         const char *css_class)
{
  GtkWidget *button = gtk_widget_get_first_child (box);

  for (guint i = 0; i < n && button != NULL; i++)
    button = gtk_widget_get_next_sibling (button);

  if (button == NULL)
    {
      button = gtk_button_new ();
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_set_size_request (button, YRS_KEYPAD_KEY_SIZE, YRS_KEYPAD_KEY_SIZE);
      gtk_widget_add_css_class (button, css_class);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_button_set_label (GTK_BUTTON (button), label);
  /* Both at once: a name checked against the old target warns. */
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_remove_css_class (button, "current");
  gtk_widget_remove_css_class (button, "selected");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_SELECTED);
  gtk_widget_set_visible (button, TRUE);
  return button;
}

/* Hides the keys of `box` from the `n`th on. */
static void
hide_keys (GtkWidget *box,
           guint      n)
{
  GtkWidget *button = gtk_widget_get_first_child (box);

  for (guint i = 0; button != NULL; i++, button = gtk_widget_get_next_sibling (button))
    if (i >= n && gtk_widget_get_visible (button))
      {
        /* Nothing of an earlier reading stays behind, even hidden. */
        gtk_widget_set_visible (button, FALSE);
        gtk_button_set_label (GTK_BUTTON (button), "");
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                        -1);
      }
}

/* Whether the converter's segments are those of the reading typed (a
 * result for an older reading may still be on its way). */
static gboolean
converted (YrsKanaKeypad *self)
{
  return self->converter != NULL && self->reading->len > 0 &&
         yrs_converter_get_n_segments (self->converter) > 0 &&
         g_strcmp0 (yrs_converter_get_reading (self->converter), self->reading->str) == 0;
}

static void
update_actions (YrsKanaKeypad *self)
{
  gboolean has_segments = converted (self);
  guint n_segments = has_segments ? yrs_converter_get_n_segments (self->converter) : 0;
  gboolean can_shorten = FALSE, can_lengthen = FALSE;

  if (has_segments && self->current < n_segments)
    {
      const char *seg = yrs_converter_get_segment_reading (self->converter, self->current);

      can_shorten = g_utf8_strlen (seg, -1) > 1;
      can_lengthen = self->current + 1 < n_segments;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kana.shorter", can_shorten);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kana.longer", can_lengthen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kana.commit", self->reading->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kana.undo-stroke",
                                 self->handwriting != NULL &&
                                 yrs_handwriting_get_n_strokes (self->handwriting) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kana.clear-pad",
                                 self->handwriting != NULL &&
                                 yrs_handwriting_get_n_strokes (self->handwriting) > 0);
}

/* The segments (each showing its selected candidate, the current one
 * marked) and the current segment's candidates. While a reading waits for
 * its conversion, the reading shows as typed and the candidates of the
 * one before stay (a tap on them does nothing until the new ones come). */
static void
update_conversion (YrsKanaKeypad *self)
{
  guint n_segments = 0, n_candidates = 0;

  if (converted (self))
    {
      guint n = yrs_converter_get_n_segments (self->converter);
      const char *const *cands;
      guint n_cands, selected;

      self->current = MIN (self->current, n - 1);
      for (guint i = 0; i < n; i++)
        {
          cands = yrs_converter_get_candidates (self->converter, i, &n_cands);
          selected = yrs_converter_get_selected (self->converter, i);
          {
            /* Translators: the accessible name of a part of the text being
             * converted: its number, how many there are, and its text. */
            g_autofree char *name = g_strdup_printf (_("Part %u of %u: %s"), i + 1, n, cands[selected]);
            GtkWidget *key = set_key (self->segments, i, cands[selected], name, "kana.segment",
                                      g_variant_new_uint32 (i), "keypad-segment");

            if (i == self->current)
              {
                gtk_widget_add_css_class (key, "current");
                gtk_accessible_update_state (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
              }
          }
        }
      n_segments = n;

      cands = yrs_converter_get_candidates (self->converter, self->current, &n_cands);
      selected = yrs_converter_get_selected (self->converter, self->current);
      for (guint j = 0; j < n_cands; j++)
        {
          GtkWidget *key = set_key (self->candidates, j, cands[j], cands[j], "kana.candidate",
                                    g_variant_new_uint32 (j), "keypad-candidate");

          if (j == selected)
            gtk_widget_add_css_class (key, "selected");
        }
      n_candidates = n_cands;
      hide_keys (self->candidates, n_candidates);
    }
  else if (self->reading->len > 0)
    {
      /* Typed, the candidates on their way: the reading as it is. */
      set_key (self->segments, 0, self->reading->str, self->reading->str, "kana.segment",
               g_variant_new_uint32 (0), "keypad-segment");
      n_segments = 1;
    }
  else
    hide_keys (self->candidates, 0);
  hide_keys (self->segments, n_segments);

  update_actions (self);
  g_signal_emit (self, signals[CANDIDATES_CHANGED], 0);
}

static void
update_written (YrsKanaKeypad *self)
{
  guint n = 0;

  for (; self->written != NULL && self->written[n] != NULL; n++)
    set_key (self->candidates, n, self->written[n], self->written[n], "kana.written",
             g_variant_new_string (self->written[n]), "keypad-candidate");
  hide_keys (self->candidates, n);
  update_actions (self);
  g_signal_emit (self, signals[CANDIDATES_CHANGED], 0);
}

static void
on_converted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(YrsKanaKeypad) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!yrs_converter_convert_finish (YRS_CONVERTER (source), result, &error))
    {
      if (g_error_matches (error, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The engine could not load: the reading stays as it is, and
       * "Done" puts it in. */
      g_warning ("Conversion failed: %s", error->message);
    }
  if (self->segments != NULL)
    update_conversion (self);
}

static void
convert (YrsKanaKeypad *self)
{
  YrsConverter *converter = get_converter (self);

  if (self->reading->len == 0)
    {
      yrs_converter_reset (converter);
      update_conversion (self);
      return;
    }

  self->current = 0;
  yrs_converter_set_hint (converter, self->hint);
  yrs_converter_convert_async (converter, self->reading->str, self->cancellable,
                               on_converted, g_object_ref (self));
  /* Until the candidates come, the reading shows as typed. */
  if (!converted (self))
    update_conversion (self);
}

/* What "Done" puts into the field: the selected candidates when the
 * segments are the reading's, else the reading itself. Resets. */
static char *
take_text (YrsKanaKeypad *self)
{
  char *text;

  if (converted (self))
    text = yrs_converter_commit (self->converter);
  else
    {
      text = g_strdup (self->reading->str);
      if (self->converter != NULL)
        yrs_converter_reset (self->converter);
    }
  wipe_gstring (self->reading);
  self->current = 0;
  return text;
}

static void
commit (YrsKanaKeypad *self,
        GtkEditable   *editable)
{
  g_autofree char *text = NULL;

  if (self->reading->len == 0)
    return;
  text = take_text (self);
  if (editable != NULL)
    _yrs_keypad_insert (editable, text);
  explicit_bzero (text, strlen (text));
  update_conversion (self);
}

static void
type_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);
  GtkEditable *editable = _yrs_keypad_get_target (widget);
  const char *text = g_variant_get_string (param, NULL);
  gunichar c;

  if (editable == NULL)
    return;
  if (!is_keypad_text (text))
    {
      g_critical ("Not a katakana key: “%s”", text);
      return;
    }

  if (self->mode != YRS_KANA_KEYPAD_MODE_CONVERSION)
    {
      _yrs_keypad_insert (editable, text);
      return;
    }

  c = g_utf8_get_char (text);
  if (c == 0x3000)
    {
      /* The space between family and given names: what is being
       * converted goes in first. */
      commit (self, editable);
      _yrs_keypad_insert (editable, text);
      return;
    }
  g_string_append_unichar (self->reading, to_hiragana (c));
  convert (self);
}

/* The mark on `prev`: its marked or unmarked form, or 0 where there is
 * none. */
static gunichar
marked (gunichar    prev,
        const char *key)
{
  gunichar want = g_str_equal (key, "゜") ? HANDAKUTEN : DAKUTEN;
  gunichar base, mark, composed;

  if (!g_unichar_decompose (prev, &base, &mark) || (mark != DAKUTEN && mark != HANDAKUTEN))
    {
      base = prev;
      mark = 0;
    }
  if (mark == want)
    return base;
  if (g_unichar_compose (base, want, &composed))
    return composed;
  return 0;
}

/* ゛ / ゜: put the mark on the kana before the cursor (or at the end of
 * the reading), replace the other mark, or take it off when it is
 * already there. */
static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);
  GtkEditable *editable = _yrs_keypad_get_target (widget);
  const char *key = g_variant_get_string (param, NULL);
  gunichar prev, now;

  if (editable == NULL)
    return;

  if (self->mode == YRS_KANA_KEYPAD_MODE_CONVERSION && self->reading->len > 0)
    {
      const char *last = g_utf8_find_prev_char (self->reading->str, self->reading->str + self->reading->len);

      now = marked (g_utf8_get_char (last), key);
      if (now == 0)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      g_string_truncate (self->reading, last - self->reading->str);
      g_string_append_unichar (self->reading, now);
      convert (self);
      return;
    }

  prev = _yrs_keypad_char_before (editable);
  now = prev != 0 ? marked (prev, key) : 0;
  if (now == 0)
    gtk_widget_error_bell (widget);
  else
    _yrs_keypad_replace_before (editable, now);
}

static void
backspace_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);

  if (self->mode == YRS_KANA_KEYPAD_MODE_CONVERSION && self->reading->len > 0)
    {
      const char *last = g_utf8_find_prev_char (self->reading->str, self->reading->str + self->reading->len);

      g_string_truncate (self->reading, last - self->reading->str);
      convert (self);
      return;
    }
  _yrs_keypad_backspace_action (widget, action_name, param);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);

  if (self->reading->len > 0)
    {
      wipe_gstring (self->reading);
      if (self->converter != NULL)
        yrs_converter_reset (self->converter);
      update_conversion (self);
    }
  _yrs_keypad_clear_action (widget, action_name, param);
}

static void
latin_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);
  GtkEditable *editable = _yrs_keypad_get_target (widget);
  const char *text = g_variant_get_string (param, NULL);
  char key[2] = { text[0], '\0' };

  if (editable == NULL)
    return;
  if (strlen (text) != 1 || !g_ascii_isprint (text[0]))
    {
      g_critical ("Not a letter key: “%s”", text);
      return;
    }
  if (self->small_letters)
    key[0] = g_ascii_tolower (key[0]);
  _yrs_keypad_insert (editable, key);
}

static void
candidate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);
  guint n;

  if (!converted (self))
    return;
  yrs_converter_select (self->converter, self->current, g_variant_get_uint32 (param));
  /* Picked: on to the next part, as she goes through them in order. */
  n = yrs_converter_get_n_segments (self->converter);
  if (self->current + 1 < n)
    self->current++;
  update_conversion (self);
}

static void
segment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);

  if (!converted (self))
    return;
  self->current = MIN (g_variant_get_uint32 (param), yrs_converter_get_n_segments (self->converter) - 1);
  update_conversion (self);
}

static void
resize (YrsKanaKeypad *self,
        int            delta)
{
  if (!converted (self))
    return;
  yrs_converter_set_hint (self->converter, self->hint);
  yrs_converter_resize_segment_async (self->converter, self->current, delta, self->cancellable,
                                      on_converted, g_object_ref (self));
}

static void
shorter_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  resize (YRS_KANA_KEYPAD (widget), -1);
}

static void
longer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  resize (YRS_KANA_KEYPAD (widget), +1);
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);
  GtkEditable *editable = _yrs_keypad_get_target (widget);

  if (editable != NULL)
    commit (self, editable);
}

/* Handwriting ---------------------------------------------------------- */

static void
clear_written (YrsKanaKeypad *self)
{
  if (self->written != NULL)
    {
      for (guint i = 0; self->written[i] != NULL; i++)
        explicit_bzero (self->written[i], strlen (self->written[i]));
      g_clear_pointer (&self->written, g_strfreev);
    }
}

static void
on_recognized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(YrsKanaKeypad) self = user_data;
  g_autoptr(GError) error = NULL;
  char **written;

  written = yrs_handwriting_recognize_finish (YRS_HANDWRITING (source), result, &error);
  if (written == NULL)
    {
      if (!g_error_matches (error, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Handwriting recognition failed: %s", error->message);
      return;
    }
  if (self->candidates == NULL)
    {
      g_strfreev (written);
      return;
    }
  clear_written (self);
  self->written = written;
  update_written (self);
}

static void
recognize (YrsKanaKeypad *self)
{
  if (self->handwriting == NULL || yrs_handwriting_get_n_strokes (self->handwriting) == 0)
    {
      clear_written (self);
      update_written (self);
      return;
    }
  yrs_handwriting_recognize_async (self->handwriting, N_HANDWRITING_CANDIDATES, self->cancellable,
                                   on_recognized, g_object_ref (self));
}

static void
on_drag_begin (YrsKanaKeypad  *self,
               double          x,
               double          y,
               GtkGestureDrag *drag)
{
  YrsHandwriting *hw = get_handwriting (self);

  yrs_handwriting_set_size (hw, gtk_widget_get_width (self->pad), gtk_widget_get_height (self->pad));
  self->drag_x = x;
  self->drag_y = y;
  yrs_handwriting_begin_stroke (hw);
  yrs_handwriting_add_point (hw, x, y);
  gtk_widget_queue_draw (self->pad);
}

static void
on_drag_update (YrsKanaKeypad  *self,
                double          dx,
                double          dy,
                GtkGestureDrag *drag)
{
  if (self->handwriting == NULL)
    return;
  yrs_handwriting_add_point (self->handwriting, self->drag_x + dx, self->drag_y + dy);
  gtk_widget_queue_draw (self->pad);
}

/* A stroke done: candidates for the strokes so far, as she writes. */
static void
on_drag_end (YrsKanaKeypad  *self,
             double          dx,
             double          dy,
             GtkGestureDrag *drag)
{
  if (self->handwriting == NULL)
    return;
  yrs_handwriting_add_point (self->handwriting, self->drag_x + dx, self->drag_y + dy);
  gtk_widget_queue_draw (self->pad);
  recognize (self);
}

static void
draw_pad (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  YrsKanaKeypad *self = user_data;
  static const double dashes[] = { 6.0, 6.0 };

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* A frame and a cross in the middle, as on 練習帳 paper. */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, 1, 1, width - 2, height - 2);
  cairo_stroke (cr);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, width / 2.0, 0);
  cairo_line_to (cr, width / 2.0, height);
  cairo_move_to (cr, 0, height / 2.0);
  cairo_line_to (cr, width, height / 2.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (self->handwriting == NULL)
    return;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < yrs_handwriting_get_n_strokes (self->handwriting); s++)
    {
      guint n = 0;
      const YrsHandwritingPoint *points = yrs_handwriting_get_stroke (self->handwriting, s, &n);

      if (n == 0)
        continue;
      cairo_move_to (cr, points[0].x, points[0].y);
      for (guint i = 1; i < n; i++)
        cairo_line_to (cr, points[i].x, points[i].y);
      if (n == 1)
        cairo_line_to (cr, points[0].x + 0.1, points[0].y);
      cairo_stroke (cr);
    }
}

static void
undo_stroke_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);

  if (self->handwriting == NULL)
    return;
  yrs_handwriting_undo_stroke (self->handwriting);
  gtk_widget_queue_draw (self->pad);
  recognize (self);
}

static void
clear_pad (YrsKanaKeypad *self)
{
  if (self->handwriting != NULL)
    yrs_handwriting_clear (self->handwriting);
  gtk_widget_queue_draw (self->pad);
  clear_written (self);
  update_written (self);
}

static void
clear_pad_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  clear_pad (YRS_KANA_KEYPAD (widget));
}

/* A character picked from the pad's candidates goes into the field, and
 * the pad is ready for the next one. */
static void
written_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (widget);
  GtkEditable *editable = _yrs_keypad_get_target (widget);

  if (editable == NULL)
    return;
  commit (self, editable);
  _yrs_keypad_insert (editable, g_variant_get_string (param, NULL));
  clear_pad (self);
}

/* Modes ---------------------------------------------------------------- */

/* The kana keys show hiragana while they type a reading, katakana
 * otherwise; the keys are named by what they show. */
static void
show_kana (YrsKanaKeypad *self,
           gboolean       hiragana)
{
  for (GtkWidget *key = gtk_widget_get_first_child (self->grid); key != NULL;
       key = gtk_widget_get_next_sibling (key))
    {
      GVariant *target;
      const char *kana;
      gunichar c;
      char buf[8] = { 0 };

      if (!GTK_IS_BUTTON (key) ||
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (key)), "kana.type") != 0)
        continue;
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (key));
      kana = g_variant_get_string (target, NULL);
      c = g_utf8_get_char (kana);
      if (c < 0x30A1 || c > 0x30F6)
        continue;
      g_unichar_to_utf8 (hiragana ? to_hiragana (c) : c, buf);
      gtk_button_set_label (GTK_BUTTON (key), buf);
      /* The small kana are named in words ("Small ア"). */
      if (!gtk_widget_has_css_class (key, "small-kana"))
        gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL, buf, -1);
    }
}

static void
show_letters (YrsKanaKeypad *self)
{
  for (GtkWidget *key = gtk_widget_get_first_child (self->alpha_grid); key != NULL;
       key = gtk_widget_get_next_sibling (key))
    {
      GVariant *target;
      const char *text;
      char buf[2] = { 0 };

      if (!GTK_IS_BUTTON (key) ||
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (key)), "kana.latin") != 0)
        continue;
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (key));
      text = g_variant_get_string (target, NULL);
      if (!g_ascii_isalpha (text[0]))
        continue;
      buf[0] = self->small_letters ? g_ascii_tolower (text[0]) : text[0];
      gtk_button_set_label (GTK_BUTTON (key), buf);
      gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL, buf, -1);
    }
}

static void
on_shift_toggled (YrsKanaKeypad   *self,
                  GtkToggleButton *button)
{
  self->small_letters = gtk_toggle_button_get_active (button);
  show_letters (self);
}

static void
sync_mode (YrsKanaKeypad *self)
{
  GtkWidget *toggles[] = {
    [YRS_KANA_KEYPAD_MODE_KANA] = self->mode_kana,
    [YRS_KANA_KEYPAD_MODE_CONVERSION] = self->mode_conversion,
    [YRS_KANA_KEYPAD_MODE_HANDWRITING] = self->mode_handwriting,
    [YRS_KANA_KEYPAD_MODE_ALPHANUMERIC] = self->mode_alphanumeric,
  };
  gboolean converting = self->mode == YRS_KANA_KEYPAD_MODE_CONVERSION;
  gboolean writing = self->mode == YRS_KANA_KEYPAD_MODE_HANDWRITING;

  self->setting_mode = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggles[self->mode]), TRUE);
  self->setting_mode = FALSE;

  switch (self->mode)
    {
    case YRS_KANA_KEYPAD_MODE_KANA:
    case YRS_KANA_KEYPAD_MODE_CONVERSION:
      gtk_stack_set_visible_child_name (GTK_STACK (self->pages), "kana");
      break;
    case YRS_KANA_KEYPAD_MODE_HANDWRITING:
      gtk_stack_set_visible_child_name (GTK_STACK (self->pages), "handwriting");
      break;
    case YRS_KANA_KEYPAD_MODE_ALPHANUMERIC:
      gtk_stack_set_visible_child_name (GTK_STACK (self->pages), "alphanumeric");
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_visible (self->mode_switch, self->show_modes);
  gtk_widget_set_visible (self->composition, converting);
  /* The close key is always there, at the right end. */
  gtk_widget_set_hexpand (self->close_key, !converting);
  gtk_widget_set_visible (self->candidates_window, converting || writing);
  show_kana (self, converting);
  if (writing)
    update_written (self);
  else if (converting)
    update_conversion (self);
}

static void
on_mode_toggled (YrsKanaKeypad   *self,
                 GtkToggleButton *button)
{
  if (self->setting_mode || !gtk_toggle_button_get_active (button))
    return;

  if (GTK_WIDGET (button) == self->mode_kana)
    yrs_kana_keypad_set_mode (self, YRS_KANA_KEYPAD_MODE_KANA);
  else if (GTK_WIDGET (button) == self->mode_conversion)
    yrs_kana_keypad_set_mode (self, YRS_KANA_KEYPAD_MODE_CONVERSION);
  else if (GTK_WIDGET (button) == self->mode_handwriting)
    yrs_kana_keypad_set_mode (self, YRS_KANA_KEYPAD_MODE_HANDWRITING);
  else
    yrs_kana_keypad_set_mode (self, YRS_KANA_KEYPAD_MODE_ALPHANUMERIC);
}

/* GObject -------------------------------------------------------------- */

static void
yrs_kana_keypad_dispose (GObject *object)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (object);

  g_cancellable_cancel (self->cancellable);
  /* Whatever was not put into the field goes with the keypad. */
  if (self->reading->len > 0 && self->converter != NULL)
    yrs_converter_reset (self->converter);
  wipe_gstring (self->reading);
  clear_written (self);
  if (self->handwriting != NULL)
    yrs_handwriting_clear (self->handwriting);
  g_clear_object (&self->converter);
  g_clear_object (&self->handwriting);

  G_OBJECT_CLASS (yrs_kana_keypad_parent_class)->dispose (object);
}

static void
yrs_kana_keypad_finalize (GObject *object)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (object);

  g_clear_object (&self->cancellable);
  g_string_free (self->reading, TRUE);

  G_OBJECT_CLASS (yrs_kana_keypad_parent_class)->finalize (object);
}

static void
yrs_kana_keypad_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_SHOW_MODES:
      g_value_set_boolean (value, self->show_modes);
      break;

    case PROP_HINT:
      g_value_set_enum (value, self->hint);
      break;

    case PROP_CONVERTER:
      g_value_set_object (value, self->converter);
      break;

    case PROP_HANDWRITING:
      g_value_set_object (value, self->handwriting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_kana_keypad_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YrsKanaKeypad *self = YRS_KANA_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_MODE:
      yrs_kana_keypad_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_SHOW_MODES:
      yrs_kana_keypad_set_show_modes (self, g_value_get_boolean (value));
      break;

    case PROP_HINT:
      yrs_kana_keypad_set_hint (self, g_value_get_enum (value));
      break;

    case PROP_CONVERTER:
      yrs_kana_keypad_set_converter (self, g_value_get_object (value));
      break;

    case PROP_HANDWRITING:
      yrs_kana_keypad_set_handwriting (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_kana_keypad_class_init (YrsKanaKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_kana_keypad_dispose;
  object_class->finalize = yrs_kana_keypad_finalize;
  object_class->get_property = yrs_kana_keypad_get_property;
  object_class->set_property = yrs_kana_keypad_set_property;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       YRS_TYPE_KANA_KEYPAD_MODE, YRS_KANA_KEYPAD_MODE_KANA,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_MODES] =
    g_param_spec_boolean ("show-modes", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HINT] =
    g_param_spec_enum ("hint", NULL, NULL,
                       YRS_TYPE_CONVERTER_HINT, YRS_CONVERTER_HINT_TEXT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONVERTER] =
    g_param_spec_object ("converter", NULL, NULL, YRS_TYPE_CONVERTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HANDWRITING] =
    g_param_spec_object ("handwriting", NULL, NULL, YRS_TYPE_HANDWRITING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The candidates shown changed (conversion or handwriting): for the
   * tests and the benchmark, which time a tap to its candidates. */
  signals[CANDIDATES_CHANGED] =
    g_signal_new ("candidates-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-kana-keypad.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, top_row);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, mode_switch);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, mode_kana);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, mode_conversion);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, mode_handwriting);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, mode_alphanumeric);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, composition);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, close_key);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, segments);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, candidates_window);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, candidates);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, pages);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, grid);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, alpha_grid);
  gtk_widget_class_bind_template_child (widget_class, YrsKanaKeypad, pad);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_shift_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_begin);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_update);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_end);

  gtk_widget_class_install_action (widget_class, "kana.type", "s", type_action);
  gtk_widget_class_install_action (widget_class, "kana.mark", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "kana.latin", "s", latin_action);
  gtk_widget_class_install_action (widget_class, "kana.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "kana.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "kana.segment", "u", segment_action);
  gtk_widget_class_install_action (widget_class, "kana.candidate", "u", candidate_action);
  gtk_widget_class_install_action (widget_class, "kana.shorter", NULL, shorter_action);
  gtk_widget_class_install_action (widget_class, "kana.longer", NULL, longer_action);
  gtk_widget_class_install_action (widget_class, "kana.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "kana.written", "s", written_action);
  gtk_widget_class_install_action (widget_class, "kana.undo-stroke", NULL, undo_stroke_action);
  gtk_widget_class_install_action (widget_class, "kana.clear-pad", NULL, clear_pad_action);

  gtk_widget_class_set_css_name (widget_class, "yrs-kana-keypad");
}

static void
yrs_kana_keypad_init (YrsKanaKeypad *self)
{
  self->reading = g_string_sized_new (64);
  self->cancellable = g_cancellable_new ();
  self->show_modes = TRUE;
  self->hint = YRS_CONVERTER_HINT_TEXT;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->pad), draw_pad, self, NULL);
  sync_mode (self);
}

GtkWidget *
yrs_kana_keypad_new (void)
{
  return g_object_new (YRS_TYPE_KANA_KEYPAD, NULL);
}

GtkEditable *
yrs_kana_keypad_get_editable (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), NULL);

  return yrs_keypad_get_editable (YRS_KEYPAD (self));
}

void
yrs_kana_keypad_set_editable (YrsKanaKeypad *self,
                              GtkEditable   *editable)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));

  yrs_keypad_set_editable (YRS_KEYPAD (self), editable);
}

YrsKanaKeypadMode
yrs_kana_keypad_get_mode (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), YRS_KANA_KEYPAD_MODE_KANA);

  return self->mode;
}

void
yrs_kana_keypad_set_mode (YrsKanaKeypad     *self,
                          YrsKanaKeypadMode  mode)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));
  g_return_if_fail (mode <= YRS_KANA_KEYPAD_MODE_ALPHANUMERIC);

  if (self->mode == mode)
    return;

  /* Leaving the conversion puts what was converted into the field. */
  if (self->mode == YRS_KANA_KEYPAD_MODE_CONVERSION)
    yrs_kana_keypad_flush (self);
  if (self->mode == YRS_KANA_KEYPAD_MODE_HANDWRITING)
    clear_pad (self);

  self->mode = mode;
  sync_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

gboolean
yrs_kana_keypad_get_show_modes (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), FALSE);

  return self->show_modes;
}

void
yrs_kana_keypad_set_show_modes (YrsKanaKeypad *self,
                                gboolean       show_modes)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));

  show_modes = !!show_modes;
  if (self->show_modes == show_modes)
    return;
  self->show_modes = show_modes;
  sync_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_MODES]);
}

YrsConverterHint
yrs_kana_keypad_get_hint (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), YRS_CONVERTER_HINT_TEXT);

  return self->hint;
}

void
yrs_kana_keypad_set_hint (YrsKanaKeypad    *self,
                          YrsConverterHint  hint)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));

  if (self->hint == hint)
    return;
  self->hint = hint;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT]);
}

YrsConverter *
yrs_kana_keypad_get_converter (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), NULL);

  return self->converter;
}

void
yrs_kana_keypad_set_converter (YrsKanaKeypad *self,
                               YrsConverter  *converter)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));
  g_return_if_fail (converter == NULL || YRS_IS_CONVERTER (converter));

  if (self->converter == converter)
    return;
  wipe_gstring (self->reading);
  g_set_object (&self->converter, converter);
  /* Lent by the session: whatever another field left there is not ours. */
  if (converter != NULL)
    yrs_converter_reset (converter);
  update_conversion (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERTER]);
}

YrsHandwriting *
yrs_kana_keypad_get_handwriting (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), NULL);

  return self->handwriting;
}

void
yrs_kana_keypad_set_handwriting (YrsKanaKeypad  *self,
                                 YrsHandwriting *handwriting)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));
  g_return_if_fail (handwriting == NULL || YRS_IS_HANDWRITING (handwriting));

  if (self->handwriting == handwriting)
    return;
  g_set_object (&self->handwriting, handwriting);
  if (handwriting != NULL)
    yrs_handwriting_clear (handwriting);
  clear_written (self);
  gtk_widget_queue_draw (self->pad);
  if (self->mode == YRS_KANA_KEYPAD_MODE_HANDWRITING)
    update_written (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDWRITING]);
}

const char *
yrs_kana_keypad_get_reading (YrsKanaKeypad *self)
{
  g_return_val_if_fail (YRS_IS_KANA_KEYPAD (self), NULL);

  return self->reading->str;
}

void
yrs_kana_keypad_flush (YrsKanaKeypad *self)
{
  g_return_if_fail (YRS_IS_KANA_KEYPAD (self));

  if (self->reading->len == 0)
    return;
  commit (self, _yrs_keypad_get_target (GTK_WIDGET (self)));
}
