// Signed checkpoints against a real store: SQLite, or PostgreSQL when INSTANT_TEST_BACKEND=postgresql.
// The attacker here has the database: triggers dropped, history rewritten with every hash
// recomputed by Instant's own hashing code, so that the chain alone still verifies.

#include "audit/chainverifier.h"
#include "audit/checkpoint.h"
#include "store/eventstore.h"
#include "historyrewrite.h"
#include "teststores.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace instant;
using namespace instant::test;

namespace {

// The error code of a failed result; none for a success (so that a wrong success fails the
// comparison instead of throwing).
template <typename T>
std::optional<ErrorCode> failure(const Result<T> &result)
{
    return result.ok() ? std::nullopt : std::optional<ErrorCode>(result.code());
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT

    TestStores stores;
    int keys = 0;

    static void fill(EventStore &store, int n, int from = 0)
    {
        for (int i = from; i < from + n; ++i) {
            auto r = store.append(request(QStringLiteral("order-%1").arg(i % 3), ExpectedVersion::Any,
                                          {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("qty"), 100 + i}})}));
            QVERIFY2(r.ok(), qPrintable(r.message()));
        }
    }

    void execRaw(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
    {
        const QString error = execAsAttacker(db, sql, values);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    QSqlDatabase attackerConnection(const QString &url)
    {
        QString error;
        QSqlDatabase db = dropAppendOnlyTriggers(stores, url, &error);
        if (!error.isEmpty())
            qFatal("%s", qPrintable(error));
        return db;
    }

    void rewriteConsistently(const QString &url, Sequence at)
    {
        const QString error = rewriteHistory(stores, url, at);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    struct KeyFiles
    {
        QString privateKey, publicKey;
    };

    KeyFiles newKeyPair()
    {
        const QString path = stores.tempPath(QStringLiteral("key-%1.pem").arg(++keys));
        auto key = SigningKey::generate();
        if (!key)
            qFatal("%s", qPrintable(key.message()));
        const KeyFiles files{path, publicKeyPathFor(path)};
        const Status saved = key->saveKeyPair(files.privateKey, files.publicKey);
        if (!saved)
            qFatal("%s", qPrintable(saved.message()));
        return files;
    }

    Checkpoint signedCheckpoint(const EventStore &store, const KeyFiles &key)
    {
        auto signing = SigningKey::load(key.privateKey);
        if (!signing)
            qFatal("%s", qPrintable(signing.message()));
        auto checkpoint = signCheckpoint(store, *signing);
        if (!checkpoint)
            qFatal("%s", qPrintable(checkpoint.message()));
        return *checkpoint;
    }

    QByteArray trusted(const KeyFiles &key)
    {
        auto raw = readPublicKey(key.publicKey);
        if (!raw)
            qFatal("%s", qPrintable(raw.message()));
        return *raw;
    }

private Q_SLOTS:
    void signWriteReadVerify()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 10);
        const KeyFiles key = newKeyPair();
        const Checkpoint c = signedCheckpoint(*store, key);
        QCOMPARE(c.sequence, 10);
        QCOMPARE(c.eventCount, 10);
        QCOMPARE(c.headHash, store->head()->hash);
        QCOMPARE(c.headRecordedUs, store->head()->recordedUs);
        QCOMPARE(c.store, store->location().toUrl());
        QVERIFY(qAbs(c.signedUs - nowUtcMicros()) < 60'000'000);
        QCOMPARE(c.publicKey, trusted(key));
        QCOMPARE(c.signature.size(), 64);
        QVERIFY(c.keyFingerprint().startsWith(QStringLiteral("SHA256:")));

        // The file round-trips every signed field.
        const QString path = stores.tempPath(QStringLiteral("checkpoint.json"));
        QVERIFY(writeCheckpoint(c, path).ok());
        auto read = readCheckpoint(path);
        QVERIFY2(read.ok(), qPrintable(read.message()));
        QCOMPARE(read->signedBytes(), c.signedBytes());
        QCOMPARE(read->signature, c.signature);
        QCOMPARE(read->publicKey, c.publicKey);
        QVERIFY(verifyCheckpointSignature(*read).ok());
        QVERIFY(verifyCheckpointSignature(*read, trusted(key)).ok());

        // Human-readable: plain JSON, hex head hash, ISO times.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(o.value(QStringLiteral("head_hash")).toString(), QString::fromLatin1(c.headHash.toHex()));
        QCOMPARE(o.value(QStringLiteral("signed_at")).toString(), formatUtcMicros(c.signedUs));
        QCOMPARE(o.value(QStringLiteral("sequence")).toInteger(), 10);

        auto report = verifyAgainstCheckpoint(*store, *read, trusted(key));
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY2(report->intact, qPrintable(report->problem));
        QVERIFY(report->matches);
        QCOMPARE(report->chain.eventCount, 10);
    }

    void keyFiles()
    {
        const KeyFiles key = newKeyPair();
        QFile privateKey(key.privateKey);
        QVERIFY(privateKey.open(QIODevice::ReadOnly));
        QVERIFY(privateKey.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));
        QFile publicKey(key.publicKey);
        QVERIFY(publicKey.open(QIODevice::ReadOnly));
        QVERIFY(publicKey.readAll().startsWith("-----BEGIN PUBLIC KEY-----"));
        QVERIFY(key.publicKey.endsWith(QStringLiteral(".pub.pem")));
#ifdef Q_OS_UNIX
        struct stat st{};
        QCOMPARE(::stat(QFile::encodeName(key.privateKey).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QVERIFY(privateKeyExposure(key.privateKey).isEmpty());
        QVERIFY(QFile::setPermissions(key.privateKey, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QVERIFY(privateKeyExposure(key.privateKey).contains(QStringLiteral("chmod 600")));
#endif
        // A key pair is never written over an existing key.
        QFile original(key.privateKey);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();
        auto other = SigningKey::generate();
        QVERIFY(other.ok());
        const Status again = other->saveKeyPair(key.privateKey, stores.tempPath(QStringLiteral("elsewhere.pub.pem")));
        QVERIFY(!again.ok());
        QVERIFY2(again.message().contains(QStringLiteral("already exists")), qPrintable(again.message()));
        QVERIFY(!QFile::exists(stores.tempPath(QStringLiteral("elsewhere.pub.pem"))));
        QFile after(key.privateKey);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);

        // The wrong kind of file is refused with the reason.
        auto publicAsPrivate = SigningKey::load(key.publicKey);
        QVERIFY(!publicAsPrivate.ok());
        QVERIFY2(publicAsPrivate.message().contains(QStringLiteral("public key")), qPrintable(publicAsPrivate.message()));
        auto privateAsPublic = readPublicKey(key.privateKey);
        QVERIFY(!privateAsPublic.ok());
        QVERIFY2(privateAsPublic.message().contains(QStringLiteral("private key")), qPrintable(privateAsPublic.message()));
        QVERIFY(!privateAsPublic.message().contains(QStringLiteral("BEGIN")));
        QCOMPARE(failure(SigningKey::load(stores.tempPath(QStringLiteral("none.pem")))), std::optional<ErrorCode>(ErrorCode::NotFound));
    }

    // (a) The chain grows after the checkpoint: still the signed history.
    void appendedEventsStillVerify()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 8);
        const KeyFiles key = newKeyPair();
        const Checkpoint c = signedCheckpoint(*store, key);
        fill(*store, 5, 8);
        auto report = verifyAgainstCheckpoint(*store, c, trusted(key));
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY2(report->intact, qPrintable(report->problem));
        QVERIFY(report->matches);
        QCOMPARE(report->chain.head.sequence, 13);
    }

    // (b) History rewritten with every hash recomputed: the chain alone is intact, the checkpoint is not.
    void consistentRewriteIsFound_data()
    {
        QTest::addColumn<qint64>("rewrittenAt");
        QTest::newRow("first event") << qint64(1);
        QTest::newRow("middle") << qint64(4);
        QTest::newRow("the checkpoint's own event") << qint64(10);
    }

    void consistentRewriteIsFound()
    {
        QFETCH(qint64, rewrittenAt);
        const QString url = stores.freshUrl();
        Checkpoint c;
        const KeyFiles key = newKeyPair();
        {
            auto store = stores.open(url);
            fill(*store, 10);
            c = signedCheckpoint(*store, key);
            fill(*store, 3, 10);
        }
        rewriteConsistently(url, rewrittenAt);
        auto store = stores.open(url);
        auto chain = verifyChain(*store);
        QVERIFY(chain.ok());
        QVERIFY2(chain->intact, "the rewrite must fool verifyChain alone, or this test proves nothing");
        ReadQuery rewritten;
        rewritten.fromSequence = rewrittenAt;
        rewritten.toSequence = rewrittenAt;
        QCOMPARE(store->read(rewritten)->constFirst().payload, QByteArray("{\"qty\":999999}"));

        auto report = verifyAgainstCheckpoint(*store, c, trusted(key));
        QVERIFY2(report.ok(), qPrintable(report.message()));
        QVERIFY(!report->intact);
        QVERIFY(!report->matches);
        QCOMPARE(report->firstBadSequence, c.sequence);
        QVERIFY2(report->problem.contains(QStringLiteral("does not match the signed checkpoint of %1").arg(formatUtcMicros(c.signedUs))),
                 qPrintable(report->problem));
        QVERIFY(report->problem.contains(QStringLiteral("rewritten")));
    }

    // What a checkpoint cannot do: events after it are pinned only by the chain (and the next checkpoint).
    void rewriteAfterTheCheckpointIsOnlyTheChainsBusiness()
    {
        const QString url = stores.freshUrl();
        const KeyFiles key = newKeyPair();
        Checkpoint c;
        {
            auto store = stores.open(url);
            fill(*store, 6);
            c = signedCheckpoint(*store, key);
            fill(*store, 4, 6);
        }
        rewriteConsistently(url, 8);
        auto store = stores.open(url);
        auto report = verifyAgainstCheckpoint(*store, c, trusted(key));
        QVERIFY(report.ok());
        QVERIFY(report->matches);
        QVERIFY(report->intact);
    }

    // A chain broken by a plain edit is named at its own first bad sequence, before or after the checkpoint.
    void brokenChainIsNamedFirst_data()
    {
        QTest::addColumn<qint64>("alteredAt");
        QTest::addColumn<bool>("matches");
        QTest::newRow("before the checkpoint") << qint64(3) << false;
        QTest::newRow("after the checkpoint") << qint64(9) << true;
    }

    void brokenChainIsNamedFirst()
    {
        QFETCH(qint64, alteredAt);
        QFETCH(bool, matches);
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 6);
        const KeyFiles key = newKeyPair();
        const Checkpoint c = signedCheckpoint(*store, key);
        fill(*store, 4, 6);
        QSqlDatabase db = attackerConnection(url);
        execRaw(db, QStringLiteral("UPDATE events SET actor_user = 'mallory' WHERE seq = ?"), {alteredAt});
        auto report = verifyAgainstCheckpoint(*store, c, trusted(key));
        QVERIFY(report.ok());
        QVERIFY(!report->intact);
        QCOMPARE(report->firstBadSequence, alteredAt);
        QCOMPARE(report->matches, matches);
        QVERIFY(report->problem.contains(QStringLiteral("altered")));
    }

    // (c) The chain cut back below the checkpoint (and, worse, grown again with other events).
    void truncationIsFound()
    {
        const QString url = stores.freshUrl();
        const KeyFiles key = newKeyPair();
        Checkpoint c;
        {
            auto store = stores.open(url);
            fill(*store, 10);
            c = signedCheckpoint(*store, key);
        }
        {
            QSqlDatabase db = attackerConnection(url);
            execRaw(db, QStringLiteral("DELETE FROM events WHERE seq > 6"));
        }
        {
            auto store = stores.open(url);
            QVERIFY(verifyChain(*store)->intact);
            auto report = verifyAgainstCheckpoint(*store, c, trusted(key));
            QVERIFY(report.ok());
            QVERIFY(!report->intact);
            QCOMPARE(report->firstBadSequence, 7);
            QVERIFY2(report->problem.contains(QStringLiteral("the chain ends at sequence 6, before the signed checkpoint")),
                     qPrintable(report->problem));
            QVERIFY(report->problem.contains(QStringLiteral("removed")));

            // Grown back past the checkpoint with other events: a consistent chain, not the signed one.
            fill(*store, 6, 50);
            QVERIFY(verifyChain(*store)->intact);
            report = verifyAgainstCheckpoint(*store, c, trusted(key));
            QVERIFY(report.ok());
            QVERIFY(!report->intact);
            QCOMPARE(report->firstBadSequence, 10);
            QVERIFY(report->problem.contains(QStringLiteral("rewritten")));
        }
    }

    // (d) The checkpoint file edited after signing: the signature no longer verifies.
    void alteredCheckpointFails_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("sequence") << QStringLiteral("sequence") << QJsonValue(5);
        QTest::newRow("head hash") << QStringLiteral("head_hash") << QJsonValue(QString(64, u'a'));
        QTest::newRow("event count") << QStringLiteral("event_count") << QJsonValue(11);
        QTest::newRow("signed at") << QStringLiteral("signed_at") << QJsonValue(QStringLiteral("2020-01-01T00:00:00.000000Z"));
        QTest::newRow("head recorded at") << QStringLiteral("head_recorded_at") << QJsonValue(QStringLiteral("2020-01-01T00:00:00.000000Z"));
        QTest::newRow("store") << QStringLiteral("store") << QJsonValue(QStringLiteral("sqlite:///elsewhere.db"));
    }

    void alteredCheckpointFails()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        auto store = stores.open(stores.freshUrl());
        fill(*store, 10);
        const KeyFiles key = newKeyPair();
        const Checkpoint c = signedCheckpoint(*store, key);
        QJsonObject o = QJsonDocument::fromJson(checkpointToJson(c)).object();
        QVERIFY(o.contains(field));
        o.insert(field, value);
        auto altered = checkpointFromJson(QJsonDocument(o).toJson());
        QVERIFY2(altered.ok(), qPrintable(altered.message()));
        QVERIFY(altered->signedBytes() != c.signedBytes());

        const Status signature = verifyCheckpointSignature(*altered, trusted(key));
        QCOMPARE(failure(signature), std::optional<ErrorCode>(ErrorCode::Integrity));
        QVERIFY2(signature.message().contains(QStringLiteral("signature does not verify")), qPrintable(signature.message()));
        auto report = verifyAgainstCheckpoint(*store, *altered);
        QVERIFY(!report.ok());
        QCOMPARE(failure(report), std::optional<ErrorCode>(ErrorCode::Integrity));
    }

    // (e) Another key: refused whether it is given to check with, or used to re-sign a forgery.
    void anotherKeyIsRefused()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 5);
        const KeyFiles desk = newKeyPair();
        const KeyFiles mallory = newKeyPair();
        const Checkpoint c = signedCheckpoint(*store, desk);

        const Status wrongKey = verifyCheckpointSignature(c, trusted(mallory));
        QCOMPARE(failure(wrongKey), std::optional<ErrorCode>(ErrorCode::InvalidArgument));
        QVERIFY2(wrongKey.message().contains(QStringLiteral("not with the given public key")), qPrintable(wrongKey.message()));
        QVERIFY(wrongKey.message().contains(c.keyFingerprint()));
        QVERIFY(!verifyAgainstCheckpoint(*store, c, trusted(mallory)).ok());

        // The attacker rewrites the store and signs a checkpoint of it with a key of their own.
        rewriteConsistently(url, 2);
        auto rewritten = stores.open(url);
        const Checkpoint forged = signedCheckpoint(*rewritten, mallory);
        QVERIFY(verifyCheckpointSignature(forged).ok()); // it carries its own key...
        auto report = verifyAgainstCheckpoint(*rewritten, forged, trusted(desk)); // ...which is not the desk's
        QVERIFY(!report.ok());
        QVERIFY(report.message().contains(QStringLiteral("not with the given public key")));
        // The desk's real checkpoint still exposes the rewrite.
        report = verifyAgainstCheckpoint(*rewritten, c, trusted(desk));
        QVERIFY(report.ok());
        QVERIFY(!report->intact);
        QCOMPARE(report->firstBadSequence, 5);

        // A signature swapped in from another checkpoint does not verify either.
        Checkpoint swapped = c;
        swapped.signature = forged.signature;
        QCOMPARE(failure(verifyCheckpointSignature(swapped, trusted(desk))), std::optional<ErrorCode>(ErrorCode::Integrity));
    }

    // (f) Garbage: never a crash, always the reason.
    void corruptCheckpointFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
        QTest::newRow("binary") << QByteArray("\x00\xff\x13garbage", 10) << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[1,2,3]") << QStringLiteral("not a checkpoint");
        QTest::newRow("other JSON") << QByteArray(R"({"sequence": 5})") << QStringLiteral("not a checkpoint");
        QTest::newRow("truncated") << QByteArray(R"({"format": "instant-checkpoint", "sequence": )") << QStringLiteral("not JSON");
        QTest::newRow("newer format") << QByteArray(R"({"format": "instant-checkpoint", "format_version": 2})")
                                      << QStringLiteral("format 2");
        QTest::newRow("@sequence text") << QByteArray("sequence=\"ten\"") << QStringLiteral("\"sequence\"");
        QTest::newRow("@sequence zero") << QByteArray("sequence=0") << QStringLiteral("\"sequence\"");
        QTest::newRow("@sequence fraction") << QByteArray("sequence=2.5") << QStringLiteral("\"sequence\"");
        QTest::newRow("@short head hash") << QByteArray("head_hash=\"abcd\"") << QStringLiteral("\"head_hash\"");
        QTest::newRow("@head hash not hex") << QByteArray("head_hash=\"" + QByteArray(64, 'z') + "\"") << QStringLiteral("\"head_hash\"");
        QTest::newRow("@signature not base64") << QByteArray("signature=\"***\"") << QStringLiteral("\"signature\"");
        QTest::newRow("@short signature") << QByteArray("signature=\"AAAA\"") << QStringLiteral("\"signature\"");
        QTest::newRow("@public key too short") << QByteArray("public_key=\"AAAA\"") << QStringLiteral("\"public_key\"");
        QTest::newRow("@fingerprint of another key") << QByteArray("key_fingerprint=\"SHA256:00\"") << QStringLiteral("\"key_fingerprint\"");
        QTest::newRow("@signed at not a time") << QByteArray("signed_at=\"yesterday\"") << QStringLiteral("\"signed_at\"");
        QTest::newRow("@other algorithm") << QByteArray("algorithm=\"RSA\"") << QStringLiteral("\"algorithm\"");
        QTest::newRow("@missing signature") << QByteArray("signature=null") << QStringLiteral("\"signature\"");
    }

    void corruptCheckpointFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        if (QByteArray(QTest::currentDataTag()).startsWith('@')) {
            // A real checkpoint with one field spoiled: "field=JSON value".
            auto store = stores.open(stores.freshUrl());
            fill(*store, 3);
            QJsonObject o = QJsonDocument::fromJson(checkpointToJson(signedCheckpoint(*store, newKeyPair()))).object();
            const qsizetype eq = content.indexOf('=');
            const QString field = QString::fromLatin1(content.left(eq));
            const QJsonValue value = QJsonDocument::fromJson("[" + content.mid(eq + 1) + "]").array().at(0);
            QVERIFY(o.contains(field));
            if (value.isNull())
                o.remove(field);
            else
                o.insert(field, value);
            content = QJsonDocument(o).toJson();
        }
        const QString path = stores.tempPath(QStringLiteral("corrupt.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        auto read = readCheckpoint(path);
        QVERIFY(!read.ok());
        QCOMPARE(failure(read), std::optional<ErrorCode>(ErrorCode::InvalidArgument));
        QVERIFY2(read.message().contains(message), qPrintable(read.message()));
        QVERIFY(read.message().contains(path));

        QCOMPARE(failure(readCheckpoint(stores.tempPath(QStringLiteral("missing.json")))), std::optional<ErrorCode>(ErrorCode::NotFound));
    }

    void brokenOrEmptyChainIsNotSigned()
    {
        const KeyFiles key = newKeyPair();
        auto signing = SigningKey::load(key.privateKey);
        QVERIFY(signing.ok());
        auto empty = stores.open(stores.freshUrl());
        QCOMPARE(failure(signCheckpoint(*empty, *signing)), std::optional<ErrorCode>(ErrorCode::InvalidArgument));

        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fill(*store, 5);
        QSqlDatabase db = attackerConnection(url);
        execRaw(db, QStringLiteral("UPDATE events SET actor_user = 'mallory' WHERE seq = 2"));
        auto refused = signCheckpoint(*store, *signing);
        QCOMPARE(failure(refused), std::optional<ErrorCode>(ErrorCode::Integrity));
        QVERIFY2(refused.message().contains(QStringLiteral("broken at sequence 2")), qPrintable(refused.message()));
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
