#include "cli/commandline.h"

#include "cli/clisupport.h"
#include "demo/demomarket.h"

#include "audit/auditbundle.h"
#include "audit/auditexport.h"
#include "demo/demorun.h"
#include "events/orderevents.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "analytics/bondanalytics.h"
#include "analytics/fixedincome.h"
#include "copilot/copilotsession.h"
#include "audit/chainverifier.h"
#include "audit/checkpoint.h"
#include "store/credentials.h"
#include "store/eventstore.h"
#include "venue/marketdataserver.h"
#include "venue/venueserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>
#include <QUrl>
#include <QUuid>

#include <cmath>
#include <csignal>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif
#include <cstdio>

namespace instant::cli {
namespace {

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

int auditVerify(const QStringList &args)
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
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the report as JSON.")));
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Verifies the hash chain of an event store: every event, in order; with "
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
        return usageError(QStringLiteral("--public-key is for checking a --checkpoint"), command);
    if (parser.isSet(QStringLiteral("checkpoint"))) {
        auto read = readCheckpoint(parser.value(QStringLiteral("checkpoint")));
        if (!read)
            return storeError(read.error());
        checkpoint = *read;
        if (parser.isSet(QStringLiteral("public-key"))) {
            auto key = readPublicKey(parser.value(QStringLiteral("public-key")));
            if (!key)
                return storeError(key.error());
            trustedKey = *key;
        }
        if (auto signature = verifyCheckpointSignature(*checkpoint, trustedKey); !signature)
            return storeError(signature.error());
        if (!trustedKey)
            err() << "instant: note: the checkpoint's signature was checked with the key the file itself carries ("
                  << checkpoint->keyFingerprint() << "); pass --public-key to check it against a key you hold\n";
    }

    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(store.error());
    CheckpointReport r;
    if (checkpoint) {
        auto report = verifyAgainstCheckpoint(**store, *checkpoint, trustedKey);
        if (!report)
            return storeError(report.error());
        r = *report;
    } else {
        auto report = verifyChain(**store);
        if (!report)
            return storeError(report.error());
        r.chain = *report;
        r.intact = report->intact;
        r.firstBadSequence = report->firstBadSequence;
        r.problem = report->problem;
    }
    const VerifyReport &chain = r.chain;
    // Whether the answer is about the chain's own links, or about the checkpoint.
    const bool chainFailed = !chain.intact && r.firstBadSequence == chain.firstBadSequence;
    const QString signedAt = checkpoint ? formatUtcMicros(checkpoint->signedUs) : QString();

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject o{{QStringLiteral("store"), (*store)->location().toUrl()},
                      {QStringLiteral("intact"), r.intact},
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
                                 {QStringLiteral("key"), trustedKey ? QStringLiteral("given") : QStringLiteral("from the checkpoint file")},
                                 {QStringLiteral("matches"), r.matches}});
        }
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    } else if (r.intact) {
        out() << "intact: " << chain.eventCount << " events, head sequence " << chain.head.sequence << ", head hash "
              << hex(chain.head.hash) << "\n";
        if (checkpoint)
            out() << "matches the signed checkpoint of " << signedAt << ": sequence " << checkpoint->sequence
                  << ", hash " << hex(checkpoint->headHash) << ", key " << checkpoint->keyFingerprint() << "\n";
    } else {
        out() << "BROKEN at sequence " << r.firstBadSequence << ": " << r.problem << "\n";
        if (!chainFailed) {
            out() << "the hash chain itself is consistent: " << chain.eventCount << " events, head sequence "
                  << chain.head.sequence << "; it is not the history signed at " << signedAt << " (key "
                  << checkpoint->keyFingerprint() << ")\n";
        } else {
            out() << "verified intact before it: " << chain.eventCount << " events";
            if (chain.head.sequence > 0)
                out() << " (through sequence " << chain.head.sequence << ", hash " << hex(chain.head.hash) << ")";
            out() << "\n";
            if (checkpoint && r.matches)
                out() << "events up to the signed checkpoint of " << signedAt << " (sequence " << checkpoint->sequence
                      << ") match it\n";
            else if (checkpoint)
                out() << "the signed checkpoint of " << signedAt << " (sequence " << checkpoint->sequence
                      << ") cannot be confirmed: the chain breaks before it\n";
        }
    }
    out().flush();
    err().flush();
    return r.intact ? Ok : Failed;
}

int auditCheckpoint(const QStringList &args)
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
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the result as JSON.")));
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Verifies the whole chain, then signs its head: a checkpoint that `instant audit "
                                         "verify --checkpoint` checks later, so that history rewritten in the database "
                                         "(every hash recomputed) is found. Keep the private key and the checkpoint "
                                         "away from the database server.\n"
                                         "Exit 0: signed. Exit 1: the chain is broken (nothing signed). Exit 2: cannot run.")))
        return *done;

    const bool newKey = parser.isSet(QStringLiteral("new-key"));
    if (newKey == parser.isSet(QStringLiteral("key")))
        return usageError(QStringLiteral("give either --key PRIVATE.pem or --new-key PRIVATE.pem"), command);
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return usageError(QStringLiteral("--out FILE is required: where the signed checkpoint goes"), command);
    const QString keyPath = parser.value(newKey ? QStringLiteral("new-key") : QStringLiteral("key"));
    const QString publicKeyPath = publicKeyPathFor(keyPath);
    const QString outAbsolute = QFileInfo(outPath).absoluteFilePath();
    if (outAbsolute == QFileInfo(keyPath).absoluteFilePath() || (newKey && outAbsolute == QFileInfo(publicKeyPath).absoluteFilePath()))
        return usageError(QStringLiteral("--out must not be a key file"), command);

    SigningKey key;
    if (newKey) {
        for (const QString &path : {keyPath, publicKeyPath})
            if (QFileInfo::exists(path))
                return storeError(makeError(ErrorCode::InvalidArgument,
                                            QStringLiteral("%1 already exists: --new-key never overwrites a key (use --key to sign with it)")
                                                .arg(path)));
        auto generated = SigningKey::generate();
        if (!generated)
            return storeError(generated.error());
        key = *generated;
    } else {
        if (const QString warning = privateKeyExposure(keyPath); !warning.isEmpty())
            err() << "instant: warning: " << warning << "\n";
        auto loaded = SigningKey::load(keyPath);
        if (!loaded)
            return storeError(loaded.error());
        key = *loaded;
    }

    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(store.error());
    auto checkpoint = signCheckpoint(**store, key);
    if (!checkpoint) {
        err() << "instant: " << checkpoint.message() << "\n";
        err().flush();
        return checkpoint.code() == ErrorCode::Integrity ? Failed : BadInput;
    }
    // The key pair is written only once there is a checkpoint it signed.
    if (newKey) {
        if (auto saved = key.saveKeyPair(keyPath, publicKeyPath); !saved)
            return storeError(saved.error());
        err() << "new key pair: " << keyPath << " (private: keep it off the database server) and " << publicKeyPath
              << " (public: for whoever verifies)\n";
    }
    if (auto written = writeCheckpoint(*checkpoint, outPath); !written)
        return storeError(written.error());

    const Checkpoint &c = *checkpoint;
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject o{{QStringLiteral("store"), c.store},
                      {QStringLiteral("checkpoint_file"), outPath},
                      {QStringLiteral("sequence"), c.sequence},
                      {QStringLiteral("event_count"), c.eventCount},
                      {QStringLiteral("head_hash"), hex(c.headHash)},
                      {QStringLiteral("head_recorded_at"), formatUtcMicros(c.headRecordedUs)},
                      {QStringLiteral("signed_at"), formatUtcMicros(c.signedUs)},
                      {QStringLiteral("key_fingerprint"), c.keyFingerprint()}};
        if (newKey)
            o.insert(QStringLiteral("public_key_file"), publicKeyPath);
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    } else {
        out() << "signed checkpoint: sequence " << c.sequence << " (" << c.eventCount << " events), head hash "
              << hex(c.headHash) << ", head recorded " << formatUtcMicros(c.headRecordedUs) << "\n"
              << "signed " << formatUtcMicros(c.signedUs) << " with key " << c.keyFingerprint() << ", written to "
              << outPath << "\n";
    }
    out().flush();
    err().flush();
    return Ok;
}

