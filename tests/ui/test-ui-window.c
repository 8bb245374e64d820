/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "yrs-device-mode.h"
#include "yrs-i18n.h"
#include "yrs-retranslate.h"
#include "yrs-window.h"

/* Finds the first GtkLabel (or AdwWindowTitle title) under `root` whose
 * text is `text`. */
static gboolean
tree_has_text (GtkWidget  *root,
               const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  if (ADW_IS_WINDOW_TITLE (root) && g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (tree_has_text (child, text))
      return TRUE;
  return FALSE;
}

static void
wait_idle (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
test_language_switch (void)
{
  YrsWindow *window;
  YrsShell *shell;
  GtkWidget *page;

  yrs_i18n_set_language ("ja");
  window = yrs_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();

  g_assert_true (tree_has_text (GTK_WIDGET (window), "ようこそ"));
  g_assert_false (tree_has_text (GTK_WIDGET (window), "Welcome"));

  shell = yrs_window_get_shell (window);
  page = yrs_shell_get_visible_page (shell);
  gtk_widget_activate_action (GTK_WIDGET (shell), "shell.language", "s", "en");
  wait_idle ();
  /* Translated in place (issue 23): the same shell and page. */
  g_assert_true (yrs_window_get_shell (window) == shell);
  g_assert_true (yrs_shell_get_visible_page (shell) == page);
  g_assert_true (tree_has_text (GTK_WIDGET (window), "Welcome"));
  g_assert_false (tree_has_text (GTK_WIDGET (window), "ようこそ"));

  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (window)), "shell.language", "s", "ja");
  wait_idle ();
  g_assert_true (tree_has_text (GTK_WIDGET (window), "ようこそ"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sos (void)
{
  YrsWindow *window;

  yrs_i18n_set_language ("en");
  window = yrs_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();

  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (window)), "shell.go", "s", "sos");
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (yrs_window_get_session (window)), ==, "sos");
  g_assert_true (tree_has_text (GTK_WIDGET (yrs_window_get_shell (window)), "Phone: 078-351-3400"));

  /* The page stays across a switch, now in Japanese. */
  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (window)), "shell.language", "s", "ja");
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (yrs_window_get_session (window)), ==, "sos");
  g_assert_true (tree_has_text (GTK_WIDGET (yrs_window_get_shell (window)), "電話：078-351-3400"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The desktop prefers dark (main() says so): a staff tablet follows it, a
 * public kiosk stays light. */
static void
test_colour_scheme (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yrs-ui-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "yorisoi.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  YrsStore *store;
  YrsWindow *window;

  g_assert_no_error (error);
  store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (adw_style_manager_get_system_supports_color_schemes (style));

  g_settings_set_enum (settings, "mode", 1);
  window = yrs_window_new (NULL, NULL);
  yrs_device_mode_attach (window, settings, store, NULL);
  g_assert_true (adw_style_manager_get_dark (style));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  g_settings_set_enum (settings, "mode", 0);
  window = yrs_window_new (NULL, NULL);
  yrs_device_mode_attach (window, settings, store, NULL);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();

  g_settings_reset (settings, "mode");
  g_assert_finalize_object (store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
switch_window (GtkWidget  *window,
               const char *to)
{
  YrsLang from = yrs_i18n_get_lang ();

  yrs_i18n_set_language (to);
  yrs_retranslate_widget (window, from);
  wait_idle ();
}

/* Issue 23: the walk puts a text back into the msgid it came from, not the
 * first msgid the reverse table finds for it: "Change" under two contexts
 * (変更する for a bank, 修正する for an answer), 日 for both "Sun" and "Day".
 * A hidden label is put into the new language when it is shown. */
static void
test_retranslate_keys (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bank, *sunday, *hidden;

  yrs_i18n_set_language ("ja");
  bank = gtk_label_new (C_("bank", "Change"));
  hidden = gtk_label_new (_("Welcome"));
  gtk_widget_set_visible (hidden, FALSE);
  yrs_i18n_set_language ("en");
  sunday = gtk_label_new (C_("weekday", "Sun"));
  gtk_box_append (GTK_BOX (box), bank);
  gtk_box_append (GTK_BOX (box), sunday);
  gtk_box_append (GTK_BOX (box), hidden);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (bank)), ==, "変更する");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sunday)), ==, "Sun");

  /* The bank's label came in Japanese, Sunday's in English: one walk from
   * each language. */
  yrs_i18n_set_language ("ja");
  yrs_retranslate_widget (sunday, YRS_LANG_EN);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sunday)), ==, "日");
  for (guint i = 0; i < 2; i++)
    {
      switch_window (window, "en");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (bank)), ==, "Change");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sunday)), ==, "Sun");
      switch_window (window, "ja");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (bank)), ==, "変更する");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sunday)), ==, "日");
    }

  /* Left out while hidden, in the language of the day once shown. */
  switch_window (window, "en");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (hidden)), ==, "ようこそ");
  gtk_widget_set_visible (hidden, TRUE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (hidden)), ==, "Welcome");
  /* Hidden again over two switches that end where it was left. */
  gtk_widget_set_visible (hidden, FALSE);
  switch_window (window, "ja");
  switch_window (window, "en");
  gtk_widget_set_visible (hidden, TRUE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (hidden)), ==, "Welcome");

  gtk_window_destroy (GTK_WINDOW (window));
  yrs_i18n_set_language ("ja");
}

