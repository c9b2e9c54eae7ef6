#pragma once

#include "events/event.h"

#include <QByteArray>

namespace instant {

// The hash chain.
//
// canonical bytes (version 1) = the fields below, in this order, each integer as 8 bytes
// big-endian (two's complement) and each text as a 4-byte big-endian length followed by its
// UTF-8 bytes:
//   sequence, stream id, stream version, type, schema version, recorded time (µs),
//   actor user, actor role, correlation id, causation id, payload (compact JSON bytes)
// hash = SHA-256(previous hash || canonical bytes); the first event's previous hash is 32 zeros.
namespace eventhash {

constexpr int HashSize = 32;

QByteArray genesis();
QByteArray canonicalBytes(const RecordedEvent &event);
QByteArray chainHash(const QByteArray &previousHash, const RecordedEvent &event);
QByteArray sha256(const QByteArray &bytes);
// SHA-256 of `first` followed by `second`, without joining them (a snapshot's digest: its chain
// hash and its payload).
QByteArray sha256(const QByteArray &first, const QByteArray &second);
// SHA-256 of bytes given in pieces (a snapshot of hundreds of megabytes, read or written a piece
// at a time).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    void add(QByteArrayView bytes);
    QByteArray result(); // once

private:
    void *m_ctx;
};
// The encodings of the canonical bytes, for other signed formats: an integer as 8 bytes
// big-endian, a byte string as a 4-byte big-endian length and its bytes.
void putInt(QByteArray &out, std::int64_t value);
void putBytes(QByteArray &out, const QByteArray &bytes);

// Computes hashes for many events with one buffer for their input (faster than chainHash in a loop).
class ChainHasher
{
public:
    ChainHasher();
    ~ChainHasher();
    ChainHasher(const ChainHasher &) = delete;
    ChainHasher &operator=(const ChainHasher &) = delete;

    QByteArray hash(const QByteArray &previousHash, const RecordedEvent &event);
    // The hash of an event read as stored bytes (its own previous hash), into `digest`
    // (HashSize bytes). No allocation: verification runs this at the speed of SHA-256 itself.
    void hash(const EventBytes &event, unsigned char *digest);
    // Whether the event's stored hash is the hash of its contents.
    bool matches(const EventBytes &event);

private:
    QByteArray m_buffer; // an event's hash input, reused
};

} // namespace eventhash

// Compact JSON with sorted keys: the bytes stored and hashed for a payload.
QByteArray canonicalJson(const QJsonObject &object);
// Pieces of that form, for a writer that builds it without a QJsonObject (the records of a
// snapshot): a string exactly as canonicalJson quotes and escapes it, a whole number, any value.
void appendCanonicalString(QByteArray &out, const QString &text);
void appendCanonicalInteger(QByteArray &out, qint64 value);
void appendCanonicalValue(QByteArray &out, const QJsonValue &value);

} // namespace instant
