/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-application-flow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "yrs-address-choice.h"
#include "yrs-api.h"
#include "yrs-application-flow-private.h"
#include "yrs-application-rules.h"
#include "yrs-bank.h"
#include "yrs-bank-choice.h"
#include "yrs-form-field-private.h"
#include "yrs-form.h"
#include "yrs-i18n.h"
#include "yrs-postcode.h"

struct _YrsApplicationFlow
{
  GObject     parent_instance;

  YrsSession *session;        /* weak: the session owns the flow */
  char       *programme;
  YrsFormId   form;
  GListStore *fields;         /* YrsFormField */
  GListStore *errors;         /* YrsFormField */
  GListStore *review;         /* YrsReviewRow */
  YrsLang     review_lang;
  char       *send_error;
  GHashTable *wareki_errors;  /* date field ID -> the date field's message */
  GListStore *address_choices; /* YrsAddressChoice */
  YrsBankSearch *bank_search;
  YrsBankSearch *branch_search;
};

static void clear_address_choices (YrsApplicationFlow *self);

G_DEFINE_FINAL_TYPE (YrsApplicationFlow, yrs_application_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRAMME,
  PROP_FORM,
  PROP_TITLE,
  PROP_FIELDS,
  PROP_ERRORS,
  PROP_N_ERRORS,
  PROP_HAS_ERRORS,
  PROP_ERROR_SUMMARY,
  PROP_REVIEW,
  PROP_SEND_ERROR,
  PROP_HAS_SEND_ERROR,
  PROP_ADDRESS_CHOICES,
  PROP_DOCUMENTS,
  PROP_HAS_DOCUMENTS,
  PROP_DOCUMENTS_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *date_parts[] = { "y", "m", "d" };

static char *
part_key (const char *id,
          const char *part)
{
  return g_strdup_printf ("%s#%s", id, part);
}

static const char *
field_value (YrsApplicationFlow *self,
             const char         *id)
{
  return self->session != NULL ? yrs_session_get_field (self->session, id) : NULL;
}

static gboolean
applies (YrsApplicationFlow *self,
         const YrsFieldSpec *spec)
{
  return self->session != NULL && yrs_form_spec_field_applies (spec, self->form, self->session);
}

/* ---- Checking ----------------------------------------------------------- */

/* What is wrong with a field, in the current language; NULL when right
 * (then `normalized`, `note` as yrs_form_spec_check()). A date without a
 * value is checked from its parts as typed. */
/* What the format allows but cannot be (core rules): a birth date after
 * today, a home postcode or address of another city. */
static char *
check_possible (YrsApplicationFlow *self,
                const YrsFieldSpec *spec,
                const char         *value)
{
  YrsCatalog *catalog = yrs_session_get_catalog (self->session);
  g_autoptr(GError) error = NULL;
  YrsDate date;

  if (value == NULL || *value == '\0')
    return NULL;
  if (g_str_equal (spec->id, "applicant.birth_date") &&
      yrs_date_parse_iso (value, &date, NULL))
    yrs_form_check_not_future (date, yrs_session_get_as_of (self->session), _(spec->label), &error);
  else if (g_str_equal (spec->id, "address.postal_code"))
    yrs_application_check_home_postal_code (catalog, value, yrs_i18n_get_lang (), &error);
  else if (g_str_equal (spec->id, "address.line"))
    yrs_application_check_home_address (catalog, value, yrs_i18n_get_lang (), &error);
  return error != NULL ? g_strdup (error->message) : NULL;
}

static char *
check_field (YrsApplicationFlow *self,
             const YrsFieldSpec *spec,
             char              **normalized,
             char              **note)
{
  char *message;

  *normalized = NULL;
  *note = NULL;

  if (spec->kind == YRS_FIELD_DATE && field_value (self, spec->id) == NULL)
    {
      if (yrs_application_flow_get_date_wareki (self, spec->id))
        {
          const char *told = g_hash_table_lookup (self->wareki_errors, spec->id);

          if (told != NULL && *told != '\0')
            return g_strdup (told);
        }
      else
        {
          const char *parts[3];
          g_autoptr(GError) error = NULL;
          YrsDate date;

          for (guint i = 0; i < 3; i++)
            {
              parts[i] = yrs_application_flow_get_date_part (self, spec->id, date_parts[i]);
              if (parts[i] == NULL)
                parts[i] = "";
            }
          if (!yrs_form_check_date_parts (_(spec->label), NULL, parts[0], parts[1], parts[2],
                                          &date, &error) &&
              !g_error_matches (error, YRS_FORM_ERROR, YRS_FORM_ERROR_REQUIRED))
            return g_strdup (error->message);
        }
    }
  message = yrs_form_spec_check (spec, field_value (self, spec->id), normalized, note);
  if (message == NULL)
    message = check_possible (self, spec, *normalized != NULL ? *normalized : field_value (self, spec->id));
  if (message == NULL && *note == NULL &&
      (spec->kind == YRS_FIELD_BANK_CODE || spec->kind == YRS_FIELD_BRANCH_CODE))
    {
      const char *code = *normalized != NULL ? *normalized : field_value (self, spec->id);
      const YrsBank *bank = yrs_bank_lookup (spec->kind == YRS_FIELD_BANK_CODE ? code : field_value (self, "bank.code"));

      /* A typed code the table does not know is kept (the table has a
       * date, and banks merge), with a word for whoever checks it. */
      if (spec->kind == YRS_FIELD_BANK_CODE && bank == NULL)
        *note = g_strdup_printf (_("Note: %s is not in the bank table (%s). Please check the code."),
                                 code, yrs_bank_get_source ());
      else if (spec->kind == YRS_FIELD_BRANCH_CODE && bank != NULL && yrs_bank_lookup_branch (bank, code) == NULL)
        *note = g_strdup_printf (_("Note: %s has no branch %s in the bank table (%s). Please check the code."),
                                 yrs_bank_get_name (bank), code, yrs_bank_get_source ());
    }
  return message;
}

char *
_yrs_application_flow_check_message (YrsApplicationFlow *self,
                                     const YrsFieldSpec *spec)
{
  g_autofree char *normalized = NULL;
  g_autofree char *note = NULL;

  return check_field (self, spec, &normalized, &note);
}

static void
notify_errors (YrsApplicationFlow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERRORS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_SUMMARY]);
}

