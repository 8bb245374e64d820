/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-check-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-check-page.h"
#include "yrs-date-field.h"
#include "yrs-i18n.h"
#include "yrs-step-indicator.h"

struct _YrsCheckPage
{
  YrsPage            parent_instance;

  const char        *question_id;   /* interned */
  GtkSpinButton     *spin;

  /* template children */
  YrsStepIndicator  *step_indicator;
  GtkLabel          *question_label;
  GtkLabel          *help_label;
  GtkBox            *answer_box;
  GtkLabel          *error_label;
  GtkButton         *next_button;
};

G_DEFINE_FINAL_TYPE (YrsCheckPage, yrs_check_page, YRS_TYPE_PAGE)

static void show_step (YrsCheckPage *self);

static YrsAnswers *
answers_of (YrsCheckPage *self)
{
  return yrs_session_get_answers (yrs_page_get_session (YRS_PAGE (self)));
}

static const YrsQuestion *
current_question (YrsCheckPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));

  if (self->question_id == NULL)
    return NULL;
  return yrs_catalog_lookup_question (yrs_session_get_catalog (session), self->question_id);
}

static void
update_next (YrsCheckPage *self)
{
  const YrsQuestion *question = current_question (self);
  gboolean ok = question != NULL &&
                (yrs_question_get_qtype (question) == YRS_QUESTION_INT ||
                 yrs_answers_is_valid_for (answers_of (self), question));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.next", ok);
}

static void
on_choice_toggled (GtkToggleButton *button,
                   YrsCheckPage    *self)
{
  const YrsQuestion *question = current_question (self);
  const char *value = g_object_get_data (G_OBJECT (button), "yrs-value");

  if (question == NULL || !gtk_toggle_button_get_active (button))
    return;

  if (yrs_question_get_qtype (question) == YRS_QUESTION_BOOL)
    yrs_answers_set_bool (answers_of (self), self->question_id, g_str_equal (value, "true"));
  else
    yrs_answers_set_string (answers_of (self), self->question_id, value);
  update_next (self);
}

static void
on_spin_changed (GtkSpinButton *spin,
                 YrsCheckPage  *self)
{
  yrs_answers_set_int (answers_of (self), self->question_id,
                       gtk_spin_button_get_value_as_int (spin));
  update_next (self);
}

static void
on_date_changed (YrsDateField *field,
                 YrsCheckPage *self)
{
  YrsDate date;

  const char *error = yrs_date_field_get_error (field);

  if (yrs_date_parse_iso (yrs_date_field_get_date (field), &date, NULL))
    yrs_answers_set_date (answers_of (self), self->question_id, date);
  else
    yrs_answers_unset (answers_of (self), self->question_id);
  gtk_label_set_label (self->error_label, error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), *error != '\0');
  update_next (self);
}

static GtkWidget *
add_choice (YrsCheckPage    *self,
            GtkToggleButton *group,
            const char      *label,
            const char      *value,
            gboolean         active)
{
  GtkWidget *button = gtk_toggle_button_new ();
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
  gtk_box_append (self->answer_box, button);
  return button;
}

/* The answer widgets depend on the question's type in the catalogue, so
 * they are made here rather than in the template. */
static void
build_input (YrsCheckPage      *self,
             const YrsQuestion *question)
{
  YrsAnswers *answers = answers_of (self);
  YrsLang lang = yrs_i18n_get_lang ();
  const char *text = yrs_question_get_text (question, lang);
  GtkWidget *child;

  self->spin = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answer_box))) != NULL)
    gtk_box_remove (self->answer_box, child);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->answer_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);

  switch (yrs_question_get_qtype (question))
    {
    case YRS_QUESTION_BOOL:
      {
        gboolean value = FALSE;
        gboolean set = yrs_answers_get_bool (answers, self->question_id, &value);
        GtkWidget *yes;

        yes = add_choice (self, NULL, C_("answer", "Yes"), "true", set && value);
        add_choice (self, GTK_TOGGLE_BUTTON (yes), C_("answer", "No"), "false", set && !value);
      }
      break;

    case YRS_QUESTION_ENUM:
      {
        const char *current = yrs_answers_get_string (answers, self->question_id);
        GtkWidget *first = NULL;

        for (guint i = 0; i < yrs_question_get_n_options (question); i++)
          {
            const char *value = yrs_question_get_option_value (question, i);
            GtkWidget *button = add_choice (self, GTK_TOGGLE_BUTTON (first),
                                            yrs_question_get_option_label (question, i, lang),
                                            value, g_strcmp0 (current, value) == 0);

            if (first == NULL)
              first = button;
          }
      }
      break;

    case YRS_QUESTION_INT:
      {
        gint64 value = 0;
        gint64 min = yrs_question_get_min (question);
        gint64 max = yrs_question_get_max (question);

        if (!yrs_answers_get_int (answers, self->question_id, &value))
          value = MAX (min, 1);
        self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (min, max, 1));
        gtk_spin_button_set_numeric (self->spin, TRUE);
        gtk_spin_button_set_value (self->spin, value);
        gtk_widget_set_halign (GTK_WIDGET (self->spin), GTK_ALIGN_START);
        gtk_widget_add_css_class (GTK_WIDGET (self->spin), "big-spin");
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                        -1);
        g_signal_connect (self->spin, "value-changed", G_CALLBACK (on_spin_changed), self);
        gtk_box_append (self->answer_box, GTK_WIDGET (self->spin));
      }
      break;

    case YRS_QUESTION_DATE:
      {
        YrsDate date = YRS_DATE_NONE;
        GtkWidget *field = yrs_date_field_new ();

        yrs_date_field_set_label (YRS_DATE_FIELD (field), text);
        if (yrs_answers_get_date (answers, self->question_id, &date))
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
}

