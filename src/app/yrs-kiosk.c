/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Kiosk mode: a public ward-office screen that the next person must find
 * empty.
 *
 * The wipe is the language switch in reverse (see yrs-i18n.c): pages keep
 * nothing of their own, so dropping what the person entered means wiping
 * the store's rows of their session, wiping the YrsSession (values
 * overwritten before they are freed), and rebuilding the shell from its
 * templates. The old widgets, and with them every GtkEntryBuffer (GTK
 * zeroes those when it frees them), are destroyed in the rebuild. */

#define G_LOG_DOMAIN "yrs-kiosk"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-countdown.h"
#include "yrs-field-row.h"
#include "yrs-form-spec.h"
#include "yrs-i18n.h"
#include "yrs-idle-monitor.h"
#include "yrs-kiosk.h"
#include "yrs-kana-keypad.h"
#include "yrs-kiosk-admin-page.h"
#include "yrs-numeric-keypad.h"
#include "yrs-preferences-window.h"
#include "yrs-sign-in-page.h"

struct _YrsKiosk
{
  GObject             parent_instance;

  YrsWindow          *window;        /* weak */
  GSettings          *settings;
  YrsStore           *store;
  YrsStaffAuth       *auth;
  YrsIdleMonitor     *monitor;
  GSimpleActionGroup *actions;

  GtkWidget          *countdown;     /* in the window's overlay, or NULL */
  guint               countdown_seconds;
  guint               tick_id;
  guint               cancel_id;

  gboolean            may_close;     /* a staff member chose to leave */
  GtkApplication     *inhibit_app;   /* holds the idle inhibitor, or NULL */
  guint               inhibit_cookie;
  char               *last_page;
  guint               finish_id;

  /* The keypad (see on_focus_changed): a finger is down; when it lifts,
   * the keypad goes (a tap outside it and its field, or the focus gone
   * to a control). */
  gboolean            pressing;
  gboolean            close_on_release;
  guint               keyboard_idle_id;
};

G_DEFINE_FINAL_TYPE (YrsKiosk, yrs_kiosk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_AUTH,
  PROP_COUNTDOWN_SECONDS,
  PROP_COUNTING_DOWN,
  N_PROPS
};

enum {
  WIPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
stop_countdown (YrsKiosk *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->cancel_id, g_source_remove);

  if (self->countdown == NULL)
    return;

  if (self->window != NULL)
    yrs_window_remove_overlay (self->window, self->countdown);
  self->countdown = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING_DOWN]);
}

/* A new anonymous owner in the store for the next person's drafts. */
static void
start_new_owner (YrsKiosk *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  YrsSession *session;

  if (self->store == NULL || self->window == NULL)
    return;

  session = yrs_window_get_session (self->window);
  owner = yrs_store_create_kiosk_session (self->store, &error);
  if (owner == NULL)
    {
      g_warning ("Could not start a kiosk session in the store: %s", error->message);
      return;
    }
  yrs_session_set_store (session, self->store, owner);
}

static gboolean
session_in_use (YrsKiosk *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");
  YrsSession *session = yrs_window_get_session (self->window);
  g_autoptr(GList) fields = yrs_session_list_fields (session);

  return fields != NULL ||
         !g_str_equal (yrs_session_get_page (session), "welcome") ||
         !g_str_equal (yrs_i18n_get_language (), language) ||
         yrs_window_get_gate (self->window) != NULL;
}

static void
clear_clipboards (YrsKiosk *self)
{
  GtkWidget *widget = GTK_WIDGET (self->window);

  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), NULL);
  gdk_clipboard_set_content (gtk_widget_get_primary_clipboard (widget), NULL);
}

void
yrs_kiosk_wipe (YrsKiosk *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *language = NULL;
  YrsSession *session;
  const char *owner;

  g_return_if_fail (YRS_IS_KIOSK (self));

  if (self->window == NULL)
    return;

  session = yrs_window_get_session (self->window);
  stop_countdown (self);
  /* A preferences window opened by staff, a dialog. */
  yrs_window_close_dependents (self->window);
  if (self->auth != NULL)
    yrs_staff_auth_sign_out (self->auth);
  self->may_close = FALSE;
  yrs_window_set_gate (self->window, NULL);

  /* The store first: it drops the drafts still queued for writing, so
   * nothing of this person is written after the wipe. */
  owner = yrs_session_get_owner (session);
  if (self->store != NULL && owner != NULL &&
      !yrs_store_wipe_owner (self->store, owner, &error))
    g_critical ("The kiosk session could not be wiped from the store: %s", error->message);

  yrs_session_wipe (session);
  start_new_owner (self);
  clear_clipboards (self);

  language = g_settings_get_string (self->settings, "language");
  yrs_i18n_set_language (language);
  yrs_window_rebuild (self->window);

  yrs_idle_monitor_start (self->monitor);
  g_signal_emit (self, signals[WIPED], 0);
}

