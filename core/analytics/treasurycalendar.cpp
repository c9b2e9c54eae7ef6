#include "analytics/treasurycalendar.h"

#include "analytics/marketcalendar.h"
#include "refdata/referencedata.h"

#include <cmath>

namespace instant::analytics {

namespace {

// The Treasury issues, and pays, on the Federal Reserve's business days.
constexpr MarketCalendar Bonds = MarketCalendar::FederalReserve;

struct TermRule
{
    TreasuryTerm term;
    const char *tenor;
    int weeks;       // bills
    int years;       // notes and bonds
    int issueWeekday; // bills: Qt's 1 (Monday) … 7
    int auctionDaysBefore;
};

constexpr TermRule Rules[] = {
    {TreasuryTerm::Bill4W, "4W", 4, 0, 2, 5},   {TreasuryTerm::Bill6W, "6W", 6, 0, 4, 2},
    {TreasuryTerm::Bill8W, "8W", 8, 0, 2, 5},   {TreasuryTerm::Bill13W, "13W", 13, 0, 4, 3},
    {TreasuryTerm::Bill17W, "17W", 17, 0, 2, 6}, {TreasuryTerm::Bill26W, "26W", 26, 0, 4, 3},
    {TreasuryTerm::Bill52W, "52W", 52, 0, 4, 2}, {TreasuryTerm::Note2Y, "2Y", 0, 2, 0, 7},
    {TreasuryTerm::Note3Y, "3Y", 0, 3, 0, 8},    {TreasuryTerm::Note5Y, "5Y", 0, 5, 0, 6},
    {TreasuryTerm::Note7Y, "7Y", 0, 7, 0, 5},    {TreasuryTerm::Note10Y, "10Y", 0, 10, 0, 7},
    {TreasuryTerm::Bond20Y, "20Y", 0, 20, 0, 12}, {TreasuryTerm::Bond30Y, "30Y", 0, 30, 0, 6},
};

const TermRule &ruleOf(TreasuryTerm term)
{
    return Rules[static_cast<int>(term)];
}

bool isBill(TreasuryTerm term)
{
    return ruleOf(term).weeks > 0;
}

QDate lastDayOfMonth(int year, int month)
{
    const QDate first(year, month, 1);
    return QDate(year, month, first.daysInMonth());
}

bool isRefundingMonth(int month)
{
    return month == 2 || month == 5 || month == 8 || month == 11;
}

// The 52-week bill is auctioned every fourth week: one issue of the cycle, 2 November 2023 (a
// function, not a static QDate: the calendar may be asked while statics are initialised).
QDate fiftyTwoWeekAnchor()
{
    return QDate(2023, 11, 2);
}

// The bills of one week: scheduled on the term's weekday of the week starting `monday`.
std::optional<TreasuryIssue> billIssue(TreasuryTerm term, QDate monday)
{
    const TermRule &r = ruleOf(term);
    const QDate scheduled = monday.addDays(r.issueWeekday - 1);
    if (term == TreasuryTerm::Bill52W && fiftyTwoWeekAnchor().daysTo(scheduled) % 28 != 0)
        return std::nullopt;
    TreasuryIssue i;
    i.term = term;
    i.issueDate = onOrAfter(Bonds, scheduled);
    i.datedDate = i.issueDate;
    i.originalIssueDate = i.issueDate;
    i.maturityDate = onOrAfter(Bonds, scheduled.addDays(7 * r.weeks));
    i.auctionDate = onOrAfter(Bonds, scheduled.addDays(-r.auctionDaysBefore));
    return i;
}

// The coupon security of one month (a new issue or a reopening), or nothing that month.
std::optional<TreasuryIssue> couponIssue(TreasuryTerm term, int year, int month)
{
    const TermRule &r = ruleOf(term);
    TreasuryIssue i;
    i.term = term;
    QDate dated, scheduled;
    switch (term) {
    case TreasuryTerm::Note2Y:
    case TreasuryTerm::Note5Y:
    case TreasuryTerm::Note7Y:
        dated = scheduled = lastDayOfMonth(year, month);
        i.maturityDate = lastDayOfMonth(year + r.years, month);
        break;
    case TreasuryTerm::Note3Y:
        dated = scheduled = QDate(year, month, 15);
        i.maturityDate = dated.addYears(r.years);
        break;
    case TreasuryTerm::Note10Y:
    case TreasuryTerm::Bond30Y:
    case TreasuryTerm::Bond20Y: {
        // New in the refunding months; the two months after reopen that month's issue.
        QDate original(year, month, 1);
        while (!isRefundingMonth(original.month()))
            original = original.addMonths(-1);
        dated = QDate(original.year(), original.month(), 15);
        i.reopening = original.month() != month;
        scheduled = term == TreasuryTerm::Bond20Y ? lastDayOfMonth(year, month) : QDate(year, month, 15);
        i.maturityDate = dated.addYears(r.years);
        if (i.reopening) {
            const QDate originalScheduled = term == TreasuryTerm::Bond20Y ? lastDayOfMonth(original.year(), original.month()) : dated;
            i.originalIssueDate = onOrAfter(Bonds, originalScheduled);
        }
        break;
    }
    default:
        return std::nullopt;
    }
    i.datedDate = dated;
    i.issueDate = onOrAfter(Bonds, scheduled);
    if (!i.reopening)
        i.originalIssueDate = i.issueDate;
    i.auctionDate = onOrBefore(Bonds, scheduled.addDays(-r.auctionDaysBefore));
    return i;
}

// Base 34 without I and O (which read as 1 and 0), as CUSIP issue numbers avoid them.
QString base34(qint64 value, int digits)
{
    static const char Alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    QString out(digits, u'0');
    for (int k = digits - 1; k >= 0; --k) {
        out[k] = QLatin1Char(Alphabet[value % 34]);
        value /= 34;
    }
    return out;
}

} // namespace

QString tenorOf(TreasuryTerm term)
{
    return QString::fromLatin1(ruleOf(term).tenor);
}

std::optional<TreasuryTerm> termOfTenor(const QString &tenor)
{
    for (const TermRule &r : Rules)
        if (tenor.compare(QLatin1String(r.tenor), Qt::CaseInsensitive) == 0)
            return r.term;
    return std::nullopt;
}

InstrumentKind kindOf(TreasuryTerm term)
{
    if (isBill(term))
        return InstrumentKind::TreasuryBill;
    return ruleOf(term).years >= 20 ? InstrumentKind::TreasuryBond : InstrumentKind::TreasuryNote;
}

double yearsOf(TreasuryTerm term)
{
    const TermRule &r = ruleOf(term);
    return r.weeks > 0 ? r.weeks * 7 / 365.25 : double(r.years);
}

QString TreasuryIssue::cusip() const
{
    QString first8;
    const int termIndex = static_cast<int>(term);
    if (isBill(term)) {
        // The week of the original issue (a holiday moves an issue within its week).
        const qint64 weeks = std::max<qint64>(0, QDate(2000, 1, 3).daysTo(originalIssueDate) / 7);
        first8 = QStringLiteral("9127Z") + base34(weeks * 7 + termIndex, 3);
    } else {
        // The month the security is dated in.
        const qint64 months = std::max<qint64>(0, qint64(datedDate.year() - 2000) * 12 + datedDate.month() - 1);
        first8 = (kindOf(term) == InstrumentKind::TreasuryBond ? QStringLiteral("9129Z") : QStringLiteral("9128Z"))
                 + base34(months * 7 + (termIndex - static_cast<int>(TreasuryTerm::Note2Y)), 3);
    }
    return first8 + cusipCheckDigit(first8);
}

QList<TreasuryIssue> treasuryIssues(TreasuryTerm term, QDate from, QDate to)
{
    QList<TreasuryIssue> out;
    if (!from.isValid() || !to.isValid() || to < from)
        return out;
    if (isBill(term)) {
        // A holiday moves an issue forward by a day or two: start a week early.
        QDate monday = from.addDays(-7 - (from.dayOfWeek() - 1));
        for (; monday <= to; monday = monday.addDays(7))
            if (auto i = billIssue(term, monday); i && i->issueDate >= from && i->issueDate <= to)
                out.append(*i);
        return out;
    }
    for (QDate month = QDate(from.year(), from.month(), 1).addMonths(-1); month <= to; month = month.addMonths(1))
        if (auto i = couponIssue(term, month.year(), month.month()); i && i->issueDate >= from && i->issueDate <= to)
            out.append(*i);
    return out;
}

std::optional<TreasuryIssue> latestIssue(TreasuryTerm term, QDate date)
{
    const QList<TreasuryIssue> issues = treasuryIssues(term, date.addDays(-70), date);
    if (issues.isEmpty())
        return std::nullopt;
    return issues.constLast();
}

std::optional<TreasuryIssue> previousSecurity(const TreasuryIssue &issue)
{
    const QDate before = issue.originalIssueDate.addDays(-1);
    const QList<TreasuryIssue> issues = treasuryIssues(issue.term, before.addDays(-200), before);
    for (auto it = issues.crbegin(); it != issues.crend(); ++it)
        if (!it->reopening)
            return *it;
    return std::nullopt;
}

QList<QDate> couponDates(QDate dated, QDate maturity)
{
    QList<QDate> out;
    if (!dated.isValid() || !maturity.isValid() || maturity <= dated)
        return out;
    const bool endOfMonth = maturity.day() == maturity.daysInMonth();
    for (int k = 0;; ++k) {
        QDate d = maturity.addMonths(-6 * k); // clamps the 31st to a shorter month's last day
        if (endOfMonth)
            d = QDate(d.year(), d.month(), d.daysInMonth());
        if (d <= dated)
            break;
        out.prepend(d);
    }
    return out;
}

double auctionCoupon(double highYieldPercent)
{
    const double eighths = std::floor(highYieldPercent * 8.0 + 1e-9);
    return std::max(1.0, eighths) / 8.0;
}

} // namespace instant::analytics
