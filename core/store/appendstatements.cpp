#include "store/appendstatements.h"

#include "store/sqldialect.h"
#include "store/sqlitereader.h"

#include <QSqlQuery>
#include <QVariant>

namespace instant::detail {

namespace appendsql {

QString head()
{
    return QStringLiteral("SELECT seq, hash, recorded_us FROM events ORDER BY seq DESC LIMIT 1");
}

QString streamVersion()
{
    return QStringLiteral("SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1");
}

QString findKey()
{
    return QStringLiteral("SELECT request_hash, first_seq, last_seq, stream_version FROM idempotency WHERE key = ?");
}

QString insertEvent()
{
    return QStringLiteral("INSERT INTO events (%1, batch_first_seq, batch_key_id, batch_signature, batch_clock)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .arg(QLatin1String(EventColumnList));
}

QString insertKey()
{
    return QStringLiteral("INSERT INTO idempotency (key, request_hash, first_seq, last_seq, stream_version) VALUES (?, ?, ?, ?, ?)");
}

} // namespace appendsql

namespace {

// Qt Sql binds a null QString as SQL NULL; an empty field is stored as an empty text instead.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

class QtAppendStatements final : public AppendStatements
{
public:
    QtAppendStatements(const QSqlDatabase &db, const SqlDialect &dialect)
        : m_db(db), m_begin(dialect.beginWriteStatements()), m_head(db), m_version(db), m_findKey(db), m_insert(db),
          m_insertKey(db), m_notify(db)
    {
    }

    Status prepare(const SqlDialect &dialect)
    {
        const bool ok = m_head.prepare(appendsql::head()) && m_version.prepare(appendsql::streamVersion())
                        && m_findKey.prepare(appendsql::findKey()) && m_insert.prepare(appendsql::insertEvent())
                        && m_insertKey.prepare(appendsql::insertKey())
                        && (dialect.notifyStatement().isEmpty() || m_notify.prepare(dialect.notifyStatement()));
        if (!ok)
            return makeError(ErrorCode::Io, QStringLiteral("cannot prepare the store's statements: %1").arg(m_db.lastError().text()));
        m_notifies = !dialect.notifyStatement().isEmpty();
        return Done{};
    }

    Status begin() override
    {
        QSqlQuery q(m_db);
        for (const QString &sql : std::as_const(m_begin))
            if (!q.exec(sql))
                return sqlError(ErrorCode::Io, QStringLiteral("cannot start a write"), q.lastError());
        return Done{};
    }

    Status readHead(ChainHead &head) override
    {
        if (!m_head.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read the chain head"), m_head.lastError());
        if (m_head.next()) {
            head.sequence = m_head.value(0).toLongLong();
            head.hash = m_head.value(1).toByteArray();
            head.recordedUs = m_head.value(2).toLongLong();
        }
        m_head.finish();
        return Done{};
    }

    Result<StreamVersion> streamVersion(const QString &streamId) override
    {
        m_version.addBindValue(streamId);
        if (!m_version.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot read the version of %1").arg(streamId), m_version.lastError());
        StreamVersion current = 0;
        if (m_version.next())
            current = m_version.value(0).toLongLong();
        m_version.finish();
        return current;
    }

    Result<std::optional<RecordedKey>> findKey(const QString &key) override
    {
        m_findKey.addBindValue(key);
        if (!m_findKey.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot look up an idempotency key"), m_findKey.lastError());
        std::optional<RecordedKey> seen;
        if (m_findKey.next())
            seen = RecordedKey{m_findKey.value(0).toByteArray(),
                               AppendResult{m_findKey.value(1).toLongLong(), m_findKey.value(2).toLongLong(),
                                            m_findKey.value(3).toLongLong(), true, {}}};
        m_findKey.finish();
        return seen;
    }

    Status insertEvent(const RecordedEvent &e, const BatchSignature *seal, const QString &clock) override
    {
        m_insert.addBindValue(e.sequence);
        m_insert.addBindValue(text(e.streamId));
        m_insert.addBindValue(e.streamVersion);
        m_insert.addBindValue(text(e.type));
        m_insert.addBindValue(e.schemaVersion);
        m_insert.addBindValue(e.recordedUs);
        m_insert.addBindValue(text(e.actor.user));
        m_insert.addBindValue(text(e.actor.role));
        m_insert.addBindValue(text(e.correlationId));
        m_insert.addBindValue(text(e.causationId));
        m_insert.addBindValue(QString::fromUtf8(e.payload));
        m_insert.addBindValue(e.prevHash);
        m_insert.addBindValue(e.hash);
        m_insert.addBindValue(seal ? QVariant(seal->firstSequence) : QVariant(QMetaType::fromType<qint64>()));
        m_insert.addBindValue(seal ? QVariant(seal->keyId) : QVariant(QMetaType::fromType<QString>()));
        m_insert.addBindValue(seal ? QVariant(seal->signature) : QVariant(QMetaType::fromType<QByteArray>()));
        m_insert.addBindValue(clock.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(clock));
        if (!m_insert.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot append to %1").arg(e.streamId), m_insert.lastError());
        return Done{};
    }

    Status insertKey(const QString &key, const QByteArray &requestHash, const AppendResult &appended) override
    {
        m_insertKey.addBindValue(key);
        m_insertKey.addBindValue(requestHash);
        m_insertKey.addBindValue(appended.firstSequence);
        m_insertKey.addBindValue(appended.lastSequence);
        m_insertKey.addBindValue(appended.streamVersion);
        if (!m_insertKey.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot record client key %1").arg(key), m_insertKey.lastError());
        return Done{};
    }

    Status notify(Sequence head) override
    {
        if (!m_notifies)
            return Done{};
        m_notify.addBindValue(QString::number(head));
        if (!m_notify.exec())
            return sqlError(ErrorCode::Io, QStringLiteral("cannot notify subscribers"), m_notify.lastError());
        m_notify.finish();
        return Done{};
    }

    Status commit() override
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("COMMIT")))
            return sqlError(ErrorCode::Io, QStringLiteral("cannot commit"), q.lastError());
        return Done{};
    }

    void rollback() override { QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK")); }

private:
    QSqlDatabase m_db;
    QStringList m_begin;
    QSqlQuery m_head, m_version, m_findKey, m_insert, m_insertKey, m_notify;
    bool m_notifies = false;
};

} // namespace

Result<std::unique_ptr<AppendStatements>> prepareQtAppendStatements(QSqlDatabase &db, const SqlDialect &dialect)
{
    auto statements = std::make_unique<QtAppendStatements>(db, dialect);
    if (Status s = statements->prepare(dialect); !s)
        return s.error();
    return std::unique_ptr<AppendStatements>(std::move(statements));
}

Result<std::unique_ptr<AppendStatements>> prepareAppendStatements(QSqlDatabase &db, const SqlDialect &dialect)
{
    if (sqliteConnection(db))
        return prepareSqliteAppendStatements(db, dialect);
    return prepareQtAppendStatements(db, dialect);
}

} // namespace instant::detail
