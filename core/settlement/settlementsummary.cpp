#include "settlement/settlementsummary.h"

#include <QSet>

namespace instant {

SettlementBucket settlementBucket(const FillRecord &fill, QDate today)
{
    if (fill.settled)
        return SettlementBucket::Settled;
    if (fill.failing())
        return SettlementBucket::Failed;
    if (!today.isValid() || !fill.settleDate.isValid() || fill.settleDate > today)
        return SettlementBucket::Pending;
    return SettlementBucket::SettlingToday;
}

void SettlementAmounts::add(const FillRecord &fill)
{
    ++trades;
    (fill.side == Side::Buy ? payCents : receiveCents) += fill.settlementCents();
}

void SettlementSummary::add(const FillRecord &fill, QDate today)
{
    const int bucket = int(settlementBucket(fill, today));
    m_total[bucket].add(fill);
    m_accounts[bucket][fill.account].add(fill);
}

QStringList SettlementSummary::accounts() const
{
    QSet<QString> all;
    for (const auto &byAccount : m_accounts)
        for (auto it = byAccount.cbegin(); it != byAccount.cend(); ++it)
            all.insert(it.key());
    QStringList sorted(all.cbegin(), all.cend());
    sorted.sort();
    return sorted;
}

} // namespace instant