static gboolean
tick (gpointer data)
{
  YrsKiosk *self = data;
  YrsCountdown *countdown = YRS_COUNTDOWN (self->countdown);
  guint left = yrs_countdown_get_seconds_left (countdown);

  if (left > 1)
    {
      yrs_countdown_set_seconds_left (countdown, left - 1);
      return G_SOURCE_CONTINUE;
    }

  self->tick_id = 0;
  yrs_kiosk_wipe (self);
  return G_SOURCE_REMOVE;
}

void
yrs_kiosk_start_countdown (YrsKiosk *self)
{
  g_return_if_fail (YRS_IS_KIOSK (self));

  if (self->countdown != NULL || self->window == NULL)
    return;

  yrs_idle_monitor_stop (self->monitor);
  self->countdown = yrs_countdown_new (self->countdown_seconds);
  yrs_window_add_overlay (self->window, self->countdown);
  self->tick_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, tick, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING_DOWN]);
}

void
yrs_kiosk_cancel_countdown (YrsKiosk *self)
{
  g_return_if_fail (YRS_IS_KIOSK (self));

  stop_countdown (self);
  yrs_idle_monitor_start (self->monitor);
}

static void
on_idle (YrsKiosk       *self,
         YrsIdleMonitor *monitor)
{
  if (session_in_use (self))
    yrs_kiosk_start_countdown (self);
  else
    yrs_idle_monitor_start (self->monitor);
}

static gboolean
cancel_idle (gpointer data)
{
  YrsKiosk *self = data;

  self->cancel_id = 0;
  yrs_kiosk_cancel_countdown (self);
  return G_SOURCE_REMOVE;
}

static void
on_activity (YrsKiosk       *self,
             YrsIdleMonitor *monitor)
{
  /* Any touch cancels; the countdown goes once the event has been handled,
   * not while it is on its way through the widgets. */
  if (self->countdown != NULL && self->cancel_id == 0)
    self->cancel_id = g_idle_add (cancel_idle, self);
}

static void
on_timeout_changed (YrsKiosk   *self,
                    const char *key,
                    GSettings  *settings)
{
  yrs_idle_monitor_set_timeout (self->monitor,
                                g_settings_get_uint (settings, "idle-timeout-seconds") * 1000);
}

static void
on_shell_built (YrsKiosk  *self,
                YrsShell  *shell,
                YrsWindow *window)
{
  GtkWidget *button;

  yrs_shell_set_window_buttons_visible (shell, FALSE);

  /* Discreet, but there: the way in for ward-office staff. */
  /* Not gtk_button_new_from_icon_name(): GTK 4.8 names a button from its
   * content as well as its label, and the unnamed image in it is read
   * "GtkImage". */
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button),
                        g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", "system-users-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.staff");
  gtk_widget_set_tooltip_text (button, _("Staff sign-in"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff sign-in"),
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  yrs_shell_pack_header_end (shell, button);
}

static gboolean
on_close_request (YrsKiosk  *self,
                  GtkWindow *window)
{
  /* No way out to the desktop but through staff sign-in. */
  return !self->may_close;
}

static void
show_admin_page (YrsKiosk *self)
{
  yrs_window_set_gate (self->window, yrs_kiosk_admin_page_new (self->auth));
}

static void
on_signed_in (YrsKiosk      *self,
              YrsSignInPage *page)
{
  show_admin_page (self);
}

static void
on_gate_closed (YrsKiosk  *self,
                GtkWidget *page)
{
  if (self->auth != NULL)
    yrs_staff_auth_sign_out (self->auth);
  yrs_window_set_gate (self->window, NULL);
}

static void
staff_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  YrsKiosk *self = user_data;
  GtkWidget *page;

  if (self->window == NULL || self->auth == NULL)
    return;

  page = yrs_sign_in_page_new (self->auth, NULL);
  yrs_sign_in_page_set_cancellable (YRS_SIGN_IN_PAGE (page), TRUE);
  g_signal_connect_object (page, "signed-in", G_CALLBACK (on_signed_in), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "cancelled", G_CALLBACK (on_gate_closed), self, G_CONNECT_SWAPPED);
  yrs_window_set_gate (self->window, page);
}

