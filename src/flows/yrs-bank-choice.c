/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-bank-choice"

#include "config.h"

#include "yrs-bank.h"
#include "yrs-bank-choice.h"
#include "yrs-i18n.h"

struct _YrsBankChoice
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *kana;
};

G_DEFINE_FINAL_TYPE (YrsBankChoice, yrs_bank_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_KANA,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *with_code (const char *name,
                        const char *code);

static void
yrs_bank_choice_finalize (GObject *object)
{
  YrsBankChoice *self = YRS_BANK_CHOICE (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->kana);

  G_OBJECT_CLASS (yrs_bank_choice_parent_class)->finalize (object);
}

static void
yrs_bank_choice_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsBankChoice *self = YRS_BANK_CHOICE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KANA:
      g_value_set_string (value, self->kana);
      break;
    case PROP_LABEL:
      g_value_take_string (value, with_code (self->name, self->code));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_bank_choice_class_init (YrsBankChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_bank_choice_finalize;
  object_class->get_property = yrs_bank_choice_get_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_KANA] = g_param_spec_string ("kana", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_bank_choice_init (YrsBankChoice *self)
{
}

YrsBankChoice *
yrs_bank_choice_new (const char *code,
                     const char *name,
                     const char *kana)
{
  YrsBankChoice *self = g_object_new (YRS_TYPE_BANK_CHOICE, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->kana = g_strdup (kana);
  return self;
}

const char *
yrs_bank_choice_get_code (YrsBankChoice *self)
{
  g_return_val_if_fail (YRS_IS_BANK_CHOICE (self), NULL);
  return self->code;
}

const char *
yrs_bank_choice_get_name (YrsBankChoice *self)
{
  g_return_val_if_fail (YRS_IS_BANK_CHOICE (self), NULL);
  return self->name;
}

const char *
yrs_bank_choice_get_kana (YrsBankChoice *self)
{
  g_return_val_if_fail (YRS_IS_BANK_CHOICE (self), NULL);
  return self->kana;
}

static char *
with_code (const char *name,
           const char *code)
{
  if (yrs_i18n_get_lang () == YRS_LANG_JA)
    return g_strdup_printf ("%s（%s）", name, code);
  return g_strdup_printf ("%s (%s)", name, code);
}

char *
yrs_bank_choice_describe_bank (const char *bank_code)
{
  const YrsBank *bank = yrs_bank_lookup (bank_code);

  if (bank == NULL)
    return NULL;
  return with_code (yrs_bank_get_name (bank), yrs_bank_get_code (bank));
}

char *
yrs_bank_choice_describe_branch (const char *bank_code,
                                 const char *branch_code)
{
  const YrsBank *bank = yrs_bank_lookup (bank_code);
  const YrsBranch *branch = bank != NULL ? yrs_bank_lookup_branch (bank, branch_code) : NULL;

  if (branch == NULL)
    return NULL;
  return with_code (branch->name, branch->code);
}
