#pragma once

#include "common/result.h"
#include "common/types.h"
#include "refdata/instrument.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace instant {

class QuoteBoard;
class ReferenceData;

// Option ideas for a buyer: the trader names an underlying, a view (bullish buys calls, bearish
// buys puts), a risk preset and the capital to commit; the recommender ranks the listed contracts
// by a transparent score and sizes each to the capital. It only reads: a human stages the ticket
// and sends it.
enum class MarketView : quint8 { Bullish, Bearish };
enum class RiskPreset : quint8 { Conservative, Balanced, Aggressive };

QString toString(MarketView view);
QString toString(RiskPreset preset);
// "bullish", "bull", "calls", "call", "long" / "bearish", "bear", "puts", "put", "short".
std::optional<MarketView> parseMarketView(const QString &text);
// "conservative", "balanced", "aggressive" (also "low", "medium", "high").
std::optional<RiskPreset> parseRiskPreset(const QString &text);

// What a preset admits: the delta band (absolute delta, the same for calls and puts) and the
// calendar days to expiry, both bounds included.
//
//   conservative  |Δ| 0.60–0.80   30–120 days  in the money: more intrinsic value, slower decay,
//                                              time for the view to play out
//   balanced      |Δ| 0.40–0.60   21–90 days   around the money
//   aggressive    |Δ| 0.20–0.40    7–60 days   out of the money: cheap, more leverage, decays
//                                              faster and more often expires worthless
struct PresetBand
{
    double minDelta = 0;
    double maxDelta = 0;
    int minDays = 0;
    int maxDays = 0;
    double deltaCentre() const { return (minDelta + maxDelta) / 2.0; }
    double deltaHalfWidth() const { return (maxDelta - minDelta) / 2.0; }
};

PresetBand presetBand(RiskPreset preset);

// The market of one contract: the quote, today's volume and, when the feed has it, open interest.
struct ContractMarket
{
    std::optional<Price> bid;
    std::optional<Price> ask;
    qint64 volume = 0;
    std::optional<qint64> openInterest;
};

// One listed contract as the recommender sees it: the contract, its market, and its Greeks at
// the implied volatility of the mid (Black-Scholes-Merton through QuantLib).
struct OptionCandidate
{
    const Instrument *contract = nullptr;
    ContractMarket market;
    std::optional<double> impliedVolatility; // annual fraction
    double delta = 0;                        // per share, signed (puts negative)
    double theta = 0;                        // per share and calendar day, in dollars
    QString greeksProblem;                   // why there are no Greeks (no implied volatility)
};

struct RecommendationRequest
{
    QString underlying;
    MarketView view = MarketView::Bullish;
    RiskPreset preset = RiskPreset::Balanced;
    qint64 capitalCents = 0;
};

// Each component in [0, 1]; the total is their weighted sum (weights in OptionRecommender).
struct OptionScore
{
    double liquidity = 0;
    double deltaFit = 0;
    double thetaCost = 0;
    double ivRank = 0;
    double total = 0;

    // The inputs, so that every number can be checked.
    double spreadPercent = 0;             // (ask − bid) / mid × 100
    double spreadScore = 0;               // 1 − spread% / WidestSpreadPercent, at least 0
    std::optional<double> activityScore;  // volume and open interest against the chain's highest
    double absDelta = 0;
    double thetaPercentPerDay = 0;        // |theta| / ask × 100
    double ivRankPercent = 0;             // where the IV sits between the chain's lowest and highest
};

struct OptionRecommendation
{
    int rank = 0;
    OptionCandidate candidate;
    int daysToExpiry = 0;
    double spot = 0;
    RiskPreset preset = RiskPreset::Balanced;
    PresetBand band;
    OptionScore score;

    // The size: whole contracts at the ask, as many as the capital pays for.
    qint64 capitalCents = 0;
    qint64 costPerContractCents = 0; // ask × multiplier
    qint64 contracts = 0;
    qint64 costCents = 0;
    qint64 cashLeftCents = 0;

    // The risks of the position.
    qint64 maxLossCents = 0;        // the premium paid
    double breakeven = 0;           // the underlying's price at expiry: strike ± ask
    double thetaPerDayDollars = 0;  // the whole position, at today's volatility (negative)
    qint64 exerciseCents = 0;       // what the shares cost (calls) or bring (puts) at the strike

    const Instrument &contract() const { return *candidate.contract; }
    Price ask() const { return *candidate.market.ask; }
    QStringList whyThisContract() const;
    QStringList whyThisSize() const;
    QStringList risks() const;
    QString explanation() const; // the three layers as readable text
    QJsonObject toJson() const;
};

struct OptionExclusion
{
    QString instrument;
    QString symbol;
    QString reason;
};

struct OptionRecommendations
{
    RecommendationRequest request;
    PresetBand band;
    double spot = 0;
    QDate valuation;
    QList<OptionRecommendation> ranked; // best first
    QList<OptionExclusion> excluded;    // contracts of the view's right that did not qualify, with why
    QString summary() const;
    QJsonObject toJson(int limit = 3) const;
};

class OptionRecommender
{
public:
    // The weights of the score; they add up to 1.
    static constexpr double LiquidityWeight = 0.30;
    static constexpr double DeltaFitWeight = 0.30;
    static constexpr double ThetaCostWeight = 0.25;
    static constexpr double IvRankWeight = 0.15;
    // Liquidity: the spread's score counts 0.7 and activity 0.3 when volume or open interest is
    // known; the spread alone otherwise.
    static constexpr double SpreadShare = 0.7;
    static constexpr double WidestSpreadPercent = 10.0;  // a spread of 10% of the mid or more scores 0
    static constexpr double HighestThetaPercent = 5.0;   // losing 5% of the premium a day or more scores 0
    // The flat, continuously compounded rate the Greeks are computed with (as the option chain).
    static constexpr double RiskFreeRate = 0.045;

    // Every listed contract on the underlying (a symbol or an id), with its market from `lookup`
    // and its Greeks at the implied volatility of the mid. A contract without a two-sided quote,
    // or whose mid gives no volatility, comes back without Greeks and with the reason.
    static QList<OptionCandidate> candidates(const ReferenceData &reference, const QString &underlying, double spot,
                                             QDate valuation, double rate,
                                             const std::function<ContractMarket(const QString &instrument)> &lookup);
    static QList<OptionCandidate> candidates(const ReferenceData &reference, const QString &underlying, double spot,
                                             QDate valuation, double rate, const QuoteBoard &quotes);

    // Ranks and sizes. The IV rank and the activity are measured against the whole chain (both
    // rights, every expiry); only contracts of the view's right are recommended or excluded.
    static Result<OptionRecommendations> recommend(const RecommendationRequest &request, const QList<OptionCandidate> &chain,
                                                   double spot, QDate valuation);

    // The underlying's price: the mid of its quote, else its last trade, else the reference price.
    static double spotOf(const Instrument &underlying, const QuoteBoard *quotes, std::optional<Price> lastTrade);
};

} // namespace instant
