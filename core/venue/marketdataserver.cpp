#include "venue/marketdataserver.h"

#include "refdata/referencedata.h"
#include "venue/simulatedvenue.h"

#include <QFile>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

namespace instant {

namespace {

// Frames past the protocol's limit get an error back; past this one the socket gives up on the
// connection instead of holding the frame in memory.
constexpr quint64 MaxIncomingBytes = 1024 * 1024;
constexpr int HeartbeatMs = 1000;

struct BookTop
{
    QList<LevelView> bids;
    QList<LevelView> asks;
};

bool sameLevels(const QList<LevelView> &a, const QList<LevelView> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const LevelView &x, const LevelView &y) {
                          return x.price == y.price && x.quantity == y.quantity && x.orders == y.orders;
                      });
}

bool sameTop(const BookTop &a, const BookTop &b)
{
    return sameLevels(a.bids, b.bids) && sameLevels(a.asks, b.asks);
}

QList<LevelView> toList(const std::vector<LevelView> &levels)
{
    return QList<LevelView>(levels.begin(), levels.end());
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList out(set.begin(), set.end());
    out.sort();
    return out;
}

Error cannotServe(const QString &message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

} // namespace

struct MarketDataServer::Client
{
    QWebSocket *socket = nullptr;
    QSet<QString> symbols;
    QSet<QString> depth;
    QHash<QString, BookTop> depthSent; // what this client last got of each book
    bool dropped = false;
};

MarketDataServer::MarketDataServer(SimulatedVenue &venue, const ReferenceData &reference, QObject *parent)
    : QObject(parent), m_venue(venue), m_reference(reference), m_heartbeat(this)
{
    connect(&m_venue, &Venue::quote, this,
            [this](const Quote &q) { forward(q.instrument, q, &encodeQuote); });
    connect(&m_venue, &Venue::trade, this,
            [this](const TradePrint &t) { forward(t.instrument, t, &encodeTrade); });
    connect(&m_venue, &Venue::bar, this, [this](const Bar &b) { forward(b.instrument, b, &encodeBar); });
    m_heartbeat.setInterval(HeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &MarketDataServer::heartbeat);
}

MarketDataServer::~MarketDataServer()
{
    const QSignalBlocker quiet(this);
    close();
}

Result<quint16> MarketDataServer::listen(const QHostAddress &address, quint16 port,
                                         const std::optional<TlsFiles> &tls)
{
    if (m_server && m_server->isListening())
        return cannotServe(
            QStringLiteral("market data is already served on port %1").arg(m_server->serverPort()));
    if (m_server) {
        m_server->deleteLater();
        m_server = nullptr;
    }

    QSslConfiguration ssl;
    if (tls) {
        if (!QSslSocket::supportsSsl())
            return cannotServe(QStringLiteral("cannot serve wss: this build has no TLS support"));
        QFile certificateFile(tls->certificateFile);
        if (!certificateFile.open(QIODevice::ReadOnly))
            return cannotServe(QStringLiteral("cannot read the certificate %1: %2")
                                   .arg(tls->certificateFile, certificateFile.errorString()));
        const QList<QSslCertificate> chain = QSslCertificate::fromDevice(&certificateFile, QSsl::Pem);
        if (chain.isEmpty() || chain.constFirst().isNull())
            return cannotServe(QStringLiteral("%1 holds no PEM certificate").arg(tls->certificateFile));
        QFile keyFile(tls->keyFile);
        if (!keyFile.open(QIODevice::ReadOnly))
            return cannotServe(QStringLiteral("cannot read the private key %1: %2")
                                   .arg(tls->keyFile, keyFile.errorString()));
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key;
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(keyPem, algorithm, QSsl::Pem);
            if (!key.isNull())
                break;
        }
        if (key.isNull())
            return cannotServe(
                QStringLiteral("%1 holds no unencrypted PEM private key (RSA, EC or DSA)").arg(tls->keyFile));
        ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    }

    m_server =
        new QWebSocketServer(QStringLiteral("Instant market data"),
                             tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (tls)
        m_server->setSslConfiguration(ssl);
    connect(m_server, &QWebSocketServer::newConnection, this, &MarketDataServer::accept);
    if (!m_server->listen(address, port)) {
        const QString why = m_server->errorString();
        m_server->deleteLater();
        m_server = nullptr;
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot serve market data on %1:%2: %3")
                                                     .arg(address.toString())
                                                     .arg(port)
                                                     .arg(why));
    }
    m_heartbeat.start();
    return m_server->serverPort();
}

