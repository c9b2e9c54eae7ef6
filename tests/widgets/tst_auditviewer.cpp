// The audit viewer on a real SQLite store: live rows, search, verification of a tampered chain.

#include "auditlogmodel.h"
#include "audit/auditfilter.h"
#include "audit/deskkeys.h"
#include "events/readevents.h"
#include "auditviewer.h"
#include "store/eventstore.h"
#include "teststores.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace instant;
using namespace instant::test;

class TestAuditViewer : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};

private Q_SLOTS:
    void showsStoredAndLiveEvents()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        QVERIFY(store->append(request(QStringLiteral("order-1"), ExpectedVersion::NoStream,
                                      {newEvent(QStringLiteral("OrderAccepted")), newEvent(QStringLiteral("FundsReserved"))}))
                    .ok());
        AuditViewer viewer(store.get());
        viewer.resize(900, 500);
        viewer.show();
        QTRY_COMPARE(viewer.model()->rowCount(), 2);

        QVERIFY(store->append(request(QStringLiteral("order-2"), ExpectedVersion::NoStream,
                                      {newEvent(QStringLiteral("OrderRejected"), {{QStringLiteral("reason"), QStringLiteral("price collar")}},
                                                Actor{QStringLiteral("bob"), QStringLiteral("trader")})}))
                    .ok());
        QTRY_COMPARE(viewer.model()->rowCount(), 3);

        viewer.setFilterText(QStringLiteral("bob"));
        QCOMPARE(viewer.view()->model()->rowCount(), 1);
        viewer.view()->setCurrentIndex(viewer.view()->model()->index(0, 0));
        auto *detail = viewer.findChild<QPlainTextEdit *>();
        QVERIFY(detail->toPlainText().contains(QStringLiteral("price collar")));
        QVERIFY(detail->toPlainText().contains(QStringLiteral("\"prev_hash\"")));
        viewer.setFilterText(QString());
        QCOMPARE(viewer.view()->model()->rowCount(), 3);
    }

    void holdsTheNewestEventsAndSearchesTheWholeLog()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        for (int i = 1; i <= 300; ++i)
            QVERIFY(store->append(request(QStringLiteral("order-%1").arg(i), ExpectedVersion::NoStream,
                                          {newEvent(i == 7 ? QStringLiteral("OrderRejected") : QStringLiteral("OrderAccepted"))}))
                        .ok());
        AuditViewer viewer(store.get(), nullptr, 100);
        viewer.resize(900, 500);
        viewer.show();
        // Live: only the newest 100 are loaded, from 201 on.
        QTRY_COMPARE(viewer.model()->rowCount(), 100);
        QCOMPARE(viewer.model()->eventAt(0).sequence, 201);
        for (int i = 301; i <= 420; ++i)
            QVERIFY(store->append(request(QStringLiteral("order-%1").arg(i), ExpectedVersion::NoStream, {newEvent(QStringLiteral("OrderAccepted"))})).ok());
        QTRY_COMPARE(viewer.model()->eventAt(viewer.model()->rowCount() - 1).sequence, 420);
        QVERIFY(viewer.model()->rowCount() <= 110); // trimmed past a tenth over capacity
        QCOMPARE(viewer.model()->eventAt(0).sequence, 420 - viewer.model()->rowCount() + 1);

        // Event 7 is not loaded; the whole-log search finds it.
        viewer.setFilterText(QStringLiteral("OrderRejected"));
        QCOMPARE(viewer.view()->model()->rowCount(), 0);
        QSignalSpy found(&viewer, &AuditViewer::searchFinished);
        viewer.searchWholeLog();
        QTRY_COMPARE(found.count(), 1);
        QCOMPARE(found.first().at(0).toLongLong(), 1);
        QCOMPARE(viewer.view()->model()->rowCount(), 1);
        QCOMPARE(viewer.model()->eventAt(0).sequence, 7);
        QVERIFY(!viewer.model()->isLive());
        // Results stay put while events are appended; back to live, the tail again.
        QVERIFY(store->append(request(QStringLiteral("order-421"), ExpectedVersion::NoStream, {newEvent(QStringLiteral("OrderRejected"))})).ok());
        QTest::qWait(100);
        QCOMPARE(viewer.model()->rowCount(), 1);
        viewer.searchWholeLog();
        viewer.setFilterText(QString());
        QTRY_COMPARE(viewer.model()->rowCount(), 100);
        QCOMPARE(viewer.model()->eventAt(99).sequence, 421);
    }

    void filtersByTypeActorStreamAndTime()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        QVERIFY(store->append(request(QStringLiteral("account-DESK-01"), ExpectedVersion::Any,
                                      {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("order_id"), QStringLiteral("A-1")}}),
                                       newEvent(QStringLiteral("OrderFilled"), {{QStringLiteral("order_id"), QStringLiteral("A-1")}},
                                                Actor{QStringLiteral("simulated"), QStringLiteral("venue")})}))
                    .ok());
        QTest::qWait(20);
        const TimestampUs between = nowUtcMicros();
        QTest::qWait(20);
        QVERIFY(store->append(request(QStringLiteral("compliance"), ExpectedVersion::Any,
                                      {newEvent(QStringLiteral("KillSwitchChanged"), {{QStringLiteral("mode"), QStringLiteral("halted")}},
                                                Actor{QStringLiteral("carol"), QStringLiteral("compliance")})}))
                    .ok());
        AuditViewer viewer(store.get());
        QTRY_COMPARE(viewer.model()->rowCount(), 3);
        auto shown = [&viewer] { return viewer.proxy()->rowCount(); };
        AuditFilter f;
        f.type = QStringLiteral("OrderFilled");
        viewer.setFilter(f);
        QCOMPARE(shown(), 1);
        f = {};
        f.actor = QStringLiteral("compliance");
        viewer.setFilter(f);
        QCOMPARE(shown(), 1);
        f = {};
        f.stream = QStringLiteral("A-1"); // an order id finds its events in the account stream
        viewer.setFilter(f);
        QCOMPARE(shown(), 2);
        f = {};
        f.fromUs = between;
        viewer.setFilter(f);
        QCOMPARE(shown(), 1);
        f = {};
        f.toUs = between;
        viewer.setFilter(f);
        QCOMPARE(shown(), 2);
        f = {};
        f.text = QStringLiteral("halted"); // payloads are searched too
        viewer.setFilter(f);
        QCOMPARE(shown(), 1);
        viewer.setFilter({});
        QCOMPARE(shown(), 3);
    }

    // Who looked at what: each read made here is handed on to be recorded (the workstation's
    // engine appends it, tst_guithread), and the reads can be shown alone or hidden.
    void recordsWhatIsReadAndFiltersReads()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        const Actor carol{QStringLiteral("carol"), QStringLiteral("compliance")};
        QVERIFY(store->append(request(QStringLiteral("account-DESK-01"), ExpectedVersion::Any,
                                      {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("order_id"), QStringLiteral("A-1")}}),
                                       newEvent(QStringLiteral("OrderFilled"), {{QStringLiteral("order_id"), QStringLiteral("A-1")}})}))
                    .ok());
        AuditViewer viewer(store.get());
        QList<events::ReadRecord> reads;
        connect(&viewer, &AuditViewer::readHappened, this, [&](const events::ReadRecord &read) {
            reads << read;
            AppendRequest r; // as the engine does (TradingEngine::recordRead)
            r.streamId = events::readsStream(carol.user);
            r.events = {read.encode(carol)};
            QVERIFY(store->append(std::move(r)).ok());
        });
        QTRY_COMPARE(viewer.model()->rowCount(), 2);

        // An event looked at: once, however often it is selected again.
        viewer.view()->setCurrentIndex(viewer.view()->model()->index(1, 0));
        QCOMPARE(reads.size(), 1);
        QCOMPARE(reads.last().action, events::ReadViewed);
        QCOMPARE(reads.last().subject, QStringLiteral("event 2 (OrderFilled on account-DESK-01)"));
        QCOMPARE(reads.last().channel, QStringLiteral("workstation"));
        viewer.view()->setCurrentIndex(viewer.view()->model()->index(1, 1));
        QCOMPARE(reads.size(), 1);
        QTRY_COMPARE(viewer.model()->rowCount(), 3); // the read itself is in the log

        // A filter left alone is a search, recorded once with what it found.
        AuditFilter f;
        f.stream = QStringLiteral("A-1");
        viewer.setFilter(f);
        QTRY_COMPARE(reads.size(), 2);
        QCOMPARE(reads.last().action, events::ReadSearched);
        QCOMPARE(reads.last().subject, QStringLiteral("the live view: order or stream A-1"));
        QCOMPARE(reads.last().records, 2);
        viewer.setFilter(f);
        viewer.recordLiveFilter(); // what the settle timer calls: the same search is not recorded again
        QCOMPARE(reads.size(), 2);

        // The whole log searched, and the chain verified.
        QSignalSpy searched(&viewer, &AuditViewer::searchFinished);
        viewer.searchWholeLog();
        QTRY_COMPARE(searched.count(), 1);
        QCOMPARE(reads.size(), 3);
        QCOMPARE(reads.last().subject, QStringLiteral("the whole log: order or stream A-1"));
        QCOMPARE(reads.last().records, 2);
        viewer.searchWholeLog(); // back to live
        QSignalSpy verified(&viewer, &AuditViewer::verificationFinished);
        viewer.verify();
        QTRY_COMPARE(verified.count(), 1);
        QCOMPARE(reads.size(), 4);
        QCOMPARE(reads.last().action, events::ReadVerified);
        QVERIFY2(reads.last().outcome.startsWith(QStringLiteral("Chain intact")), qPrintable(reads.last().outcome));

        // The reads alone, then everything but them: a filter on what kind of event, not a search.
        QTRY_COMPARE(viewer.model()->rowCount(), 2 + 4);
        f = {};
        f.reads = AuditFilter::Reads::Only;
        viewer.setFilter(f);
        QCOMPARE(viewer.proxy()->rowCount(), 4);
        for (int row = 0; row < viewer.proxy()->rowCount(); ++row)
            QCOMPARE(viewer.proxy()->index(row, AuditLogModel::Type).data().toString(), events::RecordsRead);
        f.reads = AuditFilter::Reads::Hidden;
        viewer.setFilter(f);
        QCOMPARE(viewer.proxy()->rowCount(), 2);
        viewer.recordLiveFilter();
        QCOMPARE(reads.size(), 4);
        QCOMPARE(f.describe(), QStringLiteral("reads hidden"));
    }

    void verifyReportsIntactThenBroken()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        for (int i = 0; i < 5; ++i)
            QVERIFY(store->append(request(QStringLiteral("s"), ExpectedVersion::Any,
                                          {newEvent(QStringLiteral("Tick"), {{QStringLiteral("i"), i}})}))
                        .ok());
        AuditViewer viewer(store.get());
        QSignalSpy done(&viewer, &AuditViewer::verificationFinished);
        viewer.verify();
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(done.at(0).at(0).toBool(), true);
        QVERIFY(done.at(0).at(1).toString().contains(QStringLiteral("5 event")));

        QSqlDatabase db = stores.raw(url);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER events_no_update")));
        QVERIFY(q.exec(QStringLiteral("UPDATE events SET payload = '{\"i\":9}' WHERE seq = 4")));
        viewer.verify();
        QTRY_COMPARE(done.count(), 2);
        QCOMPARE(done.at(1).at(0).toBool(), false);
        QVERIFY2(done.at(1).at(1).toString().contains(QStringLiteral("sequence 4")), qPrintable(done.at(1).at(1).toString()));
    }

    // A forged event with a correct hash link: the chain is intact, its writer is not enrolled.
    void verifyNamesAnEventNoEnrolledKeyWrote()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        auto key = SigningKey::generate();
        QVERIFY(key);
        auto signing = signWritesWith(*store, std::make_shared<const SigningKey>(std::move(*key)),
                                      Actor{QStringLiteral("alice"), QStringLiteral("trader")});
        QVERIFY(signing && signing->signing);
        for (int i = 0; i < 3; ++i)
            QVERIFY(store->append(request(QStringLiteral("s"), ExpectedVersion::Any,
                                          {newEvent(QStringLiteral("Tick"), {{QStringLiteral("i"), i}})}))
                        .ok());
        AuditViewer viewer(store.get());
        QSignalSpy done(&viewer, &AuditViewer::verificationFinished);
        viewer.verify();
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(done.at(0).at(0).toBool(), true);
        QVERIFY2(done.at(0).at(1).toString().contains(QStringLiteral("4 batch(es) signed by enrolled keys")),
                 qPrintable(done.at(0).at(1).toString()));

        auto attacker = stores.open(url); // no key
        QVERIFY(attacker->append(request(QStringLiteral("account-MAL"), ExpectedVersion::Any,
                                         {newEvent(QStringLiteral("AccountOpened"), {{QStringLiteral("cash_cents"), 1}})}))
                    .ok());
        viewer.verify();
        QTRY_COMPARE(done.count(), 2);
        QCOMPARE(done.at(1).at(0).toBool(), false);
        const QString summary = done.at(1).at(1).toString();
        QVERIFY2(summary.contains(QStringLiteral("Chain intact")) && summary.contains(QStringLiteral("writers FORGED at sequence 6")),
                 qPrintable(summary));
    }
};

QTEST_MAIN(TestAuditViewer)
#include "tst_auditviewer.moc"
