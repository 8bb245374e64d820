/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The lookup page ("I have a reference number") through its widgets: what
 * a USB QR scanner types (it types like a keyboard) lands in the reference
 * field and moves her on to her date of birth; a reference that is not the
 * city's and a date in the future say so in place; a language switch keeps
 * what she typed; the wipe forgets it. No server here (tests/flows and the
 * e2e journey kiosk-comeback ask one). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "yrs-date-field.h"
#include "yrs-i18n.h"
#include "yrs-lookup-flow.h"
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

static GtkWidget *
page (Fixture *f)
{
  return yrs_shell_get_visible_page (yrs_window_get_shell (f->window));
}

static void
go (Fixture    *f,
    const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (f->window)), "shell.go", "s", name);
  wait_idle ();
  g_assert_cmpstr (yrs_session_get_page (f->session), ==, name);
}

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find (c, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible label whose text contains `text`, under root. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *owner = NULL;

  f->dir = g_dir_make_tmp ("yrs-ui-lookup-XXXXXX", &error);
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

/* Typed one character at a time at the cursor, as a keyboard (or a
 * scanner, which is one) does. */
static void
type (GtkEditable *editable,
      const char  *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      char c[2] = { *p, '\0' };
      int pos = gtk_editable_get_position (editable);

      gtk_editable_insert_text (editable, c, 1, &pos);
      gtk_editable_set_position (editable, pos);
      wait_idle ();
    }
}

static void
test_scanner (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *entry;
  YrsDateField *date;
  YrsLookupFlow *flow = yrs_session_get_lookup_flow (f->session);

  go (f, "lookup");
  entry = find (page (f), GTK_TYPE_ENTRY, "reference-entry");
  date = YRS_DATE_FIELD (find (page (f), YRS_TYPE_DATE_FIELD, NULL));
  g_assert_nonnull (entry);
  g_assert_nonnull (date);
  /* Ready for the scanner without a tap. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));

  /* The receipt's QR code holds the reference; the scanner ends with Enter. */
  type (GTK_EDITABLE (entry), "REG-7K3M-Q9XA");
  g_signal_emit_by_name (entry, "activate");
  wait_idle ();
  g_assert_cmpstr (yrs_lookup_flow_get_reference (flow), ==, "REG-7K3M-Q9XA");
  /* On to her date of birth. */
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (yrs_date_field_get_year_editable (date))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (yrs_date_field_get_year_editable (date))));
  g_assert_false (yrs_lookup_flow_get_can_look_up (flow));

  /* Each complete part hands on to the next. */
  type (yrs_date_field_get_year_editable (date), "1994");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (yrs_date_field_get_month_editable (date))) ||
                 gtk_widget_is_focus (GTK_WIDGET (yrs_date_field_get_month_editable (date))));
  type (yrs_date_field_get_month_editable (date), "4");
  type (yrs_date_field_get_day_editable (date), "12");
  g_assert_cmpstr (yrs_lookup_flow_get_birth_date (flow), ==, "1994-04-12");
  g_assert_true (yrs_lookup_flow_get_can_look_up (flow));
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (f->window))));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *entry;
  YrsDateField *date;
  YrsLookupFlow *flow = yrs_session_get_lookup_flow (f->session);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *next_year = g_strdup_printf ("%d", g_date_time_get_year (now) + 1);

  go (f, "lookup");
  entry = find (page (f), GTK_TYPE_ENTRY, "reference-entry");
  date = YRS_DATE_FIELD (find (page (f), YRS_TYPE_DATE_FIELD, NULL));

  /* Pressed too early: what is missing, in place. */
  gtk_widget_activate_action (page (f), "lookup.look-up", NULL);
  wait_idle ();
  g_assert_nonnull (find_label (page (f), "Enter the reference number on your receipt."));
  g_assert_nonnull (find_label (page (f), "Enter your date of birth."));
  g_assert_cmpint (yrs_lookup_flow_get_state (flow), ==, YRS_LOOKUP_EMPTY);

  /* Not the city's: said once it is complete, in place; nothing lost. */
  type (GTK_EDITABLE (entry), "XYZ-1234-5678");
  g_assert_nonnull (find_label (page (f), "This is not a reference number of the city"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "XYZ-1234-5678");
  g_assert_false (yrs_lookup_flow_get_can_look_up (flow));

  gtk_editable_set_text (GTK_EDITABLE (entry), "rsv 2345 6789");
  wait_idle ();
  g_assert_null (find_label (page (f), "This is not a reference number of the city"));

  /* A birth date in the future. */
  yrs_date_field_set_date (date, "");
  gtk_editable_set_text (yrs_date_field_get_year_editable (date), next_year);
  gtk_editable_set_text (yrs_date_field_get_month_editable (date), "1");
  gtk_editable_set_text (yrs_date_field_get_day_editable (date), "1");
  wait_idle ();
  g_assert_nonnull (find_label (page (f), "cannot be in the future"));
  g_assert_false (yrs_lookup_flow_get_can_look_up (flow));

  /* A language switch keeps what she typed; the wipe forgets it. */
  gtk_editable_set_text (yrs_date_field_get_year_editable (date), "1990");
  wait_idle ();
  gtk_widget_activate_action (GTK_WIDGET (yrs_window_get_shell (f->window)), "shell.language", "s", "ja");
  wait_idle ();
  entry = find (page (f), GTK_TYPE_ENTRY, "reference-entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "rsv 2345 6789");
  date = YRS_DATE_FIELD (find (page (f), YRS_TYPE_DATE_FIELD, NULL));
  g_assert_cmpstr (yrs_date_field_get_date (date), ==, "1990-01-01");

  /* As YrsKiosk does at the end of a visit: wipe, then fresh pages. */
  yrs_session_wipe (f->session);
  yrs_window_rebuild (f->window);
  wait_idle ();
  go (f, "lookup");
  entry = find (page (f), GTK_TYPE_ENTRY, "reference-entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (yrs_lookup_flow_get_birth_date (yrs_session_get_lookup_flow (f->session)), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  g_test_add ("/ui/lookup/scanner", Fixture, NULL, fixture_set_up, test_scanner, fixture_tear_down);
  g_test_add ("/ui/lookup/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);

  return g_test_run ();
}
