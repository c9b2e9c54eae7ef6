#include "settlementdashboard.h"

#include "engine/tradingengine.h"
#include "lifecyclemodel.h"
#include "refdata/referencedata.h"

#include <QBrush>
#include <QFont>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace instant {
namespace {

QString money(qint64 cents)
{
    return QLocale().toString(double(cents) / 100.0, 'f', 2);
}

QString isoDate(QDate date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

} // namespace

// ---- trades ----

SettlementTradesModel::SettlementTradesModel(const ReferenceData &reference, QObject *parent, qsizetype capacity)
    : QAbstractTableModel(parent), m_reference(reference), m_capacity(std::max<qsizetype>(1, capacity))
{
}

int SettlementTradesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SettlementTradesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SettlementTradesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const FillRecord &f = m_rows.at(index.row());
    const SettlementBucket bucket = settlementBucket(f, m_today);
    const qint64 amount = f.side == Side::Buy ? -f.notionalCents : f.notionalCents;
    if (role == BucketRole)
        return int(bucket);
    if (role == AccountRole)
        return f.account.text();
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return index.data(Qt::DisplayRole);
    if (role == Qt::ForegroundRole) {
        if (bucket == SettlementBucket::Failed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (index.column() == Amount)
            return QBrush(amount < 0 ? QColor(0xc6, 0x28, 0x28) : QColor(0x2e, 0x7d, 0x32));
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Quantity:
        case Price:
        case Amount: return int(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Quantity: return f.quantity;
        case Price: return f.price;
        case Amount: return amount;
        default: break;
        }
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const instant::Instrument *instrument = m_reference.instrument(f.instrument);
    switch (index.column()) {
    case TradeDate: return isoDate(f.tradeDate);
    case SettleDate: return isoDate(f.settleDate);
    case Account: return f.account.text();
    case Instrument: return instrument ? instrument->symbol : f.instrument.text();
    case Side: return f.side == instant::Side::Buy ? tr("Buy") : tr("Sell");
    case Quantity: return QLocale().toString(f.quantity);
    case Price: return instrument ? instrument->formatPrice(instant::Price(f.price)) : QString::number(f.price);
    case Amount: return money(amount);
    case Status:
        switch (bucket) {
        case SettlementBucket::Pending: return tr("pending");
        case SettlementBucket::SettlingToday: return tr("due");
        case SettlementBucket::Settled: return tr("settled");
        case SettlementBucket::Failed: return tr("failed");
        }
        return {};
    case Reason:
        if (f.failReason.isEmpty())
            return {};
        return f.settled ? tr("settled after failing on %1: %2").arg(isoDate(f.failedOn), f.failReason)
                         : tr("%1 (%2)").arg(f.failReason, isoDate(f.failedOn));
    default: return {};
    }
}

QVariant SettlementTradesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Trade date"), QT_TR_NOOP("Settle date"), QT_TR_NOOP("Account"),
                                  QT_TR_NOOP("Instrument"), QT_TR_NOOP("Side"),        QT_TR_NOOP("Quantity"),
                                  QT_TR_NOOP("Price"),      QT_TR_NOOP("Amount"),      QT_TR_NOOP("Status"),
                                  QT_TR_NOOP("Reason")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

// The first load: the engine's rows as they are (their blocks shared with it), when each trade
// is there once.
bool SettlementTradesModel::loadShared(const FillRows &executions)
{
    QHash<QString, int> rowOf;
    rowOf.reserve(executions.size());
    for (qsizetype i = 0; i < executions.size(); ++i) {
        QString key = executions.at(i).key();
        if (rowOf.contains(key))
            return false;
        rowOf.insert(std::move(key), int(i));
    }
    beginInsertRows({}, 0, int(executions.size()) - 1);
    m_rows = executions;
    m_rowOf = std::move(rowOf);
    endInsertRows();
    return true;
}

void SettlementTradesModel::applyExecutions(const FillRows &executions)
{
    if (executions.isEmpty() || (m_rows.isEmpty() && loadShared(executions))) {
        if (m_rows.size() > m_capacity + m_capacity / 10)
            dropOldestSettled();
        return;
    }
    QList<FillRecord> added;
    int first = -1, last = -1;
    for (const FillRecord &f : executions) {
        const QString key = f.key();
        if (auto it = m_rowOf.constFind(key); it != m_rowOf.cend()) {
            if (*it >= m_rows.size()) { // a trade new in this list, then its settlement in the same list
                added[*it - m_rows.size()] = f;
                continue;
            }
            m_rows.edit(*it) = f;
            first = first < 0 ? *it : std::min(first, *it);
            last = std::max(last, *it);
            continue;
        }
        m_rowOf.insert(key, int(m_rows.size() + added.size()));
        added.append(f);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        for (const FillRecord &f : std::as_const(added))
            m_rows.append(f);
        endInsertRows();
    }
    if (m_rows.size() > m_capacity + m_capacity / 10)
        dropOldestSettled();
}

void SettlementTradesModel::dropOldestSettled()
{
    qsizetype drop = m_rows.size() - m_capacity;
    FillRows kept;
    for (const FillRecord &f : std::as_const(m_rows)) { // oldest first
        if (drop > 0 && f.settled) {
            --drop;
            continue;
        }
        kept.append(f);
    }
    if (kept.size() == m_rows.size())
        return; // nothing settled to let go of
    beginResetModel();
    m_rows = std::move(kept);
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows.at(i).key(), int(i));
    endResetModel();
}

void SettlementTradesModel::setToday(QDate today)
{
    if (today == m_today)
        return;
    m_today = today;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

// ---- summary ----

QString SettlementSummaryModel::bucketName(SettlementBucket bucket)
{
    switch (bucket) {
    case SettlementBucket::Pending: return tr("Pending");
    case SettlementBucket::SettlingToday: return tr("Settling today");
    case SettlementBucket::Settled: return tr("Settled");
    case SettlementBucket::Failed: return tr("Failed");
    }
    return {};
}

int SettlementSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SettlementBucketCount * int(1 + m_accounts.size());
}

int SettlementSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int SettlementSummaryModel::rowOf(SettlementBucket bucket, const QString &account) const
{
    const int base = int(bucket) * int(1 + m_accounts.size());
    if (account.isEmpty())
        return base;
    const qsizetype i = m_accounts.indexOf(account);
    return i < 0 ? -1 : base + 1 + int(i);
}

QVariant SettlementSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int perBucket = int(1 + m_accounts.size());
    const auto bucket = SettlementBucket(index.row() / perBucket);
    const int within = index.row() % perBucket;
    const QString account = within == 0 ? QString() : m_accounts.at(within - 1);
    if (role == BucketRole)
        return int(bucket);
    if (role == AccountRole)
        return account;
    if (role == Qt::FontRole && within == 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    const SettlementAmounts amounts = within == 0 ? m_summary.total(bucket) : m_summary.account(bucket, account);
    if (role == Qt::ForegroundRole && bucket == SettlementBucket::Failed && amounts.trades > 0)
        return QBrush(QColor(0xc6, 0x28, 0x28));
    if (role == Qt::ForegroundRole && within > 0 && amounts.trades == 0)
        return QBrush(QColor(0x9e, 0x9e, 0x9e)); // an account with nothing in the bucket
    if (role == Qt::TextAlignmentRole && index.column() >= Trades)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Bucket: return within == 0 ? bucketName(bucket) : QString();
    case Account: return within == 0 ? tr("All accounts") : account;
    case Trades: return QLocale().toString(amounts.trades);
    case ToPay: return money(amounts.payCents);
    case ToReceive: return money(amounts.receiveCents);
    case Net: return money(amounts.netCents());
    default: return {};
    }
}

