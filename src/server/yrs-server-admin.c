/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yorisoi-server admin …: provisioning on the server's database, for the
 * city's IT. Passwords come from a prompt (no echo) or, when stdin is not
 * a terminal, from its first line; never from the command line, where
 * ps(1) and the shell's history would keep them. A device token is shown
 * once and only its hash is kept. */

#define G_LOG_DOMAIN "yrs-server"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "yrs-server-admin.h"
#include "yrs-server-private.h"

#define MIN_PASSWORD_CHARS 10

typedef int (*AdminFunc) (YrsDb *db, int argc, char **argv);

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  AdminFunc   func;
  int         n_args;
} AdminCommand;

static char *opt_role;
static char *opt_ward;

static gboolean
valid_name (const char *text)
{
  return yrs_api_is_valid_id (text) && strlen (text) <= 64;
}

static char *
read_line_no_echo (const char *prompt)
{
  struct termios old, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[1024];
  char *line;

  if (tty)
    {
      fputs (prompt, stderr);
      fflush (stderr);
      tcgetattr (STDIN_FILENO, &old);
      quiet = old;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
      fputs ("\n", stderr);
    }
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  sodium_memzero (buffer, sizeof buffer);
  return line;
}

static char *
read_password (void)
{
  g_autofree char *first = read_line_no_echo ("Password: ");
  char *second;

  if (first == NULL)
    return NULL;
  if (!isatty (STDIN_FILENO))
    return g_steal_pointer (&first);
  second = read_line_no_echo ("Again: ");
  if (second == NULL || strcmp (first, second) != 0)
    {
      g_printerr ("yorisoi-server admin: the passwords differ\n");
      if (second != NULL)
        sodium_memzero (second, strlen (second));
      g_free (second);
      sodium_memzero (first, strlen (first));
      return NULL;
    }
  sodium_memzero (first, strlen (first));
  return second;
}

static int
add_staff (YrsDb *db,
           int      argc,
           char   **argv)
{
  const char *id = argv[0];
  const char *role = opt_role != NULL ? opt_role : "nurse";
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStmt) stmt = NULL;
  char *password;
  gboolean ok;

  if (!valid_name (id))
    {
      g_printerr ("yorisoi-server admin: staff ID \"%s\": letters, digits, - _ . : only\n", id);
      return 2;
    }
  if (strcmp (role, "nurse") != 0 && strcmp (role, "supervisor") != 0)
    {
      g_printerr ("yorisoi-server admin: --role: nurse or supervisor\n");
      return 2;
    }
  password = read_password ();
  if (password == NULL)
    {
      g_printerr ("yorisoi-server admin: no password given\n");
      return 1;
    }
  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_CHARS)
    {
      g_printerr ("yorisoi-server admin: a password has at least %d characters\n",
                  MIN_PASSWORD_CHARS);
      sodium_memzero (password, strlen (password));
      g_free (password);
      return 1;
    }
  ok = _yrs_db_begin_write (db, &error) &&
       _yrs_auth_set_staff_password (db, id, password, &error);
  sodium_memzero (password, strlen (password));
  g_free (password);
  if (ok)
    {
      stmt = _yrs_db_prepare (db, "UPDATE staff SET role = ?, ward = ?, disabled = 0 WHERE id = ?");
      _yrs_stmt_bind_text (stmt, 1, role);
      if (opt_ward != NULL)
        _yrs_stmt_bind_text (stmt, 2, opt_ward);
      _yrs_stmt_bind_text (stmt, 3, id);
      ok = _yrs_stmt_step (stmt) == YRS_DB_DONE && _yrs_db_exec (db, "COMMIT;", &error);
    }
  if (!ok)
    {
      _yrs_db_exec (db, "ROLLBACK;", NULL);
      g_printerr ("yorisoi-server admin: %s\n", error != NULL ? error->message : _yrs_db_errmsg (db));
      return 1;
    }
  printf ("staff %s: %s%s%s\n", id, role, opt_ward != NULL ? ", ward " : ", city-wide",
          opt_ward != NULL ? opt_ward : "");
  return 0;
}

static int
disable_staff (YrsDb *db,
               int      argc,
               char   **argv)
{
  g_autoptr(YrsStmt) disable =
    _yrs_db_prepare (db, "UPDATE staff SET disabled = 1 WHERE id = ?");
  g_autoptr(YrsStmt) sessions =
    _yrs_db_prepare (db, "DELETE FROM sessions WHERE staff_id = ?");

  _yrs_db_begin_write (db, NULL);
  _yrs_db_bind_texts (disable, argv[0], NULL);
  _yrs_db_bind_texts (sessions, argv[0], NULL);
  if (_yrs_stmt_step (disable) != YRS_DB_DONE || _yrs_db_changes (db) != 1)
    {
      _yrs_db_exec (db, "ROLLBACK;", NULL);
      g_printerr ("yorisoi-server admin: no staff \"%s\"\n", argv[0]);
      return 1;
    }
  _yrs_stmt_step (sessions);
  _yrs_db_exec (db, "COMMIT;", NULL);
  printf ("staff %s: disabled, %d session(s) ended\n", argv[0], _yrs_db_changes (db));
  return 0;
}

