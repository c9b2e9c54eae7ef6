#pragma once

#include "analytics/optionrecommender.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;

namespace instant {

class OrderTicket;
class QuoteBoard;
class ReferenceData;
class TradingEngine;

// The ranked recommendations as a table, best first.
class OptionIdeasModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Rank, Contract, Days, Delta, Bid, Ask, ImpliedVol, Score, Contracts, Cost, Breakeven, ColumnCount };
    enum Roles { InstrumentRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setRecommendations(const QList<OptionRecommendation> &ranked);
    const QList<OptionRecommendation> &recommendations() const { return m_ranked; }

private:
    QList<OptionRecommendation> m_ranked;
};

// Option Ideas: the trader picks a stock (it follows the selected instrument), a view, a risk
// preset and the capital (remembered per user); the panel ranks the listed contracts, explains
// the selected one layer by layer (why this contract, why this size, the risks) and stages a
// buy at the ask on the order ticket. It never sends: the trader does.
class OptionIdeasPanel : public QWidget
{
    Q_OBJECT

public:
    OptionIdeasPanel(TradingEngine *engine, const ReferenceData &reference, OrderTicket *ticket, QWidget *parent = nullptr);
    ~OptionIdeasPanel() override;

    OptionIdeasModel *model() const { return m_model; }
    // The live quotes and volumes the panel ranks with (the copilot reads the same board).
    std::shared_ptr<const QuoteBoard> quoteBoard() const;
    QuoteBoard &quotes() { return *m_quotes; }

    void setSymbol(const QString &symbol);
    QString symbol() const;
    void setView(MarketView view);
    void setPreset(RiskPreset preset);
    void setCapital(const QString &text); // "10,000", "$25k", "1.5mm"
    std::optional<qint64> capitalCents() const;
    // The selected instrument of the workstation: a stock is followed, an option follows its
    // underlying, anything else is ignored.
    void followInstrument(const QString &instrument);

    void recompute();
    const std::optional<OptionRecommendations> &result() const { return m_result; }
    QString summaryText() const;
    bool rankingPending() const { return m_pending; } // what is shown is not the newest ranking yet
    void selectRow(int row);
    QString explanationText() const;
    bool stageSelected(); // fills the ticket: the contract, buy, the size, limit at the ask
    QString user() const { return m_user; }

Q_SIGNALS:
    void ranked(); // the ideas shown are the newest ranking (ranked on the engine's thread)
    void staged(const QString &instrument);

private:
    void showRanking(const QString &keep);
    void saveSettings() const;
    void showSelected();
    const OptionRecommendation *selected() const;

    TradingEngine *m_engine;
    const ReferenceData &m_reference;
    OrderTicket *m_ticket;
    std::shared_ptr<QuoteBoard> m_quotes;
    QString m_user;
    OptionIdeasModel *m_model;
    QComboBox *m_symbol;
    QComboBox *m_view;
    QComboBox *m_preset;
    QLineEdit *m_capital;
    QLabel *m_summary;
    QTableView *m_table;
    QTextBrowser *m_explanation;
    QPushButton *m_stage;
    QLabel *m_status;
    QTimer *m_refresh;
    std::optional<OptionRecommendations> m_result;
    QString m_problem;
    quint64 m_asked = 0; // rankings asked for: the newest is shown
    bool m_pending = false; // the newest is being ranked on the engine's thread
    QString m_shownHtml;
    bool m_loading = false;
};

} // namespace instant
