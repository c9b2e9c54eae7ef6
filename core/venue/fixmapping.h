#pragma once

#include "common/result.h"
#include "fix/fixsession.h"
#include "refdata/referencedata.h"
#include "venue/venue.h"

#include <optional>

// How Instant's orders and execution reports travel as FIX 4.4 application messages, both ways:
// the workstation's FixVenue writes orders and reads reports; `instant venue serve` reads orders
// and writes reports. Prices on the wire are decimals (99.5078125), exactly the instrument's
// integer price units; quantities are units (face value, shares, contracts).
namespace instant::fixmap {

namespace tag {
constexpr int Account = 1, AvgPx = 6, ClOrdID = 11, CumQty = 14, ExecID = 17, ExecRefID = 19, LastPx = 31, LastQty = 32,
              RefSeqNum = 45, RefTagID = 371, RefMsgType = 372, SessionRejectReason = 373, BusinessRejectRefID = 379,
              BusinessRejectReason = 380, ExecRestatementReason = 378, MassStatusReqType = 585, TotNumReports = 911,
              LastRptRequested = 912,
              OrderID = 37, OrderQty = 38, OrdStatus = 39, OrdType = 40, OrigClOrdID = 41, Price = 44,
              Side = 54, Symbol = 55, Text = 58, TimeInForce = 59, TransactTime = 60, StopPx = 99,
              CxlRejReason = 102, OrdRejReason = 103, CxlRejResponseTo = 434, ExecType = 150, LeavesQty = 151,
              MassStatusReqID = 584,
              // Bilateral (user-defined range): the worst price a market or stop order may fill at.
              ProtectionPx = 7001;
}

namespace msg {
inline constexpr char NewOrderSingle[] = "D", OrderCancelRequest[] = "F", OrderCancelReplaceRequest[] = "G",
                      OrderStatusRequest[] = "H", ExecutionReport[] = "8", OrderCancelReject[] = "9",
                      OrderMassStatusRequest[] = "AF", Reject[] = "3", BusinessMessageReject[] = "j";
}

std::string priceText(const Instrument &instrument, Price price);
// Exactly a price on the instrument's grid, or an error (too many decimals, not a number).
Result<Price> parsePrice(const Instrument &instrument, const std::string &text);
// A quantity as FIX writes it: any decimal whose value is whole ("1000000", "1000000.0").
std::optional<Quantity> parseQuantity(const std::string &text);
std::string timestampText(TimestampUs us);
std::optional<TimestampUs> parseTimestamp(const std::string &text);

// ---- the workstation side ----

// Tags outside the standard go out only when the counterparty agreed them (the connection's settings).
struct Bilateral
{
    bool protectionPrice = false; // 7001: the worst price a market or stop order may fill at
};
fix::Message newOrderSingle(const VenueOrder &order, const Instrument &instrument, const QString &clOrdId, TimestampUs now,
                            Bilateral bilateral = {});
fix::Message cancelRequest(const VenueOrder &order, const QString &clOrdId, const QString &origClOrdId, TimestampUs now);
fix::Message replaceRequest(const VenueOrder &order, const Instrument &instrument, const QString &clOrdId,
                            const QString &origClOrdId, std::optional<Price> limitPrice, Quantity quantity, TimestampUs now);
fix::Message statusRequest(const VenueOrder &order, const QString &clOrdId, const QString &venueOrderId = {});
fix::Message massStatusRequest(const QString &requestId);

// A report from the venue, read into the engine's terms.
struct InboundReport
{
    ExecutionReport report;
    QString clOrdId;
    QString origClOrdId;
    QString venueOrderId;
    char ordStatus = 0;
    bool statusReply = false;   // ExecType I: the answer to an OrderStatusRequest (or a mass status)
    QString massStatusId;       // MassStatusReqID: a mass status reply
    bool lastOfMassStatus = false; // LastRptRequested=Y
    bool unknownOrder = false;  // the venue does not know the order (OrdRejReason / CxlRejReason 1 or 5)
    bool duplicateClOrdId = false; // OrdRejReason 6: a second order with a ClOrdID already working
};

// The order id of a ClOrdID: cancel and replace requests are "<order id>~<n>".
QString orderIdOf(const QString &clOrdId);
Result<InboundReport> readReport(const fix::Message &message, const ReferenceData &reference);

// ---- the venue side ----

// What a workstation asked for.
struct VenueRequest
{
    enum class Kind { New, Cancel, Replace, Status };
    Kind kind = Kind::New;
    VenueOrder order;     // New: the whole order; others: instrument and side
    QString clOrdId;
    QString origClOrdId;  // Cancel, Replace
    std::optional<Price> limitPrice; // Replace
    Quantity quantity;    // Replace: the new total
    bool possibleDuplicate = false;
};

// A request the session must refuse (missing or malformed field) gives a refusal; a request that
// is well formed but cannot trade (unknown symbol, off-tick price) is read, and the venue rejects
// it with an execution report.
struct RequestOrRefusal
{
    std::optional<VenueRequest> request;
    fix::Refusal refusal;
    QString rejectText; // well formed, but the venue must reject it with this reason
};
RequestOrRefusal readRequest(const fix::Message &message, const ReferenceData &reference);

struct OrderOnVenue
{
    QString clOrdId;      // current
    QString origClOrdId;  // of the request a report answers
    QString venueOrderId;
    QString instrument;
    Side side = Side::Buy;
    Quantity orderQuantity;
    Quantity cumulative;
    std::optional<Price> limitPrice;
    qint64 notionalFilled = 0; // sum of price units × quantity, for AvgPx
};
fix::Message executionReport(const ExecutionReport &report, const OrderOnVenue &order, const Instrument &instrument,
                             const QString &execId);
// The answer to an OrderStatusRequest; `order` null: the venue does not know it.
fix::Message statusReport(const OrderOnVenue *order, const VenueRequest &request, const Instrument *instrument,
                          const QString &execId, char ordStatus, TimestampUs nowUs);
// CxlRejReason: 0 too late (the order is done), 1 unknown order, 3 already pending, 99 other.
fix::Message cancelReject(const QString &clOrdId, const QString &origClOrdId, const QString &venueOrderId,
                          bool replace, const QString &text, char ordStatus, int cxlRejReason);

} // namespace instant::fixmap
