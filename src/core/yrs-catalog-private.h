/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-catalog-private.h: the catalogue's structures, for yrs-core only. */

#pragma once

#include <json-glib/json-glib.h>

#include "yrs-catalog.h"

G_BEGIN_DECLS

/* Localised text: [YRS_LANG_JA], [YRS_LANG_EN]; borrowed from the JSON. */
typedef const char *YrsText[2];

typedef struct
{
  YrsDate  from;
  YrsValue value;      /* YRS_VALUE_NONE: the parameter ends here */
  gboolean sample;
} YrsStep;

struct _YrsParam
{
  const char *name;    /* interned */
  guint       n_steps;
  YrsStep    *steps;
};

struct _YrsCheckup
{
  const char *id;
  YrsText     title;
  int         from_months;
  int         until_months;
  gboolean    statutory;
  gint64      subsidy_yen;
  gboolean    subsidy_sample;
  YrsParam    offered;  /* n_steps == 0: always offered */
};

typedef struct
{
  YrsText     text;
  gboolean    sample;
} YrsBringItem;

struct _YrsProgramme
{
  const char       *id;      /* interned */
  YrsProgrammeKind  kind;
  const char       *rule;    /* interned */
  gboolean          applyable;
  const char       *form;
  gboolean          residents_only;
  gboolean          sample;
  gboolean          show_first_after_loss;
  YrsText           title;
  YrsText           summary;
  YrsText           description;
  const char       *source_ref;
  const char       *source_url;
  guint             n_params;
  YrsParam         *params;
  guint             n_checkups;
  YrsCheckup       *checkups;
  guint             n_bring;
  YrsBringItem     *bring;
};

typedef struct
{
  const char *value;   /* interned */
  YrsText     label;
} YrsOption;

struct _YrsQuestion
{
  const char      *id;     /* interned */
  YrsQuestionType  type;
  YrsQuestionStage stage;
  YrsText          text;
  YrsText          help;
  gint64           min;
  gint64           max;
  guint            n_options;
  YrsOption       *options;
  const char     **programmes;   /* NULL-terminated, interned */
  guint            index;        /* asking order */
};

struct _YrsFacility
{
  const char      *id;   /* interned */
  YrsFacilityType  type;
  const char      *ward; /* interned */
  YrsText          name;
  YrsText          address;
  gboolean         offers[YRS_CARE_N_KINDS];
  gint64           fee_yen[YRS_CARE_N_KINDS];
  gboolean         accepts_over_4_months;
  gboolean         accepts_siblings;
  gboolean         sample;
};

struct _YrsWard
{
  const char  *id;   /* interned */
  YrsText      name;
  YrsText      address;
  const char **postal_prefixes;  /* NULL-terminated, borrowed */
};

/* By interned name: a pointer comparison. */
const YrsParam *_yrs_programme_param (const YrsProgramme *programme,
                                      const char         *interned_name);
/* The step in force on `on`, or NULL. */
const YrsStep  *_yrs_param_step      (const YrsParam     *param,
                                      YrsDate             on);

/* Rejects JSON nested deeper than `max_depth`, or with a string escape
 * JSON does not have (json-glib takes "\NNN" as an octal byte), before
 * json-glib sees it. */
gboolean        _yrs_json_check_depth (const char *data,
                                       gsize       length,
                                       guint       max_depth);

typedef enum
{
  YRS_JSON_OK,
  YRS_JSON_TOO_DEEP,
  YRS_JSON_BAD_ESCAPE,
  YRS_JSON_REPEATED_KEY,   /* json-glib keeps the last, silently */
  YRS_JSON_NUL,            /* \u0000: json-glib's string would end there */
  YRS_JSON_BIG_INTEGER,    /* beyond 64 bits: json-glib gives -1 or a wrap */
} YrsJsonCheck;

/* What json-glib would accept but resolve silently, found before it sees
 * the text, as well as _yrs_json_check_depth's checks. On a problem,
 * `where` (optional) gets the JSON path of the member ("$.a.b", "$[2]"),
 * and `what` (optional) the repeated key, the whole string with the NUL
 * shown as \u0000 (up to 80 bytes and "…"), or the integer's digits. */
YrsJsonCheck    _yrs_json_check       (const char  *data,
                                       gsize        length,
                                       guint        max_depth,
                                       char       **where,
                                       char       **what);

G_END_DECLS
