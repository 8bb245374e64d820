/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_BANK_CHOICE (yrs_bank_choice_get_type ())

G_DECLARE_FINAL_TYPE (YrsBankChoice, yrs_bank_choice, YRS, BANK_CHOICE, GObject)

/* One bank or branch found by a YrsBankSearch (an item of its
 * "results"): its "code" ("0001", "001"), "name" ("みずほ", "東京営業部")
 * and "kana" as the zengin-code table writes them, and its "label", the
 * name with the code as yrs_bank_choice_describe_bank() writes it. */
YrsBankChoice *yrs_bank_choice_new       (const char    *code,
                                          const char    *name,
                                          const char    *kana);
const char    *yrs_bank_choice_get_code  (YrsBankChoice *self);
const char    *yrs_bank_choice_get_name  (YrsBankChoice *self);
const char    *yrs_bank_choice_get_kana  (YrsBankChoice *self);

/* A bank or branch as people read it, the name with its code
 * ("みずほ（0001）", "東京営業部（001）"; in English "みずほ (0001)"), or
 * NULL when the table does not have the code. */
char          *yrs_bank_choice_describe_bank   (const char *bank_code);
char          *yrs_bank_choice_describe_branch (const char *bank_code,
                                                const char *branch_code);

G_END_DECLS
