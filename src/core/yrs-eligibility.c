/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The eligibility formulas.
 *
 * Every programme names one formula ("rule") in the catalogue; the
 * formula reads answers and date-ranged parameters, never a figure or a
 * date of its own. Parameters are looked up as of:
 *   - the evaluation date (as_of) for whether a scheme or service is in
 *     force, age limits, visit limits, fees and reductions: what applies on
 *     the day of use;
 *   - the date of the event (birth, loss) for payments' coverage and
 *     amounts: the rule in force when the event happened (a stillbirth on
 *     2025-02-10 stays outside the loss rule that began on 2025-04-01).
 *
 * Missing answers: a result is needs_answers only when a missing answer
 * could change it; a result already decided by the answers given (a
 * non-resident, a child over the age limit) says so even when other
 * answers are missing. Besides the blocking answers, a formula notes the
 * "refining" ones (household tax status for a fee): they change a figure,
 * not the status, and the wizard asks them too. */

#define G_LOG_DOMAIN "yrs-eligibility"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-catalog-private.h"
#include "yrs-eligibility.h"
#include "yrs-reason.h"
#include "yrs-reason-private.h"

enum
{
  ST_UNKNOWN = -1,
  ST_PREGNANT,
  ST_BORN,
  ST_LOSS,
  ST_NONE,
};

#define MAX_REFINE 8

typedef struct
{
  YrsCatalog         *catalog;
  YrsAnswers         *answers;
  YrsDate             as_of;

  /* Answers, checked against their questions; unknown = -1 or unset. */
  int                 resident;
  int                 status;
  YrsDate             notified_on;
  gint64              fetuses;
  YrsDate             born_on;
  gint64              children;
  YrsDate             loss_on;
  gint64              loss_fetuses;
  int                 notified_before_loss;
  int                 need;
  int                 public_assistance;
  int                 tax_exempt;
  int                 infectious;
  int                 kind;
  const YrsFacility  *facility;

  /* Per programme. */
  const YrsProgramme *programme;
  YrsResult          *result;
  const char         *refine[MAX_REFINE];
  guint               n_refine;
} Ctx;

typedef struct
{
  YrsResult   result;
  guint       n_refine;
  const char *refine[MAX_REFINE];
} Entry;

struct _YrsEvaluation
{
  GObject     parent_instance;

  YrsCatalog *catalog;
  YrsDate     as_of;
  GArray     *entries;     /* Entry */
  gboolean    has_checkup;
  const YrsCheckup *checkup;
  YrsDate     checkup_from;
  YrsDate     checkup_until;
};

G_DEFINE_FINAL_TYPE (YrsEvaluation, yrs_evaluation, G_TYPE_OBJECT)

/* Interned names, set up once. */
static struct
{
  const char *q_resident, *q_status, *q_notified, *q_fetuses, *q_born,
             *q_children, *q_loss_on, *q_loss_fetuses, *q_notified_before_loss, *q_need, *q_pa,
             *q_exempt, *q_infectious, *q_kind, *q_facility;
  const char *rule_pregnancy_payment, *rule_birth_payment,
             *rule_postpartum_care, *rule_home_help, *rule_stage,
             *rule_infant_checkups, *rule_always;
  const char *p_scheme_open, *p_covers_events, *p_covers_loss, *p_amount,
             *p_interview, *p_amount_per_child, *p_kind[YRS_CARE_N_KINDS],
             *p_age_years, *p_choice_months, *p_red_all, *p_red_exempt,
             *p_red_pa, *p_visit_charge, *p_visit_charge_exempt,
             *p_visit_max, *p_visit_minutes, *p_reg_required, *p_reg_month,
             *p_max_visits, *p_extra_visits, *p_fee, *p_fee_exempt,
             *p_fee_pa, *p_while_pregnant, *p_after_birth_months,
             *p_after_loss, *p_when_planning, *p_on_request, *p_low_income,
             *p_multiple_only, *p_multiple_extra, *p_as_assessed;
} I;

static void
intern_names (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  I.q_resident = g_intern_static_string ("residence.in_city");
  I.q_status = g_intern_static_string ("pregnancy.status");
  I.q_notified = g_intern_static_string ("pregnancy.notified_on");
  I.q_fetuses = g_intern_static_string ("pregnancy.fetuses");
  I.q_born = g_intern_static_string ("birth.born_on");
  I.q_children = g_intern_static_string ("birth.children");
  I.q_loss_on = g_intern_static_string ("loss.on");
  I.q_loss_fetuses = g_intern_static_string ("loss.fetuses");
  I.q_notified_before_loss = g_intern_static_string ("loss.notified_before");
  I.q_need = g_intern_static_string ("need.declared");
  I.q_pa = g_intern_static_string ("household.public_assistance");
  I.q_exempt = g_intern_static_string ("household.tax_exempt");
  I.q_infectious = g_intern_static_string ("health.infectious_today");
  I.q_kind = g_intern_static_string ("care.kind");
  I.q_facility = g_intern_static_string ("care.facility");

  I.rule_pregnancy_payment = g_intern_static_string ("pregnancy_payment");
  I.rule_birth_payment = g_intern_static_string ("birth_payment");
  I.rule_postpartum_care = g_intern_static_string ("postpartum_care");
  I.rule_home_help = g_intern_static_string ("home_help");
  I.rule_stage = g_intern_static_string ("stage");
  I.rule_infant_checkups = g_intern_static_string ("infant_checkups");
  I.rule_always = g_intern_static_string ("always");

  I.p_scheme_open = g_intern_static_string ("scheme_open");
  I.p_covers_events = g_intern_static_string ("covers_events");
  I.p_covers_loss = g_intern_static_string ("covers_loss");
  I.p_amount = g_intern_static_string ("amount_yen");
  I.p_interview = g_intern_static_string ("interview_8_months");
  I.p_amount_per_child = g_intern_static_string ("amount_per_child_yen");
  I.p_kind[YRS_CARE_STAY] = g_intern_static_string ("kind_stay");
  I.p_kind[YRS_CARE_DAY] = g_intern_static_string ("kind_day");
  I.p_kind[YRS_CARE_VISIT] = g_intern_static_string ("kind_visit");
  I.p_age_years = g_intern_static_string ("child_age_limit_years");
  I.p_choice_months = g_intern_static_string ("facility_choice_after_months");
  I.p_red_all = g_intern_static_string ("reduction_all_yen");
  I.p_red_exempt = g_intern_static_string ("reduction_tax_exempt_yen");
  I.p_red_pa = g_intern_static_string ("reduction_public_assistance_yen");
  I.p_visit_charge = g_intern_static_string ("visit_charge_yen");
  I.p_visit_charge_exempt = g_intern_static_string ("visit_charge_exempt_yen");
  I.p_visit_max = g_intern_static_string ("visit_max_visits");
  I.p_visit_minutes = g_intern_static_string ("visit_max_minutes");
  I.p_reg_required = g_intern_static_string ("registration_required");
  I.p_reg_month = g_intern_static_string ("registration_from_pregnancy_month");
  I.p_max_visits = g_intern_static_string ("max_visits");
  I.p_extra_visits = g_intern_static_string ("multiple_birth_extra_visits");
  I.p_fee = g_intern_static_string ("fee_yen");
  I.p_fee_exempt = g_intern_static_string ("fee_tax_exempt_yen");
  I.p_fee_pa = g_intern_static_string ("fee_public_assistance_yen");
  I.p_while_pregnant = g_intern_static_string ("while_pregnant");
  I.p_after_birth_months = g_intern_static_string ("after_birth_months");
  I.p_after_loss = g_intern_static_string ("after_loss");
  I.p_when_planning = g_intern_static_string ("when_planning");
  I.p_on_request = g_intern_static_string ("on_request");
  I.p_low_income = g_intern_static_string ("low_income_only");
  I.p_multiple_only = g_intern_static_string ("multiple_only");
  I.p_multiple_extra = g_intern_static_string ("multiple_extra");
  I.p_as_assessed = g_intern_static_string ("as_assessed");

  g_once_init_leave (&done, 1);
}

