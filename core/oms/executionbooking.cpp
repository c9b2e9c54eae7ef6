// How the order manager books what a venue reports. An execution is a fact that happened at the
// venue: it is booked exactly once (by ExecID) whatever state the order has here, and whatever
// was unexpected about it is recorded beside it as an ExecutionException for a human.

#include "analytics/bondanalytics.h"
#include "oms/executionevents.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"

namespace instant {
namespace {

OrderEventKind transitionOf(ExecutionReport::Kind kind, bool full)
{
    switch (kind) {
    case ExecutionReport::Kind::Acknowledged: return OrderEventKind::Acknowledge;
    case ExecutionReport::Kind::Fill: return full ? OrderEventKind::Fill : OrderEventKind::PartialFill;
    case ExecutionReport::Kind::Cancelled: return OrderEventKind::ConfirmCancel;
    case ExecutionReport::Kind::Replaced: return OrderEventKind::ConfirmReplace;
    case ExecutionReport::Kind::Rejected: return OrderEventKind::Reject;
    case ExecutionReport::Kind::CancelRejected: return OrderEventKind::RejectCancel;
    case ExecutionReport::Kind::ReplaceRejected: return OrderEventKind::RejectReplace;
    case ExecutionReport::Kind::Expired: return OrderEventKind::Expire;
    case ExecutionReport::Kind::Restated: return OrderEventKind::Restate;
    case ExecutionReport::Kind::Busted:
    case ExecutionReport::Kind::Corrected:
    case ExecutionReport::Kind::Noted: break;
    }
    return OrderEventKind::Restate;
}

QString stateWords(const OrderRecord &o)
{
    switch (o.state) {
    case OrderState::Cancelled: return QStringLiteral("no fill: the order was cancelled");
    case OrderState::Expired: return QStringLiteral("no fill: the order had expired");
    case OrderState::Rejected: return QStringLiteral("no fill: the order was rejected");
    case OrderState::Filled: return QStringLiteral("no fill: the order was filled (%L1)").arg(o.filled.value());
    default: return QStringLiteral("at most %L1 left of %L2").arg((o.quantity - o.filled).value()).arg(o.quantity.value());
    }
}

} // namespace

QString OrderManager::priceWords(const Instrument *instrument, const ExecutionReport &r) const
{
    if (r.exactPrice)
        return r.exactPrice->text();
    return instrument ? instrument->formatPrice(r.lastPrice) : QString::number(r.lastPrice.value());
}

qint64 OrderManager::fillNotional(const Instrument &instrument, Quantity quantity, const ExecutionReport &r) const
{
    // A buyer pays, a seller receives, never more than the reservation covered: round down.
    if (r.exactPrice)
        return instrument.notionalCents(quantity, *r.exactPrice, Instrument::Rounding::Down);
    return instrument.notionalCents(quantity, r.lastPrice, Instrument::Rounding::Down);
}

events::Fill OrderManager::fillOf(const OrderRecord &o, const Instrument *instrument, const ExecutionReport &r,
                                  Quantity quantity, qint64 reservedCents) const
{
    events::Fill f;
    f.orderId = o.orderId;
    f.execId = r.execId;
    f.quantity = quantity.value();
    f.price = r.lastPrice.value();
    f.priceText = r.exactPrice ? r.exactPrice->text() : QString();
    f.tradeDate = tradeDateOf(r.transactUs);
    f.settleDate = instrument ? analytics::settlementDate(*instrument, f.tradeDate) : f.tradeDate.addDays(1);
    f.notionalCents = instrument ? fillNotional(*instrument, quantity, r) : 0;
    // A note or bond changes hands with its accrued interest to the settlement date.
    f.accruedCents = instrument ? analytics::accruedInterestCents(*instrument, quantity, f.settleDate) : 0;
    f.leaves = std::max<qint64>(0, (o.quantity - (o.filled + quantity)).value());
    f.reservedCents = reservedCents;
    return f;
}

// A fill: booked whatever the order's state; what was not expected is said beside it.
QList<NewEvent> OrderManager::fillEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const
{
    const Instrument *instrument = m_reference.instrument(o.instrument);
    if (o.statusBooked > 0 && r.cumulative <= o.filled && !r.fromStatus) {
        // Booked already from the venue's status (the report was missed, or is only arriving
        // now): this is that fill. Noted, not booked twice.
        executions::Note n{o.account, o.orderId, r.execId, QStringLiteral("fill already booked from the venue's status"),
                           QStringLiteral("%L1 @ %2").arg(r.lastQuantity.value()).arg(priceWords(instrument, r)),
                           std::min(r.lastQuantity.value(), o.statusBooked)};
        return {executions::encode(n, venueActor)};
    }
    const Quantity leavesBefore = o.quantity - o.filled;
    const bool full = r.lastQuantity >= leavesBefore;
    QString kind;
    switch (o.state) {
    case OrderState::Cancelled: kind = executions::kind::FillAfterCancel; break;
    case OrderState::Expired: kind = executions::kind::FillAfterExpiry; break;
    case OrderState::Rejected: kind = executions::kind::FillAfterReject; break;
    case OrderState::Filled: kind = executions::kind::FillAfterFilled; break;
    default:
        if (r.lastQuantity > leavesBefore)
            kind = executions::kind::Overfill;
        break;
    }
    const bool staysDone = o.state == OrderState::Cancelled || o.state == OrderState::Expired || o.state == OrderState::Filled;
    const qint64 reserved = full || staysDone ? 0 : reservationFor(o, o.filled + r.lastQuantity);
    events::Fill f = fillOf(o, instrument, r, r.lastQuantity, reserved);
    f.exception = kind;
    QList<NewEvent> out{events::encode(f, full, venueActor)};
    if (!kind.isEmpty()) {
        executions::Exception e{o.account, o.orderId, r.execId, kind, stateWords(o),
                                QStringLiteral("a fill of %L1 @ %2 (ExecID %3%4)")
                                    .arg(r.lastQuantity.value()).arg(priceWords(instrument, r), r.execId,
                                         r.ordStatus ? QStringLiteral(", OrdStatus %1").arg(QChar(QLatin1Char(r.ordStatus))) : QString())};
        out << executions::encode(e, venueActor);
    }
    return out;
}

// A fill for an order this workstation never sent (or no longer knows): the order is recorded
// as the venue describes it, in the account the venue names or the desk's suspense account, and
// the fill is booked on it.
QList<NewEvent> OrderManager::unknownOrderEvents(const ExecutionReport &r, const QString &account, const Actor &venueActor) const
{
    const Instrument *instrument = m_reference.instrument(r.instrument);
    OrderRecord o;
    o.orderId = r.orderId;
    o.account = account;
    o.instrument = instrument->id;
    o.side = r.side.value_or(Side::Buy);
    o.quantity = std::max({r.orderQuantity, r.cumulative + r.leaves, r.lastQuantity});
    o.state = OrderState::PendingNew;
    executions::Discovery d;
    d.terms.orderId = o.orderId;
    d.terms.account = account;
    d.terms.instrument = o.instrument;
    d.terms.side = o.side;
    d.terms.quantity = o.quantity.value();
    d.terms.limitPrice = r.limitPrice;
    d.reason = QStringLiteral("reported by %1, not sent from this workstation").arg(venueActor.user);
    const bool full = r.lastQuantity >= o.quantity;
    events::Fill f = fillOf(o, instrument, r, r.lastQuantity, 0);
    f.exception = executions::kind::UnknownOrder;
    executions::Exception e{account, o.orderId, r.execId, executions::kind::UnknownOrder,
                            QStringLiteral("no execution: this workstation did not send order %1").arg(o.orderId),
                            QStringLiteral("a %1 fill of %L2 %3 @ %4 (ExecID %5)%6")
                                .arg(events::toString(o.side)).arg(r.lastQuantity.value())
                                .arg(instrument->symbol, priceWords(instrument, r), r.execId,
                                     account == executions::SuspenseAccount ? QStringLiteral(", booked to the suspense account") : QString())};
    return {executions::encode(d, venueActor), events::encode(f, full, venueActor), executions::encode(e, venueActor)};
}

// A bust or correction of an execution booked here.
QList<NewEvent> OrderManager::adjustmentEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const
{
    const bool bust = r.kind == ExecutionReport::Kind::Busted;
    const Instrument *instrument = m_reference.instrument(o.instrument);
    std::optional<FillRecord> fill;
    if (auto it = m_state.unsettledFills().constFind(o.orderId + u'/' + r.execRefId); it != m_state.unsettledFills().cend())
        fill = *it;
    if (!fill)
        for (auto it = m_state.executions().crbegin(); it != m_state.executions().crend(); ++it)
            if (it->orderId == o.orderId && it->execId == r.execRefId) {
                fill = *it;
                break;
            }
    const QString what = bust ? QStringLiteral("bust") : QStringLiteral("correction");
    if (!fill) {
        executions::Exception e{o.account, o.orderId, r.execId, executions::kind::UnknownExecution,
                                QStringLiteral("an execution %1 booked here").arg(r.execRefId),
                                QStringLiteral("a %1 of ExecID %2, which is not booked here (nothing reversed)").arg(what, r.execRefId)};
        return {executions::encode(e, venueActor)};
    }
    if (m_state.isConsumed(o.orderId + u'/' + QStringLiteral("adj:") + r.execId) || fill->adjustment.startsWith(QLatin1String("busted")))
        return {}; // applied already (a resend, a drop copy)
    executions::Adjustment a{o.account, o.orderId, r.execId, r.execRefId, 0, 0, {}, 0, 0, r.text};
    QString came;
    if (bust || r.lastQuantity == Quantity(0)) { // a correction to nothing is a bust
        const bool wasCorrection = !bust;
        came = QStringLiteral("ExecID %1 busted: %L2 @ %3 reversed%4").arg(r.execRefId).arg(fill->quantity)
                   .arg(fill->priceText.isEmpty() && instrument ? instrument->formatPrice(Price(fill->price)) : fill->priceText,
                        wasCorrection ? QStringLiteral(" (corrected to a quantity of 0)") : QString());
        executions::Exception e{o.account, o.orderId, r.execId, executions::kind::Bust,
                                QStringLiteral("%L1 @ %2 as booked").arg(fill->quantity)
                                    .arg(fill->priceText.isEmpty() && instrument ? instrument->formatPrice(Price(fill->price)) : fill->priceText),
                                came};
        return {executions::encode(a, true, venueActor), executions::encode(e, venueActor)};
    } else {
        a.quantity = r.lastQuantity.value();
        a.price = r.lastPrice.value();
        a.priceText = r.exactPrice ? r.exactPrice->text() : QString();
        a.notionalCents = instrument ? fillNotional(*instrument, r.lastQuantity, r) : 0;
        a.accruedCents = instrument ? analytics::accruedInterestCents(*instrument, r.lastQuantity, fill->settleDate) : 0;
        came = QStringLiteral("ExecID %1 corrected to %L2 @ %3").arg(r.execRefId).arg(a.quantity).arg(priceWords(instrument, r));
    }
    executions::Exception e{o.account, o.orderId, r.execId, bust ? executions::kind::Bust : executions::kind::Correction,
                            QStringLiteral("%L1 @ %2 as booked").arg(fill->quantity)
                                .arg(fill->priceText.isEmpty() && instrument ? instrument->formatPrice(Price(fill->price)) : fill->priceText),
                            came};
    return {executions::encode(a, bust, venueActor), executions::encode(e, venueActor)};
}

// What the venue's status says is filled, against what is booked here: a difference is booked
// from the venue's figures (the fills themselves were missed) or flagged (the venue has less).
QList<NewEvent> OrderManager::statusEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const
{
    const Instrument *instrument = m_reference.instrument(o.instrument);
    if (!instrument || r.cumulative == o.filled)
        return {};
    if (r.cumulative < o.filled) {
        for (const TradingState::ExceptionEntry &x : m_state.executionExceptions())
            if (x.orderId == o.orderId && x.kind == executions::kind::VenueHasLess && x.execId == r.execId)
                return {};
        executions::Exception e{o.account, o.orderId, r.execId, executions::kind::VenueHasLess,
                                QStringLiteral("%L1 filled, as booked here").arg(o.filled.value()),
                                QStringLiteral("the venue's status says %L1 filled").arg(r.cumulative.value())};
        return {executions::encode(e, venueActor)};
    }
    const Quantity missing = r.cumulative - o.filled;
    // The missing part's amount: the venue's total (CumQty × AvgPx) less what is booked.
    ExecutionReport synthetic = r;
    synthetic.kind = ExecutionReport::Kind::Fill;
    synthetic.execId = QStringLiteral("status:%1:%2").arg(r.execId).arg(r.cumulative.value());
    synthetic.lastQuantity = missing;
    qint64 notional = 0;
    if (r.averagePrice) {
        const qint64 total = instrument->notionalCents(r.cumulative, *r.averagePrice, Instrument::Rounding::Down);
        notional = std::max<qint64>(0, total - o.filledNotionalCents);
        synthetic.lastPrice = Price(r.averagePrice->nearestUnits(instrument->priceScale));
        synthetic.exactPrice = r.averagePrice->exactUnits(instrument->priceScale) ? std::nullopt : r.averagePrice;
    } else {
        synthetic.lastPrice = o.limitPrice.value_or(m_state.lastPrice(o.instrument).value_or(instrument->referencePrice));
        synthetic.exactPrice.reset();
        notional = instrument->notionalCents(missing, synthetic.lastPrice, Instrument::Rounding::Down);
    }
    const bool full = missing >= o.quantity - o.filled;
    const bool staysDone = isTerminal(o.state) && o.state != OrderState::Rejected;
    events::Fill f = fillOf(o, instrument, synthetic, missing, full || staysDone ? 0 : reservationFor(o, r.cumulative));
    f.notionalCents = notional;
    f.statusCumulative = r.cumulative.value();
    f.exception = executions::kind::MissingFill;
    executions::Exception e{o.account, o.orderId, synthetic.execId, executions::kind::MissingFill,
                            QStringLiteral("%L1 filled, as booked here").arg(o.filled.value()),
                            QStringLiteral("the venue's status says %L1 filled (AvgPx %2): %L3 booked from it")
                                .arg(r.cumulative.value()).arg(r.averagePrice ? r.averagePrice->text() : QStringLiteral("not sent"))
                                .arg(missing.value())};
    return {events::encode(f, full, venueActor), executions::encode(e, venueActor)};
}

// The events a report of the order's lifecycle makes (acknowledged, cancelled, replaced, …), or
// an IllegalTransitionRefused when it cannot happen to the order as it is.
QList<NewEvent> OrderManager::lifecycleEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const
{
    const QString &id = o.orderId;
    const Quantity leavesBefore = o.quantity - o.filled;
    const OrderEventKind kind = transitionOf(r.kind, false);
    if (r.kind == ExecutionReport::Kind::Noted) {
        // Pending reports the OMS expects change nothing; the others are kept for the record.
        const bool expected = (r.text == u"pending new" && o.state == OrderState::PendingNew)
                              || (r.text == u"pending cancel" && o.state == OrderState::PendingCancel)
                              || (r.text == u"pending replace" && o.state == OrderState::PendingReplace);
        if (expected)
            return {};
        return {executions::encode(executions::Note{o.account, id, r.execId, r.text, QString(), 0}, venueActor)};
    }
    if (r.kind == ExecutionReport::Kind::Acknowledged && o.state != OrderState::PendingNew)
        return {}; // a late acknowledgement adds nothing
    if ((r.kind == ExecutionReport::Kind::CancelRejected || r.kind == ExecutionReport::Kind::ReplaceRejected) && isTerminal(o.state))
        return {}; // "too late": the order's end is booked already
    if (r.kind == ExecutionReport::Kind::Restated && m_state.isConsumed(o.orderId + u'/' + QStringLiteral("restated:") + r.execId))
        return {}; // applied already (a resend)
    if ((r.possibleDuplicate || r.fromStatus) && !OrderStateMachine::allowed(o.state, kind))
        return {}; // a resent report, or a status, of something already applied
    if (!OrderStateMachine::allowed(o.state, kind))
        return {events::encode(events::IllegalTransition{id, stateName(o.state), eventName(kind), r.lastQuantity.value(),
                                                         QStringLiteral("not a legal transition")},
                               venueActor)};
    switch (r.kind) {
    case ExecutionReport::Kind::Acknowledged:
        return {events::encode(events::Acknowledgement{id, r.leaves.value()}, venueActor)};
    case ExecutionReport::Kind::Cancelled:
        return {events::encode(events::OrderEnded{events::OrderEnded::How::Cancelled, id, r.text, leavesBefore.value()}, venueActor)};
    case ExecutionReport::Kind::Expired:
        return {events::encode(events::OrderEnded{events::OrderEnded::How::Expired, id, r.text, leavesBefore.value()}, venueActor)};
    case ExecutionReport::Kind::Rejected:
        return {events::encode(events::VenueRefusal{events::VenueRefusal::Of::Order, id, r.text}, venueActor)};
    case ExecutionReport::Kind::CancelRejected:
        return {events::encode(events::VenueRefusal{events::VenueRefusal::Of::Cancel, id, r.text}, venueActor)};
    case ExecutionReport::Kind::Replaced: {
        OrderRecord next = o;
        next.quantity = r.orderQuantity;
        next.limitPrice = r.limitPrice;
        next.pendingQuantity.reset();
        next.pendingLimitPrice.reset();
        return {events::encode(events::Replacement{events::Replacement::Stage::Confirmed, id, r.orderQuantity.value(), r.limitPrice,
                                                   reservationFor(next, o.filled)},
                               venueActor)};
    }
    case ExecutionReport::Kind::ReplaceRejected: {
        OrderRecord old = o;
        old.pendingQuantity.reset();
        old.pendingLimitPrice.reset();
        return {events::encode(events::ReplaceRejection{id, r.text, reservationFor(old, o.filled)}, venueActor)};
    }
    case ExecutionReport::Kind::Restated: {
        OrderRecord next = o;
        if (r.orderQuantity > Quantity(0))
            next.quantity = r.orderQuantity;
        if (r.limitPrice)
            next.limitPrice = r.limitPrice;
        executions::Restatement s{o.account, id, r.execId, next.quantity.value(),
                                  next.limitPrice ? std::optional<qint64>(next.limitPrice->value()) : std::nullopt,
                                  reservationFor(next, o.filled),
                                  r.text.isEmpty() ? QStringLiteral("restated by the venue") : r.text};
        return {executions::encode(s, venueActor)};
    }
    default:
        return {};
    }
}

void OrderManager::onReport(const ExecutionReport &report)
{
    const Actor venueActor{m_venue.name(), QStringLiteral("venue")};
    ExecutionReport mine = report;
    if (const OrderRecord *same = m_state.order(report.orderId);
        same && !report.instrument.isEmpty() && report.kind == ExecutionReport::Kind::Fill
        && (report.instrument != same->instrument || (report.side && *report.side != same->side))) {
        // The venue's order has the id of one of ours but is not it (a colleague's order on the
        // drop copy, typed with the same id): booked as the order it is, beside ours.
        mine.orderId = report.orderId + u'@' + (report.venueOrderId.isEmpty() ? report.execId : report.venueOrderId);
    }
    if (m_storeHalt) { // booked, in this order, when the store records again
        m_heldReports.append(mine);
        return;
    }
    if (m_venueAnswering) { // booked when the venue has taken the order (bookAnsweredAtOnce)
        m_answeredAtOnce.append(mine);
        return;
    }
    onReportFor(mine, venueActor);
}

// Reports a venue gave while it took an order, in the order given. An acknowledgement and the fill
// right behind it are one append: the order is New, then filled, in one durable commit. Anything
// else, or a pair that cannot go together (a conflict, a duplicate), is booked one by one as usual.
void OrderManager::bookAnsweredAtOnce(const QList<ExecutionReport> &reports)
{
    const Actor venueActor{m_venue.name(), QStringLiteral("venue")};
    for (qsizetype k = 0; k < reports.size(); ++k) {
        if (m_storeHalt) {
            m_heldReports.append(reports.at(k));
            continue;
        }
        if (k + 1 < reports.size() && bookAcknowledgedAndFilled(reports.at(k), reports.at(k + 1), venueActor)) {
            ++k;
            continue;
        }
        onReportFor(reports.at(k), venueActor);
    }
}

bool OrderManager::bookAcknowledgedAndFilled(const ExecutionReport &ack, const ExecutionReport &fill, const Actor &venueActor)
{
    if (ack.kind != ExecutionReport::Kind::Acknowledged || fill.kind != ExecutionReport::Kind::Fill || ack.orderId != fill.orderId
        || ack.possibleDuplicate || fill.possibleDuplicate || ack.fromStatus || fill.fromStatus)
        return false;
    const OrderRecord *o = m_state.order(ack.orderId);
    if (!o || o->state != OrderState::PendingNew || m_state.hasExecution(o->orderId, fill.execId, true))
        return false;
    QList<NewEvent> out = lifecycleEvents(*o, ack, venueActor);
    if (out.size() != 1 || out.first().type != events::OrderAcknowledged)
        return false;
    OrderRecord acknowledged = *o; // as the acknowledgement leaves it
    acknowledged.state = OrderState::New;
    out += fillEvents(acknowledged, fill, venueActor);
    const QString account = o->account;
    auto r = record(account, out);
    if (!r && m_storeHalt) {
        m_heldReports << ack << fill; // booked, in this order, when the store records again
        return true;
    }
    if (!r)
        return false; // decided again one by one, on what the store now says
    Q_EMIT orderChanged(ack.orderId);
    return true;
}

void OrderManager::onReportFor(const ExecutionReport &report, const Actor &venueActor)
{
    for (int attempt = 0; attempt < ReportAttempts; ++attempt) {
        const OrderRecord *o = m_state.order(report.orderId);
        QList<NewEvent> out;
        QString account;
        if (!o) {
            // Only an execution can be booked without an order; it gets one.
            if (report.kind != ExecutionReport::Kind::Fill || !m_reference.instrument(report.instrument))
                return;
            if (m_state.hasExecution(report.orderId, report.execId, true))
                return;
            account = m_state.account(report.account) ? report.account : executions::SuspenseAccount;
            if (!m_state.account(account)) {
                Status opened = openAccount(account, 0, venueActor);
                if (!opened && m_storeHalt) {
                    m_heldReports.append(report);
                    return;
                }
                if (!opened && !m_state.account(account))
                    continue;
            }
            out = unknownOrderEvents(report, account, venueActor);
        } else {
            account = o->account;
            if (report.fromStatus) {
                // First what the venue's CumQty says was filled, then what its status means.
                const QList<NewEvent> filled = statusEvents(*o, report, venueActor);
                if (!filled.isEmpty()) {
                    auto r = record(account, filled);
                    if (!r && r.code() == ErrorCode::Conflict)
                        continue;
                    if (!r && m_storeHalt) {
                        m_heldReports.append(report); // the whole report again, when the store records
                        return;
                    }
                    if (!r) {
                        ExecutionReport booking = report;
                        booking.kind = ExecutionReport::Kind::Fill; // what could not be booked is an execution
                        reportUnbooked(booking, r.message());
                    }
                    o = m_state.order(report.orderId);
                }
            }
            switch (report.kind) {
            case ExecutionReport::Kind::Fill:
                if (m_state.hasExecution(o->orderId, report.execId, report.possibleDuplicate || isTerminal(o->state)))
                    return; // sent again (a session resend, a drop copy): already booked
                out = fillEvents(*o, report, venueActor);
                break;
            case ExecutionReport::Kind::Busted:
            case ExecutionReport::Kind::Corrected:
                out = adjustmentEvents(*o, report, venueActor);
                break;
            default:
                out = lifecycleEvents(*o, report, venueActor);
                break;
            }
        }
        if (out.isEmpty()) {
            resendAfterStatus(report);
            return;
        }
        auto r = record(account, out);
        if (!r && r.code() == ErrorCode::Conflict)
            continue;
        if (!r && m_storeHalt) {
            m_heldReports.append(report); // booked, in this order, when the store records again
            return;
        }
        if (!r)
            reportUnbooked(report, r.message());
        Q_EMIT orderChanged(report.orderId);
        return;
    }
    reportUnbooked(report, QStringLiteral("the account kept changing"));
}

// A status says the venue still works an order whose cancel or replace is recorded here: the
// workstation stopped between recording the request and sending it (or the request was lost with
// the session). The request is durable, so it is sent again; the venue's answer is booked as usual.
void OrderManager::resendAfterStatus(const ExecutionReport &report)
{
    if (!report.fromStatus || report.kind != ExecutionReport::Kind::Acknowledged)
        return;
    const OrderRecord *o = m_state.order(report.orderId);
    if (!o || !isOwnWork(*o))
        return;
    const QString id = o->orderId; // copies: the venue may answer at once, changing the record
    if (o->state == OrderState::PendingCancel) {
        m_venue.cancel(id);
    } else if (o->state == OrderState::PendingReplace && o->pendingQuantity) {
        const std::optional<Price> limit = o->pendingLimitPrice;
        const Quantity quantity = *o->pendingQuantity;
        m_venue.replace(id, limit, quantity);
    }
}

void OrderManager::addDropCopy(Venue &dropCopy)
{
    connect(&dropCopy, &Venue::executionReport, this, [this](const ExecutionReport &report) {
        if (report.kind == ExecutionReport::Kind::Fill || report.kind == ExecutionReport::Kind::Busted
            || report.kind == ExecutionReport::Kind::Corrected)
            onReport(report);
    }, Qt::DirectConnection);
}

void OrderManager::reportUnbooked(const ExecutionReport &report, const QString &why)
{
    const bool execution = report.kind == ExecutionReport::Kind::Fill || report.kind == ExecutionReport::Kind::Busted
                           || report.kind == ExecutionReport::Kind::Corrected;
    if (execution)
        ++m_unbooked;
    qWarning("instant: cannot record a report for %s (ExecID %s): %s", qPrintable(report.orderId), qPrintable(report.execId),
             qPrintable(why));
    Q_EMIT unbooked(report.orderId, why);
}

Status OrderManager::acknowledgeException(Sequence exception, const QString &note, const Actor &actor)
{
    for (const TradingState::ExceptionEntry &e : m_state.executionExceptions()) {
        if (e.sequence != exception)
            continue;
        if (!e.acknowledgedBy.isEmpty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("exception %1 was acknowledged by %2").arg(exception).arg(e.acknowledgedBy));
        // Copies: recording replaces the list `e` lives in (shared with the screens).
        const QString account = e.account, orderId = e.orderId;
        auto r = record(account, {executions::encode(executions::Acknowledgement{account, exception, note}, actor)});
        if (!r)
            return r.error();
        Q_EMIT orderChanged(orderId);
        return Done{};
    }
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("no execution exception at sequence %1").arg(exception));
}

} // namespace instant
