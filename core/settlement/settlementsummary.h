#pragma once

#include "oms/tradingstate.h"

#include <QDate>
#include <QMap>

namespace instant {

// Where a trade stands in settlement on a business date.
enum class SettlementBucket {
    Pending,       // settles on a later date
    SettlingToday, // due (today, or earlier and not yet run), not failed
    Settled,       // TradeSettled recorded
    Failed,        // due, and the last attempt failed (SettlementFailed): retried on every run
};
constexpr int SettlementBucketCount = 4;

SettlementBucket settlementBucket(const FillRecord &fill, QDate today);

// What a set of trades moves at settlement: a purchase pays its amount, a sale receives it.
struct SettlementAmounts
{
    qint64 trades = 0;
    qint64 payCents = 0;
    qint64 receiveCents = 0;
    qint64 netCents() const { return receiveCents - payCents; }
    void add(const FillRecord &fill);
    bool operator==(const SettlementAmounts &) const = default;
};

// The settlement dashboard's figures: per bucket, in total and per account.
class SettlementSummary
{
public:
    SettlementSummary() = default;
    template <typename Fills>
    SettlementSummary(const Fills &fills, QDate today)
    {
        for (const FillRecord &f : fills)
            add(f, today);
    }
    void add(const FillRecord &fill, QDate today);

    const SettlementAmounts &total(SettlementBucket bucket) const { return m_total[int(bucket)]; }
    SettlementAmounts account(SettlementBucket bucket, const QString &account) const
    {
        return m_accounts[int(bucket)].value(account);
    }
    QStringList accounts() const; // every account with a trade, sorted

private:
    SettlementAmounts m_total[SettlementBucketCount];
    QMap<QString, SettlementAmounts> m_accounts[SettlementBucketCount];
};

} // namespace instant
