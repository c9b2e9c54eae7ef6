// RFC 3161: a checkpoint time-stamped by an authority outside the desk, and the token checked
// against that authority's CA, on a loopback TSA that is OpenSSL's own (`openssl ts -reply`).

#include "audit/checkpoint.h"
#include "audit/timestamptoken.h"
#include "events/eventhash.h"
#include "loopbacktsa.h"
#include "store/eventstore.h"
#include "teststores.h"

#include <QTest>

using namespace instant;
using namespace instant::test;

class TestTimestampToken : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    LoopbackTsa tsa;

    Checkpoint checkpoint()
    {
        auto store = stores.open(stores.freshUrl());
        for (int i = 0; i < 5; ++i)
            if (!store->append(request(QStringLiteral("s"), ExpectedVersion::Any,
                                       {newEvent(QStringLiteral("Tick"), {{QStringLiteral("i"), i}})})))
                qFatal("append failed");
        auto key = SigningKey::generate();
        auto signedCheckpoint = signCheckpoint(*store, *key);
        if (!signedCheckpoint)
            qFatal("cannot sign: %s", qPrintable(signedCheckpoint.message()));
        return *signedCheckpoint;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(tsa.ready(), "the loopback TSA could not be set up (openssl)"); }

    void aCheckpointIsStampedAndTheTokenVerifies()
    {
        Checkpoint c = checkpoint();
        auto token = requestTimestamp(QUrl(tsa.url()), c.timestampedDigest());
        QVERIFY2(token, qPrintable(token.message()));
        QCOMPARE(token->authority, QStringLiteral("/CN=Loopback TSA"));
        QVERIFY(!token->serial.isEmpty());
        // The token's time is the TSA's (its genTime), read back from the token itself.
        QVERIFY(token->timeUs > 0);
        QCOMPARE(readToken(token->der)->timeUs, token->timeUs);
        QVERIFY2(verifyTimestamp(token->der, c.timestampedDigest(), tsa.caFile()), "the token does not verify");

        // Kept in the checkpoint file and read back, outside the signed bytes.
        c.timestampToken = token->der;
        auto back = checkpointFromJson(checkpointToJson(c));
        QVERIFY2(back, qPrintable(back.message()));
        QCOMPARE(back->timestampToken, token->der);
        QVERIFY(verifyCheckpointSignature(*back));
        QVERIFY(verifyTimestamp(back->timestampToken, back->timestampedDigest(), tsa.caFile()));
    }

    void aTokenProvesNothingElse()
    {
        const Checkpoint c = checkpoint();
        auto token = requestTimestamp(QUrl(tsa.url()), c.timestampedDigest());
        QVERIFY(token);
        // Another authority's CA.
        Status other = verifyTimestamp(token->der, c.timestampedDigest(), tsa.otherCaFile());
        QVERIFY(!other);
        QCOMPARE(other.error().code, ErrorCode::Integrity);
        // Another checkpoint's digest: the token stamps only its own.
        Status elsewhere = verifyTimestamp(token->der, eventhash::sha256("another checkpoint"), tsa.caFile());
        QVERIFY(!elsewhere);
        QCOMPARE(elsewhere.error().code, ErrorCode::Integrity);
        // A byte of the token changed.
        QByteArray altered = token->der;
        altered[altered.size() - 10] = char(altered[altered.size() - 10] ^ 0x01);
        QVERIFY(!verifyTimestamp(altered, c.timestampedDigest(), tsa.caFile()));
    }

    void aRudeAuthorityIsRefused()
    {
        const Checkpoint c = checkpoint();
        tsa.behave(LoopbackTsa::Behaviour::HttpError);
        auto failed = requestTimestamp(QUrl(tsa.url()), c.timestampedDigest());
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Unavailable);
        // The previous answer sent again: another request's nonce (and digest).
        tsa.behave(LoopbackTsa::Behaviour::Answer);
        QVERIFY(requestTimestamp(QUrl(tsa.url()), eventhash::sha256("an earlier request")));
        tsa.behave(LoopbackTsa::Behaviour::ReplayPrevious);
        auto replayed = requestTimestamp(QUrl(tsa.url()), c.timestampedDigest());
        QVERIFY(!replayed);
        QCOMPARE(replayed.error().code, ErrorCode::Integrity);
        tsa.behave(LoopbackTsa::Behaviour::Answer);
        // Nobody listening.
        auto nobody = requestTimestamp(QUrl(QStringLiteral("http://127.0.0.1:1/")), c.timestampedDigest());
        QVERIFY(!nobody);
        QCOMPARE(nobody.error().code, ErrorCode::Unavailable);
        QVERIFY(!requestTimestamp(QUrl(QStringLiteral("ftp://tsa.example/")), c.timestampedDigest()));
    }
};

QTEST_GUILESS_MAIN(TestTimestampToken)
#include "tst_timestamptoken.moc"
