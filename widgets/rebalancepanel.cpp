#include "rebalancepanel.h"

#include "engine/tradingengine.h"
#include "events/orderevents.h"
#include "refdata/referencedata.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace instant {
namespace {

QString money(qint64 cents)
{
    return QStringLiteral("$%L1").arg(double(cents) / 100.0, 0, 'f', 2);
}

QString signedDollars(double value)
{
    return (value >= 0 ? QStringLiteral("+$%L1") : QStringLiteral("−$%L1")).arg(std::abs(value), 0, 'f', 0);
}

} // namespace

// ---- lines ----

RebalanceLinesModel::RebalanceLinesModel(const ReferenceData &reference, QObject *parent)
    : QAbstractTableModel(parent), m_reference(reference)
{
}

int RebalanceLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_proposal.lines.size());
}

int RebalanceLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RebalanceLinesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_proposal.lines.size())
        return {};
    const RebalanceLine &l = m_proposal.lines.at(index.row());
    const instant::Instrument *i = m_reference.instrument(l.instrument);
    if (role == Qt::UserRole)
        return l.line;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Quantity || index.column() == Notional || index.column() == Dv01 || index.column() == Limit
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role == Qt::ForegroundRole) {
        if (index.column() == Side)
            return l.side == instant::Side::Buy ? QColor(0x1f, 0x7a, 0x3a) : QColor(0xb0, 0x2a, 0x2a);
        if (index.column() == Order && l.orderState == u"Rejected")
            return QColor(0xb0, 0x2a, 0x2a);
        return {};
    }
    if (role == Qt::ToolTipRole)
        return l.orderReason.isEmpty() ? l.note : l.orderReason;
    if (role == Qt::EditRole && index.column() == Quantity)
        return QString::number(l.quantity);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Line: return QStringLiteral("L%1").arg(l.line);
    case Instrument: return i ? i->symbol : l.instrument;
    case Side: return l.side == instant::Side::Buy ? tr("Buy") : tr("Sell");
    case Quantity: return QStringLiteral("%L1").arg(l.quantity);
    case Limit: return i ? i->formatPrice(l.limitPrice) : QString::number(l.limitPrice.value());
    case Notional: return money(l.notionalCents);
    case Dv01: return i && isTreasury(i->kind) ? signedDollars(l.dv01Change) : QString();
    case Order:
        if (!l.orderState.isEmpty())
            return l.orderReason.isEmpty() || l.orderState != u"Rejected" ? l.orderState
                                                                           : tr("Rejected: %1").arg(l.orderReason);
        if (m_proposal.status == RebalanceProposal::Status::Accepted)
            return tr("Sending…");
        return l.note;
    default: return {};
    }
}

QVariant RebalanceLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Line"),     QT_TR_NOOP("Instrument"), QT_TR_NOOP("Side"),
                                  QT_TR_NOOP("Quantity"), QT_TR_NOOP("Limit"),      QT_TR_NOOP("Notional"),
                                  QT_TR_NOOP("DV01"),     QT_TR_NOOP("Order / note")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

Qt::ItemFlags RebalanceLinesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Quantity && m_proposal.isOpen())
        f |= Qt::ItemIsEditable;
    return f;
}

bool RebalanceLinesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != Quantity || !m_proposal.isOpen() || index.row() >= m_proposal.lines.size())
        return false;
    const std::optional<qint64> quantity = parseQuantity(value.toString());
    if (!quantity || *quantity < 0)
        return false;
    // The engine records the edit and sends the proposal back: nothing changes here until then.
    Q_EMIT quantityEdited(m_proposal.lines.at(index.row()).line, *quantity);
    return true;
}

void RebalanceLinesModel::setProposal(const RebalanceProposal &proposal)
{
    beginResetModel();
    m_proposal = proposal;
    endResetModel();
}

// ---- exposure ----

RebalanceExposureModel::RebalanceExposureModel(const ReferenceData &reference, QObject *parent)
    : QAbstractTableModel(parent), m_reference(reference)
{
}

int RebalanceExposureModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RebalanceExposureModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RebalanceExposureModel::format(double value) const
{
    if (m_kind == TargetKind::Weights)
        return QStringLiteral("%L1%").arg(value, 0, 'f', 2);
    return (value < 0 ? QStringLiteral("−$%L1") : QStringLiteral("$%L1")).arg(std::abs(value), 0, 'f', 0);
}

QVariant RebalanceExposureModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ExposureRow &r = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == Exposure ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == After && r.target) {
        // Green when the proposal lands within a tenth of the target's scale, amber otherwise.
        const double scale = m_kind == TargetKind::Weights ? 0.25 : std::max(500.0, std::abs(*r.target) * 0.05);
        return std::abs(r.after - *r.target) <= scale ? QColor(0x1f, 0x7a, 0x3a) : QColor(0xa0, 0x60, 0x00);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Exposure: {
        if (r.key == u"CASH")
            return tr("Cash");
        if (m_kind == TargetKind::Dv01)
            return tr("%1 bucket").arg(r.key);
        const Instrument *i = m_reference.instrument(r.key);
        return i ? i->symbol : r.key;
    }
    case Target: return r.target ? format(*r.target) : tr("—");
    case Before: return format(r.before);
    case After: return format(r.after);
    case Change: {
        const double change = r.after - r.before;
        return QString((change >= 0 ? QStringLiteral("+") : QString()) + format(change));
    }
    default: return {};
    }
}

QVariant RebalanceExposureModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == Exposure)
        return m_kind == TargetKind::Weights ? tr("Weight") : tr("DV01");
    static const char *names[] = {"", QT_TR_NOOP("Target"), QT_TR_NOOP("Before"), QT_TR_NOOP("After"), QT_TR_NOOP("Change")};
    return section > 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void RebalanceExposureModel::setProposal(const RebalanceProposal &proposal)
{
    beginResetModel();
    m_kind = proposal.kind;
    m_rows = proposal.exposure;
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, 0);
}

// ---- the panel ----

