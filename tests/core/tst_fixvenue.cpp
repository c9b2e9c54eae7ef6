// The workstation's FIX venue against the venue server, both real, over loopback FIX 4.4
// sessions (QuickFIX on both sides), with the order manager on a real SQLite store.

#include "engine/tradingengine.h"
#include "fix/fixsession.h"
#include "venue/marketdataserver.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "venue/fixmapping.h"
#include "venue/fixvenue.h"
#include "venue/orderbook.h"
#include "venue/venueserver.h"
#include "testmarket.h"
#include "testorders.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {


quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The venue server: a simulated venue behind a FIX acceptor.
struct VenueSide
{
    QString dir;
    quint16 port;
    ReferenceData reference = test::market();
    std::unique_ptr<VenueServer> server;

    VenueSide(const QString &stateDir, quint16 fixPort) : dir(stateDir), port(fixPort) { start(); }

    void start()
    {
        VenueServerOptions o;
        o.fixPort = port;
        o.stateDirectory = dir;
        o.heartbeatSeconds = 1;
        o.stepIntervalMs = 50;
        o.startUs = test::MarketOpenUs;
        server = std::make_unique<VenueServer>(reference, o);
        Status s = server->start();
        QVERIFY2(s, qPrintable(s.message()));
        QTRY_VERIFY(server->venue().topOfBook(QStringLiteral("AAPL")).ask.has_value());
    }
    void stop() { server.reset(); }
};

// One workstation: a store, an order manager and a FIX venue.
struct Workstation
{
    ReferenceData reference = test::market();
    SimulatedClock clock{test::MarketOpenUs}; // the workstation's: the test market's day
    std::unique_ptr<EventStore> store;
    std::unique_ptr<FixVenue> venue;
    std::unique_ptr<OrderManager> oms;
    QStringList problems;

    Workstation(TestStores &stores, const QString &url, const QString &stateDir, quint16 port, const QString &sender = QStringLiteral("DESK1"),
                const QString &workstation = {})
    {
        store = stores.open(url);
        FixVenueSettings s;
        s.port = port;
        s.senderCompId = sender;
        s.stateDirectory = stateDir;
        s.heartbeatSeconds = 1;
        s.reconnectSeconds = 1;
        venue = std::make_unique<FixVenue>(reference, s, clock);
        QObject::connect(venue.get(), &FixVenue::problem, venue.get(), [this](const QString &p) { problems << p; });
        oms = std::make_unique<OrderManager>(*store, reference, *venue);
        oms->setWorkstation(workstation);
        QVERIFY(oms->start(Alice));
        for (const Account *a : reference.accounts())
            QVERIFY(oms->openAccount(a->id, a->openingCashCents, Carol));
        if (oms->state().complianceRules().isEmpty())
            QVERIFY(oms->setRules(ComplianceEngine::defaultRules(), Carol));
        Status started = venue->start();
        QVERIFY2(started, qPrintable(started.message()));
        QTRY_COMPARE_WITH_TIMEOUT(venue->state(), FixVenue::State::Ready, 10000);
    }
    ~Workstation()
    {
        if (venue)
            venue->stop();
        oms.reset();
        venue.reset();
    }

    NewOrderCommand order(const QString &id, const QString &instrument, const QString &side, qint64 qty, const QString &limit,
                          const QString &tif = QStringLiteral("day"))
    {
        NewOrderCommand c;
        c.clientOrderId = id;
        c.account = QStringLiteral("DESK-02");
        c.instrument = instrument;
        c.side = side;
        c.quantity = qty;
        c.limitPrice = limit;
        c.timeInForce = tif;
        c.actor = Alice;
        return c;
    }
    OrderState state(const QString &id) const
    {
        const OrderRecord *o = oms->state().order(id);
        return o ? o->state : OrderState::Rejected;
    }
    int count(const QString &type, const QString &orderId) const
    {
        int n = 0;
        const auto all = store->read(ReadQuery{});
        for (const RecordedEvent &e : *all)
            if (e.type == type && QJsonDocument::fromJson(e.payload).object().value(QStringLiteral("order_id")).toString() == orderId)
                ++n;
        return n;
    }
};

QString priceOf(const ReferenceData &reference, const QString &instrument, std::optional<Price> p)
{
    return reference.instrument(instrument)->formatPrice(*p);
}

