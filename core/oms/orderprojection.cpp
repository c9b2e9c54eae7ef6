// The trading state's order family: an order entered (accepted, discovered or rejected), its
// steps through the state machine, its fills (positions and unsettled cash with them), its end,
// and replaces. Each handler takes its event as decoded (events/orderevents.h).

#include "oms/tradingstate.h"

#include "events/orderevents.h"
#include "oms/stateamounts.h"

namespace instant {

using namespace state;

namespace {

const PositionRecord NoPosition{};

// The record an order's entry makes from its terms.
OrderRecord recordOf(const events::OrderAcceptance &e)
{
    OrderRecord o;
    o.orderId = e.orderId;
    o.account = e.account;
    o.instrument = e.instrument;
    o.side = e.side;
    o.type = e.type;
    o.tif = e.tif;
    o.quantity = Quantity(e.quantity);
    o.limitPrice = e.limitPrice;
    o.stopPrice = e.stopPrice;
    o.protectionPrice = e.protectionPrice;
    o.parent = e.parent;
    o.workstation = e.workstation;
    return o;
}

// A rejection records the order as typed, read as leniently as the OMS reads a command.
OrderRecord recordOf(const events::OrderRejection &e)
{
    const events::TypedOrder &t = e.typed;
    OrderRecord o;
    o.orderId = t.orderId;
    o.account = t.account;
    o.instrument = t.instrument;
    events::parseSide(t.side, o.side);
    events::parseOrderType(t.type, o.type);
    events::parseTimeInForce(t.tif, o.tif);
    o.quantity = Quantity(t.quantity);
    o.limitPrice = e.limitPrice;
    o.stopPrice = e.stopPrice;
    o.parent = t.parent;
    return o;
}

} // namespace

// The slot of a new order, filled in place (one lookup); a bracket's exit is noted on its bracket.
Result<OrderRecord *> TradingState::enter(OrderRecord terms, const QString &role, bool accepted, const RecordedEvent &event)
{
    const QString orderId = terms.orderId;
    const auto [slot, added] = m_orders.byId.insert(std::move(terms));
    if (!added) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("order %1 recorded twice (event %2)").arg(orderId).arg(event.sequence));
    }
    OrderRecord &o = slot->edit();
    o.actor = event.actor.user; // the reader hands out one copy of each text
    m_orders.recent.append(orderId);
    if (m_orders.recent.size() > 4000)
        m_orders.recent.remove(0, 2000);
    o.createdUs = o.updatedUs = event.recordedUs;
    o.lastSequence = event.sequence;
    if (!o.parent.isEmpty() && (accepted || m_brackets.bracket(o.parent))) {
        // A bracket's exit: an attempt, whether the OMS took it or not.
        Status s = m_brackets.applyChild(o.parent, role, orderId, event);
        if (!s)
            ++m_anomalies;
    }
    return &o;
}

// OrderAccepted (or OrderDiscovered): a working order that holds its reservation.
Status TradingState::applyEntered(const events::OrderAcceptance &e, const RecordedEvent &event)
{
    OrderRecord terms = recordOf(e);
    qint64 accountReserved = 0;
    const auto account = m_ledger.accounts.constFind(terms.account);
    if (!isAmount(terms.quantity.value()) || !isAmount(e.limitPrice) || !isAmount(e.stopPrice) || !isAmount(e.protectionPrice)
        || !isAmount(e.reservedCents)
        || !addTo(account == m_ledger.accounts.cend() ? 0 : account->reservedCents, e.reservedCents, accountReserved))
        return outOfRange(event);
    auto entered = enter(std::move(terms), e.role, true, event);
    if (!entered)
        return entered.error();
    OrderRecord &o = **entered;
    o.overrides = e.overrides;
    m_orders.working.insert(o.orderId);
    if (o.side == Side::Sell)
        m_orders.openSells[positionKey(o.account, o.instrument)].insert(o.orderId);
    o.reservedCents = e.reservedCents;
    accountFor(o.account).reservedCents = accountReserved;
    for (const QJsonValue &v : std::as_const(o.overrides)) {
        QJsonObject entry = v.toObject();
        entry.insert(QStringLiteral("order_id"), o.orderId);
        entry.insert(QStringLiteral("account"), o.account.text());
        entry.insert(QStringLiteral("instrument"), o.instrument.text());
        entry.insert(QStringLiteral("outcome"), QStringLiteral("overridden"));
        entry.insert(QStringLiteral("actor"), event.actor.user);
        entry.insert(QStringLiteral("recorded_us"), event.recordedUs);
        addViolation(RuleFinding::fromJson(entry));
    }
    return Done{};
}

