/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-catalog.h: the programme catalogue (programmes, date-ranged
 * parameters, questions, facilities, wards), loaded from JSON and
 * validated. Pure GLib/GIO; see data/catalog/CATALOG.md for the format. */

#pragma once

#include <gio/gio.h>

#include "yrs-date.h"

G_BEGIN_DECLS

#define YRS_CATALOG_ERROR (yrs_catalog_error_quark ())

typedef enum
{
  YRS_CATALOG_ERROR_JSON,      /* not JSON at all, or not UTF-8 */
  YRS_CATALOG_ERROR_INVALID,   /* JSON, but not a valid or consistent catalogue */
  YRS_CATALOG_ERROR_IO,        /* the file could not be read */
} YrsCatalogError;

GQuark yrs_catalog_error_quark (void);

/* A typed value: answers, parameter steps and reason parameters all use
 * it. Strings are borrowed from their owner (the catalogue, the answers)
 * or interned; a YrsValue never owns memory. */
typedef enum
{
  YRS_VALUE_NONE,
  YRS_VALUE_BOOL,
  YRS_VALUE_INT,
  YRS_VALUE_DATE,
  YRS_VALUE_STRING,
} YrsValueType;

typedef struct
{
  YrsValueType type;
  gboolean     b;
  gint64       i;
  YrsDate      date;
  const char  *s;
} YrsValue;

#define YRS_VALUE_INIT { YRS_VALUE_NONE, FALSE, 0, { 0, 0, 0 }, NULL }

typedef enum
{
  YRS_PROGRAMME_PAYMENT,    /* a cash benefit (給付) */
  YRS_PROGRAMME_SERVICE,    /* a service with a fee (産後ケア, ホームヘルプ) */
  YRS_PROGRAMME_INFO,       /* information: subsidies, check-ups, gifts */
  YRS_PROGRAMME_REFERRAL,   /* referral to a counsellor or another office */
} YrsProgrammeKind;

typedef enum
{
  YRS_QUESTION_BOOL,
  YRS_QUESTION_DATE,
  YRS_QUESTION_INT,
  YRS_QUESTION_ENUM,
} YrsQuestionType;

/* When a question is asked: in the eligibility wizard, or when a service
 * is booked (care.facility, care.kind, health.infectious_today). */
typedef enum
{
  YRS_QUESTION_STAGE_CHECK,
  YRS_QUESTION_STAGE_BOOKING,
} YrsQuestionStage;

typedef enum
{
  YRS_FACILITY_JOSANJO,     /* 助産所 */
  YRS_FACILITY_MEDICAL,     /* 医療機関 */
} YrsFacilityType;

typedef enum
{
  YRS_CARE_STAY,            /* 宿泊 */
  YRS_CARE_DAY,             /* 通所 */
  YRS_CARE_VISIT,           /* 訪問 */
  YRS_CARE_N_KINDS,
} YrsCareKind;

/* Borrowed views into a catalogue; valid while the catalogue lives. */
typedef struct _YrsProgramme YrsProgramme;
typedef struct _YrsParam     YrsParam;
typedef struct _YrsQuestion  YrsQuestion;
typedef struct _YrsFacility  YrsFacility;
typedef struct _YrsWard      YrsWard;
typedef struct _YrsCheckup   YrsCheckup;

#define YRS_TYPE_CATALOG (yrs_catalog_get_type ())
G_DECLARE_FINAL_TYPE (YrsCatalog, yrs_catalog, YRS, CATALOG, GObject)

/* Loading. On failure the GError (YRS_CATALOG_ERROR) names the JSON path
 * and the reason, e.g.
 * "$.programmes[3].params.amount_yen[1].from: steps out of order".
 * A caller that already has a catalogue simply keeps it. */
YrsCatalog  *yrs_catalog_new_from_bytes      (GBytes      *bytes,
                                              GError     **error);
YrsCatalog  *yrs_catalog_new_from_file       (const char  *path,
                                              GError     **error);
