/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-slots-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "yrs-i18n.h"
#include "yrs-slot-time.h"
#include "yrs-slots-page.h"
#include "yrs-store-ui.h"

#define N_WEEKS 4

struct _YrsSlotsPage
{
  YrsPage      parent_instance;

  GHashTable  *free_by_day;   /* "YYYY-MM-DD" -> GINT_TO_POINTER (free + 1) */

  /* template children */
  GtkLabel    *title_label;
  GtkGrid     *calendar;
  GtkLabel    *day_label;
  GtkBox      *times_box;
};

G_DEFINE_FINAL_TYPE (YrsSlotsPage, yrs_slots_page, YRS_TYPE_PAGE)

static YrsSession *
session_of (YrsSlotsPage *self)
{
  return yrs_page_get_session (YRS_PAGE (self));
}

static GPtrArray *
list_slots (YrsSlotsPage *self,
            YrsDate       from,
            YrsDate       to)
{
  YrsSession *session = session_of (self);
  YrsStore *store = yrs_session_get_store (session);
  g_autoptr(GError) error = NULL;
  GPtrArray *slots;

  if (store == NULL)
    return g_ptr_array_new ();
  slots = yrs_store_list_slots (store,
                                yrs_session_get_field (session, "reserve.facility"),
                                yrs_session_get_field (session, "reserve.kind"),
                                from, to, FALSE, &error);
  if (slots == NULL)
    {
      g_warning ("Could not read the free places: %s", error->message);
      return g_ptr_array_new ();
    }
  return slots;
}

static void
show_day (YrsSlotsPage *self,
          const char   *day)
{
  YrsDate date;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date_text = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->times_box))) != NULL)
    gtk_box_remove (self->times_box, child);

  if (day == NULL || !yrs_date_parse_iso (day, &date, NULL))
    {
      gtk_label_set_label (self->day_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->day_label), FALSE);
      return;
    }

  date_text = yrs_date_format (date, yrs_i18n_get_lang ());
  /* Translators: heading over the times of one day; %s is the date */
  title = g_strdup_printf (_("Times on %s"), date_text);
  gtk_label_set_label (self->day_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), TRUE);

  slots = list_slots (self, date, date);
  for (guint i = 0; i < slots->len; i++)
    {
      const YrsSlot *slot = g_ptr_array_index (slots, i);
      int free_places = yrs_slot_get_free (slot);
      g_autofree char *text = NULL;
      GtkWidget *button;

      g_autofree char *times = yrs_slot_time_format (slot->starts_at, slot->ends_at, FALSE);

      if (free_places > 0)
        /* Translators: a time slot and its free places, e.g. “10:00–16:00: 2 places free” */
        text = g_strdup_printf (ngettext ("%s: %d place free", "%s: %d places free", free_places),
                                times, free_places);
      else
        /* Translators: a time slot with no free place, e.g. “10:00–16:00: full” */
        text = g_strdup_printf (_("%s: full"), times);
      button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "choice-button");
      gtk_widget_set_sensitive (button, free_places > 0);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "slots.slot");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", slot->id);
      gtk_box_append (self->times_box, button);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *none = gtk_label_new (_("No times on this day."));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_box_append (self->times_box, none);
    }
}

