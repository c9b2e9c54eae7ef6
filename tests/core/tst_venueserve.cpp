// The real programs on loopback: `instant venue serve` (FIX acceptor and WebSocket market data)
// and `instant demo run --headless --venue fix://… --feed ws://…` as the workstation. Either side
// is killed mid-session and started again; no order is lost or recorded twice, the chain verifies
// and the state equals a full replay. Waiting for a venue that is not there costs no CPU.

#include "audit/chainverifier.h"
#include "events/orderevents.h"
#include "oms/tradingstate.h"
#include "store/eventstore.h"
#include "teststores.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <csignal>
#include <tuple>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

using namespace instant;
using namespace instant::test;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// `instant venue serve` in a child process.
struct VenueProcess
{
    QProcess process;
    quint16 fixPort = 0, wsPort = 0;
    QString state;
    QStringList extra;
    QByteArray log;

    bool start()
    {
        process.setProcessChannelMode(QProcess::SeparateChannels);
        const QStringList args{QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--fix-port"), QString::number(fixPort),
                               QStringLiteral("--ws-port"), QString::number(wsPort), QStringLiteral("--state"), state};
        process.start(QStringLiteral(INSTANT_BINARY), args + extra);
        if (!process.waitForStarted())
            return false;
        QByteArray banner;
        QElapsedTimer t;
        t.start();
        while (!banner.contains("venue: FIX 4.4 on port") && t.elapsed() < 10000) {
            process.waitForReadyRead(200);
            banner += process.readAllStandardOutput();
        }
        return banner.contains("venue: FIX 4.4 on port");
    }
    void kill()
    {
        process.kill(); // SIGKILL: no logout, nothing flushed by the program itself
        process.waitForFinished();
        log += process.readAllStandardError();
    }
    ~VenueProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            if (!process.waitForFinished(5000))
                process.kill();
        }
    }
};

QStringList runArgs(const QString &url, const VenueProcess &venue, const QString &wsState, int orders, int intervalMs)
{
    return {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--json"),
            QStringLiteral("--store"), url, QStringLiteral("--orders"), QString::number(orders),
            QStringLiteral("--interval"), QString::number(intervalMs), QStringLiteral("--seed"), QStringLiteral("7"),
            QStringLiteral("--venue"),
            QStringLiteral("fix://127.0.0.1:%1?sender=DESK1&target=INSTANT&heartbeat=1&reconnect=1&state=%2").arg(venue.fixPort).arg(wsState),
            QStringLiteral("--feed"), QStringLiteral("ws://127.0.0.1:%1/").arg(venue.wsPort)};
}

// Every order recorded once, every execution once, the chain intact, invariants hold, and
// the state a workstation keeps equals a full replay.
QString checkLog(const EventStore &store, int expectedOrders)
{
    TradingState state;
    QSet<QString> orders, executions;
    QString problem;
    (void)store.forEach(ReadQuery{}, [&](const RecordedEvent &e) {
        if (Status s = state.apply(e); !s) {
            problem = s.message();
            return false;
        }
        const QJsonObject p = e.payloadObject();
        if (e.type == events::OrderAccepted || e.type == events::OrderRejected) {
            const QString id = p.value(QStringLiteral("order_id")).toString();
            if (orders.contains(id)) {
                problem = QStringLiteral("order %1 recorded twice").arg(id);
                return false;
            }
            orders.insert(id);
        }
        if (e.type == events::OrderFilled || e.type == events::OrderPartiallyFilled) {
            const QString key = p.value(QStringLiteral("order_id")).toString() + u'/' + p.value(QStringLiteral("exec_id")).toString();
            if (executions.contains(key)) {
                problem = QStringLiteral("execution %1 recorded twice").arg(key);
                return false;
            }
            executions.insert(key);
        }
        return true;
    });
    if (!problem.isEmpty())
        return problem;
    if (orders.size() != expectedOrders)
        return QStringLiteral("%1 orders recorded, %2 sent").arg(orders.size()).arg(expectedOrders);
    if (Status s = state.checkInvariants(); !s)
        return s.message();
    for (const OrderRecord &o : state.orders())
        if (!isTerminal(o.state)) {
            // Its events, for whoever reads the failure.
            (void)store.forEach(ReadQuery{}, [&](const RecordedEvent &e) {
                if (e.correlationId == o.orderId || e.payload.contains(o.orderId.toUtf8()))
                    qWarning("  %lld %s %s %s %s", e.sequence, qPrintable(e.type), qPrintable(formatUtcMicros(e.recordedUs)),
                             qPrintable(e.actor.user), e.payload.constData());
                return true;
            });
            return QStringLiteral("order %1 still %2 after the run").arg(o.orderId, stateName(o.state));
        }
    if (auto verified = verifyChain(store); !verified || !verified->intact)
        return QStringLiteral("the chain does not verify");
    if (executions.isEmpty())
        return QStringLiteral("nothing filled");
    return {};
}

