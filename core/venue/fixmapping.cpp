#include "venue/fixmapping.h"

#include <QDateTime>
#include <QTimeZone>

#include <charconv>

namespace instant::fixmap {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string s(const QString &text)
{
    return text.toStdString();
}

std::string n(qint64 v)
{
    return std::to_string(v);
}

std::optional<qint64> integer(const std::string &text)
{
    qint64 v = 0;
    const char *end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || text.empty())
        return std::nullopt;
    return v;
}

char sideCode(Side side)
{
    return side == Side::Buy ? '1' : '2';
}

std::optional<Side> sideOf(const std::string &v)
{
    if (v == "1")
        return Side::Buy;
    if (v == "2")
        return Side::Sell;
    return std::nullopt;
}

// A report's side: sell short (5) and sell short exempt (6) are sells.
std::optional<Side> reportedSideOf(const std::string &v)
{
    if (v == "5" || v == "6")
        return Side::Sell;
    return sideOf(v);
}

char typeCode(OrderType t)
{
    switch (t) {
    case OrderType::Market: return '1';
    case OrderType::Limit: return '2';
    case OrderType::Stop: return '3';
    case OrderType::StopLimit: return '4';
    }
    return '2';
}

std::optional<OrderType> typeOf(const std::string &v)
{
    if (v == "1")
        return OrderType::Market;
    if (v == "2")
        return OrderType::Limit;
    if (v == "3")
        return OrderType::Stop;
    if (v == "4")
        return OrderType::StopLimit;
    return std::nullopt;
}

char tifCode(TimeInForce t)
{
    switch (t) {
    case TimeInForce::Day: return '0';
    case TimeInForce::Gtc: return '1';
    case TimeInForce::Ioc: return '3';
    case TimeInForce::Fok: return '4';
    }
    return '0';
}

std::optional<TimeInForce> tifOf(const std::string &v)
{
    if (v == "0")
        return TimeInForce::Day;
    if (v == "1")
        return TimeInForce::Gtc;
    if (v == "3")
        return TimeInForce::Ioc;
    if (v == "4")
        return TimeInForce::Fok;
    return std::nullopt;
}

fix::Refusal refuse(fix::Refusal::Reason reason, int tag, std::string text)
{
    return fix::Refusal{reason, tag, std::move(text)};
}

} // namespace

std::string priceText(const Instrument &instrument, Price price)
{
    const qint64 scale = std::max<qint64>(1, instrument.priceScale);
    qint64 v = price.value();
    std::string out;
    if (v < 0) {
        out += '-';
        v = -v;
    }
    out += n(v / scale);
    qint64 rem = v % scale;
    if (rem) {
        out += '.';
        for (int digits = 0; rem && digits < 18; ++digits) {
            rem *= 10;
            out += char('0' + rem / scale);
            rem %= scale;
        }
    }
    return out;
}

Result<Price> parsePrice(const Instrument &instrument, const std::string &text)
{
    auto bad = [&](const QString &why) {
        return Error{ErrorCode::InvalidArgument, QStringLiteral("price \"%1\" %2").arg(q(text), why)};
    };
    if (text.empty() || text.size() > 32)
        return bad(QStringLiteral("is not a decimal number"));
    const size_t dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? std::string() : text.substr(dot + 1);
    while (!fraction.empty() && fraction.back() == '0')
        fraction.pop_back();
    auto wholeValue = integer(whole);
    if (!wholeValue || *wholeValue < 0 || whole.size() > 12 || whole.front() == '+')
        return bad(QStringLiteral("is not a decimal number"));
    if (!fraction.empty() && fraction.find_first_not_of("0123456789") != std::string::npos)
        return bad(QStringLiteral("is not a decimal number"));
    if (fraction.size() > 12)
        return bad(QStringLiteral("has more decimals than the instrument's prices"));
    const qint64 scale = std::max<qint64>(1, instrument.priceScale);
    qint64 units = *wholeValue * scale;
    if (!fraction.empty()) {
        qint64 pow10 = 1;
        for (size_t i = 0; i < fraction.size(); ++i)
            pow10 *= 10;
        // At most 12 decimals and a scale below a million: the product fits in 64 bits.
        if (scale > 1'000'000)
            return bad(QStringLiteral("cannot be read for this instrument"));
        const qint64 scaled = *integer(fraction) * scale;
        if (scaled % pow10 != 0)
            return bad(QStringLiteral("is between two of the instrument's price units"));
        units += qint64(scaled / pow10);
    }
    return Price(units);
}