static void
finish_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  yrs_kiosk_wipe (YRS_KIOSK (user_data));
}

static void
still_here_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  yrs_kiosk_cancel_countdown (YRS_KIOSK (user_data));
}

static void
back_to_kiosk_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  YrsKiosk *self = user_data;

  on_gate_closed (self, NULL);
}

static void
leave_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  YrsKiosk *self = user_data;

  /* Only from the admin page, behind a staff sign-in. */
  if (self->window == NULL || self->auth == NULL ||
      yrs_staff_auth_get_staff_id (self->auth) == NULL)
    return;

  yrs_kiosk_wipe (self);
  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self->window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  YrsKiosk *self = user_data;
  GtkWindow *prefs;

  /* Only from the admin page, behind a staff sign-in. */
  if (self->window == NULL || self->auth == NULL ||
      yrs_staff_auth_get_staff_id (self->auth) == NULL)
    return;

  prefs = GTK_WINDOW (yrs_preferences_window_new (self->settings,
                                                  yrs_session_get_sync_status (yrs_window_get_session (self->window))));
  gtk_window_set_transient_for (prefs, GTK_WINDOW (self->window));
  gtk_window_set_modal (prefs, TRUE);
  gtk_window_present (prefs);
}

static const GActionEntry kiosk_actions[] = {
  { "preferences", preferences_action },
  { "finish", finish_action },
  { "still-here", still_here_action },
  { "staff", staff_action },
  { "back-to-kiosk", back_to_kiosk_action },
  { "leave", leave_action },
};

/* Touch input without a keyboard (a kiosk has none), along the bottom of
 * the window while a field has the focus: the numeric keypad for a field
 * that takes digits (postal code, phone, bank numbers), the 50音 keypad
 * for フリガナ, and for everything else written (氏名, 住所, free text)
 * the same keypad converting a reading to kanji, with handwriting and
 * Latin letters a tap away (issue 21). The converter and the pad are the
 * session's: they go with the person at the wipe. A tablet keeps the
 * system's keyboard and input method (IBus), and never gets here. */
#define YRS_KIOSK_KEYPAD_MARGIN 8

static GtkWidget *
text_keypad (YrsKiosk    *self,
             GtkEntry    *entry,
             const char  *field)
{
  YrsSession *session = yrs_window_get_session (self->window);
  const YrsFieldSpec *spec = field != NULL ? yrs_form_spec_lookup_field (field) : NULL;
  GtkWidget *keypad = yrs_kana_keypad_new ();
  YrsKanaKeypad *kana = YRS_KANA_KEYPAD (keypad);

  yrs_kana_keypad_set_converter (kana, yrs_session_get_converter (session));
  yrs_kana_keypad_set_handwriting (kana, yrs_session_get_handwriting (session));

  switch ((int) gtk_entry_get_input_purpose (entry))
    {
    case GTK_INPUT_PURPOSE_ALPHA:
    case GTK_INPUT_PURPOSE_EMAIL:
    case GTK_INPUT_PURPOSE_URL:
    case GTK_INPUT_PURPOSE_PASSWORD:
    case GTK_INPUT_PURPOSE_PIN:
      yrs_kana_keypad_set_mode (kana, YRS_KANA_KEYPAD_MODE_ALPHANUMERIC);
      return keypad;

    case GTK_INPUT_PURPOSE_NAME:
      yrs_kana_keypad_set_hint (kana, YRS_CONVERTER_HINT_NAME);
      break;

    default:
      break;
    }

  if (spec != NULL && spec->kind == YRS_FIELD_NAME)
    yrs_kana_keypad_set_hint (kana, YRS_CONVERTER_HINT_NAME);
  else if (spec != NULL && spec->kind == YRS_FIELD_ADDRESS)
    yrs_kana_keypad_set_hint (kana, YRS_CONVERTER_HINT_ADDRESS);
  /* A parent reading the kiosk in English most often has her name in
   * Latin letters on her residence record: her name starts on ABC (the
   * Kanji mode is one tap away), not on a grid of hiragana. */
  if (yrs_kana_keypad_get_hint (kana) == YRS_CONVERTER_HINT_NAME &&
      g_str_equal (yrs_i18n_get_language (), "en"))
    {
      yrs_kana_keypad_set_mode (kana, YRS_KANA_KEYPAD_MODE_ALPHANUMERIC);
      return keypad;
    }
  yrs_kana_keypad_set_mode (kana, YRS_KANA_KEYPAD_MODE_CONVERSION);
  return keypad;
}

