/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-test-server"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "yrs-test-server.h"

struct _YrsTestServer
{
  GSubprocess *process;
  char        *tmpdir;
  char        *db_path;
  char        *catalog_path;
  gboolean     demo;
  int          approve_after;
  GStrv        extra_args;
  char        *url;
  guint16      port;
  char        *staff_id;
  char        *staff_password;
  char        *kiosk_token;
  guint        runs;
  char        *seal_keys_path;   /* the city's secret keys (issue 18) */
  char        *city_key;         /* "KEY-ID:BASE64" of the newest */
};

static const char *
server_binary (void)
{
  static char *path;
  const char *bin = g_getenv ("YRS_SERVER_BIN");

  if (bin != NULL && *bin != '\0')
    return bin;
  if (path == NULL)
    path = g_build_filename (g_getenv ("YRS_BUILD_ROOT") != NULL ? g_getenv ("YRS_BUILD_ROOT") : ".",
                             "src", "server", "yorisoi-server", NULL);
  return path;
}

/* With YRS_TEST_DB=postgresql: one throw-away PostgreSQL cluster for this
 * test process (tests/integration/pg-cluster.sh), removed at exit; each
 * server gets a database of its own on it. */
static char *pg_dir;
static char *pg_base;

static const char *
pg_script (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (g_getenv ("YRS_SOURCE_ROOT") != NULL ? g_getenv ("YRS_SOURCE_ROOT") : ".",
                             "tests", "integration", "pg-cluster.sh", NULL);
  return path;
}

static void
pg_destroy (void)
{
  const char *argv[] = { "/bin/sh", pg_script (), "destroy", pg_dir, NULL };
  g_autofree char *parent = g_path_get_dirname (pg_dir);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  g_rmdir (parent);
}

gboolean
yrs_test_server_use_postgresql (void)
{
  return g_strcmp0 (g_getenv ("YRS_TEST_DB"), "postgresql") == 0;
}

const char *
yrs_test_pg_cluster_start (GError **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (pg_base != NULL)
    return pg_base;
  parent = g_dir_make_tmp ("yrs-test-pg-XXXXXX", error);
  if (parent == NULL)
    return NULL;
  pg_dir = g_build_filename (parent, "cluster", NULL);
  {
    const char *argv[] = { "/bin/sh", pg_script (), "start", pg_dir, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       &out, &err, &status, error))
      return NULL;
  }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "pg-cluster.sh start: %s", err);
      return NULL;
    }
  atexit (pg_destroy);
  pg_base = g_strdup (g_strstrip (out));
  return pg_base;
}

const char *
yrs_test_pg_cluster_dir (void)
{
  return pg_dir;
}

char *
yrs_test_pg_new_database (GError **error)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("yrs_%d_%u", (int) getpid (), ++counter);
  const char *argv[] = { "/bin/sh", pg_script (), "createdb", NULL, name, NULL };
  int status;

  if (yrs_test_pg_cluster_start (error) == NULL)
    return NULL;
  argv[3] = pg_dir;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;
  return g_strdup_printf ("%s/%s", pg_base, name);
}

