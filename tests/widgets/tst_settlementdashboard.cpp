// The settlement dashboard fed a known set of trades: counts and amounts per bucket, per account
// and in total, worked out by hand; the list of a bucket; and the figures moving as trades
// settle, fail and come due.

#include "settlementdashboard.h"
#include "lifecyclemodel.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace instant;

namespace {

const QString Desk1 = QStringLiteral("DESK-01");
const QString Desk2 = QStringLiteral("DESK-02");
const QString NotDelivered = QStringLiteral("securities not delivered: sells 100, 0 settled");

// A stock execution: price in cents a share, the amount worked out by hand by the caller.
FillRecord trade(const QString &id, const QString &account, const QString &symbol, Side side, qint64 quantity,
                 qint64 priceCents, qint64 amountCents, QDate tradeDate, QDate settleDate, bool settled = false)
{
    FillRecord f;
    f.execId = QStringLiteral("E-") + id;
    f.orderId = id;
    f.account = account;
    f.instrument = symbol;
    f.side = side;
    f.quantity = quantity;
    f.price = priceCents;
    f.notionalCents = amountCents;
    f.tradeDate = tradeDate;
    f.settleDate = settleDate;
    f.settled = settled;
    return f;
}

const QDate Fri(2026, 11, 20), Mon(2026, 11, 23), Tue(2026, 11, 24), Wed(2026, 11, 25);

// Today is Tuesday 2026-11-24.
QList<FillRecord> knownTrades()
{
    FillRecord failed = trade(QStringLiteral("T4"), Desk2, QStringLiteral("AAPL"), Side::Sell, 100, 23000, 2'300'000, Mon, Tue);
    failed.failReason = NotDelivered;
    failed.failedOn = Tue;
    return {
        trade(QStringLiteral("T1"), Desk1, QStringLiteral("AAPL"), Side::Buy, 100, 22850, 2'285'000, Mon, Tue),  // due: $22,850.00
        trade(QStringLiteral("T2"), Desk1, QStringLiteral("MSFT"), Side::Sell, 50, 42000, 2'100'000, Tue, Wed),  // pending: $21,000.00
        trade(QStringLiteral("T3"), Desk2, QStringLiteral("NVDA"), Side::Buy, 200, 14025, 2'805'000, Tue, Wed),  // pending: $28,050.00
        failed,                                                                                                 // failed: $23,000.00
        trade(QStringLiteral("T5"), Desk1, QStringLiteral("MSFT"), Side::Buy, 50, 41500, 2'075'000, Fri, Mon, true),  // $20,750.00
        trade(QStringLiteral("T6"), Desk2, QStringLiteral("NVDA"), Side::Sell, 100, 14100, 1'410'000, Fri, Mon, true), // $14,100.00
    };
}

SettlementAmounts amounts(qint64 trades, qint64 pay, qint64 receive)
{
    SettlementAmounts a;
    a.trades = trades;
    a.payCents = pay;
    a.receiveCents = receive;
    return a;
}

QString money(double dollars)
{
    return QLocale().toString(dollars, 'f', 2);
}

} // namespace

namespace QTest {
template <>
char *toString(const SettlementAmounts &a)
{
    return qstrdup(qPrintable(QStringLiteral("%1 trades, pay %2, receive %3").arg(a.trades).arg(a.payCents).arg(a.receiveCents)));
}
} // namespace QTest

class TestSettlementDashboard : public QObject
{
    Q_OBJECT

    ReferenceData reference = test::market();

