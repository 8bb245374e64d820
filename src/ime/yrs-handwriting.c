/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-handwriting.c: the strokes of one character on the caller's thread;
 * the recognition in yrs-zinnia-engine.c, in a GTask worker thread. */

#define G_LOG_DOMAIN "yrs-handwriting"

#include "config.h"

#include <string.h>

#include "yrs-ime-private.h"

struct _YrsHandwriting
{
  GObject    parent_instance;

  double     width;
  double     height;
  GPtrArray *strokes;     /* GArray of YrsHandwritingPoint */
  int        generation;  /* read by the workers: atomic */
};

enum
{
  PROP_0,
  PROP_N_STROKES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (YrsHandwriting, yrs_handwriting, G_TYPE_OBJECT)

static void
wipe_points (GArray *points)
{
  if (points->len > 0)
    memset (points->data, 0, points->len * sizeof (YrsHandwritingPoint));
  g_array_unref (points);
}

static GPtrArray *
strokes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) wipe_points);
}

typedef struct
{
  GPtrArray *strokes;
  double     width;
  double     height;
  guint      n;
  int        generation;
} Request;

static void
request_free (Request *request)
{
  g_ptr_array_unref (request->strokes);
  g_free (request);
}

static void
yrs_handwriting_finalize (GObject *object)
{
  YrsHandwriting *self = YRS_HANDWRITING (object);

  g_ptr_array_unref (self->strokes);

  G_OBJECT_CLASS (yrs_handwriting_parent_class)->finalize (object);
}

static void
yrs_handwriting_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsHandwriting *self = YRS_HANDWRITING (object);

  switch (prop_id)
    {
    case PROP_N_STROKES:
      g_value_set_uint (value, self->strokes->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_handwriting_class_init (YrsHandwritingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_handwriting_finalize;
  object_class->get_property = yrs_handwriting_get_property;

  properties[PROP_N_STROKES] =
    g_param_spec_uint ("n-strokes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_handwriting_init (YrsHandwriting *self)
{
  self->strokes = strokes_new ();
  self->width = self->height = 300;
}

YrsHandwriting *
yrs_handwriting_new (double width,
                     double height)
{
  YrsHandwriting *self = g_object_new (YRS_TYPE_HANDWRITING, NULL);

  yrs_handwriting_set_size (self, width, height);
  return self;
}

void
yrs_handwriting_set_size (YrsHandwriting *self,
                          double          width,
                          double          height)
{
  g_return_if_fail (YRS_IS_HANDWRITING (self));
  g_return_if_fail (width >= 1 && height >= 1);

  self->width = width;
  self->height = height;
}

void
yrs_handwriting_begin_stroke (YrsHandwriting *self)
{
  g_return_if_fail (YRS_IS_HANDWRITING (self));

  g_ptr_array_add (self->strokes, g_array_new (FALSE, FALSE, sizeof (YrsHandwritingPoint)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STROKES]);
}

void
yrs_handwriting_add_point (YrsHandwriting *self,
                           double          x,
                           double          y)
{
  YrsHandwritingPoint point;

  g_return_if_fail (YRS_IS_HANDWRITING (self));

  if (self->strokes->len == 0)
    yrs_handwriting_begin_stroke (self);
  /* Inside the pad: a finger that slides off counts at the edge. */
  point.x = (float) CLAMP (x, 0, self->width);
  point.y = (float) CLAMP (y, 0, self->height);
  g_array_append_val (g_ptr_array_index (self->strokes, self->strokes->len - 1), point);
}

guint
yrs_handwriting_get_n_strokes (YrsHandwriting *self)
{
  g_return_val_if_fail (YRS_IS_HANDWRITING (self), 0);
  return self->strokes->len;
}

const YrsHandwritingPoint *
yrs_handwriting_get_stroke (YrsHandwriting *self,
                            guint           index,
                            guint          *n_points)
{
  GArray *points;

  g_return_val_if_fail (YRS_IS_HANDWRITING (self), NULL);
  g_return_val_if_fail (index < self->strokes->len, NULL);

  points = g_ptr_array_index (self->strokes, index);
  if (n_points != NULL)
    *n_points = points->len;
  return (const YrsHandwritingPoint *) points->data;
}

void
yrs_handwriting_undo_stroke (YrsHandwriting *self)
{
  g_return_if_fail (YRS_IS_HANDWRITING (self));

  if (self->strokes->len == 0)
    return;
  g_ptr_array_remove_index (self->strokes, self->strokes->len - 1);
  g_atomic_int_inc (&self->generation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STROKES]);
}

void
yrs_handwriting_clear (YrsHandwriting *self)
{
  g_return_if_fail (YRS_IS_HANDWRITING (self));

  g_atomic_int_inc (&self->generation);
  if (self->strokes->len == 0)
    return;
  g_ptr_array_set_size (self->strokes, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STROKES]);
}

void
yrs_handwriting_forget (YrsHandwriting *self)
{
  g_return_if_fail (YRS_IS_HANDWRITING (self));

  /* The points are overwritten as they are freed (wipe_points), here and
   * in the copies requests in flight hold. */
  yrs_handwriting_clear (self);
}

/* A deep copy of the strokes, so that the pad can go on drawing while the
 * worker reads. */
static Request *
request_new (YrsHandwriting *self,
             guint           n)
{
  Request *request = g_new0 (Request, 1);

  request->strokes = strokes_new ();
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *points = g_ptr_array_index (self->strokes, i);
      GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (YrsHandwritingPoint), points->len);

      g_array_append_vals (copy, points->data, points->len);
      g_ptr_array_add (request->strokes, copy);
    }
  request->width = self->width;
  request->height = self->height;
  request->n = n;
  /* Each request replaces the one before, as each stroke adds to the
   * character: only the newest candidates are shown. */
  request->generation = g_atomic_int_add (&self->generation, 1) + 1;
  return request;
}

