#include "blottermodel.h"

#include "events/orderevents.h"
#include "refdata/referencedata.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace instant {

RefreshTick::RefreshTick(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(33);
    connect(&m_timer, &QTimer::timeout, this, &RefreshTick::due);
}

void RefreshTick::request()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void RefreshTick::applied(qsizetype updates)
{
    m_timer.setInterval(updates >= 1000 ? 100 : 33);
}

BlotterModel::BlotterModel(const ReferenceData &reference, QObject *parent)
    : QAbstractTableModel(parent), m_reference(reference)
{
    connect(&m_tick, &RefreshTick::due, this, &BlotterModel::flush);
}

int BlotterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BlotterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BlotterModel::symbolOf(const OrderRecord &o) const
{
    const Instrument *i = m_reference.instrument(o.instrument);
    return i ? i->symbol : o.instrument.text();
}

QString BlotterModel::text(const OrderRecord &o, int column) const
{
    const Instrument *i = m_reference.instrument(o.instrument);
    auto price = [i](std::optional<Price> p) { return p && i ? i->formatPrice(*p) : QString(); };
    switch (column) {
    case Time: return formatUtcMicros(o.createdUs).mid(11, 12);
    case OrderId: return o.orderId;
    case Account: return o.account;
    case Symbol: return i ? i->symbol : o.instrument.text();
    case Side: return o.side == instant::Side::Buy ? tr("Buy") : tr("Sell");
    case Type: return events::toString(o.type);
    case Tif: return events::toString(o.tif).toUpper();
    case Quantity: return formatQuantity(o.quantity.value(), i);
    case Limit: return price(o.limitPrice);
    case Stop: return price(o.stopPrice);
    case Filled: return formatQuantity(o.filled.value(), i);
    case Leaves: return formatQuantity(o.leaves().value(), i);
    case AveragePrice: return i ? averagePriceText(o, *i) : QString();
    case State: return stateName(o.state);
    case Reason: return o.reason;
    default: return {};
    }
}

QVariant BlotterModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const OrderRecord &o = *m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // A badge on the state for executions booked on the order that were not expected (the
        // Exceptions tab lists them); the sort, the filter and the CSV keep the plain state.
        if (index.column() == State && o.exceptions > 0)
            return tr("%1 ⚠ %2").arg(stateName(o.state)).arg(o.exceptions);
        return text(o, index.column());
    case Qt::ToolTipRole:
        if (index.column() == State && o.exceptions > 0) {
            const QString exceptions = tr("%n execution exception(s): see the Exceptions tab", nullptr, o.exceptions);
            return o.reason.isEmpty() ? exceptions : QStringLiteral("%1\n%2").arg(o.reason, exceptions);
        }
        return index.column() == Reason || index.column() == State ? QVariant(o.reason) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() >= Quantity && index.column() <= AveragePrice)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Side)
            return QBrush(o.side == instant::Side::Buy ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        if (index.column() == State && o.state == OrderState::Rejected)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (index.column() == State && o.exceptions > 0)
            return QBrush(QColor(0xe6, 0x51, 0x00)); // amber: an exception on the order
        return {};
    case OrderIdRole:
        return o.orderId;
    case StateRole:
        return int(o.state);
    case SortRole:
        switch (index.column()) {
        case Time: return o.createdUs;
        case Quantity: return o.quantity.value();
        case Filled: return o.filled.value();
        case Leaves: return o.leaves().value();
        case Limit: return o.limitPrice ? o.limitPrice->value() : 0;
        case AveragePrice: return o.averagePriceUnits();
        default: return text(o, index.column());
        }
    default:
        return {};
    }
}

QVariant BlotterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time (UTC)");
    case OrderId: return tr("Order");
    case Account: return tr("Account");
    case Symbol: return tr("Instrument");
    case Side: return tr("Side");
    case Type: return tr("Type");
    case Tif: return tr("TIF");
    case Quantity: return tr("Qty");
    case Limit: return tr("Limit");
    case Stop: return tr("Stop");
    case Filled: return tr("Filled");
    case Leaves: return tr("Leaves");
    case AveragePrice: return tr("Avg px");
    case State: return tr("State");
    case Reason: return tr("Reason");
    default: return {};
    }
}

void BlotterModel::applyUpdates(const QList<OrderRef> &orders)
{
    if (m_pending.isEmpty())
        m_pending = orders; // shared with the sender's list: no copy of a million rows
    else
        m_pending.append(orders);
    ++m_pendingBatches;
    m_tick.request();
}

int BlotterModel::rowOf(const QString &orderId) const
{
    for (qsizetype r = m_rows.size(); r-- > 0;)
        if (m_rows.at(r)->orderId == orderId)
            return int(r);
    return -1;
}

qsizetype BlotterModel::lowerBound(const OrderRecord &o) const
{
    // Updates are mostly for recent orders: widen the range back from the newest row until it
    // starts before the order, then search in it (a few steps in memory that is already hot).
    const qsizetype n = m_rows.size();
    auto before = [](const OrderRef &row, const OrderRecord &key) { return enteredBefore(*row, key); };
    for (qsizetype span = 16;; span *= 8) {
        const qsizetype from = std::max<qsizetype>(0, n - span);
        if (from == 0 || enteredBefore(*m_rows.at(from), o))
            return std::lower_bound(m_rows.cbegin() + from, m_rows.cend(), o, before) - m_rows.cbegin();
    }
}

