// The writer's statements on a SQLite store: through sqlite3's C API they write the rows, value
// for value and type for type, that the Qt Sql statements write (the hashes and signatures of
// a store do not depend on which wrote it), and they read back, fail and roll back the same.

#include "events/eventhash.h"
#include "store/appendstatements.h"
#include "store/eventstore.h"
#include "store/sqldialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <typeinfo>

using namespace instant;
using namespace instant::detail;

namespace {

RecordedEvent storedEvent(Sequence seq, const QByteArray &prevHash, const QByteArray &payload)
{
    RecordedEvent e;
    e.sequence = seq;
    e.streamId = QStringLiteral("order-%1").arg(seq % 2);
    e.streamVersion = (seq + 1) / 2;
    e.type = QStringLiteral("OrderAccepted");
    e.schemaVersion = 2;
    e.recordedUs = 1'767'225'600'000'000 + seq;
    e.actor = Actor{QStringLiteral("ana"), seq == 1 ? QString() : QStringLiteral("trader")}; // a null role is stored as ''
    e.correlationId = QString();                    // null
    e.causationId = seq == 1 ? QStringLiteral("") : QStringLiteral("cmd-%1").arg(seq); // empty, not null
    e.payload = payload;
    e.prevHash = prevHash;
    e.hash = eventhash::ChainHasher().hash(prevHash, e);
    return e;
}

// Every column of every row of `table`, as SQLite holds it: its type and its value.
QStringList rowsOf(QSqlDatabase &db, const QString &table, const QString &order)
{
    QSqlQuery columns(db);
    columns.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
    QStringList select;
    while (columns.next()) {
        const QString c = columns.value(0).toString();
        select << QStringLiteral("typeof(%1) || ':' || quote(%1)").arg(c);
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3").arg(select.join(QStringLiteral(", ")), table, order)))
        qFatal("%s", qPrintable(q.lastError().text()));
    QStringList rows;
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < select.size(); ++i)
            values << q.value(i).toString();
        rows << values.join(QStringLiteral(" | "));
    }
    return rows;
}

QString clientKey()
{
    return QString::fromUtf8("client-\xe2\x9c\x93");
}

} // namespace

class TestAppendStatements : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqlDialect> m_dialect = makeSqliteDialect();
    int m_files = 0;

    // A new, empty store file, opened on a plain Qt Sql connection as the writer opens it.
    QSqlDatabase freshStore()
    {
        const QString path = m_dir.filePath(QStringLiteral("store-%1.db").arg(++m_files));
        {
            auto store = openEventStore(QStringLiteral("sqlite://") + path);
            if (!store)
                qFatal("%s", qPrintable(store.message()));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("c%1").arg(m_files));
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("%s", qPrintable(db.lastError().text()));
        return db;
    }

    // One transaction as the writer writes it: two events, the last sealed, and a client key.
    static void writeBatch(AppendStatements &sql)
    {
        QVERIFY(sql.begin().ok());
        const RecordedEvent first = storedEvent(1, eventhash::genesis(), QByteArrayLiteral("{\"note\":\"caf\xc3\xa9 \xf0\x9d\x84\x9e\",\"qty\":100}"));
        const RecordedEvent second = storedEvent(2, first.hash, QByteArrayLiteral("{}"));
        QVERIFY(sql.insertEvent(first, nullptr, {}).ok());
        const BatchSignature seal{1, 2, QStringLiteral("SHA256:0a1b"), QByteArray(64, '\x07'), QStringLiteral("ntp ok")};
        QVERIFY(sql.insertEvent(second, &seal, seal.clock).ok());
        QVERIFY(sql.insertKey(clientKey(), QByteArray(32, '\x01'), AppendResult{1, 2, 1, false, {}}).ok());
        QVERIFY(sql.notify(2).ok());
        QVERIFY(sql.commit().ok());
        // A third without a seal and with no clock: the NULL columns.
        QVERIFY(sql.begin().ok());
        QVERIFY(sql.insertEvent(storedEvent(3, second.hash, QByteArrayLiteral("{\"a\":[1,2]}")), nullptr, {}).ok());
        QVERIFY(sql.commit().ok());
    }

