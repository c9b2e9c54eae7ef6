#pragma once

// An event payload read field by field without building a QJsonObject: replays decode millions
// of payloads, and simdjson parses one in a fraction of the time Qt's JSON takes.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <string_view>

namespace instant {

class Payload
{
public:
    // Parses with this thread's parser. The Payload is valid until the next parse on the same
    // thread. Invalid JSON or a non-object gives an empty payload (every field absent).
    static Payload parse(const QByteArray &json);
    static Payload parse(std::string_view json);
    // A payload's bytes with room after them (zeros) for the parser, which reads past the end in
    // blocks: parse() then reads them where they are instead of copying them into a buffer with
    // that room first. A replay reads its payloads so (a copy less per event).
    static constexpr qsizetype Room = 64; // simdjson's SIMDJSON_PADDING
    static QByteArray withRoomToParse(std::string_view json);

    bool isValid() const { return m_valid; }
    bool has(const char *key) const;
    QString str(const char *key) const;                 // empty unless a string
    // A text many events repeat (an account, an instrument, a side, a reason): one QString per
    // distinct value on this thread, shared by every event that carries it (no allocation).
    // Not for ids: each would stay in the thread's table until it fills and is cleared.
    QString word(const char *key) const;
    std::string_view view(const char *key) const; // the string's UTF-8 bytes, valid like the Payload
    qint64 i64(const char *key) const;                  // 0 unless an integer
    std::optional<qint64> optionalI64(const char *key) const; // nullopt when absent or null
    // Any value, as Qt's JSON (arrays and objects: the rare, slower path).
    QJsonValue json(const char *key) const;

private:
    Payload() = default;
    static Payload parseBytes(const char *bytes, size_t size, bool roomAfter);
    alignas(8) unsigned char m_element[16] = {}; // a simdjson::dom::element (see payload.cpp)
    bool m_valid = false;
};

// Payloads read one after another (a replay's), each copied with its room after it into a block
// that many share: one allocation per block instead of one per event, and a count of users on the
// block instead of a free per event. Each copy is an ordinary QByteArray: it keeps its block alive
// while it lives, and a write to it copies it out first (the block is shared). For one thread at a
// time; the copies may go anywhere. Not for payloads kept long: each would keep its whole block.
class PayloadArena
{
public:
    static constexpr qsizetype BlockSize = 64 * 1024;
    // The bytes, with Payload::Room zeros after them, as Payload::withRoomToParse gives them.
    QByteArray copy(std::string_view json);

private:
    QByteArray m_block;
    qsizetype m_used = 0;
};

} // namespace instant
