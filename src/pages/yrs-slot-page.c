/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-slot-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-booking-flow.h"
#include "yrs-choice-button.h"
#include "yrs-result-card.h"
#include "yrs-slot-page.h"

/* Binds to the session's YrsBookingFlow (property "flow"): the chosen
 * place, its fee, the day's question and the gate. */
struct _YrsSlotPage
{
  YrsPage          parent_instance;

  YrsBookingFlow  *flow;
  char            *fee_text;

  /* template children */
  YrsResultCard   *fee_card;
  GtkToggleButton *no_button;
  GtkToggleButton *yes_button;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (YrsSlotPage, yrs_slot_page, YRS_TYPE_PAGE)

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

static void
on_answer_toggled (GtkToggleButton *button,
                   YrsSlotPage     *self)
{
  if (self->flow == NULL || !gtk_toggle_button_get_active (button))
    return;
  yrs_booking_flow_set_infectious (self->flow, button == self->yes_button);
}

static void
on_can_confirm (YrsSlotPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "slot.confirm",
                                 yrs_booking_flow_get_can_confirm (self->flow));
}

/* The result card has no properties to bind: it is given the flow's. */
static void
on_fee (YrsSlotPage *self)
{
  g_autofree char *status = NULL;
  g_autofree char *detail = NULL;
  gboolean known, eligible, sample;

  g_clear_pointer (&self->fee_text, g_free);
  g_object_get (self->flow,
                "fee-known", &known, "fee-eligible", &eligible, "fee-sample", &sample,
                "fee-status", &status, "fee-detail", &detail, "fee-text", &self->fee_text,
                NULL);
  yrs_result_card_set_title (self->fee_card, _("Your fee for this place"));
  yrs_result_card_set_status (self->fee_card,
                              !known ? YRS_RESULT_CARD_NEEDS_ANSWERS
                              : eligible ? YRS_RESULT_CARD_ELIGIBLE : YRS_RESULT_CARD_NOT_ELIGIBLE,
                              status);
  yrs_result_card_set_amount (self->fee_card, known ? self->fee_text : NULL);
  yrs_result_card_set_reason (self->fee_card, detail);
  yrs_result_card_set_sample (self->fee_card, known && sample);
}

static void
yrs_slot_page_load (YrsPage *page)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (page);

  g_set_object (&self->flow, yrs_session_get_booking_flow (yrs_page_get_session (page)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);

  g_signal_connect_object (self->flow, "notify::can-confirm", G_CALLBACK (on_can_confirm), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "notify::fee-text", G_CALLBACK (on_fee), self, G_CONNECT_SWAPPED);
  on_can_confirm (self);
  on_fee (self);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (self->flow == NULL)
    return;
  key = yrs_booking_flow_confirm (self->flow, &error);
  if (key == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("＊The booking could not be saved on this device. Please ask a member of staff. (%s)"),
                                               error->message);

      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_activate_action (widget, "shell.go", "s", "submitted");
}

static void
yrs_slot_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (object);

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
yrs_slot_page_dispose (GObject *object)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (object);

  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);

  G_OBJECT_CLASS (yrs_slot_page_parent_class)->dispose (object);
}

static void
yrs_slot_page_finalize (GObject *object)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (object);

  g_clear_pointer (&self->fee_text, g_free);
  /* Only now: the template's bindings watch it until YrsPage's dispose. */
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (yrs_slot_page_parent_class)->finalize (object);
}

static void
yrs_slot_page_class_init (YrsSlotPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_slot_page_dispose;
  object_class->finalize = yrs_slot_page_finalize;
  object_class->get_property = yrs_slot_page_get_property;
  page_class->load = yrs_slot_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, YRS_TYPE_BOOKING_FLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_RESULT_CARD);
  g_type_ensure (YRS_TYPE_BOOKING_FLOW);

  g_type_ensure (YRS_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-slot-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, fee_card);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, no_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, yes_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_toggled);
  gtk_widget_class_bind_template_callback (widget_class, has_text);

  gtk_widget_class_install_action (widget_class, "slot.confirm", NULL, confirm_action);
}

static void
yrs_slot_page_init (YrsSlotPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "slot.confirm", FALSE);
}

const char *
yrs_slot_page_get_fee_text (YrsSlotPage *self)
{
  g_return_val_if_fail (YRS_IS_SLOT_PAGE (self), NULL);

  return self->fee_text != NULL ? self->fee_text : "";
}
