/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-result-item"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-reason.h"
#include "yrs-result-item.h"

struct _YrsResultItem
{
  GObject        parent_instance;

  YrsEvaluation *evaluation;
  const YrsResult *result;   /* owned by the evaluation; NULL: the check-up */
  const YrsCheckup *checkup; /* owned by the evaluation's catalogue */
  YrsDate        checkup_from;
  YrsDate        checkup_until;
};

G_DEFINE_FINAL_TYPE (YrsResultItem, yrs_result_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRAMME_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_SECTION,
  PROP_STATUS_TEXT,
  PROP_FIGURE,
  PROP_REASONS,
  PROP_SOURCE,
  PROP_SAMPLE,
  PROP_ACTION_LABEL,
  PROP_ACTION_NAME,
  PROP_ACTION_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
yrs_result_kind_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { YRS_RESULT_KIND_ELIGIBLE, "YRS_RESULT_KIND_ELIGIBLE", "eligible" },
    { YRS_RESULT_KIND_NOT_ELIGIBLE, "YRS_RESULT_KIND_NOT_ELIGIBLE", "not-eligible" },
    { YRS_RESULT_KIND_NOT_YET, "YRS_RESULT_KIND_NOT_YET", "not-yet" },
    { YRS_RESULT_KIND_NEEDS_ANSWERS, "YRS_RESULT_KIND_NEEDS_ANSWERS", "needs-answers" },
    { YRS_RESULT_KIND_INFO, "YRS_RESULT_KIND_INFO", "info" },
    { YRS_RESULT_KIND_SUPPORT, "YRS_RESULT_KIND_SUPPORT", "support" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("YrsResultKind"), values));
  return type;
}

GType
yrs_result_section_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { YRS_RESULT_SECTION_SUPPORT, "YRS_RESULT_SECTION_SUPPORT", "support" },
    { YRS_RESULT_SECTION_MAIN, "YRS_RESULT_SECTION_MAIN", "main" },
    { YRS_RESULT_SECTION_INFO, "YRS_RESULT_SECTION_INFO", "info" },
    { YRS_RESULT_SECTION_CHECKUP, "YRS_RESULT_SECTION_CHECKUP", "checkup" },
    { YRS_RESULT_SECTION_COMING, "YRS_RESULT_SECTION_COMING", "coming" },
    { YRS_RESULT_SECTION_NOT_ELIGIBLE, "YRS_RESULT_SECTION_NOT_ELIGIBLE", "not-eligible" },
    { YRS_RESULT_SECTION_HIDDEN, "YRS_RESULT_SECTION_HIDDEN", "hidden" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("YrsResultSection"), values));
  return type;
}

static gboolean
has_reason (const YrsResult *result,
            const char      *code)
{
  for (guint i = 0; i < result->n_reasons; i++)
    if (g_strcmp0 (result->reasons[i].code, code) == 0)
      return TRUE;
  return FALSE;
}

/* Referral-only programmes decided from a doctor's report: the answers
 * say nothing about them, so they are never "eligible", and have no
 * window worth a date. */
static gboolean
is_as_assessed (const YrsResult *result)
{
  return result->status == YRS_STATUS_ELIGIBLE && has_reason (result, "as_assessed");
}

/* The card's figure ends with "Until <date>" (in large type). */
static gboolean
shows_until (const YrsResult *result)
{
  return yrs_date_is_set (result->until) && result->status == YRS_STATUS_ELIGIBLE &&
         !is_as_assessed (result);
}

/* The line of help that is always there (the SOS line): its summary
 * carries the number. */
static gboolean
is_always (const YrsResult *result)
{
  return g_strcmp0 (yrs_programme_get_rule (result->programme), "always") == 0;
}

/* Reasons that say which condition a person met: on a card that says
 * "not eligible" they would read as the reason she is not (「妊娠中の方が
 * 対象です」 to a pregnant woman), so such a card gives only what failed. */
