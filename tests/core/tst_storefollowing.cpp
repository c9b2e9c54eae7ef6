// Two workstations on one store (SQLite file or PostgreSQL database), each with its own engine
// and its own connection: what one records (an order and its fill, the kill switch) and what a
// third writer records (a compliance rule change) appears in the other engine's published state,
// blotter and holdings, without the other writing anything. The other's own orders are then
// applied once each: its state equals a replay of the store.

#include "common/clock.h"
#include "engine/tradingengine.h"
#include "analytics/treasurycalendar.h"
#include "oms/lifecycleevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "testengine.h"
#include "testmarket.h"
#include "testorders.h"
#include "teststores.h"
#include "venue/simulatedvenue.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QThread>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

const Actor Bob{QStringLiteral("bob"), QStringLiteral("trader")};
const QString Desk = QStringLiteral("DESK-02");
const QString Aapl = QStringLiteral("AAPL");

EngineOptions workstation(const Actor &actor, const QString &id)
{
    EngineOptions options = testEngineOptions(actor);
    options.publishIntervalMs = 20;
    options.workstation = id;
    return options;
}

NewOrderCommand marketBuy(const QString &id, qint64 quantity)
{
    NewOrderCommand c;
    c.clientOrderId = id;
    c.account = Desk;
    c.instrument = Aapl;
    c.side = QStringLiteral("buy");
    c.type = QStringLiteral("market");
    c.timeInForce = QStringLiteral("ioc");
    c.quantity = quantity;
    return c;
}

bool filled(const std::shared_ptr<const TradingState> &state, const QString &id)
{
    const OrderRecord *o = state ? state->order(id) : nullptr;
    return o && o->state == OrderState::Filled;
}

qint64 held(const std::shared_ptr<const TradingState> &state)
{
    const PositionRecord *p = state ? state->position(Desk, Aapl) : nullptr;
    return p ? p->quantity : 0;
}

// The restricted list the compliance rules of a published state hold.
QJsonArray restrictedIn(const std::shared_ptr<const TradingState> &state)
{
    if (state)
        for (const QJsonValue &r : state->complianceRules())
            if (r.toObject().value(QStringLiteral("id")).toString() == u"restricted")
                return r.toObject().value(QStringLiteral("instruments")).toArray();
    return {};
}

// What a workstation's panels receive from its engine, delivered on this thread.
struct Screens
{
    QHash<QString, OrderRecord> blotter;
    QHash<QString, PositionRecord> holdings; // key: account|instrument
    QString killSwitch;
    bool lastWasWhole = false;
    int wholes = 0;                 // publishes of every account and position (the first, a republish's)
    QSet<QString> changedPositions; // sent as changes, not whole

    explicit Screens(TradingEngine *engine)
    {
        QObject::connect(engine, &TradingEngine::ordersUpdated, engine, [this](const QList<OrderRef> &orders) {
            for (const OrderRef &o : orders)
                blotter.insert(o->orderId, *o);
        }, Qt::QueuedConnection);
        QObject::connect(engine, &TradingEngine::portfolioUpdated, engine,
                         [this](const QList<AccountRecord> &, const QList<PositionRecord> &positions, bool whole) {
                             lastWasWhole = whole;
                             wholes += whole ? 1 : 0;
                             for (const PositionRecord &p : positions) {
                                 holdings.insert(p.account + u'|' + p.instrument, p);
                                 if (!whole)
                                     changedPositions.insert(p.account + u'|' + p.instrument);
                             }
                         }, Qt::QueuedConnection);
        QObject::connect(engine, &TradingEngine::killSwitchChanged, engine,
                         [this](const QString &mode) { killSwitch = mode; }, Qt::QueuedConnection);
    }
    qint64 holding() const { return holdings.value(Desk + u'|' + Aapl).quantity; }
};

} // namespace

class TestStoreFollowing : public QObject
{
    Q_OBJECT

