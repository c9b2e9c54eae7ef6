#pragma once

#include "analytics/bondanalytics.h"
#include "depthladder.h" // the ladder had its home here; panels that know it from here still find it
#include "oms/tradingstate.h"
#include "venue/orderbook.h"
#include "venue/venue.h"

#include <QAbstractTableModel>
#include <QWidget>

class QTableView;
class QLabel;
class QMimeData;

namespace instant {

class ReferenceData;
struct Instrument;
class TradingEngine;

// Quotes and last trades for the instruments a trader watches (Treasuries and stocks).
class MarketWatchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Treasuries: bid and ask in 32nds (decimals for bills), the yield at the mid and the change
    // in bp; stocks: the change in percent. Sizes as a desk writes them (24mm, 250k).
    enum Column { Symbol, Bid, Ask, Yield, Change, BidSize, AskSize, Last, Volume, ColumnCount };
    enum Roles { InstrumentRole = Qt::UserRole + 1 };

    explicit MarketWatchModel(const ReferenceData &reference, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void applyQuotes(const QList<Quote> &quotes);
    void applyTrades(const QList<TradePrint> &trades);
    std::optional<Price> mark(const QString &instrument) const; // mid, else last
    bool watches(const QString &instrument) const { return m_index.contains(instrument); }

    // Rows drag out as instrument ids (to a watchlist); the symbols go along as text.
    static QString instrumentMimeType() { return QStringLiteral("application/x-instant-instruments"); }
    static QStringList instrumentsIn(const QMimeData *data);
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

private:
    struct Row
    {
        const Instrument *instrument = nullptr;
        Quote quote;
        std::optional<Price> last;
        qint64 volume = 0;
    };
    const ReferenceData &m_reference;
    QList<Row> m_rows;
    QHash<QString, int> m_index;
};

class MarketWatch : public QWidget
{
    Q_OBJECT

public:
    MarketWatch(TradingEngine *engine, const ReferenceData &reference, QWidget *parent = nullptr);
    MarketWatchModel *model() const { return m_model; }

Q_SIGNALS:
    void instrumentSelected(const QString &instrument);

private:
    MarketWatchModel *m_model;
    QTableView *m_view;
};

// Positions with average cost, mark, market value, P&L and DV01; cash and reservations; totals.
class HoldingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Price P&L (unrealized and realized, on clean prices) apart from interest: for notes and
    // bonds, the interest accrued on the holding to the settlement date, and the carry (coupons and
    // accrued interest received, less accrued interest paid, plus what has accrued since).
    enum Column { Account, Symbol, Quantity, Settled, AverageCost, Mark, Yield, MarketValue, Accrued, Unrealized, Realized, Interest, Dv01, ColumnCount };

    HoldingsModel(const ReferenceData &reference, const MarketWatchModel *marks, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Every account and position (the rows are made again).
    void setPortfolio(const QList<AccountRecord> &accounts, const QList<PositionRecord> &positions);
    // Those changed, as they are now: their rows are updated, added or removed in place.
    void updatePortfolio(const QList<AccountRecord> &accounts, const QList<PositionRecord> &positions);
    void refreshMarks();
    // The market's trade date: DV01 and yields are for a trade settling from it.
    void setTradeDate(QDate date);
    const QList<AccountRecord> &accounts() const { return m_accounts; }

    // A Treasury's figures at its mark, for one unit of face: what pricing (QuantLib) says,
    // computed where the pricer runs (the engine's thread in the workstation; here, inline,
    // without one). Asked once per instrument, mark and date however many accounts hold it; each
    // holding's accrued interest and DV01 are worked from them for its own face.
    struct BondQuery
    {
        const Instrument *instrument = nullptr;
        Price mark;
        QDate tradeDate;
        bool operator==(const BondQuery &) const = default;
    };
    struct BondFigures
    {
        analytics::Accrual accrual; // to the settlement date: Accrual::cents(face) for a holding
        double dv01PerUnitFace = 0;
        std::optional<double> yield;
    };
    static BondFigures price(const BondQuery &query);
    using Pricer = std::function<void(const QList<BondQuery> &, std::function<void(const QList<BondFigures> &)>)>;
    void setPricer(Pricer pricer) { m_pricer = std::move(pricer); }

private:
    struct Line
    {
        PositionRecord position;
        const Instrument *instrument = nullptr;
        std::optional<Price> mark;
        qint64 marketValueCents = 0;
        qint64 unrealizedCents = 0;
        qint64 accruedCents = 0;  // on the holding, to the settlement date
        qint64 carryCents() const { return position.interestCents + accruedCents; }
        double dv01 = 0;
        std::optional<double> yield;
    };
    void recompute();
    const ReferenceData &m_reference;
    const MarketWatchModel *m_marks;
    QDate m_tradeDate;
    QList<Line> m_lines; // the last row shown is the totals row
    QList<AccountRecord> m_accounts;
    Pricer m_pricer;
    QHash<QString, std::pair<BondQuery, BondFigures>> m_figures; // the last priced, per instrument
    bool m_pricing = false; // an answer is on its way: one at a time
};

class Holdings : public QWidget
{
    Q_OBJECT

public:
    Holdings(TradingEngine *engine, const ReferenceData &reference, const MarketWatchModel *marks, QWidget *parent = nullptr);
    HoldingsModel *model() const { return m_model; }
    void showAsOf(const QList<AccountRecord> &accounts, const QList<PositionRecord> &positions);
    void setLive() { m_live = true; }

private:
    void updateCash();
    bool m_live = true;
    HoldingsModel *m_model;
    QLabel *m_cash;
};

} // namespace instant