/* The bundled data/catalog/kobe-2025.json (a GResource in yrs-core). It is
 * validated like any other; a failure here is a build error, so this
 * returns a new reference and never NULL. */
YrsCatalog  *yrs_catalog_new_default         (void);
/* The raw JSON of the bundled catalogue. */
GBytes      *yrs_catalog_get_default_bytes   (void);

/* Identity. `id` and `version` come from the document ("kobe-2025",
 * "2025.11.1"); the etag is a strong validator of the exact bytes
 * ("sha256:<hex>"), usable to compare a cached copy with a server's. */
const char  *yrs_catalog_get_id              (YrsCatalog  *self);
const char  *yrs_catalog_get_version         (YrsCatalog  *self);
/* Where the figures come from, with the document's date ("seed
 * 000_6337f2ccf250850c (神戸市こども家庭局家庭支援課, 2025-06-01)"); "" if
 * the catalogue does not say. */
const char  *yrs_catalog_get_source          (YrsCatalog  *self);
const char  *yrs_catalog_get_etag            (YrsCatalog  *self);
GBytes      *yrs_catalog_get_bytes           (YrsCatalog  *self);
const char  *yrs_catalog_get_title           (YrsCatalog  *self,
                                              YrsLang      lang);

/* Programmes, in catalogue (display) order. */
guint               yrs_catalog_get_n_programmes (YrsCatalog *self);
const YrsProgramme *yrs_catalog_get_programme    (YrsCatalog *self,
                                                  guint       index);
const YrsProgramme *yrs_catalog_lookup_programme (YrsCatalog *self,
                                                  const char *id);

const char       *yrs_programme_get_id          (const YrsProgramme *programme);
YrsProgrammeKind  yrs_programme_get_kind        (const YrsProgramme *programme);
/* The C formula this programme is evaluated with ("pregnancy_payment",
 * "birth_payment", "postpartum_care", "home_help", "infant_checkups",
 * "stage", "always"). */
const char       *yrs_programme_get_rule        (const YrsProgramme *programme);
/* TRUE when the app can file an application or registration for it. */
gboolean          yrs_programme_get_applyable   (const YrsProgramme *programme);
/* The application form it uses ("support_payment",
 * "postpartum_care_registration", "home_help"), or NULL. */
const char       *yrs_programme_get_form        (const YrsProgramme *programme);
gboolean          yrs_programme_get_residents_only (const YrsProgramme *programme);
/* What to bring to apply (母子健康手帳, the bankbook, …): how many, and
 * each in `lang`, with whether it is a sample (not given by the seed). */
guint             yrs_programme_get_n_bring     (const YrsProgramme *programme);
const char       *yrs_programme_get_bring       (const YrsProgramme *programme,
                                                 guint               index,
                                                 YrsLang             lang,
                                                 gboolean           *sample);
/* TRUE when a figure of this programme is a sample, not the city's own. */
gboolean          yrs_programme_get_sample      (const YrsProgramme *programme);
const char       *yrs_programme_get_title       (const YrsProgramme *programme,
                                                 YrsLang             lang);
const char       *yrs_programme_get_summary     (const YrsProgramme *programme,
                                                 YrsLang             lang);
const char       *yrs_programme_get_description (const YrsProgramme *programme,
                                                 YrsLang             lang);
/* Where the rule comes from: a reference into the seed document
 * ("seed 000_6337f2ccf250850c: 産後ケア事業") and/or a city web page. */
const char       *yrs_programme_get_source_ref  (const YrsProgramme *programme);
const char       *yrs_programme_get_source_url  (const YrsProgramme *programme);
/* Its infant check-ups, for the "infant_checkups" rule (else 0). */
guint             yrs_programme_get_n_checkups  (const YrsProgramme *programme);
const YrsCheckup *yrs_programme_get_checkup     (const YrsProgramme *programme,
                                                 guint               index);

