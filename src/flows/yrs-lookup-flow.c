/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-lookup-flow"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "yrs-api-client.h"
#include "yrs-api-lookup.h"
#include "yrs-date.h"
#include "yrs-lookup-booking-private.h"
#include "yrs-lookup-flow.h"
#include "yrs-sync-engine.h"

struct _YrsLookupFlow
{
  GObject         parent_instance;

  YrsSession     *session;      /* weak: the session owns this flow */
  GCancellable   *cancellable;

  char           *reference;    /* as typed */
  char           *birth_date;   /* ISO or "" */
  gboolean        tried;        /* looked up once: show the reference's error */

  YrsLookupState  state;
  char           *message;
  guint           wait_seconds;
  gint64          wait_until;   /* monotonic µs */
  guint           tick_id;

  /* The match */
  char           *asked_reference;  /* normalized, for refresh() */
  char           *asked_birth_date;
  YrsApiLookupResponse *found;
  GListStore     *bookings;
  char           *cancel_message;
  gboolean        cancelling;
};

G_DEFINE_FINAL_TYPE (YrsLookupFlow, yrs_lookup_flow, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (YrsLookupState, yrs_lookup_state,
  G_DEFINE_ENUM_VALUE (YRS_LOOKUP_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (YRS_LOOKUP_BUSY, "busy"),
  G_DEFINE_ENUM_VALUE (YRS_LOOKUP_FOUND, "found"),
  G_DEFINE_ENUM_VALUE (YRS_LOOKUP_NO_MATCH, "no-match"),
  G_DEFINE_ENUM_VALUE (YRS_LOOKUP_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (YRS_LOOKUP_FAILED, "failed"))

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_REFERENCE_ERROR,
  PROP_BIRTH_DATE,
  PROP_BIRTH_DATE_ERROR,
  PROP_CAN_LOOK_UP,
  PROP_STATE,
  PROP_BUSY,
  PROP_FOUND,
  PROP_MESSAGE,
  PROP_WAIT_SECONDS,
  PROP_FOUND_REFERENCE,
  PROP_KIND_LABEL,
  PROP_STATUS_LABEL,
  PROP_STATUS_TEXT,
  PROP_STATUS_STYLE,
  PROP_CAN_BOOK,
  PROP_BOOKINGS,
  PROP_HAS_BOOKINGS,
  PROP_CANCEL_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (YrsLookupFlow *self,
        guint          prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
free_secret (char **text)
{
  if (*text != NULL)
    explicit_bzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

/* ---- The reference ----------------------------------------------------- */

char *
yrs_lookup_flow_normalize_reference (const char *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) bare = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  /* NFKC: full-width letters, digits and hyphens become ASCII. */
  folded = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (folded == NULL)
    return NULL;
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isalnum (c))
        g_string_append_c (bare, g_ascii_toupper (c));
      else if (g_unichar_isspace (c) || c == '-' || c == 0x2212 || c == 0x30FC ||
               c == 0x2010 || c == 0x2013 || c == 0x2014)
        continue;   /* spaces and the hyphens people type */
      else
        return NULL;
    }
  /* A prefix of 3 capitals and 8 characters of the city's alphabet. */
  if (bare->len != 11 ||
      !(g_str_has_prefix (bare->str, "APP") || g_str_has_prefix (bare->str, "REG") ||
        g_str_has_prefix (bare->str, "RSV")))
    return NULL;
  for (gsize i = 3; i < bare->len; i++)
    if (!g_ascii_isalnum (bare->str[i]))
      return NULL;
  return g_strdup_printf ("%.3s-%.4s-%.4s", bare->str, bare->str + 3, bare->str + 7);
}

static char *
reference_error (YrsLookupFlow *self)
{
  g_autofree char *normal = NULL;

  if (self->reference == NULL || *self->reference == '\0')
    return g_strdup (self->tried ? _("Enter the reference number on your receipt.") : "");
  normal = yrs_lookup_flow_normalize_reference (self->reference);
  if (normal != NULL)
    return g_strdup ("");
  /* Said while typing only once it is long enough to be complete. */
  if (!self->tried && strlen (self->reference) < 11)
    return g_strdup ("");
  return g_strdup (_("This is not a reference number of the city. It looks like REG-7K3M-Q9XA: three letters, then eight letters and numbers."));
}

static gboolean
birth_date_valid (YrsLookupFlow *self,
                  YrsDate       *out)
{
  YrsDate date;

  if (self->birth_date == NULL || !yrs_date_parse_iso (self->birth_date, &date, NULL))
    return FALSE;
  if (yrs_date_compare (date, yrs_date_today ()) > 0)
    return FALSE;
  if (out != NULL)
    *out = date;
  return TRUE;
}

static const char *
birth_date_error (YrsLookupFlow *self)
{
  YrsDate date;

  if (self->birth_date != NULL && yrs_date_parse_iso (self->birth_date, &date, NULL) &&
      yrs_date_compare (date, yrs_date_today ()) > 0)
    return _("＊Your date of birth cannot be in the future.");
  if (self->tried && (self->birth_date == NULL || *self->birth_date == '\0'))
    return _("＊Enter your date of birth.");
  return "";
}

gboolean
yrs_lookup_flow_get_can_look_up (YrsLookupFlow *self)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), FALSE);

  if (self->state == YRS_LOOKUP_BUSY || self->state == YRS_LOOKUP_WAITING || self->cancelling)
    return FALSE;
  normal = yrs_lookup_flow_normalize_reference (self->reference);
  return normal != NULL && birth_date_valid (self, NULL);
}

