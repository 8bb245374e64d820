/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The programme catalogue: loading, validation and read access.
 *
 * The loader keeps the parsed JSON tree alive and borrows every string from
 * it, so the views (YrsProgramme, YrsQuestion…) cost no copies. Validation
 * is strict and names the JSON path of the first problem: a catalogue that
 * loads is one the eligibility formulas can rely on without further
 * checks (every parameter a formula reads exists with the right type,
 * every question it reads is defined, steps are in order, money is never
 * negative, every text has both languages). */

#define G_LOG_DOMAIN "yrs-catalog"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <string.h>

#include "yrs-catalog-private.h"
#include "yrs-rules-private.h"
#include "yrs-core-resources.h"

#define DEFAULT_CATALOG_RESOURCE "/org/yorisoi/Yorisoi/core/catalog/kobe-2025.json"
#define MAX_JSON_DEPTH 32
#define MAX_CATALOG_BYTES (8 * 1024 * 1024)
#define MAX_YEN 10000000

G_DEFINE_QUARK (yrs-catalog-error-quark, yrs_catalog_error)

struct _YrsCatalog
{
  GObject       parent_instance;

  GBytes       *bytes;
  JsonNode     *root;
  char         *etag;

  const char   *id;
  const char   *version;
  const char   *source;   /* NULL when the document has none */
  YrsText       title;

  guint         n_programmes;
  YrsProgramme *programmes;
  guint         n_questions;
  YrsQuestion  *questions;
  guint         n_facilities;
  YrsFacility  *facilities;
  guint         n_wards;
  YrsWard      *wards;
};

G_DEFINE_FINAL_TYPE (YrsCatalog, yrs_catalog, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_ETAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* The formulas' needs (see yrs-eligibility.c, which implements them). */

#define Q_RESIDENT   { "residence.in_city", YRS_QUESTION_BOOL, { NULL } }
#define Q_STATUS     { "pregnancy.status", YRS_QUESTION_ENUM, { "pregnant", "born", "loss", "none", NULL } }
#define Q_NOTIFIED   { "pregnancy.notified_on", YRS_QUESTION_DATE, { NULL } }
#define Q_FETUSES    { "pregnancy.fetuses", YRS_QUESTION_INT, { NULL } }
#define Q_BORN       { "birth.born_on", YRS_QUESTION_DATE, { NULL } }
#define Q_CHILDREN   { "birth.children", YRS_QUESTION_INT, { NULL } }
#define Q_LOSS_ON    { "loss.on", YRS_QUESTION_DATE, { NULL } }
#define Q_LOSS_FET   { "loss.fetuses", YRS_QUESTION_INT, { NULL } }
#define Q_LOSS_NOTIF { "loss.notified_before", YRS_QUESTION_BOOL, { NULL } }
#define Q_NEED       { "need.declared", YRS_QUESTION_BOOL, { NULL } }
#define Q_PA         { "household.public_assistance", YRS_QUESTION_BOOL, { NULL } }
#define Q_EXEMPT     { "household.tax_exempt", YRS_QUESTION_BOOL, { NULL } }
#define Q_KIND       { "care.kind", YRS_QUESTION_ENUM, { "stay", "day", "visit", NULL } }
#define Q_FACILITY   { "care.facility", YRS_QUESTION_ENUM, { NULL } }
#define Q_INFECTIOUS { "health.infectious_today", YRS_QUESTION_BOOL, { NULL } }
#define Q_END        { NULL, 0, { NULL } }

static const YrsRuleParam payment_common_params[] = {
  { "scheme_open", YRS_VALUE_BOOL, TRUE, 0 },
  { "covers_events", YRS_VALUE_BOOL, TRUE, 0 },
  { "covers_loss", YRS_VALUE_BOOL, TRUE, 0 },
  { "amount_yen", YRS_VALUE_INT, TRUE, MAX_YEN },
  { "interview_8_months", YRS_VALUE_BOOL, FALSE, 0 },
  { NULL, 0, FALSE, 0 },
};

static const YrsRuleQuestion pregnancy_payment_questions[] = {
  Q_RESIDENT, Q_STATUS, Q_NOTIFIED, Q_BORN, Q_LOSS_ON, Q_LOSS_NOTIF, Q_END,
};

static const YrsRuleParam birth_payment_params[] = {
  { "scheme_open", YRS_VALUE_BOOL, TRUE, 0 },
  { "covers_events", YRS_VALUE_BOOL, TRUE, 0 },
  { "covers_loss", YRS_VALUE_BOOL, TRUE, 0 },
  { "amount_per_child_yen", YRS_VALUE_INT, TRUE, MAX_YEN },
  { NULL, 0, FALSE, 0 },
};

static const YrsRuleQuestion birth_payment_questions[] = {
  Q_RESIDENT, Q_STATUS, Q_BORN, Q_CHILDREN, Q_LOSS_ON, Q_LOSS_FET, Q_END,
};

static const YrsRuleParam postpartum_care_params[] = {
  { "kind_stay", YRS_VALUE_BOOL, TRUE, 0 },
  { "kind_day", YRS_VALUE_BOOL, TRUE, 0 },
  { "kind_visit", YRS_VALUE_BOOL, TRUE, 0 },
  { "child_age_limit_years", YRS_VALUE_INT, TRUE, 20 },
  { "facility_choice_after_months", YRS_VALUE_INT, TRUE, 240 },
  { "reduction_all_yen", YRS_VALUE_INT, TRUE, MAX_YEN },
  { "reduction_tax_exempt_yen", YRS_VALUE_INT, TRUE, MAX_YEN },
  { "reduction_public_assistance_yen", YRS_VALUE_INT, TRUE, MAX_YEN },
  { "visit_charge_yen", YRS_VALUE_INT, FALSE, MAX_YEN },
  { "visit_charge_exempt_yen", YRS_VALUE_INT, FALSE, MAX_YEN },
  { "visit_max_visits", YRS_VALUE_INT, FALSE, 1000 },
  { "visit_max_minutes", YRS_VALUE_INT, FALSE, 1440 },
  { "registration_required", YRS_VALUE_BOOL, FALSE, 0 },
  { "registration_from_pregnancy_month", YRS_VALUE_INT, FALSE, 10 },
  /* Bookings not yet begun that one registration may hold (the server's
   * limit; none when absent). */
  { "max_active_bookings", YRS_VALUE_INT, FALSE, 1000 },
  { NULL, 0, FALSE, 0 },
};

static const YrsRuleQuestion postpartum_care_questions[] = {
  Q_RESIDENT, Q_STATUS, Q_BORN, Q_NEED, Q_PA, Q_EXEMPT, Q_KIND, Q_FACILITY,
  Q_INFECTIOUS, Q_END,
};

static const YrsRuleParam home_help_params[] = {
  { "child_age_limit_years", YRS_VALUE_INT, TRUE, 20 },
  { "max_visits", YRS_VALUE_INT, TRUE, 1000 },
  { "fee_yen", YRS_VALUE_INT, TRUE, MAX_YEN },
  { "multiple_birth_extra_visits", YRS_VALUE_INT, FALSE, 1000 },
  { "fee_tax_exempt_yen", YRS_VALUE_INT, FALSE, MAX_YEN },
  { "fee_public_assistance_yen", YRS_VALUE_INT, FALSE, MAX_YEN },
  { NULL, 0, FALSE, 0 },
};

static const YrsRuleQuestion home_help_questions[] = {
  Q_RESIDENT, Q_STATUS, Q_BORN, Q_CHILDREN, Q_NEED, Q_PA, Q_EXEMPT, Q_END,
};

static const YrsRuleParam stage_params[] = {
  { "while_pregnant", YRS_VALUE_BOOL, FALSE, 0 },
  { "after_birth_months", YRS_VALUE_INT, FALSE, 240 },
  { "after_loss", YRS_VALUE_BOOL, FALSE, 0 },
  { "when_planning", YRS_VALUE_BOOL, FALSE, 0 },
  { "on_request", YRS_VALUE_BOOL, FALSE, 0 },
  { "low_income_only", YRS_VALUE_BOOL, FALSE, 0 },
  { "multiple_only", YRS_VALUE_BOOL, FALSE, 0 },
  { "multiple_extra", YRS_VALUE_BOOL, FALSE, 0 },
  { "as_assessed", YRS_VALUE_BOOL, FALSE, 0 },
  { NULL, 0, FALSE, 0 },
};

static const YrsRuleQuestion stage_questions[] = {
  Q_RESIDENT, Q_STATUS, Q_BORN, Q_FETUSES, Q_CHILDREN, Q_PA, Q_EXEMPT, Q_END,
};

static const YrsRuleParam no_params[] = {
  { NULL, 0, FALSE, 0 },
};

static const YrsRuleQuestion checkup_questions[] = {
  Q_RESIDENT, Q_STATUS, Q_BORN, Q_END,
};

static const YrsRuleQuestion no_questions[] = {
  Q_END,
};

static const YrsRule rules[] = {
  { "pregnancy_payment", payment_common_params, pregnancy_payment_questions, FALSE },
  { "birth_payment", birth_payment_params, birth_payment_questions, FALSE },
  { "postpartum_care", postpartum_care_params, postpartum_care_questions, FALSE },
  { "home_help", home_help_params, home_help_questions, FALSE },
  { "stage", stage_params, stage_questions, FALSE },
  { "infant_checkups", no_params, checkup_questions, TRUE },
  { "always", no_params, no_questions, FALSE },
};

const YrsRule *
_yrs_rule_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].name, name) == 0)
      return &rules[i];
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Validation helpers. Each takes the JSON path of the node it checks. */

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError    **error,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_INVALID,
               "%s: %s", path, reason);
  return FALSE;
}

