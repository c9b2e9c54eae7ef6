#include "copilot/llmclient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <qcoro/qcoronetworkreply.h>

namespace instant::copilot {

LlmClient::LlmClient(LlmSettings settings, QObject *parent) : QObject(parent), m_settings(std::move(settings))
{
}

void LlmClient::cancel()
{
    if (m_reply)
        m_reply->abort();
}

QCoro::Task<Result<ChatMessage>> LlmClient::complete(QList<ChatMessage> messages, QList<ToolSpec> tools,
                                                     std::function<void(const QString &)> onToken)
{
    const QUrl url = chatUrl(m_settings.endpoint, m_settings.provider);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "text/event-stream");
    if (!m_settings.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_settings.apiKey.toUtf8());
    request.setTransferTimeout(int(m_settings.timeout.count()));
    const QByteArray body = QJsonDocument(chatRequest(m_settings.provider, m_settings.model, messages, tools)).toJson(QJsonDocument::Compact);

    QNetworkReply *reply = m_network.post(request, body);
    m_reply = reply;
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> owner(reply, [](QNetworkReply *r) { r->deleteLater(); });

    SseParser parser;
    StreamAccumulator accumulator(m_settings.provider);
    QByteArray errorBody;
    auto status = [reply] { return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); };
    for (;;) {
        if (reply->bytesAvailable() == 0) {
            if (reply->isFinished())
                break;
            const bool ready = co_await qCoro(reply).waitForReadyRead(m_settings.timeout);
            if (!ready && !reply->isFinished() && reply->bytesAvailable() == 0) {
                reply->abort();
                co_return makeError(ErrorCode::Unavailable, QStringLiteral("the model did not answer within %1 s")
                                                               .arg(m_settings.timeout.count() / 1000.0));
            }
            continue;
        }
        const QByteArray chunk = reply->readAll();
        if (status() >= 400) {
            errorBody += chunk;
            continue;
        }
        for (const SseEvent &event : parser.feed(chunk)) {
            auto added = accumulator.add(event);
            if (!added) {
                reply->abort();
                co_return added.error();
            }
            if (onToken && !added->isEmpty())
                onToken(*added);
        }
    }
    if (reply->error() == QNetworkReply::OperationCanceledError && status() == 0)
        co_return makeError(ErrorCode::Unavailable, QStringLiteral("the request was cancelled"));
    if (status() >= 400) {
        // A service may echo the request back: never let the key travel on into messages and logs.
        QString said = QString::fromUtf8(errorBody);
        if (!m_settings.apiKey.isEmpty())
            said.replace(m_settings.apiKey, QStringLiteral("[API key removed]"));
        said = said.left(300).trimmed();
        co_return makeError(ErrorCode::Unavailable, QStringLiteral("the model service answered %1: %2").arg(status()).arg(said));
    }
    if (reply->error() != QNetworkReply::NoError)
        co_return makeError(ErrorCode::Unavailable, QStringLiteral("cannot reach the model: %1").arg(reply->errorString()));
    for (const SseEvent &event : parser.finish()) {
        auto added = accumulator.add(event);
        if (!added)
            co_return added.error();
        if (onToken && !added->isEmpty())
            onToken(*added);
    }
    const ChatMessage message = accumulator.message();
    if (message.content.isEmpty() && message.toolCalls.isEmpty())
        co_return makeError(ErrorCode::InvalidArgument, QStringLiteral("the model's answer was empty"));
    co_return message;
}

} // namespace instant::copilot
