#include "charts.h"

#include "analytics/bondanalytics.h"
#include "analytics/indicators.h"
#include "engine/tradingengine.h"
#include "marketwatch.h"
#include "refdata/referencedata.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QSettings>
#include <QSpinBox>
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
    view->setMinimumSize(80, 40); // the panes share a dock: none may hold the window open
    return view;
}

// Overlay colours: distinct from the green and red candles and from each other.
const QColor SmaColour(0xef, 0x6c, 0x00);
const QColor EmaColour(0x8e, 0x24, 0xaa);
const QColor VwapColour(0x00, 0x83, 0x8f);
const QColor BandColour(0x3f, 0x51, 0xb5);
const QColor RsiColour(0x6a, 0x1b, 0x9a);

QLineSeries *overlayLine(const QColor &colour, qreal width, Qt::PenStyle style = Qt::SolidLine)
{
    auto *line = new QLineSeries;
    QPen pen(colour, width, style);
    pen.setCosmetic(true);
    line->setPen(pen);
    return line;
}

QList<QPointF> plotted(const QList<Bar> &bars, const analytics::IndicatorSeries &values, double scale)
{
    QList<QPointF> points;
    points.reserve(values.size());
    for (qsizetype i = 0; i < values.size() && i < bars.size(); ++i)
        if (values.at(i))
            points.append(QPointF(double(bars.at(i).startUs / 1000), *values.at(i) / scale));
    return points;
}

QString indicatorKey(Charts::Indicator indicator)
{
    switch (indicator) {
    case Charts::Indicator::Sma: return QStringLiteral("sma");
    case Charts::Indicator::Ema: return QStringLiteral("ema");
    case Charts::Indicator::Vwap: return QStringLiteral("vwap");
    case Charts::Indicator::Bollinger: return QStringLiteral("bollinger");
    case Charts::Indicator::Rsi: return QStringLiteral("rsi");
    }
    return {};
}

constexpr Charts::Indicator AllIndicators[] = {Charts::Indicator::Sma, Charts::Indicator::Ema, Charts::Indicator::Vwap,
                                               Charts::Indicator::Bollinger, Charts::Indicator::Rsi};

} // namespace

