/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-date-field"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "yrs-date-field.h"
#include "yrs-choice-button.h"
#include "yrs-form.h"
#include "yrs-i18n.h"

struct _YrsDateField
{
  GtkWidget        parent_instance;

  char            *date;    /* ISO, "" when the parts make no date */
  char            *label;
  char            *error;
  gboolean         wareki;
  gboolean         filling; /* parts are being set from code */

  /* template children */
  GtkWidget       *box;
  GtkToggleButton *western_button;
  GtkToggleButton *wareki_button;
  GtkWidget       *era_box;
  GtkDropDown     *era_dropdown;
  GtkEntry        *year_entry;
  GtkLabel        *era_label;
  GtkEntry        *month_entry;
  GtkEntry        *day_entry;
};

G_DEFINE_FINAL_TYPE (YrsDateField, yrs_date_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE,
  PROP_WAREKI,
  PROP_LABEL,
  PROP_ERROR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The eras of the drop-down, in its order, by the letter yrs-form takes. */
static const struct
{
  const char *letter;
  YrsDate     start;
} eras[] = {
  { "R", { 2019, 5, 1 } },
  { "H", { 1989, 1, 8 } },
  { "S", { 1926, 12, 25 } },
};

static const char *
entry_text (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
set_entry_int (GtkEntry *entry,
               int       value)
{
  g_autofree char *text = value > 0 ? g_strdup_printf ("%d", value) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* The year part as a number (full-width digits too), or 0. */
static int
year_number (YrsDateField *self)
{
  g_autofree char *digits = yrs_form_fold_digits (entry_text (self->year_entry));

  if (digits == NULL)
    return 0;
  g_strstrip (digits);
  if (g_str_equal (digits, "元"))
    return 1;
  if (*digits == '\0' || strlen (digits) > 4 || strspn (digits, "0123456789") != strlen (digits))
    return 0;
  return atoi (digits);
}

/* Next to the year: the era in western mode ("（令和元年）"), the western
 * year in era mode ("（2019年）"). */
static void
update_era_label (YrsDateField *self)
{
  int year = year_number (self);
  g_autofree char *text = NULL;

  if (!self->wareki && year >= 1868 && year <= 9999)
    {
      g_autofree char *full = yrs_date_format_year_label (year, yrs_i18n_get_lang ());
      const char *rest = full;

      /* yrs_date_format_year_label() gives "2019年（令和元年）" or
       * "2019 (Reiwa 1)": the entry already shows the year. */
      while (g_ascii_isdigit (*rest))
        rest++;
      if (g_str_has_prefix (rest, "年"))
        rest += strlen ("年");
      while (*rest == ' ')
        rest++;
      text = g_strdup (rest);
    }
  else if (self->wareki && year >= 1 && year <= 99)
    {
      guint i = gtk_drop_down_get_selected (self->era_dropdown);

      if (i < G_N_ELEMENTS (eras))
        /* Translators: the western year next to an era year, "（2019年）" */
        text = g_strdup_printf (_("(%d)"), eras[i].start.year + year - 1);
    }

  gtk_label_set_label (self->era_label, text != NULL ? text : "");
  /* The label itself is hidden from screen readers (presentation): what
   * it says is read with the year field. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_entry),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->year_entry),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_error (YrsDateField *self,
           const char   *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);

  if (*self->error != '\0')
    gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                 GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                 -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
revalidate (YrsDateField *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  const char *era = NULL;
  YrsDate date;

  if (self->filling)
    return;

  update_era_label (self);

  if (self->wareki)
    {
      guint i = gtk_drop_down_get_selected (self->era_dropdown);

      era = i < G_N_ELEMENTS (eras) ? eras[i].letter : "?";
    }

  if (yrs_form_check_date_parts (self->label, era,
                                 entry_text (self->year_entry),
                                 entry_text (self->month_entry),
                                 entry_text (self->day_entry),
                                 &date, &error))
    {
      iso = yrs_date_to_iso (date);
      set_error (self, "");
    }
  else
    set_error (self, g_error_matches (error, YRS_FORM_ERROR, YRS_FORM_ERROR_REQUIRED)
                     ? "" : error->message);

  if (g_strcmp0 (self->date, iso != NULL ? iso : "") != 0)
    {
      g_free (self->date);
      self->date = g_strdup (iso != NULL ? iso : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
on_part_changed (YrsDateField *self)
{
  revalidate (self);
}

/* Writes `date` into the parts in the current mode. */
static void
fill_parts (YrsDateField *self,
            YrsDate       date)
{
  self->filling = TRUE;

  if (!yrs_date_is_set (date))
    {
      set_entry_int (self->year_entry, 0);
      set_entry_int (self->month_entry, 0);
      set_entry_int (self->day_entry, 0);
    }
  else
    {
      int year = date.year;

      if (self->wareki)
        {
          for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
            if (yrs_date_compare (date, eras[i].start) >= 0)
              {
                gtk_drop_down_set_selected (self->era_dropdown, i);
                year = date.year - eras[i].start.year + 1;
                break;
              }
        }
      set_entry_int (self->year_entry, year);
      set_entry_int (self->month_entry, date.month);
      set_entry_int (self->day_entry, date.day);
    }

  self->filling = FALSE;
  revalidate (self);
}

static void
on_calendar_toggled (GtkToggleButton *button,
                     YrsDateField    *self)
{
  if (gtk_toggle_button_get_active (button))
    yrs_date_field_set_wareki (self, button == self->wareki_button);
}

static void
yrs_date_field_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), YRS_TYPE_DATE_FIELD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (yrs_date_field_parent_class)->dispose (object);
}

static void
yrs_date_field_finalize (GObject *object)
{
  YrsDateField *self = YRS_DATE_FIELD (object);

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (yrs_date_field_parent_class)->finalize (object);
}

static void
yrs_date_field_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsDateField *self = YRS_DATE_FIELD (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_WAREKI:
      g_value_set_boolean (value, self->wareki);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_date_field_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YrsDateField *self = YRS_DATE_FIELD (object);

  switch (prop_id)
    {
    case PROP_DATE:
      yrs_date_field_set_date (self, g_value_get_string (value));
      break;

    case PROP_WAREKI:
      yrs_date_field_set_wareki (self, g_value_get_boolean (value));
      break;

    case PROP_LABEL:
      yrs_date_field_set_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_date_field_class_init (YrsDateFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yrs_date_field_dispose;
  object_class->finalize = yrs_date_field_finalize;
  object_class->get_property = yrs_date_field_get_property;
  object_class->set_property = yrs_date_field_set_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WAREKI] =
    g_param_spec_boolean ("wareki", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (YRS_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-date-field.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, box);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, western_button);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, wareki_button);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, era_box);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, era_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, year_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, era_label);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, month_entry);
  gtk_widget_class_bind_template_child (widget_class, YrsDateField, day_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_part_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_toggled);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-date-field");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yrs_date_field_init (YrsDateField *self)
{
  self->date = g_strdup ("");
  self->error = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The era next to the year is written in the language of the moment. */
  g_signal_connect_object (yrs_i18n_get_notifier (), "notify::language",
                           G_CALLBACK (update_era_label), self, G_CONNECT_SWAPPED);
}

