#include "venue/simulatedvenue.h"

#include "analytics/bondanalytics.h"
#include "analytics/marketcalendar.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace instant {

Venue::~Venue() = default;

QDate Venue::tradeDate() const
{
    return tradeDateOf(nowUs()); // US markets: the trading day is New York's
}

namespace {
constexpr double MicrosPerTradingYear = 252.0 * 6.5 * 3600.0 * 1e6;
constexpr int QuoteLevels = 5;
} // namespace

struct SimulatedVenue::Ours
{
    VenueOrder order;
    venue::OrderId id = 0;
    Quantity total;
    Quantity cumulative;
    bool held = false; // a stop waiting for its trigger
    Market *market = nullptr;
};

class SimulatedVenue::Router final : public venue::BookListener
{
public:
    Router(SimulatedVenue &venue, Market &market) : m_venue(venue), m_market(market) {}
    void onTrade(const venue::Trade &t) override { m_venue.onTrade(m_market, t); }
    void onCancelled(venue::OrderId id, Quantity leaves, venue::CancelReason reason) override;
    void onRefused(venue::OrderId id, venue::RefuseReason reason) override;

private:
    SimulatedVenue &m_venue;
    Market &m_market;
};

struct SimulatedVenue::Market
{
    const Instrument *instrument = nullptr;
    std::unique_ptr<Router> router;
    venue::OrderBook book;
    double mid = 0;    // price units
    double yield = 0;  // percent, Treasuries
    std::vector<venue::OrderId> providerOrders;
    std::optional<Price> last;
    std::optional<Bar> bar;
    bool stopsToCheck = false;
    QString delisted; // why it no longer trades (expired, matured); empty while it does
};

void SimulatedVenue::Router::onCancelled(venue::OrderId id, Quantity, venue::CancelReason reason)
{
    auto it = m_venue.m_oursById.find(id);
    if (it == m_venue.m_oursById.end() || reason == venue::CancelReason::Requested)
        return; // liquidity providers' own, or a requested cancel (reported by cancel())
    Ours &o = *it->second;
    ExecutionReport r;
    r.kind = ExecutionReport::Kind::Expired;
    r.orderId = o.order.orderId;
    r.cumulative = o.cumulative;
    r.text = reason == venue::CancelReason::FillOrKill        ? QStringLiteral("fill or kill: not enough liquidity, nothing traded")
             : reason == venue::CancelReason::NoLiquidity     ? QStringLiteral("market order: no more liquidity within the protection price")
                                                              : QStringLiteral("immediate or cancel: the rest was cancelled");
    const QString orderId = o.order.orderId;
    m_venue.finish(orderId);
    m_venue.report(r);
}

void SimulatedVenue::Router::onRefused(venue::OrderId id, venue::RefuseReason reason)
{
    auto it = m_venue.m_oursById.find(id);
    if (it == m_venue.m_oursById.end())
        return;
    ExecutionReport r;
    r.kind = ExecutionReport::Kind::Rejected;
    r.orderId = it->second->order.orderId;
    r.text = venue::describe(reason);
    m_venue.finish(r.orderId);
    m_venue.report(r);
}

SimulatedVenue::SimulatedVenue(const ReferenceData &reference, quint64 seed, TimestampUs startUs, QObject *parent)
    : SimulatedVenue(reference, seed, *new SimulatedClock(startUs), parent)
{
    m_ownClock.reset(&m_clock);
}

SimulatedVenue::SimulatedVenue(const ReferenceData &reference, quint64 seed, SimulatedClock &clock, QObject *parent)
    : Venue(parent), m_reference(reference), m_rng(seed), m_clock(clock)
{
    static const int registered = [] {
        qRegisterMetaType<instant::ExecutionReport>();
        qRegisterMetaType<instant::Quote>();
        qRegisterMetaType<instant::TradePrint>();
        qRegisterMetaType<instant::Bar>();
        return 0;
    }();
    Q_UNUSED(registered);
    const QDate settle = tradeDate().addDays(1);
    for (const Instrument *i : reference.instruments()) {
        auto m = std::make_unique<Market>();
        m->instrument = i;
        m->router = std::make_unique<Router>(*this, *m);
        m->book.setListener(m->router.get());
        m->mid = double(i->referencePrice.value());
        if (isTreasury(i->kind))
            m->yield = analytics::yieldPercent(*i, i->referencePrice, settle).value_or(4.0);
        m_markets.emplace(i->id, std::move(m));
    }
    delistExpired();
    for (auto &[id, m] : m_markets)
        if (m->delisted.isEmpty())
            requote(*m);
}

