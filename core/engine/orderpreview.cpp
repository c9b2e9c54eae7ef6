#include "engine/orderpreview.h"

#include "refdata/instrument.h"

#include <QCoreApplication>

namespace instant {

OrderPreview previewOf(const CheckedOrder &checked, const OrderTerms &terms)
{
    OrderPreview p;
    if (terms.instrument.trimmed().isEmpty()) {
        p.problem = QCoreApplication::translate("instant::OrderPreview", "Pick an instrument");
        return p;
    }
    if (!checked.valid()) {
        // The order manager's reason, as a sentence.
        p.problem = checked.reason.isEmpty() ? checked.reason : checked.reason.at(0).toUpper() + checked.reason.mid(1);
        return p;
    }
    p.valid = true;
    p.pricedAt = checked.cost.pricedAt;
    p.atProtectionPrice = !checked.limitPrice.has_value();
    p.notionalCents = checked.cost.principalCents;
    p.accruedCents = checked.cost.accruedCents;
    p.accruedDays = checked.cost.accrual.days;
    p.holdCents = checked.cost.holdCents;
    p.settleDate = checked.cost.settleDate;
    p.dv01 = checked.dv01;
    p.yieldPercent = checked.yieldPercent;
    p.availableCents = checked.availableCents;
    p.violations = checked.bookViolations + checked.violations;
    for (const Violation &v : checked.takeProfitRefusals)
        p.warnings << QCoreApplication::translate("instant::OrderPreview", "Take-profit would be refused when placed: %1").arg(v.message);
    return p;
}

} // namespace instant