static gboolean
is_identifier (const char *text,
               gboolean    allow_dots)
{
  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-')
        continue;
      if (allow_dots && *p == '.')
        continue;
      return FALSE;
    }
  return TRUE;
}

/* Every member of `object` must be in `allowed` (NULL-terminated). */
static gboolean
check_members (JsonObject         *object,
               const char         *path,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *member_path = g_strdup_printf ("%s.%s", path, (const char *) l->data);

        return fail (error, member_path, "unknown member");
      }
  return TRUE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  return json_object_get_member (object, name);
}

static gboolean
get_object (JsonObject  *parent,
            const char  *name,
            const char  *path,
            gboolean     required,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node = get_member (parent, name);
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);

  *out = NULL;
  if (node == NULL)
    return required ? fail (error, member_path, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, member_path, "expected an object");
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (JsonObject  *parent,
           const char  *name,
           const char  *path,
           gboolean     required,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = get_member (parent, name);
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);

  *out = NULL;
  if (node == NULL)
    return required ? fail (error, member_path, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, member_path, "expected an array");
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_string (JsonObject  *parent,
            const char  *name,
            const char  *path,
            gboolean     required,
            gboolean     non_empty,
            const char **out,
            GError     **error)
{
  JsonNode *node = get_member (parent, name);
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);

  *out = NULL;
  if (node == NULL)
    return required ? fail (error, member_path, "missing") : TRUE;
  if (JSON_NODE_HOLDS_NULL (node) && !required)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, member_path, "expected a string");
  *out = json_node_get_string (node);
  if (non_empty && **out == '\0')
    return fail (error, member_path, "empty");
  return TRUE;
}

static gboolean
get_bool (JsonObject *parent,
          const char *name,
          const char *path,
          gboolean    required,
          gboolean   *out,
          GError    **error)
{
  JsonNode *node = get_member (parent, name);
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);

  *out = FALSE;
  if (node == NULL)
    return required ? fail (error, member_path, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, member_path, "expected true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_int (JsonObject *parent,
         const char *name,
         const char *path,
         gboolean    required,
         gint64      min,
         gint64      max,
         gint64     *out,
         GError    **error)
{
  JsonNode *node = get_member (parent, name);
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  gint64 value;

  if (node == NULL)
    return required ? fail (error, member_path, "missing") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, member_path, "expected an integer");
  value = json_node_get_int (node);
  if (value < min && g_str_has_suffix (name, "_yen"))
    return fail (error, member_path, "negative money");
  if (value < min || value > max)
    return fail (error, member_path, "out of range (%" G_GINT64_FORMAT "…%" G_GINT64_FORMAT ")", min, max);
  *out = value;
  return TRUE;
}

/* {"ja": "...", "en": "..."}: both required; empty allowed when
 * `allow_empty`. */
static gboolean
get_text (JsonObject *parent,
          const char *name,
          const char *path,
          gboolean    allow_empty,
          YrsText     out,
          GError    **error)
{
  static const char * const langs[] = { "ja", "en", NULL };
  g_autofree char *text_path = g_strdup_printf ("%s.%s", path, name);
  JsonObject *object;

  if (!get_object (parent, name, path, TRUE, &object, error))
    return FALSE;
  if (!check_members (object, text_path, langs, error))
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *node = get_member (object, langs[i]);
      g_autofree char *lang_path = g_strdup_printf ("%s.%s", text_path, langs[i]);

      if (node == NULL)
        return fail (error, lang_path, "missing translation");
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, lang_path, "expected a string");
      out[i] = json_node_get_string (node);
      if (!allow_empty && *out[i] == '\0')
        return fail (error, lang_path, "missing translation");
    }
  return TRUE;
}

static gboolean
parse_date_member (JsonObject *object,
                   const char *name,
                   const char *path,
                   YrsDate    *out,
                   GError    **error)
{
  const char *text;
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);

  if (!get_string (object, name, path, TRUE, TRUE, &text, error))
    return FALSE;
  if (strlen (text) != 10 || !yrs_date_parse_iso (text, out, NULL))
    return fail (error, member_path, "not a date (YYYY-MM-DD)");
  return TRUE;
}

/* Steps of one parameter: [{"from": ..., "value": ...}, ...]. `type` is
 * the expected value type, or YRS_VALUE_NONE to accept bool or int
 * (the same in every step). */
static gboolean
parse_steps (JsonNode     *node,
             const char   *path,
             const char   *name,
             YrsValueType  type,
             gint64        max,
             YrsParam     *param,
             GError      **error)
{
  static const char * const step_members[] = { "from", "value", "sample", "note", NULL };
  JsonArray *array;
  guint n;

  param->name = name;   /* interned once the whole catalogue is valid */
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, path, "expected an array of steps");
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return fail (error, path, "no steps");

  param->n_steps = n;
  param->steps = g_new0 (YrsStep, n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *step_node = json_array_get_element (array, i);
      g_autofree char *step_path = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *value_path = g_strdup_printf ("%s.value", step_path);
      YrsStep *step = &param->steps[i];
      JsonObject *object;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (step_node))
        return fail (error, step_path, "expected a step {\"from\", \"value\"}");
      object = json_node_get_object (step_node);
      if (!check_members (object, step_path, step_members, error))
        return FALSE;
      if (!parse_date_member (object, "from", step_path, &step->from, error))
        return FALSE;
      if (i > 0)
        {
          int order = yrs_date_compare (param->steps[i - 1].from, step->from);
          g_autofree char *from_path = g_strdup_printf ("%s.from", step_path);

          if (order > 0)
            return fail (error, from_path, "steps out of order");
          if (order == 0)
            return fail (error, from_path, "overlapping steps (two steps from the same day)");
        }
      if (!get_bool (object, "sample", step_path, FALSE, &step->sample, error))
        return FALSE;

      value = get_member (object, "value");
      if (value == NULL)
        return fail (error, value_path, "missing");
      if (JSON_NODE_HOLDS_NULL (value))
        {
          if (i == 0)
            return fail (error, value_path, "a parameter cannot start with null");
          step->value.type = YRS_VALUE_NONE;
          continue;
        }
      if (!JSON_NODE_HOLDS_VALUE (value))
        return fail (error, value_path, "expected an integer, true, false or null");

      switch (json_node_get_value_type (value))
        {
        case G_TYPE_BOOLEAN:
          step->value.type = YRS_VALUE_BOOL;
          step->value.b = json_node_get_boolean (value);
          break;
        case G_TYPE_INT64:
          step->value.type = YRS_VALUE_INT;
          step->value.i = json_node_get_int (value);
          if (step->value.i < 0)
            return fail (error, value_path, g_str_has_suffix (name, "_yen") ? "negative money" : "negative value");
          if (type == YRS_VALUE_INT && step->value.i > max)
            return fail (error, value_path, "out of range (0…%" G_GINT64_FORMAT ")", max);
          break;
        default:
          return fail (error, value_path, "expected an integer, true, false or null");
        }

      if (type != YRS_VALUE_NONE && step->value.type != type)
        return fail (error, value_path, type == YRS_VALUE_INT ? "expected an integer" : "expected true or false");
      type = step->value.type;
    }
  return TRUE;
}

static void
param_clear (YrsParam *param)
{
  g_clear_pointer (&param->steps, g_free);
  param->n_steps = 0;
}

/* ------------------------------------------------------------------ */

static void
yrs_catalog_finalize (GObject *object)
{
  YrsCatalog *self = (YrsCatalog *) object;

  for (guint i = 0; i < self->n_programmes; i++)
    {
      YrsProgramme *p = &self->programmes[i];

      for (guint j = 0; j < p->n_params; j++)
        param_clear (&p->params[j]);
      for (guint j = 0; j < p->n_checkups; j++)
        param_clear (&p->checkups[j].offered);
      g_free (p->params);
      g_free (p->checkups);
      g_free (p->bring);
    }
  g_free (self->programmes);

  for (guint i = 0; i < self->n_questions; i++)
    {
      g_free (self->questions[i].options);
      g_free (self->questions[i].programmes);
    }
  g_free (self->questions);
  g_free (self->facilities);
  for (guint i = 0; i < self->n_wards; i++)
    g_free (self->wards[i].postal_prefixes);
  g_free (self->wards);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->etag, g_free);

  G_OBJECT_CLASS (yrs_catalog_parent_class)->finalize (object);
}

