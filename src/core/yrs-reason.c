/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reasons as sentences for people. The sentence templates are gettext
 * strings (English source, po/ja.po); dates, money, facility names and
 * check-up names are formatted for `lang`. */

#define G_LOG_DOMAIN "yrs-reason"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "yrs-catalog-private.h"
#include "yrs-reason.h"
#include "yrs-reason-private.h"

static char *
param_date_text (const YrsReason *reason,
                 const char      *name,
                 YrsLang          lang)
{
  const YrsValue *v = yrs_reason_get_param (reason, name);

  if (v == NULL || v->type != YRS_VALUE_DATE)
    return g_strdup ("?");
  return yrs_date_format (v->date, lang);
}

static char *
param_money_text (const YrsReason *reason,
                  const char      *name,
                  YrsLang          lang)
{
  const YrsValue *v = yrs_reason_get_param (reason, name);

  if (v == NULL || v->type != YRS_VALUE_INT)
    return g_strdup ("?");
  return yrs_money_format (v->i, lang);
}

/* Counts, months and years: small numbers, printed with %d. */
static int
param_int (const YrsReason *reason,
           const char      *name)
{
  const YrsValue *v = yrs_reason_get_param (reason, name);

  return v != NULL && v->type == YRS_VALUE_INT ? (int) CLAMP (v->i, G_MININT, G_MAXINT) : 0;
}

static const char *
param_string (const YrsReason *reason,
              const char      *name)
{
  const YrsValue *v = yrs_reason_get_param (reason, name);

  return v != NULL && v->type == YRS_VALUE_STRING ? v->s : "";
}

static const char *
facility_name (YrsCatalog      *catalog,
               const YrsReason *reason,
               YrsLang          lang)
{
  const char *id = param_string (reason, "facility");
  const YrsFacility *facility = catalog != NULL ? yrs_catalog_lookup_facility (catalog, id) : NULL;

  return facility != NULL ? yrs_facility_get_name (facility, lang) : id;
}

static const char *
checkup_title (YrsCatalog      *catalog,
               const YrsReason *reason,
               YrsLang          lang)
{
  const char *id = param_string (reason, "checkup");

  if (catalog != NULL)
    for (guint i = 0; i < yrs_catalog_get_n_programmes (catalog); i++)
      {
        const YrsProgramme *p = yrs_catalog_get_programme (catalog, i);

        for (guint j = 0; j < p->n_checkups; j++)
          if (g_str_equal (p->checkups[j].id, id))
            return yrs_checkup_get_title (&p->checkups[j], lang);
      }
  return id;
}

static const char *
kind_label (const YrsReason *reason)
{
  YrsCareKind kind;

  if (yrs_care_kind_from_string (param_string (reason, "kind"), &kind))
    return yrs_care_kind_get_label (kind);
  return param_string (reason, "kind");
}

