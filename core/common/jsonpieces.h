#pragma once

// A JSON object too large to hold as one document (a snapshot of a million orders), read as it
// arrives in pieces of any size. The elements of the arrays it is told about, each an object, are
// handed out one at a time as soon as their text is complete; everything else is kept as the
// object's frame, with those arrays left empty in it, to be parsed as one small document at the end.

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>

#include <functional>

namespace instant {

class JsonObjectPieces
{
public:
    // `array`: the index in `streamed` of the array the element is in; false stops the reading.
    using ElementVisitor = std::function<bool(qsizetype array, QByteArrayView element)>;

    // `streamed`: names of members of the top-level object whose arrays are handed out element
    // by element (names written without escapes, as canonicalJson writes them).
    JsonObjectPieces(QByteArrayList streamed, ElementVisitor visit);

    // False once the text is not a JSON object this reader can split, or the visitor said stop.
    bool feed(QByteArrayView piece);
    // The frame, once the whole object has been read; an error when it ended early or was refused.
    Result<QByteArray> finish();

private:
    enum class To : unsigned char { Frame, Element, Drop };
    bool step(const char *&c, const char *end, const char *&span);
    void sendTo(To to, const char *at, const char *&span);
    bool fail(const char *why);

    QByteArrayList m_streamed;
    ElementVisitor m_visit;
    QByteArray m_frame, m_element, m_key;
    const char *m_error = nullptr;
    To m_to = To::Frame;
    int m_depth = 0;
    qsizetype m_array = -1;    // the streamed array being read, or -1
    qsizetype m_valueOf = -1;  // the streamed array whose member name was just read, or -1
    bool m_started = false, m_done = false;
    bool m_inString = false, m_escaped = false, m_inKey = false, m_expectKey = false;
};

} // namespace instant
