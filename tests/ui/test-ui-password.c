/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Change password" dialog of the tablet's staff menu (issue 18),
 * laid out with the app's style sheet and driven against the real
 * yorisoi-server over loopback: every control has a name in the page's
 * language and is at least 44 px high; the two new fields must match; a
 * too short new password and a wrong current one are said in place and
 * nothing changes; the right one emits ::changed and closes the dialog,
 * after which the new password signs in on the device without a network
 * and the old one does not. Without the server she is told that the
 * change needs it. */

#include "config.h"

#include <adwaita.h>
#include <sodium.h>

#include "yrs-i18n.h"
#include "yrs-kana-keypad.h"
#include "yrs-password-dialog.h"
#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-test-server.h"
#include "../unit/test-store-util.h"

#define NEW_PASSWORD "rokko-island-2026"

static void
wait_frames (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* With $YRS_SHOT_DIR, a PNG of the dialog as it stands (for looking at;
 * not part of the checks). */
static void
shot (GtkWidget  *window,
      const char *name)
{
  const char *dir = g_getenv ("YRS_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Wait;

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
signed_in (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = yrs_staff_auth_sign_in_finish (YRS_STAFF_AUTH (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
sign_in (YrsStaffAuth *auth,
         const char   *staff_id,
         const char   *password)
{
  Wait w = { 0 };

  yrs_staff_auth_sign_in_async (auth, staff_id, password, NULL, signed_in, &w);
  wait_until (wait_done, &w);
  g_clear_error (&w.error);
  return w.ok;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkEditable *
row (GtkWidget  *dialog,
     guint       index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  return GTK_EDITABLE (rows->pdata[index]);
}

static void
fill (GtkWidget  *dialog,
      const char *current,
      const char *new_password,
      const char *confirm)
{
  gtk_editable_set_text (row (dialog, 0), current);
  gtk_editable_set_text (row (dialog, 1), new_password);
  gtk_editable_set_text (row (dialog, 2), confirm);
}

static gboolean
spinning (GtkWidget *root)
{
  if (GTK_IS_SPINNER (root) && gtk_spinner_get_spinning (GTK_SPINNER (root)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (spinning (child))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget *dialog;
  guint      changed;
} Watch;

static gboolean
answered (gpointer data)
{
  Watch *watch = data;

  /* The dialog's spinner turns while the change is under way. */
  return watch->changed > 0 || !spinning (watch->dialog);
}

static void
on_changed (GtkWidget *dialog,
            Watch     *watch)
{
  watch->changed++;
}

static void
check_controls (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect (dialog, GTK_TYPE_BUTTON, buttons);
  collect (dialog, GTK_TYPE_TEXT, texts);
  g_assert_cmpuint (texts->len, ==, 3);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = buttons->pdata[i];
      const char *label = GTK_IS_BUTTON (button) ? gtk_button_get_label (GTK_BUTTON (button)) : NULL;

      /* The keypad's keys: check_keypad(). */
      if (gtk_widget_get_ancestor (button, YRS_TYPE_KEYPAD) != NULL)
        continue;

      g_test_message ("%s \"%s\": %d x %d", G_OBJECT_TYPE_NAME (button), label ? label : "",
                      gtk_widget_get_width (button), gtk_widget_get_height (button));
      /* Each has a name (the rows' "show password" toggles too). */
      g_assert_true (label != NULL ||
                     gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                     gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
                     gtk_widget_get_tooltip_text (button) != NULL);
      if (label != NULL)
        {
          /* The dialog's own buttons: big targets, Japanese names. */
          g_assert_cmpint (gtk_widget_get_height (button), >=, 44);
          g_assert_cmpint (gtk_widget_get_width (button), >=, 44);
          g_assert_true (g_utf8_validate (label, -1, NULL));
          g_assert_true (g_strcmp0 (label, "パスワードの変更") == 0 || g_strcmp0 (label, "キャンセル") == 0);
        }
    }
  for (guint i = 0; i < texts->len; i++)
    {
      GtkWidget *text = texts->pdata[i];
      GtkWidget *entry_row = gtk_widget_get_ancestor (text, ADW_TYPE_PASSWORD_ENTRY_ROW);

      /* The rows' titles name the fields (AdwEntryRow labels its text by
       * the title), in Japanese. */
      g_assert_nonnull (entry_row);
      gtk_test_accessible_assert_property (text, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry_row)));
      g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry_row)), "パスワード"));
      g_assert_cmpint (gtk_widget_get_height (entry_row), >=, 44);
    }
}

/* Touch entry as in the app's other touch forms: the in-app keypad, in
 * Latin letters and digits only (no kana, no conversion, no candidates,
 * no mode switch), keys of at least 56 px named in Japanese, typing into
 * the focused field; the system keyboard is inhibited on the fields. */
static void
check_keypad (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) keypads = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  YrsKanaKeypad *keypad;
  GtkWidget *q = NULL, *seven = NULL;

  collect (dialog, YRS_TYPE_KANA_KEYPAD, keypads);
  g_assert_cmpuint (keypads->len, ==, 1);
  keypad = keypads->pdata[0];
  g_assert_cmpint (yrs_kana_keypad_get_mode (keypad), ==, YRS_KANA_KEYPAD_MODE_ALPHANUMERIC);
  g_assert_false (yrs_kana_keypad_get_show_modes (keypad));
  for (guint i = 0; i < 3; i++)
    g_assert_true (adw_entry_row_get_input_hints (ADW_ENTRY_ROW (row (dialog, i))) & GTK_INPUT_HINT_INHIBIT_OSK);

  collect (GTK_WIDGET (keypad), GTK_TYPE_BUTTON, keys);
  g_assert_cmpuint (keys->len, >=, 40);
  for (guint i = 0; i < keys->len; i++)
    {
      GtkWidget *key = keys->pdata[i];
      const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (key));
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (key));
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (key, key, &bounds));
      g_assert_cmpfloat (bounds.size.width, >=, 56);
      g_assert_cmpfloat (bounds.size.height, >=, 56);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL));
      /* Nothing of kana or conversion is on screen. */
      g_assert_false (g_strcmp0 (action, "kana.type") == 0 || g_strcmp0 (action, "kana.candidate") == 0);
      if (g_strcmp0 (action, "kana.latin") == 0 && target != NULL &&
          g_str_equal (g_variant_get_string (target, NULL), "Q"))
        q = key;
      if (g_strcmp0 (action, "kana.latin") == 0 && target != NULL &&
          g_str_equal (g_variant_get_string (target, NULL), "7"))
        seven = key;
    }
  g_assert_nonnull (q);
  g_assert_nonnull (seven);

  /* Two taps type into the focused field, nothing held back. */
  gtk_widget_grab_focus (GTK_WIDGET (row (dialog, 1)));
  g_signal_emit_by_name (q, "clicked");
  g_signal_emit_by_name (seven, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (row (dialog, 1)), ==, "Q7");
  g_assert_cmpstr (yrs_kana_keypad_get_reading (keypad), ==, "");
  gtk_editable_set_text (row (dialog, 1), "");
}