    TestStores stores;
    const ReferenceData reference = test::market();
    const SimulatedClock clock{MarketOpenUs};

private Q_SLOTS:
    void whatOneWorkstationRecordsTheOtherShows()
    {
        const QString url = stores.freshUrl();
        auto storeA = stores.open(url);
        auto storeB = stores.open(url); // another workstation: its own connections to the same store
        auto a = startedEngine(*storeA, reference, clock, workstation(Alice, QStringLiteral("WS-A")));
        auto b = startedEngine(*storeB, reference, clock, workstation(Bob, QStringLiteral("WS-B")));
        Screens screensB(b.get());
        // B's screener quiet (each workstation records the alerts of its own market), so that
        // anything B writes shows in its store's counters; the engine takes commands in order,
        // so once republish() is answered the rules are set and no alert is being written.
        // The republish's whole portfolio goes at B's next publish, after the rules: it is awaited
        // too, or on a busy machine it could carry A's fill below as a whole one. Signals from B's
        // engine arrive in the order sent, so a whole one counted after the rules came after them.
        int republished = 0, wholesBeforeRepublish = -1;
        QObject::connect(b.get(), &TradingEngine::alertRulesUpdated, b.get(), [&] {
            ++republished;
            wholesBeforeRepublish = screensB.wholes;
        }, Qt::QueuedConnection);
        b->setScreenerRules(QJsonArray{});
        b->republish();
        QTRY_VERIFY(republished > 0);
        QTRY_VERIFY(screensB.wholes > wholesBeforeRepublish);
        const StoreStats before = storeB->stats();

        // A buys at the market; A's venue fills it.
        bool answered = false;
        QObject::connect(a.get(), &TradingEngine::commandFinished, a.get(), [&answered](const CommandOutcome &out) {
            answered = true;
            QVERIFY2(out.accepted, qPrintable(out.reason));
        }, Qt::QueuedConnection);
        a->submit(marketBuy(QStringLiteral("FOLLOW-A1"), 100));
        QTRY_VERIFY(answered);
        QElapsedTimer sinceWritten; // A's engine answers once the order and its fill are recorded
        sinceWritten.start();

        // B shows it: its blotter, its holdings, its published state (the previews' and risk's).
        QTRY_COMPARE(screensB.blotter.value(QStringLiteral("FOLLOW-A1")).state, OrderState::Filled);
        const qint64 blotterMs = sinceWritten.elapsed();
        QTRY_COMPARE(screensB.holding(), qint64(100));
        const qint64 holdingsMs = sinceWritten.elapsed();
        // As a change: the position the fill moved, not every account and position again.
        QVERIFY(!screensB.lastWasWhole);
        QCOMPARE(screensB.changedPositions, QSet<QString>{Desk + u'|' + Aapl});
        QTRY_VERIFY(filled(b->snapshot(), QStringLiteral("FOLLOW-A1")));
        const qint64 stateMs = sinceWritten.elapsed();
        QCOMPARE(held(b->snapshot()), qint64(100));
        QTRY_VERIFY(filled(a->snapshot(), QStringLiteral("FOLLOW-A1")));
        qInfo("A's order and fill, after A's answer: on B's blotter after %lld ms, holdings %lld ms, published "
              "state %lld ms", static_cast<long long>(blotterMs), static_cast<long long>(holdingsMs),
              static_cast<long long>(stateMs));

        // A sets the kill switch; B's risk follows.
        a->setKillSwitch(KillSwitch::ReducingOnly, QStringLiteral("desk review"));
        sinceWritten.restart();
        QTRY_COMPARE(screensB.killSwitch, QStringLiteral("reducing-only"));
        const qint64 killSwitchMs = sinceWritten.elapsed();
        QTRY_COMPARE(b->snapshot()->killSwitch(), QStringLiteral("reducing-only"));
        qInfo("A's kill switch: on B's screens after %lld ms, in its published state after %lld ms",
              static_cast<long long>(killSwitchMs), static_cast<long long>(sinceWritten.elapsed()));

        // A third writer (a compliance officer's tool) changes a rule; B's state has it.
        QJsonArray rules = ComplianceEngine::defaultRules();
        for (qsizetype i = 0; i < rules.size(); ++i) {
            QJsonObject rule = rules.at(i).toObject();
            if (rule.value(QStringLiteral("id")).toString() == u"restricted") {
                rule.insert(QStringLiteral("instruments"), QJsonArray{QStringLiteral("MSFT")});
                rules.replace(i, rule);
            }
        }
        {
            auto storeC = stores.open(url);
            SimulatedVenue venue(reference, 7, MarketOpenUs);
            OrderManager admin(*storeC, reference, venue);
            admin.setWorkstation(QStringLiteral("WS-C"));
            QVERIFY(admin.start(Carol));
            QVERIFY(admin.setRules(rules, Actor{QStringLiteral("carol"), QStringLiteral("trader")}));
        }
        sinceWritten.restart();
        QTRY_COMPARE(restrictedIn(b->snapshot()), QJsonArray{QStringLiteral("MSFT")});
        qInfo("the rule change: in B's published state after %lld ms", static_cast<long long>(sinceWritten.elapsed()));

        // Learnt without a write: B recorded nothing, so no conflict told it.
        QCOMPARE(storeB->stats().requests, before.requests);

        // B trades too, on the same account: its own events are applied once, the others' once.
        a->setKillSwitch(KillSwitch::Active, QStringLiteral("review done"));
        QTRY_COMPARE(screensB.killSwitch, QStringLiteral("active"));
        answered = false;
        QObject::connect(b.get(), &TradingEngine::commandFinished, b.get(), [&answered](const CommandOutcome &out) {
            answered = true;
            QVERIFY2(out.accepted, qPrintable(out.reason));
        }, Qt::QueuedConnection);
        b->submit(marketBuy(QStringLiteral("FOLLOW-B1"), 40));
        QTRY_VERIFY(answered);
        a->submit(marketBuy(QStringLiteral("FOLLOW-A2"), 60));
        QTRY_VERIFY(filled(b->snapshot(), QStringLiteral("FOLLOW-A2")) && filled(b->snapshot(), QStringLiteral("FOLLOW-B1")));
        QTRY_VERIFY(filled(a->snapshot(), QStringLiteral("FOLLOW-B1")));
        const Sequence head = storeA->head()->sequence;
        QTRY_COMPARE(b->snapshot()->lastSequence(), head);
        QTRY_COMPARE(a->snapshot()->lastSequence(), head);
        auto replayed = TradingState::replay(*storeA, {}, false);
        QVERIFY(replayed);
        for (const auto &state : {a->snapshot(), b->snapshot()}) {
            QCOMPARE(held(state), qint64(200));
            const AccountRecord *mine = state->account(Desk);
            const AccountRecord *truth = replayed->account(Desk);
            QVERIFY(mine && truth);
            QCOMPARE(mine->cashCents, truth->cashCents);
            QCOMPARE(mine->reservedCents, truth->reservedCents);
            QCOMPARE(mine->version, truth->version);
            QCOMPARE(state->anomalies(), qint64(0));
        }
        a->stop();
        b->stop();
    }

