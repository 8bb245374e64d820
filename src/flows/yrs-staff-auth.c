/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Staff sign-in.
 *
 * Online first: the central API checks the password and returns a session
 * token. Then an Argon2id verifier of the password (crypto_pwhash_str, at
 * libsodium's "interactive" cost) and the time are written to the store,
 * so that the same person can sign in again on this device without a
 * network, for offline-signin-days. Only when the server cannot be reached
 * does the offline check run; a server that says "wrong password" is never
 * second-guessed by an older verifier. The verifier also unlocks the idle
 * lock, with or without network.
 *
 * Hashing and verifying cost tens of milliseconds and 64 MiB on purpose,
 * so they run in a GTask thread; copies of the password are zeroed with
 * sodium_memzero() when done.
 *
 * Her data key (issue 18): the store seals her drafts and cached cases
 * under a random key of hers, kept on the device only wrapped
 * (XChaCha20-Poly1305) by a key derived from her password with Argon2id
 * (crypto_pwhash, a salt of its own). Every sign-in, online or offline,
 * and every unlock unwraps it into sodium_malloc'd memory and hands it to
 * the store; lock and sign-out take it back. A password the key does not
 * open (an administrator reset it on the server) gets a new key: what was
 * sealed under the old one cannot be read by anyone, so it is deleted
 * and the notice property says so.
 *
 * Offline sign-in attempts are counted on the device: after
 * OFFLINE_DELAY_AFTER failures each further try must wait a growing
 * delay, and after OFFLINE_FORGET_AFTER the verifier and the wrapped key
 * are forgotten (her queued submissions still go: they are sealed to the
 * city, not to her). */

#define G_LOG_DOMAIN "yrs-staff-auth"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "yrs-staff-auth.h"

#include "yrs-api-client.h"
#include "yrs-store.h"

#include <json-glib/json-glib.h>

#define MAX_ID_BYTES       64
#define MAX_PASSWORD_BYTES 256
#define MAX_TOKEN_BYTES    4096
#define MAX_UNLOCK_TRIES   5

#define OFFLINE_DELAY_AFTER   5
#define OFFLINE_FORGET_AFTER  10
#define OFFLINE_DELAY_BASE_S  30

/* The wrapped data key: version, Argon2id salt, nonce, key + tag. */
#define WRAP_VERSION 1
#define WRAP_BYTES   (1 + crypto_pwhash_SALTBYTES + \
                      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + \
                      YRS_STORE_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

struct _YrsStaffAuth
{
  GObject                   parent_instance;

  YrsStore                 *store;
  GSettings                *settings;

  YrsApiClient             *client;

  char                     *staff_id;
  char                     *token;       /* zeroed on sign-out */
  guint                     unlock_failures;
  char                     *notice;      /* for the screen after sign-in */
};

G_DEFINE_FINAL_TYPE (YrsStaffAuth, yrs_staff_auth, G_TYPE_OBJECT)

G_DEFINE_QUARK (yrs-staff-auth-error-quark, yrs_staff_auth_error)

enum {
  PROP_0,
  PROP_STAFF_ID,
  PROP_ONLINE,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
free_secret (char *secret)
{
  if (secret != NULL)
    {
      sodium_memzero (secret, strlen (secret));
      g_free (secret);
    }
}

typedef struct
{
  char    *staff_id;
  char    *password;   /* zeroed */
  char    *verifier;   /* Argon2id string: in from the store, or out for it */
  char    *token;      /* zeroed */
  char    *role;       /* the server's, online only (issue 17) */
  char    *ward;
  gint64   last_online_at;
  gboolean online;
  GBytes  *wrapped;    /* her wrapped data key: in from the store, or out for it */
  gboolean wrapped_new;   /* a new key was made and wrapped: store it */
  gboolean old_data_lost; /* the key on the device did not open with this password */
  guint8  *data_key;   /* sodium_malloc'd, YRS_STORE_KEY_BYTES */
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_free (data->staff_id);
  free_secret (data->password);
  g_free (data->verifier);
  free_secret (data->token);
  g_free (data->role);
  g_free (data->ward);
  g_clear_pointer (&data->wrapped, g_bytes_unref);
  if (data->data_key != NULL)
    sodium_free (data->data_key);
  g_free (data);
}

/* ---- Her data key ---------------------------------------------------- */

static void
wrap_ad (const char *staff_id,
         GString    *ad)
{
  g_string_append (ad, "yorisoi-data-key");
  g_string_append_c (ad, '\0');
  g_string_append (ad, staff_id);
}

/* Derives the wrapping key from the password and salt (Argon2id, the
 * verifier's cost). */
static guint8 *
derive_kek (const char   *password,
            const guint8 *salt)
{
  guint8 *kek = sodium_malloc (YRS_STORE_KEY_BYTES);

  if (kek == NULL)
    return NULL;
  if (crypto_pwhash (kek, YRS_STORE_KEY_BYTES, password, strlen (password), salt,
                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_free (kek);
      return NULL;
    }
  return kek;
}

static GBytes *
wrap_key (const char   *staff_id,
          const char   *password,
          const guint8 *key)
{
  g_autoptr(GString) ad = g_string_new (NULL);
  guint8 *out = g_malloc (WRAP_BYTES);
  guint8 *salt = out + 1;
  guint8 *nonce = salt + crypto_pwhash_SALTBYTES;
  guint8 *ct = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  guint8 *kek;

  out[0] = WRAP_VERSION;
  randombytes_buf (salt, crypto_pwhash_SALTBYTES);
  randombytes_buf (nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  kek = derive_kek (password, salt);
  if (kek == NULL)
    {
      g_free (out);
      return NULL;
    }
  wrap_ad (staff_id, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (ct, NULL, key, YRS_STORE_KEY_BYTES,
                                              (const guint8 *) ad->str, ad->len, NULL,
                                              nonce, kek);
  sodium_free (kek);
  return g_bytes_new_take (out, WRAP_BYTES);
}

/* Opens a wrapped key into `key`; FALSE when the password does not. */
static gboolean
unwrap_key (const char *staff_id,
            const char *password,
            GBytes     *wrapped,
            guint8     *key)
{
  g_autoptr(GString) ad = g_string_new (NULL);
  gsize len;
  const guint8 *in = g_bytes_get_data (wrapped, &len);
  const guint8 *salt = in + 1;
  const guint8 *nonce = salt + crypto_pwhash_SALTBYTES;
  const guint8 *ct = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  guint8 *kek;
  int rc;

  if (len != WRAP_BYTES || in[0] != WRAP_VERSION)
    return FALSE;
  kek = derive_kek (password, salt);
  if (kek == NULL)
    return FALSE;
  wrap_ad (staff_id, ad);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt (key, NULL, NULL, ct,
                                                   YRS_STORE_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES,
                                                   (const guint8 *) ad->str, ad->len,
                                                   nonce, kek);
  sodium_free (kek);
  return rc == 0;
}

/* In a worker thread, after the password was checked: her data key, from
 * the wrapped one, or a new one (wrapped for the store) when there is
 * none or it does not open. */
static gboolean
obtain_data_key (SignInData *data)
{
  data->data_key = sodium_malloc (YRS_STORE_KEY_BYTES);
  if (data->data_key == NULL)
    return FALSE;
  if (data->wrapped != NULL &&
      unwrap_key (data->staff_id, data->password, data->wrapped, data->data_key))
    return TRUE;

  data->old_data_lost = data->wrapped != NULL;
  g_clear_pointer (&data->wrapped, g_bytes_unref);
  crypto_aead_xchacha20poly1305_ietf_keygen (data->data_key);
  data->wrapped = wrap_key (data->staff_id, data->password, data->data_key);
  data->wrapped_new = TRUE;
  return data->wrapped != NULL;
}

static char *
owner_of (const char *staff_id)
{
  return g_strconcat ("staff:", staff_id, NULL);
}

static void
set_notice (YrsStaffAuth *self,
            const char   *notice)
{
  if (g_strcmp0 (self->notice, notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_strdup (notice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

/* On the main thread: keeps a new wrapped key, deletes what a lost key
 * sealed, and hands her key to the store. */
static gboolean
install_data_key (YrsStaffAuth  *self,
                  SignInData    *data,
                  GError       **error)
{
  g_autofree char *owner = NULL;

  owner = yrs_store_ensure_staff_session (self->store, data->staff_id, error);
  if (owner == NULL)
    return FALSE;

  if (data->old_data_lost)
    {
      g_autoptr(GPtrArray) drafts = yrs_store_list_drafts (self->store, owner, NULL);

      /* Sealed under a key nobody can open any more: gone by design. */
      for (guint i = 0; drafts != NULL && i < drafts->len; i++)
        yrs_store_delete_draft (self->store, owner,
                                ((YrsDraft *) g_ptr_array_index (drafts, i))->key, NULL);
      yrs_store_delete_sealed (self->store, owner, NULL, NULL, NULL);
      set_notice (self, _("Your password was reset on the server. What this tablet kept for you under the old password (drafts, visit lists) can no longer be read by anyone, and has been removed."));
    }
  if (data->wrapped_new &&
      !yrs_store_set_staff_wrapped_key (self->store, data->staff_id, data->wrapped, error))
    return FALSE;
  if (!yrs_store_unlock_owner (self->store, owner, data->data_key, error))
    return FALSE;
  /* Her role and ward as the server gave them, under her key, for the
   * pages of her role after an offline sign-in too (issue 17). */
  if (data->token != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *profile = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, data->role);
      json_builder_set_member_name (builder, "ward");
      json_builder_add_string_value (builder, data->ward);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      profile = json_to_string (root, FALSE);
      if (!yrs_store_put_sealed (self->store, owner, YRS_STAFF_PROFILE_COLLECTION, YRS_STAFF_PROFILE_ID,
                                 profile, 0, error))
        return FALSE;
    }
  return TRUE;
}

static void
drop_data_key (YrsStaffAuth *self)
{
  g_autofree char *owner = NULL;
  g_autoptr(GError) error = NULL;

  if (self->staff_id == NULL || self->store == NULL)
    return;
  owner = owner_of (self->staff_id);
  if (!yrs_store_lock_owner (self->store, owner, &error))
    g_warning ("Her last draft could not be written before the lock: %s", error->message);
}

/* Seconds she must wait before the next offline try after `failures`. */
static gint64
offline_delay (guint failures)
{
  if (failures < OFFLINE_DELAY_AFTER)
    return 0;
  return (gint64) OFFLINE_DELAY_BASE_S << MIN (failures - OFFLINE_DELAY_AFTER, 10);
}

static void
set_signed_in (YrsStaffAuth *self,
               const char   *staff_id,
               char         *token)
{
  g_clear_pointer (&self->token, free_secret);
  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
  self->token = token;
  self->unlock_failures = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

static gboolean
check_input (const char  *staff_id,
             const char  *password,
             GError     **error)
{
  if (staff_id != NULL &&
      (*staff_id == '\0' || strlen (staff_id) > MAX_ID_BYTES || !g_utf8_validate (staff_id, -1, NULL)))
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID,
                   _("Enter your staff ID."));
      return FALSE;
    }
  if (password == NULL || *password == '\0' || strlen (password) > MAX_PASSWORD_BYTES)
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID,
                   _("Enter your password."));
      return FALSE;
    }
  return TRUE;
}

/* ---- Worker-thread steps ------------------------------------------------ */

static void
hash_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SignInData *data = task_data;
  char hashed[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (hashed, data->password, strlen (data->password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               _("Not enough memory to protect the password on this device."));
      return;
    }
  data->verifier = g_strdup (hashed);
  if (!obtain_data_key (data))
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               _("Not enough memory to protect the password on this device."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SignInData *data = task_data;

  if (crypto_pwhash_str_verify (data->verifier, data->password, strlen (data->password)) != 0)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (!obtain_data_key (data))
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               _("Not enough memory to protect the password on this device."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- Sign-in -------------------------------------------------------- */

static void
offline_verified (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YrsStaffAuth *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      guint failures = 0;

      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      /* Counted on the device, durably: see offline_delay(). */
      yrs_store_get_staff_failures (self->store, data->staff_id, &failures, NULL, NULL);
      failures++;
      if (failures >= OFFLINE_FORGET_AFTER)
        {
          g_autoptr(GError) forget_error = NULL;

          if (!yrs_store_forget_staff_credential (self->store, data->staff_id, &forget_error))
            g_warning ("%s", forget_error->message);
          g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOO_MANY_ATTEMPTS,
                                   _("Too many wrong passwords. This tablet no longer lets you sign in without a network; what you had sent still goes to the city. Sign in where there is a network."));
          return;
        }
      yrs_store_set_staff_failures (self->store, data->staff_id, failures, g_get_real_time (), NULL);
      if (failures >= OFFLINE_DELAY_AFTER)
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS,
                                 ngettext ("The staff ID or the password is not right. Wait %u second before the next try.",
                                           "The staff ID or the password is not right. Wait %u seconds before the next try.",
                                           (guint) offline_delay (failures)),
                                 (guint) offline_delay (failures));
      else
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS,
                                 _("The staff ID or the password is not right."));
      return;
    }

  if (!install_data_key (self, data, &error))
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               "%s", error->message);
      g_clear_error (&error);
      return;
    }
  yrs_store_set_staff_failures (self->store, data->staff_id, 0, 0, NULL);
  g_debug ("Staff member signed in offline");
  set_signed_in (self, data->staff_id, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_offline (GTask *task)
{
  YrsStaffAuth *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GTask) verify = NULL;
  g_autoptr(GError) error = NULL;
  guint days = g_settings_get_uint (self->settings, "offline-signin-days");
  char *verifier = NULL;

  if (!yrs_store_get_staff_credential (self->store, data->staff_id, &verifier,
                                       &data->last_online_at, &error))
    {
      if (error != NULL)
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                                 "%s", error->message);
      else
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NEVER_ONLINE,
                                 _("The server cannot be reached, and you have not signed in on this tablet with a network yet."));
      return;
    }
  data->verifier = verifier;

  {
    guint failures = 0;
    gint64 last_failure_at = 0;
    gint64 wait;

    if (yrs_store_get_staff_failures (self->store, data->staff_id, &failures, &last_failure_at, NULL) &&
        (wait = last_failure_at + offline_delay (failures) * G_USEC_PER_SEC - g_get_real_time ()) > 0)
      {
        guint seconds = (guint) ((wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOO_MANY_ATTEMPTS,
                                 ngettext ("Too many wrong passwords. Wait %u second and try again.",
                                           "Too many wrong passwords. Wait %u seconds and try again.",
                                           seconds),
                                 seconds);
        return;
      }
  }
  data->wrapped = yrs_store_get_staff_wrapped_key (self->store, data->staff_id, NULL);

  if (days == 0 ||
      g_get_real_time () - data->last_online_at > (gint64) days * G_TIME_SPAN_DAY)
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_OFFLINE_EXPIRED,
                               ngettext ("The server cannot be reached, and your last sign-in with a network was more than %u day ago. Sign in where there is a network.",
                                         "The server cannot be reached, and your last sign-in with a network was more than %u days ago. Sign in where there is a network.",
                                         days),
                               days);
      return;
    }

  verify = g_task_new (self, g_task_get_cancellable (task), offline_verified, g_object_ref (task));
  g_task_set_source_tag (verify, sign_in_offline);
  g_task_set_task_data (verify, data, NULL);
  g_task_run_in_thread (verify, verify_thread);
}

