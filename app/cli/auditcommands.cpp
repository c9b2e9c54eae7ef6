// instant audit verify | checkpoint | export: the hash chain, signed checkpoints and exports.

#include "cli/clisupport.h"

#include "audit/auditbundle.h"
#include "audit/auditexport.h"
#include "audit/auditfilter.h"
#include "audit/chainverifier.h"
#include "audit/checkpoint.h"
#include "audit/timestamptoken.h"
#include "audit/writerverifier.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace instant::cli {

namespace {

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

int auditBundle(const QCommandLineParser &parser, const QString &command, const CommandIo &io)
{
    for (const char *option : {"format", "from", "to", "out"})
        if (parser.isSet(QString::fromLatin1(option)))
            return usageError(io, QStringLiteral("--bundle exports the whole chain: it takes no --%1").arg(QString::fromLatin1(option)),
                                  command);
    auditbundle::Options options;
    options.directory = parser.value(QStringLiteral("bundle"));
    options.exportedUs = clock().nowUs();
    for (const QString &path : parser.values(QStringLiteral("checkpoint"))) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return storeError(io, makeError(ErrorCode::InvalidArgument, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())));
        options.checkpoints.append({path, file.readAll()});
    }
    options.tsaCaFile = parser.value(QStringLiteral("tsa-ca"));
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());
    auto written = auditbundle::write(**store, options);
    if (!written)
        return storeError(io, written.error());
    io.out << "bundle " << options.directory << ": " << written->events << " events, head sequence "
           << written->head.sequence << ", head hash " << hex(written->head.hash) << "; " << written->instruments
           << " instruments, " << written->orders << " orders, " << written->checkpoints << " checkpoints, "
           << written->batches << " signed batches, " << written->keys << " writer keys\n";
    io.out.flush();
    events::ReadRecord read;
    read.action = events::ReadExported;
    read.subject = QStringLiteral("a regulator's bundle of the whole chain, up to sequence %1").arg(written->head.sequence);
    read.records = written->events;
    read.outcome = QStringLiteral("written to ") + QFileInfo(options.directory).absoluteFilePath();
    recordRead(parser, io, read);
    return Ok;
}

QJsonObject writerJson(const WriterReport &w)
{
    QJsonObject o{{QStringLiteral("intact"), w.intact},
                  {QStringLiteral("administrator"), w.administrator},
                  {QStringLiteral("unsigned_up_to"), w.unsignedUpTo},
                  {QStringLiteral("signed_events"), w.signedEvents},
                  {QStringLiteral("batches"), w.batches}};
    if (!w.intact) {
        o.insert(QStringLiteral("first_bad_sequence"), w.firstBadSequence);
        o.insert(QStringLiteral("problem"), w.problem);
    }
    QJsonArray keys;
    for (const WriterSummary &k : w.writers)
        keys.append(QJsonObject{{QStringLiteral("key_id"), k.keyId},
                                {QStringLiteral("users"), QJsonArray::fromStringList(k.users)},
                                {QStringLiteral("roles"), QJsonArray::fromStringList(k.roles)},
                                {QStringLiteral("batches"), k.batches},
                                {QStringLiteral("events"), k.events},
                                {QStringLiteral("revoked_at"), k.revokedAt}});
    o.insert(QStringLiteral("keys"), keys);
    return o;
}

// Who wrote the chain: the line after the chain's own answer.
void printWriterReport(const CommandIo &io, const WriterReport &w)
{
    if (!w.intact) {
        io.out << "FORGED at sequence " << w.firstBadSequence << ": " << w.problem << "\n";
        return;
    }
    if (w.administrator.isEmpty()) {
        io.out << "writers: unsigned up to sequence " << w.unsignedUpTo
               << ": the store has no desk administrator, so who wrote its events cannot be checked (writes are "
                  "signed from the first time a workstation with a writer key writes to it)\n";
        return;
    }
    io.out << "writers: " << w.signedEvents << " events in " << w.batches << " batches signed by " << w.writers.size()
           << " enrolled keys (administrator " << w.administrator << ")";
    if (w.unsignedUpTo > 0)
        io.out << "; unsigned up to sequence " << w.unsignedUpTo << " (written before the desk had an administrator)";
    io.out << "\n";
}

