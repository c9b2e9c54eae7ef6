// The demo market lives on the calendar: generated from the date alone, whatever the date, with
// nothing listed that is past its expiry or maturity; a security keeps its identity from day to
// day; the venue stops quoting what expires and the order manager refuses it with the reason.

#include "analytics/bondanalytics.h"
#include "analytics/marketcalendar.h"
#include "analytics/treasurycalendar.h"
#include "demo/demomarket.h"
#include "oms/ordermanager.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"
#include "teststores.h"
#include "testmarket.h"

#include <QSet>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

// What must hold of the market of any date; empty when it all does.
QString checkMarket(QDate date)
{
    const ReferenceData market = DemoMarket::referenceData(date);
    const QDate session = DemoMarket::sessionDate(date);
    const QString day = date.toString(Qt::ISODate);
    if (!analytics::isSessionDay(session) || session < date || date.daysTo(session) > 5)
        return QStringLiteral("%1: session %2").arg(day, session.toString(Qt::ISODate));
    QSet<QString> symbols;
    int treasuries = 0, options = 0;
    for (const Instrument *i : market.instruments()) {
        if (symbols.contains(i->symbol.toUpper()))
            return QStringLiteral("%1: %2 twice").arg(day, i->symbol);
        symbols.insert(i->symbol.toUpper());
        if (market.instrument(i->id) != i)
            return QStringLiteral("%1: %2 is not found by its id").arg(day, i->id);
        if (i->referencePrice <= Price(0) || !i->onTick(i->referencePrice))
            return QStringLiteral("%1: %2 priced %3").arg(day, i->symbol).arg(i->referencePrice.value());
        if (auto dead = analytics::whyNotTradable(*i, session))
            return QStringLiteral("%1: %2").arg(day, *dead);
        if (isTreasury(i->kind)) {
            ++treasuries;
            if (!isValidCusip(i->id))
                return QStringLiteral("%1: %2 is not a CUSIP").arg(day, i->id);
            if (i->datedDate > session)
                return QStringLiteral("%1: %2 not issued yet").arg(day, i->symbol);
            if (i->kind != InstrumentKind::TreasuryBill
                && (i->couponPercent < 0.125 || std::fmod(i->couponPercent * 8.0, 1.0) != 0.0))
                return QStringLiteral("%1: %2 pays %3%").arg(day, i->symbol).arg(i->couponPercent);
            const QDate settle = analytics::settlementDate(*i, session);
            const double y = *analytics::yieldPercent(*i, i->referencePrice, settle);
            if (y < 0.2 || y > 9.5)
                return QStringLiteral("%1: %2 yields %3%").arg(day, i->symbol).arg(y);
        }
        if (i->kind == InstrumentKind::EquityOption) {
            ++options;
            if (!analytics::listedExpiries(session).contains(i->expiry))
                return QStringLiteral("%1: %2 is not on a listed expiry").arg(day, i->symbol);
            const Instrument *u = market.instrument(i->underlying);
            const double spot = u->toDouble(u->referencePrice), step = spot < 200 ? 5.0 : 10.0;
            if (std::abs(i->toDouble(i->strike) - spot) > 2.5 * step)
                return QStringLiteral("%1: %2 is far from %3").arg(day, i->symbol).arg(spot);
        }
    }
    if (treasuries != 28)
        return QStringLiteral("%1: %2 Treasuries").arg(day).arg(treasuries);
    for (analytics::TreasuryTerm term : analytics::AllTreasuryTerms) {
        const QString tenor = analytics::tenorOf(term);
        if (!market.instrument(QStringLiteral("UST ") + tenor) || !market.instrument(QStringLiteral("UST %1 OLD").arg(tenor)))
            return QStringLiteral("%1: no %2 on or off the run").arg(day, tenor);
    }
    if (options < 3 * 2 * (5 * 4 + 3 * 3)) // at least four monthly or quarterly expiries and three weeklies
        return QStringLiteral("%1: %2 options").arg(day).arg(options);
    return {};
}

} // namespace