guint
yrs_application_flow_validate (YrsApplicationFlow *self)
{
  g_autoptr(GPtrArray) wrong = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), 0);

  if (self->session == NULL)
    return 0;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsFormField) field = g_list_model_get_item (G_LIST_MODEL (self->fields), i);
      const YrsFieldSpec *spec = yrs_form_field_get_spec (field);
      g_autofree char *message = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *note = NULL;

      if (!applies (self, spec))
        {
          _yrs_form_field_set_check (field, FALSE, NULL, NULL);
          continue;
        }

      message = check_field (self, spec, &normalized, &note);
      if (message == NULL)
        {
          /* Kept as it will be sent: full-width katakana, 7-digit codes. */
          if (normalized != NULL && g_strcmp0 (normalized, field_value (self, spec->id)) != 0)
            yrs_session_set_field (self->session, spec->id, normalized);
          _yrs_form_field_set_check (field, FALSE, NULL, note);
          continue;
        }

      /* A wareki date's message is the date field's; the others are
       * worked out again when read, in the language of the moment. */
      _yrs_form_field_set_check (field, TRUE,
                                 spec->kind == YRS_FIELD_DATE &&
                                 yrs_application_flow_get_date_wareki (self, spec->id) &&
                                 field_value (self, spec->id) == NULL ? message : NULL,
                                 note);
      g_ptr_array_add (wrong, g_object_ref (field));
    }

  g_list_store_splice (self->errors, 0, g_list_model_get_n_items (G_LIST_MODEL (self->errors)),
                       wrong->pdata, wrong->len);
  notify_errors (self);

  /* The errors of this form come back after a restart; another form
   * opens clean. */
  yrs_session_set_field (self->session, "apply.checked", self->programme);
  return wrong->len;
}

/* ---- The review --------------------------------------------------------- */

static char *
display_value (YrsApplicationFlow *self,
               const YrsFieldSpec *spec,
               const char         *value)
{
  YrsDate date;

  if (value == NULL || *value == '\0')
    return g_strdup (_("(not given)"));
  /* The bank and branch by name, with the code she can check against
   * her bankbook. */
  if (spec->kind == YRS_FIELD_BANK_CODE || spec->kind == YRS_FIELD_BRANCH_CODE)
    {
      char *named = spec->kind == YRS_FIELD_BANK_CODE
                    ? yrs_bank_choice_describe_bank (value)
                    : yrs_bank_choice_describe_branch (field_value (self, "bank.code"), value);

      if (named != NULL)
        return named;
    }
  if (spec->kind == YRS_FIELD_CHOICE)
    {
      const char *label = yrs_form_spec_choice_label (spec, value);

      return g_strdup (label != NULL ? label : value);
    }
  /* As people write them; the session keeps (and the payload sends)
   * the digits. */
  if (spec->kind == YRS_FIELD_POSTAL_CODE)
    {
      g_autofree char *formatted = yrs_form_format_postal_code (value);

      if (formatted != NULL)
        return g_strconcat ("〒", formatted, NULL);
    }
  if (spec->kind == YRS_FIELD_PHONE)
    {
      char *formatted = yrs_form_format_phone (value);

      if (formatted != NULL)
        return formatted;
    }
  if (spec->kind == YRS_FIELD_DATE && yrs_date_parse_iso (value, &date, NULL))
    {
      g_autofree char *text = yrs_date_format (date, yrs_i18n_get_lang ());

      /* Both calendars, as on Japanese forms. */
      if (yrs_i18n_get_lang () == YRS_LANG_JA)
        return g_strdup_printf ("%s（%d年%d月%d日）", text, date.year, date.month, date.day);
      return g_steal_pointer (&text);
    }
  return g_strdup (value);
}

static void
rebuild_review (YrsApplicationFlow *self)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  YrsReviewSection *current = NULL;
  const YrsFieldSpec *fields;
  const char *section = NULL;
  guint n_fields;

  fields = yrs_form_spec_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const YrsFieldSpec *spec = &fields[i];
      g_autofree char *value = NULL;
      g_autoptr(YrsReviewRow) row = NULL;

      if (!applies (self, spec))
        continue;
      if (current == NULL || g_strcmp0 (section, spec->section) != 0)
        {
          current = yrs_review_section_new (_(spec->section));
          g_ptr_array_add (sections, current);
          section = spec->section;
        }
      value = display_value (self, spec, field_value (self, spec->id));
      row = yrs_review_row_new (spec->id, _(spec->label), value);
      yrs_review_section_append (current, row);
    }

  self->review_lang = yrs_i18n_get_lang ();
  g_list_store_splice (self->review, 0, g_list_model_get_n_items (G_LIST_MODEL (self->review)),
                       sections->pdata, sections->len);
}

