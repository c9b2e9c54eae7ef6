#pragma once

// A read of the log on a thread of its own, a few batches ahead of whoever applies it. `prepare`
// runs on the reading thread on each event as it is read, told whether the caller is behind (a
// batch already waits for it): a replay then decodes payloads there, and otherwise leaves them to
// the caller, so that the two cores share the work whichever is the slower. `visit` runs on the
// calling thread with the event and what `prepare` made of it, in sequence order. Memory stays
// flat on any log: at most a few batches in flight. A batch the caller is done with goes back to
// the reading thread, which frees its events (it allocated them: a free on the thread that made
// the block is the cheap one) and fills it again.

#include "store/eventstore.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace instant {

template <class Prepared, class Prepare, class Visit>
Status readAhead(const EventStore &store, const ReadQuery &query, Prepare &&prepare, Visit &&visit)
{
    constexpr size_t Batch = 2048, InFlight = 4;
    using Item = std::pair<RecordedEvent, Prepared>;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<Item>> ready;
    std::vector<std::vector<Item>> spent; // visited: back to the reader, to empty and fill again
    bool finished = false, stop = false;
    Status readStatus = Done{};
    std::thread reader([&] {
        std::vector<Item> batch;
        batch.reserve(Batch);
        bool callerBehind = false;
        auto handOver = [&] {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return ready.size() < InFlight || stop; });
            if (stop)
                return false;
            callerBehind = !ready.empty();
            ready.push_back(std::move(batch));
            changed.notify_all();
            batch = {};
            if (!spent.empty()) {
                batch = std::move(spent.back());
                spent.pop_back();
            }
            lock.unlock();
            batch.clear(); // the visited events freed here, off the caller's thread
            batch.reserve(Batch);
            return true;
        };
        Status s = store.forEach(query, [&](RecordedEvent &e) {
            Item &item = batch.emplace_back(std::move(e), Prepared{}); // taken: no copy to count and free
            item.second = prepare(item.first, callerBehind);
            return batch.size() < Batch || handOver();
        });
        if (s && !batch.empty())
            handOver();
        std::lock_guard lock(mutex);
        readStatus = s;
        finished = true;
        changed.notify_all();
    });
    std::vector<Item> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex);
            if (!batch.empty())
                spent.push_back(std::move(batch));
            changed.wait(lock, [&] { return !ready.empty() || finished; });
            if (ready.empty())
                break;
            batch = std::move(ready.front());
            ready.pop_front();
            changed.notify_all();
        }
        bool more = true;
        for (Item &item : batch)
            if (!(more = visit(item.first, item.second))) // the visitor may take the event
                break;
        if (!more) {
            std::lock_guard lock(mutex);
            stop = true;
            changed.notify_all();
            break;
        }
    }
    reader.join();
    return readStatus;
}

} // namespace instant
