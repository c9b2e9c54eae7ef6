// Snapshots in a SQL store. A header row in `snapshots` holds the first piece, the hash of the
// event it was taken at and the digest of the whole; the other pieces are rows of
// `snapshot_pieces`. No value is larger than a piece (SQLite refuses a value over 1 GB, a snapshot
// of a million orders is about that) and neither side ever holds a snapshot whole.
#include "store/sqleventstore.h"

#include "common/clock.h"
#include "common/threadwatch.h"
#include "events/eventhash.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include <vector>

namespace instant::detail {
namespace {

bool isDuplicate(const QSqlError &error)
{
    const QString text = error.text();
    return text.contains(QStringLiteral("UNIQUE"), Qt::CaseInsensitive)
           || text.contains(QStringLiteral("duplicate"), Qt::CaseInsensitive);
}

// On SQLite each piece commits on its own: a transaction would hold the store's one write lock,
// and every order with it, for as long as the state takes to write. Pieces of a writer that
// stopped before its header are removed first (they are unreadable without it). On PostgreSQL
// the whole is one transaction, which blocks no other writer.
Status writePieces(QSqlDatabase &db, bool oneTransaction, const QString &name, Sequence sequence,
                   const EventStore::SnapshotWriter &write)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT hash FROM events WHERE seq = ?"));
    q.addBindValue(sequence);
    if (!q.exec() || !q.next())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no event %1 to take a snapshot at").arg(sequence));
    const QByteArray chainHash = q.value(0).toByteArray();
    q.prepare(QStringLiteral("SELECT 1 FROM snapshots WHERE name = ? AND sequence = ?"));
    q.addBindValue(name);
    q.addBindValue(sequence);
    if (!q.exec())
        return sqlError(ErrorCode::Io, QStringLiteral("cannot read snapshots"), q.lastError());
    if (q.next())
        return Done{}; // one snapshot per sequence is enough (the same state gives the same bytes)
    q.finish();
    bool begun = false;
    if (oneTransaction) {
        begun = q.exec(QStringLiteral("BEGIN"));
    } else {
        q.prepare(QStringLiteral("DELETE FROM snapshot_pieces WHERE name = ? AND sequence <= ? AND NOT EXISTS "
                                 "(SELECT 1 FROM snapshots s WHERE s.name = snapshot_pieces.name AND s.sequence = snapshot_pieces.sequence)"));
        q.addBindValue(name);
        q.addBindValue(sequence);
        begun = q.exec();
    }
    if (!begun)
        return sqlError(ErrorCode::Io, QStringLiteral("cannot save snapshot %1").arg(name), q.lastError());

