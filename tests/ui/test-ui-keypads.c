/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The kiosk's touch input: the numeric and kana keypads are driven by
 * clicking their buttons (as a finger does), never by the keyboard, and the
 * text that lands in the field is checked; the date field is filled the
 * same way and checked through its "date" and "error" properties.
 *
 * The kana keypad's other modes (issue 21): a reading tapped in and
 * converted, candidates picked and a boundary moved; strokes from
 * tests/ime/strokes/ drawn through the pad's drag gesture; letters.
 *
 * With YRS_WIDGET_SHOT_DIR set, each window is also saved as a PNG there,
 * and the conversion and handwriting modes are drawn at kiosk sizes in
 * Japanese and English (keypad-<mode>-<lang>-<size>.png). */

#include "config.h"

#include <adwaita.h>

#include "yrs-date-field.h"
#include "yrs-form.h"
#include "yrs-i18n.h"
#include "yrs-ime.h"
#include "yrs-kana-keypad.h"
#include "yrs-numeric-keypad.h"

static void
wait_idle (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static GtkWindow *
window_with (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_child (window, child);
  gtk_window_present (window);
  wait_idle ();
  return window;
}

/* Saves what the X server shows of the window (under Xvfb, the window
 * sits at the screen's top left corner). */
static void
save_shot (GtkWindow  *window,
           const char *name)
{
  const char *dir = g_getenv ("YRS_WIDGET_SHOT_DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *crop = NULL;
  gint64 until;
  int status = 0;

  if (dir == NULL)
    return;

  /* Let a few frames be drawn. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  path = g_build_filename (dir, name, NULL);
  crop = g_strdup_printf ("%dx%d+0+0",
                          gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  {
    const char *argv[] = { "import", "-window", "root", "-crop", crop, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static GtkWidget *
find_key (GtkWidget  *root,
          const char *action,
          const char *target)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (target == NULL ||
          (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target)))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_key (child, action, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A tap on the key. */
static void
press (GtkWidget  *keypad,
       const char *action,
       const char *target)
{
  GtkWidget *key = find_key (keypad, action, target);

  if (key == NULL)
    g_error ("no key %s(%s)", action, target ? target : "");
  g_assert_true (gtk_widget_is_sensitive (key));
  g_signal_emit_by_name (key, "clicked");
}

/* Taps each character of `keys` on the kana keypad: ゛ and ゜ as marks. */
static void
press_kana (GtkWidget  *keypad,
            const char *keys)
{
  for (const char *p = keys; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *key = g_strndup (p, g_utf8_next_char (p) - p);

      if (g_str_equal (key, "゛") || g_str_equal (key, "゜"))
        press (keypad, "kana.mark", key);
      else
        press (keypad, "kana.type", key);
    }
}

static void
press_digits (GtkWidget  *keypad,
              const char *digits)
{
  for (const char *p = digits; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };

      press (keypad, "keypad.digit", key);
    }
}

static const char *
text_of (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Every key names itself to assistive technology and is big enough for a
 * finger. */
static guint
check_keys (GtkWidget *root)
{
  guint n = 0;

  if (GTK_IS_BUTTON (root))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      /* The touch target is the button's border box, not its content. */
      g_assert_true (gtk_widget_compute_bounds (root, root, &bounds));
      g_assert_cmpfloat (bounds.size.width, >=, 56);
      g_assert_cmpfloat (bounds.size.height, >=, 56);
      g_assert_false (gtk_widget_get_focus_on_click (root));
      return 1;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child))
      n += check_keys (child);
  return n;
}

static void
count_close (guint *closed)
{
  (*closed)++;
}

static void
test_numeric_attached (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *keypad = yrs_numeric_keypad_new ();
  GtkWindow *window;

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), keypad);
  yrs_numeric_keypad_set_editable (YRS_NUMERIC_KEYPAD (keypad), GTK_EDITABLE (entry));
  window = window_with (box);

  /* 10 digits, clear, delete and the close key. */
  g_assert_cmpuint (check_keys (keypad), ==, 12 + 1);
  {
    guint closed = 0;

    g_signal_connect_swapped (keypad, "close", G_CALLBACK (count_close), &closed);
    press (keypad, "keypad.close", NULL);
    g_assert_cmpuint (closed, ==, 1);
  }

  press_digits (keypad, "0783513400");
  g_assert_cmpstr (text_of (entry), ==, "0783513400");
  g_assert_true (yrs_form_check_phone (text_of (entry), NULL, NULL));

  press (keypad, "keypad.backspace", NULL);
  press (keypad, "keypad.backspace", NULL);
  g_assert_cmpstr (text_of (entry), ==, "07835134");

  /* Typing replaces a selection, as a keyboard does. */
  gtk_editable_select_region (GTK_EDITABLE (entry), 3, 5);
  press_digits (keypad, "9");
  g_assert_cmpstr (text_of (entry), ==, "0789134");
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, 3);
  press (keypad, "keypad.backspace", NULL);
  g_assert_cmpstr (text_of (entry), ==, "9134");

  /* In the middle, at the cursor. */
  gtk_editable_set_position (GTK_EDITABLE (entry), 1);
  press_digits (keypad, "12");
  g_assert_cmpstr (text_of (entry), ==, "912134");

  press (keypad, "keypad.clear", NULL);
  g_assert_cmpstr (text_of (entry), ==, "");
  press (keypad, "keypad.backspace", NULL);
  g_assert_cmpstr (text_of (entry), ==, "");

  /* The field's own limit holds. */
  gtk_entry_set_max_length (GTK_ENTRY (entry), 7);
  press_digits (keypad, "650000199");
  g_assert_cmpstr (text_of (entry), ==, "6500001");
  g_assert_true (yrs_form_check_postal_code (text_of (entry), NULL, NULL));

  save_shot (window, "numeric-keypad.png");
  gtk_window_destroy (window);
}

