/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-application-rules"

#include "config.h"

#include "yrs-application-rules.h"
#include "yrs-postcode.h"

const char *
yrs_application_support_payment_programme (const char *payment_which)
{
  return g_strcmp0 (payment_which, "birth") == 0
         ? "support_payment_birth" : "support_payment_pregnancy";
}

const char *
yrs_application_default_payment_which (const char *card_programme)
{
  return g_strcmp0 (card_programme, "support_payment_birth") == 0 ? "birth" : "pregnancy";
}

YrsChildDateKind
yrs_application_child_date_kind (YrsDate date,
                                 YrsDate as_of)
{
  return yrs_date_compare (date, as_of) > 0 ? YRS_CHILD_DATE_DUE : YRS_CHILD_DATE_BORN;
}

const char *
yrs_application_ward_for_postal_code (YrsCatalog *catalog,
                                      const char *postal_code)
{
  const YrsWard *ward;

  if (catalog == NULL || postal_code == NULL)
    return NULL;
  ward = yrs_catalog_lookup_postal_code (catalog, postal_code);
  return ward != NULL ? yrs_ward_get_id (ward) : NULL;
}

char *
yrs_application_ward_address (YrsCatalog *catalog,
                              const char *postal_code,
                              const char *current_address,
                              const char *filled_before,
                              YrsLang     lang)
{
  const YrsWard *ward;

  if (catalog == NULL || postal_code == NULL)
    return NULL;
  ward = yrs_catalog_lookup_postal_code (catalog, postal_code);
  if (ward == NULL)
    return NULL;
  if (current_address != NULL && *current_address != '\0' &&
      g_strcmp0 (current_address, filled_before) != 0)
    return NULL;
  if (lang == YRS_LANG_JA)
    {
      guint n = 0;
      const YrsPostcodePlace *places = yrs_postcode_lookup (postal_code, &n);

      if (n == 1 && *places[0].town != '\0' &&
          g_str_equal (places[0].ward, yrs_ward_get_name (ward, YRS_LANG_JA)))
        return g_strconcat (yrs_ward_get_address (ward, lang), places[0].town, NULL);
    }
  return g_strdup (yrs_ward_get_address (ward, lang));
}

char **
yrs_application_address_choices (const char *postal_code,
                                 const char *current_address,
                                 const char *filled_before)
{
  const YrsPostcodePlace *places;
  GPtrArray *choices;
  guint n = 0;

  if (postal_code == NULL)
    return NULL;
  if (current_address != NULL && *current_address != '\0' &&
      g_strcmp0 (current_address, filled_before) != 0)
    return NULL;
  places = yrs_postcode_lookup (postal_code, &n);
  if (n < 2)
    return NULL;
  choices = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      char *address = g_strconcat (yrs_postcode_get_city (), places[i].ward, places[i].town, NULL);

      /* The table can name a place twice (two spellings that read the same
       * once joined); offer it once. */
      if (!g_ptr_array_find_with_equal_func (choices, address, g_str_equal, NULL))
        g_ptr_array_add (choices, address);
      else
        g_free (address);
    }
  if (choices->len < 2)
    {
      g_ptr_array_set_free_func (choices, g_free);
      g_ptr_array_unref (choices);
      return NULL;
    }
  g_ptr_array_add (choices, NULL);
  return (char **) g_ptr_array_free (choices, FALSE);
}
