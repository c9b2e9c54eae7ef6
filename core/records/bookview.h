#pragma once

#include "records/orderrecords.h"

#include <QList>
#include <QString>

#include <optional>

namespace instant {

// What a pre-trade check reads of the book: an account's cash, its positions and working orders,
// and the last prices. The trading state is one; compliance reads only this.
class BookView
{
public:
    virtual ~BookView() = default;
    virtual const AccountRecord *account(const QString &id) const = 0;
    virtual const PositionRecord *position(const QString &account, const QString &instrument) const = 0;
    virtual QList<PositionRecord> positionsOf(const QString &account) const = 0;
    virtual QList<OrderRef> workingOrdersOf(const QString &account) const = 0; // not yet terminal
    virtual std::optional<Price> lastPrice(const QString &instrument) const = 0;
    // What the account can still sell: its position less the working sell orders' leaves.
    virtual qint64 sellableQuantity(const QString &account, const QString &instrument) const = 0;

protected:
    BookView() = default;
    BookView(const BookView &) = default;
    BookView(BookView &&) = default;
    BookView &operator=(const BookView &) = default;
    BookView &operator=(BookView &&) = default;
};

} // namespace instant
