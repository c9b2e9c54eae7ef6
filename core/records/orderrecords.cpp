#include "records/orderrecords.h"

#include "common/decimal.h"
#include "events/eventhash.h"
#include "events/orderevents.h"
#include "records/recordreaders.h"
#include "refdata/instrument.h"

#include <algorithm>

namespace instant {

using namespace state;

QString averagePriceText(const OrderRecord &order, const Instrument &instrument)
{
    if (order.filled.value() <= 0)
        return {};
    if (!order.offGrid)
        return instrument.formatPrice(Price(qRound64(order.averagePriceUnits())));
    // price = cents / (quantity × multiplier × (100 unless quoted per 100)), to 6 decimals
    __extension__ typedef __int128 Wide;
    const Wide denominator = Wide(order.filled.value()) * instrument.contractMultiplier * (instrument.quotedPer100 ? 1 : 100);
    const Wide micro = Wide(order.filledNotionalCents) * 1'000'000 / denominator;
    Decimal d;
    d.mantissa = qint64(micro);
    d.places = 6;
    return Decimal::parse(d.text().toStdString()).value_or(d).text();
}

QString FillRecord::key() const
{
    return orderId + u'/' + execId; // state::fillKey
}

OrderRef::OrderRef(OrderRecord record) : d(new Data)
{
    d->record = std::move(record);
}

OrderRecord &OrderRef::edit()
{
    d.detach();
    return d->record;
}

void sortByEntry(QList<OrderRef> &orders)
{
    auto before = [](const OrderRef &a, const OrderRef &b) { return enteredBefore(*a, *b); };
    if (!std::is_sorted(orders.cbegin(), orders.cend(), before))
        std::sort(orders.begin(), orders.end(), before);
}

QJsonObject OrderRecord::toJson() const
{
    // A field added here is added to appendCanonicalJson too (tst_fillhistory compares the two).
    QJsonObject o{{QStringLiteral("order_id"), orderId},
                  {QStringLiteral("account"), account.text()},
                  {QStringLiteral("instrument"), instrument.text()},
                  {QStringLiteral("side"), events::toString(side)},
                  {QStringLiteral("type"), events::toString(type)},
                  {QStringLiteral("tif"), events::toString(tif)},
                  {QStringLiteral("quantity"), quantity.value()},
                  {QStringLiteral("state"), stateName(state)},
                  {QStringLiteral("before_pending"), stateName(beforePending)},
                  {QStringLiteral("filled"), filled.value()},
                  {QStringLiteral("filled_price_quantity"), filledPriceQuantity},
                  {QStringLiteral("filled_notional_cents"), filledNotionalCents},
                  {QStringLiteral("reserved_cents"), reservedCents},
                  {QStringLiteral("reason"), reason.text()},
                  {QStringLiteral("actor"), actor.text()},
                  {QStringLiteral("overrides"), overrides},
                  {QStringLiteral("created_us"), createdUs},
                  {QStringLiteral("updated_us"), updatedUs},
                  {QStringLiteral("last_sequence"), lastSequence}};
    if (exceptions) // only then: orders without exceptions keep their bytes
        o.insert(QStringLiteral("exceptions"), exceptions);
    if (statusBooked)
        o.insert(QStringLiteral("status_booked"), statusBooked);
    if (offGrid)
        o.insert(QStringLiteral("off_grid"), true);
    o.insert(QStringLiteral("limit_price"), limitPrice ? QJsonValue(limitPrice->value()) : QJsonValue());
    o.insert(QStringLiteral("stop_price"), stopPrice ? QJsonValue(stopPrice->value()) : QJsonValue());
    o.insert(QStringLiteral("protection_price"), protectionPrice ? QJsonValue(protectionPrice->value()) : QJsonValue());
    o.insert(QStringLiteral("pending_quantity"), pendingQuantity ? QJsonValue(pendingQuantity->value()) : QJsonValue());
    o.insert(QStringLiteral("pending_limit_price"), pendingLimitPrice ? QJsonValue(pendingLimitPrice->value()) : QJsonValue());
    if (!parent.isEmpty())
        o.insert(QStringLiteral("parent"), parent.text());
    if (!workstation.isEmpty()) // only then: orders of stores before workstation identities keep their bytes
        o.insert(QStringLiteral("workstation"), workstation.text());
    return o;
}

namespace {

// An object's fields written one by one, in the order canonicalJson sorts their keys (the caller's
// order: a test compares each record's bytes with canonicalJson(toJson())).
class CanonicalObject
{
public:
    explicit CanonicalObject(QByteArray &out) : m_out(out) {}
    ~CanonicalObject() { m_out += m_first ? "{}" : "}"; }
    CanonicalObject(const CanonicalObject &) = delete;
    CanonicalObject &operator=(const CanonicalObject &) = delete;