static gboolean
is_met_condition (const char *code)
{
  static const char *const met[] = {
    "while_pregnant", "child_under_months", "child_under_age", "after_loss",
    "when_planning", "on_request", "multiple", "low_income", "need_declared",
    "sample_figure", "with_consultation", "interview_8_months",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (met); i++)
    if (g_strcmp0 (code, met[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
yrs_result_item_evaluation_after_loss (YrsEvaluation *evaluation)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (evaluation), FALSE);

  for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
    {
      const YrsResult *result = yrs_evaluation_get_result (evaluation, i);

      if (has_reason (result, "after_loss") || has_reason (result, "after_loss_other_support"))
        return TRUE;
    }
  return FALSE;
}

static char *
status_words (const YrsResult *result,
              YrsLang          lang)
{
  g_autofree char *from = NULL;

  if (result->status == YRS_STATUS_NOT_YET && yrs_date_is_set (result->from))
    {
      from = yrs_date_format (result->from, lang);
      /* Translators: a programme's status, e.g. “Not yet: from 1 April 2025” */
      return g_strdup_printf (_("Not yet: from %s"), from);
    }
  if (result->status == YRS_STATUS_NOT_YET)
    return g_strdup (_("Not yet: after the birth"));
  if (is_as_assessed (result))
    /* Translators: the status of a referral decided from a doctor's report, instead of “Eligible” */
    return g_strdup (_("Decided case by case"));
  return g_strdup (yrs_status_get_label (result->status));
}

static char *
figure_text (const YrsResult *result,
             YrsLang          lang)
{
  GString *text = g_string_new (NULL);

  if (result->amount_yen >= 0)
    {
      g_autofree char *money = yrs_money_format (result->amount_yen, lang);

      if (result->sample)
        /* Translators: a payment whose figure the city has not published: never a promise */
        g_string_append_printf (text, _("Amount: the ward will confirm it (sample figure: %s)"), money);
      else
        /* Translators: the amount of a payment */
        g_string_append_printf (text, _("Amount: %s"), money);
    }
  else if (result->fee_yen >= 0)
    {
      g_autofree char *fee = yrs_money_format (result->fee_yen, lang);

      if (result->sample)
        /* Translators: a fee worked out from a figure the city has not published: never a promise */
        g_string_append_printf (text, _("Your fee per use: the ward will confirm it (sample figure: %s)"), fee);
      else
        /* Translators: the fee a family pays for one use of a service */
        g_string_append_printf (text, _("Your fee per use: %s"), fee);
      /* A sample's arithmetic is not shown as a sum she will pay. */
      if (!result->sample && result->reduction_yen > 0 && result->gross_fee_yen >= 0)
        {
          g_autofree char *gross = yrs_money_format (result->gross_fee_yen, lang);
          g_autofree char *reduction = yrs_money_format (result->reduction_yen, lang);

          g_string_append (text, "\n");
          /* Translators: how a fee came about: the facility's fee minus the reduction */
          g_string_append_printf (text, _("(%s, less a reduction of %s)"), gross, reduction);
        }
    }

  if (result->visits_max > 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append_printf (text,
                              /* Translators: how many times a service can be used */
                              ngettext ("Up to %d use", "Up to %d uses", result->visits_max),
                              result->visits_max);
    }

  if (shows_until (result))
    {
      g_autofree char *until = yrs_date_format (result->until, lang);

      if (text->len > 0)
        g_string_append (text, "\n");
      /* Translators: the last day a service can be used */
      g_string_append_printf (text, _("Until %s"), until);
    }

  return g_string_free (text, FALSE);
}

/* A money figure is shown on the card (so a sample mark has something
 * to mark). */
static gboolean
has_money_figure (const YrsResult *result)
{
  return result->status == YRS_STATUS_ELIGIBLE &&
         (result->amount_yen >= 0 || result->fee_yen >= 0);
}

static char *
reason_text (const YrsResult *result,
             YrsCatalog      *catalog,
             YrsLang          lang)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < result->n_reasons; i++)
    {
      const char *code = result->reasons[i].code;
      g_autofree char *sentence = NULL;

      if (result->status == YRS_STATUS_NOT_ELIGIBLE && is_met_condition (code))
        continue;
      /* "For pregnant women." tells a pregnant woman nothing: an
       * information card says what the programme is instead (its
       * summary, below, when no other reason is left). */
      if (result->status != YRS_STATUS_NOT_ELIGIBLE && !result->prominent &&
          (g_strcmp0 (code, "while_pregnant") == 0 || g_strcmp0 (code, "when_planning") == 0))
        continue;
      if (g_strcmp0 (code, "sample_figure") == 0 && !has_money_figure (result))
        continue;
      /* "…: you pay ¥800" would make the sample a promise again. */
      if (g_strcmp0 (code, "fee_after_reduction") == 0 && result->sample)
        continue;
      /* The card says "Until <date>" in large type already (the figure):
       * "Available until <date>." under it only repeats it. */
      if (g_strcmp0 (code, "child_under_months") == 0 && shows_until (result))
        {
          const YrsValue *v = yrs_reason_get_param (&result->reasons[i], "until");

          if (v != NULL && v->type == YRS_VALUE_DATE && yrs_date_compare (v->date, result->until) == 0)
            continue;
        }
      /* Nor "Up to 20 visits in all." under the figure's "Up to 20 uses". */
      if (g_strcmp0 (code, "visits_max") == 0 && result->visits_max > 0)
        {
          const YrsValue *v = yrs_reason_get_param (&result->reasons[i], "visits");

          if (v != NULL && v->type == YRS_VALUE_INT && v->i == result->visits_max)
            continue;
        }
      /* The grief-care words belong to the grief-care card. */
      if (g_strcmp0 (code, "after_loss") == 0 && !result->prominent)
        {
          const char *summary = yrs_programme_get_summary (result->programme, lang);

          sentence = g_strdup_printf ("%s%s%s", summary != NULL ? summary : "",
                                      summary != NULL ? "\n" : "",
                                      _("When you feel ready, this is there for you too."));
        }
      else
        sentence = yrs_reason_to_text (&result->reasons[i], catalog, lang);

      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, sentence);
    }
  return g_string_free (text, FALSE);
}