quint16 MarketDataServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

int MarketDataServer::clientCount() const
{
    return int(m_clients.size());
}

void MarketDataServer::close()
{
    m_heartbeat.stop();
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    const bool hadClients = !m_clients.isEmpty();
    for (const auto &client : std::as_const(m_clients)) {
        QWebSocket *socket = client->socket;
        disconnect(socket, nullptr, this, nullptr);
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("market data server closing"));
        socket->deleteLater();
    }
    m_clients.clear();
    m_subscribers.clear();
    m_depthSubscribers.clear();
    if (hadClients)
        Q_EMIT clientsChanged(0);
}

void MarketDataServer::accept()
{
    while (m_server && m_server->hasPendingConnections()) {
        QWebSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        socket->setParent(this); // not the server's: close() deletes the server before its sockets are done
        if (socket->state() != QAbstractSocket::ConnectedState) {
            socket->deleteLater();
            continue;
        }
        socket->setMaxAllowedIncomingFrameSize(MaxIncomingBytes);
        socket->setMaxAllowedIncomingMessageSize(MaxIncomingBytes);
        auto client = std::make_shared<Client>();
        client->socket = socket;
        connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &frame) {
            if (auto it = m_clients.constFind(socket); it != m_clients.cend())
                onRequest(**it, frame);
        });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray &) {
            if (auto it = m_clients.constFind(socket); it != m_clients.cend())
                send(**it, encodeError(QStringLiteral(
                               "binary frames are not part of the protocol: send JSON text frames")));
        });
        // Queued: a client goes away only between deliveries, never while one loops over clients.
        connect(
            socket, &QWebSocket::disconnected, this,
            [this, guard = QPointer<QWebSocket>(socket)] {
                if (guard)
                    forget(guard);
            },
            Qt::QueuedConnection);
        m_clients.insert(socket, client);

        FeedHello hello;
        hello.venue = m_venue.name();
        for (const Instrument *i : m_reference.instruments())
            hello.instruments << i->id;
        send(*client, encodeHello(hello));
        Q_EMIT clientsChanged(clientCount());
    }
}

void MarketDataServer::onRequest(Client &client, const QString &frame)
{
    if (client.dropped)
        return;
    auto request = decodeRequest(frame);
    if (!request) {
        send(client, encodeError(request.message()));
        return;
    }
    if (const auto *s = std::get_if<SubscribeRequest>(&*request))
        subscribe(client, *s);
    else if (const auto *u = std::get_if<UnsubscribeRequest>(&*request))
        unsubscribe(client, u->symbols);
    else
        send(client, encodeHeartbeat(nowUtcMicros()));
}

void MarketDataServer::subscribe(Client &client, const SubscribeRequest &request)
{
    QStringList unknown;
    QStringList known;
    for (const QString &symbol : request.symbols) {
        const Instrument *instrument = m_reference.instrument(symbol);
        if (!instrument || instrument->id != symbol) {
            if (!unknown.contains(symbol))
                unknown << symbol;
            continue;
        }
        if (known.contains(symbol))
            continue;
        known << symbol;
        client.symbols.insert(symbol);
        m_subscribers[symbol].insert(&client);
        if (request.depth) {
            client.depth.insert(symbol);
            m_depthSubscribers[symbol].insert(&client);
        } else {
            client.depth.remove(symbol);
            client.depthSent.remove(symbol);
            if (auto it = m_depthSubscribers.find(symbol); it != m_depthSubscribers.end()) {
                it->remove(&client);
                if (it->isEmpty())
                    m_depthSubscribers.erase(it);
            }
        }
    }
    send(client, encodeSubscribed(state(client, unknown)));
    // A snapshot, so that a new subscriber paints at once rather than at the next change.
    for (const QString &symbol : std::as_const(known)) {
        send(client, encodeQuote(m_venue.topOfBook(symbol)));
        if (request.depth)
            sendDepth(client, symbol, false);
    }
}

