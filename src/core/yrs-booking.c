/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-booking"

#include "config.h"

#include "yrs-booking.h"

int
yrs_booking_choice_after_months (YrsCatalog *catalog,
                                 YrsDate     on)
{
  const YrsProgramme *programme;
  const YrsParam *param;
  YrsValue value;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), -1);

  programme = yrs_catalog_lookup_programme (catalog, "postpartum_care");
  param = programme != NULL ? yrs_programme_get_param (programme, "facility_choice_after_months") : NULL;
  if (param == NULL || !yrs_param_lookup (param, on, &value, NULL) || value.type != YRS_VALUE_INT)
    return -1;
  return (int) value.i;
}

gboolean
yrs_booking_is_over_choice_age (YrsCatalog *catalog,
                                YrsAnswers *answers,
                                YrsDate     on)
{
  YrsDate born = YRS_DATE_NONE;
  int months;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  months = yrs_booking_choice_after_months (catalog, on);
  if (months < 0 || !yrs_answers_get_date (answers, "birth.born_on", &born))
    return FALSE;
  return yrs_date_age_in_months (born, on) >= months;
}

gboolean
yrs_booking_may_choose (const YrsFacility *facility,
                        YrsCareKind        kind,
                        const char        *ward,
                        gboolean           over_choice_age,
                        gboolean           siblings,
                        gint64            *fee_yen)
{
  g_return_val_if_fail (facility != NULL, FALSE);

  if (!yrs_facility_offers (facility, kind, fee_yen))
    return FALSE;
  if (ward != NULL && g_strcmp0 (yrs_facility_get_ward (facility), ward) != 0)
    return FALSE;
  if (over_choice_age && !yrs_facility_get_accepts_over_4_months (facility))
    return FALSE;
  if (siblings && !yrs_facility_get_accepts_siblings (facility))
    return FALSE;
  return TRUE;
}

YrsBookingGate
yrs_booking_gate (YrsAnswers *answers,
                  gboolean    registration_accepted)
{
  gboolean infectious = FALSE;
  gboolean answered;

  g_return_val_if_fail (answers != NULL, YRS_BOOKING_GATE_UNANSWERED);

  answered = yrs_answers_get_bool (answers, "health.infectious_today", &infectious);
  if (answered && infectious)
    return YRS_BOOKING_GATE_INFECTIOUS;
  if (!registration_accepted)
    return YRS_BOOKING_GATE_NOT_REGISTERED;
  if (!answered)
    return YRS_BOOKING_GATE_UNANSWERED;
  return YRS_BOOKING_GATE_OPEN;
}
