#include "analytics/bondanalytics.h"

#include <ql/instruments/bonds/fixedratebond.hpp>
#include <ql/instruments/bonds/zerocouponbond.hpp>
#include <ql/pricingengines/bond/bondfunctions.hpp>
#include <ql/settings.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/calendars/unitedstates.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>
#include <ql/time/daycounters/actualactual.hpp>
#include <ql/time/schedule.hpp>

#include <memory>
#include <mutex>
#include <unordered_map>

namespace instant::analytics {

std::optional<double> computeDv01(const Instrument &instrument, Price cleanPrice, QDate settle);

namespace {

// QuantLib keeps global state (Settings::evaluationDate, observers) that is not thread-safe;
// the engine thread and the GUI thread both price, so every call here takes this lock.
std::recursive_mutex &quantLibLock()
{
    static std::recursive_mutex lock;
    return lock;
}

QuantLib::Date toQl(QDate d)
{
    return QuantLib::Date(d.day(), static_cast<QuantLib::Month>(d.month()), d.year());
}

QDate fromQl(const QuantLib::Date &d)
{
    return QDate(d.year(), static_cast<int>(d.month()), d.dayOfMonth());
}

QuantLib::Calendar calendarFor(const Instrument &instrument)
{
    if (isTreasury(instrument.kind))
        return QuantLib::UnitedStates(QuantLib::UnitedStates::GovernmentBond);
    return QuantLib::UnitedStates(QuantLib::UnitedStates::NYSE);
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
    const QuantLib::Schedule schedule(toQl(i.datedDate), toQl(i.maturityDate), QuantLib::Period(QuantLib::Semiannual),
                                      QuantLib::NullCalendar(), QuantLib::Unadjusted, QuantLib::Unadjusted,
                                      QuantLib::DateGeneration::Backward, false);
    b.dayCounter = QuantLib::ActualActual(QuantLib::ActualActual::ISMA, schedule);
    b.bond = std::make_unique<QuantLib::FixedRateBond>(0, 100.0, schedule,
                                                       std::vector<QuantLib::Rate>{i.couponPercent / 100.0}, b.dayCounter);
    return b;
}

} // namespace

QDate settlementDate(const Instrument &instrument, QDate tradeDate)
{
    std::lock_guard guard(quantLibLock());
    return fromQl(calendarFor(instrument).advance(toQl(tradeDate), 1, QuantLib::Days));
}

bool isBusinessDay(const Instrument &instrument, QDate date)
{
    std::lock_guard guard(quantLibLock());
    return calendarFor(instrument).isBusinessDay(toQl(date));
}

QDate nextBusinessDay(const Instrument &instrument, QDate date)
{
    std::lock_guard guard(quantLibLock());
    return fromQl(calendarFor(instrument).advance(toQl(date), 1, QuantLib::Days));
}

std::optional<double> yieldPercent(const Instrument &instrument, Price cleanPrice, QDate settle)
{
    std::lock_guard guard(quantLibLock());
    auto b = makeBond(instrument, settle);
    if (!b)
        return std::nullopt;
    try {
        const double price = instrument.toDouble(cleanPrice);
        return 100.0 * QuantLib::BondFunctions::yield(*b->bond, price, b->dayCounter, b->compounding, b->frequency,
                                                      toQl(settle));
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

std::optional<double> priceForYield(const Instrument &instrument, double yieldPct, QDate settle)
{
    std::lock_guard guard(quantLibLock());
    auto b = makeBond(instrument, settle);
    if (!b)
        return std::nullopt;
    try {
        const QuantLib::InterestRate rate(yieldPct / 100.0, b->dayCounter, b->compounding, b->frequency);
        return QuantLib::BondFunctions::cleanPrice(*b->bond, rate, toQl(settle)) * double(instrument.priceScale);
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

std::optional<double> dv01PerUnitFace(const Instrument &instrument, Price cleanPrice, QDate settle)
{
    // Solving for the yield dominates; risk checks ask for the same few prices again and again.
    struct Key
    {
        QString id;
        qint64 price;
        qint64 day;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const { return qHash(k.id) ^ std::hash<qint64>()(k.price * 31 + k.day); }
    };
    thread_local std::unordered_map<Key, std::optional<double>, KeyHash> cache;
    const Key key{instrument.id, cleanPrice.value(), settle.toJulianDay()};
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    if (cache.size() > 50'000)
        cache.clear();
    auto value = computeDv01(instrument, cleanPrice, settle);
    cache.emplace(key, value);
    return value;
}

std::optional<double> computeDv01(const Instrument &instrument, Price cleanPrice, QDate settle)
{
    std::lock_guard guard(quantLibLock());
    auto b = makeBond(instrument, settle);
    if (!b)
        return std::nullopt;
    try {
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
