/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-result-card"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-result-card.h"

struct _YrsResultCard
{
  GtkWidget            parent_instance;

  YrsResultCardStatus  status;
  char                *source;   /* as given, without "Source: " */

  /* template children */
  GtkWidget           *box;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
  GtkLabel            *title_label;
  GtkLabel            *amount_label;
  GtkLabel            *sample_label;
  GtkLabel            *reason_label;
  GtkLabel            *source_label;
  GtkButton           *action_button;
};

G_DEFINE_FINAL_TYPE (YrsResultCard, yrs_result_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_KIND,
  PROP_STATUS_TEXT,
  PROP_AMOUNT,
  PROP_REASON,
  PROP_SOURCE,
  PROP_SAMPLE,
  PROP_ACTION_LABEL,
  PROP_ACTION_NAME,
  PROP_ACTION_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *icon;
  const char *css;
} status_looks[] = {
  [YRS_RESULT_CARD_ELIGIBLE] = { "emblem-ok-symbolic", "eligible" },
  [YRS_RESULT_CARD_NOT_ELIGIBLE] = { "action-unavailable-symbolic", "not-eligible" },
  [YRS_RESULT_CARD_NOT_YET] = { "alarm-symbolic", "not-yet" },
  [YRS_RESULT_CARD_NEEDS_ANSWERS] = { "dialog-question-symbolic", "needs-answers" },
  [YRS_RESULT_CARD_INFO] = { "dialog-information-symbolic", "info" },
  [YRS_RESULT_CARD_SUPPORT] = { "emblem-favorite-symbolic", "support" },
};

static void
set_line (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* A screen reader reaches the card by Tab (it is focusable) and says
 * "title: status", "panel", then the description: the amount (and that
 * it is a sample figure) and the reasons. */
static void
update_accessible (YrsResultCard *self)
{
  g_autofree char *label = g_strdup_printf ("%s: %s",
                                            gtk_label_get_label (self->title_label),
                                            gtk_label_get_label (self->status_label));
  GtkLabel *lines[] = { self->amount_label, self->sample_label, self->reason_label };
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (lines[i])) && *gtk_label_get_label (lines[i]) != '\0')
      g_string_append_printf (description, "%s%s", description->len > 0 ? "\n" : "",
                              gtk_label_get_label (lines[i]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* GtkWidget's focus handler for a focusable widget asks the window for
 * its focus and fails when the card is not in one (yet). */
static gboolean
yrs_result_card_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  if (!GTK_IS_WINDOW (gtk_widget_get_root (widget)))
    return FALSE;
  return GTK_WIDGET_CLASS (yrs_result_card_parent_class)->focus (widget, direction);
}

static void
yrs_result_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YRS_TYPE_RESULT_CARD);

  G_OBJECT_CLASS (yrs_result_card_parent_class)->dispose (object);
}

static void
yrs_result_card_finalize (GObject *object)
{
  YrsResultCard *self = YRS_RESULT_CARD (object);

  g_free (self->source);

  G_OBJECT_CLASS (yrs_result_card_parent_class)->finalize (object);
}

static void
set_kind (YrsResultCard       *self,
          YrsResultCardStatus  status)
{
  if (self->status == status)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self), status_looks[self->status].css);
  self->status = status;
  gtk_widget_add_css_class (GTK_WIDGET (self), status_looks[status].css);
  gtk_image_set_from_icon_name (self->status_icon, status_looks[status].icon);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
set_status_text (YrsResultCard *self,
                 const char    *words)
{
  if (g_strcmp0 (gtk_label_get_label (self->status_label), words != NULL ? words : "") == 0)
    return;
  set_line (self->status_label, words);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
}

static void
set_action_label (YrsResultCard *self,
                  const char    *label)
{
  gboolean visible = label != NULL && *label != '\0';

  gtk_button_set_label (self->action_button, visible ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), visible);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION_LABEL]);
}