static void
notify_inputs (YrsLookupFlow *self)
{
  notify (self, PROP_REFERENCE_ERROR);
  notify (self, PROP_BIRTH_DATE_ERROR);
  notify (self, PROP_CAN_LOOK_UP);
}

/* ---- State ------------------------------------------------------------- */

static void
set_state (YrsLookupFlow  *self,
           YrsLookupState  state,
           const char     *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      gboolean was_found = self->state == YRS_LOOKUP_FOUND;

      self->state = state;
      notify (self, PROP_STATE);
      notify (self, PROP_BUSY);
      notify (self, PROP_CAN_LOOK_UP);
      if (was_found != (state == YRS_LOOKUP_FOUND))
        notify (self, PROP_FOUND);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      notify (self, PROP_MESSAGE);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
notify_found (YrsLookupFlow *self)
{
  notify (self, PROP_FOUND_REFERENCE);
  notify (self, PROP_KIND_LABEL);
  notify (self, PROP_STATUS_LABEL);
  notify (self, PROP_STATUS_TEXT);
  notify (self, PROP_STATUS_STYLE);
  notify (self, PROP_CAN_BOOK);
  notify (self, PROP_HAS_BOOKINGS);
}

static void
drop_found (YrsLookupFlow *self)
{
  gboolean had = self->found != NULL;

  if (self->found != NULL)
    free_secret (&self->found->token);
  g_clear_pointer (&self->found, yrs_api_lookup_response_free);
  if (self->bookings != NULL)
    g_list_store_remove_all (self->bookings);
  if (had)
    notify_found (self);
}

/* The countdown after too many wrong tries. */
static char *
waiting_message (guint seconds)
{
  if (seconds >= 120)
    {
      guint minutes = (seconds + 59) / 60;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Too many tries. Please wait %u minute, then try again.",
                                           "Too many tries. Please wait %u minutes, then try again.",
                                           minutes), minutes);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Too many tries. Please wait %u second, then try again.",
                                       "Too many tries. Please wait %u seconds, then try again.",
                                       seconds), seconds);
}

static void
stop_wait (YrsLookupFlow *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->wait_seconds != 0)
    {
      self->wait_seconds = 0;
      notify (self, PROP_WAIT_SECONDS);
    }
}