class TestDemoMarket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every eleventh day for five years (every weekday in turn), and each day of a holiday season:
    // a live market every time.
    void livesOnEveryDate()
    {
        for (QDate d(2026, 1, 2); d <= QDate(2031, 12, 31); d = d.addDays(11)) {
            const QString problem = checkMarket(d);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        for (QDate d(2027, 12, 20); d <= QDate(2028, 1, 5); d = d.addDays(1)) {
            const QString problem = checkMarket(d);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        // The dates the calendar suite moves the machine to.
        for (const QDate d : {QDate(2027, 7, 1), QDate(2029, 2, 28), QDate(2030, 12, 31)}) {
            const QString problem = checkMarket(d);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    // Whatever day it is: the `calendar` label runs this with the machine's date moved ahead.
    void todaysMarketIsAlive()
    {
        const QString problem = checkMarket(systemClock().tradeDate());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void theSameDateGivesTheSameMarket()
    {
        const ReferenceData a = DemoMarket::referenceData(QDate(2029, 2, 28));
        const ReferenceData b = DemoMarket::referenceData(QDate(2029, 2, 28));
        QCOMPARE(a.instruments().size(), b.instruments().size());
        for (qsizetype k = 0; k < a.instruments().size(); ++k) {
            QCOMPARE(a.instruments().at(k)->toJson(), b.instruments().at(k)->toJson());
        }
        // A weekend opens on the next session: Saturday 3 March 2029 is Monday's market.
        QCOMPARE(DemoMarket::sessionDate(QDate(2029, 3, 3)), QDate(2029, 3, 5));
        QCOMPARE(DemoMarket::referenceData(QDate(2029, 3, 3)).instruments().size(),
                 DemoMarket::referenceData(QDate(2029, 3, 5)).instruments().size());
    }

    // The market of 20 November 2026 is the one the tests trade in, and the one Instant first
    // shipped with: the same stocks at the same prices, a curve of the same shape.
    void theAnchorDate()
    {
        const ReferenceData m = test::market();
        QCOMPARE(m.instrument(QStringLiteral("AAPL"))->formatPrice(m.instrument(QStringLiteral("AAPL"))->referencePrice), QStringLiteral("228.50"));
        QCOMPARE(m.instrument(QStringLiteral("NFLX"))->formatPrice(m.instrument(QStringLiteral("NFLX"))->referencePrice), QStringLiteral("872.30"));
        QVERIFY(std::abs(DemoMarket::yieldPercent(test::MarketDate, 2) - 3.60) < 0.01);
        QVERIFY(std::abs(DemoMarket::yieldPercent(test::MarketDate, 10) - 4.22) < 0.01);
        QVERIFY(std::abs(DemoMarket::yieldPercent(test::MarketDate, 30) - 4.74) < 0.01);
        // Bills on the curve: the 13-week about 3.8% bond-equivalent, not the auction's price.
        const Instrument *bill = m.instrument(QStringLiteral("UST 13W"));
        const double y = *analytics::yieldPercent(*bill, bill->referencePrice, QDate(2026, 11, 23));
        QVERIFY2(std::abs(y - 3.78) < 0.05, qPrintable(QString::number(y)));
        // Elsewhere it drifts, and stays a curve a desk could trade.
        for (QDate d(2026, 1, 1); d < QDate(2036, 1, 1); d = d.addDays(29)) {
            const double two = DemoMarket::yieldPercent(d, 2), thirty = DemoMarket::yieldPercent(d, 30);
            QVERIFY(two > 0.25 && two < 9 && thirty > 0.25 && thirty < 9);
        }
        QVERIFY(DemoMarket::stockPrice(QStringLiteral("AAPL"), QDate(2029, 6, 1)) != 228.50);
    }

    // A security is the same instrument from one week to the next: "UST 13W" rolls to a new
    // bill every week, and last week's is "UST 13W OLD" with the same CUSIP, terms and coupon.
    void aPositionKeepsItsInstrument()
    {
        const ReferenceData thisWeek = DemoMarket::referenceData(QDate(2027, 3, 4));
        const ReferenceData nextWeek = DemoMarket::referenceData(QDate(2027, 3, 11));
        const Instrument *bill = thisWeek.instrument(QStringLiteral("UST 13W"));
        const Instrument *same = nextWeek.instrument(bill->id);
        QVERIFY(same);
        QCOMPARE(same->symbol, QStringLiteral("UST 13W OLD"));
        QVERIFY(same->sameDefinition(*bill));
        // A reopening month: the 10-year is the same note, its coupon set at its first auction.
        const ReferenceData february = DemoMarket::referenceData(QDate(2027, 2, 20));
        const ReferenceData april = DemoMarket::referenceData(QDate(2027, 4, 20));
        const ReferenceData may = DemoMarket::referenceData(QDate(2027, 5, 20));
        const Instrument *ten = february.instrument(QStringLiteral("UST 10Y"));
        const Instrument *reopened = april.instrument(QStringLiteral("UST 10Y"));
        QCOMPARE(reopened->id, ten->id);
        QVERIFY(reopened->sameDefinition(*ten));
        QVERIFY(reopened->referencePrice != ten->referencePrice); // priced on the day's curve
        // The on-the-run stops being "UST 10Y" at the next new issue and is the old 10-year.
        QCOMPARE(may.instrument(ten->id)->symbol, QStringLiteral("UST 10Y OLD"));
    }

    // Through an expiry: Friday the option trades; Monday the venue no longer quotes it, refuses
    // an order for it, and the order manager refuses it first, with the reason.
    void expiredInstrumentsAreNotQuotedAndRefused()
    {
        const QDate friday(2027, 9, 17);
        const ReferenceData market = DemoMarket::referenceData(friday);
        const Instrument *call = nullptr;
        for (const Instrument *i : market.instruments(InstrumentKind::EquityOption))
            if (i->expiry == friday && i->underlying == u"AAPL")
                call = i;
        QVERIFY(call);
        SimulatedVenue venue(market, 3, utcMicros(friday, 14, 30));
        QVERIFY(venue.isListed(call->id));
        QVERIFY(venue.topOfBook(call->id).bid.has_value());
        venue.endOfDay();
        QCOMPARE(venue.tradeDate(), QDate(2027, 9, 20));
        QVERIFY(!venue.isListed(call->id));
        QVERIFY(!venue.topOfBook(call->id).bid && !venue.topOfBook(call->id).ask);
        venue.step();
        QVERIFY(!venue.topOfBook(call->id).ask);

        TestStores stores(Backend::Sqlite);
        auto store = stores.open(stores.freshUrl());
        OrderManager oms(*store, market, venue);
        QVERIFY(oms.start(Actor{QStringLiteral("alice"), QStringLiteral("trader")}));
        QVERIFY(oms.openAccount(QStringLiteral("DESK-02"), 1'000'000'00, Actor::system()));
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("late-1");
        c.account = QStringLiteral("DESK-02");
        c.instrument = call->symbol;
        c.side = QStringLiteral("buy");
        c.quantity = 1;
        c.limitPrice = QStringLiteral("1.00");
        c.actor = Actor{QStringLiteral("alice"), QStringLiteral("trader")};
        const CommandOutcome out = oms.submit(c);
        QVERIFY(!out.accepted);
        QCOMPARE(out.reason, QStringLiteral("%1 expired on 2027-09-17").arg(call->symbol));
        QCOMPARE(oms.state().order(QStringLiteral("late-1"))->state, OrderState::Rejected);

        // A bill a day from maturity: a trade today would settle on it.
        const Instrument *old4w = market.instrument(QStringLiteral("UST 4W OLD"));
        SimulatedVenue late(market, 3, utcMicros(analytics::previousBusinessDay(analytics::MarketCalendar::UsGovernmentBond, old4w->maturityDate), 14, 30));
        QVERIFY(!late.isListed(old4w->id));
    }
};

QTEST_GUILESS_MAIN(TestDemoMarket)
#include "tst_demomarket.moc"