/* Parameters: date-ranged steps [{"from": "2024-04-01", "value": 20}, ...],
 * strictly ascending; a step's value holds until the next step's from; a
 * null value ends the parameter. */
const YrsParam   *yrs_programme_get_param       (const YrsProgramme *programme,
                                                 const char         *name);
guint             yrs_programme_get_n_params    (const YrsProgramme *programme);
const YrsParam   *yrs_programme_get_nth_param   (const YrsProgramme *programme,
                                                 guint               index);
const char       *yrs_param_get_name            (const YrsParam     *param);
guint             yrs_param_get_n_steps         (const YrsParam     *param);
/* value->type is YRS_VALUE_NONE for a null (ending) step. */
void              yrs_param_get_step            (const YrsParam     *param,
                                                 guint               index,
                                                 YrsDate            *from,
                                                 YrsValue           *value,
                                                 gboolean           *sample);
/* The value in force on `on`. FALSE when there is none (before the first
 * step, or after a null step). `sample` may be NULL. */
gboolean          yrs_param_lookup              (const YrsParam     *param,
                                                 YrsDate             on,
                                                 YrsValue           *value,
                                                 gboolean           *sample);
/* The first day after `after` on which the value changes; FALSE if none. */
gboolean          yrs_param_next_change         (const YrsParam     *param,
                                                 YrsDate             after,
                                                 YrsDate            *from);
/* Shorthands: FALSE when the programme has no such parameter, it has no
 * value on that date, or the value has another type. */
gboolean          yrs_programme_lookup_int      (const YrsProgramme *programme,
                                                 const char         *name,
                                                 YrsDate             on,
                                                 gint64             *value,
                                                 gboolean           *sample);
gboolean          yrs_programme_lookup_bool     (const YrsProgramme *programme,
                                                 const char         *name,
                                                 YrsDate             on,
                                                 gboolean           *value,
                                                 gboolean           *sample);

/* Infant check-ups (乳幼児健診) and their age windows in months: the
 * window runs from the first day of age `from_months` to the last day
 * before age `until_months` (Civil Code counting, see yrs-date.h). */
const char       *yrs_checkup_get_id            (const YrsCheckup *checkup);
const char       *yrs_checkup_get_title         (const YrsCheckup *checkup,
                                                 YrsLang           lang);
int               yrs_checkup_get_from_months   (const YrsCheckup *checkup);
int               yrs_checkup_get_until_months  (const YrsCheckup *checkup);
gboolean          yrs_checkup_get_statutory     (const YrsCheckup *checkup);
/* National subsidy unit per child, or -1 when the catalogue has none. */
gint64            yrs_checkup_get_subsidy_yen   (const YrsCheckup *checkup);
/* Whether the check-up is offered on `on` (its "offered" steps). */
gboolean          yrs_checkup_is_offered        (const YrsCheckup *checkup,
                                                 YrsDate           on);
void              yrs_checkup_get_window        (const YrsCheckup *checkup,
                                                 YrsDate           birth,
                                                 YrsDate          *from,
                                                 YrsDate          *until);

/* Questions, in asking order. */
guint              yrs_catalog_get_n_questions   (YrsCatalog *self);
const YrsQuestion *yrs_catalog_get_question      (YrsCatalog *self,
                                                  guint       index);
const YrsQuestion *yrs_catalog_lookup_question   (YrsCatalog *self,
                                                  const char *id);

/* The stable ID ("pregnancy.notified_on"), interned. */
const char       *yrs_question_get_id           (const YrsQuestion *question);
YrsQuestionType   yrs_question_get_qtype        (const YrsQuestion *question);
YrsQuestionStage  yrs_question_get_stage        (const YrsQuestion *question);
const char       *yrs_question_get_text         (const YrsQuestion *question,
                                                 YrsLang            lang);
const char       *yrs_question_get_help         (const YrsQuestion *question,
                                                 YrsLang            lang);
