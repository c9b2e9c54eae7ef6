#pragma once

#include "screener/alertrule.h"
#include "screener/screener.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QPushButton;
class QTableView;

namespace instant {

class ReferenceData;
class TradingEngine;

class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Instrument, Kind, Message, ColumnCount };
    enum Roles { InstrumentRole = Qt::UserRole + 1, KindRole };
    explicit AlertsModel(const ReferenceData &reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void append(const QList<Alert> &alerts);
    const QList<Alert> &alerts() const { return m_alerts; }

private:
    const ReferenceData &m_reference;
    QList<Alert> m_alerts;
};

// Screener alerts, live, newest last: filter by kind and text, today's statistics, and a
// "Stage ticket" action that puts the instrument on the ticket (it never sends anything).
class AlertsPanel : public QWidget
{
    Q_OBJECT

public:
    AlertsPanel(TradingEngine *engine, const ReferenceData &reference, QWidget *parent = nullptr);
    AlertsModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QString statistics() const;
    void setKindFilter(const QString &kind);
    // The traders' own alerts ("Alert when…", Remove) and the breakout quiet period, as the engine
    // has them recorded; the list holds each rule's id in Qt::UserRole.
    QListWidget *rulesList() const { return m_rules; }
    QSpinBox *quietMinutesBox() const { return m_quiet; }
    QPushButton *alertWhenButton() const { return m_alertWhen; }

Q_SIGNALS:
    void stageRequested(const QString &instrument);

private:
    void refreshStatistics();
    void showRules(const QList<AlertRule> &rules, int breakoutQuietMinutes);
    QWidget *buildRulesBar(TradingEngine *engine);
    AlertsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QComboBox *m_kind;
    QLineEdit *m_text;
    QLabel *m_stats;
    QListWidget *m_rules = nullptr;
    QSpinBox *m_quiet = nullptr;
    QPushButton *m_alertWhen = nullptr;
    const ReferenceData &m_reference;
};

} // namespace instant
