#include "orderticket.h"

#include "engine/orderpreviewer.h"

#include "engine/tradingengine.h"
#include "common/clock.h"
#include "refdata/referencedata.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace instant {

OrderTicket::OrderTicket(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_reference(reference), m_previewer(new OrderPreviewer(this)), m_account(new QComboBox(this)),
      m_instrument(new QLineEdit(this)), m_sides(new QButtonGroup(this)), m_quantity(new QLineEdit(this)),
      m_type(new QComboBox(this)), m_limit(new QLineEdit(this)), m_stop(new QLineEdit(this)), m_tif(new QComboBox(this)),
      m_preview(new QLabel(this)), m_status(new QLabel(this)), m_send(new QPushButton(tr("Send"), this)),
      m_bracket(new QGroupBox(tr("Bracket: exits for this buy"), this)), m_stopLoss(new QLineEdit(this)), m_trailBy(new QLineEdit(this)),
      m_takeProfit(new QLineEdit(this)), m_exitAfter(new QSpinBox(this)), m_editLabel(new QLabel(this)),
      m_amend(new QPushButton(tr("Amend exits"), this)), m_doneEditing(new QPushButton(tr("New order"), this)),
      m_override(new QGroupBox(tr("Override"), this)), m_overrideRules(new QLabel(m_override)),
      m_overrideReason(new QLineEdit(m_override))
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
    connect(m_quantity, &QLineEdit::textEdited, this, [this] { // typed: the trader's, for this instrument
        const Instrument *i = m_reference.instrument(m_instrument->text());
        m_quantityFor = i ? i->id : QString();
    });
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

    // The bracket: the stop and the time exit are watched by the workstation, the take-profit
    // rests at the venue; one cancels the other.
    m_bracket->setObjectName(QStringLiteral("bracketBox"));
    m_bracket->setCheckable(true);
    m_bracket->setChecked(false);
    m_stopLoss->setPlaceholderText(tr("stop-loss price"));
    m_trailBy->setPlaceholderText(tr("trail by, e.g. 1.50 or 0-08"));
    m_takeProfit->setPlaceholderText(tr("take-profit price"));
    m_exitAfter->setRange(0, 7 * 24 * 60);
    m_exitAfter->setSuffix(tr(" min"));
    m_exitAfter->setSpecialValueText(tr("no time exit"));
    m_editLabel->setWordWrap(true);
    m_editLabel->hide();
    m_amend->hide();
    m_doneEditing->hide();
    // The exits fold away while the box is off: the ticket stays short beside the market watch.
    auto *bracketFields = new QWidget(m_bracket);
    auto *bracketOuter = new QVBoxLayout(m_bracket);
    bracketOuter->setContentsMargins(0, 0, 0, 0);
    bracketOuter->addWidget(bracketFields);
    bracketFields->setVisible(false);
    connect(m_bracket, &QGroupBox::toggled, bracketFields, &QWidget::setVisible);
    auto *bracketForm = new QFormLayout(bracketFields);
    bracketForm->addRow(m_editLabel);
    bracketForm->addRow(tr("Stop-loss"), m_stopLoss);
    bracketForm->addRow(tr("Trailing"), m_trailBy);
    bracketForm->addRow(tr("Take-profit"), m_takeProfit);
    bracketForm->addRow(tr("Exit after"), m_exitAfter);
    auto *editRow = new QHBoxLayout;
    editRow->addWidget(m_amend);
    editRow->addWidget(m_doneEditing);
    bracketForm->addRow(editRow);
    connect(m_amend, &QPushButton::clicked, this, [this] { amendBracket(); });
    connect(m_doneEditing, &QPushButton::clicked, this, &OrderTicket::stopEditingBracket);
    connect(m_bracket, &QGroupBox::toggled, this, &OrderTicket::refreshPreview);
    connect(m_exitAfter, &QSpinBox::valueChanged, this, &OrderTicket::refreshPreview);
    for (QLineEdit *e : {m_stopLoss, m_trailBy, m_takeProfit})
        connect(e, &QLineEdit::textChanged, this, &OrderTicket::refreshPreview);

    // A soft rule the order breaks: the trader may override it with a reason, which is recorded
    // with the rule, the value and the limit (and may need a second person's approval).
    m_override->setObjectName(QStringLiteral("overrideBox"));
    m_overrideRules->setWordWrap(true);
    m_overrideRules->setTextFormat(Qt::PlainText);
    m_overrideReason->setObjectName(QStringLiteral("overrideReason"));
    m_overrideReason->setPlaceholderText(tr("Why this order should go out anyway (recorded)"));
    auto *overrideLayout = new QVBoxLayout(m_override);
    overrideLayout->addWidget(m_overrideRules);
    overrideLayout->addWidget(m_overrideReason);
    m_override->setStyleSheet(QStringLiteral("QGroupBox { color: #b26a00; font-weight: bold; }"));
    m_override->hide();
    connect(m_overrideReason, &QLineEdit::textChanged, this, &OrderTicket::refreshPreview);
    connect(m_overrideReason, &QLineEdit::returnPressed, this, [this] { send(); });

    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_send->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_bracket);
    layout->addWidget(m_preview);
    layout->addWidget(m_override);
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

    m_confirm = ClickToTrade::messageBox(this);
    for (QLineEdit *e : {m_instrument, m_quantity, m_limit, m_stop}) {
        connect(e, &QLineEdit::textChanged, this, &OrderTicket::refreshPreview);
        connect(e, &QLineEdit::returnPressed, this, [this] { send(); });
    }
    connect(m_instrument, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (const Instrument *i = m_reference.instrument(text)) {
            suggestQuantity(*i);
            Q_EMIT instrumentChanged(i->id);
        }
    });
    for (QComboBox *c : {m_account, m_type, m_tif}) {
        connect(c, &QComboBox::currentIndexChanged, this, &OrderTicket::refreshPreview);
        connect(c, &QComboBox::currentIndexChanged, this, &OrderTicket::clearStaleError);
    }
    for (QLineEdit *e : {m_instrument, m_quantity, m_limit, m_stop})
        connect(e, &QLineEdit::textEdited, this, &OrderTicket::clearStaleError);
    connect(m_sides, &QButtonGroup::idClicked, this, &OrderTicket::refreshPreview);
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    m_previewer->setEngine(m_engine);
    connect(m_previewer, &OrderPreviewer::answered, this, &OrderTicket::showPreview);
    if (m_engine) {
        connect(m_engine, &TradingEngine::commandFinished, this, &OrderTicket::onOutcome);
        // Halted (the kill switch, or a store that cannot record): said on the ticket, Send off.
        connect(m_engine, &TradingEngine::killSwitchChanged, this, [this](const QString &mode) {
            m_halted = mode == u"halted";
            refreshPreview();
        });
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
    m_instrument->setText(i ? i->symbol : instrument); // typed or set, textChanged suggests the quantity
}

