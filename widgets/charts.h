#pragma once

#include "venue/venue.h"

#include <QHash>
#include <QWidget>

class QChart;
class QChartView;
class QCandlestickSeries;
class QBarSeries;
class QBarSet;
class QLineSeries;
class QValueAxis;
class QDateTimeAxis;
class QBarCategoryAxis;
class QTabWidget;
class QLabel;
class QAreaSeries;
class QCheckBox;
class QSpinBox;
class QDoubleSpinBox;

namespace instant {

class ReferenceData;
class TradingEngine;
class MarketWatchModel;
class HoldingsModel;

// Charts (Qt Charts): one-minute candles with volume for the selected instrument, the intraday
// P&L of the book, and the Treasury yield curve from the on-the-run issues.
// Technical indicators (core/analytics/indicators.h) the trader switches on over the candles:
// SMA, EMA, VWAP and Bollinger bands on the price pane, RSI in a pane of its own with its 30 and
// 70 lines; periods editable; the choices kept in the settings (Charts/Indicators). They are
// computed again each time bars close.
class Charts : public QWidget
{
    Q_OBJECT

public:
    enum class Indicator { Sma, Ema, Vwap, Bollinger, Rsi };

    Charts(TradingEngine *engine, const ReferenceData &reference, const MarketWatchModel *marks, const HoldingsModel *holdings,
           QWidget *parent = nullptr);

    void setInstrument(const QString &instrument);
    void addBars(const QList<Bar> &bars);
    void refreshYieldCurve(); // priced on the engine's thread: drawn when it answers (yieldCurveDrawn)
    void samplePnl();
    int candleCount() const;
    QList<QPointF> yieldCurve() const; // (years to maturity, yield %)
    int pnlPoints() const;
    QString instrument() const { return m_instrument; }

    void setIndicatorShown(Indicator indicator, bool shown);
    bool indicatorShown(Indicator indicator) const;
    void setIndicatorPeriod(Indicator indicator, int period); // not VWAP
    int indicatorPeriod(Indicator indicator) const;
    // What an indicator plots, (ms since the epoch, quoted price or RSI); Bollinger: the middle.
    QList<QPointF> indicatorPoints(Indicator indicator) const;
    QList<QPointF> bollingerBand(bool upper) const;

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void yieldCurveDrawn();

private:
    void drawYieldCurve(const QList<QPointF> &points);
    void applyPalette(); // the charts' backgrounds, labels and grid follow the theme
    void rebuildCandles();
    void buildIndicatorBar(QWidget *bar);
    void loadIndicatorChoices();
    void saveIndicatorChoices() const;
    void applyIndicatorChoices(); // visibility and names, then the values
    void alignRsiPane();


    const ReferenceData &m_reference;
    TradingEngine *m_engine; // the market's clock: the yield curve's settlement date, the P&L's time axis
    const MarketWatchModel *m_marks;
    const HoldingsModel *m_holdings;
    QString m_instrument;
    QHash<QString, QList<Bar>> m_bars; // per instrument, in time order, at most a day
    QTabWidget *m_tabs;
    QChart *m_candleChart;
    QCandlestickSeries *m_candles;
    QBarSeries *m_volume;
    QBarSet *m_volumeSet;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_priceAxis;
    QValueAxis *m_volumeAxis;
    QBarCategoryAxis *m_volumeCategories;
    QLineSeries *m_pnl;
    QDateTimeAxis *m_pnlTime;
    QValueAxis *m_pnlValue;
    QLineSeries *m_curve;
    QValueAxis *m_curveX;
    QValueAxis *m_curveY;
    struct Toggle
    {
        QCheckBox *shown = nullptr;
        QSpinBox *period = nullptr;
    };
    QHash<int, Toggle> m_toggles; // by Indicator
    QDoubleSpinBox *m_bandWidth = nullptr;
    QLineSeries *m_sma;
    QLineSeries *m_ema;
    QLineSeries *m_vwap;
    QLineSeries *m_bandMiddle;
    QLineSeries *m_bandUpper;
    QLineSeries *m_bandLower;
    QAreaSeries *m_band;
    QChart *m_rsiChart;
    QChartView *m_rsiView = nullptr;
    QLineSeries *m_rsi;
    QLineSeries *m_rsiHigh;
    QLineSeries *m_rsiLow;
    QAreaSeries *m_rsiZone;
    QDateTimeAxis *m_rsiTime;
    QValueAxis *m_rsiAxis;
    bool m_loading = false;
    QLabel *m_candleTitle = nullptr;
    QList<QChart *> m_charts;
};

} // namespace instant
