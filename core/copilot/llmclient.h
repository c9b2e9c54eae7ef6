#pragma once

#include "copilot/llmprotocol.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <qcoro/qcorotask.h>

#include <chrono>
#include <functional>

class QNetworkReply;

namespace instant::copilot {

struct LlmSettings
{
    Provider provider = Provider::OpenAi;
    QUrl endpoint;                 // https://api.openai.com, http://127.0.0.1:11434 (Ollama), https://api.cohere.com
    QString model;
    QString apiKey;                // from INSTANT_LLM_API_KEY or the keychain: never from settings files
    std::chrono::milliseconds timeout{60'000}; // no byte for this long: the request fails
};

// Streams chat completions over HTTP(S) with server-sent events (Qt Network + OpenSSL, QCoro).
class LlmClient : public QObject
{
    Q_OBJECT

public:
    explicit LlmClient(LlmSettings settings, QObject *parent = nullptr);

    // One model turn: the answer (text and tool calls); each text delta also goes to onToken.
    QCoro::Task<Result<ChatMessage>> complete(QList<ChatMessage> messages, QList<ToolSpec> tools,
                                              std::function<void(const QString &)> onToken = {});
    void cancel(); // aborts the request under way
    const LlmSettings &settings() const { return m_settings; }

private:
    LlmSettings m_settings;
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_reply;
};

} // namespace instant::copilot
