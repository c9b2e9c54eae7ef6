// An instrument's own dates as events, worked by hand: a note's coupons to whoever held it the day
// before they are paid and its principal at maturity; options expiring worthless, exercised
// (shares delivered at the strike, paid at settlement), lapsing when the account cannot take
// delivery, and assigned.

#include "analytics/marketcalendar.h"
#include "events/eventhash.h"
#include "oms/lifecycleevents.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "settlement/instrumentlifecycle.h"
#include "settlement/settlementworker.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"
#include "teststores.h"

#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};

// T 4 1/8 11/15/27: coupons on 15 May and 15 November, the last with the principal.
Instrument note()
{
    Instrument i;
    i.id = QStringLiteral("9128ZTES") + cusipCheckDigit(QStringLiteral("9128ZTES"));
    i.symbol = QStringLiteral("T 4.125 11/15/27");
    i.description = QStringLiteral("US Treasury note 4.125% due 2027-11-15");
    i.kind = InstrumentKind::TreasuryNote;
    i.tenor = QStringLiteral("2Y");
    i.couponPercent = 4.125;
    i.datedDate = QDate(2025, 11, 15);
    i.maturityDate = QDate(2027, 11, 15);
    i.quotedPer100 = true;
    i.priceScale = thirtyseconds::UnitsPerPoint;
    i.tickSize = 1;
    i.lotSize = 1000;
    i.referencePrice = Price(99 * 256 + 28 * 8); // 99-28
    i.annualVolatility = 1; // a quiet market: the test's limits stay marketable
    return i;
}