std::optional<Quantity> parseQuantity(const std::string &text)
{
    const auto d = Decimal::parse(text);
    if (!d || !d->isInteger() || d->mantissa < 0)
        return std::nullopt;
    return Quantity(d->mantissa);
}

std::string timestampText(TimestampUs us)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc());
    return s(t.toString(QStringLiteral("yyyyMMdd-HH:mm:ss")) + QStringLiteral(".%1").arg(us % 1'000'000, 6, 10, QLatin1Char('0')));
}

std::optional<TimestampUs> parseTimestamp(const std::string &text)
{
    if (text.size() < 17)
        return std::nullopt;
    QDateTime t = QDateTime::fromString(q(text.substr(0, 17)), QStringLiteral("yyyyMMdd-HH:mm:ss"));
    if (!t.isValid())
        return std::nullopt;
    t.setTimeZone(QTimeZone::utc());
    qint64 micros = 0;
    if (text.size() > 17) {
        if (text[17] != '.' || text.size() > 24 || text.size() == 18)
            return std::nullopt;
        std::string digits = text.substr(18);
        auto v = integer(digits);
        if (!v || *v < 0)
            return std::nullopt;
        micros = *v;
        for (size_t i = digits.size(); i < 6; ++i)
            micros *= 10;
    }
    return t.toMSecsSinceEpoch() * 1000 + micros;
}

// ---- the workstation side ----

fix::Message newOrderSingle(const VenueOrder &order, const Instrument &instrument, const QString &clOrdId, TimestampUs now,
                            Bilateral bilateral)
{
    fix::Message m;
    m.type = msg::NewOrderSingle;
    m.set(tag::ClOrdID, s(clOrdId));
    m.set(tag::Symbol, s(order.instrument));
    m.set(tag::Side, std::string(1, sideCode(order.side)));
    m.set(tag::TransactTime, timestampText(now));
    m.set(tag::OrderQty, n(order.quantity.value()));
    m.set(tag::OrdType, std::string(1, typeCode(order.type)));
    if (order.limitPrice && (order.type == OrderType::Limit || order.type == OrderType::StopLimit))
        m.set(tag::Price, priceText(instrument, *order.limitPrice));
    if (order.stopPrice && (order.type == OrderType::Stop || order.type == OrderType::StopLimit))
        m.set(tag::StopPx, priceText(instrument, *order.stopPrice));
    m.set(tag::TimeInForce, std::string(1, tifCode(order.tif)));
    if (order.protectionPrice && bilateral.protectionPrice)
        m.set(tag::ProtectionPx, priceText(instrument, *order.protectionPrice));
    return m;
}

fix::Message cancelRequest(const VenueOrder &order, const QString &clOrdId, const QString &origClOrdId, TimestampUs now)
{
    fix::Message m;
    m.type = msg::OrderCancelRequest;
    m.set(tag::OrigClOrdID, s(origClOrdId));
    m.set(tag::ClOrdID, s(clOrdId));
    m.set(tag::Symbol, s(order.instrument));
    m.set(tag::Side, std::string(1, sideCode(order.side)));
    m.set(tag::TransactTime, timestampText(now));
    m.set(tag::OrderQty, n(order.quantity.value()));
    return m;
}