/* Without an attached editable, the keys type into the focused field, and
 * a tap on a key leaves the focus there. */
static void
test_numeric_focused (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *first = gtk_entry_new ();
  GtkWidget *second = gtk_entry_new ();
  GtkWidget *keypad = yrs_numeric_keypad_new ();
  GtkWindow *window;

  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_box_append (GTK_BOX (box), keypad);
  window = window_with (box);

  g_assert_true (gtk_widget_grab_focus (second));
  wait_idle ();
  press_digits (keypad, "123");
  g_assert_cmpstr (text_of (first), ==, "");
  g_assert_cmpstr (text_of (second), ==, "123");

  g_assert_true (gtk_widget_grab_focus (first));
  press_digits (keypad, "45");
  press (keypad, "keypad.backspace", NULL);
  g_assert_cmpstr (text_of (first), ==, "4");
  g_assert_cmpstr (text_of (second), ==, "123");

  /* A field that cannot be edited is left alone. */
  gtk_editable_set_editable (GTK_EDITABLE (first), FALSE);
  press_digits (keypad, "7");
  g_assert_cmpstr (text_of (first), ==, "4");

  gtk_window_destroy (window);
}

static void
test_kana (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *keypad = yrs_kana_keypad_new ();
  GtkWindow *window;
  g_autofree char *norm = NULL;

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), keypad);
  g_object_set (keypad, "editable", entry, NULL);
  /* For フリガナ the kiosk shows the kana only, as here. */
  yrs_kana_keypad_set_show_modes (YRS_KANA_KEYPAD (keypad), FALSE);
  window = window_with (box);

  /* 46 of the table, ー, 10 small kana, ゛ ゜, space, delete, clear;
   * the close key. */
  g_assert_cmpuint (check_keys (keypad), ==, 62 + 1);

  /* ゛ after タ makes ダ; the space is full-width. */
  press_kana (keypad, "ヤマタ゛　ハナコ");
  g_assert_cmpstr (text_of (entry), ==, "ヤマダ　ハナコ");
  g_assert_true (yrs_form_check_furigana (text_of (entry), "フリガナ", &norm, NULL));
  g_assert_cmpstr (norm, ==, "ヤマダ　ハナコ");
  save_shot (window, "kana-keypad.png");

  press (keypad, "kana.clear", NULL);
  g_assert_cmpstr (text_of (entry), ==, "");

  /* ゜ and ゛ swap on ハ行, and a second tap takes the mark off. */
  press_kana (keypad, "ハ゜");
  g_assert_cmpstr (text_of (entry), ==, "パ");
  press_kana (keypad, "゛");
  g_assert_cmpstr (text_of (entry), ==, "バ");
  press_kana (keypad, "゛");
  g_assert_cmpstr (text_of (entry), ==, "ハ");

  /* ウ゛ is ヴ; ア takes no mark and stays as it is. */
  press_kana (keypad, "ウ゛ア゛゜");
  g_assert_cmpstr (text_of (entry), ==, "ハヴア");

  /* Small kana and the long vowel mark. */
  press_kana (keypad, "キャッチャー");
  g_assert_cmpstr (text_of (entry), ==, "ハヴアキャッチャー");
  g_assert_true (yrs_form_is_katakana (text_of (entry)));

  press (keypad, "kana.backspace", NULL);
  press (keypad, "kana.backspace", NULL);
  g_assert_cmpstr (text_of (entry), ==, "ハヴアキャッチ");

  /* A mark at the start of an empty field does nothing. */
  press (keypad, "kana.clear", NULL);
  press_kana (keypad, "゛゜");
  g_assert_cmpstr (text_of (entry), ==, "");

  /* Every kana key types its kana. */
  press_kana (keypad, "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
                      "ァィゥェォッャュョヮ");
  g_assert_cmpstr (text_of (entry), ==,
                   "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
                   "ァィゥェォッャュョヮ");

  gtk_window_destroy (window);
}

