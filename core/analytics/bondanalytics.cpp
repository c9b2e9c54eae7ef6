#include "analytics/bondanalytics.h"
#include "analytics/fixedincome.h"
#include "analytics/marketcalendar.h"

#include <ql/exercise.hpp>
#include <ql/math/solvers1d/brent.hpp>
#include <ql/instruments/bonds/fixedratebond.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/instruments/bonds/zerocouponbond.hpp>
#include <ql/pricingengines/bond/bondfunctions.hpp>
#include <ql/settings.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>
#include <ql/time/daycounters/actualactual.hpp>
#include <ql/time/schedule.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <mutex>

#include "common/threadwatch.h"
#include <unordered_map>

namespace instant::analytics {

std::optional<double> computeDv01(const Instrument &instrument, Price cleanPrice, QDate settle);
std::optional<double> computeYield(const Instrument &instrument, Price cleanPrice, QDate settle);

namespace {

// QuantLib keeps global state (Settings::evaluationDate, observers) that is not thread-safe;
// the engine thread and the GUI thread both price, so every call here takes this lock.
std::recursive_mutex &quantLibLock()
{
    static std::recursive_mutex lock;
    return lock;
}

// The lock, taken by every QuantLib call; a thread that must not price is caught here (threadwatch).
struct QuantLibEntry
{
    QuantLibEntry(const QuantLibEntry &) = delete;
    QuantLibEntry &operator=(const QuantLibEntry &) = delete;
    QuantLibEntry()
    {
        threadwatch::entered("QuantLib");
        quantLibLock().lock();
    }
    ~QuantLibEntry() { quantLibLock().unlock(); }
};

QuantLib::Date toQl(QDate d)
{
    return QuantLib::Date(d.day(), static_cast<QuantLib::Month>(d.month()), d.year());
}

QDate fromQl(const QuantLib::Date &d)
{
    return QDate(d.year(), static_cast<int>(d.month()), d.dayOfMonth());
}

// Treasury coupon dates: semiannual back from maturity, unadjusted (the accrual periods run from
// date to date; a payment due on a holiday is made the next business day), on the month's last day
// for a security maturing on one (the same dates as treasurycalendar.h's couponDates()).
// An odd (long) first coupon is the schedule's first date after the dated date.
QuantLib::Schedule couponSchedule(QDate dated, QDate maturity, QDate firstCoupon = {})
{
    const bool endOfMonth = maturity.day() == maturity.daysInMonth();
    return QuantLib::Schedule(toQl(dated), toQl(maturity), QuantLib::Period(QuantLib::Semiannual), QuantLib::NullCalendar(),
                              QuantLib::Unadjusted, QuantLib::Unadjusted, QuantLib::DateGeneration::Backward, endOfMonth,
                              firstCoupon.isValid() ? toQl(firstCoupon) : QuantLib::Date());
}

// A QuantLib bond for a Treasury; the evaluation date follows the settlement date.
struct TreasuryBond
{
    std::unique_ptr<QuantLib::Bond> bond;
    QuantLib::DayCounter dayCounter;
    QuantLib::Compounding compounding = QuantLib::Compounded;
    QuantLib::Frequency frequency = QuantLib::Semiannual;
};

std::optional<TreasuryBond> makeBond(const Instrument &i, QDate settle)
{
    if (!isTreasury(i.kind) || !i.maturityDate.isValid() || settle >= i.maturityDate)
        return std::nullopt;
    QuantLib::Settings::instance().evaluationDate() = toQl(settle);
    TreasuryBond b;
    if (i.kind == InstrumentKind::TreasuryBill) {
        b.bond = std::make_unique<QuantLib::ZeroCouponBond>(0, QuantLib::NullCalendar(), 100.0, toQl(i.maturityDate),
                                                            QuantLib::Unadjusted, 100.0, toQl(i.datedDate));
        b.dayCounter = QuantLib::Actual365Fixed();
        b.compounding = QuantLib::Simple;
        b.frequency = QuantLib::Annual;
        return b;
    }
    const QuantLib::Schedule schedule = couponSchedule(i.datedDate, i.maturityDate, i.firstCouponDate);
    b.dayCounter = QuantLib::ActualActual(QuantLib::ActualActual::ISMA, schedule);
    b.bond = std::make_unique<QuantLib::FixedRateBond>(0, 100.0, schedule,
                                                       std::vector<QuantLib::Rate>{i.couponPercent / 100.0}, b.dayCounter);
    return b;
}

} // namespace

QDate settlementDate(const Instrument &instrument, QDate tradeDate)
{
    return nextBusinessDay(instrument, tradeDate);
}

bool isBusinessDay(const Instrument &instrument, QDate date)
{
    return isBusinessDay(calendarOf(instrument), date);
}

QDate nextBusinessDay(const Instrument &instrument, QDate date)
{
    return nextBusinessDay(calendarOf(instrument), date);
}

std::optional<double> computeYield(const Instrument &instrument, Price cleanPrice, QDate settle)
{
    const QuantLibEntry guard;
    try {
        auto b = makeBond(instrument, settle); // throws for a date QuantLib cannot hold
        if (!b)
            return std::nullopt;
        const double price = instrument.toDouble(cleanPrice);
        return 100.0 * QuantLib::BondFunctions::yield(*b->bond, price, b->dayCounter, b->compounding, b->frequency,
                                                      toQl(settle));
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

std::optional<double> priceForYield(const Instrument &instrument, double yieldPct, QDate settle)
{
    const QuantLibEntry guard;
    try {
        auto b = makeBond(instrument, settle); // throws for a date QuantLib cannot hold
        if (!b)
            return std::nullopt;
        const QuantLib::InterestRate rate(yieldPct / 100.0, b->dayCounter, b->compounding, b->frequency);
        return QuantLib::BondFunctions::cleanPrice(*b->bond, rate, toQl(settle)) * double(instrument.priceScale);
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

Accrual accrual(const Instrument &instrument, QDate settle)
{
    threadwatch::entered("accrued interest");
    Accrual a;
    const bool coupons = instrument.kind == InstrumentKind::TreasuryNote || instrument.kind == InstrumentKind::TreasuryBond;
    if (!coupons || instrument.couponPercent <= 0 || !settle.isValid() || !instrument.datedDate.isValid()
        || !instrument.maturityDate.isValid() || settle <= instrument.datedDate || settle >= instrument.maturityDate)
        return a;
    // The payment dates, from QuantLib's schedule (a long first coupon included).
    QList<QDate> payments;
    try {
        const QuantLibEntry guard;
        const QuantLib::Schedule schedule = couponSchedule(instrument.datedDate, instrument.maturityDate, instrument.firstCouponDate);
        for (size_t k = 1; k < schedule.size(); ++k)
            payments << fromQl(schedule.date(k));
    } catch (const std::exception &) {
        return a;
    }
    a.start = instrument.datedDate;
    for (const QDate &d : std::as_const(payments)) {
        if (d <= settle)
            a.start = d;
        else {
            a.nextCoupon = d;
            break;
        }
    }
    if (!a.nextCoupon.isValid())
        return a;
    a.days = int(a.start.daysTo(settle));
    // ICMA: each day earns its share of the regular (quasi-)coupon period it falls in. The
    // quasi-coupon dates run back from maturity every six months (on the month's end for a
    // security maturing on one); a short first period counts its days against the whole regular
    // period, a long one splits into the two periods it spans.
    const bool endOfMonth = instrument.maturityDate.day() == instrument.maturityDate.daysInMonth();
    auto quasi = [&](int k) {
        QDate d = instrument.maturityDate.addMonths(-6 * k);
        return endOfMonth ? QDate(d.year(), d.month(), d.daysInMonth()) : d;
    };
    int k = 0;
    while (quasi(k + 1) > settle) // the quasi-period [quasi(k+1), quasi(k)] holding the settlement date
        ++k;
    for (; quasi(k) > a.start; ++k) {
        const QDate from = quasi(k + 1), to = quasi(k);
        const qint64 inside = std::max(from, a.start).daysTo(std::min(to, settle));
        if (inside > 0)
            a.periods.append({inside, from.daysTo(to)});
    }
    a.couponPercent = instrument.couponPercent;
    return a;
}

qint64 Accrual::cents(Quantity face) const
{
    if (periods.isEmpty() || face.value() <= 0)
        return 0;
    // face × coupon% / 100 / 2 × Σ days_i / period_i, in cents, exactly: the coupon in
    // hundred-thousandths of a percent (Treasury coupons are multiples of 1/8).
    __extension__ typedef __int128 Wide;
    const Wide coupon = Wide(std::llround(couponPercent * 100'000.0));
    Wide numerator = 0, denominator = 1;
    for (const auto &[inside, length] : periods) {
        numerator = numerator * length + Wide(inside) * denominator;
        denominator *= length;
    }
    // cents = face × coupon/1e5 /100 /2 × 100 × numerator / denominator
    const Wide top = Wide(face.value()) * coupon * numerator;
    const Wide bottom = denominator * 200'000;
    const Wide whole = (2 * top + bottom) / (2 * bottom); // to the nearest cent, half up
    return whole > Wide(std::numeric_limits<qint64>::max()) ? std::numeric_limits<qint64>::max() : qint64(whole);
}

qint64 accruedInterestCents(const Instrument &instrument, Quantity face, QDate settle)
{
    return accrual(instrument, settle).cents(face);
}

double accruedPer100(const Instrument &instrument, QDate settle)
{
    const Accrual a = accrual(instrument, settle);
    double coupons = 0;
    for (const auto &[inside, length] : a.periods)
        coupons += double(inside) / double(length);
    return a.couponPercent / 2.0 * coupons;
}

namespace {

// Solving for a yield dominates; screens and risk checks ask for the same few prices again and
// again, from the engine thread and the GUI thread: a small cache per thread, per computation.
using Solver = std::optional<double> (*)(const Instrument &, Price, QDate);

std::optional<double> memoized(Solver solve, const Instrument &instrument, Price cleanPrice, QDate settle)
{
    struct Key
    {
        Solver solver;
        QString id;
        qint64 price;
        qint64 day;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const
        {
            // Unsigned: wraps on a huge price, never overflows.
            return qHash(k.id) ^ std::hash<quint64>()(quint64(k.price) * 31u + quint64(k.day))
                   ^ std::hash<const void *>()(reinterpret_cast<const void *>(k.solver));
        }
    };
    thread_local std::unordered_map<Key, std::optional<double>, KeyHash> cache;
    const Key key{solve, instrument.id, cleanPrice.value(), settle.toJulianDay()};
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    if (cache.size() > 50'000)
        cache.clear();
    auto value = solve(instrument, cleanPrice, settle);
    cache.emplace(key, value);
    return value;
}

} // namespace

std::optional<double> dv01PerUnitFace(const Instrument &instrument, Price cleanPrice, QDate settle)
{
    threadwatch::entered("pricing"); // answered from a cache or by QuantLib
    return memoized(&computeDv01, instrument, cleanPrice, settle);
}

std::optional<double> yieldPercent(const Instrument &instrument, Price cleanPrice, QDate settle)
{
    threadwatch::entered("pricing"); // answered from a cache or by QuantLib
    return memoized(&computeYield, instrument, cleanPrice, settle);
}

std::optional<double> computeDv01(const Instrument &instrument, Price cleanPrice, QDate settle)
{
    const QuantLibEntry guard;
    try {
        auto b = makeBond(instrument, settle); // throws for a date QuantLib cannot hold
        if (!b)
            return std::nullopt;
        const double price = instrument.toDouble(cleanPrice);
        const double y = QuantLib::BondFunctions::yield(*b->bond, price, b->dayCounter, b->compounding, b->frequency,
                                                        toQl(settle));
        const QuantLib::InterestRate rate(y, b->dayCounter, b->compounding, b->frequency);
        // basisPointValue is per 100 of face and signed (price falls as yield rises).
        return std::abs(QuantLib::BondFunctions::basisPointValue(*b->bond, rate, toQl(settle))) / 100.0;
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

} // namespace instant::analytics

// ---- full Treasury and option analytics (fixedincome.h) ----

namespace instant::analytics {

namespace {

Error bad(const QString &why)
{
    return makeError(ErrorCode::InvalidArgument, why);
}

} // namespace

QJsonObject NoteAnalytics::toJson() const
{
    const qint64 units = qRound64(cleanPrice * 256.0);
    const bool exact32 = std::abs(cleanPrice * 256.0 - double(units)) < 1e-9;
    return {{QStringLiteral("clean_price"), cleanPrice},
            {QStringLiteral("clean_price_32nds"), exact32 ? thirtyseconds::format(units) : thirtyseconds::format(units) + QStringLiteral(" (rounded)")},
            {QStringLiteral("yield_percent"), yieldPercent},
            {QStringLiteral("accrued"), accrued},
            {QStringLiteral("accrued_days"), accruedDays},
            {QStringLiteral("dirty_price"), dirtyPrice},
            {QStringLiteral("modified_duration"), modifiedDuration},
            {QStringLiteral("macaulay_duration"), macaulayDuration},
            {QStringLiteral("dv01_per_million"), dv01PerMillion},
            {QStringLiteral("convexity"), convexity},
            {QStringLiteral("previous_coupon"), previousCoupon.toString(Qt::ISODate)},
            {QStringLiteral("next_coupon"), nextCoupon.toString(Qt::ISODate)}};
}

Result<NoteAnalytics> analyzeNote(const NoteQuery &q)
{
    if (!q.maturity.isValid() || !q.settle.isValid())
        return bad(QStringLiteral("a maturity and a settlement date are needed"));
    if (q.maturity <= q.settle)
        return bad(QStringLiteral("maturity %1 is not after settlement %2").arg(q.maturity.toString(Qt::ISODate), q.settle.toString(Qt::ISODate)));
    if (q.couponPercent < 0 || q.couponPercent > 50)
        return bad(QStringLiteral("coupon %1% is not a Treasury coupon").arg(q.couponPercent));
    if (q.cleanPrice.has_value() == q.yieldPercent.has_value())
        return bad(QStringLiteral("give either a price or a yield"));
    if (q.cleanPrice && (*q.cleanPrice <= 0 || *q.cleanPrice > 1000))
        return bad(QStringLiteral("price %1 is not a price per 100").arg(*q.cleanPrice));
    if (q.yieldPercent && (*q.yieldPercent <= -5 || *q.yieldPercent > 100))
        return bad(QStringLiteral("yield %1% is not possible for a Treasury").arg(*q.yieldPercent));
    QDate dated = q.dated;
    if (!dated.isValid()) {
        dated = q.maturity;
        while (dated > q.settle)
            dated = dated.addMonths(-6);
    }
    if (dated > q.settle)
        return bad(QStringLiteral("the dated date %1 is after settlement").arg(dated.toString(Qt::ISODate)));
    const QuantLibEntry guard;
    try {
        QuantLib::Settings::instance().evaluationDate() = toQl(q.settle);
        const QuantLib::Schedule schedule = couponSchedule(dated, q.maturity);
        const QuantLib::DayCounter dc = QuantLib::ActualActual(QuantLib::ActualActual::ISMA, schedule);
        QuantLib::FixedRateBond bond(0, 100.0, schedule, {q.couponPercent / 100.0}, dc);
        const QuantLib::Date settle = toQl(q.settle);
        NoteAnalytics a;
        // The coupon period holding the settlement date, from the schedule itself.
        QuantLib::Date previous = schedule.dates().front(), next = schedule.dates().back();
        for (const QuantLib::Date &d : schedule.dates()) {
            if (d <= settle)
                previous = d;
            else {
                next = d;
                break;
            }
        }
        const double accruedAmount = QuantLib::BondFunctions::accruedAmount(bond, settle);
        // The Treasury's price: value at the next coupon date (that coupon included), brought to
        // settlement at simple interest over the fraction of the period still to run.
        auto treasuryClean = [&](double y) {
            const QuantLib::InterestRate r(y, dc, QuantLib::Compounded, QuantLib::Semiannual);
            const double atNext = QuantLib::BondFunctions::dirtyPrice(bond, r, next) + q.couponPercent / 2.0;
            const double fraction = double(settle.serialNumber() - next.serialNumber()) / double(previous.serialNumber() - next.serialNumber());
            return atNext / (1.0 + fraction * y / 2.0) - accruedAmount;
        };
        const bool treasury = q.convention == NoteQuery::Convention::Treasury;
        if (q.yieldPercent) {
            a.yieldPercent = *q.yieldPercent;
        } else if (treasury) {
            QuantLib::Brent solver;
            solver.setMaxEvaluations(1000);
            const double target = *q.cleanPrice;
            a.yieldPercent = 100.0 * solver.solve([&](double y) { return treasuryClean(y) - target; }, 1.0e-14, 0.04, -0.04, 1.0);
        } else {
            a.yieldPercent = 100.0 * QuantLib::BondFunctions::yield(bond, *q.cleanPrice, dc, QuantLib::Compounded,
                                                                    QuantLib::Semiannual, settle, 1.0e-14, 1000);
        }
        const QuantLib::InterestRate rate(a.yieldPercent / 100.0, dc, QuantLib::Compounded, QuantLib::Semiannual);
        a.cleanPrice = q.cleanPrice ? *q.cleanPrice
                                    : treasury ? treasuryClean(a.yieldPercent / 100.0)
                                               : QuantLib::BondFunctions::cleanPrice(bond, rate, settle);
        a.accrued = QuantLib::BondFunctions::accruedAmount(bond, settle);
        a.accruedDays = int(QuantLib::BondFunctions::accruedDays(bond, settle));
        a.dirtyPrice = a.cleanPrice + a.accrued;
        a.modifiedDuration = QuantLib::BondFunctions::duration(bond, rate, QuantLib::Duration::Modified, settle);
        a.macaulayDuration = QuantLib::BondFunctions::duration(bond, rate, QuantLib::Duration::Macaulay, settle);
        a.convexity = QuantLib::BondFunctions::convexity(bond, rate, settle);
        a.dv01PerMillion = std::abs(QuantLib::BondFunctions::basisPointValue(bond, rate, settle)) * 10'000.0;
        a.previousCoupon = fromQl(previous);
        a.nextCoupon = fromQl(next);
        return a;
    } catch (const std::exception &e) {
        return bad(QStringLiteral("QuantLib: %1").arg(QString::fromUtf8(e.what())));
    }
}

QJsonObject BillAnalytics::toJson() const
{
    return {{QStringLiteral("price"), price},
            {QStringLiteral("discount_percent"), discountPercent},
            {QStringLiteral("investment_percent"), investmentPercent},
            {QStringLiteral("days"), days},
            {QStringLiteral("dv01_per_million"), dv01PerMillion}};
}

Result<BillAnalytics> analyzeBill(const BillQuery &q)
{
    if (!q.maturity.isValid() || !q.settle.isValid())
        return bad(QStringLiteral("a maturity and a settlement date are needed"));
    if (q.maturity <= q.settle)
        return bad(QStringLiteral("maturity %1 is not after settlement %2").arg(q.maturity.toString(Qt::ISODate), q.settle.toString(Qt::ISODate)));
    if (q.price.has_value() == q.discountPercent.has_value())
        return bad(QStringLiteral("give either a price or a discount rate"));
    BillAnalytics a;
    a.days = int(q.settle.daysTo(q.maturity));
    if (a.days > 366)
        return bad(QStringLiteral("a bill matures within a year (this one in %1 days)").arg(a.days));
    // Discount basis (ACT/360): the market quote of a bill.
    if (q.discountPercent) {
        if (*q.discountPercent < -5 || *q.discountPercent >= 36000.0 / a.days)
            return bad(QStringLiteral("discount rate %1% gives no price").arg(*q.discountPercent));
        a.discountPercent = *q.discountPercent;
        a.price = 100.0 * (1.0 - a.discountPercent / 100.0 * a.days / 360.0);
    } else {
        if (*q.price <= 0 || *q.price > 105)
            return bad(QStringLiteral("price %1 is not a bill price per 100").arg(*q.price));
        a.price = *q.price;
        a.discountPercent = (100.0 - a.price) / 100.0 * 360.0 / a.days * 100.0;
    }
    // Investment rate as the Treasury computes it: simple interest up to half a year, and the
    // half-year compounding equation beyond; the year has 366 days when it holds a 29 February.
    const QDate yearEnd = q.settle.addYears(1);
    int yearDays = 365;
    for (QDate d = q.settle.addDays(1); d <= yearEnd; d = d.addDays(1))
        if (d.month() == 2 && d.day() == 29)
            yearDays = 366;
    const double r = a.days / double(yearDays);
    if (a.days <= yearDays / 2) {
        a.investmentPercent = (100.0 - a.price) / a.price / r * 100.0;
    } else {
        const double aa = r / 2.0 - 0.25, b = r, c = (a.price - 100.0) / a.price;
        a.investmentPercent = (-b + std::sqrt(b * b - 4 * aa * c)) / (2 * aa) * 100.0;
    }
    // DV01 through QuantLib, on the investment rate.
    const QuantLibEntry guard;
    try {
        QuantLib::Settings::instance().evaluationDate() = toQl(q.settle);
        QuantLib::ZeroCouponBond bond(0, QuantLib::NullCalendar(), 100.0, toQl(q.maturity), QuantLib::Unadjusted, 100.0,
                                      toQl(q.settle));
        const QuantLib::InterestRate rate(a.investmentPercent / 100.0, QuantLib::Actual365Fixed(), QuantLib::Simple,
                                          QuantLib::Annual);
        a.dv01PerMillion = std::abs(QuantLib::BondFunctions::basisPointValue(bond, rate, toQl(q.settle))) * 10'000.0;
    } catch (const std::exception &) {
        a.dv01PerMillion = 0;
    }
    return a;
}

QJsonObject OptionAnalytics::toJson() const
{
    QJsonObject o{{QStringLiteral("price"), price},   {QStringLiteral("delta"), delta}, {QStringLiteral("gamma"), gamma},
                  {QStringLiteral("vega"), vega},     {QStringLiteral("theta"), theta}, {QStringLiteral("rho"), rho}};
    if (impliedVolatility)
        o.insert(QStringLiteral("implied_volatility"), *impliedVolatility);
    return o;
}

Result<OptionAnalytics> analyzeOption(const OptionQuery &q)
{
    if (q.spot <= 0 || q.strike <= 0)
        return bad(QStringLiteral("spot and strike must be positive"));
    if (!q.expiry.isValid() || !q.valuation.isValid() || q.expiry <= q.valuation)
        return bad(QStringLiteral("the expiry must be after the valuation date"));
    if (q.volatility <= 0 || q.volatility > 5)
        return bad(QStringLiteral("volatility %1 is not an annual fraction (0.25 for 25%)").arg(q.volatility));
    if (std::abs(q.rate) > 1 || q.dividend < 0 || q.dividend > 1)
        return bad(QStringLiteral("rate and dividend are annual fractions (0.045 for 4.5%)"));
    const QuantLibEntry guard;
    try {
        using namespace QuantLib;
        const Date today = toQl(q.valuation);
        Settings::instance().evaluationDate() = today;
        const DayCounter dc = Actual365Fixed();
        auto spot = ext::make_shared<SimpleQuote>(q.spot);
        Handle<YieldTermStructure> rates(ext::make_shared<FlatForward>(today, q.rate, dc));
        Handle<YieldTermStructure> dividends(ext::make_shared<FlatForward>(today, q.dividend, dc));
        auto vol = ext::make_shared<SimpleQuote>(q.volatility);
        Handle<BlackVolTermStructure> surface(ext::make_shared<BlackConstantVol>(today, NullCalendar(), Handle<Quote>(vol), dc));
        auto process = ext::make_shared<BlackScholesMertonProcess>(Handle<Quote>(spot), dividends, rates, surface);
        VanillaOption option(ext::make_shared<PlainVanillaPayoff>(q.call ? Option::Call : Option::Put, q.strike),
                             ext::make_shared<EuropeanExercise>(toQl(q.expiry)));
        option.setPricingEngine(ext::make_shared<AnalyticEuropeanEngine>(process));
        OptionAnalytics a;
        a.price = option.NPV();
        a.delta = option.delta();
        a.gamma = option.gamma();
        a.vega = option.vega() / 100.0;
        a.theta = option.thetaPerDay();
        a.rho = option.rho() / 100.0;
        if (q.marketPrice) {
            if (*q.marketPrice <= 0)
                return bad(QStringLiteral("an option price must be positive"));
            a.impliedVolatility = option.impliedVolatility(*q.marketPrice, process, 1.0e-8, 1000, 1.0e-4, 5.0);
        }
        return a;
    } catch (const std::exception &e) {
        return bad(QStringLiteral("QuantLib: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace instant::analytics
