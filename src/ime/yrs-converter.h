/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-converter.h: kana-to-kanji conversion for the kiosk's keypad.
 *
 * The keypad gives the reading in hiragana; the converter splits it into
 * segments (文節), each with a list of candidates, the first selected. The
 * person picks a candidate per segment, may move a boundary (the segment
 * longer or shorter), and commits: the converted text.
 *
 * Conversion runs in a worker thread (libkkc is never touched on the main
 * thread); the library, its language model and the dictionaries load on
 * the first request, not before, and are shared by every converter of the
 * process (they are read-only). A converter keeps nothing it learns: there
 * is no user dictionary, and yrs_converter_forget() wipes the reading,
 * segments and candidates (the kiosk's session wipe).
 *
 * Requests supersede each other: when a reading changes at every tap, only
 * the newest request's result is applied; an older one finishes with
 * YRS_IME_ERROR_SUPERSEDED. "changed" is emitted whenever the segments or
 * a selection change. */

#pragma once

#include <gio/gio.h>

#include "yrs-ime.h"

G_BEGIN_DECLS

/* What the field is for: the order in which the dictionaries are asked
 * (personal names first for 氏名, place names first for 住所). */
typedef enum
{
  YRS_CONVERTER_HINT_TEXT,
  YRS_CONVERTER_HINT_NAME,
  YRS_CONVERTER_HINT_ADDRESS,
} YrsConverterHint;

#define YRS_TYPE_CONVERTER_HINT (yrs_converter_hint_get_type ())
GType yrs_converter_hint_get_type (void) G_GNUC_CONST;

#define YRS_TYPE_CONVERTER (yrs_converter_get_type ())

G_DECLARE_FINAL_TYPE (YrsConverter, yrs_converter, YRS, CONVERTER, GObject)

YrsConverter      *yrs_converter_new                    (YrsConverterHint     hint);

YrsConverterHint   yrs_converter_get_hint               (YrsConverter        *self);
void               yrs_converter_set_hint               (YrsConverter        *self,
                                                         YrsConverterHint     hint);

/* Converts @reading (hiragana; other characters pass through as they are)
 * in the worker thread and, on success, replaces the segments. An empty
 * reading clears them at once. */
void               yrs_converter_convert_async          (YrsConverter        *self,
                                                         const char          *reading,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Moves the end of segment @index by @delta characters (+1 longer, -1
 * shorter) and converts again; the segments before it stay as they are. */
void               yrs_converter_resize_segment_async   (YrsConverter        *self,
                                                         guint                index,
                                                         int                  delta,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Finishes either request above. */
gboolean           yrs_converter_convert_finish         (YrsConverter        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* The same, blocking the calling thread (tests, benchmarks, a worker). */
gboolean           yrs_converter_convert                (YrsConverter        *self,
                                                         const char          *reading,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
gboolean           yrs_converter_resize_segment         (YrsConverter        *self,
                                                         guint                index,
                                                         int                  delta,
                                                         GCancellable        *cancellable,
                                                         GError             **error);

const char        *yrs_converter_get_reading            (YrsConverter        *self);
guint              yrs_converter_get_n_segments         (YrsConverter        *self);
const char        *yrs_converter_get_segment_reading    (YrsConverter        *self,
                                                         guint                index);
/* The candidates of a segment, best first; NULL-terminated, owned by the
 * converter and valid until the next change. Never empty: the reading in
 * hiragana and in katakana are always among them (last, unless a
 * dictionary put them higher). */
const char *const *yrs_converter_get_candidates         (YrsConverter        *self,
                                                         guint                index,
                                                         guint               *n_candidates);
guint              yrs_converter_get_selected           (YrsConverter        *self,
                                                         guint                index);
void               yrs_converter_select                 (YrsConverter        *self,
                                                         guint                index,
                                                         guint                candidate);
/* The text the selections make now (what the field shows while she picks). */
char              *yrs_converter_get_text               (YrsConverter        *self);

/* Returns the converted text and resets the converter. */
char              *yrs_converter_commit                 (YrsConverter        *self);
/* Drops the reading and segments (in-flight requests are superseded). */
void               yrs_converter_reset                  (YrsConverter        *self);
/* reset(), and overwrites the strings it held before freeing them: no
 * trace of the last person's reading stays in this converter. */
void               yrs_converter_forget                 (YrsConverter        *self);

G_END_DECLS
