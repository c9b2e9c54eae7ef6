// How the trading state applies what a venue reports beyond the plain order lifecycle: exceptions
// and their acknowledgement, busts and corrections of executions, restatements, notes.

#include "oms/executionevents.h"
#include "oms/stateamounts.h"
#include "oms/tradingstate.h"

#include <QJsonArray>
#include <QJsonObject>

namespace instant {

using namespace state;

qint64 TradingState::openExceptions() const
{
    qint64 n = 0;
    for (const ExceptionEntry &e : m_exceptions)
        n += e.acknowledgedBy.isEmpty() ? 1 : 0;
    return n;
}

Status TradingState::applyExecution(const QString &type, const Payload &p, const RecordedEvent &event)
{
    auto anomaly = [&](const QString &why) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2): %3").arg(event.sequence).arg(type, why));
    };
    if (type == executions::ExecutionException) {
        auto e = executions::decodeException(p);
        if (!e)
            return anomaly(e.message());
        ExceptionEntry entry{event.sequence, intern(e->account), e->orderId, e->execId, intern(e->kind),
                             e->expected, e->came, event.recordedUs, {}, {}};
        m_exceptions.append(std::move(entry));
        if (m_exceptions.size() > ExceptionCapacity)
            m_exceptions.remove(0, m_exceptions.size() - ExceptionCapacity);
        ++m_exceptionsTotal;
        if (executions::kind::booksSomething(e->kind))
            ++accountFor(e->account).exceptions;
        if (OrderRef *order = m_orders.byId.find(e->orderId))
            ++order->edit().exceptions;
        return Done{};
    }
    if (type == executions::ExceptionAcknowledged) {
        auto a = executions::decodeAcknowledgement(p);
        if (!a)
            return anomaly(a.message());
        for (ExceptionEntry &e : m_exceptions)
            if (e.sequence == a->exception) {
                e.acknowledgedBy = event.actor.user.isEmpty() ? QStringLiteral("?") : event.actor.user;
                e.note = a->note;
            }
        return Done{};
    }
    if (type == executions::ExecutionBusted || type == executions::ExecutionCorrected)
        return applyAdjustment(p, event, type == executions::ExecutionBusted);
    if (type == executions::OrderRestated)
        return applyRestatement(p, event);
    if (type == executions::VenueReportNoted) {
        auto n = executions::decodeNote(p);
        if (!n)
            return anomaly(n.message());
        if (OrderRef *order = m_orders.byId.find(n->orderId); order && n->matchedQuantity > 0) {
            OrderRecord &o = order->edit();
            o.statusBooked = std::max<qint64>(0, o.statusBooked - n->matchedQuantity);
            if (!n->execId.isEmpty())
                m_consumed.insert(fillKey(n->orderId, n->execId)); // that fill: booked already
        }
        return Done{};
    }
    return Done{};
}

Status TradingState::reverseFill(FillRecord &fill, OrderRecord &order)
{
    const bool buy = fill.side == Side::Buy;
    const qint64 signedQty = buy ? fill.quantity : -fill.quantity;
    AccountRecord &account = accountFor(fill.account);
    PositionRecord &position = positionFor(fill.account, fill.instrument);
    const qint64 amount = fill.settlementCents(); // principal and accrued interest
    qint64 priceQuantity = 0, filledPriceQuantity = 0, filledNotional = 0, quantity = 0, cost = 0, realized = 0,
           interest = 0, unsettled = 0, cash = 0, settledQuantity = position.settledQuantity;
    bool fits = !__builtin_mul_overflow(fill.price, fill.quantity, &priceQuantity)
                && !__builtin_sub_overflow(order.filledPriceQuantity, priceQuantity, &filledPriceQuantity)
                && addTo(order.filledNotionalCents, -fill.notionalCents, filledNotional)
                && addTo(position.quantity, -signedQty, quantity) && addTo(position.costCents, -fill.costDelta, cost)
                && addTo(position.realizedCents, -fill.realizedDelta, realized)
                && addTo(position.interestCents, buy ? fill.accruedCents : -fill.accruedCents, interest);
    if (fits && !fill.settled)
        fits = addTo(buy ? account.unsettledBuyCents : account.unsettledSellCents, -amount, unsettled);
    if (fits && fill.settled)
        fits = addTo(account.cashCents, buy ? amount : -amount, cash)
               && (position.retired || addTo(position.settledQuantity, -signedQty, settledQuantity));
    if (!fits) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("reversing execution %1: an amount out of range").arg(fill.execId));
    }
    order.filled = Quantity(order.filled.value() - fill.quantity);
    order.filledPriceQuantity = filledPriceQuantity;
    order.filledNotionalCents = filledNotional;
    position.quantity = quantity;
    position.costCents = cost;
    position.realizedCents = realized;
    position.interestCents = interest;
    if (fill.settled) {
        account.cashCents = cash; // settled already: the cash comes back at once
        position.settledQuantity = settledQuantity;
    } else {
        (buy ? account.unsettledBuyCents : account.unsettledSellCents) = unsettled;
        m_ledger.unsettled.remove(fillKey(fill.orderId, fill.execId));
    }
    return Done{};
}

