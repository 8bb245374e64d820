/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-review-section"

#include "config.h"

#include "yrs-review-section.h"

struct _YrsReviewSection
{
  GObject     parent_instance;

  char       *title;
  GListStore *rows;
};

G_DEFINE_FINAL_TYPE (YrsReviewSection, yrs_review_section, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yrs_review_section_finalize (GObject *object)
{
  YrsReviewSection *self = YRS_REVIEW_SECTION (object);

  g_free (self->title);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (yrs_review_section_parent_class)->finalize (object);
}

static void
yrs_review_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsReviewSection *self = YRS_REVIEW_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ROWS:
      g_value_set_object (value, self->rows);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_review_section_class_init (YrsReviewSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_review_section_finalize;
  object_class->get_property = yrs_review_section_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_ROWS] = g_param_spec_object ("rows", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_review_section_init (YrsReviewSection *self)
{
  self->rows = g_list_store_new (YRS_TYPE_REVIEW_ROW);
}

YrsReviewSection *
yrs_review_section_new (const char *title)
{
  YrsReviewSection *self = g_object_new (YRS_TYPE_REVIEW_SECTION, NULL);

  self->title = g_strdup (title);
  return self;
}

const char *
yrs_review_section_get_title (YrsReviewSection *self)
{
  g_return_val_if_fail (YRS_IS_REVIEW_SECTION (self), NULL);
  return self->title;
}

GListModel *
yrs_review_section_get_rows (YrsReviewSection *self)
{
  g_return_val_if_fail (YRS_IS_REVIEW_SECTION (self), NULL);
  return G_LIST_MODEL (self->rows);
}

void
yrs_review_section_append (YrsReviewSection *self,
                           YrsReviewRow     *row)
{
  g_return_if_fail (YRS_IS_REVIEW_SECTION (self));
  g_list_store_append (self->rows, row);
}
