/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The kiosk's touch input: the numeric and kana keypads are driven by
 * clicking their buttons (as a finger does), never by the keyboard, and the
 * text that lands in the field is checked; the date field is filled the
 * same way and checked through its "date" and "error" properties.
 *
 * With YRS_WIDGET_SHOT_DIR set, each window is also saved as a PNG there. */

#include "config.h"

#include <adwaita.h>

#include "yrs-date-field.h"
#include "yrs-form.h"
#include "yrs-i18n.h"
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
    n += check_keys (child);
  return n;
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

  g_assert_cmpuint (check_keys (keypad), ==, 12);

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
  window = window_with (box);

  /* 46 of the table, ー, 10 small kana, ゛ ゜, space, delete, clear. */
  g_assert_cmpuint (check_keys (keypad), ==, 62);

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

int
main (int   argc,
      char *argv[])
{
  /* The accessible attributes are checked on GTK's test context. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

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

  return g_test_run ();
}
