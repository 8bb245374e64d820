/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Printed receipts.
 *
 * The receipt is drawn on the surface of a GtkPrintJob for the named
 * printer, found with gtk_enumerate_printers(). GtkPrintOperation would be
 * the usual way, but in GTK 4.8 its dialog-less path (ACTION_PRINT with a
 * printer from the settings) frees its printer finder twice and crashes,
 * so the receipt goes through the lower-level job API that the operation
 * itself uses. */

#define G_LOG_DOMAIN "yrs-receipt-print"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtkunixprint.h>
#include <qrencode.h>

#include "yrs-receipt-print.h"

typedef struct
{
  char        *printer_name;
  char        *title;
  char        *reference;
  GStrv        next_steps;
  GtkPrinter  *printer;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_free (data->printer_name);
  g_free (data->title);
  g_free (data->reference);
  g_strfreev (data->next_steps);
  g_clear_object (&data->printer);
  g_free (data);
}

static double
show_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int h;

  /* No ligatures: "fi" and "fl" stay letters that can be searched and
   * copied from the PDF. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("liga=0, clig=0, dlig=0"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &h);
  return y + (double) h / PANGO_SCALE;
}

static void
draw_qr (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      size)
{
  QRcode *qr = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  double module;

  if (qr == NULL)
    return;

  /* The standard quiet zone of 4 modules on each side. */
  module = size / (qr->width + 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  QRcode_free (qr);
}

/* One page, in points, inside the margins. */
static void
draw_receipt (cairo_t      *cr,
              PrintData    *data,
              GtkPageSetup *setup)
{
  double left = gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS);
  double top = gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS);
  double width = gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS);
  double qr_size = MIN (width * 0.4, 160);
  double y = top;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = show_text (cr, data->title, "Sans Bold 18", left, y, width) + 12;
  y = show_text (cr, _("Reference number"), "Sans 11", left, y, width) + 2;
  y = show_text (cr, data->reference, "Monospace Bold 26", left, y, width) + 12;

  draw_qr (cr, data->reference, left, y, qr_size);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += qr_size + 16;

  if (data->next_steps != NULL && data->next_steps[0] != NULL)
    {
      y = show_text (cr, _("Next steps"), "Sans Bold 14", left, y, width) + 6;
      for (guint i = 0; data->next_steps[i] != NULL; i++)
        {
          g_autofree char *item = g_strdup_printf ("%u. %s", i + 1, data->next_steps[i]);

          y = show_text (cr, item, "Sans 11", left + 8, y, width - 8) + 6;
        }
    }

  show_text (cr,
             _("Show this receipt, or its reference number, at the ward office. It holds no personal data."),
             "Sans Italic 9", left, y + 12, width);
}

static void
job_sent (GtkPrintJob  *job,
          gpointer      user_data,
          const GError *error)
{
  GTask *task = user_data;

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
match_printer (GtkPrinter *printer,
               gpointer    user_data)
{
  PrintData *data = g_task_get_task_data (G_TASK (user_data));

  if (g_strcmp0 (gtk_printer_get_name (printer), data->printer_name) != 0)
    return FALSE;

  data->printer = g_object_ref (printer);
  return TRUE;
}

static void
printers_enumerated (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  PrintData *data = g_task_get_task_data (task);
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPrintJob) job = NULL;
  g_autofree char *job_name = NULL;
  GError *error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->printer == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The receipt printer “%s” was not found"), data->printer_name);
      return;
    }

  settings = gtk_print_settings_new ();
  gtk_print_settings_set_printer (settings, data->printer_name);
  gtk_print_settings_set_n_copies (settings, 1);
  setup = gtk_printer_get_default_page_size (data->printer);
  if (setup == NULL)
    setup = gtk_page_setup_new ();

  job_name = g_strdup_printf ("yorisoi-receipt-%s", data->reference);
  job = gtk_print_job_new (job_name, data->printer, settings, setup);
  surface = gtk_print_job_get_surface (job, &error);
  if (surface == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cr = cairo_create (surface);
  draw_receipt (cr, data, setup);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);

  gtk_print_job_send (job, job_sent, g_steal_pointer (&task), g_object_unref);
}

void
yrs_receipt_print_async (const char          *printer,
                         const char          *title,
                         const char          *reference,
                         const char * const  *next_steps,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrintData *data;

  g_return_if_fail (title != NULL);
  g_return_if_fail (reference != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, yrs_receipt_print_async);

  if (printer == NULL || *printer == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No receipt printer is set up"));
      return;
    }

  data = g_new0 (PrintData, 1);
  data->printer_name = g_strdup (printer);
  data->title = g_strdup (title);
  data->reference = g_strdup (reference);
  data->next_steps = g_strdupv ((char **) next_steps);
  g_task_set_task_data (task, data, (GDestroyNotify) print_data_free);

  gtk_enumerate_printers (match_printer, g_object_ref (task), printers_enumerated, FALSE);
}

gboolean
yrs_receipt_print_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
