// The engine in a compliance session on a real store (SQLite and PostgreSQL) left with working
// orders and an armed bracket whose time exit has come: it records nothing but the session's
// start, refuses every command, and never reaches the venue. The same store opened by a trading
// session is reconciled and its bracket worked, recorded by system actors.

#include "engine/tradingengine.h"
#include "engine/workstationsession.h"
#include "oms/brackets.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "testmarket.h"
#include "testorders.h"
#include "venue/simulatedvenue.h"
#include "venue/venueserver.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace instant;
using namespace instant::test;

namespace {

const QString Aapl = QStringLiteral("AAPL");
const QString Working = QStringLiteral("PASSIVE-1");   // a buy far below the market
const QString Bracket = QStringLiteral("BRACKET-1");   // filled entry, take-profit working, out after a minute
const QString TakeProfit = QStringLiteral("BRACKET-1.TP1");
const TimestampUs AnHourLater = MarketOpenUs + 3'600'000'000; // the bracket's time exit is long past

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

// Counts a signal the engine thread emits, delivered on this thread (a QSignalSpy would be
// written from the engine thread while the test reads it).
template <typename Signal>
std::shared_ptr<int> heard(TradingEngine *engine, Signal signal)
{
    auto count = std::make_shared<int>(0);
    QObject::connect(engine, signal, engine, [count] { ++*count; }, Qt::QueuedConnection);
    return count;
}

// A buy of 100 AAPL for DESK-02 at `limit`, as the ticket sends it (the engine names the actor).
NewOrderCommand aaplBuy(const QString &id, const QString &limit)
{
    NewOrderCommand c;
    c.clientOrderId = id;
    c.account = QStringLiteral("DESK-02");
    c.instrument = Aapl;
    c.side = QStringLiteral("buy");
    c.quantity = 100;
    c.limitPrice = limit;
    return c;
}

QList<RecordedEvent> eventsAfter(EventStore &store, Sequence after)
{
    ReadQuery q;
    q.fromSequence = after + 1;
    auto read = store.read(q);
    if (!read)
        qFatal("cannot read the store: %s", qPrintable(read.message()));
    return *read;
}

} // namespace

class TestComplianceSession : public QObject
{
    Q_OBJECT

    TestStores stores;
    const ReferenceData reference = test::market();
    const SimulatedClock clock{MarketOpenUs};

    // A desk that traded this morning: a working buy and an armed bracket (entry filled, its
    // take-profit working, a time exit a minute after entry). Returns the head of the store.
    Sequence tradeTheMorning(const QString &url, bool timeExit = true)
    {
        auto store = stores.open(url);
        SimulatedVenue venue(reference, 42, MarketOpenUs);
        OrderManager oms(*store, reference, venue);
        BracketMonitor monitor(oms, reference);
        QObject::connect(&oms, &OrderManager::orderChanged, &monitor, &BracketMonitor::onOrderChanged);
        if (!oms.start(Alice))
            qFatal("start failed");
        for (const Account *a : reference.accounts())
            (void)oms.openAccount(a->id, a->openingCashCents, Actor::system());
        (void)oms.setRules(ComplianceEngine::defaultRules(), Actor::system());
        monitor.resume();
        const Instrument &aapl = *reference.instrument(Aapl);
        const Price ask = *venue.topOfBook(aapl.id).ask;
        const Price bid = *venue.topOfBook(aapl.id).bid;
        NewOrderCommand passive = aaplBuy(Working, aapl.formatPrice(Price(bid.value() - 300)));
        passive.actor = Alice;
        if (!oms.submit(passive).accepted)
            qFatal("the working order was refused");
        NewOrderCommand entry = passive;
        entry.clientOrderId = Bracket;
        entry.limitPrice = aapl.formatPrice(ask);
        entry.bracket = BracketTerms{};
        entry.bracket->takeProfit = aapl.formatPrice(Price(ask.value() + 800));
        if (timeExit)
            entry.bracket->exitAfterSeconds = 60;
        if (!oms.submit(entry).accepted)
            qFatal("the bracket was refused");
        for (int i = 0; i < 50 && monitor.pending() > 0; ++i)
            QCoreApplication::processEvents();
        const BracketRecord *b = oms.state().brackets().bracket(Bracket);
        const OrderRecord *tp = oms.state().order(TakeProfit);
        if (!b || b->phase != BracketPhase::Armed || !tp || !isWorking(tp->state) || !isWorking(oms.state().order(Working)->state))
            qFatal("the morning did not leave a working order and an armed bracket");
        return store->head()->sequence;
    }

