#include "blotter.h"

#include "blottermodel.h"
#include "bracketsmodel.h"
#include "exceptionsmodel.h"
#include "engine/tradingengine.h"
#include "refdata/referencedata.h"
#include "replacedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace instant {

void BlotterFilterProxy::setFilter(const OrderFilter &filter)
{
    m_filter = filter;
    invalidateFilter();
}

bool BlotterFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (m_filter.isEmpty())
        return true;
    const auto *model = static_cast<const BlotterModel *>(sourceModel());
    const OrderRecord &o = model->orderAt(sourceRow);
    return m_filter.matches(o, model->symbolOf(o));
}

namespace {

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // no per-row measuring on big tables
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionsMovable(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

Blotter::Blotter(TradingEngine *engine, const ReferenceData &reference, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_reference(reference), m_model(new BlotterModel(reference, this)),
      m_executions(new ExecutionsModel(reference, this)), m_proxy(new BlotterFilterProxy(this)),
      m_view(makeTable(this)), m_execView(makeTable(this)), m_brackets(new BracketsModel(reference, this)),
      m_bracketView(new QTreeView(this)), m_exceptions(new ExceptionsModel(this)), m_exceptionView(makeTable(this)),
      m_acknowledge(new QPushButton(tr("Acknowledge…"), this)), m_exceptionHint(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_state(new QComboBox(this)), m_side(new QComboBox(this)),
      m_text(new QLineEdit(this)), m_count(new QLabel(this)), m_answer(new QLabel(this)),
      m_onlyInstrument(new QCheckBox(tr("This instrument only"), this)),
      m_mine(new QCheckBox(tr("My orders"), this))
{
    setObjectName(QStringLiteral("Blotter"));
    m_proxy->setSortRole(BlotterModel::SortRole);
    m_proxy->setDynamicSortFilter(false); // sorting a million rows on every tick is not smooth
    // Unfiltered and unsorted, the view shows the model itself: a proxy would map every row of
    // a million-row reset before the first frame, and keep two indexes of every row after it
    // (tens of megabytes at a million orders). It takes the model when a filter or a sort is
    // chosen, and lets it go when they are cleared (see route()).
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        if (column < 0)
            return;
        route(true);
        m_proxy->sort(column, order);
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    const int widths[] = {13, 12, 9, 16, 5, 8, 5, 12, 9, 9, 12, 12, 9, 13, 30};
    for (int c = 0; c < BlotterModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * digit);
    m_view->setColumnHidden(BlotterModel::Stop, true);
    m_execView->setModel(m_executions);

    m_state->addItem(tr("All states"));
    m_state->addItem(tr("Working"));
    for (OrderState s : {OrderState::PendingNew, OrderState::New, OrderState::PartiallyFilled, OrderState::Filled,
                         OrderState::Cancelled, OrderState::Replaced, OrderState::Rejected, OrderState::Expired})
        m_state->addItem(stateName(s), int(s));
    m_side->addItems({tr("Both sides"), tr("Buy"), tr("Sell")});
    m_text->setPlaceholderText(tr("Filter: order, account, instrument, reason…"));
    m_text->setClearButtonEnabled(true);
    auto *exportButton = new QPushButton(tr("Export CSV…"), this);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_state);
    bar->addWidget(m_side);
    bar->addWidget(m_onlyInstrument);
    bar->addWidget(m_mine);
    bar->addWidget(m_text, 1);
    bar->addWidget(m_count);
    bar->addWidget(exportButton);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_view, tr("Orders"));
    m_tabs->addTab(m_execView, tr("Executions"));
    // Exceptions: executions booked that were not expected, each to be acknowledged with a note.
    {
        auto *page = new QWidget(this);
        m_exceptionView->setObjectName(QStringLiteral("ExceptionsView"));
        m_exceptionView->setModel(m_exceptions);
        m_exceptionView->setSelectionMode(QAbstractItemView::SingleSelection);
        m_exceptionView->setContextMenuPolicy(Qt::CustomContextMenu);
        const int exceptionWidths[] = {19, 10, 14, 24, 26, 26, 12, 14, 30};
        for (int c = 0; c < ExceptionsModel::ColumnCount; ++c)
            m_exceptionView->setColumnWidth(c, exceptionWidths[c] * digit);
        m_acknowledge->setObjectName(QStringLiteral("AcknowledgeExceptionButton"));
        m_acknowledge->setEnabled(false);
        const bool readOnly = !m_engine || !m_engine->canTrade();
        m_exceptionHint->setText(readOnly && m_engine
                                     ? tr("Executions booked that were not expected. The %1 role views them; a trader acknowledges them.")
                                           .arg(m_engine->actor().role)
                                     : tr("Executions booked that were not expected: acknowledge each with a note."));
        m_acknowledge->setVisible(!readOnly); // the role views them, it cannot acknowledge them
        auto *exceptionBar = new QHBoxLayout;
        exceptionBar->addWidget(m_exceptionHint, 1);
        exceptionBar->addWidget(m_acknowledge);
        auto *exceptionLayout = new QVBoxLayout(page);
        exceptionLayout->setContentsMargins(0, 0, 0, 0);
        exceptionLayout->addLayout(exceptionBar);
        exceptionLayout->addWidget(m_exceptionView, 1);
        m_tabs->addTab(page, tr("Exceptions"));
        connect(m_exceptionView, &QTableView::customContextMenuRequested, this, &Blotter::showExceptionMenu);
        connect(m_exceptionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &Blotter::updateExceptions);
        connect(m_exceptions, &ExceptionsModel::openCountChanged, this, &Blotter::updateExceptions);
        connect(m_exceptions, &QAbstractItemModel::dataChanged, this, &Blotter::updateExceptions);
        connect(m_exceptions, &QAbstractItemModel::modelReset, this, &Blotter::updateExceptions);
        connect(m_exceptions, &QAbstractItemModel::rowsRemoved, this, &Blotter::updateExceptions);
        connect(m_acknowledge, &QPushButton::clicked, this, [this] {
            const QModelIndex current = m_exceptionView->currentIndex();
            if (current.isValid())
                acknowledgeException(current.row());
        });
    }
    // Brackets: each entry with its take-profit and exit orders under it.
    m_bracketView->setObjectName(QStringLiteral("BracketsView"));
    m_bracketView->setModel(m_brackets);
    m_bracketView->setAlternatingRowColors(true);
    m_bracketView->setUniformRowHeights(true);
    m_bracketView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_bracketView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_bracketView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_bracketView->header()->setStretchLastSection(true);
    {
        const int bracketWidths[] = {34, 9, 11, 12, 9, 11, 12, 26, 11, 12, 24};
        for (int c = 0; c < BracketsModel::ColumnCount; ++c)
            m_bracketView->setColumnWidth(c, bracketWidths[c] * digit);
    }
    connect(m_brackets, &QAbstractItemModel::rowsInserted, m_bracketView, [this](const QModelIndex &under, int first) {
        m_bracketView->expand(under.isValid() ? under : m_brackets->index(first, 0)); // children in sight
    });
    connect(m_bracketView, &QTreeView::customContextMenuRequested, this, &Blotter::showBracketMenu);
    connect(m_bracketView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const BracketRecord *b = m_brackets->bracketAt(index); b && b->isOpen() && m_engine && m_engine->canTrade())
            Q_EMIT bracketEditRequested(*b);
    });
    m_tabs->addTab(m_bracketView, tr("Brackets"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    m_answer->setObjectName(QStringLiteral("BlotterAnswer"));
    m_answer->setStyleSheet(QStringLiteral("color: #c62828"));
    m_answer->setWordWrap(true);
    m_answer->hide();
    layout->addWidget(m_answer);
    layout->addWidget(m_tabs, 1);

    connect(m_state, &QComboBox::currentIndexChanged, this, &Blotter::updateFilter);
    connect(m_side, &QComboBox::currentIndexChanged, this, &Blotter::updateFilter);
    connect(m_text, &QLineEdit::textChanged, this, &Blotter::updateFilter);
    connect(m_onlyInstrument, &QCheckBox::toggled, this, &Blotter::updateFilter);
    m_mine->setObjectName(QStringLiteral("MyOrdersFilter"));
    m_mine->setVisible(m_engine && m_engine->canTrade()); // a compliance officer has no orders of their own
    if (m_engine)
        m_mine->setToolTip(tr("Only the orders %1 entered or that are on %1's accounts (not the other desks')")
                               .arg(m_engine->actor().user));
    connect(m_mine, &QCheckBox::toggled, this, &Blotter::updateFilter);
    connect(m_view, &QTableView::customContextMenuRequested, this, &Blotter::showContextMenu);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, &Blotter::showColumnMenu);
    connect(m_model, &BlotterModel::flushed, this, &Blotter::updateCount);
    connectSelection();
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export orders"), QStringLiteral("orders.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export orders"), error);
    });
    if (m_engine) {
        connect(m_engine, &TradingEngine::ordersUpdated, this, [this](const QList<OrderRef> &orders) {
            if (m_live)
                m_model->applyUpdates(orders);
        });
        connect(m_engine, &TradingEngine::bracketsUpdated, m_brackets, &BracketsModel::applyBrackets);
        connect(m_engine, &TradingEngine::ordersUpdated, m_brackets, &BracketsModel::applyOrders);
        connect(m_engine, &TradingEngine::executionsAdded, this, [this](const FillRows &executions) {
            if (m_live)
                m_executions->append(executions);
        });
        connect(m_engine, &TradingEngine::exceptionsUpdated, this, [this](const QList<TradingState::ExceptionEntry> &rows) {
            if (m_live)
                m_exceptions->setRows(rows);
        });
        connect(m_engine, &TradingEngine::commandFinished, this, &Blotter::onOutcome);
    }
    updateExceptions();
}

