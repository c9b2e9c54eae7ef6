#pragma once

#include "analytics/optionchain.h"

#include <QAbstractTableModel>

namespace instant {

// The option chain as a table: calls on the left, the strike in the middle, puts on the right,
// each with price and Greeks.
class OptionChainModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { CallPrice, CallDelta, CallGamma, CallVega, CallTheta, Strike, PutPrice, PutDelta, PutGamma, PutVega, PutTheta, ColumnCount };
    enum Roles { InstrumentRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setChain(const OptionChain &chain);
    const OptionChain &chain() const { return m_chain; }

private:
    OptionChain m_chain;
};

} // namespace instant
