/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sync"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-sync-engine.h"
#include "yrs-sync-worker.h"

#define MAX_IN_FLIGHT 4
/* A server's Retry-After beyond this is not believed. */
#define MAX_RETRY_AFTER_S (3600)

typedef enum
{
  PHASE_NONE,
  PHASE_OUTBOX,
  PHASE_CASES,
  PHASE_CATALOG,
  PHASE_FACILITIES,
  PHASE_SLOTS,
} Phase;

struct _YrsSyncEngine
{
  GObject          parent_instance;

  YrsStore        *store;
  YrsApiClient    *client;
  YrsSyncWorker   *worker;          /* outbox writes, slot pages -> deltas */
  GNetworkMonitor *monitor;
  gulong           monitor_id;
  GCancellable    *cancellable;     /* of the running sync; new one per start */
  GRand           *rand;

  guint            interval_s;
  guint            backoff_base_ms;
  guint            backoff_cap_ms;

  gboolean         started;
  guint            timer_id;
  gint64           timer_due;       /* monotonic µs of timer_id */
  gint64           next_full_at;    /* monotonic µs of the next periodic full sync */

  /* The running sync. */
  gboolean         running;
  gboolean         full;            /* with catalogue, facilities and slots */
  gboolean         again;           /* asked for while running */
  gboolean         again_full;
  Phase            phase;
  GHashTable      *in_flight;       /* owner -> idempotency key */
  GHashTable      *held;            /* owners whose row the store failed on, this sync */
  gboolean         put_off_offline; /* a row waits out a backoff for want of the server */
  gboolean         pumping;
  gboolean         pump_again;
  GError          *sync_error;
  GPtrArray       *waiters;         /* GTask of yrs_sync_engine_sync_async() */
  GPtrArray       *next_waiters;    /* for the sync after this one */
  GPtrArray       *facilities;      /* YrsStoreFacility from this sync */

  YrsSyncState     state;
  guint            pending;
  guint            failed;
  gint64           last_success;
  char            *last_error;

  /* The home visits (issue 17): the signed-in staff member whose ward's
   * cases each full sync downloads into her sealed cache; NULL on a kiosk
   * and when nobody is signed in. */
  char            *case_owner;
  guint            case_retention_days;
};