// The CPU time (user + system) a process has used so far, in seconds; -1 when unknown.
double cpuSeconds(qint64 pid)
{
#ifdef Q_OS_LINUX
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // After "pid (name) ": the state (field 3) … utime (14) and stime (15); a name may hold spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
#else
    Q_UNUSED(pid);
    return -1;
#endif
}

// What QuickFIX wrote of the workstation's session in its state directory (`event` or `messages`).
QByteArray sessionLog(const QString &state, const QString &sender, const char *kind)
{
    QFile log(QStringLiteral("%1/log/FIX.4.4-%2-INSTANT.%3.current.log").arg(state, sender, QLatin1String(kind)));
    return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
}

// Waiting is done on events and timers: over 10 s of it a process uses under 5% of one core.
constexpr int WaitWindowMs = 10000;
constexpr double WaitCpuLimitSeconds = 0.5;

} // namespace

class TestVenueServe : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};

private Q_SLOTS:
    void aWorkstationTradesAgainstTheVenueServer()
    {
        QTemporaryDir dir;
        VenueProcess venue;
        venue.fixPort = freePort();
        venue.wsPort = freePort();
        venue.state = dir.filePath(QStringLiteral("venue"));
        QVERIFY(venue.start());

        // Market data over WebSocket: a subscription gets quotes; a malformed frame an error, and
        // the connection stays usable.
        QWebSocket feed;
        QStringList frames;
        connect(&feed, &QWebSocket::textMessageReceived, this, [&frames](const QString &f) { frames << f; });
        feed.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(venue.wsPort)));
        QTRY_VERIFY(feed.state() == QAbstractSocket::ConnectedState);
        feed.sendTextMessage(QStringLiteral("{not json"));
        QTRY_VERIFY(frames.join(u'\n').contains(QStringLiteral("\"error\"")));
        feed.sendTextMessage(QStringLiteral("{\"op\":\"subscribe\",\"symbols\":[\"AAPL\"],\"depth\":true}"));
        QTRY_VERIFY_WITH_TIMEOUT(frames.join(u'\n').contains(QStringLiteral("\"quote\"")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(frames.join(u'\n').contains(QStringLiteral("\"depth\"")), 5000);
        QCOMPARE(feed.state(), QAbstractSocket::ConnectedState);

        const QString url = stores.freshUrl();
        QProcess run;
        run.start(QStringLiteral(INSTANT_BINARY), runArgs(url, venue, dir.filePath(QStringLiteral("ws")), 80, 10));
        QVERIFY(run.waitForFinished(60000));
        const QByteArray output = run.readAllStandardOutput();
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
        const QJsonObject summary = QJsonDocument::fromJson(output).object();
        QCOMPARE(summary.value(QStringLiteral("orders")).toInt(), 80);
        QVERIFY(summary.value(QStringLiteral("fills")).toInt() > 0);
        QCOMPARE(summary.value(QStringLiteral("invariants")).toString(), QStringLiteral("hold"));
        auto store = stores.open(url);
        const QString problem = checkLog(*store, 80);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void fixAndMarketDataOverTls()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("venue.pem")), key = dir.filePath(QStringLiteral("venue.key"));
        const QString stranger = dir.filePath(QStringLiteral("stranger.pem")), strangerKey = dir.filePath(QStringLiteral("stranger.key"));
        for (const auto &[c, k, cn] : {std::tuple{cert, key, QStringLiteral("127.0.0.1")}, std::tuple{stranger, strangerKey, QStringLiteral("stranger")}}) {
            QProcess openssl;
            openssl.start(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                                      QStringLiteral("-nodes"), QStringLiteral("-keyout"), k, QStringLiteral("-out"), c,
                                                      QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=") + cn,
                                                      QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
            QVERIFY(openssl.waitForFinished(30000));
            QCOMPARE(openssl.exitCode(), 0);
        }
        VenueProcess venue;
        venue.fixPort = freePort();
        venue.wsPort = freePort();
        venue.state = dir.filePath(QStringLiteral("venue"));
        venue.extra = {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key};
        QVERIFY(venue.start());

        auto args = [&](const QString &url, const QString &sender, const QString &ca) {
            return QStringList{QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--json"),
                               QStringLiteral("--store"), url, QStringLiteral("--orders"), QStringLiteral("20"),
                               QStringLiteral("--interval"), QStringLiteral("10"), QStringLiteral("--connect-timeout"), QStringLiteral("4"),
                               QStringLiteral("--venue"),
                               QStringLiteral("fix://127.0.0.1:%1?sender=%2&target=INSTANT&reconnect=1&tls=1&ca=%3&state=%4")
                                   .arg(venue.fixPort).arg(sender, ca, dir.filePath(sender)),
                               QStringLiteral("--feed"), QStringLiteral("wss://127.0.0.1:%1/").arg(venue.wsPort)};
        };
        // Trusting the venue's certificate: trades over TLS.
        const QString url = stores.freshUrl();
        QProcess trusted;
        trusted.start(QStringLiteral(INSTANT_BINARY), args(url, QStringLiteral("DESK1"), cert));
        QVERIFY(trusted.waitForFinished(60000));
        QVERIFY2(trusted.exitCode() == 0, trusted.readAllStandardError().constData());
        QVERIFY(QJsonDocument::fromJson(trusted.readAllStandardOutput()).object().value(QStringLiteral("fills")).toInt() > 0);

        // Trusting someone else: the certificate does not verify, no logon, a clear error.
        QProcess refused;
        refused.start(QStringLiteral(INSTANT_BINARY), args(stores.freshUrl(), QStringLiteral("DESK2"), stranger));
        QVERIFY(refused.waitForFinished(60000));
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY(refused.readAllStandardError().contains("did not log on"));
    }

    void venueKilledMidSessionAndRestarted()
    {
        QTemporaryDir dir;
        VenueProcess venue;
        venue.fixPort = freePort();
        venue.wsPort = freePort();
        venue.state = dir.filePath(QStringLiteral("venue"));
        QVERIFY(venue.start());
        const QString url = stores.freshUrl();
        QProcess run;
        run.start(QStringLiteral(INSTANT_BINARY), runArgs(url, venue, dir.filePath(QStringLiteral("ws")), 150, 25));
        QVERIFY(run.waitForStarted());
        QTest::qWait(1500);
        venue.kill();
        QTest::qWait(1000);
        QVERIFY(venue.start()); // same ports, same sequence numbers; an empty book
        QVERIFY(run.waitForFinished(90000));
        const QByteArray err = run.readAllStandardError();
        QVERIFY2(run.exitCode() == 0, err.constData());
        auto store = stores.open(url);
        const QString problem = checkLog(*store, 150);
        if (!problem.isEmpty()) // what each side said
            qWarning("workstation stderr:\n%s\nvenue log:\n%s", err.constData(), QByteArray(venue.log + venue.process.readAllStandardError()).constData());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void workstationKilledMidSessionAndRestarted()
    {
        QTemporaryDir dir;
        VenueProcess venue;
        venue.fixPort = freePort();
        venue.wsPort = freePort();
        venue.state = dir.filePath(QStringLiteral("venue"));
        QVERIFY(venue.start());
        const QString url = stores.freshUrl();
        const QString wsState = dir.filePath(QStringLiteral("ws"));
        for (int round = 0; round < 2; ++round) {
            QProcess run;
            run.start(QStringLiteral(INSTANT_BINARY), runArgs(url, venue, wsState, 150, 25));
            QVERIFY(run.waitForStarted());
            QTest::qWait(1200 + 600 * round);
            run.kill();
            run.waitForFinished();
        }
        QProcess last;
        last.start(QStringLiteral(INSTANT_BINARY), runArgs(url, venue, wsState, 150, 25));
        QVERIFY(last.waitForFinished(90000));
        QVERIFY2(last.exitCode() == 0, last.readAllStandardError().constData());
        auto store = stores.open(url);
        const QString problem = checkLog(*store, 150);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // A venue that is not there: the run waits for the logon (trying again every second) without
    // burning a core while it waits.
    void waitingForALogonCostsNoCpu()
    {
#ifndef Q_OS_LINUX
        QSKIP("reads the process's CPU time from /proc");
#endif
        QTemporaryDir dir;
        const quint16 closed = freePort(); // bound and closed again: nothing listens there
        const QString state = dir.filePath(QStringLiteral("ws"));
        QProcess run;
        run.start(QStringLiteral(INSTANT_BINARY),
                  {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), stores.freshUrl(),
                   QStringLiteral("--orders"), QStringLiteral("5"), QStringLiteral("--connect-timeout"), QStringLiteral("120"), QStringLiteral("--venue"),
                   QStringLiteral("fix://127.0.0.1:%1?sender=DESK1&target=INSTANT&reconnect=1&state=%2").arg(closed).arg(state)});
        QVERIFY(run.waitForStarted());
        // The session is started (its first attempt logged): from here the run only waits.
        QTRY_VERIFY_WITH_TIMEOUT(sessionLog(state, QStringLiteral("DESK1"), "event").contains("Connecting to"), 30000);
        QCOMPARE(run.state(), QProcess::Running);
        const double before = cpuSeconds(run.processId());
        const qsizetype attemptsBefore = sessionLog(state, QStringLiteral("DESK1"), "event").count("Connecting to");
        QVERIFY(before >= 0);
        QTest::qWait(WaitWindowMs);
        const double used = cpuSeconds(run.processId()) - before;
        QVERIFY2(run.state() == QProcess::Running, run.readAllStandardError().constData()); // still waiting, not given up
        QVERIFY2(sessionLog(state, QStringLiteral("DESK1"), "event").count("Connecting to") > attemptsBefore, "no connection attempt while waiting");
        QVERIFY2(used < WaitCpuLimitSeconds, qPrintable(QStringLiteral("%1 s of CPU in %2 s of waiting for a logon").arg(used).arg(WaitWindowMs / 1000)));
        run.kill();
        run.waitForFinished();
    }

    // The broker goes away mid-run: the run waits for it without burning a core (nor does the
    // feed's reconnecting), and carries on when it is back.
    void waitingForABrokerThatWentAwayCostsNoCpu()
    {
#ifndef Q_OS_LINUX
        QSKIP("reads the process's CPU time from /proc");
#endif
        QTemporaryDir dir;
        VenueProcess venue;
        venue.fixPort = freePort();
        venue.wsPort = freePort();
        venue.state = dir.filePath(QStringLiteral("venue"));
        QVERIFY(venue.start());
        const QString url = stores.freshUrl();
        const QString state = dir.filePath(QStringLiteral("ws"));
        QProcess run;
        run.start(QStringLiteral(INSTANT_BINARY),
                  runArgs(url, venue, state, 150, 25) << QStringLiteral("--connect-timeout") << QStringLiteral("120"));
        QVERIFY(run.waitForStarted());
        // Trading (an execution report came), then the broker is gone and the loss is seen.
        QTRY_VERIFY_WITH_TIMEOUT(sessionLog(state, QStringLiteral("DESK1"), "messages").contains("\x01" "35=8\x01"), 30000);
        venue.kill();
        QTRY_VERIFY_WITH_TIMEOUT(sessionLog(state, QStringLiteral("DESK1"), "event").contains("Disconnecting"), 10000);
        QTest::qWait(500); // the orders on the way are answered
        QCOMPARE(run.state(), QProcess::Running);
        const double before = cpuSeconds(run.processId());
        QVERIFY(before >= 0);
        QTest::qWait(WaitWindowMs);
        const double used = cpuSeconds(run.processId()) - before;
        QVERIFY2(run.state() == QProcess::Running, run.readAllStandardError().constData());
        QVERIFY2(used < WaitCpuLimitSeconds, qPrintable(QStringLiteral("%1 s of CPU in %2 s of waiting for a broker that went away").arg(used).arg(WaitWindowMs / 1000)));

        QVERIFY(venue.start()); // back: the session logs on again and the run finishes
        QVERIFY(run.waitForFinished(90000));
        const QByteArray err = run.readAllStandardError();
        QVERIFY2(run.exitCode() == 0, err.constData());
        auto store = stores.open(url);
        const QString problem = checkLog(*store, 150);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // A broker that goes away and stays away: the run gives up once the connect timeout has
    // passed (it does not wait that long again before every order it has left), says so, and
    // fails; what it recorded verifies.
    void aBrokerThatNeverComesBackEndsTheRun()
    {
        QTemporaryDir dir;
        VenueProcess venue;
        venue.fixPort = freePort();
        venue.wsPort = freePort();
        venue.state = dir.filePath(QStringLiteral("venue"));
        QVERIFY(venue.start());
        const QString url = stores.freshUrl();
        const QString state = dir.filePath(QStringLiteral("ws"));
        QProcess run;
        run.start(QStringLiteral(INSTANT_BINARY),
                  runArgs(url, venue, state, 150, 25) << QStringLiteral("--connect-timeout") << QStringLiteral("2"));
        QVERIFY(run.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sessionLog(state, QStringLiteral("DESK1"), "messages").contains("\x01" "35=8\x01"), 30000);
        venue.kill();
        QVERIFY(run.waitForFinished(60000));
        const QString out = QString::fromUtf8(run.readAllStandardOutput());
        QVERIFY2(run.exitCode() != 0, qPrintable(out));
        const QJsonObject summary = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("venue_lost")).toString(), QStringLiteral("the venue did not come back within 2 s"));
        QVERIFY(summary.value(QStringLiteral("orders_not_sent")).toInt() > 0);
        auto store = stores.open(url);
        auto report = verifyChain(*store);
        QVERIFY(report && report->intact);
    }
};

QTEST_GUILESS_MAIN(TestVenueServe)
#include "tst_venueserve.moc"
