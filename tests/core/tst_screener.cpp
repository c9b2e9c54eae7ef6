// The screener on recorded market-data sequences: gaps, volume spikes, breakouts, yield moves.

#include "refdata/referencedata.h"
#include "screener/screener.h"
#include "testmarket.h"

#include <QSignalSpy>
#include <QTest>

using namespace instant;

namespace {

const TimestampUs T0 = 1795185000000000; // 2026-11-20 14:30 UTC

TradePrint trade(const QString &id, qint64 price, qint64 qty = 100, int minute = 0)
{
    return TradePrint{id, Price(price), Quantity(qty), Side::Buy, T0 + qint64(minute) * 60'000'000};
}

Bar bar(const QString &id, int minute, qint64 volume)
{
    return Bar{id, T0 + qint64(minute) * 60'000'000, Price(1), Price(1), Price(1), Price(1), Quantity(volume)};
}

QList<Alert> alerts(const QSignalSpy &spy)
{
    QList<Alert> out;
    for (const auto &args : spy)
        out << args.at(0).value<Alert>();
    return out;
}

} // namespace

class TestScreener : public QObject
{
    Q_OBJECT

    const ReferenceData reference = test::market();

private Q_SLOTS:
    void gapAgainstThePreviousClose()
    {
        Screener s(reference);
        QSignalSpy spy(&s, &Screener::alert);
        // AAPL closed (reference) at 228.50; it opens at 232.00: +1.53%.
        s.onTrade(trade(QStringLiteral("AAPL"), 23200));
        s.onTrade(trade(QStringLiteral("AAPL"), 23300)); // not the opening trade: no second gap
        s.onTrade(trade(QStringLiteral("MSFT"), 43300)); // +0.21%: under the threshold
        const auto a = alerts(spy);
        QCOMPARE(a.size(), 1);
        QCOMPARE(a.first().kind, QStringLiteral("gap"));
        QVERIFY(std::abs(a.first().value - 1.532) < 0.01);
        QVERIFY(a.first().message.contains(QStringLiteral("opened up")));
        // Next day, yesterday's last is the close: a small move does not gap.
        s.newDay();
        s.onTrade(trade(QStringLiteral("AAPL"), 23310));
        QCOMPARE(spy.count(), 1);
    }

    void volumeSpike()
    {
        Screener s(reference);
        QSignalSpy spy(&s, &Screener::alert);
        for (int m = 0; m < 10; ++m)
            s.onBar(bar(QStringLiteral("KO"), m, 1000 + m * 10));
        QCOMPARE(spy.count(), 0);
        s.onBar(bar(QStringLiteral("KO"), 10, 4000)); // about 3.8× the average
        QCOMPARE(spy.count(), 1);
        QCOMPARE(alerts(spy).first().kind, QStringLiteral("volume_spike"));
        s.onBar(bar(QStringLiteral("KO"), 11, 1100));
        QCOMPARE(spy.count(), 1);
    }

    void breakoutOnceTheRangeHasFormed()
    {
        Screener s(reference);
        QVERIFY(s.setRules({QJsonObject{{QStringLiteral("id"), QStringLiteral("b")}, {QStringLiteral("kind"), QStringLiteral("breakout")},
                                        {QStringLiteral("after_bars"), 3}}}));
        s.setBreakoutQuietMinutes(0); // both sides at once: no quiet period here
        QSignalSpy spy(&s, &Screener::alert);
        s.onTrade(trade(QStringLiteral("JPM"), 24170));
        s.onTrade(trade(QStringLiteral("JPM"), 24200)); // a new high, but the range is still forming
        for (int m = 0; m < 3; ++m)
            s.onBar(bar(QStringLiteral("JPM"), m, 500));
        s.onTrade(trade(QStringLiteral("JPM"), 24190));
        QCOMPARE(spy.count(), 0);
        s.onTrade(trade(QStringLiteral("JPM"), 24210)); // above the day's high
        s.onTrade(trade(QStringLiteral("JPM"), 24230)); // once per side
        s.onTrade(trade(QStringLiteral("JPM"), 24160)); // below the low
        const auto a = alerts(spy);
        QCOMPARE(a.size(), 2);
        QVERIFY(a.at(0).message.contains(QStringLiteral("above")));
        QVERIFY(a.at(1).message.contains(QStringLiteral("below")));
    }

