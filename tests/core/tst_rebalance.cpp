// Portfolio targets and rebalance proposals: the arithmetic worked by hand, DV01 buckets against
// a DV01 computed here from the bond's cash flows, and the workflow on a real store (events
// recorded and replayed, accept sent once, a compliance refusal shown with its reason).

#include "analytics/bondanalytics.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "portfolio/portfoliodesk.h"
#include "portfolio/rebalancer.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>

using namespace instant;
using namespace instant::test;

namespace {

const TimestampUs Friday = 1795185000000000; // 2026-11-20 14:30 UTC
const QDate Settle(2026, 11, 23);            // T+1 from Friday
const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};
const Actor Carol{QStringLiteral("carol"), QStringLiteral("compliance")};

// Dirty price per 100 of a Treasury note at a street yield (semiannual compounding, the first
// period's fraction in days of the coupon period), and its accrued interest: from the cash flows.
struct CashFlowPrice
{
    double dirty = 0;
    double accrued = 0;
};

CashFlowPrice priceFromCashFlows(double couponPercent, QDate maturity, QDate settle, double yield)
{
    QList<QDate> dates;
    QDate previous;
    for (int k = 0;; ++k) {
        const QDate d = maturity.addMonths(-6 * k);
        if (d <= settle) {
            previous = d;
            break;
        }
        dates.prepend(d);
    }
    const double fraction = double(settle.daysTo(dates.first())) / double(previous.daysTo(dates.first()));
    const double coupon = couponPercent / 2.0;
    CashFlowPrice p;
    for (int j = 0; j < dates.size(); ++j)
        p.dirty += (coupon + (dates[j] == maturity ? 100.0 : 0.0)) / std::pow(1.0 + yield / 2.0, fraction + j);
    p.accrued = coupon * double(previous.daysTo(settle)) / double(previous.daysTo(dates.first()));
    return p;
}

// DV01 per unit of face: the yield solved from the clean price by bisection, then the slope of
// the dirty price in yield (central difference) times one basis point, per 100 of face → per unit.
double dv01FromCashFlows(double couponPercent, QDate maturity, QDate settle, double cleanPrice)
{
    double lo = -0.05, hi = 0.5;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        const CashFlowPrice p = priceFromCashFlows(couponPercent, maturity, settle, mid);
        (p.dirty - p.accrued > cleanPrice ? lo : hi) = mid;
    }
    const double y = (lo + hi) / 2, h = 1e-6;
    const double slope = (priceFromCashFlows(couponPercent, maturity, settle, y - h).dirty
                          - priceFromCashFlows(couponPercent, maturity, settle, y + h).dirty) / (2 * h);
    return slope * 1e-4 / 100.0;
}

Instrument stock(const QString &ticker, double price, qint64 lot = 1)
{
    Instrument i;
    i.id = ticker;
    i.symbol = ticker;
    i.kind = InstrumentKind::Equity;
    i.priceScale = 100;
    i.tickSize = 1;
    i.lotSize = lot;
    i.referencePrice = Price(qRound64(price * 100));
    return i;
}

RebalanceHolding holding(const ReferenceData &data, const QString &id, qint64 quantity, qint64 sellable = -1)
{
    const Instrument *i = data.instrument(id);
    return RebalanceHolding{id, quantity, sellable < 0 ? quantity : sellable, i->referencePrice, 0, {}};
}

// A book of five stocks, worked by hand: value 25,000 + 3,000 + 3,200 + 96,800 cash = $128,000.
struct HandBook
{
    ReferenceData data;
    RebalanceInput input;
    HandBook()
    {
        data.addInstrument(stock(QStringLiteral("AAA"), 50.00));
        data.addInstrument(stock(QStringLiteral("BBB"), 20.00));
        data.addInstrument(stock(QStringLiteral("CCC"), 33.33, 100)); // round lots only
        data.addInstrument(stock(QStringLiteral("DDD"), 10.00));
        data.addInstrument(stock(QStringLiteral("EEE"), 40.00));
        input.targets.account = QStringLiteral("PM-1");
        input.targets.kind = TargetKind::Weights;
        input.targets.weightsBp = {{QStringLiteral("AAA"), 1000}, {QStringLiteral("BBB"), 3000},
                                   {QStringLiteral("CCC"), 500},  {QStringLiteral("EEE"), 260}};
        input.targets.toleranceBp = 25; // $320 of $128,000
        input.holdings = {holding(data, QStringLiteral("AAA"), 500), holding(data, QStringLiteral("BBB"), 0),
                          holding(data, QStringLiteral("CCC"), 0),   holding(data, QStringLiteral("DDD"), 300),
                          holding(data, QStringLiteral("EEE"), 80)};
        input.cashCents = 96'800'00;
        input.buyingPowerCents = 96'800'00;
        input.settleDate = Settle;
    }
};