static gboolean
tick (gpointer data)
{
  YrsLookupFlow *self = data;
  gint64 left = self->wait_until - g_get_monotonic_time ();
  guint seconds = left > 0 ? (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;

  if (seconds == 0)
    {
      self->tick_id = 0;
      self->wait_seconds = 0;
      g_object_freeze_notify (G_OBJECT (self));
      notify (self, PROP_WAIT_SECONDS);
      set_state (self, YRS_LOOKUP_EMPTY, NULL);
      g_object_thaw_notify (G_OBJECT (self));
      return G_SOURCE_REMOVE;
    }
  if (seconds != self->wait_seconds)
    {
      g_autofree char *message = waiting_message (seconds);

      self->wait_seconds = seconds;
      g_object_freeze_notify (G_OBJECT (self));
      notify (self, PROP_WAIT_SECONDS);
      set_state (self, YRS_LOOKUP_WAITING, message);
      g_object_thaw_notify (G_OBJECT (self));
    }
  return G_SOURCE_CONTINUE;
}

static void
start_wait (YrsLookupFlow *self,
            gint64         seconds)
{
  stop_wait (self);
  self->wait_until = g_get_monotonic_time () + MAX ((gint64) 1, seconds) * G_USEC_PER_SEC;
  tick (self);   /* WAITING, with the seconds in "message" */
  self->tick_id = g_timeout_add (250, tick, self);
}

/* ---- Asking ------------------------------------------------------------ */

static YrsApiClient *
client_of (YrsLookupFlow *self)
{
  YrsSyncEngine *engine = self->session != NULL ? yrs_session_get_sync_engine (self->session) : NULL;

  return engine != NULL ? yrs_sync_engine_get_client (engine) : NULL;
}

static const char *
failure_message (const GError *error)
{
  if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_OFFLINE) ||
      g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_TIMEOUT) ||
      g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_TLS) ||
      g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_INSECURE))
    return _("The city's system cannot be reached from this kiosk just now. Please try again later, or ask at the counter.");
  return _("The city's system could not answer just now. Please try again in a moment, or ask at the counter.");
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(YrsLookupFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiLookupResponse) found =
    yrs_api_client_lookup_finish (YRS_API_CLIENT (source), result, &error);
  YrsCatalog *catalog;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (found == NULL)
    {
      guint status = yrs_api_error_get_status (error);

      drop_found (self);
      if (g_error_matches (error, YRS_API_ERROR, YRS_API_ERROR_RATE_LIMITED) && status == 429)
        start_wait (self, yrs_api_error_get_retry_after (error));
      else if (status == 404)
        set_state (self, YRS_LOOKUP_NO_MATCH,
                   _("We could not find this reference number with this date of birth. Check both on your receipt and try again."));
      else
        set_state (self, YRS_LOOKUP_FAILED, failure_message (error));
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  drop_found (self);
  self->found = g_steal_pointer (&found);
  catalog = yrs_session_get_catalog (self->session);
  for (guint i = 0; i < self->found->bookings->len; i++)
    {
      g_autoptr(YrsLookupBooking) item =
        _yrs_lookup_booking_new (catalog, g_ptr_array_index (self->found->bookings, i), now);

      g_list_store_append (self->bookings, item);
    }
  set_state (self, YRS_LOOKUP_FOUND, NULL);
  notify_found (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
ask (YrsLookupFlow *self,
     const char    *reference,
     const char    *birth_date)
{
  YrsApiClient *client = client_of (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (client == NULL)
    {
      drop_found (self);
      set_state (self, YRS_LOOKUP_FAILED,
                 _("This kiosk is not connected to the city's system, so it cannot look up reference numbers. Please ask at the counter."));
      return TRUE;
    }
  self->cancellable = g_cancellable_new ();
  set_state (self, YRS_LOOKUP_BUSY, NULL);
  yrs_api_client_lookup_async (client, reference, birth_date, self->cancellable,
                               on_looked_up, g_object_ref (self));
  return TRUE;
}

gboolean
yrs_lookup_flow_look_up (YrsLookupFlow *self)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), FALSE);

  if (!self->tried)
    {
      self->tried = TRUE;
      notify_inputs (self);
    }
  if (!yrs_lookup_flow_get_can_look_up (self))
    return FALSE;
  normal = yrs_lookup_flow_normalize_reference (self->reference);
  free_secret (&self->asked_reference);
  free_secret (&self->asked_birth_date);
  self->asked_reference = g_strdup (normal);
  self->asked_birth_date = g_strdup (self->birth_date);
  g_clear_pointer (&self->cancel_message, g_free);
  notify (self, PROP_CANCEL_MESSAGE);
  /* She sees the reference as the city writes it. */
  if (g_strcmp0 (normal, self->reference) != 0)
    yrs_lookup_flow_set_reference (self, normal);
  return ask (self, self->asked_reference, self->asked_birth_date);
}

