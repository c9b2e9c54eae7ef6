#pragma once

// The statements the store's single writer runs inside one append transaction
// (store/sqleventstore.cpp): begin, read the chain head and a stream's version, look up and record
// idempotency keys, insert event rows, notify subscribers, commit.
//
// Two implementations with one set of SQL texts: Qt Sql, for PostgreSQL; and sqlite3's C API on
// the same connection, for a SQLite file, where Qt Sql's QVariant per value, its placeholder
// names and the UTF-16 round trip of every payload cost more than SQLite's own insert.

#include "common/result.h"
#include "events/batchsignature.h"
#include "events/event.h"

#include <QSqlDatabase>

#include <memory>
#include <optional>

namespace instant::detail {

class SqlDialect;

// The columns of an event row, in the order the statements bind and read them.
inline constexpr char EventColumnList[] = "seq, stream_id, stream_version, type, schema_version, recorded_us, actor_user, "
                                          "actor_role, correlation_id, causation_id, payload, prev_hash, hash";

// An idempotency key as first recorded: the request's hash and what that request appended.
struct RecordedKey
{
    QByteArray requestHash;
    AppendResult first; // sequences and stream version only
};

class AppendStatements
{
public:
    virtual ~AppendStatements() = default;

    virtual Status begin() = 0;
    // The newest event's sequence, hash and time; `head` is left as is on an empty store.
    virtual Status readHead(ChainHead &head) = 0;
    // The stream's last version; 0 for a stream with no events.
    virtual Result<StreamVersion> streamVersion(const QString &streamId) = 0;
    virtual Result<std::optional<RecordedKey>> findKey(const QString &key) = 0;
    // One event's row; the batch's last carries the batch's signature (`seal`) and the clock its
    // times came from, outside the hash.
    virtual Status insertEvent(const RecordedEvent &e, const BatchSignature *seal, const QString &clock) = 0;
    virtual Status insertKey(const QString &key, const QByteArray &requestHash, const AppendResult &appended) = 0;
    // Tells the database's listeners (PostgreSQL NOTIFY) the new head; nothing where there are none.
    virtual Status notify(Sequence head) = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;
};

// The statements for the writer's connection `db`, prepared: on sqlite3's C API when `db` is a
// SQLite connection, on Qt Sql otherwise. They must be destroyed before `db` is closed.
Result<std::unique_ptr<AppendStatements>> prepareAppendStatements(QSqlDatabase &db, const SqlDialect &dialect);

// Either one, whatever the connection; for the tests that compare both on one SQLite file.
Result<std::unique_ptr<AppendStatements>> prepareQtAppendStatements(QSqlDatabase &db, const SqlDialect &dialect);
Result<std::unique_ptr<AppendStatements>> prepareSqliteAppendStatements(QSqlDatabase &db, const SqlDialect &dialect);

// The SQL both implementations run.
namespace appendsql {
QString head();
QString streamVersion();
QString findKey();
QString insertEvent();
QString insertKey();
} // namespace appendsql

} // namespace instant::detail
