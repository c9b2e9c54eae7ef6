#pragma once

// Trades settle T+1, delivery against payment: what is due on a date, taken from the order
// manager's state and recorded through it (TradeSettled, SettlementFailed).

#include "common/result.h"
#include "events/event.h"
#include "records/orderrecords.h"

#include <QDate>
#include <QList>
#include <QString>

#include <utility>

namespace instant {

class OrderManager;
class TradingState;

// What one settlement run does with an account's due trades: those that settle, in order, and
// those that fail, each with the reason.
struct SettlementRun
{
    QList<FillRecord> settling;
    QList<std::pair<FillRecord, QString>> failing;
};

// Delivery against payment, trade by trade in the order given: a purchase settles when the
// account's settled cash pays for it, a sale when the settled securities are there. What settles
// counts for the trades after it; a pass that settles something gives the failed ones another go
// (a sale's proceeds can pay for a purchase the same day).
SettlementRun settlementRun(const TradingState &state, const QString &account, const QList<FillRecord> &fills);

// Settles every unsettled trade whose settlement date has come (TradeSettled events). A trade the
// account cannot settle (settled cash short for a purchase, settled securities short for a sale)
// fails: a SettlementFailed event with the reason, once per business date and reason; it stays
// unsettled and is tried again on every run. Returns how many settled.
Result<int> settleDue(OrderManager &oms, QDate today, const Actor &actor);

} // namespace instant
