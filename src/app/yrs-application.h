/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "yrs-store.h"
#include "yrs-sync-engine.h"

G_BEGIN_DECLS

#define YRS_TYPE_APPLICATION (yrs_application_get_type ())

G_DECLARE_FINAL_TYPE (YrsApplication, yrs_application, YRS, APPLICATION, AdwApplication)

YrsApplication *yrs_application_new          (void);
GSettings      *yrs_application_get_settings (YrsApplication *self);
YrsStore       *yrs_application_get_store    (YrsApplication *self);
YrsSyncEngine  *yrs_application_get_sync_engine (YrsApplication *self);

G_END_DECLS
