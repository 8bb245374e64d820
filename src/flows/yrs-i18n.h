/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "yrs-date.h"

G_BEGIN_DECLS

void        yrs_i18n_init          (void);
void        yrs_i18n_set_language  (const char *code);
const char *yrs_i18n_get_language  (void);
YrsLang     yrs_i18n_get_lang      (void);

/* After a switch, "notify::language" (see yrs-i18n.c). */
typedef struct _YrsI18nNotifier YrsI18nNotifier;
GType            yrs_i18n_notifier_get_type (void) G_GNUC_CONST;
YrsI18nNotifier *yrs_i18n_get_notifier      (void);
void             yrs_i18n_follow            (gpointer    object,
                                             const char *first_property,
                                             ...) G_GNUC_NULL_TERMINATED;

/* Texts on screen from one language to the other. */
const char *yrs_i18n_retranslate   (const char *text,
                                    YrsLang     from);
void        yrs_i18n_add_text      (const char *ja,
                                    const char *en);
const char *yrs_i18n_key_of        (const char *text,
                                    YrsLang     lang,
                                    gboolean   *ambiguous);
const char *yrs_i18n_text_of       (const char *key,
                                    YrsLang     lang);

G_END_DECLS
