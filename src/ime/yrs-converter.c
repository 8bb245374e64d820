/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-converter.c: the state of one conversion (reading, segments,
 * selections) on the caller's thread; the work in yrs-kkc-engine.c, in a
 * GTask worker thread. */

#define G_LOG_DOMAIN "yrs-converter"

#include "config.h"

#include <string.h>

#include "yrs-ime-private.h"

struct _YrsConverter
{
  GObject           parent_instance;

  YrsConverterHint  hint;
  char             *reading;
  GPtrArray        *segments;   /* YrsImeSegment */
  int               generation; /* bumped by every request, reset and forget;
                                 * read by the workers, so atomic */
};

enum
{
  PROP_0,
  PROP_HINT,
  PROP_READING,
  PROP_N_SEGMENTS,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (YrsConverter, yrs_converter, G_TYPE_OBJECT)

GType
yrs_converter_hint_get_type (void)
{
  static gsize type_id;
  static const GEnumValue values[] = {
    { YRS_CONVERTER_HINT_TEXT, "YRS_CONVERTER_HINT_TEXT", "text" },
    { YRS_CONVERTER_HINT_NAME, "YRS_CONVERTER_HINT_NAME", "name" },
    { YRS_CONVERTER_HINT_ADDRESS, "YRS_CONVERTER_HINT_ADDRESS", "address" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("YrsConverterHint", values));
  return type_id;
}

void
_yrs_ime_wipe_string (char *string)
{
  if (string == NULL)
    return;
  memset (string, 0, strlen (string));
  g_free (string);
}

YrsImeSegment *
_yrs_ime_segment_new (const char *reading)
{
  YrsImeSegment *segment = g_new0 (YrsImeSegment, 1);

  segment->reading = g_strdup (reading);
  segment->candidates = g_ptr_array_new_null_terminated (8, (GDestroyNotify) _yrs_ime_wipe_string, TRUE);
  return segment;
}

void
_yrs_ime_segment_free (YrsImeSegment *segment)
{
  if (segment == NULL)
    return;
  _yrs_ime_wipe_string (segment->reading);
  g_ptr_array_unref (segment->candidates);
  g_free (segment);
}

/* A request for the worker; owns copies of what it needs. */
typedef struct
{
  char             *reading;
  YrsConverterHint  hint;
  GArray           *constraints;
  int               generation;
  guint             keep;       /* segments before the resized one keep their selection */
  GArray           *kept_selected;
} Request;

static void
request_free (Request *request)
{
  _yrs_ime_wipe_string (request->reading);
  g_clear_pointer (&request->constraints, g_array_unref);
  g_clear_pointer (&request->kept_selected, g_array_unref);
  g_free (request);
}

static void
convert_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  GPtrArray *segments;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  /* Typing fast queues requests behind the engine's lock: one that a
   * newer tap already replaced is not worth converting. */
  if (request->generation != g_atomic_int_get (&YRS_CONVERTER (source_object)->generation))
    {
      g_task_return_new_error (task, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED,
                               "A newer conversion replaced this one");
      return;
    }

  segments = _yrs_kkc_engine_convert (request->reading, request->hint,
                                      (const int *) request->constraints->data,
                                      request->constraints->len, &error);
  if (segments == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, segments, (GDestroyNotify) g_ptr_array_unref);
}

static void
clear_state (YrsConverter *self)
{
  _yrs_ime_wipe_string (g_steal_pointer (&self->reading));
  self->reading = g_strdup ("");
  g_ptr_array_set_size (self->segments, 0);
}

static void
yrs_converter_finalize (GObject *object)
{
  YrsConverter *self = YRS_CONVERTER (object);

  g_ptr_array_set_size (self->segments, 0);
  g_ptr_array_unref (self->segments);
  _yrs_ime_wipe_string (self->reading);

  G_OBJECT_CLASS (yrs_converter_parent_class)->finalize (object);
}

static void
yrs_converter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YrsConverter *self = YRS_CONVERTER (object);

