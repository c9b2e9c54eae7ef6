#include "approvalspanel.h"

#include "engine/tradingengine.h"
#include "refdata/referencedata.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace instant {

ApprovalsModel::ApprovalsModel(const QString &user, const ReferenceData *reference, QObject *parent)
    : QAbstractTableModel(parent), m_user(user), m_reference(reference)
{
}

int ApprovalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApprovalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApprovalsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ApprovalRequest &r = m_rows.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == Status && r.waiting())
        return QColor(0xb2, 0x6a, 0x00);
    if (role == Qt::TextAlignmentRole && index.column() == Quantity)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    QStringList rules, reasons;
    for (const QJsonValue &v : r.overrides) {
        const QJsonObject o = v.toObject();
        rules << tr("%1: %2 against %3").arg(o.value(QStringLiteral("rule")).toString(), o.value(QStringLiteral("value")).toString(),
                                              o.value(QStringLiteral("limit")).toString());
        reasons << o.value(QStringLiteral("reason")).toString();
    }
    reasons.removeDuplicates();
    switch (index.column()) {
    case Order: return r.id;
    case Account: return r.account;
    case Side: return r.side == u"sell" ? tr("Sell") : tr("Buy");
    case Quantity: return formatQuantity(r.quantity, m_reference ? m_reference->instrument(r.instrument) : nullptr);
    case Instrument: {
        const instant::Instrument *i = m_reference ? m_reference->instrument(r.instrument) : nullptr;
        return i ? i->symbol : r.instrument;
    }
    case Price: return r.type == u"market" ? tr("market") : r.limitPrice;
    case Rules: return rules.join(QStringLiteral("; "));
    case Reason: return reasons.join(QStringLiteral("; "));
    case AskedBy:
        return tr("%1 at %2").arg(r.requestedBy,
                                  QDateTime::fromMSecsSinceEpoch(r.requestedUs / 1000, QTimeZone::utc()).toString(QStringLiteral("HH:mm:ss")));
    case Status:
        switch (r.status) {
        case ApprovalRequest::Status::Waiting: return r.mayDecide(m_user) ? tr("waiting for you") : tr("waiting for %1").arg(r.approvers.join(tr(" or ")));
        case ApprovalRequest::Status::Approved: return tr("approved");
        case ApprovalRequest::Status::Refused: return tr("refused: %1").arg(r.decision);
        case ApprovalRequest::Status::Withdrawn: return tr("withdrawn");
        }
        return {};
    case DecidedBy: return r.decidedBy;
    default: return {};
    }
}

QVariant ApprovalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Order"), QT_TR_NOOP("Account"), QT_TR_NOOP("Side"), QT_TR_NOOP("Qty"),
                                  QT_TR_NOOP("Instrument"), QT_TR_NOOP("Price"), QT_TR_NOOP("Rules overridden"), QT_TR_NOOP("Reason"),
                                  QT_TR_NOOP("Asked by"), QT_TR_NOOP("Status"), QT_TR_NOOP("Decided by")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void ApprovalsModel::setRequests(const QList<ApprovalRequest> &requests)
{
    beginResetModel(); // a handful of rows
    m_rows.clear();
    for (const ApprovalRequest &r : requests)
        if (r.approvers.contains(m_user) || r.requestedBy == m_user)
            m_rows << r;
    std::sort(m_rows.begin(), m_rows.end(), [](const ApprovalRequest &a, const ApprovalRequest &b) {
        return a.waiting() != b.waiting() ? a.waiting() : a.lastSequence > b.lastSequence;
    });
    endResetModel();
    Q_EMIT waitingForMeChanged(waitingForMe());
}

const ApprovalRequest *ApprovalsModel::request(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ApprovalsModel::waitingForMe() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [this](const ApprovalRequest &r) { return r.mayDecide(m_user); }));
}

ApprovalsPanel::ApprovalsPanel(TradingEngine *engine, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_model(new ApprovalsModel(engine ? engine->actor().user : QString(), engine ? &engine->reference() : nullptr, this)),
      m_view(new QTableView(this)), m_reason(new QLineEdit(this)), m_approve(new QPushButton(tr("Approve"), this)),
      m_refuse(new QPushButton(tr("Refuse"), this)), m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("ApprovalsPanel"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ApprovalsModel::Rules, QHeaderView::Stretch);
    m_reason->setPlaceholderText(tr("Reason for a refusal (recorded)"));
    m_note->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reason, 1);
    buttons->addWidget(m_approve);
    buttons->addWidget(m_refuse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(m_approve, &QPushButton::clicked, this, [this] { approveSelected(); });
    connect(m_refuse, &QPushButton::clicked, this, [this] { refuseSelected(m_reason->text()); });
    connect(m_reason, &QLineEdit::textChanged, this, &ApprovalsPanel::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApprovalsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ApprovalsPanel::updateButtons);
    if (engine) {
        connect(engine, &TradingEngine::approvalsUpdated, m_model, &ApprovalsModel::setRequests);
        if (!engine->canTrade())
            m_note->setText(tr("Read-only: the %1 role does not decide orders.").arg(engine->actor().role));
    }
    updateButtons();
}

const ApprovalRequest *ApprovalsPanel::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->request(rows.first().row());
}

void ApprovalsPanel::select(int row)
{
    m_view->selectRow(row);
}

void ApprovalsPanel::updateButtons()
{
    const ApprovalRequest *r = selected();
    const bool mine = r && m_engine && m_engine->canTrade() && r->mayDecide(m_engine->actor().user);
    m_approve->setEnabled(mine);
    m_refuse->setEnabled(mine && !m_reason->text().trimmed().isEmpty());
    if (m_engine && m_engine->canTrade())
        m_note->setText(r && r->waiting() && r->requestedBy == m_engine->actor().user
                            ? tr("Four eyes: %1 may approve your order; cancel it in the blotter to withdraw it.").arg(r->approvers.join(tr(" or ")))
                            : tr("Orders waiting for your approval: %1").arg(m_model->waitingForMe()));
}

bool ApprovalsPanel::approveSelected()
{
    const ApprovalRequest *r = selected();
    if (!r || !m_engine || !m_engine->canTrade() || !r->mayDecide(m_engine->actor().user))
        return false;
    m_engine->approveOrder(r->id);
    return true;
}

bool ApprovalsPanel::refuseSelected(const QString &reason)
{
    const ApprovalRequest *r = selected();
    if (!r || !m_engine || !m_engine->canTrade() || !r->mayDecide(m_engine->actor().user) || reason.trimmed().isEmpty())
        return false;
    m_engine->refuseOrder(r->id, reason.trimmed());
    m_reason->clear();
    return true;
}

} // namespace instant
