#include "refdata/instrument.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace instant {

__extension__ typedef __int128 Wide; // exact products of quantities and prices

QString toString(InstrumentKind kind)
{
    switch (kind) {
    case InstrumentKind::TreasuryBill: return QStringLiteral("bill");
    case InstrumentKind::TreasuryNote: return QStringLiteral("note");
    case InstrumentKind::TreasuryBond: return QStringLiteral("bond");
    case InstrumentKind::Equity: return QStringLiteral("equity");
    case InstrumentKind::EquityOption: return QStringLiteral("option");
    }
    return {};
}

bool isTreasury(InstrumentKind kind)
{
    return kind == InstrumentKind::TreasuryBill || kind == InstrumentKind::TreasuryNote
           || kind == InstrumentKind::TreasuryBond;
}

qint64 Instrument::notionalCents(Quantity quantity, const Decimal &price, Rounding rounding) const
{
    // cents = qty × mantissa × multiplier × (100 unless quoted per 100) / 10^places
    Wide numerator = 0;
    if (__builtin_mul_overflow(Wide(quantity.value()), Wide(price.mantissa), &numerator)
        || __builtin_mul_overflow(numerator, Wide(contractMultiplier) * (quotedPer100 ? 1 : 100), &numerator))
        return (quantity.value() < 0) != (price.mantissa < 0) ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
    Wide denominator = 1;
    for (int i = 0; i < price.places; ++i)
        denominator *= 10;
    Wide whole = numerator / denominator;
    const Wide rest = numerator % denominator;
    switch (rounding) {
    case Rounding::Up: whole += rest > 0 ? 1 : 0; break;
    case Rounding::Down: whole -= rest < 0 ? 1 : 0; break;
    case Rounding::Nearest: whole += (2 * rest >= denominator ? 1 : 0) - (2 * rest <= -denominator ? 1 : 0); break;
    }
    if (whole > std::numeric_limits<qint64>::max())
        return std::numeric_limits<qint64>::max();
    if (whole < std::numeric_limits<qint64>::min())
        return std::numeric_limits<qint64>::min();
    return qint64(whole);
}

qint64 Instrument::notionalCents(Quantity quantity, Price price, Rounding rounding) const
{
    // cents = qty × units × multiplier × (100 unless quoted per 100) / scale, in exact integers
    qint64 numerator = 0;
    const qint64 factor = contractMultiplier * (quotedPer100 ? 1 : 100);
    if (__builtin_mul_overflow(quantity.value(), price.value(), &numerator)
        || __builtin_mul_overflow(numerator, factor, &numerator)) {
        const long double exact = static_cast<long double>(quantity.value()) * price.value() * factor / priceScale;
        const long double rounded = rounding == Rounding::Up     ? std::ceil(exact)
                                    : rounding == Rounding::Down ? std::floor(exact)
                                                                 : std::round(exact);
        // Past what a qint64 holds (±$92 quadrillion) the result stops at its bounds, which no limit
        // allows: converting a value out of range is undefined.
        constexpr long double Bound = 9223372036854775808.0L; // 2^63
        if (!(rounded < Bound))
            return std::numeric_limits<qint64>::max();
        if (rounded < -Bound)
            return std::numeric_limits<qint64>::min();
        return static_cast<qint64>(rounded);
    }
    const qint64 whole = numerator / priceScale;
    const qint64 rest = numerator % priceScale; // same sign as the numerator
    switch (rounding) {
    case Rounding::Up: return whole + (rest > 0 ? 1 : 0);
    case Rounding::Down: return whole - (rest < 0 ? 1 : 0);
    case Rounding::Nearest: return whole + (2 * rest >= priceScale ? 1 : 0) - (2 * rest <= -priceScale ? 1 : 0);
    }
    return whole;
}

