/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-reserve-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-reserve-page.h"
#include "yrs-store-ui.h"
#include "yrs-sync-messages.h"

struct _YrsReservePage
{
  YrsPage          parent_instance;

  GPtrArray       *facility_ids;   /* listed, interned-free copies */
  const char      *registration_state;
  GPtrArray       *ward_ids;       /* dropdown position -> ward ID (NULL = all) */
  gboolean         filling;

  /* template children */
  GtkLabel        *registration_title;
  GtkLabel        *registration_label;
  GtkWidget       *register_button;
  GtkToggleButton *stay_button;
  GtkToggleButton *day_button;
  GtkToggleButton *visit_button;
  GtkDropDown     *ward_dropdown;
  GtkCheckButton  *siblings_check;
  GtkLabel        *age_note;
  GtkBox          *facility_list;
};

G_DEFINE_FINAL_TYPE (YrsReservePage, yrs_reserve_page, YRS_TYPE_PAGE)

static YrsSession *
session_of (YrsReservePage *self)
{
  return yrs_page_get_session (YRS_PAGE (self));
}

static const char *
kind_of (YrsReservePage *self)
{
  const char *kind = yrs_session_get_field (session_of (self), "reserve.kind");

  return kind != NULL ? kind : "stay";
}

/* The newest registration of this person in the outbox decides what the
 * page offers: none, pending (saved or sent, not answered), registered. */
static void
update_registration (YrsReservePage *self)
{
  YrsSession *session = session_of (self);
  YrsStore *store = yrs_session_get_store (session);
  g_autoptr(GPtrArray) rows = NULL;
  const YrsOutboxItem *newest = NULL;

  if (store != NULL && yrs_session_get_owner (session) != NULL)
    rows = yrs_store_outbox_list (store, yrs_session_get_owner (session), YRS_OUTBOX_STATE_ANY, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const YrsOutboxItem *item = g_ptr_array_index (rows, i);

      if (item->kind == YRS_OUTBOX_KIND_REGISTRATION)
        newest = item;
    }

  gtk_widget_set_visible (self->register_button, TRUE);
  if (newest == NULL)
    {
      self->registration_state = "none";
      gtk_label_set_label (self->registration_title, _("First, register once"));
      gtk_label_set_label (self->registration_label,
                           _("Before your first booking, register for postpartum care (利用申請). The city approves it in about 5 working days. You can register from the 8th month of pregnancy."));
    }
  else if (newest->state == YRS_OUTBOX_STATE_ACCEPTED)
    {
      g_autofree char *text = NULL;

      self->registration_state = "registered";
      yrs_session_set_field (session, "reserve.registration", newest->server_reference);
      /* The booking names its registration by the outbox row's key: the
       * sync engine puts the server's registration ID in its place. */
      yrs_session_set_field (session, "reserve.registration_key", newest->idempotency_key);
      gtk_label_set_label (self->registration_title, _("You are registered"));
      /* Translators: %s is a reference number */
      text = g_strdup_printf (_("Registration %s. Choose the kind of care and a facility below."),
                              newest->server_reference != NULL ? newest->server_reference : "");
      gtk_label_set_label (self->registration_label, text);
      gtk_widget_set_visible (self->register_button, FALSE);
    }
  else if (newest->state == YRS_OUTBOX_STATE_REJECTED)
    {
      g_autofree char *text = NULL;

      self->registration_state = "rejected";
      gtk_label_set_label (self->registration_title, _("Your registration was not accepted"));
      text = yrs_sync_describe_rejection (newest->kind, newest->reason);
      gtk_label_set_label (self->registration_label, text);
    }
  else
    {
      self->registration_state = "pending";
      gtk_label_set_label (self->registration_title, _("Your registration is pending"));
      gtk_label_set_label (self->registration_label,
                           _("It is saved and goes to the city as soon as there is a connection; the city then approves it in about 5 working days. You can look at the facilities and free days now, and book once it is approved."));
      gtk_widget_set_visible (self->register_button, FALSE);
    }
}

