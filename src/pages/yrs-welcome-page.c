/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-welcome-page"

#include "config.h"

#include "yrs-i18n.h"
#include "yrs-welcome-page.h"

struct _YrsWelcomePage
{
  YrsPage    parent_instance;

  GtkWidget *switch_to_en_button;
  GtkWidget *switch_to_ja_button;
};

G_DEFINE_FINAL_TYPE (YrsWelcomePage, yrs_welcome_page, YRS_TYPE_PAGE)

/* One tap to the other language. */
static void
show_other_language (YrsWelcomePage *self)
{
  gboolean en = yrs_i18n_get_lang () == YRS_LANG_EN;

  gtk_widget_set_visible (self->switch_to_en_button, !en);
  gtk_widget_set_visible (self->switch_to_ja_button, en);
}

static void
yrs_welcome_page_load (YrsPage *page)
{
  YrsWelcomePage *self = YRS_WELCOME_PAGE (page);

  show_other_language (self);
  g_signal_connect_object (yrs_i18n_get_notifier (), "notify::language",
                           G_CALLBACK (show_other_language), self, G_CONNECT_SWAPPED);
}

static void
yrs_welcome_page_class_init (YrsWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  page_class->load = yrs_welcome_page_load;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsWelcomePage, switch_to_en_button);
  gtk_widget_class_bind_template_child (widget_class, YrsWelcomePage, switch_to_ja_button);
}

static void
yrs_welcome_page_init (YrsWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
