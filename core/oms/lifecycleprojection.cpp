// The trading state's side of an instrument's lifecycle: coupons and principal move cash and
// close positions, options expire or deliver the underlying.

#include "oms/lifecycleevents.h"
#include "oms/stateamounts.h"
#include "oms/tradingstate.h"

namespace instant {

using namespace state;

Status TradingState::lifecycleAnomaly(const RecordedEvent &event, const QString &why)
{
    ++m_anomalies;
    return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2): %3").arg(event.sequence).arg(event.type, why));
}

void TradingState::noteLifecycle(LifecycleEntry entry)
{
    m_lifecycle.append(std::move(entry));
    if (m_lifecycle.size() > LifecycleCapacity)
        m_lifecycle.remove(0, m_lifecycle.size() - LifecycleCapacity);
}

Status TradingState::applyLifecycle(const QString &type, const Payload &p, const RecordedEvent &event)
{
    if (type == lifecycle::CouponPaid)
        return applyCoupon(p, event);
    if (type == lifecycle::PrincipalPaid)
        return applyPrincipal(p, event);
    if (type == lifecycle::OptionExpired)
        return applyExpiry(p, event);
    return applyDelivery(p, event, type == lifecycle::OptionAssigned);
}

Status TradingState::applyCoupon(const Payload &p, const RecordedEvent &event)
{
    auto c = lifecycle::decodeCoupon(p);
    if (!c)
        return lifecycleAnomaly(event, c.message());
    AccountRecord &account = accountFor(c->account);
    account.id = c->account;
    PositionRecord &position = positionFor(intern(c->account), intern(c->instrument));
    qint64 cash = 0, interest = 0;
    if (!addTo(account.cashCents, c->amountCents, cash) || !addTo(position.interestCents, c->amountCents, interest))
        return lifecycleAnomaly(event, QStringLiteral("an amount out of range"));
    account.cashCents = cash;
    position.interestCents = interest; // income: interest, not price
    position.couponsThrough = std::max(position.couponsThrough, c->couponDate);
    noteLifecycle({event.sequence, event.type, position.account, position.instrument, c->paymentDate, c->face, c->amountCents,
                   QStringLiteral("%1% on %L2 face").arg(c->ratePercent, 0, 'f', 3).arg(c->face), false});
    return Done{};
}

Status TradingState::applyPrincipal(const Payload &p, const RecordedEvent &event)
{
    auto r = lifecycle::decodePrincipal(p);
    if (!r)
        return lifecycleAnomaly(event, r.message());
    AccountRecord &account = accountFor(r->account);
    account.id = r->account;
    PositionRecord &position = positionFor(intern(r->account), intern(r->instrument));
    qint64 cash = 0, realized = 0;
    if (!addTo(account.cashCents, r->amountCents, cash) || !addTo(position.realizedCents, r->amountCents - position.costCents, realized))
        return lifecycleAnomaly(event, QStringLiteral("an amount out of range"));
    account.cashCents = cash;
    position.realizedCents = realized;
    position.quantity = 0;
    position.settledQuantity = 0;
    position.costCents = 0;
    position.retired = true;
    position.couponsThrough = std::max(position.couponsThrough, r->maturityDate);
    noteLifecycle({event.sequence, event.type, position.account, position.instrument, r->paymentDate, r->face, r->amountCents,
                   QStringLiteral("matured %1").arg(r->maturityDate.toString(Qt::ISODate)), false});
    return Done{};
}

Status TradingState::applyExpiry(const Payload &p, const RecordedEvent &event)
{
    auto e = lifecycle::decodeExpiry(p);
    if (!e)
        return lifecycleAnomaly(event, e.message());
    PositionRecord &position = positionFor(intern(e->account), intern(e->instrument));
    qint64 realized = 0;
    if (!addTo(position.realizedCents, -position.costCents, realized))
        return lifecycleAnomaly(event, QStringLiteral("an amount out of range"));
    const qint64 lost = position.costCents;
    position.realizedCents = realized;
    position.quantity = 0;
    position.settledQuantity = 0;
    position.costCents = 0;
    position.retired = true;
    noteLifecycle({event.sequence, event.type, position.account, position.instrument, e->expiry, e->contracts, -lost, e->reason, false});
    return Done{};
}

Status TradingState::applyDelivery(const Payload &p, const RecordedEvent &event, bool assigned)
{
    auto d = lifecycle::decodeDelivery(p);
    if (!d)
        return lifecycleAnomaly(event, d.message());
    const QString key = fillKey(d->orderId, d->execId);
    if (m_ledger.unsettled.contains(key))
        return lifecycleAnomaly(event, QStringLiteral("delivery %1 recorded twice").arg(key));
    PositionRecord &option = positionFor(intern(d->account), intern(d->instrument));
    const qint64 premium = option.costCents; // paid for a long option: part of the stock's cost or proceeds
    const PositionRecord held = m_ledger.positions.value(positionKey(d->account, d->underlying));
    const AccountRecord &before = accountFor(d->account);
    const bool buy = d->stockSide == Side::Buy;
    qint64 unsettled = 0, quantity = 0, cost = 0, costCents = 0, realized = held.realizedCents;
    bool fits = addTo(buy ? before.unsettledBuyCents : before.unsettledSellCents, d->notionalCents, unsettled)
                && addTo(held.quantity, buy ? d->shares : -d->shares, quantity);
    if (fits && buy)
        fits = addTo(held.costCents, d->notionalCents + premium, costCents);
    if (fits && !buy)
        fits = (held.quantity <= 0 || share(held.costCents, d->shares, held.quantity, cost)) && addTo(held.costCents, -cost, costCents)
               && addTo(held.realizedCents, d->notionalCents - cost - premium, realized);
    if (!fits)
        return lifecycleAnomaly(event, QStringLiteral("an amount out of range"));

    option.quantity = 0;
    option.settledQuantity = 0;
    option.costCents = 0;
    option.retired = true;
    AccountRecord &account = accountFor(d->account);
    (buy ? account.unsettledBuyCents : account.unsettledSellCents) = unsettled;
    PositionRecord &stock = positionFor(option.account, intern(d->underlying));
    stock.quantity = quantity;
    stock.costCents = costCents;
    stock.realizedCents = realized;

    FillRecord fill;
    fill.execId = d->execId;
    fill.orderId = d->orderId;
    fill.account = option.account;
    fill.instrument = stock.instrument;
    fill.side = d->stockSide;
    fill.quantity = d->shares;
    fill.price = d->strike;
    fill.notionalCents = d->notionalCents;
    fill.tradeDate = d->tradeDate;
    fill.settleDate = d->settleDate;
    fill.sequence = event.sequence;
    fill.recordedUs = event.recordedUs;
    m_ledger.unsettled.insert(key, fill);
    m_ledger.executions.append(std::move(fill));
    m_ledger.executions.trim();
    noteLifecycle({event.sequence, event.type, option.account, option.instrument, d->expiry, d->contracts,
                   buy ? -d->notionalCents : d->notionalCents,
                   QStringLiteral("%1 %L2 %3 at the strike (%4)")
                       .arg(buy ? QStringLiteral("buys") : QStringLiteral("sells"))
                       .arg(d->shares)
                       .arg(d->underlying, assigned ? QStringLiteral("assigned") : QStringLiteral("exercised")),
                   false});
    return Done{};
}

} // namespace instant
