#pragma once

#include "marketdata/marketdata.h"

#include <QList>

#include <optional>

// Technical indicators for the chart: pure functions over a series of values (closes) or bars,
// oldest first. Every result has one entry per input, aligned with it; an entry is std::nullopt
// while the indicator is not yet defined (the warm-up), never a made-up zero.
//
// The functions are unit-free: they are linear (SMA, EMA, Bollinger, VWAP) or scale-free (RSI),
// so they can run on integer price units (Price::value()) and be converted for display after.
namespace instant::analytics {

using IndicatorSeries = QList<std::optional<double>>;

// Simple moving average of the last `period` values; defined from index period - 1.
IndicatorSeries sma(const QList<double> &values, int period);

// Exponential moving average with the multiplier 2 / (period + 1), seeded with the SMA of the
// first `period` values (the usual convention, e.g. StockCharts and TA-Lib), so it is defined
// from index period - 1, where it equals the SMA.
IndicatorSeries ema(const QList<double> &values, int period);

// Wilder's relative strength index (New Concepts in Technical Trading Systems, 1978). The first
// average gain and loss are the simple means of the first `period` changes, so the first value
// is at index `period`; after that each average is (previous × (period - 1) + current) / period.
// RSI = 100 - 100 / (1 + average gain / average loss). With no losses it is 100, with no gains 0;
// with neither (a flat series) it is 50: no momentum either way.
IndicatorSeries rsi(const QList<double> &values, int period = 14);

// Bollinger bands: the SMA of `period` values ± k × their population standard deviation
// (divided by period, not period - 1, as Bollinger defines it). 20 and 2 by default.
struct BollingerBands
{
    IndicatorSeries middle;
    IndicatorSeries upper;
    IndicatorSeries lower;
};
BollingerBands bollinger(const QList<double> &values, int period = 20, double k = 2.0);

// Volume-weighted average price: cumulative Σ(typical price × volume) / Σ volume, the typical
// price of a bar being (high + low + close) / 3, in price units. With `VwapReset::Daily` the sums
// start again with the first bar of each session, a session starting every day at
// `sessionStartMinuteUtc` (0 = midnight UTC; 810 = 13:30 UTC, the NYSE open in summer). While
// the session has traded no volume yet the VWAP is undefined.
enum class VwapReset { Never, Daily };
IndicatorSeries vwap(const QList<Bar> &bars, VwapReset reset = VwapReset::Daily, int sessionStartMinuteUtc = 0);

// The closes of `bars` in price units, the input the value-based indicators take.
QList<double> closingPrices(const QList<Bar> &bars);

} // namespace instant::analytics
