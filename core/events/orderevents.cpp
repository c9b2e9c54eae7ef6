#include "events/orderevents.h"

#include "events/payload.h"
#include "events/payloadfields.h"

#include <algorithm>

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

// What was typed, as a new order's refusal or rejection carries it.
void typedFields(PayloadFields &f, const TypedOrder &t)
{
    f.text("order_id", t.orderId);
    f.text("account", t.account);
    f.text("instrument", t.instrument);
    f.text("side", t.side);
    f.text("type", t.type);
    f.text("tif", t.tif);
    f.integer("quantity", t.quantity);
    f.text("limit_text", t.limitText);
    f.text("stop_text", t.stopText);
    if (!t.bracket.isEmpty())
        f.value("bracket", t.bracket);
    if (!t.parent.isEmpty()) {
        f.text("parent", t.parent);
        f.text("role", t.role);
    }
}

NewEvent made(const QString &type, const PayloadFields &f, const Actor &actor, const QString &correlation = {})
{
    return NewEvent::fromCanonical(type, f.bytes(), actor, correlation);
}

// The same, carrying the typed event as its decoder reads it back from those bytes
// (NewEvent::written): for the events of every order (tst_eventcodecs checks they agree).
template <class Typed>
NewEvent made(const QString &type, const PayloadFields &f, const Actor &actor, const QString &correlation, Typed asRead)
{
    NewEvent e = made(type, f, actor, correlation);
    e.written = std::move(asRead);
    return e;
}

} // namespace

QJsonValue priceValue(const std::optional<Price> &price)
{
    return price ? QJsonValue(price->value()) : QJsonValue();
}

NewEvent encode(const AccountOpening &e, const Actor &actor)
{
    PayloadFields f;
    f.text("account", e.account);
    f.integer("cash_cents", e.cashCents);
    return made(AccountOpened, f, actor, e.account);
}

NewEvent encode(const RulesChange &e, const Actor &actor)
{
    PayloadFields f;
    f.value("rules", e.rules);
    return made(ComplianceRulesChanged, f, actor);
}

NewEvent encode(const KillSwitchChange &e, const Actor &actor)
{
    PayloadFields f;
    f.text("mode", e.mode);
    f.text("reason", e.reason);
    return made(KillSwitchChanged, f, actor);
}

NewEvent encode(const StoreOutageRecord &e, const Actor &actor)
{
    PayloadFields f;
    f.text("reason", e.reason);
    f.integer("halted_us", e.haltedUs);
    f.integer("resumed_us", e.resumedUs);
    f.integer("commands_refused", e.commandsRefused);
    f.integer("reports_held", e.reportsHeld);
    return made(StoreOutage, f, actor);
}

PayloadFields termsPayload(const OrderAcceptance &e)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.text("account", e.account);
    f.text("instrument", e.instrument);
    f.text("side", toString(e.side));
    f.text("type", toString(e.type));
    f.text("tif", toString(e.tif));
    f.integer("quantity", e.quantity);
    f.price("limit_price", e.limitPrice);
    f.price("stop_price", e.stopPrice);
    f.price("protection_price", e.protectionPrice);
    f.integer("reserved_cents", e.reservedCents);
    f.value("overrides", e.overrides);
    if (!e.parent.isEmpty()) {
        f.text("parent", e.parent);
        f.text("role", e.role);
    }
    if (!e.workstation.isEmpty())
        f.text("workstation", e.workstation);
    return f;
}

NewEvent encode(const OrderAcceptance &e, const Actor &actor)
{
    OrderAcceptance asRead = e;
    if (asRead.parent.isEmpty())
        asRead.role.clear(); // written with a parent only
    return made(OrderAccepted, termsPayload(e), actor, e.orderId, std::move(asRead));
}

