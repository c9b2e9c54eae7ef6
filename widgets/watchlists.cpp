#include "watchlists.h"

#include "marketwatch.h"
#include "refdata/referencedata.h"

#include <QCompleter>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStringListModel>
#include <QTabBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace instant {

// ---- one list's rows ----

WatchlistModel::WatchlistModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false); // the order is the list's; quotes only change cells
}

void WatchlistModel::setInstruments(const QStringList &instruments)
{
    m_instruments = instruments;
    m_position.clear();
    for (int i = 0; i < instruments.size(); ++i)
        m_position.insert(instruments.at(i), i);
    invalidate();
    sort(0);
}

QString WatchlistModel::instrumentAt(int row) const
{
    return data(index(row, 0), MarketWatchModel::InstrumentRole).toString();
}

bool WatchlistModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QString id = sourceModel()->index(sourceRow, 0, sourceParent).data(MarketWatchModel::InstrumentRole).toString();
    return m_position.contains(id);
}

bool WatchlistModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return m_position.value(left.data(MarketWatchModel::InstrumentRole).toString())
           < m_position.value(right.data(MarketWatchModel::InstrumentRole).toString());
}

// ---- the panel ----

Watchlists::Watchlists(const ReferenceData &reference, MarketWatchModel *marks, QWidget *parent)
    : QWidget(parent), m_reference(reference), m_marks(marks), m_model(new WatchlistModel(this)), m_tabs(new QTabBar(this)),
      m_add(new QToolButton(this)), m_entry(new QLineEdit(this)), m_view(new QTableView(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("Watchlists"));
    m_model->setSourceModel(marks);

    m_tabs->setObjectName(QStringLiteral("WatchlistTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setExpanding(false);
    m_tabs->setMovable(false);
    m_tabs->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tabs->setAcceptDrops(true);
    m_tabs->installEventFilter(this);
    m_tabs->setToolTip(tr("Double-click to rename; right-click for more. Drop symbols on a tab to add them to that list."));
    m_add->setText(QStringLiteral("+"));
    m_add->setAutoRaise(true);
    m_add->setToolTip(tr("New watchlist"));

    QStringList symbols;
    for (int row = 0; row < marks->rowCount(); ++row)
        symbols << marks->index(row, MarketWatchModel::Symbol).data().toString();
    auto *completer = new QCompleter(new QStringListModel(symbols, this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_entry->setCompleter(completer);
    m_entry->setPlaceholderText(tr("Add a symbol (AAPL, UST 10Y…) and press Enter"));
    m_entry->setClearButtonEnabled(true);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->hideColumn(MarketWatchModel::Volume);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    for (int c : {MarketWatchModel::Symbol, MarketWatchModel::Bid, MarketWatchModel::Ask, MarketWatchModel::Last})
        m_view->setColumnWidth(c, digit * 10);
    m_view->setDragEnabled(true); // to another list's tab
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->viewport()->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setToolTip(tr("Drag symbols here from the market watch; Delete removes the selected rows."));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->setSpacing(2);
    top->addWidget(m_tabs, 1);
    top->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_entry);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_add, &QToolButton::clicked, this, &Watchlists::askNewList);
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int tab) {
        if (m_rebuilding || tab < 0 || tab >= m_lists.size())
            return;
        m_current = tab;
        save();
        showCurrent();
    });
    connect(m_tabs, &QTabBar::tabBarDoubleClicked, this, &Watchlists::askRename);
    connect(m_tabs, &QTabBar::customContextMenuRequested, this, [this](const QPoint &at) {
        const int tab = m_tabs->tabAt(at);
        QMenu menu(this);
        menu.addAction(tr("New watchlist…"), this, &Watchlists::askNewList);
        if (tab >= 0) {
            menu.addAction(tr("Rename “%1”…").arg(m_lists.at(tab).name), this, [this, tab] { askRename(tab); });
            menu.addAction(tr("Delete “%1”…").arg(m_lists.at(tab).name), this, [this, tab] { askRemove(tab); });
        }
        menu.exec(m_tabs->mapToGlobal(at));
    });
    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint &at) {
        QStringList picked;
        for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
            picked << m_model->instrumentAt(i.row());
        if (picked.isEmpty())
            return;
        QMenu menu(this);
        menu.addAction(tr("Remove from list"), this, [this, picked] { removeInstruments(picked); });
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    auto addTyped = [this] {
        const QString text = m_entry->text().trimmed();
        if (text.isEmpty())
            return;
        const QString problem = addInstrument(text);
        if (problem.isEmpty())
            m_entry->clear();
        say(problem.isEmpty() ? QString() : problem, true);
    };
    connect(m_entry, &QLineEdit::returnPressed, this, addTyped);
    // A completion picked from the list adds it at once, once the completer has written the text.
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &symbol) {
        QTimer::singleShot(0, this, [this, symbol] {
            addInstrument(symbol); // refused only when already there (Enter may have added it first)
            if (m_entry->text().trimmed() == symbol)
                m_entry->clear();
        });
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            Q_EMIT instrumentSelected(m_model->instrumentAt(current.row()));
    });

    load();
}

