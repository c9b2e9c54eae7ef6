#pragma once

#include "copilot/copilot.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QLabel;
class QThread;

namespace instant {

class OrderTicket;
class QuoteBoard;
class TradingEngine;

// The Copilot panel: questions about the book, answers streamed token by token as plain text
// (never HTML, no links that act), and order drafts a human stages on the ticket, edits and sends
// (or rejects). The conversation runs on a thread of its own; every exchange is audited. In a
// compliance session it only answers: no drafts, nothing recorded.
class CopilotPanel : public QWidget
{
    Q_OBJECT

public:
    CopilotPanel(TradingEngine *engine, OrderTicket *ticket, QWidget *parent = nullptr);
    ~CopilotPanel() override;

    void ask(const QString &question);
    QString transcript() const;
    std::optional<copilot::OrderProposal> proposal() const { return m_proposal; }
    void stageProposal();  // the human accepts to look at it on the ticket
    void rejectProposal(); // the human turns it down
    bool busy() const { return m_busy; }
    // Live quotes and volumes for the recommend_options tool (the Option Ideas panel's board).
    void setQuoteBoard(std::shared_ptr<const QuoteBoard> quotes);

Q_SIGNALS:
    void answered(const QString &answer);
    void failed(const QString &message);

private:
    void append(const QString &text);
    void onProposal(const copilot::OrderProposal &proposal);

    TradingEngine *m_engine;
    OrderTicket *m_ticket;
    QPlainTextEdit *m_transcript;
    QLineEdit *m_question;
    QPushButton *m_ask;
    QPushButton *m_stop;
    QPushButton *m_stage;
    QPushButton *m_reject;
    QLabel *m_mode;
    QThread *m_thread;
    class CopilotWorker *m_worker;
    std::optional<copilot::OrderProposal> m_proposal;
    QString m_stagedOrderCommand; // what was staged, to tell "accepted" from "edited"
    bool m_busy = false;
};

} // namespace instant

Q_DECLARE_METATYPE(instant::copilot::OrderProposal)
