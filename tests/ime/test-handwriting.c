/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-handwriting: YrsHandwriting (issue 21) on two sets of stroke
 * files: tests/ime/strokes-pad/, written on the kiosk's handwriting pad
 * and saved by it (tests/ime/record-strokes.py: the pointer traced each
 * character at kiosk size with a hand's wobble, size and place; the files
 * hold the points the pad's drag gesture delivered), and
 * tests/ime/strokes/, the KanjiVG strokes they were traced from (see
 * kanjivg-strokes.py). Each character must be among the first 5
 * candidates, as written and again with a seeded wobble of a few pixels
 * on every point, smaller and off-centre. */

#define G_LOG_DOMAIN "test-handwriting"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "yrs-ime-private.h"

#define TOP_N 5
#define PAD 300.0

typedef struct
{
  gunichar   expected;
  GPtrArray *strokes;   /* GArray of YrsHandwritingPoint */
} Sample;

static void
sample_free (Sample *sample)
{
  g_ptr_array_unref (sample->strokes);
  g_free (sample);
}

static Sample *
load_sample (const char *path,
             gunichar    expected)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  Sample *sample = g_new0 (Sample, 1);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  sample->expected = expected;
  sample->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) points = NULL;
      GArray *stroke;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      stroke = g_array_new (FALSE, FALSE, sizeof (YrsHandwritingPoint));
      points = g_strsplit (lines[i], " ", -1);
      for (guint p = 0; points[p] != NULL; p++)
        {
          YrsHandwritingPoint pt;
          char *end;

          pt.x = (float) g_ascii_strtod (points[p], &end);
          g_assert_true (*end == ',');
          pt.y = (float) g_ascii_strtod (end + 1, NULL);
          g_array_append_val (stroke, pt);
        }
      g_ptr_array_add (sample->strokes, stroke);
    }
  g_assert_cmpuint (sample->strokes->len, >, 0);
  return sample;
}

static GPtrArray *
load_samples_from (const char *set)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "ime", set, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify) sample_free);
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      guint64 code;

      if (!g_str_has_suffix (name, ".strokes"))
        continue;
      code = g_ascii_strtoull (name, NULL, 16);
      path = g_build_filename (dir_path, name, NULL);
      g_ptr_array_add (samples, load_sample (path, (gunichar) code));
    }
  return samples;
}

static GPtrArray *
load_samples (void)
{
  return load_samples_from ("strokes");
}

/* Feeds a sample into the pad the way the drag gesture will: a stroke,
 * then its points; @wobble moves each point up to that many pixels, and
 * a wobbled character is drawn at 80 % size, off-centre. */
static void
draw (YrsHandwriting *pad,
      Sample         *sample,
      double          wobble,
      GRand          *rand)
{
  double scale = wobble > 0 ? 0.8 : 1.0;
  double dx = wobble > 0 ? 40 : 0, dy = wobble > 0 ? 20 : 0;

  yrs_handwriting_clear (pad);
  for (guint s = 0; s < sample->strokes->len; s++)
    {
      GArray *stroke = g_ptr_array_index (sample->strokes, s);

      yrs_handwriting_begin_stroke (pad);
      for (guint p = 0; p < stroke->len; p++)
        {
          const YrsHandwritingPoint *pt = &g_array_index (stroke, YrsHandwritingPoint, p);
          double jx = wobble > 0 ? g_rand_double_range (rand, -wobble, wobble) : 0;
          double jy = wobble > 0 ? g_rand_double_range (rand, -wobble, wobble) : 0;

          yrs_handwriting_add_point (pad, pt->x * scale + dx + jx, pt->y * scale + dy + jy);
        }
    }
}

/* @floor: how many must be among the first 5. KanjiVG's strokes: all.
 * The pad's: 30 of 34 (the figure is printed; on 2026-12-05, 32 as
 * written and 31 wobbled: 崎 and 斎, traced with a hand's wobble through
 * fewer points, were not among the first five). */
static void
run_samples (const char *set,
             double      wobble,
             guint       floor)
{
  g_autoptr(GPtrArray) samples = load_samples_from (set);
  g_autoptr(YrsHandwriting) pad = yrs_handwriting_new (PAD, PAD);
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  guint hits = 0, first = 0;

  g_assert_cmpuint (samples->len, >=, 20);

  for (guint i = 0; i < samples->len; i++)
    {
      Sample *sample = g_ptr_array_index (samples, i);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) chars = NULL;
      char expected[8] = { 0 };
      gboolean hit;

      g_unichar_to_utf8 (sample->expected, expected);
      draw (pad, sample, wobble, rand);
      chars = yrs_handwriting_recognize (pad, TOP_N, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (chars);

      hit = FALSE;
      for (guint k = 0; k < TOP_N && chars[k] != NULL; k++)
        hit |= g_str_equal (chars[k], expected);
      hits += hit;
      first += chars[0] != NULL && g_str_equal (chars[0], expected);
      if (!hit)
        {
          g_autofree char *got = g_strjoinv (" ", chars);

          g_test_message ("miss: %s (%u strokes) → %s", expected, sample->strokes->len, got);
        }
    }

  g_test_message ("handwriting, %s%s: %u/%u in the first %d candidates, %u first",
                  set, wobble > 0 ? " (wobbled, 80 %, off-centre)" : " (as written)",
                  hits, samples->len, TOP_N, first);
  g_assert_cmpuint (hits, >=, floor);
}

static void
test_lazy (void)
{
  g_autoptr(YrsHandwriting) pad = yrs_handwriting_new (PAD, PAD);

  yrs_handwriting_begin_stroke (pad);
  yrs_handwriting_add_point (pad, 10, 10);
  g_assert_false (_yrs_zinnia_engine_is_loaded ());
}

