#include "audit/checkpoint.h"

#include "events/eventhash.h"
#include "store/eventstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtEndian>

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
constexpr qint64 MaxCheckpointFileSize = 1 << 20;
const char *const Magic = "instant-checkpoint";

// The names in the checkpoint file.
const QString FormatField = QStringLiteral("format");
const QString FormatName = QStringLiteral("instant-checkpoint");
const QString VersionField = QStringLiteral("format_version");
const QString StoreField = QStringLiteral("store");
const QString SequenceField = QStringLiteral("sequence");
const QString HeadHashField = QStringLiteral("head_hash");
const QString EventCountField = QStringLiteral("event_count");
const QString HeadRecordedField = QStringLiteral("head_recorded_at");
const QString SignedAtField = QStringLiteral("signed_at");
const QString AlgorithmField = QStringLiteral("algorithm");
const QString AlgorithmName = QStringLiteral("Ed25519");
const QString PublicKeyField = QStringLiteral("public_key");
const QString FingerprintField = QStringLiteral("key_fingerprint");
const QString SignatureField = QStringLiteral("signature");
const QString AboutField = QStringLiteral("about");

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

// Never prompt on the terminal for a passphrase: an encrypted key fails to load instead.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

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

// Reads a small file whole; NotFound when it is not there.
Result<QByteArray> readSmallFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 %2 does not exist").arg(what, path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
    if (file.size() > MaxCheckpointFileSize)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 %2 is too large to be one").arg(what, path));
    return file.readAll();
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

} // namespace

QString keyFingerprint(const QByteArray &rawPublicKey)
{
    return QStringLiteral("SHA256:") + QString::fromLatin1(eventhash::sha256(rawPublicKey).toHex());
}

QByteArray Checkpoint::signedBytes() const
{
    QByteArray out;
    putBytes(out, QByteArray(Magic));
    putInt(out, formatVersion);
    putBytes(out, store.toUtf8());
    putInt(out, sequence);
    putBytes(out, headHash);
    putInt(out, eventCount);
    putInt(out, headRecordedUs);
    putInt(out, signedUs);
    return out;
}

QString Checkpoint::keyFingerprint() const
{
    return instant::keyFingerprint(publicKey);
}

Result<SigningKey> SigningKey::generate()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!key)
        return makeError(ErrorCode::Io, QStringLiteral("cannot generate an Ed25519 key: %1").arg(openSslReason()));
    SigningKey signing;
    signing.m_key = adopt(key);
    return signing;
}

Result<SigningKey> SigningKey::load(const QString &pemPath)
{
    auto pem = readSmallFile(pemPath, QStringLiteral("private key file"));
    if (!pem)
        return pem.error();
    Bio bio(BIO_new_mem_buf(pem->constData(), int(pem->size())));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassphrase, nullptr) : nullptr;
    const bool encrypted = pem->contains("ENCRYPTED");
    const bool isPublic = pem->contains("-----BEGIN PUBLIC KEY-----");
    wipe(*pem);
    if (!key) {
        const QString reason = openSslReason();
        if (encrypted)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("the private key %1 is protected by a passphrase, which is not supported: "
                                            "keep it unencrypted in a file only you can read").arg(pemPath));
        if (isPublic)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 is a public key: signing needs the private key").arg(pemPath));
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is not a PEM private key (%2)").arg(pemPath, reason));
    }
    SigningKey signing;
    signing.m_key = adopt(key);
    if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is an %2 key: checkpoints are signed with Ed25519 "
                                        "(`instant audit checkpoint --new-key` makes one)")
                             .arg(pemPath, keyTypeName(key)));
    return signing;
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

