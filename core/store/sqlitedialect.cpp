#include "store/sqldialect.h"
#include "store/sqlitereader.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

namespace instant::detail {
namespace {

class SqliteDialect final : public SqlDialect
{
public:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }

    Status open(QSqlDatabase &db, const StoreLocation &location, const QString &, ConnectionRole role,
                OpenOptions::Mode mode, const OpenPlan &plan) const override
    {
        const QFileInfo file(location.path);
        if (file.isDir())
            return makeError(ErrorCode::NotAStore,
                             QStringLiteral("%1 is a folder, not an Instant event store").arg(location.path));
        if (!file.exists() && mode == OpenOptions::Mode::OpenExisting)
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("no event store at %1: the file does not exist").arg(location.path));
        if (plan.readOnly) {
            db.setDatabaseName(sqliteReadOnlyName(location.path, plan.immutable));
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000;QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        } else {
            db.setDatabaseName(location.path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        }
        if (!db.open())
            return makeError(ErrorCode::Io, QStringLiteral("cannot open %1: %2")
                                                .arg(location.path, db.lastError().text()));
        QSqlQuery q(db);
        // Probe first: on a file that is not SQLite, a PRAGMA that writes would fail less clearly.
        if (!q.exec(probeStatement())) {
            if ((q.lastError().nativeErrorCode().toInt() & 0xff) == 26) // SQLITE_NOTADB
                return makeError(ErrorCode::NotAStore, QStringLiteral("%1 is not an Instant event store: %2")
                                                           .arg(location.path, q.lastError().databaseText()));
            return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2")
                                                .arg(location.path, q.lastError().databaseText()));
        }
        if (plan.readOnly)
            return Done{}; // nothing to set: the connection cannot write
        const QStringList pragmas = role == ConnectionRole::Writer
                                        ? QStringList{QStringLiteral("PRAGMA journal_mode=WAL"),
                                                      QStringLiteral("PRAGMA synchronous=FULL"),
                                                      QStringLiteral("PRAGMA wal_autocheckpoint=1000")}
                                        : role == ConnectionRole::Maintenance ? QStringList{}
                                                                              : QStringList{QStringLiteral("PRAGMA query_only=1")};
        for (const QString &pragma : pragmas) {
            if (!q.exec(pragma))
                return makeError(ErrorCode::Io, QStringLiteral("%1 on %2 failed: %3")
                                                    .arg(pragma, location.path, q.lastError().text()));
        }
        if (role == ConnectionRole::Writer) {
            q.exec(QStringLiteral("PRAGMA journal_mode"));
            if (!q.next() || q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
                return makeError(ErrorCode::Io,
                                 QStringLiteral("%1: cannot switch to write-ahead logging").arg(location.path));
        }
        return Done{};
    }

    QString probeStatement() const override { return QStringLiteral("SELECT count(*) FROM sqlite_master"); }

    QStringList beginWriteStatements() const override
    {
        // IMMEDIATE takes the write lock now, so the head we read cannot move under us.
        return {QStringLiteral("BEGIN IMMEDIATE")};
    }

    QString changeProbeStatement() const override { return QStringLiteral("PRAGMA data_version"); }

    std::optional<qint64> dataVersion(QSqlDatabase &db) const override
    {
        // The pager's count of changes: moved by this connection's commits and, when a
        // transaction starts, by what other connections committed since (SQLITE_FCNTL_DATA_VERSION).
        sqlite3 *connection = sqliteConnection(db);
        unsigned int version = 0;
        if (!connection || sqlite3_file_control(connection, "main", SQLITE_FCNTL_DATA_VERSION, &version) != SQLITE_OK)
            return std::nullopt;
        return qint64(version);
    }
    int pollIntervalMs() const override { return 100; }

