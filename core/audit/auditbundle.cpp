#include "audit/auditbundle.h"

#include "audit/auditexport.h"
#include "audit/checkpoint.h"
#include "audit/deskkeys.h"
#include "audit/timestamptoken.h"
#include "oms/executionevents.h"
#include "oms/instrumentlistings.h"
#include "events/orderevents.h"
#include "store/eventstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QStringDecoder>

#include <memory>

namespace instant::auditbundle {
namespace {

// One file of the bundle, written all or nothing, hashed as it is written.
class BundleFile
{
public:
    BundleFile(const QString &directory, const QString &name)
        : m_name(name), m_file(QDir(directory).filePath(name)), m_sha(QCryptographicHash::Sha256)
    {
        m_ok = m_file.open(QIODevice::WriteOnly);
    }

    void write(const QByteArray &bytes)
    {
        if (!m_ok)
            return;
        m_ok = m_file.write(bytes) == bytes.size();
        m_sha.addData(bytes);
        m_size += bytes.size();
    }

    Result<QJsonObject> commit(qint64 records, const QString &description)
    {
        if (!m_ok || !m_file.commit())
            return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
        QJsonObject entry{{QStringLiteral("path"), m_name},
                          {QStringLiteral("sha256"), QString::fromLatin1(m_sha.result().toHex())},
                          {QStringLiteral("size"), m_size},
                          {QStringLiteral("description"), description}};
        if (records >= 0)
            entry.insert(QStringLiteral("records"), records);
        return entry;
    }

private:
    QString m_name;
    QSaveFile m_file;
    QCryptographicHash m_sha;
    qint64 m_size = 0;
    bool m_ok = false;
};

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject actorJson(const Actor &actor)
{
    return {{QStringLiteral("user"), actor.user}, {QStringLiteral("role"), actor.role}};
}

// An event as events.jsonl holds it: every field of the canonical bytes, as stored.
QJsonObject eventLine(const RecordedEvent &e)
{
    QJsonObject o{{QStringLiteral("sequence"), e.sequence},
                  {QStringLiteral("stream_id"), e.streamId},
                  {QStringLiteral("stream_version"), e.streamVersion},
                  {QStringLiteral("type"), e.type},
                  {QStringLiteral("schema_version"), e.schemaVersion},
                  {QStringLiteral("recorded_us"), e.recordedUs},
                  {QStringLiteral("recorded_at"), formatUtcMicros(e.recordedUs)},
                  {QStringLiteral("actor_user"), e.actor.user},
                  {QStringLiteral("actor_role"), e.actor.role},
                  {QStringLiteral("correlation_id"), e.correlationId},
                  {QStringLiteral("causation_id"), e.causationId},
                  {QStringLiteral("prev_hash"), hex(e.prevHash)},
                  {QStringLiteral("hash"), hex(e.hash)}};
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(e.payload);
    if (!utf8.hasError())
        o.insert(QStringLiteral("payload"), text); // its UTF-8 bytes are the stored bytes
    else // not UTF-8 (a damaged store): the bytes as they are
        o.insert(QStringLiteral("payload_base64"), QString::fromLatin1(e.payload.toBase64()));
    return o;
}

// One event of an order's history as orders.jsonl holds it.
QJsonObject historyEntry(const RecordedEvent &e, const QJsonObject &payload)
{
    return {{QStringLiteral("sequence"), e.sequence},
            {QStringLiteral("type"), e.type},
            {QStringLiteral("recorded_us"), e.recordedUs},
            {QStringLiteral("recorded_at"), formatUtcMicros(e.recordedUs)},
            {QStringLiteral("actor"), actorJson(e.actor)},
            {QStringLiteral("details"), payload}};
}

QJsonObject moment(const RecordedEvent &e)
{
    return {{QStringLiteral("sequence"), e.sequence},
            {QStringLiteral("recorded_us"), e.recordedUs},
            {QStringLiteral("recorded_at"), formatUtcMicros(e.recordedUs)}};
}

// The memorandum of one order, built as its events go by.
struct Memorandum
{
    QString orderId;
    QString streamId;
    QString account;
    QJsonValue terms = QJsonValue::Null;
    QJsonValue termsEvent = QJsonValue::Null;
    QJsonValue received = QJsonValue::Null;
    QJsonValue entered = QJsonValue::Null;
    QJsonValue responsible = QJsonValue::Null;
    QJsonArray executions, cancels, replaces, history;

