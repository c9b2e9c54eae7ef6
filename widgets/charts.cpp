#include "charts.h"

#include "analytics/bondanalytics.h"
#include "engine/tradingengine.h"
#include "marketwatch.h"
#include "refdata/referencedata.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSplitter>
#include <QTabWidget>
#include <QTimeZone>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

namespace instant {

namespace {

QChartView *viewOf(QChart *chart, QWidget *parent)
{
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    return view;
}

} // namespace

Charts::Charts(TradingEngine *engine, const ReferenceData &reference, const MarketWatchModel *marks, const HoldingsModel *holdings,
               QWidget *parent)
    : QWidget(parent), m_reference(reference), m_marks(marks), m_holdings(holdings), m_tabs(new QTabWidget(this)),
      m_candleChart(new QChart), m_candles(new QCandlestickSeries), m_volume(new QBarSeries), m_volumeSet(new QBarSet(tr("Volume"))),
      m_timeAxis(new QDateTimeAxis), m_priceAxis(new QValueAxis), m_volumeAxis(new QValueAxis),
      m_volumeCategories(new QBarCategoryAxis), m_pnl(new QLineSeries), m_pnlTime(new QDateTimeAxis), m_pnlValue(new QValueAxis),
      m_curve(new QLineSeries), m_curveX(new QValueAxis), m_curveY(new QValueAxis)
{
    setObjectName(QStringLiteral("Charts"));
    // Candles above, volume below, on the same minutes.
    m_candles->setIncreasingColor(QColor(0x2e, 0x7d, 0x32));
    m_candles->setDecreasingColor(QColor(0xc6, 0x28, 0x28));
    m_candles->setBodyWidth(0.7);
    m_candleChart->addSeries(m_candles);
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTitleText(tr("UTC"));
    m_candleChart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_candleChart->addAxis(m_priceAxis, Qt::AlignRight);
    m_candles->attachAxis(m_timeAxis);
    m_candles->attachAxis(m_priceAxis);
    auto *volumeChart = new QChart;
    m_volume->append(m_volumeSet);
    m_volumeSet->setColor(QColor(0x5b, 0x7f, 0xa3));
    volumeChart->addSeries(m_volume);
    volumeChart->addAxis(m_volumeCategories, Qt::AlignBottom);
    volumeChart->addAxis(m_volumeAxis, Qt::AlignRight);
    m_volume->attachAxis(m_volumeCategories);
    m_volume->attachAxis(m_volumeAxis);
    m_volumeCategories->setLabelsVisible(false);
    auto *candlesPage = new QSplitter(Qt::Vertical, this);
    candlesPage->addWidget(viewOf(m_candleChart, candlesPage));
    candlesPage->addWidget(viewOf(volumeChart, candlesPage));
    candlesPage->setStretchFactor(0, 3);
    candlesPage->setStretchFactor(1, 1);

    auto *pnlChart = new QChart;
    pnlChart->setTitle(tr("Intraday P&L (realized + unrealized), $"));
    pnlChart->addSeries(m_pnl);
    m_pnlTime->setFormat(QStringLiteral("HH:mm:ss"));
    pnlChart->addAxis(m_pnlTime, Qt::AlignBottom);
    pnlChart->addAxis(m_pnlValue, Qt::AlignRight);
    m_pnl->attachAxis(m_pnlTime);
    m_pnl->attachAxis(m_pnlValue);

    auto *curveChart = new QChart;
    curveChart->setTitle(tr("US Treasury yield curve (on-the-run, %)"));
    curveChart->addSeries(m_curve);
    auto *points = new QScatterSeries;
    points->setMarkerSize(7);
    curveChart->addSeries(points);
    m_curveX->setTitleText(tr("Years to maturity"));
    m_curveX->setRange(0, 31);
    m_curveY->setLabelFormat(QStringLiteral("%.2f"));
    curveChart->addAxis(m_curveX, Qt::AlignBottom);
    curveChart->addAxis(m_curveY, Qt::AlignLeft);
    for (QXYSeries *s : {static_cast<QXYSeries *>(m_curve), static_cast<QXYSeries *>(points)}) {
        s->attachAxis(m_curveX);
        s->attachAxis(m_curveY);
    }
    connect(m_curve, &QLineSeries::pointsReplaced, points, [this, points] { points->replace(m_curve->points()); });

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(candlesPage, tr("Candles"));
    m_tabs->addTab(viewOf(pnlChart, this), tr("P&&L"));
    m_tabs->addTab(viewOf(curveChart, this), tr("Yield curve"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_tabs);

    if (engine)
        connect(engine, &TradingEngine::barsClosed, this, &Charts::addBars);
    auto *timer = new QTimer(this);
    timer->setInterval(2000);
    connect(timer, &QTimer::timeout, this, [this] {
        refreshYieldCurve();
        samplePnl();
    });
    timer->start();
}

void Charts::setInstrument(const QString &instrument)
{
    const Instrument *i = m_reference.instrument(instrument);
    if (!i || i->id == m_instrument)
        return;
    m_instrument = i->id;
    m_candleChart->setTitle(tr("%1 — one-minute candles").arg(i->symbol));
    rebuildCandles();
}

void Charts::addBars(const QList<Bar> &bars)
{
    bool mine = false;
    for (const Bar &b : bars) {
        QList<Bar> &list = m_bars[b.instrument];
        list.append(b);
        if (list.size() > 24 * 60)
            list.removeFirst();
        mine = mine || b.instrument == m_instrument;
    }
    if (mine)
        rebuildCandles();
}

void Charts::rebuildCandles()
{
    m_candles->clear();
    m_volumeSet->remove(0, m_volumeSet->count());
    const Instrument *i = m_reference.instrument(m_instrument);
    const QList<Bar> bars = m_bars.value(m_instrument);
    if (!i || bars.isEmpty())
        return;
    double low = 1e300, high = -1e300, maxVolume = 0;
    QStringList categories;
    for (const Bar &b : bars) {
        auto *set = new QCandlestickSet(i->toDouble(b.open), i->toDouble(b.high), i->toDouble(b.low), i->toDouble(b.close),
                                        double(b.startUs / 1000));
        m_candles->append(set);
        m_volumeSet->append(double(b.volume.value()));
        categories << QString::number(b.startUs);
        low = std::min(low, i->toDouble(b.low));
        high = std::max(high, i->toDouble(b.high));
        maxVolume = std::max(maxVolume, double(b.volume.value()));
    }
    const double pad = std::max((high - low) * 0.1, i->toDouble(Price(i->tickSize)));
    m_priceAxis->setRange(low - pad, high + pad);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(bars.first().startUs / 1000 - 60'000, QTimeZone::utc()),
                         QDateTime::fromMSecsSinceEpoch(bars.last().startUs / 1000 + 60'000, QTimeZone::utc()));
    m_volumeCategories->clear();
    m_volumeCategories->append(categories);
    m_volumeAxis->setRange(0, maxVolume * 1.1);
}

int Charts::candleCount() const
{
    return int(m_candles->count());
}

void Charts::refreshYieldCurve()
{
    QList<QPointF> points;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    for (const Instrument *i : m_reference.instruments()) {
        if (!isTreasury(i->kind))
            continue;
        const Price px = (m_marks ? m_marks->mark(i->id) : std::nullopt).value_or(i->referencePrice);
        const QDate settle = analytics::settlementDate(*i, today);
        if (auto y = analytics::yieldPercent(*i, px, settle))
            points.append(QPointF(double(settle.daysTo(i->maturityDate)) / 365.25, *y));
    }
    std::sort(points.begin(), points.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    if (points.isEmpty())
        return;
    double lo = points.first().y(), hi = lo;
    for (const QPointF &p : points) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    m_curveY->setRange(std::floor(lo * 4 - 1) / 4, std::ceil(hi * 4 + 1) / 4);
    m_curve->replace(points);
}

QList<QPointF> Charts::yieldCurve() const
{
    return m_curve->points();
}

void Charts::samplePnl()
{
    if (!m_holdings)
        return;
    const int totals = m_holdings->rowCount() - 1;
    const double unrealized = QLocale().toDouble(m_holdings->data(m_holdings->index(totals, HoldingsModel::Unrealized)).toString());
    const double realized = QLocale().toDouble(m_holdings->data(m_holdings->index(totals, HoldingsModel::Realized)).toString());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_pnl->append(double(now), unrealized + realized);
    if (m_pnl->count() > 5000)
        m_pnl->removePoints(0, m_pnl->count() - 5000);
    double lo = 0, hi = 0;
    for (const QPointF &p : m_pnl->points()) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    const double pad = std::max(1.0, (hi - lo) * 0.1);
    m_pnlValue->setRange(lo - pad, hi + pad);
    m_pnlTime->setRange(QDateTime::fromMSecsSinceEpoch(qint64(m_pnl->at(0).x())), QDateTime::fromMSecsSinceEpoch(now + 1000));
}

int Charts::pnlPoints() const
{
    return int(m_pnl->count());
}

} // namespace instant