QString Instrument::formatPrice(Price price) const
{
    if (kind == InstrumentKind::TreasuryNote || kind == InstrumentKind::TreasuryBond)
        return thirtyseconds::format(price.value());
    int decimals = 0;
    qint64 power = 1;
    for (qint64 s = priceScale; s > 1; s /= 10) {
        ++decimals;
        power *= 10;
    }
    if (power != priceScale) // not a decimal grid
        return QString::number(toDouble(price), 'f', decimals);
    // From the integer: a double has about 16 digits, fewer than a bill's price units can hold.
    const quint64 magnitude = price.value() < 0 ? 0 - quint64(price.value()) : quint64(price.value());
    const quint64 scale = quint64(priceScale);
    QString out = price.value() < 0 ? QStringLiteral("-") : QString();
    out += QString::number(magnitude / scale);
    if (decimals > 0)
        out += u'.' + QStringLiteral("%1").arg(magnitude % scale, decimals, 10, QLatin1Char('0'));
    return out;
}

Result<Price> Instrument::parsePrice(const QString &text) const
{
    const QString t = text.trimmed();
    if (kind == InstrumentKind::TreasuryNote || kind == InstrumentKind::TreasuryBond) {
        auto units = thirtyseconds::parse(t);
        if (!units)
            return units.error();
        return Price(*units);
    }
    // Digits, then at most one '.' with digits after it (ASCII digits only).
    auto isDecimal = [](const QString &v) {
        const qsizetype dot = v.indexOf(u'.');
        const auto digits = [](QStringView part) {
            return !part.isEmpty() && std::all_of(part.begin(), part.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
        };
        return dot < 0 ? digits(v) : digits(QStringView(v).left(dot)) && digits(QStringView(v).mid(dot + 1));
    };
    if (!isDecimal(t))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" is not a price").arg(text));
    const qsizetype dot = t.indexOf(u'.');
    const QString whole = dot < 0 ? t : t.left(dot);
    QString frac = dot < 0 ? QString() : t.mid(dot + 1);
    int decimals = 0;
    for (qint64 s = priceScale; s > 1; s /= 10)
        ++decimals;
    while (frac.endsWith(u'0') && frac.size() > decimals)
        frac.chop(1);
    if (frac.size() > decimals)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 has more decimals than %2 allows").arg(text, symbol));
    while (frac.size() < decimals)
        frac.append(u'0');
    bool ok = false;
    const qint64 wholeUnits = whole.size() > 12 ? 0 : whole.toLongLong(&ok); // at most 12 digits: no overflow below
    if (!ok)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" is not a price").arg(text));
    return Price(wholeUnits * priceScale + (frac.isEmpty() ? 0 : frac.toLongLong()));
}

QJsonObject Instrument::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("symbol"), symbol},
                  {QStringLiteral("description"), description},
                  {QStringLiteral("kind"), toString(kind)},
                  {QStringLiteral("price_scale"), priceScale},
                  {QStringLiteral("tick_size"), tickSize},
                  {QStringLiteral("lot_size"), lotSize},
                  {QStringLiteral("multiplier"), contractMultiplier},
                  {QStringLiteral("quoted_per_100"), quotedPer100},
                  {QStringLiteral("reference_price"), referencePrice.value()},
                  {QStringLiteral("volatility"), annualVolatility}};
    if (isTreasury(kind)) {
        o.insert(QStringLiteral("tenor"), tenor);
        o.insert(QStringLiteral("coupon"), couponPercent);
        o.insert(QStringLiteral("dated"), datedDate.toString(Qt::ISODate));
        o.insert(QStringLiteral("maturity"), maturityDate.toString(Qt::ISODate));
        if (firstCouponDate.isValid()) // only then: the definitions recorded before stay byte for byte
            o.insert(QStringLiteral("first_coupon"), firstCouponDate.toString(Qt::ISODate));
    }
    if (kind == InstrumentKind::EquityOption) {
        o.insert(QStringLiteral("underlying"), underlying);
        o.insert(QStringLiteral("strike"), strike.value());
        o.insert(QStringLiteral("expiry"), expiry.toString(Qt::ISODate));
        o.insert(QStringLiteral("right"), right == OptionRight::Call ? QStringLiteral("call") : QStringLiteral("put"));
    }
    return o;
}

namespace {

std::optional<InstrumentKind> kindFromString(const QString &text)
{
    for (InstrumentKind k : {InstrumentKind::TreasuryBill, InstrumentKind::TreasuryNote, InstrumentKind::TreasuryBond,
                             InstrumentKind::Equity, InstrumentKind::EquityOption})
        if (toString(k) == text)
            return k;
    return std::nullopt;
}

Error badDefinition(const QString &what)
{
    return makeError(ErrorCode::InvalidArgument, what);
}

} // namespace