/* The keypad takes the bottom of the window (most of it on a 1280x800
 * screen) and the page above it gets shorter: the field she writes in
 * (with its label) goes to the top of what is left, so that she sees
 * what she types and the field after it is still there to tap. Near the
 * end of a page, as far as the page scrolls: the page is as short as the
 * room above the keypad, so its last field and its buttons can always
 * come above it.
 *
 * On the frames after the keypad has its place, until the field has
 * stayed put for a few of them: the page's size changes under the
 * keypad, and GtkViewport scrolls to the focus on its own, which may
 * move the page again after a first correction. */
#define KEEP_ABOVE_STABLE_FRAMES 3
#define KEEP_ABOVE_MAX_FRAMES 90

typedef struct
{
  GWeakRef  kiosk;   /* not owned: the tick can outlive the kiosk's
                      * window, and its last reference must not go
                      * while that window is being destroyed */
  guint     frames;
  guint     stable;
} KeepAbove;

static void
keep_above_free (gpointer data)
{
  KeepAbove *keep = data;

  g_weak_ref_clear (&keep->kiosk);
  g_free (keep);
}

static gboolean
keep_above_keypad (GtkWidget     *entry,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  KeepAbove *keep = user_data;
  g_autoptr(YrsKiosk) self = g_weak_ref_get (&keep->kiosk);
  GtkWidget *keypad = self != NULL && self->window != NULL ? yrs_window_get_keyboard (self->window) : NULL;
  GtkWidget *scrolled = gtk_widget_get_ancestor (entry, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *row = gtk_widget_get_ancestor (entry, YRS_TYPE_FIELD_ROW);
  GtkWidget *target = row != NULL ? row : entry;
  GtkAdjustment *adj;
  graphene_point_t at;
  double value, wanted;

  if (keypad == NULL || yrs_keypad_get_editable (YRS_KEYPAD (keypad)) != GTK_EDITABLE (entry))
    {
      g_debug ("keep above: the keypad is not the field's any more");
      return G_SOURCE_REMOVE;
    }
  /* Not laid out with the keypad yet. */
  if (gtk_widget_get_height (keypad) == 0)
    return G_SOURCE_CONTINUE;
  if (++keep->frames > KEEP_ABOVE_MAX_FRAMES)
    return G_SOURCE_REMOVE;
  if (scrolled == NULL ||
      !gtk_widget_compute_point (target, scrolled, &GRAPHENE_POINT_INIT (0, 0), &at))
    {
      g_debug ("keep above: no scrolled window, or the field is not in it");
      return G_SOURCE_REMOVE;
    }

  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adj);
  wanted = CLAMP (value + at.y - YRS_KIOSK_KEYPAD_MARGIN, gtk_adjustment_get_lower (adj),
                  gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  if (ABS (wanted - value) < 1)
    return ++keep->stable >= KEEP_ABOVE_STABLE_FRAMES ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
  keep->stable = 0;
  g_debug ("keep above: frame %u, %.0f -> %.0f (field at %.0f, page %.0f of %.0f)", keep->frames, value, wanted,
           at.y, gtk_adjustment_get_page_size (adj), gtk_adjustment_get_upper (adj));
  gtk_adjustment_set_value (adj, wanted);
  return G_SOURCE_CONTINUE;
}

static void
close_keypad (YrsKiosk *self)
{
  GtkWidget *keypad = yrs_window_get_keyboard (self->window);
  GtkEditable *editable = keypad != NULL ? yrs_keypad_get_editable (YRS_KEYPAD (keypad)) : NULL;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->window));

  /* Taking the focus from the field puts what was being converted in
   * and hides the keypad (on_focus_changed); a tap on the field again
   * brings it back. */
  if (editable != NULL && focus != NULL &&
      (focus == GTK_WIDGET (editable) || gtk_widget_is_ancestor (focus, GTK_WIDGET (editable))))
    gtk_window_set_focus (GTK_WINDOW (self->window), NULL);
  else
    yrs_window_set_keyboard (self->window, NULL);
}

