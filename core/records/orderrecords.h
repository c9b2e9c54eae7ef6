#pragma once

// The records of the book, as the order manager keeps them and every screen reads them: orders,
// positions, accounts and executions. Below compliance and the order manager, which both read them.

#include "common/clock.h"
#include "common/name.h"
#include "common/types.h"
#include "events/event.h"
#include "records/orderstate.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSharedData>
#include <QString>

#include <optional>

namespace instant {

struct Instrument;

struct OrderRecord
{
    QString orderId; // the client order id: also the idempotency key
    Name parent;     // a bracket's exit: the bracket (its entry order's id); empty for most orders
    // The workstation that entered it and routed it to its venue session (empty when recorded
    // before workstations had an identity): only that one reconciles it (see isOwnWork).
    // Texts many orders repeat are names (8 bytes, one copy of each text in the process).
    Name workstation;
    Name account;
    Name instrument;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce tif = TimeInForce::Day;
    OrderState state = OrderState::PendingNew;
    OrderState beforePending = OrderState::PendingNew;
    bool offGrid = false;           // a fill between two ticks (an average-priced fill): see averagePriceText()
    int exceptions = 0;             // executions booked on it that were not expected (a badge)
    // (the small fields above sit together: 8 bytes less per record, 8 MB on a million orders)
    Quantity quantity;
    CompactOptional<Price> limitPrice;
    CompactOptional<Price> stopPrice;
    CompactOptional<Price> protectionPrice; // market and stop orders: the worst fill price allowed
    Quantity filled;
    qint64 filledPriceQuantity = 0; // Σ price × quantity, for the average price
    qint64 filledNotionalCents = 0;
    qint64 reservedCents = 0;       // cash held for the unfilled part of a buy
    CompactOptional<Quantity> pendingQuantity; // asked for by a replace not yet confirmed
    CompactOptional<Price> pendingLimitPrice;
    Name reason;                    // why it was rejected, cancelled or expired
    Name actor;
    QJsonArray overrides;           // soft compliance rules overridden, with reasons
    TimestampUs createdUs = 0;
    TimestampUs updatedUs = 0;
    Sequence lastSequence = 0;
    qint64 statusBooked = 0;        // filled quantity booked from the venue's status, its fills not seen yet

    Quantity leaves() const { return isTerminal(state) ? Quantity(0) : quantity - filled; }
    double averagePriceUnits() const
    {
        return filled.value() > 0 ? double(filledPriceQuantity) / double(filled.value()) : 0.0;
    }
    QJsonObject toJson() const;
    // canonicalJson(toJson()), written straight into `out` (a snapshot holds a million of them).
    void appendCanonicalJson(QByteArray &out) const;
    static OrderRecord fromJson(const QJsonObject &o);
};

// The order's average fill price as the market writes it. Fills on the grid average exactly in
// price units; once a fill was off the grid (an average-priced fill, 228.131), the average is what
// changed hands per unit (amount / quantity), to six decimals.
QString averagePriceText(const OrderRecord &order, const Instrument &instrument);

// An order record shared, not copied, between the trading state and whatever shows it (the
// blotter holds a million of them): the state changes a record in place only while it is the
// sole holder, and copies it first otherwise, so a holder's record never changes under it, on
// any thread (Qt's implicit sharing).
class OrderRef
{
public:
    OrderRef() = default;
    OrderRef(OrderRecord record); // implicit: a record becomes a shared one
    const OrderRecord &operator*() const { return d->record; }
    const OrderRecord *operator->() const { return &d->record; }
    bool isNull() const { return !d; }
    OrderRecord &edit(); // the record, made the caller's own first if it is shared

private:
    struct Data : QSharedData
    {
        OrderRecord record;
    };
    QExplicitlySharedDataPointer<Data> d;
};

struct PositionRecord
{
    Name account;
    Name instrument;
    qint64 quantity = 0;        // traded (settled or not); never negative: no short sales
    qint64 settledQuantity = 0; // moved by TradeSettled
    qint64 costCents = 0;       // cost of the open quantity (average cost method)
    qint64 realizedCents = 0;   // price P&L of closed trades, principal repaid, what expired worthless
    // Interest (notes and bonds): coupons received and accrued interest received on sales, less
    // accrued interest paid on purchases. With the interest accrued on what is held, the carry.
    qint64 interestCents = 0;
    // Notes and bonds: the coupon date up to which income has been paid or is not this holder's
    // (the day the position was first settled); a coupon after it goes to this holder.
    QDate couponsThrough;
    // Matured or expired: nothing is held any more. A trade in it still unsettled then moves cash
    // only when it settles (the securities are gone).
    bool retired = false;
    QJsonObject toJson() const;
    static PositionRecord fromJson(const QJsonObject &o);
};

struct AccountRecord
{
    QString id;
    qint64 cashCents = 0;          // settled cash
    qint64 reservedCents = 0;      // held for working buy orders
    qint64 unsettledBuyCents = 0;  // bought, to be paid at settlement
    qint64 unsettledSellCents = 0; // sold, to be received at settlement
    StreamVersion version = 0;     // of the account's stream
    // Executions booked that were not expected (late fills, overfills, unknown orders): they may
    // take the account past what the OMS would have allowed.
    qint64 exceptions = 0;

