#include "analytics/indicators.h"

#include <cmath>

namespace instant::analytics {

namespace {

IndicatorSeries undefined(qsizetype size)
{
    return IndicatorSeries(size, std::nullopt);
}

// The mean of values[end - period + 1 .. end], summed afresh for each window: a chart holds at
// most a day of minutes, and a fresh sum cannot drift the way a running one does.
double windowMean(const QList<double> &values, qsizetype end, int period)
{
    double sum = 0;
    for (qsizetype j = end - period + 1; j <= end; ++j)
        sum += values.at(j);
    return sum / period;
}

} // namespace

IndicatorSeries sma(const QList<double> &values, int period)
{
    IndicatorSeries out = undefined(values.size());
    if (period < 1)
        return out;
    for (qsizetype i = period - 1; i < values.size(); ++i)
        out[i] = windowMean(values, i, period);
    return out;
}

IndicatorSeries ema(const QList<double> &values, int period)
{
    IndicatorSeries out = undefined(values.size());
    if (period < 1 || values.size() < period)
        return out;
    const double alpha = 2.0 / (period + 1.0);
    double value = windowMean(values, period - 1, period);
    out[period - 1] = value;
    for (qsizetype i = period; i < values.size(); ++i) {
        value += alpha * (values.at(i) - value);
        out[i] = value;
    }
    return out;
}

IndicatorSeries rsi(const QList<double> &values, int period)
{
    IndicatorSeries out = undefined(values.size());
    if (period < 1 || values.size() <= period)
        return out;
    auto strength = [](double gain, double loss) {
        if (loss == 0)
            return gain == 0 ? 50.0 : 100.0;
        return 100.0 - 100.0 / (1.0 + gain / loss);
    };
    double gain = 0, loss = 0;
    for (qsizetype i = 1; i <= period; ++i) {
        const double change = values.at(i) - values.at(i - 1);
        gain += std::max(change, 0.0);
        loss += std::max(-change, 0.0);
    }
    gain /= period;
    loss /= period;
    out[period] = strength(gain, loss);
    for (qsizetype i = period + 1; i < values.size(); ++i) {
        const double change = values.at(i) - values.at(i - 1);
        gain = (gain * (period - 1) + std::max(change, 0.0)) / period;
        loss = (loss * (period - 1) + std::max(-change, 0.0)) / period;
        out[i] = strength(gain, loss);
    }
    return out;
}

BollingerBands bollinger(const QList<double> &values, int period, double k)
{
    BollingerBands bands{undefined(values.size()), undefined(values.size()), undefined(values.size())};
    if (period < 1)
        return bands;
    for (qsizetype i = period - 1; i < values.size(); ++i) {
        const double mean = windowMean(values, i, period);
        double squares = 0;
        for (qsizetype j = i - period + 1; j <= i; ++j)
            squares += (values.at(j) - mean) * (values.at(j) - mean);
        const double deviation = std::sqrt(squares / period);
        bands.middle[i] = mean;
        bands.upper[i] = mean + k * deviation;
        bands.lower[i] = mean - k * deviation;
    }
    return bands;
}

IndicatorSeries vwap(const QList<Bar> &bars, VwapReset reset, int sessionStartMinuteUtc)
{
    IndicatorSeries out = undefined(bars.size());
    constexpr qint64 DayUs = 24LL * 60 * 60 * 1'000'000;
    const qint64 offsetUs = qint64(sessionStartMinuteUtc) * 60 * 1'000'000;
    auto sessionOf = [&](TimestampUs t) -> qint64 {
        if (reset == VwapReset::Never)
            return 0;
        const qint64 sinceStart = t - offsetUs; // floor division: a bar before 1970 still has its day
        return sinceStart / DayUs - (sinceStart % DayUs < 0 ? 1 : 0);
    };
    double priceVolume = 0, volume = 0;
    qint64 session = 0;
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const Bar &b = bars.at(i);
        const qint64 s = sessionOf(b.startUs);
        if (i == 0 || s != session) {
            session = s;
            priceVolume = 0;
            volume = 0;
        }
        const double typical = (double(b.high.value()) + double(b.low.value()) + double(b.close.value())) / 3.0;
        const double v = double(b.volume.value());
        priceVolume += typical * v;
        volume += v;
        if (volume > 0)
            out[i] = priceVolume / volume;
    }
    return out;
}

QList<double> closingPrices(const QList<Bar> &bars)
{
    QList<double> closes;
    closes.reserve(bars.size());
    for (const Bar &b : bars)
        closes.append(double(b.close.value()));
    return closes;
}

} // namespace instant::analytics
