#include "events/eventhash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

// SHA256_Init/Update/Final: deprecated in OpenSSL 3 in favour of EVP, still built by every
// distribution, and the same assembly (SHA-NI, AVX2) without EVP's provider dispatch. The chain
// hasher and sha256() use them where the library has them; see sha256Into.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/opensslconf.h>
#ifndef OPENSSL_NO_DEPRECATED_3_0
#include <openssl/sha.h>
#endif

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace instant {

QJsonObject RecordedEvent::payloadObject() const
{
    return QJsonDocument::fromJson(payload).object();
}

QByteArray canonicalJson(const QJsonObject &object)
{
    // QJsonObject keeps its keys sorted, so the compact form is canonical.
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray NewEvent::payloadBytes() const
{
    return canonicalPayload.isEmpty() ? canonicalJson(payload) : canonicalPayload;
}

QJsonObject NewEvent::payloadObject() const
{
    return canonicalPayload.isEmpty() ? payload : QJsonDocument::fromJson(canonicalPayload).object();
}

void appendCanonicalString(QByteArray &out, const QString &text)
{
    const char16_t *p = reinterpret_cast<const char16_t *>(text.constData()), *end = p + text.size();
    const bool plain = std::all_of(p, end, [](char16_t c) { return c >= 0x20 && c < 0x7f && c != u'"' && c != u'\\'; });
    if (plain) { // as it stands, between quotes (nearly every id, name and state)
        out += '"';
        const qsizetype at = out.size();
        out.resize(at + text.size());
        for (char *o = out.data() + at; p != end; ++p, ++o)
            *o = char(*p);
        out += '"';
        return;
    }
    appendCanonicalValue(out, text); // escapes and UTF-8 exactly as Qt writes them
}

void appendCanonicalInteger(QByteArray &out, qint64 value)
{
    out += QByteArray::number(value);
}

void appendCanonicalValue(QByteArray &out, const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out.append(wrapped.constData() + 1, wrapped.size() - 2); // without the array's brackets
}

namespace eventhash {

void putInt(QByteArray &out, std::int64_t value)
{
    char bytes[8];
    qToBigEndian<std::int64_t>(value, bytes);
    out.append(bytes, 8);
}

void putBytes(QByteArray &out, const QByteArray &bytes)
{
    char len[4];
    qToBigEndian<std::uint32_t>(static_cast<std::uint32_t>(bytes.size()), len);
    out.append(len, 4);
    out.append(bytes);
}

namespace {

void putText(QByteArray &out, const QString &text)
{
    putBytes(out, text.toUtf8());
}

void appendCanonical(QByteArray &out, const RecordedEvent &e)
{
    putInt(out, e.sequence);
    putText(out, e.streamId);
    putInt(out, e.streamVersion);
    putText(out, e.type);
    putInt(out, e.schemaVersion);
    putInt(out, e.recordedUs);
    putText(out, e.actor.user);
    putText(out, e.actor.role);
    putText(out, e.correlationId);
    putText(out, e.causationId);
    putBytes(out, e.payload);
}

} // namespace

QByteArray genesis()
{
    return QByteArray(HashSize, '\0');
}

namespace {

// SHA-256 of `size` bytes into `out` (HashSize bytes): each event's chain hash and each
// command's request hash. An event's input is about 300 bytes, five blocks, and EVP's set-up and
// finish through the provider cost about a block more: where OpenSSL still has its own SHA-256
// function (the same assembly), it is called directly (measured: stored events hashed a quarter
// to a half faster on one core).
void sha256Into(const char *bytes, size_t size, unsigned char *out)
{
#ifndef OPENSSL_NO_DEPRECATED_3_0
    // Not SHA256(): in OpenSSL 3 that one-shot goes through EVP_Q_digest, a fetch per call.
    SHA256_CTX ctx;
    if (SHA256_Init(&ctx) != 1 || SHA256_Update(&ctx, bytes, size) != 1 || SHA256_Final(out, &ctx) != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
#else
    unsigned int len = 0;
    if (EVP_Digest(bytes, size, out, &len, EVP_sha256(), nullptr) != 1 || len != HashSize)
        throw std::runtime_error("OpenSSL SHA-256 failed");
#endif
}

} // namespace

QByteArray canonicalBytes(const RecordedEvent &event)
{
    QByteArray out;
    out.reserve(128 + event.payload.size());
    appendCanonical(out, event);
    return out;
}

QByteArray sha256(const QByteArray &bytes)
{
    QByteArray digest(HashSize, Qt::Uninitialized);
    sha256Into(bytes.constData(), size_t(bytes.size()), reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

QByteArray sha256(const QByteArray &first, const QByteArray &second)
{
    Sha256 hash;
    hash.add(first);
    hash.add(second);
    return hash.result();
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    if (!m_ctx || EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(m_ctx), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(m_ctx));
}

void Sha256::add(QByteArrayView bytes)
{
    if (EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(m_ctx), bytes.data(), static_cast<size_t>(bytes.size())) != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
}

QByteArray Sha256::result()
{
    QByteArray digest(HashSize, Qt::Uninitialized);
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(m_ctx), reinterpret_cast<unsigned char *>(digest.data()), &len) != 1
        || len != HashSize)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    return digest;
}

QByteArray chainHash(const QByteArray &previousHash, const RecordedEvent &event)
{
    ChainHasher hasher;
    return hasher.hash(previousHash, event);
}

ChainHasher::ChainHasher()
{
    m_buffer.reserve(1024);
}

ChainHasher::~ChainHasher() = default;

QByteArray ChainHasher::hash(const QByteArray &previousHash, const RecordedEvent &event)
{
    m_buffer.clear();
    m_buffer.append(previousHash);
    appendCanonical(m_buffer, event);
    QByteArray digest(HashSize, Qt::Uninitialized);
    sha256Into(m_buffer.constData(), size_t(m_buffer.size()), reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

namespace {

// The canonical bytes of an EventBytes, written into a caller's buffer: the same layout as
// appendCanonical, from UTF-8 views (no conversion).
inline char *putInt(char *out, std::int64_t value)
{
    qToBigEndian<std::int64_t>(value, out);
    return out + 8;
}

inline char *putView(char *out, std::string_view bytes)
{
    qToBigEndian<std::uint32_t>(static_cast<std::uint32_t>(bytes.size()), out);
    if (!bytes.empty()) // an empty column's view may have no data at all: memcpy from null is undefined
        std::memcpy(out + 4, bytes.data(), bytes.size());
    return out + 4 + bytes.size();
}

} // namespace

void ChainHasher::hash(const EventBytes &e, unsigned char *digest)
{
    const size_t size = e.prevHash.size() + 4 * 8 + 7 * 4 + e.streamId.size() + e.type.size() + e.actorUser.size()
                        + e.actorRole.size() + e.correlationId.size() + e.causationId.size() + e.payload.size();
    if (size_t(m_buffer.size()) < size)
        m_buffer.resize(qsizetype(size));
    char *out = m_buffer.data();
    if (!e.prevHash.empty())
        std::memcpy(out, e.prevHash.data(), e.prevHash.size());
    out += e.prevHash.size();
    out = putInt(out, e.sequence);
    out = putView(out, e.streamId);
    out = putInt(out, e.streamVersion);
    out = putView(out, e.type);
    out = putInt(out, e.schemaVersion);
    out = putInt(out, e.recordedUs);
    out = putView(out, e.actorUser);
    out = putView(out, e.actorRole);
    out = putView(out, e.correlationId);
    out = putView(out, e.causationId);
    out = putView(out, e.payload);
    sha256Into(m_buffer.constData(), size, digest);
}

bool ChainHasher::matches(const EventBytes &event)
{
    if (event.hash.size() != size_t(HashSize))
        return false;
    unsigned char digest[HashSize];
    hash(event, digest);
    return std::memcmp(digest, event.hash.data(), HashSize) == 0;
}

} // namespace eventhash
} // namespace instant