gboolean
yrs_lookup_flow_refresh (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), FALSE);

  if (self->state != YRS_LOOKUP_FOUND || self->asked_reference == NULL)
    return FALSE;
  return ask (self, self->asked_reference, self->asked_birth_date);
}

/* ---- Cancelling -------------------------------------------------------- */

static YrsLookupBooking *
find_booking (YrsLookupFlow *self,
              const char    *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->bookings)); i++)
    {
      g_autoptr(YrsLookupBooking) item = g_list_model_get_item (G_LIST_MODEL (self->bookings), i);

      if (g_strcmp0 (yrs_lookup_booking_get_id (item), id) == 0)
        return item;
    }
  return NULL;
}

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(YrsLookupFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YrsApiReservationResponse) answer =
    yrs_api_client_cancel_with_proof_finish (YRS_API_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;

  self->cancelling = FALSE;
  g_free (self->cancel_message);
  if (answer != NULL)
    /* Translators: %s is a booking's reference number */
    self->cancel_message = g_strdup_printf (_("Booking %s is cancelled. Its place is free for someone else."),
                                            answer->reference);
  else if (yrs_api_error_get_status (error) == 404)
    self->cancel_message = g_strdup (_("This booking could not be cancelled from here. Please look up your reference number again, or ask at the counter."));
  else
    self->cancel_message = g_strdup (failure_message (error));
  notify (self, PROP_CANCEL_MESSAGE);
  notify (self, PROP_CAN_LOOK_UP);
  /* The server's word on what is left. */
  if (self->state == YRS_LOOKUP_FOUND)
    ask (self, self->asked_reference, self->asked_birth_date);
}

gboolean
yrs_lookup_flow_cancel_booking (YrsLookupFlow *self,
                                const char    *booking_id)
{
  YrsLookupBooking *item;
  YrsApiClient *client;
  g_autofree char *key = NULL;

  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), FALSE);

  if (self->state != YRS_LOOKUP_FOUND || self->found == NULL || self->cancelling ||
      booking_id == NULL || (item = find_booking (self, booking_id)) == NULL ||
      !yrs_lookup_booking_get_can_cancel (item) || (client = client_of (self)) == NULL)
    return FALSE;

  self->cancelling = TRUE;
  notify (self, PROP_CAN_LOOK_UP);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  key = g_uuid_string_random ();
  yrs_api_client_cancel_with_proof_async (client, key, booking_id, self->found->token,
                                          self->cancellable, on_cancelled, g_object_ref (self));
  return TRUE;
}

/* ---- The match for people ---------------------------------------------- */

static const char *
kind_label (YrsLookupFlow *self)
{
  const char *kind = self->found != NULL ? self->found->kind : NULL;

  if (g_strcmp0 (kind, "registration") == 0)
    return _("Registration for postpartum care");
  if (g_strcmp0 (kind, "reservation") == 0)
    return _("Postpartum care reservation");
  if (g_strcmp0 (kind, "application") == 0)
    return _("Application");
  return "";
}

