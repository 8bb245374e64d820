/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-bank-search"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-bank.h"
#include "yrs-bank-search.h"

struct _YrsBankSearch
{
  GObject     parent_instance;

  gboolean    for_branches;
  char       *query;
  char       *bank_code;
  GListStore *results;     /* YrsBankChoice */
  gboolean    has_more;
};

G_DEFINE_FINAL_TYPE (YrsBankSearch, yrs_bank_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUERY,
  PROP_BANK_CODE,
  PROP_FOR_BRANCHES,
  PROP_RESULTS,
  PROP_N_RESULTS,
  PROP_HAS_MORE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_query (YrsBankSearch *self)
{
  if (self->query == NULL)
    return FALSE;
  for (const char *p = self->query; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
search (YrsBankSearch *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const YrsBank *bank = NULL;
  guint n;

  if (!self->for_branches)
    found = yrs_bank_search (self->query, YRS_BANK_SEARCH_MAX_RESULTS + 1);
  else if ((bank = yrs_bank_lookup (self->bank_code)) != NULL)
    found = yrs_bank_search_branches (bank, self->query, YRS_BANK_SEARCH_MAX_RESULTS + 1);
  else
    found = g_ptr_array_new ();

  n = MIN (found->len, YRS_BANK_SEARCH_MAX_RESULTS);
  for (guint i = 0; i < n; i++)
    {
      if (self->for_branches)
        {
          const YrsBranch *branch = g_ptr_array_index (found, i);

          g_ptr_array_add (items, yrs_bank_choice_new (branch->code, branch->name, branch->kana));
        }
      else
        {
          const YrsBank *b = g_ptr_array_index (found, i);

          g_ptr_array_add (items, yrs_bank_choice_new (yrs_bank_get_code (b), yrs_bank_get_name (b),
                                                       yrs_bank_get_kana (b)));
        }
    }
  self->has_more = found->len > n;
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
yrs_bank_search_finalize (GObject *object)
{
  YrsBankSearch *self = YRS_BANK_SEARCH (object);

  g_free (self->query);
  g_free (self->bank_code);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (yrs_bank_search_parent_class)->finalize (object);
}

static void
yrs_bank_search_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsBankSearch *self = YRS_BANK_SEARCH (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, yrs_bank_search_get_query (self));
      break;
    case PROP_BANK_CODE:
      g_value_set_string (value, self->bank_code);
      break;
    case PROP_FOR_BRANCHES:
      g_value_set_boolean (value, self->for_branches);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;
    case PROP_N_RESULTS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->results)));
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    case PROP_STATUS:
      g_value_take_string (value, yrs_bank_search_dup_status (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_bank_search_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YrsBankSearch *self = YRS_BANK_SEARCH (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      yrs_bank_search_set_query (self, g_value_get_string (value));
      break;
    case PROP_BANK_CODE:
      yrs_bank_search_set_bank_code (self, g_value_get_string (value));
      break;
    case PROP_FOR_BRANCHES:
      self->for_branches = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_bank_search_class_init (YrsBankSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_bank_search_finalize;
  object_class->get_property = yrs_bank_search_get_property;
  object_class->set_property = yrs_bank_search_set_property;

  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL, rw);
  properties[PROP_BANK_CODE] = g_param_spec_string ("bank-code", NULL, NULL, NULL, rw);
  properties[PROP_FOR_BRANCHES] = g_param_spec_boolean ("for-branches", NULL, NULL, FALSE,
                                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULTS] = g_param_spec_object ("results", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_RESULTS] = g_param_spec_uint ("n-results", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE, ro);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_bank_search_init (YrsBankSearch *self)
{
  self->results = g_list_store_new (YRS_TYPE_BANK_CHOICE);
}

YrsBankSearch *
yrs_bank_search_new (gboolean for_branches)
{
  return g_object_new (YRS_TYPE_BANK_SEARCH, "for-branches", for_branches, NULL);
}

const char *
yrs_bank_search_get_query (YrsBankSearch *self)
{
  g_return_val_if_fail (YRS_IS_BANK_SEARCH (self), NULL);
  return self->query != NULL ? self->query : "";
}

void
yrs_bank_search_set_query (YrsBankSearch *self,
                           const char    *query)
{
  g_return_if_fail (YRS_IS_BANK_SEARCH (self));

  if (query != NULL && *query == '\0')
    query = NULL;
  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const char *
yrs_bank_search_get_bank_code (YrsBankSearch *self)
{
  g_return_val_if_fail (YRS_IS_BANK_SEARCH (self), NULL);
  return self->bank_code;
}

void
yrs_bank_search_set_bank_code (YrsBankSearch *self,
                               const char    *bank_code)
{
  g_return_if_fail (YRS_IS_BANK_SEARCH (self));

  if (g_strcmp0 (self->bank_code, bank_code) == 0)
    return;
  g_free (self->bank_code);
  self->bank_code = g_strdup (bank_code);
  search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANK_CODE]);
}

GListModel *
yrs_bank_search_get_results (YrsBankSearch *self)
{
  g_return_val_if_fail (YRS_IS_BANK_SEARCH (self), NULL);
  return G_LIST_MODEL (self->results);
}

gboolean
yrs_bank_search_get_has_more (YrsBankSearch *self)
{
  g_return_val_if_fail (YRS_IS_BANK_SEARCH (self), FALSE);
  return self->has_more;
}

char *
yrs_bank_search_dup_status (YrsBankSearch *self)
{
  g_return_val_if_fail (YRS_IS_BANK_SEARCH (self), NULL);

  if (self->for_branches && yrs_bank_lookup (self->bank_code) == NULL)
    return g_strdup (_("Choose the bank first."));
  if (!has_query (self))
    return g_strdup ("");
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return g_strdup (self->for_branches
                     ? _("No branch of this bank has that name. Check the spelling, or type less of it.")
                     : _("No bank has that name. Check the spelling, or type less of it."));
  if (self->has_more)
    return g_strdup (_("There are more: type more of the name to find yours."));
  return g_strdup ("");
}
