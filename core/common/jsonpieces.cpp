#include "common/jsonpieces.h"

#include <cstring>

namespace instant {

JsonObjectPieces::JsonObjectPieces(QByteArrayList streamed, ElementVisitor visit)
    : m_streamed(std::move(streamed))
    , m_visit(std::move(visit))
{
}

bool JsonObjectPieces::fail(const char *why)
{
    if (!m_error)
        m_error = why;
    return false;
}

// The bytes from `span` up to `at` go where the text was going; from `at` on, to `to`.
void JsonObjectPieces::sendTo(To to, const char *at, const char *&span)
{
    if (m_to == To::Frame)
        m_frame.append(span, at - span);
    else if (m_to == To::Element)
        m_element.append(span, at - span);
    span = at;
    m_to = to;
}

bool JsonObjectPieces::feed(QByteArrayView piece)
{
    if (m_error)
        return false;
    const char *c = piece.data(), *end = c + piece.size();
    const char *span = c;
    while (c < end)
        if (!step(c, end, span))
            return false;
    sendTo(m_to, end, span);
    return true;
}

// One byte, or the run of a string up to its next quote or backslash.
bool JsonObjectPieces::step(const char *&c, const char *end, const char *&span)
{
    if (m_inString) {
        const char *from = c;
        if (m_escaped) {
            m_escaped = false;
            ++c;
        } else {
            while (c < end && *c != '"' && *c != '\\')
                ++c;
            if (c < end) {
                if (*c == '\\')
                    m_escaped = true;
                else
                    m_inString = false;
                ++c;
            }
        }
        if (m_inKey)
            m_key.append(from, (m_inString ? c : c - 1) - from);
        if (!m_inString)
            m_inKey = false;
        return true;
    }
    const char ch = *c;
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
        ++c;
        return true;
    }
    if (m_done)
        return fail("text after the end of the object");
    if (!m_started) {
        if (ch != '{')
            return fail("not a JSON object");
        m_started = m_expectKey = true;
        m_depth = 1;
        ++c;
        return true;
    }
    if (m_array >= 0 && m_depth == 2) { // between the elements of a streamed array
        if (ch == '{') {
            sendTo(To::Element, c, span);
            m_depth = 3;
        } else if (ch == ']') {
            sendTo(To::Frame, c, span);
            m_depth = 1;
            m_array = -1;
        } else if (ch != ',') {
            return fail("an element of a streamed array that is not an object");
        }
        ++c;
        return true;
    }
    switch (ch) {
    case '"':
        m_inString = true;
        if (m_depth == 1 && m_expectKey) {
            m_inKey = true;
            m_expectKey = false;
            m_key.resize(0);
        }
        break;
    case ':':
        if (m_depth == 1)
            m_valueOf = m_streamed.indexOf(m_key);
        break;
    case ',':
        if (m_depth == 1) {
            m_expectKey = true;
            m_valueOf = -1;
        }
        break;
    case '{':
    case '[':
        if (m_depth == 1 && ch == '[' && m_valueOf >= 0) { // the frame keeps "[", the elements go out
            m_array = m_valueOf;
            m_valueOf = -1;
            m_depth = 2;
            ++c;
            sendTo(To::Drop, c, span);
            return true;
        }
        ++m_depth;
        break;
    case '}':
    case ']':
        if (--m_depth == 2 && m_array >= 0) { // an element's text is whole
            ++c;
            QByteArrayView element;
            if (m_element.isEmpty()) {
                element = QByteArrayView(span, c - span); // within this piece: not copied
            } else {
                m_element.append(span, c - span);
                element = m_element;
            }
            const bool more = m_visit(m_array, element);
            m_element.resize(0);
            span = c;
            m_to = To::Drop;
            return more || fail("stopped by its reader");
        }
        if (m_depth == 0)
            m_done = true;
        if (m_depth < 0)
            return fail("unbalanced brackets");
        break;
    default:
        break;
    }
    ++c;
    return true;
}

Result<QByteArray> JsonObjectPieces::finish()
{
    if (m_error)
        return makeError(ErrorCode::InvalidArgument, QString::fromLatin1(m_error));
    if (!m_done)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the object ends early"));
    return std::move(m_frame);
}

} // namespace instant