// The answer of `audit verify`: the chain, and the checkpoint when there is one.
void printVerifyReport(const CommandIo &io, const CheckpointReport &r, const std::optional<WriterReport> &writers,
                       const QString &storeUrl, const std::optional<Checkpoint> &checkpoint, bool keyGiven, bool json)
{
    const VerifyReport &chain = r.chain;
    // Whether the answer is about the chain's own links, or about the checkpoint.
    const bool chainFailed = !chain.intact && r.firstBadSequence == chain.firstBadSequence;
    const QString signedAt = checkpoint ? formatUtcMicros(checkpoint->signedUs) : QString();

    if (json) {
        QJsonObject o{{QStringLiteral("store"), storeUrl},
                      {QStringLiteral("intact"), r.intact && (!writers || writers->intact)},
                      {QStringLiteral("verified_events"), chain.eventCount},
                      {QStringLiteral("head_sequence"), chain.head.sequence},
                      {QStringLiteral("head_hash"), hex(chain.head.hash)}};
        if (!r.intact) {
            o.insert(QStringLiteral("first_bad_sequence"), r.firstBadSequence);
            o.insert(QStringLiteral("problem"), r.problem);
        }
        if (checkpoint) {
            o.insert(QStringLiteral("chain_intact"), chain.intact);
            o.insert(QStringLiteral("checkpoint"),
                     QJsonObject{{QStringLiteral("sequence"), checkpoint->sequence},
                                 {QStringLiteral("head_hash"), hex(checkpoint->headHash)},
                                 {QStringLiteral("signed_at"), signedAt},
                                 {QStringLiteral("key_fingerprint"), checkpoint->keyFingerprint()},
                                 {QStringLiteral("key"), keyGiven ? QStringLiteral("given") : QStringLiteral("from the checkpoint file")},
                                 {QStringLiteral("matches"), r.matches}});
        }
        if (writers)
            o.insert(QStringLiteral("writers"), writerJson(*writers));
        io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    } else if (r.intact) {
        io.out << "intact: " << chain.eventCount << " events, head sequence " << chain.head.sequence << ", head hash "
               << hex(chain.head.hash) << "\n";
        if (checkpoint)
            io.out << "matches the signed checkpoint of " << signedAt << ": sequence " << checkpoint->sequence
                   << ", hash " << hex(checkpoint->headHash) << ", key " << checkpoint->keyFingerprint() << "\n";
        if (writers)
            printWriterReport(io, *writers);
    } else {
        io.out << "BROKEN at sequence " << r.firstBadSequence << ": " << r.problem << "\n";
        if (!chainFailed) {
            io.out << "the hash chain itself is consistent: " << chain.eventCount << " events, head sequence "
                   << chain.head.sequence << "; it is not the history signed at " << signedAt << " (key "
                   << checkpoint->keyFingerprint() << ")\n";
        } else {
            io.out << "verified intact before it: " << chain.eventCount << " events";
            if (chain.head.sequence > 0)
                io.out << " (through sequence " << chain.head.sequence << ", hash " << hex(chain.head.hash) << ")";
            io.out << "\n";
            if (checkpoint && r.matches)
                io.out << "events up to the signed checkpoint of " << signedAt << " (sequence " << checkpoint->sequence
                       << ") match it\n";
            else if (checkpoint)
                io.out << "the signed checkpoint of " << signedAt << " (sequence " << checkpoint->sequence
                       << ") cannot be confirmed: the chain breaks before it\n";
        }
    }
    io.out.flush();
    io.err.flush();
}

