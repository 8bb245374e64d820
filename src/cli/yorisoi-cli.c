/* SPDX-License-Identifier: GPL-3.0-or-later */

/* yorisoi-cli: the headless face of Yorisoi, for support staff and tests. */

#define G_LOG_DOMAIN "yorisoi-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "yrs-cli.h"

typedef struct
{
  const char   *name;
  YrsCliCommand run;
  const char   *usage;
} CommandEntry;

/* Each subcommand lives in its own yrs-cli-<name>.c. */
static const CommandEntry commands[] = {
#ifdef YRS_CLI_HAVE_CHECK
  { "check", yrs_cli_check, "check --answers FILE [--as-of YYYY-MM-DD] [--catalog FILE] [--lang ja|en] [--json]" },
  { "catalog", yrs_cli_catalog, "catalog lint FILE" },
#endif
#ifdef YRS_CLI_HAVE_OUTBOX
  { "outbox", yrs_cli_outbox, "outbox [--db FILE] [--json]" },
#endif
#ifdef YRS_CLI_HAVE_SYNC
  { "sync", yrs_cli_sync, "sync [--db FILE] [--server URL] [--once]" },
#endif
  { NULL, NULL, NULL },
};

int
yrs_cli_bad_input (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "yorisoi-cli: %s\n", message);
  return YRS_CLI_BAD_INPUT;
}

static int
usage (FILE *out)
{
  fprintf (out, "usage: yorisoi-cli COMMAND [OPTIONS]\n\ncommands:\n");
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  yorisoi-cli %s\n", commands[i].usage);
  return out == stdout ? YRS_CLI_OK : YRS_CLI_BAD_INPUT;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    return usage (stderr);
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "help") == 0)
    return usage (stdout);

  for (guint i = 0; commands[i].name != NULL; i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, "yorisoi-cli: unknown command “%s”\n", argv[1]);
  return usage (stderr);
}
