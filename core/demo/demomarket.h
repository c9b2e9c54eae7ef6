#pragma once

#include "refdata/referencedata.h"

#include <QDate>

namespace instant {

// The simulated market of demo mode on a given trading date, generated from the date alone: the
// same date gives the same instruments, prices and curve on any machine, in any year.
//
// - A Treasury curve that drifts with the date (smooth, bounded, 2.5% to 7%).
// - Treasuries after the Treasury's auction calendar (analytics/treasurycalendar.h): for each of
//   4, 6, 8, 13, 17, 26 and 52-week bills, 2, 3, 5, 7 and 10-year notes and 20 and 30-year bonds,
//   the on-the-run security ("UST 10Y") and the one before it ("UST 10Y OLD"); a new issue's coupon
//   is the curve's yield on its auction date rounded down to 1/8, as the Treasury sets it.
// - Twenty stocks whose prices drift with the date.
// - Listed options on AAPL, MSFT and NVDA for every expiry listed that day (next three monthlies,
//   two quarterlies, weeklies for the nearest four Fridays): five strikes around the underlying's
//   price on monthly and quarterly expiries, three on weeklies.
// - Three accounts.
class DemoMarket
{
public:
    // The dates the demo market is made for: 2001 to 2099 (its CUSIPs number issues from 2000).
    static bool covers(QDate date) { return date.isValid() && date.year() >= 2001 && date.year() <= 2099; }
    // The session the demo venue opens on a date: the date when both markets are open, otherwise
    // the next day they are.
    static QDate sessionDate(QDate date);
    // The instruments and accounts of the market on `date`'s session.
    static ReferenceData referenceData(QDate date);

    // The simulated curve: the yield (percent, bond-equivalent) of `years` to maturity on `date`.
    static double yieldPercent(QDate date, double years);
    // A stock's reference price on `date` (in dollars); 0 for a ticker not in the set.
    static double stockPrice(const QString &ticker, QDate date);
};

} // namespace instant
