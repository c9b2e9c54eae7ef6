// Matching only: a realistic add/cancel/match mix against one book and against 20 books,
// orders per second and per-operation latency percentiles (p50, p99, p99.9).

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

struct Op
{
    enum Kind : quint8 { Add, Cancel, Replace } kind;
    int book;
    BookRequest request;
};

struct CountingListener : BookListener
{
    quint64 trades = 0;
    void onTrade(const Trade &) override { ++trades; }
};

// 60% limit adds around a drifting mid (a quarter of them marketable), 30% cancels of a resting
// order, 10% replaces. Generated before timing.
std::vector<Op> makeOps(int books, size_t count, unsigned seed)
{
    std::mt19937_64 rng(seed);
    std::vector<Op> ops;
    ops.reserve(count);
    std::vector<std::vector<OrderId>> live(books);
    std::vector<qint64> mid(books, 10'000);
    OrderId next = 1;
    for (size_t i = 0; i < count; ++i) {
        const int b = int(rng() % books);
        const unsigned roll = rng() % 100;
        if (roll < 60 || live[b].size() < 50) {
            if (rng() % 64 == 0)
                mid[b] += (rng() % 3) - 1;
            const Side side = rng() % 2 ? Side::Buy : Side::Sell;
            const bool aggressive = rng() % 4 == 0;
            const qint64 offset = aggressive ? -qint64(rng() % 3) : qint64(1 + rng() % 20);
            const qint64 price = side == Side::Buy ? mid[b] - offset : mid[b] + offset;
            const qint64 qty = 1 + qint64(rng() % 10) * 100;
            ops.push_back({Op::Add, b, BookRequest{next, side, OrderType::Limit, TimeInForce::Day, Price(price), Quantity(qty)}});
            live[b].push_back(next++);
        } else {
            const size_t k = rng() % live[b].size();
            const OrderId id = live[b][k];
            if (roll < 90) {
                live[b][k] = live[b].back();
                live[b].pop_back();
                ops.push_back({Op::Cancel, b, BookRequest{id, Side::Buy, OrderType::Limit, TimeInForce::Day, Price(0), Quantity(0)}});
            } else {
                ops.push_back({Op::Replace, b, BookRequest{id, Side::Buy, OrderType::Limit, TimeInForce::Day,
                                                           Price(mid[b] + qint64(rng() % 21) - 10), Quantity(100)}});
            }
        }
    }
    return ops;
}

inline void run(std::deque<OrderBook> &books, const Op &op)
{
    OrderBook &book = books[op.book];
    switch (op.kind) {
    case Op::Add: book.add(op.request); break;
    case Op::Cancel: book.cancel(op.request.id); break;
    case Op::Replace: book.replace(op.request.id, op.request.price, op.request.quantity); break;
    }
}

// The listener ignores refusals (cancels of orders that already traded away are expected).
void BM_Matching(benchmark::State &state)
{
    const int bookCount = int(state.range(0));
    const std::vector<Op> ops = makeOps(bookCount, 2'000'000, 2026);
    CountingListener listener;
    size_t done = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::deque<OrderBook> books;
        for (int b = 0; b < bookCount; ++b)
            books.emplace_back(&listener);
        state.ResumeTiming();
        for (const Op &op : ops)
            run(books, op);
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
    const std::vector<Op> ops = makeOps(bookCount, 500'000, 7);
    std::vector<double> ns;
    for (auto _ : state) {
        CountingListener listener;
        std::deque<OrderBook> books;
        for (int b = 0; b < bookCount; ++b)
            books.emplace_back(&listener);
        ns.clear();
        ns.reserve(ops.size());
        for (const Op &op : ops) {
            const auto t0 = std::chrono::steady_clock::now();
            run(books, op);
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
