// The matching book: price-time priority, partial fills, IOC/FOK, market orders, cancels,
// replaces that keep or lose priority; and a randomized check of its invariants.

#include "venue/orderbook.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace instant;
using namespace instant::venue;

namespace {

struct Recorder : BookListener
{
    std::vector<Trade> trades;
    std::vector<std::pair<OrderId, CancelReason>> cancels;
    std::vector<std::pair<OrderId, bool>> replaces;
    std::vector<OrderId> refused;
    std::vector<OrderId> rested;
    qint64 cancelledQuantity = 0;

    void onTrade(const Trade &t) override { trades.push_back(t); }
    void onRested(OrderId id, Side, Price, Quantity) override { rested.push_back(id); }
    void onCancelled(OrderId id, Quantity leaves, CancelReason r) override
    {
        cancels.emplace_back(id, r);
        cancelledQuantity += leaves.value();
    }
    void onReplaced(OrderId id, Price, Quantity, bool kept) override { replaces.emplace_back(id, kept); }
    void onRefused(OrderId id, RefuseReason) override { refused.push_back(id); }
};

BookRequest limit(OrderId id, Side side, qint64 price, qint64 qty, TimeInForce tif = TimeInForce::Day)
{
    return BookRequest{id, side, OrderType::Limit, tif, Price(price), Quantity(qty)};
}

BookRequest market(OrderId id, Side side, qint64 qty)
{
    return BookRequest{id, side, OrderType::Market, TimeInForce::Day, Price(0), Quantity(qty)};
}

} // namespace

class TestOrderBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pricePriorityThenTime()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Sell, 101, 10));
        book.add(limit(2, Side::Sell, 100, 10)); // better price
        book.add(limit(3, Side::Sell, 100, 10)); // same price, later
        QCOMPARE(book.bestAsk()->value(), 100);
        book.add(limit(4, Side::Buy, 101, 25));
        QCOMPARE(rec.trades.size(), size_t(3));
        QCOMPARE(rec.trades[0].maker, OrderId(2));
        QCOMPARE(rec.trades[1].maker, OrderId(3));
        QCOMPARE(rec.trades[2].maker, OrderId(1));
        QCOMPARE(rec.trades[2].quantity.value(), 5);
        QCOMPARE(rec.trades[0].price.value(), 100); // at the maker's price
        QCOMPARE(rec.trades[2].price.value(), 101);
        QCOMPARE(rec.trades[2].makerLeaves.value(), 5);
        QCOMPARE(rec.trades[2].takerLeaves.value(), 0);
        QCOMPARE(book.leaves(1)->value(), 5);
        QVERIFY(!book.contains(4));
        QVERIFY(!book.bestBid());
    }

    void partialFillRestsTheRest()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Buy, 99, 100));
        book.add(limit(2, Side::Sell, 99, 30));
        book.add(limit(3, Side::Sell, 98, 100)); // crosses: fills 70, rests 30 at 98
        QCOMPARE(book.leaves(1), std::nullopt);
        QCOMPARE(book.leaves(3)->value(), 30);
        QCOMPARE(book.bestAsk()->value(), 98);
        QCOMPARE(book.quantityAt(Side::Sell, Price(98)).value(), 30);
        QCOMPARE(rec.trades.back().quantity.value(), 70);
    }

    void immediateOrCancel()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Sell, 100, 10));
        book.add(limit(2, Side::Buy, 100, 25, TimeInForce::Ioc));
        QCOMPARE(rec.trades.size(), size_t(1));
        QCOMPARE(rec.cancels.size(), size_t(1));
        QCOMPARE(rec.cancels[0].first, OrderId(2));
        QCOMPARE(rec.cancels[0].second, CancelReason::ImmediateOrCancel);
        QVERIFY(!book.contains(2));
        QVERIFY(!book.bestBid());
    }

    void fillOrKill()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Sell, 100, 10));
        book.add(limit(2, Side::Sell, 101, 10));
        book.add(limit(3, Side::Buy, 100, 15, TimeInForce::Fok)); // only 10 at ≤ 100: killed
        QVERIFY(rec.trades.empty());
        QCOMPARE(rec.cancels.back().second, CancelReason::FillOrKill);
        QCOMPARE(book.leaves(1)->value(), 10);
        book.add(limit(4, Side::Buy, 101, 15, TimeInForce::Fok)); // 20 at ≤ 101: fills
        QCOMPARE(rec.trades.size(), size_t(2));
        QCOMPARE(book.leaves(2)->value(), 5);
    }

    void marketOrders()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Buy, 100, 10));
        book.add(limit(2, Side::Buy, 95, 10));
        book.add(market(3, Side::Sell, 25));
        QCOMPARE(rec.trades.size(), size_t(2));
        QCOMPARE(rec.trades[1].price.value(), 95);
        QCOMPARE(rec.cancels.back(), std::make_pair(OrderId(3), CancelReason::NoLiquidity));
        QVERIFY(!book.bestBid());
        QVERIFY(!book.contains(3)); // a market order never rests
    }

    void cancel()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Buy, 100, 10));
        book.add(limit(2, Side::Buy, 100, 5));
        QVERIFY(book.cancel(1));
        QCOMPARE(book.quantityAt(Side::Buy, Price(100)).value(), 5);
        QVERIFY(!book.cancel(1)); // already gone
        QCOMPARE(rec.refused.back(), OrderId(1));
        QVERIFY(book.cancel(2));
        QVERIFY(!book.bestBid()); // the empty level is gone
        QCOMPARE(book.restingOrders(), size_t(0));
    }

    void replaceDownKeepsPriority()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Sell, 100, 10));
        book.add(limit(2, Side::Sell, 100, 10));
        QVERIFY(book.replace(1, Price(100), Quantity(4)));
        QCOMPARE(rec.replaces.back(), std::make_pair(OrderId(1), true));
        QCOMPARE(book.quantityAt(Side::Sell, Price(100)).value(), 14);
        book.add(limit(3, Side::Buy, 100, 4));
        QCOMPARE(rec.trades.back().maker, OrderId(1)); // still first
    }

    void replaceUpOrNewPriceLosesPriority()
    {
        Recorder rec;
        OrderBook book(&rec);
        book.add(limit(1, Side::Sell, 100, 10));
        book.add(limit(2, Side::Sell, 100, 10));
        QVERIFY(book.replace(1, Price(100), Quantity(12))); // size up: to the back
        QCOMPARE(rec.replaces.back(), std::make_pair(OrderId(1), false));
        book.add(limit(3, Side::Buy, 100, 5));
        QCOMPARE(rec.trades.back().maker, OrderId(2));

        QVERIFY(book.replace(2, Price(99), Quantity(5))); // new price: a level of its own
        QCOMPARE(book.bestAsk()->value(), 99);
        book.add(limit(4, Side::Buy, 98, 10));
        QVERIFY(book.replace(4, Price(99), Quantity(10))); // now crosses: trades as it moves
        QCOMPARE(rec.trades.back().maker, OrderId(2));
        QCOMPARE(rec.trades.back().taker, OrderId(4));
        QCOMPARE(book.leaves(4)->value(), 5);
        QCOMPARE(book.bestBid()->value(), 99);
    }

    void refusals()
    {
        Recorder rec;
        OrderBook book(&rec);
        QVERIFY(!book.add(limit(1, Side::Buy, 100, 0)));
        QVERIFY(!book.add(limit(2, Side::Buy, 100, -5)));
        QVERIFY(book.add(limit(3, Side::Buy, 100, 5)));
        QVERIFY(!book.add(limit(3, Side::Buy, 100, 5))); // duplicate id
        QVERIFY(!book.replace(3, Price(100), Quantity(0)));
        QVERIFY(!book.replace(42, Price(100), Quantity(1)));
        BookRequest stop = limit(5, Side::Buy, 100, 5);
        stop.type = OrderType::Stop;
        QVERIFY(!book.add(stop));
        QCOMPARE(rec.refused.size(), size_t(6));
        QCOMPARE(book.restingOrders(), size_t(1));
    }

    void depthView()
    {
        OrderBook book;
        book.add(limit(1, Side::Buy, 100, 10));
        book.add(limit(2, Side::Buy, 100, 5));
        book.add(limit(3, Side::Buy, 99, 7));
        book.add(limit(4, Side::Buy, 97, 1));
        const auto bids = book.depth(Side::Buy, 2);
        QCOMPARE(bids.size(), size_t(2));
        QCOMPARE(bids[0].price.value(), 100);
        QCOMPARE(bids[0].quantity.value(), 15);
        QCOMPARE(bids[0].orders, 2);
        QCOMPARE(bids[1].price.value(), 99);
        QVERIFY(book.depth(Side::Sell, 5).empty());
    }

    // Many random adds, cancels and replaces: the book never crosses, quantity is conserved
    // (what was added = what traded twice + what was cancelled + what rests), totals match.
    void randomizedInvariants()
    {
        for (quint32 seed : {1u, 7u, 42u, 2026u}) {
            QRandomGenerator rng(seed);
            Recorder rec;
            OrderBook book(&rec);
            std::map<OrderId, qint64> live;
            qint64 added = 0, reducedByReplace = 0, addedByReplace = 0;
            OrderId next = 1;
            for (int step = 0; step < 20000; ++step) {
                const int action = rng.bounded(10);
                if (action < 6 || live.empty()) {
                    const Side side = rng.bounded(2) ? Side::Buy : Side::Sell;
                    const qint64 price = 1000 + rng.bounded(21) - 10;
                    const qint64 qty = 1 + rng.bounded(100);
                    const auto tif = rng.bounded(10) == 0 ? TimeInForce::Ioc : TimeInForce::Day;
                    BookRequest r = limit(next, side, price, qty, tif);
                    if (rng.bounded(30) == 0)
                        r = market(next, side, qty);
                    book.add(r);
                    added += qty;
                    if (book.contains(next))
                        live[next] = 0;
                    ++next;
                } else {
                    auto it = live.begin();
                    std::advance(it, rng.bounded(int(live.size())));
                    const OrderId id = it->first;
                    if (!book.contains(id)) {
                        live.erase(it);
                        continue;
                    }
                    if (action < 8) {
                        book.cancel(id);
                        live.erase(it);
                    } else {
                        const qint64 before = book.leaves(id)->value();
                        const qint64 after = 1 + rng.bounded(100);
                        book.replace(id, Price(1000 + rng.bounded(21) - 10), Quantity(after));
                        if (after < before)
                            reducedByReplace += before - after;
                        else
                            addedByReplace += after - before;
                    }
                }
                if (book.bestBid() && book.bestAsk())
                    QVERIFY2(*book.bestBid() < *book.bestAsk(), "the book is crossed");
            }
            qint64 traded = 0;
            for (const Trade &t : rec.trades) {
                QVERIFY(t.quantity > Quantity(0));
                traded += t.quantity.value();
            }
            qint64 resting = 0;
            for (Side side : {Side::Buy, Side::Sell})
                for (const LevelView &l : book.depth(side, 1 << 20))
                    resting += l.quantity.value();
            // Every unit added traded (once on each side), rests, or was cancelled.
            QCOMPARE(2 * traded + resting + rec.cancelledQuantity, added + addedByReplace - reducedByReplace);
            QVERIFY(traded > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestOrderBook)
#include "tst_orderbook.moc"
