#include "marketdata/marketdataprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <limits>
#include <optional>

namespace instant {

namespace {

constexpr qsizetype MaxSymbolLength = 64;

QString frameText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonArray levelsToJson(const QList<LevelView> &levels)
{
    QJsonArray out;
    for (const LevelView &l : levels)
        out.append(QJsonArray{l.price.value(), l.quantity.value(), l.orders});
    return out;
}

enum class Sign
{
    Any,
    NonNegative,
    Positive
};

// Reads fields of one frame; the first thing wrong is the error, later reads return defaults.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object) : m_object(object) {}

    bool failed() const { return m_error.has_value(); }
    Error error() const { return makeError(ErrorCode::InvalidArgument, m_error.value_or(QString())); }
    void fail(const QString &message)
    {
        if (!m_error)
            m_error = message;
    }

    qint64 integer(QStringView key, Sign sign = Sign::Any)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined()) {
            fail(QStringLiteral("missing \"%1\"").arg(key));
            return 0;
        }
        return checkedInteger(v, QStringLiteral("\"%1\"").arg(key), sign).value_or(0);
    }

    // Left out or null: no value.
    std::optional<qint64> optionalInteger(QStringView key, Sign sign = Sign::Any)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        return checkedInteger(v, QStringLiteral("\"%1\"").arg(key), sign);
    }

    QString text(QStringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            fail(QStringLiteral("missing \"%1\"").arg(key));
        else if (!v.isString())
            fail(QStringLiteral("\"%1\" must be a string").arg(key));
        return v.toString();
    }

    QString symbol(QStringView key)
    {
        const QString s = text(key);
        if (!failed())
            checkSymbol(s, QStringLiteral("\"%1\"").arg(key));
        return s;
    }

    bool flag(QStringView key, std::optional<bool> fallback)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined()) {
            if (!fallback)
                fail(QStringLiteral("missing \"%1\"").arg(key));
            return fallback.value_or(false);
        }
        if (!v.isBool())
            fail(QStringLiteral("\"%1\" must be true or false").arg(key));
        return v.toBool();
    }

    QStringList symbols(QStringView key, bool mayBeEmpty)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined()) {
            fail(QStringLiteral("missing \"%1\"").arg(key));
            return {};
        }
        if (!v.isArray()) {
            fail(QStringLiteral("\"%1\" must be a list of symbols").arg(key));
            return {};
        }
        const QJsonArray a = v.toArray();
        if (a.isEmpty() && !mayBeEmpty) {
            fail(QStringLiteral("\"%1\" names no symbols").arg(key));
            return {};
        }
        QStringList out;
        out.reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString where = QStringLiteral("\"%1\" entry %2").arg(key).arg(i + 1);
            if (!a.at(i).isString()) {
                fail(where + QStringLiteral(" must be a string"));
                return {};
            }
            const QString s = a.at(i).toString();
            if (!checkSymbol(s, where))
                return {};
            out << s;
        }
        return out;
    }

    // [[price, quantity, orders], ...], best first.
    QList<LevelView> levels(QStringView key, Side side)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined()) {
            fail(QStringLiteral("missing \"%1\"").arg(key));
            return {};
        }
        if (!v.isArray()) {
            fail(QStringLiteral("\"%1\" must be a list of levels").arg(key));
            return {};
        }
        const QJsonArray a = v.toArray();
        if (a.size() > MaxDepthLevels) {
            fail(QStringLiteral("\"%1\" has %2 levels; at most %3 are sent")
                     .arg(key)
                     .arg(a.size())
                     .arg(MaxDepthLevels));
            return {};
        }
        QList<LevelView> out;
        out.reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString where = QStringLiteral("\"%1\" level %2").arg(key).arg(i + 1);
            const QJsonArray level = a.at(i).toArray();
            if (!a.at(i).isArray() || level.size() != 3) {
                fail(where + QStringLiteral(" must be [price, quantity, orders]"));
                return {};
            }
            const auto price = checkedInteger(level.at(0), where + QStringLiteral(" price"), Sign::Any);
            const auto quantity =
                checkedInteger(level.at(1), where + QStringLiteral(" quantity"), Sign::Positive);
            const auto orders =
                checkedInteger(level.at(2), where + QStringLiteral(" orders"), Sign::Positive);
            if (!price || !quantity || !orders)
                return {};
            if (*orders > std::numeric_limits<int>::max()) {
                fail(where + QStringLiteral(" orders is out of range"));
                return {};
            }
            if (!out.isEmpty()) {
                const qint64 previous = out.constLast().price.value();
                const bool worse = side == Side::Buy ? *price < previous : *price > previous;
                if (!worse) {
                    fail(where +
                         (side == Side::Buy
                              ? QStringLiteral(" is not below the level before it (bids go best first)")
                              : QStringLiteral(" is not above the level before it (asks go best first)")));
                    return {};
                }
            }
            out.append(LevelView{Price(*price), Quantity(*quantity), int(*orders)});
        }
        return out;
    }

