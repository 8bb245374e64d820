/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-retranslate.h"
#include "yrs-window.h"
#include "yrs-a11y.h"

struct _YrsWindow
{
  AdwApplicationWindow parent_instance;

  YrsSession      *session;
  YrsShell        *shell;
  guint            switch_id;
  YrsLang          switch_from;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkOverlay      *overlay;
  GtkStack        *gate_stack;
  AdwBin          *shell_bin;
  AdwBin          *gate_bin;
  GtkRevealer     *keyboard_revealer;
};

G_DEFINE_FINAL_TYPE (YrsWindow, yrs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHELL_BUILT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_language_requested (YrsWindow  *self,
                                   const char *code,
                                   YrsShell   *shell);

/* Builds the whole content anew from the templates (see yrs-i18n.c). */
static void
rebuild_shell (YrsWindow *self)
{
  self->shell = yrs_shell_new (self->session);
  g_signal_connect_object (self->shell, "language-requested",
                           G_CALLBACK (on_language_requested), self,
                           G_CONNECT_SWAPPED);
  /* Replacing the child unparents, and so destroys, the old shell. */
  adw_bin_set_child (self->shell_bin, GTK_WIDGET (self->shell));
  gtk_window_set_title (GTK_WINDOW (self), _("Yorisoi"));
  g_signal_emit (self, signals[SHELL_BUILT], 0, self->shell);
}

static gboolean
rebuild_idle (gpointer data)
{
  rebuild_shell (YRS_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* The switch in place (issue 23, see yrs-i18n.c): the flows have
 * re-notified their words already; the shell drops its hidden pages and
 * rebuilds the visible one if it must, then every text of the window
 * (the shell, a gate, an overlay, the keypad) is put into the new
 * language where it is. */
static gboolean
retranslate_idle (gpointer data)
{
  YrsWindow *self = data;

  self->switch_id = 0;
  if (self->shell != NULL)
    yrs_shell_retranslate (self->shell, self->switch_from);
  yrs_retranslate_widget (GTK_WIDGET (self), self->switch_from);
  gtk_window_set_title (GTK_WINDOW (self), _("Yorisoi"));
  return G_SOURCE_REMOVE;
}

static void
on_language_requested (YrsWindow  *self,
                       const char *code,
                       YrsShell   *shell)
{
  yrs_window_set_language (self, code);
}

void
yrs_window_set_language (YrsWindow  *self,
                         const char *code)
{
  YrsLang from = yrs_i18n_get_lang ();

  g_return_if_fail (YRS_IS_WINDOW (self));

  yrs_i18n_set_language (code);
  if (yrs_i18n_get_lang () == from && self->switch_id == 0)
    return;

  /* The switch before issue 23, kept for the benchmark's comparison
   * (tests/bench/bench-language.c): the whole shell built again. */
  if (g_strcmp0 (g_getenv ("YRS_LANGUAGE_SWITCH"), "rebuild") == 0)
    {
      /* The request may come from inside the shell's own action
       * handler: replace it once that handler has returned. */
      g_idle_add_full (G_PRIORITY_HIGH, rebuild_idle, g_object_ref (self), g_object_unref);
      return;
    }

  /* The same: the visible page may be built again. Two switches before
   * the idle runs translate from the language first shown. */
  if (self->switch_id == 0)
    {
      self->switch_from = from;
      self->switch_id = g_idle_add_full (G_PRIORITY_HIGH, retranslate_idle, g_object_ref (self), g_object_unref);
    }
}

/* YRS_BENCH=1: print the monotonic time of the first painted frame, the
 * end point of the startup benchmark (tests/bench/bench-startup.py). */
static void
on_bench_after_paint (GdkFrameClock *clock,
                      YrsWindow     *self)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_bench_after_paint, self);
}

static void
on_bench_realize (YrsWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_bench_after_paint), self, 0);
  g_signal_handlers_disconnect_by_func (self, on_bench_realize, NULL);
}

static void
yrs_window_constructed (GObject *object)
{
  YrsWindow *self = YRS_WINDOW (object);

  G_OBJECT_CLASS (yrs_window_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = yrs_session_new ();

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  rebuild_shell (self);

  if (g_getenv ("YRS_BENCH") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_bench_realize), NULL);
}

static void
yrs_window_dispose (GObject *object)
{
  YrsWindow *self = YRS_WINDOW (object);

  g_clear_handle_id (&self->switch_id, g_source_remove);
  self->shell = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (yrs_window_parent_class)->dispose (object);
}