char *
yrs_test_pg_query (const char *uri,
                   const char *sql)
{
  const char *argv[] = { "/usr/bin/psql", uri, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strdup (g_strstrip (out));
}

static void
child_setup (gpointer data)
{
  /* The server must not outlive a test that crashes. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static char *
log_path (YrsTestServer *self,
          guint          run)
{
  g_autofree char *name = g_strdup_printf ("server-%u.log", run);

  return g_build_filename (self->tmpdir, name, NULL);
}

static gboolean
spawn (YrsTestServer *self,
       GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *log = NULL;
  gboolean ready = FALSE;

  g_ptr_array_add (argv, g_strdup (server_binary ()));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", self->port));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (self->db_path));
  g_ptr_array_add (argv, g_strdup ("--approve-after"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", self->approve_after));
  if (self->demo)
    g_ptr_array_add (argv, g_strdup ("--demo"));
  if (self->catalog_path != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--catalog"));
      g_ptr_array_add (argv, g_strdup (self->catalog_path));
    }
  if (self->seal_keys_path != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--seal-keys"));
      g_ptr_array_add (argv, g_strdup (self->seal_keys_path));
    }
  for (guint i = 0; self->extra_args != NULL && self->extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (self->extra_args[i]));
  g_ptr_array_add (argv, NULL);

  self->runs++;
  log = log_path (self, self->runs);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  if (self->kiosk_token != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "YRS_DEMO_PASSWORD", self->staff_password, TRUE);
      g_subprocess_launcher_setenv (launcher, "YRS_DEMO_KIOSK_TOKEN", self->kiosk_token, TRUE);
    }

  self->process = g_subprocess_launcher_spawnv (launcher,
                                                (const char * const *) argv->pdata,
                                                error);
  if (self->process == NULL)
    return FALSE;

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  while (!ready)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);

      if (line == NULL)
        {
          g_autofree char *text = NULL;

          g_file_get_contents (log, &text, NULL, NULL);
          g_clear_error (error);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "yorisoi-server did not start: %s", text != NULL ? text : "");
          g_subprocess_wait (self->process, NULL, NULL);
          g_clear_object (&self->process);
          return FALSE;
        }
      if (g_str_has_prefix (line, "listening on "))
        {
          const char *colon;

          g_free (self->url);
          self->url = g_strdup (line + strlen ("listening on "));
          colon = strrchr (self->url, ':');
          self->port = colon != NULL ? (guint16) g_ascii_strtoull (colon + 1, NULL, 10) : 0;
        }
      else if (g_str_has_prefix (line, "demo staff: "))
        {
          g_auto(GStrv) parts = g_strsplit (line + strlen ("demo staff: "), " ", 2);

          if (g_strv_length (parts) == 2)
            {
              g_free (self->staff_id);
              g_free (self->staff_password);
              self->staff_id = g_strdup (parts[0]);
              self->staff_password = g_strdup (parts[1]);
            }
        }
      else if (g_str_has_prefix (line, "demo kiosk token: "))
        {
          g_free (self->kiosk_token);
          self->kiosk_token = g_strdup (line + strlen ("demo kiosk token: "));
        }
      else if (strcmp (line, "ready") == 0)
        ready = TRUE;
    }
  return TRUE;
}

YrsTestServer *
yrs_test_server_new (const YrsTestServerOptions *options,
                     GError                    **error)
{
  YrsTestServerOptions defaults = { .demo = TRUE, .approve_after = 0 };
  YrsTestServer *self = g_new0 (YrsTestServer, 1);

  if (options == NULL)
    options = &defaults;
  self->tmpdir = g_dir_make_tmp ("yrs-test-server-XXXXXX", error);
  if (self->tmpdir == NULL)
    {
      yrs_test_server_free (self);
      return NULL;
    }
  if (options->db_path != NULL)
    self->db_path = g_strdup (options->db_path);
  else if (yrs_test_server_use_postgresql ())
    {
      self->db_path = yrs_test_pg_new_database (error);
      if (self->db_path == NULL)
        {
          yrs_test_server_free (self);
          return NULL;
        }
    }
  else
    self->db_path = g_build_filename (self->tmpdir, "server.db", NULL);
  self->catalog_path = g_strdup (options->catalog_path);
  self->demo = options->demo;
  self->approve_after = options->approve_after;
  self->extra_args = g_strdupv ((char **) options->extra_args);

  /* A key pair of the city's, as a city provisions one (README). */
  self->seal_keys_path = g_build_filename (self->tmpdir, "seal-keys", NULL);
  if (!yrs_test_server_add_city_key (self, "test-1", error))
    {
      yrs_test_server_free (self);
      return NULL;
    }

  for (int attempt = 0; attempt < 3; attempt++)
    {
      if (spawn (self, error))
        return self;
      if (attempt < 2)
        g_clear_error (error);
    }
  yrs_test_server_free (self);
  return NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

void
yrs_test_server_free (YrsTestServer *self)
{
  if (self == NULL)
    return;
  yrs_test_server_stop (self);
  if (self->tmpdir != NULL)
    remove_tree (self->tmpdir);
  g_free (self->tmpdir);
  g_free (self->db_path);
  g_free (self->catalog_path);
  g_strfreev (self->extra_args);
  g_free (self->seal_keys_path);
  g_free (self->city_key);
  g_free (self->url);
  g_free (self->staff_id);
  g_free (self->staff_password);
  g_free (self->kiosk_token);
  g_free (self);
}

const char *
yrs_test_server_get_url (YrsTestServer *self)
{
  return self->url;
}

guint16
yrs_test_server_get_port (YrsTestServer *self)
{
  return self->port;
}

const char *
yrs_test_server_get_db_path (YrsTestServer *self)
{
  return self->db_path;
}

const char *
yrs_test_server_get_staff_id (YrsTestServer *self)
{
  return self->staff_id;
}

const char *
yrs_test_server_get_staff_password (YrsTestServer *self)
{
  return self->staff_password;
}

const char *
yrs_test_server_get_kiosk_token (YrsTestServer *self)
{
  return self->kiosk_token;
}

gboolean
yrs_test_server_is_running (YrsTestServer *self)
{
  return self->process != NULL;
}

static void
end_process (YrsTestServer *self,
             int            sig)
{
  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, sig);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

void
yrs_test_server_stop (YrsTestServer *self)
{
  end_process (self, SIGTERM);
}

void
yrs_test_server_kill (YrsTestServer *self)
{
  end_process (self, SIGKILL);
}

gboolean
yrs_test_server_restart (YrsTestServer *self,
                         GError       **error)
{
  yrs_test_server_stop (self);
  /* The port was just released; binding it again can race a lingering
   * socket, so try a few times. */
  for (int attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (spawn (self, &local_error))
        return TRUE;
      if (attempt == 19)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (100 * 1000);
    }
  return FALSE;
}

char *
yrs_test_server_dup_log (YrsTestServer *self)
{
  GString *all = g_string_new (NULL);

  for (guint run = 1; run <= self->runs; run++)
    {
      g_autofree char *path = log_path (self, run);
      g_autofree char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL))
        g_string_append (all, text);
    }
  return g_string_free (all, FALSE);
}

