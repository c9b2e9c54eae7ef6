#pragma once

#include "common/types.h"
#include "marketdata/marketdata.h"

#include <QMetaType>
#include <QString>

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace instant::venue {

using OrderId = quint64;

// An order as the book receives it. Market orders carry no price; stops are the venue's
// business (they enter the book as market or limit orders once triggered).
struct BookRequest
{
    OrderId id = 0;
    Side side = Side::Buy;
    OrderType type = OrderType::Limit; // Limit or Market
    TimeInForce tif = TimeInForce::Day;
    Price price;                       // limit price, ignored for Market
    Quantity quantity;
};

struct Trade
{
    OrderId maker = 0; // resting order
    OrderId taker = 0; // incoming order
    Side takerSide = Side::Buy;
    Price price;       // the maker's price
    Quantity quantity;
    Quantity makerLeaves; // what each has left after this trade
    Quantity takerLeaves;
};

enum class CancelReason : quint8 {
    Requested,        // cancel() was called
    ImmediateOrCancel, // an IOC's unfilled rest
    FillOrKill,       // a FOK that could not fill entirely: nothing traded
    NoLiquidity,      // a market order's unfilled rest
};

enum class RefuseReason : quint8 {
    NonPositiveQuantity,
    DuplicateId,
    UnsupportedType, // the book takes limit and market orders only
    NotInBook,       // cancel or replace of an order that is not resting (filled, cancelled, unknown)
};
QString describe(RefuseReason reason);

// Hears what the book did, after it did it (the book is consistent when called).
class BookListener
{
public:
    virtual ~BookListener() = default;
    virtual void onAccepted(const BookRequest &) {}
    virtual void onTrade(const Trade &) {}
    virtual void onRested(OrderId, Side, Price, Quantity) {}
    virtual void onCancelled(OrderId, Quantity /*leaves*/, CancelReason) {}
    virtual void onReplaced(OrderId, Price, Quantity /*leaves*/, bool /*keptPriority*/) {}
    virtual void onRefused(OrderId, RefuseReason) {}
};

// A price-time priority limit order book for one instrument, in integer price units.
// Not thread-safe: one book belongs to one matching thread.
class OrderBook
{
public:
    explicit OrderBook(BookListener *listener = nullptr);
    ~OrderBook();
    OrderBook(const OrderBook &) = delete;
    OrderBook &operator=(const OrderBook &) = delete;

    void setListener(BookListener *listener) { m_listener = listener; }

    // Matches what it can; rests the remainder of a DAY/GTC limit order. False when refused
    // (duplicate id, non-positive quantity): the listener hears why.
    bool add(const BookRequest &request);
    bool cancel(OrderId id);
    // Keeps time priority only when the price is unchanged and the quantity goes down; otherwise
    // the order goes to the back of its new level and may trade at once.
    bool replace(OrderId id, Price price, Quantity leaves);

    std::optional<Price> bestBid() const;
    std::optional<Price> bestAsk() const;
    std::vector<LevelView> depth(Side side, int levels) const;
    Quantity quantityAt(Side side, Price price) const;
    bool contains(OrderId id) const { return m_orders.count(id) != 0; }
    std::optional<Quantity> leaves(OrderId id) const;
    size_t restingOrders() const { return m_orders.size(); }

private:
    struct Level;
    struct Resting
    {
        OrderId id = 0;
        Side side = Side::Buy;
        Price price;
        Quantity leaves;
        Resting *prev = nullptr;
        Resting *next = nullptr;
        Level *level = nullptr;
    };
    struct Level
    {
        Price price;
        Quantity total;
        int count = 0;
        Resting *head = nullptr;
        Resting *tail = nullptr;
    };
    using Bids = std::map<qint64, Level, std::greater<qint64>>;
    using Asks = std::map<qint64, Level, std::less<qint64>>;

    Quantity match(const BookRequest &request, Quantity leaves);
    template <typename Levels>
    Quantity matchAgainst(Levels &levels, const BookRequest &request, Quantity leaves);
    template <typename Levels>
    Quantity available(const Levels &levels, const BookRequest &request, Quantity wanted) const;
    void rest(OrderId id, Side side, Price price, Quantity leaves);
    void unlink(Resting *order);
    Resting *allocate();
    void release(Resting *order);

    BookListener *m_listener;
    Bids m_bids;
    Asks m_asks;
    std::unordered_map<OrderId, Resting *> m_orders;
    std::deque<Resting> m_pool;
    std::vector<Resting *> m_free;
};

} // namespace instant::venue

