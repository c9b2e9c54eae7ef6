// Brackets on a real store against the simulated venue: the entry arms the exits, the
// take-profit and the stop are one-cancels-the-other, trailing stops follow the highs, time
// exits come due, and a restart mid-trade carries the workflow on: the stop fires once. Two
// workstations on one store, each with its own venue, work only their own brackets and
// reconcile only their own orders.

#include "oms/brackets.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QSignalSpy>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

const TimestampUs Friday = 1795185000000000; // 2026-11-20 14:30 UTC
const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};
const Actor Carol{QStringLiteral("carol"), QStringLiteral("compliance")};
const Actor Bob{QStringLiteral("bob"), QStringLiteral("trader")};
const QString WorkstationA = QStringLiteral("WS-A");
const QString WorkstationB = QStringLiteral("WS-B");
const QString Aapl = QStringLiteral("AAPL");

// One workstation: store, venue, OMS and bracket monitor. A restart makes a new one on the
// same store (the simulated venue does not survive it: its orders are reconciled away). Two of
// them on one store are two workstations of a desk, each with its own venue session; `recorded`
// is what this one wrote.
struct Desk
{
    TestStores &stores;
    QString url;
    ReferenceData reference = test::market();
    std::unique_ptr<EventStore> store;
    std::unique_ptr<SimulatedVenue> venue;
    std::unique_ptr<OrderManager> oms;
    std::unique_ptr<BracketMonitor> monitor;
    QList<RecordedEvent> recorded;

    Desk(TestStores &s, const QString &u, bool fresh, TimestampUs start = Friday, const QString &workstation = {},
         const Actor &user = Alice)
        : stores(s), url(u)
    {
        store = stores.open(url);
        venue = std::make_unique<SimulatedVenue>(reference, 42, start);
        oms = std::make_unique<OrderManager>(*store, reference, *venue);
        monitor = std::make_unique<BracketMonitor>(*oms, reference);
        QObject::connect(oms.get(), &OrderManager::orderChanged, monitor.get(), &BracketMonitor::onOrderChanged);
        QObject::connect(oms.get(), &OrderManager::recorded, oms.get(), [this](const QList<RecordedEvent> &events) { recorded += events; });
        oms->setWorkstation(workstation);
        if (!oms->start(user))
            qFatal("start failed");
        if (fresh) {
            for (const Account *a : reference.accounts())
                if (!oms->openAccount(a->id, a->openingCashCents, Carol))
                    qFatal("open failed");
            if (!oms->setRules(ComplianceEngine::defaultRules(), Carol))
                qFatal("rules failed");
        }
        monitor->resume();
        settle();
    }

    const Instrument &aapl() const { return *reference.instrument(Aapl); }
    Price ask() const { return *venue->topOfBook(Aapl).ask; }
    QString text(Price p) const { return aapl().formatPrice(p); }
    Price cents(qint64 c) const { return Price(c); } // AAPL's price units are cents

    // Lets every queued step run (the monitor never acts inside a venue callback).
    void settle()
    {
        for (int i = 0; i < 50; ++i) {
            QCoreApplication::processEvents();
            if (monitor->pending() == 0)
                QCoreApplication::processEvents();
            if (monitor->pending() == 0)
                return;
        }
    }

    CommandOutcome buyBracket(const QString &id, qint64 qty, const BracketTerms &terms)
    {
        NewOrderCommand c;
        c.clientOrderId = id;
        c.account = QStringLiteral("DESK-02");
        c.instrument = Aapl;
        c.side = QStringLiteral("buy");
        c.quantity = qty;
        c.limitPrice = text(ask());
        c.bracket = terms;
        c.actor = Alice;
        CommandOutcome out = oms->submit(c);
        settle();
        return out;
    }

    void trade(Price price)
    {
        TradePrint t;
        t.instrument = aapl().id;
        t.price = price;
        t.quantity = Quantity(100);
        t.timeUs = venue->nowUs();
        monitor->onTrade(t);
        settle();
    }

    // Another desk buys everything offered up to `price`: a take-profit resting there fills.
    void liftOffersUpTo(Price price)
    {
        qint64 qty = 0;
        for (const LevelView &l : venue->book(aapl().id)->depth(Side::Sell, 50))
            if (l.price <= price)
                qty += l.quantity.value();
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("LIFT-%1").arg(price.value());
        c.account = QStringLiteral("DESK-01");
        c.instrument = Aapl;
        c.side = QStringLiteral("buy");
        c.quantity = qty;
        c.limitPrice = text(price);
        c.actor = Alice;
        const CommandOutcome out = oms->submit(c);
        if (!out.accepted)
            qFatal("lift refused: %s", qPrintable(out.reason));
        settle();
    }

