// Event payloads read field by field (events/payload.h): every reader answers what Qt's JSON holds
// for the same payload, written as the store writes it or with spaces; JSON in other forms (keys
// out of order or twice, escapes, UTF-8, fractions, big numbers, nested values) reads as JSON; what
// is not a JSON object reads as nothing.
#include "events/eventhash.h"
#include "events/payload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>


using namespace instant;

namespace {

const QList<QByteArray> Keys = {"order_id", "account", "quantity", "limit_price", "overrides", "rules", "side", "a", "b", "",
                                "nope",     "k0",      "k1",       "k2",          "k3",        "k4",    "k5"};

// Every answer the payload gives on every key, in one text (read before the next parse).
QStringList answers(const QByteArray &json)
{
    const Payload p = Payload::parse(json);
    QStringList out{QStringLiteral("valid=%1").arg(p.isValid())};
    for (const QByteArray &key : Keys) {
        const auto i = p.optionalI64(key.constData());
        const std::string_view v = p.view(key.constData());
        out << QStringLiteral("%1: has=%2 str=[%3]%4 word=[%5] view=[%6] i64=%7 opt=%8 json=%9")
                   .arg(QString::fromLatin1(key))
                   .arg(p.has(key.constData()))
                   .arg(p.str(key.constData()))
                   .arg(p.str(key.constData()).isNull() ? QStringLiteral("null") : QString())
                   .arg(p.word(key.constData()))
                   .arg(QString::fromUtf8(v.data(), qsizetype(v.size())))
                   .arg(p.i64(key.constData()))
                   .arg(i ? QString::number(*i) : QStringLiteral("none"))
                   .arg(QString::fromUtf8(QJsonDocument(QJsonArray{p.json(key.constData())}).toJson(QJsonDocument::Compact))
                        + (p.json(key.constData()).isUndefined() ? QStringLiteral("undefined") : QString()));
    }
    return out;
}

// The same JSON with a space in it: still the same payload to every reader.
QByteArray spaced(const QByteArray &json)
{
    return "{ " + json.mid(1);
}

QJsonValue randomPlainValue(QRandomGenerator &r)
{
    switch (r.bounded(7)) {
    case 0: return QStringLiteral("D7-%1").arg(r.bounded(1000000));
    case 1: return QString();
    case 2: return qint64(r.bounded(2000000000)) * (r.bounded(2) ? 1 : -1) * qint64(r.bounded(1, 400000000));
    case 3: return QJsonValue(QJsonValue::Null);
    case 4: return r.bounded(2) == 1;
    case 5: return QJsonArray();
    default: return QJsonObject();
    }
}

QJsonValue randomOtherValue(QRandomGenerator &r)
{
    switch (r.bounded(6)) {
    case 0: return QStringLiteral("caf\u00e9 \"quoted\" \\ back");
    case 1: return 1.5;
    case 2: return QJsonArray{1, QStringLiteral("x")};
    case 3: return QJsonObject{{QStringLiteral("id"), QStringLiteral("UST10Y")}};
    case 4: return QStringLiteral("tab\there");
    default: return qint64(1) << 62; // 19 digits: an integer, past the one-pass reader's 18
    }
}

} // namespace

class PayloadTest : public QObject
{
    Q_OBJECT
private slots:
    void readsAStoredPayload()
    {
        const QByteArray json = "{\"account\":\"SIM-01\",\"exec_id\":\"S1\",\"leaves\":0,\"limit_price\":null,\"order_id\":\"D7-000004\",\"overrides\":[],\"price\":-8834,\"quantity\":200,\"side\":\"buy\"}";
        const Payload p = Payload::parse(json);
        QVERIFY(p.isValid());
        QCOMPARE(p.str("order_id"), QStringLiteral("D7-000004"));
        QCOMPARE(p.word("account"), QStringLiteral("SIM-01"));
        QCOMPARE(p.i64("quantity"), 200);
        QCOMPARE(p.i64("price"), -8834);
        QCOMPARE(p.optionalI64("leaves"), std::optional<qint64>(0));
        QVERIFY(p.has("limit_price"));
        QCOMPARE(p.optionalI64("limit_price"), std::nullopt);
        QVERIFY(p.json("limit_price").isNull());
        QCOMPARE(p.json("overrides"), QJsonValue(QJsonArray()));
        QVERIFY(!p.has("parent"));
        QVERIFY(p.str("parent").isNull());
        QCOMPARE(p.i64("order_id"), 0); // not a number
        QVERIFY(p.str("quantity").isEmpty());
        QCOMPARE(answers(json), answers(spaced(json)));
    }

