#include "events/payload.h"

#include "common/textinterner.h"

#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>

#include <simdjson.h>

#include <cstring>
#include <memory>
#include <string>

namespace instant {
namespace {

static_assert(sizeof(simdjson::dom::element) == 16 && std::is_trivially_copyable_v<simdjson::dom::element>,
              "Payload keeps a simdjson element in 16 bytes");

simdjson::dom::element element(const unsigned char *storage)
{
    simdjson::dom::element e;
    std::memcpy(static_cast<void *>(&e), storage, sizeof e);
    return e;
}

simdjson::simdjson_result<simdjson::dom::element> field(const unsigned char *storage, bool valid, const char *key)
{
    if (!valid)
        return simdjson::NO_SUCH_FIELD;
    return element(storage).at_key(key);
}

} // namespace

static_assert(Payload::Room >= qsizetype(simdjson::SIMDJSON_PADDING));

QByteArray Payload::withRoomToParse(std::string_view json)
{
    const qsizetype size = qsizetype(json.size());
    QByteArray bytes(size + Room, Qt::Uninitialized);
    if (size > 0)
        std::memcpy(bytes.data(), json.data(), json.size());
    std::memset(bytes.data() + size, 0, size_t(Room));
    bytes.resize(size); // the room stays allocated after the bytes
    return bytes;
}

QByteArray PayloadArena::copy(std::string_view json)
{
    const qsizetype size = qsizetype(json.size());
    const qsizetype taken = (size + Payload::Room + 15) & ~qsizetype(15); // the next copy 16-byte aligned
    if (taken > BlockSize / 4)
        return Payload::withRoomToParse(json); // a large one gets its own
    if (m_block.isNull() || m_used + taken > BlockSize) {
        m_block = QByteArray(BlockSize, Qt::Uninitialized);
        m_used = 0;
    }
    QByteArray::DataPointer &block = m_block.data_ptr();
    char *at = block.data() + m_used; // the block's own bytes: not a detaching access
    if (size > 0)
        std::memcpy(at, json.data(), json.size());
    std::memset(at + size, 0, size_t(Payload::Room));
    m_used += taken;
    // A view of the block that counts as one of its users, as a copy of a QByteArray does.
    block.d_ptr()->ref();
    return QByteArray(QByteArray::DataPointer(block.d_ptr(), at, size));
}

Payload Payload::parseBytes(const char *bytes, size_t size, bool roomAfter)
{
    thread_local simdjson::dom::parser parser;
    Payload p;
    simdjson::dom::element root;
    if (parser.parse(bytes, size, !roomAfter).get(root) != simdjson::SUCCESS || !root.is_object())
        return p;
    std::memcpy(p.m_element, static_cast<const void *>(&root), sizeof root);
    p.m_valid = true;
    return p;
}

Payload Payload::parse(const QByteArray &json)
{
    // Room after the bytes (withRoomToParse): parsed where they are. data_ptr() only reads here.
    const bool roomAfter = const_cast<QByteArray &>(json).data_ptr().freeSpaceAtEnd() >= Room;
    return parseBytes(json.constData(), size_t(json.size()), roomAfter);
}

Payload Payload::parse(std::string_view json)
{
    return parseBytes(json.data(), json.size(), false);
}

bool Payload::has(const char *key) const
{
    return field(m_element, m_valid, key).error() == simdjson::SUCCESS;
}

QString Payload::str(const char *key) const
{
    std::string_view v;
    if (field(m_element, m_valid, key).get_string().get(v) != simdjson::SUCCESS)
        return QString();
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

std::string_view Payload::view(const char *key) const
{
    std::string_view v;
    if (field(m_element, m_valid, key).get_string().get(v) != simdjson::SUCCESS)
        return {};
    return v;
}

QString Payload::word(const char *key) const
{
    thread_local std::unique_ptr<TextInterner> words; // made on a thread's first use
    const std::string_view v = view(key);
    if (v.empty())
        return QString();
    if (!words)
        words = std::make_unique<TextInterner>();
    return words->get(v);
}

qint64 Payload::i64(const char *key) const
{
    return optionalI64(key).value_or(0);
}

std::optional<qint64> Payload::optionalI64(const char *key) const
{
    int64_t v = 0;
    if (field(m_element, m_valid, key).get_int64().get(v) != simdjson::SUCCESS)
        return std::nullopt;
    return qint64(v);
}

QJsonValue Payload::json(const char *key) const
{
    simdjson::dom::element v;
    if (field(m_element, m_valid, key).get(v) != simdjson::SUCCESS)
        return QJsonValue(QJsonValue::Undefined);
    if (v.is_array()) {
        simdjson::dom::array a;
        if (v.get_array().get(a) == simdjson::SUCCESS && a.size() == 0)
            return QJsonArray();
    }
    // Wrapped, so any JSON value (not only objects and arrays) goes through Qt's parser.
    const std::string text = "{\"v\":" + simdjson::minify(v) + "}";
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object().value(QStringLiteral("v"));
}

} // namespace instant