QStringList Watchlists::names() const
{
    QStringList out;
    for (const List &l : m_lists)
        out << l.name;
    return out;
}

QString Watchlists::currentName() const
{
    return m_lists.isEmpty() ? QString() : m_lists.at(m_current).name;
}

QStringList Watchlists::instruments(const QString &name) const
{
    const int i = indexOf(name);
    return i < 0 ? QStringList() : m_lists.at(i).instruments;
}

int Watchlists::indexOf(const QString &name) const
{
    for (int i = 0; i < m_lists.size(); ++i)
        if (m_lists.at(i).name == name)
            return i;
    return -1;
}

Watchlists::List *Watchlists::listNamed(const QString &name)
{
    if (name.isEmpty())
        return m_lists.isEmpty() ? nullptr : &m_lists[m_current];
    const int i = indexOf(name);
    return i < 0 ? nullptr : &m_lists[i];
}

bool Watchlists::createList(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || indexOf(trimmed) >= 0)
        return false;
    m_lists.append(List{trimmed, {}});
    m_current = int(m_lists.size()) - 1;
    save();
    rebuildTabs();
    showCurrent();
    return true;
}

bool Watchlists::renameList(const QString &from, const QString &to)
{
    const int i = indexOf(from);
    const QString trimmed = to.trimmed();
    if (i < 0 || trimmed.isEmpty() || (trimmed != from && indexOf(trimmed) >= 0))
        return false;
    m_lists[i].name = trimmed;
    save();
    rebuildTabs();
    return true;
}

bool Watchlists::removeList(const QString &name)
{
    const int i = indexOf(name);
    if (i < 0 || m_lists.size() == 1) // there is always a list to drop symbols on
        return false;
    m_lists.removeAt(i);
    if (m_current >= m_lists.size() || m_current > i)
        m_current = std::max(0, m_current - 1);
    save();
    rebuildTabs();
    showCurrent();
    return true;
}

void Watchlists::setCurrentList(const QString &name)
{
    const int i = indexOf(name);
    if (i >= 0)
        m_tabs->setCurrentIndex(i); // currentChanged shows it
}

QString Watchlists::addInstrument(const QString &symbol, const QString &list)
{
    List *target = listNamed(list);
    if (!target)
        return tr("There is no watchlist “%1”.").arg(list);
    const Instrument *i = m_reference.instrument(symbol);
    if (!i)
        return tr("“%1” is not an instrument we know.").arg(symbol.trimmed());
    if (!m_marks->watches(i->id))
        return tr("%1 has no quotes in the market watch (options are watched from the option chain).").arg(i->symbol);
    if (target->instruments.contains(i->id))
        return tr("%1 is already in “%2”.").arg(i->symbol, target->name);
    target->instruments.append(i->id);
    save();
    if (target == &m_lists[m_current])
        showCurrent();
    return QString();
}

void Watchlists::removeInstruments(const QStringList &instruments, const QString &list)
{
    List *target = listNamed(list);
    if (!target)
        return;
    for (const QString &id : instruments)
        target->instruments.removeAll(id);
    save();
    if (target == &m_lists[m_current])
        showCurrent();
}

int Watchlists::dropInstruments(const QMimeData *dragged, const QString &list)
{
    int added = 0;
    for (const QString &id : MarketWatchModel::instrumentsIn(dragged))
        if (addInstrument(id, list).isEmpty())
            ++added;
    return added;
}