static void
yrs_result_item_finalize (GObject *object)
{
  YrsResultItem *self = YRS_RESULT_ITEM (object);

  g_clear_object (&self->evaluation);

  G_OBJECT_CLASS (yrs_result_item_parent_class)->finalize (object);
}

static void
yrs_result_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsResultItem *self = YRS_RESULT_ITEM (object);

  switch (prop_id)
    {
    case PROP_PROGRAMME_ID:
      g_value_set_string (value, yrs_result_item_get_programme_id (self));
      break;

    case PROP_TITLE:
      g_value_take_string (value, yrs_result_item_dup_title (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, yrs_result_item_get_kind (self));
      break;

    case PROP_SECTION:
      g_value_set_enum (value, yrs_result_item_get_section (self));
      break;

    case PROP_STATUS_TEXT:
      g_value_take_string (value, yrs_result_item_dup_status_text (self));
      break;

    case PROP_FIGURE:
      g_value_take_string (value, yrs_result_item_dup_figure (self));
      break;

    case PROP_REASONS:
      g_value_take_string (value, yrs_result_item_dup_reasons (self));
      break;

    case PROP_SOURCE:
      g_value_take_string (value, yrs_result_item_dup_source (self));
      break;

    case PROP_SAMPLE:
      g_value_set_boolean (value, yrs_result_item_get_sample (self));
      break;

    case PROP_ACTION_LABEL:
      g_value_take_string (value, yrs_result_item_dup_action_label (self));
      break;

    case PROP_ACTION_NAME:
      g_value_set_string (value, yrs_result_item_get_action_name (self));
      break;

    case PROP_ACTION_TARGET:
      g_value_take_variant (value, yrs_result_item_dup_action_target (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_result_item_class_init (YrsResultItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yrs_result_item_finalize;
  object_class->get_property = yrs_result_item_get_property;

  properties[PROP_PROGRAMME_ID] = g_param_spec_string ("programme-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, YRS_TYPE_RESULT_KIND,
                                             YRS_RESULT_KIND_INFO, flags);
  properties[PROP_SECTION] = g_param_spec_enum ("section", NULL, NULL, YRS_TYPE_RESULT_SECTION,
                                                YRS_RESULT_SECTION_MAIN, flags);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  properties[PROP_FIGURE] = g_param_spec_string ("figure", NULL, NULL, NULL, flags);
  properties[PROP_REASONS] = g_param_spec_string ("reasons", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_SAMPLE] = g_param_spec_boolean ("sample", NULL, NULL, FALSE, flags);
  properties[PROP_ACTION_LABEL] = g_param_spec_string ("action-label", NULL, NULL, NULL, flags);
  properties[PROP_ACTION_NAME] = g_param_spec_string ("action-name", NULL, NULL, NULL, flags);
  properties[PROP_ACTION_TARGET] = g_param_spec_variant ("action-target", NULL, NULL,
                                                         G_VARIANT_TYPE_ANY, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_result_item_init (YrsResultItem *self)
{
  /* Its words are made when read: a language switch re-reads them. */
  yrs_i18n_follow (self, "title", "status-text", "figure", "reasons", "source",
                   "action-label", NULL);
}

YrsResultItem *
yrs_result_item_new_result (YrsEvaluation *evaluation,
                            guint          index)
{
  YrsResultItem *self;

  g_return_val_if_fail (YRS_IS_EVALUATION (evaluation), NULL);
  g_return_val_if_fail (index < yrs_evaluation_get_n_results (evaluation), NULL);

  self = g_object_new (YRS_TYPE_RESULT_ITEM, NULL);
  self->evaluation = g_object_ref (evaluation);
  self->result = yrs_evaluation_get_result (evaluation, index);
  return self;
}

YrsResultItem *
yrs_result_item_new_checkup (YrsEvaluation *evaluation)
{
  YrsResultItem *self;
  const YrsCheckup *checkup = NULL;
  YrsDate from, until;

  g_return_val_if_fail (YRS_IS_EVALUATION (evaluation), NULL);

  if (!yrs_evaluation_get_next_checkup (evaluation, &checkup, &from, &until))
    return NULL;

  self = g_object_new (YRS_TYPE_RESULT_ITEM, NULL);
  self->evaluation = g_object_ref (evaluation);
  self->checkup = checkup;
  self->checkup_from = from;
  self->checkup_until = until;
  return self;
}

const char *
yrs_result_item_get_programme_id (YrsResultItem *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  return self->result != NULL ? self->result->programme_id : NULL;
}

const YrsResult *
yrs_result_item_get_result (YrsResultItem *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  return self->result;
}

YrsResultKind
yrs_result_item_get_kind (YrsResultItem *self)
{
  YrsProgrammeKind kind;

  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), YRS_RESULT_KIND_INFO);

  if (self->result == NULL)
    return YRS_RESULT_KIND_INFO;
  if (self->result->prominent)
    return YRS_RESULT_KIND_SUPPORT;

  kind = yrs_programme_get_kind (self->result->programme);
  switch (self->result->status)
    {
    case YRS_STATUS_ELIGIBLE:
      return (kind == YRS_PROGRAMME_INFO || kind == YRS_PROGRAMME_REFERRAL)
             ? YRS_RESULT_KIND_INFO : YRS_RESULT_KIND_ELIGIBLE;
    case YRS_STATUS_NOT_ELIGIBLE:
      return YRS_RESULT_KIND_NOT_ELIGIBLE;
    case YRS_STATUS_NOT_YET:
      return YRS_RESULT_KIND_NOT_YET;
    case YRS_STATUS_NEEDS_ANSWERS:
    default:
      return YRS_RESULT_KIND_NEEDS_ANSWERS;
    }
}

YrsResultSection
yrs_result_item_get_section (YrsResultItem *self)
{
  YrsProgrammeKind kind;

  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), YRS_RESULT_SECTION_MAIN);

  if (self->result == NULL)
    return YRS_RESULT_SECTION_CHECKUP;
  if (self->result->prominent)
    return YRS_RESULT_SECTION_SUPPORT;
  kind = yrs_programme_get_kind (self->result->programme);
  if (self->result->status == YRS_STATUS_NOT_ELIGIBLE)
    {
      /* After a loss, services for a baby no longer apply to her: leave
       * them out rather than mark them red; a payment she cannot have
       * still says so (folded away). */
      if (kind != YRS_PROGRAMME_PAYMENT && yrs_result_item_evaluation_after_loss (self->evaluation))
        return YRS_RESULT_SECTION_HIDDEN;
      return YRS_RESULT_SECTION_NOT_ELIGIBLE;
    }
  if (self->result->status == YRS_STATUS_NOT_YET)
    return YRS_RESULT_SECTION_COMING;
  if (kind == YRS_PROGRAMME_PAYMENT || kind == YRS_PROGRAMME_SERVICE)
    return YRS_RESULT_SECTION_MAIN;
  return YRS_RESULT_SECTION_INFO;
}

gboolean
yrs_result_item_get_sample (YrsResultItem *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), FALSE);

  /* No sample mark without a figure it marks. */
  return self->result != NULL && self->result->sample && has_money_figure (self->result);
}

