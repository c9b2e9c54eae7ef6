// The chart's indicator overlays: plotted from the closed bars in quoted prices, switched on and
// off by the trader, periods editable, the choices kept in the settings.

#include "charts.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QCheckBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QAbstractAxis>
#include <QChartView>
#include <QLegend>
#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace instant;

namespace {

// AAPL one-minute bars (cents) closing 100.00, 101.00, 102.50, 101.50, 103.00, each of 100 shares
// with high = close + 0.50 and low = close - 0.50, so the typical price is the close.
QList<Bar> bars()
{
    const qint64 start = QDateTime(QDate(2026, 11, 20), QTime(14, 30), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
    QList<Bar> out;
    const qint64 closes[] = {10000, 10100, 10250, 10150, 10300};
    for (int i = 0; i < 5; ++i)
        out << Bar{QStringLiteral("AAPL"), start + i * 60'000'000LL, Price(closes[i]), Price(closes[i] + 50),
                   Price(closes[i] - 50), Price(closes[i]), Quantity(100)};
    return out;
}

} // namespace

class TestChartIndicators : public QObject
{
    Q_OBJECT

    const ReferenceData reference = test::market();

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_chartindicators"));
        QSettings().clear();
    }

    void overlaysFromTheBars()
    {
        Charts charts(nullptr, reference, nullptr, nullptr);
        charts.setInstrument(QStringLiteral("AAPL"));
        charts.setIndicatorPeriod(Charts::Indicator::Sma, 3);
        charts.setIndicatorShown(Charts::Indicator::Sma, true);
        charts.setIndicatorShown(Charts::Indicator::Vwap, true);
        charts.addBars(bars());
        QCOMPARE(charts.candleCount(), 5);
        // SMA 3 from the third bar: (100 + 101 + 102.5) / 3, (101 + 102.5 + 101.5) / 3, (102.5 + 101.5 + 103) / 3.
        const QList<QPointF> sma = charts.indicatorPoints(Charts::Indicator::Sma);
        QCOMPARE(sma.size(), 3);
        QVERIFY(qAbs(sma[0].y() - 303.5 / 3) < 1e-9);
        QVERIFY(qAbs(sma[1].y() - 305.0 / 3) < 1e-9);
        QVERIFY(qAbs(sma[2].y() - 307.0 / 3) < 1e-9);
        QCOMPARE(qint64(sma[0].x()), bars().at(2).startUs / 1000);
        // VWAP with equal volumes is the running mean of the closes: 100, 100.5, 101.1667, 101.25, 101.6.
        const QList<QPointF> vwap = charts.indicatorPoints(Charts::Indicator::Vwap);
        QCOMPARE(vwap.size(), 5);
        QVERIFY(qAbs(vwap[4].y() - 101.6) < 1e-9);
        QVERIFY(qAbs(vwap[2].y() - 303.5 / 3) < 1e-9);

        // Switched off: nothing plotted. Bollinger on: three lines.
        charts.setIndicatorShown(Charts::Indicator::Sma, false);
        QVERIFY(charts.indicatorPoints(Charts::Indicator::Sma).isEmpty());
        charts.setIndicatorPeriod(Charts::Indicator::Bollinger, 5);
        charts.setIndicatorShown(Charts::Indicator::Bollinger, true);
        // Mean 101.6; deviations -1.6 -0.6 0.9 -0.1 1.4, squares 2.56 0.36 0.81 0.01 1.96 = 5.7,
        // population deviation sqrt(1.14); bands 101.6 ± 2 × 1.067708.
        QCOMPARE(charts.indicatorPoints(Charts::Indicator::Bollinger).size(), 1);
        QVERIFY(qAbs(charts.bollingerBand(true).at(0).y() - (101.6 + 2 * std::sqrt(1.14))) < 1e-9);
        QVERIFY(qAbs(charts.bollingerBand(false).at(0).y() - (101.6 - 2 * std::sqrt(1.14))) < 1e-9);

        // A bar closing later updates the overlays (live).
        Bar next = bars().last();
        next.startUs += 60'000'000LL;
        next.close = Price(10400);
        next.high = Price(10450);
        next.low = Price(10350);
        charts.addBars({next});
        QCOMPARE(charts.indicatorPoints(Charts::Indicator::Vwap).size(), 6);
        QVERIFY(qAbs(charts.indicatorPoints(Charts::Indicator::Vwap).last().y() - 612.0 / 6) < 1e-9);
    }