static void
verifier_made (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YrsStaffAuth *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The sign-in stands even if the verifier could not be kept: only the
   * next offline sign-in depends on it. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !yrs_store_set_staff_credential (self->store, data->staff_id, data->verifier,
                                       g_get_real_time (), &error))
    g_warning ("Offline sign-in will not be possible: %s", error->message);
  g_clear_error (&error);
  if (data->data_key == NULL || !install_data_key (self, data, &error))
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               "%s", error != NULL ? error->message
                                                   : _("Not enough memory to protect the password on this device."));
      return;
    }

  g_debug ("Staff member signed in online");
  set_signed_in (self, data->staff_id, g_steal_pointer (&data->token));
  g_task_return_boolean (task, TRUE);
}

static void
online_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YrsStaffAuth *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(YrsApiStaffSessionResponse) response = NULL;
  g_autoptr(GTask) hash = NULL;
  g_autoptr(GError) error = NULL;

  response = yrs_api_client_sign_in_finish (YRS_API_CLIENT (object), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_UNAUTHORIZED) ||
               g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_REJECTED))
        {
          g_autoptr(GError) forget_error = NULL;

          /* A wrong password stays wrong: the server's answer wins over a
           * verifier on the device, which is dropped (the password may
           * have been changed centrally). */
          if (!yrs_store_forget_staff_credential (self->store, data->staff_id, &forget_error))
            g_warning ("%s", forget_error->message);
          g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS,
                                   _("The staff ID or the password is not right."));
        }
      else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_RATE_LIMITED))
        {
          g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOO_MANY_ATTEMPTS,
                                   _("Too many sign-in attempts. Wait a few minutes and try again."));
        }
      else
        {
          /* Offline, timeout, server trouble, a certificate that is not
           * trusted (a hotel's captive portal): the device decides. */
          g_debug ("Server not usable for sign-in (%s), trying offline", error->message);
          sign_in_offline (task);
        }
      return;
    }

  data->token = g_steal_pointer (&response->token);
  data->role = g_steal_pointer (&response->role);
  data->ward = g_steal_pointer (&response->ward);
  data->wrapped = yrs_store_get_staff_wrapped_key (self->store, data->staff_id, NULL);

  hash = g_task_new (self, g_task_get_cancellable (task), verifier_made, g_object_ref (task));
  g_task_set_source_tag (hash, online_done);
  g_task_set_task_data (hash, data, NULL);
  g_task_run_in_thread (hash, hash_thread);
}

