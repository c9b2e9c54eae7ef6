// A store that cannot record halts trading at once and nothing acknowledged is lost: a disk that
// fills up under the order manager (a small tmpfs), a demo run on a full disk, and a PostgreSQL
// server stopped and started again under a trading engine.
#include "audit/chainverifier.h"
#include "demo/demorun.h"
#include "engine/tradingengine.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "oms/tradingstate.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"

#include "testengine.h"
#include "testmarket.h"
#include "testorders.h"
#include "teststores.h"
#include "programrun.h"
#include "ownpostgres.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <unistd.h>

using namespace instant;
using namespace instant::test;

namespace {

Run run(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    return runProgram(program, args, {}, timeoutMs);
}

// A small filesystem of its own (tmpfs), unmounted when done. Mounting needs root, as the test
// command has on CI; elsewhere the tests that need one say so and skip.
class SmallDisk
{
public:
    SmallDisk(const QString &path, const QString &size) : m_path(path)
    {
        QDir().mkpath(path);
        m_mounted = run(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                  QStringLiteral("size=") + size, QStringLiteral("tmpfs"), path}).exitCode == 0;
    }
    ~SmallDisk()
    {
        if (m_mounted)
            (void)run(QStringLiteral("umount"), {QStringLiteral("-l"), m_path});
    }
    bool mounted() const { return m_mounted; }
    // Takes all but `leave` bytes of the free space (a file another program wrote).
    bool fill(qint64 leave)
    {
        QFile filler(m_path + QStringLiteral("/filler"));
        if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
            return false;
        const qint64 free = QStorageInfo(m_path).bytesAvailable();
        const QByteArray block(4096, 'x');
        for (qint64 n = 0; n + leave < free; n += block.size())
            if (filler.write(block) != block.size())
                break;
        return true;
    }
    void freeSpace() { QFile::remove(m_path + QStringLiteral("/filler")); }

private:
    QString m_path;
    bool m_mounted = false;
};

NewOrderCommand order(const QString &id, const QString &instrument, const QString &side, qint64 qty, const QString &limit)
{
    NewOrderCommand c;
    c.clientOrderId = id;
    c.account = QStringLiteral("DESK-02");
    c.instrument = instrument;
    c.side = side;
    c.quantity = qty;
    c.limitPrice = limit;
    c.actor = Alice;
    return c;
}

QSet<QString> acceptedOrderIds(const EventStore &store)
{
    QSet<QString> ids;
    for (const RecordedEvent &e : recordedOfType(store, events::OrderAccepted))
        ids.insert(e.payloadObject().value(QStringLiteral("order_id")).toString());
    return ids;
}

} // namespace

