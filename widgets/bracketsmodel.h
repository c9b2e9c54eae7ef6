#pragma once

#include "oms/brackets.h"
#include "oms/tradingstate.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>

namespace instant {

class ReferenceData;

// Brackets as parent and child orders: one row per bracket (its exits, where its workflow is),
// under it the entry order, each take-profit and each exit order, with their fills. Brackets
// are few next to orders, so the model keeps its own copy of theirs.
class BracketsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Symbol, Role, Quantity, Filled, AveragePrice, State, Stop, TakeProfit, ExitAt, Outcome, ColumnCount };
    enum Roles { BracketIdRole = Qt::UserRole + 1, OrderIdRole };

    explicit BracketsModel(const ReferenceData &reference, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void applyBrackets(const QList<BracketRecord> &brackets);
    void applyOrders(const QList<OrderRef> &orders); // keeps the brackets' entries and children
    void clear();

    const BracketRecord *bracketAt(const QModelIndex &index) const; // the row's bracket (a child's parent)
    int rowOf(const QString &bracketId) const;
    QStringList childrenOf(const BracketRecord &b) const; // entry, take-profits, exits

private:
    QString text(const BracketRecord &b, int column) const;
    QString text(const BracketRecord &b, const QString &orderId, int column) const;

    const ReferenceData &m_reference;
    QList<BracketRecord> m_brackets; // newest first
    QSet<QString> m_ids;             // the brackets' ids, for the orders that stream past
    QHash<QString, OrderRef> m_orders;
};

} // namespace instant
