/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "yrs-date.h"

G_BEGIN_DECLS

void        yrs_i18n_init          (void);
void        yrs_i18n_set_language  (const char *code);
const char *yrs_i18n_get_language  (void);
YrsLang     yrs_i18n_get_lang      (void);

G_END_DECLS