Result<Instrument> Instrument::fromJson(const QJsonObject &o)
{
    Instrument i;
    i.id = o.value(QStringLiteral("id")).toString();
    i.symbol = o.value(QStringLiteral("symbol")).toString();
    i.description = o.value(QStringLiteral("description")).toString();
    static const QRegularExpression idForm(QStringLiteral(R"(^[A-Z0-9][A-Z0-9.\-]{0,31}$)"));
    if (!idForm.match(i.id).hasMatch())
        return badDefinition(QStringLiteral("instrument id \"%1\" is not 1 to 32 capital letters, digits, . or -").arg(i.id));
    if (i.symbol.trimmed().isEmpty() || i.symbol.size() > 64)
        return badDefinition(QStringLiteral("%1: the symbol must be 1 to 64 characters").arg(i.id));
    const auto kind = kindFromString(o.value(QStringLiteral("kind")).toString());
    if (!kind)
        return badDefinition(QStringLiteral("%1: kind \"%2\" is not bill, note, bond, equity or option").arg(i.id, o.value(QStringLiteral("kind")).toString()));
    i.kind = *kind;
    i.priceScale = o.value(QStringLiteral("price_scale")).toInteger();
    i.tickSize = o.value(QStringLiteral("tick_size")).toInteger();
    i.lotSize = o.value(QStringLiteral("lot_size")).toInteger();
    i.contractMultiplier = o.value(QStringLiteral("multiplier")).toInteger(1);
    i.quotedPer100 = o.value(QStringLiteral("quoted_per_100")).toBool();
    i.referencePrice = Price(o.value(QStringLiteral("reference_price")).toInteger());
    i.annualVolatility = o.value(QStringLiteral("volatility")).toDouble(0.2);
    const bool decimalScale = i.priceScale == 1 || i.priceScale == 10 || i.priceScale == 100 || i.priceScale == 1000
                              || i.priceScale == 10000 || i.priceScale == 100000 || i.priceScale == 1000000;
    if (!(decimalScale || (i.priceScale == thirtyseconds::UnitsPerPoint && isTreasury(i.kind))))
        return badDefinition(QStringLiteral("%1: price scale %2 is neither decimal nor 32nds").arg(i.id).arg(i.priceScale));
    if (i.tickSize <= 0 || i.tickSize > i.priceScale * 100 || i.lotSize <= 0 || i.lotSize > 1'000'000'000
        || i.contractMultiplier <= 0 || i.contractMultiplier > 100'000)
        return badDefinition(QStringLiteral("%1: tick, lot and multiplier must be positive and sensible").arg(i.id));
    // 0: no reference price known (a stock imported without one).
    if (i.referencePrice < Price(0) || !i.onTick(i.referencePrice) || i.referencePrice.value() > (qint64(1) << 50))
        return badDefinition(QStringLiteral("%1: the reference price must be positive and on a tick").arg(i.id));
    if (!(i.annualVolatility >= 0 && i.annualVolatility <= 1000))
        return badDefinition(QStringLiteral("%1: volatility %2 is not sensible").arg(i.id).arg(i.annualVolatility));
    if (isTreasury(i.kind)) {
        i.tenor = o.value(QStringLiteral("tenor")).toString();
        i.couponPercent = o.value(QStringLiteral("coupon")).toDouble(-1);
        i.datedDate = QDate::fromString(o.value(QStringLiteral("dated")).toString(), Qt::ISODate);
        i.maturityDate = QDate::fromString(o.value(QStringLiteral("maturity")).toString(), Qt::ISODate);
        if (!i.quotedPer100)
            return badDefinition(QStringLiteral("%1: a Treasury is quoted per 100 of face").arg(i.id));
        if (!i.datedDate.isValid() || !i.maturityDate.isValid() || i.maturityDate <= i.datedDate)
            return badDefinition(QStringLiteral("%1: a Treasury needs a dated date before its maturity").arg(i.id));
        if (o.contains(QStringLiteral("first_coupon"))) {
            i.firstCouponDate = QDate::fromString(o.value(QStringLiteral("first_coupon")).toString(), Qt::ISODate);
            if (!i.firstCouponDate.isValid() || i.firstCouponDate <= i.datedDate || i.firstCouponDate > i.maturityDate
                || i.firstCouponDate > i.datedDate.addMonths(12) || i.kind == InstrumentKind::TreasuryBill)
                return badDefinition(QStringLiteral("%1: the first coupon must fall after the dated date, within a year").arg(i.id));
        }
        if (!(i.couponPercent >= 0 && i.couponPercent <= 20) || (i.kind == InstrumentKind::TreasuryBill) != (i.couponPercent == 0))
            return badDefinition(QStringLiteral("%1: coupon %2% does not fit a %3").arg(i.id).arg(i.couponPercent).arg(toString(i.kind)));
    }
    if (i.kind == InstrumentKind::EquityOption) {
        i.underlying = o.value(QStringLiteral("underlying")).toString();
        i.strike = Price(o.value(QStringLiteral("strike")).toInteger());
        i.expiry = QDate::fromString(o.value(QStringLiteral("expiry")).toString(), Qt::ISODate);
        const QString right = o.value(QStringLiteral("right")).toString();
        if (right != u"call" && right != u"put")
            return badDefinition(QStringLiteral("%1: an option is a call or a put, not \"%2\"").arg(i.id, right));
        i.right = right == u"call" ? OptionRight::Call : OptionRight::Put;
        if (i.underlying.isEmpty() || i.strike <= Price(0) || !i.expiry.isValid())
            return badDefinition(QStringLiteral("%1: an option needs an underlying, a positive strike and an expiry").arg(i.id));
    }
    return i;
}

bool Instrument::sameDefinition(const Instrument &other) const
{
    return id == other.id && kind == other.kind && priceScale == other.priceScale && tickSize == other.tickSize
           && lotSize == other.lotSize && contractMultiplier == other.contractMultiplier && quotedPer100 == other.quotedPer100
           && couponPercent == other.couponPercent && datedDate == other.datedDate && maturityDate == other.maturityDate
           && firstCouponDate == other.firstCouponDate
           && underlying == other.underlying && strike == other.strike && expiry == other.expiry && right == other.right;
}

std::optional<qint64> parseQuantity(const QString &input)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(k|mm|bn|b)?\s*$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(input);
    if (!m.hasMatch())
        return std::nullopt;
    QString whole = m.captured(1);
    whole.remove(u',');
    const QString frac = m.captured(2);
    const QString unit = m.captured(3).toLower();
    qint64 scale = 1;
    if (unit == u"k")
        scale = 1'000;
    else if (unit == u"mm")
        scale = 1'000'000;
    else if (unit == u"bn" || unit == u"b")
        scale = 1'000'000'000;
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    if (whole.size() > 13)
        return std::nullopt;
    const qint64 units = whole.toLongLong();
    if (units > Max / scale)
        return std::nullopt; // more than a quantity can hold
    qint64 value = units * scale;
    QString digits = frac;
    while (digits.endsWith(u'0'))
        digits.chop(1);
    if (!digits.isEmpty()) {
        // A unit is at most a billion: a tenth of a billionth or finer is never whole units.
        if (digits.size() > 9)
            return std::nullopt;
        const qint64 f = digits.toLongLong();
        qint64 denom = 1;
        for (qsizetype i = 0; i < digits.size(); ++i)
            denom *= 10;
        if ((f * scale) % denom != 0)
            return std::nullopt; // 1.5 shares is not a quantity
        const qint64 part = f * scale / denom;
        if (value > Max - part)
            return std::nullopt;
        value += part;
    }
    return value;
}