static void
test_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *db = g_build_filename (tmp, "yorisoi.db", NULL);
  g_autoptr(YrsTestServer) server = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(YrsSyncEngine) sync = NULL;
  g_autoptr(YrsStaffAuth) auth = NULL;
  g_autofree char *staff_id = NULL;
  g_autofree char *password = NULL;
  GtkWidget *dialog;
  Watch watch = { 0 };

  server = yrs_test_server_new (NULL, &error);
  g_assert_no_error (error);
  staff_id = g_strdup (yrs_test_server_get_staff_id (server));
  password = g_strdup (yrs_test_server_get_staff_password (server));
  g_settings_set_uint (settings, "offline-signin-days", 7);
  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  sync = yrs_sync_engine_new (store, yrs_test_server_get_url (server));
  auth = yrs_staff_auth_new (store, yrs_sync_engine_get_client (sync), settings);
  g_assert_true (sign_in (auth, staff_id, password));

  dialog = yrs_password_dialog_new (auth);
  g_object_ref_sink (dialog);
  watch.dialog = dialog;
  g_signal_connect (dialog, "changed", G_CALLBACK (on_changed), &watch);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, 760);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_frames ();
  check_controls (dialog);
  check_keypad (dialog);

  /* The two new fields differ: said at once, nothing sent. */
  fill (dialog, password, NEW_PASSWORD, "rokko-island-2025");
  yrs_password_dialog_submit (YRS_PASSWORD_DIALOG (dialog));
  g_assert_nonnull (yrs_password_dialog_get_error (YRS_PASSWORD_DIALOG (dialog)));
  g_assert_nonnull (strstr (yrs_password_dialog_get_error (YRS_PASSWORD_DIALOG (dialog)), "一致しません"));
  /* What she typed in the new fields stays. */
  g_assert_cmpstr (gtk_editable_get_text (row (dialog, 1)), ==, NEW_PASSWORD);

  /* Too short. */
  fill (dialog, password, "short", "short");
  yrs_password_dialog_submit (YRS_PASSWORD_DIALOG (dialog));
  wait_until (answered, &watch);
  g_assert_nonnull (strstr (yrs_password_dialog_get_error (YRS_PASSWORD_DIALOG (dialog)), "10文字以上"));
  g_assert_cmpuint (watch.changed, ==, 0);

  /* A wrong current password: the server's answer, in place. */
  fill (dialog, "not-her-password", NEW_PASSWORD, NEW_PASSWORD);
  yrs_password_dialog_submit (YRS_PASSWORD_DIALOG (dialog));
  wait_until (answered, &watch);
  g_assert_cmpstr (yrs_password_dialog_get_error (YRS_PASSWORD_DIALOG (dialog)), ==,
                   "現在のパスワードが正しくありません。");
  /* The current password never stays in its field. */
  g_assert_cmpstr (gtk_editable_get_text (row (dialog, 0)), ==, "");
  wait_frames ();
  shot (dialog, "password-dialog-ja.png");
  g_assert_cmpuint (watch.changed, ==, 0);

  /* The right one. */
  fill (dialog, password, NEW_PASSWORD, NEW_PASSWORD);
  yrs_password_dialog_submit (YRS_PASSWORD_DIALOG (dialog));
  wait_until (answered, &watch);
  g_assert_cmpuint (watch.changed, ==, 1);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_object_unref (dialog);

  /* Without the server: the new one works offline, the old one not. */
  yrs_test_server_stop (server);
  yrs_staff_auth_sign_out (auth);
  g_assert_false (sign_in (auth, staff_id, password));
  g_assert_true (sign_in (auth, staff_id, NEW_PASSWORD));

  /* And the dialog says the change needs the city's server. */
  dialog = yrs_password_dialog_new (auth);
  g_object_ref_sink (dialog);
  watch.dialog = dialog;
  watch.changed = 0;
  gtk_window_present (GTK_WINDOW (dialog));
  wait_frames ();
  fill (dialog, NEW_PASSWORD, "another-password-1", "another-password-1");
  yrs_password_dialog_submit (YRS_PASSWORD_DIALOG (dialog));
  wait_until (answered, &watch);
  g_assert_nonnull (strstr (yrs_password_dialog_get_error (YRS_PASSWORD_DIALOG (dialog)), "市のサーバー"));
  wait_frames ();
  shot (dialog, "password-dialog-offline-ja.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* The same in English. */
  yrs_i18n_set_language ("en");
  dialog = yrs_password_dialog_new (auth);
  g_object_ref_sink (dialog);
  watch.dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  wait_frames ();
  fill (dialog, NEW_PASSWORD, "another-password-1", "another-password-1");
  yrs_password_dialog_submit (YRS_PASSWORD_DIALOG (dialog));
  wait_until (answered, &watch);
  g_assert_nonnull (strstr (yrs_password_dialog_get_error (YRS_PASSWORD_DIALOG (dialog)), "city's server"));
  wait_frames ();
  shot (dialog, "password-dialog-offline-en.png");
  yrs_i18n_set_language ("ja");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  wait_frames ();

  yrs_staff_auth_sign_out (auth);
  g_settings_reset (settings, "offline-signin-days");
  store_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_cmpint (sodium_init (), >=, 0);
  yrs_i18n_init ();
  yrs_i18n_set_language ("ja");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/ui/password/dialog", test_dialog);
  return g_test_run ();
}
