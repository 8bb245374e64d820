/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Screenshots of the journey's pages, with a realistic person's state, in
 * both languages and at the three screen sizes a kiosk or tablet has:
 *
 *   yrs-page-shots OUTDIR
 *
 * (run under Xvfb with the test environment, see tests/ui/page-shots.sh;
 * with ADW_DEBUG_COLOR_SCHEME=prefer-dark the files end in -dark).
 * Each page is drawn by GTK's own renderer into a PNG of exactly the
 * window's size. Not part of the suite: the pictures are for people. */

#include "config.h"

#include "yrs-application-flow.h"
#include "yrs-apply-page.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "yrs-booking-flow.h"
#include "yrs-i18n.h"
#include "yrs-store.h"
#include "yrs-window.h"
#include "../unit/test-store-util.h"

static const struct { int w, h; } sizes[] = {
  { 1920, 1080 }, { 1280, 800 }, { 1080, 1920 },
};

static void
wait_frames (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 3;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
save (GtkWidget  *window,
      const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s\n", path);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  const char *name;   /* file name part */
  const char *page;
  void      (*prepare) (YrsSession *session, YrsStore *store);
  const char *focus;  /* a form field to scroll to, "end", or NULL */
} Shot;

static void
answer_twins (YrsSession *session)
{
  YrsAnswers *a = yrs_session_get_answers (session);

  yrs_session_set_as_of (session, yrs_date_new (2025, 4, 15));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "born");
  yrs_answers_set_date (a, "birth.born_on", yrs_date_new (2025, 3, 20));
  yrs_answers_set_int (a, "birth.children", 2);
  yrs_answers_set_bool (a, "need.declared", TRUE);
  yrs_answers_set_bool (a, "household.public_assistance", FALSE);
  yrs_answers_set_bool (a, "household.tax_exempt", TRUE);
}

static void
prepare_check (YrsSession *session,
               YrsStore   *store)
{
  YrsAnswers *a = yrs_session_get_answers (session);

  yrs_session_set_as_of (session, yrs_date_new (2025, 4, 15));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "born");
  yrs_session_set_check_step (session, 2);
}

static void
prepare_results (YrsSession *session,
                 YrsStore   *store)
{
  answer_twins (session);
}

/* A normal household: pregnant with one baby, notified. */
static void
prepare_pregnant (YrsSession *session,
                  YrsStore   *store)
{
  YrsAnswers *a = yrs_session_get_answers (session);

  yrs_session_set_as_of (session, yrs_date_new (2025, 6, 10));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "pregnant");
  yrs_answers_set_date (a, "pregnancy.notified_on", yrs_date_new (2025, 6, 2));
  yrs_answers_set_int (a, "pregnancy.fetuses", 1);
  yrs_answers_set_bool (a, "household.public_assistance", FALSE);
  yrs_answers_set_bool (a, "household.tax_exempt", FALSE);
}

static void
prepare_loss (YrsSession *session,
              YrsStore   *store)
{
  YrsAnswers *a = yrs_session_get_answers (session);

  yrs_session_set_as_of (session, yrs_date_new (2025, 5, 20));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "loss");
  yrs_answers_set_date (a, "loss.on", yrs_date_new (2025, 5, 1));
  yrs_answers_set_int (a, "loss.fetuses", 1);
  yrs_answers_set_bool (a, "household.public_assistance", FALSE);
  yrs_answers_set_bool (a, "household.tax_exempt", FALSE);
}

static void
fill_form (YrsSession *session)
{
  yrs_session_set_field (session, "apply.programme", "support_payment_birth");
  yrs_session_set_field (session, "payment.which", "birth");
  yrs_session_set_field (session, "applicant.name", "寄添 花子");
  yrs_session_set_field (session, "applicant.kana", "ヨリソイ　ハナコ");
  yrs_session_set_field (session, "applicant.birth_date", "1995-06-01");
  yrs_session_set_field (session, "applicant.phone", "0781234567");
  yrs_session_set_field (session, "address.postal_code", "6500001");
  yrs_session_set_field (session, "address.line", "兵庫県神戸市中央区加納町6-5-1");
  yrs_session_set_field (session, "bank.method", "bank");
  yrs_session_set_field (session, "bank.code", "0001");
  yrs_session_set_field (session, "bank.branch", "001");
  yrs_session_set_field (session, "bank.type", "ordinary");
  yrs_session_set_field (session, "bank.account_number", "1234567");
  yrs_session_set_field (session, "bank.holder_kana", "ヨリソイ　ハナコ");
}

