#pragma once

// The pre-trade pipeline: one function from an order as typed, the book and the trade date to a
// checked order or a refusal with its reasons. The order manager decides with it; the ticket's
// preview, the copilot and rebalance show what it says, so the figure a trader is shown is the
// figure the order manager checks, on the same trade and settlement dates.

#include "compliance/compliance.h"
#include "compliance/ordercost.h"
#include "common/types.h"

#include <QDate>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace instant {

class BookView;
class ReferenceData;
struct Instrument;

// An order as a trader, the copilot or a rebalance wrote it: text, as typed.
struct OrderTerms
{
    QString account;
    QString instrument;   // id or symbol
    QString side;         // buy | sell
    QString type = QStringLiteral("limit"); // limit | market | stop | stop-limit
    QString timeInForce = QStringLiteral("day");
    qint64 quantity = 0;
    QString limitPrice;   // as the market writes it: 99-16+, 228.50
    QString stopPrice;
    QList<RuleOverride> overrides; // soft rules overridden, each with a reason
    QString approvedBy;   // four eyes: the second person who approved it, when one did
    bool bracketEntry = false; // the entry of a bracket (a buy whose exits come with it)
    QString takeProfit;   // a bracket's take-profit price: checked against the collar now
    bool operator==(const OrderTerms &) const = default;
};

// What the book and the rules say about it: the terms parsed, what it costs, and the first reason
// it may not go (stages in order: validation, kill switch, short sale, buying power, rules).
struct CheckedOrder
{
    QString reason;       // empty: it may be sent (soft rules overridden, or waiting for approval)
    QString stage;        // "validation", "kill-switch" or "compliance"
    const Instrument *instrument = nullptr;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit;
    TimeInForce tif = TimeInForce::Day;
    Quantity quantity;
    std::optional<Price> limitPrice;
    std::optional<Price> stopPrice;
    std::optional<Price> protectionPrice; // market and stop orders: the worst fill price allowed
    OrderCost cost;       // priced at the limit or the protection price, on the trade date
    qint64 reservationCents = 0; // a buy's hold (cost.holdCents); 0 for a sell
    qint64 availableCents = 0;   // the account's, before the order
    // The rules' findings, once the order got that far (the earlier stages passed).
    bool rulesChecked = false;
    QList<Violation> violations;
    // Everything the book would refuse, as findings (kill switch, short sale, buying power): shown
    // beside the rules' in a preview even when an earlier one already refuses.
    QList<Violation> bookViolations;
    QJsonArray overrides;          // soft rules overridden, with the reason (and the approver)
    QList<Violation> needApproval; // overridden soft rules whose approver has not approved yet
    double dv01 = 0;               // Treasuries: dollars per basis point the order adds
    std::optional<double> yieldPercent;
    // A bracket's take-profit the price collar would refuse when it is placed (the entry may go).
    QList<Violation> takeProfitRefusals;

    bool valid() const { return stage != u"validation"; } // the terms make an order
    bool passes() const { return reason.isEmpty(); }
};

struct PreTradeContext
{
    const BookView &book;
    const ReferenceData &reference;
    const QList<ComplianceRule> &rules;
    KillSwitch killSwitch = KillSwitch::Active;
    QDate tradeDate; // the market's: settlement, accrued interest and tradability follow it
};

// The most any order may be for: beyond it, a typing error.
constexpr qint64 MaxOrderQuantity = 1'000'000'000'000;
// Limit and stop prices further than this from the last trade are typing errors, not orders.
constexpr double PriceBandPercent = 50;

CheckedOrder checkOrder(const OrderTerms &terms, const PreTradeContext &context);

} // namespace instant
