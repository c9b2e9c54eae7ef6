#include "orderticket.h"

#include "engine/tradingengine.h"
#include "refdata/referencedata.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

namespace instant {

OrderTicket::OrderTicket(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_reference(reference), m_account(new QComboBox(this)),
      m_instrument(new QLineEdit(this)), m_sides(new QButtonGroup(this)), m_quantity(new QLineEdit(this)),
      m_type(new QComboBox(this)), m_limit(new QLineEdit(this)), m_stop(new QLineEdit(this)), m_tif(new QComboBox(this)),
      m_preview(new QLabel(this)), m_status(new QLabel(this)), m_send(new QPushButton(tr("Send"), this))
{
    setObjectName(QStringLiteral("OrderTicket"));
    for (const Account *a : reference.accounts())
        m_account->addItem(QStringLiteral("%1 — %2").arg(a->id, a->name), a->id);
    QStringList symbols;
    for (const Instrument *i : reference.instruments())
        symbols << i->symbol;
    auto *completer = new QCompleter(symbols, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_instrument->setCompleter(completer);
    m_instrument->setPlaceholderText(tr("Instrument: UST 10Y, AAPL, CUSIP…"));

    auto *buy = new QPushButton(tr("&Buy"), this);
    auto *sell = new QPushButton(tr("&Sell"), this);
    for (QPushButton *b : {buy, sell})
        b->setCheckable(true);
    buy->setChecked(true);
    buy->setStyleSheet(QStringLiteral("QPushButton:checked { background: #2e7d32; color: white; font-weight: bold; }"));
    sell->setStyleSheet(QStringLiteral("QPushButton:checked { background: #c62828; color: white; font-weight: bold; }"));
    m_sides->addButton(buy, int(Side::Buy));
    m_sides->addButton(sell, int(Side::Sell));
    auto *sideRow = new QHBoxLayout;
    sideRow->addWidget(buy);
    sideRow->addWidget(sell);

    m_quantity->setPlaceholderText(tr("e.g. 5mm, 250k, 100"));
    m_type->addItem(tr("Limit"), QStringLiteral("limit"));
    m_type->addItem(tr("Market"), QStringLiteral("market"));
    m_type->addItem(tr("Stop"), QStringLiteral("stop"));
    m_type->addItem(tr("Stop limit"), QStringLiteral("stop-limit"));
    m_limit->setPlaceholderText(tr("99-16+ or 228.50"));
    m_stop->setPlaceholderText(tr("stop price"));
    for (const char *tif : {"day", "gtc", "ioc", "fok"})
        m_tif->addItem(QString::fromLatin1(tif).toUpper(), QString::fromLatin1(tif));

    auto *form = new QFormLayout;
    form->addRow(tr("Account"), m_account);
    form->addRow(tr("Instrument"), m_instrument);
    form->addRow(tr("Side"), sideRow);
    form->addRow(tr("Quantity"), m_quantity);
    form->addRow(tr("Type"), m_type);
    form->addRow(tr("Limit"), m_limit);
    form->addRow(tr("Stop"), m_stop);
    form->addRow(tr("Time in force"), m_tif);

    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_send->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(m_send);
    layout->addWidget(m_status);
    layout->addStretch(1);

    // Keyboard first: F2 buys, F3 sells, Ctrl+Shift+X cancels every working order in the instrument.
    auto *buyNow = new QAction(tr("Buy now"), this);
    buyNow->setShortcut(Qt::Key_F2);
    buyNow->setShortcutContext(Qt::WindowShortcut);
    connect(buyNow, &QAction::triggered, this, [this] { send(Side::Buy); });
    auto *sellNow = new QAction(tr("Sell now"), this);
    sellNow->setShortcut(Qt::Key_F3);
    sellNow->setShortcutContext(Qt::WindowShortcut);
    connect(sellNow, &QAction::triggered, this, [this] { send(Side::Sell); });
    auto *cancelAll = new QAction(tr("Cancel all in this instrument"), this);
    cancelAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    cancelAll->setShortcutContext(Qt::WindowShortcut);
    connect(cancelAll, &QAction::triggered, this, [this] {
        const Instrument *i = m_reference.instrument(m_instrument->text());
        if (m_engine && i)
            m_engine->cancelAll(i->id);
    });
    addActions({buyNow, sellNow, cancelAll});
    m_send->setToolTip(tr("Send (Enter). F2 buys, F3 sells, Ctrl+Shift+X cancels all in the instrument."));

    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Large order"), question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
    for (QLineEdit *e : {m_instrument, m_quantity, m_limit, m_stop}) {
        connect(e, &QLineEdit::textChanged, this, &OrderTicket::refreshPreview);
        connect(e, &QLineEdit::returnPressed, this, [this] { send(); });
    }
    connect(m_instrument, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (const Instrument *i = m_reference.instrument(text))
            Q_EMIT instrumentChanged(i->id);
    });
    for (QComboBox *c : {m_account, m_type, m_tif})
        connect(c, &QComboBox::currentIndexChanged, this, &OrderTicket::refreshPreview);
    connect(m_sides, &QButtonGroup::idClicked, this, &OrderTicket::refreshPreview);
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    if (m_engine) {
        connect(m_engine, &TradingEngine::commandFinished, this, &OrderTicket::onOutcome);
        // Buying power and limits move: keep what the ticket says current.
        auto *refresh = new QTimer(this);
        refresh->setInterval(1000);
        connect(refresh, &QTimer::timeout, this, &OrderTicket::refreshPreview);
        refresh->start();
        if (!m_engine->canTrade()) {
            setEnabled(false);
            m_status->setText(tr("Read-only: the %1 role cannot send orders.").arg(m_engine->actor().role));
        }
    }
    refreshPreview();
}

void OrderTicket::setInstrument(const QString &instrument)
{
    const Instrument *i = m_reference.instrument(instrument);
    m_instrument->setText(i ? i->symbol : instrument);
    if (i && m_quantity->text().isEmpty())
        m_quantity->setText(isTreasury(i->kind) ? QStringLiteral("1mm") : i->kind == InstrumentKind::EquityOption ? QStringLiteral("10") : QStringLiteral("100"));
}

void OrderTicket::setAccount(const QString &account)
{
    const int index = m_account->findData(account);
    if (index >= 0)
        m_account->setCurrentIndex(index);
}

void OrderTicket::setPrice(const QString &price)
{
    m_limit->setText(price);
}

void OrderTicket::setType(const QString &type)
{
    const int index = m_type->findData(type);
    if (index >= 0)
        m_type->setCurrentIndex(index);
}

void OrderTicket::setQuantity(const QString &quantity)
{
    m_quantity->setText(quantity);
}

void OrderTicket::setSide(Side side)
{
    m_sides->button(int(side))->setChecked(true);
    refreshPreview();
}

NewOrderCommand OrderTicket::command() const
{
    NewOrderCommand c;
    c.account = m_account->currentData().toString();
    const Instrument *i = m_reference.instrument(m_instrument->text());
    c.instrument = i ? i->id : m_instrument->text().trimmed();
    c.side = m_sides->checkedId() == int(Side::Sell) ? QStringLiteral("sell") : QStringLiteral("buy");
    c.quantity = parseQuantity(m_quantity->text()).value_or(0);
    c.type = m_type->currentData().toString();
    c.limitPrice = m_limit->text().trimmed();
    c.stopPrice = m_stop->text().trimmed();
    c.timeInForce = m_tif->currentData().toString();
    if (m_engine)
        c.actor = m_engine->actor();
    return c;
}

QString OrderTicket::previewText() const
{
    return m_preview->text();
}

QString OrderTicket::statusText() const
{
    return m_status->text();
}

void OrderTicket::refreshPreview()
{
    const QString type = m_type->currentData().toString();
    m_limit->setEnabled(type == u"limit" || type == u"stop-limit");
    m_stop->setEnabled(type == u"stop" || type == u"stop-limit");
    if (!m_quantity->text().isEmpty() && !parseQuantity(m_quantity->text())) {
        m_preview->setText(tr("Quantity: write 5mm, 250k or 100"));
        m_send->setEnabled(false);
        return;
    }
    if (!m_engine) {
        m_preview->clear();
        return;
    }
    const OrderPreview p = m_engine->preview(command());
    if (!p.valid) {
        m_preview->setText(p.problem);
        m_send->setEnabled(false);
        return;
    }
    QStringList lines;
    lines << tr("Notional $%L1").arg(double(p.notionalCents) / 100.0, 0, 'f', 2);
    if (p.dv01 != 0)
        lines << tr("DV01 %1$%L2 per bp").arg(p.dv01 > 0 ? QStringLiteral("+") : QString()).arg(p.dv01, 0, 'f', 0);
    if (p.yieldPercent)
        lines << tr("Yield %1%").arg(*p.yieldPercent, 0, 'f', 3);
    lines << tr("Available $%L1").arg(double(p.availableCents) / 100.0, 0, 'f', 2);
    if (p.violations.isEmpty())
        lines << tr("Compliance: passes");
    for (const Violation &v : p.violations)
        lines << (v.severity == Severity::Hard ? tr("Compliance will reject: %1") : tr("Needs an override: %1")).arg(v.message);
    m_preview->setText(lines.join(u'\n'));
    m_send->setEnabled(m_engine->canTrade());
}

bool OrderTicket::send(std::optional<Side> side)
{
    if (!m_engine || !m_engine->canTrade())
        return false;
    if (side)
        setSide(*side);
    NewOrderCommand c = command();
    if (c.quantity <= 0) {
        m_status->setText(tr("Enter a quantity"));
        return false;
    }
    const OrderPreview p = m_engine->preview(c);
    if (!p.valid) {
        m_status->setText(p.problem);
        return false;
    }
    if (p.notionalCents >= LargeOrderCents
        && !m_confirm(tr("%1 %L2 %3 for $%L4. Send?").arg(c.side, QString::number(c.quantity), m_instrument->text())
                          .arg(double(p.notionalCents) / 100.0, 0, 'f', 2)))
        return false;
    const QString user = c.actor.user.isEmpty() ? QStringLiteral("t") : c.actor.user;
    c.clientOrderId = QStringLiteral("%1-%2-%3").arg(user, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyMMddhhmmsszzz"))).arg(++m_counter);
    m_mine << c.clientOrderId;
    m_status->setText(tr("Sending %1…").arg(c.clientOrderId));
    m_engine->submit(c);
    Q_EMIT sent(c.clientOrderId);
    return true;
}

void OrderTicket::onOutcome(const CommandOutcome &outcome)
{
    if (!m_mine.contains(outcome.orderId))
        return;
    if (outcome.accepted)
        m_status->setText(tr("%1: %2").arg(outcome.orderId, stateName(outcome.state)));
    else
        m_status->setText(tr("%1 rejected: %2").arg(outcome.orderId, outcome.reason));
    m_status->setStyleSheet(outcome.accepted ? QString() : QStringLiteral("color: #c62828"));
}

} // namespace instant
