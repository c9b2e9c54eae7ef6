#pragma once

#include "common/clock.h"
#include "common/decimal.h"
#include "common/types.h"
#include "marketdata/marketdata.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

namespace instant {

// An order as a venue receives it. A market order carries a protection price: the worst price
// it may fill at (the OMS reserved buying power up to it).
struct VenueOrder
{
    QString orderId;
    QString instrument;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce tif = TimeInForce::Day;
    Quantity quantity;
    std::optional<Price> limitPrice;
    std::optional<Price> stopPrice;
    std::optional<Price> protectionPrice;
    Quantity filled; // for reconcile(): what the order manager has recorded as filled
};

struct ExecutionReport
{
    // Every ExecType of FIX 4.4 comes to one of these: 0 Acknowledged; 1, 2 and F Fill; 4
    // Cancelled; 5 Replaced; 8 Rejected; C (and 3 on a day order) Expired; D Restated; G Corrected;
    // H Busted; A, 6, E, 7, 9, B and 3 on a GTC order Noted (a report that changes nothing here).
    enum class Kind { Acknowledged, Fill, Cancelled, Replaced, Rejected, CancelRejected, ReplaceRejected, Expired,
                      Restated, Busted, Corrected, Noted };
    Kind kind = Kind::Acknowledged;
    QString orderId;
    QString execId;          // fills, busts, corrections, restatements
    QString execRefId;       // busts and corrections: the execution they break or correct
    Quantity lastQuantity;   // fills; corrections: the new quantity
    Price lastPrice;         // fills, corrections: on the instrument's grid, or the nearest unit
    std::optional<Decimal> exactPrice; // the price exactly as sent, when it is off the grid
    Quantity leaves;         // what is still working after this report
    Quantity cumulative;     // filled so far
    std::optional<Decimal> averagePrice; // AvgPx, as sent
    Quantity orderQuantity;  // after a replace or restatement: the new total
    std::optional<Price> limitPrice; // after a replace or restatement
    QString text;            // why (rejects, cancels, expiries); Status: what it was
    TimestampUs transactUs = 0;
    bool possibleDuplicate = false; // sent again by the venue (FIX resend): may already be applied
    // The venue's answer to a status request: its CumQty is compared with what is booked here.
    bool fromStatus = false;
    char ordStatus = 0;      // the venue's OrdStatus, when it says
    // For an order this workstation does not know: what the venue says it is.
    QString instrument;
    std::optional<Side> side;
    QString account;         // Account (1), when sent
    QString venueOrderId;    // OrderID (37), when sent
};

// Whether a venue can take orders now, in words for the status bar.
struct VenueConnection
{
    bool ready = true;
    QString text;
};

// Where orders go: the simulated venue in demo mode, FIX or WebSocket venues live.
// Reports arrive through executionReport(); market data through quote(), trade() and bar().
class Venue : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~Venue() override;

    virtual QString name() const = 0;
    virtual void submit(const VenueOrder &order) = 0;
    virtual void cancel(const QString &orderId) = 0;
    // New limit price and new total quantity (filled + working), as FIX OrderQty.
    virtual void replace(const QString &orderId, std::optional<Price> limitPrice, Quantity quantity) = 0;
    // For reconciliation after a restart: what is still working for an order, or nullopt when
    // the venue does not know it (any more).
    virtual std::optional<Quantity> workingQuantity(const QString &orderId) const = 0;
    // The venue's clock (simulated in demo mode).
    virtual TimestampUs nowUs() const = 0;
    // The trading day that fills belong to now (settlement counts from it).
    virtual QDate tradeDate() const;
    // A venue reached over a session (FIX) learns after a restart which orders are still open
    // from the order manager, and asks the far side about each once connected: an order it no
    // longer has comes back as an Expired report. A venue that answers at once
    // (workingQuantity) returns false, and the order manager reconciles by itself.
    virtual bool reconcilesOnConnect() const { return false; }
    virtual void reconcile(const QList<VenueOrder> &open) { Q_UNUSED(open); }

Q_SIGNALS:
    void executionReport(const instant::ExecutionReport &report);
    void quote(const instant::Quote &quote);
    void trade(const instant::TradePrint &trade);
    void bar(const instant::Bar &bar);
    void connectionChanged(const instant::VenueConnection &connection);
};

} // namespace instant

Q_DECLARE_METATYPE(instant::ExecutionReport)
Q_DECLARE_METATYPE(instant::VenueConnection)
