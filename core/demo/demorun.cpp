#include "demo/demorun.h"

#include "engine/tradingdesk.h"
#include "demo/demomarket.h"

#include "events/eventhash.h"
#include "oms/lifecycleevents.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "demo/simulatedtraders.h"
#include "settlement/settlementworker.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"
#include "venue/fixvenue.h"
#include "marketdata/websocketfeed.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHash>
#include <QElapsedTimer>
#include <QTimeZone>
#include <QTimer>

#include <random>

namespace instant {

QJsonObject DemoSummary::toJson() const
{
    QJsonObject states, instruments;
    for (auto it = ordersByState.cbegin(); it != ordersByState.cend(); ++it)
        states.insert(it.key(), it.value());
    for (auto it = lifecycle.cbegin(); it != lifecycle.cend(); ++it)
        instruments.insert(it.key(), it.value());
    QJsonObject byKind;
    for (auto it = exceptionsByKind.cbegin(); it != exceptionsByKind.cend(); ++it)
        byKind.insert(it.key(), it.value());
    return {{QStringLiteral("orders"), orders},
            {QStringLiteral("orders_by_state"), states},
            {QStringLiteral("brackets"), QJsonObject{{QStringLiteral("placed"), brackets},
                                                     {QStringLiteral("closed"), bracketsClosed},
                                                     {QStringLiteral("exits_fired"), bracketExits},
                                                     {QStringLiteral("child_orders"), bracketOrders}}},
            {QStringLiteral("fills"), fills},
            {QStringLiteral("settled_trades"), settledTrades},
            {QStringLiteral("unsettled_trades"), unsettledTrades},
            {QStringLiteral("realized_pnl"), double(realizedCents) / 100.0},
            {QStringLiteral("unrealized_pnl"), double(unrealizedCents) / 100.0},
            {QStringLiteral("lifecycle"), instruments},
            {QStringLiteral("events"), events},
            {QStringLiteral("trading_days"), tradingDays},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("invariants"), invariants.isEmpty() ? QStringLiteral("hold") : invariants},
            {QStringLiteral("execution_exceptions"), QJsonObject{{QStringLiteral("total"), exceptions},
                                                                 {QStringLiteral("open"), openExceptions},
                                                                 {QStringLiteral("by_kind"), byKind},
                                                                 {QStringLiteral("first"), QJsonArray::fromStringList(exceptionLines)}}},
            {QStringLiteral("unbooked_executions"), unbooked},
            {QStringLiteral("venue_lost"), venueLost},
            {QStringLiteral("orders_not_sent"), ordersNotSent},
            {QStringLiteral("store_halts"), QJsonObject{{QStringLiteral("count"), storeHalts},
                                                        {QStringLiteral("commands_refused"), refusedWhileHalted},
                                                        {QStringLiteral("first_reason"), storeHaltReason},
                                                        {QStringLiteral("halted_at_end"), haltedAtEnd}}},
            {QStringLiteral("state_digest"), QString::fromLatin1(stateDigest)}};
}

