/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-results-page"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-reason.h"
#include "yrs-result-card.h"
#include "yrs-results-page.h"

struct _YrsResultsPage
{
  YrsPage        parent_instance;

  GHashTable    *cards;   /* programme ID -> YrsResultCard (borrowed) */

  /* template children */
  GtkLabel      *intro_label;
  GtkBox        *support_box;
  GtkBox        *main_box;
  YrsResultCard *checkup_card;
  GtkLabel      *info_heading;
  GtkBox        *info_box;
};

G_DEFINE_FINAL_TYPE (YrsResultsPage, yrs_results_page, YRS_TYPE_PAGE)

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

      /* Translators: the amount of a payment */
      g_string_append_printf (text, _("Amount: %s"), money);
    }
  else if (result->fee_yen >= 0)
    {
      g_autofree char *fee = yrs_money_format (result->fee_yen, lang);

      /* Translators: the fee a family pays for one use of a service */
      g_string_append_printf (text, _("Your fee per use: %s"), fee);
      if (result->reduction_yen > 0 && result->gross_fee_yen >= 0)
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

  if (yrs_date_is_set (result->until) && result->status == YRS_STATUS_ELIGIBLE)
    {
      g_autofree char *until = yrs_date_format (result->until, lang);

      if (text->len > 0)
        g_string_append (text, "\n");
      /* Translators: the last day a service can be used */
      g_string_append_printf (text, _("Until %s"), until);
    }

  return g_string_free (text, FALSE);
}

static char *
reason_text (const YrsResult *result,
             YrsCatalog      *catalog,
             YrsLang          lang)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < result->n_reasons; i++)
    {
      g_autofree char *sentence = yrs_reason_to_text (&result->reasons[i], catalog, lang);

      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, sentence);
    }
  return g_string_free (text, FALSE);
}

static YrsResultCardStatus
card_status (const YrsResult *result)
{
  YrsProgrammeKind kind = yrs_programme_get_kind (result->programme);

  if (result->prominent)
    return YRS_RESULT_CARD_SUPPORT;

  switch (result->status)
    {
    case YRS_STATUS_ELIGIBLE:
      return (kind == YRS_PROGRAMME_INFO || kind == YRS_PROGRAMME_REFERRAL)
             ? YRS_RESULT_CARD_INFO : YRS_RESULT_CARD_ELIGIBLE;
    case YRS_STATUS_NOT_ELIGIBLE:
      return YRS_RESULT_CARD_NOT_ELIGIBLE;
    case YRS_STATUS_NOT_YET:
      return YRS_RESULT_CARD_NOT_YET;
    case YRS_STATUS_NEEDS_ANSWERS:
    default:
      return YRS_RESULT_CARD_NEEDS_ANSWERS;
    }
}

