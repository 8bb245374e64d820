/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed receipt, through GTK's CUPS print backend to a cups-pdf
 * queue (see with-cups-pdf.sh), read back with pdftotext. */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "yrs-gui-test-util.h"
#include "yrs-i18n.h"
#include "yrs-receipt-print.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
printed (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->ok = yrs_receipt_print_finish (result, &r->error);
  r->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Result *) data)->done;
}

typedef struct
{
  const char *dir;
  const char *prefix;
  char       *found;
} Find;

static gboolean
pdf_appeared (gpointer data)
{
  Find *find = data;
  g_autoptr(GDir) dir = g_dir_open (find->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, find->prefix) && g_str_has_suffix (name, ".pdf"))
      {
        g_autofree char *path = g_build_filename (find->dir, name, NULL);
        GStatBuf st;

        /* cups-pdf renames the finished file into place. */
        if (g_stat (path, &st) == 0 && st.st_size > 0)
          {
            find->found = g_steal_pointer (&path);
            return TRUE;
          }
      }
  return FALSE;
}

static void
test_print_to_pdf (void)
{
  const char *printer = g_getenv ("YRS_TEST_PRINTER");
  const char *pdf_dir = g_getenv ("YRS_TEST_PDF_DIR");
  const char *steps[] = {
    "Go to the Kodomo Katei Shien counter, 2nd floor, window 5.",
    "Bring your Maternal and Child Health Handbook.",
    NULL
  };
  g_autofree char *reference = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  Find find = { 0 };
  int status = 0;

  if (printer == NULL || pdf_dir == NULL)
    {
      g_test_skip ("Run through with-cups-pdf.sh");
      return;
    }

  reference = g_strdup_printf ("YRS-%08X", g_random_int ());
  yrs_receipt_print_async (printer, "Yorisoi receipt", reference, steps, NULL, printed, &r);
  g_assert_true (yrs_gui_wait_until (is_done, &r, 60000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);

  prefix = g_strdup_printf ("yorisoi-receipt-%s", reference);
  find.dir = pdf_dir;
  find.prefix = prefix;
  if (!yrs_gui_wait_until (pdf_appeared, &find, 60000))
    g_error ("No PDF starting with %s in %s", prefix, pdf_dir);

  {
    const char *argv[] = { "pdftotext", "-layout", find.found, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, &text, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }
  g_unlink (find.found);
  g_test_message ("pdftotext:\n%s", text);
  g_assert_nonnull (strstr (text, reference));
  g_assert_nonnull (strstr (text, "Reference number"));
  g_assert_nonnull (strstr (text, "Next steps"));
  g_assert_nonnull (strstr (text, "2nd floor, window 5"));
  g_assert_nonnull (strstr (text, "Maternal and Child Health Handbook"));
  g_assert_nonnull (strstr (text, "holds no personal data"));

  g_free (find.found);
}

static void
test_no_printer (void)
{
  const char *steps[] = { NULL };
  Result r = { 0 };

  yrs_receipt_print_async ("", "Receipt", "YRS-1", steps, NULL, printed, &r);
  g_assert_true (yrs_gui_wait_until (is_done, &r, 10000));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&r.error);

  memset (&r, 0, sizeof r);
  yrs_receipt_print_async ("NoSuchQueue-Yorisoi", "Receipt", "YRS-1", steps, NULL, printed, &r);
  g_assert_true (yrs_gui_wait_until (is_done, &r, 60000));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (r.error->message, "NoSuchQueue-Yorisoi"));
  g_clear_error (&r.error);
}

/* GTK's CUPS backend warns when there is no colord on the system bus
 * (Xvfb test machines); that says nothing about printing. Every other
 * warning stays fatal, as G_DEBUG=fatal-warnings makes it elsewhere. */
static GLogWriterOutput
writer (GLogLevelFlags   level,
        const GLogField *fields,
        gsize            n_fields,
        gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "colord") != NULL)
      return G_LOG_WRITER_HANDLED;

  g_log_writer_default (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    g_error ("A warning in a test that must have none");
  return G_LOG_WRITER_HANDLED;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  yrs_i18n_init ();
  yrs_i18n_set_language ("en");
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_writer_func (writer, NULL, NULL);

  g_test_add_func ("/receipt-print/no-printer", test_no_printer);
  g_test_add_func ("/receipt-print/pdf", test_print_to_pdf);

  return g_test_run ();
}
