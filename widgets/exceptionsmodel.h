#pragma once

#include "oms/tradingstate.h"

#include <QAbstractTableModel>

namespace instant {

// Executions booked that were not expected (TradingState::executionExceptions()), newest last:
// what came, what was expected, and who acknowledged it with what note. Open ones (not yet
// acknowledged) are bold, their kind in red.
class ExceptionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Account, OrderId, Kind, Expected, Came, ExecId, AcknowledgedBy, Note, ColumnCount };
    enum Roles { SequenceRole = Qt::UserRole + 1, OpenRole };

    explicit ExceptionsModel(QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The whole list again, as the engine sends it (oldest first). Rows dropped at the front, rows
    // changed (acknowledged) and rows added at the end are told as such; anything else resets.
    void setRows(const QList<TradingState::ExceptionEntry> &rows);
    const QList<TradingState::ExceptionEntry> &rows() const { return m_rows; }
    const TradingState::ExceptionEntry &entryAt(int row) const { return m_rows.at(row); }
    bool isOpen(int row) const { return row >= 0 && row < m_rows.size() && m_rows.at(row).acknowledgedBy.isEmpty(); }
    int openCount() const { return m_open; }
    static QString text(const TradingState::ExceptionEntry &e, int column); // what a cell shows

Q_SIGNALS:
    void openCountChanged(int open);

private:
    QList<TradingState::ExceptionEntry> m_rows;
    int m_open = 0;
};

} // namespace instant
