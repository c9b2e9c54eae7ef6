// A time server's answer (SNTP, common/clockoffset.h) is read from the network: whatever it
// sends, readAnswer never crashes; what it accepts has a round trip of zero or more and a bound
// no smaller than the offset, and what it refuses it says why, naming the server. The input's
// first byte picks whether the answer carries our request's originate time (the deeper checks);
// the NTP timestamp conversion round-trips every time from 1900 to 2104.

#include "common/clockoffset.h"
#include "fuzzsupport.h"

#include <cstring>

using namespace instant;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 256)
        return -1;
    const TimestampUs sentUs = utcMicros(QDate(2026, 12, 2), 21, 0);
    const QByteArray request = sntp::request(sentUs);
    QByteArray answer = fuzz::bytes(data + 1, size - 1);
    if ((data[0] & 1) && answer.size() >= sntp::PacketSize)
        answer.replace(24, 8, request.mid(40, 8));
    const TimestampUs receivedUs = sentUs + (data[0] >> 1) * 1000;
    const auto offset = sntp::readAnswer(answer, request, sentUs, receivedUs, QStringLiteral("fuzz:123"));
    if (offset) {
        fuzz::check(offset->roundTripUs >= 0, "a negative round trip", QString::number(offset->roundTripUs));
        fuzz::check(offset->boundUs() >= (offset->offsetUs < 0 ? -offset->offsetUs : offset->offsetUs), "a bound below the offset");
        fuzz::check(offset->stratum >= 1 && offset->stratum <= 15, "a stratum a server does not answer with",
                    QString::number(offset->stratum));
        fuzz::check(!offset->record().isEmpty(), "an empty record");
    } else {
        fuzz::check(offset.message().startsWith(QStringLiteral("time server fuzz:123: ")), "a refusal that does not name the server",
                    offset.message());
    }

    if (size >= 1 + sizeof(qint64)) {
        qint64 us = 0;
        std::memcpy(&us, data + 1, sizeof us);
        // 1900-01-01 to 2104-02-07: the two eras an NTP timestamp covers as RFC 4330 reads them.
        constexpr qint64 from = -2'208'988'800LL * 1'000'000, span = (qint64(1) << 32) * 1'000'000 * 3 / 2;
        const qint64 lowest = from + span / 3; // 1968-01-20: where the era-0 reading begins
        const qint64 inRange = lowest + ((us % span) + span) % span;
        if (inRange < lowest + (qint64(1) << 32) * 1'000'000)
            fuzz::check(sntp::fromNtp(sntp::toNtp(inRange)) == inRange, "an NTP timestamp that does not read back",
                        QString::number(inRange));
    }
    return 0;
}
