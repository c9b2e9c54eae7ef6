#pragma once

// The order lifecycle's events: their type names, and one struct per event type with one encoder
// (what the OMS writes) and one decoder (what projections, exports and fuzzers read). The encoders
// write exactly the fields, JSON types and ids that stores have always held, so that existing
// stores keep their bytes and hashes (tests/core/tst_eventcodecs checks a store written before).
// Decoders are lenient as replay has always been: a missing or mistyped field reads as empty or 0;
// the projection that applies the event decides what is out of range.

#include "common/types.h"
#include "events/event.h"
#include "events/payloadfields.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace instant::events {

// Stream ids
QString accountStream(const QString &account); // "account-DESK-01": orders, fills, settlement, cash
QString complianceStream();                    // "compliance": rule sets and the kill switch

// Event types
inline const QString AccountOpened = QStringLiteral("AccountOpened");
inline const QString OrderAccepted = QStringLiteral("OrderAccepted");
inline const QString OrderRejected = QStringLiteral("OrderRejected");
inline const QString OrderAcknowledged = QStringLiteral("OrderAcknowledged");
inline const QString OrderPartiallyFilled = QStringLiteral("OrderPartiallyFilled");
inline const QString OrderFilled = QStringLiteral("OrderFilled");
inline const QString CancelRequested = QStringLiteral("CancelRequested");
inline const QString OrderCancelled = QStringLiteral("OrderCancelled");
inline const QString CancelRejected = QStringLiteral("CancelRejected");
inline const QString ReplaceRequested = QStringLiteral("ReplaceRequested");
inline const QString OrderReplaced = QStringLiteral("OrderReplaced");
inline const QString ReplaceRejected = QStringLiteral("ReplaceRejected");
inline const QString OrderExpired = QStringLiteral("OrderExpired");
inline const QString VenueRejected = QStringLiteral("VenueRejected");
inline const QString IllegalTransitionRefused = QStringLiteral("IllegalTransitionRefused");
inline const QString CommandRefused = QStringLiteral("CommandRefused");
inline const QString TradeSettled = QStringLiteral("TradeSettled");
// A due trade that could not settle (cash short, securities not there): it stays unsettled
// and is tried again on the next settlement run.
inline const QString SettlementFailed = QStringLiteral("SettlementFailed");
inline const QString ComplianceRulesChanged = QStringLiteral("ComplianceRulesChanged");
inline const QString KillSwitchChanged = QStringLiteral("KillSwitchChanged");
// Trading was halted because the store could not record (reason, halted_us, resumed_us,
// commands_refused, reports_held), recorded on the compliance stream when it records again.
inline const QString StoreOutage = QStringLiteral("StoreOutage");

QString toString(Side side);
QString toString(OrderType type);
QString toString(TimeInForce tif);
bool parseSide(const QString &text, Side &out);
bool parseOrderType(const QString &text, OrderType &out);
bool parseTimeInForce(const QString &text, TimeInForce &out);

} // namespace instant::events

namespace instant {
class Payload;
}

namespace instant::events {

// A price as events carry it: integer price units, or null when the order has none.
QJsonValue priceValue(const std::optional<Price> &price);

// ---- accounts and compliance settings ----

// AccountOpened: an account and the cash it starts with (account stream; correlation: the account).
struct AccountOpening
{
    QString account;
    qint64 cashCents = 0;
};

// ComplianceRulesChanged: the whole rule set, as ComplianceRule::toJson writes each rule.
struct RulesChange
{
    QJsonArray rules;
};

// KillSwitchChanged: "active", "halted" (no new orders) or "cancel-only", and why.
struct KillSwitchChange
{
    QString mode;
    QString reason;
};

// StoreOutage: trading was halted while the store could not record, written when it records again.
struct StoreOutageRecord
{
    QString reason;
    TimestampUs haltedUs = 0;
    TimestampUs resumedUs = 0;
    qint64 commandsRefused = 0;
    qint64 reportsHeld = 0;
};

// ---- orders ----

// A new order as the trader typed it (texts as typed): kept with a refusal or rejection, so that
// the trader sees what was refused.
struct TypedOrder
{
    QString orderId;
    QString account;
    QString instrument;
    QString side, type, tif;
    qint64 quantity = 0;
    QString limitText, stopText;
    QJsonObject bracket; // empty without one: stop_loss_text, trail_by_text, take_profit_text, exit_at_us, exit_after_seconds
    QString parent, role; // a bracket's exit (both written when parent is set)
};

// OrderAccepted: the order as checked, what it holds, and the soft rules overridden.
struct OrderAcceptance
{
    QString orderId;
    QString account;
    QString instrument;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce tif = TimeInForce::Day;
    qint64 quantity = 0;
    std::optional<Price> limitPrice, stopPrice, protectionPrice;
    qint64 reservedCents = 0;
    QJsonArray overrides;  // each: rule, kind, message, value, limit, reason (and approved_by)
    QString parent, role;  // a bracket's exit (both written when parent is set)
    QString workstation;   // written only when set (stores from before workstations keep their bytes)

    bool operator==(const OrderAcceptance &) const = default;
};

// OrderRejected: what was typed, the prices as parsed, why, at which stage, and the rules broken.
struct OrderRejection
{
    TypedOrder typed;
    std::optional<Price> limitPrice, stopPrice;
    QString reason;
    QString stage; // validation, kill-switch, short-sale, buying-power, compliance, …
    QStringList rules;
};

// OrderAcknowledged: the venue has the order, with this much left to fill.
struct Acknowledgement
{
    QString orderId;
    qint64 leaves = 0;