static const char *
status_label (YrsLookupFlow *self)
{
  const char *status = self->found != NULL ? self->found->status : NULL;

  if (status == NULL)
    return "";
  if (g_str_equal (status, "approved"))
    return _("Approved");
  if (g_str_equal (status, "pending"))
    return _("Waiting for approval");
  if (g_str_equal (status, "declined") || g_str_equal (status, "rejected"))
    return _("Not approved");
  if (g_str_equal (status, "received"))
    return _("Received");
  if (g_str_equal (status, "waiting_for_consultation"))
    return _("Waiting for your consultation");
  if (g_str_equal (status, "ready_to_pay"))
    return _("Ready to be paid");
  if (g_str_equal (status, "paid"))
    return _("Paid");
  if (g_str_equal (status, "confirmed"))
    return _("Booked");
  if (g_str_equal (status, "cancelled"))
    return _("Cancelled");
  return _("Being processed");
}

static char *
status_text (YrsLookupFlow *self)
{
  const char *status = self->found != NULL ? self->found->status : NULL;
  const char *kind = self->found != NULL ? self->found->kind : NULL;

  if (status == NULL)
    return g_strdup ("");
  if (g_str_equal (status, "declined") || g_str_equal (status, "rejected"))
    {
      if (self->found->reason != NULL && *self->found->reason != '\0')
        /* Translators: %s is the city's reason, as the city wrote it */
        return g_strdup_printf (_("The city did not approve it. The reason given: %s. Please ask at the counter if you have questions."),
                                self->found->reason);
      return g_strdup (_("The city did not approve it. Please ask at the counter why, and what you can do."));
    }
  if (g_strcmp0 (kind, "registration") == 0 || g_strcmp0 (kind, "reservation") == 0)
    {
      if (self->found->can_book)
        return g_strdup (_("Your registration for postpartum care is approved: you can book a place now, and cancel a booking below."));
      return g_strdup (_("The city has your registration and approves it in about 5 working days. You can book once it is approved."));
    }
  if (g_str_equal (status, "received"))
    return g_strdup (_("The city has your application and is checking it. You will hear from the city when it is decided."));
  if (g_str_equal (status, "waiting_for_consultation"))
    {
      const char *programme = self->found->programme;

      /* The support payments are paid with a consultation (面談) with the
       * ward's public-health nurse (the seed: at the pregnancy
       * notification; after the birth). */
      if (g_strcmp0 (programme, "support_payment_birth") == 0)
        return g_strdup (_("The city has your application. The payment is made after your consultation with the ward's public-health nurse after the birth. Please ask at the ward office if you have questions."));
      if (g_strcmp0 (programme, "support_payment_pregnancy") == 0)
        return g_strdup (_("The city has your application. The payment is made after your consultation with the ward's public-health nurse at the pregnancy notification. If you have not had it yet, please ask at the ward office."));
      return g_strdup (_("The city has your application. The payment is made after your consultation with the ward's public-health nurse. Please ask at the ward office if you have questions."));
    }
  if (g_str_equal (status, "ready_to_pay"))
    return g_strdup (_("Your application is approved and the payment is being prepared. It goes to the account you gave."));
  if (g_str_equal (status, "paid"))
    return g_strdup (_("The payment has been made to the account you gave."));
  return g_strdup (_("The city is working on it. Please ask at the counter if you have questions."));
}

static const char *
status_style (YrsLookupFlow *self)
{
  const char *status = self->found != NULL ? self->found->status : NULL;

  if (status == NULL)
    return "";
  if (g_str_equal (status, "approved") || g_str_equal (status, "confirmed") ||
      g_str_equal (status, "paid") || g_str_equal (status, "ready_to_pay"))
    return "success";
  if (g_str_equal (status, "declined") || g_str_equal (status, "rejected"))
    return "error";
  return "warning";
}

/* ---- GObject ----------------------------------------------------------- */

static void
yrs_lookup_flow_dispose (GObject *object)
{
  YrsLookupFlow *self = YRS_LOOKUP_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->session != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *) &self->session);
  self->session = NULL;
  drop_found (self);

  G_OBJECT_CLASS (yrs_lookup_flow_parent_class)->dispose (object);
}

static void
yrs_lookup_flow_finalize (GObject *object)
{
  YrsLookupFlow *self = YRS_LOOKUP_FLOW (object);

  free_secret (&self->reference);
  free_secret (&self->birth_date);
  free_secret (&self->asked_reference);
  free_secret (&self->asked_birth_date);
  g_free (self->message);
  g_free (self->cancel_message);
  g_clear_object (&self->bookings);

  G_OBJECT_CLASS (yrs_lookup_flow_parent_class)->finalize (object);
}

