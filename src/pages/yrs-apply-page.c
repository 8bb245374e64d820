/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-apply-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-apply-page.h"
#include "yrs-date-field.h"
#include "yrs-field-row.h"
#include "yrs-form-spec.h"
#include "yrs-i18n.h"
#include "yrs-step-indicator.h"

struct _YrsApplyPage
{
  YrsPage            parent_instance;

  YrsFormId          form;
  char              *programme;
  GHashTable        *rows;     /* field ID -> YrsFieldRow (borrowed) */
  GHashTable        *inputs;   /* field ID -> input widget (borrowed) */
  gboolean           filling;

  /* template children */
  GtkScrolledWindow *scroller;
  YrsStepIndicator  *step_indicator;
  GtkLabel          *title_label;
  GtkWidget         *summary_box;
  GtkLabel          *summary_label;
  GtkBox            *summary_list;
  GtkBox            *fields_box;
};

G_DEFINE_FINAL_TYPE (YrsApplyPage, yrs_apply_page, YRS_TYPE_PAGE)

static YrsSession *
session_of (YrsApplyPage *self)
{
  return yrs_page_get_session (YRS_PAGE (self));
}

static void update_visibility (YrsApplyPage *self);

/* A changed value goes to the session at once; its old error goes away
 * (it is checked again on "Check my answers"). */
static void
store_value (YrsApplyPage *self,
             const char   *id,
             const char   *value)
{
  YrsFieldRow *row = g_hash_table_lookup (self->rows, id);

  if (self->filling)
    return;
  yrs_session_set_field (session_of (self), id, value != NULL && *value != '\0' ? value : NULL);
  if (row != NULL)
    yrs_field_row_set_error (row, NULL);
}

static void
on_entry_changed (GtkEditable  *editable,
                  YrsApplyPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (editable), "yrs-field");
  const YrsFieldSpec *spec = yrs_form_spec_lookup_field (id);

  store_value (self, id, gtk_editable_get_text (editable));

  /* A complete postal code of the city fills the ward into an empty
   * address (or one that only holds an earlier filled-in ward). */
  if (!self->filling && spec->kind == YRS_FIELD_POSTAL_CODE)
    {
      YrsCatalog *catalog = yrs_session_get_catalog (session_of (self));
      const YrsWard *ward = yrs_catalog_lookup_postal_code (catalog, gtk_editable_get_text (editable));
      GtkEditable *address = g_hash_table_lookup (self->inputs, "address.line");
      const char *filled = yrs_session_get_field (session_of (self), "address.filled");

      if (ward != NULL && address != NULL)
        {
          const char *current = gtk_editable_get_text (address);
          const char *text = yrs_ward_get_address (ward, yrs_i18n_get_lang ());

          if (*current == '\0' || g_strcmp0 (current, filled) == 0)
            {
              gtk_editable_set_text (address, text);
              gtk_editable_set_position (address, -1);
              yrs_session_set_field (session_of (self), "address.filled", text);
            }
        }
    }
}

static void
on_choice_toggled (GtkToggleButton *button,
                   YrsApplyPage    *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  store_value (self,
               g_object_get_data (G_OBJECT (button), "yrs-field"),
               g_object_get_data (G_OBJECT (button), "yrs-value"));
  update_visibility (self);
}

static void
on_date_changed (YrsDateField *field,
                 YrsApplyPage *self)
{
  store_value (self, g_object_get_data (G_OBJECT (field), "yrs-field"),
               yrs_date_field_get_date (field));
}

/* The parts as typed are kept too, so that a date not finished yet (or
 * wrong, as 2025-02-30) survives a language switch and shows its error. */
