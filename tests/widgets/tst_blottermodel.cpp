// The blotter model at size: 100k orders arrive and change in batches, one insertion and one
// changed range per tick, never a reset; the filter rules from core.

#include "blotter.h"
#include "alertspanel.h"
#include "blottermodel.h"
#include "optionchainmodel.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTableView>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace instant;

namespace {

OrderRecord order(int n, OrderState state = OrderState::New)
{
    OrderRecord o;
    o.orderId = QStringLiteral("O%1").arg(n, 7, 10, QLatin1Char('0'));
    o.account = n % 2 ? QStringLiteral("DESK-01") : QStringLiteral("DESK-02");
    o.instrument = n % 3 ? QStringLiteral("AAPL") : QStringLiteral("MSFT");
    o.side = n % 2 ? Side::Buy : Side::Sell;
    o.quantity = Quantity(100);
    o.limitPrice = Price(22850);
    o.state = state;
    o.createdUs = 1795185000000000 + n;
    return o;
}

// Execution n, recorded as event 1000 + n.
FillRecord fill(int n, bool settled)
{
    FillRecord f;
    f.execId = QStringLiteral("E%1").arg(n);
    f.orderId = QStringLiteral("O%1").arg(n);
    f.instrument = QStringLiteral("AAPL");
    f.quantity = 100;
    f.sequence = 1000 + n;
    f.settled = settled;
    return f;
}

// After loading orders 0..rows-1: the newest fills and a new one arrives, in one batch.
void updateTheNewestAndAddOne(BlotterModel &model, int rows)
{
    model.applyUpdates({order(rows - 1, OrderState::Filled), order(rows)});
    model.flush();
    QCOMPARE(model.rowCount(), rows + 1);
    QCOMPARE(model.orderAt(rows - 1).state, OrderState::Filled);
    QCOMPARE(model.orderAt(rows).orderId, order(rows).orderId);
    QCOMPARE(model.rowOf(order(rows).orderId), rows);
}

} // namespace

class TestBlotterModel : public QObject
{
    Q_OBJECT