static void
recognize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  char **chars;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (request->generation != g_atomic_int_get (&YRS_HANDWRITING (source_object)->generation))
    {
      g_task_return_new_error (task, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED,
                               "A newer request or a change of the strokes replaced this one");
      return;
    }

  chars = _yrs_zinnia_engine_recognize (request->strokes, request->width, request->height,
                                        request->n, &error);
  if (chars == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, chars, (GDestroyNotify) g_strfreev);
}

void
yrs_handwriting_recognize_async (YrsHandwriting      *self,
                                 guint                n,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YRS_IS_HANDWRITING (self));
  g_return_if_fail (n > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_handwriting_recognize_async);
  g_task_set_task_data (task, request_new (self, n), (GDestroyNotify) request_free);
  g_task_run_in_thread (task, recognize_thread);
}

char **
yrs_handwriting_recognize_finish (YrsHandwriting  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  GTask *task = G_TASK (result);
  Request *request;
  char **chars;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == yrs_handwriting_recognize_async, NULL);

  chars = g_task_propagate_pointer (task, error);
  if (chars == NULL)
    return NULL;

  /* A newer request was made, or strokes were taken back or wiped
   * meanwhile: the candidates are for a character no longer on the pad. */
  request = g_task_get_task_data (task);
  if (request->generation != g_atomic_int_get (&self->generation))
    {
      g_strfreev (chars);
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED,
                   "A newer request or a change of the strokes replaced this one");
      return NULL;
    }
  return chars;
}

char **
yrs_handwriting_recognize (YrsHandwriting  *self,
                           guint            n,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GPtrArray) strokes = NULL;
  Request *request;
  char **chars;

  g_return_val_if_fail (YRS_IS_HANDWRITING (self), NULL);
  g_return_val_if_fail (n > 0, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  request = request_new (self, n);
  chars = _yrs_zinnia_engine_recognize (request->strokes, request->width, request->height,
                                        n, error);
  request_free (request);
  return chars;
}

char *
_yrs_handwriting_dump_state (YrsHandwriting *self)
{
  GString *dump = g_string_new (NULL);

  g_string_append_printf (dump, "size=%gx%g strokes=%u\n", self->width, self->height,
                          self->strokes->len);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *points = g_ptr_array_index (self->strokes, i);

      for (guint p = 0; p < points->len; p++)
        {
          const YrsHandwritingPoint *pt = &g_array_index (points, YrsHandwritingPoint, p);

          g_string_append_printf (dump, " %g,%g", pt->x, pt->y);
        }
      g_string_append_c (dump, '\n');
    }
  return g_string_free (dump, FALSE);
}