G_DEFINE_FINAL_TYPE (YrsSyncEngine, yrs_sync_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_PENDING,
  PROP_FAILED,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ROW_ANSWERED,
  UNAUTHORIZED,
  SLOTS_CHANGED,
  CASES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_sync (YrsSyncEngine *self);
static void request_sync (YrsSyncEngine *self,
                          gboolean       full);
static void on_catalog (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data);
static void outbox_pump (YrsSyncEngine *self);
static void next_phase (YrsSyncEngine *self);

G_DEFINE_ENUM_TYPE (YrsSyncState, yrs_sync_state,
                    G_DEFINE_ENUM_VALUE (YRS_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (YRS_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (YRS_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (YRS_SYNC_STATE_ERROR, "error"))

/* ---- Properties ------------------------------------------------------- */

static void
set_state (YrsSyncEngine *self,
           YrsSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_last_error (YrsSyncEngine *self,
                const char    *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_counts (YrsSyncEngine *self,
            guint          pending,
            guint          failed)
{
  if (pending != self->pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (failed != self->failed)
    {
      self->failed = failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }
}

static void
update_counts (YrsSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  guint pending = 0, failed = 0;

  if (!yrs_store_outbox_count (self->store, &pending, &failed, &error))
    {
      g_warning ("Counting the outbox: %s", error->message);
      return;
    }
  set_counts (self, pending, failed);
}

/* Keeps the first error of a sync: it says best what went wrong. */
static void
record_error (YrsSyncEngine *self,
              const GError  *error)
{
  g_debug ("sync: %s", error->message);
  if (self->sync_error == NULL)
    self->sync_error = g_error_copy (error);
}

/* ---- Scheduling ------------------------------------------------------- */

static gboolean
on_timer (gpointer user_data)
{
  YrsSyncEngine *self = user_data;
  gint64 now = g_get_monotonic_time ();

  self->timer_id = 0;
  if (now >= self->next_full_at)
    {
      self->full = TRUE;
      self->next_full_at = now + (gint64) self->interval_s * G_USEC_PER_SEC;
    }
  else
    self->full = FALSE;
  run_sync (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_at (YrsSyncEngine *self,
             gint64         due)
{
  gint64 now = g_get_monotonic_time ();

  if (self->timer_id != 0 && self->timer_due <= due)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_due = due;
  self->timer_id = g_timeout_add (due > now ? (guint) ((due - now + 999) / 1000) : 0, on_timer, self);
}

/* After a sync: the next periodic one, or sooner when a row's backoff
 * ends. */
static void
schedule_next (YrsSyncEngine *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 due = self->next_full_at;
  gint64 now_real = g_get_real_time ();
  gint64 now = g_get_monotonic_time ();

  if (!self->started)
    return;
  rows = yrs_store_outbox_list (self->store, NULL, YRS_OUTBOX_STATE_QUEUED, &error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      YrsOutboxItem *row = g_ptr_array_index (rows, i);
      gint64 at = now + MAX (0, row->next_try_at - now_real);

      due = MIN (due, at);
    }
  schedule_at (self, due);
}

static gint64
backoff_us (YrsSyncEngine *self,
            int            tries,
            gint64         retry_after_s)
{
  guint64 ceiling = self->backoff_base_ms;
  gint64 delay;

  for (int i = 1; i < tries && ceiling < self->backoff_cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, self->backoff_cap_ms);
  /* Full jitter: anywhere between now and the ceiling. */
  delay = (gint64) (g_rand_double (self->rand) * ceiling * 1000);
  if (retry_after_s >= 0)
    delay = MAX (delay, MIN (retry_after_s, MAX_RETRY_AFTER_S) * G_USEC_PER_SEC);
  return delay;
}

/* ---- The sync --------------------------------------------------------- */

static void sync_made_due (YrsSyncEngine *self,
                           gboolean       asked);

static void
finish_sync (YrsSyncEngine *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  g_autoptr(GError) error = g_steal_pointer (&self->sync_error);

  self->running = FALSE;
  self->phase = PHASE_NONE;
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  update_counts (self);

  if (error == NULL)
    {
      self->last_success = g_get_real_time ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
      set_last_error (self, NULL);
      set_state (self, YRS_SYNC_STATE_IDLE);
      /* A full sync reached the server: rows put off while it could not
       * be reached go now rather than at the end of their backoff (a
       * server can come back without any change of the network). */
      if (self->full && self->put_off_offline && self->started)
        {
          self->put_off_offline = FALSE;
          sync_made_due (self, FALSE);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, YRS_SYNC_STATE_IDLE);
  else
    {
      set_last_error (self, error->message);
      if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE) ||
          g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_TIMEOUT))
        set_state (self, YRS_SYNC_STATE_OFFLINE);
      else
        set_state (self, YRS_SYNC_STATE_ERROR);
    }

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  if (self->again)
    {
      self->full = self->again_full;
      self->again = self->again_full = FALSE;
      run_sync (self);
    }
  else
    schedule_next (self);
}

static void
run_sync (YrsSyncEngine *self)
{
  if (self->running)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  self->running = TRUE;
  self->waiters = g_steal_pointer (&self->next_waiters);
  if (self->waiters == NULL)
    self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_error (&self->sync_error);
  g_hash_table_remove_all (self->held);
  set_state (self, YRS_SYNC_STATE_SYNCING);
  self->phase = PHASE_OUTBOX;
  outbox_pump (self);
}

static void
request_sync (YrsSyncEngine *self,
              gboolean       full)
{
  if (self->running)
    {
      self->again = TRUE;
      self->again_full |= full;
      return;
    }
  self->full = full;
  if (full)
    self->next_full_at = g_get_monotonic_time () + (gint64) self->interval_s * G_USEC_PER_SEC;
  run_sync (self);
}

/* ---- Outbox ----------------------------------------------------------- */

/* One outbox row on its way: prepared on the worker (marked sending),
 * sent from the main thread, its answer written on the worker. */
typedef struct
{
  YrsSyncEngine  *self;
  char           *key;
  char           *owner;
  YrsOutboxKind   kind;
  int             tries;
  char           *payload;       /* as queued; NULL once cleared by a wipe */

  /* The write of the answer. */
  YrsOutboxState  new_state;     /* QUEUED: a retry at next_try_at */
  char           *value;         /* reference, reason, alternatives or last error */
  char           *server_id;     /* an accepted registration's ID, for its reservations */
  gint64          next_try_at;
  guint           pending;       /* the outbox counts after the write */
  guint           failed;
} RowCall;

static void
row_call_free (RowCall *call)
{
  g_object_unref (call->self);
  g_free (call->key);
  g_free (call->owner);
  g_free (call->payload);
  g_free (call->value);
  g_free (call->server_id);
  g_free (call);
}

/* A short, stable account of a definite rejection for the outbox row:
 * {"status":422,"type":"…","title":"…","errors":[{"field","code"}]}. */
static char *
rejection_reason (const GError *error)
{
  const YrsApiProblem *problem = yrs_api_error_get_problem (error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, yrs_api_error_get_status (error));
  if (problem != NULL)
    {
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, problem->type);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, problem->title);
      json_builder_set_member_name (b, "errors");
      json_builder_begin_array (b);
      for (guint i = 0; i < problem->errors->len; i++)
        {
          YrsApiFieldError *fe = g_ptr_array_index (problem->errors, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "field");
          json_builder_add_string_value (b, fe->field);
          json_builder_set_member_name (b, "code");
          json_builder_add_string_value (b, fe->code);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else
    {
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, error->message);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}

static char *
alternatives_json (const GError *error)
{
  const YrsApiProblem *problem = yrs_api_error_get_problem (error);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; problem != NULL && i < problem->alternatives->len; i++)
    json_array_add_element (array, yrs_api_slot_to_json (g_ptr_array_index (problem->alternatives, i)));
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

/* The row is settled for this sync: its owner may send the next one. */
static void
row_done (RowCall *call)
{
  YrsSyncEngine *self = call->self;

  g_hash_table_remove (self->in_flight, call->owner);
  if (self->phase == PHASE_OUTBOX)
    outbox_pump (self);
}

/* On the worker: the answer into the row, then the counts. */
static void
write_row_job (GTask        *task,
               YrsStore     *store,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RowCall *call = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (call->new_state)
    {
    case YRS_OUTBOX_STATE_ACCEPTED:
      /* The ID first: the FULL commit of the answer makes both durable. */
      ok = (call->server_id == NULL ||
            yrs_store_outbox_set_server_id (store, call->key, call->server_id, &error)) &&
           yrs_store_outbox_mark_accepted (store, call->key, call->value, &error);
      break;
    case YRS_OUTBOX_STATE_REJECTED:
      ok = yrs_store_outbox_mark_rejected (store, call->key, call->value, &error);
      break;
    case YRS_OUTBOX_STATE_CONFLICT:
      ok = yrs_store_outbox_mark_conflict (store, call->key, call->value, &error);
      break;
    case YRS_OUTBOX_STATE_QUEUED:
      ok = yrs_store_outbox_mark_retry (store, call->key, call->value, call->next_try_at, &error);
      break;
    case YRS_OUTBOX_STATE_SENDING:
    case YRS_OUTBOX_STATE_ANY:
    default:
      g_assert_not_reached ();
    }
  if (ok)
    ok = yrs_store_outbox_count (store, &call->pending, &call->failed, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_row_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  YrsSyncEngine *self = YRS_SYNC_ENGINE (source);
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The row stays unanswered and goes again (same key) next sync. */
      g_warning ("Outbox row %s: %s", call->key, error->message);
      record_error (self, error);
      g_hash_table_add (self->held, g_strdup (call->owner));
    }
  else
    {
      set_counts (self, call->pending, call->failed);
      g_signal_emit (self, signals[ROW_ANSWERED], 0, call->key, (int) call->new_state);
    }
  row_done (call);
  row_call_free (call);
}

/* Writes call->new_state on the worker, then settles the row. Takes the
 * call. Written even if the sync is stopped meanwhile: the server has
 * answered. */
static void
write_answer (RowCall *call)
{
  g_autoptr(GTask) task = g_task_new (call->self, NULL, on_row_written, call);

  g_task_set_source_tag (task, write_answer);
  g_task_set_task_data (task, call, NULL);
  yrs_sync_worker_run (call->self->worker, task, write_row_job);
}

/* The server's answer (or a transport error) for the row: decides its new
 * state and writes it on the worker. Takes the call. */
static void
row_answered (RowCall      *call,
              const char   *reference,
              const GError *error)
{
  YrsSyncEngine *self = call->self;

  if (error == NULL)
    {
      call->new_state = YRS_OUTBOX_STATE_ACCEPTED;
      call->value = g_strdup (reference);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped: the row stays in `sending` and goes again with its key. */
      record_error (self, error);
      row_done (call);
      row_call_free (call);
      return;
    }
  else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_CONFLICT) &&
           (yrs_api_error_get_problem (error) == NULL ||
            g_strcmp0 (yrs_api_error_get_problem (error)->type, YRS_API_PROBLEM_REGISTRATION_PENDING) != 0))
    {
      call->new_state = YRS_OUTBOX_STATE_CONFLICT;
      call->value = alternatives_json (error);
    }
  else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_REJECTED))
    {
      call->new_state = YRS_OUTBOX_STATE_REJECTED;
      call->value = rejection_reason (error);
    }
  else
    {
      /* Transient (or not ours to judge: unauthorized, TLS, a registration
       * still pending): the same key again after a backoff. */
      gint64 delay = backoff_us (self, call->tries,
                                 error->domain == YRS_API_ERROR ? yrs_api_error_get_retry_after (error) : -1);

      call->new_state = YRS_OUTBOX_STATE_QUEUED;
      call->value = g_strdup (error->message);
      call->next_try_at = g_get_real_time () + delay;
      if (!g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_CONFLICT) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        record_error (self, error);
      if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE) ||
          g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_TIMEOUT))
        self->put_off_offline = TRUE;
      if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_UNAUTHORIZED))
        g_signal_emit (self, signals[UNAUTHORIZED], 0);
    }

  write_answer (call);
}

