// Trading halted by the store: what the order manager does when a write fails and when the
// store records again (ordermanager.h, OrderManager::StoreHalt).
#include "oms/ordermanager.h"

#include "events/orderevents.h"
#include "store/eventstore.h"

namespace instant {

bool OrderManager::isStoreFailure(const Error &error)
{
    // A decision the store made (a stale version, a reused key, a bad request) is not a failure
    // of the store: the caller decides again. Anything else means the write did not happen.
    switch (error.code) {
    case ErrorCode::Conflict:
    case ErrorCode::IdempotencyMismatch:
    case ErrorCode::InvalidArgument:
    case ErrorCode::NotFound:
        return false;
    default:
        return true;
    }
}

void OrderManager::haltForStore(const QString &reason)
{
    if (m_storeHalt)
        return;
    m_storeHalt = StoreHalt{reason, m_venue.nowUs(), 0};
    if (m_storeHaltHistory.halts++ == 0)
        m_storeHaltHistory.firstReason = reason;
    qWarning("instant: trading halted: the store cannot record (%s); nothing is sent until it records again",
             qPrintable(reason));
    Q_EMIT storeHaltChanged(true, reason);
}

CommandOutcome OrderManager::refuseWhileHalted(const QString &orderId)
{
    ++m_storeHalt->refused;
    ++m_storeHaltHistory.refused;
    CommandOutcome out;
    out.orderId = orderId;
    out.accepted = false;
    out.reason = QStringLiteral("trading is halted: the store cannot record (%1); nothing was sent").arg(m_storeHalt->reason);
    return out;
}

qint64 OrderManager::unbookedExecutions() const
{
    qint64 held = 0;
    for (const ExecutionReport &r : m_heldReports)
        if (r.kind == ExecutionReport::Kind::Fill || r.kind == ExecutionReport::Kind::Busted
            || r.kind == ExecutionReport::Kind::Corrected)
            ++held;
    return m_unbooked + held;
}

// An order as the venue is told it: its terms as recorded, and what is filled already.
VenueOrder OrderManager::venueOrderFor(const OrderRecord &o)
{
    VenueOrder v;
    v.orderId = o.orderId;
    v.instrument = o.instrument;
    v.side = o.side;
    v.type = o.type;
    v.tif = o.tif;
    v.quantity = o.quantity;
    v.limitPrice = o.limitPrice;
    v.stopPrice = o.stopPrice;
    v.protectionPrice = o.protectionPrice;
    v.filled = o.filled;
    return v;
}

QList<VenueOrder> OrderManager::workingOrders() const
{
    QList<VenueOrder> open;
    for (const OrderRecord &o : m_state.orders())
        if (!isTerminal(o.state) && isOwnWork(o)) // another workstation's rest at its own venue session
            open.append(venueOrderFor(o));
    return open;
}

Status OrderManager::resumeAfterStoreHalt()
{
    if (!m_storeHalt)
        return Done{};
    // The halt's own record first: when it is durable, the store writes again.
    AppendRequest request;
    request.streamId = events::complianceStream();
    request.events = {events::encode(events::StoreOutageRecord{m_storeHalt->reason, m_storeHalt->sinceUs, m_venue.nowUs(),
                                                               m_storeHalt->refused, m_heldReports.size()},
                                     Actor{QStringLiteral("store-monitor"), QStringLiteral("system")})};
    auto written = m_store.append(std::move(request));
    if (!written)
        return written.error();
    const StoreHalt halt = *std::exchange(m_storeHalt, std::nullopt);
    // A commit whose answer was lost with the connection may have happened, and another
    // workstation may have written meanwhile: learn every account's stream before deciding.
    QStringList accounts = m_state.accounts().keys();
    for (const QString &account : std::as_const(accounts))
        (void)catchUp(events::accountStream(account));
    for (const RecordedEvent &e : std::as_const(written->recorded))
        (void)applyOnce(e);
    Q_EMIT recorded(written->recorded);
    // What the venue said meanwhile, in the order it said it, each booked once (by ExecID).
    const QList<ExecutionReport> held = std::exchange(m_heldReports, {});
    const Actor venueActor{m_venue.name(), QStringLiteral("venue")};
    for (qsizetype i = 0; i < held.size(); ++i) {
        if (m_storeHalt) { // failed again: the rest waits, still in order
            m_heldReports.append(held.mid(i));
            break;
        }
        onReportFor(held.at(i), venueActor);
    }
    if (m_storeHalt)
        return makeError(ErrorCode::Io, QStringLiteral("the store failed again: %1").arg(m_storeHalt->reason));
    const QList<VenueOrder> working = workingOrders();
    for (const VenueOrder &o : working)
        Q_EMIT orderChanged(o.orderId); // what was learnt from the store, to the screens
    if (m_venue.reconcilesOnConnect())
        m_venue.reconcile(working); // the far side says where each working order stands
    qInfo("instant: the store records again: trading resumes (halted %lld s, %lld commands refused, %lld reports held)",
          static_cast<long long>((m_venue.nowUs() - halt.sinceUs) / 1'000'000), static_cast<long long>(halt.refused),
          static_cast<long long>(held.size()));
    Q_EMIT storeHaltChanged(false, {});
    return Done{};
}

} // namespace instant