/* A value changed: its row shows the new one. */
static void
update_review_row (YrsApplicationFlow *self,
                   const YrsFieldSpec *spec)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->review));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsReviewSection) section = g_list_model_get_item (G_LIST_MODEL (self->review), i);
      GListModel *rows = yrs_review_section_get_rows (section);

      for (guint j = 0; j < g_list_model_get_n_items (rows); j++)
        {
          g_autoptr(YrsReviewRow) row = g_list_model_get_item (rows, j);

          if (g_strcmp0 (yrs_review_row_get_id (row), spec->id) == 0)
            {
              g_autofree char *value = display_value (self, spec, field_value (self, spec->id));

              yrs_review_row_set_value (row, value);
              return;
            }
        }
    }
}

/* ---- The form ----------------------------------------------------------- */

static YrsFormField *
find_field (YrsApplicationFlow *self,
            const char         *id,
            guint              *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsFormField) field = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      if (g_strcmp0 (yrs_form_field_get_id (field), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return field;   /* the store keeps it */
        }
    }
  return NULL;
}

static void
update_visibility (YrsApplicationFlow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsFormField) field = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      _yrs_form_field_set_visible (field, applies (self, yrs_form_field_get_spec (field)));
    }
}

static void
detach_fields (YrsApplicationFlow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YrsFormField) field = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      _yrs_form_field_detach (field);
    }
}

/* The programme of the card chosen: its form, clean; its own errors come
 * back when it was checked before (a restart). */
static void
follow_programme (YrsApplicationFlow *self)
{
  const char *programme = field_value (self, "apply.programme");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const YrsFieldSpec *fields;
  const char *section = NULL;
  guint n_fields;

  if (self->fields != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->fields)) > 0 &&
      g_strcmp0 (programme, self->programme) == 0)
    return;

  g_free (self->programme);
  self->programme = g_strdup (programme);
  self->form = yrs_form_spec_for_programme (yrs_session_get_catalog (self->session), programme);
  g_hash_table_remove_all (self->wareki_errors);
  g_clear_pointer (&self->send_error, g_free);

  /* The payment applied for follows from the card it came from. */
  if (self->form == YRS_FORM_SUPPORT_PAYMENT && field_value (self, "payment.which") == NULL)
    yrs_session_set_field (self->session, "payment.which",
                           yrs_application_default_payment_which (programme));

  /* The day the baby was born, given in the check, is not asked twice:
   * filled in where the form asks it, and she can still change it. */
  if (self->form != 0 && field_value (self, "child.birth_date") == NULL &&
      yrs_application_flow_get_date_part (self, "child.birth_date", "y") == NULL &&
      yrs_application_flow_get_date_part (self, "child.birth_date", "m") == NULL &&
      yrs_application_flow_get_date_part (self, "child.birth_date", "d") == NULL)
    {
      const YrsFieldSpec *child = yrs_form_spec_lookup_field ("child.birth_date");
      g_autoptr(YrsAnswers) answers = yrs_session_dup_path_answers (self->session);
      YrsDate born;

      if (child != NULL && (child->forms & self->form) != 0 &&
          yrs_answers_get_date (answers, "birth.born_on", &born))
        {
          char iso[11];

          yrs_date_to_iso_buf (born, iso);
          yrs_session_set_field (self->session, "child.birth_date", iso);
        }
    }

  fields = yrs_form_spec_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      YrsFormField *field;

      if ((fields[i].forms & self->form) == 0)
        continue;
      field = _yrs_form_field_new (self, &fields[i], g_strcmp0 (section, fields[i].section) != 0);
      section = fields[i].section;
      g_ptr_array_add (items, field);
    }

  detach_fields (self);
  clear_address_choices (self);
  g_list_store_remove_all (self->errors);
  g_list_store_splice (self->fields, 0, g_list_model_get_n_items (G_LIST_MODEL (self->fields)),
                       items->pdata, items->len);
  update_visibility (self);
  rebuild_review (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAMME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SEND_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DOCUMENTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENTS_SAMPLE]);
  notify_errors (self);

  if (programme != NULL && g_strcmp0 (field_value (self, "apply.checked"), programme) == 0)
    yrs_application_flow_validate (self);
}

static void
on_field_changed (YrsSession         *session,
                  const char         *id,
                  YrsApplicationFlow *self)
{
  const YrsFieldSpec *spec, *fields;
  YrsFormField *field;
  guint n_fields;
  gboolean controls = FALSE;

  if (g_strcmp0 (id, "apply.programme") == 0)
    {
      follow_programme (self);
      return;
    }

  if (g_strcmp0 (id, "bank.code") == 0)
    yrs_bank_search_set_bank_code (self->branch_search, field_value (self, "bank.code"));

  field = find_field (self, id, NULL);
  if (field == NULL)
    return;
  spec = yrs_form_field_get_spec (field);
  _yrs_form_field_notify_value (field);

  /* A choice that shows or hides other fields changes the review's rows;
   * any other value only its own. */
  fields = yrs_form_spec_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].when_id, id) == 0)
      controls = TRUE;
  if (controls)
    {
      update_visibility (self);
      rebuild_review (self);
    }
  else
    update_review_row (self, spec);
  /* The branch's name is the bank's branch's. */
  if (g_strcmp0 (id, "bank.code") == 0)
    update_review_row (self, yrs_form_spec_lookup_field ("bank.branch"));
}