static void
on_registration_sent (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiRegistrationResponse) response =
    yrs_api_client_post_registration_finish (YRS_API_CLIENT (source), result, &error);

  if (response != NULL)
    call->server_id = g_strdup (response->id);
  row_answered (call, response ? response->reference : NULL, error);
}

static void
on_reservation_sent (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiReservationResponse) response = NULL;

  if (call->kind == YRS_OUTBOX_KIND_CANCELLATION)
    response = yrs_api_client_cancel_reservation_finish (YRS_API_CLIENT (source), result, &error);
  else
    response = yrs_api_client_post_reservation_finish (YRS_API_CLIENT (source), result, &error);
  row_answered (call, response ? response->reference : NULL, error);
}

static void
on_application_sent (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiApplicationResponse) response =
    yrs_api_client_post_application_finish (YRS_API_CLIENT (source), result, &error);

  row_answered (call, response ? response->reference : NULL, error);
}

/* The home visits' rows: the server's answer names what it made ("id":
 * a case's CASE-…, a consultation's CON-…, a screening's SCR-…; a
 * decision's registration): recorded as the row's server ID (for the
 * records queued after a family added offline, and the screening after
 * its consultation) and as its reference. */
static void
on_visit_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = yrs_api_client_request_json_finish (YRS_API_CLIENT (source), result, &error);
  const char *id = NULL;

  if (root != NULL)
    {
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

      id = o != NULL ? json_object_get_string_member_with_default (o, "id", NULL) : NULL;
      if (id == NULL || !yrs_api_is_valid_id (id))
        {
          error = g_error_new (YRS_API_ERROR, YRS_API_ERROR_BAD_RESPONSE,
                               "Unexpected answer from the server: id: missing");
          id = NULL;
        }
      else
        call->server_id = g_strdup (id);
    }
  row_answered (call, id, error);
}

/* POST /v1/registrations/{id}/decision: the row's payload names the
 * registration, which goes into the path and out of the body. */
static gboolean
decision_request (const char  *payload,
                  char       **path,
                  char       **body)
{
  g_autoptr(JsonNode) node = yrs_api_parse (payload, -1, NULL);
  g_autofree char *escaped = NULL;
  JsonObject *o;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  o = json_node_get_object (node);
  id = json_object_get_string_member_with_default (o, "registration", NULL);
  if (id == NULL || !yrs_api_is_valid_id (id))
    return FALSE;
  escaped = g_uri_escape_string (id, NULL, FALSE);
  *path = g_strconcat ("/v1/registrations/", escaped, "/decision", NULL);
  json_object_remove_member (o, "registration");
  *body = json_to_string (node, FALSE);
  return TRUE;
}

