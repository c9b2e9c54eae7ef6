// Treasury bills quoted on the simulated curve: their discount and investment rates agree with
// the curve's short end, even when the definitions were recorded on an earlier day (a store's
// listings), and they pull to par as the days go by.

#include "analytics/bondanalytics.h"
#include "analytics/fixedincome.h"
#include "demo/demomarket.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QTest>

using namespace instant;

namespace {

struct BillRate
{
    QString symbol;
    double investment = 0;
    double curve = 0;
};

QList<BillRate> billRates(const SimulatedVenue &venue, const ReferenceData &reference)
{
    QList<BillRate> out;
    const QDate date = venue.tradeDate();
    const QDate settle = date.addDays(1);
    for (const Instrument *i : reference.instruments()) {
        if (i->kind != InstrumentKind::TreasuryBill || !venue.isListed(i->id) || i->maturityDate <= settle)
            continue;
        const Quote q = venue.topOfBook(i->id);
        if (!q.bid || !q.ask)
            continue;
        analytics::BillQuery query;
        query.maturity = i->maturityDate;
        query.settle = settle;
        query.price = (i->toDouble(*q.bid) + i->toDouble(*q.ask)) / 2.0;
        auto a = analytics::analyzeBill(query);
        if (!a)
            continue;
        out.append({i->symbol, a->investmentPercent, DemoMarket::yieldPercent(date, double(settle.daysTo(i->maturityDate)) / 365.25)});
    }
    return out;
}

} // namespace

class TestBillQuotes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void billsYieldTheCurvesShortEnd()
    {
        // The instruments as recorded a month before: the bills' prices are that day's.
        const ReferenceData listed = DemoMarket::referenceData(test::MarketDate.addMonths(-1));
        SimulatedVenue stale(listed, 7, test::MarketOpenUs);
        double worst = 0;
        for (const BillRate &b : billRates(stale, listed))
            worst = std::max(worst, std::abs(b.investment - b.curve));
        QVERIFY2(worst > 0.5, "without the curve, a month-old bill price is far off the curve (the defect)");

        SimulatedVenue venue(listed, 7, test::MarketOpenUs);
        venue.setYieldCurve(&DemoMarket::yieldPercent);
        const QList<BillRate> rates = billRates(venue, listed);
        QVERIFY(rates.size() >= 4);
        for (const BillRate &b : rates)
            QVERIFY2(std::abs(b.investment - b.curve) < 0.05,
                     qPrintable(QStringLiteral("%1: %2% against the curve's %3%").arg(b.symbol).arg(b.investment, 0, 'f', 3).arg(b.curve, 0, 'f', 3)));
    }

    void billsPullToParDayByDay()
    {
        const ReferenceData reference = test::market();
        SimulatedVenue venue(reference, 11, test::MarketOpenUs);
        venue.setYieldCurve(&DemoMarket::yieldPercent);
        for (int day = 0; day < 10; ++day) {
            venue.endOfDay();
            venue.step(60'000'000); // the next morning's first quotes
        }
        // Ten sessions on, the 4-week bill has run down towards par; its rate is still a short rate.
        for (const BillRate &b : billRates(venue, reference))
            QVERIFY2(b.investment > 0 && std::abs(b.investment - b.curve) < 0.5,
                     qPrintable(QStringLiteral("%1: %2% against the curve's %3%").arg(b.symbol).arg(b.investment, 0, 'f', 3).arg(b.curve, 0, 'f', 3)));
    }
};

QTEST_GUILESS_MAIN(TestBillQuotes)
#include "tst_billquotes.moc"
