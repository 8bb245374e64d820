/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-booking-items.h: the items of YrsBookingFlow's list models. Small
 * final types with read-only properties for list factories to bind;
 * their sentences are made when read, in the language of that moment (a
 * language switch rebuilds the pages, which read them again). */

#pragma once

#include <glib-object.h>

#include "yrs-catalog.h"

G_BEGIN_DECLS

/* A facility a household may choose: "id", "name", "meta" (type · ward ·
 * address), "fee-text" (its own fee before reductions), "accessible-label"
 * ("name. fee text"). */
#define YRS_TYPE_FACILITY_ITEM (yrs_facility_item_get_type ())
G_DECLARE_FINAL_TYPE (YrsFacilityItem, yrs_facility_item, YRS, FACILITY_ITEM, GObject)

const char *yrs_facility_item_get_id (YrsFacilityItem *self);

/* A ward for the filter: "id" (NULL for all wards) and "name". */
#define YRS_TYPE_WARD_ITEM (yrs_ward_item_get_type ())
G_DECLARE_FINAL_TYPE (YrsWardItem, yrs_ward_item, YRS, WARD_ITEM, GObject)

const char *yrs_ward_item_get_id (YrsWardItem *self);

/* A day of the calendar: "date" (YYYY-MM-DD), "free" (free places, -1 when
 * the day has no slots), "label" ("12\n3 free"), "accessible-label"
 * ("17 April 2025: 3 places free"), "sensitive" (free places, not past),
 * "has-free", "chosen". */
#define YRS_TYPE_CALENDAR_DAY (yrs_calendar_day_get_type ())
G_DECLARE_FINAL_TYPE (YrsCalendarDay, yrs_calendar_day, YRS, CALENDAR_DAY, GObject)

const char *yrs_calendar_day_get_date      (YrsCalendarDay *self);
int         yrs_calendar_day_get_free      (YrsCalendarDay *self);
gboolean    yrs_calendar_day_get_sensitive (YrsCalendarDay *self);
gboolean    yrs_calendar_day_get_chosen    (YrsCalendarDay *self);
char       *yrs_calendar_day_dup_label     (YrsCalendarDay *self);
char       *yrs_calendar_day_dup_accessible_label (YrsCalendarDay *self);

/* A time of the chosen day: "slot" (its ID), "text" ("10:00–16:00: 2
 * places free"), "free", "sensitive" (a free place). */
#define YRS_TYPE_TIME_ITEM (yrs_time_item_get_type ())
G_DECLARE_FINAL_TYPE (YrsTimeItem, yrs_time_item, YRS, TIME_ITEM, GObject)

const char *yrs_time_item_get_slot (YrsTimeItem *self);
char       *yrs_time_item_dup_text (YrsTimeItem *self);
gboolean    yrs_time_item_get_sensitive (YrsTimeItem *self);

/* For YrsBookingFlow. */
YrsFacilityItem *_yrs_facility_item_new   (YrsCatalog        *catalog,
                                           const YrsFacility *facility,
                                           YrsCareKind        kind);
YrsWardItem     *_yrs_ward_item_new       (YrsCatalog        *catalog,
                                           const char        *id);
YrsCalendarDay  *_yrs_calendar_day_new    (YrsDate            date,
                                           YrsDate            today);
/* Notifies what changed. */
void             _yrs_calendar_day_update (YrsCalendarDay    *self,
                                           int                free,
                                           gboolean           chosen);
YrsTimeItem     *_yrs_time_item_new       (const char        *slot,
                                           const char        *starts_at,
                                           const char        *ends_at,
                                           int                free);

G_END_DECLS
