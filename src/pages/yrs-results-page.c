/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-results-page"

#include "config.h"

#include "yrs-check-flow.h"
#include "yrs-result-card.h"
#include "yrs-application-flow.h"
#include "yrs-results-page.h"

/* A view of the session's check flow: the intro, the groups of cards
 * (support, now, the next check-up, coming later, information, and the
 * not-eligible ones folded in an expander with their count) and the one
 * source line, bound in the .ui. Each group is a GtkFlowBox bound
 * to one of the flow's models, its cards made from the template
 * ui/yrs-result-item.ui with the item exposed to it. (A GtkListView would
 * not do here: in GTK 4.8 it measures its height without the width, so
 * cards with wrapped text inside a scrolled page get cut off.) */
struct _YrsResultsPage
{
  YrsPage        parent_instance;

  YrsCheckFlow  *flow;

  /* template children */
  GtkFlowBox    *support_box;
  GtkFlowBox    *main_box;
  GtkFlowBox    *info_box;
  GtkFlowBox    *coming_box;
  GtkFlowBox    *not_eligible_box;
};

G_DEFINE_FINAL_TYPE (YrsResultsPage, yrs_results_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_nonzero (gpointer unused,
            guint    n)
{
  return n > 0;
}

static gboolean
is_set (gpointer  unused,
        GObject  *object)
{
  return object != NULL;
}

/* A card for an item, in its line of the box, from its template. */
static GtkWidget *
create_card (gpointer item,
             gpointer user_data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  gtk_builder_expose_object (builder, "item", G_OBJECT (item));
  if (!gtk_builder_add_from_resource (builder, "/org/yorisoi/Yorisoi/yrs-result-item.ui", &error))
    g_error ("yrs-result-item.ui: %s", error->message);
  return g_object_ref (GTK_WIDGET (gtk_builder_get_object (builder, "child")));
}

static void
yrs_results_page_load (YrsPage *page)
{
  YrsResultsPage *self = YRS_RESULTS_PAGE (page);

  g_set_object (&self->flow, yrs_session_get_check (yrs_page_get_session (page)));
  gtk_flow_box_bind_model (self->support_box, yrs_check_flow_get_support_results (self->flow),
                           create_card, NULL, NULL);
  gtk_flow_box_bind_model (self->main_box, yrs_check_flow_get_main_results (self->flow),
                           create_card, NULL, NULL);
  gtk_flow_box_bind_model (self->info_box, yrs_check_flow_get_info_results (self->flow),
                           create_card, NULL, NULL);
  gtk_flow_box_bind_model (self->coming_box, yrs_check_flow_get_coming_results (self->flow),
                           create_card, NULL, NULL);
  gtk_flow_box_bind_model (self->not_eligible_box, yrs_check_flow_get_not_eligible_results (self->flow),
                           create_card, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
}

/* The flow follows the answers by itself; only the day may have turned
 * (a kiosk left on overnight) since the page was last shown. */
static void
yrs_results_page_map (GtkWidget *widget)
{
  YrsResultsPage *self = YRS_RESULTS_PAGE (widget);

  if (self->flow != NULL)
    yrs_check_flow_refresh (self->flow);

  GTK_WIDGET_CLASS (yrs_results_page_parent_class)->map (widget);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (widget));

  yrs_application_flow_open (yrs_session_get_application_flow (session),
                             g_variant_get_string (param, NULL));
  gtk_widget_activate_action (widget, "shell.go", "s", "apply");
}

static void
reserve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gtk_widget_activate_action (widget, "shell.go", "s", "reserve");
}

static void
yrs_results_page_dispose (GObject *object)
{
  YrsResultsPage *self = YRS_RESULTS_PAGE (object);

  G_OBJECT_CLASS (yrs_results_page_parent_class)->dispose (object);

  g_clear_object (&self->flow);
}

static void
yrs_results_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsResultsPage *self = YRS_RESULTS_PAGE (object);

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
yrs_results_page_class_init (YrsResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_results_page_dispose;
  object_class->get_property = yrs_results_page_get_property;
  widget_class->map = yrs_results_page_map;
  page_class->load = yrs_results_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL,
                         YRS_TYPE_CHECK_FLOW,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_RESULT_CARD);
  g_type_ensure (YRS_TYPE_RESULT_ITEM);
  g_type_ensure (YRS_TYPE_CHECK_FLOW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, support_box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, info_box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, coming_box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, not_eligible_box);
  gtk_widget_class_bind_template_callback (widget_class, is_set);
  gtk_widget_class_bind_template_callback (widget_class, is_nonzero);

  gtk_widget_class_install_action (widget_class, "results.apply", "s", apply_action);
  gtk_widget_class_install_action (widget_class, "results.reserve", NULL, reserve_action);
}

static void
yrs_results_page_init (YrsResultsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GtkWidget *
find_card (GtkWidget  *root,
           const char *programme_id)
{
  if (YRS_IS_RESULT_CARD (root))
    return g_strcmp0 (gtk_widget_get_name (root), programme_id) == 0 ? root : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card (child, programme_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
yrs_results_page_get_card (YrsResultsPage *self,
                           const char     *programme_id)
{
  GtkWidget *boxes[5];

  g_return_val_if_fail (YRS_IS_RESULTS_PAGE (self), NULL);
  g_return_val_if_fail (programme_id != NULL, NULL);

  /* Each card is named after its programme (ui/yrs-result-item.ui). */
  boxes[0] = GTK_WIDGET (self->support_box);
  boxes[1] = GTK_WIDGET (self->main_box);
  boxes[2] = GTK_WIDGET (self->coming_box);
  boxes[3] = GTK_WIDGET (self->info_box);
  boxes[4] = GTK_WIDGET (self->not_eligible_box);
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      GtkWidget *card = find_card (boxes[i], programme_id);

      if (card != NULL)
        return card;
    }
  return NULL;
}
