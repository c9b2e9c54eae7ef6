// Whole simulated trading days, many seeds: the invariants of the product hold at every event.

#include "analytics/marketcalendar.h"
#include "audit/chainverifier.h"
#include "demo/demorun.h"
#include "events/eventhash.h"
#include "events/orderevents.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "testmarket.h"

#include <QJsonDocument>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

// Replays the log one event at a time and checks what must hold after every one of them: no
// order recorded twice, available cash never negative, nothing traded in an instrument past its
// expiry or maturity, settled positions the sum of their settlements until the instrument's own
// dates close them.
QString checkLog(const EventStore &store, const ReferenceData &reference)
{
    TradingState state;
    QString problem;
    QSet<QString> recordedOrders;
    QHash<QString, qint64> settledByPosition;
    (void)store.forEach(ReadQuery{}, [&](const RecordedEvent &e) {
        if (Status s = state.apply(e); !s) {
            problem = QStringLiteral("event %1: %2").arg(e.sequence).arg(s.message());
            return false;
        }
        if (e.type == events::OrderAccepted || e.type == events::OrderRejected) {
            const QString id = e.payloadObject().value(QStringLiteral("order_id")).toString();
            if (recordedOrders.contains(id)) {
                problem = QStringLiteral("order %1 recorded twice").arg(id);
                return false;
            }
            recordedOrders.insert(id);
        }
        if (e.type == events::OrderFilled || e.type == events::OrderPartiallyFilled) {
            const QJsonObject p = e.payloadObject();
            const OrderRecord *o = state.order(p.value(QStringLiteral("order_id")).toString());
            const Instrument *i = o ? reference.instrument(o->instrument) : nullptr;
            const QDate traded = QDate::fromString(p.value(QStringLiteral("trade_date")).toString(), Qt::ISODate);
            if (i)
                if (auto dead = analytics::whyNotTradable(*i, traded)) {
                    problem = QStringLiteral("event %1 fills %2 on %3: %4").arg(e.sequence).arg(o->orderId, traded.toString(Qt::ISODate), *dead);
                    return false;
                }
        }
        if (e.type == events::TradeSettled) {
            const QJsonObject p = e.payloadObject();
            const QString key = e.streamId.mid(8) + u'|' + p.value(QStringLiteral("instrument")).toString();
            const qint64 q = p.value(QStringLiteral("quantity")).toInteger();
            settledByPosition[key] += p.value(QStringLiteral("side")).toString() == u"buy" ? q : -q;
        }
        for (const AccountRecord &a : state.accounts()) {
            if (a.availableCents() < 0) {
                problem = QStringLiteral("after event %1 account %2 has %3 cents available").arg(e.sequence).arg(a.id).arg(a.availableCents());
                return false;
            }
        }
        return true;
    });
    if (!problem.isEmpty())
        return problem;
    if (Status s = state.checkInvariants(); !s)
        return s.message();
    for (const PositionRecord &p : state.positions()) {
        if (p.retired) { // matured or expired: nothing is held
            if (p.quantity != 0 || p.settledQuantity != 0)
                return QStringLiteral("position %1 %2 is closed by its own dates but still holds %3").arg(p.account, p.instrument).arg(p.quantity);
            continue;
        }
        if (p.settledQuantity != settledByPosition.value(p.account + u'|' + p.instrument))
            return QStringLiteral("settled position %1 %2 is not the sum of its settled fills").arg(p.account, p.instrument);
    }
    return {};
}

QList<QPair<QString, QByteArray>> typesAndPayloads(const EventStore &store)
{
    QList<QPair<QString, QByteArray>> out;
    (void)store.forEach(ReadQuery{}, [&](const RecordedEvent &e) {
        out.append({e.type, e.payload});
        return true;
    });
    return out;
}

} // namespace

class TestDemoRun : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();

