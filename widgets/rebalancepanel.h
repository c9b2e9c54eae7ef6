#pragma once

#include "engine/orderpreview.h"
#include "oms/ordermanager.h"
#include "portfolio/rebalancer.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;
class QTableWidget;

namespace instant {

class ReferenceData;
class TradingEngine;

// The lines of a rebalance proposal; the quantity is editable while the proposal is open.
class RebalanceLinesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Line, Instrument, Side, Quantity, Limit, Notional, Dv01, Order, ColumnCount };
    explicit RebalanceLinesModel(const ReferenceData &reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    void setProposal(const RebalanceProposal &proposal);
    const RebalanceProposal &proposal() const { return m_proposal; }

Q_SIGNALS:
    // The trader typed a new quantity (as a trader writes it: 5mm, 250k); 0 removes the line.
    void quantityEdited(int line, qint64 quantity);

private:
    const ReferenceData &m_reference;
    RebalanceProposal m_proposal;
};

// Exposure before and after, side by side: weights by instrument (percent) or DV01 by bucket.
class RebalanceExposureModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Exposure, Target, Before, After, Change, ColumnCount };
    explicit RebalanceExposureModel(const ReferenceData &reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setProposal(const RebalanceProposal &proposal);

private:
    QString format(double value) const;
    const ReferenceData &m_reference;
    TargetKind m_kind = TargetKind::Weights;
    QList<ExposureRow> m_rows;
};

// Portfolio targets and rebalance proposals for one account at a time: targets as weights by
// instrument or DV01 by tenor bucket, "Propose", the proposal's lines next to the exposure before
// and after, lines edited or removed, "Accept" after each line's compliance preview, "Reject"
// with a reason. Every step is an event on the account's portfolio stream.
class RebalancePanel : public QWidget
{
    Q_OBJECT

public:
    RebalancePanel(TradingEngine *engine, const ReferenceData &reference, QWidget *parent = nullptr);

    // What the trader does, also for tests.
    void setAccount(const QString &account);
    QString account() const;
    void setTargetKind(TargetKind kind);
    void setWeight(const QString &instrument, double percent); // adds a row when missing
    void setDv01(const QString &bucket, qint64 dollars);
    void setTolerance(int value); // basis points of value (weights) or dollars of DV01
    void fillFromHoldings();      // weights: the current holdings at their current weights
    void saveTargets();
    void propose();
    void setLineQuantity(int line, qint64 quantity);
    void removeLine(int line);
    // Shows each line's compliance preview and sends after confirmation; false when cancelled.
    bool accept();
    void reject(const QString &reason);

    // The confirmation before sending: the preview text, and whether soft rules need an override.
    // Returns nullopt to cancel, or the override reason (may be empty). Tests answer it.
    using Confirmation = std::function<std::optional<QString>(const QString &preview, bool needsOverride)>;
    void setConfirmation(Confirmation confirm) { m_confirm = std::move(confirm); }
    using ReasonPrompt = std::function<std::optional<QString>()>;
    void setReasonPrompt(ReasonPrompt prompt) { m_reasonPrompt = std::move(prompt); }

    RebalanceLinesModel *lines() const { return m_lines; }
    RebalanceExposureModel *exposure() const { return m_exposure; }
    std::optional<RebalanceProposal> currentProposal() const;
    QList<RebalanceProposal> proposals() const { return m_proposals; }
    std::optional<PortfolioTargets> savedTargets() const { return m_targets; }
    QString summaryText() const;
    QString statusText() const;
    QString previewText() const; // what the last accept showed
    // Whether the engine has checked every line of the proposal shown (accept() waits for it).
    bool linesChecked() const;

private:
    NewOrderCommand lineCommand(const RebalanceProposal &p, const RebalanceLine &line) const;
    const OrderPreview *checked(const NewOrderCommand &c) const;
    void checkLines();
    void onUpdated(const QString &account, const PortfolioTargets &targets, const QList<RebalanceProposal> &proposals);
    void showTargets(const PortfolioTargets &targets);
    void showProposal();
    PortfolioTargets typedTargets() const;
    void updateButtons();
    void setStatus(const QString &text, bool problem = false);

    TradingEngine *m_engine;
    const ReferenceData &m_reference;
    QComboBox *m_account;
    QComboBox *m_kind;
    QSpinBox *m_tolerance;
    QStackedWidget *m_targetPages;
    QTableWidget *m_weights;
    QTableWidget *m_dv01;
    QComboBox *m_proposalPicker;
    QTableView *m_lineView;
    QTableView *m_exposureView;
    QLabel *m_summary;
    QLabel *m_status;
    QPushButton *m_proposeButton, *m_removeButton, *m_acceptButton, *m_rejectButton;
    RebalanceLinesModel *m_lines;
    RebalanceExposureModel *m_exposure;
    std::optional<PortfolioTargets> m_targets;
    QList<RebalanceProposal> m_proposals;
    QString m_shownTargetsAccount;
    QString m_preview;
    bool m_followNewest = true;
    bool m_savingTargets = false;
    bool m_awaitingProposal = false;
    QString m_awaitingAccept; // the proposal being accepted
    QList<std::pair<OrderTerms, OrderPreview>> m_checked; // the engine's check of each line
    bool m_acceptAsked = false; // accept() waits for the lines' checks
    Confirmation m_confirm;
    ReasonPrompt m_reasonPrompt;
};

} // namespace instant
