// A large JSON object read in pieces of any size: the elements of the named arrays handed out one
// by one, byte for byte, and the rest kept as a frame that parses to the object without them.
#include "common/jsonpieces.h"
#include "events/eventhash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace instant;

namespace {

struct Split
{
    QByteArray frame;
    QList<QPair<qsizetype, QByteArray>> elements;
    QString error;
};

Split splitInPiecesOf(const QByteArray &text, qsizetype size, const QByteArrayList &streamed)
{
    Split out;
    JsonObjectPieces reader(streamed, [&](qsizetype array, QByteArrayView element) {
        out.elements.append({array, element.toByteArray()});
        return true;
    });
    for (qsizetype at = 0; at < text.size(); at += size)
        if (!reader.feed(text.mid(at, size)))
            break;
    auto frame = reader.finish();
    if (frame)
        out.frame = *frame;
    else
        out.error = frame.error().message;
    return out;
}

QJsonObject order(int n, const QString &note)
{
    return {{QStringLiteral("id"), QStringLiteral("O%1").arg(n)},
            {QStringLiteral("note"), note},
            {QStringLiteral("orders"), QJsonArray{1, 2}}, // a member of that name inside an element
            {QStringLiteral("legs"), QJsonArray{QJsonObject{{QStringLiteral("q"), n}}, QJsonArray{}}}};
}

} // namespace

class TestJsonPieces : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theNamedArraysComeOutElementByElementWhereverThePiecesBreak()
    {
        // Strings that hold every character the reader looks for, escaped quotes and backslashes
        // across piece boundaries, an empty streamed array and an array of objects left in the frame.
        const QStringList notes{QStringLiteral("plain"), QStringLiteral("a]b}c{d[e,f:g"),
                                QStringLiteral("quote \" and \\ backslash \\\" both"), QStringLiteral("\\"),
                                QStringLiteral("ends with a quote \""), QStringLiteral("é ✓ 😀")};
        QJsonArray orders, executions;
        for (int n = 0; n < notes.size(); ++n)
            orders.append(order(n, notes.at(n)));
        const QJsonObject kept{{QStringLiteral("orders"), QStringLiteral("a text, not an array")}};
        const QJsonObject whole{{QStringLiteral("accounts"), QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("A")}}}},
                                {QStringLiteral("executions"), executions},
                                {QStringLiteral("format"), 3},
                                {QStringLiteral("nested"), kept},
                                {QStringLiteral("orders"), orders},
                                {QStringLiteral("z"), QStringLiteral("[\"orders\":[")}};
        const QByteArray text = canonicalJson(whole);
        QJsonObject frameWanted = whole;
        frameWanted.insert(QStringLiteral("orders"), QJsonArray{});
        for (qsizetype size = 1; size <= text.size(); ++size) {
            const Split split = splitInPiecesOf(text, size, {"orders", "executions"});
            QVERIFY2(split.error.isEmpty(), qPrintable(split.error));
            QCOMPARE(split.elements.size(), orders.size());
            for (int n = 0; n < orders.size(); ++n) {
                QCOMPARE(split.elements.at(n).first, 0);
                QCOMPARE(split.elements.at(n).second, canonicalJson(orders.at(n).toObject()));
            }
            QCOMPARE(split.frame, canonicalJson(frameWanted));
        }
    }

    void spacesBetweenTheTokensAreRead()
    {
        const QByteArray text = " {\n \"a\" : 1 ,\n \"list\" : [ {\"x\": [1, {}]} ,\n {} ] , \"b\": [ ] }\n ";
        const Split split = splitInPiecesOf(text, 3, {"list", "b"});
        QVERIFY2(split.error.isEmpty(), qPrintable(split.error));
        QCOMPARE(split.elements.size(), 2);
        QCOMPARE(split.elements.at(0).second, QByteArray("{\"x\": [1, {}]}"));
        QCOMPARE(split.elements.at(1).second, QByteArray("{}"));
        QCOMPARE(QJsonDocument::fromJson(split.frame).object(),
                 (QJsonObject{{QStringLiteral("a"), 1}, {QStringLiteral("list"), QJsonArray{}}, {QStringLiteral("b"), QJsonArray{}}}));
    }

    void whatCannotBeSplitIsRefusedWithAReason()
    {
        QVERIFY(splitInPiecesOf("[1,2]", 2, {"a"}).error.contains(QStringLiteral("not a JSON object")));
        QVERIFY(splitInPiecesOf("{\"a\":[{\"x\":1}", 4, {"a"}).error.contains(QStringLiteral("ends early")));
        QVERIFY(splitInPiecesOf("{\"a\":[1]}", 4, {"a"}).error.contains(QStringLiteral("not an object")));
        QVERIFY(splitInPiecesOf("{\"a\":1} {}", 4, {"a"}).error.contains(QStringLiteral("after the end")));
        QVERIFY(splitInPiecesOf("", 4, {"a"}).error.contains(QStringLiteral("ends early")));

        // The reader of the elements may stop it: nothing more is handed out.
        int seen = 0;
        JsonObjectPieces reader({"a"}, [&](qsizetype, QByteArrayView) { return ++seen < 2; });
        QVERIFY(!reader.feed("{\"a\":[{},{},{}]}"));
        QCOMPARE(seen, 2);
        QVERIFY(!reader.finish());
    }
};

QTEST_GUILESS_MAIN(TestJsonPieces)
#include "tst_jsonpieces.moc"
