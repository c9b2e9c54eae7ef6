#pragma once

#include "oms/tradingstate.h"

#include <QSet>

namespace instant {

// Which orders a blotter shows: the rule lives here, the proxy model in widgets applies it.
struct OrderFilter
{
    QSet<OrderState> states;  // empty: all
    std::optional<Side> side;
    QString instrument;       // id, or empty
    QString text;             // matched against order id, account, symbol, reason (case-insensitive)
    bool workingOnly = false;

    bool isEmpty() const { return states.isEmpty() && !side && instrument.isEmpty() && text.isEmpty() && !workingOnly; }
    bool matches(const OrderRecord &order, const QString &symbol) const
    {
        if (workingOnly && !isWorking(order.state) && order.state != OrderState::PendingNew)
            return false;
        if (!states.isEmpty() && !states.contains(order.state))
            return false;
        if (side && order.side != *side)
            return false;
        if (!instrument.isEmpty() && order.instrument != instrument)
            return false;
        if (!text.isEmpty()) {
            return order.orderId.contains(text, Qt::CaseInsensitive) || order.account.contains(text, Qt::CaseInsensitive)
                   || symbol.contains(text, Qt::CaseInsensitive) || order.reason.contains(text, Qt::CaseInsensitive);
        }
        return true;
    }
};

} // namespace instant