/* ------------------------------------------------------------------ */
/* Small helpers for building results. */

static YrsReason *
add_reason (Ctx        *ctx,
            const char *code)
{
  YrsResult *r = ctx->result;
  YrsReason *reason;

  if (r->n_reasons >= YRS_RESULT_MAX_REASONS)
    return NULL;
  reason = &r->reasons[r->n_reasons++];
  memset (reason, 0, sizeof *reason);
  reason->code = g_intern_static_string (code);
  return reason;
}

/* The next parameter of `reason`, named `name`; NULL when there is no
 * reason or no room left. */
static YrsReasonParam *
add_param (YrsReason  *reason,
           const char *name)
{
  YrsReasonParam *p;

  if (reason == NULL || reason->n_params >= YRS_REASON_MAX_PARAMS)
    return NULL;
  p = &reason->params[reason->n_params++];
  p->name = g_intern_static_string (name);
  return p;
}

static void
param_int (YrsReason  *reason,
           const char *name,
           gint64      value)
{
  YrsReasonParam *p = add_param (reason, name);

  if (p == NULL)
    return;
  p->value.type = YRS_VALUE_INT;
  p->value.i = value;
}

/* Nothing when the date is not set. */
static void
param_date (YrsReason  *reason,
            const char *name,
            YrsDate     value)
{
  YrsReasonParam *p = yrs_date_is_set (value) ? add_param (reason, name) : NULL;

  if (p == NULL)
    return;
  p->value.type = YRS_VALUE_DATE;
  p->value.date = value;
}

/* Nothing when the string is NULL. */
static void
param_string (YrsReason  *reason,
              const char *name,
              const char *value)
{
  YrsReasonParam *p = value != NULL ? add_param (reason, name) : NULL;

  if (p == NULL)
    return;
  p->value.type = YRS_VALUE_STRING;
  p->value.s = g_intern_string (value);
}

static void
need (Ctx        *ctx,
      const char *question)
{
  YrsResult *r = ctx->result;

  for (guint i = 0; i < r->n_missing; i++)
    if (r->missing[i] == question)
      return;
  if (r->n_missing < YRS_RESULT_MAX_MISSING)
    r->missing[r->n_missing++] = question;
}

static void
refine (Ctx        *ctx,
        const char *question)
{
  for (guint i = 0; i < ctx->n_refine; i++)
    if (ctx->refine[i] == question)
      return;
  if (ctx->n_refine < MAX_REFINE)
    ctx->refine[ctx->n_refine++] = question;
}

static void
set_status (Ctx      *ctx,
            YrsStatus status)
{
  ctx->result->status = status;
}

/* Decides the result: not eligible, whatever else is missing. */
static void
not_eligible (Ctx *ctx)
{
  ctx->result->status = YRS_STATUS_NOT_ELIGIBLE;
  ctx->result->n_missing = 0;
  ctx->n_refine = 0;
}

static const YrsStep *
step (Ctx        *ctx,
      const char *name,
      YrsDate     on)
{
  const YrsParam *param = _yrs_programme_param (ctx->programme, name);
  const YrsStep *s;

  if (param == NULL)
    return NULL;
  s = _yrs_param_step (param, on);
  if (s != NULL && s->sample)
    ctx->result->sample = TRUE;
  /* No value yet because the parameter starts on a sample date: what the
   * result says (not in force, not for your situation) rests on that
   * date, so it is a sample too. */
  else if (s == NULL && param->n_steps > 0 && param->steps[0].sample &&
           yrs_date_compare (on, param->steps[0].from) < 0)
    ctx->result->sample = TRUE;
  return s;
}

static gboolean
get_int (Ctx        *ctx,
         const char *name,
         YrsDate     on,
         gint64     *value)
{
  const YrsStep *s = step (ctx, name, on);

  if (s == NULL || s->value.type != YRS_VALUE_INT)
    return FALSE;
  *value = s->value.i;
  return TRUE;
}

static gboolean
get_bool (Ctx        *ctx,
          const char *name,
          YrsDate     on)
{
  const YrsStep *s = step (ctx, name, on);

  return s != NULL && s->value.type == YRS_VALUE_BOOL && s->value.b;
}

/* The first day after `after` on which the bool parameter is true. */
static YrsDate
next_true (Ctx        *ctx,
           const char *name,
           YrsDate     after)
{
  const YrsParam *param = _yrs_programme_param (ctx->programme, name);

  if (param == NULL)
    return YRS_DATE_NONE;
  for (guint i = 0; i < param->n_steps; i++)
    if (yrs_date_compare (param->steps[i].from, after) > 0 &&
        param->steps[i].value.type == YRS_VALUE_BOOL && param->steps[i].value.b)
      return param->steps[i].from;
  return YRS_DATE_NONE;
}

/* The first day after `after` on which the parameter has any value. */
static YrsDate
next_value (Ctx        *ctx,
            const char *name,
            YrsDate     after)
{
  const YrsParam *param = _yrs_programme_param (ctx->programme, name);

  if (param == NULL)
    return YRS_DATE_NONE;
  for (guint i = 0; i < param->n_steps; i++)
    if (yrs_date_compare (param->steps[i].from, after) > 0 &&
        param->steps[i].value.type != YRS_VALUE_NONE)
      return param->steps[i].from;
  return YRS_DATE_NONE;
}

static gboolean
after_as_of (Ctx    *ctx,
             YrsDate date)
{
  return yrs_date_compare (date, ctx->as_of) > 0;
}

/* A required parameter with no value on as_of: the programme is not in
 * force (yet, or any more). */
static void
not_in_force (Ctx        *ctx,
              const char *name)
{
  YrsDate from = next_value (ctx, name, ctx->as_of);
  YrsReason *reason = add_reason (ctx, "not_in_force");

  param_date (reason, "from", from);
  if (yrs_date_is_set (from))
    {
      set_status (ctx, YRS_STATUS_NOT_YET);
      ctx->result->from = from;
    }
  else
    not_eligible (ctx);
}