    const ReferenceData reference = test::market();

private Q_SLOTS:
    void hundredThousandOrdersInBatches()
    {
        BlotterModel model(reference);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QList<OrderRef> batch;
        for (int n = 0; n < 100'000; ++n) {
            batch.append(order(n));
            if (batch.size() == 10'000) {
                model.applyUpdates(batch);
                batch.clear();
            }
        }
        QCOMPARE(model.rowCount(), 0); // nothing before the tick
        QTRY_COMPARE(model.rowCount(), 100'000);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);

        // A thousand of them fill: one changed range for the tick.
        QList<OrderRef> fills;
        for (int n = 50'000; n < 51'000; ++n) {
            OrderRecord o = order(n, OrderState::Filled);
            o.filled = o.quantity;
            fills.append(o);
        }
        model.applyUpdates(fills);
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 50'000);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 50'999);
        QCOMPARE(model.rowCount(), 100'000);
        QCOMPARE(model.data(model.index(50'500, BlotterModel::State)).toString(), QStringLiteral("Filled"));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
    }

    void aMillionRowResetTakesUpdatesAtOnce()
    {
        BlotterModel model(reference);
        QList<OrderRef> all;
        for (int n = 0; n < 1'000'000; ++n)
            all.append(order(n));
        model.setAll(all);
        QCOMPARE(model.rowCount(), 1'000'000);
        updateTheNewestAndAddOne(model, 1'000'000); // right away: nothing to index first
    }

    // Rows stay in entry order without an index: an order entered before the newest row (another
    // workstation's, learnt late) goes to its place, and updates find every row, old or new.
    void anOrderLearntLateGoesToItsPlaceInEntryOrder()
    {
        BlotterModel model(reference);
        QList<OrderRef> all;
        for (int n = 0; n < 1000; n += 2)
            all.append(order(n));
        model.applyUpdates(all);
        model.flush();
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.applyUpdates({order(1001), order(501), order(3), order(1003)});
        model.flush();
        QCOMPARE(model.rowCount(), 504);
        QCOMPARE(model.rowOf(order(3).orderId), 2);
        QCOMPARE(model.rowOf(order(501).orderId), 252);
        QCOMPARE(model.orderAt(502).orderId, order(1001).orderId);
        QCOMPARE(inserted.count(), 3); // two in place, the newest two at the end in one
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(enteredBefore(model.orderAt(r - 1), model.orderAt(r)));
        model.applyUpdates({order(0, OrderState::Filled), order(3, OrderState::Filled), order(501, OrderState::Filled),
                            order(998, OrderState::Cancelled), order(1003, OrderState::Filled)});
        model.flush();
        QCOMPARE(model.rowCount(), 504);
        QCOMPARE(model.orderAt(0).state, OrderState::Filled);
        QCOMPARE(model.orderAt(2).state, OrderState::Filled);
        QCOMPARE(model.orderAt(252).state, OrderState::Filled);
        QCOMPARE(model.orderAt(model.rowOf(order(998).orderId)).state, OrderState::Cancelled);
        QCOMPARE(model.orderAt(503).state, OrderState::Filled);
        QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
    }

    void theFirstLoadIsKeptAsSentAndUpdatesStillFindTheirRows()
    {
        BlotterModel model(reference);
        QList<OrderRef> all;
        for (int n = 0; n < 50'000; ++n)
            all.append(order(n));
        model.applyUpdates(all); // one batch into an empty blotter, as the engine sends at start
        model.flush();
        QCOMPARE(model.rowCount(), 50'000);
        updateTheNewestAndAddOne(model, 50'000);
    }

    void executionsAreBufferedAndSettledInPlace()
    {
        ExecutionsModel model(reference);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.append({fill(1, false), fill(2, false)});
        model.append({fill(3, false), fill(3, true)}); // a fill and its settlement in one tick: one row
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.data(model.index(2, ExecutionsModel::Settled)).toString(), QStringLiteral("settled"));
        model.append({fill(1, true)});
        model.flush();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0, ExecutionsModel::Settled)).toString(), QStringLiteral("settled"));
    }

    // The first load holds the engine's rows, not a copy of them, even when a settlement sent
    // behind them (before the panel's first tick) changes one: only that row's block is copied.
    void theFirstLoadSharesTheEnginesRows()
    {
        constexpr int Rows = 3 * FillRows::BlockRows + 10;
        FillRows engine;
        for (int n = 1; n <= Rows; ++n)
            engine.append(fill(n, false));
        ExecutionsModel model(reference);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.append(engine);
        model.append({fill(5, true)}); // settled since
        model.flush();
        QCOMPARE(model.rowCount(), Rows);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.data(model.index(4, ExecutionsModel::Settled)).toString(), QStringLiteral("settled"));
        QVERIFY(!engine.at(4).settled);
        QCOMPARE(&model.rows().at(FillRows::BlockRows + 5), &engine.at(FillRows::BlockRows + 5)); // the same row
        QCOMPARE(&model.rows().at(2 * FillRows::BlockRows + 7), &engine.at(2 * FillRows::BlockRows + 7));
        QVERIFY(&model.rows().at(4) != &engine.at(4)); // the settled row's block: the panel's own
        QCOMPARE(model.rows().last().sequence, engine.last().sequence); // the last, partly filled block was appended to: copied
    }

    void executionsKeepTheNewestOnes()
    {
        ExecutionsModel model(reference);
        model.setCapacity(10);
        for (int n = 1; n <= 30; ++n) {
            model.append({fill(n, false)});
            model.flush();
        }
        QVERIFY(model.rowCount() >= 10 && model.rowCount() <= 11);
        const int rows = model.rowCount();
        QCOMPARE(model.data(model.index(rows - 1, ExecutionsModel::ExecId)).toString(), QStringLiteral("E30"));
        model.append({fill(2, true)}); // settles a fill the panel no longer keeps: ignored
        model.append({fill(29, true)});
        model.flush();
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.data(model.index(rows - 2, ExecutionsModel::Settled)).toString(), QStringLiteral("settled"));
    }

    void theBlotterFiltersThroughTheProxyOnlyWhenAsked()
    {
        Blotter blotter(nullptr, reference);
        QList<OrderRef> all;
        for (int n = 0; n < 30; ++n)
            all.append(order(n, n % 3 ? OrderState::New : OrderState::Filled));
        blotter.model()->setAll(all);
        QCOMPARE(blotter.view()->model(), static_cast<QAbstractItemModel *>(blotter.model()));
        QVERIFY(!blotter.proxy()->sourceModel()); // unused, it keeps no index of the rows
        blotter.view()->setColumnWidth(BlotterModel::Reason, 321);
        auto *state = blotter.findChildren<QComboBox *>().first();
        state->setCurrentIndex(1); // working orders
        QCOMPARE(blotter.view()->model(), static_cast<QAbstractItemModel *>(blotter.proxy()));
        QCOMPARE(blotter.proxy()->sourceModel(), static_cast<QAbstractItemModel *>(blotter.model()));
        QCOMPARE(blotter.view()->model()->rowCount(), 20);
        QCOMPARE(blotter.view()->columnWidth(BlotterModel::Reason), 321); // the trader's widths survive
        QVERIFY(blotter.view()->isColumnHidden(BlotterModel::Stop));
        state->setCurrentIndex(0);
        QCOMPARE(blotter.view()->model(), static_cast<QAbstractItemModel *>(blotter.model()));
        QVERIFY(!blotter.proxy()->sourceModel());
        blotter.view()->sortByColumn(BlotterModel::Quantity, Qt::DescendingOrder); // a sort needs the proxy
        QCOMPARE(blotter.view()->model(), static_cast<QAbstractItemModel *>(blotter.proxy()));
        QCOMPARE(blotter.view()->model()->rowCount(), 30);
    }

    void columnsAndFormatting()
    {
        BlotterModel model(reference);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        OrderRecord o = order(1);
        o.instrument = reference.instrument(QStringLiteral("UST 10Y"))->id;
        o.limitPrice = Price(99 * 256 + 132);
        o.filled = Quantity(40);
        o.filledPriceQuantity = (99 * 256 + 132) * 40;
        model.applyUpdates({o});
        model.flush();
        QCOMPARE(model.data(model.index(0, BlotterModel::Symbol)).toString(), QStringLiteral("UST 10Y"));
        QCOMPARE(model.data(model.index(0, BlotterModel::Limit)).toString(), QStringLiteral("99-16+"));
        QCOMPARE(model.data(model.index(0, BlotterModel::AveragePrice)).toString(), QStringLiteral("99-16+"));
        QCOMPARE(model.data(model.index(0, BlotterModel::Leaves)).toString(), QStringLiteral("60"));
        QVERIFY(model.csv().startsWith(QStringLiteral("Time (UTC),Order,Account,Instrument")));
        QCOMPARE(model.csv().count(QStringLiteral("\r\n")), 2);
    }

    void optionChainModel()
    {
        const QList<QDate> expiries = OptionChain::expiries(reference, QStringLiteral("MSFT"));
        QVERIFY(expiries.contains(QDate(2027, 1, 15)));
        auto chain = OptionChain::build(reference, QStringLiteral("MSFT"), QDate(2027, 1, 15), 432.1, 0.22, 0.045, QDate(2026, 11, 20));
        QVERIFY(chain.ok());
        OptionChainModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setChain(*chain);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(OptionChainModel::ColumnCount));
        QCOMPARE(model.data(model.index(2, OptionChainModel::Strike)).toString(), QStringLiteral("430.00"));
        QVERIFY(model.data(model.index(2, OptionChainModel::CallDelta)).toDouble() > 0.4);
        QVERIFY(model.data(model.index(2, OptionChainModel::PutDelta)).toDouble() < -0.4);
        QVERIFY(model.data(model.index(0, OptionChainModel::CallPrice), OptionChainModel::InstrumentRole).toString().startsWith(u"MSFT"));
    }

