/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-reserve-page"

#include "config.h"

#include "yrs-booking-flow.h"
#include "yrs-choice-button.h"
#include "yrs-list-button.h"
#include "yrs-application-flow.h"
#include "yrs-reserve-page.h"

/* Binds to the session's YrsBookingFlow (property "flow"): the
 * registration card, the filters and the facility list come from it. */
struct _YrsReservePage
{
  YrsPage          parent_instance;

  YrsBookingFlow  *flow;
  gboolean         filling;

  /* template children */
  GtkToggleButton *stay_button;
  GtkToggleButton *day_button;
  GtkToggleButton *visit_button;
  GtkDropDown     *ward_dropdown;
  GtkCheckButton  *siblings_check;
  GtkListView     *facility_list;
};

G_DEFINE_FINAL_TYPE (YrsReservePage, yrs_reserve_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
invert_boolean (gpointer  unused,
                gboolean  value)
{
  return !value;
}

static void
on_kind_toggled (GtkToggleButton *button,
                 YrsReservePage  *self)
{
  if (self->filling || self->flow == NULL || !gtk_toggle_button_get_active (button))
    return;
  yrs_booking_flow_set_kind (self->flow,
                             button == self->day_button ? "day"
                             : button == self->visit_button ? "visit" : "stay");
}

static void
yrs_reserve_page_load (YrsPage *page)
{
  YrsReservePage *self = YRS_RESERVE_PAGE (page);
  YrsBookingFlow *flow = yrs_session_get_booking_flow (yrs_page_get_session (page));
  const char *kind = yrs_booking_flow_get_kind (flow);

  g_set_object (&self->flow, flow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);

  self->filling = TRUE;
  gtk_toggle_button_set_active (g_str_equal (kind, "day") ? self->day_button
                                : g_str_equal (kind, "visit") ? self->visit_button
                                : self->stay_button, TRUE);
  self->filling = FALSE;

  g_object_bind_property (flow, "ward-position", self->ward_dropdown, "selected",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (flow, "siblings", self->siblings_check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}

static void
facility_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  YrsReservePage *self = YRS_RESERVE_PAGE (widget);

  if (self->flow == NULL)
    return;
  yrs_booking_flow_choose_facility (self->flow, g_variant_get_string (param, NULL));
  gtk_widget_activate_action (widget, "shell.go", "s", "slots");
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (widget));

  yrs_application_flow_open (yrs_session_get_application_flow (session), "postpartum_care");
  gtk_widget_activate_action (widget, "shell.go", "s", "apply");
}

static void
yrs_reserve_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsReservePage *self = YRS_RESERVE_PAGE (object);

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
yrs_reserve_page_finalize (GObject *object)
{
  YrsReservePage *self = YRS_RESERVE_PAGE (object);

  /* Only now: the template's bindings watch it until YrsPage's dispose. */
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (yrs_reserve_page_parent_class)->finalize (object);
}

static void
yrs_reserve_page_class_init (YrsReservePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->finalize = yrs_reserve_page_finalize;
  object_class->get_property = yrs_reserve_page_get_property;
  page_class->load = yrs_reserve_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, YRS_TYPE_BOOKING_FLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_BOOKING_FLOW);
  g_type_ensure (YRS_TYPE_FACILITY_ITEM);
  g_type_ensure (YRS_TYPE_WARD_ITEM);
  g_type_ensure (YRS_TYPE_LIST_BUTTON);

  g_type_ensure (YRS_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-reserve-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, stay_button);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, day_button);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, visit_button);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, ward_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, siblings_check);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, facility_list);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);

  gtk_widget_class_install_action (widget_class, "reserve.facility", "s", facility_action);
  gtk_widget_class_install_action (widget_class, "reserve.register", NULL, register_action);
}

static void
yrs_reserve_page_init (YrsReservePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char **
yrs_reserve_page_list_facilities (YrsReservePage *self)
{
  GListModel *model;
  const char **ids;
  guint n;

  g_return_val_if_fail (YRS_IS_RESERVE_PAGE (self), NULL);

  if (self->flow == NULL)
    return g_new0 (const char *, 1);
  model = yrs_booking_flow_get_facilities (self->flow);
  n = g_list_model_get_n_items (model);
  ids = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsFacilityItem) item = g_list_model_get_item (model, i);

      /* The item lives in the flow's model, which holds it. */
      ids[i] = yrs_facility_item_get_id (item);
    }
  return ids;
}

const char *
yrs_reserve_page_get_registration_state (YrsReservePage *self)
{
  g_return_val_if_fail (YRS_IS_RESERVE_PAGE (self), NULL);

  if (self->flow == NULL)
    return NULL;
  return yrs_registration_state_to_string (yrs_booking_flow_get_registration_state (self->flow));
}
