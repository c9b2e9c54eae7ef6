#include "optionideaspanel.h"

#include "engine/tradingengine.h"
#include "marketdata/quoteboard.h"
#include "orderticket.h"
#include "refdata/referencedata.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace instant {

namespace {

QString money(qint64 cents)
{
    return QLocale().toString(double(cents) / 100.0, 'f', 2);
}

QString htmlList(const QStringList &lines)
{
    QString html = QStringLiteral("<ul style=\"margin-top:2px; margin-bottom:6px\">");
    for (const QString &l : lines)
        html += QStringLiteral("<li>") + l.toHtmlEscaped() + QStringLiteral("</li>");
    return html + QStringLiteral("</ul>");
}

} // namespace

// ---- the table ----

int OptionIdeasModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ranked.size());
}

int OptionIdeasModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OptionIdeasModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_ranked.size())
        return {};
    const OptionRecommendation &r = m_ranked.at(index.row());
    const Instrument &i = r.contract();
    if (role == InstrumentRole)
        return i.id;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Contract ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Score)
        return tr("liquidity %1 · delta fit %2 · theta cost %3 · IV rank %4")
            .arg(r.score.liquidity, 0, 'f', 3)
            .arg(r.score.deltaFit, 0, 'f', 3)
            .arg(r.score.thetaCost, 0, 'f', 3)
            .arg(r.score.ivRank, 0, 'f', 3);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Rank: return r.rank;
    case Contract: return i.symbol;
    case Days: return r.daysToExpiry;
    case Delta: return QString::number(r.candidate.delta, 'f', 2);
    case Bid: return i.formatPrice(*r.candidate.market.bid);
    case Ask: return i.formatPrice(r.ask());
    case ImpliedVol: return QStringLiteral("%1%").arg(r.candidate.impliedVolatility.value_or(0) * 100.0, 0, 'f', 1);
    case Score: return QString::number(r.score.total, 'f', 3);
    case Contracts: return QLocale().toString(r.contracts);
    case Cost: return money(r.costCents);
    case Breakeven: return QString::number(r.breakeven, 'f', 2);
    default: return {};
    }
}

QVariant OptionIdeasModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("#"),      QT_TR_NOOP("Contract"), QT_TR_NOOP("Days"),      QT_TR_NOOP("Δ"),
                                  QT_TR_NOOP("Bid"),    QT_TR_NOOP("Ask"),      QT_TR_NOOP("IV"),        QT_TR_NOOP("Score"),
                                  QT_TR_NOOP("Qty"),    QT_TR_NOOP("Cost $"),   QT_TR_NOOP("Breakeven")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void OptionIdeasModel::setRecommendations(const QList<OptionRecommendation> &ranked)
{
    beginResetModel();
    m_ranked = ranked;
    endResetModel();
}

// ---- the panel ----

