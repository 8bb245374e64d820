/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-page"

#include "config.h"

#include "yrs-page.h"

typedef struct
{
  YrsSession *session;
} YrsPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (YrsPage, yrs_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_page_constructed (GObject *object)
{
  YrsPage *self = YRS_PAGE (object);

  G_OBJECT_CLASS (yrs_page_parent_class)->constructed (object);

  if (YRS_PAGE_GET_CLASS (self)->load != NULL)
    YRS_PAGE_GET_CLASS (self)->load (self);
}

static void
yrs_page_dispose (GObject *object)
{
  YrsPage *self = YRS_PAGE (object);
  YrsPagePrivate *priv = yrs_page_get_instance_private (self);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&priv->session);

  G_OBJECT_CLASS (yrs_page_parent_class)->dispose (object);
}

static void
yrs_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  YrsPage *self = YRS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, yrs_page_get_session (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  YrsPage *self = YRS_PAGE (object);
  YrsPagePrivate *priv = yrs_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_page_class_init (YrsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yrs_page_constructed;
  object_class->dispose = yrs_page_dispose;
  object_class->get_property = yrs_page_get_property;
  object_class->set_property = yrs_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         YRS_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yrs_page_init (YrsPage *self)
{
}

YrsSession *
yrs_page_get_session (YrsPage *self)
{
  YrsPagePrivate *priv = yrs_page_get_instance_private (self);

  g_return_val_if_fail (YRS_IS_PAGE (self), NULL);

  return priv->session;
}