static void
yrs_catalog_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YrsCatalog *self = YRS_CATALOG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_catalog_class_init (YrsCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_catalog_finalize;
  object_class->get_property = yrs_catalog_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_catalog_init (YrsCatalog *self)
{
}

/* ------------------------------------------------------------------ */
/* Parsing of each section. */

static gboolean
parse_checkups (YrsProgramme *programme,
                JsonArray    *array,
                const char   *path,
                GError      **error)
{
  static const char * const members[] = {
    "id", "title", "from_months", "until_months", "statutory", "subsidy_yen",
    "sample", "offered", "note", NULL,
  };
  guint n = json_array_get_length (array);

  if (n == 0)
    return fail (error, path, "no check-ups");

  programme->n_checkups = n;
  programme->checkups = g_new0 (YrsCheckup, n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      YrsCheckup *checkup = &programme->checkups[i];
      JsonObject *object;
      JsonNode *offered;
      gint64 from_months = 0, until_months = 0;

      checkup->subsidy_yen = -1;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, item_path, "expected an object");
      object = json_node_get_object (node);
      if (!check_members (object, item_path, members, error) ||
          !get_string (object, "id", item_path, TRUE, TRUE, &checkup->id, error) ||
          !get_text (object, "title", item_path, FALSE, checkup->title, error) ||
          !get_int (object, "from_months", item_path, TRUE, 0, 240, &from_months, error) ||
          !get_int (object, "until_months", item_path, TRUE, 1, 240, &until_months, error) ||
          !get_bool (object, "statutory", item_path, FALSE, &checkup->statutory, error) ||
          !get_int (object, "subsidy_yen", item_path, FALSE, 0, MAX_YEN, &checkup->subsidy_yen, error) ||
          !get_bool (object, "sample", item_path, FALSE, &checkup->subsidy_sample, error))
        return FALSE;
      if (!is_identifier (checkup->id, FALSE))
        {
          g_autofree char *id_path = g_strdup_printf ("%s.id", item_path);
          return fail (error, id_path, "not an identifier (a-z, 0-9, _)");
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (programme->checkups[j].id, checkup->id))
          {
            g_autofree char *id_path = g_strdup_printf ("%s.id", item_path);
            return fail (error, id_path, "duplicate check-up ID “%s”", checkup->id);
          }
      if (until_months <= from_months)
        {
          g_autofree char *until_path = g_strdup_printf ("%s.until_months", item_path);
          return fail (error, until_path, "must be after from_months");
        }
      if (i > 0 && from_months < programme->checkups[i - 1].from_months)
        {
          g_autofree char *from_path = g_strdup_printf ("%s.from_months", item_path);
          return fail (error, from_path, "check-ups out of order");
        }
      checkup->from_months = (int) from_months;
      checkup->until_months = (int) until_months;

      offered = get_member (object, "offered");
      if (offered != NULL)
        {
          g_autofree char *offered_path = g_strdup_printf ("%s.offered", item_path);

          if (!parse_steps (offered, offered_path, "offered", YRS_VALUE_BOOL, 0, &checkup->offered, error))
            return FALSE;
          for (guint s = 0; s < checkup->offered.n_steps; s++)
            checkup->subsidy_sample |= checkup->offered.steps[s].sample;
        }
    }
  return TRUE;
}

static gboolean
parse_programme (YrsProgramme *programme,
                 JsonObject   *object,
                 const char   *path,
                 GError      **error)
{
  static const char * const members[] = {
    "id", "kind", "rule", "applyable", "form", "residents_only", "sample",
    "show_first_after_loss", "title", "summary", "description", "source",
    "params", "checkups", "bring", "note", NULL,
  };
  static const char * const source_members[] = { "ref", "url", NULL };
  static const char * const bring_members[] = { "text", "sample", "note", NULL };
  static const char * const kinds[] = { "payment", "service", "info", "referral", NULL };
  g_autofree char *source_path = g_strdup_printf ("%s.source", path);
  g_autofree char *params_path = g_strdup_printf ("%s.params", path);
  const char *kind, *rule_name;
  const YrsRule *rule;
  JsonObject *source, *params;
  JsonArray *checkups, *bring;
  g_autoptr(GList) names = NULL;
  guint i;

  if (!check_members (object, path, members, error) ||
      !get_string (object, "id", path, TRUE, TRUE, &programme->id, error) ||
      !get_string (object, "kind", path, TRUE, TRUE, &kind, error) ||
      !get_string (object, "rule", path, TRUE, TRUE, &rule_name, error) ||
      !get_bool (object, "applyable", path, FALSE, &programme->applyable, error) ||
      !get_string (object, "form", path, FALSE, TRUE, &programme->form, error) ||
      !get_bool (object, "residents_only", path, TRUE, &programme->residents_only, error) ||
      !get_bool (object, "sample", path, FALSE, &programme->sample, error) ||
      !get_bool (object, "show_first_after_loss", path, FALSE, &programme->show_first_after_loss, error) ||
      !get_text (object, "title", path, FALSE, programme->title, error) ||
      !get_text (object, "summary", path, FALSE, programme->summary, error) ||
      !get_text (object, "description", path, FALSE, programme->description, error) ||
      !get_object (object, "source", path, TRUE, &source, error) ||
      !check_members (source, source_path, source_members, error) ||
      !get_string (source, "ref", source_path, TRUE, TRUE, &programme->source_ref, error) ||
      !get_string (source, "url", source_path, FALSE, TRUE, &programme->source_url, error) ||
      !get_object (object, "params", path, TRUE, &params, error) ||
      !get_array (object, "checkups", path, FALSE, &checkups, error) ||
      !get_array (object, "bring", path, FALSE, &bring, error))
    return FALSE;

  /* What to bring to apply: {"text": {ja, en}, "sample": bool}. */
  programme->n_bring = bring != NULL ? json_array_get_length (bring) : 0;
  programme->bring = g_new0 (YrsBringItem, MAX (programme->n_bring, 1));
  for (i = 0; i < programme->n_bring; i++)
    {
      JsonNode *node = json_array_get_element (bring, i);
      g_autofree char *item_path = g_strdup_printf ("%s.bring[%u]", path, i);
      const char *note;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, item_path, "expected an object");
      if (!check_members (json_node_get_object (node), item_path, bring_members, error) ||
          !get_text (json_node_get_object (node), "text", item_path, FALSE, programme->bring[i].text, error) ||
          !get_bool (json_node_get_object (node), "sample", item_path, FALSE, &programme->bring[i].sample, error) ||
          !get_string (json_node_get_object (node), "note", item_path, FALSE, TRUE, &note, error))
        return FALSE;
    }

  if (!is_identifier (programme->id, FALSE))
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);
      return fail (error, id_path, "not an identifier (a-z, 0-9, _)");
    }

  for (i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      break;
  if (kinds[i] == NULL)
    {
      g_autofree char *kind_path = g_strdup_printf ("%s.kind", path);
      return fail (error, kind_path, "unknown kind “%s” (payment, service, info, referral)", kind);
    }
  programme->kind = (YrsProgrammeKind) i;

  rule = _yrs_rule_lookup (rule_name);
  if (rule == NULL)
    {
      g_autofree char *rule_path = g_strdup_printf ("%s.rule", path);
      return fail (error, rule_path, "unknown rule “%s”", rule_name);
    }
  programme->rule = g_intern_string (rule->name);

  if (programme->applyable && programme->form == NULL)
    {
      g_autofree char *form_path = g_strdup_printf ("%s.form", path);
      return fail (error, form_path, "missing (an applyable programme names its form)");
    }
  if (programme->source_url != NULL && !g_str_has_prefix (programme->source_url, "https://"))
    {
      g_autofree char *url_path = g_strdup_printf ("%s.url", source_path);
      return fail (error, url_path, "not an https:// address");
    }

  /* Parameters: only those the rule knows, with its types. */
  names = json_object_get_members (params);
  programme->n_params = g_list_length (names);
  programme->params = g_new0 (YrsParam, MAX (programme->n_params, 1));
  i = 0;
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      const char *name = l->data;
      g_autofree char *param_path = g_strdup_printf ("%s.%s", params_path, name);
      const YrsRuleParam *rp = NULL;

      for (const YrsRuleParam *p = rule->params; p->name != NULL; p++)
        if (g_str_equal (p->name, name))
          rp = p;
      if (rp == NULL)
        return fail (error, param_path, "unknown parameter for rule “%s”", rule->name);
      if (!parse_steps (json_object_get_member (params, name), param_path, name,
                        rp->type, rp->max, &programme->params[i], error))
        return FALSE;
      for (guint s = 0; s < programme->params[i].n_steps; s++)
        programme->sample |= programme->params[i].steps[s].sample;
    }
  for (const YrsRuleParam *p = rule->params; p->name != NULL; p++)
    if (p->required && yrs_programme_get_param (programme, p->name) == NULL)
      return fail (error, params_path, "missing parameter “%s” (rule “%s” needs it)", p->name, rule->name);

  if (rule->checkups)
    {
      g_autofree char *checkups_path = g_strdup_printf ("%s.checkups", path);

      if (checkups == NULL)
        return fail (error, checkups_path, "missing (rule “%s” needs it)", rule->name);
      if (!parse_checkups (programme, checkups, checkups_path, error))
        return FALSE;
    }
  else if (checkups != NULL)
    {
      g_autofree char *checkups_path = g_strdup_printf ("%s.checkups", path);
      return fail (error, checkups_path, "only the infant_checkups rule has check-ups");
    }

  return TRUE;
}

