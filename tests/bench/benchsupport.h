#pragma once

// What the side-by-side benchmarks share: event rows as the database holds them (UTF-8 bytes),
// the baselines (raw sqlite3 INSERT and scan, raw PostgreSQL COPY, `openssl speed`), large
// stores made from a real demo run, and a throwaway PostgreSQL server.

#include "common/result.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "venue/orderbook.h"
#include "venue/simulatedvenue.h"

#include <QByteArray>
#include <QString>

#include <deque>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace instant {
class EventStore;
}

namespace instant::bench {

// ---- matching: a realistic add/cancel/replace mix, generated before timing ----
struct BookOp
{
    enum Kind : quint8 { Add, Cancel, Replace } kind;
    int book;
    venue::BookRequest request;
};

// 60% limit adds around a drifting mid (a quarter of them marketable), 30% cancels of a resting
// order, 10% replaces.
std::vector<BookOp> makeBookOps(int books, size_t count, unsigned seed);

inline void runBookOp(std::deque<venue::OrderBook> &books, const BookOp &op)
{
    venue::OrderBook &book = books[op.book];
    switch (op.kind) {
    case BookOp::Add: book.add(op.request); break;
    case BookOp::Cancel: book.cancel(op.request.id); break;
    case BookOp::Replace: book.replace(op.request.id, op.request.price, op.request.quantity); break;
    }
}

// ---- the full lifecycle: one marketable order at a time, as a trader sends them ----
// Validation, compliance with buying-power reservation, matching at the simulated venue, every
// event a durable, hash-chained append, projections updated.
class MarketableOrderFlow
{
public:
    explicit MarketableOrderFlow(EventStore &store);
    CommandOutcome submitNext();
    qint64 submitted() const { return m_n; }
    // The simulated market moves on (every instrument requoted: liquidity comes back) after
    // every 50 orders. That is the venue's market data, not an order's lifecycle: a timed run
    // leaves it out of its clock.
    bool marketDue() const { return m_n % 50 == 0; }
    void moveMarket() { m_venue.step(1'000'000); }

private:
    ReferenceData m_reference;
    SimulatedVenue m_venue;
    OrderManager m_oms;
    Actor m_trader;
    QStringList m_symbols;
    qint64 m_n = 0;
};

// One row of the events table, column for column, in the bytes the database stores.
struct EventRow
{
    qint64 seq = 0;
    QByteArray streamId;
    qint64 streamVersion = 0;
    QByteArray type;
    qint64 schemaVersion = 1;
    qint64 recordedUs = 0;
    QByteArray actorUser, actorRole, correlationId, causationId;
    QByteArray payload;
    QByteArray prevHash, hash;

    qint64 bytes() const;
};

// The row as the store's byte view (valid while the row lives): what verification hashes.
EventBytes bytesOf(const EventRow &row);

// Rows' bytes copied into one buffer, each row's columns side by side and the rows in order, as
// a reader finds them in the store's pages; views() are the rows as EventBytes into it.
class RowBytes
{
public:
    explicit RowBytes(const std::vector<EventRow> &rows);
    const std::vector<EventBytes> &views() const { return m_views; }

private:
    std::string m_bytes;
    std::vector<EventBytes> m_views;
};

// Every row of a SQLite store, in sequence order (sqlite3 C API).
Result<std::vector<EventRow>> readSqliteRows(const QString &path);

// Groups of consecutive rows written in one transaction: rows with the same recorded time were
// committed together (the store stamps one time per transaction).
std::vector<int> transactionSizes(const std::vector<EventRow> &rows);

// A fresh SQLite file with the store's events table (WAL, synchronous=FULL) and one prepared
// INSERT: the baseline's writer, through sqlite3's C API.
class RawEventTable
{
public:
    static Result<std::unique_ptr<RawEventTable>> create(const QString &path);
    ~RawEventTable();
    // `count` rows in one transaction.
    Status write(const EventRow *rows, size_t count);

private:
    RawEventTable() = default;
    ::sqlite3 *m_db = nullptr;
    ::sqlite3_stmt *m_insert = nullptr;
};

// The baseline for appends: the same bytes as the store at `storePath` wrote them (every column of
// its events after `after`, the batch signature columns included, and the idempotency rows of those
// commands) in a SQLite file with the store's own tables and indexes (WAL, synchronous=FULL; made
// by the first call, added to by the next), one prepared INSERT per table, committed in
// transactions of `batches` events (cycled). Returns the seconds taken.
Result<double> rawSqliteInsertAsStored(const QString &storePath, const QString &path, Sequence after, const std::vector<int> &batches);

// For PostgreSQL: a fresh table like the store's events table in database `url`, rows sent with
// COPY ... FROM STDIN (text format), one transaction per batch. Returns the seconds taken.
Result<double> rawPostgresCopy(const QString &url, const std::vector<EventRow> &rows, const std::vector<int> &batches);

// A raw sequential `SELECT` of every column of every event (sqlite3 C API). Seconds, rows, bytes.
struct ScanResult
{
    double seconds = 0;
    qint64 rows = 0;
    qint64 bytes = 0;
};
ScanResult rawSqliteScan(const QString &path);

// Bytes per second `openssl speed -evp sha256 -bytes SIZE` reports; 0 when openssl is missing.
double opensslSha256BytesPerSecond(int size);

// A store of about `events` events made of copies of a real demo run (`templatePath`): each copy
// gets its own accounts and order ids, later times, new sequence numbers and a recomputed hash
// chain, so projections and verification see a real lifecycle many times over. Written with
// the C API in large transactions (this is fixture making, not a measurement).
Result<qint64> replicateStore(const QString &templatePath, const QString &outPath, qint64 events);

// A throwaway PostgreSQL server for the benchmarks (tests/support/pg-fixture.sh), with fsync on
// so commits cost what they cost in production. Stopped by the destructor.
class PostgresServer
{
public:
    explicit PostgresServer(bool fsync = true);
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    bool ok() const { return !m_url.isEmpty(); }
    QString error() const { return m_error; }
    QString url() const { return m_url; } // postgresql://instant@127.0.0.1:PORT
    // A new, empty database on the server; its URL.
    Result<QString> createDatabase(const QString &name) const;

private:
    QString m_state, m_url, m_error;
};

// Peak resident set size of this process so far (MiB), from /proc; 0 where unavailable.
double peakRssMiB();
// Resident set size of this process now (MiB).
double currentRssMiB();

// ---- writer signatures: the same appends to a new SQLite store, signed or not ----
// `events` one-event appends of an order-sized payload, at most `inFlight` waiting at a time (1:
// each its own commit, as a trader's commands; many: the group commit fills its batches).
// Returns events per second; the store is left at `path` for verification.
Result<double> appendRate(const QString &path, bool signing, qint64 events, int inFlight);

} // namespace instant::bench
