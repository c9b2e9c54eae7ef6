// Replaying events: the payload decoder (events/payload.h, simdjson), the codecs of orders and
// brackets (events/orderevents.h, oms/bracketevents.h: a payload decoded and encoded again is
// stable from the first round on, and canonical JSON as Qt writes it)
// and TradingState::apply on
// events built from the input, one per line:
//   <stream id> <type> <payload JSON>
//   account-DESK-01 OrderAccepted {"order_id":"O-1","account":"DESK-01","side":"buy",...}
// Whatever the bytes, apply() answers (an error for an event that breaks the lifecycle) and never
// crashes; the state it builds still writes a snapshot that is canonicalJson(toJson()) and reads
// back, whole or in pieces of any size, into a state that writes the same snapshot.

#include "events/eventhash.h"
#include "events/orderevents.h"
#include "oms/bracketevents.h"
#include "events/payload.h"
#include "fuzzsupport.h"
#include "oms/tradingstate.h"

#include <QJsonDocument>

using namespace instant;

namespace {

constexpr int MaxEvents = 64;
constexpr qsizetype Executions = 8; // a small window, so that old executions are dropped too

// Every reader of the decoder on the keys replay uses, and on one it does not know.
void readPayload(const QByteArray &json)
{
    const Payload p = Payload::parse(json);
    for (const char *key : {"order_id", "account", "quantity", "limit_price", "rules", "overrides", "mode", "nope", ""}) {
        const bool has = p.has(key);
        fuzz::check(p.isValid() || !has, "an invalid payload has a field");
        (void)p.str(key);
        (void)p.i64(key);
        const auto i = p.optionalI64(key);
        fuzz::check(!i || has, "an integer in a field that is not there");
        const QJsonValue v = p.json(key);
        fuzz::check(has || v.isUndefined(), "a value in a field that is not there");
    }
}

QByteArray snapshotOf(const TradingState &state, const char *what)
{
    const QByteArray canonical = state.toCanonicalJson();
    fuzz::check(canonical == canonicalJson(state.toJson()), what,
                QStringLiteral("toCanonicalJson() is not canonicalJson(toJson())"));
    return canonical;
}

// Whatever a decoder reads from a payload, its encoder writes a payload that decodes to the same.
std::optional<NewEvent> reencode(const RecordedEvent &e)
{
    std::optional<NewEvent> out = events::reencode(e);
    return out ? out : brackets::reencode(e);
}

void reencodeTwice(const RecordedEvent &e)
{
    const std::optional<NewEvent> once = reencode(e);
    if (!once)
        return;
    fuzz::check(once->type == e.type, "an encoder wrote another event type", once->type);
    // Written field by field (events/payloadfields.h), the bytes are what Qt writes of them.
    fuzz::check(once->payloadBytes() == canonicalJson(QJsonDocument::fromJson(once->payloadBytes()).object()),
                "an encoder's bytes are not canonical JSON", QString::fromUtf8(once->payloadBytes().left(300)));
    RecordedEvent again = e;
    again.payload = once->payloadBytes();
    const std::optional<NewEvent> twice = reencode(again);
    fuzz::check(twice && twice->payloadBytes() == again.payload, "a payload encoded twice changed",
                QString::fromUtf8(again.payload.left(300)));
}

TradingState restore(const QByteArray &snapshot)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(snapshot, &error);
    fuzz::check(error.error == QJsonParseError::NoError && doc.isObject(), "a snapshot that is not a JSON object",
                error.errorString());
    auto state = TradingState::fromJson(doc.object(), Executions);
    fuzz::check(state.ok(), "a snapshot fromJson() refuses", state.message());
    return std::move(state).value();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return -1;
    TradingState state(Executions);
    Sequence sequence = 0;
    for (const QByteArray &line : fuzz::bytes(data, size).split('\n')) {
        if (sequence == MaxEvents)
            break;
        const qsizetype a = line.indexOf(' ');
        const qsizetype b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        RecordedEvent e;
        e.sequence = ++sequence;
        e.streamVersion = sequence;
        e.recordedUs = 1'795'000'000'000'000 + sequence * 1'000;
        e.actor = Actor{QStringLiteral("trader"), QStringLiteral("trader")};
        e.streamId = QString::fromUtf8(line.left(a < 0 ? 0 : a));
        e.type = QString::fromUtf8(a < 0 ? QByteArray() : line.mid(a + 1, b < 0 ? -1 : b - a - 1));
        e.payload = b < 0 ? line : line.mid(b + 1);
        readPayload(e.payload);
        reencodeTwice(e);
        const Status applied = state.apply(e);
        fuzz::check(applied.ok() || !applied.message().isEmpty(), "an error without a message");
    }
    (void)state.checkInvariants();
    (void)state.recentCopy(4).toJson();

    // Snapshots: written, read back, written again: the same bytes from the second round on.
    const QByteArray first = snapshotOf(state, "the replayed state");
    const TradingState restored = restore(first);
    const QByteArray second = snapshotOf(restored, "the restored state");
    const QByteArray third = snapshotOf(restore(second), "the state restored twice");
    // Read in pieces, as a store hands a snapshot out at start-up: the same state as read whole.
    StateSnapshotReader pieces(Executions);
    const qsizetype cut = 1 + qsizetype(size % 97);
    for (qsizetype at = 0; at < first.size(); at += cut)
        fuzz::check(pieces.feed(QByteArrayView(first.constData() + at, std::min(cut, first.size() - at))),
                    "a snapshot read in pieces is refused");
    auto fromPieces = pieces.finish();
    fuzz::check(fromPieces.ok(), "a snapshot read in pieces is refused", fromPieces.message());
    fuzz::check(snapshotOf(*fromPieces, "the state read in pieces") == second, "a snapshot read in pieces is another state");
    fuzz::check(second == third, "a snapshot read back writes different bytes",
                QString::fromUtf8(second.left(300)) + u" / " + QString::fromUtf8(third.left(300)));
    return 0;
}
