#include "events/signingkey.h"

#include "events/eventhash.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace instant {
namespace {

constexpr int PublicKeySize = 32;
constexpr int SignatureSize = 64;
constexpr qint64 MaxSmallFileSize = 1 << 20;

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioDeleter>;

struct MdContextDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdContext = std::unique_ptr<EVP_MD_CTX, MdContextDeleter>;

std::shared_ptr<EVP_PKEY> adopt(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// Never prompt on the terminal for a passphrase: an encrypted key fails to load instead.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

Result<std::shared_ptr<EVP_PKEY>> publicKeyFromRaw(const QByteArray &raw)
{
    if (raw.size() != PublicKeySize)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("an Ed25519 public key has 32 bytes, not %1").arg(raw.size()));
    EVP_PKEY *key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                                reinterpret_cast<const unsigned char *>(raw.constData()), size_t(raw.size()));
    if (!key)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a valid Ed25519 public key: %1").arg(openSslReason()));
    return adopt(key);
}

QString keyTypeName(const EVP_PKEY *key)
{
    const char *name = EVP_PKEY_get0_type_name(key);
    return name ? QString::fromLatin1(name) : QStringLiteral("unknown");
}

Result<QByteArray> memoryBioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size <= 0 || !data)
        return makeError(ErrorCode::Io, QStringLiteral("cannot encode the key: %1").arg(openSslReason()));
    return QByteArray(data, qsizetype(size));
}

} // namespace

// OpenSSL's reason for the last failure (and an empty queue for the next call).
QString openSslReason()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown reason");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}


// Reads a small file whole; NotFound when it is not there.
Result<QByteArray> readSmallFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 %2 does not exist").arg(what, path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
    if (file.size() > MaxSmallFileSize)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 %2 is too large to be one").arg(what, path));
    return file.readAll();
}

QString keyFingerprint(const QByteArray &rawPublicKey)
{
    return QStringLiteral("SHA256:") + QString::fromLatin1(eventhash::sha256(rawPublicKey).toHex());
}

Result<SigningKey> SigningKey::generate()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!key)
        return makeError(ErrorCode::Io, QStringLiteral("cannot generate an Ed25519 key: %1").arg(openSslReason()));
    SigningKey signing;
    signing.hold(key);
    return signing;
}

Result<SigningKey> SigningKey::load(const QString &pemPath)
{
    auto pem = readSmallFile(pemPath, QStringLiteral("private key file"));
    if (!pem)
        return pem.error();
    return fromPem(std::move(*pem), pemPath);
}

Result<SigningKey> SigningKey::fromPem(QByteArray pem, const QString &what)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassphrase, nullptr) : nullptr;
    const bool encrypted = pem.contains("ENCRYPTED");
    const bool isPublic = pem.contains("-----BEGIN PUBLIC KEY-----");
    wipe(pem);
    if (!key) {
        const QString reason = openSslReason();
        if (encrypted)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("the private key %1 is protected by a passphrase, which is not supported: "
                                            "keep it unencrypted in a file only you can read").arg(what));
        if (isPublic)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 is a public key: signing needs the private key").arg(what));
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is not a PEM private key (%2)").arg(what, reason));
    }
    if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
        const std::shared_ptr<EVP_PKEY> refused = adopt(key); // freed on the way out
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is an %2 key: Instant signs with Ed25519 "
                                        "(`instant audit checkpoint --new-key` makes one)")
                             .arg(what, keyTypeName(key)));
    }
    SigningKey signing;
    signing.hold(key);
    return signing;
}

Result<QByteArray> SigningKey::toPem() const
{
    Bio pem(BIO_new(BIO_s_secmem()));
    if (!pem || !m_key || PEM_write_bio_PrivateKey(pem.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return makeError(ErrorCode::Io, QStringLiteral("cannot encode the key: %1").arg(openSslReason()));
    return memoryBioBytes(pem.get());
}

QByteArray SigningKey::publicKeyPem() const
{
    Bio pem(BIO_new(BIO_s_mem()));
    if (!pem || !m_key || PEM_write_bio_PUBKEY(pem.get(), m_key.get()) != 1)
        return {};
    auto bytes = memoryBioBytes(pem.get());
    return bytes ? *bytes : QByteArray();
}

Status SigningKey::saveKeyPair(const QString &privateKeyPath, const QString &publicKeyPath) const
{
    for (const QString &path : {privateKeyPath, publicKeyPath})
        if (QFileInfo::exists(path))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 already exists: a key file is never overwritten").arg(path));

    // The private key goes from OpenSSL's secure memory straight to a file created 0600.
    Bio privatePem(BIO_new(BIO_s_secmem()));
    Bio publicPem(BIO_new(BIO_s_mem()));
    if (!privatePem || !publicPem
        || PEM_write_bio_PrivateKey(privatePem.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_PUBKEY(publicPem.get(), m_key.get()) != 1)
        return makeError(ErrorCode::Io, QStringLiteral("cannot encode the key pair: %1").arg(openSslReason()));

    auto write = [](BIO *bio, const QString &path, QFileDevice::Permissions permissions) -> Status {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions))
            return makeError(ErrorCode::Io, QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
        if (file.write(data, size) != size || !file.flush()) {
            const QString why = file.errorString();
            file.close();
            file.remove();
            return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, why));
        }
        return Done{};
    };
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (auto written = write(privatePem.get(), privateKeyPath, owner); !written)
        return written;
    if (auto written = write(publicPem.get(), publicKeyPath, owner | QFileDevice::ReadGroup | QFileDevice::ReadOther); !written) {
        QFile::remove(privateKeyPath);
        return written;
    }
    return Done{};
}

