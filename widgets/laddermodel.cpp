#include "laddermodel.h"

#include "refdata/instrument.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace instant {

LadderModel::LadderModel(QObject *parent) : QAbstractTableModel(parent) {}

int LadderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int LadderModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LadderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MyBids: return tr("My bids");
    case Bids: return tr("Bid size");
    case PriceColumn: return tr("Price");
    case Asks: return tr("Ask size");
    case MyAsks: return tr("My asks");
    default: return {};
    }
}

QVariant LadderModel::data(const QModelIndex &index, int role) const
{
    const std::optional<Price> p = index.isValid() ? priceAt(index.row()) : std::nullopt;
    if (!p)
        return {};
    const qint64 price = p->value();
    const int column = index.column();
    const QList<OrderRef> own = column == MyBids ? m_ownBuys.value(price) : column == MyAsks ? m_ownSells.value(price) : QList<OrderRef>();
    switch (role) {
    case PriceRole: return QVariant::fromValue<qlonglong>(price);
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignCenter);
    case Qt::BackgroundRole: return background(index.row(), column, price);
    case Qt::ToolTipRole: return tooltip(column, price);
    case Qt::FontRole: {
        const bool best = column == PriceColumn && (Price(price) == m_bestBid || Price(price) == m_bestAsk);
        if (!best && own.isEmpty())
            return {};
        QFont f;
        f.setBold(true);
        return f;
    }
    case Qt::ForegroundRole: {
        // Orders on their way out (or to another price) are greyed until the venue says so.
        const bool moving = !own.isEmpty() && std::all_of(own.cbegin(), own.cend(), [](const OrderRef &o) {
            return o->state == OrderState::PendingCancel || o->state == OrderState::PendingReplace;
        });
        return moving ? QVariant(QBrush(Qt::gray)) : QVariant();
    }
    case Qt::DisplayRole: break;
    default: return {};
    }
    switch (column) {
    case PriceColumn: return m_instrument->formatPrice(*p);
    case Bids: return m_bidSize.contains(price) ? formatQuantity(m_bidSize.value(price), m_instrument) : QString();
    case Asks: return m_askSize.contains(price) ? formatQuantity(m_askSize.value(price), m_instrument) : QString();
    case MyBids:
    case MyAsks: {
        const qint64 q = ownQuantity(own);
        if (own.isEmpty())
            return QString();
        return own.size() > 1 ? tr("%1 (%2)").arg(formatQuantity(q, m_instrument)).arg(own.size()) : formatQuantity(q, m_instrument);
    }
    default: return {};
    }
}

QVariant LadderModel::background(int row, int column, qint64 price) const
{
    if (row == m_dropRow)
        return QBrush(QColor(33, 150, 243, 110));
    const bool bestBid = Price(price) == m_bestBid, bestAsk = Price(price) == m_bestAsk;
    switch (column) {
    case MyBids: return m_ownBuys.contains(price) ? QVariant(QBrush(QColor(255, 179, 0, 140))) : QVariant();
    case MyAsks: return m_ownSells.contains(price) ? QVariant(QBrush(QColor(255, 179, 0, 140))) : QVariant();
    case Bids: return m_bidSize.contains(price) ? QVariant(QBrush(QColor(46, 125, 50, bestBid ? 120 : 60))) : QVariant();
    case Asks: return m_askSize.contains(price) ? QVariant(QBrush(QColor(198, 40, 40, bestAsk ? 120 : 60))) : QVariant();
    case PriceColumn:
        if (bestBid)
            return QBrush(QColor(46, 125, 50, 40));
        if (bestAsk)
            return QBrush(QColor(198, 40, 40, 40));
        return {};
    default: return {};
    }
}

QVariant LadderModel::tooltip(int column, qint64 price) const
{
    const QString at = m_instrument->formatPrice(Price(price));
    if (column == Bids)
        return tr("Click to buy at %1").arg(at);
    if (column == Asks)
        return tr("Click to sell at %1").arg(at);
    if (!isOwnColumn(column))
        return {};
    const QList<OrderRef> own = column == MyBids ? m_ownBuys.value(price) : m_ownSells.value(price);
    if (own.isEmpty())
        return {};
    QStringList lines;
    for (const OrderRef &o : own)
        lines << tr("%1: %2 at %3 (%4)").arg(o->orderId, formatQuantity(o->leaves().value(), m_instrument), at, stateName(o->state));
    lines << tr("Click to cancel; drag to another price to move");
    return lines.join(u'\n');
}

