/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-form-spec"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-form.h"
#include "yrs-form-spec.h"

#define ALL_FORMS (YRS_FORM_SUPPORT_PAYMENT | YRS_FORM_HOME_HELP | YRS_FORM_POSTPARTUM_CARE_REGISTRATION)
#define CHILD_FORMS (YRS_FORM_HOME_HELP | YRS_FORM_POSTPARTUM_CARE_REGISTRATION)

static const YrsFieldChoice payment_choices[] = {
  { "pregnancy", N_("First payment: for the pregnancy") },
  { "birth", N_("Second payment: after the birth") },
  { NULL, NULL },
};

static const YrsFieldChoice method_choices[] = {
  { "bank", N_("A bank or credit union") },
  { "yucho", N_("Japan Post Bank (ゆうちょ銀行)") },
  { NULL, NULL },
};

static const YrsFieldChoice account_type_choices[] = {
  { "ordinary", N_("Ordinary (普通)") },
  { "current", N_("Current (当座)") },
  { NULL, NULL },
};

static const YrsFieldSpec fields[] = {
  { "payment.which", N_("Kind of payment"), N_("Which payment are you applying for?"), NULL,
    YRS_FIELD_CHOICE, YRS_FORM_SUPPORT_PAYMENT, TRUE, NULL, NULL, payment_choices },

  { "applicant.name", N_("About you"), N_("Full name"),
    N_("As on your residence record. Any characters are accepted."),
    YRS_FIELD_NAME, ALL_FORMS, TRUE },
  { "applicant.kana", N_("About you"), N_("Full name in katakana (フリガナ)"),
    N_("Hiragana and half-width katakana are turned into full-width katakana."),
    YRS_FIELD_KANA, ALL_FORMS, TRUE },
  { "applicant.birth_date", N_("About you"), N_("Date of birth"), NULL,
    YRS_FIELD_DATE, ALL_FORMS, TRUE },
  { "applicant.phone", N_("About you"), N_("Phone number"),
    N_("A number we can reach you on during the day, e.g. 078-123-4567."),
    YRS_FIELD_PHONE, ALL_FORMS, TRUE },

  { "address.postal_code", N_("Where you live"), N_("Postal code"),
    N_("7 digits; the hyphen is optional. The ward is filled in for you."),
    YRS_FIELD_POSTAL_CODE, ALL_FORMS, TRUE },
  { "address.line", N_("Where you live"), N_("Street address"), NULL,
    YRS_FIELD_ADDRESS, ALL_FORMS, TRUE },
  { "address.building", N_("Where you live"), N_("Building and room number"), NULL,
    YRS_FIELD_TEXT, ALL_FORMS, FALSE },

  { "child.name", N_("Your child"), N_("Child's full name"),
    N_("Leave empty if your baby is not born or not named yet."),
    YRS_FIELD_NAME, CHILD_FORMS, FALSE },
  { "child.kana", N_("Your child"), N_("Child's name in katakana (フリガナ)"), NULL,
    YRS_FIELD_KANA, CHILD_FORMS, FALSE },
  { "child.birth_date", N_("Your child"), N_("Date of birth, or the due date"), NULL,
    YRS_FIELD_DATE, CHILD_FORMS, TRUE },

  { "service.start_date", N_("The service"), N_("When would you like to start?"), NULL,
    YRS_FIELD_DATE, YRS_FORM_HOME_HELP, TRUE },
  { "service.note", N_("The service"), N_("Anything we should know"),
    N_("For example allergies, pets, or the best time to visit."),
    YRS_FIELD_TEXT, CHILD_FORMS, FALSE },

  { "bank.method", N_("Where to pay the money"), N_("Payment account"), NULL,
    YRS_FIELD_CHOICE, YRS_FORM_SUPPORT_PAYMENT, TRUE, NULL, NULL, method_choices },
  { "bank.code", N_("Where to pay the money"), N_("Bank"),
    N_("Type the first letters of its name in kana, then tap your bank."),
    YRS_FIELD_BANK_CODE, YRS_FORM_SUPPORT_PAYMENT, TRUE, "bank.method", "bank" },
  { "bank.branch", N_("Where to pay the money"), N_("Branch"),
    N_("Type the first letters of the branch name in kana, then tap it. It is on your bankbook or cash card."),
    YRS_FIELD_BRANCH_CODE, YRS_FORM_SUPPORT_PAYMENT, TRUE, "bank.method", "bank" },
  { "bank.type", N_("Where to pay the money"), N_("Account type"), NULL,
    YRS_FIELD_CHOICE, YRS_FORM_SUPPORT_PAYMENT, TRUE, "bank.method", "bank", account_type_choices },
  { "bank.account_number", N_("Where to pay the money"), N_("Account number"), N_("7 digits."),
    YRS_FIELD_ACCOUNT_NUMBER, YRS_FORM_SUPPORT_PAYMENT, TRUE, "bank.method", "bank" },
  { "yucho.symbol", N_("Where to pay the money"), N_("Japan Post Bank symbol (記号)"),
    N_("5 digits, starting with 1."),
    YRS_FIELD_YUCHO_SYMBOL, YRS_FORM_SUPPORT_PAYMENT, TRUE, "bank.method", "yucho" },
  { "yucho.number", N_("Where to pay the money"), N_("Japan Post Bank number (番号)"),
    N_("Up to 8 digits."),
    YRS_FIELD_YUCHO_NUMBER, YRS_FORM_SUPPORT_PAYMENT, TRUE, "bank.method", "yucho" },
  { "bank.holder_kana", N_("Where to pay the money"), N_("Account holder's name in katakana"),
    N_("As printed on the bankbook."),
    YRS_FIELD_HOLDER_KANA, YRS_FORM_SUPPORT_PAYMENT, TRUE },
};

