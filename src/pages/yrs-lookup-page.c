/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The page "lookup": "I have a reference number" (受付番号をお持ちの方).
 * It shows and asks; YrsLookupFlow decides and talks to the server. The
 * reference entry takes the kiosk's keypad (Latin letters and digits) and
 * what a USB QR scanner types reading the receipt's code; there is no
 * camera scanning. */

#define G_LOG_DOMAIN "yrs-lookup-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "yrs-date-field.h"
#include "yrs-lookup-booking.h"
#include "yrs-lookup-flow.h"
#include "yrs-lookup-page.h"

struct _YrsLookupPage
{
  YrsPage        parent_instance;

  YrsLookupFlow *flow;
  GBinding      *reference_binding;

  /* template children */
  GtkEntry      *reference_entry;
  YrsDateField  *birth_field;
  GtkLabel      *birth_error;
  GtkLabel      *found_reference_label;
  GtkWidget     *status_card;
  GtkListView   *bookings_list;
  GtkWidget     *look_up_button;
  GtkWidget     *confirm_box;
  GtkLabel      *confirm_label;
  GtkWidget     *keep_button;

  char          *pending_cancel;   /* the booking she was asked about */
};

G_DEFINE_FINAL_TYPE (YrsLookupPage, yrs_lookup_page, YRS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
not (gpointer unused,
     gboolean value)
{
  return !value;
}

static gboolean
has_text (gpointer    unused,
          const char *text)
{
  return text != NULL && *text != '\0';
}

/* The date field's own message (parts that make no date), else the
 * flow's (empty, in the future). */
static void
update_birth_error (YrsLookupPage *self)
{
  const char *own = yrs_date_field_get_error (self->birth_field);
  g_autofree char *flow = NULL;
  const char *text;

  if (self->flow != NULL)
    g_object_get (self->flow, "birth-date-error", &flow, NULL);
  text = own != NULL && *own != '\0' ? own : flow != NULL ? flow : "";
  gtk_label_set_label (self->birth_error, text);
  gtk_widget_set_visible (GTK_WIDGET (self->birth_error), *text != '\0');
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->birth_field), GTK_ACCESSIBLE_STATE_INVALID,
                               *text != '\0' ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
on_birth_changed (YrsLookupPage *self)
{
  if (self->flow != NULL)
    yrs_lookup_flow_set_birth_date (self->flow, yrs_date_field_get_date (self->birth_field));
  update_birth_error (self);
}

/* Enter after the reference (a QR scanner ends with it): on to the
 * date, or look up when it is there. */
static void
on_reference_activate (YrsLookupPage *self)
{
  if (self->flow != NULL && yrs_lookup_flow_get_can_look_up (self->flow))
    yrs_lookup_flow_look_up (self->flow);
  else
    gtk_widget_grab_focus (GTK_WIDGET (yrs_date_field_get_year_editable (self->birth_field)));
}

/* A complete reference (typed on the keypad or by a QR scanner): on to
 * the date of birth, with its keypad. */
static void
on_reference_changed (YrsLookupPage *self)
{
  g_autofree char *normal = NULL;

  if (!gtk_widget_has_focus (GTK_WIDGET (self->reference_entry)) &&
      !gtk_widget_is_focus (GTK_WIDGET (self->reference_entry)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->reference_entry)))
        return;
    }
  normal = yrs_lookup_flow_normalize_reference (gtk_editable_get_text (GTK_EDITABLE (self->reference_entry)));
  if (normal != NULL && *yrs_date_field_get_date (self->birth_field) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (yrs_date_field_get_year_editable (self->birth_field)));
}

/* On a kiosk the keypad covers the lower half of the window: each part
 * of the date, once complete, hands on to the next, and the last to the
 * "Look up" button (the keypad then goes away). */