NewEvent encode(const OrderRejection &e, const Actor &actor)
{
    PayloadFields f;
    typedFields(f, e.typed);
    f.price("limit_price", e.limitPrice);
    f.price("stop_price", e.stopPrice);
    f.text("reason", e.reason);
    f.text("stage", e.stage);
    f.value("rules", QJsonArray::fromStringList(e.rules));
    return made(OrderRejected, f, actor, e.typed.orderId);
}

NewEvent encode(const Acknowledgement &e, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.integer("leaves", e.leaves);
    return made(OrderAcknowledged, f, actor, e.orderId, e);
}

NewEvent encode(const Fill &e, bool full, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.text("exec_id", e.execId);
    f.integer("quantity", e.quantity);
    f.integer("price", e.price);
    f.integer("notional_cents", e.notionalCents);
    f.integer("leaves", e.leaves);
    f.integer("reserved_cents", e.reservedCents);
    f.text("trade_date", isoDate(e.tradeDate));
    f.text("settle_date", isoDate(e.settleDate));
    if (!e.priceText.isEmpty())
        f.text("price_text", e.priceText);
    if (e.accruedCents > 0)
        f.integer("accrued_cents", e.accruedCents);
    if (!e.exception.isEmpty())
        f.text("exception", e.exception);
    if (e.statusCumulative)
        f.integer("status_cumulative", *e.statusCumulative);
    Fill asRead = e;
    asRead.accruedCents = std::max<qint64>(0, e.accruedCents); // written when there is some
    return made(full ? OrderFilled : OrderPartiallyFilled, f, actor, e.orderId, std::move(asRead));
}

NewEvent encode(const CancelRequest &e, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    return made(CancelRequested, f, actor, e.orderId);
}

NewEvent encode(const OrderEnded &e, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.text("reason", e.reason);
    f.integer("leaves", e.leaves);
    return made(e.how == OrderEnded::How::Cancelled ? OrderCancelled : OrderExpired, f, actor, e.orderId);
}

NewEvent encode(const VenueRefusal &e, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.text("reason", e.reason);
    return made(e.of == VenueRefusal::Of::Order ? VenueRejected : CancelRejected, f, actor, e.orderId);
}

NewEvent encode(const Replacement &e, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.integer("quantity", e.quantity);
    f.price("limit_price", e.limitPrice);
    f.integer("reserved_cents", e.reservedCents);
    return made(e.stage == Replacement::Stage::Requested ? ReplaceRequested : OrderReplaced, f, actor, e.orderId);
}

NewEvent encode(const ReplaceRejection &e, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.text("reason", e.reason);
    f.integer("reserved_cents", e.reservedCents);
    return made(ReplaceRejected, f, actor, e.orderId);
}

NewEvent encode(const IllegalTransition &e, const Actor &actor)
{
    PayloadFields f;
    f.text("order_id", e.orderId);
    f.text("state", e.state);
    f.text("event", e.event);
    f.integer("quantity", e.quantity);
    f.text("reason", e.reason);
    return made(IllegalTransitionRefused, f, actor, e.orderId);
}

NewEvent encode(const CommandRefusal &e, const Actor &actor)
{
    PayloadFields f;
    f.text("command", e.command);
    f.text("reason", e.reason);
    if (e.typed) {
        PayloadFields typed;
        typedFields(typed, *e.typed);
        f.object("typed", typed);
    } else {
        f.text("order_id", e.orderId);
    }
    return made(CommandRefused, f, actor, e.orderId);
}

NewEvent encode(const Settlement &e, const Actor &actor)
{
    PayloadFields f;
    f.text("exec_id", e.execId);
    f.text("order_id", e.orderId);
    f.text("instrument", e.instrument);
    f.text("side", toString(e.side));
    f.integer("quantity", e.quantity);
    f.integer("price", e.price);
    f.integer("cash_cents", e.cashCents);
    f.text("settle_date", isoDate(e.settleDate));
    if (e.failed) {
        f.text("business_date", isoDate(e.businessDate));
        f.text("reason", e.reason);
    }
    return made(e.failed ? SettlementFailed : TradeSettled, f, actor, e.orderId);
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
