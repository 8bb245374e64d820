/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-reason-private.h: a reason's parameters as JSON, for yrs-core only. */

#pragma once

#include <json-glib/json-glib.h>

#include "yrs-eligibility.h"

G_BEGIN_DECLS

/* Adds the reason's parameters as members of the object @builder has open
 * ("years": 2, "until": "2026-03-19"). */
void _yrs_reason_add_params (const YrsReason *reason,
                             JsonBuilder     *builder);

G_END_DECLS
