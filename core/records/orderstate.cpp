#include "records/orderstate.h"

namespace instant {
namespace {

using S = OrderState;
using E = OrderEventKind;
using T = OrderStateMachine::Transition;

// Every legal transition; anything else is refused. A venue may cancel a working order on its
// own (ConfirmCancel without a request) and fills may race a pending cancel or replace.
// An execution is a fact: a fill the venue reports after the order was cancelled, expired or
// filled here is booked and the order keeps its final state (the OMS flags it for a human); a
// fill after a reject shows the venue had the order after all, so it works again.
constexpr T Table[] = {
    {S::PendingNew, E::Acknowledge, S::New},
    {S::PendingNew, E::Reject, S::Rejected},
    {S::PendingNew, E::PartialFill, S::PartiallyFilled},
    {S::PendingNew, E::Fill, S::Filled},
    {S::PendingNew, E::RequestCancel, S::PendingCancel},
    {S::PendingNew, E::Expire, S::Expired},
    {S::PendingNew, E::ConfirmCancel, S::Cancelled},
    {S::PendingNew, E::Restate, S::PendingNew},

    {S::New, E::PartialFill, S::PartiallyFilled},
    {S::New, E::Fill, S::Filled},
    {S::New, E::RequestCancel, S::PendingCancel},
    {S::New, E::ConfirmCancel, S::Cancelled},
    {S::New, E::RequestReplace, S::PendingReplace},
    {S::New, E::Expire, S::Expired},
    {S::New, E::Restate, S::New},

    {S::PartiallyFilled, E::PartialFill, S::PartiallyFilled},
    {S::PartiallyFilled, E::Fill, S::Filled},
    {S::PartiallyFilled, E::RequestCancel, S::PendingCancel},
    {S::PartiallyFilled, E::ConfirmCancel, S::Cancelled},
    {S::PartiallyFilled, E::RequestReplace, S::PendingReplace},
    {S::PartiallyFilled, E::Expire, S::Expired},
    {S::PartiallyFilled, E::Restate, S::PartiallyFilled},

    {S::PendingCancel, E::ConfirmCancel, S::Cancelled},
    {S::PendingCancel, E::RejectCancel, S::PendingCancel, true},
    {S::PendingCancel, E::PartialFill, S::PendingCancel},
    {S::PendingCancel, E::Fill, S::Filled},
    {S::PendingCancel, E::Expire, S::Expired},
    {S::PendingCancel, E::Restate, S::PendingCancel},

    {S::PendingReplace, E::ConfirmReplace, S::Replaced},
    {S::PendingReplace, E::RejectReplace, S::PendingReplace, true},
    {S::PendingReplace, E::PartialFill, S::PendingReplace},
    {S::PendingReplace, E::Fill, S::Filled},
    {S::PendingReplace, E::Expire, S::Expired},
    {S::PendingReplace, E::ConfirmCancel, S::Cancelled},
    {S::PendingReplace, E::Restate, S::PendingReplace},

    {S::Replaced, E::PartialFill, S::PartiallyFilled},
    {S::Replaced, E::Fill, S::Filled},
    {S::Replaced, E::RequestCancel, S::PendingCancel},
    {S::Replaced, E::ConfirmCancel, S::Cancelled},
    {S::Replaced, E::RequestReplace, S::PendingReplace},
    {S::Replaced, E::Expire, S::Expired},
    {S::Replaced, E::Restate, S::Replaced},

    // Late executions: booked, the order stays done.
    {S::Filled, E::PartialFill, S::Filled},
    {S::Filled, E::Fill, S::Filled},
    {S::Cancelled, E::PartialFill, S::Cancelled},
    {S::Cancelled, E::Fill, S::Cancelled},
    {S::Expired, E::PartialFill, S::Expired},
    {S::Expired, E::Fill, S::Expired},
    {S::Rejected, E::PartialFill, S::PartiallyFilled},
    {S::Rejected, E::Fill, S::Filled},
};

// A dense lookup built from the table once: index = state * events + event.
struct Lookup
{
    std::array<const T *, OrderStateCount * OrderEventKindCount> cells{};
    constexpr Lookup()
    {
        for (const T &t : Table)
            cells[static_cast<int>(t.from) * OrderEventKindCount + static_cast<int>(t.event)] = &t;
    }
};
constexpr Lookup lookup;

constexpr const char *StateNames[OrderStateCount] = {"PendingNew", "New",     "PartiallyFilled", "Filled",
                                                     "PendingCancel", "Cancelled", "PendingReplace", "Replaced",
                                                     "Rejected", "Expired"};
constexpr const char *EventNames[OrderEventKindCount] = {
    "Acknowledge", "Reject", "PartialFill", "Fill", "RequestCancel", "ConfirmCancel",
    "RejectCancel", "RequestReplace", "ConfirmReplace", "RejectReplace", "Expire", "Restate"};

} // namespace

QString stateName(OrderState state)
{
    return QString::fromLatin1(StateNames[static_cast<int>(state)]);
}

QString eventName(OrderEventKind kind)
{
    return QString::fromLatin1(EventNames[static_cast<int>(kind)]);
}

std::optional<OrderState> orderStateFromString(const QString &text)
{
    for (int i = 0; i < OrderStateCount; ++i)
        if (text == QLatin1String(StateNames[i]))
            return static_cast<OrderState>(i);
    return std::nullopt;
}

bool isTerminal(OrderState state)
{
    return state == S::Filled || state == S::Cancelled || state == S::Rejected || state == S::Expired;
}

bool isWorking(OrderState state)
{
    return state == S::New || state == S::PartiallyFilled || state == S::Replaced || state == S::PendingCancel
           || state == S::PendingReplace;
}

std::span<const OrderStateMachine::Transition> OrderStateMachine::table()
{
    return Table;
}

bool OrderStateMachine::allowed(OrderState from, OrderEventKind event)
{
    return lookup.cells[static_cast<int>(from) * OrderEventKindCount + static_cast<int>(event)] != nullptr;
}

Result<OrderState> OrderStateMachine::next(OrderState from, OrderEventKind event, OrderState beforePending)
{
    const T *t = lookup.cells[static_cast<int>(from) * OrderEventKindCount + static_cast<int>(event)];
    if (!t)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("illegal transition: %1 cannot happen to an order "
                                                                    "that is %2")
                                                         .arg(eventName(event), stateName(from)));
    return t->revert ? beforePending : t->to;
}

} // namespace instant
