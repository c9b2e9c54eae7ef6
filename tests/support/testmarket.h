#pragma once

#include "common/clock.h"
#include "demo/demomarket.h"

#include <QDate>

namespace instant::test {

// The market the tests trade in: the demo market of Friday 20 November 2026, whatever the
// machine's date is. A test that means to try another date says which.
inline const QDate MarketDate(2026, 11, 20);
inline const TimestampUs MarketOpenUs = 1795185000000000; // 2026-11-20 14:30 UTC

inline ReferenceData market()
{
    return DemoMarket::referenceData(MarketDate);
}

} // namespace instant::test
