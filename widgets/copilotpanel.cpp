#include "copilotpanel.h"

#include "copilot/copilotsession.h"
#include "engine/tradingengine.h"
#include "marketdata/quoteboard.h"
#include "orderticket.h"
#include "refdata/referencedata.h"
#include "store/credentials.h"
#include "store/eventstore.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QThread>
#include <QUuid>
#include <QVBoxLayout>

namespace instant {

// Lives on the copilot thread: the model client, the tools over a snapshot, the audit.
class CopilotWorker : public QObject
{
    Q_OBJECT

public:
    CopilotWorker(TradingEngine *engine) : m_engine(engine) {}

    static std::optional<copilot::LlmSettings> configured()
    {
        QSettings settings;
        const QString endpoint = settings.value(QStringLiteral("copilot/endpoint")).toString();
        if (endpoint.isEmpty())
            return std::nullopt;
        copilot::LlmSettings s;
        s.endpoint = QUrl(endpoint);
        s.model = settings.value(QStringLiteral("copilot/model")).toString();
        s.provider = settings.value(QStringLiteral("copilot/provider")).toString() == u"cohere" ? copilot::Provider::Cohere
                                                                                                : copilot::Provider::OpenAi;
        s.apiKey = Secrets::llmApiKey(); // the environment or the OS keychain: never settings files
        s.timeout = std::chrono::milliseconds(settings.value(QStringLiteral("copilot/timeout_s"), 60).toInt() * 1000);
        return s;
    }

    void ask(const QString &question)
    {
        run(question);
    }

    void cancel()
    {
        if (m_client)
            m_client->cancel();
    }

    void setQuotes(std::shared_ptr<const QuoteBoard> quotes)
    {
        m_quotes = std::move(quotes);
    }

    void reset() // the model settings changed
    {
        m_client.reset();
    }

    void decide(const QString &proposalId, const QString &decision, const QString &orderId)
    {
        if (m_audit)
            (void)m_audit->decision(proposalId, decision, orderId);
    }

Q_SIGNALS:
    void token(const QString &text);
    void finished(bool ok, const QString &text);
    void proposed(const instant::copilot::OrderProposal &proposal);

private:
    QCoro::Task<> run(QString question)
    {
        m_state = m_engine->snapshot();
        if (!m_state)
            m_state = std::make_shared<TradingState>();
        copilot::CopilotTools tools(*m_state, m_engine->reference(), &m_engine->store(), m_engine->clock());
        tools.setQuotes(m_quotes.get());
        tools.setOwnBook(m_engine->ownBook()); // "my" is the logged-in user's
        // A compliance session only reads: no drafts, and nothing recorded (not even the exchange).
        tools.setDrafting(m_engine->canTrade());
        if (!m_audit && m_engine->canTrade())
            m_audit = std::make_unique<copilot::CopilotAudit>(m_engine->store(), QUuid::createUuid().toString(QUuid::Id128).left(12),
                                                              m_engine->actor());
        const auto settings = configured();
        if (settings && !m_client)
            m_client = std::make_unique<copilot::LlmClient>(*settings);
        copilot::CopilotSession session(settings ? m_client.get() : nullptr, tools, m_audit.get());
        auto answer = co_await session.ask(question, [this](const QString &t) { Q_EMIT token(t); });
        if (tools.proposal())
            Q_EMIT proposed(*tools.proposal());
        Q_EMIT finished(answer.ok(), answer.ok() ? *answer : answer.message());
    }

