// Desk roles on a shared PostgreSQL store, on a real server: a member of instant_trader appends
// but cannot update, delete or truncate, even with the triggers gone; a member of
// instant_compliance only reads; the workstation takes the role the database gives and refuses
// to trade for compliance.

#include "audit/chainverifier.h"
#include "engine/tradingengine.h"
#include "events/readevents.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "ownpostgres.h"
#include "teststores.h"
#include "testmarket.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTemporaryDir>
#include <QUuid>

#include <latch>
#include <thread>

using namespace instant;
using namespace instant::test;

class TestStoreRoles : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::PostgreSql};
    QString url;
    QString trader, compliance, outsider;

    QString urlAs(const QString &user) const
    {
        QString u = url;
        return u.replace(QStringLiteral("://instant@"), QStringLiteral("://") + user + u'@');
    }

    static OpenOptions existing()
    {
        OpenOptions o;
        o.mode = OpenOptions::Mode::OpenExisting;
        return o;
    }

    static QString sqlError(QSqlDatabase db, const QString &sql)
    {
        QSqlQuery q(db);
        return q.exec(sql) ? QString() : q.lastError().text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        url = stores.freshUrl();
        auto store = stores.open(url); // made by the owner (a superuser here): the roles exist now
        QVERIFY(store->append(request(QStringLiteral("account-A"), ExpectedVersion::NoStream,
                                      {newEvent(QStringLiteral("AccountOpened"))})).ok());
        const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
        trader = QStringLiteral("alice_") + id;
        compliance = QStringLiteral("carol_") + id;
        outsider = QStringLiteral("mallory_") + id;
        QSqlDatabase admin = stores.raw(url);
        QCOMPARE(sqlError(admin, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE instant_trader").arg(trader)), QString());
        QCOMPARE(sqlError(admin, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE instant_compliance").arg(compliance)), QString());
        QCOMPARE(sqlError(admin, QStringLiteral("CREATE ROLE %1 LOGIN").arg(outsider)), QString());
    }

    void theOwnerMayAppend()
    {
        auto store = stores.open(url);
        auto access = store->access();
        QVERIFY2(access, qPrintable(access.message()));
        QVERIFY(access->canAppend);
        QCOMPARE(access->databaseUser, QStringLiteral("instant"));
    }

    void aTraderAppendsButCannotRewrite()
    {
        auto store = stores.open(urlAs(trader), existing());
        auto access = store->access();
        QVERIFY2(access, qPrintable(access.message()));
        QVERIFY(access->canAppend);
        QCOMPARE(access->databaseRole, QStringLiteral("instant_trader"));
        QCOMPARE(roleFor(QStringLiteral("trader"), *access), QStringLiteral("trader"));
        auto appended = store->append(request(QStringLiteral("account-A"), 1, {newEvent(QStringLiteral("FundsDeposited"))}));
        QVERIFY2(appended, qPrintable(appended.message()));

        // Even with the triggers dropped by the owner, the grants alone refuse a rewrite.
        QSqlDatabase owner = stores.raw(url);
        QCOMPARE(sqlError(owner, QStringLiteral("ALTER TABLE events DISABLE TRIGGER USER")), QString());
        QSqlDatabase db = stores.raw(urlAs(trader));
        for (const QString &sql : {QStringLiteral("UPDATE events SET actor_user = 'mallory' WHERE seq = 1"),
                                   QStringLiteral("DELETE FROM events WHERE seq = 1"),
                                   QStringLiteral("TRUNCATE events"),
                                   QStringLiteral("UPDATE idempotency SET last_seq = 0"),
                                   QStringLiteral("DROP TABLE events")}) {
            const QString error = sqlError(db, sql);
            QVERIFY2(!error.isEmpty(), qPrintable(sql));
            QVERIFY2(error.contains(QStringLiteral("permission denied")) || error.contains(QStringLiteral("must be owner")), qPrintable(error));
        }
        QCOMPARE(sqlError(owner, QStringLiteral("ALTER TABLE events ENABLE TRIGGER USER")), QString());
        QVERIFY(verifyChain(*store)->intact);
    }

    // A trader's workstation saves its start-up snapshot in pieces; compliance reads it and
    // cannot write one.
    void aTraderSavesASnapshotInPiecesComplianceReadsIt()
    {
        auto store = stores.open(urlAs(trader), existing());
        const QByteArrayList pieces{"one", QByteArray(5000, 'z'), "three"};
        Status saved = store->writeSnapshot(QStringLiteral("roles"), 1, [&pieces](const EventStore::SnapshotSink &sink) {
            for (const QByteArray &piece : pieces)
                if (!sink(piece))
                    return false;
            return true;
        });
        QVERIFY2(saved.ok(), qPrintable(saved.message()));
        auto reader = stores.open(urlAs(compliance), existing());
        auto read = reader->latestSnapshot(QStringLiteral("roles"), 1);
        QVERIFY2(read.ok() && read->has_value(), qPrintable(read.message()));
        QCOMPARE((*read)->payload, pieces.join());
        Status refused = reader->saveSnapshot(QStringLiteral("roles-compliance"), 1, "{}");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(QStringLiteral("permission denied")), qPrintable(refused.message()));
    }

    void complianceOnlyReads()
    {
        auto store = stores.open(urlAs(compliance), existing());
        auto access = store->access();
        QVERIFY2(access, qPrintable(access.message()));
        QVERIFY(!access->canAppend);
        QCOMPARE(access->databaseRole, QStringLiteral("instant_compliance"));
        QCOMPARE(roleFor(QStringLiteral("trader"), *access), QStringLiteral("compliance")); // asked for trader: the database says no
        QVERIFY(access->describe().contains(QStringLiteral("read-only")));
        const Sequence before = store->head()->sequence;
        QVERIFY(before >= 2);
        auto refused = store->append(request(QStringLiteral("account-A"), 2, {newEvent(QStringLiteral("FundsDeposited"))}));
        QVERIFY(!refused);
        QVERIFY2(refused.message().contains(QStringLiteral("permission denied")), qPrintable(refused.message()));
        QCOMPARE(store->head()->sequence, before);
        QVERIFY(verifyChain(*store)->intact); // reading and verifying: yes
        auto events = store->read(ReadQuery{});
        QVERIFY(events && events->size() == before);

        QSqlDatabase db = stores.raw(urlAs(compliance));
        for (const QString &sql : {QStringLiteral("INSERT INTO idempotency VALUES ('k', '\\x00', 1, 1, 1)"),
                                   QStringLiteral("UPDATE events SET actor_user = 'x'"),
                                   QStringLiteral("DELETE FROM snapshots"),
                                   // Past the workstation, straight into the table: the database refuses it.
                                   QStringLiteral("INSERT INTO events (seq, stream_id, stream_version, type, schema_version,"
                                                  " recorded_us, actor_user, actor_role, correlation_id, causation_id,"
                                                  " payload, prev_hash, hash) VALUES (1000, 'account-MAL', 1, 'AccountOpened',"
                                                  " 1, 0, 'carol', 'trader', '', '', '{}', '\\x00', '\\x00')")})
            QVERIFY2(sqlError(db, sql).contains(QStringLiteral("permission denied")), qPrintable(sql));

        // The workstation's engine takes the database's answer and refuses orders.
        const ReferenceData reference = test::market();
        EngineOptions options;
        options.actor = Actor{compliance, roleFor(QStringLiteral("trader"), *access)};
        const SimulatedClock clock(test::MarketOpenUs);
        TradingEngine engine(*store, reference, clock, options);
        QVERIFY(!engine.canTrade());
        QList<CommandOutcome> outcomes;
        connect(&engine, &TradingEngine::commandFinished, this, [&outcomes](const CommandOutcome &o) { outcomes << o; });
        engine.start();
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("C-1");
        c.account = QStringLiteral("DESK-02");
        c.instrument = QStringLiteral("AAPL");
        c.side = QStringLiteral("buy");
        c.quantity = 100;
        c.limitPrice = QStringLiteral("100.00");
        engine.submit(c);
        QTRY_COMPARE(outcomes.size(), 1);
        QVERIFY(!outcomes.first().accepted);
        QVERIFY(outcomes.first().reason.contains(QStringLiteral("compliance")));
        engine.stop();
        QCOMPARE(store->head()->sequence, before); // the engine wrote nothing either
    }

    // What compliance may write: what it read (RecordsRead) and its sessions, nothing else; its
    // workstation's engine records its reads as it makes them.
    void complianceRecordsWhatItReads()
    {
        auto store = stores.open(urlAs(compliance), existing());
        auto access = store->access();
        QVERIFY2(access, qPrintable(access.message()));
        QVERIFY(!access->canAppend);
        QVERIFY(access->canRecordReads);
        QVERIFY2(access->describe().contains(QStringLiteral("reads recorded")), qPrintable(access->describe()));
        const Actor carol{compliance, QStringLiteral("compliance")};
        const Sequence before = store->head()->sequence;

        AppendRequest session;
        session.streamId = QStringLiteral("session-") + compliance;
        session.events = {NewEvent::make(events::WorkstationSessionStarted, {}, carol)};
        auto started = store->append(std::move(session));
        QVERIFY2(started, qPrintable(started.message()));

        const ReferenceData reference = test::market();
        EngineOptions options;
        options.actor = carol;
        const SimulatedClock clock(test::MarketOpenUs);
        TradingEngine engine(*store, reference, clock, options);
        QStringList problems;
        connect(&engine, &TradingEngine::problem, this, [&problems](const QString &p) { problems << p; });
        engine.start();
        events::ReadRecord read;
        read.action = events::ReadExported;
        read.subject = QStringLiteral("type OrderFilled");
        read.records = 2;
        read.outcome = QStringLiteral("written to /tmp/audit.csv");
        read.channel = QStringLiteral("workstation");
        engine.recordRead(read);
        QTRY_COMPARE(store->head()->sequence, before + 2);
        engine.stop();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        auto reads = store->readStream(events::readsStream(compliance));
        QVERIFY2(reads && reads->size() == 1, reads ? "one read" : qPrintable(reads.message()));
        const RecordedEvent &e = reads->first();
        QCOMPARE(e.type, events::RecordsRead);
        QCOMPARE(e.actor, carol);
        QCOMPARE(events::ReadRecord::decode(e.payload)->outcome, read.outcome);

        // A trading event from the same user, even dressed as a read's neighbour, is refused.
        auto refused = store->append(request(QStringLiteral("account-A"), ExpectedVersion::Any,
                                             {NewEvent::make(events::RecordsRead, {}, carol), newEvent(QStringLiteral("FundsDeposited"))}));
        QVERIFY(!refused);
        QVERIFY2(refused.message().contains(QStringLiteral("records only what it reads")), qPrintable(refused.message()));
        QCOMPARE(store->head()->sequence, before + 2); // the batch as a whole: nothing of it
        QVERIFY(verifyChain(*store)->intact);
    }

    void someoneWithNoDeskRoleCannotReadTheLog()
    {
        auto store = openEventStore(urlAs(outsider), existing());
        if (store) { // the schema table may be readable; the events are not
            auto events = (*store)->read(ReadQuery{});
            QVERIFY(!events);
            QVERIFY(events.message().contains(QStringLiteral("permission denied")));
        } else {
            QVERIFY(store.message().contains(QStringLiteral("permission denied")));
        }
    }

    // Several desks set up their stores at the same moment on a server that has no desk roles
    // yet (a new cluster, each desk its own database). Roles belong to the whole server and the
    // schema lock to one database, so the setups race to create the roles: every store opens,
    // the roles exist once, and each database grants them. Done again from no roles, a few times.
    void desksSetUpAtOnceOnAFreshServer()
    {
        QTemporaryDir dir;
        OwnPostgres server(QStringLiteral(PG_FIXTURE), dir.path() + QStringLiteral("/pg.env"));
        QVERIFY2(server.started(), "cannot start a PostgreSQL server (initdb, pg_ctl)");
        QSqlDatabase admin = stores.raw(server.url() + QStringLiteral("/postgres"));
        constexpr int Desks = 6;
        for (int round = 0; round < 4; ++round) {
            QStringList urls;
            for (int d = 0; d < Desks; ++d) {
                const QString database = QStringLiteral("desk_%1_%2").arg(round).arg(d);
                QCOMPARE(sqlError(admin, QStringLiteral("CREATE DATABASE ") + database), QString());
                urls.append(server.url() + u'/' + database);
            }
            QStringList failures(Desks);
            {
                std::latch ready(Desks);
                std::vector<std::jthread> desks;
                for (int d = 0; d < Desks; ++d)
                    desks.emplace_back([&, d] {
                        ready.arrive_and_wait();
                        auto store = openEventStore(urls.at(d));
                        if (!store)
                            failures[d] = store.message();
                    });
            }
            for (int d = 0; d < Desks; ++d)
                QVERIFY2(failures.at(d).isEmpty(), qPrintable(QStringLiteral("round %1, desk %2: %3").arg(round).arg(d).arg(failures.at(d))));

            QSqlQuery roles(admin);
            QVERIFY(roles.exec(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname IN ('instant_trader', 'instant_compliance')")));
            QVERIFY(roles.next());
            QCOMPARE(roles.value(0).toInt(), 2);
            for (const QString &deskUrl : std::as_const(urls)) {
                QSqlQuery granted(stores.raw(deskUrl));
                QVERIFY(granted.exec(QStringLiteral("SELECT has_table_privilege('instant_trader', 'events', 'INSERT'),"
                                                    " has_table_privilege('instant_compliance', 'events', 'SELECT'),"
                                                    " has_table_privilege('instant_compliance', 'events', 'UPDATE')")));
                QVERIFY(granted.next());
                QVERIFY(granted.value(0).toBool());
                QVERIFY(granted.value(1).toBool());
                QVERIFY(!granted.value(2).toBool());
            }
            for (int d = 0; d < Desks; ++d)
                QCOMPARE(sqlError(admin, QStringLiteral("DROP DATABASE desk_%1_%2 WITH (FORCE)").arg(round).arg(d)), QString());
            QCOMPARE(sqlError(admin, QStringLiteral("DROP ROLE instant_trader")), QString());
            QCOMPARE(sqlError(admin, QStringLiteral("DROP ROLE instant_compliance")), QString());
        }
        admin.close();
    }
};

QTEST_GUILESS_MAIN(TestStoreRoles)
#include "tst_storeroles.moc"