Instrument apple()
{
    Instrument i;
    i.id = i.symbol = QStringLiteral("AAPL");
    i.description = QStringLiteral("Apple Inc.");
    i.kind = InstrumentKind::Equity;
    i.referencePrice = Price(228'50);
    i.annualVolatility = 0.01;
    return i;
}

Instrument option(OptionRight right, int strike, qint64 priceCents)
{
    Instrument o;
    const QString cp = right == OptionRight::Call ? QStringLiteral("C") : QStringLiteral("P");
    o.id = QStringLiteral("AAPL270917%1%2").arg(cp).arg(qint64(strike) * 1000, 8, 10, QLatin1Char('0'));
    o.symbol = QStringLiteral("AAPL 17SEP27 %1 %2").arg(strike).arg(cp);
    o.kind = InstrumentKind::EquityOption;
    o.contractMultiplier = 100;
    o.underlying = QStringLiteral("AAPL");
    o.strike = Price(qint64(strike) * 100);
    o.expiry = QDate(2027, 9, 17);
    o.right = right;
    o.referencePrice = Price(priceCents);
    o.annualVolatility = 0.01;
    return o;
}

ReferenceData market()
{
    ReferenceData r;
    r.addInstrument(note());
    r.addInstrument(apple());
    r.addInstrument(option(OptionRight::Call, 220, 9'50));
    r.addInstrument(option(OptionRight::Call, 240, 1'20));
    r.addInstrument(option(OptionRight::Put, 240, 11'00));
    r.addInstrument(option(OptionRight::Put, 220, 1'10));
    r.addAccount({QStringLiteral("DESK-01"), QStringLiteral("Rates"), 10'000'000'00});
    r.addAccount({QStringLiteral("DESK-02"), QStringLiteral("Equities"), 10'000'000'00});
    r.addAccount({QStringLiteral("SMALL-01"), QStringLiteral("A small account"), 5'000'00});
    return r;
}

// A desk on a store with the simulated venue, and a settlement worker whose business date the
// test sets.
struct Desk
{
    TestStores stores{Backend::Sqlite};
    std::unique_ptr<EventStore> store = stores.open(stores.freshUrl());
    ReferenceData reference = market();
    std::unique_ptr<SimulatedVenue> venue;
    std::unique_ptr<OrderManager> oms;
    QDate today;
    std::unique_ptr<SettlementWorker> worker;
    int ids = 0;

    explicit Desk(QDate open)
    {
        venue = std::make_unique<SimulatedVenue>(reference, 7, utcMicros(open, 14, 30));
        oms = std::make_unique<OrderManager>(*store, reference, *venue);
        if (!oms->start(Alice))
            qFatal("start");
        for (const Account *a : reference.accounts())
            (void)oms->openAccount(a->id, a->openingCashCents, Actor::system());
        today = open;
        worker = std::make_unique<SettlementWorker>(*oms, [this] { return today; });
    }

    CommandOutcome trade(const QString &account, const QString &instrument, const QString &side, qint64 quantity,
                         const QString &limit)
    {
        const CommandOutcome out = send(account, instrument, side, quantity, limit);
        if (!out.accepted)
            qWarning("%s %s: %s", qPrintable(side), qPrintable(instrument), qPrintable(out.reason));
        return out;
    }

    CommandOutcome send(const QString &account, const QString &instrument, const QString &side, qint64 quantity,
                        const QString &limit)
    {
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("T-%1").arg(++ids);
        c.account = account;
        c.instrument = instrument;
        c.side = side;
        c.quantity = quantity;
        c.limitPrice = limit;
        c.timeInForce = QStringLiteral("ioc");
        c.actor = Alice;
        return oms->submit(c);
    }

    const AccountRecord &account(const QString &id) const { return *oms->state().account(id); }
    const PositionRecord *position(const QString &account, const QString &instrument) const
    {
        return oms->state().position(account, reference.instrument(instrument)->id);
    }
    QList<RecordedEvent> events(const QString &type) const
    {
        QList<RecordedEvent> out;
        const auto all = store->read(ReadQuery{});
        if (!all)
            qFatal("read: %s", qPrintable(all.message()));
        for (const RecordedEvent &e : *all)
            if (e.type == type)
                out << e;
        return out;
    }
    qint64 filledNotional(const QString &orderId) const { return oms->state().order(orderId)->filledNotionalCents; }
    qint64 accrued(const QString &orderId) const // the accrued interest of the order's fills
    {
        qint64 cents = 0;
        for (const FillRecord &f : oms->state().executions())
            if (f.orderId == orderId)
                cents += f.accruedCents;
        return cents;
    }
};

} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void couponAmounts()
    {
        // Half the annual rate on the face, whatever the days in the period; to the cent, half up.
        QCOMPARE(InstrumentLifecycle::couponCents(1'000'000, 4.125), 2'062'500);   // $20,625.00
        QCOMPARE(InstrumentLifecycle::couponCents(5'000, 4.125), 10'313);         // $103.125 → $103.13
        QCOMPARE(InstrumentLifecycle::couponCents(1'001'000, 4.125), 2'064'563);  // $20,645.625 → $20,645.63
        QCOMPARE(InstrumentLifecycle::couponCents(250'000'000, 0.125), 156'250'00); // $156,250.00
        QCOMPARE(InstrumentLifecycle::couponCents(3'000, 3.5), 5'250);            // $52.50
    }

    // Bought on Wednesday 12 May 2027, settled the 13th. DESK-01 sells on Friday the 14th for
    // settlement on Monday the 17th: the coupon of Saturday the 15th is paid on the 17th to whoever
    // held the settled note at the close of the 14th, DESK-01. DEMO keeps $5,000 to maturity.
    void couponsToTheHolderThenPrincipal()
    {
        Desk d(QDate(2027, 5, 12));
        const QString id = d.reference.instrument(QStringLiteral("T 4.125 11/15/27"))->id;
        QVERIFY(d.trade(QStringLiteral("DESK-01"), id, QStringLiteral("buy"), 1'000'000, QStringLiteral("100-16")).accepted);
        QVERIFY(d.trade(QStringLiteral("DESK-02"), id, QStringLiteral("buy"), 5'000, QStringLiteral("100-16")).accepted);
        QCOMPARE(d.position(QStringLiteral("DESK-01"), id)->quantity, 1'000'000);
        QCOMPARE(d.position(QStringLiteral("DESK-02"), id)->quantity, 5'000);
        const qint64 bought = d.filledNotional(QStringLiteral("T-1")), boughtSmall = d.filledNotional(QStringLiteral("T-2"));
        d.today = QDate(2027, 5, 13);
        QCOMPARE(d.worker->settleNow(), 2);
        QCOMPARE(d.position(QStringLiteral("DESK-01"), id)->couponsThrough, QDate(2027, 5, 13));

        d.venue->endOfDay(); // Thursday
        d.venue->endOfDay(); // Friday
        QVERIFY(d.trade(QStringLiteral("DESK-01"), id, QStringLiteral("sell"), 1'000'000, QStringLiteral("99-00")).accepted);
        QCOMPARE(d.oms->state().order(QStringLiteral("T-3"))->state, OrderState::Filled);
        const qint64 sold = d.filledNotional(QStringLiteral("T-3"));
        QCOMPARE(d.oms->state().unsettledFills().constBegin()->settleDate, QDate(2027, 5, 17));
        d.today = QDate(2027, 5, 14);
        d.worker->settleNow();
        QVERIFY(d.events(lifecycle::CouponPaid).isEmpty());

        d.today = QDate(2027, 5, 17);
        QCOMPARE(d.worker->settleNow(), 1); // the sale
        const QList<RecordedEvent> coupons = d.events(lifecycle::CouponPaid);
        QCOMPARE(coupons.size(), 2);
        for (const RecordedEvent &e : coupons) {
            const QJsonObject p = e.payloadObject();
            QCOMPARE(p.value(QStringLiteral("coupon_date")).toString(), QStringLiteral("2027-05-15"));
            QCOMPARE(p.value(QStringLiteral("payment_date")).toString(), QStringLiteral("2027-05-17"));
            QCOMPARE(p.value(QStringLiteral("rate_percent")).toString(), QStringLiteral("4.125"));
            QCOMPARE(e.actor.role, QStringLiteral("system"));
            const bool desk = p.value(QStringLiteral("account")).toString() == u"DESK-01";
            QCOMPARE(p.value(QStringLiteral("face")).toInteger(), desk ? 1'000'000 : 5'000);
            QCOMPARE(p.value(QStringLiteral("amount_cents")).toInteger(), desk ? 2'062'500 : 10'313);
        }
        // A note changes hands with its accrued interest, worked by hand (coupon / 2 × days / days
        // in the period × face). Bought for settlement on 13 May: 179 of the 181 days since 15 Nov,
        // 20,625 × 179 / 181 = $20,397.10 on 1mm, 103.125 × 179 / 181 = $101.99 on 5,000. Sold for
        // settlement on 17 May, 2 days into the period to 15 Nov: 20,625 × 2 / 184 = $224.18.
        const qint64 accruedBought = 2'039'710, accruedBoughtSmall = 10'199, accruedSold = 22'418;
        QCOMPARE(d.accrued(QStringLiteral("T-1")), accruedBought);
        QCOMPARE(d.accrued(QStringLiteral("T-2")), accruedBoughtSmall);
        QCOMPARE(d.accrued(QStringLiteral("T-3")), accruedSold);
        // The seller was paid the coupon; its position is gone and sells no further coupons.
        QCOMPARE(d.account(QStringLiteral("DESK-01")).cashCents,
                 10'000'000'00 - bought - accruedBought + sold + accruedSold + 2'062'500);
        // Its interest: the coupon and the accrued interest sold, less the accrued interest bought.
        QCOMPARE(d.position(QStringLiteral("DESK-01"), id)->interestCents, 2'062'500 + accruedSold - accruedBought);
        QCOMPARE(d.position(QStringLiteral("DESK-01"), id)->settledQuantity, 0);
        QCOMPARE(d.worker->settleNow(), 0);
        QCOMPARE(d.events(lifecycle::CouponPaid).size(), 2); // once

        // Monday 15 November 2027: the last coupon and the principal, to DESK-02 only.
        d.today = QDate(2027, 11, 15);
        d.worker->settleNow();
        QCOMPARE(d.events(lifecycle::CouponPaid).size(), 3);
        const QList<RecordedEvent> principal = d.events(lifecycle::PrincipalPaid);
        QCOMPARE(principal.size(), 1);
        QCOMPARE(principal.first().payloadObject().value(QStringLiteral("account")).toString(), QStringLiteral("DESK-02"));
        QCOMPARE(principal.first().payloadObject().value(QStringLiteral("amount_cents")).toInteger(), 5'000'00);
        QCOMPARE(d.account(QStringLiteral("DESK-02")).cashCents,
                 10'000'000'00 - boughtSmall - accruedBoughtSmall + 10'313 + 10'313 + 5'000'00);
        const PositionRecord *held = d.position(QStringLiteral("DESK-02"), id);
        QCOMPARE(held->quantity, 0);
        QCOMPARE(held->settledQuantity, 0);
        QVERIFY(held->retired);
        // Price P&L (principal against cost) apart from interest (coupons less accrued bought).
        QCOMPARE(held->realizedCents, 5'000'00 - boughtSmall);
        QCOMPARE(held->interestCents, 10'313 + 10'313 - accruedBoughtSmall);
        QCOMPARE(held->realizedCents + held->interestCents, 10'313 + 10'313 + 5'000'00 - boughtSmall - accruedBoughtSmall);
        // Nothing more, however often it runs; a replay gives the same state.
        d.today = QDate(2028, 1, 3);
        d.worker->settleNow();
        QCOMPARE(d.events(lifecycle::CouponPaid).size(), 3);
        QCOMPARE(d.events(lifecycle::PrincipalPaid).size(), 1);
        QVERIFY2(d.oms->state().checkInvariants(), qPrintable(d.oms->state().checkInvariants().message()));
        auto replay = TradingState::replay(*d.store);
        QCOMPARE(replay->toJson(), d.oms->state().toJson());
    }

    // The worker runs on every step of the market. A run that looked through the holdings and
    // found nothing due does not look again until the date, a position or the instruments change;
    // the coupon is still paid on its date.
    void aQuietDeskIsNotLookedThroughAgain()
    {
        Desk d(QDate(2027, 5, 12));
        const QString id = d.reference.instrument(QStringLiteral("T 4.125 11/15/27"))->id;
        QVERIFY(d.trade(QStringLiteral("DESK-02"), id, QStringLiteral("buy"), 5'000, QStringLiteral("100-16")).accepted);
        d.today = QDate(2027, 5, 13);
        QCOMPARE(d.worker->settleNow(), 1);
        QCOMPARE(d.worker->looks(), 1);
        QCOMPARE(d.worker->settleNow(), 0); // the settled trade changed the holding: looked at again
        QCOMPARE(d.worker->looks(), 2);
        for (int step = 0; step < 5; ++step)
            QCOMPARE(d.worker->settleNow(), 0);
        QCOMPARE(d.worker->looks(), 2);

        d.today = QDate(2027, 5, 14); // a new date
        QCOMPARE(d.worker->settleNow(), 0);
        QCOMPARE(d.worker->looks(), 3);
        QCOMPARE(d.worker->settleNow(), 0);
        QCOMPARE(d.worker->looks(), 3);

        // A fill changes a position: looked at again, and its trade settles on its date.
        QVERIFY(d.trade(QStringLiteral("DESK-02"), id, QStringLiteral("buy"), 1'000, QStringLiteral("100-16")).accepted);
        QCOMPARE(d.worker->settleNow(), 1);
        QCOMPARE(d.worker->looks(), 4);
        QCOMPARE(d.worker->settleNow(), 0);
        QCOMPARE(d.worker->settleNow(), 0);
        QCOMPARE(d.worker->looks(), 5);
        QVERIFY(d.events(lifecycle::CouponPaid).isEmpty());

        // Monday 17 May: the coupon of Saturday the 15th, on the 6,000 held.
        d.today = QDate(2027, 5, 17);
        d.worker->settleNow();
        const QList<RecordedEvent> coupons = d.events(lifecycle::CouponPaid);
        QCOMPARE(coupons.size(), 1);
        QCOMPARE(coupons.first().payloadObject().value(QStringLiteral("face")).toInteger(), 6'000);
        // 6,000 × 4.125 % / 2 = $123.75, worked by hand.
        QCOMPARE(coupons.first().payloadObject().value(QStringLiteral("amount_cents")).toInteger(), 12'375);
        QCOMPARE(d.worker->settleNow(), 0);
        QCOMPARE(d.events(lifecycle::CouponPaid).size(), 1);
    }

    // A workstation closed for a fortnight settles and pays date by date when it starts again:
    // the coupon goes to the holder of the day before it, not to whoever holds now.
    void aGapIsCaughtUpInDateOrder()
    {
        Desk d(QDate(2027, 11, 10));
        const QString id = d.reference.instrument(QStringLiteral("T 4.125 11/15/27"))->id;
        QVERIFY(d.trade(QStringLiteral("DESK-01"), id, QStringLiteral("buy"), 2'000'000, QStringLiteral("100-16")).accepted);
        // Nothing runs until 19 November: the purchase settles on Friday the 12th (Thursday the 11th
        // is Veterans Day), then the last coupon and the principal are paid on the 15th.
        QCOMPARE(d.oms->state().unsettledFills().constBegin()->settleDate, QDate(2027, 11, 12));
        d.today = QDate(2027, 11, 19);
        QCOMPARE(d.worker->settleNow(), 1);
        QCOMPARE(d.events(lifecycle::CouponPaid).size(), 1);
        QCOMPARE(d.events(lifecycle::CouponPaid).first().payloadObject().value(QStringLiteral("amount_cents")).toInteger(), 4'125'000);
        QCOMPARE(d.events(lifecycle::PrincipalPaid).first().payloadObject().value(QStringLiteral("amount_cents")).toInteger(), 2'000'000'00);
        // Bought for settlement on 12 November, 181 of the 184 days since 15 May:
        // 2,000,000 × 0.020625 × 181 / 184 = $40,577.45 of accrued interest, paid with the price.
        QCOMPARE(d.accrued(QStringLiteral("T-1")), 4'057'745);
        QCOMPARE(d.account(QStringLiteral("DESK-01")).cashCents,
                 10'000'000'00 - d.filledNotional(QStringLiteral("T-1")) - 4'057'745 + 4'125'000 + 2'000'000'00);
    }

    // AAPL closes at 230.00 on Friday 17 September 2027. The 220 call is exercised (200 shares
    // bought at 220.00: $44,000 at settlement), the 240 call expires worthless, the 240 put is
    // exercised against shares held (100 sold at 240.00: $24,000). The small account's call
    // lapses: it cannot pay $22,000 for the shares; its put lapses: it holds no shares to deliver.
    void optionsAtExpiry()
    {
        Desk d(QDate(2027, 9, 15));
        // The close of the expiry day, as the market's trades tell it; later prints do not count.
        d.worker->recordTrade(TradePrint{QStringLiteral("AAPL"), Price(229'10), Quantity(100), Side::Buy, utcMicros(QDate(2027, 9, 17), 15, 0)});
        d.worker->recordTrade(TradePrint{QStringLiteral("AAPL"), Price(230'00), Quantity(100), Side::Sell, utcMicros(QDate(2027, 9, 17), 19, 59)});
        d.worker->recordTrade(TradePrint{QStringLiteral("AAPL"), Price(251'00), Quantity(100), Side::Buy, utcMicros(QDate(2027, 9, 20), 13, 31)});
        const QString c220 = QStringLiteral("AAPL 17SEP27 220 C"), c240 = QStringLiteral("AAPL 17SEP27 240 C"),
                      p240 = QStringLiteral("AAPL 17SEP27 240 P");
        QVERIFY(d.trade(QStringLiteral("DESK-02"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, QStringLiteral("231.00")).accepted);
        QVERIFY(d.trade(QStringLiteral("DESK-02"), c220, QStringLiteral("buy"), 2, QStringLiteral("9.90")).accepted);
        QVERIFY(d.trade(QStringLiteral("DESK-02"), c240, QStringLiteral("buy"), 1, QStringLiteral("1.25")).accepted);
        QVERIFY(d.trade(QStringLiteral("DESK-02"), p240, QStringLiteral("buy"), 1, QStringLiteral("11.50")).accepted);
        QVERIFY(d.trade(QStringLiteral("SMALL-01"), c220, QStringLiteral("buy"), 1, QStringLiteral("9.90")).accepted);
        QVERIFY(d.trade(QStringLiteral("SMALL-01"), p240, QStringLiteral("buy"), 1, QStringLiteral("11.50")).accepted);
        for (int k = 1; k <= 6; ++k)
            QCOMPARE(d.oms->state().order(QStringLiteral("T-%1").arg(k))->state, OrderState::Filled);
        const qint64 shares = d.filledNotional(QStringLiteral("T-1")), callPremium = d.filledNotional(QStringLiteral("T-2")),
                     wastedPremium = d.filledNotional(QStringLiteral("T-3")), putPremium = d.filledNotional(QStringLiteral("T-4"));
        d.today = QDate(2027, 9, 16);
        QCOMPARE(d.worker->settleNow(), 6);
        const qint64 cashBefore = d.account(QStringLiteral("DESK-02")).cashCents;

        // Friday: expiry day, nothing happens yet. Monday 20 September: they are decided.
        d.today = QDate(2027, 9, 17);
        d.worker->settleNow();
        QVERIFY(d.events(lifecycle::OptionExercised).isEmpty());
        d.today = QDate(2027, 9, 20);
        d.worker->settleNow();
        const QList<RecordedEvent> exercised = d.events(lifecycle::OptionExercised);
        QCOMPARE(exercised.size(), 2);
        const QList<RecordedEvent> expired = d.events(lifecycle::OptionExpired);
        QCOMPARE(expired.size(), 3);
        QStringList reasons;
        for (const RecordedEvent &e : expired)
            reasons << e.payloadObject().value(QStringLiteral("account")).toString() + u' '
                           + e.payloadObject().value(QStringLiteral("reason")).toString();
        reasons.sort();
        QVERIFY2(reasons.at(0).startsWith(QStringLiteral("DESK-02 expired worthless: AAPL closed at 230.00, strike 240.00")), qPrintable(reasons.at(0)));
        QVERIFY2(reasons.at(1).contains(QStringLiteral("SMALL-01 in the money (AAPL closed at 230.00, strike 220.00) but not exercised: taking delivery needs $22,000.00")),
                 qPrintable(reasons.at(1)));
        QVERIFY2(reasons.at(2).contains(QStringLiteral("delivering needs 100 AAPL, 0 held (no short sales)")), qPrintable(reasons.at(2)));

        for (const RecordedEvent &e : exercised) {
            const QJsonObject p = e.payloadObject();
            const bool call = p.value(QStringLiteral("instrument")).toString().contains(u'C');
            QCOMPARE(p.value(QStringLiteral("shares")).toInteger(), call ? 200 : 100);
            QCOMPARE(p.value(QStringLiteral("side")).toString(), call ? QStringLiteral("buy") : QStringLiteral("sell"));
            QCOMPARE(p.value(QStringLiteral("notional_cents")).toInteger(), call ? 44'000'00 : 24'000'00);
            QCOMPARE(p.value(QStringLiteral("trade_date")).toString(), QStringLiteral("2027-09-17"));
            QCOMPARE(p.value(QStringLiteral("settle_date")).toString(), QStringLiteral("2027-09-20"));
            QCOMPARE(p.value(QStringLiteral("underlying_price")).toInteger(), 230'00);
        }
        // The options are gone; the shares are the account's: 100 + 200 − 100.
        for (const QString &o : {c220, c240, p240})
            QCOMPARE(d.position(QStringLiteral("DESK-02"), o)->quantity, 0);
        QCOMPARE(d.position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->quantity, 200);
        // The deliveries settle T+1 like any trade: −$44,000 + $24,000.
        QCOMPARE(d.account(QStringLiteral("DESK-02")).unsettledBuyCents, 44'000'00);
        d.worker->settleNow();
        QCOMPARE(d.account(QStringLiteral("DESK-02")).cashCents, cashBefore - 44'000'00 + 24'000'00);
        const PositionRecord *aapl = d.position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"));
        QCOMPARE(aapl->settledQuantity, 200);
        // Cost: the call's premium goes into the shares; the put's premium comes off what the
        // sale realizes; the worthless call's premium is lost.
        const qint64 costAfterCall = shares + 44'000'00 + callPremium; // 300 shares
        const qint64 soldCost = costAfterCall * 100 / 300;
        QCOMPARE(aapl->costCents, costAfterCall - soldCost);
        QCOMPARE(aapl->realizedCents, 24'000'00 - soldCost - putPremium);
        QCOMPARE(d.position(QStringLiteral("DESK-02"), c240)->realizedCents, -wastedPremium);
        QVERIFY2(d.oms->state().checkInvariants(), qPrintable(d.oms->state().checkInvariants().message()));
        d.worker->settleNow();
        QCOMPARE(d.events(lifecycle::OptionExercised).size(), 2); // once
        auto replay = TradingState::replay(*d.store);
        QCOMPARE(replay->toJson(), d.oms->state().toJson());
        QCOMPARE(d.oms->state().lifecycle().size(), 5);
    }

    // A short option in the money is assigned: a short call delivers the shares at the strike, a
    // short put takes them. (The desk's accounts may not sell short; the arithmetic is the
    // venue's fact all the same.)
    void shortOptionsAreAssigned()
    {
        const ReferenceData reference = market();
        TradingState state;
        Sequence seq = 0;
        auto apply = [&](const QString &type, const QJsonObject &payload) {
            RecordedEvent e;
            e.sequence = ++seq;
            e.streamId = QStringLiteral("account-DESK-02");
            e.streamVersion = seq;
            e.type = type;
            e.payload = canonicalJson(payload);
            QVERIFY2(state.apply(e), qPrintable(type));
        };
        apply(events::AccountOpened, {{QStringLiteral("account"), QStringLiteral("DESK-02")}, {QStringLiteral("cash_cents"), 1'000'000'00}});
        auto sell = [&](const QString &order, const Instrument &o, qint64 contracts, qint64 price) {
            apply(events::OrderAccepted, {{QStringLiteral("order_id"), order}, {QStringLiteral("account"), QStringLiteral("DESK-02")},
                                          {QStringLiteral("instrument"), o.id}, {QStringLiteral("side"), QStringLiteral("sell")},
                                          {QStringLiteral("type"), QStringLiteral("limit")}, {QStringLiteral("tif"), QStringLiteral("day")},
                                          {QStringLiteral("quantity"), contracts}, {QStringLiteral("limit_price"), price},
                                          {QStringLiteral("reserved_cents"), 0}});
            apply(events::OrderAcknowledged, {{QStringLiteral("order_id"), order}});
            apply(events::OrderFilled, {{QStringLiteral("order_id"), order}, {QStringLiteral("exec_id"), QStringLiteral("E1")},
                                        {QStringLiteral("quantity"), contracts}, {QStringLiteral("price"), price},
                                        {QStringLiteral("notional_cents"), o.notionalCents(Quantity(contracts), Price(price))},
                                        {QStringLiteral("trade_date"), QStringLiteral("2027-09-15")},
                                        {QStringLiteral("settle_date"), QStringLiteral("2027-09-16")}});
        };
        sell(QStringLiteral("S1"), *reference.instrument(QStringLiteral("AAPL 17SEP27 220 C")), 1, 9'50);
        sell(QStringLiteral("S2"), *reference.instrument(QStringLiteral("AAPL 17SEP27 240 P")), 2, 11'00);
        sell(QStringLiteral("S3"), *reference.instrument(QStringLiteral("AAPL 17SEP27 220 P")), 1, 1'10);
        const InstrumentLifecycle lifecycle(state, reference);
        const auto actions = lifecycle.expiries(QDate(2027, 9, 20), [](const QString &, QDate) {
            return std::optional<InstrumentLifecycle::Close>(InstrumentLifecycle::Close{Price(230'00), QStringLiteral("closed at")});
        }, Actor::system());
        QCOMPARE(actions.size(), 3);
        for (const InstrumentLifecycle::Action &a : actions)
            for (const NewEvent &e : a.events) {
                RecordedEvent r;
                r.sequence = ++seq;
                r.streamId = QStringLiteral("account-DESK-02");
                r.type = e.type;
                r.payload = e.payloadBytes();
                QVERIFY2(state.apply(r), qPrintable(e.type));
            }
        // Short 220 call: sells 100 at 220.00 (+$22,000); short 240 puts: buy 200 at 240.00
        // (−$48,000); the short 220 put expires worthless.
        QCOMPARE(state.account(QStringLiteral("DESK-02"))->unsettledSellCents, 22'000'00 + 9'50 * 100 + 11'00 * 200 + 1'10 * 100);
        QCOMPARE(state.account(QStringLiteral("DESK-02"))->unsettledBuyCents, 48'000'00);
        QCOMPARE(state.position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->quantity, 100);
        int assigned = 0, worthless = 0;
        for (const TradingState::LifecycleEntry &e : state.lifecycle()) {
            assigned += e.type == lifecycle::OptionAssigned;
            worthless += e.type == lifecycle::OptionExpired;
        }
        QCOMPARE(assigned, 2);
        QCOMPARE(worthless, 1);
        for (const PositionRecord &p : state.positions())
            if (p.instrument != u"AAPL")
                QCOMPARE(p.quantity, 0);
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