OptionIdeasPanel::OptionIdeasPanel(TradingEngine *engine, const ReferenceData &reference, OrderTicket *ticket, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_reference(reference), m_ticket(ticket), m_quotes(std::make_shared<QuoteBoard>()),
      m_user(engine ? engine->actor().user : QStringLiteral("local")), m_model(new OptionIdeasModel(this)), m_symbol(new QComboBox(this)),
      m_view(new QComboBox(this)), m_preset(new QComboBox(this)), m_capital(new QLineEdit(this)), m_summary(new QLabel(this)),
      m_table(new QTableView(this)), m_explanation(new QTextBrowser(this)), m_stage(new QPushButton(tr("Stage ticket"), this)),
      m_status(new QLabel(this)), m_refresh(new QTimer(this))
{
    setObjectName(QStringLiteral("OptionIdeas"));
    m_loading = true;

    // Stocks with listed options first, then the others (which say that they have none).
    QStringList withOptions;
    for (const Instrument *o : reference.instruments(InstrumentKind::EquityOption))
        if (!withOptions.contains(o->underlying))
            withOptions << o->underlying;
    for (const QString &id : std::as_const(withOptions))
        if (const Instrument *u = reference.instrument(id))
            m_symbol->addItem(u->symbol, u->id);
    m_symbol->insertSeparator(m_symbol->count());
    for (const Instrument *u : reference.instruments(InstrumentKind::Equity))
        if (!withOptions.contains(u->id))
            m_symbol->addItem(u->symbol, u->id);
    m_symbol->setToolTip(tr("The stock: follows the instrument selected in the other panels."));

    m_view->addItem(tr("Bullish: buy calls"), int(MarketView::Bullish));
    m_view->addItem(tr("Bearish: buy puts"), int(MarketView::Bearish));
    for (RiskPreset p : {RiskPreset::Conservative, RiskPreset::Balanced, RiskPreset::Aggressive}) {
        const PresetBand b = presetBand(p);
        const QString name = p == RiskPreset::Conservative ? tr("Conservative") : p == RiskPreset::Balanced ? tr("Balanced") : tr("Aggressive");
        m_preset->addItem(name, int(p));
        m_preset->setItemData(m_preset->count() - 1,
                              tr("|Δ| %1–%2, %3–%4 days to expiry").arg(b.minDelta, 0, 'f', 2).arg(b.maxDelta, 0, 'f', 2).arg(b.minDays).arg(b.maxDays),
                              Qt::ToolTipRole);
    }
    m_capital->setPlaceholderText(tr("10,000 · 25k · 1mm"));
    m_capital->setToolTip(tr("The capital to commit, in dollars: whole contracts at the ask, never more. Remembered for %1.").arg(m_user));
    m_capital->setMaximumWidth(120);

    // What was chosen last time, per user.
    QSettings settings;
    settings.beginGroup(QStringLiteral("OptionIdeas/") + m_user);
    const int symbolIndex = m_symbol->findData(settings.value(QStringLiteral("symbol")).toString());
    m_symbol->setCurrentIndex(symbolIndex >= 0 ? symbolIndex : 0);
    m_view->setCurrentIndex(std::max(0, m_view->findData(settings.value(QStringLiteral("view"), int(MarketView::Bullish)).toInt())));
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(settings.value(QStringLiteral("preset"), int(RiskPreset::Balanced)).toInt())));
    m_capital->setText(settings.value(QStringLiteral("capital"), QStringLiteral("10,000")).toString());
    settings.endGroup();

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(OptionIdeasModel::Contract, QHeaderView::Stretch); // the numbers stay together
    m_explanation->setOpenLinks(false); // text only: nothing in it acts
    m_explanation->setPlaceholderText(tr("Select a recommendation to see why this contract, why this size, and the risks."));
    m_stage->setToolTip(tr("Put the selected idea on the order ticket: buy, the size, a limit at the ask. Nothing is sent."));
    m_stage->setEnabled(false);
    m_status->setWordWrap(true);

    auto *inputs = new QHBoxLayout;
    inputs->addWidget(new QLabel(tr("Stock"), this));
    inputs->addWidget(m_symbol);
    inputs->addWidget(m_view);
    inputs->addWidget(m_preset);
    inputs->addWidget(new QLabel(tr("Capital $"), this));
    inputs->addWidget(m_capital);
    inputs->addStretch(1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_stage);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_explanation);
    split->setStretchFactor(0, 1); // ten contracts at most a side: the explanation gets the room
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(inputs);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addLayout(bottom);

    connect(m_symbol, &QComboBox::currentIndexChanged, this, [this] { saveSettings(); recompute(); });
    connect(m_view, &QComboBox::currentIndexChanged, this, [this] { saveSettings(); recompute(); });
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] { saveSettings(); recompute(); });
    connect(m_capital, &QLineEdit::editingFinished, this, [this] { saveSettings(); recompute(); });
    connect(m_capital, &QLineEdit::textChanged, this, [this] { recompute(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OptionIdeasPanel::showSelected);
    connect(m_stage, &QPushButton::clicked, this, &OptionIdeasPanel::stageSelected);

    if (engine) {
        connect(engine, &TradingEngine::quotesUpdated, this, [this](const QList<Quote> &q) { m_quotes->applyQuotes(q); });
        connect(engine, &TradingEngine::tradesPrinted, this, [this](const QList<TradePrint> &t) { m_quotes->applyTrades(t); });
    }
    // Quotes move: rank again every few seconds while the panel is on screen, keeping the selection.
    m_refresh->setInterval(3000);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            recompute();
    });
    m_refresh->start();
    m_loading = false;
    recompute();
}

