// A security master loaded from a file: the Treasury's published auction results (real ones, from
// November 2023, as TreasuryDirect and Fiscal Data publish them) and a list of equities and
// options; a malformed file is refused whole, with the line and the reason.

#include "common/csv.h"
#include "refdata/referencedata.h"
#include "refdata/securitymaster.h"

#include <QFile>
#include <QTest>

using namespace instant;

namespace {

QByteArray dataFile(const char *name)
{
    QFile f(QStringLiteral(INSTANT_TEST_DATA "/") + QString::fromLatin1(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const Instrument *find(const SecurityMaster &m, const QString &id)
{
    for (const Instrument &i : m.instruments)
        if (i.id == id)
            return &i;
    return nullptr;
}

const QByteArray TreasuryHeader = "CUSIP,Security Type,Security Term,Auction Date,Issue Date,Maturity Date,Interest Rate,High Yield,Price per $100\n";
const QByteArray TenYear = "91282CJJ1,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,4.500,4.519,99.848482\n";
const QByteArray EquityHeader = "symbol,underlying,type,strike,expiry,multiplier\n";

} // namespace

class TestSecurityMaster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvAsRfc4180WritesIt()
    {
        auto r = readCsv("\xEF\xBB\xBF" "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n\r\n1,\"two\nlines\",3\n  \"x\"  ,y,\n");
        QVERIFY(r.ok());
        QCOMPARE(r->size(), 3);
        QCOMPARE(r->at(0).fields, (QStringList{QStringLiteral("a"), QStringLiteral("b, with comma"), QStringLiteral("say \"hi\"")}));
        QCOMPARE(r->at(1).fields.at(1), QStringLiteral("two\nlines"));
        QCOMPARE(r->at(1).line, 3);
        QCOMPARE(r->at(2).line, 5);
        QCOMPARE(r->at(2).fields, (QStringList{QStringLiteral("x"), QStringLiteral("y"), QString()}));
    }

    // TreasuryDirect's download, with its decorations ("5.000%", "$99.896614", US dates).
    void realAuctionResults()
    {
        auto m = readSecurityMaster(dataFile("auction-results-2023.csv"));
        QVERIFY2(m.ok(), qPrintable(m.message()));
        QVERIFY(m->format == SecurityMaster::Format::TreasuryAuctions);
        QCOMPARE(m->rows, 13);
        QCOMPARE(m->instruments.size(), 13);
        for (const Instrument &i : m->instruments) {
            QVERIFY2(isValidCusip(i.id), qPrintable(i.id)); // the Treasury's own check digits
            QVERIFY(Instrument::fromJson(i.toJson()).ok());
        }

        const Instrument *ten = find(*m, QStringLiteral("91282CJJ1"));
        QVERIFY(ten->kind == InstrumentKind::TreasuryNote);
        QCOMPARE(ten->tenor, QStringLiteral("10Y"));
        QCOMPARE(ten->couponPercent, 4.5);
        QCOMPARE(ten->datedDate, QDate(2023, 11, 15));
        QCOMPARE(ten->maturityDate, QDate(2033, 11, 15));
        QCOMPARE(ten->symbol, QStringLiteral("T 4.5 11/15/33"));
        QCOMPARE(ten->formatPrice(ten->referencePrice), QStringLiteral("99-27")); // 99.848482 to the half-32nd tick
        QCOMPARE(ten->tickSize, 4);

        // The 20-year reopened in October 2023 ("19-Year 10-Month"): dated 15 August, as issued.
        const Instrument *twenty = find(*m, QStringLiteral("912810TU2"));
        QVERIFY(twenty->kind == InstrumentKind::TreasuryBond);
        QCOMPARE(twenty->tenor, QStringLiteral("20Y"));
        QCOMPARE(twenty->datedDate, QDate(2023, 8, 15));
        QCOMPARE(twenty->couponPercent, 4.375);
        QCOMPARE(twenty->symbol, QStringLiteral("T 4.375 08/15/43"));

        // A month-end 2-year: dated its issue date, the last day of October.
        const Instrument *two = find(*m, QStringLiteral("91282CJE2"));
        QCOMPARE(two->datedDate, QDate(2023, 10, 31));
        QCOMPARE(two->tickSize, 1);

        // Bills: no coupon, the price per 100 to five places (100 − 5.290 × 28/360 = 99.58856).
        const Instrument *bill = find(*m, QStringLiteral("912797HU4"));
        QVERIFY(bill->kind == InstrumentKind::TreasuryBill);
        QCOMPARE(bill->couponPercent, 0.0);
        QCOMPARE(bill->tenor, QStringLiteral("4W"));
        QCOMPARE(bill->datedDate, QDate(2023, 11, 14));
        QCOMPARE(bill->maturityDate, QDate(2023, 12, 12));
        QCOMPARE(bill->formatPrice(bill->referencePrice), QStringLiteral("99.58855"));
        QCOMPARE(bill->symbol, QStringLiteral("B 12/12/23"));
    }

    // The Fiscal Data "auctions_query" export: other column names, "null" for nothing.
    void fiscalDataExport()
    {
        auto m = readSecurityMaster(dataFile("auctions-query-2023.csv"));
        QVERIFY2(m.ok(), qPrintable(m.message()));
        QCOMPARE(m->instruments.size(), 3);
        QCOMPARE(find(*m, QStringLiteral("912810TV0"))->couponPercent, 4.75);
        QVERIFY(find(*m, QStringLiteral("912797GN1"))->kind == InstrumentKind::TreasuryBill);
    }

    // A security auctioned again is one instrument: the first issue's terms, the newest price.
    void reopeningsAreOneSecurity()
    {
        const QByteArray file = TreasuryHeader + TenYear
                                + "91282CJJ1,Note,9-Year 11-Month,2023-12-12,2023-12-15,2033-11-15,4.500,4.230,102.1\n";
        auto m = readSecurityMaster(file);
        QVERIFY2(m.ok(), qPrintable(m.message()));
        QCOMPARE(m->rows, 2);
        QCOMPARE(m->instruments.size(), 1);
        QCOMPARE(m->instruments.first().tenor, QStringLiteral("10Y"));
        QCOMPARE(m->instruments.first().datedDate, QDate(2023, 11, 15));
        QCOMPARE(m->instruments.first().formatPrice(m->instruments.first().referencePrice), QStringLiteral("102-03"));
    }

    void equitiesAndOptions()
    {
        Instrument aapl;
        aapl.id = aapl.symbol = QStringLiteral("AAPL");
        aapl.description = QStringLiteral("Apple Inc.");
        aapl.kind = InstrumentKind::Equity;
        const QByteArray file = "symbol,underlying,type,strike,expiry,multiplier,price,name\n"
                                "BRK.B,,equity,,,,412.35,Berkshire Hathaway Inc. Class B\n"
                                "AAPL 16JUN28 250 C,AAPL,call,250,2028-06-16,100,,\n"
                                "BRK.B280616P00400000,BRK.B,put,400,2028-06-16,,,\n"
                                "SPY,,stock,,,1,,\n";
        auto m = readSecurityMaster(file, [&aapl](const QString &id) { return id == u"AAPL" ? &aapl : nullptr; });
        QVERIFY2(m.ok(), qPrintable(m.message()));
        QVERIFY(m->format == SecurityMaster::Format::EquitiesAndOptions);
        QCOMPARE(m->instruments.size(), 4);
        const Instrument &brk = m->instruments.at(0);
        QVERIFY(brk.kind == InstrumentKind::Equity);
        QCOMPARE(brk.referencePrice, Price(412'35));
        QCOMPARE(brk.description, QStringLiteral("Berkshire Hathaway Inc. Class B"));
        const Instrument &call = m->instruments.at(1);
        QCOMPARE(call.id, QStringLiteral("AAPL280616C00250000"));
        QCOMPARE(call.symbol, QStringLiteral("AAPL 16JUN28 250 C"));
        QCOMPARE(call.contractMultiplier, 100);
        QCOMPARE(call.strike, Price(250'00));
        QCOMPARE(call.referencePrice, Price(0)); // no price known yet
        const Instrument &put = m->instruments.at(2);
        QCOMPARE(put.id, QStringLiteral("BRK.B280616P00400000"));
        QVERIFY(put.right == OptionRight::Put);
        QCOMPARE(put.contractMultiplier, 100); // the default
        QCOMPARE(put.underlying, QStringLiteral("BRK.B")); // listed above it in the same file
        QVERIFY(Instrument::fromJson(put.toJson()).ok());
    }

    void malformedFilesAreRefusedWhole_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("the file is empty");
        QTest::newRow("header only") << TreasuryHeader << QStringLiteral("a header and no rows");
        QTest::newRow("unknown header") << QByteArray("when,what\n1,2\n") << QStringLiteral("line 1: the header names neither");
        QTest::newRow("missing column") << QByteArray("CUSIP,Security Type,Security Term,Auction Date,Issue Date,Interest Rate,High Yield,Price per $100\n")
                                        << QStringLiteral("line 1: the header lacks Maturity Date");
        QTest::newRow("check digit") << TreasuryHeader + TenYear + "91282CJJ2,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,4.500,4.519,99.8\n"
                                     << QStringLiteral("line 3: \"91282CJJ2\" is not a CUSIP");
        QTest::newRow("security type") << TreasuryHeader + "91282CJJ1,Strip,10-Year,2023-11-08,2023-11-15,2033-11-15,4.500,4.519,99.8\n"
                                       << QStringLiteral("line 2: security type \"Strip\"");
        QTest::newRow("impossible date") << TreasuryHeader + "91282CJJ1,Note,10-Year,2023-13-40,2023-11-15,2033-11-15,4.500,4.519,99.8\n"
                                         << QStringLiteral("line 2: the auction, issue and maturity dates must be dates");
        QTest::newRow("dates out of order") << TreasuryHeader + "91282CJJ1,Note,10-Year,2023-11-08,2023-11-15,2013-11-15,4.500,4.519,99.8\n"
                                            << QStringLiteral("line 2: the dates are out of order");
        QTest::newRow("bill with a coupon") << TreasuryHeader + "912797GN1,Bill,13-Week,2023-11-13,2023-11-16,2024-02-15,5.0,,98.66\n"
                                            << QStringLiteral("line 2: a bill pays no interest");
        QTest::newRow("note without coupon") << TreasuryHeader + "91282CJJ1,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,,4.519,99.8\n"
                                             << QStringLiteral("line 2: interest rate \"\" is not a coupon");
        QTest::newRow("floating rate") << QByteArray("CUSIP,Security Type,Type,Security Term,Auction Date,Issue Date,Maturity Date,Interest Rate,High Yield,Price per $100\n"
                                                     "91282CJD4,Note,FRN,2-Year,2023-10-25,2023-10-31,2025-10-31,0.169,,100.0\n")
                                       << QStringLiteral("line 2: 91282CJD4 is a FRN: floating-rate");
        QTest::newRow("no price") << TreasuryHeader + "91282CJJ1,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,4.500,4.519,\n"
                                  << QStringLiteral("line 2: price per $100 \"\" is not a price");
        QTest::newRow("reopening with other terms")
            << TreasuryHeader + TenYear + "91282CJJ1,Note,9-Year 11-Month,2023-12-12,2023-12-15,2033-11-15,4.625,4.230,102.1\n"
            << QStringLiteral("line 3: 91282CJJ1 is also on line 2 with other terms");
        QTest::newRow("field count") << TreasuryHeader + TenYear + "91282CJJ1,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,4.5,4.519\n"
                                     << QStringLiteral("line 3: 8 fields where the header has 9");
        QTest::newRow("open quote") << TreasuryHeader + "\"91282CJJ1,Note,10-Year\n" << QStringLiteral("line 2: a quote is opened and never closed");
        QTest::newRow("not text") << QByteArray("\xff\xfe\x00\x01,\xc3\x28\n", 7) << QStringLiteral("the file is not UTF-8 text");
        QTest::newRow("high yield") << TreasuryHeader + "91282CJJ1,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,4.500,high,99.8\n"
                                    << QStringLiteral("line 2: high yield \"high\"");
        QTest::newRow("equity type") << EquityHeader + "ES,,future,,,\n" << QStringLiteral("line 2: type \"future\" is not equity, call or put");
        QTest::newRow("unknown underlying") << EquityHeader + "ZZZZ 16JUN28 10 C,ZZZZ,call,10,2028-06-16,100\n"
                                            << QStringLiteral("line 2: underlying ZZZZ is not a stock this desk knows");
        QTest::newRow("strike") << EquityHeader + "XYZ,,equity,,,\nXYZ 16JUN28 C,XYZ,call,abc,2028-06-16,100\n" << QStringLiteral("line 3: strike \"abc\"");
        QTest::newRow("expiry") << EquityHeader + "XYZ,,equity,,,\n,XYZ,put,10,next June,100\n" << QStringLiteral("line 3: expiry \"next June\"");
        QTest::newRow("twice") << EquityHeader + "XYZ,,equity,,,\nxyz,,equity,,,\n" << QStringLiteral("line 3: XYZ is listed twice (line 2)");
        QTest::newRow("multiplier") << EquityHeader + "XYZ,,equity,,,\n,XYZ,put,10,2028-06-16,ten\n" << QStringLiteral("line 3: multiplier \"ten\"");
        QTest::newRow("stock with strike") << EquityHeader + "XYZ,,equity,10,,\n" << QStringLiteral("line 2: a stock has no strike and no expiry");
    }

    void malformedFilesAreRefusedWhole()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, reason);
        auto m = readSecurityMaster(file);
        QVERIFY(!m.ok());
        QVERIFY2(m.message().contains(reason), qPrintable(m.message()));
    }

    // Every bad row is named, not only the first.
    void everyBadRowIsNamed()
    {
        const QByteArray file = TreasuryHeader + TenYear + "X,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,4.5,4.5,99\n" + TenYear
                                + "912810TV0,Bond,30-Year,2023-11-09,2023-11-15,2053-11-15,99,4.769,99.698482\n";
        auto m = readSecurityMaster(file);
        QVERIFY(!m.ok());
        QVERIFY2(m.message().contains(QStringLiteral("line 3:")) && m.message().contains(QStringLiteral("line 5:")), qPrintable(m.message()));
    }
};

QTEST_GUILESS_MAIN(TestSecurityMaster)
#include "tst_securitymaster.moc"
