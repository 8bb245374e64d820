/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-a11y"

#include "config.h"

#include "yrs-a11y.h"

/* Whether GTK 4.8 would fall back to the type name: no label property
 * and no labelled-by relation (gtk_at_context_get_name_accumulate()
 * reads only those two, and then G_OBJECT_TYPE_NAME()). */
static gboolean
is_unnamed (GtkAccessible *accessible)
{
  return !gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) &&
         !gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
quiet_stack_pages (GtkStack *stack)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (stack, child);

      if (page != NULL && gtk_stack_page_get_title (page) == NULL && is_unnamed (GTK_ACCESSIBLE (page)))
        gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
    }
}

static void
on_stack_pages_changed (GListModel *pages,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GtkStack   *stack)
{
  quiet_stack_pages (stack);
}

/* GtkLabel drops its accessible label when its text is empty (the era
 * of a date field in western mode), and is then "GtkLabel". */
static void
on_label_changed (GtkLabel   *label,
                  GParamSpec *pspec,
                  gpointer    data)
{
  if (*gtk_label_get_label (label) == '\0' && is_unnamed (GTK_ACCESSIBLE (label)))
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
}

static gboolean
on_realize (GSignalInvocationHint *hint,
            guint                  n_params,
            const GValue          *params,
            gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);

  if (GTK_IS_STACK (widget))
    {
      quiet_stack_pages (GTK_STACK (widget));
      /* Pages made later (the shell makes its pages when first shown). */
      if (g_object_get_data (G_OBJECT (widget), "yrs-a11y-pages") == NULL)
        {
          /* The stack keeps its pages model only while someone holds it. */
          GtkSelectionModel *pages = gtk_stack_get_pages (GTK_STACK (widget));

          g_signal_connect_object (pages, "items-changed",
                                   G_CALLBACK (on_stack_pages_changed), widget, 0);
          g_object_set_data_full (G_OBJECT (widget), "yrs-a11y-pages", pages, g_object_unref);
        }
    }

  if (GTK_IS_LABEL (widget))
    {
      if (g_object_get_data (G_OBJECT (widget), "yrs-a11y-label") == NULL)
        {
          g_object_set_data (G_OBJECT (widget), "yrs-a11y-label", GINT_TO_POINTER (1));
          g_signal_connect (widget, "notify::label", G_CALLBACK (on_label_changed), NULL);
        }
      on_label_changed (GTK_LABEL (widget), NULL, NULL);
      return TRUE;
    }

  /* Controls keep their fallback, so that a test can catch one without
   * a name; containers, lists and the like get an empty name. */
  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      break;

    default:
      if (is_unnamed (GTK_ACCESSIBLE (widget)))
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
    }
  return TRUE;
}

void
yrs_a11y_init (void)
{
  static gsize done = 0;

  if (g_getenv ("YRS_TMP_NOHOOK") == NULL && g_once_init_enter (&done))
    {
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  on_realize, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
