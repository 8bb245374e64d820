/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

/* yrs-store.h for the app layer and pages. (The store's cached facility
 * record is YrsStoreFacility; YrsFacility is the catalogue's.) */
#include "yrs-store.h"
