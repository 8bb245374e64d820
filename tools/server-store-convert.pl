#!/usr/bin/perl
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/server-store-convert.pl FILE > NEW: rewrites yorisoi-server code
# written against sqlite3 directly to the storage interface
# (src/server/yrs-server-store.h), for code from before issue 15:
#   sqlite3 * -> YrsDb *, sqlite3_stmt -> YrsStmt, sqlite3_step/bind/column
#   -> _yrs_stmt_*, SQLITE_ROW/DONE -> YRS_DB_ROW/DONE, …
# What it cannot do, by hand afterwards: "BEGIN IMMEDIATE;" ->
# _yrs_db_begin_write (db, &error); "BEGIN;" for a read snapshot ->
# _yrs_db_begin_read; SQL only SQLite has (INSERT OR IGNORE, scalar MAX/MIN
# of two values, …) -> _yrs_db_prepare_dialect (db, sqlite_sql, pg_sql);
# new tables -> a migration in both backends.
undef $/;
$_ = <>;
s/sqlite3_bind_text \(([^;]*?),\s*-1,\s*SQLITE_TRANSIENT\)/_yrs_stmt_bind_text ($1)/gs;
s/sqlite3_bind_blob \(([^;]*?),\s*SQLITE_TRANSIENT\)/_yrs_stmt_bind_blob ($1)/gs;
s/sqlite3_column_type \(([^()]*?)\) != SQLITE_NULL/!_yrs_stmt_column_is_null ($1)/g;
s/sqlite3_column_type \(([^()]*?)\) == SQLITE_NULL/_yrs_stmt_column_is_null ($1)/g;
s/\(const char \*\) sqlite3_column_text/_yrs_stmt_column_text/g;
s/sqlite3_column_text/_yrs_stmt_column_text/g;
s/sqlite3_column_int64/_yrs_stmt_column_int64/g;
s/sqlite3_column_int\b/_yrs_stmt_column_int/g;
s/sqlite3_column_blob/_yrs_stmt_column_blob/g;
s/sqlite3_column_bytes/_yrs_stmt_column_bytes/g;
s/sqlite3_bind_int64/_yrs_stmt_bind_int64/g;
s/sqlite3_bind_int\b/_yrs_stmt_bind_int/g;
s/sqlite3_bind_parameter_index/_yrs_stmt_parameter_index/g;
s/sqlite3_step/_yrs_stmt_step/g;
s/sqlite3_reset/_yrs_stmt_reset/g;
s/sqlite3_changes/_yrs_db_changes/g;
s/sqlite3_errmsg/_yrs_db_errmsg/g;
s/sqlite3_close/_yrs_db_close/g;
s/SQLITE_ROW/YRS_DB_ROW/g;
s/SQLITE_DONE/YRS_DB_DONE/g;
s/sqlite3_stmt(\s*)\*/YrsStmt$1*/g;
s/sqlite3_stmt\)/YrsStmt)/g;
s/\bsqlite3(\s+)\*/YrsDb$1*/g;
s/\bsqlite3(\s+)\*/YrsDb$1*/g;
print;
