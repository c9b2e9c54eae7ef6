#pragma once

#include "common/result.h"
#include "marketdata/marketdataprotocol.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class QWebSocket;
class QWebSocketServer;

namespace instant {

class ReferenceData;
class SimulatedVenue;

// PEM files for wss://.
struct TlsFiles
{
    QString certificateFile;
    QString keyFile;
};

// Publishes a venue's market data to WebSocket clients (marketdataprotocol.h): quotes, trades
// and bars as the venue emits them, to the clients subscribed to the symbol; books on
// publishDepth(), to the clients that asked for depth, only where the top levels changed since
// they last got them; a heartbeat every second. Lives in the venue's thread.
class MarketDataServer : public QObject
{
    Q_OBJECT

public:
    MarketDataServer(SimulatedVenue &venue, const ReferenceData &reference, QObject *parent = nullptr);
    ~MarketDataServer() override;

    // The port listened on (the one chosen when `port` is 0), or why it cannot listen.
    Result<quint16> listen(const QHostAddress &address, quint16 port,
                           const std::optional<TlsFiles> &tls = std::nullopt);
    quint16 port() const;
    int clientCount() const;
    // Stops listening and closes every connection.
    void close();

    // Sends the books that changed to the clients watching them; the venue's server calls it after
    // each market step.
    void publishDepth();

    // A client with more than this waiting to be sent is dropped (it cannot keep up).
    void setSlowClientLimit(qint64 bytes) { m_slowClientLimit = bytes; }

Q_SIGNALS:
    void clientsChanged(int count);

private:
    struct Client;

    void accept();
    void onRequest(Client &client, const QString &frame);
    void subscribe(Client &client, const SubscribeRequest &request);
    void unsubscribe(Client &client, const QStringList &symbols);
    void forget(QWebSocket *socket);
    void send(Client &client, const QString &frame);
    void sendDepth(Client &client, const QString &instrument, bool onlyIfChanged);
    void drop(Client &client, const QString &why);
    template <typename Item>
    void forward(const QString &instrument, const Item &item, QString (*encode)(const Item &));
    void heartbeat();
    SubscriptionState state(const Client &client, QStringList unknown) const;

    SimulatedVenue &m_venue;
    const ReferenceData &m_reference;
    QWebSocketServer *m_server = nullptr; // made by listen(): secure or not is fixed at construction
    QHash<QWebSocket *, std::shared_ptr<Client>> m_clients;
    QHash<QString, QSet<Client *>> m_subscribers;      // instrument → clients
    QHash<QString, QSet<Client *>> m_depthSubscribers; // instrument → clients that want the book
    QTimer m_heartbeat;
    qint64 m_slowClientLimit = 4 * 1024 * 1024;
};

} // namespace instant