void
yrs_staff_auth_sign_in_async (YrsStaffAuth        *self,
                              const char          *staff_id,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SignInData *data;

  g_return_if_fail (YRS_IS_STAFF_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_staff_auth_sign_in_async);

  if (!check_input (staff_id != NULL ? staff_id : "", password, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SignInData, 1);
  data->staff_id = g_strstrip (g_strdup (staff_id));
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  /* A new sign-in ends the previous one. */
  yrs_staff_auth_sign_out (self);

  if (self->client != NULL)
    yrs_api_client_sign_in_async (self->client, data->staff_id, data->password, cancellable,
                                  online_done, g_steal_pointer (&task));
  else
    sign_in_offline (task);
}

gboolean
yrs_staff_auth_sign_in_finish (YrsStaffAuth  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Unlock --------------------------------------------------------- */

static void
unlock_verified (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YrsStaffAuth *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);

  /* Signed out (or someone else signed in) meanwhile. */
  if (g_strcmp0 (self->staff_id, data->staff_id) != 0)
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NOT_SIGNED_IN,
                               _("Nobody is signed in."));
      return;
    }

  if (g_task_propagate_boolean (G_TASK (result), NULL))
    {
      g_autoptr(GError) error = NULL;

      self->unlock_failures = 0;
      if (!install_data_key (self, data, &error))
        {
          g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                                   "%s", error->message);
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (++self->unlock_failures >= MAX_UNLOCK_TRIES)
    {
      yrs_staff_auth_sign_out (self);
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOO_MANY_ATTEMPTS,
                               _("Too many wrong passwords: you have been signed out."));
      return;
    }

  g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS,
                           _("The password is not right."));
}

