// The full order lifecycle with durable, hash-chained events: validation, compliance with
// buying-power reservation, matching at the simulated venue, fills recorded (SQLite, WAL,
// synchronous=FULL). One order at a time, as a trader sends them; and the demo's realistic mix.

#include "demo/demorun.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace instant;

namespace {

QTemporaryDir *g_dir = nullptr;
int g_files = 0;
const TimestampUs Friday = 1795185000000000;

QString freshUrl()
{
    return QStringLiteral("sqlite://") + g_dir->filePath(QStringLiteral("lifecycle-%1.db").arg(++g_files));
}

void BM_LifecycleMarketableOrders(benchmark::State &state)
{
    auto store = openEventStore(freshUrl());
    const ReferenceData reference = ReferenceData::demo();
    SimulatedVenue venue(reference, 1, Friday);
    OrderManager oms(**store, reference, venue);
    const Actor trader{QStringLiteral("bench"), QStringLiteral("trader")};
    (void)oms.start(trader);
    (void)oms.openAccount(QStringLiteral("DESK-02"), 100'000'000'000'00, trader);
    (void)oms.setRules(ComplianceEngine::defaultRules(), trader);
    const QStringList symbols{QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("JPM"), QStringLiteral("KO"), QStringLiteral("XOM")};
    qint64 n = 0, filled = 0;
    const Sequence before = (*store)->head()->sequence;
    for (auto _ : state) {
        const QString symbol = symbols.at(int(n % symbols.size()));
        const bool sell = (n / symbols.size()) % 2 == 1;
        const Instrument *i = reference.instrument(symbol);
        const Quote q = venue.topOfBook(i->id);
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("B%1").arg(n++);
        c.account = QStringLiteral("DESK-02");
        c.instrument = symbol;
        c.side = sell ? QStringLiteral("sell") : QStringLiteral("buy");
        c.quantity = 100;
        c.limitPrice = i->formatPrice(sell ? *q.bid : *q.ask);
        c.actor = trader;
        const CommandOutcome out = oms.submit(c);
        filled += out.state == OrderState::Filled;
        if (n % 50 == 0)
            venue.step(1'000'000); // liquidity comes back
    }
    state.SetItemsProcessed(n);
    state.counters["filled_share"] = double(filled) / double(std::max<qint64>(1, n));
    state.counters["events_per_order"] = double((*store)->head()->sequence - before) / double(std::max<qint64>(1, n));
}

void BM_DemoMix(benchmark::State &state)
{
    const ReferenceData reference = ReferenceData::demo();
    qint64 orders = 0;
    for (auto _ : state) {
        auto store = openEventStore(freshUrl());
        DemoRunOptions options;
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