    // The coupons and principal to come follow the holdings: a note bought on one workstation
    // shows its next coupon in the other's settlement panel (the list is made again when a
    // position changes, not on every event).
    void comingCouponsFollowTheHoldings()
    {
        const QString url = stores.freshUrl();
        auto storeA = stores.open(url);
        auto storeB = stores.open(url);
        auto a = startedEngine(*storeA, reference, clock, workstation(Alice, QStringLiteral("WS-A")));
        auto b = startedEngine(*storeB, reference, clock, workstation(Bob, QStringLiteral("WS-B")));
        // A Treasury paying a coupon or its principal in the next 40 days.
        const QDate today = b->clock().tradeDate();
        const Instrument *note = nullptr;
        QDate coupon;
        for (const Instrument *i : reference.instruments()) {
            if (!isTreasury(i->kind) || !i->maturityDate.isValid() || note)
                continue;
            QList<QDate> dates = i->kind == InstrumentKind::TreasuryBill ? QList<QDate>{} : analytics::couponDates(i->datedDate, i->maturityDate);
            dates << i->maturityDate;
            for (const QDate &c : dates)
                if (c > today && c <= today.addDays(40) && !note) {
                    note = i;
                    coupon = c;
                }
        }
        QVERIFY2(note, "the demo market lists a Treasury paying in the next 40 days");
        QList<TradingState::LifecycleEntry> coming;
        QObject::connect(b.get(), &TradingEngine::lifecycleUpdated, b.get(),
                         [&coming](const QList<TradingState::LifecycleEntry> &rows) { coming = rows; }, Qt::QueuedConnection);
        const auto comingFor = [&]() -> const TradingState::LifecycleEntry * {
            for (const TradingState::LifecycleEntry &r : coming)
                if (r.expected && r.account == Desk && r.instrument == note->id)
                    return &r;
            return nullptr;
        };
        QVERIFY(!comingFor());
        NewOrderCommand buy = marketBuy(QStringLiteral("FOLLOW-NOTE"), 1'000'000);
        buy.instrument = note->id;
        bool answered = false;
        QObject::connect(a.get(), &TradingEngine::commandFinished, a.get(), [&answered](const CommandOutcome &out) {
            answered = true;
            QVERIFY2(out.accepted, qPrintable(out.reason));
        }, Qt::QueuedConnection);
        a->submit(buy);
        QTRY_VERIFY(answered);
        QTRY_VERIFY(comingFor());
        QCOMPARE(comingFor()->quantity, qint64(1'000'000));
        QVERIFY2(comingFor()->date >= coupon && comingFor()->date <= coupon.addDays(4), // paid on the next business day
                 qPrintable(comingFor()->date.toString(Qt::ISODate)));
        a->stop();
        b->stop();
    }