bool Watchlists::eventFilter(QObject *watched, QEvent *event)
{
    const bool onTable = watched == m_view->viewport();
    const bool onTabs = watched == m_tabs;
    if (onTable || onTabs) {
        switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto *drag = static_cast<QDropEvent *>(event);
            const bool ours = drag->mimeData()->hasFormat(MarketWatchModel::instrumentMimeType());
            const bool onATab = onTable || m_tabs->tabAt(drag->position().toPoint()) >= 0;
            // From this very table onto itself adds nothing: only other lists' tabs take it.
            const bool fromHere = drag->source() == m_view && onTable;
            if (ours && onATab && !fromHere) {
                drag->setDropAction(Qt::CopyAction);
                drag->accept();
            } else {
                drag->ignore();
            }
            return true;
        }
        case QEvent::Drop: {
            auto *drop = static_cast<QDropEvent *>(event);
            QString list;
            if (onTabs) {
                const int tab = m_tabs->tabAt(drop->position().toPoint());
                if (tab < 0)
                    return true;
                list = m_lists.at(tab).name;
            }
            const int added = dropInstruments(drop->mimeData(), list);
            say(added ? QString() : tr("Nothing new for “%1”.").arg(list.isEmpty() ? currentName() : list), false);
            drop->setDropAction(Qt::CopyAction);
            drop->accept();
            return true;
        }
        default: break;
        }
    }
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            QStringList picked;
            for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
                picked << m_model->instrumentAt(i.row());
            if (picked.isEmpty() && m_view->currentIndex().isValid())
                picked << m_model->instrumentAt(m_view->currentIndex().row());
            removeInstruments(picked);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void Watchlists::load()
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    const int count = settings.beginReadArray(QStringLiteral("lists"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        List l{settings.value(QStringLiteral("name")).toString(), settings.value(QStringLiteral("instruments")).toStringList()};
        if (!l.name.isEmpty() && indexOf(l.name) < 0)
            m_lists.append(l);
    }
    settings.endArray();
    const QString current = settings.value(QStringLiteral("current")).toString();
    if (m_lists.isEmpty()) {
        // A first start: two lists to show what they are for.
        auto ids = [this](std::initializer_list<const char16_t *> symbols) {
            QStringList out;
            for (const char16_t *s : symbols)
                if (const Instrument *i = m_reference.instrument(QString::fromUtf16(s)); i && m_marks->watches(i->id))
                    out << i->id;
            return out;
        };
        m_lists.append(List{tr("Treasuries"), ids({u"UST 2Y", u"UST 5Y", u"UST 10Y", u"UST 30Y"})});
        m_lists.append(List{tr("Tech"), ids({u"AAPL", u"MSFT", u"NVDA"})});
    }
    m_current = std::max(0, indexOf(current));
    rebuildTabs();
    showCurrent();
}

void Watchlists::save() const
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    settings.remove(QStringLiteral("lists"));
    settings.beginWriteArray(QStringLiteral("lists"), int(m_lists.size()));
    for (int i = 0; i < m_lists.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), m_lists.at(i).name);
        settings.setValue(QStringLiteral("instruments"), m_lists.at(i).instruments);
    }
    settings.endArray();
    settings.setValue(QStringLiteral("current"), currentName());
}

void Watchlists::rebuildTabs()
{
    m_rebuilding = true;
    while (m_tabs->count() > 0)
        m_tabs->removeTab(0);
    for (const List &l : std::as_const(m_lists))
        m_tabs->addTab(l.name);
    m_tabs->setCurrentIndex(m_current);
    m_rebuilding = false;
}

void Watchlists::showCurrent()
{
    m_model->setInstruments(m_lists.isEmpty() ? QStringList() : m_lists.at(m_current).instruments);
}

void Watchlists::askNewList()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New watchlist"), tr("Name"), QLineEdit::Normal, QString(), &ok);
    if (ok && !createList(name))
        say(tr("A watchlist needs a name of its own."), true);
}

void Watchlists::askRename(int tab)
{
    if (tab < 0 || tab >= m_lists.size())
        return;
    const QString from = m_lists.at(tab).name;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename watchlist"), tr("Name"), QLineEdit::Normal, from, &ok);
    if (ok && !renameList(from, name))
        say(tr("A watchlist needs a name of its own."), true);
}

void Watchlists::askRemove(int tab)
{
    if (tab < 0 || tab >= m_lists.size())
        return;
    const QString name = m_lists.at(tab).name;
    if (m_lists.size() == 1) {
        say(tr("The last watchlist stays; rename it instead."), true);
        return;
    }
    if (QMessageBox::question(this, tr("Delete watchlist"), tr("Delete the watchlist “%1”?").arg(name)) == QMessageBox::Yes)
        removeList(name);
}

void Watchlists::say(const QString &message, bool problem)
{
    m_status->setText(message);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #c62828") : QString());
    m_status->setVisible(!message.isEmpty());
}

} // namespace instant
