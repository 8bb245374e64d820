/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sos-page"

#include "config.h"

#include "yrs-qr-code.h"
#include "yrs-sos-page.h"

struct _YrsSosPage
{
  YrsPage parent_instance;
};

G_DEFINE_FINAL_TYPE (YrsSosPage, yrs_sos_page, YRS_TYPE_PAGE)

static void
yrs_sos_page_class_init (YrsSosPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YRS_TYPE_QR_CODE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-sos-page.ui");
}

static void
yrs_sos_page_init (YrsSosPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
