// The Treasury's auction calendar and the listed-options calendar, against tables written from the
// published rules (not from this code): data/treasury-calendar-2027.csv lists every issue of 2027
// (TreasuryDirect's "When Auctions Happen", the Federal Reserve's 2027 and 2028 holidays).

#include "analytics/marketcalendar.h"
#include "analytics/treasurycalendar.h"
#include "common/csv.h"
#include "refdata/referencedata.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace instant;
using namespace instant::analytics;

class TestTreasuryCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void holidaysOfTheThreeCalendars()
    {
        // Good Friday: the exchange and the bond market close, the Fed's wire does not.
        const QDate goodFriday(2027, 3, 26);
        QVERIFY(!isBusinessDay(MarketCalendar::Nyse, goodFriday));
        QVERIFY(!isBusinessDay(MarketCalendar::UsGovernmentBond, goodFriday));
        QVERIFY(isBusinessDay(MarketCalendar::FederalReserve, goodFriday));
        // Columbus and Veterans Day: the exchange trades, the bond market and the Fed do not.
        for (const QDate d : {QDate(2027, 10, 11), QDate(2027, 11, 11)}) {
            QVERIFY(isBusinessDay(MarketCalendar::Nyse, d));
            QVERIFY(!isBusinessDay(MarketCalendar::UsGovernmentBond, d));
            QVERIFY(!isBusinessDay(MarketCalendar::FederalReserve, d));
            QVERIFY(!isSessionDay(d));
        }
        // A holiday on a Saturday: the exchange and the bond market close the Friday before, the
        // Fed stays open (Christmas 2027, Juneteenth 2027 and 2032).
        for (const QDate d : {QDate(2027, 12, 24), QDate(2027, 6, 18), QDate(2032, 6, 18)}) {
            QVERIFY2(!isBusinessDay(MarketCalendar::Nyse, d), qPrintable(d.toString(Qt::ISODate)));
            QVERIFY2(isBusinessDay(MarketCalendar::FederalReserve, d), qPrintable(d.toString(Qt::ISODate)));
        }
        QCOMPARE(nextBusinessDay(MarketCalendar::UsGovernmentBond, QDate(2027, 11, 24)), QDate(2027, 11, 26));
        QCOMPARE(onOrAfter(MarketCalendar::FederalReserve, QDate(2027, 7, 4)), QDate(2027, 7, 6)); // Sunday, then the observed Monday
        QCOMPARE(onOrBefore(MarketCalendar::Nyse, QDate(2027, 7, 5)), QDate(2027, 7, 2));
        QCOMPARE(nextSessionDay(QDate(2027, 3, 25)), QDate(2027, 3, 29));
        // Beyond what QuantLib knows only weekends are holidays, and nothing throws.
        QVERIFY(isBusinessDay(MarketCalendar::Nyse, QDate(2300, 1, 3)));
        QVERIFY(!nextBusinessDay(MarketCalendar::Nyse, QDate()).isValid());
    }

    // Every issue of 2027, term by term, as the table written from the rules has it.
    void aWholeYearOfIssues()
    {
        QFile file(QStringLiteral(INSTANT_TEST_DATA "/treasury-calendar-2027.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto rows = readCsv(file.readAll());
        QVERIFY(rows.ok());
        QHash<TreasuryTerm, QList<TreasuryIssue>> expected;
        for (qsizetype k = 1; k < rows->size(); ++k) {
            const QStringList f = rows->at(k).fields;
            TreasuryIssue i;
            i.term = *termOfTenor(f.at(0));
            i.issueDate = QDate::fromString(f.at(1), Qt::ISODate);
            i.maturityDate = QDate::fromString(f.at(2), Qt::ISODate);
            i.datedDate = QDate::fromString(f.at(3), Qt::ISODate);
            i.reopening = f.at(4) == u"1";
            expected[i.term].append(i);
        }
        QCOMPARE(rows->size() - 1, 409);
        for (TreasuryTerm term : AllTreasuryTerms) {
            const QList<TreasuryIssue> got = treasuryIssues(term, QDate(2027, 1, 1), QDate(2027, 12, 31));
            const QList<TreasuryIssue> &want = expected[term];
            QCOMPARE(got.size(), want.size());
            for (qsizetype k = 0; k < got.size(); ++k) {
                const QString what = QStringLiteral("%1 #%2").arg(tenorOf(term)).arg(k);
                QVERIFY2(got[k].issueDate == want[k].issueDate, qPrintable(what + u' ' + got[k].issueDate.toString(Qt::ISODate)));
                QVERIFY2(got[k].maturityDate == want[k].maturityDate, qPrintable(what + u' ' + got[k].maturityDate.toString(Qt::ISODate)));
                QVERIFY2(got[k].datedDate == want[k].datedDate, qPrintable(what + u' ' + got[k].datedDate.toString(Qt::ISODate)));
                QVERIFY2(got[k].reopening == want[k].reopening, qPrintable(what));
                QVERIFY2(got[k].auctionDate < got[k].issueDate, qPrintable(what));
            }
        }
        // Spot checks by hand. Thanksgiving (Thursday 25 November 2027) moves the 13-week bill
        // of that week to Friday; it matures thirteen weeks after the Thursday.
        const QList<TreasuryIssue> bills = treasuryIssues(TreasuryTerm::Bill13W, QDate(2027, 11, 22), QDate(2027, 11, 28));
        QCOMPARE(bills.size(), 1);
        QCOMPARE(bills.first().issueDate, QDate(2027, 11, 26));
        QCOMPARE(bills.first().maturityDate, QDate(2028, 2, 24));
        // The January 2-year: dated Sunday 31 January, issued Monday 1 February, maturing 31 January 2029.
        const QList<TreasuryIssue> twos = treasuryIssues(TreasuryTerm::Note2Y, QDate(2027, 2, 1), QDate(2027, 2, 1));
        QCOMPARE(twos.size(), 1);
        QCOMPARE(twos.first().datedDate, QDate(2027, 1, 31));
        QCOMPARE(twos.first().maturityDate, QDate(2029, 1, 31));
        // The 20-year is dated the 15th of the refunding month and issued at its end.
        const auto twenty = latestIssue(TreasuryTerm::Bond20Y, QDate(2027, 5, 31));
        QCOMPARE(twenty->datedDate, QDate(2027, 2, 15)); // May's new issue settles 1 June: April's reopening still leads
        QVERIFY(twenty->reopening);
    }

    // A security keeps its CUSIP across its reopenings and while it is off the run; each issue
    // has its own, with a valid check digit, over decades.
    void cusipsAreStableAndUnique()
    {
        const auto november = latestIssue(TreasuryTerm::Note10Y, QDate(2026, 11, 20));
        const auto december = latestIssue(TreasuryTerm::Note10Y, QDate(2026, 12, 20));  // a reopening
        const auto february = latestIssue(TreasuryTerm::Note10Y, QDate(2027, 2, 20));   // a new issue
        QVERIFY(december->reopening);
        QCOMPARE(december->cusip(), november->cusip());
        QVERIFY(february->cusip() != november->cusip());
        QCOMPARE(previousSecurity(*february)->cusip(), november->cusip()); // the old 10-year
        const auto bill = latestIssue(TreasuryTerm::Bill13W, QDate(2026, 11, 20));
        QCOMPARE(previousSecurity(*latestIssue(TreasuryTerm::Bill13W, QDate(2026, 11, 27)))->cusip(), bill->cusip());

        QSet<QString> seen;
        for (TreasuryTerm term : AllTreasuryTerms)
            for (const TreasuryIssue &i : treasuryIssues(term, QDate(2020, 1, 1), QDate(2060, 12, 31))) {
                if (i.reopening)
                    continue;
                const QString cusip = i.cusip();
                QVERIFY2(isValidCusip(cusip), qPrintable(cusip));
                QVERIFY2(!cusip.startsWith(QLatin1String("91279")) && !cusip.startsWith(QLatin1String("91282"))
                             && !cusip.startsWith(QLatin1String("912810")),
                         qPrintable(cusip)); // never a real Treasury's
                QVERIFY2(!seen.contains(cusip), qPrintable(cusip));
                seen.insert(cusip);
            }
        QVERIFY(seen.size() > 15000);
    }

    void couponDatesAndAuctionCoupons()
    {
        // 15th: the same day; a month's last day: the last day of each month (31 CFR 356 App. B).
        QCOMPARE(couponDates(QDate(2026, 11, 15), QDate(2028, 11, 15)),
                 (QList<QDate>{QDate(2027, 5, 15), QDate(2027, 11, 15), QDate(2028, 5, 15), QDate(2028, 11, 15)}));
        QCOMPARE(couponDates(QDate(2026, 2, 28), QDate(2028, 2, 29)),
                 (QList<QDate>{QDate(2026, 8, 31), QDate(2027, 2, 28), QDate(2027, 8, 31), QDate(2028, 2, 29)}));
        QCOMPARE(couponDates(QDate(2026, 10, 31), QDate(2027, 10, 31)), (QList<QDate>{QDate(2027, 4, 30), QDate(2027, 10, 31)}));
        QVERIFY(couponDates(QDate(2027, 1, 1), QDate(2026, 1, 1)).isEmpty());
        // The high yield rounded down to an eighth, at least an eighth: the November 2023 auctions.
        QCOMPARE(auctionCoupon(5.055), 5.0);   // 2-year, 91282CJE2: 5%
        QCOMPARE(auctionCoupon(4.701), 4.625); // 3-year, 91282CJK8: 4 5/8%
        QCOMPARE(auctionCoupon(4.519), 4.5);   // 10-year, 91282CJJ1: 4 1/2%
        QCOMPARE(auctionCoupon(4.769), 4.75);  // 30-year, 912810TV0: 4 3/4%
        QCOMPARE(auctionCoupon(4.125), 4.125);
        QCOMPARE(auctionCoupon(0.05), 0.125);
    }

    // Listed options: the third Friday, Thursday when the exchange closes that Friday; the series
    // roll on the monthly expiry.
    void optionSeriesRollOnTheThirdFriday()
    {
        QCOMPARE(monthlyExpiry(2026, 12), QDate(2026, 12, 18));
        QCOMPARE(monthlyExpiry(2027, 6), QDate(2027, 6, 17));  // Juneteenth observed on Friday the 18th
        QCOMPARE(monthlyExpiry(2030, 4), QDate(2030, 4, 18));  // Good Friday, 19 April 2030
        QCOMPARE(fridayExpiry(QDate(2026, 12, 25)), QDate(2026, 12, 24));
        QVERIFY(isMonthlyExpiry(QDate(2027, 6, 17)));

        // On the December expiry day the December series trades; the next trading day it is gone,
        // March becomes the third monthly and September the second quarterly.
        const QList<QDate> friday = listedExpiries(QDate(2026, 12, 18));
        QCOMPARE(friday, (QList<QDate>{QDate(2026, 12, 18), QDate(2026, 12, 24), QDate(2026, 12, 31), QDate(2027, 1, 8),
                                       QDate(2027, 1, 15), QDate(2027, 2, 19), QDate(2027, 3, 19), QDate(2027, 6, 17)}));
        const QList<QDate> monday = listedExpiries(QDate(2026, 12, 21));
        QCOMPARE(monday, (QList<QDate>{QDate(2026, 12, 24), QDate(2026, 12, 31), QDate(2027, 1, 8), QDate(2027, 1, 15),
                                       QDate(2027, 2, 19), QDate(2027, 3, 19), QDate(2027, 6, 17), QDate(2027, 9, 17)}));
    }

    void aTradeThatWouldSettleAfterMaturityIsRefused()
    {
        Instrument bill;
        bill.symbol = QStringLiteral("UST 4W");
        bill.kind = InstrumentKind::TreasuryBill;
        bill.datedDate = QDate(2027, 6, 1);
        bill.maturityDate = QDate(2027, 6, 29);
        QVERIFY(!whyNotTradable(bill, QDate(2027, 6, 25)));
        QVERIFY(whyNotTradable(bill, QDate(2027, 6, 28))->contains(QStringLiteral("before a trade today would settle")));
        QVERIFY(whyNotTradable(bill, QDate(2027, 6, 29))->contains(QStringLiteral("matured on 2027-06-29")));
        Instrument call;
        call.symbol = QStringLiteral("AAPL 17SEP27 230 C");
        call.kind = InstrumentKind::EquityOption;
        call.expiry = QDate(2027, 9, 17);
        QVERIFY(!whyNotTradable(call, QDate(2027, 9, 17))); // trades on its last day
        QCOMPARE(*whyNotTradable(call, QDate(2027, 9, 20)), QStringLiteral("AAPL 17SEP27 230 C expired on 2027-09-17"));
    }
};

QTEST_GUILESS_MAIN(TestTreasuryCalendar)
#include "tst_treasurycalendar.moc"
