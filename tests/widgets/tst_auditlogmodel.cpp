#include "auditlogmodel.h"

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
};

QTEST_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