int auditBundle(const QCommandLineParser &parser, const QString &command)
{
    for (const char *option : {"format", "from", "to", "out"})
        if (parser.isSet(QString::fromLatin1(option)))
            return usageError(QStringLiteral("--bundle exports the whole chain: it takes no --%1").arg(QString::fromLatin1(option)),
                              command);
    auditbundle::Options options;
    options.directory = parser.value(QStringLiteral("bundle"));
    options.exportedUs = clock().nowUs();
    for (const QString &path : parser.values(QStringLiteral("checkpoint"))) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return storeError(makeError(ErrorCode::InvalidArgument, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())));
        options.checkpoints.append({path, file.readAll()});
    }
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(store.error());
    auto written = auditbundle::write(**store, options);
    if (!written)
        return storeError(written.error());
    out() << "bundle " << options.directory << ": " << written->events << " events, head sequence "
          << written->head.sequence << ", head hash " << hex(written->head.hash) << "; " << written->instruments
          << " instruments, " << written->orders << " orders, " << written->checkpoints << " checkpoints\n";
    out().flush();
    return Ok;
}

int auditExport(const QStringList &args)
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
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Exports events, one per line, with every field and both hashes.")))
        return *done;
    if (parser.isSet(QStringLiteral("bundle")))
        return auditBundle(parser, command);
    if (parser.isSet(QStringLiteral("checkpoint")))
        return usageError(QStringLiteral("--checkpoint goes with --bundle"), command);

    const QString formatName = parser.value(QStringLiteral("format")).toLower();
    ExportFormat format;
    if (formatName == u"jsonl" || formatName == u"json")
        format = ExportFormat::JsonLines;
    else if (formatName == u"csv")
        format = ExportFormat::Csv;
    else
        return usageError(QStringLiteral("unknown format \"%1\": use jsonl or csv").arg(formatName), command);

    ReadQuery query;
    if (parser.isSet(QStringLiteral("from"))) {
        auto t = parseUtcMicros(parser.value(QStringLiteral("from")));
        if (!t)
            return usageError(QStringLiteral("--from \"%1\" is not an ISO 8601 date or time")
                                  .arg(parser.value(QStringLiteral("from"))),
                              command);
        query.fromTimeUs = *t;
    }
    if (parser.isSet(QStringLiteral("to"))) {
        const QString text = parser.value(QStringLiteral("to"));
        auto t = parseUtcMicros(text);
        if (!t)
            return usageError(QStringLiteral("--to \"%1\" is not an ISO 8601 date or time").arg(text), command);
        if (text.trimmed().size() == 10) // a bare date: through the end of that day
            *t += 86'400'000'000LL - 1;
        query.toTimeUs = *t;
    }
    if (query.fromTimeUs && query.toTimeUs && *query.fromTimeUs > *query.toTimeUs)
        return usageError(QStringLiteral("--from is after --to"), command);

    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(store.error());

    Result<qint64> written = qint64(0);
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty()) {
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
            return storeError(makeError(ErrorCode::Io, QStringLiteral("cannot write to standard output")));
        written = exportEvents(**store, query, format, stdoutFile);
    } else {
        QSaveFile file(outPath); // all or nothing: no half-written export on failure
        if (!file.open(QIODevice::WriteOnly))
            return storeError(makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString())));
        written = exportEvents(**store, query, format, file);
        if (written && !file.commit())
            return storeError(makeError(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString())));
    }
    if (!written)
        return storeError(written.error());
    if (!outPath.isEmpty())
        err() << "exported " << *written << " events to " << outPath << "\n";
    err().flush();
    return Ok;
}

int storeInfo(const QStringList &args)
{
    const QString command = QStringLiteral("store info");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(parser, args, command, QStringLiteral("Shows a store's location and chain head.")))
        return *done;
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(store.error());
    auto head = (*store)->head();
    if (!head)
        return storeError(head.error());
    out() << "store: " << (*store)->location().toUrl() << "\n"
          << "events: " << head->sequence << "\n"
          << "head hash: " << QString::fromLatin1(head->hash.toHex()) << "\n";
    if (head->sequence > 0)
        out() << "last recorded: " << formatUtcMicros(head->recordedUs) << "\n";
    out().flush();
    return Ok;
}

int storeInit(const QStringList &args)
{
    const QString command = QStringLiteral("store init");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Creates an event store (schema, append-only triggers) if there is none.")))
        return *done;
    auto store = openFromOption(parser, OpenOptions::Mode::CreateIfMissing);
    if (!store)
        return storeError(store.error());
    out() << "ready: " << (*store)->location().toUrl() << "\n";
    out().flush();
    return Ok;
}

int storePassword(const QStringList &args)
{
    const QString command = QStringLiteral("store password");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Reads a PostgreSQL store's password from standard input (one line) and "
                                         "saves it in the OS keychain.")))
        return *done;
    auto location = StoreLocation::parse(parser.value(QStringLiteral("store")));
    if (!location)
        return usageError(location.message(), command);
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (password.isEmpty())
        return usageError(QStringLiteral("no password on standard input"), command);
    Status saved = StoreCredentials::savePassword(*location, password);
    if (!saved)
        return storeError(saved.error());
    out() << "saved in the keychain for " << location->credentialKey() << "\n";
    out().flush();
    return Ok;
}