OptionIdeasPanel::~OptionIdeasPanel() = default;

std::shared_ptr<const QuoteBoard> OptionIdeasPanel::quoteBoard() const
{
    return m_quotes;
}

void OptionIdeasPanel::saveSettings() const
{
    if (m_loading)
        return;
    QSettings settings;
    settings.beginGroup(QStringLiteral("OptionIdeas/") + m_user);
    settings.setValue(QStringLiteral("symbol"), m_symbol->currentData().toString());
    settings.setValue(QStringLiteral("view"), m_view->currentData().toInt());
    settings.setValue(QStringLiteral("preset"), m_preset->currentData().toInt());
    if (capitalCents())
        settings.setValue(QStringLiteral("capital"), m_capital->text().trimmed());
}

void OptionIdeasPanel::setSymbol(const QString &symbol)
{
    const Instrument *i = m_reference.instrument(symbol);
    const int index = m_symbol->findData(i ? i->id : symbol);
    if (index >= 0)
        m_symbol->setCurrentIndex(index);
}

QString OptionIdeasPanel::symbol() const
{
    return m_symbol->currentText();
}

void OptionIdeasPanel::setView(MarketView view)
{
    m_view->setCurrentIndex(m_view->findData(int(view)));
}

void OptionIdeasPanel::setPreset(RiskPreset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

void OptionIdeasPanel::setCapital(const QString &text)
{
    m_capital->setText(text);
    saveSettings();
    recompute();
}

std::optional<qint64> OptionIdeasPanel::capitalCents() const
{
    QString text = m_capital->text().trimmed();
    text.remove(u'$');
    const auto dollars = parseQuantity(text.trimmed());
    if (!dollars || *dollars <= 0 || *dollars > 1'000'000'000'000LL)
        return std::nullopt;
    return *dollars * 100;
}

void OptionIdeasPanel::followInstrument(const QString &instrument)
{
    const Instrument *i = m_reference.instrument(instrument);
    if (!i)
        return;
    if (i->kind == InstrumentKind::Equity)
        setSymbol(i->id);
    else if (i->kind == InstrumentKind::EquityOption)
        setSymbol(i->underlying);
}

void OptionIdeasPanel::recompute()
{
    if (m_loading)
        return;
    const QString keep = selected() ? selected()->contract().id : QString();
    const Instrument *u = m_reference.instrument(m_symbol->currentData().toString());
    if (!u || !capitalCents()) { // said at once; a ranking replaces what is shown when it comes
        m_result.reset();
        m_problem.clear();
    }
    const auto capital = capitalCents();
    if (!u) {
        m_problem = tr("Pick a stock.");
    } else if (!capital) {
        m_problem = tr("Type the capital to commit in dollars (10,000, 25k, 1mm).");
    } else {
        std::optional<Price> last;
        if (m_engine)
            if (auto state = m_engine->snapshot())
                last = state->lastPrice(u->id);
        const double spot = OptionRecommender::spotOf(*u, m_quotes.get(), last);
        // The market's date: the engine's clock (simulated in demo mode), else the newest quote's.
        const QDate valuation = m_engine ? m_engine->clock().tradeDate() : m_quotes->marketDate();
        if (!valuation.isValid()) {
            m_result.reset();
            m_problem = tr("Waiting for the market's first quote.");
            m_model->setRecommendations({});
            m_summary->setText(summaryText());
            return;
        }
        const RecommendationRequest request{u->symbol, MarketView(m_view->currentData().toInt()), RiskPreset(m_preset->currentData().toInt()), *capital};
        // Priced and ranked on the engine's thread (QuantLib); shown when it answers, the newest asked only.
        auto rank = [reference = &m_reference, quotes = m_quotes, id = u->id, spot, valuation, request] {
            const QList<OptionCandidate> chain =
                OptionRecommender::candidates(*reference, id, spot, valuation, OptionRecommender::RiskFreeRate, *quotes);
            return OptionRecommender::recommend(request, chain, spot, valuation);
        };
        const quint64 asked = ++m_asked;
        auto show = [this, asked, keep](Result<OptionRecommendations> r) {
            if (asked != m_asked)
                return; // a newer ranking was asked for
            m_pending = false;
            m_result.reset();
            m_problem.clear();
            if (r)
                m_result = std::move(r).value();
            else
                m_problem = r.message();
            showRanking(keep);
        };
        m_pending = true;
        if (m_engine && m_engine->offload(this, rank, show))
            return;
        show(rank()); // without a running engine (a panel on its own): here
        return;
    }
    showRanking(keep);
}

void OptionIdeasPanel::showRanking(const QString &keep)
{
    m_pending = false;
    m_model->setRecommendations(m_result ? m_result->ranked : QList<OptionRecommendation>{});
    m_summary->setText(summaryText());
    int row = -1;
    for (int k = 0; k < m_model->rowCount() && !keep.isEmpty(); ++k)
        if (m_model->recommendations().at(k).contract().id == keep)
            row = k;
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    if (row >= 0)
        selectRow(row);
    else
        showSelected();
    Q_EMIT ranked();
}

QString OptionIdeasPanel::summaryText() const
{
    if (!m_problem.isEmpty())
        return m_problem;
    return m_result ? m_result->summary() : QString();
}

void OptionIdeasPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showSelected();
}