    static QString cell(const QAbstractItemModel *model, int row, int column)
    {
        return model->index(row, column).data().toString();
    }

private Q_SLOTS:
    void countsAndAmountsPerBucket()
    {
        SettlementDashboard panel(nullptr, reference);
        QAbstractItemModelTester tradesTester(panel.trades());
        QAbstractItemModelTester summaryTester(panel.summaryModel());
        panel.setToday(Tue);
        panel.applyExecutions(knownTrades());
        const SettlementSummaryModel *model = panel.summaryModel();
        const SettlementSummary &s = model->summary();

        QCOMPARE(s.total(SettlementBucket::Pending), amounts(2, 2'805'000, 2'100'000));
        QCOMPARE(s.account(SettlementBucket::Pending, Desk1), amounts(1, 0, 2'100'000));
        QCOMPARE(s.account(SettlementBucket::Pending, Desk2), amounts(1, 2'805'000, 0));
        QCOMPARE(s.total(SettlementBucket::SettlingToday), amounts(1, 2'285'000, 0));
        QCOMPARE(s.account(SettlementBucket::SettlingToday, Desk2), amounts(0, 0, 0));
        QCOMPARE(s.total(SettlementBucket::Settled), amounts(2, 2'075'000, 1'410'000));
        QCOMPARE(s.total(SettlementBucket::Failed), amounts(1, 0, 2'300'000));
        QCOMPARE(s.account(SettlementBucket::Failed, Desk2), amounts(1, 0, 2'300'000));

        // As shown: 4 buckets × (total + 2 accounts).
        QCOMPARE(model->rowCount(), 12);
        const int pending = model->rowOf(SettlementBucket::Pending);
        QCOMPARE(cell(model, pending, SettlementSummaryModel::Bucket), QStringLiteral("Pending"));
        QCOMPARE(cell(model, pending, SettlementSummaryModel::Trades), QStringLiteral("2"));
        QCOMPARE(cell(model, pending, SettlementSummaryModel::ToPay), money(28050.00));
        QCOMPARE(cell(model, pending, SettlementSummaryModel::ToReceive), money(21000.00));
        QCOMPARE(cell(model, pending, SettlementSummaryModel::Net), money(-7050.00));
        const int pending2 = model->rowOf(SettlementBucket::Pending, Desk2);
        QCOMPARE(cell(model, pending2, SettlementSummaryModel::Account), Desk2);
        QCOMPARE(cell(model, pending2, SettlementSummaryModel::Net), money(-28050.00));
        QCOMPARE(cell(model, model->rowOf(SettlementBucket::Settled), SettlementSummaryModel::Net), money(-6650.00));
        QCOMPARE(cell(model, model->rowOf(SettlementBucket::Failed), SettlementSummaryModel::Net), money(23000.00));

        // The failed bucket's list: the trade, its amount and the reason.
        panel.selectBucket(SettlementBucket::Failed);
        const QAbstractItemModel *list = panel.bucketTrades();
        QCOMPARE(list->rowCount(), 1);
        QCOMPARE(cell(list, 0, SettlementTradesModel::TradeDate), QStringLiteral("2026-11-23"));
        QCOMPARE(cell(list, 0, SettlementTradesModel::SettleDate), QStringLiteral("2026-11-24"));
        QCOMPARE(cell(list, 0, SettlementTradesModel::Account), Desk2);
        QCOMPARE(cell(list, 0, SettlementTradesModel::Instrument), QStringLiteral("AAPL"));
        QCOMPARE(cell(list, 0, SettlementTradesModel::Side), QStringLiteral("Sell"));
        QCOMPARE(cell(list, 0, SettlementTradesModel::Quantity), QLocale().toString(100));
        QCOMPARE(cell(list, 0, SettlementTradesModel::Price), QStringLiteral("230.00"));
        QCOMPARE(cell(list, 0, SettlementTradesModel::Amount), money(23000.00));
        QCOMPARE(cell(list, 0, SettlementTradesModel::Status), QStringLiteral("failed"));
        QVERIFY(cell(list, 0, SettlementTradesModel::Reason).contains(NotDelivered));

        // One account of a bucket.
        panel.selectBucket(SettlementBucket::Pending, Desk2);
        QCOMPARE(list->rowCount(), 1);
        QCOMPARE(cell(list, 0, SettlementTradesModel::Amount), money(-28050.00));
        panel.selectBucket(SettlementBucket::Pending);
        QCOMPARE(list->rowCount(), 2);
    }

