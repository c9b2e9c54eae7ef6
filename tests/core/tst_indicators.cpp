// Technical indicators checked against published worked examples (StockCharts ChartSchool
// spreadsheets, Wilder's RSI series) and against small series worked by hand.

#include "analytics/indicators.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace instant;
using namespace instant::analytics;

namespace {

// StockCharts "Moving Averages - Simple and Exponential", Intel, 24-Mar-10 to 5-May-10.
const QList<double> IntelCloses{22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29,
                                22.15, 22.39, 22.38, 22.61, 23.36, 24.05, 23.75, 23.83, 23.95, 23.63,
                                23.82, 23.87, 23.65, 23.19, 23.10, 23.33, 22.68, 23.10, 22.40, 22.17};
// Published 10-day SMA and EMA, from the tenth close on.
const QList<double> IntelSma10{22.22, 22.21, 22.23, 22.26, 22.31, 22.42, 22.61, 22.77, 22.91, 23.08, 23.21,
                               23.38, 23.53, 23.65, 23.71, 23.69, 23.61, 23.51, 23.43, 23.28, 23.13};
const QList<double> IntelEma10{22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.80, 22.97, 23.13, 23.28, 23.34,
                               23.43, 23.51, 23.54, 23.47, 23.40, 23.39, 23.26, 23.23, 23.08, 22.92};

// StockCharts "Bollinger Bands", SPY (20, 2), 29-May-09 to 30-Jun-09.
const QList<double> SpyCloses{90.70, 92.90, 92.98, 91.80, 92.66, 92.68, 92.30, 92.77, 92.54, 92.95, 93.20, 91.07,
                              89.83, 89.74, 90.40, 90.74, 88.02, 88.09, 88.84, 90.78, 90.54, 91.39, 90.65};

// Wilder's RSI series as StockCharts reproduces it (QQQQ, 14-Dec-09 to 1-Feb-10).
const QList<double> WilderCloses{44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89,
                                 46.03, 45.61, 46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25,
                                 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66, 43.13};
// The published 14-day RSI from the fifteenth close on. The table rounds its running averages
// to two decimals, so the exact values differ from it by up to about 0.07.
const QList<double> WilderRsi14{70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38,
                                54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.30, 33.08, 37.77};

// The spreadsheets print closes and results to two decimals: up to 0.005 from the rounded
// inputs plus 0.005 from the printed result.
constexpr double Printed = 0.0101;

int firstDefined(const IndicatorSeries &series)
{
    for (int i = 0; i < series.size(); ++i)
        if (series.at(i))
            return i;
    return -1;
}

Bar bar(const QDateTime &start, qint64 high, qint64 low, qint64 close, qint64 volume)
{
    return Bar{QStringLiteral("TEST"), start.toMSecsSinceEpoch() * 1000, Price(close), Price(high), Price(low), Price(close),
               Quantity(volume)};
}

QDateTime utc(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc());
}

} // namespace

