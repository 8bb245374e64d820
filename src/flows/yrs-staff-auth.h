/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

/* The store and the API client (yrs-store.h, yrs-api-client.h), which
 * only the app hands in: the sign-in page sees neither. */
typedef struct _YrsStore YrsStore;
typedef struct _YrsApiClient YrsApiClient;

G_BEGIN_DECLS

#define YRS_STAFF_AUTH_ERROR (yrs_staff_auth_error_quark ())

typedef enum
{
  YRS_STAFF_AUTH_ERROR_WRONG_CREDENTIALS,  /* unknown staff ID or wrong password */
  YRS_STAFF_AUTH_ERROR_NEVER_ONLINE,       /* offline, and never signed in online here */
  YRS_STAFF_AUTH_ERROR_OFFLINE_EXPIRED,    /* offline, last online sign-in too long ago */
  YRS_STAFF_AUTH_ERROR_TOO_MANY_ATTEMPTS,  /* the server or this device says wait */
  YRS_STAFF_AUTH_ERROR_NOT_SIGNED_IN,      /* unlock without a signed-in staff member */
  YRS_STAFF_AUTH_ERROR_INVALID,            /* empty or overlong ID or password */
  YRS_STAFF_AUTH_ERROR_TOKEN_FILE,         /* the device token file is missing, unsafe or bad */
  YRS_STAFF_AUTH_ERROR_FAILED,             /* the store or libsodium failed */
  YRS_STAFF_AUTH_ERROR_NEEDS_SERVER,       /* a password change without the city's server */
} YrsStaffAuthError;

#define YRS_TYPE_STAFF_AUTH (yrs_staff_auth_get_type ())

G_DECLARE_FINAL_TYPE (YrsStaffAuth, yrs_staff_auth, YRS, STAFF_AUTH, GObject)

GQuark        yrs_staff_auth_error_quark     (void);

/* Who is signed in, on a device: online against the central API, or
 * offline against an Argon2id verifier of the password (libsodium's
 * crypto_pwhash_str) that an online sign-in left in the store, if that
 * sign-in is at most the settings' offline-signin-days old. The session
 * token lives only in this object's memory and is zeroed on sign-out. */
YrsStaffAuth *yrs_staff_auth_new             (YrsStore            *store,
                                              YrsApiClient        *client,
                                              GSettings           *settings);
/* The client for online sign-in (when the server address changes); NULL
 * for offline only. The token is not given to it: see get_token(). */
void          yrs_staff_auth_set_client      (YrsStaffAuth        *self,
                                              YrsApiClient        *client);

void          yrs_staff_auth_sign_in_async   (YrsStaffAuth        *self,
                                              const char          *staff_id,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      yrs_staff_auth_sign_in_finish  (YrsStaffAuth        *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Checks the signed-in staff member's password (the lock screen): on the
 * device, against the verifier; five wrong tries sign them out. */
void          yrs_staff_auth_unlock_async    (YrsStaffAuth        *self,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      yrs_staff_auth_unlock_finish   (YrsStaffAuth        *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Changes the signed-in staff member's password: the city's server
 * checks `current` and takes `new_password` (at least
 * YRS_STAFF_AUTH_PASSWORD_MIN_CHARS characters, not the current one);
 * then her data key is wrapped again under the new password and the
 * offline verifier replaced, in one store transaction, so the old password
 * no longer signs in or unlocks on this device and the new one opens the
 * same drafts. Needs an online sign-in (a token) and the server: else
 * NEEDS_SERVER. Wrong `current`: WRONG_CREDENTIALS (the server throttles:
 * TOO_MANY_ATTEMPTS); a weak new one: INVALID. */
#define YRS_STAFF_AUTH_PASSWORD_MIN_CHARS 10

void          yrs_staff_auth_change_password_async  (YrsStaffAuth        *self,
                                                     const char          *current,
                                                     const char          *new_password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean      yrs_staff_auth_change_password_finish (YrsStaffAuth        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void          yrs_staff_auth_sign_out        (YrsStaffAuth        *self);
/* The idle lock: her data key leaves memory (her pending drafts are
 * written first); unlock_async() brings it back. */
void          yrs_staff_auth_lock            (YrsStaffAuth        *self);
/* A sentence to show her once signed in (her old sealed data could not be
 * opened after a password reset), or NULL. */
const char   *yrs_staff_auth_get_notice      (YrsStaffAuth        *self);

/* NULL when nobody is signed in. */
const char   *yrs_staff_auth_get_staff_id    (YrsStaffAuth        *self);
/* TRUE when the sign-in reached the server (a token is held). */
gboolean      yrs_staff_auth_get_online      (YrsStaffAuth        *self);
/* The bearer token for the API client, or NULL (offline sign-in). Valid
 * until sign-out; never log it. */
const char   *yrs_staff_auth_get_token       (YrsStaffAuth        *self);

/* The kiosk's device token: $YRS_DEVICE_TOKEN_FILE, else
 * $XDG_CONFIG_HOME/yorisoi/device-token. */
char         *yrs_staff_auth_device_token_path (void);
/* Reads the token from `path`, which must be a regular file of the user,
 * readable by nobody else (mode 0600 or stricter). */
char         *yrs_staff_auth_read_device_token (const char  *path,
                                                GError     **error);
/* Writes it, creating the file with mode 0600 (and its directory 0700). */
gboolean      yrs_staff_auth_write_device_token (const char  *path,
                                                 const char  *token,
                                                 GError     **error);

G_END_DECLS