const OptionRecommendation *OptionIdeasPanel::selected() const
{
    const QModelIndex current = m_table->selectionModel() ? m_table->selectionModel()->currentIndex() : QModelIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount())
        return nullptr;
    return &m_model->recommendations().at(current.row());
}

void OptionIdeasPanel::showSelected()
{
    const OptionRecommendation *r = selected();
    QString html;
    if (r) {
        html += QStringLiteral("<h3 style=\"margin-bottom:2px\">#%1 %2 — %3 × %4 at %5</h3>")
                    .arg(r->rank)
                    .arg(r->contract().symbol.toHtmlEscaped())
                    .arg(r->contracts)
                    .arg(r->contract().contractMultiplier)
                    .arg(r->contract().formatPrice(r->ask()));
        html += QStringLiteral("<b>") + tr("Why this contract").toHtmlEscaped() + QStringLiteral("</b>") + htmlList(r->whyThisContract());
        html += QStringLiteral("<b>") + tr("Why this size").toHtmlEscaped() + QStringLiteral("</b>") + htmlList(r->whyThisSize());
        html += QStringLiteral("<b>") + tr("The risks").toHtmlEscaped() + QStringLiteral("</b>") + htmlList(r->risks());
    }
    if (m_result && !m_result->excluded.isEmpty()) {
        QStringList lines;
        for (const OptionExclusion &e : m_result->excluded)
            lines << QStringLiteral("%1: %2").arg(e.symbol, e.reason);
        html += QStringLiteral("<b>") + tr("Not recommended (%n)", nullptr, int(lines.size())).toHtmlEscaped() + QStringLiteral("</b>")
                + htmlList(lines);
    }
    if (html != m_shownHtml) {
        m_shownHtml = html;
        // Quotes move the numbers every few seconds: keep the trader's place in the text.
        const int scrolled = m_explanation->verticalScrollBar()->value();
        m_explanation->setHtml(html);
        m_explanation->verticalScrollBar()->setValue(scrolled);
    }
    const bool canStage = r && m_ticket && (!m_engine || m_engine->canTrade());
    m_stage->setEnabled(canStage);
    if (r && m_engine && !m_engine->canTrade())
        m_status->setText(tr("Read-only: the %1 role cannot stage orders.").arg(m_engine->actor().role));
}

QString OptionIdeasPanel::explanationText() const
{
    return m_explanation->toPlainText();
}

bool OptionIdeasPanel::stageSelected()
{
    const OptionRecommendation *r = selected();
    if (!r || !m_ticket || (m_engine && !m_engine->canTrade()))
        return false;
    const Instrument &i = r->contract();
    m_ticket->setInstrument(i.id);
    m_ticket->setSide(Side::Buy);
    m_ticket->setQuantity(QString::number(r->contracts));
    m_ticket->setType(QStringLiteral("limit"));
    m_ticket->setPrice(i.formatPrice(r->ask()));
    m_status->setText(tr("Staged on the order ticket: buy %1 %2 at %3. Review it and press Send yourself.")
                          .arg(r->contracts)
                          .arg(i.symbol, i.formatPrice(r->ask())));
    Q_EMIT staged(i.id);
    return true;
}

} // namespace instant
