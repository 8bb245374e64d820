/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-apply-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-application-flow.h"
#include "yrs-apply-page.h"
#include "yrs-address-choice.h"
#include "yrs-bank-picker.h"
#include "yrs-choice-button.h"
#include "yrs-date-field.h"
#include "yrs-field-row.h"
#include "yrs-step-indicator.h"

struct _YrsApplyPage
{
  YrsPage             parent_instance;

  YrsApplicationFlow *flow;
  GHashTable         *rows;     /* field ID -> YrsFieldRow (borrowed) */
  GHashTable         *inputs;   /* field ID -> input widget (borrowed) */
  gboolean            filling;

  /* template children */
  GtkScrolledWindow  *scroller;
  GtkListView        *summary_list;
  GtkWidget          *summary_box;
  GtkBox             *fields_box;
};

G_DEFINE_FINAL_TYPE (YrsApplyPage, yrs_apply_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Inputs, made by the field's kind; values go to the flow ------------ */

static gboolean
value_to_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *value = g_value_get_string (from);

  g_value_set_string (to, value != NULL ? value : "");
  return TRUE;
}

static gboolean
text_to_value (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL && *text != '\0' ? text : NULL);
  return TRUE;
}

static void
on_choice_toggled (GtkToggleButton *button,
                   YrsFormField    *field)
{
  if (gtk_toggle_button_get_active (button))
    yrs_form_field_set_value (field, g_object_get_data (G_OBJECT (button), "yrs-value"));
}

/* The value changed elsewhere (a draft, a test): the buttons follow. */
static void
on_choice_value (YrsFormField *field,
                 GParamSpec   *pspec,
                 GtkWidget    *box)
{
  const char *value = yrs_form_field_get_value (field);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (value, g_object_get_data (G_OBJECT (child), "yrs-value")) == 0)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
}

static void
tell_date (YrsApplyPage *self,
           YrsDateField *date)
{
  const char *id = g_object_get_data (G_OBJECT (date), "yrs-field");

  if (self->filling)
    return;
  yrs_application_flow_set_date_parts (self->flow, id,
                                       gtk_editable_get_text (yrs_date_field_get_year_editable (date)),
                                       gtk_editable_get_text (yrs_date_field_get_month_editable (date)),
                                       gtk_editable_get_text (yrs_date_field_get_day_editable (date)),
                                       yrs_date_field_get_wareki (date),
                                       yrs_date_field_get_error (date));
}

static void
on_date_changed (YrsDateField *date,
                 YrsApplyPage *self)
{
  if (self->filling)
    return;
  tell_date (self, date);
  yrs_application_flow_set_value (self->flow, g_object_get_data (G_OBJECT (date), "yrs-field"),
                                  yrs_date_field_get_date (date));
}

/* The parts as typed are kept too, so that a date not finished yet (or
 * wrong, as 2025-02-30) survives a language switch and shows its error. */
static void
on_date_part_changed (GtkEditable  *editable,
                      YrsApplyPage *self)
{
  tell_date (self, g_object_get_data (G_OBJECT (editable), "yrs-date-field"));
}

static GtkWidget *
make_date_field (YrsApplyPage *self,
                 YrsFormField *field)
{
  const char *id = yrs_form_field_get_id (field);
  GtkWidget *date = yrs_date_field_new ();
  const char *value = yrs_form_field_get_value (field);
  static const char *parts[] = { "y", "m", "d" };
  GtkEditable *editables[3];
  g_autofree char *label = NULL;

  g_object_get (field, "label", &label, NULL);
  g_object_set_data (G_OBJECT (date), "yrs-field", (gpointer) id);
  yrs_date_field_set_label (YRS_DATE_FIELD (date), label);
  editables[0] = yrs_date_field_get_year_editable (YRS_DATE_FIELD (date));
  editables[1] = yrs_date_field_get_month_editable (YRS_DATE_FIELD (date));
  editables[2] = yrs_date_field_get_day_editable (YRS_DATE_FIELD (date));

  if (value != NULL)
    yrs_date_field_set_date (YRS_DATE_FIELD (date), value);
  else
    {
      yrs_date_field_set_wareki (YRS_DATE_FIELD (date), yrs_application_flow_get_date_wareki (self->flow, id));
      for (guint i = 0; i < 3; i++)
        {
          const char *text = yrs_application_flow_get_date_part (self->flow, id, parts[i]);

          if (text != NULL)
            gtk_editable_set_text (editables[i], text);
        }
    }

  for (guint i = 0; i < 3; i++)
    {
      g_object_set_data (G_OBJECT (editables[i]), "yrs-date-field", date);
      g_signal_connect (editables[i], "changed", G_CALLBACK (on_date_part_changed), self);
    }
  g_signal_connect (date, "changed", G_CALLBACK (on_date_changed), self);
  return date;
}