    void alertsPanel()
    {
        AlertsPanel panel(nullptr, reference);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString ten = reference.instrument(QStringLiteral("UST 10Y"))->id;
        panel.model()->append({Alert{QStringLiteral("A1"), QStringLiteral("gap"), QStringLiteral("gap"), QStringLiteral("AAPL"), QStringLiteral("AAPL opened up 1.5%"), 1.5, 1795185000000000},
                               Alert{QStringLiteral("A2"), QStringLiteral("yield"), QStringLiteral("yield_move"), ten, QStringLiteral("UST 10Y yield up 5.2 bp"), 5.2, 1795185060000000},
                               Alert{QStringLiteral("A3"), QStringLiteral("gap"), QStringLiteral("gap"), QStringLiteral("MSFT"), QStringLiteral("MSFT opened down 1.1%"), -1.1, 1795185120000000}});
        QCOMPARE(panel.proxy()->rowCount(), 3);
        QVERIFY2(panel.statistics().contains(QStringLiteral("2 gap")), qPrintable(panel.statistics()));
        QVERIFY(panel.statistics().contains(QStringLiteral("1 yield_move")));
        panel.setKindFilter(QStringLiteral("yield_move"));
        QCOMPARE(panel.proxy()->rowCount(), 1);
        QCOMPARE(panel.proxy()->index(0, AlertsModel::Instrument).data().toString(), QStringLiteral("UST 10Y"));
        panel.setKindFilter(QString());
        QCOMPARE(panel.proxy()->rowCount(), 3);
    }

    void filterRulesFromCore()
    {
        BlotterModel model(reference);
        QList<OrderRef> orders;
        for (int n = 0; n < 300; ++n)
            orders.append(order(n, n % 3 == 0 ? OrderState::Filled : n % 3 == 1 ? OrderState::New : OrderState::Rejected));
        model.applyUpdates(orders);
        model.flush();
        BlotterFilterProxy proxy;
        proxy.setSourceModel(&model);
        OrderFilter f;
        f.states = {OrderState::Filled};
        proxy.setFilter(f);
        QCOMPARE(proxy.rowCount(), 100);
        f.side = Side::Buy;
        proxy.setFilter(f);
        QCOMPARE(proxy.rowCount(), 50);
        f = {};
        f.text = QStringLiteral("msft");
        proxy.setFilter(f);
        QCOMPARE(proxy.rowCount(), 100);
        f = {};
        f.workingOnly = true;
        proxy.setFilter(f);
        QCOMPARE(proxy.rowCount(), 100);
        f = {};
        f.instrument = QStringLiteral("MSFT");
        proxy.setFilter(f);
        QCOMPARE(proxy.rowCount(), 100);
    }
};

QTEST_MAIN(TestBlotterModel)
#include "tst_blottermodel.moc"