const ExposureRow *row(const RebalanceProposal &p, const QString &key)
{
    for (const ExposureRow &r : p.exposure)
        if (r.key == key)
            return &r;
    return nullptr;
}

struct Desk
{
    TestStores stores;
    QString url = stores.freshUrl();
    std::unique_ptr<EventStore> store = stores.open(url);
    ReferenceData reference = test::market();
    std::unique_ptr<SimulatedVenue> venue = std::make_unique<SimulatedVenue>(reference, 42, Friday);
    std::unique_ptr<OrderManager> oms = std::make_unique<OrderManager>(*store, reference, *venue);
    std::unique_ptr<PortfolioDesk> desk;

    Desk()
    {
        if (!oms->start(Alice))
            qFatal("start failed");
        for (const Account *a : reference.accounts())
            if (!oms->openAccount(a->id, a->openingCashCents, Carol))
                qFatal("open failed");
        if (!oms->setRules(ComplianceEngine::defaultRules(), Carol))
            qFatal("rules failed");
        restartDesk();
    }

    void restartDesk()
    {
        desk = std::make_unique<PortfolioDesk>(*store, reference, *oms);
        if (!desk->start(oms->state().accounts().keys()))
            qFatal("desk start failed");
    }

    QList<RecordedEvent> stream(const QString &id)
    {
        auto events = store->readStream(id);
        return events ? *events : QList<RecordedEvent>{};
    }
};

} // namespace