static GtkWidget *
make_input (YrsApplyPage *self,
            YrsFormField *field)
{
  const YrsFieldSpec *spec = yrs_form_field_get_spec (field);
  GtkWidget *input;

  switch (spec->kind)
    {
    case YRS_FIELD_CHOICE:
      {
        const char *value = yrs_form_field_get_value (field);
        GtkWidget *first = NULL;

        input = g_object_new (GTK_TYPE_BOX,
                              "orientation", GTK_ORIENTATION_VERTICAL,
                              "spacing", 8,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                              NULL);
        for (guint i = 0; spec->choices[i].label != NULL; i++)
          {
            GtkWidget *button = yrs_choice_button_new (_(spec->choices[i].label));

            gtk_widget_add_css_class (button, "choice-button");
            g_object_set_data (G_OBJECT (button), "yrs-value", (gpointer) spec->choices[i].value);
            if (first != NULL)
              gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
            else
              first = button;
            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                          g_strcmp0 (value, spec->choices[i].value) == 0);
            g_signal_connect_object (button, "toggled", G_CALLBACK (on_choice_toggled), field, 0);
            gtk_box_append (GTK_BOX (input), button);
          }
        g_signal_connect_object (field, "notify::value", G_CALLBACK (on_choice_value), input, 0);
      }
      break;

    case YRS_FIELD_DATE:
      input = make_date_field (self, field);
      break;

    case YRS_FIELD_BANK_CODE:
    case YRS_FIELD_BRANCH_CODE:
      /* By name, or the code typed (the picker's code entry is the
       * field's input). */
      input = yrs_bank_picker_new (self->flow, field, spec->kind == YRS_FIELD_BRANCH_CODE);
      break;

    default:
      input = gtk_entry_new ();
      switch (spec->kind)
        {
        case YRS_FIELD_POSTAL_CODE:
        case YRS_FIELD_ACCOUNT_NUMBER:
        case YRS_FIELD_YUCHO_SYMBOL:
        case YRS_FIELD_YUCHO_NUMBER:
          gtk_entry_set_input_purpose (GTK_ENTRY (input), GTK_INPUT_PURPOSE_DIGITS);
          gtk_widget_set_halign (input, GTK_ALIGN_START);
          gtk_editable_set_width_chars (GTK_EDITABLE (input), 12);
          break;
        case YRS_FIELD_PHONE:
          gtk_entry_set_input_purpose (GTK_ENTRY (input), GTK_INPUT_PURPOSE_PHONE);
          gtk_widget_set_halign (input, GTK_ALIGN_START);
          gtk_editable_set_width_chars (GTK_EDITABLE (input), 16);
          break;
        case YRS_FIELD_NAME:
          gtk_entry_set_input_purpose (GTK_ENTRY (input), GTK_INPUT_PURPOSE_NAME);
          break;
        default:
          break;
        }
      /* Typed text goes to the flow; a value the flow changes (normalised
       * フリガナ, the ward filled in from the postal code) comes back. */
      g_object_bind_property_full (field, "value", input, "text",
                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                   value_to_text, text_to_value, NULL, NULL);
      break;
    }

  g_object_set_data (G_OBJECT (input), "yrs-field", (gpointer) spec->id);
  return input;
}

static void
on_address_choice_clicked (GtkButton    *button,
                           YrsApplyPage *self)
{
  GListModel *choices = yrs_application_flow_get_address_choices (self->flow);
  gpointer choice = g_object_get_data (G_OBJECT (button), "yrs-choice");

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (choices, i);

      if (item == choice)
        {
          yrs_application_flow_choose_address (self->flow, i);
          return;
        }
    }
}

static GtkWidget *
make_address_choice (gpointer item,
                     gpointer user_data)
{
  YrsApplyPage *self = user_data;
  const char *label = yrs_address_choice_get_label (YRS_ADDRESS_CHOICE (item));
  GtkWidget *button = gtk_button_new_with_label (label);
  g_autofree char *name = g_strdup_printf (_("Choose the address %s"), label);

  gtk_widget_add_css_class (button, "choice-button");
  gtk_widget_add_css_class (button, "address-choice");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  /* The item outlives the button only in the model; compared, not used. */
  g_object_set_data (G_OBJECT (button), "yrs-choice", item);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_address_choice_clicked), self, 0);
  return button;
}

static void
on_address_choices_changed (GListModel *choices,
                            guint       position,
                            guint       removed,
                            guint       added,
                            GtkWidget  *box)
{
  gtk_widget_set_visible (box, g_list_model_get_n_items (choices) > 0);
}