static gboolean
parse_question (YrsCatalog  *self,
                YrsQuestion *question,
                JsonObject  *object,
                const char  *path,
                GError     **error)
{
  static const char * const members[] = {
    "id", "type", "stage", "text", "help", "min", "max", "options",
    "options_from", "programmes", "note", NULL,
  };
  static const char * const types[] = { "bool", "date", "int", "enum", NULL };
  g_autofree char *options_path = g_strdup_printf ("%s.options", path);
  g_autofree char *programmes_path = g_strdup_printf ("%s.programmes", path);
  const char *type, *stage = NULL, *options_from = NULL;
  JsonArray *options, *programmes;
  guint i, n;

  question->min = 0;
  question->max = 99;
  if (!check_members (object, path, members, error) ||
      !get_string (object, "id", path, TRUE, TRUE, &question->id, error) ||
      !get_string (object, "type", path, TRUE, TRUE, &type, error) ||
      !get_string (object, "stage", path, FALSE, TRUE, &stage, error) ||
      !get_text (object, "text", path, FALSE, question->text, error) ||
      !get_text (object, "help", path, TRUE, question->help, error) ||
      !get_int (object, "min", path, FALSE, 0, 999999, &question->min, error) ||
      !get_int (object, "max", path, FALSE, 0, 999999, &question->max, error) ||
      !get_array (object, "options", path, FALSE, &options, error) ||
      !get_string (object, "options_from", path, FALSE, TRUE, &options_from, error) ||
      !get_array (object, "programmes", path, TRUE, &programmes, error))
    return FALSE;

  if (!is_identifier (question->id, TRUE) || strchr (question->id, '.') == NULL)
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);
      return fail (error, id_path, "not a question ID (“topic.name”)");
    }

  for (i = 0; types[i] != NULL; i++)
    if (g_str_equal (types[i], type))
      break;
  if (types[i] == NULL)
    {
      g_autofree char *type_path = g_strdup_printf ("%s.type", path);
      return fail (error, type_path, "unknown type “%s” (bool, date, int, enum)", type);
    }
  question->type = (YrsQuestionType) i;

  if (stage == NULL || g_str_equal (stage, "check"))
    question->stage = YRS_QUESTION_STAGE_CHECK;
  else if (g_str_equal (stage, "booking"))
    question->stage = YRS_QUESTION_STAGE_BOOKING;
  else
    {
      g_autofree char *stage_path = g_strdup_printf ("%s.stage", path);
      return fail (error, stage_path, "unknown stage “%s” (check, booking)", stage);
    }

  if (question->min > question->max)
    {
      g_autofree char *max_path = g_strdup_printf ("%s.max", path);
      return fail (error, max_path, "less than min");
    }

  if (question->type == YRS_QUESTION_ENUM)
    {
      if (options_from != NULL)
        {
          if (!g_str_equal (options_from, "facilities"))
            {
              g_autofree char *from_path = g_strdup_printf ("%s.options_from", path);
              return fail (error, from_path, "unknown source “%s” (facilities)", options_from);
            }
          if (options != NULL)
            return fail (error, options_path, "not allowed with options_from");
          /* Filled once the facilities are known. */
          question->n_options = 0;
          question->options = NULL;
          question->max = -1;  /* marks "from facilities" until then */
        }
      else
        {
          if (options == NULL || json_array_get_length (options) == 0)
            return fail (error, options_path, "an enum question needs options");
          n = json_array_get_length (options);
          question->n_options = n;
          question->options = g_new0 (YrsOption, n);
          for (i = 0; i < n; i++)
            {
              static const char * const option_members[] = { "value", "label", NULL };
              JsonNode *node = json_array_get_element (options, i);
              g_autofree char *option_path = g_strdup_printf ("%s[%u]", options_path, i);
              YrsOption *option = &question->options[i];
              JsonObject *option_object;

              if (!JSON_NODE_HOLDS_OBJECT (node))
                return fail (error, option_path, "expected {\"value\", \"label\"}");
              option_object = json_node_get_object (node);
              if (!check_members (option_object, option_path, option_members, error) ||
                  !get_string (option_object, "value", option_path, TRUE, TRUE, &option->value, error) ||
                  !get_text (option_object, "label", option_path, FALSE, option->label, error))
                return FALSE;
              for (guint j = 0; j < i; j++)
                if (g_str_equal (question->options[j].value, option->value))
                  {
                    g_autofree char *value_path = g_strdup_printf ("%s.value", option_path);
                    return fail (error, value_path, "duplicate option “%s”", option->value);
                  }
            }
        }
    }
  else if (options != NULL || options_from != NULL)
    return fail (error, options_path, "only enum questions have options");

  n = json_array_get_length (programmes);
  question->programmes = g_new0 (const char *, n + 1);
  for (i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (programmes, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", programmes_path, i);
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, item_path, "expected a programme ID");
      id = json_node_get_string (node);
      if (yrs_catalog_lookup_programme (self, id) == NULL)
        return fail (error, item_path, "unknown programme ID “%s”", id);
      question->programmes[i] = id;
    }
  return TRUE;
}

static gboolean
parse_ward (YrsWard    *ward,
            JsonObject *object,
            const char *path,
            GError    **error)
{
  static const char * const members[] = { "id", "name", "address", "postal_prefixes", NULL };
  g_autofree char *prefixes_path = g_strdup_printf ("%s.postal_prefixes", path);
  JsonArray *prefixes;
  guint n;

  if (!check_members (object, path, members, error) ||
      !get_string (object, "id", path, TRUE, TRUE, &ward->id, error) ||
      !get_text (object, "name", path, FALSE, ward->name, error) ||
      !get_text (object, "address", path, FALSE, ward->address, error) ||
      !get_array (object, "postal_prefixes", path, TRUE, &prefixes, error))
    return FALSE;
  if (!is_identifier (ward->id, FALSE))
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);
      return fail (error, id_path, "not an identifier (a-z, 0-9, _)");
    }

  n = json_array_get_length (prefixes);
  if (n == 0)
    return fail (error, prefixes_path, "no postal-code prefixes");
  ward->postal_prefixes = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (prefixes, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", prefixes_path, i);
      const char *prefix;
      gsize len;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, item_path, "expected a string of digits");
      prefix = json_node_get_string (node);
      len = strlen (prefix);
      if (len < 1 || len > 7 || strspn (prefix, "0123456789") != len)
        return fail (error, item_path, "not a postal-code prefix (1 to 7 digits)");
      ward->postal_prefixes[i] = prefix;
    }
  return TRUE;
}

static gboolean
parse_facility (YrsCatalog  *self,
                YrsFacility *facility,
                JsonObject  *object,
                const char  *path,
                GError     **error)
{
  static const char * const members[] = {
    "id", "type", "ward", "sample", "name", "address", "kinds",
    "accepts_over_4_months", "accepts_siblings", "note", NULL,
  };
  g_autofree char *kinds_path = g_strdup_printf ("%s.kinds", path);
  const char *type, *ward;
  JsonArray *kinds;
  guint n;

  if (!check_members (object, path, members, error) ||
      !get_string (object, "id", path, TRUE, TRUE, &facility->id, error) ||
      !get_string (object, "type", path, TRUE, TRUE, &type, error) ||
      !get_string (object, "ward", path, TRUE, TRUE, &ward, error) ||
      !get_bool (object, "sample", path, FALSE, &facility->sample, error) ||
      !get_text (object, "name", path, FALSE, facility->name, error) ||
      !get_text (object, "address", path, FALSE, facility->address, error) ||
      !get_array (object, "kinds", path, TRUE, &kinds, error) ||
      !get_bool (object, "accepts_over_4_months", path, TRUE, &facility->accepts_over_4_months, error) ||
      !get_bool (object, "accepts_siblings", path, TRUE, &facility->accepts_siblings, error))
    return FALSE;

  if (!is_identifier (facility->id, FALSE))
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);
      return fail (error, id_path, "not an identifier (a-z, 0-9, -, _)");
    }

  if (g_str_equal (type, "josanjo"))
    facility->type = YRS_FACILITY_JOSANJO;
  else if (g_str_equal (type, "medical"))
    facility->type = YRS_FACILITY_MEDICAL;
  else
    {
      g_autofree char *type_path = g_strdup_printf ("%s.type", path);
      return fail (error, type_path, "unknown facility type “%s” (josanjo, medical)", type);
    }

  if (yrs_catalog_lookup_ward (self, ward) == NULL)
    {
      g_autofree char *ward_path = g_strdup_printf ("%s.ward", path);
      return fail (error, ward_path, "unknown ward “%s”", ward);
    }
  facility->ward = ward;

  n = json_array_get_length (kinds);
  if (n == 0)
    return fail (error, kinds_path, "offers no kind of care");
  for (guint i = 0; i < n; i++)
    {
      static const char * const kind_members[] = { "kind", "fee_yen", NULL };
      JsonNode *node = json_array_get_element (kinds, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", kinds_path, i);
      JsonObject *kind_object;
      const char *kind_name;
      YrsCareKind kind;
      gint64 fee = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, item_path, "expected {\"kind\", \"fee_yen\"}");
      kind_object = json_node_get_object (node);
      if (!check_members (kind_object, item_path, kind_members, error) ||
          !get_string (kind_object, "kind", item_path, TRUE, TRUE, &kind_name, error) ||
          !get_int (kind_object, "fee_yen", item_path, TRUE, 0, MAX_YEN, &fee, error))
        return FALSE;
      if (!yrs_care_kind_from_string (kind_name, &kind))
        {
          g_autofree char *kind_path = g_strdup_printf ("%s.kind", item_path);
          return fail (error, kind_path, "unknown kind of care “%s” (stay, day, visit)", kind_name);
        }
      if (facility->offers[kind])
        {
          g_autofree char *kind_path = g_strdup_printf ("%s.kind", item_path);
          return fail (error, kind_path, "kind “%s” listed twice", kind_name);
        }
      facility->offers[kind] = TRUE;
      facility->fee_yen[kind] = fee;
    }
  return TRUE;
}