fix::Message replaceRequest(const VenueOrder &order, const Instrument &instrument, const QString &clOrdId,
                            const QString &origClOrdId, std::optional<Price> limitPrice, Quantity quantity, TimestampUs now)
{
    fix::Message m;
    m.type = msg::OrderCancelReplaceRequest;
    m.set(tag::OrigClOrdID, s(origClOrdId));
    m.set(tag::ClOrdID, s(clOrdId));
    m.set(tag::Symbol, s(order.instrument));
    m.set(tag::Side, std::string(1, sideCode(order.side)));
    m.set(tag::TransactTime, timestampText(now));
    m.set(tag::OrderQty, n(quantity.value()));
    m.set(tag::OrdType, std::string(1, typeCode(order.type)));
    if (limitPrice)
        m.set(tag::Price, priceText(instrument, *limitPrice));
    // A replace restates the whole order: a stop or stop-limit keeps its trigger.
    if (order.stopPrice && (order.type == OrderType::Stop || order.type == OrderType::StopLimit))
        m.set(tag::StopPx, priceText(instrument, *order.stopPrice));
    m.set(tag::TimeInForce, std::string(1, tifCode(order.tif)));
    return m;
}

fix::Message statusRequest(const VenueOrder &order, const QString &clOrdId, const QString &venueOrderId)
{
    fix::Message m;
    m.type = msg::OrderStatusRequest;
    if (!venueOrderId.isEmpty())
        m.set(tag::OrderID, s(venueOrderId));
    m.set(tag::ClOrdID, s(clOrdId));
    m.set(tag::Symbol, s(order.instrument));
    m.set(tag::Side, std::string(1, sideCode(order.side)));
    return m;
}

fix::Message massStatusRequest(const QString &requestId)
{
    fix::Message m;
    m.type = msg::OrderMassStatusRequest;
    m.set(tag::MassStatusReqID, s(requestId));
    m.set(tag::MassStatusReqType, "7"); // all orders
    return m;
}

QString orderIdOf(const QString &clOrdId)
{
    const qsizetype tilde = clOrdId.lastIndexOf(u'~');
    return tilde > 0 ? clOrdId.left(tilde) : clOrdId;
}