    QList<QStringList> migrations() const override
    {
        return {{
            QStringLiteral("PRAGMA application_id = %1").arg(SqliteApplicationId), // "Inst"
            QStringLiteral("CREATE TABLE events ("
                           " seq INTEGER PRIMARY KEY,"
                           " stream_id TEXT NOT NULL,"
                           " stream_version INTEGER NOT NULL,"
                           " type TEXT NOT NULL,"
                           " schema_version INTEGER NOT NULL,"
                           " recorded_us INTEGER NOT NULL,"
                           " actor_user TEXT NOT NULL,"
                           " actor_role TEXT NOT NULL,"
                           " correlation_id TEXT NOT NULL,"
                           " causation_id TEXT NOT NULL,"
                           " payload TEXT NOT NULL,"
                           " prev_hash BLOB NOT NULL,"
                           " hash BLOB NOT NULL,"
                           " UNIQUE (stream_id, stream_version))"),
            QStringLiteral("CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
                           " BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END"),
            QStringLiteral("CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
                           " BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END"),
            QStringLiteral("CREATE TABLE idempotency ("
                           " key TEXT PRIMARY KEY,"
                           " request_hash BLOB NOT NULL,"
                           " first_seq INTEGER NOT NULL,"
                           " last_seq INTEGER NOT NULL,"
                           " stream_version INTEGER NOT NULL)"),
            QStringLiteral("CREATE TRIGGER idempotency_no_update BEFORE UPDATE ON idempotency"
                           " BEGIN SELECT RAISE(ABORT, 'idempotency keys are append-only: UPDATE refused'); END"),
            QStringLiteral("CREATE TRIGGER idempotency_no_delete BEFORE DELETE ON idempotency"
                           " BEGIN SELECT RAISE(ABORT, 'idempotency keys are append-only: DELETE refused'); END"),
        }, {
            // 2: projection snapshots. Derived data, outside the chain: they can be deleted and rebuilt.
            QStringLiteral("CREATE TABLE snapshots ("
                           " name TEXT NOT NULL,"
                           " sequence INTEGER NOT NULL,"
                           " chain_hash BLOB NOT NULL,"
                           " recorded_us INTEGER NOT NULL,"
                           " payload BLOB NOT NULL,"
                           " digest BLOB NOT NULL,"
                           " PRIMARY KEY (name, sequence))"),
        }, {
            // 3: database roles (PostgreSQL). A SQLite file has no users: whoever can write the
            // file can append; the version is kept in step with PostgreSQL's.
            QStringLiteral("SELECT 1"),
        }, {
            // 4: each batch's writer signature (events/batchsignature.h), on the batch's last event,
            // outside the hash: no page of its own to write for each commit.
            QStringLiteral("ALTER TABLE events ADD COLUMN batch_first_seq INTEGER"),
            QStringLiteral("ALTER TABLE events ADD COLUMN batch_key_id TEXT"),
            QStringLiteral("ALTER TABLE events ADD COLUMN batch_signature BLOB"),
            // The clock the batch's times came from, and what it was worth (common/clockquality.h).
            QStringLiteral("ALTER TABLE events ADD COLUMN batch_clock TEXT"),
        }, {
            // 5: compliance records what it reads (PostgreSQL's instant_compliance role). A SQLite
            // file has no users: a compliance key's signature says what it may write.
            QStringLiteral("SELECT 1"),
        }, {
            // 6: a snapshot in pieces (store/sqlsnapshots.cpp): the first in its header row in
            // `snapshots`, the others here. Derived data too: may be deleted with the header.
            QStringLiteral("CREATE TABLE snapshot_pieces ("
                           " name TEXT NOT NULL,"
                           " sequence INTEGER NOT NULL,"
                           " piece INTEGER NOT NULL,"
                           " payload BLOB NOT NULL,"
                           " PRIMARY KEY (name, sequence, piece))"),
        }};
    }

    QString accessStatement() const override { return QStringLiteral("SELECT 1, '', '', 1"); }

    bool isForeignDatabase(const QStringList &tables) const override
    {
        // An Instant store file holds only Instant tables: anything else is someone else's file.
        return !tables.isEmpty();
    }
};

} // namespace

std::unique_ptr<SqlDialect> makeSqliteDialect()
{
    return std::make_unique<SqliteDialect>();
}

} // namespace instant::detail
