/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-application-flow.h"
#include "yrs-form-field.h"

G_BEGIN_DECLS

YrsFormField *_yrs_form_field_new           (YrsApplicationFlow *flow,
                                             const YrsFieldSpec *spec,
                                             gboolean            first_in_section);
/* The flow is going: writes to "value" go nowhere. */
void          _yrs_form_field_detach        (YrsFormField       *self);
void          _yrs_form_field_notify_value  (YrsFormField       *self);
/* error: the message as checked (kept for a date whose parts were told by
 * the page), or NULL; failed: the check failed. */
void          _yrs_form_field_set_check     (YrsFormField       *self,
                                             gboolean            failed,
                                             const char         *error,
                                             const char         *note);
void          _yrs_form_field_set_visible   (YrsFormField       *self,
                                             gboolean            visible);

G_END_DECLS