static void
yrs_result_card_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsResultCard *self = YRS_RESULT_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, yrs_result_card_get_title (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, (YrsResultKind) self->status);
      break;

    case PROP_STATUS_TEXT:
      g_value_set_string (value, yrs_result_card_get_status_text (self));
      break;

    case PROP_AMOUNT:
      g_value_set_string (value, yrs_result_card_get_amount (self));
      break;

    case PROP_REASON:
      g_value_set_string (value, yrs_result_card_get_reason (self));
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_SAMPLE:
      g_value_set_boolean (value, yrs_result_card_get_sample (self));
      break;

    case PROP_ACTION_LABEL:
      g_value_set_string (value, gtk_widget_get_visible (GTK_WIDGET (self->action_button))
                                 ? gtk_button_get_label (self->action_button) : NULL);
      break;

    case PROP_ACTION_NAME:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->action_button)));
      break;

    case PROP_ACTION_TARGET:
      g_value_set_variant (value, gtk_actionable_get_action_target_value (GTK_ACTIONABLE (self->action_button)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_result_card_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YrsResultCard *self = YRS_RESULT_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      yrs_result_card_set_title (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      set_kind (self, (YrsResultCardStatus) g_value_get_enum (value));
      break;

    case PROP_STATUS_TEXT:
      set_status_text (self, g_value_get_string (value));
      break;

    case PROP_AMOUNT:
      yrs_result_card_set_amount (self, g_value_get_string (value));
      break;

    case PROP_REASON:
      yrs_result_card_set_reason (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      yrs_result_card_set_source (self, g_value_get_string (value));
      break;

    case PROP_SAMPLE:
      yrs_result_card_set_sample (self, g_value_get_boolean (value));
      break;

    case PROP_ACTION_LABEL:
      set_action_label (self, g_value_get_string (value));
      break;

    case PROP_ACTION_NAME:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_ACTION_TARGET:
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->action_button), g_value_get_variant (value));
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_result_card_class_init (YrsResultCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = yrs_result_card_dispose;
  object_class->finalize = yrs_result_card_finalize;
  object_class->get_property = yrs_result_card_get_property;
  object_class->set_property = yrs_result_card_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, YRS_TYPE_RESULT_KIND,
                                             YRS_RESULT_KIND_INFO, flags);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  properties[PROP_AMOUNT] = g_param_spec_string ("amount", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_SAMPLE] = g_param_spec_boolean ("sample", NULL, NULL, FALSE, flags);
  properties[PROP_ACTION_LABEL] = g_param_spec_string ("action-label", NULL, NULL, NULL, flags);
  properties[PROP_ACTION_NAME] = g_param_spec_string ("action-name", NULL, NULL, NULL, flags);
  properties[PROP_ACTION_TARGET] = g_param_spec_variant ("action-target", NULL, NULL,
                                                         G_VARIANT_TYPE_ANY, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-result-card.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, status_icon);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, sample_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, reason_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, source_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultCard, action_button);

  widget_class->focus = yrs_result_card_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-result-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yrs_result_card_init (YrsResultCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Every card, with a button or not, is a stop for the keyboard. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->status = YRS_RESULT_CARD_INFO;
  gtk_widget_add_css_class (GTK_WIDGET (self), status_looks[self->status].css);
  gtk_image_set_from_icon_name (self->status_icon, status_looks[self->status].icon);
  set_line (self->status_label, NULL);
  update_accessible (self);
}

GtkWidget *
yrs_result_card_new (void)
{
  return g_object_new (YRS_TYPE_RESULT_CARD, NULL);
}

void
yrs_result_card_set_title (YrsResultCard *self,
                           const char    *title)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  if (g_strcmp0 (gtk_label_get_label (self->title_label), title != NULL ? title : "") == 0)
    return;
  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
yrs_result_card_get_title (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
yrs_result_card_set_status (YrsResultCard       *self,
                            YrsResultCardStatus  status,
                            const char          *words)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));
  g_return_if_fail (status <= YRS_RESULT_CARD_SUPPORT);

  set_kind (self, status);
  set_status_text (self, words);
}

YrsResultCardStatus
yrs_result_card_get_status (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), YRS_RESULT_CARD_INFO);

  return self->status;
}

const char *
yrs_result_card_get_status_text (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->status_label);
}

void
yrs_result_card_set_amount (YrsResultCard *self,
                            const char    *amount)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  set_line (self->amount_label, amount);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
}

const char *
yrs_result_card_get_amount (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->amount_label);
}

void
yrs_result_card_set_reason (YrsResultCard *self,
                            const char    *reason)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  set_line (self->reason_label, reason);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

const char *
yrs_result_card_get_reason (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return gtk_label_get_label (self->reason_label);
}

void
yrs_result_card_set_source (YrsResultCard *self,
                            const char    *source)
{
  g_autofree char *text = NULL;

  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  if (source != NULL && *source != '\0')
    /* Translators: where a programme's rule comes from, e.g. “Source: Kobe City 2025 briefing, p. 12” */
    text = g_strdup_printf (_("Source: %s"), source);
  set_line (self->source_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

void
yrs_result_card_set_sample (YrsResultCard *self,
                            gboolean       sample)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->sample_label)) == !!sample)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->sample_label), sample);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
}

gboolean
yrs_result_card_get_sample (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->sample_label));
}

void
yrs_result_card_set_action (YrsResultCard *self,
                            const char    *label,
                            const char    *action_name,
                            GVariant      *target)
{
  g_return_if_fail (YRS_IS_RESULT_CARD (self));

  if (label == NULL)
    {
      g_object_set (self, "action-label", NULL, "action-name", NULL, NULL);
      if (target != NULL && g_variant_is_floating (target))
        g_variant_unref (g_variant_ref_sink (target));
      return;
    }
  g_object_set (self,
                "action-label", label,
                "action-name", action_name,
                "action-target", target,
                NULL);
}

GtkButton *
yrs_result_card_get_button (YrsResultCard *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_CARD (self), NULL);

  return self->action_button;
}
