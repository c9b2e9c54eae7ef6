// The OMS against a broker that writes FIX its own way: a scripted acceptor written by hand on a
// socket (tests/support/scriptedbroker.h), not QuickFIX and not the product's FIX code. One test
// per behaviour a real broker shows. An execution is a fact: after each test the positions and
// the money owed, recomputed here from the broker's own list of fills, equal what Instant booked.

#include "oms/executionevents.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "scriptedbroker.h"
#include "store/eventstore.h"
#include "testmarket.h"
#include "testorders.h"
#include "teststores.h"
#include "venue/fixvenue.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace instant;
using namespace instant::test;

namespace {

const QString Equities = QStringLiteral("DESK-02");

// A fill as the broker booked it: what Instant must have booked too.
struct BrokerFill
{
    QString account;
    QString instrument;
    bool buy = true;
    std::string quantity; // as written on the wire
    std::string price;
    bool busted = false;
};

// cents = quantity × price × multiplier (× 100 unless quoted per 100 face), rounded down, from the
// decimal strings the broker wrote: this test's own arithmetic.
qint64 brokerCents(const Instrument &i, const std::string &quantity, const std::string &price)
{
    auto digits = [](const std::string &text, int &places) {
        __extension__ __int128 v = 0;
        places = -1;
        for (char c : text) {
            if (c == '.') {
                places = 0;
                continue;
            }
            v = v * 10 + (c - '0');
            if (places >= 0)
                ++places;
        }
        places = std::max(places, 0);
        return v;
    };
    int qPlaces = 0, pPlaces = 0;
    __extension__ __int128 n = digits(quantity, qPlaces) * digits(price, pPlaces) * i.contractMultiplier * (i.quotedPer100 ? 1 : 100);
    for (int k = 0; k < qPlaces + pPlaces; ++k)
        n /= 10;
    return qint64(n);
}

struct Desk
{
    TestStores stores{Backend::Sqlite};
    QTemporaryDir dir;
    QString url;
    ReferenceData reference = test::market();
    SimulatedClock clock{test::MarketOpenUs};
    ScriptedBroker broker;
    std::unique_ptr<EventStore> store;
    std::unique_ptr<FixVenue> venue;
    std::unique_ptr<OrderManager> oms;
    QList<BrokerFill> fills;
    QStringList problems;
    FixVenueSettings settings;
    int execs = 0;
    bool autoAck = true;

    Desk()
    {
        QVERIFY(broker.listen());
        url = stores.freshUrl();
        settings.port = broker.port();
        settings.targetCompId = QStringLiteral("BROKER");
        settings.senderCompId = QStringLiteral("DESK1");
        settings.stateDirectory = dir.filePath(QStringLiteral("fix"));
        settings.heartbeatSeconds = 1;
        settings.reconnectSeconds = 1;
        settings.reconcileTimeoutMs = 3000;
        broker.onApplication = [this](const FixFields &m) {
            if (m.type == "D" && autoAck)
                broker.send(ScriptedBroker::report(m.value(11), "B-" + m.value(11), nextExec(), '0', '0', m, m.value(38), "0"));
        };
        start();
    }
    ~Desk() { stop(); }

    void start()
    {
        store = stores.open(url);
        venue = std::make_unique<FixVenue>(reference, settings, clock);
        QObject::connect(venue.get(), &FixVenue::problem, venue.get(), [this](const QString &p) { problems << p; });
        oms = std::make_unique<OrderManager>(*store, reference, *venue);
        QVERIFY(oms->start(Alice));
        for (const Account *a : reference.accounts())
            if (!oms->state().account(a->id))
                QVERIFY(oms->openAccount(a->id, a->openingCashCents, Carol));
        if (oms->state().complianceRules().isEmpty())
            QVERIFY(oms->setRules(ComplianceEngine::defaultRules(), Carol));
        QVERIFY(venue->start());
        QTRY_COMPARE_WITH_TIMEOUT(venue->state(), FixVenue::State::Ready, 10000);
    }
    void stop()
    {
        if (venue)
            venue->stop();
        oms.reset();
        venue.reset();
        store.reset();
    }
    void restart()
    {
        stop();
        QTRY_VERIFY(!broker.loggedOn());
        start();
    }

    std::string nextExec() { return "X" + std::to_string(++execs); }

    // A limit order from the trader, as the broker received it.
    FixFields place(const QString &id, const QString &instrument, const QString &side, qint64 qty, const QString &limit,
                    const QString &account = Equities)
    {
        NewOrderCommand c;
        c.clientOrderId = id;
        c.account = account;
        c.instrument = instrument;
        c.side = side;
        c.quantity = qty;
        c.limitPrice = limit;
        c.actor = Alice;
        const CommandOutcome out = oms->submit(c);
        if (!out.accepted)
            qWarning("refused: %s", qPrintable(out.reason));
        const qsizetype before = broker.ofType("D").size();
        (void)before;
        FixFields sent;
        const bool arrived = QTest::qWaitFor([&] {
            for (const FixFields &m : broker.ofType("D"))
                if (m.value(11) == id.toStdString()) {
                    sent = m;
                    return true;
                }
            return false;
        }, 5000);
        if (!arrived)
            qWarning("order %s never reached the broker", qPrintable(id));
        return sent;
    }