/* Every formula's questions must be defined with the type it reads. */
static gboolean
check_rule_questions (YrsCatalog *self,
                      GError    **error)
{
  for (guint i = 0; i < self->n_programmes; i++)
    {
      const YrsProgramme *p = &self->programmes[i];
      const YrsRule *rule = _yrs_rule_lookup (p->rule);
      g_autofree char *path = g_strdup_printf ("$.programmes[%u].rule", i);

      for (const YrsRuleQuestion *rq = rule->questions; rq->id != NULL; rq++)
        {
          const YrsQuestion *q = yrs_catalog_lookup_question (self, rq->id);

          if (q == NULL)
            return fail (error, path, "rule “%s” reads question “%s”, which $.questions does not define", rule->name, rq->id);
          if (q->type != rq->type)
            {
              g_autofree char *q_path = g_strdup_printf ("$.questions[%u].type", q->index);
              return fail (error, q_path, "rule “%s” reads “%s” as another type", rule->name, rq->id);
            }
          for (guint o = 0; o < G_N_ELEMENTS (rq->options) && rq->options[o] != NULL; o++)
            if (!yrs_question_has_option (q, rq->options[o]))
              {
                g_autofree char *q_path = g_strdup_printf ("$.questions[%u].options", q->index);
                return fail (error, q_path, "missing option “%s” (rule “%s” needs it)", rq->options[o], rule->name);
              }
          if (g_str_equal (rq->id, "care.facility") && q->options == NULL && q->n_options == 0 && self->n_facilities > 0)
            return fail (error, path, "care.facility must take its options from the facilities");
        }
    }
  return TRUE;
}

/* IDs and names become interned strings, for the formulas' pointer
 * comparisons, only once the catalogue is valid: interned strings live as
 * long as the process, and a rejected document must leave nothing
 * behind. */
static void
intern_all (YrsCatalog *self)
{
  for (guint i = 0; i < self->n_programmes; i++)
    {
      YrsProgramme *p = &self->programmes[i];

      p->id = g_intern_string (p->id);
      for (guint j = 0; j < p->n_params; j++)
        p->params[j].name = g_intern_string (p->params[j].name);
      for (guint j = 0; j < p->n_checkups; j++)
        {
          p->checkups[j].id = g_intern_string (p->checkups[j].id);
          p->checkups[j].offered.name = g_intern_string (p->checkups[j].offered.name);
        }
    }
  for (guint i = 0; i < self->n_questions; i++)
    {
      YrsQuestion *q = &self->questions[i];

      q->id = g_intern_string (q->id);
      for (guint j = 0; j < q->n_options; j++)
        q->options[j].value = g_intern_string (q->options[j].value);
      for (guint j = 0; q->programmes[j] != NULL; j++)
        q->programmes[j] = g_intern_string (q->programmes[j]);
    }
  for (guint i = 0; i < self->n_wards; i++)
    self->wards[i].id = g_intern_string (self->wards[i].id);
  for (guint i = 0; i < self->n_facilities; i++)
    {
      self->facilities[i].id = g_intern_string (self->facilities[i].id);
      self->facilities[i].ward = g_intern_string (self->facilities[i].ward);
    }
}

gboolean
_yrs_json_check_depth (const char *data,
                       gsize       length,
                       guint       max_depth)
{
  return _yrs_json_check (data, length, max_depth, NULL, NULL) == YRS_JSON_OK;
}

/* One open object or array of _yrs_json_check's walk. */
typedef struct
{
  gboolean    object;
  gboolean    expect_key;   /* objects: the next string is a member name */
  GHashTable *keys;         /* objects: the names seen so far */
  char       *key;          /* objects: the current member's name */
  guint       index;        /* arrays: the current element */
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->keys, g_hash_table_unref);
  g_clear_pointer (&frame->key, g_free);
}

static char *
frames_path (GArray *frames)
{
  GString *path = g_string_new ("$");

  for (guint i = 0; i < frames->len; i++)
    {
      const Frame *f = &g_array_index (frames, Frame, i);

      if (f->object && f->key != NULL)
        g_string_append_printf (path, ".%s", f->key);
      else if (!f->object)
        g_string_append_printf (path, "[%u]", f->index);
    }
  return g_string_free (path, FALSE);
}

