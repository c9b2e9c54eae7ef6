#pragma once

#include "common/result.h"
#include "refdata/referencedata.h"
#include "venue/fixmapping.h"
#include "venue/venue.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace instant {

namespace fix {
class Endpoint;
}

// Where a FIX venue is and who we are to it: `fix://HOST:PORT?sender=DESK1&target=INSTANT`
// with optional `heartbeat=SECONDS`, `tls=1`, `ca=FILE`, `cert=FILE`, `key=FILE`, `state=DIR`.
struct FixVenueSettings
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 9878;
    QString senderCompId = QStringLiteral("DESK1");
    QString targetCompId = QStringLiteral("INSTANT");
    int heartbeatSeconds = 10;
    int reconnectSeconds = 2;
    bool tls = false;
    QString caFile;
    QString certificateFile;
    QString keyFile;
    QString stateDirectory; // sequence numbers and messages; empty: under the user's data directory
    int reconcileTimeoutMs = 5000;
    bool protectionTag = false; // `protection=1`: the broker agreed tag 7001 (the protection price)
    bool massStatus = false;    // `massstatus=1`: the broker answers OrderMassStatusRequest (AF)
    QString account;            // `account=ID`: the account of executions that name none

    static Result<FixVenueSettings> fromUrl(const QUrl &url);
    QUrl toUrl() const;
    QString resolvedStateDirectory() const;
};

// A venue reached over a FIX 4.4 session (QuickFIX, as initiator): NewOrderSingle,
// OrderCancelRequest and OrderCancelReplaceRequest out; ExecutionReport and OrderCancelReject
// in, as execution reports for the order manager. Sequence numbers and messages are kept in a
// file store, so a restart resumes the session and the venue resends what was missed. A report
// is recorded before the session counts it as received, so a crash never loses one; a report
// sent again is recognised by its ExecID. After every logon, the open orders are checked with
// OrderStatusRequest before new orders go out.
class FixVenue final : public Venue
{
    Q_OBJECT

public:
    enum class State { Disconnected, Reconciling, Ready };

    // `clock` dates what the venue reports without a time, and names requests.
    FixVenue(const ReferenceData &reference, FixVenueSettings settings, const Clock &clock, QObject *parent = nullptr);
    ~FixVenue() override;

    Status start();
    void stop();

    QString name() const override;
    void submit(const VenueOrder &order) override;
    void cancel(const QString &orderId) override;
    void replace(const QString &orderId, std::optional<Price> limitPrice, Quantity quantity) override;
    std::optional<Quantity> workingQuantity(const QString &orderId) const override;
    TimestampUs nowUs() const override;
    bool reconcilesOnConnect() const override { return true; }
    void reconcile(const QList<VenueOrder> &open) override;

    State state() const { return m_state; }
    VenueConnection connection() const;
    const FixVenueSettings &settings() const { return m_settings; }
    std::pair<int, int> sequenceNumbers() const;
    int openOrders() const;
    // Executions (fills, busts, corrections) the venue sent that could not be read and were refused
    // at the session level: each is a trade not booked here.
    qint64 refusedExecutions() const { return m_refusedExecutions; }

Q_SIGNALS:
    void problem(const QString &message);

private:
    struct Tracked
    {
        VenueOrder order;       // quantity: the current total
        QString clOrdId;        // as the venue knows the order now
        QString venueOrderId;   // OrderID (37), once the venue has said it
        Quantity cumulative;
        bool open = true;
    };

    void onLogon();
    void onLogout();
    void finishReconciling();
    void setState(State state);
    void send(const fix::Message &message, const QString &orderId, ExecutionReport::Kind failure);
    void deliver(ExecutionReport report);
    void onReport(fixmap::InboundReport &in);
    void onMassStatusReply(fixmap::InboundReport &in);
    void onRefused(const fix::Message &message);
    void requestStatus(const QString &orderId);
    fixmap::Bilateral bilateral() const { return {m_settings.protectionTag}; }
    QString nextClOrdId(const QString &orderId);

    const ReferenceData &m_reference;
    FixVenueSettings m_settings;
    const Clock &m_clock;
    std::unique_ptr<fix::Endpoint> m_endpoint;
    std::atomic<bool> m_stopping{false};
    std::atomic<qint64> m_refusedExecutions{0};
    State m_state = State::Disconnected;
    QHash<QString, Tracked> m_orders;
    QSet<QString> m_awaitingStatus;
    QList<VenueOrder> m_queued; // sent once reconciliation is over
    QSet<QString> m_seenExecIds;
    QTimer m_reconcileTimeout;
    quint64 m_requests = 0;
    QString m_massStatusId;
    struct Sent
    {
        QString type;
        QString clOrdId;
    };
    std::mutex m_sentMutex;        // written on the thread that sends, read on this one
    std::map<int, Sent> m_sent;    // our outgoing sequence numbers: what a Reject's RefSeqNum names
};

} // namespace instant
