/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-application-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "yrs-application-rules.h"
#include "yrs-form.h"
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

/* "兵庫県神戸市" -> "神戸市": what follows the prefecture (県, 府, then
 * 都 and 道, so that 京都府 and 北海道 come out right). */
static char *
city_without_prefecture (const char *city)
{
  static const char *ends[] = { "県", "府", "都", "道" };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      const char *end = strstr (city, ends[i]);

      if (end != NULL && end[strlen (ends[i])] != '\0')
        return g_strdup (end + strlen (ends[i]));
    }
  return g_strdup (city);
}

char *
yrs_application_city_name (YrsCatalog *catalog,
                           YrsLang     lang)
{
  if (lang == YRS_LANG_EN && catalog != NULL && yrs_catalog_get_n_wards (catalog) > 0)
    {
      const char *address = yrs_ward_get_address (yrs_catalog_get_ward (catalog, 0), YRS_LANG_EN);
      g_auto(GStrv) parts = address != NULL ? g_strsplit (address, ",", -1) : NULL;

      if (parts != NULL && g_strv_length (parts) >= 2)
        {
          g_strstrip (parts[1]);
          if (*parts[1] != '\0')
            return g_strdup (parts[1]);
        }
    }
  return city_without_prefecture (yrs_postcode_get_city ());
}

gboolean
yrs_application_check_home_postal_code (YrsCatalog *catalog,
                                        const char *postal_code,
                                        YrsLang     lang,
                                        GError    **error)
{
  g_autofree char *digits = NULL;
  g_autofree char *city = NULL;
  g_autofree char *shown = NULL;

  if (postal_code == NULL || !yrs_form_check_postal_code (postal_code, &digits, NULL))
    return TRUE;
  if (yrs_postcode_lookup (digits, NULL) != NULL)
    return TRUE;

  city = yrs_application_city_name (catalog, lang);
  shown = yrs_form_format_postal_code (digits);
  /* Translators: the first %s is a postal code (100-0001), the second the city (Kobe) */
  g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_IN_CITY,
               _("〒%s is not a postal code of %s. Enter the postal code of where you live in %s."),
               shown, city, city);
  return FALSE;
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return normal != NULL ? g_utf8_casefold (normal, -1) : NULL;
}

gboolean
yrs_application_check_home_address (YrsCatalog *catalog,
                                    const char *address,
                                    YrsLang     lang,
                                    GError    **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *city = NULL;

  if (address == NULL || *address == '\0' || !g_utf8_validate (address, -1, NULL))
    return TRUE;
  folded = fold (address);
  if (folded == NULL)
    return TRUE;
  for (YrsLang l = YRS_LANG_JA; l <= YRS_LANG_EN; l++)
    {
      g_autofree char *name = yrs_application_city_name (catalog, l);
      g_autofree char *folded_name = fold (name);

      if (folded_name != NULL && *folded_name != '\0' && strstr (folded, folded_name) != NULL)
        return TRUE;
    }

  city = yrs_application_city_name (catalog, lang);
  /* Translators: %s is the city (Kobe) */
  g_set_error (error, YRS_FORM_ERROR, YRS_FORM_ERROR_NOT_IN_CITY,
               _("Include the city (%s) in the address."), city);
  return FALSE;
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
