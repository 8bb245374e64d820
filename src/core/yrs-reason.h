/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-reason.h: reasons and results as sentences for people. The text is
 * in the current gettext language (the app switches it with LANGUAGE);
 * `lang` picks the catalogue's texts and the date and money formats, and
 * should name the same language. */

#pragma once

#include "yrs-eligibility.h"

G_BEGIN_DECLS

/* One sentence: "Your child is under 2 until 19 March 2026." An unknown
 * code gives a generic sentence naming it, never NULL. */
char *yrs_reason_to_text        (const YrsReason *reason,
                                 YrsCatalog      *catalog,
                                 YrsLang          lang);
/* The reason's parameters as a JSON object string ({"years": 2,
 * "until": "2026-03-19"}). */
char *yrs_reason_params_to_json (const YrsReason *reason);
/* A one-line summary of a result for people: "Eligible: ¥100,000",
 * "Not yet: from 1 April 2025", "Needs answers: 2 questions". */
char *yrs_result_to_text        (const YrsResult *result,
                                 YrsLang          lang);

G_END_DECLS
