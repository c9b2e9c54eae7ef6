// Four eyes, the order manager's side: an override that names approvers is recorded as a request
// and sent only once one of them approves it (approvals.h).

#include "oms/ordermanager.h"

#include "refdata/instrument.h"

namespace instant {

namespace {

QJsonObject termsOf(const NewOrderCommand &c, const Instrument &instrument)
{
    QJsonArray overrides;
    for (const RuleOverride &o : c.overrides)
        overrides.append(QJsonObject{{QStringLiteral("rule"), o.ruleId}, {QStringLiteral("reason"), o.reason.trimmed()}});
    return {{QStringLiteral("account"), c.account},
            {QStringLiteral("instrument"), instrument.id},
            {QStringLiteral("side"), c.side.trimmed().toLower()},
            {QStringLiteral("type"), c.type.trimmed().toLower()},
            {QStringLiteral("tif"), c.timeInForce.trimmed().toLower()},
            {QStringLiteral("quantity"), c.quantity},
            {QStringLiteral("limit_price"), c.limitPrice.trimmed()},
            {QStringLiteral("stop_price"), c.stopPrice.trimmed()},
            {QStringLiteral("overrides"), overrides}};
}

NewOrderCommand commandOf(const ApprovalRequest &r)
{
    NewOrderCommand c;
    c.clientOrderId = r.id;
    c.account = r.account;
    c.instrument = r.terms.value(QStringLiteral("instrument")).toString();
    c.side = r.terms.value(QStringLiteral("side")).toString();
    c.type = r.terms.value(QStringLiteral("type")).toString();
    c.timeInForce = r.terms.value(QStringLiteral("tif")).toString();
    c.quantity = r.terms.value(QStringLiteral("quantity")).toInteger();
    c.limitPrice = r.terms.value(QStringLiteral("limit_price")).toString();
    c.stopPrice = r.terms.value(QStringLiteral("stop_price")).toString();
    for (const QJsonValue &v : r.terms.value(QStringLiteral("overrides")).toArray())
        c.overrides.append({v[QStringLiteral("rule")].toString(), v[QStringLiteral("reason")].toString()});
    return c;
}

} // namespace

Result<AppendResult> OrderManager::requestApproval(const NewOrderCommand &c, const QString &orderId, const Instrument &instrument,
                                                   const QJsonArray &overrides, const QList<Violation> &needApproval)
{
    ApprovalRequest r;
    r.id = orderId;
    r.account = c.account;
    r.terms = termsOf(c, instrument);
    r.overrides = overrides;
    for (const Violation &v : needApproval)
        for (const QString &user : v.approvers)
            if (!r.approvers.contains(user) && user != c.actor.user) // never the trader who asks
                r.approvers << user;
    if (r.approvers.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is the only approver of this rule and cannot approve an own order").arg(c.actor.user));
    return record(c.account, {approvals::request(r, c.actor)}, QStringLiteral("approval:") + orderId);
}

CommandOutcome OrderManager::approvalOutcome(const ApprovalRequest &r) const
{
    if (r.status == ApprovalRequest::Status::Approved && m_state.order(r.id))
        return outcomeFor(r.id, true);
    CommandOutcome out;
    out.orderId = r.id;
    out.state = OrderState::Rejected;
    QStringList rules;
    for (const QJsonValue &v : r.overrides)
        if (!v[QStringLiteral("approved_by")].isString())
            rules << v[QStringLiteral("message")].toString();
    switch (r.status) {
    case ApprovalRequest::Status::Waiting:
        out.awaitingApproval = true;
        out.reason = QStringLiteral("waiting for approval by %1: %2").arg(r.approvers.join(QStringLiteral(" or ")), rules.join(QStringLiteral("; ")));
        break;
    case ApprovalRequest::Status::Refused:
        out.reason = QStringLiteral("refused by %1: %2").arg(r.decidedBy, r.decision);
        break;
    case ApprovalRequest::Status::Withdrawn:
        out.reason = QStringLiteral("withdrawn by %1").arg(r.decidedBy);
        break;
    case ApprovalRequest::Status::Approved:
        out.reason = QStringLiteral("approved by %1, not entered").arg(r.decidedBy);
        break;
    }
    return out;
}

CommandOutcome OrderManager::decideApproval(const QString &type, const QString &requestId, const QString &reason, const Actor &actor)
{
    if (m_storeHalt)
        return refuseWhileHalted(requestId);
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const ApprovalRequest *r = m_state.approval(requestId);
        const QString command = type == approvals::Granted ? QStringLiteral("approve")
                                : type == approvals::Refused ? QStringLiteral("refuse")
                                                             : QStringLiteral("withdraw");
        if (!r)
            return refuse(requestId, {}, command, QStringLiteral("no order %1 waits for approval").arg(requestId), actor);
        if (!r->waiting())
            return refuse(requestId, r->account, command, QStringLiteral("order %1 was %2 already").arg(requestId, r->statusText()), actor);
        if (actor.role != u"trader")
            return refuse(requestId, r->account, command, QStringLiteral("the %1 role cannot decide orders").arg(actor.role), actor);
        if (type == approvals::Withdrawn ? actor.user != r->requestedBy : !r->mayDecide(actor.user))
            return refuse(requestId, r->account, command,
                          type == approvals::Withdrawn ? QStringLiteral("only %1, who asked, may withdraw order %2").arg(r->requestedBy, requestId)
                          : actor.user == r->requestedBy
                              ? QStringLiteral("four eyes: %1 cannot approve an own order").arg(actor.user)
                              : QStringLiteral("%1 is not an approver of order %2 (%3 are)").arg(actor.user, requestId, r->approvers.join(QStringLiteral(", "))),
                          actor);
        if (type == approvals::Refused && reason.trimmed().isEmpty())
            return refuse(requestId, r->account, command, QStringLiteral("a refusal needs a reason"), actor);
        const ApprovalRequest request = *r; // the record may move when the decision is applied
        auto written = record(request.account, {approvals::decide(type, request, reason.trimmed(), actor)});
        if (!written && written.code() == ErrorCode::Conflict)
            continue;
        if (!written)
            return refuse(requestId, request.account, command, written.message(), actor);
        if (type != approvals::Granted)
            return approvalOutcome(*m_state.approval(requestId));
        // Entered now, by the approver, and checked again as it goes out.
        NewOrderCommand c = commandOf(request);
        c.actor = actor;
        return submitOrder(c, actor.user);
    }
    CommandOutcome out;
    out.orderId = requestId;
    out.reason = QStringLiteral("the account kept changing; try again");
    return out;
}

CommandOutcome OrderManager::approve(const QString &requestId, const Actor &approver)
{
    return decideApproval(approvals::Granted, requestId, {}, approver);
}

CommandOutcome OrderManager::refuseApproval(const QString &requestId, const QString &reason, const Actor &approver)
{
    return decideApproval(approvals::Refused, requestId, reason, approver);
}

} // namespace instant