static void
prepare_apply (YrsSession *session,
               YrsStore   *store)
{
  answer_twins (session);
  fill_form (session);
  /* A parent half-way: two mistakes, shown as they are shown. */
  yrs_session_set_field (session, "applicant.kana", "yorisoi");
  yrs_session_set_field (session, "applicant.phone", "078-123");
  yrs_application_flow_validate (yrs_session_get_application_flow (session));
}

/* A postal code of two towns (〒651-2121: 水谷, 玉津町水谷): the choices
 * under the empty address, before she taps one. */
static void
prepare_apply_towns (YrsSession *session,
                     YrsStore   *store)
{
  YrsApplicationFlow *flow;

  answer_twins (session);
  yrs_session_set_field (session, "apply.programme", "support_payment_birth");
  yrs_session_set_field (session, "payment.which", "birth");
  yrs_session_set_field (session, "applicant.name", "寄添 花子");
  yrs_session_set_field (session, "applicant.kana", "ヨリソイ　ハナコ");
  yrs_session_set_field (session, "applicant.birth_date", "1995-06-01");
  yrs_session_set_field (session, "applicant.phone", "0781234567");
  flow = yrs_session_get_application_flow (session);
  yrs_application_flow_set_value (flow, "address.postal_code", "651-2121");
  /* What the code filled in was in the language of the moment; the shot
   * is taken in both, so the address stays empty here. */
  yrs_session_set_field (session, "address.line", NULL);
  yrs_session_set_field (session, "address.filled", NULL);
}

static void
prepare_review (YrsSession *session,
                YrsStore   *store)
{
  answer_twins (session);
  fill_form (session);
}

/* The bank by name: she has tapped "A bank", typed みずほ on the kana
 * keypad, and sees the banks found; the branch waits for the bank. */
static void
prepare_bank_picker (YrsSession *session,
                     YrsStore   *store)
{
  answer_twins (session);
  fill_form (session);
  yrs_session_set_field (session, "bank.code", NULL);
  yrs_session_set_field (session, "bank.branch", NULL);
  yrs_session_set_field (session, "bank.search", "みずほ");
}

static void
prepare_submitted (YrsSession *session,
                   YrsStore   *store)
{
  g_autofree char *key = NULL;

  answer_twins (session);
  key = yrs_session_submit (session, "application",
                            "{\"programme\":\"support_payment_birth\",\"fields\":{}}", NULL);
  yrs_store_outbox_mark_sending (store, key, NULL);
  yrs_store_outbox_mark_accepted (store, key, "KB-2025-004711", NULL);
  yrs_session_set_field (session, "submission.key", key);
}

static void
prepare_queued (YrsSession *session,
                YrsStore   *store)
{
  g_autofree char *key = NULL;

  answer_twins (session);
  key = yrs_session_submit (session, "application",
                            "{\"programme\":\"support_payment_birth\",\"fields\":{}}", NULL);
  yrs_session_set_field (session, "submission.key", key);
}

static void
prepare_conflict (YrsSession *session,
                  YrsStore   *store)
{
  g_autofree char *key = NULL;

  answer_twins (session);
  key = yrs_session_submit (session, "reservation", "{\"registration\":\"REG-77\",\"slot\":\"s-1\"}", NULL);
  yrs_store_outbox_mark_sending (store, key, NULL);
  yrs_store_outbox_mark_conflict (store, key,
                                  "[{\"id\":\"s-3\",\"facility\":\"fac-chuo-josanjo-1\",\"kind\":\"stay\","
                                  "\"starts_at\":\"2025-04-21T10:00:00+09:00\",\"ends_at\":\"2025-04-22T10:00:00+09:00\","
                                  "\"capacity\":3,\"booked\":1,\"revision\":2},"
                                  "{\"id\":\"s-5\",\"facility\":\"fac-chuo-josanjo-1\",\"kind\":\"stay\","
                                  "\"starts_at\":\"2025-04-24T10:00:00+09:00\",\"ends_at\":\"2025-04-25T10:00:00+09:00\","
                                  "\"capacity\":2,\"booked\":0,\"revision\":2}]",
                                  NULL);
  yrs_session_set_field (session, "submission.key", key);
}

