/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-check-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-check-flow.h"
#include "yrs-check-page.h"
#include "yrs-choice-button.h"
#include "yrs-date-field.h"
#include "yrs-i18n.h"
#include "yrs-step-indicator.h"

/* A view of the session's check flow: the question, its help, the step and
 * whether Next may be pressed are bound in the .ui; only the answer
 * widgets, which depend on the question's type, are made here. */
struct _YrsCheckPage
{
  YrsPage            parent_instance;

  YrsCheckFlow      *flow;

  /* template children */
  GtkBox            *answer_box;
  GtkLabel          *error_label;
  YrsStepIndicator  *step_indicator;
  GtkLabel          *help_label;
};

G_DEFINE_FINAL_TYPE (YrsCheckPage, yrs_check_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_answer_description (YrsCheckPage *self);

static void
on_choice_toggled (GtkToggleButton *button,
                   YrsCheckPage    *self)
{
  const YrsQuestion *question = yrs_check_flow_get_question (self->flow);
  const char *value = g_object_get_data (G_OBJECT (button), "yrs-value");

  if (question == NULL || !gtk_toggle_button_get_active (button))
    return;

  if (yrs_question_get_qtype (question) == YRS_QUESTION_BOOL)
    yrs_check_flow_answer_bool (self->flow, g_str_equal (value, "true"));
  else
    yrs_check_flow_answer_string (self->flow, value);
}

static void
on_spin_changed (GtkSpinButton *spin,
                 YrsCheckPage  *self)
{
  yrs_check_flow_answer_int (self->flow, gtk_spin_button_get_value_as_int (spin));
}

/* The field's own error (a date not finished, 2025-02-30) first, else
 * what the flow says is impossible in the answer (a birth after today). */
static void
show_error (YrsCheckPage *self,
            const char   *field_error)
{
  g_autofree char *answer_error = yrs_check_flow_dup_answer_error (self->flow);
  const char *error = field_error != NULL && *field_error != '\0' ? field_error : answer_error;

  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && *error != '\0');
  update_answer_description (self);
}

static void
on_answer_error (YrsCheckPage *self)
{
  show_error (self, NULL);
}

static void
on_date_changed (YrsDateField *field,
                 YrsCheckPage *self)
{
  YrsDate date = YRS_DATE_NONE;

  if (!yrs_date_parse_iso (yrs_date_field_get_date (field), &date, NULL))
    date = YRS_DATE_NONE;
  yrs_check_flow_answer_date (self->flow, date);
  show_error (self, yrs_date_field_get_error (field));
}

static GtkWidget *
add_choice (YrsCheckPage    *self,
            GtkWidget       *box,
            GtkToggleButton *group,
            const char      *label,
            const char      *value,
            gboolean         active)
{
  GtkWidget *button = yrs_choice_button_new (NULL);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_widget_add_css_class (button, "choice-button");
  g_object_set_data_full (G_OBJECT (button), "yrs-value", g_strdup (value), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);
  g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), self);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

/* The choices of one question: a group named by the question. Not the
 * radio-group role: GTK 4.8 makes it an AT-SPI "grouping", whose name
 * Orca 43 does not say on entering it; a "panel" (the group role) it
 * says, as it says the page's. */
static GtkWidget *
choice_group_new (YrsCheckPage *self,
                  const char   *question)
{
  GtkWidget *group = g_object_new (GTK_TYPE_BOX,
                                   "orientation", GTK_ORIENTATION_VERTICAL,
                                   "spacing", 12,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                   NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (group),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, question,
                                  -1);
  gtk_box_append (self->answer_box, group);
  return group;
}

/* What a screen reader says with the answer (whose name is the
 * question): the step (“Step 2 · more may follow”), the question's hint
 * and, after a refused “Next”, the error. Orca reads a focused control's
 * description after its name and role, and the description of a radio
 * group it enters after the group's name. */
