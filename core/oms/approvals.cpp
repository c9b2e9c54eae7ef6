#include "oms/approvals.h"

#include "events/payload.h"


namespace instant {

namespace approvals {

// The request's own fields, as the event and a snapshot both write them.
ApprovalRequest readRequest(const QJsonObject &o)
{
    ApprovalRequest r;
    r.id = o.value(QStringLiteral("request_id")).toString();
    r.account = o.value(QStringLiteral("account")).toString();
    r.terms = o.value(QStringLiteral("terms")).toObject();
    r.overrides = o.value(QStringLiteral("overrides")).toArray();
    for (const QJsonValue &v : o.value(QStringLiteral("approvers")).toArray())
        r.approvers << v.toString();
    r.instrument = r.terms.value(QStringLiteral("instrument")).toString();
    r.side = r.terms.value(QStringLiteral("side")).toString();
    r.quantity = r.terms.value(QStringLiteral("quantity")).toInteger();
    r.type = r.terms.value(QStringLiteral("type")).toString();
    r.limitPrice = r.terms.value(QStringLiteral("limit_price")).toString();
    return r;
}

bool isApprovalEvent(const QString &type)
{
    return type == Requested || type == Granted || type == Refused || type == Withdrawn;
}

NewEvent request(const ApprovalRequest &r, const Actor &actor)
{
    return NewEvent::make(Requested,
                          {{QStringLiteral("request_id"), r.id},
                           {QStringLiteral("account"), r.account},
                           {QStringLiteral("terms"), r.terms},
                           {QStringLiteral("overrides"), r.overrides},
                           {QStringLiteral("approvers"), QJsonArray::fromStringList(r.approvers)}},
                          actor, r.id);
}

NewEvent decide(const QString &type, const ApprovalRequest &r, const QString &reason, const Actor &actor)
{
    QJsonObject p{{QStringLiteral("request_id"), r.id}, {QStringLiteral("account"), r.account}};
    if (!reason.isEmpty())
        p.insert(QStringLiteral("reason"), reason);
    return NewEvent::make(type, std::move(p), actor, r.id);
}

Result<ApprovalRequest> decodeRequest(const RecordedEvent &event)
{
    ApprovalRequest r = readRequest(event.payloadObject()); // rare events: their lists read as JSON
    r.requestedBy = event.actor.user;
    r.requestedUs = event.recordedUs;
    r.lastSequence = event.sequence;
    if (r.id.isEmpty() || r.account.isEmpty() || r.approvers.isEmpty() || r.quantity <= 0)
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1: an approval request without an id, account, approver or quantity")
                                                   .arg(event.sequence));
    return r;
}

Status applyDecision(ApprovalRequest &r, const QString &type, const Payload &p, const RecordedEvent &event)
{
    if (!r.waiting())
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1: request %2 was decided already").arg(event.sequence).arg(r.id));
    const bool byRequester = event.actor.user == r.requestedBy;
    if (type == Withdrawn ? !byRequester : !r.mayDecide(event.actor.user))
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1: %2 may not decide request %3").arg(event.sequence).arg(event.actor.user, r.id));
    r.status = type == Granted ? ApprovalRequest::Status::Approved
               : type == Refused ? ApprovalRequest::Status::Refused
                                 : ApprovalRequest::Status::Withdrawn;
    r.decidedBy = event.actor.user;
    r.decision = p.str("reason");
    r.decidedUs = event.recordedUs;
    r.lastSequence = event.sequence;
    return Done{};
}

} // namespace approvals

QString ApprovalRequest::statusText() const
{
    switch (status) {
    case Status::Waiting: return QStringLiteral("waiting");
    case Status::Approved: return QStringLiteral("approved");
    case Status::Refused: return QStringLiteral("refused");
    case Status::Withdrawn: return QStringLiteral("withdrawn");
    }
    return {};
}

QJsonObject ApprovalRequest::toJson() const
{
    return {{QStringLiteral("request_id"), id},
            {QStringLiteral("account"), account},
            {QStringLiteral("terms"), terms},
            {QStringLiteral("overrides"), overrides},
            {QStringLiteral("approvers"), QJsonArray::fromStringList(approvers)},
            {QStringLiteral("requested_by"), requestedBy},
            {QStringLiteral("requested_us"), requestedUs},
            {QStringLiteral("status"), statusText()},
            {QStringLiteral("decided_by"), decidedBy},
            {QStringLiteral("decision"), decision},
            {QStringLiteral("decided_us"), decidedUs},
            {QStringLiteral("last_sequence"), lastSequence}};
}

ApprovalRequest ApprovalRequest::fromJson(const QJsonObject &o)
{
    ApprovalRequest r = approvals::readRequest(o);
    r.requestedBy = o.value(QStringLiteral("requested_by")).toString();
    r.requestedUs = o.value(QStringLiteral("requested_us")).toInteger();
    const QString status = o.value(QStringLiteral("status")).toString();
    r.status = status == u"approved" ? Status::Approved
               : status == u"refused" ? Status::Refused
               : status == u"withdrawn" ? Status::Withdrawn
                                        : Status::Waiting;
    r.decidedBy = o.value(QStringLiteral("decided_by")).toString();
    r.decision = o.value(QStringLiteral("decision")).toString();
    r.decidedUs = o.value(QStringLiteral("decided_us")).toInteger();
    r.lastSequence = o.value(QStringLiteral("last_sequence")).toInteger();
    return r;
}

} // namespace instant