  switch (prop_id)
    {
    case PROP_HINT:
      g_value_set_enum (value, self->hint);
      break;
    case PROP_READING:
      g_value_set_string (value, self->reading);
      break;
    case PROP_N_SEGMENTS:
      g_value_set_uint (value, self->segments->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_converter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YrsConverter *self = YRS_CONVERTER (object);

  switch (prop_id)
    {
    case PROP_HINT:
      yrs_converter_set_hint (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_converter_class_init (YrsConverterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yrs_converter_finalize;
  object_class->get_property = yrs_converter_get_property;
  object_class->set_property = yrs_converter_set_property;

  properties[PROP_HINT] =
    g_param_spec_enum ("hint", NULL, NULL,
                       YRS_TYPE_CONVERTER_HINT, YRS_CONVERTER_HINT_TEXT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READING] =
    g_param_spec_string ("reading", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SEGMENTS] =
    g_param_spec_uint ("n-segments", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the segments, their candidates or a selection change. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
yrs_converter_init (YrsConverter *self)
{
  self->reading = g_strdup ("");
  self->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) _yrs_ime_segment_free);
}

YrsConverter *
yrs_converter_new (YrsConverterHint hint)
{
  return g_object_new (YRS_TYPE_CONVERTER, "hint", hint, NULL);
}

YrsConverterHint
yrs_converter_get_hint (YrsConverter *self)
{
  g_return_val_if_fail (YRS_IS_CONVERTER (self), YRS_CONVERTER_HINT_TEXT);
  return self->hint;
}

void
yrs_converter_set_hint (YrsConverter     *self,
                        YrsConverterHint  hint)
{
  g_return_if_fail (YRS_IS_CONVERTER (self));
  g_return_if_fail (hint <= YRS_CONVERTER_HINT_ADDRESS);

  if (self->hint == hint)
    return;
  self->hint = hint;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT]);
}

static void
notify_changed (YrsConverter *self,
                gboolean      reading_changed,
                guint         old_n_segments)
{
  if (reading_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READING]);
  if (old_n_segments != self->segments->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SEGMENTS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Applies a worker's result if it is still the newest request. */
static gboolean
apply (YrsConverter  *self,
       Request       *request,
       GPtrArray     *segments,
       GError       **error)
{
  gboolean reading_changed;
  guint old_n;

  if (request->generation != g_atomic_int_get (&self->generation))
    {
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED,
                   "A newer conversion replaced this one");
      return FALSE;
    }

  for (guint i = 0; request->kept_selected != NULL && i < request->kept_selected->len && i < segments->len; i++)
    {
      YrsImeSegment *segment = g_ptr_array_index (segments, i);
      guint selected = g_array_index (request->kept_selected, guint, i);

      if (selected < segment->candidates->len)
        segment->selected = selected;
    }

  reading_changed = g_strcmp0 (self->reading, request->reading) != 0;
  old_n = self->segments->len;

  _yrs_ime_wipe_string (self->reading);
  self->reading = g_strdup (request->reading);
  g_ptr_array_set_size (self->segments, 0);
  g_ptr_array_extend_and_steal (self->segments, g_ptr_array_ref (segments));

  notify_changed (self, reading_changed, old_n);
  return TRUE;
}

static Request *
request_new (YrsConverter *self,
             const char   *reading)
{
  Request *request = g_new0 (Request, 1);

  request->reading = g_strdup (reading);
  request->hint = self->hint;
  request->constraints = g_array_new (FALSE, FALSE, sizeof (int));
  request->generation = g_atomic_int_add (&self->generation, 1) + 1;
  return request;
}

/* The request that moves the end of segment @index by @delta, or NULL
 * (with @error) when that is not possible. */
static Request *
resize_request_new (YrsConverter  *self,
                    guint          index,
                    int            delta,
                    GError       **error)
{
  Request *request;
  glong total;
  int offset = 0;

  if (index >= self->segments->len)
    {
      g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_INVALID,
                   "There is no segment %u", index);
      return NULL;
    }

  total = g_utf8_strlen (self->reading, -1);
  request = request_new (self, self->reading);
  request->kept_selected = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i <= index; i++)
    {
      YrsImeSegment *segment = g_ptr_array_index (self->segments, i);
      int size = (int) g_utf8_strlen (segment->reading, -1);

      if (i == index)
        size += delta;
      else
        g_array_append_val (request->kept_selected, segment->selected);
      offset += size;
      if (size < 1 || offset > total)
        {
          g_set_error (error, YRS_IME_ERROR, YRS_IME_ERROR_INVALID,
                       "Segment %u cannot be made %s", index, delta > 0 ? "longer" : "shorter");
          /* Not a new request after all: the current state stays valid. */
          g_atomic_int_add (&self->generation, -1);
          request_free (request);
          return NULL;
        }
      g_array_append_val (request->constraints, offset);
    }
  return request;
}

static void
run_async (YrsConverter        *self,
           Request             *request,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, yrs_converter_convert_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, convert_thread);
}

