#include "optionchainmodel.h"

#include <QBrush>
#include <QColor>

namespace instant {

int OptionChainModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_chain.rows.size());
}

int OptionChainModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OptionChainModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_chain.rows.size())
        return {};
    const OptionChainRow &r = m_chain.rows.at(index.row());
    const bool call = index.column() < Strike;
    const analytics::OptionAnalytics &a = call ? r.call : r.put;
    if (role == InstrumentRole)
        return index.column() == Strike ? QVariant() : QVariant(call ? r.callId : r.putId);
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::BackgroundRole) {
        const bool inTheMoney = call ? r.strike < m_chain.spot : r.strike > m_chain.spot;
        return index.column() != Strike && inTheMoney ? QVariant(QBrush(QColor(255, 235, 160, 90))) : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Strike: return QString::number(r.strike, 'f', 2);
    case CallPrice: case PutPrice: return QString::number(a.price, 'f', 2);
    case CallDelta: case PutDelta: return QString::number(a.delta, 'f', 3);
    case CallGamma: case PutGamma: return QString::number(a.gamma, 'f', 4);
    case CallVega: case PutVega: return QString::number(a.vega, 'f', 3);
    case CallTheta: case PutTheta: return QString::number(a.theta, 'f', 3);
    default: return {};
    }
}

QVariant OptionChainModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Call"), QT_TR_NOOP("Δ"), QT_TR_NOOP("Γ"), QT_TR_NOOP("Vega"), QT_TR_NOOP("Θ/day"),
                                  QT_TR_NOOP("Strike"), QT_TR_NOOP("Put"), QT_TR_NOOP("Δ"), QT_TR_NOOP("Γ"), QT_TR_NOOP("Vega"),
                                  QT_TR_NOOP("Θ/day")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void OptionChainModel::setChain(const OptionChain &chain)
{
    beginResetModel();
    m_chain = chain;
    endResetModel();
}

} // namespace instant
