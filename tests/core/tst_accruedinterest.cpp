// Accrued interest: what a note or bond buyer pays the seller on top of the price, checked
// against worked examples done by hand, and carried through the order manager into every cash
// figure (reservation, fill, settlement, holdings).

#include "analytics/bondanalytics.h"
#include "settlement/tradesettlement.h"
#include "analytics/fixedincome.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "testmarket.h"
#include "testorders.h"
#include "venue/simulatedvenue.h"

#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

Instrument note(double coupon, QDate dated, QDate maturity, QDate firstCoupon = {})
{
    Instrument i;
    i.id = QStringLiteral("9128ZTEST");
    i.symbol = QStringLiteral("T TEST");
    i.kind = InstrumentKind::TreasuryNote;
    i.priceScale = thirtyseconds::UnitsPerPoint;
    i.tickSize = 64;
    i.lotSize = 1000;
    i.quotedPer100 = true;
    i.couponPercent = coupon;
    i.datedDate = dated;
    i.maturityDate = maturity;
    i.firstCouponDate = firstCoupon;
    return i;
}

// coupon/2 × days accrued / days in period × face, in cents, rounded to the nearest cent: the
// textbook formula, written out independently of the code under test.
qint64 byHand(qint64 face, double couponPercent, qint64 days, qint64 periodDays)
{
    const long double dollars = (long double)face * couponPercent / 100.0L / 2.0L * days / periodDays;
    return qint64(std::llround(dollars * 100.0L));
}

} // namespace

