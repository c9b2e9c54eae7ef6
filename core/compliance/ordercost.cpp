#include "compliance/ordercost.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace instant {

qint64 saturatedSum(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return sum;
}

Price protectionPrice(const Instrument &instrument, Price last, Side side)
{
    const double factor = side == Side::Buy ? 1 + ProtectionCollarPercent / 100 : 1 - ProtectionCollarPercent / 100;
    const double raw = double(last.value()) * factor / double(instrument.tickSize);
    const qint64 ticks = side == Side::Buy ? qint64(std::ceil(raw)) : std::max<qint64>(1, qint64(std::floor(raw)));
    return Price(ticks * instrument.tickSize);
}

qint64 accruedToHold(const Instrument &instrument, TimeInForce tif, Quantity face, QDate tradeDate)
{
    const analytics::Accrual now = analytics::accrual(instrument, analytics::settlementDate(instrument, tradeDate));
    if (!now.accrues())
        return 0;
    const qint64 today = now.cents(face);
    if (tif == TimeInForce::Day || tif == TimeInForce::Ioc || tif == TimeInForce::Fok)
        return today;
    const qint64 mostThisPeriod = analytics::accruedInterestCents(instrument, face, now.nextCoupon.addDays(-1));
    analytics::Accrual halfCoupon = now;
    halfCoupon.periods = {{1, 1}};
    return std::max({today, mostThisPeriod, halfCoupon.cents(face)});
}

OrderCost orderCost(const Instrument &instrument, Side side, TimeInForce tif, Quantity quantity, Price pricedAt, QDate tradeDate)
{
    OrderCost c;
    c.pricedAt = pricedAt;
    c.settleDate = analytics::settlementDate(instrument, tradeDate);
    c.principalCents = instrument.notionalCents(quantity, pricedAt);
    c.accrual = analytics::accrual(instrument, c.settleDate);
    c.accruedCents = c.accrual.cents(quantity);
    if (side == Side::Buy)
        c.holdCents = saturatedSum(instrument.notionalCents(quantity, pricedAt, Instrument::Rounding::Up),
                                   accruedToHold(instrument, tif, quantity, tradeDate));
    return c;
}

} // namespace instant
