#pragma once

#include "common/result.h"
#include "events/event.h"

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
    TimestampUs startUs = 1795185000000000; // 2026-11-20 14:30 UTC, a Friday: settlement crosses a weekend
    Actor actor{QStringLiteral("demo"), QStringLiteral("trader")};
};

struct DemoSummary
{
    QMap<QString, int> ordersByState;
    qint64 orders = 0;
    qint64 fills = 0;
    qint64 settledTrades = 0;
    qint64 unsettledTrades = 0;
    qint64 realizedCents = 0;
    qint64 unrealizedCents = 0;
    qint64 events = 0;
    int tradingDays = 0;
    double seconds = 0;
    QString invariants; // empty when they all hold
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
// expiry and T+1 settlement. Deterministic for a seed. Continues a store that already holds a
// run (after a crash): orders already recorded are not sent again.
Result<DemoSummary> runDemo(EventStore &store, const ReferenceData &reference, const DemoRunOptions &options,
                            const std::function<void(int done)> &progress = {});

} // namespace instant
