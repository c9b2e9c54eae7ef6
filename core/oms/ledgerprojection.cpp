// The trading state's ledger: an account's cash as opened, and settlement, where a trade's cash
// and securities change hands (delivery against payment) or fail to, with the reason.

#include "oms/tradingstate.h"

#include "events/orderevents.h"
#include "oms/stateamounts.h"

namespace instant {

using namespace state;

Status TradingState::applyAccountOpened(const events::AccountOpening &e, const RecordedEvent &event)
{
    AccountRecord &account = accountFor(e.account);
    qint64 total = 0;
    if (!isAmount(e.cashCents) || !addTo(account.cashCents, e.cashCents, total))
        return outOfRange(event);
    account.cashCents = total;
    return Done{};
}

// The fill the settlement is about, shown again by whoever shows settled executions.
void TradingState::noteSettledExecution(const FillRecord &fill)
{
    m_ledger.settledJournal.append(fill.sequence);
    if (m_ledger.settledJournal.size() > 2 * FillHistory::DefaultCapacity) // nobody takes them (a replay)
        m_ledger.settledJournal.remove(0, FillHistory::DefaultCapacity);
}

// TradeSettled: the principal and accrued interest move from unsettled to cash, and the
// securities are delivered.
Status TradingState::applySettled(const events::Settlement &e, const RecordedEvent &event)
{
    const QString key = fillKey(e.orderId, e.execId);
    const FillRecord *fill = m_ledger.unsettled.find(key);
    if (!fill) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("settlement of unknown or settled trade %1").arg(e.execId));
    }
    AccountRecord &account = accountFor(fill->account);
    PositionRecord &position = positionFor(fill->account, fill->instrument);
    const bool buy = fill->side == Side::Buy;
    qint64 cash = 0, unsettled = 0, settled = 0;
    // Matured or expired since it traded: the cash still moves, the securities are gone.
    const qint64 delivered = position.retired ? 0 : buy ? fill->quantity : -fill->quantity;
    const qint64 amount = fill->settlementCents(); // principal and accrued interest
    if (!addTo(account.cashCents, buy ? -amount : amount, cash)
        || !addTo(buy ? account.unsettledBuyCents : account.unsettledSellCents, -amount, unsettled)
        || !addTo(position.settledQuantity, delivered, settled))
        return outOfRange(event);
    account.cashCents = cash;
    (buy ? account.unsettledBuyCents : account.unsettledSellCents) = unsettled;
    if (position.settledQuantity <= 0 && settled > 0)
        position.couponsThrough = fill->settleDate; // a new holding earns coupons after this date
    position.settledQuantity = settled;
    if (const qsizetype r = m_ledger.executions.rowOf(fill->sequence); r >= 0) {
        m_ledger.executions.row(r).settled = true;
        noteSettledExecution(*fill);
    }
    m_ledger.unsettled.remove(key); // `fill` goes with it
    ++m_ledger.settledTrades;
    return Done{};
}

// SettlementFailed: the trade stays unsettled with the reason, nothing moves.
Status TradingState::applySettlementFailed(const events::Settlement &e, const RecordedEvent &)
{
    FillRecord *fill = m_ledger.unsettled.edit(fillKey(e.orderId, e.execId));
    if (!fill) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("failed settlement of unknown or settled trade %1").arg(e.execId));
    }
    fill->failReason = intern(e.reason);
    fill->failedOn = e.businessDate;
    if (const qsizetype r = m_ledger.executions.rowOf(fill->sequence); r >= 0) {
        m_ledger.executions.row(r).failReason = fill->failReason;
        m_ledger.executions.row(r).failedOn = fill->failedOn;
        noteSettledExecution(*fill); // shown again, like a settled one
    }
    return Done{};
}

} // namespace instant