qint64 LadderModel::ownQuantity(const QList<OrderRef> &orders) const
{
    qint64 total = 0;
    for (const OrderRef &o : orders)
        total += o->leaves().value();
    return total;
}

void LadderModel::setInstrument(const Instrument *instrument)
{
    beginResetModel();
    m_instrument = instrument;
    m_bidSize.clear();
    m_askSize.clear();
    m_bestBid.reset();
    m_bestAsk.reset();
    m_ownBuys.clear();
    m_ownSells.clear();
    m_dropRow = -1;
    if (instrument) {
        const qint64 tick = instrument->tickSize;
        m_top = instrument->referencePrice.value() / tick * tick + (m_rows / 2) * tick;
    }
    endResetModel();
}

void LadderModel::centreOn(Price price)
{
    if (!m_instrument)
        return;
    const qint64 tick = m_instrument->tickSize;
    m_top = price.value() / tick * tick + (m_rows / 2) * tick;
    changedAll();
}

void LadderModel::shift(int rows)
{
    if (!m_instrument || rows == 0)
        return;
    m_top += qint64(rows) * m_instrument->tickSize;
    changedAll();
}

void LadderModel::setRows(int rows, bool keepTop)
{
    rows = std::max(rows, 3);
    if (rows == m_rows)
        return;
    const qint64 tick = m_instrument ? m_instrument->tickSize : 1;
    const qint64 middle = m_top - (m_rows / 2) * tick;
    beginResetModel();
    m_rows = rows;
    if (!keepTop)
        m_top = middle + (m_rows / 2) * tick;
    endResetModel();
}

std::optional<Price> LadderModel::priceAt(int row) const
{
    if (!m_instrument || row < 0 || row >= m_rows)
        return std::nullopt;
    const qint64 price = m_top - qint64(row) * m_instrument->tickSize;
    return price > 0 ? std::optional<Price>(Price(price)) : std::nullopt;
}

int LadderModel::rowOf(Price price) const
{
    if (!m_instrument)
        return -1;
    const qint64 distance = m_top - price.value();
    if (distance < 0 || distance % m_instrument->tickSize != 0)
        return -1;
    const qint64 row = distance / m_instrument->tickSize;
    return row < m_rows ? int(row) : -1;
}

void LadderModel::setDepth(const QList<LevelView> &bids, const QList<LevelView> &asks)
{
    m_bidSize.clear();
    m_askSize.clear();
    m_bestBid.reset();
    m_bestAsk.reset();
    for (const LevelView &l : bids) {
        m_bidSize[l.price.value()] += l.quantity.value();
        if (!m_bestBid || l.price > *m_bestBid)
            m_bestBid = l.price;
    }
    for (const LevelView &l : asks) {
        m_askSize[l.price.value()] += l.quantity.value();
        if (!m_bestAsk || l.price < *m_bestAsk)
            m_bestAsk = l.price;
    }
    changedAll();
}

std::optional<Price> LadderModel::marketPrice() const
{
    if (m_bestBid && m_bestAsk && m_instrument) {
        const qint64 tick = m_instrument->tickSize;
        return Price((m_bestBid->value() + m_bestAsk->value()) / 2 / tick * tick);
    }
    return m_bestBid ? m_bestBid : m_bestAsk;
}

void LadderModel::setOwnOrders(const QList<OrderRef> &orders)
{
    m_ownBuys.clear();
    m_ownSells.clear();
    for (const OrderRef &o : orders)
        if (o->limitPrice)
            (o->side == Side::Buy ? m_ownBuys : m_ownSells)[o->limitPrice->value()].append(o);
    for (auto *side : {&m_ownBuys, &m_ownSells})
        for (QList<OrderRef> &level : *side)
            std::sort(level.begin(), level.end(), [](const OrderRef &a, const OrderRef &b) { return enteredBefore(*a, *b); });
    changedAll();
}

QList<OrderRef> LadderModel::ownOrders(Price price, Side side) const
{
    return (side == Side::Buy ? m_ownBuys : m_ownSells).value(price.value());
}

void LadderModel::setDropRow(int row)
{
    if (row == m_dropRow)
        return;
    m_dropRow = row;
    changedAll();
}

void LadderModel::changedAll()
{
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}

} // namespace instant