/* ---- GObject ------------------------------------------------------------ */

static void
yrs_application_flow_dispose (GObject *object)
{
  YrsApplicationFlow *self = YRS_APPLICATION_FLOW (object);

  if (self->fields != NULL)
    detach_fields (self);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *) &self->session);
      self->session = NULL;
    }
  if (self->fields != NULL)
    g_list_store_remove_all (self->fields);
  if (self->errors != NULL)
    g_list_store_remove_all (self->errors);
  if (self->address_choices != NULL)
    g_list_store_remove_all (self->address_choices);

  G_OBJECT_CLASS (yrs_application_flow_parent_class)->dispose (object);
}

static void
yrs_application_flow_finalize (GObject *object)
{
  YrsApplicationFlow *self = YRS_APPLICATION_FLOW (object);

  g_clear_object (&self->fields);
  g_clear_object (&self->errors);
  g_clear_object (&self->review);
  g_clear_object (&self->address_choices);
  g_clear_pointer (&self->programme, g_free);
  g_clear_pointer (&self->send_error, g_free);
  g_clear_pointer (&self->wareki_errors, g_hash_table_unref);
  g_clear_object (&self->bank_search);
  g_clear_object (&self->branch_search);

  G_OBJECT_CLASS (yrs_application_flow_parent_class)->finalize (object);
}