/* The reasons whose sentence has no parameters. */
static const struct
{
  const char *code;
  const char *text;
} fixed_texts[] = {
  { "not_resident", N_("This programme is for residents of Kobe City.") },
  { "no_pregnancy", N_("This payment is for a pregnancy that has been notified.") },
  { "notify_pregnancy", N_("Notify your pregnancy at your ward office (妊娠届) and tell us the date.") },
  { "no_birth", N_("This is for families after a birth.") },
  { "after_birth", N_("You can use this after your baby is born.") },
  { "loss_covered", N_("Since 1 April 2025 this also covers a pregnancy that ended in miscarriage, stillbirth or induced abortion. We are sorry for your loss.") },
  { "scheme_closed", N_("The scheme has ended.") },
  { "paid_at_notification", N_("It was yours when you notified your pregnancy (妊娠届); the loss does not take it back. We are sorry for your loss.") },
  { "with_consultation", N_("It goes with a consultation with a public-health nurse or midwife.") },
  { "interview_8_months", N_("You can also ask for an interview in the 8th month of pregnancy.") },
  { "after_loss_other_support", N_("Postpartum care is for a mother and her baby; after a loss, counselling and grief care are there for you.") },
  { "need_declared", N_("You told us you need support; no other test applies.") },
  { "need_not_declared", N_("This is for families who feel they need support. If that changes, you can use it.") },
  { "infectious_today", N_("It cannot be used on a day when mother or baby has, or may have, an infectious disease such as influenza.") },
  { "registration_required", N_("Register once for use (利用申請); the city approves it in about 5 business days, then you can book.") },
  { "while_pregnant", N_("For pregnant women.") },
  { "after_loss", N_("After a miscarriage or stillbirth, you can talk to someone, at your own pace.") },
  { "when_planning", N_("For people hoping to become pregnant.") },
  { "on_request", N_("Available to anyone who asks.") },
  { "not_for_situation", N_("This is not for your situation as you described it.") },
  { "multiple", N_("For families expecting or raising twins or more.") },
  { "multiple_only", N_("This is for families expecting or raising twins or more.") },
  { "multiple_extra", N_("Expecting twins or more: there is an extra subsidy for the additional check-ups.") },
  { "low_income", N_("Your household is resident-tax-exempt or on public assistance.") },
  { "low_income_only", N_("This is for resident-tax-exempt or public-assistance households.") },
  { "as_assessed", N_("Whether it applies is decided from a doctor's report.") },
  { "checkups_done", N_("All infant check-ups are past.") },
  { "always_available", N_("Always available, to anyone, in confidence.") },
  { "sample_figure", N_("Some figures here are samples, not the city's own: check with the ward office.") },
};

