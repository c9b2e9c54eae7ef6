#pragma once

#include "oms/orderfilter.h"
#include "oms/tradingstate.h"

#include <QSortFilterProxyModel>
#include <QSet>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableView;
class QTreeView;
class QTabWidget;
class QLabel;
class QMenu;
class QPushButton;

namespace instant {

class BlotterModel;
class BracketsModel;
struct BracketRecord;
class ExceptionsModel;
class ExecutionsModel;
class ReferenceData;
class TradingEngine;

// Applies an OrderFilter (core) to the blotter model.
class BlotterFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setFilter(const OrderFilter &filter);
    const OrderFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    OrderFilter m_filter;
};

// The blotter: orders and executions, live; sort, filter ("My orders": the logged-in user's),
// column chooser, right-click cancel and replace, CSV export. Its Exceptions tab lists the
// executions booked that were not expected (open count in the tab's title), for a trader to
// acknowledge with a note. A compliance session is offered no action it cannot take.
class Blotter : public QWidget
{
    Q_OBJECT

public:
    Blotter(TradingEngine *engine, const ReferenceData &reference, QWidget *parent = nullptr);

    BlotterModel *model() const { return m_model; }
    ExecutionsModel *executions() const { return m_executions; }
    ExceptionsModel *exceptions() const { return m_exceptions; }
    QTableView *exceptionsView() const { return m_exceptionView; }
    QString exceptionsTabTitle() const; // "Exceptions (2)": the open ones
    BracketsModel *brackets() const { return m_brackets; }
    QTreeView *bracketsView() const { return m_bracketView; }
    BlotterFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QByteArray saveColumns() const;
    void restoreColumns(const QByteArray &state);
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    // "As of": show these orders and executions and ignore live updates until setLive().
    void showAsOf(const QList<OrderRef> &orders, const FillRows &executions,
                  const QList<TradingState::ExceptionEntry> &exceptions = {});
    void setLive();
    bool isLive() const { return m_live; }
    // The instrument picked elsewhere (linked panels); "this instrument only" filters on it.
    void setCurrentInstrument(const QString &instrument);
    // "My orders": only the orders the logged-in user entered or that are on their accounts.
    void setMyOrdersOnly(bool mine);
    // The right-click menu of an order row (a view index), its actions connected; null when the
    // row offers nothing. A read-only (compliance) session gets no Cancel or Replace.
    std::unique_ptr<QMenu> orderMenu(const QModelIndex &viewIndex);

Q_SIGNALS:
    void instrumentSelected(const QString &instrument);
    // "Edit exits" on a bracket: the ticket loads it.
    void bracketEditRequested(const instant::BracketRecord &bracket);

private:
    void updateFilter();
    void updateCount();
    void route(bool throughProxy); // the view shows the proxy (filter, sort) or the model itself
    void connectSelection();
    QModelIndex toSource(const QModelIndex &viewIndex) const;
    void showContextMenu(const QPoint &pos);
    void askReplace(const OrderRecord &order);
    void showColumnMenu(const QPoint &pos);
    void showBracketMenu(const QPoint &pos);
    void showExceptionMenu(const QPoint &pos);
    bool mayAcknowledge(int row) const; // live, a role that trades, the row still open
    void acknowledgeException(int row); // asks for a note, then tells the engine
    void updateExceptions();            // the tab's title and the Acknowledge button
    void ask(const QString &id);        // a command about to go: its answer is shown here
    void onOutcome(const CommandOutcome &outcome);

    TradingEngine *m_engine;
    const ReferenceData &m_reference;
    BlotterModel *m_model;
    ExecutionsModel *m_executions;
    BlotterFilterProxy *m_proxy;
    QTableView *m_view;
    QTableView *m_execView;
    BracketsModel *m_brackets;
    QTreeView *m_bracketView;
    ExceptionsModel *m_exceptions;
    QTableView *m_exceptionView;
    QPushButton *m_acknowledge;
    QLabel *m_exceptionHint;
    QTabWidget *m_tabs;
    QComboBox *m_state;
    QComboBox *m_side;
    QLineEdit *m_text;
    QLabel *m_count;
    QLabel *m_answer; // why the last cancel, replace or bracket command sent from here was refused
    QSet<QString> m_asked; // the orders and brackets with a command from here not answered yet
    QCheckBox *m_onlyInstrument;
    QCheckBox *m_mine;
    QString m_currentInstrument;
    bool m_live = true;
};

} // namespace instant