SimulatedVenue::~SimulatedVenue()
{
    // The books' listeners point into the markets: detach them before anything goes.
    for (auto &[id, m] : m_markets)
        m->book.setListener(nullptr);
}

SimulatedVenue::Market *SimulatedVenue::market(const QString &instrument) const
{
    auto it = m_markets.find(instrument);
    return it == m_markets.end() ? nullptr : it->second.get();
}

const venue::OrderBook *SimulatedVenue::book(const QString &instrument) const
{
    const Market *m = market(instrument);
    return m ? &m->book : nullptr;
}

std::optional<Price> SimulatedVenue::lastTrade(const QString &instrument) const
{
    const Market *m = market(instrument);
    return m ? m->last : std::nullopt;
}

Quote SimulatedVenue::topOfBook(const QString &instrument) const
{
    Quote q;
    q.instrument = instrument;
    q.timeUs = nowUs();
    if (const Market *m = market(instrument)) {
        q.bid = m->book.bestBid();
        q.ask = m->book.bestAsk();
        if (q.bid)
            q.bidQuantity = m->book.quantityAt(Side::Buy, *q.bid);
        if (q.ask)
            q.askQuantity = m->book.quantityAt(Side::Sell, *q.ask);
    }
    return q;
}

bool SimulatedVenue::isListed(const QString &instrument) const
{
    const Market *m = market(instrument);
    return m && m->delisted.isEmpty();
}

void SimulatedVenue::setYieldCurve(const YieldCurve &curve)
{
    const QDate settle = tradeDate().addDays(1);
    for (auto &[id, m] : m_markets) {
        const Instrument &i = *m->instrument;
        if (!isTreasury(i.kind) || !m->delisted.isEmpty() || !curve)
            continue;
        m->yield = curve(tradeDate(), double(settle.daysTo(i.maturityDate)) / 365.25);
        if (auto px = analytics::priceForYield(i, m->yield, settle)) {
            m->mid = *px;
            requote(*m);
        }
    }
}

void SimulatedVenue::delistExpired()
{
    const QDate today = tradeDate();
    for (auto &[id, m] : m_markets)
        if (m->delisted.isEmpty())
            if (auto why = analytics::whyNotTradable(*m->instrument, today))
                delist(*m, *why);
}

// An instrument past its expiry or maturity: its quotes go, and every order in it ends.
void SimulatedVenue::delist(Market &m, const QString &reason)
{
    m.delisted = reason;
    for (venue::OrderId id : m.providerOrders)
        if (m.book.contains(id))
            m.book.cancel(id);
    m.providerOrders.clear();
    QStringList ending;
    for (auto it = m_ours.cbegin(); it != m_ours.cend(); ++it)
        if ((*it)->market == &m)
            ending << it.key();
    ending.sort(); // deterministic order
    for (const QString &orderId : std::as_const(ending)) {
        Ours *o = m_ours.value(orderId);
        if (!o->held)
            m.book.cancel(o->id);
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::Expired;
        r.orderId = orderId;
        r.cumulative = o->cumulative;
        r.text = reason;
        finish(orderId);
        report(r);
    }
    if (m.bar) {
        Q_EMIT bar(*m.bar);
        m.bar.reset();
    }
    Q_EMIT quote(topOfBook(m.instrument->id)); // an empty book
}

void SimulatedVenue::report(ExecutionReport r)
{
    r.transactUs = nowUs();
    Q_EMIT executionReport(r);
}

void SimulatedVenue::finish(const QString &orderId)
{
    Ours *o = m_ours.take(orderId);
    if (!o)
        return;
    m_oursById.erase(o->id);
}

