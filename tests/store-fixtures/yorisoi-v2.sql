-- SPDX-License-Identifier: GPL-3.0-or-later
-- A database as schema version 2 of Yorisoi wrote it: the rows of
-- yorisoi-v1.sql migrated, and the personal data of a nurse's day in clear
-- (a draft, a queued application with a bank account, an accepted
-- registration, a receipt, her offline verifier), as every database
-- written before sealing (issue 18) has it. yorisoi-v2.db is made from
-- this file with: sqlite3 yorisoi-v2.db < yorisoi-v2.sql
-- Keep it: tests/unit/test-store-migrate.c migrates it forward and looks
-- for the names in every byte of the files afterwards.
PRAGMA journal_mode = DELETE;
BEGIN;
CREATE TABLE outbox (  id INTEGER PRIMARY KEY,  idempotency_key TEXT NOT NULL UNIQUE,  kind TEXT NOT NULL,  owner TEXT NOT NULL,  payload TEXT,  state TEXT NOT NULL DEFAULT 'queued',  tries INTEGER NOT NULL DEFAULT 0,  next_try_at INTEGER NOT NULL DEFAULT 0,  last_error TEXT,  server_reference TEXT,  created_at INTEGER NOT NULL,  updated_at INTEGER NOT NULL);
CREATE TABLE catalog_versions (  id INTEGER PRIMARY KEY,  document TEXT NOT NULL,  etag TEXT,  fetched_at INTEGER NOT NULL);
CREATE TABLE facilities (  id TEXT PRIMARY KEY,  name TEXT,  document TEXT,  revision INTEGER NOT NULL DEFAULT 0,  state TEXT NOT NULL DEFAULT 'synced');
CREATE TABLE slots (  id TEXT PRIMARY KEY,  facility_id TEXT NOT NULL,  kind TEXT NOT NULL,  starts_at TEXT NOT NULL,  ends_at TEXT NOT NULL,  capacity INTEGER NOT NULL,  booked INTEGER NOT NULL DEFAULT 0,  revision INTEGER NOT NULL DEFAULT 0,  state TEXT NOT NULL DEFAULT 'synced');
CREATE TABLE sync_state (  name TEXT PRIMARY KEY,  value TEXT);
CREATE TABLE sessions (  id TEXT PRIMARY KEY,  kind TEXT NOT NULL,  staff_id TEXT,  created_at INTEGER NOT NULL);
CREATE TABLE drafts (  owner TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,  key TEXT NOT NULL,  content TEXT NOT NULL,  updated_at INTEGER NOT NULL,  PRIMARY KEY (owner, key));
CREATE TABLE receipts (  id INTEGER PRIMARY KEY,  owner TEXT NOT NULL,  reference TEXT NOT NULL,  kind TEXT NOT NULL,  summary TEXT,  created_at INTEGER NOT NULL);

INSERT INTO catalog_versions (document, etag, fetched_at) VALUES
  ('{"version":"kobe-2024"}', '"v2024"', 1711929600),
  ('{"version":"kobe-2025"}', '"v2025"', 1743465600);
INSERT INTO facilities (id, name, document, revision, state) VALUES
  ('fac-sannomiya', '三宮こども家庭センター', '{"ward":"chuo"}', 11, 'synced'),
  ('fac-nada', '灘区保健福祉課', NULL, 4, 'locally_modified');
INSERT INTO slots VALUES
  ('slot-1', 'fac-sannomiya', 'checkup.4m', '2025-05-12T09:30', '2025-05-12T10:00', 4, 1, 7, 'synced'),
  ('slot-2', 'fac-sannomiya', 'checkup.4m', '2025-05-12T10:00', '2025-05-12T10:30', 4, 4, 7, 'synced'),
  ('slot-3', 'fac-nada', 'consultation', '2025-05-13T13:00', '2025-05-13T13:30', 2, 0, 3, 'locally_deleted');
INSERT INTO sync_state VALUES ('slots', 'cursor-v1-000042');
INSERT INTO sessions VALUES
  ('staff:N0042', 'staff', 'N0042', 1746000000),
  ('kiosk:4f1c2b7e-0d55-4a8e-9a44-3c2d9f1e7b10', 'kiosk', NULL, 1746000100);
