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
// The writer records each commit's time; any thread asks spinFor(). Lock-free.
class CommitPace
{
public:
    using Micros = std::chrono::microseconds;

    // A commit taking longer than this, on average, is waited for asleep.
    static constexpr Micros ShortCommit{100};
    // Before any commit is timed.
    static constexpr Micros FirstSpin{200};

    void record(Micros took)
    {
        const qint64 us = std::max<qint64>(took.count(), 1);
        const qint64 average = m_averageUs.load(std::memory_order_relaxed);
        // An average over the last few commits (each weighs 1/8): one slow flush does not
        // change how callers wait, a device that turned slow does within a few commits.
        m_averageUs.store(average == 0 ? us : average + (us - average) / 8, std::memory_order_relaxed);
    }

    // How long a caller watches for its commit before it sleeps until woken.
    Micros spinFor() const
    {
        const qint64 average = m_averageUs.load(std::memory_order_relaxed);
        if (average == 0)
            return FirstSpin;
        if (average > ShortCommit.count())
            return Micros(0);
        // Room for a commit a few times slower than the average, then asleep.
        return Micros(4 * average);
    }

    // The average commit time now (0 before the first).
    Micros average() const { return Micros(m_averageUs.load(std::memory_order_relaxed)); }

private:
    std::atomic<qint64> m_averageUs{0};
};

} // namespace instant
