#pragma once

// What an attacker with SQL access to a store can do: drop the append-only triggers and rewrite
// history with every hash recomputed by Instant's own hashing code, so that the chain alone still
// verifies. Only a signed checkpoint kept elsewhere tells the difference.

#include "events/eventhash.h"
#include "teststores.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace instant::test {

// Runs one statement; the error text, or empty.
inline QString execAsAttacker(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    if (values.isEmpty()) { // DDL cannot be a prepared statement on PostgreSQL
        if (!q.exec(sql))
            return sql + QStringLiteral(": ") + q.lastError().text();
        return {};
    }
    if (!q.prepare(sql))
        return sql + QStringLiteral(": ") + q.lastError().text();
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sql + QStringLiteral(": ") + q.lastError().text();
    return {};
}

// A raw connection to the store's database with the append-only triggers dropped.
inline QSqlDatabase dropAppendOnlyTriggers(TestStores &stores, const QString &url, QString *error)
{
    QSqlDatabase db = stores.raw(url);
    const QStringList statements = stores.isPostgres()
                                       ? QStringList{QStringLiteral("DROP TRIGGER IF EXISTS events_append_only ON events")}
                                       : QStringList{QStringLiteral("DROP TRIGGER IF EXISTS events_no_update"),
                                                     QStringLiteral("DROP TRIGGER IF EXISTS events_no_delete")};
    for (const QString &sql : statements)
        if (QString e = execAsAttacker(db, sql); !e.isEmpty() && error->isEmpty())
            *error = e;
    return db;
}

// Replaces the payload at sequence `at` and recomputes the hash of every event from there on.
// Returns the error text, or empty.
inline QString rewriteHistory(TestStores &stores, const QString &url, Sequence at,
                              const QByteArray &payload = QByteArrayLiteral("{\"qty\":999999}"))
{
    QString error;
    QSqlDatabase db = dropAppendOnlyTriggers(stores, url, &error);
    if (!error.isEmpty())
        return error;
    if (QString e = execAsAttacker(db, QStringLiteral("UPDATE events SET payload = ? WHERE seq = ?"),
                                   {QString::fromUtf8(payload), at});
        !e.isEmpty())
        return e;
    auto store = openEventStore(url);
    if (!store)
        return store.message();
    auto events = (*store)->read(ReadQuery{});
    if (!events)
        return events.message();
    QByteArray prev = eventhash::genesis();
    for (const RecordedEvent &e : std::as_const(*events)) {
        if (e.sequence < at) {
            prev = e.hash;
            continue;
        }
        const QByteArray hash = eventhash::chainHash(prev, e);
        if (QString failed = execAsAttacker(db, QStringLiteral("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?"),
                                            {prev, hash, e.sequence});
            !failed.isEmpty())
            return failed;
        prev = hash;
    }
    return {};
}

} // namespace instant::test
