/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-ime.h: writing Japanese without a keyboard (issue 21). GTK-free:
 * YrsConverter turns a reading in hiragana into kanji (libkkc with its
 * language model and the SKK dictionaries of personal and place names),
 * YrsHandwriting turns strokes into characters (zinnia). Both load their
 * data lazily, in a worker thread, on first use, and keep nothing of one
 * person for the next. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YRS_IME_ERROR (yrs_ime_error_quark ())

typedef enum
{
  YRS_IME_ERROR_UNAVAILABLE,  /* the engine or its data could not be loaded */
  YRS_IME_ERROR_INVALID,      /* a bad argument: not hiragana, no strokes, … */
  YRS_IME_ERROR_SUPERSEDED,   /* a newer request (or forget()) replaced this one */
} YrsImeError;

GQuark   yrs_ime_error_quark (void);

/* Whether the conversion engine / the handwriting model is in memory. */
gboolean yrs_ime_converter_loaded   (void);
gboolean yrs_ime_handwriting_loaded (void);
/* Releases both engines' data (model, dictionaries: about 60 MiB once
 * both were used), so that a kiosk between two people is back to its
 * start-up memory; the next request loads them again (0.1-0.3 s). Safe
 * at any time: a request in flight finishes first or reloads. */
void     yrs_ime_unload             (void);
/* Loads both now, in the calling thread (the start-up benchmark's
 * "engines loaded at start"; the app itself loads them lazily). */
void     yrs_ime_preload            (void);

G_END_DECLS
