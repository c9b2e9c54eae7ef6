// `instant audit export --bundle` and tools/verify_bundle.py, as a regulator would use them: a demo
// run's store, exported, checked by the outside verifier; then the bundle altered in every way we
// could think of, each alteration found and named.

#include "audit/checkpoint.h"
#include "audit/timestamptoken.h"
#include "events/eventhash.h"
#include "loopbacktsa.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace instant;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("INSTANT_KEYCHAIN"), QStringLiteral("off"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000))
        qFatal("%s did not finish", qPrintable(program));
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput())};
}

Run instantCli(const QStringList &args)
{
    return run(QStringLiteral(INSTANT_BINARY), args);
}

// The interpreter itself, not a launcher in front of it (a pyenv shim costs half a second a run).
QString python()
{
    static const QString executable = [] {
        const Run r = run(QStringLiteral(PYTHON3_EXECUTABLE), {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.executable)")});
        const QString path = r.out.trimmed();
        return r.exitCode == 0 && QFileInfo(path).isExecutable() ? path : QStringLiteral(PYTHON3_EXECUTABLE);
    }();
    return executable;
}

Run verifyBundle(const QString &dir)
{
    return run(python(), {QStringLiteral(VERIFY_BUNDLE_SCRIPT), dir});
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = QDir(to).filePath(QDir(from).relativeFilePath(path));
        QDir().mkpath(QFileInfo(target).absolutePath());
        QVERIFY(QFile::copy(path, target));
    }
}

