#include "marketwatch.h"
#include "alertruledialog.h"

#include "analytics/bondanalytics.h"
#include "engine/tradingengine.h"
#include "refdata/referencedata.h"

#include <QBrush>
#include <cmath>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace instant {

namespace {

QTableView *compactTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 4);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QString money(qint64 cents)
{
    return QLocale().toString(double(cents) / 100.0, 'f', 2);
}

} // namespace

// ---- market watch ----

MarketWatchModel::MarketWatchModel(const ReferenceData &reference, QObject *parent)
    : QAbstractTableModel(parent), m_reference(reference)
{
    for (const Instrument *i : reference.instruments()) {
        if (i->kind == InstrumentKind::EquityOption)
            continue;
        m_index.insert(i->id, int(m_rows.size()));
        m_rows.append(Row{i, Quote{}, std::nullopt, 0});
    }
}

int MarketWatchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MarketWatchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MarketWatchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const Instrument &i = *r.instrument;
    if (role == InstrumentRole)
        return i.id;
    if (role == Qt::TextAlignmentRole && index.column() != Symbol)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Change && r.quote.yieldChangeBp) {
        const double bp = *r.quote.yieldChangeBp; // a yield up is a price down
        return std::abs(bp) < 0.05 ? QVariant() : QVariant(QBrush(bp < 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28)));
    }
    if (role == Qt::ForegroundRole && index.column() == Change && r.last) {
        const qint64 d = r.last->value() - i.referencePrice.value();
        return d == 0 ? QVariant() : QVariant(QBrush(d > 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28)));
    }
    if (role == Qt::ToolTipRole)
        return i.description;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Symbol: return i.symbol;
    case BidSize: return r.quote.bid ? formatQuantity(r.quote.bidQuantity.value(), &i) : QString();
    case Bid: return r.quote.bid ? i.formatPrice(*r.quote.bid) : QString();
    case Ask: return r.quote.ask ? i.formatPrice(*r.quote.ask) : QString();
    case AskSize: return r.quote.ask ? formatQuantity(r.quote.askQuantity.value(), &i) : QString();
    case Last: return r.last ? i.formatPrice(*r.last) : QString();
    case Yield: return r.quote.yieldPercent ? QStringLiteral("%1%").arg(*r.quote.yieldPercent, 0, 'f', 3) : QString();
    case Change: {
        if (r.quote.yieldChangeBp) {
            const double bp = std::abs(*r.quote.yieldChangeBp) < 0.05 ? 0.0 : *r.quote.yieldChangeBp; // never "-0.0"
            return tr("%1%2 bp").arg(bp > 0 ? QStringLiteral("+") : QString()).arg(bp, 0, 'f', 1);
        }
        if (!r.last)
            return QString();
        const double pct = 100.0 * double(r.last->value() - i.referencePrice.value()) / double(i.referencePrice.value());
        return QStringLiteral("%1%2%").arg(pct > 0 ? QStringLiteral("+") : QString()).arg(pct, 0, 'f', 2);
    }
    case Volume: return QLocale().toString(r.volume);
    default: return {};
    }
}

QVariant MarketWatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Symbol: return tr("Instrument");
    case BidSize: return tr("Bid size");
    case Bid: return tr("Bid");
    case Ask: return tr("Ask");
    case AskSize: return tr("Ask size");
    case Yield: return tr("Yield");
    case Last: return tr("Last");
    case Change: return tr("Chg");
    case Volume: return tr("Volume");
    default: return {};
    }
}

void MarketWatchModel::applyQuotes(const QList<Quote> &quotes)
{
    int first = INT_MAX, last = -1;
    for (const Quote &q : quotes) {
        const int row = m_index.value(q.instrument, -1);
        if (row < 0)
            continue;
        m_rows[row].quote = q;
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, Bid), index(last, AskSize));
}

void MarketWatchModel::applyTrades(const QList<TradePrint> &trades)
{
    int first = INT_MAX, last = -1;
    for (const TradePrint &t : trades) {
        const int row = m_index.value(t.instrument, -1);
        if (row < 0)
            continue;
        m_rows[row].last = t.price;
        m_rows[row].volume += t.quantity.value();
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, Change), index(last, Volume));
}

