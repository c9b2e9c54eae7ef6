#pragma once

#include "common/clock.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <any>
#include <cstdint>
#include <optional>
#include <string_view>

namespace instant {

using Sequence = qint64;           // global, gapless, starts at 1
using StreamVersion = qint64; // per stream, gapless, starts at 1

// Who caused an event: a user and the role they acted in (trader, compliance, system, copilot).
struct Actor
{
    QString user;
    QString role;

    static Actor system() { return {QStringLiteral("instant"), QStringLiteral("system")}; }
    // Compliance only reads: a session in that role records no trading, system or workflow event
    // and reaches no venue. Every other role's session trades and runs the system's work.
    bool readsOnly() const { return role == u"compliance"; }
    friend bool operator==(const Actor &, const Actor &) = default;
};

// An event as a writer proposes it, before the store gives it a place in the chain.
struct NewEvent
{
    QString type;
    int schemaVersion = 1;
    QJsonObject payload;         // built as an object (make); empty when written as bytes
    QByteArray canonicalPayload; // written straight as its stored bytes (fromCanonical, events/payloadfields.h)
    // The typed event the payload was written from (events::Fill, …), as its decoder would read
    // it back: whoever records the event applies this instead of parsing the bytes it just wrote.
    std::any written;
    Actor actor;
    QString correlationId;
    QString causationId;

    static NewEvent make(const QString &type, QJsonObject payload, const Actor &actor, const QString &correlation = {})
    {
        NewEvent e{type, 1, std::move(payload), {}, {}, actor, correlation, {}};
        return e;
    }
    // An event whose payload's encoder wrote its canonical bytes itself.
    static NewEvent fromCanonical(const QString &type, QByteArray canonical, const Actor &actor, const QString &correlation = {})
    {
        NewEvent e{type, 1, {}, std::move(canonical), {}, actor, correlation, {}};
        return e;
    }

    // The payload's bytes as stored and hashed, however it was built.
    QByteArray payloadBytes() const;
    // The payload as an object, however it was built.
    QJsonObject payloadObject() const;
};

// An event as stored: immutable, sequenced, hashed.
struct RecordedEvent
{
    Sequence sequence = 0;
    QString streamId;
    StreamVersion streamVersion = 0;
    QString type;
    int schemaVersion = 1;
    TimestampUs recordedUs = 0;
    Actor actor;
    QString correlationId;
    QString causationId;
    QByteArray payload; // compact JSON, exactly the bytes that were hashed
    QByteArray prevHash; // 32 bytes
    QByteArray hash;     // 32 bytes

    QJsonObject payloadObject() const;
};

// An event as the store holds it: each column's bytes (texts in UTF-8), without decoding. The
// views are valid only while the visitor that receives them runs (verification reads these).
struct EventBytes
{
    Sequence sequence = 0;
    std::string_view streamId;
    StreamVersion streamVersion = 0;
    std::string_view type;
    qint64 schemaVersion = 1;
    TimestampUs recordedUs = 0;
    std::string_view actorUser, actorRole, correlationId, causationId;
    std::string_view payload;
    std::string_view prevHash, hash;
};

// The stream must be at this version for the append to succeed.
struct ExpectedVersion
{
    static constexpr StreamVersion Any = -1;     // no check
    static constexpr StreamVersion NoStream = 0; // the stream must not exist yet
};

struct AppendRequest
{
    QString streamId;
    StreamVersion expectedVersion = ExpectedVersion::Any;
    QList<NewEvent> events;
    // Client key (e.g. the client order id): a repeat returns the first result.
    QString idempotencyKey;
};

struct AppendResult
{
    Sequence firstSequence = 0;
    Sequence lastSequence = 0;
    StreamVersion streamVersion = 0;
    bool duplicate = false; // true when the idempotency key had been seen with the same request
    QList<RecordedEvent> recorded; // the events as stored (empty for a duplicate)
};

// Which events to read. All bounds are inclusive; unset means unbounded.
struct ReadQuery
{
    QString streamId;                     // empty: all streams
    Sequence fromSequence = 1;
    std::optional<Sequence> toSequence;   // "as of" a sequence
    std::optional<TimestampUs> fromTimeUs;
    std::optional<TimestampUs> toTimeUs;  // "as of" a time
    std::optional<qint64> limit;
    // Projections need neither the hashes nor the correlation ids: reading fewer columns is faster.
    // Their payloads may share blocks of memory (PayloadArena, SQLite): for a read that decodes
    // each payload and lets it go; one kept keeps its whole block.
    enum class Columns { All, ForProjections } columns = Columns::All;
};

struct ChainHead
{
    Sequence sequence = 0; // 0: empty store
    QByteArray hash;       // 32 zero bytes for an empty store
    TimestampUs recordedUs = 0;
};

} // namespace instant

Q_DECLARE_METATYPE(instant::RecordedEvent)
