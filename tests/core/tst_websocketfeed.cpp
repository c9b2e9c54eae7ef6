// Market data over WebSockets: a real MarketDataServer over a real SimulatedVenue on loopback, the
// workstation's WebSocketFeed, raw WebSocket peers that misbehave on either side, and the
// protocol's decoders on their own.

#include "marketdata/marketdataprotocol.h"
#include "venue/marketdataserver.h"
#include "marketdata/websocketfeed.h"
#include "refdata/referencedata.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <functional>
#include <memory>

using namespace instant;

namespace {

const TimestampUs Friday = 1795185000000000;
const QString Apple = QStringLiteral("AAPL");
const QString Microsoft = QStringLiteral("MSFT");
const QString TenYear = test::market().instrument(QStringLiteral("UST 10Y"))->id;
constexpr int Patience = 5000; // ms: how long a QTRY waits for the network

QUrl wsUrl(quint16 port, bool secure = false)
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(secure ? QStringLiteral("wss") : QStringLiteral("ws"))
                    .arg(port));
}

// One line per value, so that a failed comparison shows what differs.
QString describe(const Quote &q)
{
    return QStringLiteral("%1 %2x%3 / %4x%5 @%6")
        .arg(q.instrument)
        .arg(q.bid ? QString::number(q.bid->value()) : QStringLiteral("-"))
        .arg(q.bidQuantity.value())
        .arg(q.ask ? QString::number(q.ask->value()) : QStringLiteral("-"))
        .arg(q.askQuantity.value())
        .arg(q.timeUs);
}

QString describe(const TradePrint &t)
{
    return QStringLiteral("%1 %2x%3 %4 @%5")
        .arg(t.instrument)
        .arg(t.price.value())
        .arg(t.quantity.value())
        .arg(t.aggressor == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell"))
        .arg(t.timeUs);
}

QString describe(const Bar &b)
{
    return QStringLiteral("%1 @%2 o%3 h%4 l%5 c%6 v%7")
        .arg(b.instrument)
        .arg(b.startUs)
        .arg(b.open.value())
        .arg(b.high.value())
        .arg(b.low.value())
        .arg(b.close.value())
        .arg(b.volume.value());
}

template <typename Levels> QString describeLevels(const Levels &levels)
{
    QStringList out;
    for (const LevelView &l : levels)
        out << QStringLiteral("%1x%2(%3)").arg(l.price.value()).arg(l.quantity.value()).arg(l.orders);
    return out.join(QLatin1Char(' '));
}

QString describeBook(const QString &instrument, const QList<LevelView> &bids,
                     const QList<LevelView> &asks)
{
    return instrument + QStringLiteral(" bids ") + describeLevels(bids) + QStringLiteral(" | asks ") +
           describeLevels(asks);
}

QString describeBook(const SimulatedVenue &venue, const QString &instrument)
{
    const venue::OrderBook *book = venue.book(instrument);
    const auto bids = book->depth(Side::Buy, MaxDepthLevels);
    const auto asks = book->depth(Side::Sell, MaxDepthLevels);
    return describeBook(instrument, QList<LevelView>(bids.begin(), bids.end()),
                        QList<LevelView>(asks.begin(), asks.end()));
}

QString stateName(FeedStatus::State s)
{
    switch (s) {
    case FeedStatus::State::Disconnected:
        return QStringLiteral("Disconnected");
    case FeedStatus::State::Connecting:
        return QStringLiteral("Connecting");
    case FeedStatus::State::Live:
        return QStringLiteral("Live");
    case FeedStatus::State::Stale:
        return QStringLiteral("Stale");
    }
    return QStringLiteral("?");
}

// A simulated market with its publisher listening on a loopback port.
struct Market
{
    const ReferenceData reference = test::market();
    SimulatedVenue venue{reference, 11, Friday};
    MarketDataServer server{venue, reference};
    quint16 port = 0;

    Market()
    {
        auto listening = server.listen(QHostAddress::LocalHost, 0);
        if (listening)
            port = *listening;
        else
            qWarning("%s", qPrintable(listening.message()));
    }

    // A minute of market and then the books, as the venue's server does after each step.
    void step()
    {
        venue.step(60'000'000);
        server.publishDepth();
    }
};

// What the venue emitted for some symbols, for comparing with what came over the wire.
struct VenueRecorder
{
    QObject context;
    QStringList quotes, trades, bars;
    int othersEmitted = 0;

    VenueRecorder(SimulatedVenue &venue, QSet<QString> symbols)
    {
        QObject::connect(&venue, &Venue::quote, &context, [this, symbols](const Quote &q) {
            symbols.contains(q.instrument) ? void(quotes << describe(q)) : void(++othersEmitted);
        });
        QObject::connect(&venue, &Venue::trade, &context, [this, symbols](const TradePrint &t) {
            if (symbols.contains(t.instrument))
                trades << describe(t);
        });
        QObject::connect(&venue, &Venue::bar, &context, [this, symbols](const Bar &b) {
            if (symbols.contains(b.instrument))
                bars << describe(b);
        });
    }
};

// What a feed emitted.
struct FeedRecorder
{
    QObject context;
    QStringList quotes, trades, bars, depths, problems;
    QSet<QString> instruments; // every instrument anything arrived for
    QList<FeedStatus::State> states;

    explicit FeedRecorder(WebSocketFeed &feed)
    {
        QObject::connect(&feed, &WebSocketFeed::quote, &context, [this](const Quote &q) {
            quotes << describe(q);
            instruments << q.instrument;
        });
        QObject::connect(&feed, &WebSocketFeed::trade, &context, [this](const TradePrint &t) {
            trades << describe(t);
            instruments << t.instrument;
        });
        QObject::connect(&feed, &WebSocketFeed::bar, &context, [this](const Bar &b) {
            bars << describe(b);
            instruments << b.instrument;
        });
        QObject::connect(&feed, &WebSocketFeed::depth, &context,
                         [this](const QString &instrument, const QList<LevelView> &bids,
                                const QList<LevelView> &asks) {
                             depths << describeBook(instrument, bids, asks);
                             instruments << instrument;
                         });
        QObject::connect(&feed, &WebSocketFeed::problem, &context,
                         [this](const QString &p) { problems << p; });
        QObject::connect(&feed, &WebSocketFeed::statusChanged, &context,
                         [this](const FeedStatus &s) { states << s.state; });
    }

    void clearData()
    {
        quotes.clear();
        trades.clear();
        bars.clear();
        depths.clear();
        instruments.clear();
    }
};

// A WebSocket client that speaks the protocol by hand, for sending what the feed never would.
struct RawClient
{
    QWebSocket socket;
    QStringList frames;
    QObject context;

    explicit RawClient(const QUrl &url)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &context,
                         [this](const QString &f) { frames << f; });
        socket.open(url);
    }

    template <typename T> QList<T> received() const
    {
        QList<T> out;
        for (const QString &f : frames) {
            auto m = decodeMessage(f);
            if (m && std::holds_alternative<T>(*m))
                out << std::get<T>(*m);
        }
        return out;
    }
};

