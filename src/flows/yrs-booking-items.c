/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-booking-items"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-booking-items.h"
#include "yrs-i18n.h"
#include "yrs-slot-time.h"

/* ---- YrsFacilityItem ---------------------------------------------------- */

struct _YrsFacilityItem
{
  GObject      parent_instance;

  YrsCatalog  *catalog;
  char        *id;
  YrsCareKind  kind;
};

G_DEFINE_FINAL_TYPE (YrsFacilityItem, yrs_facility_item, G_TYPE_OBJECT)

enum {
  FACILITY_PROP_0,
  FACILITY_PROP_ID,
  FACILITY_PROP_NAME,
  FACILITY_PROP_META,
  FACILITY_PROP_FEE_TEXT,
  FACILITY_PROP_ACCESSIBLE_LABEL,
  FACILITY_N_PROPS
};

static GParamSpec *facility_properties[FACILITY_N_PROPS];

static char *
facility_fee_text (const YrsFacility *facility,
                   YrsCareKind        kind)
{
  gint64 fee = -1;
  g_autofree char *money = NULL;

  yrs_facility_offers (facility, kind, &fee);
  money = yrs_money_format (fee, yrs_i18n_get_lang ());
  if (yrs_facility_get_sample (facility))
    /* Translators: a facility's own fee, before the city's reductions; the figure is an example */
    return g_strdup_printf (_("Facility fee: the ward will confirm it (sample figure: %s per use before reductions)"), money);
  /* Translators: a facility's own fee, before the city's reductions */
  return g_strdup_printf (_("Facility fee %s per use before reductions"), money);
}

