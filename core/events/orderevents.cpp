#include "events/orderevents.h"

#include "events/payload.h"

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

// ---- codecs ----

namespace {

// As QDate::toString(Qt::ISODate) writes it (which goes through a printf): every fill writes
// two dates.
QString isoDate(QDate d)
{
    if (!d.isValid() || d.year() < 1000 || d.year() > 9999)
        return d.toString(Qt::ISODate);
    char text[10];
    auto put = [&text](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char('0' + value % 10);
    };
    put(0, d.year(), 4);
    text[4] = '-';
    put(5, d.month(), 2);
    text[7] = '-';
    put(8, d.day(), 2);
    return QString::fromLatin1(text, 10);
}

// Digits only, as many as the view holds; -1 otherwise.
int digitsOf(std::string_view v)
{
    int n = 0;
    for (char c : v) {
        if (c < '0' || c > '9')
            return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

QDate dateOf(const Payload &p, const char *key)
{
    const std::string_view v = p.view(key);
    if (v.size() == 10 && v[4] == '-' && v[7] == '-') { // the only form events carry
        const int y = digitsOf(v.substr(0, 4)), m = digitsOf(v.substr(5, 2)), d = digitsOf(v.substr(8, 2));
        if (y >= 0 && m >= 0 && d >= 0)
            return QDate(y, m, d); // invalid when out of range, as QDate::fromString would make it
    }
    return QDate::fromString(p.str(key), Qt::ISODate);
}

std::optional<Price> priceOf(const Payload &p, const char *key)
{
    if (auto v = p.optionalI64(key))
        return Price(*v);
    return std::nullopt;
}

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

// The same readers over a decoded payload and over a JSON object (a command as typed, nested in a
// CommandRefused).
QString textOf(const Payload &p, const char *name)
{
    return p.str(name);
}

QString textOf(const QJsonObject &o, const char *name)
{
    return o.value(key(name)).toString();
}

// A text many events repeat (an account, a side): shared on a replay's hot path.
QString wordOf(const Payload &p, const char *name)
{
    return p.word(name);
}

QString wordOf(const QJsonObject &o, const char *name)
{
    return textOf(o, name);
}

qint64 integerOf(const Payload &p, const char *name)
{
    return p.i64(name);
}

qint64 integerOf(const QJsonObject &o, const char *name)
{
    return o.value(key(name)).toInteger();
}

QJsonObject objectOf(const Payload &p, const char *name)
{
    return p.has(name) ? p.json(name).toObject() : QJsonObject();
}

QJsonObject objectOf(const QJsonObject &o, const char *name)
{
    return o.value(key(name)).toObject();
}

template <class Json>
TypedOrder readTypedOrder(const Json &j)
{
    TypedOrder t;
    t.orderId = textOf(j, "order_id");
    t.account = wordOf(j, "account");
    t.instrument = wordOf(j, "instrument");
    t.side = wordOf(j, "side");
    t.type = wordOf(j, "type");
    t.tif = wordOf(j, "tif");
    t.quantity = integerOf(j, "quantity");
    t.limitText = textOf(j, "limit_text");
    t.stopText = textOf(j, "stop_text");
    t.bracket = objectOf(j, "bracket");
    t.parent = textOf(j, "parent");
    t.role = wordOf(j, "role");
    return t;
}

QJsonObject typedPayload(const TypedOrder &t)
{
    QJsonObject o{{key("order_id"), t.orderId},
                  {key("account"), t.account},
                  {key("instrument"), t.instrument},
                  {key("side"), t.side},
                  {key("type"), t.type},
                  {key("tif"), t.tif},
                  {key("quantity"), t.quantity},
                  {key("limit_text"), t.limitText},
                  {key("stop_text"), t.stopText}};
    if (!t.bracket.isEmpty())
        o.insert(key("bracket"), t.bracket);
    if (!t.parent.isEmpty()) {
        o.insert(key("parent"), t.parent);
        o.insert(key("role"), t.role);
    }
    return o;
}

} // namespace

QJsonValue priceValue(const std::optional<Price> &price)
{
    return price ? QJsonValue(price->value()) : QJsonValue();
}

NewEvent encode(const AccountOpening &e, const Actor &actor)
{
    return NewEvent::make(AccountOpened, {{key("account"), e.account}, {key("cash_cents"), e.cashCents}}, actor, e.account);
}

NewEvent encode(const RulesChange &e, const Actor &actor)
{
    return NewEvent::make(ComplianceRulesChanged, {{key("rules"), e.rules}}, actor);
}

NewEvent encode(const KillSwitchChange &e, const Actor &actor)
{
    return NewEvent::make(KillSwitchChanged, {{key("mode"), e.mode}, {key("reason"), e.reason}}, actor);
}

NewEvent encode(const StoreOutageRecord &e, const Actor &actor)
{
    return NewEvent::make(StoreOutage,
                          {{key("reason"), e.reason},
                           {key("halted_us"), e.haltedUs},
                           {key("resumed_us"), e.resumedUs},
                           {key("commands_refused"), e.commandsRefused},
                           {key("reports_held"), e.reportsHeld}},
                          actor);
}

QJsonObject termsPayload(const OrderAcceptance &e)
{
    QJsonObject p{{key("order_id"), e.orderId},
                  {key("account"), e.account},
                  {key("instrument"), e.instrument},
                  {key("side"), toString(e.side)},
                  {key("type"), toString(e.type)},
                  {key("tif"), toString(e.tif)},
                  {key("quantity"), e.quantity},
                  {key("limit_price"), priceValue(e.limitPrice)},
                  {key("stop_price"), priceValue(e.stopPrice)},
                  {key("protection_price"), priceValue(e.protectionPrice)},
                  {key("reserved_cents"), e.reservedCents},
                  {key("overrides"), e.overrides}};
    if (!e.parent.isEmpty()) {
        p.insert(key("parent"), e.parent);
        p.insert(key("role"), e.role);
    }
    if (!e.workstation.isEmpty())
        p.insert(key("workstation"), e.workstation);
    return p;
}

NewEvent encode(const OrderAcceptance &e, const Actor &actor)
{
    return NewEvent::make(OrderAccepted, termsPayload(e), actor, e.orderId);
}

NewEvent encode(const OrderRejection &e, const Actor &actor)
{
    QJsonObject p = typedPayload(e.typed);
    p.insert(key("limit_price"), priceValue(e.limitPrice));
    p.insert(key("stop_price"), priceValue(e.stopPrice));
    p.insert(key("reason"), e.reason);
    p.insert(key("stage"), e.stage);
    p.insert(key("rules"), QJsonArray::fromStringList(e.rules));
    return NewEvent::make(OrderRejected, p, actor, e.typed.orderId);
}

NewEvent encode(const Acknowledgement &e, const Actor &actor)
{
    return NewEvent::make(OrderAcknowledged, {{key("order_id"), e.orderId}, {key("leaves"), e.leaves}}, actor, e.orderId);
}

NewEvent encode(const Fill &e, bool full, const Actor &actor)
{
    QJsonObject p{{key("order_id"), e.orderId},
                  {key("exec_id"), e.execId},
                  {key("quantity"), e.quantity},
                  {key("price"), e.price},
                  {key("notional_cents"), e.notionalCents},
                  {key("leaves"), e.leaves},
                  {key("reserved_cents"), e.reservedCents},
                  {key("trade_date"), isoDate(e.tradeDate)},
                  {key("settle_date"), isoDate(e.settleDate)}};
    if (!e.priceText.isEmpty())
        p.insert(key("price_text"), e.priceText);
    if (e.accruedCents > 0)
        p.insert(key("accrued_cents"), e.accruedCents);
    if (!e.exception.isEmpty())
        p.insert(key("exception"), e.exception);
    if (e.statusCumulative)
        p.insert(key("status_cumulative"), *e.statusCumulative);
    return NewEvent::make(full ? OrderFilled : OrderPartiallyFilled, p, actor, e.orderId);
}

NewEvent encode(const CancelRequest &e, const Actor &actor)
{
    return NewEvent::make(CancelRequested, {{key("order_id"), e.orderId}}, actor, e.orderId);
}

NewEvent encode(const OrderEnded &e, const Actor &actor)
{
    return NewEvent::make(e.how == OrderEnded::How::Cancelled ? OrderCancelled : OrderExpired,
                          {{key("order_id"), e.orderId}, {key("reason"), e.reason}, {key("leaves"), e.leaves}}, actor, e.orderId);
}

NewEvent encode(const VenueRefusal &e, const Actor &actor)
{
    return NewEvent::make(e.of == VenueRefusal::Of::Order ? VenueRejected : CancelRejected,
                          {{key("order_id"), e.orderId}, {key("reason"), e.reason}}, actor, e.orderId);
}

NewEvent encode(const Replacement &e, const Actor &actor)
{
    return NewEvent::make(e.stage == Replacement::Stage::Requested ? ReplaceRequested : OrderReplaced,
                          {{key("order_id"), e.orderId},
                           {key("quantity"), e.quantity},
                           {key("limit_price"), priceValue(e.limitPrice)},
                           {key("reserved_cents"), e.reservedCents}},
                          actor, e.orderId);
}

NewEvent encode(const ReplaceRejection &e, const Actor &actor)
{
    return NewEvent::make(ReplaceRejected,
                          {{key("order_id"), e.orderId}, {key("reason"), e.reason}, {key("reserved_cents"), e.reservedCents}},
                          actor, e.orderId);
}

NewEvent encode(const IllegalTransition &e, const Actor &actor)
{
    return NewEvent::make(IllegalTransitionRefused,
                          {{key("order_id"), e.orderId},
                           {key("state"), e.state},
                           {key("event"), e.event},
                           {key("quantity"), e.quantity},
                           {key("reason"), e.reason}},
                          actor, e.orderId);
}

NewEvent encode(const CommandRefusal &e, const Actor &actor)
{
    QJsonObject p{{key("command"), e.command}, {key("reason"), e.reason}};
    if (e.typed)
        p.insert(key("typed"), typedPayload(*e.typed));
    else
        p.insert(key("order_id"), e.orderId);
    return NewEvent::make(CommandRefused, p, actor, e.orderId);
}

NewEvent encode(const Settlement &e, const Actor &actor)
{
    QJsonObject p{{key("exec_id"), e.execId},
                  {key("order_id"), e.orderId},
                  {key("instrument"), e.instrument},
                  {key("side"), toString(e.side)},
                  {key("quantity"), e.quantity},
                  {key("price"), e.price},
                  {key("cash_cents"), e.cashCents},
                  {key("settle_date"), isoDate(e.settleDate)}};
    if (e.failed) {
        p.insert(key("business_date"), isoDate(e.businessDate));
        p.insert(key("reason"), e.reason);
    }
    return NewEvent::make(e.failed ? SettlementFailed : TradeSettled, p, actor, e.orderId);
}

TypedOrder decodeTypedOrder(const QJsonObject &o)
{
    return readTypedOrder(o);
}

AccountOpening decodeAccountOpening(const Payload &p)
{
    return {p.word("account"), p.i64("cash_cents")};
}

RulesChange decodeRulesChange(const Payload &p)
{
    return {p.json("rules").toArray()};
}

KillSwitchChange decodeKillSwitchChange(const Payload &p)
{
    return {p.str("mode"), p.word("reason")};
}

StoreOutageRecord decodeStoreOutage(const Payload &p)
{
    return {p.word("reason"), p.i64("halted_us"), p.i64("resumed_us"), p.i64("commands_refused"), p.i64("reports_held")};
}

OrderAcceptance decodeOrderAcceptance(const Payload &p)
{
    OrderAcceptance e;
    e.orderId = p.str("order_id");
    e.account = p.word("account");
    e.instrument = p.word("instrument");
    parseSide(p.word("side"), e.side);
    parseOrderType(p.word("type"), e.type);
    parseTimeInForce(p.word("tif"), e.tif);
    e.quantity = p.i64("quantity");
    e.limitPrice = priceOf(p, "limit_price");
    e.stopPrice = priceOf(p, "stop_price");
    e.protectionPrice = priceOf(p, "protection_price");
    e.reservedCents = p.i64("reserved_cents");
    if (p.has("overrides"))
        e.overrides = p.json("overrides").toArray();
    e.parent = p.str("parent");
    e.role = p.word("role");
    e.workstation = p.word("workstation");
    return e;
}

OrderRejection decodeOrderRejection(const Payload &p)
{
    OrderRejection e;
    e.typed = readTypedOrder(p);
    e.limitPrice = priceOf(p, "limit_price");
    e.stopPrice = priceOf(p, "stop_price");
    e.reason = p.word("reason");
    e.stage = p.word("stage");
    if (p.has("rules"))
        for (const QJsonValue &v : p.json("rules").toArray())
            e.rules << v.toString();
    return e;
}

Acknowledgement decodeAcknowledgement(const Payload &p)
{
    return {p.str("order_id"), p.i64("leaves")};
}

Fill decodeFill(const Payload &p)
{
    Fill e;
    e.orderId = p.str("order_id");
    e.execId = p.str("exec_id");
    e.quantity = p.i64("quantity");
    e.price = p.i64("price");
    e.priceText = p.str("price_text");
    e.notionalCents = p.i64("notional_cents");
    e.accruedCents = p.i64("accrued_cents");
    e.leaves = p.i64("leaves");
    e.reservedCents = p.i64("reserved_cents");
    e.tradeDate = dateOf(p, "trade_date");
    e.settleDate = dateOf(p, "settle_date");
    e.exception = p.str("exception");
    e.statusCumulative = p.optionalI64("status_cumulative");
    return e;
}

CancelRequest decodeCancelRequest(const Payload &p)
{
    return {p.str("order_id")};
}

OrderEnded decodeOrderEnded(const Payload &p, OrderEnded::How how)
{
    return {how, p.str("order_id"), p.word("reason"), p.i64("leaves")};
}

VenueRefusal decodeVenueRefusal(const Payload &p, VenueRefusal::Of of)
{
    return {of, p.str("order_id"), p.word("reason")};
}

Replacement decodeReplacement(const Payload &p, Replacement::Stage stage)
{
    return {stage, p.str("order_id"), p.i64("quantity"), priceOf(p, "limit_price"), p.i64("reserved_cents")};
}

ReplaceRejection decodeReplaceRejection(const Payload &p)
{
    return {p.str("order_id"), p.word("reason"), p.i64("reserved_cents")};
}

IllegalTransition decodeIllegalTransition(const Payload &p)
{
    return {p.str("order_id"), p.str("state"), p.str("event"), p.i64("quantity"), p.word("reason")};
}

CommandRefusal decodeCommandRefusal(const Payload &p)
{
    CommandRefusal e;
    e.orderId = p.str("order_id");
    e.command = p.str("command");
    e.reason = p.word("reason");
    if (p.has("typed")) {
        e.typed = decodeTypedOrder(p.json("typed").toObject());
        e.orderId = e.typed->orderId;
    }
    return e;
}

Settlement decodeSettlement(const Payload &p, bool failed)
{
    Settlement e;
    e.execId = p.str("exec_id");
    e.orderId = p.str("order_id");
    e.instrument = p.word("instrument");
    parseSide(p.word("side"), e.side);
    e.quantity = p.i64("quantity");
    e.price = p.i64("price");
    e.cashCents = p.i64("cash_cents");
    e.settleDate = dateOf(p, "settle_date");
    e.failed = failed;
    if (failed) {
        e.businessDate = dateOf(p, "business_date");
        e.reason = p.word("reason");
    }
    return e;
}

std::optional<NewEvent> reencode(const RecordedEvent &event)
{
    const QString &t = event.type;
    const Payload p = Payload::parse(event.payload);
    std::optional<NewEvent> e;
    if (t == AccountOpened) e = encode(decodeAccountOpening(p), event.actor);
    else if (t == ComplianceRulesChanged) e = encode(decodeRulesChange(p), event.actor);
    else if (t == KillSwitchChanged) e = encode(decodeKillSwitchChange(p), event.actor);
    else if (t == StoreOutage) e = encode(decodeStoreOutage(p), event.actor);
    else if (t == OrderAccepted) e = encode(decodeOrderAcceptance(p), event.actor);
    else if (t == OrderRejected) e = encode(decodeOrderRejection(p), event.actor);
    else if (t == OrderAcknowledged) e = encode(decodeAcknowledgement(p), event.actor);
    else if (t == OrderFilled || t == OrderPartiallyFilled) e = encode(decodeFill(p), t == OrderFilled, event.actor);
    else if (t == CancelRequested) e = encode(decodeCancelRequest(p), event.actor);
    else if (t == OrderCancelled) e = encode(decodeOrderEnded(p, OrderEnded::How::Cancelled), event.actor);
    else if (t == OrderExpired) e = encode(decodeOrderEnded(p, OrderEnded::How::Expired), event.actor);
    else if (t == VenueRejected) e = encode(decodeVenueRefusal(p, VenueRefusal::Of::Order), event.actor);
    else if (t == CancelRejected) e = encode(decodeVenueRefusal(p, VenueRefusal::Of::Cancel), event.actor);
    else if (t == ReplaceRequested) e = encode(decodeReplacement(p, Replacement::Stage::Requested), event.actor);
    else if (t == OrderReplaced) e = encode(decodeReplacement(p, Replacement::Stage::Confirmed), event.actor);
    else if (t == ReplaceRejected) e = encode(decodeReplaceRejection(p), event.actor);
    else if (t == IllegalTransitionRefused) e = encode(decodeIllegalTransition(p), event.actor);
    else if (t == CommandRefused) e = encode(decodeCommandRefusal(p), event.actor);
    else if (t == TradeSettled || t == SettlementFailed) e = encode(decodeSettlement(p, t == SettlementFailed), event.actor);
    return e;
}

} // namespace instant::events