void
yrs_staff_auth_unlock_async (YrsStaffAuth        *self,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) verify = NULL;
  g_autoptr(GError) store_error = NULL;
  GError *error = NULL;
  SignInData *data;

  g_return_if_fail (YRS_IS_STAFF_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_staff_auth_unlock_async);

  if (self->staff_id == NULL)
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NOT_SIGNED_IN,
                               _("Nobody is signed in."));
      return;
    }
  if (!check_input (NULL, password, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SignInData, 1);
  data->staff_id = g_strdup (self->staff_id);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  if (!yrs_store_get_staff_credential (self->store, data->staff_id, &data->verifier, NULL, &store_error))
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               "%s", store_error != NULL ? store_error->message
                                                         : _("This device holds no password check for you: sign out and sign in again."));
      return;
    }

  data->wrapped = yrs_store_get_staff_wrapped_key (self->store, data->staff_id, NULL);
  verify = g_task_new (self, cancellable, unlock_verified, g_steal_pointer (&task));
  g_task_set_source_tag (verify, yrs_staff_auth_unlock_async);
  g_task_set_task_data (verify, data, NULL);
  g_task_run_in_thread (verify, verify_thread);
}

gboolean
yrs_staff_auth_unlock_finish (YrsStaffAuth  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Password change --------------------------------------------- */

G_STATIC_ASSERT (YRS_STAFF_AUTH_PASSWORD_MIN_CHARS == YRS_API_PASSWORD_MIN_CHARS);

typedef struct
{
  char    *staff_id;
  char    *current;       /* zeroed */
  char    *new_password;  /* zeroed */
  GBytes  *wrapped;       /* in: under the current password; out: under the new */
  char    *verifier;      /* out: of the new password */
} ChangeData;

static void
change_data_free (ChangeData *data)
{
  g_free (data->staff_id);
  free_secret (data->current);
  free_secret (data->new_password);
  g_clear_pointer (&data->wrapped, g_bytes_unref);
  g_free (data->verifier);
  g_free (data);
}

/* The new password's rule, checked here first so that a weak one is
 * said at once and in her language (the server checks it again). */
static gboolean
check_new_password (const char  *current,
                    const char  *new_password,
                    GError     **error)
{
  if (current == NULL || *current == '\0' || strlen (current) > MAX_PASSWORD_BYTES)
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID,
                   _("Enter your current password."));
      return FALSE;
    }
  if (new_password == NULL || !g_utf8_validate (new_password, -1, NULL) ||
      g_utf8_strlen (new_password, -1) < YRS_STAFF_AUTH_PASSWORD_MIN_CHARS ||
      strlen (new_password) > MAX_PASSWORD_BYTES)
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID,
                   ngettext ("The new password needs at least %u character.",
                             "The new password needs at least %u characters.",
                             YRS_STAFF_AUTH_PASSWORD_MIN_CHARS),
                   YRS_STAFF_AUTH_PASSWORD_MIN_CHARS);
      return FALSE;
    }
  if (strcmp (current, new_password) == 0)
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID,
                   _("The new password must not be the same as the current one."));
      return FALSE;
    }
  return TRUE;
}

