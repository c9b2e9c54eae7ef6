// Append throughput of the event store beside a raw prepared INSERT of the same bytes.
//
// Both sides write the same rows (same columns, same payload and hash bytes) into the same
// schema, in WAL mode with synchronous=FULL, one transaction per batch of 1, 100 or 1000 events.
// The store additionally validates, checks the stream version, hashes the chain, goes through its
// writer thread and Qt Sql. The ratio (store / raw) is printed at the end.

#include "benchsupport.h"
#include "events/eventhash.h"
#include "store/eventstore.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QThread>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <memory>

using namespace instant;

namespace {

QTemporaryDir *g_dir = nullptr;
int g_files = 0;

QString freshPath()
{
    return g_dir->filePath(QStringLiteral("bench-%1.db").arg(++g_files));
}

QJsonObject orderPayload(qint64 i)
{
    return QJsonObject{{QStringLiteral("account"), QStringLiteral("DESK-01")},
                       {QStringLiteral("clientOrderId"), QStringLiteral("C%1").arg(i, 12, 10, QLatin1Char('0'))},
                       {QStringLiteral("instrument"), QStringLiteral("91282CJL6")},
                       {QStringLiteral("side"), QStringLiteral("BUY")},
                       {QStringLiteral("orderType"), QStringLiteral("LIMIT")},
                       {QStringLiteral("timeInForce"), QStringLiteral("DAY")},
                       {QStringLiteral("quantity"), 5000000},
                       {QStringLiteral("limitTicks"), 318528 + (i % 64)},
                       {QStringLiteral("reservedCents"), 497700000}};
}

NewEvent orderEvent(qint64 i)
{
    NewEvent e;
    e.type = QStringLiteral("OrderAccepted");
    e.payload = orderPayload(i);
    e.actor = {QStringLiteral("alice"), QStringLiteral("trader")};
    e.correlationId = QStringLiteral("corr-%1").arg(i);
    return e;
}

void BM_StoreAppend(benchmark::State &state)
{
    const int batch = static_cast<int>(state.range(0));
    auto store = openEventStore(QStringLiteral("sqlite://") + freshPath());
    if (!store) {
        state.SkipWithError(qPrintable(store.message()));
        return;
    }
    qint64 n = 0;
    for (auto _ : state) {
        // Building the caller's request is not the store's work.
        state.PauseTiming();
        AppendRequest r;
        r.streamId = QStringLiteral("order-%1").arg(n);
        r.expectedVersion = ExpectedVersion::NoStream;
        for (int i = 0; i < batch; ++i)
            r.events.append(orderEvent(n + i));
        n += batch;
        state.ResumeTiming();
        auto result = (*store)->append(std::move(r));
        if (!result) {
            state.SkipWithError(qPrintable(result.message()));
            break;
        }
    }
    state.SetItemsProcessed(n);
}

// Many writers, one event each: the writer thread groups them into shared transactions.
void BM_StoreAppendConcurrent(benchmark::State &state)
{
    const int writers = static_cast<int>(state.range(0));
    auto store = openEventStore(QStringLiteral("sqlite://") + freshPath());
    if (!store) {
        state.SkipWithError(qPrintable(store.message()));
        return;
    }
    EventStore *s = store->get();
    qint64 total = 0;
    for (auto _ : state) {
        constexpr int perWriter = 200;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back(QThread::create([s, w, base = total] {
                for (int i = 0; i < perWriter; ++i) {
                    AppendRequest r;
                    r.streamId = QStringLiteral("w%1-%2").arg(w).arg(base + i);
                    r.events.append(orderEvent(base + i));
                    (void)s->append(std::move(r));
                }
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            t->wait();
        total += qint64(writers) * perWriter;
    }
    state.SetItemsProcessed(total);
    const StoreStats stats = s->stats();
    state.counters["events_per_commit"] = double(stats.events) / double(std::max<qint64>(1, stats.commits));
}

// The baseline: sqlite3's C API, one prepared INSERT, the same rows, same transaction sizes.
void BM_RawInsert(benchmark::State &state)
{
    const int batch = static_cast<int>(state.range(0));
    auto table = bench::RawEventTable::create(freshPath());
    if (!table) {
        state.SkipWithError(qPrintable(table.message()));
        return;
    }
    // The same rows the store would write, hashes included, prepared outside the timing.
    qint64 seq = 0;
    QByteArray prev = eventhash::genesis();
    auto makeRows = [&](qint64 from, int count) {
        std::vector<bench::EventRow> rows;
        for (int i = 0; i < count; ++i) {
            const NewEvent n = orderEvent(from + i);
            RecordedEvent e;
            e.sequence = ++seq;
            e.streamId = QStringLiteral("order-%1").arg(from);
            e.streamVersion = i + 1;
            e.type = n.type;
            e.recordedUs = nowUtcMicros();
            e.actor = n.actor;
            e.correlationId = n.correlationId;
            e.payload = n.payloadBytes();
            e.prevHash = prev;
            e.hash = eventhash::chainHash(prev, e);
            prev = e.hash;
            rows.push_back(bench::EventRow{e.sequence, e.streamId.toUtf8(), e.streamVersion, e.type.toUtf8(), e.schemaVersion,
                                           e.recordedUs, e.actor.user.toUtf8(), e.actor.role.toUtf8(), e.correlationId.toUtf8(),
                                           e.causationId.toUtf8(), e.payload, e.prevHash, e.hash});
        }
        return rows;
    };

    qint64 n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const std::vector<bench::EventRow> rows = makeRows(n, batch);
        state.ResumeTiming();
        if (Status s = (*table)->write(rows.data(), rows.size()); !s) {
            state.SkipWithError(qPrintable(s.message()));
            break;
        }
        n += batch;
    }
    state.SetItemsProcessed(n);
}

BENCHMARK(BM_StoreAppend)->ArgName("batch")->Arg(1)->Arg(100)->Arg(1000)->UseRealTime();
BENCHMARK(BM_RawInsert)->ArgName("batch")->Arg(1)->Arg(100)->Arg(1000)->UseRealTime();
BENCHMARK(BM_StoreAppendConcurrent)->ArgName("writers")->Arg(8)->UseRealTime()->Iterations(3);

// Prints the usual table, then store/raw ratios from the same run.
class RatioReporter : public benchmark::ConsoleReporter
{
public:
    void ReportRuns(const std::vector<Run> &runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs) {
            const auto it = run.counters.find("items_per_second");
            if (it != run.counters.end())
                rates[run.benchmark_name()] = it->second.value;
        }
    }

    void Finalize() override
    {
        ConsoleReporter::Finalize();
        std::printf("\nevent store append vs raw sqlite3 INSERT of the same bytes (WAL, synchronous=FULL)\n");
        std::printf("%-8s %16s %16s %8s\n", "batch", "store events/s", "raw events/s", "ratio");
        for (const char *batch : {"1", "100", "1000"}) {
            const std::string suffix = std::string("/batch:") + batch + "/real_time";
            const double store = rates["BM_StoreAppend" + suffix];
            const double raw = rates["BM_RawInsert" + suffix];
            if (store > 0 && raw > 0)
                std::printf("%-8s %16.0f %16.0f %7.1f%%\n", batch, store, raw, 100.0 * store / raw);
        }
        const double concurrent = rates["BM_StoreAppendConcurrent/writers:8/iterations:3/real_time"];
        const double rawOne = rates["BM_RawInsert/batch:1/real_time"];
        if (concurrent > 0 && rawOne > 0)
            std::printf("8 writers x 1 event (group commit): %.0f events/s = %.1fx the raw single-event commit\n",
                        concurrent, concurrent / rawOne);
    }

    std::map<std::string, double> rates;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir(qEnvironmentVariable("INSTANT_BENCH_DIR", QDir::tempPath()) + QStringLiteral("/instant-bench-XXXXXX"));
    g_dir = &dir;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