void
yrs_converter_convert_async (YrsConverter        *self,
                             const char          *reading,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (YRS_IS_CONVERTER (self));
  g_return_if_fail (reading != NULL);

  run_async (self, request_new (self, reading), cancellable, callback, user_data);
}

void
yrs_converter_resize_segment_async (YrsConverter        *self,
                                    guint                index,
                                    int                  delta,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GError *error = NULL;
  Request *request;

  g_return_if_fail (YRS_IS_CONVERTER (self));

  request = resize_request_new (self, index, delta, &error);
  if (request == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, yrs_converter_convert_async);
      g_task_return_error (task, error);
      return;
    }
  run_async (self, request, cancellable, callback, user_data);
}

gboolean
yrs_converter_convert_finish (YrsConverter  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  GTask *task = G_TASK (result);
  g_autoptr(GPtrArray) segments = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == yrs_converter_convert_async, FALSE);

  segments = g_task_propagate_pointer (task, error);
  if (segments == NULL)
    return FALSE;
  return apply (self, g_task_get_task_data (task), segments, error);
}

static gboolean
run_sync (YrsConverter  *self,
          Request       *request,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  gboolean ok = FALSE;

  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      segments = _yrs_kkc_engine_convert (request->reading, request->hint,
                                          (const int *) request->constraints->data,
                                          request->constraints->len, error);
      if (segments != NULL)
        ok = apply (self, request, segments, error);
    }
  request_free (request);
  return ok;
}

gboolean
yrs_converter_convert (YrsConverter  *self,
                       const char    *reading,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (YRS_IS_CONVERTER (self), FALSE);
  g_return_val_if_fail (reading != NULL, FALSE);

  return run_sync (self, request_new (self, reading), cancellable, error);
}

gboolean
yrs_converter_resize_segment (YrsConverter  *self,
                              guint          index,
                              int            delta,
                              GCancellable  *cancellable,
                              GError       **error)
{
  Request *request;

  g_return_val_if_fail (YRS_IS_CONVERTER (self), FALSE);

  request = resize_request_new (self, index, delta, error);
  if (request == NULL)
    return FALSE;
  return run_sync (self, request, cancellable, error);
}

const char *
yrs_converter_get_reading (YrsConverter *self)
{
  g_return_val_if_fail (YRS_IS_CONVERTER (self), NULL);
  return self->reading;
}

guint
yrs_converter_get_n_segments (YrsConverter *self)
{
  g_return_val_if_fail (YRS_IS_CONVERTER (self), 0);
  return self->segments->len;
}

