/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "yrs-shell"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yrs-i18n.h"
#include "yrs-retranslate.h"
#include "yrs-shell.h"
#include "yrs-choice-button.h"
#include "yrs-apply-page.h"
#include "yrs-check-page.h"
#include "yrs-lookup-page.h"
#include "yrs-reserve-page.h"
#include "yrs-results-page.h"
#include "yrs-review-page.h"
#include "yrs-slot-page.h"
#include "yrs-slots-page.h"
#include "yrs-outbox-page.h"
#include "yrs-sos-page.h"
#include "yrs-submitted-page.h"
#include "yrs-welcome-page.h"
#include "yrs-visits-page.h"
#include "yrs-consultation-page.h"
#include "yrs-screening-page.h"
#include "yrs-decisions-page.h"

struct _YrsShell
{
  GtkWidget       parent_instance;

  YrsSession     *session;

  /* template children */
  GtkStack       *stack;
  GtkToggleButton *ja_button;
  GtkToggleButton *en_button;
  GtkButton      *back_button;
  AdwHeaderBar   *header_bar;
};

G_DEFINE_FINAL_TYPE (YrsShell, yrs_shell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  LANGUAGE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  const char *name;
  GType     (*get_type) (void);
  /* Switched in place (yrs_shell_retranslate()): every word it shows is
   * a catalogue text or a flow's property followed by yrs_i18n_follow().
   * The other pages are built again on a switch, in the same state. */
  gboolean    in_place;
  const char *title;   /* what a screen reader says on entering the page */
} PageEntry;

/* Every page of the application, by the name used with "shell.go". */
static const PageEntry page_entries[] = {
  { "welcome", yrs_welcome_page_get_type, TRUE, N_("Welcome") },
  { "sos", yrs_sos_page_get_type, TRUE, N_("Unexpected pregnancy SOS line") },
  { "outbox", yrs_outbox_page_get_type, FALSE, N_("Outbox") },   /* staff only: shows nothing on a kiosk */
  { "check", yrs_check_page_get_type, FALSE, N_("Find out what you can use") },
  { "results", yrs_results_page_get_type, TRUE, N_("What you can use") },
  { "apply", yrs_apply_page_get_type, TRUE, N_("Application form") },
  { "review", yrs_review_page_get_type, FALSE, N_("Check before you send") },
  { "submitted", yrs_submitted_page_get_type, FALSE, N_("Sent") },
  { "reserve", yrs_reserve_page_get_type, FALSE, N_("Book postpartum care") },
  { "slots", yrs_slots_page_get_type, FALSE, N_("Choose a day") },
  { "slot", yrs_slot_page_get_type, FALSE, N_("Your booking") },
  { "lookup", yrs_lookup_page_get_type, FALSE, N_("I have a reference number") },
  /* The home visits (issue 17): staff only, they show nothing on a kiosk. */
  { "visits", yrs_visits_page_get_type, FALSE, N_("Home visits") },
  { "consultation", yrs_consultation_page_get_type, FALSE, N_("Consultation record") },
  { "screening", yrs_screening_page_get_type, FALSE, N_("EPDS scores") },
  { "decisions", yrs_decisions_page_get_type, FALSE, N_("Registrations to approve") },
};

static const PageEntry *
lookup_page (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_entries); i++)
    if (g_strcmp0 (page_entries[i].name, name) == 0)
      return &page_entries[i];
  return NULL;
}

static const char *
page_title (const char *name)
{
  const PageEntry *entry = lookup_page (name);

  return entry != NULL ? _(entry->title) : "";
}

GType
yrs_shell_lookup_page_type (const char *name)
{
  const PageEntry *entry = lookup_page (name);

  return entry != NULL ? entry->get_type () : G_TYPE_INVALID;
}

/* Pages are made when first shown, so a fresh shell costs only what is on
 * screen. */
static GtkWidget *
ensure_page (YrsShell   *self,
             const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);
  GType type;

  if (page != NULL)
    return page;

  type = yrs_shell_lookup_page_type (name);
  if (type == G_TYPE_INVALID)
    {
      g_critical ("No page called “%s”", name);
      return NULL;
    }

  page = g_object_new (type, "session", self->session, NULL);
  {
    /* Named in the page's language: GTK 4.8 calls an untitled stack page
     * "GtkStackPage", and Orca says it on every page change. Pages are
     * made again when the language changes. */
    GtkStackPage *stack_page = gtk_stack_add_named (self->stack, page, name);

    gtk_stack_page_set_title (stack_page, page_title (name));
    gtk_accessible_update_property (GTK_ACCESSIBLE (stack_page),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, page_title (name),
                                    -1);
  }
  return page;
}

static void
sync_to_session (YrsShell *self)
{
  const char *name = yrs_session_get_page (self->session);
  GtkWidget *page = ensure_page (self, name);

  if (page == NULL)
    return;

  gtk_stack_set_visible_child (self->stack, page);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !g_str_equal (name, "welcome"));
}

