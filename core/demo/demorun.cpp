#include "demo/demorun.h"

#include "events/eventhash.h"
#include "oms/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "demo/simulatedtraders.h"
#include "settlement/settlementworker.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimeZone>

#include <random>

namespace instant {

QJsonObject DemoSummary::toJson() const
{
    QJsonObject states;
    for (auto it = ordersByState.cbegin(); it != ordersByState.cend(); ++it)
        states.insert(it.key(), it.value());
    return {{QStringLiteral("orders"), orders},
            {QStringLiteral("orders_by_state"), states},
            {QStringLiteral("fills"), fills},
            {QStringLiteral("settled_trades"), settledTrades},
            {QStringLiteral("unsettled_trades"), unsettledTrades},
            {QStringLiteral("realized_pnl"), double(realizedCents) / 100.0},
            {QStringLiteral("unrealized_pnl"), double(unrealizedCents) / 100.0},
            {QStringLiteral("events"), events},
            {QStringLiteral("trading_days"), tradingDays},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("invariants"), invariants.isEmpty() ? QStringLiteral("hold") : invariants},
            {QStringLiteral("state_digest"), QString::fromLatin1(stateDigest)}};
}

QString DemoSummary::toText() const
{
    QString text = QStringLiteral("orders: %1 over %2 trading day(s)\n").arg(orders).arg(tradingDays);
    for (auto it = ordersByState.cbegin(); it != ordersByState.cend(); ++it)
        text += QStringLiteral("  %1 %2\n").arg(it.key(), -16).arg(it.value());
    text += QStringLiteral("fills: %1\nsettled trades: %2 (%3 awaiting settlement)\n").arg(fills).arg(settledTrades).arg(unsettledTrades);
    text += QStringLiteral("realized P&L: $%L1\nunrealized P&L: $%L2\n")
                .arg(double(realizedCents) / 100.0, 0, 'f', 2)
                .arg(double(unrealizedCents) / 100.0, 0, 'f', 2);
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

Result<DemoSummary> runDemo(EventStore &store, const ReferenceData &reference, const DemoRunOptions &options,
                            const std::function<void(int)> &progress)
{
    QElapsedTimer clock;
    clock.start();
    SimulatedVenue venue(reference, options.seed, options.startUs);
    OrderManager oms(store, reference, venue);
    if (Status s = oms.start(options.actor); !s)
        return s.error();
    const Actor admin{QStringLiteral("demo"), QStringLiteral("compliance")};
    for (const Account *a : reference.accounts())
        if (Status s = oms.openAccount(a->id, a->openingCashCents, admin); !s)
            return s.error();
    if (oms.state().complianceRules().isEmpty())
        if (Status s = oms.setRules(ComplianceEngine::defaultRules(), admin); !s)
            return s.error();

    SimulatedTraders traders(reference, options.seed);
    const QString prefix = QStringLiteral("D%1").arg(options.seed);
    std::uniform_real_distribution<double> u(0, 1);
    int sent = 0, stepInDay = 0, days = 1;
    SettlementWorker settlement(oms, [&venue] { return venue.tradeDate(); });
    while (sent < options.orders) {
        for (int k = 0; k < options.ordersPerStep && sent < options.orders; ++k) {
            NewOrderCommand c = traders.next(sent, oms, venue, prefix, options.actor);
            oms.submit(c);
            ++sent;
            // Traders change their minds about working orders.
            QStringList working;
            for (const OrderRecord &o : oms.state().orders())
                if (isWorking(o.state) && o.state != OrderState::PendingCancel && o.state != OrderState::PendingReplace)
                    working << o.orderId;
            if (!working.isEmpty()) {
                working.sort();
                const double r = u(traders.rng());
                const QString id = working.at(std::uniform_int_distribution<int>(0, int(working.size()) - 1)(traders.rng()));
                if (r < 0.12) {
                    oms.cancel(id, options.actor);
                } else if (r < 0.18) {
                    const OrderRecord *o = oms.state().order(id);
                    const Instrument *i = reference.instrument(o->instrument);
                    const qint64 lot = isTreasury(i->kind) ? 1'000'000 : i->kind == InstrumentKind::EquityOption ? 1 : 100;
                    const qint64 qty = std::max(o->filled.value() + lot, o->quantity.value() + lot * std::uniform_int_distribution<int>(-1, 2)(traders.rng()));
                    QString px;
                    if (o->limitPrice && u(traders.rng()) < 0.6) {
                        const qint64 ticks = std::uniform_int_distribution<int>(-2, 2)(traders.rng());
                        px = i->formatPrice(Price(std::max<qint64>(i->tickSize, o->limitPrice->value() + ticks * i->tickSize)));
                    }
                    oms.replace(id, qty, px, options.actor);
                }
            }
            if (progress && sent % 100 == 0)
                progress(sent);
        }
        venue.step(options.stepMicros);
        if (++stepInDay >= options.stepsPerDay) {
            venue.endOfDay();
            ++days;
            stepInDay = 0;
            settlement.settleNow();
        }
    }
    // Close the last day and settle what is due by the next business day.
    venue.endOfDay();
    settlement.settleNow();

    DemoSummary summary;
    summary.tradingDays = days;
    const TradingState &state = oms.state();
    for (const OrderRecord &o : state.orders()) {
        ++summary.ordersByState[stateName(o.state)];
        ++summary.orders;
    }
    auto head = store.head();
    summary.events = head ? head->sequence : 0;
    qint64 fills = 0;
    (void)store.forEach(ReadQuery{}, [&fills](const RecordedEvent &e) {
        if (e.type == events::OrderFilled || e.type == events::OrderPartiallyFilled)
            ++fills;
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
        const Price mark = venue.lastTrade(i->id).value_or(state.lastPrice(i->id).value_or(i->referencePrice));
        summary.unrealizedCents += i->notionalCents(Quantity(p.quantity), mark) - p.costCents;
    }
    (void)TradingState::saveSnapshot(store); // the next start-up begins here
    Status invariants = state.checkInvariants();
    summary.invariants = invariants ? QString() : invariants.message();
    summary.stateDigest = stateDigest(state);
    summary.state = state.toJson();
    summary.seconds = double(clock.nsecsElapsed()) / 1e9;
    return summary;
}

} // namespace instant
