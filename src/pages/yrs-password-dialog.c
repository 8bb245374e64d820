/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-kana-keypad.h"
#include "yrs-password-dialog.h"

struct _YrsPasswordDialog
{
  AdwWindow             parent_instance;

  YrsStaffAuth         *auth;
  GCancellable         *cancellable;

  /* template children */
  AdwPasswordEntryRow  *current_row;
  AdwPasswordEntryRow  *new_row;
  AdwPasswordEntryRow  *confirm_row;
  GtkLabel             *error_label;
  GtkButton            *change_button;
  GtkSpinner           *spinner;
  GtkWidget            *keypad;
};

G_DEFINE_FINAL_TYPE (YrsPasswordDialog, yrs_password_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (YrsPasswordDialog *self,
          gboolean           busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_button), !busy);
}

static void
show_error (YrsPasswordDialog *self,
            const char        *message,
            GtkWidget         *row)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->current_row), GTK_WIDGET (self->new_row),
                        GTK_WIDGET (self->confirm_row) };

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_STATE_INVALID,
                                 rows[i] == row ? GTK_ACCESSIBLE_INVALID_TRUE
                                                : GTK_ACCESSIBLE_INVALID_FALSE,
                                 -1);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static void
changed_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(YrsPasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!yrs_staff_auth_change_password_finish (YRS_STAFF_AUTH (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  /* The current password never stays in its field. */
  gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
  if (error != NULL)
    {
      GtkWidget *row = GTK_WIDGET (self->current_row);

      if (g_error_matches (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID))
        row = GTK_WIDGET (self->new_row);
      show_error (self, error->message, row);
      return;
    }
  show_error (self, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  g_signal_emit (self, signals[CHANGED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

void
yrs_password_dialog_submit (YrsPasswordDialog *self)
{
  const char *new_password;

  g_return_if_fail (YRS_IS_PASSWORD_DIALOG (self));

  if (gtk_spinner_get_spinning (self->spinner))
    return;
  new_password = gtk_editable_get_text (GTK_EDITABLE (self->new_row));
  if (g_strcmp0 (new_password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))) != 0)
    {
      show_error (self, _("The two new passwords are not the same. Type the new password again in both fields."),
                  GTK_WIDGET (self->confirm_row));
      return;
    }
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  yrs_staff_auth_change_password_async (self->auth,
                                        gtk_editable_get_text (GTK_EDITABLE (self->current_row)),
                                        new_password, self->cancellable,
                                        changed_done, g_object_ref (self));
}

const char *
yrs_password_dialog_get_error (YrsPasswordDialog *self)
{
  g_return_val_if_fail (YRS_IS_PASSWORD_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

/* Enter in one field goes to the next: no Tab key on a tablet. */
static void
on_current_activated (YrsPasswordDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
}

static void
on_new_activated (YrsPasswordDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

static void
on_submit (YrsPasswordDialog *self)
{
  yrs_password_dialog_submit (self);
}

static void
on_cancel (YrsPasswordDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
yrs_password_dialog_dispose (GObject *object)
{
  YrsPasswordDialog *self = YRS_PASSWORD_DIALOG (object);

  /* Closing does not stop a change the server may already have made:
   * the flow finishes it (the callback holds a reference). */
  g_clear_object (&self->cancellable);
  g_clear_object (&self->auth);
  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_PASSWORD_DIALOG);

  G_OBJECT_CLASS (yrs_password_dialog_parent_class)->dispose (object);
}

static void
yrs_password_dialog_class_init (YrsPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_password_dialog_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsPasswordDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPasswordDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, YrsPasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsPasswordDialog, change_button);
  gtk_widget_class_bind_template_child (widget_class, YrsPasswordDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, YrsPasswordDialog, keypad);
  gtk_widget_class_bind_template_callback (widget_class, on_current_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_submit);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The in-app keypad types into the focused field (the system's keyboard
 * is kept away: the rows inhibit it); closed with its key, it comes
 * back when a field takes the focus again. */
static void
on_keypad_close (YrsPasswordDialog *self)
{
  gtk_widget_set_visible (self->keypad, FALSE);
}

static void
on_focus_changed (YrsPasswordDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *rows[] = { GTK_WIDGET (self->current_row), GTK_WIDGET (self->new_row),
                        GTK_WIDGET (self->confirm_row) };

  for (guint i = 0; focus != NULL && i < G_N_ELEMENTS (rows); i++)
    if (focus == rows[i] || gtk_widget_is_ancestor (focus, rows[i]))
      {
        gtk_widget_set_visible (self->keypad, TRUE);
        return;
      }
}

/* The keypad's pages are as tall as its tallest mode (handwriting), so
 * that switching modes on a kiosk does not move it; here it never leaves
 * the Latin page, so the fields above get that room. */
static void
fit_to_one_mode (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget))
    {
      gtk_stack_set_vhomogeneous (GTK_STACK (widget), FALSE);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fit_to_one_mode (child);
}

static void
yrs_password_dialog_init (YrsPasswordDialog *self)
{
  AdwPasswordEntryRow *rows[3];

  g_type_ensure (YRS_TYPE_KANA_KEYPAD);
  gtk_widget_init_template (GTK_WIDGET (self));
  fit_to_one_mode (self->keypad);
  g_signal_connect_object (self->keypad, "close", G_CALLBACK (on_keypad_close), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_changed), NULL);

  /* A screen reader names the text field by its row's title (libadwaita
   * 1.2 leaves the field inside an entry row without a name). */
  rows[0] = self->current_row;
  rows[1] = self->new_row;
  rows[2] = self->confirm_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (rows[i]))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])),
                                    -1);
}

GtkWidget *
yrs_password_dialog_new (YrsStaffAuth *auth)
{
  YrsPasswordDialog *self;

  g_return_val_if_fail (YRS_IS_STAFF_AUTH (auth), NULL);

  self = g_object_new (YRS_TYPE_PASSWORD_DIALOG, NULL);
  self->auth = g_object_ref (auth);
  return GTK_WIDGET (self);
}