static int
list_staff (YrsDb *db,
            int      argc,
            char   **argv)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT id, role, COALESCE (ward, '-'), disabled FROM staff ORDER BY id");

  printf ("%-24s %-11s %-12s %s\n", "ID", "ROLE", "WARD", "STATE");
  while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
    printf ("%-24s %-11s %-12s %s\n", _yrs_stmt_column_text (stmt, 0),
            _yrs_stmt_column_text (stmt, 1), _yrs_stmt_column_text (stmt, 2),
            _yrs_stmt_column_int (stmt, 3) ? "disabled" : "active");
  return 0;
}

static int
add_device (YrsDb *db,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsStmt) exists =
    _yrs_db_prepare (db, "SELECT 1 FROM devices WHERE name = ?");
  g_autofree char *token = NULL;

  if (!valid_name (argv[0]))
    {
      g_printerr ("yorisoi-server admin: device name \"%s\": letters, digits, - _ . : only\n",
                  argv[0]);
      return 2;
    }
  _yrs_db_begin_write (db, NULL);
  _yrs_db_bind_texts (exists, argv[0], NULL);
  if (_yrs_stmt_step (exists) == YRS_DB_ROW)
    {
      _yrs_db_exec (db, "ROLLBACK;", NULL);
      g_printerr ("yorisoi-server admin: a device \"%s\" exists; revoke it first\n", argv[0]);
      return 1;
    }
  token = _yrs_auth_add_device (db, argv[0], NULL, &error);
  if (token == NULL || !_yrs_db_exec (db, "COMMIT;", &error))
    {
      _yrs_db_exec (db, "ROLLBACK;", NULL);
      g_printerr ("yorisoi-server admin: %s\n", error->message);
      return 1;
    }
  /* Shown once: only its hash is kept. */
  printf ("%s\n", token);
  sodium_memzero (token, strlen (token));
  return 0;
}

static int
revoke_device (YrsDb *db,
               int      argc,
               char   **argv)
{
  g_autoptr(YrsStmt) stmt = _yrs_db_prepare (db, "DELETE FROM devices WHERE name = ?");

  _yrs_db_bind_texts (stmt, argv[0], NULL);
  if (_yrs_stmt_step (stmt) != YRS_DB_DONE || _yrs_db_changes (db) == 0)
    {
      g_printerr ("yorisoi-server admin: no device \"%s\"\n", argv[0]);
      return 1;
    }
  printf ("device %s: revoked\n", argv[0]);
  return 0;
}

static int
list_devices (YrsDb *db,
              int      argc,
              char   **argv)
{
  g_autoptr(YrsStmt) stmt =
    _yrs_db_prepare (db, "SELECT name, created_unix FROM devices ORDER BY name");

  printf ("%-24s %s\n", "NAME", "ADDED");
  while (_yrs_stmt_step (stmt) == YRS_DB_ROW)
    {
      g_autofree char *when = _yrs_now_rfc3339 (_yrs_stmt_column_int64 (stmt, 1));

      printf ("%-24s %s\n", _yrs_stmt_column_text (stmt, 0), when);
    }
  return 0;
}

static int
rotate_secret (YrsDb *db,
               int      argc,
               char   **argv)
{
  guint8 secret[32];
  char hex[65];
  g_autofree char *old = NULL;

  /* The previous secret is kept, so that the fingerprints of requests
   * already stored for their Idempotency-Key still match after a restart
   * (yrs-server.c tries both). */
  _yrs_db_begin_write (db, NULL);
  old = _yrs_db_get_meta (db, "secret");
  if (old != NULL)
    _yrs_db_set_meta (db, "secret_previous", old);
  randombytes_buf (secret, sizeof secret);
  sodium_bin2hex (hex, sizeof hex, secret, sizeof secret);
  _yrs_db_set_meta (db, "secret", hex);
  sodium_memzero (secret, sizeof secret);
  sodium_memzero (hex, sizeof hex);
  if (old != NULL)
    sodium_memzero (old, strlen (old));
  if (!_yrs_db_exec (db, "COMMIT;", NULL))
    {
      g_printerr ("yorisoi-server admin: %s\n", _yrs_db_errmsg (db));
      return 1;
    }
  printf ("secret rotated; restart the server to use it\n");
  return 0;
}

static int opt_retention_days = -1;

