#pragma once

// Four eyes: an override of a soft rule that names approvers waits for one of them. The order is
// not sent, nor its cash held, until approved; it is then entered and checked again as if sent at
// that moment. Each step is an event on the account's stream, by the person who took it.

#include "common/result.h"
#include "common/types.h"
#include "events/event.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace instant {

class Payload;

namespace approvals {
inline const QString Requested = QStringLiteral("OrderApprovalRequested"); // by the trader, with the overrides
inline const QString Granted = QStringLiteral("OrderApprovalGranted");     // by an approver: the order goes out
inline const QString Refused = QStringLiteral("OrderApprovalRefused");     // by an approver, with a reason
inline const QString Withdrawn = QStringLiteral("OrderApprovalWithdrawn"); // by the trader who asked
bool isApprovalEvent(const QString &type);
} // namespace approvals

struct ApprovalRequest
{
    enum class Status : quint8 { Waiting, Approved, Refused, Withdrawn };
    QString id;          // the client order id the order will have
    QString account;
    QString instrument;
    QString side;
    qint64 quantity = 0;
    QString type;
    QString limitPrice;
    QJsonObject terms;   // the order as asked for (NewOrderCommand's fields), sent on approval
    QJsonArray overrides; // each: rule, kind, message, value, limit, reason
    QStringList approvers;
    QString requestedBy;
    TimestampUs requestedUs = 0;
    Status status = Status::Waiting;
    QString decidedBy;
    QString decision;    // a refusal's or withdrawal's reason
    TimestampUs decidedUs = 0;
    Sequence lastSequence = 0;

    bool waiting() const { return status == Status::Waiting; }
    // An approver, never the trader who asked: four eyes.
    bool mayDecide(const QString &user) const { return waiting() && approvers.contains(user) && user != requestedBy; }
    QString statusText() const;
    QJsonObject toJson() const;
    static ApprovalRequest fromJson(const QJsonObject &o);
};

namespace approvals {
NewEvent request(const ApprovalRequest &r, const Actor &actor);
NewEvent decide(const QString &type, const ApprovalRequest &r, const QString &reason, const Actor &actor);
ApprovalRequest readRequest(const QJsonObject &o); // the fields a request event and a snapshot share
// The request an event makes, or the decision it applies to `r`.
Result<ApprovalRequest> decodeRequest(const RecordedEvent &event);
Status applyDecision(ApprovalRequest &r, const QString &type, const Payload &p, const RecordedEvent &event);
} // namespace approvals

} // namespace instant
