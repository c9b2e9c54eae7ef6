#include "auditlogmodel.h"

#include <QFont>
#include <QFontDatabase>

#include <utility>

namespace instant {

AuditLogModel::AuditLogModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_tick.setInterval(33); // ≤ 30 Hz
    m_tick.setSingleShot(true);
    connect(&m_tick, &QTimer::timeout, this, &AuditLogModel::flush);
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const RecordedEvent &e = m_events.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Sequence: return QVariant::fromValue<qlonglong>(e.sequence);
        case Time: return formatUtcMicros(e.recordedUs);
        case Stream: return e.streamId;
        case Version: return QVariant::fromValue<qlonglong>(e.streamVersion);
        case Type: return e.type;
        case User: return e.actor.user;
        case Role: return e.actor.role;
        case Hash: return QString::fromLatin1(e.hash.toHex().left(16));
        case Summary: return summaryAt(index.row());
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Sequence || index.column() == Version))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.column() == Hash)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role == Qt::ToolTipRole && index.column() == Hash)
        return QString::fromLatin1(e.hash.toHex());
    if (role == EventRole)
        return QVariant::fromValue(e);
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Sequence: return tr("Seq");
    case Time: return tr("Recorded (UTC)");
    case Stream: return tr("Stream");
    case Version: return tr("Ver");
    case Type: return tr("Event");
    case User: return tr("User");
    case Role: return tr("Role");
    case Hash: return tr("Hash");
    case Summary: return tr("What");
    default: return {};
    }
}

void AuditLogModel::addEvents(const QList<RecordedEvent> &events)
{
    if (events.isEmpty() || !m_live)
        return;
    m_pending.append(events);
    if (!m_tick.isActive())
        m_tick.start();
}

void AuditLogModel::flush()
{
    m_tick.stop();
    if (m_pending.isEmpty())
        return;
    const int first = static_cast<int>(m_events.size());
    beginInsertRows({}, first, first + static_cast<int>(m_pending.size()) - 1);
    appendRows(std::exchange(m_pending, {})); // not clear(): that keeps the block a first load of 100,000 events grew
    endInsertRows();
    // Past capacity by a tenth: the oldest rows go, in one removal (not one per tick).
    if (m_events.size() > qsizetype(m_capacity) + m_capacity / 10) {
        const int excess = int(m_events.size()) - m_capacity;
        beginRemoveRows({}, 0, excess - 1);
        m_events.remove(0, excess);
        m_summaries.remove(0, excess);
        m_dropped += excess;
        endRemoveRows();
    }
}

void AuditLogModel::setEvents(QList<RecordedEvent> events)
{
    beginResetModel();
    m_tick.stop();
    m_pending = {};
    m_events.clear();
    m_summaries.clear();
    m_summary.clear(); // search results: a replace shows its before when the results hold it
    m_events.reserve(events.size());
    m_summaries.reserve(events.size());
    appendRows(std::move(events));
    m_dropped = 0;
    m_live = false;
    endResetModel();
}

void AuditLogModel::appendRows(QList<RecordedEvent> events)
{
    for (RecordedEvent &e : events) {
        m_summaries.append(m_summary.describe(e).toUtf8());
        if (!m_events.isEmpty() && e.prevHash == m_events.constLast().hash)
            e.prevHash = m_events.constLast().hash; // the same bytes, held once
        m_events.append(std::move(e));
    }
}

void AuditLogModel::clear()
{
    beginResetModel();
    m_events.clear();
    m_summaries.clear();
    m_summary.clear();
    m_pending = {};
    m_dropped = 0;
    m_live = true;
    endResetModel();
}

} // namespace instant
