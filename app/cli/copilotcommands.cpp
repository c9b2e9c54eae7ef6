// instant copilot key | ask: the copilot on the command line; it drafts, never sends.

#include "cli/clisupport.h"

#include "copilot/copilotsession.h"
#include "oms/tradingstate.h"
#include "store/credentials.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

namespace instant::cli {

int copilotKey(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("copilot key");
    QCommandLineParser parser;
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Reads the copilot's API key from standard input (one line) and saves it in the OS keychain.")))
        return *done;
    const QString key = io.in.readLine().trimmed();
    if (key.isEmpty())
        return usageError(io, QStringLiteral("no key on standard input"), command);
    Status saved = Secrets::save(QStringLiteral("llm-api-key"), key);
    if (!saved)
        return storeError(io, saved.error());
    io.out << "saved in the keychain\n";
    io.out.flush();
    return Ok;
}

int copilotAsk(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("copilot ask");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(QCommandLineOption(QStringLiteral("endpoint"), QStringLiteral("Chat API base URL (https://api.openai.com, http://127.0.0.1:11434, https://api.cohere.com). Without it, the offline assistant answers."), QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("model"), QStringLiteral("Model name."), QStringLiteral("name")));
    parser.addOption(QCommandLineOption(QStringLiteral("provider"), QStringLiteral("openai (default; also llama.cpp, Ollama) or cohere."), QStringLiteral("name"), QStringLiteral("openai")));
    parser.addOption(QCommandLineOption(QStringLiteral("timeout"), QStringLiteral("Seconds without an answer before giving up (default 60)."), QStringLiteral("s"), QStringLiteral("60")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the answer and any proposal as JSON.")));
    parser.addPositionalArgument(QStringLiteral("question"), QStringLiteral("What to ask, in quotes."));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Asks the copilot about the book. It may draft an order (printed as JSON); it never sends one. "
                                             "The API key comes from INSTANT_LLM_API_KEY. Every exchange is in the audit log."),
                              true))
        return *done;
    const QString question = parser.positionalArguments().join(u' ').trimmed();
    if (question.isEmpty())
        return usageError(io, QStringLiteral("ask a question, e.g. instant copilot ask \"what is my DV01?\""), command);
    auto store = openForWriting(parser, OpenOptions::Mode::OpenExisting, io);
    if (!store)
        return storeError(io, store.error());
    auto state = TradingState::replay(**store);
    if (!state)
        return storeError(io, state.error());
    auto market = marketReference(**store, clock().tradeDate());
    if (!market)
        return storeError(io, market.error());
    const ReferenceData &reference = *market;
    copilot::CopilotTools tools(*state, reference, store->get(), clock());
    const QString user = qEnvironmentVariable("USER", QStringLiteral("trader"));
    copilot::CopilotAudit audit(**store, QUuid::createUuid().toString(QUuid::Id128).left(12), Actor{user, QStringLiteral("trader")});
    std::unique_ptr<copilot::LlmClient> client;
    if (parser.isSet(QStringLiteral("endpoint"))) {
        copilot::LlmSettings settings;
        settings.endpoint = QUrl(parser.value(QStringLiteral("endpoint")));
        if (!settings.endpoint.isValid() || (settings.endpoint.scheme() != u"https" && settings.endpoint.scheme() != u"http"))
            return usageError(io, QStringLiteral("--endpoint must be an http(s) URL"), command);
        settings.model = parser.value(QStringLiteral("model"));
        if (settings.model.isEmpty())
            return usageError(io, QStringLiteral("--model is needed with --endpoint"), command);
        const QString provider = parser.value(QStringLiteral("provider")).toLower();
        if (provider != u"openai" && provider != u"cohere")
            return usageError(io, QStringLiteral("--provider is openai or cohere"), command);
        settings.provider = provider == u"cohere" ? copilot::Provider::Cohere : copilot::Provider::OpenAi;
        settings.apiKey = Secrets::llmApiKey(); // INSTANT_LLM_API_KEY or the keychain
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || seconds <= 0)
            return usageError(io, QStringLiteral("--timeout is a number of seconds"), command);
        settings.timeout = std::chrono::milliseconds(seconds * 1000);
        client = std::make_unique<copilot::LlmClient>(settings);
    }
    copilot::CopilotSession session(client.get(), tools, &audit);
    const bool json = parser.isSet(QStringLiteral("json"));
    auto answer = QCoro::waitFor(session.ask(question, [json, &io](const QString &token) {
        if (!json) {
            io.out << token; // token by token
            io.out.flush();
        }
    }));
    if (!answer) {
        io.err << "instant: the copilot could not answer: " << answer.message() << "\n";
        io.err.flush();
        return Failed;
    }
    if (json) {
        QJsonObject o{{QStringLiteral("answer"), *answer}, {QStringLiteral("mode"), client ? QStringLiteral("model") : QStringLiteral("offline")}};
        if (tools.proposal())
            o.insert(QStringLiteral("proposal"), tools.proposal()->toJson());
        io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    } else {
        io.out << "\n";
        if (tools.proposal())
            io.out << QString::fromUtf8(QJsonDocument(tools.proposal()->toJson()).toJson(QJsonDocument::Indented));
    }
    io.out.flush();
    return Ok;
}

} // namespace instant::cli
