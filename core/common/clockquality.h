#pragma once

#include <QString>
#include <QtGlobal>

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

    static constexpr qint64 CatToleranceUs = 50'000;

    // Asks the operating system (Linux: adjtimex); cheap enough for every commit.
    static ClockQuality measure();
    // For the record, e.g. "system clock; synchronised; est 1200 us; max 16000 us", or
    // "system clock; not synchronised; max 16000000 us", or "system clock; unknown".
    QString record() const;
    bool withinCat() const { return synchronised && maxErrorUs >= 0 && maxErrorUs <= CatToleranceUs; }
};

} // namespace instant