Result<InboundReport> readReport(const fix::Message &m, const ReferenceData &reference)
{
    auto missing = [&](int t) {
        return Error{ErrorCode::InvalidArgument, QStringLiteral("%1 without tag %2").arg(q(m.type == msg::ExecutionReport ? "ExecutionReport" : "OrderCancelReject")).arg(t)};
    };
    auto field = [&](int t) -> const std::string * { return m.get(t); };
    InboundReport in;
    if (m.type == msg::OrderCancelReject) {
        for (int t : {tag::ClOrdID, tag::OrigClOrdID, tag::CxlRejResponseTo, tag::OrdStatus})
            if (!field(t))
                return missing(t);
        in.clOrdId = q(*field(tag::ClOrdID));
        in.origClOrdId = q(*field(tag::OrigClOrdID));
        in.venueOrderId = field(tag::OrderID) ? q(*field(tag::OrderID)) : QString();
        const std::string &to = *field(tag::CxlRejResponseTo);
        if (to != "1" && to != "2")
            return Error{ErrorCode::InvalidArgument, QStringLiteral("OrderCancelReject with CxlRejResponseTo %1").arg(q(to))};
        in.report.kind = to == "2" ? ExecutionReport::Kind::ReplaceRejected : ExecutionReport::Kind::CancelRejected;
        in.report.orderId = orderIdOf(in.clOrdId);
        in.report.text = field(tag::Text) ? q(*field(tag::Text)) : QStringLiteral("refused by the venue");
        in.ordStatus = field(tag::OrdStatus)->empty() ? 0 : field(tag::OrdStatus)->front();
        in.unknownOrder = field(tag::CxlRejReason) && *field(tag::CxlRejReason) == "1";
        in.report.ordStatus = in.ordStatus;
        return in;
    }
    if (m.type != msg::ExecutionReport)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("unexpected message type %1 from the venue").arg(q(m.type))};
    for (int t : {tag::ExecID, tag::ExecType, tag::OrdStatus, tag::Symbol, tag::Side, tag::LeavesQty, tag::CumQty})
        if (!field(t))
            return missing(t);
    if (!field(tag::ClOrdID) && !field(tag::OrigClOrdID))
        return missing(tag::ClOrdID);
    const Instrument *instrument = reference.instrument(q(*field(tag::Symbol)));
    if (!instrument)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("ExecutionReport for unknown symbol %1").arg(q(*field(tag::Symbol)))};
    auto quantity = [&](int t) -> std::optional<Quantity> { return field(t) ? parseQuantity(*field(t)) : std::nullopt; };
    // A price as sent: exact when it is on the grid; otherwise the nearest unit and the exact decimal.
    auto price = [&](int t, Price &nearest, std::optional<Decimal> &exact) -> bool {
        const auto d = Decimal::parse(*field(t));
        if (!d || d->mantissa < 0)
            return false;
        const qint64 scale = std::max<qint64>(1, instrument->priceScale);
        if (const auto units = d->exactUnits(scale)) {
            nearest = Price(*units);
            exact.reset();
        } else {
            nearest = Price(d->nearestUnits(scale));
            exact = *d;
        }
        return true;
    };
    const auto leaves = quantity(tag::LeavesQty);
    const auto cumulative = quantity(tag::CumQty);
    if (!leaves || !cumulative)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("ExecutionReport with a LeavesQty or CumQty that is not a whole quantity")};
    ExecutionReport &r = in.report;
    in.clOrdId = q(*field(field(tag::ClOrdID) ? tag::ClOrdID : tag::OrigClOrdID));
    in.origClOrdId = field(tag::OrigClOrdID) ? q(*field(tag::OrigClOrdID)) : QString();
    in.venueOrderId = field(tag::OrderID) ? q(*field(tag::OrderID)) : QString();
    in.ordStatus = field(tag::OrdStatus)->empty() ? 0 : field(tag::OrdStatus)->front();
    in.massStatusId = field(tag::MassStatusReqID) ? q(*field(tag::MassStatusReqID)) : QString();
    in.lastOfMassStatus = field(tag::LastRptRequested) && *field(tag::LastRptRequested) == "Y";
    r.orderId = orderIdOf(in.clOrdId);
    r.execId = q(*field(tag::ExecID));
    r.execRefId = field(tag::ExecRefID) ? q(*field(tag::ExecRefID)) : QString();
    r.leaves = *leaves;
    r.cumulative = *cumulative;
    r.ordStatus = in.ordStatus;
    r.instrument = instrument->id;
    r.side = reportedSideOf(*field(tag::Side));
    r.account = field(tag::Account) ? q(*field(tag::Account)) : QString();
    r.venueOrderId = in.venueOrderId == u"NONE" ? QString() : in.venueOrderId;
    if (const auto qty = quantity(tag::OrderQty))
        r.orderQuantity = *qty;
    if (field(tag::AvgPx)) {
        Price nearest;
        std::optional<Decimal> exact;
        if (price(tag::AvgPx, nearest, exact))
            r.averagePrice = exact ? *exact : Decimal::ofUnits(nearest.value(), std::max<qint64>(1, instrument->priceScale));
    }
    if (field(tag::Price)) {
        Price limit;
        std::optional<Decimal> exact;
        if (!price(tag::Price, limit, exact))
            return Error{ErrorCode::InvalidArgument, QStringLiteral("Price %1 is not a decimal number").arg(q(*field(tag::Price)))};
        r.limitPrice = limit;
    }
    r.text = field(tag::Text) ? q(*field(tag::Text)) : QString();
    // Without a readable TransactTime the report happened when it arrived: the venue's clock says when.
    r.transactUs = field(tag::TransactTime) ? parseTimestamp(*field(tag::TransactTime)).value_or(0) : 0;
    const std::string &execType = *field(tag::ExecType);
    if (execType.size() != 1)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("ExecType %1 is not one character").arg(q(execType))};
    auto execution = [&]() -> Status {
        const auto last = quantity(tag::LastQty);
        if (!last || !field(tag::LastPx))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("an execution without a whole LastQty or without LastPx"));
        if (!price(tag::LastPx, r.lastPrice, r.exactPrice))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("LastPx %1 is not a decimal number").arg(q(*field(tag::LastPx))));
        r.lastQuantity = *last;
        return Done{};
    };
    auto status = [&](const char *what) {
        r.kind = ExecutionReport::Kind::Noted;
        r.text = QString::fromLatin1(what);
    };
    switch (execType.front()) {
    case '0':
        r.kind = ExecutionReport::Kind::Acknowledged;
        break;
    case '1': // partial fill and fill, as FIX 4.2 brokers still write them
    case '2':
    case 'F': {
        r.kind = ExecutionReport::Kind::Fill;
        if (Status s = execution(); !s)
            return s.error();
        if (r.lastQuantity.value() <= 0)
            return Error{ErrorCode::InvalidArgument, QStringLiteral("a fill of no quantity")};
        break;
    }
    case 'G':
    case 'H': {
        r.kind = execType.front() == 'G' ? ExecutionReport::Kind::Corrected : ExecutionReport::Kind::Busted;
        if (r.execRefId.isEmpty())
            return missing(tag::ExecRefID);
        if (r.kind == ExecutionReport::Kind::Corrected) {
            if (Status s = execution(); !s)
                return s.error();
        }
        break;
    }
    case '3': // done for day: a day order is over; a GTC order works again tomorrow
        r.kind = in.ordStatus == '3' && *leaves == Quantity(0) ? ExecutionReport::Kind::Expired : ExecutionReport::Kind::Noted;
        if (r.kind == ExecutionReport::Kind::Noted)
            r.text = QStringLiteral("done for day");
        else if (r.text.isEmpty())
            r.text = QStringLiteral("done for day");
        break;
    case '4':
        r.kind = ExecutionReport::Kind::Cancelled;
        break;
    case '5': {
        r.kind = ExecutionReport::Kind::Replaced;
        if (!quantity(tag::OrderQty))
            return Error{ErrorCode::InvalidArgument, QStringLiteral("a replace without OrderQty")};
        break;
    }
    case '6': status("pending cancel"); break;
    case '7': status("stopped"); break;
    case '9': status("suspended"); break;
    case 'A': status("pending new"); break;
    case 'B': status("calculated"); break;
    case 'E': status("pending replace"); break;
    case 'D': {
        r.kind = ExecutionReport::Kind::Restated;
        if (r.text.isEmpty() && field(tag::ExecRestatementReason))
            r.text = QStringLiteral("restated by the venue (ExecRestatementReason %1)").arg(q(*field(tag::ExecRestatementReason)));
        break;
    }
    case '8':
        r.kind = ExecutionReport::Kind::Rejected;
        in.unknownOrder = field(tag::OrdRejReason) && *field(tag::OrdRejReason) == "5";
        in.duplicateClOrdId = field(tag::OrdRejReason) && *field(tag::OrdRejReason) == "6";
        break;
    case 'C':
        r.kind = ExecutionReport::Kind::Expired;
        break;
    case 'I':
        in.statusReply = true;
        r.fromStatus = true;
        in.unknownOrder = in.ordStatus == '8' && field(tag::OrdRejReason) && *field(tag::OrdRejReason) == "5";
        switch (in.ordStatus) {
        case '4': r.kind = ExecutionReport::Kind::Cancelled; break;
        case 'C':
        case '3': r.kind = ExecutionReport::Kind::Expired; break;
        case '8': r.kind = ExecutionReport::Kind::Rejected; break;
        default: r.kind = ExecutionReport::Kind::Acknowledged; break;
        }
        break;
    default:
        return Error{ErrorCode::InvalidArgument, QStringLiteral("ExecType %1 is not one FIX 4.4 defines").arg(q(execType))};
    }
    return in;
}

