// Matching only: a realistic add/cancel/match mix against one book and against 20 books,
// orders per second and per-operation latency percentiles (p50, p99, p99.9).

#include "benchsupport.h"
#include "venue/orderbook.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <random>
#include <vector>

using namespace instant;
using namespace instant::venue;

namespace {

struct CountingListener : BookListener
{
    quint64 trades = 0;
    void onTrade(const Trade &) override { ++trades; }
};

// The listener ignores refusals (cancels of orders that already traded away are expected).
void BM_Matching(benchmark::State &state)
{
    const int bookCount = int(state.range(0));
    const std::vector<bench::BookOp> ops = bench::makeBookOps(bookCount, 2'000'000, 2026);
    CountingListener listener;
    size_t done = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::deque<OrderBook> books;
        for (int b = 0; b < bookCount; ++b)
            books.emplace_back(&listener);
        state.ResumeTiming();
        for (const bench::BookOp &op : ops)
            bench::runBookOp(books, op);
        done += ops.size();
        benchmark::DoNotOptimize(listener.trades);
    }
    state.SetItemsProcessed(qint64(done));
    state.counters["trades"] = double(listener.trades);
}

// One timing per operation; reports percentiles in nanoseconds.
void BM_MatchingLatency(benchmark::State &state)
{
    const int bookCount = int(state.range(0));
    const std::vector<bench::BookOp> ops = bench::makeBookOps(bookCount, 500'000, 7);
    std::vector<double> ns;
    for (auto _ : state) {
        CountingListener listener;
        std::deque<OrderBook> books;
        for (int b = 0; b < bookCount; ++b)
            books.emplace_back(&listener);
        ns.clear();
        ns.reserve(ops.size());
        for (const bench::BookOp &op : ops) {
            const auto t0 = std::chrono::steady_clock::now();
            bench::runBookOp(books, op);
            const auto t1 = std::chrono::steady_clock::now();
            ns.push_back(double(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
        }
    }
    std::sort(ns.begin(), ns.end());
    auto pct = [&ns](double p) { return ns[std::min(ns.size() - 1, size_t(p * double(ns.size())))]; };
    state.counters["p50_ns"] = pct(0.50);
    state.counters["p99_ns"] = pct(0.99);
    state.counters["p99.9_ns"] = pct(0.999);
}

} // namespace

BENCHMARK(BM_Matching)->ArgName("books")->Arg(1)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchingLatency)->ArgName("books")->Arg(1)->Arg(20)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