static gboolean
tree_has_label (GtkWidget  *root,
                const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
count_change (int *changes)
{
  (*changes)++;
}

static void
test_date_field (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *field = yrs_date_field_new ();
  GtkWidget *keypad = yrs_numeric_keypad_new ();
  YrsDateField *df = YRS_DATE_FIELD (field);
  GtkWindow *window;
  int changes = 0;

  yrs_i18n_set_language ("ja");
  gtk_box_append (GTK_BOX (box), field);
  gtk_box_append (GTK_BOX (box), keypad);
  yrs_date_field_set_label (df, "生年月日");
  g_signal_connect_swapped (field, "changed", G_CALLBACK (count_change), &changes);
  window = window_with (box);

  /* Set from code: the parts and the era next to the year. */
  yrs_date_field_set_date (df, "2019-05-01");
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "2019-05-01");
  g_assert_cmpstr (gtk_editable_get_text (yrs_date_field_get_year_editable (df)), ==, "2019");
  g_assert_cmpstr (gtk_editable_get_text (yrs_date_field_get_month_editable (df)), ==, "5");
  g_assert_cmpstr (gtk_editable_get_text (yrs_date_field_get_day_editable (df)), ==, "1");
  g_assert_cmpint (changes, ==, 1);
  /* "2019" in the entry and "（令和元年）" next to it. */
  g_assert_true (tree_has_label (field, "（令和元年）"));
  save_shot (window, "date-field.png");

  /* 和暦: the same date as 令和 1. */
  yrs_date_field_set_wareki (df, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (yrs_date_field_get_year_editable (df)), ==, "1");
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "2019-05-01");
  g_assert_true (tree_has_label (field, "（2019年）"));
  save_shot (window, "date-field-wareki.png");
  g_assert_cmpint (changes, ==, 1);

  /* Typed on the keypad: 令和 1 / 4 / 30 is before 令和 began. */
  yrs_numeric_keypad_set_editable (YRS_NUMERIC_KEYPAD (keypad), yrs_date_field_get_month_editable (df));
  press (keypad, "keypad.clear", NULL);
  press_digits (keypad, "4");
  yrs_numeric_keypad_set_editable (YRS_NUMERIC_KEYPAD (keypad), yrs_date_field_get_day_editable (df));
  press (keypad, "keypad.clear", NULL);
  press_digits (keypad, "30");
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "");
  g_assert_cmpstr (yrs_date_field_get_error (df), ==,
                   "＊生年月日の元号と年が合っていません。元号と年を確かめてください。");
  g_assert_true (gtk_test_accessible_has_state (GTK_ACCESSIBLE (df), GTK_ACCESSIBLE_STATE_INVALID));

  /* Back to western years: 2019-04-30 is a real date. */
  yrs_date_field_set_wareki (df, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (yrs_date_field_get_year_editable (df)), ==, "2019");
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "2019-04-30");
  g_assert_cmpstr (yrs_date_field_get_error (df), ==, "");

  /* 2025-02-30 does not exist; 2025-02-03 does. */
  yrs_numeric_keypad_set_editable (YRS_NUMERIC_KEYPAD (keypad), yrs_date_field_get_year_editable (df));
  press (keypad, "keypad.clear", NULL);
  press_digits (keypad, "2025");
  yrs_numeric_keypad_set_editable (YRS_NUMERIC_KEYPAD (keypad), yrs_date_field_get_month_editable (df));
  press (keypad, "keypad.clear", NULL);
  press_digits (keypad, "2");
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "");
  g_assert_cmpstr (yrs_date_field_get_error (df), ==, "＊生年月日に正しい日付を入力してください。");
  press (keypad, "keypad.backspace", NULL);
  g_assert_cmpstr (yrs_date_field_get_error (df), ==,
                   "＊生年月日の年・月・日をすべて入力してください。");
  press_digits (keypad, "2");
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "");
  g_assert_cmpstr (yrs_date_field_get_error (df), ==, "＊生年月日に正しい日付を入力してください。");
  yrs_numeric_keypad_set_editable (YRS_NUMERIC_KEYPAD (keypad), yrs_date_field_get_day_editable (df));
  press (keypad, "keypad.backspace", NULL);
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "2025-02-03");
  g_assert_cmpstr (yrs_date_field_get_error (df), ==, "");
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (df), GTK_ACCESSIBLE_STATE_INVALID));

  /* Clearing every part is no date and no error (requiredness is the
   * form's business). */
  yrs_date_field_set_date (df, "");
  g_assert_cmpstr (yrs_date_field_get_date (df), ==, "");
  g_assert_cmpstr (yrs_date_field_get_error (df), ==, "");

  gtk_window_destroy (window);
}


