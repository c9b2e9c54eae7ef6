#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QTest>

#include <limits>

using namespace instant;

class TestReferenceData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thirtySecondsParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("units");
        QTest::newRow("whole 32nds") << QStringLiteral("99-16") << qint64(99 * 256 + 16 * 8);
        QTest::newRow("plus") << QStringLiteral("99-16+") << qint64(99 * 256 + 16 * 8 + 4);
        QTest::newRow("eighths digit") << QStringLiteral("99-162") << qint64(99 * 256 + 16 * 8 + 2);
        QTest::newRow("quarter sign") << QStringLiteral("99-16¼") << qint64(99 * 256 + 16 * 8 + 2);
        QTest::newRow("three quarters") << QStringLiteral("99-16¾") << qint64(99 * 256 + 16 * 8 + 6);
        QTest::newRow("spelled fraction") << QStringLiteral("99-16 1/4") << qint64(99 * 256 + 16 * 8 + 2);
        QTest::newRow("zero 32nds") << QStringLiteral("100-00") << qint64(100 * 256);
        QTest::newRow("31") << QStringLiteral("99-317") << qint64(99 * 256 + 31 * 8 + 7);
        QTest::newRow("decimal") << QStringLiteral("99.515625") << qint64(99 * 256 + 132);
        QTest::newRow("integer") << QStringLiteral("101") << qint64(101 * 256);
        QTest::newRow("colon") << QStringLiteral("99:16") << qint64(99 * 256 + 128);
    }

    void thirtySecondsParse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, units);
        auto parsed = thirtyseconds::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.message()));
        QCOMPARE(*parsed, units);
    }

    void thirtySecondsRejects()
    {
        for (const char *bad : {"", "99-32", "99-1", "99-168", "99-16++", "abc", "99.1", "-99-16", "99-16 1/3", "1234-00"})
            QVERIFY2(!thirtyseconds::parse(QString::fromUtf8(bad)).ok(), bad);
    }

    void thirtySecondsFormat()
    {
        QCOMPARE(thirtyseconds::format(99 * 256 + 128), QStringLiteral("99-16"));
        QCOMPARE(thirtyseconds::format(99 * 256 + 132), QStringLiteral("99-16+"));
        QCOMPARE(thirtyseconds::format(99 * 256 + 130), QStringLiteral("99-162"));
        QCOMPARE(thirtyseconds::format(100 * 256 + 8), QStringLiteral("100-01"));
        for (qint64 u = 25000; u < 26000; ++u)
            QCOMPARE(*thirtyseconds::parse(thirtyseconds::format(u)), u);
        QCOMPARE(thirtyseconds::format(-(99 * 256 + 132)), QStringLiteral("-99-16+"));
        // The most negative value has no positive counterpart (found by fuzz_thirtyseconds).
        QCOMPARE(thirtyseconds::format(std::numeric_limits<qint64>::min()), QStringLiteral("-36028797018963968-00"));
    }

    void notional()
    {
        const ReferenceData data = test::market();
        const Instrument *tenYear = data.instrument(QStringLiteral("UST 10Y"));
        QVERIFY(tenYear);
        // $1mm face at 99-16 = $995,000.00
        QCOMPARE(tenYear->notionalCents(Quantity(1'000'000), *tenYear->parsePrice(QStringLiteral("99-16"))), 99'500'000);
        // Past a qint64 of cents the notional stops at its bounds (found by fuzz_order_command: "buy 5757884387087mm 10s").
        QCOMPARE(tenYear->notionalCents(Quantity(5'757'884'387'087'000'000), Price(99 * 256)), std::numeric_limits<qint64>::max());
        QCOMPARE(tenYear->notionalCents(Quantity(-5'757'884'387'087'000'000), Price(99 * 256)), std::numeric_limits<qint64>::min());
        const Instrument *aapl = data.instrument(QStringLiteral("aapl"));
        QCOMPARE(aapl->notionalCents(Quantity(100), *aapl->parsePrice(QStringLiteral("228.5"))), 2'285'000);
        QCOMPARE(aapl->formatPrice(Price(22850)), QStringLiteral("228.50"));
        QVERIFY(!aapl->parsePrice(QStringLiteral("228.505")).ok());
        QCOMPARE(*aapl->parsePrice(QStringLiteral("999999999999.99")), Price(99'999'999'999'999));
        QVERIFY(!aapl->parsePrice(QStringLiteral("5102101102101102101")).ok()); // too many digits, not an overflow
        const Instrument *option = data.instruments(InstrumentKind::EquityOption).first();
        QCOMPARE(option->contractMultiplier, 100);
        QCOMPARE(option->notionalCents(Quantity(2), Price(350)), 70'000); // 2 contracts at 3.50
        const Instrument *bill = data.instrument(QStringLiteral("UST 13W"));
        QCOMPARE(bill->formatPrice(*bill->parsePrice(QStringLiteral("99.06"))), QStringLiteral("99.06000"));
        QCOMPARE(bill->notionalCents(Quantity(1'000'000), *bill->parsePrice(QStringLiteral("99.06"))), 99'060'000);
        // Written from the integer: more digits than a double holds come back the same (found by fuzz_order_command).
        QCOMPARE(bill->formatPrice(*bill->parsePrice(QStringLiteral("510211021011.1"))), QStringLiteral("510211021011.10000"));
        QCOMPARE(aapl->formatPrice(Price(-1)), QStringLiteral("-0.01"));
        QCOMPARE(aapl->formatPrice(Price(std::numeric_limits<qint64>::min())), QStringLiteral("-92233720368547758.08"));
    }

    void decimalPriceForms()
    {
        const ReferenceData data = test::market();
        const Instrument *aapl = data.instrument(QStringLiteral("AAPL"));
        QCOMPARE(*aapl->parsePrice(QStringLiteral("228")), Price(22800));
        QCOMPARE(*aapl->parsePrice(QStringLiteral(" 228.50 ")), Price(22850)); // spaces around are trimmed
        QCOMPARE(*aapl->parsePrice(QStringLiteral("0.01")), Price(1));
        QCOMPARE(*aapl->parsePrice(QStringLiteral("228.5000")), Price(22850)); // zeros past the tick are not decimals
        for (const QString &refused : {QStringLiteral(""), QStringLiteral(".5"), QStringLiteral("5."), QStringLiteral("1.2.3"),
                                       QStringLiteral("+5"), QStringLiteral("-5"), QStringLiteral("1e3"), QStringLiteral("2 28"),
                                       QStringLiteral("228,50"), QStringLiteral("0x10"), QString::fromUtf8("\xd9\xa2\xd9\xa2")}) {
            const auto price = aapl->parsePrice(refused);
            QVERIFY2(!price.ok(), qPrintable(refused));
            QVERIFY2(price.message().contains(QStringLiteral("is not a price")), qPrintable(price.message()));
        }
    }

    void cusips()
    {
        QCOMPARE(cusipCheckDigit(QStringLiteral("03783310")), QChar(u'0')); // Apple
        QCOMPARE(cusipCheckDigit(QStringLiteral("91282CJL")), QChar(u'6')); // a Treasury note
        const ReferenceData data = test::market();
        for (const Instrument *i : data.instruments())
            if (isTreasury(i->kind))
                QVERIFY2(isValidCusip(i->id), qPrintable(i->id));
    }

    void demoSet()
    {
        const ReferenceData data = test::market();
        // The market of 20 November 2026: each Treasury on the run and the one before it, twenty
        // stocks, and the options of AAPL, MSFT and NVDA on eight expiries (five strikes on the
        // monthlies and quarterlies, three on the weeklies), calls and puts.
        QCOMPARE(data.instruments(InstrumentKind::TreasuryBill).size(), 14);
        QCOMPARE(data.instruments(InstrumentKind::TreasuryNote).size(), 10);
        QCOMPARE(data.instruments(InstrumentKind::TreasuryBond).size(), 4);
        QCOMPARE(data.instruments(InstrumentKind::Equity).size(), 20);
        QCOMPARE(data.instruments(InstrumentKind::EquityOption).size(), 3 * (5 * 5 + 3 * 3) * 2);
        for (const QString &tenor : {QStringLiteral("4W"), QStringLiteral("6W"), QStringLiteral("8W"), QStringLiteral("13W"),
                                    QStringLiteral("17W"), QStringLiteral("26W"), QStringLiteral("52W"), QStringLiteral("2Y"),
                                    QStringLiteral("3Y"), QStringLiteral("5Y"), QStringLiteral("7Y"), QStringLiteral("10Y"),
                                    QStringLiteral("20Y"), QStringLiteral("30Y")}) {
            QVERIFY2(data.instrument(QStringLiteral("UST ") + tenor), qPrintable(tenor));
            QVERIFY2(data.instrument(QStringLiteral("UST %1 OLD").arg(tenor)), qPrintable(tenor));
        }
        for (const Instrument *i : data.instruments()) {
            QVERIFY2(i->onTick(i->referencePrice), qPrintable(i->symbol));
            QVERIFY(i->referencePrice > Price(0));
            QCOMPARE(data.instrument(i->id), i);
        }
        const Instrument *call = data.instrument(QStringLiteral("AAPL 18DEC26 230 C"));
        QVERIFY(call);
        QCOMPARE(call->id, QStringLiteral("AAPL261218C00230000"));
        QCOMPARE(call->underlying, QStringLiteral("AAPL"));
        QCOMPARE(data.accounts().size(), 3);
        QVERIFY(data.account(QStringLiteral("DESK-01")));
        QVERIFY(!data.instrument(QStringLiteral("NOPE")));
    }
};

QTEST_GUILESS_MAIN(TestReferenceData)
#include "tst_referencedata.moc"
