/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of yorisoi-cli. */
#define YRS_CLI_OK        0
#define YRS_CLI_FAILED    1   /* the command ran and found a problem */
#define YRS_CLI_BAD_INPUT 2   /* bad arguments or input; one line on stderr */

/* Each subcommand gets argv with argv[0] = its own name. */
typedef int (*YrsCliCommand) (int    argc,
                              char **argv);

int yrs_cli_check   (int    argc,
                     char **argv);
int yrs_cli_catalog (int    argc,
                     char **argv);
int yrs_cli_outbox  (int    argc,
                     char **argv);
int yrs_cli_sync    (int    argc,
                     char **argv);

/* Prints "yorisoi-cli: <message>" on stderr and returns YRS_CLI_BAD_INPUT. */
int yrs_cli_bad_input (const char *format,
                       ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
