#include "common/clock.h"

#include <QTest>

using namespace instant;

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsMicroseconds()
    {
        QCOMPARE(formatUtcMicros(0), QStringLiteral("1970-01-01T00:00:00.000000Z"));
        QCOMPARE(formatUtcMicros(1795000000123456), QStringLiteral("2026-11-18T11:06:40.123456Z"));
        QCOMPARE(formatUtcMicros(-1), QStringLiteral("1969-12-31T23:59:59.999999Z"));
    }

    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("us");
        QTest::newRow("date") << QStringLiteral("2026-11-18") << qint64(1794960000000000);
        QTest::newRow("minutes") << QStringLiteral("2026-11-18T08:26") << qint64(1794990360000000);
        QTest::newRow("fraction") << QStringLiteral("2026-11-18T11:06:40.123456Z") << qint64(1795000000123456);
        QTest::newRow("millis") << QStringLiteral("2026-11-18T11:06:40.5") << qint64(1795000000500000);
        QTest::newRow("offset") << QStringLiteral("2026-11-18T12:06:40+01:00") << qint64(1795000000000000);
        QTest::newRow("space") << QStringLiteral("2026-11-18 11:06:40") << qint64(1795000000000000);
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(qint64, us);
        auto parsed = parseUtcMicros(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, us);
    }

    void roundTrips()
    {
        const TimestampUs now = nowUtcMicros();
        QCOMPARE(*parseUtcMicros(formatUtcMicros(now)), now);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"", "yesterday", "2026-13-01", "2026-02-30", "2026-11-18T25:00", "2026-11-18T08:26:40.1234567",
                                "2026-11-18T08:26:40+25:00", "18/11/2026"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
    }

    void rejects()
    {
        QFETCH(QString, text);
        QVERIFY(!parseUtcMicros(text).has_value());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