RebalancePanel::RebalancePanel(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_reference(reference), m_account(new QComboBox(this)), m_kind(new QComboBox(this)),
      m_tolerance(new QSpinBox(this)), m_targetPages(new QStackedWidget(this)), m_weights(new QTableWidget(0, 2, this)),
      m_dv01(new QTableWidget(int(tenorBuckets().size()), 1, this)), m_proposalPicker(new QComboBox(this)),
      m_lineView(new QTableView(this)), m_exposureView(new QTableView(this)), m_summary(new QLabel(this)),
      m_status(new QLabel(this)), m_lines(new RebalanceLinesModel(reference, this)),
      m_exposure(new RebalanceExposureModel(reference, this))
{
    setObjectName(QStringLiteral("Rebalance"));
    for (const Account *a : reference.accounts())
        m_account->addItem(QStringLiteral("%1 — %2").arg(a->id, a->name), a->id);
    m_kind->addItem(tr("Weights by instrument"), int(TargetKind::Weights));
    m_kind->addItem(tr("DV01 by tenor bucket"), int(TargetKind::Dv01));
    m_tolerance->setRange(0, 1'000'000);
    m_tolerance->setToolTip(tr("Changes smaller than this are not traded"));

    m_weights->setHorizontalHeaderLabels({tr("Instrument"), tr("Target %")});
    m_weights->horizontalHeader()->setStretchLastSection(true);
    m_weights->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_weights->setWordWrap(false);
    m_weights->verticalHeader()->hide();
    m_dv01->setHorizontalHeaderLabels({tr("Target DV01 ($ per bp)")});
    m_dv01->horizontalHeader()->setStretchLastSection(true);
    QStringList bucketLabels;
    for (const QString &b : tenorBuckets())
        bucketLabels << b;
    m_dv01->setVerticalHeaderLabels(bucketLabels);
    m_dv01->setToolTip(tr("Remaining maturity: 2Y up to 3.5 years, 5Y to 7.5, 10Y to 15, 30Y beyond. Empty: no target."));
    // Room for the four buckets without scrolling.
    m_dv01->resizeRowsToContents();
    m_targetPages->setMinimumHeight(m_dv01->horizontalHeader()->sizeHint().height() + 4 * m_dv01->verticalHeader()->defaultSectionSize() + 6);
    m_targetPages->addWidget(m_weights);
    m_targetPages->addWidget(m_dv01);

    auto *addRow = new QPushButton(tr("Add"), this);
    auto *dropRow = new QPushButton(tr("Remove"), this);
    auto *fromHoldings = new QPushButton(tr("From holdings"), this);
    fromHoldings->setToolTip(tr("The account's holdings at their current weights, to edit"));
    auto *save = new QPushButton(tr("Save targets"), this);
    m_proposeButton = new QPushButton(tr("Propose"), this);
    m_proposeButton->setToolTip(tr("Compute the orders that move the book to the saved targets at the current marks"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Account"), this));
    top->addWidget(m_account, 1);
    top->addWidget(new QLabel(tr("Targets"), this));
    top->addWidget(m_kind, 1);
    top->addWidget(new QLabel(tr("Tolerance"), this));
    top->addWidget(m_tolerance);

    auto *targetButtons = new QHBoxLayout;
    targetButtons->addWidget(addRow);
    targetButtons->addWidget(dropRow);
    targetButtons->addWidget(fromHoldings);
    targetButtons->addStretch(1);
    targetButtons->addWidget(save);
    targetButtons->addWidget(m_proposeButton);
    auto *targetBox = new QWidget(this);
    auto *targetLayout = new QVBoxLayout(targetBox);
    targetLayout->setContentsMargins(0, 0, 0, 0);
    targetLayout->addWidget(m_targetPages, 1);
    targetLayout->addLayout(targetButtons);

    for (QTableView *view : {m_lineView, m_exposureView}) {
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
    }
    m_lineView->setModel(m_lines);
    m_lineView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_lineView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_exposureView->setModel(m_exposure);
    m_exposureView->horizontalHeader()->setStretchLastSection(false);
    m_exposureView->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *proposalSplit = new QSplitter(Qt::Horizontal, this);
    proposalSplit->addWidget(m_lineView);
    proposalSplit->addWidget(m_exposureView);
    proposalSplit->setStretchFactor(0, 3);
    proposalSplit->setStretchFactor(1, 2);

    m_removeButton = new QPushButton(tr("Remove line"), this);
    m_acceptButton = new QPushButton(tr("Accept…"), this);
    m_acceptButton->setToolTip(tr("Shows what compliance says about each line, then sends them as limit orders"));
    m_rejectButton = new QPushButton(tr("Reject…"), this);
    auto *proposalBar = new QHBoxLayout;
    proposalBar->addWidget(new QLabel(tr("Proposal"), this));
    proposalBar->addWidget(m_proposalPicker, 1);
    proposalBar->addWidget(m_removeButton);
    proposalBar->addWidget(m_rejectButton);
    proposalBar->addWidget(m_acceptButton);

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    auto *proposalBox = new QWidget(this);
    auto *proposalLayout = new QVBoxLayout(proposalBox);
    proposalLayout->setContentsMargins(0, 0, 0, 0);
    proposalLayout->addLayout(proposalBar);
    proposalLayout->addWidget(proposalSplit, 1);
    proposalLayout->addWidget(m_summary);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(targetBox);
    split->addWidget(proposalBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    m_confirm = [this](const QString &preview, bool needsOverride) -> std::optional<QString> {
        QString reason;
        if (needsOverride) {
            bool ok = false;
            reason = QInputDialog::getText(this, tr("Override soft rules"),
                                           tr("%1\n\nSoft rules flag some lines. Reason to override them "
                                              "(leave empty and compliance refuses those lines):").arg(preview),
                                           QLineEdit::Normal, {}, &ok);
            if (!ok)
                return std::nullopt;
        }
        const QString question = reason.trimmed().isEmpty()
                                     ? tr("%1\n\nSend these orders?").arg(preview)
                                     : tr("%1\n\nSoft rules overridden: %2\nSend these orders?").arg(preview, reason.trimmed());
        if (QMessageBox::question(this, tr("Send rebalance"), question,
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            != QMessageBox::Yes)
            return std::nullopt;
        return reason;
    };
    m_reasonPrompt = [this]() -> std::optional<QString> {
        bool ok = false;
        const QString reason = QInputDialog::getText(this, tr("Reject proposal"), tr("Why is it rejected?"), QLineEdit::Normal, {}, &ok);
        if (!ok)
            return std::nullopt;
        return reason;
    };

    connect(m_account, &QComboBox::currentIndexChanged, this, [this] { setAccount(account()); });
    auto showKind = [this, addRow, dropRow, fromHoldings] {
        const bool weights = TargetKind(m_kind->currentData().toInt()) == TargetKind::Weights;
        m_targetPages->setCurrentIndex(weights ? 0 : 1);
        for (QPushButton *b : {addRow, dropRow, fromHoldings})
            b->setVisible(weights);
        m_tolerance->setPrefix(weights ? QString() : QStringLiteral("$"));
        m_tolerance->setSuffix(weights ? tr(" bp of value") : tr(" DV01"));
        // The default of each kind, until targets of that kind are shown.
        if (!m_targets || m_targets->kind != TargetKind(m_kind->currentData().toInt()))
            m_tolerance->setValue(int(weights ? PortfolioTargets{}.toleranceBp : PortfolioTargets{}.toleranceDollars));
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, showKind);
    connect(addRow, &QPushButton::clicked, this, [this] {
        const int row = m_weights->rowCount();
        m_weights->insertRow(row);
        m_weights->setItem(row, 0, new QTableWidgetItem);
        m_weights->setItem(row, 1, new QTableWidgetItem);
        m_weights->setFocus();
        m_weights->setCurrentCell(row, 0);
        m_weights->editItem(m_weights->item(row, 0));
    });
    connect(dropRow, &QPushButton::clicked, this, [this] {
        if (m_weights->currentRow() >= 0)
            m_weights->removeRow(m_weights->currentRow());
    });
    connect(fromHoldings, &QPushButton::clicked, this, &RebalancePanel::fillFromHoldings);
    connect(save, &QPushButton::clicked, this, &RebalancePanel::saveTargets);
    if (engine && !engine->canTrade()) // read-only: targets are shown, never edited or saved
        for (QPushButton *b : {addRow, dropRow, fromHoldings, save})
            b->hide();
    connect(m_proposeButton, &QPushButton::clicked, this, &RebalancePanel::propose);
    connect(m_proposalPicker, &QComboBox::activated, this, [this] {
        m_followNewest = m_proposalPicker->currentIndex() == 0;
        showProposal();
    });
    connect(m_lines, &RebalanceLinesModel::quantityEdited, this, &RebalancePanel::setLineQuantity);
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_lineView->currentIndex();
        if (current.isValid())
            removeLine(current.data(Qt::UserRole).toInt());
    });
    connect(m_acceptButton, &QPushButton::clicked, this, [this] { (void)accept(); });
    connect(m_rejectButton, &QPushButton::clicked, this, [this] {
        if (auto reason = m_reasonPrompt())
            reject(*reason);
    });

    if (engine) {
        connect(engine, &TradingEngine::rebalanceUpdated, this, &RebalancePanel::onUpdated);
        connect(engine, &TradingEngine::rebalanceRefused, this, [this](const QString &acct, const QString &reason) {
            if (!acct.isEmpty() && acct != account())
                return;
            m_savingTargets = m_awaitingProposal = false;
            m_awaitingAccept.clear();
            setStatus(reason, true);
        });
        if (!engine->canTrade())
            setStatus(tr("Read-only: the %1 role sees proposals but cannot change them").arg(engine->actor().role));
    } else {
        setStatus(tr("No engine: targets and proposals need the trading engine"), true);
    }
    showKind();
    setAccount(account());
}

QString RebalancePanel::account() const
{
    return m_account->currentData().toString();
}

void RebalancePanel::setAccount(const QString &id)
{
    const int index = m_account->findData(id);
    if (index >= 0 && index != m_account->currentIndex()) {
        m_account->setCurrentIndex(index); // comes back here through the signal
        return;
    }
    m_targets.reset();
    m_proposals.clear();
    m_shownTargetsAccount.clear();
    m_followNewest = true;
    showProposal();
    if (m_engine)
        m_engine->requestRebalance(id);
}

void RebalancePanel::setTargetKind(TargetKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void RebalancePanel::setWeight(const QString &instrument, double percent)
{
    setTargetKind(TargetKind::Weights);
    const Instrument *i = m_reference.instrument(instrument);
    const QString symbol = i ? i->symbol : instrument;
    int row = 0;
    while (row < m_weights->rowCount() && (!m_weights->item(row, 0) || m_weights->item(row, 0)->text() != symbol))
        ++row;
    if (row == m_weights->rowCount()) {
        m_weights->insertRow(row);
        m_weights->setItem(row, 0, new QTableWidgetItem(symbol));
    }
    m_weights->setItem(row, 1, new QTableWidgetItem(QString::number(percent, 'f', 2)));
}

void RebalancePanel::setDv01(const QString &bucket, qint64 dollars)
{
    setTargetKind(TargetKind::Dv01);
    const int row = int(tenorBuckets().indexOf(bucket));
    if (row >= 0)
        m_dv01->setItem(row, 0, new QTableWidgetItem(QString::number(dollars)));
}

void RebalancePanel::setTolerance(int value)
{
    m_tolerance->setValue(value);
}

void RebalancePanel::fillFromHoldings()
{
    if (!m_engine)
        return;
    const auto state = m_engine->snapshot();
    if (!state)
        return;
    const AccountRecord *cash = state->account(account());
    if (!cash)
        return;
    qint64 total = cash->cashCents + cash->unsettledSellCents - cash->unsettledBuyCents;
    QList<std::pair<const Instrument *, qint64>> values;
    for (const PositionRecord &p : state->positions()) {
        const Instrument *i = m_reference.instrument(p.instrument);
        if (p.account != account() || p.quantity <= 0 || !i)
            continue;
        const qint64 value = i->notionalCents(Quantity(p.quantity), state->lastPrice(i->id).value_or(i->referencePrice));
        values.append({i, value});
        total += value;
    }
    m_weights->setRowCount(0);
    for (const auto &[instrument, value] : std::as_const(values))
        setWeight(instrument->id, total > 0 ? 100.0 * double(value) / double(total) : 0.0);
    setStatus(tr("Holdings at their current weights (%1): edit the targets, then save").arg(values.size()));
}

PortfolioTargets RebalancePanel::typedTargets() const
{
    PortfolioTargets t;
    t.account = account();
    t.kind = TargetKind(m_kind->currentData().toInt());
    if (t.kind == TargetKind::Weights) {
        t.toleranceBp = m_tolerance->value();
        for (int row = 0; row < m_weights->rowCount(); ++row) {
            const QTableWidgetItem *name = m_weights->item(row, 0);
            const QTableWidgetItem *weight = m_weights->item(row, 1);
            if (!name || name->text().trimmed().isEmpty())
                continue;
            const Instrument *i = m_reference.instrument(name->text().trimmed());
            bool ok = false;
            const double percent = weight ? weight->text().trimmed().remove(u'%').toDouble(&ok) : 0.0;
            // An unknown name or a bad number goes to the engine as typed: it says what is wrong.
            t.weightsBp.insert(i ? i->id : name->text().trimmed(), ok ? qRound64(percent * 100.0) : -1);
        }
    } else {
        t.toleranceDollars = m_tolerance->value();
        for (int row = 0; row < m_dv01->rowCount(); ++row) {
            const QTableWidgetItem *item = m_dv01->item(row, 0);
            const QString text = item ? item->text().trimmed().remove(u'$').remove(u',') : QString();
            if (text.isEmpty())
                continue;
            bool ok = false;
            const qint64 dollars = text.toLongLong(&ok);
            t.dv01Dollars.insert(tenorBuckets().at(row), ok ? dollars : -1);
        }
    }
    return t;
}

void RebalancePanel::saveTargets()
{
    if (!m_engine)
        return;
    const PortfolioTargets t = typedTargets();
    if (Status valid = t.validate(m_reference); !valid) {
        setStatus(valid.message(), true);
        return;
    }
    m_shownTargetsAccount.clear(); // show what the engine recorded
    m_savingTargets = true;
    setStatus(tr("Saving targets…"));
    m_engine->setPortfolioTargets(t);
}

void RebalancePanel::propose()
{
    if (!m_engine)
        return;
    m_followNewest = true;
    m_awaitingProposal = true;
    setStatus(tr("Proposing at the current marks…"));
    m_engine->proposeRebalance(account());
}

void RebalancePanel::setLineQuantity(int line, qint64 quantity)
{
    const auto p = currentProposal();
    if (!m_engine || !p || !p->isOpen())
        return;
    setStatus(quantity == 0 ? tr("Removing line %1…").arg(line) : tr("Changing line %1…").arg(line));
    m_engine->editRebalance(p->id, {RebalanceEdit{line, quantity}});
}

void RebalancePanel::removeLine(int line)
{
    setLineQuantity(line, 0);
}

NewOrderCommand RebalancePanel::lineCommand(const RebalanceProposal &p, const RebalanceLine &l) const
{
    const Instrument *i = m_reference.instrument(l.instrument);
    NewOrderCommand c;
    c.account = p.account;
    c.instrument = l.instrument;
    c.side = events::toString(l.side);
    c.quantity = l.quantity;
    c.limitPrice = i ? i->formatPrice(l.limitPrice) : QString();
    return c;
}

const OrderPreview *RebalancePanel::checked(const NewOrderCommand &c) const
{
    for (const auto &[terms, preview] : m_checked)
        if (terms == c.terms())
            return &preview;
    return nullptr;
}

// The engine checks each line of the proposal shown (on its thread, as the order manager will);
// accept() shows what it said.
void RebalancePanel::checkLines()
{
    const auto p = currentProposal();
    if (!m_engine || !p)
        return;
    for (const RebalanceLine &l : p->lines) {
        const NewOrderCommand c = lineCommand(*p, l);
        if (checked(c))
            continue;
        m_engine->preview(c, this, [this, terms = c.terms()](const OrderPreview &preview) {
            if (m_checked.size() > 500)
                m_checked.clear();
            m_checked.append({terms, preview});
            if (m_acceptAsked && linesChecked()) {
                m_acceptAsked = false;
                accept();
            }
        });
    }
}

bool RebalancePanel::linesChecked() const
{
    const auto p = currentProposal();
    if (!p)
        return false;
    return std::all_of(p->lines.cbegin(), p->lines.cend(), [&](const RebalanceLine &l) { return checked(lineCommand(*p, l)); });
}

bool RebalancePanel::accept()
{
    const auto p = currentProposal();
    if (!m_engine || !p || !p->isOpen() || p->lines.isEmpty())
        return false;
    if (!linesChecked()) { // shown once the engine has checked every line
        m_acceptAsked = true;
        checkLines();
        setStatus(tr("Checking the lines with compliance…"));
        return false;
    }
    QStringList rows;
    bool soft = false;
    QList<RuleOverride> overrides;
    QSet<QString> softRules;
    for (const RebalanceLine &l : p->lines) {
        const Instrument *i = m_reference.instrument(l.instrument);
        const NewOrderCommand c = lineCommand(*p, l);
        const OrderPreview preview = *checked(c);
        QStringList says;
        if (!preview.valid)
            says << preview.problem;
        for (const Violation &v : preview.violations) {
            says << (v.severity == Severity::Soft ? tr("%1 (soft: needs an override)") : tr("%1 (refused)")).arg(v.message);
            if (v.severity == Severity::Soft) {
                soft = true;
                softRules.insert(v.ruleId);
            }
        }
        rows << tr("L%1 %2 %L3 %4 at %5 — %6 — %7")
                    .arg(l.line)
                    .arg(l.side == Side::Buy ? tr("buy") : tr("sell"))
                    .arg(l.quantity)
                    .arg(i ? i->symbol : l.instrument, c.limitPrice, money(l.notionalCents),
                         says.isEmpty() ? tr("compliance: passes") : says.join(QStringLiteral("; ")));
    }
    m_preview = tr("Proposal %1 for %2, orders to send:").arg(p->id, p->account) + u'\n'
                + rows.join(u'\n');
    const std::optional<QString> answer = m_confirm(m_preview, soft);
    if (!answer) {
        setStatus(tr("Not sent"));
        return false;
    }
    if (soft && !answer->trimmed().isEmpty())
        for (const QString &rule : std::as_const(softRules))
            overrides.append(RuleOverride{rule, answer->trimmed()});
    setStatus(tr("Sending the orders…"));
    m_awaitingAccept = p->id;
    m_engine->acceptRebalance(p->id, overrides);
    return true;
}

void RebalancePanel::reject(const QString &reason)
{
    const auto p = currentProposal();
    if (!m_engine || !p)
        return;
    if (reason.trimmed().isEmpty()) {
        setStatus(tr("A rejection needs a reason"), true);
        return;
    }
    m_engine->rejectRebalance(p->id, reason);
}

std::optional<RebalanceProposal> RebalancePanel::currentProposal() const
{
    const QString id = m_proposalPicker->currentData().toString();
    for (const RebalanceProposal &p : m_proposals)
        if (p.id == id)
            return p;
    return std::nullopt;
}

void RebalancePanel::onUpdated(const QString &acct, const PortfolioTargets &targets, const QList<RebalanceProposal> &proposals)
{
    if (acct != account())
        return;
    const int before = int(m_proposals.size());
    m_targets = targets.isEmpty() ? std::nullopt : std::optional<PortfolioTargets>(targets);
    m_proposals = proposals;
    if (m_shownTargetsAccount != acct) { // not over what the trader is typing
        m_shownTargetsAccount = acct;
        if (m_targets)
            showTargets(*m_targets);
        if (m_savingTargets && m_targets)
            setStatus(tr("Targets saved"));
        m_savingTargets = false;
    }
    for (const RebalanceProposal &p : proposals)
        if (p.id == m_awaitingAccept && p.status == RebalanceProposal::Status::Accepted) {
            setStatus(tr("Proposal %1 accepted: its lines went to the order manager").arg(p.id));
            m_awaitingAccept.clear();
        }
    if (proposals.size() > before && m_awaitingProposal) {
        m_awaitingProposal = false;
        setStatus(tr("Proposal %1 made").arg(proposals.last().id));
    }
    showProposal();
}

void RebalancePanel::showTargets(const PortfolioTargets &t)
{
    setTargetKind(t.kind);
    m_tolerance->setValue(int(t.kind == TargetKind::Weights ? t.toleranceBp : t.toleranceDollars));
    if (t.kind == TargetKind::Weights) {
        m_weights->setRowCount(0);
        for (auto it = t.weightsBp.cbegin(); it != t.weightsBp.cend(); ++it)
            setWeight(it.key(), double(it.value()) / 100.0);
    } else {
        m_dv01->clearContents();
        for (auto it = t.dv01Dollars.cbegin(); it != t.dv01Dollars.cend(); ++it)
            setDv01(it.key(), it.value());
    }
}

void RebalancePanel::showProposal()
{
    const QString keep = m_proposalPicker->currentData().toString();
    {
        const QSignalBlocker block(m_proposalPicker);
        m_proposalPicker->clear();
        for (qsizetype k = m_proposals.size() - 1; k >= 0; --k) { // newest first
            const RebalanceProposal &p = m_proposals.at(k);
            m_proposalPicker->addItem(tr("%1 · %2 · %3 · by %4")
                                          .arg(p.id, toString(p.status),
                                               p.lines.size() == 1 ? tr("1 line") : tr("%1 lines").arg(p.lines.size()),
                                               p.proposedBy),
                                      p.id);
        }
        const int index = m_followNewest ? 0 : m_proposalPicker->findData(keep);
        m_proposalPicker->setCurrentIndex(std::max(0, index));
    }
    const auto p = currentProposal();
    checkLines();
    m_lines->setProposal(p.value_or(RebalanceProposal{}));
    m_exposure->setProposal(p.value_or(RebalanceProposal{}));
    m_lineView->resizeColumnsToContents();
    m_exposureView->resizeColumnsToContents();
    if (!p) {
        m_summary->setText(m_targets ? tr("No proposal yet: Propose computes one from the saved targets.")
                                     : tr("No targets yet: set weights or DV01 by bucket, then Save targets."));
    } else {
        QStringList parts;
        parts << tr("Value %1 · cash %2 → %3 · buying power %4 · buys %5, sales %6")
                     .arg(money(p->accountValueCents), money(p->cashBeforeCents), money(p->cashAfterCents),
                          money(p->buyingPowerCents), money(p->buyCents()), money(p->sellCents()));
        if (p->buyScale < 1)
            parts << tr("<b>Cash short</b>: buys of %1 scaled to %L2% to fit the buying power")
                         .arg(money(p->buysWantedCents))
                         .arg(p->buyScale * 100.0, 0, 'f', 1);
        for (const QString &note : p->notes)
            if (!note.startsWith(QStringLiteral("cash short")))
                parts << note.toHtmlEscaped();
        if (p->edits > 0)
            parts << (p->edits == 1 ? tr("edited once") : tr("edited %1 times").arg(p->edits));
        if (p->status == RebalanceProposal::Status::Rejected)
            parts << tr("<b>Rejected</b>: %1").arg(p->rejectReason.toHtmlEscaped());
        if (p->status == RebalanceProposal::Status::Accepted) {
            int rejected = 0;
            for (const RebalanceLine &l : p->lines)
                rejected += l.orderState == u"Rejected" ? 1 : 0;
            parts << (rejected ? tr("<b>Accepted</b>: lines refused: %1, see their reasons").arg(rejected)
                               : tr("<b>Accepted</b>: every line sent"));
        }
        m_summary->setText(parts.join(QStringLiteral("<br>")));
    }
    updateButtons();
}

void RebalancePanel::updateButtons()
{
    const auto p = currentProposal();
    const bool trading = m_engine && m_engine->canTrade();
    const bool open = p && p->isOpen();
    m_proposeButton->setEnabled(trading && m_targets.has_value());
    m_removeButton->setEnabled(trading && open && !p->lines.isEmpty());
    m_acceptButton->setEnabled(trading && open && !p->lines.isEmpty());
    m_rejectButton->setEnabled(trading && open);
}

void RebalancePanel::setStatus(const QString &text, bool problem)
{
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b02a2a;") : QString());
    m_status->setText(text);
}

QString RebalancePanel::summaryText() const
{
    return m_summary->text();
}

QString RebalancePanel::statusText() const
{
    return m_status->text();
}

QString RebalancePanel::previewText() const
{
    return m_preview;
}

} // namespace instant
