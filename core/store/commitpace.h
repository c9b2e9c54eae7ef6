#pragma once

#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <chrono>

namespace instant {

// How long a store's commits take lately, and from that how a caller waiting for one should wait.
//
// A commit that ends in memory or on a fast device takes tens of microseconds: a caller that
// watches for it (spinning) has its answer as soon as it is there, where a sleeping one would wait
// for the scheduler to wake it as well (on a virtual machine, tens of microseconds more). A commit
// that waits for a disk's flush takes hundreds: a caller spinning through it only takes a core from
// the kernel that completes the write (measured here: each flush slower by 30-60 us while the
// caller spun), so it sleeps instead.
//
// The writer records, for each commit, the whole of its work (statements, signature, COMMIT) and
// the COMMIT alone, where a flush happens; any thread asks spinFor(). Lock-free.
class CommitPace
{
public:
    using Micros = std::chrono::microseconds;

    // A COMMIT taking longer than this, on average, is a flush: waited for asleep.
    static constexpr Micros ShortFlush{100};
    // Before any commit is timed.
    static constexpr Micros FirstSpin{200};

    void record(Micros took, Micros flush)
    {
        follow(m_tookNs, took);
        follow(m_flushNs, flush);
    }

    // How long a caller watches for its commit before it sleeps until woken: while the commits
    // flush nothing, room for a write a few times slower than the average; never through a flush.
    Micros spinFor() const
    {
        const qint64 took = m_tookNs.load(std::memory_order_relaxed);
        if (took == 0)
            return FirstSpin;
        if (m_flushNs.load(std::memory_order_relaxed) > qint64(ShortFlush.count()) * 1000)
            return Micros(0);
        return Micros(4 * took / 1000);
    }

    // The averages now (0 before the first commit): the whole write, and its COMMIT.
    Micros average() const { return Micros(m_tookNs.load(std::memory_order_relaxed) / 1000); }
    Micros flushAverage() const { return Micros(m_flushNs.load(std::memory_order_relaxed) / 1000); }

private:
    // An average over the last few commits (each weighs 1/8): one slow flush does not change how
    // callers wait, a device that turned slow does within a few commits. Kept in nanoseconds, so
    // that it moves however close the new times are to it.
    static void follow(std::atomic<qint64> &average, Micros took)
    {
        const qint64 ns = std::max<qint64>(took.count(), 1) * 1000;
        const qint64 now = average.load(std::memory_order_relaxed); // one writer: no other store between
        average.store(now == 0 ? ns : now + (ns - now) / 8, std::memory_order_relaxed);
    }

    std::atomic<qint64> m_tookNs{0};
    std::atomic<qint64> m_flushNs{0};
};

} // namespace instant