/* Fills ctx->status etc.: the pregnancy or child the programme is about. */
static gboolean
need_status (Ctx *ctx)
{
  if (ctx->status == ST_UNKNOWN)
    {
      need (ctx, I.q_status);
      set_status (ctx, YRS_STATUS_NEEDS_ANSWERS);
      return FALSE;
    }
  return TRUE;
}

/* TRUE when the date of the event asked by `question` is known and not in
 * the future; otherwise sets the result. */
static gboolean
need_past_event (Ctx        *ctx,
                 YrsDate     date,
                 const char *question)
{
  if (!yrs_date_is_set (date))
    {
      need (ctx, question);
      set_status (ctx, YRS_STATUS_NEEDS_ANSWERS);
      return FALSE;
    }
  if (after_as_of (ctx, date))
    {
      set_status (ctx, YRS_STATUS_NOT_YET);
      ctx->result->from = date;
      param_date (add_reason (ctx, "event_in_future"), "date", date);
      return FALSE;
    }
  return TRUE;
}

/* For after-birth rules. */
static gboolean
need_born_on (Ctx *ctx)
{
  return need_past_event (ctx, ctx->born_on, I.q_born);
}

/* For the loss of a pregnancy.  (The number of fetuses matters only once
 * the date is known to be covered.) */
static gboolean
need_loss_on (Ctx *ctx)
{
  return need_past_event (ctx, ctx->loss_on, I.q_loss_on);
}

static void
after_birth (Ctx *ctx)
{
  set_status (ctx, YRS_STATUS_NOT_YET);
  add_reason (ctx, "after_birth");
}

/* For rules about a born child: TRUE when there is one, born on a known
 * day not after as_of; otherwise sets the result. */
static gboolean
need_child (Ctx *ctx)
{
  if (!need_status (ctx))
    return FALSE;

  switch (ctx->status)
    {
    case ST_NONE:
    case ST_LOSS:
      not_eligible (ctx);
      add_reason (ctx, "no_birth");
      return FALSE;
    case ST_PREGNANT:
      after_birth (ctx);
      return FALSE;
    default:
      return need_born_on (ctx);
    }
}

/* Sets r->until to the last day the child is under `years`; TRUE when
 * as_of is not after it, else not eligible. */
static gboolean
child_under_age (Ctx    *ctx,
                 gint64  years)
{
  YrsResult *r = ctx->result;
  YrsReason *reason;

  r->until = yrs_date_last_day_under_age (ctx->born_on, (int) years);
  if (yrs_date_compare (ctx->as_of, r->until) <= 0)
    return TRUE;
  not_eligible (ctx);
  reason = add_reason (ctx, "child_over_age");
  param_int (reason, "years", years);
  param_date (reason, "until", r->until);
  return FALSE;
}

/* When all else allows the help: eligible once the need is declared,
 * else ask for it; either way the age limit is said. */
static void
eligible_on_need (Ctx    *ctx,
                  gint64  years)
{
  YrsReason *reason;

  if (ctx->need == ST_UNKNOWN)
    {
      need (ctx, I.q_need);
      set_status (ctx, YRS_STATUS_NEEDS_ANSWERS);
    }
  else
    {
      set_status (ctx, YRS_STATUS_ELIGIBLE);
      add_reason (ctx, "need_declared");
    }

  reason = add_reason (ctx, "child_under_age");
  param_int (reason, "years", years);
  param_date (reason, "until", ctx->result->until);
}

/* TRUE when the scheme covers the event (a birth, or a loss when @loss) and
 * is open on as_of; otherwise sets the result. */
static gboolean
event_covered (Ctx     *ctx,
               YrsDate  event,
               gboolean loss)
{
  if (!get_bool (ctx, I.p_covers_events, event))
    {
      not_eligible (ctx);
      param_date (add_reason (ctx, "event_before_scheme"), "from",
                  next_true (ctx, I.p_covers_events, event));
      return FALSE;
    }
  if (loss && !get_bool (ctx, I.p_covers_loss, event))
    {
      not_eligible (ctx);
      param_date (add_reason (ctx, "loss_not_covered"), "from",
                  next_true (ctx, I.p_covers_loss, event));
      return FALSE;
    }
  if (!get_bool (ctx, I.p_scheme_open, ctx->as_of))
    {
      YrsDate from = next_true (ctx, I.p_scheme_open, ctx->as_of);

      if (!yrs_date_is_set (from))
        {
          not_eligible (ctx);
          add_reason (ctx, "scheme_closed");
          return FALSE;
        }
      set_status (ctx, YRS_STATUS_NOT_YET);
      ctx->result->from = from;
      param_date (add_reason (ctx, "scheme_opens"), "from", from);
      return FALSE;
    }
  return TRUE;
}

/* The household's reduction class: 2 public assistance, 1 tax-exempt,
 * 0 neither, -1 unknown (and notes what to ask). */
