/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "yrs-application.h"
#include "yrs-about-window.h"
#include "yrs-server-url.h"
#include "yrs-i18n.h"
#include "yrs-ime.h"
#include "yrs-store.h"
#include "yrs-sync-engine.h"
#include "yrs-device-mode.h"
#include "yrs-window.h"
#include "yrs-version.h"

struct _YrsApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
  YrsStore      *store;      /* NULL when the database could not be opened */
  YrsSyncEngine *sync;
  YrsCatalog    *catalog;

  /* From the command line (demos, screenshots); NULL / 0 when not given. */
  char          *start_language;
  char          *start_page;
  int            start_width;
  int            start_height;
};

G_DEFINE_FINAL_TYPE (YrsApplication, yrs_application, ADW_TYPE_APPLICATION)

/* The newest catalogue the device has: the one the sync engine last
 * stored, if it loads, else the bundled default. */
static void
load_catalog (YrsApplication *self)
{
  g_autoptr(YrsCatalogVersion) version = NULL;
  g_autoptr(YrsCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    version = yrs_store_get_latest_catalog (self->store, &error);
  if (error != NULL)
    g_message ("Could not read the stored catalogue: %s", error->message);
  if (version != NULL && version->document != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (version->document, strlen (version->document));

      g_clear_error (&error);
      catalog = yrs_catalog_new_from_bytes (bytes, &error);
      if (catalog == NULL)
        g_message ("The stored catalogue is not usable, keeping the bundled one: %s", error->message);
    }
  if (catalog == NULL)
    catalog = yrs_catalog_new_default ();

  if (self->catalog == NULL ||
      g_strcmp0 (yrs_catalog_get_etag (self->catalog), yrs_catalog_get_etag (catalog)) != 0)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

      g_set_object (&self->catalog, catalog);
      for (const GList *l = windows; l != NULL; l = l->next)
        if (YRS_IS_WINDOW (l->data))
          yrs_session_set_catalog (yrs_window_get_session (l->data), catalog);
    }
}

static void
on_sync_success (YrsApplication *self,
                 GParamSpec     *pspec,
                 YrsSyncEngine  *sync)
{
  /* A sync may have brought a new catalogue. */
  load_catalog (self);
}

static void
on_sync_requested (YrsApplication *self,
                   YrsSession     *session)
{
  if (self->sync != NULL)
    yrs_sync_engine_kick (self->sync);
}

/* The device database of this instance: the default one, unless the
 * instance runs under another application ID (a second kiosk on the same
 * desktop session, started with --gapplication-app-id): then one of its
 * own beside it, so that two kiosks never resume each other's person.
 * NULL means the store's default ($YRS_DB, which names the file outright,
 * or the user's data directory). */
static char *
store_path (YrsApplication *self)
{
  const char *id = g_application_get_application_id (G_APPLICATION (self));
  const char *env = g_getenv ("YRS_DB");

  if ((env != NULL && *env != '\0') || id == NULL || g_str_equal (id, APP_ID))
    return NULL;
  /* A valid application ID has no '/' and no empty element. */
  return g_build_filename (g_get_user_data_dir (), "yorisoi", id, "yorisoi.db", NULL);
}

static void
apply_city_key (YrsApplication *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "city-key");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (key == NULL || *key == '\0')
    g_message ("No city key is configured (city-key): this device refuses submissions "
               "until one is set (personal data is never kept unsealed)");
  else if (!yrs_store_set_city_key (self->store, key, &error))
    g_warning ("city-key: %s", error->message);
}

/* A city-internal CA to trust besides the system's (extra-ca-file, set in
 * the preferences): for the sync engine's client, which every flow uses
 * (sign-in, sync, lookups). A file that cannot be read leaves only the
 * system's CAs; verification stays on either way. */