/* In a worker thread, after the server took the new password: her data
 * key out of the old wrapping, into a new one; a verifier of the new. */
static void
rewrap_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChangeData *data = task_data;
  char hashed[crypto_pwhash_STRBYTES];
  guint8 *key = sodium_malloc (YRS_STORE_KEY_BYTES);
  GBytes *rewrapped = NULL;

  if (key != NULL && data->wrapped != NULL &&
      unwrap_key (data->staff_id, data->current, data->wrapped, key))
    rewrapped = wrap_key (data->staff_id, data->new_password, key);
  if (key != NULL)
    sodium_free (key);
  if (rewrapped == NULL ||
      crypto_pwhash_str (hashed, data->new_password, strlen (data->new_password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_clear_pointer (&rewrapped, g_bytes_unref);
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               _("Your password was changed on the server, but this tablet could not protect your data with it. Sign out and sign in again with the new password."));
      return;
    }
  g_bytes_unref (data->wrapped);
  data->wrapped = rewrapped;
  data->verifier = g_strdup (hashed);
  sodium_memzero (hashed, sizeof hashed);
  g_task_return_boolean (task, TRUE);
}

static void
rewrapped (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YrsStaffAuth *self = g_task_get_source_object (task);
  ChangeData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!yrs_store_replace_staff_secrets (self->store, data->staff_id, data->verifier,
                                        data->wrapped, g_get_real_time (), &error))
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_FAILED,
                               _("Your password was changed on the server, but this tablet could not keep it: %s"),
                               error->message);
      g_clear_error (&error);
      return;
    }
  g_debug ("Staff password changed; data key wrapped again");
  g_task_return_boolean (task, TRUE);
}