void OrderTicket::suggestQuantity(const Instrument &i)
{
    // A quantity the trader set stays for the instrument it was set for; any other instrument gets
    // the usual quantity of its kind (15mm of a Treasury is not 15,000,000 shares of a stock).
    if (!m_quantity->text().isEmpty() && m_quantity->text() != m_defaultQuantity && m_quantityFor == i.id)
        return;
    m_quantityFor.clear();
    m_defaultQuantity = ClickToTrade::usualQuantity(i);
    m_quantity->setText(m_defaultQuantity);
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
    const Instrument *i = m_reference.instrument(m_instrument->text());
    m_quantityFor = i ? i->id : QString(); // for this instrument only
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
    if (m_editing.isEmpty())
        c.bracket = bracketTerms();
    if (const QString reason = m_overrideReason->text().trimmed(); !reason.isEmpty())
        for (const QString &rule : m_softRules)
            c.overrides.append({rule, reason});
    if (m_engine)
        c.actor = m_engine->actor();
    return c;
}

std::optional<BracketTerms> OrderTicket::bracketTerms() const
{
    if (m_editing.isEmpty() && !m_bracket->isChecked()) // while editing, the box is not checkable
        return std::nullopt;
    BracketTerms t;
    t.stopLoss = m_stopLoss->text().trimmed();
    t.trailBy = m_trailBy->text().trimmed();
    t.takeProfit = m_takeProfit->text().trimmed();
    t.exitAfterSeconds = qint64(m_exitAfter->value()) * 60;
    if (!m_editing.isEmpty() && m_exitAfter->value() == 0)
        t.exitAtUs = m_editingExitAtUs; // an amendment keeps the time exit it had
    return t;
}

