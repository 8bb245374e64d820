/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-visits-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "yrs-date-field.h"
#include "yrs-field-row.h"
#include "yrs-visit-history.h"
#include "yrs-visit-list.h"
#include "yrs-visit-ui.h"
#include "yrs-visits-page.h"

struct _YrsVisitsPage
{
  YrsPage       parent_instance;

  YrsVisitList *list_flow;   /* NULL on a kiosk */

  /* template children */
  GtkListBox   *list;
  GtkLabel     *status_label;
  GtkButton    *refresh_button;
  GtkToggleButton *add_button;
  GtkWidget    *add_form;
  GtkLabel     *add_error_label;
  AdwStatusPage *empty_page;
  AdwStatusPage *staff_only_page;
  GtkEditable  *name_entry;
  GtkEditable  *kana_entry;
  GtkEditable  *phone_entry;
  GtkEditable  *postal_entry;
  GtkEditable  *address_entry;
  YrsDateField *birth_date_field;
  YrsDateField *child_birth_date_field;
  YrsDateField *due_date_field;
};

G_DEFINE_FINAL_TYPE (YrsVisitsPage, yrs_visits_page, YRS_TYPE_PAGE)

static void
open_form (GtkWidget    *button,
           YrsVisitCase *visit_case,
           const char   *page)
{
  GtkWidget *self = gtk_widget_get_ancestor (button, YRS_TYPE_VISITS_PAGE);

  if (self == NULL || visit_case == NULL)
    return;
  yrs_session_set_field (yrs_page_get_session (YRS_PAGE (self)), "visit.case",
                         yrs_visit_case_get_id (visit_case));
  gtk_widget_activate_action (self, "shell.go", "s", page);
}

static void
on_consultation_clicked (GtkButton    *button,
                         YrsVisitCase *visit_case)
{
  open_form (GTK_WIDGET (button), visit_case, "consultation");
}

static void
on_screening_clicked (GtkButton    *button,
                      YrsVisitCase *visit_case)
{
  open_form (GTK_WIDGET (button), visit_case, "screening");
}

static void
on_history_clicked (GtkButton      *button,
                    AdwExpanderRow *row)
{
  adw_expander_row_set_expanded (row, !adw_expander_row_get_expanded (row));
}

static char *
case_title (GObject    *item,
            const char *name,
            const char *kana)
{
  if (kana == NULL || *kana == '\0')
    return g_strdup (name != NULL ? name : "");
  /* Translators: a family on the visit list: the mother's name and its reading */
  return g_strdup_printf (_("%s (%s)"), name != NULL ? name : "", kana);
}

static char *
case_subtitle (GObject    *item,
               const char *waiting,
               gboolean    pending)
{
  if (!pending)
    return g_strdup (waiting != NULL ? waiting : "");
  /* Translators: after what a family on the visit list is waiting for; the family exists only on this tablet so far */
  return g_strdup_printf (_("%s · Not yet sent to the city"), waiting != NULL ? waiting : "");
}

/* The family whose History is open stays open when the list is built
 * again (a sync, a language switch): her case ID in the session. */
#define HISTORY_OPEN_FIELD "visit.history.open"

static void
on_expanded (AdwExpanderRow *row,
             GParamSpec     *pspec,
             YrsVisitsPage  *self)
{
  YrsVisitCase *item = g_object_get_data (G_OBJECT (row), "yrs-visit-case");
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  const char *open;

  if (item == NULL || session == NULL)
    return;
  open = yrs_session_get_field (session, HISTORY_OPEN_FIELD);
  if (adw_expander_row_get_expanded (row))
    yrs_session_set_field (session, HISTORY_OPEN_FIELD, yrs_visit_case_get_id (item));
  else if (g_strcmp0 (open, yrs_visit_case_get_id (item)) == 0)
    yrs_session_set_field (session, HISTORY_OPEN_FIELD, NULL);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  YrsVisitsPage *self = user_data;
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *row;
  const char *name = yrs_visit_case_get_family_name (item);
  g_autofree char *consultation = NULL;
  g_autofree char *screening = NULL;
  g_autofree char *history = NULL;

  gtk_builder_cscope_add_callback (scope, on_consultation_clicked);
  gtk_builder_cscope_add_callback (scope, on_screening_clicked);
  gtk_builder_cscope_add_callback (scope, on_history_clicked);
  gtk_builder_cscope_add_callback (scope, case_title);
  gtk_builder_cscope_add_callback (scope, case_subtitle);
  row = yrs_visit_ui_build_row ("/org/yorisoi/Yorisoi/yrs-visit-case-row.ui", item, scope, &builder);

  /* Each button says whose record it opens, for a screen reader. */
  /* Translators: the accessible name of a family's button on the visit list */
  consultation = g_strdup_printf (_("Consultation record: %s"), name != NULL ? name : "");
  /* Translators: the accessible name of a family's button on the visit list */
  screening = g_strdup_printf (_("EPDS scores: %s"), name != NULL ? name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "consultation_button")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, consultation, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "screening_button")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, screening, -1);
  yrs_visit_history_set_visit_case (YRS_VISIT_HISTORY (gtk_builder_get_object (builder, "history")), item);
  /* Translators: the accessible name of a family's button on the visit list: shows her earlier records */
  history = g_strdup_printf (_("History: %s"), name != NULL ? name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_builder_get_object (builder, "history_button")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, history, -1);
  g_object_set_data_full (G_OBJECT (row), "yrs-visit-case", g_object_ref (item), g_object_unref);
  if (session != NULL &&
      g_strcmp0 (yrs_session_get_field (session, HISTORY_OPEN_FIELD), yrs_visit_case_get_id (item)) == 0)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded), self, 0);
  return row;
}