    std::unique_ptr<TradingEngine> startEngine(EventStore &store, const Actor &actor, std::optional<FixVenueSettings> venue = {})
    {
        EngineOptions options;
        options.startUs = AnHourLater;
        options.stepIntervalMs = 20;
        options.publishIntervalMs = 20;
        options.actor = actor;
        options.fixVenue = std::move(venue);
        auto engine = std::make_unique<TradingEngine>(store, reference, clock, options);
        bool started = false; // queued to this thread: a fast start may come before any wait
        QObject::connect(engine.get(), &TradingEngine::started, engine.get(), [&started] { started = true; }, Qt::QueuedConnection);
        engine->start();
        if (!QTest::qWaitFor([&started] { return started; }, 10000))
            qFatal("engine did not start");
        return engine;
    }

    // Every command that records or sends, then one whose refusal comes back: the engine thread
    // takes them in order, so when that one is answered all of them have been.
    void tryEverything(TradingEngine &engine)
    {
        QList<CommandOutcome> finished;
        QObject::connect(&engine, &TradingEngine::commandFinished, &engine,
                         [&finished](const CommandOutcome &out) { finished << out; }, Qt::QueuedConnection);
        engine.cancel(Working);
        engine.replace(Working, 200, QString());
        engine.cancelAll();
        BracketTerms terms;
        terms.takeProfit = QStringLiteral("300.00");
        engine.amendBracket(Bracket, terms);
        engine.exitBracket(Bracket);
        engine.cancelBracket(Bracket);
        engine.acknowledgeException(1, QStringLiteral("seen"));
        engine.setKillSwitch(KillSwitch::Halted, QStringLiteral("runaway"));
        engine.setScreenerRules(Screener::defaultRules());
        engine.proposeRebalance(QStringLiteral("DESK-02"));
        engine.submit(aaplBuy(QStringLiteral("C-LAST"), QStringLiteral("228.50")));
        QTRY_COMPARE(finished.size(), 1); // nothing before it finished: those commands answer nothing or a problem
        const CommandOutcome out = finished.first();
        QCOMPARE(out.orderId, QStringLiteral("C-LAST"));
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(QStringLiteral("cannot send orders")), qPrintable(out.reason));
    }

