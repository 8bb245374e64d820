/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-pending-registration"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-visit-private.h"

struct _YrsPendingRegistration
{
  GObject     parent_instance;

  char       *id;
  char       *reference;
  char       *ward;
  YrsCatalog *catalog;   /* nullable */
  char       *created_at;
  char       *state;
  char       *reason;
  JsonObject *declared;
};

G_DEFINE_FINAL_TYPE (YrsPendingRegistration, yrs_pending_registration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REFERENCE,
  PROP_WARD,
  PROP_CREATED_AT,
  PROP_DECLARED_SUMMARY,
  PROP_STATE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
yrs_pending_registration_dup_created_at (YrsPendingRegistration *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (YRS_IS_PENDING_REGISTRATION (self), NULL);

  if (self->created_at == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (self->created_at, NULL);
  if (utc == NULL)
    return g_strdup (self->created_at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* What the mother declared (the registration's fields), one line each. */
char *
yrs_pending_registration_dup_declared_summary (YrsPendingRegistration *self)
{
  static const struct { const char *member; const char *label; } strings[] = {
    { "name", N_("Full name") },
    { "name_kana", N_("Full name in katakana (フリガナ)") },
    { "phone", N_("Phone number") },
    { "birth_on", N_("Date of birth") },
    { "due_on", N_("Due date") },
    { "child_born_on", N_("Child's date of birth") },
    { "ward", N_("Ward") },
  };
  static const struct { const char *member; const char *label; } flags[] = {
    { "tax_exempt", N_("Resident tax exempt household") },
    { "public_assistance", N_("Receives public assistance") },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (YRS_IS_PENDING_REGISTRATION (self), NULL);

  if (self->declared == NULL)
    return g_strdup ("");
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *value = json_object_get_string_member_with_default (self->declared, strings[i].member, NULL);

      if (value == NULL || *value == '\0')
        continue;
      /* The ward by its name, not the catalogue's id ("chuo"). */
      if (g_str_equal (strings[i].member, "ward") && self->catalog != NULL)
        {
          const YrsWard *ward = yrs_catalog_lookup_ward (self->catalog, value);

          if (ward != NULL)
            value = yrs_ward_get_name (ward, yrs_i18n_get_lang ());
        }
      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: one line of what a mother declared: "Label: value" */
      g_string_append_printf (out, _("%s: %s"), _(strings[i].label), value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      if (!json_object_has_member (self->declared, flags[i].member))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, _("%s: %s"), _(flags[i].label),
                              json_object_get_boolean_member_with_default (self->declared, flags[i].member, FALSE)
                              ? C_("answer", "Yes") : C_("answer", "No"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
yrs_pending_registration_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  YrsPendingRegistration *self = YRS_PENDING_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_WARD:
      g_value_set_string (value, self->ward);
      break;
    case PROP_CREATED_AT:
      g_value_take_string (value, yrs_pending_registration_dup_created_at (self));
      break;
    case PROP_DECLARED_SUMMARY:
      g_value_take_string (value, yrs_pending_registration_dup_declared_summary (self));
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_pending_registration_finalize (GObject *object)
{
  YrsPendingRegistration *self = YRS_PENDING_REGISTRATION (object);

  g_free (self->id);
  g_free (self->reference);
  g_free (self->ward);
  g_clear_object (&self->catalog);
  g_free (self->created_at);
  g_free (self->state);
  _yrs_visit_free_secret (self->reason);
  g_clear_pointer (&self->declared, json_object_unref);

  G_OBJECT_CLASS (yrs_pending_registration_parent_class)->finalize (object);
}

static void
yrs_pending_registration_class_init (YrsPendingRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_pending_registration_get_property;
  object_class->finalize = yrs_pending_registration_finalize;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, RO);
  properties[PROP_WARD] = g_param_spec_string ("ward", NULL, NULL, NULL, RO);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, RO);
  properties[PROP_DECLARED_SUMMARY] = g_param_spec_string ("declared-summary", NULL, NULL, NULL, RO);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, RO);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_pending_registration_init (YrsPendingRegistration *self)
{
}

YrsPendingRegistration *
_yrs_pending_registration_new (JsonObject *registration,
                               YrsCatalog *catalog)
{
  YrsPendingRegistration *self = g_object_new (YRS_TYPE_PENDING_REGISTRATION, NULL);
  JsonNode *declared = json_object_get_member (registration, "declared");

#define DUP(m) g_strdup (json_object_get_string_member_with_default (registration, m, NULL))
  self->id = DUP ("id");
  self->reference = DUP ("reference");
  self->ward = DUP ("ward");
  self->created_at = DUP ("created_at");
  self->state = DUP ("state");
  self->reason = DUP ("reason");
#undef DUP
  if (catalog != NULL)
    self->catalog = g_object_ref (catalog);
  if (declared != NULL && JSON_NODE_HOLDS_OBJECT (declared))
    self->declared = json_object_ref (json_node_get_object (declared));
  return self;
}

void
_yrs_pending_registration_set_state (YrsPendingRegistration *self,
                                     const char             *state,
                                     const char             *reason)
{
  g_return_if_fail (YRS_IS_PENDING_REGISTRATION (self));

  if (g_strcmp0 (self->state, state) != 0)
    {
      g_free (self->state);
      self->state = g_strdup (state);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->reason, reason) != 0)
    {
      _yrs_visit_free_secret (self->reason);
      self->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
}

#define GETTER(field) \
const char * \
yrs_pending_registration_get_##field (YrsPendingRegistration *self) \
{ \
  g_return_val_if_fail (YRS_IS_PENDING_REGISTRATION (self), NULL); \
  return self->field; \
}

GETTER (id)
GETTER (reference)
GETTER (ward)
GETTER (state)
GETTER (reason)
#undef GETTER
