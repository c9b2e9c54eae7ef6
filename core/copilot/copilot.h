#pragma once

#include "compliance/compliance.h"
#include "copilot/llmprotocol.h"
#include "oms/orderfilter.h"
#include "oms/ordermanager.h"

#include <QJsonObject>

#include <optional>

namespace instant {

class EventStore;
class QuoteBoard;
class ReferenceData;
class TradingState;

namespace copilot {

// An order the copilot drafts. It is only ever staged on a ticket: a human sends it or not.
struct OrderProposal
{
    QString id;
    NewOrderCommand command;
    QList<Violation> violations; // what compliance will say: flagged, never trimmed away
    QString summary;
    QJsonObject toJson() const;
};

// The tools the model may call. All read-only, except propose_order, which drafts and nothing
// more: this class has no way to reach the order manager.
class CopilotTools
{
public:
    // `clock` is the market's: trade and settlement dates, option valuations.
    CopilotTools(const TradingState &state, const ReferenceData &reference, const EventStore *store, const Clock &clock,
                 QString defaultAccount = QStringLiteral("DESK-01"));

    QList<ToolSpec> specs() const;
    // Runs a tool; malformed arguments and unknown tools are errors the model is told about.
    Result<QJsonObject> call(const QString &name, const QString &arguments);
    const std::optional<OrderProposal> &proposal() const { return m_proposal; }
    // Live quotes and volumes for recommend_options (the workstation's); without them every
    // contract is excluded for want of a quote.
    void setQuotes(const QuoteBoard *quotes) { m_quotes = quotes; }
    const ReferenceData &reference() const { return m_reference; }
    // Who "my" is: the logged-in user's orders (those they entered) and accounts. Without it,
    // "mine" is the whole book (a store read without a user).
    void setOwnBook(OwnBook mine) { m_mine = std::move(mine); }
    // A session that cannot trade (compliance) gets no drafts: propose_order is not offered.
    void setDrafting(bool drafting) { m_drafting = drafting; }

    // `mine`: only the user's accounts (positions, risk) or the orders the user entered.
    QJsonObject positions(const QString &account, bool mine = false) const;
    QJsonObject orders(const QString &state, const QString &instrument, bool mine = false) const;
    QJsonObject risk(const QString &account, bool mine = false) const;
    QJsonObject compliance() const;
    QJsonObject auditSearch(const QString &text, int limit) const;
    Result<QJsonObject> proposeOrder(const QJsonObject &args);
    // symbol, direction (bullish | bearish), preset (conservative | balanced | aggressive),
    // capital in dollars: ranked, sized contracts with their explanations. Drafts nothing.
    Result<QJsonObject> recommendOptions(const QJsonObject &args) const;

private:
    const TradingState &m_state;
    const ReferenceData &m_reference;
    const EventStore *m_store;
    const Clock &m_clock;
    bool holds(const QString &account, bool mine) const { return !mine || !m_mine || m_mine->holds(account); }
    bool entered(const OrderRecord &order, bool mine) const { return !mine || !m_mine || m_mine->entered(order); }

    const QuoteBoard *m_quotes = nullptr;
    QString m_defaultAccount;
    std::optional<OwnBook> m_mine;
    bool m_drafting = true;
    std::optional<OrderProposal> m_proposal;
};

// The copilot without a model: answers the common questions from the same tools and drafts
// orders from plain requests ("buy 5mm 10s at 99-16"). It says that it is the offline assistant.
class OfflineAssistant
{
public:
    explicit OfflineAssistant(CopilotTools &tools) : m_tools(tools) {}
    struct Answer
    {
        QString text;
        QList<QPair<QString, QJsonObject>> toolCalls; // name, result: for the audit log
    };
    Answer ask(const QString &question);

private:
    CopilotTools &m_tools;
};

// Records a copilot exchange as events (stream "copilot-<session>"), with the actor.
class CopilotAudit
{
public:
    CopilotAudit(EventStore &store, QString session, Actor user);
    Status prompt(const QString &question, const QString &mode);
    Status toolCall(const QString &tool, const QJsonObject &arguments, const QJsonObject &result);
    Status answer(const QString &text);
    Status proposal(const OrderProposal &proposal);
    Status decision(const QString &proposalId, const QString &decision, const QString &orderId);

private:
    Status record(const QString &type, const QJsonObject &payload, const Actor &actor);
    EventStore &m_store;
    QString m_stream;
    Actor m_user;
};

} // namespace copilot
} // namespace instant