static void
yrs_application_flow_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  YrsApplicationFlow *self = YRS_APPLICATION_FLOW (object);

  switch (prop_id)
    {
    case PROP_PROGRAMME:
      g_value_set_string (value, self->programme);
      break;
    case PROP_FORM:
      g_value_set_uint (value, self->form);
      break;
    case PROP_TITLE:
      g_value_set_string (value, yrs_application_flow_get_title (self));
      break;
    case PROP_FIELDS:
      g_value_set_object (value, self->fields);
      break;
    case PROP_ERRORS:
      g_value_set_object (value, self->errors);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, yrs_application_flow_get_n_errors (self));
      break;
    case PROP_HAS_ERRORS:
      g_value_set_boolean (value, yrs_application_flow_get_n_errors (self) > 0);
      break;
    case PROP_ERROR_SUMMARY:
      g_value_take_string (value, yrs_application_flow_dup_error_summary (self));
      break;
    case PROP_REVIEW:
      g_value_set_object (value, yrs_application_flow_get_review (self));
      break;
    case PROP_SEND_ERROR:
      g_value_set_string (value, yrs_application_flow_get_send_error (self));
      break;
    case PROP_HAS_SEND_ERROR:
      g_value_set_boolean (value, self->send_error != NULL);
      break;
    case PROP_ADDRESS_CHOICES:
      g_value_set_object (value, self->address_choices);
      break;
    case PROP_DOCUMENTS:
      g_value_take_string (value, yrs_application_flow_dup_documents (self, NULL));
      break;
    case PROP_HAS_DOCUMENTS:
      {
        g_autofree char *documents = yrs_application_flow_dup_documents (self, NULL);

        g_value_set_boolean (value, *documents != '\0');
      }
      break;
    case PROP_DOCUMENTS_SAMPLE:
      {
        gboolean sample = FALSE;
        g_autofree char *documents = yrs_application_flow_dup_documents (self, &sample);

        g_value_set_boolean (value, sample);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_application_flow_class_init (YrsApplicationFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = yrs_application_flow_dispose;
  object_class->finalize = yrs_application_flow_finalize;
  object_class->get_property = yrs_application_flow_get_property;

  properties[PROP_PROGRAMME] = g_param_spec_string ("programme", NULL, NULL, NULL, ro);
  properties[PROP_FORM] = g_param_spec_uint ("form", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_FIELDS] = g_param_spec_object ("fields", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_ERRORS] = g_param_spec_object ("errors", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HAS_ERRORS] = g_param_spec_boolean ("has-errors", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR_SUMMARY] = g_param_spec_string ("error-summary", NULL, NULL, NULL, ro);
  properties[PROP_REVIEW] = g_param_spec_object ("review", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_SEND_ERROR] = g_param_spec_string ("send-error", NULL, NULL, NULL, ro);
  properties[PROP_HAS_SEND_ERROR] = g_param_spec_boolean ("has-send-error", NULL, NULL, FALSE, ro);
  properties[PROP_ADDRESS_CHOICES] = g_param_spec_object ("address-choices", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_DOCUMENTS] = g_param_spec_string ("documents", NULL, NULL, NULL, ro);
  properties[PROP_HAS_DOCUMENTS] = g_param_spec_boolean ("has-documents", NULL, NULL, FALSE, ro);
  properties[PROP_DOCUMENTS_SAMPLE] = g_param_spec_boolean ("documents-sample", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_application_flow_init (YrsApplicationFlow *self)
{
  self->fields = g_list_store_new (YRS_TYPE_FORM_FIELD);
  self->errors = g_list_store_new (YRS_TYPE_FORM_FIELD);
  self->review = g_list_store_new (YRS_TYPE_REVIEW_SECTION);
  self->address_choices = g_list_store_new (YRS_TYPE_ADDRESS_CHOICE);
  self->wareki_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bank_search = yrs_bank_search_new (FALSE);
  self->branch_search = yrs_bank_search_new (TRUE);
  /* Its words are made when read: a language switch re-reads them. */
  yrs_i18n_follow (self, "title", "error-summary", "documents", NULL);
}

/* What she typed to find her bank or branch is kept with the form, so
 * that a language switch (the page is rebuilt) or a restart finds it. */
static void
on_search_query (YrsBankSearch      *search,
                 GParamSpec         *pspec,
                 YrsApplicationFlow *self)
{
  const char *query = yrs_bank_search_get_query (search);

  if (self->session != NULL)
    yrs_session_set_field (self->session,
                           search == self->bank_search ? "bank.search" : "bank.branch-search",
                           *query != '\0' ? query : NULL);
}

YrsApplicationFlow *
yrs_application_flow_new (YrsSession *session)
{
  YrsApplicationFlow *self;

  g_return_val_if_fail (YRS_IS_SESSION (session), NULL);

  self = g_object_new (YRS_TYPE_APPLICATION_FLOW, NULL);
  self->session = session;
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &self->session);
  g_signal_connect (session, "field-changed", G_CALLBACK (on_field_changed), self);
  follow_programme (self);
  yrs_bank_search_set_query (self->bank_search, field_value (self, "bank.search"));
  yrs_bank_search_set_bank_code (self->branch_search, field_value (self, "bank.code"));
  yrs_bank_search_set_query (self->branch_search, field_value (self, "bank.branch-search"));
  g_signal_connect (self->bank_search, "notify::query", G_CALLBACK (on_search_query), self);
  g_signal_connect (self->branch_search, "notify::query", G_CALLBACK (on_search_query), self);
  return self;
}

/* ---- Getters ------------------------------------------------------------ */

void
yrs_application_flow_open (YrsApplicationFlow *self,
                           const char         *programme_id)
{
  g_return_if_fail (YRS_IS_APPLICATION_FLOW (self));
  g_return_if_fail (programme_id != NULL);

  if (self->session == NULL)
    return;
  if (g_strcmp0 (field_value (self, "apply.programme"), programme_id) != 0)
    yrs_session_set_field (self->session, "apply.checked", NULL);
  yrs_session_set_field (self->session, "apply.programme", programme_id);
}

static void
prefill_date (YrsApplicationFlow *self,
              const char         *id,
              const char         *iso)
{
  YrsDate date;
  g_autofree char *y = NULL, *m = NULL, *d = NULL;

  if (iso == NULL || !yrs_date_parse_iso (iso, &date, NULL))
    return;
  y = g_strdup_printf ("%d", date.year);
  m = g_strdup_printf ("%d", date.month);
  d = g_strdup_printf ("%d", date.day);
  yrs_application_flow_set_value (self, id, iso);
  yrs_application_flow_set_date_parts (self, id, y, m, d, FALSE, NULL);
}

/* The case's address as the form wants it: with the city. The city often
 * holds only the street ("加納町6-5-1"): the ward's address of her postal
 * code goes before it, the town they share written once, in Japanese as
 * the city holds it. */
static char *
case_home_address (YrsApplicationFlow *self,
                   YrsVisitCase       *visit_case)
{
  const char *address = yrs_visit_case_get_address (visit_case);
  YrsCatalog *catalog = yrs_session_get_catalog (self->session);
  g_autofree char *ward = NULL;

  if (address == NULL || *address == '\0')
    return NULL;
  if (yrs_application_check_home_address (catalog, address, yrs_i18n_get_lang (), NULL))
    return g_strdup (address);
  ward = yrs_application_ward_address (catalog, yrs_visit_case_get_postal_code (visit_case),
                                       NULL, NULL, YRS_LANG_JA);
  if (ward == NULL)
    return g_strdup (address);
  for (const char *p = ward; *p != '\0'; p = g_utf8_next_char (p))
    if (g_str_has_prefix (address, p))
      return g_strconcat (ward, address + strlen (p), NULL);
  return g_strconcat (ward, address, NULL);
}

void
yrs_application_flow_open_for_case (YrsApplicationFlow *self,
                                    const char         *programme_id,
                                    YrsVisitCase       *visit_case)
{
  const char *child;
  g_autofree char *opened = NULL;
  g_autofree char *address = NULL;

  g_return_if_fail (YRS_IS_APPLICATION_FLOW (self));
  g_return_if_fail (programme_id != NULL);
  g_return_if_fail (visit_case == NULL || YRS_IS_VISIT_CASE (visit_case));

  yrs_application_flow_open (self, programme_id);
  if (self->session == NULL || visit_case == NULL)
    return;
  /* Once per case and form: back on this form, what the nurse corrected
   * stays as she left it. */
  opened = g_strconcat (yrs_visit_case_get_id (visit_case), " ", programme_id, NULL);
  if (g_strcmp0 (field_value (self, "apply.case"), opened) == 0)
    return;
  yrs_session_set_field (self->session, "apply.case", opened);

  yrs_application_flow_set_value (self, "applicant.name", yrs_visit_case_get_family_name (visit_case));
  yrs_application_flow_set_value (self, "applicant.kana", yrs_visit_case_get_family_kana (visit_case));
  prefill_date (self, "applicant.birth_date", yrs_visit_case_get_birth_date (visit_case));
  yrs_application_flow_set_value (self, "applicant.phone", yrs_visit_case_get_phone (visit_case));
  /* The postal code first: her own address then takes the place of the
   * ward the code fills in. */
  yrs_application_flow_set_value (self, "address.postal_code", yrs_visit_case_get_postal_code (visit_case));
  address = case_home_address (self, visit_case);
  if (address != NULL)
    yrs_application_flow_set_value (self, "address.line", address);
  child = yrs_visit_case_get_child_birth_date (visit_case);
  if (child == NULL || *child == '\0')
    child = yrs_visit_case_get_due_date (visit_case);
  prefill_date (self, "child.birth_date", child);
}

const char *
yrs_application_flow_get_programme (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return self->programme;
}

YrsFormId
yrs_application_flow_get_form (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), 0);
  return self->form;
}

