/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "yrs-api-client.h"
#include "yrs-sync-messages.h"

char *
yrs_sync_describe_error (const GError *error)
{
  const YrsApiProblem *problem;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("Sending was stopped. Your application is saved and will be sent next time."));
  if (error->domain != YRS_API_ERROR)
    return g_strdup (_("Something went wrong on this device while sending. Your application is kept and will be sent again."));

  switch ((YrsApiError) error->code)
    {
    case YRS_API_ERROR_OFFLINE:
      return g_strdup (_("The server is not reachable. Your application is saved and will be sent automatically."));
    case YRS_API_ERROR_TIMEOUT:
      return g_strdup (_("The server did not answer in time. Your application is saved and will be sent again automatically."));
    case YRS_API_ERROR_SERVER:
      return g_strdup (_("The city’s server has a problem. Your application is saved and will be sent again automatically."));
    case YRS_API_ERROR_RATE_LIMITED:
      return g_strdup (_("The server is busy. Your application is saved and will be sent automatically a little later."));
    case YRS_API_ERROR_REJECTED:
      return yrs_sync_describe_rejection (YRS_OUTBOX_KIND_APPLICATION, NULL);
    case YRS_API_ERROR_CONFLICT:
      problem = yrs_api_error_get_problem (error);
      if (problem != NULL && g_strcmp0 (problem->type, YRS_API_PROBLEM_REGISTRATION_PENDING) == 0)
        return g_strdup (_("Your postpartum care registration has not been approved yet. The booking will be sent automatically once it is."));
      if (problem != NULL && g_strcmp0 (problem->type, YRS_API_PROBLEM_SLOT_UNAVAILABLE) == 0)
        return g_strdup (_("This time is no longer offered. Please choose one of the other times."));
      return g_strdup (_("Someone else has just booked the last place at this time. Please choose one of the other times."));
    case YRS_API_ERROR_UNAUTHORIZED:
      return g_strdup (_("Your sign-in has expired. Please sign in again; your application is saved."));
    case YRS_API_ERROR_BAD_RESPONSE:
      return g_strdup (_("The server’s answer could not be read. Your application is saved and will be sent again automatically."));
    case YRS_API_ERROR_TLS:
      return g_strdup (_("The server’s identity could not be confirmed, so nothing was sent. Please tell a member of staff."));
    case YRS_API_ERROR_INSECURE:
      return g_strdup (_("This device is set to send over an unencrypted connection, so nothing was sent; everything is kept. Please tell a member of staff: the server address must start with https://."));
    default:
      return g_strdup (_("Something went wrong while sending. Your application is kept and will be sent again."));
    }
}

/* A field ID of a field error ("applicant.phone", "name_kana", "slot")
 * as people know the field. */
static const char *
field_label (const char *field)
{
  const char *last = strrchr (field, '.');

  last = last != NULL ? last + 1 : field;
  if (g_str_equal (last, "name"))
    return _("name");
  if (g_str_equal (last, "name_kana") || g_str_equal (last, "kana"))
    return _("name in katakana (furigana)");
  if (g_str_equal (last, "phone"))
    return _("phone number");
  if (g_str_equal (last, "postal_code"))
    return _("postal code");
  if (g_str_equal (last, "account_number"))
    return _("bank account number");
  if (g_str_equal (last, "child_born_on"))
    return _("child’s date of birth");
  if (g_str_equal (last, "due_on"))
    return _("due date");
  if (g_str_has_suffix (last, "_on") || g_str_has_suffix (last, "date"))
    return _("date");
  if (g_str_equal (last, "slot"))
    return _("time slot");
  if (g_str_equal (last, "registration") || g_str_equal (last, "registration_key"))
    return _("postpartum care registration");
  if (g_str_equal (last, "programme"))
    return _("programme");
  return field;
}

/* Two sentences one after the other (no space between them in Japanese). */
static char *
two_sentences (const char *first,
               const char *second)
{
  /* TRANSLATORS: two sentences one after the other; keep the space if
   * your language puts one between sentences */
  return g_strdup_printf (C_("sentences", "%s %s"), first, second);
}

