#pragma once

#include "oms/tradingstate.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace instant {

class ReferenceData;

// When buffered updates are applied: at most 30 times a second, and 10 times a second while a
// heavy stream (≥ 1000 updates a tick) comes in, so that painting does not take the GUI thread.
class RefreshTick : public QObject
{
    Q_OBJECT

public:
    explicit RefreshTick(QObject *parent = nullptr);
    void request();               // a refresh is due at the next tick
    void applied(qsizetype updates); // the refresh just applied this many updates
    void stop() { m_timer.stop(); }

Q_SIGNALS:
    void due();

private:
    QTimer m_timer;
};

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

    // Buffered until the next tick. Each call lists an order at most once (the engine's batches
    // do); the first load into an empty blotter is kept as given, shared with the sender.
    void applyUpdates(const QList<OrderRef> &orders);
    void flush();
    // Replaces everything (an "as of" view); rows in the order given, which should be entry order
    // (instant::sortByEntry): sorting a million rows is the caller's work, off the GUI thread.
    void setAll(const QList<OrderRef> &orders);
    const OrderRecord &orderAt(int row) const { return *m_rows.at(row); }
    int rowOf(const QString &orderId) const; // a scan from the newest row (for tools and tests)
    QString symbolOf(const OrderRecord &order) const;
    QString csv() const;

Q_SIGNALS:
    void flushed(int inserted, int changed);

private:
    QString text(const OrderRecord &o, int column) const;
    qsizetype find(const OrderRecord &o) const;       // its row, or -1
    qsizetype lowerBound(const OrderRecord &o) const; // the first row not entered before it

    const ReferenceData &m_reference;
    // In entry order (created time, then id), shared with the engine's state: a row costs a
    // pointer, and an order is found by a search on its entry key, not through an index.
    QList<OrderRef> m_rows;
    QList<OrderRef> m_pending; // updates since the last tick, in arrival order
    int m_pendingBatches = 0;
    RefreshTick m_tick;
};

// Executions (fills), newest last.
class ExecutionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // History: a bust or correction of the execution ("busted by …", "corrected by …").
    enum Column { Time, ExecId, OrderId, Account, Symbol, Side, Quantity, Price, Notional, Accrued, SettleDate, Settled, History, ColumnCount };

    explicit ExecutionsModel(const ReferenceData &reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void append(const FillRows &executions); // buffered, applied on the next tick
    void flush();
    void setAll(const FillRows &executions);
    const FillRows &rows() const { return m_history.rows(); }
    // The panel keeps the newest executions, as the trading state does (the store keeps them all).
    static constexpr qsizetype DefaultCapacity = FillHistory::DefaultCapacity;
    void setCapacity(qsizetype capacity) { m_history.setCapacity(capacity, capacity / 10); }
    // A bust reverses an execution: the row stays, for the record (FillRecord::adjustment).
    static bool isBusted(const FillRecord &f) { return f.adjustment.startsWith(QLatin1String("busted")); }

private:
    const ReferenceData &m_reference;
    FillHistory m_history{DefaultCapacity, DefaultCapacity / 10}; // the rows; the oldest go a tenth at a time
    FillRows m_pending;
    RefreshTick m_tick;
};

} // namespace instant
