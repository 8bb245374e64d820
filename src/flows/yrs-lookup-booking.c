/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-lookup-booking"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-lookup-booking-private.h"
#include "yrs-slot-time.h"

struct _YrsLookupBooking
{
  GObject      parent_instance;

  YrsCatalog  *catalog;
  char        *id;
  char        *reference;
  char        *facility;
  char        *starts_at;
  char        *ends_at;
  YrsCareKind  kind;
  gboolean     cancelled;
  gboolean     to_come;
};

G_DEFINE_FINAL_TYPE (YrsLookupBooking, yrs_lookup_booking, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REFERENCE,
  PROP_TITLE,
  PROP_WHEN,
  PROP_STATUS_LABEL,
  PROP_CAN_CANCEL,
  PROP_ACCESSIBLE_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_when (YrsLookupBooking *self)
{
  return yrs_slot_time_format (self->starts_at, self->ends_at, TRUE);
}

static const char *
status_label (YrsLookupBooking *self)
{
  if (self->cancelled)
    return _("Cancelled");
  return self->to_come ? _("Booked") : _("Past");
}

char *
yrs_lookup_booking_dup_title (YrsLookupBooking *self)
{
  const YrsFacility *facility;

  g_return_val_if_fail (YRS_IS_LOOKUP_BOOKING (self), NULL);

  facility = self->catalog != NULL ? yrs_catalog_lookup_facility (self->catalog, self->facility) : NULL;
  /* Translators: a booking: "facility name: kind of care" */
  return g_strdup_printf (_("%s: %s"),
                          facility != NULL ? yrs_facility_get_name (facility, yrs_i18n_get_lang ())
                                           : self->facility,
                          yrs_care_kind_get_label (self->kind));
}

static void
yrs_lookup_booking_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  YrsLookupBooking *self = YRS_LOOKUP_BOOKING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_TITLE:
      g_value_take_string (value, yrs_lookup_booking_dup_title (self));
      break;
    case PROP_WHEN:
      g_value_take_string (value, dup_when (self));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, status_label (self));
      break;
    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, yrs_lookup_booking_get_can_cancel (self));
      break;
    case PROP_ACCESSIBLE_LABEL:
      {
        g_autofree char *title = yrs_lookup_booking_dup_title (self);
        g_autofree char *when = dup_when (self);

        /* Translators: a booking read out: title, time, status, reference */
        g_value_take_string (value, g_strdup_printf (_("%s, %s: %s (%s)"), title, when,
                                                     status_label (self), self->reference));
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_lookup_booking_finalize (GObject *object)
{
  YrsLookupBooking *self = YRS_LOOKUP_BOOKING (object);

  g_clear_object (&self->catalog);
  g_free (self->id);
  g_free (self->reference);
  g_free (self->facility);
  g_free (self->starts_at);
  g_free (self->ends_at);

  G_OBJECT_CLASS (yrs_lookup_booking_parent_class)->finalize (object);
}

static void
yrs_lookup_booking_class_init (YrsLookupBookingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_lookup_booking_get_property;
  object_class->finalize = yrs_lookup_booking_finalize;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, RO);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_WHEN] = g_param_spec_string ("when", NULL, NULL, NULL, RO);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, RO);
  properties[PROP_CAN_CANCEL] = g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE, RO);
  properties[PROP_ACCESSIBLE_LABEL] = g_param_spec_string ("accessible-label", NULL, NULL, NULL, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_lookup_booking_init (YrsLookupBooking *self)
{
}

YrsLookupBooking *
_yrs_lookup_booking_new (YrsCatalog                *catalog,
                         const YrsApiLookupBooking *booking,
                         gint64                     now_unix)
{
  YrsLookupBooking *self = g_object_new (YRS_TYPE_LOOKUP_BOOKING, NULL);
  g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (booking->starts_at, NULL);

  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  self->id = g_strdup (booking->id);
  self->reference = g_strdup (booking->reference);
  self->facility = g_strdup (booking->facility);
  self->starts_at = g_strdup (booking->starts_at);
  self->ends_at = g_strdup (booking->ends_at);
  self->kind = (YrsCareKind) booking->kind;   /* the same order: stay, day, visit */
  self->cancelled = booking->status == YRS_API_RESERVATION_CANCELLED;
  self->to_come = starts != NULL && g_date_time_to_unix (starts) > now_unix;
  return self;
}

const char *
yrs_lookup_booking_get_id (YrsLookupBooking *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_BOOKING (self), NULL);
  return self->id;
}

const char *
yrs_lookup_booking_get_reference (YrsLookupBooking *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_BOOKING (self), NULL);
  return self->reference;
}

gboolean
yrs_lookup_booking_get_can_cancel (YrsLookupBooking *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_BOOKING (self), FALSE);
  return !self->cancelled && self->to_come;
}
