/* SPDX-License-Identifier: GPL-3.0-or-later */

/* yrs-demo-enqueue DB: queues one application in the outbox of the device
 * database DB as a kiosk session of the app would (the store's own API, a
 * new kiosk owner), and prints its idempotency key. The demo test runs it
 * against the database of the app that tools/dev.sh started, which sends
 * the row at its next sync. */

#define G_LOG_DOMAIN "yrs-demo-enqueue"

#include "config.h"

#include <stdio.h>

#include "yrs-store.h"

#define APPLICATION \
  "{\"programme\":\"support_payment_birth\",\"fields\":{\"applicant.name\":\"寄添花子\",\"applicant.phone\":\"0781234567\"}}"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(YrsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  YrsOutboxItem *item;

  if (argc != 2)
    {
      fprintf (stderr, "usage: yrs-demo-enqueue DEVICE-DB\n");
      return 2;
    }
  /* Never create a database: the app's must be there already. */
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      fprintf (stderr, "yrs-demo-enqueue: no database at %s\n", argv[1]);
      return 1;
    }

  store = yrs_store_open (argv[1], &error);
  if (store != NULL)
    owner = yrs_store_create_kiosk_session (store, &error);
  if (owner == NULL)
    {
      fprintf (stderr, "yrs-demo-enqueue: %s\n", error->message);
      return 1;
    }
  item = yrs_store_outbox_enqueue (store, YRS_OUTBOX_KIND_APPLICATION, owner, APPLICATION, &error);
  if (item == NULL)
    {
      fprintf (stderr, "yrs-demo-enqueue: %s\n", error->message);
      return 1;
    }
  printf ("%s\n", item->idempotency_key);
  yrs_outbox_item_free (item);
  return 0;
}