static void
password_changed_online (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YrsStaffAuth *self = g_task_get_source_object (task);
  ChangeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) rewrap = NULL;

  if (!yrs_api_client_change_password_finish (YRS_API_CLIENT (object), result, &error))
    {
      const YrsApiProblem *problem = yrs_api_error_get_problem (error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_UNAUTHORIZED) &&
               problem != NULL && g_strcmp0 (problem->type, YRS_API_PROBLEM_LOGIN_FAILED) == 0)
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS,
                                 _("The current password is not right."));
      else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_UNAUTHORIZED))
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NEEDS_SERVER,
                                 _("Your session with the city's server has ended. Sign out, sign in again with a network, then change your password."));
      else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_RATE_LIMITED))
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOO_MANY_ATTEMPTS,
                                 _("Too many wrong passwords. Wait a few minutes and try again."));
      else if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_REJECTED))
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_INVALID,
                                 ngettext ("The city's server did not accept the new password. It needs at least %u character and must not be the current one.",
                                           "The city's server did not accept the new password. It needs at least %u characters and must not be the current one.",
                                           YRS_STAFF_AUTH_PASSWORD_MIN_CHARS),
                                 YRS_STAFF_AUTH_PASSWORD_MIN_CHARS);
      else
        g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NEEDS_SERVER,
                                 _("Changing your password needs the city's server, which cannot be reached now. Nothing was changed; try again where there is a network."));
      return;
    }

  data->wrapped = yrs_store_get_staff_wrapped_key (self->store, data->staff_id, NULL);
  rewrap = g_task_new (self, NULL, rewrapped, g_object_ref (task));
  g_task_set_source_tag (rewrap, password_changed_online);
  g_task_set_task_data (rewrap, data, NULL);
  g_task_run_in_thread (rewrap, rewrap_thread);
}

