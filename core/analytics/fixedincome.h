#pragma once

#include "common/result.h"

#include <QDate>
#include <QJsonObject>

#include <optional>

namespace instant::analytics {

// A Treasury note or bond, street convention: semiannual coupons, ACT/ACT (ICMA), settlement
// on the US government-bond calendar. Give the clean price or the yield; the other is solved.
struct NoteQuery
{
    double couponPercent = 0;
    QDate maturity;
    QDate dated;            // accrual start of the issue; default: maturity less whole half-years
    QDate settle;
    std::optional<double> cleanPrice; // per 100
    std::optional<double> yieldPercent;
    // Street: compounding over the whole life, fractional first period included. Treasury: the
    // fractional period to the next coupon at simple interest (31 CFR 356, Appendix B), which is
    // how auction prices are published.
    enum class Convention { Street, Treasury } convention = Convention::Street;
};

struct NoteAnalytics
{
    double cleanPrice = 0;
    double yieldPercent = 0;
    double accrued = 0;       // per 100
    double dirtyPrice = 0;
    double modifiedDuration = 0;
    double macaulayDuration = 0;
    double dv01PerMillion = 0; // dollars per basis point for 1,000,000 face
    double convexity = 0;
    int accruedDays = 0;
    QDate previousCoupon;
    QDate nextCoupon;
    QJsonObject toJson() const;
};

Result<NoteAnalytics> analyzeNote(const NoteQuery &query);

// A Treasury bill: price per 100, discount rate (ACT/360) and investment rate (bond-equivalent
// yield, as the Treasury computes it for bills up to and over half a year).
struct BillQuery
{
    QDate maturity;
    QDate settle;
    std::optional<double> price;
    std::optional<double> discountPercent;
};

struct BillAnalytics
{
    double price = 0;
    double discountPercent = 0;
    double investmentPercent = 0;
    int days = 0;
    double dv01PerMillion = 0;
    QJsonObject toJson() const;
};

Result<BillAnalytics> analyzeBill(const BillQuery &query);

// A listed equity option, Black-Scholes-Merton (European exercise) through QuantLib.
struct OptionQuery
{
    bool call = true;
    double spot = 0;
    double strike = 0;
    QDate valuation;
    QDate expiry;
    double volatility = 0;  // annual, as a fraction (0.25)
    double rate = 0;        // continuously compounded, fraction
    double dividend = 0;    // continuous yield, fraction
    std::optional<double> marketPrice; // solve the implied volatility from it
};

struct OptionAnalytics
{
    double price = 0;
    double delta = 0;
    double gamma = 0;
    double vega = 0;  // per 1 vol point (0.01)
    double theta = 0; // per calendar day
    double rho = 0;   // per 1 rate point (0.01)
    std::optional<double> impliedVolatility;
    QJsonObject toJson() const;
};

Result<OptionAnalytics> analyzeOption(const OptionQuery &query);

} // namespace instant::analytics
