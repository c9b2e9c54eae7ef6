#pragma once

// The arithmetic of the trading state: keys, dates read from events, and amounts checked before
// anything changes. Internal to core/oms (tradingstate.cpp and lifecycleprojection.cpp).

#include "common/types.h"

#include <QDate>
#include <QString>

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


} // namespace instant::state
