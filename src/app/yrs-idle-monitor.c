/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-idle-monitor"

#include "config.h"

#include "yrs-idle-monitor.h"

struct _YrsIdleMonitor
{
  GObject             parent_instance;

  GtkWidget          *widget;      /* weak */
  GtkEventController *controller;  /* owned by the widget */
  guint               timeout_ms;
  guint               source_id;
  gboolean            running;
  gboolean            have_position;
  double              last_x;
  double              last_y;
};

G_DEFINE_FINAL_TYPE (YrsIdleMonitor, yrs_idle_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WIDGET,
  PROP_TIMEOUT,
  PROP_RUNNING,
  N_PROPS
};

enum {
  IDLE,
  ACTIVITY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
on_timeout (gpointer data)
{
  YrsIdleMonitor *self = data;

  self->source_id = 0;
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[IDLE], 0);
  return G_SOURCE_REMOVE;
}

static void
restart_wait (YrsIdleMonitor *self)
{
  g_clear_handle_id (&self->source_id, g_source_remove);
  if (self->running)
    self->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->timeout_ms,
                                          on_timeout, self, NULL);
}

/* A pointer that did not move is nobody: X sends a motion event when a
 * window maps under the pointer or the screen is rebuilt. The first
 * motion only tells where the pointer is; a touch or a click is always
 * input. */
static gboolean
pointer_moved (YrsIdleMonitor *self,
               GdkEvent       *event)
{
  double x, y;
  gboolean moved;

  if (!gdk_event_get_position (event, &x, &y))
    return FALSE;
  moved = self->have_position && (x != self->last_x || y != self->last_y);
  self->have_position = TRUE;
  self->last_x = x;
  self->last_y = y;
  return moved;
}

static gboolean
is_input (YrsIdleMonitor *self,
          GdkEvent       *event)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
      return pointer_moved (self, event);

    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_SCROLL:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_TOUCHPAD_HOLD:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
on_event (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          YrsIdleMonitor           *self)
{
  if (is_input (self, event))
    {
      restart_wait (self);
      g_signal_emit (self, signals[ACTIVITY], 0);
    }
  /* Only watching: every event goes on to its widget. */
  return GDK_EVENT_PROPAGATE;
}

static void
yrs_idle_monitor_constructed (GObject *object)
{
  YrsIdleMonitor *self = YRS_IDLE_MONITOR (object);

  G_OBJECT_CLASS (yrs_idle_monitor_parent_class)->constructed (object);

  g_return_if_fail (GTK_IS_WIDGET (self->widget));

  self->controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (self->controller, "yrs-idle-monitor");
  gtk_event_controller_set_propagation_phase (self->controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->controller, "event",
                           G_CALLBACK (on_event), self, 0);
  gtk_widget_add_controller (self->widget, self->controller);
}

static void
yrs_idle_monitor_dispose (GObject *object)
{
  YrsIdleMonitor *self = YRS_IDLE_MONITOR (object);

  g_clear_handle_id (&self->source_id, g_source_remove);
  if (self->widget != NULL)
    {
      if (self->controller != NULL)
        gtk_widget_remove_controller (self->widget, self->controller);
      g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
      self->widget = NULL;
    }
  self->controller = NULL;

  G_OBJECT_CLASS (yrs_idle_monitor_parent_class)->dispose (object);
}

static void
yrs_idle_monitor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsIdleMonitor *self = YRS_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      g_value_set_object (value, self->widget);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_idle_monitor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YrsIdleMonitor *self = YRS_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_WIDGET:
      self->widget = g_value_get_object (value);
      if (self->widget != NULL)
        g_object_add_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
      break;

    case PROP_TIMEOUT:
      yrs_idle_monitor_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_idle_monitor_class_init (YrsIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = yrs_idle_monitor_constructed;
  object_class->dispose = yrs_idle_monitor_dispose;
  object_class->get_property = yrs_idle_monitor_get_property;
  object_class->set_property = yrs_idle_monitor_set_property;

  properties[PROP_WIDGET] =
    g_param_spec_object ("widget", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, 120000,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IDLE] =
    g_signal_new ("idle",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[ACTIVITY] =
    g_signal_new ("activity",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
yrs_idle_monitor_init (YrsIdleMonitor *self)
{
  self->timeout_ms = 120000;
}

YrsIdleMonitor *
yrs_idle_monitor_new (GtkWidget *widget,
                      guint      timeout_ms)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_new (YRS_TYPE_IDLE_MONITOR,
                       "widget", widget,
                       "timeout", MAX (timeout_ms, 1),
                       NULL);
}

GtkWidget *
yrs_idle_monitor_get_widget (YrsIdleMonitor *self)
{
  g_return_val_if_fail (YRS_IS_IDLE_MONITOR (self), NULL);

  return self->widget;
}

guint
yrs_idle_monitor_get_timeout (YrsIdleMonitor *self)
{
  g_return_val_if_fail (YRS_IS_IDLE_MONITOR (self), 0);

  return self->timeout_ms;
}

void
yrs_idle_monitor_set_timeout (YrsIdleMonitor *self,
                              guint           timeout_ms)
{
  g_return_if_fail (YRS_IS_IDLE_MONITOR (self));

  timeout_ms = MAX (timeout_ms, 1);
  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  restart_wait (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gboolean
yrs_idle_monitor_get_running (YrsIdleMonitor *self)
{
  g_return_val_if_fail (YRS_IS_IDLE_MONITOR (self), FALSE);

  return self->running;
}

void
yrs_idle_monitor_start (YrsIdleMonitor *self)
{
  g_return_if_fail (YRS_IS_IDLE_MONITOR (self));

  if (!self->running)
    {
      self->running = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
  restart_wait (self);
}

void
yrs_idle_monitor_stop (YrsIdleMonitor *self)
{
  g_return_if_fail (YRS_IS_IDLE_MONITOR (self));

  g_clear_handle_id (&self->source_id, g_source_remove);
  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

void
yrs_idle_monitor_reset (YrsIdleMonitor *self)
{
  g_return_if_fail (YRS_IS_IDLE_MONITOR (self));

  restart_wait (self);
}