// A buy limit a few ticks through the offer: the book moves every 50 ms, an IOC at the offer
// seen a moment ago may find it gone.
QString through(const ReferenceData &reference, const QString &instrument, std::optional<Price> ask)
{
    const Instrument *i = reference.instrument(instrument);
    return i->formatPrice(Price(ask->value() + 5 * i->tickSize));
}

// A FIX peer written by hand on a plain socket, to send what QuickFIX never would.
struct RawPeer
{
    QTcpSocket socket;
    QByteArray received;
    int sequence = 1;
    std::string sender, target;

    bool connectTo(quint16 port, const std::string &from, const std::string &to)
    {
        sender = from;
        target = to;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(3000))
            return false;
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        return true;
    }
    void send(const fix::Message &m) { writeRaw(fix::compose(m, sender, target, sequence++)); }
    // Connects and logs on to the venue as `from`; true once the venue's Logon came back.
    bool logOn(quint16 port, const std::string &from)
    {
        if (!connectTo(port, from, "INSTANT"))
            return false;
        fix::Message logon;
        logon.type = "A";
        logon.set(98, "0");
        logon.set(108, "30");
        send(logon);
        return QTest::qWaitFor([this] { return has("A"); }, 5000);
    }
    void writeRaw(const std::string &raw) { socket.write(raw.data(), qint64(raw.size())); socket.flush(); }
    // The messages received so far, parsed.
    QList<fix::Message> messages() const
    {
        QList<fix::Message> out;
        qsizetype from = 0;
        while (true) {
            const qsizetype end = received.indexOf(QByteArray("\x01" "10="), from);
            if (end < 0)
                break;
            const qsizetype stop = received.indexOf('\x01', end + 4);
            if (stop < 0)
                break;
            fix::Message m;
            std::string error;
            if (fix::parse(received.mid(from, stop + 1 - from).toStdString(), m, error))
                out << m;
            from = stop + 1;
        }
        return out;
    }
    bool has(const std::string &type) const
    {
        for (const fix::Message &m : messages())
            if (m.type == type)
                return true;
        return false;
    }
    const fix::Message *last(const std::string &type, QList<fix::Message> &keep) const
    {
        keep = messages();
        for (auto it = keep.crbegin(); it != keep.crend(); ++it)
            if (it->type == type)
                return &*it;
        return nullptr;
    }
};

} // namespace

