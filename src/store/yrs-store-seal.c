/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-store-seal.c: personal data sealed at rest (issue 18).
 *
 * Two kinds of seal:
 *
 * - The outbox is write-only. The personal members of a submission (all
 *   but the few that route and show it, see public_member()) are sealed to
 *   the city's public key with crypto_box_seal: the device can send them
 *   at any time and never read them back. The row's payload is then the
 *   wire body: the public members and
 *     "sealed": {"key_id": "<id>", "box": "<base64>"}
 *   which yorisoi-server opens with its secret key.
 *
 * - Drafts and sealed rows (a nurse's cached cases) are encrypted with
 *   XChaCha20-Poly1305 under the owner's data key, the row's identity as
 *   associated data. A staff member's key is handed in at sign-in and
 *   unlock (YrsStaffAuth unwraps it with her password) and wiped at lock
 *   and sign-out; a kiosk session's key is made here when the session is
 *   created and wiped with it. Keys live in sodium_malloc'd memory. */

#define G_LOG_DOMAIN "yrs-store"

#include "config.h"

#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yrs-store-private.h"

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES

struct _YrsStoreKeys
{
  GHashTable *owners;          /* owner -> guint8[32] (sodium_malloc) */
  char       *session_key_dir; /* in RAM, or NULL: kiosk keys in memory only */
  char       *city_key_id;
  guint8      city_pk[crypto_box_PUBLICKEYBYTES];
  gboolean    has_city_key;
};

static void
secret_free (gpointer key)
{
  sodium_free (key);   /* zeroes before freeing */
}

YrsStoreKeys *
_yrs_store_keys_new (void)
{
  YrsStoreKeys *keys = g_new0 (YrsStoreKeys, 1);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  keys->owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, secret_free);
  return keys;
}

void
_yrs_store_keys_free (YrsStoreKeys *keys)
{
  if (keys == NULL)
    return;
  g_hash_table_unref (keys->owners);
  g_free (keys->session_key_dir);
  g_free (keys->city_key_id);
  g_free (keys);
}

static gboolean set_owner_key (YrsStore     *self,
                               const char   *owner,
                               const guint8 *key,
                               GError      **error);

/* The file of a kiosk session's key in the session key directory. */
static char *
session_key_path (YrsStore   *self,
                  const char *owner)
{
  g_autofree char *name = NULL;

  if (self->keys->session_key_dir == NULL || !g_str_has_prefix (owner, "kiosk:"))
    return NULL;
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, owner, -1);
  return g_build_filename (self->keys->session_key_dir, name, NULL);
}

static const guint8 *
owner_key (YrsStore   *self,
           const char *owner)
{
  const guint8 *key;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (self->keys == NULL || owner == NULL)
    return NULL;
  key = g_hash_table_lookup (self->keys->owners, owner);
  if (key != NULL)
    return key;

  /* A kiosk session of a process that crashed: its key is still in RAM
   * (see yrs_store_set_session_key_dir()). */
  path = session_key_path (self, owner);
  if (path == NULL || !g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  if (len == YRS_STORE_KEY_BYTES)
    set_owner_key (self, owner, (const guint8 *) data, NULL);
  sodium_memzero (data, len);
  return g_hash_table_lookup (self->keys->owners, owner);
}

void
yrs_store_set_session_key_dir (YrsStore   *self,
                               const char *dir)
{
  g_return_if_fail (YRS_IS_STORE (self));

  g_free (self->keys->session_key_dir);
  self->keys->session_key_dir = g_strdup (dir);
}

static void
keep_session_key (YrsStore     *self,
                  const char   *owner,
                  const guint8 *key)
{
  g_autofree char *path = session_key_path (self, owner);
  g_autoptr(GError) error = NULL;
  int fd;

  if (path == NULL)
    return;
  if (g_mkdir_with_parents (self->keys->session_key_dir, 0700) != 0)
    return;
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return;
  if (write (fd, key, YRS_STORE_KEY_BYTES) != YRS_STORE_KEY_BYTES)
    g_debug ("A kiosk session's key could not be kept for a restart");
  close (fd);
}

static gboolean
set_owner_key (YrsStore     *self,
               const char   *owner,
               const guint8 *key,
               GError      **error)
{
  guint8 *copy = sodium_malloc (YRS_STORE_KEY_BYTES);

  if (copy == NULL)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_FAILED,
                   "Cannot allocate protected memory for a key");
      return FALSE;
    }
  if (key != NULL)
    memcpy (copy, key, YRS_STORE_KEY_BYTES);
  else
    crypto_aead_xchacha20poly1305_ietf_keygen (copy);
  sodium_mprotect_readonly (copy);
  g_hash_table_replace (self->keys->owners, g_strdup (owner), copy);
  return TRUE;
}

