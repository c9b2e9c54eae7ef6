// Execution exceptions on screen: the Exceptions tab's model built from the trading state (the
// events a venue's unexpected executions record), an acknowledgement showing who and why, the
// open count in the tab's title, the badge on the order, and the executions' venue price and
// history (busts, corrections).

#include "blotter.h"
#include "blottermodel.h"
#include "exceptionsmodel.h"
#include "oms/executionevents.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QJsonDocument>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace instant;

namespace {

const Actor OmsActor{QStringLiteral("instant"), QStringLiteral("system")};
const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};

// An event as the store would record it on the account's stream, a second after the open per
// sequence number.
RecordedEvent recorded(Sequence sequence, const NewEvent &e, const QString &account = QStringLiteral("DESK-01"))
{
    RecordedEvent r;
    r.sequence = sequence;
    r.streamId = QStringLiteral("account-") + account;
    r.streamVersion = sequence;
    r.type = e.type;
    r.schemaVersion = e.schemaVersion;
    r.recordedUs = test::MarketOpenUs + sequence * 1'000'000;
    r.actor = e.actor;
    r.correlationId = e.correlationId;
    r.payload = e.payloadBytes();
    return r;
}

executions::Exception lateFill()
{
    return {QStringLiteral("DESK-01"), QStringLiteral("O-1"), QStringLiteral("E-9"), executions::kind::FillAfterCancel,
            QStringLiteral("no fill: the order was cancelled"), QStringLiteral("fill 100 @ 228.50")};
}