char *
yrs_reason_to_text (const YrsReason *reason,
                    YrsCatalog      *catalog,
                    YrsLang          lang)
{
  const char *code;

  g_return_val_if_fail (reason != NULL, NULL);

  code = reason->code != NULL ? reason->code : "";

  for (gsize i = 0; i < G_N_ELEMENTS (fixed_texts); i++)
    if (g_str_equal (code, fixed_texts[i].code))
      return g_strdup (_(fixed_texts[i].text));

#define IS(x) g_str_equal (code, x)
  if (IS ("event_in_future"))
    {
      g_autofree char *date = param_date_text (reason, "date", lang);
      return g_strdup_printf (_("This becomes possible from %s, the date you gave."), date);
    }
  if (IS ("event_before_scheme"))
    {
      g_autofree char *date = param_date_text (reason, "from", lang);
      return g_strdup_printf (_("The scheme covers pregnancies and births from %s."), date);
    }
  if (IS ("loss_not_covered"))
    {
      g_autofree char *date = param_date_text (reason, "from", lang);
      return g_strdup_printf (_("A pregnancy that ended in a loss is covered when the loss was on or after %s."), date);
    }
  if (IS ("national_reduction_basis"))
    {
      g_autofree char *all = param_money_text (reason, "all", lang);
      g_autofree char *extra = param_money_text (reason, "extra", lang);

      if (param_int (reason, "all") <= 0)
        return g_strdup_printf (_("The reduction is the national subsidy basis (利用料減免加算の基準額) for your household, %s per use: what the state funds, not a fee table published by Kobe City."), extra);
      if (param_int (reason, "extra") > 0)
        return g_strdup_printf (_("The reductions are the national subsidy bases (利用料減免加算の基準額), %s per use for every household and %s more for yours: what the state funds, not a fee table published by Kobe City."), all, extra);
      return g_strdup_printf (_("The reduction is the national subsidy basis (利用料減免加算の基準額), %s per use for every household: what the state funds, not a fee table published by Kobe City."), all);
    }
  if (IS ("scheme_opens"))
    {
      g_autofree char *date = param_date_text (reason, "from", lang);
      return g_strdup_printf (_("The scheme starts on %s."), date);
    }
  if (IS ("not_in_force"))
    {
      if (yrs_reason_get_param (reason, "from") != NULL)
        {
          g_autofree char *date = param_date_text (reason, "from", lang);
          return g_strdup_printf (_("This programme starts on %s."), date);
        }
      return g_strdup (_("This programme is not offered on this date."));
    }
  if (IS ("payment_amount"))
    {
      g_autofree char *money = param_money_text (reason, "amount", lang);
      return g_strdup_printf (_("The payment is %s."), money);
    }
  if (IS ("amount_per_child"))
    {
      g_autofree char *per = param_money_text (reason, "per_child", lang);
      g_autofree char *total = param_money_text (reason, "amount", lang);
      int count = param_int (reason, "count");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s for %d child: %s in all.",
                                           "%s per child for %d children: %s in all.",
                                           (gulong) count),
                              per, count, total);
    }
  if (IS ("amount_per_fetus"))
    {
      g_autofree char *per = param_money_text (reason, "per_child", lang);
      g_autofree char *total = param_money_text (reason, "amount", lang);
      int count = param_int (reason, "count");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s for %d baby: %s in all.",
                                           "%s per baby for %d babies: %s in all.",
                                           (gulong) count),
                              per, count, total);
    }
  if (IS ("child_under_age"))
    {
      g_autofree char *date = param_date_text (reason, "until", lang);
      int years = param_int (reason, "years");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Your child is under %d year old until %s.",
                                           "Your child is under %d years old until %s.",
                                           (gulong) years),
                              years, date);
    }
  if (IS ("child_over_age"))
    {
      g_autofree char *date = param_date_text (reason, "until", lang);
      int years = param_int (reason, "years");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "This is for children under %d year old; the last day was %s.",
                                           "This is for children under %d years old; the last day was %s.",
                                           (gulong) years),
                              years, date);
    }
  if (IS ("child_under_months"))
    {
      g_autofree char *date = param_date_text (reason, "until", lang);
      return g_strdup_printf (_("Available until %s."), date);
    }
  if (IS ("child_over_months"))
    {
      g_autofree char *date = param_date_text (reason, "until", lang);
      return g_strdup_printf (_("This was available until %s."), date);
    }
  if (IS ("over_months_facility_decides"))
    return g_strdup_printf (_("Your baby is %d months or older: whether a facility accepts your baby depends on the facility."),
                            param_int (reason, "months"));
  if (IS ("facility_accepts_over_months"))
    return g_strdup_printf (_("%s accepts babies over %d months."),
                            facility_name (catalog, reason, lang), param_int (reason, "months"));
  if (IS ("facility_not_over_months"))
    return g_strdup_printf (_("%s does not accept babies over %d months; choose another facility."),
                            facility_name (catalog, reason, lang), param_int (reason, "months"));
  if (IS ("facility_kind_not_offered"))
    return g_strdup_printf (_("%s does not offer this kind of care (%s)."),
                            facility_name (catalog, reason, lang), kind_label (reason));
  if (IS ("kind_not_offered"))
    return g_strdup_printf (_("This kind of care (%s) is not offered on this date."), kind_label (reason));
  if (IS ("reduction_per_use"))
    {
      g_autofree char *money = param_money_text (reason, "reduction", lang);
      return g_strdup_printf (_("The fee is reduced by %s per use."), money);
    }
  if (IS ("fee_after_reduction"))
    {
      g_autofree char *gross = param_money_text (reason, "gross", lang);
      g_autofree char *reduction = param_money_text (reason, "reduction", lang);
      g_autofree char *fee = param_money_text (reason, "fee", lang);
      /* No reduction for this household: "less ¥0" only puzzles her. */
      if (param_int (reason, "reduction") == 0)
        return g_strdup_printf (_("Fee per use: %s (no reduction applies)."), fee);
      return g_strdup_printf (_("Fee per use %s, less %s: you pay %s."), gross, reduction, fee);
    }
  if (IS ("visit_terms"))
    {
      g_autofree char *charge = param_money_text (reason, "charge", lang);
      return g_strdup_printf (_("Home visits: up to %d visits of up to %d minutes, %s a visit."),
                              param_int (reason, "visits"), param_int (reason, "minutes"), charge);
    }
  if (IS ("registration_from_month"))
    return g_strdup_printf (_("You can register for use from the %dth month of pregnancy."),
                            param_int (reason, "month"));
  if (IS ("visits_max"))
    {
      int visits = param_int (reason, "visits");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Up to %d visit in all.",
                                           "Up to %d visits in all.", (gulong) visits),
                              visits);
    }
  if (IS ("multiple_birth_extra"))
    return g_strdup_printf (_("Twins or more: %d extra visits."), param_int (reason, "visits"));
  if (IS ("checkup_due"))
    {
      g_autofree char *from = param_date_text (reason, "from", lang);
      g_autofree char *until = param_date_text (reason, "until", lang);
      return g_strdup_printf (_("Next: the %s, between %s and %s."),
                              checkup_title (catalog, reason, lang), from, until);
    }
  if (IS ("checkup_statutory"))
    return g_strdup_printf (_("The %s is required by law."), checkup_title (catalog, reason, lang));
  if (IS ("checkup_subsidy"))
    {
      g_autofree char *money = param_money_text (reason, "yen", lang);
      return g_strdup_printf (_("The national unit cost (補助単価) for the %s is %s per child, half of it paid by the state; it is not a Kobe City figure."),
                              checkup_title (catalog, reason, lang), money);
    }
  if (IS ("answers_needed"))
    {
      int count = param_int (reason, "count");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Answer %d more question to see this result.",
                                           "Answer %d more questions to see this result.",
                                           (gulong) count),
                              count);
    }