    void apply(const RecordedEvent &e, const QJsonObject &payload)
    {
        const QJsonObject entry = historyEntry(e, payload);
        history.append(entry);
        const QString &t = e.type;
        const bool givesTerms = t == events::OrderAccepted || t == events::OrderRejected || t == executions::OrderDiscovered;
        if (givesTerms && terms.isNull()) {
            terms = payload;
            termsEvent = t;
            received = moment(e);
            responsible = QJsonObject{{QStringLiteral("user"), e.actor.user},
                                      {QStringLiteral("role"), e.actor.role},
                                      {QStringLiteral("workstation"), payload.value(QStringLiteral("workstation"))}};
            if (payload.contains(QStringLiteral("account")))
                account = payload.value(QStringLiteral("account")).toString();
        }
        if (t == events::OrderAcknowledged && entered.isNull())
            entered = moment(e);
        if (t == events::OrderPartiallyFilled || t == events::OrderFilled || t == executions::ExecutionException
            || t == executions::ExecutionBusted || t == executions::ExecutionCorrected)
            executions.append(entry);
        else if (t == events::CancelRequested || t == events::OrderCancelled || t == events::CancelRejected)
            cancels.append(entry);
        else if (t == events::ReplaceRequested || t == events::OrderReplaced || t == events::ReplaceRejected)
            replaces.append(entry);
    }

    QJsonObject toJson() const
    {
        return {{QStringLiteral("order_id"), orderId},
                {QStringLiteral("stream_id"), streamId},
                {QStringLiteral("account"), account},
                {QStringLiteral("terms"), terms},
                {QStringLiteral("terms_event"), termsEvent},
                {QStringLiteral("received"), received},
                {QStringLiteral("entered"), entered},
                {QStringLiteral("responsible"), responsible},
                {QStringLiteral("executions"), executions},
                {QStringLiteral("cancels"), cancels},
                {QStringLiteral("replaces"), replaces},
                {QStringLiteral("history"), history}};
    }
};

// A checkpoint's RFC 3161 token in the manifest, checked against the CA first when one is given.
Status listToken(const Checkpoint &c, const QString &path, const QString &caFile, QJsonArray &tokens)
{
    if (c.timestampToken.isEmpty())
        return Done{};
    auto token = readToken(c.timestampToken);
    if (!token)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("checkpoint %1: %2").arg(path, token.message()));
    if (!caFile.isEmpty())
        if (Status s = verifyTimestamp(c.timestampToken, c.timestampedDigest(), caFile); !s)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("checkpoint %1: %2").arg(path, s.message()));
    tokens.append(QJsonObject{{QStringLiteral("checkpoint"), path},
                              {QStringLiteral("time"), formatUtcMicros(token->timeUs)},
                              {QStringLiteral("serial"), token->serial},
                              {QStringLiteral("authority"), token->authority},
                              {QStringLiteral("digest"), hex(c.timestampedDigest())},
                              {QStringLiteral("ca"), caFile.isEmpty() ? QJsonValue() : QJsonValue(TsaCaFile)}});
    return Done{};
}

} // namespace