private:
    std::optional<qint64> checkedInteger(const QJsonValue &v, const QString &what, Sign sign)
    {
        // toInteger() gives the fallback for anything that is not a whole number in range: two
        // different fallbacks agree only for a real integer.
        if (!v.isDouble() || v.toInteger(0) != v.toInteger(1)) {
            fail(what + QStringLiteral(" must be an integer"));
            return std::nullopt;
        }
        const qint64 n = v.toInteger();
        if (sign == Sign::NonNegative && n < 0) {
            fail(what + QStringLiteral(" must not be negative"));
            return std::nullopt;
        }
        if (sign == Sign::Positive && n <= 0) {
            fail(what + QStringLiteral(" must be positive"));
            return std::nullopt;
        }
        return n;
    }

    bool checkSymbol(const QString &s, const QString &where)
    {
        if (s.isEmpty()) {
            fail(where + QStringLiteral(" is an empty symbol"));
            return false;
        }
        if (s.size() > MaxSymbolLength) {
            fail(where + QStringLiteral(" is longer than %1 characters").arg(MaxSymbolLength));
            return false;
        }
        return true;
    }

    const QJsonObject &m_object;
    std::optional<QString> m_error;
};

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// The frame as a JSON object, or why it is not one.
Result<QJsonObject> parseObject(const QString &frame)
{
    // A UTF-8 frame has at least as many bytes as the text has UTF-16 units: the cheap test first.
    if (frame.size() > MaxMarketDataFrameBytes)
        return invalid(QStringLiteral("frame of at least %1 bytes is over the %2-byte limit")
                           .arg(frame.size())
                           .arg(MaxMarketDataFrameBytes));
    const QByteArray bytes = frame.toUtf8();
    if (bytes.size() > MaxMarketDataFrameBytes)
        return invalid(QStringLiteral("frame of %1 bytes is over the %2-byte limit")
                           .arg(bytes.size())
                           .arg(MaxMarketDataFrameBytes));
    if (bytes.trimmed().isEmpty())
        return invalid(QStringLiteral("empty frame"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(
            QStringLiteral("not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return invalid(QStringLiteral("not a JSON object"));
    return doc.object();
}

QString nameOf(const QJsonObject &o, QStringView key, QString *problem)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        *problem = QStringLiteral("missing \"%1\"").arg(key);
    else if (!v.isString())
        *problem = QStringLiteral("\"%1\" must be a string").arg(key);
    return v.toString();
}

template <typename T> Result<T> finish(FieldReader &r, const QString &kind, T value)
{
    if (r.failed())
        return invalid(kind + QStringLiteral(": ") + r.error().message);
    return value;
}

} // namespace

QString encodeSubscribe(const QStringList &symbols, bool depth)
{
    return frameText(QJsonObject{{QStringLiteral("op"), QStringLiteral("subscribe")},
                                 {QStringLiteral("symbols"), toArray(symbols)},
                                 {QStringLiteral("depth"), depth}});
}

QString encodeUnsubscribe(const QStringList &symbols)
{
    return frameText(QJsonObject{{QStringLiteral("op"), QStringLiteral("unsubscribe")},
                                 {QStringLiteral("symbols"), toArray(symbols)}});
}

QString encodePing()
{
    return frameText(QJsonObject{{QStringLiteral("op"), QStringLiteral("ping")}});
}

QString encodeHello(const FeedHello &hello)
{
    return frameText(QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")},
                                 {QStringLiteral("venue"), hello.venue},
                                 {QStringLiteral("version"), hello.protocolVersion},
                                 {QStringLiteral("symbols"), toArray(hello.instruments)}});
}

QString encodeQuote(const Quote &quote)
{
    return frameText(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("quote")},
        {QStringLiteral("symbol"), quote.instrument},
        {QStringLiteral("bid"), quote.bid ? QJsonValue(quote.bid->value()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("bidQty"), quote.bidQuantity.value()},
        {QStringLiteral("ask"), quote.ask ? QJsonValue(quote.ask->value()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("askQty"), quote.askQuantity.value()},
        {QStringLiteral("time"), quote.timeUs}});
}

QString encodeTrade(const TradePrint &trade)
{
    return frameText(
        QJsonObject{{QStringLiteral("type"), QStringLiteral("trade")},
                    {QStringLiteral("symbol"), trade.instrument},
                    {QStringLiteral("price"), trade.price.value()},
                    {QStringLiteral("qty"), trade.quantity.value()},
                    {QStringLiteral("aggressor"),
                     trade.aggressor == Side::Buy ? QStringLiteral("buy") : QStringLiteral("sell")},
                    {QStringLiteral("time"), trade.timeUs}});
}

QString encodeBar(const Bar &bar)
{
    return frameText(QJsonObject{{QStringLiteral("type"), QStringLiteral("bar")},
                                 {QStringLiteral("symbol"), bar.instrument},
                                 {QStringLiteral("start"), bar.startUs},
                                 {QStringLiteral("open"), bar.open.value()},
                                 {QStringLiteral("high"), bar.high.value()},
                                 {QStringLiteral("low"), bar.low.value()},
                                 {QStringLiteral("close"), bar.close.value()},
                                 {QStringLiteral("volume"), bar.volume.value()}});
}

QString encodeDepth(const DepthUpdate &depth)
{
    return frameText(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("depth")},
        {QStringLiteral("symbol"), depth.instrument},
        {QStringLiteral("time"), depth.timeUs},
        {QStringLiteral("bids"),
         levelsToJson(depth.bids.first(std::min<qsizetype>(depth.bids.size(), MaxDepthLevels)))},
        {QStringLiteral("asks"),
         levelsToJson(depth.asks.first(std::min<qsizetype>(depth.asks.size(), MaxDepthLevels)))}});
}

