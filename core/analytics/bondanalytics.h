#pragma once

#include "refdata/instrument.h"

#include <QDate>

#include <optional>

namespace instant::analytics {

// The settlement date of a trade: T+1 business day on the US government-bond calendar for
// Treasuries, the NYSE calendar for stocks and options (QuantLib calendars).
QDate settlementDate(const Instrument &instrument, QDate tradeDate);
bool isBusinessDay(const Instrument &instrument, QDate date);
QDate nextBusinessDay(const Instrument &instrument, QDate date);

// Dollar value of one basis point of yield for one unit of face (so × 1,000,000 for DV01 per
// 1mm), at a clean price, settling on `settle`. Treasuries only; nullopt otherwise.
std::optional<double> dv01PerUnitFace(const Instrument &instrument, Price cleanPrice, QDate settle);

// Yield to maturity (percent, semiannual street convention for coupons; bond-equivalent for bills).
std::optional<double> yieldPercent(const Instrument &instrument, Price cleanPrice, QDate settle);
// The clean price for a yield (percent), in the instrument's price units (not rounded to a tick).
std::optional<double> priceForYield(const Instrument &instrument, double yieldPct, QDate settle);

} // namespace instant::analytics
