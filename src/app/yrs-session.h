/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_SESSION (yrs_session_get_type ())

G_DECLARE_FINAL_TYPE (YrsSession, yrs_session, YRS, SESSION, GObject)

/* Everything a person creates lives here, never in a page: so pages can be
 * rebuilt at any time (language switch) and dropped at once (kiosk wipe). */
YrsSession *yrs_session_new            (void);

const char *yrs_session_get_page       (YrsSession *self);
void        yrs_session_push_page      (YrsSession *self,
                                        const char *name);
/* Returns FALSE when already at the first page. */
gboolean    yrs_session_pop_page       (YrsSession *self);
void        yrs_session_reset_pages    (YrsSession *self,
                                        const char *name);

/* Form fields and other values by stable ID ("applicant.name"). */
const char *yrs_session_get_field      (YrsSession *self,
                                        const char *id);
void        yrs_session_set_field      (YrsSession *self,
                                        const char *id,
                                        const char *value);
GList      *yrs_session_list_fields    (YrsSession *self);

/* Drops everything the person entered and goes back to the first page. */
void        yrs_session_wipe           (YrsSession *self);

G_END_DECLS