static void
on_date_part_changed (GtkEditable  *editable,
                      YrsApplyPage *self)
{
  YrsDateField *field = g_object_get_data (G_OBJECT (editable), "yrs-date-field");
  const char *id = g_object_get_data (G_OBJECT (field), "yrs-field");
  const char *part = g_object_get_data (G_OBJECT (editable), "yrs-part");
  g_autofree char *key = g_strdup_printf ("%s#%s", id, part);
  g_autofree char *wareki_key = g_strdup_printf ("%s#wareki", id);
  const char *text = gtk_editable_get_text (editable);

  if (self->filling)
    return;
  yrs_session_set_field (session_of (self), key, *text != '\0' ? text : NULL);
  yrs_session_set_field (session_of (self), wareki_key,
                         yrs_date_field_get_wareki (field) ? "1" : NULL);
}

static GtkWidget *
make_date_field (YrsApplyPage       *self,
                 const YrsFieldSpec *spec,
                 const char         *label)
{
  YrsSession *session = session_of (self);
  GtkWidget *field = yrs_date_field_new ();
  const char *value = yrs_session_get_field (session, spec->id);
  static const char *parts[] = { "y", "m", "d" };
  GtkEditable *editables[3];
  g_autofree char *wareki_key = g_strdup_printf ("%s#wareki", spec->id);

  g_object_set_data (G_OBJECT (field), "yrs-field", (gpointer) spec->id);
  yrs_date_field_set_label (YRS_DATE_FIELD (field), label);
  editables[0] = yrs_date_field_get_year_editable (YRS_DATE_FIELD (field));
  editables[1] = yrs_date_field_get_month_editable (YRS_DATE_FIELD (field));
  editables[2] = yrs_date_field_get_day_editable (YRS_DATE_FIELD (field));

  if (value != NULL)
    yrs_date_field_set_date (YRS_DATE_FIELD (field), value);
  else
    {
      yrs_date_field_set_wareki (YRS_DATE_FIELD (field),
                                 yrs_session_get_field (session, wareki_key) != NULL);
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *key = g_strdup_printf ("%s#%s", spec->id, parts[i]);
          const char *text = yrs_session_get_field (session, key);

          if (text != NULL)
            gtk_editable_set_text (editables[i], text);
        }
    }

  for (guint i = 0; i < 3; i++)
    {
      g_object_set_data (G_OBJECT (editables[i]), "yrs-date-field", field);
      g_object_set_data (G_OBJECT (editables[i]), "yrs-part", (gpointer) parts[i]);
      g_signal_connect (editables[i], "changed", G_CALLBACK (on_date_part_changed), self);
    }
  g_signal_connect (field, "changed", G_CALLBACK (on_date_changed), self);
  return field;
}

static GtkWidget *
make_input (YrsApplyPage       *self,
            const YrsFieldSpec *spec,
            const char         *label)
{
  YrsSession *session = session_of (self);
  const char *value = yrs_session_get_field (session, spec->id);
  GtkWidget *input;

  switch (spec->kind)
    {
    case YRS_FIELD_CHOICE:
      {
        GtkWidget *first = NULL;

        input = g_object_new (GTK_TYPE_BOX,
                              "orientation", GTK_ORIENTATION_VERTICAL,
                              "spacing", 8,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                              NULL);
        for (guint i = 0; spec->choices[i].label != NULL; i++)
          {
            GtkWidget *button = gtk_toggle_button_new_with_label (_(spec->choices[i].label));

            gtk_widget_add_css_class (button, "choice-button");
            g_object_set_data (G_OBJECT (button), "yrs-field", (gpointer) spec->id);
            g_object_set_data (G_OBJECT (button), "yrs-value", (gpointer) spec->choices[i].value);
            if (first != NULL)
              gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
            else
              first = button;
            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                          g_strcmp0 (value, spec->choices[i].value) == 0);
            g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), self);
            gtk_box_append (GTK_BOX (input), button);
          }
      }
      break;

    case YRS_FIELD_DATE:
      input = make_date_field (self, spec, label);
      break;

    default:
      input = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (input), value != NULL ? value : "");
      switch (spec->kind)
        {
        case YRS_FIELD_POSTAL_CODE:
        case YRS_FIELD_BANK_CODE:
        case YRS_FIELD_BRANCH_CODE:
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
      g_signal_connect (input, "changed", G_CALLBACK (on_entry_changed), self);
      break;
    }

  g_object_set_data (G_OBJECT (input), "yrs-field", (gpointer) spec->id);
  return input;
}