static int
hex4 (const char *data,
      gsize       length,
      gsize       i)
{
  int unit = 0;

  if (i + 4 > length)
    return -1;
  for (gsize k = i; k < i + 4; k++)
    {
      int digit = g_ascii_xdigit_value (data[k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  return unit;
}

/* Reads the string whose opening quote is at data[*i]; leaves *i on the
 * closing quote. Appends its decoded text to `out` (NUL shown as \u0000,
 * so a caller can quote the whole text); `has_nul` tells of a \u0000. */
static YrsJsonCheck
scan_string (const char *data,
             gsize       length,
             gsize      *i,
             GString    *out,
             gboolean   *has_nul)
{
  for (gsize k = *i + 1; k < length; k++)
    {
      char c = data[k];

      if (c == '"')
        {
          *i = k;
          return YRS_JSON_OK;
        }
      if (c == '\0')
        {
          *has_nul = TRUE;
          g_string_append (out, "\\u0000");
          continue;
        }
      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      if (k + 1 >= length || strchr ("\"\\/bfnrtu", data[k + 1]) == NULL)
        return YRS_JSON_BAD_ESCAPE;
      k++;
      switch (data[k])
        {
        case 'u':
          {
            int unit = hex4 (data, length, k + 1);
            gunichar ch;

            if (unit < 0)
              return YRS_JSON_BAD_ESCAPE;
            k += 4;
            ch = (gunichar) unit;
            if (unit >= 0xD800 && unit <= 0xDBFF && k + 6 < length &&
                data[k + 1] == '\\' && data[k + 2] == 'u')
              {
                int low = hex4 (data, length, k + 3);

                if (low >= 0xDC00 && low <= 0xDFFF)
                  {
                    ch = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
                    k += 6;
                  }
              }
            if (ch == 0)
              {
                *has_nul = TRUE;
                g_string_append (out, "\\u0000");
              }
            else if (g_unichar_validate (ch))
              g_string_append_unichar (out, ch);
            else
              g_string_append_printf (out, "\\u%04X", unit);
          }
          break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        default: g_string_append_c (out, data[k]); break;
        }
    }
  return YRS_JSON_OK;   /* unterminated: json-glib says so */
}

YrsJsonCheck
_yrs_json_check (const char  *data,
                 gsize        length,
                 guint        max_depth,
                 char       **where,
                 char       **what)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_autoptr(GString) text = g_string_new (NULL);
  YrsJsonCheck result = YRS_JSON_OK;

  g_array_set_clear_func (frames, (GDestroyNotify) frame_clear);

  for (gsize i = 0; i < length && result == YRS_JSON_OK; i++)
    {
      char c = data[i];
      Frame *top = frames->len > 0 ? &g_array_index (frames, Frame, frames->len - 1) : NULL;

      if (c == '"')
        {
          gboolean has_nul = FALSE;
          gboolean is_key = top != NULL && top->object && top->expect_key;

          g_string_truncate (text, 0);
          result = scan_string (data, length, &i, text, &has_nul);
          if (result != YRS_JSON_OK)
            break;
          if (is_key)
            {
              top->expect_key = FALSE;
              g_free (top->key);
              top->key = g_strdup (text->str);
              if (has_nul)
                result = YRS_JSON_NUL;
              else if (!g_hash_table_add (top->keys, g_strdup (text->str)))
                result = YRS_JSON_REPEATED_KEY;
            }
          else if (has_nul)
            result = YRS_JSON_NUL;
        }
      else if (c == '{' || c == '[')
        {
          Frame frame = { 0 };

          if (frames->len + 1 > max_depth)
            {
              result = YRS_JSON_TOO_DEEP;
              break;
            }
          frame.object = c == '{';
          frame.expect_key = frame.object;
          if (frame.object)
            frame.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_array_append_val (frames, frame);
        }
      else if (c == '}' || c == ']')
        {
          if (frames->len > 0)
            g_array_set_size (frames, frames->len - 1);
        }
      else if (c == ',' && top != NULL)
        {
          if (top->object)
            top->expect_key = TRUE;
          else
            top->index++;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = i;
          gboolean integer = TRUE;
          g_autofree char *token = NULL;
          gint64 value;
          char *rest = NULL;

          while (end < length && (g_ascii_isdigit (data[end]) || strchr ("-+.eE", data[end]) != NULL))
            {
              if (data[end] == '.' || data[end] == 'e' || data[end] == 'E')
                integer = FALSE;
              end++;
            }
          token = g_strndup (data + i, end - i);
          if (integer)
            {
              errno = 0;
              value = g_ascii_strtoll (token, &rest, 10);
              (void) value;
              if (errno == ERANGE)
                {
                  g_string_assign (text, token);
                  result = YRS_JSON_BIG_INTEGER;
                }
            }
          i = end - 1;
        }
    }

  if (result != YRS_JSON_OK)
    {
      if (where != NULL)
        *where = frames_path (frames);
      if (what != NULL)
        {
          if (text->len > 80)
            {
              /* Whole characters, and a mark that there is more. */
              const char *cut = g_utf8_find_prev_char (text->str, text->str + 80);

              g_string_truncate (text, cut != NULL ? (gsize) (cut - text->str) : 0);
              g_string_append (text, "…");
            }
          *what = g_utf8_make_valid (text->str, -1);
        }
    }
  return result;
}

static gboolean
load (YrsCatalog *self,
      GBytes     *bytes,
      GError    **error)
{
  static const char * const members[] = {
    "format", "id", "version", "title", "source", "programmes", "questions",
    "wards", "facilities", "note", NULL,
  };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *root;
  JsonArray *programmes, *questions, *wards, *facilities;
  gint64 format = 0;

  if (length > MAX_CATALOG_BYTES)
    return fail (error, "$", "too large (over %d bytes)", MAX_CATALOG_BYTES);
  if (data == NULL || length == 0)
    {
      g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_JSON, "$: empty document");
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_JSON, "$: not valid UTF-8");
      return FALSE;
    }
  {
    g_autofree char *where = NULL;
    g_autofree char *what = NULL;

    switch (_yrs_json_check (data, length, MAX_JSON_DEPTH, &where, &what))
      {
      case YRS_JSON_OK:
        break;
      case YRS_JSON_REPEATED_KEY:
        g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_JSON,
                     "%s: repeated key “%s” (each member may appear once)", where, what);
        return FALSE;
      case YRS_JSON_NUL:
        g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_JSON,
                     "%s: “%s” holds \\u0000 (a NUL character), which no text may hold", where, what);
        return FALSE;
      case YRS_JSON_BIG_INTEGER:
        g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_JSON,
                     "%s: %s is an integer beyond 64 bits", where, what);
        return FALSE;
      case YRS_JSON_TOO_DEEP:
      case YRS_JSON_BAD_ESCAPE:
      default:
        g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_JSON,
                     "$: nested deeper than %d levels, or a string escape JSON does not have",
                     MAX_JSON_DEPTH);
        return FALSE;
      }
  }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_JSON,
                   "$: not valid JSON: %s", local_error->message);
      return FALSE;
    }

  self->bytes = g_bytes_ref (bytes);
  self->root = json_node_ref (json_parser_get_root (parser));
  {
    g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    self->etag = g_strconcat ("sha256:", sum, NULL);
  }

  if (self->root == NULL || !JSON_NODE_HOLDS_OBJECT (self->root))
    return fail (error, "$", "expected an object");
  root = json_node_get_object (self->root);

  if (!check_members (root, "$", members, error) ||
      !get_int (root, "format", "$", TRUE, 1, 1, &format, error) ||
      !get_string (root, "id", "$", TRUE, TRUE, &self->id, error) ||
      !get_string (root, "version", "$", TRUE, TRUE, &self->version, error) ||
      !get_text (root, "title", "$", FALSE, self->title, error) ||
      !get_string (root, "source", "$", FALSE, TRUE, &self->source, error) ||
      !get_array (root, "programmes", "$", TRUE, &programmes, error) ||
      !get_array (root, "questions", "$", TRUE, &questions, error) ||
      !get_array (root, "wards", "$", TRUE, &wards, error) ||
      !get_array (root, "facilities", "$", TRUE, &facilities, error))
    return FALSE;

  /* Programmes. */
  self->programmes = g_new0 (YrsProgramme, MAX (json_array_get_length (programmes), 1));
  if (json_array_get_length (programmes) == 0)
    return fail (error, "$.programmes", "no programmes");
  for (guint i = 0; i < json_array_get_length (programmes); i++)
    {
      JsonNode *node = json_array_get_element (programmes, i);
      g_autofree char *path = g_strdup_printf ("$.programmes[%u]", i);
      YrsProgramme *p = &self->programmes[i];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, path, "expected an object");
      self->n_programmes = i + 1;
      if (!parse_programme (p, json_node_get_object (node), path, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (self->programmes[j].id, p->id))
          {
            g_autofree char *id_path = g_strdup_printf ("%s.id", path);
            return fail (error, id_path, "duplicate programme ID “%s”", p->id);
          }
    }

  /* Wards, then facilities (which name a ward). */
  self->wards = g_new0 (YrsWard, MAX (json_array_get_length (wards), 1));
  for (guint i = 0; i < json_array_get_length (wards); i++)
    {
      JsonNode *node = json_array_get_element (wards, i);
      g_autofree char *path = g_strdup_printf ("$.wards[%u]", i);
      YrsWard *w = &self->wards[i];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, path, "expected an object");
      self->n_wards = i + 1;
      if (!parse_ward (w, json_node_get_object (node), path, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (self->wards[j].id, w->id))
            {
              g_autofree char *id_path = g_strdup_printf ("%s.id", path);
              return fail (error, id_path, "duplicate ward ID “%s”", w->id);
            }
          for (guint a = 0; w->postal_prefixes[a] != NULL; a++)
            for (guint b = 0; self->wards[j].postal_prefixes[b] != NULL; b++)
              if (g_str_equal (w->postal_prefixes[a], self->wards[j].postal_prefixes[b]))
                {
                  g_autofree char *prefix_path = g_strdup_printf ("%s.postal_prefixes[%u]", path, a);
                  return fail (error, prefix_path, "prefix “%s” also belongs to ward “%s”",
                               w->postal_prefixes[a], self->wards[j].id);
                }
        }
    }

  self->facilities = g_new0 (YrsFacility, MAX (json_array_get_length (facilities), 1));
  for (guint i = 0; i < json_array_get_length (facilities); i++)
    {
      JsonNode *node = json_array_get_element (facilities, i);
      g_autofree char *path = g_strdup_printf ("$.facilities[%u]", i);
      YrsFacility *f = &self->facilities[i];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, path, "expected an object");
      self->n_facilities = i + 1;
      if (!parse_facility (self, f, json_node_get_object (node), path, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (self->facilities[j].id, f->id))
          {
            g_autofree char *id_path = g_strdup_printf ("%s.id", path);
            return fail (error, id_path, "duplicate facility ID “%s”", f->id);
          }
    }

  /* Questions (which name programmes, and may list the facilities). */
  self->questions = g_new0 (YrsQuestion, MAX (json_array_get_length (questions), 1));
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonNode *node = json_array_get_element (questions, i);
      g_autofree char *path = g_strdup_printf ("$.questions[%u]", i);
      YrsQuestion *q = &self->questions[i];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, path, "expected an object");
      self->n_questions = i + 1;
      q->index = i;
      if (!parse_question (self, q, json_node_get_object (node), path, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (self->questions[j].id, q->id))
          {
            g_autofree char *id_path = g_strdup_printf ("%s.id", path);
            return fail (error, id_path, "duplicate question ID “%s”", q->id);
          }
      if (q->type == YRS_QUESTION_ENUM && q->max == -1)
        {
          q->n_options = self->n_facilities;
          q->options = g_new0 (YrsOption, MAX (self->n_facilities, 1));
          for (guint f = 0; f < self->n_facilities; f++)
            {
              q->options[f].value = self->facilities[f].id;
              q->options[f].label[YRS_LANG_JA] = self->facilities[f].name[YRS_LANG_JA];
              q->options[f].label[YRS_LANG_EN] = self->facilities[f].name[YRS_LANG_EN];
            }
          q->max = 99;
        }
    }

  if (!check_rule_questions (self, error))
    return FALSE;
  intern_all (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Public API */

YrsCatalog *
yrs_catalog_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(YrsCatalog) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (YRS_TYPE_CATALOG, NULL);
  if (!load (self, bytes, error))
    return NULL;
  return g_steal_pointer (&self);
}

