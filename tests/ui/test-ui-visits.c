/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The home-visit pages (issue 17) never show anything on a kiosk: the
 * visit list says it is for staff, the queue for supervisors, and the
 * consultation record and the EPDS entry ask for a family from the visit
 * list, even when a case ID is put in the session by hand. The journey
 * tests/e2e/journey-tablet-home-visit.py drives them signed in. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "yrs-i18n.h"
#include "yrs-store.h"
#include "yrs-visit-history.h"
#include "yrs-visit-private.h"
#include "yrs-window.h"

typedef struct
{
  char       *dir;
  YrsStore   *store;
  YrsSession *session;
  YrsWindow  *window;
} Fixture;

static void
wait_idle (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* A mapped status page titled `title` under root. */
static GtkWidget *
find_status (GtkWidget  *root,
             const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_status (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Mapped widgets of `type` under root. */
static guint
count_mapped (GtkWidget *root,
              GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_mapped (c, type);
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *owner = NULL;

  f->dir = g_dir_make_tmp ("yrs-ui-visits-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "yorisoi.db", NULL);
  f->store = yrs_store_open (path, &error);
  g_assert_no_error (error);
  owner = yrs_store_create_kiosk_session (f->store, &error);
  g_assert_no_error (error);
  f->session = yrs_session_new ();
  yrs_session_set_store (f->session, f->store, owner);

  yrs_i18n_set_language ("en");
  f->window = yrs_window_new (NULL, f->session);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_idle ();
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GtkWidget *
go (Fixture    *f,
    const char *name)
{
  YrsShell *shell = yrs_window_get_shell (f->window);

  gtk_widget_activate_action (GTK_WIDGET (shell), "shell.go", "s", name);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, name);
  return yrs_shell_get_visible_page (shell);
}

static void
test_kiosk (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *page;

  g_assert_null (yrs_session_get_visit_list (f->session));
  g_assert_null (yrs_session_get_decision_queue (f->session));

  page = go (f, "visits");
  g_assert_nonnull (find_status (page, "For staff only"));
  g_assert_cmpuint (count_mapped (page, GTK_TYPE_LIST_BOX), ==, 0);
  g_assert_cmpuint (count_mapped (page, GTK_TYPE_ENTRY), ==, 0);

  page = go (f, "decisions");
  g_assert_nonnull (find_status (page, "For supervisors only"));
  g_assert_cmpuint (count_mapped (page, GTK_TYPE_LIST_BOX), ==, 0);

  /* A case ID put in by hand opens nothing: there is no list here. */
  yrs_session_set_field (f->session, "visit.case", "CASE-ANY");
  g_assert_null (yrs_session_get_consultation_flow (f->session));
  g_assert_null (yrs_session_get_screening_flow (f->session));
  page = go (f, "consultation");
  g_assert_nonnull (find_status (page, "Choose a family first"));
  g_assert_cmpuint (count_mapped (page, GTK_TYPE_TOGGLE_BUTTON), ==, 0);
  page = go (f, "screening");
  g_assert_nonnull (find_status (page, "Choose a family first"));
  g_assert_cmpuint (count_mapped (page, GTK_TYPE_TOGGLE_BUTTON), ==, 0);
}

/* Mapped labels under root whose text holds `needle`. */
static guint
count_labels (GtkWidget  *root,
              const char *needle)
{
  guint n = 0;

  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_labels (c, needle);
  return n;
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, rows);
}

#define HISTORY_CASE \
  "{\"id\":\"CASE-AB12CD34\",\"ward\":\"chuo\",\"added_by_staff\":false," \
  "\"family\":{\"name\":\"山田 花子\"},\"answers\":{},\"submissions\":[]," \
  "\"consultations\":[{\"id\":\"CON-1\",\"kind\":\"eight_months\",\"date\":\"2026-10-01\"," \
  "\"place\":\"home\",\"present\":[\"mother\"],\"topics\":[\"feeding\",\"sleep\"]," \
  "\"programmes_explained\":[]," \
  "\"follow_up\":{\"kind\":\"visit\",\"date\":\"2026-10-15\"},\"notes\":\"夜間の授乳がつらい\"}]," \
  "\"screenings\":[{\"id\":\"SCR-1\",\"date\":\"2026-10-01\",\"total\":12,\"level\":\"high\"," \
  "\"urgent\":true,\"items\":[1,2,1,1,2,1,1,1,1,1],\"urgent_acknowledged\":true," \
  "\"offered\":[],\"chosen\":[]}]," \
  "\"updated_at\":\"2026-12-01T10:00:00+09:00\"}"

#define LOCAL_RECORD \
  "{\"type\":\"consultation\",\"pending\":true,\"record\":{\"id\":\"key-1\"," \
  "\"kind\":\"after_birth\",\"date\":\"2026-12-04\",\"place\":\"phone\"," \
  "\"present\":[],\"topics\":[\"money\"],\"programmes_explained\":[]," \
  "\"follow_up\":{\"kind\":\"none\"}}}"

/* A family's History section: a heading, each record as a row with its
 * contents, the one saved here marked as not yet sent, the EPDS with its
 * urgent mark; rows tall enough to touch. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) local_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) local = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(YrsVisitCase) visit_case = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *history;

  g_assert_true (json_parser_load_from_data (parser, HISTORY_CASE, -1, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (local_parser, LOCAL_RECORD, -1, &error));
  g_assert_no_error (error);
  g_ptr_array_add (local, json_object_ref (json_node_get_object (json_parser_get_root (local_parser))));
  visit_case = _yrs_visit_case_new (json_node_get_object (json_parser_get_root (parser)),
                                    yrs_session_get_catalog (f->session), FALSE, NULL, local);

  history = yrs_visit_history_new (visit_case);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), history);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();

  g_assert_cmpuint (count_labels (history, "History"), ==, 1);
  g_assert_cmpuint (count_labels (history, "No consultation"), ==, 0);
  collect_rows (history, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  /* Newest first: hers, not yet sent; then the city's. */
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==,
                   "4 December 2026 · Consultation: After the birth");
  g_assert_cmpuint (count_labels (rows->pdata[0], "Not yet sent to the city"), ==, 1);
  g_assert_cmpuint (count_labels (rows->pdata[0], "Place: By phone"), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==,
                   "1 October 2026 · Consultation: At 8 months of pregnancy");
  g_assert_cmpuint (count_labels (rows->pdata[1], "夜間の授乳がつらい"), ==, 1);
  g_assert_cmpuint (count_labels (rows->pdata[1], "Feeding"), ==, 1);
  g_assert_cmpuint (count_labels (rows->pdata[1], "Not yet sent"), ==, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[2]), ==, "1 October 2026 · EPDS screening");
  g_assert_cmpuint (count_labels (rows->pdata[2], "Total: 12 of 30 points"), ==, 1);
  g_assert_cmpuint (count_labels (rows->pdata[2], "Urgent"), >=, 1);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (gtk_widget_get_height (rows->pdata[i]), >=, 44);
  /* The wording of the EPDS items is never shown: numbers only. */
  g_assert_cmpuint (count_labels (history, "item 1 "), ==, 0);

  /* Her record reaches the city: the section follows the model. */
  g_ptr_array_set_size (local, 0);
  {
    g_autoptr(YrsVisitCase) from = _yrs_visit_case_new (json_node_get_object (json_parser_get_root (parser)),
                                                        yrs_session_get_catalog (f->session), FALSE, NULL, NULL);

    _yrs_visit_case_update (visit_case, from);
  }
  wait_idle ();
  g_ptr_array_set_size (rows, 0);
  collect_rows (history, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (count_labels (history, "Not yet sent"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add ("/ui/visits/kiosk", Fixture, NULL, fixture_set_up, test_kiosk, fixture_tear_down);
  g_test_add ("/ui/visits/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);

  return g_test_run ();
}