    void text(const char *name, const QString &value)
    {
        key(name);
        appendCanonicalString(m_out, value);
    }
    void integer(const char *name, qint64 value)
    {
        key(name);
        appendCanonicalInteger(m_out, value);
    }
    void boolean(const char *name, bool value)
    {
        key(name);
        m_out += value ? "true" : "false";
    }
    template <class Optional>
    void optional(const char *name, const Optional &value)
    {
        key(name);
        if (value)
            appendCanonicalInteger(m_out, value->value());
        else
            m_out += "null";
    }
    void value(const char *name, const QJsonValue &value)
    {
        key(name);
        appendCanonicalValue(m_out, value);
    }
    void date(const char *name, const QDate &value) { text(name, value.toString(Qt::ISODate)); }

private:
    void key(const char *name)
    {
        m_out += m_first ? "{\"" : ",\"";
        m_first = false;
        m_out += name;
        m_out += "\":";
    }
    QByteArray &m_out;
    bool m_first = true;
};

} // namespace

void OrderRecord::appendCanonicalJson(QByteArray &out) const
{
    CanonicalObject o(out);
    o.text("account", account);
    o.text("actor", actor);
    o.text("before_pending", stateName(beforePending));
    o.integer("created_us", createdUs);
    if (exceptions)
        o.integer("exceptions", exceptions);
    o.integer("filled", filled.value());
    o.integer("filled_notional_cents", filledNotionalCents);
    o.integer("filled_price_quantity", filledPriceQuantity);
    o.text("instrument", instrument);
    o.integer("last_sequence", lastSequence);
    o.optional("limit_price", limitPrice);
    if (offGrid)
        o.boolean("off_grid", true);
    o.text("order_id", orderId);
    o.value("overrides", overrides);
    if (!parent.isEmpty())
        o.text("parent", parent.text());
    o.optional("pending_limit_price", pendingLimitPrice);
    o.optional("pending_quantity", pendingQuantity);
    o.optional("protection_price", protectionPrice);
    o.integer("quantity", quantity.value());
    o.text("reason", reason);
    o.integer("reserved_cents", reservedCents);
    o.text("side", events::toString(side));
    o.text("state", stateName(state));
    if (statusBooked)
        o.integer("status_booked", statusBooked);
    o.optional("stop_price", stopPrice);
    o.text("tif", events::toString(tif));
    o.text("type", events::toString(type));
    o.integer("updated_us", updatedUs);
    if (!workstation.isEmpty())
        o.text("workstation", workstation);
}

OrderRecord OrderRecord::fromJson(const QJsonObject &o)
{
    OrderRecord r;
    readOrderTerms(r, o);
    if (auto q = optionalPrice(o, "pending_quantity"))
        r.pendingQuantity = Quantity(q->value());
    r.pendingLimitPrice = optionalPrice(o, "pending_limit_price");
    r.state = orderStateFromString(str(o, "state")).value_or(OrderState::Rejected);
    r.beforePending = orderStateFromString(str(o, "before_pending")).value_or(OrderState::New);
    r.filled = Quantity(i64(o, "filled"));
    r.filledPriceQuantity = i64(o, "filled_price_quantity");
    r.filledNotionalCents = i64(o, "filled_notional_cents");
    r.reservedCents = i64(o, "reserved_cents");
    r.reason = str(o, "reason");
    r.actor = str(o, "actor");
    r.overrides = o.value(QStringLiteral("overrides")).toArray();
    r.createdUs = i64(o, "created_us");
    r.updatedUs = i64(o, "updated_us");
    r.lastSequence = i64(o, "last_sequence");
    r.exceptions = int(i64(o, "exceptions"));
    r.statusBooked = i64(o, "status_booked");
    r.offGrid = o.value(QStringLiteral("off_grid")).toBool();
    return r;
}

QJsonObject PositionRecord::toJson() const
{
    QJsonObject o{{QStringLiteral("account"), account.text()},   {QStringLiteral("instrument"), instrument.text()},
                  {QStringLiteral("quantity"), quantity},        {QStringLiteral("settled_quantity"), settledQuantity},
                  {QStringLiteral("cost_cents"), costCents},     {QStringLiteral("realized_cents"), realizedCents}};
    if (interestCents)
        o.insert(QStringLiteral("interest_cents"), interestCents);
    if (couponsThrough.isValid()) // only then: positions that never held a note keep their bytes
        o.insert(QStringLiteral("coupons_through"), couponsThrough.toString(Qt::ISODate));
    if (retired)
        o.insert(QStringLiteral("retired"), true);
    return o;
}

PositionRecord PositionRecord::fromJson(const QJsonObject &o)
{
    PositionRecord p;
    p.account = str(o, "account");
    p.instrument = str(o, "instrument");
    p.quantity = i64(o, "quantity");
    p.settledQuantity = i64(o, "settled_quantity");
    p.costCents = i64(o, "cost_cents");
    p.realizedCents = i64(o, "realized_cents");
    p.interestCents = i64(o, "interest_cents");
    p.couponsThrough = QDate::fromString(str(o, "coupons_through"), Qt::ISODate);
    p.retired = o.value(QStringLiteral("retired")).toBool();
    return p;
}

QJsonObject AccountRecord::toJson() const
{
    QJsonObject o{{QStringLiteral("account"), id},
                  {QStringLiteral("cash_cents"), cashCents},
                  {QStringLiteral("reserved_cents"), reservedCents},
                  {QStringLiteral("unsettled_buy_cents"), unsettledBuyCents},
                  {QStringLiteral("unsettled_sell_cents"), unsettledSellCents},
                  {QStringLiteral("available_cents"), availableCents()},
                  {QStringLiteral("version"), version}};
    if (exceptions)
        o.insert(QStringLiteral("exceptions"), exceptions);
    return o;
}

AccountRecord AccountRecord::fromJson(const QJsonObject &o)
{
    AccountRecord a;
    a.id = str(o, "account");
    a.cashCents = i64(o, "cash_cents");
    a.reservedCents = i64(o, "reserved_cents");
    a.unsettledBuyCents = i64(o, "unsettled_buy_cents");
    a.unsettledSellCents = i64(o, "unsettled_sell_cents");
    a.version = i64(o, "version");
    a.exceptions = i64(o, "exceptions");
    return a;
}

QJsonObject FillRecord::toJson() const
{
    // A field added here is added to appendCanonicalJson too (tst_fillhistory compares the two).
    QJsonObject o{{QStringLiteral("exec_id"), execId},
            {QStringLiteral("order_id"), orderId},
            {QStringLiteral("settled"), settled},
            {QStringLiteral("sequence"), sequence},
            {QStringLiteral("recorded_us"), recordedUs},
            {QStringLiteral("account"), account.text()},
            {QStringLiteral("instrument"), instrument.text()},
            {QStringLiteral("side"), events::toString(side)},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("price"), price},
            {QStringLiteral("notional_cents"), notionalCents},
            {QStringLiteral("trade_date"), tradeDate.toString(Qt::ISODate)},
            {QStringLiteral("settle_date"), settleDate.toString(Qt::ISODate)}};
    if (!failReason.isEmpty()) { // only then: states without a failed settlement keep their bytes
        o.insert(QStringLiteral("fail_reason"), failReason.text());
        o.insert(QStringLiteral("failed_on"), failedOn.toString(Qt::ISODate));
    }
    if (!priceText.isEmpty())
        o.insert(QStringLiteral("price_text"), priceText);
    if (accruedCents)
        o.insert(QStringLiteral("accrued_cents"), accruedCents);
    if (costDelta != (side == Side::Buy ? notionalCents : 0)) // a plain buy's is its amount
        o.insert(QStringLiteral("cost_delta"), costDelta);
    if (realizedDelta)
        o.insert(QStringLiteral("realized_delta"), realizedDelta);
    if (!adjustment.isEmpty())
        o.insert(QStringLiteral("adjustment"), adjustment);
    return o;
}

