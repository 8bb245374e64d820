/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-handwriting.h: characters from strokes drawn with a finger.
 *
 * The pad adds points to the current stroke as the finger moves
 * (begin_stroke, add_point…); after each stroke it asks for candidates,
 * which zinnia (with tegaki-zinnia-japanese's model) finds in a worker
 * thread. The model loads on the first request. forget() wipes the
 * strokes (the kiosk's session wipe); nothing is learned. */

#pragma once

#include <gio/gio.h>

#include "yrs-ime.h"

G_BEGIN_DECLS

typedef struct
{
  float x;
  float y;
} YrsHandwritingPoint;

#define YRS_TYPE_HANDWRITING (yrs_handwriting_get_type ())

G_DECLARE_FINAL_TYPE (YrsHandwriting, yrs_handwriting, YRS, HANDWRITING, GObject)

/* @width and @height: the size of the pad, in the points' units. */
YrsHandwriting *yrs_handwriting_new              (double               width,
                                                  double               height);
void            yrs_handwriting_set_size         (YrsHandwriting      *self,
                                                  double               width,
                                                  double               height);

void            yrs_handwriting_begin_stroke     (YrsHandwriting      *self);
void            yrs_handwriting_add_point        (YrsHandwriting      *self,
                                                  double               x,
                                                  double               y);
guint           yrs_handwriting_get_n_strokes    (YrsHandwriting      *self);
/* The points of stroke @index (for drawing it again). */
const YrsHandwritingPoint *
                yrs_handwriting_get_stroke       (YrsHandwriting      *self,
                                                  guint                index,
                                                  guint               *n_points);
/* Removes the last stroke (the pad's "one back"). */
void            yrs_handwriting_undo_stroke      (YrsHandwriting      *self);
/* Removes every stroke. */
void            yrs_handwriting_clear            (YrsHandwriting      *self);
/* clear(), overwriting the points first; in-flight requests are
 * superseded. */
void            yrs_handwriting_forget           (YrsHandwriting      *self);

/* The @n best characters for the strokes so far, each followed by the
 * old or variant forms names are registered with that the model does
 * not know (高 then 髙): so possibly more than @n. A newer request, an
 * undo, clear() or forget() makes an older one finish with
 * YRS_IME_ERROR_SUPERSEDED. */
void            yrs_handwriting_recognize_async  (YrsHandwriting      *self,
                                                  guint                n,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char          **yrs_handwriting_recognize_finish (YrsHandwriting      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
char          **yrs_handwriting_recognize        (YrsHandwriting      *self,
                                                  guint                n,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

G_END_DECLS
