#include "demo/demomarket.h"

#include "analytics/bondanalytics.h"
#include "analytics/fixedincome.h"
#include "analytics/marketcalendar.h"
#include "analytics/treasurycalendar.h"

#include <cmath>
#include <numbers>

namespace instant {

namespace {

using analytics::TreasuryIssue;
using analytics::TreasuryTerm;

// A fixed hash (FNV-1a), unlike qHash, which is seeded per process.
quint64 fnv1a(const QString &text)
{
    quint64 h = 1469598103934665603ull;
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 1099511628211ull;
    }
    return h;
}

// A smooth, bounded wave in [-1, 1] of the day number: long, medium and short swings with phases
// of their own, so that every series drifts differently and none repeats within decades.
double wave(qint64 day, quint64 seed)
{
    const double periods[] = {1461.0, 379.0, 97.0, 23.0};
    const double weights[] = {0.45, 0.3, 0.17, 0.08};
    double v = 0;
    for (int k = 0; k < 4; ++k) {
        const double phase = double((seed >> (k * 13)) % 1000) / 1000.0 * 2.0 * std::numbers::pi;
        v += weights[k] * std::sin(2.0 * std::numbers::pi * double(day) / periods[k] + phase);
    }
    return v;
}

qint64 dayNumber(QDate date)
{
    return QDate(2000, 1, 1).daysTo(date);
}

// The market the waves start from: on Friday 20 November 2026 the curve and the stocks are
// exactly their base values (the demo market Instant first shipped with); every other date
// drifts from there.
// (A number of days, not a QDate: the market may be built while statics are initialised.)
constexpr qint64 AnchorDay = 9820; // days from 1 January 2000 to 20 November 2026

// How far a series has drifted from the anchor date: in [-2, 2].
double drift(QDate date, quint64 seed)
{
    return wave(dayNumber(date), seed) - wave(AnchorDay, seed);
}

struct Stock
{
    const char *ticker;
    const char *name;
    double price; // around which it drifts
    double vol;
};

constexpr Stock Stocks[] = {
    {"AAPL", "Apple Inc.", 228.50, 0.25},       {"MSFT", "Microsoft Corp.", 432.10, 0.22},
    {"NVDA", "NVIDIA Corp.", 141.20, 0.45},     {"AMZN", "Amazon.com Inc.", 201.30, 0.30},
    {"GOOGL", "Alphabet Inc. Class A", 176.40, 0.28}, {"META", "Meta Platforms Inc.", 574.80, 0.33},
    {"TSLA", "Tesla Inc.", 338.60, 0.55},       {"JPM", "JPMorgan Chase & Co.", 241.70, 0.21},
    {"V", "Visa Inc.", 309.90, 0.18},           {"JNJ", "Johnson & Johnson", 153.20, 0.15},
    {"XOM", "Exxon Mobil Corp.", 119.80, 0.22}, {"WMT", "Walmart Inc.", 88.40, 0.17},
    {"PG", "Procter & Gamble Co.", 171.30, 0.14}, {"MA", "Mastercard Inc.", 522.60, 0.19},
    {"HD", "Home Depot Inc.", 407.50, 0.21},    {"KO", "Coca-Cola Co.", 63.90, 0.14},
    {"PEP", "PepsiCo Inc.", 158.70, 0.15},      {"BAC", "Bank of America Corp.", 46.20, 0.25},
    {"DIS", "Walt Disney Co.", 111.40, 0.27},   {"NFLX", "Netflix Inc.", 872.30, 0.35},
};

const char *const OptionUnderlyings[] = {"AAPL", "MSFT", "NVDA"};

// Price units per tick of a note or bond, as the interdealer market quotes them (1/8, 1/4 and
// 1/2 of a 32nd).
qint64 tickOf(TreasuryTerm term)
{
    switch (term) {
    case TreasuryTerm::Note2Y:
    case TreasuryTerm::Note3Y:
        return 1;
    case TreasuryTerm::Note5Y:
    case TreasuryTerm::Note7Y:
        return 2;
    default:
        return 4;
    }
}

// The original issue of a security (a reopening's first issue), for its coupon.
TreasuryIssue originalOf(const TreasuryIssue &issue)
{
    if (!issue.reopening)
        return issue;
    const QList<TreasuryIssue> first = analytics::treasuryIssues(issue.term, issue.originalIssueDate, issue.originalIssueDate);
    return first.isEmpty() ? issue : first.constFirst();
}

Instrument treasury(const TreasuryIssue &security, const QString &symbol, QDate date)
{
    const TreasuryIssue original = originalOf(security);
    const InstrumentKind kind = analytics::kindOf(security.term);
    Instrument i;
    i.id = security.cusip();
    i.symbol = symbol;
    i.tenor = analytics::tenorOf(security.term);
    i.kind = kind;
    i.quotedPer100 = true;
    i.datedDate = security.datedDate;
    i.maturityDate = security.maturityDate;
    i.lotSize = 1000; // $1,000 face
    if (kind == InstrumentKind::TreasuryBill) {
        i.description = QStringLiteral("US Treasury bill %1 due %2").arg(i.tenor, i.maturityDate.toString(Qt::ISODate));
        i.priceScale = 100000; // decimals per 100 face, 5 places
        i.tickSize = 5;        // 0.00005
        i.annualVolatility = 15; // bp of yield
    } else {
        i.couponPercent = analytics::auctionCoupon(DemoMarket::yieldPercent(original.auctionDate, analytics::yearsOf(security.term)));
        i.description = QStringLiteral("US Treasury %1 %2% due %3")
                            .arg(kind == InstrumentKind::TreasuryBond ? QStringLiteral("bond") : QStringLiteral("note"))
                            .arg(i.couponPercent, 0, 'f', 3)
                            .arg(i.maturityDate.toString(Qt::ISODate));
        i.priceScale = thirtyseconds::UnitsPerPoint;
        i.tickSize = tickOf(security.term);
        i.annualVolatility = 80; // bp of yield
    }
    // Priced on the curve for what is left to run.
    const QDate settle = analytics::nextBusinessDay(analytics::MarketCalendar::UsGovernmentBond, date);
    const double years = double(settle.daysTo(i.maturityDate)) / 365.25;
    const double units = analytics::priceForYield(i, DemoMarket::yieldPercent(date, years), settle).value_or(double(i.priceScale) * 100.0);
    i.referencePrice = Price(std::max<qint64>(1, qRound64(units / double(i.tickSize))) * i.tickSize);
    return i;
}

Instrument equity(const Stock &s, QDate date)
{
    Instrument i;
    i.id = QString::fromLatin1(s.ticker);
    i.symbol = i.id;
    i.description = QString::fromLatin1(s.name);
    i.kind = InstrumentKind::Equity;
    i.priceScale = 100;
    i.tickSize = 1;
    i.lotSize = 1;
    i.referencePrice = Price(qRound64(DemoMarket::stockPrice(i.id, date) * 100));
    i.annualVolatility = s.vol;
    return i;
}

Instrument option(const Instrument &u, QDate expiry, double strike, OptionRight right, QDate date)
{
    Instrument o;
    const QString cp = right == OptionRight::Call ? QStringLiteral("C") : QStringLiteral("P");
    // OCC symbology: root, yymmdd, C/P, strike × 1000 in 8 digits.
    o.id = QStringLiteral("%1%2%3%4").arg(u.id, expiry.toString(QStringLiteral("yyMMdd")), cp).arg(qRound64(strike * 1000), 8, 10, QLatin1Char('0'));
    o.symbol = QStringLiteral("%1 %2 %3 %4").arg(u.id, expiry.toString(QStringLiteral("ddMMMyy")).toUpper()).arg(strike, 0, 'f', 0).arg(cp);
    o.description = QStringLiteral("%1 %2 %3 %4")
                        .arg(u.description, expiry.toString(Qt::ISODate))
                        .arg(strike, 0, 'f', 2)
                        .arg(right == OptionRight::Call ? QStringLiteral("call") : QStringLiteral("put"));
    o.kind = InstrumentKind::EquityOption;
    o.priceScale = 100;
    o.tickSize = 1;
    o.lotSize = 1;
    o.contractMultiplier = 100;
    o.underlying = u.id;
    o.strike = Price(qRound64(strike * 100));
    o.expiry = expiry;
    o.right = right;
    o.annualVolatility = u.annualVolatility;
    // Black-Scholes on the day's curve; on its last day an option is worth what it is in the money.
    const double spot = u.toDouble(u.referencePrice);
    const double intrinsic = right == OptionRight::Call ? std::max(0.0, spot - strike) : std::max(0.0, strike - spot);
    analytics::OptionQuery q;
    q.call = right == OptionRight::Call;
    q.spot = spot;
    q.strike = strike;
    q.valuation = date;
    q.expiry = expiry;
    q.volatility = u.annualVolatility;
    q.rate = DemoMarket::yieldPercent(date, double(date.daysTo(expiry)) / 365.25) / 100.0;
    double value = intrinsic;
    if (expiry > date)
        if (auto priced = analytics::analyzeOption(q))
            value = priced->price;
    o.referencePrice = Price(std::max<qint64>(5, qRound64(value * 100)));
    return o;
}

void addTreasuries(ReferenceData &data, QDate date)
{
    for (TreasuryTerm term : analytics::AllTreasuryTerms) {
        const auto current = analytics::latestIssue(term, date);
        if (!current)
            continue;
        const QString tenor = analytics::tenorOf(term);
        data.addInstrument(treasury(*current, QStringLiteral("UST %1").arg(tenor), date));
        if (const auto old = analytics::previousSecurity(*current); old && old->maturityDate > date)
            data.addInstrument(treasury(*old, QStringLiteral("UST %1 OLD").arg(tenor), date));
    }
}

void addOptions(ReferenceData &data, QDate date)
{
    const QList<QDate> expiries = analytics::listedExpiries(date);
    for (const char *ticker : OptionUnderlyings) {
        const Instrument *u = data.instrument(QString::fromLatin1(ticker));
        const double spot = u->toDouble(u->referencePrice);
        const double step = spot < 200 ? 5.0 : 10.0;
        const double atm = std::round(spot / step) * step;
        for (const QDate &expiry : expiries) {
            const int wings = analytics::isMonthlyExpiry(expiry) ? 2 : 1;
            for (int k = -wings; k <= wings; ++k)
                for (OptionRight right : {OptionRight::Call, OptionRight::Put})
                    data.addInstrument(option(*u, expiry, atm + k * step, right, date));
        }
    }
}

} // namespace