const char *
yrs_application_flow_get_title (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return yrs_form_spec_get_title (self->form);
}

GListModel *
yrs_application_flow_get_fields (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return G_LIST_MODEL (self->fields);
}

GListModel *
yrs_application_flow_get_errors (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return G_LIST_MODEL (self->errors);
}

guint
yrs_application_flow_get_n_errors (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->errors));
}

char *
yrs_application_flow_dup_error_summary (YrsApplicationFlow *self)
{
  guint n;

  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);

  n = yrs_application_flow_get_n_errors (self);
  if (n == 0)
    return g_strdup ("");
  return g_strdup_printf (ngettext ("There is %u problem in the form. Please correct it.",
                                    "There are %u problems in the form. Please correct them.",
                                    n),
                          n);
}

/* Its sentences are in the language it was made in: after a switch it is
 * made again when next asked for (pages ask when they are rebuilt). */
GListModel *
yrs_application_flow_get_review (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);

  if (self->review_lang != yrs_i18n_get_lang () && self->session != NULL)
    rebuild_review (self);
  return G_LIST_MODEL (self->review);
}

const char *
yrs_application_flow_get_send_error (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return self->send_error != NULL ? self->send_error : "";
}

YrsFormField *
yrs_application_flow_lookup_field (YrsApplicationFlow *self,
                                   const char         *id)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return find_field (self, id, NULL);
}

const char *
yrs_application_flow_get_value (YrsApplicationFlow *self,
                                const char         *id)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return field_value (self, id);
}

/* A changed value's old error goes: it is checked again on "Check my
 * answers". */
static void
forget_error (YrsApplicationFlow *self,
              const char         *id)
{
  YrsFormField *field = find_field (self, id, NULL);
  guint position;

  if (field == NULL)
    return;
  _yrs_form_field_set_check (field, FALSE, NULL, yrs_form_field_get_note (field));
  if (g_list_store_find (self->errors, field, &position))
    {
      g_list_store_remove (self->errors, position);
      notify_errors (self);
    }
}

static void
clear_address_choices (YrsApplicationFlow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->address_choices)) > 0)
    g_list_store_remove_all (self->address_choices);
}

/* A code of several places offers them (when the address is empty or
 * holds only what a code filled in); any other code clears them. */
static void
offer_address_choices (YrsApplicationFlow *self,
                       const char         *postal_code)
{
  g_auto(GStrv) choices = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *city = yrs_postcode_get_city ();

  if (find_field (self, "address.line", NULL) != NULL)
    choices = yrs_application_address_choices (postal_code,
                                               field_value (self, "address.line"),
                                               field_value (self, "address.filled"));
  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      const char *label = choices[i];

      if (city != NULL && g_str_has_prefix (label, city))
        label += strlen (city);
      g_ptr_array_add (items, yrs_address_choice_new (choices[i], label));
    }
  g_list_store_splice (self->address_choices, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->address_choices)),
                       items->pdata, items->len);
}

void
yrs_application_flow_set_value (YrsApplicationFlow *self,
                                const char         *id,
                                const char         *value)
{
  const YrsFieldSpec *spec;

  g_return_if_fail (YRS_IS_APPLICATION_FLOW (self));
  g_return_if_fail (id != NULL);

  if (self->session == NULL)
    return;
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (field_value (self, id), value) == 0)
    return;

  yrs_session_set_field (self->session, id, value);
  forget_error (self, id);

  /* Her own address, or another code, takes the place of the choices the
   * last code offered. */
  if (g_strcmp0 (id, "address.line") == 0)
    clear_address_choices (self);

  /* A postal code of the city fills the ward into an empty address (or
   * one that only holds what an earlier code filled in). */
  spec = yrs_form_spec_lookup_field (id);
  if (spec != NULL && spec->kind == YRS_FIELD_POSTAL_CODE)
    {
      g_autofree char *address = yrs_application_ward_address (yrs_session_get_catalog (self->session),
                                                          value,
                                                          field_value (self, "address.line"),
                                                          field_value (self, "address.filled"),
                                                          yrs_i18n_get_lang ());

      if (address != NULL && find_field (self, "address.line", NULL) != NULL)
        {
          yrs_session_set_field (self->session, "address.line", address);
          yrs_session_set_field (self->session, "address.filled", address);
          forget_error (self, "address.line");
        }
      offer_address_choices (self, value);
    }
}