// A WebSocket server that plays a script to each client: for a feed facing a broken server.
class ScriptedServer
{
public:
    explicit ScriptedServer(std::function<void(QWebSocket *)> onClient)
        : m_server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QWebSocketServer::newConnection, &m_context, [this, onClient] {
            while (QWebSocket *s = m_server.nextPendingConnection()) {
                s->setParent(&m_context); // the caller owns what nextPendingConnection() hands out
                clients << s;
                onClient(s);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QList<QWebSocket *> clients;

private:
    QWebSocketServer m_server;
    QObject m_context;
};

QString helloFrame()
{
    return encodeHello(FeedHello{QStringLiteral("scripted"), MarketDataProtocolVersion, {Apple}});
}

// A text frame as a client sends it (masked, with a zero mask), for a client without QWebSocket.
QByteArray clientTextFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else {
        frame.append(char(0x80 | 126));
        frame.append(char((payload.size() >> 8) & 0xff));
        frame.append(char(payload.size() & 0xff));
    }
    frame.append(4, '\0');
    return frame + payload;
}

} // namespace

class TestWebSocketFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helloAndSubscribe()
    {
        Market m;
        QVERIFY(m.port != 0);
        RawClient client(wsUrl(m.port));
        QTRY_COMPARE_WITH_TIMEOUT(m.server.clientCount(), 1, Patience);
        QTRY_VERIFY_WITH_TIMEOUT(!client.frames.isEmpty(), Patience);
        auto hello = decodeMessage(client.frames.first());
        QVERIFY2(hello.ok(), qPrintable(hello.message()));
        QVERIFY(std::holds_alternative<FeedHello>(*hello));
        const FeedHello h = std::get<FeedHello>(*hello);
        QCOMPARE(h.venue, QStringLiteral("simulated"));
        QCOMPARE(h.protocolVersion, MarketDataProtocolVersion);
        QStringList ids;
        for (const Instrument *i : m.reference.instruments())
            ids << i->id;
        QCOMPARE(h.instruments, ids);

        client.socket.sendTextMessage(encodeSubscribe({Apple, QStringLiteral("NOPE"), Apple}, false));
        QTRY_COMPARE_WITH_TIMEOUT(client.received<SubscriptionState>().size(), 1, Patience);
        const SubscriptionState s = client.received<SubscriptionState>().first();
        QCOMPARE(s.symbols, QStringList{Apple});
        QCOMPARE(s.depth, QStringList());
        QCOMPARE(s.unknown, QStringList{QStringLiteral("NOPE")});
        // The snapshot: the book's top as it is now, before any step.
        QTRY_COMPARE_WITH_TIMEOUT(client.received<Quote>().size(), 1, Patience);
        QCOMPARE(describe(client.received<Quote>().first()), describe(m.venue.topOfBook(Apple)));
        QVERIFY(client.received<DepthUpdate>().isEmpty());

        client.socket.sendTextMessage(encodePing());
        QTRY_VERIFY_WITH_TIMEOUT(!client.received<Heartbeat>().isEmpty(),
                                 Patience); // long before the next second
        QVERIFY(qAbs(client.received<Heartbeat>().first().serverTimeUs - nowUtcMicros()) < 60'000'000);

        client.socket.close();
        QTRY_COMPARE_WITH_TIMEOUT(m.server.clientCount(), 0, Patience);
    }

    void marketDataArrivesWithTheVenuesValues()
    {
        Market m;
        FeedOptions options;
        WebSocketFeed feed(wsUrl(m.port), {TenYear, Apple}, options);
        feed.watchDepth(Apple);
        FeedRecorder got(feed);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);
        QVERIFY2(feed.status().text().startsWith(QStringLiteral("Feed live · ")),
                 qPrintable(feed.status().text()));

        // Snapshots first: a quote for each symbol, the book for the one watched.
        QTRY_COMPARE_WITH_TIMEOUT(got.depths.size(), 1, Patience);
        QCOMPARE(got.quotes,
                 (QStringList{describe(m.venue.topOfBook(TenYear)), describe(m.venue.topOfBook(Apple))}));
        QCOMPARE(got.depths.first(), describeBook(m.venue, Apple));
        got.clearData();

        VenueRecorder sent(m.venue, {TenYear, Apple});
        QStringList booksSent;
        QString lastBook = describeBook(m.venue, Apple); // the snapshot
        for (int i = 0; i < 40; ++i) {
            m.step();
            const QString book = describeBook(m.venue, Apple);
            if (book != lastBook)
                booksSent << book;
            lastBook = book;
        }
        QVERIFY(!sent.trades.isEmpty());
        QVERIFY(!sent.bars.isEmpty());
        QVERIFY(sent.othersEmitted > 0);
        QTRY_COMPARE_WITH_TIMEOUT(got.quotes, sent.quotes, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(got.trades, sent.trades, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(got.bars, sent.bars, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(got.depths, booksSent, Patience);
        QCOMPARE(got.instruments, (QSet<QString>{TenYear, Apple})); // nothing of the symbols not asked for
        QVERIFY2(got.problems.isEmpty(), qPrintable(got.problems.join(QLatin1Char('\n'))));

        // A book that did not change is not sent again; the step after is the sync point.
        const qsizetype depthsBefore = got.depths.size();
        m.server.publishDepth();
        m.venue.step(1'000'000);
        QTRY_COMPARE_WITH_TIMEOUT(got.quotes.size(), sent.quotes.size(), Patience);
        QCOMPARE(got.depths.size(), depthsBefore);

        // New symbols, the book moved to another instrument: once MSFT's book has arrived, the
        // server has dealt with everything sent before it.
        feed.setSymbols({Apple});
        feed.watchDepth(Microsoft);
        QTRY_VERIFY_WITH_TIMEOUT(got.instruments.contains(Microsoft) && !got.depths.isEmpty() &&
                                     got.depths.constLast().startsWith(Microsoft),
                                 Patience);
        got.clearData();
        m.step();
        QTRY_COMPARE_WITH_TIMEOUT(got.quotes.size(), 2, Patience);
        QCOMPARE(got.instruments.contains(TenYear), false);
        QTRY_VERIFY_WITH_TIMEOUT(!got.depths.isEmpty(), Patience);
        for (const QString &book : std::as_const(got.depths))
            QVERIFY2(book.startsWith(Microsoft), qPrintable(book)); // Apple's book is off
    }

    void unsubscribedSymbolsDoNotArrive()
    {
        Market m;
        RawClient client(wsUrl(m.port));
        QTRY_VERIFY_WITH_TIMEOUT(!client.frames.isEmpty(), Patience);
        client.socket.sendTextMessage(encodeSubscribe({Apple, Microsoft}, true));
        QTRY_COMPARE_WITH_TIMEOUT(client.received<SubscriptionState>().size(), 1, Patience);
        client.socket.sendTextMessage(encodeUnsubscribe({Microsoft}));
        QTRY_COMPARE_WITH_TIMEOUT(client.received<SubscriptionState>().size(), 2, Patience);
        QCOMPARE(client.received<SubscriptionState>().constLast().symbols, QStringList{Apple});
        QCOMPARE(client.received<SubscriptionState>().constLast().depth, QStringList{Apple});
        client.frames.clear();
        for (int i = 0; i < 5; ++i)
            m.step();
        QTRY_COMPARE_WITH_TIMEOUT(client.received<Quote>().size(), 5, Patience);
        for (const Quote &q : client.received<Quote>())
            QCOMPARE(q.instrument, Apple);
        for (const TradePrint &t : client.received<TradePrint>())
            QCOMPARE(t.instrument, Apple);
        QTRY_VERIFY_WITH_TIMEOUT(!client.received<DepthUpdate>().isEmpty(), Patience);
        for (const DepthUpdate &d : client.received<DepthUpdate>())
            QCOMPARE(d.instrument, Apple);
    }

    void malformedRequestsGetAnErrorAndTheConnectionStays_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QStringLiteral("subscribe me to AAPL") << false
                                  << QStringLiteral("not JSON");
        QTest::newRow("array") << QStringLiteral("[1,2,3]") << false << QStringLiteral("not a JSON object");
        QTest::newRow("symbols a string") << QStringLiteral("{\"op\":\"subscribe\",\"symbols\":\"AAPL\"}")
                                          << false << QStringLiteral("\"symbols\" must be a list");
        QTest::newRow("depth a string")
            << QStringLiteral("{\"op\":\"subscribe\",\"symbols\":[\"AAPL\"],\"depth\":\"yes\"}") << false
            << QStringLiteral("\"depth\" must be true or false");
        QTest::newRow("symbol a number") << QStringLiteral("{\"op\":\"unsubscribe\",\"symbols\":[42]}")
                                         << false << QStringLiteral("entry 1 must be a string");
        QTest::newRow("unknown op") << QStringLiteral("{\"op\":\"dance\"}") << false
                                    << QStringLiteral("unknown op \"dance\"");
        QTest::newRow("oversized") << (QStringLiteral("{\"op\":\"ping\",\"pad\":\"") +
                                       QString(70'000, QLatin1Char('x')) + QStringLiteral("\"}"))
                                   << false << QStringLiteral("over the 65536-byte limit");
        QTest::newRow("binary") << QStringLiteral("{\"op\":\"ping\"}") << true
                                << QStringLiteral("binary frames");
    }

    void malformedRequestsGetAnErrorAndTheConnectionStays()
    {
        QFETCH(QString, frame);
        QFETCH(bool, binary);
        QFETCH(QString, message);
        Market m;
        RawClient client(wsUrl(m.port));
        QTRY_VERIFY_WITH_TIMEOUT(!client.frames.isEmpty(), Patience);
        if (binary)
            client.socket.sendBinaryMessage(frame.toUtf8());
        else
            client.socket.sendTextMessage(frame);
        QTRY_COMPARE_WITH_TIMEOUT(client.received<FeedError>().size(), 1, Patience);
        const QString error = client.received<FeedError>().first().message;
        QVERIFY2(error.contains(message), qPrintable(error));

        // The same connection still works.
        client.socket.sendTextMessage(encodeSubscribe({Apple}, false));
        QTRY_COMPARE_WITH_TIMEOUT(client.received<SubscriptionState>().size(), 1, Patience);
        QCOMPARE(client.received<SubscriptionState>().first().symbols, QStringList{Apple});
        QTRY_COMPARE_WITH_TIMEOUT(client.received<Quote>().size(), 1, Patience); // the snapshot
        m.step();
        QTRY_COMPARE_WITH_TIMEOUT(client.received<Quote>().size(), 2, Patience);
        QCOMPARE(client.received<Quote>().constLast().instrument, Apple);
        QCOMPARE(m.server.clientCount(), 1);
        QCOMPARE(client.received<FeedError>().size(), 1);
    }

    void malformedServerFramesAreReportedAndSkipped()
    {
        Quote good;
        good.instrument = Apple;
        good.bid = Price(22849);
        good.ask = Price(22851);
        good.bidQuantity = Quantity(300);
        good.askQuantity = Quantity(1200);
        good.timeUs = Friday;
        const TradePrint print{Apple, Price(22851), Quantity(100), Side::Buy, Friday + 5};
        ScriptedServer server([&](QWebSocket *s) {
            s->sendTextMessage(helloFrame());
            s->sendTextMessage(QStringLiteral("garbage, not JSON"));
            s->sendTextMessage(QStringLiteral("{\"type\":\"quote\",\"symbol\":\"AAPL\",\"bid\":\"22849\","
                                              "\"bidQty\":300,\"ask\":22851,\"askQty\":1200,\"time\":1}"));
            s->sendTextMessage(QStringLiteral("{\"type\":\"trade\",\"symbol\":\"AAPL\",\"price\":22851,"
                                              "\"qty\":-100,\"aggressor\":\"buy\",\"time\":1}"));
            s->sendTextMessage(QStringLiteral("{\"type\":\"weather\"}"));
            s->sendBinaryMessage(QByteArray(16, '\x01'));
            s->sendTextMessage(encodeQuote(good));
            s->sendTextMessage(encodeTrade(print));
        });
        WebSocketFeed feed(wsUrl(server.port()), {Apple});
        FeedRecorder got(feed);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(got.trades.size(), 1, Patience);
        QCOMPARE(got.quotes, QStringList{describe(good)});
        QCOMPARE(got.trades, QStringList{describe(print)});
        QCOMPARE(got.problems.size(), 5);
        QVERIFY2(got.problems.at(0).contains(QStringLiteral("not JSON")), qPrintable(got.problems.at(0)));
        QVERIFY2(got.problems.at(1).contains(QStringLiteral("\"bid\" must be an integer")),
                 qPrintable(got.problems.at(1)));
        QVERIFY2(got.problems.at(2).contains(QStringLiteral("\"qty\" must be positive")),
                 qPrintable(got.problems.at(2)));
        QVERIFY2(got.problems.at(3).contains(QStringLiteral("unknown type \"weather\"")),
                 qPrintable(got.problems.at(3)));
        QVERIFY2(got.problems.at(4).contains(QStringLiteral("binary")), qPrintable(got.problems.at(4)));
        QCOMPARE(stateName(feed.status().state), QStringLiteral("Live"));
        QCOMPARE(server.clients.size(), 1); // skipped, not reconnected
    }

    void reconnectsAndSubscribesAgainAfterAServerRestart()
    {
        Market m;
        FeedOptions options;
        options.initialBackoffMs = 50;
        options.maxBackoffMs = 400;
        WebSocketFeed feed(wsUrl(m.port), {Apple}, options);
        FeedRecorder got(feed);
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);
        QTRY_COMPARE_WITH_TIMEOUT(got.quotes.size(), 1, Patience); // the snapshot
        m.step();
        QTRY_COMPARE_WITH_TIMEOUT(got.quotes.size(), 2, Patience);

        const quint16 port = m.port;
        m.server.close();
        QTRY_VERIFY_WITH_TIMEOUT(got.states.contains(FeedStatus::State::Disconnected), Patience);
        // Refused while the server is down: it keeps trying, and says so.
        QTRY_VERIFY_WITH_TIMEOUT(feed.status().reconnects >= 2, Patience);
        QTRY_VERIFY_WITH_TIMEOUT(feed.status().text().startsWith(QStringLiteral("Feed down: ")), Patience);
        QVERIFY2(feed.status().text().contains(QStringLiteral("retry in")) ||
                     feed.status().state == FeedStatus::State::Connecting,
                 qPrintable(feed.status().text()));
        QVERIFY(!feed.status().lastError.isEmpty());

        auto again = m.server.listen(QHostAddress::LocalHost, port);
        QVERIFY2(again.ok(), qPrintable(again.message()));
        QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);
        const qsizetype live = got.states.lastIndexOf(FeedStatus::State::Live);
        const qsizetype down = got.states.indexOf(FeedStatus::State::Disconnected);
        const qsizetype connecting = got.states.indexOf(FeedStatus::State::Connecting, down);
        QVERIFY(down >= 0 && connecting > down && live > connecting);

        // Subscribed again without being asked: the snapshot, then the market.
        QTRY_COMPARE_WITH_TIMEOUT(got.quotes.size(), 3, Patience);
        got.clearData();
        VenueRecorder sent(m.venue, {Apple});
        m.step();
        m.step();
        QTRY_COMPARE_WITH_TIMEOUT(got.quotes, sent.quotes, Patience);
        QCOMPARE(got.instruments, QSet<QString>{Apple});
    }

    void silenceMakesTheFeedStaleAndAMessageLiveAgain()
    {
        ScriptedServer server([](QWebSocket *s) { s->sendTextMessage(helloFrame()); }); // and then nothing
        FeedOptions options;
        options.staleAfterMs = 300;
        WebSocketFeed feed(wsUrl(server.port()), {Apple}, options);
        FeedRecorder got(feed);
        QElapsedTimer clock;
        clock.start();
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);
        QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Stale"), Patience);
        QVERIFY(clock.elapsed() >= 300);
        QVERIFY(feed.status().lastMessageAgeMs >= 300);
        QVERIFY2(feed.status().text().startsWith(QStringLiteral("Feed stale ")),
                 qPrintable(feed.status().text()));
        QCOMPARE(server.clients.size(), 1);

        server.clients.first()->sendTextMessage(encodeHeartbeat(nowUtcMicros()));
        QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);
        QVERIFY(feed.status().lastMessageAgeMs < 300);
        QCOMPARE(got.states, (QList<FeedStatus::State>{FeedStatus::State::Connecting, FeedStatus::State::Live,
                                                       FeedStatus::State::Stale, FeedStatus::State::Live}));
    }

    void heartbeatsEverySecondAndOnPing()
    {
        Market m; // nobody steps the venue: only heartbeats arrive
        RawClient client(wsUrl(m.port));
        QTRY_VERIFY_WITH_TIMEOUT(client.received<Heartbeat>().size() >= 3, Patience);
        const QList<Heartbeat> beats = client.received<Heartbeat>();
        for (qsizetype i = 1; i < beats.size(); ++i) {
            const qint64 gapUs = beats.at(i).serverTimeUs - beats.at(i - 1).serverTimeUs;
            QVERIFY2(gapUs > 500'000 && gapUs < 2'500'000, qPrintable(QString::number(gapUs)));
        }
    }

    void tls()
    {
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(), "the openssl command is needed to make a test certificate");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QProcess make;
        make.start(openssl,
                   {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                    QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
        QVERIFY(make.waitForFinished(30000));
        QVERIFY2(make.exitStatus() == QProcess::NormalExit && make.exitCode() == 0,
                 make.readAllStandardError().constData());

        const ReferenceData reference = test::market();
        SimulatedVenue venue(reference, 3, Friday);
        MarketDataServer server(venue, reference);
        auto missing = server.listen(QHostAddress::LocalHost, 0,
                                     TlsFiles{dir.filePath(QStringLiteral("nope.pem")), key});
        QVERIFY(!missing.ok());
        QVERIFY2(missing.message().contains(QStringLiteral("nope.pem")), qPrintable(missing.message()));
        auto notAKey = server.listen(QHostAddress::LocalHost, 0, TlsFiles{cert, cert});
        QVERIFY(!notAKey.ok());
        QVERIFY2(notAKey.message().contains(QStringLiteral("private key")), qPrintable(notAKey.message()));
        auto listening = server.listen(QHostAddress::LocalHost, 0, TlsFiles{cert, key});
        QVERIFY2(listening.ok(), qPrintable(listening.message()));
        const QUrl url = wsUrl(*listening, true);

        // (a) Verification is on by default: a certificate nobody vouches for is refused.
        {
            FeedOptions options;
            options.initialBackoffMs = 50;
            options.maxBackoffMs = 200;
            WebSocketFeed feed(url, {Apple}, options);
            FeedRecorder got(feed);
            feed.start();
            QTRY_VERIFY_WITH_TIMEOUT(feed.status().reconnects >= 1 && !feed.status().lastError.isEmpty(),
                                     Patience);
            QVERIFY2(feed.status().lastError.contains(QStringLiteral("certificate")),
                     qPrintable(feed.status().lastError));
            QVERIFY(!got.states.contains(FeedStatus::State::Live));
            QVERIFY(got.quotes.isEmpty());
        }
        // (b) With the certificate as a CA: live, and market data flows.
        {
            FeedOptions options;
            options.caCertificatesFile = cert;
            WebSocketFeed feed(url, {Apple}, options);
            FeedRecorder got(feed);
            feed.start();
            QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);
            QTRY_COMPARE_WITH_TIMEOUT(got.quotes.size(), 1, Patience);
            venue.step();
            QTRY_COMPARE_WITH_TIMEOUT(got.quotes.size(), 2, Patience);
            QCOMPARE(got.quotes.constLast(), describe(venue.topOfBook(Apple)));
        }
        // (c) Verification off, deliberately.
        {
            FeedOptions options;
            options.verifyPeer = false;
            WebSocketFeed feed(url, {Apple}, options);
            feed.start();
            QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);
        }
        // A CA file that is not there is an error, not a silent fallback to no verification.
        {
            FeedOptions options;
            options.caCertificatesFile = dir.filePath(QStringLiteral("missing-ca.pem"));
            WebSocketFeed feed(url, {Apple}, options);
            FeedRecorder got(feed);
            feed.start();
            QCOMPARE(stateName(feed.status().state), QStringLiteral("Disconnected"));
            QVERIFY2(feed.status().lastError.contains(QStringLiteral("missing-ca.pem")),
                     qPrintable(feed.status().lastError));
            QCOMPARE(got.problems.size(), 1);
        }
    }

    void aClientThatCannotKeepUpIsDropped()
    {
        Market m;
        m.server.setSlowClientLimit(256 * 1024);
        // A healthy feed beside it must not suffer.
        WebSocketFeed feed(wsUrl(m.port), {Apple});
        feed.start();
        QTRY_COMPARE_WITH_TIMEOUT(stateName(feed.status().state), QStringLiteral("Live"), Patience);

        // A client that completes the handshake, asks for everything and then never reads.
        QTcpSocket slow;
        slow.setReadBufferSize(4096);
        slow.connectToHost(QHostAddress::LocalHost, m.port);
        QVERIFY(slow.waitForConnected(Patience));
        slow.write(QStringLiteral(
                       "GET / HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                       .arg(m.port)
                       .toLatin1());
        QTRY_COMPARE_WITH_TIMEOUT(m.server.clientCount(), 2, Patience);
        QStringList everything;
        for (const Instrument *i : m.reference.instruments())
            everything << i->id;
        slow.write(clientTextFrame(encodeSubscribe(everything, true).toUtf8()));

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot keep up")));
        const auto flood = [&m] {
            for (int i = 0; i < 10; ++i)
                m.step();
        };
        QTRY_VERIFY_WITH_TIMEOUT((flood(), m.server.clientCount() == 1), 20000);
        QCOMPARE(stateName(feed.status().state), QStringLiteral("Live"));
    }

    void protocolRoundTrip()
    {
        Quote q{Apple, Price(22849), std::nullopt, Quantity(300), Quantity(0), Friday, {}, {}};
        auto quote = decodeMessage(encodeQuote(q));
        QVERIFY2(quote.ok(), qPrintable(quote.message()));
        QCOMPARE(describe(std::get<Quote>(*quote)), describe(q));

        const TradePrint t{TenYear, Price(25472), Quantity(5'000'000), Side::Sell, Friday + 1};
        auto trade = decodeMessage(encodeTrade(t));
        QVERIFY2(trade.ok(), qPrintable(trade.message()));
        QCOMPARE(describe(std::get<TradePrint>(*trade)), describe(t));

        const Bar b{Apple, Friday, Price(100), Price(110), Price(95), Price(104), Quantity(1234)};
        auto bar = decodeMessage(encodeBar(b));
        QVERIFY2(bar.ok(), qPrintable(bar.message()));
        QCOMPARE(describe(std::get<Bar>(*bar)), describe(b));

        DepthUpdate d{Apple,
                      {{Price(100), Quantity(5), 1}, {Price(99), Quantity(7), 2}},
                      {{Price(101), Quantity(3), 1}},
                      Friday};
        auto depth = decodeMessage(encodeDepth(d));
        QVERIFY2(depth.ok(), qPrintable(depth.message()));
        const DepthUpdate &back = std::get<DepthUpdate>(*depth);
        QCOMPARE(describeBook(back.instrument, back.bids, back.asks),
                 describeBook(d.instrument, d.bids, d.asks));
        QCOMPARE(back.timeUs, Friday);

        auto subscribe = decodeRequest(encodeSubscribe({Apple, TenYear}, true));
        QVERIFY2(subscribe.ok(), qPrintable(subscribe.message()));
        QCOMPARE(std::get<SubscribeRequest>(*subscribe).symbols, (QStringList{Apple, TenYear}));
        QCOMPARE(std::get<SubscribeRequest>(*subscribe).depth, true);
        QVERIFY(std::holds_alternative<PingRequest>(*decodeRequest(encodePing())));
        QCOMPARE(std::get<SubscriptionState>(
                     *decodeMessage(encodeSubscribed({{Apple}, {}, {QStringLiteral("X")}})))
                     .unknown,
                 QStringList{QStringLiteral("X")});
        QCOMPARE(std::get<FeedError>(*decodeMessage(encodeError(QStringLiteral("no")))).message,
                 QStringLiteral("no"));
        QCOMPARE(std::get<Heartbeat>(*decodeMessage(encodeHeartbeat(Friday))).serverTimeUs, Friday);
    }

    void protocolRejects_data()
    {
        QTest::addColumn<bool>("request"); // true: client → server; false: server → client
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("message");
        const QString quoteStart = QStringLiteral("{\"type\":\"quote\",\"symbol\":\"AAPL\",");
        const auto row = [](const char *name, bool request, const QString &frame, const QString &message) {
            QTest::newRow(name) << request << frame << message;
        };
        row("empty", true, QString(), QStringLiteral("empty frame"));
        row("not JSON", true, QStringLiteral("{\"op\":"), QStringLiteral("not JSON"));
        row("JSON but a number", false, QStringLiteral("42"), QStringLiteral("not"));
        row("JSON array", false, QStringLiteral("[{\"type\":\"heartbeat\",\"time\":1}]"),
            QStringLiteral("not a JSON object"));
        row("no op", true, QStringLiteral("{\"symbols\":[\"AAPL\"]}"), QStringLiteral("missing \"op\""));
        row("op a number", true, QStringLiteral("{\"op\":7}"), QStringLiteral("\"op\" must be a string"));
        row("unknown op", true, QStringLiteral("{\"op\":\"buy\"}"), QStringLiteral("unknown op \"buy\""));
        row("no symbols", true, QStringLiteral("{\"op\":\"subscribe\"}"),
            QStringLiteral("subscribe: missing \"symbols\""));
        row("empty symbols", true, QStringLiteral("{\"op\":\"unsubscribe\",\"symbols\":[]}"),
            QStringLiteral("names no symbols"));
        row("empty symbol", true, QStringLiteral("{\"op\":\"subscribe\",\"symbols\":[\"\"]}"),
            QStringLiteral("empty symbol"));
        row("symbol too long", true,
            QStringLiteral("{\"op\":\"subscribe\",\"symbols\":[\"%1\"]}").arg(QString(65, QLatin1Char('A'))),
            QStringLiteral("longer than 64"));
        row("oversized request", true,
            QStringLiteral("{\"op\":\"ping\",\"x\":\"%1\"}").arg(QString(70'000, QLatin1Char('x'))),
            QStringLiteral("over the 65536-byte limit"));
        row("oversized in UTF-8", false,
            QStringLiteral("{\"type\":\"error\",\"message\":\"%1\"}").arg(QString(33'000, QChar(0x00e9))),
            QStringLiteral("frame of 66"));
        row("no type", false, QStringLiteral("{\"symbol\":\"AAPL\"}"), QStringLiteral("missing \"type\""));
        row("unknown type", false, QStringLiteral("{\"type\":\"news\"}"),
            QStringLiteral("unknown type \"news\""));
        row("quote bid a string", false,
            quoteStart + QStringLiteral("\"bid\":\"1\",\"bidQty\":1,\"askQty\":1,\"time\":1}"),
            QStringLiteral("quote: \"bid\" must be an integer"));
        row("quote bid fractional", false,
            quoteStart + QStringLiteral("\"bid\":1.5,\"bidQty\":1,\"askQty\":1,\"time\":1}"),
            QStringLiteral("\"bid\" must be an integer"));
        row("quote negative quantity", false,
            quoteStart + QStringLiteral("\"bid\":1,\"bidQty\":-5,\"askQty\":1,\"time\":1}"),
            QStringLiteral("\"bidQty\" must not be negative"));
        row("quote no time", false, quoteStart + QStringLiteral("\"bidQty\":1,\"askQty\":1}"),
            QStringLiteral("missing \"time\""));
        row("quote huge number", false,
            quoteStart + QStringLiteral("\"bid\":1e300,\"bidQty\":1,\"askQty\":1,\"time\":1}"),
            QStringLiteral("\"bid\" must be an integer"));
        row("quote symbol a list", false,
            QStringLiteral("{\"type\":\"quote\",\"symbol\":[\"AAPL\"],\"bidQty\":1,\"askQty\":1,\"time\":1}"),
            QStringLiteral("\"symbol\" must be a string"));
        row("trade bad aggressor", false,
            QStringLiteral("{\"type\":\"trade\",\"symbol\":\"AAPL\",\"price\":1,\"qty\":1,\"aggressor\":"
                           "\"up\",\"time\":1}"),
            QStringLiteral("\"aggressor\" must be \"buy\" or \"sell\""));
        row("trade zero quantity", false,
            QStringLiteral("{\"type\":\"trade\",\"symbol\":\"AAPL\",\"price\":1,\"qty\":0,\"aggressor\":"
                           "\"buy\",\"time\":1}"),
            QStringLiteral("\"qty\" must be positive"));
        row("bar high below close", false,
            QStringLiteral("{\"type\":\"bar\",\"symbol\":\"AAPL\",\"start\":1,\"open\":10,\"high\":11,"
                           "\"low\":9,\"close\":12,\"volume\":5}"),
            QStringLiteral("between low and high"));
        QString elevenLevels;
        for (int i = 0; i < 11; ++i)
            elevenLevels +=
                QStringLiteral("%1[%2,1,1]").arg(i ? QStringLiteral(",") : QString()).arg(100 - i);
        row("depth eleven levels", false,
            QStringLiteral("{\"type\":\"depth\",\"symbol\":\"AAPL\",\"time\":1,\"bids\":[%1],\"asks\":[]}")
                .arg(elevenLevels),
            QStringLiteral("\"bids\" has 11 levels; at most 10"));
        row("depth level not a triple", false,
            QStringLiteral(
                "{\"type\":\"depth\",\"symbol\":\"AAPL\",\"time\":1,\"bids\":[[100,1]],\"asks\":[]}"),
            QStringLiteral("\"bids\" level 1 must be [price, quantity, orders]"));
        row("depth negative quantity", false,
            QStringLiteral(
                "{\"type\":\"depth\",\"symbol\":\"AAPL\",\"time\":1,\"bids\":[],\"asks\":[[101,-1,1]]}"),
            QStringLiteral("\"asks\" level 1 quantity must be positive"));
        row("depth asks out of order", false,
            QStringLiteral("{\"type\":\"depth\",\"symbol\":\"AAPL\",\"time\":1,\"bids\":[],\"asks\":[[101,1,"
                           "1],[100,1,1]]}"),
            QStringLiteral("asks go best first"));
        row("depth no asks", false,
            QStringLiteral("{\"type\":\"depth\",\"symbol\":\"AAPL\",\"time\":1,\"bids\":[]}"),
            QStringLiteral("missing \"asks\""));
        row("hello version a string", false,
            QStringLiteral("{\"type\":\"hello\",\"venue\":\"x\",\"version\":\"1\",\"symbols\":[]}"),
            QStringLiteral("\"version\" must be an integer"));
        row("subscribed unknown not a list", false,
            QStringLiteral("{\"type\":\"subscribed\",\"symbols\":[],\"depth\":[],\"unknown\":\"NOPE\"}"),
            QStringLiteral("\"unknown\" must be a list"));
        row("heartbeat negative time", false, QStringLiteral("{\"type\":\"heartbeat\",\"time\":-1}"),
            QStringLiteral("\"time\" must not be negative"));
        row("error without message", false, QStringLiteral("{\"type\":\"error\"}"),
            QStringLiteral("missing \"message\""));
    }

    void protocolRejects()
    {
        QFETCH(bool, request);
        QFETCH(QString, frame);
        QFETCH(QString, message);
        const QString error = request ? decodeRequest(frame).message() : decodeMessage(frame).message();
        QVERIFY2(!error.isEmpty(), "accepted");
        QVERIFY2(error.contains(message), qPrintable(error));
        const ErrorCode code = request ? decodeRequest(frame).code() : decodeMessage(frame).code();
        QCOMPARE(int(code), int(ErrorCode::InvalidArgument));
    }

    // Valid frames cut short and with bytes changed at random: every one decodes or is refused
    // with a message; none crashes (run under the sanitizers to mean more).
    void decodersSurviveDamagedFrames()
    {
        const QStringList valid{
            encodeQuote(Quote{Apple, Price(1), Price(2), Quantity(3), Quantity(4), Friday, {}, {}}),
            encodeTrade(TradePrint{Apple, Price(1), Quantity(2), Side::Sell, Friday}),
            encodeBar(Bar{Apple, Friday, Price(2), Price(3), Price(1), Price(2), Quantity(9)}),
            encodeDepth(DepthUpdate{Apple,
                                    {{Price(2), Quantity(1), 1}, {Price(1), Quantity(5), 2}},
                                    {{Price(3), Quantity(1), 1}},
                                    Friday}),
            encodeHello(FeedHello{QStringLiteral("simulated"), 1, {Apple, TenYear}}),
            encodeSubscribed(SubscriptionState{{Apple}, {Apple}, {QStringLiteral("NOPE")}}),
            encodeHeartbeat(Friday),
            encodeError(QStringLiteral("no")),
            encodeSubscribe({Apple, TenYear}, true),
            encodeUnsubscribe({Apple}),
            encodePing(),
        };
        QRandomGenerator random(20261121);
        const QString alphabet = QStringLiteral("{}[]\",:-.0123456789eE abcnulltrue\\\u00e9");
        const int firstRequest = 8; // subscribe, unsubscribe, ping
        int refused = 0, accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            const int source = random.bounded(int(valid.size()));
            QString frame = valid.at(source);
            const int edits = random.bounded(1, 4);
            for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
                const int at = random.bounded(int(frame.size()));
                switch (random.bounded(3)) {
                case 0:
                    frame[at] = alphabet.at(random.bounded(int(alphabet.size())));
                    break;
                case 1:
                    frame.truncate(at);
                    break;
                default:
                    frame.insert(at, alphabet.at(random.bounded(int(alphabet.size()))));
                    break;
                }
            }
            const auto request = decodeRequest(frame);
            const auto message = decodeMessage(frame);
            if (!request.ok())
                QVERIFY2(!request.message().isEmpty(), qPrintable(frame));
            if (!message.ok())
                QVERIFY2(!message.message().isEmpty(), qPrintable(frame));
            const bool ok = source >= firstRequest ? request.ok() : message.ok();
            ok ? ++accepted : ++refused;
        }
        QVERIFY(refused > 10000); // the damage did reach the decoders
        QVERIFY(accepted > 0);    // and they are not refusing everything
    }

    void statusText()
    {
        FeedStatus s;
        QCOMPARE(s.text(), QStringLiteral("Feed off"));
        s.state = FeedStatus::State::Live;
        s.lastMessageAgeMs = 230;
        QCOMPARE(s.text(), QStringLiteral("Feed live · 0.2 s"));
        s.state = FeedStatus::State::Stale;
        s.lastMessageAgeMs = 4120;
        QCOMPARE(s.text(), QStringLiteral("Feed stale 4.1 s"));
        s.state = FeedStatus::State::Disconnected;
        s.lastError = QStringLiteral("Connection refused");
        s.reconnectInMs = 1800;
        QCOMPARE(s.text(), QStringLiteral("Feed down: connection refused · retry in 2 s"));
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFeed)
#include "tst_websocketfeed.moc"
