/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-list-button"

#include "config.h"

#include "yrs-list-button.h"

struct _YrsListButton
{
  GtkButton  parent_instance;

  char      *action;
  char      *target;
  char      *accessible_label;
};

G_DEFINE_FINAL_TYPE (YrsListButton, yrs_list_button, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_ACTION,
  PROP_TARGET,
  PROP_ACCESSIBLE_LABEL,
  PROP_CHOSEN,
  PROP_HAS_FREE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_class (YrsListButton *self,
           const char    *name,
           gboolean       on)
{
  if (on)
    gtk_widget_add_css_class (GTK_WIDGET (self), name);
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), name);
}

/* The action goes on only with its target: a row's button has its
 * action before its item (and so its target) is bound. */
static void
update_action (YrsListButton *self)
{
  if (self->action != NULL && self->target != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", self->target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self), self->action);
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), NULL);
    }
}

static void
yrs_list_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsListButton *self = YRS_LIST_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;
    case PROP_ACCESSIBLE_LABEL:
      g_value_set_string (value, self->accessible_label);
      break;
    case PROP_CHOSEN:
      g_value_set_boolean (value, gtk_widget_has_css_class (GTK_WIDGET (self), "chosen"));
      break;
    case PROP_HAS_FREE:
      g_value_set_boolean (value, gtk_widget_has_css_class (GTK_WIDGET (self), "has-free"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_list_button_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YrsListButton *self = YRS_LIST_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      g_free (self->action);
      self->action = g_value_dup_string (value);
      update_action (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_TARGET:
      g_free (self->target);
      self->target = g_value_dup_string (value);
      update_action (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_ACCESSIBLE_LABEL:
      g_free (self->accessible_label);
      self->accessible_label = g_value_dup_string (value);
      if (self->accessible_label != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CHOSEN:
      set_class (self, "chosen", g_value_get_boolean (value));
      break;
    case PROP_HAS_FREE:
      set_class (self, "has-free", g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_list_button_finalize (GObject *object)
{
  YrsListButton *self = YRS_LIST_BUTTON (object);

  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->accessible_label, g_free);

  G_OBJECT_CLASS (yrs_list_button_parent_class)->finalize (object);
}

static void
yrs_list_button_class_init (YrsListButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_list_button_finalize;
  object_class->get_property = yrs_list_button_get_property;
  object_class->set_property = yrs_list_button_set_property;

  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCESSIBLE_LABEL] =
    g_param_spec_string ("accessible-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHOSEN] =
    g_param_spec_boolean ("chosen", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_FREE] =
    g_param_spec_boolean ("has-free", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_list_button_init (YrsListButton *self)
{
}