YrsCatalog *
yrs_catalog_new_from_file (const char *path,
                           GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, YRS_CATALOG_ERROR, YRS_CATALOG_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, length);
  return yrs_catalog_new_from_bytes (bytes, error);
}

GBytes *
yrs_catalog_get_default_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resource_lookup_data (yrs_core_get_resource (),
                                          DEFAULT_CATALOG_RESOURCE,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE,
                                          &error);

  if (bytes == NULL)
    g_error ("The bundled catalogue is missing: %s", error->message);
  return bytes;
}

YrsCatalog *
yrs_catalog_new_default (void)
{
  g_autoptr(GBytes) bytes = yrs_catalog_get_default_bytes ();
  g_autoptr(GError) error = NULL;
  YrsCatalog *self = yrs_catalog_new_from_bytes (bytes, &error);

  if (self == NULL)
    g_error ("The bundled catalogue is invalid: %s", error->message);
  return self;
}

const char *
yrs_catalog_get_id (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  return self->id;
}

const char *
yrs_catalog_get_version (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  return self->version;
}

const char *
yrs_catalog_get_source (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  return self->source != NULL ? self->source : "";
}

const char *
yrs_catalog_get_etag (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  return self->etag;
}

GBytes *
yrs_catalog_get_bytes (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  return self->bytes;
}

const char *
yrs_catalog_get_title (YrsCatalog *self,
                       YrsLang     lang)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  return self->title[lang == YRS_LANG_EN];
}

guint
yrs_catalog_get_n_programmes (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), 0);
  return self->n_programmes;
}

const YrsProgramme *
yrs_catalog_get_programme (YrsCatalog *self,
                           guint       index)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  g_return_val_if_fail (index < self->n_programmes, NULL);
  return &self->programmes[index];
}

const YrsProgramme *
yrs_catalog_lookup_programme (YrsCatalog *self,
                              const char *id)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->n_programmes; i++)
    if (self->programmes[i].id != NULL && g_str_equal (self->programmes[i].id, id))
      return &self->programmes[i];
  return NULL;
}

const char *
yrs_programme_get_id (const YrsProgramme *programme)
{
  return programme->id;
}

YrsProgrammeKind
yrs_programme_get_kind (const YrsProgramme *programme)
{
  return programme->kind;
}

const char *
yrs_programme_get_rule (const YrsProgramme *programme)
{
  return programme->rule;
}

gboolean
yrs_programme_get_applyable (const YrsProgramme *programme)
{
  return programme->applyable;
}

const char *
yrs_programme_get_form (const YrsProgramme *programme)
{
  return programme->form;
}

guint
yrs_programme_get_n_bring (const YrsProgramme *programme)
{
  return programme->n_bring;
}

const char *
yrs_programme_get_bring (const YrsProgramme *programme,
                         guint               index,
                         YrsLang             lang,
                         gboolean           *sample)
{
  g_return_val_if_fail (index < programme->n_bring, NULL);

  if (sample != NULL)
    *sample = programme->bring[index].sample;
  return programme->bring[index].text[lang == YRS_LANG_EN];
}

gboolean
yrs_programme_get_residents_only (const YrsProgramme *programme)
{
  return programme->residents_only;
}

gboolean
yrs_programme_get_sample (const YrsProgramme *programme)
{
  return programme->sample;
}

const char *
yrs_programme_get_title (const YrsProgramme *programme,
                         YrsLang             lang)
{
  return programme->title[lang == YRS_LANG_EN];
}

const char *
yrs_programme_get_summary (const YrsProgramme *programme,
                           YrsLang             lang)
{
  return programme->summary[lang == YRS_LANG_EN];
}

const char *
yrs_programme_get_description (const YrsProgramme *programme,
                               YrsLang             lang)
{
  return programme->description[lang == YRS_LANG_EN];
}

const char *
yrs_programme_get_source_ref (const YrsProgramme *programme)
{
  return programme->source_ref;
}

const char *
yrs_programme_get_source_url (const YrsProgramme *programme)
{
  return programme->source_url;
}

guint
yrs_programme_get_n_checkups (const YrsProgramme *programme)
{
  return programme->n_checkups;
}

const YrsCheckup *
yrs_programme_get_checkup (const YrsProgramme *programme,
                           guint               index)
{
  g_return_val_if_fail (index < programme->n_checkups, NULL);
  return &programme->checkups[index];
}

const YrsParam *
_yrs_programme_param (const YrsProgramme *programme,
                      const char         *interned_name)
{
  for (guint i = 0; i < programme->n_params; i++)
    if (programme->params[i].name == interned_name)
      return &programme->params[i];
  return NULL;
}

const YrsParam *
yrs_programme_get_param (const YrsProgramme *programme,
                         const char         *name)
{
  for (guint i = 0; i < programme->n_params; i++)
    if (g_strcmp0 (programme->params[i].name, name) == 0)
      return &programme->params[i];
  return NULL;
}

guint
yrs_programme_get_n_params (const YrsProgramme *programme)
{
  return programme->n_params;
}

const YrsParam *
yrs_programme_get_nth_param (const YrsProgramme *programme,
                             guint               index)
{
  g_return_val_if_fail (index < programme->n_params, NULL);
  return &programme->params[index];
}

const char *
yrs_param_get_name (const YrsParam *param)
{
  return param->name;
}

guint
yrs_param_get_n_steps (const YrsParam *param)
{
  return param->n_steps;
}

void
yrs_param_get_step (const YrsParam *param,
                    guint           index,
                    YrsDate        *from,
                    YrsValue       *value,
                    gboolean       *sample)
{
  g_return_if_fail (index < param->n_steps);
  if (from != NULL)
    *from = param->steps[index].from;
  if (value != NULL)
    *value = param->steps[index].value;
  if (sample != NULL)
    *sample = param->steps[index].sample;
}

const YrsStep *
_yrs_param_step (const YrsParam *param,
                 YrsDate         on)
{
  const YrsStep *found = NULL;

  /* Few steps: a linear scan beats a binary search here. */
  for (guint i = 0; i < param->n_steps; i++)
    {
      if (yrs_date_compare (param->steps[i].from, on) > 0)
        break;
      found = &param->steps[i];
    }
  if (found == NULL || found->value.type == YRS_VALUE_NONE)
    return NULL;
  return found;
}

gboolean
yrs_param_lookup (const YrsParam *param,
                  YrsDate         on,
                  YrsValue       *value,
                  gboolean       *sample)
{
  const YrsStep *step;

  g_return_val_if_fail (param != NULL, FALSE);

  step = _yrs_param_step (param, on);
  if (step == NULL)
    return FALSE;
  if (value != NULL)
    *value = step->value;
  if (sample != NULL)
    *sample = step->sample;
  return TRUE;
}

gboolean
yrs_param_next_change (const YrsParam *param,
                       YrsDate         after,
                       YrsDate        *from)
{
  g_return_val_if_fail (param != NULL, FALSE);

  for (guint i = 0; i < param->n_steps; i++)
    if (yrs_date_compare (param->steps[i].from, after) > 0)
      {
        if (from != NULL)
          *from = param->steps[i].from;
        return TRUE;
      }
  return FALSE;
}

gboolean
yrs_programme_lookup_int (const YrsProgramme *programme,
                          const char         *name,
                          YrsDate             on,
                          gint64             *value,
                          gboolean           *sample)
{
  const YrsParam *param = yrs_programme_get_param (programme, name);
  YrsValue v;

  if (param == NULL || !yrs_param_lookup (param, on, &v, sample) || v.type != YRS_VALUE_INT)
    return FALSE;
  if (value != NULL)
    *value = v.i;
  return TRUE;
}

gboolean
yrs_programme_lookup_bool (const YrsProgramme *programme,
                           const char         *name,
                           YrsDate             on,
                           gboolean           *value,
                           gboolean           *sample)
{
  const YrsParam *param = yrs_programme_get_param (programme, name);
  YrsValue v;

  if (param == NULL || !yrs_param_lookup (param, on, &v, sample) || v.type != YRS_VALUE_BOOL)
    return FALSE;
  if (value != NULL)
    *value = v.b;
  return TRUE;
}

const char *
yrs_checkup_get_id (const YrsCheckup *checkup)
{
  return checkup->id;
}

const char *
yrs_checkup_get_title (const YrsCheckup *checkup,
                       YrsLang           lang)
{
  return checkup->title[lang == YRS_LANG_EN];
}

int
yrs_checkup_get_from_months (const YrsCheckup *checkup)
{
  return checkup->from_months;
}

int
yrs_checkup_get_until_months (const YrsCheckup *checkup)
{
  return checkup->until_months;
}

gboolean
yrs_checkup_get_statutory (const YrsCheckup *checkup)
{
  return checkup->statutory;
}

