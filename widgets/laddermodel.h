#pragma once

#include "oms/tradingstate.h"
#include "venue/orderbook.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>

namespace instant {

struct Instrument;

// The rows of a depth ladder: one price a row, a tick apart, highest first. A row keeps its price
// until the ladder is re-centred; it shows the market's size at that price and the trader's own
// working orders there.
class LadderModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { MyBids, Bids, PriceColumn, Asks, MyAsks, ColumnCount };
    enum Roles { PriceRole = Qt::UserRole + 1 };

    explicit LadderModel(QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A new instrument: no depth and no own orders until they come.
    void setInstrument(const Instrument *instrument);
    const Instrument *instrument() const { return m_instrument; }
    void centreOn(Price price);        // this price on the middle row
    void shift(int rows);              // the prices move up (positive) or down by whole rows
    // As many rows as the view shows: the top row keeps its price when `keepTop`, else the middle one.
    void setRows(int rows, bool keepTop);
    std::optional<Price> priceAt(int row) const;
    int rowOf(Price price) const; // -1 when no shown row has it

    void setDepth(const QList<LevelView> &bids, const QList<LevelView> &asks);
    std::optional<Price> bestBid() const { return m_bestBid; }
    std::optional<Price> bestAsk() const { return m_bestAsk; }
    std::optional<Price> marketPrice() const; // the mid on a tick, else the one side there is
    // The trader's own working limit orders in this instrument.
    void setOwnOrders(const QList<OrderRef> &orders);
    QList<OrderRef> ownOrders(Price price, Side side) const;
    void setDropRow(int row); // the row an own order is dragged to (-1: none)

    static bool isOwnColumn(int column) { return column == MyBids || column == MyAsks; }

private:
    qint64 ownQuantity(const QList<OrderRef> &orders) const;
    QVariant background(int row, int column, qint64 price) const;
    QVariant tooltip(int column, qint64 price) const;
    void changedAll();

    const Instrument *m_instrument = nullptr;
    qint64 m_top = 0; // the price of row 0, in price units
    int m_rows = 21;
    QHash<qint64, qint64> m_bidSize, m_askSize;
    std::optional<Price> m_bestBid, m_bestAsk;
    QHash<qint64, QList<OrderRef>> m_ownBuys, m_ownSells;
    int m_dropRow = -1;
};

} // namespace instant