static void
yrs_facility_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YrsFacilityItem *self = YRS_FACILITY_ITEM (object);
  const YrsFacility *facility = yrs_catalog_lookup_facility (self->catalog, self->id);
  YrsLang lang = yrs_i18n_get_lang ();

  if (facility == NULL && prop_id != FACILITY_PROP_ID)
    {
      g_value_set_string (value, "");
      return;
    }

  switch (prop_id)
    {
    case FACILITY_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case FACILITY_PROP_NAME:
      g_value_set_string (value, yrs_facility_get_name (facility, lang));
      break;
    case FACILITY_PROP_META:
      {
        const YrsWard *ward = yrs_catalog_lookup_ward (self->catalog, yrs_facility_get_ward (facility));

        g_value_take_string (value,
                             g_strdup_printf ("%s · %s · %s",
                                              yrs_facility_get_facility_type (facility) == YRS_FACILITY_JOSANJO
                                              ? _("Midwife home") : _("Clinic or hospital"),
                                              ward != NULL ? yrs_ward_get_name (ward, lang) : "",
                                              yrs_facility_get_address (facility, lang)));
      }
      break;
    case FACILITY_PROP_FEE_TEXT:
      g_value_take_string (value, facility_fee_text (facility, self->kind));
      break;
    case FACILITY_PROP_ACCESSIBLE_LABEL:
      {
        g_autofree char *fee = facility_fee_text (facility, self->kind);

        g_value_take_string (value, g_strdup_printf ("%s. %s", yrs_facility_get_name (facility, lang), fee));
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_facility_item_finalize (GObject *object)
{
  YrsFacilityItem *self = YRS_FACILITY_ITEM (object);

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (yrs_facility_item_parent_class)->finalize (object);
}

static void
yrs_facility_item_class_init (YrsFacilityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_facility_item_finalize;
  object_class->get_property = yrs_facility_item_get_property;

  facility_properties[FACILITY_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  facility_properties[FACILITY_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  facility_properties[FACILITY_PROP_META] =
    g_param_spec_string ("meta", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  facility_properties[FACILITY_PROP_FEE_TEXT] =
    g_param_spec_string ("fee-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  facility_properties[FACILITY_PROP_ACCESSIBLE_LABEL] =
    g_param_spec_string ("accessible-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, FACILITY_N_PROPS, facility_properties);
}

static void
yrs_facility_item_init (YrsFacilityItem *self)
{
}

YrsFacilityItem *
_yrs_facility_item_new (YrsCatalog        *catalog,
                        const YrsFacility *facility,
                        YrsCareKind        kind)
{
  YrsFacilityItem *self = g_object_new (YRS_TYPE_FACILITY_ITEM, NULL);

  self->catalog = g_object_ref (catalog);
  self->id = g_strdup (yrs_facility_get_id (facility));
  self->kind = kind;
  return self;
}

const char *
yrs_facility_item_get_id (YrsFacilityItem *self)
{
  g_return_val_if_fail (YRS_IS_FACILITY_ITEM (self), NULL);

  return self->id;
}

/* ---- YrsWardItem -------------------------------------------------------- */

struct _YrsWardItem
{
  GObject     parent_instance;

  YrsCatalog *catalog;
  char       *id;
};

G_DEFINE_FINAL_TYPE (YrsWardItem, yrs_ward_item, G_TYPE_OBJECT)

enum {
  WARD_PROP_0,
  WARD_PROP_ID,
  WARD_PROP_NAME,
  WARD_N_PROPS
};

static GParamSpec *ward_properties[WARD_N_PROPS];

static void
yrs_ward_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YrsWardItem *self = YRS_WARD_ITEM (object);

  switch (prop_id)
    {
    case WARD_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case WARD_PROP_NAME:
      if (self->id == NULL)
        g_value_set_string (value, _("All wards"));
      else
        {
          const YrsWard *ward = yrs_catalog_lookup_ward (self->catalog, self->id);

          g_value_set_string (value, ward != NULL ? yrs_ward_get_name (ward, yrs_i18n_get_lang ()) : self->id);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_ward_item_finalize (GObject *object)
{
  YrsWardItem *self = YRS_WARD_ITEM (object);

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (yrs_ward_item_parent_class)->finalize (object);
}

static void
yrs_ward_item_class_init (YrsWardItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_ward_item_finalize;
  object_class->get_property = yrs_ward_item_get_property;

  ward_properties[WARD_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  ward_properties[WARD_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, WARD_N_PROPS, ward_properties);
}

static void
yrs_ward_item_init (YrsWardItem *self)
{
}

YrsWardItem *
_yrs_ward_item_new (YrsCatalog *catalog,
                    const char *id)
{
  YrsWardItem *self = g_object_new (YRS_TYPE_WARD_ITEM, NULL);

  self->catalog = g_object_ref (catalog);
  self->id = g_strdup (id);
  return self;
}

const char *
yrs_ward_item_get_id (YrsWardItem *self)
{
  g_return_val_if_fail (YRS_IS_WARD_ITEM (self), NULL);

  return self->id;
}

/* ---- YrsCalendarDay ----------------------------------------------------- */

struct _YrsCalendarDay
{
  GObject  parent_instance;

  YrsDate  date;
  char     iso[11];
  gboolean past;
  int      free;     /* -1: no slots */
  gboolean chosen;
};

G_DEFINE_FINAL_TYPE (YrsCalendarDay, yrs_calendar_day, G_TYPE_OBJECT)

enum {
  DAY_PROP_0,
  DAY_PROP_DATE,
  DAY_PROP_FREE,
  DAY_PROP_LABEL,
  DAY_PROP_ACCESSIBLE_LABEL,
  DAY_PROP_SENSITIVE,
  DAY_PROP_HAS_FREE,
  DAY_PROP_CHOSEN,
  DAY_N_PROPS
};

static GParamSpec *day_properties[DAY_N_PROPS];

char *
yrs_calendar_day_dup_label (YrsCalendarDay *self)
{
  g_return_val_if_fail (YRS_IS_CALENDAR_DAY (self), NULL);

  if (self->past || self->free < 0)
    return g_strdup_printf ("%d\n–", self->date.day);
  if (self->free == 0)
    return g_strdup_printf ("%d\n%s", self->date.day, C_("calendar", "Full"));
  /* Translators: a calendar day: the day of the month, and the free places below it */
  return g_strdup_printf (_("%d\n%d free"), self->date.day, self->free);
}

char *
yrs_calendar_day_dup_accessible_label (YrsCalendarDay *self)
{
  g_autofree char *long_date = NULL;

  g_return_val_if_fail (YRS_IS_CALENDAR_DAY (self), NULL);

  long_date = yrs_date_format (self->date, yrs_i18n_get_lang ());
  if (self->free > 0)
    return g_strdup_printf (ngettext ("%s: %d place free", "%s: %d places free", self->free),
                            long_date, self->free);
  if (self->free == 0)
    return g_strdup_printf (_("%s: full"), long_date);
  return g_strdup_printf (_("%s: no places"), long_date);
}

static void
yrs_calendar_day_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsCalendarDay *self = YRS_CALENDAR_DAY (object);

  switch (prop_id)
    {
    case DAY_PROP_DATE:
      g_value_set_string (value, self->iso);
      break;
    case DAY_PROP_FREE:
      g_value_set_int (value, self->free);
      break;
    case DAY_PROP_LABEL:
      g_value_take_string (value, yrs_calendar_day_dup_label (self));
      break;
    case DAY_PROP_ACCESSIBLE_LABEL:
      g_value_take_string (value, yrs_calendar_day_dup_accessible_label (self));
      break;
    case DAY_PROP_SENSITIVE:
      g_value_set_boolean (value, yrs_calendar_day_get_sensitive (self));
      break;
    case DAY_PROP_HAS_FREE:
      g_value_set_boolean (value, self->free > 0);
      break;
    case DAY_PROP_CHOSEN:
      g_value_set_boolean (value, self->chosen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_calendar_day_class_init (YrsCalendarDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = yrs_calendar_day_get_property;

  day_properties[DAY_PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  day_properties[DAY_PROP_FREE] =
    g_param_spec_int ("free", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  day_properties[DAY_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  day_properties[DAY_PROP_ACCESSIBLE_LABEL] =
    g_param_spec_string ("accessible-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  day_properties[DAY_PROP_SENSITIVE] =
    g_param_spec_boolean ("sensitive", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  day_properties[DAY_PROP_HAS_FREE] =
    g_param_spec_boolean ("has-free", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  day_properties[DAY_PROP_CHOSEN] =
    g_param_spec_boolean ("chosen", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, DAY_N_PROPS, day_properties);
}

static void
yrs_calendar_day_init (YrsCalendarDay *self)
{
  self->free = -1;
}

YrsCalendarDay *
_yrs_calendar_day_new (YrsDate date,
                       YrsDate today)
{
  YrsCalendarDay *self = g_object_new (YRS_TYPE_CALENDAR_DAY, NULL);

  self->date = date;
  yrs_date_to_iso_buf (date, self->iso);
  self->past = yrs_date_compare (date, today) < 0;
  return self;
}

void
_yrs_calendar_day_update (YrsCalendarDay *self,
                          int             free,
                          gboolean        chosen)
{
  g_return_if_fail (YRS_IS_CALENDAR_DAY (self));

  /* A past day shows no places, whatever the cache still holds. */
  if (self->past)
    free = -1;
  if (self->free != free)
    {
      gboolean had_free = self->free > 0;

      self->free = free;
      g_object_notify_by_pspec (G_OBJECT (self), day_properties[DAY_PROP_FREE]);
      g_object_notify_by_pspec (G_OBJECT (self), day_properties[DAY_PROP_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), day_properties[DAY_PROP_ACCESSIBLE_LABEL]);
      if (had_free != (free > 0))
        {
          g_object_notify_by_pspec (G_OBJECT (self), day_properties[DAY_PROP_SENSITIVE]);
          g_object_notify_by_pspec (G_OBJECT (self), day_properties[DAY_PROP_HAS_FREE]);
        }
    }
  if (self->chosen != chosen)
    {
      self->chosen = chosen;
      g_object_notify_by_pspec (G_OBJECT (self), day_properties[DAY_PROP_CHOSEN]);
    }
}

const char *
yrs_calendar_day_get_date (YrsCalendarDay *self)
{
  g_return_val_if_fail (YRS_IS_CALENDAR_DAY (self), NULL);

  return self->iso;
}

int
yrs_calendar_day_get_free (YrsCalendarDay *self)
{
  g_return_val_if_fail (YRS_IS_CALENDAR_DAY (self), -1);

  return self->free;
}

gboolean
yrs_calendar_day_get_sensitive (YrsCalendarDay *self)
{
  g_return_val_if_fail (YRS_IS_CALENDAR_DAY (self), FALSE);

  return !self->past && self->free > 0;
}

gboolean
yrs_calendar_day_get_chosen (YrsCalendarDay *self)
{
  g_return_val_if_fail (YRS_IS_CALENDAR_DAY (self), FALSE);

  return self->chosen;
}

/* ---- YrsTimeItem -------------------------------------------------------- */

struct _YrsTimeItem
{
  GObject  parent_instance;

  char    *slot;
  char    *starts_at;
  char    *ends_at;
  int      free;
};

G_DEFINE_FINAL_TYPE (YrsTimeItem, yrs_time_item, G_TYPE_OBJECT)

enum {
  TIME_PROP_0,
  TIME_PROP_SLOT,
  TIME_PROP_TEXT,
  TIME_PROP_FREE,
  TIME_PROP_SENSITIVE,
  TIME_N_PROPS
};

static GParamSpec *time_properties[TIME_N_PROPS];

char *
yrs_time_item_dup_text (YrsTimeItem *self)
{
  g_autofree char *times = NULL;

  g_return_val_if_fail (YRS_IS_TIME_ITEM (self), NULL);

  times = yrs_slot_time_format (self->starts_at, self->ends_at, FALSE);
  if (self->free > 0)
    /* Translators: a time slot and its free places, e.g. “10:00–16:00: 2 places free” */
    return g_strdup_printf (ngettext ("%s: %d place free", "%s: %d places free", self->free),
                            times, self->free);
  /* Translators: a time slot with no free place, e.g. “10:00–16:00: full” */
  return g_strdup_printf (_("%s: full"), times);
}

static void
yrs_time_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YrsTimeItem *self = YRS_TIME_ITEM (object);

  switch (prop_id)
    {
    case TIME_PROP_SLOT:
      g_value_set_string (value, self->slot);
      break;
    case TIME_PROP_TEXT:
      g_value_take_string (value, yrs_time_item_dup_text (self));
      break;
    case TIME_PROP_FREE:
      g_value_set_int (value, self->free);
      break;
    case TIME_PROP_SENSITIVE:
      g_value_set_boolean (value, self->free > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_time_item_finalize (GObject *object)
{
  YrsTimeItem *self = YRS_TIME_ITEM (object);

  g_clear_pointer (&self->slot, g_free);
  g_clear_pointer (&self->starts_at, g_free);
  g_clear_pointer (&self->ends_at, g_free);

  G_OBJECT_CLASS (yrs_time_item_parent_class)->finalize (object);
}

static void
yrs_time_item_class_init (YrsTimeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_time_item_finalize;
  object_class->get_property = yrs_time_item_get_property;

  time_properties[TIME_PROP_SLOT] =
    g_param_spec_string ("slot", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  time_properties[TIME_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  time_properties[TIME_PROP_FREE] =
    g_param_spec_int ("free", NULL, NULL, 0, G_MAXINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  time_properties[TIME_PROP_SENSITIVE] =
    g_param_spec_boolean ("sensitive", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, TIME_N_PROPS, time_properties);
}

static void
yrs_time_item_init (YrsTimeItem *self)
{
}

YrsTimeItem *
_yrs_time_item_new (const char *slot,
                    const char *starts_at,
                    const char *ends_at,
                    int         free)
{
  YrsTimeItem *self = g_object_new (YRS_TYPE_TIME_ITEM, NULL);

  self->slot = g_strdup (slot);
  self->starts_at = g_strdup (starts_at);
  self->ends_at = g_strdup (ends_at);
  self->free = MAX (free, 0);
  return self;
}

const char *
yrs_time_item_get_slot (YrsTimeItem *self)
{
  g_return_val_if_fail (YRS_IS_TIME_ITEM (self), NULL);

  return self->slot;
}

gboolean
yrs_time_item_get_sensitive (YrsTimeItem *self)
{
  g_return_val_if_fail (YRS_IS_TIME_ITEM (self), FALSE);

  return self->free > 0;
}
