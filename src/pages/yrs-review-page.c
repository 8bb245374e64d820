/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-review-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-form.h"
#include "yrs-form-spec.h"
#include "yrs-i18n.h"
#include "yrs-review-page.h"
#include "yrs-step-indicator.h"

struct _YrsReviewPage
{
  YrsPage    parent_instance;

  /* template children */
  GtkLabel  *title_label;
  GtkLabel  *error_label;
  GtkBox    *sections_box;
};

G_DEFINE_FINAL_TYPE (YrsReviewPage, yrs_review_page, YRS_TYPE_PAGE)

static YrsFormId
current_form (YrsSession *session)
{
  return yrs_form_spec_for_programme (yrs_session_get_catalog (session),
                                      yrs_session_get_field (session, "apply.programme"));
}

static char *
display_value (const YrsFieldSpec *spec,
               const char         *value)
{
  YrsDate date;

  if (value == NULL || *value == '\0')
    return g_strdup (_("(not given)"));
  if (spec->kind == YRS_FIELD_CHOICE)
    {
      const char *label = yrs_form_spec_choice_label (spec, value);

      return g_strdup (label != NULL ? label : value);
    }
  /* As people write them; the session keeps (and the payload sends)
   * the digits. */
  if (spec->kind == YRS_FIELD_POSTAL_CODE)
    {
      g_autofree char *formatted = yrs_form_format_postal_code (value);

      if (formatted != NULL)
        return g_strconcat ("〒", formatted, NULL);
    }
  if (spec->kind == YRS_FIELD_PHONE)
    {
      char *formatted = yrs_form_format_phone (value);

      if (formatted != NULL)
        return formatted;
    }
  if (spec->kind == YRS_FIELD_DATE && yrs_date_parse_iso (value, &date, NULL))
    {
      g_autofree char *text = yrs_date_format (date, yrs_i18n_get_lang ());

      /* Both calendars, as on Japanese forms. */
      if (yrs_i18n_get_lang () == YRS_LANG_JA)
        return g_strdup_printf ("%s（%d年%d月%d日）", text, date.year, date.month, date.day);
      return g_steal_pointer (&text);
    }
  return g_strdup (value);
}

static void
yrs_review_page_load (YrsPage *page)
{
  YrsReviewPage *self = YRS_REVIEW_PAGE (page);
  YrsSession *session = yrs_page_get_session (page);
  YrsFormId form = current_form (session);
  const YrsFieldSpec *fields;
  GtkWidget *group = NULL;
  const char *section = NULL;
  GtkWidget *child;
  guint n_fields;

  gtk_label_set_label (self->title_label, yrs_form_spec_get_title (form));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);

  fields = yrs_form_spec_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const YrsFieldSpec *spec = &fields[i];
      g_autofree char *value = NULL;
      GtkWidget *row;

      if (!yrs_form_spec_field_applies (spec, form, session))
        continue;

      if (g_strcmp0 (section, spec->section) != 0)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(spec->section));
          gtk_box_append (self->sections_box, group);
          section = spec->section;
        }

      value = display_value (spec, yrs_session_get_field (session, spec->id));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->label));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      gtk_widget_add_css_class (row, "review-row");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
yrs_review_page_map (GtkWidget *widget)
{
  yrs_review_page_load (YRS_PAGE (widget));

  GTK_WIDGET_CLASS (yrs_review_page_parent_class)->map (widget);
}

/* The payload as the API takes it (data/api/openapi.yaml): an application
 * is {"programme", "fields": {id: value}}; a registration has its own
 * members. Empty optional fields are left out. */
