#include "analytics/marketcalendar.h"

#include <ql/time/calendars/unitedstates.hpp>

#include <algorithm>
#include <bitset>
#include <mutex>
#include <unordered_map>

namespace instant::analytics {

namespace {

QuantLib::Date toQl(QDate d)
{
    return QuantLib::Date(d.day(), static_cast<QuantLib::Month>(d.month()), d.year());
}

// QuantLib's dates end at 1901 and 2199 (it throws beyond them): outside them only weekends are
// holidays.
bool inQuantLibRange(QDate date)
{
    return date.isValid() && date.year() > 1901 && date.year() < 2199;
}

const QuantLib::Calendar &quantLibCalendar(MarketCalendar calendar)
{
    // Built once (thread-safe statics); QuantLib's calendars only read after that.
    static const QuantLib::Calendar bonds = QuantLib::UnitedStates(QuantLib::UnitedStates::GovernmentBond);
    static const QuantLib::Calendar nyse = QuantLib::UnitedStates(QuantLib::UnitedStates::NYSE);
    static const QuantLib::Calendar fed = QuantLib::UnitedStates(QuantLib::UnitedStates::FederalReserve);
    switch (calendar) {
    case MarketCalendar::UsGovernmentBond: return bonds;
    case MarketCalendar::Nyse: return nyse;
    case MarketCalendar::FederalReserve: return fed;
    }
    return bonds;
}

// What QuantLib says, with the one correction below.
bool askQuantLib(MarketCalendar calendar, QDate date)
{
    // The Federal Reserve does not move a Saturday holiday to the Friday before; QuantLib 1.29
    // does for Juneteenth (it closes Friday 18 June 2027 and 2032).
    if (calendar == MarketCalendar::FederalReserve && date.dayOfWeek() == 5 && date.month() == 6 && date.day() == 18)
        return true;
    return quantLibCalendar(calendar).isBusinessDay(toQl(date));
}

// Every order asks for its settlement date, a few calendar look-ups each: a calendar's year is
// asked of QuantLib once, then read from here. Holidays are fixed rules, so nothing goes stale.
class BusinessDays
{
public:
    bool isOpen(MarketCalendar calendar, QDate date)
    {
        const int key = int(calendar) * 10'000 + date.year();
        std::lock_guard lock(m_mutex);
        auto it = m_years.find(key);
        if (it == m_years.end()) {
            std::bitset<367> open;
            for (QDate d(date.year(), 1, 1); d.year() == date.year(); d = d.addDays(1))
                open[size_t(d.dayOfYear())] = askQuantLib(calendar, d);
            it = m_years.emplace(key, open).first;
        }
        return it->second[size_t(date.dayOfYear())];
    }

private:
    std::mutex m_mutex;
    std::unordered_map<int, std::bitset<367>> m_years;
};

BusinessDays &businessDays()
{
    static BusinessDays days;
    return days;
}

QDate step(QDate date, int days, const auto &isOpen)
{
    if (!date.isValid())
        return date;
    do
        date = date.addDays(days);
    while (date.isValid() && !isOpen(date));
    return date;
}

} // namespace

MarketCalendar calendarOf(InstrumentKind kind)
{
    return isTreasury(kind) ? MarketCalendar::UsGovernmentBond : MarketCalendar::Nyse;
}

MarketCalendar calendarOf(const Instrument &instrument)
{
    return calendarOf(instrument.kind);
}

bool isBusinessDay(MarketCalendar calendar, QDate date)
{
    if (!date.isValid())
        return false;
    if (!inQuantLibRange(date))
        return date.dayOfWeek() <= 5;
    return businessDays().isOpen(calendar, date);
}

QDate nextBusinessDay(MarketCalendar calendar, QDate date)
{
    return step(date, 1, [calendar](QDate d) { return isBusinessDay(calendar, d); });
}

QDate previousBusinessDay(MarketCalendar calendar, QDate date)
{
    return step(date, -1, [calendar](QDate d) { return isBusinessDay(calendar, d); });
}

QDate onOrAfter(MarketCalendar calendar, QDate date)
{
    return isBusinessDay(calendar, date) || !date.isValid() ? date : nextBusinessDay(calendar, date);
}

QDate onOrBefore(MarketCalendar calendar, QDate date)
{
    return isBusinessDay(calendar, date) || !date.isValid() ? date : previousBusinessDay(calendar, date);
}

bool isSessionDay(QDate date)
{
    return isBusinessDay(MarketCalendar::Nyse, date) && isBusinessDay(MarketCalendar::UsGovernmentBond, date);
}

QDate nextSessionDay(QDate date)
{
    return step(date, 1, isSessionDay);
}

QDate sessionDayOnOrAfter(QDate date)
{
    return isSessionDay(date) || !date.isValid() ? date : nextSessionDay(date);
}

QDate fridayExpiry(QDate friday)
{
    return isBusinessDay(MarketCalendar::Nyse, friday) ? friday : friday.addDays(-1);
}

QDate monthlyExpiry(int year, int month)
{
    QDate first(year, month, 1);
    const QDate firstFriday = first.addDays((5 - first.dayOfWeek() + 7) % 7); // Qt: Friday is 5
    return fridayExpiry(firstFriday.addDays(14));
}

bool isMonthlyExpiry(QDate date)
{
    return date.isValid() && monthlyExpiry(date.year(), date.month()) == date;
}

QList<QDate> listedExpiries(QDate tradeDate)
{
    QList<QDate> out;
    auto add = [&out](QDate d) {
        if (!out.contains(d))
            out.append(d);
    };
    // Monthlies: the next three not yet expired.
    QDate month(tradeDate.year(), tradeDate.month(), 1);
    int monthlies = 0;
    for (; monthlies < 3; month = month.addMonths(1)) {
        const QDate e = monthlyExpiry(month.year(), month.month());
        if (e >= tradeDate) {
            add(e);
            ++monthlies;
        }
    }
    // Two quarterlies after them.
    for (int quarterlies = 0; quarterlies < 2; month = month.addMonths(1)) {
        if (month.month() % 3 == 0) {
            add(monthlyExpiry(month.year(), month.month()));
            ++quarterlies;
        }
    }
    // Weeklies: the nearest four Fridays (one of them may be a monthly).
    QDate friday = tradeDate.addDays((5 - tradeDate.dayOfWeek() + 7) % 7);
    for (int n = 0; n < 4; friday = friday.addDays(7)) {
        const QDate e = fridayExpiry(friday);
        if (e < tradeDate)
            continue; // a Thursday expiry already behind
        add(e);
        ++n;
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<QString> whyNotTradable(const Instrument &instrument, QDate tradeDate)
{
    if (instrument.kind == InstrumentKind::EquityOption && instrument.expiry.isValid() && tradeDate > instrument.expiry)
        return QStringLiteral("%1 expired on %2").arg(instrument.symbol, instrument.expiry.toString(Qt::ISODate));
    if (isTreasury(instrument.kind) && instrument.maturityDate.isValid()) {
        if (tradeDate >= instrument.maturityDate)
            return QStringLiteral("%1 matured on %2").arg(instrument.symbol, instrument.maturityDate.toString(Qt::ISODate));
        const QDate settle = nextBusinessDay(MarketCalendar::UsGovernmentBond, tradeDate);
        if (settle >= instrument.maturityDate)
            return QStringLiteral("%1 matures on %2, before a trade today would settle (%3)")
                .arg(instrument.symbol, instrument.maturityDate.toString(Qt::ISODate), settle.toString(Qt::ISODate));
    }
    return std::nullopt;
}

} // namespace instant::analytics
