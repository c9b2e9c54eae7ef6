// How a caller waits for a commit, from how long the store's commits took lately: watched for
// when they are short, slept through when a disk's flush makes them long, and neither changed by
// one odd commit nor stuck after the device changed.
#include "store/commitpace.h"

#include <QTest>

using namespace instant;
using std::chrono::microseconds;

class CommitPaceTest : public QObject
{
    Q_OBJECT
private slots:
    void watchesBeforeAnyCommitIsTimed()
    {
        const CommitPace pace;
        QCOMPARE(pace.average(), microseconds(0));
        QCOMPARE(pace.spinFor(), CommitPace::FirstSpin);
    }

    void watchesForShortCommits()
    {
        CommitPace pace;
        for (int i = 0; i < 20; ++i)
            pace.record(microseconds(30), microseconds(30)); // in memory, or a fast device
        QCOMPARE(pace.average(), microseconds(30));
        QCOMPARE(pace.spinFor(), microseconds(120)); // room for one four times as slow
    }

    void sleepsThroughAFlush()
    {
        CommitPace pace;
        for (int i = 0; i < 20; ++i)
            pace.record(microseconds(250), microseconds(250)); // synchronous=FULL on a disk
        QCOMPARE(pace.average(), microseconds(250));
        QCOMPARE(pace.spinFor(), microseconds(0));
    }

    void oneSlowCommitChangesLittle()
    {
        CommitPace pace;
        for (int i = 0; i < 20; ++i)
            pace.record(microseconds(30), microseconds(30));
        pace.record(microseconds(400), microseconds(400)); // a checkpoint's commit among short ones
        QCOMPARE(pace.average(), microseconds(30 + (400 - 30) / 8));
        QVERIFY(pace.spinFor() > microseconds(0));
    }

    void followsADeviceThatChanged()
    {
        CommitPace pace;
        for (int i = 0; i < 50; ++i)
            pace.record(microseconds(20), microseconds(20));
        int commits = 0;
        while (pace.spinFor() > microseconds(0) && commits < 100) {
            pace.record(microseconds(300), microseconds(300));
            ++commits;
        }
        QVERIFY(commits > 1); // not one commit
        QVERIFY(commits <= 8); // within a few
        // And back, from a device settled slow: it is fast again.
        for (int i = 0; i < 50; ++i)
            pace.record(microseconds(300), microseconds(300));
        QCOMPARE(pace.spinFor(), microseconds(0));
        commits = 0;
        while (pace.spinFor() == microseconds(0) && commits < 100) {
            pace.record(microseconds(20), microseconds(20));
            ++commits;
        }
        QVERIFY(commits > 1);
        QVERIFY(commits <= 16);
        QVERIFY(pace.spinFor() <= microseconds(4 * 100));
    }

    // Signed writes in memory: the signature makes the write long, but nothing is flushed, so the
    // caller watches for the whole of it.
    void aLongWriteThatFlushesNothingIsWatched()
    {
        CommitPace pace;
        for (int i = 0; i < 20; ++i)
            pace.record(microseconds(130), microseconds(15));
        QCOMPARE(pace.average(), microseconds(130));
        QCOMPARE(pace.flushAverage(), microseconds(15));
        QCOMPARE(pace.spinFor(), microseconds(520));
    }

    void aFlushIsSleptThroughHoweverQuickTheRest()
    {
        CommitPace pace;
        for (int i = 0; i < 20; ++i)
            pace.record(microseconds(240), microseconds(230));
        QCOMPARE(pace.spinFor(), microseconds(0));
    }

    // New times close to the average still move it: 95 us commits that turn 102 cross the line.
    void movesHoweverCloseTheNewTimes()
    {
        CommitPace pace;
        for (int i = 0; i < 50; ++i)
            pace.record(microseconds(95), microseconds(95));
        QVERIFY(pace.spinFor() > microseconds(0));
        int commits = 0;
        while (pace.spinFor() > microseconds(0) && commits < 100) {
            pace.record(microseconds(102), microseconds(102));
            ++commits;
        }
        QVERIFY(commits > 1);
        QVERIFY2(commits <= 20, qPrintable(QString::number(commits)));
    }

    void aZeroTimeStillCounts()
    {
        CommitPace pace;
        pace.record(microseconds(0), microseconds(0)); // a clock too coarse to see it
        QCOMPARE(pace.average(), microseconds(1));
        QCOMPARE(pace.spinFor(), microseconds(4));
    }
};

QTEST_APPLESS_MAIN(CommitPaceTest)
#include "tst_commitpace.moc"
