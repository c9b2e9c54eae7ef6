#pragma once

#include "refdata/referencedata.h"
#include "venue/orderbook.h"
#include "venue/venue.h"

#include <QDate>
#include <QHash>

#include <map>
#include <memory>
#include <functional>
#include <random>

namespace instant {

// Faults the simulated venue can inject, for tests and drills.
struct VenueFaults
{
    double rejectRate = 0.0; // share of new orders refused
    int ackDelaySteps = 0;   // orders wait this many steps before the venue takes them
    bool outage = false;     // refuses everything while set
};

// The demo venue: a price-time priority book per instrument, simulated liquidity providers
// quoting around a moving mid (Treasury mids move in yield, then convert to price) and noise
// traders that trade against them. Seeded: the same seed gives the same market and fills.
// Single-threaded: call it from one thread.
class SimulatedVenue final : public Venue
{
    Q_OBJECT

public:
    // The venue moves `clock` (the simulated market's time): step() and endOfDay() advance it.
    SimulatedVenue(const ReferenceData &reference, quint64 seed, SimulatedClock &clock, QObject *parent = nullptr);
    // The same on a clock of its own, starting at `startUs`.
    SimulatedVenue(const ReferenceData &reference, quint64 seed, TimestampUs startUs, QObject *parent = nullptr);
    ~SimulatedVenue() override;

    QString name() const override { return QStringLiteral("simulated"); }
    void submit(const VenueOrder &order) override;
    void cancel(const QString &orderId) override;
    void replace(const QString &orderId, std::optional<Price> limitPrice, Quantity quantity) override;
    std::optional<Quantity> workingQuantity(const QString &orderId) const override;
    TimestampUs nowUs() const override { return m_clock.nowUs(); }
    const Clock &clock() const { return m_clock; }

    // Advances the market by `micros`: mids move, liquidity providers requote, noise traders
    // trade, delayed orders arrive, bars close.
    void step(qint64 micros = 1'000'000);
    // The end of the trading day: DAY orders expire; the clock moves to the next morning.
    void endOfDay();
    void setFaults(const VenueFaults &faults) { m_faults = faults; }
    // The market's yield curve (percent for a remaining life in years, on a date). Treasuries are
    // then quoted on it from now on, instead of at the yield their reference price implies (a
    // definition recorded on an earlier day holds that day's price: a bill left at its auction
    // price yields more every day it runs down).
    using YieldCurve = std::function<double(QDate date, double years)>;
    void setYieldCurve(const YieldCurve &curve);

    const venue::OrderBook *book(const QString &instrument) const;
    std::optional<Price> lastTrade(const QString &instrument) const;
    Quote topOfBook(const QString &instrument) const;
    // Whether an instrument trades today: one past its expiry or maturity is not quoted, and an
    // order for it is refused with the reason.
    bool isListed(const QString &instrument) const;

private:
    struct Market;
    struct Ours;
    class Router;

    Market *market(const QString &instrument) const;
    void enter(const VenueOrder &order);
    void requote(Market &m);
    void noiseTrade(Market &m);
    void triggerStops(Market &m);
    void onTrade(Market &m, const venue::Trade &t);
    void finish(const QString &orderId);
    void report(ExecutionReport r);
    qint64 roundToTick(const Instrument &i, double units) const;

    void delist(Market &m, const QString &reason);
    void delistExpired();

    const ReferenceData &m_reference;
    std::mt19937_64 m_rng;
    std::unique_ptr<SimulatedClock> m_ownClock;
    SimulatedClock &m_clock;
    VenueFaults m_faults;
    std::map<QString, std::unique_ptr<Market>> m_markets;
    QHash<QString, Ours *> m_ours;             // working or held orders by client id
    std::map<venue::OrderId, std::unique_ptr<Ours>> m_oursById;
    std::vector<std::pair<int, VenueOrder>> m_delayed; // steps left, order
    venue::OrderId m_nextId = 1;
    quint64 m_nextExec = 1;
};

} // namespace instant
