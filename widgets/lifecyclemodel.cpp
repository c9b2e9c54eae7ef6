#include "lifecyclemodel.h"

#include "oms/lifecycleevents.h"
#include "refdata/referencedata.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace instant {

LifecycleModel::LifecycleModel(const ReferenceData &reference, QObject *parent) : QAbstractTableModel(parent), m_reference(reference)
{
}

int LifecycleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LifecycleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LifecycleModel::eventName(const QString &type, bool expected)
{
    if (type == lifecycle::CouponPaid)
        return expected ? tr("Coupon due") : tr("Coupon paid");
    if (type == lifecycle::PrincipalPaid)
        return expected ? tr("Maturity due") : tr("Principal paid");
    if (type == lifecycle::OptionExpired)
        return expected ? tr("Expiry due") : tr("Expired");
    if (type == lifecycle::OptionExercised)
        return tr("Exercised");
    if (type == lifecycle::OptionAssigned)
        return tr("Assigned");
    return type;
}

QVariant LifecycleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const TradingState::LifecycleEntry &e = m_rows.at(index.row());
    if (role == ExpectedRole)
        return e.expected;
    if (role == Qt::FontRole && e.expected) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (role == Qt::ForegroundRole) {
        if (e.expected)
            return QBrush(QColor(0x75, 0x75, 0x75));
        if (index.column() == Cash && e.cashCents != 0)
            return QBrush(e.cashCents < 0 ? QColor(0xc6, 0x28, 0x28) : QColor(0x2e, 0x7d, 0x32));
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Quantity || index.column() == Cash))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Detail)
        return e.detail;
    if (role != Qt::DisplayRole)
        return {};
    const instant::Instrument *i = m_reference.instrument(e.instrument);
    switch (index.column()) {
    case Date: return e.date.toString(Qt::ISODate);
    case Event: return eventName(e.type, e.expected);
    case Account: return e.account;
    case Instrument: return i ? i->symbol : e.instrument;
    case Quantity: return QLocale().toString(e.quantity);
    case Cash: return e.cashCents == 0 ? QString() : QLocale().toString(double(e.cashCents) / 100.0, 'f', 2);
    case Detail: return e.detail;
    }
    return {};
}

QVariant LifecycleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Date: return tr("Date");
    case Event: return tr("Event");
    case Account: return tr("Account");
    case Instrument: return tr("Instrument");
    case Quantity: return tr("Face / contracts");
    case Cash: return tr("Cash");
    case Detail: return tr("Detail");
    }
    return {};
}

void LifecycleModel::setRows(const QList<TradingState::LifecycleEntry> &rows)
{
    beginResetModel();
    m_rows.clear();
    for (auto it = rows.crbegin(); it != rows.crend(); ++it) // recorded: newest first
        if (!it->expected)
            m_rows.append(*it);
    QList<TradingState::LifecycleEntry> coming;
    for (const TradingState::LifecycleEntry &e : rows)
        if (e.expected)
            coming.append(e);
    m_rows = coming + m_rows; // what is coming on top, soonest first
    endResetModel();
}

} // namespace instant