    // Asked every second (the status bar's lag), the store reads on the connection the thread
    // keeps, not on a new one each time; a read inside a read gets its own; a thread that ends,
    // or a store that closes, closes its connections.
    void aThreadKeepsItsReadConnection()
    {
        const auto readers = [] {
            static const QRegularExpression reader(QStringLiteral("^instant-store-.*-r[0-9]+$"));
            return QSqlDatabase::connectionNames().filter(reader);
        };
        const QStringList before = readers();
        auto store = stores.open(stores.freshUrl());
        QVERIFY(store->append(request(QStringLiteral("s"), ExpectedVersion::NoStream, {newEvent(QStringLiteral("A"))})));
        QVERIFY(store->head());
        const QStringList kept = readers();
        QCOMPARE(kept.size(), before.size() + 1);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(store->head()->sequence, Sequence(1));
            QVERIFY(store->streamVersion(QStringLiteral("s")));
            QVERIFY(store->sequenceAsOf(nowUtcMicros()));
            QVERIFY(store->access());
        }
        int nested = 0;
        QVERIFY(store->forEach(ReadQuery{}, [&](const RecordedEvent &) {
            nested += store->head() ? 1 : 0;
            return true;
        }));
        QCOMPARE(nested, 1);
        QCOMPARE(readers(), kept);

        QThread worker; // a thread with an event loop keeps one too, until it ends
        QObject onWorker;
        onWorker.moveToThread(&worker);
        worker.start();
        QStringList whileRunning;
        QMetaObject::invokeMethod(&onWorker, [&] { (void)store->head(); whileRunning = readers(); },
                                  Qt::BlockingQueuedConnection);
        QCOMPARE(whileRunning.size(), kept.size() + 1);
        worker.quit();
        QVERIFY(worker.wait(10000));
        QCOMPARE(readers(), kept);

        store.reset();
        QCOMPARE(readers(), before);
    }
};

QTEST_GUILESS_MAIN(TestStoreFollowing)
#include "tst_storefollowing.moc"
