/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-address-choice"

#include "config.h"

#include "yrs-address-choice.h"

struct _YrsAddressChoice
{
  GObject  parent_instance;

  char    *address;
  char    *label;
};

G_DEFINE_FINAL_TYPE (YrsAddressChoice, yrs_address_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_address_choice_finalize (GObject *object)
{
  YrsAddressChoice *self = YRS_ADDRESS_CHOICE (object);

  g_free (self->address);
  g_free (self->label);

  G_OBJECT_CLASS (yrs_address_choice_parent_class)->finalize (object);
}

static void
yrs_address_choice_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsAddressChoice *self = YRS_ADDRESS_CHOICE (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_address_choice_class_init (YrsAddressChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_address_choice_finalize;
  object_class->get_property = yrs_address_choice_get_property;

  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_address_choice_init (YrsAddressChoice *self)
{
}

YrsAddressChoice *
yrs_address_choice_new (const char *address,
                     const char *label)
{
  YrsAddressChoice *self = g_object_new (YRS_TYPE_ADDRESS_CHOICE, NULL);

  self->address = g_strdup (address);
  self->label = g_strdup (label);
  return self;
}

const char *
yrs_address_choice_get_address (YrsAddressChoice *self)
{
  g_return_val_if_fail (YRS_IS_ADDRESS_CHOICE (self), NULL);
  return self->address;
}

const char *
yrs_address_choice_get_label (YrsAddressChoice *self)
{
  g_return_val_if_fail (YRS_IS_ADDRESS_CHOICE (self), NULL);
  return self->label;
}