/* The payload of a cancellation row, as cancellation_target() reads it. */
char *
yrs_sync_cancellation_payload (const char *reservation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (reservation != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reservation");
  json_builder_add_string_value (builder, reservation);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return yrs_api_node_to_string (root);
}

/* The reservation ID of a cancellation row: {"reservation": "…"}. */
static char *
cancellation_target (const char *payload)
{
  g_autoptr(JsonNode) node = yrs_api_parse (payload, -1, NULL);
  JsonObject *o;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  id = json_object_get_string_member_with_default (o, "reservation", NULL);
  return id != NULL && yrs_api_is_valid_id (id) ? g_strdup (id) : NULL;
}

/* Sends a row's request; the row is in `sending` already. */
static void
start_request (RowCall *call)
{
  YrsSyncEngine *self = call->self;

  if (call->payload == NULL)
    {
      g_autoptr(GError) reason = g_error_new (YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                                              "The submission’s content is missing");
      row_answered (call, NULL, reason);
      return;
    }

  switch (call->kind)
    {
    case YRS_OUTBOX_KIND_APPLICATION:
      yrs_api_client_post_application_async (self->client, call->key, call->payload,
                                             self->cancellable, on_application_sent, call);
      break;
    case YRS_OUTBOX_KIND_REGISTRATION:
      yrs_api_client_post_registration_async (self->client, call->key, call->payload,
                                              self->cancellable, on_registration_sent, call);
      break;
    case YRS_OUTBOX_KIND_RESERVATION:
      yrs_api_client_post_reservation_async (self->client, call->key, call->payload,
                                             self->cancellable, on_reservation_sent, call);
      break;
    case YRS_OUTBOX_KIND_CANCELLATION:
      {
        g_autofree char *target = cancellation_target (call->payload);

        if (target == NULL)
          {
            g_autoptr(GError) reason = g_error_new (YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                                                    "payload.reservation: missing or not an ID");
            row_answered (call, NULL, reason);
            return;
          }
        yrs_api_client_cancel_reservation_async (self->client, call->key, target,
                                                 self->cancellable, on_reservation_sent, call);
      }
      break;
    case YRS_OUTBOX_KIND_CASE:
      yrs_api_client_request_json_async (self->client, "POST", "/v1/cases", call->key, call->payload,
                                         self->cancellable, on_visit_sent, call);
      break;
    case YRS_OUTBOX_KIND_CONSULTATION:
      yrs_api_client_request_json_async (self->client, "POST", "/v1/consultations", call->key, call->payload,
                                         self->cancellable, on_visit_sent, call);
      break;
    case YRS_OUTBOX_KIND_SCREENING:
      yrs_api_client_request_json_async (self->client, "POST", "/v1/screenings", call->key, call->payload,
                                         self->cancellable, on_visit_sent, call);
      break;
    case YRS_OUTBOX_KIND_DECISION:
      {
        g_autofree char *path = NULL;
        g_autofree char *body = NULL;

        if (!decision_request (call->payload, &path, &body))
          {
            g_autoptr(GError) reason = g_error_new (YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                                                    "payload.registration: missing or not an ID");
            row_answered (call, NULL, reason);
            return;
          }
        yrs_api_client_request_json_async (self->client, "POST", path, call->key, body,
                                           self->cancellable, on_visit_sent, call);
      }
      break;
    default:
      {
        g_autoptr(GError) reason = g_error_new (YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                                                "Unknown kind of submission");
        row_answered (call, NULL, reason);
      }
      break;
    }
}

/* What the worker looks for: due rows of owners not busy, at most
 * `limit`; it marks them sending before handing them over. */
typedef struct
{
  GHashTable *busy;      /* owners with a row in flight or held back */
  guint       limit;
  GPtrArray  *rows;      /* YrsOutboxItem, marked sending, payload as sent */
  GPtrArray  *verdicts;  /* per row: NULL, or a GError answering it here */
  GPtrArray  *failed;    /* owners the store failed on */
  GError     *error;     /* the first store error */
} PumpWork;

static void
error_free_or_null (GError *error)
{
  g_clear_error (&error);
}

static void
pump_work_free (PumpWork *work)
{
  g_hash_table_unref (work->busy);
  g_clear_pointer (&work->rows, g_ptr_array_unref);
  g_clear_pointer (&work->verdicts, g_ptr_array_unref);
  g_clear_pointer (&work->failed, g_ptr_array_unref);
  g_clear_error (&work->error);
  g_free (work);
}

char *
yrs_sync_reservation_envelope (const char *registration_key,
                               const char *slot)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (registration_key != NULL, NULL);
  g_return_val_if_fail (slot != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "registration_key");
  json_builder_add_string_value (builder, registration_key);
  json_builder_set_member_name (builder, "slot");
  json_builder_add_string_value (builder, slot);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* A reservation queued offline names its registration by the registration
 * row's key, {"registration_key": "<uuid>", "slot": "…"}: the request
 * gets the server's ID of that registration, recorded when it was
 * accepted (an owner's rows go oldest first, so it went before). Returns
 * the payload to send, or NULL with *verdict: a rejection (the
 * registration was refused, or is not on this device) or
 * G_IO_ERROR_PENDING (not answered yet: try again later). */
static char *resolve_visit_payload (YrsStore       *store,
                                    YrsOutboxItem  *row,
                                    GError        **verdict);

static char *
resolve_payload (YrsStore       *store,
                 YrsOutboxItem  *row,
                 GError        **verdict)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(YrsOutboxItem) registration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_id = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonNode) request_node = NULL;
  JsonObject *o;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  const char *key;

  if ((row->kind == YRS_OUTBOX_KIND_CONSULTATION || row->kind == YRS_OUTBOX_KIND_SCREENING) &&
      row->payload != NULL)
    return resolve_visit_payload (store, row, verdict);
  if (row->kind != YRS_OUTBOX_KIND_RESERVATION || row->payload == NULL)
    return g_strdup (row->payload);
  node = yrs_api_parse (row->payload, -1, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (row->payload);
  o = json_node_get_object (node);
  if (!json_object_has_member (o, "registration_key"))
    return g_strdup (row->payload);

  key = json_object_get_string_member_with_default (o, "registration_key", NULL);
  if (key != NULL && *key != '\0')
    registration = yrs_store_outbox_get (store, key, &error);
  if (error != NULL)
    {
      g_propagate_error (verdict, g_steal_pointer (&error));
      return NULL;
    }
  if (registration == NULL || registration->kind != YRS_OUTBOX_KIND_REGISTRATION)
    {
      g_set_error (verdict, YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                   "registration_key: no registration with this key on this device");
      return NULL;
    }
  switch (registration->state)
    {
    case YRS_OUTBOX_STATE_ACCEPTED:
      server_id = yrs_store_outbox_get_server_id (store, key, &error);
      if (error != NULL)
        {
          g_propagate_error (verdict, g_steal_pointer (&error));
          return NULL;
        }
      if (server_id == NULL)
        {
          g_set_error (verdict, YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                       "registration_key: the registration’s server ID was not recorded");
          return NULL;
        }
      break;
    case YRS_OUTBOX_STATE_REJECTED:
    case YRS_OUTBOX_STATE_CONFLICT:
      g_set_error (verdict, YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                   "registration_key: the registration was not accepted");
      return NULL;
    case YRS_OUTBOX_STATE_QUEUED:
    case YRS_OUTBOX_STATE_SENDING:
    case YRS_OUTBOX_STATE_ANY:
    default:
      g_set_error (verdict, G_IO_ERROR, G_IO_ERROR_PENDING,
                   "The registration of this reservation has not been sent yet");
      return NULL;
    }

  /* The same members, with the registration's ID instead of its key. */
  request = json_object_new ();
  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &member, &value))
    if (g_strcmp0 (member, "registration_key") != 0 && g_strcmp0 (member, "registration") != 0)
      json_object_set_member (request, member, json_node_copy (value));
  json_object_set_string_member (request, "registration", server_id);
  request_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (request_node, request);
  return json_to_string (request_node, FALSE);
}

/* A record made for a family added offline names the case by the case
 * row's key ("case_key"), a screening its consultation by the
 * consultation row's key ("consultation_key"): as for a reservation's
 * registration, the server's ID is put in their place once that row was
 * accepted (an owner's rows go oldest first, so it went before). FALSE
 * with *verdict when it cannot be sent (yet). */
static gboolean
resolve_key (YrsStore       *store,
             JsonObject     *o,
             const char     *key_member,
             const char     *id_member,
             YrsOutboxKind   kind,
             GError        **verdict)
{
  g_autoptr(YrsOutboxItem) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_id = NULL;
  const char *key = json_object_get_string_member_with_default (o, key_member, NULL);

  if (!json_object_has_member (o, key_member))
    return TRUE;
  if (key != NULL && *key != '\0')
    target = yrs_store_outbox_get (store, key, &error);
  if (error != NULL)
    {
      g_propagate_error (verdict, g_steal_pointer (&error));
      return FALSE;
    }
  if (target == NULL || target->kind != kind)
    {
      g_set_error (verdict, YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                   "%s: nothing with this key on this device", key_member);
      return FALSE;
    }
  switch (target->state)
    {
    case YRS_OUTBOX_STATE_ACCEPTED:
      server_id = yrs_store_outbox_get_server_id (store, key, &error);
      if (error != NULL)
        {
          g_propagate_error (verdict, g_steal_pointer (&error));
          return FALSE;
        }
      if (server_id == NULL)
        {
          g_set_error (verdict, YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                       "%s: the server ID was not recorded", key_member);
          return FALSE;
        }
      break;
    case YRS_OUTBOX_STATE_REJECTED:
    case YRS_OUTBOX_STATE_CONFLICT:
      g_set_error (verdict, YRS_API_ERROR, YRS_API_ERROR_REJECTED,
                   "%s: it was not accepted", key_member);
      return FALSE;
    case YRS_OUTBOX_STATE_QUEUED:
    case YRS_OUTBOX_STATE_SENDING:
    case YRS_OUTBOX_STATE_ANY:
    default:
      g_set_error (verdict, G_IO_ERROR, G_IO_ERROR_PENDING,
                   "What this record follows has not been sent yet");
      return FALSE;
    }
  json_object_remove_member (o, key_member);
  json_object_set_string_member (o, id_member, server_id);
  return TRUE;
}

static char *
resolve_visit_payload (YrsStore       *store,
                       YrsOutboxItem  *row,
                       GError        **verdict)
{
  g_autoptr(JsonNode) node = yrs_api_parse (row->payload, -1, NULL);
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (row->payload);
  o = json_node_get_object (node);
  if (!json_object_has_member (o, "case_key") && !json_object_has_member (o, "consultation_key"))
    return g_strdup (row->payload);
  if (!resolve_key (store, o, "case_key", "case", YRS_OUTBOX_KIND_CASE, verdict) ||
      !resolve_key (store, o, "consultation_key", "consultation", YRS_OUTBOX_KIND_CONSULTATION, verdict))
    return NULL;
  return json_to_string (node, FALSE);
}