// ---- the venue side ----

RequestOrRefusal readRequest(const fix::Message &m, const ReferenceData &reference)
{
    using Reason = fix::Refusal::Reason;
    RequestOrRefusal out;
    VenueRequest r;
    std::vector<int> required;
    if (m.type == msg::NewOrderSingle) {
        r.kind = VenueRequest::Kind::New;
        required = {tag::ClOrdID, tag::Symbol, tag::Side, tag::TransactTime, tag::OrderQty, tag::OrdType};
    } else if (m.type == msg::OrderCancelRequest) {
        r.kind = VenueRequest::Kind::Cancel;
        required = {tag::OrigClOrdID, tag::ClOrdID, tag::Symbol, tag::Side, tag::TransactTime};
    } else if (m.type == msg::OrderCancelReplaceRequest) {
        r.kind = VenueRequest::Kind::Replace;
        required = {tag::OrigClOrdID, tag::ClOrdID, tag::Symbol, tag::Side, tag::TransactTime, tag::OrderQty, tag::OrdType};
    } else if (m.type == msg::OrderStatusRequest) {
        r.kind = VenueRequest::Kind::Status;
        required = {tag::ClOrdID, tag::Symbol, tag::Side};
    } else {
        out.refusal = refuse(Reason::UnsupportedMessageType, 35, "message type " + m.type + " is not supported by this venue");
        return out;
    }
    for (int t : required)
        if (!m.get(t) || m.get(t)->empty()) {
            out.refusal = refuse(Reason::RequiredTagMissing, t, "required tag " + std::to_string(t) + " missing");
            return out;
        }
    r.possibleDuplicate = m.possibleDuplicate;
    r.clOrdId = q(*m.get(tag::ClOrdID));
    if (r.clOrdId.size() > 64) {
        out.refusal = refuse(Reason::ValueIncorrect, tag::ClOrdID, "ClOrdID longer than 64 characters");
        return out;
    }
    if (const std::string *orig = m.get(tag::OrigClOrdID))
        r.origClOrdId = q(*orig);
    const auto side = sideOf(*m.get(tag::Side));
    if (!side) {
        out.refusal = refuse(Reason::ValueIncorrect, tag::Side, "Side must be 1 (buy) or 2 (sell)");
        return out;
    }
    if (const std::string *t = m.get(tag::TransactTime); t && !parseTimestamp(*t)) {
        out.refusal = refuse(Reason::IncorrectDataFormat, tag::TransactTime, "TransactTime is not a UTC timestamp");
        return out;
    }
    r.order.orderId = r.clOrdId;
    r.order.instrument = q(*m.get(tag::Symbol));
    r.order.side = *side;
    Quantity quantity;
    if (const std::string *qty = m.get(tag::OrderQty)) {
        const auto d = Decimal::parse(*qty);
        if (!d || !d->isInteger()) {
            out.refusal = refuse(Reason::IncorrectDataFormat, tag::OrderQty, "OrderQty is not a whole number");
            return out;
        }
        const std::optional<qint64> v = d->mantissa;
        if (*v <= 0) {
            out.refusal = refuse(Reason::ValueIncorrect, tag::OrderQty, "OrderQty must be positive");
            return out;
        }
        quantity = Quantity(*v);
    }
    if (const std::string *type = m.get(tag::OrdType)) {
        const auto t = typeOf(*type);
        if (!t) {
            out.refusal = refuse(Reason::ValueIncorrect, tag::OrdType, "OrdType must be 1, 2, 3 or 4");
            return out;
        }
        r.order.type = *t;
    }
    if (const std::string *tif = m.get(tag::TimeInForce)) {
        const auto t = tifOf(*tif);
        if (!t) {
            out.refusal = refuse(Reason::ValueIncorrect, tag::TimeInForce, "TimeInForce must be 0, 1, 3 or 4");
            return out;
        }
        r.order.tif = *t;
    }
    const bool needsLimit = (r.kind == VenueRequest::Kind::New || r.kind == VenueRequest::Kind::Replace)
                            && (r.order.type == OrderType::Limit || r.order.type == OrderType::StopLimit);
    const bool needsStop = r.kind == VenueRequest::Kind::New && (r.order.type == OrderType::Stop || r.order.type == OrderType::StopLimit);
    if (needsLimit && !m.get(tag::Price)) {
        out.refusal = refuse(Reason::RequiredTagMissing, tag::Price, "a limit order needs Price (44)");
        return out;
    }
    if (needsStop && !m.get(tag::StopPx)) {
        out.refusal = refuse(Reason::RequiredTagMissing, tag::StopPx, "a stop order needs StopPx (99)");
        return out;
    }
    const Instrument *instrument = reference.instrument(r.order.instrument);
    auto price = [&](int t, std::optional<Price> &into) -> bool {
        const std::string *text = m.get(t);
        if (!text)
            return true;
        if (!instrument) // the reject for the unknown symbol says enough
            return true;
        auto p = parsePrice(*instrument, *text);
        if (!p) {
            if (p.message().contains(QStringLiteral("not a decimal"))) {
                out.refusal = refuse(Reason::IncorrectDataFormat, t, s(p.message()));
                return false;
            }
            out.rejectText = p.message();
            return true;
        }
        into = *p;
        return true;
    };
    if (!price(tag::Price, r.order.limitPrice) || !price(tag::StopPx, r.order.stopPrice) || !price(tag::ProtectionPx, r.order.protectionPrice))
        return out;
    if (r.kind == VenueRequest::Kind::New)
        r.order.quantity = quantity;
    if (r.kind == VenueRequest::Kind::Replace) {
        r.quantity = quantity;
        r.limitPrice = r.order.limitPrice;
    }
    if (!instrument && out.rejectText.isEmpty())
        out.rejectText = QStringLiteral("unknown symbol %1").arg(r.order.instrument);
    out.request = std::move(r);
    return out;
}

