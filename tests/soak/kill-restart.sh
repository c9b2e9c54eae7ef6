#!/usr/bin/env bash
# Kill-and-restart soak of the headless lifecycle: each round starts `instant demo run` on one
# SQLite store, kills it with SIGKILL at a random moment, then restarts it and lets it finish.
# Every finished run must exit 0 with its invariants holding; any other end (a signal, a sanitizer
# report, glibc's heap checks such as "malloc_consolidate(): unaligned fastbin chunk detected") is
# an abnormal exit. Every 50 rounds, and at the end, the store's chain is verified.
#
#   kill-restart.sh INSTANT_BINARY [ROUNDS (INSTANT_SOAK_ROUNDS, else 100)] [WORKDIR]
#
# Prints one summary line: rounds, kills, finished runs, abnormal exits. Exits nonzero on any
# abnormal exit (its output is kept in WORKDIR/abnormal-N.log).
set -uo pipefail

binary=${1:?instant binary}
rounds=${2:-${INSTANT_SOAK_ROUNDS:-100}}
work=${3:-$(mktemp -d /tmp/instant-soak.XXXXXX)}
mkdir -p "$work"
store="sqlite://$work/soak.db"
export INSTANT_KEYCHAIN=off
# The sanitizers (an ASan build) report on stderr and exit nonzero; make leaks not count here.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}

kills=0 finished=0 abnormal=0
run_args=(demo run --headless --json --store "$store" --demo-date 2026-11-20)

for ((round = 1; round <= rounds; round++)); do
    seed=$((round % 50 + 1))
    orders=$((40 + RANDOM % 80))
    "$binary" "${run_args[@]}" --orders "$orders" --seed "$seed" >"$work/killed.out" 2>"$work/killed.err" &
    pid=$!
    # 20 to 600 ms: during start-up (replay, reconciliation), mid-run, or after it finished.
    sleep "0.$(printf '%03d' $((20 + RANDOM % 580)))"
    if kill -9 "$pid" 2>/dev/null; then
        kills=$((kills + 1))
        wait "$pid" 2>/dev/null
    else
        wait "$pid"
        rc=$?
        if [[ $rc -ne 0 ]] || grep -qE "AddressSanitizer|runtime error|malloc|double free|corrupted" "$work/killed.err"; then
            abnormal=$((abnormal + 1))
            cat "$work/killed.out" "$work/killed.err" >"$work/abnormal-$abnormal.log"
            echo "round $round: the run that was not killed exited $rc (see $work/abnormal-$abnormal.log)" >&2
        fi
    fi
    # The restart, run to its end.
    "$binary" "${run_args[@]}" --orders "$orders" --seed "$seed" >"$work/run.out" 2>"$work/run.err"
    rc=$?
    finished=$((finished + 1))
    if [[ $rc -ne 0 ]] || grep -qE "AddressSanitizer|runtime error|malloc|double free|corrupted" "$work/run.err" ||
        ! grep -q '"invariants":"hold"' "$work/run.out"; then
        abnormal=$((abnormal + 1))
        cat "$work/run.out" "$work/run.err" >"$work/abnormal-$abnormal.log"
        echo "round $round: the restarted run exited $rc (see $work/abnormal-$abnormal.log)" >&2
    fi
    if ((round % 50 == 0 || round == rounds)); then
        if ! "$binary" audit verify --store "$store" >"$work/verify.out" 2>&1; then
            abnormal=$((abnormal + 1))
            cp "$work/verify.out" "$work/abnormal-$abnormal.log"
            echo "round $round: the store does not verify (see $work/abnormal-$abnormal.log)" >&2
        fi
        # A fresh store now and then: the log stays small enough that a round stays short.
        if ((round % 200 == 0)); then rm -f "$work"/soak.db*; fi
    fi
done

echo "soak: $rounds rounds, $kills kills, $finished restarted runs finished, $abnormal abnormal exits"
[[ $abnormal -eq 0 ]]
