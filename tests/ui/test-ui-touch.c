/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Touch targets of at least 44 px where a parent found them too small
 * (issue 20, point 12), measured on the laid-out widgets at 1280x800 with
 * the app's style sheet: the date field's parts (the 月 field), the rows
 * of the 元号 (era) list once it is open, and the sibling checkbox of the
 * reserve page. (The tablet's staff menu is measured in
 * tests/integration/test-tablet.c, where the tablet builds it.) And
 * names for screen readers in the widgets these fixes touch. */

#include "config.h"

#include <adwaita.h>

#include "yrs-date-field.h"
#include "yrs-i18n.h"
#include "yrs-window.h"

#define MIN_TARGET 44

static void
wait_frames (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
assert_target (GtkWidget  *widget,
               const char *what)
{
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  g_test_message ("%s: %d x %d", what, w, h);
  if (w < MIN_TARGET || h < MIN_TARGET)
    g_error ("%s is %d x %d px, under %d x %d", what, w, h, MIN_TARGET, MIN_TARGET);
}

static void
collect (GtkWidget  *root,
         const char *css_name,
         GType       type,
         GPtrArray  *found)
{
  if ((css_name != NULL && g_str_equal (gtk_widget_get_css_name (root), css_name)) ||
      (type != G_TYPE_INVALID && G_TYPE_CHECK_INSTANCE_TYPE (root, type)))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, css_name, type, found);
}

static void
test_date_field (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *field = yrs_date_field_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();
  GtkWidget *dropdown;

  yrs_date_field_set_wareki (YRS_DATE_FIELD (field), TRUE);
  gtk_widget_set_halign (field, GTK_ALIGN_START);
  gtk_widget_set_valign (field, GTK_ALIGN_START);
  gtk_window_set_child (window, field);
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_present (window);
  wait_frames ();

  /* 年, 月, 日: the 月 and 日 fields are two digits wide, and still a
   * fingertip. */
  collect (field, NULL, GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 3);
  assert_target (entries->pdata[0], "the year field");
  assert_target (entries->pdata[1], "the month field");
  assert_target (entries->pdata[2], "the day field");

  /* The 元号 list and its rows, open. */
  collect (field, NULL, GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  dropdown = dropdowns->pdata[0];
  assert_target (dropdown, "the era list");
  g_signal_emit_by_name (dropdown, "activate");
  wait_frames ();
  collect (dropdown, NULL, GTK_TYPE_POPOVER, popovers);
  g_assert_cmpuint (popovers->len, >=, 1);
  g_assert_true (gtk_widget_get_mapped (popovers->pdata[0]));
  collect (popovers->pdata[0], "row", G_TYPE_INVALID, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    assert_target (rows->pdata[i], "a row of the era list");
  gtk_popover_popdown (popovers->pdata[0]);

  gtk_window_destroy (window);
  wait_frames ();
}


/* Screen readers get names, not "GtkLabel" (issue 20, point 12): the
 * label beside the year, empty until a year is typed, is presentation
 * only; what it says is the year field's description. */
static void
test_date_field_names (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *field = yrs_date_field_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *era_label = NULL;

  gtk_window_set_child (window, field);
  gtk_window_present (window);
  wait_frames ();

  collect (field, NULL, GTK_TYPE_ENTRY, entries);
  collect (field, NULL, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "date-era-label"))
      era_label = labels->pdata[i];
  g_assert_nonnull (era_label);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (era_label)), ==,
                   GTK_ACCESSIBLE_ROLE_PRESENTATION);

  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "2019");
  wait_frames ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (era_label)), ==, "（令和元年）");
  gtk_test_accessible_assert_property (entries->pdata[0], GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "（令和元年）");

  gtk_window_destroy (window);
  wait_frames ();
}

/* The month and day stay where they are when the note beside the year
 * appears ("（令和元年）", "(Heisei 2)", "（2019年）"): the parent's finger
 * is on its way to the month (review 6, finding 5). */