Result<QByteArray> SigningKey::sign(const QByteArray &bytes) const
{
    MdContext ctx(EVP_MD_CTX_new());
    QByteArray signature(SignatureSize, Qt::Uninitialized);
    size_t size = size_t(signature.size());
    // Ed25519 hashes the message itself: no digest is named.
    if (!ctx || !m_key || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1
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
    Bio bio(BIO_new_mem_buf(pem->constData(), int(pem->size())));
    EVP_PKEY *loaded = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, &noPassphrase, nullptr) : nullptr;
    if (!loaded)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is not a PEM public key (%2)").arg(pemPath, openSslReason()));
    const auto key = adopt(loaded);
    if (EVP_PKEY_get_id(loaded) != EVP_PKEY_ED25519)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is an %2 key: checkpoints are signed with Ed25519").arg(pemPath, keyTypeName(loaded)));
    QByteArray raw(PublicKeySize, Qt::Uninitialized);
    size_t size = size_t(raw.size());
    if (EVP_PKEY_get_raw_public_key(loaded, reinterpret_cast<unsigned char *>(raw.data()), &size) != 1
        || size != size_t(PublicKeySize))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("cannot read the key in %1: %2").arg(pemPath, openSslReason()));
    return raw;
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

Result<Checkpoint> signCheckpoint(const EventStore &store, const SigningKey &key, const std::function<void(qint64)> &progress)
{
    auto chain = verifyChain(store, progress);
    if (!chain)
        return chain.error();
    if (!chain->intact)
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("the chain is broken at sequence %1: %2. A checkpoint would vouch for it; "
                                        "none was signed")
                             .arg(chain->firstBadSequence)
                             .arg(chain->problem));
    if (chain->head.sequence <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the store is empty: there is nothing to checkpoint"));

    Checkpoint checkpoint;
    checkpoint.store = store.location().toUrl();
    checkpoint.sequence = chain->head.sequence;
    checkpoint.headHash = chain->head.hash;
    checkpoint.eventCount = chain->eventCount;
    checkpoint.headRecordedUs = chain->head.recordedUs;
    checkpoint.signedUs = nowUtcMicros();
    checkpoint.publicKey = key.publicKey();
    if (checkpoint.publicKey.size() != PublicKeySize)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the signing key has no Ed25519 public key"));
    auto signature = key.sign(checkpoint.signedBytes());
    if (!signature)
        return signature.error();
    checkpoint.signature = *signature;
    return checkpoint;
}

