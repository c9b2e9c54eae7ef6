#include "marketdata/websocketfeed.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QWebSocket>

#include <algorithm>
#include <cmath>
#include <utility>

namespace instant {

namespace {

// A server frame past the protocol's limit is reported; past this one the socket drops the
// connection rather than hold it in memory.
constexpr quint64 MaxIncomingBytes = 1024 * 1024;
constexpr int ConnectTimeoutMs = 10000;
// Symbols per subscribe frame: 500 of the longest symbols still fit well inside a frame.
constexpr qsizetype SymbolsPerRequest = 500;

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

QString startingLowerCase(QString text)
{
    if (text.size() > 1 && text.at(0).isUpper() && !text.at(1).isUpper())
        text[0] = text.at(0).toLower();
    return text;
}

QStringList withoutDuplicates(QStringList list)
{
    list.removeDuplicates();
    list.removeAll(QString());
    return list;
}

} // namespace

QString FeedStatus::text() const
{
    switch (state) {
    case State::Live:
        return QStringLiteral("Feed live · ") + seconds(std::max<qint64>(lastMessageAgeMs, 0));
    case State::Stale:
        return QStringLiteral("Feed stale ") + seconds(std::max<qint64>(lastMessageAgeMs, 0));
    case State::Connecting:
        return reconnects > 0 ? QStringLiteral("Feed connecting (attempt %1)…").arg(reconnects + 1)
                              : QStringLiteral("Feed connecting…");
    case State::Disconnected:
        break;
    }
    if (lastError.isEmpty() && reconnectInMs <= 0)
        return QStringLiteral("Feed off");
    QString text = lastError.isEmpty() ? QStringLiteral("Feed down")
                                       : QStringLiteral("Feed down: ") + startingLowerCase(lastError);
    if (reconnectInMs > 0)
        text += QStringLiteral(" · retry in %1 s").arg(qint64(std::ceil(double(reconnectInMs) / 1000.0)));
    return text;
}

WebSocketFeed::WebSocketFeed(QUrl url, QStringList symbols, FeedOptions options, QObject *parent)
    : QObject(parent), m_url(std::move(url)), m_symbols(withoutDuplicates(std::move(symbols))),
      m_options(std::move(options)), m_reconnectTimer(this), m_silenceTimer(this) // children: they move with the feed to its thread
{
    static const int registered = [] {
        qRegisterMetaType<instant::FeedStatus>();
        qRegisterMetaType<instant::Quote>();
        qRegisterMetaType<instant::TradePrint>();
        qRegisterMetaType<instant::Bar>();
        qRegisterMetaType<QList<instant::LevelView>>();
        return 0;
    }();
    Q_UNUSED(registered);
    m_options.staleAfterMs = std::max(1, m_options.staleAfterMs);
    m_options.initialBackoffMs = std::max(1, m_options.initialBackoffMs);
    m_options.maxBackoffMs = std::max(m_options.initialBackoffMs, m_options.maxBackoffMs);
    m_reconnectTimer.setSingleShot(true);
    m_silenceTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        ++m_reconnects;
        connectNow();
    });
    connect(&m_silenceTimer, &QTimer::timeout, this, &WebSocketFeed::onSilence);
}

WebSocketFeed::~WebSocketFeed()
{
    const QSignalBlocker quiet(this);
    stop();
}

void WebSocketFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    m_failures = 0;
    m_reconnects = 0;
    m_lastError.clear();
    connectNow();
}

void WebSocketFeed::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_silenceTimer.stop();
    m_lastError.clear();
    dropSocket();
    announce(FeedStatus::State::Disconnected);
}

FeedStatus WebSocketFeed::status() const
{
    FeedStatus s;
    s.state = m_state;
    s.url = m_url;
    s.lastMessageAgeMs = m_lastMessage.isValid() ? m_lastMessage.elapsed() : -1;
    s.reconnectInMs = m_reconnectTimer.isActive() ? std::max(1, m_reconnectTimer.remainingTime()) : 0;
    s.reconnects = m_reconnects;
    s.lastError = m_lastError;
    return s;
}

void WebSocketFeed::setSymbols(QStringList symbols)
{
    symbols = withoutDuplicates(std::move(symbols));
    QStringList gone;
    for (const QString &s : std::as_const(m_symbols))
        if (!symbols.contains(s) && s != m_depthInstrument)
            gone << s;
    QStringList added;
    for (const QString &s : std::as_const(symbols))
        if (!m_symbols.contains(s) && s != m_depthInstrument)
            added << s;
    m_symbols = std::move(symbols);
    if (!m_open)
        return; // sent on connecting
    unsubscribe(gone);
    subscribe(added, false);
}

