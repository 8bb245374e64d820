/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Prints a receipt on one page, without a dialog, through GTK's print
 * backends (a GtkPrintJob; see yrs-receipt-print.c for why not
 * GtkPrintOperation) to the CUPS queue `printer` (GSettings "printer"): the title,
 * the reference number in large type, a QR code of the reference number
 * only (never personal data), and the next steps, one paragraph each.
 * Fails with G_IO_ERROR_NOT_FOUND for no or an unknown queue, or
 * GTK's print error, in words. The job is named "yorisoi-receipt-<reference>". */
void     yrs_receipt_print_async  (const char          *printer,
                                   const char          *title,
                                   const char          *reference,
                                   const char * const  *next_steps,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean yrs_receipt_print_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
