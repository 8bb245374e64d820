/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A person's answers: typed values by stable question ID. */

#define G_LOG_DOMAIN "yrs-answers"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-answers.h"
#include "yrs-catalog-private.h"

#define MAX_ANSWERS 256
#define MAX_ANSWERS_BYTES (256 * 1024)

G_DEFINE_QUARK (yrs-answers-error-quark, yrs_answers_error)

typedef struct
{
  YrsValue value;   /* value.s owned here for strings */
} Entry;

/* Keys are copies, not interned strings: answers can come from files and
 * other untrusted places, and interned strings (and quarks) are never
 * freed. */
struct _YrsAnswers
{
  GObject     parent_instance;
  GHashTable *entries;   /* char *id (owned) -> Entry */
};

G_DEFINE_FINAL_TYPE (YrsAnswers, yrs_answers, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry->value.type == YRS_VALUE_STRING)
    g_free ((char *) entry->value.s);
  g_free (entry);
}

static void
yrs_answers_finalize (GObject *object)
{
  YrsAnswers *self = (YrsAnswers *) object;

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (yrs_answers_parent_class)->finalize (object);
}

static void
yrs_answers_class_init (YrsAnswersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_answers_finalize;

  /**
   * YrsAnswers::changed:
   * @id: the question ID whose answer was set or unset
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
yrs_answers_init (YrsAnswers *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

YrsAnswers *
yrs_answers_new (void)
{
  return g_object_new (YRS_TYPE_ANSWERS, NULL);
}

static gboolean
value_equal (const YrsValue *a,
             const YrsValue *b)
{
  if (a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case YRS_VALUE_NONE:
      return TRUE;
    case YRS_VALUE_BOOL:
      return !a->b == !b->b;
    case YRS_VALUE_INT:
      return a->i == b->i;
    case YRS_VALUE_DATE:
      return yrs_date_compare (a->date, b->date) == 0;
    case YRS_VALUE_STRING:
      return g_strcmp0 (a->s, b->s) == 0;
    default:
      return FALSE;
    }
}

static void
emit_changed (YrsAnswers *self,
              const char *id)
{
  /* A handler for "changed::<id>" made the quark; without one, there is
   * no need to make it. */
  g_signal_emit (self, signals[CHANGED], g_quark_try_string (id), id);
}

