/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "yrs-i18n.h"
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

  yrs_i18n_set_language ("ja");
  window = yrs_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();

  g_assert_true (tree_has_text (GTK_WIDGET (window), "ようこそ"));
  g_assert_false (tree_has_text (GTK_WIDGET (window), "Welcome"));

  shell = yrs_window_get_shell (window);
  gtk_widget_activate_action (GTK_WIDGET (shell), "shell.language", "s", "en");
  wait_idle ();
  g_assert_true (yrs_window_get_shell (window) != shell);
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add_func ("/ui/window/language-switch", test_language_switch);
  g_test_add_func ("/ui/window/sos", test_sos);

  return g_test_run ();
}