namespace {

fix::Message reportBase(const OrderOnVenue &order, const Instrument &instrument, const QString &execId, char execType,
                        char ordStatus, Quantity leaves)
{
    fix::Message m;
    m.type = msg::ExecutionReport;
    m.set(tag::OrderID, s(order.venueOrderId.isEmpty() ? QStringLiteral("NONE") : order.venueOrderId));
    m.set(tag::ClOrdID, s(order.clOrdId));
    if (!order.origClOrdId.isEmpty())
        m.set(tag::OrigClOrdID, s(order.origClOrdId));
    m.set(tag::ExecID, s(execId));
    m.set(tag::ExecType, std::string(1, execType));
    m.set(tag::OrdStatus, std::string(1, ordStatus));
    m.set(tag::Symbol, s(order.instrument));
    m.set(tag::Side, std::string(1, sideCode(order.side)));
    m.set(tag::OrderQty, n(order.orderQuantity.value()));
    if (order.limitPrice)
        m.set(tag::Price, priceText(instrument, *order.limitPrice));
    m.set(tag::LeavesQty, n(leaves.value()));
    m.set(tag::CumQty, n(order.cumulative.value()));
    const qint64 avg = order.cumulative.value() > 0 ? order.notionalFilled / order.cumulative.value() : 0;
    m.set(tag::AvgPx, priceText(instrument, Price(avg)));
    return m;
}

} // namespace