Charts::Charts(TradingEngine *engine, const ReferenceData &reference, const MarketWatchModel *marks, const HoldingsModel *holdings,
               QWidget *parent)
    : QWidget(parent), m_reference(reference), m_engine(engine), m_marks(marks), m_holdings(holdings), m_tabs(new QTabWidget(this)),
      m_candleChart(new QChart), m_candles(new QCandlestickSeries), m_volume(new QBarSeries), m_volumeSet(new QBarSet(tr("Volume"))),
      m_timeAxis(new QDateTimeAxis), m_priceAxis(new QValueAxis), m_volumeAxis(new QValueAxis),
      m_volumeCategories(new QBarCategoryAxis), m_pnl(new QLineSeries), m_pnlTime(new QDateTimeAxis), m_pnlValue(new QValueAxis),
      m_curve(new QLineSeries), m_curveX(new QValueAxis), m_curveY(new QValueAxis), m_sma(overlayLine(SmaColour, 1.6)),
      m_ema(overlayLine(EmaColour, 1.6)), m_vwap(overlayLine(VwapColour, 1.6, Qt::DashLine)),
      m_bandMiddle(overlayLine(BandColour, 1.0, Qt::DotLine)), m_bandUpper(overlayLine(BandColour, 1.0)),
      m_bandLower(overlayLine(BandColour, 1.0)), m_band(new QAreaSeries(new QLineSeries(this), new QLineSeries(this))),
      m_rsiChart(new QChart), m_rsi(overlayLine(RsiColour, 1.5)), m_rsiHigh(overlayLine(QColor(0x9e, 0x9e, 0x9e), 1.0, Qt::DashLine)),
      m_rsiLow(overlayLine(QColor(0x9e, 0x9e, 0x9e), 1.0, Qt::DashLine)),
      m_rsiZone(new QAreaSeries(new QLineSeries(this), new QLineSeries(this))), m_rsiTime(new QDateTimeAxis), m_rsiAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("Charts"));
    // Candles above, volume below, on the same minutes.
    m_candles->setIncreasingColor(QColor(0x2e, 0x7d, 0x32));
    m_candles->setDecreasingColor(QColor(0xc6, 0x28, 0x28));
    m_candles->setBodyWidth(0.7);
    m_candleChart->addSeries(m_band); // the Bollinger fill, drawn under the candles
    m_candleChart->addSeries(m_candles);
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_candleChart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_candleChart->addAxis(m_priceAxis, Qt::AlignRight);
    m_candles->attachAxis(m_timeAxis);
    m_candles->attachAxis(m_priceAxis);
    // Overlays on the price pane: the band's fill under the candles, the lines over them.
    QColor fill = BandColour;
    fill.setAlpha(28);
    m_band->setBrush(fill);
    m_band->setPen(Qt::NoPen);
    for (QLineSeries *line : {m_bandUpper, m_bandLower, m_bandMiddle, m_sma, m_ema, m_vwap})
        m_candleChart->addSeries(line);
    for (QAbstractSeries *series : std::initializer_list<QAbstractSeries *>{m_band, m_bandUpper, m_bandLower, m_bandMiddle, m_sma, m_ema, m_vwap}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_priceAxis);
    }
    m_priceAxis->setLabelFormat(QStringLiteral("%.2f"));
    // A legend naming the overlays (not the candles, nor the band's edges).
    m_candleChart->legend()->setAlignment(Qt::AlignTop);
    QFont legendFont = m_candleChart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    m_candleChart->legend()->setFont(legendFont);
    auto *volumeChart = new QChart;
    m_volume->append(m_volumeSet);
    m_volumeSet->setColor(QColor(0x5b, 0x7f, 0xa3));
    volumeChart->addSeries(m_volume);
    volumeChart->addAxis(m_volumeCategories, Qt::AlignBottom);
    volumeChart->addAxis(m_volumeAxis, Qt::AlignRight);
    m_volume->attachAxis(m_volumeCategories);
    m_volume->attachAxis(m_volumeAxis);
    m_volumeCategories->setLabelsVisible(false);
    // RSI below the volume: 0 to 100, ticks at its 30 and 70 lines, the band between them shaded.
    QColor zone(0x9e, 0x9e, 0x9e, 30);
    m_rsiZone->setBrush(zone);
    m_rsiZone->setPen(Qt::NoPen);
    m_rsiChart->addSeries(m_rsiZone);
    for (QLineSeries *line : {m_rsiHigh, m_rsiLow, m_rsi})
        m_rsiChart->addSeries(line);
    m_rsiTime->setFormat(QStringLiteral("HH:mm"));
    m_rsiTime->setLabelsVisible(false);
    m_rsiAxis->setRange(0, 100);
    m_rsiAxis->setTickType(QValueAxis::TicksDynamic);
    m_rsiAxis->setTickAnchor(30);
    m_rsiAxis->setTickInterval(40);
    m_rsiAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_rsiChart->addAxis(m_rsiTime, Qt::AlignBottom);
    m_rsiChart->addAxis(m_rsiAxis, Qt::AlignRight);
    for (QAbstractSeries *series : std::initializer_list<QAbstractSeries *>{m_rsiZone, m_rsiHigh, m_rsiLow, m_rsi}) {
        series->attachAxis(m_rsiTime);
        series->attachAxis(m_rsiAxis);
    }

    auto *candlesPage = new QWidget(this);
    auto *indicatorBar = new QWidget(candlesPage);
    buildIndicatorBar(indicatorBar);
    auto *panes = new QSplitter(Qt::Vertical, candlesPage);
    panes->addWidget(viewOf(m_candleChart, panes));
    m_candleChart->legend()->show();
    panes->addWidget(viewOf(volumeChart, panes));
    m_rsiView = viewOf(m_rsiChart, panes);
    m_rsiView->setMinimumHeight(64);
    panes->addWidget(m_rsiView);
    panes->setStretchFactor(0, 5);
    panes->setStretchFactor(1, 1);
    panes->setStretchFactor(2, 2);
    auto *candlesLayout = new QVBoxLayout(candlesPage);
    candlesLayout->setContentsMargins(0, 0, 0, 0);
    candlesLayout->setSpacing(0);
    candlesLayout->addWidget(indicatorBar);
    candlesLayout->addWidget(panes, 1);
    // The RSI pane's minutes under the candles' minutes: the same plot width, whatever its labels.
    connect(m_candleChart, &QChart::plotAreaChanged, this, &Charts::alignRsiPane);
    connect(m_rsiChart, &QChart::plotAreaChanged, this, &Charts::alignRsiPane);

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

    m_charts = {m_candleChart, volumeChart, m_rsiChart, pnlChart, curveChart};
    applyPalette();
    loadIndicatorChoices();
    applyIndicatorChoices();

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

