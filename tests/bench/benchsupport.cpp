#include "benchsupport.h"

#include "compliance/compliance.h"
#include "audit/deskkeys.h"
#include "events/eventhash.h"
#include "events/signingkey.h"
#include "store/eventstore.h"
#include "store/storeurl.h"
#include "testmarket.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryFile>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <random>

namespace instant::bench {
namespace {

const char *const EventsTable =
    "CREATE TABLE events (seq INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL,"
    " type TEXT NOT NULL, schema_version INTEGER NOT NULL, recorded_us INTEGER NOT NULL, actor_user TEXT NOT NULL,"
    " actor_role TEXT NOT NULL, correlation_id TEXT NOT NULL, causation_id TEXT NOT NULL, payload TEXT NOT NULL,"
    " prev_hash BLOB NOT NULL, hash BLOB NOT NULL, UNIQUE (stream_id, stream_version))";

struct SqliteCloser
{
    void operator()(sqlite3 *db) const { sqlite3_close(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

struct StatementCloser
{
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementCloser>;

Result<SqliteHandle> openSqlite(const QString &path, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    SqliteHandle handle(db);
    if (rc != SQLITE_OK)
        return makeError(ErrorCode::Io, QStringLiteral("cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errstr(rc))));
    return handle;
}

Status exec(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : "unknown error");
        sqlite3_free(message);
        return makeError(ErrorCode::Io, QStringLiteral("%1: %2").arg(QString::fromUtf8(sql), text));
    }
    return Done{};
}

Result<Statement> prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
        return makeError(ErrorCode::Io, QString::fromUtf8(sqlite3_errmsg(db)));
    return Statement(s);
}

QByteArray columnBytes(sqlite3_stmt *q, int column)
{
    return QByteArray(static_cast<const char *>(sqlite3_column_blob(q, column)), sqlite3_column_bytes(q, column));
}

void bindText(sqlite3_stmt *s, int column, const QByteArray &bytes)
{
    sqlite3_bind_text(s, column, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
}

Status insertRows(sqlite3 *db, sqlite3_stmt *insert, const EventRow *rows, size_t count)
{
    for (size_t i = 0; i < count; ++i) {
        const EventRow &e = rows[i];
        sqlite3_bind_int64(insert, 1, e.seq);
        bindText(insert, 2, e.streamId);
        sqlite3_bind_int64(insert, 3, e.streamVersion);
        bindText(insert, 4, e.type);
        sqlite3_bind_int64(insert, 5, e.schemaVersion);
        sqlite3_bind_int64(insert, 6, e.recordedUs);
        bindText(insert, 7, e.actorUser);
        bindText(insert, 8, e.actorRole);
        bindText(insert, 9, e.correlationId);
        bindText(insert, 10, e.causationId);
        bindText(insert, 11, e.payload);
        sqlite3_bind_blob(insert, 12, e.prevHash.constData(), int(e.prevHash.size()), SQLITE_STATIC);
        sqlite3_bind_blob(insert, 13, e.hash.constData(), int(e.hash.size()), SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            const QString why = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_reset(insert);
            return makeError(ErrorCode::Io, why);
        }
        sqlite3_reset(insert);
    }
    return Done{};
}

// COPY text format: backslash, tab, newline and carriage return are escaped; bytea as \\x hex.
void appendCopyText(QByteArray &out, const QByteArray &value)
{
    for (char c : value) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
}

void appendCopyRow(QByteArray &out, const EventRow &e)
{
    out += QByteArray::number(e.seq);
    out += '\t';
    appendCopyText(out, e.streamId);
    out += '\t';
    out += QByteArray::number(e.streamVersion);
    out += '\t';
    appendCopyText(out, e.type);
    out += '\t';
    out += QByteArray::number(e.schemaVersion);
    out += '\t';
    out += QByteArray::number(e.recordedUs);
    for (const QByteArray *t : {&e.actorUser, &e.actorRole, &e.correlationId, &e.causationId, &e.payload}) {
        out += '\t';
        appendCopyText(out, *t);
    }
    out += "\t\\\\x";
    out += e.prevHash.toHex();
    out += "\t\\\\x";
    out += e.hash.toHex();
    out += '\n';
}

struct PgCloser
{
    void operator()(PGconn *c) const { PQfinish(c); }
};
using PgHandle = std::unique_ptr<PGconn, PgCloser>;

// libpq takes key=value settings; the store URL (postgresql://user@host:port/db) is one too.
Result<PgHandle> connectPostgres(const QString &url)
{
    PgHandle conn(PQconnectdb(url.toUtf8().constData()));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return makeError(ErrorCode::Io, QStringLiteral("cannot connect to %1: %2").arg(url, QString::fromUtf8(PQerrorMessage(conn.get())).trimmed()));
    return conn;
}

Status pgExec(PGconn *conn, const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    const ExecStatusType status = PQresultStatus(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return makeError(ErrorCode::Io, QStringLiteral("%1: %2").arg(QString::fromUtf8(sql), QString::fromUtf8(PQerrorMessage(conn)).trimmed()));
    return Done{};
}

} // namespace

std::vector<BookOp> makeBookOps(int books, size_t count, unsigned seed)
{
    using venue::BookRequest;
    using venue::OrderId;
    std::mt19937_64 rng(seed);
    std::vector<BookOp> ops;
    ops.reserve(count);
    std::vector<std::vector<OrderId>> live(books);
    std::vector<qint64> mid(books, 10'000);
    OrderId next = 1;
    for (size_t i = 0; i < count; ++i) {
        const int b = int(rng() % books);
        const unsigned roll = rng() % 100;
        if (roll < 60 || live[b].size() < 50) {
            if (rng() % 64 == 0)
                mid[b] += qint64(rng() % 3) - 1;
            const Side side = rng() % 2 ? Side::Buy : Side::Sell;
            const bool aggressive = rng() % 4 == 0;
            const qint64 offset = aggressive ? -qint64(rng() % 3) : qint64(1 + rng() % 20);
            const qint64 price = side == Side::Buy ? mid[b] - offset : mid[b] + offset;
            const qint64 qty = 1 + qint64(rng() % 10) * 100;
            ops.push_back({BookOp::Add, b, BookRequest{next, side, OrderType::Limit, TimeInForce::Day, Price(price), Quantity(qty)}});
            live[b].push_back(next++);
        } else {
            const size_t k = rng() % live[b].size();
            const OrderId id = live[b][k];
            if (roll < 90) {
                live[b][k] = live[b].back();
                live[b].pop_back();
                ops.push_back({BookOp::Cancel, b, BookRequest{id, Side::Buy, OrderType::Limit, TimeInForce::Day, Price(0), Quantity(0)}});
            } else {
                ops.push_back({BookOp::Replace, b, BookRequest{id, Side::Buy, OrderType::Limit, TimeInForce::Day,
                                                               Price(mid[b] + qint64(rng() % 21) - 10), Quantity(100)}});
            }
        }
    }
    return ops;
}

namespace {
const TimestampUs Friday = 1795185000000000; // 2026-11-20 14:30 UTC
}

MarketableOrderFlow::MarketableOrderFlow(EventStore &store)
    : m_reference(test::market()), m_venue(m_reference, 1, Friday), m_oms(store, m_reference, m_venue),
      m_trader{QStringLiteral("bench"), QStringLiteral("trader")},
      m_symbols{QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("JPM"), QStringLiteral("KO"), QStringLiteral("XOM")}
{
    (void)m_oms.start(m_trader);
    (void)m_oms.openAccount(QStringLiteral("DESK-02"), 100'000'000'000'00, m_trader);
    (void)m_oms.setRules(ComplianceEngine::defaultRules(), m_trader);
}

CommandOutcome MarketableOrderFlow::submitNext()
{
    const QString symbol = m_symbols.at(int(m_n % m_symbols.size()));
    const bool sell = (m_n / m_symbols.size()) % 2 == 1;
    const Instrument *i = m_reference.instrument(symbol);
    const Quote q = m_venue.topOfBook(i->id);
    NewOrderCommand c;
    c.clientOrderId = QStringLiteral("B%1").arg(m_n++);
    c.account = QStringLiteral("DESK-02");
    c.instrument = symbol;
    c.side = sell ? QStringLiteral("sell") : QStringLiteral("buy");
    c.quantity = 100;
    c.limitPrice = i->formatPrice(sell ? *q.bid : *q.ask);
    c.actor = m_trader;
    return m_oms.submit(c);
}

EventBytes bytesOf(const EventRow &r)
{
    auto v = [](const QByteArray &b) { return std::string_view(b.constData(), size_t(b.size())); };
    return EventBytes{r.seq, v(r.streamId), r.streamVersion, v(r.type), r.schemaVersion, r.recordedUs, v(r.actorUser),
                      v(r.actorRole), v(r.correlationId), v(r.causationId), v(r.payload), v(r.prevHash), v(r.hash)};
}

RowBytes::RowBytes(const std::vector<EventRow> &rows)
{
    size_t total = 0;
    for (const EventRow &r : rows)
        total += size_t(r.bytes());
    m_bytes.reserve(total); // no reallocation: the views below point into it
    m_views.reserve(rows.size());
    for (const EventRow &r : rows) {
        auto put = [this](const QByteArray &column) {
            if (column.isEmpty())
                return std::string_view();
            const size_t at = m_bytes.size();
            m_bytes.append(column.constData(), size_t(column.size()));
            return std::string_view(m_bytes.data() + at, size_t(column.size()));
        };
        EventBytes e{r.seq, {}, r.streamVersion, {}, r.schemaVersion, r.recordedUs, {}, {}, {}, {}, {}, {}, {}};
        e.streamId = put(r.streamId);
        e.type = put(r.type);
        e.actorUser = put(r.actorUser);
        e.actorRole = put(r.actorRole);
        e.correlationId = put(r.correlationId);
        e.causationId = put(r.causationId);
        e.payload = put(r.payload);
        e.prevHash = put(r.prevHash);
        e.hash = put(r.hash);
        m_views.push_back(e);
    }
}

qint64 EventRow::bytes() const
{
    return 6 * 8 + streamId.size() + type.size() + actorUser.size() + actorRole.size() + correlationId.size()
           + causationId.size() + payload.size() + prevHash.size() + hash.size();
}

Result<std::vector<EventRow>> readSqliteRows(const QString &path)
{
    auto db = openSqlite(path, SQLITE_OPEN_READONLY);
    if (!db)
        return db.error();
    auto q = prepare(db->get(), "SELECT seq, stream_id, stream_version, type, schema_version, recorded_us, actor_user, actor_role, "
                                "correlation_id, causation_id, payload, prev_hash, hash FROM events ORDER BY seq");
    if (!q)
        return q.error();
    std::vector<EventRow> rows;
    sqlite3_stmt *s = q->get();
    while (sqlite3_step(s) == SQLITE_ROW) {
        EventRow e;
        e.seq = sqlite3_column_int64(s, 0);
        e.streamId = columnBytes(s, 1);
        e.streamVersion = sqlite3_column_int64(s, 2);
        e.type = columnBytes(s, 3);
        e.schemaVersion = sqlite3_column_int64(s, 4);
        e.recordedUs = sqlite3_column_int64(s, 5);
        e.actorUser = columnBytes(s, 6);
        e.actorRole = columnBytes(s, 7);
        e.correlationId = columnBytes(s, 8);
        e.causationId = columnBytes(s, 9);
        e.payload = columnBytes(s, 10);
        e.prevHash = columnBytes(s, 11);
        e.hash = columnBytes(s, 12);
        rows.push_back(std::move(e));
    }
    return rows;
}

std::vector<int> transactionSizes(const std::vector<EventRow> &rows)
{
    std::vector<int> sizes;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i == 0 || rows[i].recordedUs != rows[i - 1].recordedUs)
            sizes.push_back(0);
        ++sizes.back();
    }
    return sizes;
}

Result<std::unique_ptr<RawEventTable>> RawEventTable::create(const QString &path)
{
    std::unique_ptr<RawEventTable> table(new RawEventTable);
    if (sqlite3_open(path.toUtf8().constData(), &table->m_db) != SQLITE_OK)
        return makeError(ErrorCode::Io, QStringLiteral("cannot open %1").arg(path));
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", EventsTable})
        if (Status s = exec(table->m_db, sql); !s)
            return s.error();
    if (sqlite3_prepare_v2(table->m_db, "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &table->m_insert, nullptr) != SQLITE_OK)
        return makeError(ErrorCode::Io, QString::fromUtf8(sqlite3_errmsg(table->m_db)));
    return table;
}

RawEventTable::~RawEventTable()
{
    sqlite3_finalize(m_insert);
    sqlite3_close(m_db);
}

Status RawEventTable::write(const EventRow *rows, size_t count)
{
    if (Status s = exec(m_db, "BEGIN IMMEDIATE"); !s)
        return s;
    if (Status s = insertRows(m_db, m_insert, rows, count); !s)
        return s;
    return exec(m_db, "COMMIT");
}

namespace {

// A row as SQLite holds it: each column's value, copied out of the store (sqlite3_value_dup).
struct StoredRow
{
    std::vector<sqlite3_value *> values;
    StoredRow() = default;
    StoredRow(StoredRow &&other) noexcept : values(std::exchange(other.values, {})) {}
    StoredRow(const StoredRow &) = delete;
    StoredRow &operator=(const StoredRow &) = delete;
    ~StoredRow()
    {
        for (sqlite3_value *v : values)
            sqlite3_value_free(v);
    }
};

Result<std::vector<StoredRow>> storedRows(sqlite3 *db, const char *sql, Sequence after)
{
    auto q = prepare(db, sql);
    if (!q)
        return q.error();
    sqlite3_bind_int64(q->get(), 1, after);
    std::vector<StoredRow> rows;
    while (sqlite3_step(q->get()) == SQLITE_ROW) {
        StoredRow row;
        for (int c = 0; c < sqlite3_column_count(q->get()); ++c)
            row.values.push_back(sqlite3_value_dup(sqlite3_column_value(q->get(), c)));
        rows.push_back(std::move(row));
    }
    return rows;
}

Status insertStored(sqlite3 *db, sqlite3_stmt *insert, const StoredRow &row)
{
    for (size_t c = 0; c < row.values.size(); ++c)
        sqlite3_bind_value(insert, int(c + 1), row.values[c]);
    const bool done = sqlite3_step(insert) == SQLITE_DONE;
    sqlite3_reset(insert);
    return done ? Status(Done{}) : Status(makeError(ErrorCode::Io, QString::fromUtf8(sqlite3_errmsg(db))));
}

} // namespace

Result<double> rawSqliteInsertAsStored(const QString &storePath, const QString &path, Sequence after, const std::vector<int> &batches)
{
    auto store = openSqlite(storePath, SQLITE_OPEN_READONLY);
    if (!store)
        return store.error();
    // The tables and indexes the rows go to, as the store declares them (no triggers: they do not
    // fire on INSERT).
    QByteArrayList schema;
    {
        auto q = prepare(store->get(), "SELECT sql FROM sqlite_master WHERE tbl_name IN ('events', 'idempotency')"
                                       " AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC");
        if (!q)
            return q.error();
        while (sqlite3_step(q->get()) == SQLITE_ROW)
            schema << columnBytes(q->get(), 0);
    }
    auto events = storedRows(store->get(), "SELECT * FROM events WHERE seq > ?1 ORDER BY seq", after);
    auto keys = storedRows(store->get(), "SELECT * FROM idempotency WHERE first_seq > ?1 ORDER BY first_seq", after);
    if (!events || !keys)
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1").arg(storePath));
    if (events->empty() || (*events)[0].values.empty())
        return makeError(ErrorCode::Io, QStringLiteral("%1 holds no events after %2").arg(storePath).arg(after));

    auto db = openSqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db)
        return db.error();
    // The write-ahead log stays when this connection closes, as it stays for the store's writer,
    // which keeps its connection: a new log grows, and each commit into a growing file also
    // writes the file's size.
    int persist = 1;
    sqlite3_file_control(db->get(), "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"})
        if (Status s = exec(db->get(), sql); !s)
            return s.error();
    bool made = false; // by an earlier round into the same file
    {
        auto q = prepare(db->get(), "SELECT 1 FROM sqlite_master WHERE name = 'events'");
        if (!q)
            return q.error();
        made = sqlite3_step(q->get()) == SQLITE_ROW;
    }
    for (const QByteArray &sql : std::as_const(schema))
        if (Status s = made ? Status(Done{}) : exec(db->get(), sql.constData()); !s)
            return s.error();
    auto insertFor = [&](const char *table, size_t columns) {
        QByteArray sql = QByteArray("INSERT INTO ") + table + " VALUES (?";
        for (size_t c = 1; c < columns; ++c)
            sql += ",?";
        sql += ')';
        return prepare(db->get(), sql.constData());
    };
    auto insertEvent = insertFor("events", (*events)[0].values.size());
    auto insertKey = insertFor("idempotency", keys->empty() ? 5 : (*keys)[0].values.size());
    if (!insertEvent || !insertKey)
        return makeError(ErrorCode::Io, QString::fromUtf8(sqlite3_errmsg(db->get())));

    QElapsedTimer timer;
    timer.start();
    size_t at = 0, key = 0, batch = 0;
    while (at < events->size()) {
        const size_t n = std::min(events->size() - at, size_t(std::max(1, batches.empty() ? 1 : batches[batch++ % batches.size()])));
        const Sequence last = sqlite3_value_int64((*events)[at + n - 1].values[0]);
        if (Status s = exec(db->get(), "BEGIN IMMEDIATE"); !s)
            return s.error();
        for (size_t i = at; i < at + n; ++i)
            if (Status s = insertStored(db->get(), insertEvent->get(), (*events)[i]); !s)
                return s.error();
        // The idempotency key of the command whose first event this transaction wrote.
        for (; key < keys->size() && sqlite3_value_int64((*keys)[key].values[2]) <= last; ++key)
            if (Status s = insertStored(db->get(), insertKey->get(), (*keys)[key]); !s)
                return s.error();
        if (Status s = exec(db->get(), "COMMIT"); !s)
            return s.error();
        at += n;
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

Result<double> rawPostgresCopy(const QString &url, const std::vector<EventRow> &rows, const std::vector<int> &batches)
{
    auto conn = connectPostgres(url);
    if (!conn)
        return conn.error();
    PGconn *c = conn->get();
    if (Status s = pgExec(c, "DROP TABLE IF EXISTS raw_events"); !s)
        return s.error();
    const QByteArray create = QByteArray(EventsTable)
                                  .replace("CREATE TABLE events", "CREATE TABLE raw_events")
                                  .replace(" INTEGER", " BIGINT")
                                  .replace("BLOB", "BYTEA");
    if (Status s = pgExec(c, create.constData()); !s)
        return s.error();
    // Rendered before timing: the store's own work includes that, the baseline's should not.
    std::vector<QByteArray> chunks;
    size_t at = 0, batch = 0;
    while (at < rows.size()) {
        const size_t n = std::min(rows.size() - at, size_t(std::max(1, batches.empty() ? 1 : batches[batch++ % batches.size()])));
        QByteArray text;
        for (size_t i = 0; i < n; ++i)
            appendCopyRow(text, rows[at + i]);
        chunks.push_back(std::move(text));
        at += n;
    }
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &chunk : chunks) {
        if (Status s = pgExec(c, "BEGIN"); !s)
            return s.error();
        PGresult *r = PQexec(c, "COPY raw_events FROM STDIN");
        const bool copying = PQresultStatus(r) == PGRES_COPY_IN;
        PQclear(r);
        if (!copying || PQputCopyData(c, chunk.constData(), int(chunk.size())) != 1 || PQputCopyEnd(c, nullptr) != 1)
            return makeError(ErrorCode::Io, QString::fromUtf8(PQerrorMessage(c)).trimmed());
        r = PQgetResult(c);
        const bool copied = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        while ((r = PQgetResult(c)))
            PQclear(r);
        if (!copied)
            return makeError(ErrorCode::Io, QStringLiteral("COPY failed: %1").arg(QString::fromUtf8(PQerrorMessage(c)).trimmed()));
        if (Status s = pgExec(c, "COMMIT"); !s)
            return s.error();
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    (void)pgExec(c, "DROP TABLE raw_events");
    return seconds;
}

ScanResult rawSqliteScan(const QString &path)
{
    ScanResult result;
    auto db = openSqlite(path, SQLITE_OPEN_READONLY);
    if (!db)
        return result;
    auto q = prepare(db->get(), "SELECT seq, stream_id, stream_version, type, schema_version, recorded_us, actor_user, actor_role, "
                                "correlation_id, causation_id, payload, prev_hash, hash FROM events ORDER BY seq");
    if (!q)
        return result;
    sqlite3_stmt *s = q->get();
    QElapsedTimer timer;
    timer.start();
    while (sqlite3_step(s) == SQLITE_ROW) {
        ++result.rows;
        for (int c = 0; c < 13; ++c) {
            // Touch the bytes, as any reader must.
            const int n = sqlite3_column_bytes(s, c);
            const auto *p = static_cast<const unsigned char *>(sqlite3_column_blob(s, c));
            result.bytes += n + (n > 0 ? p[n - 1] & 0 : 0);
        }
    }
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

double opensslSha256BytesPerSecond(int size)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), {QStringLiteral("speed"), QStringLiteral("-evp"), QStringLiteral("sha256"), QStringLiteral("-seconds"),
                                        QStringLiteral("1"), QStringLiteral("-bytes"), QString::number(size)});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return 0;
    // The last line: "sha256   123456.78k" (thousands of bytes per second).
    static const QRegularExpression re(QStringLiteral(R"(sha256\s+([\d.]+)k)"));
    double kbs = 0;
    for (QRegularExpressionMatchIterator it = re.globalMatch(QString::fromUtf8(p.readAllStandardOutput())); it.hasNext();)
        kbs = it.next().captured(1).toDouble();
    return kbs * 1000.0;
}

Result<qint64> replicateStore(const QString &templatePath, const QString &outPath, qint64 events)
{
    auto rows = readSqliteRows(templatePath);
    if (!rows)
        return rows.error();
    if (rows->empty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 holds no events").arg(templatePath));
    // The template's accounts, and the prefix of its order ids ("D3-" in "D3-000042").
    QList<QByteArray> accounts;
    QByteArray orderPrefix;
    for (const EventRow &e : *rows) {
        if (e.streamId.startsWith("account-") && !accounts.contains(e.streamId.mid(8)))
            accounts.append(e.streamId.mid(8));
        if (orderPrefix.isEmpty() && e.type == "OrderAccepted") {
            const int at = int(e.payload.indexOf("\"order_id\":\"")) + 12;
            orderPrefix = e.payload.mid(at, e.payload.indexOf('-', at) - at + 1);
        }
    }
    if (orderPrefix.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 holds no orders").arg(templatePath));

    auto db = openSqlite(outPath, SQLITE_OPEN_READWRITE);
    if (!db)
        return db.error();
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144"})
        if (Status s = exec(db->get(), sql); !s)
            return s.error();
    auto insert = prepare(db->get(), "INSERT INTO events (seq, stream_id, stream_version, type, schema_version, recorded_us, "
                                     "actor_user, actor_role, correlation_id, causation_id, payload, prev_hash, hash) "
                                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert)
        return insert.error();

    const qint64 span = rows->back().recordedUs - rows->front().recordedUs + 1000;
    eventhash::ChainHasher hasher;
    QByteArray prev = eventhash::genesis();
    qint64 seq = 0;
    std::vector<EventRow> batch;
    for (int copy = 0; seq < events; ++copy) {
        const QByteArray tag = '~' + QByteArray::number(copy);
        QList<QByteArray> renamed;
        for (const QByteArray &a : std::as_const(accounts))
            renamed.append(QByteArray(a + tag));
        const QByteArray renamedPrefix = QByteArray(orderPrefix.chopped(1) + tag + '-');
        auto rename = [&](QByteArray value) {
            if (copy == 0)
                return value;
            for (qsizetype i = 0; i < accounts.size(); ++i)
                value.replace(accounts.at(i), renamed.at(i));
            return value.replace(orderPrefix, renamedPrefix);
        };
        for (const EventRow &t : *rows) {
            if (seq >= events)
                break;
            // Only account streams (orders, fills, settlement) are copied: one rule book for all.
            if (copy > 0 && !t.streamId.startsWith("account-"))
                continue;
            EventRow e = t;
            e.seq = ++seq;
            e.streamId = rename(t.streamId);
            e.recordedUs = t.recordedUs + copy * span;
            e.correlationId = rename(t.correlationId);
            e.causationId = rename(t.causationId);
            e.payload = rename(t.payload);
            e.prevHash = prev;
            unsigned char digest[eventhash::HashSize];
            hasher.hash(bytesOf(e), digest);
            e.hash = QByteArray(reinterpret_cast<const char *>(digest), eventhash::HashSize);
            prev = e.hash;
            batch.push_back(std::move(e));
            if (batch.size() == 100000) {
                if (Status s = exec(db->get(), "BEGIN"); !s)
                    return s.error();
                if (Status s = insertRows(db->get(), insert->get(), batch.data(), batch.size()); !s)
                    return s.error();
                if (Status s = exec(db->get(), "COMMIT"); !s)
                    return s.error();
                batch.clear();
            }
        }
    }
    for (Status s : {exec(db->get(), "BEGIN"), insertRows(db->get(), insert->get(), batch.data(), batch.size()),
                     exec(db->get(), "COMMIT"), exec(db->get(), "PRAGMA wal_checkpoint(TRUNCATE)")})
        if (!s)
            return s.error();
    return seq;
}

PostgresServer::PostgresServer(bool fsync)
{
    QTemporaryFile state(QDir::tempPath() + QStringLiteral("/instant-bench-pg-XXXXXX"));
    state.setAutoRemove(false);
    if (!state.open()) {
        m_error = QStringLiteral("cannot create a state file");
        return;
    }
    m_state = state.fileName();
    state.close();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("INSTANT_PG_FSYNC"), fsync ? QStringLiteral("on") : QStringLiteral("off"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(INSTANT_SOURCE_DIR "/tests/support/pg-fixture.sh"), {QStringLiteral("start"), m_state});
    if (!p.waitForFinished(180000) || p.exitCode() != 0) {
        m_error = QString::fromUtf8(p.readAllStandardError()).trimmed();
        return;
    }
    QFile f(m_state);
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("INSTANT_TEST_PG_URL="))
                m_url = QString::fromUtf8(line.mid(20));
    if (m_url.isEmpty())
        m_error = QStringLiteral("the PostgreSQL fixture wrote no URL");
}

PostgresServer::~PostgresServer()
{
    if (m_state.isEmpty())
        return;
    QProcess::execute(QStringLiteral(INSTANT_SOURCE_DIR "/tests/support/pg-fixture.sh"), {QStringLiteral("stop"), m_state});
    QFile::remove(m_state);
}

Result<QString> PostgresServer::createDatabase(const QString &name) const
{
    auto conn = connectPostgres(m_url + QStringLiteral("/postgres"));
    if (!conn)
        return conn.error();
    if (Status s = pgExec(conn->get(), QStringLiteral("CREATE DATABASE %1").arg(name).toUtf8().constData()); !s)
        return s.error();
    return QString(m_url + u'/' + name);
}

namespace {
double statusMiB(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key(field);
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}
} // namespace

double peakRssMiB()
{
    return statusMiB("VmHWM:");
}

double currentRssMiB()
{
    return statusMiB("VmRSS:");
}

Result<double> appendRate(const QString &path, bool signing, qint64 events, int inFlight)
{
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    auto store = openEventStore(QStringLiteral("sqlite://") + path);
    if (!store)
        return store.error();
    const Actor trader{QStringLiteral("alice"), QStringLiteral("trader")};
    if (signing) {
        auto key = SigningKey::generate();
        if (!key)
            return key.error();
        auto status = signWritesWith(**store, std::make_shared<const SigningKey>(std::move(*key)), trader);
        if (!status)
            return status.error();
        if (!status->signing)
            return makeError(ErrorCode::Io, status->note);
    } else {
        // The same two desk-keys events, unsigned, so that both stores hold the same rows.
        AppendRequest r;
        r.streamId = QStringLiteral("desk-keys-unsigned");
        r.events = {NewEvent::make(QStringLiteral("Setup"), QJsonObject{}, trader), NewEvent::make(QStringLiteral("Setup"), QJsonObject{}, trader)};
        if (auto done = (*store)->append(std::move(r)); !done)
            return done.error();
        if (auto keys = readDeskKeys(**store); !keys) // the same read as signWritesWith's
            return keys.error();
    }
    // An order's acceptance as the OMS writes it: about 300 bytes of payload.
    const QJsonObject payload{{QStringLiteral("account"), QStringLiteral("A1")},      {QStringLiteral("client_order_id"), QStringLiteral("W1-000001")},
                              {QStringLiteral("instrument"), QStringLiteral("AAPL")}, {QStringLiteral("side"), QStringLiteral("buy")},
                              {QStringLiteral("quantity"), 100},                      {QStringLiteral("limit_price"), QStringLiteral("228.0000")},
                              {QStringLiteral("time_in_force"), QStringLiteral("day")}, {QStringLiteral("trade_date"), QStringLiteral("2026-12-01")},
                              {QStringLiteral("settlement_date"), QStringLiteral("2026-12-02")},
                              {QStringLiteral("reserved_cents"), qint64(2280000)}};
    std::deque<QFuture<Result<AppendResult>>> waiting;
    QElapsedTimer t;
    t.start();
    for (qint64 i = 0; i < events; ++i) {
        AppendRequest r;
        r.streamId = QStringLiteral("account-A%1").arg(i % 16);
        r.events = {NewEvent::make(QStringLiteral("OrderAccepted"), payload, trader, QStringLiteral("W1-%1").arg(i))};
        waiting.push_back((*store)->appendAsync(std::move(r)));
        if (qsizetype(waiting.size()) >= inFlight) {
            if (auto done = waiting.front().result(); !done)
                return done.error();
            waiting.pop_front();
        }
    }
    for (auto &f : waiting)
        if (auto done = f.result(); !done)
            return done.error();
    return double(events) / (double(t.nsecsElapsed()) / 1e9);
}

} // namespace instant::bench