static void
update_status (YrsVisitsPage *self)
{
  g_autofree char *text = NULL;
  gboolean staff = self->list_flow != NULL;
  guint n = staff ? g_list_model_get_n_items (G_LIST_MODEL (self->list_flow)) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->staff_only_page), !staff);
  gtk_widget_set_visible (GTK_WIDGET (self->list), staff && n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), staff && n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), staff);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), staff);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), staff);
  if (!staff)
    return;

  if (yrs_visit_list_get_error (self->list_flow) != NULL)
    text = g_strdup (yrs_visit_list_get_error (self->list_flow));
  else if (yrs_visit_list_get_loading (self->list_flow))
    text = g_strdup (_("Getting the list from the city…"));
  else
    {
      g_autofree char *updated = yrs_visit_list_dup_last_updated (self->list_flow);

      if (updated == NULL)
        text = g_strdup (_("Not downloaded yet: sync when you have a connection."));
      else if (yrs_visit_list_get_offline (self->list_flow))
        /* Translators: %s is a date and time ("2026-12-05 09:30") */
        text = g_strdup_printf (_("No connection: the list as of %s, kept on this tablet."), updated);
      else
        /* Translators: %s is a date and time ("2026-12-05 09:30") */
        text = g_strdup_printf (_("Updated %s"), updated);
    }
  gtk_label_set_label (self->status_label, text);
}

/* What she types into "Add a family" is kept in the session (fields
 * "visit.add.<member>"), so a language switch loses nothing. */
static void
on_entry_changed (GtkEditable   *editable,
                  YrsVisitsPage *self)
{
  g_autofree char *key = g_strconcat ("visit.add.", gtk_widget_get_name (GTK_WIDGET (editable)), NULL);

  yrs_session_set_field (yrs_page_get_session (YRS_PAGE (self)), key, gtk_editable_get_text (editable));
}

static void
on_date_changed (YrsDateField  *field,
                 YrsVisitsPage *self)
{
  g_autofree char *key = g_strconcat ("visit.add.", gtk_widget_get_name (GTK_WIDGET (field)), NULL);

  yrs_session_set_field (yrs_page_get_session (YRS_PAGE (self)), key, yrs_date_field_get_date (field));
}

static void
attach_entry (YrsVisitsPage *self,
              GtkEditable   *editable)
{
  g_autofree char *key = g_strconcat ("visit.add.", gtk_widget_get_name (GTK_WIDGET (editable)), NULL);
  const char *value = yrs_session_get_field (yrs_page_get_session (YRS_PAGE (self)), key);

  gtk_editable_set_text (editable, value != NULL ? value : "");
  g_signal_connect_object (editable, "changed", G_CALLBACK (on_entry_changed), self, 0);
}

static void
attach_date (YrsVisitsPage *self,
             YrsDateField  *field)
{
  g_autofree char *key = g_strconcat ("visit.add.", gtk_widget_get_name (GTK_WIDGET (field)), NULL);
  const char *value = yrs_session_get_field (yrs_page_get_session (YRS_PAGE (self)), key);

  if (value != NULL && *value != '\0')
    yrs_date_field_set_date (field, value);
  g_signal_connect_object (field, "changed", G_CALLBACK (on_date_changed), self, 0);
}

static void
on_refresh_clicked (YrsVisitsPage *self)
{
  if (self->list_flow != NULL)
    yrs_visit_list_refresh (self->list_flow);
}

static void
set_member (JsonObject  *family,
            const char  *member,
            const char  *value,
            gboolean     optional)
{
  if (value == NULL || *value == '\0')
    {
      if (!optional)
        json_object_set_string_member (family, member, "");
      return;
    }
  json_object_set_string_member (family, member, value);
}

