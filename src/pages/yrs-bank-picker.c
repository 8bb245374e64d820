/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-bank-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-bank.h"
#include "yrs-bank-picker.h"
#include "yrs-i18n.h"

struct _YrsBankPicker
{
  GtkWidget           parent_instance;

  YrsApplicationFlow *flow;
  YrsFormField       *field;
  YrsBankSearch      *search;
  gboolean            for_branches;
  gboolean            changing;     /* "Change" tapped: the search shows again */
  char               *chosen;

  /* template children */
  GtkWidget          *box;
  GtkWidget          *chosen_box;
  GtkLabel           *chosen_label;
  GtkWidget          *change_button;
  GtkWidget          *search_box;
  GtkEntry           *search_entry;
  GtkListView        *list;
  GtkLabel           *status_label;
  GtkLabel           *code_label;
  GtkEntry           *code_entry;
};

G_DEFINE_FINAL_TYPE (YrsBankPicker, yrs_bank_picker, GTK_TYPE_WIDGET)

static char *
describe (YrsBankPicker *self)
{
  const char *code = yrs_form_field_get_value (self->field);

  if (code == NULL)
    return NULL;
  if (self->for_branches)
    return yrs_bank_choice_describe_branch (yrs_application_flow_get_value (self->flow, "bank.code"), code);
  return yrs_bank_choice_describe_bank (code);
}

/* Chosen (and not being changed): its name and code, and "Change";
 * otherwise the search. A branch's search waits for the bank. */
static void
update (YrsBankPicker *self)
{
  g_autofree char *status = yrs_bank_search_dup_status (self->search);
  gboolean can_search = !self->for_branches ||
                        yrs_bank_lookup (yrs_application_flow_get_value (self->flow, "bank.code")) != NULL;
  gboolean chosen;

  g_free (self->chosen);
  self->chosen = describe (self);
  chosen = self->chosen != NULL && !self->changing;

  gtk_label_set_label (self->chosen_label, self->chosen != NULL ? self->chosen : "");
  gtk_widget_set_visible (self->chosen_box, chosen);
  gtk_widget_set_visible (self->search_box, !chosen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), can_search);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), *status != '\0');
}

static void
on_language_changed (YrsBankPicker *self)
{
  /* "Change" has another translation elsewhere (修正する, the review's):
   * the switch in place cannot tell which this one is. */
  gtk_button_set_label (GTK_BUTTON (self->change_button), C_("bank", "Change"));
  if (self->field != NULL && self->flow != NULL && self->search != NULL)
    update (self);
}

static void
on_value (YrsBankPicker *self)
{
  self->changing = FALSE;
  update (self);
}

static void
on_status (YrsBankPicker *self)
{
  update (self);
}

static void
on_query (YrsBankPicker *self)
{
  const char *query = yrs_bank_search_get_query (self->search);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  update (self);
}

static void
search_changed (YrsBankPicker *self,
                GtkEditable   *editable)
{
  if (self->search != NULL)
    yrs_bank_search_set_query (self->search, gtk_editable_get_text (editable));
}

static void
change_clicked (YrsBankPicker *self,
                GtkButton     *button)
{
  self->changing = TRUE;
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* A bank or branch of the list (ui/yrs-bank-choice-button.ui). */
static void
choice_clicked (GtkListItem *item,
                GtkButton   *button)
{
  GtkWidget *widget = gtk_widget_get_ancestor (GTK_WIDGET (button), YRS_TYPE_BANK_PICKER);
  YrsBankChoice *choice = gtk_list_item_get_item (item);
  YrsBankPicker *self;
  const char *code;

  if (widget == NULL || choice == NULL)
    return;
  self = YRS_BANK_PICKER (widget);
  code = yrs_bank_choice_get_code (choice);
  /* The search is left for good: the keypad goes with the focus. */
  gtk_widget_grab_focus (self->box);
  if (self->for_branches)
    yrs_application_flow_choose_branch (self->flow, code);
  else
    yrs_application_flow_choose_bank (self->flow, code);
  self->changing = FALSE;
  update (self);
  if (gtk_widget_get_visible (self->chosen_box))
    gtk_widget_grab_focus (self->change_button);
}

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
yrs_bank_picker_dispose (GObject *object)
{
  YrsBankPicker *self = YRS_BANK_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_BANK_PICKER);
  if (self->search != NULL)
    g_signal_handlers_disconnect_by_data (self->search, self);
  if (self->field != NULL)
    g_signal_handlers_disconnect_by_data (self->field, self);
  g_clear_object (&self->search);
  g_clear_object (&self->field);
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (yrs_bank_picker_parent_class)->dispose (object);
}

static void
yrs_bank_picker_finalize (GObject *object)
{
  YrsBankPicker *self = YRS_BANK_PICKER (object);

  g_free (self->chosen);

  G_OBJECT_CLASS (yrs_bank_picker_parent_class)->finalize (object);
}