static void
test_date_field_steady (void)
{
  const char *langs[] = { "ja", "en" };
  const char *years[] = { "2019", "1990", "1926", "2026" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint wareki = 0; wareki < 2; wareki++)
      {
        GtkWindow *window;
        GtkWidget *field;
        g_autoptr(GPtrArray) entries = g_ptr_array_new ();
        graphene_point_t before, after;

        yrs_i18n_set_language (langs[l]);
        window = GTK_WINDOW (gtk_window_new ());
        field = yrs_date_field_new ();
        yrs_date_field_set_wareki (YRS_DATE_FIELD (field), wareki);
        gtk_widget_set_halign (field, GTK_ALIGN_START);
        gtk_window_set_child (window, field);
        gtk_window_set_default_size (window, 1080, 600);
        gtk_window_present (window);
        wait_frames ();
        collect (field, NULL, GTK_TYPE_ENTRY, entries);
        g_assert_cmpuint (entries->len, ==, 3);
        g_assert_true (gtk_widget_compute_point (entries->pdata[1], GTK_WIDGET (window),
                                                 &GRAPHENE_POINT_INIT (0, 0), &before));
        for (guint y = 0; y < G_N_ELEMENTS (years); y++)
          {
            /* In era mode an era year: 31 is the longest (平成31年). */
            gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), wareki ? "31" : years[y]);
            wait_frames ();
            g_assert_true (gtk_widget_compute_point (entries->pdata[1], GTK_WIDGET (window),
                                                     &GRAPHENE_POINT_INIT (0, 0), &after));
            g_test_message ("%s%s, year %s: the month at x %.0f, before %.0f", langs[l],
                            wareki ? " (era)" : "", wareki ? "31" : years[y], after.x, before.x);
            g_assert_cmpfloat (after.x, ==, before.x);
          }
        gtk_window_destroy (window);
        wait_frames ();
      }
  yrs_i18n_set_language ("ja");
}

static void
test_siblings_check (void)
{
  YrsSession *session = yrs_session_new ();
  YrsWindow *window;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  yrs_session_push_page (session, "reserve");
  window = yrs_window_new (NULL, session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames ();

  collect (GTK_WIDGET (window), NULL, GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, >=, 1);
  for (guint i = 0; i < checks->len; i++)
    if (gtk_widget_get_mapped (checks->pdata[i]))
      {
        assert_target (checks->pdata[i], "the sibling checkbox");
      }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_frames ();
  g_object_unref (session);
}


/* In English at 1280x800 the SOS banner of the welcome page is on the
 * screen whole, without scrolling (issue 20, point 12). */
static void
test_welcome_sos_banner (void)
{
  const char *langs[] = { "en", "ja" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      YrsSession *session = yrs_session_new ();
      YrsWindow *window;
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
      GtkWidget *card = NULL;
      graphene_rect_t bounds;

      yrs_i18n_set_language (langs[l]);
      window = yrs_window_new (NULL, session);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      wait_frames ();
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 800);

      collect (GTK_WIDGET (window), NULL, GTK_TYPE_BUTTON, buttons);
      for (guint i = 0; i < buttons->len; i++)
        if (gtk_widget_has_css_class (buttons->pdata[i], "sos-card") &&
            gtk_widget_get_mapped (buttons->pdata[i]))
          card = buttons->pdata[i];
      g_assert_nonnull (card);
      g_assert_true (gtk_widget_compute_bounds (card, GTK_WIDGET (window), &bounds));
      g_test_message ("%s: the SOS banner from %.0f to %.0f, the window %d high", langs[l],
                      bounds.origin.y, bounds.origin.y + bounds.size.height,
                      gtk_widget_get_height (GTK_WIDGET (window)));
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (window)));

      gtk_window_destroy (GTK_WINDOW (window));
      wait_frames ();
      g_object_unref (session);
    }
  yrs_i18n_set_language ("ja");
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
  yrs_i18n_set_language ("ja");

  /* What AdwApplication loads for the app: the 44 px targets are CSS. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/ui/touch/date-field", test_date_field);
  g_test_add_func ("/ui/touch/siblings-check", test_siblings_check);
  g_test_add_func ("/ui/touch/date-field-names", test_date_field_names);
  g_test_add_func ("/ui/touch/date-field-steady", test_date_field_steady);
  g_test_add_func ("/ui/touch/welcome-sos-banner", test_welcome_sos_banner);

  return g_test_run ();
}
