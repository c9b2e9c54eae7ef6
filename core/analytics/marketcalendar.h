#pragma once

#include "refdata/instrument.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace instant::analytics {

// The business days of the US markets the desk trades in (QuantLib's calendars): the
// government-bond market (SIFMA's recommendations: closed on Columbus and Veterans Day and on Good
// Friday), the New York Stock Exchange (open on Columbus and Veterans Day), and the Federal
// Reserve's wire, on which the Treasury issues securities and pays interest and principal (open on
// Good Friday; a holiday that falls on a Saturday is not observed).
enum class MarketCalendar : quint8 { UsGovernmentBond, Nyse, FederalReserve };

// Treasuries settle on the bond calendar, stocks and options on the exchange's.
MarketCalendar calendarOf(const Instrument &instrument);
MarketCalendar calendarOf(InstrumentKind kind);

bool isBusinessDay(MarketCalendar calendar, QDate date);
QDate nextBusinessDay(MarketCalendar calendar, QDate date);     // the first after `date`
QDate previousBusinessDay(MarketCalendar calendar, QDate date); // the last before `date`
QDate onOrAfter(MarketCalendar calendar, QDate date);           // `date`, or the next business day
QDate onOrBefore(MarketCalendar calendar, QDate date);          // `date`, or the previous business day

// A session of the demo venue: a day both markets are open.
bool isSessionDay(QDate date);
QDate nextSessionDay(QDate date);        // the first after `date`
QDate sessionDayOnOrAfter(QDate date);

// Listed equity options. A monthly series expires on the third Friday of its month, or on the
// Thursday before when the exchange is closed that Friday; a weekly on a Friday (same rule).
QDate monthlyExpiry(int year, int month);
bool isMonthlyExpiry(QDate date);
QDate fridayExpiry(QDate friday); // the Friday, or the Thursday before when it is a holiday
// The expiries listed on a trading date: the next three monthly expiries, the next two quarterly
// ones (March, June, September, December) after them, and weeklies for the nearest four Fridays
// (a Friday that is a monthly expiry is that series). Sorted, none before `tradeDate`.
QList<QDate> listedExpiries(QDate tradeDate);

// Why an instrument cannot trade on `tradeDate` (an option past its expiry, a Treasury that
// matures before a trade today would settle), or nothing when it can.
std::optional<QString> whyNotTradable(const Instrument &instrument, QDate tradeDate);

} // namespace instant::analytics
