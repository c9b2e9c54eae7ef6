#pragma once

// Reads of a SQLite store straight through sqlite3's C API: a replay or a verification streams
// millions of rows, and Qt Sql's per-value QVariant and UTF-16 conversions cost more than
// SQLite's own work. The writer's statements go the same way (store/appendstatements.h), on the
// connection Qt Sql opened; everything else stays on Qt Sql. A scan of the whole log reads the
// file ahead, in windows that grow to a MiB (store/pagereadahead.h).

#include "common/result.h"
#include "events/event.h"

#include <QSqlDatabase>
#include <QStringList>

#include <functional>

struct sqlite3;

namespace instant::detail {

// The sqlite3 connection under a Qt Sql connection; null when it is not an open SQLite one.
sqlite3 *sqliteConnection(const QSqlDatabase &db);

// PRAGMA application_id of an Instant store file ("Inst").
constexpr qint32 SqliteApplicationId = 1231975284;

// What a look at a SQLite file finds. The look opens it read-only and, when the file is in
// write-ahead-log mode with no log beside it, as immutable: it writes nothing, neither to the
// file nor beside it (no -journal, -wal or -shm appears).
struct SqliteFileLook
{
    enum class Kind {
        Blank,        // no bytes at all: a new database
        Database,     // a SQLite database (with no tables: an empty one)
        NotADatabase, // anything else
    };
    Kind kind = Kind::Blank;
    QStringList tables;
    qint32 applicationId = 0;
    int schemaVersion = 0; // of an Instant store (its application id): MAX(version) in schema_version
};
Result<SqliteFileLook> sqliteLook(const QString &path);

// The name under which a store file is opened read-only (a file: URI; SQLITE_OPEN_URI).
// Immutable: without locks and without files beside it, for a file nobody can be writing.
QString sqliteReadOnlyName(const QString &path, bool immutable);

// The readers below take a path or a name from sqliteReadOnlyName().

// Events with seq in [from, to] (to < 0: open), of one stream or all, at most `limit` (< 0: all).
// Columns::ForProjections leaves the actor's role, the correlation ids and the hashes empty.
Status sqliteForEach(const QString &path, const QString &streamId, Sequence from, Sequence to, qint64 limit, ReadQuery::Columns columns,
                     const std::function<bool(RecordedEvent &)> &visit); // may move from the event

// The same as stored bytes, undecoded.
Status sqliteForEachBytes(const QString &path, Sequence from, Sequence to,
                          const std::function<bool(const EventBytes &)> &visit);

} // namespace instant::detail
