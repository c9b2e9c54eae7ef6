#pragma once

#include "auditsummary.h"
#include "events/event.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace instant {

// The audit log as a table: one row per event, in sequence order. Events arrive through
// addEvents() in any number; rows are inserted once per refresh tick (at most 30 a second).
// It holds the newest capacity() events: a log of tens of millions stays in the store, and the
// viewer searches it there (AuditViewer::searchWholeLog).
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Sequence, Time, Stream, Version, Type, User, Role, Hash, Summary, ColumnCount };
    enum Roles { EventRole = Qt::UserRole + 1 };

    explicit AuditLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const RecordedEvent &eventAt(int row) const { return m_events.at(row); }
    // The event in the desk's words (AuditSummary): prices in 32nds or decimals, a replace's before → after.
    QString summaryAt(int row) const { return QString::fromUtf8(m_summaries.at(row)); }
    // Instruments to write prices and quantities with; set before events arrive.
    void setReference(const ReferenceData *reference) { m_summary.setReference(reference); }
    void addEvents(const QList<RecordedEvent> &events);
    void clear();
    // Replaces the rows (search results); live events are ignored until clear().
    void setEvents(QList<RecordedEvent> events); // taken: moved in, no copy of the rows
    bool isLive() const { return m_live; }
    static constexpr int DefaultCapacity = 100'000;
    int capacity() const { return m_capacity; }
    void setCapacity(int capacity)
    {
        m_capacity = std::max(1, capacity);
        m_summary.setCapacity(m_capacity); // the terms of as many orders as the panel holds events
    }
    // Events dropped from the top since the last clear: older than the first row.
    qint64 dropped() const { return m_dropped; }
    // Applies what is buffered now instead of at the next tick.
    void flush();

private:
    // Appends events, each sharing the bytes of the hash it links to with the row before it when
    // that row holds the same hash (a live tail always does: 64 bytes less an event).
    void appendRows(QList<RecordedEvent> events);

    QList<RecordedEvent> m_events;
    QList<QByteArray> m_summaries; // one per event, in UTF-8 (half a QString's bytes, 110,000 of them)
    AuditSummary m_summary;
    QList<RecordedEvent> m_pending;
    QTimer m_tick;
    int m_capacity = DefaultCapacity;
    qint64 m_dropped = 0;
    bool m_live = true;
};

} // namespace instant
