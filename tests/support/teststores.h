#pragma once

// Fresh, real stores for tests: a SQLite file in a temporary folder, or a new database on the
// throwaway PostgreSQL server the test command started (pg-fixture.sh).

#include "store/eventstore.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace instant::test {

enum class Backend { Sqlite, PostgreSql };

// The backend a test executable runs against: INSTANT_TEST_BACKEND=sqlite|postgresql.
inline Backend backendUnderTest()
{
    return qEnvironmentVariable("INSTANT_TEST_BACKEND") == u"postgresql" ? Backend::PostgreSql : Backend::Sqlite;
}

// postgresql://instant@127.0.0.1:PORT from the fixture's state file (or the environment).
inline QString postgresServerUrl()
{
    QString url = qEnvironmentVariable("INSTANT_TEST_PG_URL");
    if (!url.isEmpty())
        return url;
    QFile state(qEnvironmentVariable("INSTANT_TEST_PG_STATE"));
    if (state.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : state.readAll().split('\n')) {
            if (line.startsWith("INSTANT_TEST_PG_URL="))
                return QString::fromUtf8(line.mid(int(sizeof("INSTANT_TEST_PG_URL=")) - 1));
        }
    }
    return {};
}

class TestStores
{
public:
    explicit TestStores(Backend backend = backendUnderTest()) : m_backend(backend) {}
    ~TestStores()
    {
        for (const QString &name : std::as_const(m_connections))
            QSqlDatabase::removeDatabase(name);
    }

    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::PostgreSql; }

    // A URL naming a store nobody has used yet.
    QString freshUrl()
    {
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(16);
        if (m_backend == Backend::Sqlite)
            return QStringLiteral("sqlite://") + m_dir.path() + QStringLiteral("/t_") + id + QStringLiteral(".db");
        const QString server = postgresServerUrl();
        if (server.isEmpty())
            qFatal("PostgreSQL tests need the server the test command starts (INSTANT_TEST_PG_URL or "
                   "INSTANT_TEST_PG_STATE); run them through ctest");
        const QString database = QStringLiteral("t_") + id;
        QSqlDatabase admin = raw(server + QStringLiteral("/postgres"));
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("CREATE DATABASE ") + database))
            qFatal("cannot create a test database: %s", qPrintable(q.lastError().text()));
        return server + u'/' + database;
    }

    std::unique_ptr<EventStore> open(const QString &url, OpenOptions options = {})
    {
        auto store = openEventStore(url, options);
        if (!store)
            qFatal("cannot open %s: %s", qPrintable(url), qPrintable(store.message()));
        return std::move(store).value();
    }

    // A plain Qt Sql connection to the store's database, as an attacker or a SQL shell has.
    QSqlDatabase raw(const QString &url)
    {
        const QString name = QStringLiteral("raw-%1").arg(m_connections.size());
        QSqlDatabase db;
        if (url.startsWith(QStringLiteral("sqlite:"))) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(url.mid(int(sizeof("sqlite://")) - 1));
        } else {
            const auto loc = StoreLocation::parse(url);
            if (!loc)
                qFatal("bad test URL %s", qPrintable(url));
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(loc->host);
            db.setPort(loc->port);
            db.setUserName(loc->user);
            db.setDatabaseName(loc->database);
        }
        if (!db.open())
            qFatal("cannot open a raw connection to %s: %s", qPrintable(url), qPrintable(db.lastError().text()));
        m_connections.append(name);
        return db;
    }

    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    // For a post-mortem of a failed test: a SQLite store is copied (with its WAL) to the system's
    // temporary folder, which outlives the test; a PostgreSQL database is left in place. Returns
    // where to look.
    QString keep(const QString &url, const QString &label) const
    {
        if (m_backend != Backend::Sqlite)
            return url;
        const QString from = url.mid(int(sizeof("sqlite://")) - 1);
        const QString to = QDir::temp().filePath(QStringLiteral("instant-%1-%2.db").arg(label).arg(QCoreApplication::applicationPid()));
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile::remove(to + suffix);
            QFile::copy(from + suffix, to + suffix);
        }
        return QStringLiteral("sqlite://") + to;
    }

private:
    Backend m_backend;
    QTemporaryDir m_dir;
    QStringList m_connections;
};

inline NewEvent newEvent(const QString &type, QJsonObject payload = {},
                      Actor actor = {QStringLiteral("alice"), QStringLiteral("trader")})
{
    NewEvent e;
    e.type = type;
    e.payload = std::move(payload);
    e.actor = std::move(actor);
    e.correlationId = QStringLiteral("corr-1");
    return e;
}

// Every event of one type in the store, in the order recorded.
inline QList<RecordedEvent> recordedOfType(const EventStore &store, const QString &type)
{
    QList<RecordedEvent> out;
    const auto all = store.read(ReadQuery{});
    if (all)
        for (const RecordedEvent &e : *all)
            if (e.type == type)
                out << e;
    return out;
}

inline AppendRequest request(const QString &stream, StreamVersion expected, QList<NewEvent> events,
                             const QString &key = {})
{
    AppendRequest r;
    r.streamId = stream;
    r.expectedVersion = expected;
    r.events = std::move(events);
    r.idempotencyKey = key;
    return r;
}

} // namespace instant::test
