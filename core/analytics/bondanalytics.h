#pragma once

#include "refdata/instrument.h"

#include <QDate>
#include <QList>

#include <optional>

namespace instant::analytics {

// The settlement date of a trade: T+1 business day on the US government-bond calendar for
// Treasuries, the NYSE calendar for stocks and options (QuantLib calendars).
QDate settlementDate(const Instrument &instrument, QDate tradeDate);
bool isBusinessDay(const Instrument &instrument, QDate date);
QDate nextBusinessDay(const Instrument &instrument, QDate date);

// Accrued interest of a note or bond, ACT/ACT (ICMA) as the Treasury and the street compute it,
// to a settlement date: coupon / 2 × days accrued / days in the coupon period × face. The
// period's dates come from the schedule (QuantLib), a long or short first coupon included. Bills,
// stocks and options accrue nothing (an empty Accrual, 0 cents).
struct Accrual
{
    QDate start;        // the last coupon date on or before settlement (the dated date in the first period)
    QDate nextCoupon;
    int days = 0;       // days accrued since `start`
    double couponPercent = 0;
    // The (days, days in the regular period) pieces: one, or two in a long first coupon period.
    QList<std::pair<qint64, qint64>> periods;
    bool accrues() const { return !periods.isEmpty(); }
    // For `face` dollars of face, exactly, to the nearest cent.
    qint64 cents(Quantity face) const;
};
Accrual accrual(const Instrument &instrument, QDate settle);
qint64 accruedInterestCents(const Instrument &instrument, Quantity face, QDate settle);
double accruedPer100(const Instrument &instrument, QDate settle);

// Dollar value of one basis point of yield for one unit of face (so × 1,000,000 for DV01 per
// 1mm), at a clean price, settling on `settle`. Treasuries only; nullopt otherwise.
std::optional<double> dv01PerUnitFace(const Instrument &instrument, Price cleanPrice, QDate settle);

// Yield to maturity (percent, semiannual street convention for coupons; bond-equivalent for bills).
std::optional<double> yieldPercent(const Instrument &instrument, Price cleanPrice, QDate settle);
// The clean price for a yield (percent), in the instrument's price units (not rounded to a tick).
std::optional<double> priceForYield(const Instrument &instrument, double yieldPct, QDate settle);

} // namespace instant::analytics
