-- SPDX-License-Identifier: GPL-3.0-or-later
-- A database written by a newer Yorisoi (schema version 4, which this build
-- does not know). It must be refused and left byte for byte as it is.
-- yorisoi-v4-newer.db is made with: sqlite3 yorisoi-v4-newer.db < yorisoi-v3-newer.sql
PRAGMA journal_mode = DELETE;
BEGIN;
CREATE TABLE outbox (  id INTEGER PRIMARY KEY,  idempotency_key TEXT NOT NULL UNIQUE,  kind TEXT NOT NULL,  owner TEXT NOT NULL,  payload TEXT,  state TEXT NOT NULL DEFAULT 'queued',  tries INTEGER NOT NULL DEFAULT 0,  next_try_at INTEGER NOT NULL DEFAULT 0,  last_error TEXT,  server_reference TEXT,  reason TEXT,  alternatives TEXT,  priority INTEGER NOT NULL DEFAULT 0,  created_at INTEGER NOT NULL,  updated_at INTEGER NOT NULL);
CREATE TABLE future_things (id INTEGER PRIMARY KEY, what TEXT);
INSERT INTO outbox (idempotency_key, kind, owner, payload, created_at, updated_at) VALUES
  ('9d0c7a51-8f41-4e0e-a1c9-6d2b3f4e5a60', 'application', 'staff:N0007', '{"programme":"future"}', 1900000000000000, 1900000000000000);
INSERT INTO future_things (what) VALUES ('from a later release');
PRAGMA user_version = 4;
COMMIT;