static void
apply_extra_ca (YrsApplication *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "extra-ca-file");
  g_autoptr(GError) error = NULL;

  if (self->sync == NULL)
    return;
  if (!yrs_api_client_set_extra_ca_file (yrs_sync_engine_get_client (self->sync), path, &error))
    {
      g_warning ("%s", error->message);
      yrs_api_client_set_extra_ca_file (yrs_sync_engine_get_client (self->sync), NULL, NULL);
    }
}

static void
open_store (YrsApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *path = store_path (self);

  self->store = yrs_store_open (path, &error);
  if (self->store == NULL)
    {
      /* The app still works; nothing is kept across a restart. */
      g_warning ("Could not open the device database: %s", error->message);
      load_catalog (self);
      return;
    }
  if (yrs_store_get_moved_aside_path (self->store) != NULL)
    g_message ("The database was damaged and has been moved aside to %s",
               yrs_store_get_moved_aside_path (self->store));

  load_catalog (self);

  /* A kiosk session's key also in RAM ($XDG_RUNTIME_DIR, tmpfs), so a
   * crash within kiosk-restore-seconds can give her answers back; never
   * on disk (g_get_user_runtime_dir() would fall back to the cache). */
  {
    const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

    if (runtime != NULL && *runtime == '/' && g_file_test (runtime, G_FILE_TEST_IS_DIR))
      {
        g_autofree char *dir = g_build_filename (runtime, "yorisoi", "session-keys", NULL);

        yrs_store_set_session_key_dir (self->store, dir);
      }
  }

  /* Cached cases past their days are deleted (issue 18, point 3). */
  {
    g_autoptr(GError) forget_error = NULL;

    if (!yrs_store_forget_expired (self->store, g_get_real_time (), NULL, &forget_error))
      g_warning ("Forgetting expired cases: %s", forget_error->message);
  }

  /* Submissions are sealed to the city (issue 18); a new key from the
   * configuration rotates it, rows already sealed keep theirs. */
  apply_city_key (self);
  g_signal_connect_object (self->settings, "changed::city-key",
                           G_CALLBACK (apply_city_key), self, G_CONNECT_SWAPPED);

  server = g_settings_get_string (self->settings, "server-url");
  /* The engine sends nothing to such an address (the API client refuses
   * it, and the sync indicator and outbox say so); staff see why here. */
  if (server != NULL && *server != '\0' && !yrs_server_url_check (server, &error))
    g_warning ("server-url: %s", error->message);
  if (server != NULL && *server != '\0')
    {
      self->sync = yrs_sync_engine_new (self->store, server);
      apply_extra_ca (self);
      g_signal_connect_object (self->settings, "changed::extra-ca-file",
                               G_CALLBACK (apply_extra_ca), self, G_CONNECT_SWAPPED);
      yrs_sync_engine_set_interval (self->sync, g_settings_get_uint (self->settings, "sync-interval-seconds"));
      yrs_sync_engine_set_case_retention_days (self->sync, g_settings_get_uint (self->settings, "case-retention-days"));
      g_signal_connect_object (self->sync, "notify::last-success",
                               G_CALLBACK (on_sync_success), self,
                               G_CONNECT_SWAPPED);
      yrs_sync_engine_start (self->sync);
    }
}

/* When the person's last change (her draft's last write) was: 0 when
 * she has no draft. */
static gint64
last_change (YrsStore   *store,
             const char *owner)
{
  g_autoptr(GPtrArray) drafts = yrs_store_list_drafts (store, owner, NULL);
  gint64 last = 0;

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    last = MAX (last, ((const YrsDraft *) g_ptr_array_index (drafts, i))->updated_at);
  return last;
}

/* After a crash the person finds her draft again, but only if the app is
 * back within kiosk-restore-seconds of her last change: a kiosk that
 * restarts by itself later (cage runs it again) would otherwise open on
 * her answers for the next person. Then her session is wiped as at the
 * end of a session, and so is any older kiosk session left live. On a
 * tablet the drafts belong to the nurse (staff sessions, restored at her
 * sign-in); the kiosk session here only holds what was typed before. */