char *
yrs_result_item_dup_title (YrsResultItem *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result == NULL)
    return g_strdup (_("Your baby's next check-up"));
  return g_strdup (yrs_programme_get_title (self->result->programme, yrs_i18n_get_lang ()));
}

char *
yrs_result_item_dup_status_text (YrsResultItem *self)
{
  YrsLang lang = yrs_i18n_get_lang ();

  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result == NULL)
    return g_strdup (yrs_checkup_get_title (self->checkup, lang));
  /* Support comes with its own gentle words, not a status; the SOS
   * line with its number. */
  if (self->result->prominent || is_always (self->result))
    return g_strdup (yrs_programme_get_summary (self->result->programme, lang));
  return status_words (self->result, lang);
}

char *
yrs_result_item_dup_figure (YrsResultItem *self)
{
  YrsLang lang = yrs_i18n_get_lang ();

  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result == NULL)
    {
      g_autofree char *from = yrs_date_format (self->checkup_from, lang);
      g_autofree char *until = yrs_date_format (self->checkup_until, lang);

      /* Translators: an infant check-up's age window: “from 1 May 2025 to 31 May 2025” */
      return g_strdup_printf (_("Between %s and %s"), from, until);
    }
  return figure_text (self->result, lang);
}

char *
yrs_result_item_dup_reasons (YrsResultItem *self)
{
  YrsLang lang = yrs_i18n_get_lang ();
  g_autofree char *reasons = NULL;
  const char *summary;

  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result == NULL)
    {
      gint64 subsidy = yrs_checkup_get_subsidy_yen (self->checkup);
      g_autofree char *money = NULL;

      if (subsidy <= 0)
        return g_strdup ("");
      money = yrs_money_format (subsidy, lang);
      /* Translators: %s is the national subsidy unit (補助単価) per child that the state pays the
         city for this check-up; it is not an amount paid to or saved by the parent */
      return g_strdup_printf (_("The state funds the city %s per child for this check-up (national basis). The ward will tell you what, if anything, you pay."), money);
    }

  /* Support after a loss: what it is and how to reach it, in the
   * catalogue's own words (the ward's family support office puts her in
   * touch), rather than the condition she met. */
  if (self->result->prominent)
    {
      const char *description = yrs_programme_get_description (self->result->programme, lang);

      if (description != NULL)
        return g_strdup (description);
    }

  reasons = reason_text (self->result, yrs_evaluation_get_catalog (self->evaluation), lang);
  summary = yrs_programme_get_summary (self->result->programme, lang);
  /* Without a reason, the programme's summary says what it is. */
  if (!self->result->prominent && reasons[0] == '\0' && summary != NULL)
    return g_strdup (summary);
  return g_steal_pointer (&reasons);
}

