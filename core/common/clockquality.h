#pragma once

#include "common/clockoffset.h"

#include <QString>
#include <QtGlobal>

#include <chrono>

namespace instant {

// What the machine's clock is worth: whether the operating system keeps it synchronised (NTP,
// PTP) and the error it estimates. Recorded with every batch of events (the store's recorded
// times come from this clock) and shown on the status bar. FINRA CAT asks for business clocks
// within 50 ms of NIST.
struct ClockQuality
{
    bool known = false;             // the system says how its clock is kept
    bool synchronised = false;
    qint64 estimatedErrorUs = -1;   // the kernel's estimate (-1: unknown)
    qint64 maxErrorUs = -1;         // its bound
    OutsideClock outside;           // measured against a time server (ClockWatch), when one is asked

    static constexpr qint64 CatToleranceUs = 50'000;

    // Asks the operating system (Linux: adjtimex, a system call) and takes the last outside
    // measurement. The store's writer keeps what it says for a while (ClockRecord, below).
    static ClockQuality measure();
    // For the record, e.g. "system clock; synchronised; est 1200 us; max 16000 us", or
    // "system clock; not synchronised; max 16000000 us", or "system clock; unknown"; then, when a
    // time server is asked, "; ntp time.nist.gov:123 stratum 1 offset -350 us delay 9000 us at
    // 2026-12-02T21:00:00.011000Z" and, when the last attempt failed, "; time server …: why".
    QString record() const;
    // Within CAT's 50 ms: measured so against the time server, or else by the operating system.
    bool withinCat() const
    {
        if (outside.offset)
            return outside.offset->withinCat();
        return synchronised && maxErrorUs >= 0 && maxErrorUs <= CatToleranceUs;
    }
};

// ClockQuality's record, measured again once it is older than `maxAge`: what the store writes on
// every batch. Asking the kernel is a system call (on a VM, several microseconds, about 1 % of a
// signed order); the quality moves slowly: NTP corrects the clock every few minutes, and between
// its updates the kernel's bound grows by 500 us a second, so a record 100 ms old understates
// it by at most 50 us. Not thread-safe: one per writer.
class ClockRecord
{
public:
    static constexpr std::chrono::milliseconds DefaultMaxAge{100};

    explicit ClockRecord(std::chrono::milliseconds maxAge = DefaultMaxAge) : m_maxAge(maxAge) {}

    const QString &current();
    qint64 measurements() const { return m_measurements; }

private:
    std::chrono::milliseconds m_maxAge;
    std::chrono::steady_clock::time_point m_at;
    QString m_record;
    qint64 m_measurements = 0;
};

} // namespace instant
