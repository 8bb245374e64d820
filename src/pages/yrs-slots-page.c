/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-slots-page"

#include "config.h"

#include "yrs-booking-flow.h"
#include "yrs-list-button.h"
#include "yrs-retranslate.h"
#include "yrs-slots-page.h"

/* Binds to the session's YrsBookingFlow (property "flow"): the calendar
 * is its "days" model, the times its "times" model; both follow the
 * store as the sync engine writes slots. */
struct _YrsSlotsPage
{
  YrsPage         parent_instance;

  YrsBookingFlow *flow;

  /* template children */
  GtkListView    *times_list;
  GtkWidget      *weekdays;
};

G_DEFINE_FINAL_TYPE (YrsSlotsPage, yrs_slots_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_text (gpointer    unused,
          const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
day_without_times (gpointer    unused,
                   const char *day,
                   gboolean    has_times)
{
  return has_text (NULL, day) && !has_times;
}

static void
yrs_slots_page_load (YrsPage *page)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (page);

  g_set_object (&self->flow, yrs_session_get_booking_flow (yrs_page_get_session (page)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
}

static void
day_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (widget);

  if (self->flow == NULL)
    return;
  yrs_booking_flow_choose_day (self->flow, g_variant_get_string (param, NULL));
  gtk_widget_child_focus (GTK_WIDGET (self->times_list), GTK_DIR_TAB_FORWARD);
}

static void
slot_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (widget);

  if (self->flow == NULL)
    return;
  yrs_booking_flow_choose_slot (self->flow, g_variant_get_string (param, NULL));
  gtk_widget_activate_action (widget, "shell.go", "s", "slot");
}

static void
yrs_slots_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, self->flow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_slots_page_finalize (GObject *object)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (object);

  /* Only now: the template's bindings watch it until YrsPage's dispose. */
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (yrs_slots_page_parent_class)->finalize (object);
}

static void
yrs_slots_page_class_init (YrsSlotsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->finalize = yrs_slots_page_finalize;
  object_class->get_property = yrs_slots_page_get_property;
  page_class->load = yrs_slots_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, YRS_TYPE_BOOKING_FLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_BOOKING_FLOW);
  g_type_ensure (YRS_TYPE_CALENDAR_DAY);
  g_type_ensure (YRS_TYPE_TIME_ITEM);
  g_type_ensure (YRS_TYPE_LIST_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-slots-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSlotsPage, times_list);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotsPage, weekdays);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_bind_template_callback (widget_class, day_without_times);

  gtk_widget_class_install_action (widget_class, "slots.day", "s", day_action);
  gtk_widget_class_install_action (widget_class, "slots.slot", "s", slot_action);
}

static void
yrs_slots_page_init (YrsSlotsPage *self)
{
  static const char *const weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  GtkWidget *box;
  GtkWidget *label;
  guint i = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* 月 and 日 are also "Month" and "Day": the headings keep their own
   * keys (yrs-retranslate.c), should they be switched in place. */
  box = self->weekdays;
  for (label = box != NULL ? gtk_widget_get_first_child (box) : NULL;
       label != NULL && i < G_N_ELEMENTS (weekdays);
       label = gtk_widget_get_next_sibling (label), i++)
    yrs_retranslate_remember (label, "label", "weekday", weekdays[i]);
}

int
yrs_slots_page_get_free_on (YrsSlotsPage *self,
                            const char   *day)
{
  g_return_val_if_fail (YRS_IS_SLOTS_PAGE (self), -1);

  return self->flow != NULL ? yrs_booking_flow_get_free_on (self->flow, day) : -1;
}
