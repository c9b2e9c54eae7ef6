#include "bracketsmodel.h"

#include "common/clock.h"
#include "events/orderevents.h"
#include "refdata/referencedata.h"

#include <QBrush>
#include <QColor>

namespace instant {

// A child row's internal id is its bracket's row + 1; a bracket row's is 0.
BracketsModel::BracketsModel(const ReferenceData &reference, QObject *parent) : QAbstractItemModel(parent), m_reference(reference) {}

QModelIndex BracketsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_brackets.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_brackets.size())
        return {};
    if (row >= childrenOf(m_brackets.at(parent.row())).size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex BracketsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int BracketsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_brackets.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= m_brackets.size())
        return 0;
    return int(childrenOf(m_brackets.at(parent.row())).size());
}

int BracketsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QStringList BracketsModel::childrenOf(const BracketRecord &b) const
{
    return QStringList{b.id} + b.takeProfitOrders + b.exitOrders;
}

const BracketRecord *BracketsModel::bracketAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const int row = index.internalId() == 0 ? index.row() : int(index.internalId() - 1);
    return row < m_brackets.size() ? &m_brackets.at(row) : nullptr;
}

int BracketsModel::rowOf(const QString &bracketId) const
{
    for (int r = 0; r < m_brackets.size(); ++r)
        if (m_brackets.at(r).id == bracketId)
            return r;
    return -1;
}

QString BracketsModel::text(const BracketRecord &b, int column) const
{
    const Instrument *i = m_reference.instrument(b.instrument);
    auto price = [i](const std::optional<Price> &p) { return p && i ? i->formatPrice(*p) : QString(); };
    const OrderRef entry = m_orders.value(b.id);
    switch (column) {
    case Name: return b.id;
    case Symbol: return i ? i->symbol : b.instrument.text();
    case Role: return tr("bracket");
    case Quantity: return QLocale().toString(b.quantity);
    case Filled: return entry.isNull() ? QString() : QLocale().toString(entry->filled.value());
    case AveragePrice: return entry.isNull() || entry->filled.value() == 0 || !i ? QString() : i->formatPrice(instant::Price(qint64(entry->averagePriceUnits())));
    case State: return b.phase == BracketPhase::Exiting ? tr("exiting (%1)").arg(b.trigger) : phaseName(b.phase);
    case Stop: {
        QString s = price(b.stop);
        if (b.exits.trailBy)
            s += tr(" (trails %1, high %2)").arg(price(b.exits.trailBy), price(b.high));
        return s;
    }
    case TakeProfit: return price(b.exits.takeProfit);
    case ExitAt: return b.exits.exitAtUs ? formatUtcMicros(b.exits.exitAtUs).mid(11, 8) : QString();
    case Outcome: return b.outcome;
    }
    return {};
}

QString BracketsModel::text(const BracketRecord &b, const QString &orderId, int column) const
{
    const OrderRef o = m_orders.value(orderId);
    const Instrument *i = m_reference.instrument(b.instrument);
    switch (column) {
    case Name: return orderId;
    case Symbol: return i ? i->symbol : b.instrument.text();
    case Role:
        return orderId == b.id ? tr("entry") : b.takeProfitOrders.contains(orderId) ? tr("take-profit") : tr("exit");
    default: break;
    }
    if (o.isNull())
        return {};
    switch (column) {
    case Quantity: return QStringLiteral("%1 %2").arg(events::toString(o->side), QLocale().toString(o->quantity.value()));
    case Filled: return QLocale().toString(o->filled.value());
    case AveragePrice:
        if (o->filled.value() > 0 && i)
            return i->formatPrice(instant::Price(qint64(o->averagePriceUnits())));
        return o->limitPrice && i ? tr("lmt %1").arg(i->formatPrice(*o->limitPrice)) : events::toString(o->type);
    case State: return stateName(o->state);
    case Outcome: return o->reason;
    default: return {};
    }
}

