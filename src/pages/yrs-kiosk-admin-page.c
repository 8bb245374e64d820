/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-kiosk-admin-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-kiosk-admin-page.h"

struct _YrsKioskAdminPage
{
  GtkWidget  parent_instance;

  /* template children */
  GtkLabel  *signed_in_label;
};

G_DEFINE_FINAL_TYPE (YrsKioskAdminPage, yrs_kiosk_admin_page, GTK_TYPE_WIDGET)

static void
yrs_kiosk_admin_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), YRS_TYPE_KIOSK_ADMIN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (yrs_kiosk_admin_page_parent_class)->dispose (object);
}

static void
yrs_kiosk_admin_page_class_init (YrsKioskAdminPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_kiosk_admin_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-kiosk-admin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsKioskAdminPage, signed_in_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yrs_kiosk_admin_page_init (YrsKioskAdminPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yrs_kiosk_admin_page_new (YrsStaffAuth *auth)
{
  YrsKioskAdminPage *self = g_object_new (YRS_TYPE_KIOSK_ADMIN_PAGE, NULL);
  g_autofree char *text = NULL;

  g_return_val_if_fail (YRS_IS_STAFF_AUTH (auth), NULL);

  /* Translators: %s is a staff ID */
  text = g_strdup_printf (_("Signed in as %s"), yrs_staff_auth_get_staff_id (auth));
  gtk_label_set_label (self->signed_in_label, text);
  return GTK_WIDGET (self);
}
