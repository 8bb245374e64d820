/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sign-in-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-choice-button.h"
#include "yrs-i18n.h"
#include "yrs-sign-in-page.h"
#include "yrs-sos-page.h"
#include "yrs-window.h"

struct _YrsSignInPage
{
  GtkWidget             parent_instance;

  YrsStaffAuth         *auth;
  char                 *locked_staff_id;
  GCancellable         *cancellable;

  /* template children */
  GtkImage             *icon;
  GtkLabel             *title_label;
  GtkLabel             *description_label;
  AdwEntryRow          *staff_id_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *error_label;
  GtkButton            *sign_in_button;
  GtkSpinner           *spinner;
  GtkButton            *secondary_button;
  GtkToggleButton      *ja_button;
  GtkToggleButton      *en_button;
};

G_DEFINE_FINAL_TYPE (YrsSignInPage, yrs_sign_in_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AUTH,
  PROP_LOCKED_STAFF_ID,
  N_PROPS
};

enum {
  SIGNED_IN,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (YrsSignInPage *self,
          gboolean       busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* Only the button: a focused entry made insensitive loses its focus
   * without GTK telling it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
}

static void
show_error (YrsSignInPage *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->password_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
done (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(YrsSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->locked_staff_id != NULL)
    ok = yrs_staff_auth_unlock_finish (YRS_STAFF_AUTH (object), result, &error);
  else
    ok = yrs_staff_auth_sign_in_finish (YRS_STAFF_AUTH (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  /* The password never stays in the field. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  if (!ok)
    {
      show_error (self, error->message);
      if (g_error_matches (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOO_MANY_ATTEMPTS) &&
          self->locked_staff_id != NULL)
        g_signal_emit (self, signals[CANCELLED], 0);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

void
yrs_sign_in_page_submit (YrsSignInPage *self)
{
  const char *password;

  g_return_if_fail (YRS_IS_SIGN_IN_PAGE (self));

  if (self->auth == NULL || gtk_spinner_get_spinning (self->spinner))
    return;

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  set_busy (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->locked_staff_id != NULL)
    yrs_staff_auth_unlock_async (self->auth, password, self->cancellable,
                                 done, g_object_ref (self));
  else
    yrs_staff_auth_sign_in_async (self->auth,
                                  gtk_editable_get_text (GTK_EDITABLE (self->staff_id_row)),
                                  password, self->cancellable,
                                  done, g_object_ref (self));
}

static void
on_submit (YrsSignInPage *self)
{
  yrs_sign_in_page_submit (self);
}

static void
on_staff_id_activated (YrsSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_secondary (YrsSignInPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_signal_emit (self, signals[CANCELLED], 0);
}

/* The texts of a locked tablet; again after a language switch (the
 * window's walk puts the template's own texts into the new language, but
 * not one with her staff ID in it). */
static void
update_locked_texts (YrsSignInPage *self)
{
  g_autofree char *description = NULL;

  if (self->locked_staff_id == NULL)
    return;
  /* Translators: %s is a staff ID */
  description = g_strdup_printf (_("Signed in as %s. Enter your password to unlock. What you were doing is kept."),
                                 self->locked_staff_id);
  gtk_label_set_label (self->title_label, _("Locked"));
  gtk_label_set_label (self->description_label, description);
  gtk_button_set_label (self->sign_in_button, _("Unlock"));
  gtk_button_set_label (self->secondary_button, _("Sign out"));
}

static void
on_language_changed (YrsSignInPage *self)
{
  gboolean en = yrs_i18n_get_lang () == YRS_LANG_EN;

  gtk_toggle_button_set_active (en ? self->en_button : self->ja_button, TRUE);
  update_locked_texts (self);
}

static void
yrs_sign_in_page_constructed (GObject *object)
{
  YrsSignInPage *self = YRS_SIGN_IN_PAGE (object);

  G_OBJECT_CLASS (yrs_sign_in_page_parent_class)->constructed (object);

  if (self->locked_staff_id != NULL)
    {
      gtk_image_set_from_icon_name (self->icon, "system-lock-screen-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (self->staff_id_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->secondary_button), TRUE);
    }
  on_language_changed (self);
  g_signal_connect_object (yrs_i18n_get_notifier (), "notify::language",
                           G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);
}

static void
yrs_sign_in_page_map (GtkWidget *widget)
{
  YrsSignInPage *self = YRS_SIGN_IN_PAGE (widget);

  GTK_WIDGET_CLASS (yrs_sign_in_page_parent_class)->map (widget);

  if (self->locked_staff_id != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->staff_id_row));
}

static void
yrs_sign_in_page_dispose (GObject *object)
{
  YrsSignInPage *self = YRS_SIGN_IN_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_SIGN_IN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->auth);

  G_OBJECT_CLASS (yrs_sign_in_page_parent_class)->dispose (object);
}

static void
yrs_sign_in_page_finalize (GObject *object)
{
  YrsSignInPage *self = YRS_SIGN_IN_PAGE (object);

  g_free (self->locked_staff_id);

  G_OBJECT_CLASS (yrs_sign_in_page_parent_class)->finalize (object);
}

static void
yrs_sign_in_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YrsSignInPage *self = YRS_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_AUTH:
      g_value_set_object (value, self->auth);
      break;

    case PROP_LOCKED_STAFF_ID:
      g_value_set_string (value, self->locked_staff_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_sign_in_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YrsSignInPage *self = YRS_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_AUTH:
      self->auth = g_value_dup_object (value);
      break;

    case PROP_LOCKED_STAFF_ID:
      self->locked_staff_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sos_home_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
}

/* The SOS page over the gate, in a window of its own (modal, the gate's
 * size): the shell it belongs to is hidden until a staff member signs
 * in. Its "Back to the start" closes it; a lock, a wipe or a sign-out
 * destroys it with the other dependents of the main window. */
static void
sos_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = g_object_new (YRS_TYPE_SOS_PAGE, "vexpand", TRUE, NULL);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  const GActionEntry entries[] = { { "home", sos_home_action } };

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), window);
  gtk_widget_insert_action_group (window, "shell", G_ACTION_GROUP (group));

  gtk_window_set_title (GTK_WINDOW (window), _("Unexpected pregnancy SOS line"));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
      gtk_window_set_default_size (GTK_WINDOW (window),
                                   gtk_widget_get_width (GTK_WIDGET (root)),
                                   gtk_widget_get_height (GTK_WIDGET (root)));
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* 日本語 / English, as in the header after sign-in: the window switches
 * (yrs_window_set_language), the gate with the rest. */
static void
language_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  const char *code = g_variant_get_string (param, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (g_strcmp0 (code, yrs_i18n_get_language ()) == 0)
    return;
  if (YRS_IS_WINDOW (root))
    yrs_window_set_language (YRS_WINDOW (root), code);
  else
    yrs_i18n_set_language (code);
}

static void
yrs_sign_in_page_class_init (YrsSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yrs_sign_in_page_constructed;
  object_class->dispose = yrs_sign_in_page_dispose;
  object_class->finalize = yrs_sign_in_page_finalize;
  object_class->get_property = yrs_sign_in_page_get_property;
  object_class->set_property = yrs_sign_in_page_set_property;
  widget_class->map = yrs_sign_in_page_map;

  properties[PROP_AUTH] =
    g_param_spec_object ("auth", NULL, NULL,
                         YRS_TYPE_STAFF_AUTH,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOCKED_STAFF_ID] =
    g_param_spec_string ("locked-staff-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (YRS_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, icon);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, staff_id_row);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, secondary_button);
  gtk_widget_class_bind_template_callback (widget_class, on_submit);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_id_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_secondary);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, ja_button);
  gtk_widget_class_bind_template_child (widget_class, YrsSignInPage, en_button);
  gtk_widget_class_install_action (widget_class, "sign-in.sos", NULL, sos_action);
  gtk_widget_class_install_action (widget_class, "sign-in.language", "s", language_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-sign-in-page");
}

static void
yrs_sign_in_page_init (YrsSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yrs_sign_in_page_new (YrsStaffAuth *auth,
                      const char   *locked_staff_id)
{
  g_return_val_if_fail (YRS_IS_STAFF_AUTH (auth), NULL);

  return g_object_new (YRS_TYPE_SIGN_IN_PAGE,
                       "auth", auth,
                       "locked-staff-id", locked_staff_id,
                       NULL);
}

void
yrs_sign_in_page_set_cancellable (YrsSignInPage *self,
                                  gboolean       cancellable)
{
  g_return_if_fail (YRS_IS_SIGN_IN_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->secondary_button),
                          cancellable || self->locked_staff_id != NULL);
}

const char *
yrs_sign_in_page_get_error (YrsSignInPage *self)
{
  g_return_val_if_fail (YRS_IS_SIGN_IN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}