    void updatesAsTradesSettleFailAndComeDue()
    {
        SettlementDashboard panel(nullptr, reference);
        QAbstractItemModelTester tradesTester(panel.trades());
        QAbstractItemModelTester summaryTester(panel.summaryModel());
        panel.setToday(Tue);
        QList<FillRecord> trades = knownTrades();
        panel.applyExecutions(trades);
        panel.selectBucket(SettlementBucket::Settled);
        const QAbstractItemModel *list = panel.bucketTrades();
        QCOMPARE(list->rowCount(), 2);
        const SettlementSummaryModel *model = panel.summaryModel();

        // The worker settles T1 (due today): the row changes in place, no new row.
        FillRecord t1 = trades[0];
        t1.settled = true;
        panel.applyExecutions({t1});
        QCOMPARE(panel.trades()->rowCount(), 6);
        QCOMPARE(model->summary().total(SettlementBucket::SettlingToday), amounts(0, 0, 0));
        QCOMPARE(model->summary().total(SettlementBucket::Settled), amounts(3, 2'075'000 + 2'285'000, 1'410'000));
        QCOMPARE(list->rowCount(), 3);

        // A retry settles the failed sale: it leaves the failed bucket, its reason stays.
        FillRecord t4 = trades[3];
        t4.settled = true;
        panel.applyExecutions({t4});
        QCOMPARE(model->summary().total(SettlementBucket::Failed), amounts(0, 0, 0));
        QCOMPARE(model->summary().total(SettlementBucket::Settled), amounts(4, 4'360'000, 1'410'000 + 2'300'000));
        QCOMPARE(cell(model, model->rowOf(SettlementBucket::Settled), SettlementSummaryModel::Net), money(-6500.00));
        QCOMPARE(list->rowCount(), 4);

        // A new trade arrives pending.
        panel.applyExecutions({trade(QStringLiteral("T7"), Desk1, QStringLiteral("AAPL"), Side::Sell, 10, 23100, 231'000, Tue, Wed)});
        QCOMPARE(model->summary().total(SettlementBucket::Pending), amounts(3, 2'805'000, 2'100'000 + 231'000));

        // Wednesday: the pending trades come due.
        panel.setToday(Wed);
        QCOMPARE(model->summary().total(SettlementBucket::Pending), amounts(0, 0, 0));
        QCOMPARE(model->summary().total(SettlementBucket::SettlingToday), amounts(3, 2'805'000, 2'331'000));
        panel.selectBucket(SettlementBucket::SettlingToday);
        QCOMPARE(list->rowCount(), 3);
        for (int r = 0; r < list->rowCount(); ++r)
            QCOMPARE(cell(list, r, SettlementTradesModel::Status), QStringLiteral("due"));

        // ...and one of them fails: it moves to the failed bucket with its reason.
        FillRecord t3 = trades[2];
        t3.failReason = QStringLiteral("cash short: needs $28,050.00, $10,000.00 settled cash");
        t3.failedOn = Wed;
        panel.applyExecutions({t3});
        QCOMPARE(model->summary().total(SettlementBucket::Failed), amounts(1, 2'805'000, 0));
        QCOMPARE(model->summary().account(SettlementBucket::Failed, Desk2), amounts(1, 2'805'000, 0));
        QCOMPARE(list->rowCount(), 2);
        QCOMPARE(cell(model, model->rowOf(SettlementBucket::Failed), SettlementSummaryModel::ToPay), money(28050.00));
    }

    // One publish of the engine carries the new executions, then those settled since: a trade new
    // in the list with its settlement after it is one row, settled (it used to be written past the
    // end of the rows).
    void aNewTradeAndItsSettlementInOneList()
    {
        SettlementTradesModel model(reference);
        QAbstractItemModelTester tester(&model);
        const QList<FillRecord> trades = knownTrades();
        model.applyExecutions(trades);
        FillRecord fresh = trade(QStringLiteral("T9"), Desk1, QStringLiteral("AAPL"), Side::Buy, 5, 23000, 115'000, Mon, Tue);
        FillRecord freshSettled = fresh;
        freshSettled.settled = true;
        model.applyExecutions({fresh, freshSettled});
        QCOMPARE(model.rowCount(), trades.size() + 1);
        QCOMPARE(model.trades().constLast().orderId, QStringLiteral("T9"));
        QVERIFY(model.trades().constLast().settled);

        SettlementTradesModel first(reference); // the same in the first list of all
        first.applyExecutions({fresh, freshSettled, trades.constFirst()});
        QCOMPARE(first.rowCount(), 2);
        QVERIFY(first.trades().constFirst().settled);
        QCOMPARE(first.trades().constLast().orderId, trades.constFirst().orderId);
    }

    // The dashboard holds what the engine holds (capacity): past a tenth more, the oldest settled
    // trades go; a trade still to settle or failing stays however old; rows still find their trade.
    void theOldestSettledTradesGoPastItsCapacity()
    {
        SettlementTradesModel model(reference, nullptr, 10);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        auto nth = [](int i, bool settled = false) {
            return trade(QStringLiteral("T%1").arg(i, 2, 10, QLatin1Char('0')), Desk1, QStringLiteral("AAPL"), Side::Buy, 1, 100, 100,
                         Mon, Tue, settled);
        };
        QList<FillRecord> first;
        for (int i = 0; i < 11; ++i)
            first << nth(i);
        model.applyExecutions(first);
        QCOMPARE(model.rowCount(), 11); // 10 and a tenth: nothing goes yet
        model.applyExecutions({nth(11)});
        QCOMPARE(model.rowCount(), 12); // past it, but nothing has settled: every trade stays
        QCOMPARE(resets.size(), 0);

        FillRecord failing = nth(1);
        failing.failReason = NotDelivered;
        failing.failedOn = Tue;
        model.applyExecutions({nth(0, true), failing, nth(2, true), nth(3, true), nth(4, true)});
        // Two go (12 - 10): the oldest settled, T00 and T02. T01 is older but failing: it stays.
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(resets.size(), 1);
        QStringList held;
        for (const FillRecord &f : model.trades())
            held << f.orderId;
        QCOMPARE(held, (QStringList{QStringLiteral("T01"), QStringLiteral("T03"), QStringLiteral("T04"), QStringLiteral("T05"),
                                    QStringLiteral("T06"), QStringLiteral("T07"), QStringLiteral("T08"), QStringLiteral("T09"),
                                    QStringLiteral("T10"), QStringLiteral("T11")}));
        QVERIFY(model.trades().constFirst().failing());

        // After the reset an update still lands on its own row, and a new trade after them all.
        model.applyExecutions({nth(7, true), nth(12)});
        QCOMPARE(model.rowCount(), 11);
        QVERIFY(model.trades().at(5).settled);
        QCOMPARE(model.trades().at(5).orderId, QStringLiteral("T07"));
        QCOMPARE(model.trades().constLast().orderId, QStringLiteral("T12"));
        QCOMPARE(model.data(model.index(5, SettlementTradesModel::Status)).toString(), QStringLiteral("settled"));

        // A settled trade let go of that comes again (a bust, say) is a row again, the newest.
        model.applyExecutions({nth(0, true)});
        QCOMPARE(model.trades().constLast().orderId, QStringLiteral("T00"));
    }

    // The instruments' own dates under the trades: what is coming (expected, soonest first, in
    // grey italics) on top of what was recorded (newest first), with the cash each moved.
    void instrumentsOwnDates()
    {
        SettlementDashboard dashboard(nullptr, reference);
        LifecycleModel *model = dashboard.lifecycle();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString note = reference.instrument(QStringLiteral("UST 3Y"))->id;
        const QString call = reference.instrument(QStringLiteral("AAPL 18DEC26 230 C"))->id;
        QList<TradingState::LifecycleEntry> rows{
            {11, QStringLiteral("OptionExpired"), Desk2, call, QDate(2026, 12, 18), 3, -1'260'00,
             QStringLiteral("expired worthless: AAPL closed at 226.10, strike 230.00"), false},
            {12, QStringLiteral("CouponPaid"), Desk1, note, QDate(2027, 5, 17), 1'000'000, 1'812'500, QStringLiteral("3.625% on 1,000,000 face"), false},
            {0, QStringLiteral("PrincipalPaid"), Desk1, note, QDate(2029, 11, 15), 1'000'000, 1'000'000'00, QStringLiteral("matures 2029-11-15"), true},
        };
        model->setRows(rows);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->data(model->index(0, LifecycleModel::Event)).toString(), QStringLiteral("Maturity due"));
        QVERIFY(model->data(model->index(0, 0), LifecycleModel::ExpectedRole).toBool());
        QVERIFY(model->data(model->index(0, 0), Qt::FontRole).value<QFont>().italic());
        QCOMPARE(model->data(model->index(1, LifecycleModel::Event)).toString(), QStringLiteral("Coupon paid")); // newest recorded first
        QCOMPARE(model->data(model->index(1, LifecycleModel::Instrument)).toString(), QStringLiteral("UST 3Y"));
        QCOMPARE(model->data(model->index(1, LifecycleModel::Cash)).toString(), QLocale().toString(18'125.0, 'f', 2));
        QCOMPARE(model->data(model->index(2, LifecycleModel::Event)).toString(), QStringLiteral("Expired"));
        QCOMPARE(model->data(model->index(2, LifecycleModel::Cash)).toString(), QLocale().toString(-1'260.0, 'f', 2));
        QVERIFY(model->data(model->index(2, LifecycleModel::Detail)).toString().contains(QStringLiteral("closed at 226.10")));
        if (const QString dir = qEnvironmentVariable("INSTANT_SCREENSHOTS"); !dir.isEmpty()) {
            dashboard.applyExecutions(knownTrades());
            dashboard.setToday(Tue);
            dashboard.resize(1000, 560);
            dashboard.grab().save(dir + QStringLiteral("/settlement-lifecycle.png"));
        }
    }
};

QTEST_MAIN(TestSettlementDashboard)
#include "tst_settlementdashboard.moc"
