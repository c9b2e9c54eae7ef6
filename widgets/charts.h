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

namespace instant {

class ReferenceData;
class TradingEngine;
class MarketWatchModel;
class HoldingsModel;

// Charts (Qt Charts): one-minute candles with volume for the selected instrument, the intraday
// P&L of the book, and the Treasury yield curve from the on-the-run issues.
class Charts : public QWidget
{
    Q_OBJECT

public:
    Charts(TradingEngine *engine, const ReferenceData &reference, const MarketWatchModel *marks, const HoldingsModel *holdings,
           QWidget *parent = nullptr);

    void setInstrument(const QString &instrument);
    void addBars(const QList<Bar> &bars);
    void refreshYieldCurve();
    void samplePnl();
    int candleCount() const;
    QList<QPointF> yieldCurve() const; // (years to maturity, yield %)
    int pnlPoints() const;

private:
    void rebuildCandles();

    const ReferenceData &m_reference;
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
};

} // namespace instant