void
yrs_staff_auth_change_password_async (YrsStaffAuth        *self,
                                      const char          *current,
                                      const char          *new_password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ChangeData *data;

  g_return_if_fail (YRS_IS_STAFF_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_staff_auth_change_password_async);

  if (self->staff_id == NULL)
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NOT_SIGNED_IN,
                               _("Nobody is signed in."));
      return;
    }
  if (!check_new_password (current, new_password, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->client == NULL || self->token == NULL)
    {
      g_task_return_new_error (task, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_NEEDS_SERVER,
                               _("Changing your password needs the city's server. You signed in without a network: sign out, sign in again where there is a network, then change it."));
      return;
    }

  data = g_new0 (ChangeData, 1);
  data->staff_id = g_strdup (self->staff_id);
  data->current = g_strdup (current);
  data->new_password = g_strdup (new_password);
  g_task_set_task_data (task, data, (GDestroyNotify) change_data_free);

  /* Her token is the one the sync engine already uses. */
  yrs_api_client_set_token (self->client, self->token);
  yrs_api_client_change_password_async (self->client, current, new_password, cancellable,
                                        password_changed_online, g_steal_pointer (&task));
}

gboolean
yrs_staff_auth_change_password_finish (YrsStaffAuth  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
yrs_staff_auth_sign_out (YrsStaffAuth *self)
{
  g_return_if_fail (YRS_IS_STAFF_AUTH (self));

  if (self->staff_id == NULL && self->token == NULL)
    return;

  drop_data_key (self);
  set_notice (self, NULL);
  g_clear_pointer (&self->token, free_secret);
  g_clear_pointer (&self->staff_id, g_free);
  self->unlock_failures = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

/* ---- Device token ----------------------------------------------------- */

char *
yrs_staff_auth_device_token_path (void)
{
  const char *env = g_getenv ("YRS_DEVICE_TOKEN_FILE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_config_dir (), "yorisoi", "device-token", NULL);
}

char *
yrs_staff_auth_read_device_token (const char  *path,
                                  GError     **error)
{
  g_autofree char *display = NULL;
  char buffer[MAX_TOKEN_BYTES + 1];
  struct stat st;
  gssize n;
  char *token;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOKEN_FILE,
                   _("Device token file %s: %s"), display, g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOKEN_FILE,
                   _("Device token file %s is not a regular file"), display);
      close (fd);
      return NULL;
    }
  if ((st.st_mode & 077) != 0 || st.st_uid != getuid ())
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOKEN_FILE,
                   _("Device token file %s must belong to this user and be readable by nobody else (chmod 600); it is mode %03o"),
                   display, (unsigned) (st.st_mode & 0777));
      close (fd);
      return NULL;
    }

  n = read (fd, buffer, MAX_TOKEN_BYTES + 1);
  close (fd);
  if (n < 0 || n > MAX_TOKEN_BYTES)
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOKEN_FILE,
                   _("Device token file %s could not be read or is too big"), display);
      sodium_memzero (buffer, sizeof buffer);
      return NULL;
    }
  buffer[n] = '\0';
  token = g_strdup (g_strstrip (buffer));
  sodium_memzero (buffer, sizeof buffer);

  if (*token == '\0' || !g_str_is_ascii (token) || strpbrk (token, " \t\r\n") != NULL)
    {
      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOKEN_FILE,
                   _("Device token file %s does not hold one token on one line"), display);
      free_secret (token);
      return NULL;
    }
  return token;
}