static int
purge (YrsDb *db,
       int      argc,
       char   **argv)
{
  g_autoptr(GError) error = NULL;
  YrsRetention counts = { 0 };

  if (!_yrs_db_retention (db, MAX (0, opt_retention_days), &counts, &error))
    {
      g_printerr ("yorisoi-server admin: %s\n", error->message);
      return 1;
    }
  printf ("deleted %d idempotency keys and %d sessions; erased the personal fields of "
          "%d registrations and %d applications\n",
          counts.keys, counts.sessions, counts.registrations, counts.applications);
  return 0;
}

static const AdminCommand commands[] = {
  { "add-staff", "ID", "Add a staff account, or set its password, role and ward (password from a prompt or stdin)", add_staff, 1 },
  { "disable-staff", "ID", "Disable a staff account and end its sessions", disable_staff, 1 },
  { "list-staff", "", "List staff accounts", list_staff, 0 },
  { "add-device", "NAME", "Add a device and print its token (shown once)", add_device, 1 },
  { "revoke-device", "NAME", "Revoke a device's token", revoke_device, 1 },
  { "list-devices", "", "List devices", list_devices, 0 },
  { "rotate-secret", "", "Make a new server secret (the previous one is kept for stored requests)", rotate_secret, 0 },
  { "purge", "", "Run the retention job once (as the server does hourly)", purge, 0 },
};

static char *
summary_text (void)
{
  GString *out = g_string_new ("Commands:\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-15s %s\n", commands[i].name, commands[i].summary);
  g_string_append (out, "\nEach command takes --help.");
  return g_string_free (out, FALSE);
}

int
yrs_server_admin_main (int    argc,
                       char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const AdminCommand *command = NULL;
  YrsDb *db;
  int status;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The server's SQLite database (yorisoi-server.db)", "FILE" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, "Configuration file (its [server] db=)", "FILE" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &opt_role, "add-staff: nurse (default) or supervisor", "ROLE" },
    { "ward", 0, 0, G_OPTION_ARG_STRING, &opt_ward, "add-staff: the ward seen (default: city-wide)", "WARD" },
    { "retention-days", 0, 0, G_OPTION_ARG_INT, &opt_retention_days,
      "purge: erase personal fields after DAYS (default: the configuration's, else never)", "DAYS" },
    { NULL }
  };

  /* argv[0] "yorisoi-server", argv[1] "admin", then the command and its
   * arguments with options anywhere. */
  for (int a = 2; a < argc && command == NULL; a++)
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      if (strcmp (argv[a], commands[i].name) == 0)
        {
          command = &commands[i];
          /* Moved to argv[2], so that the arguments follow it. */
          memmove (argv + 3, argv + 2, (a - 2) * sizeof (char *));
          argv[2] = (char *) commands[i].name;
          break;
        }

  if (command != NULL)
    {
      g_autofree char *parameter = g_strdup_printf ("admin %s %s", command->name, command->args);

      context = g_option_context_new (parameter);
      g_option_context_set_summary (context, command->summary);
    }
  else
    {
      summary = summary_text ();
      context = g_option_context_new ("admin COMMAND [ARGS]");
      g_option_context_set_summary (context, summary);
    }
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("yorisoi-server admin: %s\n", error->message);
      return 2;
    }
  if (command == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (argc > 2)
        g_printerr ("yorisoi-server admin: no command \"%s\"\n\n", argv[2]);
      g_printerr ("%s", help);
      return 2;
    }
  if (argc != 3 + command->n_args)
    {
      g_printerr ("yorisoi-server admin: usage: yorisoi-server admin %s %s\n",
                  command->name, command->args);
      return 2;
    }

  if (db_path == NULL && config_path != NULL)
    {
      g_autoptr(GKeyFile) keys = g_key_file_new ();

      if (!g_key_file_load_from_file (keys, config_path, G_KEY_FILE_NONE, &error))
        {
          g_printerr ("yorisoi-server admin: %s: %s\n", config_path, error->message);
          return 1;
        }
      db_path = g_key_file_get_string (keys, "server", "db", NULL);
      if (opt_retention_days < 0 && g_key_file_has_key (keys, "server", "retention-days", NULL))
        opt_retention_days = g_key_file_get_integer (keys, "server", "retention-days", NULL);
    }
  if (db_path == NULL)
    db_path = g_strdup ("yorisoi-server.db");

  if (sodium_init () < 0)
    return 1;
  db = _yrs_db_open (db_path, &error);
  if (db == NULL || !_yrs_db_migrate (db, &error))
    {
      g_printerr ("yorisoi-server admin: %s\n", error->message);
      if (db != NULL)
        _yrs_db_close (db);
      return 1;
    }
  status = command->func (db, argc - 3, argv + 3);
  _yrs_db_close (db);
  return status;
}