QByteArray checkpointToJson(const Checkpoint &c)
{
    const QJsonObject o{
        {AboutField, QStringLiteral("A signed checkpoint of an Instant event store's hash chain. Check a store "
                                    "against it with `instant audit verify --store URL --checkpoint FILE "
                                    "--public-key KEY.pub.pem`.")},
        {FormatField, FormatName},
        {VersionField, c.formatVersion},
        {StoreField, c.store},
        {SequenceField, c.sequence},
        {HeadHashField, QString::fromLatin1(c.headHash.toHex())},
        {EventCountField, c.eventCount},
        {HeadRecordedField, formatUtcMicros(c.headRecordedUs)},
        {SignedAtField, formatUtcMicros(c.signedUs)},
        {AlgorithmField, AlgorithmName},
        {PublicKeyField, QString::fromLatin1(c.publicKey.toBase64())},
        {FingerprintField, c.keyFingerprint()},
        {SignatureField, QString::fromLatin1(c.signature.toBase64())},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<Checkpoint> checkpointFromJson(const QByteArray &json)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a checkpoint: not JSON (%1 at byte %2)")
                                                         .arg(parseError.errorString())
                                                         .arg(parseError.offset));
    if (!doc.isObject() || doc.object().value(FormatField).toString() != FormatName)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("not a checkpoint: JSON without \"format\": \"%1\"").arg(FormatName));
    const QJsonObject o = doc.object();

    auto bad = [](const QString &field, const QString &why) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("corrupt checkpoint: \"%1\" %2").arg(field, why));
    };
    auto integer = [&o](const QString &field) -> std::optional<qint64> {
        const QJsonValue v = o.value(field);
        if (!v.isDouble())
            return std::nullopt;
        const qint64 n = v.toInteger(-1);
        return n < 0 ? std::nullopt : std::optional<qint64>(n);
    };
    auto text = [&o](const QString &field) -> std::optional<QString> {
        const QJsonValue v = o.value(field);
        return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
    };
    auto base64 = [&text](const QString &field, int size) -> std::optional<QByteArray> {
        const auto t = text(field);
        if (!t)
            return std::nullopt;
        auto decoded = QByteArray::fromBase64Encoding(t->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != size)
            return std::nullopt;
        return decoded.decoded;
    };
    auto time = [&text](const QString &field) -> std::optional<TimestampUs> {
        const auto t = text(field);
        return t ? parseUtcMicros(*t) : std::nullopt;
    };

    Checkpoint c;
    const auto version = integer(VersionField);
    if (!version)
        return bad(VersionField, QStringLiteral("is missing or not a whole number"));
    if (*version != Checkpoint::FormatVersion)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("checkpoint format %1 is not one this Instant reads (%2)").arg(*version).arg(Checkpoint::FormatVersion));
    c.formatVersion = int(*version);

    const auto store = text(StoreField);
    if (!store)
        return bad(StoreField, QStringLiteral("is missing or not text"));
    c.store = *store;

    const auto sequence = integer(SequenceField);
    if (!sequence || *sequence < 1)
        return bad(SequenceField, QStringLiteral("is missing or not a sequence number (1 or more)"));
    c.sequence = *sequence;

    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    const auto headHash = text(HeadHashField);
    if (!headHash || !hex64.match(*headHash).hasMatch())
        return bad(HeadHashField, QStringLiteral("is missing or not 64 lowercase hex digits"));
    c.headHash = QByteArray::fromHex(headHash->toLatin1());

    const auto eventCount = integer(EventCountField);
    if (!eventCount)
        return bad(EventCountField, QStringLiteral("is missing or not a whole number"));
    c.eventCount = *eventCount;

    const auto headRecorded = time(HeadRecordedField);
    if (!headRecorded)
        return bad(HeadRecordedField, QStringLiteral("is missing or not an ISO 8601 UTC time"));
    c.headRecordedUs = *headRecorded;
    const auto signedAt = time(SignedAtField);
    if (!signedAt)
        return bad(SignedAtField, QStringLiteral("is missing or not an ISO 8601 UTC time"));
    c.signedUs = *signedAt;

    if (text(AlgorithmField) != AlgorithmName)
        return bad(AlgorithmField, QStringLiteral("is missing or not %1").arg(AlgorithmName));
    const auto publicKey = base64(PublicKeyField, PublicKeySize);
    if (!publicKey)
        return bad(PublicKeyField, QStringLiteral("is missing or not a base64 Ed25519 public key (32 bytes)"));
    c.publicKey = *publicKey;
    const auto fingerprint = text(FingerprintField);
    if (fingerprint && *fingerprint != c.keyFingerprint())
        return bad(FingerprintField, QStringLiteral("does not match \"public_key\": the file was altered"));
    const auto signature = base64(SignatureField, SignatureSize);
    if (!signature)
        return bad(SignatureField, QStringLiteral("is missing or not a base64 Ed25519 signature (64 bytes)"));
    c.signature = *signature;
    return c;
}

