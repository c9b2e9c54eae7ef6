#pragma once

#include "events/event.h"

#include <QDate>
#include <QObject>
#include <QTimer>

#include <functional>

namespace instant {

class OrderManager;

// Settles trades T+1: on each tick (or settleNow()), every unsettled trade whose settlement date
// has come (business days of the instrument's calendar) becomes a TradeSettled event, which moves
// cash and settled holdings. Runs on the order manager's thread.
class SettlementWorker : public QObject
{
    Q_OBJECT

public:
    // `today` gives the business date (the venue's clock in demo mode, the wall clock live).
    SettlementWorker(OrderManager &oms, std::function<QDate()> today, QObject *parent = nullptr);

    void start(int intervalMs = 60'000);
    void stop();
    // Settles what is due now; returns how many trades settled.
    int settleNow();

Q_SIGNALS:
    void settled(int trades, QDate date);
    void problem(const QString &message);

private:
    OrderManager &m_oms;
    std::function<QDate()> m_today;
    QTimer m_timer;
    Actor m_actor{QStringLiteral("settlement"), QStringLiteral("system")};
};

} // namespace instant
