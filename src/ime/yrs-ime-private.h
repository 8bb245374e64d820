/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-ime-private.h: the engines behind YrsConverter and YrsHandwriting,
 * for the library itself, its tests and its benchmark. */

#pragma once

#include "yrs-converter.h"
#include "yrs-handwriting.h"

G_BEGIN_DECLS

/* One segment of a conversion: its reading and its candidates (char *),
 * best first. */
typedef struct
{
  char      *reading;
  GPtrArray *candidates;
  guint      selected;
} YrsImeSegment;

YrsImeSegment *_yrs_ime_segment_new          (const char    *reading);
/* Overwrites the strings with zeros before freeing them. */
void           _yrs_ime_segment_free         (YrsImeSegment *segment);
void           _yrs_ime_wipe_string          (char          *string);

/* The old and variant forms of @text's characters that names are
 * registered with (髙 for 高, 﨑 for 崎, 𠮷 for 吉, 邊/邉 for 辺, …),
 * one substitution at a time and then all at once; empty when @text has
 * none. Several are outside JIS X 0213, so in no SKK dictionary and not
 * in zinnia's model either. */
GPtrArray     *_yrs_ime_name_variants        (const char    *text);
/* Inserts each string's variants right after it in @strings (char *,
 * owning), moving a variant up if it was further down; for the first
 * @n_bases strings only. */
void           _yrs_ime_insert_variants      (GPtrArray     *strings,
                                              guint          n_bases);

/* The process-wide libkkc engine: the language model and the SKK
 * dictionaries, loaded on the first call (in the calling thread, which is
 * a worker's), used under a lock. Returns a GPtrArray of YrsImeSegment.
 * @constraints are libkkc's: the end offsets (in characters) of the first
 * segments, which the result keeps. */
GPtrArray     *_yrs_kkc_engine_convert       (const char       *reading,
                                              YrsConverterHint  hint,
                                              const int        *constraints,
                                              guint             n_constraints,
                                              GError          **error);
gboolean       _yrs_kkc_engine_is_loaded     (void);
void           _yrs_kkc_engine_unload        (void);
/* The dictionaries the engine uses, in the order the hint asks them
 * (names as in SKK-JISYO.<name>); for the measurements. */
char          *_yrs_kkc_engine_describe      (YrsConverterHint  hint);

/* Everything the converter holds, as text, for the wipe test. */
char          *_yrs_converter_dump_state     (YrsConverter     *self);

/* The process-wide zinnia recogniser, loaded on the first call. @strokes
 * is a GPtrArray of GArray of YrsHandwritingPoint; returns a NULL-
 * terminated array of at most @n characters, best first. */
char         **_yrs_zinnia_engine_recognize  (GPtrArray        *strokes,
                                              double            width,
                                              double            height,
                                              guint             n,
                                              GError          **error);
gboolean       _yrs_zinnia_engine_is_loaded  (void);
void           _yrs_zinnia_engine_unload     (void);

char          *_yrs_handwriting_dump_state   (YrsHandwriting   *self);

G_END_DECLS