gboolean
_yrs_store_make_session_key (YrsStore    *self,
                             const char  *owner,
                             GError      **error)
{
  if (!set_owner_key (self, owner, NULL, error))
    return FALSE;
  keep_session_key (self, owner, g_hash_table_lookup (self->keys->owners, owner));
  return TRUE;
}

void
_yrs_store_drop_owner_key (YrsStore   *self,
                           const char *owner)
{
  g_autofree char *path = session_key_path (self, owner);

  g_hash_table_remove (self->keys->owners, owner);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      static const guint8 zeros[YRS_STORE_KEY_BYTES] = { 0 };

      /* Overwritten, then gone. */
      g_file_set_contents (path, (const char *) zeros, sizeof zeros, NULL);
      g_unlink (path);
    }
}

gboolean
yrs_store_unlock_owner (YrsStore      *self,
                        const char    *owner,
                        const guint8  *key,
                        GError       **error)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!_yrs_store_require (owner, "owner", error))
    return FALSE;
  return set_owner_key (self, owner, key, error);
}

gboolean
yrs_store_lock_owner (YrsStore    *self,
                      const char  *owner,
                      GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  /* What she typed last is written (sealed) before the key goes. */
  ok = yrs_store_flush_drafts (self, error);
  _yrs_store_drop_owner_key (self, owner);
  return ok;
}

gboolean
yrs_store_is_owner_unlocked (YrsStore   *self,
                             const char *owner)
{
  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);
  return owner != NULL && owner_key (self, owner) != NULL;
}

static void
set_locked_error (GError     **error,
                  const char  *owner)
{
  g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED,
               "The data of “%s” is sealed and its key is not held (signed out or locked)",
               owner);
}

/* The associated data of a row: its identity, so that a box cannot be
 * moved to another row. */
static GBytes *
row_ad (const char *what,
        const char *owner,
        const char *collection,
        const char *id)
{
  GByteArray *ad = g_byte_array_new ();
  const char *parts[] = { what, owner, collection, id };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      g_byte_array_append (ad, (const guint8 *) parts[i], strlen (parts[i]) + 1);
  return g_byte_array_free_to_bytes (ad);
}

GBytes *
_yrs_store_seal_row (YrsStore    *self,
                     const char  *what,
                     const char  *owner,
                     const char  *collection,
                     const char  *id,
                     const char  *plaintext,
                     GError     **error)
{
  const guint8 *key = owner_key (self, owner);
  g_autoptr(GBytes) ad = NULL;
  gsize len = strlen (plaintext);
  guint8 *out;
  unsigned long long out_len;
  gsize ad_len;
  const guint8 *ad_data;

  if (key == NULL)
    {
      set_locked_error (error, owner);
      return NULL;
    }
  ad = row_ad (what, owner, collection, id);
  ad_data = g_bytes_get_data (ad, &ad_len);
  out = g_malloc (NONCE_BYTES + len + TAG_BYTES);
  randombytes_buf (out, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + NONCE_BYTES, &out_len,
                                              (const guint8 *) plaintext, len,
                                              ad_data, ad_len, NULL, out, key);
  return g_bytes_new_take (out, NONCE_BYTES + out_len);
}