YrsFormId
yrs_form_spec_for_programme (YrsCatalog *catalog,
                             const char *programme_id)
{
  const YrsProgramme *programme;
  const char *form;

  if (catalog == NULL || programme_id == NULL)
    return 0;
  programme = yrs_catalog_lookup_programme (catalog, programme_id);
  if (programme == NULL || (form = yrs_programme_get_form (programme)) == NULL)
    return 0;

  if (g_str_equal (form, "support_payment"))
    return YRS_FORM_SUPPORT_PAYMENT;
  if (g_str_equal (form, "home_help"))
    return YRS_FORM_HOME_HELP;
  if (g_str_equal (form, "postpartum_care_registration"))
    return YRS_FORM_POSTPARTUM_CARE_REGISTRATION;
  return 0;
}

const char *
yrs_form_spec_get_title (YrsFormId form)
{
  switch (form)
    {
    case YRS_FORM_SUPPORT_PAYMENT:
      return _("Application for the pregnancy and birth support payments");
    case YRS_FORM_HOME_HELP:
      return _("Application for postpartum home help");
    case YRS_FORM_POSTPARTUM_CARE_REGISTRATION:
      return _("Registration for postpartum care");
    default:
      return "";
    }
}

const char *
yrs_form_spec_get_kind (YrsFormId form)
{
  return form == YRS_FORM_POSTPARTUM_CARE_REGISTRATION ? "registration" : "application";
}

const char *
yrs_form_spec_get_name (YrsFormId form)
{
  switch (form)
    {
    case YRS_FORM_SUPPORT_PAYMENT:
      return "support_payment";
    case YRS_FORM_HOME_HELP:
      return "home_help";
    case YRS_FORM_POSTPARTUM_CARE_REGISTRATION:
      return "postpartum_care_registration";
    default:
      return NULL;
    }
}

const YrsFieldSpec *
yrs_form_spec_get_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const YrsFieldSpec *
yrs_form_spec_lookup_field (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].id, id) == 0)
      return &fields[i];
  return NULL;
}

