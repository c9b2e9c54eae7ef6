// Treasury and option analytics through QuantLib, checked against the US Treasury's published
// auction results (price per 100 for the coupon, high yield, dated and settlement dates) and
// against textbook option values.

#include "analytics/fixedincome.h"
#include "analytics/optionchain.h"
#include "refdata/instrument.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QTest>

using namespace instant;
using namespace instant::analytics;

class TestAnalytics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void auctionPrices_data()
    {
        QTest::addColumn<double>("coupon");
        QTest::addColumn<double>("yield");
        QTest::addColumn<QDate>("dated");
        QTest::addColumn<QDate>("settle");
        QTest::addColumn<QDate>("maturity");
        QTest::addColumn<double>("price");
        // Published 10-year note auction results (price per 100 at the high yield).
        QTest::newRow("2.250% at 2.579%, Jan 2018 reopening") << 2.25 << 2.579 << QDate(2017, 11, 15) << QDate(2018, 1, 16) << QDate(2027, 11, 15) << 97.156278;
        QTest::newRow("2.250% at 2.250%, Aug 2017") << 2.25 << 2.25 << QDate(2017, 8, 15) << QDate(2017, 8, 15) << QDate(2027, 8, 15) << 100.0;
        QTest::newRow("2.250% at 2.332%, Apr 2017 reopening") << 2.25 << 2.332 << QDate(2017, 2, 15) << QDate(2017, 4, 17) << QDate(2027, 2, 15) << 99.280319;
        QTest::newRow("2.250% at 2.180%, Sep 2017 reopening") << 2.25 << 2.18 << QDate(2017, 8, 15) << QDate(2017, 9, 15) << QDate(2027, 8, 15) << 100.6195;
        QTest::newRow("1.500% at 1.793%, Oct 2016 reopening") << 1.5 << 1.793 << QDate(2016, 8, 15) << QDate(2016, 10, 17) << QDate(2026, 8, 15) << 97.368781;
        QTest::newRow("1.625% at 1.764%, Sep 2012 reopening") << 1.625 << 1.764 << QDate(2012, 8, 15) << QDate(2012, 9, 17) << QDate(2022, 8, 15) << 98.740142;
        QTest::newRow("3.875% at 3.937%, May 2008") << 3.875 << 3.937 << QDate(2008, 5, 15) << QDate(2008, 5, 15) << QDate(2018, 5, 15) << 99.491561;
        // Published 30-year bond auction results.
        QTest::newRow("bond 2.750% at 2.825%, Aug 2012") << 2.75 << 2.825 << QDate(2012, 8, 15) << QDate(2012, 8, 15) << QDate(2042, 8, 15) << 98.489469;
        QTest::newRow("bond 2.750% at 2.818%, Aug 2017") << 2.75 << 2.818 << QDate(2017, 8, 15) << QDate(2017, 8, 15) << QDate(2047, 8, 15) << 98.629206;
        QTest::newRow("bond 3.000% at 2.936%, Jul 2017 reopening") << 3.0 << 2.936 << QDate(2017, 5, 15) << QDate(2017, 7, 17) << QDate(2047, 5, 15) << 101.261161;
        QTest::newRow("bond 2.750% at 2.790%, Sep 2017 reopening") << 2.75 << 2.79 << QDate(2017, 8, 15) << QDate(2017, 9, 15) << QDate(2047, 8, 15) << 99.189503;
        QTest::newRow("bond 3.125% at 2.998%, Apr 2013 reopening") << 3.125 << 2.998 << QDate(2013, 2, 15) << QDate(2013, 4, 15) << QDate(2043, 2, 15) << 102.487803;
        QTest::newRow("bond 3.000% at 2.938%, Apr 2017 reopening") << 3.0 << 2.938 << QDate(2017, 2, 15) << QDate(2017, 4, 17) << QDate(2047, 2, 15) << 101.221385;
    }

    void auctionPrices()
    {
        QFETCH(double, coupon);
        QFETCH(double, yield);
        QFETCH(QDate, dated);
        QFETCH(QDate, settle);
        QFETCH(QDate, maturity);
        QFETCH(double, price);
        NoteQuery q;
        q.couponPercent = coupon;
        q.dated = dated;
        q.settle = settle;
        q.maturity = maturity;
        q.yieldPercent = yield;
        q.convention = NoteQuery::Convention::Treasury; // auction prices use the Treasury's formula
        auto a = analyzeNote(q);
        QVERIFY2(a.ok(), qPrintable(a.message()));
        QVERIFY2(std::abs(a->cleanPrice - price) < 1.0e-6, // published to 6 decimals
                 qPrintable(QStringLiteral("price %1, published %2").arg(a->cleanPrice, 0, 'f', 6).arg(price, 0, 'f', 6)));
        // And back: the price gives the yield.
        NoteQuery back = q;
        back.yieldPercent.reset();
        back.cleanPrice = price;
        QVERIFY(std::abs(analyzeNote(back)->yieldPercent - yield) < 1e-6);
    }

    void streetAndTreasuryAgreeOnCouponDates()
    {
        // On a coupon date there is no fractional period: both conventions give the same price;
        // between coupon dates they differ by the first period's compounding.
        NoteQuery q;
        q.couponPercent = 2.25;
        q.dated = QDate(2017, 11, 15);
        q.maturity = QDate(2027, 11, 15);
        q.settle = QDate(2018, 5, 15);
        q.yieldPercent = 2.6;
        const double street = analyzeNote(q)->cleanPrice;
        q.convention = NoteQuery::Convention::Treasury;
        QVERIFY(std::abs(analyzeNote(q)->cleanPrice - street) < 1e-9);
        q.settle = QDate(2018, 1, 16);
        const double treasury = analyzeNote(q)->cleanPrice;
        q.convention = NoteQuery::Convention::Street;
        QVERIFY(std::abs(analyzeNote(q)->cleanPrice - treasury) > 1e-4);
    }

    void riskMeasures()
    {
        NoteQuery q;
        q.couponPercent = 4.25;
        q.dated = QDate(2025, 11, 15);
        q.maturity = QDate(2035, 11, 15);
        q.settle = QDate(2026, 11, 23);
        q.cleanPrice = 99.515625; // 99-16+
        auto a = analyzeNote(q);
        QVERIFY(a.ok());
        QCOMPARE(a->accruedDays, 8);
        QVERIFY(std::abs(a->accrued - 4.25 / 2 * 8.0 / 181.0) < 1e-9); // ACT/ACT: 8 of 181 days
        QVERIFY(std::abs(a->dirtyPrice - a->cleanPrice - a->accrued) < 1e-12);
        QVERIFY(a->modifiedDuration > 7 && a->modifiedDuration < 8.5);
        QVERIFY(std::abs(a->macaulayDuration - a->modifiedDuration * (1 + a->yieldPercent / 200)) < 1e-6);
        // DV01 ≈ modified duration × dirty price × 1bp.
        QVERIFY(std::abs(a->dv01PerMillion - a->modifiedDuration * a->dirtyPrice * 1e6 / 100 * 1e-4) < 1.0);
        QVERIFY(a->convexity > 50 && a->convexity < 90);
        QCOMPARE(a->previousCoupon, QDate(2026, 11, 15));
        QCOMPARE(a->nextCoupon, QDate(2027, 5, 15));
        QCOMPARE(a->toJson().value(QStringLiteral("clean_price_32nds")).toString(), QStringLiteral("99-16+"));
    }

    void bills()
    {
        // A 26-week bill: 182 days, discount 5.000% → price 97.472222; investment rate simple.
        BillQuery q;
        q.settle = QDate(2026, 11, 19);
        q.maturity = q.settle.addDays(182);
        q.discountPercent = 5.0;
        auto a = analyzeBill(q);
        QVERIFY(a.ok());
        QVERIFY(std::abs(a->price - 97.472222) < 1e-6);
        QVERIFY(std::abs(a->investmentPercent - (100 - a->price) / a->price * 365.0 / 182.0 * 100) < 1e-9);
        BillQuery back;
        back.settle = q.settle;
        back.maturity = q.maturity;
        back.price = a->price;
        QVERIFY(std::abs(analyzeBill(back)->discountPercent - 5.0) < 1e-9);
        // A 52-week bill uses the compounding equation: P(1 + i/2)(1 + (r - 1/2)i) = 100.
        BillQuery year;
        year.settle = QDate(2026, 11, 19);
        year.maturity = year.settle.addDays(364);
        year.discountPercent = 4.0;
        auto y = analyzeBill(year);
        const double i = y->investmentPercent / 100, r = 364.0 / 365.0;
        QVERIFY(std::abs(y->price * (1 + i / 2) * (1 + (r - 0.5) * i) - 100.0) < 1e-9);
        QVERIFY(y->dv01PerMillion > 80 && y->dv01PerMillion < 100);
    }

    void options()
    {
        // Hull's example: S=42, K=40, r=10%, σ=20%, T=0.5: call 4.76, put 0.81.
        OptionQuery q;
        q.spot = 42;
        q.strike = 40;
        q.valuation = QDate(2026, 1, 1);
        q.expiry = q.valuation.addDays(qRound(0.5 * 365));
        q.volatility = 0.20;
        q.rate = 0.10;
        auto call = analyzeOption(q);
        QVERIFY(call.ok());
        QVERIFY2(std::abs(call->price - 4.76) < 0.01, qPrintable(QString::number(call->price)));
        QVERIFY(call->delta > 0.7 && call->delta < 0.8);
        QVERIFY(call->gamma > 0 && call->vega > 0 && call->theta < 0 && call->rho > 0);
        q.call = false;
        auto put = analyzeOption(q);
        QVERIFY(std::abs(put->price - 0.81) < 0.01);
        QVERIFY(put->delta < 0);
        // Put-call parity, and the implied volatility of a price gives the volatility back.
        const double t = q.valuation.daysTo(q.expiry) / 365.0;
        QVERIFY(std::abs(call->price - put->price - (42 - 40 * std::exp(-0.10 * t))) < 1e-9);
        q.marketPrice = put->price;
        QVERIFY(std::abs(*analyzeOption(q)->impliedVolatility - 0.20) < 1e-6);
    }

    void greeksAgainstFiniteDifferences()
    {
        OptionQuery q;
        q.spot = 228.5;
        q.strike = 230;
        q.valuation = QDate(2026, 11, 20);
        q.expiry = QDate(2026, 12, 18);
        q.volatility = 0.25;
        q.rate = 0.045;
        q.dividend = 0.005;
        for (bool call : {true, false}) {
            q.call = call;
            const OptionAnalytics a = *analyzeOption(q);
            auto priceAt = [q](double spot, double vol, double rate) {
                OptionQuery p = q;
                p.spot = spot;
                p.volatility = vol;
                p.rate = rate;
                return analyzeOption(p)->price;
            };
            const double h = 0.01;
            QVERIFY(std::abs(a.delta - (priceAt(q.spot + h, q.volatility, q.rate) - priceAt(q.spot - h, q.volatility, q.rate)) / (2 * h)) < 1e-4);
            QVERIFY(std::abs(a.gamma - (priceAt(q.spot + h, q.volatility, q.rate) - 2 * a.price + priceAt(q.spot - h, q.volatility, q.rate)) / (h * h)) < 1e-3);
            QVERIFY(std::abs(a.vega - (priceAt(q.spot, q.volatility + 0.0001, q.rate) - priceAt(q.spot, q.volatility - 0.0001, q.rate)) / 0.0002 / 100) < 1e-4);
            QVERIFY(std::abs(a.rho - (priceAt(q.spot, q.volatility, q.rate + 0.0001) - priceAt(q.spot, q.volatility, q.rate - 0.0001)) / 0.0002 / 100) < 1e-4);
            OptionQuery later = q;
            later.valuation = q.valuation.addDays(1);
            QVERIFY(std::abs(a.theta - (analyzeOption(later)->price - a.price)) < 0.01); // one calendar day
        }
    }

    void thirtySecondsRoundTripWithFractions()
    {
        for (qint64 units = 90 * 256; units < 110 * 256; ++units) {
            const QString text = thirtyseconds::format(units);
            QCOMPARE(*thirtyseconds::parse(text), units);
        }
        QCOMPARE(*thirtyseconds::parse(QStringLiteral("99-16¼")), *thirtyseconds::parse(QStringLiteral("99-162")));
        QCOMPARE(*thirtyseconds::parse(QStringLiteral("99-16½")), *thirtyseconds::parse(QStringLiteral("99-16+")));
        QCOMPARE(*thirtyseconds::parse(QStringLiteral("99-16¾")), *thirtyseconds::parse(QStringLiteral("99-166")));
    }

    void optionChain()
    {
        const ReferenceData data = test::market();
        const QList<QDate> expiries = OptionChain::expiries(data, QStringLiteral("AAPL"));
        // 20 November 2026 is a monthly expiry; then the weeklies of 27 November, 4 and 11
        // December, the December and January monthlies, the March and June quarterlies.
        QCOMPARE(expiries, (QList<QDate>{QDate(2026, 11, 20), QDate(2026, 11, 27), QDate(2026, 12, 4), QDate(2026, 12, 11),
                                         QDate(2026, 12, 18), QDate(2027, 1, 15),
                                         QDate(2027, 3, 19), QDate(2027, 6, 17)}));
        // (Friday 18 June 2027 the exchange is closed for Juneteenth: the June series expires on Thursday.)
        // An option expiring on the valuation date has no time value to model.
        QVERIFY(!OptionChain::build(data, QStringLiteral("AAPL"), expiries.first(), 228.5, 0.25, 0.045, QDate(2026, 11, 20)).ok());
        // A weekly lists three strikes, a monthly five.
        auto weekly = OptionChain::build(data, QStringLiteral("AAPL"), QDate(2026, 12, 4), 228.5, 0.25, 0.045, QDate(2026, 11, 20));
        QVERIFY2(weekly.ok(), qPrintable(weekly.message()));
        QCOMPARE(weekly->rows.size(), 3);
        auto chain = OptionChain::build(data, QStringLiteral("AAPL"), QDate(2026, 12, 18), 228.5, 0.25, 0.045, QDate(2026, 11, 20));
        QVERIFY2(chain.ok(), qPrintable(chain.message()));
        QCOMPARE(chain->rows.size(), 5);
        for (int i = 0; i < chain->rows.size(); ++i) {
            const OptionChainRow &r = chain->rows.at(i);
            QVERIFY(!r.callId.isEmpty() && !r.putId.isEmpty());
            QVERIFY(r.call.delta > 0 && r.put.delta < 0);
            QVERIFY(std::abs(r.call.delta - r.put.delta - 1.0) < 1e-9); // no dividend: Δc − Δp = 1
            if (i > 0)
                QVERIFY(r.strike > chain->rows.at(i - 1).strike && r.call.delta < chain->rows.at(i - 1).call.delta);
        }
        QVERIFY(!OptionChain::build(data, QStringLiteral("KO"), expiries.first(), 60, 0.2, 0.04, QDate(2026, 11, 20)).ok());
    }

    void badInput_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("maturity before settle") << 0;
        QTest::newRow("neither price nor yield") << 1;
        QTest::newRow("both price and yield") << 2;
        QTest::newRow("negative price") << 3;
        QTest::newRow("absurd yield") << 4;
        QTest::newRow("bill over a year") << 5;
        QTest::newRow("option expired") << 6;
        QTest::newRow("option volatility in percent") << 7;
    }

    void badInput()
    {
        QFETCH(int, which);
        NoteQuery n;
        n.couponPercent = 4;
        n.settle = QDate(2026, 11, 23);
        n.maturity = QDate(2036, 11, 15);
        n.yieldPercent = 4;
        BillQuery b;
        b.settle = n.settle;
        b.maturity = n.settle.addDays(91);
        b.price = 99;
        OptionQuery o;
        o.spot = 100;
        o.strike = 100;
        o.valuation = n.settle;
        o.expiry = n.settle.addDays(30);
        o.volatility = 0.2;
        QString message;
        switch (which) {
        case 0: n.maturity = QDate(2020, 1, 1); message = analyzeNote(n).message(); break;
        case 1: n.yieldPercent.reset(); message = analyzeNote(n).message(); break;
        case 2: n.cleanPrice = 99; message = analyzeNote(n).message(); break;
        case 3: n.yieldPercent.reset(); n.cleanPrice = -5; message = analyzeNote(n).message(); break;
        case 4: n.yieldPercent = 400; message = analyzeNote(n).message(); break;
        case 5: b.maturity = n.settle.addDays(400); message = analyzeBill(b).message(); break;
        case 6: o.expiry = QDate(2020, 1, 1); message = analyzeOption(o).message(); break;
        case 7: o.volatility = 25; message = analyzeOption(o).message(); break;
        }
        QVERIFY2(!message.isEmpty(), "accepted");
    }
};

QTEST_GUILESS_MAIN(TestAnalytics)
#include "tst_analytics.moc"
#include "testmarket.h"