// OrderRejected: the order as typed, whatever its amounts (only a working order counts).
Status TradingState::applyRejected(const events::OrderRejection &e, const RecordedEvent &event)
{
    auto entered = enter(recordOf(e), e.typed.role, false, event);
    if (!entered)
        return entered.error();
    OrderRecord &o = **entered;
    o.state = OrderState::Rejected;
    o.reason = e.reason;
    if (e.stage == u"compliance")
        addViolation(RuleFinding{o.orderId, o.account, o.instrument, o.reason, e.rules, event.recordedUs, {}});
    return Done{};
}

void TradingState::addViolation(RuleFinding finding)
{
    m_settings.violations.append(std::move(finding));
    if (m_settings.violations.size() > ViolationCapacity)
        m_settings.violations.removeFirst(); // (the list's start moves: no copy)
}

// Changes the order an event is about. An event without an order id is not about one (nothing to
// do); one for an order never entered is an anomaly.
template <class Change>
Status TradingState::changeOrder(const QString &orderId, const RecordedEvent &event, Change &&change)
{
    if (orderId.isEmpty())
        return Done{};
    OrderRef *held = m_orders.byId.find(orderId);
    if (!held) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2) for unknown order %3").arg(event.sequence).arg(event.type, orderId));
    }
    return change(held->edit());
}

// A step that changes only the order's state: acknowledged, cancel requested.
Status TradingState::applyStep(const QString &orderId, OrderEventKind kind, const RecordedEvent &event)
{
    return changeOrder(orderId, event, [&](OrderRecord &order) { return transition(order, kind, event); });
}

// OrderPartiallyFilled / OrderFilled: the order, its account's unsettled cash and its position.
Status TradingState::applyFill(const events::Fill &f, bool full, const RecordedEvent &event)
{
    return changeOrder(f.orderId, event, [&](OrderRecord &order) { return bookFill(order, f, full, event); });
}

Status TradingState::bookFill(OrderRecord &order, const events::Fill &f, bool full, const RecordedEvent &event)
{
    const Quantity qty(f.quantity);
    // A fill beyond what was left is booked only when the OMS said why (an ExecutionException
    // in the same append): anything else is a broken log.
    const bool unexpected = !f.exception.isEmpty();
    if (qty <= Quantity(0) || (!unexpected && qty > order.quantity - order.filled)) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("fill of %1 on order %2 exceeds what was left")
                                                   .arg(qty.value()).arg(f.orderId));
    }
    // Every new total is computed and checked before anything changes.
    const qint64 reserved = full ? 0 : f.reservedCents; // a fill leaves nothing to hold
    const bool buy = order.side == Side::Buy;
    const PositionRecord *heldAt = std::as_const(m_ledger.positions).find(positionKeyOf(order.account, order.instrument));
    const PositionRecord &held = heldAt ? *heldAt : NoPosition;
    const AccountRecord &before = accountFor(order.account);
    qint64 priceQuantity = 0, filledPriceQuantity = 0, filledNotional = 0, unsettled = 0, interest = 0;
    Booking booked;
    const bool fits = isAmount(f.price) && isAmount(f.notionalCents) && f.notionalCents >= 0 && isAmount(f.accruedCents)
                      && f.accruedCents >= 0 && reservationFits(order, reserved)
                      && !__builtin_mul_overflow(f.price, qty.value(), &priceQuantity)
                      && !__builtin_add_overflow(order.filledPriceQuantity, priceQuantity, &filledPriceQuantity)
                      && addTo(order.filledNotionalCents, f.notionalCents, filledNotional)
                      && addTo(buy ? before.unsettledBuyCents : before.unsettledSellCents, f.notionalCents + f.accruedCents, unsettled)
                      && addTo(held.interestCents, buy ? -f.accruedCents : f.accruedCents, interest)
                      && bookTrade({held.quantity, held.costCents, held.realizedCents}, buy, qty.value(), f.notionalCents, booked);
    if (!fits)
        return outOfRange(event);
    Status s = transition(order, full ? OrderEventKind::Fill : OrderEventKind::PartialFill, event);
    if (!s)
        return s;
    order.filled += qty;
    order.filledPriceQuantity = filledPriceQuantity;
    order.filledNotionalCents = filledNotional;
    order.offGrid = order.offGrid || !f.priceText.isEmpty();
    if (f.statusCumulative)
        order.statusBooked += qty.value(); // learnt from the venue's status: its own fill may still come
    setReservation(order, reserved);
    AccountRecord &account = accountFor(order.account);
    PositionRecord &position = positionFor(order.account, order.instrument);
    (buy ? account.unsettledBuyCents : account.unsettledSellCents) = unsettled;
    if (position.retired && position.quantity == 0 && booked.quantity != 0)
        position.retired = false; // held again (a store run on an earlier date): its own dates apply again
    FillRecord fill;
    fill.costDelta = booked.costCents - position.costCents;
    fill.realizedDelta = booked.realizedCents - position.realizedCents;
    position.quantity = booked.quantity;
    position.costCents = booked.costCents;
    position.realizedCents = booked.realizedCents;
    position.interestCents = interest;
    m_ledger.lastPrices.insert(order.instrument, Price(f.price));
    fill.execId = f.execId;
    fill.orderId = order.orderId; // the order's own copy of its id
    fill.account = order.account;
    fill.instrument = order.instrument;
    fill.side = order.side;
    fill.quantity = qty.value();
    fill.price = f.price;
    fill.priceText = f.priceText;
    fill.notionalCents = f.notionalCents;
    fill.accruedCents = f.accruedCents;
    fill.tradeDate = f.tradeDate;
    fill.settleDate = f.settleDate;
    fill.sequence = event.sequence;
    fill.recordedUs = event.recordedUs;
    m_ledger.unsettled.insert(fillKey(f.orderId, fill.execId), fill);
    m_ledger.executions.append(std::move(fill));
    m_ledger.executions.trim();
    return Done{};
}