    bool operator==(const Acknowledgement &) const = default;
};

// OrderPartiallyFilled / OrderFilled: an execution, booked whatever the order's state.
struct Fill
{
    QString orderId;
    QString execId;
    qint64 quantity = 0;
    qint64 price = 0;          // price units (the nearest, when the venue's price is finer: priceText)
    QString priceText;         // the venue's exact price, when it is not on the grid (written when set)
    qint64 notionalCents = 0;  // principal
    qint64 accruedCents = 0;   // a note's or bond's accrued interest to settlement (written when > 0)
    qint64 leaves = 0;
    qint64 reservedCents = 0;  // what the order still holds after it
    QDate tradeDate, settleDate;
    QString exception;         // the ExecutionException kind booked beside it (written when set)
    std::optional<qint64> statusCumulative; // booked from the venue's status (CumQty), not from a fill

    bool operator==(const Fill &) const = default;
};

// CancelRequested.
struct CancelRequest
{
    QString orderId;
};

// OrderCancelled or OrderExpired: the order is done, with what was left.
struct OrderEnded
{
    enum class How { Cancelled, Expired } how = How::Cancelled;
    QString orderId;
    QString reason;
    qint64 leaves = 0;
};

// VenueRejected (the venue refused the order) or CancelRejected (it refused to cancel it).
struct VenueRefusal
{
    enum class Of { Order, Cancel } of = Of::Order;
    QString orderId;
    QString reason;
};

// ReplaceRequested (the terms asked for) or OrderReplaced (the terms the venue confirmed), with
// what the order holds from then on.
struct Replacement
{
    enum class Stage { Requested, Confirmed } stage = Stage::Requested;
    QString orderId;
    qint64 quantity = 0;
    std::optional<Price> limitPrice;
    qint64 reservedCents = 0;
};

// ReplaceRejected: the old terms stand, with what they hold.
struct ReplaceRejection
{
    QString orderId;
    QString reason;
    qint64 reservedCents = 0;
};

// IllegalTransitionRefused: a report that cannot happen to the order as it is (kept for audit).
struct IllegalTransition
{
    QString orderId;
    QString state;  // the order's state, by name
    QString event;  // what the report would do, by name
    qint64 quantity = 0;
    QString reason;
};

// CommandRefused: a trader's command the OMS did not carry out, and why. A new order whose id
// cannot be used keeps what was typed instead of an order id.
struct CommandRefusal
{
    QString orderId;
    QString command; // new, cancel, replace, approve, …
    QString reason;
    std::optional<TypedOrder> typed;
};

// ---- settlement ----

// TradeSettled (cash and securities moved) or SettlementFailed (they could not: why, and on
// which business day; tried again on the next run).
struct Settlement
{
    QString execId;
    QString orderId;
    QString instrument;
    Side side = Side::Buy;
    qint64 quantity = 0;
    qint64 price = 0;
    qint64 cashCents = 0; // signed: a buy pays (principal and accrued interest)
    QDate settleDate;
    // A failure only:
    bool failed = false;
    QDate businessDate;
    QString reason;
};

NewEvent encode(const AccountOpening &e, const Actor &actor);
NewEvent encode(const RulesChange &e, const Actor &actor);
NewEvent encode(const KillSwitchChange &e, const Actor &actor);
NewEvent encode(const StoreOutageRecord &e, const Actor &actor);
NewEvent encode(const OrderAcceptance &e, const Actor &actor);
NewEvent encode(const OrderRejection &e, const Actor &actor);
NewEvent encode(const Acknowledgement &e, const Actor &actor);
NewEvent encode(const Fill &e, bool full, const Actor &actor); // full: OrderFilled
NewEvent encode(const CancelRequest &e, const Actor &actor);
NewEvent encode(const OrderEnded &e, const Actor &actor);
NewEvent encode(const VenueRefusal &e, const Actor &actor);
NewEvent encode(const Replacement &e, const Actor &actor);
NewEvent encode(const ReplaceRejection &e, const Actor &actor);
NewEvent encode(const IllegalTransition &e, const Actor &actor);
NewEvent encode(const CommandRefusal &e, const Actor &actor);
NewEvent encode(const Settlement &e, const Actor &actor);

// The terms of an OrderAccepted (and an OrderDiscovered's) as a payload's fields, for the
// encoders that write them with more.
PayloadFields termsPayload(const OrderAcceptance &e);
TypedOrder decodeTypedOrder(const QJsonObject &typed);

AccountOpening decodeAccountOpening(const Payload &p);
RulesChange decodeRulesChange(const Payload &p);
KillSwitchChange decodeKillSwitchChange(const Payload &p);
StoreOutageRecord decodeStoreOutage(const Payload &p);
OrderAcceptance decodeOrderAcceptance(const Payload &p);
OrderRejection decodeOrderRejection(const Payload &p);
Acknowledgement decodeAcknowledgement(const Payload &p);
Fill decodeFill(const Payload &p);
CancelRequest decodeCancelRequest(const Payload &p);
OrderEnded decodeOrderEnded(const Payload &p, OrderEnded::How how);
VenueRefusal decodeVenueRefusal(const Payload &p, VenueRefusal::Of of);
Replacement decodeReplacement(const Payload &p, Replacement::Stage stage);
ReplaceRejection decodeReplaceRejection(const Payload &p);
IllegalTransition decodeIllegalTransition(const Payload &p);
CommandRefusal decodeCommandRefusal(const Payload &p);
Settlement decodeSettlement(const Payload &p, bool failed);

// An event of this family decoded and encoded again (nullopt for another family's type): the
// check that the codecs keep every stored byte.
std::optional<NewEvent> reencode(const RecordedEvent &event);

} // namespace instant::events
