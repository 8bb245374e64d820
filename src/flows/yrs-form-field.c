/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-form-field"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"

#include "yrs-application-flow-private.h"
#include "yrs-form-field-private.h"

struct _YrsFormField
{
  GObject             parent_instance;

  YrsApplicationFlow *flow;        /* weak: the flow owns the field */
  const YrsFieldSpec *spec;
  gboolean            first_in_section;
  gboolean            failed;
  char               *error;       /* the message last read */
  char               *told_error;  /* a date's parts error, as the page told */
  char               *note;
  gboolean            visible;
};

G_DEFINE_FINAL_TYPE (YrsFormField, yrs_form_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_SECTION,
  PROP_LABEL,
  PROP_HELP,
  PROP_REQUIRED,
  PROP_FIRST_IN_SECTION,
  PROP_VALUE,
  PROP_ERROR,
  PROP_NOTE,
  PROP_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_form_field_finalize (GObject *object)
{
  YrsFormField *self = YRS_FORM_FIELD (object);

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->told_error, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (yrs_form_field_parent_class)->finalize (object);
}

static void
yrs_form_field_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsFormField *self = YRS_FORM_FIELD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->spec->id);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->spec->kind);
      break;
    case PROP_SECTION:
      g_value_set_string (value, _(self->spec->section));
      break;
    case PROP_LABEL:
      g_value_set_string (value, _(self->spec->label));
      break;
    case PROP_HELP:
      g_value_set_string (value, self->spec->help != NULL ? _(self->spec->help) : NULL);
      break;
    case PROP_REQUIRED:
      g_value_set_boolean (value, self->spec->required);
      break;
    case PROP_FIRST_IN_SECTION:
      g_value_set_boolean (value, self->first_in_section);
      break;
    case PROP_VALUE:
      g_value_set_string (value, yrs_form_field_get_value (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, yrs_form_field_get_error (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_form_field_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YrsFormField *self = YRS_FORM_FIELD (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      yrs_form_field_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_form_field_class_init (YrsFormFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_form_field_finalize;
  object_class->get_property = yrs_form_field_get_property;
  object_class->set_property = yrs_form_field_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_SECTION] = g_param_spec_string ("section", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);
  properties[PROP_HELP] = g_param_spec_string ("help", NULL, NULL, NULL, ro);
  properties[PROP_REQUIRED] = g_param_spec_boolean ("required", NULL, NULL, FALSE, ro);
  properties[PROP_FIRST_IN_SECTION] = g_param_spec_boolean ("first-in-section", NULL, NULL, FALSE, ro);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, TRUE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_form_field_init (YrsFormField *self)
{
  self->visible = TRUE;
  /* Its words are made when read: a language switch re-reads them. */
  yrs_i18n_follow (self, "section", "label", "help", "error", "note", NULL);
}

YrsFormField *
_yrs_form_field_new (YrsApplicationFlow *flow,
                     const YrsFieldSpec *spec,
                     gboolean            first_in_section)
{
  YrsFormField *self = g_object_new (YRS_TYPE_FORM_FIELD, NULL);

  self->flow = flow;
  self->spec = spec;
  self->first_in_section = first_in_section;
  return self;
}

void
_yrs_form_field_detach (YrsFormField *self)
{
  self->flow = NULL;
}

void
_yrs_form_field_notify_value (YrsFormField *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
_yrs_form_field_set_check (YrsFormField *self,
                           gboolean      failed,
                           const char   *error,
                           const char   *note)
{
  gboolean was_failed = self->failed;

  self->failed = failed;
  g_free (self->told_error);
  self->told_error = g_strdup (error);
  if (was_failed || failed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  if (g_strcmp0 (self->note, note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
}

void
_yrs_form_field_set_visible (YrsFormField *self,
                             gboolean      visible)
{
  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

const YrsFieldSpec *
yrs_form_field_get_spec (YrsFormField *self)
{
  g_return_val_if_fail (YRS_IS_FORM_FIELD (self), NULL);

  return self->spec;
}

const char *
yrs_form_field_get_id (YrsFormField *self)
{
  g_return_val_if_fail (YRS_IS_FORM_FIELD (self), NULL);

  return self->spec->id;
}

const char *
yrs_form_field_get_value (YrsFormField *self)
{
  g_return_val_if_fail (YRS_IS_FORM_FIELD (self), NULL);

  if (self->flow == NULL)
    return NULL;
  return yrs_application_flow_get_value (self->flow, self->spec->id);
}

void
yrs_form_field_set_value (YrsFormField *self,
                          const char   *value)
{
  g_return_if_fail (YRS_IS_FORM_FIELD (self));

  if (self->flow != NULL)
    yrs_application_flow_set_value (self->flow, self->spec->id, value);
}

/* Computed when read, so that after a language switch the same problem
 * reads in the new language. */
const char *
yrs_form_field_get_error (YrsFormField *self)
{
  g_return_val_if_fail (YRS_IS_FORM_FIELD (self), NULL);

  g_clear_pointer (&self->error, g_free);
  if (!self->failed || self->flow == NULL)
    return NULL;
  if (self->told_error != NULL)
    self->error = g_strdup (self->told_error);
  else
    self->error = _yrs_application_flow_check_message (self->flow, self->spec);
  return self->error;
}

const char *
yrs_form_field_get_note (YrsFormField *self)
{
  g_return_val_if_fail (YRS_IS_FORM_FIELD (self), NULL);

  return self->note;
}

gboolean
yrs_form_field_get_visible (YrsFormField *self)
{
  g_return_val_if_fail (YRS_IS_FORM_FIELD (self), FALSE);

  return self->visible;
}
