/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-check-flow"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-check-flow.h"
#include "yrs-i18n.h"
#include "yrs-wizard.h"

/* What the flow keeps where: the answers are the session's YrsAnswers and
 * the wizard's position is the session's check step (both saved in the
 * session's draft); everything else here is derived from them and made
 * again by each change. */
struct _YrsCheckFlow
{
  GObject        parent_instance;

  YrsSession    *session;      /* weak: the session owns the flow */
  YrsAnswers    *answers;

  /* The last walk and evaluation, and what they were made from. */
  YrsCatalog    *catalog;
  YrsDate        as_of;
  const char   **path;
  guint          n_path;
  guint          n_more;
  YrsEvaluation *evaluation;
  GListStore    *support;
  GListStore    *main;
  GListStore    *info;
  GListStore    *coming;
  GListStore    *not_eligible;
  YrsResultItem *checkup;

  /* As last notified. */
  const char    *question_id;  /* interned */
  guint          step;         /* 0-based, as in the session */
  guint          n_steps;
  gboolean       can_go_next;
  gboolean       can_go_back;
  gboolean       answer_wrong; /* an impossible answer (yrs_wizard_check_answer()) */
  gboolean       has_info;
  gboolean       has_coming;
  gboolean       can_book;
  guint          n_not_eligible;
};