    const BracketRecord &bracket(const QString &id) const
    {
        const BracketRecord *b = oms->state().brackets().bracket(id);
        if (!b)
            qFatal("no bracket %s", qPrintable(id));
        return *b;
    }
    const OrderRecord &order(const QString &id) const
    {
        const OrderRecord *o = oms->state().order(id);
        if (!o)
            qFatal("no order %s", qPrintable(id));
        return *o;
    }
    qint64 position() const
    {
        const PositionRecord *p = oms->state().position(QStringLiteral("DESK-02"), aapl().id);
        return p ? p->quantity : 0;
    }
    int count(const QString &type, const QString &role = {}) const
    {
        int n = 0;
        const auto all = store->read(ReadQuery{});
        for (const RecordedEvent &e : *all)
            if (e.type == type && (role.isEmpty() || e.payloadObject().value(QStringLiteral("role")).toString() == role))
                ++n;
        return n;
    }
};

// The bracket an event is about: its bracket_id, or the bracket of the order it names (an entry
// is its bracket's id, a take-profit or exit <entry>.TP<n> / <entry>.X<n>).
QString bracketOf(const RecordedEvent &e)
{
    const QJsonObject p = e.payloadObject();
    if (p.contains(QStringLiteral("bracket_id")))
        return p.value(QStringLiteral("bracket_id")).toString();
    return p.value(QStringLiteral("order_id")).toString(e.correlationId).section(u'.', 0, 0);
}

// Cancels asked for (CancelRequested) and refused by a venue (CancelRejected) per bracket, as the
// store holds them.
struct Cancels
{
    QMap<QString, int> requested, rejected;
};
Cancels cancelsPerBracket(const EventStore &store, const QStringList &brackets)
{
    Cancels c;
    for (const QString &id : brackets)
        c.requested[id] = c.rejected[id] = 0;
    const auto all = store.read(ReadQuery{});
    for (const RecordedEvent &e : *all)
        if (const QString id = bracketOf(e); brackets.contains(id)) {
            if (e.type == events::CancelRequested)
                ++c.requested[id];
            else if (e.type == events::CancelRejected)
                ++c.rejected[id];
        }
    return c;
}

BracketTerms terms(const QString &stop, const QString &target, const QString &trail = {}, qint64 afterSeconds = 0)
{
    BracketTerms t;
    t.stopLoss = stop;
    t.takeProfit = target;
    t.trailBy = trail;
    t.exitAfterSeconds = afterSeconds;
    return t;
}

} // namespace