// "as of" from --as-of: a time, or nothing for now.
int demoRun(const QStringList &args)
{
    const QString command = QStringLiteral("demo run");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(QCommandLineOption(QStringLiteral("headless"), QStringLiteral("Run without a window (required for now).")));
    parser.addOption(QCommandLineOption(QStringLiteral("orders"), QStringLiteral("How many orders the simulated traders send (default 1000)."),
                                        QStringLiteral("n"), QStringLiteral("1000")));
    parser.addOption(QCommandLineOption(QStringLiteral("seed"), QStringLiteral("Seed of the simulated market and traders (default 1)."),
                                        QStringLiteral("s"), QStringLiteral("1")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the summary as JSON.")));
    parser.addOption(QCommandLineOption(QStringLiteral("state-out"), QStringLiteral("Also write the final trading state (JSON) to this file."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("venue"),
                                        QStringLiteral("Trade against a remote FIX 4.4 venue instead of the in-process one: "
                                                       "fix://HOST:PORT?sender=COMPID&target=COMPID[&heartbeat=S&tls=1&ca=FILE&state=DIR"
                                                       "&protection=1&massstatus=1&account=ID]."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("drop-copy"),
                                        QStringLiteral("With --venue: the broker's drop copy, a second read-only FIX session "
                                                       "whose executions are booked like the venue's (once by ExecID)."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("feed"),
                                        QStringLiteral("Market data to price orders with: ws://HOST:PORT/ or wss:// (with --venue)."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("connect-timeout"),
                                        QStringLiteral("With --venue: seconds to wait for the FIX logon (default 20)."),
                                        QStringLiteral("s"), QStringLiteral("20")));
    parser.addOption(QCommandLineOption(QStringLiteral("interval"),
                                        QStringLiteral("With --venue: milliseconds between orders (default 25)."),
                                        QStringLiteral("ms"), QStringLiteral("25")));
    parser.addOption(QCommandLineOption(QStringLiteral("user-accounts"),
                                        QStringLiteral("The simulated traders trade the workstation user's accounts (DESK-01, DESK-02, "
                                                       "DEMO-01) instead of their own (SIM-01, SIM-02, SIM-03).")));
    parser.addOption(demoDateOption());
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Runs the simulated venue with simulated traders through the whole order lifecycle "
                                         "(validation, compliance, matching, cancels, replaces, rejects, settlement) and "
                                         "prints a summary. Running it again on the same store continues it.")))
        return *done;
    if (!parser.isSet(QStringLiteral("headless")))
        return usageError(QStringLiteral("demo run needs --headless (the windowed demo is `instant demo`)"), command);
    bool ok = false;
    DemoRunOptions options;
    options.orders = parser.value(QStringLiteral("orders")).toInt(&ok);
    if (!ok || options.orders < 0 || options.orders > 10'000'000)
        return usageError(QStringLiteral("--orders must be a whole number from 0 to 10000000"), command);
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError(QStringLiteral("--seed must be a whole number"), command);
    options.onUserAccounts = parser.isSet(QStringLiteral("user-accounts"));
    std::optional<LiveRunOptions> live;
    if (parser.isSet(QStringLiteral("venue"))) {
        auto venue = FixVenueSettings::fromUrl(QUrl(parser.value(QStringLiteral("venue"))));
        if (!venue)
            return usageError(venue.message(), command);
        live = LiveRunOptions{};
        live->venue = *venue;
        live->orders = options.orders;
        live->seed = options.seed;
        live->actor = options.actor;
        live->onUserAccounts = options.onUserAccounts;
        live->orderIntervalMs = parser.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || live->orderIntervalMs < 0 || live->orderIntervalMs > 60000)
            return usageError(QStringLiteral("--interval must be 0 to 60000 milliseconds"), command);
        const int connectSeconds = parser.value(QStringLiteral("connect-timeout")).toInt(&ok);
        if (!ok || connectSeconds < 1 || connectSeconds > 3600)
            return usageError(QStringLiteral("--connect-timeout must be 1 to 3600 seconds"), command);
        live->connectTimeoutMs = connectSeconds * 1000;
        if (parser.isSet(QStringLiteral("drop-copy"))) {
            auto copy = FixVenueSettings::fromUrl(QUrl(parser.value(QStringLiteral("drop-copy"))));
            if (!copy)
                return usageError(copy.message(), command);
            if (copy->senderCompId == venue->senderCompId && copy->targetCompId == venue->targetCompId)
                return usageError(QStringLiteral("the drop copy is a session of its own: give it its own sender= or target="), command);
            live->dropCopy = *copy;
        }
        if (parser.isSet(QStringLiteral("feed"))) {
            auto feed = parseFeedUrl(parser.value(QStringLiteral("feed")));
            if (!feed)
                return usageError(feed.message(), command);
            live->feed = *feed;
            live->feedOptions.caCertificatesFile = venue->caFile; // a desk's own authority serves both
        }
    } else if (parser.isSet(QStringLiteral("feed"))) {
        return usageError(QStringLiteral("--feed prices orders for a remote venue: give --venue too"), command);
    }
    const std::optional<QDate> date = demoDate(parser);
    if (!date)
        return usageError(QStringLiteral("--demo-date wants a date from 2001 to 2099, YYYY-MM-DD"), command);
    // The simulated market opens at 14:30 UTC on the date's session (the next one both markets
    // trade when the date is a weekend or a holiday).
    options.startUs = utcMicros(DemoMarket::sessionDate(*date), 14, 30);
    auto store = openFromOption(parser, OpenOptions::Mode::CreateIfMissing);
    if (!store)
        return storeError(store.error());
    auto market = marketReference(**store, *date);
    if (!market)
        return storeError(market.error());
    const ReferenceData &reference = *market;
    Result<DemoSummary> summary;
    if (live) {
#ifdef Q_OS_UNIX
        // QuickFIX's TLS code prints certificate checks on standard output: send them to standard
        // error, so that standard output carries only the summary (--json stays parseable).
        out().flush();
        std::fflush(stdout);
        const int savedStdout = ::dup(STDOUT_FILENO);
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
        summary = runDemoLive(**store, reference, clock(), *live);
        std::fflush(stdout);
        ::dup2(savedStdout, STDOUT_FILENO);
        ::close(savedStdout);
#else
        summary = runDemoLive(**store, reference, clock(), *live);
#endif
    } else {
        summary = runDemo(**store, reference, options);
    }
    if (!summary && summary.code() == ErrorCode::Unavailable) {
        err() << "instant demo run: " << summary.message() << "\n";
        err().flush();
        return Failed;
    }
    if (!summary)
        return storeError(summary.error());
    if (parser.isSet(QStringLiteral("state-out"))) {
        QSaveFile file(parser.value(QStringLiteral("state-out")));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(summary->state).toJson()) < 0 || !file.commit())
            return storeError(makeError(ErrorCode::Io, QStringLiteral("cannot write %1").arg(file.fileName())));
    }
    if (parser.isSet(QStringLiteral("json")))
        out() << QString::fromUtf8(QJsonDocument(summary->toJson()).toJson(QJsonDocument::Compact)) << "\n";
    else
        out() << summary->toText();
    out().flush();
    // An execution the venue reported that could not be booked is a failure a human must resolve.
    // So is a run that ends with trading halted because the store cannot record.
    // So is a live run whose venue went away and did not come back.
    return summary->invariants.isEmpty() && summary->unbooked == 0 && !summary->haltedAtEnd && summary->venueLost.isEmpty()
               ? Ok : Failed;
}

// Asked to stop (Ctrl+C, kill): the server logs its sessions out before it exits.
volatile std::sig_atomic_t stopRequested = 0;

