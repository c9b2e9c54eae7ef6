#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace instant {

class AuditLogModel;
class EventStore;
class EventSubscription;

// The audit viewer: every event of the store, live; search, full detail of one event, chain
// verification and export. Read-only: nothing here can change the log.
class AuditViewer : public QWidget
{
    Q_OBJECT

public:
    explicit AuditViewer(EventStore *store, QWidget *parent = nullptr);
    ~AuditViewer() override;

    AuditLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    void setFilterText(const QString &text);
    // Verifies the chain on a worker thread; verificationFinished() reports the outcome.
    void verify();

Q_SIGNALS:
    void verificationFinished(bool intact, const QString &summary);

private:
    void showSelected();
    void exportEvents();

    QPointer<EventStore> m_store;
    AuditLogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QPushButton *m_verifyButton;
    QLabel *m_status;
    QPlainTextEdit *m_detail;
    EventSubscription *m_subscription = nullptr;
    class QThread *m_verifyThread = nullptr;
};

} // namespace instant
