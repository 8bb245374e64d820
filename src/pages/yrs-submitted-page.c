/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-submitted-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-outbox-model.h"
#include "yrs-qr-code.h"
#include "yrs-receipt-print.h"
#include "yrs-step-indicator.h"
#include "yrs-submission.h"
#include "yrs-submitted-page.h"

struct _YrsSubmittedPage
{
  YrsPage        parent_instance;

  YrsSubmission *submission;

  /* template children */
  GtkImage      *state_icon;
  GtkLabel      *state_label;
  GtkLabel      *next_label;
  GtkListView   *alternatives_list;
  GtkWidget     *print_button;
  GtkLabel      *print_label;
  GtkWidget     *next_family_button;
};

G_DEFINE_FINAL_TYPE (YrsSubmittedPage, yrs_submitted_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_SUBMISSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A style class cannot be bound in a template: the icon's colour. */
static void
on_style (YrsSubmission    *submission,
          GParamSpec       *pspec,
          YrsSubmittedPage *self)
{
  g_autofree char *style = NULL;

  g_object_get (submission, "style", &style, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "ok");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "problem");
  if (style != NULL && *style != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), style);
}

void
yrs_submitted_page_refresh (YrsSubmittedPage *self)
{
  g_return_if_fail (YRS_IS_SUBMITTED_PAGE (self));

  if (self->submission != NULL)
    yrs_submission_reload (self->submission);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->submission != NULL &&
      !yrs_submission_choose_alternative (self->submission, g_variant_get_string (param, NULL), &error))
    g_warning ("Could not book the place chosen: %s", error->message);
}

/* A place of the alternatives list (ui/yrs-alternative-button.ui). */
static void
alternative_clicked (GtkListItem *item,
                     GtkButton   *button)
{
  YrsAlternative *alternative = gtk_list_item_get_item (item);

  if (alternative != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), "submitted.choose", "s",
                                yrs_alternative_get_slot_id (alternative));
}

/* Facility and time on two centred lines, wrapped when narrow: the
 * button's own label, which a template cannot reach (its text is bound
 * before a "notify::label" handler of the template is connected). */
static void
alternative_realize (GtkButton *button)
{
  GtkWidget *label = gtk_button_get_child (button);

  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->submission != NULL && yrs_submission_get_can_cancel (self->submission) &&
      !yrs_submission_cancel (self->submission, &error))
    g_warning ("Could not cancel the booking: %s", error->message);
}

static void
print_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YrsSubmittedPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (yrs_receipt_print_finish (result, &error))
    gtk_label_set_label (self->print_label, _("Your receipt is printing. Please take it from the printer."));
  else
    {
      g_autofree char *text = g_strdup_printf (_("＊The receipt could not be printed (%s). Please write down the reference number, or ask a member of staff."),
                                               error->message);
      gtk_label_set_label (self->print_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), TRUE);
  gtk_widget_set_sensitive (self->print_button, TRUE);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (widget);
  const char *steps[] = { gtk_label_get_label (self->next_label), NULL };
  const char *printer, *reference;

  if (self->submission == NULL ||
      (printer = yrs_submission_get_printer (self->submission)) == NULL ||
      (reference = yrs_submission_get_reference (self->submission)) == NULL)
    return;

  gtk_widget_set_sensitive (self->print_button, FALSE);
  gtk_label_set_label (self->print_label, _("Printing…"));
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), TRUE);
  yrs_receipt_print_async (printer,
                           gtk_label_get_label (self->state_label),
                           reference,
                           steps,
                           NULL,
                           print_done,
                           g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  yrs_submitted_page_refresh (YRS_SUBMITTED_PAGE (widget));
}

static void
yrs_submitted_page_load (YrsPage *page)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (page);

  if (self->submission != NULL)
    g_signal_handlers_disconnect_by_data (self->submission, self);
  g_set_object (&self->submission, yrs_session_get_submission (yrs_page_get_session (page)));
  g_signal_connect_object (self->submission, "notify::style", G_CALLBACK (on_style), self, 0);
  on_style (self->submission, NULL, self);
  /* A staff tablet ends the family's visit here too (tablet.next-family);
   * a kiosk's "Finish" already does. */
  gtk_widget_set_visible (self->next_family_button,
                          yrs_outbox_model_get_staff (yrs_session_get_outbox (yrs_page_get_session (page))));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMISSION]);
}

static void
yrs_submitted_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (object);

  switch (prop_id)
    {
    case PROP_SUBMISSION:
      g_value_set_object (value, self->submission);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_submitted_page_dispose (GObject *object)
{
  YrsSubmittedPage *self = YRS_SUBMITTED_PAGE (object);

  if (self->submission != NULL)
    g_signal_handlers_disconnect_by_data (self->submission, self);

  /* The template's bindings go first, then what they looked at. */
  G_OBJECT_CLASS (yrs_submitted_page_parent_class)->dispose (object);
  g_clear_object (&self->submission);
}

static void
yrs_submitted_page_class_init (YrsSubmittedPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_submitted_page_dispose;
  object_class->get_property = yrs_submitted_page_get_property;
  page_class->load = yrs_submitted_page_load;

  properties[PROP_SUBMISSION] =
    g_param_spec_object ("submission", NULL, NULL, YRS_TYPE_SUBMISSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);
  g_type_ensure (YRS_TYPE_QR_CODE);
  g_type_ensure (YRS_TYPE_SUBMISSION);
  g_type_ensure (YRS_TYPE_ALTERNATIVE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-submitted-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, alternatives_list);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, print_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSubmittedPage, next_family_button);

  gtk_widget_class_install_action (widget_class, "submitted.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "submitted.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "submitted.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "submitted.print", NULL, print_action);
}

static void
yrs_submitted_page_init (YrsSubmittedPage *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), alternative_clicked);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), alternative_realize);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, "/org/yorisoi/Yorisoi/yrs-alternative-button.ui");
  gtk_list_view_set_factory (self->alternatives_list, factory);
}

const char *
yrs_submitted_page_get_state (YrsSubmittedPage *self)
{
  g_return_val_if_fail (YRS_IS_SUBMITTED_PAGE (self), NULL);

  return self->submission != NULL ? yrs_submission_get_state (self->submission) : NULL;
}

const char *
yrs_submitted_page_get_reference (YrsSubmittedPage *self)
{
  g_return_val_if_fail (YRS_IS_SUBMITTED_PAGE (self), NULL);

  return self->submission != NULL ? yrs_submission_get_reference (self->submission) : NULL;
}

guint
yrs_submitted_page_get_n_alternatives (YrsSubmittedPage *self)
{
  g_return_val_if_fail (YRS_IS_SUBMITTED_PAGE (self), 0);

  if (self->submission == NULL)
    return 0;
  return g_list_model_get_n_items (yrs_submission_get_alternatives (self->submission));
}