Status writeCheckpoint(const Checkpoint &checkpoint, const QString &path)
{
    QSaveFile file(path); // all or nothing: never half a checkpoint
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    const QByteArray json = checkpointToJson(checkpoint);
    if (file.write(json) != json.size() || !file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Done{};
}

Result<Checkpoint> readCheckpoint(const QString &path)
{
    auto bytes = readSmallFile(path, QStringLiteral("checkpoint file"));
    if (!bytes)
        return bytes.error();
    auto checkpoint = checkpointFromJson(*bytes);
    if (!checkpoint)
        return makeError(checkpoint.code(), QStringLiteral("checkpoint file %1: %2").arg(path, checkpoint.message()));
    return checkpoint;
}

Status verifyCheckpointSignature(const Checkpoint &checkpoint, const std::optional<QByteArray> &trustedKey)
{
    if (trustedKey && *trustedKey != checkpoint.publicKey)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the checkpoint was signed with key %1, not with the given public key %2: refused")
                             .arg(checkpoint.keyFingerprint(), keyFingerprint(*trustedKey)));
    auto key = publicKeyFromRaw(checkpoint.publicKey);
    if (!key)
        return key.error();
    MdContext ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) != 1)
        return makeError(ErrorCode::Io, QStringLiteral("cannot verify a signature: %1").arg(openSslReason()));
    const QByteArray bytes = checkpoint.signedBytes();
    const int verified = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(checkpoint.signature.constData()),
                                          size_t(checkpoint.signature.size()),
                                          reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size()));
    if (verified == 1)
        return Done{};
    const QString reason = openSslReason();
    if (verified == 0 || checkpoint.signature.size() == SignatureSize)
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("the checkpoint's signature does not verify with key %1: the checkpoint was "
                                        "altered after it was signed")
                             .arg(checkpoint.keyFingerprint()));
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("the checkpoint's signature is malformed (%1)").arg(reason));
}

Result<CheckpointReport> verifyAgainstCheckpoint(const EventStore &store, const Checkpoint &checkpoint,
                                                 const std::optional<QByteArray> &trustedKey,
                                                 const std::function<void(qint64)> &progress)
{
    if (auto signature = verifyCheckpointSignature(checkpoint, trustedKey); !signature)
        return signature.error();
    if (checkpoint.sequence < 1 || checkpoint.eventCount != checkpoint.sequence)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the checkpoint is inconsistent: %1 events up to sequence %2")
                             .arg(checkpoint.eventCount)
                             .arg(checkpoint.sequence));

    auto chain = verifyChain(store, progress);
    if (!chain)
        return chain.error();
    CheckpointReport report;
    report.chain = *chain;
    const Sequence at = checkpoint.sequence;
    const QString signedAt = formatUtcMicros(checkpoint.signedUs);
    auto fail = [&report](Sequence sequence, QString why) {
        report.intact = false;
        report.firstBadSequence = sequence;
        report.problem = std::move(why);
        return report;
    };

    // A break at or before the checkpoint comes first: the checkpoint cannot be confirmed past it.
    if (!chain->intact && chain->firstBadSequence <= at)
        return fail(chain->firstBadSequence, chain->problem);
    // Intact (or broken only after the checkpoint) but shorter than it: cut back.
    if (chain->head.sequence < at)
        return fail(chain->head.sequence + 1,
                    QStringLiteral("the chain ends at sequence %1, before the signed checkpoint of %2 at sequence %3: "
                                   "events from %4 on were removed")
                        .arg(chain->head.sequence)
                        .arg(signedAt)
                        .arg(at)
                        .arg(chain->head.sequence + 1));

    ReadQuery query;
    query.fromSequence = at;
    query.toSequence = at;
    auto events = store.read(query);
    if (!events)
        return events.error();
    if (events->isEmpty() || events->constFirst().sequence != at)
        return fail(at, QStringLiteral("the event at sequence %1 of the signed checkpoint of %2 is missing").arg(at).arg(signedAt));
    if (events->constFirst().hash != checkpoint.headHash)
        return fail(at, QStringLiteral("the event at sequence %1 does not match the signed checkpoint of %2: history was "
                                       "rewritten (at or before sequence %1)")
                            .arg(at)
                            .arg(signedAt));
    report.matches = true;
    if (!chain->intact)
        return fail(chain->firstBadSequence, chain->problem);
    report.intact = true;
    return report;
}

} // namespace instant
