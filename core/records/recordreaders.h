#pragma once

// Reading the fields of records and event payloads: one set of readers over a JSON object (a
// snapshot) and over a decoded payload (a replay builds no QJsonObject). Internal to the records
// and the trading state.

#include "common/types.h"
#include "events/event.h"
#include "events/payload.h"
#include "records/orderrecords.h"

#include <QJsonObject>

#include <optional>

namespace instant::state {

inline qint64 i64(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}

inline QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

inline std::optional<Price> optionalPrice(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    return Price(v.toInteger());
}

// The same readers over a decoded event payload (replays: no QJsonObject is built).
inline qint64 i64(const Payload &p, const char *key)
{
    return p.i64(key);
}

inline QString str(const Payload &p, const char *key)
{
    return p.str(key);
}

inline std::optional<Price> optionalPrice(const Payload &p, const char *key)
{
    if (auto v = p.optionalI64(key))
        return Price(*v);
    return std::nullopt;
}


// The terms of an order, as both an OrderAccepted/OrderRejected payload and a snapshot write them.
template <class Json>
void readOrderTerms(OrderRecord &o, const Json &p)
{
    o.orderId = str(p, "order_id");
    o.account = str(p, "account");
    o.instrument = str(p, "instrument");
    events::parseSide(str(p, "side"), o.side);
    events::parseOrderType(str(p, "type"), o.type);
    events::parseTimeInForce(str(p, "tif"), o.tif);
    o.quantity = Quantity(i64(p, "quantity"));
    o.limitPrice = optionalPrice(p, "limit_price");
    o.stopPrice = optionalPrice(p, "stop_price");
    o.protectionPrice = optionalPrice(p, "protection_price");
    o.parent = str(p, "parent");
    o.workstation = str(p, "workstation");
}

} // namespace instant::state