// The lines of a file, each without its end (line ends are written back as they were).
QList<QByteArray> lines(const QString &path, const QByteArray &end = "\n")
{
    QList<QByteArray> result = readAll(path).split('\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    if (end == "\r\n")
        for (QByteArray &l : result)
            l.chop(1);
    return result;
}

void writeLines(const QString &path, const QList<QByteArray> &list, const QByteArray &end = "\n")
{
    QByteArray bytes;
    for (const QByteArray &l : list)
        bytes += l + end;
    writeAll(path, bytes);
}

QJsonObject object(const QByteArray &line)
{
    return QJsonDocument::fromJson(line).object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The bundle's manifest made to agree with a file again: what an alterer who knows the format does.
void refreshManifest(const QString &dir, const QString &file)
{
    const QString manifestPath = QDir(dir).filePath(QStringLiteral("manifest.json"));
    QJsonObject manifest = object(readAll(manifestPath));
    QJsonArray files = manifest.value(QStringLiteral("files")).toArray();
    const QByteArray bytes = readAll(QDir(dir).filePath(file));
    for (qsizetype i = 0; i < files.size(); ++i) {
        QJsonObject entry = files.at(i).toObject();
        if (entry.value(QStringLiteral("path")).toString() != file)
            continue;
        entry.insert(QStringLiteral("sha256"),
                     QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        entry.insert(QStringLiteral("size"), bytes.size());
        files.replace(i, entry);
    }
    manifest.insert(QStringLiteral("files"), files);
    writeAll(manifestPath, QJsonDocument(manifest).toJson());
}

RecordedEvent recorded(const QJsonObject &o)
{
    RecordedEvent e;
    e.sequence = o.value(QStringLiteral("sequence")).toInteger();
    e.streamId = o.value(QStringLiteral("stream_id")).toString();
    e.streamVersion = o.value(QStringLiteral("stream_version")).toInteger();
    e.type = o.value(QStringLiteral("type")).toString();
    e.schemaVersion = int(o.value(QStringLiteral("schema_version")).toInteger());
    e.recordedUs = o.value(QStringLiteral("recorded_us")).toInteger();
    e.actor = {o.value(QStringLiteral("actor_user")).toString(), o.value(QStringLiteral("actor_role")).toString()};
    e.correlationId = o.value(QStringLiteral("correlation_id")).toString();
    e.causationId = o.value(QStringLiteral("causation_id")).toString();
    e.payload = o.value(QStringLiteral("payload")).toString().toUtf8();
    return e;
}

} // namespace

class TestAuditBundle : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    test::LoopbackTsa m_tsa;
    QString m_bundle;
    QString m_url;
    qint64 m_events = 0;

    QString path(const QString &name) const { return m_tmp.filePath(name); }

    // The first event of a type in the bundle's events.jsonl, as its sequence.
    static qint64 firstOfType(const QString &dir, const QString &type)
    {
        for (const QByteArray &l : lines(QDir(dir).filePath(QStringLiteral("events.jsonl"))))
            if (object(l).value(QStringLiteral("type")).toString() == type)
                return object(l).value(QStringLiteral("sequence")).toInteger();
        return 0;
    }

    // Alters the bundle in `dir` as `how` says; returns what the verifier must name.
    QString alter(const QString &dir, const QString &how)
    {
        const QString events = QDir(dir).filePath(QStringLiteral("events.jsonl"));
        const QString csv = QDir(dir).filePath(QStringLiteral("events.csv"));
        const QString instruments = QDir(dir).filePath(QStringLiteral("instruments.jsonl"));
        const QString orders = QDir(dir).filePath(QStringLiteral("orders.jsonl"));
        const QString manifestPath = QDir(dir).filePath(QStringLiteral("manifest.json"));
        const qint64 accepted = firstOfType(dir, QStringLiteral("OrderAccepted"));
        QList<QByteArray> ev = lines(events);
        auto editEvent = [&](qint64 sequence, const std::function<void(QJsonObject &)> &edit, bool refresh = true) {
            QJsonObject o = object(ev[sequence - 1]);
            edit(o);
            ev[sequence - 1] = compact(o);
            writeLines(events, ev);
            if (refresh)
                refreshManifest(dir, QStringLiteral("events.jsonl"));
        };
        auto seq = [](qint64 s) { return QString::number(s); };
        const QString at = QStringLiteral("events.jsonl sequence %1: ");
        const QString mismatch = QStringLiteral("its hash is not the hash of its contents");

        if (how == u"payload byte") {
            editEvent(accepted, [](QJsonObject &o) {
                QString p = o.value(QStringLiteral("payload")).toString();
                p.replace(QStringLiteral("\"quantity\":"), QStringLiteral("\"quantity\":1"));
                o.insert(QStringLiteral("payload"), p);
            });
            return at.arg(accepted) + mismatch;
        }
        if (how == u"payload byte, manifest left as it was") {
            editEvent(accepted, [](QJsonObject &o) { // one digit for another: the size stays
                QString p = o.value(QStringLiteral("payload")).toString();
                const qsizetype i = p.indexOf(QStringLiteral("\"quantity\":")) + 11;
                p[i] = p[i] == u'9' ? u'8' : QChar(p[i].unicode() + 1);
                o.insert(QStringLiteral("payload"), p);
            }, false);
            return QStringLiteral("events.jsonl: its SHA-256 is not the one in the manifest");
        }
        if (how == u"payload re-encoded (same JSON, other bytes)") {
            editEvent(accepted, [](QJsonObject &o) {
                o.insert(QStringLiteral("payload"), o.value(QStringLiteral("payload")).toString().replace(u':', QStringLiteral(": ")));
            });
            return at.arg(accepted) + mismatch;
        }
        if (how == u"hash changed") {
            editEvent(accepted, [](QJsonObject &o) {
                QString h = o.value(QStringLiteral("hash")).toString();
                h[0] = h[0] == u'0' ? u'1' : u'0';
                o.insert(QStringLiteral("hash"), h);
            });
            return at.arg(accepted) + mismatch;
        }
        if (how == u"event altered and its hash recomputed") {
            editEvent(accepted, [](QJsonObject &o) {
                o.insert(QStringLiteral("payload"), QString(o.value(QStringLiteral("payload")).toString() + u' '));
                const QByteArray prev = QByteArray::fromHex(o.value(QStringLiteral("prev_hash")).toString().toLatin1());
                o.insert(QStringLiteral("hash"), QString::fromLatin1(eventhash::chainHash(prev, recorded(o)).toHex()));
            });
            return at.arg(accepted + 1) + QStringLiteral("its previous hash is not the hash of the event before it");
        }
        if (how == u"recorded time changed") {
            editEvent(accepted, [](QJsonObject &o) {
                o.insert(QStringLiteral("recorded_us"), o.value(QStringLiteral("recorded_us")).toInteger() - 1'000'000);
                o.insert(QStringLiteral("recorded_at"), formatUtcMicros(o.value(QStringLiteral("recorded_us")).toInteger()));
            });
            return at.arg(accepted) + mismatch;
        }
        if (how == u"readable time changed") {
            editEvent(accepted, [](QJsonObject &o) {
                o.insert(QStringLiteral("recorded_at"), formatUtcMicros(o.value(QStringLiteral("recorded_us")).toInteger() + 3'600'000'000));
            });
            return at.arg(accepted) + QStringLiteral("recorded_at: not the same time as recorded_us");
        }
        if (how == u"actor changed") {
            editEvent(accepted, [](QJsonObject &o) { o.insert(QStringLiteral("actor_user"), QStringLiteral("mallory")); });
            return at.arg(accepted) + mismatch;
        }
        if (how == u"stream version changed") {
            editEvent(accepted, [](QJsonObject &o) {
                o.insert(QStringLiteral("stream_version"), o.value(QStringLiteral("stream_version")).toInteger() + 1);
            });
            return at.arg(accepted) + mismatch;
        }
        if (how == u"event removed") {
            ev.removeAt(19);
            writeLines(events, ev);
            refreshManifest(dir, QStringLiteral("events.jsonl"));
            return at.arg(21) + QStringLiteral("expected sequence 20 here");
        }
        if (how == u"two events swapped") {
            ev.swapItemsAt(19, 20);
            writeLines(events, ev);
            refreshManifest(dir, QStringLiteral("events.jsonl"));
            return at.arg(21) + QStringLiteral("expected sequence 20 here");
        }
        if (how == u"event duplicated") {
            ev.insert(20, ev.at(19));
            writeLines(events, ev);
            refreshManifest(dir, QStringLiteral("events.jsonl"));
            return at.arg(20) + QStringLiteral("expected sequence 21 here");
        }
        if (how == u"last event removed") {
            ev.removeLast();
            writeLines(events, ev);
            refreshManifest(dir, QStringLiteral("events.jsonl"));
            return QStringLiteral("manifest.json: head sequence %1 (%1 events), but events.jsonl ends at sequence %2")
                .arg(m_events).arg(m_events - 1);
        }
        if (how == u"head hash in the manifest changed") {
            QJsonObject manifest = object(readAll(manifestPath));
            QJsonObject head = manifest.value(QStringLiteral("head")).toObject();
            head.insert(QStringLiteral("hash"), QString(64, u'a'));
            manifest.insert(QStringLiteral("head"), head);
            writeAll(manifestPath, QJsonDocument(manifest).toJson());
            return QStringLiteral("manifest.json: head hash %1 is not the hash of sequence %2").arg(QString(64, u'a'), seq(m_events));
        }
        if (how == u"file hash in the manifest changed") {
            QByteArray m = readAll(manifestPath);
            const QJsonArray files = object(m).value(QStringLiteral("files")).toArray();
            for (const QJsonValue &f : files)
                if (f.toObject().value(QStringLiteral("path")).toString() == u"orders.jsonl") {
                    const QByteArray sha = f.toObject().value(QStringLiteral("sha256")).toString().toLatin1();
                    m.replace(sha, QByteArray(sha).replace(0, 1, sha.startsWith('0') ? "1" : "0"));
                }
            writeAll(manifestPath, m);
            return QStringLiteral("orders.jsonl: its SHA-256 is not the one in the manifest");
        }
        if (how == u"file truncated") {
            QByteArray bytes = readAll(events);
            writeAll(events, bytes.left(bytes.size() - 100));
            return QStringLiteral("events.jsonl: %1 bytes, the manifest says %2").arg(bytes.size() - 100).arg(bytes.size());
        }
        if (how == u"file truncated, manifest updated") {
            QByteArray bytes = readAll(events);
            writeAll(events, bytes.left(bytes.size() - 100));
            refreshManifest(dir, QStringLiteral("events.jsonl"));
            return QStringLiteral("events.jsonl: the last line is cut short");
        }
        const QString signatures = QDir(dir).filePath(QStringLiteral("signatures.jsonl"));
        if (how == u"batch signature altered" || how == u"batch signature removed") {
            QList<QByteArray> batches = lines(signatures);
            const qsizetype i = batches.size() / 2;
            const QJsonObject b = object(batches.at(i));
            const qint64 first = b.value(QStringLiteral("first_sequence")).toInteger();
            if (how == u"batch signature removed") {
                batches.removeAt(i);
            } else {
                QByteArray signature = QByteArray::fromBase64(b.value(QStringLiteral("signature")).toString().toLatin1());
                signature[5] = char(signature[5] ^ 0x20);
                QJsonObject altered = b;
                altered.insert(QStringLiteral("signature"), QString::fromLatin1(signature.toBase64()));
                batches[i] = compact(altered);
            }
            writeLines(signatures, batches);
            refreshManifest(dir, QStringLiteral("signatures.jsonl"));
            return at.arg(first) + (how == u"batch signature removed"
                                        ? QStringLiteral("it has no writer signature")
                                        : QStringLiteral("the signature of batch %1 to %2 does not verify")
                                              .arg(first)
                                              .arg(b.value(QStringLiteral("last_sequence")).toInteger()));
        }
        if (how == u"writer key changed in the manifest") {
            QJsonObject manifest = object(readAll(manifestPath));
            QJsonArray keys = manifest.value(QStringLiteral("public_keys")).toArray();
            QJsonObject key = keys.at(0).toObject();
            key.insert(QStringLiteral("public_key"), QString::fromLatin1(QByteArray(32, 'k').toBase64()));
            keys.replace(0, key);
            manifest.insert(QStringLiteral("public_keys"), keys);
            writeAll(manifestPath, QJsonDocument(manifest).toJson());
            return QStringLiteral("manifest.json: public key %1 is not listed as the desk-keys events enrol it")
                .arg(key.value(QStringLiteral("key_id")).toString());
        }
        if (how == u"time-stamp token altered" || how == u"another CA carried") {
            const QString name = QStringLiteral("checkpoints/desk.checkpoint.json");
            if (how == u"another CA carried") {
                QFile::remove(QDir(dir).filePath(QStringLiteral("tsa/ca.pem")));
                QFile::copy(m_tsa.otherCaFile(), QDir(dir).filePath(QStringLiteral("tsa/ca.pem")));
                refreshManifest(dir, QStringLiteral("tsa/ca.pem"));
            } else {
                const QString file = QDir(dir).filePath(name);
                QJsonObject o = object(readAll(file));
                QByteArray token = QByteArray::fromBase64(o.value(QStringLiteral("timestamp_token")).toString().toLatin1());
                token[token.size() - 20] = char(token[token.size() - 20] ^ 0x01);
                o.insert(QStringLiteral("timestamp_token"), QString::fromLatin1(token.toBase64()));
                writeAll(file, QJsonDocument(o).toJson());
                refreshManifest(dir, name);
            }
            return name + QStringLiteral(": its time-stamp token does not verify against the carried CA");
        }
        if (how == u"file missing") {
            QFile::remove(instruments);
            return QStringLiteral("instruments.jsonl: listed in the manifest but missing");
        }
        if (how == u"file added") {
            writeAll(QDir(dir).filePath(QStringLiteral("notes.txt")), "nothing to see\n");
            return QStringLiteral("notes.txt: in the bundle but not in the manifest");
        }
        if (how == u"CSV edited") {
            QList<QByteArray> rows = lines(csv, "\r\n");
            rows[accepted].replace(",demo,trader,", ",mallory,trader,"); // the header is row 0
            writeLines(csv, rows, "\r\n");
            refreshManifest(dir, QStringLiteral("events.csv"));
            return QStringLiteral("events.csv sequence %1: does not say what events.jsonl says (actor_user)").arg(accepted);
        }
        if (how == u"CSV row removed") {
            QList<QByteArray> rows = lines(csv, "\r\n");
            rows.removeAt(30);
            writeLines(csv, rows, "\r\n");
            refreshManifest(dir, QStringLiteral("events.csv"));
            return QStringLiteral("events.csv sequence 30: does not say what events.jsonl says");
        }
        if (how == u"instrument altered") {
            QList<QByteArray> list = lines(instruments);
            QJsonObject o = object(list[0]);
            QJsonObject instrument = o.value(QStringLiteral("instrument")).toObject();
            instrument.insert(QStringLiteral("description"), QStringLiteral("Something else"));
            o.insert(QStringLiteral("instrument"), instrument);
            list[0] = compact(o);
            writeLines(instruments, list);
            refreshManifest(dir, QStringLiteral("instruments.jsonl"));
            return QStringLiteral("instruments.jsonl sequence %1: instrument is not what the event says")
                .arg(o.value(QStringLiteral("sequence")).toInteger());
        }
        if (how == u"instrument removed") {
            QList<QByteArray> list = lines(instruments);
            const qint64 removed = object(list[1]).value(QStringLiteral("sequence")).toInteger();
            list.removeAt(1);
            writeLines(instruments, list);
            refreshManifest(dir, QStringLiteral("instruments.jsonl"));
            return QStringLiteral("instruments.jsonl sequence %1: line 2 is sequence").arg(removed);
        }
        if (how == u"order terms altered") {
            QList<QByteArray> list = lines(orders);
            QJsonObject o = object(list[0]);
            QJsonObject terms = o.value(QStringLiteral("terms")).toObject();
            terms.insert(QStringLiteral("quantity"), terms.value(QStringLiteral("quantity")).toInteger() * 2);
            o.insert(QStringLiteral("terms"), terms);
            list[0] = compact(o);
            writeLines(orders, list);
            refreshManifest(dir, QStringLiteral("orders.jsonl"));
            return QStringLiteral("orders.jsonl order %1 terms: not the terms").arg(o.value(QStringLiteral("order_id")).toString());
        }
        if (how == u"execution's price altered") {
            QList<QByteArray> list = lines(orders);
            for (QByteArray &l : list) {
                QJsonObject o = object(l);
                QJsonArray executions = o.value(QStringLiteral("executions")).toArray();
                if (executions.isEmpty())
                    continue;
                QJsonObject fill = executions.at(0).toObject();
                QJsonObject details = fill.value(QStringLiteral("details")).toObject();
                details.insert(QStringLiteral("price"), details.value(QStringLiteral("price")).toInteger() - 1);
                fill.insert(QStringLiteral("details"), details);
                executions.replace(0, fill);
                o.insert(QStringLiteral("executions"), executions);
                l = compact(o);
                writeLines(orders, list);
                refreshManifest(dir, QStringLiteral("orders.jsonl"));
                return QStringLiteral("orders.jsonl order %1 executions sequence %2: details is not what the event says")
                    .arg(o.value(QStringLiteral("order_id")).toString())
                    .arg(fill.value(QStringLiteral("sequence")).toInteger());
            }
            return QStringLiteral("no order with an execution");
        }
        if (how == u"a fill left out of an order's executions") {
            QList<QByteArray> list = lines(orders);
            for (QByteArray &l : list) {
                QJsonObject o = object(l);
                QJsonArray executions = o.value(QStringLiteral("executions")).toArray();
                if (executions.isEmpty())
                    continue;
                executions.removeAt(0);
                o.insert(QStringLiteral("executions"), executions);
                l = compact(o);
                writeLines(orders, list);
                refreshManifest(dir, QStringLiteral("orders.jsonl"));
                return QStringLiteral("orders.jsonl order %1 executions: not the order's executions")
                    .arg(o.value(QStringLiteral("order_id")).toString());
            }
            return QStringLiteral("no order with an execution");
        }
        if (how == u"an order's account changed") {
            QList<QByteArray> list = lines(orders);
            QJsonObject o = object(list[1]);
            o.insert(QStringLiteral("account"), QStringLiteral("SIM-09"));
            list[1] = compact(o);
            writeLines(orders, list);
            refreshManifest(dir, QStringLiteral("orders.jsonl"));
            return QStringLiteral("orders.jsonl order %1 account: not the account").arg(o.value(QStringLiteral("order_id")).toString());
        }
        if (how == u"an event left out of an order's history") {
            QList<QByteArray> list = lines(orders);
            QJsonObject o = object(list[0]);
            QJsonArray history = o.value(QStringLiteral("history")).toArray();
            history.removeLast();
            o.insert(QStringLiteral("history"), history);
            list[0] = compact(o);
            writeLines(orders, list);
            refreshManifest(dir, QStringLiteral("orders.jsonl"));
            return QStringLiteral("orders.jsonl order %1: its history is not every event that names the order")
                .arg(o.value(QStringLiteral("order_id")).toString());
        }
        if (how == u"order memorandum removed") {
            QList<QByteArray> list = lines(orders);
            const QString id = object(list[2]).value(QStringLiteral("order_id")).toString();
            list.removeAt(2);
            writeLines(orders, list);
            refreshManifest(dir, QStringLiteral("orders.jsonl"));
            return QStringLiteral("orders.jsonl order %1: no memorandum").arg(id);
        }
        if (how == u"checkpoint edited") {
            const QString file = QDir(dir).filePath(QStringLiteral("checkpoints/desk.checkpoint.json"));
            QJsonObject o = object(readAll(file));
            o.insert(QStringLiteral("signed_at"), QStringLiteral("2030-01-01T00:00:00.000000Z"));
            writeAll(file, QJsonDocument(o).toJson());
            refreshManifest(dir, QStringLiteral("checkpoints/desk.checkpoint.json"));
            return QStringLiteral("checkpoints/desk.checkpoint.json sequence %1: its signature does not verify").arg(m_events);
        }
        return QStringLiteral("unknown alteration");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_url = QStringLiteral("sqlite://") + path(QStringLiteral("demo.db"));
        Run r = instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), m_url,
                            QStringLiteral("--orders"), QStringLiteral("16"), QStringLiteral("--seed"), QStringLiteral("3"),
                            QStringLiteral("--demo-date"), QStringLiteral("2026-11-20")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        // Someone looked at the orders: a read, recorded and signed like every other batch.
        r = instantCli({QStringLiteral("orders"), QStringLiteral("--store"), m_url});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        r = instantCli({QStringLiteral("audit"), QStringLiteral("checkpoint"), QStringLiteral("--store"), m_url,
                        QStringLiteral("--new-key"), path(QStringLiteral("desk.pem")), QStringLiteral("--out"),
                        path(QStringLiteral("desk.checkpoint.json"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        // Time-stamped by the loopback authority (here, in this process: the server answers while
        // this thread waits in its event loop).
        QVERIFY(m_tsa.ready());
        auto checkpoint = readCheckpoint(path(QStringLiteral("desk.checkpoint.json")));
        QVERIFY(checkpoint);
        auto token = requestTimestamp(QUrl(m_tsa.url()), checkpoint->timestampedDigest());
        QVERIFY2(token, qPrintable(token.message()));
        checkpoint->timestampToken = token->der;
        QFile::remove(path(QStringLiteral("desk.checkpoint.json")));
        QVERIFY(writeCheckpoint(*checkpoint, path(QStringLiteral("desk.checkpoint.json"))));
        m_bundle = path(QStringLiteral("bundle"));
        r = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), m_url, QStringLiteral("--bundle"),
                        m_bundle, QStringLiteral("--checkpoint"), path(QStringLiteral("desk.checkpoint.json")),
                        QStringLiteral("--tsa-ca"), m_tsa.caFile()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        const QJsonObject manifest = object(readAll(QDir(m_bundle).filePath(QStringLiteral("manifest.json"))));
        m_events = manifest.value(QStringLiteral("head")).toObject().value(QStringLiteral("sequence")).toInteger();
        QVERIFY2(m_events > 40, qPrintable(QString::number(m_events)));
    }

    void intactBundleVerifies()
    {
        QVERIFY(readAll(QDir(m_bundle).filePath(QStringLiteral("events.jsonl"))).contains("\"type\":\"RecordsRead\""));
        const Run r = verifyBundle(m_bundle);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("intact: 7 files, %1 events").arg(m_events)), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("by /CN=Loopback TSA, verified against tsa/ca.pem")), qPrintable(r.out));
        // The demo run's workstation key signed every batch: the store had no administrator, so
        // the key became it.
        QVERIFY2(r.out.contains(QStringLiteral("writers: %1 events in ").arg(m_events)), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("1 keys, administrator SHA256:")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("16 orders")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("signature verified")), qPrintable(r.out));
    }

    void manifestNamesEveryFileAndTheHead()
    {
        const QJsonObject manifest = object(readAll(QDir(m_bundle).filePath(QStringLiteral("manifest.json"))));
        QCOMPARE(manifest.value(QStringLiteral("canonical_bytes_version")).toInt(), 1);
        QVERIFY(manifest.value(QStringLiteral("public_keys")).isArray());
        QVERIFY(manifest.value(QStringLiteral("timestamp_tokens")).isArray());
        QStringList paths;
        for (const QJsonValue &f : manifest.value(QStringLiteral("files")).toArray())
            paths << f.toObject().value(QStringLiteral("path")).toString();
        QCOMPARE(paths, (QStringList{QStringLiteral("events.jsonl"), QStringLiteral("events.csv"), QStringLiteral("instruments.jsonl"),
                                     QStringLiteral("orders.jsonl"), QStringLiteral("signatures.jsonl"),
                                     QStringLiteral("checkpoints/desk.checkpoint.json"), QStringLiteral("tsa/ca.pem")}));
        // The head is the store's event at that sequence; the export itself was recorded next, as a
        // read (RecordsRead) by whoever exported.
        const QJsonObject head = manifest.value(QStringLiteral("head")).toObject();
        const Run r = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), m_url});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> stored = r.out.toUtf8().split('\n');
        const qint64 headSequence = head.value(QStringLiteral("sequence")).toInteger();
        QVERIFY(headSequence > 0 && stored.size() > headSequence);
        const QJsonObject atHead = object(stored.at(headSequence - 1));
        QCOMPARE(atHead.value(QStringLiteral("sequence")).toInteger(), headSequence);
        QCOMPARE(atHead.value(QStringLiteral("hash")).toString(), head.value(QStringLiteral("hash")).toString());
        const QJsonObject exportRead = object(stored.at(headSequence));
        QCOMPARE(exportRead.value(QStringLiteral("type")).toString(), QStringLiteral("RecordsRead"));
        QCOMPARE(exportRead.value(QStringLiteral("payload")).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("exported"));
        QCOMPARE(exportRead.value(QStringLiteral("payload")).toObject().value(QStringLiteral("records")).toInteger(), headSequence);
        // Every order has its terms, when it was received and who was responsible.
        for (const QByteArray &l : lines(QDir(m_bundle).filePath(QStringLiteral("orders.jsonl")))) {
            const QJsonObject o = object(l);
            QVERIFY(o.value(QStringLiteral("terms")).toObject().contains(QStringLiteral("instrument")));
            QVERIFY(o.value(QStringLiteral("received")).isObject());
            QCOMPARE(o.value(QStringLiteral("responsible")).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("trader"));
        }
    }

    void bundleDirectoryMustBeNew()
    {
        const Run r = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), m_url,
                                  QStringLiteral("--bundle"), m_bundle});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("is not empty")), qPrintable(r.out));
    }

    void bundleRefusals()
    {
        const QStringList bundle{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), m_url,
                                 QStringLiteral("--bundle"), path(QStringLiteral("refused"))};
        Run r = instantCli(bundle + QStringList{QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("it takes no --format")), qPrintable(r.out));
        r = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), m_url, QStringLiteral("--checkpoint"),
                        path(QStringLiteral("desk.checkpoint.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("--checkpoint goes with --bundle")), qPrintable(r.out));
        // A checkpoint of another chain is not carried: it would vouch for nothing in this bundle.
        const QString other = QStringLiteral("sqlite://") + path(QStringLiteral("other.db"));
        r = instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), other,
                        QStringLiteral("--orders"), QStringLiteral("8"), QStringLiteral("--seed"), QStringLiteral("4"),
                        QStringLiteral("--demo-date"), QStringLiteral("2026-11-20")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        r = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), other, QStringLiteral("--bundle"),
                        path(QStringLiteral("other-bundle")), QStringLiteral("--checkpoint"), path(QStringLiteral("desk.checkpoint.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("is not of this chain")) || r.out.contains(QStringLiteral("beyond the store's head")),
                 qPrintable(r.out));
    }

    void alteredBundleIsNamed_data()
    {
        QTest::addColumn<QString>("how");
        for (const char *how : {"payload byte", "payload byte, manifest left as it was", "payload re-encoded (same JSON, other bytes)",
                                "hash changed", "event altered and its hash recomputed", "recorded time changed",
                                "readable time changed", "actor changed", "stream version changed", "event removed",
                                "two events swapped", "event duplicated", "last event removed", "head hash in the manifest changed",
                                "file hash in the manifest changed", "file truncated", "file truncated, manifest updated",
                                "file missing", "file added", "CSV edited", "CSV row removed", "instrument altered",
                                "instrument removed", "order terms altered", "execution's price altered", "a fill left out of an order's executions", "an order's account changed",
                                "an event left out of an order's history", "order memorandum removed", "checkpoint edited",
                                "batch signature altered", "batch signature removed", "writer key changed in the manifest",
                                "time-stamp token altered", "another CA carried"})
            QTest::newRow(how) << QString::fromLatin1(how);
    }

    void alteredBundleIsNamed()
    {
        QFETCH(QString, how);
        QTemporaryDir dir;
        copyTree(m_bundle, dir.path());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 6); // the manifest and the five files
        const QString expected = alter(dir.path(), how);
        const Run r = verifyBundle(dir.path());
        QVERIFY2(r.exitCode == 1, qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("BROKEN: ") + expected), qPrintable(QStringLiteral("expected \"%1\", got: %2").arg(expected, r.out)));
    }

    void notABundle()
    {
        QCOMPARE(verifyBundle(m_tmp.path()).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestAuditBundle)
#include "tst_auditbundle.moc"