void WebSocketFeed::watchDepth(const QString &instrument)
{
    if (instrument == m_depthInstrument)
        return;
    const QString previous = std::exchange(m_depthInstrument, instrument);
    if (!m_open)
        return;
    if (!previous.isEmpty()) {
        if (m_symbols.contains(previous))
            subscribe({previous}, false); // quotes still wanted, the book no more
        else
            unsubscribe({previous});
    }
    if (!instrument.isEmpty())
        subscribe({instrument}, true);
}

void WebSocketFeed::connectNow()
{
    if (!m_running)
        return;
    dropSocket();
    m_tlsError.clear();
    const QString scheme = m_url.scheme().toLower();
    if (!m_url.isValid() || (scheme != u"ws" && scheme != u"wss")) {
        m_lastError = QStringLiteral("%1 is not a ws:// or wss:// address").arg(m_url.toDisplayString());
        Q_EMIT problem(m_lastError);
        announce(FeedStatus::State::Disconnected);
        return; // retrying would not help
    }

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingFrameSize(MaxIncomingBytes);
    m_socket->setMaxAllowedIncomingMessageSize(MaxIncomingBytes);
    if (scheme == u"wss") {
        if (!QSslSocket::supportsSsl()) {
            m_lastError = QStringLiteral("this build has no TLS support for wss://");
            Q_EMIT problem(m_lastError);
            dropSocket();
            announce(FeedStatus::State::Disconnected);
            return;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(m_options.verifyPeer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
        if (!m_options.caCertificatesFile.isEmpty()) {
            const QList<QSslCertificate> ca = QSslCertificate::fromPath(
                m_options.caCertificatesFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
            if (ca.isEmpty()) {
                m_lastError =
                    QStringLiteral("cannot read CA certificates from %1").arg(m_options.caCertificatesFile);
                Q_EMIT problem(m_lastError);
                dropSocket();
                announce(FeedStatus::State::Disconnected);
                return;
            }
            ssl.addCaCertificates(ca);
        }
        m_socket->setSslConfiguration(ssl);
        connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList why;
            for (const QSslError &e : errors)
                why << e.errorString();
            m_tlsError = QStringLiteral("server certificate refused: ") + why.join(QStringLiteral("; "));
        });
    }
    connect(m_socket, &QWebSocket::connected, this, &WebSocketFeed::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WebSocketFeed::onFrame);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        Q_EMIT problem(
            QStringLiteral("skipped a binary frame of %1 bytes from the server: the protocol sends JSON text")
                .arg(frame.size()));
    });
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketFeed::connectionLost);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(m_socket, &QWebSocket::errorOccurred, this, &WebSocketFeed::connectionLost);
#else
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WebSocketFeed::connectionLost);
#endif
    connect(m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            connectionLost();
    });
    m_lastMessage.invalidate();
    m_silenceTimer.start(std::max(ConnectTimeoutMs, m_options.staleAfterMs));
    setState(FeedStatus::State::Connecting);
    m_socket->open(m_url);
}

void WebSocketFeed::dropSocket()
{
    m_open = false;
    if (!m_socket)
        return;
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    disconnect(socket, nullptr, this, nullptr);
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("feed stopped"));
    else
        socket->abort();
    socket->deleteLater();
}

void WebSocketFeed::onConnected()
{
    m_open = true;
    m_silenceTimer.start(m_options.staleAfterMs);
    sendSubscriptions();
}

void WebSocketFeed::connectionLost()
{
    // Errors, state changes and disconnection come in some order for one loss: handle it once,
    // after all of them, when the socket has said why.
    if (!m_socket || m_lossQueuedFor == m_socket)
        return;
    m_lossQueuedFor = m_socket;
    QMetaObject::invokeMethod(
        this,
        [this, socket = QPointer<QWebSocket>(m_socket)] {
            if (m_lossQueuedFor == socket)
                m_lossQueuedFor = nullptr;
            if (!socket || socket != m_socket || !m_running)
                return;
            if (socket->state() == QAbstractSocket::ConnectedState ||
                socket->state() == QAbstractSocket::ConnectingState ||
                socket->state() == QAbstractSocket::HostLookupState)
                return; // an error the socket survived
            if (!m_tlsError.isEmpty())
                m_lastError = m_tlsError;
            else if (socket->closeCode() != QWebSocketProtocol::CloseCodeNormal ||
                     !socket->closeReason().isEmpty())
                m_lastError =
                    QStringLiteral("server closed the connection (%1%2)")
                        .arg(int(socket->closeCode()))
                        .arg(socket->closeReason().isEmpty() ? QString()
                                                             : QStringLiteral(": ") + socket->closeReason());
            else if (socket->error() != QAbstractSocket::UnknownSocketError &&
                     !socket->errorString().isEmpty())
                m_lastError = socket->errorString();
            else
                m_lastError = QStringLiteral("server closed the connection");
            m_silenceTimer.stop();
            dropSocket();
            scheduleReconnect();
            announce(FeedStatus::State::Disconnected);
        },
        Qt::QueuedConnection);
}

