#include "oms/lifecycleevents.h"

#include "events/orderevents.h"

#include <QJsonObject>

namespace instant::lifecycle {

namespace {

QString isoDate(QDate d)
{
    return d.toString(Qt::ISODate);
}

QDate dateOf(const Payload &p, const char *key)
{
    return QDate::fromString(p.str(key), Qt::ISODate);
}

QJsonValue optionalValue(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

Error bad(const QString &type, const QString &why)
{
    return makeError(ErrorCode::Integrity, QStringLiteral("%1: %2").arg(type, why));
}

bool amount(qint64 v)
{
    constexpr qint64 Max = qint64(1) << 53; // what a JSON number holds exactly
    return v >= -Max && v <= Max;
}

} // namespace

bool isLifecycleEvent(const QString &type)
{
    return type == CouponPaid || type == PrincipalPaid || type == OptionExpired || type == OptionExercised
           || type == OptionAssigned;
}

QString key(const QString &type, const QString &account, const QString &instrument, QDate date)
{
    return QStringLiteral("%1:%2:%3:%4").arg(type, account, instrument, isoDate(date));
}

NewEvent encode(const Coupon &c, const Actor &actor)
{
    return NewEvent::make(CouponPaid,
                {{QStringLiteral("account"), c.account},
                 {QStringLiteral("instrument"), c.instrument},
                 {QStringLiteral("coupon_date"), isoDate(c.couponDate)},
                 {QStringLiteral("payment_date"), isoDate(c.paymentDate)},
                 {QStringLiteral("face"), c.face},
                 {QStringLiteral("rate_percent"), QString::number(c.ratePercent, 'f', 3)},
                 {QStringLiteral("amount_cents"), c.amountCents}},
                actor, c.instrument);
}

NewEvent encode(const Principal &p, const Actor &actor)
{
    return NewEvent::make(PrincipalPaid,
                {{QStringLiteral("account"), p.account},
                 {QStringLiteral("instrument"), p.instrument},
                 {QStringLiteral("maturity_date"), isoDate(p.maturityDate)},
                 {QStringLiteral("payment_date"), isoDate(p.paymentDate)},
                 {QStringLiteral("face"), p.face},
                 {QStringLiteral("amount_cents"), p.amountCents}},
                actor, p.instrument);
}

NewEvent encode(const Expiry &e, const Actor &actor)
{
    return NewEvent::make(OptionExpired,
                {{QStringLiteral("account"), e.account},
                 {QStringLiteral("instrument"), e.instrument},
                 {QStringLiteral("expiry"), isoDate(e.expiry)},
                 {QStringLiteral("contracts"), e.contracts},
                 {QStringLiteral("underlying_price"), optionalValue(e.underlyingPrice)},
                 {QStringLiteral("reason"), e.reason}},
                actor, e.instrument);
}

NewEvent encode(const Delivery &d, bool assigned, const Actor &actor)
{
    return NewEvent::make(assigned ? OptionAssigned : OptionExercised,
                {{QStringLiteral("account"), d.account},
                 {QStringLiteral("instrument"), d.instrument},
                 {QStringLiteral("underlying"), d.underlying},
                 {QStringLiteral("expiry"), isoDate(d.expiry)},
                 {QStringLiteral("contracts"), d.contracts},
                 {QStringLiteral("shares"), d.shares},
                 {QStringLiteral("side"), events::toString(d.stockSide)},
                 {QStringLiteral("strike"), d.strike},
                 {QStringLiteral("notional_cents"), d.notionalCents},
                 {QStringLiteral("underlying_price"), optionalValue(d.underlyingPrice)},
                 {QStringLiteral("trade_date"), isoDate(d.tradeDate)},
                 {QStringLiteral("settle_date"), isoDate(d.settleDate)},
                 {QStringLiteral("order_id"), d.orderId},
                 {QStringLiteral("exec_id"), d.execId}},
                actor, d.instrument);
}

Result<Coupon> decodeCoupon(const Payload &p)
{
    Coupon c;
    c.account = p.str("account");
    c.instrument = p.str("instrument");
    c.couponDate = dateOf(p, "coupon_date");
    c.paymentDate = dateOf(p, "payment_date");
    c.face = p.i64("face");
    bool ok = false;
    c.ratePercent = p.str("rate_percent").toDouble(&ok);
    c.amountCents = p.i64("amount_cents");
    if (c.account.isEmpty() || c.instrument.isEmpty() || !c.couponDate.isValid() || !c.paymentDate.isValid() || !ok)
        return bad(CouponPaid, QStringLiteral("an account, an instrument, dates and a rate are required"));
    if (c.face <= 0 || c.amountCents < 0 || !amount(c.face) || !amount(c.amountCents))
        return bad(CouponPaid, QStringLiteral("face and amount out of range"));
    return c;
}

Result<Principal> decodePrincipal(const Payload &p)
{
    Principal r;
    r.account = p.str("account");
    r.instrument = p.str("instrument");
    r.maturityDate = dateOf(p, "maturity_date");
    r.paymentDate = dateOf(p, "payment_date");
    r.face = p.i64("face");
    r.amountCents = p.i64("amount_cents");
    if (r.account.isEmpty() || r.instrument.isEmpty() || !r.maturityDate.isValid() || !r.paymentDate.isValid())
        return bad(PrincipalPaid, QStringLiteral("an account, an instrument and dates are required"));
    if (r.face <= 0 || r.amountCents < 0 || !amount(r.face) || !amount(r.amountCents))
        return bad(PrincipalPaid, QStringLiteral("face and amount out of range"));
    return r;
}

Result<Expiry> decodeExpiry(const Payload &p)
{
    Expiry e;
    e.account = p.str("account");
    e.instrument = p.str("instrument");
    e.expiry = dateOf(p, "expiry");
    e.contracts = p.i64("contracts");
    e.underlyingPrice = p.optionalI64("underlying_price");
    e.reason = p.str("reason");
    if (e.account.isEmpty() || e.instrument.isEmpty() || !e.expiry.isValid() || e.contracts == 0 || !amount(e.contracts))
        return bad(OptionExpired, QStringLiteral("an account, an option, its expiry and the contracts are required"));
    return e;
}

Result<Delivery> decodeDelivery(const Payload &p)
{
    Delivery d;
    d.account = p.str("account");
    d.instrument = p.str("instrument");
    d.underlying = p.str("underlying");
    d.expiry = dateOf(p, "expiry");
    d.contracts = p.i64("contracts");
    d.shares = p.i64("shares");
    const bool side = events::parseSide(p.str("side"), d.stockSide);
    d.strike = p.i64("strike");
    d.notionalCents = p.i64("notional_cents");
    d.underlyingPrice = p.optionalI64("underlying_price");
    d.tradeDate = dateOf(p, "trade_date");
    d.settleDate = dateOf(p, "settle_date");
    d.orderId = p.str("order_id");
    d.execId = p.str("exec_id");
    if (d.account.isEmpty() || d.instrument.isEmpty() || d.underlying.isEmpty() || !d.expiry.isValid() || !side
        || !d.tradeDate.isValid() || !d.settleDate.isValid() || d.orderId.isEmpty() || d.execId.isEmpty())
        return bad(OptionExercised, QStringLiteral("an account, the option, its underlying, a side, dates and the trade's keys are required"));
    if (d.contracts == 0 || d.shares <= 0 || d.strike <= 0 || d.notionalCents < 0 || !amount(d.contracts) || !amount(d.shares)
        || !amount(d.strike) || !amount(d.notionalCents))
        return bad(OptionExercised, QStringLiteral("contracts, shares, strike and amount out of range"));
    return d;
}

} // namespace instant::lifecycle