void FillRecord::appendCanonicalJson(QByteArray &out) const
{
    CanonicalObject o(out);
    o.text("account", account);
    if (accruedCents)
        o.integer("accrued_cents", accruedCents);
    if (!adjustment.isEmpty())
        o.text("adjustment", adjustment);
    if (costDelta != (side == Side::Buy ? notionalCents : 0))
        o.integer("cost_delta", costDelta);
    o.text("exec_id", execId);
    if (!failReason.isEmpty()) {
        o.text("fail_reason", failReason);
        o.date("failed_on", failedOn);
    }
    o.text("instrument", instrument);
    o.integer("notional_cents", notionalCents);
    o.text("order_id", orderId);
    o.integer("price", price);
    if (!priceText.isEmpty())
        o.text("price_text", priceText);
    o.integer("quantity", quantity);
    if (realizedDelta)
        o.integer("realized_delta", realizedDelta);
    o.integer("recorded_us", recordedUs);
    o.integer("sequence", sequence);
    o.date("settle_date", settleDate);
    o.boolean("settled", settled);
    o.text("side", events::toString(side));
    o.date("trade_date", tradeDate);
}

FillRecord FillRecord::fromJson(const QJsonObject &o)
{
    FillRecord f;
    f.execId = str(o, "exec_id");
    f.orderId = str(o, "order_id");
    f.account = str(o, "account");
    f.instrument = str(o, "instrument");
    events::parseSide(str(o, "side"), f.side);
    f.quantity = i64(o, "quantity");
    f.price = i64(o, "price");
    f.notionalCents = i64(o, "notional_cents");
    f.accruedCents = i64(o, "accrued_cents");
    f.tradeDate = QDate::fromString(str(o, "trade_date"), Qt::ISODate);
    f.settleDate = QDate::fromString(str(o, "settle_date"), Qt::ISODate);
    f.settled = o.value(QStringLiteral("settled")).toBool();
    f.sequence = i64(o, "sequence");
    f.recordedUs = i64(o, "recorded_us");
    f.failReason = str(o, "fail_reason");
    f.failedOn = QDate::fromString(str(o, "failed_on"), Qt::ISODate);
    f.priceText = str(o, "price_text");
    f.costDelta = o.contains(QStringLiteral("cost_delta")) ? i64(o, "cost_delta") : f.side == Side::Buy ? f.notionalCents : 0;
    f.realizedDelta = i64(o, "realized_delta");
    f.adjustment = str(o, "adjustment");
    return f;
}

} // namespace instant
