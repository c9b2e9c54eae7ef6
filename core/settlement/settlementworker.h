#pragma once

#include "events/event.h"
#include "settlement/instrumentlifecycle.h"
#include "venue/venue.h"

#include <QHash>
#include <QMap>

#include <QDate>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace instant {

class OrderManager;

// Settles trades T+1: on each tick (or settleNow()), every unsettled trade whose settlement date
// has come (business days of the instrument's calendar) becomes a TradeSettled event, which moves
// cash and settled holdings. It also runs the instruments' own dates (InstrumentLifecycle):
// coupons and principal to the holders of settled positions, options at expiry. Runs on the order
// manager's thread.
class SettlementWorker : public QObject
{
    Q_OBJECT

public:
    // `today` gives the business date (the venue's clock in demo mode, the wall clock live).
    SettlementWorker(OrderManager &oms, std::function<QDate()> today, QObject *parent = nullptr);

    void start(int intervalMs = 60'000);
    void stop();
    // Settles what is due now; returns how many trades settled. Date by date: the trades due before
    // a coupon or maturity settle first, so that it is paid to whoever holds the securities then.
    int settleNow();
    // The market's trades: the last of each trading day is its close (kept for a fortnight), which
    // decides whether an option is exercised at its expiry.
    void recordTrade(const TradePrint &trade);
    // Where else a price comes from when no close of the expiry date was seen (the workstation was
    // not running that day): the market's last (the venue, the feed), then the desk's own last
    // trade, then the reference price; the event says which.
    void setLastPrices(std::function<std::optional<Price>(const QString &instrument)> last) { m_last = std::move(last); }
    // How many runs looked through the holdings for coupons, principal and expiries. A run does
    // not look again while the date, the positions and the instruments known are as a look left
    // them with nothing due: on a desk of 100 000 positions each look is milliseconds, and the
    // worker runs on every step of the market.
    qint64 looks() const { return m_looks; }

Q_SIGNALS:
    void settled(int trades, QDate date);
    void lifecycleRecorded(int events); // coupons, principal, expiries, exercises and assignments
    void problem(const QString &message);

private:
    OrderManager &m_oms;
    int runLifecycle(const QList<InstrumentLifecycle::Action> &actions, bool &complete);
    std::optional<InstrumentLifecycle::Close> closingPrice(const QString &instrument, QDate date) const;

    std::function<QDate()> m_today;
    std::function<std::optional<Price>(const QString &)> m_last;
    QHash<QString, QMap<QDate, Price>> m_closes; // instrument → trading day → its last trade
    QTimer m_timer;
    Actor m_actor{QStringLiteral("settlement"), QStringLiteral("system")};
    // What the last look that found nothing due saw.
    struct Look
    {
        QDate today;
        quint64 positions = 0;
        qsizetype instruments = 0;
        bool operator==(const Look &) const = default;
    };
    Look lookAt(QDate today) const;
    std::optional<Look> m_nothingDue;
    qint64 m_looks = 0;
};

} // namespace instant