static void
yrs_bank_picker_class_init (YrsBankPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_bank_picker_dispose;
  object_class->finalize = yrs_bank_picker_finalize;

  g_type_ensure (YRS_TYPE_BANK_CHOICE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-bank-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, box);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, chosen_box);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, change_button);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, search_box);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, list);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, status_label);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, code_label);
  gtk_widget_class_bind_template_child (widget_class, YrsBankPicker, code_entry);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, change_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-bank-picker");
}

static void
yrs_bank_picker_init (YrsBankPicker *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (self->box, TRUE);

  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), choice_clicked);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, "/org/yorisoi/Yorisoi/yrs-bank-choice-button.ui");
  gtk_list_view_set_factory (self->list, factory);

  /* The choice's words ("みずほ（0001）", "Mizuho (0001)") are made here:
   * a language switch in place makes them again. */
  g_signal_connect_object (yrs_i18n_get_notifier (), "notify::language",
                           G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
yrs_bank_picker_new (YrsApplicationFlow *flow,
                     YrsFormField       *field,
                     gboolean            for_branches)
{
  YrsBankPicker *self;
  g_autoptr(GtkNoSelection) selection = NULL;
  const char *code_label, *search_label;

  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (flow), NULL);
  g_return_val_if_fail (YRS_IS_FORM_FIELD (field), NULL);

  self = g_object_new (YRS_TYPE_BANK_PICKER, NULL);
  self->flow = g_object_ref (flow);
  self->field = g_object_ref (field);
  self->for_branches = for_branches;
  self->search = g_object_ref (for_branches
                               ? yrs_application_flow_get_branch_search (flow)
                               : yrs_application_flow_get_bank_search (flow));

  /* The box takes the focus for the error summary's link when nothing
   * is chosen: named by the field, as a screen reader says it. */
  {
    g_autofree char *label = NULL;

    g_object_get (field, "label", &label, NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : "",
                                    -1);
  }

  /* The kiosk gives a field whose ID ends in "kana" the kana keypad
   * (src/app/yrs-kiosk.c). */
  g_object_set_data (G_OBJECT (self->search_entry), "yrs-field",
                     (gpointer) (for_branches ? "bank.branch-search-kana" : "bank.search-kana"));
  g_object_set_data (G_OBJECT (self->code_entry), "yrs-field", (gpointer) yrs_form_field_get_id (field));

  if (for_branches)
    {
      /* Translators: the placeholder of the search for a branch; 本店 is "head office" */
      gtk_entry_set_placeholder_text (self->search_entry, _("Branch name in kana, e.g. ほんてん"));
      search_label = _("Search for the branch by name");
      code_label = _("Branch code");
      gtk_label_set_label (self->code_label, _("Or type the 3-digit branch code:"));
    }
  else
    {
      /* Translators: the placeholder of the search for a bank, in kana */
      gtk_entry_set_placeholder_text (self->search_entry, _("Bank name in kana, e.g. みずほ"));
      search_label = _("Search for the bank by name");
      code_label = _("Bank code");
      gtk_label_set_label (self->code_label, _("Or type the 4-digit bank code:"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, search_label,
                                  -1);
  /* "Bank code", then what the label above it says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, code_label,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->code_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->code_label, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  for_branches ? _("Branches found") : _("Banks found"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->change_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  for_branches ? _("Change the branch") : _("Change the bank"),
                                  -1);

  selection = gtk_no_selection_new (g_object_ref (yrs_bank_search_get_results (self->search)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), yrs_bank_search_get_query (self->search));
  g_object_bind_property_full (field, "value", self->code_entry, "text",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               value_to_text, text_to_value, NULL, NULL);

  g_signal_connect_swapped (field, "notify::value", G_CALLBACK (on_value), self);
  g_signal_connect_swapped (self->search, "notify::status", G_CALLBACK (on_status), self);
  /* A branch's name is its bank's branch's. */
  if (for_branches)
    g_signal_connect_swapped (self->search, "notify::bank-code", G_CALLBACK (on_value), self);
  /* The search was cleared by a choice: the entry follows. */
  g_signal_connect_swapped (self->search, "notify::query", G_CALLBACK (on_query), self);
  update (self);
  return GTK_WIDGET (self);
}

GtkEditable *
yrs_bank_picker_get_search_entry (YrsBankPicker *self)
{
  g_return_val_if_fail (YRS_IS_BANK_PICKER (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkEditable *
yrs_bank_picker_get_code_entry (YrsBankPicker *self)
{
  g_return_val_if_fail (YRS_IS_BANK_PICKER (self), NULL);
  return GTK_EDITABLE (self->code_entry);
}

GtkListView *
yrs_bank_picker_get_list (YrsBankPicker *self)
{
  g_return_val_if_fail (YRS_IS_BANK_PICKER (self), NULL);
  return self->list;
}

const char *
yrs_bank_picker_get_chosen (YrsBankPicker *self)
{
  g_return_val_if_fail (YRS_IS_BANK_PICKER (self), NULL);
  return self->chosen;
}
