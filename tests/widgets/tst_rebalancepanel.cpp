// The Rebalance panel against the real engine (SQLite store, simulated venue on the engine
// thread): targets saved, a proposal with its exposure, lines edited and removed, accepted after
// the compliance preview, rejected with a reason, and everything still there after a restart.

#include "engine/tradingengine.h"
#include "rebalancepanel.h"
#include "refdata/referencedata.h"
#include "teststores.h"
#include "testmarket.h"

#include <QSignalSpy>
#include <QTest>

using namespace instant;
using namespace instant::test;

class TestRebalancePanel : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs}; // the test market's day, whatever the machine's date

    std::unique_ptr<TradingEngine> engine(EventStore &store, const QString &role = QStringLiteral("trader"))
    {
        EngineOptions options;
        options.startUs = 1795185000000000; // Friday 2026-11-20 14:30 UTC
        options.stepIntervalMs = 50;
        options.actor = Actor{QStringLiteral("alice"), role};
        auto e = std::make_unique<TradingEngine>(store, reference, clock, options);
        // Delivered on this thread (queued): the engine thread may emit before any wait begins,
        // and a QSignalSpy's wait() counts only what comes after its call.
        bool started = false;
        QObject::connect(e.get(), &TradingEngine::started, e.get(), [&started] { started = true; }, Qt::QueuedConnection);
        e->start();
        if (!QTest::qWaitFor([&started] { return started; }, 10000))
            qFatal("engine did not start");
        QTest::qWait(600); // the first published snapshot
        return e;
    }

    static QString cell(QAbstractItemModel *model, int row, int column)
    {
        return model->data(model->index(row, column)).toString();
    }

    static int exposureRow(QAbstractItemModel *model, const QString &name)
    {
        for (int r = 0; r < model->rowCount(); ++r)
            if (cell(model, r, RebalanceExposureModel::Exposure) == name)
                return r;
        return -1;
    }

    static double number(const QString &text)
    {
        QString digits = text;
        digits.remove(u'$').remove(u',').remove(u'%').remove(u'+');
        return digits.toDouble();
    }

