// The simulated venue: seeded markets, market data, execution reports, injected faults.

#include "refdata/referencedata.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QSignalSpy>
#include <QTest>

using namespace instant;

namespace {

const TimestampUs Friday = 1795185000000000;

VenueOrder order(const QString &id, const QString &instrument, Side side, qint64 qty, std::optional<qint64> limit)
{
    VenueOrder o;
    o.orderId = id;
    o.instrument = instrument;
    o.side = side;
    o.quantity = Quantity(qty);
    if (limit)
        o.limitPrice = Price(*limit);
    else
        o.type = OrderType::Market;
    return o;
}

QList<ExecutionReport> reports(const QSignalSpy &spy)
{
    QList<ExecutionReport> out;
    for (const QList<QVariant> &args : spy)
        out << args.at(0).value<ExecutionReport>();
    return out;
}

} // namespace

class TestSimulatedVenue : public QObject
{
    Q_OBJECT

    const ReferenceData reference = test::market();

private Q_SLOTS:
    void sameSeedSameMarket()
    {
        SimulatedVenue a(reference, 7, Friday), b(reference, 7, Friday), c(reference, 8, Friday);
        QSignalSpy ta(&a, &Venue::trade), tb(&b, &Venue::trade);
        for (int i = 0; i < 50; ++i) {
            a.step(60'000'000);
            b.step(60'000'000);
            c.step(60'000'000);
        }
        QCOMPARE(ta.count(), tb.count());
        QVERIFY(ta.count() > 0);
        for (const Instrument *i : reference.instruments()) {
            QCOMPARE(a.topOfBook(i->id).bid, b.topOfBook(i->id).bid);
            QCOMPARE(a.topOfBook(i->id).ask, b.topOfBook(i->id).ask);
        }
        bool differs = false;
        for (const Instrument *i : reference.instruments())
            differs = differs || a.topOfBook(i->id).bid != c.topOfBook(i->id).bid;
        QVERIFY(differs);
    }

    void marketDataFlows()
    {
        SimulatedVenue v(reference, 3, Friday);
        QSignalSpy quotes(&v, &Venue::quote), trades(&v, &Venue::trade), bars(&v, &Venue::bar);
        for (int i = 0; i < 30; ++i)
            v.step(20'000'000); // 10 minutes
        QCOMPARE(quotes.count(), 30 * int(reference.instruments().size()));
        QVERIFY(trades.count() > 0);
        QVERIFY(bars.count() > 0);
        const Bar bar = bars.first().at(0).value<Bar>();
        QVERIFY(bar.low <= bar.open && bar.open <= bar.high);
        QVERIFY(bar.low <= bar.close && bar.close <= bar.high);
        QVERIFY(bar.volume > Quantity(0));
        QCOMPARE(bar.startUs % 60'000'000, 0);
        // Every market has a two-sided book, bid below ask, on ticks.
        for (const Instrument *i : reference.instruments()) {
            const Quote q = v.topOfBook(i->id);
            QVERIFY2(q.bid && q.ask, qPrintable(i->symbol));
            QVERIFY(*q.bid < *q.ask);
            QVERIFY(i->onTick(*q.bid) && i->onTick(*q.ask));
            QVERIFY(v.book(i->id)->depth(Side::Buy, 10).size() >= 3); // five quoted levels, less what noise trades took
        }
    }

    void treasuryMidsMoveInYield()
    {
        SimulatedVenue v(reference, 11, Friday);
        const Instrument *bond = reference.instrument(QStringLiteral("UST 30Y"));
        const Instrument *bill = reference.instrument(QStringLiteral("UST 4W"));
        const auto bond0 = v.topOfBook(bond->id).bid->value();
        const auto bill0 = v.topOfBook(bill->id).bid->value();
        qint64 bondMove = 0, billMove = 0;
        for (int i = 0; i < 200; ++i) {
            v.step(60'000'000);
            bondMove = std::max(bondMove, std::abs(v.topOfBook(bond->id).bid->value() - bond0));
            billMove = std::max(billMove, std::abs(v.topOfBook(bill->id).bid->value() - bill0));
        }
        // The same yield volatility moves a 30-year bond's price far more than a 4-week bill's.
        const double bondPct = double(bondMove) / double(bond0);
        const double billPct = double(billMove) / double(bill0);
        QVERIFY2(bondPct > 5 * billPct, qPrintable(QStringLiteral("30Y %1%, 4W %2%").arg(bondPct * 100).arg(billPct * 100)));
    }