void Charts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void Charts::applyPalette()
{
    const QPalette colours = palette();
    const QColor text = colours.color(QPalette::WindowText);
    QColor grid = text, axisLine = text;
    grid.setAlpha(40);
    axisLine.setAlpha(110);
    for (QChart *chart : std::as_const(m_charts)) {
        chart->setBackgroundBrush(colours.color(QPalette::Base));
        chart->setBackgroundPen(Qt::NoPen);
        chart->setTitleBrush(text);
        chart->legend()->setLabelColor(text);
        const QList<QAbstractAxis *> axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setMinorGridLineColor(grid);
            axis->setLinePenColor(axisLine);
        }
    }
}

void Charts::setInstrument(const QString &instrument)
{
    const Instrument *i = m_reference.instrument(instrument);
    if (!i || i->id == m_instrument)
        return;
    m_instrument = i->id;
    // Named in the indicator bar, not in a chart title: the panes keep the height.
    m_candleTitle->setText(tr("%1 — one-minute candles").arg(i->symbol) + QStringLiteral(" · UTC"));
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
    for (QLineSeries *line : {m_sma, m_ema, m_vwap, m_bandMiddle, m_bandUpper, m_bandLower, m_band->upperSeries(),
                              m_band->lowerSeries(), m_rsi, m_rsiHigh, m_rsiLow, m_rsiZone->upperSeries(), m_rsiZone->lowerSeries()})
        line->clear();
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

    // Indicators in price units (the engine's integers), shown in quoted prices.
    const double scale = double(i->priceScale);
    const QList<double> closes = analytics::closingPrices(bars);
    auto show = [&](QLineSeries *line, const QList<QPointF> &points, bool widensAxis) {
        line->replace(points);
        if (widensAxis)
            for (const QPointF &p : points) {
                low = std::min(low, p.y());
                high = std::max(high, p.y());
            }
    };
    if (indicatorShown(Indicator::Sma))
        show(m_sma, plotted(bars, analytics::sma(closes, indicatorPeriod(Indicator::Sma)), scale), true);
    if (indicatorShown(Indicator::Ema))
        show(m_ema, plotted(bars, analytics::ema(closes, indicatorPeriod(Indicator::Ema)), scale), true);
    if (indicatorShown(Indicator::Vwap))
        show(m_vwap, plotted(bars, analytics::vwap(bars), scale), true);
    if (indicatorShown(Indicator::Bollinger)) {
        const analytics::BollingerBands b = analytics::bollinger(closes, indicatorPeriod(Indicator::Bollinger), m_bandWidth->value());
        show(m_bandMiddle, plotted(bars, b.middle, scale), false);
        show(m_bandUpper, plotted(bars, b.upper, scale), true);
        show(m_bandLower, plotted(bars, b.lower, scale), true);
        m_band->upperSeries()->replace(m_bandUpper->points());
        m_band->lowerSeries()->replace(m_bandLower->points());
    }
    const double firstMs = double(bars.first().startUs / 1000 - 60'000), lastMs = double(bars.last().startUs / 1000 + 60'000);
    if (indicatorShown(Indicator::Rsi)) {
        m_rsi->replace(plotted(bars, analytics::rsi(closes, indicatorPeriod(Indicator::Rsi)), 1.0));
        const QList<QPointF> top{{firstMs, 70}, {lastMs, 70}}, bottom{{firstMs, 30}, {lastMs, 30}};
        m_rsiHigh->replace(top);
        m_rsiLow->replace(bottom);
        m_rsiZone->upperSeries()->replace(top);
        m_rsiZone->lowerSeries()->replace(bottom);
    }

    const double pad = std::max((high - low) * 0.1, i->toDouble(Price(i->tickSize)));
    m_priceAxis->setRange(low - pad, high + pad);
    const int decimals = i->priceScale >= 1000 ? 3 : 2;
    m_priceAxis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(firstMs), QTimeZone::utc()),
                         QDateTime::fromMSecsSinceEpoch(qint64(lastMs), QTimeZone::utc()));
    m_rsiTime->setRange(m_timeAxis->min(), m_timeAxis->max());
    m_volumeCategories->clear();
    m_volumeCategories->append(categories);
    m_volumeAxis->setRange(0, maxVolume * 1.1);
}