static void
on_session_page_changed (YrsShell   *self,
                         GParamSpec *pspec,
                         YrsSession *session)
{
  sync_to_session (self);
}

void
yrs_shell_go (YrsShell   *self,
              const char *page)
{
  g_return_if_fail (YRS_IS_SHELL (self));

  if (yrs_shell_lookup_page_type (page) == G_TYPE_INVALID)
    {
      g_critical ("No page called “%s”", page);
      return;
    }
  yrs_session_push_page (self->session, page);
}

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  yrs_shell_go (YRS_SHELL (widget), g_variant_get_string (param, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsShell *self = YRS_SHELL (widget);

  yrs_session_pop_page (self->session);
}

static void
home_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  YrsShell *self = YRS_SHELL (widget);

  yrs_session_reset_pages (self->session, "welcome");
}

static void
language_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  const char *code = g_variant_get_string (param, NULL);

  if (g_strcmp0 (code, yrs_i18n_get_language ()) == 0)
    return;

  /* The window switches once this handler has returned. */
  g_signal_emit (widget, signals[LANGUAGE_REQUESTED], 0, code);
}

/* ---- A language switch -------------------------------------------------- */

/* Where a widget is under `root`: the index of each ancestor among its
 * siblings, outermost first. A page built again from the same template
 * and the same session has the same tree. */
static GArray *
widget_path (GtkWidget *root,
             GtkWidget *widget)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GtkWidget *w = widget; w != root; w = gtk_widget_get_parent (w))
    {
      guint index = 0;

      if (w == NULL)
        {
          g_array_unref (path);
          return NULL;
        }
      for (GtkWidget *s = gtk_widget_get_prev_sibling (w); s != NULL; s = gtk_widget_get_prev_sibling (s))
        index++;
      g_array_prepend_val (path, index);
    }
  return path;
}

static GtkWidget *
widget_at_path (GtkWidget *root,
                GArray    *path)
{
  GtkWidget *w = root;

  for (guint i = 0; w != NULL && i < path->len; i++)
    {
      guint index = g_array_index (path, guint, i);

      w = gtk_widget_get_first_child (w);
      while (w != NULL && index-- > 0)
        w = gtk_widget_get_next_sibling (w);
    }
  return w;
}

static void
collect_scrollers (GtkWidget *widget,
                   GPtrArray *scrollers)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    g_ptr_array_add (scrollers, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_scrollers (child, scrollers);
}

/* Scrolls an adjustment of the new page to where the old one was as soon
 * as the page is long enough (during its first allocation, so the first
 * frame shows it there). */
typedef struct
{
  double value;
  gulong handler;
} ScrollTo;

static void
scroll_to_when_ready (GtkAdjustment *adjustment,
                      ScrollTo      *to)
{
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) < to->value)
    return;
  g_signal_handler_disconnect (adjustment, to->handler);
  gtk_adjustment_set_value (adjustment, to->value);
}

/* The visible page built again in the new language, in the state the
 * person left it: values (from the session), scroll positions, focus. */
static void
rebuild_visible_page (YrsShell *self)
{
  GtkWidget *old = gtk_stack_get_visible_child (self->stack);
  g_autofree char *name = g_strdup (gtk_stack_get_visible_child_name (self->stack));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GArray) focus_path = NULL;
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GtkWidget *page;

  if (old == NULL || name == NULL)
    return;
  if (focus != NULL && gtk_widget_is_ancestor (focus, old))
    focus_path = widget_path (old, focus);
  collect_scrollers (old, scrollers);
  for (guint i = 0; i < scrollers->len; i++)
    {
      GtkScrolledWindow *sw = g_ptr_array_index (scrollers, i);
      double value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (sw));

      g_array_append_val (values, value);
      g_ptr_array_add (paths, widget_path (old, GTK_WIDGET (sw)));
    }

  if (focus_path != NULL)
    gtk_root_set_focus (root, NULL);
  gtk_stack_remove (self->stack, old);
  page = ensure_page (self, name);
  if (page == NULL)
    return;
  gtk_stack_set_visible_child_full (self->stack, name, GTK_STACK_TRANSITION_TYPE_NONE);

  for (guint i = 0; i < paths->len; i++)
    {
      GtkWidget *sw = widget_at_path (page, g_ptr_array_index (paths, i));
      double value = g_array_index (values, double, i);
      GtkAdjustment *adjustment;
      ScrollTo *to;

      if (!GTK_IS_SCROLLED_WINDOW (sw) || value <= 0)
        continue;
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
      to = g_new0 (ScrollTo, 1);
      to->value = value;
      to->handler = g_signal_connect_data (adjustment, "changed", G_CALLBACK (scroll_to_when_ready),
                                           to, (GClosureNotify) (void (*) (void)) g_free, 0);
    }
  if (focus_path != NULL)
    {
      GtkWidget *again = widget_at_path (page, focus_path);

      if (again != NULL)
        gtk_widget_grab_focus (again);
    }
}

