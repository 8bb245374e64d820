/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "yrs-form-spec.h"

G_BEGIN_DECLS

#define YRS_TYPE_FORM_FIELD (yrs_form_field_get_type ())

G_DECLARE_FINAL_TYPE (YrsFormField, yrs_form_field, YRS, FORM_FIELD, GObject)

/* One field of an application form as a page shows it (an item of
 * YrsApplicationFlow:fields). Properties: "id", "kind" (YrsFieldKind),
 * "section", "label", "help" (translated when read), "required",
 * "first-in-section", "value" (read-write: writing goes through the flow
 * to the session), "error" (the message under the field after the last
 * check, in the current language, or NULL), "note" (a remark for staff,
 * or NULL), "visible" (whether the field applies given the values so
 * far). */

const YrsFieldSpec *yrs_form_field_get_spec     (YrsFormField *self);
const char         *yrs_form_field_get_id       (YrsFormField *self);
const char         *yrs_form_field_get_value    (YrsFormField *self);
void                yrs_form_field_set_value    (YrsFormField *self,
                                                 const char   *value);
/* The message, or NULL when the field is right or not checked since it
 * last changed. */
const char         *yrs_form_field_get_error    (YrsFormField *self);
const char         *yrs_form_field_get_note     (YrsFormField *self);
gboolean            yrs_form_field_get_visible  (YrsFormField *self);

G_END_DECLS