static int
household_class (Ctx *ctx)
{
  /* Public assistance first: when it applies, the tax status does not
   * matter, and until it is known the tax status alone decides nothing. */
  if (ctx->public_assistance == TRUE)
    return 2;
  if (ctx->public_assistance == ST_UNKNOWN)
    {
      refine (ctx, I.q_pa);
      return -1;
    }
  if (ctx->tax_exempt == ST_UNKNOWN)
    {
      refine (ctx, I.q_exempt);
      return -1;
    }
  return ctx->tax_exempt == TRUE ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* The formulas. */

static void
rule_pregnancy_payment (Ctx *ctx)
{
  YrsResult *r = ctx->result;
  YrsDate event, amount_on;
  gboolean loss = FALSE, notified_before_loss = FALSE;
  gint64 amount = 0;

  if (!need_status (ctx))
    return;

  switch (ctx->status)
    {
    case ST_NONE:
      not_eligible (ctx);
      add_reason (ctx, "no_pregnancy");
      return;

    case ST_PREGNANT:
      if (!yrs_date_is_set (ctx->notified_on))
        add_reason (ctx, "notify_pregnancy");
      if (!need_past_event (ctx, ctx->notified_on, I.q_notified))
        return;
      /* Pregnant on as_of: that is the pregnancy the scheme covers. */
      event = ctx->as_of;
      amount_on = ctx->notified_on;
      break;

    case ST_BORN:
      if (!need_born_on (ctx))
        return;
      event = amount_on = ctx->born_on;
      break;

    case ST_LOSS:
    default:
      if (!need_loss_on (ctx))
        return;
      event = amount_on = ctx->loss_on;
      loss = TRUE;
      /* The first payment is paid at notification (妊娠届出時に5万円):
       * a pregnancy notified before a loss that the loss rule does not
       * cover was hers then, and the loss does not take it back. So
       * the loss rule decides only when she had not notified. */
      if (get_bool (ctx, I.p_covers_events, ctx->loss_on) &&
          !get_bool (ctx, I.p_covers_loss, ctx->loss_on))
        {
          if (ctx->notified_before_loss == ST_UNKNOWN)
            {
              need (ctx, I.q_notified_before_loss);
              set_status (ctx, YRS_STATUS_NEEDS_ANSWERS);
              return;
            }
          if (ctx->notified_before_loss == TRUE)
            {
              loss = FALSE;
              notified_before_loss = TRUE;
            }
        }
      break;
    }

  if (!event_covered (ctx, event, loss))
    return;
  if (!get_int (ctx, I.p_amount, amount_on, &amount) &&
      !get_int (ctx, I.p_amount, event, &amount))
    {
      not_in_force (ctx, I.p_amount);
      return;
    }

  set_status (ctx, YRS_STATUS_ELIGIBLE);
  r->amount_yen = amount;
  param_int (add_reason (ctx, "payment_amount"), "amount", amount);
  if (loss)
    param_date (add_reason (ctx, "loss_covered"), "date", ctx->loss_on);
  else if (notified_before_loss)
    add_reason (ctx, "paid_at_notification");
  else
    add_reason (ctx, "with_consultation");
  if (ctx->status == ST_PREGNANT && get_bool (ctx, I.p_interview, ctx->as_of))
    add_reason (ctx, "interview_8_months");
}

static void
rule_birth_payment (Ctx *ctx)
{
  YrsResult *r = ctx->result;
  YrsDate event;
  gint64 per_child = 0, count;
  gboolean loss;
  YrsReason *reason;

  if (!need_status (ctx))
    return;

  switch (ctx->status)
    {
    case ST_NONE:
      not_eligible (ctx);
      add_reason (ctx, "no_birth");
      return;
    case ST_PREGNANT:
      after_birth (ctx);
      return;
    case ST_BORN:
      if (!need_born_on (ctx))
        return;
      event = ctx->born_on;
      count = ctx->children;
      loss = FALSE;
      break;
    case ST_LOSS:
    default:
      if (!need_loss_on (ctx))
        return;
      event = ctx->loss_on;
      count = ctx->loss_fetuses;
      loss = TRUE;
      break;
    }

  if (!event_covered (ctx, event, loss))
    return;
  if (count < 0)
    {
      need (ctx, loss ? I.q_loss_fetuses : I.q_children);
      set_status (ctx, YRS_STATUS_NEEDS_ANSWERS);
      return;
    }
  if (!get_int (ctx, I.p_amount_per_child, event, &per_child))
    {
      not_in_force (ctx, I.p_amount_per_child);
      return;
    }

  set_status (ctx, YRS_STATUS_ELIGIBLE);
  r->amount_yen = per_child * count;
  reason = add_reason (ctx, loss ? "amount_per_fetus" : "amount_per_child");
  param_int (reason, "per_child", per_child);
  param_int (reason, "count", count);
  param_int (reason, "amount", r->amount_yen);
  if (loss)
    param_date (add_reason (ctx, "loss_covered"), "date", ctx->loss_on);
  else
    add_reason (ctx, "with_consultation");
}

/* The postpartum care reductions are the national subsidy bases
 * (利用料減免加算の基準額), what the state funds per use: the reason says
 * so, with the two parts, until the catalogue carries Kobe's own. */
static void
national_basis (Ctx   *ctx,
                gint64 all,
                gint64 extra)
{
  YrsReason *reason;

  if (all <= 0 && extra <= 0)
    return;
  reason = add_reason (ctx, "national_reduction_basis");
  param_int (reason, "all", all);
  param_int (reason, "extra", extra);
}

static void
rule_postpartum_care (Ctx *ctx)
{
  YrsResult *r = ctx->result;
  gint64 years = 0, choice_months = 0, red_all = 0, extra = 0, charge = 0;
  gint64 visit_max = -1, visit_minutes = -1, month = 0;
  gboolean any_kind = FALSE;
  int klass, months;
  YrsReason *reason;

  if (!need_status (ctx))
    return;

  switch (ctx->status)
    {
    case ST_NONE:
      not_eligible (ctx);
      add_reason (ctx, "no_birth");
      return;
    case ST_LOSS:
      not_eligible (ctx);
      add_reason (ctx, "after_loss_other_support");
      return;
    case ST_PREGNANT:
      after_birth (ctx);
      if (get_bool (ctx, I.p_reg_required, ctx->as_of) &&
          get_int (ctx, I.p_reg_month, ctx->as_of, &month))
        param_int (add_reason (ctx, "registration_from_month"), "month", month);
      return;
    default:
      break;
    }

  if (!need_born_on (ctx))
    return;

  for (guint k = 0; k < YRS_CARE_N_KINDS; k++)
    any_kind |= get_bool (ctx, I.p_kind[k], ctx->as_of);
  if (!any_kind || !get_int (ctx, I.p_age_years, ctx->as_of, &years))
    {
      not_in_force (ctx, I.p_age_years);
      return;
    }

  if (!child_under_age (ctx, years))
    return;

  if (ctx->kind >= 0 && !get_bool (ctx, I.p_kind[ctx->kind], ctx->as_of))
    {
      YrsDate from = next_true (ctx, I.p_kind[ctx->kind], ctx->as_of);

      reason = add_reason (ctx, "kind_not_offered");
      param_string (reason, "kind", yrs_care_kind_to_string (ctx->kind));
      param_date (reason, "from", from);
      if (yrs_date_is_set (from) && yrs_date_compare (from, r->until) <= 0)
        {
          set_status (ctx, YRS_STATUS_NOT_YET);
          r->from = from;
        }
      else
        not_eligible (ctx);
      return;
    }

  if (ctx->need == FALSE)
    {
      not_eligible (ctx);
      add_reason (ctx, "need_not_declared");
      return;
    }
  if (ctx->infectious == TRUE)
    {
      not_eligible (ctx);
      add_reason (ctx, "infectious_today");
      return;
    }

  months = yrs_date_age_in_months (ctx->born_on, ctx->as_of);
  if (get_int (ctx, I.p_choice_months, ctx->as_of, &choice_months) && months >= choice_months)
    {
      if (ctx->facility != NULL && !yrs_facility_get_accepts_over_4_months (ctx->facility))
        {
          not_eligible (ctx);
          reason = add_reason (ctx, "facility_not_over_months");
          param_string (reason, "facility", yrs_facility_get_id (ctx->facility));
          param_int (reason, "months", choice_months);
          return;
        }
      param_int (add_reason (ctx, ctx->facility != NULL ? "facility_accepts_over_months"
                                                        : "over_months_facility_decides"),
                 "months", choice_months);
    }
  if (ctx->facility != NULL && ctx->kind >= 0 &&
      !yrs_facility_offers (ctx->facility, ctx->kind, NULL))
    {
      not_eligible (ctx);
      reason = add_reason (ctx, "facility_kind_not_offered");
      param_string (reason, "facility", yrs_facility_get_id (ctx->facility));
      param_string (reason, "kind", yrs_care_kind_to_string (ctx->kind));
      return;
    }

  eligible_on_need (ctx, years);

  /* Reductions per use, as of the day of use. */
  if (!get_int (ctx, I.p_red_all, ctx->as_of, &red_all))
    red_all = 0;
  klass = household_class (ctx);
  if (klass == 2 && !get_int (ctx, I.p_red_pa, ctx->as_of, &extra))
    extra = 0;
  else if (klass == 1 && !get_int (ctx, I.p_red_exempt, ctx->as_of, &extra))
    extra = 0;
  r->reduction_yen = red_all + (klass > 0 ? extra : 0);

  if (ctx->kind == YRS_CARE_VISIT)
    {
      if (get_int (ctx, I.p_visit_max, ctx->as_of, &visit_max))
        r->visits_max = (int) visit_max;
      if (!get_int (ctx, I.p_visit_minutes, ctx->as_of, &visit_minutes))
        visit_minutes = -1;
    }

  if (ctx->facility != NULL && ctx->kind >= 0)
    {
      gint64 gross = 0;

      yrs_facility_offers (ctx->facility, ctx->kind, &gross);
      if (yrs_facility_get_sample (ctx->facility))
        r->sample = TRUE;
      r->gross_fee_yen = gross;

      if (ctx->kind == YRS_CARE_VISIT && klass >= 0 &&
          get_int (ctx, klass > 0 ? I.p_visit_charge_exempt : I.p_visit_charge, ctx->as_of, &charge))
        {
          /* The city's own charge for a home visit. */
          r->fee_yen = MIN (gross, charge);
          r->reduction_yen = gross - r->fee_yen;
          reason = add_reason (ctx, "visit_terms");
          param_int (reason, "visits", r->visits_max);
          param_int (reason, "minutes", visit_minutes);
          param_int (reason, "charge", r->fee_yen);
        }
      else if (klass >= 0)
        {
          r->fee_yen = MAX (0, gross - r->reduction_yen);
          r->reduction_yen = gross - r->fee_yen;
          reason = add_reason (ctx, "fee_after_reduction");
          param_int (reason, "gross", gross);
          param_int (reason, "reduction", r->reduction_yen);
          param_int (reason, "fee", r->fee_yen);
          national_basis (ctx, red_all, klass > 0 ? extra : 0);
        }
      else
        r->reduction_yen = -1;
    }
  else if (klass < 0)
    r->reduction_yen = -1;
  else
    {
      param_int (add_reason (ctx, "reduction_per_use"), "reduction", r->reduction_yen);
      national_basis (ctx, red_all, klass > 0 ? extra : 0);
    }

  if (get_bool (ctx, I.p_reg_required, ctx->as_of))
    add_reason (ctx, "registration_required");
}

static void
rule_home_help (Ctx *ctx)
{
  YrsResult *r = ctx->result;
  gint64 years = 0, visits = 0, extra = 0, fee = 0, reduced = 0;
  int klass;
  YrsReason *reason;

  if (!need_child (ctx))
    return;
  if (!get_int (ctx, I.p_age_years, ctx->as_of, &years))
    {
      not_in_force (ctx, I.p_age_years);
      return;
    }

  if (!child_under_age (ctx, years))
    return;
  if (ctx->need == FALSE)
    {
      not_eligible (ctx);
      add_reason (ctx, "need_not_declared");
      return;
    }
  eligible_on_need (ctx, years);

  if (get_int (ctx, I.p_max_visits, ctx->as_of, &visits))
    {
      r->visits_max = (int) visits;
      if (ctx->children < 0)
        refine (ctx, I.q_children);
      else if (ctx->children >= 2 && get_int (ctx, I.p_extra_visits, ctx->as_of, &extra))
        {
          r->visits_max += (int) extra;
          param_int (add_reason (ctx, "multiple_birth_extra"), "visits", extra);
        }
      param_int (add_reason (ctx, "visits_max"), "visits", r->visits_max);
    }

  if (get_int (ctx, I.p_fee, ctx->as_of, &fee))
    {
      klass = household_class (ctx);
      r->gross_fee_yen = fee;
      if (klass < 0)
        return;
      reduced = fee;
      if (klass == 2 && !get_int (ctx, I.p_fee_pa, ctx->as_of, &reduced))
        reduced = fee;
      else if (klass == 1 && !get_int (ctx, I.p_fee_exempt, ctx->as_of, &reduced))
        reduced = fee;
      r->fee_yen = CLAMP (reduced, 0, fee);
      r->reduction_yen = fee - r->fee_yen;
      reason = add_reason (ctx, "fee_after_reduction");
      param_int (reason, "gross", fee);
      param_int (reason, "reduction", r->reduction_yen);
      param_int (reason, "fee", r->fee_yen);
    }
}

static void
rule_stage (Ctx *ctx)
{
  YrsResult *r = ctx->result;
  gboolean matched = FALSE, on_request = get_bool (ctx, I.p_on_request, ctx->as_of);
  gint64 months = 0, count = -1;
  YrsReason *reason;

  if (ctx->status == ST_UNKNOWN)
    {
      if (on_request)
        {
          set_status (ctx, YRS_STATUS_ELIGIBLE);
          add_reason (ctx, "on_request");
          return;
        }
      need_status (ctx);
      return;
    }

  switch (ctx->status)
    {
    case ST_PREGNANT:
      if (get_bool (ctx, I.p_while_pregnant, ctx->as_of))
        {
          matched = TRUE;
          add_reason (ctx, "while_pregnant");
          count = ctx->fetuses;
        }
      break;
    case ST_BORN:
      if (get_int (ctx, I.p_after_birth_months, ctx->as_of, &months))
        {
          if (!need_born_on (ctx))
            return;
          r->until = yrs_date_period_end (ctx->born_on, (int) months);
          if (yrs_date_compare (ctx->as_of, r->until) <= 0)
            {
              matched = TRUE;
              reason = add_reason (ctx, "child_under_months");
              param_int (reason, "months", months);
              param_date (reason, "until", r->until);
              count = ctx->children;
            }
          else
            {
              reason = add_reason (ctx, "child_over_months");
              param_int (reason, "months", months);
              param_date (reason, "until", r->until);
              r->until = YRS_DATE_NONE;
            }
        }
      break;
    case ST_LOSS:
      if (get_bool (ctx, I.p_after_loss, ctx->as_of))
        {
          matched = TRUE;
          add_reason (ctx, "after_loss");
          if (ctx->programme->show_first_after_loss)
            r->prominent = TRUE;
        }
      break;
    case ST_NONE:
    default:
      if (get_bool (ctx, I.p_when_planning, ctx->as_of))
        {
          matched = TRUE;
          add_reason (ctx, "when_planning");
        }
      break;
    }

  if (!matched)
    {
      if (on_request)
        {
          set_status (ctx, YRS_STATUS_ELIGIBLE);
          r->n_reasons = 0;
          add_reason (ctx, "on_request");
          return;
        }
      not_eligible (ctx);
      if (r->n_reasons == 0)
        param_string (add_reason (ctx, "not_for_situation"), "status",
                      yrs_answers_get_string (ctx->answers, I.q_status));
      return;
    }

  set_status (ctx, YRS_STATUS_ELIGIBLE);

  if (get_bool (ctx, I.p_multiple_only, ctx->as_of))
    {
      if (ctx->status != ST_PREGNANT && ctx->status != ST_BORN)
        {
          not_eligible (ctx);
          add_reason (ctx, "multiple_only");
          return;
        }
      if (count < 0)
        {
          need (ctx, ctx->status == ST_PREGNANT ? I.q_fetuses : I.q_children);
          set_status (ctx, YRS_STATUS_NEEDS_ANSWERS);
        }
      else if (count < 2)
        {
          not_eligible (ctx);
          add_reason (ctx, "multiple_only");
          return;
        }
      else
        param_int (add_reason (ctx, "multiple"), "count", count);
    }

  if (get_bool (ctx, I.p_low_income, ctx->as_of))
    {
      if (ctx->public_assistance == TRUE || ctx->tax_exempt == TRUE)
        add_reason (ctx, "low_income");
      else if (ctx->public_assistance == FALSE && ctx->tax_exempt == FALSE)
        {
          not_eligible (ctx);
          add_reason (ctx, "low_income_only");
          return;
        }
      else
        {
          if (ctx->public_assistance == ST_UNKNOWN)
            need (ctx, I.q_pa);
          if (ctx->tax_exempt == ST_UNKNOWN)
            need (ctx, I.q_exempt);
          set_status (ctx, YRS_STATUS_NEEDS_ANSWERS);
        }
    }

  if (ctx->status == ST_PREGNANT && get_bool (ctx, I.p_multiple_extra, ctx->as_of))
    {
      if (ctx->fetuses < 0)
        refine (ctx, I.q_fetuses);
      else if (ctx->fetuses >= 2)
        param_int (add_reason (ctx, "multiple_extra"), "count", ctx->fetuses);
    }

  if (get_bool (ctx, I.p_as_assessed, ctx->as_of))
    add_reason (ctx, "as_assessed");
}

/* The first offered check-up whose window has not ended on as_of. */
static gboolean
find_checkup (const YrsProgramme *programme,
              YrsDate             born_on,
              YrsDate             as_of,
              const YrsCheckup  **out,
              YrsDate            *from,
              YrsDate            *until)
{
  for (guint i = 0; i < programme->n_checkups; i++)
    {
      const YrsCheckup *c = &programme->checkups[i];
      YrsDate f, u;

      yrs_checkup_get_window (c, born_on, &f, &u);
      if (yrs_date_compare (u, as_of) < 0)
        continue;
      if (!yrs_checkup_is_offered (c, yrs_date_compare (f, as_of) > 0 ? f : as_of) &&
          !yrs_checkup_is_offered (c, u))
        continue;
      *out = c;
      *from = f;
      *until = u;
      return TRUE;
    }
  return FALSE;
}

static void
rule_infant_checkups (Ctx *ctx)
{
  YrsResult *r = ctx->result;
  const YrsCheckup *checkup;
  YrsDate from, until;
  YrsReason *reason;

  if (!need_child (ctx))
    return;

  if (!find_checkup (ctx->programme, ctx->born_on, ctx->as_of, &checkup, &from, &until))
    {
      not_eligible (ctx);
      add_reason (ctx, "checkups_done");
      return;
    }

  set_status (ctx, YRS_STATUS_ELIGIBLE);
  r->until = until;
  reason = add_reason (ctx, "checkup_due");
  param_string (reason, "checkup", checkup->id);
  param_date (reason, "from", from);
  param_date (reason, "until", until);
  if (checkup->statutory)
    param_string (add_reason (ctx, "checkup_statutory"), "checkup", checkup->id);
  if (checkup->subsidy_yen >= 0)
    {
      reason = add_reason (ctx, "checkup_subsidy");
      param_string (reason, "checkup", checkup->id);
      param_int (reason, "yen", checkup->subsidy_yen);
    }
  if (checkup->subsidy_sample)
    r->sample = TRUE;
}

static void
rule_always (Ctx *ctx)
{
  set_status (ctx, YRS_STATUS_ELIGIBLE);
  add_reason (ctx, "always_available");
}

/* ------------------------------------------------------------------ */

static int
answer_bool (Ctx        *ctx,
             const char *id)
{
  const YrsQuestion *q = yrs_catalog_lookup_question (ctx->catalog, id);
  gboolean value;

  if (q == NULL || !yrs_answers_is_valid_for (ctx->answers, q))
    return ST_UNKNOWN;
  yrs_answers_get_bool (ctx->answers, id, &value);
  return value ? TRUE : FALSE;
}

static YrsDate
answer_date (Ctx        *ctx,
             const char *id)
{
  const YrsQuestion *q = yrs_catalog_lookup_question (ctx->catalog, id);
  YrsDate value = YRS_DATE_NONE;

  if (q == NULL || !yrs_answers_is_valid_for (ctx->answers, q))
    return YRS_DATE_NONE;
  yrs_answers_get_date (ctx->answers, id, &value);
  return value;
}

static gint64
answer_int (Ctx        *ctx,
            const char *id)
{
  const YrsQuestion *q = yrs_catalog_lookup_question (ctx->catalog, id);
  gint64 value = -1;

  if (q == NULL || !yrs_answers_is_valid_for (ctx->answers, q))
    return -1;
  yrs_answers_get_int (ctx->answers, id, &value);
  return value;
}

static const char *
answer_enum (Ctx        *ctx,
             const char *id)
{
  const YrsQuestion *q = yrs_catalog_lookup_question (ctx->catalog, id);

  if (q == NULL || !yrs_answers_is_valid_for (ctx->answers, q))
    return NULL;
  return yrs_answers_get_string (ctx->answers, id);
}

static void
read_answers (Ctx *ctx)
{
  const char *status = answer_enum (ctx, I.q_status);
  const char *kind = answer_enum (ctx, I.q_kind);
  YrsCareKind care_kind;

  ctx->resident = answer_bool (ctx, I.q_resident);
  ctx->status = ST_UNKNOWN;
  if (g_strcmp0 (status, "pregnant") == 0)
    ctx->status = ST_PREGNANT;
  else if (g_strcmp0 (status, "born") == 0)
    ctx->status = ST_BORN;
  else if (g_strcmp0 (status, "loss") == 0)
    ctx->status = ST_LOSS;
  else if (g_strcmp0 (status, "none") == 0)
    ctx->status = ST_NONE;
  ctx->notified_on = answer_date (ctx, I.q_notified);
  ctx->fetuses = answer_int (ctx, I.q_fetuses);
  ctx->born_on = answer_date (ctx, I.q_born);
  ctx->children = answer_int (ctx, I.q_children);
  ctx->loss_on = answer_date (ctx, I.q_loss_on);
  ctx->loss_fetuses = answer_int (ctx, I.q_loss_fetuses);
  ctx->notified_before_loss = answer_bool (ctx, I.q_notified_before_loss);
  ctx->need = answer_bool (ctx, I.q_need);
  ctx->public_assistance = answer_bool (ctx, I.q_pa);
  ctx->tax_exempt = answer_bool (ctx, I.q_exempt);
  ctx->infectious = answer_bool (ctx, I.q_infectious);
  ctx->kind = yrs_care_kind_from_string (kind, &care_kind) ? (int) care_kind : -1;
  ctx->facility = yrs_catalog_lookup_facility (ctx->catalog, answer_enum (ctx, I.q_facility));
}

static int
question_index (YrsCatalog *catalog,
                const char *id)
{
  const YrsQuestion *q = yrs_catalog_lookup_question (catalog, id);

  return q != NULL ? (int) q->index : G_MAXINT;
}

static void
sort_ids (YrsCatalog   *catalog,
          const char  **ids,
          guint         n)
{
  /* Insertion sort: a handful of IDs. */
  for (guint i = 1; i < n; i++)
    {
      const char *id = ids[i];
      int index = question_index (catalog, id);
      guint j = i;

      while (j > 0 && question_index (catalog, ids[j - 1]) > index)
        {
          ids[j] = ids[j - 1];
          j--;
        }
      ids[j] = id;
    }
}

static void
evaluate_programme (Ctx                *ctx,
                    const YrsProgramme *programme,
                    Entry              *entry)
{
  YrsResult *r = &entry->result;

  memset (entry, 0, sizeof *entry);
  r->programme = programme;
  r->programme_id = programme->id;
  r->status = YRS_STATUS_NOT_ELIGIBLE;
  r->amount_yen = r->fee_yen = r->gross_fee_yen = r->reduction_yen = -1;
  r->visits_max = -1;

  ctx->programme = programme;
  ctx->result = r;
  ctx->n_refine = 0;

  if (programme->residents_only && ctx->resident == FALSE)
    {
      add_reason (ctx, "not_resident");
      return;
    }

  if (programme->rule == I.rule_pregnancy_payment)
    rule_pregnancy_payment (ctx);
  else if (programme->rule == I.rule_birth_payment)
    rule_birth_payment (ctx);
  else if (programme->rule == I.rule_postpartum_care)
    rule_postpartum_care (ctx);
  else if (programme->rule == I.rule_home_help)
    rule_home_help (ctx);
  else if (programme->rule == I.rule_stage)
    rule_stage (ctx);
  else if (programme->rule == I.rule_infant_checkups)
    rule_infant_checkups (ctx);
  else
    rule_always (ctx);

  if (r->status == YRS_STATUS_NOT_ELIGIBLE)
    {
      r->n_missing = 0;
      ctx->n_refine = 0;
    }
  else if (programme->residents_only && ctx->resident == ST_UNKNOWN)
    {
      need (ctx, I.q_resident);
      r->status = YRS_STATUS_NEEDS_ANSWERS;
    }

  if (r->status == YRS_STATUS_NEEDS_ANSWERS && r->n_missing == 0)
    r->status = YRS_STATUS_NOT_ELIGIBLE;   /* cannot happen with a valid catalogue */
  if (r->status != YRS_STATUS_NEEDS_ANSWERS)
    r->n_missing = 0;
  if (r->status != YRS_STATUS_NOT_YET)
    r->from = YRS_DATE_NONE;
  if (r->status == YRS_STATUS_NOT_ELIGIBLE || r->status == YRS_STATUS_NOT_YET)
    {
      r->amount_yen = r->fee_yen = r->gross_fee_yen = r->reduction_yen = -1;
      r->visits_max = -1;
      if (r->status == YRS_STATUS_NOT_ELIGIBLE)
        r->until = YRS_DATE_NONE;
      ctx->n_refine = 0;
    }
  /* Whatever the status: a "no" or a "not yet" that rests on a sample
   * figure or date is as much a sample as an amount. */
  if (r->sample)
    add_reason (ctx, "sample_figure");
  if (r->status == YRS_STATUS_NEEDS_ANSWERS)
    param_int (add_reason (ctx, "answers_needed"), "count", r->n_missing);
  if (r->status == YRS_STATUS_NOT_ELIGIBLE)
    r->prominent = FALSE;

  sort_ids (ctx->catalog, r->missing, r->n_missing);
  entry->n_refine = ctx->n_refine;
  memcpy (entry->refine, ctx->refine, sizeof ctx->refine);
}

static void
yrs_evaluation_finalize (GObject *object)
{
  YrsEvaluation *self = (YrsEvaluation *) object;

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (yrs_evaluation_parent_class)->finalize (object);
}

static void
yrs_evaluation_class_init (YrsEvaluationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_evaluation_finalize;
}

static void
yrs_evaluation_init (YrsEvaluation *self)
{
}

YrsEvaluation *
yrs_eligibility_evaluate (YrsCatalog *catalog,
                          YrsAnswers *answers,
                          YrsDate     as_of)
{
  YrsEvaluation *self;
  Ctx ctx = { 0 };
  guint n, prominent = 0;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (YRS_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (yrs_date_is_set (as_of), NULL);
  g_return_val_if_fail (as_of.year >= YRS_ANSWERS_MIN_YEAR && as_of.year <= YRS_ANSWERS_MAX_YEAR, NULL);

  intern_names ();

  self = g_object_new (YRS_TYPE_EVALUATION, NULL);
  self->catalog = g_object_ref (catalog);
  self->as_of = as_of;

  ctx.catalog = catalog;
  ctx.answers = answers;
  ctx.as_of = as_of;
  read_answers (&ctx);

  n = yrs_catalog_get_n_programmes (catalog);
  self->entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), n);
  g_array_set_size (self->entries, n);
  for (guint i = 0; i < n; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      const YrsProgramme *programme = yrs_catalog_get_programme (catalog, i);

      evaluate_programme (&ctx, programme, entry);

      if (programme->rule == I.rule_infant_checkups && !self->has_checkup &&
          entry->result.status == YRS_STATUS_ELIGIBLE)
        self->has_checkup = find_checkup (programme, ctx.born_on, as_of, &self->checkup,
                                          &self->checkup_from, &self->checkup_until);
    }

  /* Prominent results first, otherwise catalogue order (a stable move). */
  for (guint i = 0; i < n; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->result.prominent)
        {
          Entry moved = *entry;

          memmove (&g_array_index (self->entries, Entry, prominent + 1),
                   &g_array_index (self->entries, Entry, prominent),
                   (i - prominent) * sizeof (Entry));
          g_array_index (self->entries, Entry, prominent) = moved;
          prominent++;
        }
    }

  return self;
}

