// The clock measured against a time server (SNTP, RFC 4330): the NTP timestamp across the 2036
// era change, the offset and round trip of an answer worked by hand, the answers a server should
// not send (and some do), and a round trip against a loopback server whose clock runs 250 ms
// ahead, recorded with the store's next batch.

#include "common/clockoffset.h"
#include "common/clockquality.h"
#include "events/signingkey.h"
#include "store/eventstore.h"
#include "teststores.h"

#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>
#include <QtEndian>

using namespace instant;
using namespace instant::test;

namespace {

constexpr TimestampUs Second = 1'000'000;
const TimestampUs Dec2026 = utcMicros(QDate(2026, 12, 2), 21, 0);

// A server's answer to `request`: received at t2, sent at t3 (its clock).
QByteArray answer(const QByteArray &request, TimestampUs t2, TimestampUs t3, int stratum = 2, int leap = 0, int mode = 4,
                  const char *refid = "GPS\0")
{
    QByteArray a(sntp::PacketSize, '\0');
    a[0] = char((leap << 6) | (4 << 3) | mode);
    a[1] = char(stratum);
    a.replace(12, 4, QByteArray(refid, 4));
    a.replace(24, 8, request.mid(40, 8)); // originate: the request's transmit time
    qToBigEndian<quint64>(sntp::toNtp(t2), a.data() + 32);
    qToBigEndian<quint64>(sntp::toNtp(t3), a.data() + 40);
    return a;
}

// A time server on loopback whose clock runs `skewUs` ahead of this machine's; `rude` picks how
// it misbehaves.
class LoopbackTimeServer : public QObject
{
public:
    enum class Manner { Polite, Silent, KissRate, StrayFirst };
    explicit LoopbackTimeServer(qint64 skewUs, Manner manner = Manner::Polite) : m_skewUs(skewUs), m_manner(manner)
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                QByteArray request(int(m_socket.pendingDatagramSize()), '\0');
                QHostAddress from;
                quint16 port = 0;
                m_socket.readDatagram(request.data(), request.size(), &from, &port);
                ++asked;
                const TimestampUs t2 = nowUtcMicros() + m_skewUs;
                if (m_manner == Manner::Silent)
                    continue;
                if (m_manner == Manner::KissRate) {
                    m_socket.writeDatagram(answer(request, 0, 0, 0, 3, 4, "RATE"), from, port);
                    continue;
                }
                if (m_manner == Manner::StrayFirst) { // an answer to somebody else's request first
                    QByteArray other = request;
                    other[45] = char(other[45] ^ 0x55);
                    m_socket.writeDatagram(answer(other, t2, t2), from, port);
                }
                m_socket.writeDatagram(answer(request, t2, nowUtcMicros() + m_skewUs), from, port);
            }
        });
    }
    QString server() const { return QStringLiteral("127.0.0.1:%1").arg(m_socket.localPort()); }
    int asked = 0;

private:
    QUdpSocket m_socket;
    qint64 m_skewUs;
    Manner m_manner;
};

} // namespace

class TestClockOffset : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};

