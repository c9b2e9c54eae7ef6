#include "store/sqlitereader.h"

#include "common/textinterner.h"
#include "common/threadwatch.h"
#include "events/payload.h"
#include "store/pagereadahead.h"

#include <QFile>
#include <QSqlDriver>
#include <QVariant>
#include <QUrl>

#include <sqlite3.h>

#include <limits>
#include <memory>
#include <string>

namespace instant::detail {

sqlite3 *sqliteConnection(const QSqlDatabase &db)
{
    const QSqlDriver *driver = db.driver();
    const QVariant handle = driver ? driver->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}
namespace {

// Rows are read in chunks of this many (keyset pagination), so a long replay does not hold one
// read snapshot for its whole length and the writer can still checkpoint the WAL.
constexpr qint64 ReadChunk = 65536;

struct Connection
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *query = nullptr;
    ~Connection()
    {
        sqlite3_finalize(query);
        sqlite3_close(db);
    }
};

Error sqliteError(sqlite3 *db, const QString &what)
{
    return makeError(ErrorCode::Io, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory")));
}

Status open(Connection &c, const QString &path, bool oneStream, bool allColumns = true)
{
    // A scan of the whole log reads its pages in order: ahead, in windows that grow to a MiB (a
    // stream's events, through an index, are read as they lie).
    if (sqlite3_open_v2(path.toUtf8().constData(), &c.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                        oneStream ? nullptr : pageReadAheadVfs())
        != SQLITE_OK)
        return sqliteError(c.db, QStringLiteral("cannot open %1").arg(path));
    sqlite3_busy_timeout(c.db, 30000);
    // Projections: the same column positions, with constants where nothing is needed.
    const QByteArray sql = QByteArray(allColumns ? "SELECT seq, stream_id, stream_version, type, schema_version, recorded_us, actor_user, "
                                                   "actor_role, correlation_id, causation_id, payload, prev_hash, hash FROM events "
                                                 : "SELECT seq, stream_id, stream_version, type, schema_version, recorded_us, actor_user, "
                                                   "'', '', '', payload, NULL, NULL FROM events ")
                           + (oneStream ? "WHERE seq >= ?1 AND seq <= ?2 AND stream_id = ?4 ORDER BY seq LIMIT ?3"
                                        : "WHERE seq >= ?1 AND seq <= ?2 ORDER BY seq LIMIT ?3");
    if (sqlite3_prepare_v3(c.db, sql.constData(), -1, SQLITE_PREPARE_PERSISTENT, &c.query, nullptr) != SQLITE_OK)
        return sqliteError(c.db, QStringLiteral("cannot read events"));
    return Done{};
}

std::string_view view(sqlite3_stmt *q, int column)
{
    const void *p = sqlite3_column_blob(q, column);
    return {static_cast<const char *>(p), p ? size_t(sqlite3_column_bytes(q, column)) : 0};
}

// Runs the chunked query over [from, to]; `row` gets each row, returns false to stop.
Status readChunks(Connection &c, const QString &streamId, Sequence from, Sequence to, qint64 limit,
                  const std::function<bool(sqlite3_stmt *)> &row)
{
    const QByteArray stream = streamId.toUtf8();
    const Sequence upper = to < 0 ? std::numeric_limits<qint64>::max() : to;
    qint64 remaining = limit < 0 ? std::numeric_limits<qint64>::max() : limit;
    Sequence next = std::max<Sequence>(from, 1);
    while (remaining > 0 && next <= upper) {
        const qint64 chunk = std::min(remaining, ReadChunk);
        sqlite3_reset(c.query);
        forgetPagesReadAhead(c.db); // each chunk is a transaction of its own
        sqlite3_bind_int64(c.query, 1, next);
        sqlite3_bind_int64(c.query, 2, upper);
        sqlite3_bind_int64(c.query, 3, chunk);
        if (!stream.isEmpty())
            sqlite3_bind_text(c.query, 4, stream.constData(), int(stream.size()), SQLITE_STATIC);
        qint64 rows = 0;
        int rc;
        while ((rc = sqlite3_step(c.query)) == SQLITE_ROW) {
            ++rows;
            next = sqlite3_column_int64(c.query, 0) + 1;
            if (!row(c.query)) {
                sqlite3_reset(c.query);
                return Done{};
            }
        }
        if (rc != SQLITE_DONE)
            return sqliteError(c.db, QStringLiteral("cannot read events"));
        remaining -= rows;
        if (rows < chunk)
            break;
    }
    sqlite3_reset(c.query);
    return Done{};
}

} // namespace

QString sqliteReadOnlyName(const QString &path, bool immutable)
{
    QUrl url = QUrl::fromLocalFile(path);
    url.setQuery(immutable ? QStringLiteral("mode=ro&immutable=1") : QStringLiteral("mode=ro"));
    return url.toString(QUrl::FullyEncoded);
}

Result<SqliteFileLook> sqliteLook(const QString &path)
{
    SqliteFileLook look;
    QByteArray header;
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        header = file.read(100);
    }
    if (header.isEmpty())
        return look; // Blank
    // The header: "SQLite format 3\0", ..., the read and write versions at 18 and 19 (2: WAL).
    if (header.size() < 100 || !header.startsWith(QByteArray("SQLite format 3\0", 16))) {
        look.kind = SqliteFileLook::Kind::NotADatabase;
        return look;
    }
    const bool writeAheadLog = header.at(18) == 2 || header.at(19) == 2;
    const bool immutable = writeAheadLog && !QFile::exists(path + QStringLiteral("-wal"));