    eventhash::Sha256 digest;
    digest.add(chainHash);
    QByteArray first;
    qsizetype pieces = 0;
    std::optional<Error> failed;
    QSqlQuery piece(db);
    piece.prepare(QStringLiteral("INSERT INTO snapshot_pieces (name, sequence, piece, payload) VALUES (?, ?, ?, ?)"));
    const bool written = write([&](QByteArrayView bytes) {
        if (failed)
            return false;
        digest.add(bytes);
        if (pieces == 0) {
            first = bytes.toByteArray();
        } else {
            piece.addBindValue(name);
            piece.addBindValue(sequence);
            piece.addBindValue(pieces);
            piece.addBindValue(QByteArray::fromRawData(bytes.data(), bytes.size()));
            if (!piece.exec()) {
                failed = sqlError(ErrorCode::Io, QStringLiteral("cannot save snapshot %1").arg(name), piece.lastError());
                return false;
            }
        }
        ++pieces;
        return true;
    });
    // Written meanwhile by another workstation at the same head (the same bytes): not an error.
    auto undo = [&](Status s) -> Status {
        if (oneTransaction)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return s;
    };
    if (failed)
        return undo(isDuplicate(piece.lastError()) ? Status(Done{}) : Status(*failed));
    if (!written)
        return undo(makeError(ErrorCode::Io, QStringLiteral("snapshot %1 could not be written whole").arg(name)));
    q.prepare(QStringLiteral("INSERT INTO snapshots (name, sequence, chain_hash, recorded_us, payload, digest) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(sequence);
    q.addBindValue(chainHash);
    q.addBindValue(nowUtcMicros());
    q.addBindValue(first);
    q.addBindValue(digest.result());
    if (!q.exec())
        return undo(isDuplicate(q.lastError())
                        ? Status(Done{})
                        : Status(sqlError(ErrorCode::Io, QStringLiteral("cannot save snapshot %1").arg(name), q.lastError())));
    if (oneTransaction && !q.exec(QStringLiteral("COMMIT")))
        return undo(sqlError(ErrorCode::Io, QStringLiteral("cannot save snapshot %1").arg(name), q.lastError()));
    return Done{};
}

// Snapshots older than the newest few are no use to a start-up (an "as of" view before them
// starts from the log's beginning instead, with the same result): they are let go, so that a long
// log does not keep a copy of the whole book for every 50 000 events. Best effort: a role that may
// not delete leaves them, and a failure here does not undo the snapshot just saved.
void letOlderGo(QSqlDatabase &db, const QString &name)
{
    constexpr int Kept = 3;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT sequence FROM snapshots WHERE name = ? ORDER BY sequence DESC LIMIT 1 OFFSET %1").arg(Kept - 1));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return;
    const Sequence oldestKept = q.value(0).toLongLong();
    q.finish();
    if (!q.exec(QStringLiteral("BEGIN")))
        return;
    // The headers first: pieces without a header are never read, and the next writer removes them.
    for (const QString &table : {QStringLiteral("snapshots"), QStringLiteral("snapshot_pieces")}) {
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE name = ? AND sequence < ?").arg(table));
        q.addBindValue(name);
        q.addBindValue(oldestKept);
        if (!q.exec()) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return;
        }
    }
    q.exec(QStringLiteral("COMMIT"));
}

} // namespace

Status SqlEventStore::writeSnapshot(const QString &name, Sequence sequence, const SnapshotWriter &write)
{
    threadwatch::entered("store snapshot");
    if (m_plan.readOnly)
        return readOnlyError();
    const QString connection = m_connectionPrefix + QStringLiteral("-s%1").arg(++m_readConnections);
    Status status = Done{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->driverName(), connection);
        status = m_dialect->open(db, m_location, m_password, ConnectionRole::Maintenance, OpenOptions::Mode::OpenExisting,
                                 m_plan);
        if (status)
            status = writePieces(db, m_location.backend != StoreLocation::Backend::Sqlite, name, sequence, write);
        if (status)
            letOlderGo(db, name);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return status;
}

Result<std::optional<Snapshot>> SqlEventStore::readSnapshot(const QString &name, Sequence atOrBefore,
                                                            const SnapshotVisitor &visit) const
{
    return onReadConnection<Result<std::optional<Snapshot>>>([&](QSqlDatabase &db) -> Result<std::optional<Snapshot>> {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT s.sequence, s.chain_hash, s.recorded_us, s.digest, e.hash FROM snapshots s "
                                 "LEFT JOIN events e ON e.seq = s.sequence WHERE s.name = ? AND s.sequence <= ? "
                                 "ORDER BY s.sequence DESC LIMIT 8"));
        q.addBindValue(name);
        q.addBindValue(atOrBefore);
        if (!q.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read snapshots"), q.lastError());
        struct Candidate
        {
            Snapshot header;
            QByteArray digest;
        };
        std::vector<Candidate> candidates;
        while (q.next())
            if (q.value(4).toByteArray() == q.value(1).toByteArray()) // taken from this chain
                candidates.push_back({{name, q.value(0).toLongLong(), q.value(1).toByteArray(), q.value(2).toLongLong(), {}},
                                      q.value(3).toByteArray()});
        q.finish();
        // A store from before snapshots were kept in pieces, opened read-only, has only headers.
        const bool pieced = !db.record(QStringLiteral("snapshot_pieces")).isEmpty();
        QSqlQuery first(db), piece(db);
        first.setForwardOnly(true);
        piece.setForwardOnly(true);
        first.prepare(QStringLiteral("SELECT payload FROM snapshots WHERE name = ? AND sequence = ?"));
        if (pieced)
            piece.prepare(QStringLiteral("SELECT payload FROM snapshot_pieces WHERE name = ? AND sequence = ? AND piece = ?"));
        for (const Candidate &c : candidates) {
            // One piece in memory at a time: each is its own query.
            eventhash::Sha256 digest;
            digest.add(c.header.chainHash);
            first.addBindValue(name);
            first.addBindValue(c.header.sequence);
            if (!first.exec())
                return sqlError(ErrorCode::Io, QStringLiteral("cannot read snapshots"), first.lastError());
            if (!first.next())
                continue;
            QByteArray bytes = first.value(0).toByteArray();
            first.finish();
            digest.add(bytes);
            bool usable = visit(c.header, 0, bytes);
            for (qsizetype n = 1; usable && pieced; ++n) {
                piece.addBindValue(name);
                piece.addBindValue(c.header.sequence);
                piece.addBindValue(n);
                if (!piece.exec())
                    return sqlError(ErrorCode::Io, QStringLiteral("cannot read snapshots"), piece.lastError());
                if (!piece.next())
                    break;
                bytes = piece.value(0).toByteArray();
                piece.finish();
                digest.add(bytes);
                usable = visit(c.header, n, bytes);
            }
            if (usable && digest.result() == c.digest) // intact: otherwise try an older one
                return std::optional<Snapshot>(c.header);
        }
        return std::optional<Snapshot>();
    });
}

} // namespace instant::detail