static void
on_keypad_close (YrsKiosk  *self,
                 YrsKeypad *keypad)
{
  if (self->window != NULL && yrs_window_get_keyboard (self->window) == GTK_WIDGET (keypad))
    close_keypad (self);
}

/* After the finger lifts: the keypad goes if she tapped outside it and
 * its field, or if the focus has left the fields for a control. */
static gboolean
keyboard_idle (gpointer data)
{
  YrsKiosk *self = data;
  GtkWidget *focus;

  self->keyboard_idle_id = 0;
  if (self->window == NULL || yrs_window_get_keyboard (self->window) == NULL)
    return G_SOURCE_REMOVE;

  focus = gtk_root_get_focus (GTK_ROOT (self->window));
  if (self->close_on_release ||
      focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) == NULL)
    close_keypad (self);
  self->close_on_release = FALSE;
  return G_SOURCE_REMOVE;
}

/* A button that does not take the focus when tapped (the header's
 * language switch: issue 23) leaves her in her field, with its keypad. */
static gboolean
leaves_focus (GtkWidget *picked)
{
  GtkWidget *button = GTK_IS_BUTTON (picked) ? picked : gtk_widget_get_ancestor (picked, GTK_TYPE_BUTTON);

  return button != NULL && !gtk_widget_get_focus_on_click (button);
}

/* Every press and release in the window, before any widget has it (the
 * capture phase), never claimed: the tap still goes where it was meant.
 * A tap outside the keypad and outside any field closes the keypad when
 * the finger lifts; not earlier, since the page grows when the keypad
 * goes and the control under her finger must stay there until then. */
static gboolean
on_window_event (YrsKiosk                 *self,
                 GdkEvent                 *event,
                 GtkEventControllerLegacy *controller)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *keypad = yrs_window_get_keyboard (self->window);

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      {
        GtkWidget *picked = NULL;
        double x, y;

        self->pressing = TRUE;
        if (keypad == NULL || !gdk_event_get_position (event, &x, &y))
          break;
        {
          /* Event positions are the surface's; the window's own
           * coordinates start inside its shadow. */
          double dx = 0, dy = 0;

          gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
          picked = gtk_widget_pick (window, x - dx, y - dy, GTK_PICK_DEFAULT);
        }
        if (picked != NULL &&
            picked != keypad && !gtk_widget_is_ancestor (picked, keypad) &&
            !GTK_IS_EDITABLE (picked) &&
            gtk_widget_get_ancestor (picked, GTK_TYPE_ENTRY) == NULL &&
            !leaves_focus (picked))
          self->close_on_release = TRUE;
      }
      break;

    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      self->pressing = FALSE;
      if (keypad != NULL && self->keyboard_idle_id == 0)
        self->keyboard_idle_id = g_idle_add (keyboard_idle, self);
      break;

    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_focus_changed (YrsKiosk   *self,
                  GParamSpec *pspec,
                  GtkWindow  *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
  GtkWidget *current = yrs_window_get_keyboard (self->window);
  const char *field;
  GtkWidget *keypad = NULL;

  if (current != NULL && entry != NULL && YRS_IS_KEYPAD (current) &&
      yrs_keypad_get_editable (YRS_KEYPAD (current)) == GTK_EDITABLE (entry))
    return;

  /* What was being converted goes into the field she leaves, as an
   * input method does. */
  if (YRS_IS_KANA_KEYPAD (current))
    {
      GtkEditable *left = yrs_keypad_get_editable (YRS_KEYPAD (current));

      /* Not into a field on its way out (the wipe's rebuild): that would
       * write the reading back into the wiped session. */
      if (left != NULL && gtk_widget_get_mapped (GTK_WIDGET (left)))
        yrs_kana_keypad_flush (YRS_KANA_KEYPAD (current));
    }

  if (entry == NULL)
    {
      /* A control under her finger took the focus: the keypad goes when
       * she lifts it (on_window_event), so that the control stays where
       * it is until then. */
      if (current != NULL && !self->pressing)
        yrs_window_set_keyboard (self->window, NULL);
      return;
    }

  field = g_object_get_data (G_OBJECT (entry), "yrs-field");
  if (field != NULL && g_str_has_suffix (field, "kana"))
    {
      keypad = yrs_kana_keypad_new ();
      yrs_kana_keypad_set_show_modes (YRS_KANA_KEYPAD (keypad), FALSE);
    }
  else
    switch ((int) gtk_entry_get_input_purpose (GTK_ENTRY (entry)))
      {
      case GTK_INPUT_PURPOSE_DIGITS:
      case GTK_INPUT_PURPOSE_NUMBER:
      case GTK_INPUT_PURPOSE_PHONE:
        keypad = yrs_numeric_keypad_new ();
        break;

      default:
        keypad = text_keypad (self, GTK_ENTRY (entry), field);
        break;
      }

  yrs_keypad_set_editable (YRS_KEYPAD (keypad), GTK_EDITABLE (entry));
  gtk_widget_set_halign (keypad, GTK_ALIGN_CENTER);
  g_signal_connect_object (keypad, "close", G_CALLBACK (on_keypad_close), self, G_CONNECT_SWAPPED);
  self->close_on_release = FALSE;
  yrs_window_set_keyboard (self->window, keypad);
  {
    KeepAbove *keep = g_new0 (KeepAbove, 1);

    g_weak_ref_init (&keep->kiosk, self);
    gtk_widget_add_tick_callback (entry, keep_above_keypad, keep, keep_above_free);
  }
}