gboolean
yrs_form_spec_field_applies (const YrsFieldSpec *field,
                             YrsFormId           form,
                             YrsSession         *session)
{
  if ((field->forms & form) == 0)
    return FALSE;
  if (field->when_id == NULL)
    return TRUE;
  return g_strcmp0 (yrs_session_get_field (session, field->when_id), field->when_value) == 0;
}

const char *
yrs_form_spec_choice_label (const YrsFieldSpec *field,
                            const char         *value)
{
  if (field->choices == NULL || value == NULL)
    return NULL;
  for (guint i = 0; field->choices[i].label != NULL; i++)
    if (g_str_equal (field->choices[i].value, value))
      return _(field->choices[i].label);
  return NULL;
}

char *
yrs_form_spec_check (const YrsFieldSpec *field,
                     const char         *value,
                     char              **normalized,
                     char              **note)
{
  const char *label = _(field->label);
  g_autoptr(GError) error = NULL;
  g_autofree char *norm = NULL;
  gboolean ok = TRUE;

  *normalized = NULL;
  *note = NULL;

  if (value == NULL || *value == '\0')
    {
      if (!field->required)
        return NULL;
      yrs_form_check_required (value, label, &error);
      return g_strdup (error != NULL ? error->message : label);
    }

  switch (field->kind)
    {
    case YRS_FIELD_NAME:
      {
        g_auto(GStrv) outside = yrs_form_chars_outside_jis (value);

        /* Kept as written; staff see which characters need care. */
        if (outside != NULL && outside[0] != NULL)
          {
            g_autofree char *chars = g_strjoinv (" ", outside);

            /* Translators: a note for staff under a name with characters outside JIS X 0208 */
            *note = g_strdup_printf (_("Note for staff: %s is outside JIS X 0208 and is kept as written."), chars);
          }
        ok = yrs_form_check_required (value, label, &error);
      }
      break;

    case YRS_FIELD_KANA:
      ok = yrs_form_check_furigana (value, label, &norm, &error);
      break;

    case YRS_FIELD_HOLDER_KANA:
      ok = yrs_form_check_account_holder (value, &norm, &error);
      break;

    case YRS_FIELD_POSTAL_CODE:
      ok = yrs_form_check_postal_code (value, &norm, &error);
      break;

    case YRS_FIELD_PHONE:
      ok = yrs_form_check_phone (value, &norm, &error);
      break;

    case YRS_FIELD_BANK_CODE:
      ok = yrs_form_check_bank_code (value, &norm, &error);
      break;

    case YRS_FIELD_BRANCH_CODE:
      ok = yrs_form_check_branch_code (value, &norm, &error);
      break;

    case YRS_FIELD_ACCOUNT_NUMBER:
      ok = yrs_form_check_account_number (value, &norm, &error);
      break;

    case YRS_FIELD_YUCHO_SYMBOL:
      ok = yrs_form_check_yucho_symbol (value, &norm, &error);
      break;

    case YRS_FIELD_YUCHO_NUMBER:
      ok = yrs_form_check_yucho_number (value, &norm, &error);
      break;

    case YRS_FIELD_DATE:
      {
        YrsDate date;

        /* The date field itself says what is wrong with its parts; here
         * only a stored value that is not a date can arrive. */
        if (!yrs_date_parse_iso (value, &date, NULL))
          ok = yrs_form_check_date_parts (label, NULL, "", "", "", &date, &error);
      }
      break;

    case YRS_FIELD_CHOICE:
      ok = yrs_form_spec_choice_label (field, value) != NULL;
      if (!ok)
        yrs_form_check_required (NULL, label, &error);
      break;

    case YRS_FIELD_ADDRESS:
    case YRS_FIELD_TEXT:
    default:
      ok = yrs_form_check_required (value, label, &error);
      break;
    }

  if (!ok)
    return g_strdup (error != NULL ? error->message : label);
  *normalized = g_steal_pointer (&norm);
  return NULL;
}