static YrsSession *
make_session (YrsApplication *self)
{
  YrsSession *session = yrs_session_new ();
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(GError) error = NULL;
  gboolean kiosk = g_settings_get_enum (self->settings, "mode") == 0;
  gint64 window = (gint64) g_settings_get_uint (self->settings, "kiosk-restore-seconds") * G_USEC_PER_SEC;

  yrs_session_set_catalog (session, self->catalog);
  g_signal_connect_object (session, "sync-requested",
                           G_CALLBACK (on_sync_requested), self,
                           G_CONNECT_SWAPPED);
  if (self->store == NULL)
    return session;

  sessions = yrs_store_list_sessions (self->store, &error);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const YrsSessionInfo *info = g_ptr_array_index (sessions, i);
      const YrsSessionInfo *newer = NULL;
      gint64 changed;

      if (info->kind != YRS_SESSION_KIND_KIOSK)
        continue;
      for (guint k = i + 1; newer == NULL && k < sessions->len; k++)
        if (((const YrsSessionInfo *) g_ptr_array_index (sessions, k))->kind == YRS_SESSION_KIND_KIOSK)
          newer = g_ptr_array_index (sessions, k);

      changed = last_change (self->store, info->id);
      if (!kiosk || (newer == NULL && (changed == 0 || g_get_real_time () - changed <= window)))
        {
          g_free (owner);
          owner = g_strdup (info->id);
          continue;
        }
      if (kiosk && !yrs_store_wipe_owner (self->store, info->id, &error))
        {
          g_critical ("The last kiosk session could not be wiped from the store: %s", error->message);
          g_clear_error (&error);
        }
    }
  if (owner == NULL)
    owner = yrs_store_create_kiosk_session (self->store, &error);
  if (owner == NULL)
    g_warning ("Could not start a session in the device database: %s", error->message);
  else
    yrs_session_set_store (session, self->store, owner);
  return session;
}

static void
yrs_application_startup (GApplication *app)
{
  YrsApplication *self = YRS_APPLICATION (app);
  g_autofree char *language = NULL;

  G_APPLICATION_CLASS (yrs_application_parent_class)->startup (app);

  self->settings = g_settings_new (SCHEMA_ID);
  language = g_settings_get_string (self->settings, "language");
  yrs_i18n_set_language (language);

  gtk_window_set_default_icon_name (APP_ID);

  /* The start-up benchmark's "engines loaded at start", against the lazy
   * start (tests/bench/bench-ime-startup.py). */
  if (g_getenv ("YRS_BENCH_IME_PRELOAD") != NULL)
    yrs_ime_preload ();

  open_store (self);
}

static void
yrs_application_activate (GApplication *app)
{
  YrsApplication *self = YRS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      if (self->start_language != NULL)
        yrs_i18n_set_language (self->start_language);

      g_autoptr(YrsSession) session = make_session (self);

      window = GTK_WINDOW (yrs_window_new (GTK_APPLICATION (app), session));
      /* Kiosk or staff tablet (src/app/yrs-kiosk.c, yrs-tablet.c). */
      yrs_device_mode_attach (YRS_WINDOW (window), self->settings, self->store, self->sync);

      /* Without a window manager (Xvfb, a bare kiosk X server) nothing
       * maximises the window, so the size can be asked for here. */
      if (self->start_width > 0 && self->start_height > 0)
        gtk_window_set_default_size (window, self->start_width, self->start_height);
      if (self->start_page != NULL &&
          g_strcmp0 (self->start_page, yrs_session_get_page (yrs_window_get_session (YRS_WINDOW (window)))) != 0)
        yrs_shell_go (yrs_window_get_shell (YRS_WINDOW (window)), self->start_page);
    }

  gtk_window_present (window);

  /* TLS or nothing: said on screen as well as in the log, until staff
   * correct it in the settings. */
  {
    g_autofree char *server = g_settings_get_string (self->settings, "server-url");
    g_autoptr(GError) error = NULL;

    if (server != NULL && *server != '\0' && !yrs_server_url_check (server, &error))
      {
        AdwToast *toast = adw_toast_new (error->message);

        adw_toast_set_timeout (toast, 0);
        yrs_window_add_toast (YRS_WINDOW (window), toast);
      }
  }
}

