/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-history"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-visit-history.h"
#include "yrs-visit-record.h"
#include "yrs-visit-ui.h"

struct _YrsVisitHistory
{
  GtkWidget     parent_instance;

  YrsVisitCase *visit_case;

  /* template children */
  GtkWidget    *box;
  GtkListBox   *list;
  GtkLabel     *empty_label;
};

G_DEFINE_FINAL_TYPE (YrsVisitHistory, yrs_visit_history, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VISIT_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_set (GObject    *item,
        const char *text)
{
  return text != NULL && *text != '\0';
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autofree char *title = yrs_visit_record_dup_title (item);
  g_autofree char *status = yrs_visit_record_dup_status (item);
  g_autofree char *name = NULL;
  GtkWidget *row;

  gtk_builder_cscope_add_callback (scope, is_set);
  row = yrs_visit_ui_build_row ("/org/yorisoi/Yorisoi/yrs-visit-record-row.ui", item, scope, &builder);
  /* Said with its state, for a screen reader. */
  if (yrs_visit_record_get_urgent (item))
    /* Translators: the accessible name of an EPDS record in the history: its title and the urgent mark */
    name = g_strdup_printf (_("%s, urgent"), title);
  else
    name = g_strdup (title);
  if (*status != '\0')
    {
      g_autofree char *with_status = g_strdup_printf ("%s (%s)", name, status);

      g_free (name);
      name = g_steal_pointer (&with_status);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static void
update_empty (YrsVisitHistory *self)
{
  GListModel *history = self->visit_case != NULL ? yrs_visit_case_get_history (self->visit_case) : NULL;
  gboolean empty = history == NULL || g_list_model_get_n_items (history) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty);
  gtk_widget_set_visible (GTK_WIDGET (self->list), !empty);
}

void
yrs_visit_history_set_visit_case (YrsVisitHistory *self,
                                  YrsVisitCase    *visit_case)
{
  g_return_if_fail (YRS_IS_VISIT_HISTORY (self));

  if (self->visit_case != NULL)
    g_signal_handlers_disconnect_by_data (yrs_visit_case_get_history (self->visit_case), self);
  if (!g_set_object (&self->visit_case, visit_case))
    return;
  gtk_list_box_bind_model (self->list,
                           visit_case != NULL ? yrs_visit_case_get_history (visit_case) : NULL,
                           create_row, NULL, NULL);
  if (visit_case != NULL)
    g_signal_connect_object (yrs_visit_case_get_history (visit_case), "items-changed",
                             G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT_CASE]);
}

YrsVisitCase *
yrs_visit_history_get_visit_case (YrsVisitHistory *self)
{
  g_return_val_if_fail (YRS_IS_VISIT_HISTORY (self), NULL);
  return self->visit_case;
}

static void
yrs_visit_history_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YrsVisitHistory *self = YRS_VISIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_VISIT_CASE:
      g_value_set_object (value, self->visit_case);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_visit_history_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YrsVisitHistory *self = YRS_VISIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_VISIT_CASE:
      yrs_visit_history_set_visit_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_visit_history_dispose (GObject *object)
{
  YrsVisitHistory *self = YRS_VISIT_HISTORY (object);

  yrs_visit_history_set_visit_case (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_VISIT_HISTORY);

  G_OBJECT_CLASS (yrs_visit_history_parent_class)->dispose (object);
}

static void
yrs_visit_history_class_init (YrsVisitHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = yrs_visit_history_get_property;
  object_class->set_property = yrs_visit_history_set_property;
  object_class->dispose = yrs_visit_history_dispose;

  properties[PROP_VISIT_CASE] =
    g_param_spec_object ("visit-case", NULL, NULL, YRS_TYPE_VISIT_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-visit-history.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsVisitHistory, box);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitHistory, list);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitHistory, empty_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yrs_visit_history_init (YrsVisitHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_empty (self);
}

GtkWidget *
yrs_visit_history_new (YrsVisitCase *visit_case)
{
  return g_object_new (YRS_TYPE_VISIT_HISTORY, "visit-case", visit_case, NULL);
}