Result<Summary> write(const EventStore &store, const Options &options)
{
    QDir dir(options.directory);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is not empty: a bundle is written into a new or empty directory").arg(options.directory));
    if (!dir.mkpath(QStringLiteral(".")))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(options.directory));

    auto head = store.head();
    if (!head)
        return head.error();

    // The checkpoints first: each must pin an event of the chain exported.
    struct Carried
    {
        CheckpointFile file;
        Checkpoint checkpoint;
    };
    QList<Carried> carried;
    QSet<QString> names;
    for (const CheckpointFile &f : options.checkpoints) {
        auto checkpoint = checkpointFromJson(f.bytes);
        if (!checkpoint)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("checkpoint %1: %2").arg(f.name, checkpoint.message()));
        if (checkpoint->sequence > head->sequence)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("checkpoint %1 pins sequence %2, beyond the store's head (%3)")
                                 .arg(f.name).arg(checkpoint->sequence).arg(head->sequence));
        const QString name = QFileInfo(f.name).fileName();
        if (name.isEmpty() || names.contains(name))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("two checkpoints named %1").arg(name));
        names.insert(name);
        carried.append({{name, f.bytes}, *checkpoint});
    }

    Summary summary;
    summary.head = *head;
    BundleFile eventsFile(options.directory, EventsFile);
    BundleFile csvFile(options.directory, EventsCsvFile);
    BundleFile instrumentsFile(options.directory, InstrumentsFile);
    csvFile.write(csvHeader().join(u',').toUtf8() + "\r\n");

    QHash<QString, qsizetype> orderIndex; // order id → memoranda
    QList<Memorandum> memoranda;
    QHash<Sequence, QByteArray> hashAt; // the checkpoints' sequences
    for (const Carried &c : carried)
        hashAt.insert(c.checkpoint.sequence, {});

    ReadQuery query;
    query.toSequence = head->sequence;
    Status read = store.forEach(query, [&](const RecordedEvent &e) {
        ++summary.events;
        eventsFile.write(jsonLine(eventLine(e)));
        csvFile.write(csvRow(e).toUtf8() + "\r\n");
        if (hashAt.contains(e.sequence))
            hashAt[e.sequence] = e.hash;
        const QJsonObject payload = e.payloadObject();
        if (e.streamId == listings::Stream && e.type == listings::InstrumentListed) {
            ++summary.instruments;
            instrumentsFile.write(jsonLine({{QStringLiteral("sequence"), e.sequence},
                                            {QStringLiteral("recorded_us"), e.recordedUs},
                                            {QStringLiteral("recorded_at"), formatUtcMicros(e.recordedUs)},
                                            {QStringLiteral("listed_by"), actorJson(e.actor)},
                                            {QStringLiteral("source"), payload.value(QStringLiteral("source"))},
                                            {QStringLiteral("instrument"), payload.value(QStringLiteral("instrument"))}}));
        }
        const QString orderId = payload.value(QStringLiteral("order_id")).toString();
        if (!orderId.isEmpty() && e.streamId.startsWith(u"account-")) {
            auto it = orderIndex.constFind(orderId);
            if (it == orderIndex.constEnd()) {
                Memorandum m;
                m.orderId = orderId;
                m.streamId = e.streamId;
                m.account = e.streamId.mid(8);
                memoranda.append(std::move(m));
                it = orderIndex.insert(orderId, memoranda.size() - 1);
            }
            memoranda[*it].apply(e, payload);
        }
        return true;
    });
    if (!read)
        return read.error();
    if (summary.events != head->sequence)
        return makeError(ErrorCode::Integrity, QStringLiteral("the store's head is at sequence %1 but %2 events were read")
                                                   .arg(head->sequence).arg(summary.events));

    QJsonArray files;
    auto add = [&](Result<QJsonObject> entry) -> Status {
        if (!entry)
            return entry.error();
        files.append(*entry);
        return Done{};
    };
    if (Status s = add(eventsFile.commit(summary.events, QStringLiteral("every event, one JSON object per line, in sequence order"))); !s)
        return s.error();
    if (Status s = add(csvFile.commit(summary.events, QStringLiteral("the same events for people (CSV, RFC 4180)"))); !s)
        return s.error();
    if (Status s = add(instrumentsFile.commit(summary.instruments, QStringLiteral("the instruments as they were listed"))); !s)
        return s.error();

    BundleFile ordersFile(options.directory, OrdersFile);
    for (const Memorandum &m : std::as_const(memoranda))
        ordersFile.write(jsonLine(m.toJson()));
    summary.orders = memoranda.size();
    if (Status s = add(ordersFile.commit(summary.orders, QStringLiteral("one memorandum per order, derived from the events"))); !s)
        return s.error();

    // Writers: every batch signature of the chain exported, and the keys the desk-keys events enrol.
    BundleFile signaturesFile(options.directory, SignaturesFile);
    qint64 batches = 0;
    if (Status s = store.forEachSignature(1, head->sequence, [&](const BatchSignature &b) {
            if (b.lastSequence > head->sequence)
                return false;
            ++batches;
            signaturesFile.write(jsonLine({{QStringLiteral("first_sequence"), b.firstSequence},
                                           {QStringLiteral("last_sequence"), b.lastSequence},
                                           {QStringLiteral("key_id"), b.keyId},
                                           {QStringLiteral("clock"), b.clock},
                                           {QStringLiteral("signature"), QString::fromLatin1(b.signature.toBase64())}}));
            return true;
        });
        !s)
        return s.error();
    if (Status s = add(signaturesFile.commit(batches, QStringLiteral("each batch's writer signature, in sequence order"))); !s)
        return s.error();
    auto desk = readDeskKeys(store, head->sequence);
    if (!desk)
        return desk.error();
    QJsonArray publicKeys;
    QStringList keyIds = desk->keys().keys();
    keyIds.sort();
    for (const QString &id : std::as_const(keyIds)) {
        const DeskKeys::Key &k = *desk->key(id);
        QStringList users(k.users.cbegin(), k.users.cend()), roles(k.roles.cbegin(), k.roles.cend());
        users.sort();
        roles.sort();
        publicKeys.append(QJsonObject{{QStringLiteral("key_id"), id},
                                      {QStringLiteral("algorithm"), QStringLiteral("Ed25519")},
                                      {QStringLiteral("public_key"), QString::fromLatin1(k.publicKey.toBase64())},
                                      {QStringLiteral("users"), QJsonArray::fromStringList(users)},
                                      {QStringLiteral("roles"), QJsonArray::fromStringList(roles)},
                                      {QStringLiteral("enrolled_at"), k.enrolledAt},
                                      {QStringLiteral("revoked_at"), k.revokedAt},
                                      {QStringLiteral("administrator"), id == desk->administrator()}});
    }
    summary.batches = batches;
    summary.keys = publicKeys.size();


    QJsonArray checkpoints, timestampTokens;
    if (!carried.isEmpty() && !dir.mkpath(CheckpointsDir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(dir.filePath(CheckpointsDir)));
    for (const Carried &c : std::as_const(carried)) {
        if (hashAt.value(c.checkpoint.sequence) != c.checkpoint.headHash)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("checkpoint %1 is not of this chain: the event at sequence %2 has another hash")
                                 .arg(c.file.name).arg(c.checkpoint.sequence));
        const QString path = CheckpointsDir + u'/' + c.file.name;
        BundleFile file(options.directory, path);
        file.write(c.file.bytes);
        if (Status s = add(file.commit(-1, QStringLiteral("a signed checkpoint, as it was written"))); !s)
            return s.error();
        checkpoints.append(QJsonObject{{QStringLiteral("path"), path},
                                       {QStringLiteral("sequence"), c.checkpoint.sequence},
                                       {QStringLiteral("head_hash"), hex(c.checkpoint.headHash)},
                                       {QStringLiteral("key_fingerprint"), c.checkpoint.keyFingerprint()}});
        ++summary.checkpoints;
        if (Status s = listToken(c.checkpoint, path, options.tsaCaFile, timestampTokens); !s)
            return s.error();
    }
    if (!options.tsaCaFile.isEmpty()) {
        QFile ca(options.tsaCaFile);
        if (!ca.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("cannot read %1: %2").arg(options.tsaCaFile, ca.errorString()));
        if (!dir.mkpath(QStringLiteral("tsa")))
            return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(dir.filePath(QStringLiteral("tsa"))));
        BundleFile file(options.directory, TsaCaFile);
        file.write(ca.readAll());
        if (Status s = add(file.commit(-1, QStringLiteral("the time-stamping authority's CA certificate (PEM)"))); !s)
            return s.error();
    }

    const QJsonObject manifest{
        {QStringLiteral("format"), FormatName},
        {QStringLiteral("format_version"), FormatVersion},
        {QStringLiteral("about"), QStringLiteral("An export of an Instant event store for an outside party. Every event's hash "
                                                 "can be recomputed from events.jsonl: README.md, \"A regulator's bundle\".")},
        {QStringLiteral("store"), store.location().toUrl()},
        {QStringLiteral("exported_at"), formatUtcMicros(options.exportedUs)},
        {QStringLiteral("canonical_bytes_version"), 1},
        {QStringLiteral("hash_algorithm"), QStringLiteral("SHA-256")},
        {QStringLiteral("head"), QJsonObject{{QStringLiteral("sequence"), head->sequence},
                                              {QStringLiteral("hash"), hex(head->hash)},
                                              {QStringLiteral("recorded_at"), head->sequence > 0 ? formatUtcMicros(head->recordedUs) : QString()},
                                              {QStringLiteral("event_count"), summary.events}}},
        {QStringLiteral("files"), files},
        {QStringLiteral("checkpoints"), checkpoints},
        {QStringLiteral("public_keys"), publicKeys},
        {QStringLiteral("timestamp_tokens"), timestampTokens},
    };
    QSaveFile manifestFile(dir.filePath(ManifestFile));
    const QByteArray bytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    if (!manifestFile.open(QIODevice::WriteOnly) || manifestFile.write(bytes) != bytes.size() || !manifestFile.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(manifestFile.fileName(), manifestFile.errorString()));
    return summary;
}

} // namespace instant::auditbundle