/* Conversion and handwriting ------------------------------------------- */

static GtkWidget *
find_labelled (GtkWidget  *root,
               const char *action,
               const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      (action == NULL || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, action, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
tap_labelled (GtkWidget  *keypad,
              const char *action,
              const char *label)
{
  GtkWidget *key = find_labelled (keypad, action, label);

  if (key == NULL)
    g_error ("no key %s labelled “%s”", action ? action : "", label);
  g_signal_emit_by_name (key, "clicked");
}

static gboolean
converted_as (YrsKanaKeypad *keypad)
{
  YrsConverter *converter = yrs_kana_keypad_get_converter (keypad);

  return converter != NULL && *yrs_kana_keypad_get_reading (keypad) != '\0' &&
         g_strcmp0 (yrs_converter_get_reading (converter), yrs_kana_keypad_get_reading (keypad)) == 0 &&
         yrs_converter_get_n_segments (converter) > 0;
}

/* Runs the main loop until `changes` moves and the condition holds (the
 * first conversion loads the engine: seconds on a loaded machine). */
static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > until)
        g_error ("timed out");
      g_main_context_iteration (NULL, TRUE);
    }
  wait_idle ();
}

static gboolean
is_converted (gpointer data)
{
  return converted_as (data);
}

static guint n_shown;

static void
count_shown (void)
{
  n_shown++;
}

static gboolean
shown_since (gpointer data)
{
  return n_shown > GPOINTER_TO_UINT (data);
}

/* Taps the key and waits for the candidates it brings (a resize is a
 * conversion too, in the worker thread). */
static void
press_and_wait (GtkWidget  *keypad,
                const char *action)
{
  guint before = n_shown;

  press (keypad, action, NULL);
  wait_for (shown_since, GUINT_TO_POINTER (before));
  wait_for (is_converted, keypad);
}

static const char *
segment_reading (GtkWidget *keypad,
                 guint      index)
{
  YrsConverter *converter = yrs_kana_keypad_get_converter (YRS_KANA_KEYPAD (keypad));

  return index < yrs_converter_get_n_segments (converter)
         ? yrs_converter_get_segment_reading (converter, index) : NULL;
}

