#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds every libFuzzer target of tests/fuzz with clang
# (-fsanitize=fuzzer,address,undefined) in a build tree of its own and
# runs each for SECONDS (default 60), starting from its seed corpus:
#
#   tests/fuzz/run-fuzzers.sh [SECONDS] [NAME...]
#
# A target is tests/fuzz/fuzz-<name>.c, listed in tests/fuzz/meson.build
# (the script runs every one defined there, or the NAMEs given),
# with seeds in tests/fuzz/corpus/<name>/ and, optionally, a file
# tests/fuzz/corpus/<name>.seeds naming more seed directories (one a line,
# relative to the top of the tree). New inputs libFuzzer finds go to
# <build>/fuzz-corpus/<name>/, crashes to <build>/fuzz-artifacts/<name>/.
# Ends with one line per target; the exit status is 1 if any target found
# a problem. YRS_FUZZ_BUILD_DIR picks the build tree (default build-fuzz).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
build=${YRS_FUZZ_BUILD_DIR:-build-fuzz}
seconds=${1:-60}
shift || true

if ! command -v clang > /dev/null; then
  echo "run-fuzzers.sh: clang is needed (tools/dev.sh deps installs it)" >&2
  exit 2
fi
case "$seconds" in
  ''|*[!0-9]*) echo "run-fuzzers.sh: SECONDS must be a whole number" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" --buildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" >&2
fi

if [ $# -gt 0 ]; then
  names=("$@")
else
  # Every fuzz-<name> executable tests/fuzz/meson.build defines.
  mapfile -t names < <(ninja -C "$build" -t targets all 2>/dev/null |
    sed -n 's|^tests/fuzz/fuzz-\([A-Za-z0-9_-]*\): .*|\1|p' |
    grep -v '^replay-' | sort -u)
  if [ ${#names[@]} -eq 0 ]; then
    echo "run-fuzzers.sh: no fuzz targets in $build" >&2
    exit 2
  fi
fi

targets=()
for n in "${names[@]}"; do targets+=("tests/fuzz/fuzz-$n"); done
ninja -C "$build" "${targets[@]}" >&2

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [ -f tests/lsan.supp ]; then
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp}
fi

status=0
summary=()
for n in "${names[@]}"; do
  work="$build/fuzz-corpus/$n"
  artifacts="$build/fuzz-artifacts/$n"
  log="$build/meson-logs/fuzz-$n.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  seeds=("tests/fuzz/corpus/$n")
  if [ -f "tests/fuzz/corpus/$n.seeds" ]; then
    while IFS= read -r dir; do
      [ -n "$dir" ] && seeds+=("$dir")
    done < "tests/fuzz/corpus/$n.seeds"
  fi
  echo "fuzz-$n: ${seconds}s from ${seeds[*]}" >&2
  rc=0
  "$build/tests/fuzz/fuzz-$n" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=131072 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" "${seeds[@]}" > "$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
  if [ "$rc" -eq 0 ]; then
    summary+=("fuzz-$n: ok, ${runs:-?} runs in ${seconds}s, coverage ${cov:-?} edges, corpus $(ls "$work" | wc -l) files")
  else
    summary+=("fuzz-$n: FAILED (exit $rc), see $log and $artifacts/")
    status=1
  fi
done

printf '%s\n' "${summary[@]}"
exit $status
