#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <map>

namespace instant::copilot {

// Server-sent events: feed bytes as they arrive, take whole events out.
struct SseEvent
{
    QString event; // empty: the default "message"
    QByteArray data;
};

class SseParser
{
public:
    QList<SseEvent> feed(const QByteArray &bytes);
    QList<SseEvent> finish(); // what is left when the stream ends without a blank line

private:
    QList<SseEvent> drain(bool atEnd);
    QByteArray m_buffer;   // line ends already LF
    bool m_afterCr = false; // the last byte was CR: an LF next ends the same line
};

struct ToolCall
{
    QString id;
    QString name;
    QString arguments; // JSON text, as the model wrote it (may be malformed: callers check)
};

struct ChatMessage
{
    QString role;    // system | user | assistant | tool
    QString content;
    QList<ToolCall> toolCalls; // assistant asking for tools
    QString toolCallId;        // tool: which call this answers
    QString toolName;
};

struct ToolSpec
{
    QString name;
    QString description;
    QJsonObject parameters; // JSON schema
};

enum class Provider { OpenAi, Cohere };

// Request bodies for the two chat APIs (streaming on).
QJsonObject chatRequest(Provider provider, const QString &model, const QList<ChatMessage> &messages,
                        const QList<ToolSpec> &tools);
QString chatPath(Provider provider); // "/v1/chat/completions" | "/v2/chat"
// Where a chat request goes for an endpoint as the services document it: an OpenAI-compatible
// base URL names its version (`https://host/v1` → `…/v1/chat/completions`); a bare host gets the
// provider's path; a URL that already names the chat path is used as it is.
QUrl chatUrl(const QUrl &endpoint, Provider provider);

// Collects a streamed answer: text deltas and tool calls, as either API sends them.
class StreamAccumulator
{
public:
    explicit StreamAccumulator(Provider provider) : m_provider(provider) {}
    // One SSE event; returns the text it added (for token-by-token display) or an error for a
    // chunk that is not what the API sends.
    Result<QString> add(const SseEvent &event);
    bool finished() const { return m_finished; }
    ChatMessage message() const;

private:
    Result<QString> addOpenAi(const QJsonObject &chunk);
    Result<QString> addCohere(const QString &type, const QJsonObject &chunk);

    Provider m_provider;
    QString m_text;
    std::map<int, ToolCall> m_calls;
    bool m_finished = false;
};

} // namespace instant::copilot