void SimulatedVenue::submit(const VenueOrder &order)
{
    auto reject = [&](const QString &why) {
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::Rejected;
        r.orderId = order.orderId;
        r.text = why;
        report(r);
    };
    if (m_faults.outage)
        return reject(QStringLiteral("venue unavailable (simulated outage)"));
    if (!market(order.instrument))
        return reject(QStringLiteral("unknown instrument %1").arg(order.instrument));
    if (const QString &why = market(order.instrument)->delisted; !why.isEmpty())
        return reject(why);
    if (m_ours.contains(order.orderId))
        return reject(QStringLiteral("duplicate order id %1").arg(order.orderId));
    if (m_faults.rejectRate > 0 && std::uniform_real_distribution<double>(0, 1)(m_rng) < m_faults.rejectRate)
        return reject(QStringLiteral("rejected by the venue (simulated fault)"));
    if (m_faults.ackDelaySteps > 0) {
        m_delayed.emplace_back(m_faults.ackDelaySteps, order);
        return;
    }
    enter(order);
}

void SimulatedVenue::enter(const VenueOrder &order)
{
    Market *m = market(order.instrument);
    auto owned = std::make_unique<Ours>();
    Ours *o = owned.get();
    o->order = order;
    o->id = m_nextId++;
    o->total = order.quantity;
    o->market = m;
    m_oursById.emplace(o->id, std::move(owned));
    m_ours.insert(order.orderId, o);

    ExecutionReport ack;
    ack.kind = ExecutionReport::Kind::Acknowledged;
    ack.orderId = order.orderId;
    ack.leaves = order.quantity;
    report(ack);

    if (order.type == OrderType::Stop || order.type == OrderType::StopLimit) {
        o->held = true;
        m->stopsToCheck = true;
        triggerStops(*m);
        return;
    }
    venue::BookRequest request{o->id, order.side, OrderType::Limit, order.tif, Price(0), order.quantity};
    if (order.type == OrderType::Market) {
        if (order.protectionPrice) {
            request.price = *order.protectionPrice; // a marketable limit that never rests
            request.tif = order.tif == TimeInForce::Fok ? TimeInForce::Fok : TimeInForce::Ioc;
        } else {
            request.type = OrderType::Market;
        }
    } else {
        request.price = *order.limitPrice;
    }
    m->book.add(request);
    triggerStops(*m);
}

void SimulatedVenue::cancel(const QString &orderId)
{
    Ours *o = m_ours.value(orderId);
    ExecutionReport r;
    r.orderId = orderId;
    if (m_faults.outage || !o) {
        r.kind = ExecutionReport::Kind::CancelRejected;
        r.text = m_faults.outage ? QStringLiteral("venue unavailable (simulated outage)")
                                 : QStringLiteral("too late to cancel: the order is no longer working");
        report(r);
        return;
    }
    if (!o->held)
        o->market->book.cancel(o->id);
    r.kind = ExecutionReport::Kind::Cancelled;
    r.cumulative = o->cumulative;
    r.text = QStringLiteral("cancelled on request");
    finish(orderId);
    report(r);
}

void SimulatedVenue::replace(const QString &orderId, std::optional<Price> limitPrice, Quantity quantity)
{
    Ours *o = m_ours.value(orderId);
    ExecutionReport r;
    r.orderId = orderId;
    auto refuse = [&](const QString &why) {
        r.kind = ExecutionReport::Kind::ReplaceRejected;
        r.text = why;
        report(r);
    };
    if (m_faults.outage)
        return refuse(QStringLiteral("venue unavailable (simulated outage)"));
    if (!o)
        return refuse(QStringLiteral("too late to replace: the order is no longer working"));
    if (quantity <= o->cumulative)
        return refuse(QStringLiteral("the new quantity %1 is not above the %2 already filled")
                          .arg(quantity.value()).arg(o->cumulative.value()));
    const Price newPrice = limitPrice.value_or(o->order.limitPrice.value_or(Price(0)));
    o->total = quantity;
    o->order.quantity = quantity;
    if (limitPrice)
        o->order.limitPrice = limitPrice;
    r.kind = ExecutionReport::Kind::Replaced;
    r.orderQuantity = quantity;
    r.limitPrice = o->order.limitPrice;
    r.cumulative = o->cumulative;
    r.leaves = quantity - o->cumulative;
    report(r);
    if (!o->held) {
        Market *m = o->market;
        m->book.replace(o->id, newPrice, quantity - o->cumulative);
        triggerStops(*m);
    }
}