    void rsiHasItsOwnPane()
    {
        Charts charts(nullptr, reference, nullptr, nullptr);
        charts.resize(900, 600);
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        charts.setInstrument(QStringLiteral("AAPL"));
        charts.setIndicatorPeriod(Charts::Indicator::Rsi, 2);
        charts.setIndicatorShown(Charts::Indicator::Rsi, true);
        charts.addBars(bars());
        // Period 2: changes +1, +1.5, -1, +1.5. First: gain 1.25, loss 0 → 100; then gain 0.625,
        // loss 0.5 → RS 1.25 → 55.5556; then gain 1.0625, loss 0.25 → RS 4.25 → 80.9524.
        const QList<QPointF> rsi = charts.indicatorPoints(Charts::Indicator::Rsi);
        QCOMPARE(rsi.size(), 3);
        QCOMPARE(rsi[0].y(), 100.0);
        QVERIFY(qAbs(rsi[1].y() - 100.0 * 1.25 / 2.25) < 1e-9);
        QVERIFY(qAbs(rsi[2].y() - 100.0 * 4.25 / 5.25) < 1e-9);
        QChartView *rsiPane = nullptr;
        for (QChartView *v : charts.findChildren<QChartView *>())
            if (v->chart()->axes(Qt::Vertical).size() == 1 && v->chart()->series().size() == 4)
                rsiPane = v;
        QVERIFY(rsiPane);
        QVERIFY(rsiPane->isVisible());
        charts.setIndicatorShown(Charts::Indicator::Rsi, false);
        QVERIFY(!rsiPane->isVisible());
    }

    // A dark theme: every chart's background, labels and legend follow the palette.
    void chartsFollowTheTheme()
    {
        Charts charts(nullptr, reference, nullptr, nullptr);
        QPalette dark = charts.palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        charts.setPalette(dark);
        const QList<QChartView *> views = charts.findChildren<QChartView *>();
        QCOMPARE(views.size(), 5);
        for (QChartView *view : views) {
            QCOMPARE(view->chart()->backgroundBrush().color(), QColor(0x1e, 0x1f, 0x22));
            QCOMPARE(view->chart()->legend()->labelColor(), QColor(0xe6, 0xe6, 0xe6));
            for (QAbstractAxis *axis : view->chart()->axes())
                QCOMPARE(axis->labelsBrush().color(), QColor(0xe6, 0xe6, 0xe6));
        }
    }

    void choicesAreRemembered()
    {
        {
            Charts charts(nullptr, reference, nullptr, nullptr);
            charts.setIndicatorShown(Charts::Indicator::Ema, true);
            charts.setIndicatorPeriod(Charts::Indicator::Ema, 34);
            charts.setIndicatorShown(Charts::Indicator::Sma, false);
            // As the trader does it: the check box and the spin box in the indicator bar.
            charts.findChild<QSpinBox *>(QStringLiteral("period-rsi"))->setValue(21);
            charts.findChild<QCheckBox *>(QStringLiteral("show-vwap"))->setChecked(false);
        }
        Charts charts(nullptr, reference, nullptr, nullptr);
        QVERIFY(charts.indicatorShown(Charts::Indicator::Ema));
        QCOMPARE(charts.indicatorPeriod(Charts::Indicator::Ema), 34);
        QVERIFY(!charts.indicatorShown(Charts::Indicator::Sma));
        QVERIFY(!charts.indicatorShown(Charts::Indicator::Vwap));
        QCOMPARE(charts.indicatorPeriod(Charts::Indicator::Rsi), 21);
    }
};

QTEST_MAIN(TestChartIndicators)
#include "tst_chartindicators.moc"