QVariant BracketsModel::data(const QModelIndex &index, int role) const
{
    const BracketRecord *b = bracketAt(index);
    if (!b)
        return {};
    const bool child = index.internalId() != 0;
    const QStringList children = child ? childrenOf(*b) : QStringList();
    if (child && index.row() >= children.size())
        return {};
    switch (role) {
    case Qt::DisplayRole: return child ? text(*b, children.at(index.row()), index.column()) : text(*b, index.column());
    case BracketIdRole: return b->id;
    case OrderIdRole: return child ? children.at(index.row()) : b->id;
    case Qt::TextAlignmentRole:
        if (index.column() == Quantity || index.column() == Filled || index.column() == AveragePrice)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (!child && index.column() == State) {
            switch (b->phase) {
            case BracketPhase::Armed: return QBrush(QColor(0x2e, 0x7d, 0x32));
            case BracketPhase::Exiting: return QBrush(QColor(0xc6, 0x28, 0x28));
            case BracketPhase::Closed: return QBrush(QColor(0x75, 0x75, 0x75));
            case BracketPhase::Entry: return {};
            }
        }
        return {};
    case Qt::ToolTipRole:
        if (!child) {
            QString tip = tr("%1: %2. Stop-loss %3, take-profit %4. Right-click to edit in the ticket, exit now or stop.")
                              .arg(b->id, text(*b, State), text(*b, Stop).isEmpty() ? tr("none") : text(*b, Stop),
                                   text(*b, TakeProfit).isEmpty() ? tr("none") : text(*b, TakeProfit));
            if (!b->workstation.isEmpty()) // only that workstation works it; the others show it
                tip += u' ' + tr("Placed at workstation %1: only it works this bracket.").arg(b->workstation);
            return tip;
        }
        return {};
    default: return {};
    }
}

QVariant BracketsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Bracket / order");
    case Symbol: return tr("Symbol");
    case Role: return tr("Role");
    case Quantity: return tr("Quantity");
    case Filled: return tr("Filled");
    case AveragePrice: return tr("Price");
    case State: return tr("State");
    case Stop: return tr("Stop");
    case TakeProfit: return tr("Take-profit");
    case ExitAt: return tr("Exit at (UTC)");
    case Outcome: return tr("Outcome / reason");
    }
    return {};
}

void BracketsModel::applyBrackets(const QList<BracketRecord> &brackets)
{
    for (const BracketRecord &b : brackets) {
        const int row = rowOf(b.id);
        if (row < 0) {
            // Newest first: a new bracket goes on top.
            beginInsertRows({}, 0, 0);
            m_brackets.prepend(b);
            m_ids.insert(b.id);
            endInsertRows();
            continue;
        }
        const qsizetype before = childrenOf(m_brackets.at(row)).size(), after = childrenOf(b).size();
        const QModelIndex parentIndex = index(row, 0);
        if (after > before) {
            beginInsertRows(parentIndex, int(before), int(after - 1));
            m_brackets[row] = b;
            endInsertRows();
        } else {
            m_brackets[row] = b;
        }
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        if (after > 0)
            Q_EMIT dataChanged(index(0, 0, parentIndex), index(int(after - 1), ColumnCount - 1, parentIndex));
    }
}

void BracketsModel::applyOrders(const QList<OrderRef> &orders)
{
    QSet<int> changed;
    for (const OrderRef &o : orders) {
        const QString &bracket = o->parent.isEmpty() ? o->orderId : o->parent.text();
        // The first batch holds every order: a plain one costs one lookup, not a scan of the brackets.
        if (!m_ids.contains(bracket) && o->parent.isEmpty())
            continue;
        const int row = rowOf(bracket);
        if (row < 0 && o->parent.isEmpty())
            continue; // a plain order (or a bracket's entry not yet known: its bracket brings it)
        m_orders.insert(o->orderId, o);
        if (row >= 0)
            changed.insert(row);
    }
    for (int row : std::as_const(changed)) {
        const QModelIndex parentIndex = index(row, 0);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        if (const int n = rowCount(parentIndex); n > 0)
            Q_EMIT dataChanged(index(0, 0, parentIndex), index(n - 1, ColumnCount - 1, parentIndex));
    }
}

void BracketsModel::clear()
{
    beginResetModel();
    m_brackets.clear();
    m_ids.clear();
    m_orders.clear();
    endResetModel();
}

} // namespace instant