char *
_yrs_store_open_row (YrsStore     *self,
                     const char   *what,
                     const char   *owner,
                     const char   *collection,
                     const char   *id,
                     const guint8 *box,
                     gsize         box_len,
                     GError      **error)
{
  const guint8 *key = owner_key (self, owner);
  g_autoptr(GBytes) ad = NULL;
  unsigned long long len;
  char *out;
  gsize ad_len;
  const guint8 *ad_data;

  if (key == NULL)
    {
      set_locked_error (error, owner);
      return NULL;
    }
  if (box_len < NONCE_BYTES + TAG_BYTES)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_CORRUPT,
                   "A sealed row of “%s” is too short", owner);
      return NULL;
    }
  ad = row_ad (what, owner, collection, id);
  ad_data = g_bytes_get_data (ad, &ad_len);
  out = g_malloc (box_len - NONCE_BYTES - TAG_BYTES + 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt ((guint8 *) out, &len, NULL,
                                                  box + NONCE_BYTES, box_len - NONCE_BYTES,
                                                  ad_data, ad_len, box, key) != 0)
    {
      g_free (out);
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_LOCKED,
                   "A sealed row of “%s” does not open with the key held "
                   "(another key, or damaged)", owner);
      return NULL;
    }
  out[len] = '\0';
  return out;
}

/* ---- the outbox: sealed to the city ------------------------------------- */

gboolean
yrs_store_set_city_key (YrsStore    *self,
                        const char  *spec,
                        GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  size_t pk_len = 0;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (spec == NULL || *spec == '\0')
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The city key is empty");
      return FALSE;
    }
  {
    g_autofree char *copy = g_strstrip (g_strdup (spec));

    parts = g_strsplit (copy, ":", 2);
  }
  if (g_strv_length (parts) != 2 || *parts[0] == '\0' || strlen (parts[0]) > 64 ||
      !g_str_is_ascii (parts[0]) || strchr (parts[0], '"') != NULL ||
      sodium_base642bin (pk, sizeof pk, parts[1], strlen (parts[1]), NULL, &pk_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      pk_len != sizeof pk)
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The city key must be “KEY-ID:BASE64-PUBLIC-KEY” (a 32-byte X25519 key)");
      return FALSE;
    }

  g_free (self->keys->city_key_id);
  self->keys->city_key_id = g_strdup (parts[0]);
  memcpy (self->keys->city_pk, pk, sizeof pk);
  self->keys->has_city_key = TRUE;

  /* Rows written before there was a key (a database from before this
   * version, or rows carried over from a damaged file) are sealed now. */
  return _yrs_store_seal_plain_outbox (self, error);
}

const char *
yrs_store_get_city_key_id (YrsStore *self)
{
  g_return_val_if_fail (YRS_IS_STORE (self), NULL);
  return self->keys->has_city_key ? self->keys->city_key_id : NULL;
}

/* What routes and shows a submission, and holds nothing personal. */
static gboolean
public_member (const char *name)
{
  static const char *names[] = {
    "programme", "slot", "registration", "registration_key", "reservation",
    "ward", "kind",
    /* The home visits (issue 17): the case a record is about (the
     * server's ID, or the outbox key of a family added offline), the
     * consultation a screening follows, a supervisor's decision. Never
     * the family, the notes, the scores or a decline's reason. */
    "case", "case_key", "consultation", "consultation_key", "decision",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* The payload without its personal members or its sealed box, as kept
 * once the city has answered: NULL when the payload is not an object or
 * has nothing to drop. */
char *
_yrs_store_public_payload (const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonNode) out_node = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gboolean dropped = FALSE;

  if (payload == NULL || !json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &member, &value))
    if (public_member (member))
      json_object_set_member (out, member, json_node_copy (value));
    else
      dropped = TRUE;
  if (!dropped)
    return NULL;
  json_node_set_object (out_node, out);
  return node_to_string (out_node);
}

/* Seals the personal members of `payload` (a JSON object) to the city's
 * key. Returns the payload to keep and send; a copy when nothing in it is
 * personal, or when it is sealed already; NULL (no error) when there is no
 * city key. */