// The checkpoint's RFC 3161 token against the TSA's CA (--tsa-ca): an exit code when it fails;
// `line` says what it stamps.
std::optional<int> checkTimestamp(const CommandIo &io, const QCommandLineParser &parser,
                                  const std::optional<Checkpoint> &checkpoint, QString &line)
{
    const bool caGiven = parser.isSet(QStringLiteral("tsa-ca"));
    if (caGiven && (!checkpoint || checkpoint->timestampToken.isEmpty()))
        return storeError(io, makeError(ErrorCode::InvalidArgument,
                                        QStringLiteral("--tsa-ca checks a checkpoint's time-stamp token, and %1")
                                            .arg(checkpoint ? QStringLiteral("this checkpoint has none")
                                                            : QStringLiteral("no --checkpoint was given"))));
    if (!checkpoint || checkpoint->timestampToken.isEmpty())
        return std::nullopt;
    auto token = readToken(checkpoint->timestampToken);
    if (!token)
        return storeError(io, token.error());
    if (!caGiven) {
        io.err << "instant: note: the checkpoint's time-stamp token (" << formatUtcMicros(token->timeUs)
               << ") was not checked: pass --tsa-ca with the time-stamping authority's CA certificate\n";
        return std::nullopt;
    }
    if (Status s = verifyTimestamp(checkpoint->timestampToken, checkpoint->timestampedDigest(), parser.value(QStringLiteral("tsa-ca"))); !s)
        return storeError(io, s.error());
    line = QStringLiteral("time-stamped %1 by %2 (RFC 3161, serial %3), verified against %4")
               .arg(formatUtcMicros(token->timeUs), token->authority, token->serial, parser.value(QStringLiteral("tsa-ca")));
    return std::nullopt;
}

} // namespace

int auditVerify(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("audit verify");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(QCommandLineOption(QStringLiteral("checkpoint"),
                                        QStringLiteral("Also check the store against a signed checkpoint (from `instant "
                                                       "audit checkpoint`): the event at its sequence must be the "
                                                       "one that was signed."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("public-key"),
                                        QStringLiteral("The public key the checkpoint must be signed with (PEM). "
                                                       "Without it, the key the checkpoint file carries is used."),
                                        QStringLiteral("pem")));
    parser.addOption(QCommandLineOption(QStringLiteral("tsa-ca"),
                                        QStringLiteral("The time-stamping authority's CA certificate (PEM): the "
                                                       "checkpoint's RFC 3161 token must verify against it."),
                                        QStringLiteral("pem")));
    parser.addOption(QCommandLineOption(QStringLiteral("admin-key"),
                                        QStringLiteral("The desk administrator's public key (PEM): the store's writer "
                                                       "keys must have been enrolled by it."),
                                        QStringLiteral("pem")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the report as JSON.")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Verifies the hash chain of an event store: every event, in order; then who "
                                             "wrote it: every batch since the desk had an administrator signed by an "
                                             "enrolled, unrevoked key whose role may write its events; with "
                                             "--checkpoint, also that the history up to a signed checkpoint is the one "
                                             "that was signed.\n"
                                             "Exit 0: intact (prints the event count and head hash). Exit 1: "
                                             "broken or not the signed history (prints the first bad sequence). "
                                             "Exit 2: cannot run (also: an unreadable, altered or wrongly keyed checkpoint).")))
        return *done;

    // The checkpoint and the key are checked before the store is opened: bad input fails fast.
    std::optional<Checkpoint> checkpoint;
    std::optional<QByteArray> trustedKey;
    if (parser.isSet(QStringLiteral("public-key")) && !parser.isSet(QStringLiteral("checkpoint")))
        return usageError(io, QStringLiteral("--public-key is for checking a --checkpoint"), command);
    if (parser.isSet(QStringLiteral("checkpoint"))) {
        auto read = readCheckpoint(parser.value(QStringLiteral("checkpoint")));
        if (!read)
            return storeError(io, read.error());
        checkpoint = *read;
        if (parser.isSet(QStringLiteral("public-key"))) {
            auto key = readPublicKey(parser.value(QStringLiteral("public-key")));
            if (!key)
                return storeError(io, key.error());
            trustedKey = *key;
        }
        if (auto signature = verifyCheckpointSignature(*checkpoint, trustedKey); !signature)
            return storeError(io, signature.error());
        if (!trustedKey)
            io.err << "instant: note: the checkpoint's signature was checked with the key the file itself carries ("
                   << checkpoint->keyFingerprint() << "); pass --public-key to check it against a key you hold\n";
    }
    QString stamped;
    if (auto bad = checkTimestamp(io, parser, checkpoint, stamped))
        return *bad;

    std::optional<QString> administrator;
    if (parser.isSet(QStringLiteral("admin-key"))) {
        auto key = readPublicKey(parser.value(QStringLiteral("admin-key")));
        if (!key)
            return storeError(io, key.error());
        administrator = keyFingerprint(*key);
    }

    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());
    CheckpointReport r;
    if (checkpoint) {
        auto report = verifyAgainstCheckpoint(**store, *checkpoint, trustedKey);
        if (!report)
            return storeError(io, report.error());
        r = *report;
    } else {
        auto report = verifyChain(**store);
        if (!report)
            return storeError(io, report.error());
        r.chain = *report;
        r.intact = report->intact;
        r.firstBadSequence = report->firstBadSequence;
        r.problem = report->problem;
    }
    std::optional<WriterReport> writers;
    if (r.intact) {
        auto report = verifyWriters(**store, administrator);
        if (!report)
            return storeError(io, report.error());
        writers = *report;
    }
    printVerifyReport(io, r, writers, (*store)->location().toUrl(), checkpoint, trustedKey.has_value(),
                      parser.isSet(QStringLiteral("json")));
    if (!stamped.isEmpty() && !parser.isSet(QStringLiteral("json")))
        io.out << stamped << "\n";
    io.out.flush();
    const bool intact = r.intact && (!writers || writers->intact);
    if (!intact) {
        // Evidence of tampering is left as it was found: nothing is appended to a chain that does
        // not verify (a read recorded after a truncation would take the place of what was cut).
        io.err << "instant: note: this verification is not recorded: nothing is appended to a chain that does not verify\n";
        io.err.flush();
        return Failed;
    }
    events::ReadRecord read;
    read.action = events::ReadVerified;
    read.subject = checkpoint ? QStringLiteral("the chain and its writers, against checkpoint at sequence %1").arg(checkpoint->sequence)
                              : QStringLiteral("the chain and its writers");
    read.records = r.chain.eventCount;
    read.outcome = QStringLiteral("intact");
    recordRead(parser, io, read);
    return Ok;
}