GListModel *
yrs_application_flow_get_address_choices (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return G_LIST_MODEL (self->address_choices);
}

void
yrs_application_flow_choose_address (YrsApplicationFlow *self,
                                     guint               position)
{
  g_autoptr(YrsAddressChoice) choice = NULL;
  const char *address;

  g_return_if_fail (YRS_IS_APPLICATION_FLOW (self));

  choice = g_list_model_get_item (G_LIST_MODEL (self->address_choices), position);
  if (choice == NULL || self->session == NULL)
    return;
  address = yrs_address_choice_get_address (choice);
  if (find_field (self, "address.line", NULL) != NULL)
    {
      yrs_session_set_field (self->session, "address.line", address);
      yrs_session_set_field (self->session, "address.filled", address);
      forget_error (self, "address.line");
    }
  clear_address_choices (self);
}

void
yrs_application_flow_set_date_parts (YrsApplicationFlow *self,
                                     const char         *id,
                                     const char         *year,
                                     const char         *month,
                                     const char         *day,
                                     gboolean            wareki,
                                     const char         *wareki_error)
{
  const char *values[3] = { year, month, day };
  g_autofree char *wareki_key = NULL;
  gboolean changed = FALSE;

  g_return_if_fail (YRS_IS_APPLICATION_FLOW (self));
  g_return_if_fail (id != NULL);

  if (self->session == NULL)
    return;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = part_key (id, date_parts[i]);
      const char *value = values[i] != NULL && *values[i] != '\0' ? values[i] : NULL;

      if (g_strcmp0 (field_value (self, key), value) != 0)
        {
          yrs_session_set_field (self->session, key, value);
          changed = TRUE;
        }
    }
  wareki_key = part_key (id, "wareki");
  yrs_session_set_field (self->session, wareki_key, wareki ? "1" : NULL);
  if (wareki && wareki_error != NULL && *wareki_error != '\0')
    g_hash_table_insert (self->wareki_errors, g_strdup (id), g_strdup (wareki_error));
  else
    g_hash_table_remove (self->wareki_errors, id);
  if (changed)
    forget_error (self, id);
}

const char *
yrs_application_flow_get_date_part (YrsApplicationFlow *self,
                                    const char         *id,
                                    const char         *part)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);

  key = part_key (id, part);
  return field_value (self, key);
}

gboolean
yrs_application_flow_get_date_wareki (YrsApplicationFlow *self,
                                      const char         *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), FALSE);

  key = part_key (id, "wareki");
  return field_value (self, key) != NULL;
}

/* ---- What to bring ------------------------------------------------------ */

char *
yrs_application_flow_dup_documents (YrsApplicationFlow *self,
                                    gboolean           *sample)
{
  const YrsProgramme *programme = NULL;
  const char *id;
  GString *text;

  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);

  text = g_string_new (NULL);
  if (sample != NULL)
    *sample = FALSE;
  id = self->form != 0 ? yrs_application_flow_get_applied_programme (self) : NULL;
  if (id != NULL && self->session != NULL)
    programme = yrs_catalog_lookup_programme (yrs_session_get_catalog (self->session), id);
  for (guint i = 0; programme != NULL && i < yrs_programme_get_n_bring (programme); i++)
    {
      gboolean item_sample = FALSE;
      const char *item = yrs_programme_get_bring (programme, i, yrs_i18n_get_lang (), &item_sample);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: an item of the list of documents to bring */
      g_string_append_printf (text, _("• %s"), item);
      if (sample != NULL)
        *sample |= item_sample;
    }
  return g_string_free (text, FALSE);
}

/* ---- The bank by name ------------------------------------------------- */

YrsBankSearch *
yrs_application_flow_get_bank_search (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return self->bank_search;
}

YrsBankSearch *
yrs_application_flow_get_branch_search (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);
  return self->branch_search;
}

void
yrs_application_flow_choose_bank (YrsApplicationFlow *self,
                                  const char         *code)
{
  const YrsBank *bank;

  g_return_if_fail (YRS_IS_APPLICATION_FLOW (self));

  if (self->session == NULL || (bank = yrs_bank_lookup (code)) == NULL)
    return;
  yrs_bank_search_set_query (self->bank_search, NULL);
  /* ゆうちょ's own account form: 記号 and 番号. */
  if (yrs_bank_is_yucho (bank))
    {
      yrs_application_flow_set_value (self, "bank.method", "yucho");
      return;
    }
  yrs_application_flow_set_value (self, "bank.method", "bank");
  if (g_strcmp0 (field_value (self, "bank.code"), yrs_bank_get_code (bank)) != 0)
    {
      yrs_application_flow_set_value (self, "bank.code", yrs_bank_get_code (bank));
      /* Another bank's branch is not this one's. */
      yrs_application_flow_set_value (self, "bank.branch", NULL);
      yrs_bank_search_set_query (self->branch_search, NULL);
    }
}

