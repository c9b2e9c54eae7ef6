#include "copilot/llmprotocol.h"

#include <QRegularExpression>

#include <QJsonDocument>
#include <QJsonParseError>

namespace instant::copilot {

QList<SseEvent> SseParser::feed(const QByteArray &bytes)
{
    // Lines end with CRLF, LF or CR: each becomes LF as it arrives, a CRLF cut between two
    // pieces included, so that the events never depend on where the stream was cut.
    for (const char c : bytes) {
        if (c == '\n' && m_afterCr) {
            m_afterCr = false;
            continue;
        }
        m_afterCr = c == '\r';
        m_buffer += m_afterCr ? '\n' : c;
    }
    return drain(false);
}

QList<SseEvent> SseParser::finish()
{
    return drain(true);
}

QList<SseEvent> SseParser::drain(bool atEnd)
{
    QList<SseEvent> out;
    for (;;) {
        qsizetype end = m_buffer.indexOf("\n\n");
        if (end < 0) {
            if (!atEnd || m_buffer.trimmed().isEmpty())
                break;
            end = m_buffer.size();
        }
        const QByteArray block = m_buffer.left(end);
        m_buffer.remove(0, std::min(end + 2, m_buffer.size()));
        SseEvent e;
        bool any = false;
        for (const QByteArray &line : block.split('\n')) {
            if (line.isEmpty() || line.startsWith(':'))
                continue; // comments keep connections alive
            const qsizetype colon = line.indexOf(':');
            const QByteArray field = colon < 0 ? line : line.left(colon);
            QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
            if (value.startsWith(' '))
                value.remove(0, 1);
            if (field == "event") {
                e.event = QString::fromUtf8(value);
                any = true;
            } else if (field == "data") {
                if (!e.data.isEmpty())
                    e.data += '\n';
                e.data += value;
                any = true;
            }
        }
        if (any)
            out.append(e);
    }
    return out;
}

QString chatPath(Provider provider)
{
    return provider == Provider::OpenAi ? QStringLiteral("/v1/chat/completions") : QStringLiteral("/v2/chat");
}

QUrl chatUrl(const QUrl &endpoint, Provider provider)
{
    QUrl url = endpoint;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    const QString full = chatPath(provider);                  // "/v1/chat/completions"
    const QString version = full.section(u'/', 0, 1);         // "/v1"
    const QString rest = full.mid(version.size());            // "/chat/completions"
    static const QRegularExpression versioned(QStringLiteral("/v[0-9]+(beta)?$"));
    if (!path.endsWith(rest)) // else: the chat path itself
        path += versioned.match(path).hasMatch() ? rest : full; // a versioned base URL, or a bare host
    url.setPath(path);
    return url;
}

QJsonObject chatRequest(Provider provider, const QString &model, const QList<ChatMessage> &messages, const QList<ToolSpec> &tools)
{
    QJsonArray msgs;
    for (const ChatMessage &m : messages) {
        QJsonObject o{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), m.content}};
        if (!m.toolCalls.isEmpty()) {
            QJsonArray calls;
            for (const ToolCall &c : m.toolCalls)
                calls.append(QJsonObject{{QStringLiteral("id"), c.id},
                                         {QStringLiteral("type"), QStringLiteral("function")},
                                         {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), c.name},
                                                                                  {QStringLiteral("arguments"), c.arguments}}}});
            o.insert(QStringLiteral("tool_calls"), calls);
        }
        if (m.role == u"tool")
            o.insert(QStringLiteral("tool_call_id"), m.toolCallId);
        msgs.append(o);
    }
    QJsonArray toolArray;
    for (const ToolSpec &t : tools)
        toolArray.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), t.name},
                                                                              {QStringLiteral("description"), t.description},
                                                                              {QStringLiteral("parameters"), t.parameters}}}});
    QJsonObject body{{QStringLiteral("model"), model}, {QStringLiteral("messages"), msgs}, {QStringLiteral("stream"), true}};
    if (!toolArray.isEmpty())
        body.insert(QStringLiteral("tools"), toolArray);
    Q_UNUSED(provider); // both APIs take this shape for messages and tools
    return body;
}

Result<QString> StreamAccumulator::add(const SseEvent &event)
{
    if (event.data.trimmed() == "[DONE]") {
        m_finished = true;
        return QString();
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(event.data, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the model's stream sent something that is not JSON: %1")
                                                         .arg(QString::fromUtf8(event.data.left(80))));
    const QJsonObject chunk = doc.object();
    if (m_provider == Provider::OpenAi)
        return addOpenAi(chunk);
    QString type = chunk.value(QStringLiteral("type")).toString();
    if (type.isEmpty())
        type = event.event;
    return addCohere(type, chunk);
}

Result<QString> StreamAccumulator::addOpenAi(const QJsonObject &chunk)
{
    if (chunk.contains(QStringLiteral("error")))
        return makeError(ErrorCode::Unavailable, QStringLiteral("the model reported an error: %1")
                                                     .arg(chunk.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()));
    const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty())
        return QString(); // usage chunks and the like
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
    QString text = delta.value(QStringLiteral("content")).toString();
    m_text += text;
    for (const QJsonValue &v : delta.value(QStringLiteral("tool_calls")).toArray()) {
        const QJsonObject call = v.toObject();
        ToolCall &c = m_calls[call.value(QStringLiteral("index")).toInt()];
        if (call.contains(QStringLiteral("id")))
            c.id = call.value(QStringLiteral("id")).toString();
        const QJsonObject fn = call.value(QStringLiteral("function")).toObject();
        if (fn.contains(QStringLiteral("name")))
            c.name = fn.value(QStringLiteral("name")).toString();
        c.arguments += fn.value(QStringLiteral("arguments")).toString();
    }
    if (!choice.value(QStringLiteral("finish_reason")).isNull() && choice.contains(QStringLiteral("finish_reason")))
        m_finished = true;
    return text;
}

Result<QString> StreamAccumulator::addCohere(const QString &type, const QJsonObject &chunk)
{
    const QJsonObject message = chunk.value(QStringLiteral("delta")).toObject().value(QStringLiteral("message")).toObject();
    const int index = chunk.value(QStringLiteral("index")).toInt();
    if (type == u"content-delta") {
        const QString text = message.value(QStringLiteral("content")).toObject().value(QStringLiteral("text")).toString();
        m_text += text;
        return text;
    }
    if (type == u"tool-call-start" || type == u"tool-call-delta") {
        const QJsonObject call = message.value(QStringLiteral("tool_calls")).toObject();
        ToolCall &c = m_calls[index];
        if (call.contains(QStringLiteral("id")))
            c.id = call.value(QStringLiteral("id")).toString();
        const QJsonObject fn = call.value(QStringLiteral("function")).toObject();
        if (fn.contains(QStringLiteral("name")))
            c.name = fn.value(QStringLiteral("name")).toString();
        c.arguments += fn.value(QStringLiteral("arguments")).toString();
        return QString();
    }
    if (type == u"message-end") {
        m_finished = true;
        return QString();
    }
    if (type == u"error")
        return makeError(ErrorCode::Unavailable, QStringLiteral("the model reported an error: %1")
                                                     .arg(chunk.value(QStringLiteral("message")).toString()));
    return QString(); // message-start, content-start/end, tool-plan-delta, citations…
}

ChatMessage StreamAccumulator::message() const
{
    ChatMessage m;
    m.role = QStringLiteral("assistant");
    m.content = m_text;
    for (const auto &[index, call] : m_calls)
        m.toolCalls.append(call);
    return m;
}

} // namespace instant::copilot
