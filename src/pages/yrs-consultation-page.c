/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-consultation-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-choice-button.h"
#include "yrs-consultation-flow.h"
#include "yrs-consultation-page.h"
#include "yrs-date-field.h"
#include "yrs-field-row.h"
#include "yrs-record-item.h"
#include "yrs-screening-flow.h"
#include "yrs-visit-list.h"
#include "yrs-visit-ui.h"

struct _YrsConsultationPage
{
  YrsPage              parent_instance;

  YrsConsultationFlow *flow;   /* NULL when no case is chosen */

  /* template children */
  GtkStack            *stack;
  GtkLabel            *family_label;
  GtkWidget           *kind_box;
  GtkWidget           *place_box;
  GtkWidget           *follow_up_box;
  GtkFlowBox          *present_box;
  GtkFlowBox          *topics_box;
  GtkListBox          *programmes_list;
  YrsDateField        *date_field;
  YrsDateField        *follow_up_date_field;
  GtkTextView         *notes_view;
};

G_DEFINE_FINAL_TYPE (YrsConsultationPage, yrs_consultation_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_check (gpointer item,
              gpointer user_data)
{
  return yrs_visit_ui_build_row ("/org/yorisoi/Yorisoi/yrs-record-check.ui", item, NULL, NULL);
}

static GtkWidget *
create_programme_row (gpointer item,
                      gpointer user_data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *row = yrs_visit_ui_build_row ("/org/yorisoi/Yorisoi/yrs-record-programme-row.ui",
                                           item, NULL, &builder);
  g_autofree char *name = NULL;

  /* Translators: accessible name of the tick on a programme of the consultation record */
  name = g_strdup_printf (_("Explained: %s"), yrs_record_item_get_label (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "check")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

/* A date field and the flow's ISO property, both ways. */
static void
on_date_field_changed (YrsDateField *field,
                       GParamSpec   *pspec,
                       GObject      *flow)
{
  const char *property = g_object_get_data (G_OBJECT (field), "yrs-property");

  g_object_set (flow, property, yrs_date_field_get_date (field), NULL);
}

static void
bind_date (YrsDateField *field,
           GObject      *flow,
           const char   *property)
{
  g_autofree char *value = NULL;

  g_object_get (flow, property, &value, NULL);
  yrs_date_field_set_date (field, value != NULL ? value : "");
  g_object_set_data (G_OBJECT (field), "yrs-property", (gpointer) property);
  g_signal_connect_object (field, "notify::date", G_CALLBACK (on_date_field_changed), flow, 0);
}

static void
on_notes_changed (GtkTextBuffer       *buffer,
                  YrsConsultationPage *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->flow == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  yrs_consultation_flow_set_notes (self->flow, text);
}

static void
bind_flow (YrsConsultationPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsConsultationFlow *flow = yrs_session_get_consultation_flow (session);
  YrsVisitList *list = yrs_session_get_visit_list (session);
  YrsVisitCase *visit_case;
  GtkTextBuffer *buffer;

  /* Nothing of a form without a family from the list (a kiosk). */
  gtk_stack_set_visible_child_name (self->stack, flow != NULL ? "form" : "none");
  if (flow == self->flow)
    return;
  g_set_object (&self->flow, flow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
  gtk_stack_set_visible_child_name (self->stack, flow != NULL ? "form" : "none");
  if (flow == NULL)
    return;

  visit_case = list != NULL ? yrs_visit_list_lookup (list, yrs_consultation_flow_get_case_id (flow)) : NULL;
  gtk_label_set_label (self->family_label,
                       visit_case != NULL ? yrs_visit_case_get_family_name (visit_case) : "");

  yrs_visit_ui_bind_choices (self->kind_box, G_OBJECT (flow), "kind");
  yrs_visit_ui_bind_choices (self->place_box, G_OBJECT (flow), "place");
  yrs_visit_ui_bind_choices (self->follow_up_box, G_OBJECT (flow), "follow-up-kind");
  bind_date (self->date_field, G_OBJECT (flow), "date");
  bind_date (self->follow_up_date_field, G_OBJECT (flow), "follow-up-date");
  gtk_flow_box_bind_model (self->present_box, yrs_consultation_flow_get_present (flow),
                           create_check, NULL, NULL);
  gtk_flow_box_bind_model (self->topics_box, yrs_consultation_flow_get_topics (flow),
                           create_check, NULL, NULL);
  gtk_list_box_bind_model (self->programmes_list, yrs_consultation_flow_get_programmes (flow),
                           create_programme_row, NULL, NULL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_set_text (buffer, yrs_consultation_flow_get_notes (flow) != NULL ?
                                    yrs_consultation_flow_get_notes (flow) : "", -1);
}

static void
on_save_clicked (YrsConsultationPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsVisitList *list = yrs_session_get_visit_list (session);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_id = NULL;
  g_autofree char *case_id = NULL;
  gboolean after_birth;

  if (self->flow == NULL || list == NULL)
    return;

  record = yrs_consultation_flow_build (self->flow, &error);
  if (record == NULL)
    return;   /* the messages show at the top and under each field */

  case_id = g_strdup (yrs_consultation_flow_get_case_id (self->flow));
  if (!yrs_visit_list_record_consultation (list, case_id, record, &local_id, &error))
    {
      yrs_visit_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }

  after_birth = g_strcmp0 (yrs_consultation_flow_get_kind (self->flow), "after_birth") == 0;
  yrs_session_drop_visit_forms (session);
  yrs_visit_ui_toast (GTK_WIDGET (self),
                      _("The consultation record is saved on this tablet. The city gets it with the next sync."));
  if (after_birth)
    {
      YrsScreeningFlow *screening;

      /* The newborn visit's EPDS follows, as part of this consultation. */
      yrs_session_set_field (session, "visit.case", case_id);
      screening = yrs_session_get_screening_flow (session);
      if (screening != NULL)
        yrs_screening_flow_set_consultation (screening, local_id);
      yrs_session_pop_page (session);
      gtk_widget_activate_action (GTK_WIDGET (self), "shell.go", "s", "screening");
    }
  else
    yrs_session_pop_page (session);
}

static void
yrs_consultation_page_load (YrsPage *page)
{
  bind_flow (YRS_CONSULTATION_PAGE (page));
}

static void
yrs_consultation_page_map (GtkWidget *widget)
{
  bind_flow (YRS_CONSULTATION_PAGE (widget));
  GTK_WIDGET_CLASS (yrs_consultation_page_parent_class)->map (widget);
}

static void
yrs_consultation_page_dispose (GObject *object)
{
  YrsConsultationPage *self = YRS_CONSULTATION_PAGE (object);

  if (self->programmes_list != NULL)
    gtk_list_box_bind_model (self->programmes_list, NULL, NULL, NULL, NULL);
  if (self->present_box != NULL)
    gtk_flow_box_bind_model (self->present_box, NULL, NULL, NULL, NULL);
  if (self->topics_box != NULL)
    gtk_flow_box_bind_model (self->topics_box, NULL, NULL, NULL, NULL);

  G_OBJECT_CLASS (yrs_consultation_page_parent_class)->dispose (object);

  g_clear_object (&self->flow);
}

static void
yrs_consultation_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  YrsConsultationPage *self = YRS_CONSULTATION_PAGE (object);

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
yrs_consultation_page_class_init (YrsConsultationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_consultation_page_dispose;
  object_class->get_property = yrs_consultation_page_get_property;
  widget_class->map = yrs_consultation_page_map;
  page_class->load = yrs_consultation_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, YRS_TYPE_CONSULTATION_FLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_CONSULTATION_FLOW);
  g_type_ensure (YRS_TYPE_CHOICE_BUTTON);
  g_type_ensure (YRS_TYPE_FIELD_ROW);
  g_type_ensure (YRS_TYPE_DATE_FIELD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-consultation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, stack);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, family_label);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, kind_box);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, place_box);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, follow_up_box);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, present_box);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, topics_box);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, programmes_list);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, date_field);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, follow_up_date_field);
  gtk_widget_class_bind_template_child (widget_class, YrsConsultationPage, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
yrs_consultation_page_init (YrsConsultationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, 0);
}
