/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-field-row.h"

struct _YrsFieldRow
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  gboolean   required;

  /* template children */
  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *marker_label;
  GtkLabel  *help_label;
  GtkBox    *child_box;
  GtkLabel  *error_label;
  GtkLabel  *note_label;
};

G_DEFINE_FINAL_TYPE (YrsFieldRow, yrs_field_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_HELP,
  PROP_REQUIRED,
  PROP_ERROR,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_marker (YrsFieldRow *self)
{
  gtk_label_set_label (self->marker_label,
                       self->required
                       /* Translators: the marker beside a required form field; in Japanese “※必須” */
                       ? _("Required")
                       /* Translators: the marker beside an optional form field; in Japanese “※任意” */
                       : _("Optional"));
  if (self->required)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->marker_label), "required-marker");
      gtk_widget_remove_css_class (GTK_WIDGET (self->marker_label), "optional-marker");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->marker_label), "optional-marker");
      gtk_widget_remove_css_class (GTK_WIDGET (self->marker_label), "required-marker");
    }
}

/* What a screen reader says on the field: its title, "required", and
 * its error (or, without one, its hint).
 *
 * Not GTK_ACCESSIBLE_STATE_INVALID: GTK 4.8 (gtk/a11y/gtkatspicontext.c,
 * collect_states) maps it to AT-SPI's ATSPI_STATE_INVALID, which means
 * "this object is no longer valid" (a defunct object), not
 * ATSPI_STATE_INVALID_ENTRY; Orca 43's isZombie() then drops the field
 * ("ZOMBIE: ... is invalid") and says nothing at all on it. Orca reads a
 * focused control's description after its name and role (speakDescription
 * is on by default), so the error goes there, and described-by points at
 * the message under the field. */
static void
update_child_accessible (YrsFieldRow *self)
{
  gboolean invalid = gtk_widget_get_visible (GTK_WIDGET (self->error_label));
  gboolean has_help = gtk_widget_get_visible (GTK_WIDGET (self->help_label));
  GtkLabel *describer = invalid ? self->error_label : has_help ? self->help_label : NULL;
  GtkWidget *input;

  if (self->child == NULL)
    return;

  /* A child that wraps its input (an entry with choices under it) names
   * the input to describe with "yrs-field-input". */
  input = g_object_get_data (G_OBJECT (self->child), "yrs-field-input");
  if (input == NULL)
    input = self->child;

  /* The name is the title and the marker, "氏名 ※必須": GTK 4.8 does not
   * pass GTK_ACCESSIBLE_PROPERTY_REQUIRED on to AT-SPI (no "required"
   * state in collect_states()), so the marker is what says it. Not the
   * label property as well: GTK would say the title twice. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, self->marker_label, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, self->required,
                                  -1);
  if (describer != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_label (describer),
                                      -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, describer, NULL,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }
  gtk_accessible_reset_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID);
  if (invalid)
    gtk_widget_add_css_class (input, "error");
  else
    gtk_widget_remove_css_class (input, "error");
}

static void
yrs_field_row_dispose (GObject *object)
{
  YrsFieldRow *self = YRS_FIELD_ROW (object);

  self->child = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_FIELD_ROW);

  G_OBJECT_CLASS (yrs_field_row_parent_class)->dispose (object);
}

static void
yrs_field_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YrsFieldRow *self = YRS_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, yrs_field_row_get_title (self));
      break;

    case PROP_HELP:
      g_value_set_string (value, gtk_label_get_label (self->help_label));
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    case PROP_ERROR:
      g_value_set_string (value, yrs_field_row_get_error (self));
      break;

    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_field_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YrsFieldRow *self = YRS_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      yrs_field_row_set_title (self, g_value_get_string (value));
      break;

    case PROP_HELP:
      yrs_field_row_set_help (self, g_value_get_string (value));
      break;

    case PROP_REQUIRED:
      yrs_field_row_set_required (self, g_value_get_boolean (value));
      break;

    case PROP_ERROR:
      yrs_field_row_set_error (self, g_value_get_string (value));
      break;

    case PROP_CHILD:
      yrs_field_row_set_child (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_field_row_class_init (YrsFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_field_row_dispose;
  object_class->get_property = yrs_field_row_get_property;
  object_class->set_property = yrs_field_row_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HELP] =
    g_param_spec_string ("help", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsFieldRow, box);
  gtk_widget_class_bind_template_child (widget_class, YrsFieldRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, YrsFieldRow, marker_label);
  gtk_widget_class_bind_template_child (widget_class, YrsFieldRow, help_label);
  gtk_widget_class_bind_template_child (widget_class, YrsFieldRow, child_box);
  gtk_widget_class_bind_template_child (widget_class, YrsFieldRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsFieldRow, note_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-field-row");
}

static void
yrs_field_row_init (YrsFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_marker (self);
}

GtkWidget *
yrs_field_row_new (void)
{
  return g_object_new (YRS_TYPE_FIELD_ROW, NULL);
}

const char *
yrs_field_row_get_title (YrsFieldRow *self)
{
  g_return_val_if_fail (YRS_IS_FIELD_ROW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
yrs_field_row_set_title (YrsFieldRow *self,
                         const char  *title)
{
  g_return_if_fail (YRS_IS_FIELD_ROW (self));

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  update_child_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
yrs_field_row_set_help (YrsFieldRow *self,
                        const char  *help)
{
  g_return_if_fail (YRS_IS_FIELD_ROW (self));

  gtk_label_set_label (self->help_label, help != NULL ? help : "");
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), help != NULL && *help != '\0');
  update_child_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELP]);
}

gboolean
yrs_field_row_get_required (YrsFieldRow *self)
{
  g_return_val_if_fail (YRS_IS_FIELD_ROW (self), FALSE);

  return self->required;
}

void
yrs_field_row_set_required (YrsFieldRow *self,
                            gboolean     required)
{
  g_return_if_fail (YRS_IS_FIELD_ROW (self));

  required = !!required;
  if (self->required == required)
    return;
  self->required = required;
  update_marker (self);
  update_child_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED]);
}

GtkWidget *
yrs_field_row_get_child (YrsFieldRow *self)
{
  g_return_val_if_fail (YRS_IS_FIELD_ROW (self), NULL);

  return self->child;
}

void
yrs_field_row_set_child (YrsFieldRow *self,
                         GtkWidget   *child)
{
  g_return_if_fail (YRS_IS_FIELD_ROW (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  if (self->child != NULL)
    gtk_box_remove (self->child_box, self->child);
  self->child = child;
  if (child != NULL)
    gtk_box_append (self->child_box, child);
  update_child_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

const char *
yrs_field_row_get_error (YrsFieldRow *self)
{
  g_return_val_if_fail (YRS_IS_FIELD_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

void
yrs_field_row_set_error (YrsFieldRow *self,
                         const char  *message)
{
  gboolean show = message != NULL && *message != '\0';

  g_return_if_fail (YRS_IS_FIELD_ROW (self));

  if (g_strcmp0 (yrs_field_row_get_error (self), show ? message : NULL) == 0)
    return;
  gtk_label_set_label (self->error_label, show ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), show);
  update_child_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
yrs_field_row_set_note (YrsFieldRow *self,
                        const char  *note)
{
  g_return_if_fail (YRS_IS_FIELD_ROW (self));

  gtk_label_set_label (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');
}

const char *
yrs_field_row_get_note (YrsFieldRow *self)
{
  g_return_val_if_fail (YRS_IS_FIELD_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->note_label)))
    return NULL;
  return gtk_label_get_label (self->note_label);
}