Qt::ItemFlags MarketWatchModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList MarketWatchModel::mimeTypes() const
{
    return {instrumentMimeType(), QStringLiteral("text/plain")};
}

QMimeData *MarketWatchModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids, symbols;
    for (const QModelIndex &i : indexes) {
        if (!i.isValid() || i.row() >= m_rows.size())
            continue;
        const Instrument *instrument = m_rows.at(i.row()).instrument;
        if (ids.contains(instrument->id))
            continue;
        ids << instrument->id;
        symbols << instrument->symbol;
    }
    if (ids.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(instrumentMimeType(), ids.join(u'\n').toUtf8());
    data->setText(symbols.join(u'\n'));
    return data;
}

QStringList MarketWatchModel::instrumentsIn(const QMimeData *data)
{
    if (!data || !data->hasFormat(instrumentMimeType()))
        return {};
    return QString::fromUtf8(data->data(instrumentMimeType())).split(u'\n', Qt::SkipEmptyParts);
}

std::optional<Price> MarketWatchModel::mark(const QString &instrument) const
{
    const int row = m_index.value(instrument, -1);
    if (row < 0)
        return std::nullopt;
    const Row &r = m_rows.at(row);
    if (r.quote.bid && r.quote.ask) {
        const qint64 tick = r.instrument->tickSize;
        return Price((r.quote.bid->value() + r.quote.ask->value()) / 2 / tick * tick);
    }
    return r.last;
}

MarketWatch::MarketWatch(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_model(new MarketWatchModel(reference, this)), m_view(compactTable(this))
{
    setObjectName(QStringLiteral("MarketWatch"));
    m_view->setModel(m_model);
    m_view->setDragEnabled(true); // rows drag onto a watchlist
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    for (int c : {1, 2, 3})
        m_view->setColumnWidth(c, digit * 10);
    // The instrument column fits the longest name the market has ("UST 13W OLD", "T 4.125 11/15/36").
    m_view->setColumnWidth(0, fontMetrics().horizontalAdvance(QStringLiteral("UST 13W OLD  ")));
    m_view->setColumnWidth(4, digit * 7);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            Q_EMIT instrumentSelected(current.data(MarketWatchModel::InstrumentRole).toString());
    });
    // Right-click a row: "Alert when…" its price, yield or spread crosses a level.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, engine, ref = &reference](const QPoint &at) {
        const QModelIndex index = m_view->indexAt(at);
        if (!index.isValid() || !engine || !engine->canTrade())
            return;
        QMenu menu(this);
        menu.addAction(tr("Alert when…"), this, [this, engine, ref, id = index.data(MarketWatchModel::InstrumentRole).toString()] {
            AlertRuleDialog::ask(engine, *ref, id, this);
        });
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    if (engine) {
        connect(engine, &TradingEngine::quotesUpdated, m_model, &MarketWatchModel::applyQuotes);
        connect(engine, &TradingEngine::tradesPrinted, m_model, &MarketWatchModel::applyTrades);
    }
}

// ---- holdings ----

HoldingsModel::HoldingsModel(const ReferenceData &reference, const MarketWatchModel *marks, QObject *parent)
    : QAbstractTableModel(parent), m_reference(reference), m_marks(marks)
{
}

int HoldingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size()) + 1; // + totals
}

int HoldingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HoldingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool totals = index.row() == m_lines.size();
    if (role == Qt::FontRole && totals) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Quantity)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    auto pnl = [&](const Line &l) {
        return index.column() == Unrealized ? l.unrealizedCents : index.column() == Realized ? l.position.realizedCents : l.carryCents();
    };
    if (role == Qt::ForegroundRole && (index.column() == Unrealized || index.column() == Realized || index.column() == Interest)) {
        qint64 v = 0;
        if (totals)
            for (const Line &l : m_lines)
                v += pnl(l);
        else
            v = pnl(m_lines.at(index.row()));
        return v == 0 ? QVariant() : QVariant(QBrush(v > 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28)));
    }
    if (role != Qt::DisplayRole)
        return {};
    if (totals) {
        qint64 mv = 0, unrealized = 0, realized = 0, accrued = 0, carry = 0;
        double dv01 = 0;
        for (const Line &l : m_lines) {
            mv += l.marketValueCents;
            unrealized += l.unrealizedCents;
            realized += l.position.realizedCents;
            accrued += l.accruedCents;
            carry += l.carryCents();
            dv01 += l.dv01;
        }
        switch (index.column()) {
        case Account: return tr("Total");
        case MarketValue: return money(mv);
        case Accrued: return money(accrued);
        case Interest: return money(carry);
        case Unrealized: return money(unrealized);
        case Realized: return money(realized);
        case Dv01: return QLocale().toString(dv01, 'f', 0);
        default: return {};
        }
    }
    const Line &l = m_lines.at(index.row());
    const PositionRecord &p = l.position;
    switch (index.column()) {
    case Account: return p.account.text();
    case Symbol: return l.instrument ? l.instrument->symbol : p.instrument.text();
    case Quantity: return formatQuantity(p.quantity, l.instrument);
    case Settled: return formatQuantity(p.settledQuantity, l.instrument);
    case AverageCost:
        if (!l.instrument || p.quantity == 0)
            return QString();
        return l.instrument->formatPrice(instant::Price(qRound64(double(p.costCents) / double(l.instrument->notionalCents(instant::Quantity(p.quantity), instant::Price(l.instrument->priceScale))) * double(l.instrument->priceScale))));
    case Mark: return l.mark && l.instrument ? l.instrument->formatPrice(*l.mark) : QString();
    case Yield: return l.yield ? QStringLiteral("%1%").arg(*l.yield, 0, 'f', 3) : QString();
    case MarketValue: return money(l.marketValueCents);
    case Accrued: return l.accruedCents != 0 ? money(l.accruedCents) : QString();
    case Unrealized: return money(l.unrealizedCents);
    case Realized: return money(p.realizedCents);
    case Interest: return l.carryCents() != 0 ? money(l.carryCents()) : QString();
    case Dv01: return l.dv01 != 0 ? QLocale().toString(l.dv01, 'f', 0) : QString();
    default: return {};
    }
}

QVariant HoldingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Account"), QT_TR_NOOP("Instrument"), QT_TR_NOOP("Qty"), QT_TR_NOOP("Settled"),
                                  QT_TR_NOOP("Avg cost"), QT_TR_NOOP("Mark"), QT_TR_NOOP("Yield"), QT_TR_NOOP("Market value $"),
                                  QT_TR_NOOP("Accrued $"), QT_TR_NOOP("Unrealized $"), QT_TR_NOOP("Realized $"),
                                  QT_TR_NOOP("Interest $"), QT_TR_NOOP("DV01 $")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

namespace {

// A position with nothing held, settled, realized or received has no row.
bool isShown(const PositionRecord &p)
{
    return p.quantity != 0 || p.settledQuantity != 0 || p.realizedCents != 0 || p.interestCents != 0;
}

// Rows by account, then instrument.
bool comesBefore(const PositionRecord &a, const PositionRecord &b)
{
    return a.account != b.account ? a.account < b.account : a.instrument < b.instrument;
}

bool accountBefore(const AccountRecord &a, const AccountRecord &b)
{
    return a.id < b.id;
}

} // namespace

void HoldingsModel::setPortfolio(const QList<AccountRecord> &accounts, const QList<PositionRecord> &positions)
{
    beginResetModel();
    m_accounts = accounts;
    std::sort(m_accounts.begin(), m_accounts.end(), accountBefore);
    m_lines = {}; // sized for these positions, not the most ever held
    m_lines.reserve(positions.size() + 1);
    for (const PositionRecord &p : positions) {
        if (!isShown(p))
            continue;
        Line line;
        line.position = p;
        line.instrument = m_reference.instrument(p.instrument);
        m_lines.append(line);
    }
    std::sort(m_lines.begin(), m_lines.end(), [](const Line &a, const Line &b) { return comesBefore(a.position, b.position); });
    recompute();
    endResetModel();
}

