/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-postcode"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "yrs-form.h"
#include "yrs-postcode.h"
#include "yrs-data-resources.h"

#define TABLE_PATH "/org/yorisoi/Yorisoi/core/postcodes.tsv"

typedef struct
{
  GHashTable *codes;    /* "6500001" -> GArray of YrsPostcodePlace */
  GBytes     *bytes;    /* the text the places point into */
  char       *source;
} Table;

static void
free_places (gpointer data)
{
  g_array_unref (data);
}

/* Splits the TSV in place: the places point into one copy of the text,
 * kept for the life of the process. */
static gpointer
load_table (gpointer data)
{
  Table *table = g_new0 (Table, 1);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resource_lookup_data (yrs_data_get_resource (), TABLE_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  char *text, *line, *next;

  table->codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_places);
  if (bytes == NULL)
    {
      g_critical ("The postcode table is missing: %s", error->message);
      table->source = g_strdup ("");
      return table;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_bytes_unref (bytes);
  table->bytes = g_bytes_new_take (text, strlen (text) + 1);

  for (line = text; line != NULL && *line != '\0'; line = next)
    {
      char *fields[3] = { line, NULL, NULL };
      YrsPostcodePlace place;
      GArray *places;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      if (line[0] == '#')
        {
          if (table->source == NULL && g_str_has_prefix (line, "# source "))
            table->source = g_strdup (line + strlen ("# source "));
          continue;
        }
      if ((fields[1] = strchr (fields[0], '\t')) == NULL ||
          (fields[2] = strchr (fields[1] + 1, '\t')) == NULL)
        continue;
      *fields[1]++ = '\0';
      *fields[2]++ = '\0';

      place.ward = fields[1];
      place.town = fields[2];
      places = g_hash_table_lookup (table->codes, fields[0]);
      if (places == NULL)
        {
          places = g_array_new (FALSE, FALSE, sizeof (YrsPostcodePlace));
          g_hash_table_insert (table->codes, fields[0], places);
        }
      g_array_append_val (places, place);
    }
  if (table->source == NULL)
    table->source = g_strdup ("");
  return table;
}

static Table *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_table, NULL);
}

const YrsPostcodePlace *
yrs_postcode_lookup (const char *code,
                     guint      *n_places)
{
  g_autofree char *digits = NULL;
  g_autofree char *trimmed = NULL;
  GArray *places;

  if (n_places != NULL)
    *n_places = 0;
  if (code == NULL)
    return NULL;
  trimmed = g_strdup (g_str_has_prefix (code, "〒") ? code + strlen ("〒") : code);
  if (!yrs_form_check_postal_code (g_strstrip (trimmed), &digits, NULL))
    return NULL;

  places = g_hash_table_lookup (get_table ()->codes, digits);
  if (places == NULL)
    return NULL;
  if (n_places != NULL)
    *n_places = places->len;
  return (const YrsPostcodePlace *) places->data;
}

const char *
yrs_postcode_get_city (void)
{
  return YRS_POSTCODE_CITY;
}

const char *
yrs_postcode_get_source (void)
{
  return get_table ()->source;
}
