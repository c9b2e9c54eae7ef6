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
    // Records the live view's filter as a search (readHappened), unless it is the one recorded
    // last or filters nothing: called once a filter has been left alone for a moment.
    void recordLiveFilter();

Q_SIGNALS:
    void verificationFinished(bool intact, const QString &summary);
    void verificationProgress(qint64 verified);
    void searchFinished(qint64 matches);
    // "As of": show the blotter and holdings as they were at this time (nullopt: live again).
    void asOfRequested(std::optional<instant::TimestampUs> timeUs);
    // A read of the log made here, to be recorded (TradingEngine::recordRead): a search (the
    // whole log, or the live view's filter once it has settled), an event viewed, a
    // verification, an export, a look "as of".
    void readHappened(const instant::events::ReadRecord &read);

private:
    void showSelected();
    void applyFields();
    void exportEvents();
    void startLiveTail();
    void showWindow();
    void recordRead(const QString &action, const QString &subject, qint64 records = -1, const QString &outcome = {},
                    std::optional<TimestampUs> asOfUs = std::nullopt);

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
    class QTimer *m_filterSettled; // a live filter left alone this long is a search to record
    QString m_recordedFilter;      // the live filter last recorded
    Sequence m_recordedView = 0;   // the event last recorded as viewed
};

} // namespace instant
