#pragma once

#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "venue/simulatedvenue.h"

#include <functional>
#include <random>

namespace instant {

// Simulated traders for the demo: other desks trading around the market across the instruments,
// sells of what they hold, and some mistakes and limit-pushing orders that the engine must refuse
// with a reason. They trade their own accounts (a rates desk, an equity desk and a small day
// trader, opened for them), never the workstation user's, unless asked to: then the reference
// data's, the user's (in the demo market DESK-01, DESK-02, DEMO-01). Deterministic for a seed.
class SimulatedTraders
{
public:
    SimulatedTraders(const ReferenceData &reference, quint64 seed, bool onUserAccounts = false)
        : m_reference(reference), m_rng(seed ^ 0x5eed), m_accounts(onUserAccounts ? userAccounts(reference) : deskAccounts())
    {
        for (const Instrument *i : reference.instruments())
            (isTreasury(i->kind) ? m_treasuries : i->kind == InstrumentKind::EquityOption ? m_options : m_stocks).append(i);
    }

    // The simulated desks' own accounts, with their opening cash: rates, equities, a day trader.
    static QList<Account> deskAccounts()
    {
        return {{QStringLiteral("SIM-01"), QStringLiteral("Simulated rates desk"), 2'000'000'000'00},
                {QStringLiteral("SIM-02"), QStringLiteral("Simulated equity desk"), 100'000'000'00},
                {QStringLiteral("SIM-03"), QStringLiteral("Simulated day trader"), 1'000'000'00}};
    }
    // The accounts they trade, in the same three roles; open them before the first order.
    const QList<Account> &accounts() const { return m_accounts; }

    // Instruments the venue no longer lists (expired, matured) are not picked.
    NewOrderCommand next(int n, const OrderManager &oms, const SimulatedVenue &venue, const QString &prefix, const Actor &actor)
    {
        return next(n, oms, [&venue](const QString &id) { return venue.topOfBook(id); }, prefix, actor,
                    [&venue](const QString &id) { return venue.isListed(id); });
    }

    // Priced from any market: `topOfBook` gives an instrument's best bid and offer (either may be missing).
    NewOrderCommand next(int n, const OrderManager &oms, const std::function<Quote(const QString &)> &topOfBook,
                         const QString &prefix, const Actor &actor,
                         const std::function<bool(const QString &)> &tradable = {})
    {
        std::uniform_real_distribution<double> u(0, 1);
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("%1-%2").arg(prefix).arg(n, 6, 10, QLatin1Char('0'));
        c.actor = actor;
        const bool rates = u(m_rng) < 0.5;
        c.account = m_accounts.at(rates ? 0 : u(m_rng) < 0.8 ? 1 : 2).id;
        // The equity desk trades stocks more than options.
        const auto &pool = rates ? m_treasuries : (m_options.isEmpty() || u(m_rng) < 0.7 ? m_stocks : m_options);
        const Instrument *i = pool.at(std::uniform_int_distribution<int>(0, int(pool.size()) - 1)(m_rng));
        for (int draw = 0; tradable && !tradable(i->id) && draw < 50; ++draw)
            i = pool.at(std::uniform_int_distribution<int>(0, int(pool.size()) - 1)(m_rng));
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

        const Quote q = topOfBook(i->id);
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

    // Traders change their minds about their working orders (those on the accounts they trade):
    // now and then one is cancelled or replaced (new quantity, sometimes a new limit a few ticks away).
    void changeMind(OrderManager &oms, const Actor &actor)
    {
        std::uniform_real_distribution<double> u(0, 1);
        QSet<QString> theirs;
        for (const Account &a : std::as_const(m_accounts))
            theirs.insert(a.id);
        QStringList working;
        for (const OrderRecord &o : oms.state().orders())
            if (isWorking(o.state) && o.state != OrderState::PendingCancel && o.state != OrderState::PendingReplace
                && theirs.contains(o.account) && oms.isOwnWork(o) // not another workstation's: its venue holds it
                && o.parent.isEmpty()) // a bracket's exits change with the bracket
                working << o.orderId;
        if (working.isEmpty())
            return;
        working.sort();
        const double r = u(m_rng);
        const QString id = working.at(std::uniform_int_distribution<int>(0, int(working.size()) - 1)(m_rng));
        if (r < 0.12) {
            oms.cancel(id, actor);
        } else if (r < 0.18) {
            const OrderRecord *o = oms.state().order(id);
            const Instrument *i = m_reference.instrument(o->instrument);
            const qint64 lot = isTreasury(i->kind) ? 1'000'000 : i->kind == InstrumentKind::EquityOption ? 1 : 100;
            const qint64 qty = std::max(o->filled.value() + lot, o->quantity.value() + lot * std::uniform_int_distribution<int>(-1, 2)(m_rng));
            QString px;
            if (o->limitPrice && u(m_rng) < 0.6) {
                const qint64 ticks = std::uniform_int_distribution<int>(-2, 2)(m_rng);
                px = i->formatPrice(Price(std::max<qint64>(i->tickSize, o->limitPrice->value() + ticks * i->tickSize)));
            }
            oms.replace(id, qty, px, actor);
        }
    }

    std::mt19937_64 &rng() { return m_rng; }

private:
    // The user's accounts, the reference data's, in the desks' three roles (the last repeats when
    // there are fewer).
    static QList<Account> userAccounts(const ReferenceData &reference)
    {
        QList<Account> accounts;
        for (const Account *a : reference.accounts())
            accounts.append(*a);
        if (accounts.isEmpty())
            return deskAccounts();
        while (accounts.size() < 3)
            accounts.append(accounts.constLast());
        return accounts;
    }

    const ReferenceData &m_reference;
    std::mt19937_64 m_rng;
    QList<Account> m_accounts;
    QList<const Instrument *> m_treasuries;
    QList<const Instrument *> m_stocks;
    QList<const Instrument *> m_options;
};


} // namespace instant