static void
update_visibility (YrsApplyPage *self)
{
  GHashTableIter iter;
  gpointer id, row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &id, &row))
    gtk_widget_set_visible (row, yrs_form_spec_field_applies (yrs_form_spec_lookup_field (id),
                                                              self->form, session_of (self)));
}

static void
build_form (YrsApplyPage *self)
{
  YrsSession *session = session_of (self);
  const char *programme = yrs_session_get_field (session, "apply.programme");
  const char *section = NULL;
  const YrsFieldSpec *fields;
  guint n_fields;
  GtkWidget *child;

  g_free (self->programme);
  self->programme = g_strdup (programme);
  self->form = yrs_form_spec_for_programme (yrs_session_get_catalog (session), programme);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->inputs);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);

  gtk_label_set_label (self->title_label, yrs_form_spec_get_title (self->form));

  /* The payment applied for follows from the card it came from. */
  if (self->form == YRS_FORM_SUPPORT_PAYMENT && yrs_session_get_field (session, "payment.which") == NULL)
    yrs_session_set_field (session, "payment.which",
                           g_strcmp0 (programme, "support_payment_birth") == 0 ? "birth" : "pregnancy");

  self->filling = TRUE;
  fields = yrs_form_spec_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const YrsFieldSpec *spec = &fields[i];
      GtkWidget *row, *input;

      if ((spec->forms & self->form) == 0)
        continue;

      if (g_strcmp0 (section, spec->section) != 0)
        {
          GtkWidget *heading = gtk_label_new (_(spec->section));

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
          gtk_widget_add_css_class (heading, "title-3");
          gtk_widget_set_margin_top (heading, 12);
          gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                          GTK_ACCESSIBLE_PROPERTY_LEVEL, 2,
                                          -1);
          gtk_box_append (self->fields_box, heading);
          section = spec->section;
        }

      input = make_input (self, spec, _(spec->label));
      row = g_object_new (YRS_TYPE_FIELD_ROW,
                          "title", _(spec->label),
                          "help", spec->help != NULL ? _(spec->help) : NULL,
                          "required", spec->required,
                          "child", input,
                          NULL);
      gtk_box_append (self->fields_box, row);
      g_hash_table_insert (self->rows, (gpointer) spec->id, row);
      g_hash_table_insert (self->inputs, (gpointer) spec->id, input);
    }
  self->filling = FALSE;
  update_visibility (self);
}

static void
clear_summary (YrsApplyPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_box_remove (self->summary_list, child);
  gtk_widget_set_visible (self->summary_box, FALSE);
}

static guint validate (YrsApplyPage *self,
                        gboolean      move_focus);

guint
yrs_apply_page_validate (YrsApplyPage *self)
{
  g_return_val_if_fail (YRS_IS_APPLY_PAGE (self), 0);

  return validate (self, TRUE);
}

