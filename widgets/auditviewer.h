#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QComboBox;
class QDateTimeEdit;
class QTableView;

#include "audit/auditfilter.h"

#include <QSortFilterProxyModel>

namespace instant {

class AuditLogModel;

// Applies an AuditFilter (core) to the audit log model.
class AuditFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setFilter(const AuditFilter &filter);
    const AuditFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    AuditFilter m_filter;
};
class EventStore;
class EventSubscription;

// The audit viewer: every event of the store, live; search, full detail of one event, chain
// verification and export. Read-only: nothing here can change the log.
class AuditViewer : public QWidget
{
    Q_OBJECT

public:
    explicit AuditViewer(EventStore *store, QWidget *parent = nullptr, int capacity = 100'000); // AuditLogModel::DefaultCapacity
    ~AuditViewer() override;

    AuditLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    void setFilterText(const QString &text);
    void setFilter(const AuditFilter &filter); // also shown in the filter fields
    AuditFilterProxy *proxy() const { return m_proxy; }
    // Verifies the chain on a worker thread; verificationFinished() reports the outcome.
    void verify();
    // Live, the panel holds the newest events only (AuditLogModel::capacity()); this runs the
    // filter over the whole store on a worker thread and shows the matches (live paused). Called
    // again, back to live. searchFinished() reports the number of matches.
    void searchWholeLog();

Q_SIGNALS:
    void verificationFinished(bool intact, const QString &summary);
    void verificationProgress(qint64 verified);
    void searchFinished(qint64 matches);
    // "As of": show the blotter and holdings as they were at this time (nullopt: live again).
    void asOfRequested(std::optional<instant::TimestampUs> timeUs);

private:
    void showSelected();
    void applyFields();
    void exportEvents();
    void startLiveTail();
    void showWindow();

    QPointer<EventStore> m_store;
    AuditLogModel *m_model;
    AuditFilterProxy *m_proxy;
    QComboBox *m_type;
    QLineEdit *m_stream;
    QLineEdit *m_actor;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QDateTimeEdit *m_asOf;
    QTableView *m_view;
    QLineEdit *m_filter;
    QPushButton *m_verifyButton;
    QPushButton *m_searchButton = nullptr;
    bool m_searching = false;
    int m_generation = 0; // of the live subscription
    QLabel *m_status;
    QPlainTextEdit *m_detail;
    QThread *m_feedThread = nullptr;
    QObject *m_feedContext = nullptr; // lives on the feed thread, owns the subscription
    class QThread *m_verifyThread = nullptr;
};

} // namespace instant
