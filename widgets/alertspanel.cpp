#include "alertspanel.h"

#include "alertruledialog.h"
#include "engine/tradingengine.h"
#include "refdata/referencedata.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QMap>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace instant {

AlertsModel::AlertsModel(const ReferenceData &reference, QObject *parent) : QAbstractTableModel(parent), m_reference(reference)
{
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const Alert &a = m_alerts.at(index.row());
    if (role == InstrumentRole)
        return a.instrument;
    if (role == KindRole)
        return a.kind;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time: return formatUtcMicros(a.timeUs).mid(11, 8);
    case Instrument: {
        const instant::Instrument *i = m_reference.instrument(a.instrument);
        return i ? i->symbol : a.instrument;
    }
    case Kind: return a.kind;
    case Message: return a.message;
    default: return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Instrument"), QT_TR_NOOP("Alert"), QT_TR_NOOP("What happened")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void AlertsModel::append(const QList<Alert> &alerts)
{
    if (alerts.isEmpty())
        return;
    beginInsertRows({}, int(m_alerts.size()), int(m_alerts.size() + alerts.size()) - 1);
    m_alerts.append(alerts);
    endInsertRows();
}

AlertsPanel::AlertsPanel(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_model(new AlertsModel(reference, this)), m_proxy(new QSortFilterProxyModel(this)), m_view(new QTableView(this)),
      m_kind(new QComboBox(this)), m_text(new QLineEdit(this)), m_stats(new QLabel(this)), m_reference(reference)
{
    setObjectName(QStringLiteral("Alerts"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_kind->addItem(tr("All alerts"), QString());
    for (const char *k : {"gap", "volume_spike", "breakout", "yield_move", "price_cross", "yield_cross", "spread_cross", "execution_exception"})
        m_kind->addItem(QString::fromLatin1(k), QString::fromLatin1(k));
    m_text->setPlaceholderText(tr("Filter alerts…"));
    m_text->setClearButtonEnabled(true);
    auto *stage = new QPushButton(tr("Stage ticket"), this);
    stage->setToolTip(tr("Put the alert's instrument on the order ticket. Nothing is sent."));
    if (engine && !engine->canTrade()) { // read-only: there is no ticket to stage, only panels to show it on
        stage->setText(tr("Show instrument"));
        stage->setToolTip(tr("Show the alert's instrument on the linked panels."));
    }
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_kind);
    bar->addWidget(m_text, 1);
    bar->addWidget(stage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_stats);
    layout->addWidget(buildRulesBar(engine));
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { setKindFilter(m_kind->currentData().toString()); });
    connect(m_text, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(stage, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            Q_EMIT stageRequested(current.data(AlertsModel::InstrumentRole).toString());
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT stageRequested(index.data(AlertsModel::InstrumentRole).toString());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AlertsPanel::refreshStatistics);
    if (engine)
        connect(engine, &TradingEngine::alertsRaised, m_model, &AlertsModel::append);
    refreshStatistics();
}

// The trader's own rules under the alerts: list, "Alert when…", Remove, and the breakout quiet period.
QWidget *AlertsPanel::buildRulesBar(TradingEngine *engine)
{
    auto *box = new QWidget(this);
    m_rules = new QListWidget(box);
    m_rules->setObjectName(QStringLiteral("AlertRules"));
    m_rules->setMaximumHeight(fontMetrics().height() * 5); // a few rules in sight, the rest scroll
    m_alertWhen = new QPushButton(tr("Alert when…"), box);
    m_alertWhen->setToolTip(tr("Be told when a price, a Treasury's yield or a spread crosses a level"));
    auto *remove = new QPushButton(tr("Remove"), box);
    m_quiet = new QSpinBox(box);
    m_quiet->setObjectName(QStringLiteral("BreakoutQuietMinutes"));
    m_quiet->setRange(0, 24 * 60);
    m_quiet->setValue(Screener::DefaultBreakoutQuietMinutes);
    m_quiet->setSuffix(tr(" min"));
    m_quiet->setToolTip(tr("A breakout alert at most once per instrument this often (recorded)"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_alertWhen);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(new QLabel(tr("Breakouts at most every"), box));
    buttons->addWidget(m_quiet);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("My alerts"), box));
    layout->addWidget(m_rules);
    layout->addLayout(buttons);
    const bool canSet = engine && engine->canTrade();
    for (QWidget *w : {static_cast<QWidget *>(m_alertWhen), static_cast<QWidget *>(remove), static_cast<QWidget *>(m_quiet)})
        w->setEnabled(canSet);
    if (!engine)
        return box;
    connect(m_alertWhen, &QPushButton::clicked, this, [this, engine] {
        const QModelIndex current = m_view->currentIndex();
        AlertRuleDialog::ask(engine, m_reference, current.isValid() ? current.data(AlertsModel::InstrumentRole).toString() : QString(), this);
    });
    connect(remove, &QPushButton::clicked, this, [this, engine] {
        if (QListWidgetItem *item = m_rules->currentItem())
            engine->removeAlertRule(item->data(Qt::UserRole).toString());
    });
    connect(m_quiet, &QSpinBox::editingFinished, this, [this, engine] { engine->setBreakoutQuietMinutes(m_quiet->value()); });
    connect(engine, &TradingEngine::alertRulesUpdated, this, &AlertsPanel::showRules);
    return box;
}

void AlertsPanel::showRules(const QList<AlertRule> &rules, int breakoutQuietMinutes)
{
    m_rules->clear();
    for (const AlertRule &r : rules) {
        auto *item = new QListWidgetItem(r.note.isEmpty() ? r.describe(m_reference) : tr("%1 — %2").arg(r.describe(m_reference), r.note), m_rules);
        item->setData(Qt::UserRole, r.id);
    }
    const QSignalBlocker quiet(m_quiet);
    m_quiet->setValue(breakoutQuietMinutes);
}

void AlertsPanel::setKindFilter(const QString &kind)
{
    // Kind filter on the Alert column; text filter across all columns is the proxy's own.
    m_proxy->setFilterKeyColumn(kind.isEmpty() ? -1 : int(AlertsModel::Kind));
    m_proxy->setFilterFixedString(kind.isEmpty() ? m_text->text() : kind);
}

QString AlertsPanel::statistics() const
{
    return m_stats->text();
}

void AlertsPanel::refreshStatistics()
{
    QMap<QString, int> counts;
    for (const Alert &a : m_model->alerts())
        ++counts[a.kind];
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    m_stats->setText(tr("Today: %1").arg(parts.isEmpty() ? tr("no alerts yet") : parts.join(QStringLiteral(" · "))));
}

} // namespace instant