static void
test_strokes (void)
{
  run_samples ("strokes", 0, 34);
}

static void
test_strokes_wobbled (void)
{
  run_samples ("strokes", 4.0, 34);
}

static void
test_pad_strokes (void)
{
  run_samples ("strokes-pad", 0, 30);
}

static void
test_pad_strokes_wobbled (void)
{
  run_samples ("strokes-pad", 4.0, 30);
}

/* 髙, 﨑 and 濵 are not in zinnia's model: written as 高, 崎, 浜, they
 * come as the variant right after. */
static void
test_variants (void)
{
  static const struct { gunichar written; const char *wanted; } cases[] = {
    { 0x9ad8, "髙" }, { 0x5d0e, "﨑" }, { 0x6d5c, "濵" }, { 0x8fba, "邉" },
  };
  g_autoptr(GPtrArray) samples = load_samples ();
  g_autoptr(YrsHandwriting) pad = yrs_handwriting_new (PAD, PAD);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) chars = NULL;
      g_autofree char *got = NULL;
      Sample *sample = NULL;
      gboolean hit = FALSE;

      for (guint i = 0; i < samples->len; i++)
        if (((Sample *) g_ptr_array_index (samples, i))->expected == cases[c].written)
          sample = g_ptr_array_index (samples, i);
      g_assert_nonnull (sample);

      draw (pad, sample, 0, NULL);
      chars = yrs_handwriting_recognize (pad, TOP_N, NULL, &error);
      g_assert_no_error (error);
      got = g_strjoinv (" ", chars);
      g_test_message ("%s: %s", cases[c].wanted, got);
      for (guint k = 0; k < TOP_N && chars[k] != NULL; k++)
        hit |= g_str_equal (chars[k], cases[c].wanted);
      g_assert_true (hit);
    }
}

static void
test_edit (void)
{
  g_autoptr(YrsHandwriting) pad = yrs_handwriting_new (PAD, PAD);
  g_autoptr(GError) error = NULL;
  const YrsHandwritingPoint *points;
  guint n;

  g_assert_null (yrs_handwriting_recognize (pad, TOP_N, NULL, &error));
  g_assert_error (error, YRS_IME_ERROR, YRS_IME_ERROR_INVALID);

  yrs_handwriting_add_point (pad, -5, 400); /* off the pad: kept at its edge */
  g_assert_cmpuint (yrs_handwriting_get_n_strokes (pad), ==, 1);
  points = yrs_handwriting_get_stroke (pad, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (points[0].x, ==, 0);
  g_assert_cmpfloat (points[0].y, ==, PAD);
  yrs_handwriting_begin_stroke (pad);
  yrs_handwriting_add_point (pad, 20, 20);
  yrs_handwriting_undo_stroke (pad);
  g_assert_cmpuint (yrs_handwriting_get_n_strokes (pad), ==, 1);
  yrs_handwriting_clear (pad);
  g_assert_cmpuint (yrs_handwriting_get_n_strokes (pad), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  char     **chars;
  GError    *error;
} AsyncData;

static void
recognize_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncData *data = user_data;

  data->chars = yrs_handwriting_recognize_finish (YRS_HANDWRITING (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async_forget (void)
{
  g_autoptr(GPtrArray) samples = load_samples ();
  g_autoptr(YrsHandwriting) pad = yrs_handwriting_new (PAD, PAD);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL };
  g_autofree char *after = NULL;

  draw (pad, g_ptr_array_index (samples, 0), 0, NULL);
  yrs_handwriting_recognize_async (pad, TOP_N, NULL, recognize_done, &data);
  g_main_loop_run (loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.chars);
  g_clear_pointer (&data.chars, g_strfreev);

  /* Two requests at once (strokes come faster than candidates): only
   * the newer one gives candidates. */
  {
    AsyncData first = { loop, NULL, NULL };
    AsyncData second = { loop, NULL, NULL };

    yrs_handwriting_recognize_async (pad, TOP_N, NULL, recognize_done, &first);
    yrs_handwriting_recognize_async (pad, TOP_N, NULL, recognize_done, &second);
    while (first.chars == NULL && first.error == NULL)
      g_main_context_iteration (NULL, TRUE);
    while (second.chars == NULL && second.error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (first.error, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED);
    g_assert_no_error (second.error);
    g_assert_nonnull (second.chars);
    g_clear_error (&first.error);
    g_strfreev (second.chars);
  }

  /* Wiped while a request is in flight: its candidates are not given. */
  yrs_handwriting_recognize_async (pad, TOP_N, NULL, recognize_done, &data);
  yrs_handwriting_forget (pad);
  g_main_loop_run (loop);
  g_assert_error (data.error, YRS_IME_ERROR, YRS_IME_ERROR_SUPERSEDED);
  g_assert_null (data.chars);
  g_clear_error (&data.error);

  after = _yrs_handwriting_dump_state (pad);
  g_assert_cmpstr (after, ==, "size=300x300 strokes=0\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ime/handwriting/lazy", test_lazy);
  g_test_add_func ("/ime/handwriting/edit", test_edit);
  g_test_add_func ("/ime/handwriting/strokes", test_strokes);
  g_test_add_func ("/ime/handwriting/strokes-wobbled", test_strokes_wobbled);
  g_test_add_func ("/ime/handwriting/pad-strokes", test_pad_strokes);
  g_test_add_func ("/ime/handwriting/pad-strokes-wobbled", test_pad_strokes_wobbled);
  g_test_add_func ("/ime/handwriting/variants", test_variants);
  g_test_add_func ("/ime/handwriting/async-forget", test_async_forget);

  return g_test_run ();
}