/* The address input: the entry, and under it the places a postal code of
 * several towns offers (the flow's address-choices), as large buttons. */
static GtkWidget *
wrap_address_input (YrsApplyPage *self,
                    GtkWidget    *entry)
{
  GListModel *choices = yrs_application_flow_get_address_choices (self->flow);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *choices_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *prompt = gtk_label_new (_("This postal code covers more than one place. Choose yours:"));
  GtkWidget *flowbox = gtk_flow_box_new ();

  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  /* Measured at a width, not broken at every word (see yrs-field-row.ui). */
  gtk_label_set_width_chars (GTK_LABEL (prompt), 12);
  gtk_label_set_xalign (GTK_LABEL (prompt), 0);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flowbox), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flowbox), FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flowbox), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flowbox), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flowbox), 8);
  gtk_widget_add_css_class (flowbox, "address-choices");
  gtk_accessible_update_property (GTK_ACCESSIBLE (flowbox),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Places of this postal code"),
                                  -1);
  gtk_flow_box_bind_model (GTK_FLOW_BOX (flowbox), choices, make_address_choice, self, NULL);
  g_object_set_data (G_OBJECT (entry), "yrs-address-choices", flowbox);

  gtk_box_append (GTK_BOX (choices_box), prompt);
  gtk_box_append (GTK_BOX (choices_box), flowbox);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), choices_box);
  g_object_set_data (G_OBJECT (box), "yrs-field-input", entry);
  g_signal_connect_object (choices, "items-changed", G_CALLBACK (on_address_choices_changed), choices_box, 0);
  on_address_choices_changed (choices, 0, 0, 0, choices_box);
  return box;
}

static void
on_note (YrsFormField *field,
         GParamSpec   *pspec,
         YrsFieldRow  *row)
{
  yrs_field_row_set_note (row, yrs_form_field_get_note (field));
}

/* The form of the flow's programme: a heading per section, a row per
 * field with its input; the rows' errors and visibility follow the
 * flow's fields. */
static void
build_form (YrsApplyPage *self)
{
  GListModel *fields = yrs_application_flow_get_fields (self->flow);
  GtkWidget *child;

  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->inputs);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);

  self->filling = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(YrsFormField) field = g_list_model_get_item (fields, i);
      g_autofree char *section = NULL;
      g_autofree char *label = NULL;
      g_autofree char *help = NULL;
      gboolean first, required;
      GtkWidget *row, *input;

      g_object_get (field, "section", &section, "label", &label, "help", &help,
                    "required", &required, "first-in-section", &first, NULL);
      if (first)
        {
          GtkWidget *heading = gtk_label_new (section);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
          gtk_label_set_width_chars (GTK_LABEL (heading), 12);
          gtk_widget_add_css_class (heading, "title-3");
          gtk_widget_set_margin_top (heading, 12);
          gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                          GTK_ACCESSIBLE_PROPERTY_LEVEL, 2,
                                          -1);
          gtk_box_append (self->fields_box, heading);
        }

      input = make_input (self, field);
      row = g_object_new (YRS_TYPE_FIELD_ROW,
                          "title", label,
                          "help", help,
                          "required", required,
                          "child", g_strcmp0 (yrs_form_field_get_id (field), "address.line") == 0
                                   ? wrap_address_input (self, input) : input,
                          NULL);
      g_object_bind_property (field, "error", row, "error", G_BINDING_SYNC_CREATE);
      g_object_bind_property (field, "visible", row, "visible", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (field, "notify::note", G_CALLBACK (on_note), row, 0);
      on_note (field, NULL, YRS_FIELD_ROW (row));
      gtk_box_append (self->fields_box, row);
      g_hash_table_insert (self->rows, (gpointer) yrs_form_field_get_id (field), row);
      g_hash_table_insert (self->inputs, (gpointer) yrs_form_field_get_id (field),
                           YRS_IS_BANK_PICKER (input)
                           ? (gpointer) yrs_bank_picker_get_code_entry (YRS_BANK_PICKER (input))
                           : input);
    }
  self->filling = FALSE;
}

/* Another programme's form: the flow made new fields. */
static void
on_fields_changed (GListModel   *fields,
                   guint         position,
                   guint         removed,
                   guint         added,
                   YrsApplyPage *self)
{
  build_form (self);
}