void OrderTicket::setBracket(const QString &stopLoss, const QString &takeProfit, const QString &trailBy, int exitAfterMinutes)
{
    m_stopLoss->setText(stopLoss);
    m_takeProfit->setText(takeProfit);
    m_trailBy->setText(trailBy);
    m_exitAfter->setValue(exitAfterMinutes);
    m_bracket->setChecked(true);
}

void OrderTicket::editBracket(const BracketRecord &b)
{
    const Instrument *i = m_reference.instrument(b.instrument);
    if (!i)
        return;
    m_editing = b.id;
    m_editingExitAtUs = b.exits.exitAtUs;
    setInstrument(b.instrument);
    setAccount(b.account);
    auto text = [i](const std::optional<Price> &p) { return p ? i->formatPrice(*p) : QString(); };
    setBracket(text(b.exits.stopLoss), text(b.exits.takeProfit), text(b.exits.trailBy), 0);
    m_editLabel->setText(tr("Changing the exits of bracket %1 (%2 %3)%4.")
                             .arg(b.id, i->symbol, phaseName(b.phase),
                                  b.exits.exitAtUs ? tr(", time exit at %1 UTC kept unless you set a new one").arg(formatUtcMicros(b.exits.exitAtUs).mid(11, 8))
                                                   : QString()));
    m_editLabel->show();
    m_amend->show();
    m_doneEditing->show();
    m_bracket->setCheckable(false); // editing exits, not sending a new order
    for (QWidget *w : m_bracket->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        w->setVisible(true);
    m_send->setEnabled(false);
    refreshPreview();
}

bool OrderTicket::amendBracket()
{
    if (m_editing.isEmpty() || !m_engine)
        return false;
    const std::optional<BracketTerms> terms = bracketTerms();
    if (!terms)
        return false;
    m_amending << m_editing;
    m_engine->amendBracket(m_editing, *terms);
    m_status->setText(tr("Amending bracket %1…").arg(m_editing));
    return true;
}

void OrderTicket::stopEditingBracket()
{
    m_editing.clear();
    m_editingExitAtUs = 0;
    m_editLabel->hide();
    m_amend->hide();
    m_doneEditing->hide();
    m_bracket->setCheckable(true);
    m_bracket->setChecked(false);
    refreshPreview();
}

QString OrderTicket::bracketPreview(const NewOrderCommand &c, bool &valid) const
{
    valid = false;
    const std::optional<BracketTerms> terms = bracketTerms();
    if (!terms) {
        valid = true;
        return {};
    }
    const Instrument *i = m_reference.instrument(c.instrument);
    if (!i || !m_engine)
        return {};
    if (m_editing.isEmpty() && c.side != u"buy")
        return tr("Bracket: its entry is a buy (it protects a bought position)");
    // Checked against the limit, or the mark for a market entry (the engine checks again).
    std::optional<Price> reference;
    if (!c.limitPrice.isEmpty() && (c.type == u"limit" || c.type == u"stop-limit"))
        if (auto p = i->parsePrice(c.limitPrice))
            reference = *p;
    if (!reference)
        if (auto state = m_engine->snapshot())
            reference = state->lastPrice(i->id);
    // Exit times are on the market's clock (simulated in demo mode).
    auto exits = parseBracketTerms(*i, *terms, reference.value_or(i->referencePrice), m_engine->clock().nowUs());
    if (!exits)
        return tr("Bracket: %1").arg(exits.message());
    QStringList parts;
    if (exits->stopLoss)
        parts << tr("stop %1").arg(i->formatPrice(*exits->stopLoss));
    if (exits->trailBy)
        parts << tr("trailing %1").arg(i->formatPrice(*exits->trailBy));
    if (exits->takeProfit)
        parts << tr("take-profit %1").arg(i->formatPrice(*exits->takeProfit));
    if (terms->exitAfterSeconds > 0)
        parts << tr("out after %1 min").arg(terms->exitAfterSeconds / 60);
    else if (terms->exitAtUs)
        parts << tr("out at %1 UTC").arg(formatUtcMicros(terms->exitAtUs).mid(11, 8));
    valid = true;
    return tr("Bracket: %1").arg(parts.join(QStringLiteral(" · ")));
}

QString OrderTicket::previewText() const
{
    return m_preview->text();
}

QString OrderTicket::statusText() const
{
    return m_status->text();
}

void OrderTicket::setOverrideReason(const QString &reason)
{
    m_overrideReason->setText(reason);
}

bool OrderTicket::overrideShown() const
{
    return !m_override->isHidden();
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
    const NewOrderCommand c = command();
    bool bracketOk = false;
    const QString bracket = bracketPreview(c, bracketOk);
    if (!m_editing.isEmpty()) {
        m_preview->setText(bracket);
        m_amend->setEnabled(bracketOk && m_engine->canTrade());
        m_send->setEnabled(false);
        return;
    }
    // The engine's thread checks it (latest wins); showPreview() shows the answer. Until then the
    // ticket says what it said, unless the terms changed.
    m_previewer->ask(c);
}

bool OrderTicket::previewCurrent() const
{
    if (!m_editing.isEmpty())
        return true; // changing a bracket's exits: the ticket says what it needs by itself
    return m_previewer->answer() && m_previewer->asked().terms() == command().terms();
}

void OrderTicket::showPreview(const OrderPreview &p)
{
    const NewOrderCommand c = m_previewer->asked();
    bool bracketOk = false;
    const QString bracket = bracketPreview(c, bracketOk);
    if (!m_editing.isEmpty())
        return; // the ticket is changing a bracket's exits: refreshPreview() said what it needs
    if (!p.valid) {
        m_preview->setText(p.problem);
        m_send->setEnabled(false);
        sendIfAsked();
        return;
    }
    QStringList lines;
    if (!bracket.isEmpty())
        lines << bracket;
    lines << costLines(p);
    if (p.dv01 != 0)
        lines << tr("DV01 %1$%L2 per bp").arg(p.dv01 > 0 ? QStringLiteral("+") : QString()).arg(p.dv01, 0, 'f', 0);
    if (p.yieldPercent)
        lines << tr("Yield %1%").arg(*p.yieldPercent, 0, 'f', 3);
    bool hard = false;
    QStringList soft, softRules;
    for (const Violation &v : p.violations) {
        if (v.severity == Severity::Hard) {
            hard = true;
            lines << tr("Compliance will reject: %1").arg(v.message);
            continue;
        }
        softRules << v.ruleId;
        soft << (v.approvers.isEmpty() ? v.message
                                       : tr("%1 — needs approval by %2").arg(v.message, v.approvers.join(tr(" or "))));
    }
    if (p.violations.isEmpty())
        lines << tr("Compliance: passes");
    lines << p.warnings;
    m_softRules = softRules;
    m_override->setVisible(!soft.isEmpty());
    m_overrideRules->setText(soft.join(u'\n'));
    const bool reasonMissing = !soft.isEmpty() && m_overrideReason->text().trimmed().isEmpty();
    if (!soft.isEmpty())
        lines << (reasonMissing ? tr("Needs an override: give a reason below") : tr("Overridden, with the reason below"));
    if (m_halted)
        lines << tr("Trading is halted: nothing can be sent now (see the status bar)");
    m_preview->setText(lines.join(u'\n'));
    m_send->setEnabled(m_engine->canTrade() && bracketOk && !hard && !reasonMissing && !m_halted);
    sendIfAsked();
}

// A send asked for before the engine had checked these terms goes once it has (or says why not).
void OrderTicket::sendIfAsked()
{
    if (!m_sendAsked)
        return;
    const std::optional<Side> side = *m_sendAsked;
    m_sendAsked.reset();
    if (m_previewer->asked().terms() == command().terms())
        send(side);
}

// What the order costs, as the order manager will hold and book it: principal, accrued interest
// for notes and bonds, the total that settles, and what a buy holds of what is available.
QStringList OrderTicket::costLines(const OrderPreview &p) const
{
    auto money = [](qint64 cents) { return QStringLiteral("$%L1").arg(double(cents) / 100.0, 0, 'f', 2); };
    const Instrument *i = m_reference.instrument(m_instrument->text());
    QStringList lines;
    if (p.atProtectionPrice && i)
        lines << tr("Priced at its protection limit %1").arg(i->formatPrice(p.pricedAt));
    if (p.accruedCents > 0) {
        lines << tr("Principal %1").arg(money(p.notionalCents));
        lines << tr("Accrued interest %1 (%2 days)").arg(money(p.accruedCents)).arg(p.accruedDays);
        lines << tr("Total %1, settles %2").arg(money(p.totalCents()), QLocale().toString(p.settleDate, QLocale::ShortFormat));
    } else {
        lines << tr("Notional %1, settles %2").arg(money(p.notionalCents), QLocale().toString(p.settleDate, QLocale::ShortFormat));
    }
    if (p.holdCents > 0)
        lines << tr("Holds %1 of %2 available").arg(money(p.holdCents), money(p.availableCents));
    else
        lines << tr("Available %1").arg(money(p.availableCents));
    return lines;
}

// An error about what the trader has since changed is no longer true: it goes.
void OrderTicket::clearStaleError()
{
    if (!m_status->styleSheet().isEmpty()) {
        m_status->clear();
        m_status->setStyleSheet(QString());
    }
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
        m_status->setStyleSheet(QStringLiteral("color: #c62828"));
        return false;
    }
    if (!m_previewer->answer() || !(m_previewer->asked().terms() == c.terms())) {
        // Not checked yet: it goes when the engine has checked it (the check is the order manager's).
        m_sendAsked = side;
        if (!(m_previewer->asked().terms() == c.terms()))
            m_previewer->ask(c);
        m_status->setText(tr("Checking the order…"));
        m_status->setStyleSheet(QString());
        return true;
    }
    const OrderPreview p = *m_previewer->answer();
    if (!p.valid) {
        m_status->setText(p.problem);
        m_status->setStyleSheet(QStringLiteral("color: #c62828"));
        return false;
    }
    if (!m_editing.isEmpty())
        return false; // the ticket is changing a bracket's exits
    if (bool ok = false; c.bracket) {
        const QString bracket = bracketPreview(c, ok);
        if (!ok) { // the engine would refuse it too: say why here, send nothing
            m_status->setText(bracket);
            return false;
        }
    }
    if (!m_softRules.isEmpty() && m_overrideReason->text().trimmed().isEmpty()) {
        m_status->setText(tr("Give a reason to override: %1").arg(m_overrideRules->text()));
        m_status->setStyleSheet(QStringLiteral("color: #c62828"));
        m_overrideReason->setFocus();
        return false;
    }
    if (!ClickToTrade::largeOrderConfirmed(c, p.notionalCents, m_reference.instrument(c.instrument), m_confirm))
        return false;
    const QString user = c.actor.user.isEmpty() ? QStringLiteral("t") : c.actor.user;
    // Unique across sessions: the machine's time names the order (the market's may repeat a day).
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowUtcMicros() / 1000, QTimeZone::utc());
    c.clientOrderId = QStringLiteral("%1-%2-%3").arg(user, now.toString(QStringLiteral("yyMMddhhmmsszzz"))).arg(++m_counter);
    m_mine << c.clientOrderId;
    m_status->setText(tr("Sending %1…").arg(c.clientOrderId));
    m_engine->submit(c);
    Q_EMIT sent(c.clientOrderId);
    return true;
}

void OrderTicket::onOutcome(const CommandOutcome &outcome)
{
    if (m_amending.removeOne(outcome.orderId)) {
        m_status->setText(outcome.accepted ? tr("Bracket %1: exits amended").arg(outcome.orderId)
                                           : tr("Bracket %1: not amended: %2").arg(outcome.orderId, outcome.reason));
        m_status->setStyleSheet(outcome.accepted ? QString() : QStringLiteral("color: #c62828"));
        return;
    }
    if (!m_mine.contains(outcome.orderId))
        return;
    if (outcome.awaitingApproval) {
        m_status->setText(tr("%1 waits: %2").arg(outcome.orderId, outcome.reason));
        m_status->setStyleSheet(QStringLiteral("color: #b26a00"));
        m_overrideReason->clear();
        return;
    }
    if (outcome.accepted)
        m_status->setText(tr("%1: %2").arg(outcome.orderId, stateName(outcome.state)));
    else
        m_status->setText(tr("%1 rejected: %2").arg(outcome.orderId, outcome.reason));
    m_status->setStyleSheet(outcome.accepted ? QString() : QStringLiteral("color: #c62828"));
}

} // namespace instant