static void
pump_job (GTask        *task,
          YrsStore     *store,
          gpointer      task_data,
          GCancellable *cancellable)
{
  PumpWork *work = task_data;
  g_autoptr(GPtrArray) due = NULL;

  work->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_outbox_item_free);
  work->verdicts = g_ptr_array_new_with_free_func ((GDestroyNotify) error_free_or_null);
  work->failed = g_ptr_array_new_with_free_func (g_free);
  due = yrs_store_outbox_next_due (store, g_get_real_time (),
                                   work->limit + g_hash_table_size (work->busy), &work->error);
  for (guint i = 0; due != NULL && i < due->len && work->rows->len < work->limit; i++)
    {
      YrsOutboxItem *row = g_ptr_array_index (due, i);
      g_autoptr(GError) error = NULL;

      if (g_hash_table_contains (work->busy, row->owner))
        continue;
      /* The row goes to `sending` (tries + 1) before its request leaves. */
      if (!yrs_store_outbox_mark_sending (store, row->idempotency_key, &error))
        {
          g_ptr_array_add (work->failed, g_strdup (row->owner));
          if (work->error == NULL)
            work->error = g_steal_pointer (&error);
          continue;
        }
      row->state = YRS_OUTBOX_STATE_SENDING;
      row->tries++;
      {
        GError *verdict = NULL;
        char *payload = resolve_payload (store, row, &verdict);

        g_free (row->payload);
        row->payload = payload;
        if (verdict != NULL && verdict->domain == YRS_STORE_ERROR)
          {
            /* The store failed, not the row: hold the owner back. */
            g_ptr_array_add (work->failed, g_strdup (row->owner));
            if (work->error == NULL)
              work->error = verdict;
            else
              g_error_free (verdict);
            continue;
          }
        g_ptr_array_add (work->verdicts, verdict);
      }
      g_ptr_array_add (work->rows, g_steal_pointer (&due->pdata[i]));
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_pumped (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  YrsSyncEngine *self = YRS_SYNC_ENGINE (source);
  PumpWork *work = g_task_get_task_data (G_TASK (result));

  self->pumping = FALSE;
  if (work->error != NULL)
    {
      g_warning ("The outbox: %s", work->error->message);
      record_error (self, work->error);
    }
  for (guint i = 0; i < work->failed->len; i++)
    g_hash_table_add (self->held, g_strdup (g_ptr_array_index (work->failed, i)));

  for (guint i = 0; i < work->rows->len; i++)
    {
      YrsOutboxItem *row = g_ptr_array_index (work->rows, i);
      RowCall *call = g_new0 (RowCall, 1);

      call->self = g_object_ref (self);
      call->key = g_strdup (row->idempotency_key);
      call->owner = g_strdup (row->owner);
      call->kind = row->kind;
      call->tries = row->tries;
      call->payload = g_strdup (row->payload);
      g_hash_table_insert (self->in_flight, g_strdup (row->owner), g_strdup (row->idempotency_key));
      if (g_ptr_array_index (work->verdicts, i) != NULL)
        row_answered (call, NULL, g_ptr_array_index (work->verdicts, i));
      else if (g_cancellable_is_cancelled (self->cancellable))
        {
          g_autoptr(GError) error = NULL;

          /* Stopped before the request left: the row goes next time. */
          g_cancellable_set_error_if_cancelled (self->cancellable, &error);
          row_answered (call, NULL, error);
        }
      else
        start_request (call);
    }

  /* Fewer rows than asked for: nothing else is due now. */
  if (self->pump_again)
    outbox_pump (self);
  else if (g_hash_table_size (self->in_flight) == 0 && self->phase == PHASE_OUTBOX)
    next_phase (self);
}

/* Starts the due rows of owners with nothing in flight (the worker finds
 * them, so the main thread runs no SQL for the outbox); moves on when
 * nothing is in flight and nothing is due. */
static void
outbox_pump (YrsSyncEngine *self)
{
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer owner;
  PumpWork *work;
  guint n_in_flight = g_hash_table_size (self->in_flight);

  /* One look at a time; a row settled meanwhile asks for another. */
  if (self->pumping)
    {
      self->pump_again = TRUE;
      return;
    }
  self->pump_again = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable) || n_in_flight >= MAX_IN_FLIGHT)
    {
      if (n_in_flight == 0 && self->phase == PHASE_OUTBOX)
        next_phase (self);
      return;
    }

  work = g_new0 (PumpWork, 1);
  work->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  work->limit = MAX_IN_FLIGHT - n_in_flight;
  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, &owner, NULL))
    g_hash_table_add (work->busy, g_strdup (owner));
  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &owner, NULL))
    g_hash_table_add (work->busy, g_strdup (owner));

  self->pumping = TRUE;
  task = g_task_new (self, NULL, on_pumped, NULL);
  g_task_set_source_tag (task, outbox_pump);
  g_task_set_task_data (task, work, (GDestroyNotify) pump_work_free);
  yrs_sync_worker_run (self->worker, task, pump_job);
}

/* ---- Catalogue, facilities, slots ------------------------------------ */

static void
on_catalog_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(YrsSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!yrs_store_save_catalog_finish (YRS_STORE (source), result, &error))
    record_error (self, error);
  next_phase (self);
}

static void
on_catalog (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YrsSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  gboolean not_modified = FALSE;
  gsize len;
  const char *data;

  document = yrs_api_client_get_catalog_finish (YRS_API_CLIENT (source), result, &etag, &not_modified, &error);
  if (document == NULL)
    {
      if (error != NULL)
        record_error (self, error);
      next_phase (self);
      return;
    }
  data = g_bytes_get_data (document, &len);
  text = g_strndup (data, len);
  yrs_store_save_catalog_async (self->store, text, etag, g_get_real_time (), self->cancellable,
                                on_catalog_saved, g_object_ref (self));
}

static void
on_facilities (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(YrsSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiFacilityList) list = NULL;

  list = yrs_api_client_get_facilities_finish (YRS_API_CLIENT (source), result, &error);
  if (list == NULL)
    {
      record_error (self, error);
      /* Slots of unknown facilities cannot go in the cache: stop here. */
      self->phase = PHASE_SLOTS;
      next_phase (self);
      return;
    }
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  self->facilities = g_ptr_array_new_with_free_func ((GDestroyNotify) yrs_store_facility_free);
  for (guint i = 0; i < list->facilities->len; i++)
    {
      YrsApiFacility *f = g_ptr_array_index (list->facilities, i);
      g_autoptr(JsonNode) node = yrs_api_facility_to_json (f);
      g_autofree char *document = json_to_string (node, FALSE);

      g_ptr_array_add (self->facilities, yrs_store_facility_new (f->id, f->name_ja, document, 0));
    }
  next_phase (self);
}

/* "2025-06-01T10:00:00+09:00" -> "2025-06-01T10:00": the store keeps the
 * local time of the slot as the server gives it. */
