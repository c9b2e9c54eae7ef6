#pragma once

#include "oms/tradingstate.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace instant {

class ReferenceData;

// Orders, one row each, in the order they were entered. Updates from the engine are buffered and
// applied once per tick (≤ 30 Hz): one insertion for the new rows and one dataChanged range for
// the changed ones; never a reset while live.
class BlotterModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, OrderId, Account, Symbol, Side, Type, Tif, Quantity, Limit, Stop, Filled, Leaves, AveragePrice, State, Reason, ColumnCount };
    enum Roles { OrderIdRole = Qt::UserRole + 1, StateRole, SortRole };

    explicit BlotterModel(const ReferenceData &reference, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void applyUpdates(const QList<OrderRecord> &orders);
    void flush();
    void setAll(const QList<OrderRecord> &orders); // replaces everything (an "as of" view)
    const OrderRecord &orderAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &orderId) const { return m_index.value(orderId, -1); }
    QString symbolOf(const OrderRecord &order) const;
    QString csv() const;

Q_SIGNALS:
    void flushed(int inserted, int changed);

private:
    QString text(const OrderRecord &o, int column) const;

    const ReferenceData &m_reference;
    QList<OrderRecord> m_rows;
    QHash<QString, int> m_index;
    QHash<QString, OrderRecord> m_pending;
    QTimer m_tick;
};

// Executions (fills), newest last.
class ExecutionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, ExecId, OrderId, Account, Symbol, Side, Quantity, Price, Notional, SettleDate, Settled, ColumnCount };

    explicit ExecutionsModel(const ReferenceData &reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void append(const QList<FillRecord> &executions);
    void setAll(const QList<FillRecord> &executions);

private:
    const ReferenceData &m_reference;
    QList<FillRecord> m_rows;
};

} // namespace instant