void
yrs_answers_set_value (YrsAnswers     *self,
                       const char     *id,
                       const YrsValue *value)
{
  Entry *old, *entry;
  char *key;

  g_return_if_fail (YRS_IS_ANSWERS (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (value != NULL);

  if (value->type == YRS_VALUE_NONE)
    {
      yrs_answers_unset (self, id);
      return;
    }
  g_return_if_fail (value->type != YRS_VALUE_STRING || value->s != NULL);
  g_return_if_fail (value->type != YRS_VALUE_DATE || yrs_date_is_set (value->date));

  old = g_hash_table_lookup (self->entries, id);
  if (old != NULL && value_equal (&old->value, value))
    return;

  entry = g_new0 (Entry, 1);
  entry->value.type = value->type;
  switch (value->type)
    {
    case YRS_VALUE_BOOL:
      entry->value.b = !!value->b;
      break;
    case YRS_VALUE_INT:
      entry->value.i = value->i;
      break;
    case YRS_VALUE_DATE:
      entry->value.date = value->date;
      break;
    case YRS_VALUE_STRING:
      entry->value.s = g_strdup (value->s);
      break;
    case YRS_VALUE_NONE:
    default:
      g_assert_not_reached ();
    }
  key = g_strdup (id);
  g_hash_table_replace (self->entries, key, entry);
  emit_changed (self, key);
}

void
yrs_answers_set_bool (YrsAnswers *self,
                      const char *id,
                      gboolean    value)
{
  YrsValue v = YRS_VALUE_INIT;

  v.type = YRS_VALUE_BOOL;
  v.b = value;
  yrs_answers_set_value (self, id, &v);
}

void
yrs_answers_set_int (YrsAnswers *self,
                     const char *id,
                     gint64      value)
{
  YrsValue v = YRS_VALUE_INIT;

  v.type = YRS_VALUE_INT;
  v.i = value;
  yrs_answers_set_value (self, id, &v);
}

void
yrs_answers_set_date (YrsAnswers *self,
                      const char *id,
                      YrsDate     value)
{
  YrsValue v = YRS_VALUE_INIT;

  if (!yrs_date_is_set (value))
    {
      yrs_answers_unset (self, id);
      return;
    }
  v.type = YRS_VALUE_DATE;
  v.date = value;
  yrs_answers_set_value (self, id, &v);
}

void
yrs_answers_set_string (YrsAnswers *self,
                        const char *id,
                        const char *value)
{
  YrsValue v = YRS_VALUE_INIT;

  if (value == NULL)
    {
      yrs_answers_unset (self, id);
      return;
    }
  v.type = YRS_VALUE_STRING;
  v.s = value;
  yrs_answers_set_value (self, id, &v);
}

void
yrs_answers_unset (YrsAnswers *self,
                   const char *id)
{
  g_autofree char *key = NULL;

  g_return_if_fail (YRS_IS_ANSWERS (self));
  g_return_if_fail (id != NULL);

  if (!g_hash_table_contains (self->entries, id))
    return;
  key = g_strdup (id);   /* `id` may be the table's own key */
  g_hash_table_remove (self->entries, key);
  emit_changed (self, key);
}

void
yrs_answers_clear (YrsAnswers *self)
{
  g_autoptr(GHashTable) old = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (YRS_IS_ANSWERS (self));

  old = g_steal_pointer (&self->entries);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    emit_changed (self, key);
}

gboolean
yrs_answers_has (YrsAnswers *self,
                 const char *id)
{
  g_return_val_if_fail (YRS_IS_ANSWERS (self), FALSE);
  if (id == NULL)
    return FALSE;
  return g_hash_table_contains (self->entries, id);
}

gboolean
yrs_answers_get_value (YrsAnswers *self,
                       const char *id,
                       YrsValue   *value)
{
  Entry *entry;

  g_return_val_if_fail (YRS_IS_ANSWERS (self), FALSE);
  if (id == NULL)
    return FALSE;
  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL)
    return FALSE;
  if (value != NULL)
    *value = entry->value;
  return TRUE;
}

gboolean
yrs_answers_get_bool (YrsAnswers *self,
                      const char *id,
                      gboolean   *value)
{
  YrsValue v;

  if (!yrs_answers_get_value (self, id, &v) || v.type != YRS_VALUE_BOOL)
    return FALSE;
  if (value != NULL)
    *value = v.b;
  return TRUE;
}

gboolean
yrs_answers_get_int (YrsAnswers *self,
                     const char *id,
                     gint64     *value)
{
  YrsValue v;

  if (!yrs_answers_get_value (self, id, &v) || v.type != YRS_VALUE_INT)
    return FALSE;
  if (value != NULL)
    *value = v.i;
  return TRUE;
}

gboolean
yrs_answers_get_date (YrsAnswers *self,
                      const char *id,
                      YrsDate    *value)
{
  YrsValue v;

  if (!yrs_answers_get_value (self, id, &v) || v.type != YRS_VALUE_DATE)
    return FALSE;
  if (value != NULL)
    *value = v.date;
  return TRUE;
}

const char *
yrs_answers_get_string (YrsAnswers *self,
                        const char *id)
{
  YrsValue v;

  if (!yrs_answers_get_value (self, id, &v) || v.type != YRS_VALUE_STRING)
    return NULL;
  return v.s;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const char **
yrs_answers_list_ids (YrsAnswers *self,
                      guint      *n_ids)
{
  const char **ids;
  guint n;

  g_return_val_if_fail (YRS_IS_ANSWERS (self), NULL);

  ids = (const char **) g_hash_table_get_keys_as_array (self->entries, &n);
  qsort (ids, n, sizeof (char *), compare_ids);
  if (n_ids != NULL)
    *n_ids = n;
  return ids;
}

guint
yrs_answers_get_size (YrsAnswers *self)
{
  g_return_val_if_fail (YRS_IS_ANSWERS (self), 0);
  return g_hash_table_size (self->entries);
}

YrsAnswers *
yrs_answers_copy (YrsAnswers *self)
{
  YrsAnswers *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (YRS_IS_ANSWERS (self), NULL);

  copy = yrs_answers_new ();
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->value = ((Entry *) value)->value;
      if (entry->value.type == YRS_VALUE_STRING)
        entry->value.s = g_strdup (entry->value.s);
      g_hash_table_insert (copy->entries, g_strdup (key), entry);
    }
  return copy;
}

gboolean
yrs_answers_equal (YrsAnswers *a,
                   YrsAnswers *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (YRS_IS_ANSWERS (a), FALSE);
  g_return_val_if_fail (YRS_IS_ANSWERS (b), FALSE);

  if (g_hash_table_size (a->entries) != g_hash_table_size (b->entries))
    return FALSE;
  g_hash_table_iter_init (&iter, a->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *other = g_hash_table_lookup (b->entries, key);

      if (other == NULL || !value_equal (&((Entry *) value)->value, &other->value))
        return FALSE;
    }
  return TRUE;
}

/* JSON */

static gboolean
looks_like_date (const char *text,
                 YrsDate    *date)
{
  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         yrs_date_parse_iso (text, date, NULL);
}

/* The member's question ID from a path "$.residence.in_city": answers
 * are one flat object, so the path is the ID (or "$" for the object). */
static const char *
path_id (const char *where)
{
  return g_str_has_prefix (where, "$.") ? where + 2 : where;
}

gboolean
yrs_answers_check_json (const char  *json,
                        gssize       length,
                        GError     **error)
{
  g_autofree char *where = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (json != NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (json);

  switch (_yrs_json_check (json, (gsize) length, 8, &where, &what))
    {
    case YRS_JSON_OK:
      return TRUE;
    case YRS_JSON_REPEATED_KEY:
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                   "answers: %s: answered more than once; each question may have one answer",
                   path_id (where));
      return FALSE;
    case YRS_JSON_NUL:
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                   "answers: %s: “%s” holds \\u0000 (a NUL character), which no answer may hold",
                   path_id (where), what);
      return FALSE;
    case YRS_JSON_BIG_INTEGER:
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                   "answers: %s: %s is an integer beyond 64 bits",
                   path_id (where), what);
      return FALSE;
    case YRS_JSON_TOO_DEEP:
    case YRS_JSON_BAD_ESCAPE:
    default:
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_JSON,
                   "answers: nested too deeply, or a string escape JSON does not have");
      return FALSE;
    }
}

