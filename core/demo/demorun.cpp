#include "demo/demorun.h"

#include "events/eventhash.h"
#include "oms/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
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

namespace {

class SimulatedTraders
{
public:
    SimulatedTraders(const ReferenceData &reference, quint64 seed) : m_reference(reference), m_rng(seed ^ 0x5eed)
    {
        for (const Instrument *i : reference.instruments())
            (isTreasury(i->kind) ? m_treasuries : m_other).append(i);
    }

    NewOrderCommand next(int n, const OrderManager &oms, const SimulatedVenue &venue, const QString &prefix, const Actor &actor)
    {
        std::uniform_real_distribution<double> u(0, 1);
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("%1-%2").arg(prefix).arg(n, 6, 10, QLatin1Char('0'));
        c.actor = actor;
        const bool rates = u(m_rng) < 0.5;
        c.account = rates ? QStringLiteral("DESK-01") : (u(m_rng) < 0.8 ? QStringLiteral("DESK-02") : QStringLiteral("DEMO-01"));
        const auto &pool = rates ? m_treasuries : m_other;
        const Instrument *i = pool.at(std::uniform_int_distribution<int>(0, int(pool.size()) - 1)(m_rng));
        c.instrument = i->id;
        const qint64 held = oms.state().sellableQuantity(c.account, i->id);
        const bool sell = held > 0 && u(m_rng) < 0.45;
        c.side = sell ? QStringLiteral("sell") : QStringLiteral("buy");
        const qint64 unit = isTreasury(i->kind) ? 1'000'000 : i->kind == InstrumentKind::EquityOption ? 1 : 100;
        qint64 qty = unit * std::uniform_int_distribution<int>(1, 10)(m_rng);
        if (sell)
            qty = std::min(qty, held);
        c.quantity = qty;

        const double roll = u(m_rng);
        c.type = roll < 0.72 ? QStringLiteral("limit") : roll < 0.82 ? QStringLiteral("market") : roll < 0.9 ? QStringLiteral("stop-limit") : QStringLiteral("stop");
        const double tifRoll = u(m_rng);
        c.timeInForce = tifRoll < 0.6 ? QStringLiteral("day") : tifRoll < 0.8 ? QStringLiteral("gtc") : tifRoll < 0.93 ? QStringLiteral("ioc") : QStringLiteral("fok");
        if (c.type == u"market" && c.timeInForce == u"gtc")
            c.timeInForce = QStringLiteral("day");

        const Quote q = venue.topOfBook(i->id);
        const qint64 mid = q.bid && q.ask ? (q.bid->value() + q.ask->value()) / 2 : i->referencePrice.value();
        const qint64 offsetTicks = std::uniform_int_distribution<int>(-3, 6)(m_rng); // positive: passive
        auto onTick = [i](qint64 units) { return std::max<qint64>(i->tickSize, units / i->tickSize * i->tickSize); };
        const qint64 limit = onTick(sell ? mid + offsetTicks * i->tickSize : mid - offsetTicks * i->tickSize);
        c.limitPrice = i->formatPrice(Price(limit));
        const qint64 stop = onTick(sell ? mid - 2 * i->tickSize : mid + 2 * i->tickSize);
        c.stopPrice = i->formatPrice(Price(stop));
        if (c.type == u"stop-limit")
            c.limitPrice = i->formatPrice(Price(onTick(sell ? stop - 2 * i->tickSize : stop + 2 * i->tickSize)));

        // Some traders make mistakes and some push limits: the engine must say why, calmly.
        const double oops = u(m_rng);
        if (oops < 0.01)
            c.instrument = QStringLiteral("NOPE%1").arg(n);
        else if (oops < 0.02)
            c.quantity = 0;
        else if (oops < 0.03 && c.type == u"limit")
            c.limitPrice = QStringLiteral("abc");
        else if (oops < 0.04 && c.type == u"limit" && i->tickSize > 1)
            c.limitPrice = i->formatPrice(Price(limit + 1)); // off tick
        else if (oops < 0.05)
            c.quantity = qty * 400; // large: compliance or buying power will speak
        else if (oops < 0.055 && c.type == u"limit")
            c.limitPrice = i->formatPrice(Price(limit * 108 / 100 / i->tickSize * i->tickSize)); // outside the collar
        if (c.quantity > 0 && oops >= 0.04 && oops < 0.05 && u(m_rng) < 0.5)
            c.overrides.append(RuleOverride{QStringLiteral("large-order"), QStringLiteral("client block, approved by desk head")});
        return c;
    }

    std::mt19937_64 &rng() { return m_rng; }

private:
    const ReferenceData &m_reference;
    std::mt19937_64 m_rng;
    QList<const Instrument *> m_treasuries;
    QList<const Instrument *> m_other;
};

} // namespace

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
