/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-screening-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-application-flow.h"
#include "yrs-choice-button.h"
#include "yrs-epds.h"
#include "yrs-record-item.h"
#include "yrs-screening-flow.h"
#include "yrs-screening-page.h"
#include "yrs-visit-list.h"
#include "yrs-visit-ui.h"

struct _YrsScreeningPage
{
  YrsPage           parent_instance;

  YrsScreeningFlow *flow;
  GtkWidget        *buttons[YRS_EPDS_N_ITEMS][YRS_EPDS_ITEM_MAX + 1];
  GtkWidget        *urgent_dialog;   /* weak */
  guint             scroll_frames;   /* frames left to bring the result into view */

  /* template children */
  GtkStack         *stack;
  GtkLabel         *family_label;
  GtkLabel         *error_label;
  GtkBox           *items_box;
  GtkLabel         *total_label;
  GtkWidget        *urgent_box;
  GtkLabel         *sos_label;
  GtkToggleButton  *acknowledge_check;
  GtkWidget        *support_box;
  GtkListBox       *referrals_list;
};

G_DEFINE_FINAL_TYPE (YrsScreeningPage, yrs_screening_page, YRS_TYPE_PAGE)

static void
on_register_clicked (GtkButton     *button,
                     YrsRecordItem *item)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), YRS_TYPE_SCREENING_PAGE);
  YrsSession *session;

  if (self == NULL || item == NULL)
    return;
  session = yrs_page_get_session (YRS_PAGE (self));
  /* She chose it: the registration form, one tap away; back comes to
   * these scores as she left them. */
  yrs_record_item_set_chosen (item, TRUE);
  {
    YrsScreeningFlow *flow = YRS_SCREENING_PAGE (self)->flow;
    YrsVisitList *list = yrs_session_get_visit_list (session);
    YrsVisitCase *visit_case = list != NULL && flow != NULL
                               ? yrs_visit_list_lookup (list, yrs_screening_flow_get_case_id (flow))
                               : NULL;

    /* Filled from what the city holds of her; the nurse checks it. */
    yrs_application_flow_open_for_case (yrs_session_get_application_flow (session),
                                        yrs_record_item_get_id (item), visit_case);
  }
  gtk_widget_activate_action (self, "shell.go", "s", "apply");
}