int venueServe(const QStringList &args)
{
    const QString command = QStringLiteral("venue serve");
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(QStringLiteral("fix-port"), QStringLiteral("FIX 4.4 acceptor port (default 9878)."),
                                        QStringLiteral("port"), QStringLiteral("9878")));
    parser.addOption(QCommandLineOption(QStringLiteral("ws-port"), QStringLiteral("WebSocket market data port (default 9879; 0: none)."),
                                        QStringLiteral("port"), QStringLiteral("9879")));
    parser.addOption(QCommandLineOption(QStringLiteral("bind"), QStringLiteral("IPv4 address the FIX acceptor and the market data listen on (default 127.0.0.1; 0.0.0.0: every interface)."),
                                        QStringLiteral("address"), QStringLiteral("127.0.0.1")));
    parser.addOption(QCommandLineOption(QStringLiteral("comp-id"), QStringLiteral("The venue's FIX CompID (default INSTANT)."),
                                        QStringLiteral("id"), QStringLiteral("INSTANT")));
    parser.addOption(QCommandLineOption(QStringLiteral("clients"), QStringLiteral("Workstation CompIDs allowed to log on (default DESK1,…,DESK8)."),
                                        QStringLiteral("ids")));
    parser.addOption(QCommandLineOption(QStringLiteral("state"), QStringLiteral("Directory of the FIX sequence numbers and messages "
                                                                               "(default: the venue folder in the app data)."),
                                        QStringLiteral("dir")));
    parser.addOption(QCommandLineOption(QStringLiteral("seed"), QStringLiteral("Seed of the simulated market (default 1)."),
                                        QStringLiteral("n"), QStringLiteral("1")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate: serve FIX and market data over TLS."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-key"), QStringLiteral("PEM private key of --tls-cert."), QStringLiteral("file")));
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Serves the simulated venue of demo mode to several workstations: FIX 4.4 orders on "
                                         "--fix-port, market data (top of book, depth, trades, bars) as JSON over WebSocket on "
                                         "--ws-port. Runs until interrupted.")))
        return *done;
    auto portOf = [&](const QString &name, quint16 &into, bool zeroAllowed) {
        bool ok = false;
        const int v = parser.value(name).toInt(&ok);
        if (!ok || v < (zeroAllowed ? 0 : 1) || v > 65535)
            return false;
        into = quint16(v);
        return true;
    };
    VenueServerOptions options;
    quint16 wsPort = 0;
    if (!portOf(QStringLiteral("fix-port"), options.fixPort, false))
        return usageError(QStringLiteral("--fix-port must be 1 to 65535"), command);
    if (!portOf(QStringLiteral("ws-port"), wsPort, true))
        return usageError(QStringLiteral("--ws-port must be 0 to 65535"), command);
    if (wsPort != 0 && wsPort == options.fixPort)
        return usageError(QStringLiteral("--fix-port and --ws-port must differ"), command);
    const QHostAddress bind(parser.value(QStringLiteral("bind")));
    if (bind.isNull() || bind.protocol() != QAbstractSocket::IPv4Protocol)
        return usageError(QStringLiteral("--bind must be an IPv4 address such as 127.0.0.1 or 0.0.0.0"), command);
    options.bindAddress = bind.toString();
    static const QRegularExpression compId(QStringLiteral("^[A-Za-z0-9._-]{1,32}$"));
    options.compId = parser.value(QStringLiteral("comp-id"));
    if (!compId.match(options.compId).hasMatch())
        return usageError(QStringLiteral("--comp-id is 1 to 32 letters, digits, '.', '_' or '-'"), command);
    if (parser.isSet(QStringLiteral("clients"))) {
        options.clientCompIds = parser.value(QStringLiteral("clients")).split(u',', Qt::SkipEmptyParts);
        for (const QString &c : std::as_const(options.clientCompIds))
            if (!compId.match(c).hasMatch() || c == options.compId)
                return usageError(QStringLiteral("--clients: \"%1\" is not a CompID (1 to 32 letters, digits, '.', '_' or '-', "
                                                 "not the venue's own)").arg(c), command);
        if (options.clientCompIds.isEmpty())
            return usageError(QStringLiteral("--clients names no CompID"), command);
    }
    bool ok = false;
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError(QStringLiteral("--seed must be a whole number"), command);
    options.stateDirectory = parser.isSet(QStringLiteral("state"))
                                 ? parser.value(QStringLiteral("state"))
                                 : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/venue");
    std::optional<TlsFiles> tls;
    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key")))
        return usageError(QStringLiteral("--tls-cert and --tls-key go together"), command);
    if (parser.isSet(QStringLiteral("tls-cert"))) {
        tls = TlsFiles{parser.value(QStringLiteral("tls-cert")), parser.value(QStringLiteral("tls-key"))};
        for (const QString &f : {tls->certificateFile, tls->keyFile})
            if (!QFileInfo(f).isReadable())
                return usageError(QStringLiteral("cannot read %1").arg(f), command);
        options.tls = true;
        options.certificateFile = tls->certificateFile;
        options.keyFile = tls->keyFile;
    }

    // The venue's market lives on today's date and follows the machine's clock.
    const ReferenceData reference = DemoMarket::referenceData(clock().tradeDate());
    options.startUs = clock().nowUs();
    VenueServer server(reference, options);
    QObject::connect(&server, &VenueServer::log, &server, [](const QString &line) {
        err() << "venue: " << line << "\n";
        err().flush();
    });
    if (Status s = server.start(); !s) {
        err() << "instant venue serve: " << s.message() << "\n";
        err().flush();
        return Failed;
    }
    MarketDataServer marketData(server.venue(), reference);
    QObject::connect(&server, &VenueServer::stepped, &marketData, &MarketDataServer::publishDepth);
    QString feed = QStringLiteral("none");
    if (wsPort != 0) {
        auto listening = marketData.listen(bind, wsPort, tls);
        if (!listening) {
            err() << "instant venue serve: " << listening.message() << "\n";
            err().flush();
            return Failed;
        }
        feed = QStringLiteral("%1://%2:%3/").arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"), bind.toString()).arg(*listening);
    }
    out() << QStringLiteral("venue: FIX 4.4 on port %1 as %2 for %3%4; market data on %5\n")
                 .arg(options.fixPort)
                 .arg(options.compId, options.clientCompIds.join(u','), tls ? QStringLiteral(" (TLS)") : QString(), feed);
    out().flush();
    std::signal(SIGINT, [](int) { stopRequested = 1; });
    std::signal(SIGTERM, [](int) { stopRequested = 1; });
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, &watch, [] {
        if (stopRequested)
            QCoreApplication::quit();
    });
    watch.start(100);
    QCoreApplication::exec();
    marketData.close();
    server.stop();
    out() << QStringLiteral("venue: stopped after %1 order(s)\n").arg(server.ordersReceived());
    out().flush();
    return Ok;
}

// The state a view shows (now or as of a time) and the instruments it names then.
struct DeskView
{
    TradingState state;
    ReferenceData reference;
    QDate date; // the business date of the view
};

Result<DeskView> loadView(const QCommandLineParser &parser, const ReadQuery &query)
{
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return store.error();
    auto state = TradingState::replay(**store, query);
    if (!state)
        return state.error();
    const QDate date = query.toTimeUs ? tradeDateOf(*query.toTimeUs) : clock().tradeDate();
    auto reference = marketReference(**store, date, query.toTimeUs);
    if (!reference)
        return reference.error();
    return DeskView{std::move(state).value(), std::move(reference).value(), date};
}