static void
focus_field (YrsApplyPage *self,
             const char   *id)
{
  GtkWidget *input = g_hash_table_lookup (self->inputs, id);
  GtkWidget *row = g_hash_table_lookup (self->rows, id);

  /* The bank by name: the search (or "Change") first, unless a code
   * was typed: then the code, to put it right. */
  if (row != NULL && YRS_IS_BANK_PICKER (yrs_field_row_get_child (YRS_FIELD_ROW (row))) &&
      *gtk_editable_get_text (GTK_EDITABLE (input)) == '\0')
    input = yrs_field_row_get_child (YRS_FIELD_ROW (row));

  if (input != NULL && gtk_widget_get_root (input) != NULL &&
      !gtk_widget_child_focus (input, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (input);
}

guint
yrs_apply_page_validate (YrsApplyPage *self)
{
  GListModel *errors;
  guint n_errors;

  g_return_val_if_fail (YRS_IS_APPLY_PAGE (self), 0);

  if (self->flow == NULL)
    return 0;
  n_errors = yrs_application_flow_validate (self->flow);
  errors = yrs_application_flow_get_errors (self->flow);
  if (n_errors > 0)
    {
      g_autoptr(YrsFormField) first = g_list_model_get_item (errors, 0);

      focus_field (self, yrs_form_field_get_id (first));
    }
  return n_errors;
}

/* A link of the summary: to its field. */
static void
summary_link_clicked (GtkListItem *item,
                      GtkButton   *button)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), YRS_TYPE_APPLY_PAGE);
  YrsFormField *field = gtk_list_item_get_item (item);

  if (self != NULL && field != NULL)
    focus_field (YRS_APPLY_PAGE (self), yrs_form_field_get_id (field));
}

/* After a refused "Check my answers" the focus goes to the error summary
 * (role alert, named by its title: "There are 8 problems in the form").
 * GTK 4.8 cannot make a screen reader announce something that appears,
 * but Orca speaks the alert the focus lands on; Tab then goes to its
 * first link (the first field's message), which takes her to the field.
 * The summary is focusable only while it has the focus. */
static void
on_summary_focus_left (GtkEventControllerFocus *controller,
                       GtkWidget               *summary)
{
  gtk_widget_set_focusable (summary, FALSE);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (widget);

  if (yrs_apply_page_validate (self) > 0)
    {
      /* The summary is at the top: make sure it is on screen. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      gtk_widget_set_focusable (self->summary_box, TRUE);
      gtk_widget_grab_focus (self->summary_box);
      return;
    }
  gtk_widget_activate_action (widget, "shell.go", "s", "review");
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  focus_field (YRS_APPLY_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
yrs_apply_page_load (YrsPage *page)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (page);

  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (yrs_application_flow_get_fields (self->flow), self);
  g_set_object (&self->flow, yrs_session_get_application_flow (yrs_page_get_session (page)));
  g_signal_connect_object (yrs_application_flow_get_fields (self->flow), "items-changed",
                           G_CALLBACK (on_fields_changed), self, 0);
  build_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
}

static void
yrs_apply_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (object);

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
yrs_apply_page_dispose (GObject *object)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (object);

  /* The template's bindings go first, then what they looked at. */
  G_OBJECT_CLASS (yrs_apply_page_parent_class)->dispose (object);
  g_clear_object (&self->flow);
}

static void
yrs_apply_page_finalize (GObject *object)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->inputs, g_hash_table_unref);

  G_OBJECT_CLASS (yrs_apply_page_parent_class)->finalize (object);
}

static void
yrs_apply_page_class_init (YrsApplyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_apply_page_dispose;
  object_class->finalize = yrs_apply_page_finalize;
  object_class->get_property = yrs_apply_page_get_property;
  page_class->load = yrs_apply_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, YRS_TYPE_APPLICATION_FLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);
  g_type_ensure (YRS_TYPE_APPLICATION_FLOW);
  g_type_ensure (YRS_TYPE_FORM_FIELD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-apply-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, summary_list);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, fields_box);

  gtk_widget_class_install_action (widget_class, "apply.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "apply.focus", "s", focus_action);
}

static void
yrs_apply_page_init (YrsApplyPage *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->inputs = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (on_summary_focus_left), self->summary_box, 0);
    gtk_widget_add_controller (self->summary_box, focus);
  }

  /* The summary's links (ui/yrs-summary-link.ui) call back here. */
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), summary_link_clicked);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, "/org/yorisoi/Yorisoi/yrs-summary-link.ui");
  gtk_list_view_set_factory (self->summary_list, factory);
}

GtkWidget *
yrs_apply_page_get_row (YrsApplyPage *self,
                        const char   *field_id)
{
  g_return_val_if_fail (YRS_IS_APPLY_PAGE (self), NULL);

  return g_hash_table_lookup (self->rows, field_id);
}

GtkWidget *
yrs_apply_page_get_input (YrsApplyPage *self,
                          const char   *field_id)
{
  g_return_val_if_fail (YRS_IS_APPLY_PAGE (self), NULL);

  return g_hash_table_lookup (self->inputs, field_id);
}