/* After yrs_i18n_set_language(): the shell and its pages in the new
 * language, the visible page as the person left it (see yrs-i18n.c).
 * Pages switched in place that are not on screen are kept (going back
 * to them costs no rebuild): the window's walk (yrs_retranslate_widget())
 * puts them into the new language with the rest, as a screen reader
 * reads them too. The other pages not on screen are dropped: they are
 * built again, from the session, when next shown. The caller walks the
 * shell afterwards. */
void
yrs_shell_retranslate (YrsShell *self,
                       YrsLang   from)
{
  GtkWidget *visible;
  GtkWidget *child;
  const PageEntry *entry;
  gboolean en = yrs_i18n_get_lang () == YRS_LANG_EN;

  g_return_if_fail (YRS_IS_SHELL (self));

  visible = gtk_stack_get_visible_child (self->stack);
  child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != visible)
        {
          entry = lookup_page (gtk_stack_page_get_name (gtk_stack_get_page (self->stack, child)));
          if (entry == NULL || !entry->in_place)
            gtk_stack_remove (self->stack, child);
        }
      child = next;
    }

  entry = lookup_page (gtk_stack_get_visible_child_name (self->stack));
  if (entry != NULL && !entry->in_place)
    rebuild_visible_page (self);

  gtk_toggle_button_set_active (en ? self->en_button : self->ja_button, TRUE);

  /* Every page is named in the new language: stack pages are not
   * widgets, so the walk does not reach them. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *stack_page = gtk_stack_get_page (self->stack, child);
      const char *title = page_title (gtk_stack_page_get_name (stack_page));

      gtk_stack_page_set_title (stack_page, title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (stack_page),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
    }
}

static void
yrs_shell_constructed (GObject *object)
{
  YrsShell *self = YRS_SHELL (object);
  gboolean en = g_str_equal (yrs_i18n_get_language (), "en");

  G_OBJECT_CLASS (yrs_shell_parent_class)->constructed (object);

  gtk_toggle_button_set_active (en ? self->en_button : self->ja_button, TRUE);

  g_signal_connect_object (self->session, "notify::page",
                           G_CALLBACK (on_session_page_changed), self,
                           G_CONNECT_SWAPPED);
  sync_to_session (self);
}

static void
yrs_shell_dispose (GObject *object)
{
  YrsShell *self = YRS_SHELL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YRS_TYPE_SHELL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (yrs_shell_parent_class)->dispose (object);
}

static void
yrs_shell_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YrsShell *self = YRS_SHELL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_shell_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  YrsShell *self = YRS_SHELL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yrs_shell_class_init (YrsShellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yrs_shell_constructed;
  object_class->dispose = yrs_shell_dispose;
  object_class->get_property = yrs_shell_get_property;
  object_class->set_property = yrs_shell_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         YRS_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LANGUAGE_REQUESTED] =
    g_signal_new ("language-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (YRS_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/yorisoi/Yorisoi/yrs-shell.ui");
  gtk_widget_class_bind_template_child (widget_class, YrsShell, stack);
  gtk_widget_class_bind_template_child (widget_class, YrsShell, ja_button);
  gtk_widget_class_bind_template_child (widget_class, YrsShell, en_button);
  gtk_widget_class_bind_template_child (widget_class, YrsShell, back_button);
  gtk_widget_class_bind_template_child (widget_class, YrsShell, header_bar);

  gtk_widget_class_install_action (widget_class, "shell.go", "s", go_action);
  gtk_widget_class_install_action (widget_class, "shell.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "shell.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "shell.language", "s", language_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yrs-shell");
}

static void
yrs_shell_init (YrsShell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YrsShell *
yrs_shell_new (YrsSession *session)
{
  return g_object_new (YRS_TYPE_SHELL, "session", session, NULL);
}

YrsSession *
yrs_shell_get_session (YrsShell *self)
{
  g_return_val_if_fail (YRS_IS_SHELL (self), NULL);

  return self->session;
}

GtkWidget *
yrs_shell_get_visible_page (YrsShell *self)
{
  g_return_val_if_fail (YRS_IS_SHELL (self), NULL);

  return gtk_stack_get_visible_child (self->stack);
}

/* For the device modes: widgets at the end of the header (sync status,
 * staff menu), and whether the window's own buttons show (never in a
 * kiosk). */
void
yrs_shell_pack_header_end (YrsShell  *self,
                           GtkWidget *widget)
{
  g_return_if_fail (YRS_IS_SHELL (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  adw_header_bar_pack_end (self->header_bar, widget);
}

void
yrs_shell_set_window_buttons_visible (YrsShell *self,
                                      gboolean  visible)
{
  g_return_if_fail (YRS_IS_SHELL (self));

  adw_header_bar_set_show_start_title_buttons (self->header_bar, visible);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, visible);
}
