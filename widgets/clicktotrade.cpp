#include "clicktotrade.h"

#include "oms/ordermanager.h"
#include "refdata/instrument.h"

#include <QLocale>
#include <QMessageBox>
#include <QPointer>

namespace instant {

QString ClickToTrade::usualQuantity(const Instrument &instrument)
{
    const qint64 lot = std::max<qint64>(1, instrument.lotSize);
    if (isTreasury(instrument.kind) && 1'000'000 % lot == 0)
        return QStringLiteral("1mm");
    const qint64 usual = instrument.kind == InstrumentKind::EquityOption ? 1 : instrument.kind == InstrumentKind::Equity ? 100 : lot;
    return QString::number((std::max(usual, lot) + lot - 1) / lot * lot);
}

ClickToTrade::Question ClickToTrade::messageBox(QWidget *parent)
{
    return [parent = QPointer<QWidget>(parent)](const QString &question) {
        return QMessageBox::question(parent, tr("Large order"), question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
}

bool ClickToTrade::largeOrderConfirmed(const NewOrderCommand &c, qint64 notionalCents, const Instrument *instrument,
                                       const Question &ask)
{
    if (notionalCents < LargeOrderCents)
        return true;
    if (!ask)
        return false; // nobody to ask: a large order does not go unasked
    const QString name = instrument ? instrument->symbol : c.instrument;
    const QString quantity = formatQuantity(c.quantity, instrument); // 15mm, as the desk says it
    const QString price = c.limitPrice.isEmpty() ? tr("market") : c.limitPrice;
    const QString question = c.side == u"sell" ? tr("Sell %1 %2 at %3 for $%L4. Send?") : tr("Buy %1 %2 at %3 for $%L4. Send?");
    return ask(question.arg(quantity, name, price).arg(double(notionalCents) / 100.0, 0, 'f', 2));
}

} // namespace instant