private Q_SLOTS:
    void weightsProposeEditAcceptReject()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        RebalancePanel panel(e.get(), reference);
        panel.setAccount(QStringLiteral("DESK-02")); // $100m, nothing held
        QTRY_VERIFY(panel.summaryText().contains(QStringLiteral("No targets yet")));

        // Over 100%: refused before anything is recorded, with the reason.
        panel.setWeight(QStringLiteral("AAPL"), 60);
        panel.setWeight(QStringLiteral("MSFT"), 45);
        panel.saveTargets();
        QVERIFY2(panel.statusText().contains(QStringLiteral("105.00%")), qPrintable(panel.statusText()));
        QVERIFY(!panel.savedTargets());

        panel.setWeight(QStringLiteral("AAPL"), 1);
        panel.setWeight(QStringLiteral("MSFT"), 1.5);
        panel.saveTargets();
        QTRY_VERIFY(panel.savedTargets().has_value());
        QCOMPARE(panel.savedTargets()->weightsBp.value(QStringLiteral("AAPL")), 100);
        QCOMPARE(panel.savedTargets()->weightsBp.value(QStringLiteral("MSFT")), 150);

        panel.propose();
        QTRY_COMPARE_WITH_TIMEOUT(panel.lines()->rowCount(), 2, 5000);
        QVERIFY(panel.statusText().contains(QStringLiteral("RB-DESK-02-1")));
        RebalanceLinesModel *lines = panel.lines();
        QCOMPARE(cell(lines, 0, RebalanceLinesModel::Instrument), QStringLiteral("AAPL"));
        QCOMPARE(cell(lines, 0, RebalanceLinesModel::Side), QStringLiteral("Buy"));
        // 1% of $100m at the market's mid: within one share's price of $1,000,000.
        QVERIFY(std::abs(number(cell(lines, 0, RebalanceLinesModel::Notional)) - 1'000'000) < 500);
        QVERIFY(std::abs(number(cell(lines, 1, RebalanceLinesModel::Notional)) - 1'500'000) < 500);
        // Exposure side by side: before 0%, after on target; cash from 100% to 97.5%.
        QAbstractItemModel *exposure = panel.exposure();
        const int aapl = exposureRow(exposure, QStringLiteral("AAPL"));
        QVERIFY(aapl >= 0);
        QCOMPARE(cell(exposure, aapl, RebalanceExposureModel::Target), QStringLiteral("1.00%"));
        QCOMPARE(cell(exposure, aapl, RebalanceExposureModel::Before), QStringLiteral("0.00%"));
        QCOMPARE(cell(exposure, aapl, RebalanceExposureModel::After), QStringLiteral("1.00%"));
        const int cash = exposureRow(exposure, QStringLiteral("Cash"));
        QCOMPARE(cell(exposure, cash, RebalanceExposureModel::Before), QStringLiteral("100.00%"));
        QCOMPARE(cell(exposure, cash, RebalanceExposureModel::After), QStringLiteral("97.50%"));
        QVERIFY(panel.summaryText().contains(QStringLiteral("Value $100,000,000.00")));

        // Lines edited in the table (as a trader types) and removed.
        QVERIFY(lines->setData(lines->index(1, RebalanceLinesModel::Quantity), QStringLiteral("1,000")));
        QTRY_COMPARE(cell(lines, 1, RebalanceLinesModel::Quantity), QStringLiteral("1,000"));
        QVERIFY(!lines->setData(lines->index(1, RebalanceLinesModel::Quantity), QStringLiteral("lots")));
        panel.removeLine(1);
        QTRY_COMPARE(lines->rowCount(), 1);
        QCOMPARE(cell(lines, 0, RebalanceLinesModel::Line), QStringLiteral("L2"));
        QVERIFY(panel.summaryText().contains(QStringLiteral("edited 2 times")));

        // Accept: the compliance preview first; cancelling sends nothing.
        QString shown;
        panel.setConfirmation([&shown](const QString &preview, bool) -> std::optional<QString> {
            shown = preview;
            return std::nullopt;
        });
        QVERIFY(!panel.accept());
        QVERIFY2(shown.contains(QStringLiteral("L2 buy 1,000 MSFT")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("compliance: passes")), qPrintable(shown));
        QCOMPARE(toString(panel.currentProposal()->status), QStringLiteral("open"));
        panel.setConfirmation([](const QString &, bool) -> std::optional<QString> { return QString(); });
        QVERIFY(panel.accept());
        QTRY_COMPARE_WITH_TIMEOUT(toString(panel.currentProposal()->status), QStringLiteral("accepted"), 5000);
        QTRY_VERIFY(!cell(lines, 0, RebalanceLinesModel::Order).isEmpty() && cell(lines, 0, RebalanceLinesModel::Order) != u"Sending…");
        QVERIFY(!(lines->flags(lines->index(0, RebalanceLinesModel::Quantity)) & Qt::ItemIsEditable));

        // A second proposal, rejected with a reason.
        panel.propose();
        QTRY_COMPARE_WITH_TIMEOUT(panel.proposals().size(), 2, 5000);
        QCOMPARE(panel.currentProposal()->id, QStringLiteral("RB-DESK-02-2"));
        panel.reject(QStringLiteral("   "));
        QVERIFY(panel.statusText().contains(QStringLiteral("needs a reason")));
        panel.reject(QStringLiteral("prices moved"));
        QTRY_VERIFY(panel.summaryText().contains(QStringLiteral("Rejected</b>: prices moved")));
        e->stop();

        // A restart: the targets and both proposals come back from the events.
        auto again = engine(*store);
        RebalancePanel after(again.get(), reference);
        after.setAccount(QStringLiteral("DESK-02"));
        QTRY_COMPARE_WITH_TIMEOUT(after.proposals().size(), 2, 5000);
        QCOMPARE(after.savedTargets()->weightsBp.value(QStringLiteral("MSFT")), 150);
        QCOMPARE(toString(after.proposals().at(0).status), QStringLiteral("accepted"));
        QCOMPARE(after.proposals().at(1).rejectReason, QStringLiteral("prices moved"));
        again->stop();
    }

    void dv01ByBucket()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        RebalancePanel panel(e.get(), reference);
        panel.setAccount(QStringLiteral("DESK-01"));
        panel.setDv01(QStringLiteral("10Y"), 8000);
        panel.setDv01(QStringLiteral("30Y"), 15000);
        panel.setTolerance(250);
        panel.saveTargets();
        QTRY_VERIFY(panel.savedTargets().has_value());
        QCOMPARE(toString(panel.savedTargets()->kind), QStringLiteral("dv01"));
        panel.propose();
        QTRY_COMPARE_WITH_TIMEOUT(panel.lines()->rowCount(), 2, 5000);
        QCOMPARE(cell(panel.lines(), 0, RebalanceLinesModel::Instrument), QStringLiteral("UST 10Y"));
        QCOMPARE(cell(panel.lines(), 1, RebalanceLinesModel::Instrument), QStringLiteral("UST 30Y"));
        // About $806 of DV01 per 1mm of the 10Y near par: roughly 9.9mm for $8,000.
        const double tenFace = number(cell(panel.lines(), 0, RebalanceLinesModel::Quantity));
        QVERIFY2(tenFace > 9'000'000 && tenFace < 11'000'000, qPrintable(cell(panel.lines(), 0, RebalanceLinesModel::Quantity)));
        QAbstractItemModel *exposure = panel.exposure();
        const int ten = exposureRow(exposure, QStringLiteral("10Y bucket"));
        QVERIFY(ten >= 0);
        QCOMPARE(cell(exposure, ten, RebalanceExposureModel::Before), QStringLiteral("$0"));
        QVERIFY(std::abs(number(cell(exposure, ten, RebalanceExposureModel::After)) - 8000) < 500); // within half a lot's DV01
        QCOMPARE(cell(exposure, exposureRow(exposure, QStringLiteral("2Y bucket")), RebalanceExposureModel::Target), QStringLiteral("—"));
        e->stop();
    }

    void complianceCannotChangePortfolios()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store, QStringLiteral("compliance"));
        RebalancePanel panel(e.get(), reference);
        QVERIFY(panel.statusText().contains(QStringLiteral("Read-only")));
        panel.setWeight(QStringLiteral("AAPL"), 1);
        panel.saveTargets();
        QTRY_VERIFY(panel.statusText().contains(QStringLiteral("cannot change portfolios")));
        QVERIFY(!panel.savedTargets());
        e->stop();
    }
};

QTEST_MAIN(TestRebalancePanel)
#include "tst_rebalancepanel.moc"
