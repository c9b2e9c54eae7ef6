#include "events/orderevents.h"

namespace instant::events {

QString accountStream(const QString &account)
{
    return QStringLiteral("account-") + account;
}

QString complianceStream()
{
    return QStringLiteral("compliance");
}

QString toString(Side side)
{
    return side == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell");
}

QString toString(OrderType type)
{
    switch (type) {
    case OrderType::Limit: return QStringLiteral("limit");
    case OrderType::Market: return QStringLiteral("market");
    case OrderType::Stop: return QStringLiteral("stop");
    case OrderType::StopLimit: return QStringLiteral("stop-limit");
    }
    return {};
}

QString toString(TimeInForce tif)
{
    switch (tif) {
    case TimeInForce::Day: return QStringLiteral("day");
    case TimeInForce::Gtc: return QStringLiteral("gtc");
    case TimeInForce::Ioc: return QStringLiteral("ioc");
    case TimeInForce::Fok: return QStringLiteral("fok");
    }
    return {};
}

bool parseSide(const QString &text, Side &out)
{
    const QString t = text.trimmed().toLower();
    if (t == u"buy" || t == u"b") {
        out = Side::Buy;
        return true;
    }
    if (t == u"sell" || t == u"s") {
        out = Side::Sell;
        return true;
    }
    return false;
}

bool parseOrderType(const QString &text, OrderType &out)
{
    const QString t = text.trimmed().toLower();
    for (OrderType type : {OrderType::Limit, OrderType::Market, OrderType::Stop, OrderType::StopLimit}) {
        if (t == toString(type) || (type == OrderType::StopLimit && t == u"stoplimit")) {
            out = type;
            return true;
        }
    }
    return false;
}

bool parseTimeInForce(const QString &text, TimeInForce &out)
{
    const QString t = text.trimmed().toLower();
    for (TimeInForce tif : {TimeInForce::Day, TimeInForce::Gtc, TimeInForce::Ioc, TimeInForce::Fok}) {
        if (t == toString(tif)) {
            out = tif;
            return true;
        }
    }
    return false;
}

} // namespace instant::events