void Charts::buildIndicatorBar(QWidget *bar)
{
    bar->setObjectName(QStringLiteral("ChartIndicators"));
    bar->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); // a narrow dock clips it, never widens for it
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->setSpacing(4);
    auto swatch = [](const QColor &colour) {
        QPixmap pixmap(14, 4);
        pixmap.fill(colour);
        return QIcon(pixmap);
    };
    const struct
    {
        Indicator indicator;
        QString name;
        QString tip;
        QColor colour;
        int period;
    } rows[] = {
        {Indicator::Sma, tr("SMA"), tr("Simple moving average of the closes"), SmaColour, 20},
        {Indicator::Ema, tr("EMA"), tr("Exponential moving average of the closes (seeded with the SMA)"), EmaColour, 9},
        {Indicator::Vwap, tr("VWAP"), tr("Volume-weighted average price since the start of the UTC day"), VwapColour, 0},
        {Indicator::Bollinger, tr("Bollinger"), tr("SMA ± k standard deviations of the closes"), BandColour, 20},
        {Indicator::Rsi, tr("RSI"), tr("Wilder's relative strength index, with its 30 and 70 lines"), RsiColour, 14},
    };
    for (const auto &row : rows) {
        Toggle t;
        t.shown = new QCheckBox(row.name, bar);
        t.shown->setObjectName(QStringLiteral("show-") + indicatorKey(row.indicator));
        t.shown->setIcon(swatch(row.colour));
        t.shown->setToolTip(row.tip);
        layout->addWidget(t.shown);
        connect(t.shown, &QCheckBox::toggled, this, [this] {
            if (m_loading)
                return;
            saveIndicatorChoices();
            applyIndicatorChoices();
        });
        if (row.period > 0) {
            t.period = new QSpinBox(bar);
            t.period->setObjectName(QStringLiteral("period-") + indicatorKey(row.indicator));
            t.period->setRange(2, 200);
            t.period->setValue(row.period);
            t.period->setToolTip(tr("Period, in one-minute bars"));
            t.period->setKeyboardTracking(false);
            layout->addWidget(t.period);
            connect(t.period, &QSpinBox::valueChanged, this, [this] {
                if (m_loading)
                    return;
                saveIndicatorChoices();
                applyIndicatorChoices();
            });
        }
        if (row.indicator == Indicator::Bollinger) {
            m_bandWidth = new QDoubleSpinBox(bar);
            m_bandWidth->setObjectName(QStringLiteral("width-bollinger"));
            m_bandWidth->setRange(0.5, 4.0);
            m_bandWidth->setSingleStep(0.5);
            m_bandWidth->setDecimals(1);
            m_bandWidth->setValue(2.0);
            m_bandWidth->setPrefix(QStringLiteral("×"));
            m_bandWidth->setToolTip(tr("Band width, in standard deviations"));
            m_bandWidth->setKeyboardTracking(false);
            layout->addWidget(m_bandWidth);
            connect(m_bandWidth, &QDoubleSpinBox::valueChanged, this, [this] {
                if (m_loading)
                    return;
                saveIndicatorChoices();
                applyIndicatorChoices();
            });
        }
        layout->addSpacing(8);
        m_toggles.insert(int(row.indicator), t);
    }
    layout->addStretch(1);
    m_candleTitle = new QLabel(bar);
    m_candleTitle->setObjectName(QStringLiteral("CandleTitle"));
    QFont bold = m_candleTitle->font();
    bold.setBold(true);
    m_candleTitle->setFont(bold);
    layout->addWidget(m_candleTitle);
}