QByteArray SigningKey::publicKey() const
{
    QByteArray raw(PublicKeySize, Qt::Uninitialized);
    size_t size = size_t(raw.size());
    if (!m_key || EVP_PKEY_get_raw_public_key(m_key.get(), reinterpret_cast<unsigned char *>(raw.data()), &size) != 1
        || size != size_t(PublicKeySize))
        return {};
    return raw;
}

void SigningKey::hold(EVP_PKEY *key)
{
    m_key = adopt(key);
    // Set up once; without it (OpenSSL could not), sign() sets up a context each time.
    MdContext ctx(EVP_MD_CTX_new());
    // Ed25519 hashes the message itself: no digest is named.
    if (ctx && EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key) == 1)
        m_signer = std::shared_ptr<EVP_MD_CTX>(ctx.release(), EVP_MD_CTX_free);
    else
        (void)openSslReason(); // clears the error queue
}

Result<QByteArray> SigningKey::sign(const QByteArray &bytes) const
{
    MdContext ctx(EVP_MD_CTX_new());
    QByteArray signature(SignatureSize, Qt::Uninitialized);
    size_t size = size_t(signature.size());
    const bool ready = ctx && m_key
                       && (m_signer ? EVP_MD_CTX_copy_ex(ctx.get(), m_signer.get()) == 1
                                    : EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) == 1);
    if (!ready
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &size,
                          reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size()))
               != 1
        || size != size_t(SignatureSize))
        return makeError(ErrorCode::Io, QStringLiteral("cannot sign: %1").arg(openSslReason()));
    return signature;
}

QString publicKeyPathFor(const QString &privateKeyPath)
{
    if (privateKeyPath.endsWith(QStringLiteral(".pem"), Qt::CaseInsensitive))
        return privateKeyPath.chopped(4) + QStringLiteral(".pub.pem");
    return privateKeyPath + QStringLiteral(".pub.pem");
}

Result<QByteArray> readPublicKey(const QString &pemPath)
{
    auto pem = readSmallFile(pemPath, QStringLiteral("public key file"));
    if (!pem)
        return pem.error();
    if (pem->contains("PRIVATE KEY-----")) {
        wipe(*pem);
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is a private key: verification takes the public key (%2)")
                             .arg(pemPath, publicKeyPathFor(pemPath)));
    }
    return publicKeyFromPem(*pem, pemPath);
}

Result<QByteArray> publicKeyFromPem(const QByteArray &pem, const QString &what)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *loaded = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, &noPassphrase, nullptr) : nullptr;
    if (!loaded)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is not a PEM public key (%2)").arg(what, openSslReason()));
    const auto key = adopt(loaded);
    if (EVP_PKEY_get_id(loaded) != EVP_PKEY_ED25519)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is an %2 key: Instant signs with Ed25519").arg(what, keyTypeName(loaded)));
    QByteArray raw(PublicKeySize, Qt::Uninitialized);
    size_t size = size_t(raw.size());
    if (EVP_PKEY_get_raw_public_key(loaded, reinterpret_cast<unsigned char *>(raw.data()), &size) != 1
        || size != size_t(PublicKeySize))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("cannot read the key in %1: %2").arg(what, openSslReason()));
    return raw;
}

Status verifyEd25519(const QByteArray &rawPublicKey, const QByteArray &bytes, const QByteArray &signature)
{
    auto key = publicKeyFromRaw(rawPublicKey);
    if (!key)
        return key.error();
    MdContext ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) != 1)
        return makeError(ErrorCode::Io, QStringLiteral("cannot verify a signature: %1").arg(openSslReason()));
    const int verified = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                                          size_t(signature.size()),
                                          reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size()));
    if (verified == 1)
        return Done{};
    const QString reason = openSslReason();
    if (verified == 0 || signature.size() == SignatureSize)
        return makeError(ErrorCode::Integrity, QStringLiteral("the signature does not verify with key %1")
                                                   .arg(keyFingerprint(rawPublicKey)));
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("the signature is malformed (%1)").arg(reason));
}

QString privateKeyExposure(const QString &pemPath)
{
#ifdef Q_OS_UNIX
    struct stat st{};
    if (::stat(QFile::encodeName(pemPath).constData(), &st) != 0)
        return {};
    const unsigned mode = unsigned(st.st_mode) & 0777u;
    if ((mode & 077u) == 0)
        return {};
    return QStringLiteral("the private key %1 can be read or written by others (mode %2): restrict it with "
                          "`chmod 600 %1`")
        .arg(pemPath, QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0')));
#else
    Q_UNUSED(pemPath);
    return {};
#endif
}


} // namespace instant