static void
yrs_application_dispose (GObject *object)
{
  YrsApplication *self = YRS_APPLICATION (object);

  if (self->sync != NULL)
    yrs_sync_engine_stop (self->sync);
  if (self->store != NULL)
    yrs_store_flush_drafts (self->store, NULL);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yrs_application_parent_class)->dispose (object);
}

static void
yrs_application_finalize (GObject *object)
{
  YrsApplication *self = YRS_APPLICATION (object);

  g_clear_pointer (&self->start_language, g_free);
  g_clear_pointer (&self->start_page, g_free);

  G_OBJECT_CLASS (yrs_application_parent_class)->finalize (object);
}

static gint
yrs_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  YrsApplication *self = YRS_APPLICATION (app);
  const char *size = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("yorisoi %s\n", yrs_version ());
      return 0;
    }

  g_variant_dict_lookup (options, "language", "s", &self->start_language);
  g_variant_dict_lookup (options, "page", "s", &self->start_page);

  if (self->start_page != NULL &&
      yrs_shell_lookup_page_type (self->start_page) == G_TYPE_INVALID)
    {
      g_printerr (_("No page called “%s”\n"), self->start_page);
      return 2;
    }

  if (g_variant_dict_lookup (options, "window-size", "&s", &size))
    {
      g_auto(GStrv) parts = g_strsplit (size, "x", 2);
      guint64 w = 0, h = 0;

      if (g_strv_length (parts) != 2 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 100, 16384, &w, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 100, 16384, &h, NULL))
        {
          g_printerr (_("The window size must be WIDTHxHEIGHT, for example 1280x800\n"));
          return 2;
        }
      self->start_width = (int) w;
      self->start_height = (int) h;
    }

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The About window (src/pages/yrs-about-window.c): the version, the
 * catalogue in use and where the data comes from. Staff open it from the
 * tablet's staff menu or the preferences window. */
static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  YrsApplication *self = YRS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(YrsCatalogVersion) version = NULL;
  g_autoptr(GDateTime) received = NULL;
  GtkWindow *about;

  if (self->store != NULL)
    version = yrs_store_get_latest_catalog (self->store, NULL);
  if (version != NULL && version->etag != NULL && version->fetched_at > 0)
    received = g_date_time_new_from_unix_local (version->fetched_at / G_USEC_PER_SEC);

  about = yrs_about_window_new (self->catalog, received);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (about, parent);
      gtk_window_set_modal (about, TRUE);
    }
  gtk_window_present (about);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
yrs_application_class_init (YrsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = yrs_application_dispose;
  object_class->finalize = yrs_application_finalize;
  app_class->handle_local_options = yrs_application_handle_local_options;
  app_class->startup = yrs_application_startup;
  app_class->activate = yrs_application_activate;
}

static const GOptionEntry option_entries[] = {
  { "language", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start in this language: ja or en"), N_("CODE") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open this page first, for example sos"), N_("NAME") },
  { "window-size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the window at this size in pixels"), N_("WIDTHxHEIGHT") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static void
yrs_application_init (YrsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}

YrsApplication *
yrs_application_new (void)
{
  return g_object_new (YRS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/yorisoi/Yorisoi",
                       /* One instance per application ID; a second kiosk
                        * on the same session gets its own ID with
                        * --gapplication-app-id (and so its own database). */
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_CAN_OVERRIDE_APP_ID,
                       NULL);
}

GSettings *
yrs_application_get_settings (YrsApplication *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The device database, or NULL when it could not be opened. */
YrsStore *
yrs_application_get_store (YrsApplication *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION (self), NULL);

  return self->store;
}

/* The sync engine, or NULL without a store or a server address. */
YrsSyncEngine *
yrs_application_get_sync_engine (YrsApplication *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION (self), NULL);

  return self->sync;
}
