/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-session"

#include "config.h"

#include <string.h>

#include "yrs-session.h"

struct _YrsSession
{
  GObject     parent_instance;

  GPtrArray  *pages;   /* names, the last one is shown */
  GHashTable *fields;  /* id -> value */
};

G_DEFINE_FINAL_TYPE (YrsSession, yrs_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

enum {
  FIELD_CHANGED,
  WIPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Overwrite a value before it is freed, so a wiped session leaves no copy
 * of a person's data in freed heap memory. */
static void
free_secret (gpointer data)
{
  char *str = data;

  if (str != NULL)
    {
      explicit_bzero (str, strlen (str));
      g_free (str);
    }
}

static void
yrs_session_finalize (GObject *object)
{
  YrsSession *self = (YrsSession *) object;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (yrs_session_parent_class)->finalize (object);
}

static void
yrs_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YrsSession *self = YRS_SESSION (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, yrs_session_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_session_class_init (YrsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_session_finalize;
  object_class->get_property = yrs_session_get_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL,
                         "welcome",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FIELD_CHANGED] =
    g_signal_new ("field-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals[WIPED] =
    g_signal_new ("wiped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
yrs_session_init (YrsSession *self)
{
  self->pages = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->pages, g_strdup ("welcome"));
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_secret);
}

YrsSession *
yrs_session_new (void)
{
  return g_object_new (YRS_TYPE_SESSION, NULL);
}

const char *
yrs_session_get_page (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

void
yrs_session_push_page (YrsSession *self,
                       const char *name)
{
  g_return_if_fail (YRS_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  if (g_str_equal (name, yrs_session_get_page (self)))
    return;

  g_ptr_array_add (self->pages, g_strdup (name));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

gboolean
yrs_session_pop_page (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), FALSE);

  if (self->pages->len <= 1)
    return FALSE;

  g_ptr_array_remove_index (self->pages, self->pages->len - 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  return TRUE;
}

void
yrs_session_reset_pages (YrsSession *self,
                         const char *name)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_add (self->pages, g_strdup (name));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

const char *
yrs_session_get_field (YrsSession *self,
                       const char *id)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return g_hash_table_lookup (self->fields, id);
}

void
yrs_session_set_field (YrsSession *self,
                       const char *id,
                       const char *value)
{
  const char *old;

  g_return_if_fail (YRS_IS_SESSION (self));
  g_return_if_fail (id != NULL);

  old = g_hash_table_lookup (self->fields, id);
  if (g_strcmp0 (old, value) == 0)
    return;

  if (value == NULL)
    g_hash_table_remove (self->fields, id);
  else
    g_hash_table_insert (self->fields, g_strdup (id), g_strdup (value));

  g_signal_emit (self, signals[FIELD_CHANGED], g_quark_from_string (id), id);
}

GList *
yrs_session_list_fields (YrsSession *self)
{
  g_return_val_if_fail (YRS_IS_SESSION (self), NULL);

  return g_hash_table_get_keys (self->fields);
}

void
yrs_session_wipe (YrsSession *self)
{
  g_return_if_fail (YRS_IS_SESSION (self));

  g_hash_table_remove_all (self->fields);
  yrs_session_reset_pages (self, "welcome");
  g_signal_emit (self, signals[WIPED], 0);
}