static GtkWidget *
make_card (YrsResultsPage  *self,
           const YrsResult *result,
           YrsCatalog      *catalog,
           YrsLang          lang)
{
  const YrsProgramme *programme = result->programme;
  GtkWidget *card = yrs_result_card_new ();
  g_autofree char *words = status_words (result, lang);
  g_autofree char *figure = figure_text (result, lang);
  g_autofree char *reasons = reason_text (result, catalog, lang);
  g_autofree char *source = NULL;
  const char *ref = yrs_programme_get_source_ref (programme);
  const char *url = yrs_programme_get_source_url (programme);
  const char *summary = yrs_programme_get_summary (programme, lang);

  if (ref != NULL && url != NULL)
    source = g_strdup_printf ("%s (%s)", ref, url);
  else
    source = g_strdup (ref != NULL ? ref : url);

  yrs_result_card_set_title (YRS_RESULT_CARD (card), yrs_programme_get_title (programme, lang));
  yrs_result_card_set_status (YRS_RESULT_CARD (card), card_status (result),
                              result->prominent ? summary : words);
  yrs_result_card_set_amount (YRS_RESULT_CARD (card), figure);
  if (result->prominent || (reasons[0] == '\0' && summary != NULL))
    yrs_result_card_set_reason (YRS_RESULT_CARD (card), result->prominent ? reasons : summary);
  else
    yrs_result_card_set_reason (YRS_RESULT_CARD (card), reasons);
  yrs_result_card_set_source (YRS_RESULT_CARD (card), source);
  yrs_result_card_set_sample (YRS_RESULT_CARD (card), result->sample);

  if (result->status == YRS_STATUS_ELIGIBLE && yrs_programme_get_applyable (programme))
    {
      if (g_str_equal (result->programme_id, "postpartum_care"))
        yrs_result_card_set_action (YRS_RESULT_CARD (card),
                                    _("Register and book"), "results.reserve", NULL);
      else
        yrs_result_card_set_action (YRS_RESULT_CARD (card),
                                    C_("action", "Apply"), "results.apply",
                                    g_variant_new_string (result->programme_id));
    }

  g_hash_table_insert (self->cards, (gpointer) result->programme_id, card);
  return card;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
yrs_results_page_load (YrsPage *page)
{
  YrsResultsPage *self = YRS_RESULTS_PAGE (page);
  YrsSession *session = yrs_page_get_session (page);
  YrsCatalog *catalog = yrs_session_get_catalog (session);
  YrsLang lang = yrs_i18n_get_lang ();
  g_autoptr(YrsEvaluation) evaluation = yrs_session_evaluate (session);
  g_autoptr(YrsAnswers) answers = yrs_session_dup_path_answers (session);
  const char *status = yrs_answers_get_string (answers, "pregnancy.status");
  gboolean loss = g_strcmp0 (status, "loss") == 0;
  g_autofree char *as_of = yrs_date_format (yrs_evaluation_get_as_of (evaluation), lang);
  g_autofree char *intro = NULL;
  const YrsCheckup *checkup = NULL;
  YrsDate from, until;
  guint n_info = 0;

  g_hash_table_remove_all (self->cards);
  clear_box (self->support_box);
  clear_box (self->main_box);
  clear_box (self->info_box);

  if (loss)
    /* Translators: the opening of the results after a miscarriage, stillbirth or abortion: gentle, not formal */
    intro = g_strdup_printf (_("We are so sorry for your loss. You do not have to face this alone: the people below are there to listen whenever you are ready. The support you can still receive is listed after them (as of %s)."), as_of);
  else
    /* Translators: %s is a date */
    intro = g_strdup_printf (_("Based on your answers, as of %s. Each card says whether you can use the programme, why, and what it is worth."), as_of);
  gtk_label_set_label (self->intro_label, intro);

  for (guint i = 0; i < yrs_evaluation_get_n_results (evaluation); i++)
    {
      const YrsResult *result = yrs_evaluation_get_result (evaluation, i);
      YrsProgrammeKind kind = yrs_programme_get_kind (result->programme);
      GtkWidget *card = make_card (self, result, catalog, lang);

      if (result->prominent)
        gtk_box_append (self->support_box, card);
      else if (kind == YRS_PROGRAMME_PAYMENT || kind == YRS_PROGRAMME_SERVICE)
        gtk_box_append (self->main_box, card);
      else
        {
          gtk_box_append (self->info_box, card);
          n_info++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->info_heading), n_info > 0);

  if (yrs_evaluation_get_next_checkup (evaluation, &checkup, &from, &until))
    {
      g_autofree char *from_text = yrs_date_format (from, lang);
      g_autofree char *until_text = yrs_date_format (until, lang);
      g_autofree char *window = NULL;
      gint64 subsidy = yrs_checkup_get_subsidy_yen (checkup);

      /* Translators: an infant check-up's age window: “from 1 May 2025 to 31 May 2025” */
      window = g_strdup_printf (_("Between %s and %s"), from_text, until_text);
      yrs_result_card_set_title (self->checkup_card, _("Your baby's next check-up"));
      yrs_result_card_set_status (self->checkup_card, YRS_RESULT_CARD_INFO,
                                  yrs_checkup_get_title (checkup, lang));
      yrs_result_card_set_amount (self->checkup_card, window);
      if (subsidy > 0)
        {
          g_autofree char *money = yrs_money_format (subsidy, lang);
          g_autofree char *text = NULL;

          /* Translators: the public subsidy towards one infant check-up */
          text = g_strdup_printf (_("Subsidised by up to %s"), money);
          yrs_result_card_set_reason (self->checkup_card, text);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->checkup_card), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->checkup_card), FALSE);
}

/* The answers may have changed since the page was made (Back, change,
 * Next): show the results afresh each time the page comes up. */
static void
yrs_results_page_map (GtkWidget *widget)
{
  yrs_results_page_load (YRS_PAGE (widget));

  GTK_WIDGET_CLASS (yrs_results_page_parent_class)->map (widget);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  YrsSession *session = yrs_page_get_session (YRS_PAGE (widget));
  const char *programme = g_variant_get_string (param, NULL);

  /* A new form starts without the old one's error messages. */
  if (g_strcmp0 (yrs_session_get_field (session, "apply.programme"), programme) != 0)
    yrs_session_set_field (session, "apply.checked", NULL);
  yrs_session_set_field (session, "apply.programme", programme);
  gtk_widget_activate_action (widget, "shell.go", "s", "apply");
}

static void
reserve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gtk_widget_activate_action (widget, "shell.go", "s", "reserve");
}

static void
yrs_results_page_finalize (GObject *object)
{
  YrsResultsPage *self = YRS_RESULTS_PAGE (object);

  g_clear_pointer (&self->cards, g_hash_table_unref);

  G_OBJECT_CLASS (yrs_results_page_parent_class)->finalize (object);
}

static void
yrs_results_page_class_init (YrsResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YrsPageClass *page_class = YRS_PAGE_CLASS (klass);

  object_class->finalize = yrs_results_page_finalize;
  widget_class->map = yrs_results_page_map;
  page_class->load = yrs_results_page_load;

  g_type_ensure (YRS_TYPE_RESULT_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, support_box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, checkup_card);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, info_heading);
  gtk_widget_class_bind_template_child (widget_class, YrsResultsPage, info_box);

  gtk_widget_class_install_action (widget_class, "results.apply", "s", apply_action);
  gtk_widget_class_install_action (widget_class, "results.reserve", NULL, reserve_action);
}

static void
yrs_results_page_init (YrsResultsPage *self)
{
  self->cards = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yrs_results_page_get_card (YrsResultsPage *self,
                           const char     *programme_id)
{
  g_return_val_if_fail (YRS_IS_RESULTS_PAGE (self), NULL);

  return g_hash_table_lookup (self->cards, g_intern_string (programme_id));
}
