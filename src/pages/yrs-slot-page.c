/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-slot-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-i18n.h"
#include "yrs-reason.h"
#include "yrs-result-card.h"
#include "yrs-slot-page.h"
#include "yrs-slot-time.h"
#include "yrs-store-ui.h"

struct _YrsSlotPage
{
  YrsPage          parent_instance;

  char            *fee_text;
  gboolean         filling;

  /* template children */
  AdwActionRow    *facility_row;
  AdwActionRow    *kind_row;
  AdwActionRow    *when_row;
  YrsResultCard   *fee_card;
  GtkLabel        *question_label;
  GtkToggleButton *no_button;
  GtkToggleButton *yes_button;
  GtkLabel        *message_label;
};

G_DEFINE_FINAL_TYPE (YrsSlotPage, yrs_slot_page, YRS_TYPE_PAGE)

static YrsSession *
session_of (YrsSlotPage *self)
{
  return yrs_page_get_session (YRS_PAGE (self));
}

/* Booking is open when the day's question is answered "no" and the
 * registration has been received by the city. */
static void
update_confirm (YrsSlotPage *self)
{
  YrsSession *session = session_of (self);
  YrsAnswers *answers = yrs_session_get_answers (session);
  gboolean infectious = FALSE;
  gboolean answered = yrs_answers_get_bool (answers, "health.infectious_today", &infectious);
  gboolean registered = yrs_session_get_field (session, "reserve.registration") != NULL;
  const char *message = NULL;

  if (answered && infectious)
    message = _("Please do not come on a day when you or your baby have, or may have, an infectious illness such as influenza. Choose another day once you are both well; the care will be there for you.");
  else if (!registered)
    message = _("You can book once your registration for postpartum care has been received and approved. Go back to register, or ask a member of staff.");

  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "slot.confirm",
                                 answered && !infectious && registered);
}

static void
on_answer_toggled (GtkToggleButton *button,
                   YrsSlotPage     *self)
{
  if (self->filling || !gtk_toggle_button_get_active (button))
    return;
  yrs_answers_set_bool (yrs_session_get_answers (session_of (self)), "health.infectious_today",
                        button == self->yes_button);
  update_confirm (self);
}

static void
show_fee (YrsSlotPage *self)
{
  YrsSession *session = session_of (self);
  YrsLang lang = yrs_i18n_get_lang ();
  g_autoptr(YrsEvaluation) evaluation = yrs_session_evaluate (session);
  const YrsResult *result = yrs_evaluation_lookup (evaluation, "postpartum_care");
  g_autofree char *detail = NULL;

  g_clear_pointer (&self->fee_text, g_free);
  yrs_result_card_set_title (self->fee_card, _("Your fee for this place"));

  if (result == NULL || result->fee_yen < 0)
    {
      yrs_result_card_set_status (self->fee_card, YRS_RESULT_CARD_NEEDS_ANSWERS,
                                  _("The fee depends on your answers in the check; answer them to see it."));
      yrs_result_card_set_amount (self->fee_card, NULL);
      return;
    }

  self->fee_text = yrs_money_format (result->fee_yen, lang);
  yrs_result_card_set_status (self->fee_card,
                              result->status == YRS_STATUS_ELIGIBLE ? YRS_RESULT_CARD_ELIGIBLE : YRS_RESULT_CARD_NOT_ELIGIBLE,
                              yrs_status_get_label (result->status));
  yrs_result_card_set_amount (self->fee_card, self->fee_text);
  if (result->reduction_yen > 0 && result->gross_fee_yen >= 0)
    {
      g_autofree char *gross = yrs_money_format (result->gross_fee_yen, lang);
      g_autofree char *reduction = yrs_money_format (result->reduction_yen, lang);

      /* Translators: how the fee came about */
      detail = g_strdup_printf (_("The facility's fee is %s; the city takes %s off for your household."),
                                gross, reduction);
    }
  yrs_result_card_set_reason (self->fee_card, detail);
  yrs_result_card_set_sample (self->fee_card, result->sample);
}

