#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <QtGlobal>

#include <atomic>
#include <optional>

namespace instant {

// Microseconds since the Unix epoch, UTC.
using TimestampUs = qint64;

// Where time comes from. Every business decision (trade date, settlement date, expiry, age of an
// order) asks the clock it was given: the machine's, the simulated market's or a test's. Only
// SystemClock reads the machine's clock, so the product and its tests work on any date.
class Clock
{
public:
    virtual ~Clock();
    virtual TimestampUs nowUs() const = 0;
    // The calendar date in UTC now.
    QDate utcDate() const;
    // The US trading date now: New York's calendar date (UTC when no time zone data is installed).
    QDate tradeDate() const;
};

// The machine's clock.
class SystemClock final : public Clock
{
public:
    TimestampUs nowUs() const override;
};

// A clock that moves only when told: the simulated market's, a replay's and a test's.
// Thread-safe: one thread moves it, any thread reads it.
class SimulatedClock final : public Clock
{
public:
    explicit SimulatedClock(TimestampUs startUs = 0) : m_nowUs(startUs) {}
    TimestampUs nowUs() const override { return m_nowUs.load(std::memory_order_relaxed); }
    void set(TimestampUs us) { m_nowUs.store(us, std::memory_order_relaxed); }
    void advance(qint64 micros) { m_nowUs.fetch_add(micros, std::memory_order_relaxed); }

private:
    std::atomic<TimestampUs> m_nowUs;
};

// The one SystemClock a process shares (it holds no state). Only the entry points (main, the
// command line, the benchmark) take it and pass it on; nothing below them calls this.
const Clock &systemClock();

// The machine's clock read directly, for what is not a business decision: when an event is
// recorded, a log line's time. Business code takes a Clock.
TimestampUs nowUtcMicros();

// The UTC time of a date at a time of day (00:00 by default), in microseconds.
TimestampUs utcMicros(QDate date, int hour = 0, int minute = 0);
// The trading (New York) date of a UTC time.
QDate tradeDateOf(TimestampUs us);

// 2026-11-21T07:11:06.123456Z
QString formatUtcMicros(TimestampUs us);

// Accepts ISO 8601 dates and date-times ("2026-11-21", "2026-11-21T07:11:06", with optional
// fraction up to microseconds and "Z" or an offset). A date-time without a zone is UTC.
std::optional<TimestampUs> parseUtcMicros(const QString &text);

} // namespace instant
