/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-ime"

#include "config.h"

#include "yrs-ime.h"

G_DEFINE_QUARK (yrs-ime-error-quark, yrs_ime_error)