    TradingEngine *m_engine;
    std::shared_ptr<const TradingState> m_state;
    std::shared_ptr<const QuoteBoard> m_quotes;
    std::unique_ptr<copilot::LlmClient> m_client;
    std::unique_ptr<copilot::CopilotAudit> m_audit;
};

CopilotPanel::CopilotPanel(TradingEngine *engine, OrderTicket *ticket, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_ticket(ticket), m_transcript(new QPlainTextEdit(this)), m_question(new QLineEdit(this)),
      m_ask(new QPushButton(tr("Ask"), this)), m_stop(new QPushButton(tr("Stop"), this)),
      m_stage(new QPushButton(tr("Stage on ticket"), this)), m_reject(new QPushButton(tr("Reject draft"), this)),
      m_mode(new QLabel(this)), m_thread(new QThread(this)), m_worker(nullptr)
{
    setObjectName(QStringLiteral("Copilot"));
    qRegisterMetaType<instant::copilot::OrderProposal>();
    m_transcript->setReadOnly(true); // plain text: model output is shown, never interpreted
    m_question->setPlaceholderText(tr("Ask about the book, or: buy 5mm 10s at 99-16"));
    m_stop->setEnabled(false);
    m_stage->setEnabled(false);
    m_reject->setEnabled(false);
    m_mode->setWordWrap(true);
    m_mode->setText(CopilotWorker::configured() ? tr("Model: %1").arg(QSettings().value(QStringLiteral("copilot/model")).toString())
                                                : tr("Offline assistant: no model is configured (Model settings…)."));
    auto *row = new QHBoxLayout;
    row->addWidget(m_question, 1);
    row->addWidget(m_ask);
    row->addWidget(m_stop);
    auto *proposalRow = new QHBoxLayout;
    proposalRow->addWidget(m_stage);
    proposalRow->addWidget(m_reject);
    proposalRow->addStretch(1);
    auto *settingsButton = new QPushButton(tr("Model settings…"), this);
    proposalRow->addWidget(settingsButton);
    connect(settingsButton, &QPushButton::clicked, this, [this] {
        // Endpoint, model and provider in settings; the key only in the OS keychain.
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Copilot model"));
        QSettings settings;
        auto *endpoint = new QLineEdit(settings.value(QStringLiteral("copilot/endpoint")).toString(), &dialog);
        endpoint->setPlaceholderText(QStringLiteral("https://api.openai.com · http://127.0.0.1:11434 · https://api.cohere.com"));
        auto *model = new QLineEdit(settings.value(QStringLiteral("copilot/model")).toString(), &dialog);
        auto *provider = new QComboBox(&dialog);
        provider->addItem(tr("OpenAI-compatible (also llama.cpp, Ollama)"), QStringLiteral("openai"));
        provider->addItem(tr("Cohere"), QStringLiteral("cohere"));
        provider->setCurrentIndex(settings.value(QStringLiteral("copilot/provider")).toString() == u"cohere" ? 1 : 0);
        auto *key = new QLineEdit(&dialog);
        key->setEchoMode(QLineEdit::Password);
        key->setPlaceholderText(tr("leave empty to keep the saved key"));
        auto *form = new QFormLayout(&dialog);
        form->addRow(tr("Endpoint"), endpoint);
        form->addRow(tr("Model"), model);
        form->addRow(tr("Provider"), provider);
        form->addRow(tr("API key (OS keychain)"), key);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
        form->addRow(buttons);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        if (dialog.exec() != QDialog::Accepted)
            return;
        settings.setValue(QStringLiteral("copilot/endpoint"), endpoint->text().trimmed());
        settings.setValue(QStringLiteral("copilot/model"), model->text().trimmed());
        settings.setValue(QStringLiteral("copilot/provider"), provider->currentData().toString());
        if (!key->text().isEmpty()) {
            Status saved = Secrets::save(QStringLiteral("llm-api-key"), key->text());
            if (!saved)
                QMessageBox::warning(this, tr("Copilot model"), tr("The key was not saved: %1").arg(saved.message()));
        }
        m_mode->setText(CopilotWorker::configured() ? tr("Model: %1 (applies to the next question)").arg(model->text())
                                                    : tr("Offline assistant: no model is configured."));
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->reset(); }, Qt::QueuedConnection);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_mode);
    layout->addWidget(m_transcript, 1);
    layout->addLayout(proposalRow);
    layout->addLayout(row);

    if (!engine) {
        setEnabled(false);
        return;
    }
    if (!engine->canTrade()) { // read-only: answers, never drafts, and records nothing
        m_stage->hide();
        m_reject->hide();
        m_question->setPlaceholderText(tr("Ask about the book (read-only: nothing is drafted or recorded)"));
    }
    m_worker = new CopilotWorker(engine);
    m_worker->moveToThread(m_thread);
    m_thread->setObjectName(QStringLiteral("instant-copilot"));
    m_thread->start();
    connect(m_worker, &CopilotWorker::token, this, [this](const QString &t) {
        m_transcript->moveCursor(QTextCursor::End);
        m_transcript->insertPlainText(t);
    });
    connect(m_worker, &CopilotWorker::proposed, this, &CopilotPanel::onProposal);
    connect(m_worker, &CopilotWorker::finished, this, [this](bool ok, const QString &text) {
        m_busy = false;
        m_ask->setEnabled(true);
        m_stop->setEnabled(false);
        if (ok) {
            append(QString());
            Q_EMIT answered(text);
        } else {
            append(tr("The copilot could not answer: %1 (trading is not affected).").arg(text));
            Q_EMIT failed(text);
        }
    });
    connect(m_ask, &QPushButton::clicked, this, [this] { ask(m_question->text()); });
    connect(m_question, &QLineEdit::returnPressed, this, [this] { ask(m_question->text()); });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->cancel(); }, Qt::QueuedConnection);
    });
    connect(m_stage, &QPushButton::clicked, this, &CopilotPanel::stageProposal);
    connect(m_reject, &QPushButton::clicked, this, &CopilotPanel::rejectProposal);
    if (m_ticket) {
        // What the human does with a staged draft: sent as drafted, or edited first.
        connect(m_ticket, &OrderTicket::sent, this, [this](const QString &orderId) {
            if (m_stagedOrderCommand.isEmpty() || !m_proposal)
                return;
            const NewOrderCommand c = m_ticket->command();
            const QString now = QStringLiteral("%1|%2|%3|%4|%5").arg(c.account, c.instrument, c.side).arg(c.quantity).arg(c.limitPrice);
            const QString decision = now == m_stagedOrderCommand ? QStringLiteral("accepted") : QStringLiteral("edited");
            const QString id = m_proposal->id;
            QMetaObject::invokeMethod(m_worker, [w = m_worker, id, decision, orderId] { w->decide(id, decision, orderId); }, Qt::QueuedConnection);
            append(tr("Draft %1 %2 and sent by you as %3.").arg(id, decision, orderId));
            m_stagedOrderCommand.clear();
            m_proposal.reset();
        });
    }
}