    // Payloads written as the store writes them, with values of every kind: the reader answers as
    // Qt's JSON reads them, and the same with spaces.
    void agreesWithQtOnStoredPayloads()
    {
        QRandomGenerator r(20261203);
        for (int round = 0; round < 3000; ++round) {
            QJsonObject o;
            const int fields = r.bounded(0, 8);
            for (int f = 0; f < fields; ++f)
                o.insert(QStringLiteral("k%1").arg(r.bounded(6)), round % 4 == 0 ? randomOtherValue(r) : randomPlainValue(r));
            const QByteArray json = canonicalJson(o);
            const QStringList read = answers(json);
            QCOMPARE(read, answers(spaced(json)));
            const Payload p = Payload::parse(json);
            QVERIFY2(p.isValid(), json.constData());
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QByteArray key = it.key().toUtf8();
                QVERIFY(p.has(key.constData()));
                QCOMPARE(p.json(key.constData()), it.value());
                QCOMPARE(p.str(key.constData()), it.value().isString() ? it.value().toString() : QString());
                if (it.value().isDouble() && it.value().toDouble() == double(it.value().toInteger()))
                    QCOMPARE(p.optionalI64(key.constData()), std::optional<qint64>(it.value().toInteger()));
                else
                    QCOMPARE(p.optionalI64(key.constData()), std::nullopt);
            }
        }
    }

    // JSON not in the store's form reads as JSON all the same; what is not a JSON object reads as
    // nothing, whichever reader looked at it first.
    void readsAnyJsonAndRefusesTheRest()
    {
        struct Case
        {
            QByteArray json;
            bool valid;
        };
        const QList<Case> cases = {
            {"{\"b\":1,\"a\":2}", true},                 // keys out of order
            {"{\"a\":1,\"a\":2}", true},                 // a key twice
            {"{ \"a\" : 1 }", true},                   // spaces
            {"{\"a\":\"caf\\u00e9\",\"b\":\"\\\"x\\\"\"}", true}, // escapes
            {"{\"a\":\"caf\xc3\xa9\"}", true},          // UTF-8
            {"{\"a\":1.5,\"b\":1e3,\"k0\":-0}", true},     // not whole numbers
            {"{\"a\":12345678901234567890}", true},    // beyond int64
            {"{\"a\":-1234567890123456789}", true},    // 19 digits
            {"{\"a\":{\"b\":1},\"b\":[1,2]}", true},       // nested
            {"{}", true},
            {"{\"a\":}", false},
            {"{\"a\":1,}", false},
            {"{\"a\":01}", false},
            {"{\"a\":1}x", false},
            {"{\"a\":tru}", false},
            {"{\"a\":\"b", false},
            {"{\"a\":\"\x01\"}", false},       // a control character in a string
            {"{\"a\":\"\xff\"}", false},       // not UTF-8
            {"[1,2]", false},
            {"\"text\"", false},
            {"", false},
            {"{", false},
        };
        for (const Case &c : cases) {
            const Payload p = Payload::parse(c.json);
            QVERIFY2(p.isValid() == c.valid, c.json.constData());
            if (!c.valid) {
                QVERIFY(!p.has("a"));
                QVERIFY(p.json("a").isUndefined());
                continue;
            }
            const QJsonDocument qt = QJsonDocument::fromJson(c.json);
            if (qt.isObject() && !c.json.contains("\"a\":1,\"a\""))
                QCOMPARE(p.json("a"), qt.object().value(QStringLiteral("a")));
        }
        QCOMPARE(Payload::parse(QByteArrayLiteral("{\"a\":1,\"a\":2}")).i64("a"), 1); // the first, as simdjson reads it
        QCOMPARE(Payload::parse(QByteArrayLiteral("{\"a\":-1234567890123456789}")).i64("a"), -1234567890123456789LL);
        QCOMPARE(Payload::parse(QByteArrayLiteral("{\"a\":12345678901234567890}")).optionalI64("a"), std::nullopt);
        QCOMPARE(Payload::parse(QByteArrayLiteral("{\"k0\":-0}")).optionalI64("k0"), std::optional<qint64>(0)); // as simdjson reads it
        QCOMPARE(Payload::parse(QByteArrayLiteral("{\"a\":\"caf\\u00e9\"}")).str("a"), QStringLiteral("caf\u00e9"));
    }

    // A payload read with room after it (as a replay reads them) is parsed where it lies and
    // answers exactly as the same bytes without room, at every length around the parser's blocks,
    // valid or not; the bytes themselves are the payload's, nothing more.
    void readsInPlaceWhereThereIsRoom()
    {
        QRandomGenerator r(20261204);
        QList<QByteArray> payloads{"", "{", "{}", "{\"a\":1}x", "[1,2]", "{\"a\":\"caf\xc3\xa9\"}"};
        for (int round = 0; round < 400; ++round) {
            QJsonObject o;
            for (int f = r.bounded(0, 8); f > 0; --f)
                o.insert(QStringLiteral("k%1").arg(r.bounded(6)), randomPlainValue(r));
            payloads << canonicalJson(o);
        }
        for (int length = 56; length <= 136; ++length) { // across one and two 64-byte blocks
            QByteArray json = "{\"a\":\"";
            json += QByteArray(length - json.size() - 2, 'x') + "\"}";
            payloads << json << json.left(json.size() - 1); // and cut short: not JSON
        }
        for (const QByteArray &json : std::as_const(payloads)) {
            const QByteArray roomy = Payload::withRoomToParse(std::string_view(json.constData(), size_t(json.size())));
            QCOMPARE(roomy, json);
            QVERIFY(roomy.capacity() >= json.size() + Payload::Room);
            const QByteArray tight(json.constData(), json.size()); // no room: parsed from a copy
            QCOMPARE(answers(roomy), answers(tight));
        }
    }

    // Payloads copied into shared blocks, as a replay reads them: each copy holds exactly its
    // bytes, zero-terminated, with room after it, and answers as a copy of its own would, at every
    // length around the parser's blocks and the arena's; copies outlive the arena and its blocks,
    // and a write to one changes no other.
    void anArenaCopyIsAnOrdinaryPayload()
    {
        QRandomGenerator r(20261205);
        QList<QByteArray> payloads{"", "{}", "{\"a\":1}x"};
        for (int round = 0; round < 3000; ++round) { // many blocks' worth
            QJsonObject o;
            for (int f = r.bounded(0, 8); f > 0; --f)
                o.insert(QStringLiteral("k%1").arg(r.bounded(6)), randomPlainValue(r));
            payloads << canonicalJson(o);
        }
        for (qsizetype length : {qsizetype(56), qsizetype(136), PayloadArena::BlockSize / 4 - Payload::Room - 16,
                                 PayloadArena::BlockSize / 4, PayloadArena::BlockSize}) { // the last two: blocks of their own
            QByteArray json = "{\"a\":\"";
            json += QByteArray(length - json.size() - 2, 'x') + "\"}";
            payloads << json << json.left(json.size() - 1);
        }
        QList<QByteArray> copies;
        {
            PayloadArena arena;
            for (const QByteArray &json : std::as_const(payloads))
                copies << arena.copy(std::string_view(json.constData(), size_t(json.size())));
        } // the arena gone: the copies keep their blocks
        QCOMPARE(copies.size(), payloads.size());
        for (qsizetype i = 0; i < copies.size(); ++i) {
            const QByteArray &copy = copies.at(i);
            QCOMPARE(copy, payloads.at(i));
            QCOMPARE(copy.constData()[copy.size()], '\0');
            QVERIFY(const_cast<QByteArray &>(copy).data_ptr().freeSpaceAtEnd() >= Payload::Room);
            for (qsizetype k = 0; k < Payload::Room; ++k)
                QCOMPARE(copy.constData()[copy.size() + k], '\0');
            QCOMPARE(answers(copy), answers(QByteArray(payloads.at(i).constData(), payloads.at(i).size())));
        }
        // Written to: copied out of the block first, the neighbours unchanged.
        QByteArray changed = copies.at(5);
        changed[0] = 'X';
        changed.append("more");
        QVERIFY(changed.constData() != copies.at(5).constData());
        for (qsizetype i = 0; i < copies.size(); ++i)
            QCOMPARE(copies.at(i), payloads.at(i));
        // The last user of its block, written to where it lies: its neighbours are gone.
        QByteArray last;
        {
            PayloadArena arena;
            (void)arena.copy("{\"before\":1}");
            last = arena.copy("{\"a\":1}");
            (void)arena.copy("{\"after\":2}");
        }
        last.append("tail");
        QCOMPARE(last, QByteArray("{\"a\":1}tail"));
        QCOMPARE(last.constData()[last.size()], '\0');
    }
};

QTEST_GUILESS_MAIN(PayloadTest)
#include "tst_payload.moc"
