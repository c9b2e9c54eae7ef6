// The writer's statements on a SQLite store through sqlite3's C API, on the connection Qt Sql
// opened (store/appendstatements.h). Every value is bound as Qt Sql binds it, so the rows are
// byte for byte those the Qt Sql statements write: a QString as text (an empty one as '', not
// NULL), a QByteArray as a blob (a null one as NULL), integers as integers; the payload, UTF-8
// already, is bound as UTF-8 text without a round trip through UTF-16.

#include "store/appendstatements.h"

#include "store/sqldialect.h"
#include "store/sqlitereader.h"

#include <sqlite3.h>

#include <vector>

namespace instant::detail {

namespace {

struct Finalize
{
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

// Resets a statement when a use of it ends, however it ends; bound values stay until rebound.
class Use
{
public:
    explicit Use(sqlite3_stmt *s) : m_s(s) {}
    ~Use() { sqlite3_reset(m_s); }
    Use(const Use &) = delete;
    Use &operator=(const Use &) = delete;

private:
    sqlite3_stmt *m_s;
};

class SqliteAppendStatements final : public AppendStatements
{
public:
    explicit SqliteAppendStatements(sqlite3 *db) : m_db(db) {}

    Status prepare(const SqlDialect &dialect)
    {
        for (const QString &sql : dialect.beginWriteStatements()) {
            m_begin.emplace_back();
            if (Status s = prepareOne(m_begin.back(), sql); !s)
                return s;
        }
        const std::pair<Statement *, QString> all[] = {
            {&m_commit, QStringLiteral("COMMIT")},
            {&m_head, appendsql::head()},
            {&m_version, appendsql::streamVersion()},
            {&m_findKey, appendsql::findKey()},
            {&m_insert, appendsql::insertEvent()},
            {&m_insertKey, appendsql::insertKey()},
        };
        for (const auto &[statement, sql] : all)
            if (Status s = prepareOne(*statement, sql); !s)
                return s;
        return Done{};
    }

    Status begin() override
    {
        for (const Statement &s : m_begin)
            if (Status started = run(s.get(), QStringLiteral("cannot start a write")); !started)
                return started;
        return Done{};
    }

    Status readHead(ChainHead &head) override
    {
        sqlite3_stmt *s = m_head.get();
        Use use(s);
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            head.sequence = sqlite3_column_int64(s, 0);
            head.hash = blob(s, 1);
            head.recordedUs = sqlite3_column_int64(s, 2);
        } else if (rc != SQLITE_DONE) {
            return failure(QStringLiteral("cannot read the chain head"));
        }
        return Done{};
    }

    Result<StreamVersion> streamVersion(const QString &streamId) override
    {
        sqlite3_stmt *s = m_version.get();
        Use use(s);
        bindText(s, 1, streamId);
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            return StreamVersion(sqlite3_column_int64(s, 0));
        if (rc != SQLITE_DONE)
            return failure(QStringLiteral("cannot read the version of %1").arg(streamId)).error();
        return StreamVersion(0);
    }

    Result<std::optional<RecordedKey>> findKey(const QString &key) override
    {
        sqlite3_stmt *s = m_findKey.get();
        Use use(s);
        bindText(s, 1, key);
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            return std::optional<RecordedKey>(RecordedKey{
                blob(s, 0), AppendResult{sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3), true, {}}});
        if (rc != SQLITE_DONE)
            return failure(QStringLiteral("cannot look up an idempotency key")).error();
        return std::optional<RecordedKey>();
    }

    Status insertEvent(const RecordedEvent &e, const BatchSignature *seal, const QString &clock) override
    {
        sqlite3_stmt *s = m_insert.get();
        Use use(s);
        sqlite3_bind_int64(s, 1, e.sequence);
        bindText(s, 2, e.streamId);
        sqlite3_bind_int64(s, 3, e.streamVersion);
        bindText(s, 4, e.type);
        sqlite3_bind_int(s, 5, e.schemaVersion);
        sqlite3_bind_int64(s, 6, e.recordedUs);
        bindText(s, 7, e.actor.user);
        bindText(s, 8, e.actor.role);
        bindText(s, 9, e.correlationId);
        bindText(s, 10, e.causationId);
        sqlite3_bind_text(s, 11, e.payload.constData(), int(e.payload.size()), SQLITE_STATIC);
        bindBlob(s, 12, e.prevHash);
        bindBlob(s, 13, e.hash);
        if (seal) {
            sqlite3_bind_int64(s, 14, seal->firstSequence);
            bindNullableText(s, 15, seal->keyId);
            bindBlob(s, 16, seal->signature);
        } else {
            for (int column : {14, 15, 16})
                sqlite3_bind_null(s, column);
        }
        bindNullableText(s, 17, clock.isEmpty() ? QString() : clock);
        if (sqlite3_step(s) != SQLITE_DONE)
            return failure(QStringLiteral("cannot append to %1").arg(e.streamId));
        return Done{};
    }

