// Settlement: T+1 delivery against payment, and the fails when a due trade cannot settle.

#include "events/orderevents.h"
#include "settlement/tradesettlement.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "settlement/settlementworker.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QJsonDocument>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

const TimestampUs Friday = 1795185000000000; // 2026-11-20 14:30 UTC
const TimestampUs Day = 86'400'000'000;
const TimestampUs Monday = Friday + 3 * Day;  // 2026-11-23
const TimestampUs Tuesday = Friday + 4 * Day; // 2026-11-24
const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};
const Actor Bob{QStringLiteral("bob"), QStringLiteral("trader")};
const Actor Carol{QStringLiteral("carol"), QStringLiteral("compliance")};
const QString Desk = QStringLiteral("DESK-02");
const QString Aapl = QStringLiteral("AAPL");

NewOrderCommand order(const QString &id, const QString &side, qint64 qty, const QString &limit, const Actor &actor)
{
    NewOrderCommand c;
    c.clientOrderId = id;
    c.account = Desk;
    c.instrument = Aapl;
    c.side = side;
    c.quantity = qty;
    c.limitPrice = limit;
    c.actor = actor;
    return c;
}

QJsonObject payloadOf(const RecordedEvent &e)
{
    return e.payloadObject();
}

} // namespace

class TestSettlementWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Two workstations of a desk on one store whose venue clocks disagree by a day: a sale
    // traded on the earlier date comes due before the purchase that delivers what it sells. On
    // its date it fails (recorded with the reason, nothing moves); the next run after the
    // purchase settles settles both.
    void saleOfUndeliveredSecuritiesFailsThenSettles()
    {
        TestStores stores{Backend::Sqlite};
        const QString url = stores.freshUrl();
        std::unique_ptr<EventStore> store = stores.open(url);
        const ReferenceData reference = test::market();
        const qint64 opening = reference.account(Desk)->openingCashCents;

        SimulatedVenue venueA(reference, 42, Tuesday);
        OrderManager a(*store, reference, venueA);
        QVERIFY(a.start(Alice));
        for (const instant::Account *acct : reference.accounts())
            QVERIFY(a.openAccount(acct->id, acct->openingCashCents, Carol));
        QVERIFY(a.setRules(ComplianceEngine::defaultRules(), Carol));

        // Alice buys 100 AAPL on Tuesday (settles Wednesday)...
        const Price ask = *venueA.topOfBook(Aapl).ask;
        const CommandOutcome bought = a.submit(order(QStringLiteral("B1"), QStringLiteral("buy"), 100, reference.instrument(Aapl)->formatPrice(ask), Alice));
        QVERIFY2(bought.accepted, qPrintable(bought.reason));
        QCOMPARE(bought.state, OrderState::Filled);

        // ...and Bob's workstation, its clock still on Monday, sells them (settles Tuesday).
        SimulatedVenue venueB(reference, 7, Monday);
        OrderManager b(*store, reference, venueB);
        QVERIFY(b.start(Bob));
        const Price bid = *venueB.topOfBook(Aapl).bid;
        const CommandOutcome sold = b.submit(order(QStringLiteral("S1"), QStringLiteral("sell"), 100, reference.instrument(Aapl)->formatPrice(bid), Bob));
        QVERIFY2(sold.accepted, qPrintable(sold.reason));
        QCOMPARE(sold.state, OrderState::Filled);

        // What each trade moves, from its fill event: stocks are priced in cents a share.
        qint64 buyCents = 0, sellCents = 0;
        const auto all = store->read(ReadQuery{});
        QVERIFY(all.ok());
        for (const RecordedEvent &e : *all) {
            if (e.type != events::OrderFilled)
                continue;
            const qint64 cents = payloadOf(e).value(QStringLiteral("quantity")).toInteger() * payloadOf(e).value(QStringLiteral("price")).toInteger();
            if (payloadOf(e).value(QStringLiteral("order_id")).toString() == u"B1") {
                QCOMPARE(payloadOf(e).value(QStringLiteral("settle_date")).toString(), QStringLiteral("2026-11-25"));
                buyCents = cents;
            } else {
                QCOMPARE(payloadOf(e).value(QStringLiteral("settle_date")).toString(), QStringLiteral("2026-11-24"));
                sellCents = cents;
            }
        }
        QCOMPARE(buyCents, 100 * ask.value());
        QCOMPARE(sellCents, 100 * bid.value());

        QDate today(2026, 11, 24);
        SettlementWorker worker(b, [&today] { return today; });
        QSignalSpy settledSpy(&worker, &SettlementWorker::settled);

        // Tuesday: the sale is due, the 100 shares it sells are not settled yet.
        QCOMPARE(worker.settleNow(), 0);
        QCOMPARE(settledSpy.size(), 0);
        auto fails = eventsOf(*store, events::SettlementFailed);
        QCOMPARE(fails.size(), 1);
        QCOMPARE(fails[0].streamId, events::accountStream(Desk));
        QCOMPARE(payloadOf(fails[0]).value(QStringLiteral("order_id")).toString(), QStringLiteral("S1"));
        QCOMPARE(payloadOf(fails[0]).value(QStringLiteral("business_date")).toString(), QStringLiteral("2026-11-24"));
        QCOMPARE(payloadOf(fails[0]).value(QStringLiteral("reason")).toString(), QStringLiteral("securities not delivered: sells 100, 0 settled"));
        QCOMPARE(fails[0].actor.user, QStringLiteral("settlement"));
        QCOMPARE(b.state().unsettledFills().size(), 2);
        const FillRecord *sale = nullptr;
        for (const FillRecord &f : b.state().unsettledFills())
            if (f.orderId == u"S1")
                sale = &f;
        QVERIFY(sale);
        QVERIFY(sale->failing());
        QCOMPARE(sale->failedOn, today);
        QCOMPARE(b.state().account(Desk)->cashCents, opening); // nothing moved
        QCOMPARE(b.state().position(Desk, Aapl)->settledQuantity, 0);
        QVERIFY(b.state().checkInvariants());
        const QList<FillRecord> shown = b.takeSettledExecutions(); // the row shows the fail
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown[0].failReason, QStringLiteral("securities not delivered: sells 100, 0 settled"));

        // Retried on every run, recorded once a day.
        QCOMPARE(worker.settleNow(), 0);
        QCOMPARE(eventsOf(*store, events::SettlementFailed).size(), 1);

        // The state as of the fail, replayed, says the same.
        const Sequence afterFail = store->head()->sequence;
        auto thenReplay = TradingState::replay(*store);
        QVERIFY(thenReplay.ok());
        QCOMPARE(QJsonDocument(thenReplay->toJson()).toJson(), QJsonDocument(b.state().toJson()).toJson());

        // Wednesday: the purchase settles first, then the sale it delivered.
        today = QDate(2026, 11, 25);
        QCOMPARE(worker.settleNow(), 2);
        QCOMPARE(settledSpy.size(), 1);
        const auto settled = eventsOf(*store, events::TradeSettled);
        QCOMPARE(settled.size(), 2);
        QCOMPARE(payloadOf(settled[0]).value(QStringLiteral("order_id")).toString(), QStringLiteral("B1"));
        QCOMPARE(payloadOf(settled[1]).value(QStringLiteral("order_id")).toString(), QStringLiteral("S1"));
        QCOMPARE(eventsOf(*store, events::SettlementFailed).size(), 1);
        QVERIFY(b.state().unsettledFills().isEmpty());
        QCOMPARE(b.state().account(Desk)->cashCents, opening - buyCents + sellCents);
        QCOMPARE(b.state().account(Desk)->unsettledBuyCents, 0);
        QCOMPARE(b.state().account(Desk)->unsettledSellCents, 0);
        QCOMPARE(b.state().position(Desk, Aapl)->settledQuantity, 0);
        QCOMPARE(b.state().settledTrades(), 2);
        QVERIFY(b.state().checkInvariants());
        for (const FillRecord &f : b.state().executions()) {
            QVERIFY(f.settled);
            QCOMPARE(f.failing(), false);
        }
        QCOMPARE(b.state().executions().last().failReason, QStringLiteral("securities not delivered: sells 100, 0 settled")); // kept

        // Replays (from zero, from a snapshot, as of the fail) equal what the manager holds.
        auto full = TradingState::replay(*store, {}, false);
        QVERIFY(full.ok());
        QCOMPARE(QJsonDocument(full->toJson()).toJson(), QJsonDocument(b.state().toJson()).toJson());
        QVERIFY(full->checkInvariants());
        auto restored = TradingState::fromJson(b.state().toJson());
        QVERIFY(restored.ok());
        QCOMPARE(QJsonDocument(restored->toJson()).toJson(), QJsonDocument(b.state().toJson()).toJson());
        ReadQuery asOf;
        asOf.toSequence = afterFail;
        auto then = TradingState::replay(*store, asOf);
        QVERIFY(then.ok());
        QCOMPARE(then->unsettledFills().size(), 2);
        QCOMPARE(QJsonDocument(then->toJson()).toJson(), QJsonDocument(thenReplay->toJson()).toJson());

        // A fresh manager on the store learns nothing new to do.
        SimulatedVenue venueC(reference, 3, Tuesday + Day);
        OrderManager c(*store, reference, venueC);
        QVERIFY(c.start(Alice));
        QCOMPARE(*settleDue(c, today, Alice), 0);
        QCOMPARE(store->head()->sequence, thenReplay->lastSequence() + 2);
    }

    // Purchases are paid from settled cash, which the buying power check already set aside:
    // with the account's invariants holding, a purchase that is due always settles.
    void duePurchasesSettleInTradeOrder()
    {
        TestStores stores{Backend::Sqlite};
        std::unique_ptr<EventStore> store = stores.open(stores.freshUrl());
        const ReferenceData reference = test::market();
        SimulatedVenue venue(reference, 42, Friday);
        OrderManager oms(*store, reference, venue);
        QVERIFY(oms.start(Alice));
        QVERIFY(oms.openAccount(Desk, 10'000'000, Carol)); // $100,000
        QVERIFY(oms.setRules(ComplianceEngine::defaultRules(), Carol));
        const QString ask = reference.instrument(Aapl)->formatPrice(*venue.topOfBook(Aapl).ask);
        QCOMPARE(oms.submit(order(QStringLiteral("B1"), QStringLiteral("buy"), 100, ask, Alice)).state, OrderState::Filled);
        const QString ask2 = reference.instrument(Aapl)->formatPrice(*venue.topOfBook(Aapl).ask);
        QCOMPARE(oms.submit(order(QStringLiteral("B2"), QStringLiteral("buy"), 100, ask2, Alice)).state, OrderState::Filled);
        const QString bid = reference.instrument(Aapl)->formatPrice(*venue.topOfBook(Aapl).bid);
        // Sorts first by id, traded last: it settles after the purchases that deliver it.
        QCOMPARE(oms.submit(order(QStringLiteral("A0"), QStringLiteral("sell"), 150, bid, Alice)).state, OrderState::Filled);
        QCOMPARE(*settleDue(oms, QDate(2026, 11, 23), Alice), 3);
        QVERIFY(eventsOf(*store, events::SettlementFailed).isEmpty());
        QCOMPARE(oms.state().position(Desk, Aapl)->settledQuantity, 50);
        QVERIFY(oms.state().checkInvariants());
    }

    // A purchase can be short of cash only when the account's invariant is already broken: here a
    // venue filled a buy at more than its limit (nothing in the engine refuses such a report), so
    // the trade owes more than was held. It fails on its date with the reason, every day it is due.
    void purchaseShortOfCashFails()
    {
        TestStores stores{Backend::Sqlite};
        std::unique_ptr<EventStore> store = stores.open(stores.freshUrl());
        const ReferenceData reference = test::market();
        const Actor venueActor{QStringLiteral("venue"), QStringLiteral("venue")};
        auto make = [](const QString &type, QJsonObject payload, const Actor &actor) {
            NewEvent e;
            e.type = type;
            e.payload = std::move(payload);
            e.actor = actor;
            return e;
        };
        AppendRequest log;
        log.streamId = events::accountStream(QStringLiteral("DESK-09"));
        log.events = {
            make(events::AccountOpened, {{QStringLiteral("account"), QStringLiteral("DESK-09")}, {QStringLiteral("cash_cents"), 100'000}}, Carol),
            make(events::OrderAccepted,
                 {{QStringLiteral("order_id"), QStringLiteral("X1")}, {QStringLiteral("account"), QStringLiteral("DESK-09")},
                  {QStringLiteral("instrument"), Aapl}, {QStringLiteral("side"), QStringLiteral("buy")},
                  {QStringLiteral("type"), QStringLiteral("limit")}, {QStringLiteral("tif"), QStringLiteral("day")},
                  {QStringLiteral("quantity"), 10}, {QStringLiteral("limit_price"), 10'000}, // 10 at $100.00: $1,000.00 held
                  {QStringLiteral("reserved_cents"), 100'000}},
                 Alice),
            make(events::OrderAcknowledged, {{QStringLiteral("order_id"), QStringLiteral("X1")}, {QStringLiteral("leaves"), 10}}, venueActor),
            make(events::OrderFilled, // ...filled at $228.50: $2,285.00 owed
                 {{QStringLiteral("order_id"), QStringLiteral("X1")}, {QStringLiteral("exec_id"), QStringLiteral("E1")},
                  {QStringLiteral("quantity"), 10}, {QStringLiteral("price"), 22'850}, {QStringLiteral("notional_cents"), 228'500},
                  {QStringLiteral("leaves"), 0}, {QStringLiteral("reserved_cents"), 0},
                  {QStringLiteral("trade_date"), QStringLiteral("2026-11-20")}, {QStringLiteral("settle_date"), QStringLiteral("2026-11-23")}},
                 venueActor)};
        QVERIFY(store->append(std::move(log)));

        SimulatedVenue venue(reference, 42, Monday);
        OrderManager oms(*store, reference, venue);
        QVERIFY(oms.start(Alice));
        QVERIFY(!oms.state().checkInvariants()); // available cash is negative: the venue overcharged
        QCOMPARE(*settleDue(oms, QDate(2026, 11, 23), Alice), 0);
        QCOMPARE(*settleDue(oms, QDate(2026, 11, 23), Alice), 0);
        QCOMPARE(*settleDue(oms, QDate(2026, 11, 24), Alice), 0);
        const auto fails = eventsOf(*store, events::SettlementFailed);
        QCOMPARE(fails.size(), 2); // once on each business date
        const QString reason = QStringLiteral("cash short: needs $%1, $%2 settled cash")
                                   .arg(QLocale().toString(2285.00, 'f', 2), QLocale().toString(1000.00, 'f', 2));
        QCOMPARE(payloadOf(fails[0]).value(QStringLiteral("reason")).toString(), reason);
        QCOMPARE(payloadOf(fails[0]).value(QStringLiteral("cash_cents")).toInteger(), -228'500);
        QCOMPARE(payloadOf(fails[1]).value(QStringLiteral("business_date")).toString(), QStringLiteral("2026-11-24"));
        const AccountRecord *account = oms.state().account(QStringLiteral("DESK-09"));
        QCOMPARE(account->cashCents, 100'000); // nothing moved
        QCOMPARE(account->unsettledBuyCents, 228'500);
        QCOMPARE(oms.state().unsettledFills().first().failedOn, QDate(2026, 11, 24));
        auto replay = TradingState::replay(*store);
        QVERIFY(replay.ok());
        QCOMPARE(QJsonDocument(replay->toJson()).toJson(), QJsonDocument(oms.state().toJson()).toJson());
    }

private:
    static QList<RecordedEvent> eventsOf(EventStore &store, const QString &type)
    {
        QList<RecordedEvent> out;
        const auto all = store.read(ReadQuery{});
        for (const RecordedEvent &e : *all)
            if (e.type == type)
                out << e;
        return out;
    }
};

QTEST_GUILESS_MAIN(TestSettlementWorker)
#include "tst_settlementworker.moc"