static void
yrs_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  YrsWindow *self = YRS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  YrsWindow *self = YRS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_window_class_init (YrsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yrs_window_constructed;
  object_class->dispose = yrs_window_dispose;

  yrs_a11y_init ();
  object_class->get_property = yrs_window_get_property;
  object_class->set_property = yrs_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         YRS_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every (re)build of the shell from its templates, so that the
   * device mode (src/app/yrs-kiosk.c, yrs-tablet.c) can add its header
   * widgets, built anew in the current language. */
  signals[SHELL_BUILT] =
    g_signal_new ("shell-built",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, YRS_TYPE_SHELL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, YrsWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, YrsWindow, gate_stack);
  gtk_widget_class_bind_template_child (widget_class, YrsWindow, shell_bin);
  gtk_widget_class_bind_template_child (widget_class, YrsWindow, gate_bin);
  gtk_widget_class_bind_template_child (widget_class, YrsWindow, keyboard_revealer);
}

static void
yrs_window_init (YrsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YrsWindow *
yrs_window_new (GtkApplication *application,
                YrsSession     *session)
{
  return g_object_new (YRS_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

YrsSession *
yrs_window_get_session (YrsWindow *self)
{
  g_return_val_if_fail (YRS_IS_WINDOW (self), NULL);

  return self->session;
}

YrsShell *
yrs_window_get_shell (YrsWindow *self)
{
  g_return_val_if_fail (YRS_IS_WINDOW (self), NULL);

  return self->shell;
}

void
yrs_window_add_toast (YrsWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (YRS_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Rebuilds the shell from its templates now, bound to the same session
 * (which may just have been wiped). */
void
yrs_window_rebuild (YrsWindow *self)
{
  g_return_if_fail (YRS_IS_WINDOW (self));

  /* A focused entry must see its focus go before it is destroyed. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  rebuild_shell (self);
}

/* Shows `gate` (a staff sign-in page, a lock screen) instead of the shell,
 * or the shell again when `gate` is NULL. The shell is kept underneath,
 * unmapped, so a lock loses nothing. */
void
yrs_window_set_gate (YrsWindow *self,
                     GtkWidget *gate)
{
  g_return_if_fail (YRS_IS_WINDOW (self));
  g_return_if_fail (gate == NULL || GTK_IS_WIDGET (gate));

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  if (gate != NULL)
    {
      adw_bin_set_child (self->gate_bin, gate);
      gtk_stack_set_visible_child_name (self->gate_stack, "gate");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->gate_stack, "app");
      adw_bin_set_child (self->gate_bin, NULL);
    }
}

GtkWidget *
yrs_window_get_gate (YrsWindow *self)
{
  g_return_val_if_fail (YRS_IS_WINDOW (self), NULL);

  return adw_bin_get_child (self->gate_bin);
}

/* Puts `widget` over the whole content (the kiosk countdown); it takes
 * the input while it is there. */
void
yrs_window_add_overlay (YrsWindow *self,
                        GtkWidget *widget)
{
  g_return_if_fail (YRS_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_overlay_add_overlay (self->overlay, widget);
}

void
yrs_window_remove_overlay (YrsWindow *self,
                           GtkWidget *widget)
{
  g_return_if_fail (YRS_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_parent (widget) == GTK_WIDGET (self->overlay))
    gtk_overlay_remove_overlay (self->overlay, widget);
}

/* Shows `keyboard` (a kiosk keypad) along the bottom of the window,
 * below the content, which gets shorter for it: a scrolled page can then
 * bring any of its fields and buttons above the keypad, and nothing is
 * ever hidden under it (a tap meant for a control never lands on a key).
 * NULL hides it and gives the room back. */
void
yrs_window_set_keyboard (YrsWindow *self,
                         GtkWidget *keyboard)
{
  g_return_if_fail (YRS_IS_WINDOW (self));
  g_return_if_fail (keyboard == NULL || GTK_IS_WIDGET (keyboard));

  gtk_revealer_set_child (self->keyboard_revealer, keyboard);
  gtk_revealer_set_reveal_child (self->keyboard_revealer, keyboard != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->keyboard_revealer), keyboard != NULL);
}

GtkWidget *
yrs_window_get_keyboard (YrsWindow *self)
{
  g_return_val_if_fail (YRS_IS_WINDOW (self), NULL);

  return gtk_revealer_get_child (self->keyboard_revealer);
}

/* Destroys the windows that belong to this one (transient for it: a
 * preferences window opened by staff, a dialog), so that a wipe, a lock
 * or a sign-out leaves nothing of the last person showing. */
void
yrs_window_close_dependents (YrsWindow *self)
{
  GListModel *toplevels;

  g_return_if_fail (YRS_IS_WINDOW (self));

  toplevels = gtk_window_get_toplevels ();   /* not ours */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);

      if (other != GTK_WINDOW (self) &&
          gtk_window_get_transient_for (other) == GTK_WINDOW (self))
        gtk_window_destroy (other);
    }
}
