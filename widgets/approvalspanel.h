#pragma once

#include "oms/approvals.h"

#include <QAbstractTableModel>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace instant {

class ReferenceData;
class TradingEngine;

// Orders waiting for a second person (four eyes), as the approvers and the trader who asked see
// them: the order, the rules overridden with their value, limit and reason, who asked, and what
// was decided. Only requests the user may decide or asked for are shown.
class ApprovalsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Order, Account, Side, Quantity, Instrument, Price, Rules, Reason, AskedBy, Status, DecidedBy, ColumnCount };
    ApprovalsModel(const QString &user, const ReferenceData *reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRequests(const QList<ApprovalRequest> &requests);
    const ApprovalRequest *request(int row) const;
    int waitingForMe() const; // requests this user may decide now

Q_SIGNALS:
    void waitingForMeChanged(int count);

private:
    QString m_user;
    const ReferenceData *m_reference;
    QList<ApprovalRequest> m_rows; // waiting first, newest first
};

class ApprovalsPanel : public QWidget
{
    Q_OBJECT

public:
    ApprovalsPanel(TradingEngine *engine, QWidget *parent = nullptr);
    ApprovalsModel *model() const { return m_model; }
    void select(int row);
    bool approveSelected();                          // false when the user may not decide it
    bool refuseSelected(const QString &reason);      // a refusal needs a reason

private:
    void updateButtons();
    const ApprovalRequest *selected() const;

    TradingEngine *m_engine;
    ApprovalsModel *m_model;
    QTableView *m_view;
    QLineEdit *m_reason;
    QPushButton *m_approve;
    QPushButton *m_refuse;
    QLabel *m_note;
};

} // namespace instant
