/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the store tests: private temporary directories and raw
 * file reading. Header-only so that each test stays one executable. */

#pragma once

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

static inline void
store_test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          store_test_rm_rf (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline char *
store_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("yrs-store-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* How many times `needle` occurs in the raw bytes of `path` (0 when the
 * file does not exist). */
static inline guint
store_test_count_bytes (const char *path,
                        const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  gsize n = strlen (needle);
  guint count = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return 0;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      count++;
  return count;
}

static inline void
store_test_copy (const char *from,
                 const char *to)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, len, &error);
  g_assert_no_error (error);
}
