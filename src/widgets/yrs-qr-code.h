/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YRS_TYPE_QR_CODE (yrs_qr_code_get_type ())

G_DECLARE_FINAL_TYPE (YrsQrCode, yrs_qr_code, YRS, QR_CODE, GtkWidget)

/* A QR code (libqrencode, error correction level M) of a short text: the
 * receipt's reference number, the SOS line's LINE and web addresses. Drawn black on white with
 * the standard 4-module quiet zone, at whole-pixel module sizes. */
GtkWidget  *yrs_qr_code_new          (void);
const char *yrs_qr_code_get_text     (YrsQrCode  *self);
void        yrs_qr_code_set_text     (YrsQrCode  *self,
                                      const char *text);
/* Modules per side (0 when there is no text or it could not be encoded). */
int         yrs_qr_code_get_width    (YrsQrCode  *self);
/* Whether the module at (x, y) is dark. */
gboolean    yrs_qr_code_get_module   (YrsQrCode  *self,
                                      int         x,
                                      int         y);

G_END_DECLS