static void
resize_first_to (GtkWidget  *keypad,
                 const char *reading)
{
  for (int tries = 0; tries < 8 && g_strcmp0 (segment_reading (keypad, 0), reading) != 0; tries++)
    {
      glong have = g_utf8_strlen (segment_reading (keypad, 0), -1);

      press (keypad, "kana.segment", NULL);
      press_and_wait (keypad, have > g_utf8_strlen (reading, -1) ? "kana.shorter" : "kana.longer");
    }
  g_assert_cmpstr (segment_reading (keypad, 0), ==, reading);
}

static void
test_conversion (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *keypad = yrs_kana_keypad_new ();
  YrsKanaKeypad *kana = YRS_KANA_KEYPAD (keypad);
  g_autoptr(YrsConverter) converter = yrs_converter_new (YRS_CONVERTER_HINT_TEXT);
  GtkWindow *window;

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), keypad);
  yrs_kana_keypad_set_editable (kana, GTK_EDITABLE (entry));
  yrs_kana_keypad_set_converter (kana, converter);
  yrs_kana_keypad_set_hint (kana, YRS_CONVERTER_HINT_NAME);
  yrs_kana_keypad_set_mode (kana, YRS_KANA_KEYPAD_MODE_CONVERSION);
  g_signal_connect (keypad, "candidates-changed", G_CALLBACK (count_shown), NULL);
  window = window_with (box);

  /* The kana keys show hiragana now, and are named so. */
  g_assert_nonnull (find_labelled (keypad, "kana.type", "あ"));
  g_assert_null (find_labelled (keypad, "kana.type", "ア"));
  /* 62 keys, the 4 modes, shorter, longer and Done, close: every one a
   * finger's size and named. */
  g_assert_cmpuint (check_keys (keypad), ==, 62 + 4 + 3 + 1);
  /* Nothing loaded before the first tap. */
  g_assert_false (yrs_ime_converter_loaded ());

  /* A reading tapped in: nothing in the field yet, the candidates come. */
  press_kana (keypad, "ヤマサキハナコ");
  g_assert_cmpstr (yrs_kana_keypad_get_reading (kana), ==, "やまさきはなこ");
  g_assert_cmpstr (text_of (entry), ==, "");
  wait_for (is_converted, kana);

  /* Family name and given name as the two parts (a boundary moved when
   * the engine split them otherwise), then the variant form 﨑 picked. */
  resize_first_to (keypad, "やまさき");
  g_assert_cmpstr (segment_reading (keypad, 1), ==, "はなこ");
  press (keypad, "kana.segment", NULL);  /* the first part */
  tap_labelled (keypad, "kana.candidate", "山﨑");
  /* Picking moves on to the next part: its candidates are shown. */
  tap_labelled (keypad, "kana.candidate", "花子");
  save_shot (window, "keypad-conversion.png");
  press (keypad, "kana.commit", NULL);
  g_assert_cmpstr (text_of (entry), ==, "山﨑花子");
  g_assert_cmpstr (yrs_kana_keypad_get_reading (kana), ==, "");
  g_assert_cmpuint (yrs_converter_get_n_segments (converter), ==, 0);

  /* A boundary moved and moved back: the parts follow. */
  press_kana (keypad, "ヤマサキハナコ");
  wait_for (is_converted, kana);
  resize_first_to (keypad, "やまさき");
  press_and_wait (keypad, "kana.shorter");
  g_assert_cmpstr (segment_reading (keypad, 0), ==, "やまさ");
  press_and_wait (keypad, "kana.longer");
  g_assert_cmpstr (segment_reading (keypad, 0), ==, "やまさき");

  /* Delete takes from the reading first; clear drops it and the field. */
  press (keypad, "kana.backspace", NULL);
  g_assert_cmpstr (yrs_kana_keypad_get_reading (kana), ==, "やまさきはな");
  press (keypad, "kana.clear", NULL);
  g_assert_cmpstr (yrs_kana_keypad_get_reading (kana), ==, "");
  g_assert_cmpstr (text_of (entry), ==, "");

  /* ゛ joins the reading's last kana; the space puts in what is being
   * converted, then itself; leaving the mode puts the rest in. */
  press_kana (keypad, "カ゛");
  g_assert_cmpstr (yrs_kana_keypad_get_reading (kana), ==, "が");
  press_kana (keypad, "　");
  g_assert_cmpstr (yrs_kana_keypad_get_reading (kana), ==, "");
  g_assert_true (g_str_has_suffix (text_of (entry), "　"));
  press (keypad, "kana.clear", NULL);
  press_kana (keypad, "ハナコ");
  wait_for (is_converted, kana);
  yrs_kana_keypad_set_mode (kana, YRS_KANA_KEYPAD_MODE_KANA);
  g_assert_cmpuint (g_utf8_strlen (text_of (entry), -1), >, 0);
  g_assert_cmpstr (yrs_kana_keypad_get_reading (kana), ==, "");
  g_assert_nonnull (find_labelled (keypad, "kana.type", "ア"));

  gtk_window_destroy (window);
}