void HoldingsModel::updatePortfolio(const QList<AccountRecord> &accounts, const QList<PositionRecord> &positions)
{
    for (const AccountRecord &a : accounts) {
        const auto at = std::lower_bound(m_accounts.begin(), m_accounts.end(), a, accountBefore);
        if (at != m_accounts.end() && at->id == a.id)
            *at = a;
        else
            m_accounts.insert(at, a);
    }
    if (positions.isEmpty())
        return;
    for (const PositionRecord &p : positions) {
        const auto at = std::lower_bound(m_lines.begin(), m_lines.end(), p,
                                         [](const Line &l, const PositionRecord &q) { return comesBefore(l.position, q); });
        const int row = int(at - m_lines.begin());
        const bool held = at != m_lines.end() && at->position.account == p.account && at->position.instrument == p.instrument;
        if (held && isShown(p)) {
            at->position = p; // its figures are worked out again below
        } else if (held) {
            beginRemoveRows({}, row, row);
            m_lines.remove(row);
            endRemoveRows();
        } else if (isShown(p)) {
            Line line;
            line.position = p;
            line.instrument = m_reference.instrument(p.instrument);
            beginInsertRows({}, row, row);
            m_lines.insert(row, line);
            endInsertRows();
        }
    }
    recompute();
    Q_EMIT dataChanged(index(0, 0), index(int(m_lines.size()), ColumnCount - 1)); // the totals too
}

void HoldingsModel::setTradeDate(QDate date)
{
    if (date == m_tradeDate)
        return;
    m_tradeDate = date;
    refreshMarks();
}

void HoldingsModel::recompute()
{
    QList<BondQuery> asked;
    for (Line &l : m_lines) {
        if (!l.instrument)
            continue;
        l.mark = m_marks ? m_marks->mark(l.instrument->id) : std::nullopt;
        if (!l.mark)
            l.mark = l.instrument->referencePrice;
        l.marketValueCents = l.instrument->notionalCents(instant::Quantity(l.position.quantity), *l.mark);
        l.unrealizedCents = l.marketValueCents - l.position.costCents;
        l.dv01 = 0;
        l.accruedCents = 0;
        l.yield.reset();
        if (isTreasury(l.instrument->kind) && m_tradeDate.isValid()) {
            const BondQuery query{l.instrument, *l.mark, m_tradeDate};
            auto known = m_figures.constFind(l.instrument->id);
            if (known == m_figures.cend() || !(known->first == query)) {
                if (m_pricer) {
                    if (!asked.contains(query))
                        asked << query; // shown with the last figures until the pricer answers
                } else {
                    m_figures.insert(l.instrument->id, {query, price(query)});
                    known = m_figures.constFind(l.instrument->id);
                }
            }
            if (known != m_figures.cend()) {
                // Accrued on the face held (none on a short: it pays, on delivery, what it owes).
                l.accruedCents = known->second.accrual.cents(instant::Quantity(std::max<qint64>(0, l.position.quantity)));
                l.dv01 = known->second.dv01PerUnitFace * double(l.position.quantity);
                l.yield = known->second.yield;
            }
        }
    }
    if (asked.isEmpty() || m_pricing)
        return;
    m_pricing = true;
    m_pricer(asked, [this, asked](const QList<BondFigures> &figures) {
        m_pricing = false;
        for (qsizetype k = 0; k < asked.size() && k < figures.size(); ++k)
            m_figures.insert(asked.at(k).instrument->id, {asked.at(k), figures.at(k)});
        if (!figures.isEmpty())
            refreshMarks();
    });
}