static gboolean
finish_idle (gpointer data)
{
  YrsKiosk *self = data;

  self->finish_id = 0;
  yrs_kiosk_wipe (self);
  return G_SOURCE_REMOVE;
}

/* The receipt page's "Finish" goes home: at a kiosk that is the end of
 * the person's visit, so it wipes at once. */
static void
on_page_changed (YrsKiosk   *self,
                 GParamSpec *pspec,
                 YrsSession *session)
{
  const char *page = yrs_session_get_page (session);

  if (g_strcmp0 (self->last_page, "submitted") == 0 &&
      g_strcmp0 (page, "welcome") == 0 && self->finish_id == 0)
    self->finish_id = g_idle_add (finish_idle, self);

  g_free (self->last_page);
  self->last_page = g_strdup (page);
}

static void
yrs_kiosk_constructed (GObject *object)
{
  YrsKiosk *self = YRS_KIOSK (object);
  GtkWindow *window = GTK_WINDOW (self->window);

  G_OBJECT_CLASS (yrs_kiosk_parent_class)->constructed (object);

  g_return_if_fail (YRS_IS_WINDOW (self->window));
  g_return_if_fail (G_IS_SETTINGS (self->settings));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), kiosk_actions,
                                   G_N_ELEMENTS (kiosk_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "kiosk", G_ACTION_GROUP (self->actions));

  gtk_window_set_deletable (window, FALSE);
  gtk_window_fullscreen (window);

  /* A public kiosk's screen stays on: no blanking, no screen saver, no
   * lock (the session's idle inhibitor; cage and GNOME both honour it).
   * The kiosk's own idle timer still wipes the session. */
  if (gtk_window_get_application (window) != NULL)
    {
      self->inhibit_app = g_object_ref (gtk_window_get_application (window));
      self->inhibit_cookie = gtk_application_inhibit (self->inhibit_app, window,
                                                      GTK_APPLICATION_INHIBIT_IDLE,
                                                      _("A public kiosk: the screen stays on"));
    }
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_close_request), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "shell-built", G_CALLBACK (on_shell_built), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::focus-widget", G_CALLBACK (on_focus_changed), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *taps = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (taps, GTK_PHASE_CAPTURE);
    g_signal_connect_object (taps, "event", G_CALLBACK (on_window_event), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (window), taps);
  }
  on_shell_built (self, yrs_window_get_shell (self->window), self->window);

  self->monitor = yrs_idle_monitor_new (GTK_WIDGET (window),
                                        g_settings_get_uint (self->settings, "idle-timeout-seconds") * 1000);
  g_signal_connect_object (self->monitor, "idle", G_CALLBACK (on_idle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "activity", G_CALLBACK (on_activity), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::idle-timeout-seconds",
                           G_CALLBACK (on_timeout_changed), self, G_CONNECT_SWAPPED);

  if (yrs_session_get_owner (yrs_window_get_session (self->window)) == NULL)
    start_new_owner (self);
  g_signal_connect_object (yrs_window_get_session (self->window), "notify::page",
                           G_CALLBACK (on_page_changed), self, G_CONNECT_SWAPPED);

  yrs_idle_monitor_start (self->monitor);
}