static void
update_answer_description (YrsCheckPage *self)
{
  GtkWidget *input;
  g_autoptr(GString) description = NULL;

  /* Not while the template is being disposed. */
  if (self->answer_box == NULL || self->step_indicator == NULL || self->help_label == NULL ||
      self->error_label == NULL)
    return;
  input = gtk_widget_get_first_child (GTK_WIDGET (self->answer_box));
  if (input == NULL)
    return;
  description = g_string_new (yrs_step_indicator_get_text (self->step_indicator));
  if (gtk_widget_get_visible (GTK_WIDGET (self->help_label)) && *gtk_label_get_label (self->help_label) != '\0')
    g_string_append_printf (description, "\n%s", gtk_label_get_label (self->help_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    g_string_append_printf (description, "\n%s", gtk_label_get_label (self->error_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  /* Orca reads the description of the focused control, not of the
   * group it enters: each choice carries it too. */
  if (gtk_widget_get_first_child (input) != NULL && YRS_IS_CHOICE_BUTTON (gtk_widget_get_first_child (input)))
    for (GtkWidget *choice = gtk_widget_get_first_child (input);
         choice != NULL;
         choice = gtk_widget_get_next_sibling (choice))
      gtk_accessible_update_property (GTK_ACCESSIBLE (choice),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                      -1);
}

/* The answer widgets depend on the question's type in the catalogue, so
 * they are made here rather than in the template; their state comes from
 * the flow's answers and goes back to the flow. */
static void
build_input (YrsCheckPage *self)
{
  const YrsQuestion *question = yrs_check_flow_get_question (self->flow);
  YrsAnswers *answers = yrs_check_flow_get_answers (self->flow);
  YrsLang lang = yrs_i18n_get_lang ();
  const char *id;
  const char *text;
  GtkWidget *child;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answer_box))) != NULL)
    gtk_box_remove (self->answer_box, child);

  if (question == NULL)
    return;

  id = yrs_question_get_id (question);
  text = yrs_question_get_text (question, lang);
  switch (yrs_question_get_qtype (question))
    {
    case YRS_QUESTION_BOOL:
      {
        gboolean value = FALSE;
        gboolean set = yrs_answers_get_bool (answers, id, &value);
        GtkWidget *group = choice_group_new (self, text);
        GtkWidget *yes;

        yes = add_choice (self, group, NULL, C_("answer", "Yes"), "true", set && value);
        add_choice (self, group, GTK_TOGGLE_BUTTON (yes), C_("answer", "No"), "false", set && !value);
      }
      break;

    case YRS_QUESTION_ENUM:
      {
        const char *current = yrs_answers_get_string (answers, id);
        GtkWidget *group = choice_group_new (self, text);
        GtkWidget *first = NULL;

        for (guint i = 0; i < yrs_question_get_n_options (question); i++)
          {
            const char *value = yrs_question_get_option_value (question, i);
            GtkWidget *button = add_choice (self, group, GTK_TOGGLE_BUTTON (first),
                                            yrs_question_get_option_label (question, i, lang),
                                            value, g_strcmp0 (current, value) == 0);

            if (first == NULL)
              first = button;
          }
      }
      break;

    case YRS_QUESTION_INT:
      {
        GtkSpinButton *spin;

        spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (yrs_question_get_min (question),
                                                                yrs_question_get_max (question), 1));
        gtk_spin_button_set_numeric (spin, TRUE);
        gtk_spin_button_set_value (spin, yrs_check_flow_get_int_value (self->flow));
        gtk_widget_set_halign (GTK_WIDGET (spin), GTK_ALIGN_START);
        gtk_widget_add_css_class (GTK_WIDGET (spin), "big-spin");
        gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                        -1);
        g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed), self);
        gtk_box_append (self->answer_box, GTK_WIDGET (spin));
      }
      break;

    case YRS_QUESTION_DATE:
      {
        YrsDate date = YRS_DATE_NONE;
        GtkWidget *field = yrs_date_field_new ();

        yrs_date_field_set_label (YRS_DATE_FIELD (field), text);
        if (yrs_answers_get_date (answers, id, &date))
          {
            char iso[11];

            yrs_date_to_iso_buf (date, iso);
            yrs_date_field_set_date (YRS_DATE_FIELD (field), iso);
          }
        gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                        -1);
        g_signal_connect (field, "changed", G_CALLBACK (on_date_changed), self);
        gtk_box_append (self->answer_box, field);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  update_answer_description (self);
}

static void
on_question_changed (YrsCheckPage *self)
{
  build_input (self);
  show_error (self, NULL);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsCheckPage *self = YRS_CHECK_PAGE (widget);

  if (yrs_check_flow_next (self->flow))
    {
      gtk_widget_activate_action (widget, "shell.go", "s", "results");
      return;
    }
  gtk_widget_child_focus (GTK_WIDGET (self->answer_box), GTK_DIR_TAB_FORWARD);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsCheckPage *self = YRS_CHECK_PAGE (widget);

  if (!yrs_check_flow_back (self->flow))
    gtk_widget_activate_action (widget, "shell.back", NULL);
}

static void
on_next_clicked (GtkButton    *button,
                 YrsCheckPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "check.next", NULL);
}

static void
yrs_check_page_load (YrsPage *page)
{
  YrsCheckPage *self = YRS_CHECK_PAGE (page);

  self->flow = g_object_ref (yrs_session_get_check (yrs_page_get_session (page)));
  g_signal_connect_object (self->flow, "notify::question-id",
                           G_CALLBACK (on_question_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "notify::answer-error",
                           G_CALLBACK (on_answer_error), self,
                           G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
  /* The step and the hint come through the template's bindings. */
  g_signal_connect_object (self->step_indicator, "notify",
                           G_CALLBACK (update_answer_description), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->help_label, "notify::label",
                           G_CALLBACK (update_answer_description), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->help_label, "notify::visible",
                           G_CALLBACK (update_answer_description), self,
                           G_CONNECT_SWAPPED);
  build_input (self);
  show_error (self, NULL);
}

static void
yrs_check_page_dispose (GObject *object)
{
  YrsCheckPage *self = YRS_CHECK_PAGE (object);

  G_OBJECT_CLASS (yrs_check_page_parent_class)->dispose (object);

  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_object (&self->flow);
}

static void
yrs_check_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsCheckPage *self = YRS_CHECK_PAGE (object);

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
yrs_check_page_class_init (YrsCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_check_page_dispose;
  object_class->get_property = yrs_check_page_get_property;
  page_class->load = yrs_check_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL,
                         YRS_TYPE_CHECK_FLOW,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);
  g_type_ensure (YRS_TYPE_CHECK_FLOW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, step_indicator);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, help_label);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);

  gtk_widget_class_install_action (widget_class, "check.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "check.back", NULL, back_action);
}

static void
yrs_check_page_init (YrsCheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
yrs_check_page_get_question_id (YrsCheckPage *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_PAGE (self), NULL);

  return self->flow != NULL ? yrs_check_flow_get_question_id (self->flow) : NULL;
}