G_DEFINE_FINAL_TYPE (YrsCheckFlow, yrs_check_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ANSWERS,
  PROP_QUESTION_ID,
  PROP_QUESTION_TEXT,
  PROP_QUESTION_HELP,
  PROP_HAS_HELP,
  PROP_STEP,
  PROP_N_STEPS,
  PROP_CAN_GO_NEXT,
  PROP_CAN_GO_BACK,
  PROP_EVALUATION,
  PROP_INTRO,
  PROP_SUPPORT_RESULTS,
  PROP_MAIN_RESULTS,
  PROP_INFO_RESULTS,
  PROP_HAS_INFO,
  PROP_CHECKUP,
  PROP_COMING_RESULTS,
  PROP_HAS_COMING,
  PROP_NOT_ELIGIBLE_RESULTS,
  PROP_N_NOT_ELIGIBLE,
  PROP_NOT_ELIGIBLE_TITLE,
  PROP_CAN_BOOK,
  PROP_SOURCE,
  PROP_ANSWER_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The position the session keeps, within the path as it stands. */
static guint
current_step (YrsCheckFlow *self)
{
  guint step = self->session != NULL ? yrs_session_get_check_step (self->session) : self->step;

  return self->n_path > 0 ? MIN (step, self->n_path - 1) : 0;
}

static void
set_step (YrsCheckFlow *self,
          guint         step)
{
  if (self->session != NULL)
    yrs_session_set_check_step (self->session, step);   /* calls refresh */
  else
    self->step = step;
}

/* Compares what the pages see with what they saw, and tells them. */
static void
update_position (YrsCheckFlow *self)
{
  guint step = current_step (self);
  const char *question_id = self->n_path > 0 ? self->path[step] : NULL;
  guint n_steps = self->n_path > 0 ? self->n_path + self->n_more : 1;
  const YrsQuestion *question = NULL;
  gboolean can_go_next, can_go_back, answer_wrong;
  GObject *object = G_OBJECT (self);

  if (question_id != NULL && self->catalog != NULL)
    question = yrs_catalog_lookup_question (self->catalog, question_id);
  answer_wrong = question != NULL &&
                 !yrs_wizard_check_answer (question, self->answers, self->as_of, NULL);
  can_go_next = question == NULL ||
                yrs_question_get_qtype (question) == YRS_QUESTION_INT ||
                (yrs_answers_is_valid_for (self->answers, question) && !answer_wrong);
  can_go_back = step > 0;

  g_object_freeze_notify (object);
  if (question_id != self->question_id)
    {
      self->question_id = question_id;
      g_object_notify_by_pspec (object, properties[PROP_QUESTION_ID]);
      g_object_notify_by_pspec (object, properties[PROP_QUESTION_TEXT]);
      g_object_notify_by_pspec (object, properties[PROP_QUESTION_HELP]);
      g_object_notify_by_pspec (object, properties[PROP_HAS_HELP]);
    }
  if (step != self->step)
    {
      self->step = step;
      g_object_notify_by_pspec (object, properties[PROP_STEP]);
    }
  if (n_steps != self->n_steps)
    {
      self->n_steps = n_steps;
      g_object_notify_by_pspec (object, properties[PROP_N_STEPS]);
    }
  if (can_go_next != self->can_go_next)
    {
      self->can_go_next = can_go_next;
      g_object_notify_by_pspec (object, properties[PROP_CAN_GO_NEXT]);
    }
  if (can_go_back != self->can_go_back)
    {
      self->can_go_back = can_go_back;
      g_object_notify_by_pspec (object, properties[PROP_CAN_GO_BACK]);
    }
  if (answer_wrong != self->answer_wrong)
    {
      self->answer_wrong = answer_wrong;
      g_object_notify_by_pspec (object, properties[PROP_ANSWER_ERROR]);
    }
  g_object_thaw_notify (object);
}

static void
replace_all (GListStore *store,
             GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
fill_results (YrsCheckFlow *self)
{
  g_autoptr(GPtrArray) support = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) main = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) info = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) coming = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) not_eligible = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean after_loss = yrs_result_item_evaluation_after_loss (self->evaluation);

  for (guint i = 0; i < yrs_evaluation_get_n_results (self->evaluation); i++)
    {
      YrsResultItem *item = yrs_result_item_new_result (self->evaluation, i);

      switch (yrs_result_item_get_section (item))
        {
        case YRS_RESULT_SECTION_SUPPORT:
          g_ptr_array_add (support, item);
          break;
        case YRS_RESULT_SECTION_MAIN:
          g_ptr_array_add (main, item);
          break;
        case YRS_RESULT_SECTION_COMING:
          g_ptr_array_add (coming, item);
          break;
        case YRS_RESULT_SECTION_NOT_ELIGIBLE:
          g_ptr_array_add (not_eligible, item);
          break;
        case YRS_RESULT_SECTION_HIDDEN:
          g_object_unref (item);
          break;
        case YRS_RESULT_SECTION_INFO:
        case YRS_RESULT_SECTION_CHECKUP:
        default:
          g_ptr_array_add (info, item);
          break;
        }
    }

  /* What she can apply for or book now before what only needs more
   * answers; otherwise the catalogue's order. */
  {
    g_autoptr(GPtrArray) now = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < main->len; i++)
      g_ptr_array_add (yrs_result_item_get_result (main->pdata[i])->status == YRS_STATUS_ELIGIBLE
                       ? now : later, g_object_ref (main->pdata[i]));
    g_ptr_array_set_size (main, 0);
    for (guint i = 0; i < now->len; i++)
      g_ptr_array_add (main, g_object_ref (now->pdata[i]));
    for (guint i = 0; i < later->len; i++)
      g_ptr_array_add (main, g_object_ref (later->pdata[i]));
  }

  replace_all (self->support, support);
  replace_all (self->main, main);
  replace_all (self->coming, coming);
  replace_all (self->info, info);
  replace_all (self->not_eligible, not_eligible);
  /* The page's "book" button: never after a loss, nor when postpartum
   * care is not for her (a pregnant woman may register ahead). */
  {
    const YrsResult *care = yrs_evaluation_lookup (self->evaluation, "postpartum_care");

    self->can_book = !after_loss && care != NULL && care->status != YRS_STATUS_NOT_ELIGIBLE;
  }

  g_clear_object (&self->checkup);
  self->checkup = yrs_result_item_new_checkup (self->evaluation);
}

/* The one place that walks the path and evaluates: once per change of
 * the answers, the date or the catalogue. */
static void
reevaluate (YrsCheckFlow *self)
{
  GObject *object = G_OBJECT (self);
  gboolean has_info;

  if (self->session == NULL)
    return;

  g_set_object (&self->catalog, yrs_session_get_catalog (self->session));
  self->as_of = yrs_session_get_as_of (self->session);

  g_free (self->path);
  self->path = yrs_wizard_get_path (self->catalog, self->answers, self->as_of,
                                    &self->n_path, &self->n_more);
  g_clear_object (&self->evaluation);
  self->evaluation = yrs_wizard_evaluate (self->catalog, self->answers, self->as_of);

  g_object_freeze_notify (object);
  fill_results (self);
  g_object_notify_by_pspec (object, properties[PROP_EVALUATION]);
  g_object_notify_by_pspec (object, properties[PROP_INTRO]);
  g_object_notify_by_pspec (object, properties[PROP_CHECKUP]);
  has_info = g_list_model_get_n_items (G_LIST_MODEL (self->info)) > 0;
  if (has_info != self->has_info)
    {
      self->has_info = has_info;
      g_object_notify_by_pspec (object, properties[PROP_HAS_INFO]);
    }
  if (self->has_coming != (g_list_model_get_n_items (G_LIST_MODEL (self->coming)) > 0))
    {
      self->has_coming = !self->has_coming;
      g_object_notify_by_pspec (object, properties[PROP_HAS_COMING]);
    }
  if (self->n_not_eligible != g_list_model_get_n_items (G_LIST_MODEL (self->not_eligible)))
    {
      self->n_not_eligible = g_list_model_get_n_items (G_LIST_MODEL (self->not_eligible));
      g_object_notify_by_pspec (object, properties[PROP_N_NOT_ELIGIBLE]);
      g_object_notify_by_pspec (object, properties[PROP_NOT_ELIGIBLE_TITLE]);
    }
  g_object_notify_by_pspec (object, properties[PROP_CAN_BOOK]);
  g_object_notify_by_pspec (object, properties[PROP_SOURCE]);
  update_position (self);
  g_object_thaw_notify (object);
}