static void
on_date_part_changed (GtkEditable   *part,
                      YrsLookupPage *self)
{
  const char *text = gtk_editable_get_text (part);
  gsize n = strlen (text);
  GtkEditable *year = yrs_date_field_get_year_editable (self->birth_field);
  GtkEditable *month = yrs_date_field_get_month_editable (self->birth_field);
  GtkEditable *day = yrs_date_field_get_day_editable (self->birth_field);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean complete;

  /* Only as she types in it, not when the date is set for her. */
  if (focus == NULL || (focus != GTK_WIDGET (part) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (part))))
    return;
  if (n == 0 || strspn (text, "0123456789") != n)
    return;
  if (part == year)
    complete = n == 4;
  else
    complete = n == 2 || (n == 1 && text[0] > (part == month ? '1' : '3'));
  if (!complete)
    return;
  if (part == year)
    gtk_widget_grab_focus (GTK_WIDGET (month));
  else if (part == month)
    gtk_widget_grab_focus (GTK_WIDGET (day));
  else if (self->flow != NULL && yrs_lookup_flow_get_can_look_up (self->flow))
    gtk_widget_grab_focus (self->look_up_button);
}

/* A style class cannot be bound in a template: the status card's colour. */
static void
on_found (YrsLookupPage *self)
{
  g_autofree char *style = NULL;
  g_autofree char *reference = NULL;
  static const char *styles[] = { "success", "warning", "error" };

  if (self->flow == NULL)
    return;
  g_object_get (self->flow, "status-style", &style, "found-reference", &reference, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (self->status_card, styles[i]);
  if (style != NULL && *style != '\0')
    gtk_widget_add_css_class (self->status_card, style);
  if (reference != NULL && *reference != '\0')
    {
      /* Translators: %s is the reference number she looked up */
      g_autofree char *text = g_strdup_printf (_("Reference number: %s"), reference);

      gtk_label_set_label (self->found_reference_label, text);
    }
  else
    gtk_label_set_label (self->found_reference_label, "");
}

static void
look_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (widget);

  if (self->flow != NULL && !yrs_lookup_flow_look_up (self->flow))
    update_birth_error (self);
}

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (widget);

  if (self->flow == NULL)
    return;
  yrs_lookup_flow_clear (self->flow);
  yrs_date_field_set_date (self->birth_field, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->reference_entry));
}

/* The question before a booking is cancelled, on the page itself (a
 * kiosk has no window manager for a dialog). */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (widget);
  GListModel *bookings = self->flow != NULL ? yrs_lookup_flow_get_bookings (self->flow) : NULL;
  const char *id = g_variant_get_string (param, NULL);
  g_autofree char *body = NULL;

  for (guint i = 0; bookings != NULL && i < g_list_model_get_n_items (bookings); i++)
    {
      g_autoptr(YrsLookupBooking) item = g_list_model_get_item (bookings, i);
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;

      if (g_strcmp0 (yrs_lookup_booking_get_id (item), id) != 0)
        continue;
      g_object_get (item, "title", &title, "when", &when, NULL);
      /* Translators: the question before cancelling; %s: facility and kind, %s: when */
      body = g_strdup_printf (_("Cancel %s, %s? Its place goes to someone else; to come after all, you would book again."),
                              title, when);
    }
  if (body == NULL)
    return;
  g_free (self->pending_cancel);
  self->pending_cancel = g_strdup (id);
  gtk_label_set_label (self->confirm_label, body);
  gtk_widget_set_visible (self->confirm_box, TRUE);
  gtk_widget_grab_focus (self->keep_button);
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (widget);

  g_clear_pointer (&self->pending_cancel, g_free);
  gtk_widget_set_visible (self->confirm_box, FALSE);
}

static void
confirm_cancel_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (widget);

  if (self->flow != NULL && self->pending_cancel != NULL)
    yrs_lookup_flow_cancel_booking (self->flow, self->pending_cancel);
  g_clear_pointer (&self->pending_cancel, g_free);
  gtk_widget_set_visible (self->confirm_box, FALSE);
}

/* A booking's "Cancel this booking" (ui/yrs-lookup-booking-row.ui). */
static void
booking_cancel_clicked (GtkListItem *item,
                        GtkButton   *button)
{
  YrsLookupBooking *booking = gtk_list_item_get_item (item);

  if (booking != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), "lookup.cancel", "s",
                                yrs_lookup_booking_get_id (booking));
}