void Blotter::updateFilter()
{
    OrderFilter f;
    const int stateIndex = m_state->currentIndex();
    if (stateIndex == 1)
        f.workingOnly = true;
    else if (stateIndex > 1)
        f.states.insert(OrderState(m_state->currentData().toInt()));
    if (m_side->currentIndex() == 1)
        f.side = Side::Buy;
    else if (m_side->currentIndex() == 2)
        f.side = Side::Sell;
    f.text = m_text->text().trimmed();
    if (m_onlyInstrument->isChecked())
        f.instrument = m_currentInstrument;
    if (m_mine->isChecked() && m_engine)
        f.mine = m_engine->ownBook();
    m_proxy->setFilter(f);
    route(!f.isEmpty() || m_proxy->sortColumn() >= 0);
    updateCount();
}

void Blotter::updateCount()
{
    const int shown = m_view->model() == m_proxy ? m_proxy->rowCount() : m_model->rowCount();
    m_count->setText(tr("%L1 of %L2").arg(shown).arg(m_model->rowCount()));
}

void Blotter::route(bool throughProxy)
{
    QAbstractItemModel *wanted = throughProxy ? static_cast<QAbstractItemModel *>(m_proxy) : m_model;
    if (m_view->model() == wanted)
        return;
    if (throughProxy)
        m_proxy->setSourceModel(m_model);
    // A new model resets the header: keep the trader's widths, order and hidden columns.
    const QByteArray header = m_view->horizontalHeader()->saveState();
    m_view->setModel(wanted);
    m_view->horizontalHeader()->restoreState(header);
    if (!throughProxy)
        m_proxy->setSourceModel(nullptr); // its mapping of every row goes with it
    connectSelection();
}

