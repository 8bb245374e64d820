/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the store tests: private temporary directories and raw
 * file reading. Header-only so that each test stays one executable. */

#pragma once

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "yrs-store.h"

static inline void
store_test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          store_test_rm_rf (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline char *
store_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("yrs-store-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* How many times `needle` occurs in the raw bytes of `path` (0 when the
 * file does not exist). */
static inline guint
store_test_count_bytes (const char *path,
                        const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  gsize n = strlen (needle);
  guint count = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return 0;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      count++;
  return count;
}

static inline void
store_test_copy (const char *from,
                 const char *to)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, len, &error);
  g_assert_no_error (error);
}

/* How many times `text` occurs in the raw bytes of `path` in any of the
 * forms personal data could take there: UTF-8 and UTF-16 (either byte
 * order), each as given and in NFKC (a full-width "０７８" or a
 * half-width "ﾔﾏﾀﾞ" typed on a keypad). For the lost-device tests. */
static inline guint
store_test_count_personal (const char *path,
                           const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  const char *forms[] = { text, nfkc };
  g_autofree char *data = NULL;
  gsize len = 0;
  guint count = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return 0;
  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      glong n16 = 0;
      g_autofree gunichar2 *u16 = g_utf8_to_utf16 (forms[f], -1, NULL, &n16, NULL);
      g_autofree guint8 *le = g_malloc (n16 * 2);
      g_autofree guint8 *be = g_malloc (n16 * 2);
      struct { const guint8 *bytes; gsize n; } needles[3];

      for (glong i = 0; i < n16; i++)
        {
          le[2 * i] = u16[i] & 0xff;
          le[2 * i + 1] = u16[i] >> 8;
          be[2 * i] = u16[i] >> 8;
          be[2 * i + 1] = u16[i] & 0xff;
        }
      needles[0].bytes = (const guint8 *) forms[f];
      needles[0].n = strlen (forms[f]);
      needles[1].bytes = le;
      needles[1].n = n16 * 2;
      needles[2].bytes = be;
      needles[2].n = n16 * 2;
      for (guint k = 0; k < 3; k++)
        for (gsize i = 0; needles[k].n > 0 && i + needles[k].n <= len; i++)
          if (memcmp (data + i, needles[k].bytes, needles[k].n) == 0)
            count++;
    }
  return count;
}

/* A city key for a test that submits without a server to open what it
 * seals (YrsSession refuses submissions without one): a fresh key pair,
 * whose secret half the test keeps for store_test_unseal(). */
static guint8 store_test_city_pk[crypto_box_PUBLICKEYBYTES];
static guint8 store_test_city_sk[crypto_box_SECRETKEYBYTES];

static inline void
store_test_provision_city_key (YrsStore *store)
{
  guint8 *pk = store_test_city_pk;
  char b64[sodium_base64_ENCODED_LEN (crypto_box_PUBLICKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sodium_init (), >=, 0);
  crypto_box_keypair (store_test_city_pk, store_test_city_sk);
  sodium_bin2base64 (b64, sizeof b64, pk, crypto_box_PUBLICKEYBYTES, sodium_base64_VARIANT_ORIGINAL);
  spec = g_strconcat ("test-city:", b64, NULL);
  g_assert_true (yrs_store_set_city_key (store, spec, &error));
  g_assert_no_error (error);
}

/* An outbox payload as the server sees it once opened: its public
 * members, then the sealed ones (opened with the key of
 * store_test_provision_city_key()), as one JSON object. */
static inline char *
store_test_unseal (const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) secret_parser = json_parser_new ();
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree guint8 *box = NULL;
  g_autofree char *plain = NULL;
  JsonObject *root;
  JsonObject *sealed;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  const char *b64;
  size_t box_len = 0;

  g_assert_true (json_parser_load_from_data (parser, payload, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "sealed"))
    return g_strdup (payload);
  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &member, &value))
    if (strcmp (member, "sealed") != 0)
      json_object_set_member (out, member, json_node_copy (value));
  sealed = json_object_get_object_member (root, "sealed");
  b64 = json_object_get_string_member (sealed, "box");
  box = g_malloc (strlen (b64));
  g_assert_cmpint (sodium_base642bin (box, strlen (b64), b64, strlen (b64), NULL, &box_len, NULL,
                                      sodium_base64_VARIANT_ORIGINAL), ==, 0);
  g_assert_cmpuint (box_len, >, crypto_box_SEALBYTES);
  plain = g_malloc0 (box_len - crypto_box_SEALBYTES + 1);
  g_assert_cmpint (crypto_box_seal_open ((guint8 *) plain, box, box_len,
                                         store_test_city_pk, store_test_city_sk), ==, 0);
  g_assert_true (json_parser_load_from_data (secret_parser, plain, -1, NULL));
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (secret_parser)));
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (out, member, json_node_copy (value));
  json_node_set_object (node, out);
  return json_to_string (node, FALSE);
}

/* A staff member's data key for a store test (YrsStaffAuth unwraps the
 * real one at sign-in): fixed, so that a test that reopens the store or
 * runs in another process opens her drafts again. */
static inline void
store_test_unlock (YrsStore   *store,
                   const char *owner)
{
  guint8 key[YRS_STORE_KEY_BYTES];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) (0xA0 + i);
  g_assert_true (yrs_store_unlock_owner (store, owner, key, &error));
  g_assert_no_error (error);
}