QVariant SettlementSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Bucket"), QT_TR_NOOP("Account"), QT_TR_NOOP("Trades"),
                                  QT_TR_NOOP("Cash to pay"), QT_TR_NOOP("Cash to receive"), QT_TR_NOOP("Net")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void SettlementSummaryModel::setSummary(const SettlementSummary &summary)
{
    const QStringList accounts = summary.accounts();
    if (accounts != m_accounts) { // a new account: rows move (rare)
        beginResetModel();
        m_summary = summary;
        m_accounts = accounts;
        endResetModel();
        return;
    }
    m_summary = summary;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

// ---- filter ----

void SettlementTradesFilter::setBucket(SettlementBucket bucket, const QString &account)
{
    m_bucket = bucket;
    m_account = account;
    invalidateFilter();
}

bool SettlementTradesFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return i.data(SettlementTradesModel::BucketRole).toInt() == int(m_bucket)
           && (m_account.isEmpty() || i.data(SettlementTradesModel::AccountRole).toString() == m_account);
}

// ---- panel ----

SettlementDashboard::SettlementDashboard(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_trades(new SettlementTradesModel(reference, this)), m_summary(new SettlementSummaryModel(this)),
      m_filter(new SettlementTradesFilter(this)), m_summaryView(new QTableView(this)), m_tradesView(new QTableView(this)),
      m_lifecycle(new LifecycleModel(reference, this)), m_lifecycleView(new QTableView(this)), m_dateLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("Settlement"));
    m_filter->setSourceModel(m_trades);
    m_filter->setSortRole(SettlementTradesModel::SortRole);
    // The filter follows the rows' buckets as they settle or fail (their dataChanged).
    m_filter->setDynamicSortFilter(true);

    m_summaryView->setModel(m_summary);
    m_summaryView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_summaryView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_summaryView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summaryView->verticalHeader()->hide();
    m_summaryView->verticalHeader()->setDefaultSectionSize(m_summaryView->fontMetrics().height() + 4);
    m_summaryView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_summaryView->setToolTip(tr("Pick a bucket, or one account in it, to list its trades below."));

    m_tradesView->setModel(m_filter);
    m_tradesView->setSortingEnabled(true);
    m_tradesView->sortByColumn(SettlementTradesModel::SettleDate, Qt::AscendingOrder);
    m_tradesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tradesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tradesView->verticalHeader()->hide();
    m_tradesView->verticalHeader()->setDefaultSectionSize(m_tradesView->fontMetrics().height() + 4);
    m_tradesView->horizontalHeader()->setStretchLastSection(true);
    m_tradesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tradesView->horizontalHeader()->setSectionResizeMode(SettlementTradesModel::Reason, QHeaderView::Stretch);

    m_lifecycleView->setModel(m_lifecycle);
    m_lifecycleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lifecycleView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lifecycleView->verticalHeader()->hide();
    m_lifecycleView->verticalHeader()->setDefaultSectionSize(m_lifecycleView->fontMetrics().height() + 4);
    m_lifecycleView->horizontalHeader()->setStretchLastSection(true);
    m_lifecycleView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_lifecycleView->horizontalHeader()->setSectionResizeMode(LifecycleModel::Detail, QHeaderView::Stretch);
    m_lifecycleView->setToolTip(tr("Coupons, maturities and option expiries: what is coming (in grey) and what was paid or delivered."));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_summaryView);
    split->addWidget(m_tradesView);
    split->addWidget(m_lifecycleView);
    split->setStretchFactor(1, 3); // the trades of the bucket, then the instruments' own dates
    split->setStretchFactor(2, 2);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_dateLabel);
    layout->addWidget(split, 1);

    connect(m_summaryView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            m_filter->setBucket(SettlementBucket(current.data(SettlementSummaryModel::BucketRole).toInt()),
                                current.data(SettlementSummaryModel::AccountRole).toString());
    });
    connect(m_summary, &QAbstractItemModel::modelReset, this, [this] {
        fitSummary();
        selectBucket(m_filter->bucket(), m_filter->account());
    });
    if (engine) {
        connect(engine, &TradingEngine::executionsAdded, this, &SettlementDashboard::applyExecutions);
        connect(engine, &TradingEngine::tradeDateChanged, this, &SettlementDashboard::setToday);
        connect(engine, &TradingEngine::lifecycleUpdated, m_lifecycle, &LifecycleModel::setRows);
    }
    refresh();
    fitSummary();
    selectBucket(SettlementBucket::Pending);
}