QString DemoSummary::toText() const
{
    QString text = QStringLiteral("orders: %1 over %2 trading day(s)\n").arg(orders).arg(tradingDays);
    for (auto it = ordersByState.cbegin(); it != ordersByState.cend(); ++it)
        text += QStringLiteral("  %1 %2\n").arg(it.key(), -16).arg(it.value());
    text += QStringLiteral("brackets: %1 (%2 closed, %3 stops or time exits fired, %4 take-profit and exit orders)\n")
                .arg(brackets)
                .arg(bracketsClosed)
                .arg(bracketExits)
                .arg(bracketOrders);
    text += QStringLiteral("fills: %1\nsettled trades: %2 (%3 awaiting settlement)\n").arg(fills).arg(settledTrades).arg(unsettledTrades);
    text += QStringLiteral("realized P&L: $%L1\nunrealized P&L: $%L2\n")
                .arg(double(realizedCents) / 100.0, 0, 'f', 2)
                .arg(double(unrealizedCents) / 100.0, 0, 'f', 2);
    if (!lifecycle.isEmpty()) {
        QStringList parts;
        for (auto it = lifecycle.cbegin(); it != lifecycle.cend(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        text += QStringLiteral("instruments' own dates: %1\n").arg(parts.join(QStringLiteral(", ")));
    }
    if (exceptions > 0) {
        QStringList parts;
        for (auto it = exceptionsByKind.cbegin(); it != exceptionsByKind.cend(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        text += QStringLiteral("execution exceptions: %1 (%2 open): %3\n").arg(exceptions).arg(openExceptions).arg(parts.join(QStringLiteral(", ")));
        for (const QString &line : exceptionLines)
            text += QStringLiteral("  %1\n").arg(line);
    }
    if (haltedAtEnd)
        text += QStringLiteral("TRADING HALTED: the store cannot record (%1); %2 command(s) refused\n")
                    .arg(storeHaltReason)
                    .arg(refusedWhileHalted);
    else if (storeHalts > 0)
        text += QStringLiteral("store halts: %1, trading resumed each time (%2 command(s) refused; first: %3)\n")
                    .arg(storeHalts)
                    .arg(refusedWhileHalted)
                    .arg(storeHaltReason);
    if (unbooked > 0)
        text += QStringLiteral("EXECUTIONS NOT BOOKED: %1 (see the log above)\n").arg(unbooked);
    if (!venueLost.isEmpty())
        text += QStringLiteral("VENUE LOST: %1; %2 order(s) not sent\n").arg(venueLost).arg(ordersNotSent);
    text += QStringLiteral("events: %1 in %2 s\ninvariants: %3\n")
                .arg(events)
                .arg(seconds, 0, 'f', 2)
                .arg(invariants.isEmpty() ? QStringLiteral("hold") : invariants);
    return text;
}

QByteArray stateDigest(const TradingState &state)
{
    return eventhash::sha256(canonicalJson(state.toJson())).toHex();
}

namespace {

// The desk's accounts and the simulated traders' (their own, unless they trade the user's) are
// opened, and the default rules set, by the system.
Status prepareDesk(TradingDesk &desk, const Actor &actor, const SimulatedTraders &traders)
{
    if (Status s = desk.orders().start(actor); !s)
        return s;
    return desk.open(traders.accounts(), Actor{QStringLiteral("demo"), QStringLiteral("system")});
}

// Exits 1% either side of a buy's limit (a trailing stop every other time), out after an hour.
void attachBracket(NewOrderCommand &c, const ReferenceData &reference, int n)
{
    const Instrument *i = reference.instrument(c.instrument);
    if (!i || i->kind == InstrumentKind::EquityOption || c.side != u"buy" || c.type != u"limit")
        return;
    auto limit = i->parsePrice(c.limitPrice);
    if (!limit)
        return;
    const qint64 tick = std::max<qint64>(1, i->tickSize);
    const qint64 offset = std::max(tick, limit->value() / 100 / tick * tick);
    BracketTerms t;
    if (n % 2 == 0)
        t.stopLoss = i->formatPrice(Price(limit->value() - offset));
    else
        t.trailBy = i->formatPrice(Price(offset));
    t.takeProfit = i->formatPrice(Price(limit->value() + offset));
    t.exitAfterSeconds = 3600;
    c.bracket = t;
}

// What the store's halts did to the run: a run that ends halted has failed.
void noteStoreHalts(DemoSummary &summary, const OrderManager &oms)
{
    const OrderManager::StoreHaltHistory &history = oms.storeHaltHistory();
    summary.storeHalts = history.halts;
    summary.refusedWhileHalted = history.refused;
    summary.storeHaltReason = history.firstReason;
    summary.haltedAtEnd = oms.storeHalt().has_value();
}

DemoSummary summarize(EventStore &store, const TradingState &state, const ReferenceData &reference, int days,
                      const QElapsedTimer &clock, const std::function<std::optional<Price>(const QString &)> &lastTrade,
                      qint64 unbooked)
{
    DemoSummary summary;
    summary.tradingDays = days;
    summary.unbooked = unbooked;
    summary.exceptions = state.exceptionsTotal();
    summary.openExceptions = state.openExceptions();
    for (const TradingState::ExceptionEntry &e : state.executionExceptions()) {
        ++summary.exceptionsByKind[e.kind];
        if (summary.exceptionLines.size() < 10)
            summary.exceptionLines << QStringLiteral("%1 on %2 (%3): expected %4; came %5").arg(e.kind, e.orderId, e.account, e.expected, e.came);
    }
    for (const OrderRecord &o : state.orders()) {
        ++summary.ordersByState[stateName(o.state)];
        ++(o.parent.isEmpty() ? summary.orders : summary.bracketOrders);
    }
    for (const BracketRecord &b : state.brackets().all()) {
        ++summary.brackets;
        summary.bracketsClosed += b.isOpen() ? 0 : 1;
        summary.bracketExits += b.trigger.isEmpty() || b.trigger == u"trader" ? 0 : 1;
    }
    auto head = store.head();
    summary.events = head ? head->sequence : 0;
    qint64 fills = 0;
    (void)store.forEach(ReadQuery{}, [&fills, &summary](const RecordedEvent &e) {
        if (e.type == events::OrderFilled || e.type == events::OrderPartiallyFilled)
            ++fills;
        else if (lifecycle::isLifecycleEvent(e.type))
            ++summary.lifecycle[e.type];
        return true;
    });
    summary.fills = fills;
    summary.settledTrades = state.settledTrades();
    summary.unsettledTrades = state.unsettledFills().size();
    for (const PositionRecord &p : state.positions()) {
        summary.realizedCents += p.realizedCents;
        const Instrument *i = reference.instrument(p.instrument);
        if (!i || p.quantity == 0)
            continue;
        const Price mark = lastTrade(i->id).value_or(state.lastPrice(i->id).value_or(i->referencePrice));
        summary.unrealizedCents += i->notionalCents(Quantity(p.quantity), mark) - p.costCents;
    }
    if (auto saved = TradingState::saveSnapshot(store); !saved) // the next start-up begins here
        qWarning("instant: the demo run's snapshot was not saved: %s", qPrintable(saved.message()));
    Status invariants = state.checkInvariants();
    summary.invariants = invariants ? QString() : invariants.message();
    summary.stateDigest = stateDigest(state);
    summary.state = state.toJson();
    summary.seconds = double(clock.nsecsElapsed()) / 1e9;
    return summary;
}

} // namespace

Result<DemoSummary> runDemo(EventStore &store, const ReferenceData &reference, const DemoRunOptions &options,
                            const std::function<void(int)> &progress)
{
    if (options.startUs <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a demo run needs the time its market opens"));
    QElapsedTimer clock;
    clock.start();
    SimulatedVenue venue(reference, options.seed, options.startUs);
    venue.setYieldCurve(&DemoMarket::yieldPercent);
    TradingDesk desk(store, reference, venue); // the workstation's desk, on a venue this loop steps
    OrderManager &oms = desk.orders();
    const QString prefix = QStringLiteral("D%1").arg(options.seed);
    oms.setWorkstation(options.workstation.isEmpty() ? QStringLiteral("demo-") + prefix : options.workstation);
    SimulatedTraders traders(reference, options.seed, options.onUserAccounts);
    if (Status s = prepareDesk(desk, options.actor, traders); !s)
        return s.error();

    // Brackets are worked as in the workstation: trades fire stops, the clock time exits, each
    // step recorded before anything is sent (a run killed between two steps carries on).
    BracketMonitor &brackets = desk.brackets();
    brackets.setQueued(false); // no event loop here: workBrackets() takes the steps
    desk.followTrades(&venue);
    desk.workBrackets();
    auto workBrackets = [&] {
        brackets.onClock(venue.nowUs());
        for (int round = 0; round < 50 && brackets.pending() > 0; ++round)
            brackets.processPending();
    };
    workBrackets();

    int sent = 0, stepInDay = 0, days = 1;
    SettlementWorker &settlement = desk.settlement();
    settlement.setLastPrices([&venue](const QString &id) { return venue.lastTrade(id); });
    while (sent < options.orders) {
        if (oms.storeHalt()) // once a step, the store is tried again; nothing is sent meanwhile
            (void)oms.resumeAfterStoreHalt();
        for (int k = 0; k < options.ordersPerStep && sent < options.orders; ++k) {
            NewOrderCommand c = traders.next(sent, oms, venue, prefix, options.actor);
            if (sent % 15 == 7)
                attachBracket(c, reference, sent);
            oms.submit(c);
            ++sent;
            traders.changeMind(oms, options.actor);
            if (progress && sent % 100 == 0)
                progress(sent);
        }
        workBrackets();
        venue.step(options.stepMicros);
        workBrackets();
        if (++stepInDay >= options.stepsPerDay) {
            venue.endOfDay();
            ++days;
            stepInDay = 0;
            settlement.settleNow();
        }
    }
    // Close the last day and settle what is due by the next business day.
    venue.endOfDay();
    if (oms.storeHalt())
        (void)oms.resumeAfterStoreHalt();
    settlement.settleNow();

    DemoSummary summary = summarize(store, oms.state(), reference, days, clock,
                                    [&venue](const QString &id) { return venue.lastTrade(id); }, oms.unbookedExecutions());
    noteStoreHalts(summary, oms);
    return summary;
}

Result<DemoSummary> runDemoLive(EventStore &store, const ReferenceData &reference, const Clock &machineClock,
                                const LiveRunOptions &options, const std::function<void(int)> &progress)
{
    QElapsedTimer clock;
    clock.start();
    FixVenue venue(reference, options.venue, machineClock);
    // What the session meets on the way (a refused message, an order the venue no longer has, a
    // status request that went unanswered) is said on standard error, as it happens.
    QObject::connect(&venue, &FixVenue::problem, &venue, [](const QString &p) { qWarning("venue: %s", qPrintable(p)); });
    TradingDesk desk(store, reference, venue); // its brackets are not worked: the broker's orders only
    OrderManager &oms = desk.orders();
    oms.setWorkstation(options.workstation.isEmpty() ? QStringLiteral("demo-L%1").arg(options.seed) : options.workstation);
    SimulatedTraders traders(reference, options.seed, options.onUserAccounts);
    if (Status s = prepareDesk(desk, options.actor, traders); !s)
        return s.error();
    SettlementWorker &settlement = desk.settlement();
    // The desk's drop copy: the broker's copy of every execution, booked once by ExecID.
    std::unique_ptr<FixVenue> dropCopy;
    if (options.dropCopy) {
        dropCopy = std::make_unique<FixVenue>(reference, *options.dropCopy, machineClock);
        QObject::connect(dropCopy.get(), &FixVenue::problem, dropCopy.get(), [](const QString &p) { qWarning("drop copy: %s", qPrintable(p)); });
        oms.addDropCopy(*dropCopy);
        if (Status s = dropCopy->start(); !s)
            return s.error();
    }

    // Prices from the feed when there is one; otherwise the last trade recorded, or the reference.
    QHash<QString, Quote> quotes;
    std::unique_ptr<WebSocketFeed> feed;
    if (!options.feed.isEmpty()) {
        QStringList symbols;
        for (const Instrument *i : reference.instruments())
            symbols << i->id;
        feed = std::make_unique<WebSocketFeed>(options.feed, symbols, options.feedOptions);
        QObject::connect(feed.get(), &WebSocketFeed::quote, feed.get(), [&quotes](const Quote &q) { quotes.insert(q.instrument, q); });
        feed->start();
    }
    if (Status s = venue.start(); !s)
        return s.error();
    // Waiting sleeps until something happens (a logon, a report, a quote) or the time is up, and
    // looks again: a venue that never answers costs no CPU. (QCoreApplication::processEvents with
    // a time limit never sleeps: it drops WaitForMoreEvents.)
    auto waitFor = [](const std::function<bool()> &done, qint64 timeoutMs) {
        const QDeadlineTimer deadline(std::max<qint64>(timeoutMs, 0), Qt::PreciseTimer);
        QEventLoop loop;
        QTimer wake; // its timeout is an event: the sleep ends at the deadline
        wake.setSingleShot(true);
        wake.setTimerType(Qt::PreciseTimer);
        while (!done() && !deadline.hasExpired()) {
            if (!wake.isActive())
                wake.start(int(std::clamp<qint64>(deadline.remainingTime(), 1, std::numeric_limits<int>::max())));
            loop.processEvents(QEventLoop::WaitForMoreEvents);
        }
        return done();
    };
    if (!waitFor([&venue] { return venue.state() == FixVenue::State::Ready; }, options.connectTimeoutMs))
        return makeError(ErrorCode::Unavailable, QStringLiteral("the venue did not log on within %1 s (%2)")
                                                     .arg(options.connectTimeoutMs / 1000).arg(venue.connection().text));
    if (feed)
        waitFor([&quotes, &reference] { return quotes.size() >= reference.instruments().size() / 2; }, 5000);

    const QString prefix = QStringLiteral("L%1").arg(options.seed);
    const auto topOfBook = [&quotes, &oms, &reference](const QString &id) {
        if (auto it = quotes.constFind(id); it != quotes.cend() && it->bid && it->ask)
            return *it;
        Quote q;
        q.instrument = id;
        if (const Instrument *i = reference.instrument(id)) {
            const Price mid = oms.state().lastPrice(id).value_or(i->referencePrice);
            q.bid = Price(mid.value() - i->tickSize);
            q.ask = Price(mid.value() + i->tickSize);
        }
        return q;
    };
    int sent = 0;
    QString venueLost;
    QElapsedTimer pace;
    pace.start();
    while (sent < options.orders) {
        if (oms.storeHalt()) // the store is tried again before each order; nothing is sent meanwhile
            (void)oms.resumeAfterStoreHalt();
        oms.submit(traders.next(sent, oms, topOfBook, prefix, options.actor));
        ++sent;
        traders.changeMind(oms, options.actor);
        if (progress && sent % 100 == 0)
            progress(sent);
        // Reports arrive meanwhile; keep to the pace asked for.
        const qint64 due = qint64(sent) * options.orderIntervalMs;
        QCoreApplication::processEvents();
        waitFor([] { return false; }, due - pace.elapsed());
        if (venue.state() == FixVenue::State::Disconnected
            && !waitFor([&venue] { return venue.state() == FixVenue::State::Ready; }, options.connectTimeoutMs)) {
            // The broker did not come back: the rest is not sent (a failed run), not waited for.
            venueLost = QStringLiteral("the venue did not come back within %1 s").arg(options.connectTimeoutMs / 1000);
            break;
        }
    }
    auto pending = [&oms] { // this run's orders: another's are answered at its venue
        for (const OrderRecord &o : oms.state().orders())
            if (oms.isOwnWork(o) && (o.state == OrderState::PendingNew || o.state == OrderState::PendingCancel || o.state == OrderState::PendingReplace))
                return true;
        return false;
    };
    if (venueLost.isEmpty()) // a venue that is gone answers nothing more: no wait for it
        waitFor([&] { return !pending(); }, options.finishTimeoutMs);
    if (options.cancelAtEnd && venueLost.isEmpty()) {
        for (const OrderRef &o : oms.state().orders().inEntryOrder())
            if (isWorking(o->state) && o->state != OrderState::PendingCancel && oms.isOwnWork(*o)) // not another run's
                oms.cancel(o->orderId, options.actor);
        waitFor([&] {
            for (const OrderRecord &o : oms.state().orders())
                if (!isTerminal(o.state) && oms.isOwnWork(o))
                    return false;
            return true;
        }, options.finishTimeoutMs);
    }
    if (oms.storeHalt())
        (void)oms.resumeAfterStoreHalt();
    settlement.settleNow();
    venue.stop();
    if (dropCopy)
        dropCopy->stop();
    const qint64 unbooked = oms.unbookedExecutions() + venue.refusedExecutions() + (dropCopy ? dropCopy->refusedExecutions() : 0);
    if (feed)
        feed->stop();
    DemoSummary summary = summarize(store, oms.state(), reference, 1, clock, [&quotes](const QString &id) -> std::optional<Price> {
        auto it = quotes.constFind(id);
        if (it == quotes.cend() || !it->bid || !it->ask)
            return std::nullopt;
        return Price((it->bid->value() + it->ask->value()) / 2);
    }, unbooked);
    noteStoreHalts(summary, oms);
    summary.venueLost = venueLost;
    summary.ordersNotSent = options.orders - sent;
    return summary;
}

} // namespace instant
