#include "auditlogmodel.h"
#include "auditsummary.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace instant;

namespace {

QList<RecordedEvent> events(Sequence from, int count)
{
    QList<RecordedEvent> out;
    for (int i = 0; i < count; ++i) {
        RecordedEvent e;
        e.sequence = from + i;
        e.streamId = QStringLiteral("order-%1").arg(from + i);
        e.streamVersion = 1;
        e.type = QStringLiteral("OrderAccepted");
        e.recordedUs = 1795000000000000 + i;
        e.actor = {QStringLiteral("alice"), QStringLiteral("trader")};
        e.hash = QByteArray(32, char(i));
        out.append(e);
    }
    return out;
}

RecordedEvent orderEvent(Sequence sequence, const QString &type, const QString &orderId, const QByteArray &payload)
{
    RecordedEvent e;
    e.sequence = sequence;
    e.streamId = orderId;
    e.type = type;
    e.recordedUs = 1795000000000000 + sequence;
    e.payload = payload;
    return e;
}

} // namespace

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchesInsertsPerTick()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        for (int batch = 0; batch < 50; ++batch)
            model.addEvents(events(1 + batch * 20, 20));
        QCOMPARE(model.rowCount(), 0); // nothing until the tick
        QTRY_COMPARE(model.rowCount(), 1000);
        QCOMPARE(inserted.count(), 1); // one insertion for the whole tick, no resets
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 999);
    }

    void showsTheColumns()
    {
        AuditLogModel model;
        model.addEvents(events(7, 1));
        model.flush();
        QCOMPARE(model.columnCount(), int(AuditLogModel::ColumnCount));
        QCOMPARE(model.data(model.index(0, AuditLogModel::Sequence)).toLongLong(), 7);
        QCOMPARE(model.data(model.index(0, AuditLogModel::Time)).toString(), QStringLiteral("2026-11-18T11:06:40.000000Z"));
        QCOMPARE(model.data(model.index(0, AuditLogModel::Type)).toString(), QStringLiteral("OrderAccepted"));
        QCOMPARE(model.data(model.index(0, AuditLogModel::User)).toString(), QStringLiteral("alice"));
        QCOMPARE(model.data(model.index(0, AuditLogModel::Hash)).toString(), QStringLiteral("0000000000000000"));
        QCOMPARE(model.headerData(AuditLogModel::Type, Qt::Horizontal).toString(), QStringLiteral("Event"));
        QVERIFY(!model.data(model.index(0, AuditLogModel::ColumnCount)).isValid());
    }

    // Each event links to the one before by its hash: the panel holds those bytes once. An event
    // whose link differs (after a gap, or a broken chain) keeps its own, and every value reads
    // back as it was given.
    void aLinkedHashIsHeldOnce()
    {
        QList<RecordedEvent> chain = events(1, 5);
        for (qsizetype i = 1; i < chain.size(); ++i)
            chain[i].prevHash = QByteArray(chain.at(i - 1).hash.constData(), chain.at(i - 1).hash.size()); // a copy of its own
        chain[3].prevHash = QByteArray(32, 'x');
        AuditLogModel model;
        model.addEvents(chain.mid(0, 2));
        model.flush();
        model.addEvents(chain.mid(2)); // across two deliveries
        model.flush();
        for (int row = 1; row < 5; ++row) {
            QCOMPARE(model.eventAt(row).prevHash, chain.at(row).prevHash);
            QCOMPARE(model.eventAt(row).prevHash.constData() == model.eventAt(row - 1).hash.constData(), row != 3);
        }
        model.setEvents(chain); // search results, the same
        QCOMPARE(model.eventAt(2).prevHash.constData(), model.eventAt(1).hash.constData());
        QCOMPARE(model.eventAt(3).prevHash, QByteArray(32, 'x'));
    }

    // Summaries are kept in UTF-8 and read back as the text they were, arrows and all.
    void summariesReadBackAsWritten()
    {
        const QList<RecordedEvent> flow{
            orderEvent(1, QStringLiteral("OrderAccepted"), QStringLiteral("D1-1"),
                       "{\"order_id\":\"D1-1\",\"instrument\":\"AAPL\",\"side\":\"buy\",\"quantity\":100,\"limit_price\":19000}"),
            orderEvent(2, QStringLiteral("ReplaceRequested"), QStringLiteral("D1-1"),
                       "{\"order_id\":\"D1-1\",\"quantity\":50,\"limit_price\":19100}"),
        };
        AuditLogModel model;
        model.addEvents(flow);
        model.flush();
        AuditSummary expected;
        QCOMPARE(model.summaryAt(0), expected.describe(flow.at(0)));
        const QString replace = expected.describe(flow.at(1));
        QVERIFY2(replace.contains(QChar(0x2192)), qPrintable(replace)); // before → after
        QCOMPARE(model.summaryAt(1), replace);
        QCOMPARE(model.data(model.index(1, AuditLogModel::Summary)).toString(), replace);
    }

    // A fill the venue reports after the order was cancelled names no instrument: it is written
    // with its order's, which the summary still remembers.
    void aLateFillKeepsItsInstrument()
    {
        AuditSummary summary;
        summary.describe(orderEvent(1, QStringLiteral("OrderAccepted"), QStringLiteral("D1-1"),
                                    "{\"order_id\":\"D1-1\",\"instrument\":\"AAPL\",\"side\":\"buy\",\"quantity\":100,\"limit_price\":19000}"));
        summary.describe(orderEvent(2, QStringLiteral("OrderCancelled"), QStringLiteral("D1-1"), "{\"order_id\":\"D1-1\"}"));
        const QString late = summary.describe(orderEvent(3, QStringLiteral("OrderFilled"), QStringLiteral("D1-1"),
                                                         "{\"order_id\":\"D1-1\",\"quantity\":100,\"price\":19000}"));
        QVERIFY2(late.contains(QStringLiteral("AAPL")), qPrintable(late));
    }

    // It remembers the newest orders only, however many a day brings: an order beyond them shows
    // what its own event says, as one it never saw; a newer one still shows what a replace changed.
    void remembersTheNewestOrders()
    {
        AuditSummary summary;
        summary.setCapacity(3);
        for (int i = 1; i <= 5; ++i) {
            const QByteArray id = "D1-" + QByteArray::number(i);
            summary.describe(orderEvent(i, QStringLiteral("OrderAccepted"), QString::fromLatin1(id),
                                        "{\"order_id\":\"" + id + "\",\"instrument\":\"AAPL\",\"side\":\"buy\",\"quantity\":100}"));
        }
        QCOMPARE(summary.ordersRemembered(), 3);
        const QString oldest = summary.describe(orderEvent(6, QStringLiteral("ReplaceRequested"), QStringLiteral("D1-1"),
                                                           "{\"order_id\":\"D1-1\",\"quantity\":50}"));
        QVERIFY2(!oldest.contains(QChar(0x2192)), qPrintable(oldest));
        const QString newest = summary.describe(orderEvent(7, QStringLiteral("OrderReplaced"), QStringLiteral("D1-5"),
                                                           "{\"order_id\":\"D1-5\",\"quantity\":50}"));
        QVERIFY2(newest.contains(QChar(0x2192)), qPrintable(newest));
        QCOMPARE(summary.ordersRemembered(), 3); // a replace is the same order
    }
};

QTEST_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
