#pragma once

#include "marketdata/marketdataprotocol.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace instant {

struct FeedOptions
{
    int staleAfterMs = 3000;    // no message (heartbeats count) for this long: Stale
    int initialBackoffMs = 250; // first wait before reconnecting, doubled per failure
    int maxBackoffMs = 30000;
    bool verifyPeer = true;     // wss:// only; turning it off must be a deliberate choice
    QString caCertificatesFile; // PEM certificates to trust besides the system's (a desk's own CA)
};

struct FeedStatus
{
    enum class State
    {
        Disconnected,
        Connecting,
        Live,
        Stale
    };
    State state = State::Disconnected;
    QUrl url;
    qint64 lastMessageAgeMs = -1; // -1: nothing received yet on this connection
    int reconnectInMs = 0;        // Disconnected: when the next attempt is due (0: none planned)
    int reconnects = 0;           // attempts since start() after the first
    QString lastError;

    // Short words for a status bar: "Feed live · 0.2 s", "Feed stale 4.1 s",
    // "Feed down: connection refused · retry in 2 s".
    QString text() const;
};

// The workstation's market data from a MarketDataServer (marketdataprotocol.h) over ws:// or
// wss://: the same quote, trade and bar signals as a Venue, plus the book of one instrument.
// Reconnects by itself with capped exponential back-off and jitter, and subscribes again each
// time. A frame it cannot read is reported through problem() and skipped.
class WebSocketFeed : public QObject
{
    Q_OBJECT

public:
    WebSocketFeed(QUrl url, QStringList symbols, FeedOptions options = {}, QObject *parent = nullptr);
    ~WebSocketFeed() override;

    void start();
    void stop();
    void setSymbols(QStringList symbols);
    // The book of one instrument (a depth ladder); an empty name stops it.
    void watchDepth(const QString &instrument);
    // Poll it for the age of the last message: statusChanged() tells of a new state, or of a new
    // error and retry while down, not of every message.
    FeedStatus status() const;

Q_SIGNALS:
    void quote(const instant::Quote &quote);
    void trade(const instant::TradePrint &trade);
    void bar(const instant::Bar &bar);
    void depth(const QString &instrument, const QList<instant::LevelView> &bids,
               const QList<instant::LevelView> &asks);
    void statusChanged(const instant::FeedStatus &status);
    void problem(const QString &message);

private:
    void connectNow();
    void dropSocket();
    void onConnected();
    void onFrame(const QString &frame);
    void onSilence();
    void connectionLost();
    void scheduleReconnect();
    void setState(FeedStatus::State state); // tells only of a change
    void announce(FeedStatus::State state); // tells even when only the error or the retry changed
    void sendSubscriptions();
    void subscribe(const QStringList &symbols, bool depth);
    void unsubscribe(const QStringList &symbols);

    QUrl m_url;
    QStringList m_symbols;
    QString m_depthInstrument;
    FeedOptions m_options;
    QWebSocket *m_socket = nullptr; // a new one per connection attempt
    QTimer m_reconnectTimer;
    QTimer m_silenceTimer; // connect timeout while connecting, staleness once open
    QElapsedTimer m_lastMessage;
    FeedStatus::State m_state = FeedStatus::State::Disconnected;
    QString m_lastError;
    QString m_tlsError; // why the server's certificate was refused, on this attempt
    int m_failures = 0; // connection attempts that failed since the feed was last live
    int m_reconnects = 0;
    bool m_running = false;
    bool m_open = false;                  // the WebSocket handshake is done
    QPointer<QWebSocket> m_lossQueuedFor; // the socket whose loss is about to be handled
};

} // namespace instant

Q_DECLARE_METATYPE(instant::FeedStatus)