class TestStoreHalt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The disk fills up under the order manager: the failed write halts trading at once, every
    // command after it is refused with the reason and nothing is sent; what the venue reports
    // meanwhile is held; once space is freed the halt is recorded, the held reports are booked
    // once each, and the store holds everything that was acknowledged.
    void fullDiskHaltsTradingAndSpaceFreedResumesIt()
    {
        QTemporaryDir dir;
        SmallDisk disk(dir.path() + QStringLiteral("/small"), QStringLiteral("4m"));
        if (!disk.mounted())
            QSKIP("needs a tmpfs mount (root): a full disk cannot be made here");
        const QString url = QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/small/store.db");
        auto opened = openEventStore(url);
        QVERIFY2(opened, qPrintable(opened.message()));
        std::unique_ptr<EventStore> store = std::move(opened).value();
        const ReferenceData reference = test::market();
        SimulatedVenue venue(reference, 7, MarketOpenUs);
        OrderManager oms(*store, reference, venue);
        QVERIFY(oms.start(Alice));
        for (const Account *a : reference.accounts())
            QVERIFY(oms.openAccount(a->id, a->openingCashCents, Actor::system()));
        QSignalSpy halts(&oms, &OrderManager::storeHaltChanged);
        QVERIFY(disk.fill(96 * 1024));

        // Orders resting on both sides of AAPL and MSFT, and some that trade, until a write fails.
        QSet<QString> acknowledged;
        QString failedWith;
        int n = 0;
        for (; n < 4000 && !oms.storeHalt(); ++n) {
            const QString instrument = n % 2 ? QStringLiteral("AAPL") : QStringLiteral("MSFT");
            const Instrument *i = reference.instrument(instrument);
            const Quote q = venue.topOfBook(i->id);
            const bool buy = n % 4 < 2;
            const Price px = buy ? (n % 3 ? *q.bid : *q.ask) : (n % 3 ? *q.ask : *q.bid);
            const CommandOutcome out = oms.submit(order(QStringLiteral("H%1").arg(n), instrument,
                                                        buy ? QStringLiteral("buy") : QStringLiteral("sell"), 10, i->formatPrice(px)));
            if (out.accepted)
                acknowledged.insert(out.orderId);
            else if (oms.storeHalt())
                failedWith = out.reason;
            if (n % 5 == 4)
                venue.step(60'000'000);
        }
        QVERIFY2(oms.storeHalt(), "the disk never filled up");
        // The write that failed: the next order's own (refused, "not recorded"), or the venue's
        // answer to an accepted one (its acknowledgement and fill are one append), held to be booked.
        const bool answerHeld = failedWith.isEmpty() && oms.heldReports() > 0;
        QVERIFY2(failedWith.contains(QStringLiteral("not recorded")) || answerHeld, qPrintable(failedWith));
        QCOMPARE(halts.size(), 1);
        QCOMPARE(halts.at(0).at(0).toBool(), true);
        QVERIFY2(oms.storeHalt()->reason.contains(QStringLiteral("full")), qPrintable(oms.storeHalt()->reason));
        QVERIFY(oms.killSwitch() == KillSwitch::Halted);

        // Halted: refused with the reason, nothing written or sent, working orders left alone.
        const CommandOutcome refused = oms.submit(order(QStringLiteral("AFTER-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 10, QStringLiteral("1.00")));
        QVERIFY(!refused.accepted);
        QVERIFY2(refused.reason.startsWith(QStringLiteral("trading is halted: the store cannot record")), qPrintable(refused.reason));
        QString working;
        for (const OrderRecord &o : oms.state().orders())
            if (isWorking(o.state))
                working = o.orderId;
        QVERIFY(!working.isEmpty());
        QVERIFY(!oms.cancel(working, Alice).accepted);
        QVERIFY(venue.workingQuantity(working)); // the cancel was not sent
        // The market goes on: what the venue reports is held, in order, not dropped.
        for (int step = 0; step < 400 && oms.heldReports() == 0; ++step)
            venue.step(60'000'000);
        QVERIFY2(oms.heldReports() > 0, "no report came while halted");
        const qint64 held = oms.heldReports();
        disk.freeSpace();
        QVERIFY(oms.resumeAfterStoreHalt());
        QVERIFY(!oms.storeHalt());
        QCOMPARE(halts.size(), 2);
        QCOMPARE(halts.at(1).at(0).toBool(), false);
        QCOMPARE(oms.heldReports(), 0);
        QCOMPARE(oms.unbookedExecutions(), 0);
        QVERIFY(oms.killSwitch() == KillSwitch::Active);
        const CommandOutcome again = oms.submit(order(QStringLiteral("AFTER-2"), QStringLiteral("AAPL"), QStringLiteral("buy"), 10,
                                                      reference.instrument(QStringLiteral("AAPL"))->formatPrice(*venue.topOfBook(QStringLiteral("AAPL")).bid)));
        QVERIFY2(again.accepted, qPrintable(again.reason));
        acknowledged.insert(again.orderId);

        // The halt is on the record; everything acknowledged is in the store; a replay of the
        // store is the state the order manager holds (the held reports were booked once).
        const QList<RecordedEvent> outages = recordedOfType(*store, events::StoreOutage);
        QCOMPARE(outages.size(), 1);
        QCOMPARE(outages.at(0).payloadObject().value(QStringLiteral("commands_refused")).toInteger(), 2);
        QCOMPARE(outages.at(0).payloadObject().value(QStringLiteral("reports_held")).toInteger(), held);
        const QSet<QString> recorded = acceptedOrderIds(*store);
        for (const QString &id : std::as_const(acknowledged))
            QVERIFY2(recorded.contains(id), qPrintable(id + QStringLiteral(" was acknowledged and is not in the store")));
        QVERIFY(!recorded.contains(QStringLiteral("AFTER-1")));
        auto replayed = TradingState::replay(*store, {}, false);
        QVERIFY(replayed);
        QCOMPARE(stateDigest(*replayed), stateDigest(oms.state()));
        QVERIFY(oms.state().checkInvariants());
        auto verified = verifyChain(*store);
        QVERIFY(verified && verified->intact);
        qInfo("full disk: %d orders before the halt, %lld acknowledged, %lld reports held and booked, 0 lost", n,
              qint64(acknowledged.size()), held);
    }

    // `demo run` on a disk that fills up: one line says trading halted (not one per event),
    // the run exits nonzero, and the store it leaves verifies.
    void demoRunOnAFullDiskExitsNonzero()
    {
        QTemporaryDir dir;
        SmallDisk disk(dir.path() + QStringLiteral("/small"), QStringLiteral("2m"));
        if (!disk.mounted())
            QSKIP("needs a tmpfs mount (root): a full disk cannot be made here");
        const QString url = QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/small/demo.db");
        const Run r = run(QStringLiteral(INSTANT_BINARY),
                          {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), url,
                           QStringLiteral("--orders"), QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("5"),
                           QStringLiteral("--demo-date"), MarketDate.toString(Qt::ISODate)});
        QVERIFY2(r.exitCode != 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("TRADING HALTED: the store cannot record")), qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("invariants: hold")), qPrintable(r.out));
        const qsizetype cannotRecord = r.err.count(QStringLiteral("cannot record"));
        QVERIFY2(cannotRecord <= 3, qPrintable(r.err.left(2000)));
        const Run verify = run(QStringLiteral(INSTANT_BINARY), {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), url});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
    }

    // The desk's PostgreSQL server restarts under a trading workstation: orders are refused
    // with the reason while it is down (never acknowledged unrecorded), the engine finds the
    // store again by itself and trading resumes; nothing acknowledged is lost.
    void postgresRestartUnderATradingEngine()
    {
        QTemporaryDir dir;
        OwnPostgres server(QStringLiteral(PG_FIXTURE), dir.path() + QStringLiteral("/pg.env"));
        QVERIFY2(server.started(), "cannot start a PostgreSQL server (initdb, pg_ctl)");
        auto opened = openEventStore(server.url() + QStringLiteral("/postgres"));
        QVERIFY2(opened, qPrintable(opened.message()));
        std::unique_ptr<EventStore> store = std::move(opened).value();
        const ReferenceData reference = test::market();
        const SimulatedClock clock{MarketOpenUs};
        EngineOptions options = testEngineOptions(Alice);
        auto engine = startedEngine(*store, reference, clock, options);
        QList<CommandOutcome> outcomes;
        QObject::connect(engine.get(), &TradingEngine::commandFinished, engine.get(),
                         [&outcomes](const CommandOutcome &o) { outcomes.append(o); }, Qt::QueuedConnection);
        bool halted = false;
        QString haltReason;
        QObject::connect(engine.get(), &TradingEngine::storeHaltChanged, engine.get(), [&](bool h, const QString &reason) {
            halted = h;
            if (h)
                haltReason = reason;
        }, Qt::QueuedConnection);
        auto send = [&](const QString &id) {
            const qsizetype before = outcomes.size();
            engine->submit(order(id, QStringLiteral("AAPL"), QStringLiteral("buy"), 10, QStringLiteral("228.00")));
            if (!QTest::qWaitFor([&] { return outcomes.size() > before; }, 20000))
                qFatal("no outcome for %s", qPrintable(id));
            return outcomes.constLast();
        };

        const CommandOutcome first = send(QStringLiteral("PG-1"));
        QVERIFY2(first.accepted, qPrintable(first.reason));
        QVERIFY(server.stop());
        const CommandOutcome whileDown = send(QStringLiteral("PG-2"));
        QVERIFY2(!whileDown.accepted, qPrintable(whileDown.reason));
        QTRY_VERIFY_WITH_TIMEOUT(halted, 10000);
        const CommandOutcome refused = send(QStringLiteral("PG-3"));
        QVERIFY(!refused.accepted);
        QVERIFY2(refused.reason.startsWith(QStringLiteral("trading is halted: the store cannot record")), qPrintable(refused.reason));

        QVERIFY(server.start());
        QTRY_VERIFY_WITH_TIMEOUT(!halted, 20000); // found again by itself, without a click
        const CommandOutcome after = send(QStringLiteral("PG-4"));
        QVERIFY2(after.accepted, qPrintable(after.reason));
        engine->stop();
        engine.reset();

        auto reopened = openEventStore(server.url() + QStringLiteral("/postgres"));
        QVERIFY(reopened);
        const QSet<QString> recorded = acceptedOrderIds(**reopened);
        qint64 lost = 0;
        for (const CommandOutcome &o : std::as_const(outcomes))
            if (o.accepted && !recorded.contains(o.orderId))
                ++lost;
        QCOMPARE(lost, 0);
        QVERIFY(recorded.contains(QStringLiteral("PG-1")) && recorded.contains(QStringLiteral("PG-4")));
        QVERIFY(!recorded.contains(QStringLiteral("PG-2")) && !recorded.contains(QStringLiteral("PG-3")));
        const QList<RecordedEvent> outages = recordedOfType(**reopened, events::StoreOutage);
        QCOMPARE(outages.size(), 1);
        QVERIFY(outages.at(0).payloadObject().value(QStringLiteral("commands_refused")).toInteger() >= 1);
        auto verified = verifyChain(**reopened);
        QVERIFY(verified && verified->intact);
        qInfo("PostgreSQL restart: halted with \"%s\"; %lld command(s) refused while down; 0 acknowledged events lost",
              qPrintable(haltReason), outages.at(0).payloadObject().value(QStringLiteral("commands_refused")).toInteger());
    }
};

QTEST_GUILESS_MAIN(TestStoreHalt)
#include "tst_storehalt.moc"