YrsAnswers *
yrs_answers_new_from_json (const char *json,
                           gssize      length,
                           GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(YrsAnswers) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (json);
  if (length > MAX_ANSWERS_BYTES)
    {
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_JSON,
                   "answers: too large (over %d bytes)", MAX_ANSWERS_BYTES);
      return NULL;
    }
  if (!g_utf8_validate_len (json, (gsize) length, NULL))
    {
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_JSON,
                   "answers: not valid UTF-8");
      return NULL;
    }
  if (!yrs_answers_check_json (json, length, error))
    return NULL;
  if (length == 0 || !json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_JSON,
                   "answers: not valid JSON: %s",
                   local_error != NULL ? local_error->message : "empty");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_JSON,
                   "answers: expected a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);
  if (json_object_get_size (object) > MAX_ANSWERS)
    {
      g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                   "answers: more than %d answers", MAX_ANSWERS);
      return NULL;
    }

  self = yrs_answers_new ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *id = l->data;
      JsonNode *node = json_object_get_member (object, id);
      YrsValue value = YRS_VALUE_INIT;

      if (!g_utf8_validate (id, -1, NULL))
        {
          g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                       "answers: a question ID is not valid UTF-8");
          return NULL;
        }
      if (*id == '\0' || strlen (id) > 64)
        {
          g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                       "answers: “%.64s”: not a question ID", id);
          return NULL;
        }
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node))
        {
          g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                       "answers: %s: expected true, false, a number or a string", id);
          return NULL;
        }
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          value.type = YRS_VALUE_BOOL;
          value.b = json_node_get_boolean (node);
          break;
        case G_TYPE_INT64:
          value.type = YRS_VALUE_INT;
          value.i = json_node_get_int (node);
          break;
        case G_TYPE_STRING:
          value.s = json_node_get_string (node);
          if (looks_like_date (value.s, &value.date))
            value.type = YRS_VALUE_DATE;
          else if (strlen (value.s) > 1024)
            {
              g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                           "answers: %s: value too long", id);
              return NULL;
            }
          /* json-glib, after GScanner, reads "\NNN" as an octal byte, so
           * a string it returns need not be UTF-8 (found by fuzz-answers). */
          else if (!g_utf8_validate (value.s, -1, NULL))
            {
              g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                           "answers: %s: not valid UTF-8", id);
              return NULL;
            }
          else
            value.type = YRS_VALUE_STRING;
          break;
        default:
          g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                       "answers: %s: expected true, false, an integer or a string", id);
          return NULL;
        }
      yrs_answers_set_value (self, id, &value);
    }
  return g_steal_pointer (&self);
}