static void
yrs_lookup_page_load (YrsPage *page)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (page);

  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_pointer (&self->reference_binding, g_binding_unbind);
  g_set_object (&self->flow, yrs_session_get_lookup_flow (yrs_page_get_session (page)));
  self->reference_binding = g_object_bind_property (self->flow, "reference",
                                                    self->reference_entry, "text",
                                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* The binding goes by itself when the flow is dropped (the wipe). */
  g_object_add_weak_pointer (G_OBJECT (self->reference_binding), (gpointer *) &self->reference_binding);
  if (*yrs_lookup_flow_get_birth_date (self->flow) != '\0')
    yrs_date_field_set_date (self->birth_field, yrs_lookup_flow_get_birth_date (self->flow));
  g_signal_connect_object (self->flow, "notify::found", G_CALLBACK (on_found), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "notify::status-style", G_CALLBACK (on_found), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "notify::birth-date-error", G_CALLBACK (update_birth_error),
                           self, G_CONNECT_SWAPPED);
  on_found (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOW]);
}

static void
yrs_lookup_page_map (GtkWidget *widget)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (widget);

  GTK_WIDGET_CLASS (yrs_lookup_page_parent_class)->map (widget);

  /* Back from a booking: what the server says now. */
  if (self->flow != NULL && yrs_lookup_flow_get_state (self->flow) == YRS_LOOKUP_FOUND)
    yrs_lookup_flow_refresh (self->flow);
  else
    /* Ready for the keypad, or for a QR scanner typing. */
    gtk_widget_grab_focus (GTK_WIDGET (self->reference_entry));
}

static void
yrs_lookup_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, self->flow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_lookup_page_dispose (GObject *object)
{
  YrsLookupPage *self = YRS_LOOKUP_PAGE (object);

  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_pointer (&self->reference_binding, g_binding_unbind);
  g_clear_pointer (&self->pending_cancel, g_free);

  /* The template's bindings go first, then what they looked at. */
  G_OBJECT_CLASS (yrs_lookup_page_parent_class)->dispose (object);
  g_clear_object (&self->flow);
}

static void
yrs_lookup_page_class_init (YrsLookupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_lookup_page_dispose;
  object_class->get_property = yrs_lookup_page_get_property;
  widget_class->map = yrs_lookup_page_map;
  page_class->load = yrs_lookup_page_load;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, YRS_TYPE_LOOKUP_FLOW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YRS_TYPE_DATE_FIELD);
  g_type_ensure (YRS_TYPE_LOOKUP_FLOW);
  g_type_ensure (YRS_TYPE_LOOKUP_BOOKING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-lookup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, reference_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, birth_field);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, birth_error);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, found_reference_label);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, status_card);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, bookings_list);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, look_up_button);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, confirm_box);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, YrsLookupPage, keep_button);
  gtk_widget_class_bind_template_callback (widget_class, not);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_bind_template_callback (widget_class, on_birth_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reference_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_reference_changed);

  gtk_widget_class_install_action (widget_class, "lookup.look-up", NULL, look_up_action);
  gtk_widget_class_install_action (widget_class, "lookup.again", NULL, again_action);
  gtk_widget_class_install_action (widget_class, "lookup.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "lookup.keep", NULL, keep_action);
  gtk_widget_class_install_action (widget_class, "lookup.confirm-cancel", NULL, confirm_cancel_action);
}

static void
yrs_lookup_page_init (YrsLookupPage *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  yrs_date_field_set_label (self->birth_field, _("Date of birth"));
  g_signal_connect_after (yrs_date_field_get_year_editable (self->birth_field), "changed",
                          G_CALLBACK (on_date_part_changed), self);
  g_signal_connect_after (yrs_date_field_get_month_editable (self->birth_field), "changed",
                          G_CALLBACK (on_date_part_changed), self);
  g_signal_connect_after (yrs_date_field_get_day_editable (self->birth_field), "changed",
                          G_CALLBACK (on_date_part_changed), self);

  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), booking_cancel_clicked);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, "/org/yorisoi/Yorisoi/yrs-lookup-booking-row.ui");
  gtk_list_view_set_factory (self->bookings_list, factory);
}
