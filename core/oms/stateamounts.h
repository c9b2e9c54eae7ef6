#pragma once

// The arithmetic of the trading state: keys, dates read from events, and amounts checked before
// anything changes. Internal to core/oms (tradingstate.cpp and lifecycleprojection.cpp).

#include "common/types.h"

#include <QDate>
#include <QString>

#include <algorithm>
#include <optional>

namespace instant::state {

// The largest amount an event may carry (TradingState::MaxAmount).
constexpr qint64 MaxAmount = qint64(1) << 53;

// Venues number executions per session; with the order id the key is unique across restarts.
inline QString fillKey(const QString &orderId, const QString &execId)
{
    return orderId + u'/' + execId;
}

// YYYY-MM-DD, the only form events carry; anything else goes through Qt's parser.
inline QDate isoDate(const QString &text)
{
    if (text.size() == 10 && text.at(4) == u'-' && text.at(7) == u'-') {
        auto digits = [&text](int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; ++i) {
                const char16_t c = text.at(i).unicode();
                if (c < u'0' || c > u'9')
                    return -1;
                v = v * 10 + (c - u'0');
            }
            return v;
        };
        const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
        if (y >= 0 && m >= 0 && d >= 0)
            return QDate(y, m, d);
    }
    return QDate::fromString(text, Qt::ISODate);
}

inline QString positionKey(const QString &account, const QString &instrument)
{
    return account + u'|' + instrument;
}

// Amounts are checked before an event is applied: a corrupt or hostile log gives an anomaly,
// never a signed overflow. An amount an event carries (quantity, price, cents) stays within
// ±MaxAmount (2^53) and a running total within ±2^61, so that a sum of three totals
// (available cash) still fits. No real book comes near either bound.
constexpr qint64 MaxTotal = qint64(1) << 61;

inline bool isAmount(qint64 v)
{
    return v >= -MaxAmount && v <= MaxAmount;
}

inline bool isAmount(const std::optional<Price> &price)
{
    return !price || isAmount(price->value());
}

// total + delta into `out`, when the sum stays within ±MaxTotal.
inline bool addTo(qint64 total, qint64 delta, qint64 &out)
{
    return !__builtin_add_overflow(total, delta, &out) && out >= -MaxTotal && out <= MaxTotal;
}

// a × b / c for the share of a cost: the product of two totals overflows 64 bits on a large book
// ($10bn of notes sold $100mm at a time), so it is taken wider. False when c is 0 or the share
// is not a total.
inline bool share(qint64 a, qint64 b, qint64 c, qint64 &out)
{
    if (c == 0)
        return false;
#if defined(__SIZEOF_INT128__)
    __extension__ typedef __int128 Wide;
    const Wide v = Wide(a) * b / c;
#else
    const long double v = static_cast<long double>(a) * b / c;
#endif
    if (v < -MaxTotal || v > MaxTotal)
        return false;
    out = qint64(v);
    return true;
}

// A trade booked into a position by average cost: what it does to quantity, cost and realized
// P&L. A buy adds its amount to the cost; a sell takes its share of the cost out and realizes the
// difference. A trade that goes through zero (a late fill or an overfill sells more than is held,
// a fill for an order unknown here) closes what was held and opens the rest on the other side: a
// short position's cost is negative (the proceeds received).
struct Booking
{
    qint64 quantity = 0;
    qint64 costCents = 0;
    qint64 realizedCents = 0;
};
inline bool bookTrade(const Booking &held, bool buy, qint64 qty, qint64 notional, Booking &out)
{
    if (qty <= 0)
        return false;
    const qint64 signedQty = buy ? qty : -qty;
    const bool closing = held.quantity != 0 && ((held.quantity > 0) != buy);
    const qint64 closed = closing ? std::min(qty, held.quantity > 0 ? held.quantity : -held.quantity) : 0;
    qint64 closedCost = 0, closedNotional = 0;
    if (closed > 0) {
        const qint64 heldAbs = held.quantity > 0 ? held.quantity : -held.quantity;
        if (!share(held.costCents, closed, heldAbs, closedCost) || !share(notional, closed, qty, closedNotional))
            return false;
    }
    // Buying back a short: realized = what the short part was sold for (−cost) − what it costs now.
    // Selling a long: realized = what it is sold for − what it cost.
    const qint64 realized = buy ? -closedCost - closedNotional : closedNotional - closedCost;
    const qint64 opened = notional - closedNotional;
    qint64 quantity = 0, cost = 0, realizedTotal = 0;
    if (!addTo(held.quantity, signedQty, quantity) || !addTo(held.costCents, -closedCost, cost)
        || !addTo(cost, buy ? opened : -opened, cost) || !addTo(held.realizedCents, realized, realizedTotal))
        return false;
    out = {quantity, cost, realizedTotal};
    return true;
}

} // namespace instant::state