INSERT INTO drafts VALUES
  ('staff:N0042', 'answers', '{"answers":{"residence.in_city":true},"fields":{"applicant.name":"神戸 太郎"}}', 1746000200);
INSERT INTO receipts (owner, reference, kind, summary, created_at) VALUES
  ('staff:N0042', 'KB-2025-000117', 'application', '児童手当 認定請求', 1746000300);
INSERT INTO outbox (idempotency_key, kind, owner, payload, state, tries, next_try_at, last_error, server_reference, created_at, updated_at) VALUES
  ('0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a01', 'application', 'staff:N0042', '{"programme":"child-allowance"}', 'queued', 0, 0, NULL, NULL, 1746000400, 1746000400),
  ('0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a02', 'reservation', 'staff:N0042', '{"slot":"slot-1"}', 'sending', 1, 1746000500, NULL, NULL, 1746000410, 1746000500),
  ('0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a03', 'registration', 'kiosk:4f1c2b7e-0d55-4a8e-9a44-3c2d9f1e7b10', '{"pregnancy":true}', 'accepted', 1, 0, NULL, 'KB-2025-000118', 1746000420, 1746000600),
  ('0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a04', 'cancellation', 'staff:N0042', '{"reservation":"R-9"}', 'rejected', 2, 0, 'reservation.already_cancelled', NULL, 1746000430, 1746000700);

-- schema version 2 (yrs-store-schema.c)
ALTER TABLE outbox ADD COLUMN reason TEXT;
ALTER TABLE outbox ADD COLUMN alternatives TEXT;
UPDATE outbox SET reason = last_error, last_error = NULL  WHERE state = 'rejected';
UPDATE outbox SET created_at = created_at * 1000000,  updated_at = updated_at * 1000000,  next_try_at = next_try_at * 1000000;
UPDATE catalog_versions SET fetched_at = fetched_at * 1000000;
UPDATE sessions SET created_at = created_at * 1000000;
UPDATE drafts SET updated_at = updated_at * 1000000;
UPDATE receipts SET created_at = created_at * 1000000;
ALTER TABLE sessions ADD COLUMN wiped_at INTEGER NOT NULL DEFAULT 0;
CREATE TABLE staff_credentials (  staff_id TEXT PRIMARY KEY,  verifier TEXT NOT NULL,  last_online_at INTEGER NOT NULL DEFAULT 0);
CREATE INDEX slots_by_facility ON slots (facility_id, kind, starts_at);
CREATE INDEX slots_by_start ON slots (starts_at);
CREATE INDEX outbox_by_owner ON outbox (owner, state, id);
CREATE INDEX outbox_by_state ON outbox (state, next_try_at);
CREATE INDEX receipts_by_owner ON receipts (owner, created_at);

INSERT INTO staff_credentials VALUES
  ('N0042', '$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo', 1746000000000000);
INSERT INTO drafts VALUES
  ('staff:N0042', 'form.postpartum', '{"fields":{"applicant.name":"山田 花子","applicant.kana":"ヤマダ ハナコ","applicant.phone":"078-555-0142","applicant.address":"神戸市中央区加納町6丁目5-1"}}', 1746000800000000);
INSERT INTO outbox (idempotency_key, kind, owner, payload, state, tries, next_try_at, server_reference, created_at, updated_at) VALUES
  ('0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a05', 'application', 'staff:N0042', '{"programme":"postpartum-care","fields":{"applicant.name":"山田 花子","applicant.kana":"ヤマダ ハナコ","applicant.phone":"078-555-0142","applicant.address":"神戸市中央区加納町6丁目5-1","bank.account_number":"7654321"}}', 'queued', 0, 0, NULL, 1746000900000000, 1746000900000000),
  ('0b6f0e0e-3d8c-4a3e-8d71-2f0c1c1a9a06', 'registration', 'staff:N0042', '{"name":"山田 花子","name_kana":"ヤマダ ハナコ","phone":"078-555-0142","due_on":"2025-08-01","ward":"chuo"}', 'accepted', 1, 0, 'REG-7K3M-Q9XA', 1746000910000000, 1746000950000000);
INSERT INTO receipts (owner, reference, kind, summary, created_at) VALUES
  ('staff:N0042', 'REG-7K3M-Q9XA', 'registration', '産後ケア 利用申請', 1746000960000000);
PRAGMA user_version = 2;
COMMIT;
