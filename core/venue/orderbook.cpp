#include "venue/orderbook.h"

namespace instant::venue {

QString describe(RefuseReason reason)
{
    switch (reason) {
    case RefuseReason::NonPositiveQuantity: return QStringLiteral("the quantity must be positive");
    case RefuseReason::DuplicateId: return QStringLiteral("an order with this id is already in the book");
    case RefuseReason::UnsupportedType: return QStringLiteral("the book takes limit and market orders only");
    case RefuseReason::NotInBook: return QStringLiteral("the order is no longer working in the book");
    }
    return {};
}

OrderBook::OrderBook(BookListener *listener) : m_listener(listener)
{
    m_orders.reserve(4096);
}

OrderBook::~OrderBook() = default;

OrderBook::Resting *OrderBook::allocate()
{
    if (!m_free.empty()) {
        Resting *r = m_free.back();
        m_free.pop_back();
        *r = Resting{};
        return r;
    }
    return &m_pool.emplace_back();
}

void OrderBook::release(Resting *order)
{
    m_free.push_back(order);
}

bool OrderBook::add(const BookRequest &request)
{
    if (request.quantity <= Quantity(0)) {
        if (m_listener)
            m_listener->onRefused(request.id, RefuseReason::NonPositiveQuantity);
        return false;
    }
    if (m_orders.count(request.id)) {
        if (m_listener)
            m_listener->onRefused(request.id, RefuseReason::DuplicateId);
        return false;
    }
    if (request.type != OrderType::Limit && request.type != OrderType::Market) {
        if (m_listener)
            m_listener->onRefused(request.id, RefuseReason::UnsupportedType);
        return false;
    }
    if (m_listener)
        m_listener->onAccepted(request);

    if (request.tif == TimeInForce::Fok) {
        const Quantity canFill = request.side == Side::Buy ? available(m_asks, request, request.quantity)
                                                           : available(m_bids, request, request.quantity);
        if (canFill < request.quantity) {
            if (m_listener)
                m_listener->onCancelled(request.id, request.quantity, CancelReason::FillOrKill);
            return true;
        }
    }

    const Quantity left = match(request, request.quantity);
    if (left <= Quantity(0))
        return true;
    if (request.type == OrderType::Market) {
        if (m_listener)
            m_listener->onCancelled(request.id, left, CancelReason::NoLiquidity);
    } else if (request.tif == TimeInForce::Ioc || request.tif == TimeInForce::Fok) {
        if (m_listener)
            m_listener->onCancelled(request.id, left, CancelReason::ImmediateOrCancel);
    } else {
        rest(request.id, request.side, request.price, left);
    }
    return true;
}

Quantity OrderBook::match(const BookRequest &request, Quantity leaves)
{
    return request.side == Side::Buy ? matchAgainst(m_asks, request, leaves) : matchAgainst(m_bids, request, leaves);
}

template <typename Levels>
Quantity OrderBook::matchAgainst(Levels &levels, const BookRequest &request, Quantity leaves)
{
    const bool market = request.type == OrderType::Market;
    while (leaves > Quantity(0) && !levels.empty()) {
        auto it = levels.begin();
        Level &level = it->second;
        if (!market) {
            const bool crosses = request.side == Side::Buy ? level.price <= request.price : level.price >= request.price;
            if (!crosses)
                break;
        }
        while (leaves > Quantity(0) && level.head) {
            Resting *maker = level.head;
            const Quantity qty = std::min(leaves, maker->leaves);
            maker->leaves -= qty;
            level.total -= qty;
            leaves -= qty;
            const Trade trade{maker->id, request.id, request.side, level.price, qty, maker->leaves, leaves};
            if (maker->leaves <= Quantity(0)) {
                unlink(maker); // may erase nothing yet: the level stays until the loop ends
            }
            if (m_listener)
                m_listener->onTrade(trade);
        }
        if (!level.head)
            levels.erase(it);
    }
    return leaves;
}

template <typename Levels>
Quantity OrderBook::available(const Levels &levels, const BookRequest &request, Quantity wanted) const
{
    Quantity sum(0);
    for (const auto &[price, level] : levels) {
        if (request.type != OrderType::Market) {
            const bool crosses = request.side == Side::Buy ? level.price <= request.price : level.price >= request.price;
            if (!crosses)
                break;
        }
        sum += level.total;
        if (sum >= wanted)
            break;
    }
    return sum;
}

void OrderBook::rest(OrderId id, Side side, Price price, Quantity leaves)
{
    Resting *order = allocate();
    order->id = id;
    order->side = side;
    order->price = price;
    order->leaves = leaves;
    Level *level = nullptr;
    if (side == Side::Buy) {
        auto [it, inserted] = m_bids.try_emplace(price.value());
        level = &it->second;
    } else {
        auto [it, inserted] = m_asks.try_emplace(price.value());
        level = &it->second;
    }
    level->price = price;
    level->total += leaves;
    ++level->count;
    order->level = level;
    order->prev = level->tail;
    if (level->tail)
        level->tail->next = order;
    else
        level->head = order;
    level->tail = order;
    m_orders.emplace(id, order);
    if (m_listener)
        m_listener->onRested(id, side, price, leaves);
}

// Takes an order out of its level and the index (the level itself is erased by the caller
// when it becomes empty, or here when not matching).
void OrderBook::unlink(Resting *order)
{
    Level *level = order->level;
    if (order->prev)
        order->prev->next = order->next;
    else
        level->head = order->next;
    if (order->next)
        order->next->prev = order->prev;
    else
        level->tail = order->prev;
    --level->count;
    m_orders.erase(order->id);
    release(order);
}

bool OrderBook::cancel(OrderId id)
{
    auto it = m_orders.find(id);
    if (it == m_orders.end()) {
        if (m_listener)
            m_listener->onRefused(id, RefuseReason::NotInBook);
        return false;
    }
    Resting *order = it->second;
    const Side side = order->side;
    const Price price = order->price;
    const Quantity leaves = order->leaves;
    order->level->total -= leaves;
    const bool empty = order->level->count == 1;
    unlink(order);
    if (empty) {
        if (side == Side::Buy)
            m_bids.erase(price.value());
        else
            m_asks.erase(price.value());
    }
    if (m_listener)
        m_listener->onCancelled(id, leaves, CancelReason::Requested);
    return true;
}

bool OrderBook::replace(OrderId id, Price price, Quantity leaves)
{
    auto it = m_orders.find(id);
    if (it == m_orders.end()) {
        if (m_listener)
            m_listener->onRefused(id, RefuseReason::NotInBook);
        return false;
    }
    if (leaves <= Quantity(0)) {
        if (m_listener)
            m_listener->onRefused(id, RefuseReason::NonPositiveQuantity);
        return false;
    }
    Resting *order = it->second;
    if (price == order->price && leaves <= order->leaves) {
        order->level->total -= order->leaves - leaves;
        order->leaves = leaves;
        if (m_listener)
            m_listener->onReplaced(id, price, leaves, true);
        return true;
    }
    // Loses priority: out of the book, then in again as if new (it may trade now).
    const Side side = order->side;
    const Price oldPrice = order->price;
    order->level->total -= order->leaves;
    const bool empty = order->level->count == 1;
    unlink(order);
    if (empty) {
        if (side == Side::Buy)
            m_bids.erase(oldPrice.value());
        else
            m_asks.erase(oldPrice.value());
    }
    if (m_listener)
        m_listener->onReplaced(id, price, leaves, false);
    const BookRequest again{id, side, OrderType::Limit, TimeInForce::Gtc, price, leaves};
    const Quantity left = match(again, leaves);
    if (left > Quantity(0))
        rest(id, side, price, left);
    return true;
}

std::optional<Price> OrderBook::bestBid() const
{
    if (m_bids.empty())
        return std::nullopt;
    return m_bids.begin()->second.price;
}

std::optional<Price> OrderBook::bestAsk() const
{
    if (m_asks.empty())
        return std::nullopt;
    return m_asks.begin()->second.price;
}

std::vector<LevelView> OrderBook::depth(Side side, int levels) const
{
    std::vector<LevelView> out;
    auto collect = [&](const auto &book) {
        for (const auto &[key, level] : book) {
            if (static_cast<int>(out.size()) >= levels)
                break;
            out.push_back(LevelView{level.price, level.total, level.count});
        }
    };
    if (side == Side::Buy)
        collect(m_bids);
    else
        collect(m_asks);
    return out;
}

Quantity OrderBook::quantityAt(Side side, Price price) const
{
    if (side == Side::Buy) {
        auto it = m_bids.find(price.value());
        return it == m_bids.end() ? Quantity(0) : it->second.total;
    }
    auto it = m_asks.find(price.value());
    return it == m_asks.end() ? Quantity(0) : it->second.total;
}

std::optional<Quantity> OrderBook::leaves(OrderId id) const
{
    auto it = m_orders.find(id);
    if (it == m_orders.end())
        return std::nullopt;
    return it->second->leaves;
}

} // namespace instant::venue