static void
put_slots (YrsStore *store)
{
  static const struct { const char *id, *start, *end; int cap, booked; } slots[] = {
    { "s-1", "2025-04-17T10:00", "2025-04-18T10:00", 2, 1 },
    { "s-2", "2025-04-17T14:00", "2025-04-18T14:00", 1, 1 },
    { "s-3", "2025-04-21T10:00", "2025-04-22T10:00", 3, 1 },
    { "s-4", "2025-04-23T10:00", "2025-04-24T10:00", 2, 2 },
    { "s-5", "2025-04-24T10:00", "2025-04-25T10:00", 2, 0 },
    { "s-6", "2025-04-28T10:00", "2025-04-29T10:00", 3, 0 },
    { "s-7", "2025-05-01T10:00", "2025-05-02T10:00", 2, 1 },
    { "s-8", "2025-05-07T10:00", "2025-05-08T10:00", 3, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(YrsSlot) slot = yrs_slot_new (slots[i].id, "fac-chuo-josanjo-1", "stay",
                                              slots[i].start, slots[i].end,
                                              slots[i].cap, slots[i].booked, 1);

      yrs_store_put_slot (store, slot, NULL);
    }
}

static void
prepare_reserve (YrsSession *session,
                 YrsStore   *store)
{
  answer_twins (session);
  yrs_booking_flow_set_kind (yrs_session_get_booking_flow (session), "stay");
}

static void
prepare_slots (YrsSession *session,
               YrsStore   *store)
{
  YrsBookingFlow *flow;

  answer_twins (session);
  put_slots (store);
  flow = yrs_session_get_booking_flow (session);
  yrs_booking_flow_set_kind (flow, "stay");
  yrs_booking_flow_choose_facility (flow, "fac-chuo-josanjo-1");
  yrs_booking_flow_choose_day (flow, "2025-04-17");
}

static void
prepare_slot (YrsSession *session,
              YrsStore   *store)
{
  g_autofree char *key = NULL;

  prepare_slots (session, store);
  /* Her registration, received by the city. */
  key = yrs_session_submit (session, "registration", "{\"name\":\"寄添 花子\"}", NULL);
  yrs_store_outbox_mark_sending (store, key, NULL);
  yrs_store_outbox_mark_accepted (store, key, "REG-77", NULL);
  yrs_booking_flow_reload (yrs_session_get_booking_flow (session));
  yrs_booking_flow_choose_slot (yrs_session_get_booking_flow (session), "s-1");
}

static void
prepare_welcome (YrsSession *session,
                 YrsStore   *store)
{
}

/* Issue 20: on a nurse's tablet the receipt offers "Next family". */
static void
prepare_submitted_tablet (YrsSession *session,
                          YrsStore   *store)
{
  g_autofree char *owner = yrs_store_ensure_staff_session (store, "nurse-tanaka", NULL);

  yrs_session_set_store (session, store, owner);
  prepare_submitted (session, store);
}

/* Issue 20: a baby "born" tomorrow, refused in place. */
static void
prepare_check_future (YrsSession *session,
                      YrsStore   *store)
{
  YrsAnswers *a = yrs_session_get_answers (session);

  yrs_session_set_as_of (session, yrs_date_new (2025, 4, 15));
  yrs_answers_set_bool (a, "residence.in_city", TRUE);
  yrs_answers_set_string (a, "pregnancy.status", "born");
  yrs_answers_set_date (a, "birth.born_on", yrs_date_new (2025, 4, 16));
  yrs_session_set_check_step (session, 2);
}

/* Issue 20: born after today, a postcode of Tokyo, no city in the
 * address. */
static void
prepare_apply_impossible (YrsSession *session,
                          YrsStore   *store)
{
  answer_twins (session);
  fill_form (session);
  yrs_session_set_field (session, "applicant.birth_date", "2030-02-28");
  yrs_session_set_field (session, "address.postal_code", "1000001");
  yrs_session_set_field (session, "address.line", "千代田区千代田1-1");
  yrs_application_flow_validate (yrs_session_get_application_flow (session));
}

static const Shot shots[] = {
  { "welcome", "welcome", prepare_welcome },
  { "check", "check", prepare_check },
  { "results", "results", prepare_results },
  { "results-pregnant", "results", prepare_pregnant },
  { "results-loss", "results", prepare_loss },
  { "apply", "apply", prepare_apply },
  { "apply-towns", "apply", prepare_apply_towns },
  { "review", "review", prepare_review },
  { "bank-picker", "apply", prepare_bank_picker, "bank.code" },
  { "review-bank", "review", prepare_review, "end" },
  { "submitted", "submitted", prepare_submitted },
  { "submitted-queued", "submitted", prepare_queued },
  { "submitted-tablet", "submitted", prepare_submitted_tablet },
  { "check-future", "check", prepare_check_future },
  { "apply-impossible", "apply", prepare_apply_impossible },
  { "conflict", "submitted", prepare_conflict },
  { "reserve", "reserve", prepare_reserve },
  { "slots", "slots", prepare_slots },
  { "slot", "slot", prepare_slot },
};

int
main (int   argc,
      char *argv[])
{
  const char *outdir;
  const char *only = g_getenv ("YRS_SHOT_ONLY");
  g_autofree char *tmp = NULL;

  gtk_init ();
  adw_init ();
  yrs_i18n_init ();

  /* What AdwApplication loads for the app from its resource base path. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/yorisoi/Yorisoi/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  outdir = argv[1];
  tmp = g_dir_make_tmp ("yrs-shots-XXXXXX", NULL);

  for (guint s = 0; s < G_N_ELEMENTS (shots); s++)
    for (guint l = 0; l < 2; l++)
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          const char *lang = l == 0 ? "ja" : "en";
          g_autofree char *db = g_strdup_printf ("%s/%s-%s-%u.db", tmp, shots[s].name, lang, z);
          g_autoptr(YrsStore) store = yrs_store_open (db, NULL);
          g_autofree char *owner = NULL;
          g_autoptr(YrsSession) session = NULL;
          g_autofree char *file = NULL;
          g_autofree char *path = NULL;
          YrsWindow *window;

          /* The city's key, as a provisioned device has (issue 18). */
          store_test_provision_city_key (store);
          owner = yrs_store_create_kiosk_session (store, NULL);
          session = yrs_session_new ();

          if (only != NULL && !g_str_equal (only, shots[s].name))
            continue;
          /* The welcome page in light is tools/screenshot.sh's (the real
           * app), in data/screenshots already; here only in dark. */
          if (g_str_equal (shots[s].name, "welcome") &&
              !adw_style_manager_get_dark (adw_style_manager_get_default ()))
            continue;
          /* Extra states at one size only. */
          if (z != 1 && (g_str_equal (shots[s].name, "submitted-queued") ||
                         g_str_equal (shots[s].name, "conflict")))
            continue;

          yrs_session_set_store (session, store, owner);
          shots[s].prepare (session, store);
          yrs_session_push_page (session, shots[s].page);

          yrs_i18n_set_language (lang);
          window = yrs_window_new (NULL, session);
          /* The tablet's actions (yrs-tablet.c), as a signed-in nurse has them. */
          if (g_str_equal (shots[s].name, "submitted-tablet"))
            {
              g_autoptr(GSimpleActionGroup) tablet = g_simple_action_group_new ();
              g_autoptr(GSimpleAction) next = g_simple_action_new ("next-family", NULL);

              g_action_map_add_action (G_ACTION_MAP (tablet), G_ACTION (next));
              gtk_widget_insert_action_group (GTK_WIDGET (window), "tablet", G_ACTION_GROUP (tablet));
            }
          gtk_window_set_default_size (GTK_WINDOW (window), sizes[z].w, sizes[z].h);
          gtk_window_present (GTK_WINDOW (window));
          wait_frames ();
          if (g_strcmp0 (shots[s].focus, "end") == 0)
            {
              /* The end of the page (the review's bank account). */
              GtkWidget *scrolled = find_widget (GTK_WIDGET (window), GTK_TYPE_SCROLLED_WINDOW);
              GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

              gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
              wait_frames ();
            }
          else if (shots[s].focus != NULL)
            {
              GtkWidget *page = find_widget (GTK_WIDGET (window), YRS_TYPE_APPLY_PAGE);

              GtkWidget *focus, *scrolled;
              graphene_point_t at;

              gtk_widget_activate_action (page, "apply.focus", "s", shots[s].focus);
              wait_frames ();
              /* The field near the top, as the kiosk puts it above its
               * keypad, with its label. */
              focus = gtk_root_get_focus (GTK_ROOT (window));
              scrolled = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW) : NULL;
              if (scrolled != NULL &&
                  gtk_widget_compute_point (focus, scrolled, &GRAPHENE_POINT_INIT (0, 0), &at))
                {
                  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

                  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + at.y - 120);
                  wait_frames ();
                }
            }

          /* ADW_DEBUG_COLOR_SCHEME=prefer-dark: a tablet in a dark desktop. */
          file = g_strdup_printf ("%s-%s-%dx%d%s.png", shots[s].name, lang, sizes[z].w, sizes[z].h,
                                  adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "-dark" : "");
          path = g_build_filename (outdir, file, NULL);
          save (GTK_WIDGET (window), path);
          gtk_window_destroy (GTK_WINDOW (window));
          wait_frames ();
        }

  return 0;
}