gboolean
yrs_staff_auth_write_device_token (const char  *path,
                                   const char  *token,
                                   GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  g_autofree char *tmp = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  display = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOKEN_FILE,
                   _("Device token file %s: %s"), display, g_strerror (saved));
      return FALSE;
    }

  /* Made 0600 from the start, then moved into place. */
  tmp = g_strconcat (path, ".new", NULL);
  g_unlink (tmp);
  fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 ||
      write (fd, token, strlen (token)) != (gssize) strlen (token) ||
      write (fd, "\n", 1) != 1 ||
      fsync (fd) != 0 ||
      close (fd) != 0 ||
      g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, YRS_STAFF_AUTH_ERROR, YRS_STAFF_AUTH_ERROR_TOKEN_FILE,
                   _("Device token file %s: %s"), display, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

/* ---- GObject -------------------------------------------------------- */

static void
yrs_staff_auth_dispose (GObject *object)
{
  YrsStaffAuth *self = YRS_STAFF_AUTH (object);

  drop_data_key (self);
  g_clear_pointer (&self->token, free_secret);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (yrs_staff_auth_parent_class)->dispose (object);
}

static void
yrs_staff_auth_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YrsStaffAuth *self = YRS_STAFF_AUTH (object);

  switch (prop_id)
    {
    case PROP_STAFF_ID:
      g_value_set_string (value, self->staff_id);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, self->token != NULL);
      break;

    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_staff_auth_class_init (YrsStaffAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_staff_auth_dispose;
  object_class->get_property = yrs_staff_auth_get_property;

  properties[PROP_STAFF_ID] =
    g_param_spec_string ("staff-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Something she must be told after signing in (in her language), or
   * NULL: see yrs_staff_auth_get_notice(). */
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static void
yrs_staff_auth_init (YrsStaffAuth *self)
{
}

YrsStaffAuth *
yrs_staff_auth_new (YrsStore     *store,
                    YrsApiClient *client,
                    GSettings    *settings)
{
  YrsStaffAuth *self;

  g_return_val_if_fail (YRS_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || YRS_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (YRS_TYPE_STAFF_AUTH, NULL);
  self->store = g_object_ref (store);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  self->settings = g_object_ref (settings);
  return self;
}

void
yrs_staff_auth_set_client (YrsStaffAuth *self,
                           YrsApiClient *client)
{
  g_return_if_fail (YRS_IS_STAFF_AUTH (self));
  g_return_if_fail (client == NULL || YRS_IS_API_CLIENT (client));

  g_set_object (&self->client, client);
}

const char *
yrs_staff_auth_get_staff_id (YrsStaffAuth *self)
{
  g_return_val_if_fail (YRS_IS_STAFF_AUTH (self), NULL);

  return self->staff_id;
}

gboolean
yrs_staff_auth_get_online (YrsStaffAuth *self)
{
  g_return_val_if_fail (YRS_IS_STAFF_AUTH (self), FALSE);

  return self->token != NULL;
}

const char *
yrs_staff_auth_get_token (YrsStaffAuth *self)
{
  g_return_val_if_fail (YRS_IS_STAFF_AUTH (self), NULL);

  return self->token;
}

const char *
yrs_staff_auth_get_notice (YrsStaffAuth *self)
{
  g_return_val_if_fail (YRS_IS_STAFF_AUTH (self), NULL);

  return self->notice;
}

void
yrs_staff_auth_lock (YrsStaffAuth *self)
{
  g_return_if_fail (YRS_IS_STAFF_AUTH (self));

  drop_data_key (self);
}
