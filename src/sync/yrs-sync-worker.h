/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-sync-worker.h: the sync engine's own thread (private to src/sync).
 *
 * One long-lived thread with its own YrsStore on the engine's database
 * (yrs_store_open_another()). Jobs run one at a time, in the order they
 * were given, and finish through their GTask on the context it was made
 * in. The engine writes the outbox rows' states here, so that the fsync
 * of a durable answer never holds up the main loop, and turns slot pages
 * into store deltas here.
 *
 * The thread is made once, with the engine: handing it a job never waits
 * for a thread to be started (GLib's shared pool may make g_task_run_in_thread()
 * wait for its spawner thread, several milliseconds on a busy machine). */

#pragma once

#include <gio/gio.h>

#include "yrs-store.h"

G_BEGIN_DECLS

typedef struct _YrsSyncWorker YrsSyncWorker;

/* Runs on the worker thread with its YrsStore; must return the task
 * (g_task_return_*). */
typedef void (*YrsSyncWorkerFunc) (GTask        *task,
                                   YrsStore     *store,
                                   gpointer      task_data,
                                   GCancellable *cancellable);

/* preload_tls: load GIO's TLS backend on the thread at once (the server
 * is https://), rather than on the first TLS connection. */
YrsSyncWorker *yrs_sync_worker_new  (YrsStore          *store,
                                     gboolean           preload_tls);
/* Runs the jobs already given, then ends the thread and waits for it. */
void           yrs_sync_worker_free (YrsSyncWorker     *self);
/* Queues func for the task. If the worker could not open its connection,
 * the task returns that error instead. */
void           yrs_sync_worker_run  (YrsSyncWorker     *self,
                                     GTask             *task,
                                     YrsSyncWorkerFunc  func);

G_END_DECLS
