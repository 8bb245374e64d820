/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-review-page"

#include "config.h"

#include "yrs-application-flow.h"
#include "yrs-review-page.h"
#include "yrs-step-indicator.h"

struct _YrsReviewPage
{
  YrsPage             parent_instance;

  YrsApplicationFlow *flow;

  /* template children */
  GtkScrolledWindow  *scroller;
};

G_DEFINE_FINAL_TYPE (YrsReviewPage, yrs_review_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_review_page_load (YrsPage *page)
{
  YrsReviewPage *self = YRS_REVIEW_PAGE (page);

  g_set_object (&self->flow, yrs_session_get_application_flow (yrs_page_get_session (page)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
}

/* The page stays in the shell's stack: each time it comes up (another
 * application, or back from the form) it is read from the top (its
 * viewport does not follow the focus the stack gives back, see the .ui). */
static void
yrs_review_page_map (GtkWidget *widget)
{
  YrsReviewPage *self = YRS_REVIEW_PAGE (widget);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  GTK_WIDGET_CLASS (yrs_review_page_parent_class)->map (widget);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsReviewPage *self = YRS_REVIEW_PAGE (widget);
  g_autofree char *key = NULL;

  if (self->flow == NULL || yrs_application_flow_get_form (self->flow) == 0)
    return;
  /* On failure the flow says why ("send-error", shown above). */
  key = yrs_application_flow_send (self->flow, NULL);
  if (key != NULL)
    gtk_widget_activate_action (widget, "shell.go", "s", "submitted");
}

static void
yrs_review_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsReviewPage *self = YRS_REVIEW_PAGE (object);

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
yrs_review_page_dispose (GObject *object)
{
  YrsReviewPage *self = YRS_REVIEW_PAGE (object);

  /* The template's bindings go first, then what they looked at. */
  G_OBJECT_CLASS (yrs_review_page_parent_class)->dispose (object);
  g_clear_object (&self->flow);
}

static void
yrs_review_page_class_init (YrsReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_review_page_dispose;
  object_class->get_property = yrs_review_page_get_property;
  widget_class->map = yrs_review_page_map;
  page_class->load = yrs_review_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, YRS_TYPE_APPLICATION_FLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_STEP_INDICATOR);
  g_type_ensure (YRS_TYPE_APPLICATION_FLOW);
  g_type_ensure (YRS_TYPE_REVIEW_SECTION);
  g_type_ensure (YRS_TYPE_REVIEW_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsReviewPage, scroller);

  gtk_widget_class_install_action (widget_class, "review.submit", NULL, submit_action);
}

static void
yrs_review_page_init (YrsReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