static void
yrs_kiosk_dispose (GObject *object)
{
  YrsKiosk *self = YRS_KIOSK (object);

  stop_countdown (self);
  g_clear_handle_id (&self->finish_id, g_source_remove);
  g_clear_handle_id (&self->keyboard_idle_id, g_source_remove);
  if (self->inhibit_app != NULL && self->inhibit_cookie != 0)
    gtk_application_uninhibit (self->inhibit_app, self->inhibit_cookie);
  self->inhibit_cookie = 0;
  g_clear_object (&self->inhibit_app);
  g_clear_pointer (&self->last_page, g_free);

  if (self->window != NULL)
    {
      GtkWindow *window = GTK_WINDOW (self->window);

      g_signal_handlers_disconnect_by_data (yrs_window_get_session (self->window), self);
      YrsShell *shell = yrs_window_get_shell (self->window);

      gtk_widget_insert_action_group (GTK_WIDGET (window), "kiosk", NULL);
      g_signal_handlers_disconnect_by_data (window, self);
      gtk_window_set_deletable (window, TRUE);
      yrs_window_set_keyboard (self->window, NULL);
      gtk_window_unfullscreen (window);
      if (shell != NULL)
        yrs_shell_set_window_buttons_visible (shell, TRUE);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }

  g_clear_object (&self->monitor);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->auth);

  G_OBJECT_CLASS (yrs_kiosk_parent_class)->dispose (object);
}

static void
yrs_kiosk_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YrsKiosk *self = YRS_KIOSK (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_AUTH:
      g_value_set_object (value, self->auth);
      break;

    case PROP_COUNTDOWN_SECONDS:
      g_value_set_uint (value, self->countdown_seconds);
      break;

    case PROP_COUNTING_DOWN:
      g_value_set_boolean (value, self->countdown != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_kiosk_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  YrsKiosk *self = YRS_KIOSK (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      self->window = g_value_get_object (value);
      if (self->window != NULL)
        g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_AUTH:
      self->auth = g_value_dup_object (value);
      break;

    case PROP_COUNTDOWN_SECONDS:
      yrs_kiosk_set_countdown_seconds (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_kiosk_class_init (YrsKioskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = yrs_kiosk_constructed;
  object_class->dispose = yrs_kiosk_dispose;
  object_class->get_property = yrs_kiosk_get_property;
  object_class->set_property = yrs_kiosk_set_property;

  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL,
                         YRS_TYPE_WINDOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         YRS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTH] =
    g_param_spec_object ("auth", NULL, NULL,
                         YRS_TYPE_STAFF_AUTH,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COUNTDOWN_SECONDS] =
    g_param_spec_uint ("countdown-seconds", NULL, NULL,
                       1, 600, 30,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COUNTING_DOWN] =
    g_param_spec_boolean ("counting-down", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WIPED] =
    g_signal_new ("wiped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
yrs_kiosk_init (YrsKiosk *self)
{
  self->countdown_seconds = 30;
}

YrsKiosk *
yrs_kiosk_new (YrsWindow    *window,
               GSettings    *settings,
               YrsStore     *store,
               YrsStaffAuth *auth)
{
  g_return_val_if_fail (YRS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || YRS_IS_STORE (store), NULL);
  g_return_val_if_fail (auth == NULL || YRS_IS_STAFF_AUTH (auth), NULL);

  return g_object_new (YRS_TYPE_KIOSK,
                       "window", window,
                       "settings", settings,
                       "store", store,
                       "auth", auth,
                       NULL);
}

YrsWindow *
yrs_kiosk_get_window (YrsKiosk *self)
{
  g_return_val_if_fail (YRS_IS_KIOSK (self), NULL);

  return self->window;
}

guint
yrs_kiosk_get_countdown_seconds (YrsKiosk *self)
{
  g_return_val_if_fail (YRS_IS_KIOSK (self), 0);

  return self->countdown_seconds;
}

void
yrs_kiosk_set_countdown_seconds (YrsKiosk *self,
                                 guint     seconds)
{
  g_return_if_fail (YRS_IS_KIOSK (self));

  seconds = CLAMP (seconds, 1, 600);
  if (self->countdown_seconds == seconds)
    return;

  self->countdown_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTDOWN_SECONDS]);
}

gboolean
yrs_kiosk_get_counting_down (YrsKiosk *self)
{
  g_return_val_if_fail (YRS_IS_KIOSK (self), FALSE);

  return self->countdown != NULL;
}
