/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-alternative"

#include "config.h"

#include "yrs-alternative.h"

struct _YrsAlternative
{
  GObject  parent_instance;

  char    *slot_id;
  char    *label;
};

G_DEFINE_FINAL_TYPE (YrsAlternative, yrs_alternative, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SLOT_ID,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_alternative_finalize (GObject *object)
{
  YrsAlternative *self = YRS_ALTERNATIVE (object);

  g_free (self->slot_id);
  g_free (self->label);

  G_OBJECT_CLASS (yrs_alternative_parent_class)->finalize (object);
}

static void
yrs_alternative_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsAlternative *self = YRS_ALTERNATIVE (object);

  switch (prop_id)
    {
    case PROP_SLOT_ID:
      g_value_set_string (value, self->slot_id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_alternative_class_init (YrsAlternativeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_alternative_finalize;
  object_class->get_property = yrs_alternative_get_property;

  properties[PROP_SLOT_ID] = g_param_spec_string ("slot-id", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_alternative_init (YrsAlternative *self)
{
}

YrsAlternative *
yrs_alternative_new (const char *slot_id,
                     const char *label)
{
  YrsAlternative *self = g_object_new (YRS_TYPE_ALTERNATIVE, NULL);

  self->slot_id = g_strdup (slot_id);
  self->label = g_strdup (label);
  return self;
}

const char *
yrs_alternative_get_slot_id (YrsAlternative *self)
{
  g_return_val_if_fail (YRS_IS_ALTERNATIVE (self), NULL);
  return self->slot_id;
}

const char *
yrs_alternative_get_label (YrsAlternative *self)
{
  g_return_val_if_fail (YRS_IS_ALTERNATIVE (self), NULL);
  return self->label;
}