static void
fill_calendar (YrsSlotsPage *self)
{
  YrsSession *session = session_of (self);
  YrsLang lang = yrs_i18n_get_lang ();
  YrsDate today = yrs_session_get_as_of (session);
  YrsDate start = yrs_date_add_days (today, -yrs_date_weekday (today));
  YrsDate end = yrs_date_add_days (start, N_WEEKS * 7 - 1);
  g_autoptr(GPtrArray) slots = list_slots (self, today, end);
  const char *chosen = yrs_session_get_field (session, "reserve.day");
  static const char *weekdays[] = {
    NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"), NC_("weekday", "Thu"),
    NC_("weekday", "Fri"), NC_("weekday", "Sat"), NC_("weekday", "Sun"),
  };
  GtkWidget *child;

  g_hash_table_remove_all (self->free_by_day);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->calendar))) != NULL)
    gtk_grid_remove (self->calendar, child);

  for (guint i = 0; i < slots->len; i++)
    {
      const YrsSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *day = g_strndup (slot->starts_at, 10);
      int sum = GPOINTER_TO_INT (g_hash_table_lookup (self->free_by_day, day));

      /* Stored as free + 1 so that a full day is not "no slots". */
      sum = (sum > 0 ? sum : 1) + yrs_slot_get_free (slot);
      g_hash_table_insert (self->free_by_day, g_steal_pointer (&day), GINT_TO_POINTER (sum));
    }

  for (int d = 0; d < 7; d++)
    {
      GtkWidget *label = gtk_label_new (g_dpgettext2 (NULL, "weekday", weekdays[d]));

      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->calendar, label, d, 0, 1, 1);
    }

  for (int i = 0; i < N_WEEKS * 7; i++)
    {
      YrsDate date = yrs_date_add_days (start, i);
      char iso[11];
      int stored;
      g_autofree char *text = NULL;
      g_autofree char *accessible = NULL;
      g_autofree char *long_date = yrs_date_format (date, lang);
      GtkWidget *button;

      yrs_date_to_iso_buf (date, iso);
      stored = GPOINTER_TO_INT (g_hash_table_lookup (self->free_by_day, iso));

      if (yrs_date_compare (date, today) < 0)
        text = g_strdup_printf ("%d\n–", date.day);
      else if (stored == 0)
        text = g_strdup_printf ("%d\n–", date.day);
      else if (stored == 1)
        text = g_strdup_printf ("%d\n%s", date.day, C_("calendar", "Full"));
      else
        /* Translators: a calendar day: the day of the month, and the free places below it */
        text = g_strdup_printf (_("%d\n%d free"), date.day, stored - 1);

      if (stored > 1)
        accessible = g_strdup_printf (ngettext ("%s: %d place free", "%s: %d places free", stored - 1),
                                      long_date, stored - 1);
      else if (stored == 1)
        accessible = g_strdup_printf (_("%s: full"), long_date);
      else
        accessible = g_strdup_printf (_("%s: no places"), long_date);

      button = gtk_button_new_with_label (text);
      gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (button, "calendar-day");
      if (stored > 1)
        gtk_widget_add_css_class (button, "has-free");
      if (g_strcmp0 (chosen, iso) == 0)
        gtk_widget_add_css_class (button, "chosen");
      gtk_widget_set_sensitive (button, stored > 1 && yrs_date_compare (date, today) >= 0);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "slots.day");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", iso);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_grid_attach (self->calendar, button, i % 7, 1 + i / 7, 1, 1);
    }

  show_day (self, chosen);
}

static void
yrs_slots_page_load (YrsPage *page)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (page);
  YrsSession *session = session_of (self);
  YrsLang lang = yrs_i18n_get_lang ();
  const YrsFacility *facility = yrs_catalog_lookup_facility (yrs_session_get_catalog (session),
                                                             yrs_session_get_field (session, "reserve.facility"));
  YrsCareKind kind = YRS_CARE_STAY;
  g_autofree char *title = NULL;

  yrs_care_kind_from_string (yrs_session_get_field (session, "reserve.kind"), &kind);
  title = g_strdup_printf ("%s: %s",
                           facility != NULL ? yrs_facility_get_name (facility, lang) : "",
                           yrs_care_kind_get_label (kind));
  gtk_label_set_label (self->title_label, title);
  fill_calendar (self);
}

static void
yrs_slots_page_map (GtkWidget *widget)
{
  /* Places change as others book: read them each time. */
  yrs_slots_page_load (YRS_PAGE (widget));

  GTK_WIDGET_CLASS (yrs_slots_page_parent_class)->map (widget);
}

static void
day_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (widget);

  yrs_session_set_field (session_of (self), "reserve.day", g_variant_get_string (param, NULL));
  fill_calendar (self);
  gtk_widget_child_focus (GTK_WIDGET (self->times_box), GTK_DIR_TAB_FORWARD);
}

static void
slot_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsSession *session = session_of (YRS_SLOTS_PAGE (widget));

  yrs_session_set_field (session, "reserve.slot", g_variant_get_string (param, NULL));
  gtk_widget_activate_action (widget, "shell.go", "s", "slot");
}

static void
yrs_slots_page_finalize (GObject *object)
{
  YrsSlotsPage *self = YRS_SLOTS_PAGE (object);

  g_clear_pointer (&self->free_by_day, g_hash_table_unref);

  G_OBJECT_CLASS (yrs_slots_page_parent_class)->finalize (object);
}

static void
yrs_slots_page_class_init (YrsSlotsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->finalize = yrs_slots_page_finalize;
  widget_class->map = yrs_slots_page_map;
  page_class->load = yrs_slots_page_load;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-slots-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsSlotsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotsPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotsPage, day_label);
  gtk_widget_class_bind_template_child (widget_class, YrsSlotsPage, times_box);

  gtk_widget_class_install_action (widget_class, "slots.day", "s", day_action);
  gtk_widget_class_install_action (widget_class, "slots.slot", "s", slot_action);
}

static void
yrs_slots_page_init (YrsSlotsPage *self)
{
  self->free_by_day = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

int
yrs_slots_page_get_free_on (YrsSlotsPage *self,
                            const char   *day)
{
  int stored;

  g_return_val_if_fail (YRS_IS_SLOTS_PAGE (self), -1);

  stored = GPOINTER_TO_INT (g_hash_table_lookup (self->free_by_day, day));
  return stored - 1;
}
