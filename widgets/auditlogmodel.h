#pragma once

#include "events/event.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace instant {

// The audit log as a table: one row per event, in sequence order. Events arrive through
// addEvents() in any number; rows are inserted once per refresh tick (at most 30 a second).
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Sequence, Time, Stream, Version, Type, User, Role, Hash, ColumnCount };
    enum Roles { EventRole = Qt::UserRole + 1 };

    explicit AuditLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const RecordedEvent &eventAt(int row) const { return m_events.at(row); }
    void addEvents(const QList<RecordedEvent> &events);
    void clear();
    // Applies what is buffered now instead of at the next tick.
    void flush();

private:
    QList<RecordedEvent> m_events;
    QList<RecordedEvent> m_pending;
    QTimer m_tick;
};

} // namespace instant