CopilotPanel::~CopilotPanel()
{
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { delete w; }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
}

void CopilotPanel::append(const QString &text)
{
    m_transcript->moveCursor(QTextCursor::End);
    const QString current = m_transcript->toPlainText();
    if (!current.isEmpty() && !current.endsWith(u'\n'))
        m_transcript->insertPlainText(QStringLiteral("\n")); // after a streamed answer
    if (!text.isEmpty())
        m_transcript->insertPlainText(text + u'\n');
}

void CopilotPanel::ask(const QString &question)
{
    if (!m_worker || m_busy || question.trimmed().isEmpty())
        return;
    m_busy = true;
    m_ask->setEnabled(false);
    m_stop->setEnabled(true);
    append(tr("You: %1").arg(question.trimmed()));
    m_question->clear();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, q = question.trimmed()] { w->ask(q); }, Qt::QueuedConnection);
}

void CopilotPanel::setQuoteBoard(std::shared_ptr<const QuoteBoard> quotes)
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [w = m_worker, quotes = std::move(quotes)]() mutable { w->setQuotes(std::move(quotes)); },
                                  Qt::QueuedConnection);
}

QString CopilotPanel::transcript() const
{
    return m_transcript->toPlainText();
}

void CopilotPanel::onProposal(const copilot::OrderProposal &proposal)
{
    m_proposal = proposal;
    m_stage->setEnabled(m_ticket && m_engine && m_engine->canTrade());
    m_reject->setEnabled(true);
    QString flags;
    for (const Violation &v : proposal.violations)
        flags += tr("\n  compliance (%1): %2").arg(v.severity == Severity::Hard ? tr("hard") : tr("soft"), v.message);
    append(tr("Draft %1: %2 — not sent.%3").arg(proposal.id, proposal.summary, flags));
}

void CopilotPanel::stageProposal()
{
    if (!m_proposal || !m_ticket)
        return;
    const NewOrderCommand &c = m_proposal->command;
    m_ticket->setAccount(c.account);
    m_ticket->setInstrument(c.instrument);
    m_ticket->setSide(c.side == u"sell" ? Side::Sell : Side::Buy);
    m_ticket->setQuantity(QString::number(c.quantity));
    m_ticket->setType(c.type);
    m_ticket->setPrice(c.limitPrice);
    m_stagedOrderCommand = QStringLiteral("%1|%2|%3|%4|%5").arg(c.account, c.instrument, c.side).arg(c.quantity).arg(c.limitPrice);
    append(tr("Draft %1 staged on the order ticket: review it and press Send yourself.").arg(m_proposal->id));
    m_stage->setEnabled(false);
}

void CopilotPanel::rejectProposal()
{
    if (!m_proposal)
        return;
    const QString id = m_proposal->id;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id] { w->decide(id, QStringLiteral("rejected"), QString()); }, Qt::QueuedConnection);
    append(tr("Draft %1 rejected.").arg(id));
    m_proposal.reset();
    m_stagedOrderCommand.clear();
    m_stage->setEnabled(false);
    m_reject->setEnabled(false);
}

} // namespace instant

#include "copilotpanel.moc"
