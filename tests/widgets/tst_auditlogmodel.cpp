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

    // The terms of an order are kept for a later replace only while the order may be replaced:
    // a day of orders filled, cancelled or expired leaves nothing behind.
    void endedOrdersAreForgotten()
    {
        AuditSummary summary;
        const QByteArray accepted = "{\"order_id\":\"%1\",\"instrument\":\"AAPL\",\"side\":\"buy\",\"quantity\":100,\"limit_price\":19000}";
        const QStringList ends{QStringLiteral("OrderFilled"), QStringLiteral("OrderCancelled"), QStringLiteral("OrderExpired"),
                               QStringLiteral("VenueRejected")};
        for (int i = 0; i < ends.size(); ++i) {
            const QString id = QStringLiteral("D1-%1").arg(i);
            summary.describe(orderEvent(2 * i + 1, QStringLiteral("OrderAccepted"), id, QByteArray(accepted).replace("%1", id.toUtf8())));
            QCOMPARE(summary.ordersRemembered(), 1);
            summary.describe(orderEvent(2 * i + 2, ends.at(i), id, QByteArray("{\"order_id\":\"%1\"}").replace("%1", id.toUtf8())));
            QCOMPARE(summary.ordersRemembered(), 0);
        }
        // A working order stays remembered, and its replace shows what it changed.
        summary.describe(orderEvent(20, QStringLiteral("OrderAccepted"), QStringLiteral("W"), QByteArray(accepted).replace("%1", "W")));
        summary.describe(orderEvent(21, QStringLiteral("OrderPartiallyFilled"), QStringLiteral("W"), "{\"order_id\":\"W\",\"quantity\":10,\"price\":19000}"));
        QCOMPARE(summary.ordersRemembered(), 1);
        QVERIFY(summary.describe(orderEvent(22, QStringLiteral("ReplaceRequested"), QStringLiteral("W"), "{\"order_id\":\"W\",\"quantity\":50}"))
                    .contains(QChar(0x2192)));
    }
};

QTEST_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