    Connection c;
    if (sqlite3_open_v2(sqliteReadOnlyName(path, immutable).toUtf8().constData(), &c.db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr)
        != SQLITE_OK)
        return sqliteError(c.db, QStringLiteral("cannot open %1").arg(path));
    sqlite3_busy_timeout(c.db, 30000);
    auto query = [&c](const char *sql, const std::function<void(sqlite3_stmt *)> &row) -> int {
        sqlite3_stmt *q = nullptr;
        int rc = sqlite3_prepare_v2(c.db, sql, -1, &q, nullptr);
        if (rc == SQLITE_OK)
            while ((rc = sqlite3_step(q)) == SQLITE_ROW)
                row(q);
        sqlite3_finalize(q);
        return rc == SQLITE_DONE ? SQLITE_OK : rc;
    };
    int rc = query("SELECT name FROM sqlite_master WHERE type = 'table'", [&look](sqlite3_stmt *q) {
        const std::string_view name = view(q, 0);
        look.tables << QString::fromUtf8(name.data(), qsizetype(name.size()));
    });
    if ((rc & 0xff) == SQLITE_NOTADB) {
        look.kind = SqliteFileLook::Kind::NotADatabase;
        return look;
    }
    if (rc != SQLITE_OK)
        return sqliteError(c.db, QStringLiteral("cannot read %1").arg(path));
    look.kind = SqliteFileLook::Kind::Database;
    rc = query("PRAGMA application_id", [&look](sqlite3_stmt *q) { look.applicationId = sqlite3_column_int(q, 0); });
    if (rc != SQLITE_OK)
        return sqliteError(c.db, QStringLiteral("cannot read %1").arg(path));
    if (look.applicationId == SqliteApplicationId && look.tables.contains(QStringLiteral("schema_version"))) {
        rc = query("SELECT COALESCE(MAX(version), 0) FROM schema_version",
                   [&look](sqlite3_stmt *q) { look.schemaVersion = sqlite3_column_int(q, 0); });
        if (rc != SQLITE_OK)
            return sqliteError(c.db, QStringLiteral("cannot read the schema version of %1").arg(path));
    }
    return look;
}

Status sqliteForEach(const QString &path, const QString &streamId, Sequence from, Sequence to, qint64 limit,
                     ReadQuery::Columns columns, const std::function<bool(RecordedEvent &)> &visit)
{
    threadwatch::entered("store read");
    Connection c;
    const bool all = columns == ReadQuery::Columns::All;
    if (Status s = open(c, path, !streamId.isEmpty(), all); !s)
        return s;
    auto interner = std::make_unique<TextInterner>(); // types, stream ids, actors: decoded once
    TextInterner &texts = *interner;
    PayloadArena payloads;
    RecordedEvent e;
    return readChunks(c, streamId, from, to, limit, [&](sqlite3_stmt *q) {
        e.sequence = sqlite3_column_int64(q, 0);
        e.streamId = texts.get(view(q, 1));
        e.streamVersion = sqlite3_column_int64(q, 2);
        e.type = texts.get(view(q, 3));
        e.schemaVersion = sqlite3_column_int(q, 4);
        e.recordedUs = sqlite3_column_int64(q, 5);
        e.actor.user = texts.get(view(q, 6));
        const std::string_view payload = view(q, 10);
        // A projection's read decodes every payload and keeps none: room to parse them in place,
        // in blocks that many share (one allocation for many events).
        e.payload = all ? QByteArray(payload.data(), qsizetype(payload.size())) : payloads.copy(payload);
        if (all) {
            e.actor.role = texts.get(view(q, 7));
            const std::string_view correlation = view(q, 8), causation = view(q, 9);
            e.correlationId = QString::fromUtf8(correlation.data(), qsizetype(correlation.size()));
            e.causationId = QString::fromUtf8(causation.data(), qsizetype(causation.size()));
            const std::string_view prev = view(q, 11), hash = view(q, 12);
            e.prevHash = QByteArray(prev.data(), qsizetype(prev.size()));
            e.hash = QByteArray(hash.data(), qsizetype(hash.size()));
        }
        return visit(e);
    });
}

Status sqliteForEachBytes(const QString &path, Sequence from, Sequence to, const std::function<bool(const EventBytes &)> &visit)
{
    threadwatch::entered("store read");
    Connection c;
    if (Status s = open(c, path, false); !s)
        return s;
    EventBytes e;
    return readChunks(c, QString(), from, to, -1, [&](sqlite3_stmt *q) {
        e.sequence = sqlite3_column_int64(q, 0);
        e.streamId = view(q, 1);
        e.streamVersion = sqlite3_column_int64(q, 2);
        e.type = view(q, 3);
        e.schemaVersion = sqlite3_column_int64(q, 4);
        e.recordedUs = sqlite3_column_int64(q, 5);
        e.actorUser = view(q, 6);
        e.actorRole = view(q, 7);
        e.correlationId = view(q, 8);
        e.causationId = view(q, 9);
        e.payload = view(q, 10);
        e.prevHash = view(q, 11);
        e.hash = view(q, 12);
        return visit(e);
    });
}

} // namespace instant::detail
