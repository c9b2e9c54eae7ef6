#pragma once

#include "copilot/copilot.h"
#include "copilot/llmclient.h"

#include <QObject>

namespace instant::copilot {

// One conversation turn with the model: the question, the model's tool calls answered from the
// tools (each audited), until it answers. Without a client, the offline assistant answers.
// Nothing here can send an order: the tools only read, and propose_order only drafts.
class CopilotSession
{
public:
    CopilotSession(LlmClient *client, CopilotTools &tools, CopilotAudit *audit);

    QCoro::Task<Result<QString>> ask(QString question, std::function<void(const QString &)> onToken = {});
    bool offline() const { return m_client == nullptr; }
    static QString systemPrompt();

private:
    LlmClient *m_client;
    CopilotTools &m_tools;
    CopilotAudit *m_audit;
    QList<ChatMessage> m_history;
};

} // namespace instant::copilot
