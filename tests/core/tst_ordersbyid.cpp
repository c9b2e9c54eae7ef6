// Every order by its id: found through the slot table, held once, listed in the order added, and
// a copy that shares the records never sees another copy's changes.
#include "records/ordersbyid.h"

#include <QHash>
#include <QTest>

#include <random>

using namespace instant;

namespace {

OrderRef order(const QString &id, qint64 quantity = 1)
{
    OrderRecord o;
    o.orderId = id;
    o.quantity = Quantity(quantity);
    return o;
}

} // namespace

class OrdersByIdTest : public QObject
{
    Q_OBJECT
private slots:
    void findsAndInsertsOnce()
    {
        OrdersById orders;
        QVERIFY(orders.isEmpty());
        QVERIFY(!orders.find(QStringLiteral("D1-1")));
        QVERIFY(orders.value(QStringLiteral("D1-1")).isNull());

        auto [first, added] = orders.insert(order(QStringLiteral("D1-2"), 200));
        QVERIFY(added);
        QCOMPARE((*first)->quantity, Quantity(200));
        orders.insert(order(QStringLiteral("D1-1"), 100));
        orders.insert(order(QString(), 5)); // an order recorded without an id is still one order
        QCOMPARE(orders.size(), 3);

        // The same id again keeps the first record.
        auto [held, again] = orders.insert(order(QStringLiteral("D1-2"), 999));
        QVERIFY(!again);
        QCOMPARE((*held)->quantity, Quantity(200));
        QCOMPARE(orders.size(), 3);

        QCOMPARE(orders.value(QStringLiteral("D1-1"))->quantity, Quantity(100));
        QCOMPARE(orders.value(QString())->quantity, Quantity(5));
        QVERIFY(orders.contains(QStringLiteral("D1-2")));
        QVERIFY(!orders.contains(QStringLiteral("D1-3")));
        QCOMPARE(orders.keys(), (QStringList{QStringLiteral("D1-2"), QStringLiteral("D1-1"), QString()}));

        orders.find(QStringLiteral("D1-1"))->edit().quantity = Quantity(150);
        QCOMPARE(orders.value(QStringLiteral("D1-1"))->quantity, Quantity(150));
        QCOMPARE(orders.inAddedOrder().at(1)->quantity, Quantity(150));
    }

    // Enough ids that the table grows many times and different ids share 32-bit hashes: it finds
    // what a QHash given the same ids finds, and nothing else.
    void agreesWithAHashThroughManyOrders()
    {
        OrdersById orders;
        QHash<QString, qint64> expected;
        std::mt19937_64 random(11);
        for (int i = 0; i < 300'000; ++i) {
            const QString id = QStringLiteral("D%1-%2").arg(random() % 40).arg(random() % 2'000'000);
            const qint64 quantity = qint64(i + 1);
            const bool added = orders.insert(order(id, quantity)).second;
            QCOMPARE(added, !expected.contains(id));
            if (added)
                expected.insert(id, quantity);
        }
        QCOMPARE(orders.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const OrderRef *held = orders.find(it.key());
            QVERIFY(held);
            QCOMPARE((*held)->orderId, it.key());
            QCOMPARE((*held)->quantity, Quantity(it.value()));
        }
        int absent = 0;
        for (int i = 0; i < 100'000; ++i) {
            const QString id = QStringLiteral("X%1-%2").arg(random() % 40).arg(random() % 2'000'000);
            absent += orders.contains(id) ? 0 : 1;
        }
        QCOMPARE(absent, 100'000);
        qsizetype listed = 0;
        for (const OrderRef &o : orders)
            listed += expected.value(o->orderId) == o->quantity.value() ? 1 : 0;
        QCOMPARE(listed, expected.size());
    }

    // Room made beforehand changes nothing of what is found.
    void reservedRoomFindsTheSame()
    {
        OrdersById orders;
        orders.insert(order(QStringLiteral("A"), 1));
        orders.reserve(10'000);
        for (int i = 0; i < 10'000; ++i)
            orders.insert(order(QStringLiteral("B%1").arg(i), i));
        QCOMPARE(orders.size(), 10'001);
        QCOMPARE(orders.value(QStringLiteral("A"))->quantity, Quantity(1));
        QCOMPARE(orders.value(QStringLiteral("B9999"))->quantity, Quantity(9999));
    }

    // A copy shares the records until one side changes them: each then sees only its own.
    void aCopyKeepsItsOwnRecords()
    {
        OrdersById live;
        for (int i = 0; i < 1000; ++i)
            live.insert(order(QStringLiteral("A%1").arg(i), i));
        const OrdersById copy = live;

        live.find(QStringLiteral("A7"))->edit().quantity = Quantity(700);
        live.insert(order(QStringLiteral("B1"), 1));
        QCOMPARE(live.value(QStringLiteral("A7"))->quantity, Quantity(700));
        QCOMPARE(copy.value(QStringLiteral("A7"))->quantity, Quantity(7));
        QVERIFY(!copy.contains(QStringLiteral("B1")));
        QCOMPARE(copy.size(), 1000);
        QCOMPARE(live.size(), 1001);
    }
};

QTEST_MAIN(OrdersByIdTest)
#include "tst_ordersbyid.moc"