void SettlementDashboard::fitSummary()
{
    // The summary takes the height of its rows and no more; the trades list gets the rest. In a
    // small dock it keeps two buckets' worth and scrolls.
    const int rows = m_summary->rowCount();
    const int row = m_summaryView->verticalHeader()->defaultSectionSize();
    const int chrome = m_summaryView->horizontalHeader()->sizeHint().height() + 2 * m_summaryView->frameWidth();
    m_summaryView->setMaximumHeight(chrome + rows * row);
    // At least the desk total and one account (two buckets' worth of rows each), whatever the
    // number of accounts: a minimum that grew with them held a 1,800-account window 12,000 px tall.
    m_summaryView->setMinimumHeight(chrome + std::min(rows, 2 * SettlementBucketCount) * row);
}

void SettlementDashboard::applyExecutions(const FillRows &executions)
{
    if (executions.isEmpty())
        return;
    m_trades->applyExecutions(executions);
    refresh();
}

void SettlementDashboard::setToday(QDate today)
{
    m_trades->setToday(today);
    m_filter->invalidate();
    refresh();
}

void SettlementDashboard::selectBucket(SettlementBucket bucket, const QString &account)
{
    int row = m_summary->rowOf(bucket, account);
    if (row < 0)
        row = m_summary->rowOf(bucket);
    m_summaryView->setCurrentIndex(m_summary->index(row, 0));
    m_summaryView->selectRow(row);
    m_filter->setBucket(bucket, row == m_summary->rowOf(bucket) ? QString() : account);
}

void SettlementDashboard::refresh()
{
    // A pass over the trades held (about the newest 200,000, and every one still to settle).
    m_summary->setSummary(SettlementSummary(m_trades->trades(), m_trades->today()));
    const SettlementAmounts failed = m_summary->summary().total(SettlementBucket::Failed);
    const QString date = m_trades->today().isValid() ? m_trades->today().toString(Qt::ISODate) : tr("waiting for the engine");
    m_dateLabel->setText(failed.trades > 0 ? tr("Business date %1 · T+1 · <b style=\"color:#c62828\">%Ln failed</b>", nullptr, int(failed.trades)).arg(date)
                                           : tr("Business date %1 · T+1 · no fails").arg(date));
}

} // namespace instant