QString encodeHeartbeat(TimestampUs serverTimeUs)
{
    return frameText(QJsonObject{{QStringLiteral("type"), QStringLiteral("heartbeat")},
                                 {QStringLiteral("time"), serverTimeUs}});
}

QString encodeSubscribed(const SubscriptionState &state)
{
    return frameText(QJsonObject{{QStringLiteral("type"), QStringLiteral("subscribed")},
                                 {QStringLiteral("symbols"), toArray(state.symbols)},
                                 {QStringLiteral("depth"), toArray(state.depth)},
                                 {QStringLiteral("unknown"), toArray(state.unknown)}});
}

QString encodeError(const QString &message)
{
    return frameText(
        QJsonObject{{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("message"), message}});
}

Result<FeedRequest> decodeRequest(const QString &frame)
{
    auto parsed = parseObject(frame);
    if (!parsed)
        return parsed.error();
    const QJsonObject &o = *parsed;
    QString problem;
    const QString op = nameOf(o, u"op", &problem);
    if (!problem.isEmpty())
        return invalid(QStringLiteral("request: ") + problem);
    FieldReader r(o);
    if (op == u"subscribe") {
        SubscribeRequest s;
        s.symbols = r.symbols(u"symbols", false);
        s.depth = r.flag(u"depth", false);
        return finish<FeedRequest>(r, op, s);
    }
    if (op == u"unsubscribe") {
        UnsubscribeRequest u;
        u.symbols = r.symbols(u"symbols", false);
        return finish<FeedRequest>(r, op, u);
    }
    if (op == u"ping")
        return FeedRequest(PingRequest{});
    return invalid(
        QStringLiteral("unknown op \"%1\" (subscribe, unsubscribe or ping)").arg(op.left(MaxSymbolLength)));
}