HoldingsModel::BondFigures HoldingsModel::price(const BondQuery &q)
{
    BondFigures f;
    const QDate settle = analytics::settlementDate(*q.instrument, q.tradeDate);
    f.accrual = analytics::accrual(*q.instrument, settle);
    if (auto d = analytics::dv01PerUnitFace(*q.instrument, q.mark, settle))
        f.dv01PerUnitFace = *d;
    f.yield = analytics::yieldPercent(*q.instrument, q.mark, settle); // the yield next to the price
    return f;
}

void HoldingsModel::refreshMarks()
{
    if (m_lines.isEmpty())
        return;
    recompute();
    Q_EMIT dataChanged(index(0, Mark), index(int(m_lines.size()), Dv01));
}

Holdings::Holdings(TradingEngine *engine, const ReferenceData &reference, const MarketWatchModel *marks, QWidget *parent)
    : QWidget(parent), m_model(new HoldingsModel(reference, marks, this)), m_cash(new QLabel(this))
{
    setObjectName(QStringLiteral("Holdings"));
    auto *view = compactTable(this);
    view->setModel(m_model);
    m_cash->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_cash);
    layout->addWidget(view, 1);
    if (engine) {
        connect(engine, &TradingEngine::portfolioUpdated, this,
                [this](const QList<AccountRecord> &a, const QList<PositionRecord> &p, bool whole) {
                    if (!m_live)
                        return; // live again through the engine's republish(): whole
                    if (whole)
                        m_model->setPortfolio(a, p);
                    else
                        m_model->updatePortfolio(a, p);
                    updateCash();
                });
        // Treasuries are priced on the engine's thread: the GUI thread only shows the figures.
        m_model->setPricer([engine, this](const QList<HoldingsModel::BondQuery> &queries,
                                          std::function<void(const QList<HoldingsModel::BondFigures> &)> answer) {
            const bool running = engine->offload(
                this,
                [queries] {
                    QList<HoldingsModel::BondFigures> out;
                    for (const HoldingsModel::BondQuery &q : queries)
                        out << HoldingsModel::price(q);
                    return out;
                },
                answer);
            if (!running)
                answer({}); // nothing priced while the engine is stopped: asked again on the next refresh
        });
        m_model->setTradeDate(engine->clock().tradeDate());
        connect(engine, &TradingEngine::tradeDateChanged, m_model, &HoldingsModel::setTradeDate);
        // Marks move with the market; re-price about twice a second.
        auto *timer = new QTimer(this);
        timer->setInterval(500);
        connect(timer, &QTimer::timeout, m_model, &HoldingsModel::refreshMarks);
        timer->start();
    }
}

void Holdings::showAsOf(const QList<AccountRecord> &accounts, const QList<PositionRecord> &positions)
{
    m_live = false;
    m_model->setPortfolio(accounts, positions);
    updateCash();
}

void Holdings::updateCash()
{
    // One line per account while they fit; a desk with many accounts gets the first few and
    // the totals (the label must not grow the dock past the screen).
    constexpr qsizetype Shown = 4;
    const QList<AccountRecord> &accounts = m_model->accounts();
    QStringList rows;
    qint64 cash = 0, reserved = 0, unsettled = 0, available = 0;
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        const AccountRecord &a = accounts.at(i);
        cash += a.cashCents;
        reserved += a.reservedCents;
        unsettled += a.unsettledBuyCents;
        available += a.availableCents();
        if (i < Shown || accounts.size() == Shown + 1)
            rows << tr("<b>%1</b> cash $%2 · reserved $%3 · unsettled buys $%4 · available $%5")
                        .arg(a.id.toHtmlEscaped(), money(a.cashCents), money(a.reservedCents), money(a.unsettledBuyCents),
                             money(a.availableCents()));
    }
    if (accounts.size() > Shown + 1)
        rows << tr("<b>%1 more accounts</b>; all %2: cash $%3 · reserved $%4 · unsettled buys $%5 · available $%6")
                    .arg(accounts.size() - Shown)
                    .arg(accounts.size())
                    .arg(money(cash), money(reserved), money(unsettled), money(available));
    m_cash->setText(rows.join(QStringLiteral("<br>")));
}

} // namespace instant