static char *
local_minutes (const char *timestamp)
{
  if (timestamp == NULL || strlen (timestamp) < 16)
    return g_strdup (timestamp);
  return g_strndup (timestamp, 16);
}

typedef struct
{
  YrsApiSlotPage *page;
  GPtrArray      *facilities;
} SlotsWork;

static void
slots_work_free (SlotsWork *work)
{
  g_clear_pointer (&work->page, yrs_api_slot_page_free);
  g_clear_pointer (&work->facilities, g_ptr_array_unref);
  g_free (work);
}

/* API slots -> a store delta, on the worker (10,000 of them take a few
 * milliseconds to convert and to free). */
static void
slots_to_delta (GTask        *task,
                YrsStore     *store,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SlotsWork *work = task_data;
  YrsStoreDelta *delta = yrs_store_delta_new ();
  YrsApiSlotPage *page = work->page;

  for (guint i = 0; work->facilities != NULL && i < work->facilities->len; i++)
    g_ptr_array_add (delta->facilities, yrs_store_facility_copy (g_ptr_array_index (work->facilities, i)));
  for (guint i = 0; i < page->slots->len; i++)
    {
      YrsApiSlot *s = g_ptr_array_index (page->slots, i);

      if (s->deleted)
        g_ptr_array_add (delta->removed_slot_ids, g_strdup (s->id));
      else
        {
          g_autofree char *starts = local_minutes (s->starts_at);
          g_autofree char *ends = local_minutes (s->ends_at);

          g_ptr_array_add (delta->slots,
                           yrs_slot_new (s->id, s->facility, yrs_api_kind_to_string (s->kind),
                                         starts, ends, (int) s->capacity, (int) s->booked,
                                         s->revision));
        }
    }
  delta->slots_cursor = g_strdup (page->cursor);
  g_clear_pointer (&work->page, yrs_api_slot_page_free);
  g_task_return_pointer (task, delta, (GDestroyNotify) yrs_store_delta_unref);
}

static void fetch_slots (YrsSyncEngine *self);

typedef struct
{
  YrsSyncEngine *self;
  gboolean       has_more;
  gboolean       changed;   /* the delta has slots or removals */
} SlotsCall;

static void
on_delta_applied (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SlotsCall *call = user_data;
  g_autoptr(YrsSyncEngine) self = call->self;
  g_autoptr(GError) error = NULL;
  gboolean has_more = call->has_more;
  gboolean changed = call->changed;

  g_free (call);
  if (!yrs_store_apply_delta_finish (YRS_STORE (source), result, &error))
    {
      record_error (self, error);
      next_phase (self);
      return;
    }
  if (changed)
    g_signal_emit (self, signals[SLOTS_CHANGED], 0);
  if (has_more && !g_cancellable_is_cancelled (self->cancellable))
    fetch_slots (self);
  else
    next_phase (self);
}

static void
on_delta_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SlotsCall *call = user_data;
  g_autoptr(YrsStoreDelta) delta = g_task_propagate_pointer (G_TASK (result), NULL);

  call->changed = delta != NULL && ((delta->slots != NULL && delta->slots->len > 0) ||
                                    (delta->removed_slot_ids != NULL && delta->removed_slot_ids->len > 0));

  yrs_store_apply_delta_async (call->self->store, delta, call->self->cancellable,
                               on_delta_applied, call);
}

static void
on_slots (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(YrsSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  YrsApiSlotPage *page;
  SlotsWork *work;
  SlotsCall *call;

  page = yrs_api_client_get_slots_finish (YRS_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      record_error (self, error);
      next_phase (self);
      return;
    }
  work = g_new0 (SlotsWork, 1);
  work->page = page;
  work->facilities = g_steal_pointer (&self->facilities);
  call = g_new0 (SlotsCall, 1);
  call->self = g_object_ref (self);
  call->has_more = page->has_more && page->slots->len > 0;
  task = g_task_new (self, NULL, on_delta_ready, call);
  g_task_set_task_data (task, work, (GDestroyNotify) slots_work_free);
  yrs_sync_worker_run (self->worker, task, slots_to_delta);
}

static void
fetch_slots (YrsSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = yrs_store_get_sync_cursor (self->store, YRS_STORE_CURSOR_SLOTS, &error);

  if (error != NULL)
    {
      record_error (self, error);
      next_phase (self);
      return;
    }
  /* Every facility's slots, every date. */
  yrs_api_client_get_slots_async (self->client, NULL, NULL, NULL,
                                  cursor, self->cancellable, on_slots, g_object_ref (self));
}

static void
start_catalog (YrsSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsCatalogVersion) latest = yrs_store_get_latest_catalog (self->store, &error);

  self->phase = PHASE_CATALOG;
  if (error != NULL)
    record_error (self, error);
  yrs_api_client_get_catalog_async (self->client, latest != NULL ? latest->etag : NULL,
                                    self->cancellable, on_catalog, g_object_ref (self));
}

/* ---- The home visits' cases (issue 17) --------------------------------- */

/* GET /v1/cases comes in pages: the engine follows `next` until it is
 * null, gathering the cases, and writes the cache once from all of them
 * (a page that fails leaves the cache as it was). */
#define CASES_MAX_PAGES 1000

typedef struct
{
  YrsSyncEngine *self;
  char          *owner;
  JsonArray     *cases;   /* of every page so far */
  char          *ward;
  char          *after;   /* the cursor of the page asked for, or NULL */
  guint          pages;
} CasesCall;

static void
cases_call_free (CasesCall *call)
{
  g_object_unref (call->self);
  g_free (call->owner);
  g_clear_pointer (&call->cases, json_array_unref);
  g_free (call->ward);
  g_free (call->after);
  g_free (call);
}

static void fetch_cases_page (CasesCall *call);

/* Writes the server's list into the owner's sealed cache: each case under
 * its ID, expiring after the retention days; a cached case the list no
 * longer has is closed and goes; expired ones go too. */