char *
_yrs_store_seal_payload (YrsStore    *self,
                         const char  *payload,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonObject) secret = json_object_new ();
  g_autoptr(JsonNode) secret_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) out_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *plain = NULL;
  g_autofree guint8 *box = NULL;
  g_autofree char *b64 = NULL;
  JsonObject *root;
  JsonObject *sealed;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gsize plain_len;
  gsize box_len;

  if (!self->keys->has_city_key)
    return NULL;
  if (!json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, YRS_STORE_ERROR, YRS_STORE_ERROR_INVALID,
                   "The field “payload” must be a JSON object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (root, "sealed"))
    return g_strdup (payload);

  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (public_member (member) ? out : secret, member,
                            json_node_copy (value));
  if (json_object_get_size (secret) == 0)
    return g_strdup (payload);

  json_node_set_object (secret_node, secret);
  plain = node_to_string (secret_node);
  plain_len = strlen (plain);
  box_len = plain_len + crypto_box_SEALBYTES;
  box = g_malloc (box_len);
  crypto_box_seal (box, (const guint8 *) plain, plain_len, self->keys->city_pk);
  sodium_memzero (plain, plain_len);
  b64 = g_malloc (sodium_base64_ENCODED_LEN (box_len, sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64 (b64, sodium_base64_ENCODED_LEN (box_len, sodium_base64_VARIANT_ORIGINAL),
                     box, box_len, sodium_base64_VARIANT_ORIGINAL);

  sealed = json_object_new ();
  json_object_set_string_member (sealed, "key_id", self->keys->city_key_id);
  json_object_set_string_member (sealed, "box", b64);
  json_object_set_object_member (out, "sealed", sealed);
  json_node_set_object (out_node, out);
  return node_to_string (out_node);
}

/* Whether a payload still carries personal members in clear. */
static gboolean
payload_is_plain (const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (payload == NULL || !json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &member, &value))
    if (strcmp (member, "sealed") != 0 && !public_member (member))
      return TRUE;
  return FALSE;
}

/* Seals every outbox row with personal members in clear: an answered
 * one keeps only its public members (point 3 of issue 18), an unanswered
 * one is sealed to the city. Then the old pages leave the file. */
gboolean
_yrs_store_seal_plain_outbox (YrsStore  *self,
                              GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(YrsDurable) durable = NULL;
  guint changed = 0;

  rows = yrs_store_outbox_list (self, NULL, YRS_OUTBOX_STATE_ANY, error);
  if (rows == NULL)
    return FALSE;

  durable = _yrs_store_durable_begin (self);
  if (!_yrs_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      YrsOutboxItem *item = g_ptr_array_index (rows, i);
      g_autofree char *kept = NULL;
      g_auto(YrsStmt) stmt = NULL;

      if (!payload_is_plain (item->payload))
        continue;
      if (item->state == YRS_OUTBOX_STATE_ACCEPTED)
        kept = _yrs_store_public_payload (item->payload);
      else
        kept = _yrs_store_seal_payload (self, item->payload, error);
      if (kept == NULL)
        {
          if (error != NULL && *error != NULL)
            {
              _yrs_store_rollback (self);
              return FALSE;
            }
          continue;   /* no city key yet: sealed when there is one */
        }
      stmt = _yrs_store_get_stmt (self, "UPDATE outbox SET payload = ?1 WHERE id = ?2", error);
      if (stmt == NULL)
        {
          _yrs_store_rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, kept, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, item->id);
      if (!_yrs_store_step_done (self, stmt, "Sealing an outbox row", error))
        {
          _yrs_store_rollback (self);
          return FALSE;
        }
      changed++;
    }
  if (!_yrs_store_commit (self, error))
    return FALSE;

  if (changed > 0)
    {
      g_debug ("Sealed or cleared %u outbox rows written in clear", changed);
      return _yrs_store_vacuum (self, error);
    }
  return TRUE;
}

/* secure_delete has zeroed the freed cells; VACUUM rebuilds the file so
 * that no old page (free-list pages included) is left, and the WAL that
 * held the copies is truncated. */
gboolean
_yrs_store_vacuum (YrsStore  *self,
                   GError   **error)
{
  if (!_yrs_store_checkpoint_truncate (self, error) ||
      !_yrs_store_exec (self->db, "VACUUM", error))
    return FALSE;
  return _yrs_store_checkpoint_truncate (self, error);
}

/* ---- sealed rows ---------------------------------------------------------- */

gboolean
yrs_store_put_sealed (YrsStore    *self,
                      const char  *owner,
                      const char  *collection,
                      const char  *id,
                      const char  *content,
                      gint64       expires_at,
                      GError     **error)
{
  g_autoptr(GBytes) box = NULL;
  g_auto(YrsStmt) stmt = NULL;
  gsize len;
  gconstpointer data;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  if (!_yrs_store_require (owner, "owner", error) ||
      !_yrs_store_require (collection, "collection", error) ||
      !_yrs_store_require (id, "id", error) ||
      !_yrs_store_require_json (content, "content", FALSE, error))
    return FALSE;
  box = _yrs_store_seal_row (self, "row", owner, collection, id, content, error);
  if (box == NULL)
    return FALSE;
  stmt = _yrs_store_get_stmt (self,
                              "INSERT INTO sealed_rows (owner, collection, id, box, updated_at, expires_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                              " ON CONFLICT (owner, collection, id) DO UPDATE"
                              " SET box = ?4, updated_at = ?5, expires_at = ?6", error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (box, &len);
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, collection, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 4, data, len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 6, expires_at);
  return _yrs_store_step_done (self, stmt, "Saving a sealed row", error);
}

char *
yrs_store_get_sealed (YrsStore    *self,
                      const char  *owner,
                      const char  *collection,
                      const char  *id,
                      GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  if (!_yrs_store_require (owner, "owner", error) ||
      !_yrs_store_require (collection, "collection", error) ||
      !_yrs_store_require (id, "id", error))
    return NULL;
  stmt = _yrs_store_get_stmt (self,
                              "SELECT box FROM sealed_rows WHERE owner = ?1 AND collection = ?2"
                              " AND id = ?3 AND (expires_at = 0 OR expires_at > ?4)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, collection, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _yrs_store_open_row (self, "row", owner, collection, id,
                                sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                error);
  if (rc != SQLITE_DONE)
    _yrs_store_set_error (error, self->db, rc, "Reading a sealed row");
  return NULL;
}

GPtrArray *
yrs_store_list_sealed_ids (YrsStore    *self,
                           const char  *owner,
                           const char  *collection,
                           GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (YRS_IS_STORE (self), NULL);

  stmt = _yrs_store_get_stmt (self,
                              "SELECT id FROM sealed_rows WHERE owner = ?1 AND collection = ?2"
                              " AND (expires_at = 0 OR expires_at > ?3) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, collection, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, _yrs_store_col_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _yrs_store_set_error (error, self->db, rc, "Listing sealed rows");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
yrs_store_delete_sealed (YrsStore    *self,
                         const char  *owner,
                         const char  *collection,
                         const char  *id,
                         GError     **error)
{
  g_auto(YrsStmt) stmt = NULL;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  stmt = _yrs_store_get_stmt (self,
                              "DELETE FROM sealed_rows WHERE owner = ?1"
                              " AND (?2 IS NULL OR collection = ?2) AND (?3 IS NULL OR id = ?3)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_STATIC);
  if (collection != NULL)
    sqlite3_bind_text (stmt, 2, collection, -1, SQLITE_STATIC);
  if (id != NULL)
    sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  return _yrs_store_step_done (self, stmt, "Deleting sealed rows", error);
}

gboolean
yrs_store_forget_expired (YrsStore  *self,
                          gint64     now,
                          guint     *n_forgotten,
                          GError   **error)
{
  g_auto(YrsStmt) stmt = NULL;
  guint n;

  g_return_val_if_fail (YRS_IS_STORE (self), FALSE);

  stmt = _yrs_store_get_stmt (self,
                              "DELETE FROM sealed_rows WHERE expires_at != 0 AND expires_at <= ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  if (!_yrs_store_step_done (self, stmt, "Forgetting expired rows", error))
    return FALSE;
  n = sqlite3_changes (self->db);
  if (n_forgotten != NULL)
    *n_forgotten = n;
  if (n > 0)
    return _yrs_store_checkpoint_truncate (self, error);
  return TRUE;
}