/* Strokes as tests/ime/strokes/ keeps them: one stroke a line of "x,y"
 * pairs, on a 300x300 pad. */
static GPtrArray *
load_strokes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ime", "strokes", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) pairs = NULL;
      GArray *stroke;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      stroke = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
      pairs = g_strsplit (lines[i], " ", -1);
      for (guint p = 0; pairs[p] != NULL; p++)
        {
          graphene_point_t pt;

          if (sscanf (pairs[p], "%f,%f", &pt.x, &pt.y) == 2)
            g_array_append_val (stroke, pt);
        }
      g_ptr_array_add (strokes, stroke);
    }
  return strokes;
}

static GtkGesture *
pad_gesture (GtkWidget *root)
{
  if (GTK_IS_DRAWING_AREA (root))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (root);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_DRAG (c))
            return GTK_GESTURE (c);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkGesture *found = pad_gesture (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Draws the strokes through the pad's drag gesture, as a finger would:
 * begin at the first point, an update per point, end at the last. */
static void
draw_strokes (GtkWidget *keypad,
              GPtrArray *strokes)
{
  GtkGesture *drag = pad_gesture (keypad);
  GtkWidget *pad = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (drag));
  double scale = gtk_widget_get_width (pad) / 300.0;

  g_assert_nonnull (drag);
  g_assert_cmpint (gtk_widget_get_width (pad), >=, 300);
  for (guint s = 0; s < strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (strokes, s);
      graphene_point_t *p0 = &g_array_index (stroke, graphene_point_t, 0);
      double dx = 0, dy = 0;

      g_signal_emit_by_name (drag, "drag-begin", p0->x * scale, p0->y * scale);
      for (guint i = 1; i < stroke->len; i++)
        {
          graphene_point_t *p = &g_array_index (stroke, graphene_point_t, i);

          dx = (p->x - p0->x) * scale;
          dy = (p->y - p0->y) * scale;
          g_signal_emit_by_name (drag, "drag-update", dx, dy);
        }
      g_signal_emit_by_name (drag, "drag-end", dx, dy);
    }
}

static gboolean
has_written_key (gpointer data)
{
  GtkWidget **args = data;

  return find_labelled (args[0], "kana.written", (const char *) args[1]) != NULL;
}

static void
wait_written (GtkWidget  *keypad,
              const char *character)
{
  gpointer args[] = { keypad, (gpointer) character };

  wait_for (has_written_key, args);
}

