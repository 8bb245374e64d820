/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "yrs-application-flow.h"

G_BEGIN_DECLS

/* The message of a failed check of `spec`, in the current language. */
char *_yrs_application_flow_check_message (YrsApplicationFlow *self,
                                           const YrsFieldSpec *spec);

G_END_DECLS
