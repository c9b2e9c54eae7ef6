// The hash chain's canonical bytes and SHA-256, checked against vectors computed independently
// (Python's hashlib over the byte layout documented in eventhash.h).

#include "events/eventhash.h"

#include <QTest>

using namespace instant;

class TestEventHash : public QObject
{
    Q_OBJECT

    static RecordedEvent first()
    {
        RecordedEvent e;
        e.sequence = 1;
        e.streamId = QStringLiteral("order-1");
        e.streamVersion = 1;
        e.type = QStringLiteral("OrderAccepted");
        e.schemaVersion = 1;
        e.recordedUs = 1795000000123456;
        e.actor = {QStringLiteral("alice"), QStringLiteral("trader")};
        e.correlationId = QStringLiteral("c-1");
        e.payload = canonicalJson(QJsonObject{{QStringLiteral("symbol"), QStringLiteral("912828ZT0")},
                                              {QStringLiteral("qty"), 5000000},
                                              {QStringLiteral("price"), QStringLiteral("99-16+")}});
        return e;
    }

private Q_SLOTS:
    void canonicalJsonSortsKeysAndIsCompact()
    {
        QCOMPARE(first().payload, QByteArray(R"({"price":"99-16+","qty":5000000,"symbol":"912828ZT0"})"));
    }

    void canonicalLayout()
    {
        const QByteArray bytes = eventhash::canonicalBytes(first());
        QCOMPARE(bytes.left(40).toHex(),
                 QByteArray("0000000000000001000000076f726465722d3100000000000000010000000d4f7264657241636365"));
        QCOMPARE(bytes.size(), 8 + 4 + 7 + 8 + 4 + 13 + 8 + 8 + 4 + 5 + 4 + 6 + 4 + 3 + 4 + 0 + 4 + 53);
    }

    void knownChain()
    {
        const RecordedEvent e1 = first();
        const QByteArray h1 = eventhash::chainHash(eventhash::genesis(), e1);
        QCOMPARE(h1.toHex(), QByteArray("3f26047d9a9d801c4dec423d4c4824758f186df72ff059ab26ab6eb087cd15a5"));

        RecordedEvent e2;
        e2.sequence = 2;
        e2.streamId = QStringLiteral("order-1");
        e2.streamVersion = 2;
        e2.type = QStringLiteral("OrderCancelled");
        e2.schemaVersion = 2;
        e2.recordedUs = 1795000000123999;
        e2.actor = {QStringLiteral("bob"), QStringLiteral("compliance")};
        e2.correlationId = QStringLiteral("c-1");
        e2.causationId = QStringLiteral("cmd-9");
        e2.payload = QStringLiteral(R"({"note":"Zürich €"})").toUtf8();
        QCOMPARE(eventhash::chainHash(h1, e2).toHex(),
                 QByteArray("33fefc4e6f52d95928405b4779f01611adeaf22db8461b9849a4db23a564ca76"));

        eventhash::ChainHasher hasher; // the reusable context gives the same answers
        QCOMPARE(hasher.hash(eventhash::genesis(), e1), h1);
        QCOMPARE(hasher.hash(h1, e2), eventhash::chainHash(h1, e2));

        // And so does the verifier's path over stored bytes, without decoding.
        for (const auto &[e, prev] : {std::pair{e1, eventhash::genesis()}, std::pair{e2, h1}}) {
            const QByteArray stream = e.streamId.toUtf8(), type = e.type.toUtf8(), user = e.actor.user.toUtf8(),
                             role = e.actor.role.toUtf8(), correlation = e.correlationId.toUtf8(), causation = e.causationId.toUtf8();
            const QByteArray expected = eventhash::chainHash(prev, e);
            auto v = [](const QByteArray &b) { return std::string_view(b.constData(), size_t(b.size())); };
            const EventBytes bytes{e.sequence, v(stream), e.streamVersion, v(type), e.schemaVersion, e.recordedUs, v(user), v(role),
                                   v(correlation), v(causation), v(e.payload), v(prev), v(expected)};
            unsigned char digest[eventhash::HashSize];
            hasher.hash(bytes, digest);
            QCOMPARE(QByteArray(reinterpret_cast<const char *>(digest), eventhash::HashSize).toHex(), expected.toHex());
            QVERIFY(hasher.matches(bytes));
            EventBytes altered = bytes;
            altered.recordedUs += 1;
            QVERIFY(!hasher.matches(altered));
        }
    }

    void everyFieldIsCovered()
    {
        const RecordedEvent base = first();
        const QByteArray h = eventhash::chainHash(eventhash::genesis(), base);
        QList<RecordedEvent> changed(11, base);
        changed[0].sequence = 2;
        changed[1].streamId = QStringLiteral("order-2");
        changed[2].streamVersion = 2;
        changed[3].type = QStringLiteral("OrderRejected");
        changed[4].schemaVersion = 2;
        changed[5].recordedUs += 1;
        changed[6].actor.user = QStringLiteral("mallory");
        changed[7].actor.role = QStringLiteral("compliance");
        changed[8].correlationId = QStringLiteral("c-2");
        changed[9].causationId = QStringLiteral("x");
        changed[10].payload[10] = '7';
        for (const RecordedEvent &e : changed)
            QVERIFY(eventhash::chainHash(eventhash::genesis(), e) != h);
        QVERIFY(eventhash::chainHash(QByteArray(32, '\1'), base) != h);
        // Field boundaries are unambiguous: moving a character between fields changes the hash.
        RecordedEvent a = base, b = base;
        a.actor = {QStringLiteral("ab"), QStringLiteral("c")};
        b.actor = {QStringLiteral("a"), QStringLiteral("bc")};
        QVERIFY(eventhash::chainHash(eventhash::genesis(), a) != eventhash::chainHash(eventhash::genesis(), b));
    }

    void everyLengthAcrossBlockEdgesHashesAsTheGenericDigest()
    {
        // The chain hasher takes SHA-256 by a direct path; the one-shot digest goes through
        // EVP. Inputs of every length from 126 to 446 bytes (the padding falls in the same block
        // or spills into the next at each 64) give the same digests both ways.
        eventhash::ChainHasher hasher;
        RecordedEvent e = first();
        for (int extra = 0; extra <= 320; ++extra) {
            e.payload = QByteArray(extra, 'x');
            const QByteArray input = eventhash::genesis() + eventhash::canonicalBytes(e);
            QCOMPARE(hasher.hash(eventhash::genesis(), e).toHex(), eventhash::sha256(input).toHex());
        }
    }

    void sha256MatchesTheStandardVector()
    {
        QCOMPARE(eventhash::sha256("abc").toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        // FIPS 180-2's other vectors: nothing, and 448 bits of text (its padding takes a second block).
        QCOMPARE(eventhash::sha256(QByteArray()).toHex(),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(eventhash::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").toHex(),
                 QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    }
};

QTEST_GUILESS_MAIN(TestEventHash)
#include "tst_eventhash.moc"
