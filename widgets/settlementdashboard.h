#pragma once

#include "settlement/settlementsummary.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>
#include <QWidget>

class QLabel;
class QTableView;

namespace instant {

class ReferenceData;
class TradingEngine;

// Trades as settlement sees them: one row per execution, updated in place as it settles or
// fails. Rows come from the engine's published executions (new ones, then settled or failed).
// It holds at most `capacity` trades (the engine keeps as many executions): past a tenth more,
// the oldest settled trades go, in one reset. A trade still to settle, or failing, stays however
// old it is; a settled trade that comes again (a bust) comes back as a new row.
class SettlementTradesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TradeDate, SettleDate, Account, Instrument, Side, Quantity, Price, Amount, Status, Reason, ColumnCount };
    enum Roles { BucketRole = Qt::UserRole + 1, AccountRole, SortRole };

    static constexpr qsizetype DefaultCapacity = 200'000;
    explicit SettlementTradesModel(const ReferenceData &reference, QObject *parent = nullptr, qsizetype capacity = DefaultCapacity);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // New executions are added, known ones (by order id/exec id) replaced: one insertion and one
    // changed range per call.
    void applyExecutions(const FillRows &executions);
    void setToday(QDate today);
    QDate today() const { return m_today; }
    const FillRows &trades() const { return m_rows; }

private:
    bool loadShared(const FillRows &executions);
    void dropOldestSettled();

    const ReferenceData &m_reference;
    qsizetype m_capacity;
    FillRows m_rows;
    QHash<QString, int> m_rowOf; // FillRecord::key() → row
    QDate m_today;
};

// Counts and amounts per bucket: a total row for each bucket, then a row per account.
class SettlementSummaryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Bucket, Account, Trades, ToPay, ToReceive, Net, ColumnCount };
    enum Roles { BucketRole = Qt::UserRole + 1, AccountRole };

    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSummary(const SettlementSummary &summary);
    const SettlementSummary &summary() const { return m_summary; }
    int rowOf(SettlementBucket bucket, const QString &account = {}) const; // -1 if not shown
    static QString bucketName(SettlementBucket bucket);

private:
    SettlementSummary m_summary;
    QStringList m_accounts;
};

// The trades of one bucket (and account), for the list under the summary.
class SettlementTradesFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setBucket(SettlementBucket bucket, const QString &account);
    SettlementBucket bucket() const { return m_bucket; }
    QString account() const { return m_account; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    SettlementBucket m_bucket = SettlementBucket::Pending;
    QString m_account;
};

// The settlement dashboard: trades pending settlement, settling today, settled and failed, with
// counts and cash to pay and receive per account and in total; below, the trades of the bucket
// picked; under them the instruments' own dates: coupons, maturities and option expiries done and
// coming. Live from the engine's published executions, business date and lifecycle; it never reads
// the store.
class SettlementDashboard : public QWidget
{
    Q_OBJECT

public:
    SettlementDashboard(TradingEngine *engine, const ReferenceData &reference, QWidget *parent = nullptr);
    SettlementTradesModel *trades() const { return m_trades; }
    SettlementSummaryModel *summaryModel() const { return m_summary; }
    SettlementTradesFilter *bucketTrades() const { return m_filter; }
    class LifecycleModel *lifecycle() const { return m_lifecycle; }
    void selectBucket(SettlementBucket bucket, const QString &account = {});
    // The engine's feed, callable directly (tests feed a known set of trades).
    void applyExecutions(const FillRows &executions);
    void setToday(QDate today);

private:
    void refresh();
    void fitSummary();
    SettlementTradesModel *m_trades;
    SettlementSummaryModel *m_summary;
    SettlementTradesFilter *m_filter;
    QTableView *m_summaryView;
    QTableView *m_tradesView;
    class LifecycleModel *m_lifecycle;
    QTableView *m_lifecycleView;
    QLabel *m_dateLabel;
};

} // namespace instant
