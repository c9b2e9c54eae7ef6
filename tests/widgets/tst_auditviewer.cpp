// The audit viewer on a real SQLite store: live rows, search, verification of a tampered chain.

#include "auditlogmodel.h"
#include "audit/auditfilter.h"
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
};

QTEST_MAIN(TestAuditViewer)
#include "tst_auditviewer.moc"
