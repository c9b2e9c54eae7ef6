#pragma once

#include "analytics/bondanalytics.h"
#include "common/types.h"
#include "refdata/instrument.h"

#include <QDate>

#include <optional>

namespace instant {

// What an order costs before it is sent: one computation for the order manager's buying-power
// check and reservation, the ticket's preview and the copilot, so that the figure a trader is
// shown is the figure compliance checks.

// a + b, held at the bounds of a qint64 (an order no account could pay stays refused, never wraps).
qint64 saturatedSum(qint64 a, qint64 b);

// Market and stop orders are protected: they fill no further than this from the last trade.
constexpr double ProtectionCollarPercent = 5;
// The protection price of a market or stop order, from the last trade (or the reference price),
// on the instrument's tick grid and at least one tick.
Price protectionPrice(const Instrument &instrument, Price last, Side side);

struct OrderCost
{
    Price pricedAt;            // the limit, or a market or stop order's protection price
    qint64 principalCents = 0; // quantity × pricedAt, to the nearest cent
    analytics::Accrual accrual; // notes and bonds: to the settlement date
    qint64 accruedCents = 0;
    qint64 holdCents = 0;      // a buy's reservation: principal rounded up and the accrued interest it may owe
    QDate settleDate;
    qint64 totalCents() const { return saturatedSum(principalCents, accruedCents); } // what changes hands at settlement
};

// `tradeDate` is the market's: settlement and accrued interest follow it.
OrderCost orderCost(const Instrument &instrument, Side side, TimeInForce tif, Quantity quantity, Price pricedAt,
                    QDate tradeDate);

// The accrued interest a buy holds for `face`: a day order's to today's settlement date; an order
// that may fill on a later day the most the interest can grow to before its next coupon (at least
// half a coupon).
qint64 accruedToHold(const Instrument &instrument, TimeInForce tif, Quantity face, QDate tradeDate);

} // namespace instant