static const char **
collect_ids (YrsEvaluation *self,
             gboolean       with_refine)
{
  GPtrArray *ids = g_ptr_array_new ();
  const char **out;
  guint n;

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      for (guint j = 0; j < entry->result.n_missing; j++)
        if (!g_ptr_array_find (ids, entry->result.missing[j], NULL))
          g_ptr_array_add (ids, (gpointer) entry->result.missing[j]);
      if (with_refine)
        for (guint j = 0; j < entry->n_refine; j++)
          if (!g_ptr_array_find (ids, entry->refine[j], NULL))
            g_ptr_array_add (ids, (gpointer) entry->refine[j]);
    }
  n = ids->len;
  g_ptr_array_add (ids, NULL);
  out = (const char **) g_ptr_array_free (ids, FALSE);
  sort_ids (self->catalog, out, n);
  return out;
}

const char **
yrs_eligibility_next_questions (YrsCatalog *catalog,
                                YrsAnswers *answers,
                                YrsDate     as_of)
{
  g_autoptr(YrsEvaluation) evaluation = NULL;
  const char **ids;
  guint kept = 0;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (YRS_IS_ANSWERS (answers), NULL);

  evaluation = yrs_eligibility_evaluate (catalog, answers, as_of);
  ids = collect_ids (evaluation, TRUE);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const YrsQuestion *q = yrs_catalog_lookup_question (catalog, ids[i]);

      if (q != NULL && q->stage == YRS_QUESTION_STAGE_CHECK)
        ids[kept++] = ids[i];
    }
  ids[kept] = NULL;
  return ids;
}