namespace {

// The key a checkpoint is signed with: a new pair (written only once it has signed), or the
// private key in `keyPath` (with a warning when others can read it).
Result<SigningKey> signingKeyFor(const QString &keyPath, const QString &publicKeyPath, bool newKey, const CommandIo &io)
{
    if (newKey) {
        for (const QString &path : {keyPath, publicKeyPath})
            if (QFileInfo::exists(path))
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("%1 already exists: --new-key never overwrites a key (use --key to sign with it)").arg(path));
        return SigningKey::generate();
    }
    if (const QString warning = privateKeyExposure(keyPath); !warning.isEmpty())
        io.err << "instant: warning: " << warning << "\n";
    return SigningKey::load(keyPath);
}

// publicKeyPath: set when the key pair is new.
void printCheckpoint(const CommandIo &io, const Checkpoint &c, const QString &outPath, const QString &publicKeyPath, bool json)
{
    if (json) {
        QJsonObject o{{QStringLiteral("store"), c.store},
                      {QStringLiteral("checkpoint_file"), outPath},
                      {QStringLiteral("sequence"), c.sequence},
                      {QStringLiteral("event_count"), c.eventCount},
                      {QStringLiteral("head_hash"), hex(c.headHash)},
                      {QStringLiteral("head_recorded_at"), formatUtcMicros(c.headRecordedUs)},
                      {QStringLiteral("signed_at"), formatUtcMicros(c.signedUs)},
                      {QStringLiteral("key_fingerprint"), c.keyFingerprint()}};
        if (!publicKeyPath.isEmpty())
            o.insert(QStringLiteral("public_key_file"), publicKeyPath);
        io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    } else {
        io.out << "signed checkpoint: sequence " << c.sequence << " (" << c.eventCount << " events), head hash "
               << hex(c.headHash) << ", head recorded " << formatUtcMicros(c.headRecordedUs) << "\n"
               << "signed " << formatUtcMicros(c.signedUs) << " with key " << c.keyFingerprint() << ", written to "
               << outPath << "\n";
    }
}

} // namespace

