/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-slot-time"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "yrs-i18n.h"
#include "yrs-slot-time.h"

char *
yrs_slot_time_format (const char *starts_at,
                      const char *ends_at,
                      gboolean    with_date)
{
  g_autofree char *times = NULL;
  g_autofree char *start = NULL;
  char day[11] = { 0 };
  YrsDate date;

  if (starts_at == NULL || strlen (starts_at) < 16)
    return g_strdup (starts_at != NULL ? starts_at : "");

  start = g_strndup (starts_at + 11, 5);
  if (ends_at == NULL || strlen (ends_at) < 16)
    times = g_strdup (start);
  else
    {
      g_autofree char *end = g_strndup (ends_at + 11, 5);

      if (strncmp (starts_at, ends_at, 10) != 0)
        /* Translators: the time of an overnight stay, e.g. “10:00–next day 10:00” */
        times = g_strdup_printf (_("%s–next day %s"), start, end);
      else
        times = g_strdup_printf ("%s–%s", start, end);
    }

  memcpy (day, starts_at, 10);
  if (!with_date || !yrs_date_parse_iso (day, &date, NULL))
    return g_steal_pointer (&times);
  {
    g_autofree char *date_text = yrs_date_format (date, yrs_i18n_get_lang ());

    return g_strdup_printf ("%s %s", date_text, times);
  }
}