static void
on_answers_changed (YrsCheckFlow *self,
                    const char   *id,
                    YrsAnswers   *answers)
{
  reevaluate (self);
}

static void
yrs_check_flow_dispose (GObject *object)
{
  YrsCheckFlow *self = YRS_CHECK_FLOW (object);

  if (self->session != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *) &self->session);
  self->session = NULL;
  if (self->answers != NULL)
    g_signal_handlers_disconnect_by_data (self->answers, self);
  g_clear_object (&self->answers);

  G_OBJECT_CLASS (yrs_check_flow_parent_class)->dispose (object);
}

static void
yrs_check_flow_finalize (GObject *object)
{
  YrsCheckFlow *self = YRS_CHECK_FLOW (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->catalog);
  g_clear_object (&self->evaluation);
  g_clear_object (&self->support);
  g_clear_object (&self->main);
  g_clear_object (&self->info);
  g_clear_object (&self->coming);
  g_clear_object (&self->not_eligible);
  g_clear_object (&self->checkup);

  G_OBJECT_CLASS (yrs_check_flow_parent_class)->finalize (object);
}

static void
yrs_check_flow_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsCheckFlow *self = YRS_CHECK_FLOW (object);

  switch (prop_id)
    {
    case PROP_ANSWERS:
      g_value_set_object (value, self->answers);
      break;

    case PROP_QUESTION_ID:
      g_value_set_string (value, self->question_id);
      break;

    case PROP_QUESTION_TEXT:
      g_value_set_string (value, yrs_check_flow_get_question_text (self));
      break;

    case PROP_QUESTION_HELP:
      g_value_set_string (value, yrs_check_flow_get_question_help (self));
      break;

    case PROP_HAS_HELP:
      g_value_set_boolean (value, *yrs_check_flow_get_question_help (self) != '\0');
      break;

    case PROP_STEP:
      g_value_set_uint (value, yrs_check_flow_get_step (self));
      break;

    case PROP_N_STEPS:
      g_value_set_uint (value, self->n_steps);
      break;

    case PROP_CAN_GO_NEXT:
      g_value_set_boolean (value, self->can_go_next);
      break;

    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;

    case PROP_EVALUATION:
      g_value_set_object (value, self->evaluation);
      break;

    case PROP_INTRO:
      g_value_take_string (value, yrs_check_flow_dup_intro (self));
      break;

    case PROP_SUPPORT_RESULTS:
      g_value_set_object (value, self->support);
      break;

    case PROP_MAIN_RESULTS:
      g_value_set_object (value, self->main);
      break;

    case PROP_INFO_RESULTS:
      g_value_set_object (value, self->info);
      break;

    case PROP_HAS_INFO:
      g_value_set_boolean (value, self->has_info);
      break;

    case PROP_CHECKUP:
      g_value_set_object (value, self->checkup);
      break;

    case PROP_COMING_RESULTS:
      g_value_set_object (value, self->coming);
      break;

    case PROP_HAS_COMING:
      g_value_set_boolean (value, self->has_coming);
      break;

    case PROP_NOT_ELIGIBLE_RESULTS:
      g_value_set_object (value, self->not_eligible);
      break;

    case PROP_N_NOT_ELIGIBLE:
      g_value_set_uint (value, self->n_not_eligible);
      break;

    case PROP_NOT_ELIGIBLE_TITLE:
      g_value_take_string (value, yrs_check_flow_dup_not_eligible_title (self));
      break;

    case PROP_CAN_BOOK:
      g_value_set_boolean (value, self->can_book);
      break;

    case PROP_SOURCE:
      g_value_take_string (value, yrs_check_flow_dup_source (self));
      break;

    case PROP_ANSWER_ERROR:
      g_value_take_string (value, yrs_check_flow_dup_answer_error (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_check_flow_class_init (YrsCheckFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = yrs_check_flow_dispose;
  object_class->finalize = yrs_check_flow_finalize;
  object_class->get_property = yrs_check_flow_get_property;

  properties[PROP_ANSWERS] =
    g_param_spec_object ("answers", NULL, NULL, YRS_TYPE_ANSWERS, flags);
  properties[PROP_QUESTION_ID] =
    g_param_spec_string ("question-id", NULL, NULL, NULL, flags);
  properties[PROP_QUESTION_TEXT] =
    g_param_spec_string ("question-text", NULL, NULL, NULL, flags);
  properties[PROP_QUESTION_HELP] =
    g_param_spec_string ("question-help", NULL, NULL, NULL, flags);
  properties[PROP_HAS_HELP] =
    g_param_spec_boolean ("has-help", NULL, NULL, FALSE, flags);
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 1, G_MAXUINT, 1, flags);
  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL, 1, G_MAXUINT, 1, flags);
  properties[PROP_CAN_GO_NEXT] =
    g_param_spec_boolean ("can-go-next", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE, flags);
  properties[PROP_EVALUATION] =
    g_param_spec_object ("evaluation", NULL, NULL, YRS_TYPE_EVALUATION, flags);
  properties[PROP_INTRO] =
    g_param_spec_string ("intro", NULL, NULL, NULL, flags);
  properties[PROP_SUPPORT_RESULTS] =
    g_param_spec_object ("support-results", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_MAIN_RESULTS] =
    g_param_spec_object ("main-results", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_INFO_RESULTS] =
    g_param_spec_object ("info-results", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_HAS_INFO] =
    g_param_spec_boolean ("has-info", NULL, NULL, FALSE, flags);
  properties[PROP_CHECKUP] =
    g_param_spec_object ("checkup", NULL, NULL, YRS_TYPE_RESULT_ITEM, flags);
  properties[PROP_COMING_RESULTS] =
    g_param_spec_object ("coming-results", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_HAS_COMING] =
    g_param_spec_boolean ("has-coming", NULL, NULL, FALSE, flags);
  properties[PROP_NOT_ELIGIBLE_RESULTS] =
    g_param_spec_object ("not-eligible-results", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_N_NOT_ELIGIBLE] =
    g_param_spec_uint ("n-not-eligible", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NOT_ELIGIBLE_TITLE] =
    g_param_spec_string ("not-eligible-title", NULL, NULL, NULL, flags);
  properties[PROP_CAN_BOOK] =
    g_param_spec_boolean ("can-book", NULL, NULL, FALSE, flags);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_ANSWER_ERROR] =
    g_param_spec_string ("answer-error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_check_flow_init (YrsCheckFlow *self)
{
  self->support = g_list_store_new (YRS_TYPE_RESULT_ITEM);
  self->main = g_list_store_new (YRS_TYPE_RESULT_ITEM);
  self->info = g_list_store_new (YRS_TYPE_RESULT_ITEM);
  self->coming = g_list_store_new (YRS_TYPE_RESULT_ITEM);
  self->not_eligible = g_list_store_new (YRS_TYPE_RESULT_ITEM);
  self->n_steps = 1;
  self->can_go_next = TRUE;
  /* Its words are made when read: a language switch re-reads them. */
  yrs_i18n_follow (self, "question-text", "question-help", "intro", "not-eligible-title",
                   "source", NULL);
}

YrsCheckFlow *
yrs_check_flow_new (YrsSession *session)
{
  YrsCheckFlow *self;

  g_return_val_if_fail (YRS_IS_SESSION (session), NULL);

  self = g_object_new (YRS_TYPE_CHECK_FLOW, NULL);
  self->session = session;
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &self->session);
  self->answers = g_object_ref (yrs_session_get_answers (session));
  g_signal_connect_object (self->answers, "changed",
                           G_CALLBACK (on_answers_changed), self,
                           G_CONNECT_SWAPPED);
  self->step = yrs_session_get_check_step (session);
  reevaluate (self);
  return self;
}

YrsAnswers *
yrs_check_flow_get_answers (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return self->answers;
}

const char *
yrs_check_flow_get_question_id (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return self->question_id;
}

const YrsQuestion *
yrs_check_flow_get_question (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  if (self->question_id == NULL || self->catalog == NULL)
    return NULL;
  return yrs_catalog_lookup_question (self->catalog, self->question_id);
}

const char *
yrs_check_flow_get_question_text (YrsCheckFlow *self)
{
  const YrsQuestion *question = yrs_check_flow_get_question (self);

  if (question == NULL)
    return _("Nothing more to ask: your results are ready.");
  return yrs_question_get_text (question, yrs_i18n_get_lang ());
}

const char *
yrs_check_flow_get_question_help (YrsCheckFlow *self)
{
  const YrsQuestion *question = yrs_check_flow_get_question (self);
  const char *help = NULL;

  if (question != NULL)
    help = yrs_question_get_help (question, yrs_i18n_get_lang ());
  return help != NULL ? help : "";
}

guint
yrs_check_flow_get_step (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), 1);

  return self->step + 1;
}

