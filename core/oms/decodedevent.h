#pragma once

// An event's payload decoded into the struct of its type, for TradingState::apply. A replay
// decodes on the thread that reads the log and applies on its own, so the two cores share the
// work; a live append decodes and applies in one call. The families the state applies from the
// payload itself (lifecycle, executions beyond the lifecycle, approvals, brackets: a few percent
// of a log) stay undecoded here.

#include "events/event.h"
#include "events/orderevents.h"

#include <any>
#include <variant>

namespace instant {

struct DecodedEvent
{
    enum class Kind {
        Other, // decoded by the family that applies it, or not applied
        // the compliance settings
        ComplianceRulesChanged, KillSwitchChanged, InstrumentListed,
        // the ledger
        AccountOpened, TradeSettled, SettlementFailed,
        // orders
        OrderAccepted, OrderDiscovered, OrderRejected, OrderAcknowledged, OrderPartiallyFilled, OrderFilled, CancelRequested,
        OrderCancelled, OrderExpired, VenueRejected, CancelRejected, ReplaceRequested, OrderReplaced, ReplaceRejected,
        CommandRefused, IllegalTransitionRefused
    };
    struct Listing
    {
        QString instrument; // InstrumentListed: the instrument's id
    };
    Kind kind = Kind::Other;
    // A payload of a kind above that is not a JSON object (a corrupt or altered log): nothing of
    // it can be applied, and the body is empty.
    bool unreadable = false;
    std::variant<std::monostate, events::RulesChange, events::KillSwitchChange, Listing, events::AccountOpening, events::Settlement,
                 events::OrderAcceptance, events::OrderRejection, events::Acknowledgement, events::Fill, events::CancelRequest,
                 events::OrderEnded, events::VenueRefusal, events::Replacement, events::ReplaceRejection>
        body;

    static Kind kindOf(const QString &type);
    // Decodes the payload of an event of a kind above; an event of any other type is Other.
    static DecodedEvent of(const RecordedEvent &event);
    // The same for an event just recorded from `written` (NewEvent::written): that typed event
    // when it is one of the kind's body, without reading the payload back; else of(event).
    static DecodedEvent of(const RecordedEvent &event, const std::any &written);
};

} // namespace instant
