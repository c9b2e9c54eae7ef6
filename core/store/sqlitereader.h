#pragma once

// Reads of a SQLite store straight through sqlite3's C API: a replay or a verification streams
// millions of rows, and Qt Sql's per-value QVariant and UTF-16 conversions cost more than
// SQLite's own work. Appends and everything else stay on Qt Sql.

#include "common/result.h"
#include "events/event.h"

#include <functional>

namespace instant::detail {

// Events with seq in [from, to] (to < 0: open), of one stream or all, at most `limit` (< 0: all).
// Columns::ForProjections leaves the actor's role, the correlation ids and the hashes empty.
Status sqliteForEach(const QString &path, const QString &streamId, Sequence from, Sequence to, qint64 limit, ReadQuery::Columns columns,
                     const std::function<bool(const RecordedEvent &)> &visit);

// The same as stored bytes, undecoded.
Status sqliteForEachBytes(const QString &path, Sequence from, Sequence to,
                          const std::function<bool(const EventBytes &)> &visit);

} // namespace instant::detail