static void
fill_facilities (YrsReservePage *self)
{
  YrsSession *session = session_of (self);
  YrsCatalog *catalog = yrs_session_get_catalog (session);
  YrsAnswers *answers = yrs_session_get_answers (session);
  YrsLang lang = yrs_i18n_get_lang ();
  const char *ward = yrs_session_get_field (session, "reserve.ward");
  gboolean siblings = g_strcmp0 (yrs_session_get_field (session, "reserve.siblings"), "1") == 0;
  YrsCareKind kind;
  YrsDate born = YRS_DATE_NONE;
  gboolean over_4_months = FALSE;
  GtkWidget *child;

  g_ptr_array_set_size (self->facility_ids, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facility_list))) != NULL)
    gtk_box_remove (self->facility_list, child);

  if (!yrs_care_kind_from_string (kind_of (self), &kind))
    kind = YRS_CARE_STAY;

  /* After 4 months of age, only facilities that say so take the baby. */
  if (yrs_answers_get_date (answers, "birth.born_on", &born))
    over_4_months = yrs_date_age_in_months (born, yrs_session_get_as_of (session)) >= 4;
  gtk_widget_set_visible (GTK_WIDGET (self->age_note), over_4_months);
  gtk_label_set_label (self->age_note,
                       _("Your baby is over 4 months old: only the facilities that take older babies are listed."));

  for (guint i = 0; i < yrs_catalog_get_n_facilities (catalog); i++)
    {
      const YrsFacility *facility = yrs_catalog_get_facility (catalog, i);
      gint64 fee = -1;
      g_autofree char *fee_text = NULL;
      g_autofree char *money = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *button, *box, *name, *meta, *price;

      if (!yrs_facility_offers (facility, kind, &fee))
        continue;
      if (ward != NULL && g_strcmp0 (yrs_facility_get_ward (facility), ward) != 0)
        continue;
      if (over_4_months && !yrs_facility_get_accepts_over_4_months (facility))
        continue;
      if (siblings && !yrs_facility_get_accepts_siblings (facility))
        continue;

      g_ptr_array_add (self->facility_ids, g_strdup (yrs_facility_get_id (facility)));

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_set_margin_top (box, 12);
      gtk_widget_set_margin_bottom (box, 12);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);

      name = gtk_label_new (yrs_facility_get_name (facility, lang));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_add_css_class (name, "heading");
      gtk_box_append (GTK_BOX (box), name);

      meta = gtk_label_new (NULL);
      {
        const YrsWard *w = yrs_catalog_lookup_ward (catalog, yrs_facility_get_ward (facility));
        g_autofree char *text = g_strdup_printf ("%s · %s · %s",
                                                 yrs_facility_get_facility_type (facility) == YRS_FACILITY_JOSANJO
                                                 ? _("Midwife home") : _("Clinic or hospital"),
                                                 w != NULL ? yrs_ward_get_name (w, lang) : "",
                                                 yrs_facility_get_address (facility, lang));

        gtk_label_set_label (GTK_LABEL (meta), text);
      }
      gtk_label_set_xalign (GTK_LABEL (meta), 0);
      gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (meta), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), meta);

      money = yrs_money_format (fee, lang);
      if (yrs_facility_get_sample (facility))
        /* Translators: a facility's own fee, before the city's reductions; the figure is an example */
        fee_text = g_strdup_printf (_("Facility fee %s per use before reductions (sample figure, not the facility's own)"), money);
      else
        /* Translators: a facility's own fee, before the city's reductions */
        fee_text = g_strdup_printf (_("Facility fee %s per use before reductions"), money);
      price = gtk_label_new (fee_text);
      gtk_label_set_xalign (GTK_LABEL (price), 0);
      gtk_label_set_wrap (GTK_LABEL (price), TRUE);
      gtk_box_append (GTK_BOX (box), price);

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "card");
      gtk_widget_add_css_class (button, "facility-card");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reserve.facility");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", yrs_facility_get_id (facility));
      accessible = g_strdup_printf ("%s. %s", yrs_facility_get_name (facility, lang), fee_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_box_append (self->facility_list, button);
    }

  if (self->facility_ids->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No facility offers this kind of care with these choices. Try another ward or kind of care."));

      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_box_append (self->facility_list, none);
    }
}

static void
on_kind_toggled (GtkToggleButton *button,
                 YrsReservePage  *self)
{
  const char *kind;

  if (self->filling || !gtk_toggle_button_get_active (button))
    return;
  kind = button == self->day_button ? "day" : button == self->visit_button ? "visit" : "stay";
  yrs_session_set_field (session_of (self), "reserve.kind", kind);
  yrs_answers_set_string (yrs_session_get_answers (session_of (self)), "care.kind", kind);
  fill_facilities (self);
}

static void
on_siblings_toggled (GtkCheckButton *check,
                     YrsReservePage *self)
{
  if (self->filling)
    return;
  yrs_session_set_field (session_of (self), "reserve.siblings",
                         gtk_check_button_get_active (check) ? "1" : NULL);
  fill_facilities (self);
}

static void
on_ward_selected (GtkDropDown    *dropdown,
                  GParamSpec     *pspec,
                  YrsReservePage *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->filling || position >= self->ward_ids->len)
    return;
  yrs_session_set_field (session_of (self), "reserve.ward",
                         g_ptr_array_index (self->ward_ids, position));
  fill_facilities (self);
}