    // The broker fills (or partly fills) an order and remembers it.
    std::string fill(const FixFields &order, const std::string &qty, const std::string &px, char ordStatus,
                     const std::string &leaves, const std::string &cum, std::vector<std::pair<int, std::string>> extra = {},
                     const QString &account = Equities)
    {
        const std::string id = nextExec();
        extra.insert(extra.begin(), {{32, qty}, {31, px}});
        broker.send(ScriptedBroker::report(order.value(11), "B-" + order.value(11), id, 'F', ordStatus, order, leaves, cum, extra));
        fills << BrokerFill{account, QString::fromStdString(order.value(55)), order.value(54) == "1", qty, px};
        return id;
    }

    OrderState state(const QString &id) const
    {
        const OrderRecord *o = oms->state().order(id);
        return o ? o->state : OrderState::Rejected;
    }
    qint64 filled(const QString &id) const
    {
        const OrderRecord *o = oms->state().order(id);
        return o ? o->filled.value() : -1;
    }
    QList<QJsonObject> events(const QString &type) const
    {
        QList<QJsonObject> out;
        const auto all = store->read(ReadQuery{});
        if (!all)
            return out;
        for (const RecordedEvent &e : *all)
            if (e.type == type)
                out << QJsonDocument::fromJson(e.payload).object();
        return out;
    }
    QStringList exceptionKinds() const
    {
        QStringList kinds;
        for (const QJsonObject &e : events(executions::ExecutionException))
            kinds << e.value(QStringLiteral("kind")).toString();
        return kinds;
    }