void WebSocketFeed::scheduleReconnect()
{
    // Capped exponential back-off with jitter: half the step fixed, half random, so that many
    // workstations dropped together do not come back together.
    const int shift = std::min(m_failures, 20);
    const qint64 step = std::min<qint64>(m_options.maxBackoffMs, qint64(m_options.initialBackoffMs) << shift);
    const qint64 delay = step / 2 + QRandomGenerator::global()->bounded(step / 2 + 1);
    ++m_failures;
    m_reconnectTimer.start(int(std::max<qint64>(1, delay)));
}

void WebSocketFeed::onSilence()
{
    if (!m_socket)
        return;
    if (!m_open) {
        m_lastError = QStringLiteral("no answer from %1 within %2")
                          .arg(m_url.host(), seconds(m_silenceTimer.interval()));
        dropSocket();
        scheduleReconnect();
        announce(FeedStatus::State::Disconnected);
        return;
    }
    setState(FeedStatus::State::Stale);
    // A live server answers with a heartbeat; on a dead connection the writes make the socket
    // find out.
    m_socket->sendTextMessage(encodePing());
    m_silenceTimer.start(m_options.staleAfterMs);
}

void WebSocketFeed::onFrame(const QString &frame)
{
    m_lastMessage.start();
    m_silenceTimer.start(m_options.staleAfterMs);
    if (m_state != FeedStatus::State::Live) {
        m_failures = 0; // the connection worked: the next loss starts the back-off over
        m_lastError.clear();
        setState(FeedStatus::State::Live);
    }
    auto message = decodeMessage(frame);
    if (!message) {
        Q_EMIT problem(QStringLiteral("skipped a frame from the server: ") + message.message());
        return;
    }
    if (const auto *q = std::get_if<Quote>(&*message)) {
        Q_EMIT quote(*q);
    } else if (const auto *t = std::get_if<TradePrint>(&*message)) {
        Q_EMIT trade(*t);
    } else if (const auto *b = std::get_if<Bar>(&*message)) {
        Q_EMIT bar(*b);
    } else if (const auto *d = std::get_if<DepthUpdate>(&*message)) {
        Q_EMIT depth(d->instrument, d->bids, d->asks);
    } else if (const auto *h = std::get_if<FeedHello>(&*message)) {
        if (h->protocolVersion != MarketDataProtocolVersion)
            Q_EMIT problem(
                QStringLiteral("the server speaks market data protocol version %1; this feed speaks %2")
                    .arg(h->protocolVersion)
                    .arg(MarketDataProtocolVersion));
    } else if (const auto *s = std::get_if<SubscriptionState>(&*message)) {
        if (!s->unknown.isEmpty())
            Q_EMIT problem(
                QStringLiteral("the server does not list %1").arg(s->unknown.join(QStringLiteral(", "))));
    } else if (const auto *e = std::get_if<FeedError>(&*message)) {
        Q_EMIT problem(QStringLiteral("the server refused a request: ") + e->message);
    }
}

void WebSocketFeed::setState(FeedStatus::State state)
{
    if (state != m_state)
        announce(state);
}

void WebSocketFeed::announce(FeedStatus::State state)
{
    m_state = state;
    Q_EMIT statusChanged(status());
}

void WebSocketFeed::sendSubscriptions()
{
    QStringList quotesOnly = m_symbols;
    quotesOnly.removeAll(m_depthInstrument);
    subscribe(quotesOnly, false);
    if (!m_depthInstrument.isEmpty())
        subscribe({m_depthInstrument}, true);
}

void WebSocketFeed::subscribe(const QStringList &symbols, bool depth)
{
    if (!m_socket || !m_open)
        return;
    for (qsizetype i = 0; i < symbols.size(); i += SymbolsPerRequest)
        m_socket->sendTextMessage(encodeSubscribe(symbols.mid(i, SymbolsPerRequest), depth));
}

void WebSocketFeed::unsubscribe(const QStringList &symbols)
{
    if (!m_socket || !m_open)
        return;
    for (qsizetype i = 0; i < symbols.size(); i += SymbolsPerRequest)
        m_socket->sendTextMessage(encodeUnsubscribe(symbols.mid(i, SymbolsPerRequest)));
}

} // namespace instant
