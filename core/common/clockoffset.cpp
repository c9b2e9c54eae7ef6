#include "common/clockoffset.h"

#include <QMutex>
#include <QTimer>
#include <QUdpSocket>
#include <QtEndian>

#include <cmath>

namespace instant {

namespace {

constexpr qint64 SecondsFrom1900To1970 = 2'208'988'800;
constexpr qint64 Era = qint64(1) << 32; // seconds in one NTP era (about 136 years)
constexpr int AnswerWaitMs = 3000;

quint64 readStamp(const QByteArray &packet, int at)
{
    return qFromBigEndian<quint64>(packet.constData() + at);
}

} // namespace

bool ClockOffset::withinCat() const
{
    return boundUs() <= 50'000;
}

QString ClockOffset::record() const
{
    return QStringLiteral("ntp %1 stratum %2 offset %3%4 us delay %5 us at %6")
        .arg(server)
        .arg(stratum)
        .arg(offsetUs >= 0 ? QStringLiteral("+") : QString())
        .arg(offsetUs)
        .arg(roundTripUs)
        .arg(formatUtcMicros(measuredUs));
}

namespace sntp {

quint64 toNtp(TimestampUs us)
{
    const qint64 seconds = std::floor(double(us) / 1e6);
    const qint64 micros = us - seconds * 1'000'000;
    const quint64 ntpSeconds = quint64((seconds + SecondsFrom1900To1970) % Era); // wraps in 2036
    const quint64 fraction = (quint64(micros) << 32) / 1'000'000;
    return (ntpSeconds << 32) | fraction;
}

TimestampUs fromNtp(quint64 ntp)
{
    qint64 seconds = qint64(ntp >> 32);
    if ((seconds & 0x80000000LL) == 0) // era 1: from 2036-02-07 on
        seconds += Era;
    const qint64 micros = qint64(((ntp & 0xFFFFFFFFULL) * 1'000'000 + 0x80000000ULL) >> 32);
    return (seconds - SecondsFrom1900To1970) * 1'000'000 + micros;
}

QByteArray request(TimestampUs sentUs)
{
    QByteArray packet(PacketSize, '\0');
    packet[0] = char((0 << 6) | (4 << 3) | 3); // no leap warning, version 4, client
    qToBigEndian<quint64>(toNtp(sentUs), packet.data() + 40);
    return packet;
}

Result<ClockOffset> readAnswer(const QByteArray &answer, const QByteArray &sent, TimestampUs sentUs,
                               TimestampUs receivedUs, const QString &server)
{
    const auto refuse = [&server](const QString &why) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("time server %1: %2").arg(server, why));
    };
    if (answer.size() < PacketSize)
        return refuse(QStringLiteral("an answer of %1 bytes, not an NTP packet").arg(answer.size()));
    const int leap = (quint8(answer[0]) >> 6) & 3;
    const int version = (quint8(answer[0]) >> 3) & 7;
    const int mode = quint8(answer[0]) & 7;
    const int stratum = quint8(answer[1]);
    if (mode != 4 || version < 1)
        return refuse(QStringLiteral("not a server's answer (mode %1, version %2)").arg(mode).arg(version));
    if (answer.mid(24, 8) != sent.mid(40, 8))
        return refuse(QStringLiteral("an answer to another request (its originate time is not ours)"));
    if (stratum == 0) {
        const QString code = QString::fromLatin1(answer.mid(12, 4)).trimmed().remove(QChar(0));
        return refuse(code == u"RATE" ? QStringLiteral("kiss-o'-death RATE: asked too often")
                                      : QStringLiteral("kiss-o'-death %1: it will not answer").arg(code));
    }
    if (leap == 3 || stratum >= 16)
        return refuse(QStringLiteral("the server's own clock is not synchronised"));
    const quint64 receiveStamp = readStamp(answer, 32), transmitStamp = readStamp(answer, 40);
    if (transmitStamp == 0 || receiveStamp == 0)
        return refuse(QStringLiteral("an answer without its times"));
    const TimestampUs t1 = sentUs, t2 = fromNtp(receiveStamp), t3 = fromNtp(transmitStamp), t4 = receivedUs;
    ClockOffset o;
    o.server = server;
    o.stratum = stratum;
    o.offsetUs = ((t2 - t1) + (t3 - t4)) / 2;
    o.roundTripUs = std::max<qint64>(0, (t4 - t1) - (t3 - t2));
    o.measuredUs = receivedUs;
    return o;
}

} // namespace sntp

