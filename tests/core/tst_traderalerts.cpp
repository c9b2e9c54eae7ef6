// Alerts traders set: price, yield and spread crossings, once per crossing, recorded as events
// with their user so they survive a restart; the breakout quiet period recorded the same way.

#include "analytics/bondanalytics.h"
#include "refdata/referencedata.h"
#include "screener/traderalerts.h"
#include "store/eventstore.h"
#include "testmarket.h"
#include "teststores.h"

#include <QSignalSpy>
#include <QTest>

using namespace instant;

namespace {

const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};

TradePrint trade(const QString &id, qint64 price, int second = 0)
{
    return TradePrint{id, Price(price), Quantity(100), Side::Buy, test::MarketOpenUs + qint64(second) * 1'000'000};
}

AlertRule rule(AlertRule::Measure measure, const QString &instrument, double level,
               AlertRule::Direction direction = AlertRule::Direction::Above, const QString &versus = {})
{
    AlertRule r;
    r.measure = measure;
    r.instrument = instrument;
    r.versus = versus;
    r.level = level;
    r.direction = direction;
    return r;
}

} // namespace

class TestTraderAlerts : public QObject
{
    Q_OBJECT

    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs};
    test::TestStores stores{test::Backend::Sqlite};

    const Instrument &instrument(const QString &symbol) const { return *reference.instrument(symbol); }
    double yieldAt(const Instrument &i, qint64 price) const
    {
        return *analytics::yieldPercent(i, Price(price), analytics::settlementDate(i, clock.tradeDate()));
    }