int auditCheckpoint(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("audit checkpoint");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(QCommandLineOption(QStringLiteral("key"), QStringLiteral("Sign with this Ed25519 private key (PEM)."),
                                        QStringLiteral("pem")));
    parser.addOption(QCommandLineOption(QStringLiteral("new-key"),
                                        QStringLiteral("Generate a key pair first: the private key in this file (mode 0600) "
                                                       "and the public key beside it (NAME.pub.pem). Never overwrites."),
                                        QStringLiteral("pem")));
    parser.addOption(QCommandLineOption(QStringLiteral("out"), QStringLiteral("Write the signed checkpoint to this file (JSON)."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("tsa"),
                                        QStringLiteral("Also have the checkpoint time-stamped by this RFC 3161 time-stamping "
                                                       "authority (http:// or https://); the token goes into the file."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the result as JSON.")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Verifies the whole chain, then signs its head: a checkpoint that `instant audit "
                                             "verify --checkpoint` checks later, so that history rewritten in the database "
                                             "(every hash recomputed) is found. Keep the private key and the checkpoint "
                                             "away from the database server.\n"
                                             "Exit 0: signed. Exit 1: the chain is broken (nothing signed). Exit 2: cannot run.")))
        return *done;

    const bool newKey = parser.isSet(QStringLiteral("new-key"));
    if (newKey == parser.isSet(QStringLiteral("key")))
        return usageError(io, QStringLiteral("give either --key PRIVATE.pem or --new-key PRIVATE.pem"), command);
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return usageError(io, QStringLiteral("--out FILE is required: where the signed checkpoint goes"), command);
    const QString keyPath = parser.value(newKey ? QStringLiteral("new-key") : QStringLiteral("key"));
    const QString publicKeyPath = publicKeyPathFor(keyPath);
    const QString outAbsolute = QFileInfo(outPath).absoluteFilePath();
    if (outAbsolute == QFileInfo(keyPath).absoluteFilePath() || (newKey && outAbsolute == QFileInfo(publicKeyPath).absoluteFilePath()))
        return usageError(io, QStringLiteral("--out must not be a key file"), command);

    auto key = signingKeyFor(keyPath, publicKeyPath, newKey, io);
    if (!key)
        return storeError(io, key.error());

    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());
    auto checkpoint = signCheckpoint(**store, *key);
    if (!checkpoint) {
        io.err << "instant: " << checkpoint.message() << "\n";
        io.err.flush();
        return checkpoint.code() == ErrorCode::Integrity ? Failed : BadInput;
    }
    if (parser.isSet(QStringLiteral("tsa"))) {
        auto token = requestTimestamp(QUrl(parser.value(QStringLiteral("tsa"))), checkpoint->timestampedDigest());
        if (!token)
            return storeError(io, token.error()); // nothing written: run it again when the TSA answers
        checkpoint->timestampToken = token->der;
        io.err << "time-stamped " << formatUtcMicros(token->timeUs) << " by " << token->authority << " (serial "
               << token->serial << ")\n";
    }
    // The key pair is written only once there is a checkpoint it signed.
    if (newKey) {
        if (auto saved = key->saveKeyPair(keyPath, publicKeyPath); !saved)
            return storeError(io, saved.error());
        io.err << "new key pair: " << keyPath << " (private: keep it off the database server) and " << publicKeyPath
               << " (public: for whoever verifies)\n";
    }
    if (auto written = writeCheckpoint(*checkpoint, outPath); !written)
        return storeError(io, written.error());

    printCheckpoint(io, *checkpoint, outPath, newKey ? publicKeyPath : QString(), parser.isSet(QStringLiteral("json")));
    io.out.flush();
    io.err.flush();
    return Ok;
}

namespace {

// --from and --to as a query: a bare date for --to means through the end of that day.
Result<ReadQuery> exportRange(const QCommandLineParser &parser)
{
    ReadQuery query;
    for (const QString &name : {QStringLiteral("from"), QStringLiteral("to")}) {
        if (!parser.isSet(name))
            continue;
        const QString text = parser.value(name);
        auto t = parseUtcMicros(text);
        if (!t)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("--%1 \"%2\" is not an ISO 8601 date or time").arg(name, text));
        if (name == u"to" && text.trimmed().size() == 10)
            *t += 86'400'000'000LL - 1;
        (name == u"from" ? query.fromTimeUs : query.toTimeUs) = *t;
    }
    if (query.fromTimeUs && query.toTimeUs && *query.fromTimeUs > *query.toTimeUs)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--from is after --to"));
    return query;
}