gboolean
yrs_eligibility_next_checkup (YrsCatalog        *catalog,
                              YrsAnswers        *answers,
                              YrsDate            as_of,
                              const YrsCheckup **checkup,
                              YrsDate           *from,
                              YrsDate           *until)
{
  g_autoptr(YrsEvaluation) evaluation = NULL;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (YRS_IS_ANSWERS (answers), FALSE);

  evaluation = yrs_eligibility_evaluate (catalog, answers, as_of);
  return yrs_evaluation_get_next_checkup (evaluation, checkup, from, until);
}

YrsCatalog *
yrs_evaluation_get_catalog (YrsEvaluation *self)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (self), NULL);
  return self->catalog;
}

YrsDate
yrs_evaluation_get_as_of (YrsEvaluation *self)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (self), YRS_DATE_NONE);
  return self->as_of;
}

guint
yrs_evaluation_get_n_results (YrsEvaluation *self)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (self), 0);
  return self->entries->len;
}

const YrsResult *
yrs_evaluation_get_result (YrsEvaluation *self,
                           guint          index)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, Entry, index).result;
}

const YrsResult *
yrs_evaluation_lookup (YrsEvaluation *self,
                       const char    *programme_id)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (self), NULL);
  if (programme_id == NULL)
    return NULL;
  for (guint i = 0; i < self->entries->len; i++)
    {
      const YrsResult *r = &g_array_index (self->entries, Entry, i).result;

      if (g_str_equal (r->programme_id, programme_id))
        return r;
    }
  return NULL;
}

