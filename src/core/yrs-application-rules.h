/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-application-rules.h: what an application form decides, as pure
 * functions of (catalogue, values, date): which support payment is applied
 * for, whether a registration's child date is a birth or a due date, and
 * which ward (and address text) a postal code gives. */

#pragma once

#include <glib.h>

#include "yrs-catalog.h"
#include "yrs-date.h"

G_BEGIN_DECLS

/* The support payments share one form, whose "payment.which" choice
 * ("pregnancy" or "birth") decides the programme applied for:
 * "support_payment_birth" for "birth", "support_payment_pregnancy"
 * otherwise. */
const char *yrs_application_support_payment_programme (const char *payment_which);

/* The "payment.which" a form opened from a result card starts with: the
 * card's programme says which payment it was ("birth" for
 * "support_payment_birth", "pregnancy" for anything else). */
const char *yrs_application_default_payment_which     (const char *card_programme);

typedef enum
{
  YRS_CHILD_DATE_BORN,   /* the date of birth: on or before as-of */
  YRS_CHILD_DATE_DUE,    /* the due date: after as-of */
} YrsChildDateKind;

/* A registration's one child date is the birth date, or, when it is after
 * the as-of date, the due date. */
YrsChildDateKind yrs_application_child_date_kind      (YrsDate     date,
                                                       YrsDate     as_of);

/* The ward of a postal code (7 digits, hyphen and full-width digits
 * accepted), or NULL when it is not in the city. */
const char *yrs_application_ward_for_postal_code      (YrsCatalog *catalog,
                                                       const char *postal_code);

/* The address a postal code fills in: the ward's address text, and in
 * Japanese the town when the postcode table (yrs-postcode.h) gives one
 * town of that ward for the code (〒650-0001: 兵庫県神戸市中央区加納町;
 * where it gives several, she writes the town herself), when the code is
 * in the city and the address is empty or still holds what an earlier
 * code filled in (`filled_before`); NULL when the address should stay as
 * it is (the person wrote it, or the code is not the city's). Free with
 * g_free. */
char       *yrs_application_ward_address              (YrsCatalog *catalog,
                                                       const char *postal_code,
                                                       const char *current_address,
                                                       const char *filled_before,
                                                       YrsLang     lang);

/* The city as people write it in an address: in Japanese the postcode
 * table's city without its prefecture ("神戸市" of "兵庫県神戸市"), in
 * English the city of the catalogue's ward addresses ("Kobe" of
 * "Chuo-ku, Kobe, Hyogo"; the Japanese name when the catalogue has no
 * wards). Free with g_free. */
char       *yrs_application_city_name                 (YrsCatalog *catalog,
                                                       YrsLang     lang);

/* "Where you live": a postcode of the city, as the postcode table
 * (yrs-postcode.h) knows them. A code that is not 7 digits is the
 * format check's business (yrs_form_check_postal_code()); one of
 * another city (〒100-0001) gives YRS_FORM_ERROR_NOT_IN_CITY with a
 * sentence naming the city in `lang`. */
gboolean    yrs_application_check_home_postal_code    (YrsCatalog *catalog,
                                                       const char *postal_code,
                                                       YrsLang     lang,
                                                       GError    **error);
/* An address in the city names it (either language's name, full-width
 * letters and case aside): else YRS_FORM_ERROR_NOT_IN_CITY. An empty
 * address is the required check's business (TRUE here). */
gboolean    yrs_application_check_home_address        (YrsCatalog *catalog,
                                                       const char *address,
                                                       YrsLang     lang,
                                                       GError    **error);

/* The places a postal code of several places (towns, or wards) offers
 * when the address is empty or only holds what an earlier code filled in:
 * each the whole address to fill, in Japanese in every language
 * (〒651-2121: 兵庫県神戸市西区水谷, 兵庫県神戸市西区玉津町水谷), in the
 * table's order. NULL for a code of one place, none, or an address she
 * wrote herself. Free with g_strfreev(). */
char      **yrs_application_address_choices           (const char *postal_code,
                                                       const char *current_address,
                                                       const char *filled_before);

G_END_DECLS
