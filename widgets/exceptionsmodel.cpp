#include "exceptionsmodel.h"

#include "common/clock.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace instant {

ExceptionsModel::ExceptionsModel(QObject *parent) : QAbstractTableModel(parent)
{
}

int ExceptionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ExceptionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString timeText(TimestampUs us)
{
    QString t = formatUtcMicros(us).left(19); // 2026-11-21T07:11:06
    if (t.size() > 10)
        t[10] = u' ';
    return t;
}

} // namespace

QString ExceptionsModel::text(const TradingState::ExceptionEntry &e, int column)
{
    switch (column) {
    case Time: return timeText(e.recordedUs);
    case Account: return e.account;
    case OrderId: return e.orderId;
    case Kind: return e.kind;
    case Expected: return e.expected;
    case Came: return e.came;
    case ExecId: return e.execId;
    case AcknowledgedBy: return e.acknowledgedBy;
    case Note: return e.note;
    default: return {};
    }
}

QVariant ExceptionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const TradingState::ExceptionEntry &e = m_rows.at(index.row());
    const bool open = e.acknowledgedBy.isEmpty();
    const int column = index.column();
    if (role == Qt::DisplayRole)
        return text(e, column);
    if (role == SequenceRole)
        return qint64(e.sequence);
    if (role == OpenRole)
        return open;
    if (role == Qt::FontRole && open) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ForegroundRole) {
        if (!open)
            return QBrush(QColor(0x75, 0x75, 0x75));
        if (column == Kind)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (column == Expected || column == Came || column == Note)
            return text(e, column);
        if (open)
            return tr("Open: nobody has acknowledged it yet (right-click to acknowledge)");
        return tr("Acknowledged by %1").arg(e.acknowledgedBy);
    }
    return {};
}

QVariant ExceptionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Account"),  QT_TR_NOOP("Order"),
                                  QT_TR_NOOP("Kind"),       QT_TR_NOOP("Expected"), QT_TR_NOOP("Came"),
                                  QT_TR_NOOP("Exec"),       QT_TR_NOOP("Acknowledged by"), QT_TR_NOOP("Note")};
    static_assert(sizeof(names) / sizeof(names[0]) == std::size_t(ColumnCount));
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void ExceptionsModel::setRows(const QList<TradingState::ExceptionEntry> &rows)
{
    // The list only grows at the end, loses its oldest at the front (past the state's capacity)
    // and has rows acknowledged in place, all in the order of their sequence.
    qsizetype drop = 0;
    if (!rows.isEmpty())
        while (drop < m_rows.size() && m_rows.at(drop).sequence < rows.constFirst().sequence)
            ++drop;
    const qsizetype kept = m_rows.size() - drop;
    // An empty list is aligned only with an empty model (nothing to tell).
    bool aligned = rows.isEmpty() ? m_rows.isEmpty() : kept <= rows.size();
    for (qsizetype i = 0; aligned && i < kept; ++i)
        aligned = m_rows.at(drop + i).sequence == rows.at(i).sequence;
    if (!aligned) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    } else {
        if (drop > 0) {
            beginRemoveRows({}, 0, int(drop) - 1);
            m_rows.remove(0, drop);
            endRemoveRows();
        }
        int first = -1, last = -1;
        for (qsizetype i = 0; i < kept; ++i)
            if (!(m_rows.at(i) == rows.at(i))) {
                m_rows[i] = rows.at(i);
                if (first < 0)
                    first = int(i);
                last = int(i);
            }
        if (first >= 0)
            Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1)); // one range
        if (rows.size() > kept) {
            beginInsertRows({}, int(kept), int(rows.size()) - 1);
            m_rows.append(rows.mid(kept));
            endInsertRows();
        }
        m_rows = rows; // the same rows now: shared with the sender's list
    }
    int open = 0;
    for (const TradingState::ExceptionEntry &e : std::as_const(m_rows))
        open += e.acknowledgedBy.isEmpty() ? 1 : 0;
    if (open != m_open) {
        m_open = open;
        Q_EMIT openCountChanged(open);
    }
}

} // namespace instant