    // Positions and money owed, from the broker's fills, against Instant's books.
    void booksAgreeWithTheBroker()
    {
        QMap<QString, qint64> quantity; // account|instrument
        QMap<QString, qint64> owed;     // account: bought − sold, cents
        for (const BrokerFill &f : std::as_const(fills)) {
            if (f.busted)
                continue;
            const Instrument *i = reference.instrument(f.instrument);
            QVERIFY(i);
            int places = 0;
            const qsizetype dot = QString::fromStdString(f.quantity).indexOf(u'.');
            (void)places;
            const qint64 q = QString::fromStdString(dot < 0 ? f.quantity : f.quantity.substr(0, size_t(dot))).toLongLong();
            quantity[f.account + u'|' + i->id] += f.buy ? q : -q;
            owed[f.account] += (f.buy ? 1 : -1) * brokerCents(*i, f.quantity, f.price);
        }
        for (auto it = quantity.cbegin(); it != quantity.cend(); ++it) {
            const QStringList key = it.key().split(u'|');
            const PositionRecord *p = oms->state().position(key[0], key[1]);
            QVERIFY2(p, qPrintable(it.key()));
            QCOMPARE(p->quantity, it.value());
        }
        for (auto it = owed.cbegin(); it != owed.cend(); ++it) {
            const AccountRecord *a = oms->state().account(it.key());
            QVERIFY2(a, qPrintable(it.key()));
            QCOMPARE(a->unsettledBuyCents - a->unsettledSellCents, it.value());
        }
        QVERIFY2(oms->state().checkInvariants(), qPrintable(oms->state().checkInvariants().message()));
        // And the same books from the log alone.
        auto replayed = TradingState::replay(*store);
        QVERIFY(replayed);
        for (auto it = quantity.cbegin(); it != quantity.cend(); ++it) {
            const QStringList key = it.key().split(u'|');
            QCOMPARE(replayed->position(key[0], key[1])->quantity, it.value());
        }
        QCOMPARE(oms->unbookedExecutions(), 0);
    }
};

// The workstation of the kill test, in a process of its own: a store, the order manager and the
// FIX session. It enters one order (idempotently: again after a restart it is the same order),
// books what the broker reports, and exits once the order is filled.
constexpr qint64 BurstOrder = 500;
int runChildWorkstation(const QStringList &args)
{
    const QString url = args.value(0);
    const quint16 port = quint16(args.value(1).toUInt());
    ReferenceData reference = test::market();
    SimulatedClock clock{test::MarketOpenUs};
    auto store = openEventStore(url, OpenOptions{});
    if (!store)
        return 3;
    FixVenueSettings s;
    s.port = port;
    s.senderCompId = QStringLiteral("DESK9");
    s.targetCompId = QStringLiteral("BROKER");
    s.stateDirectory = args.value(2);
    s.heartbeatSeconds = 1;
    s.reconnectSeconds = 1;
    FixVenue venue(reference, s, clock);
    OrderManager oms(**store, reference, venue);
    if (!oms.start(Alice))
        return 4;
    if (!oms.state().account(Equities))
        (void)oms.openAccount(Equities, 100'000'000'00, Carol);
    if (oms.state().complianceRules().isEmpty())
        (void)oms.setRules(ComplianceEngine::defaultRules(), Carol);
    if (!venue.start())
        return 5;
    if (!QTest::qWaitFor([&] { return venue.state() == FixVenue::State::Ready; }, 20000))
        return 6;
    NewOrderCommand c;
    c.clientOrderId = QStringLiteral("K-1");
    c.account = Equities;
    c.instrument = QStringLiteral("AAPL");
    c.side = QStringLiteral("buy");
    c.quantity = BurstOrder;
    c.limitPrice = reference.instrument(QStringLiteral("AAPL"))->formatPrice(Price(23000));
    c.actor = Alice;
    (void)oms.submit(c);
    const bool filled = QTest::qWaitFor([&] {
        const OrderRecord *o = oms.state().order(QStringLiteral("K-1"));
        return o && o->filled.value() >= BurstOrder;
    }, 30000);
    venue.stop();
    return filled ? 0 : 7;
}

QString aapl(const ReferenceData &r, qint64 units)
{
    return r.instrument(QStringLiteral("AAPL"))->formatPrice(Price(units));
}

} // namespace

class TestFixConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<instant::VenueConnection>(); }

    // 150=F|39=4: the broker's cancel and a fill crossed. The fill happened: booked, flagged.
    void fillAfterTheCancelWasConfirmed()
    {
        Desk d;
        const FixFields order = d.place(QStringLiteral("LC-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 300, aapl(d.reference, 22800));
        QTRY_COMPARE(d.state(QStringLiteral("LC-1")), OrderState::New);
        QVERIFY(d.oms->cancel(QStringLiteral("LC-1"), Alice).accepted);
        QTRY_VERIFY(!d.broker.ofType("F").isEmpty());
        const FixFields cancel = d.broker.ofType("F").last();
        d.broker.send(ScriptedBroker::report(cancel.value(11), "B-LC-1", d.nextExec(), '4', '4', order, "0", "0", {{41, cancel.value(41)}}));
        QTRY_COMPARE(d.state(QStringLiteral("LC-1")), OrderState::Cancelled);
        d.fill(order, "200", "228", '4', "0", "200");
        QTRY_COMPARE(d.filled(QStringLiteral("LC-1")), 200);
        QCOMPARE(d.state(QStringLiteral("LC-1")), OrderState::Cancelled);
        QCOMPARE(d.exceptionKinds(), QStringList{executions::kind::FillAfterCancel});
        QVERIFY(d.events(events::IllegalTransitionRefused).isEmpty());
        d.booksAgreeWithTheBroker();
    }

    // An order closed before a restart: after the restart only open orders are tracked by the
    // session, yet a late fill for the closed one is booked.
    void fillForAnOrderClosedBeforeARestart()
    {
        Desk d;
        const FixFields order = d.place(QStringLiteral("CR-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, aapl(d.reference, 22800));
        d.broker.send(ScriptedBroker::report(order.value(11), "B-CR-1", d.nextExec(), 'C', 'C', order, "0", "0"));
        QTRY_COMPARE(d.state(QStringLiteral("CR-1")), OrderState::Expired);
        d.restart();
        d.fill(order, "100", "227.99", 'C', "0", "100");
        QTRY_COMPARE(d.filled(QStringLiteral("CR-1")), 100);
        QCOMPARE(d.state(QStringLiteral("CR-1")), OrderState::Expired);
        QCOMPARE(d.exceptionKinds(), QStringList{executions::kind::FillAfterExpiry});
        d.booksAgreeWithTheBroker();
    }

    // A fill for an order this workstation never sent: booked to the account the broker names,
    // or to the desk's suspense account when it names none.
    void fillForAnOrderUnknownHere()
    {
        Desk d;
        FixFields phantom;
        phantom.set(55, "MSFT").set(54, "1").set(38, "50").set(11, "SOMEONE-ELSES-1");
        d.fill(phantom, "50", "415.10", '2', "0", "50", {{1, "DESK-02"}});
        QTRY_COMPARE(d.filled(QStringLiteral("SOMEONE-ELSES-1")), 50);
        phantom.set(11, "SOMEONE-ELSES-2").set(54, "2").set(38, "10");
        d.fill(phantom, "10", "415.20", '2', "0", "10", {}, executions::SuspenseAccount);
        QTRY_COMPARE(d.filled(QStringLiteral("SOMEONE-ELSES-2")), 10);
        QCOMPARE(d.oms->state().order(QStringLiteral("SOMEONE-ELSES-2"))->account, executions::SuspenseAccount);
        QCOMPARE(d.oms->state().position(executions::SuspenseAccount, QStringLiteral("MSFT"))->quantity, -10);
        QCOMPARE(d.exceptionKinds(), (QStringList{executions::kind::UnknownOrder, executions::kind::UnknownOrder}));
        d.booksAgreeWithTheBroker();
    }

    void overfill()
    {
        Desk d;
        const FixFields order = d.place(QStringLiteral("OF-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, aapl(d.reference, 22900));
        d.fill(order, "100", "228.40", '2', "0", "100");
        d.fill(order, "50", "228.41", '2', "0", "150");
        QTRY_COMPARE(d.filled(QStringLiteral("OF-1")), 150);
        QCOMPARE(d.state(QStringLiteral("OF-1")), OrderState::Filled);
        QCOMPARE(d.exceptionKinds(), QStringList{executions::kind::FillAfterFilled});
        d.booksAgreeWithTheBroker();
    }

    // 38=1000000.0, 32=1000000.0, CumQty and LeavesQty with decimals: legal FIX, booked.
    void decimalQuantities()
    {
        Desk d;
        const Instrument *bill = d.reference.instrument(QStringLiteral("UST 13W"));
        QVERIFY(bill);
        const FixFields order = d.place(QStringLiteral("DQ-1"), bill->id, QStringLiteral("buy"), 2'000'000,
                                        bill->formatPrice(Price(bill->referencePrice.value() + 20 * bill->tickSize)), QStringLiteral("DESK-01"));
        FixFields decimal = order;
        decimal.set(38, "2000000.0");
        d.fill(decimal, "1000000.0", bill->formatPrice(bill->referencePrice).toStdString(), '1', "1000000.00", "1000000.0", {}, QStringLiteral("DESK-01"));
        QTRY_COMPARE(d.filled(QStringLiteral("DQ-1")), 1'000'000);
        QCOMPARE(d.state(QStringLiteral("DQ-1")), OrderState::PartiallyFilled);
        QVERIFY(d.problems.filter(QStringLiteral("refused")).isEmpty());
        d.booksAgreeWithTheBroker();
    }

    // 31=228.131: an average-priced fill between two cents is booked at its exact price.
    void offTickAveragePrice()
    {
        Desk d;
        const FixFields order = d.place(QStringLiteral("AP-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 1000, aapl(d.reference, 22900));
        d.fill(order, "1000", "228.131", '2', "0", "1000", {{6, "228.131"}});
        QTRY_COMPARE(d.filled(QStringLiteral("AP-1")), 1000);
        const FillRecord &f = d.oms->state().executions().last();
        QCOMPARE(f.priceText, QStringLiteral("228.131"));
        QCOMPARE(f.notionalCents, 22'813'100); // 1,000 × $228.131 = $228,131.00, not 228.13 × 1,000
        // The order's AvgPx stays exact too.
        QCOMPARE(averagePriceText(*d.oms->state().order(QStringLiteral("AP-1")), *d.reference.instrument(QStringLiteral("AAPL"))),
                 QStringLiteral("228.131"));
        d.booksAgreeWithTheBroker();
    }

    // 150=H: the trade is broken; 150=G: it is corrected. Both linked to the original ExecID.
    void bustAndCorrection()
    {
        Desk d;
        const FixFields order = d.place(QStringLiteral("BC-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 300, aapl(d.reference, 22900));
        const std::string first = d.fill(order, "100", "228.50", '1', "200", "100");
        const std::string second = d.fill(order, "100", "228.60", '1', "100", "200");
        QTRY_COMPARE(d.filled(QStringLiteral("BC-1")), 200);
        d.broker.send(ScriptedBroker::report(order.value(11), "B-BC-1", d.nextExec(), 'H', '1', order, "200", "100",
                                             {{19, first}, {32, "100"}, {31, "228.50"}, {58, "erroneous trade"}}));
        d.fills[0].busted = true;
        QTRY_COMPARE(d.filled(QStringLiteral("BC-1")), 100);
        d.broker.send(ScriptedBroker::report(order.value(11), "B-BC-1", d.nextExec(), 'G', '1', order, "220", "80",
                                             {{19, second}, {32, "80"}, {31, "228.55"}}));
        d.fills[1].quantity = "80";
        d.fills[1].price = "228.55";
        QTRY_COMPARE(d.filled(QStringLiteral("BC-1")), 80);
        QCOMPARE(d.exceptionKinds(), (QStringList{executions::kind::Bust, executions::kind::Correction}));
        const QList<QJsonObject> busts = d.events(executions::ExecutionBusted);
        QCOMPARE(busts.size(), 1);
        QCOMPARE(busts.first().value(QStringLiteral("exec_ref_id")).toString(), QString::fromStdString(first));
        bool sawBust = false, sawCorrection = false;
        for (const FillRecord &f : d.oms->state().executions()) {
            sawBust = sawBust || (f.execId == QString::fromStdString(first) && f.adjustment.startsWith(QStringLiteral("busted")));
            sawCorrection = sawCorrection || (f.execId == QString::fromStdString(second) && f.adjustment.startsWith(QStringLiteral("corrected")) && f.quantity == 80);
        }
        QVERIFY(sawBust);
        QVERIFY(sawCorrection);
        // A bust sent again changes nothing.
        d.broker.send(ScriptedBroker::report(order.value(11), "B-BC-1", "X-BUST-AGAIN", 'H', '1', order, "220", "80", {{19, first}}));
        QTest::qWait(300);
        QCOMPARE(d.filled(QStringLiteral("BC-1")), 80);
        d.booksAgreeWithTheBroker();
    }

    // 150=D: the broker restates the order (its quantity cut); A, 6 and E: pending states; 7, 9,
    // B, 3: understood and kept for the record. Nothing is refused by the session.
    void restatementsAndPendingReports()
    {
        Desk d;
        d.autoAck = false;
        const FixFields order = d.place(QStringLiteral("RS-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 500, aapl(d.reference, 22700));
        d.broker.send(ScriptedBroker::report(order.value(11), "B-RS-1", d.nextExec(), 'A', 'A', order, "500", "0"));
        d.broker.send(ScriptedBroker::report(order.value(11), "B-RS-1", d.nextExec(), '0', '0', order, "500", "0"));
        QTRY_COMPARE(d.state(QStringLiteral("RS-1")), OrderState::New);
        const qint64 heldBefore = d.oms->state().order(QStringLiteral("RS-1"))->reservedCents;
        d.broker.send(ScriptedBroker::report(order.value(11), "B-RS-1", d.nextExec(), 'D', '0', order, "300", "0",
                                             {{38, "300"}, {378, "4"}, {58, "quantity reduced by the broker"}}));
        QTRY_COMPARE(d.oms->state().order(QStringLiteral("RS-1"))->quantity.value(), 300);
        QVERIFY(d.oms->state().order(QStringLiteral("RS-1"))->reservedCents < heldBefore);
        ExecutionReport restatedAgain; // the same restatement, sent again: applied once
        restatedAgain.kind = ExecutionReport::Kind::Restated;
        restatedAgain.orderId = QStringLiteral("RS-1");
        restatedAgain.execId = QString::fromStdString("X" + std::to_string(d.execs));
        restatedAgain.orderQuantity = Quantity(300);
        restatedAgain.possibleDuplicate = true;
        Q_EMIT d.venue->executionReport(restatedAgain);
        QCOMPARE(d.events(executions::OrderRestated).size(), 1);
        for (char t : {'7', '9', 'B'})
            d.broker.send(ScriptedBroker::report(order.value(11), "B-RS-1", d.nextExec(), t, '0', order, "300", "0"));
        QTRY_COMPARE(d.events(executions::VenueReportNoted).size(), 3);
        QVERIFY(d.oms->cancel(QStringLiteral("RS-1"), Alice).accepted);
        QTRY_VERIFY(!d.broker.ofType("F").isEmpty());
        const FixFields cancel = d.broker.ofType("F").last();
        d.broker.send(ScriptedBroker::report(cancel.value(11), "B-RS-1", d.nextExec(), '6', '6', order, "300", "0", {{41, cancel.value(41)}}));
        d.broker.send(ScriptedBroker::report(cancel.value(11), "B-RS-1", d.nextExec(), '4', '4', order, "0", "0", {{41, cancel.value(41)}}));
        QTRY_COMPARE(d.state(QStringLiteral("RS-1")), OrderState::Cancelled);
        // Old brokers still write 150=1 and 150=2 for fills; 150=3 ends a day order.
        const FixFields old = d.place(QStringLiteral("RS-2"), QStringLiteral("AAPL"), QStringLiteral("buy"), 200, aapl(d.reference, 22900));
        d.broker.send(ScriptedBroker::report(old.value(11), "B-RS-2", d.nextExec(), '1', '1', old, "100", "100", {{32, "100"}, {31, "228.45"}}));
        d.fills << BrokerFill{Equities, QStringLiteral("AAPL"), true, "100", "228.45"};
        QTRY_COMPARE(d.filled(QStringLiteral("RS-2")), 100);
        d.broker.send(ScriptedBroker::report(old.value(11), "B-RS-2", d.nextExec(), '3', '3', old, "0", "100"));
        QTRY_COMPARE(d.state(QStringLiteral("RS-2")), OrderState::Expired);
        QVERIFY(d.events(events::IllegalTransitionRefused).isEmpty());
        QVERIFY2(d.problems.filter(QStringLiteral("refused a message")).isEmpty(), qPrintable(d.problems.join(u'\n')));
        d.booksAgreeWithTheBroker();
    }

    // A session-level Reject (35=3) and a BusinessMessageReject (35=j) of a NewOrderSingle: the
    // order is rejected with the broker's text, never left pending.
    void sessionAndBusinessRejectsOfAnOrder()
    {
        Desk d;
        d.broker.onApplication = [&d](const FixFields &m) {
            if (m.type != "D")
                return;
            FixFields reject;
            if (m.value(11) == "SR-1") {
                reject.type = "3";
                reject.set(45, std::to_string(m.sequence)).set(371, "7001").set(372, "D").set(373, "2").set(58, "tag 7001 not agreed");
            } else {
                reject.type = "j";
                reject.set(45, std::to_string(m.sequence)).set(372, "D").set(379, m.value(11)).set(380, "4").set(58, "no credit line for this account");
            }
            d.broker.send(reject);
        };
        d.place(QStringLiteral("SR-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, aapl(d.reference, 22800));
        QTRY_COMPARE(d.state(QStringLiteral("SR-1")), OrderState::Rejected);
        QVERIFY(d.oms->state().order(QStringLiteral("SR-1"))->reason.contains(QStringLiteral("tag 7001 not agreed")));
        d.place(QStringLiteral("BR-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, aapl(d.reference, 22800));
        QTRY_COMPARE(d.state(QStringLiteral("BR-1")), OrderState::Rejected);
        QVERIFY(d.oms->state().order(QStringLiteral("BR-1"))->reason.contains(QStringLiteral("no credit line")));
        QCOMPARE(d.oms->state().account(Equities)->reservedCents, 0);
        // The broker filled it after all, and it still works there: booked, flagged, and the
        // trader can cancel the rest.
        FixFields br;
        br.set(11, "BR-1").set(55, "AAPL").set(54, "1").set(38, "100");
        d.fill(br, "40", "228", '1', "60", "40");
        QTRY_COMPARE(d.filled(QStringLiteral("BR-1")), 40);
        QCOMPARE(d.state(QStringLiteral("BR-1")), OrderState::PartiallyFilled);
        QCOMPARE(d.exceptionKinds(), QStringList{executions::kind::FillAfterReject});
        QVERIFY(d.oms->cancel(QStringLiteral("BR-1"), Alice).accepted);
        QTRY_VERIFY(!d.broker.ofType("F").isEmpty());
        d.booksAgreeWithTheBroker();
    }

    // An OrderCancelReject saying the order is already filled: the workstation asks for its
    // status, learns the fill from it, and books it once even when the fill itself comes later.
    void cancelRejectedBecauseFilled()
    {
        Desk d;
        const FixFields order = d.place(QStringLiteral("CF-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 400, aapl(d.reference, 22900));
        QTRY_COMPARE(d.state(QStringLiteral("CF-1")), OrderState::New);
        std::string lateFill;
        d.broker.onApplication = [&](const FixFields &m) {
            if (m.type == "F") {
                FixFields reject;
                reject.type = "9";
                reject.set(37, "B-CF-1").set(11, m.value(11)).set(41, m.value(41)).set(39, "2").set(434, "1").set(102, "0").set(58, "too late to cancel");
                d.broker.send(reject);
            } else if (m.type == "H") {
                d.broker.send(ScriptedBroker::report(m.value(11), "B-CF-1", d.nextExec(), 'I', '2', order, "0", "400", {{6, "228.7025"}}));
                lateFill = d.fill(order, "400", "228.7025", '2', "0", "400");
            }
        };
        QVERIFY(d.oms->cancel(QStringLiteral("CF-1"), Alice).accepted);
        QTRY_VERIFY(!d.broker.ofType("H").isEmpty());
        QTRY_COMPARE(d.filled(QStringLiteral("CF-1")), 400);
        QTRY_VERIFY(!lateFill.empty());
        QTRY_COMPARE(d.events(executions::VenueReportNoted).size(), 1); // the fill itself: matched, not booked again
        QCOMPARE(d.filled(QStringLiteral("CF-1")), 400);
        QCOMPARE(d.state(QStringLiteral("CF-1")), OrderState::Filled);
        QCOMPARE(d.exceptionKinds(), QStringList{executions::kind::MissingFill});
        d.booksAgreeWithTheBroker();
    }

    // A drop copy: a second, read-only session where the broker copies the desk's executions.
    // A fill seen on both sessions is booked once; one seen only on the drop copy (the primary
    // session lost it, or another trader of the desk sent the order) is booked from it.
    void dropCopy()
    {
        Desk d;
        ScriptedBroker copy;
        QVERIFY(copy.listen());
        FixVenueSettings s = d.settings;
        s.port = copy.port();
        s.senderCompId = QStringLiteral("DESK1DC");
        s.stateDirectory = d.dir.filePath(QStringLiteral("dropcopy"));
        FixVenue dropCopy(d.reference, s, d.clock);
        d.oms->addDropCopy(dropCopy);
        QVERIFY(dropCopy.start());
        QTRY_COMPARE_WITH_TIMEOUT(dropCopy.state(), FixVenue::State::Ready, 10000);

        const FixFields order = d.place(QStringLiteral("DC-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 300, aapl(d.reference, 22900));
        const std::string both = d.fill(order, "100", "228.50", '1', "200", "100");
        copy.send(ScriptedBroker::report(order.value(11), "B-DC-1", both, 'F', '1', order, "200", "100", {{32, "100"}, {31, "228.50"}}));
        QTRY_COMPARE(d.filled(QStringLiteral("DC-1")), 100);
        // Only on the drop copy: the rest of the order, and another trader's order.
        copy.send(ScriptedBroker::report(order.value(11), "B-DC-1", "DC-ONLY-1", 'F', '2', order, "0", "300", {{32, "200"}, {31, "228.49"}}));
        d.fills << BrokerFill{Equities, QStringLiteral("AAPL"), true, "200", "228.49"};
        FixFields other;
        // A colleague typed the same order id for another order: it is not ours.
        other.set(55, "NVDA").set(54, "1").set(38, "20").set(11, "DC-1");
        copy.send(ScriptedBroker::report("DC-1", "B-77", "DC-ONLY-2", 'F', '2', other, "0", "20", {{32, "20"}, {31, "140.10"}, {1, "DESK-02"}}));
        d.fills << BrokerFill{Equities, QStringLiteral("NVDA"), true, "20", "140.10"};
        QTRY_COMPARE(d.filled(QStringLiteral("DC-1")), 300);
        QTRY_COMPARE(d.filled(QStringLiteral("DC-1@B-77")), 20);
        QCOMPARE(d.oms->state().order(QStringLiteral("DC-1@B-77"))->instrument, QStringLiteral("NVDA"));
        QTest::qWait(300);
        QCOMPARE(d.filled(QStringLiteral("DC-1")), 300);
        dropCopy.stop();
        d.booksAgreeWithTheBroker();
    }

    // After a restart the open orders are checked with one OrderMassStatusRequest (AF) when the
    // broker answers it: a fill missed while away is booked from the broker's CumQty and AvgPx,
    // and an order the broker no longer lists is closed.
    void massStatusAfterARestart()
    {
        Desk d;
        d.settings.massStatus = true;
        const FixFields kept = d.place(QStringLiteral("MS-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 500, aapl(d.reference, 22900));
        const FixFields gone = d.place(QStringLiteral("MS-2"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, aapl(d.reference, 22700));
        QTRY_COMPARE(d.state(QStringLiteral("MS-2")), OrderState::New);
        d.broker.answerResends = false; // a broker that reset its day: the fills are not sent again
        d.broker.onApplication = [&](const FixFields &m) {
            if (m.type != "AF")
                return;
            d.broker.send(ScriptedBroker::report(kept.value(11), "B-MS-1", d.nextExec(), 'I', '1', kept, "200", "300",
                                                 {{584, m.value(584)}, {6, "228.6"}, {911, "1"}, {912, "Y"}}));
        };
        d.stop();
        d.fills << BrokerFill{Equities, QStringLiteral("AAPL"), true, "300", "228.6"};
        d.start();
        QTRY_VERIFY(!d.broker.ofType("AF").isEmpty());
        QTRY_COMPARE(d.filled(QStringLiteral("MS-1")), 300);
        QCOMPARE(d.state(QStringLiteral("MS-1")), OrderState::PartiallyFilled);
        QTRY_COMPARE(d.state(QStringLiteral("MS-2")), OrderState::Expired);
        QVERIFY(d.broker.ofType("H").isEmpty());
        QCOMPARE(d.exceptionKinds(), QStringList{executions::kind::MissingFill});
        d.booksAgreeWithTheBroker();
    }

    // The workstation killed with SIGKILL between every pair of messages of a fill burst (an
    // acknowledgement and five fills), then restarted: every fill is booked exactly once, from the
    // broker's resend. INSTANT_FIX_KILL_ROUNDS runs more rounds (the positions cycle).
    void killedBetweenEveryPairOfMessagesOfAFillBurst()
    {
        const int rounds = qEnvironmentVariableIsSet("INSTANT_FIX_KILL_ROUNDS") ? qEnvironmentVariableIntValue("INSTANT_FIX_KILL_ROUNDS") : 6;
        int fillsSent = 0, fillsBooked = 0;
        for (int round = 0; round < rounds; ++round) {
            const int killAfter = round % 6; // after the acknowledgement (0) or after fill k
            TestStores stores(Backend::Sqlite);
            QTemporaryDir dir;
            const QString url = stores.freshUrl();
            ScriptedBroker broker;
            QVERIFY(broker.listen());
            QProcess child;
            const QStringList args{QStringLiteral("--child"), url, QString::number(broker.port()), dir.filePath(QStringLiteral("fix"))};
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(), args);
            QVERIFY(child.waitForStarted());
            bool answered = false;
            QStringList execIds;
            FixFields order;
            broker.onApplication = [&](const FixFields &m) {
                if (m.type == "H" && answered) { // the status after a restart, as the broker has it
                    const std::string cum = std::to_string(100 * execIds.size());
                    broker.send(ScriptedBroker::report(m.value(11), "B-K", "K-S" + std::to_string(broker.nextOutgoing()), 'I',
                                                       execIds.size() == 5 ? '2' : execIds.isEmpty() ? '0' : '1', order,
                                                       std::to_string(500 - 100 * execIds.size()), cum));
                    return;
                }
                if (m.type != "D" || answered)
                    return; // the same order again after a restart: never a second one
                order = m;
                answered = true;
                broker.send(ScriptedBroker::report(m.value(11), "B-K", "K-ACK", '0', '0', m, "500", "0"));
                if (killAfter == 0)
                    child.kill();
                for (int k = 1; k <= 5; ++k) {
                    const std::string id = "K-F" + std::to_string(k);
                    execIds << QString::fromStdString(id);
                    broker.send(ScriptedBroker::report(m.value(11), "B-K", id, 'F', k == 5 ? '2' : '1', m, std::to_string(500 - 100 * k),
                                                       std::to_string(100 * k), {{32, "100"}, {31, "228.0" + std::to_string(k)}}));
                    if (k == killAfter)
                        child.kill();
                }
            };
            // The broker answers on this thread: wait with the event loop running.
            QVERIFY(QTest::qWaitFor([&] { return child.state() == QProcess::NotRunning; }, 60000));
            if (killAfter <= 5 && child.exitStatus() == QProcess::CrashExit) {
                child.start(QCoreApplication::applicationFilePath(), args); // the restart
                QVERIFY(child.waitForStarted());
                QVERIFY(QTest::qWaitFor([&] { return child.state() == QProcess::NotRunning; }, 60000));
            }
            QCOMPARE(child.exitStatus(), QProcess::NormalExit);
            QCOMPARE(child.exitCode(), 0);
            fillsSent += 5;
            auto store = stores.open(url);
            auto state = TradingState::replay(*store);
            QVERIFY(state);
            QStringList booked;
            for (const FillRecord &f : state->executions())
                booked << f.execId;
            booked.sort();
            QCOMPARE(booked, execIds);
            QCOMPARE(state->order(QStringLiteral("K-1"))->filled.value(), BurstOrder);
            QCOMPARE(state->position(Equities, QStringLiteral("AAPL"))->quantity, BurstOrder);
            // 100 × (228.01 + 228.02 + … + 228.05) = $114,015.00
            QCOMPARE(state->account(Equities)->unsettledBuyCents, 11'401'500);
            QVERIFY(state->checkInvariants());
            fillsBooked += int(booked.size());
        }
        qInfo("kill -9 rounds: %d; fills sent %d, booked %d", rounds, fillsSent, fillsBooked);
    }

    // Tag 7001 goes out only to a broker that agreed it; a stop-limit replace carries StopPx.
    void bilateralTagsAndStopLimitReplaces()
    {
        Desk d;
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("SL-1");
        c.account = Equities;
        c.instrument = QStringLiteral("AAPL");
        c.side = QStringLiteral("buy");
        c.type = QStringLiteral("stop-limit");
        c.quantity = 100;
        c.stopPrice = aapl(d.reference, 23500);
        c.limitPrice = aapl(d.reference, 23600);
        c.actor = Alice;
        QVERIFY(d.oms->submit(c).accepted);
        QTRY_VERIFY(!d.broker.ofType("D").isEmpty());
        QVERIFY(!d.broker.ofType("D").last().get(7001));
        QTRY_COMPARE(d.state(QStringLiteral("SL-1")), OrderState::New);
        QVERIFY(d.oms->replace(QStringLiteral("SL-1"), 200, QString(), Alice).accepted);
        QTRY_VERIFY(!d.broker.ofType("G").isEmpty());
        QCOMPARE(d.broker.ofType("G").last().value(99), std::string("235"));
        QCOMPARE(d.broker.ofType("G").last().value(40), std::string("4"));
    }
};

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--child") == 0) {
        QCoreApplication app(argc, argv);
        return runChildWorkstation(app.arguments().mid(2));
    }
    QCoreApplication app(argc, argv);
    TestFixConformance test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_fixconformance.moc"
