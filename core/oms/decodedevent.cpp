#include "oms/decodedevent.h"

#include "events/payload.h"
#include "oms/executionevents.h"
#include "oms/instrumentlistings.h"

#include <QHash>
#include <QJsonObject>

#include <array>

namespace instant {

DecodedEvent::Kind DecodedEvent::kindOf(const QString &type)
{
    static const QHash<QString, Kind> kinds{
        {events::AccountOpened, Kind::AccountOpened},
        {events::CancelRejected, Kind::CancelRejected},
        {events::CancelRequested, Kind::CancelRequested},
        {events::CommandRefused, Kind::CommandRefused},
        {events::ComplianceRulesChanged, Kind::ComplianceRulesChanged},
        {events::IllegalTransitionRefused, Kind::IllegalTransitionRefused},
        {executions::OrderDiscovered, Kind::OrderDiscovered},
        {listings::InstrumentListed, Kind::InstrumentListed},
        {events::SettlementFailed, Kind::SettlementFailed},
        {events::KillSwitchChanged, Kind::KillSwitchChanged},
        {events::OrderAccepted, Kind::OrderAccepted},
        {events::OrderAcknowledged, Kind::OrderAcknowledged},
        {events::OrderCancelled, Kind::OrderCancelled},
        {events::OrderExpired, Kind::OrderExpired},
        {events::OrderFilled, Kind::OrderFilled},
        {events::OrderPartiallyFilled, Kind::OrderPartiallyFilled},
        {events::OrderRejected, Kind::OrderRejected},
        {events::OrderReplaced, Kind::OrderReplaced},
        {events::ReplaceRejected, Kind::ReplaceRejected},
        {events::ReplaceRequested, Kind::ReplaceRequested},
        {events::TradeSettled, Kind::TradeSettled},
        {events::VenueRejected, Kind::VenueRejected}};
    // A replay asks for a few dozen types millions of times, each type one shared text (the
    // reader interns them): the same text as one seen lately is recognised by where it lies,
    // without hashing it. A slot holds a reference to its text, an allocated one only (not one
    // over someone else's bytes), so those bytes stay as they are while it is cached.
    struct Seen
    {
        QString type;
        Kind kind = Kind::Other;
    };
    thread_local std::array<Seen, 16> seen;
    Seen &slot = seen[(quintptr(type.constData()) >> 4) % seen.size()];
    if (slot.type.constData() == type.constData() && slot.type.size() == type.size() && !type.isEmpty())
        return slot.kind;
    const Kind kind = kinds.value(type, Kind::Other);
    if (type.data_ptr().isMutable()) // allocated: held by the slot, not over bytes it does not hold
        slot = Seen{type, kind};
    return kind;
}

DecodedEvent DecodedEvent::of(const RecordedEvent &event)
{
    using events::OrderEnded, events::VenueRefusal, events::Replacement;
    DecodedEvent d;
    d.kind = kindOf(event.type);
    if (d.kind == Kind::Other || d.kind == Kind::CommandRefused || d.kind == Kind::IllegalTransitionRefused)
        return d; // applied from the payload by its family, or audit only
    const Payload p = Payload::parse(event.payload);
    if (!p.isValid()) {
        d.unreadable = true;
        return d;
    }
    switch (d.kind) {
    case Kind::ComplianceRulesChanged: d.body = events::decodeRulesChange(p); break;
    case Kind::KillSwitchChanged: d.body = events::decodeKillSwitchChange(p); break;
    case Kind::InstrumentListed: d.body = Listing{p.json("instrument").toObject().value(QStringLiteral("id")).toString()}; break;
    case Kind::AccountOpened: d.body = events::decodeAccountOpening(p); break;
    case Kind::TradeSettled: d.body = events::decodeSettlement(p, false); break;
    case Kind::SettlementFailed: d.body = events::decodeSettlement(p, true); break;
    case Kind::OrderAccepted: d.body = events::decodeOrderAcceptance(p); break;
    case Kind::OrderDiscovered: d.body = executions::decodeDiscovery(p).terms; break;
    case Kind::OrderRejected: d.body = events::decodeOrderRejection(p); break;
    case Kind::OrderAcknowledged: d.body = events::decodeAcknowledgement(p); break;
    case Kind::OrderPartiallyFilled:
    case Kind::OrderFilled: d.body = events::decodeFill(p); break;
    case Kind::CancelRequested: d.body = events::decodeCancelRequest(p); break;
    case Kind::OrderCancelled: d.body = events::decodeOrderEnded(p, OrderEnded::How::Cancelled); break;
    case Kind::OrderExpired: d.body = events::decodeOrderEnded(p, OrderEnded::How::Expired); break;
    case Kind::VenueRejected: d.body = events::decodeVenueRefusal(p, VenueRefusal::Of::Order); break;
    case Kind::CancelRejected: d.body = events::decodeVenueRefusal(p, VenueRefusal::Of::Cancel); break;
    case Kind::ReplaceRequested: d.body = events::decodeReplacement(p, Replacement::Stage::Requested); break;
    case Kind::OrderReplaced: d.body = events::decodeReplacement(p, Replacement::Stage::Confirmed); break;
    case Kind::ReplaceRejected: d.body = events::decodeReplaceRejection(p); break;
    case Kind::Other:
    case Kind::CommandRefused:
    case Kind::IllegalTransitionRefused: break;
    }
    return d;
}

DecodedEvent DecodedEvent::of(const RecordedEvent &event, const std::any &written)
{
    DecodedEvent d;
    d.kind = kindOf(event.type);
    switch (d.kind) {
    case Kind::OrderAccepted:
        if (const auto *terms = std::any_cast<events::OrderAcceptance>(&written)) {
            d.body = *terms;
            return d;
        }
        break;
    case Kind::OrderAcknowledged:
        if (const auto *ack = std::any_cast<events::Acknowledgement>(&written)) {
            d.body = *ack;
            return d;
        }
        break;
    case Kind::OrderPartiallyFilled:
    case Kind::OrderFilled:
        if (const auto *fill = std::any_cast<events::Fill>(&written)) {
            d.body = *fill;
            return d;
        }
        break;
    default: break;
    }
    return of(event);
}

} // namespace instant