std::optional<Quantity> SimulatedVenue::workingQuantity(const QString &orderId) const
{
    const Ours *o = m_ours.value(orderId);
    if (!o)
        return std::nullopt;
    return o->total - o->cumulative;
}

void SimulatedVenue::onTrade(Market &m, const venue::Trade &t)
{
    m.last = t.price;
    m.stopsToCheck = true;
    const TimestampUs now = nowUs();
    const TimestampUs minute = now - now % 60'000'000;
    if (m.bar && m.bar->startUs != minute) {
        Q_EMIT bar(*m.bar);
        m.bar.reset();
    }
    if (!m.bar)
        m.bar = Bar{m.instrument->id, minute, t.price, t.price, t.price, t.price, Quantity(0)};
    m.bar->high = std::max(m.bar->high, t.price);
    m.bar->low = std::min(m.bar->low, t.price);
    m.bar->close = t.price;
    m.bar->volume += t.quantity;
    Q_EMIT trade(TradePrint{m.instrument->id, t.price, t.quantity, t.takerSide, now});

    for (venue::OrderId id : {t.maker, t.taker}) {
        auto it = m_oursById.find(id);
        if (it == m_oursById.end())
            continue;
        Ours &o = *it->second;
        o.cumulative += t.quantity;
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::Fill;
        r.orderId = o.order.orderId;
        r.execId = QStringLiteral("S%1").arg(m_nextExec++, 8, 10, QLatin1Char('0'));
        r.lastQuantity = t.quantity;
        r.lastPrice = t.price;
        r.cumulative = o.cumulative;
        r.leaves = o.total - o.cumulative;
        const bool done = r.leaves <= Quantity(0);
        const QString orderId = o.order.orderId;
        if (done)
            finish(orderId);
        report(r);
    }
}

void SimulatedVenue::triggerStops(Market &m)
{
    while (m.stopsToCheck) {
        m.stopsToCheck = false;
        if (!m.last)
            return;
        // Oldest first, so triggered stops keep their time order.
        std::vector<Ours *> fired;
        for (auto &[id, o] : m_oursById) {
            if (!o->held || o->market != &m)
                continue;
            const Price stop = *o->order.stopPrice;
            const bool hit = o->order.side == Side::Buy ? *m.last >= stop : *m.last <= stop;
            if (hit)
                fired.push_back(o.get());
        }
        for (Ours *o : fired) {
            o->held = false;
            venue::BookRequest request{o->id, o->order.side, OrderType::Limit, o->order.tif, Price(0), o->total - o->cumulative};
            if (o->order.type == OrderType::StopLimit) {
                request.price = *o->order.limitPrice;
            } else if (o->order.protectionPrice) {
                request.price = *o->order.protectionPrice;
                request.tif = TimeInForce::Ioc;
            } else {
                request.type = OrderType::Market;
            }
            m.book.add(request);
        }
    }
}

qint64 SimulatedVenue::roundToTick(const Instrument &i, double units) const
{
    return std::max<qint64>(i.tickSize, qint64(std::llround(units / double(i.tickSize))) * i.tickSize);
}