    void reportsForOurOrders()
    {
        SimulatedVenue v(reference, 5, Friday);
        QSignalSpy spy(&v, &Venue::executionReport);
        const QString aapl = QStringLiteral("AAPL");
        const qint64 ask = v.topOfBook(aapl).ask->value();
        v.submit(order(QStringLiteral("o1"), aapl, Side::Buy, 100, ask));
        auto r = reports(spy);
        QCOMPARE(r.first().kind, ExecutionReport::Kind::Acknowledged);
        QCOMPARE(r.last().kind, ExecutionReport::Kind::Fill);
        QCOMPARE(r.last().cumulative.value(), 100);
        QCOMPARE(r.last().leaves.value(), 0);
        QVERIFY(!v.workingQuantity(QStringLiteral("o1")));

        spy.clear();
        v.submit(order(QStringLiteral("o2"), aapl, Side::Buy, 100, ask - 500)); // far below: rests
        QCOMPARE(v.workingQuantity(QStringLiteral("o2"))->value(), 100);
        v.replace(QStringLiteral("o2"), Price(ask - 400), Quantity(300));
        QCOMPARE(reports(spy).last().kind, ExecutionReport::Kind::Replaced);
        QCOMPARE(v.workingQuantity(QStringLiteral("o2"))->value(), 300);
        v.cancel(QStringLiteral("o2"));
        QCOMPARE(reports(spy).last().kind, ExecutionReport::Kind::Cancelled);
        v.cancel(QStringLiteral("o2"));
        QCOMPARE(reports(spy).last().kind, ExecutionReport::Kind::CancelRejected);
        v.submit(order(QStringLiteral("o3"), QStringLiteral("NOPE"), Side::Buy, 1, 1));
        QCOMPARE(reports(spy).last().kind, ExecutionReport::Kind::Rejected);

        spy.clear();
        v.submit(order(QStringLiteral("o4"), aapl, Side::Buy, 100, ask - 500));
        v.endOfDay();
        QCOMPARE(reports(spy).last().kind, ExecutionReport::Kind::Expired);
        QCOMPARE(v.tradeDate(), QDate(2026, 11, 23)); // Friday's close → Monday
    }

    void injectedFaults()
    {
        SimulatedVenue v(reference, 5, Friday);
        QSignalSpy spy(&v, &Venue::executionReport);
        const QString ko = QStringLiteral("KO");
        const qint64 bid = v.topOfBook(ko).bid->value();

        v.setFaults(VenueFaults{0, 0, true});
        v.submit(order(QStringLiteral("f1"), ko, Side::Buy, 100, bid));
        QCOMPARE(reports(spy).last().kind, ExecutionReport::Kind::Rejected);
        QVERIFY(reports(spy).last().text.contains(QStringLiteral("outage")));

        v.setFaults(VenueFaults{1.0, 0, false});
        v.submit(order(QStringLiteral("f2"), ko, Side::Buy, 100, bid));
        QCOMPARE(reports(spy).last().kind, ExecutionReport::Kind::Rejected);

        spy.clear();
        v.setFaults(VenueFaults{0, 3, false});
        v.submit(order(QStringLiteral("f3"), ko, Side::Buy, 100, bid - 300));
        QCOMPARE(spy.count(), 0); // no acknowledgement yet
        v.step();
        v.step();
        QCOMPARE(spy.count(), 0);
        v.step();
        QCOMPARE(reports(spy).first().kind, ExecutionReport::Kind::Acknowledged);
        QVERIFY(v.workingQuantity(QStringLiteral("f3")));
    }
};

QTEST_GUILESS_MAIN(TestSimulatedVenue)
#include "tst_simulatedvenue.moc"