static void
on_add_family_clicked (YrsVisitsPage *self)
{
  g_autoptr(JsonObject) family = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  YrsSession *session = yrs_page_get_session (YRS_PAGE (self));

  if (self->list_flow == NULL)
    return;

  set_member (family, "name", gtk_editable_get_text (self->name_entry), FALSE);
  set_member (family, "kana", gtk_editable_get_text (self->kana_entry), FALSE);
  set_member (family, "birth_date", yrs_date_field_get_date (self->birth_date_field), FALSE);
  set_member (family, "phone", gtk_editable_get_text (self->phone_entry), FALSE);
  set_member (family, "postal_code", gtk_editable_get_text (self->postal_entry), FALSE);
  set_member (family, "address", gtk_editable_get_text (self->address_entry), FALSE);
  set_member (family, "child_birth_date", yrs_date_field_get_date (self->child_birth_date_field), TRUE);
  set_member (family, "due_date", yrs_date_field_get_date (self->due_date_field), TRUE);

  if (!yrs_visit_list_add_family (self->list_flow, family, &case_id, &error))
    {
      /* In place, with everything she typed kept. */
      gtk_label_set_label (self->add_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), FALSE);
  {
    const char *members[] = { "name", "kana", "birth_date", "phone", "postal_code", "address",
                              "child_birth_date", "due_date" };

    for (guint i = 0; i < G_N_ELEMENTS (members); i++)
      {
        g_autofree char *key = g_strconcat ("visit.add.", members[i], NULL);

        yrs_session_set_field (session, key, NULL);
      }
  }
  gtk_editable_set_text (self->name_entry, "");
  gtk_editable_set_text (self->kana_entry, "");
  gtk_editable_set_text (self->phone_entry, "");
  gtk_editable_set_text (self->postal_entry, "");
  gtk_editable_set_text (self->address_entry, "");
  yrs_date_field_set_date (self->birth_date_field, "");
  yrs_date_field_set_date (self->child_birth_date_field, "");
  yrs_date_field_set_date (self->due_date_field, "");
  gtk_toggle_button_set_active (self->add_button, FALSE);
  yrs_visit_ui_toast (GTK_WIDGET (self), _("The family is on your list. The city gets it with the next sync."));
}

static void
bind_flows (YrsVisitsPage *self)
{
  YrsVisitList *list = yrs_session_get_visit_list (yrs_page_get_session (YRS_PAGE (self)));

  if (list != self->list_flow)
    {
      if (self->list_flow != NULL)
        g_signal_handlers_disconnect_by_data (self->list_flow, self);
      g_set_object (&self->list_flow, list);
      gtk_list_box_bind_model (self->list, list != NULL ? G_LIST_MODEL (list) : NULL,
                               create_row, self, NULL);
      if (list != NULL)
        {
          g_signal_connect_object (list, "items-changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (list, "notify", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
        }
    }
  update_status (self);
}

static void
yrs_visits_page_map (GtkWidget *widget)
{
  YrsVisitsPage *self = YRS_VISITS_PAGE (widget);

  bind_flows (self);
  GTK_WIDGET_CLASS (yrs_visits_page_parent_class)->map (widget);
  /* The list as the city has it now, when there is a connection. */
  if (self->list_flow != NULL)
    yrs_visit_list_refresh (self->list_flow);
}

static void
yrs_visits_page_load (YrsPage *page)
{
  YrsVisitsPage *self = YRS_VISITS_PAGE (page);
  const char *open = yrs_session_get_field (yrs_page_get_session (page), "visit.add.open");

  bind_flows (self);
  attach_entry (self, self->name_entry);
  attach_entry (self, self->kana_entry);
  attach_entry (self, self->phone_entry);
  attach_entry (self, self->postal_entry);
  attach_entry (self, self->address_entry);
  attach_date (self, self->birth_date_field);
  attach_date (self, self->child_birth_date_field);
  attach_date (self, self->due_date_field);
  gtk_toggle_button_set_active (self->add_button, g_strcmp0 (open, "1") == 0);
}

static void
on_add_toggled (YrsVisitsPage *self)
{
  yrs_session_set_field (yrs_page_get_session (YRS_PAGE (self)), "visit.add.open",
                         gtk_toggle_button_get_active (self->add_button) ? "1" : NULL);
}

static void
yrs_visits_page_dispose (GObject *object)
{
  YrsVisitsPage *self = YRS_VISITS_PAGE (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);

  G_OBJECT_CLASS (yrs_visits_page_parent_class)->dispose (object);

  g_clear_object (&self->list_flow);
}

static void
yrs_visits_page_class_init (YrsVisitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->dispose = yrs_visits_page_dispose;
  widget_class->map = yrs_visits_page_map;
  page_class->load = yrs_visits_page_load;

  g_type_ensure (YRS_TYPE_FIELD_ROW);
  g_type_ensure (YRS_TYPE_VISIT_HISTORY);
  g_type_ensure (YRS_TYPE_DATE_FIELD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-visits-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, list);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, add_form);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, staff_only_page);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, kana_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, postal_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, address_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, birth_date_field);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, child_birth_date_field);
  gtk_widget_class_bind_template_child (widget_class, YrsVisitsPage, due_date_field);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_family_clicked);
}

static void
yrs_visits_page_init (YrsVisitsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->add_button, "toggled", G_CALLBACK (on_add_toggled), self,
                           G_CONNECT_SWAPPED);
}
