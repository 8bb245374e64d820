/* SPDX-License-Identifier: GPL-3.0-or-later */
/* data/api/openapi.yaml against yorisoi-server: the same routes (from the
 * server's route table and over HTTP: each documented method is served,
 * every other method on a documented path is 405 with the documented ones
 * in Allow), and every problem type the code uses is documented. */

#define G_LOG_DOMAIN "test-contract"

#include "config.h"

#include <string.h>

#include "yrs-api.h"
#include "yrs-test-http.h"
#include "yrs-test-server.h"

static char *spec;

/* "METHOD /path" for every operation under "paths:" (two-space indented
 * paths, four-space indented methods, as the file is written). */
static GPtrArray *
spec_routes (void)
{
  GPtrArray *routes = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (spec, "\n", -1);
  g_autofree char *path = NULL;
  gboolean in_paths = FALSE;
  const char *methods[] = { "get", "put", "post", "delete", "patch", "head", "options" };

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (strcmp (line, "paths:") == 0)
        {
          in_paths = TRUE;
          continue;
        }
      if (!in_paths)
        continue;
      if (line[0] != ' ' && line[0] != '\0' && line[0] != '#')
        break;
      if (g_str_has_prefix (line, "  /") && g_str_has_suffix (line, ":"))
        {
          g_free (path);
          path = g_strndup (line + 2, strlen (line) - 3);
          continue;
        }
      for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
        {
          g_autofree char *want = g_strdup_printf ("    %s:", methods[m]);

          if (strcmp (line, want) == 0)
            {
              g_autofree char *upper = g_ascii_strup (methods[m], -1);

              g_assert_nonnull (path);
              g_ptr_array_add (routes, g_strdup_printf ("%s %s", upper, path));
            }
        }
    }
  g_ptr_array_sort (routes, (GCompareFunc) g_strcmp0);
  return routes;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_route_table (void)
{
  g_autoptr(GPtrArray) documented = spec_routes ();
  g_autoptr(GPtrArray) served = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { g_getenv ("YRS_SERVER_BIN"), "--list-routes", NULL };
  int wait_status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (served, g_strdup (lines[i]));
  g_ptr_array_sort (documented, compare_strings);
  g_ptr_array_sort (served, compare_strings);

  g_assert_cmpuint (documented->len, >=, 13);
  for (guint i = 0; i < MAX (documented->len, served->len); i++)
    g_assert_cmpstr (i < documented->len ? g_ptr_array_index (documented, i) : "(none)", ==,
                     i < served->len ? g_ptr_array_index (served, i) : "(none)");
}

static char *
concrete (const char *pattern)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '{')
      {
        g_free (parts[i]);
        parts[i] = g_strdup ("contract-x");
      }
  return g_strjoinv ("/", parts);
}