static void
yrs_slot_page_load (YrsPage *page)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (page);
  YrsSession *session = session_of (self);
  YrsLang lang = yrs_i18n_get_lang ();
  YrsCatalog *catalog = yrs_session_get_catalog (session);
  YrsStore *store = yrs_session_get_store (session);
  const YrsFacility *facility = yrs_catalog_lookup_facility (catalog, yrs_session_get_field (session, "reserve.facility"));
  const YrsQuestion *question = yrs_catalog_lookup_question (catalog, "health.infectious_today");
  const char *slot_id = yrs_session_get_field (session, "reserve.slot");
  g_autoptr(YrsSlot) slot = NULL;
  YrsCareKind kind = YRS_CARE_STAY;
  gboolean infectious = FALSE;
  gboolean answered;

  yrs_care_kind_from_string (yrs_session_get_field (session, "reserve.kind"), &kind);
  adw_action_row_set_subtitle (self->facility_row, facility != NULL ? yrs_facility_get_name (facility, lang) : "");
  adw_action_row_set_subtitle (self->kind_row, yrs_care_kind_get_label (kind));

  if (store != NULL && slot_id != NULL)
    slot = yrs_store_get_slot (store, slot_id, NULL);
  if (slot != NULL)
    {
      g_autofree char *when = yrs_slot_time_format (slot->starts_at, slot->ends_at, TRUE);

      adw_action_row_set_subtitle (self->when_row, when);
    }

  gtk_label_set_label (self->question_label,
                       question != NULL ? yrs_question_get_text (question, lang)
                       : _("Today, do you or your baby have, or might you have, an infectious illness such as influenza?"));

  self->filling = TRUE;
  answered = yrs_answers_get_bool (yrs_session_get_answers (session), "health.infectious_today", &infectious);
  gtk_toggle_button_set_active (self->no_button, answered && !infectious);
  gtk_toggle_button_set_active (self->yes_button, answered && infectious);
  self->filling = FALSE;

  show_fee (self);
  update_confirm (self);
}

static void
yrs_slot_page_map (GtkWidget *widget)
{
  yrs_slot_page_load (YRS_PAGE (widget));

  GTK_WIDGET_CLASS (yrs_slot_page_parent_class)->map (widget);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (widget);
  YrsSession *session = session_of (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "registration_key");
  json_builder_add_string_value (builder, yrs_session_get_field (session, "reserve.registration_key"));
  json_builder_set_member_name (builder, "slot");
  json_builder_add_string_value (builder, yrs_session_get_field (session, "reserve.slot"));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  payload = json_to_string (root, FALSE);

  key = yrs_session_submit (session, "reservation", payload, &error);
  if (key == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("＊The booking could not be saved on this device. Please ask a member of staff. (%s)"),
                                               error->message);

      gtk_label_set_label (self->message_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      return;
    }
  yrs_session_set_field (session, "submission.key", key);
  gtk_widget_activate_action (widget, "shell.go", "s", "submitted");
}

static void
yrs_slot_page_finalize (GObject *object)
{
  YrsSlotPage *self = YRS_SLOT_PAGE (object);

  g_clear_pointer (&self->fee_text, g_free);

  G_OBJECT_CLASS (yrs_slot_page_parent_class)->finalize (object);
}

static void
yrs_slot_page_class_init (YrsSlotPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->finalize = yrs_slot_page_finalize;
  widget_class->map = yrs_slot_page_map;
  page_class->load = yrs_slot_page_load;

  g_type_ensure (YRS_TYPE_RESULT_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-slot-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, facility_row);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, when_row);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, fee_card);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, no_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, yes_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotPage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_toggled);

  gtk_widget_class_install_action (widget_class, "slot.confirm", NULL, confirm_action);
}

static void
yrs_slot_page_init (YrsSlotPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
yrs_slot_page_get_fee_text (YrsSlotPage *self)
{
  g_return_val_if_fail (YRS_IS_SLOT_PAGE (self), NULL);

  return self->fee_text != NULL ? self->fee_text : "";
}