qsizetype BlotterModel::find(const OrderRecord &o) const
{
    if (m_rows.isEmpty() || enteredBefore(*m_rows.constLast(), o))
        return -1; // entered after every row: a new order
    const qsizetype at = lowerBound(o);
    return at < m_rows.size() && m_rows.at(at)->orderId == o.orderId ? at : -1;
}

void BlotterModel::flush()
{
    m_tick.stop();
    if (m_pending.isEmpty())
        return;
    QList<OrderRef> pending = std::exchange(m_pending, {});
    const int batches = std::exchange(m_pendingBatches, 0);
    m_tick.applied(pending.size());
    if (m_rows.isEmpty() && batches == 1) {
        // The first load: one batch of distinct orders (the engine sends each order once, in
        // entry order). The rows take the sender's list as it is, shared, not copied.
        const int count = int(pending.size());
        sortByEntry(pending); // a pass when already in entry order
        beginInsertRows({}, 0, count - 1);
        m_rows = std::move(pending);
        endInsertRows();
        Q_EMIT flushed(count, 0);
        return;
    }
    QList<OrderRef> fresh;
    QHash<QString, qsizetype> freshAt; // several updates of a new order in one tick: the last wins
    int first = INT_MAX, last = -1;
    for (OrderRef &o : pending) {
        const QString &id = o->orderId;
        const int row = int(find(*o));
        if (row >= 0) {
            m_rows[row] = std::move(o);
            first = std::min(first, row);
            last = std::max(last, row);
        } else if (auto it = freshAt.constFind(id); it != freshAt.cend()) {
            fresh[*it] = std::move(o);
        } else {
            freshAt.insert(id, fresh.size());
            fresh.append(std::move(o));
        }
    }
    const int changed = int(pending.size() - fresh.size());
    const int inserted = int(fresh.size());
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1)); // one range per tick
    if (!fresh.isEmpty()) {
        sortByEntry(fresh);
        // New orders come after every row: one insertion at the end. One entered earlier (another
        // workstation's, learnt late) goes to its place in entry order.
        qsizetype late = 0;
        while (late < fresh.size() && !m_rows.isEmpty() && enteredBefore(*fresh.at(late), *m_rows.constLast()))
            ++late;
        for (qsizetype i = 0; i < late; ++i) {
            const int at = int(lowerBound(*fresh.at(i)));
            beginInsertRows({}, at, at);
            m_rows.insert(at, fresh.at(i));
            endInsertRows();
        }
        const int start = int(m_rows.size());
        if (late < fresh.size()) {
            beginInsertRows({}, start, start + int(fresh.size() - late) - 1);
            m_rows.append(late == 0 ? std::move(fresh) : fresh.mid(late));
            endInsertRows();
        }
    }
    Q_EMIT flushed(inserted, changed);
}

void BlotterModel::setAll(const QList<OrderRef> &orders)
{
    beginResetModel();
    m_pending.clear();
    m_pendingBatches = 0;
    m_rows = orders; // in entry order (instant::sortByEntry), sorted by the caller off the GUI thread
    endResetModel();
}

QString BlotterModel::csv() const
{
    auto field = [](QString v) -> QString {
        if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n')) {
            v.replace(u'"', QStringLiteral("\"\""));
            return u'"' + v + u'"';
        }
        return v;
    };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < ColumnCount; ++c)
        header << field(headerData(c, Qt::Horizontal).toString());
    lines << header.join(u',');
    for (const OrderRef &row : m_rows) {
        const OrderRecord &o = *row;
        QStringList cells;
        for (int c = 0; c < ColumnCount; ++c)
            cells << field(c == Quantity || c == Filled || c == Leaves ? QString::number(c == Quantity ? o.quantity.value() : c == Filled ? o.filled.value() : o.leaves().value())
                                                                      : text(o, c));
        lines << cells.join(u',');
    }
    return lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n");
}

ExecutionsModel::ExecutionsModel(const ReferenceData &reference, QObject *parent)
    : QAbstractTableModel(parent), m_reference(reference)
{
    connect(&m_tick, &RefreshTick::due, this, &ExecutionsModel::flush);
}

int ExecutionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.size());
}

int ExecutionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExecutionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_history.size())
        return {};
    const FillRecord &f = m_history.rows().at(index.row());
    const Instrument *i = m_reference.instrument(f.instrument);
    if (role == Qt::TextAlignmentRole && (index.column() == Quantity || index.column() == Price || index.column() == Notional || index.column() == Accrued))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    // Busted: struck through and grey (reversed, kept for the record). Corrected: the new terms,
    // its history in the last column and every cell's tooltip.
    const bool busted = isBusted(f);
    if (role == Qt::FontRole && busted) {
        QFont font;
        font.setStrikeOut(true);
        return font;
    }
    if (role == Qt::ForegroundRole && busted)
        return QBrush(QColor(0x75, 0x75, 0x75));
    if (role == Qt::ToolTipRole) {
        if (!f.adjustment.isEmpty())
            return f.adjustment;
        if (index.column() == Price && !f.priceText.isEmpty())
            return tr("The venue's price, off the tick grid; booked at %1").arg(i ? i->formatPrice(instant::Price(f.price)) : QString::number(f.price));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time: return formatUtcMicros(f.recordedUs).mid(11, 12);
    case ExecId: return f.execId;
    case OrderId: return f.orderId;
    case Account: return f.account.text();
    case Symbol: return i ? i->symbol : f.instrument.text();
    case Side: return f.side == instant::Side::Buy ? tr("Buy") : tr("Sell");
    case Quantity: return formatQuantity(f.quantity, i);
    case Price:
        if (!f.priceText.isEmpty())
            return f.priceText; // exactly as the venue sent it (off the tick grid)
        return i ? i->formatPrice(instant::Price(f.price)) : QString::number(f.price);
    case Notional: return QLocale().toString(double(f.notionalCents) / 100.0, 'f', 2);
    case Accrued: return f.accruedCents ? QLocale().toString(double(f.accruedCents) / 100.0, 'f', 2) : QString();
    case SettleDate: return f.settleDate.toString(Qt::ISODate);
    case Settled: return f.settled ? tr("settled") : tr("pending");
    case History: return f.adjustment;
    default: return {};
    }
}

QVariant ExecutionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Exec"), QT_TR_NOOP("Order"), QT_TR_NOOP("Account"),
                                  QT_TR_NOOP("Instrument"), QT_TR_NOOP("Side"), QT_TR_NOOP("Qty"), QT_TR_NOOP("Price"),
                                  QT_TR_NOOP("Notional $"), QT_TR_NOOP("Accrued $"), QT_TR_NOOP("Settles"), QT_TR_NOOP("Settlement"), QT_TR_NOOP("History")};
    static_assert(sizeof(names) / sizeof(names[0]) == std::size_t(ColumnCount));
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void ExecutionsModel::append(const FillRows &executions)
{
    if (executions.isEmpty())
        return;
    if (m_pending.isEmpty())
        m_pending = executions; // shared with the sender's list
    else
        m_pending.append(executions);
    m_tick.request();
}

void ExecutionsModel::flush()
{
    m_tick.stop();
    if (m_pending.isEmpty())
        return;
    FillRows executions = std::exchange(m_pending, {});
    m_tick.applied(executions.size());
    if (m_history.isEmpty()) {
        // The first load: the newest rows as sent, shared with the engine's. The engine sends fills
        // in the order recorded; a settlement sent after them repeats a sequence: from there on,
        // the general path below (a row changed in place, or added).
        if (executions.size() > m_history.capacity())
            executions.removeFirst(executions.size() - m_history.capacity());
        const auto repeated = std::adjacent_find(executions.cbegin(), executions.cend(), [](const FillRecord &a, const FillRecord &b) {
            return a.sequence >= b.sequence;
        });
        const qsizetype distinct = repeated == executions.cend() ? executions.size() : std::distance(executions.cbegin(), repeated) + 1;
        beginInsertRows({}, 0, int(distinct) - 1);
        m_history.reset(executions.left(distinct));
        endInsertRows();
        if (distinct == executions.size())
            return;
        executions.removeFirst(distinct);
    }
    // Settlement marks earlier rows: refresh those in place (one range), append the new ones.
    const Sequence oldest = m_history.isEmpty() ? 0 : m_history.rows().constFirst().sequence;
    QList<FillRecord> fresh;
    QHash<Sequence, qsizetype> freshAt; // a fill and its settlement in one tick: one row
    int first = INT_MAX, last = -1;
    for (const FillRecord &f : executions) {
        const qsizetype held = m_history.rowOf(f.sequence);
        if (held >= 0) {
            m_history.row(held) = f;
            first = std::min(first, int(held));
            last = std::max(last, int(held));
        } else if (auto it = freshAt.constFind(f.sequence); it != freshAt.cend()) {
            fresh[*it] = f;
        } else if (m_history.dropped() > 0 && f.sequence < oldest) {
            continue; // settles a fill older than the panel keeps
        } else {
            freshAt.insert(f.sequence, fresh.size());
            fresh.append(f);
        }
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_history.size()), int(m_history.size() + fresh.size()) - 1);
    for (FillRecord &f : fresh)
        m_history.append(std::move(f));
    endInsertRows();
    // Past capacity by a tenth: the oldest rows go, in one removal.
    if (const qsizetype excess = m_history.excess(); excess > 0) {
        beginRemoveRows({}, 0, int(excess) - 1);
        m_history.dropOldest(excess);
        endRemoveRows();
    }
}

void ExecutionsModel::setAll(const FillRows &executions)
{
    beginResetModel();
    m_pending = {};
    m_history.reset(executions.mid(std::max<qsizetype>(0, executions.size() - m_history.capacity())));
    endResetModel();
}

} // namespace instant
