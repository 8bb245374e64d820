/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sync"

#include "config.h"

#include "yrs-sync-worker.h"

struct _YrsSyncWorker
{
  YrsStore    *main_store;   /* only its path is read by the thread */
  GAsyncQueue *queue;        /* Job; one with func NULL ends the thread */
  GThread     *thread;
  gboolean     preload_tls;
};

typedef struct
{
  GTask             *task;
  YrsSyncWorkerFunc  func;
} Job;

/* The last reference of a task must go on its own context: dropping it
 * here could finalize the engine (the task's source object) on this
 * thread. */
static gboolean
unref_task (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gpointer
worker_main (gpointer data)
{
  YrsSyncWorker *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) open_error = NULL;
  YrsStore *store;

  /* The store keeps the thread-default context (for deferred drafts,
   * unused here): give it one of this thread's. */
  g_main_context_push_thread_default (context);
  /* GIO loads its proxy resolver and TLS backend modules (dlopen, C++
   * static initialisers: over 10 ms) on the first connection; load them
   * here instead of in the main loop. The TLS backend (GnuTLS, p11-kit,
   * nettle: 2 MiB) only for an https:// server: a plain http:// one on a
   * city network never loads it. */
  (void) g_proxy_resolver_get_default ();
  if (self->preload_tls)
    g_tls_backend_get_default ();
  store = yrs_store_open_another (self->main_store, &open_error);
  if (store == NULL)
    g_warning ("The sync worker cannot open the database: %s", open_error->message);

  for (;;)
    {
      Job *job = g_async_queue_pop (self->queue);

      if (job->func == NULL)
        {
          g_free (job);
          break;
        }
      if (store == NULL)
        g_task_return_error (job->task, g_error_copy (open_error));
      else
        job->func (job->task, store, g_task_get_task_data (job->task),
                   g_task_get_cancellable (job->task));
      g_main_context_invoke (g_task_get_context (job->task), unref_task, job->task);
      g_free (job);
    }

  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
  return NULL;
}

YrsSyncWorker *
yrs_sync_worker_new (YrsStore *store,
                     gboolean  preload_tls)
{
  YrsSyncWorker *self;

  g_return_val_if_fail (YRS_IS_STORE (store), NULL);

  self = g_new0 (YrsSyncWorker, 1);
  self->main_store = g_object_ref (store);
  self->preload_tls = preload_tls;
  self->queue = g_async_queue_new ();
  self->thread = g_thread_new ("yrs-sync-worker", worker_main, self);
  return self;
}

void
yrs_sync_worker_free (YrsSyncWorker *self)
{
  if (self == NULL)
    return;
  g_async_queue_push (self->queue, g_new0 (Job, 1));
  g_thread_join (self->thread);
  g_async_queue_unref (self->queue);
  g_object_unref (self->main_store);
  g_free (self);
}

void
yrs_sync_worker_run (YrsSyncWorker     *self,
                     GTask             *task,
                     YrsSyncWorkerFunc  func)
{
  Job *job;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_async_queue_push (self->queue, job);
}
