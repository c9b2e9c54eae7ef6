#include "analytics/optionrecommender.h"

#include "analytics/fixedincome.h"
#include "marketdata/quoteboard.h"
#include "refdata/referencedata.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace instant {

namespace {

QString dollars(qint64 cents)
{
    const QString text = QLocale(QLocale::English).toString(double(std::llabs(cents)) / 100.0, 'f', 2);
    return (cents < 0 ? QStringLiteral("−$") : QStringLiteral("$")) + text;
}

QString dollars(double amount)
{
    const QString text = QLocale(QLocale::English).toString(std::abs(amount), 'f', 2);
    return (amount < 0 ? QStringLiteral("−$") : QStringLiteral("$")) + text;
}

QString number(double value, int decimals)
{
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

QString whole(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

double clamp01(double x)
{
    return std::clamp(x, 0.0, 1.0);
}

double rounded(double x, int decimals = 4)
{
    const double f = std::pow(10.0, decimals);
    return std::round(x * f) / f;
}

QString rightWord(OptionRight right, qint64 count = 2)
{
    if (right == OptionRight::Call)
        return count == 1 ? QStringLiteral("call") : QStringLiteral("calls");
    return count == 1 ? QStringLiteral("put") : QStringLiteral("puts");
}

QString underlyingName(const Instrument &contract)
{
    return contract.underlying.isEmpty() ? contract.symbol.section(u' ', 0, 0) : contract.underlying;
}

} // namespace

QString toString(MarketView view)
{
    return view == MarketView::Bullish ? QStringLiteral("bullish") : QStringLiteral("bearish");
}

QString toString(RiskPreset preset)
{
    switch (preset) {
    case RiskPreset::Conservative: return QStringLiteral("conservative");
    case RiskPreset::Balanced: return QStringLiteral("balanced");
    case RiskPreset::Aggressive: return QStringLiteral("aggressive");
    }
    return {};
}

std::optional<MarketView> parseMarketView(const QString &text)
{
    const QString t = text.trimmed().toLower();
    for (const char *w : {"bullish", "bull", "calls", "call", "long", "up"})
        if (t == QLatin1String(w))
            return MarketView::Bullish;
    for (const char *w : {"bearish", "bear", "puts", "put", "short", "down"})
        if (t == QLatin1String(w))
            return MarketView::Bearish;
    return std::nullopt;
}

std::optional<RiskPreset> parseRiskPreset(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"conservative" || t == u"low")
        return RiskPreset::Conservative;
    if (t == u"balanced" || t == u"medium" || t == u"moderate")
        return RiskPreset::Balanced;
    if (t == u"aggressive" || t == u"high")
        return RiskPreset::Aggressive;
    return std::nullopt;
}

PresetBand presetBand(RiskPreset preset)
{
    switch (preset) {
    case RiskPreset::Conservative: return PresetBand{0.60, 0.80, 30, 120};
    case RiskPreset::Balanced: return PresetBand{0.40, 0.60, 21, 90};
    case RiskPreset::Aggressive: return PresetBand{0.20, 0.40, 7, 60};
    }
    return {};
}

// ---- candidates ----

QList<OptionCandidate> OptionRecommender::candidates(const ReferenceData &reference, const QString &underlying, double spot,
                                                     QDate valuation, double rate,
                                                     const std::function<ContractMarket(const QString &)> &lookup)
{
    const Instrument *u = reference.instrument(underlying);
    const QString id = u ? u->id : underlying;
    QList<OptionCandidate> out;
    for (const Instrument *i : reference.instruments(InstrumentKind::EquityOption)) {
        if (i->underlying != id)
            continue;
        OptionCandidate c;
        c.contract = i;
        c.market = lookup(i->id);
        if (!c.market.bid || !c.market.ask || c.market.ask->value() <= 0) {
            c.greeksProblem = QStringLiteral("no two-sided quote");
        } else if (i->expiry <= valuation) {
            c.greeksProblem = QStringLiteral("expired");
        } else {
            const double mid = (double(c.market.bid->value()) + double(c.market.ask->value())) / 2.0 / double(i->priceScale);
            analytics::OptionQuery q;
            q.call = i->right == OptionRight::Call;
            q.spot = spot;
            q.strike = i->toDouble(i->strike);
            q.valuation = valuation;
            q.expiry = i->expiry;
            q.volatility = i->annualVolatility > 0 ? i->annualVolatility : 0.3;
            q.rate = rate;
            q.marketPrice = mid;
            auto solved = analytics::analyzeOption(q);
            if (!solved || !solved->impliedVolatility) {
                c.greeksProblem = QStringLiteral("no implied volatility from the mid %1%2")
                                      .arg(number(mid, 2), solved ? QString() : QStringLiteral(" (%1)").arg(solved.message()));
            } else {
                q.volatility = *solved->impliedVolatility;
                q.marketPrice.reset();
                if (auto greeks = analytics::analyzeOption(q)) {
                    c.impliedVolatility = q.volatility;
                    c.delta = greeks->delta;
                    c.theta = greeks->theta;
                } else {
                    c.greeksProblem = greeks.message();
                }
            }
        }
        out.append(c);
    }
    return out;
}

QList<OptionCandidate> OptionRecommender::candidates(const ReferenceData &reference, const QString &underlying, double spot,
                                                     QDate valuation, double rate, const QuoteBoard &quotes)
{
    return candidates(reference, underlying, spot, valuation, rate, [&quotes](const QString &instrument) {
        ContractMarket m;
        if (const auto q = quotes.quote(instrument)) {
            m.bid = q->bid;
            m.ask = q->ask;
        }
        m.volume = quotes.volume(instrument);
        return m;
    });
}

double OptionRecommender::spotOf(const Instrument &underlying, const QuoteBoard *quotes, std::optional<Price> lastTrade)
{
    if (quotes)
        if (const auto mid = quotes->mid(underlying.id))
            return *mid / double(underlying.priceScale);
    if (lastTrade)
        return underlying.toDouble(*lastTrade);
    return underlying.toDouble(underlying.referencePrice);
}

// ---- ranking and sizing ----

Result<OptionRecommendations> OptionRecommender::recommend(const RecommendationRequest &request, const QList<OptionCandidate> &chain,
                                                           double spot, QDate valuation)
{
    if (request.capitalCents <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the capital to commit must be more than $0"));
    if (chain.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("there are no listed options on %1").arg(request.underlying));

    OptionRecommendations out;
    out.request = request;
    out.band = presetBand(request.preset);
    out.spot = spot;
    out.valuation = valuation;
    const PresetBand &band = out.band;
    const OptionRight right = request.view == MarketView::Bullish ? OptionRight::Call : OptionRight::Put;
    const QString preset = toString(request.preset);

    // What the chain as a whole looks like: the range of implied volatility, the busiest contract.
    std::optional<double> lowestIv, highestIv;
    qint64 mostVolume = 0, mostOpenInterest = 0;
    for (const OptionCandidate &c : chain) {
        if (c.impliedVolatility) {
            lowestIv = std::min(lowestIv.value_or(*c.impliedVolatility), *c.impliedVolatility);
            highestIv = std::max(highestIv.value_or(*c.impliedVolatility), *c.impliedVolatility);
        }
        mostVolume = std::max(mostVolume, c.market.volume);
        mostOpenInterest = std::max(mostOpenInterest, c.market.openInterest.value_or(0));
    }

    for (const OptionCandidate &c : chain) {
        if (!c.contract || c.contract->right != right)
            continue;
        const Instrument &i = *c.contract;
        auto exclude = [&](const QString &reason) { out.excluded.append(OptionExclusion{i.id, i.symbol, reason}); };
        const int days = int(valuation.daysTo(i.expiry));
        if (days < 1) {
            exclude(days == 0 ? QStringLiteral("expires today (%1): no time left for a view").arg(i.expiry.toString(Qt::ISODate))
                              : QStringLiteral("expired (%1)").arg(i.expiry.toString(Qt::ISODate)));
            continue;
        }
        if (days < band.minDays || days > band.maxDays) {
            exclude(QStringLiteral("%1 days to expiry, outside the %2 range of %3–%4 days").arg(days).arg(preset).arg(band.minDays).arg(band.maxDays));
            continue;
        }
        const ContractMarket &m = c.market;
        if (!m.bid || !m.ask) {
            exclude(QStringLiteral("no two-sided quote (bid %1, ask %2)")
                        .arg(m.bid ? i.formatPrice(*m.bid) : QStringLiteral("none"), m.ask ? i.formatPrice(*m.ask) : QStringLiteral("none")));
            continue;
        }
        if (m.ask->value() <= 0 || *m.ask < *m.bid) {
            exclude(QStringLiteral("crossed quote (bid %1, ask %2)").arg(i.formatPrice(*m.bid), i.formatPrice(*m.ask)));
            continue;
        }
        if (!c.impliedVolatility) {
            exclude(c.greeksProblem.isEmpty() ? QStringLiteral("no implied volatility from the quote") : c.greeksProblem);
            continue;
        }
        const double absDelta = std::abs(c.delta);
        constexpr double Epsilon = 1e-9;
        if (absDelta < band.minDelta - Epsilon || absDelta > band.maxDelta + Epsilon) {
            exclude(QStringLiteral("delta %1 outside the %2 band %3–%4")
                        .arg(number(absDelta, 3), preset, number(band.minDelta, 2), number(band.maxDelta, 2)));
            continue;
        }
        const qint64 perContract = i.notionalCents(Quantity(1), *m.ask, Instrument::Rounding::Up);
        if (perContract <= 0) {
            exclude(QStringLiteral("no price to pay at the ask %1").arg(i.formatPrice(*m.ask)));
            continue;
        }
        const qint64 contracts = request.capitalCents / perContract;
        if (contracts == 0) {
            exclude(QStringLiteral("one contract costs %1 at the ask %2, more than the capital of %3")
                        .arg(dollars(perContract), i.formatPrice(*m.ask), dollars(request.capitalCents)));
            continue;
        }

        OptionRecommendation r;
        r.candidate = c;
        r.daysToExpiry = days;
        r.spot = spot;
        r.preset = request.preset;
        r.band = band;
        OptionScore &s = r.score;
        const double bid = i.toDouble(*m.bid), ask = i.toDouble(*m.ask);
        const double mid = (bid + ask) / 2.0;
        s.spreadPercent = mid > 0 ? (ask - bid) / mid * 100.0 : 100.0;
        s.spreadScore = clamp01(1.0 - s.spreadPercent / WidestSpreadPercent);
        QList<double> activity;
        if (mostVolume > 0)
            activity.append(double(m.volume) / double(mostVolume));
        if (mostOpenInterest > 0 && m.openInterest)
            activity.append(double(*m.openInterest) / double(mostOpenInterest));
        if (!activity.isEmpty())
            s.activityScore = std::accumulate(activity.cbegin(), activity.cend(), 0.0) / double(activity.size());
        s.liquidity = s.activityScore ? SpreadShare * s.spreadScore + (1.0 - SpreadShare) * *s.activityScore : s.spreadScore;
        s.absDelta = absDelta;
        s.deltaFit = clamp01(1.0 - std::abs(absDelta - band.deltaCentre()) / band.deltaHalfWidth());
        s.thetaPercentPerDay = std::max(0.0, -c.theta) / ask * 100.0;
        s.thetaCost = clamp01(1.0 - s.thetaPercentPerDay / HighestThetaPercent);
        const double ivRange = *highestIv - *lowestIv;
        s.ivRankPercent = ivRange > 1e-9 ? (*c.impliedVolatility - *lowestIv) / ivRange * 100.0 : 50.0;
        s.ivRank = clamp01(1.0 - s.ivRankPercent / 100.0);
        s.total = LiquidityWeight * s.liquidity + DeltaFitWeight * s.deltaFit + ThetaCostWeight * s.thetaCost + IvRankWeight * s.ivRank;

        r.capitalCents = request.capitalCents;
        r.costPerContractCents = perContract;
        r.contracts = contracts;
        r.costCents = contracts * perContract;
        r.cashLeftCents = request.capitalCents - r.costCents;
        r.maxLossCents = r.costCents;
        const double strike = i.toDouble(i.strike);
        r.breakeven = right == OptionRight::Call ? strike + ask : strike - ask;
        r.thetaPerDayDollars = c.theta * double(i.contractMultiplier) * double(contracts);
        r.exerciseCents = i.notionalCents(Quantity(contracts), i.strike);
        out.ranked.append(r);
    }

    std::sort(out.ranked.begin(), out.ranked.end(), [](const OptionRecommendation &a, const OptionRecommendation &b) {
        if (a.score.total != b.score.total)
            return a.score.total > b.score.total;
        return a.contract().id < b.contract().id;
    });
    for (qsizetype k = 0; k < out.ranked.size(); ++k)
        out.ranked[k].rank = int(k + 1);
    return out;
}

// ---- explanations ----

QStringList OptionRecommendation::whyThisContract() const
{
    const Instrument &i = contract();
    const ContractMarket &m = candidate.market;
    const OptionScore &s = score;
    const double bid = i.toDouble(*m.bid), ask = i.toDouble(*m.ask);
    QStringList lines;
    lines << QStringLiteral("Score %1 = 0.30 × liquidity %2 + 0.30 × delta fit %3 + 0.25 × theta cost %4 + 0.15 × IV rank %5.")
                 .arg(number(s.total, 3), number(s.liquidity, 3), number(s.deltaFit, 3), number(s.thetaCost, 3), number(s.ivRank, 3));
    QString liquidity = QStringLiteral("Liquidity %1: bid %2 / ask %3, a spread of %4% of the mid %5 (spread score %6 = 1 − %4/%7)")
                            .arg(number(s.liquidity, 3), i.formatPrice(*m.bid), i.formatPrice(*m.ask), number(s.spreadPercent, 2),
                                 number((bid + ask) / 2.0, 3), number(s.spreadScore, 3), number(OptionRecommender::WidestSpreadPercent, 0));
    if (s.activityScore) {
        liquidity += QStringLiteral("; %1 contracts traded today%2, activity %3 against the chain's busiest contract; liquidity = 0.7 × spread + 0.3 × activity.")
                         .arg(whole(m.volume))
                         .arg(m.openInterest ? QStringLiteral(", open interest %1").arg(whole(*m.openInterest)) : QString())
                         .arg(number(*s.activityScore, 3));
    } else {
        liquidity += QStringLiteral("; no volume or open interest yet, so the spread alone.");
    }
    lines << liquidity;
    lines << QStringLiteral("Delta fit %1: |Δ| %2 in the %3 band %4–%5 (centre %6): 1 − |%2 − %6| / %7.")
                 .arg(number(s.deltaFit, 3), number(s.absDelta, 3), toString(preset), number(band.minDelta, 2), number(band.maxDelta, 2),
                      number(band.deltaCentre(), 2), number(band.deltaHalfWidth(), 2));
    lines << QStringLiteral("Theta cost %1: θ %2 a share a day is %3% of the %4 premium (1 − %3/%5).")
                 .arg(number(s.thetaCost, 3), dollars(candidate.theta), number(s.thetaPercentPerDay, 2), dollars(ask),
                      number(OptionRecommender::HighestThetaPercent, 0));
    lines << QStringLiteral("IV rank %1: implied volatility %2% sits at %3% of the range across the chain (cheaper volatility scores higher for a buyer).")
                 .arg(number(s.ivRank, 3), number(candidate.impliedVolatility.value_or(0) * 100.0, 1), number(s.ivRankPercent, 0));
    return lines;
}

QStringList OptionRecommendation::whyThisSize() const
{
    const Instrument &i = contract();
    QStringList lines;
    lines << QStringLiteral("Capital %1 ÷ (ask %2 × %3) = %1 ÷ %4 = %5 → %6 contract%7 (whole contracts, rounded down).")
                 .arg(dollars(capitalCents), i.formatPrice(ask()), whole(i.contractMultiplier), dollars(costPerContractCents),
                      number(double(capitalCents) / double(costPerContractCents), 2), whole(contracts), contracts == 1 ? QString() : QStringLiteral("s"));
    lines << QStringLiteral("Cost %1 × %2 = %3; cash left %4.").arg(whole(contracts), dollars(costPerContractCents), dollars(costCents), dollars(cashLeftCents));
    lines << QStringLiteral("A limit order to buy at the ask %1; nothing is sent until you send it.").arg(i.formatPrice(ask()));
    return lines;
}

QStringList OptionRecommendation::risks() const
{
    const Instrument &i = contract();
    const bool call = i.right == OptionRight::Call;
    const QString underlying = underlyingName(i);
    const double strike = i.toDouble(i.strike);
    const double ask = i.toDouble(this->ask());
    QStringList lines;
    lines << QStringLiteral("Max loss %1, the premium paid: the %2 expire worthless if %3 is at or %4 %5 at expiry.")
                 .arg(dollars(maxLossCents), rightWord(i.right), underlying, call ? QStringLiteral("below") : QStringLiteral("above"), number(strike, 2));
    const double move = spot > 0 ? (breakeven - spot) / spot * 100.0 : 0;
    lines << QStringLiteral("Breakeven at expiry: %1 at %2 (strike %3 %4 premium %5), %6% %7 the spot %8.")
                 .arg(underlying, number(breakeven, 2), number(strike, 2), call ? QStringLiteral("+") : QStringLiteral("−"), number(ask, 2),
                      number(std::abs(move), 2), move >= 0 ? QStringLiteral("above") : QStringLiteral("below"), number(spot, 2));
    lines << QStringLiteral("Time decay: about %1 a day for the position (θ %2 × %3 × %4), faster as expiry nears.")
                 .arg(dollars(thetaPerDayDollars), number(candidate.theta, 4), whole(i.contractMultiplier), whole(contracts));
    lines << QStringLiteral("%1 days to expiry (%2).").arg(daysToExpiry).arg(i.expiry.toString(Qt::ISODate));
    lines << QStringLiteral("Implied volatility %1%: if it falls, the option loses value even when %2 moves your way.")
                 .arg(number(candidate.impliedVolatility.value_or(0) * 100.0, 1), underlying);
    lines << QStringLiteral("Exercise: US equity options are American-style. As the buyer you may exercise on any business day up to expiry "
                            "and are never assigned. At expiry a contract $0.01 or more in the money is exercised automatically: %1 %2 "
                            "would %3 %4 %5 at %6, %7. Have the %8, or close the position before expiry. Greeks are Black-Scholes-Merton "
                            "(European exercise), close for options on stocks without dividends.")
                 .arg(whole(contracts), rightWord(i.right, contracts), call ? QStringLiteral("buy") : QStringLiteral("sell"),
                      whole(contracts * i.contractMultiplier), underlying, number(strike, 2), dollars(exerciseCents),
                      call ? QStringLiteral("cash") : QStringLiteral("shares"));
    return lines;
}

QString OptionRecommendation::explanation() const
{
    QString text = QStringLiteral("#%1 %2\n\nWhy this contract\n").arg(rank).arg(contract().symbol);
    for (const QString &l : whyThisContract())
        text += QStringLiteral("  • ") + l + u'\n';
    text += QStringLiteral("\nWhy this size\n");
    for (const QString &l : whyThisSize())
        text += QStringLiteral("  • ") + l + u'\n';
    text += QStringLiteral("\nThe risks\n");
    for (const QString &l : risks())
        text += QStringLiteral("  • ") + l + u'\n';
    return text;
}

QJsonObject OptionRecommendation::toJson() const
{
    const Instrument &i = contract();
    const ContractMarket &m = candidate.market;
    return {{QStringLiteral("rank"), rank},
            {QStringLiteral("contract"), i.symbol},
            {QStringLiteral("instrument"), i.id},
            {QStringLiteral("bid"), i.formatPrice(*m.bid)},
            {QStringLiteral("ask"), i.formatPrice(*m.ask)},
            {QStringLiteral("volume"), m.volume},
            {QStringLiteral("delta"), rounded(candidate.delta)},
            {QStringLiteral("theta_per_share_per_day"), rounded(candidate.theta)},
            {QStringLiteral("implied_vol_percent"), rounded(candidate.impliedVolatility.value_or(0) * 100.0, 2)},
            {QStringLiteral("days_to_expiry"), daysToExpiry},
            {QStringLiteral("score"), QJsonObject{{QStringLiteral("total"), rounded(score.total)},
                                                  {QStringLiteral("liquidity"), rounded(score.liquidity)},
                                                  {QStringLiteral("delta_fit"), rounded(score.deltaFit)},
                                                  {QStringLiteral("theta_cost"), rounded(score.thetaCost)},
                                                  {QStringLiteral("iv_rank"), rounded(score.ivRank)}}},
            {QStringLiteral("contracts"), contracts},
            {QStringLiteral("limit_price"), i.formatPrice(ask())},
            {QStringLiteral("cost"), double(costCents) / 100.0},
            {QStringLiteral("cash_left"), double(cashLeftCents) / 100.0},
            {QStringLiteral("max_loss"), double(maxLossCents) / 100.0},
            {QStringLiteral("breakeven"), rounded(breakeven, 2)},
            {QStringLiteral("theta_per_day_position"), rounded(thetaPerDayDollars, 2)},
            {QStringLiteral("why_this_contract"), QJsonArray::fromStringList(whyThisContract())},
            {QStringLiteral("why_this_size"), QJsonArray::fromStringList(whyThisSize())},
            {QStringLiteral("risks"), QJsonArray::fromStringList(risks())}};
}

QString OptionRecommendations::summary() const
{
    const OptionRight right = request.view == MarketView::Bullish ? OptionRight::Call : OptionRight::Put;
    const QString what = QStringLiteral("%1 %2 on %3").arg(toString(request.preset), rightWord(right), request.underlying);
    const QString context = QStringLiteral("spot %1, %2").arg(number(spot, 2), valuation.toString(Qt::ISODate));
    if (ranked.isEmpty())
        return QStringLiteral("No %1 fit %2 (%3): %4 excluded, each with its reason.")
            .arg(what, dollars(request.capitalCents), context)
            .arg(excluded.size());
    return QStringLiteral("%1 %2 for %3 (%4), best first; %5 excluded.")
        .arg(ranked.size())
        .arg(what, dollars(request.capitalCents), context)
        .arg(excluded.size());
}

QJsonObject OptionRecommendations::toJson(int limit) const
{
    QJsonArray best;
    for (const OptionRecommendation &r : ranked.mid(0, limit))
        best.append(r.toJson());
    QJsonArray out;
    for (const OptionExclusion &e : excluded)
        out.append(QJsonObject{{QStringLiteral("contract"), e.symbol}, {QStringLiteral("reason"), e.reason}});
    return {{QStringLiteral("underlying"), request.underlying},
            {QStringLiteral("view"), toString(request.view)},
            {QStringLiteral("preset"), toString(request.preset)},
            {QStringLiteral("band"), QJsonObject{{QStringLiteral("abs_delta"), QJsonArray{band.minDelta, band.maxDelta}},
                                                 {QStringLiteral("days_to_expiry"), QJsonArray{band.minDays, band.maxDays}}}},
            {QStringLiteral("capital"), double(request.capitalCents) / 100.0},
            {QStringLiteral("spot"), rounded(spot, 2)},
            {QStringLiteral("valuation_date"), valuation.toString(Qt::ISODate)},
            {QStringLiteral("weights"), QJsonObject{{QStringLiteral("liquidity"), OptionRecommender::LiquidityWeight},
                                                    {QStringLiteral("delta_fit"), OptionRecommender::DeltaFitWeight},
                                                    {QStringLiteral("theta_cost"), OptionRecommender::ThetaCostWeight},
                                                    {QStringLiteral("iv_rank"), OptionRecommender::IvRankWeight}}},
            {QStringLiteral("summary"), summary()},
            {QStringLiteral("count"), int(ranked.size())},
            {QStringLiteral("recommendations"), best},
            {QStringLiteral("excluded"), out},
            {QStringLiteral("note"), QStringLiteral("read-only: nothing is staged or sent; a human stages a ticket and sends it")}};
}

} // namespace instant
