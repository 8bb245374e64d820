/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-review-row"

#include "config.h"

#include "yrs-review-row.h"

struct _YrsReviewRow
{
  GObject   parent_instance;

  char     *id;
  char     *label;
  char     *value;
};

G_DEFINE_FINAL_TYPE (YrsReviewRow, yrs_review_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_review_row_finalize (GObject *object)
{
  YrsReviewRow *self = YRS_REVIEW_ROW (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->value);

  G_OBJECT_CLASS (yrs_review_row_parent_class)->finalize (object);
}

static void
yrs_review_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsReviewRow *self = YRS_REVIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_review_row_class_init (YrsReviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_review_row_finalize;
  object_class->get_property = yrs_review_row_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_review_row_init (YrsReviewRow *self)
{
}

YrsReviewRow *
yrs_review_row_new (const char *id,
                    const char *label,
                    const char *value)
{
  YrsReviewRow *self = g_object_new (YRS_TYPE_REVIEW_ROW, NULL);

  self->id = g_strdup (id);
  self->label = g_strdup (label);
  self->value = g_strdup (value);
  return self;
}

const char *
yrs_review_row_get_id (YrsReviewRow *self)
{
  g_return_val_if_fail (YRS_IS_REVIEW_ROW (self), NULL);
  return self->id;
}

const char *
yrs_review_row_get_label (YrsReviewRow *self)
{
  g_return_val_if_fail (YRS_IS_REVIEW_ROW (self), NULL);
  return self->label;
}

const char *
yrs_review_row_get_value (YrsReviewRow *self)
{
  g_return_val_if_fail (YRS_IS_REVIEW_ROW (self), NULL);
  return self->value;
}

void
yrs_review_row_set_value (YrsReviewRow *self,
                          const char   *value)
{
  g_return_if_fail (YRS_IS_REVIEW_ROW (self));

  if (g_strcmp0 (self->value, value) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}