/* For int questions: the allowed range (inclusive). */
gint64            yrs_question_get_min          (const YrsQuestion *question);
gint64            yrs_question_get_max          (const YrsQuestion *question);
/* For enum questions. A question whose options come from the facilities
 * ("options_from": "facilities", as care.facility) lists one option per
 * facility, labelled with the facility's name. */
guint             yrs_question_get_n_options    (const YrsQuestion *question);
const char       *yrs_question_get_option_value (const YrsQuestion *question,
                                                 guint              index);
const char       *yrs_question_get_option_label (const YrsQuestion *question,
                                                 guint              index,
                                                 YrsLang            lang);
gboolean          yrs_question_has_option       (const YrsQuestion *question,
                                                 const char        *value);
/* The programme IDs whose rules read this question (NULL-terminated). */
const char *const *yrs_question_get_programmes  (const YrsQuestion *question);

/* Postpartum-care facilities. */
guint              yrs_catalog_get_n_facilities  (YrsCatalog *self);
const YrsFacility *yrs_catalog_get_facility      (YrsCatalog *self,
                                                  guint       index);
const YrsFacility *yrs_catalog_lookup_facility   (YrsCatalog *self,
                                                  const char *id);

/* Stable ID, e.g. "fac-chuo-josanjo-1". */
const char       *yrs_facility_get_id           (const YrsFacility *facility);
YrsFacilityType   yrs_facility_get_facility_type (const YrsFacility *facility);
const char       *yrs_facility_get_name         (const YrsFacility *facility,
                                                 YrsLang            lang);
const char       *yrs_facility_get_address      (const YrsFacility *facility,
                                                 YrsLang            lang);
/* The ward's catalogue ID ("chuo"). */
const char       *yrs_facility_get_ward         (const YrsFacility *facility);
/* TRUE when it offers `kind`; its fee per use (before reductions) goes to
 * fee_yen, which may be NULL. */
gboolean          yrs_facility_offers           (const YrsFacility *facility,
                                                 YrsCareKind        kind,
                                                 gint64            *fee_yen);
gboolean          yrs_facility_get_accepts_over_4_months (const YrsFacility *facility);
gboolean          yrs_facility_get_accepts_siblings      (const YrsFacility *facility);
/* TRUE when its fees are sample figures, not the facility's own. */
gboolean          yrs_facility_get_sample       (const YrsFacility *facility);

/* Wards of the city, with postal-code prefixes for address filling. */
guint              yrs_catalog_get_n_wards       (YrsCatalog *self);
const YrsWard     *yrs_catalog_get_ward          (YrsCatalog *self,
                                                  guint       index);
const YrsWard     *yrs_catalog_lookup_ward       (YrsCatalog *self,
                                                  const char *id);
/* The ward of a 7-digit postal code ("6500001" or "650-0001", full-width
 * digits accepted), by the longest matching prefix; NULL when the code is
 * malformed or not in the city. */
const YrsWard     *yrs_catalog_lookup_postal_code (YrsCatalog *self,
                                                   const char *postal_code);

const char       *yrs_ward_get_id               (const YrsWard *ward);
const char       *yrs_ward_get_name             (const YrsWard *ward,
                                                 YrsLang        lang);
/* The address text a postal code of this ward fills in:
 * "兵庫県神戸市中央区" / "Chuo-ku, Kobe, Hyogo". */
const char       *yrs_ward_get_address          (const YrsWard *ward,
                                                 YrsLang        lang);
/* NULL-terminated list of postal-code prefixes ("650", "6510"). */
const char *const *yrs_ward_get_postal_prefixes (const YrsWard *ward);

/* Care kinds by their catalogue names "stay", "day", "visit". */
const char       *yrs_care_kind_to_string       (YrsCareKind  kind);
gboolean          yrs_care_kind_from_string     (const char  *text,
                                                 YrsCareKind *kind);
/* Translated, for people: "Stay" / "宿泊". */
const char       *yrs_care_kind_get_label       (YrsCareKind  kind);
const char       *yrs_programme_kind_to_string  (YrsProgrammeKind kind);

G_END_DECLS
