#pragma once

#include "oms/tradingstate.h"

#include <QAbstractTableModel>

namespace instant {

class ReferenceData;

// The instruments' own dates on the settlement panel: coupons and principal paid, options expired,
// exercised or assigned (recorded), and what the positions have coming (expected), by date.
class LifecycleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Date, Event, Account, Instrument, Quantity, Cash, Detail, ColumnCount };
    enum Roles { ExpectedRole = Qt::UserRole + 1 };

    explicit LifecycleModel(const ReferenceData &reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The whole list again (it is short): recorded ones newest first, then what is coming.
    void setRows(const QList<TradingState::LifecycleEntry> &rows);
    const QList<TradingState::LifecycleEntry> &rows() const { return m_rows; }
    static QString eventName(const QString &type, bool expected);

private:
    const ReferenceData &m_reference;
    QList<TradingState::LifecycleEntry> m_rows;
};

} // namespace instant