static void
test_handwriting (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *keypad = yrs_kana_keypad_new ();
  YrsKanaKeypad *kana = YRS_KANA_KEYPAD (keypad);
  g_autoptr(YrsHandwriting) hw = yrs_handwriting_new (320, 320);
  g_autoptr(GPtrArray) saki = load_strokes ("5d0e.strokes");   /* 崎 */
  g_autoptr(GPtrArray) yama = load_strokes ("5c71.strokes");   /* 山 */
  GtkWindow *window;

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), keypad);
  yrs_kana_keypad_set_editable (kana, GTK_EDITABLE (entry));
  yrs_kana_keypad_set_handwriting (kana, hw);
  yrs_kana_keypad_set_mode (kana, YRS_KANA_KEYPAD_MODE_HANDWRITING);
  window = window_with (box);

  /* The 4 modes, undo, wipe the pad, delete, clear, close. */
  g_assert_cmpuint (check_keys (keypad), ==, 4 + 4 + 1);

  draw_strokes (keypad, yama);
  g_assert_cmpuint (yrs_handwriting_get_n_strokes (hw), ==, 3);
  wait_written (keypad, "山");
  tap_labelled (keypad, "kana.written", "山");
  g_assert_cmpstr (text_of (entry), ==, "山");
  /* The pad is empty for the next character. */
  g_assert_cmpuint (yrs_handwriting_get_n_strokes (hw), ==, 0);

  /* 崎, and its variant form 﨑 (which the model does not know) right
   * after it; candidates come after each stroke. */
  draw_strokes (keypad, saki);
  wait_written (keypad, "崎");
  g_assert_nonnull (find_labelled (keypad, "kana.written", "﨑"));
  save_shot (window, "keypad-handwriting.png");

  /* One stroke back, then the whole pad. */
  press (keypad, "kana.undo-stroke", NULL);
  g_assert_cmpuint (yrs_handwriting_get_n_strokes (hw), ==, saki->len - 1);
  press (keypad, "kana.clear-pad", NULL);
  g_assert_cmpuint (yrs_handwriting_get_n_strokes (hw), ==, 0);
  g_assert_null (find_labelled (keypad, "kana.written", "崎"));

  draw_strokes (keypad, saki);
  wait_written (keypad, "﨑");
  tap_labelled (keypad, "kana.written", "﨑");
  g_assert_cmpstr (text_of (entry), ==, "山﨑");

  gtk_window_destroy (window);
}

static void
test_alphanumeric (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *keypad = yrs_kana_keypad_new ();
  YrsKanaKeypad *kana = YRS_KANA_KEYPAD (keypad);
  GtkWindow *window;

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), keypad);
  yrs_kana_keypad_set_editable (kana, GTK_EDITABLE (entry));
  window = window_with (box);

  /* The mode switch, as she taps it (in Japanese: see main()). */
  tap_labelled (keypad, NULL, "英数");
  {
    /* Until the new page is laid out. */
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 3;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpint (yrs_kana_keypad_get_mode (kana), ==, YRS_KANA_KEYPAD_MODE_ALPHANUMERIC);
  /* 40 keys, the small-letter switch, delete, clear, the 4 modes, close. */
  g_assert_cmpuint (check_keys (keypad), ==, 40 + 1 + 1 + 1 + 1 + 4 + 1);

  press (keypad, "kana.latin", "M");
  tap_labelled (keypad, NULL, "abc");
  press (keypad, "kana.latin", "A");
  press (keypad, "kana.latin", "R");
  press (keypad, "kana.latin", "Y");
  press (keypad, "kana.latin", " ");
  press (keypad, "kana.latin", "O");
  press (keypad, "kana.latin", "'");
  tap_labelled (keypad, NULL, "abc");
  press (keypad, "kana.latin", "N");
  press (keypad, "kana.latin", "-");
  press (keypad, "kana.latin", "8");
  g_assert_cmpstr (text_of (entry), ==, "Mary o'N-8");
  /* The keys are named by the letter they show. */
  g_assert_nonnull (find_labelled (keypad, "kana.latin", "Q"));

  tap_labelled (keypad, NULL, "カナ");
  g_assert_cmpint (yrs_kana_keypad_get_mode (kana), ==, YRS_KANA_KEYPAD_MODE_KANA);

  gtk_window_destroy (window);
}

/* The keypad in conversion and handwriting modes as a kiosk shows it,
 * drawn by GTK at the kiosk's sizes, in both languages. */
