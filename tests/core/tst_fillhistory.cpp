// The bounded window of executions the trading state and the executions panel keep, and the
// trading state holding the newest of them across a snapshot exactly as a full replay does; the
// amounts a replay accepts, large books included.
#include "events/eventhash.h"
#include "oms/tradingstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <limits>

using namespace instant;

namespace {

FillRecord fill(Sequence sequence)
{
    FillRecord f;
    f.execId = QStringLiteral("X%1").arg(sequence);
    f.orderId = QStringLiteral("O%1").arg(sequence);
    f.sequence = sequence;
    f.quantity = 1;
    return f;
}

RecordedEvent event(Sequence sequence, const char *type, const QByteArray &payload)
{
    RecordedEvent e;
    e.sequence = sequence;
    e.streamId = QStringLiteral("account-A");
    e.streamVersion = sequence;
    e.type = QString::fromLatin1(type);
    e.recordedUs = 1'795'000'000'000'000 + sequence;
    e.actor = Actor{QStringLiteral("alice"), QStringLiteral("trader")};
    e.payload = payload;
    return e;
}

// An account, then `orders` buys filled at once (two events each), then the first `settled`
// fills settle: the log of a long day, in memory.
QByteArray json(const QJsonObject &o)
{
    return canonicalJson(o);
}

QList<RecordedEvent> longDay(int orders, int settled)
{
    QList<RecordedEvent> log;
    Sequence s = 0;
    log << event(++s, "AccountOpened", json({{QStringLiteral("account"), QStringLiteral("A")}, {QStringLiteral("cash_cents"), qint64(100'000'000'000'000)}}));
    for (int i = 0; i < orders; ++i) {
        const QString id = QStringLiteral("O%1").arg(i);
        log << event(++s, "OrderAccepted",
                     json({{QStringLiteral("account"), QStringLiteral("A")}, {QStringLiteral("instrument"), QStringLiteral("AAPL")},
                           {QStringLiteral("limit_price"), 100}, {QStringLiteral("order_id"), id}, {QStringLiteral("overrides"), QJsonArray()},
                           {QStringLiteral("protection_price"), QJsonValue()}, {QStringLiteral("quantity"), 1},
                           {QStringLiteral("reserved_cents"), 1}, {QStringLiteral("side"), QStringLiteral("buy")},
                           {QStringLiteral("stop_price"), QJsonValue()}, {QStringLiteral("tif"), QStringLiteral("day")},
                           {QStringLiteral("type"), QStringLiteral("limit")}}));
        log << event(++s, "OrderFilled",
                     json({{QStringLiteral("exec_id"), QStringLiteral("E%1").arg(i)}, {QStringLiteral("leaves"), 0},
                           {QStringLiteral("notional_cents"), 1}, {QStringLiteral("order_id"), id}, {QStringLiteral("price"), 100},
                           {QStringLiteral("quantity"), 1}, {QStringLiteral("reserved_cents"), 0},
                           {QStringLiteral("settle_date"), QStringLiteral("2026-11-23")}, {QStringLiteral("trade_date"), QStringLiteral("2026-11-20")}}));
    }
    for (int i = 0; i < settled; ++i)
        log << event(++s, "TradeSettled",
                     json({{QStringLiteral("cash_cents"), -1}, {QStringLiteral("exec_id"), QStringLiteral("E%1").arg(i)},
                           {QStringLiteral("instrument"), QStringLiteral("AAPL")}, {QStringLiteral("order_id"), QStringLiteral("O%1").arg(i)},
                           {QStringLiteral("price"), 100}, {QStringLiteral("quantity"), 1}, {QStringLiteral("settle_date"), QStringLiteral("2026-11-23")},
                           {QStringLiteral("side"), QStringLiteral("buy")}}));
    return log;
}

} // namespace

class TestFillHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The rows in blocks that copies share: what one copy does, another never sees, across the
    // blocks' edges, whatever was removed from the front.
    void rowsCopiedAreRowsOfTheirOwn()
    {
        constexpr qsizetype Block = FillRows::BlockRows;
        FillRows engine;
        for (Sequence s = 1; s <= 2 * Block + 10; ++s)
            engine.append(fill(s));
        FillRows panel = engine; // as a panel takes them
        engine.append(fill(2 * Block + 11));
        engine.edit(5).settled = true;
        engine.edit(Block + 1).quantity = 7;
        QCOMPARE(panel.size(), 2 * Block + 10);
        QVERIFY(!panel.at(5).settled);
        QCOMPARE(panel.at(Block + 1).quantity, 1);
        QCOMPARE(panel.last().sequence, 2 * Block + 10);
        QCOMPARE(engine.last().sequence, 2 * Block + 11);
        QVERIFY(engine.at(5).settled);

        panel.removeFirst(Block + 3); // past a block's edge
        QCOMPARE(panel.size(), Block + 7);
        QCOMPARE(panel.first().sequence, Block + 4);
        panel.append(fill(9000));
        QCOMPARE(panel.last().sequence, 9000);
        QCOMPARE(engine.size(), 2 * Block + 11);
        QCOMPARE(engine.at(Block + 3).sequence, Block + 4);

        const FillRows tail = engine.mid(2 * Block - 1);
        QCOMPARE(tail.size(), 12);
        QList<Sequence> backwards;
        for (auto it = tail.crbegin(); it != tail.crend(); ++it)
            backwards << it->sequence;
        QCOMPARE(backwards.size(), 12);
        QCOMPARE(backwards.first(), 2 * Block + 11);
        QCOMPARE(backwards.last(), 2 * Block);
        QCOMPARE(tail.toList().constFirst().sequence, 2 * Block);
        QVERIFY(engine.mid(engine.size()).isEmpty());

        FillRows emptied = engine;
        emptied.removeFirst(emptied.size() + 5);
        QVERIFY(emptied.isEmpty());
        emptied.append(fill(1));
        QCOMPARE(emptied.size(), 1);
        QCOMPARE(engine.size(), 2 * Block + 11);
    }

    // Rows appended to none, or after full blocks, are shared, not copied; the first rows of a
    // copy share their blocks too.
    void rowsAppendedAreShared()
    {
        constexpr qsizetype Block = FillRows::BlockRows;
        FillRows engine;
        for (Sequence s = 1; s <= 2 * Block + 10; ++s)
            engine.append(fill(s));
        FillRows pending;
        pending.append(engine);
        QCOMPARE(pending.size(), engine.size());
        QCOMPARE(&pending.at(0), &engine.at(0));
        QCOMPARE(&pending.at(2 * Block + 9), &engine.at(2 * Block + 9));

        FillRows full;
        for (Sequence s = 1; s <= Block; ++s)
            full.append(fill(s));
        FillRows more;
        for (Sequence s = Block + 1; s <= 2 * Block + 3; ++s)
            more.append(fill(s));
        full.append(more);
        QCOMPARE(full.size(), 2 * Block + 3);
        QCOMPARE(&full.at(Block), &more.at(0));
        QCOMPARE(full.at(2 * Block + 2).sequence, 2 * Block + 3);
        full.append(fill(9000)); // the shared last block is copied, not changed under `more`
        QCOMPARE(full.last().sequence, 9000);
        QCOMPARE(more.size(), Block + 3);
        QCOMPARE(more.last().sequence, 2 * Block + 3);

        FillRows partial; // onto a block not full: copied, in order
        partial.append(fill(1));
        partial.append(engine.mid(1));
        QCOMPARE(partial.size(), engine.size());
        for (qsizetype i = 0; i < partial.size(); ++i)
            QCOMPARE(partial.at(i).sequence, Sequence(i + 1));

        const FillRows first = engine.left(Block + 2);
        QCOMPARE(first.size(), Block + 2);
        QCOMPARE(first.last().sequence, Block + 2);
        QCOMPARE(&first.at(0), &engine.at(0));
        FillRows grown = first;
        grown.append(fill(99));
        QCOMPARE(grown.last().sequence, 99);
        QCOMPARE(engine.at(Block + 2).sequence, Block + 3); // the engine's rows as they were
        QCOMPARE(engine.size(), 2 * Block + 10);

        FillRows middle = engine.mid(3);
        middle.removeLast(middle.size() - 5);
        QCOMPARE(middle.size(), 5);
        QCOMPARE(middle.first().sequence, 4);
        QCOMPARE(middle.last().sequence, 8);
        QVERIFY(engine.left(0).isEmpty());
        FillRows gone = engine;
        gone.removeLast(engine.size() + 3);
        QVERIFY(gone.isEmpty());
        gone.append(fill(1));
        QCOMPARE(gone.size(), 1);
    }

    void keepsTheNewestAndFindsThemBySequence()
    {
        FillHistory h(3);
        for (Sequence s = 10; s < 15; ++s) {
            h.append(fill(s));
            h.trim();
        }
        QCOMPARE(h.size(), 3);
        QCOMPARE(h.total(), 5);
        QCOMPARE(h.dropped(), 2);
        QCOMPARE(h.rows().first().sequence, 12);
        QCOMPARE(h.rowOf(12), 0);
        QCOMPARE(h.rowOf(14), 2);
        QCOMPARE(h.rowOf(11), -1); // dropped
        QCOMPARE(h.rowOf(99), -1);
        QCOMPARE(h.since(3).size(), 2); // the 4th and 5th
        QCOMPARE(h.since(3).first().sequence, 13);
        QCOMPARE(h.since(0).size(), 3);  // those still held
        QCOMPARE(h.since(5).size(), 0);
    }

    void slackDropsInBatches()
    {
        FillHistory h(10, 5);
        for (Sequence s = 1; s <= 15; ++s)
            h.append(fill(s));
        QCOMPARE(h.excess(), 0); // capacity + slack: not yet
        h.append(fill(16));
        QCOMPARE(h.excess(), 6); // back down to capacity in one go
        h.trim();
        QCOMPARE(h.size(), 10);
        QCOMPARE(h.rows().first().sequence, 7);
        QCOMPARE(h.rowOf(16), 9);
        h.reset({fill(40), fill(41)}, 100);
        QCOMPARE(h.total(), 102);
        QCOMPARE(h.rowOf(41), 1);
        QCOMPARE(h.since(101).first().sequence, 41);
    }

    // A fill is found by order and ExecID while it is held, and not once it was dropped or when
    // only one of the two matches; a reset window is found as given, the same ExecID twice
    // included (two orders may share one, from two venue sessions).
    void findsAFillByOrderAndExecution()
    {
        FillHistory h(3);
        for (Sequence s = 1; s <= 5; ++s) {
            h.append(fill(s));
            h.trim();
        }
        QVERIFY(h.holds(QStringLiteral("O5"), QStringLiteral("X5")));
        QVERIFY(h.holds(QStringLiteral("O3"), QStringLiteral("X3")));
        QVERIFY(!h.holds(QStringLiteral("O2"), QStringLiteral("X2"))); // dropped
        QVERIFY(!h.holds(QStringLiteral("O4"), QStringLiteral("X5")));
        QVERIFY(!h.holds(QStringLiteral("O5"), QStringLiteral("X4")));
        QVERIFY(!h.holds(QString(), QString()));
        FillRecord again = fill(9);
        again.orderId = QStringLiteral("O7");
        again.execId = QStringLiteral("X3");
        h.reset({fill(3), again, fill(8)}, 10);
        QVERIFY(h.holds(QStringLiteral("O3"), QStringLiteral("X3")));
        QVERIFY(h.holds(QStringLiteral("O7"), QStringLiteral("X3")));
        QVERIFY(!h.holds(QStringLiteral("O5"), QStringLiteral("X5"))); // not in the reset window
        QCOMPARE(h.rowOf(QStringLiteral("O7"), QStringLiteral("X3")), 1);
        QCOMPARE(h.rowOf(QStringLiteral("O8"), QStringLiteral("X8")), 2);
        QCOMPARE(h.rowOf(QStringLiteral("O8"), QStringLiteral("X3")), -1);
        h.dropOldest(1);
        QVERIFY(!h.holds(QStringLiteral("O3"), QStringLiteral("X3")));
        QVERIFY(h.holds(QStringLiteral("O7"), QStringLiteral("X3")));
        QCOMPARE(h.rowOf(QStringLiteral("O7"), QStringLiteral("X3")), 0);
        h.append(fill(3)); // the same fill appended again (out of sequence order)
        QVERIFY(h.holds(QStringLiteral("O3"), QStringLiteral("X3")));
        h.dropOldest(3);
        QVERIFY(h.isEmpty());
        QVERIFY(!h.holds(QStringLiteral("O7"), QStringLiteral("X3")));
        QVERIFY(!h.holds(QStringLiteral("O3"), QStringLiteral("X3")));
    }

    // An order written straight into a snapshot has the bytes canonicalJson(toJson()) gives it,
    // whatever its texts hold (quotes, backslashes, control characters, accents, emoji, a lone
    // surrogate) and whichever optional fields it has.
    void anOrderIsWrittenAsCanonicalJsonWritesIt()
    {
        const QList<QString> texts{QString(), QStringLiteral("ORD-1"), QStringLiteral("say \"hi\" \\ back"),
                                   QStringLiteral("line\nnext\ttab\x01\x1f\x7f"), QStringLiteral("Zürich café"),
                                   QString::fromUtf8("\xF0\x9F\x93\x88 up"), QString(QChar(0xD800)) + QStringLiteral("lone"),
                                   QStringLiteral("a/b</script>")};
        for (int k = 0; k < 64; ++k) {
            OrderRecord o;
            o.orderId = texts.at(k % texts.size());
            o.account = texts.at((k + 1) % texts.size());
            o.instrument = texts.at((k + 2) % texts.size());
            o.reason = texts.at((k + 3) % texts.size());
            o.actor = texts.at((k + 4) % texts.size());
            o.parent = k % 3 == 0 ? texts.at((k + 5) % texts.size()) : QString();
            o.workstation = k % 4 == 1 ? texts.at((k + 6) % texts.size()) : QString();
            o.side = k % 2 ? Side::Sell : Side::Buy;
            o.type = k % 3 == 1 ? OrderType::Market : OrderType::Limit;
            o.tif = k % 5 == 2 ? TimeInForce::Ioc : TimeInForce::Day;
            o.state = k % 4 == 3 ? OrderState::Filled : OrderState::New;
            o.quantity = Quantity(100 + k);
            o.filled = Quantity(k);
            o.filledPriceQuantity = k % 7 == 0 ? (qint64(1) << 53) + 1 : -k;
            o.filledNotionalCents = std::numeric_limits<qint64>::max() - k;
            o.reservedCents = std::numeric_limits<qint64>::min() + k;
            if (k % 2)
                o.limitPrice = Price(123'450 + k);
            if (k % 3 == 2)
                o.stopPrice = Price(-5);
            if (k % 5 == 0)
                o.protectionPrice = Price(0);
            if (k % 6 == 1) {
                o.pendingQuantity = Quantity(7);
                o.pendingLimitPrice = Price(99);
            }
            if (k % 8 == 3)
                o.overrides = QJsonArray{QJsonObject{{QStringLiteral("rule"), QStringLiteral("max_notional")},
                                                     {QStringLiteral("reason"), texts.at(k % texts.size())}}};
            o.exceptions = k % 9 == 4 ? 2 : 0;
            o.statusBooked = k % 10 == 5 ? 30 : 0;
            o.offGrid = k % 11 == 6;
            o.createdUs = 1'700'000'000'000'000 + k;
            o.updatedUs = o.createdUs + 5;
            o.lastSequence = k;
            QByteArray written;
            o.appendCanonicalJson(written);
            QCOMPARE(written, canonicalJson(o.toJson()));
        }
    }

    // The same for an execution, with and without each of its optional fields.
    void anExecutionIsWrittenAsCanonicalJsonWritesIt()
    {
        const QList<QString> texts{QString(), QStringLiteral("E-1"), QStringLiteral("busted \"by venue\"\n"),
                                   QStringLiteral("Zürich"), QString(QChar(0xDC00))};
        for (int k = 0; k < 48; ++k) {
            FillRecord f;
            f.execId = texts.at(k % texts.size());
            f.orderId = texts.at((k + 1) % texts.size());
            f.account = texts.at((k + 2) % texts.size());
            f.instrument = texts.at((k + 3) % texts.size());
            f.side = k % 2 ? Side::Sell : Side::Buy;
            f.quantity = 100 + k;
            f.price = k % 5 == 0 ? -1 : 9'950 + k;
            f.notionalCents = k % 3 ? 1'000'000 + k : 0;
            f.accruedCents = k % 4 == 1 ? 1'234 : 0;
            f.tradeDate = k % 7 == 6 ? QDate() : QDate(2026, 12, 1).addDays(k);
            f.settleDate = f.tradeDate.addDays(1);
            f.settled = k % 2 == 0;
            f.sequence = k;
            f.recordedUs = 1'700'000'000'000'000 + k;
            if (k % 6 == 2) {
                f.failReason = QString(texts.at((k + 4) % texts.size()) + QStringLiteral("no securities"));
                f.failedOn = QDate(2026, 12, 2);
            }
            f.priceText = k % 5 == 3 ? QStringLiteral("99.515625") : QString();
            f.costDelta = k % 4 == 0 ? (f.side == Side::Buy ? f.notionalCents : 0) : -k;
            f.realizedDelta = k % 3 == 2 ? 77 : 0;
            f.adjustment = k % 8 == 5 ? texts.at(k % texts.size()) + QStringLiteral("corrected") : QString();
            QByteArray written;
            f.appendCanonicalJson(written);
            QCOMPARE(written, canonicalJson(f.toJson()));
        }
    }

    // Fills out of sequence order (a history rebuilt from rows given in another order) are still
    // found by their sequence, before and after the oldest go; so are those given in order after.
    void findsFillsAppendedOutOfOrder()
    {
        FillHistory h(4);
        for (Sequence s : {20, 30, 25, 10, 40}) {
            h.append(fill(s));
            h.trim();
        }
        QCOMPARE(h.size(), 4);
        QCOMPARE(h.rowOf(20), -1); // the oldest appended, dropped
        QCOMPARE(h.rowOf(30), 0);
        QCOMPARE(h.rowOf(25), 1);
        QCOMPARE(h.rowOf(10), 2);
        QCOMPARE(h.rowOf(40), 3);
        QCOMPARE(h.rowOf(35), -1);
        h.reset({fill(7), fill(5), fill(9)}, 3);
        QCOMPARE(h.rowOf(5), 1);
        QCOMPARE(h.rowOf(9), 2);
        h.reset({fill(1), fill(2), fill(3)}, 0);
        QCOMPARE(h.rowOf(1), 0);
        QCOMPARE(h.rowOf(3), 2);
        QCOMPARE(h.rowOf(4), -1);
        h.append(fill(8));
        QCOMPARE(h.rowOf(8), 3);
    }

    // An execution names its order by the order's own copy of the id, and an unsettled trade
    // holds its execution row's ids: a million orders' ids are not held twice.
    static bool holdsEachIdOnce(const TradingState &state)
    {
        QHash<Sequence, const FillRecord *> rows;
        int checked = 0;
        for (qsizetype r = 0; r < state.executions().size(); ++r) {
            const FillRecord &f = state.executions().at(r);
            rows.insert(f.sequence, &f);
            const OrderRecord *o = state.order(f.orderId);
            if (!o || f.orderId.constData() != o->orderId.constData())
                return false;
            ++checked;
        }
        for (const FillRecord &u : state.unsettledFills()) {
            const FillRecord *row = rows.value(u.sequence);
            if (row && (u.orderId.constData() != row->orderId.constData() || u.execId.constData() != row->execId.constData()))
                return false;
            checked += row ? 1 : 0;
        }
        return checked > 0;
    }

    // More fills than the state keeps: it holds the newest, still settles the older ones (their
    // cash is in the unsettled trades), and a snapshot taken halfway then the rest of the log
    // gives the same state, byte for byte, as the whole log. A state keeping fewer than the
    // snapshot holds (an older version kept them all) keeps the newest of those.
    void theTradingStateKeepsTheNewestAcrossASnapshot()
    {
        constexpr qsizetype Capacity = 1000;
        const int orders = 1500;
        const QList<RecordedEvent> log = longDay(orders, 700);
        TradingState full(Capacity);
        for (const RecordedEvent &e : log)
            QVERIFY2(full.apply(e), qPrintable(e.type));
        QCOMPARE(full.executions().size(), Capacity);
        QCOMPARE(full.executionsTotal(), orders);
        QCOMPARE(full.executions().first().execId, QStringLiteral("E500"));
        QVERIFY(full.executions().at(199).settled); // E699
        QVERIFY(!full.executions().at(200).settled);
        QCOMPARE(full.settledTrades(), 700);
        QCOMPARE(full.takeSettledExecutions().size(), 200); // those it still holds
        QVERIFY(full.takeSettledExecutions().isEmpty());
        QVERIFY(full.checkInvariants());
        QVERIFY(full.toJson().contains(QStringLiteral("executions_dropped")));

        for (const qsizetype half : {qsizetype(700), log.size() / 2 + 7, log.size() - 300}) {
            TradingState first(Capacity);
            for (qsizetype i = 0; i < half; ++i)
                QVERIFY(first.apply(log.at(i)));
            auto restored = TradingState::fromJson(QJsonDocument::fromJson(first.toCanonicalJson()).object(), Capacity);
            QVERIFY(restored.ok());
            QVERIFY(holdsEachIdOnce(*restored));
            for (qsizetype i = half; i < log.size(); ++i)
                QVERIFY(restored->apply(log.at(i)));
            QCOMPARE(restored->executionsTotal(), orders);
            QVERIFY(restored->toCanonicalJson() == full.toCanonicalJson());
        }
        QCOMPARE(canonicalJson(full.toJson()), full.toCanonicalJson());
        QVERIFY(holdsEachIdOnce(full));

        TradingState everything(orders); // kept them all
        for (const RecordedEvent &e : log)
            QVERIFY(everything.apply(e));
        QVERIFY(!everything.toJson().contains(QStringLiteral("executions_dropped")));
        auto fewer = TradingState::fromJson(everything.toJson(), Capacity);
        QVERIFY(fewer.ok());
        QVERIFY(fewer->toCanonicalJson() == full.toCanonicalJson());
    }

    // The rule findings grow with the log (every compliance refusal is one): the state keeps the
    // newest ViolationCapacity, in a replay, in its snapshot and in one read back, also from a
    // snapshot written when it kept them all.
    void theTradingStateKeepsTheNewestRuleFindings()
    {
        constexpr qsizetype Kept = TradingState::ViolationCapacity;
        const int refused = int(Kept) + 250;
        QList<RecordedEvent> log;
        Sequence s = 0;
        log << ::event(++s, "AccountOpened", json({{QStringLiteral("account"), QStringLiteral("A")}, {QStringLiteral("cash_cents"), qint64(1'000'000)}}));
        for (int i = 0; i < refused; ++i)
            log << ::event(++s, "OrderRejected",
                         json({{QStringLiteral("account"), QStringLiteral("A")}, {QStringLiteral("instrument"), QStringLiteral("MSFT")},
                               {QStringLiteral("limit_price"), 43296}, {QStringLiteral("order_id"), QStringLiteral("R%1").arg(i)},
                               {QStringLiteral("quantity"), 160000}, {QStringLiteral("reason"), QStringLiteral("cannot sell 160,000 MSFT")},
                               {QStringLiteral("rules"), QJsonArray{QStringLiteral("no-short")}}, {QStringLiteral("side"), QStringLiteral("sell")},
                               {QStringLiteral("stage"), QStringLiteral("compliance")}, {QStringLiteral("stop_price"), QJsonValue()},
                               {QStringLiteral("tif"), QStringLiteral("day")}, {QStringLiteral("type"), QStringLiteral("limit")}}));
        TradingState full;
        for (const RecordedEvent &e : log)
            QVERIFY2(full.apply(e), qPrintable(e.type));
        QCOMPARE(full.violations().size(), Kept);
        QCOMPARE(full.violations().first().orderId, QStringLiteral("R250"));
        QCOMPARE(full.violations().last().orderId, QStringLiteral("R%1").arg(refused - 1));
        QCOMPARE(full.orders().size(), refused); // the orders themselves all stay
        QCOMPARE(full.anomalies(), 0);

        // Read back whole, and streamed in pieces of 97 bytes as a store hands them out.
        const QByteArray bytes = full.toCanonicalJson();
        auto whole = TradingState::fromJson(QJsonDocument::fromJson(bytes).object());
        QVERIFY(whole.ok());
        QVERIFY(whole->toCanonicalJson() == bytes);
        StateSnapshotReader reader;
        for (qsizetype at = 0; at < bytes.size(); at += 97)
            QVERIFY(reader.feed(QByteArrayView(bytes).sliced(at, std::min<qsizetype>(97, bytes.size() - at))));
        auto streamed = reader.finish();
        QVERIFY2(streamed.ok(), qPrintable(streamed.message()));
        QVERIFY(streamed->toCanonicalJson() == bytes);

        // A snapshot that kept every finding: the newest are read, as the replay keeps them.
        QJsonObject older = full.toJson();
        QJsonArray all;
        for (int i = 0; i < refused; ++i) {
            QJsonObject finding = full.violations().last().toJson();
            finding.insert(QStringLiteral("order_id"), QStringLiteral("R%1").arg(i));
            finding.insert(QStringLiteral("recorded_us"), log.at(i + 1).recordedUs);
            all.append(finding);
        }
        older.insert(QStringLiteral("violations"), all);
        auto trimmed = TradingState::fromJson(older);
        QVERIFY(trimmed.ok());
        QVERIFY(trimmed->toCanonicalJson() == bytes);
    }

    void aLargeBookSellsAtItsAverageCost()
    {
        // $10bn face of notes bought at 99-16, $100mm sold at 100-00: the cost of the part sold
        // is 995,000,000,000 × 100,000,000 / 10,000,000,000 cents, a product past 64 bits.
        TradingState state;
        Sequence s = 0;
        auto order = [&](const char *id, const char *side, qint64 quantity, qint64 price, qint64 notional) {
            QVERIFY(state.apply(::event(++s, "OrderAccepted",
                                      json({{QStringLiteral("account"), QStringLiteral("A")}, {QStringLiteral("instrument"), QStringLiteral("91282CQE7")},
                                            {QStringLiteral("limit_price"), price}, {QStringLiteral("order_id"), QLatin1String(id)},
                                            {QStringLiteral("quantity"), quantity}, {QStringLiteral("reserved_cents"), 0},
                                            {QStringLiteral("side"), QLatin1String(side)}, {QStringLiteral("tif"), QStringLiteral("day")},
                                            {QStringLiteral("type"), QStringLiteral("limit")}}))));
            QVERIFY(state.apply(::event(++s, "OrderFilled",
                                      json({{QStringLiteral("exec_id"), QStringLiteral("E")}, {QStringLiteral("notional_cents"), notional},
                                            {QStringLiteral("order_id"), QLatin1String(id)}, {QStringLiteral("price"), price},
                                            {QStringLiteral("quantity"), quantity}, {QStringLiteral("reserved_cents"), 0}}))));
        };
        order("B", "buy", 10'000'000'000, 99 * 256 + 128, 995'000'000'000);
        order("S", "sell", 100'000'000, 100 * 256, 10'000'000'000);
        const PositionRecord *p = state.position(QStringLiteral("A"), QStringLiteral("91282CQE7"));
        QVERIFY(p);
        QCOMPARE(p->quantity, 9'900'000'000);
        QCOMPARE(p->costCents, 985'050'000'000);
        QCOMPARE(p->realizedCents, 50'000'000); // $500,000
        QCOMPARE(state.anomalies(), 0);
    }

    void amountsOutOfRangeAreAnomaliesNotOverflows()
    {
        // A corrupt or hostile log: amounts past what an event may carry (2^53) or a total may
        // reach give an error and change nothing (found by fuzz_event_payload).
        const QList<RecordedEvent> day = longDay(1, 0);
        TradingState state;
        for (const RecordedEvent &e : day.mid(0, 2))
            QVERIFY(state.apply(e));
        const qint64 huge = std::numeric_limits<qint64>::max();
        const QList<RecordedEvent> bad{
            ::event(10, "AccountOpened", json({{QStringLiteral("account"), QStringLiteral("A")}, {QStringLiteral("cash_cents"), huge}})),
            ::event(11, "OrderAccepted", json({{QStringLiteral("account"), QStringLiteral("A")}, {QStringLiteral("order_id"), QStringLiteral("H")},
                                              {QStringLiteral("quantity"), huge}, {QStringLiteral("side"), QStringLiteral("buy")}})),
            ::event(12, "OrderFilled", json({{QStringLiteral("order_id"), QStringLiteral("O0")}, {QStringLiteral("quantity"), 1},
                                            {QStringLiteral("price"), huge}, {QStringLiteral("notional_cents"), 1}})),
            ::event(13, "ReplaceRequested", json({{QStringLiteral("order_id"), QStringLiteral("O0")}, {QStringLiteral("quantity"), 2},
                                                 {QStringLiteral("reserved_cents"), -huge}})),
        };
        for (const RecordedEvent &e : bad) {
            const Status s = state.apply(e);
            QVERIFY2(!s && s.message().contains(QStringLiteral("out of range")), qPrintable(QString(e.type + u": " + s.message())));
        }
        QCOMPARE(state.anomalies(), bad.size());
        QCOMPARE(state.account(QStringLiteral("A"))->cashCents, 100'000'000'000'000);
        QCOMPARE(state.account(QStringLiteral("A"))->reservedCents, 1);
        QVERIFY(!state.order(QStringLiteral("H")));
        const OrderRecord *o = state.order(QStringLiteral("O0"));
        QVERIFY(o->state == OrderState::PendingNew);
        QCOMPARE(o->filled.value(), 0);
        QVERIFY(!o->pendingQuantity);
        QCOMPARE(o->reservedCents, 1);
        QCOMPARE(state.executionsTotal(), 0);
        QVERIFY(state.positions().isEmpty());
    }

    void anUnreadablePayloadIsAnAnomaly()
    {
        // A corrupt or altered log: a fill whose payload is cut short or is not an object is
        // refused with its sequence and counted, not applied as a fill of nothing.
        const QList<RecordedEvent> day = longDay(1, 0);
        TradingState state;
        for (const RecordedEvent &e : day.mid(0, 2))
            QVERIFY(state.apply(e));
        const QList<RecordedEvent> bad{
            ::event(10, "OrderFilled", QByteArray("{\"order_id\":\"O0\",\"quantity\":")),
            ::event(11, "OrderPartiallyFilled", QByteArray("[\"O0\", 1]")),
            ::event(12, "OrderAccepted", QByteArray()),
        };
        for (const RecordedEvent &e : bad) {
            const Status s = state.apply(e);
            QVERIFY2(!s && s.message().contains(QStringLiteral("payload cannot be read")), qPrintable(QString(e.type + u": " + s.message())));
            QVERIFY(s.message().contains(QStringLiteral("event %1 (").arg(e.sequence)));
        }
        QCOMPARE(state.anomalies(), bad.size());
        const OrderRecord *o = state.order(QStringLiteral("O0"));
        QVERIFY(o->state == OrderState::PendingNew);
        QCOMPARE(o->filled.value(), 0);
        QCOMPARE(state.executionsTotal(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFillHistory)
#include "tst_fillhistory.moc"
