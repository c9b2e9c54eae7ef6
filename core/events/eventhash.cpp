#include "events/eventhash.h"

#include <QJsonDocument>
#include <QtEndian>

#include <openssl/evp.h>

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

namespace eventhash {
namespace {

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
    unsigned int len = 0;
    if (EVP_Digest(bytes.constData(), static_cast<size_t>(bytes.size()),
                   reinterpret_cast<unsigned char *>(digest.data()), &len, EVP_sha256(), nullptr)
            != 1
        || len != HashSize)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    return digest;
}

QByteArray chainHash(const QByteArray &previousHash, const RecordedEvent &event)
{
    ChainHasher hasher;
    return hasher.hash(previousHash, event);
}

struct ChainHasher::Context
{
    EVP_MD_CTX *md = nullptr;
    EVP_MD *sha256 = nullptr; // fetched once: an implicit fetch on every init costs as much as the hash
};

ChainHasher::ChainHasher() : m_ctx(new Context)
{
    m_ctx->md = EVP_MD_CTX_new();
    m_ctx->sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!m_ctx->md || !m_ctx->sha256)
        throw std::runtime_error("OpenSSL: cannot set up SHA-256");
    m_buffer.reserve(1024);
}

ChainHasher::~ChainHasher()
{
    EVP_MD_free(m_ctx->sha256);
    EVP_MD_CTX_free(m_ctx->md);
    delete m_ctx;
}

QByteArray ChainHasher::hash(const QByteArray &previousHash, const RecordedEvent &event)
{
    m_buffer.clear();
    m_buffer.append(previousHash);
    appendCanonical(m_buffer, event);
    QByteArray digest(HashSize, Qt::Uninitialized);
    unsigned int len = 0;
    if (EVP_DigestInit_ex(m_ctx->md, m_ctx->sha256, nullptr) != 1
        || EVP_DigestUpdate(m_ctx->md, m_buffer.constData(), static_cast<size_t>(m_buffer.size())) != 1
        || EVP_DigestFinal_ex(m_ctx->md, reinterpret_cast<unsigned char *>(digest.data()), &len) != 1
        || len != HashSize)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    return digest;
}

} // namespace eventhash
} // namespace instant