static void
yrs_lookup_flow_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YrsLookupFlow *self = YRS_LOOKUP_FLOW (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference != NULL ? self->reference : "");
      break;
    case PROP_REFERENCE_ERROR:
      g_value_take_string (value, reference_error (self));
      break;
    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date != NULL ? self->birth_date : "");
      break;
    case PROP_BIRTH_DATE_ERROR:
      g_value_set_string (value, birth_date_error (self));
      break;
    case PROP_CAN_LOOK_UP:
      g_value_set_boolean (value, yrs_lookup_flow_get_can_look_up (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->state == YRS_LOOKUP_BUSY);
      break;
    case PROP_FOUND:
      g_value_set_boolean (value, self->state == YRS_LOOKUP_FOUND);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message != NULL ? self->message : "");
      break;
    case PROP_WAIT_SECONDS:
      g_value_set_uint (value, self->wait_seconds);
      break;
    case PROP_FOUND_REFERENCE:
      g_value_set_string (value, self->found != NULL ? self->found->reference : "");
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, kind_label (self));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, status_label (self));
      break;
    case PROP_STATUS_TEXT:
      g_value_take_string (value, status_text (self));
      break;
    case PROP_STATUS_STYLE:
      g_value_set_string (value, status_style (self));
      break;
    case PROP_CAN_BOOK:
      g_value_set_boolean (value, yrs_lookup_flow_get_can_book (self));
      break;
    case PROP_BOOKINGS:
      g_value_set_object (value, self->bookings);
      break;
    case PROP_HAS_BOOKINGS:
      g_value_set_boolean (value, g_list_model_get_n_items (G_LIST_MODEL (self->bookings)) > 0);
      break;
    case PROP_CANCEL_MESSAGE:
      g_value_set_string (value, self->cancel_message != NULL ? self->cancel_message : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_lookup_flow_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YrsLookupFlow *self = YRS_LOOKUP_FLOW (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      yrs_lookup_flow_set_reference (self, g_value_get_string (value));
      break;
    case PROP_BIRTH_DATE:
      yrs_lookup_flow_set_birth_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_lookup_flow_class_init (YrsLookupFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yrs_lookup_flow_dispose;
  object_class->finalize = yrs_lookup_flow_finalize;
  object_class->get_property = yrs_lookup_flow_get_property;
  object_class->set_property = yrs_lookup_flow_set_property;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, "", RW);
  properties[PROP_REFERENCE_ERROR] = g_param_spec_string ("reference-error", NULL, NULL, "", RO);
  properties[PROP_BIRTH_DATE] = g_param_spec_string ("birth-date", NULL, NULL, "", RW);
  properties[PROP_BIRTH_DATE_ERROR] = g_param_spec_string ("birth-date-error", NULL, NULL, "", RO);
  properties[PROP_CAN_LOOK_UP] = g_param_spec_boolean ("can-look-up", NULL, NULL, FALSE, RO);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, YRS_TYPE_LOOKUP_STATE, YRS_LOOKUP_EMPTY, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_FOUND] = g_param_spec_boolean ("found", NULL, NULL, FALSE, RO);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, "", RO);
  properties[PROP_WAIT_SECONDS] = g_param_spec_uint ("wait-seconds", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_FOUND_REFERENCE] = g_param_spec_string ("found-reference", NULL, NULL, "", RO);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, "", RO);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, "", RO);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, "", RO);
  properties[PROP_STATUS_STYLE] = g_param_spec_string ("status-style", NULL, NULL, "", RO);
  properties[PROP_CAN_BOOK] = g_param_spec_boolean ("can-book", NULL, NULL, FALSE, RO);
  properties[PROP_BOOKINGS] = g_param_spec_object ("bookings", NULL, NULL, G_TYPE_LIST_MODEL, RO);
  properties[PROP_HAS_BOOKINGS] = g_param_spec_boolean ("has-bookings", NULL, NULL, FALSE, RO);
  properties[PROP_CANCEL_MESSAGE] = g_param_spec_string ("cancel-message", NULL, NULL, "", RO);
