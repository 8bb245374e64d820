/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-submission"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-visit-private.h"

struct _YrsVisitSubmission
{
  GObject  parent_instance;

  char    *reference;
  char    *kind;
  char    *programme;
  char    *programme_label;
  char    *state;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (YrsVisitSubmission, yrs_visit_submission, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_KIND,
  PROP_PROGRAMME,
  PROP_PROGRAMME_LABEL,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
yrs_visit_submission_state_label (const char *state)
{
  if (state == NULL)
    return "";
  if (g_str_equal (state, "waiting_for_consultation"))
    return _("Waiting for the consultation");
  if (g_str_equal (state, "ready_to_pay"))
    return _("Ready to pay");
  if (g_str_equal (state, "declined"))
    return _("Declined");
  if (g_str_equal (state, "approved"))
    return _("Approved");
  if (g_str_equal (state, "pending"))
    return _("Waiting for approval");
  if (g_str_equal (state, "received"))
    return _("Received");
  if (g_str_equal (state, "paid"))
    return _("Paid");
  if (g_str_equal (state, "rejected"))
    return _("Not accepted");
  /* A state this version does not know: shown as the server names it. */
  return state;
}

static void
yrs_visit_submission_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  YrsVisitSubmission *self = YRS_VISIT_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_PROGRAMME:
      g_value_set_string (value, self->programme);
      break;
    case PROP_PROGRAMME_LABEL:
      g_value_set_string (value, self->programme_label != NULL ? self->programme_label : self->programme);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, yrs_visit_submission_get_state_label (self));
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_visit_submission_finalize (GObject *object)
{
  YrsVisitSubmission *self = YRS_VISIT_SUBMISSION (object);

  g_free (self->reference);
  g_free (self->kind);
  g_free (self->programme);
  g_free (self->programme_label);
  g_free (self->state);
  _yrs_visit_free_secret (self->reason);

  G_OBJECT_CLASS (yrs_visit_submission_parent_class)->finalize (object);
}

static void
yrs_visit_submission_class_init (YrsVisitSubmissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_visit_submission_get_property;
  object_class->finalize = yrs_visit_submission_finalize;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, RO);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, RO);
  properties[PROP_PROGRAMME] = g_param_spec_string ("programme", NULL, NULL, NULL, RO);
  properties[PROP_PROGRAMME_LABEL] = g_param_spec_string ("programme-label", NULL, NULL, NULL, RO);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, RO);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, RO);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_visit_submission_init (YrsVisitSubmission *self)
{
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

YrsVisitSubmission *
_yrs_visit_submission_new (JsonObject *submission,
                           YrsCatalog *catalog)
{
  YrsVisitSubmission *self = g_object_new (YRS_TYPE_VISIT_SUBMISSION, NULL);

  self->reference = dup_member (submission, "reference");
  self->kind = dup_member (submission, "kind");
  self->programme = dup_member (submission, "programme");
  self->state = dup_member (submission, "state");
  self->reason = dup_member (submission, "reason");
  if (catalog != NULL && self->programme != NULL)
    {
      const YrsProgramme *programme = yrs_catalog_lookup_programme (catalog, self->programme);

      if (programme != NULL)
        self->programme_label = g_strdup (yrs_programme_get_title (programme, yrs_i18n_get_lang ()));
    }
  return self;
}

const char *
yrs_visit_submission_get_reference (YrsVisitSubmission *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_SUBMISSION (self), NULL);
  return self->reference;
}

const char *
yrs_visit_submission_get_kind (YrsVisitSubmission *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_SUBMISSION (self), NULL);
  return self->kind;
}

const char *
yrs_visit_submission_get_programme (YrsVisitSubmission *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_SUBMISSION (self), NULL);
  return self->programme;
}

const char *
yrs_visit_submission_get_state (YrsVisitSubmission *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_SUBMISSION (self), NULL);
  return self->state;
}

const char *
yrs_visit_submission_get_reason (YrsVisitSubmission *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_SUBMISSION (self), NULL);
  return self->reason;
}

const char *
yrs_visit_submission_get_state_label (YrsVisitSubmission *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_SUBMISSION (self), NULL);
  return yrs_visit_submission_state_label (self->state);
}