// OrderCancelled / OrderExpired, or VenueRejected through applyVenueRefusal: done, nothing held.
Status TradingState::applyEnded(const QString &orderId, OrderEventKind kind, const QString &reason, const RecordedEvent &event)
{
    return changeOrder(orderId, event, [&](OrderRecord &order) {
        Status s = transition(order, kind, event);
        if (!s)
            return s;
        order.reason = reason; // a name: the same few texts on many orders
        order.pendingQuantity.reset();
        order.pendingLimitPrice.reset();
        setReservation(order, 0);
        return Status(Done{});
    });
}

Status TradingState::applyEnded(const events::OrderEnded &e, const RecordedEvent &event)
{
    return applyEnded(e.orderId, e.how == events::OrderEnded::How::Cancelled ? OrderEventKind::ConfirmCancel : OrderEventKind::Expire,
                      e.reason, event);
}

Status TradingState::applyVenueRefusal(const events::VenueRefusal &e, const RecordedEvent &event)
{
    if (e.of == events::VenueRefusal::Of::Order)
        return applyEnded(e.orderId, OrderEventKind::Reject, e.reason, event);
    return changeOrder(e.orderId, event, [&](OrderRecord &order) {
        order.reason = e.reason; // a name: the same few texts on many orders
        return transition(order, OrderEventKind::RejectCancel, event);
    });
}

// ReplaceRequested holds the new terms as pending; OrderReplaced makes them the order's, and
// ReplaceRejected keeps the old ones. Each says what the order holds from then on.
Status TradingState::applyReplacement(const events::Replacement &e, const RecordedEvent &event)
{
    return changeOrder(e.orderId, event, [&](OrderRecord &order) {
        if (!isAmount(e.quantity) || !isAmount(e.limitPrice))
            return outOfRange(event);
        const bool requested = e.stage == events::Replacement::Stage::Requested;
        return replaceStep(order, requested ? OrderEventKind::RequestReplace : OrderEventKind::ConfirmReplace, e.reservedCents, event, [&] {
            if (requested) {
                order.pendingQuantity = Quantity(e.quantity);
                order.pendingLimitPrice = e.limitPrice;
                return;
            }
            order.quantity = Quantity(e.quantity);
            order.limitPrice = e.limitPrice;
            order.pendingQuantity.reset();
            order.pendingLimitPrice.reset();
        });
    });
}

Status TradingState::applyReplaceRejected(const events::ReplaceRejection &e, const RecordedEvent &event)
{
    return changeOrder(e.orderId, event, [&](OrderRecord &order) {
        return replaceStep(order, OrderEventKind::RejectReplace, e.reservedCents, event, [&] {
            order.reason = e.reason; // a name: the same few texts on many orders
            order.pendingQuantity.reset();
            order.pendingLimitPrice.reset();
        });
    });
}

template <class Terms>
Status TradingState::replaceStep(OrderRecord &order, OrderEventKind kind, qint64 reservedCents, const RecordedEvent &event, Terms &&terms)
{
    if (!reservationFits(order, reservedCents))
        return outOfRange(event);
    Status s = transition(order, kind, event);
    if (!s)
        return s;
    terms();
    setReservation(order, reservedCents);
    return Done{};
}

} // namespace instant
