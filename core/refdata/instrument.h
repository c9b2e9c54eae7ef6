#pragma once

#include "common/decimal.h"
#include "common/result.h"
#include "common/types.h"

#include <QDate>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace instant {

enum class InstrumentKind : quint8 { TreasuryBill, TreasuryNote, TreasuryBond, Equity, EquityOption };
enum class OptionRight : quint8 { Call, Put };

QString toString(InstrumentKind kind);
bool isTreasury(InstrumentKind kind);

// A tradable instrument. Prices are integers in `priceScale` units per 1.0 of the quoted price
// (Treasuries are quoted per 100 face: 256 units = one point, so 1 unit = 1/8 of a 32nd).
struct Instrument
{
    QString id;          // CUSIP for Treasuries, ticker for stocks, OCC-style symbol for options
    QString symbol;      // how a trader names it: "UST 10Y", "AAPL", "AAPL 18DEC26 200 C"
    QString description;
    InstrumentKind kind = InstrumentKind::Equity;
    qint64 priceScale = 100;      // price units per 1.0 of quoted price
    qint64 tickSize = 1;          // smallest price increment, in price units
    qint64 lotSize = 1;           // quantities are multiples of this
    qint64 contractMultiplier = 1; // 100 for equity options
    bool quotedPer100 = false;    // true for Treasuries: price per 100 of face

    // Treasuries
    QString tenor;                // "4W" … "52W", "2Y" … "30Y"
    double couponPercent = 0;     // 0 for bills
    QDate datedDate;              // accrual start
    QDate maturityDate;
    // An odd first coupon: the first interest payment, when it is not the first regular coupon
    // date after the dated date (a long first coupon). Invalid: the regular schedule.
    QDate firstCouponDate;

    // Options
    QString underlying;
    Price strike;
    QDate expiry;
    OptionRight right = OptionRight::Call;

    Price referencePrice;         // where the demo market starts; 0 when no price is known
    double annualVolatility = 0.2; // of the simulated mid (price for stocks, yield bp for Treasuries)

    enum class Rounding { Nearest, Up, Down };
    // Notional in cents of `quantity` at `price`. Reservations round up and buy fills down, so
    // what a fill costs never exceeds what its part of the reservation held.
    qint64 notionalCents(Quantity quantity, Price price, Rounding rounding = Rounding::Nearest) const;
    // The same for a price exactly as a venue wrote it, on the grid or not (an average-priced fill).
    qint64 notionalCents(Quantity quantity, const Decimal &price, Rounding rounding = Rounding::Nearest) const;
    // A price as the market writes it: 32nds for notes and bonds (99-16+, 99-162), decimals
    // otherwise.
    QString formatPrice(Price price) const;
    Result<Price> parsePrice(const QString &text) const;
    bool onTick(Price price) const { return price.value() % tickSize == 0; }
    double toDouble(Price price) const { return double(price.value()) / double(priceScale); }

    // The whole definition, as InstrumentListed records it and reads it back; fromJson() refuses a
    // definition no market could trade (no id, a tick or lot of zero, an option without expiry).
    QJsonObject toJson() const;
    static Result<Instrument> fromJson(const QJsonObject &o);
    // The terms that make the security what it is (not its symbol, description or demo price).
    bool sameDefinition(const Instrument &other) const;
};

// Treasury prices in 32nds, in units of 1/256 of a point (one eighth of a 32nd).
namespace thirtyseconds {

constexpr qint64 UnitsPerPoint = 256;
// "99-16" (16/32), "99-16+" (16.5/32), "99-162" (16 2/8 /32), "99-16¼" / "99-16½" / "99-16¾",
// "99-16 1/4", or a decimal "99.515625". Exactly representable only.
Result<qint64> parse(const QString &text);
// The market's form: "99-16", "99-16+", "99-162".
QString format(qint64 units);

} // namespace thirtyseconds

// "5mm" = 5,000,000; "250k" = 250,000; "1,000" = 1,000; "2bn" = 2,000,000,000.
std::optional<qint64> parseQuantity(const QString &text);
// A size as a desk writes it, which parseQuantity() reads back: "24mm", "1.5mm", "250k", "2bn";
// below 100,000 (and anything not exact in those units) with separators: "2,500", "100".
// Treasuries are face, always in k or mm from 1,000 on: "5k", "25mm".
QString formatQuantity(qint64 quantity, const Instrument *instrument = nullptr);

struct Account
{
    QString id;
    QString name;
    qint64 openingCashCents = 0;
};

} // namespace instant