guint
yrs_check_flow_get_n_steps (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), 1);

  return self->n_steps;
}

gboolean
yrs_check_flow_get_can_go_next (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), FALSE);

  return self->can_go_next;
}

gboolean
yrs_check_flow_get_can_go_back (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), FALSE);

  return self->can_go_back;
}

const char *const *
yrs_check_flow_get_path (YrsCheckFlow *self,
                         guint        *n_path,
                         guint        *n_more)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  if (n_path != NULL)
    *n_path = self->n_path;
  if (n_more != NULL)
    *n_more = self->n_more;
  return (const char *const *) self->path;
}

YrsEvaluation *
yrs_check_flow_get_evaluation (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return self->evaluation;
}

char *
yrs_check_flow_dup_intro (YrsCheckFlow *self)
{
  g_autofree char *as_of = NULL;
  gboolean loss = FALSE;

  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  as_of = yrs_date_format (self->as_of, yrs_i18n_get_lang ());
  /* Only an answer on the path counts. */
  for (guint i = 0; i < self->n_path; i++)
    if (g_str_equal (self->path[i], "pregnancy.status"))
      loss = g_strcmp0 (yrs_answers_get_string (self->answers, "pregnancy.status"), "loss") == 0;

  if (loss)
    /* Translators: the opening of the results after a miscarriage, stillbirth or abortion: gentle, not formal */
    return g_strdup_printf (_("We are so sorry for your loss. You do not have to face this alone: the people below are there to listen whenever you are ready. The support you can still receive is listed after them (as of %s)."), as_of);
  /* Translators: %s is a date */
  return g_strdup_printf (_("Based on your answers, as of %s. Each card says whether you can use the programme, why, and what it is worth."), as_of);
}