static void
render (GtkWidget  *window,
        const char *name)
{
  const char *dir = g_getenv ("YRS_WIDGET_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("%s", path);
}

static void
test_shots (void)
{
  static const struct { int w, h; } sizes[] = { { 1280, 800 }, { 1080, 1920 } };
  static const char *langs[] = { "ja", "en" };
  g_autoptr(GPtrArray) saki = load_strokes ("5d0e.strokes");

  if (g_getenv ("YRS_WIDGET_SHOT_DIR") == NULL)
    {
      g_test_skip ("YRS_WIDGET_SHOT_DIR is not set");
      return;
    }

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      for (int writing = 0; writing <= 1; writing++)
        {
          g_autofree char *name = NULL;
          GtkWidget *box, *label, *entry, *keypad;
          GtkWindow *window;

          yrs_i18n_set_language (langs[l]);
          window = GTK_WINDOW (gtk_window_new ());
          gtk_window_set_default_size (window, sizes[z].w, sizes[z].h);
          gtk_window_set_decorated (window, FALSE);
          box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
          gtk_widget_set_margin_top (box, 24);
          gtk_widget_set_margin_start (box, 24);
          gtk_widget_set_margin_end (box, 24);
          label = gtk_label_new (g_str_equal (langs[l], "ja") ? "氏名　※必須" : "Full name (required)");
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          entry = gtk_entry_new ();
          keypad = yrs_kana_keypad_new ();
          gtk_widget_set_vexpand (keypad, TRUE);
          gtk_widget_set_valign (keypad, GTK_ALIGN_END);
          gtk_widget_set_halign (keypad, GTK_ALIGN_CENTER);
          gtk_widget_set_margin_bottom (keypad, 12);
          gtk_box_append (GTK_BOX (box), label);
          gtk_box_append (GTK_BOX (box), entry);
          gtk_box_append (GTK_BOX (box), keypad);
          gtk_window_set_child (window, box);
          g_signal_connect (keypad, "candidates-changed", G_CALLBACK (count_shown), NULL);
          yrs_kana_keypad_set_editable (YRS_KANA_KEYPAD (keypad), GTK_EDITABLE (entry));
          yrs_kana_keypad_set_hint (YRS_KANA_KEYPAD (keypad), YRS_CONVERTER_HINT_NAME);
          gtk_window_present (window);
          wait_idle ();

          if (!writing)
            {
              yrs_kana_keypad_set_mode (YRS_KANA_KEYPAD (keypad), YRS_KANA_KEYPAD_MODE_CONVERSION);
              gtk_editable_set_text (GTK_EDITABLE (entry), "");
              press_kana (keypad, "ヤマサキハナコ");
              wait_for (is_converted, keypad);
              resize_first_to (keypad, "やまさき");
              press (keypad, "kana.segment", NULL);
              tap_labelled (keypad, "kana.candidate", "山﨑");
            }
          else
            {
              yrs_kana_keypad_set_mode (YRS_KANA_KEYPAD (keypad), YRS_KANA_KEYPAD_MODE_HANDWRITING);
              gtk_editable_set_text (GTK_EDITABLE (entry), "山");
              gtk_editable_set_position (GTK_EDITABLE (entry), -1);
              {
                gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 3;

                while (g_get_monotonic_time () < until)
                  g_main_context_iteration (NULL, FALSE);
              }
              draw_strokes (keypad, saki);
              wait_written (keypad, "崎");
            }
          name = g_strdup_printf ("keypad-%s-%s-%dx%d.png", writing ? "handwriting" : "conversion",
                                  langs[l], sizes[z].w, sizes[z].h);
          render (GTK_WIDGET (window), name);
          gtk_window_destroy (window);
        }
  yrs_i18n_set_language ("ja");
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible attributes are checked on GTK's test context. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();
  yrs_i18n_set_language ("ja");

  /* The app's style sheet, as AdwApplication would load it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/ui/keypads/numeric-attached", test_numeric_attached);
  g_test_add_func ("/ui/keypads/numeric-focused", test_numeric_focused);
  g_test_add_func ("/ui/keypads/kana", test_kana);
  g_test_add_func ("/ui/keypads/date-field", test_date_field);
  g_test_add_func ("/ui/keypads/conversion", test_conversion);
  g_test_add_func ("/ui/keypads/handwriting", test_handwriting);
  g_test_add_func ("/ui/keypads/alphanumeric", test_alphanumeric);
  g_test_add_func ("/ui/keypads/shots", test_shots);

  return g_test_run ();
}
