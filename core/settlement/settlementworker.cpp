#include "settlement/settlementworker.h"
#include "settlement/tradesettlement.h"

#include "oms/ordermanager.h"
#include "refdata/referencedata.h"

namespace instant {

SettlementWorker::SettlementWorker(OrderManager &oms, std::function<QDate()> today, QObject *parent)
    : QObject(parent), m_oms(oms), m_today(std::move(today)), m_timer(this)
{
    connect(&m_timer, &QTimer::timeout, this, &SettlementWorker::settleNow);
}

void SettlementWorker::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

void SettlementWorker::stop()
{
    m_timer.stop();
}

int SettlementWorker::settleNow()
{
    if (m_oms.storeHalt())
        return 0; // nothing is recorded until the store records again; the next run catches up
    const QDate today = m_today();
    int trades = 0;
    auto settle = [&](QDate through) {
        auto result = settleDue(m_oms, through, m_actor);
        if (!result) {
            Q_EMIT problem(result.message());
            return false;
        }
        trades += *result;
        return true;
    };
    // The holdings are looked through unless nothing they are read for has changed since a look
    // found nothing due (coupons and principal fall on dates; an expired option either records an
    // action or is named as a problem, which looks again).
    const bool look = !m_nothingDue || *m_nothingDue != lookAt(today);
    if (look) {
        ++m_looks;
        m_nothingDue.reset(); // kept again below only if this look finds nothing due
    }
    int lifecycleRecorded = 0;
    // Date by date up to today (a workstation closed for days catches up in order): on each date
    // the coupons and principal due are paid to whoever holds the settled securities at the end of
    // the day before (a sale settling on the payment date carries no accrued interest: the seller
    // keeps the coupon), then the trades due that day settle.
    QDate after;
    for (;;) {
        std::optional<QDate> next;
        auto consider = [&](QDate d) {
            if (d.isValid() && d <= today && (!after.isValid() || d > after) && (!next || d < *next))
                next = d;
        };
        for (const FillRecord &f : m_oms.state().unsettledFills())
            if (!f.failing()) // a fail is retried today, below: once a business date
                consider(f.settleDate);
        if (look)
            for (const QDate &d : InstrumentLifecycle(m_oms.state(), m_oms.reference()).paymentDates(today))
                consider(d);
        if (!next)
            break;
        bool complete = true;
        const QList<InstrumentLifecycle::Action> payments = InstrumentLifecycle(m_oms.state(), m_oms.reference()).payments(*next, m_actor);
        lifecycleRecorded += int(payments.size());
        runLifecycle(payments, complete);
        if (!complete) // a payment not recorded: nothing settles after it until it is (the next run)
            return trades;
        if (!settle(*next))
            return trades;
        after = *next;
    }
    if (after != today && !settle(today)) // what failed before is tried again today
        return trades;
    // Options that expired before today, once the trades of their last day have settled.
    QStringList problems;
    bool complete = true;
    if (look) {
        const QList<InstrumentLifecycle::Action> expiries = InstrumentLifecycle(m_oms.state(), m_oms.reference())
            .expiries(today, [this](const QString &i, QDate d) { return closingPrice(i, d); }, m_actor, &problems);
        lifecycleRecorded += int(expiries.size());
        runLifecycle(expiries, complete);
    }
    for (const QString &p : std::as_const(problems))
        Q_EMIT problem(p);
    // Settled trades change holdings (a coupon may be due on them), and so does what was recorded:
    // looked at again.
    if (look && trades == 0 && lifecycleRecorded == 0 && problems.isEmpty() && complete)
        m_nothingDue = lookAt(today);
    if (trades > 0)
        Q_EMIT settled(trades, today);
    return trades;
}

SettlementWorker::Look SettlementWorker::lookAt(QDate today) const
{
    return {today, m_oms.state().positionsStamp(), m_oms.reference().instrumentCount()};
}

// Each action once (its key). One that cannot be recorded stops the run: the state has moved (another
// workstation wrote) or the store failed, and the next run decides again from what is recorded then.
int SettlementWorker::runLifecycle(const QList<InstrumentLifecycle::Action> &actions, bool &complete)
{
    int recorded = 0;
    complete = true;
    for (const InstrumentLifecycle::Action &a : actions) {
        auto r = m_oms.recordOnAccount(a.account, a.events, a.key);
        if (!r) {
            complete = false;
            if (r.code() != ErrorCode::Conflict && r.code() != ErrorCode::IdempotencyMismatch)
                Q_EMIT problem(QStringLiteral("%1 for %2: %3").arg(a.events.constFirst().type, a.account, r.message()));
            break;
        }
        if (!r->duplicate)
            recorded += int(a.events.size());
    }
    if (recorded > 0)
        Q_EMIT lifecycleRecorded(recorded);
    return recorded;
}

void SettlementWorker::recordTrade(const TradePrint &trade)
{
    QMap<QDate, Price> &closes = m_closes[trade.instrument];
    closes.insert(tradeDateOf(trade.timeUs), trade.price);
    while (closes.size() > 14)
        closes.erase(closes.begin());
}

std::optional<InstrumentLifecycle::Close> SettlementWorker::closingPrice(const QString &instrument, QDate date) const
{
    if (auto it = m_closes.constFind(instrument); it != m_closes.cend())
        if (auto close = it->constFind(date); close != it->cend())
            return InstrumentLifecycle::Close{*close, QStringLiteral("closed at")};
    const QString none = QStringLiteral("(no close recorded for %1)").arg(date.toString(Qt::ISODate));
    if (m_last)
        if (auto p = m_last(instrument))
            return InstrumentLifecycle::Close{*p, QStringLiteral("last traded %1 at").arg(none)};
    if (auto p = m_oms.state().lastPrice(instrument))
        return InstrumentLifecycle::Close{*p, QStringLiteral("last traded by this desk %1 at").arg(none)};
    if (const Instrument *i = m_oms.reference().instrument(instrument); i && i->referencePrice > Price(0))
        return InstrumentLifecycle::Close{i->referencePrice, QStringLiteral("at its reference price %1,").arg(none)};
    return std::nullopt;
}

} // namespace instant
