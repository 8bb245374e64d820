/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* yrs-store.h for the app layer and pages. yrs-store-types.h and
 * yrs-catalog.h both name a type YrsFacility (the cached server record and
 * the catalogue's facility); the UI uses the catalogue's, so the store's
 * is renamed YrsStoreFacility where both headers meet. */
#define YrsFacility YrsStoreFacility
#include "yrs-store.h"
#undef YrsFacility