GListModel *
yrs_check_flow_get_support_results (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return G_LIST_MODEL (self->support);
}

GListModel *
yrs_check_flow_get_main_results (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return G_LIST_MODEL (self->main);
}

GListModel *
yrs_check_flow_get_info_results (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return G_LIST_MODEL (self->info);
}

GListModel *
yrs_check_flow_get_coming_results (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return G_LIST_MODEL (self->coming);
}

GListModel *
yrs_check_flow_get_not_eligible_results (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return G_LIST_MODEL (self->not_eligible);
}

gboolean
yrs_check_flow_get_can_book (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), FALSE);

  return self->can_book;
}

char *
yrs_check_flow_dup_not_eligible_title (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return g_strdup_printf (ngettext ("Not for you now: %u programme",
                                    "Not for you now: %u programmes",
                                    self->n_not_eligible),
                          self->n_not_eligible);
}

char *
yrs_check_flow_dup_source (YrsCheckFlow *self)
{
  const char *title = NULL, *version = NULL;

  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  if (self->catalog != NULL)
    {
      title = yrs_catalog_get_title (self->catalog, yrs_i18n_get_lang ());
      version = yrs_catalog_get_version (self->catalog);
    }
  /* Translators: the results page's one source line; %s are the catalogue's title and version */
  return g_strdup_printf (_("Source: %s (version %s), from Kobe City's 2025 briefing on maternal and child health. A figure marked as a sample is an example: the ward will confirm it."),
                          title != NULL ? title : "", version != NULL ? version : "");
}

YrsResultItem *
yrs_check_flow_get_checkup (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  return self->checkup;
}

