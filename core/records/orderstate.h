#pragma once

#include "common/result.h"

#include <QString>

#include <optional>
#include <span>

namespace instant {

// The life of an order, as the trader sees it.
enum class OrderState : quint8 {
    PendingNew,     // accepted by the OMS, not yet acknowledged by the venue
    New,            // working at the venue, nothing filled
    PartiallyFilled,
    Filled,         // terminal
    PendingCancel,  // cancel sent, not yet confirmed
    Cancelled,      // terminal
    PendingReplace, // replace sent, not yet confirmed
    Replaced,       // working with amended price or quantity
    Rejected,       // terminal
    Expired,        // terminal
};
constexpr int OrderStateCount = 10;

// What can happen to an order.
enum class OrderEventKind : quint8 {
    Acknowledge,      // venue accepted it
    Reject,           // OMS, compliance or venue refused it
    PartialFill,      // some quantity traded, some left
    Fill,             // the rest traded
    RequestCancel,
    ConfirmCancel,
    RejectCancel,     // cancel refused (e.g. too late): back to where it was
    RequestReplace,
    ConfirmReplace,
    RejectReplace,    // replace refused: back to where it was
    Expire,           // end of day for DAY, IOC remainder, FOK kill
    Restate,          // the venue changed the order's terms by itself (FIX ExecType D)
};
constexpr int OrderEventKindCount = 12;

QString stateName(OrderState state);
QString eventName(OrderEventKind kind);
std::optional<OrderState> orderStateFromString(const QString &text);
bool isTerminal(OrderState state);
bool isWorking(OrderState state); // at the venue and able to trade

// The state machine as a table (state × event → state). A transition that is not in the
// table is illegal. Reverting transitions (a refused cancel or replace) go back to the state
// the order had before the request, which the caller keeps.
class OrderStateMachine
{
public:
    struct Transition
    {
        OrderState from;
        OrderEventKind event;
        OrderState to;
        bool revert = false; // `to` is ignored: go back to the state before the pending request
    };

    static std::span<const Transition> table();
    // The next state, or an error naming the illegal transition.
    static Result<OrderState> next(OrderState from, OrderEventKind event, OrderState beforePending);
    static bool allowed(OrderState from, OrderEventKind event);
};

} // namespace instant
