#include "settlement/settlementworker.h"

#include "oms/ordermanager.h"

namespace instant {

SettlementWorker::SettlementWorker(OrderManager &oms, std::function<QDate()> today, QObject *parent)
    : QObject(parent), m_oms(oms), m_today(std::move(today)), m_timer(this)
{
    connect(&m_timer, &QTimer::timeout, this, &SettlementWorker::settleNow);
}

void SettlementWorker::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

void SettlementWorker::stop()
{
    m_timer.stop();
}

int SettlementWorker::settleNow()
{
    const QDate today = m_today();
    auto result = m_oms.settleDue(today, m_actor);
    if (!result) {
        Q_EMIT problem(result.message());
        return 0;
    }
    if (*result > 0)
        Q_EMIT settled(*result, today);
    return *result;
}

} // namespace instant
