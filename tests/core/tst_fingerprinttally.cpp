// The fingerprints of the executions kept: counted through adds and removals in any order, with
// fingerprints crowded onto the same slots and around the end of the table, it answers what a
// map of counts given the same changes answers.
#include "records/fingerprinttally.h"

#include <QTest>

#include <map>
#include <random>

using namespace instant;

class FingerprintTallyTest : public QObject
{
    Q_OBJECT
private slots:
    void countsEachFingerprint()
    {
        FingerprintTally t;
        QVERIFY(!t.contains(7));
        t.remove(7); // nothing counted: nothing happens
        t.add(7);
        t.add(7);
        t.add(0); // 0 is a fingerprint too
        QVERIFY(t.contains(7));
        QVERIFY(t.contains(0));
        QCOMPARE(t.distinct(), 2);
        t.remove(7);
        QVERIFY(t.contains(7)); // one record left with it
        t.remove(7);
        QVERIFY(!t.contains(7));
        t.remove(0);
        QVERIFY(!t.contains(0));
        QCOMPARE(t.distinct(), 0);
    }

    // Fingerprints drawn from a narrow range and from values that share their low bits (the same
    // home slot), so removals move whole runs of slots back, some across the table's end.
    void agreesWithAMapThroughManyChanges_data()
    {
        QTest::addColumn<quint32>("spread");
        QTest::addColumn<quint32>("stride");
        QTest::newRow("narrow") << quint32(5000) << quint32(1);
        QTest::newRow("same home slots") << quint32(400) << quint32(1u << 20);
        QTest::newRow("near the end") << quint32(3000) << quint32(0xFFFFFFFFu / 3000);
    }
    void agreesWithAMapThroughManyChanges()
    {
        QFETCH(quint32, spread);
        QFETCH(quint32, stride);
        FingerprintTally t;
        std::map<quint32, int> expected;
        std::mt19937 random(3);
        for (int step = 0; step < 200'000; ++step) {
            const quint32 f = quint32(random() % spread) * stride + (stride > 1 ? random() % 3 : 0);
            if (random() % 5 < 3) {
                t.add(f);
                ++expected[f];
            } else {
                t.remove(f);
                if (auto it = expected.find(f); it != expected.end() && --it->second == 0)
                    expected.erase(it);
            }
            if (step % 997 == 0) {
                for (quint32 probe = 0; probe < 50; ++probe) {
                    const quint32 g = quint32(random() % spread) * stride + (stride > 1 ? random() % 3 : 0);
                    QCOMPARE(t.contains(g), expected.count(g) == 1);
                }
            }
        }
        QCOMPARE(t.distinct(), qsizetype(expected.size()));
        for (const auto &[f, count] : expected)
            QVERIFY(t.contains(f));
        // Emptied one record at a time, it ends empty.
        for (const auto &[f, count] : expected)
            for (int i = 0; i < count; ++i)
                t.remove(f);
        QCOMPARE(t.distinct(), 0);
        for (const auto &[f, count] : expected)
            QVERIFY(!t.contains(f));
    }
};

QTEST_MAIN(FingerprintTallyTest)
#include "tst_fingerprinttally.moc"