void
yrs_application_flow_choose_branch (YrsApplicationFlow *self,
                                    const char         *code)
{
  const YrsBank *bank;
  const YrsBranch *branch;

  g_return_if_fail (YRS_IS_APPLICATION_FLOW (self));

  if (self->session == NULL ||
      (bank = yrs_bank_lookup (field_value (self, "bank.code"))) == NULL ||
      (branch = yrs_bank_lookup_branch (bank, code)) == NULL)
    return;
  /* (`code` may be a result's, which clearing the search frees: the
   * table's own string is used from here.) */
  yrs_bank_search_set_query (self->branch_search, NULL);
  yrs_application_flow_set_value (self, "bank.branch", branch->code);
}

/* ---- Sending ------------------------------------------------------------ */

const char *
yrs_application_flow_get_applied_programme (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);

  /* The two support payments share a form; the choice on it decides. */
  if (self->form == YRS_FORM_SUPPORT_PAYMENT)
    return yrs_application_support_payment_programme (field_value (self, "payment.which"));
  return self->programme;
}

/* The payload as the API takes it (data/api/openapi.yaml), from src/api's
 * typed requests: an application is {"programme", "fields": {id: value}}
 * with the fields that apply and are not empty; a registration has its
 * own members. */
char *
yrs_application_flow_dup_payload (YrsApplicationFlow *self)
{
  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);

  if (self->session == NULL || self->form == 0)
    return NULL;

  if (self->form == YRS_FORM_POSTPARTUM_CARE_REGISTRATION)
    {
      g_autoptr(YrsApiRegistrationRequest) request = yrs_api_registration_request_new ();
      YrsAnswers *answers = yrs_session_get_answers (self->session);
      const char *born = field_value (self, "child.birth_date");
      YrsDate date;

      request->name = g_strdup (field_value (self, "applicant.name"));
      request->name_kana = g_strdup (field_value (self, "applicant.kana"));
      request->phone = g_strdup (field_value (self, "applicant.phone"));
      /* With the reference, what proves her when she comes back. */
      if (yrs_api_is_valid_date (field_value (self, "applicant.birth_date")))
        request->birth_on = g_strdup (field_value (self, "applicant.birth_date"));
      if (born != NULL && yrs_date_parse_iso (born, &date, NULL))
        {
          if (yrs_application_child_date_kind (date, yrs_session_get_as_of (self->session)) == YRS_CHILD_DATE_DUE)
            request->due_on = g_strdup (born);
          else
            request->child_born_on = g_strdup (born);
        }
      request->ward = g_strdup (yrs_application_ward_for_postal_code (yrs_session_get_catalog (self->session),
                                                                      field_value (self, "address.postal_code")));
      yrs_answers_get_bool (answers, "household.tax_exempt", &request->tax_exempt);
      yrs_answers_get_bool (answers, "household.public_assistance", &request->public_assistance);
      return yrs_api_registration_request_to_string (request);
    }
  else
    {
      g_autoptr(YrsApiApplicationRequest) request = yrs_api_application_request_new ();
      const YrsFieldSpec *fields;
      guint n_fields;

      request->programme = g_strdup (yrs_application_flow_get_applied_programme (self));
      request->fields = json_object_new ();
      fields = yrs_form_spec_get_fields (&n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          const char *value = field_value (self, fields[i].id);

          if (!applies (self, &fields[i]) || value == NULL || *value == '\0')
            continue;
          json_object_set_string_member (request->fields, fields[i].id, value);
        }
      return yrs_api_application_request_to_string (request);
    }
}

static void
set_send_error (YrsApplicationFlow *self,
                const char         *text)
{
  if (g_strcmp0 (self->send_error, text) == 0)
    return;
  g_free (self->send_error);
  self->send_error = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SEND_ERROR]);
}

char *
yrs_application_flow_send (YrsApplicationFlow *self,
                           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *key = NULL;
  const char *sent_key;

  g_return_val_if_fail (YRS_IS_APPLICATION_FLOW (self), NULL);

  payload = yrs_application_flow_dup_payload (self);
  if (payload == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "There is no application form to send");
      return NULL;
    }

  /* Back from the receipt and "Send" again: the same answers were queued
   * already, and a second row would reach the city as a second
   * application. The receipt of the first stands instead. A changed
   * answer makes a different payload, which is sent as a new one. */
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, payload, -1);
  sent_key = field_value (self, "review.sent-key");
  if (sent_key != NULL && g_strcmp0 (field_value (self, "review.sent-sum"), sum) == 0)
    {
      explicit_bzero (payload, strlen (payload));
      key = g_strdup (sent_key);
      yrs_session_set_field (self->session, "submission.key", key);
      set_send_error (self, NULL);
      return g_steal_pointer (&key);
    }

  key = yrs_session_submit (self->session, yrs_form_spec_get_kind (self->form), payload, &local_error);
  explicit_bzero (payload, strlen (payload));
  if (key == NULL)
    {
      g_autofree char *text = NULL;

      g_warning ("Could not queue the application: %s", local_error->message);
      /* Translators: shown when the device could not save an application */
      text = g_strdup_printf (_("＊The application could not be saved on this device. Please ask a member of staff. (%s)"),
                              local_error->message);
      set_send_error (self, text);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  set_send_error (self, NULL);
  yrs_session_set_field (self->session, "review.sent-key", key);
  yrs_session_set_field (self->session, "review.sent-sum", sum);
  yrs_session_set_field (self->session, "apply.checked", NULL);
  yrs_session_set_field (self->session, "submission.key", key);
  return g_steal_pointer (&key);
}
