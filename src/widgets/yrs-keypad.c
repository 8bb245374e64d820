/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-keypad.c: YrsKeypad, what the on-screen keypads share: the
 * "editable" property, the keys' size and focus, disposing of the
 * template, and typing as a keyboard would. */

#define G_LOG_DOMAIN "yrs-keypad"

#include "config.h"

#include "yrs-keypad-private.h"

typedef struct
{
  GtkEditable *editable;  /* weak */
} YrsKeypadPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (YrsKeypad, yrs_keypad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Keeps the buttons below `widget` from taking the focus from the field,
 * and makes them at least YRS_KEYPAD_KEY_SIZE square. */
static void
setup_buttons (GtkWidget *widget)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        {
          gtk_widget_set_focus_on_click (child, FALSE);
          /* Touch targets for a finger, whatever the style sheet says. */
          gtk_widget_set_size_request (child, YRS_KEYPAD_KEY_SIZE, YRS_KEYPAD_KEY_SIZE);
        }
      setup_buttons (child);
    }
}

/* Points the weak priv->editable at `editable`; FALSE when it already did. */
static gboolean
set_editable (YrsKeypadPrivate *priv,
              GtkEditable      *editable)
{
  if (priv->editable == editable)
    return FALSE;

  if (priv->editable != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->editable), (gpointer *) &priv->editable);
  priv->editable = editable;
  if (priv->editable != NULL)
    g_object_add_weak_pointer (G_OBJECT (priv->editable), (gpointer *) &priv->editable);
  return TRUE;
}

static void
yrs_keypad_constructed (GObject *object)
{
  G_OBJECT_CLASS (yrs_keypad_parent_class)->constructed (object);

  /* After the subclass's init has built its template. */
  setup_buttons (GTK_WIDGET (object));
}

static void
yrs_keypad_dispose (GObject *object)
{
  YrsKeypad *self = YRS_KEYPAD (object);
  GtkWidget *child;

  set_editable (yrs_keypad_get_instance_private (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (yrs_keypad_parent_class)->dispose (object);
}

static void
yrs_keypad_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  YrsKeypad *self = YRS_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      g_value_set_object (value, yrs_keypad_get_editable (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_keypad_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  YrsKeypad *self = YRS_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      yrs_keypad_set_editable (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The close key ("keypad.close", in every keypad's template): the one
 * who shows the keypad hides it (the kiosk takes the focus from the
 * field); a keypad does not hide itself. */
static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_signal_emit (widget, signals[CLOSE], 0);
}

static void
yrs_keypad_class_init (YrsKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yrs_keypad_constructed;
  object_class->dispose = yrs_keypad_dispose;
  object_class->get_property = yrs_keypad_get_property;
  object_class->set_property = yrs_keypad_set_property;

  /* The field the keys type into; when NULL, the focused one. */
  properties[PROP_EDITABLE] =
    g_param_spec_object ("editable", NULL, NULL,
                         GTK_TYPE_EDITABLE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YrsKeypad::close:
   *
   * She tapped the close key: whoever shows the keypad should hide it
   * (what is being converted has not been put in yet; see
   * yrs_kana_keypad_flush()).
   */
  signals[CLOSE] =
    g_signal_new ("close",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "keypad.close", NULL, close_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yrs_keypad_init (YrsKeypad *self)
{
}

GtkEditable *
yrs_keypad_get_editable (YrsKeypad *self)
{
  YrsKeypadPrivate *priv;

  g_return_val_if_fail (YRS_IS_KEYPAD (self), NULL);

  priv = yrs_keypad_get_instance_private (self);
  return priv->editable;
}

void
yrs_keypad_set_editable (YrsKeypad   *self,
                         GtkEditable *editable)
{
  g_return_if_fail (YRS_IS_KEYPAD (self));
  g_return_if_fail (editable == NULL || GTK_IS_EDITABLE (editable));

  if (set_editable (yrs_keypad_get_instance_private (self), editable))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

GtkEditable *
_yrs_keypad_get_target (GtkWidget *keypad)
{
  GtkEditable *attached;
  GtkRoot *root;
  GtkWidget *focus;

  attached = yrs_keypad_get_editable (YRS_KEYPAD (keypad));
  if (attached != NULL)
    return attached;

  root = gtk_widget_get_root (keypad);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  /* A GtkEntry's focus is its inner GtkText: both are editables. */
  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (GTK_IS_EDITABLE (focus) && gtk_editable_get_editable (GTK_EDITABLE (focus)))
      return GTK_EDITABLE (focus);
  gtk_widget_error_bell (keypad);
  return NULL;
}

void
_yrs_keypad_insert (GtkEditable *editable,
                    const char  *text)
{
  int pos;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  gtk_editable_delete_selection (editable);
  pos = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, text, -1, &pos);
  gtk_editable_set_position (editable, pos);
}

void
_yrs_keypad_backspace_action (GtkWidget  *keypad,
                              const char *action_name,
                              GVariant   *param)
{
  GtkEditable *editable = _yrs_keypad_get_target (keypad);
  int start, end, pos;

  if (editable == NULL)
    return;

  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    {
      gtk_editable_delete_selection (editable);
      return;
    }

  pos = gtk_editable_get_position (editable);
  if (pos > 0)
    gtk_editable_delete_text (editable, pos - 1, pos);
}

void
_yrs_keypad_clear_action (GtkWidget  *keypad,
                          const char *action_name,
                          GVariant   *param)
{
  GtkEditable *editable = _yrs_keypad_get_target (keypad);

  if (editable != NULL)
    gtk_editable_set_text (editable, "");
}

gunichar
_yrs_keypad_char_before (GtkEditable *editable)
{
  int pos = gtk_editable_get_position (editable);
  g_autofree char *prev = NULL;

  if (pos <= 0)
    return 0;
  prev = gtk_editable_get_chars (editable, pos - 1, pos);
  return prev != NULL && *prev != '\0' ? g_utf8_get_char (prev) : 0;
}

void
_yrs_keypad_replace_before (GtkEditable *editable,
                            gunichar     c)
{
  int pos = gtk_editable_get_position (editable);
  char buf[8] = { 0 };

  if (pos <= 0)
    return;
  g_unichar_to_utf8 (c, buf);
  gtk_editable_delete_text (editable, pos - 1, pos);
  pos--;
  gtk_editable_insert_text (editable, buf, -1, &pos);
  gtk_editable_set_position (editable, pos);
}