static YrsImeSegment *
get_segment (YrsConverter *self,
             guint         index)
{
  if (index >= self->segments->len)
    return NULL;
  return g_ptr_array_index (self->segments, index);
}

const char *
yrs_converter_get_segment_reading (YrsConverter *self,
                                   guint         index)
{
  YrsImeSegment *segment;

  g_return_val_if_fail (YRS_IS_CONVERTER (self), NULL);
  segment = get_segment (self, index);
  g_return_val_if_fail (segment != NULL, NULL);
  return segment->reading;
}

const char *const *
yrs_converter_get_candidates (YrsConverter *self,
                              guint         index,
                              guint        *n_candidates)
{
  YrsImeSegment *segment;

  g_return_val_if_fail (YRS_IS_CONVERTER (self), NULL);
  segment = get_segment (self, index);
  g_return_val_if_fail (segment != NULL, NULL);

  if (n_candidates != NULL)
    *n_candidates = segment->candidates->len;
  return (const char *const *) segment->candidates->pdata;
}

guint
yrs_converter_get_selected (YrsConverter *self,
                            guint         index)
{
  YrsImeSegment *segment;

  g_return_val_if_fail (YRS_IS_CONVERTER (self), 0);
  segment = get_segment (self, index);
  g_return_val_if_fail (segment != NULL, 0);
  return segment->selected;
}

void
yrs_converter_select (YrsConverter *self,
                      guint         index,
                      guint         candidate)
{
  YrsImeSegment *segment;

  g_return_if_fail (YRS_IS_CONVERTER (self));
  segment = get_segment (self, index);
  g_return_if_fail (segment != NULL);
  g_return_if_fail (candidate < segment->candidates->len);

  if (segment->selected == candidate)
    return;
  segment->selected = candidate;
  g_signal_emit (self, signals[CHANGED], 0);
}

char *
yrs_converter_get_text (YrsConverter *self)
{
  GString *text;

  g_return_val_if_fail (YRS_IS_CONVERTER (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->segments->len; i++)
    {
      YrsImeSegment *segment = g_ptr_array_index (self->segments, i);

      g_string_append (text, g_ptr_array_index (segment->candidates, segment->selected));
    }
  return g_string_free (text, FALSE);
}

char *
yrs_converter_commit (YrsConverter *self)
{
  char *text;

  g_return_val_if_fail (YRS_IS_CONVERTER (self), NULL);

  text = yrs_converter_get_text (self);
  yrs_converter_reset (self);
  return text;
}

void
yrs_converter_reset (YrsConverter *self)
{
  gboolean had_reading;
  guint old_n;

  g_return_if_fail (YRS_IS_CONVERTER (self));

  g_atomic_int_inc (&self->generation);
  had_reading = *self->reading != '\0';
  old_n = self->segments->len;
  clear_state (self);
  if (had_reading || old_n > 0)
    notify_changed (self, had_reading, old_n);
}

void
yrs_converter_forget (YrsConverter *self)
{
  g_return_if_fail (YRS_IS_CONVERTER (self));

  /* The strings are overwritten as they are freed (_yrs_ime_wipe_string);
   * the results of requests still in flight are dropped unseen and
   * wiped the same way when their tasks are freed. */
  yrs_converter_reset (self);
}

char *
_yrs_converter_dump_state (YrsConverter *self)
{
  GString *dump = g_string_new (NULL);

  g_string_append_printf (dump, "reading=%s\n", self->reading);
  for (guint i = 0; i < self->segments->len; i++)
    {
      YrsImeSegment *segment = g_ptr_array_index (self->segments, i);

      g_string_append_printf (dump, "segment %u reading=%s selected=%u:", i,
                              segment->reading, segment->selected);
      for (guint c = 0; c < segment->candidates->len; c++)
        g_string_append_printf (dump, " %s", (char *) g_ptr_array_index (segment->candidates, c));
      g_string_append_c (dump, '\n');
    }
  return g_string_free (dump, FALSE);
}