private Q_SLOTS:
    void aPriceCrossingFiresOncePerCrossing()
    {
        auto store = stores.open(stores.freshUrl());
        TraderAlerts alerts(*store, reference, clock);
        QVERIFY(alerts.load());
        QSignalSpy spy(&alerts, &TraderAlerts::alert);
        QVERIFY(alerts.set(rule(AlertRule::Measure::LastPrice, QStringLiteral("AAPL"), 230.00), Alice));
        alerts.onTrade(trade(QStringLiteral("AAPL"), 22900, 1)); // below: where the market is
        alerts.onTrade(trade(QStringLiteral("AAPL"), 23010, 2)); // crosses above: fires
        alerts.onTrade(trade(QStringLiteral("AAPL"), 23050, 3)); // still above: nothing
        alerts.onTrade(trade(QStringLiteral("MSFT"), 50000, 3)); // another instrument: nothing
        QCOMPARE(spy.count(), 1);
        alerts.onTrade(trade(QStringLiteral("AAPL"), 22990, 4)); // back below: re-armed, nothing
        alerts.onTrade(trade(QStringLiteral("AAPL"), 23000, 5)); // at the level again: fires
        QCOMPARE(spy.count(), 2);
        const Alert a = spy.at(0).at(0).value<Alert>();
        QCOMPARE(a.kind, QStringLiteral("price_cross"));
        QCOMPARE(a.instrument, QStringLiteral("AAPL"));
        QCOMPARE(a.timeUs, test::MarketOpenUs + 2'000'000);
        QVERIFY2(a.message.contains(QStringLiteral("AAPL above 230.00")) && a.message.contains(QStringLiteral("230.10")),
                 qPrintable(a.message));
    }

    void aTreasuryYieldCrossingUsesTheEnginesSettlementDate()
    {
        auto store = stores.open(stores.freshUrl());
        TraderAlerts alerts(*store, reference, clock);
        const Instrument &ten = instrument(QStringLiteral("UST 10Y"));
        const qint64 par = ten.referencePrice.value();
        alerts.onTrade(trade(ten.id, par));
        const double level = (yieldAt(ten, par) + yieldAt(ten, par - 64)) / 2; // between today's and 8/32 cheaper
        QSignalSpy spy(&alerts, &TraderAlerts::alert);
        QVERIFY(alerts.set(rule(AlertRule::Measure::Yield, ten.id, level), Alice)); // yield now under the level
        alerts.onTrade(trade(ten.id, par - 8, 1));
        QCOMPARE(spy.count(), 0);
        alerts.onTrade(trade(ten.id, par - 64, 2)); // price down, yield up through the level
        alerts.onTrade(trade(ten.id, par - 72, 3));
        QCOMPARE(spy.count(), 1);
        const Alert a = spy.at(0).at(0).value<Alert>();
        QCOMPARE(a.kind, QStringLiteral("yield_cross"));
        QCOMPARE(a.value, yieldAt(ten, par - 64));
        QVERIFY2(a.message.contains(QStringLiteral("yield above")), qPrintable(a.message));
    }

    void aSpreadBetweenTwoTreasuriesInBasisPoints()
    {
        auto store = stores.open(stores.freshUrl());
        TraderAlerts alerts(*store, reference, clock);
        const Instrument &two = instrument(QStringLiteral("UST 2Y"));
        const Instrument &ten = instrument(QStringLiteral("UST 10Y"));
        alerts.onTrade(trade(two.id, two.referencePrice.value()));
        alerts.onTrade(trade(ten.id, ten.referencePrice.value()));
        const double now = (yieldAt(ten, ten.referencePrice.value()) - yieldAt(two, two.referencePrice.value())) * 100;
        QSignalSpy spy(&alerts, &TraderAlerts::alert);
        // 2s10s: the 10-year's yield minus the 2-year's; tell me when it narrows 2 bp.
        AlertRule twosTens = rule(AlertRule::Measure::Spread, ten.id, now - 2, AlertRule::Direction::Below, two.id);
        QVERIFY(alerts.set(twosTens, Alice));
        alerts.onTrade(trade(ten.id, ten.referencePrice.value() + 32, 1)); // 10s richen 1/32: about 0.4 bp
        QCOMPARE(spy.count(), 0);
        alerts.onTrade(trade(two.id, two.referencePrice.value() - 256, 2)); // 2s cheapen a point: 2s yield up
        QCOMPARE(spy.count(), 1);
        const Alert a = spy.at(0).at(0).value<Alert>();
        QCOMPARE(a.kind, QStringLiteral("spread_cross"));
        QVERIFY2(a.value < now - 2, qPrintable(QString::number(a.value)));
        QVERIFY2(a.message.contains(QStringLiteral(" bp")), qPrintable(a.message));
    }

    void rulesAreRecordedWithTheirUserAndSurviveARestart()
    {
        const QString url = stores.freshUrl();
        {
            auto store = stores.open(url);
            TraderAlerts alerts(*store, reference, clock);
            QVERIFY(alerts.load());
            auto first = alerts.set(rule(AlertRule::Measure::LastPrice, QStringLiteral("AAPL"), 240.0), Alice);
            auto second = alerts.set(rule(AlertRule::Measure::LastPrice, QStringLiteral("MSFT"), 400.0, AlertRule::Direction::Below), Alice);
            QVERIFY(first && second);
            QVERIFY(first->id != second->id);
            QVERIFY(alerts.remove(first->id, Alice));
            QVERIFY(!alerts.remove(QStringLiteral("R999"), Alice));
            QVERIFY(alerts.setBreakoutQuietMinutes(5, Alice));
            QVERIFY(!alerts.setBreakoutQuietMinutes(-1, Alice));
        }
        auto store = stores.open(url);
        TraderAlerts again(*store, reference, clock);
        QSignalSpy changed(&again, &TraderAlerts::rulesChanged);
        QVERIFY(again.load());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(again.rules().size(), 1);
        QCOMPARE(again.rules().first().instrument, QStringLiteral("MSFT"));
        QCOMPARE(again.rules().first().direction, AlertRule::Direction::Below);
        QCOMPARE(again.breakoutQuietMinutes(), 5);
        auto third = again.set(rule(AlertRule::Measure::LastPrice, QStringLiteral("KO"), 60.0), Alice);
        QVERIFY(third && third->id != again.rules().first().id); // ids go on after a restart
        auto events = store->readStream(TraderAlerts::streamId());
        QVERIFY(events);
        QStringList types;
        for (const RecordedEvent &e : *events) {
            types << e.type;
            QCOMPARE(e.actor, Alice);
        }
        QCOMPARE(types, (QStringList{QStringLiteral("AlertRuleSet"), QStringLiteral("AlertRuleSet"), QStringLiteral("AlertRuleRemoved"),
                                     QStringLiteral("AlertQuietPeriodSet"), QStringLiteral("AlertRuleSet")}));
    }

    void rulesThatCouldNeverFireAreRefused()
    {
        auto store = stores.open(stores.freshUrl());
        TraderAlerts alerts(*store, reference, clock);
        const QString ten = instrument(QStringLiteral("UST 10Y")).id;
        QVERIFY(!alerts.set(rule(AlertRule::Measure::Yield, QStringLiteral("AAPL"), 4.0), Alice)); // a stock has no yield
        QVERIFY(!alerts.set(rule(AlertRule::Measure::Spread, ten, 30, AlertRule::Direction::Above, ten), Alice));
        QVERIFY(!alerts.set(rule(AlertRule::Measure::LastPrice, QStringLiteral("NOPE"), 1.0), Alice));
        QVERIFY(!alerts.set(rule(AlertRule::Measure::LastPrice, QStringLiteral("AAPL"), -1.0), Alice));
        QVERIFY(alerts.rules().isEmpty());
        auto events = store->readStream(TraderAlerts::streamId());
        QVERIFY(events && events->isEmpty());
    }

    void aRuleReadsBackAsWritten()
    {
        AlertRule r = rule(AlertRule::Measure::Spread, QStringLiteral("A"), 35.5, AlertRule::Direction::Below, QStringLiteral("B"));
        r.id = QStringLiteral("R7");
        r.note = QStringLiteral("curve flattener");
        auto back = AlertRule::fromJson(r.toJson());
        QVERIFY(back);
        QCOMPARE(*back, r);
        QVERIFY(!AlertRule::fromJson({{QStringLiteral("rule_id"), QStringLiteral("R1")}}));
    }
};

QTEST_GUILESS_MAIN(TestTraderAlerts)
#include "tst_traderalerts.moc"
