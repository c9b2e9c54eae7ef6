#pragma once

#include "common/result.h"
#include "common/types.h"
#include "events/event.h"
#include "events/payload.h"

#include <QDate>
#include <QString>

#include <optional>

// What an instrument does by itself, on its own dates: a note pays its coupons and its principal
// at maturity, an option expires, is exercised or is assigned. One struct per event type, each
// with one encoder and one decoder; all on the account's stream.
namespace instant::lifecycle {

inline const QString CouponPaid = QStringLiteral("CouponPaid");
inline const QString PrincipalPaid = QStringLiteral("PrincipalPaid");
inline const QString OptionExpired = QStringLiteral("OptionExpired");
inline const QString OptionExercised = QStringLiteral("OptionExercised");
inline const QString OptionAssigned = QStringLiteral("OptionAssigned");

bool isLifecycleEvent(const QString &type);

// A note's or bond's coupon: face × rate / 2, to the holder of the settled position on the
// business day before it is paid.
struct Coupon
{
    QString account;
    QString instrument;
    QDate couponDate;  // the scheduled date (accrual ends there)
    QDate paymentDate; // the business day it is paid (the next one when the date is a holiday)
    qint64 face = 0;   // dollars
    double ratePercent = 0;
    qint64 amountCents = 0;
};

// The principal at maturity: face, to the holder of the settled position. The position closes.
struct Principal
{
    QString account;
    QString instrument;
    QDate maturityDate;
    QDate paymentDate;
    qint64 face = 0;
    qint64 amountCents = 0;
};

// An option at expiry that nobody exercises: out of the money (or not exercisable, with why).
// The position closes; what it cost is lost.
struct Expiry
{
    QString account;
    QString instrument;
    QDate expiry;
    qint64 contracts = 0;              // the position closed (negative: short)
    std::optional<qint64> underlyingPrice; // the underlying's closing price, in its price units
    QString reason;
};

// Physical delivery at expiry: a long option exercised (OptionExercised) or a short one assigned
// (OptionAssigned). The option position closes and a trade in the underlying at the strike is
// booked, which settles like any trade (T+1 on the exchange's calendar).
struct Delivery
{
    QString account;
    QString instrument;   // the option
    QString underlying;
    QDate expiry;
    qint64 contracts = 0; // closed (negative: short)
    qint64 shares = 0;    // of the underlying, delivered or received
    Side stockSide = Side::Buy; // the trade in the underlying: a long call or a short put buys
    qint64 strike = 0;    // the underlying's price units
    qint64 notionalCents = 0;
    std::optional<qint64> underlyingPrice;
    QDate tradeDate;
    QDate settleDate;
    QString orderId;      // the trade's keys, unique per account and option
    QString execId;
};

NewEvent encode(const Coupon &c, const Actor &actor);
NewEvent encode(const Principal &p, const Actor &actor);
NewEvent encode(const Expiry &e, const Actor &actor);
NewEvent encode(const Delivery &d, bool assigned, const Actor &actor);

Result<Coupon> decodeCoupon(const Payload &p);
Result<Principal> decodePrincipal(const Payload &p);
Result<Expiry> decodeExpiry(const Payload &p);
Result<Delivery> decodeDelivery(const Payload &p);

// The idempotency key of a lifecycle event: one per account, instrument, kind and date.
QString key(const QString &type, const QString &account, const QString &instrument, QDate date);

} // namespace instant::lifecycle
