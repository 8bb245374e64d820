#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away PostgreSQL 15 cluster for the tests (issue 15): initdb and
# pg_ctl from /usr/lib/postgresql/15/bin, in a directory of its own, on a
# free port on loopback, with its socket in that directory. As root (CI)
# the cluster runs as the unprivileged user "nobody" (PostgreSQL refuses
# to run as root).
#
#   pg-cluster.sh start DIR      -> prints postgresql://yorisoi@127.0.0.1:PORT
#     (durability off for speed; YRS_PG_DURABLE=1: fsync and synchronous
#     commit on, as in production, for the benchmark)
#   pg-cluster.sh createdb DIR NAME
#   pg-cluster.sh psql DIR NAME SQL   -> the unaligned, tuples-only answer
#   pg-cluster.sh stop DIR       (fast shutdown: sessions are ended)
#   pg-cluster.sh start-again DIR  (after stop, same port and data)
#   pg-cluster.sh destroy DIR    (stop, remove DIR)
set -eu

BIN=${YRS_PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=$1
dir=$2

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

port() { cat "$dir/port"; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      chown nobody "$dir"
      # nobody must reach it through the test's own temporary directory.
      chmod o+x "$(dirname "$dir")"
    fi
    as_owner "$BIN/initdb" -D "$dir/data" -U yorisoi --auth=trust -E UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: ask the kernel for one.
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$dir/port"
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $(port)
unix_socket_directories = '$dir'
max_connections = 200
EOF
    if [ "${YRS_PG_DURABLE:-}" = 1 ]; then
      # As in production (the benchmark): every commit flushed to disk
      # before it is answered; PostgreSQL's defaults otherwise.
      cat >>"$dir/data/postgresql.conf" <<EOF
fsync = on
synchronous_commit = on
full_page_writes = on
EOF
    else
      cat >>"$dir/data/postgresql.conf" <<EOF
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
EOF
    fi
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://yorisoi@127.0.0.1:$(port)"
    ;;
  start-again)
    as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    ;;
  createdb)
    /usr/bin/psql -h 127.0.0.1 -p "$(port)" -U yorisoi -d postgres -qX -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE \"$3\"" >/dev/null
    ;;
  psql)
    /usr/bin/psql -h 127.0.0.1 -p "$(port)" -U yorisoi -d "$3" -qAtX -v ON_ERROR_STOP=1 -c "$4"
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  destroy)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "pg-cluster.sh: unknown command $cmd" >&2
    exit 2
    ;;
esac