class TestRebalance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsByRemainingMaturity()
    {
        const ReferenceData data = test::market();
        auto bucketOf = [&](const char *symbol) { return tenorBucket(*data.instrument(QString::fromLatin1(symbol)), Settle); };
        QCOMPARE(bucketOf("UST 4W"), QStringLiteral("2Y"));
        QCOMPARE(bucketOf("UST 2Y"), QStringLiteral("2Y"));
        QCOMPARE(bucketOf("UST 3Y"), QStringLiteral("2Y"));  // 2029-11-15: 2.98 years
        QCOMPARE(bucketOf("UST 5Y"), QStringLiteral("5Y"));  // 2031-10-31: 4.94 years
        QCOMPARE(bucketOf("UST 7Y"), QStringLiteral("5Y"));  // 2033-10-31: 6.94 years
        QCOMPARE(bucketOf("UST 10Y"), QStringLiteral("10Y"));
        QCOMPARE(bucketOf("UST 20Y"), QStringLiteral("30Y")); // 2046-11-15: 19.98 years
        QCOMPARE(bucketOf("UST 30Y"), QStringLiteral("30Y"));
        QCOMPARE(bucketOf("AAPL"), QString());
        // The edges: 3.5, 7.5 and 15 years belong to the shorter bucket, a day more to the longer.
        Instrument note = *data.instrument(QStringLiteral("UST 10Y"));
        const QList<std::tuple<QDate, QString>> edges{
            {QDate(2030, 5, 23), QStringLiteral("2Y")},  {QDate(2030, 5, 24), QStringLiteral("5Y")},
            {QDate(2034, 5, 23), QStringLiteral("5Y")},  {QDate(2034, 5, 24), QStringLiteral("10Y")},
            {QDate(2041, 11, 23), QStringLiteral("10Y")}, {QDate(2041, 11, 24), QStringLiteral("30Y")}};
        for (const auto &[maturity, bucket] : edges) {
            note.maturityDate = maturity;
            QCOMPARE(tenorBucket(note, Settle), bucket);
        }
        note.maturityDate = Settle;
        QCOMPARE(tenorBucket(note, Settle), QString()); // matured
        QCOMPARE(bucketBenchmark(QStringLiteral("10Y"), data)->symbol, QStringLiteral("UST 10Y"));
        QCOMPARE(bucketBenchmark(QStringLiteral("30Y"), data)->symbol, QStringLiteral("UST 30Y"));
    }

    void weightsToQuantitiesByHand()
    {
        HandBook book;
        auto p = Rebalancer::propose(book.input, book.data);
        QVERIFY2(p, qPrintable(p.message()));
        QCOMPARE(p->accountValueCents, 128'000'00);
        // AAA 10% of $128,000 = $12,800, holds $25,000: sell $12,200 / $50 = 244.
        // BBB 30% = $38,400: buy 1,920 at $20. CCC 5% = $6,400 / $33.33 = 192.02: nearest lot of 100 → 200.
        // EEE 2.60% = $3,328, holds $3,200: $128 off, under the $320 tolerance: no line. DDD: no target, left alone.
        QCOMPARE(p->lines.size(), 3);
        const RebalanceLine &sell = p->lines[0], &bbb = p->lines[1], &ccc = p->lines[2];
        QCOMPARE(sell.line, 1);
        QCOMPARE(sell.instrument, QStringLiteral("AAA"));
        QCOMPARE(sell.side, Side::Sell);
        QCOMPARE(sell.quantity, 244);
        QCOMPARE(sell.limitPrice, Price(5000));
        QCOMPARE(sell.notionalCents, 12'200'00);
        QCOMPARE(bbb.instrument, QStringLiteral("BBB"));
        QCOMPARE(bbb.side, Side::Buy);
        QCOMPARE(bbb.quantity, 1920);
        QCOMPARE(bbb.notionalCents, 38'400'00);
        QCOMPARE(ccc.instrument, QStringLiteral("CCC"));
        QCOMPARE(ccc.quantity, 200);
        QCOMPARE(ccc.limitPrice, Price(3333));
        QCOMPARE(ccc.notionalCents, 6'666'00);
        QCOMPARE(p->buyScale, 1.0);
        QVERIFY2(p->notes.join(u'\n').contains(QStringLiteral("within the tolerance, not traded: EEE ($128.00)")), qPrintable(p->notes.join(u'\n')));
        // Cash: 96,800 + 12,200 − 38,400 − 6,666 = 63,934.
        QCOMPARE(p->cashBeforeCents, 96'800'00);
        QCOMPARE(p->cashAfterCents, 63'934'00);
        // Weights before and after (the value stays $128,000 at the marks).
        QCOMPARE(row(*p, QStringLiteral("AAA"))->before, 25'000.0 / 128'000.0 * 100);
        QCOMPARE(row(*p, QStringLiteral("AAA"))->after, 10.0);
        QCOMPARE(*row(*p, QStringLiteral("AAA"))->target, 10.0);
        QCOMPARE(row(*p, QStringLiteral("BBB"))->after, 30.0);
        QCOMPARE(row(*p, QStringLiteral("CCC"))->after, 6'666.0 / 128'000.0 * 100);
        QCOMPARE(row(*p, QStringLiteral("DDD"))->before, 2.34375);
        QCOMPARE(row(*p, QStringLiteral("DDD"))->after, 2.34375);
        QVERIFY(!row(*p, QStringLiteral("DDD"))->target);
        QCOMPARE(row(*p, QStringLiteral("CASH"))->before, 75.625);
        QCOMPARE(row(*p, QStringLiteral("CASH"))->after, 63'934.0 / 128'000.0 * 100);
        QCOMPARE(*row(*p, QStringLiteral("CASH"))->target, 52.4); // 100 − 10 − 30 − 5 − 2.6
    }

    void cashShortScalesTheBuysDown()
    {
        HandBook book;
        book.input.buyingPowerCents = 20'000'00; // the buys want $45,066
        auto p = Rebalancer::propose(book.input, book.data);
        QVERIFY2(p, qPrintable(p.message()));
        // Scale 20,000 / 45,066 = 0.443793...: BBB 1,920 × 0.4438 = 852.08 → 852 ($17,040);
        // CCC 200 × 0.4438 = 88.8 → no whole lot of 100 → dropped. The sale is not scaled.
        QCOMPARE(p->buysWantedCents, 45'066'00);
        QCOMPARE(p->buyScale, 20'000.0 / 45'066.0);
        QCOMPARE(p->lines.size(), 2);
        QCOMPARE(p->lines[0].quantity, 244);
        QCOMPARE(p->lines[1].instrument, QStringLiteral("BBB"));
        QCOMPARE(p->lines[1].quantity, 852);
        QCOMPARE(p->lines[1].requestedQuantity, 1920);
        QCOMPARE(p->buyCents(), 17'040'00);
        QVERIFY(p->buyCents() <= book.input.buyingPowerCents);
        QVERIFY2(p->notes.join(u'\n').contains(QStringLiteral("cash short")), qPrintable(p->notes.join(u'\n')));
        QVERIFY(p->notes.join(u'\n').contains(QStringLiteral("44.4%")));

        // No buying power at all: no buys.
        book.input.buyingPowerCents = 0;
        p = Rebalancer::propose(book.input, book.data);
        QVERIFY(p);
        QCOMPARE(p->lines.size(), 1);
        QCOMPARE(p->lines[0].side, Side::Sell);
    }

    void neverSellsMoreThanHeld()
    {
        HandBook book;
        book.input.targets.weightsBp = {{QStringLiteral("AAA"), 0}, {QStringLiteral("BBB"), 0}};
        book.input.holdings[0].sellable = 300; // 200 of the 500 already offered by a working sell
        auto p = Rebalancer::propose(book.input, book.data);
        QVERIFY2(p, qPrintable(p.message()));
        QCOMPARE(p->lines.size(), 1); // BBB is not held: nothing to sell, never short
        QCOMPARE(p->lines[0].instrument, QStringLiteral("AAA"));
        QCOMPARE(p->lines[0].side, Side::Sell);
        QCOMPARE(p->lines[0].quantity, 300);
        QVERIFY(p->lines[0].note.contains(QStringLiteral("only 300")));

        // Editing a sale above what can be sold is refused; a whole lot is required.
        p->id = QStringLiteral("P1");
        auto edited = Rebalancer::edit(*p, {{1, 301}}, book.data);
        QVERIFY(!edited);
        QVERIFY2(edited.message().contains(QStringLiteral("no short sales")), qPrintable(edited.message()));
    }

    void weightsAboveAHundredPercentAreRefused()
    {
        HandBook book;
        book.input.targets.weightsBp[QStringLiteral("DDD")] = 6000;
        auto p = Rebalancer::propose(book.input, book.data);
        QVERIFY(!p);
        QVERIFY2(p.message().contains(QStringLiteral("107.60%")), qPrintable(p.message()));
    }

    void dv01PerUnitMatchesTheCashFlows()
    {
        // The DV01 the rebalancer is given, against one computed here from the cash flows.
        const ReferenceData data = test::market();
        const Instrument &ten = *data.instrument(QStringLiteral("UST 10Y"));
        const Instrument &five = *data.instrument(QStringLiteral("UST 5Y"));
        // The cash flows worked by hand for a 4 1/8% note of 15 November 2036 and a 3 3/4% of
        // 31 October 2031.
        QVERIFY(std::abs(dv01FromCashFlows(4.125, QDate(2036, 11, 15), Settle, 99.5) - 0.000806435181) < 1e-11); // $806.44 per 1mm
        QVERIFY(std::abs(dv01FromCashFlows(3.75, QDate(2031, 10, 31), Settle, 99.5625) - 0.000444638132) < 1e-11); // $444.64 per 1mm
        // The market's 10- and 5-year notes, whatever their coupons: the analytic DV01 (modified
        // duration × dirty price × 1bp) against the slope of the cash flows' price: equal to a cent
        // per $1mm (QuantLib adds a small convexity term).
        const double ten01 = dv01FromCashFlows(ten.couponPercent, ten.maturityDate, Settle, 99.5);
        const double five01 = dv01FromCashFlows(five.couponPercent, five.maturityDate, Settle, 99.5625);
        const double q10 = *analytics::dv01PerUnitFace(ten, *ten.parsePrice(QStringLiteral("99-16")), Settle);
        const double q5 = *analytics::dv01PerUnitFace(five, *five.parsePrice(QStringLiteral("99-18")), Settle);
        QVERIFY2(std::abs(q10 - ten01) * 1e6 < 0.01, qPrintable(QString::number(q10 * 1e6, 'f', 6)));
        QVERIFY2(std::abs(q5 - five01) * 1e6 < 0.01, qPrintable(QString::number(q5 * 1e6, 'f', 6)));
    }

    void dv01BucketsToQuantities()
    {
        const ReferenceData data = test::market();
        const Instrument &five = *data.instrument(QStringLiteral("UST 5Y"));
        const Instrument &two = *data.instrument(QStringLiteral("UST 2Y"));
        const double five01 = dv01FromCashFlows(3.75, QDate(2031, 10, 31), Settle, 99.5625);
        RebalanceInput in;
        in.targets.account = QStringLiteral("DESK-01");
        in.targets.kind = TargetKind::Dv01;
        in.targets.dv01Dollars = {{QStringLiteral("5Y"), 3000}};
        in.targets.toleranceDollars = 500;
        in.settleDate = Settle;
        in.cashCents = in.buyingPowerCents = 50'000'000'00;
        // 20mm 5Y: DV01 20,000,000 × 0.000444638132 = $8,892.76; the 2Y has no target.
        in.holdings = {RebalanceHolding{five.id, 20'000'000, 20'000'000, *five.parsePrice(QStringLiteral("99-18")), five01, QStringLiteral("5Y")},
                       RebalanceHolding{two.id, 5'000'000, 5'000'000, two.referencePrice, 0.000190, QStringLiteral("2Y")}};
        auto p = Rebalancer::propose(in, data);
        QVERIFY2(p, qPrintable(p.message()));
        // Take out 8,892.76 − 3,000 = $5,892.76: / 0.000444638132 = 13,252,945.6 → 13,253,000 face.
        QCOMPARE(p->lines.size(), 1);
        QCOMPARE(p->lines[0].instrument, five.id);
        QCOMPARE(p->lines[0].side, Side::Sell);
        QCOMPARE(p->lines[0].quantity, 13'253'000);
        QCOMPARE(p->lines[0].limitPrice, *five.parsePrice(QStringLiteral("99-18"))); // on a quarter-32nd tick
        // 13,253,000 × 99.5625% = $13,195,018.125, rounded down to the cent: what the sale at least brings.
        QCOMPARE(p->lines[0].notionalCents, 13'195'018'12);
        const ExposureRow *bucket5 = row(*p, QStringLiteral("5Y"));
        QVERIFY(std::abs(bucket5->before - 8892.76264) < 0.01);
        QVERIFY(std::abs(bucket5->after - 6'747'000 * 0.000444638132) < 0.01); // $2,999.97
        QCOMPARE(*bucket5->target, 3000.0);
        QCOMPARE(row(*p, QStringLiteral("2Y"))->before, row(*p, QStringLiteral("2Y"))->after);
        QVERIFY(!row(*p, QStringLiteral("2Y"))->target);

        // Wanting more DV01 than is held to sell: all of it, and a note; never short.
        in.targets.dv01Dollars = {{QStringLiteral("5Y"), 0}};
        in.holdings[0].sellable = 4'000'000;
        p = Rebalancer::propose(in, data);
        QVERIFY(p);
        QCOMPARE(p->lines.size(), 1);
        QCOMPARE(p->lines[0].quantity, 4'000'000);
        QVERIFY2(p->notes.join(u'\n').contains(QStringLiteral("no short sales")), qPrintable(p->notes.join(u'\n')));
    }

    void deskBuysTheBucketBenchmark()
    {
        // From nothing to $8,000 of 10Y DV01 at 99-16: the desk prices DV01 itself (QuantLib); by
        // the cash flows of the market's 10-year (4 1/4% of 15 November 2036), 8,000 / 0.0008017
        // ≈ 9,979,000 face, to the nearest $1,000 (checked below from the cash flows).
        Desk d;
        PortfolioTargets t;
        t.account = QStringLiteral("DESK-01");
        t.kind = TargetKind::Dv01;
        t.dv01Dollars = {{QStringLiteral("10Y"), 8000}};
        QVERIFY(d.desk->setTargets(t, Alice));
        const Instrument &ten = *d.reference.instrument(QStringLiteral("UST 10Y"));
        auto p = d.desk->propose(t.account, {{ten.id, *ten.parsePrice(QStringLiteral("99-16"))}}, Settle, Alice);
        QVERIFY2(p, qPrintable(p.message()));
        QCOMPARE(p->lines.size(), 1);
        QCOMPARE(p->lines[0].instrument, ten.id);
        QCOMPARE(p->lines[0].side, Side::Buy);
        const double ten01 = dv01FromCashFlows(ten.couponPercent, ten.maturityDate, Settle, 99.5);
        QCOMPARE(p->lines[0].quantity, qRound64(8000.0 / ten01 / 1000.0) * 1000);
        QCOMPARE(ten.formatPrice(p->lines[0].limitPrice), QStringLiteral("99-16"));
        QVERIFY(std::abs(row(*p, QStringLiteral("10Y"))->after - double(p->lines[0].quantity) * ten01) < 0.05);
    }

    void eventsAreRecordedAndReplayed()
    {
        Desk d;
        const QString account = QStringLiteral("DESK-02"); // $100m cash, no positions
        PortfolioTargets t;
        t.account = account;
        t.weightsBp = {{QStringLiteral("AAPL"), 100}, {QStringLiteral("MSFT"), 150}};
        QVERIFY(d.desk->setTargets(t, Alice));
        const QHash<QString, Price> marks{{QStringLiteral("AAPL"), Price(22850)}, {QStringLiteral("MSFT"), Price(43210)}};
        auto first = d.desk->propose(account, marks, Settle, Alice);
        QVERIFY2(first, qPrintable(first.message()));
        // 1% of $100m = $1,000,000 / $228.50 = 4,376.37 → 4,376; 1.5% = $1,500,000 / $432.10 = 3,471.4 → 3,471.
        QCOMPARE(first->id, QStringLiteral("RB-DESK-02-1"));
        QCOMPARE(first->lines.size(), 2);
        QCOMPARE(first->lines[0].quantity, 4376);
        QCOMPARE(first->lines[1].quantity, 3471);
        auto edited = d.desk->edit(first->id, {{1, 4000}, {2, 0}}, Alice);
        QVERIFY2(edited, qPrintable(edited.message()));
        QCOMPARE(edited->lines.size(), 1);
        QCOMPARE(edited->lines[0].quantity, 4000);
        QCOMPARE(edited->cashAfterCents, 100'000'000'00 - 4000 * 22850);
        QVERIFY(d.desk->reject(first->id, QStringLiteral("waiting for the CPI print"), Alice));
        QVERIFY(!d.desk->reject(first->id, QStringLiteral("again"), Alice)); // already rejected
        QVERIFY(!d.desk->accept(first->id, {}, Alice));
        auto second = d.desk->propose(account, marks, Settle, Alice);
        QVERIFY(second);
        QCOMPARE(second->id, QStringLiteral("RB-DESK-02-2"));
        QVERIFY(d.desk->accept(second->id, {}, Alice));

        QStringList types;
        for (const RecordedEvent &e : d.stream(events::portfolioStream(account)))
            types << e.type;
        QCOMPARE(types, (QStringList{events::PortfolioTargetsSet, events::RebalanceProposed, events::RebalanceEdited,
                                     events::RebalanceRejected, events::RebalanceProposed, events::RebalanceAccepted}));
        for (const RecordedEvent &e : d.stream(events::accountStream(account)))
            QVERIFY2(!e.type.startsWith(QStringLiteral("Rebalance")) && !e.type.startsWith(QStringLiteral("Portfolio")), qPrintable(e.type));

        // A restart rebuilds the same book from the events.
        auto replayed = PortfolioBook::replay(*d.store, {account});
        QVERIFY(replayed);
        QCOMPARE(replayed->targets(account)->weightsBp, t.weightsBp);
        const QList<RebalanceProposal> proposals = replayed->proposals(account);
        QCOMPARE(proposals.size(), 2);
        QCOMPARE(toString(proposals[0].status), QStringLiteral("rejected"));
        QCOMPARE(proposals[0].rejectReason, QStringLiteral("waiting for the CPI print"));
        QCOMPARE(proposals[0].edits, 1);
        QCOMPARE(proposals[0].lines.size(), 1);
        QCOMPARE(proposals[0].lines[0].quantity, 4000);
        QCOMPARE(proposals[0].cashAfterCents, edited->cashAfterCents);
        QCOMPARE(proposals[0].proposedBy, QStringLiteral("alice"));
        QCOMPARE(toString(proposals[1].status), QStringLiteral("accepted"));
        QCOMPARE(proposals[1].lines.size(), 2);
        QCOMPARE(proposals[1].accountValueCents, 100'000'000'00);
        QCOMPARE(proposals[1].exposure.size(), 3); // AAPL, MSFT, cash
    }

    void acceptingTwiceSendsOnce()
    {
        Desk d;
        const QString account = QStringLiteral("DESK-02");
        PortfolioTargets t;
        t.account = account;
        t.weightsBp = {{QStringLiteral("AAPL"), 100}, {QStringLiteral("MSFT"), 150}};
        QVERIFY(d.desk->setTargets(t, Alice));
        auto p = d.desk->propose(account, {{QStringLiteral("AAPL"), Price(22850)}, {QStringLiteral("MSFT"), Price(43210)}}, Settle, Alice);
        QVERIFY(p);
        auto accepted = d.desk->accept(p->id, {}, Alice);
        QVERIFY2(accepted, qPrintable(accepted.message()));
        QCOMPARE(accepted->lines[0].orderId, QStringLiteral("RB-DESK-02-1-L1"));
        QCOMPARE(accepted->lines[1].orderId, QStringLiteral("RB-DESK-02-1-L2"));
        for (const RebalanceLine &l : accepted->lines) {
            const OrderRecord *o = d.oms->state().order(l.orderId);
            QVERIFY2(o, qPrintable(l.orderId));
            QCOMPARE(o->quantity.value(), l.quantity);
            QCOMPARE(*o->limitPrice, l.limitPrice);
            QVERIFY2(o->state != OrderState::Rejected, qPrintable(o->reason));
        }
        const Sequence head = d.store->head()->sequence;
        QVERIFY(d.desk->accept(p->id, {}, Alice));
        d.restartDesk(); // and after a restart
        QVERIFY(d.desk->accept(p->id, {}, Alice));
        QCOMPARE(d.store->head()->sequence, head); // nothing recorded, nothing sent
        int sent = 0;
        for (const RecordedEvent &e : d.stream(events::accountStream(account)))
            if (e.type == events::OrderAccepted && e.payloadObject().value(QStringLiteral("order_id")).toString().startsWith(p->id))
                ++sent;
        QCOMPARE(sent, 2);
    }

    void complianceRefusalIsShownOnTheLine()
    {
        Desk d;
        QJsonArray rules = ComplianceEngine::defaultRules();
        for (qsizetype i = 0; i < rules.size(); ++i)
            if (rules[i].toObject().value(QStringLiteral("id")).toString() == u"restricted") {
                QJsonObject r = rules[i].toObject();
                r.insert(QStringLiteral("instruments"), QJsonArray{QStringLiteral("MSFT")});
                rules[i] = r;
            }
        QVERIFY(d.oms->setRules(rules, Carol));
        const QString account = QStringLiteral("DESK-02");
        PortfolioTargets t;
        t.account = account;
        t.weightsBp = {{QStringLiteral("AAPL"), 100}, {QStringLiteral("MSFT"), 150}};
        QVERIFY(d.desk->setTargets(t, Alice));
        auto p = d.desk->propose(account, {{QStringLiteral("AAPL"), Price(22850)}, {QStringLiteral("MSFT"), Price(43210)}}, Settle, Alice);
        QVERIFY(p);
        auto accepted = d.desk->accept(p->id, {}, Alice);
        QVERIFY(accepted);
        const RebalanceLine &aapl = accepted->lines[0], &msft = accepted->lines[1];
        QCOMPARE(msft.instrument, QStringLiteral("MSFT"));
        QCOMPARE(msft.orderState, QStringLiteral("Rejected"));
        QVERIFY2(msft.orderReason.contains(QStringLiteral("restricted")), qPrintable(msft.orderReason));
        QVERIFY(aapl.orderState != u"Rejected");
        // The refusal is the order manager's OrderRejected event, with the same reason.
        bool found = false;
        for (const RecordedEvent &e : d.stream(events::accountStream(account)))
            if (e.type == events::OrderRejected && e.payloadObject().value(QStringLiteral("order_id")).toString() == msft.orderId) {
                found = true;
                QCOMPARE(e.payloadObject().value(QStringLiteral("reason")).toString(), msft.orderReason);
            }
        QVERIFY(found);
        // After a restart the line still shows it.
        d.restartDesk();
        QCOMPARE(d.desk->proposalsWithOrders(account).first().lines[1].orderReason, msft.orderReason);
    }
};

QTEST_GUILESS_MAIN(TestRebalance)
#include "tst_rebalance.moc"