guint
yrs_test_server_count_requests (YrsTestServer *self,
                                const char    *method,
                                const char    *path,
                                guint          status)
{
  g_autofree char *log = yrs_test_server_dup_log (self);
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      char *query;

      if (!g_str_has_prefix (lines[i], "request "))
        continue;
      parts = g_strsplit (lines[i], " ", 6);
      if (g_strv_length (parts) < 5)
        continue;
      if ((query = strchr (parts[2], '?')) != NULL)
        *query = '\0';
      if ((method == NULL || strcmp (parts[1], method) == 0) &&
          (path == NULL || strcmp (parts[2], path) == 0) &&
          (status == 0 || g_ascii_strtoull (parts[3], NULL, 10) == status))
        count++;
    }
  return count;
}

char *
yrs_test_server_write_catalog (const char *dir,
                               const char *facilities_path,
                               const char *version,
                               GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *bundled = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  JsonObject *catalog;
  static guint serial;

  bundled = g_build_filename (g_getenv ("YRS_SOURCE_ROOT") != NULL ? g_getenv ("YRS_SOURCE_ROOT") : ".",
                              "data", "catalog", "kobe-2025.json", NULL);
  if (!json_parser_load_from_file (parser, bundled, error))
    return NULL;
  catalog = json_node_get_object (json_parser_get_root (parser));

  if (facilities_path != NULL)
    {
      g_autoptr(JsonParser) facilities = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_file (facilities, facilities_path, error))
        return NULL;
      root = json_parser_get_root (facilities);
      if (!JSON_NODE_HOLDS_OBJECT (root) ||
          !json_object_has_member (json_node_get_object (root), "facilities"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: no \"facilities\"", facilities_path);
          return NULL;
        }
      json_object_set_member (catalog, "facilities",
                              json_node_copy (json_object_get_member (json_node_get_object (root),
                                                                      "facilities")));
    }
  if (version != NULL)
    json_object_set_string_member (catalog, "version", version);

  name = g_strdup_printf ("catalog-%u-%u.json", (guint) getpid (), ++serial);
  path = g_build_filename (dir, name, NULL);
  json_generator_set_root (generator, json_parser_get_root (parser));
  if (!json_generator_to_file (generator, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

gboolean
yrs_test_server_add_city_key (YrsTestServer  *self,
                              const char     *key_id,
                              GError        **error)
{
  g_autoptr(GSubprocess) keygen = NULL;
  g_autofree char *out = NULL;

  keygen = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error, server_binary (),
                             "seal-keygen", key_id, self->seal_keys_path, NULL);
  if (keygen == NULL || !g_subprocess_communicate_utf8 (keygen, NULL, NULL, &out, NULL, error))
    return FALSE;
  if (!g_subprocess_get_successful (keygen) || out == NULL || *out == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "yorisoi-server seal-keygen failed");
      return FALSE;
    }
  g_free (self->city_key);
  self->city_key = g_strdup (g_strstrip (out));
  return TRUE;
}

const char *
yrs_test_server_get_city_key (YrsTestServer *self)
{
  return self->city_key;
}