static GtkWidget *
create_referral_row (gpointer item,
                     gpointer user_data)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *row;
  const char *label = yrs_record_item_get_label (item);
  g_autofree char *offered = NULL, *chosen = NULL, *reg = NULL;

  gtk_builder_cscope_add_callback (scope, on_register_clicked);
  row = yrs_visit_ui_build_row ("/org/yorisoi/Yorisoi/yrs-referral-row.ui", item, scope, &builder);

  /* Translators: accessible name of a tick on a referral: "Offered: Postpartum care" */
  offered = g_strdup_printf (_("Offered: %s"), label);
  /* Translators: accessible name of a tick on a referral: "She chose it: Postpartum care" */
  chosen = g_strdup_printf (_("She chose it: %s"), label);
  /* Translators: accessible name of the button that opens a registration form */
  reg = g_strdup_printf (_("Register for %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "offered_check")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, offered, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "chosen_check")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chosen, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "register_button")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reg, -1);
  return row;
}

static void
on_urgent_response (AdwMessageDialog *dialog,
                    const char       *response,
                    YrsScreeningPage *self)
{
  if (g_strcmp0 (response, "acknowledge") == 0 && self->flow != NULL)
    yrs_screening_flow_set_urgent_acknowledged (self->flow, TRUE);
}

/* Item 10 above 0: said at once, in a dialog she must answer, and kept
 * on the page with the tick until the scores are saved. */
static void
present_urgent_prompt (YrsScreeningPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  g_autofree char *sos = NULL;
  g_autofree char *body = NULL;

  if (self->urgent_dialog != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_object_get (self->flow, "sos-line", &sos, NULL);
  body = g_strdup_printf ("%s\n\n%s",
                          _("Tell your supervisor today and agree together on what happens next. The mother can call this line at any time:"),
                          sos);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Item 10 is above 0: talk to your supervisor today"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Back to the scores"),
                                    "acknowledge", _("_I will talk to my supervisor today"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "acknowledge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_urgent_response), self, 0);
  g_set_weak_pointer (&self->urgent_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update (YrsScreeningPage *self)
{
  g_autofree char *total = NULL;
  g_autofree char *sos = NULL;
  const char *error;
  guint entered = 0;
  gboolean offer, urgent;

  if (self->flow == NULL)
    return;

  for (guint i = 1; i <= YRS_EPDS_N_ITEMS; i++)
    {
      int score = yrs_screening_flow_get_item (self->flow, i);

      if (score != YRS_EPDS_UNSET)
        entered++;
      for (int s = 0; s <= YRS_EPDS_ITEM_MAX; s++)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i - 1][s]), s == score);
    }

  if (yrs_screening_flow_get_complete (self->flow))
    /* Translators: the EPDS total once all ten items are entered */
    total = g_strdup_printf (_("Total: %d of 30"), yrs_screening_flow_get_total (self->flow));
  else
    /* Translators: the EPDS total while items are missing */
    total = g_strdup_printf (_("Total so far: %d (%u of 10 items entered)"),
                             yrs_screening_flow_get_total (self->flow), entered);
  gtk_label_set_label (self->total_label, total);

  g_object_get (self->flow, "offer-support", &offer, "sos-line", &sos, NULL);
  urgent = yrs_screening_flow_get_urgent (self->flow);
  gtk_widget_set_visible (self->support_box, offer);
  gtk_widget_set_visible (self->urgent_box, urgent);
  gtk_label_set_label (self->sos_label, sos);
  gtk_toggle_button_set_active (self->acknowledge_check,
                                yrs_screening_flow_get_urgent_acknowledged (self->flow));

  error = yrs_screening_flow_get_error (self->flow);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* When the tenth score is in, the result (the total, the urgent prompt,
 * the support panel) is brought into view, once the page's layout has
 * made room for it (a few frames after the scores' change shows the
 * prompt and the panel); also when the page is built again with all ten
 * in (a language switch). */
static gboolean
scroll_to_result (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  YrsScreeningPage *self = YRS_SCREENING_PAGE (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->total_label), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t point;
  double target;

  if (self->scroll_frames == 0)
    return G_SOURCE_REMOVE;
  self->scroll_frames--;
  /* A page built again (a language switch) is not in the window yet. */
  if (scroller == NULL)
    return G_SOURCE_CONTINUE;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (content == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self->total_label), content,
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_CONTINUE;
  /* The point is in the viewport's coordinates, which scroll with it:
   * from where the page is now (built again it is at the top; after the
   * urgent prompt it is wherever the dialog and the focus left it). */
  target = MAX (0, gtk_adjustment_get_value (adjustment) + point.y - 24);
  gtk_adjustment_set_value (adjustment, target);
  /* Until the page is long enough to get there, and for a few frames
   * more: a page built again puts the focus back where it was, and its
   * viewport scrolls to the focus once laid out. */
  if (gtk_adjustment_get_value (adjustment) + 1 < target || self->scroll_frames > 100)
    return G_SOURCE_CONTINUE;
  self->scroll_frames = 0;
  return G_SOURCE_REMOVE;
}

static void
bring_result_into_view (YrsScreeningPage *self)
{
  if (self->scroll_frames == 0)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_result, NULL, NULL);
  self->scroll_frames = 120;
}

static void
on_complete_changed (YrsScreeningPage *self)
{
  if (yrs_screening_flow_get_complete (self->flow))
    bring_result_into_view (self);
}

/* Acknowledged (the tick on the page or the dialog): what comes next is
 * the support panel below the prompt, brought into view whatever the
 * dialog and the refused save left the viewport showing. */
static void
on_acknowledged_changed (YrsScreeningPage *self)
{
  if (yrs_screening_flow_get_urgent_acknowledged (self->flow) &&
      yrs_screening_flow_get_complete (self->flow))
    bring_result_into_view (self);
}

static void
on_urgent_changed (YrsScreeningPage *self)
{
  if (yrs_screening_flow_get_urgent (self->flow) &&
      !yrs_screening_flow_get_urgent_acknowledged (self->flow))
    present_urgent_prompt (self);
}

static void
on_score_toggled (GtkToggleButton  *button,
                  YrsScreeningPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "yrs-item"));
  int score = atoi (gtk_widget_get_name (GTK_WIDGET (button)));

  if (self->flow == NULL || !gtk_toggle_button_get_active (button))
    return;
  if (yrs_screening_flow_get_item (self->flow, index) != score)
    yrs_screening_flow_set_item (self->flow, index, score);
}

static void
on_acknowledge_toggled (GtkToggleButton  *check,
                        YrsScreeningPage *self)
{
  if (self->flow != NULL)
    yrs_screening_flow_set_urgent_acknowledged (self->flow, gtk_toggle_button_get_active (check));
}

static void
build_items (YrsScreeningPage *self)
{
  for (guint i = 1; i <= YRS_EPDS_N_ITEMS; i++)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/yorisoi/Yorisoi/yrs-epds-item-row.ui");
      GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));
      g_autofree char *item = NULL;

      /* Translators: an EPDS item by its number on the paper form; never its wording */
      item = g_strdup_printf (_("Item %u"), i);
      gtk_label_set_label (GTK_LABEL (gtk_builder_get_object (builder, "label")), item);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, item, -1);
      for (int s = 0; s <= YRS_EPDS_ITEM_MAX; s++)
        {
          g_autofree char *id = g_strdup_printf ("score%d", s);
          g_autofree char *name = NULL;
          GtkWidget *button = GTK_WIDGET (gtk_builder_get_object (builder, id));

          /* Translators: accessible name of a score button: "Item 3: 2 points" */
          name = g_strdup_printf (ngettext ("Item %u: %d point", "Item %u: %d points", s), i, s);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_object_set_data (G_OBJECT (button), "yrs-item", GUINT_TO_POINTER (i));
          g_signal_connect_object (button, "toggled", G_CALLBACK (on_score_toggled), self, 0);
          self->buttons[i - 1][s] = button;
        }
      gtk_box_append (self->items_box, row);
    }
}

