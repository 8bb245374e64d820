/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Every control on every page of the journey, in both languages: it has
 * an accessible name (through GTK's accessible attributes), it can take
 * keyboard focus, and it is at least 44 px high. */

#include "config.h"

#include "yrs-application-flow.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "yrs-booking-flow.h"
#include "yrs-i18n.h"
#include "yrs-store.h"
#include "yrs-window.h"
#include "../unit/test-store-util.h"

static void
count_paint (GdkFrameClock *clock,
             guint         *n_painted)
{
  (*n_painted)++;
}

/* Until the frame clock has laid the page out: a fifth of a second, and
 * at least one frame painted meanwhile. On a busy machine a frame can
 * take longer than that, and a button not yet laid out is 0 px high. */
static void
wait_idle (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  gint64 start = g_get_monotonic_time ();
  GdkFrameClock *clock = NULL;
  guint n_painted = 0;
  gulong id = 0;

  if (toplevels != NULL && gtk_widget_get_realized (toplevels->data))
    clock = gtk_widget_get_frame_clock (toplevels->data);
  if (clock != NULL)
    id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &n_painted);

  while (g_get_monotonic_time () - start < G_USEC_PER_SEC / 5 ||
         (clock != NULL && n_painted == 0 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC))
    g_main_context_iteration (NULL, FALSE);

  if (id != 0)
    g_signal_handler_disconnect (clock, id);
}

/* The text a screen reader would read for a button without a label of
 * its own: its label child, or its AdwButtonContent's. */
static gboolean
has_content_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_label (GTK_LABEL (widget)) != '\0')
    return TRUE;
  if (ADW_IS_BUTTON_CONTENT (widget) && adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)) != NULL &&
      *adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_content_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
has_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget))
    return has_content_text (widget);
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_ENTRY (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget);
}

static void
check_tree (GtkWidget  *widget,
            const char *where,
            guint      *n_controls)
{
  if (!gtk_widget_get_visible (widget) || GTK_IS_WINDOW_CONTROLS (widget))
    return;

  if (is_control (widget) && gtk_widget_get_mapped (widget))
    {
      const char *type = G_OBJECT_TYPE_NAME (widget);

      /* The button inside a drop-down is the drop-down itself. */
      if (!(GTK_IS_BUTTON (widget) && GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget))))
        {
          if (!has_name (widget))
            g_error ("%s: a %s without an accessible name", where, type);
          if (!gtk_widget_get_focusable (widget) && !GTK_IS_ENTRY (widget) && !GTK_IS_DROP_DOWN (widget))
            g_error ("%s: a %s that the keyboard cannot reach", where, type);
          if (gtk_widget_get_height (widget) < 44 && !GTK_IS_CHECK_BUTTON (widget))
            g_error ("%s: a %s only %d px high", where, type, gtk_widget_get_height (widget));
          (*n_controls)++;
        }
      if (GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_tree (child, where, n_controls);
}

static void
prepare (YrsSession *session,
         YrsStore   *store)
{
  YrsAnswers *a = yrs_session_get_answers (session);
  g_autoptr(YrsSlot) slot = yrs_slot_new ("s-1", "fac-chuo-josanjo-1", "stay",
                                          "2025-04-17T10:00", "2025-04-18T10:00", 2, 1, 1);
  g_autofree char *key = NULL;

  yrs_session_set_as_of (session, yrs_date_new (2025, 4, 15));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "born");
  yrs_answers_set_date (a, "birth.born_on", yrs_date_new (2025, 3, 20));
  yrs_answers_set_int (a, "birth.children", 2);
  yrs_session_set_field (session, "apply.programme", "support_payment_birth");
  yrs_session_set_field (session, "bank.method", "yucho");
  /* The form as after "Check my answers": its errors on show. */
  yrs_application_flow_validate (yrs_session_get_application_flow (session));
  yrs_store_put_slot (store, slot, NULL);
  yrs_booking_flow_set_kind (yrs_session_get_booking_flow (session), "stay");
  yrs_booking_flow_choose_facility (yrs_session_get_booking_flow (session), "fac-chuo-josanjo-1");
  yrs_booking_flow_choose_day (yrs_session_get_booking_flow (session), "2025-04-17");
  yrs_booking_flow_choose_slot (yrs_session_get_booking_flow (session), "s-1");
  key = yrs_session_submit (session, "reservation", "{\"registration\":\"R\",\"slot\":\"s-1\"}", NULL);
  yrs_store_outbox_mark_sending (store, key, NULL);
  yrs_store_outbox_mark_accepted (store, key, "KB-1", NULL);
  yrs_session_set_field (session, "submission.key", key);
}

static void
test_pages (gconstpointer data)
{
  const char *lang = data;
  static const char *pages[] = {
    "welcome", "check", "results", "apply", "review", "submitted",
    "reserve", "slots", "slot", "sos", "lookup",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yrs-ui-a11y-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "yorisoi.db", NULL);
  g_autoptr(YrsStore) store = yrs_store_open (path, &error);
  g_autofree char *owner = yrs_store_create_kiosk_session (store, &error);
  g_autoptr(YrsSession) session = yrs_session_new ();
  YrsWindow *window;
  guint n_controls = 0;

  g_assert_no_error (error);
  store_test_provision_city_key (store);
  yrs_session_set_store (session, store, owner);
  prepare (session, store);

  yrs_i18n_set_language (lang);
  window = yrs_window_new (NULL, session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s page (%s)", pages[i], lang);

      yrs_session_reset_pages (session, "welcome");
      yrs_session_push_page (session, pages[i]);
      wait_idle ();
      g_assert_cmpstr (yrs_session_get_page (session), ==, pages[i]);
      check_tree (GTK_WIDGET (window), where, &n_controls);
    }
  g_test_message ("%u controls checked", n_controls);
  g_assert_cmpuint (n_controls, >, 100);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_idle ();
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible attributes are read from GTK's test context. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();

  /* What AdwApplication loads for the app: the 44 px targets are CSS. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_data_func ("/ui/a11y/pages/ja", "ja", test_pages);
  g_test_add_data_func ("/ui/a11y/pages/en", "en", test_pages);

  return g_test_run ();
}