int positions(const QStringList &args)
{
    const QString command = QStringLiteral("positions");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(asOfOption());
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON (the default).")));
    if (auto done = parse(parser, args, command, QStringLiteral("Positions, cash and reservations per account, from the event log.")))
        return *done;
    ReadQuery query;
    if (auto bad = asOfQuery(parser, command, query))
        return *bad;
    auto view = loadView(parser, query);
    if (!view)
        return storeError(view.error());
    const TradingState *state = &view->state;
    const ReferenceData &reference = view->reference;
    QJsonArray accounts;
    QStringList ids = state->accounts().keys();
    ids.sort();
    for (const QString &id : std::as_const(ids)) {
        const AccountRecord &a = state->accounts().value(id);
        QJsonArray positions;
        for (const PositionRecord &p : state->positions()) {
            if (p.account != id || (p.quantity == 0 && p.settledQuantity == 0 && p.realizedCents == 0 && p.interestCents == 0))
                continue;
            const Instrument *i = reference.instrument(p.instrument);
            QJsonObject o{{QStringLiteral("instrument"), p.instrument},
                          {QStringLiteral("symbol"), i ? i->symbol : p.instrument},
                          {QStringLiteral("quantity"), p.quantity},
                          {QStringLiteral("settled_quantity"), p.settledQuantity},
                          {QStringLiteral("cost"), money(p.costCents)},
                          {QStringLiteral("realized_pnl"), money(p.realizedCents)}};
            if (i && p.quantity != 0) {
                const double avgUnits = double(p.costCents) / double(i->notionalCents(Quantity(p.quantity), Price(i->priceScale))) * double(i->priceScale);
                o.insert(QStringLiteral("average_price"), i->formatPrice(Price(qRound64(avgUnits))));
                if (auto mark = state->lastPrice(i->id)) {
                    o.insert(QStringLiteral("mark"), i->formatPrice(*mark));
                    o.insert(QStringLiteral("market_value"), money(i->notionalCents(Quantity(p.quantity), *mark)));
                    o.insert(QStringLiteral("unrealized_pnl"), money(i->notionalCents(Quantity(p.quantity), *mark) - p.costCents));
                    if (isTreasury(i->kind)) {
                        const QDate settle = analytics::settlementDate(*i, view->date);
                        if (auto dv01 = analytics::dv01PerUnitFace(*i, *mark, settle))
                            o.insert(QStringLiteral("dv01"), *dv01 * double(p.quantity));
                        // Interest apart from price: accrued on the holding, and the carry.
                        const qint64 accrued = analytics::accruedInterestCents(*i, Quantity(std::max<qint64>(0, p.quantity)), settle);
                        o.insert(QStringLiteral("accrued_interest"), money(accrued));
                        o.insert(QStringLiteral("interest_pnl"), money(p.interestCents + accrued));
                    }
                }
            }
            positions.append(o);
        }
        // What the instruments did by themselves to this account (as of the view).
        QJsonArray ownDates;
        for (const TradingState::LifecycleEntry &e : state->lifecycle()) {
            if (e.account != id)
                continue;
            const Instrument *i = reference.instrument(e.instrument);
            ownDates.append(QJsonObject{{QStringLiteral("type"), e.type},
                                        {QStringLiteral("date"), e.date.toString(Qt::ISODate)},
                                        {QStringLiteral("instrument"), e.instrument},
                                        {QStringLiteral("symbol"), i ? i->symbol : e.instrument},
                                        {QStringLiteral("quantity"), e.quantity},
                                        {QStringLiteral("cash"), money(e.cashCents)},
                                        {QStringLiteral("detail"), e.detail}});
        }
        accounts.append(QJsonObject{{QStringLiteral("account"), id},
                                    {QStringLiteral("cash"), money(a.cashCents)},
                                    {QStringLiteral("reserved"), money(a.reservedCents)},
                                    {QStringLiteral("unsettled_buys"), money(a.unsettledBuyCents)},
                                    {QStringLiteral("unsettled_sells"), money(a.unsettledSellCents)},
                                    {QStringLiteral("available"), money(a.availableCents())},
                                    {QStringLiteral("positions"), positions},
                                    {QStringLiteral("coupons_maturities_expiries"), ownDates}});
    }
    QJsonObject result{{QStringLiteral("as_of_sequence"), state->lastSequence()}, {QStringLiteral("accounts"), accounts}};
    if (query.toTimeUs)
        result.insert(QStringLiteral("as_of"), formatUtcMicros(*query.toTimeUs));
    out() << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
    out().flush();
    return Ok;
}

// `instant orders --exceptions`: the executions booked that were not expected (the newest
// TradingState::ExceptionCapacity), oldest first, as a table or, with --json, as JSON.
int printExceptions(const TradingState &state, const ReadQuery &query, bool json)
{
    const QList<TradingState::ExceptionEntry> &rows = state.executionExceptions();
    if (json) {
        QJsonArray array;
        for (const TradingState::ExceptionEntry &e : rows)
            array.append(QJsonObject{{QStringLiteral("sequence"), e.sequence},
                                     {QStringLiteral("time"), formatUtcMicros(e.recordedUs)},
                                     {QStringLiteral("account"), e.account},
                                     {QStringLiteral("order_id"), e.orderId},
                                     {QStringLiteral("exec_id"), e.execId},
                                     {QStringLiteral("kind"), e.kind},
                                     {QStringLiteral("expected"), e.expected},
                                     {QStringLiteral("came"), e.came},
                                     {QStringLiteral("open"), e.acknowledgedBy.isEmpty()},
                                     {QStringLiteral("acknowledged_by"), e.acknowledgedBy.isEmpty() ? QJsonValue() : QJsonValue(e.acknowledgedBy)},
                                     {QStringLiteral("note"), e.note}});
        QJsonObject result{{QStringLiteral("as_of_sequence"), state.lastSequence()},
                           {QStringLiteral("count"), array.size()},
                           {QStringLiteral("total"), state.exceptionsTotal()},
                           {QStringLiteral("open"), state.openExceptions()},
                           {QStringLiteral("exceptions"), array}};
        if (query.toTimeUs)
            result.insert(QStringLiteral("as_of"), formatUtcMicros(*query.toTimeUs));
        out() << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        out().flush();
        return Ok;
    }
    const QStringList header{QStringLiteral("TIME (UTC)"), QStringLiteral("ACCOUNT"), QStringLiteral("ORDER"), QStringLiteral("KIND"),
                             QStringLiteral("EXPECTED"), QStringLiteral("CAME"), QStringLiteral("ACKNOWLEDGED")};
    QList<QStringList> table{header};
    for (const TradingState::ExceptionEntry &e : rows) {
        QString time = formatUtcMicros(e.recordedUs).left(19);
        time.replace(u'T', u' ');
        const QString acknowledged = e.acknowledgedBy.isEmpty()
                                         ? QStringLiteral("open")
                                         : e.note.isEmpty() ? e.acknowledgedBy : QString(e.acknowledgedBy + QStringLiteral(": ") + e.note);
        table.append(QStringList{time, e.account, e.orderId, e.kind, e.expected, e.came, acknowledged});
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : std::as_const(table))
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths[c], line.at(c).size());
    for (const QStringList &line : std::as_const(table)) {
        QString text;
        for (qsizetype c = 0; c < line.size(); ++c)
            text += c + 1 < line.size() ? QString(line.at(c).leftJustified(widths.at(c)) + QStringLiteral("  ")) : line.at(c);
        out() << text << "\n";
    }
    out() << QStringLiteral("%1 exception(s), %2 open; %3 recorded in all%4\n")
                 .arg(rows.size())
                 .arg(state.openExceptions())
                 .arg(state.exceptionsTotal())
                 .arg(query.toTimeUs ? QString(QStringLiteral(", as of ") + formatUtcMicros(*query.toTimeUs)) : QString());
    out().flush();
    return Ok;
}

