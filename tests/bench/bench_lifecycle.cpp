// The full order lifecycle with durable, hash-chained events: validation, compliance with
// buying-power reservation, matching at the simulated venue, fills recorded (SQLite, WAL,
// synchronous=FULL). One order at a time, as a trader sends them; and the demo's realistic mix.

#include "benchsupport.h"
#include "demo/demorun.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace instant;

namespace {

QTemporaryDir *g_dir = nullptr;
int g_files = 0;

QString freshUrl()
{
    return QStringLiteral("sqlite://") + g_dir->filePath(QStringLiteral("lifecycle-%1.db").arg(++g_files));
}

void BM_LifecycleMarketableOrders(benchmark::State &state)
{
    auto store = openEventStore(freshUrl());
    bench::MarketableOrderFlow flow(**store);
    qint64 filled = 0;
    const Sequence before = (*store)->head()->sequence;
    for (auto _ : state) {
        filled += flow.submitNext().state == OrderState::Filled;
        if (flow.marketDue()) {
            state.PauseTiming();
            flow.moveMarket();
            state.ResumeTiming();
        }
    }
    const qint64 n = flow.submitted();
    state.SetItemsProcessed(n);
    state.counters["filled_share"] = double(filled) / double(std::max<qint64>(1, n));
    state.counters["events_per_order"] = double((*store)->head()->sequence - before) / double(std::max<qint64>(1, n));
}

void BM_DemoMix(benchmark::State &state)
{
    const ReferenceData reference = test::market();
    qint64 orders = 0;
    for (auto _ : state) {
        auto store = openEventStore(freshUrl());
        DemoRunOptions options;
        options.startUs = test::MarketOpenUs;
        options.orders = int(state.range(0));
        options.seed = 1;
        auto summary = runDemo(**store, reference, options);
        if (!summary) {
            state.SkipWithError(qPrintable(summary.message()));
            return;
        }
        orders += options.orders;
    }
    state.SetItemsProcessed(orders);
}

} // namespace

BENCHMARK(BM_LifecycleMarketableOrders)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DemoMix)->Arg(2000)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/instant-bench-XXXXXX"));
    g_dir = &dir;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