void Charts::loadIndicatorChoices()
{
    m_loading = true;
    QSettings settings;
    settings.beginGroup(QStringLiteral("Charts/Indicators"));
    for (Indicator indicator : AllIndicators) {
        const Toggle t = m_toggles.value(int(indicator));
        const QString key = indicatorKey(indicator);
        // Out of the box: a 20-bar SMA, the VWAP and the RSI.
        const bool byDefault = indicator == Indicator::Sma || indicator == Indicator::Vwap || indicator == Indicator::Rsi;
        t.shown->setChecked(settings.value(key + QStringLiteral("/shown"), byDefault).toBool());
        if (t.period)
            t.period->setValue(settings.value(key + QStringLiteral("/period"), t.period->value()).toInt());
    }
    m_bandWidth->setValue(settings.value(QStringLiteral("bollinger/width"), m_bandWidth->value()).toDouble());
    m_loading = false;
}

void Charts::saveIndicatorChoices() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("Charts/Indicators"));
    for (Indicator indicator : AllIndicators) {
        const Toggle t = m_toggles.value(int(indicator));
        const QString key = indicatorKey(indicator);
        settings.setValue(key + QStringLiteral("/shown"), t.shown->isChecked());
        if (t.period)
            settings.setValue(key + QStringLiteral("/period"), t.period->value());
    }
    settings.setValue(QStringLiteral("bollinger/width"), m_bandWidth->value());
}

void Charts::applyIndicatorChoices()
{
    const bool band = indicatorShown(Indicator::Bollinger);
    m_sma->setVisible(indicatorShown(Indicator::Sma));
    m_ema->setVisible(indicatorShown(Indicator::Ema));
    m_vwap->setVisible(indicatorShown(Indicator::Vwap));
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_band, m_bandUpper, m_bandLower, m_bandMiddle})
        s->setVisible(band);
    m_rsiView->setVisible(indicatorShown(Indicator::Rsi));
    m_sma->setName(tr("SMA %1").arg(indicatorPeriod(Indicator::Sma)));
    m_ema->setName(tr("EMA %1").arg(indicatorPeriod(Indicator::Ema)));
    m_vwap->setName(tr("VWAP"));
    m_band->setName(tr("BB %1, %2").arg(indicatorPeriod(Indicator::Bollinger)).arg(m_bandWidth->value(), 0, 'f', 1));
    m_rsiChart->setTitle(QString());
    // The legend lists what is shown: no candles, no band edges, nothing switched off.
    QLegend *legend = m_candleChart->legend();
    for (QLegendMarker *marker : legend->markers()) {
        QAbstractSeries *series = marker->series();
        const bool named = series == m_sma || series == m_ema || series == m_vwap || series == m_band;
        marker->setVisible(named && series->isVisible());
        if (series == m_band) // the fill is too faint to name it
            marker->setBrush(BandColour);
    }
    rebuildCandles();
}

