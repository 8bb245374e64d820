/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-about-window"

#include "config.h"

#include <glib/gi18n.h>

#include "yrs-about-window.h"
#include "yrs-bank.h"
#include "yrs-i18n.h"
#include "yrs-postcode.h"
#include "yrs-version.h"

/* The catalogue as a paragraph: its title, ID and version, and the source
 * its figures come from (which carries the seed document's date). */
static char *
catalog_text (YrsCatalog *catalog,
              GDateTime  *received)
{
  YrsLang lang = yrs_i18n_get_lang ();
  g_autofree char *identity = NULL;

  if (received != NULL)
    {
      g_autofree char *when = g_date_time_format (received, "%Y-%m-%d");

      /* Translators: a catalogue's ID, its version and the day the device
       * received it, e.g. kobe-2025, 2025.11.1, 2026-01-10 */
      identity = g_strdup_printf (_("Catalogue %s, version %s, received %s"),
                                  yrs_catalog_get_id (catalog),
                                  yrs_catalog_get_version (catalog), when);
    }
  else
    /* Translators: a catalogue's ID and version, e.g. kobe-2025, 2025.11.1 */
    identity = g_strdup_printf (_("Catalogue %s, version %s (bundled with the app)"),
                                yrs_catalog_get_id (catalog),
                                yrs_catalog_get_version (catalog));

  return g_strdup_printf ("%s\n%s\n%s", yrs_catalog_get_title (catalog, lang), identity,
                          yrs_catalog_get_source (catalog));
}

/* A legal section's text is Pango markup: the sources' dates hold "<…>". */
static void
add_section (AdwAboutWindow *about,
             const char     *title,
             const char     *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_about_window_add_legal_section (about, title, NULL, GTK_LICENSE_CUSTOM, escaped);
}

GtkWindow *
yrs_about_window_new (YrsCatalog *catalog,
                      GDateTime  *received)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autofree char *catalog_paragraph = NULL;
  g_autofree char *postcodes = NULL;
  g_autofree char *banks = NULL;
  AdwAboutWindow *about;

  g_return_val_if_fail (YRS_IS_CATALOG (catalog), NULL);

  builder = gtk_builder_new_from_resource ("/org/yorisoi/Yorisoi/yrs-about-window.ui");
  about = ADW_ABOUT_WINDOW (gtk_builder_get_object (builder, "about_window"));

  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, yrs_version ());

  catalog_paragraph = catalog_text (catalog, received);
  adw_about_window_set_comments (about, catalog_paragraph);
  add_section (about, _("Programme catalogue"), catalog_paragraph);

  postcodes = g_strdup_printf (_("The addresses of %s by postcode: %s, from Debian’s skkdic-extra (public domain)."),
                               yrs_postcode_get_city (), yrs_postcode_get_source ());
  add_section (about, _("Postcodes"), postcodes);

  banks = g_strdup_printf (_("Bank and branch codes: %s."), yrs_bank_get_source ());
  add_section (about, _("Bank codes"), banks);

  add_section (about, _("Conversion dictionaries"),
               _("Kana–kanji conversion: libkkc with libkkc-data’s language model (GPL-3.0-or-later) and the SKK dictionaries of skkdic-extra (SKK-JISYO.jinmei, .geo, .L and .JIS3_4; GPL-2.0-or-later). Handwriting: zinnia with tegaki-zinnia-japanese’s model (LGPL-2.1). As installed from Debian 12."));

  return GTK_WINDOW (about);
}
