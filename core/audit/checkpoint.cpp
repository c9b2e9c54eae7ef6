#include "audit/checkpoint.h"

#include "events/eventhash.h"
#include "store/eventstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace instant {
namespace {

constexpr int PublicKeySize = 32;
constexpr int SignatureSize = 64;
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
const QString TimestampTokenField = QStringLiteral("timestamp_token");

} // namespace

QByteArray Checkpoint::signedBytes() const
{
    QByteArray out;
    eventhash::putBytes(out, QByteArray(Magic));
    eventhash::putInt(out, formatVersion);
    eventhash::putBytes(out, store.toUtf8());
    eventhash::putInt(out, sequence);
    eventhash::putBytes(out, headHash);
    eventhash::putInt(out, eventCount);
    eventhash::putInt(out, headRecordedUs);
    eventhash::putInt(out, signedUs);
    return out;
}

QString Checkpoint::keyFingerprint() const
{
    return instant::keyFingerprint(publicKey);
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
    QJsonObject out = o;
    if (!c.timestampToken.isEmpty())
        out.insert(TimestampTokenField, QString::fromLatin1(c.timestampToken.toBase64()));
    return QJsonDocument(out).toJson(QJsonDocument::Indented);
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
    if (o.contains(TimestampTokenField)) {
        const auto token = text(TimestampTokenField);
        auto decoded = QByteArray::fromBase64Encoding(token.value_or(QString()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!token || !decoded || decoded.decoded.isEmpty())
            return bad(TimestampTokenField, QStringLiteral("is not a base64 RFC 3161 time-stamp token"));
        c.timestampToken = decoded.decoded;
    }
    return c;
}

QByteArray Checkpoint::timestampedDigest() const
{
    return eventhash::sha256(signature);
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
    Status verified = verifyEd25519(checkpoint.publicKey, checkpoint.signedBytes(), checkpoint.signature);
    if (verified || verified.error().code == ErrorCode::Io)
        return verified;
    if (verified.error().code == ErrorCode::Integrity)
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("the checkpoint's signature does not verify with key %1: the checkpoint was "
                                        "altered after it was signed")
                             .arg(checkpoint.keyFingerprint()));
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("the checkpoint's %1").arg(verified.message()));
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
