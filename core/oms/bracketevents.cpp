#include "oms/bracketevents.h"

#include "events/orderevents.h"
#include "events/payload.h"

#include <QJsonObject>

namespace instant::brackets {

namespace {

using events::priceValue;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

std::optional<Price> priceOf(const Payload &p, const char *name)
{
    if (auto v = p.optionalI64(name))
        return Price(*v);
    return std::nullopt;
}

BracketExits exitsOf(const Payload &p)
{
    BracketExits e;
    e.stopLoss = priceOf(p, "stop_loss");
    e.trailBy = priceOf(p, "trail_by");
    e.takeProfit = priceOf(p, "take_profit");
    e.exitAtUs = p.i64("exit_at_us");
    return e;
}

NewEvent make(const QString &type, QJsonObject payload, const QString &bracketId, const Actor &actor)
{
    payload.insert(key("bracket_id"), bracketId);
    return NewEvent::make(type, std::move(payload), actor, bracketId);
}

} // namespace

NewEvent encode(const Placement &e, const Actor &actor)
{
    QJsonObject p = e.exits.toJson();
    p.insert(key("account"), e.account);
    p.insert(key("instrument"), e.instrument);
    p.insert(key("quantity"), e.quantity);
    if (!e.workstation.isEmpty())
        p.insert(key("workstation"), e.workstation);
    return make(events::BracketPlaced, p, e.bracketId, actor);
}

NewEvent encode(const StopLevel &e, const Actor &actor)
{
    QJsonObject p{{key("stop_price"), priceValue(e.stop)}, {key("high"), priceValue(e.high)}};
    if (e.kind == StopLevel::Kind::Armed)
        p.insert(key("filled"), e.filled);
    return make(e.kind == StopLevel::Kind::Armed ? events::BracketArmed : events::BracketStopMoved, p, e.bracketId, actor);
}

NewEvent encode(const Amendment &e, const Actor &actor)
{
    QJsonObject p = e.exits.toJson();
    p.insert(key("stop_price"), priceValue(e.stop));
    return make(events::BracketAmended, p, e.bracketId, actor);
}

NewEvent encode(const Trigger &e, const Actor &actor)
{
    QJsonObject p{{key("trigger"), e.why},
                  {key("price"), priceValue(e.price)},
                  {key("stop_price"), priceValue(e.stop)},
                  {key("held"), e.held}};
    if (!e.priceText.isEmpty())
        p.insert(key("price_text"), e.priceText);
    return make(events::BracketExitTriggered, p, e.bracketId, actor);
}

NewEvent encode(const Closing &e, const Actor &actor)
{
    return make(events::BracketClosed, {{key("outcome"), e.outcome}, {key("reason"), e.reason}, {key("held"), e.held}},
                e.bracketId, actor);
}

Placement decodePlacement(const Payload &p)
{
    return {p.str("bracket_id"), p.str("account"), p.str("instrument"), p.i64("quantity"), exitsOf(p), p.str("workstation")};
}

StopLevel decodeStopLevel(const Payload &p, StopLevel::Kind kind)
{
    return {kind, p.str("bracket_id"), priceOf(p, "stop_price"), priceOf(p, "high"), p.i64("filled")};
}

Amendment decodeAmendment(const Payload &p)
{
    return {p.str("bracket_id"), exitsOf(p), priceOf(p, "stop_price")};
}

Trigger decodeTrigger(const Payload &p)
{
    return {p.str("bracket_id"), p.str("trigger"), priceOf(p, "price"), p.str("price_text"), priceOf(p, "stop_price"), p.i64("held")};
}

Closing decodeClosing(const Payload &p)
{
    return {p.str("bracket_id"), p.str("outcome"), p.str("reason"), p.i64("held")};
}

std::optional<NewEvent> reencode(const RecordedEvent &event)
{
    const QString &t = event.type;
    const Payload p = Payload::parse(event.payload);
    if (t == events::BracketPlaced)
        return encode(decodePlacement(p), event.actor);
    if (t == events::BracketArmed)
        return encode(decodeStopLevel(p, StopLevel::Kind::Armed), event.actor);
    if (t == events::BracketStopMoved)
        return encode(decodeStopLevel(p, StopLevel::Kind::Moved), event.actor);
    if (t == events::BracketAmended)
        return encode(decodeAmendment(p), event.actor);
    if (t == events::BracketExitTriggered)
        return encode(decodeTrigger(p), event.actor);
    if (t == events::BracketClosed)
        return encode(decodeClosing(p), event.actor);
    return std::nullopt;
}

} // namespace instant::brackets