void SimulatedVenue::requote(Market &m)
{
    for (venue::OrderId id : m.providerOrders)
        if (m.book.contains(id))
            m.book.cancel(id);
    m.providerOrders.clear();
    const Instrument &i = *m.instrument;
    const qint64 tick = i.tickSize;
    const double halfSpread = std::max(double(tick) / 2.0, m.mid * (i.kind == InstrumentKind::Equity ? 0.0001 : 0.0));
    const qint64 bestBid = roundToTick(i, std::floor((m.mid - halfSpread) / double(tick)) * double(tick));
    const qint64 bestAsk = std::max(bestBid + tick, roundToTick(i, std::ceil((m.mid + halfSpread) / double(tick)) * double(tick)));
    qint64 unit = 100;
    int maxUnits = 20;
    if (isTreasury(i.kind)) {
        unit = 1'000'000;
        maxUnits = 25;
    } else if (i.kind == InstrumentKind::EquityOption) {
        unit = 1;
        maxUnits = 50;
    }
    std::uniform_int_distribution<int> size(1, maxUnits);
    for (int level = 0; level < QuoteLevels; ++level) {
        for (Side side : {Side::Buy, Side::Sell}) {
            const qint64 px = side == Side::Buy ? bestBid - level * tick : bestAsk + level * tick;
            if (px <= 0)
                continue;
            const venue::OrderId id = m_nextId++;
            m.book.add(venue::BookRequest{id, side, OrderType::Limit, TimeInForce::Day, Price(px), Quantity(unit * size(m_rng))});
            if (m.book.contains(id))
                m.providerOrders.push_back(id);
        }
    }
    triggerStops(m);
}

void SimulatedVenue::noiseTrade(Market &m)
{
    const Instrument &i = *m.instrument;
    const Side side = std::uniform_int_distribution<int>(0, 1)(m_rng) ? Side::Buy : Side::Sell;
    const auto best = side == Side::Buy ? m.book.bestAsk() : m.book.bestBid();
    if (!best)
        return;
    qint64 unit = isTreasury(i.kind) ? 1'000'000 : i.kind == InstrumentKind::EquityOption ? 1 : 100;
    const qint64 qty = unit * std::uniform_int_distribution<int>(1, 5)(m_rng);
    m.book.add(venue::BookRequest{m_nextId++, side, OrderType::Limit, TimeInForce::Ioc, *best, Quantity(qty)});
    triggerStops(m);
}

void SimulatedVenue::step(qint64 micros)
{
    const QDate before = tradeDate();
    m_clock.advance(micros);
    if (tradeDate() != before)
        delistExpired();
    // Orders held back by an injected acknowledgement delay arrive.
    for (auto it = m_delayed.begin(); it != m_delayed.end();) {
        if (--it->first <= 0) {
            const VenueOrder order = it->second;
            it = m_delayed.erase(it);
            enter(order);
        } else {
            ++it;
        }
    }
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double sqrtDt = std::sqrt(double(micros) / MicrosPerTradingYear);
    const QDate settle = tradeDate().addDays(1);
    for (auto &[id, mp] : m_markets) {
        Market &m = *mp;
        const Instrument &i = *m.instrument;
        if (!m.delisted.isEmpty())
            continue;
        if (isTreasury(i.kind)) {
            m.yield += i.annualVolatility / 100.0 * sqrtDt * normal(m_rng); // bp/yr → percent
            if (auto px = analytics::priceForYield(i, m.yield, settle))
                m.mid = *px;
        } else {
            m.mid *= std::exp(i.annualVolatility * sqrtDt * normal(m_rng));
        }
        requote(m);
        if (uniform(m_rng) < 0.3)
            noiseTrade(m);
        const Quote q = topOfBook(i.id);
        Q_EMIT quote(q);
    }
}

void SimulatedVenue::endOfDay()
{
    QStringList expiring;
    for (auto it = m_ours.cbegin(); it != m_ours.cend(); ++it)
        if ((*it)->order.tif == TimeInForce::Day)
            expiring << it.key();
    expiring.sort(); // deterministic order
    for (const QString &orderId : std::as_const(expiring)) {
        Ours *o = m_ours.value(orderId);
        if (!o->held)
            o->market->book.cancel(o->id);
        ExecutionReport r;
        r.kind = ExecutionReport::Kind::Expired;
        r.orderId = orderId;
        r.cumulative = o->cumulative;
        r.text = QStringLiteral("day order expired at the close");
        finish(orderId);
        report(r);
    }
    for (auto &[id, m] : m_markets) {
        if (m->bar) {
            Q_EMIT bar(*m->bar);
            m->bar.reset();
        }
    }
    // Next morning, 14:30 UTC (the New York open in winter), skipping the days either market is
    // closed; what expired or matured overnight stops trading.
    m_clock.set(utcMicros(analytics::nextSessionDay(tradeDate()), 14, 30));
    delistExpired();
}

} // namespace instant