static gboolean
write_cases (YrsSyncEngine  *self,
             const char     *owner,
             JsonNode       *root,
             GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonNode) meta_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *meta_json = NULL;
  gint64 now = g_get_real_time ();
  gint64 expires_at = now + (gint64) self->case_retention_days * G_TIME_SPAN_DAY;
  JsonObject *object;
  JsonArray *cases;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      json_object_get_member (json_node_get_object (root), "cases") == NULL ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "cases")))
    {
      g_set_error (error, YRS_API_ERROR, YRS_API_ERROR_BAD_RESPONSE,
                   "Unexpected answer from the server: cases: not a list");
      return FALSE;
    }
  object = json_node_get_object (root);
  cases = json_object_get_array_member (object, "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonNode *node = json_array_get_element (cases, i);
      const char *id;
      g_autofree char *json = NULL;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      if (id == NULL || !yrs_api_is_valid_id (id))
        continue;
      json = json_to_string (node, FALSE);
      ok = yrs_store_put_sealed (self->store, owner, YRS_SYNC_CASES_COLLECTION, id, json, expires_at, error);
      explicit_bzero (json, strlen (json));
      if (!ok)
        return FALSE;
      g_hash_table_add (seen, g_strdup (id));
    }

  cached = yrs_store_list_sealed_ids (self->store, owner, YRS_SYNC_CASES_COLLECTION, error);
  if (cached == NULL)
    return FALSE;
  for (guint i = 0; i < cached->len; i++)
    {
      const char *id = g_ptr_array_index (cached, i);

      if (!g_hash_table_contains (seen, id) &&
          !yrs_store_delete_sealed (self->store, owner, YRS_SYNC_CASES_COLLECTION, id, error))
        return FALSE;
    }

  json_object_set_string_member (meta, "ward", json_object_get_string_member_with_default (object, "ward", NULL));
  json_object_set_int_member (meta, "updated_at", now);
  json_node_set_object (meta_node, meta);
  meta_json = json_to_string (meta_node, FALSE);
  if (!yrs_store_put_sealed (self->store, owner, YRS_SYNC_CASES_META_COLLECTION, YRS_SYNC_CASES_META_ID,
                             meta_json, 0, error))
    return FALSE;
  return yrs_store_forget_expired (self->store, now, NULL, error);
}

static void
on_cases (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CasesCall *call = user_data;
  YrsSyncEngine *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = yrs_api_client_request_json_finish (YRS_API_CLIENT (source), result, &error);

  if (root != NULL && g_strcmp0 (call->owner, self->case_owner) == 0)
    {
      /* Still hers (no sign-out meanwhile). */
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      JsonNode *cases = object != NULL ? json_object_get_member (object, "cases") : NULL;
      JsonNode *next = object != NULL ? json_object_get_member (object, "next") : NULL;
      const char *cursor = next != NULL && JSON_NODE_HOLDS_VALUE (next) &&
                           json_node_get_value_type (next) == G_TYPE_STRING
                           ? json_node_get_string (next) : NULL;

      if (cases == NULL || !JSON_NODE_HOLDS_ARRAY (cases) ||
          (next != NULL && !JSON_NODE_HOLDS_NULL (next) && (cursor == NULL || *cursor == '\0')) ||
          (cursor != NULL && (g_strcmp0 (cursor, call->after) == 0 ||
                              call->pages + 1 >= CASES_MAX_PAGES)))
        g_set_error (&error, YRS_API_ERROR, YRS_API_ERROR_BAD_RESPONSE,
                     "Unexpected answer from the server: cases: not a list or a bad next page");
      else
        {
          JsonArray *page = json_node_get_array (cases);

          for (guint i = 0; i < json_array_get_length (page); i++)
            json_array_add_element (call->cases, json_node_copy (json_array_get_element (page, i)));
          call->pages++;
          if (call->pages == 1)
            call->ward = g_strdup (json_object_get_string_member_with_default (object, "ward", NULL));
          if (cursor != NULL && !g_cancellable_is_cancelled (self->cancellable))
            {
              /* The next page. */
              g_free (call->after);
              call->after = g_strdup (cursor);
              fetch_cases_page (call);
              return;
            }
          if (cursor == NULL)
            {
              g_autoptr(JsonNode) all = json_node_new (JSON_NODE_OBJECT);
              g_autoptr(JsonObject) gathered = json_object_new ();

              if (call->ward != NULL)
                json_object_set_string_member (gathered, "ward", call->ward);
              else
                json_object_set_null_member (gathered, "ward");
              json_object_set_array_member (gathered, "cases", json_array_ref (call->cases));
              json_node_set_object (all, gathered);
              if (write_cases (self, call->owner, all, &error))
                g_signal_emit (self, signals[CASES_CHANGED], 0, call->owner);
            }
        }
    }
  if (g_error_matches (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED) ||
      g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_UNAUTHORIZED))
    /* Locked, or signed in offline (no token yet): the list waits. */
    g_debug ("sync: the cases wait: %s", error->message);
  else if (error != NULL)
    record_error (self, error);
  if (self->phase == PHASE_CASES)
    next_phase (self);
  cases_call_free (call);
}

static void
fetch_cases_page (CasesCall *call)
{
  g_autofree char *escaped = call->after != NULL ? g_uri_escape_string (call->after, NULL, FALSE) : NULL;
  g_autofree char *path = NULL;

  if (escaped != NULL)
    path = g_strconcat ("/v1/cases?after=", escaped, NULL);
  yrs_api_client_request_json_async (call->self->client, "GET", path != NULL ? path : "/v1/cases",
                                     NULL, NULL, call->self->cancellable, on_cases, call);
}

static void
fetch_cases (YrsSyncEngine *self)
{
  CasesCall *call = g_new0 (CasesCall, 1);

  call->self = g_object_ref (self);
  call->owner = g_strdup (self->case_owner);
  call->cases = json_array_new ();
  fetch_cases_page (call);
}

static void
next_phase (YrsSyncEngine *self)
{
  gboolean stop = g_cancellable_is_cancelled (self->cancellable) || !self->full;

  switch (self->phase)
    {
    case PHASE_OUTBOX:
      if (stop)
        break;
      if (self->case_owner != NULL)
        {
          self->phase = PHASE_CASES;
          fetch_cases (self);
          return;
        }
      start_catalog (self);
      return;
    case PHASE_CASES:
      if (stop)
        break;
      start_catalog (self);
      return;
    case PHASE_CATALOG:
      if (stop)
        break;
      self->phase = PHASE_FACILITIES;
      yrs_api_client_get_facilities_async (self->client, self->cancellable, on_facilities,
                                           g_object_ref (self));
      return;
    case PHASE_FACILITIES:
      if (stop)
        break;
      self->phase = PHASE_SLOTS;
      fetch_slots (self);
      return;
    case PHASE_SLOTS:
    case PHASE_NONE:
    default:
      break;
    }
  finish_sync (self);
}

/* ---- Triggers --------------------------------------------------------- */

/* On the worker: rows waiting out a backoff are due now. */
static void
make_due_job (GTask        *task,
              YrsStore     *store,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (!yrs_store_outbox_make_due (store, NULL, g_get_real_time (), NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_made_due (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  YrsSyncEngine *self = YRS_SYNC_ENGINE (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("The outbox: %s", error->message);
  /* From the network monitor only while started; for a sync asked for,
   * always. */
  if (self->started || g_task_get_task_data (G_TASK (result)) != NULL)
    request_sync (self, TRUE);
}

/* The last sync could not reach the server: the rows it put off waited
 * for the network only, so they are made due before the next sync. (A
 * server's Retry-After or 5xx was not an offline sync, and is still
 * honoured.) */
static void
sync_made_due (YrsSyncEngine *self,
               gboolean       asked)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_made_due, NULL);

  g_task_set_source_tag (task, sync_made_due);
  g_task_set_task_data (task, asked ? GINT_TO_POINTER (1) : NULL, NULL);
  yrs_sync_worker_run (self->worker, task, make_due_job);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  YrsSyncEngine *self = user_data;

  if (!available || !self->started)
    return;
  /* The network is back: rows put off by an offline sync go now rather
   * than at the end of their backoff. */
  if (self->state == YRS_SYNC_STATE_OFFLINE && !self->running)
    sync_made_due (self, FALSE);
  else
    request_sync (self, TRUE);
}

void
yrs_sync_engine_start (YrsSyncEngine *self)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->monitor_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (on_network_changed), self);
  /* A sync already running (yrs_sync_engine_sync_async()) counts. */
  if (!self->running)
    request_sync (self, TRUE);
  else
    self->next_full_at = g_get_monotonic_time () + (gint64) self->interval_s * G_USEC_PER_SEC;
}