static void
bind_flow (YrsScreeningPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsScreeningFlow *flow = yrs_session_get_screening_flow (session);
  YrsVisitList *list = yrs_session_get_visit_list (session);
  YrsVisitCase *visit_case;

  /* Nothing of a form without a family from the list (a kiosk). */
  gtk_stack_set_visible_child_name (self->stack, flow != NULL ? "form" : "none");
  if (flow == self->flow)
    return;
  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_set_object (&self->flow, flow);
  gtk_stack_set_visible_child_name (self->stack, flow != NULL ? "form" : "none");
  gtk_list_box_bind_model (self->referrals_list, flow != NULL ? yrs_screening_flow_get_referrals (flow) : NULL,
                           create_referral_row, NULL, NULL);
  if (flow == NULL)
    return;

  visit_case = list != NULL ? yrs_visit_list_lookup (list, yrs_screening_flow_get_case_id (flow)) : NULL;
  gtk_label_set_label (self->family_label,
                       visit_case != NULL ? yrs_visit_case_get_family_name (visit_case) : "");
  g_signal_connect_object (flow, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flow, "notify::urgent", G_CALLBACK (on_urgent_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flow, "notify::complete", G_CALLBACK (on_complete_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flow, "notify::urgent-acknowledged", G_CALLBACK (on_acknowledged_changed), self, G_CONNECT_SWAPPED);
  update (self);
  if (yrs_screening_flow_get_complete (flow))
    bring_result_into_view (self);
}

static void
on_save_clicked (YrsScreeningPage *self)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  YrsVisitList *list = yrs_session_get_visit_list (session);
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->flow == NULL || list == NULL)
    return;

  record = yrs_screening_flow_build (self->flow, &error);
  if (record == NULL)
    {
      if (yrs_screening_flow_get_urgent (self->flow) &&
          !yrs_screening_flow_get_urgent_acknowledged (self->flow) &&
          yrs_screening_flow_get_complete (self->flow))
        present_urgent_prompt (self);
      return;   /* the message shows at the top */
    }
  if (!yrs_visit_list_record_screening (list, yrs_screening_flow_get_case_id (self->flow), record, &error))
    {
      yrs_visit_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  yrs_session_drop_visit_forms (session);
  yrs_visit_ui_toast (GTK_WIDGET (self),
                      _("The scores are saved on this tablet. The city gets them with the next sync."));
  yrs_session_pop_page (session);
}

GtkWidget *
yrs_screening_page_get_score_button (YrsScreeningPage *self,
                                     guint             index,
                                     int               score)
{
  g_return_val_if_fail (YRS_IS_SCREENING_PAGE (self), NULL);
  g_return_val_if_fail (index >= 1 && index <= YRS_EPDS_N_ITEMS, NULL);
  g_return_val_if_fail (score >= 0 && score <= YRS_EPDS_ITEM_MAX, NULL);

  return self->buttons[index - 1][score];
}

static void
yrs_screening_page_load (YrsPage *page)
{
  bind_flow (YRS_SCREENING_PAGE (page));
}

static void
yrs_screening_page_map (GtkWidget *widget)
{
  YrsScreeningPage *self = YRS_SCREENING_PAGE (widget);

  bind_flow (self);
  GTK_WIDGET_CLASS (yrs_screening_page_parent_class)->map (widget);
  /* Shown again with all ten scores in (back from the registration, or
   * built again in the other language): the result in view. */
  if (self->flow != NULL && yrs_screening_flow_get_complete (self->flow))
    bring_result_into_view (self);
}

static void
yrs_screening_page_dispose (GObject *object)
{
  YrsScreeningPage *self = YRS_SCREENING_PAGE (object);

  if (self->referrals_list != NULL)
    gtk_list_box_bind_model (self->referrals_list, NULL, NULL, NULL, NULL);
  if (self->urgent_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->urgent_dialog));
  g_clear_weak_pointer (&self->urgent_dialog);

  G_OBJECT_CLASS (yrs_screening_page_parent_class)->dispose (object);

  g_clear_object (&self->flow);
}

static void
yrs_screening_page_class_init (YrsScreeningPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_screening_page_dispose;
  widget_class->map = yrs_screening_page_map;
  page_class->load = yrs_screening_page_load;

  g_type_ensure (YRS_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-screening-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, stack);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, family_label);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, items_box);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, urgent_box);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, sos_label);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, acknowledge_check);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, support_box);
  gtk_widget_class_bind_template_child (widget_class, YrsScreeningPage, referrals_list);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
yrs_screening_page_init (YrsScreeningPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_items (self);
  g_signal_connect_object (self->acknowledge_check, "toggled",
                           G_CALLBACK (on_acknowledge_toggled), self, 0);
}
