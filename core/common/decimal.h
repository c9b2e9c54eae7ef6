#pragma once

#include <QString>

#include <optional>
#include <string>

namespace instant {

// A decimal number exactly as a counterparty wrote it ("1000000.0", "9.131", "99.515625"):
// mantissa × 10^-places. FIX writes quantities and prices this way; an average-priced fill falls
// between the ticks of the instrument and must be booked exactly, not rounded to the grid.
struct Decimal
{
    qint64 mantissa = 0;
    int places = 0; // digits after the point, trailing zeros removed

    // A plain decimal: optional '-', digits, an optional point and digits (FIX "float"). At most
    // 18 significant digits; nullopt otherwise.
    static std::optional<Decimal> parse(const std::string &text);
    static Decimal ofUnits(qint64 units, qint64 scale); // a price in an instrument's units
    QString text() const;                               // shortest exact form: "9.131", "1000000"
    bool isInteger() const { return places == 0; }
    // The value in units of 1/scale when it is exactly one: 9.13 at scale 100 is 913.
    std::optional<qint64> exactUnits(qint64 scale) const;
    // Nearest units of 1/scale (half away from zero), for marks and averages.
    qint64 nearestUnits(qint64 scale) const;
    bool operator==(const Decimal &) const = default;
};

} // namespace instant
