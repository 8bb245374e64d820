/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yrs-server-seal.c: the city's side of the write-only outbox (issue 18).
 *
 * A device seals the personal members of a submission with
 * crypto_box_seal to the city's public key and sends
 *   { …public members…, "sealed": { "key_id": "2026-12", "box": "<base64>" } }
 * Here the box is opened with the secret key of that id, and its members
 * take the place of "sealed", so the handlers decode the request exactly
 * as before. Secret keys come from a file named in the configuration
 * (seal-keys), never from the database; keep the old ones in the file
 * after a rotation until no device can still hold a payload sealed to
 * them. */

#define G_LOG_DOMAIN "yorisoi-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "yrs-api.h"
#include "yrs-server-seal.h"

typedef struct
{
  char   *id;
  guint8  pk[crypto_box_PUBLICKEYBYTES];
  guint8 *sk;   /* sodium_malloc'd */
} SealKey;

/* Read-only once loaded, so safe from any request thread. */
static GPtrArray *seal_keys;

static void
seal_key_free (SealKey *key)
{
  g_free (key->id);
  if (key->sk != NULL)
    sodium_free (key->sk);
  g_free (key);
}

static gboolean
valid_key_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.", *p) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
_yrs_server_seal_load_keys (const char  *path,
                            GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) seal_key_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "seal-keys %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || (st.st_mode & 007) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   "seal-keys %s: must be a regular file that others cannot read (chmod 600 or 640)",
                   path);
      return FALSE;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  sodium_memzero (contents, strlen (contents));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      SealKey *key;
      size_t len = 0;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        {
          sodium_memzero (lines[i], strlen (lines[i]));
          continue;
        }
      fields = g_strsplit_set (line, " \t", 2);
      sodium_memzero (lines[i], strlen (lines[i]));
      if (g_strv_length (fields) != 2 || !valid_key_id (fields[0]))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "seal-keys %s, line %u: not “KEY-ID BASE64-SECRET-KEY”", path, i + 1);
          return FALSE;
        }
      key = g_new0 (SealKey, 1);
      key->id = g_strdup (fields[0]);
      key->sk = sodium_malloc (crypto_box_SECRETKEYBYTES);
      g_ptr_array_add (keys, key);
      g_strstrip (fields[1]);
      if (key->sk == NULL ||
          sodium_base642bin (key->sk, crypto_box_SECRETKEYBYTES, fields[1], strlen (fields[1]),
                             NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
          len != crypto_box_SECRETKEYBYTES)
        {
          sodium_memzero (fields[1], strlen (fields[1]));
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "seal-keys %s, line %u: the secret key is not 32 bytes in base64", path, i + 1);
          return FALSE;
        }
      sodium_memzero (fields[1], strlen (fields[1]));
      crypto_scalarmult_base (key->pk, key->sk);
      for (guint j = 0; j + 1 < keys->len; j++)
        if (strcmp (((SealKey *) g_ptr_array_index (keys, j))->id, key->id) == 0)
          {
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                         "seal-keys %s, line %u: the key id “%s” comes twice", path, i + 1, key->id);
            return FALSE;
          }
    }
  if (keys->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "seal-keys %s: no key", path);
      return FALSE;
    }

  g_clear_pointer (&seal_keys, g_ptr_array_unref);
  seal_keys = g_steal_pointer (&keys);
  return TRUE;
}

guint
_yrs_server_seal_n_keys (void)
{
  return seal_keys != NULL ? seal_keys->len : 0;
}

static const SealKey *
find_key (const char *id)
{
  for (guint i = 0; seal_keys != NULL && i < seal_keys->len; i++)
    {
      const SealKey *key = g_ptr_array_index (seal_keys, i);

      if (strcmp (key->id, id) == 0)
        return key;
    }
  return NULL;
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *message)
{
  g_set_error (error, YRS_API_DECODE_ERROR, code, "sealed: %s", message);
  return FALSE;
}

