#pragma once

#include <QSortFilterProxyModel>
#include <QWidget>

class QLabel;
class QLineEdit;
class QMimeData;
class QTabBar;
class QTableView;
class QToolButton;

namespace instant {

class MarketWatchModel;
class ReferenceData;

// One watchlist's rows: the market watch's rows (its quotes, last and change, nothing computed
// again) for the list's instruments, in the list's order.
class WatchlistModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit WatchlistModel(QObject *parent = nullptr);
    void setInstruments(const QStringList &instruments);
    const QStringList &instruments() const { return m_instruments; }
    QString instrumentAt(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QStringList m_instruments;
    QHash<QString, int> m_position;
};

// Named watchlists, kept per user in the settings. Symbols are added by typing (completed from
// the market watch's instruments), by dragging rows from the market watch or from another list
// (drop on the table or on a list's tab), and removed with Delete. Picking a row reports the
// instrument (instrumentSelected), which drives the panels linked by colour.
class Watchlists : public QWidget
{
    Q_OBJECT

public:
    Watchlists(const ReferenceData &reference, MarketWatchModel *marks, QWidget *parent = nullptr);

    QStringList names() const;
    QString currentName() const;
    QStringList instruments(const QString &name) const;
    bool createList(const QString &name);
    bool renameList(const QString &from, const QString &to);
    bool removeList(const QString &name);
    void setCurrentList(const QString &name);
    // A symbol or an instrument id; empty when added, else why not.
    QString addInstrument(const QString &symbol, const QString &list = QString());
    void removeInstruments(const QStringList &instruments, const QString &list = QString());
    // Instruments dragged here (MarketWatchModel::instrumentMimeType()); how many were new.
    int dropInstruments(const QMimeData *dragged, const QString &list = QString());

    WatchlistModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *symbolEntry() const { return m_entry; }
    QTabBar *tabs() const { return m_tabs; }

    static QString settingsGroup() { return QStringLiteral("Watchlists"); }

Q_SIGNALS:
    void instrumentSelected(const QString &instrument);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct List
    {
        QString name;
        QStringList instruments;
    };
    int indexOf(const QString &name) const;
    List *listNamed(const QString &name); // the current one for an empty name
    void load();
    void save() const;
    void rebuildTabs();
    void showCurrent();
    void askNewList();
    void askRename(int tab);
    void askRemove(int tab);
    void say(const QString &message, bool problem);

    const ReferenceData &m_reference;
    MarketWatchModel *m_marks;
    QList<List> m_lists;
    int m_current = 0;
    WatchlistModel *m_model;
    QTabBar *m_tabs;
    QToolButton *m_add;
    QLineEdit *m_entry;
    QTableView *m_view;
    QLabel *m_status;
    bool m_rebuilding = false;
};

} // namespace instant