static const char *
not_accepted (YrsOutboxKind kind)
{
  switch (kind)
    {
    case YRS_OUTBOX_KIND_REGISTRATION:
      return _("The city could not accept this registration.");
    case YRS_OUTBOX_KIND_RESERVATION:
      return _("The city could not accept this booking.");
    case YRS_OUTBOX_KIND_CANCELLATION:
      return _("The city could not accept this cancellation.");
    case YRS_OUTBOX_KIND_CONSULTATION:
      return _("The city could not accept this consultation record.");
    case YRS_OUTBOX_KIND_SCREENING:
      return _("The city could not accept this EPDS record.");
    case YRS_OUTBOX_KIND_CASE:
      return _("The city could not accept this family for visits.");
    case YRS_OUTBOX_KIND_DECISION:
      return _("The city could not accept this decision.");
    case YRS_OUTBOX_KIND_APPLICATION:
    default:
      return _("The city could not accept this application.");
    }
}

char *
yrs_sync_describe_rejection (YrsOutboxKind  kind,
                             const char    *reason_json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *list = NULL;
  JsonObject *reason = NULL;
  JsonArray *errors = NULL;
  const char *title = NULL;
  gint64 status = -1;

  if (reason_json != NULL && json_parser_load_from_data (parser, reason_json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    reason = json_node_get_object (json_parser_get_root (parser));
  if (reason != NULL)
    {
      JsonNode *node = json_object_get_member (reason, "errors");

      status = json_object_get_int_member_with_default (reason, "status", -1);
      title = json_object_get_string_member_with_default (reason, "title", NULL);
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        errors = json_node_get_array (node);
    }

  /* Refused on the device, before any request: a booking whose
   * registration was refused, or a row without its content. */
  if (status == 0)
    {
      if (title != NULL && g_str_has_prefix (title, "registration_key:"))
        return g_strdup (_("This booking could not be sent because its postpartum care registration was not accepted. Please register again, then book."));
      return two_sentences (not_accepted (kind),
                            _("Its content is incomplete. Please fill in the form again."));
    }

  /* The sealed personal fields (issue 18) did not open at the city. */
  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      const char *field;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      field = json_object_get_string_member_with_default (json_node_get_object (node), "field", NULL);
      if (field != NULL && g_str_has_prefix (field, "sealed"))
        return two_sentences (not_accepted (kind),
                              _("The city could not open its sealed personal details: they were damaged on the way or on this device. Please fill in the form again."));
    }

  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      const char *field;
      const char *label;
      gboolean seen = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      field = json_object_get_string_member_with_default (json_node_get_object (node), "field", NULL);
      if (field == NULL || *field == '\0')
        continue;
      label = field_label (field);
      for (guint j = 0; j < labels->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (labels, j), label);
      if (!seen)
        g_ptr_array_add (labels, (gpointer) label);
    }
  if (labels->len == 0)
    return two_sentences (not_accepted (kind), _("Please ask a member of staff."));

  g_ptr_array_add (labels, NULL);
  /* TRANSLATORS: joins the names of fields in a list, "phone number, postal code" */
  list = g_strjoinv (C_("list separator", ", "), (char **) labels->pdata);
  {
    /* TRANSLATORS: %s is a list of fields, "phone number, postal code" */
    g_autofree char *check = g_strdup_printf (_("Please check: %s."), list);

    return two_sentences (not_accepted (kind), check);
  }
}

char *
yrs_sync_describe_outbox_item (const YrsOutboxItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  switch (item->state)
    {
    case YRS_OUTBOX_STATE_QUEUED:
      if (item->tries == 0)
        return g_strdup (_("Waiting to be sent. It will be sent automatically."));
      return g_strdup (_("Not sent yet: the server could not be reached. It will be sent again automatically."));
    case YRS_OUTBOX_STATE_SENDING:
      return g_strdup (_("Sending…"));
    case YRS_OUTBOX_STATE_ACCEPTED:
      /* TRANSLATORS: %s is the city's reference number, "RSV-5KGK-VX8Q" */
      return g_strdup_printf (_("Received by the city. Reference number: %s"),
                              item->server_reference != NULL ? item->server_reference : "");
    case YRS_OUTBOX_STATE_REJECTED:
      return yrs_sync_describe_rejection (item->kind, item->reason);
    case YRS_OUTBOX_STATE_CONFLICT:
      return g_strdup (_("While you were offline, someone else booked the last place at this time. Please choose one of the other times offered."));
    case YRS_OUTBOX_STATE_ANY:
    default:
      return g_strdup ("");
    }
}