class TestIndicators : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smaByHand()
    {
        const IndicatorSeries out = sma({1, 2, 3, 4, 5}, 3);
        QCOMPARE(out.size(), 5);
        QVERIFY(!out[0] && !out[1]);
        QCOMPARE(*out[2], 2.0); // (1+2+3)/3
        QCOMPARE(*out[3], 3.0);
        QCOMPARE(*out[4], 4.0);
    }

    void smaPublishedIntel()
    {
        const IndicatorSeries out = sma(IntelCloses, 10);
        QCOMPARE(out.size(), IntelCloses.size());
        QCOMPARE(firstDefined(out), 9);
        for (int i = 0; i < IntelSma10.size(); ++i)
            QVERIFY2(std::abs(*out[9 + i] - IntelSma10[i]) <= Printed, qPrintable(QStringLiteral("index %1: %2").arg(9 + i).arg(*out[9 + i])));
    }

    void emaByHand()
    {
        // Multiplier 2/(3+1) = 0.5; seed (1+2+3)/3 = 2; 2 + 0.5 × (10 - 2) = 6; 6 + 0.5 × (4 - 6) = 5.
        const IndicatorSeries out = ema({1, 2, 3, 10, 4}, 3);
        QVERIFY(!out[0] && !out[1]);
        QCOMPARE(*out[2], 2.0);
        QCOMPARE(*out[3], 6.0);
        QCOMPARE(*out[4], 5.0);
    }

    void emaPublishedIntel()
    {
        const IndicatorSeries out = ema(IntelCloses, 10);
        QCOMPARE(firstDefined(out), 9);
        for (int i = 0; i < IntelEma10.size(); ++i)
            QVERIFY2(std::abs(*out[9 + i] - IntelEma10[i]) <= Printed, qPrintable(QStringLiteral("index %1: %2").arg(9 + i).arg(*out[9 + i])));
    }

    void rsiWilderFirstValuesByHand()
    {
        const IndicatorSeries out = rsi(WilderCloses); // 14 by default
        QCOMPARE(out.size(), WilderCloses.size());
        QCOMPARE(firstDefined(out), 14);
        // The first 14 changes: gains 0.06 0.72 0.50 0.27 0.32 0.42 0.24 0.14 0.67 = 3.34,
        // losses 0.25 0.54 0.19 0.42 = 1.40; RS = 3.34 / 1.40; RSI = 100 × 3.34 / 4.74 = 70.46414.
        QVERIFY(std::abs(*out[14] - 70.46414) < 1e-4);
        // Next change -0.28: gain 3.34 × 13 / 196, loss (1.30 + 0.28) / 14, so RS = 43.42 / 22.12
        // and RSI = 100 × 43.42 / 65.54 = 66.24962.
        QVERIFY(std::abs(*out[15] - 66.24962) < 1e-4);
    }

    void rsiPublishedWilder()
    {
        const IndicatorSeries out = rsi(WilderCloses, 14);
        for (int i = 0; i < WilderRsi14.size(); ++i)
            QVERIFY2(std::abs(*out[14 + i] - WilderRsi14[i]) < 0.1, qPrintable(QStringLiteral("index %1: %2").arg(14 + i).arg(*out[14 + i])));
    }

    void rsiEdges()
    {
        // A flat series has neither gains nor losses: 50 by our definition.
        const IndicatorSeries flat = rsi(QList<double>(30, 99.5), 14);
        QCOMPARE(*flat[14], 50.0);
        QCOMPARE(*flat[29], 50.0);
        QList<double> rising, falling;
        for (int i = 0; i < 20; ++i) {
            rising << 100.0 + i;
            falling << 100.0 - i;
        }
        QCOMPARE(*rsi(rising, 14)[19], 100.0);
        QCOMPARE(*rsi(falling, 14)[19], 0.0);
        // Needs period + 1 values.
        QCOMPARE(firstDefined(rsi(rising.mid(0, 14), 14)), -1);
        QCOMPARE(firstDefined(rsi(rising.mid(0, 15), 14)), 14);
        // Period 2 by hand: changes +1, -1, +2, 0: gain 1/2, loss 1/2 → 50; gain (1/2 + 2)/2 = 5/4,
        // loss 1/4 → RS 5 → 100 - 100/6; gain 5/8, loss 1/8 → the same.
        const IndicatorSeries two = rsi({10, 11, 10, 12, 12}, 2);
        QCOMPARE(*two[2], 50.0);
        QVERIFY(std::abs(*two[3] - (100.0 - 100.0 / 6.0)) < 1e-12);
        QVERIFY(std::abs(*two[4] - (100.0 - 100.0 / 6.0)) < 1e-12);
    }

    void bollingerByHand()
    {
        // 2 4 4 4 5 5 7 9: mean 5, squared deviations 32, population deviation sqrt(32 / 8) = 2
        // (the sample deviation would be 2.138); the next window 4 4 4 5 5 7 9 2 is the same.
        const BollingerBands b = bollinger({2, 4, 4, 4, 5, 5, 7, 9, 2}, 8, 2);
        QCOMPARE(firstDefined(b.middle), 7);
        QCOMPARE(firstDefined(b.upper), 7);
        QCOMPARE(firstDefined(b.lower), 7);
        for (int i : {7, 8}) {
            QVERIFY(std::abs(*b.middle[i] - 5) < 1e-12);
            QVERIFY(std::abs(*b.upper[i] - 9) < 1e-12);
            QVERIFY(std::abs(*b.lower[i] - 1) < 1e-12);
        }
        const BollingerBands narrow = bollinger({2, 4, 4, 4, 5, 5, 7, 9}, 8, 1.5);
        QVERIFY(std::abs(*narrow.upper[7] - 8) < 1e-12);
        QVERIFY(std::abs(*narrow.lower[7] - 2) < 1e-12);
    }

    void bollingerPublishedSpy()
    {
        const BollingerBands b = bollinger(SpyCloses); // 20, 2
        QCOMPARE(firstDefined(b.middle), 19);
        const QList<double> middle{91.25, 91.24, 91.17, 91.05};
        const QList<double> upper{94.53, 94.53, 94.37, 94.15};
        const QList<double> lower{87.97, 87.95, 87.96, 87.95};
        for (int i = 0; i < 4; ++i) {
            QVERIFY2(std::abs(*b.middle[19 + i] - middle[i]) <= Printed, qPrintable(QString::number(*b.middle[19 + i])));
            // The bands carry the rounding of the mean and twice that of the deviation.
            QVERIFY2(std::abs(*b.upper[19 + i] - upper[i]) <= 0.02, qPrintable(QString::number(*b.upper[19 + i])));
            QVERIFY2(std::abs(*b.lower[19 + i] - lower[i]) <= 0.02, qPrintable(QString::number(*b.lower[19 + i])));
        }
        // A flat series has no width.
        const BollingerBands flat = bollinger(QList<double>(25, 98765.43));
        QCOMPARE(*flat.upper[24], 98765.43);
        QCOMPARE(*flat.lower[24], 98765.43);
    }

    void periodLongerThanTheSeries()
    {
        const QList<double> two{1, 2};
        for (const IndicatorSeries &s : {sma(two, 3), ema(two, 3), rsi(two, 3), bollinger(two, 3).middle, bollinger(two, 3).upper}) {
            QCOMPARE(s.size(), 2);
            QCOMPARE(firstDefined(s), -1);
        }
        QCOMPARE(firstDefined(sma(two, 0)), -1);
        QCOMPARE(firstDefined(ema(two, -1)), -1);
        QVERIFY(sma({}, 3).isEmpty());
        // Exactly the period: one value, the EMA's being the SMA seed.
        QCOMPARE(*ema({1, 2, 6}, 3)[2], 3.0);
    }

    void vwapByHand()
    {
        // Prices in cents. Typical prices (H + L + C) / 3:
        //  09:30 1050 950 1000 ×100 → 1000;        Σpv 100 000, Σv 100 → 1000
        //  09:31 1100 1000 1075 ×300 → 3175/3;      Σpv 417 500, Σv 400 → 1043.75
        //  09:32 1120 1060 1100 ×0 (no trades)  →  unchanged          → 1043.75
        //  09:33 1200 1100 1150 ×200 → 1150;        Σpv 647 500, Σv 600 → 1079.1667
        //  next day 2000 1800 1900 ×50 → 1900: a new session → 1900,
        //  or, never reset, Σpv 742 500, Σv 650 → 1142.3077.
        const QList<Bar> bars{bar(utc(20, 14, 30), 1050, 950, 1000, 100), bar(utc(20, 14, 31), 1100, 1000, 1075, 300),
                              bar(utc(20, 14, 32), 1120, 1060, 1100, 0), bar(utc(20, 14, 33), 1200, 1100, 1150, 200),
                              bar(utc(21, 14, 30), 2000, 1800, 1900, 50)};
        const IndicatorSeries daily = vwap(bars);
        QCOMPARE(daily.size(), 5);
        QVERIFY(std::abs(*daily[0] - 1000.0) < 1e-9);
        QVERIFY(std::abs(*daily[1] - 1043.75) < 1e-9);
        QVERIFY(std::abs(*daily[2] - 1043.75) < 1e-9);
        QVERIFY(std::abs(*daily[3] - 647500.0 / 600.0) < 1e-9);
        QVERIFY(std::abs(*daily[4] - 1900.0) < 1e-9);
        const IndicatorSeries whole = vwap(bars, VwapReset::Never);
        QVERIFY(std::abs(*whole[4] - 742500.0 / 650.0) < 1e-9);
    }

    void vwapZeroVolumeAndSessionStart()
    {
        // No volume yet in the session: undefined, not zero, not the typical price.
        const QList<Bar> quiet{bar(utc(20, 13, 0), 1010, 990, 1000, 0), bar(utc(20, 13, 1), 1030, 1010, 1020, 10)};
        const IndicatorSeries out = vwap(quiet);
        QVERIFY(!out[0]);
        QVERIFY(std::abs(*out[1] - 1020.0) < 1e-9);
        // A session starting at 13:30 UTC: a bar at 13:00 belongs to the day before, 14:00 starts afresh.
        const QList<Bar> across{bar(utc(20, 13, 0), 1000, 1000, 1000, 10), bar(utc(20, 14, 0), 1200, 1200, 1200, 10)};
        QVERIFY(std::abs(*vwap(across, VwapReset::Daily, 13 * 60 + 30)[1] - 1200.0) < 1e-9);
        QVERIFY(std::abs(*vwap(across, VwapReset::Daily, 0)[1] - 1100.0) < 1e-9);
    }

    void closesInPriceUnits()
    {
        const QList<Bar> bars{bar(utc(20, 14, 30), 1050, 950, 1000, 100), bar(utc(20, 14, 31), 1100, 1000, 1075, 300)};
        QCOMPARE(closingPrices(bars), (QList<double>{1000, 1075}));
    }
};

QTEST_MAIN(TestIndicators)
#include "tst_indicators.moc"