gboolean
_yrs_server_seal_open_node (JsonNode  *root,
                            GError   **error)
{
  JsonObject *object;
  JsonNode *sealed_node;
  JsonObject *sealed;
  const SealKey *key;
  const char *key_id;
  const char *b64;
  g_autofree guint8 *box = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(JsonNode) opened = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  size_t box_len = 0;
  size_t b64_len;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  object = json_node_get_object (root);
  sealed_node = json_object_get_member (object, "sealed");
  if (sealed_node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (sealed_node))
    return fail (error, YRS_API_DECODE_ERROR_TYPE, "must be an object");
  sealed = json_node_get_object (sealed_node);
  key_id = json_object_get_string_member_with_default (sealed, "key_id", NULL);
  b64 = json_object_get_string_member_with_default (sealed, "box", NULL);
  if (key_id == NULL || b64 == NULL)
    return fail (error, YRS_API_DECODE_ERROR_REQUIRED, "key_id and box are required");
  key = find_key (key_id);
  if (key == NULL)
    return fail (error, YRS_API_DECODE_ERROR_RANGE, "sealed to a key this server does not hold");

  b64_len = strlen (b64);
  box = g_malloc (b64_len);
  if (sodium_base642bin (box, b64_len, b64, b64_len, NULL, &box_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      box_len < crypto_box_SEALBYTES)
    return fail (error, YRS_API_DECODE_ERROR_FORMAT, "the box is not base64 or too short");
  plain = g_malloc (box_len - crypto_box_SEALBYTES + 1);
  if (crypto_box_seal_open ((guint8 *) plain, box, box_len, key->pk, key->sk) != 0)
    return fail (error, YRS_API_DECODE_ERROR_FORMAT,
                 "the box does not open (damaged or tampered with)");
  plain[box_len - crypto_box_SEALBYTES] = '\0';

  opened = yrs_api_parse (plain, box_len - crypto_box_SEALBYTES, NULL);
  sodium_memzero (plain, box_len - crypto_box_SEALBYTES);
  if (opened == NULL || !JSON_NODE_HOLDS_OBJECT (opened))
    return fail (error, YRS_API_DECODE_ERROR_FORMAT, "the content is not a JSON object");

  json_object_iter_init (&iter, json_node_get_object (opened));
  while (json_object_iter_next (&iter, &member, &value))
    if (json_object_has_member (object, member))
      return fail (error, YRS_API_DECODE_ERROR_FORMAT, "a sealed member is also given in clear");
  json_object_remove_member (object, "sealed");
  json_object_iter_init (&iter, json_node_get_object (opened));
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (object, member, json_node_copy (value));
  return TRUE;
}

int
_yrs_server_seal_keygen_main (int    argc,
                              char **argv)
{
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 *sk;
  char pk64[sodium_base64_ENCODED_LEN (crypto_box_PUBLICKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
  char sk64[sodium_base64_ENCODED_LEN (crypto_box_SECRETKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
  g_autofree char *line = NULL;
  int fd;
  gboolean ok;

  if (argc != 4 || !valid_key_id (argv[2]))
    {
      g_printerr ("usage: yorisoi-server seal-keygen KEY-ID FILE\n"
                  "  adds a new key pair to FILE (created 0600) and prints the line\n"
                  "  devices are configured with (KEY-ID: letters, digits, - _ .)\n");
      return 2;
    }
  if (sodium_init () < 0)
    return 1;
  if (_yrs_server_seal_load_keys (argv[3], NULL) && find_key (argv[2]) != NULL)
    {
      g_printerr ("yorisoi-server seal-keygen: %s already has the key id %s\n", argv[3], argv[2]);
      return 1;
    }

  sk = sodium_malloc (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (pk, sk);
  sodium_bin2base64 (pk64, sizeof pk64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
  sodium_bin2base64 (sk64, sizeof sk64, sk, crypto_box_SECRETKEYBYTES, sodium_base64_VARIANT_ORIGINAL);
  sodium_free (sk);

  line = g_strdup_printf ("%s %s\n", argv[2], sk64);
  fd = g_open (argv[3], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  ok = fd >= 0 && write (fd, line, strlen (line)) == (gssize) strlen (line) && fsync (fd) == 0;
  if (fd >= 0 && close (fd) != 0)
    ok = FALSE;
  sodium_memzero (sk64, sizeof sk64);
  sodium_memzero (line, strlen (line));
  if (!ok)
    {
      g_printerr ("yorisoi-server seal-keygen: %s: %s\n", argv[3], g_strerror (errno));
      return 1;
    }
  printf ("%s:%s\n", argv[2], pk64);
  return 0;
}