int orders(const QStringList &args)
{
    const QString command = QStringLiteral("orders");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(asOfOption());
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON (the default for orders; --exceptions prints a table without it).")));
    parser.addOption(QCommandLineOption(QStringLiteral("state"), QStringLiteral("Only orders in this state (e.g. New, Filled)."), QStringLiteral("state")));
    parser.addOption(QCommandLineOption(QStringLiteral("exceptions"),
                                        QStringLiteral("The execution exceptions instead: executions booked that were not expected, "
                                                       "open or acknowledged (a table; with --json, JSON).")));
    if (auto done = parse(parser, args, command, QStringLiteral("Orders with their state, filled quantity and average price, from the event log.")))
        return *done;
    ReadQuery query;
    if (auto bad = asOfQuery(parser, command, query))
        return *bad;
    const QString only = parser.value(QStringLiteral("state"));
    if (!only.isEmpty() && !orderStateFromString(only))
        return usageError(QStringLiteral("unknown state \"%1\"").arg(only), command);
    const bool exceptions = parser.isSet(QStringLiteral("exceptions"));
    if (exceptions && !only.isEmpty())
        return usageError(QStringLiteral("--state lists orders, --exceptions the execution exceptions: one or the other"), command);
    auto view = loadView(parser, query);
    if (!view)
        return storeError(view.error());
    const TradingState *state = &view->state;
    if (exceptions)
        return printExceptions(*state, query, parser.isSet(QStringLiteral("json")));
    const ReferenceData &reference = view->reference;
    QList<const OrderRecord *> list;
    for (const OrderRecord &o : state->orders())
        if (only.isEmpty() || stateName(o.state) == only)
            list.append(&o);
    std::sort(list.begin(), list.end(), [](const OrderRecord *a, const OrderRecord *b) { return a->lastSequence < b->lastSequence; });
    QJsonArray array;
    for (const OrderRecord *o : std::as_const(list)) {
        const Instrument *i = reference.instrument(o->instrument);
        auto fmt = [i](std::optional<Price> p) { return p && i ? QJsonValue(i->formatPrice(*p)) : QJsonValue(); };
        QJsonObject j{{QStringLiteral("order_id"), o->orderId},
                      {QStringLiteral("account"), o->account},
                      {QStringLiteral("instrument"), o->instrument},
                      {QStringLiteral("symbol"), i ? i->symbol : o->instrument},
                      {QStringLiteral("side"), events::toString(o->side)},
                      {QStringLiteral("type"), events::toString(o->type)},
                      {QStringLiteral("tif"), events::toString(o->tif)},
                      {QStringLiteral("quantity"), o->quantity.value()},
                      {QStringLiteral("limit_price"), fmt(o->limitPrice)},
                      {QStringLiteral("stop_price"), fmt(o->stopPrice)},
                      {QStringLiteral("state"), stateName(o->state)},
                      {QStringLiteral("filled"), o->filled.value()},
                      {QStringLiteral("leaves"), o->leaves().value()},
                      {QStringLiteral("average_price"), o->filled.value() > 0 && i ? QJsonValue(averagePriceText(*o, *i)) : QJsonValue()},
                      {QStringLiteral("reason"), o->reason},
                      {QStringLiteral("updated_at"), formatUtcMicros(o->updatedUs)}};
        if (!o->parent.isEmpty())
            j.insert(QStringLiteral("bracket"), o->parent); // a take-profit or exit of this bracket
        array.append(j);
    }
    QJsonObject result{{QStringLiteral("as_of_sequence"), state->lastSequence()}, {QStringLiteral("count"), array.size()}, {QStringLiteral("orders"), array}};
    if (query.toTimeUs)
        result.insert(QStringLiteral("as_of"), formatUtcMicros(*query.toTimeUs));
    out() << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
    out().flush();
    return Ok;
}

int analyticsBond(const QStringList &args)
{
    const QString command = QStringLiteral("analytics bond");
    QCommandLineParser parser;
    for (const auto &[name, help] : std::initializer_list<std::pair<const char *, const char *>>{
             {"coupon", "Coupon, percent a year (4.25)."},
             {"maturity", "Maturity date (ISO 8601)."},
             {"issue", "Dated (issue) date; default: the coupon date before settlement."},
             {"settle", "Settlement date (ISO 8601)."},
             {"price", "Clean price per 100: 99-16, 99-16+, 99-162, 99-16¼ or 99.515625."},
             {"yield", "Yield, percent (4.375)."},
             {"convention", "street (default) or treasury (the auction formula)."}})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QStringLiteral("value")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON.")));
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Price, yield, accrued, dirty price, durations, DV01 and convexity of a Treasury note or bond (QuantLib).")))
        return *done;
    analytics::NoteQuery q;
    bool ok = false;
    q.couponPercent = parser.value(QStringLiteral("coupon")).toDouble(&ok);
    if (!ok)
        return usageError(QStringLiteral("--coupon must be a number of percent, such as 4.25"), command);
    auto maturity = dateOption(parser, QStringLiteral("maturity"));
    auto settle = dateOption(parser, QStringLiteral("settle"));
    if (!maturity || !settle)
        return usageError(QStringLiteral("--maturity and --settle must be dates such as 2035-11-15"), command);
    q.maturity = *maturity;
    q.settle = *settle;
    if (parser.isSet(QStringLiteral("issue"))) {
        auto issue = dateOption(parser, QStringLiteral("issue"));
        if (!issue)
            return usageError(QStringLiteral("--issue must be a date"), command);
        q.dated = *issue;
    }
    if (parser.isSet(QStringLiteral("price")) == parser.isSet(QStringLiteral("yield")))
        return usageError(QStringLiteral("give --price or --yield (one of them)"), command);
    if (parser.isSet(QStringLiteral("price"))) {
        auto units = thirtyseconds::parse(parser.value(QStringLiteral("price")));
        if (units) {
            q.cleanPrice = double(*units) / 256.0;
        } else {
            const double d = parser.value(QStringLiteral("price")).toDouble(&ok);
            if (!ok)
                return usageError(units.message(), command);
            q.cleanPrice = d;
        }
    } else {
        q.yieldPercent = parser.value(QStringLiteral("yield")).toDouble(&ok);
        if (!ok)
            return usageError(QStringLiteral("--yield must be a number of percent, such as 4.375"), command);
    }
    const QString convention = parser.value(QStringLiteral("convention")).toLower();
    if (convention == u"treasury")
        q.convention = analytics::NoteQuery::Convention::Treasury;
    else if (!convention.isEmpty() && convention != u"street")
        return usageError(QStringLiteral("--convention is street or treasury"), command);
    auto a = analytics::analyzeNote(q);
    if (!a)
        return usageError(a.message(), command);
    return printAnalytics(parser, a->toJson());
}

