// The market data protocol (marketdata/marketdataprotocol.h): the input is one WebSocket text
// frame, decoded as the venue's publisher decodes a request (decodeRequest) and as the
// workstation's feed decodes a message (decodeMessage). Whatever the frame, the answer is a value
// or an error that says what is wrong; a frame that decodes, encoded again, decodes to the same
// value. What the feed passes on is then used as the workstation uses it: prices shown in the
// instrument's notation and trades and bars watched by the screener's default rules.

#include "fuzzsupport.h"
#include "marketdata/marketdataprotocol.h"
#include "refdata/referencedata.h"
#include "screener/screener.h"
#include "testmarket.h"

using namespace instant;

namespace {

const ReferenceData &reference()
{
    static const ReferenceData demo = test::market();
    return demo;
}

// Texts compared as they travel: UTF-8 (a lone surrogate from a JSON escape cannot).
QString wire(const QString &text)
{
    return QString::fromUtf8(text.toUtf8());
}

bool sameTexts(const QStringList &a, const QStringList &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (wire(a.at(i)) != wire(b.at(i)))
            return false;
    return true;
}

bool sameLevels(const QList<LevelView> &a, const QList<LevelView> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a.at(i).price != b.at(i).price || a.at(i).quantity != b.at(i).quantity || a.at(i).orders != b.at(i).orders)
            return false;
    return true;
}

bool same(const FeedRequest &a, const FeedRequest &b)
{
    if (a.index() != b.index())
        return false;
    if (const auto *s = std::get_if<SubscribeRequest>(&a))
        return sameTexts(s->symbols, std::get<SubscribeRequest>(b).symbols) && s->depth == std::get<SubscribeRequest>(b).depth;
    if (const auto *u = std::get_if<UnsubscribeRequest>(&a))
        return sameTexts(u->symbols, std::get<UnsubscribeRequest>(b).symbols);
    return true;
}

QString encode(const FeedRequest &r)
{
    if (const auto *s = std::get_if<SubscribeRequest>(&r))
        return encodeSubscribe(s->symbols, s->depth);
    if (const auto *u = std::get_if<UnsubscribeRequest>(&r))
        return encodeUnsubscribe(u->symbols);
    return encodePing();
}

struct Encode
{
    QString operator()(const FeedHello &m) const { return encodeHello(m); }
    QString operator()(const Quote &m) const { return encodeQuote(m); }
    QString operator()(const TradePrint &m) const { return encodeTrade(m); }
    QString operator()(const Bar &m) const { return encodeBar(m); }
    QString operator()(const DepthUpdate &m) const { return encodeDepth(m); }
    QString operator()(const Heartbeat &m) const { return encodeHeartbeat(m.serverTimeUs); }
    QString operator()(const SubscriptionState &m) const { return encodeSubscribed(m); }
    QString operator()(const FeedError &m) const { return encodeError(m.message); }
};

bool same(const FeedMessage &a, const FeedMessage &b)
{
    if (a.index() != b.index())
        return false;
    if (const auto *x = std::get_if<FeedHello>(&a)) {
        const auto &y = std::get<FeedHello>(b);
        return wire(x->venue) == wire(y.venue) && x->protocolVersion == y.protocolVersion && sameTexts(x->instruments, y.instruments);
    }
    if (const auto *x = std::get_if<Quote>(&a)) {
        const auto &y = std::get<Quote>(b);
        return wire(x->instrument) == wire(y.instrument) && x->bid == y.bid && x->ask == y.ask
               && x->bidQuantity == y.bidQuantity && x->askQuantity == y.askQuantity && x->timeUs == y.timeUs;
    }
    if (const auto *x = std::get_if<TradePrint>(&a)) {
        const auto &y = std::get<TradePrint>(b);
        return wire(x->instrument) == wire(y.instrument) && x->price == y.price && x->quantity == y.quantity
               && x->aggressor == y.aggressor && x->timeUs == y.timeUs;
    }
    if (const auto *x = std::get_if<Bar>(&a)) {
        const auto &y = std::get<Bar>(b);
        return wire(x->instrument) == wire(y.instrument) && x->startUs == y.startUs && x->open == y.open && x->high == y.high
               && x->low == y.low && x->close == y.close && x->volume == y.volume;
    }
    if (const auto *x = std::get_if<DepthUpdate>(&a)) {
        const auto &y = std::get<DepthUpdate>(b);
        return wire(x->instrument) == wire(y.instrument) && x->timeUs == y.timeUs && sameLevels(x->bids, y.bids)
               && sameLevels(x->asks, y.asks);
    }
    if (const auto *x = std::get_if<Heartbeat>(&a))
        return x->serverTimeUs == std::get<Heartbeat>(b).serverTimeUs;
    if (const auto *x = std::get_if<SubscriptionState>(&a)) {
        const auto &y = std::get<SubscriptionState>(b);
        return sameTexts(x->symbols, y.symbols) && sameTexts(x->depth, y.depth) && sameTexts(x->unknown, y.unknown);
    }
    return wire(std::get<FeedError>(a).message) == wire(std::get<FeedError>(b).message);
}

// What the workstation does with a message: the market watch and the depth ladder show prices in
// the instrument's notation, the screener watches trades and bars.
void use(const FeedMessage &message)
{
    auto show = [](const QString &symbol, std::initializer_list<std::optional<Price>> prices) {
        if (const Instrument *i = reference().instrument(symbol))
            for (const auto &p : prices)
                if (p)
                    (void)i->formatPrice(*p);
    };
    Screener screener(reference());
    if (const auto *q = std::get_if<Quote>(&message))
        show(q->instrument, {q->bid, q->ask});
    else if (const auto *t = std::get_if<TradePrint>(&message)) {
        show(t->instrument, {t->price});
        screener.onTrade(*t);
        screener.onTrade(*t);
    } else if (const auto *b = std::get_if<Bar>(&message)) {
        show(b->instrument, {b->open, b->high, b->low, b->close});
        for (int k = 0; k < 12; ++k)
            screener.onBar(*b);
    } else if (const auto *d = std::get_if<DepthUpdate>(&message)) {
        for (const auto &levels : {d->bids, d->asks})
            for (const LevelView &l : levels)
                show(d->instrument, {l.price});
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    (void)reference();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MaxMarketDataFrameBytes + 16)
        return -1;
    const QString frame = fuzz::text(data, size);

    if (const auto request = decodeRequest(frame)) {
        const QString written = encode(*request);
        const auto again = decodeRequest(written);
        fuzz::check(again.ok() && same(*request, *again), "a request encoded again decodes differently",
                    written + u" / " + again.message());
    } else {
        fuzz::check(request.code() == ErrorCode::InvalidArgument && !request.message().isEmpty(),
                    "a request refused without a reason");
    }

    if (const auto message = decodeMessage(frame)) {
        const QString written = std::visit(Encode{}, *message);
        const auto again = decodeMessage(written);
        fuzz::check(again.ok() && same(*message, *again), "a message encoded again decodes differently",
                    written.left(500) + u" / " + again.message());
        use(*message);
    } else {
        fuzz::check(message.code() == ErrorCode::InvalidArgument && !message.message().isEmpty(),
                    "a message refused without a reason");
    }
    return 0;
}