QString formatQuantity(qint64 quantity, const Instrument *instrument)
{
    const bool face = instrument && isTreasury(instrument->kind);
    const qint64 magnitude = quantity < 0 ? -quantity : quantity;
    const QString sign = quantity < 0 ? QStringLiteral("-") : QString();
    // Units, then up to three decimals when they are exact: 1.5mm, 2.25bn, 12.125mm.
    auto in = [&](qint64 unit, const char *suffix) -> QString {
        if (magnitude % (unit / 1000) != 0)
            return {};
        QString text = QString::number(magnitude / unit);
        if (const qint64 rest = magnitude % unit / (unit / 1000); rest != 0) {
            QString decimals = QStringLiteral("%1").arg(rest, 3, 10, QLatin1Char('0'));
            while (decimals.endsWith(u'0'))
                decimals.chop(1);
            text += u'.' + decimals;
        }
        return sign + text + QLatin1String(suffix);
    };
    if (magnitude >= 1'000'000'000)
        if (QString t = in(1'000'000'000, "bn"); !t.isEmpty())
            return t;
    if (magnitude >= 1'000'000)
        if (QString t = in(1'000'000, "mm"); !t.isEmpty())
            return t;
    if (magnitude >= (face ? 1'000 : 100'000) && magnitude % 1'000 == 0)
        return sign + QString::number(magnitude / 1'000) + u'k';
    return QLocale().toString(quantity);
}

namespace thirtyseconds {

Result<qint64> parse(const QString &input)
{
    QString text = input.trimmed();
    auto bad = [&input](const QString &why) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" is not a Treasury price: %2").arg(input, why));
    };
    if (text.isEmpty())
        return bad(QStringLiteral("it is empty"));
    static const QRegularExpression decimal(QStringLiteral(R"(^(\d{1,3})\.(\d{1,8})$)"));
    if (const auto m = decimal.match(text); m.hasMatch()) {
        // Exact only: 256ths of a point are 8 decimals at most (1/256 = 0.00390625).
        QString frac = m.captured(2);
        while (frac.size() < 8)
            frac.append(u'0');
        const qint64 hundredMillionths = frac.toLongLong();
        if ((hundredMillionths * 256) % 100000000 != 0)
            return bad(QStringLiteral("not a multiple of 1/256 of a point"));
        return m.captured(1).toLongLong() * UnitsPerPoint + hundredMillionths * 256 / 100000000;
    }
    static const QRegularExpression whole(QStringLiteral(R"(^(\d{1,3})$)"));
    if (const auto m = whole.match(text); m.hasMatch())
        return m.captured(1).toLongLong() * UnitsPerPoint;

    static const QRegularExpression quote(QStringLiteral(R"(^(\d{1,3})[-:'](\d{2})(\+|[0-7]|¼|½|¾| ?1/4| ?1/2| ?3/4| ?1/8| ?3/8| ?5/8| ?7/8)?$)"));
    const auto m = quote.match(text);
    if (!m.hasMatch())
        return bad(QStringLiteral("write it as 99-16, 99-16+, 99-162 or 99.5"));
    const qint64 points = m.captured(1).toLongLong();
    const qint64 ticks = m.captured(2).toLongLong();
    if (ticks > 31)
        return bad(QStringLiteral("%1 is not a number of 32nds (00 to 31)").arg(m.captured(2)));
    const QString fraction = m.captured(3).trimmed();
    qint64 eighths = 0;
    if (fraction == u"+" || fraction == u"½" || fraction == u"1/2")
        eighths = 4;
    else if (fraction == u"¼" || fraction == u"1/4")
        eighths = 2;
    else if (fraction == u"¾" || fraction == u"3/4")
        eighths = 6;
    else if (fraction == u"1/8")
        eighths = 1;
    else if (fraction == u"3/8")
        eighths = 3;
    else if (fraction == u"5/8")
        eighths = 5;
    else if (fraction == u"7/8")
        eighths = 7;
    else if (!fraction.isEmpty())
        eighths = fraction.toLongLong();
    return points * UnitsPerPoint + ticks * 8 + eighths;
}

QString format(qint64 units)
{
    const bool negative = units < 0;
    // The magnitude unsigned: -units overflows for the most negative value.
    const quint64 u = negative ? 0 - quint64(units) : quint64(units);
    const quint64 points = u / UnitsPerPoint;
    const quint64 rest = u % UnitsPerPoint;
    const quint64 ticks = rest / 8;
    const quint64 eighths = rest % 8;
    QString out = QStringLiteral("%1%2-%3").arg(negative ? QStringLiteral("-") : QString()).arg(points).arg(ticks, 2, 10, QLatin1Char('0'));
    if (eighths == 4)
        out += u'+';
    else if (eighths != 0)
        out += QString::number(eighths);
    return out;
}

} // namespace thirtyseconds
} // namespace instant