class TestFixVenue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<instant::VenueConnection>(); }

    void pricesTravelExactly()
    {
        const ReferenceData data = test::market();
        const Instrument &note = *data.instrument(QStringLiteral("UST 10Y"));
        const Instrument &stock = *data.instrument(QStringLiteral("AAPL"));
        QCOMPARE(fixmap::priceText(note, Price(99 * 256 + 130)), std::string("99.5078125"));
        QCOMPARE(fixmap::parsePrice(note, "99.5078125")->value(), 99 * 256 + 130);
        QCOMPARE(fixmap::priceText(stock, Price(22850)), std::string("228.5"));
        QCOMPARE(fixmap::parsePrice(stock, "228.50")->value(), 22850);
        QVERIFY(!fixmap::parsePrice(stock, "228.505"));  // between two cents
        QVERIFY(!fixmap::parsePrice(stock, "1e3"));
        QVERIFY(!fixmap::parsePrice(stock, "-5"));
        QVERIFY(!fixmap::parsePrice(stock, ""));
        QCOMPARE(*fixmap::parseTimestamp("20261120-14:30:00.123456"), TimestampUs(1795185000123456));
        QCOMPARE(*fixmap::parseTimestamp(fixmap::timestampText(1795185000123456)), TimestampUs(1795185000123456));
        QVERIFY(!fixmap::parseTimestamp("20261120-25:30:00"));
        QCOMPARE(fixmap::orderIdOf(QStringLiteral("A-1~k2j")), QStringLiteral("A-1"));
        QCOMPARE(fixmap::orderIdOf(QStringLiteral("A-1")), QStringLiteral("A-1"));
    }

    void settingsComeFromAUrl()
    {
        auto s = FixVenueSettings::fromUrl(QUrl(QStringLiteral("fix://venue.example:9878?sender=DESK3&target=EXCH&heartbeat=15")));
        QVERIFY2(s, qPrintable(s.message()));
        QCOMPARE(s->host, QStringLiteral("venue.example"));
        QCOMPARE(s->port, 9878);
        QCOMPARE(s->senderCompId, QStringLiteral("DESK3"));
        QCOMPARE(s->targetCompId, QStringLiteral("EXCH"));
        QCOMPARE(s->heartbeatSeconds, 15);
        auto back = FixVenueSettings::fromUrl(s->toUrl());
        QVERIFY(back);
        QCOMPARE(back->senderCompId, QStringLiteral("DESK3"));
        for (const char *bad : {"fix://host", "ws://host:1", "fix://host:9878?sender=a%20b", "fix://host:9878?heartbeat=0",
                                "fix://host:9878?tls=1", "fix://host:9878?colour=red", "fix://:9878"}) {
            auto r = FixVenueSettings::fromUrl(QUrl(QString::fromLatin1(bad)));
            QVERIFY2(!r, bad);
            QVERIFY(r.message().startsWith(QStringLiteral("venue URL")));
        }
    }

    void ordersFillCancelAndReplaceOverFix()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        TestStores stores(Backend::Sqlite);
        Workstation ws(stores, stores.freshUrl(), dir.filePath(QStringLiteral("ws")), port);

        // Marketable: fills over FIX at the venue's price.
        const Quote q = venue.server->venue().topOfBook(QStringLiteral("AAPL"));
        const QString ask = through(ws.reference, QStringLiteral("AAPL"), q.ask);
        CommandOutcome out = ws.oms->submit(ws.order(QStringLiteral("F-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, ask, QStringLiteral("ioc")));
        QVERIFY2(out.accepted, qPrintable(out.reason));
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(ws.state(QStringLiteral("F-1"))), 5000);
        const OrderRecord *filled = ws.oms->state().order(QStringLiteral("F-1"));
        QVERIFY(filled->filled.value() > 0);
        QVERIFY(filled->averagePriceUnits() <= double(q.ask->value() + 5 * ws.reference.instrument(QStringLiteral("AAPL"))->tickSize));
        QCOMPARE(ws.count(events::OrderAcknowledged, QStringLiteral("F-1")), 1);

        // Resting: acknowledged, replaced, then cancelled.
        const QString low = priceOf(ws.reference, QStringLiteral("AAPL"), Price(q.bid->value() - 500));
        out = ws.oms->submit(ws.order(QStringLiteral("R-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 200, low));
        QVERIFY(out.accepted);
        QTRY_COMPARE(ws.state(QStringLiteral("R-1")), OrderState::New);
        out = ws.oms->replace(QStringLiteral("R-1"), 300, {}, Alice);
        QVERIFY2(out.accepted, qPrintable(out.reason));
        QTRY_COMPARE(ws.oms->state().order(QStringLiteral("R-1"))->quantity, Quantity(300));
        QCOMPARE(ws.state(QStringLiteral("R-1")), OrderState::Replaced);
        out = ws.oms->cancel(QStringLiteral("R-1"), Alice);
        QVERIFY(out.accepted);
        QTRY_COMPARE(ws.state(QStringLiteral("R-1")), OrderState::Cancelled);
        QCOMPARE(ws.count(events::OrderReplaced, QStringLiteral("R-1")), 1);
        QCOMPARE(ws.count(events::OrderCancelled, QStringLiteral("R-1")), 1);

        // The venue refuses what cannot trade, with its reason: an order of a symbol it does not list.
        out = ws.oms->cancel(QStringLiteral("R-1"), Alice); // already cancelled: refused by the order manager
        QVERIFY(!out.accepted);
        QVERIFY(ws.problems.isEmpty() || !ws.problems.join(u'\n').contains(QStringLiteral("refused a message")));
    }

    void workstationRestartResumesTheSessionWithoutLosingOrDuplicating()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        TestStores stores(Backend::Sqlite);
        const QString url = stores.freshUrl();
        const QString wsState = dir.filePath(QStringLiteral("ws"));
        const Quote q = venue.server->venue().topOfBook(QStringLiteral("MSFT"));
        const Price restAt(q.bid->value() - 300);
        std::pair<int, int> seqBefore;
        {
            Workstation ws(stores, url, wsState, port);
            const QString px = priceOf(ws.reference, QStringLiteral("MSFT"), restAt);
            QVERIFY(ws.oms->submit(ws.order(QStringLiteral("W-1"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, px)).accepted);
            QVERIFY(ws.oms->submit(ws.order(QStringLiteral("W-2"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, px)).accepted);
            QTRY_COMPARE(ws.state(QStringLiteral("W-2")), OrderState::New);
            seqBefore = ws.venue->sequenceNumbers();
            QVERIFY(seqBefore.first > 2);
        } // the workstation goes away; its orders keep working at the venue

        QTest::qWait(1200); // the venue's market moves on meanwhile

        // Restart: the session resumes where it was (no sequence reset), missed reports arrive,
        // open orders are checked, nothing is applied twice.
        Workstation ws(stores, url, wsState, port);
        const std::pair<int, int> seqAfter = ws.venue->sequenceNumbers();
        QVERIFY2(seqAfter.first > seqBefore.first, qPrintable(QStringLiteral("%1 → %2").arg(seqBefore.first).arg(seqAfter.first)));
        QTRY_VERIFY(ws.venue->state() == FixVenue::State::Ready);
        for (const QString &id : {QStringLiteral("W-1"), QStringLiteral("W-2")}) {
            QCOMPARE(ws.count(events::OrderAccepted, id), 1);
            QVERIFY(ws.count(events::OrderAcknowledged, id) == 1);
            QCOMPARE(ws.count(events::OrderExpired, id), 0); // still working at the venue: not expired
        }
        // Both still known to the venue: cancel them, once each.
        for (const QString &id : {QStringLiteral("W-1"), QStringLiteral("W-2")})
            if (isWorking(ws.state(id)))
                QVERIFY(ws.oms->cancel(id, Alice).accepted);
        QTRY_VERIFY(isTerminal(ws.state(QStringLiteral("W-1"))) && isTerminal(ws.state(QStringLiteral("W-2"))));
        QVERIFY(ws.oms->state().checkInvariants());
    }

    // The workstation recorded a cancel and stopped before sending it: after the restart the
    // venue says the order still works, so the recorded cancel is sent again and the order ends
    // cancelled, not pending for ever.
    void aCancelRecordedButNeverSentIsSentAfterRestart()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        TestStores stores(Backend::Sqlite);
        const QString url = stores.freshUrl();
        const QString wsState = dir.filePath(QStringLiteral("ws"));
        const Quote q = venue.server->venue().topOfBook(QStringLiteral("MSFT"));
        {
            Workstation ws(stores, url, wsState, port);
            const QString px = priceOf(ws.reference, QStringLiteral("MSFT"), Price(q.bid->value() - 300));
            QVERIFY(ws.oms->submit(ws.order(QStringLiteral("C-1"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, px)).accepted);
            QTRY_COMPARE(ws.state(QStringLiteral("C-1")), OrderState::New);
            // What cancel() records first; the process dies before it sends anything.
            QVERIFY(ws.oms->recordOnAccount(QStringLiteral("DESK-02"),
                                            {NewEvent::make(events::CancelRequested, {{QStringLiteral("order_id"), QStringLiteral("C-1")}},
                                                            Alice, QStringLiteral("C-1"))}));
            QCOMPARE(ws.state(QStringLiteral("C-1")), OrderState::PendingCancel);
        }
        Workstation ws(stores, url, wsState, port);
        QTRY_COMPARE(ws.state(QStringLiteral("C-1")), OrderState::Cancelled);
        QCOMPARE(ws.count(events::CancelRequested, QStringLiteral("C-1")), 1); // the one recorded, sent again
        QVERIFY(ws.oms->state().checkInvariants());
    }

    void fillsWhileAwayArriveOnceAfterRestart()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        TestStores stores(Backend::Sqlite);
        const QString url = stores.freshUrl();
        const QString wsState = dir.filePath(QStringLiteral("ws"));
        const Quote q = venue.server->venue().topOfBook(QStringLiteral("AAPL"));
        // A sell resting far above the market, from a workstation that holds the stock.
        const Price high(q.ask->value() + 300);
        {
            Workstation ws(stores, url, wsState, port);
            const QString ask = through(ws.reference, QStringLiteral("AAPL"), q.ask);
            QVERIFY(ws.oms->submit(ws.order(QStringLiteral("P-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, ask, QStringLiteral("ioc"))).accepted);
            QTRY_VERIFY(isTerminal(ws.state(QStringLiteral("P-1"))));
            const qint64 held = ws.oms->state().order(QStringLiteral("P-1"))->filled.value();
            QVERIFY(held > 0);
            const CommandOutcome sell = ws.oms->submit(ws.order(QStringLiteral("S-9"), QStringLiteral("AAPL"), QStringLiteral("sell"), held,
                                                                priceOf(ws.reference, QStringLiteral("AAPL"), high)));
            QVERIFY2(sell.accepted, qPrintable(sell.reason));
            QTRY_COMPARE(ws.state(QStringLiteral("S-9")), OrderState::New);
        }
        // Away: another participant at the venue buys everything offered up to our price.
        {
            SimulatedVenue &book = venue.server->venue();
            qint64 offered = 0;
            for (const LevelView &level : book.book(QStringLiteral("AAPL"))->depth(Side::Sell, 100))
                if (level.price <= high)
                    offered += level.quantity.value();
            VenueOrder sweep;
            sweep.orderId = QStringLiteral("ELSEWHERE-1");
            sweep.instrument = QStringLiteral("AAPL");
            sweep.side = Side::Buy;
            sweep.tif = TimeInForce::Ioc;
            sweep.quantity = Quantity(offered);
            sweep.limitPrice = high;
            book.submit(sweep);
            QVERIFY(!book.book(QStringLiteral("AAPL"))->bestAsk() || *book.book(QStringLiteral("AAPL"))->bestAsk() > high);
        }
        Workstation ws(stores, url, wsState, port);
        QTRY_VERIFY(ws.oms->state().order(QStringLiteral("S-9"))->filled.value() > 0);
        const int fills = ws.count(events::OrderFilled, QStringLiteral("S-9")) + ws.count(events::OrderPartiallyFilled, QStringLiteral("S-9"));
        QVERIFY(fills >= 1);
        // The resend came once; a later status check adds nothing.
        QTest::qWait(1500);
        QCOMPARE(ws.count(events::OrderFilled, QStringLiteral("S-9")) + ws.count(events::OrderPartiallyFilled, QStringLiteral("S-9")), fills);
        QCOMPARE(ws.count(events::IllegalTransitionRefused, QStringLiteral("S-9")), 0);
        QVERIFY(ws.oms->state().checkInvariants());
    }

    void venueRestartReconcilesOpenOrdersBeforeTradingResumes()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        const QString venueState = dir.filePath(QStringLiteral("venue"));
        auto venue = std::make_unique<VenueSide>(venueState, port);
        TestStores stores(Backend::Sqlite);
        Workstation ws(stores, stores.freshUrl(), dir.filePath(QStringLiteral("ws")), port);
        const Quote q = venue->server->venue().topOfBook(QStringLiteral("AAPL"));
        const QString low = priceOf(ws.reference, QStringLiteral("AAPL"), Price(q.bid->value() - 800));
        QVERIFY(ws.oms->submit(ws.order(QStringLiteral("V-1"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, low)).accepted);
        QTRY_COMPARE(ws.state(QStringLiteral("V-1")), OrderState::New);

        QSignalSpy connection(ws.venue.get(), &instant::Venue::connectionChanged);
        venue->stop(); // the venue goes down and comes back without its book
        QTRY_COMPARE_WITH_TIMEOUT(ws.venue->state(), FixVenue::State::Disconnected, 10000);
        // While it is down, a new order is refused with a reason, never sent late.
        const CommandOutcome whileDown = ws.oms->submit(ws.order(QStringLiteral("V-2"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, low));
        QCOMPARE(whileDown.state, OrderState::Rejected);
        QTRY_COMPARE(ws.state(QStringLiteral("V-2")), OrderState::Rejected);
        QVERIFY(ws.oms->state().order(QStringLiteral("V-2"))->reason.contains(QStringLiteral("not logged on")));

        venue->start();
        QTRY_COMPARE_WITH_TIMEOUT(ws.venue->state(), FixVenue::State::Ready, 15000);
        // The order the venue lost is closed with the reason, once.
        QTRY_COMPARE(ws.state(QStringLiteral("V-1")), OrderState::Expired);
        QVERIFY(ws.oms->state().order(QStringLiteral("V-1"))->reason.contains(QStringLiteral("no longer has")));
        QCOMPARE(ws.count(events::OrderExpired, QStringLiteral("V-1")), 1);
        // Trading resumes.
        const QString ask = through(ws.reference, QStringLiteral("AAPL"), venue->server->venue().topOfBook(QStringLiteral("AAPL")).ask);
        QVERIFY(ws.oms->submit(ws.order(QStringLiteral("V-3"), QStringLiteral("AAPL"), QStringLiteral("buy"), 100, ask, QStringLiteral("ioc"))).accepted);
        QTRY_VERIFY(isTerminal(ws.state(QStringLiteral("V-3"))));
        QVERIFY(ws.oms->state().order(QStringLiteral("V-3"))->filled.value() > 0);
        QVERIFY(connection.size() >= 2);
        QVERIFY(ws.oms->state().checkInvariants());
    }

    // Two workstations on one store, each with its own session at the venue: the one logging on
    // asks the venue about the orders it sent, not about the other's (its session would be told
    // "unknown order" and expire them here while they work at the venue).
    void aWorkstationReconcilesOnlyTheOrdersItSent()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        TestStores stores(Backend::Sqlite);
        const QString url = stores.freshUrl();
        const Quote q = venue.server->venue().topOfBook(QStringLiteral("MSFT"));
        Workstation first(stores, url, dir.filePath(QStringLiteral("ws1")), port, QStringLiteral("DESK1"), QStringLiteral("WS-1"));
        const QString px = priceOf(first.reference, QStringLiteral("MSFT"), Price(q.bid->value() - 300));
        QVERIFY(first.oms->submit(first.order(QStringLiteral("F-1"), QStringLiteral("MSFT"), QStringLiteral("buy"), 100, px)).accepted);
        QTRY_COMPARE(first.state(QStringLiteral("F-1")), OrderState::New);

        Workstation second(stores, url, dir.filePath(QStringLiteral("ws2")), port, QStringLiteral("DESK2"), QStringLiteral("WS-2"));
        QCOMPARE(second.venue->state(), FixVenue::State::Ready); // logged on, its open orders checked
        QCOMPARE(second.state(QStringLiteral("F-1")), OrderState::New);
        QCOMPARE(second.count(events::OrderExpired, QStringLiteral("F-1")), 0);
        // Still working at the venue for the first workstation, which cancels it there.
        QVERIFY(first.oms->cancel(QStringLiteral("F-1"), Alice).accepted);
        QTRY_COMPARE(first.state(QStringLiteral("F-1")), OrderState::Cancelled);
        QCOMPARE(first.count(events::CancelRejected, QStringLiteral("F-1")), 0);
    }

    // The engine in live mode, on its own thread: orders over FIX, market data from the feed,
    // the status of both for the status bar.
    void engineTradesLiveOverFixAndTheFeed()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        MarketDataServer marketData(venue.server->venue(), venue.reference);
        connect(venue.server.get(), &VenueServer::stepped, &marketData, &MarketDataServer::publishDepth);
        auto listening = marketData.listen(QHostAddress::LocalHost, 0);
        QVERIFY2(listening, qPrintable(listening.message()));

        TestStores stores(Backend::Sqlite);
        auto store = stores.open(stores.freshUrl());
        const ReferenceData reference = test::market();
        EngineOptions options;
        options.actor = Alice;
        FixVenueSettings fix;
        fix.port = port;
        fix.stateDirectory = dir.filePath(QStringLiteral("ws"));
        fix.heartbeatSeconds = 1;
        options.fixVenue = fix;
        options.feedUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(*listening));
        const SimulatedClock clock(test::MarketOpenUs);
        TradingEngine engine(*store, reference, clock, options);
        QList<Quote> quotes;
        QStringList depthFor;
        VenueConnection connection{false, {}};
        FeedStatus feed;
        QList<OrderRef> orders;
        QObject receiver; // goes before the lists it fills: signals still queued find no receiver
        connect(&engine, &TradingEngine::quotesUpdated, &receiver, [&](const QList<Quote> &q) { quotes += q; });
        connect(&engine, &TradingEngine::depthUpdated, &receiver, [&](const QString &i, const auto &, const auto &) { depthFor << i; });
        connect(&engine, &TradingEngine::venueConnectionChanged, &receiver, [&](const VenueConnection &c) { connection = c; });
        connect(&engine, &TradingEngine::feedStatusChanged, &receiver, [&](const FeedStatus &f) { feed = f; });
        connect(&engine, &TradingEngine::ordersUpdated, &receiver, [&](const QList<OrderRef> &o) { orders += o; });
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(connection.ready, 10000);
        QVERIFY(connection.text.contains(QStringLiteral("logged on")));
        QTRY_VERIFY_WITH_TIMEOUT(feed.state == FeedStatus::State::Live, 10000);
        QTRY_VERIFY(!quotes.isEmpty());
        engine.watchDepth(QStringLiteral("AAPL"));
        QTRY_VERIFY_WITH_TIMEOUT(depthFor.contains(QStringLiteral("AAPL")), 5000);

        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("LIVE-1");
        c.account = QStringLiteral("DESK-02");
        c.instrument = QStringLiteral("AAPL");
        c.side = QStringLiteral("buy");
        c.quantity = 100;
        c.timeInForce = QStringLiteral("ioc");
        c.limitPrice = through(reference, QStringLiteral("AAPL"), venue.server->venue().topOfBook(QStringLiteral("AAPL")).ask);
        engine.submit(c);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(orders.cbegin(), orders.cend(), [](const OrderRef &o) {
            return o->orderId == u"LIVE-1" && o->state == OrderState::Filled;
        }), 5000);

        // The feed's server goes away and comes back: the feed, on the engine's thread,
        // reconnects by itself and quotes flow again.
        marketData.close();
        QTRY_VERIFY_WITH_TIMEOUT(feed.state != FeedStatus::State::Live, 5000);
        QVERIFY(marketData.listen(QHostAddress::LocalHost, *listening));
        quotes.clear();
        QTRY_VERIFY_WITH_TIMEOUT(feed.state == FeedStatus::State::Live, 10000);
        QTRY_VERIFY(!quotes.isEmpty());
        engine.stop();
    }

    void malformedFixMessagesGetACleanReject()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        RawPeer peer;
        QVERIFY(peer.logOn(port, "DESK5"));

        // A NewOrderSingle without its Symbol: refused by the session, naming the tag.
        fix::Message order;
        order.type = "D";
        order.set(11, "RAW-1");
        order.set(54, "1");
        order.set(60, fixmap::timestampText(nowUtcMicros()));
        order.set(38, "100");
        order.set(40, "2");
        order.set(44, "100");
        peer.send(order);
        QTRY_VERIFY(peer.has("j") || peer.has("3"));
        QList<fix::Message> keep;
        const fix::Message *reject = peer.last("j", keep);
        if (!reject)
            reject = peer.last("3", keep);
        QVERIFY(reject);
        QVERIFY(reject->get(371) || reject->get(380));
        QCOMPARE(*(reject->get(45)), std::to_string(peer.sequence - 1)); // RefSeqNum: the message refused

        // A quantity that is not a number, and a side that does not exist.
        fix::Message badQty = order;
        badQty.set(55, "AAPL");
        badQty.set(11, "RAW-2");
        badQty.set(38, "lots");
        peer.send(badQty);
        fix::Message badSide = badQty;
        badSide.set(11, "RAW-3");
        badSide.set(38, "100");
        badSide.set(54, "9");
        peer.send(badSide);
        QTRY_VERIFY(peer.messages().size() >= 4);

        // Garbage and a message with a wrong checksum: dropped, the session stays up.
        peer.writeRaw(std::string("this is not FIX\x01", 16));
        std::string corrupt = fix::compose(order, "DESK5", "INSTANT", peer.sequence);
        corrupt[corrupt.size() - 2] = corrupt[corrupt.size() - 2] == '0' ? '1' : '0';
        peer.writeRaw(corrupt);

        // Then a good order: the venue answers with an execution report.
        fix::Message good = badQty;
        good.set(11, "RAW-4");
        good.set(38, "100");
        good.set(44, "1");
        peer.send(good);
        QTRY_VERIFY_WITH_TIMEOUT(peer.has("8"), 5000);
        const fix::Message *report = peer.last("8", keep);
        QCOMPARE(*report->get(11), std::string("RAW-4"));
        QCOMPARE(*report->get(150), std::string("0"));
        QCOMPARE(venue.server->ordersReceived(), qint64(1)); // the refused ones never reached the book

        // An unknown symbol is well formed: the venue rejects the order itself, with a reason.
        fix::Message unknown = good;
        unknown.set(11, "RAW-5");
        unknown.set(55, "NOPE");
        peer.send(unknown);
        QTRY_VERIFY(peer.messages().size() >= 6);
        const fix::Message *rejected = peer.last("8", keep);
        QCOMPARE(*rejected->get(11), std::string("RAW-5"));
        QCOMPARE(*rejected->get(39), std::string("8"));
        QVERIFY(rejected->get(58)->find("unknown symbol") != std::string::npos);
    }

    // The venue server answers by the standard: a duplicate ClOrdID rejects the new order only
    // (OrdRejReason 6), the live one keeps working; a cancel of a finished order is refused with
    // the order's real OrdStatus and CxlRejReason 0 (too late), of an unknown one with 1; an
    // unknown symbol is OrdRejReason 1.
    void venueAnswersByTheStandard()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port);
        RawPeer peer;
        QVERIFY(peer.logOn(port, "DESK6"));
        QList<fix::Message> keep;
        auto reportFor = [&](const std::string &clOrdId, const std::string &execType) -> const fix::Message * {
            keep = peer.messages();
            for (auto it = keep.crbegin(); it != keep.crend(); ++it)
                if ((it->type == "8" || it->type == "9") && it->get(11) && *it->get(11) == clOrdId
                    && (execType.empty() || (it->get(150) && *it->get(150) == execType)))
                    return &*it;
            return nullptr;
        };
        fix::Message order;
        order.type = "D";
        order.set(11, "STD-1");
        order.set(55, "AAPL");
        order.set(54, "1");
        order.set(60, fixmap::timestampText(nowUtcMicros()));
        order.set(38, "100.0"); // a legal FIX decimal
        order.set(40, "2");
        order.set(44, "100");
        peer.send(order);
        QTRY_VERIFY(reportFor("STD-1", "0"));
        const std::string venueOrderId = *reportFor("STD-1", "0")->get(37);

        peer.send(order); // the same ClOrdID, not a resend
        QTRY_VERIFY(reportFor("STD-1", "8"));
        const fix::Message *dup = reportFor("STD-1", "8");
        QCOMPARE(*dup->get(39), std::string("8"));
        QCOMPARE(*dup->get(103), std::string("6"));
        QVERIFY(*dup->get(37) != venueOrderId); // not the live order
        QCOMPARE(*dup->get(14), std::string("0"));
        fix::Message status;
        status.type = "H";
        status.set(11, "STD-1");
        status.set(55, "AAPL");
        status.set(54, "1");
        peer.send(status);
        QTRY_VERIFY(reportFor("STD-1", "I"));
        QCOMPARE(*reportFor("STD-1", "I")->get(39), std::string("0")); // still working

        fix::Message cancel;
        cancel.type = "F";
        cancel.set(41, "STD-1");
        cancel.set(11, "STD-1-C1");
        cancel.set(55, "AAPL");
        cancel.set(54, "1");
        cancel.set(60, fixmap::timestampText(nowUtcMicros()));
        peer.send(cancel);
        QTRY_VERIFY(reportFor("STD-1-C1", "4"));
        cancel.set(11, "STD-1-C2");
        peer.send(cancel);
        QTRY_VERIFY(reportFor("STD-1-C2", ""));
        const fix::Message *tooLate = reportFor("STD-1-C2", "");
        QCOMPARE(tooLate->type, std::string("9"));
        QCOMPARE(*tooLate->get(39), std::string("4")); // it is cancelled, and says so
        QCOMPARE(*tooLate->get(102), std::string("0"));
        cancel.set(41, "NEVER-SENT");
        cancel.set(11, "STD-1-C3");
        peer.send(cancel);
        QTRY_VERIFY(reportFor("STD-1-C3", ""));
        QCOMPARE(*reportFor("STD-1-C3", "")->get(102), std::string("1"));

        order.set(11, "STD-2");
        order.set(55, "NOPE");
        peer.send(order);
        QTRY_VERIFY(reportFor("STD-2", "8"));
        QCOMPARE(*reportFor("STD-2", "8")->get(103), std::string("1"));
    }

    // The FIX acceptor listens where it is told (--bind), loopback by default: not on every
    // interface, whatever QuickFIX does by itself.
    void acceptorListensOnTheBindAddressOnly()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        VenueSide venue(dir.filePath(QStringLiteral("venue")), port); // bindAddress: 127.0.0.1
#if defined(Q_OS_LINUX)
        QFile tcp(QStringLiteral("/proc/net/tcp"));
        QVERIFY(tcp.open(QIODevice::ReadOnly));
        const QString portHex = QStringLiteral(":%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
        QString listening;
        for (const QByteArray &line : tcp.readAll().split('\n')) {
            const QStringList f = QString::fromLatin1(line).simplified().split(u' ');
            if (f.size() > 3 && f[1].endsWith(portHex) && f[3] == u"0A")
                listening = f[1];
        }
        QCOMPARE(listening, QStringLiteral("0100007F") + portHex); // 127.0.0.1, not 00000000
#endif
        QHostAddress other;
        for (const QHostAddress &a : QNetworkInterface::allAddresses())
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
                other = a;
        if (other.isNull())
            QSKIP("no address but loopback on this machine");
        QTcpSocket probe;
        probe.connectToHost(other, port);
        QVERIFY(!probe.waitForConnected(2000));
        QTcpSocket local;
        local.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(local.waitForConnected(2000));
    }
};

QTEST_GUILESS_MAIN(TestFixVenue)
#include "tst_fixvenue.moc"
