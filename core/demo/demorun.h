#pragma once

#include "common/result.h"
#include "events/event.h"
#include "marketdata/websocketfeed.h"
#include "venue/fixvenue.h"

#include <QJsonObject>
#include <QMap>

#include <functional>

namespace instant {

class EventStore;
class ReferenceData;

struct DemoRunOptions
{
    int orders = 1000;
    quint64 seed = 1;
    int ordersPerStep = 2;              // simulated traders' orders per market step
    qint64 stepMicros = 180'000'000;    // three simulated minutes per step
    int stepsPerDay = 130;              // a 6½ hour session
    TimestampUs startUs = 0;            // the simulated market's clock at the open of the first day (required)
    Actor actor{QStringLiteral("demo"), QStringLiteral("trader")};
    bool onUserAccounts = false;        // the simulated traders trade the user's accounts, not their own (SIM-01…)
    // The run's workstation: it works its own brackets and reconciles its own orders, never those
    // of another run on the same store. Empty: one per seed (demo-D<seed>), so a run continued
    // after a crash is the same workstation.
    QString workstation;
};

struct DemoSummary
{
    QMap<QString, int> ordersByState;
    qint64 orders = 0;        // entered by the traders (a bracket's exits are counted below)
    qint64 brackets = 0;      // entries sent with exits attached
    qint64 bracketsClosed = 0;
    qint64 bracketExits = 0;  // brackets whose stop, trailing stop or time exit fired
    qint64 bracketOrders = 0; // take-profit and exit orders the bracket monitor sent
    qint64 fills = 0;
    qint64 settledTrades = 0;
    qint64 unsettledTrades = 0;
    qint64 realizedCents = 0;
    qint64 unrealizedCents = 0;
    // What the instruments did by themselves: CouponPaid, PrincipalPaid, OptionExpired,
    // OptionExercised, OptionAssigned (counts).
    QMap<QString, int> lifecycle;
    qint64 events = 0;
    int tradingDays = 0;
    double seconds = 0;
    QString invariants; // empty when they all hold
    // Executions the venue reported that were not expected (booked and flagged), by kind, and
    // those that could not be booked at all (a failure: the run exits nonzero).
    qint64 exceptions = 0;
    qint64 openExceptions = 0;
    QMap<QString, int> exceptionsByKind;
    QStringList exceptionLines; // the first few, in words
    qint64 unbooked = 0;
    // The store could not record (OrderManager::StoreHalt): how often trading halted, the
    // commands refused meanwhile, and whether it was still halted at the end (a failure).
    qint64 storeHalts = 0;
    qint64 refusedWhileHalted = 0;
    QString storeHaltReason; // the first
    bool haltedAtEnd = false;
    // Live: the venue's session was lost and did not come back in time (a failure): why, and
    // the orders the run did not send because of it.
    QString venueLost;
    qint64 ordersNotSent = 0;
    QByteArray stateDigest; // SHA-256 of the final trading state: equals a full replay's
    QJsonObject state;      // the final trading state itself
    QJsonObject toJson() const;
    QString toText() const;
};

// SHA-256 (hex) of a trading state's canonical JSON: two states with the same digest agree.
class TradingState;
QByteArray stateDigest(const TradingState &state);

// Runs the simulated venue with simulated traders sending `orders` orders through the whole
// lifecycle: validation, compliance, matching, cancels and replaces, rejects, end-of-day
// expiry and T+1 settlement; one order in fifteen that buys at a limit carries a bracket
// (stop-loss or trailing stop, take-profit, exit after an hour) worked by the bracket monitor. Deterministic for a seed. Continues a store that already holds a
// run (after a crash): orders already recorded are not sent again.
Result<DemoSummary> runDemo(EventStore &store, const ReferenceData &reference, const DemoRunOptions &options,
                            const std::function<void(int done)> &progress = {});

struct LiveRunOptions
{
    int orders = 100;
    quint64 seed = 1;
    int orderIntervalMs = 25;        // pace of the simulated traders
    int connectTimeoutMs = 20000;    // to log on, and again after a lost session
    int finishTimeoutMs = 30000;     // for the venue to answer the last orders and cancels
    bool cancelAtEnd = true;         // cancel what is still working, so the run ends flat of orders
    Actor actor{QStringLiteral("demo"), QStringLiteral("trader")};
    bool onUserAccounts = false;     // the simulated traders trade the user's accounts, not their own (SIM-01…)
    QString workstation;             // as DemoRunOptions::workstation (empty: demo-L<seed>)
    FixVenueSettings venue;
    std::optional<FixVenueSettings> dropCopy; // a second, read-only session: the broker's drop copy
    QUrl feed;                       // market data to price the orders with (optional)
    FeedOptions feedOptions;
};

// The same simulated traders against a remote venue (FIX) priced from a WebSocket feed, in real
// time: a whole lifecycle against `instant venue serve` or another FIX 4.4 venue. Orders already
// recorded are not sent again when a run continues after a crash; open orders are reconciled with
// the venue when the session logs on.
// `clock` is the machine's: the remote venue's trades happen in real time.
Result<DemoSummary> runDemoLive(EventStore &store, const ReferenceData &reference, const Clock &clock,
                                const LiveRunOptions &options, const std::function<void(int done)> &progress = {});

} // namespace instant