executions::Exception overfill()
{
    return {QStringLiteral("DESK-01"), QStringLiteral("O-2"), QStringLiteral("E-12"), executions::kind::Overfill,
            QStringLiteral("at most 100 more"), QStringLiteral("fill 150 @ 228.60")};
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class TestExceptionsModel : public QObject
{
    Q_OBJECT

    const ReferenceData reference = test::market();

private Q_SLOTS:
    void exceptionsFromTheStateAndTheirAcknowledgement()
    {
        TradingState state;
        QVERIFY(state.apply(recorded(1, executions::encode(lateFill(), OmsActor))));
        QVERIFY(state.apply(recorded(2, executions::encode(overfill(), OmsActor))));
        QCOMPARE(state.executionExceptions().size(), 2);
        QCOMPARE(state.openExceptions(), 2);

        ExceptionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy open(&model, &ExceptionsModel::openCountChanged);
        model.setRows(state.executionExceptions());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 9);
        QCOMPARE(model.headerData(ExceptionsModel::Kind, Qt::Horizontal).toString(), QStringLiteral("Kind"));
        QCOMPARE(model.headerData(ExceptionsModel::AcknowledgedBy, Qt::Horizontal).toString(), QStringLiteral("Acknowledged by"));
        QCOMPARE(cell(model, 0, ExceptionsModel::Time), QStringLiteral("2026-11-20 14:30:01"));
        QCOMPARE(cell(model, 0, ExceptionsModel::Account), QStringLiteral("DESK-01"));
        QCOMPARE(cell(model, 0, ExceptionsModel::OrderId), QStringLiteral("O-1"));
        QCOMPARE(cell(model, 0, ExceptionsModel::Kind), QStringLiteral("fill after cancel"));
        QCOMPARE(cell(model, 0, ExceptionsModel::Expected), QStringLiteral("no fill: the order was cancelled"));
        QCOMPARE(cell(model, 0, ExceptionsModel::Came), QStringLiteral("fill 100 @ 228.50"));
        QCOMPARE(cell(model, 0, ExceptionsModel::ExecId), QStringLiteral("E-9"));
        QCOMPARE(cell(model, 0, ExceptionsModel::AcknowledgedBy), QString());
        QCOMPARE(cell(model, 1, ExceptionsModel::Kind), QStringLiteral("overfill"));
        QCOMPARE(cell(model, 1, ExceptionsModel::ExecId), QStringLiteral("E-12"));
        QCOMPARE(model.data(model.index(0, 0), ExceptionsModel::SequenceRole).toLongLong(), 1);
        QCOMPARE(model.data(model.index(1, 0), ExceptionsModel::SequenceRole).toLongLong(), 2);
        QVERIFY(model.data(model.index(0, 0), ExceptionsModel::OpenRole).toBool());
        QVERIFY(model.data(model.index(0, ExceptionsModel::Kind), Qt::FontRole).value<QFont>().bold()); // open: bold
        QCOMPARE(model.openCount(), 2);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toInt(), 2);

        // Alice acknowledges the late fill: the same rows, the first one changed in place.
        QVERIFY(state.apply(recorded(3, executions::encode(executions::Acknowledgement{QStringLiteral("DESK-01"), 1,
                                                                                       QStringLiteral("venue confirmed; booked")},
                                                           Alice))));
        QCOMPARE(state.openExceptions(), 1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRows(state.executionExceptions());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, ExceptionsModel::AcknowledgedBy), QStringLiteral("alice"));
        QCOMPARE(cell(model, 0, ExceptionsModel::Note), QStringLiteral("venue confirmed; booked"));
        QVERIFY(cell(model, 0, ExceptionsModel::Time, Qt::ToolTipRole).contains(QStringLiteral("alice")));
        QVERIFY(!model.data(model.index(0, 0), ExceptionsModel::OpenRole).toBool());
        QVERIFY(!model.data(model.index(0, ExceptionsModel::Kind), Qt::FontRole).value<QFont>().bold());
        QCOMPARE(cell(model, 1, ExceptionsModel::AcknowledgedBy), QString()); // the overfill is still open
        QVERIFY(model.data(model.index(1, 0), ExceptionsModel::OpenRole).toBool());
        QCOMPARE(model.openCount(), 1);
        QCOMPARE(open.count(), 2);
        QCOMPARE(open.last().at(0).toInt(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(reset.count(), 0);

        // A new one comes: appended, nothing else told.
        executions::Exception third = lateFill();
        third.orderId = QStringLiteral("O-3");
        third.execId = QStringLiteral("E-20");
        QVERIFY(state.apply(recorded(4, executions::encode(third, OmsActor))));
        model.setRows(state.executionExceptions());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(cell(model, 2, ExceptionsModel::OrderId), QStringLiteral("O-3"));
        QCOMPARE(model.openCount(), 2);
    }

    // The tab's title counts the open ones; without an engine (or for a role that cannot trade)
    // nothing can be acknowledged.
    void theBlotterTabCountsOpenExceptions()
    {
        TradingState state;
        QVERIFY(state.apply(recorded(1, executions::encode(lateFill(), OmsActor))));
        QVERIFY(state.apply(recorded(2, executions::encode(overfill(), OmsActor))));
        Blotter blotter(nullptr, reference);
        auto *tabs = blotter.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(2), QStringLiteral("Exceptions"));
        blotter.exceptions()->setRows(state.executionExceptions());
        QCOMPARE(blotter.exceptionsTabTitle(), QStringLiteral("Exceptions (2)"));
        QCOMPARE(tabs->tabText(2), QStringLiteral("Exceptions (2)"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Executions"));
        QVERIFY(state.apply(recorded(3, executions::encode(executions::Acknowledgement{QStringLiteral("DESK-01"), 2, QString()}, Alice))));
        blotter.exceptions()->setRows(state.executionExceptions());
        QCOMPARE(tabs->tabText(2), QStringLiteral("Exceptions (1)"));
        blotter.exceptionsView()->setCurrentIndex(blotter.exceptions()->index(0, 0)); // the open one
        auto *acknowledge = blotter.findChild<QPushButton *>(QStringLiteral("AcknowledgeExceptionButton"));
        QVERIFY(acknowledge);
        QVERIFY(!acknowledge->isEnabled()); // no engine: nobody to tell

        // "As of": the exceptions as they were, then live again (empty until the engine republishes).
        blotter.showAsOf({}, {}, state.executionExceptions().mid(0, 1));
        QCOMPARE(blotter.exceptions()->rowCount(), 1);
        QCOMPARE(tabs->tabText(2), QStringLiteral("Exceptions (1)"));
        blotter.setLive();
        QCOMPARE(blotter.exceptions()->rowCount(), 0);
        QCOMPARE(tabs->tabText(2), QStringLiteral("Exceptions"));
    }

    void anOrderWithExceptionsShowsABadge()
    {
        BlotterModel model(reference);
        OrderRecord plain;
        plain.orderId = QStringLiteral("O-1");
        plain.account = QStringLiteral("DESK-01");
        plain.instrument = QStringLiteral("AAPL");
        plain.quantity = Quantity(100);
        plain.filled = Quantity(100);
        plain.state = OrderState::Filled;
        plain.createdUs = test::MarketOpenUs;
        OrderRecord flagged = plain;
        flagged.orderId = QStringLiteral("O-2");
        flagged.createdUs = test::MarketOpenUs + 1;
        flagged.exceptions = 2;
        model.setAll({plain, flagged});
        QCOMPARE(model.data(model.index(0, BlotterModel::State)).toString(), QStringLiteral("Filled"));
        QCOMPARE(model.data(model.index(1, BlotterModel::State)).toString(), QStringLiteral("Filled ⚠ 2"));
        QVERIFY(model.data(model.index(1, BlotterModel::State), Qt::ToolTipRole).toString().contains(QStringLiteral("2 execution exception")));
        QVERIFY(model.data(model.index(1, BlotterModel::State), Qt::ForegroundRole).isValid());
        QVERIFY(!model.data(model.index(0, BlotterModel::State), Qt::ForegroundRole).isValid());
        QCOMPARE(model.data(model.index(1, BlotterModel::State), BlotterModel::SortRole).toString(), QStringLiteral("Filled"));
        QVERIFY(!model.csv().contains(QStringLiteral("⚠"))); // the export keeps the plain state
        QCOMPARE(model.columnCount(), int(BlotterModel::ColumnCount));
    }

    void executionsShowTheVenuesPriceAndTheirHistory()
    {
        ExecutionsModel model(reference);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FillRecord onGrid;
        onGrid.execId = QStringLiteral("E-1");
        onGrid.orderId = QStringLiteral("O-1");
        onGrid.instrument = QStringLiteral("AAPL");
        onGrid.quantity = 100;
        onGrid.price = 22850;
        onGrid.sequence = 10;
        FillRecord offGrid = onGrid;
        offGrid.execId = QStringLiteral("E-2");
        offGrid.sequence = 11;
        offGrid.priceText = QStringLiteral("228.5037");
        offGrid.adjustment = QStringLiteral("corrected by C-1 (was 100 @ 228.49)");
        FillRecord busted = onGrid;
        busted.execId = QStringLiteral("E-3");
        busted.sequence = 12;
        busted.adjustment = QStringLiteral("busted by B-1 (was 100 @ 228.50)");
        model.setAll({onGrid, offGrid, busted});
        QCOMPARE(model.columnCount(), 13); // with the accrued interest of notes and bonds
        QCOMPARE(model.headerData(ExecutionsModel::History, Qt::Horizontal).toString(), QStringLiteral("History"));
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        QVERIFY(aapl);
        QCOMPARE(cell(model, 0, ExecutionsModel::Price), aapl->formatPrice(Price(22850)));
        QCOMPARE(cell(model, 1, ExecutionsModel::Price), QStringLiteral("228.5037"));
        QCOMPARE(cell(model, 0, ExecutionsModel::History), QString());
        QCOMPARE(cell(model, 1, ExecutionsModel::History), offGrid.adjustment);
        QCOMPARE(cell(model, 1, ExecutionsModel::Quantity, Qt::ToolTipRole), offGrid.adjustment);
        QCOMPARE(cell(model, 2, ExecutionsModel::History), busted.adjustment);
        QVERIFY(model.data(model.index(2, ExecutionsModel::Price), Qt::FontRole).value<QFont>().strikeOut());
        QVERIFY(!model.data(model.index(1, ExecutionsModel::Price), Qt::FontRole).isValid()); // corrected: not struck
        QVERIFY(!model.data(model.index(0, ExecutionsModel::Price), Qt::FontRole).isValid());
    }
};

QTEST_MAIN(TestExceptionsModel)
#include "tst_exceptionsmodel.moc"
