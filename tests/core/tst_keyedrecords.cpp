// Records by text key: found through the index, listed in key order, and a copy that shares them
// never sees another copy's changes (the index is rebuilt on the copy that changes).
#include "records/keyedrecords.h"

#include <QTest>

#include <map>
#include <random>
#include <thread>

using namespace instant;

namespace {

struct Held
{
    qint64 quantity = 0;
};

} // namespace

class KeyedRecordsTest : public QObject
{
    Q_OBJECT
private slots:
    void findsInsertsAndRemoves()
    {
        KeyedRecords<Held> t;
        QVERIFY(t.isEmpty());
        QVERIFY(!t.find(QStringLiteral("A|X")));
        QVERIFY(!t.edit(QStringLiteral("A|X")));
        t.insert(QStringLiteral("B|Y"), {2});
        t.insert(QStringLiteral("A|X"), {1});
        t.insert(QStringLiteral("A|Z"), {3});
        QCOMPARE(t.size(), 3);
        QCOMPARE(t.find(QStringLiteral("A|X"))->quantity, 1);
        QCOMPARE(t.value(QStringLiteral("B|Y")).quantity, 2);
        QCOMPARE(t.value(QStringLiteral("none")).quantity, 0);
        QVERIFY(!t.contains(QStringLiteral("none")));
        QCOMPARE(t.inKeyOrder().keys(), (QStringList{QStringLiteral("A|X"), QStringLiteral("A|Z"), QStringLiteral("B|Y")}));

        t.edit(QStringLiteral("A|Z"))->quantity = 30;
        QCOMPARE(t.inKeyOrder().value(QStringLiteral("A|Z")).quantity, 30); // the same record, in order and by key
        t.insert(QStringLiteral("A|Z"), {31});                             // replaces
        QCOMPARE(t.size(), 3);
        QCOMPARE(t.find(QStringLiteral("A|Z"))->quantity, 31);

        QVERIFY(t.remove(QStringLiteral("A|X")));
        QVERIFY(!t.remove(QStringLiteral("A|X")));
        QVERIFY(!t.contains(QStringLiteral("A|X")));
        QCOMPARE(t.inKeyOrder().keys(), (QStringList{QStringLiteral("A|Z"), QStringLiteral("B|Y")}));
        QCOMPARE(t.find(QStringLiteral("B|Y"))->quantity, 2); // other records stay where the index says
    }

    // Inserts, replacements and removals in any order: the table lists and finds what an
    // ordered map given the same changes holds.
    void agreesWithAnOrderedMapThroughManyChanges()
    {
        KeyedRecords<Held> t;
        std::map<QString, qint64> expected;
        std::mt19937 random(7);
        for (int step = 0; step < 20000; ++step) {
            const QString key = QStringLiteral("D3-%1/E%2").arg(random() % 3000).arg(random() % 3);
            const qint64 quantity = qint64(random() % 1000);
            switch (random() % 3) {
            case 0:
            case 1:
                t.insert(key, {quantity});
                expected[key] = quantity;
                break;
            default:
                QCOMPARE(t.remove(key), expected.erase(key) == 1);
            }
            if (step % 1000 == 0 && step > 0) {
                KeyedRecords<Held> copy = t; // and through a copy that changes next
                copy.insert(QStringLiteral("copy"), {1});
                QVERIFY(!t.contains(QStringLiteral("copy")));
            }
        }
        QCOMPARE(t.size(), qsizetype(expected.size()));
        auto it = t.inKeyOrder().cbegin();
        for (const auto &[key, quantity] : expected) {
            QCOMPARE(it.key(), key);
            QCOMPARE(it.value().quantity, quantity);
            QCOMPARE(t.find(key)->quantity, quantity);
            ++it;
        }
        QVERIFY(it == t.inKeyOrder().cend());
    }

    // A copy shares the records until one side changes them: each then sees only its own.
    void aCopyKeepsItsOwnRecords()
    {
        KeyedRecords<Held> live;
        for (int i = 0; i < 1000; ++i)
            live.insert(QStringLiteral("A|%1").arg(i), {i});
        KeyedRecords<Held> copy = live;
        QCOMPARE(copy.find(QStringLiteral("A|7"))->quantity, 7);

        live.edit(QStringLiteral("A|7"))->quantity = 700; // the live table takes records of its own
        live.insert(QStringLiteral("B|1"), {1});
        QVERIFY(live.remove(QStringLiteral("A|8")));
        QCOMPARE(live.find(QStringLiteral("A|7"))->quantity, 700);
        QCOMPARE(copy.find(QStringLiteral("A|7"))->quantity, 7);
        QCOMPARE(copy.inKeyOrder().value(QStringLiteral("A|7")).quantity, 7);
        QVERIFY(copy.contains(QStringLiteral("A|8")));
        QVERIFY(!copy.contains(QStringLiteral("B|1")));

        // The copy, now the only owner of what it had, changes it in place through its index.
        copy.edit(QStringLiteral("A|9"))->quantity = 9000;
        QCOMPARE(copy.inKeyOrder().value(QStringLiteral("A|9")).quantity, 9000);
        QCOMPARE(live.find(QStringLiteral("A|9"))->quantity, 9);

        // The other way round: the copy changes first, the original keeps its records.
        KeyedRecords<Held> second = live;
        second.edit(QStringLiteral("A|1"))->quantity = -1;
        QCOMPARE(live.find(QStringLiteral("A|1"))->quantity, 1);
        QCOMPARE(live.inKeyOrder().value(QStringLiteral("A|1")).quantity, 1);
        live.edit(QStringLiteral("A|1"))->quantity = 100;
        QCOMPARE(second.find(QStringLiteral("A|1"))->quantity, -1);
        QCOMPARE(live.inKeyOrder().value(QStringLiteral("A|1")).quantity, 100);
    }

    // A copy read on another thread while the original changes (the engine hands copies to
    // previews and to the snapshot writer).
    void aCopyIsReadWhileTheOriginalChanges()
    {
        KeyedRecords<Held> live;
        for (int i = 0; i < 20000; ++i)
            live.insert(QStringLiteral("A|%1").arg(i), {i});
        const KeyedRecords<Held> copy = live;
        qint64 seen = 0;
        bool right = true;
        std::thread reader([&] {
            for (int round = 0; round < 5; ++round)
                for (int i = 0; i < 20000; ++i) {
                    const Held *h = copy.find(QStringLiteral("A|%1").arg(i));
                    right = right && h && h->quantity == i;
                    seen += h ? 1 : 0;
                }
        });
        for (int i = 0; i < 20000; ++i)
            live.edit(QStringLiteral("A|%1").arg(i))->quantity = -i;
        for (int i = 0; i < 20000; i += 2)
            live.remove(QStringLiteral("A|%1").arg(i));
        reader.join();
        QVERIFY(right);
        QCOMPARE(seen, 100000);
        QCOMPARE(live.size(), 10000);
        QCOMPARE(live.find(QStringLiteral("A|3"))->quantity, -3);
        QCOMPARE(copy.size(), 20000);
    }
};

QTEST_GUILESS_MAIN(KeyedRecordsTest)
#include "tst_keyedrecords.moc"