private Q_SLOTS:
    void ntpTimestampsAcrossTheEras_data()
    {
        QTest::addColumn<qint64>("us");
        QTest::newRow("1970") << qint64(0);
        QTest::newRow("2026-12-02") << Dec2026 + 123'456;
        QTest::newRow("the last second of era 0") << utcMicros(QDate(2036, 2, 7), 6, 28) + 15 * Second + 999'999;
        QTest::newRow("the first of era 1") << utcMicros(QDate(2036, 2, 7), 6, 28) + 16 * Second;
        QTest::newRow("2050") << utcMicros(QDate(2050, 6, 30), 12, 0) + 1;
    }
    void ntpTimestampsAcrossTheEras()
    {
        QFETCH(qint64, us);
        QCOMPARE(sntp::fromNtp(sntp::toNtp(us)), us);
    }

    void theEraChangesWhereRfc4330SaysItDoes()
    {
        const TimestampUs change = utcMicros(QDate(2036, 2, 7), 6, 28) + 16 * Second;
        QCOMPARE(sntp::toNtp(change - Second) >> 32, quint64(0xFFFFFFFF));
        QCOMPARE(sntp::toNtp(change) >> 32, quint64(0));
        // 1900-01-01 + 2^32 s: 2036-02-07T06:28:16Z.
        QCOMPARE(sntp::toNtp(Dec2026) >> 32, quint64(Dec2026 / Second + 2'208'988'800));
    }

    // Sent at T1; the server, 120 ms ahead, receives it 5 ms later (T2 = T1 + 125 ms on its
    // clock) and answers 1 ms after (T3 = T1 + 126 ms); it arrives at T4 = T1 + 11 ms here.
    // Offset ((T2-T1) + (T3-T4)) / 2 = (125 + 115) / 2 = 120 ms; round trip (T4-T1) - (T3-T2) = 10 ms.
    void anAnswerWorkedByHand()
    {
        const TimestampUs t1 = Dec2026;
        const QByteArray request = sntp::request(t1);
        QCOMPARE(request.size(), 48);
        QCOMPARE(quint8(request[0]), quint8(0x23)); // leap 0, version 4, mode 3 (client)
        auto o = sntp::readAnswer(answer(request, t1 + 125'000, t1 + 126'000), request, t1, t1 + 11'000, QStringLiteral("ntp.test:123"));
        QVERIFY2(o, qPrintable(o.message()));
        QCOMPARE(o->offsetUs, 120'000);
        QCOMPARE(o->roundTripUs, 10'000);
        QCOMPARE(o->boundUs(), 125'000);
        QVERIFY(!o->withinCat());
        QCOMPARE(o->stratum, 2);
        QCOMPARE(o->record(), QStringLiteral("ntp ntp.test:123 stratum 2 offset +120000 us delay 10000 us at %1").arg(formatUtcMicros(t1 + 11'000)));
        // This clock ahead by 30 ms, 4 ms each way: within CAT's 50 ms.
        o = sntp::readAnswer(answer(request, t1 - 26'000, t1 - 26'000), request, t1, t1 + 8'000, QStringLiteral("ntp.test:123"));
        QCOMPARE(o->offsetUs, -30'000);
        QVERIFY(o->withinCat());
    }

    void answersAServerShouldNotSend_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("too short") << QStringLiteral("short") << QStringLiteral("not an NTP packet");
        QTest::newRow("our own request echoed") << QStringLiteral("echo") << QStringLiteral("not a server's answer");
        QTest::newRow("an answer to another request") << QStringLiteral("other") << QStringLiteral("another request");
        QTest::newRow("kiss-o'-death RATE") << QStringLiteral("rate") << QStringLiteral("RATE: asked too often");
        QTest::newRow("kiss-o'-death DENY") << QStringLiteral("deny") << QStringLiteral("DENY: it will not answer");
        QTest::newRow("leap indicator 3") << QStringLiteral("alarm") << QStringLiteral("not synchronised");
        QTest::newRow("stratum 16") << QStringLiteral("stratum16") << QStringLiteral("not synchronised");
        QTest::newRow("no transmit time") << QStringLiteral("notimes") << QStringLiteral("without its times");
    }
    void answersAServerShouldNotSend()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const TimestampUs t1 = Dec2026;
        const QByteArray request = sntp::request(t1);
        QByteArray a = answer(request, t1 + 1000, t1 + 2000);
        if (kind == u"short")
            a.truncate(40);
        else if (kind == u"echo")
            a = answer(request, t1, t1, 2, 0, 3);
        else if (kind == u"other")
            a[31] = char(a[31] ^ 1);
        else if (kind == u"rate")
            a = answer(request, 0, 0, 0, 3, 4, "RATE");
        else if (kind == u"deny")
            a = answer(request, 0, 0, 0, 3, 4, "DENY");
        else if (kind == u"alarm")
            a = answer(request, t1 + 1000, t1 + 2000, 2, 3);
        else if (kind == u"stratum16")
            a = answer(request, t1 + 1000, t1 + 2000, 16);
        else if (kind == u"notimes")
            a.replace(40, 8, QByteArray(8, '\0'));
        auto o = sntp::readAnswer(a, request, t1, t1 + 3000, QStringLiteral("ntp.test:123"));
        QVERIFY(!o);
        QVERIFY2(o.message().contains(expected), qPrintable(o.message()));
        QVERIFY(o.message().startsWith(QStringLiteral("time server ntp.test:123: ")));
    }

    // A server 250 ms ahead, on loopback: the offset is measured, published, and recorded with
    // the store's next batch (inside its signed bytes).
    void measuredAgainstALoopbackServerAndRecorded()
    {
        LoopbackTimeServer server(250'000, LoopbackTimeServer::Manner::StrayFirst);
        ClockWatch watch(server.server(), systemClock(), 60'000);
        QSignalSpy measured(&watch, &ClockWatch::measured);
        watch.start();
        QTRY_COMPARE_WITH_TIMEOUT(measured.count(), 1, 10000);
        QCOMPARE(measured.first().first().toString(), QString()); // the stray answer was passed over
        const OutsideClock outside = OutsideClock::current();
        QVERIFY(outside.problem.isEmpty());
        QVERIFY(outside.offset);
        const ClockOffset &o = *outside.offset;
        QCOMPARE(o.server, server.server());
        // Both ends read this machine's clock: the true offset is 250 ms, and the measurement is
        // within half the round trip of it (and a microsecond of rounding each way).
        QVERIFY2(std::abs(o.offsetUs - 250'000) <= o.roundTripUs / 2 + 2,
                 qPrintable(QStringLiteral("offset %1 us, round trip %2 us").arg(o.offsetUs).arg(o.roundTripUs)));
        QVERIFY(!o.withinCat());

        const ClockQuality q = ClockQuality::measure();
        QVERIFY(!q.withinCat()); // the server says 250 ms, whatever the operating system says
        QVERIFY2(q.record().contains(QStringLiteral("; ntp %1 stratum 2 offset +").arg(server.server())), qPrintable(q.record()));

        auto store = stores.open(stores.freshUrl());
        auto key = SigningKey::generate();
        QVERIFY(key);
        store->signWith(std::make_shared<const SigningKey>(std::move(*key)));
        QVERIFY(store->append(request(QStringLiteral("s"), ExpectedVersion::Any, {newEvent(QStringLiteral("Tick"))})).ok());
        QString clock;
        QVERIFY(store->forEachSignature(0, -1, [&clock](const BatchSignature &b) {
            clock = b.clock;
            return true;
        }));
        QVERIFY2(clock.contains(QStringLiteral("ntp %1 stratum 2").arg(server.server())), qPrintable(clock));
        OutsideClock::publish({});
    }

    // What the store writes on each batch: measured once, then again only once it is older than
    // its age allows.
    void theClockRecordIsMeasuredAgainOnlyWhenOld()
    {
        OutsideClock::publish({});
        ClockRecord kept(std::chrono::hours(1));
        const QString first = kept.current();
        QVERIFY2(first.startsWith(QStringLiteral("system clock; ")), qPrintable(first));
        OutsideClock problem;
        problem.problem = QStringLiteral("time server pool.example: no answer");
        OutsideClock::publish(problem);
        QCOMPARE(kept.current(), first); // an hour has not passed
        QCOMPARE(kept.measurements(), 1);

        ClockRecord everyTime(std::chrono::milliseconds(0));
        const QString withProblem = everyTime.current();
        QVERIFY2(withProblem.endsWith(QStringLiteral("; time server pool.example: no answer")), qPrintable(withProblem));
        OutsideClock::publish({});
        QVERIFY(!everyTime.current().contains(QStringLiteral("pool.example")));
        QCOMPARE(everyTime.measurements(), 2);
    }

    void aServerThatSaysRateIsAskedLessOften()
    {
        LoopbackTimeServer server(0, LoopbackTimeServer::Manner::KissRate);
        ClockWatch watch(server.server(), systemClock(), 60'000);
        QSignalSpy measured(&watch, &ClockWatch::measured);
        watch.start();
        QTRY_COMPARE_WITH_TIMEOUT(measured.count(), 1, 10000);
        QVERIFY2(measured.first().first().toString().contains(QStringLiteral("RATE")), qPrintable(measured.first().first().toString()));
        QCOMPARE(watch.intervalMs(), 120'000);
        QVERIFY(!OutsideClock::current().offset);
        QVERIFY(ClockQuality::measure().record().contains(QStringLiteral("kiss-o'-death RATE")));
        OutsideClock::publish({});
    }

    void aServerThatDoesNotAnswer()
    {
        LoopbackTimeServer server(0, LoopbackTimeServer::Manner::Silent);
        ClockWatch watch(server.server(), systemClock(), 60'000);
        QSignalSpy measured(&watch, &ClockWatch::measured);
        watch.start();
        QTRY_COMPARE_WITH_TIMEOUT(measured.count(), 1, 15000);
        QCOMPARE(server.asked, 1);
        QVERIFY2(measured.first().first().toString().contains(QStringLiteral("no answer in 3 s")), qPrintable(measured.first().first().toString()));
        OutsideClock::publish({});
    }
};

QTEST_GUILESS_MAIN(TestClockOffset)
#include "tst_clockoffset.moc"
