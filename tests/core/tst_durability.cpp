// A process killed with SIGKILL while appending loses nothing it had acknowledged, and the chain
// it leaves verifies. Runs against SQLite (WAL, synchronous=FULL) or PostgreSQL.

#include "audit/chainverifier.h"
#include "store/eventstore.h"
#include "teststores.h"

#include <QProcess>
#include <QTest>


using namespace instant;
using namespace instant::test;

class TestDurability : public QObject
{
    Q_OBJECT

    TestStores stores;

private Q_SLOTS:
    void killedWriterLosesNoAcknowledgedEvent()
    {
        const QString url = stores.freshUrl();
        { auto created = stores.open(url); }
        qint64 lastAcked = 0;
        for (int round = 0; round < 5; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start(QStringLiteral(STORE_APPENDER), {url});
            QVERIFY(child.waitForStarted());
            // Let it run for a varying number of acknowledgements, then kill it mid-stream.
            const int wanted = 20 + round * 37;
            QByteArray output;
            int acks = 0;
            while (acks < wanted && child.state() == QProcess::Running) {
                child.waitForReadyRead(5000);
                output += child.readAllStandardOutput();
                acks = int(output.count("acked "));
            }
            child.kill(); // SIGKILL on Unix, TerminateProcess on Windows: no chance to clean up
            child.waitForFinished(10000);
            output += child.readAllStandardOutput();
            QVERIFY2(acks >= wanted, child.readAllStandardError().constData());

            for (const QByteArray &line : output.split('\n')) {
                if (line.startsWith("acked "))
                    lastAcked = std::max(lastAcked, line.mid(6).toLongLong());
            }
            auto store = stores.open(url);
            auto head = store->head();
            QVERIFY(head.ok());
            QVERIFY2(head->sequence >= lastAcked, qPrintable(QStringLiteral("round %1: acknowledged %2, stored %3")
                                                                  .arg(round)
                                                                  .arg(lastAcked)
                                                                  .arg(head->sequence)));
            auto report = verifyChain(*store);
            QVERIFY(report.ok());
            QVERIFY2(report->intact, qPrintable(report->problem));
        }
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