void Blotter::connectSelection()
{
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        Q_EMIT instrumentSelected(m_model->orderAt(toSource(current).row()).instrument);
    });
}

QModelIndex Blotter::toSource(const QModelIndex &viewIndex) const
{
    return m_view->model() == m_proxy ? m_proxy->mapToSource(viewIndex) : viewIndex;
}

void Blotter::showBracketMenu(const QPoint &pos)
{
    const QModelIndex index = m_bracketView->indexAt(pos);
    const BracketRecord *found = m_brackets->bracketAt(index);
    if (!found || !m_engine || !m_engine->canTrade()) // read-only: a bracket offers nothing to do
        return;
    const BracketRecord b = *found;
    QMenu menu(this);
    const bool canChange = b.phase == BracketPhase::Entry || b.phase == BracketPhase::Armed;
    QAction *edit = menu.addAction(tr("Edit exits in the ticket…"));
    QAction *exitNow = menu.addAction(tr("Exit now (sell at the market)"));
    QAction *stop = menu.addAction(tr("Stop the bracket (cancel its orders, keep the position)"));
    for (QAction *a : {edit, exitNow, stop})
        a->setEnabled(canChange);
    QAction *chosen = menu.exec(m_bracketView->viewport()->mapToGlobal(pos));
    if (chosen == edit) {
        Q_EMIT bracketEditRequested(b);
    } else if (chosen == exitNow
               && QMessageBox::question(this, tr("Exit now"), tr("Sell what bracket %1 holds at the market now?").arg(b.id))
                      == QMessageBox::Yes) {
        ask(b.id);
        m_engine->exitBracket(b.id);
    } else if (chosen == stop) {
        ask(b.id);
        m_engine->cancelBracket(b.id);
    }
}

