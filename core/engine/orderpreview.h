#pragma once

#include "compliance/compliance.h"
#include "compliance/ordercost.h"
#include "compliance/pretrade.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace instant {

// What an order would cost and what compliance would say about it, before it is sent: the
// pre-trade pipeline's answer (compliance/pretrade.h), as the ticket, the ladder and rebalance show it.
struct OrderPreview
{
    bool valid = false;
    QString problem;            // why it cannot be sent as typed
    qint64 notionalCents = 0;   // principal, at `pricedAt`
    qint64 accruedCents = 0;    // notes and bonds: accrued interest to `settleDate`
    int accruedDays = 0;
    qint64 totalCents() const { return saturatedSum(notionalCents, accruedCents); }
    qint64 holdCents = 0;       // a buy's reservation: what the buying-power check compares
    Price pricedAt;             // the limit, or a market or stop order's protection price
    bool atProtectionPrice = false; // a market or stop order: priced at its protection price
    QDate settleDate;
    double dv01 = 0;            // Treasuries: dollars per basis point added to the account
    std::optional<double> yieldPercent;
    qint64 availableCents = 0;
    // Everything the order manager would refuse it for: the book's checks (kill switch, short
    // sale, buying power) first, then the rules'.
    QList<Violation> violations;
    QStringList warnings;       // sent as typed, but something later will be refused (a bracket's take-profit)
};

// The preview of a checked order (the engine's thread computes it: QuantLib and the book live there).
OrderPreview previewOf(const CheckedOrder &checked, const OrderTerms &terms);

} // namespace instant

Q_DECLARE_METATYPE(instant::OrderPreview)