static guint
validate (YrsApplyPage *self,
          gboolean      move_focus)
{
  YrsSession *session;
  const YrsFieldSpec *fields;
  guint n_fields, n_errors = 0;
  GtkWidget *first = NULL;

  session = session_of (self);
  clear_summary (self);

  fields = yrs_form_spec_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const YrsFieldSpec *spec = &fields[i];
      YrsFieldRow *row = g_hash_table_lookup (self->rows, spec->id);
      g_autofree char *message = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *note = NULL;

      if (row == NULL)
        continue;
      if (!yrs_form_spec_field_applies (spec, self->form, session))
        {
          yrs_field_row_set_error (row, NULL);
          continue;
        }

      {
        GtkWidget *input = g_hash_table_lookup (self->inputs, spec->id);

        /* Parts that make no date: the date field's own message. */
        if (YRS_IS_DATE_FIELD (input) && *yrs_date_field_get_error (YRS_DATE_FIELD (input)) != '\0')
          message = g_strdup (yrs_date_field_get_error (YRS_DATE_FIELD (input)));
        else
          message = yrs_form_spec_check (spec, yrs_session_get_field (session, spec->id),
                                         &normalized, &note);
      }
      yrs_field_row_set_note (row, note);
      if (message == NULL)
        {
          GtkWidget *input = g_hash_table_lookup (self->inputs, spec->id);

          /* Show what will be sent: full-width katakana, 7-digit codes. */
          if (normalized != NULL &&
              g_strcmp0 (normalized, yrs_session_get_field (session, spec->id)) != 0)
            {
              yrs_session_set_field (session, spec->id, normalized);
              self->filling = TRUE;
              if (GTK_IS_EDITABLE (input))
                gtk_editable_set_text (GTK_EDITABLE (input), normalized);
              self->filling = FALSE;
            }
          yrs_field_row_set_error (row, NULL);
          continue;
        }

      yrs_field_row_set_error (row, message);
      n_errors++;
      {
        GtkWidget *link = gtk_button_new_with_label (message);
        GtkWidget *label = gtk_button_get_child (GTK_BUTTON (link));

        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (link, "flat");
        gtk_widget_add_css_class (link, "summary-link");
        gtk_actionable_set_action_name (GTK_ACTIONABLE (link), "apply.focus");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (link), "s", spec->id);
        gtk_box_append (self->summary_list, link);
      }
      if (first == NULL)
        first = g_hash_table_lookup (self->inputs, spec->id);
    }

  yrs_session_set_field (session, "apply.checked", "1");

  if (n_errors > 0)
    {
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("There is %u problem in the form. Please correct it.",
                                         "There are %u problems in the form. Please correct them.",
                                         n_errors),
                               n_errors);
      gtk_label_set_label (self->summary_label, title);
      gtk_widget_set_visible (self->summary_box, TRUE);
      if (move_focus && first != NULL && gtk_widget_get_root (first) != NULL &&
          !gtk_widget_child_focus (first, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (first);
    }
  return n_errors;
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
      return;
    }
  gtk_widget_activate_action (widget, "shell.go", "s", "review");
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (widget);
  GtkWidget *input = g_hash_table_lookup (self->inputs, g_variant_get_string (param, NULL));

  if (input != NULL && !gtk_widget_child_focus (input, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (input);
}

static void
yrs_apply_page_load (YrsPage *page)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (page);

  build_form (self);
  /* After a language switch, errors shown before come back in the new
   * language. */
  if (yrs_session_get_field (session_of (self), "apply.checked") != NULL)
    validate (self, FALSE);
}

/* The page stays in the shell's stack: when it comes up for another
 * programme than the one it was made for, it makes that form. */
static void
yrs_apply_page_map (GtkWidget *widget)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (widget);

  if (g_strcmp0 (self->programme, yrs_session_get_field (session_of (self), "apply.programme")) != 0)
    yrs_apply_page_load (YRS_PAGE (self));

  GTK_WIDGET_CLASS (yrs_apply_page_parent_class)->map (widget);
}

static void
yrs_apply_page_finalize (GObject *object)
{
  YrsApplyPage *self = YRS_APPLY_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->inputs, g_hash_table_unref);
  g_clear_pointer (&self->programme, g_free);

  G_OBJECT_CLASS (yrs_apply_page_parent_class)->finalize (object);
}

static void
yrs_apply_page_class_init (YrsApplyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->finalize = yrs_apply_page_finalize;
  widget_class->map = yrs_apply_page_map;
  page_class->load = yrs_apply_page_load;

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-apply-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, step_indicator);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, summary_list);
  gtk_widget_class_bind_template_child (widget_class, YrsApplyPage, fields_box);

  gtk_widget_class_install_action (widget_class, "apply.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "apply.focus", "s", focus_action);
}

static void
yrs_apply_page_init (YrsApplyPage *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->inputs = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
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
