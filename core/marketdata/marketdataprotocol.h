#pragma once

// The market data protocol: JSON text frames over a WebSocket, shared by the venue's publisher
// (MarketDataServer) and the workstation's feed (WebSocketFeed).
//
// Prices and quantities are the engine's integer units, times UTC microseconds since the epoch,
// symbols instrument ids. Frames name what they are in "op" (client → server) or "type"
// (server → client); fields a decoder does not know are ignored, so either side may add some.

#include "common/clock.h"
#include "common/result.h"
#include "marketdata/marketdata.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

namespace instant {

inline constexpr int MarketDataProtocolVersion = 1;
// A frame longer than this is refused unread (either direction).
inline constexpr qsizetype MaxMarketDataFrameBytes = 64 * 1024;
// A depth frame carries at most this many levels a side.
inline constexpr int MaxDepthLevels = 10;

// Client → server

// {"op":"subscribe","symbols":["AAPL","MSFT"],"depth":true}: adds the symbols; "depth" (optional,
// false when left out) turns the book on or off for each of them.
struct SubscribeRequest
{
    QStringList symbols;
    bool depth = false;
};

// {"op":"unsubscribe","symbols":["MSFT"]}
struct UnsubscribeRequest
{
    QStringList symbols;
};

// {"op":"ping"}: the server answers with a heartbeat.
struct PingRequest
{
};

using FeedRequest = std::variant<SubscribeRequest, UnsubscribeRequest, PingRequest>;

// Server → client

// {"type":"hello","venue":"simulated","version":1,"symbols":["AAPL","912797KX4",...]}: first frame
// on every connection.
struct FeedHello
{
    QString venue;
    int protocolVersion = MarketDataProtocolVersion;
    QStringList instruments;
};

// {"type":"depth","symbol":"AAPL","time":...,"bids":[[18950,500,2],...],"asks":[[18952,300,1],...]}:
// [price, quantity, orders] per level, best first.
struct DepthUpdate
{
    QString instrument;
    QList<LevelView> bids;
    QList<LevelView> asks;
    TimestampUs timeUs = 0;
};

// {"type":"heartbeat","time":1795185000000000}: the server's wall clock, every second.
struct Heartbeat
{
    TimestampUs serverTimeUs = 0;
};

// {"type":"subscribed","symbols":["AAPL"],"depth":["AAPL"],"unknown":["NOPE"]}: what the connection
// is subscribed to after a request, and what in that request the server does not list.
struct SubscriptionState
{
    QStringList symbols;
    QStringList depth;
    QStringList unknown;
};

// {"type":"error","message":"..."}: the server could not use a request; the connection stays open.
struct FeedError
{
    QString message;
};

// {"type":"quote",...}, {"type":"trade",...} and {"type":"bar",...} carry the venue's own structs.
using FeedMessage =
    std::variant<FeedHello, Quote, TradePrint, Bar, DepthUpdate, Heartbeat, SubscriptionState, FeedError>;

QString encodeSubscribe(const QStringList &symbols, bool depth);
QString encodeUnsubscribe(const QStringList &symbols);
QString encodePing();

QString encodeHello(const FeedHello &hello);
QString encodeQuote(const Quote &quote);
QString encodeTrade(const TradePrint &trade);
QString encodeBar(const Bar &bar);
QString encodeDepth(const DepthUpdate &depth);
QString encodeHeartbeat(TimestampUs serverTimeUs);
QString encodeSubscribed(const SubscriptionState &state);
QString encodeError(const QString &message);

// Strict: anything that is not exactly a frame of the protocol is an InvalidArgument error whose
// message says what is wrong with it. Never asserts, whatever the input.
Result<FeedRequest> decodeRequest(const QString &frame);
Result<FeedMessage> decodeMessage(const QString &frame);

} // namespace instant
