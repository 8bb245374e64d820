/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define YRS_TYPE_ADDRESS_CHOICE (yrs_address_choice_get_type ())

G_DECLARE_FINAL_TYPE (YrsAddressChoice, yrs_address_choice, YRS, ADDRESS_CHOICE, GObject)

/* A place a postcode of several places stands for (an item of
 * YrsApplicationFlow:address-choices): "label", what the button shows
 * ("西区玉津町水谷"), and "address", what choosing it fills in
 * ("兵庫県神戸市西区玉津町水谷"). Both are Japanese in every language:
 * they are an address. */

YrsAddressChoice *yrs_address_choice_new          (const char     *address,
                                              const char     *label);
const char     *yrs_address_choice_get_address  (YrsAddressChoice *self);
const char     *yrs_address_choice_get_label    (YrsAddressChoice *self);

G_END_DECLS
