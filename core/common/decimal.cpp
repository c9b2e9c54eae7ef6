#include "common/decimal.h"

#include <limits>

namespace instant {

__extension__ typedef __int128 Wide; // exact products of quantities and prices

namespace {

Wide pow10(int n)
{
    Wide v = 1;
    while (n-- > 0)
        v *= 10;
    return v;
}

} // namespace

std::optional<Decimal> Decimal::parse(const std::string &text)
{
    if (text.empty() || text.size() > 40)
        return std::nullopt;
    size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative)
        ++i;
    if (i == text.size())
        return std::nullopt;
    Wide mantissa = 0;
    int places = 0, digits = 0;
    bool point = false, any = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            if (point)
                return std::nullopt;
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        any = true;
        if (mantissa == 0 && c == '0' && !point)
            continue; // leading zeros
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0)
            ++digits;
        if (point)
            ++places;
        if (digits > 18)
            return std::nullopt;
    }
    if (!any || places > 18 + 22) // leading zeros after the point: still at most 18 after trimming below
        return std::nullopt;
    while (places > 0 && mantissa % 10 == 0) {
        mantissa /= 10;
        --places;
    }
    if (places > 18)
        return std::nullopt; // finer than any price or quantity: refused, not rounded
    Decimal d;
    d.mantissa = qint64(negative ? -mantissa : mantissa);
    d.places = places;
    return d;
}

Decimal Decimal::ofUnits(qint64 units, qint64 scale)
{
    // Scales are 100, 256, 10000…: a fraction of them ends within 18 places.
    Decimal d;
    Wide m = units;
    Wide s = scale;
    int places = 0;
    while (m % s != 0 && places < 18) {
        m *= 10;
        ++places;
    }
    d.mantissa = qint64(m / s);
    d.places = places;
    while (d.places > 0 && d.mantissa % 10 == 0) {
        d.mantissa /= 10;
        --d.places;
    }
    return d;
}

QString Decimal::text() const
{
    QString digits = QString::number(mantissa < 0 ? -mantissa : mantissa);
    if (places > 0) {
        if (digits.size() <= places)
            digits = QString(places - digits.size() + 1, u'0') + digits;
        digits.insert(digits.size() - places, u'.');
    }
    return mantissa < 0 ? u'-' + digits : digits;
}

std::optional<qint64> Decimal::exactUnits(qint64 scale) const
{
    const Wide n = Wide(mantissa) * scale;
    const Wide d = pow10(places);
    if (n % d != 0)
        return std::nullopt;
    const Wide v = n / d;
    if (v > std::numeric_limits<qint64>::max() || v < std::numeric_limits<qint64>::min())
        return std::nullopt;
    return qint64(v);
}

qint64 Decimal::nearestUnits(qint64 scale) const
{
    const Wide n = Wide(mantissa) * scale;
    const Wide d = pow10(places);
    Wide q = n / d;
    const Wide r = n % d;
    if (2 * (r < 0 ? -r : r) >= d)
        q += n < 0 ? -1 : 1;
    return qint64(q);
}

} // namespace instant