void Blotter::ask(const QString &id)
{
    m_asked.insert(id);
    m_answer->hide();
}

// A command sent from here that was refused says why, above the orders, until the next one.
void Blotter::onOutcome(const CommandOutcome &outcome)
{
    if (!m_asked.remove(outcome.orderId) || outcome.accepted)
        return;
    m_answer->setText(tr("%1 refused: %2").arg(outcome.orderId, outcome.reason));
    m_answer->show();
}

QString Blotter::exceptionsTabTitle() const
{
    const int open = m_exceptions->openCount();
    return open > 0 ? tr("Exceptions (%L1)").arg(open) : tr("Exceptions");
}

void Blotter::updateExceptions()
{
    if (const int tab = m_tabs->indexOf(m_exceptionView->parentWidget()); tab >= 0)
        m_tabs->setTabText(tab, exceptionsTabTitle());
    const QModelIndex current = m_exceptionView->currentIndex();
    m_acknowledge->setEnabled(current.isValid() && mayAcknowledge(current.row()));
}

bool Blotter::mayAcknowledge(int row) const
{
    return m_engine && m_engine->canTrade() && m_live && m_exceptions->isOpen(row);
}

void Blotter::acknowledgeException(int row)
{
    if (!mayAcknowledge(row))
        return;
    const TradingState::ExceptionEntry e = m_exceptions->entryAt(row);
    bool ok = false;
    const QString note = QInputDialog::getText(this, tr("Acknowledge exception"),
                                               tr("%1, order %2 (%3)\nExpected: %4\nCame: %5\n\nNote:")
                                                   .arg(e.kind, e.orderId, e.account, e.expected, e.came),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || !m_engine)
        return;
    m_engine->acknowledgeException(e.sequence, note.trimmed());
}

void Blotter::showExceptionMenu(const QPoint &pos)
{
    const QModelIndex at = m_exceptionView->indexAt(pos);
    if (!at.isValid())
        return;
    const int row = at.row();
    const QString orderId = m_exceptions->entryAt(row).orderId;
    QMenu menu(this);
    QAction *acknowledge = nullptr;
    if (m_engine && m_engine->canTrade()) { // the compliance role views exceptions; it cannot acknowledge them
        acknowledge = menu.addAction(tr("Acknowledge…"));
        acknowledge->setEnabled(mayAcknowledge(row));
    }
    QAction *showOrder = menu.addAction(tr("Show order %1").arg(orderId));
    showOrder->setEnabled(!orderId.isEmpty());
    QAction *chosen = menu.exec(m_exceptionView->viewport()->mapToGlobal(pos));
    if (chosen && chosen == acknowledge) {
        acknowledgeException(row);
    } else if (chosen == showOrder) {
        const int source = m_model->rowOf(orderId);
        if (source < 0)
            return;
        QModelIndex target = m_model->index(source, BlotterModel::OrderId);
        if (m_view->model() == m_proxy)
            target = m_proxy->mapFromSource(target); // invalid when the filter hides it
        if (!target.isValid())
            return;
        m_tabs->setCurrentWidget(m_view);
        m_view->setCurrentIndex(target);
        m_view->scrollTo(target);
    }
}

void Blotter::showContextMenu(const QPoint &pos)
{
    if (std::unique_ptr<QMenu> menu = orderMenu(m_view->indexAt(pos)))
        menu->exec(m_view->viewport()->mapToGlobal(pos));
}

