#include "oms/executionevents.h"

#include <QJsonObject>

namespace instant::executions {

namespace {

Error bad(const QString &type, const QString &why)
{
    return makeError(ErrorCode::Integrity, QStringLiteral("%1: %2").arg(type, why));
}

bool amount(qint64 v)
{
    constexpr qint64 Max = qint64(1) << 53; // what a JSON number holds exactly
    return v >= -Max && v <= Max;
}

QJsonValue optionalValue(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

} // namespace

bool kind::booksSomething(const QString &k)
{
    return k == FillAfterCancel || k == FillAfterExpiry || k == FillAfterReject || k == FillAfterFilled || k == Overfill
           || k == UnknownOrder || k == MissingFill || k == Correction || k == Bust;
}

bool isExecutionEvent(const QString &type)
{
    return type == ExecutionException || type == ExceptionAcknowledged || type == ExecutionBusted
           || type == ExecutionCorrected || type == OrderRestated || type == VenueReportNoted;
}

NewEvent encode(const Exception &e, const Actor &actor)
{
    return NewEvent::make(ExecutionException,
                          {{QStringLiteral("account"), e.account},
                           {QStringLiteral("order_id"), e.orderId},
                           {QStringLiteral("exec_id"), e.execId},
                           {QStringLiteral("kind"), e.kind},
                           {QStringLiteral("expected"), e.expected},
                           {QStringLiteral("came"), e.came}},
                          actor, e.orderId);
}

Result<Exception> decodeException(const Payload &p)
{
    Exception e;
    e.account = p.str("account");
    e.orderId = p.str("order_id");
    e.execId = p.str("exec_id");
    e.kind = p.str("kind");
    e.expected = p.str("expected");
    e.came = p.str("came");
    if (e.account.isEmpty() || e.kind.isEmpty())
        return bad(ExecutionException, QStringLiteral("no account or kind"));
    return e;
}

NewEvent encode(const Discovery &d, const Actor &actor)
{
    PayloadFields p = events::termsPayload(d.terms);
    p.text("reason", d.reason);
    return NewEvent::fromCanonical(OrderDiscovered, p.bytes(), actor, d.terms.orderId);
}

Discovery decodeDiscovery(const Payload &p)
{
    return {events::decodeOrderAcceptance(p), p.str("reason")};
}

NewEvent encode(const Acknowledgement &a, const Actor &actor)
{
    return NewEvent::make(ExceptionAcknowledged,
                          {{QStringLiteral("account"), a.account},
                           {QStringLiteral("exception"), qint64(a.exception)},
                           {QStringLiteral("note"), a.note}},
                          actor, QString::number(a.exception));
}

Result<Acknowledgement> decodeAcknowledgement(const Payload &p)
{
    Acknowledgement a;
    a.account = p.str("account");
    a.exception = p.i64("exception");
    a.note = p.str("note");
    if (a.exception <= 0)
        return bad(ExceptionAcknowledged, QStringLiteral("no exception named"));
    return a;
}

NewEvent encode(const Adjustment &a, bool bust, const Actor &actor)
{
    QJsonObject o{{QStringLiteral("account"), a.account},
                  {QStringLiteral("order_id"), a.orderId},
                  {QStringLiteral("exec_id"), a.execId},
                  {QStringLiteral("exec_ref_id"), a.execRefId},
                  {QStringLiteral("reason"), a.reason}};
    if (!bust) {
        o.insert(QStringLiteral("quantity"), a.quantity);
        o.insert(QStringLiteral("price"), a.price);
        o.insert(QStringLiteral("notional_cents"), a.notionalCents);
        if (a.accruedCents > 0)
            o.insert(QStringLiteral("accrued_cents"), a.accruedCents);
        if (!a.priceText.isEmpty())
            o.insert(QStringLiteral("price_text"), a.priceText);
    }
    return NewEvent::make(bust ? ExecutionBusted : ExecutionCorrected, std::move(o), actor, a.orderId);
}

Result<Adjustment> decodeAdjustment(const Payload &p)
{
    Adjustment a;
    a.account = p.str("account");
    a.orderId = p.str("order_id");
    a.execId = p.str("exec_id");
    a.execRefId = p.str("exec_ref_id");
    a.quantity = p.i64("quantity");
    a.price = p.i64("price");
    a.priceText = p.str("price_text");
    a.notionalCents = p.i64("notional_cents");
    a.accruedCents = p.i64("accrued_cents");
    a.reason = p.str("reason");
    if (a.orderId.isEmpty() || a.execRefId.isEmpty())
        return bad(ExecutionBusted, QStringLiteral("no order or execution named"));
    if (a.quantity < 0 || !amount(a.quantity) || !amount(a.price) || !amount(a.notionalCents) || a.notionalCents < 0
        || !amount(a.accruedCents) || a.accruedCents < 0)
        return bad(ExecutionCorrected, QStringLiteral("an amount out of range"));
    return a;
}

NewEvent encode(const Restatement &r, const Actor &actor)
{
    return NewEvent::make(OrderRestated,
                          {{QStringLiteral("account"), r.account},
                           {QStringLiteral("order_id"), r.orderId},
                           {QStringLiteral("exec_id"), r.execId},
                           {QStringLiteral("quantity"), r.quantity},
                           {QStringLiteral("limit_price"), optionalValue(r.limitPrice)},
                           {QStringLiteral("reserved_cents"), r.reservedCents},
                           {QStringLiteral("reason"), r.reason}},
                          actor, r.orderId);
}

Result<Restatement> decodeRestatement(const Payload &p)
{
    Restatement r;
    r.account = p.str("account");
    r.orderId = p.str("order_id");
    r.execId = p.str("exec_id");
    r.quantity = p.i64("quantity");
    r.limitPrice = p.optionalI64("limit_price");
    r.reservedCents = p.i64("reserved_cents");
    r.reason = p.str("reason");
    if (r.orderId.isEmpty() || r.quantity <= 0 || !amount(r.quantity) || r.reservedCents < 0 || !amount(r.reservedCents)
        || (r.limitPrice && (!amount(*r.limitPrice) || *r.limitPrice <= 0)))
        return bad(OrderRestated, QStringLiteral("no order, or an amount out of range"));
    return r;
}

NewEvent encode(const Note &n, const Actor &actor)
{
    QJsonObject o{{QStringLiteral("account"), n.account},
                  {QStringLiteral("order_id"), n.orderId},
                  {QStringLiteral("exec_id"), n.execId},
                  {QStringLiteral("what"), n.what},
                  {QStringLiteral("text"), n.text}};
    if (n.matchedQuantity)
        o.insert(QStringLiteral("matched_quantity"), n.matchedQuantity);
    return NewEvent::make(VenueReportNoted, std::move(o), actor, n.orderId);
}

Result<Note> decodeNote(const Payload &p)
{
    Note n;
    n.account = p.str("account");
    n.orderId = p.str("order_id");
    n.execId = p.str("exec_id");
    n.what = p.str("what");
    n.text = p.str("text");
    n.matchedQuantity = p.i64("matched_quantity");
    if (n.matchedQuantity < 0 || !amount(n.matchedQuantity))
        return bad(VenueReportNoted, QStringLiteral("an amount out of range"));
    return n;
}

} // namespace instant::executions
