/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "yrs-catalog.h"
#include "yrs-result-item.h"

G_BEGIN_DECLS

typedef enum
{
  YRS_RECORD_ITEM_TOPIC,       /* a consultation topic (yrs-consultation.h) */
  YRS_RECORD_ITEM_PRESENT,     /* who was there */
  YRS_RECORD_ITEM_PROGRAMME,   /* a catalogue programme (explained, or a referral) */
} YrsRecordItemKind;

#define YRS_TYPE_RECORD_ITEM (yrs_record_item_get_type ())

G_DECLARE_FINAL_TYPE (YrsRecordItem, yrs_record_item, YRS, RECORD_ITEM, GObject)

/* One tickable line of a visit's record: a topic, a person present, a
 * programme explained (consultation), or a referral offered and chosen
 * (EPDS). Properties: "id" (the wire id), "label" and "detail" (made when
 * read, in the current language: a page rebuilt after a language switch
 * shows the new one), "active" (ticked: explained, present, a topic),
 * "offered" and "chosen" (referrals: chosen implies offered), "sample"
 * (a catalogue figure behind it is a sample), "can-register" (the
 * referral is 産後ケア and may be registered for from here). */
YrsRecordItem *yrs_record_item_new         (YrsRecordItemKind  kind,
                                            const char        *id,
                                            YrsCatalog        *catalog);
const char    *yrs_record_item_get_id      (YrsRecordItem     *self);
const char    *yrs_record_item_get_label   (YrsRecordItem     *self);
/* A line under the label: the eligibility engine's status and figure for
 * a programme ("Eligible · ¥2,500 off per use"), in the current language;
 * "" when none. */
char          *yrs_record_item_dup_detail  (YrsRecordItem     *self);
/* The programme's result the detail is made from (a programme item). */
void           yrs_record_item_set_result  (YrsRecordItem     *self,
                                            YrsResultItem     *result);
YrsResultItem *yrs_record_item_get_result  (YrsRecordItem     *self);
gboolean       yrs_record_item_get_active  (YrsRecordItem     *self);
void           yrs_record_item_set_active  (YrsRecordItem     *self,
                                            gboolean           active);
gboolean       yrs_record_item_get_offered (YrsRecordItem     *self);
void           yrs_record_item_set_offered (YrsRecordItem     *self,
                                            gboolean           offered);
gboolean       yrs_record_item_get_chosen  (YrsRecordItem     *self);
void           yrs_record_item_set_chosen  (YrsRecordItem     *self,
                                            gboolean           chosen);
gboolean       yrs_record_item_get_sample  (YrsRecordItem     *self);
void           yrs_record_item_set_sample  (YrsRecordItem     *self,
                                            gboolean           sample);
gboolean       yrs_record_item_get_can_register (YrsRecordItem *self);
void           yrs_record_item_set_can_register (YrsRecordItem *self,
                                                 gboolean       can_register);

/* The ids of the items of @model (of YrsRecordItem) that are active
 * (or offered, or chosen), in the model's order, as a JSON array. */
typedef enum
{
  YRS_RECORD_ITEM_ACTIVE,
  YRS_RECORD_ITEM_OFFERED,
  YRS_RECORD_ITEM_CHOSEN,
} YrsRecordItemFlag;

JsonArray     *yrs_record_items_to_json (GListModel        *model,
                                            YrsRecordItemFlag  flag);
guint          yrs_record_items_count      (GListModel        *model,
                                            YrsRecordItemFlag  flag);

G_END_DECLS