fix::Message executionReport(const ExecutionReport &report, const OrderOnVenue &order, const Instrument &instrument,
                             const QString &execId)
{
    const char working = order.cumulative.value() > 0 ? '1' : '0';
    char execType = '0', ordStatus = working;
    Quantity leaves = report.leaves;
    switch (report.kind) {
    case ExecutionReport::Kind::Acknowledged: execType = '0'; ordStatus = '0'; break;
    case ExecutionReport::Kind::Fill: execType = 'F'; ordStatus = report.leaves.value() == 0 ? '2' : '1'; break;
    case ExecutionReport::Kind::Cancelled: execType = '4'; ordStatus = '4'; leaves = Quantity(0); break;
    case ExecutionReport::Kind::Replaced: execType = '5'; ordStatus = working; break;
    case ExecutionReport::Kind::Rejected: execType = '8'; ordStatus = '8'; leaves = Quantity(0); break;
    case ExecutionReport::Kind::Expired: execType = 'C'; ordStatus = 'C'; leaves = Quantity(0); break;
    case ExecutionReport::Kind::CancelRejected:
    case ExecutionReport::Kind::ReplaceRejected:
    case ExecutionReport::Kind::Restated:
    case ExecutionReport::Kind::Busted:
    case ExecutionReport::Kind::Corrected:
    case ExecutionReport::Kind::Noted:
        break; // sent as OrderCancelReject; the others the venue server never sends
    }
    fix::Message m = reportBase(order, instrument, execId, execType, ordStatus, leaves);
    if (report.kind == ExecutionReport::Kind::Fill) {
        m.set(tag::LastQty, n(report.lastQuantity.value()));
        m.set(tag::LastPx, priceText(instrument, report.lastPrice));
    }
    if (!report.text.isEmpty())
        m.set(tag::Text, s(report.text));
    m.set(tag::TransactTime, timestampText(report.transactUs));
    return m;
}

