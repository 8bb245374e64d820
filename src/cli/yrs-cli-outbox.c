/* SPDX-License-Identifier: GPL-3.0-or-later */

/* yorisoi-cli outbox: what the device still has to send, and what the
 * server answered, for staff and support. Payloads are not printed: they
 * hold a person's data; their size is. */

#define G_LOG_DOMAIN "yorisoi-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "yrs-cli.h"
#include "yrs-store.h"

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec <= 0)
    return g_strdup ("-");
  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return g_strdup ("-");
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

static char *
format_iso (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec <= 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return NULL;
  return g_date_time_format_iso8601 (time);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autofree char *iso = format_iso (usec);

  add_string (builder, name, iso);
}

static int
print_json (YrsStore  *store,
            GPtrArray *rows,
            guint      pending,
            guint      failed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "database", yrs_store_get_path (store));
  add_string (builder, "moved_aside", yrs_store_get_moved_aside_path (store));
  json_builder_set_member_name (builder, "pending");
  json_builder_add_int_value (builder, pending);
  json_builder_set_member_name (builder, "failed");
  json_builder_add_int_value (builder, failed);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      YrsOutboxItem *item = g_ptr_array_index (rows, i);

      json_builder_begin_object (builder);
      add_string (builder, "idempotency_key", item->idempotency_key);
      add_string (builder, "kind", yrs_outbox_kind_to_string (item->kind));
      add_string (builder, "state", yrs_outbox_state_to_string (item->state));
      add_string (builder, "owner", item->owner);
      json_builder_set_member_name (builder, "tries");
      json_builder_add_int_value (builder, item->tries);
      add_time (builder, "next_try_at", item->next_try_at);
      add_string (builder, "last_error", item->last_error);
      add_string (builder, "server_reference", item->server_reference);
      add_string (builder, "reason", item->reason);
      json_builder_set_member_name (builder, "alternatives");
      if (item->alternatives != NULL)
        {
          g_autoptr(JsonNode) node = json_from_string (item->alternatives, NULL);

          if (node != NULL)
            json_builder_add_value (builder, g_steal_pointer (&node));
          else
            json_builder_add_string_value (builder, item->alternatives);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "payload_bytes");
      if (item->payload != NULL)
        json_builder_add_int_value (builder, (gint64) strlen (item->payload));
      else
        json_builder_add_null_value (builder);
      add_time (builder, "created_at", item->created_at);
      add_time (builder, "updated_at", item->updated_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  return YRS_CLI_OK;
}

static int
print_text (YrsStore  *store,
            GPtrArray *rows,
            guint      pending,
            guint      failed)
{
  printf ("Outbox of %s\n", yrs_store_get_path (store));
  if (rows->len > 0)
    printf ("%-36s  %-12s  %-8s  %5s  %-19s  %-24s  %s\n",
            "KEY", "KIND", "STATE", "TRIES", "NEXT TRY", "OWNER", "ANSWER / LAST ERROR");
  for (guint i = 0; i < rows->len; i++)
    {
      YrsOutboxItem *item = g_ptr_array_index (rows, i);
      g_autofree char *next = format_time (item->next_try_at);
      const char *answer = "-";

      if (item->server_reference != NULL)
        answer = item->server_reference;
      else if (item->reason != NULL)
        answer = item->reason;
      else if (item->state == YRS_OUTBOX_STATE_CONFLICT)
        answer = "conflict: alternatives offered";
      else if (item->last_error != NULL)
        answer = item->last_error;

      printf ("%-36s  %-12s  %-8s  %5d  %-19s  %-24s  %s\n",
              item->idempotency_key, yrs_outbox_kind_to_string (item->kind),
              yrs_outbox_state_to_string (item->state), item->tries,
              item->state <= YRS_OUTBOX_STATE_SENDING ? next : "-",
              item->owner, answer);
    }
  printf ("%u pending, %u failed, %u in all\n", pending, failed, rows->len);
  return YRS_CLI_OK;
}

int
yrs_cli_outbox (int    argc,
                char **argv)
{
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean json = FALSE;
  guint pending = 0;
  guint failed = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "The device database (default: the app’s, $YRS_DB or $XDG_DATA_HOME/yorisoi/yorisoi.db)", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- what the device still has to send, and what the server answered");

  g_option_context_set_description (context,
                                    "Lists the outbox rows with their state, tries and the server’s answer.\n"
                                    "Payloads are not printed (they hold a person’s data), only their size.\n"
                                    "A missing database is an error, never created.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return yrs_cli_bad_input ("outbox: %s", error->message);
  if (argc > 1)
    return yrs_cli_bad_input ("outbox: unexpected argument “%s”; usage: "
                              "yorisoi-cli outbox [--db FILE] [--json]", argv[1]);

  if (path == NULL)
    path = yrs_store_default_path ();
  /* A dump never creates a database. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return yrs_cli_bad_input ("outbox: no database at “%s”", path);

  store = yrs_store_open (path, &error);
  if (store == NULL)
    return yrs_cli_bad_input ("outbox: %s", error->message);
  if (yrs_store_get_moved_aside_path (store) != NULL)
    fprintf (stderr, "yorisoi-cli: the database was damaged and was moved aside to "
             "“%s”; %u outbox rows were carried over\n",
             yrs_store_get_moved_aside_path (store),
             yrs_store_get_recovered_outbox_count (store));

  rows = yrs_store_outbox_list (store, NULL, YRS_OUTBOX_STATE_ANY, &error);
  if (rows == NULL || !yrs_store_outbox_count (store, &pending, &failed, &error))
    {
      fprintf (stderr, "yorisoi-cli: outbox: %s\n", error->message);
      return YRS_CLI_FAILED;
    }

  if (json)
    return print_json (store, rows, pending, failed);
  return print_text (store, rows, pending, failed);
}
