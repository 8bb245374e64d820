/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visit-ui"

#include "config.h"

#include <adwaita.h>

#include "yrs-visit-ui.h"
#include "yrs-window.h"

GtkWidget *
yrs_visit_ui_build_row (const char      *resource,
                        GObject         *item,
                        GtkBuilderScope *scope,
                        GtkBuilder     **out_builder)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  if (scope != NULL)
    gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, item);
  gtk_builder_expose_object (builder, "item", item);
  if (!gtk_builder_add_from_resource (builder, resource, &error))
    g_error ("The row template %s: %s", resource, error->message);
  if (out_builder != NULL)
    *out_builder = g_object_ref (builder);
  return g_object_ref (GTK_WIDGET (gtk_builder_get_object (builder, "row")));
}

typedef struct
{
  GObject *flow;
  char    *property;
  GList   *buttons;   /* the box's, unowned */
} ChoiceGroup;

static void
choice_group_free (ChoiceGroup *group)
{
  g_clear_weak_pointer (&group->flow);
  g_free (group->property);
  g_list_free (group->buttons);
  g_free (group);
}

static void
sync_buttons (GtkWidget *box)
{
  ChoiceGroup *group = g_object_get_data (G_OBJECT (box), "yrs-choice-group");
  g_autofree char *value = NULL;

  if (group == NULL || group->flow == NULL)
    return;
  g_object_get (group->flow, group->property, &value, NULL);
  for (GList *l = group->buttons; l != NULL; l = l->next)
    gtk_toggle_button_set_active (l->data, g_strcmp0 (gtk_widget_get_name (l->data), value) == 0);
}

/* The toggle buttons under `widget` (a box, or a flow box's children). */
static void
collect_buttons (GtkWidget  *widget,
                 GList     **buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        *buttons = g_list_append (*buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

static void
on_toggled (GtkToggleButton *button,
            GtkWidget       *box)
{
  ChoiceGroup *group = g_object_get_data (G_OBJECT (box), "yrs-choice-group");
  g_autofree char *value = NULL;

  if (group == NULL || group->flow == NULL || !gtk_toggle_button_get_active (button))
    return;
  g_object_get (group->flow, group->property, &value, NULL);
  if (g_strcmp0 (value, gtk_widget_get_name (GTK_WIDGET (button))) == 0)
    return;
  g_object_set (group->flow, group->property, gtk_widget_get_name (GTK_WIDGET (button)), NULL);
}

void
yrs_visit_ui_bind_choices (GtkWidget  *box,
                           GObject    *flow,
                           const char *property)
{
  ChoiceGroup *group;
  g_autofree char *signal = NULL;

  g_return_if_fail (GTK_IS_WIDGET (box));

  if (flow == NULL)
    return;
  group = g_object_get_data (G_OBJECT (box), "yrs-choice-group");
  if (group == NULL)
    {
      /* The buttons once; the flow may change (another family). */
      group = g_new0 (ChoiceGroup, 1);
      g_object_set_data_full (G_OBJECT (box), "yrs-choice-group", group,
                              (GDestroyNotify) choice_group_free);
      collect_buttons (box, &group->buttons);
      for (GList *l = group->buttons; l != NULL; l = l->next)
        g_signal_connect_object (l->data, "toggled", G_CALLBACK (on_toggled), box, 0);
    }
  g_set_weak_pointer (&group->flow, flow);
  g_free (group->property);
  group->property = g_strdup (property);
  sync_buttons (box);
  signal = g_strconcat ("notify::", property, NULL);
  g_signal_connect_object (flow, signal, G_CALLBACK (sync_buttons), box, G_CONNECT_SWAPPED);
}

void
yrs_visit_ui_toast (GtkWidget  *widget,
                    const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (YRS_IS_WINDOW (root))
    yrs_window_add_toast (YRS_WINDOW (root), adw_toast_new (message));
}
