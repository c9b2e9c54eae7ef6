#pragma once

#include "common/clock.h"
#include "common/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <optional>

class QTimer;
class QUdpSocket;

namespace instant {

// This machine's clock against an outside time server, measured with SNTP (RFC 4330, NTP version
// 4 packets): offset = ((T2 - T1) + (T3 - T4)) / 2, round trip = (T4 - T1) - (T3 - T2). The true
// offset lies within offset ± round trip / 2 (boundUs). FINRA CAT wants it within 50 ms of NIST.
struct ClockOffset
{
    QString server;          // "time.nist.gov:123"
    qint64 offsetUs = 0;     // the server's time minus this clock's (positive: this clock is behind)
    qint64 roundTripUs = 0;
    int stratum = 0;         // 1: the server reads a reference clock itself
    TimestampUs measuredUs = 0; // when, on this clock

    qint64 boundUs() const { return (offsetUs < 0 ? -offsetUs : offsetUs) + roundTripUs / 2; }
    bool withinCat() const;
    // For a batch's clock record: "ntp time.nist.gov:123 stratum 1 offset -350 us delay 9000 us at
    // 2026-12-02T21:00:00.011000Z" (formatUtcMicros).
    QString record() const;
};

namespace sntp {

constexpr int PacketSize = 48;

// An NTP timestamp (seconds since 1900 and a binary fraction, 64 bits) for a UTC time, and back.
// Era aware (RFC 4330, section 3): a seconds field with its top bit clear is after 2036-02-07.
quint64 toNtp(TimestampUs us);
TimestampUs fromNtp(quint64 ntp);

// A client request (mode 3, version 4) whose transmit timestamp is `sentUs`.
QByteArray request(TimestampUs sentUs);
// The offset an answer gives, sent at `sentUs` and received at `receivedUs` on this clock; or why
// the answer is refused: too short, not from a server, not an answer to `request` (its originate
// timestamp must be the request's transmit timestamp), the server unsynchronised (leap indicator
// 3, stratum 16) or sending a kiss-o'-death (stratum 0: "RATE", "DENY", "RSTR": the reason).
Result<ClockOffset> readAnswer(const QByteArray &answer, const QByteArray &request, TimestampUs sentUs,
                               TimestampUs receivedUs, const QString &server);

} // namespace sntp

// The last measurement, for the store's clock records and the status bar (any thread).
struct OutsideClock
{
    std::optional<ClockOffset> offset; // the last good measurement
    QString problem;                   // why the last attempt failed; empty when it did not
    QString server;
    static OutsideClock current();
    static void publish(const OutsideClock &clock);
};

// Asks a time server for this clock's offset now and then, publishing each answer (OutsideClock)
// and emitting measured(). Lives on a thread of its own: the answer is waited for, not the
// screen. A kiss-o'-death "RATE" doubles the interval.
class ClockWatch : public QObject
{
    Q_OBJECT

public:
    // `server`: HOST or HOST:PORT (123 by default).
    ClockWatch(const QString &server, const Clock &clock, int intervalMs = 5 * 60'000, QObject *parent = nullptr);
    void start();
    int intervalMs() const { return m_intervalMs; }

Q_SIGNALS:
    void measured(const QString &problem); // empty: a good answer (OutsideClock::current())

private:
    void ask();
    void read();
    void finish(const Result<ClockOffset> &result);

    QString m_host;
    quint16 m_port = 123;
    const Clock &m_clock;
    int m_intervalMs;
    QUdpSocket *m_socket = nullptr;
    QTimer *m_next;
    QTimer *m_timeout;
    QByteArray m_request;
    TimestampUs m_sentUs = 0;
};

} // namespace instant