std::unique_ptr<QMenu> Blotter::orderMenu(const QModelIndex &viewIndex)
{
    if (!viewIndex.isValid() || !m_engine)
        return nullptr;
    const OrderRecord o = m_model->orderAt(toSource(viewIndex).row());
    auto menu = std::make_unique<QMenu>(this);
    if (m_engine->canTrade()) {
        QAction *cancel = menu->addAction(tr("Cancel %1").arg(o.orderId));
        QAction *replace = menu->addAction(tr("Replace %1…").arg(o.orderId));
        const bool live = m_live && isWorking(o.state);
        cancel->setEnabled(live && o.state != OrderState::PendingCancel && o.parent.isEmpty());
        replace->setEnabled(live && o.state != OrderState::PendingCancel && o.state != OrderState::PendingReplace
                            && o.parent.isEmpty());
        if (!o.parent.isEmpty()) { // sized, priced and put up by its bracket: changed there
            cancel->setText(tr("Cancel %1 (stop or amend bracket %2 instead)").arg(o.orderId, o.parent));
            replace->setText(tr("Replace %1… (amend bracket %2 instead)").arg(o.orderId, o.parent));
        }
        connect(cancel, &QAction::triggered, this, [this, id = o.orderId] {
            ask(id);
            m_engine->cancel(id);
        });
        connect(replace, &QAction::triggered, this, [this, o] { askReplace(o); });
        menu->addSeparator();
    }
    QAction *copy = menu->addAction(tr("Copy order ID"));
    connect(copy, &QAction::triggered, this, [id = o.orderId] { QGuiApplication::clipboard()->setText(id); });
    return menu;
}

// One dialog, the order's terms filled in; non-modal for the event loop (tests find it by name).
void Blotter::askReplace(const OrderRecord &o)
{
    auto *dialog = new ReplaceDialog(o, m_reference.instrument(o.instrument), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = o.orderId] {
        if (dialog->problem().isEmpty()) {
            ask(id);
            m_engine->replace(id, dialog->quantity(), dialog->limitPrice());
        }
    });
    dialog->open();
}

void Blotter::setMyOrdersOnly(bool mine)
{
    m_mine->setChecked(mine);
}

void Blotter::showColumnMenu(const QPoint &pos)
{
    QMenu menu(this);
    for (int c = 0; c < BlotterModel::ColumnCount; ++c) {
        QAction *a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!m_view->isColumnHidden(c));
        connect(a, &QAction::toggled, this, [this, c](bool on) { m_view->setColumnHidden(c, !on); });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(pos));
}

void Blotter::setCurrentInstrument(const QString &instrument)
{
    const Instrument *i = m_reference.instrument(instrument);
    m_currentInstrument = i ? i->id : instrument;
    m_onlyInstrument->setText(i ? tr("%1 only").arg(i->symbol) : tr("This instrument only"));
    if (m_onlyInstrument->isChecked())
        updateFilter();
}

void Blotter::showAsOf(const QList<OrderRef> &orders, const FillRows &executions,
                       const QList<TradingState::ExceptionEntry> &exceptions)
{
    m_live = false;
    m_model->setAll(orders);
    m_executions->setAll(executions);
    m_exceptions->setRows(exceptions);
    updateFilter();
    updateExceptions();
}

void Blotter::setLive()
{
    m_live = true;
    m_model->setAll({});
    m_executions->setAll({});
    m_exceptions->setRows({});
    updateExceptions();
    if (m_engine)
        m_engine->republish();
}

QByteArray Blotter::saveColumns() const
{
    return m_view->horizontalHeader()->saveState();
}

void Blotter::restoreColumns(const QByteArray &state)
{
    m_view->horizontalHeader()->restoreState(state);
}

bool Blotter::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->csv().toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (m_engine) { // the desk's orders left the workstation: a read, recorded
        events::ReadRecord read;
        read.action = events::ReadExported;
        read.subject = QStringLiteral("the blotter's orders as CSV");
        read.records = m_model->rowCount();
        read.outcome = QStringLiteral("written to ") + QFileInfo(path).absoluteFilePath();
        read.channel = QStringLiteral("workstation");
        m_engine->recordRead(read);
    }
    return true;
}

} // namespace instant