int analyticsBill(const QStringList &args)
{
    const QString command = QStringLiteral("analytics bill");
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(QStringLiteral("maturity"), QStringLiteral("Maturity date."), QStringLiteral("date")));
    parser.addOption(QCommandLineOption(QStringLiteral("settle"), QStringLiteral("Settlement date."), QStringLiteral("date")));
    parser.addOption(QCommandLineOption(QStringLiteral("price"), QStringLiteral("Price per 100 (98.765432)."), QStringLiteral("price")));
    parser.addOption(QCommandLineOption(QStringLiteral("discount"), QStringLiteral("Discount rate, percent."), QStringLiteral("rate")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON.")));
    if (auto done = parse(parser, args, command, QStringLiteral("Price, discount rate and investment rate of a Treasury bill.")))
        return *done;
    analytics::BillQuery q;
    auto maturity = dateOption(parser, QStringLiteral("maturity"));
    auto settle = dateOption(parser, QStringLiteral("settle"));
    if (!maturity || !settle)
        return usageError(QStringLiteral("--maturity and --settle must be dates such as 2027-05-20"), command);
    q.maturity = *maturity;
    q.settle = *settle;
    if (parser.isSet(QStringLiteral("price")) == parser.isSet(QStringLiteral("discount")))
        return usageError(QStringLiteral("give --price or --discount (one of them)"), command);
    bool ok = false;
    if (parser.isSet(QStringLiteral("price")))
        q.price = parser.value(QStringLiteral("price")).toDouble(&ok);
    else
        q.discountPercent = parser.value(QStringLiteral("discount")).toDouble(&ok);
    if (!ok)
        return usageError(QStringLiteral("the price or discount is not a number"), command);
    auto a = analytics::analyzeBill(q);
    if (!a)
        return usageError(a.message(), command);
    return printAnalytics(parser, a->toJson());
}

int analyticsOption(const QStringList &args)
{
    const QString command = QStringLiteral("analytics option");
    QCommandLineParser parser;
    for (const auto &[name, help] : std::initializer_list<std::pair<const char *, const char *>>{
             {"type", "call or put."}, {"spot", "Price of the underlying."}, {"strike", "Strike price."},
             {"expiry", "Expiry date."}, {"vol", "Volatility: 0.25 or 25%."}, {"rate", "Risk-free rate: 0.045 or 4.5%."},
             {"dividend", "Dividend yield: 0.01 or 1% (default 0)."}, {"valuation", "Valuation date (default today)."},
             {"price", "A market price: also solve the implied volatility."}})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QStringLiteral("value")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON.")));
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Black-Scholes-Merton price, delta, gamma, vega, theta, rho and implied volatility (QuantLib).")))
        return *done;
    analytics::OptionQuery q;
    const QString type = parser.value(QStringLiteral("type")).toLower();
    if (type != u"call" && type != u"put")
        return usageError(QStringLiteral("--type is call or put"), command);
    q.call = type == u"call";
    bool ok1 = false, ok2 = false;
    q.spot = parser.value(QStringLiteral("spot")).toDouble(&ok1);
    q.strike = parser.value(QStringLiteral("strike")).toDouble(&ok2);
    if (!ok1 || !ok2)
        return usageError(QStringLiteral("--spot and --strike must be numbers"), command);
    auto expiry = dateOption(parser, QStringLiteral("expiry"));
    if (!expiry)
        return usageError(QStringLiteral("--expiry must be a date"), command);
    q.expiry = *expiry;
    q.valuation = parser.isSet(QStringLiteral("valuation")) ? dateOption(parser, QStringLiteral("valuation")).value_or(QDate())
                                                            : clock().tradeDate();
    if (!q.valuation.isValid())
        return usageError(QStringLiteral("--valuation must be a date"), command);
    auto vol = fractionOption(parser.value(QStringLiteral("vol")));
    auto rate = fractionOption(parser.value(QStringLiteral("rate")));
    auto dividend = parser.isSet(QStringLiteral("dividend")) ? fractionOption(parser.value(QStringLiteral("dividend"))) : std::optional<double>(0.0);
    if (!vol || !rate || !dividend)
        return usageError(QStringLiteral("--vol, --rate and --dividend are fractions (0.25) or percents (25%)"), command);
    q.volatility = *vol;
    q.rate = *rate;
    q.dividend = *dividend;
    if (parser.isSet(QStringLiteral("price"))) {
        bool ok = false;
        q.marketPrice = parser.value(QStringLiteral("price")).toDouble(&ok);
        if (!ok)
            return usageError(QStringLiteral("--price must be a number"), command);
    }
    auto a = analytics::analyzeOption(q);
    if (!a)
        return usageError(a.message(), command);
    return printAnalytics(parser, a->toJson());
}

int copilotKey(const QStringList &args)
{
    const QString command = QStringLiteral("copilot key");
    QCommandLineParser parser;
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Reads the copilot's API key from standard input (one line) and saves it in the OS keychain.")))
        return *done;
    QTextStream in(stdin);
    const QString key = in.readLine().trimmed();
    if (key.isEmpty())
        return usageError(QStringLiteral("no key on standard input"), command);
    Status saved = Secrets::save(QStringLiteral("llm-api-key"), key);
    if (!saved)
        return storeError(saved.error());
    out() << "saved in the keychain\n";
    out().flush();
    return Ok;
}

int copilotAsk(const QStringList &args)
{
    const QString command = QStringLiteral("copilot ask");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(QCommandLineOption(QStringLiteral("endpoint"), QStringLiteral("Chat API base URL (https://api.openai.com, http://127.0.0.1:11434, https://api.cohere.com). Without it, the offline assistant answers."), QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("model"), QStringLiteral("Model name."), QStringLiteral("name")));
    parser.addOption(QCommandLineOption(QStringLiteral("provider"), QStringLiteral("openai (default; also llama.cpp, Ollama) or cohere."), QStringLiteral("name"), QStringLiteral("openai")));
    parser.addOption(QCommandLineOption(QStringLiteral("timeout"), QStringLiteral("Seconds without an answer before giving up (default 60)."), QStringLiteral("s"), QStringLiteral("60")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the answer and any proposal as JSON.")));
    parser.addPositionalArgument(QStringLiteral("question"), QStringLiteral("What to ask, in quotes."));
    if (auto done = parse(parser, args, command,
                          QStringLiteral("Asks the copilot about the book. It may draft an order (printed as JSON); it never sends one. "
                                         "The API key comes from INSTANT_LLM_API_KEY. Every exchange is in the audit log."),
                          true))
        return *done;
    const QString question = parser.positionalArguments().join(u' ').trimmed();
    if (question.isEmpty())
        return usageError(QStringLiteral("ask a question, e.g. instant copilot ask \"what is my DV01?\""), command);
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(store.error());
    auto state = TradingState::replay(**store);
    if (!state)
        return storeError(state.error());
    auto market = marketReference(**store, clock().tradeDate());
    if (!market)
        return storeError(market.error());
    const ReferenceData &reference = *market;
    copilot::CopilotTools tools(*state, reference, store->get(), clock());
    const QString user = qEnvironmentVariable("USER", QStringLiteral("trader"));
    copilot::CopilotAudit audit(**store, QUuid::createUuid().toString(QUuid::Id128).left(12), Actor{user, QStringLiteral("trader")});
    std::unique_ptr<copilot::LlmClient> client;
    if (parser.isSet(QStringLiteral("endpoint"))) {
        copilot::LlmSettings settings;
        settings.endpoint = QUrl(parser.value(QStringLiteral("endpoint")));
        if (!settings.endpoint.isValid() || (settings.endpoint.scheme() != u"https" && settings.endpoint.scheme() != u"http"))
            return usageError(QStringLiteral("--endpoint must be an http(s) URL"), command);
        settings.model = parser.value(QStringLiteral("model"));
        if (settings.model.isEmpty())
            return usageError(QStringLiteral("--model is needed with --endpoint"), command);
        const QString provider = parser.value(QStringLiteral("provider")).toLower();
        if (provider != u"openai" && provider != u"cohere")
            return usageError(QStringLiteral("--provider is openai or cohere"), command);
        settings.provider = provider == u"cohere" ? copilot::Provider::Cohere : copilot::Provider::OpenAi;
        settings.apiKey = Secrets::llmApiKey(); // INSTANT_LLM_API_KEY or the keychain
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || seconds <= 0)
            return usageError(QStringLiteral("--timeout is a number of seconds"), command);
        settings.timeout = std::chrono::milliseconds(seconds * 1000);
        client = std::make_unique<copilot::LlmClient>(settings);
    }
    copilot::CopilotSession session(client.get(), tools, &audit);
    const bool json = parser.isSet(QStringLiteral("json"));
    auto answer = QCoro::waitFor(session.ask(question, [json](const QString &token) {
        if (!json) {
            out() << token; // token by token
            out().flush();
        }
    }));
    if (!answer) {
        err() << "instant: the copilot could not answer: " << answer.message() << "\n";
        err().flush();
        return Failed;
    }
    if (json) {
        QJsonObject o{{QStringLiteral("answer"), *answer}, {QStringLiteral("mode"), client ? QStringLiteral("model") : QStringLiteral("offline")}};
        if (tools.proposal())
            o.insert(QStringLiteral("proposal"), tools.proposal()->toJson());
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    } else {
        out() << "\n";
        if (tools.proposal())
            out() << QString::fromUtf8(QJsonDocument(tools.proposal()->toJson()).toJson(QJsonDocument::Indented));
    }
    out().flush();
    return Ok;
}

struct Command
{
    QString group;
    QString verb;
    int (*run)(const QStringList &);
    QString summary;
};

const QList<Command> &commands()
{
    static const QList<Command> list{
        {QStringLiteral("audit"), QStringLiteral("verify"), &auditVerify,
         QStringLiteral("verify the hash chain (and a signed checkpoint); exit 1 names the first bad sequence")},
        {QStringLiteral("audit"), QStringLiteral("checkpoint"), &auditCheckpoint,
         QStringLiteral("sign the chain head with an Ed25519 key, for verify --checkpoint")},
        {QStringLiteral("audit"), QStringLiteral("export"), &auditExport,
         QStringLiteral("export events as JSON lines or CSV, optionally between two times")},
        {QStringLiteral("store"), QStringLiteral("info"), &storeInfo, QStringLiteral("show a store's chain head")},
        {QStringLiteral("store"), QStringLiteral("init"), &storeInit, QStringLiteral("create an event store")},
        {QStringLiteral("store"), QStringLiteral("password"), &storePassword,
         QStringLiteral("save a PostgreSQL store's password in the OS keychain")},
        {QStringLiteral("demo"), QStringLiteral("run"), &demoRun,
         QStringLiteral("run simulated traders through the whole lifecycle (--headless)")},
        {QStringLiteral("venue"), QStringLiteral("serve"), &venueServe,
         QStringLiteral("serve the simulated venue: FIX 4.4 orders, WebSocket market data")},
        {QStringLiteral("analytics"), QStringLiteral("bond"), &analyticsBond, QStringLiteral("Treasury note or bond: price, yield, risk")},
        {QStringLiteral("analytics"), QStringLiteral("bill"), &analyticsBill, QStringLiteral("Treasury bill: price, discount, investment rate")},
        {QStringLiteral("analytics"), QStringLiteral("option"), &analyticsOption, QStringLiteral("option price, Greeks, implied volatility")},
        {QStringLiteral("copilot"), QStringLiteral("ask"), &copilotAsk, QStringLiteral("ask the copilot; it drafts, never sends")},
        {QStringLiteral("copilot"), QStringLiteral("key"), &copilotKey, QStringLiteral("save the copilot's API key in the OS keychain")},
        {QStringLiteral("refdata"), QStringLiteral("import"), &refdataImport,
         QStringLiteral("load Treasury auction results or a list of equities and options into the store")},
        {QStringLiteral("refdata"), QStringLiteral("list"), &refdataList,
         QStringLiteral("the instruments the store has recorded (or the demo market of a date), now or --as-of a time")},
        {QStringLiteral("positions"), QString(), &positions, QStringLiteral("positions and cash, now or --as-of a time")},
        {QStringLiteral("orders"), QString(), &orders, QStringLiteral("orders with state and fills, now or --as-of a time")},
    };
    return list;
}

} // namespace

Result<QUrl> parseFeedUrl(const QString &text)
{
    const QUrl url(text);
    if (!url.isValid() || (url.scheme() != u"ws" && url.scheme() != u"wss") || url.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("feed URL \"%1\": expected ws://HOST:PORT/ or wss://HOST:PORT/").arg(text));
    return url;
}

QString versionText()
{
    return QStringLiteral("instant %1 (commit %2)").arg(QStringLiteral(INSTANT_VERSION), QStringLiteral(INSTANT_GIT_COMMIT));
}

QString topLevelHelp()
{
    QString text = QStringLiteral(
        "Usage: instant [--store URL] [--demo]        start the workstation (demo mode by default)\n"
        "       instant <command> <subcommand> [options]\n\n"
        "Commands:\n");
    for (const Command &c : commands())
        text += QStringLiteral("  %1 %2  %3\n").arg(c.group, -9).arg(c.verb, -10).arg(c.summary);
    text += QStringLiteral("\n`instant <command> <subcommand> --help` describes each one.\n"
                           "Exit codes: 0 success, 1 a check failed, 2 bad input or the store cannot be used.\n");
    return text;
}

bool isHeadless(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString first = arguments.at(1);
    if (first == u"--help" || first == u"-h" || first == u"--version" || first == u"-v" || first == u"help")
        return true;
    if (first == u"demo")
        return arguments.value(2) == u"run";
    for (const Command &c : commands())
        if (c.group == first)
            return true;
    return false;
}

int run(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    if (first == u"--version" || first == u"-v") {
        out() << versionText() << "\n";
        out().flush();
        return Ok;
    }
    if (first == u"--help" || first == u"-h" || first == u"help") {
        out() << topLevelHelp();
        out().flush();
        return Ok;
    }
    const QString verb = arguments.value(2);
    QStringList verbs;
    for (const Command &c : commands()) {
        if (c.group != first)
            continue;
        if (c.verb.isEmpty()) {
            QStringList rest{arguments.constFirst()};
            rest += arguments.mid(2);
            return c.run(rest);
        }
        verbs << c.verb;
        if (c.verb == verb) {
            QStringList rest{arguments.constFirst()};
            rest += arguments.mid(3);
            return c.run(rest);
        }
    }
    if (verb.isEmpty() || verb == u"--help" || verb == u"-h") {
        out() << "Usage: instant " << first << " <" << verbs.join(u'|') << "> [options]\n";
        out().flush();
        return verb.isEmpty() ? BadInput : Ok;
    }
    return usageError(QStringLiteral("unknown command \"%1 %2\" (known: %3)").arg(first, verb, verbs.join(QStringLiteral(", "))),
                      QString());
}

} // namespace instant::cli
