#!/usr/bin/env bash
# One clock: no business decision reads the machine's clock. Only core/common/clock.cpp reads it;
# nowUtcMicros() (the machine's time, for what is not a decision) is called only where a time is
# recorded or a name is made, and systemClock() is taken only by the entry points.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
status=0
report() { echo "one-clock: $1"; status=1; }

direct=$(grep -rnE 'QDateTime::currentDateTime|QDate::currentDate|QTime::currentTime|currentMSecsSinceEpoch|currentSecsSinceEpoch|system_clock|time\(nullptr\)|time\(NULL\)|gettimeofday' \
    core widgets app --include='*.cpp' --include='*.h' | grep -v '^core/common/clock.cpp:' || true)
[[ -z "$direct" ]] || report "the machine's clock read outside core/common/clock.cpp:"$'\n'"$direct"

allowed_now='^(core/common/clock\.(h|cpp)|core/common/diagnostics\.cpp|core/store/sqleventstore\.cpp|core/store/sqlsnapshots\.cpp|core/audit/checkpoint\.cpp|core/venue/marketdataserver\.cpp|widgets/orderticket\.cpp|widgets/auditviewer\.cpp|app/mainwindow\.cpp):'
now=$(grep -rn 'nowUtcMicros()' core widgets app --include='*.cpp' --include='*.h' | grep -vE "$allowed_now" || true)
[[ -z "$now" ]] || report "nowUtcMicros() where a Clock should be asked:"$'\n'"$now"

system=$(grep -rn 'systemClock()' core widgets app --include='*.cpp' --include='*.h' \
    | grep -vE '^(core/common/clock\.(h|cpp)|app/main\.cpp|app/cli/clisupport\.cpp):' || true)
[[ -z "$system" ]] || report "systemClock() taken below the entry points:"$'\n'"$system"

[[ $status -eq 0 ]] && echo "one-clock: the machine's clock is read only where it should be"
exit $status