#undef IS

  /* A code from a newer catalogue or engine. */
  return g_strdup_printf (_("Reason: %s"), code);
}

void
_yrs_reason_add_params (const YrsReason *reason,
                        JsonBuilder     *builder)
{
  for (guint i = 0; i < reason->n_params; i++)
    {
      const YrsValue *v = &reason->params[i].value;

      json_builder_set_member_name (builder, reason->params[i].name);
      switch (v->type)
        {
        case YRS_VALUE_BOOL:
          json_builder_add_boolean_value (builder, v->b);
          break;
        case YRS_VALUE_INT:
          json_builder_add_int_value (builder, v->i);
          break;
        case YRS_VALUE_DATE:
          {
            char buf[11];

            yrs_date_to_iso_buf (v->date, buf);
            json_builder_add_string_value (builder, buf);
          }
          break;
        case YRS_VALUE_STRING:
          json_builder_add_string_value (builder, v->s);
          break;
        case YRS_VALUE_NONE:
        default:
          json_builder_add_null_value (builder);
          break;
        }
    }
}

char *
yrs_reason_params_to_json (const YrsReason *reason)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (reason != NULL, NULL);

  json_builder_begin_object (builder);
  _yrs_reason_add_params (reason, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
yrs_result_to_text (const YrsResult *result,
                    YrsLang          lang)
{
  g_return_val_if_fail (result != NULL, NULL);

  switch (result->status)
    {
    case YRS_STATUS_ELIGIBLE:
      /* A sample figure is never a promise: the ward confirms it. */
      if (result->amount_yen >= 0)
        {
          g_autofree char *money = yrs_money_format (result->amount_yen, lang);
          if (result->sample)
            return g_strdup_printf (_("Eligible: the ward will confirm the amount (sample figure: %s)"), money);
          return g_strdup_printf (_("Eligible: %s"), money);
        }
      if (result->fee_yen >= 0)
        {
          g_autofree char *money = yrs_money_format (result->fee_yen, lang);
          if (result->sample)
            return g_strdup_printf (_("Eligible: the ward will confirm your fee (sample figure: %s per use)"), money);
          return g_strdup_printf (_("Eligible: you pay %s per use"), money);
        }
      if (yrs_date_is_set (result->until))
        {
          g_autofree char *date = yrs_date_format (result->until, lang);
          return g_strdup_printf (_("Eligible until %s"), date);
        }
      return g_strdup (_("Eligible"));
    case YRS_STATUS_NOT_ELIGIBLE:
      return g_strdup (_("Not eligible"));
    case YRS_STATUS_NOT_YET:
      if (yrs_date_is_set (result->from))
        {
          g_autofree char *date = yrs_date_format (result->from, lang);
          return g_strdup_printf (_("Not yet: from %s"), date);
        }
      return g_strdup (_("Not yet"));
    case YRS_STATUS_NEEDS_ANSWERS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "More answers needed: %u question",
                                           "More answers needed: %u questions",
                                           result->n_missing),
                              result->n_missing);
    default:
      g_return_val_if_reached (NULL);
    }
}
