#pragma once

#include "oms/tradingstate.h"
#include "refdata/referencedata.h"

#include <QSet>

namespace instant {

// What is "mine" for the logged-in user: the orders they entered and the accounts they trade
// (the workstation's: the reference data's). Simulated desks and other traders on their own
// accounts are theirs, not mine.
struct OwnBook
{
    QString user;
    QSet<QString> accounts;

    static OwnBook of(const QString &user, const ReferenceData &reference)
    {
        OwnBook book{user, {}};
        for (const Account *a : reference.accounts())
            book.accounts.insert(a->id);
        return book;
    }
    bool entered(const OrderRecord &order) const { return order.actor == user; }
    bool holds(const QString &account) const { return accounts.contains(account); }
    // "My orders": entered by me, or on one of my accounts (a bracket's exits, a colleague's order on the desk's account).
    bool has(const OrderRecord &order) const { return entered(order) || holds(order.account); }
};

// Which orders a blotter shows: the rule lives here, the proxy model in widgets applies it.
struct OrderFilter
{
    QSet<OrderState> states;  // empty: all
    std::optional<Side> side;
    QString instrument;       // id, or empty
    QString text;             // matched against order id, account, symbol, reason (case-insensitive)
    bool workingOnly = false;
    std::optional<OwnBook> mine; // "My orders" only

    bool isEmpty() const { return states.isEmpty() && !side && instrument.isEmpty() && text.isEmpty() && !workingOnly && !mine; }
    bool matches(const OrderRecord &order, const QString &symbol) const
    {
        if (mine && !mine->has(order))
            return false;
        if (workingOnly && !isWorking(order.state) && order.state != OrderState::PendingNew)
            return false;
        if (!states.isEmpty() && !states.contains(order.state))
            return false;
        if (side && order.side != *side)
            return false;
        if (!instrument.isEmpty() && order.instrument != instrument)
            return false;
        if (!text.isEmpty()) {
            return order.orderId.contains(text, Qt::CaseInsensitive) || order.account.text().contains(text, Qt::CaseInsensitive)
                   || symbol.contains(text, Qt::CaseInsensitive) || order.reason.text().contains(text, Qt::CaseInsensitive);
        }
        return true;
    }
};

} // namespace instant