static char *
build_payload (YrsSession *session,
               YrsFormId   form,
               const char *programme)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const YrsFieldSpec *fields;
  guint n_fields;

  fields = yrs_form_spec_get_fields (&n_fields);
  json_builder_begin_object (builder);

  if (form == YRS_FORM_POSTPARTUM_CARE_REGISTRATION)
    {
      YrsAnswers *answers = yrs_session_get_answers (session);
      const char *born = yrs_session_get_field (session, "child.birth_date");
      const char *postal = yrs_session_get_field (session, "address.postal_code");
      const YrsWard *ward = postal != NULL
                            ? yrs_catalog_lookup_postal_code (yrs_session_get_catalog (session), postal)
                            : NULL;
      g_autofree char *today = yrs_date_to_iso (yrs_session_get_as_of (session));
      gboolean tax_exempt = FALSE, assistance = FALSE;

      yrs_answers_get_bool (answers, "household.tax_exempt", &tax_exempt);
      yrs_answers_get_bool (answers, "household.public_assistance", &assistance);

      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, yrs_session_get_field (session, "applicant.name"));
      json_builder_set_member_name (builder, "name_kana");
      json_builder_add_string_value (builder, yrs_session_get_field (session, "applicant.kana"));
      json_builder_set_member_name (builder, "phone");
      json_builder_add_string_value (builder, yrs_session_get_field (session, "applicant.phone"));
      if (born != NULL)
        {
          /* A date after today is the due date. */
          json_builder_set_member_name (builder, strcmp (born, today) <= 0 ? "child_born_on" : "due_on");
          json_builder_add_string_value (builder, born);
        }
      if (ward != NULL)
        {
          json_builder_set_member_name (builder, "ward");
          json_builder_add_string_value (builder, yrs_ward_get_id (ward));
        }
      json_builder_set_member_name (builder, "tax_exempt");
      json_builder_add_boolean_value (builder, tax_exempt);
      json_builder_set_member_name (builder, "public_assistance");
      json_builder_add_boolean_value (builder, assistance);
    }
  else
    {
      json_builder_set_member_name (builder, "programme");
      json_builder_add_string_value (builder, programme);
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_object (builder);
      for (guint i = 0; i < n_fields; i++)
        {
          const char *value = yrs_session_get_field (session, fields[i].id);

          if (!yrs_form_spec_field_applies (&fields[i], form, session) || value == NULL || *value == '\0')
            continue;
          json_builder_set_member_name (builder, fields[i].id);
          json_builder_add_string_value (builder, value);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsReviewPage *self = YRS_REVIEW_PAGE (widget);
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsFormId form = current_form (session);
  const char *programme = yrs_session_get_field (session, "apply.programme");
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sum = NULL;

  if (form == 0)
    return;

  /* The two support payments share a form; the choice on it decides. */
  if (form == YRS_FORM_SUPPORT_PAYMENT)
    programme = g_strcmp0 (yrs_session_get_field (session, "payment.which"), "birth") == 0
                ? "support_payment_birth" : "support_payment_pregnancy";

  payload = build_payload (session, form, programme);

  /* Back from the receipt and "Send" again: the same answers were queued
   * already, and a second row would reach the city as a second
   * application. Show the receipt of the first instead. A changed answer
   * makes a different payload, which is sent as a new application. */
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, payload, -1);
  if (yrs_session_get_field (session, "review.sent-key") != NULL &&
      g_strcmp0 (yrs_session_get_field (session, "review.sent-sum"), sum) == 0)
    {
      explicit_bzero (payload, strlen (payload));
      yrs_session_set_field (session, "submission.key",
                             yrs_session_get_field (session, "review.sent-key"));
      gtk_widget_activate_action (widget, "shell.go", "s", "submitted");
      return;
    }

  key = yrs_session_submit (session, yrs_form_spec_get_kind (form), payload, &error);
  explicit_bzero (payload, strlen (payload));
  if (key == NULL)
    {
      g_autofree char *text = NULL;

      g_warning ("Could not queue the application: %s", error->message);
      /* Translators: shown when the device could not save an application */
      text = g_strdup_printf (_("＊The application could not be saved on this device. Please ask a member of staff. (%s)"),
                              error->message);
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  yrs_session_set_field (session, "submission.key", key);
  yrs_session_set_field (session, "review.sent-key", key);
  yrs_session_set_field (session, "review.sent-sum", sum);
  yrs_session_set_field (session, "apply.checked", NULL);
  gtk_widget_activate_action (widget, "shell.go", "s", "submitted");
}

static void
yrs_review_page_class_init (YrsReviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  widget_class->map = yrs_review_page_map;
  page_class->load = yrs_review_page_load;

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsReviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YrsReviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsReviewPage, sections_box);

  gtk_widget_class_install_action (widget_class, "review.submit", NULL, submit_action);
}

static void
yrs_review_page_init (YrsReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