// To the command's output: its device when it has one (standard output, written as the rows are
// read), or its string (a test's) through a buffer.
Result<qint64> exportToOutput(const EventStore &store, const ReadQuery &query, ExportFormat format, const CommandIo &io)
{
    io.out.flush();
    if (QIODevice *device = io.out.device())
        return exportEvents(store, query, format, *device);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto written = exportEvents(store, query, format, buffer);
    if (written)
        io.out << QString::fromUtf8(buffer.data());
    return written;
}

// All or nothing: no half-written export on failure.
Result<qint64> exportToFile(const EventStore &store, const ReadQuery &query, ExportFormat format, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    auto written = exportEvents(store, query, format, file);
    if (written && !file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return written;
}

} // namespace

int auditExport(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("audit export");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(QCommandLineOption(QStringLiteral("format"), QStringLiteral("jsonl (default) or csv."),
                                        QStringLiteral("format"), QStringLiteral("jsonl")));
    parser.addOption(QCommandLineOption(QStringLiteral("from"),
                                        QStringLiteral("Only events recorded at or after this UTC time "
                                                       "(ISO 8601: 2026-11-21 or 2026-11-21T09:30:00.5Z)."),
                                        QStringLiteral("time")));
    parser.addOption(QCommandLineOption(QStringLiteral("to"),
                                        QStringLiteral("Only events recorded at or before this UTC time: the "
                                                       "log as of that moment. A bare date means its end."),
                                        QStringLiteral("time")));
    parser.addOption(QCommandLineOption(QStringLiteral("out"), QStringLiteral("Write to this file (default: stdout)."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("bundle"),
                                        QStringLiteral("Write a regulator's bundle of the whole chain into this new (or "
                                                       "empty) directory: events, instruments, order memoranda and a "
                                                       "manifest of hashes that tools/verify_bundle.py checks."),
                                        QStringLiteral("dir")));
    parser.addOption(QCommandLineOption(QStringLiteral("checkpoint"),
                                        QStringLiteral("With --bundle: carry this signed checkpoint in the bundle "
                                                       "(repeatable); it must be a checkpoint of this chain."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("tsa-ca"),
                                        QStringLiteral("With --bundle: carry the time-stamping authority's CA certificate "
                                                       "(PEM), with which the checkpoints' RFC 3161 tokens verify."),
                                        QStringLiteral("pem")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Exports events, one per line, with every field and both hashes.")))
        return *done;
    if (parser.isSet(QStringLiteral("bundle")))
        return auditBundle(parser, command, io);
    for (const char *option : {"checkpoint", "tsa-ca"})
        if (parser.isSet(QString::fromLatin1(option)))
            return usageError(io, QStringLiteral("--%1 goes with --bundle").arg(QString::fromLatin1(option)), command);

    const QString formatName = parser.value(QStringLiteral("format")).toLower();
    ExportFormat format;
    if (formatName == u"jsonl" || formatName == u"json")
        format = ExportFormat::JsonLines;
    else if (formatName == u"csv")
        format = ExportFormat::Csv;
    else
        return usageError(io, QStringLiteral("unknown format \"%1\": use jsonl or csv").arg(formatName), command);

    auto query = exportRange(parser);
    if (!query)
        return usageError(io, query.message(), command);

    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());

    const QString outPath = parser.value(QStringLiteral("out"));
    const Result<qint64> written = outPath.isEmpty() ? exportToOutput(**store, *query, format, io)
                                                     : exportToFile(**store, *query, format, outPath);
    if (!written)
        return storeError(io, written.error());
    if (!outPath.isEmpty())
        io.err << "exported " << *written << " events to " << outPath << "\n";
    io.err.flush();
    events::ReadRecord read;
    read.action = events::ReadExported;
    AuditFilter range;
    range.fromUs = query->fromTimeUs;
    range.toUs = query->toTimeUs;
    read.subject = QStringLiteral("events as %1: %2").arg(formatName, range.describe());
    read.records = *written;
    read.outcome = outPath.isEmpty() ? QStringLiteral("written to standard output")
                                     : QStringLiteral("written to ") + QFileInfo(outPath).absoluteFilePath();
    recordRead(parser, io, read);
    return Ok;
}

} // namespace instant::cli
