#pragma once

#include "refdata/instrument.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace instant::analytics {

// The marketable Treasury securities auctioned on a regular schedule.
enum class TreasuryTerm : quint8 { Bill4W, Bill6W, Bill8W, Bill13W, Bill17W, Bill26W, Bill52W, Note2Y, Note3Y, Note5Y, Note7Y, Note10Y, Bond20Y, Bond30Y };

inline constexpr TreasuryTerm AllTreasuryTerms[] = {
    TreasuryTerm::Bill4W,  TreasuryTerm::Bill6W, TreasuryTerm::Bill8W, TreasuryTerm::Bill13W, TreasuryTerm::Bill17W,
    TreasuryTerm::Bill26W, TreasuryTerm::Bill52W, TreasuryTerm::Note2Y, TreasuryTerm::Note3Y, TreasuryTerm::Note5Y,
    TreasuryTerm::Note7Y,  TreasuryTerm::Note10Y, TreasuryTerm::Bond20Y, TreasuryTerm::Bond30Y};

QString tenorOf(TreasuryTerm term);            // "4W" … "52W", "2Y" … "30Y"
std::optional<TreasuryTerm> termOfTenor(const QString &tenor);
InstrumentKind kindOf(TreasuryTerm term);
double yearsOf(TreasuryTerm term);             // 4 weeks: 28/365.25

// One issue of a Treasury security as the auction calendar sets it. A reopening sells more of
// an outstanding security: same CUSIP, dated date, maturity and coupon as its original issue.
struct TreasuryIssue
{
    TreasuryTerm term = TreasuryTerm::Bill4W;
    QDate auctionDate;
    QDate issueDate;         // settlement of the auction: the usual day, or the next business day
    QDate datedDate;         // interest accrues from (the original issue's); a bill's issue date
    QDate maturityDate;
    QDate originalIssueDate; // of the security (this issue's own unless a reopening)
    bool reopening = false;

    // Fictitious but well formed (issuer 9127Z/9128Z/9129Z, never a real Treasury's) and stable:
    // the same security has the same CUSIP whichever date the calendar is asked about.
    QString cusip() const;
    bool operator==(const TreasuryIssue &) const = default;
};

// The rules, after TreasuryDirect's "When Auctions Happen" and 31 CFR 356:
// - bills: 4-, 8- and 17-week issued on Tuesdays, 6-, 13- and 26-week on Thursdays, every week;
//   the 52-week on every fourth Thursday. N weeks to maturity; an issue or maturity that falls on
//   a day the Federal Reserve's wire is closed moves to its next business day (as every date here).
// - 2-, 5- and 7-year notes: a new issue each month, dated the last day of the month and issued
//   then (or on the next business day), maturing on the last day of the month N years later.
// - 3-year notes: a new issue each month, dated and issued on the 15th (or the next business day).
// - 10-year notes and 30-year bonds: new issues dated the 15th of February, May, August and
//   November, reopened in the two months after, each issue settling on the 15th.
// - 20-year bonds: new issues dated the 15th of February, May, August and November but issued at
//   the month's end, reopened at the end of the two months after.
// Auction dates are the usual weekday before the issue (informational).
//
// Issues of `term` settling in [from, to], in date order.
QList<TreasuryIssue> treasuryIssues(TreasuryTerm term, QDate from, QDate to);
// The newest issue of `term` settled on or before `date`, and the newest original issue settled
// before that one's security was first issued (the previous on-the-run, now off the run).
std::optional<TreasuryIssue> latestIssue(TreasuryTerm term, QDate date);
std::optional<TreasuryIssue> previousSecurity(const TreasuryIssue &issue);

// Semiannual coupon dates of a note or bond, back from maturity: the same day of the month, or
// the last day when the security matures on a month's last day (31 CFR 356, Appendix B). Every
// date after `dated` up to and including maturity.
QList<QDate> couponDates(QDate dated, QDate maturity);

// The coupon a new issue gets at auction: the high yield rounded down to the nearest 1/8 of one
// percent, at least 1/8 (31 CFR 356.20).
double auctionCoupon(double highYieldPercent);

} // namespace instant::analytics