static void
test_served (void)
{
  g_autoptr(GError) error = NULL;
  YrsTestServerOptions options = { .demo = TRUE };
  g_autoptr(YrsTestServer) server = yrs_test_server_new (&options, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GPtrArray) documented = spec_routes ();
  g_autoptr(GHashTable) methods_by_path =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *token = NULL;
  const char *all_methods[] = { "GET", "POST", "PUT", "DELETE", "PATCH" };
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);

  /* A staff session passes both device and staff routes. */
  {
    g_autofree char *url = g_strconcat (yrs_test_server_get_url (server), "/v1/staff/sessions", NULL);
    g_autofree char *body = g_strdup_printf ("{\"staff_id\": \"%s\", \"password\": \"%s\"}",
                                             yrs_test_server_get_staff_id (server),
                                             yrs_test_server_get_staff_password (server));
    g_autoptr(YrsTestReply) reply = yrs_test_http (session, "POST", url, NULL, "contract-signin",
                                                   NULL, body, -1, NULL);
    g_autoptr(YrsApiStaffSessionResponse) answer = NULL;

    g_assert_cmpuint (reply->status, ==, 201);
    answer = yrs_api_staff_session_response_from_string (yrs_test_reply_text (reply), -1, &error);
    g_assert_no_error (error);
    token = g_strdup (answer->token);
  }

  /* Signing out last, so that the token serves every other route. */
  for (guint i = 0; i < documented->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (documented, i), "DELETE /v1/staff/sessions/"))
      {
        g_ptr_array_add (documented, g_ptr_array_steal_index (documented, i));
        break;
      }

  for (guint i = 0; i < documented->len; i++)
    {
      const char *route = g_ptr_array_index (documented, i);
      const char *space = strchr (route, ' ');
      g_autofree char *method = g_strndup (route, space - route);
      g_autofree char *path = concrete (space + 1);
      g_autofree char *url = g_strconcat (yrs_test_server_get_url (server), path, NULL);
      g_autofree char *idem = g_strdup_printf ("contract-%u", i);
      gboolean has_body = strcmp (method, "POST") == 0;
      g_autoptr(YrsTestReply) reply = NULL;
      char *known;

      reply = yrs_test_http (session, method, url, token, idem, NULL,
                             has_body ? "{}" : NULL, -1, NULL);
      g_test_message ("%s -> %u", route, reply->status);
      g_assert_cmpuint (reply->status, !=, 405);
      if (reply->status == 404)
        g_assert_null (strstr (yrs_test_reply_text (reply), "no such route"));

      known = g_hash_table_lookup (methods_by_path, space + 1);
      g_hash_table_insert (methods_by_path, g_strdup (space + 1),
                           known != NULL ? g_strconcat (known, ", ", method, NULL)
                                         : g_strdup (method));
    }

  /* Every other method on a documented path: 405 with the right Allow. */
  g_hash_table_iter_init (&iter, methods_by_path);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *path = concrete (key);
      g_autofree char *url = g_strconcat (yrs_test_server_get_url (server), path, NULL);

      for (guint m = 0; m < G_N_ELEMENTS (all_methods); m++)
        {
          g_auto(GStrv) allowed = g_strsplit (value, ", ", -1);
          g_autoptr(YrsTestReply) reply = NULL;
          g_auto(GStrv) allow_header = NULL;

          if (g_strv_contains ((const char * const *) allowed, all_methods[m]))
            continue;
          reply = yrs_test_http (session, all_methods[m], url, token, "contract-405", NULL,
                                 NULL, -1, NULL);
          g_assert_cmpuint (reply->status, ==, 405);
          allow_header = g_strsplit (soup_message_headers_get_one (reply->headers, "Allow"), ", ", -1);
          g_assert_cmpuint (g_strv_length (allow_header), ==, g_strv_length (allowed));
          for (guint a = 0; allowed[a] != NULL; a++)
            g_assert_true (g_strv_contains ((const char * const *) allow_header, allowed[a]));
        }
    }
}

static void
test_problem_types (void)
{
  const char *types[] = {
    YRS_API_PROBLEM_BAD_REQUEST, YRS_API_PROBLEM_MALFORMED_JSON,
    YRS_API_PROBLEM_IDEMPOTENCY_KEY_MISSING, YRS_API_PROBLEM_IDEMPOTENCY_KEY_REUSED,
    YRS_API_PROBLEM_UNAUTHORIZED, YRS_API_PROBLEM_FORBIDDEN, YRS_API_PROBLEM_NOT_FOUND,
    YRS_API_PROBLEM_METHOD_NOT_ALLOWED, YRS_API_PROBLEM_PAYLOAD_TOO_LARGE,
    YRS_API_PROBLEM_UNSUPPORTED_MEDIA_TYPE, YRS_API_PROBLEM_VALIDATION,
    YRS_API_PROBLEM_SLOT_FULL, YRS_API_PROBLEM_SLOT_UNAVAILABLE,
    YRS_API_PROBLEM_REGISTRATION_PENDING, YRS_API_PROBLEM_LOGIN_FAILED,
    YRS_API_PROBLEM_TOO_MANY_ATTEMPTS, YRS_API_PROBLEM_INTERNAL,
  };

  g_assert_true (g_str_has_prefix (strstr (spec, "\nopenapi: ") + 1, "openapi: 3.0."));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *line = g_strdup_printf ("- %s\n", types[i]);

      if (strstr (spec, line) == NULL)
        g_error ("%s is not in the Problem type enum of openapi.yaml", types[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  path = g_build_filename (g_getenv ("YRS_SOURCE_ROOT"), "data", "api", "openapi.yaml", NULL);
  g_file_get_contents (path, &spec, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/contract/route-table", test_route_table);
  g_test_add_func ("/contract/served", test_served);
  g_test_add_func ("/contract/problem-types", test_problem_types);
  status = g_test_run ();
  g_free (spec);
  return status;
}
