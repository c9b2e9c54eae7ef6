#pragma once

// A real trading engine for widget tests: on a test store, in the test market, started and with
// its first trading state published (waited for on a condition, never for a time).

#include "engine/tradingengine.h"
#include "testmarket.h"

#include <QTest>

#include <memory>

namespace instant::test {

// The test market's morning, a brisk market, the given actor; a test changes what it needs.
inline EngineOptions testEngineOptions(const Actor &actor)
{
    EngineOptions options;
    options.startUs = MarketOpenUs;
    options.stepIntervalMs = 50;
    options.actor = actor;
    return options;
}

inline std::unique_ptr<TradingEngine> startedEngine(EventStore &store, const ReferenceData &reference, const Clock &clock,
                                                    const EngineOptions &options)
{
    auto e = std::make_unique<TradingEngine>(store, reference, clock, options);
    // Delivered on this thread (queued): the engine thread may emit before any wait begins.
    bool started = false;
    QObject::connect(e.get(), &TradingEngine::started, e.get(), [&started] { started = true; }, Qt::QueuedConnection);
    e->start();
    if (!QTest::qWaitFor([&started] { return started; }, 10000))
        qFatal("engine did not start");
    if (!QTest::qWaitFor([&e] { return e->snapshot() != nullptr; }, 10000))
        qFatal("the engine published no trading state");
    return e;
}

} // namespace instant::test