class TestBrackets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void termsAreCheckedAgainstTheEntry()
    {
        const ReferenceData data = test::market();
        const Instrument &stock = *data.instrument(Aapl);
        const Instrument &note = *data.instrument(QStringLiteral("UST 10Y"));
        const Price entry(22800);
        auto ok = parseBracketTerms(stock, terms(QStringLiteral("225.00"), QStringLiteral("232.50"), QStringLiteral("1.25")), entry, Friday);
        QVERIFY2(ok, qPrintable(ok.message()));
        QCOMPARE(ok->stopLoss, Price(22500));
        QCOMPARE(ok->takeProfit, Price(23250));
        QCOMPARE(ok->trailBy, Price(125));
        QCOMPARE(ok->exitAtUs, TimestampUs(0));
        auto timed = parseBracketTerms(stock, terms({}, {}, {}, 90), entry, Friday);
        QVERIFY(timed);
        QCOMPARE(timed->exitAtUs, Friday + 90'000'000);
        // Treasuries in 32nds: a stop 16/32 below par, a target 1-08 above.
        auto rates = parseBracketTerms(note, terms(QStringLiteral("99-16"), QStringLiteral("101-08")), *note.parsePrice(QStringLiteral("100-00")), Friday);
        QVERIFY2(rates, qPrintable(rates.message()));
        QCOMPARE(note.formatPrice(*rates->stopLoss), QStringLiteral("99-16"));

        struct Bad { const char *stop, *target, *trail; qint64 after; const char *says; };
        const Bad bad[] = {
            {"", "", "", 0, "needs a stop-loss"},
            {"229.00", "", "", 0, "must be below"},
            {"", "227.00", "", 0, "must be above"},
            {"225.001", "", "", 0, "stop-loss"},
            {"-3", "", "", 0, "stop-loss"},
            {"", "", "300.00", 0, "smaller than the price"},
            {"", "", "", -5, "within a year"},
            {"abc", "", "", 0, "stop-loss"},
        };
        for (const Bad &b : bad) {
            auto r = parseBracketTerms(stock, terms(QString::fromLatin1(b.stop), QString::fromLatin1(b.target), QString::fromLatin1(b.trail), b.after), entry, Friday);
            QVERIFY2(!r, b.says);
            QVERIFY2(r.message().contains(QLatin1String(b.says)), qPrintable(r.message()));
        }
        BracketTerms past;
        past.exitAtUs = Friday - 1;
        QVERIFY(!parseBracketTerms(stock, past, entry, Friday));
    }

    void aRefusedBracketIsARejectedOrderWithTheReason()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        const CommandOutcome out = d.buyBracket(QStringLiteral("B-BAD"), 100, terms(d.text(ask + Price(100)), {}));
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(QLatin1String("stop-loss")), qPrintable(out.reason));
        QCOMPARE(d.order(QStringLiteral("B-BAD")).state, OrderState::Rejected);
        QVERIFY(!d.oms->state().brackets().bracket(QStringLiteral("B-BAD")));
        QCOMPARE(d.count(events::BracketPlaced), 0);
        // A sell cannot be a bracket's entry (no short sales: brackets protect a long position).
        NewOrderCommand sell;
        sell.clientOrderId = QStringLiteral("B-SELL");
        sell.account = QStringLiteral("DESK-02");
        sell.instrument = Aapl;
        sell.side = QStringLiteral("sell");
        sell.quantity = 100;
        sell.limitPrice = d.text(ask);
        sell.bracket = terms(d.text(ask - Price(500)), {});
        sell.actor = Alice;
        QVERIFY(!d.oms->submit(sell).accepted);
        // Nobody outside the monitor attaches an order to a bracket that is not there.
        NewOrderCommand orphan = sell;
        orphan.clientOrderId = QStringLiteral("ORPHAN.X1");
        orphan.bracket.reset();
        orphan.parent = QStringLiteral("NOPE");
        orphan.role = QStringLiteral("exit");
        const CommandOutcome refused = d.oms->submit(orphan);
        QVERIFY(!refused.accepted);
        QVERIFY2(refused.reason.contains(QLatin1String("not an exit of an open bracket")), qPrintable(refused.reason));
    }

    void entryFillArmsTheExitsAndPlacesTheTakeProfit()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        const CommandOutcome out = d.buyBracket(QStringLiteral("B1"), 100, terms(d.text(ask - Price(300)), d.text(ask + Price(500))));
        QVERIFY2(out.accepted, qPrintable(out.reason));
        QCOMPARE(d.order(QStringLiteral("B1")).state, OrderState::Filled);
        const BracketRecord &b = d.bracket(QStringLiteral("B1"));
        QCOMPARE(b.phase, BracketPhase::Armed);
        QCOMPARE(b.stop, ask - Price(300));
        QCOMPARE(b.takeProfitOrders, QStringList{QStringLiteral("B1.TP1")});
        const OrderRecord &tp = d.order(QStringLiteral("B1.TP1"));
        QCOMPARE(tp.parent, QStringLiteral("B1"));
        QCOMPARE(tp.side, Side::Sell);
        QCOMPARE(tp.quantity, Quantity(100));
        QCOMPARE(tp.limitPrice, ask + Price(500));
        QCOMPARE(tp.tif, TimeInForce::Gtc);
        QVERIFY(isWorking(tp.state));
        QCOMPARE(d.count(events::BracketPlaced), 1);
        QCOMPARE(d.count(events::BracketArmed), 1);
        QCOMPARE(d.count(events::OrderAccepted, QStringLiteral("take-profit")), 1);
        // The bracket is part of the trading state: a replay from the log gives the same.
        auto replayed = TradingState::replay(*d.store, ReadQuery{}, false);
        QVERIFY(replayed);
        QCOMPARE(*replayed->brackets().bracket(QStringLiteral("B1")), b);
        QCOMPARE(replayed->anomalies(), 0);
        // ...and a snapshot holds it.
        auto fromSnapshot = TradingState::fromJson(replayed->toJson());
        QVERIFY(fromSnapshot);
        QCOMPARE(*fromSnapshot->brackets().bracket(QStringLiteral("B1")), b);
        QCOMPARE(fromSnapshot->order(QStringLiteral("B1.TP1"))->parent, QStringLiteral("B1"));
    }

    void takeProfitFillClosesTheBracketAndTheStopNeverFires()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        const Price target = ask + Price(200);
        QVERIFY(d.buyBracket(QStringLiteral("B2"), 100, terms(d.text(ask - Price(300)), d.text(target))).accepted);
        QCOMPARE(d.position(), 100);
        d.liftOffersUpTo(target);
        QCOMPARE(d.order(QStringLiteral("B2.TP1")).state, OrderState::Filled);
        QCOMPARE(d.position(), 0);
        const BracketRecord &b = d.bracket(QStringLiteral("B2"));
        QCOMPARE(b.phase, BracketPhase::Closed);
        QCOMPARE(b.outcome, QStringLiteral("take-profit"));
        // The market falls through the stop afterwards: nothing happens (one cancels the other).
        d.trade(ask - Price(1000));
        QCOMPARE(d.count(events::BracketExitTriggered), 0);
        QCOMPARE(d.count(events::OrderAccepted, QStringLiteral("exit")), 0);
        QVERIFY(d.bracket(QStringLiteral("B2")).exitOrders.isEmpty());
    }

    void stopFiresOnceCancelsTheTakeProfitAndSellsWhatIsHeld()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        const Price stop = ask - Price(300);
        QVERIFY(d.buyBracket(QStringLiteral("B3"), 100, terms(d.text(stop), d.text(ask + Price(500)))).accepted);
        d.trade(stop + Price(1)); // above the stop: nothing
        QCOMPARE(d.bracket(QStringLiteral("B3")).phase, BracketPhase::Armed);
        d.trade(stop); // at the stop: fires
        d.trade(stop - Price(50));
        d.trade(stop - Price(80));
        const BracketRecord &b = d.bracket(QStringLiteral("B3"));
        QCOMPARE(b.trigger, QStringLiteral("stop"));
        QCOMPARE(b.phase, BracketPhase::Closed);
        QCOMPARE(b.outcome, QStringLiteral("stop exit"));
        QCOMPARE(d.order(QStringLiteral("B3.TP1")).state, OrderState::Cancelled);
        QCOMPARE(d.order(QStringLiteral("B3.TP1")).filled, Quantity(0)); // never both exits
        const OrderRecord &exit = d.order(QStringLiteral("B3.X1"));
        QCOMPARE(exit.type, OrderType::Market);
        QCOMPARE(exit.state, OrderState::Filled);
        QCOMPARE(exit.filled, Quantity(100));
        QCOMPARE(d.position(), 0);
        QCOMPARE(d.count(events::BracketExitTriggered), 1);
        QCOMPARE(d.count(events::OrderAccepted, QStringLiteral("exit")), 1);
        QCOMPARE(d.count(events::OrderRejected), 0);
        QVERIFY(d.oms->state().checkInvariants());
    }

    void takeProfitPartlyFilledThenStopSellsOnlyTheRest()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        const Price target = ask + Price(200), stop = ask - Price(300);
        QVERIFY(d.buyBracket(QStringLiteral("B4"), 500, terms(d.text(stop), d.text(target))).accepted);
        // Another desk buys 200 of our 500 at the target (after what was offered before us).
        qint64 ahead = 0;
        for (const LevelView &l : d.venue->book(d.aapl().id)->depth(Side::Sell, 50))
            if (l.price < target)
                ahead += l.quantity.value();
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("PART");
        c.account = QStringLiteral("DESK-01");
        c.instrument = Aapl;
        c.side = QStringLiteral("buy");
        c.limitPrice = d.text(target);
        c.actor = Alice;
        // The level at the target holds others' offers queued before ours: take all but ours, and 200 of ours.
        for (const LevelView &l : d.venue->book(d.aapl().id)->depth(Side::Sell, 50))
            if (l.price == target)
                ahead += l.quantity.value() - 500;
        c.quantity = ahead + 200;
        QVERIFY(d.oms->submit(c).accepted);
        d.settle();
        QCOMPARE(d.order(QStringLiteral("B4.TP1")).filled, Quantity(200));
        d.trade(stop - Price(10));
        const BracketRecord &b = d.bracket(QStringLiteral("B4"));
        QCOMPARE(b.outcome, QStringLiteral("stop exit"));
        QCOMPARE(d.order(QStringLiteral("B4.X1")).quantity, Quantity(300)); // what the take-profit did not sell
        QCOMPARE(d.position(), 0);
    }

    void trailingStopFollowsTheHighs()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        QVERIFY(d.buyBracket(QStringLiteral("B5"), 100, terms({}, {}, QStringLiteral("2.00"))).accepted);
        const BracketRecord &armed = d.bracket(QStringLiteral("B5"));
        QCOMPARE(armed.phase, BracketPhase::Armed);
        const Price paid = armed.high.value();
        QCOMPARE(armed.stop, paid - Price(200));
        d.trade(paid + Price(150));
        QCOMPARE(d.bracket(QStringLiteral("B5")).stop, paid - Price(50));
        d.trade(paid + Price(400));
        QCOMPARE(d.bracket(QStringLiteral("B5")).stop, paid + Price(200));
        d.trade(paid + Price(300)); // down, but above the stop: the stop stays
        QCOMPARE(d.bracket(QStringLiteral("B5")).stop, paid + Price(200));
        QCOMPARE(d.count(events::BracketStopMoved), 2);
        d.trade(paid + Price(200)); // at the trailed stop
        const BracketRecord &b = d.bracket(QStringLiteral("B5"));
        QCOMPARE(b.trigger, QStringLiteral("trailing-stop"));
        QCOMPARE(b.outcome, QStringLiteral("trailing-stop exit"));
        QCOMPARE(d.position(), 0);
        Q_UNUSED(ask);
    }

    void timeExitSellsAtTheGivenTime()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        QVERIFY(d.buyBracket(QStringLiteral("B6"), 100, terms({}, d.text(d.ask() + Price(800)), {}, 60)).accepted);
        const BracketRecord &armed = d.bracket(QStringLiteral("B6"));
        QVERIFY(armed.exits.exitAtUs > d.venue->nowUs());
        d.monitor->onClock(armed.exits.exitAtUs - 1);
        d.settle();
        QCOMPARE(d.bracket(QStringLiteral("B6")).phase, BracketPhase::Armed);
        d.monitor->onClock(armed.exits.exitAtUs);
        d.settle();
        const BracketRecord &b = d.bracket(QStringLiteral("B6"));
        QCOMPARE(b.trigger, QStringLiteral("time"));
        QCOMPARE(b.outcome, QStringLiteral("time exit"));
        QCOMPARE(d.order(QStringLiteral("B6.TP1")).state, OrderState::Cancelled);
        QCOMPARE(d.position(), 0);
    }

    void amendMovesTheTakeProfitAndTheStop()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        QVERIFY(d.buyBracket(QStringLiteral("B7"), 100, terms(d.text(ask - Price(300)), d.text(ask + Price(500)))).accepted);
        const CommandOutcome out = d.monitor->amend(QStringLiteral("B7"), terms(d.text(ask - Price(100)), d.text(ask + Price(700))), Alice);
        QVERIFY2(out.accepted, qPrintable(out.reason));
        d.settle();
        QCOMPARE(d.bracket(QStringLiteral("B7")).stop, ask - Price(100));
        QCOMPARE(d.order(QStringLiteral("B7.TP1")).limitPrice, ask + Price(700)); // replaced at the venue
        // A bad amendment changes nothing.
        QVERIFY(!d.monitor->amend(QStringLiteral("B7"), terms(d.text(ask + Price(900)), {}), Alice).accepted);
        QCOMPARE(d.bracket(QStringLiteral("B7")).stop, ask - Price(100));
        // The take-profit taken off: it is cancelled, the stop stays.
        QVERIFY(d.monitor->amend(QStringLiteral("B7"), terms(d.text(ask - Price(100)), {}), Alice).accepted);
        d.settle();
        QCOMPARE(d.order(QStringLiteral("B7.TP1")).state, OrderState::Cancelled);
        QCOMPARE(d.bracket(QStringLiteral("B7")).phase, BracketPhase::Armed);
        d.trade(ask - Price(100));
        QCOMPARE(d.bracket(QStringLiteral("B7")).outcome, QStringLiteral("stop exit"));
        QCOMPARE(d.position(), 0);
    }

    // The take-profit is sized and priced by the bracket: replacing it directly (more shares than
    // the entry bought, another price) is refused with the reason, and nothing changes.
    void aTakeProfitChangesOnlyThroughItsBracket()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        QVERIFY(d.buyBracket(QStringLiteral("B11"), 100, terms(d.text(ask - Price(300)), d.text(ask + Price(500)))).accepted);
        NewOrderCommand more; // more of the same held outside the bracket: selling 200 would be allowed
        more.clientOrderId = QStringLiteral("MORE");
        more.account = QStringLiteral("DESK-02");
        more.instrument = Aapl;
        more.side = QStringLiteral("buy");
        more.quantity = 100;
        more.limitPrice = d.text(d.ask());
        more.actor = Alice;
        QVERIFY(d.oms->submit(more).accepted);
        d.settle();
        QCOMPARE(d.position(), 200);
        const QString tp = QStringLiteral("B11.TP1");
        const CommandOutcome bigger = d.oms->replace(tp, 200, {}, Alice);
        QVERIFY(!bigger.accepted);
        QVERIFY2(bigger.reason.contains(QStringLiteral("bracket B11's take-profit")), qPrintable(bigger.reason));
        const CommandOutcome repriced = d.oms->replace(tp, std::nullopt, d.text(ask + Price(600)), Alice);
        QVERIFY(!repriced.accepted);
        QVERIFY2(repriced.reason.contains(QStringLiteral("amend the bracket")), qPrintable(repriced.reason));
        d.settle();
        QCOMPARE(d.order(tp).quantity, Quantity(100));
        QCOMPARE(d.order(tp).limitPrice, ask + Price(500));
        QCOMPARE(d.count(events::ReplaceRequested), 0);
        QCOMPARE(d.count(events::CommandRefused), 2);
        // Through the bracket the price moves (the monitor replaces the take-profit).
        QVERIFY(d.monitor->amend(QStringLiteral("B11"), terms(d.text(ask - Price(300)), d.text(ask + Price(600))), Alice).accepted);
        d.settle();
        QCOMPARE(d.order(tp).limitPrice, ask + Price(600));
        QCOMPARE(d.order(tp).quantity, Quantity(100));
    }

    void cancelStopsTheBracketAndLeavesThePosition()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        QVERIFY(d.buyBracket(QStringLiteral("B8"), 100, terms(d.text(ask - Price(300)), d.text(ask + Price(500)))).accepted);
        QVERIFY(d.monitor->cancel(QStringLiteral("B8"), Alice).accepted);
        d.settle();
        QCOMPARE(d.bracket(QStringLiteral("B8")).outcome, QStringLiteral("cancelled"));
        QCOMPARE(d.order(QStringLiteral("B8.TP1")).state, OrderState::Cancelled);
        d.trade(ask - Price(1000));
        QCOMPARE(d.count(events::BracketExitTriggered), 0);
        QCOMPARE(d.position(), 100);
    }

    void aRefusedTakeProfitIsNotSentAgainAndTheStopStillWorks()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        QSignalSpy problems(d.monitor.get(), &BracketMonitor::problem);
        // 10% above the market: the ±5% collar refuses the take-profit when it is placed.
        QVERIFY(d.buyBracket(QStringLiteral("B10"), 100, terms(d.text(ask - Price(300)), d.text(ask + Price(ask.value() / 10)))).accepted);
        const OrderRecord &tp = d.order(QStringLiteral("B10.TP1"));
        QCOMPARE(tp.state, OrderState::Rejected);
        QVERIFY2(tp.reason.contains(QLatin1String("collar")), qPrintable(tp.reason));
        QCOMPARE(d.bracket(QStringLiteral("B10")).takeProfitOrders.size(), 1); // not sent again and again
        QVERIFY(!problems.isEmpty());
        d.trade(ask - Price(300));
        QCOMPARE(d.bracket(QStringLiteral("B10")).outcome, QStringLiteral("stop exit"));
        QCOMPARE(d.position(), 0);
    }

    void anExitRefusedClosesTheBracketAndSaysSo()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price ask = d.ask();
        QVERIFY(d.buyBracket(QStringLiteral("B11"), 100, terms(d.text(ask - Price(300)), {})).accepted);
        QVERIFY(d.oms->setKillSwitch(KillSwitch::Halted, QStringLiteral("test"), Carol));
        QSignalSpy problems(d.monitor.get(), &BracketMonitor::problem);
        d.trade(ask - Price(400));
        const BracketRecord &b = d.bracket(QStringLiteral("B11"));
        QCOMPARE(b.outcome, QStringLiteral("exit refused"));
        QCOMPARE(b.exitOrders.size(), 1); // once, not retried into the same refusal
        QCOMPARE(d.order(QStringLiteral("B11.X1")).state, OrderState::Rejected);
        QCOMPARE(d.position(), 100); // still held: the trader is told
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.last().at(0).toString().contains(QLatin1String("halted")), qPrintable(problems.last().at(0).toString()));
    }

    void entryNeverFilledClosesTheBracket()
    {
        TestStores stores;
        Desk d(stores, stores.freshUrl(), true);
        const Price low = d.ask() - Price(800); // rests below the market (within the 5% collar)
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("B9");
        c.account = QStringLiteral("DESK-02");
        c.instrument = Aapl;
        c.side = QStringLiteral("buy");
        c.quantity = 100;
        c.limitPrice = d.text(low);
        c.bracket = terms(d.text(low - Price(300)), d.text(low + Price(500)));
        c.actor = Alice;
        const CommandOutcome out = d.oms->submit(c);
        QVERIFY2(out.accepted, qPrintable(out.reason));
        d.settle();
        QCOMPARE(d.bracket(QStringLiteral("B9")).phase, BracketPhase::Entry);
        d.trade(low - Price(400)); // not armed: a stop only protects what was bought
        QCOMPARE(d.bracket(QStringLiteral("B9")).phase, BracketPhase::Entry);
        QVERIFY(d.oms->cancel(QStringLiteral("B9"), Alice).accepted);
        d.settle();
        QCOMPARE(d.bracket(QStringLiteral("B9")).outcome, QStringLiteral("entry not filled"));
        QVERIFY(d.bracket(QStringLiteral("B9")).takeProfitOrders.isEmpty());
    }

    // The workstation dies between steps; the next one carries on from the log.
    void restartMidTradeKeepsTheStopWorkingAndFiresOnce()
    {
        TestStores stores;
        const QString url = stores.freshUrl();
        Price stop;
        {
            Desk first(stores, url, true);
            const Price ask = first.ask();
            stop = ask - Price(300);
            QVERIFY(first.buyBracket(QStringLiteral("R1"), 100, terms(first.text(stop), first.text(ask + Price(500)))).accepted);
            QCOMPARE(first.bracket(QStringLiteral("R1")).phase, BracketPhase::Armed);
        } // killed with the take-profit working
        {
            Desk second(stores, url, false, Friday + 60'000'000);
            // The venue lost the take-profit with the old process: it is placed again.
            QCOMPARE(second.order(QStringLiteral("R1.TP1")).state, OrderState::Expired);
            QCOMPARE(second.bracket(QStringLiteral("R1")).currentTakeProfit(), QStringLiteral("R1.TP2"));
            QVERIFY(isWorking(second.order(QStringLiteral("R1.TP2")).state));
            // The stop fires; the process dies before the exit order is sent (the trigger is recorded,
            // the take-profit cancelled, the next step still queued).
            TradePrint t;
            t.instrument = second.aapl().id;
            t.price = stop - Price(5);
            second.monitor->onTrade(t);
            second.monitor->processPending(); // records the trigger, asks to cancel the take-profit
            QCOMPARE(second.bracket(QStringLiteral("R1")).phase, BracketPhase::Exiting);
            QCOMPARE(second.count(events::OrderAccepted, QStringLiteral("exit")), 0);
        } // killed mid-exit
        for (int restart = 0; restart < 3; ++restart) {
            Desk again(stores, url, false, Friday + 120'000'000);
            const BracketRecord &b = again.bracket(QStringLiteral("R1"));
            QCOMPARE(b.phase, BracketPhase::Closed);
            QCOMPARE(b.outcome, QStringLiteral("stop exit"));
            QCOMPARE(again.position(), 0);
            TradePrint t;
            t.instrument = again.aapl().id;
            t.price = stop - Price(100);
            again.monitor->onTrade(t);
            again.settle();
            // Once, however many restarts and trades below the stop.
            QCOMPARE(again.count(events::BracketExitTriggered), 1);
            QCOMPARE(again.count(events::OrderAccepted, QStringLiteral("exit")), 1);
            QCOMPARE(again.count(events::OrderRejected), 0);
            QCOMPARE(again.order(QStringLiteral("R1.X1")).filled, Quantity(100));
            QCOMPARE(again.order(QStringLiteral("R1.TP2")).filled, Quantity(0));
            QVERIFY(again.oms->state().checkInvariants());
        }
    }

    // Two workstations on one store, each with its own venue session, trade the same account;
    // each learns the other's brackets from the store (they are shown everywhere) and the market
    // falls through every stop as both see it. Each workstation works its own brackets alone:
    // the cancels per bracket are those of one workstation with all the brackets, no venue
    // refuses a cancel, and neither records a step on the other's bracket.
    void twoWorkstationsWorkOnlyTheirOwnBrackets()
    {
        const QStringList ids{QStringLiteral("A1"), QStringLiteral("A2"), QStringLiteral("B1")};
        TestStores stores;
        Price ask, stop;
        Cancels alone;
        {
            Desk one(stores, stores.freshUrl(), true, Friday, WorkstationA);
            ask = one.ask();
            stop = ask - Price(300);
            const BracketTerms exits = terms(one.text(stop), one.text(ask + Price(500)));
            for (const QString &id : ids)
                QVERIFY(one.buyBracket(id, 100, exits).accepted);
            for (int round = 0; round < 3; ++round) {
                one.trade(stop - Price(5));
                one.trade(stop - Price(5));
            }
            for (const QString &id : ids)
                QCOMPARE(one.bracket(id).outcome, QStringLiteral("stop exit"));
            alone = cancelsPerBracket(*one.store, ids);
        }

        const QString url = stores.freshUrl();
        Desk a(stores, url, true, Friday, WorkstationA);
        Desk b(stores, url, false, Friday, WorkstationB);
        QCOMPARE(b.ask(), ask); // the same market at each venue: the same prices as alone
        const BracketTerms exits = terms(a.text(stop), a.text(ask + Price(500)));
        QVERIFY(a.buyBracket(QStringLiteral("A1"), 100, exits).accepted);
        QVERIFY(b.buyBracket(QStringLiteral("B1"), 100, exits).accepted); // learns A1 first (the account moved on)
        QVERIFY(a.buyBracket(QStringLiteral("A2"), 100, exits).accepted); // learns B1
        QVERIFY(b.oms->state().brackets().bracket(QStringLiteral("A1")));
        QVERIFY(a.oms->state().brackets().bracket(QStringLiteral("B1")));
        QCOMPARE(a.bracket(QStringLiteral("B1")).workstation, WorkstationB);
        QCOMPARE(b.bracket(QStringLiteral("A1")).workstation, WorkstationA);
        QCOMPARE(a.order(QStringLiteral("B1.TP1")).workstation, WorkstationB);
        for (int round = 0; round < 3; ++round) {
            a.trade(stop - Price(5));
            b.trade(stop - Price(5));
        }

        // The record as a third workstation reads it: every bracket out at its stop, once.
        auto replayed = TradingState::replay(*a.store, ReadQuery{}, false);
        QVERIFY(replayed);
        QCOMPARE(replayed->anomalies(), 0);
        for (const QString &id : ids) {
            const BracketRecord *bracket = replayed->brackets().bracket(id);
            QVERIFY(bracket);
            QCOMPARE(bracket->outcome, QStringLiteral("stop exit"));
            QCOMPARE(replayed->order(id + QStringLiteral(".X1"))->filled, Quantity(100));
        }
        QCOMPARE(a.count(events::BracketExitTriggered), 3);
        const Cancels together = cancelsPerBracket(*a.store, ids);
        QCOMPARE(together.requested, alone.requested);
        QCOMPARE(together.rejected, alone.rejected);
        for (const QString &id : ids) {
            QCOMPARE(together.requested.value(id), 1); // the take-profit, once
            QCOMPARE(together.rejected.value(id), 0);
        }
        for (const RecordedEvent &e : std::as_const(a.recorded))
            QVERIFY2(bracketOf(e) != u"B1", qPrintable(e.type + QStringLiteral(" on B1 by workstation A")));
        for (const RecordedEvent &e : std::as_const(b.recorded))
            QVERIFY2(!bracketOf(e).startsWith(u'A'), qPrintable(e.type + QStringLiteral(" on ") + bracketOf(e) + QStringLiteral(" by workstation B")));
        // The trader at B sees A's brackets and cannot work them: they are A's to change.
        const CommandOutcome refused = b.monitor->exitNow(QStringLiteral("A2"), Alice);
        QVERIFY(!refused.accepted);
        QVERIFY(!b.monitor->cancel(QStringLiteral("A2"), Alice).accepted);
    }

    // A workstation starting next to another reconciles only what it routed itself: the other's
    // working orders rest at that one's venue. The other, restarted, reconciles its own (its venue
    // went with it) and resumes its bracket.
    void reconciliationAtStartLeavesAnotherWorkstationsOrders()
    {
        TestStores stores;
        const QString url = stores.freshUrl();
        Price stop;
        {
            Desk a(stores, url, true, Friday, WorkstationA);
            const Price ask = a.ask();
            stop = ask - Price(300);
            QVERIFY(a.buyBracket(QStringLiteral("A1"), 100, terms(a.text(stop), a.text(ask + Price(500)))).accepted);
            NewOrderCommand rest;
            rest.clientOrderId = QStringLiteral("A-REST");
            rest.account = QStringLiteral("DESK-01");
            rest.instrument = Aapl;
            rest.side = QStringLiteral("buy");
            rest.quantity = 100;
            rest.limitPrice = a.text(ask - Price(1000));
            rest.actor = Alice;
            QVERIFY(a.oms->submit(rest).accepted);
            QVERIFY(isWorking(a.order(QStringLiteral("A-REST")).state));
            QVERIFY(isWorking(a.order(QStringLiteral("A1.TP1")).state));

            Desk b(stores, url, false, Friday + 1'000'000, WorkstationB); // A still runs
            QVERIFY(isWorking(b.order(QStringLiteral("A-REST")).state));
            QVERIFY(isWorking(b.order(QStringLiteral("A1.TP1")).state));
            QCOMPARE(b.bracket(QStringLiteral("A1")).phase, BracketPhase::Armed);
            b.trade(stop - Price(5)); // B's market falls through A's stop: A's bracket is A's
            QCOMPARE(b.bracket(QStringLiteral("A1")).phase, BracketPhase::Armed);
            QCOMPARE(b.count(events::OrderExpired), 0);
            QCOMPARE(b.count(events::BracketExitTriggered), 0);
            QCOMPARE(b.count(events::CancelRequested), 0);
            QVERIFY(b.recorded.isEmpty());
            // A trader at B cannot cancel or replace what A sent: A's venue session holds it.
            const CommandOutcome cancel = b.oms->cancel(QStringLiteral("A-REST"), Alice);
            QVERIFY(!cancel.accepted);
            QVERIFY2(cancel.reason.contains(QStringLiteral("was sent from workstation ") + WorkstationA), qPrintable(cancel.reason));
            QVERIFY(!b.oms->replace(QStringLiteral("A-REST"), 200, {}, Alice).accepted);
            QCOMPARE(b.count(events::CancelRequested), 0);
            QCOMPARE(b.count(events::ReplaceRequested), 0);
            QVERIFY(isWorking(b.order(QStringLiteral("A-REST")).state));
        }
        Desk again(stores, url, false, Friday + 2'000'000, WorkstationA);
        QCOMPARE(again.order(QStringLiteral("A-REST")).state, OrderState::Expired);
        QCOMPARE(again.order(QStringLiteral("A1.TP1")).state, OrderState::Expired);
        QCOMPARE(again.bracket(QStringLiteral("A1")).currentTakeProfit(), QStringLiteral("A1.TP2"));
        QVERIFY(isWorking(again.order(QStringLiteral("A1.TP2")).state));
        QCOMPARE(again.order(QStringLiteral("A1.TP2")).workstation, WorkstationA);
    }

    // Brackets and orders recorded before workstations had an identity carry none (their events
    // keep their bytes): they belong to the user who placed them. Another user's workstation
    // leaves them alone; the user's own workstation, now with an id, resumes them.
    void workRecordedWithoutAWorkstationBelongsToTheUserWhoEnteredIt()
    {
        TestStores stores;
        const QString url = stores.freshUrl();
        Price stop;
        {
            Desk before(stores, url, true); // no id: recorded as before
            const Price ask = before.ask();
            stop = ask - Price(300);
            QVERIFY(before.buyBracket(QStringLiteral("L1"), 100, terms(before.text(stop), before.text(ask + Price(500)))).accepted);
            QVERIFY(before.bracket(QStringLiteral("L1")).workstation.isEmpty());
            const auto recorded = before.store->read(ReadQuery{});
            QVERIFY(recorded);
            for (const RecordedEvent &e : *recorded)
                QVERIFY2(!e.payloadObject().contains(QStringLiteral("workstation")), qPrintable(e.type));
        }
        {
            Desk bobs(stores, url, false, Friday + 1'000'000, WorkstationB, Bob);
            QVERIFY(isWorking(bobs.order(QStringLiteral("L1.TP1")).state));
            bobs.trade(stop - Price(5));
            QCOMPARE(bobs.bracket(QStringLiteral("L1")).phase, BracketPhase::Armed);
            QVERIFY(bobs.recorded.isEmpty());
        }
        Desk alices(stores, url, false, Friday + 2'000'000, WorkstationA, Alice);
        QCOMPARE(alices.order(QStringLiteral("L1.TP1")).state, OrderState::Expired);
        QCOMPARE(alices.bracket(QStringLiteral("L1")).currentTakeProfit(), QStringLiteral("L1.TP2"));
        alices.trade(stop - Price(5));
        QCOMPARE(alices.bracket(QStringLiteral("L1")).outcome, QStringLiteral("stop exit"));
        QCOMPARE(alices.count(events::BracketExitTriggered), 1);
    }
};

QTEST_GUILESS_MAIN(TestBrackets)
#include "tst_brackets.moc"