#undef RO
#undef RW
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yrs_lookup_flow_init (YrsLookupFlow *self)
{
  self->bookings = g_list_store_new (YRS_TYPE_LOOKUP_BOOKING);
  self->reference = g_strdup ("");
  self->birth_date = g_strdup ("");
}

YrsLookupFlow *
yrs_lookup_flow_new (YrsSession *session)
{
  YrsLookupFlow *self;

  g_return_val_if_fail (YRS_IS_SESSION (session), NULL);

  self = g_object_new (YRS_TYPE_LOOKUP_FLOW, NULL);
  self->session = session;
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &self->session);
  return self;
}

const char *
yrs_lookup_flow_get_reference (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), NULL);
  return self->reference;
}

void
yrs_lookup_flow_set_reference (YrsLookupFlow *self,
                               const char    *reference)
{
  g_return_if_fail (YRS_IS_LOOKUP_FLOW (self));

  if (reference == NULL)
    reference = "";
  if (g_strcmp0 (self->reference, reference) == 0)
    return;
  free_secret (&self->reference);
  self->reference = g_strdup (reference);
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_REFERENCE);
  notify_inputs (self);
  /* A new question: the last answer is no longer about it. */
  if (self->state == YRS_LOOKUP_NO_MATCH || self->state == YRS_LOOKUP_FAILED)
    set_state (self, YRS_LOOKUP_EMPTY, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
yrs_lookup_flow_get_birth_date (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), NULL);
  return self->birth_date;
}

void
yrs_lookup_flow_set_birth_date (YrsLookupFlow *self,
                                const char    *iso)
{
  g_return_if_fail (YRS_IS_LOOKUP_FLOW (self));

  if (iso == NULL)
    iso = "";
  if (g_strcmp0 (self->birth_date, iso) == 0)
    return;
  free_secret (&self->birth_date);
  self->birth_date = g_strdup (iso);
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_BIRTH_DATE);
  notify_inputs (self);
  if (self->state == YRS_LOOKUP_NO_MATCH || self->state == YRS_LOOKUP_FAILED)
    set_state (self, YRS_LOOKUP_EMPTY, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

YrsLookupState
yrs_lookup_flow_get_state (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), YRS_LOOKUP_EMPTY);
  return self->state;
}

guint
yrs_lookup_flow_get_wait_seconds (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), 0);
  return self->wait_seconds;
}

gboolean
yrs_lookup_flow_get_can_book (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), FALSE);
  return self->state == YRS_LOOKUP_FOUND && self->found != NULL && self->found->can_book &&
         self->found->registration != NULL;
}

const char *
yrs_lookup_flow_get_registration (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), NULL);
  return yrs_lookup_flow_get_can_book (self) ? self->found->registration : NULL;
}

const char *
yrs_lookup_flow_get_token (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), NULL);
  return self->found != NULL ? self->found->token : NULL;
}

const char *
yrs_lookup_flow_get_found_reference (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), NULL);
  return self->found != NULL ? self->found->reference : NULL;
}

GListModel *
yrs_lookup_flow_get_bookings (YrsLookupFlow *self)
{
  g_return_val_if_fail (YRS_IS_LOOKUP_FLOW (self), NULL);
  return G_LIST_MODEL (self->bookings);
}

void
yrs_lookup_flow_clear (YrsLookupFlow *self)
{
  g_return_if_fail (YRS_IS_LOOKUP_FLOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_wait (self);
  self->cancelling = FALSE;
  self->tried = FALSE;
  drop_found (self);
  free_secret (&self->asked_reference);
  free_secret (&self->asked_birth_date);
  yrs_lookup_flow_set_reference (self, "");
  yrs_lookup_flow_set_birth_date (self, "");
  set_state (self, YRS_LOOKUP_EMPTY, NULL);
}