namespace {

QMutex outsideMutex;
OutsideClock outsideClock;

} // namespace

OutsideClock OutsideClock::current()
{
    QMutexLocker lock(&outsideMutex);
    return outsideClock;
}

void OutsideClock::publish(const OutsideClock &clock)
{
    QMutexLocker lock(&outsideMutex);
    outsideClock = clock;
}

ClockWatch::ClockWatch(const QString &server, const Clock &clock, int intervalMs, QObject *parent)
    : QObject(parent), m_clock(clock), m_intervalMs(intervalMs), m_next(new QTimer(this)), m_timeout(new QTimer(this))
{
    m_host = server;
    if (const int colon = server.lastIndexOf(u':'); colon > 0 && !server.startsWith(u'[')) {
        bool ok = false;
        const uint port = server.mid(colon + 1).toUInt(&ok);
        if (ok && port > 0 && port < 65536) {
            m_host = server.left(colon);
            m_port = quint16(port);
        }
    }
    m_next->setSingleShot(true);
    m_timeout->setSingleShot(true);
    connect(m_next, &QTimer::timeout, this, &ClockWatch::ask);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        finish(makeError(ErrorCode::Unavailable,
                         QStringLiteral("time server %1:%2: no answer in %3 s").arg(m_host).arg(m_port).arg(AnswerWaitMs / 1000)));
    });
}

void ClockWatch::start()
{
    OutsideClock c = OutsideClock::current();
    c.server = QStringLiteral("%1:%2").arg(m_host).arg(m_port);
    OutsideClock::publish(c);
    ask();
}

void ClockWatch::ask()
{
    delete m_socket; // a late answer to an earlier request is not read
    m_socket = new QUdpSocket(this);
    connect(m_socket, &QUdpSocket::readyRead, this, &ClockWatch::read);
    connect(m_socket, &QUdpSocket::errorOccurred, this, [this] {
        finish(makeError(ErrorCode::Unavailable, QStringLiteral("time server %1:%2: %3").arg(m_host).arg(m_port).arg(m_socket->errorString())));
    });
    connect(m_socket, &QUdpSocket::connected, this, [this] {
        m_sentUs = m_clock.nowUs();
        m_request = sntp::request(m_sentUs);
        m_socket->write(m_request);
    });
    m_timeout->start(AnswerWaitMs);
    m_socket->connectToHost(m_host, m_port); // the name is looked up without blocking
}

void ClockWatch::read()
{
    while (m_socket && m_socket->hasPendingDatagrams()) {
        const TimestampUs receivedUs = m_clock.nowUs();
        QByteArray answer(int(m_socket->pendingDatagramSize()), '\0');
        answer.resize(int(m_socket->readDatagram(answer.data(), answer.size())));
        auto offset = sntp::readAnswer(answer, m_request, m_sentUs, receivedUs, QStringLiteral("%1:%2").arg(m_host).arg(m_port));
        // A stray or forged datagram is not the answer: keep waiting for ours.
        if (!offset && offset.message().contains(QStringLiteral("another request")))
            continue;
        finish(offset);
        return;
    }
}

void ClockWatch::finish(const Result<ClockOffset> &result)
{
    if (!m_socket) // this request is over already (answered, failed or timed out)
        return;
    m_timeout->stop();
    m_socket->disconnect(this);
    m_socket->deleteLater();
    m_socket = nullptr;
    OutsideClock c = OutsideClock::current();
    c.server = QStringLiteral("%1:%2").arg(m_host).arg(m_port);
    if (result) {
        c.offset = *result;
        c.problem.clear();
    } else {
        c.problem = result.message();
        if (result.message().contains(QStringLiteral("RATE")))
            m_intervalMs *= 2;
    }
    OutsideClock::publish(c);
    m_next->start(m_intervalMs);
    Q_EMIT measured(c.problem);
}

} // namespace instant
