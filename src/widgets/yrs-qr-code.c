/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-qr-code"

#include "config.h"

#include <errno.h>
#include <qrencode.h>
#include <glib/gi18n.h>

#include "yrs-qr-code.h"

#define QUIET_ZONE 4
#define MIN_MODULE_PX 6
#define NATURAL_MODULE_PX 8

struct _YrsQrCode
{
  GtkWidget  parent_instance;

  char      *text;
  QRcode    *code;
};

G_DEFINE_FINAL_TYPE (YrsQrCode, yrs_qr_code, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
side_modules (YrsQrCode *self)
{
  return self->code != NULL ? self->code->width + 2 * QUIET_ZONE : 0;
}

static void
yrs_qr_code_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  YrsQrCode *self = YRS_QR_CODE (widget);
  int side = side_modules (self);

  *minimum = side * MIN_MODULE_PX;
  *natural = side * NATURAL_MODULE_PX;
}

static void
yrs_qr_code_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  YrsQrCode *self = YRS_QR_CODE (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  int side = side_modules (self);
  int module, x0, y0;
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA black = { 0, 0, 0, 1 };

  if (side == 0)
    return;

  /* Whole pixels per module keep the edges sharp for a scanner. */
  module = MAX (1, MIN (w, h) / side);
  x0 = (w - module * side) / 2;
  y0 = (h - module * side) / 2;

  gtk_snapshot_append_color (snapshot, &white,
                             &GRAPHENE_RECT_INIT (x0, y0, module * side, module * side));

  for (int y = 0; y < self->code->width; y++)
    for (int x = 0; x < self->code->width; x++)
      if (self->code->data[y * self->code->width + x] & 1)
        gtk_snapshot_append_color (snapshot, &black,
                                   &GRAPHENE_RECT_INIT (x0 + (x + QUIET_ZONE) * module,
                                                        y0 + (y + QUIET_ZONE) * module,
                                                        module, module));
}

static void
yrs_qr_code_finalize (GObject *object)
{
  YrsQrCode *self = YRS_QR_CODE (object);

  g_clear_pointer (&self->code, QRcode_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (yrs_qr_code_parent_class)->finalize (object);
}

static void
yrs_qr_code_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  YrsQrCode *self = YRS_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_qr_code_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  YrsQrCode *self = YRS_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      yrs_qr_code_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_qr_code_class_init (YrsQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = yrs_qr_code_finalize;
  object_class->get_property = yrs_qr_code_get_property;
  object_class->set_property = yrs_qr_code_set_property;
  widget_class->measure = yrs_qr_code_measure;
  widget_class->snapshot = yrs_qr_code_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "yrs-qr-code");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
yrs_qr_code_init (YrsQrCode *self)
{
}

GtkWidget *
yrs_qr_code_new (void)
{
  return g_object_new (YRS_TYPE_QR_CODE, NULL);
}

const char *
yrs_qr_code_get_text (YrsQrCode *self)
{
  g_return_val_if_fail (YRS_IS_QR_CODE (self), NULL);

  return self->text;
}

void
yrs_qr_code_set_text (YrsQrCode  *self,
                      const char *text)
{
  g_autofree char *label = NULL;

  g_return_if_fail (YRS_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->code, QRcode_free);

  if (text != NULL && *text != '\0')
    {
      self->code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
      if (self->code == NULL)
        g_warning ("Could not encode a QR code: %s", g_strerror (errno));
    }

  /* Translators: the spoken name of the receipt's QR code; %s is the reference number */
  label = g_strdup_printf (_("QR code of reference number %s"), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

int
yrs_qr_code_get_width (YrsQrCode *self)
{
  g_return_val_if_fail (YRS_IS_QR_CODE (self), 0);

  return self->code != NULL ? self->code->width : 0;
}

gboolean
yrs_qr_code_get_module (YrsQrCode *self,
                        int        x,
                        int        y)
{
  g_return_val_if_fail (YRS_IS_QR_CODE (self), FALSE);

  if (self->code == NULL || x < 0 || y < 0 || x >= self->code->width || y >= self->code->width)
    return FALSE;
  return (self->code->data[y * self->code->width + x] & 1) != 0;
}