fix::Message statusReport(const OrderOnVenue *order, const VenueRequest &request, const Instrument *instrument,
                          const QString &execId, char ordStatus, TimestampUs nowUs)
{
    if (!order || !instrument) {
        fix::Message m;
        m.type = msg::ExecutionReport;
        m.set(tag::OrderID, "NONE");
        m.set(tag::ClOrdID, s(request.clOrdId));
        m.set(tag::ExecID, s(execId));
        m.set(tag::ExecType, "I");
        m.set(tag::OrdStatus, "8");
        m.set(tag::OrdRejReason, "5");
        m.set(tag::Symbol, s(request.order.instrument));
        m.set(tag::Side, std::string(1, sideCode(request.order.side)));
        m.set(tag::LeavesQty, "0");
        m.set(tag::CumQty, "0");
        m.set(tag::AvgPx, "0");
        m.set(tag::Text, "unknown order");
        m.set(tag::TransactTime, timestampText(nowUs));
        return m;
    }
    const bool working = ordStatus == '0' || ordStatus == '1';
    fix::Message m = reportBase(*order, *instrument, execId, 'I', ordStatus,
                                working ? order->orderQuantity - order->cumulative : Quantity(0));
    m.set(tag::TransactTime, timestampText(nowUs));
    return m;
}

fix::Message cancelReject(const QString &clOrdId, const QString &origClOrdId, const QString &venueOrderId, bool replace,
                          const QString &text, char ordStatus, int cxlRejReason)
{
    fix::Message m;
    m.type = msg::OrderCancelReject;
    m.set(tag::OrderID, s(venueOrderId.isEmpty() ? QStringLiteral("NONE") : venueOrderId));
    m.set(tag::ClOrdID, s(clOrdId));
    m.set(tag::OrigClOrdID, s(origClOrdId));
    m.set(tag::OrdStatus, std::string(1, ordStatus));
    m.set(tag::CxlRejResponseTo, replace ? "2" : "1");
    m.set(tag::CxlRejReason, std::to_string(cxlRejReason));
    m.set(tag::Text, s(text));
    return m;
}

} // namespace instant::fixmap
