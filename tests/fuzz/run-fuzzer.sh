#!/usr/bin/env bash
# Runs a libFuzzer target over a fresh copy of its seed corpus (the source tree is never written).
#   run-fuzzer.sh FUZZER SEED_DIR WORK_DIR [libFuzzer options...]
# New inputs go to WORK_DIR/corpus, a crashing input to WORK_DIR/artifacts; the exit status is
# the fuzzer's (non-zero on a crash, a sanitizer report, a leak or a timeout).
set -euo pipefail
fuzzer=${1:?fuzzer} seeds=${2:?seed corpus} work=${3:?work folder}
shift 3
rm -rf "$work/corpus"
mkdir -p "$work/corpus" "$work/artifacts"
cp -R "$seeds/." "$work/corpus/"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$fuzzer" -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$@" "$work/corpus"
