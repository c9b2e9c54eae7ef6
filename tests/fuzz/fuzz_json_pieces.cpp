// Reading a large JSON object in pieces (common/jsonpieces.h), as a snapshot is read at start-up.
// The first input byte says where the rest is cut into pieces. Whatever the bytes:
// - the reader never crashes, and gives the same elements, frame and verdict however the text
//   is cut;
// - for any object Qt's parser accepts (written back compactly, so that no member name repeats),
//   whose arrays "a" and "b" hold only objects: the reader accepts it, hands out exactly those
//   objects in order, and its frame parses to the object with those two arrays empty.

#include "common/jsonpieces.h"
#include "events/eventhash.h"
#include "fuzzsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace instant;

namespace {

struct Outcome
{
    QList<QPair<qsizetype, QByteArray>> elements;
    QByteArray frame;
    bool ok = false;
    bool operator==(const Outcome &) const = default;
};

Outcome read(const QByteArray &text, qsizetype pieceSize)
{
    Outcome out;
    JsonObjectPieces reader({"a", "b"}, [&out](qsizetype array, QByteArrayView element) {
        out.elements.append({array, element.toByteArray()});
        return true;
    });
    for (qsizetype at = 0; at < text.size(); at += pieceSize)
        if (!reader.feed(QByteArrayView(text.constData() + at, std::min(pieceSize, text.size() - at))))
            break;
    auto frame = reader.finish();
    out.ok = frame.ok();
    if (out.ok)
        out.frame = *frame;
    return out;
}

bool onlyObjects(const QJsonValue &v)
{
    if (!v.isArray())
        return true; // not an array: stays in the frame
    for (const QJsonValue &e : v.toArray())
        if (!e.isObject())
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return -1;
    const qsizetype pieceSize = 1 + data[0] % 17;
    const QByteArray text = fuzz::bytes(data + 1, size - 1);
    const Outcome whole = read(text, std::max<qsizetype>(text.size(), 1));
    fuzz::check(read(text, pieceSize) == whole, "the pieces' sizes changed what was read");

    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return 0;
    const QJsonObject object = doc.object();
    if (!onlyObjects(object.value(QStringLiteral("a"))) || !onlyObjects(object.value(QStringLiteral("b"))))
        return 0;
    const QByteArray compact = canonicalJson(object);
    const Outcome split = read(compact, pieceSize);
    fuzz::check(split.ok, "an object Qt reads was refused", QString::fromUtf8(compact.left(300)));
    QJsonObject frameWanted = object;
    QList<QPair<qsizetype, QJsonObject>> wanted;
    for (qsizetype n = 0; n < 2; ++n) {
        const QString name = n == 0 ? QStringLiteral("a") : QStringLiteral("b");
        if (!object.value(name).isArray())
            continue;
        for (const QJsonValue &e : object.value(name).toArray())
            wanted.append({n, e.toObject()});
        frameWanted.insert(name, QJsonArray());
    }
    // Members are written in name order: "a" before "b".
    fuzz::check(split.elements.size() == wanted.size(), "not every element was handed out");
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        const QJsonDocument e = QJsonDocument::fromJson(split.elements.at(i).second);
        fuzz::check(split.elements.at(i).first == wanted.at(i).first && e.isObject() && e.object() == wanted.at(i).second,
                    "an element handed out is not the one in the text", QString::fromUtf8(split.elements.at(i).second.left(200)));
    }
    fuzz::check(QJsonDocument::fromJson(split.frame).object() == frameWanted, "the frame is not the object without its arrays",
                QString::fromUtf8(split.frame.left(300)));
    return 0;
}
