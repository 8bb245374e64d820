/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "yrs-session.h"

G_BEGIN_DECLS

#define YRS_TYPE_PAGE (yrs_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (YrsPage, yrs_page, YRS, PAGE, GtkWidget)

/* The base of every page. A page is a view of the YrsSession it is given
 * at construction: it fills its widgets from the session in its
 * constructed() and writes every change back to the session at once, so
 * that YrsShell can rebuild it from its template at any moment (language
 * switch) without losing anything. Pages hold no rules, SQL or HTTP. */
struct _YrsPageClass
{
  GtkWidgetClass parent_class;

  /* Called after construction, when the session is set. */
  void (*load) (YrsPage *self);
};

YrsSession *yrs_page_get_session (YrsPage *self);

G_END_DECLS
