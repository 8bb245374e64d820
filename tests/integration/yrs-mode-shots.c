/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Screenshots of the device-mode screens (not a test): the kiosk
 * countdown, the tablet sign-in, the lock screen, the outbox page and the
 * settings window, in the language given, into a directory.
 *
 *   xvfb-run -s "-screen 0 1280x800x24" yrs-mode-shots ja data/screenshots
 *
 * tools/mode-screenshots.sh runs it for both languages. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "yrs-apply-page.h"
#include "yrs-countdown.h"
#include "yrs-gui-test-util.h"
#include "yrs-i18n.h"
#include "yrs-kiosk.h"
#include "yrs-preferences-window.h"
#include "yrs-sign-in-page.h"
#include "yrs-staff-auth.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-window.h"

static const char *out_dir;
static const char *lang;

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void shoot (GtkWidget  *window,
                   const char *name);

/* The kiosk's keypads under the payment form at a kiosk's three sizes
 * (issue 20, point 12): the text keypad on the address (scrolled above
 * it), the numeric keypad on the phone number. */
static void
shoot_keypads (GSettings    *settings,
               YrsStore     *store,
               YrsStaffAuth *auth)
{
  const struct { int w, h; } sizes[] = { { 1280, 800 }, { 1080, 1920 }, { 1920, 1080 } };

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      YrsWindow *window = yrs_window_new (NULL, NULL);
      g_autoptr(YrsKiosk) kiosk = yrs_kiosk_new (window, settings, store, auth);
      const char *fields[] = { "address.line", "applicant.phone" };
      const char *names[] = { "kiosk-keypad-text", "kiosk-keypad-numeric" };
      GtkWidget *page;

      gtk_window_unfullscreen (GTK_WINDOW (window));
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[z].w, sizes[z].h);
      gtk_window_present (GTK_WINDOW (window));
      yrs_session_set_field (yrs_window_get_session (window), "apply.programme", "support_payment_pregnancy");
      settle (800);
      /* The kiosk's new person may reset the pages once it is shown:
       * until the form is there. */
      for (int tries = 0; tries < 10; tries++)
        {
          page = yrs_shell_get_visible_page (yrs_window_get_shell (window));
          if (YRS_IS_APPLY_PAGE (page) && gtk_widget_get_mapped (page))
            break;
          yrs_shell_go (yrs_window_get_shell (window), "apply");
          settle (800);
        }
      page = yrs_shell_get_visible_page (yrs_window_get_shell (window));
      g_assert_true (YRS_IS_APPLY_PAGE (page));
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%dx%d", names[i], sizes[z].w, sizes[z].h);
          GtkWidget *input = yrs_apply_page_get_input (YRS_APPLY_PAGE (page), fields[i]);
          graphene_rect_t b;

          gtk_widget_grab_focus (input);
          /* Until the page has scrolled the field above the keypad (the
           * first frames with a keypad are slow on a loaded machine). */
          for (int tries = 0; tries < 100; tries++)
            {
              GtkWidget *keypad = yrs_window_get_keyboard (window);

              settle (100);
              if (keypad != NULL && gtk_widget_get_height (keypad) > 0 &&
                  gtk_widget_compute_bounds (input, GTK_WIDGET (window), &b) &&
                  b.origin.y >= 0 &&
                  b.origin.y + b.size.height <= gtk_widget_get_height (GTK_WIDGET (window)) - gtk_widget_get_height (keypad))
                break;
            }
          if (gtk_widget_compute_bounds (input, GTK_WIDGET (window), &b))
            g_printerr ("%s: the field at %.0f-%.0f, the keypad from %d\n", name, b.origin.y,
                        b.origin.y + b.size.height,
                        gtk_widget_get_height (GTK_WIDGET (window)) -
                        gtk_widget_get_height (yrs_window_get_keyboard (window)));
          shoot (GTK_WIDGET (window), name);
        }
      yrs_kiosk_wipe (kiosk);
      g_clear_object (&kiosk);
      gtk_window_destroy (GTK_WINDOW (window));
      settle (200);
    }
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, lang);
  g_autofree char *path = g_build_filename (out_dir, file, NULL);
  int w, h;

  /* YRS_SHOT_SETTLE=ms: longer on a loaded machine, where a page's
   * crossfade may not have ended after 800 ms. */
  settle (g_getenv ("YRS_SHOT_SETTLE") != NULL ? (guint) g_ascii_strtoull (g_getenv ("YRS_SHOT_SETTLE"), NULL, 10) : 800);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s\n", path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(YrsSyncEngine) sync = NULL;
  g_autoptr(YrsStaffAuth) auth = NULL;
  g_autoptr(YrsKiosk) kiosk = NULL;
  g_autoptr(YrsOutboxItem) a = NULL;
  g_autoptr(YrsOutboxItem) b = NULL;
  g_autoptr(YrsOutboxItem) c = NULL;
  g_autoptr(YrsOutboxItem) d = NULL;
  YrsWindow *window;
  GtkWidget *prefs;

  if (argc != 3)
    {
      g_printerr ("usage: %s ja|en DIR\n", argv[0]);
      return 2;
    }
  lang = argv[1];
  out_dir = argv[2];

  gtk_init ();
  adw_init ();
  yrs_i18n_init ();
  yrs_i18n_set_language (lang);
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  tmp = g_dir_make_tmp ("yrs-shots-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmp, "yorisoi.db", NULL);
  store = yrs_store_open (db, &error);
  g_assert_no_error (error);
  settings = g_settings_new (SCHEMA_ID);
  g_settings_set_string (settings, "language", lang);
  /* A server that is not there: the screens as a nurse offline sees them. */
  sync = yrs_sync_engine_new (store, "http://127.0.0.1:9");
  auth = yrs_staff_auth_new (store, yrs_sync_engine_get_client (sync), settings);

  /* 0. The keypads under the form. */
  shoot_keypads (settings, store, auth);

  /* 1. The kiosk countdown over the welcome page. */
  window = yrs_window_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  kiosk = yrs_kiosk_new (window, settings, store, auth);
  gtk_window_present (GTK_WINDOW (window));
  yrs_gui_flush ();
  yrs_kiosk_start_countdown (kiosk);
  settle (1500);
  shoot (GTK_WIDGET (window), "kiosk-countdown");
  yrs_kiosk_cancel_countdown (kiosk);
  g_clear_object (&kiosk);
  gtk_window_unfullscreen (GTK_WINDOW (window));
  yrs_window_rebuild (window);

  /* 2. Tablet sign-in, 3. the lock screen. */
  yrs_window_set_gate (window, yrs_sign_in_page_new (auth, NULL));
  shoot (GTK_WIDGET (window), "tablet-sign-in");
  yrs_window_set_gate (window, yrs_sign_in_page_new (auth, "nurse-tanaka"));
  shoot (GTK_WIDGET (window), "tablet-lock");
  yrs_window_set_gate (window, NULL);

  /* 4. The outbox of a nurse with rows in every state. */
  yrs_session_set_sync_engine (yrs_window_get_session (window), sync);
  g_free (yrs_store_ensure_staff_session (store, "nurse-tanaka", &error));
  g_assert_no_error (error);
  yrs_session_set_store (yrs_window_get_session (window), store, "staff:nurse-tanaka");
  a = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "staff:nurse-tanaka", "{}", &error);
  b = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_REGISTRATION, "staff:nurse-tanaka", "{}", &error);
  c = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_RESERVATION, "staff:nurse-tanaka", "{}", &error);
  d = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, "staff:nurse-tanaka", "{}", &error);
  g_assert_no_error (error);
  yrs_store_outbox_mark_sending (store, a->idempotency_key, NULL);
  yrs_store_outbox_mark_accepted (store, a->idempotency_key, "KB-2025-004217", NULL);
  yrs_store_outbox_mark_sending (store, b->idempotency_key, NULL);
  yrs_store_outbox_mark_rejected (store, b->idempotency_key,
                                  "{\"status\":422,\"type\":\"urn:yorisoi:problem:validation\",\"title\":\"Invalid\","
                                  "\"errors\":[{\"field\":\"phone\",\"code\":\"format\"}]}", NULL);
  yrs_store_outbox_mark_sending (store, c->idempotency_key, NULL);
  yrs_store_outbox_mark_conflict (store, c->idempotency_key, "[]", NULL);
  yrs_store_outbox_mark_retry (store, d->idempotency_key,
                               g_str_equal (lang, "ja") ? "サーバーに接続できません" : "The server could not be reached",
                               g_get_real_time (), NULL);
  yrs_sync_engine_sync_async (sync, NULL, NULL, NULL);
  settle (1500);
  yrs_shell_go (yrs_window_get_shell (window), "outbox");
  shoot (GTK_WIDGET (window), "tablet-outbox");

  /* 5. The settings window. */
  prefs = yrs_preferences_window_new (settings, yrs_session_get_sync_status (yrs_window_get_session (window)));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 720, 800);
  gtk_window_present (GTK_WINDOW (prefs));
  shoot (prefs, "preferences");

  /* 6. A plain http:// address for another host, refused in place. */
  {
    GtkWidget *row = yrs_gui_find (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW);

    /* The server's is the entry row for a URL. */
    while (row != NULL && adw_entry_row_get_input_purpose (ADW_ENTRY_ROW (row)) != GTK_INPUT_PURPOSE_URL)
      {
        GtkWidget *next = NULL;

        for (GtkWidget *w = gtk_widget_get_next_sibling (row); w != NULL && next == NULL; w = gtk_widget_get_next_sibling (w))
          next = ADW_IS_ENTRY_ROW (w) ? w : NULL;
        if (next == NULL)
          {
            GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

            for (GtkWidget *w = gtk_widget_get_next_sibling (group); w != NULL && next == NULL; w = gtk_widget_get_next_sibling (w))
              next = yrs_gui_find (w, ADW_TYPE_ENTRY_ROW);
          }
        row = next;
      }
    if (row != NULL)
      {
        gtk_editable_set_text (GTK_EDITABLE (row), "http://api.city.example.jp");
        g_signal_emit_by_name (row, "apply");
        settle (500);
        shoot (prefs, "preferences-insecure");
      }
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  yrs_gui_flush ();
  g_settings_reset (settings, "language");
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    g_clear_object (&sync);
    g_clear_object (&auth);
    g_clear_object (&store);
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (db, suffixes[i], NULL);
        g_unlink (p);
      }
    g_rmdir (tmp);
  }
  return 0;
}