void MarketDataServer::unsubscribe(Client &client, const QStringList &symbols)
{
    QStringList unknown;
    for (const QString &symbol : symbols) {
        const Instrument *instrument = m_reference.instrument(symbol);
        if (!instrument || instrument->id != symbol) {
            if (!unknown.contains(symbol))
                unknown << symbol;
            continue;
        }
        client.symbols.remove(symbol);
        client.depth.remove(symbol);
        client.depthSent.remove(symbol);
        for (auto *index : {&m_subscribers, &m_depthSubscribers}) {
            if (auto it = index->find(symbol); it != index->end()) {
                it->remove(&client);
                if (it->isEmpty())
                    index->erase(it);
            }
        }
    }
    send(client, encodeSubscribed(state(client, unknown)));
}

SubscriptionState MarketDataServer::state(const Client &client, QStringList unknown) const
{
    return SubscriptionState{sorted(client.symbols), sorted(client.depth), std::move(unknown)};
}

void MarketDataServer::publishDepth()
{
    for (auto it = m_depthSubscribers.cbegin(); it != m_depthSubscribers.cend(); ++it) {
        const QSet<Client *> clients = it.value();
        for (Client *client : clients)
            sendDepth(*client, it.key(), true);
    }
}

void MarketDataServer::sendDepth(Client &client, const QString &instrument, bool onlyIfChanged)
{
    const venue::OrderBook *book = m_venue.book(instrument);
    if (!book || client.dropped)
        return;
    BookTop top{toList(book->depth(Side::Buy, MaxDepthLevels)),
                toList(book->depth(Side::Sell, MaxDepthLevels))};
    if (onlyIfChanged) {
        if (auto sent = client.depthSent.constFind(instrument);
            sent != client.depthSent.cend() && sameTop(*sent, top))
            return;
    }
    send(client, encodeDepth(DepthUpdate{instrument, top.bids, top.asks, m_venue.nowUs()}));
    client.depthSent.insert(instrument, std::move(top));
}

template <typename Item>
void MarketDataServer::forward(const QString &instrument, const Item &item, QString (*encode)(const Item &))
{
    const auto it = m_subscribers.constFind(instrument);
    if (it == m_subscribers.cend() || it->isEmpty())
        return;
    const QString frame = encode(item);
    const QSet<Client *> clients = *it;
    for (Client *client : clients)
        send(*client, frame);
}

void MarketDataServer::heartbeat()
{
    if (m_clients.isEmpty())
        return;
    const QString frame = encodeHeartbeat(nowUtcMicros());
    for (const auto &client : std::as_const(m_clients))
        send(*client, frame);
}

void MarketDataServer::send(Client &client, const QString &frame)
{
    if (client.dropped)
        return;
    client.socket->sendTextMessage(frame);
    if (client.socket->bytesToWrite() > m_slowClientLimit)
        drop(client, QStringLiteral("%1 bytes waiting to be sent, over the limit of %2")
                         .arg(client.socket->bytesToWrite())
                         .arg(m_slowClientLimit));
}

void MarketDataServer::drop(Client &client, const QString &why)
{
    client.dropped = true;
    qWarning("instant: market data: dropping the client at %s:%u, which cannot keep up (%s)",
             qPrintable(client.socket->peerAddress().toString()), unsigned(client.socket->peerPort()),
             qPrintable(why));
    // Later: the caller may be looping over the clients.
    QMetaObject::invokeMethod(
        this,
        [this, guard = QPointer<QWebSocket>(client.socket)] {
            if (!guard)
                return;
            guard->abort();
            forget(guard);
        },
        Qt::QueuedConnection);
}

void MarketDataServer::forget(QWebSocket *socket)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    const std::shared_ptr<Client> client = it.value();
    m_clients.erase(it);
    for (auto *index : {&m_subscribers, &m_depthSubscribers}) {
        for (const QString &symbol : std::as_const(client->symbols)) {
            if (auto found = index->find(symbol); found != index->end()) {
                found->remove(client.get());
                if (found->isEmpty())
                    index->erase(found);
            }
        }
    }
    disconnect(socket, nullptr, this, nullptr);
    socket->deleteLater();
    Q_EMIT clientsChanged(clientCount());
}

} // namespace instant