char *
yrs_result_item_dup_source (YrsResultItem *self)
{
  const char *ref, *url;

  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result == NULL)
    return g_strdup ("");
  ref = yrs_programme_get_source_ref (self->result->programme);
  url = yrs_programme_get_source_url (self->result->programme);
  if (ref != NULL && url != NULL)
    return g_strdup_printf ("%s (%s)", ref, url);
  return g_strdup (ref != NULL ? ref : url != NULL ? url : "");
}

static gboolean
has_action (YrsResultItem *self)
{
  return self->result != NULL &&
         self->result->status == YRS_STATUS_ELIGIBLE &&
         yrs_programme_get_applyable (self->result->programme);
}

/* Postpartum care is booked after a registration, not applied for. */
static gboolean
is_booked (YrsResultItem *self)
{
  return g_str_equal (self->result->programme_id, "postpartum_care");
}

char *
yrs_result_item_dup_action_label (YrsResultItem *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result != NULL && self->result->prominent)
    /* Translators: the button on the grief-care card: opens the 24-hour line's page (phone, LINE) */
    return g_strdup (_("Talk to someone now (24 hours, free)"));
  if (!has_action (self))
    return NULL;
  if (is_booked (self))
    return g_strdup (_("Register and book"));
  return g_strdup (C_("action", "Apply"));
}

const char *
yrs_result_item_get_action_name (YrsResultItem *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result != NULL && self->result->prominent)
    return "shell.go";
  if (!has_action (self))
    return NULL;
  return is_booked (self) ? "results.reserve" : "results.apply";
}

GVariant *
yrs_result_item_dup_action_target (YrsResultItem *self)
{
  g_return_val_if_fail (YRS_IS_RESULT_ITEM (self), NULL);

  if (self->result != NULL && self->result->prominent)
    return g_variant_ref_sink (g_variant_new_string ("sos"));
  if (!has_action (self) || is_booked (self))
    return NULL;
  return g_variant_ref_sink (g_variant_new_string (self->result->programme_id));
}