private Q_SLOTS:
    // Demo mode: the in-process venue, market steps, the bracket's exit long due.
    void complianceRecordsOnlyItsStart()
    {
        const QString url = stores.freshUrl();
        const Sequence morning = tradeTheMorning(url);
        auto store = stores.open(url);
        WorkstationSession session(*store, Carol, true);
        QVERIFY(session.start());

        auto engine = startEngine(*store, Carol);
        QVERIFY(!engine->canTrade());
        const auto trades = heard(engine.get(), &TradingEngine::tradesPrinted);
        tryEverything(*engine);
        // The market moved many steps (each step is when time exits and settlement would run)...
        QTRY_VERIFY_WITH_TIMEOUT(*trades >= 20, 20000);
        // ...and the record is shown as it is: the working orders still working, the bracket armed.
        auto shown = engine->snapshot();
        QTRY_VERIFY((shown = engine->snapshot()) && shown->order(Working));
        QVERIFY(isWorking(shown->order(Working)->state));
        QVERIFY(isWorking(shown->order(TakeProfit)->state));
        QCOMPARE(shown->brackets().bracket(Bracket)->phase, BracketPhase::Armed);
        engine->stop();
        QVERIFY(session.end()); // a compliance session records no end either

        const QList<RecordedEvent> recorded = eventsAfter(*store, morning);
        QStringList seen;
        for (const RecordedEvent &e : recorded)
            seen << QStringLiteral("%1 by %2/%3").arg(e.type, e.actor.user, e.actor.role);
        QCOMPARE(seen, QStringList{QStringLiteral("WorkstationSessionStarted by carol/compliance")});
        QCOMPARE(recorded.constFirst().streamId, session.streamId());
    }

    // The same morning opened by a trader: reconciliation expires what the venue no longer knows
    // and the bracket's time exit fires, each recorded by the system, not the trader.
    void tradingReconcilesAsTheSystem()
    {
        const QString url = stores.freshUrl();
        const Sequence morning = tradeTheMorning(url);
        auto store = stores.open(url);
        auto engine = startEngine(*store, Alice);
        auto recordedOf = [&](const QString &type) {
            QList<RecordedEvent> out;
            for (const RecordedEvent &e : eventsAfter(*store, morning))
                if (e.type == type)
                    out << e;
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!recordedOf(events::BracketExitTriggered).isEmpty(), 20000);
        engine->stop();
        const QList<RecordedEvent> expired = recordedOf(events::OrderExpired);
        QStringList ids;
        for (const RecordedEvent &e : expired) {
            ids << e.payloadObject().value(QStringLiteral("order_id")).toString();
            QCOMPARE(e.actor.user, QStringLiteral("reconciliation"));
            QCOMPARE(e.actor.role, QStringLiteral("system"));
        }
        ids.sort();
        QCOMPARE(ids, (QStringList{TakeProfit, Working})); // sorted: BRACKET-1.TP1, PASSIVE-1
        for (const RecordedEvent &e : recordedOf(events::BracketExitTriggered))
            QCOMPARE(e.actor.role, QStringLiteral("system"));
        // Nothing of the system's work was recorded in the trader's name.
        for (const RecordedEvent &e : eventsAfter(*store, morning))
            QVERIFY2(e.actor.role != u"trader", qPrintable(e.type));
    }

    // Live: a compliance session opens no FIX session at all (no logon, no status request, no
    // order); a trading session on the same store and venue does.
    void complianceReachesNoVenue()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueServerOptions o;
        o.fixPort = port;
        o.stateDirectory = dir.filePath(QStringLiteral("venue"));
        o.heartbeatSeconds = 1;
        o.stepIntervalMs = 50;
        o.startUs = MarketOpenUs;
        VenueServer server(reference, o);
        QVERIFY(server.start());
        int sessions = 0;
        QObject::connect(&server, &VenueServer::sessionChanged, &server, [&sessions] { ++sessions; });

        const QString url = stores.freshUrl();
        const Sequence morning = tradeTheMorning(url);
        auto store = stores.open(url);
        FixVenueSettings s;
        s.port = port;
        s.senderCompId = QStringLiteral("DESK1");
        s.heartbeatSeconds = 1;
        s.reconnectSeconds = 1;

        s.stateDirectory = dir.filePath(QStringLiteral("compliance"));
        auto compliance = startEngine(*store, Carol, s);
        const auto lag = heard(compliance.get(), &TradingEngine::lagMeasured);
        tryEverything(*compliance);
        QTRY_VERIFY_WITH_TIMEOUT(*lag >= 3, 10000); // three seconds: a FIX initiator logs on in one
        compliance->stop();
        QCOMPARE(sessions, 0);
        QVERIFY(server.loggedOnSessions().isEmpty());
        QCOMPARE(server.ordersReceived(), 0);
        QVERIFY(eventsAfter(*store, morning).isEmpty());

        // The control: the same settings log a trading session on (on a store of its own, so that
        // no reconciliation traffic is in flight when it stops).
        s.stateDirectory = dir.filePath(QStringLiteral("trader"));
        auto quiet = stores.open(stores.freshUrl());
        auto trading = startEngine(*quiet, Alice, s);
        QTRY_VERIFY_WITH_TIMEOUT(!server.loggedOnSessions().isEmpty(), 10000);
        trading->stop();
    }

    // A trader sets the kill switch from the workstation: one event, in the trader's name.
    // The trader's "Cancel all" stops the bracket with its orders: its take-profit is cancelled
    // and not placed again, the stop will not fire, the position stays; a plain working order is
    // cancelled as before. Each by the trader.
    void cancelAllStopsTheBracketsWithTheirOrders()
    {
        const QString url = stores.freshUrl();
        const Sequence morning = tradeTheMorning(url, false);
        auto store = stores.open(url);
        auto engine = startEngine(*store, Alice);
        auto recordedOf = [&](const QString &type, const QString &id) {
            QList<RecordedEvent> out;
            for (const RecordedEvent &e : eventsAfter(*store, morning))
                if (e.type == type && (id.isEmpty() || e.payloadObject().value(QStringLiteral("order_id")).toString() == id))
                    out << e;
            return out;
        };
        // The venue here does not know the morning's orders: reconciled, the bracket places its
        // take-profit again at this session's venue, and a new plain order rests there.
        const QString again = QStringLiteral("BRACKET-1.TP2");
        QTRY_VERIFY_WITH_TIMEOUT(!recordedOf(events::OrderAcknowledged, again).isEmpty(), 20000);
        QList<CommandOutcome> finished;
        QObject::connect(engine.get(), &TradingEngine::commandFinished, engine.get(),
                         [&finished](const CommandOutcome &out) { finished << out; }, Qt::QueuedConnection);
        const QString resting = QStringLiteral("220.00"); // below the market, inside the collar
        engine->submit(aaplBuy(QStringLiteral("PASSIVE-2"), resting));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY2(finished.first().accepted, qPrintable(finished.first().reason));

        engine->cancelAll();
        QTRY_VERIFY_WITH_TIMEOUT(!recordedOf(events::OrderCancelled, again).isEmpty()
                                     && !recordedOf(events::OrderCancelled, QStringLiteral("PASSIVE-2")).isEmpty(), 20000);
        // A command after them: the steps the cancels set off were taken before it is answered.
        engine->submit(aaplBuy(QStringLiteral("PASSIVE-3"), resting));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(finished.cbegin(), finished.cend(), [](const CommandOutcome &o) { return o.orderId == u"PASSIVE-3"; }), 20000);
        engine->stop();

        const QList<RecordedEvent> closed = recordedOf(events::BracketClosed, QString());
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().payloadObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(closed.first().actor.user, Alice.user);
        QVERIFY(recordedOf(events::OrderAccepted, QStringLiteral("BRACKET-1.TP3")).isEmpty()); // not placed again
        QVERIFY(recordedOf(events::BracketExitTriggered, QString()).isEmpty());
        for (const QString &id : {again, QStringLiteral("PASSIVE-2")})
            QCOMPARE(recordedOf(events::CancelRequested, id).first().actor.user, Alice.user);
    }

    void traderSetsTheKillSwitch()
    {
        auto store = stores.open(stores.freshUrl());
        auto engine = startEngine(*store, Alice);
        QString mode;
        QObject::connect(engine.get(), &TradingEngine::killSwitchChanged, engine.get(),
                         [&mode](const QString &m) { mode = m; }, Qt::QueuedConnection);
        engine->setKillSwitch(KillSwitch::ReducingOnly, QStringLiteral("   ")); // no reason: refused
        engine->setKillSwitch(KillSwitch::Halted, QStringLiteral("runaway algo"));
        QTRY_COMPARE(mode, QStringLiteral("halted"));
        engine->stop();
        QList<RecordedEvent> kills;
        for (const RecordedEvent &e : eventsAfter(*store, 0))
            if (e.type == events::KillSwitchChanged)
                kills << e;
        QCOMPARE(kills.size(), 1);
        QCOMPARE(kills.first().actor.user, Alice.user);
        QCOMPARE(kills.first().actor.role, Alice.role);
        QCOMPARE(kills.first().payloadObject().value(QStringLiteral("mode")).toString(), QStringLiteral("halted"));
        QCOMPARE(kills.first().payloadObject().value(QStringLiteral("reason")).toString(), QStringLiteral("runaway algo"));
    }
};

QTEST_GUILESS_MAIN(TestComplianceSession)
#include "tst_compliancesession.moc"