Result<FeedMessage> decodeMessage(const QString &frame)
{
    auto parsed = parseObject(frame);
    if (!parsed)
        return parsed.error();
    const QJsonObject &o = *parsed;
    QString problem;
    const QString type = nameOf(o, u"type", &problem);
    if (!problem.isEmpty())
        return invalid(QStringLiteral("message: ") + problem);
    FieldReader r(o);
    if (type == u"quote") {
        Quote q;
        q.instrument = r.symbol(u"symbol");
        if (auto bid = r.optionalInteger(u"bid"))
            q.bid = Price(*bid);
        q.bidQuantity = Quantity(r.integer(u"bidQty", Sign::NonNegative));
        if (auto ask = r.optionalInteger(u"ask"))
            q.ask = Price(*ask);
        q.askQuantity = Quantity(r.integer(u"askQty", Sign::NonNegative));
        q.timeUs = r.integer(u"time", Sign::NonNegative);
        return finish<FeedMessage>(r, type, q);
    }
    if (type == u"trade") {
        TradePrint t;
        t.instrument = r.symbol(u"symbol");
        t.price = Price(r.integer(u"price"));
        t.quantity = Quantity(r.integer(u"qty", Sign::Positive));
        const QString aggressor = r.text(u"aggressor");
        if (!r.failed() && aggressor != u"buy" && aggressor != u"sell")
            r.fail(QStringLiteral("\"aggressor\" must be \"buy\" or \"sell\""));
        t.aggressor = aggressor == u"sell" ? Side::Sell : Side::Buy;
        t.timeUs = r.integer(u"time", Sign::NonNegative);
        return finish<FeedMessage>(r, type, t);
    }
    if (type == u"bar") {
        Bar b;
        b.instrument = r.symbol(u"symbol");
        b.startUs = r.integer(u"start", Sign::NonNegative);
        b.open = Price(r.integer(u"open"));
        b.high = Price(r.integer(u"high"));
        b.low = Price(r.integer(u"low"));
        b.close = Price(r.integer(u"close"));
        b.volume = Quantity(r.integer(u"volume", Sign::NonNegative));
        if (!r.failed() && (b.low > std::min(b.open, b.close) || b.high < std::max(b.open, b.close)))
            r.fail(QStringLiteral("open and close must lie between low and high"));
        return finish<FeedMessage>(r, type, b);
    }
    if (type == u"depth") {
        DepthUpdate d;
        d.instrument = r.symbol(u"symbol");
        d.timeUs = r.integer(u"time", Sign::NonNegative);
        d.bids = r.levels(u"bids", Side::Buy);
        d.asks = r.levels(u"asks", Side::Sell);
        return finish<FeedMessage>(r, type, d);
    }
    if (type == u"heartbeat") {
        Heartbeat h;
        h.serverTimeUs = r.integer(u"time", Sign::NonNegative);
        return finish<FeedMessage>(r, type, h);
    }
    if (type == u"hello") {
        FeedHello h;
        h.venue = r.text(u"venue");
        const qint64 version = r.integer(u"version", Sign::Positive);
        if (!r.failed() && version > std::numeric_limits<int>::max())
            r.fail(QStringLiteral("\"version\" is out of range"));
        h.protocolVersion = int(version);
        h.instruments = r.symbols(u"symbols", true);
        return finish<FeedMessage>(r, type, h);
    }
    if (type == u"subscribed") {
        SubscriptionState s;
        s.symbols = r.symbols(u"symbols", true);
        s.depth = r.symbols(u"depth", true);
        s.unknown = r.symbols(u"unknown", true);
        return finish<FeedMessage>(r, type, s);
    }
    if (type == u"error") {
        FeedError e;
        e.message = r.text(u"message");
        return finish<FeedMessage>(r, type, e);
    }
    return invalid(QStringLiteral("unknown type \"%1\"").arg(type.left(MaxSymbolLength)));
}

} // namespace instant