class TestAccruedInterest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workedExamples_data()
    {
        QTest::addColumn<double>("coupon");
        QTest::addColumn<QDate>("dated");
        QTest::addColumn<QDate>("maturity");
        QTest::addColumn<QDate>("firstCoupon");
        QTest::addColumn<QDate>("settle");
        QTest::addColumn<qint64>("face");
        QTest::addColumn<qint64>("cents");
        QTest::addColumn<int>("days");

        // 5mm of a 4 1/8% ten-year, 16 days into the period 15 Nov 2026 – 15 May 2027 (181 days):
        // 5,000,000 × 0.04125 / 2 × 16 / 181 = 103,125 × 16 / 181 = $9,116.0221 → $9,116.02.
        QTest::newRow("10y, 16 days in") << 4.125 << QDate(2026, 11, 15) << QDate(2036, 11, 15) << QDate()
                                         << QDate(2026, 12, 1) << qint64(5'000'000) << qint64(911602) << 16;
        // Settling on a coupon date (Monday 15 Nov 2027): nothing accrued, the period starts again.
        QTest::newRow("on a coupon date") << 4.125 << QDate(2026, 11, 15) << QDate(2036, 11, 15) << QDate()
                                          << QDate(2027, 11, 15) << qint64(5'000'000) << qint64(0) << 0;
        // The Friday before it: 181 of 184 days (15 May – 15 Nov 2027).
        // 103,125 × 181 / 184 = $101,443.6141 → $101,443.61.
        QTest::newRow("the Friday before a coupon") << 4.125 << QDate(2026, 11, 15) << QDate(2036, 11, 15) << QDate()
                                                    << QDate(2027, 11, 12) << qint64(5'000'000) << qint64(10144361) << 181;
        // A month-end two-year: 3 1/2% dated 30 Nov 2026, period 30 Nov 2026 – 31 May 2027 (182
        // days), settling 15 Jan 2027 (46 days): 1,000,000 × 0.0175 × 46 / 182 = $4,423.0769.
        QTest::newRow("month-end 2y") << 3.5 << QDate(2026, 11, 30) << QDate(2028, 11, 30) << QDate()
                                      << QDate(2027, 1, 15) << qint64(1'000'000) << qint64(442308) << 46;
        // A short first coupon: dated 10 Dec 2026, first coupon 15 May 2027; the days count against
        // the whole regular period 15 Nov 2026 – 15 May 2027 (181 days). Settling 4 Jan 2027,
        // 25 days: 1,000,000 × 0.0175 × 25 / 181 = 437,500 / 181 = $2,417.1271 → $2,417.13.
        QTest::newRow("short first coupon") << 3.5 << QDate(2026, 12, 10) << QDate(2029, 11, 15) << QDate()
                                            << QDate(2027, 1, 4) << qint64(1'000'000) << qint64(241713) << 25;
        // A long first coupon: dated 1 Oct 2026, first coupon 15 May 2027. The accrual splits at
        // the quasi-coupon date 15 Nov 2026: 45 days of the 184-day period 15 May – 15 Nov 2026,
        // then 30 days of the 181-day period from 15 Nov. Settling 15 Dec 2026, 2mm of a 4%:
        // 2,000,000 × 0.02 × (45/184 + 30/181) = 40,000 × 13,665 / 33,304 = $16,412.4429 → $16,412.44.
        QTest::newRow("long first coupon") << 4.0 << QDate(2026, 10, 1) << QDate(2031, 11, 15) << QDate(2027, 5, 15)
                                           << QDate(2026, 12, 15) << qint64(2'000'000) << qint64(1641244) << 75;
        // In the long first period before the quasi-coupon date: 30 days of 184.
        // 40,000 × 30 / 184 = $6,521.7391 → $6,521.74.
        QTest::newRow("long first coupon, early") << 4.0 << QDate(2026, 10, 1) << QDate(2031, 11, 15) << QDate(2027, 5, 15)
                                                  << QDate(2026, 10, 31) << qint64(2'000'000) << qint64(652174) << 30;
    }

    void workedExamples()
    {
        QFETCH(double, coupon);
        QFETCH(QDate, dated);
        QFETCH(QDate, maturity);
        QFETCH(QDate, firstCoupon);
        QFETCH(QDate, settle);
        QFETCH(qint64, face);
        QFETCH(qint64, cents);
        QFETCH(int, days);
        const Instrument n = note(coupon, dated, maturity, firstCoupon);
        QCOMPARE(analytics::accruedInterestCents(n, Quantity(face), settle), cents);
        QCOMPARE(analytics::accrual(n, settle).days, days);
    }

    // QuantLib's own accrued amount (per 100, ACT/ACT ICMA on the bond's schedule) agrees.
    void agreesWithQuantLib()
    {
        const QDate dated(2026, 11, 15), maturity(2036, 11, 15);
        const Instrument n = note(4.125, dated, maturity);
        for (QDate settle = dated.addDays(1); settle < QDate(2028, 1, 1); settle = settle.addDays(7)) {
            analytics::NoteQuery q;
            q.couponPercent = 4.125;
            q.dated = dated;
            q.maturity = maturity;
            q.settle = settle;
            q.cleanPrice = 100.0;
            auto ql = analytics::analyzeNote(q);
            QVERIFY(ql);
            const qint64 ours = analytics::accruedInterestCents(n, Quantity(10'000'000), settle);
            QVERIFY2(std::llabs(ours - std::llround(ql->accrued * 10'000'000.0)) <= 1,
                     qPrintable(QStringLiteral("%1: %2 against QuantLib %3").arg(settle.toString(Qt::ISODate)).arg(ours).arg(ql->accrued)));
            QCOMPARE(analytics::accrual(n, settle).days, ql->accruedDays);
        }
    }

    void billsStocksAndOptionsAccrueNothing()
    {
        const ReferenceData market = test::market();
        for (const QString &symbol : {QStringLiteral("AAPL"), QStringLiteral("UST 4W")}) {
            const Instrument *i = market.instrument(symbol);
            QVERIFY2(i, qPrintable(symbol));
            QCOMPARE(analytics::accruedInterestCents(*i, Quantity(1'000'000), QDate(2026, 11, 23)), 0);
        }
        QVERIFY(!analytics::accrual(note(4.0, QDate(2026, 11, 15), QDate(2036, 11, 15)), QDate(2026, 11, 15)).accrues());
    }

    // The first coupon date is part of the definition the store records, and only when set.
    void firstCouponIsPartOfTheDefinition()
    {
        const Instrument regular = note(4.0, QDate(2026, 10, 1), QDate(2031, 11, 15));
        QVERIFY(!regular.toJson().contains(QStringLiteral("first_coupon")));
        const Instrument odd = note(4.0, QDate(2026, 10, 1), QDate(2031, 11, 15), QDate(2027, 5, 15));
        auto back = Instrument::fromJson(odd.toJson());
        QVERIFY2(back, qPrintable(back.message()));
        QCOMPARE(back->firstCouponDate, QDate(2027, 5, 15));
        QVERIFY(back->sameDefinition(odd));
        QVERIFY(!back->sameDefinition(regular));
        QJsonObject bad = odd.toJson();
        bad.insert(QStringLiteral("first_coupon"), QStringLiteral("2026-09-01"));
        QVERIFY(!Instrument::fromJson(bad));
    }

    // A buyer of notes pays principal plus accrued interest: the reservation holds it, the fill
    // records both, settlement moves the total, the holding keeps interest apart from price.
    void everyCashFigureCarriesTheAccruedInterest()
    {
        TestStores stores{Backend::Sqlite};
        auto store = stores.open(stores.freshUrl());
        const ReferenceData reference = test::market();
        SimulatedVenue venue(reference, 42, MarketOpenUs);
        OrderManager oms(*store, reference, venue);
        QVERIFY(oms.start(Alice));
        QVERIFY(oms.openAccount(QStringLiteral("DESK-01"), 10'000'000'000, Carol));
        QVERIFY(oms.setRules(ComplianceEngine::defaultRules(), Carol));
        const Instrument &ten = *reference.instrument(QStringLiteral("UST 10Y"));
        const QDate settle(2026, 11, 23); // traded Friday 20 November, settles Monday
        // By hand, from the note's own dates: the regular period holding the settlement date.
        QDate start = ten.maturityDate, end;
        while (start > settle) {
            end = start;
            start = start.addMonths(-6);
        }
        const qint64 face = 5'000'000;
        const qint64 accrued = byHand(face, ten.couponPercent, start.daysTo(settle), start.daysTo(end));
        QVERIFY(accrued > 0);

        // Resting below the market: the reservation covers price and accrued interest.
        const Price bid = *venue.topOfBook(ten.id).bid;
        const Price below(bid.value() - 32 * ten.tickSize);
        NewOrderCommand rest;
        rest.clientOrderId = QStringLiteral("N1");
        rest.account = QStringLiteral("DESK-01");
        rest.instrument = QStringLiteral("UST 10Y");
        rest.side = QStringLiteral("buy");
        rest.quantity = face;
        rest.limitPrice = ten.formatPrice(below);
        rest.actor = Alice;
        auto resting = oms.submit(rest);
        QVERIFY2(resting.accepted, qPrintable(resting.reason));
        QCOMPARE(oms.state().order(QStringLiteral("N1"))->reservedCents,
                 ten.notionalCents(Quantity(face), below, Instrument::Rounding::Up) + accrued);

        NewOrderCommand buy = rest;
        buy.clientOrderId = QStringLiteral("N2");
        buy.limitPrice = ten.formatPrice(*venue.topOfBook(ten.id).ask);
        auto bought = oms.submit(buy);
        QVERIFY2(bought.accepted, qPrintable(bought.reason));
        QCOMPARE(bought.state, OrderState::Filled);
        const FillRecord fill = oms.state().executions().constLast();
        QCOMPARE(fill.settleDate, settle);
        QCOMPARE(fill.accruedCents, accrued);
        QCOMPARE(fill.settlementCents(), fill.notionalCents + accrued);
        const AccountRecord before = *oms.state().account(QStringLiteral("DESK-01"));
        QCOMPARE(before.unsettledBuyCents, fill.notionalCents + accrued);
        const PositionRecord *held = oms.state().position(QStringLiteral("DESK-01"), ten.id);
        QCOMPARE(held->costCents, fill.notionalCents); // the price paid: cost
        QCOMPARE(held->interestCents, -accrued);       // the interest paid: carry, not cost

        QCOMPARE(*settleDue(oms, settle, Alice), 1);
        const AccountRecord after = *oms.state().account(QStringLiteral("DESK-01"));
        QCOMPARE(after.cashCents, before.cashCents - fill.notionalCents - accrued);
        QCOMPARE(after.unsettledBuyCents, 0);

        // Selling it back the same day: the buyer pays us the same accrued interest.
        NewOrderCommand sell = rest;
        sell.clientOrderId = QStringLiteral("N3");
        sell.side = QStringLiteral("sell");
        sell.limitPrice = ten.formatPrice(*venue.topOfBook(ten.id).bid);
        auto sold = oms.submit(sell);
        QVERIFY2(sold.accepted, qPrintable(sold.reason));
        QCOMPARE(sold.state, OrderState::Filled);
        const FillRecord sale = oms.state().executions().constLast();
        QCOMPARE(sale.accruedCents, accrued);
        QCOMPARE(oms.state().account(QStringLiteral("DESK-01"))->unsettledSellCents, sale.notionalCents + accrued);
        QCOMPARE(oms.state().position(QStringLiteral("DESK-01"), ten.id)->interestCents, 0);
        QCOMPARE(*settleDue(oms, settle, Alice), 1);
        QCOMPARE(oms.state().account(QStringLiteral("DESK-01"))->cashCents, after.cashCents + sale.notionalCents + accrued);

        // The events say it: principal and accrued on the fill, the total on the settlement.
        const auto events = store->read(ReadQuery{});
        QVERIFY(events);
        int settlements = 0;
        for (const RecordedEvent &e : *events) {
            const QJsonObject payload = e.payloadObject();
            if (e.type == events::OrderFilled && payload.value(QStringLiteral("order_id")).toString() == u"N2")
                QCOMPARE(payload.value(QStringLiteral("accrued_cents")).toInteger(), accrued);
            if (e.type == events::TradeSettled && payload.value(QStringLiteral("order_id")).toString() == u"N2") {
                QCOMPARE(payload.value(QStringLiteral("cash_cents")).toInteger(), -(fill.notionalCents + accrued));
                ++settlements;
            }
        }
        QCOMPARE(settlements, 1);
        // Rebuilt from the log, the same figures.
        auto replayed = TradingState::replay(*store);
        QVERIFY(replayed);
        QCOMPARE(replayed->account(QStringLiteral("DESK-01"))->cashCents, oms.state().account(QStringLiteral("DESK-01"))->cashCents);
        QVERIFY(replayed->checkInvariants());
    }
};

QTEST_GUILESS_MAIN(TestAccruedInterest)
#include "tst_accruedinterest.moc"
