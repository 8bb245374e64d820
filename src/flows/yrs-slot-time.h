/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A slot's time for people, from "YYYY-MM-DDTHH:MM…" start and end:
 * "10:00–16:00", or "10:00–next day 10:00" for a stay overnight, with the
 * date in front ("17 April 2025 10:00–16:00") when `with_date`. */
char *yrs_slot_time_format (const char *starts_at,
                            const char *ends_at,
                            gboolean    with_date);

G_END_DECLS
