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
  fprintf (out, "\nEvery command takes --help (-h): yorisoi-cli COMMAND --help.\n");
  return out == stdout ? YRS_CLI_OK : YRS_CLI_BAD_INPUT;
}

static gboolean
is_help (const char *arg)
{
  return strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0 || strcmp (arg, "help") == 0;
}

static int
run_command (const CommandEntry *command,
             int                 argc,
             char              **argv)
{
  g_autofree char *prgname = g_strconcat ("yorisoi-cli ", command->name, NULL);

  /* So that a subcommand's --help says "yorisoi-cli outbox [OPTION…]"
   * (GOptionContext takes the program name for its usage line). */
  g_set_prgname (prgname);
  return command->run (argc, argv);
}

static const CommandEntry *
lookup_command (const char *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    if (strcmp (name, commands[i].name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const CommandEntry *command;

  setlocale (LC_ALL, "");

  if (argc < 2)
    return usage (stderr);
  if (is_help (argv[1]))
    {
      /* "yorisoi-cli help outbox" is "yorisoi-cli outbox --help". */
      if (argc > 2 && (command = lookup_command (argv[2])) != NULL)
        {
          char *help_argv[] = { argv[2], (char *) "--help", NULL };

          return run_command (command, 2, help_argv);
        }
      if (argc > 2)
        {
          fprintf (stderr, "yorisoi-cli: unknown command “%s”\n", argv[2]);
          return usage (stderr);
        }
      return usage (stdout);
    }

  command = lookup_command (argv[1]);
  if (command != NULL)
    return run_command (command, argc - 1, argv + 1);

  fprintf (stderr, "yorisoi-cli: unknown command “%s”\n", argv[1]);
  return usage (stderr);
}
