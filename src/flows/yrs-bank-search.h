/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "yrs-bank-choice.h"

G_BEGIN_DECLS

#define YRS_TYPE_BANK_SEARCH (yrs_bank_search_get_type ())

G_DECLARE_FINAL_TYPE (YrsBankSearch, yrs_bank_search, YRS, BANK_SEARCH, GObject)

/* Finding a bank, or a branch of one bank, by what she types on the kana
 * keypad (yrs_bank_search() in src/core): the application flow owns one
 * of each (yrs_application_flow_get_bank_search()).
 *
 * Properties:
 *   "query"        what she typed (read-write)
 *   "bank-code"    for a branch search, the bank's code (read-write)
 *   "for-branches" whether it finds branches (construct-only)
 *   "results"      GListModel of YrsBankChoice: at most
 *                  YRS_BANK_SEARCH_MAX_RESULTS, those whose kana or name
 *                  starts with the query first
 *   "n-results"    how many are shown; "has-more" whether more were found
 *   "status"       a sentence under the list in the current language:
 *                  nothing found, more found than shown, choose the bank
 *                  first; "" when there is nothing to say */

#define YRS_BANK_SEARCH_MAX_RESULTS 8

YrsBankSearch *yrs_bank_search_new            (gboolean       for_branches);
const char    *yrs_bank_search_get_query      (YrsBankSearch *self);
void           yrs_bank_search_set_query      (YrsBankSearch *self,
                                               const char    *query);
const char    *yrs_bank_search_get_bank_code  (YrsBankSearch *self);
void           yrs_bank_search_set_bank_code  (YrsBankSearch *self,
                                               const char    *bank_code);
GListModel    *yrs_bank_search_get_results    (YrsBankSearch *self);
gboolean       yrs_bank_search_get_has_more   (YrsBankSearch *self);
char          *yrs_bank_search_dup_status     (YrsBankSearch *self);

G_END_DECLS
