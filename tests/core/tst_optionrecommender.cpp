// Option recommendations on a fixed, hand-built chain: the score of each contract worked out by
// hand (the arithmetic is in the comments), the ranking, the size (an exact fit, capital below
// one contract, rounding down), the exclusions with their reasons, each preset and both views.
// Then the chain built from quotes: the implied volatility and delta against the closed-form
// Black-Scholes formula written out here, and the quote board.

#include "analytics/optionrecommender.h"
#include "marketdata/quoteboard.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace instant;

namespace {

const QDate Valuation(2026, 11, 20);

// Spot 100.00; contracts in cents, 100 shares each.
ReferenceData chainReference()
{
    ReferenceData data;
    Instrument u;
    u.id = QStringLiteral("TEST");
    u.symbol = QStringLiteral("TEST");
    u.kind = InstrumentKind::Equity;
    u.referencePrice = Price(100'00);
    data.addInstrument(u);
    struct Row { const char *id; OptionRight right; double strike; QDate expiry; };
    const Row rows[] = {
        {"C1", OptionRight::Call, 100, QDate(2026, 12, 18)}, // 28 days
        {"C2", OptionRight::Call, 100, QDate(2027, 1, 15)},  // 56 days
        {"C3", OptionRight::Call, 105, QDate(2026, 12, 18)},
        {"C4", OptionRight::Call, 95, QDate(2027, 3, 19)},   // 119 days
        {"C5", OptionRight::Call, 95, QDate(2027, 1, 15)},
        {"C6", OptionRight::Call, 100, QDate(2026, 11, 25)}, // 5 days
        {"C7", OptionRight::Call, 105, QDate(2027, 1, 15)},
        {"P1", OptionRight::Put, 100, QDate(2026, 12, 18)},
        {"P2", OptionRight::Put, 95, QDate(2027, 1, 15)},
    };
    for (const Row &r : rows) {
        Instrument o;
        o.id = QString::fromLatin1(r.id);
        o.symbol = QStringLiteral("TEST %1 %2 %3")
                       .arg(r.expiry.toString(QStringLiteral("ddMMMyy")).toUpper())
                       .arg(r.strike, 0, 'f', 0)
                       .arg(r.right == OptionRight::Call ? u'C' : u'P');
        o.kind = InstrumentKind::EquityOption;
        o.priceScale = 100;
        o.contractMultiplier = 100;
        o.underlying = QStringLiteral("TEST");
        o.strike = Price(qRound64(r.strike * 100));
        o.expiry = r.expiry;
        o.right = r.right;
        data.addInstrument(o);
    }
    return data;
}

OptionCandidate candidate(const ReferenceData &data, const char *id, std::optional<qint64> bid, std::optional<qint64> ask, double delta,
                          double theta, std::optional<double> iv, qint64 volume)
{
    OptionCandidate c;
    c.contract = data.instrument(QString::fromLatin1(id));
    if (bid)
        c.market.bid = Price(*bid);
    if (ask)
        c.market.ask = Price(*ask);
    c.market.volume = volume;
    c.impliedVolatility = iv;
    c.delta = delta;
    c.theta = theta;
    if (!iv)
        c.greeksProblem = QStringLiteral("no two-sided quote");
    return c;
}

// The chain's implied volatilities run from 0.26 (C4) to 0.33 (P2); the busiest contract (C1)
// traded 200.
QList<OptionCandidate> handBuiltChain(const ReferenceData &d)
{
    return {
        candidate(d, "C1", 290, 310, 0.52, -0.060, 0.30, 200),
        candidate(d, "C2", 445, 455, 0.55, -0.040, 0.28, 100),
        candidate(d, "C3", 100, 110, 0.30, -0.050, 0.31, 40),
        candidate(d, "C4", 980, 1000, 0.70, -0.020, 0.26, 50),
        candidate(d, "C5", 740, 760, 0.68, -0.035, 0.27, 0),
        candidate(d, "C6", 70, 80, 0.50, -0.150, 0.29, 10),
        candidate(d, "C7", std::nullopt, std::nullopt, 0, 0, std::nullopt, 0),
        candidate(d, "P1", 270, 290, -0.48, -0.050, 0.32, 150),
        candidate(d, "P2", 200, 210, -0.30, -0.030, 0.33, 80),
    };
}

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

#define COMPARE_NEAR(actual, expected)                                                                                                    \
    QVERIFY2(near((actual), (expected)), qPrintable(QStringLiteral("%1 = %2, expected %3").arg(QStringLiteral(#actual)).arg((actual), 0, 'g', 10).arg((expected), 0, 'g', 10)))

QString reasonFor(const OptionRecommendations &r, const QString &id)
{
    for (const OptionExclusion &e : r.excluded)
        if (e.instrument == id)
            return e.reason;
    return {};
}

// Black-Scholes, written out: N(x) = erfc(−x/√2)/2.
double normCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

struct Bs
{
    double price;
    double delta;
};

Bs blackScholesCall(double s, double k, double t, double r, double vol)
{
    const double d1 = (std::log(s / k) + (r + vol * vol / 2) * t) / (vol * std::sqrt(t));
    const double d2 = d1 - vol * std::sqrt(t);
    return {s * normCdf(d1) - k * std::exp(-r * t) * normCdf(d2), normCdf(d1)};
}

Bs blackScholesPut(double s, double k, double t, double r, double vol)
{
    const double d1 = (std::log(s / k) + (r + vol * vol / 2) * t) / (vol * std::sqrt(t));
    const double d2 = d1 - vol * std::sqrt(t);
    return {k * std::exp(-r * t) * normCdf(-d2) - s * normCdf(-d1), normCdf(d1) - 1};
}

} // namespace

class TestOptionRecommender : public QObject
{
    Q_OBJECT

    const ReferenceData data = chainReference();

    OptionRecommendations run(MarketView view, RiskPreset preset, qint64 capitalCents)
    {
        auto r = OptionRecommender::recommend(RecommendationRequest{QStringLiteral("TEST"), view, preset, capitalCents},
                                              handBuiltChain(data), 100.0, Valuation);
        if (!r)
            qFatal("recommend failed: %s", qPrintable(r.message()));
        return *r;
    }

private Q_SLOTS:
    void presetsAreDocumentedBands()
    {
        const PresetBand c = presetBand(RiskPreset::Conservative), b = presetBand(RiskPreset::Balanced), a = presetBand(RiskPreset::Aggressive);
        QCOMPARE(c.minDelta, 0.60);
        QCOMPARE(c.maxDelta, 0.80);
        QCOMPARE(c.minDays, 30);
        QCOMPARE(c.maxDays, 120);
        QCOMPARE(b.minDelta, 0.40);
        QCOMPARE(b.maxDelta, 0.60);
        QCOMPARE(b.minDays, 21);
        QCOMPARE(b.maxDays, 90);
        QCOMPARE(a.minDelta, 0.20);
        QCOMPARE(a.maxDelta, 0.40);
        QCOMPARE(a.minDays, 7);
        QCOMPARE(a.maxDays, 60);
        QVERIFY(near(OptionRecommender::LiquidityWeight + OptionRecommender::DeltaFitWeight + OptionRecommender::ThetaCostWeight
                         + OptionRecommender::IvRankWeight, 1.0, 1e-12));
        QVERIFY(parseRiskPreset(QStringLiteral(" Aggressive ")) == RiskPreset::Aggressive);
        QVERIFY(parseMarketView(QStringLiteral("puts")) == MarketView::Bearish);
        QVERIFY(parseMarketView(QStringLiteral("bull")) == MarketView::Bullish);
        QVERIFY(!parseRiskPreset(QStringLiteral("yolo")));
    }

    void balancedCallsRankedByHand()
    {
        const OptionRecommendations r = run(MarketView::Bullish, RiskPreset::Balanced, 10'000'00);
        QCOMPARE(r.ranked.size(), 2);
        // C2: spread 0.10 / mid 4.50 = 2.2222% → 1 − 0.22222 = 0.777778; activity 100/200 = 0.5;
        //     liquidity 0.7 × 0.777778 + 0.3 × 0.5 = 0.694444. |Δ| 0.55, band 0.40–0.60: 1 − 0.05/0.10 = 0.5.
        //     θ 0.04 / ask 4.55 = 0.879121% a day → 1 − 0.879121/5 = 0.824176.
        //     IV 0.28 in 0.26–0.33: rank (0.02/0.07) = 0.285714 → 0.714286.
        //     total 0.3 × 0.694444 + 0.3 × 0.5 + 0.25 × 0.824176 + 0.15 × 0.714286 = 0.671520.
        const OptionRecommendation &first = r.ranked.at(0);
        QCOMPARE(first.contract().id, QStringLiteral("C2"));
        QCOMPARE(first.rank, 1);
        COMPARE_NEAR(first.score.spreadPercent, 2.2222222);
        COMPARE_NEAR(first.score.liquidity, 0.6944444);
        COMPARE_NEAR(first.score.deltaFit, 0.5);
        COMPARE_NEAR(first.score.thetaPercentPerDay, 0.8791209);
        COMPARE_NEAR(first.score.thetaCost, 0.8241758);
        COMPARE_NEAR(first.score.ivRankPercent, 28.5714286);
        COMPARE_NEAR(first.score.ivRank, 0.7142857);
        COMPARE_NEAR(first.score.total, 0.6715201);
        // C1: spread 0.20 / 3.00 = 6.6667% → 0.333333; activity 1; liquidity 0.533333. |Δ| 0.52: 0.8.
        //     θ 0.06 / 3.10 = 1.935484% → 0.612903. IV 0.30: rank 0.571429 → 0.428571.
        //     total 0.16 + 0.24 + 0.153226 + 0.064286 = 0.617512.
        const OptionRecommendation &second = r.ranked.at(1);
        QCOMPARE(second.contract().id, QStringLiteral("C1"));
        QCOMPARE(second.rank, 2);
        COMPARE_NEAR(second.score.liquidity, 0.5333333);
        COMPARE_NEAR(second.score.deltaFit, 0.8);
        COMPARE_NEAR(second.score.thetaCost, 0.6129032);
        COMPARE_NEAR(second.score.ivRank, 0.4285714);
        COMPARE_NEAR(second.score.total, 0.6175115);

        // Excluded with their reasons: delta, days, quote. Puts are not the view's right.
        QCOMPARE(r.excluded.size(), 5);
        QVERIFY2(reasonFor(r, QStringLiteral("C3")).contains(QStringLiteral("delta 0.300 outside the balanced band 0.40–0.60")), qPrintable(reasonFor(r, QStringLiteral("C3"))));
        QVERIFY(reasonFor(r, QStringLiteral("C5")).contains(QStringLiteral("delta 0.680")));
        QCOMPARE(reasonFor(r, QStringLiteral("C4")), QStringLiteral("119 days to expiry, outside the balanced range of 21–90 days"));
        QCOMPARE(reasonFor(r, QStringLiteral("C6")), QStringLiteral("5 days to expiry, outside the balanced range of 21–90 days"));
        QCOMPARE(reasonFor(r, QStringLiteral("C7")), QStringLiteral("no two-sided quote (bid none, ask none)"));
        QVERIFY(reasonFor(r, QStringLiteral("P1")).isEmpty());
    }

    void sizeIsWholeContractsAtTheAsk()
    {
        // $10,000 / (4.55 × 100) = 21.98 → 21 contracts, $9,555 paid, $445 left.
        OptionRecommendations r = run(MarketView::Bullish, RiskPreset::Balanced, 10'000'00);
        const OptionRecommendation &c2 = r.ranked.at(0);
        QCOMPARE(c2.costPerContractCents, 455'00);
        QCOMPARE(c2.contracts, 21);
        QCOMPARE(c2.costCents, 9'555'00);
        QCOMPARE(c2.cashLeftCents, 445'00);
        // $10,000 / 310 = 32.26 → 32, $9,920, $80 left.
        QCOMPARE(r.ranked.at(1).contracts, 32);
        QCOMPARE(r.ranked.at(1).costCents, 9'920'00);
        QCOMPARE(r.ranked.at(1).cashLeftCents, 80'00);

        // An exact fit: 21 × $455 = $9,555 buys 21 and leaves nothing; one cent less buys 20.
        r = run(MarketView::Bullish, RiskPreset::Balanced, 9'555'00);
        QCOMPARE(r.ranked.at(0).contract().id, QStringLiteral("C2"));
        QCOMPARE(r.ranked.at(0).contracts, 21);
        QCOMPARE(r.ranked.at(0).cashLeftCents, 0);
        r = run(MarketView::Bullish, RiskPreset::Balanced, 9'554'99);
        QCOMPARE(r.ranked.at(0).contracts, 20);
        QCOMPARE(r.ranked.at(0).costCents, 9'100'00);
        QCOMPARE(r.ranked.at(0).cashLeftCents, 454'99);

        // Capital below one C2 contract ($455) but above one C1 ($310): C2 goes, with the reason.
        r = run(MarketView::Bullish, RiskPreset::Balanced, 400'00);
        QCOMPARE(r.ranked.size(), 1);
        QCOMPARE(r.ranked.at(0).contract().id, QStringLiteral("C1"));
        QCOMPARE(r.ranked.at(0).contracts, 1);
        QCOMPARE(r.ranked.at(0).cashLeftCents, 90'00);
        QCOMPARE(reasonFor(r, QStringLiteral("C2")), QStringLiteral("one contract costs $455.00 at the ask 4.55, more than the capital of $400.00"));

        // Below both: no recommendation, and why.
        r = run(MarketView::Bullish, RiskPreset::Balanced, 309'99);
        QVERIFY(r.ranked.isEmpty());
        QVERIFY(reasonFor(r, QStringLiteral("C1")).contains(QStringLiteral("one contract costs $310.00")));
        QVERIFY2(r.summary().startsWith(QStringLiteral("No balanced calls on TEST fit $309.99")), qPrintable(r.summary()));

        // Never over the capital, whatever it is.
        for (qint64 capital : {1'00LL, 310'00LL, 455'00LL, 1'234'56LL, 99'999'99LL}) {
            const OptionRecommendations any = run(MarketView::Bullish, RiskPreset::Balanced, capital);
            for (const OptionRecommendation &rec : any.ranked) {
                QVERIFY(rec.costCents <= capital);
                QVERIFY(rec.costCents + rec.costPerContractCents > capital); // one more would not fit
            }
        }

        QVERIFY(!OptionRecommender::recommend(RecommendationRequest{QStringLiteral("TEST"), MarketView::Bullish, RiskPreset::Balanced, 0},
                                              handBuiltChain(data), 100, Valuation));
        auto none = OptionRecommender::recommend(RecommendationRequest{QStringLiteral("KO"), MarketView::Bullish, RiskPreset::Balanced, 100},
                                                 {}, 60, Valuation);
        QCOMPARE(none.code(), ErrorCode::NotFound);
    }

    void conservativePrefersLongerInTheMoney()
    {
        const OptionRecommendations r = run(MarketView::Bullish, RiskPreset::Conservative, 10'000'00);
        QCOMPARE(r.ranked.size(), 2);
        // C4: spread 0.20/9.90 = 2.0202% → 0.79798; activity 50/200; liquidity 0.633586. |Δ| 0.70 at
        //     the centre: 1. θ 0.02/10.00 = 0.2% → 0.96. IV 0.26, the lowest: 1. Total 0.880076.
        QCOMPARE(r.ranked.at(0).contract().id, QStringLiteral("C4"));
        COMPARE_NEAR(r.ranked.at(0).score.liquidity, 0.6335859);
        COMPARE_NEAR(r.ranked.at(0).score.total, 0.8800758);
        // $10,000 / $1,000 = exactly 10 contracts.
        QCOMPARE(r.ranked.at(0).contracts, 10);
        QCOMPARE(r.ranked.at(0).cashLeftCents, 0);
        // C5: spread 0.20/7.50 → 0.733333; no volume: activity 0, liquidity 0.513333. |Δ| 0.68: 0.8.
        //     θ 0.035/7.60 = 0.460526% → 0.907895. IV 0.27: 0.857143. Total 0.749545.
        QCOMPARE(r.ranked.at(1).contract().id, QStringLiteral("C5"));
        COMPARE_NEAR(r.ranked.at(1).score.total, 0.7495451);
        QCOMPARE(r.ranked.at(1).contracts, 13); // 10,000 / 760 = 13.16
        QCOMPARE(reasonFor(r, QStringLiteral("C1")), QStringLiteral("28 days to expiry, outside the conservative range of 30–120 days"));
        QVERIFY(reasonFor(r, QStringLiteral("C2")).contains(QStringLiteral("delta 0.550 outside the conservative band 0.60–0.80")));
    }

    void aggressiveTakesTheCheapWing()
    {
        const OptionRecommendations r = run(MarketView::Bullish, RiskPreset::Aggressive, 10'000'00);
        QCOMPARE(r.ranked.size(), 1);
        // C3: spread 0.10/1.05 = 9.5238% → 0.047619; activity 40/200 = 0.2; liquidity 0.093333.
        //     |Δ| 0.30 at the centre: 1. θ 0.05/1.10 = 4.545% → 0.090909. IV 0.31: 0.285714.
        //     Total 0.028 + 0.3 + 0.022727 + 0.042857 = 0.393584.
        QCOMPARE(r.ranked.at(0).contract().id, QStringLiteral("C3"));
        COMPARE_NEAR(r.ranked.at(0).score.total, 0.3935844);
        QCOMPARE(r.ranked.at(0).contracts, 90); // 10,000 / 110 = 90.9
        QCOMPARE(reasonFor(r, QStringLiteral("C6")), QStringLiteral("5 days to expiry, outside the aggressive range of 7–60 days"));
    }

    void bearishBuysPuts()
    {
        const OptionRecommendations r = run(MarketView::Bearish, RiskPreset::Balanced, 10'000'00);
        QCOMPARE(r.ranked.size(), 1);
        const OptionRecommendation &p1 = r.ranked.at(0);
        // P1: spread 0.20/2.80 = 7.1429% → 0.285714; activity 0.75; liquidity 0.425. |Δ| 0.48: 0.8.
        //     θ 0.05/2.90 = 1.7241% → 0.655172. IV 0.32: 0.142857. Total 0.552722.
        QCOMPARE(p1.contract().id, QStringLiteral("P1"));
        COMPARE_NEAR(p1.score.total, 0.5527217);
        QCOMPARE(p1.contracts, 34); // 10,000 / 290 = 34.48
        COMPARE_NEAR(p1.breakeven, 97.10); // 100 − 2.90
        QCOMPARE(r.excluded.size(), 1);
        QVERIFY(reasonFor(r, QStringLiteral("P2")).contains(QStringLiteral("delta 0.300")));
        QVERIFY(p1.risks().join(u'\n').contains(QStringLiteral("would sell 3,400 TEST at 100.00")));

        const OptionRecommendations a = run(MarketView::Bearish, RiskPreset::Aggressive, 10'000'00);
        QCOMPARE(a.ranked.size(), 1);
        QCOMPARE(a.ranked.at(0).contract().id, QStringLiteral("P2"));
    }

    void explanationLayerByLayer()
    {
        const OptionRecommendations r = run(MarketView::Bullish, RiskPreset::Balanced, 10'000'00);
        const OptionRecommendation &c2 = r.ranked.at(0);
        const QString why = c2.whyThisContract().join(u'\n');
        QVERIFY2(why.contains(QStringLiteral("Score 0.672 = 0.30 × liquidity 0.694 + 0.30 × delta fit 0.500 + 0.25 × theta cost 0.824 + 0.15 × IV rank 0.714")),
                 qPrintable(why));
        QVERIFY(why.contains(QStringLiteral("bid 4.45 / ask 4.55, a spread of 2.22% of the mid 4.500")));
        QVERIFY(why.contains(QStringLiteral("100 contracts traded today")));
        QVERIFY(why.contains(QStringLiteral("|Δ| 0.550 in the balanced band 0.40–0.60 (centre 0.50)")));
        QVERIFY(why.contains(QStringLiteral("0.88% of the $4.55 premium")));
        QVERIFY(why.contains(QStringLiteral("implied volatility 28.0% sits at 29% of the range")));
        const QString size = c2.whyThisSize().join(u'\n');
        QVERIFY2(size.contains(QStringLiteral("Capital $10,000.00 ÷ (ask 4.55 × 100) = $10,000.00 ÷ $455.00 = 21.98 → 21 contracts")), qPrintable(size));
        QVERIFY(size.contains(QStringLiteral("Cost 21 × $455.00 = $9,555.00; cash left $445.00.")));
        const QString risks = c2.risks().join(u'\n');
        QVERIFY2(risks.contains(QStringLiteral("Max loss $9,555.00, the premium paid")), qPrintable(risks));
        QVERIFY(risks.contains(QStringLiteral("Breakeven at expiry: TEST at 104.55 (strike 100.00 + premium 4.55), 4.55% above the spot 100.00.")));
        QVERIFY(risks.contains(QStringLiteral("about −$84.00 a day"))); // −0.04 × 100 × 21
        QVERIFY(risks.contains(QStringLiteral("56 days to expiry (2027-01-15)")));
        QVERIFY(risks.contains(QStringLiteral("would buy 2,100 TEST at 100.00, $210,000.00")));
        QCOMPARE(c2.maxLossCents, 9'555'00);
        QCOMPARE(c2.exerciseCents, 210'000'00);
        COMPARE_NEAR(c2.thetaPerDayDollars, -84.0);
        const QString text = c2.explanation();
        QVERIFY(text.indexOf(QStringLiteral("Why this contract")) < text.indexOf(QStringLiteral("Why this size")));
        QVERIFY(text.indexOf(QStringLiteral("Why this size")) < text.indexOf(QStringLiteral("The risks")));

        const QJsonObject json = r.toJson();
        QCOMPARE(json.value(QStringLiteral("recommendations")).toArray().size(), 2);
        const QJsonObject top = json.value(QStringLiteral("recommendations")).toArray().first().toObject();
        QCOMPARE(top.value(QStringLiteral("contracts")).toInteger(), 21);
        QCOMPARE(top.value(QStringLiteral("limit_price")).toString(), QStringLiteral("4.55"));
        QCOMPARE(top.value(QStringLiteral("cost")).toDouble(), 9555.0);
        QCOMPARE(json.value(QStringLiteral("excluded")).toArray().size(), 5);
    }

    void chainFromQuotesHasBlackScholesGreeks()
    {
        // AAPL 15JAN27 230 C and P: quoted a cent either side of the Black-Scholes price at 25%
        // volatility, spot 228.50, 4.5% rate, 56 days (ACT/365).
        const ReferenceData demo = test::market();
        const double t = 56.0 / 365.0;
        const Bs call = blackScholesCall(228.50, 230, t, 0.045, 0.25);
        const Bs put = blackScholesPut(228.50, 230, t, 0.045, 0.25);
        const Instrument *c = demo.instrument(QStringLiteral("AAPL 15JAN27 230 C"));
        const Instrument *p = demo.instrument(QStringLiteral("AAPL 15JAN27 230 P"));
        QVERIFY(c && p);
        QuoteBoard board;
        const TimestampUs at = QDateTime(Valuation, QTime(15, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
        auto quote = [&](const Instrument *i, double price) {
            const qint64 cents = qRound64(price * 100);
            board.applyQuotes({Quote{i->id, Price(cents - 1), Price(cents + 1), Quantity(10), Quantity(10), at, {}, {}}});
        };
        quote(c, call.price);
        quote(p, put.price);
        board.applyTrades({TradePrint{c->id, Price(qRound64(call.price * 100)), Quantity(7), Side::Buy, at}});
        QCOMPARE(board.marketDate(), Valuation);

        const QList<OptionCandidate> chain = OptionRecommender::candidates(demo, QStringLiteral("AAPL"), 228.50, Valuation, 0.045, board);
        // Calls and puts: five strikes on the five monthly and quarterly expiries, three on the
        // three weeklies (the market of 20 November 2026).
        QCOMPARE(chain.size(), 68);
        int priced = 0;
        for (const OptionCandidate &k : chain) {
            if (k.contract == c || k.contract == p) {
                ++priced;
                QVERIFY2(k.impliedVolatility, qPrintable(k.greeksProblem));
                QVERIFY2(near(*k.impliedVolatility, 0.25, 0.001), qPrintable(QString::number(*k.impliedVolatility)));
                QVERIFY(near(k.delta, k.contract == c ? call.delta : put.delta, 0.002));
                QVERIFY(k.theta < 0);
                QCOMPARE(k.market.volume, k.contract == c ? 7 : 0);
            } else {
                QVERIFY(!k.impliedVolatility);
                QCOMPARE(k.greeksProblem, QStringLiteral("no two-sided quote"));
            }
        }
        QCOMPARE(priced, 2);

        // The spot: the underlying's mid, else the last trade, else the reference price.
        const Instrument *aapl = demo.instrument(QStringLiteral("AAPL"));
        QCOMPARE(OptionRecommender::spotOf(*aapl, &board, std::nullopt), 228.50);
        QCOMPARE(OptionRecommender::spotOf(*aapl, &board, Price(230'10)), 230.10);
        board.applyQuotes({Quote{aapl->id, Price(229'00), Price(229'10), Quantity(100), Quantity(100), at, {}, {}}});
        QCOMPARE(OptionRecommender::spotOf(*aapl, &board, Price(230'10)), 229.05);
    }

    void quoteBoardVolumeIsPerDay()
    {
        QuoteBoard board;
        const TimestampUs day1 = QDateTime(QDate(2026, 11, 19), QTime(15, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
        const TimestampUs day2 = QDateTime(QDate(2026, 11, 20), QTime(15, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
        board.applyTrades({TradePrint{QStringLiteral("X"), Price(1), Quantity(5), Side::Buy, day1},
                           TradePrint{QStringLiteral("X"), Price(1), Quantity(3), Side::Sell, day1}});
        QCOMPARE(board.volume(QStringLiteral("X")), 8);
        board.applyTrades({TradePrint{QStringLiteral("X"), Price(1), Quantity(2), Side::Buy, day2}});
        QCOMPARE(board.volume(QStringLiteral("X")), 2);
        QCOMPARE(board.marketDate(), QDate(2026, 11, 20));
        QCOMPARE(board.volume(QStringLiteral("Y")), 0);
        QVERIFY(!board.mid(QStringLiteral("X")));
    }
};

QTEST_GUILESS_MAIN(TestOptionRecommender)
#include "tst_optionrecommender.moc"