    // What a new buy may use: settled cash less what is held and what is owed.
    qint64 availableCents() const { return cashCents - reservedCents - unsettledBuyCents; }
    QJsonObject toJson() const;
    static AccountRecord fromJson(const QJsonObject &o);
};

struct FillRecord
{
    QString execId;
    QString orderId;
    Name account;
    Name instrument;
    Side side = Side::Buy;
    bool settled = false; // (beside `side`: no padding between them)
    qint64 quantity = 0;
    qint64 price = 0;
    qint64 notionalCents = 0; // principal: quantity × price
    qint64 accruedCents = 0;  // notes and bonds: accrued interest to the settlement date
    // What changes hands at settlement: principal plus accrued interest.
    qint64 settlementCents() const { return notionalCents + accruedCents; }
    QDate tradeDate;
    QDate settleDate;
    QString key() const; // order id/exec id: unique across venue sessions
    Sequence sequence = 0;
    TimestampUs recordedUs = 0;
    // The last failed settlement (SettlementFailed): why, and the business date it failed on.
    // Kept once the trade settles, for the record; empty when it never failed.
    Name failReason;
    QDate failedOn;
    bool failing() const { return !settled && !failReason.isEmpty(); }
    QString priceText;        // the exact price as the venue sent it, when it is off the tick grid
    qint64 costDelta = 0;     // what booking it moved in the position's cost (a bust moves it back)
    qint64 realizedDelta = 0; // and in its realized P&L
    QString adjustment;       // "busted" or "corrected", with what and when: the execution's history
    QJsonObject toJson() const;
    void appendCanonicalJson(QByteArray &out) const; // canonicalJson(toJson()), straight into `out`
    static FillRecord fromJson(const QJsonObject &o);
};

// Orders in the order they were entered (time, then id); a pass when they already are.
// Entry order: by the time the order was recorded, then by id (unique).
inline bool enteredBefore(const OrderRecord &a, const OrderRecord &b)
{
    return a.createdUs != b.createdUs ? a.createdUs < b.createdUs : a.orderId < b.orderId;
}
void sortByEntry(QList<OrderRef> &orders);

} // namespace instant

// A fill's fields are Qt's implicitly shared types and plain values: moved as bytes when a list of
// them grows or drops its oldest (the executions kept are a window of 200,000 that moves with
// every fill a replay applies).
Q_DECLARE_TYPEINFO(instant::FillRecord, Q_RELOCATABLE_TYPE);
// A shared record is a pointer: moved as bytes when a list of a million of them grows.
Q_DECLARE_TYPEINFO(instant::OrderRef, Q_RELOCATABLE_TYPE);