void
yrs_sync_engine_stop (YrsSyncEngine *self)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_id, self->monitor);
  g_clear_object (&self->monitor);
  self->again = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
yrs_sync_engine_kick (YrsSyncEngine *self)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));

  update_counts (self);
  if (self->running && self->phase == PHASE_OUTBOX)
    outbox_pump (self);
  else
    request_sync (self, FALSE);
}

void
yrs_sync_engine_sync_async (YrsSyncEngine       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_sync_engine_sync_async);
  if (self->running)
    {
      /* The running sync may have passed the outbox already: wait for
       * the next one. */
      if (self->next_waiters == NULL)
        self->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->next_waiters, g_steal_pointer (&task));
      self->again = TRUE;
      self->again_full = TRUE;
      return;
    }
  if (self->next_waiters == NULL)
    self->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->next_waiters, g_steal_pointer (&task));
  /* Asked for after an offline sync ("try again"): rows put off by it go
   * now. */
  if (self->state == YRS_SYNC_STATE_OFFLINE)
    sync_made_due (self, TRUE);
  else
    request_sync (self, TRUE);
}

gboolean
yrs_sync_engine_sync_finish (YrsSyncEngine  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
yrs_sync_engine_set_token (YrsSyncEngine *self,
                           const char    *token)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));

  yrs_api_client_set_token (self->client, token);
  if (token != NULL && self->started)
    {
      g_autoptr(GError) error = NULL;

      /* Rows held back as unauthorized may go now. */
      if (!yrs_store_outbox_make_due (self->store, NULL, g_get_real_time (), NULL, &error))
        g_message ("The outbox: %s", error->message);
      yrs_sync_engine_kick (self);
    }
}

void
yrs_sync_engine_set_interval (YrsSyncEngine *self,
                              guint          seconds)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));
  self->interval_s = MAX (seconds, 1);
}

void
yrs_sync_engine_set_backoff (YrsSyncEngine *self,
                             guint          base_ms,
                             guint          cap_ms)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));
  self->backoff_base_ms = MAX (base_ms, 1);
  self->backoff_cap_ms = MAX (cap_ms, self->backoff_base_ms);
}

YrsApiClient *
yrs_sync_engine_get_client (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), NULL);
  return self->client;
}

YrsSyncState
yrs_sync_engine_get_state (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), YRS_SYNC_STATE_IDLE);
  return self->state;
}

guint
yrs_sync_engine_get_pending (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), 0);
  return self->pending;
}

guint
yrs_sync_engine_get_failed (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), 0);
  return self->failed;
}

gint64
yrs_sync_engine_get_last_success (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), 0);
  return self->last_success;
}

const char *
yrs_sync_engine_get_last_error (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), NULL);
  return self->last_error;
}

/* ---- GObject ---------------------------------------------------------- */

YrsSyncEngine *
yrs_sync_engine_new (YrsStore   *store,
                     const char *server_url)
{
  YrsSyncEngine *self;

  g_return_val_if_fail (YRS_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  self = g_object_new (YRS_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->client = yrs_api_client_new (server_url);
  self->worker = yrs_sync_worker_new (store, g_ascii_strncasecmp (server_url, "https:", 6) == 0);
  update_counts (self);
  return self;
}

static void
yrs_sync_engine_dispose (GObject *object)
{
  YrsSyncEngine *self = YRS_SYNC_ENGINE (object);

  yrs_sync_engine_stop (self);
  G_OBJECT_CLASS (yrs_sync_engine_parent_class)->dispose (object);
}

static void
yrs_sync_engine_finalize (GObject *object)
{
  YrsSyncEngine *self = YRS_SYNC_ENGINE (object);

  g_clear_pointer (&self->worker, yrs_sync_worker_free);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_pointer (&self->next_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_clear_error (&self->sync_error);
  g_free (self->last_error);
  g_free (self->case_owner);

  G_OBJECT_CLASS (yrs_sync_engine_parent_class)->finalize (object);
}

static void
yrs_sync_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsSyncEngine *self = YRS_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_FAILED:
      g_value_set_uint (value, self->failed);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_sync_engine_class_init (YrsSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_sync_engine_dispose;
  object_class->finalize = yrs_sync_engine_finalize;
  object_class->get_property = yrs_sync_engine_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, YRS_TYPE_SYNC_STATE, YRS_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED] =
    g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An outbox row got the server's answer (or was rescheduled):
   * (idempotency key, YrsOutboxState). */
  signals[ROW_ANSWERED] =
    g_signal_new ("row-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
  /* The server refused the token: the app should sign in again or give a
   * new device token with yrs_sync_engine_set_token(). */
  signals[UNAUTHORIZED] =
    g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A page of slots from the server is in the store's cache (places
   * taken or freed, slots added or removed): whoever shows them reads
   * them again. */
  signals[SLOTS_CHANGED] =
    g_signal_new ("slots-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The cases of the owner (the argument) were written to her sealed
   * cache from the server's list (issue 17): the visit list reads them
   * again. */
  signals[CASES_CHANGED] =
    g_signal_new ("cases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
yrs_sync_engine_init (YrsSyncEngine *self)
{
  self->rand = g_rand_new ();
  self->interval_s = 60;
  self->backoff_base_ms = 2000;
  self->backoff_cap_ms = 10 * 60 * 1000;
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->state = YRS_SYNC_STATE_IDLE;
  self->case_retention_days = YRS_SYNC_CASE_RETENTION_DAYS;
}

void
yrs_sync_engine_set_case_owner (YrsSyncEngine *self,
                                const char    *owner)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));

  if (g_strcmp0 (owner, self->case_owner) == 0)
    return;
  g_free (self->case_owner);
  self->case_owner = g_strdup (owner);
  /* At sign-in: her list now, not at the next period. */
  if (owner != NULL && self->started)
    request_sync (self, TRUE);
}

const char *
yrs_sync_engine_get_case_owner (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), NULL);
  return self->case_owner;
}

void
yrs_sync_engine_set_case_retention_days (YrsSyncEngine *self,
                                         guint          days)
{
  g_return_if_fail (YRS_IS_SYNC_ENGINE (self));
  self->case_retention_days = MAX (days, 1);
}

guint
yrs_sync_engine_get_case_retention_days (YrsSyncEngine *self)
{
  g_return_val_if_fail (YRS_IS_SYNC_ENGINE (self), 0);
  return self->case_retention_days;
}
