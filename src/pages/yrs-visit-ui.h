/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Small pieces the home-visit pages share (issue 17). */

/* A row from a template resource whose object "row" is bound to `item`
 * (as a GtkBuilderListItemFactory does), with the callbacks of `scope`
 * (may be NULL); `out_builder` (may be NULL) gets the builder, for the
 * row's other objects. */
GtkWidget *yrs_visit_ui_build_row      (const char      *resource,
                                        GObject         *item,
                                        GtkBuilderScope *scope,
                                        GtkBuilder     **out_builder);
/* The choice buttons in `box` (children whose widget name is a wire id,
 * "after_birth") follow and set the string property `property` of
 * `flow`: one is active when the property holds its name. */
void       yrs_visit_ui_bind_choices   (GtkWidget       *box,
                                        GObject         *flow,
                                        const char      *property);
/* A toast on the window of `widget`. */
void       yrs_visit_ui_toast          (GtkWidget       *widget,
                                        const char      *message);

G_END_DECLS