gint64
yrs_checkup_get_subsidy_yen (const YrsCheckup *checkup)
{
  return checkup->subsidy_yen;
}

gboolean
yrs_checkup_is_offered (const YrsCheckup *checkup,
                        YrsDate           on)
{
  const YrsStep *step;

  if (checkup->offered.n_steps == 0)
    return TRUE;
  step = _yrs_param_step (&checkup->offered, on);
  return step != NULL && step->value.b;
}

void
yrs_checkup_get_window (const YrsCheckup *checkup,
                        YrsDate           birth,
                        YrsDate          *from,
                        YrsDate          *until)
{
  /* From the first day of age from_months to the last day before
   * until_months; a window from 0 months starts on the day of birth. */
  if (from != NULL)
    *from = checkup->from_months == 0
              ? birth
              : yrs_date_add_days (yrs_date_period_end (birth, checkup->from_months), 1);
  if (until != NULL)
    *until = yrs_date_period_end (birth, checkup->until_months);
}

guint
yrs_catalog_get_n_questions (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), 0);
  return self->n_questions;
}

const YrsQuestion *
yrs_catalog_get_question (YrsCatalog *self,
                          guint       index)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  g_return_val_if_fail (index < self->n_questions, NULL);
  return &self->questions[index];
}

const YrsQuestion *
yrs_catalog_lookup_question (YrsCatalog *self,
                             const char *id)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->n_questions; i++)
    if (self->questions[i].id != NULL && g_str_equal (self->questions[i].id, id))
      return &self->questions[i];
  return NULL;
}

const char *
yrs_question_get_id (const YrsQuestion *question)
{
  return question->id;
}

YrsQuestionType
yrs_question_get_qtype (const YrsQuestion *question)
{
  return question->type;
}

YrsQuestionStage
yrs_question_get_stage (const YrsQuestion *question)
{
  return question->stage;
}

const char *
yrs_question_get_text (const YrsQuestion *question,
                       YrsLang            lang)
{
  return question->text[lang == YRS_LANG_EN];
}

const char *
yrs_question_get_help (const YrsQuestion *question,
                       YrsLang            lang)
{
  return question->help[lang == YRS_LANG_EN];
}

gint64
yrs_question_get_min (const YrsQuestion *question)
{
  return question->min;
}

gint64
yrs_question_get_max (const YrsQuestion *question)
{
  return question->max;
}

guint
yrs_question_get_n_options (const YrsQuestion *question)
{
  return question->n_options;
}

const char *
yrs_question_get_option_value (const YrsQuestion *question,
                               guint              index)
{
  g_return_val_if_fail (index < question->n_options, NULL);
  return question->options[index].value;
}

const char *
yrs_question_get_option_label (const YrsQuestion *question,
                               guint              index,
                               YrsLang            lang)
{
  g_return_val_if_fail (index < question->n_options, NULL);
  return question->options[index].label[lang == YRS_LANG_EN];
}

gboolean
yrs_question_has_option (const YrsQuestion *question,
                         const char        *value)
{
  if (value == NULL)
    return FALSE;
  for (guint i = 0; i < question->n_options; i++)
    if (g_str_equal (question->options[i].value, value))
      return TRUE;
  return FALSE;
}

const char * const *
yrs_question_get_programmes (const YrsQuestion *question)
{
  return (const char * const *) question->programmes;
}

guint
yrs_catalog_get_n_facilities (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), 0);
  return self->n_facilities;
}

const YrsFacility *
yrs_catalog_get_facility (YrsCatalog *self,
                          guint       index)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  g_return_val_if_fail (index < self->n_facilities, NULL);
  return &self->facilities[index];
}

const YrsFacility *
yrs_catalog_lookup_facility (YrsCatalog *self,
                             const char *id)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->n_facilities; i++)
    if (self->facilities[i].id != NULL && g_str_equal (self->facilities[i].id, id))
      return &self->facilities[i];
  return NULL;
}

const char *
yrs_facility_get_id (const YrsFacility *facility)
{
  return facility->id;
}

YrsFacilityType
yrs_facility_get_facility_type (const YrsFacility *facility)
{
  return facility->type;
}

const char *
yrs_facility_get_name (const YrsFacility *facility,
                       YrsLang            lang)
{
  return facility->name[lang == YRS_LANG_EN];
}

const char *
yrs_facility_get_address (const YrsFacility *facility,
                          YrsLang            lang)
{
  return facility->address[lang == YRS_LANG_EN];
}

const char *
yrs_facility_get_ward (const YrsFacility *facility)
{
  return facility->ward;
}

gboolean
yrs_facility_offers (const YrsFacility *facility,
                     YrsCareKind        kind,
                     gint64            *fee_yen)
{
  if ((guint) kind >= YRS_CARE_N_KINDS || !facility->offers[kind])
    return FALSE;
  if (fee_yen != NULL)
    *fee_yen = facility->fee_yen[kind];
  return TRUE;
}

gboolean
yrs_facility_get_accepts_over_4_months (const YrsFacility *facility)
{
  return facility->accepts_over_4_months;
}

gboolean
yrs_facility_get_accepts_siblings (const YrsFacility *facility)
{
  return facility->accepts_siblings;
}

gboolean
yrs_facility_get_sample (const YrsFacility *facility)
{
  return facility->sample;
}

guint
yrs_catalog_get_n_wards (YrsCatalog *self)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), 0);
  return self->n_wards;
}

const YrsWard *
yrs_catalog_get_ward (YrsCatalog *self,
                      guint       index)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  g_return_val_if_fail (index < self->n_wards, NULL);
  return &self->wards[index];
}

const YrsWard *
yrs_catalog_lookup_ward (YrsCatalog *self,
                         const char *id)
{
  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->n_wards; i++)
    if (self->wards[i].id != NULL && g_str_equal (self->wards[i].id, id))
      return &self->wards[i];
  return NULL;
}

const YrsWard *
yrs_catalog_lookup_postal_code (YrsCatalog *self,
                                const char *postal_code)
{
  char digits[8];
  guint n = 0;
  const YrsWard *best = NULL;
  gsize best_len = 0;

  g_return_val_if_fail (YRS_IS_CATALOG (self), NULL);
  if (postal_code == NULL || !g_utf8_validate (postal_code, -1, NULL))
    return NULL;

  /* Digits (ASCII or full-width), with one optional hyphen after the
   * third; spaces around are ignored. */
  for (const char *p = postal_code; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        c = c - '0';
      else if (c >= 0xFF10 && c <= 0xFF19)
        c = c - 0xFF10;
      else if ((c == '-' || c == 0x2212 || c == 0xFF0D || c == 0x30FC) && n == 3)
        continue;
      else if (g_unichar_isspace (c) && (n == 0 || n == 7))
        continue;
      else
        return NULL;
      if (n == 7)
        return NULL;
      digits[n++] = (char) ('0' + c);
    }
  if (n != 7)
    return NULL;
  digits[7] = '\0';

  for (guint i = 0; i < self->n_wards; i++)
    for (guint j = 0; self->wards[i].postal_prefixes[j] != NULL; j++)
      {
        const char *prefix = self->wards[i].postal_prefixes[j];
        gsize len = strlen (prefix);

        if (len > best_len && strncmp (digits, prefix, len) == 0)
          {
            best = &self->wards[i];
            best_len = len;
          }
      }
  return best;
}

const char *
yrs_ward_get_id (const YrsWard *ward)
{
  return ward->id;
}

const char *
yrs_ward_get_name (const YrsWard *ward,
                   YrsLang        lang)
{
  return ward->name[lang == YRS_LANG_EN];
}

const char *
yrs_ward_get_address (const YrsWard *ward,
                      YrsLang        lang)
{
  return ward->address[lang == YRS_LANG_EN];
}

const char * const *
yrs_ward_get_postal_prefixes (const YrsWard *ward)
{
  return (const char * const *) ward->postal_prefixes;
}

static const char * const care_kind_names[] = { "stay", "day", "visit" };

const char *
yrs_care_kind_to_string (YrsCareKind kind)
{
  g_return_val_if_fail ((guint) kind < YRS_CARE_N_KINDS, NULL);
  return care_kind_names[kind];
}

gboolean
yrs_care_kind_from_string (const char  *text,
                           YrsCareKind *kind)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < YRS_CARE_N_KINDS; i++)
    if (g_str_equal (text, care_kind_names[i]))
      {
        if (kind != NULL)
          *kind = (YrsCareKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
yrs_care_kind_get_label (YrsCareKind kind)
{
  switch (kind)
    {
    case YRS_CARE_STAY:
      /* Translators: a kind of postpartum care: an overnight stay */
      return _("Stay");
    case YRS_CARE_DAY:
      /* Translators: a kind of postpartum care: a day at the facility */
      return _("Day visit");
    case YRS_CARE_VISIT:
      /* Translators: a kind of postpartum care: a midwife visits the home */
      return _("Home visit");
    case YRS_CARE_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
yrs_programme_kind_to_string (YrsProgrammeKind kind)
{
  static const char * const names[] = { "payment", "service", "info", "referral" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}