void Charts::alignRsiPane()
{
    // Both views span the same width, so equal plot edges in chart coordinates put the RSI's
    // minutes under the candles' minutes. The margins absorb the difference in label widths.
    if (!m_rsiView || !m_rsiView->isVisible())
        return;
    const QRectF price = m_candleChart->plotArea();
    const QRectF rsi = m_rsiChart->plotArea();
    if (price.width() <= 0 || rsi.width() <= 0)
        return;
    const int left = qRound(price.left() - rsi.left()), right = qRound(rsi.right() - price.right());
    if (left == 0 && right == 0)
        return;
    QMargins margins = m_rsiChart->margins();
    margins.setLeft(std::max(0, margins.left() + left));
    margins.setRight(std::max(0, margins.right() + right));
    if (margins != m_rsiChart->margins())
        m_rsiChart->setMargins(margins);
}

void Charts::setIndicatorShown(Indicator indicator, bool shown)
{
    m_toggles.value(int(indicator)).shown->setChecked(shown);
}

bool Charts::indicatorShown(Indicator indicator) const
{
    return m_toggles.value(int(indicator)).shown->isChecked();
}

void Charts::setIndicatorPeriod(Indicator indicator, int period)
{
    if (QSpinBox *box = m_toggles.value(int(indicator)).period)
        box->setValue(period);
}

int Charts::indicatorPeriod(Indicator indicator) const
{
    const QSpinBox *box = m_toggles.value(int(indicator)).period;
    return box ? box->value() : 0;
}

QList<QPointF> Charts::indicatorPoints(Indicator indicator) const
{
    switch (indicator) {
    case Indicator::Sma: return m_sma->points();
    case Indicator::Ema: return m_ema->points();
    case Indicator::Vwap: return m_vwap->points();
    case Indicator::Bollinger: return m_bandMiddle->points();
    case Indicator::Rsi: return m_rsi->points();
    }
    return {};
}

QList<QPointF> Charts::bollingerBand(bool upper) const
{
    return upper ? m_bandUpper->points() : m_bandLower->points();
}

int Charts::candleCount() const
{
    return int(m_candles->count());
}

void Charts::refreshYieldCurve()
{
    if (!m_engine)
        return;
    // Each Treasury's yield at its mark, priced on the engine's thread (the GUI thread only draws).
    struct Mark
    {
        const Instrument *instrument;
        Price price;
    };
    QList<Mark> marks;
    for (const Instrument *i : m_reference.instruments())
        if (isTreasury(i->kind))
            marks.append({i, (m_marks ? m_marks->mark(i->id) : std::nullopt).value_or(i->referencePrice)});
    const QDate today = m_engine->clock().tradeDate();
    m_engine->offload(
        this,
        [marks, today] {
            QList<QPointF> points;
            for (const Mark &m : marks) {
                const QDate settle = analytics::settlementDate(*m.instrument, today);
                if (auto y = analytics::yieldPercent(*m.instrument, m.price, settle))
                    points.append(QPointF(double(settle.daysTo(m.instrument->maturityDate)) / 365.25, *y));
            }
            std::sort(points.begin(), points.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
            return points;
        },
        [this](const QList<QPointF> &points) { drawYieldCurve(points); });
}

void Charts::drawYieldCurve(const QList<QPointF> &points)
{
    if (points.isEmpty())
        return;
    double lo = points.first().y(), hi = lo;
    for (const QPointF &p : points) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    m_curveY->setRange(std::floor(lo * 4 - 1) / 4, std::ceil(hi * 4 + 1) / 4);
    m_curve->replace(points);
    Q_EMIT yieldCurveDrawn();
}

QList<QPointF> Charts::yieldCurve() const
{
    return m_curve->points();
}

void Charts::samplePnl()
{
    if (!m_holdings || !m_engine)
        return;
    const int totals = m_holdings->rowCount() - 1;
    const double unrealized = QLocale().toDouble(m_holdings->data(m_holdings->index(totals, HoldingsModel::Unrealized)).toString());
    const double realized = QLocale().toDouble(m_holdings->data(m_holdings->index(totals, HoldingsModel::Realized)).toString());
    const qint64 now = m_engine->clock().nowUs() / 1000;
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