Status TradingState::applyAdjustment(const Payload &p, const RecordedEvent &event, bool bust)
{
    auto a = executions::decodeAdjustment(p);
    if (!a) {
        ++m_anomalies;
        return a.error();
    }
    OrderRef *orderHeld = m_orders.byId.find(a->orderId);
    // The execution as held: unsettled, or among the executions kept.
    const QString key = fillKey(a->orderId, a->execRefId);
    const qsizetype row = m_ledger.executions.rowOf(a->orderId, a->execRefId);
    const FillRows &rows = m_ledger.executions.rows();
    const FillRecord *unsettledAt = m_ledger.unsettled.find(key);
    if (!orderHeld || (row < 0 && !unsettledAt)) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1: %2 of execution %3, which is not held")
                                                   .arg(event.sequence).arg(bust ? QStringLiteral("bust") : QStringLiteral("correction"), key));
    }
    FillRecord fill = unsettledAt ? *unsettledAt : rows.at(row);
    m_consumed.insert(fillKey(a->orderId, QStringLiteral("adj:") + a->execId));
    if (bust)
        m_consumed.insert(key); // a copy of the busted fill is not booked again
    if (!fill.adjustment.startsWith(QLatin1String("busted"))) {
        OrderRecord &order = orderHeld->edit();
        Status reversed = reverseFill(fill, order);
        if (!reversed)
            return reversed;
        const QString was = QStringLiteral("%L1 @ %2").arg(fill.quantity).arg(fill.priceText.isEmpty() ? QString::number(fill.price) : fill.priceText);
        if (bust) {
            fill.adjustment = QStringLiteral("busted by %1 (was %2)%3").arg(a->execId, was, a->reason.isEmpty() ? QString() : QStringLiteral(": ") + a->reason);
        } else {
            const bool buy = fill.side == Side::Buy;
            const PositionRecord held = m_ledger.positions.value(positionKey(fill.account, fill.instrument));
            Booking booked;
            if (a->quantity <= 0 || !bookTrade({held.quantity, held.costCents, held.realizedCents}, buy, a->quantity, a->notionalCents, booked)) {
                ++m_anomalies;
                return makeError(ErrorCode::Integrity, QStringLiteral("event %1: a correction out of range").arg(event.sequence));
            }
            PositionRecord &position = positionFor(fill.account, fill.instrument);
            AccountRecord &account = accountFor(fill.account);
            fill.costDelta = booked.costCents - position.costCents;
            fill.realizedDelta = booked.realizedCents - position.realizedCents;
            position.quantity = booked.quantity;
            position.costCents = booked.costCents;
            position.realizedCents = booked.realizedCents;
            position.interestCents += buy ? -a->accruedCents : a->accruedCents;
            (buy ? account.unsettledBuyCents : account.unsettledSellCents) += a->notionalCents + a->accruedCents;
            order.filled += Quantity(a->quantity);
            order.filledPriceQuantity += a->price * a->quantity;
            order.filledNotionalCents += a->notionalCents;
            fill.quantity = a->quantity;
            fill.price = a->price;
            fill.priceText = a->priceText;
            fill.notionalCents = a->notionalCents;
            fill.accruedCents = a->accruedCents;
            fill.settled = false; // settles again, at the corrected amount
            fill.adjustment = QStringLiteral("corrected by %1 (was %2)%3").arg(a->execId, was, a->reason.isEmpty() ? QString() : QStringLiteral(": ") + a->reason);
            m_ledger.unsettled.insert(key, fill);
        }
        order.updatedUs = event.recordedUs;
        order.lastSequence = event.sequence;
    }
    if (row >= 0) {
        m_ledger.executions.row(row) = fill;
        noteSettledExecution(fill); // shown again, with its history
    }
    return Done{};
}

Status TradingState::applyRestatement(const Payload &p, const RecordedEvent &event)
{
    auto r = executions::decodeRestatement(p);
    if (!r) {
        ++m_anomalies;
        return r.error();
    }
    OrderRef *held = m_orders.byId.find(r->orderId);
    if (!held) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1: restatement of unknown order %2").arg(event.sequence).arg(r->orderId));
    }
    OrderRecord &order = held->edit();
    if (!reservationFits(order, r->reservedCents)) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1: a reservation out of range").arg(event.sequence));
    }
    Status s = transition(order, OrderEventKind::Restate, event);
    if (!s)
        return s;
    if (!r->execId.isEmpty())
        m_consumed.insert(fillKey(r->orderId, QStringLiteral("restated:") + r->execId));
    order.quantity = Quantity(r->quantity);
    if (r->limitPrice)
        order.limitPrice = Price(*r->limitPrice);
    order.reason = r->reason;
    setReservation(order, r->reservedCents);
    return Done{};
}

QJsonArray TradingState::exceptionsToJson() const
{
    QJsonArray out;
    for (const ExceptionEntry &e : m_exceptions)
        out.append(QJsonObject{{QStringLiteral("sequence"), e.sequence},
                               {QStringLiteral("account"), e.account},
                               {QStringLiteral("order_id"), e.orderId},
                               {QStringLiteral("exec_id"), e.execId},
                               {QStringLiteral("kind"), e.kind},
                               {QStringLiteral("expected"), e.expected},
                               {QStringLiteral("came"), e.came},
                               {QStringLiteral("recorded_us"), e.recordedUs},
                               {QStringLiteral("acknowledged_by"), e.acknowledgedBy},
                               {QStringLiteral("note"), e.note}});
    return out;
}

void TradingState::exceptionsFromJson(const QJsonArray &entries)
{
    for (const QJsonValue &v : entries) {
        const QJsonObject o = v.toObject();
        m_exceptions.append({o.value(QStringLiteral("sequence")).toInteger(), o.value(QStringLiteral("account")).toString(),
                             o.value(QStringLiteral("order_id")).toString(), o.value(QStringLiteral("exec_id")).toString(),
                             o.value(QStringLiteral("kind")).toString(), o.value(QStringLiteral("expected")).toString(),
                             o.value(QStringLiteral("came")).toString(), o.value(QStringLiteral("recorded_us")).toInteger(),
                             o.value(QStringLiteral("acknowledged_by")).toString(), o.value(QStringLiteral("note")).toString()});
    }
}

} // namespace instant