private Q_SLOTS:
    void invariantsHoldOverManySeeds_data()
    {
        QTest::addColumn<quint64>("seed");
        // The calendar's runs (the machine's date moved years ahead) ask whether anything reads
        // that date: two seeds answer it; the many seeds, for the invariants, run once.
        const QList<quint64> seeds = qEnvironmentVariableIsSet("INSTANT_CALENDAR_RUN") ? QList<quint64>{1, 2}
                                                                                       : QList<quint64>{1, 2, 3, 5, 8, 13, 21, 34};
        for (quint64 seed : seeds)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }

    // The simulated desks trade their own accounts, never the user's, unless asked to.
    void simulatedDesksTradeTheirOwnAccounts()
    {
        for (const bool onUserAccounts : {false, true}) {
            auto store = stores.open(stores.freshUrl());
            DemoRunOptions options;
            options.startUs = test::MarketOpenUs;
            options.orders = 150;
            options.onUserAccounts = onUserAccounts;
            QVERIFY(runDemo(*store, reference, options).ok());
            const auto state = TradingState::replay(*store);
            QVERIFY(state.ok());
            QSet<QString> traded;
            for (const OrderRecord &o : state->orders())
                traded.insert(o.account);
            QSet<QString> expected;
            if (onUserAccounts)
                for (const Account *a : reference.accounts())
                    expected.insert(a->id);
            else
                expected = {QStringLiteral("SIM-01"), QStringLiteral("SIM-02"), QStringLiteral("SIM-03")};
            QStringList tradedList = traded.values(), expectedList = expected.values();
            tradedList.sort();
            expectedList.sort();
            QCOMPARE(tradedList, expectedList);
        }
    }

    void invariantsHoldOverManySeeds()
    {
        QFETCH(quint64, seed);
        auto store = stores.open(stores.freshUrl());
        DemoRunOptions options;
        options.startUs = test::MarketOpenUs;
        options.orders = 400;
        options.seed = seed;
        auto summary = runDemo(*store, reference, options);
        QVERIFY2(summary.ok(), qPrintable(summary.message()));
        QVERIFY2(summary->invariants.isEmpty(), qPrintable(summary->invariants));
        QCOMPARE(summary->orders, 400);
        QVERIFY(summary->fills > 50);
        QVERIFY(summary->ordersByState.value(QStringLiteral("Rejected")) > 0);
        QVERIFY(summary->ordersByState.value(QStringLiteral("Cancelled")) > 0);
        QVERIFY(summary->settledTrades > 0);
        QVERIFY(summary->tradingDays >= 2);

        const QString problem = checkLog(*store, reference);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto replay = TradingState::replay(*store);
        QCOMPARE(stateDigest(*replay), summary->stateDigest); // projections equal a full replay
        QVERIFY(verifyChain(*store)->intact);
    }

    // Across an expiry Friday: options still held at the close expire, or are exercised with the
    // shares delivered and paid for at settlement; nothing trades once it has expired.
    void optionsExpireAndAreExercised()
    {
        const QDate thursday(2027, 9, 16); // the September monthly expires on the 17th
        const ReferenceData market = DemoMarket::referenceData(thursday);
        auto store = stores.open(stores.freshUrl());
        DemoRunOptions options;
        options.startUs = utcMicros(thursday, 14, 30);
        options.orders = 600;
        options.seed = 5;
        auto summary = runDemo(*store, market, options);
        QVERIFY2(summary.ok(), qPrintable(summary.message()));
        QVERIFY2(summary->invariants.isEmpty(), qPrintable(summary->invariants));
        QVERIFY2(summary->lifecycle.value(QStringLiteral("OptionExpired")) + summary->lifecycle.value(QStringLiteral("OptionExercised")) > 0,
                 qPrintable(summary->toText()));
        const QString problem = checkLog(*store, market);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto replay = TradingState::replay(*store);
        QCOMPARE(stateDigest(*replay), summary->stateDigest);
    }

    // The market of whatever day it is: the `calendar` label runs this with the machine's date
    // moved far ahead. It trades, settles and closes only what lives on that date.
    void todaysMarketLivesOnTheCalendar()
    {
        const QDate today = systemClock().tradeDate();
        const ReferenceData market = DemoMarket::referenceData(today);
        auto store = stores.open(stores.freshUrl());
        DemoRunOptions options;
        options.startUs = utcMicros(DemoMarket::sessionDate(today), 14, 30);
        options.orders = 400;
        options.seed = 11;
        auto summary = runDemo(*store, market, options);
        QVERIFY2(summary.ok(), qPrintable(summary.message()));
        QVERIFY2(summary->invariants.isEmpty(), qPrintable(summary->invariants));
        QVERIFY2(summary->fills > 50, qPrintable(summary->toText()));
        const QString problem = checkLog(*store, market);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void sameSeedSameEvents()
    {
        auto a = stores.open(stores.freshUrl());
        auto b = stores.open(stores.freshUrl());
        auto c = stores.open(stores.freshUrl());
        DemoRunOptions options;
        options.startUs = test::MarketOpenUs;
        options.orders = 200;
        options.seed = 77;
        QVERIFY(runDemo(*a, reference, options).ok());
        QVERIFY(runDemo(*b, reference, options).ok());
        options.seed = 78;
        QVERIFY(runDemo(*c, reference, options).ok());
        const auto ea = typesAndPayloads(*a);
        QVERIFY(ea.size() > 400);
        QCOMPARE(ea, typesAndPayloads(*b));
        QVERIFY(ea != typesAndPayloads(*c));
    }

    void continuingARunSendsNothingTwice()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        DemoRunOptions options;
        options.startUs = test::MarketOpenUs;
        options.orders = 150;
        options.seed = 9;
        QVERIFY(runDemo(*store, reference, options).ok());
        const Sequence after = store->head()->sequence;
        auto again = runDemo(*store, reference, options); // same orders: all known
        QVERIFY2(again.ok() && again->invariants.isEmpty(), qPrintable(again.ok() ? again->invariants : again.message()));
        QCOMPARE(again->orders, 150);
        QVERIFY(store->head()->sequence >= after);
        QVERIFY(checkLog(*store, reference).isEmpty());
        auto replay = TradingState::replay(*store);
        if (stateDigest(*replay) != again->stateDigest)
            qWarning("%s", QJsonDocument(replay->toJson()).toJson().constData());
        QCOMPARE(stateDigest(*replay), again->stateDigest);
    }

    void snapshotsShortenStartUpAndMatchAFullReplay()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        DemoRunOptions options;
        options.startUs = test::MarketOpenUs;
        options.orders = 200;
        options.seed = 4;
        QVERIFY(runDemo(*store, reference, options).ok()); // saves a snapshot at the end
        const Sequence snapshotAt = store->head()->sequence;
        const TimestampUs between = nowUtcMicros();
        QTest::qWait(5);
        options.seed = 5; // other traders, other client ids: more events after the snapshot
        QVERIFY(runDemo(*store, reference, options).ok());
        QVERIFY(store->head()->sequence > snapshotAt);

        // Remove the newest snapshot so the older one is used, with events after it.
        {
            QSqlDatabase db = stores.raw(url);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DELETE FROM snapshots WHERE sequence > %1").arg(snapshotAt)));
        }
        auto fast = TradingState::replay(*store);
        auto full = TradingState::replay(*store, ReadQuery{}, false);
        QVERIFY(fast.ok() && full.ok());
        QCOMPARE(stateDigest(*fast), stateDigest(*full));
        // The snapshot is written piece by piece; the bytes are those of the whole state at once.
        QCOMPARE(full->toCanonicalJson(), canonicalJson(full->toJson()));
        QVERIFY(full->orders().size() > 100 && full->executions().size() > 10);
        QCOMPARE(fast->eventsReplayed(), store->head()->sequence - snapshotAt);
        QCOMPARE(full->eventsReplayed(), store->head()->sequence);

        // "As of" a time before the second run: the snapshot is still the right start.
        ReadQuery asOf;
        asOf.toTimeUs = between;
        QCOMPARE(stateDigest(*TradingState::replay(*store, asOf)), stateDigest(*TradingState::replay(*store, asOf, false)));
        QCOMPARE(TradingState::replay(*store, asOf)->eventsReplayed(), 0);

        // A snapshot that does not match itself any more is not used.
        {
            QSqlDatabase db = stores.raw(url);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE snapshots SET payload = replace(payload, 'DESK-01', 'DESK-99')")));
        }
        auto afterTamper = TradingState::replay(*store);
        QCOMPARE(afterTamper->eventsReplayed(), store->head()->sequence);
        QCOMPARE(stateDigest(*afterTamper), stateDigest(*full));
    }

    // A snapshot stored in many small pieces, each record cut across them, reads back as the
    // same state, and its pieces joined are the state's canonical bytes.
    void aSnapshotInSmallPiecesRestoresTheSameState()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        DemoRunOptions options;
        options.startUs = test::MarketOpenUs;
        options.orders = 120;
        options.seed = 6;
        QVERIFY(runDemo(*store, reference, options).ok());
        {
            QSqlDatabase db = stores.raw(url);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DELETE FROM snapshots")));
        }
        auto full = TradingState::replay(*store, ReadQuery{}, false);
        QVERIFY(full.ok());
        QCOMPARE(*TradingState::saveSnapshot(*store, *full, 997), store->head()->sequence);
        {
            QSqlDatabase db = stores.raw(url);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MAX(length(payload)) FROM snapshot_pieces")) && q.next());
            QVERIFY2(q.value(0).toInt() > 50, qPrintable(q.value(0).toString()));
            QVERIFY(q.value(1).toInt() < 997 + 4096); // a piece is handed over once it holds 997 bytes
        }
        QCOMPARE((*store->latestSnapshot(TradingState::SnapshotName, store->head()->sequence))->payload, full->toCanonicalJson());
        auto fast = TradingState::replay(*store);
        QVERIFY(fast.ok());
        QCOMPARE(fast->eventsReplayed(), 0);
        QCOMPARE(stateDigest(*fast), stateDigest(*full));
        QCOMPARE(fast->toCanonicalJson(), full->toCanonicalJson());
    }

    void olderSchemaIsMigrated()
    {
        const QString url = stores.freshUrl();
        {
            auto store = stores.open(url);
            DemoRunOptions options;
            options.startUs = test::MarketOpenUs;
            options.orders = 30;
            QVERIFY(runDemo(*store, reference, options).ok());
        }
        const QString before = QString::fromLatin1(stateDigest(*TradingState::replay(*stores.open(url), ReadQuery{}, false)));
        {
            // Make it a version 1 store, as an older Instant left it.
            QSqlDatabase db = stores.raw(url);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE snapshots")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE snapshot_pieces")));
            for (const char *column : {"batch_first_seq", "batch_key_id", "batch_signature", "batch_clock"})
                QVERIFY(q.exec(QStringLiteral("ALTER TABLE events DROP COLUMN %1").arg(QLatin1String(column))));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 2")));
        }
        auto store = stores.open(url);
        QSqlDatabase db = stores.raw(url);
        QVERIFY(db.tables().contains(QStringLiteral("snapshots")));
        QVERIFY(db.tables().contains(QStringLiteral("snapshot_pieces")));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 6); // 5: compliance records what it reads; 6: snapshots in pieces
        QCOMPARE(QString::fromLatin1(stateDigest(*TradingState::replay(*store, ReadQuery{}, false))), before);
        QVERIFY(verifyChain(*store)->intact);
    }
};

QTEST_GUILESS_MAIN(TestDemoRun)
#include "tst_demorun.moc"