/* The first switch of a widget built in Japanese whose text po/ja.po gave
 * to two msgids (氏名 for "Full name" and "name", 住所 for "Address" and
 * "Where you live", 承認待ち, 送信待ち, 電話, …; tools/ja-duplicates.py
 * lists them): each widget, built from a .ui in Japanese as the pages
 * are, shows its own English, not the first msgid of the reverse table.
 * The weekday headings, whose 月 and 日 are also "Month" and "Day", keep
 * their keys (yrs_retranslate_remember()). */
static void
test_retranslate_shared_japanese (void)
{
  static const struct { const char *context; const char *msgid; } keys[] = {
    { NULL, "Street address" }, { NULL, "Where you live" },
    { NULL, "Find out what you can use" },
    { NULL, "Due date" }, { NULL, "Reference number" },
    { NULL, "Waiting for approval" }, { NULL, "Waiting for your decision" },
    { NULL, "Full name" }, { NULL, "Full name in katakana (フリガナ)" },
    { NULL, "Postpartum care reservation" },
    { NULL, "Which payment are you applying for?" },
    { NULL, "Submission" }, { NULL, "Submissions" },
    { NULL, "Outbox" }, { NULL, "Waiting to send" },
    { NULL, "Postal code" }, { NULL, "Postcodes" },
    { NULL, "Bank code" }, { NULL, "Bank codes" },
    { NULL, "By phone" }, { NULL, "Phone call" },
    { NULL, "Phone number" },
    { NULL, "Waiting for the consultation" }, { NULL, "Waiting for your consultation" },
    { NULL, "Close keypad" },
    { NULL, "Child's date of birth" }, { NULL, "Account number" },
    { NULL, "Day" }, { NULL, "Month" },
    { "care kind", "Stay" }, { "wizard", "Back" },
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *labels[G_N_ELEMENTS (keys)];
  GtkWidget *sun, *mon;

  yrs_i18n_set_language ("ja");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *ui = NULL;
      g_autofree char *text = g_markup_escape_text (keys[i].msgid, -1);
      g_autoptr(GtkBuilder) builder = NULL;

      ui = g_strdup_printf ("<interface domain=\"" GETTEXT_PACKAGE "\"><object class=\"GtkLabel\" id=\"label\">"
                            "<property name=\"label\" translatable=\"yes\"%s%s%s>%s</property>"
                            "</object></interface>",
                            keys[i].context != NULL ? " context=\"" : "",
                            keys[i].context != NULL ? keys[i].context : "",
                            keys[i].context != NULL ? "\"" : "", text);
      builder = gtk_builder_new_from_string (ui, -1);
      labels[i] = GTK_WIDGET (gtk_builder_get_object (builder, "label"));
      /* Built in Japanese: the catalogue has each of them. */
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (labels[i])), !=, keys[i].msgid);
      gtk_box_append (GTK_BOX (box), labels[i]);
    }
  sun = gtk_label_new (C_("weekday", "Sun"));
  yrs_retranslate_remember (sun, "label", "weekday", "Sun");
  mon = gtk_label_new (C_("weekday", "Mon"));
  yrs_retranslate_remember (mon, "label", "weekday", "Mon");
  gtk_box_append (GTK_BOX (box), sun);
  gtk_box_append (GTK_BOX (box), mon);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();

  switch_window (window, "en");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (labels[i])), ==, keys[i].msgid);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sun)), ==, "Sun");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (mon)), ==, "Mon");
  switch_window (window, "ja");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sun)), ==, "日");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (mon)), ==, "月");
  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  /* A desktop in the dark scheme (libadwaita reads this at adw_init). */
  g_setenv ("ADW_DEBUG_COLOR_SCHEME", "prefer-dark", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add_func ("/ui/window/language-switch", test_language_switch);
  g_test_add_func ("/ui/window/retranslate-keys", test_retranslate_keys);
  g_test_add_func ("/ui/window/retranslate-shared-japanese", test_retranslate_shared_japanese);
  g_test_add_func ("/ui/window/sos", test_sos);
  g_test_add_func ("/ui/window/colour-scheme", test_colour_scheme);

  return g_test_run ();
}