static void
show_step (YrsCheckPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsLang lang = yrs_i18n_get_lang ();
  guint n_path = 0, n_more = 0;
  g_autofree const char **path = yrs_session_get_check_path (session, &n_path, &n_more);
  guint step = yrs_session_get_check_step (session);
  const YrsQuestion *question;
  const char *help;

  if (n_path == 0)
    {
      GtkWidget *child;

      self->question_id = NULL;
      yrs_step_indicator_set_steps (self->step_indicator, 1, 1);
      gtk_label_set_label (self->question_label, _("Nothing more to ask: your results are ready."));
      gtk_widget_set_visible (GTK_WIDGET (self->help_label), FALSE);
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answer_box))) != NULL)
        gtk_box_remove (self->answer_box, child);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.next", TRUE);
      return;
    }

  step = MIN (step, n_path - 1);
  self->question_id = path[step];
  question = current_question (self);

  yrs_step_indicator_set_steps (self->step_indicator, step + 1, n_path + n_more);
  gtk_label_set_label (self->question_label, yrs_question_get_text (question, lang));
  help = yrs_question_get_help (question, lang);
  gtk_label_set_label (self->help_label, help != NULL ? help : "");
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), help != NULL && *help != '\0');
  build_input (self, question);
  update_next (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsCheckPage *self = YRS_CHECK_PAGE (widget);
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  guint step = yrs_session_get_check_step (session);
  guint n_path = 0, n_more = 0;
  g_autofree const char **path = NULL;
  const YrsQuestion *question = current_question (self);

  if (question == NULL)
    {
      /* Nothing (more) to ask. */
      gtk_widget_activate_action (widget, "shell.go", "s", "results");
      return;
    }

  /* A number shown is an answer, even when the person kept the default. */
  if (self->spin != NULL && !yrs_answers_has (answers_of (self), self->question_id))
    yrs_answers_set_int (answers_of (self), self->question_id,
                         gtk_spin_button_get_value_as_int (self->spin));
  if (!yrs_answers_is_valid_for (answers_of (self), question))
    return;

  path = yrs_session_get_check_path (session, &n_path, &n_more);
  if (step + 1 < n_path)
    {
      yrs_session_set_check_step (session, step + 1);
      show_step (self);
      gtk_widget_child_focus (GTK_WIDGET (self->answer_box), GTK_DIR_TAB_FORWARD);
      return;
    }

  /* Every question that matters is answered. */
  yrs_session_set_check_step (session, n_path > 0 ? n_path - 1 : 0);
  gtk_widget_activate_action (widget, "shell.go", "s", "results");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsCheckPage *self = YRS_CHECK_PAGE (widget);
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  guint step = yrs_session_get_check_step (session);

  if (step == 0)
    {
      gtk_widget_activate_action (widget, "shell.back", NULL);
      return;
    }
  yrs_session_set_check_step (session, step - 1);
  show_step (self);
}

static void
yrs_check_page_load (YrsPage *page)
{
  show_step (YRS_CHECK_PAGE (page));
}

static void
yrs_check_page_class_init (YrsCheckPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  page_class->load = yrs_check_page_load;

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, step_indicator);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, help_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsCheckPage, next_button);

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

  return self->question_id;
}