private Q_SLOTS:
    void theSqliteStatementsAreChosenForASqliteConnection()
    {
        QSqlDatabase db = freshStore();
        auto chosen = prepareAppendStatements(db, *m_dialect);
        QVERIFY2(chosen.ok(), qPrintable(chosen.message()));
        // They cannot be told apart by what they write (below), only by their type.
        QVERIFY(QByteArray(typeid(**chosen).name()).contains("Sqlite"));
    }

    void bothWriteTheSameRows()
    {
        QSqlDatabase viaQt = freshStore(), viaSqlite = freshStore();
        {
            auto qt = prepareQtAppendStatements(viaQt, *m_dialect);
            auto native = prepareSqliteAppendStatements(viaSqlite, *m_dialect);
            QVERIFY2(qt.ok() && native.ok(), "prepared");
            writeBatch(**qt);
            writeBatch(**native);
        }
        const QStringList events = rowsOf(viaQt, QStringLiteral("events"), QStringLiteral("seq"));
        QCOMPARE(events.size(), 3);
        QCOMPARE(rowsOf(viaSqlite, QStringLiteral("events"), QStringLiteral("seq")), events);
        QCOMPARE(rowsOf(viaSqlite, QStringLiteral("idempotency"), QStringLiteral("key")),
                 rowsOf(viaQt, QStringLiteral("idempotency"), QStringLiteral("key")));
        // What the comparison relies on: texts as texts, empty fields as '', hashes as blobs,
        // the unsealed rows' signature columns NULL, and the payload's bytes as written.
        QVERIFY2(events.at(0).contains(QStringLiteral("text:'order-1'")), qPrintable(events.at(0)));
        QVERIFY2(events.at(0).contains(QStringLiteral("text:''")), qPrintable(events.at(0)));
        QVERIFY2(events.at(0).contains(QStringLiteral("blob:X'")), qPrintable(events.at(0)));
        QVERIFY2(events.at(0).contains(QStringLiteral("null:NULL")), qPrintable(events.at(0)));
        QVERIFY2(events.at(0).contains(QString::fromUtf8("caf\xc3\xa9 \xf0\x9d\x84\x9e")), qPrintable(events.at(0)));
        QVERIFY2(events.at(1).contains(QStringLiteral("text:'ntp ok'")), qPrintable(events.at(1)));
        QVERIFY2(!events.at(2).contains(QStringLiteral("ntp ok")), qPrintable(events.at(2)));
    }

    void bothReadBackTheSame()
    {
        QSqlDatabase viaQt = freshStore(), viaSqlite = freshStore();
        auto qt = prepareQtAppendStatements(viaQt, *m_dialect);
        auto native = prepareSqliteAppendStatements(viaSqlite, *m_dialect);
        QVERIFY(qt.ok() && native.ok());
        for (AppendStatements *sql : {qt->get(), native->get()}) {
            ChainHead empty{0, eventhash::genesis(), 0};
            QVERIFY(sql->begin().ok());
            QVERIFY(sql->readHead(empty).ok());
            QCOMPARE(empty.sequence, Sequence(0)); // left as it was
            QCOMPARE(*sql->streamVersion(QStringLiteral("order-1")), StreamVersion(0));
            QVERIFY(!sql->findKey(QStringLiteral("client-1"))->has_value());
            sql->rollback();
            writeBatch(*sql);
        }
        for (AppendStatements *sql : {qt->get(), native->get()}) {
            ChainHead head;
            QVERIFY(sql->begin().ok());
            QVERIFY(sql->readHead(head).ok());
            QCOMPARE(head.sequence, Sequence(3));
            QCOMPARE(head.hash.size(), qsizetype(32));
            QCOMPARE(head.recordedUs, TimestampUs(1'767'225'600'000'003));
            QCOMPARE(*sql->streamVersion(QStringLiteral("order-1")), StreamVersion(2)); // events 1 and 3
            QCOMPARE(*sql->streamVersion(QStringLiteral("order-0")), StreamVersion(1));
            QCOMPARE(*sql->streamVersion(QStringLiteral("order-9")), StreamVersion(0));
            auto key = sql->findKey(clientKey());
            QVERIFY(key.ok() && key->has_value());
            QCOMPARE((*key)->requestHash, QByteArray(32, '\x01'));
            QCOMPARE((*key)->first.firstSequence, Sequence(1));
            QCOMPARE((*key)->first.lastSequence, Sequence(2));
            QCOMPARE((*key)->first.streamVersion, StreamVersion(1));
            sql->rollback();
        }
    }

    void aFailedInsertSaysWhyAndRollsBackWhole()
    {
        QSqlDatabase viaQt = freshStore(), viaSqlite = freshStore();
        auto qt = prepareQtAppendStatements(viaQt, *m_dialect);
        auto native = prepareSqliteAppendStatements(viaSqlite, *m_dialect);
        QVERIFY(qt.ok() && native.ok());
        for (AppendStatements *sql : {qt->get(), native->get()}) {
            writeBatch(*sql);
            QVERIFY(sql->begin().ok());
            const RecordedEvent fourth = storedEvent(4, QByteArray(32, '\x02'), QByteArrayLiteral("{}"));
            QVERIFY(sql->insertEvent(fourth, nullptr, {}).ok());
            const Status again = sql->insertEvent(storedEvent(2, QByteArray(32, '\x03'), QByteArrayLiteral("{}")), nullptr, {});
            QVERIFY(!again.ok()); // seq 2 is there already
            QVERIFY2(again.message().startsWith(QStringLiteral("cannot append to order-0: ")), qPrintable(again.message()));
            QVERIFY2(again.message().contains(QStringLiteral("UNIQUE")), qPrintable(again.message()));
            const Status key = sql->insertKey(clientKey(), QByteArray(32, '\x01'), AppendResult{4, 4, 2, false, {}});
            QVERIFY(!key.ok());
            QVERIFY2(key.message().startsWith(QStringLiteral("cannot record client key")), qPrintable(key.message()));
            sql->rollback();
            ChainHead head;
            QVERIFY(sql->begin().ok()); // the connection is usable again
            QVERIFY(sql->readHead(head).ok());
            QCOMPARE(head.sequence, Sequence(3)); // the fourth went with the transaction
            sql->rollback();
        }
        QCOMPARE(rowsOf(viaSqlite, QStringLiteral("events"), QStringLiteral("seq")),
                 rowsOf(viaQt, QStringLiteral("events"), QStringLiteral("seq")));
    }
};

QTEST_GUILESS_MAIN(TestAppendStatements)
#include "tst_appendstatements.moc"