char *
yrs_answers_to_json (YrsAnswers *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree const char **ids = NULL;
  guint n;

  g_return_val_if_fail (YRS_IS_ANSWERS (self), NULL);

  ids = yrs_answers_list_ids (self, &n);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      Entry *entry = g_hash_table_lookup (self->entries, ids[i]);

      json_builder_set_member_name (builder, ids[i]);
      switch (entry->value.type)
        {
        case YRS_VALUE_BOOL:
          json_builder_add_boolean_value (builder, entry->value.b);
          break;
        case YRS_VALUE_INT:
          json_builder_add_int_value (builder, entry->value.i);
          break;
        case YRS_VALUE_DATE:
          {
            char buf[11];

            yrs_date_to_iso_buf (entry->value.date, buf);
            json_builder_add_string_value (builder, buf);
          }
          break;
        case YRS_VALUE_STRING:
          json_builder_add_string_value (builder, entry->value.s);
          break;
        case YRS_VALUE_NONE:
        default:
          json_builder_add_null_value (builder);
          break;
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
yrs_answers_is_valid_for (YrsAnswers        *self,
                          const YrsQuestion *question)
{
  Entry *entry;

  g_return_val_if_fail (YRS_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);

  entry = g_hash_table_lookup (self->entries, question->id);
  if (entry == NULL)
    return FALSE;
  switch (question->type)
    {
    case YRS_QUESTION_BOOL:
      return entry->value.type == YRS_VALUE_BOOL;
    case YRS_QUESTION_DATE:
      /* Dates of people's lives: far-off years are typing mistakes, and
       * the age arithmetic stays well inside the calendar's range. */
      return entry->value.type == YRS_VALUE_DATE &&
             entry->value.date.year >= YRS_ANSWERS_MIN_YEAR &&
             entry->value.date.year <= YRS_ANSWERS_MAX_YEAR;
    case YRS_QUESTION_INT:
      return entry->value.type == YRS_VALUE_INT &&
             entry->value.i >= question->min && entry->value.i <= question->max;
    case YRS_QUESTION_ENUM:
      return entry->value.type == YRS_VALUE_STRING &&
             yrs_question_has_option (question, entry->value.s);
    default:
      return FALSE;
    }
}

gboolean
yrs_answers_validate (YrsAnswers *self,
                      YrsCatalog *catalog,
                      GError    **error)
{
  g_autofree const char **ids = NULL;
  guint n;

  g_return_val_if_fail (YRS_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (YRS_IS_CATALOG (catalog), FALSE);

  ids = yrs_answers_list_ids (self, &n);
  for (guint i = 0; i < n; i++)
    {
      const YrsQuestion *q = yrs_catalog_lookup_question (catalog, ids[i]);
      static const char * const type_names[] = { "true or false", "a date (YYYY-MM-DD)", "an integer", "one of the options" };

      if (q == NULL)
        {
          g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                       "answers: %s: unknown question ID", ids[i]);
          return FALSE;
        }
      if (!yrs_answers_is_valid_for (self, q))
        {
          Entry *entry = g_hash_table_lookup (self->entries, q->id);

          if (q->type == YRS_QUESTION_INT && entry->value.type == YRS_VALUE_INT)
            g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                         "answers: %s: %" G_GINT64_FORMAT " is out of range (%" G_GINT64_FORMAT "…%" G_GINT64_FORMAT ")",
                         ids[i], entry->value.i, q->min, q->max);
          else if (q->type == YRS_QUESTION_ENUM && entry->value.type == YRS_VALUE_STRING)
            g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                         "answers: %s: “%s” is not one of the options", ids[i], entry->value.s);
          else if (q->type == YRS_QUESTION_DATE && entry->value.type == YRS_VALUE_DATE)
            g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                         "answers: %s: the year must be from %d to %d", ids[i],
                         YRS_ANSWERS_MIN_YEAR, YRS_ANSWERS_MAX_YEAR);
          else
            g_set_error (error, YRS_ANSWERS_ERROR, YRS_ANSWERS_ERROR_INVALID,
                         "answers: %s: expected %s", ids[i], type_names[q->type]);
          return FALSE;
        }
    }
  return TRUE;
}