const char **
yrs_evaluation_get_missing (YrsEvaluation *self)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (self), NULL);
  return collect_ids (self, FALSE);
}

gboolean
yrs_evaluation_get_next_checkup (YrsEvaluation     *self,
                                 const YrsCheckup **checkup,
                                 YrsDate           *from,
                                 YrsDate           *until)
{
  g_return_val_if_fail (YRS_IS_EVALUATION (self), FALSE);

  if (!self->has_checkup)
    return FALSE;
  if (checkup != NULL)
    *checkup = self->checkup;
  if (from != NULL)
    *from = self->checkup_from;
  if (until != NULL)
    *until = self->checkup_until;
  return TRUE;
}

static const char * const status_names[] = {
  "eligible", "not_eligible", "not_yet", "needs_answers",
};

const char *
yrs_status_to_string (YrsStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
yrs_status_from_string (const char *text,
                        YrsStatus  *status)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (text, status_names[i]))
      {
        if (status != NULL)
          *status = (YrsStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
yrs_status_get_label (YrsStatus status)
{
  switch (status)
    {
    case YRS_STATUS_ELIGIBLE:
      return _("Eligible");
    case YRS_STATUS_NOT_ELIGIBLE:
      return _("Not eligible");
    case YRS_STATUS_NOT_YET:
      return _("Not yet");
    case YRS_STATUS_NEEDS_ANSWERS:
      return _("More answers needed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const YrsValue *
yrs_reason_get_param (const YrsReason *reason,
                      const char      *name)
{
  g_return_val_if_fail (reason != NULL, NULL);
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < reason->n_params; i++)
    if (g_str_equal (reason->params[i].name, name))
      return &reason->params[i].value;
  return NULL;
}

gboolean
yrs_result_has_reason (const YrsResult *result,
                       const char      *code)
{
  g_return_val_if_fail (result != NULL, FALSE);
  if (code == NULL)
    return FALSE;
  for (guint i = 0; i < result->n_reasons; i++)
    if (g_str_equal (result->reasons[i].code, code))
      return TRUE;
  return FALSE;
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 YrsDate      date)
{
  json_builder_set_member_name (builder, name);
  if (yrs_date_is_set (date))
    {
      char buf[11];

      yrs_date_to_iso_buf (date, buf);
      json_builder_add_string_value (builder, buf);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_money_member (JsonBuilder *builder,
                  const char  *name,
                  gint64       yen)
{
  json_builder_set_member_name (builder, name);
  if (yen >= 0)
    json_builder_add_int_value (builder, yen);
  else
    json_builder_add_null_value (builder);
}

char *
yrs_evaluation_to_json (YrsEvaluation *self,
                        YrsLang        lang,
                        gboolean       pretty)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (YRS_IS_EVALUATION (self), NULL);

  json_builder_begin_object (builder);
  add_date_member (builder, "as_of", self->as_of);
  json_builder_set_member_name (builder, "catalog");
  json_builder_add_string_value (builder, yrs_catalog_get_id (self->catalog));
  json_builder_set_member_name (builder, "catalog_version");
  json_builder_add_string_value (builder, yrs_catalog_get_version (self->catalog));

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const YrsResult *r = &g_array_index (self->entries, Entry, i).result;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "programme");
      json_builder_add_string_value (builder, r->programme_id);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, yrs_programme_kind_to_string (r->programme->kind));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, yrs_programme_get_title (r->programme, lang));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, yrs_status_to_string (r->status));
      add_money_member (builder, "amount_yen", r->amount_yen);
      add_money_member (builder, "fee_yen", r->fee_yen);
      add_money_member (builder, "gross_fee_yen", r->gross_fee_yen);
      add_money_member (builder, "reduction_yen", r->reduction_yen);
      add_date_member (builder, "from", r->from);
      add_date_member (builder, "until", r->until);
      json_builder_set_member_name (builder, "visits_max");
      if (r->visits_max >= 0)
        json_builder_add_int_value (builder, r->visits_max);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "sample");
      json_builder_add_boolean_value (builder, r->sample);
      json_builder_set_member_name (builder, "prominent");
      json_builder_add_boolean_value (builder, r->prominent);
      json_builder_set_member_name (builder, "missing");
      json_builder_begin_array (builder);
      for (guint j = 0; j < r->n_missing; j++)
        json_builder_add_string_value (builder, r->missing[j]);
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "reasons");
      json_builder_begin_array (builder);
      for (guint j = 0; j < r->n_reasons; j++)
        {
          const YrsReason *reason = &r->reasons[j];
          g_autofree char *text = yrs_reason_to_text (reason, self->catalog, lang);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, reason->code);
          json_builder_set_member_name (builder, "params");
          json_builder_begin_object (builder);
          _yrs_reason_add_params (reason, builder);
          json_builder_end_object (builder);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (self->has_checkup)
    {
      json_builder_set_member_name (builder, "next_checkup");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, self->checkup->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, yrs_checkup_get_title (self->checkup, lang));
      add_date_member (builder, "from", self->checkup_from);
      add_date_member (builder, "until", self->checkup_until);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  return json_generator_to_data (generator, NULL);
}