    // Noise control: a breakout at most once per instrument per quiet period, whichever side,
    // across days; other instruments are not held back.
    void breakoutAtMostOncePerQuietPeriod()
    {
        Screener s(reference);
        QVERIFY(s.setRules({QJsonObject{{QStringLiteral("id"), QStringLiteral("b")}, {QStringLiteral("kind"), QStringLiteral("breakout")},
                                        {QStringLiteral("after_bars"), 1}}}));
        QCOMPARE(s.breakoutQuietMinutes(), Screener::DefaultBreakoutQuietMinutes);
        s.setBreakoutQuietMinutes(10);
        QSignalSpy spy(&s, &Screener::alert);
        for (const QString &id : {QStringLiteral("JPM"), QStringLiteral("KO")}) {
            s.onTrade(trade(id, 5000, 100, 0));
            s.onTrade(trade(id, 5100, 100, 0));
            s.onBar(bar(id, 0, 500));
        }
        s.onTrade(trade(QStringLiteral("JPM"), 5200, 100, 2)); // above: fires
        s.onTrade(trade(QStringLiteral("JPM"), 4900, 100, 5)); // below, 3 minutes later: quiet
        s.onTrade(trade(QStringLiteral("KO"), 5200, 100, 5));  // another instrument: fires
        QCOMPARE(spy.count(), 2);
        s.onTrade(trade(QStringLiteral("JPM"), 4800, 100, 12)); // below, 10 minutes after the first: fires
        QCOMPARE(spy.count(), 3);
        s.newDay();
        s.onTrade(trade(QStringLiteral("JPM"), 4800, 100, 13));
        s.onBar(bar(QStringLiteral("JPM"), 13, 500));
        s.onTrade(trade(QStringLiteral("JPM"), 4900, 100, 14)); // a new day's breakout, still within the period
        QCOMPARE(spy.count(), 3);
        const auto a = alerts(spy);
        QCOMPARE(a.at(0).instrument, QStringLiteral("JPM"));
        QCOMPARE(a.at(1).instrument, QStringLiteral("KO"));
        QVERIFY(a.at(2).message.contains(QStringLiteral("below")));
    }

    void treasuryYieldMovesInBasisPoints()
    {
        Screener s(reference);
        QVERIFY(s.setRules({QJsonObject{{QStringLiteral("id"), QStringLiteral("y")}, {QStringLiteral("kind"), QStringLiteral("yield_move")},
                                        {QStringLiteral("bp"), 3.0}}}));
        QSignalSpy spy(&s, &Screener::alert);
        const Instrument *ten = reference.instrument(QStringLiteral("UST 10Y"));
        s.onTrade(trade(ten->id, ten->referencePrice.value() - 4)); // 1/2 of a 32nd: about 0.6 bp
        QCOMPARE(spy.count(), 0);
        s.onTrade(trade(ten->id, ten->referencePrice.value() - 64)); // 8/32: about 3 bp higher yield
        QCOMPARE(spy.count(), 1);
        const Alert a = alerts(spy).first();
        QVERIFY2(a.value > 2.9 && a.value < 4, qPrintable(QString::number(a.value)));
        QVERIFY(a.message.contains(QStringLiteral("yield up")));
    }

    void rulesAreValidated()
    {
        Screener s(reference);
        const QJsonArray before = s.rules();
        QVERIFY(!s.setRules({QJsonObject{{QStringLiteral("id"), QStringLiteral("x")}, {QStringLiteral("kind"), QStringLiteral("astrology")}}}));
        QVERIFY(!s.setRules({QJsonObject{{QStringLiteral("id"), QStringLiteral("g")}, {QStringLiteral("kind"), QStringLiteral("gap")}, {QStringLiteral("percent"), -1}}}));
        QVERIFY(!s.setRules({QJsonObject{{QStringLiteral("kind"), QStringLiteral("gap")}, {QStringLiteral("percent"), 1}}}));
        QCOMPARE(s.rules(), before);
    }
};

QTEST_GUILESS_MAIN(TestScreener)
#include "tst_screener.moc"