QDate DemoMarket::sessionDate(QDate date)
{
    return analytics::sessionDayOnOrAfter(date);
}

double DemoMarket::yieldPercent(QDate date, double years)
{
    // Nelson-Siegel: a level, a slope and a curvature, each drifting with the date. On the anchor
    // date: bills 3.77%, 2 years 3.60%, 5 years 3.81%, 10 years 4.22%, 30 years 4.74%.
    const double level = 5.0151 + 0.6 * drift(date, 0x51ab1e);
    const double slope = -1.2246 + 0.7 * drift(date, 0x5109e);
    const double curvature = -2.3984 + 0.8 * drift(date, 0xc0ffee);
    constexpr double tau = 2.3;
    const double x = std::max(years, 1.0 / 365.0) / tau;
    const double f1 = (1.0 - std::exp(-x)) / x;
    const double f2 = f1 - std::exp(-x);
    return std::clamp(level + slope * f1 + curvature * f2, 0.25, 9.0);
}

double DemoMarket::stockPrice(const QString &ticker, QDate date)
{
    for (const Stock &s : Stocks)
        if (ticker == QLatin1String(s.ticker))
            return std::round(s.price * std::exp(0.6 * s.vol * drift(date, fnv1a(ticker))) * 100.0) / 100.0;
    return 0;
}

ReferenceData DemoMarket::referenceData(QDate date)
{
    const QDate session = sessionDate(date);
    ReferenceData data;
    addTreasuries(data, session);
    for (const Stock &s : Stocks)
        data.addInstrument(equity(s, session));
    addOptions(data, session);
    data.addAccount({QStringLiteral("DESK-01"), QStringLiteral("Rates desk"), 2'000'000'000'00});
    data.addAccount({QStringLiteral("DESK-02"), QStringLiteral("Equity desk"), 100'000'000'00});
    data.addAccount({QStringLiteral("DEMO-01"), QStringLiteral("Demo trader"), 1'000'000'00});
    return data;
}

} // namespace instant
