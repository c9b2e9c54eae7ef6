#pragma once

#include "common/result.h"
#include "refdata/referencedata.h"
#include "venue/fixmapping.h"
#include "venue/simulatedvenue.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <memory>

namespace instant {

namespace fix {
class Endpoint;
}

struct VenueServerOptions
{
    quint16 fixPort = 9878;
    QString bindAddress = QStringLiteral("127.0.0.1"); // where the FIX acceptor listens (IPv4; 0.0.0.0: everywhere)
    QString compId = QStringLiteral("INSTANT");
    // The workstations allowed to log on (their SenderCompIDs).
    QStringList clientCompIds{QStringLiteral("DESK1"), QStringLiteral("DESK2"), QStringLiteral("DESK3"),
                              QStringLiteral("DESK4"), QStringLiteral("DESK5"), QStringLiteral("DESK6"),
                              QStringLiteral("DESK7"), QStringLiteral("DESK8")};
    QString stateDirectory;   // FIX sequence numbers and messages
    int heartbeatSeconds = 10;
    bool tls = false;
    QString certificateFile;
    QString keyFile;
    quint64 seed = 1;
    int stepIntervalMs = 250; // the market moves in real time, this often
    TimestampUs startUs = 0;  // the market's clock at start (the caller's clock: now); it then follows the wall clock
};

// The simulated venue of demo mode served to several workstations at once over FIX 4.4
// (QuickFIX acceptor): orders, cancels, replaces and status requests in; execution reports and
// cancel rejects out. One book per instrument, shared by every session, so workstations trade
// with each other and with the simulated liquidity. A restart keeps the FIX sequence numbers
// (file store) but not the book: like an exchange after a restart, it has no working orders, and
// a workstation's status request for an order it had is answered "unknown order".
class VenueServer : public QObject
{
    Q_OBJECT

public:
    VenueServer(const ReferenceData &reference, VenueServerOptions options, QObject *parent = nullptr);
    ~VenueServer() override;

    Status start();
    void stop();

    SimulatedVenue &venue() { return m_venue; }
    const VenueServerOptions &options() const { return m_options; }
    QStringList loggedOnSessions() const;
    qint64 ordersReceived() const { return m_ordersReceived; }

Q_SIGNALS:
    void sessionChanged(const QString &session, bool loggedOn);
    void stepped(); // after each market step (market data publishers send depth then)
    void log(const QString &line);

private:
    struct Order : fixmap::OrderOnVenue
    {
        QString session;
        char status = '0';  // FIX OrdStatus
        QString pendingClOrdId, pendingOrigClOrdId;
    };

    void handle(const QString &session, const fixmap::VenueRequest &request, const QString &rejectText);
    void onReport(const ExecutionReport &report);
    void send(const QString &session, const fix::Message &message);
    QString key(const QString &session, const QString &clOrdId) const { return session + u'|' + clOrdId; }
    QString nextExecId();

    const ReferenceData &m_reference;
    VenueServerOptions m_options;
    SimulatedVenue m_venue;
    std::unique_ptr<fix::Endpoint> m_endpoint;
    QTimer m_step;
    QElapsedTimer m_clock;
    qint64 m_lastStepNs = 0;
    QHash<QString, Order> m_orders;        // by internal id (session|first ClOrdID)
    QHash<QString, QString> m_byClOrdId;   // session|any ClOrdID of the order → internal id
    QSet<QString> m_loggedOn;
    QString m_idPrefix;
    quint64 m_nextExec = 1;
    quint64 m_nextOrder = 1;
    qint64 m_ordersReceived = 0;
};

} // namespace instant