GtkWidget *
yrs_date_field_new (void)
{
  return g_object_new (YRS_TYPE_DATE_FIELD, NULL);
}

const char *
yrs_date_field_get_date (YrsDateField *self)
{
  g_return_val_if_fail (YRS_IS_DATE_FIELD (self), "");

  return self->date;
}

void
yrs_date_field_set_date (YrsDateField *self,
                         const char   *iso)
{
  YrsDate date = YRS_DATE_NONE;

  g_return_if_fail (YRS_IS_DATE_FIELD (self));

  if (iso != NULL && *iso != '\0' && !yrs_date_parse_iso (iso, &date, NULL))
    {
      g_warning ("Not an ISO date: “%s”", iso);
      date = YRS_DATE_NONE;
    }

  fill_parts (self, date);
}

gboolean
yrs_date_field_get_wareki (YrsDateField *self)
{
  g_return_val_if_fail (YRS_IS_DATE_FIELD (self), FALSE);

  return self->wareki;
}

void
yrs_date_field_set_wareki (YrsDateField *self,
                           gboolean      wareki)
{
  YrsDate date = YRS_DATE_NONE;

  g_return_if_fail (YRS_IS_DATE_FIELD (self));

  wareki = !!wareki;
  if (self->wareki == wareki)
    return;

  /* A complete date is rewritten in the other style; otherwise only the
   * year is carried over when it can be. */
  if (*self->date != '\0')
    yrs_date_parse_iso (self->date, &date, NULL);

  self->filling = TRUE;
  /* Room for a western year while the parts are rewritten. */
  gtk_entry_set_max_length (self->year_entry, 4);
  if (!yrs_date_is_set (date))
    {
      int year = year_number (self);

      if (wareki && year >= 1927 && year <= 9999)
        {
          YrsDate end = { (gint16) year, 12, 31 };

          for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
            if (yrs_date_compare (end, eras[i].start) >= 0)
              {
                gtk_drop_down_set_selected (self->era_dropdown, i);
                set_entry_int (self->year_entry, year - eras[i].start.year + 1);
                break;
              }
        }
      else if (!wareki && year >= 1 && year <= 99)
        {
          guint i = gtk_drop_down_get_selected (self->era_dropdown);

          if (i < G_N_ELEMENTS (eras))
            set_entry_int (self->year_entry, eras[i].start.year + year - 1);
        }
      else
        set_entry_int (self->year_entry, 0);
    }
  self->filling = FALSE;

  /* Set first: activating the toggle button calls back in here. */
  self->wareki = wareki;
  gtk_widget_set_visible (self->era_box, wareki);
  gtk_toggle_button_set_active (wareki ? self->wareki_button : self->western_button, TRUE);

  if (yrs_date_is_set (date))
    fill_parts (self, date);

  self->filling = TRUE;
  gtk_entry_set_max_length (self->year_entry, wareki ? 2 : 4);
  self->filling = FALSE;
  revalidate (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAREKI]);
}

const char *
yrs_date_field_get_label (YrsDateField *self)
{
  g_return_val_if_fail (YRS_IS_DATE_FIELD (self), NULL);

  return self->label;
}

void
yrs_date_field_set_label (YrsDateField *self,
                          const char   *label)
{
  g_return_if_fail (YRS_IS_DATE_FIELD (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  revalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
yrs_date_field_get_error (YrsDateField *self)
{
  g_return_val_if_fail (YRS_IS_DATE_FIELD (self), "");

  return self->error;
}

GtkEditable *
yrs_date_field_get_year_editable (YrsDateField *self)
{
  g_return_val_if_fail (YRS_IS_DATE_FIELD (self), NULL);

  return GTK_EDITABLE (self->year_entry);
}

GtkEditable *
yrs_date_field_get_month_editable (YrsDateField *self)
{
  g_return_val_if_fail (YRS_IS_DATE_FIELD (self), NULL);

  return GTK_EDITABLE (self->month_entry);
}

GtkEditable *
yrs_date_field_get_day_editable (YrsDateField *self)
{
  g_return_val_if_fail (YRS_IS_DATE_FIELD (self), NULL);

  return GTK_EDITABLE (self->day_entry);
}
