// The order manager on a real SQLite store against the simulated venue.

#include "analytics/bondanalytics.h"
#include "settlement/tradesettlement.h"
#include "oms/executionevents.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"
#include "testorders.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace instant;
using namespace instant::test;

namespace {

const TimestampUs Friday = 1795185000000000; // 2026-11-20 14:30 UTC

struct Desk
{
    TestStores stores{Backend::Sqlite};
    QString url = stores.freshUrl();
    std::unique_ptr<EventStore> store = stores.open(url);
    ReferenceData reference = test::market();
    std::unique_ptr<SimulatedVenue> venue = std::make_unique<SimulatedVenue>(reference, 42, Friday);
    std::unique_ptr<OrderManager> oms = std::make_unique<OrderManager>(*store, reference, *venue);

    Desk()
    {
        if (!oms->start(Alice))
            qFatal("start failed");
        for (const Account *a : reference.accounts())
            if (!oms->openAccount(a->id, a->openingCashCents, Carol))
                qFatal("open failed");
        if (!oms->setRules(ComplianceEngine::defaultRules(), Carol))
            qFatal("rules failed");
    }

    NewOrderCommand order(const QString &id, const QString &instrument, const QString &side, qint64 qty,
                          const QString &limit, const QString &account = QStringLiteral("DESK-02"))
    {
        NewOrderCommand c;
        c.clientOrderId = id;
        c.account = account;
        c.instrument = instrument;
        c.side = side;
        c.quantity = qty;
        c.limitPrice = limit;
        c.actor = Alice;
        return c;
    }

    QString ask(const QString &instrument)
    {
        const Instrument *i = reference.instrument(instrument);
        return i->formatPrice(*venue->topOfBook(i->id).ask);
    }
    QString bid(const QString &instrument)
    {
        const Instrument *i = reference.instrument(instrument);
        return i->formatPrice(*venue->topOfBook(i->id).bid);
    }
    QList<RecordedEvent> events(const QString &type) const { return recordedOfType(*store, type); }
};

} // namespace

class TestOrderManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settlementDatesFollowTheCalendars()
    {
        const ReferenceData data = test::market();
        const Instrument &note = *data.instrument(QStringLiteral("UST 10Y"));
        const Instrument &stock = *data.instrument(QStringLiteral("AAPL"));
        QCOMPARE(analytics::settlementDate(note, QDate(2026, 11, 20)), QDate(2026, 11, 23)); // Friday → Monday
        QCOMPARE(analytics::settlementDate(note, QDate(2026, 11, 25)), QDate(2026, 11, 27)); // over Thanksgiving
        QCOMPARE(analytics::settlementDate(note, QDate(2026, 12, 24)), QDate(2026, 12, 28)); // over Christmas
        QCOMPARE(analytics::settlementDate(note, QDate(2026, 10, 9)), QDate(2026, 10, 13));  // Columbus Day: bonds closed
        QCOMPARE(analytics::settlementDate(stock, QDate(2026, 10, 9)), QDate(2026, 10, 12)); // ...stocks open
        // Beyond QuantLib's calendars (1901-2199; a feed's time in nanoseconds lands there): weekends
        // only, never an exception (found by fuzz_market_data).
        QCOMPARE(analytics::settlementDate(note, QDate(2538, 3, 7)), QDate(2538, 3, 10)); // Friday → Monday
        QCOMPARE(analytics::settlementDate(stock, QDate(1850, 1, 1)), QDate(1850, 1, 2));
        QVERIFY(!analytics::settlementDate(note, QDate()).isValid());
        QVERIFY(!analytics::isBusinessDay(note, QDate(2538, 3, 8)));
    }

    void marketableBuyFillsAndSettlesTPlusOne()
    {
        Desk d;
        const CommandOutcome out = d.oms->submit(d.order(QStringLiteral("A1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("AAPL"))));
        QVERIFY2(out.accepted, qPrintable(out.reason));
        QCOMPARE(out.state, OrderState::Filled);
        const AccountRecord *acct = d.oms->state().account(QStringLiteral("DESK-02"));
        QCOMPARE(acct->reservedCents, 0);
        QVERIFY(acct->unsettledBuyCents > 0);
        const qint64 cashBefore = acct->cashCents;
        const qint64 cost = acct->unsettledBuyCents;
        QCOMPARE(d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->quantity, 100);
        QCOMPARE(d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->settledQuantity, 0);

        QCOMPARE(*settleDue(*d.oms, QDate(2026, 11, 20), Alice), 0); // not yet: T+1
        QCOMPARE(*settleDue(*d.oms, QDate(2026, 11, 23), Alice), 1);
        acct = d.oms->state().account(QStringLiteral("DESK-02"));
        QCOMPARE(acct->cashCents, cashBefore - cost);
        QCOMPARE(acct->unsettledBuyCents, 0);
        QCOMPARE(d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->settledQuantity, 100);
        QCOMPARE(d.events(events::TradeSettled).size(), 1);
        QCOMPARE(*settleDue(*d.oms, QDate(2026, 11, 24), Alice), 0); // once only
    }

    void badCommandsAreRejectedEventsWithReasons_data()
    {
        QTest::addColumn<QString>("instrument");
        QTest::addColumn<QString>("side");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("tif");
        QTest::addColumn<qint64>("quantity");
        QTest::addColumn<QString>("limit");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown instrument") << "XYZ" << "buy" << "limit" << "day" << qint64(100) << "10.00" << "unknown instrument";
        QTest::newRow("zero quantity") << "AAPL" << "buy" << "limit" << "day" << qint64(0) << "228.00" << "quantity must be positive";
        QTest::newRow("negative quantity") << "AAPL" << "buy" << "limit" << "day" << qint64(-5) << "228.00" << "quantity must be positive";
        QTest::newRow("odd lot of face") << "UST 10Y" << "buy" << "limit" << "day" << qint64(1500) << "99-16" << "multiple";
        QTest::newRow("off tick") << "UST 10Y" << "buy" << "limit" << "day" << qint64(1000000) << "99-161" << "not on a tick";
        QTest::newRow("not a price") << "AAPL" << "buy" << "limit" << "day" << qint64(100) << "12,5" << "not a price";
        QTest::newRow("no limit") << "AAPL" << "buy" << "limit" << "day" << qint64(100) << "" << "needs a limit price";
        QTest::newRow("bad side") << "AAPL" << "hold" << "limit" << "day" << qint64(100) << "228.00" << "side must be";
        QTest::newRow("bad type") << "AAPL" << "buy" << "iceberg" << "day" << qint64(100) << "228.00" << "order type must be";
        QTest::newRow("bad tif") << "AAPL" << "buy" << "limit" << "forever" << qint64(100) << "228.00" << "time in force";
        QTest::newRow("market gtc") << "AAPL" << "buy" << "market" << "gtc" << qint64(100) << "" << "good till cancelled";
        QTest::newRow("price band") << "AAPL" << "buy" << "limit" << "day" << qint64(100) << "2285.00" << "price band";
        QTest::newRow("too many decimals") << "AAPL" << "buy" << "limit" << "day" << qint64(100) << "228.001" << "decimals";
        QTest::newRow("short sale") << "MSFT" << "sell" << "limit" << "day" << qint64(100) << "430.00" << "short sales";
        QTest::newRow("huge") << "AAPL" << "buy" << "limit" << "day" << qint64(9'000'000'000'000) << "228.00" << "beyond";
    }

    void badCommandsAreRejectedEventsWithReasons()
    {
        QFETCH(QString, instrument);
        QFETCH(QString, side);
        QFETCH(QString, type);
        QFETCH(QString, tif);
        QFETCH(qint64, quantity);
        QFETCH(QString, limit);
        QFETCH(QString, reason);
        Desk d;
        NewOrderCommand c = d.order(QStringLiteral("BAD-1"), instrument, side, quantity, limit);
        c.type = type;
        c.timeInForce = tif;
        const CommandOutcome out = d.oms->submit(c);
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(reason), qPrintable(out.reason));
        const auto rejected = d.events(events::OrderRejected);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.first().payloadObject().value(QStringLiteral("reason")).toString(), out.reason);
        QCOMPARE(rejected.first().actor, Alice);
        QCOMPARE(d.oms->state().order(QStringLiteral("BAD-1"))->state, OrderState::Rejected);
        QVERIFY(d.oms->state().checkInvariants());
    }

    void clientOrderIdIsTheIdempotencyKey()
    {
        Desk d;
        const NewOrderCommand c = d.order(QStringLiteral("K1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, d.bid(QStringLiteral("AAPL")));
        const CommandOutcome first = d.oms->submit(c);
        QVERIFY(first.accepted);
        const Sequence head = d.store->head()->sequence;
        const CommandOutcome again = d.oms->submit(c);
        QVERIFY(again.duplicate);
        QCOMPARE(again.state, d.oms->state().order(QStringLiteral("K1"))->state);
        QCOMPARE(d.store->head()->sequence, head); // nothing new

        NewOrderCommand different = c;
        different.quantity = 200;
        const CommandOutcome clash = d.oms->submit(different);
        QVERIFY(!clash.accepted);
        QVERIFY(clash.reason.contains(QStringLiteral("already used")));
        QCOMPARE(d.oms->state().order(QStringLiteral("K1"))->quantity.value(), 100);

        // After a restart, too.
        SimulatedVenue venue2(d.reference, 43, Friday);
        OrderManager oms2(*d.store, d.reference, venue2);
        QVERIFY(oms2.start(Alice));
        QVERIFY(oms2.submit(c).duplicate);
        QCOMPARE(d.events(events::OrderAccepted).size(), 1);

        NewOrderCommand noId = c;
        noId.clientOrderId = QStringLiteral("bad id with spaces");
        QVERIFY(!d.oms->submit(noId).accepted);
        for (const QString &bad : {QStringLiteral("caf\u00e9-1"), QStringLiteral("a;b"), QStringLiteral("a\tb"), QString(65, u'x'),
                                   QStringLiteral("x\u0661"), QStringLiteral("  ")}) {
            noId.clientOrderId = bad;
            const CommandOutcome refused = d.oms->submit(noId);
            QVERIFY2(!refused.accepted, qPrintable(bad));
            QCOMPARE(refused.reason, QStringLiteral("a client order id is 1 to 64 letters, digits or . _ : / -"));
        }
        for (const QString &good : {QStringLiteral("Az09._:/-"), QString(64, u'y')}) {
            NewOrderCommand fine = c;
            fine.clientOrderId = good;
            const CommandOutcome taken = d.oms->submit(fine);
            QVERIFY2(taken.reason != QStringLiteral("a client order id is 1 to 64 letters, digits or . _ : / -"), qPrintable(good));
        }
    }

    // Past enough replayed events, start() saves a snapshot on a thread of its own from a copy of
    // the state: an order is taken while it is written, the snapshot holds the state at start-up
    // exactly, and the next start begins from it. An order manager stopped at once stops its
    // snapshot: the store replays as before.
    void theStartUpSnapshotIsWrittenWhileOrdersAreTaken()
    {
        Desk d;
        for (int i = 0; i < 40; ++i) {
            const CommandOutcome out = d.oms->submit(d.order(QStringLiteral("S%1").arg(i), QStringLiteral("AAPL"), QStringLiteral("buy"), 10, d.ask(QStringLiteral("AAPL"))));
            QVERIFY2(out.accepted, qPrintable(out.reason));
        }
        const Sequence atStart = d.store->head()->sequence;
        const QString resting = d.reference.instrument(QStringLiteral("MSFT"))->formatPrice(Price(42000)); // below the market
        {
            SimulatedVenue venue(d.reference, 43, Friday);
            OrderManager oms(*d.store, d.reference, venue);
            oms.setSnapshotAfter(0);
            QVERIFY(oms.start(Alice));
            const CommandOutcome taken = oms.submit(d.order(QStringLiteral("AFTER-1"), QStringLiteral("MSFT"), QStringLiteral("buy"), 10, resting));
            QVERIFY2(taken.accepted, qPrintable(taken.reason));
            const auto outcome = oms.waitForStartupSnapshot();
            QVERIFY(outcome.has_value());
            QVERIFY2(outcome->ok(), qPrintable(outcome->ok() ? QString() : outcome->message()));
            QCOMPARE(**outcome, atStart);
        }
        auto snapshot = d.store->latestSnapshot(TradingState::SnapshotName, d.store->head()->sequence);
        QVERIFY(snapshot.ok() && snapshot->has_value());
        QCOMPARE((*snapshot)->sequence, atStart);
        ReadQuery upToStart;
        upToStart.toSequence = atStart;
        auto stateAtStart = TradingState::replay(*d.store, upToStart, false);
        QVERIFY(stateAtStart.ok());
        QCOMPARE((*snapshot)->payload, stateAtStart->toCanonicalJson());
        auto full = TradingState::replay(*d.store, ReadQuery{}, false);
        auto fast = TradingState::replay(*d.store);
        QVERIFY(full.ok() && fast.ok());
        QVERIFY(fast->eventsReplayed() < full->eventsReplayed());
        QVERIFY(fast->order(QStringLiteral("AFTER-1")));
        QCOMPARE(fast->toCanonicalJson(), full->toCanonicalJson());

        {
            SimulatedVenue venue(d.reference, 44, Friday);
            OrderManager oms(*d.store, d.reference, venue);
            oms.setSnapshotAfter(0);
            QVERIFY(oms.start(Alice));
        } // gone at once: its snapshot finished or stopped
        auto again = TradingState::replay(*d.store);
        QVERIFY(again.ok());
        QCOMPARE(again->toCanonicalJson(), TradingState::replay(*d.store, ReadQuery{}, false)->toCanonicalJson());
    }

    void buyingPowerIsReservedAndNeverNegative()
    {
        Desk d; // DEMO-01 has $1,000,000
        const QString passive = d.reference.instrument(QStringLiteral("MSFT"))->formatPrice(Price(42000)); // below the market: rests
        int accepted = 0;
        for (int i = 0; i < 30; ++i) {
            const CommandOutcome out = d.oms->submit(d.order(QStringLiteral("BP%1").arg(i), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, passive, QStringLiteral("DEMO-01")));
            accepted += out.accepted;
            if (!out.accepted)
                QVERIFY2(out.reason.contains(QStringLiteral("insufficient buying power")), qPrintable(out.reason));
            QVERIFY(d.oms->state().account(QStringLiteral("DEMO-01"))->availableCents() >= 0);
        }
        QCOMPARE(accepted, 23); // 23 × $42,000 = $966,000 held; a 24th would need $1,008,000
        const AccountRecord *a = d.oms->state().account(QStringLiteral("DEMO-01"));
        QCOMPARE(a->reservedCents, 23 * 4'200'000);
        // Cancelling one frees its reservation for the next order.
        QCOMPARE(d.oms->cancel(QStringLiteral("BP0"), Alice).state, OrderState::Cancelled);
        QCOMPARE(d.oms->state().account(QStringLiteral("DEMO-01"))->reservedCents, 22 * 4'200'000);
        QVERIFY(d.oms->submit(d.order(QStringLiteral("BP-next"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, passive, QStringLiteral("DEMO-01"))).accepted);
        QVERIFY(d.oms->state().checkInvariants());
    }

    void softRulesNeedAnOverrideWithAReason()
    {
        Desk d;
        // $10mm < notional < $25mm: the soft "large-order" rule.
        const QString px = d.bid(QStringLiteral("UST 10Y"));
        NewOrderCommand c = d.order(QStringLiteral("L1"), QStringLiteral("UST 10Y"), QStringLiteral("buy"), 15'000'000, px, QStringLiteral("DESK-01"));
        CommandOutcome out = d.oms->submit(c);
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(QStringLiteral("needs an override")), qPrintable(out.reason));

        c.clientOrderId = QStringLiteral("L2");
        c.overrides = {RuleOverride{QStringLiteral("large-order"), QStringLiteral("  ")}};
        QVERIFY(!d.oms->submit(c).accepted); // a blank reason is no reason

        c.clientOrderId = QStringLiteral("L3");
        c.overrides = {RuleOverride{QStringLiteral("large-order"), QStringLiteral("client block, approved by desk head")}};
        out = d.oms->submit(c);
        QVERIFY2(out.accepted, qPrintable(out.reason));
        const RecordedEvent accepted = d.events(events::OrderAccepted).last();
        const QJsonArray overrides = accepted.payloadObject().value(QStringLiteral("overrides")).toArray();
        QCOMPARE(overrides.size(), 1);
        QCOMPARE(overrides.at(0).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("client block, approved by desk head"));
        QCOMPARE(accepted.actor, Alice);
        bool listed = false;
        for (const RuleFinding &finding : d.oms->state().violations())
            listed = listed || (finding.toJson().value(QStringLiteral("order_id")).toString() == u"L3" && finding.toJson().value(QStringLiteral("outcome")).toString() == u"overridden");
        QVERIFY(listed);
    }

    void rulesAreDataAndChangesAreEvents()
    {
        Desk d;
        QJsonArray rules = ComplianceEngine::defaultRules();
        rules.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("no-tsla")}, {QStringLiteral("kind"), QStringLiteral("restricted_list")},
                                 {QStringLiteral("instruments"), QJsonArray{QStringLiteral("TSLA")}}});
        QVERIFY(d.oms->setRules(rules, Carol));
        const RecordedEvent change = d.events(events::ComplianceRulesChanged).last();
        QCOMPARE(change.actor, Carol);
        const CommandOutcome out = d.oms->submit(d.order(QStringLiteral("T1"), QStringLiteral("TSLA"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("TSLA"))));
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(QStringLiteral("restricted list")), qPrintable(out.reason));

        const int before = d.events(events::ComplianceRulesChanged).size();
        QJsonArray broken{QJsonObject{{QStringLiteral("id"), QStringLiteral("x")}, {QStringLiteral("kind"), QStringLiteral("max_order_notional")}}};
        Status bad = d.oms->setRules(broken, Carol);
        QVERIFY(!bad);
        QVERIFY(bad.message().contains(QStringLiteral("limit_cents")));
        QVERIFY(!d.oms->setRules(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("y")}, {QStringLiteral("kind"), QStringLiteral("vibes")}}}, Carol));
        QCOMPARE(d.events(events::ComplianceRulesChanged).size(), before); // nothing recorded

        // Collar against the last trade, a hard rule.
        const Instrument *aapl = d.reference.instrument(QStringLiteral("AAPL"));
        const CommandOutcome wide = d.oms->submit(d.order(QStringLiteral("C1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100,
                                                          aapl->formatPrice(Price(aapl->referencePrice.value() * 90 / 100))));
        QVERIFY(!wide.accepted);
        QVERIFY2(wide.reason.contains(QStringLiteral("collar")), qPrintable(wide.reason));

        // A limit beyond any qint64 is compared as a number, never cast (found by fuzz_order_command).
        QVERIFY(d.oms->setRules(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("huge")}, {QStringLiteral("kind"), QStringLiteral("max_order_notional")},
                                                       {QStringLiteral("limit_cents"), 1e66}},
                                           QJsonObject{{QStringLiteral("id"), QStringLiteral("wide")}, {QStringLiteral("kind"), QStringLiteral("max_position")},
                                                       {QStringLiteral("limit_quantity"), 1e300}}},
                                Carol));
        const CommandOutcome huge = d.oms->submit(d.order(QStringLiteral("H1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("AAPL"))));
        QVERIFY2(huge.accepted, qPrintable(huge.reason));
    }

    void dv01LimitForTreasuries()
    {
        Desk d;
        QJsonArray rules{QJsonObject{{QStringLiteral("id"), QStringLiteral("dv01")}, {QStringLiteral("kind"), QStringLiteral("max_dv01")},
                                     {QStringLiteral("limit_dollars"), 5000.0}}};
        QVERIFY(d.oms->setRules(rules, Carol));
        // 10Y DV01 is about $800 per $1mm: $5mm is fine, $10mm more is not.
        QVERIFY(d.oms->submit(d.order(QStringLiteral("D1"), QStringLiteral("UST 10Y"), QStringLiteral("buy"), 5'000'000, d.bid(QStringLiteral("UST 10Y")), QStringLiteral("DESK-01"))).accepted);
        const CommandOutcome more = d.oms->submit(d.order(QStringLiteral("D2"), QStringLiteral("UST 10Y"), QStringLiteral("buy"), 10'000'000, d.bid(QStringLiteral("UST 10Y")), QStringLiteral("DESK-01")));
        QVERIFY(!more.accepted);
        QVERIFY2(more.reason.contains(QStringLiteral("DV01")), qPrintable(more.reason));
        QVERIFY(d.oms->submit(d.order(QStringLiteral("D3"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, d.bid(QStringLiteral("AAPL")), QStringLiteral("DESK-01"))).accepted);
    }

    void killSwitch()
    {
        Desk d;
        QVERIFY(d.oms->submit(d.order(QStringLiteral("K0"), QStringLiteral("KO"), QStringLiteral("buy"), 200, d.ask(QStringLiteral("KO")))).accepted);
        QVERIFY(d.oms->setKillSwitch(KillSwitch::Halted, QStringLiteral("runaway algo"), Carol));
        CommandOutcome out = d.oms->submit(d.order(QStringLiteral("K1"), QStringLiteral("KO"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("KO"))));
        QVERIFY(!out.accepted);
        QVERIFY(out.reason.contains(QStringLiteral("halted")));
        QVERIFY(d.oms->setKillSwitch(KillSwitch::ReducingOnly, QStringLiteral("unwinding"), Carol));
        QVERIFY(!d.oms->submit(d.order(QStringLiteral("K2"), QStringLiteral("KO"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("KO")))).accepted);
        out = d.oms->submit(d.order(QStringLiteral("K3"), QStringLiteral("KO"), QStringLiteral("sell"), 100, d.bid(QStringLiteral("KO"))));
        QVERIFY2(out.accepted, qPrintable(out.reason));
        QVERIFY(!d.oms->submit(d.order(QStringLiteral("K4"), QStringLiteral("KO"), QStringLiteral("sell"), 500, d.bid(QStringLiteral("KO")))).accepted);
        QVERIFY(d.oms->setKillSwitch(KillSwitch::Active, QStringLiteral("all clear"), Carol));
        QVERIFY(d.oms->submit(d.order(QStringLiteral("K5"), QStringLiteral("KO"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("KO")))).accepted);
        QCOMPARE(d.events(events::KillSwitchChanged).size(), 3);
    }

    void cancelAndReplace()
    {
        Desk d;
        const Instrument *msft = d.reference.instrument(QStringLiteral("MSFT"));
        const QString passive = msft->formatPrice(Price(42000));
        CommandOutcome out = d.oms->submit(d.order(QStringLiteral("R1"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, passive));
        QCOMPARE(out.state, OrderState::New);
        QCOMPARE(d.oms->state().order(QStringLiteral("R1"))->reservedCents, 4'200'000);

        out = d.oms->replace(QStringLiteral("R1"), 300, msft->formatPrice(Price(41900)), Alice);
        QCOMPARE(out.state, OrderState::Replaced);
        const OrderRecord *o = d.oms->state().order(QStringLiteral("R1"));
        QCOMPARE(o->quantity.value(), 300);
        QCOMPARE(o->limitPrice->value(), 41900);
        QCOMPARE(o->reservedCents, 300 * 41900);
        QCOMPARE(d.oms->state().account(QStringLiteral("DESK-02"))->reservedCents, 300 * 41900);

        QVERIFY(!d.oms->replace(QStringLiteral("R1"), std::nullopt, QString(), Alice).accepted); // nothing to change
        out = d.oms->cancel(QStringLiteral("R1"), Alice);
        QCOMPARE(out.state, OrderState::Cancelled);
        QCOMPARE(d.oms->state().account(QStringLiteral("DESK-02"))->reservedCents, 0);
        out = d.oms->cancel(QStringLiteral("R1"), Alice);
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(QStringLiteral("Cancelled")), qPrintable(out.reason));
        QVERIFY(!d.oms->cancel(QStringLiteral("nope"), Alice).accepted);
        QVERIFY(!d.events(events::CommandRefused).isEmpty());

        // A replace that crosses the market trades at once.
        QVERIFY(d.oms->submit(d.order(QStringLiteral("R2"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, passive)).accepted);
        out = d.oms->replace(QStringLiteral("R2"), std::nullopt, d.ask(QStringLiteral("MSFT")), Alice);
        QCOMPARE(out.state, OrderState::Filled);
        QCOMPARE(d.oms->state().order(QStringLiteral("R2"))->reservedCents, 0);
        QVERIFY(d.oms->state().checkInvariants());
    }

    void immediateOrCancelAndFillOrKill()
    {
        Desk d;
        NewOrderCommand ioc = d.order(QStringLiteral("I1"), QStringLiteral("PG"), QStringLiteral("buy"), 20000, d.ask(QStringLiteral("PG")));
        ioc.timeInForce = QStringLiteral("ioc");
        CommandOutcome out = d.oms->submit(ioc);
        QCOMPARE(out.state, OrderState::Expired);
        const OrderRecord *o = d.oms->state().order(QStringLiteral("I1"));
        QVERIFY(o->filled > Quantity(0));
        QVERIFY(o->filled < o->quantity);
        QCOMPARE(o->reservedCents, 0);

        NewOrderCommand fok = ioc;
        fok.clientOrderId = QStringLiteral("F1");
        fok.timeInForce = QStringLiteral("fok");
        out = d.oms->submit(fok);
        QCOMPARE(out.state, OrderState::Expired);
        QCOMPARE(d.oms->state().order(QStringLiteral("F1"))->filled.value(), 0);
        QVERIFY(d.oms->state().order(QStringLiteral("F1"))->reason.contains(QStringLiteral("fill or kill")));
    }

    void marketAndStopOrders()
    {
        Desk d;
        NewOrderCommand market = d.order(QStringLiteral("M1"), QStringLiteral("JPM"), QStringLiteral("buy"), 300, QString());
        market.type = QStringLiteral("market");
        CommandOutcome out = d.oms->submit(market);
        QCOMPARE(out.state, OrderState::Filled);
        QVERIFY(d.oms->state().order(QStringLiteral("M1"))->protectionPrice.has_value());

        // A buy stop above the market rests until a trade reaches it.
        const Instrument *jpm = d.reference.instrument(QStringLiteral("JPM"));
        const qint64 ask = d.venue->topOfBook(jpm->id).ask->value();
        NewOrderCommand stop = d.order(QStringLiteral("S1"), QStringLiteral("JPM"), QStringLiteral("buy"), 100, QString());
        stop.type = QStringLiteral("stop-limit");
        stop.stopPrice = jpm->formatPrice(Price(ask + 2));
        stop.limitPrice = jpm->formatPrice(Price(ask + 10));
        QCOMPARE(d.oms->submit(stop).state, OrderState::New);
        // Someone lifts the offers through the stop.
        NewOrderCommand sweep = d.order(QStringLiteral("SW"), QStringLiteral("JPM"), QStringLiteral("buy"), 30000, jpm->formatPrice(Price(ask + 5)), QStringLiteral("DESK-01"));
        sweep.timeInForce = QStringLiteral("ioc");
        QVERIFY(d.oms->submit(sweep).accepted);
        // Triggered: now a limit order; it fills when liquidity returns within its limit.
        QVERIFY(d.oms->state().order(QStringLiteral("S1"))->state != OrderState::Expired);
        d.venue->step();
        QCOMPARE(d.oms->state().order(QStringLiteral("S1"))->state, OrderState::Filled);
    }

    // An execution is a fact: a fill the venue reports on a filled order, or beyond what was left,
    // is booked (position, cash, settlement) and flagged with an ExecutionException; what is not an
    // execution and cannot happen to the order is refused and recorded, never applied.
    void executionsOnFinishedOrdersAreBookedAndFlagged()
    {
        Desk d;
        QCOMPARE(d.oms->submit(d.order(QStringLiteral("X1"), QStringLiteral("V"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("V")))).state,
                 OrderState::Filled);
        const qint64 unsettledBefore = d.oms->state().account(QStringLiteral("DESK-02"))->unsettledBuyCents;
        ExecutionReport late;
        late.kind = ExecutionReport::Kind::Fill;
        late.orderId = QStringLiteral("X1");
        late.execId = QStringLiteral("LATE-1");
        late.lastQuantity = Quantity(100);
        late.lastPrice = Price(30000);
        late.transactUs = test::MarketOpenUs;
        Q_EMIT d.venue->executionReport(late);
        const OrderRecord *o = d.oms->state().order(QStringLiteral("X1"));
        QCOMPARE(o->filled.value(), 200);
        QCOMPARE(o->state, OrderState::Filled);
        QCOMPARE(o->exceptions, 1);
        QCOMPARE(d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("V"))->quantity, 200);
        // 100 × $300.00 more to pay at settlement
        QCOMPARE(d.oms->state().account(QStringLiteral("DESK-02"))->unsettledBuyCents - unsettledBefore, 3'000'000);
        auto exceptions = d.events(executions::ExecutionException);
        QCOMPARE(exceptions.size(), 1);
        QCOMPARE(exceptions.first().payloadObject().value(QStringLiteral("kind")).toString(), executions::kind::FillAfterFilled);
        // Sent again (a resend, a drop copy): booked once.
        late.possibleDuplicate = true;
        Q_EMIT d.venue->executionReport(late);
        QCOMPARE(d.oms->state().order(QStringLiteral("X1"))->filled.value(), 200);
        QCOMPARE(d.events(executions::ExecutionException).size(), 1);

        // Not an execution: a cancel confirmed on a filled order cannot happen; refused and recorded.
        ExecutionReport cancelled;
        cancelled.kind = ExecutionReport::Kind::Cancelled;
        cancelled.orderId = QStringLiteral("X1");
        Q_EMIT d.venue->executionReport(cancelled);
        QCOMPARE(d.oms->state().order(QStringLiteral("X1"))->state, OrderState::Filled);
        const auto refused = d.events(events::IllegalTransitionRefused);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().payloadObject().value(QStringLiteral("state")).toString(), QStringLiteral("Filled"));

        // An overfill of a working order: all of it is booked, the order is filled, flagged.
        const Instrument *v = d.reference.instrument(QStringLiteral("V"));
        QCOMPARE(d.oms->submit(d.order(QStringLiteral("X2"), QStringLiteral("V"), QStringLiteral("buy"), 100, v->formatPrice(Price(30000)))).state, OrderState::New);
        late.orderId = QStringLiteral("X2");
        late.execId = QStringLiteral("OVER-1");
        late.possibleDuplicate = false;
        late.lastQuantity = Quantity(150);
        Q_EMIT d.venue->executionReport(late);
        QCOMPARE(d.oms->state().order(QStringLiteral("X2"))->filled.value(), 150);
        QCOMPARE(d.oms->state().order(QStringLiteral("X2"))->state, OrderState::Filled);
        QCOMPARE(d.oms->state().order(QStringLiteral("X2"))->reservedCents, 0);
        QCOMPARE(d.events(executions::ExecutionException).size(), 2);
        QCOMPARE(d.events(executions::ExecutionException).last().payloadObject().value(QStringLiteral("kind")).toString(), executions::kind::Overfill);
        QCOMPARE(d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("V"))->quantity, 350);
        QVERIFY2(d.oms->state().checkInvariants(), qPrintable(d.oms->state().checkInvariants().message()));
        // The same state from the log.
        auto replayed = TradingState::replay(*d.store);
        QVERIFY(replayed);
        QCOMPARE(replayed->order(QStringLiteral("X2"))->filled.value(), 150);
        QCOMPARE(replayed->position(QStringLiteral("DESK-02"), QStringLiteral("V"))->quantity, 350);
        QCOMPARE(replayed->executionExceptions(), d.oms->state().executionExceptions());
    }

    void restartReconcilesWithTheVenue()
    {
        Desk d;
        const Instrument *msft = d.reference.instrument(QStringLiteral("MSFT"));
        QCOMPARE(d.oms->submit(d.order(QStringLiteral("W1"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, msft->formatPrice(Price(42000)))).state, OrderState::New);
        // The workstation stops; the in-process venue goes with it.
        d.oms.reset();
        d.venue = std::make_unique<SimulatedVenue>(d.reference, 42, Friday);
        d.oms = std::make_unique<OrderManager>(*d.store, d.reference, *d.venue);
        QVERIFY(d.oms->start(Alice));
        const OrderRecord *o = d.oms->state().order(QStringLiteral("W1"));
        QCOMPARE(o->state, OrderState::Expired);
        QVERIFY(o->reason.contains(QStringLiteral("reconciled")));
        QCOMPARE(d.oms->state().account(QStringLiteral("DESK-02"))->reservedCents, 0);
    }

    void twoWorkstationsNeverOverspendOneAccount()
    {
        // Two order managers on one store (two workstations of a desk), each on its own thread
        // with its own venue, buy for the same $1mm account at the same time.
        Desk d;
        SimulatedVenue venueB(d.reference, 99, Friday);
        OrderManager omsB(*d.store, d.reference, venueB);
        QVERIFY(omsB.start(Alice));
        const QString px = d.reference.instrument(QStringLiteral("MSFT"))->formatPrice(Price(42000));
        std::atomic<int> accepted{0};
        auto trader = [&](OrderManager *oms, const QString &prefix) {
            for (int i = 0; i < 20; ++i) {
                const CommandOutcome out = oms->submit(d.order(prefix + QString::number(i), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, px, QStringLiteral("DEMO-01")));
                accepted += out.accepted;
            }
        };
        // Each manager lives on its own thread for the duration.
        std::unique_ptr<QThread> a(QThread::create([&] { trader(d.oms.get(), QStringLiteral("WA")); }));
        std::unique_ptr<QThread> b(QThread::create([&] { trader(&omsB, QStringLiteral("WB")); }));
        a->start();
        b->start();
        a->wait();
        b->wait();
        QCOMPARE(accepted.load(), 23); // as many as $1mm holds, no more, whoever sent them
        TradingState replay;
        const auto all = d.store->read(ReadQuery{});
        for (const RecordedEvent &e : *all) {
            QVERIFY(replay.apply(e));
            if (const AccountRecord *demo = replay.account(QStringLiteral("DEMO-01")))
                QVERIFY(demo->availableCents() >= 0);
        }
        QVERIFY(replay.checkInvariants());
    }

    void nothingTypedCrashesTheEngine()
    {
        Desk d;
        QRandomGenerator rng(7);
        const QStringList words{QString(), QStringLiteral(" "), QStringLiteral("buy"), QStringLiteral("SELL"), QStringLiteral("limit"),
                                QStringLiteral("stop-limit"), QStringLiteral("ioc"), QStringLiteral("AAPL"), QStringLiteral("UST 10Y"),
                                QStringLiteral("99-16+"), QStringLiteral("99-32"), QStringLiteral("-1"), QStringLiteral("1e308"),
                                QStringLiteral("NaN"), QStringLiteral("228.50"), QStringLiteral("DESK-01"), QStringLiteral("'; DROP TABLE events;--"),
                                QStringLiteral("\u0000"), QString(300, u'x'), QStringLiteral("ümlaut"), QStringLiteral("99-16¾")};
        auto pick = [&] { return words.at(int(rng.bounded(int(words.size())))); };
        for (int i = 0; i < 400; ++i) {
            NewOrderCommand c;
            c.clientOrderId = rng.bounded(5) == 0 ? pick() : QStringLiteral("Z%1").arg(i);
            c.account = pick();
            c.instrument = pick();
            c.side = pick();
            c.type = pick();
            c.timeInForce = pick();
            c.quantity = qint64(rng.generate64() >> rng.bounded(64));
            if (rng.bounded(2))
                c.quantity = -c.quantity;
            c.limitPrice = pick();
            c.stopPrice = pick();
            c.actor = Alice;
            (void)d.oms->submit(c);
            if (rng.bounded(4) == 0)
                (void)d.oms->cancel(pick(), Alice);
            if (rng.bounded(4) == 0)
                (void)d.oms->replace(QStringLiteral("Z%1").arg(rng.bounded(i + 1)), qint64(rng.bounded(1000)), pick(), Alice);
        }
        QVERIFY(d.oms->state().checkInvariants());
        QVERIFY(d.store->head()->sequence > 400);
    }

    void executionsProjection()
    {
        Desk d;
        QVERIFY(d.oms->submit(d.order(QStringLiteral("E1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, d.ask(QStringLiteral("AAPL")))).accepted);
        QCOMPARE(d.oms->state().executions().size(), 1);
        const FillRecord f = d.oms->state().executions().first();
        QCOMPARE(f.orderId, QStringLiteral("E1"));
        QCOMPARE(f.quantity, 100);
        QVERIFY(!f.settled);
        QCOMPARE(f.settleDate, QDate(2026, 11, 23));
        QVERIFY(d.oms->takeSettledExecutions().isEmpty());
        (void)settleDue(*d.oms, QDate(2026, 11, 23), Alice);
        QVERIFY(d.oms->state().executions().first().settled);
        // What the engine passes on to the executions panel, which updates that row in place.
        const QList<FillRecord> settled = d.oms->takeSettledExecutions();
        QCOMPARE(settled.size(), 1);
        QCOMPARE(settled.first().sequence, f.sequence);
        QVERIFY(settled.first().settled);
        QVERIFY(d.oms->takeSettledExecutions().isEmpty());
    }

    void projectionsEqualReplayAndAsOf()
    {
        Desk d;
        QVERIFY(d.oms->submit(d.order(QStringLiteral("P1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 200, d.ask(QStringLiteral("AAPL")))).accepted);
        QTest::qWait(5);
        const TimestampUs between = nowUtcMicros();
        QTest::qWait(5);
        QVERIFY(d.oms->submit(d.order(QStringLiteral("P2"), QStringLiteral("AAPL"), QStringLiteral("sell"), 100, d.bid(QStringLiteral("AAPL")))).accepted);
        QVERIFY(d.oms->submit(d.order(QStringLiteral("P3"), QStringLiteral("NFLX"), QStringLiteral("buy"), 100, d.bid(QStringLiteral("NFLX")))).accepted);
        d.oms->replace(QStringLiteral("P3"), 200, QString(), Alice);
        (void)settleDue(*d.oms, QDate(2026, 11, 23), Alice);

        auto replay = TradingState::replay(*d.store);
        QVERIFY(replay.ok());
        QCOMPARE(QJsonDocument(replay->toJson()).toJson(), QJsonDocument(d.oms->state().toJson()).toJson());
        auto snapshot = TradingState::fromJson(d.oms->state().toJson());
        QVERIFY(snapshot.ok());
        QCOMPARE(QJsonDocument(snapshot->toJson()).toJson(), QJsonDocument(d.oms->state().toJson()).toJson());

        ReadQuery asOf;
        asOf.toTimeUs = between;
        auto then = TradingState::replay(*d.store, asOf);
        QCOMPARE(then->position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->quantity, 200);
        QVERIFY(!then->order(QStringLiteral("P2")));
        QCOMPARE(d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->quantity, 100);
        QVERIFY(d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->realizedCents != 0
                || d.oms->state().position(QStringLiteral("DESK-02"), QStringLiteral("AAPL"))->costCents > 0);
    }
};

QTEST_GUILESS_MAIN(TestOrderManager)
#include "tst_ordermanager.moc"