static void
yrs_reserve_page_load (YrsPage *page)
{
  YrsReservePage *self = YRS_RESERVE_PAGE (page);
  YrsSession *session = session_of (self);
  YrsCatalog *catalog = yrs_session_get_catalog (session);
  const char *kind = kind_of (self);
  const char *ward = yrs_session_get_field (session, "reserve.ward");
  g_autoptr(GtkStringList) wards = gtk_string_list_new (NULL);
  guint selected = 0;

  self->filling = TRUE;

  gtk_toggle_button_set_active (g_str_equal (kind, "day") ? self->day_button
                                : g_str_equal (kind, "visit") ? self->visit_button
                                : self->stay_button, TRUE);
  gtk_check_button_set_active (self->siblings_check,
                               g_strcmp0 (yrs_session_get_field (session, "reserve.siblings"), "1") == 0);

  g_ptr_array_set_size (self->ward_ids, 0);
  gtk_string_list_append (wards, _("All wards"));
  g_ptr_array_add (self->ward_ids, NULL);
  for (guint i = 0; i < yrs_catalog_get_n_wards (catalog); i++)
    {
      const YrsWard *w = yrs_catalog_get_ward (catalog, i);

      gtk_string_list_append (wards, yrs_ward_get_name (w, yrs_i18n_get_lang ()));
      g_ptr_array_add (self->ward_ids, g_strdup (yrs_ward_get_id (w)));
      if (g_strcmp0 (ward, yrs_ward_get_id (w)) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->ward_dropdown, G_LIST_MODEL (wards));
  gtk_drop_down_set_selected (self->ward_dropdown, selected);

  self->filling = FALSE;

  update_registration (self);
  fill_facilities (self);
}

static void
yrs_reserve_page_map (GtkWidget *widget)
{
  /* A registration may have been answered since. */
  update_registration (YRS_RESERVE_PAGE (widget));

  GTK_WIDGET_CLASS (yrs_reserve_page_parent_class)->map (widget);
}

static void
facility_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  YrsReservePage *self = YRS_RESERVE_PAGE (widget);
  YrsSession *session = session_of (self);
  const char *id = g_variant_get_string (param, NULL);

  yrs_session_set_field (session, "reserve.facility", id);
  /* The kind the page shows (stays until she picks another): the next
   * pages list and book slots of this kind only. */
  yrs_session_set_field (session, "reserve.kind", kind_of (self));
  yrs_session_set_field (session, "reserve.day", NULL);
  yrs_answers_set_string (yrs_session_get_answers (session), "care.facility", id);
  yrs_answers_set_string (yrs_session_get_answers (session), "care.kind", kind_of (self));
  gtk_widget_activate_action (widget, "shell.go", "s", "slots");
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  YrsSession *session = session_of (YRS_RESERVE_PAGE (widget));

  if (g_strcmp0 (yrs_session_get_field (session, "apply.programme"), "postpartum_care") != 0)
    yrs_session_set_field (session, "apply.checked", NULL);
  yrs_session_set_field (session, "apply.programme", "postpartum_care");
  gtk_widget_activate_action (widget, "shell.go", "s", "apply");
}

static void
yrs_reserve_page_finalize (GObject *object)
{
  YrsReservePage *self = YRS_RESERVE_PAGE (object);

  g_clear_pointer (&self->facility_ids, g_ptr_array_unref);
  g_clear_pointer (&self->ward_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (yrs_reserve_page_parent_class)->finalize (object);
}

static void
yrs_reserve_page_class_init (YrsReservePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->finalize = yrs_reserve_page_finalize;
  widget_class->map = yrs_reserve_page_map;
  page_class->load = yrs_reserve_page_load;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-reserve-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, registration_title);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, registration_label);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, register_button);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, stay_button);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, day_button);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, visit_button);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, ward_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, siblings_check);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, age_note);
  gtk_widget_class_bind_template_child (widget_class, YrsReservePage, facility_list);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_siblings_toggled);

  gtk_widget_class_install_action (widget_class, "reserve.facility", "s", facility_action);
  gtk_widget_class_install_action (widget_class, "reserve.register", NULL, register_action);
}

static void
yrs_reserve_page_init (YrsReservePage *self)
{
  self->facility_ids = g_ptr_array_new_with_free_func (g_free);
  self->ward_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->ward_dropdown, "notify::selected", G_CALLBACK (on_ward_selected), self);
}

const char **
yrs_reserve_page_list_facilities (YrsReservePage *self)
{
  const char **ids;

  g_return_val_if_fail (YRS_IS_RESERVE_PAGE (self), NULL);

  ids = g_new0 (const char *, self->facility_ids->len + 1);
  for (guint i = 0; i < self->facility_ids->len; i++)
    ids[i] = g_ptr_array_index (self->facility_ids, i);
  return ids;
}

const char *
yrs_reserve_page_get_registration_state (YrsReservePage *self)
{
  g_return_val_if_fail (YRS_IS_RESERVE_PAGE (self), NULL);

  return self->registration_state;
}