YrsResultItem *
yrs_check_flow_lookup_result (YrsCheckFlow *self,
                              const char   *programme_id)
{
  GListModel *models[5];

  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  models[0] = G_LIST_MODEL (self->support);
  models[1] = G_LIST_MODEL (self->main);
  models[2] = G_LIST_MODEL (self->coming);
  models[3] = G_LIST_MODEL (self->info);
  models[4] = G_LIST_MODEL (self->not_eligible);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        g_autoptr(YrsResultItem) item = g_list_model_get_item (models[m], i);

        if (g_strcmp0 (yrs_result_item_get_programme_id (item), programme_id) == 0)
          return item;   /* the model keeps a reference */
      }
  return NULL;
}

void
yrs_check_flow_answer_bool (YrsCheckFlow *self,
                            gboolean      value)
{
  g_return_if_fail (YRS_IS_CHECK_FLOW (self));

  if (self->question_id != NULL)
    yrs_answers_set_bool (self->answers, self->question_id, value);
}

void
yrs_check_flow_answer_int (YrsCheckFlow *self,
                           gint64        value)
{
  g_return_if_fail (YRS_IS_CHECK_FLOW (self));

  if (self->question_id != NULL)
    yrs_answers_set_int (self->answers, self->question_id, value);
}

void
yrs_check_flow_answer_date (YrsCheckFlow *self,
                            YrsDate       value)
{
  g_return_if_fail (YRS_IS_CHECK_FLOW (self));

  if (self->question_id == NULL)
    return;
  if (yrs_date_is_set (value))
    yrs_answers_set_date (self->answers, self->question_id, value);
  else
    yrs_answers_unset (self->answers, self->question_id);
}

void
yrs_check_flow_answer_string (YrsCheckFlow *self,
                              const char   *value)
{
  g_return_if_fail (YRS_IS_CHECK_FLOW (self));

  if (self->question_id != NULL)
    yrs_answers_set_string (self->answers, self->question_id, value);
}

void
yrs_check_flow_clear_answer (YrsCheckFlow *self)
{
  g_return_if_fail (YRS_IS_CHECK_FLOW (self));

  if (self->question_id != NULL)
    yrs_answers_unset (self->answers, self->question_id);
}

gint64
yrs_check_flow_get_int_value (YrsCheckFlow *self)
{
  const YrsQuestion *question;
  gint64 value = 0;

  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), 0);

  question = yrs_check_flow_get_question (self);
  if (question == NULL)
    return 0;
  if (yrs_answers_get_int (self->answers, self->question_id, &value))
    return value;
  return MAX (yrs_question_get_min (question), 1);
}

gboolean
yrs_check_flow_next (YrsCheckFlow *self)
{
  const YrsQuestion *question;

  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), FALSE);

  question = yrs_check_flow_get_question (self);
  if (question == NULL)
    return TRUE;   /* nothing (more) to ask */

  /* A number shown is an answer, even when the person kept the default. */
  if (yrs_question_get_qtype (question) == YRS_QUESTION_INT &&
      !yrs_answers_has (self->answers, self->question_id))
    yrs_answers_set_int (self->answers, self->question_id, yrs_check_flow_get_int_value (self));
  if (!yrs_answers_is_valid_for (self->answers, question) ||
      !yrs_wizard_check_answer (question, self->answers, self->as_of, NULL))
    return FALSE;

  /* The answer moved the path on (reevaluate() ran). */
  if (self->step + 1 < self->n_path)
    {
      set_step (self, self->step + 1);
      update_position (self);
      return FALSE;
    }

  /* Every question that matters is answered. */
  set_step (self, self->n_path > 0 ? self->n_path - 1 : 0);
  update_position (self);
  return TRUE;
}

gboolean
yrs_check_flow_back (YrsCheckFlow *self)
{
  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), FALSE);

  if (self->step == 0)
    return FALSE;
  set_step (self, self->step - 1);
  update_position (self);
  return TRUE;
}

void
yrs_check_flow_refresh (YrsCheckFlow *self)
{
  g_return_if_fail (YRS_IS_CHECK_FLOW (self));

  if (self->session == NULL)
    return;
  if (self->catalog != yrs_session_get_catalog (self->session) ||
      yrs_date_compare (self->as_of, yrs_session_get_as_of (self->session)) != 0)
    reevaluate (self);
  else
    update_position (self);
}

char *
yrs_check_flow_dup_answer_error (YrsCheckFlow *self)
{
  const YrsQuestion *question;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (YRS_IS_CHECK_FLOW (self), NULL);

  question = yrs_check_flow_get_question (self);
  if (question == NULL || yrs_wizard_check_answer (question, self->answers, self->as_of, &error))
    return NULL;
  return g_strdup (error->message);
}
