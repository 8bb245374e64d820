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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add ("/ui/visits/kiosk", Fixture, NULL, fixture_set_up, test_kiosk, fixture_tear_down);

  return g_test_run ();
}