    Status insertKey(const QString &key, const QByteArray &requestHash, const AppendResult &appended) override
    {
        sqlite3_stmt *s = m_insertKey.get();
        Use use(s);
        bindNullableText(s, 1, key);
        bindBlob(s, 2, requestHash);
        sqlite3_bind_int64(s, 3, appended.firstSequence);
        sqlite3_bind_int64(s, 4, appended.lastSequence);
        sqlite3_bind_int64(s, 5, appended.streamVersion);
        if (sqlite3_step(s) != SQLITE_DONE)
            return failure(QStringLiteral("cannot record client key %1").arg(key));
        return Done{};
    }

    Status notify(Sequence) override { return Done{}; } // SQLite has no listeners: readers poll data_version

    Status commit() override { return run(m_commit.get(), QStringLiteral("cannot commit")); }

    void rollback() override
    {
        if (!sqlite3_get_autocommit(m_db))
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }

private:
    Status prepareOne(Statement &statement, const QString &sql)
    {
        const QByteArray utf8 = sql.toUtf8();
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
            return failure(QStringLiteral("cannot prepare the store's statements"));
        statement.reset(s);
        return Done{};
    }

    Status failure(const QString &what) const
    {
        return makeError(ErrorCode::Io, what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)));
    }

    Status run(sqlite3_stmt *s, const QString &what)
    {
        Use use(s);
        if (sqlite3_step(s) != SQLITE_DONE)
            return failure(what);
        return Done{};
    }

    static QByteArray blob(sqlite3_stmt *s, int column)
    {
        const void *bytes = sqlite3_column_blob(s, column);
        return QByteArray(static_cast<const char *>(bytes), sqlite3_column_bytes(s, column));
    }

    // As Qt Sql binds a QString: as UTF-16 text, a null one as NULL. Bound with its length, so
    // no terminating zero is needed: constData(), where utf16() would copy a literal's text first.
    static void bindNullableText(sqlite3_stmt *s, int column, const QString &value)
    {
        if (value.isNull())
            sqlite3_bind_null(s, column);
        else
            sqlite3_bind_text16(s, column, value.constData(), int(value.size() * sizeof(char16_t)), SQLITE_STATIC);
    }

    // A field of the event: never NULL, an empty one is ''.
    static void bindText(sqlite3_stmt *s, int column, const QString &value)
    {
        if (value.isEmpty())
            sqlite3_bind_text(s, column, "", 0, SQLITE_STATIC);
        else
            sqlite3_bind_text16(s, column, value.constData(), int(value.size() * sizeof(char16_t)), SQLITE_STATIC);
    }

    // As Qt Sql binds a QByteArray: a blob, a null one as NULL.
    static void bindBlob(sqlite3_stmt *s, int column, const QByteArray &value)
    {
        if (value.isNull())
            sqlite3_bind_null(s, column);
        else
            sqlite3_bind_blob(s, column, value.constData(), int(value.size()), SQLITE_STATIC);
    }

    sqlite3 *m_db;
    std::vector<Statement> m_begin; // the dialect's (BEGIN IMMEDIATE: the head read cannot move under us)
    Statement m_commit, m_head, m_version, m_findKey, m_insert, m_insertKey;
};

} // namespace

Result<std::unique_ptr<AppendStatements>> prepareSqliteAppendStatements(QSqlDatabase &db, const SqlDialect &dialect)
{
    sqlite3 *connection = sqliteConnection(db);
    if (!connection)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not an open SQLite connection"));
    auto statements = std::make_unique<SqliteAppendStatements>(connection);
    if (Status s = statements->prepare(dialect); !s)
        return s.error();
    return std::unique_ptr<AppendStatements>(std::move(statements));
}

} // namespace instant::detail
