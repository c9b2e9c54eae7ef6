#include "screener/alertrule.h"

#include "refdata/referencedata.h"

#include <cmath>

namespace instant {

QString AlertRule::toString(Measure measure)
{
    switch (measure) {
    case Measure::LastPrice: return QStringLiteral("price");
    case Measure::Yield: return QStringLiteral("yield");
    case Measure::Spread: return QStringLiteral("spread");
    }
    return {};
}

std::optional<AlertRule::Measure> AlertRule::measureFrom(const QString &text)
{
    for (Measure m : {Measure::LastPrice, Measure::Yield, Measure::Spread})
        if (toString(m) == text)
            return m;
    return std::nullopt;
}

QString AlertRule::formatLevel(const ReferenceData &reference) const
{
    switch (measure) {
    case Measure::LastPrice:
        if (const Instrument *i = reference.instrument(instrument))
            return i->formatPrice(Price(qint64(std::llround(level * double(i->priceScale)))));
        return QString::number(level);
    case Measure::Yield: return QStringLiteral("%1%").arg(level, 0, 'f', 3);
    case Measure::Spread: return QStringLiteral("%1 bp").arg(level, 0, 'f', 1);
    }
    return {};
}

QString AlertRule::describe(const ReferenceData &reference) const
{
    const auto symbol = [&reference](const QString &instrumentId) {
        const Instrument *i = reference.instrument(instrumentId);
        return i ? i->symbol : instrumentId;
    };
    const QString side = direction == Direction::Above ? QStringLiteral("above") : QStringLiteral("below");
    switch (measure) {
    case Measure::LastPrice: return QStringLiteral("%1 %2 %3").arg(symbol(instrument), side, formatLevel(reference));
    case Measure::Yield: return QStringLiteral("%1 yield %2 %3").arg(symbol(instrument), side, formatLevel(reference));
    case Measure::Spread:
        return QStringLiteral("%1 − %2 spread %3 %4").arg(symbol(instrument), symbol(versus), side, formatLevel(reference));
    }
    return {};
}

Status AlertRule::validate(const ReferenceData &reference) const
{
    const Instrument *first = reference.instrument(instrument);
    if (!first)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("alert: unknown instrument \"%1\"").arg(instrument));
    if (!std::isfinite(level))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("alert: the level is not a number"));
    if (measure == Measure::LastPrice && level <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("alert: a price level must be positive"));
    if (measure != Measure::LastPrice && !isTreasury(first->kind))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("alert: %1 has no yield (Treasuries only)").arg(first->symbol));
    if (measure == Measure::Spread) {
        const Instrument *second = reference.instrument(versus);
        if (!second || !isTreasury(second->kind) || second->id == first->id)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("alert: a spread needs a second, different Treasury"));
    }
    return Done{};
}

QJsonObject AlertRule::toJson() const
{
    QJsonObject o{{QStringLiteral("rule_id"), id},
                  {QStringLiteral("measure"), toString(measure)},
                  {QStringLiteral("instrument"), instrument},
                  {QStringLiteral("direction"), direction == Direction::Above ? QStringLiteral("above") : QStringLiteral("below")},
                  {QStringLiteral("level"), level}};
    if (!versus.isEmpty())
        o.insert(QStringLiteral("versus"), versus);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    return o;
}

Result<AlertRule> AlertRule::fromJson(const QJsonObject &o)
{
    AlertRule r;
    r.id = o.value(QStringLiteral("rule_id")).toString();
    const auto measure = measureFrom(o.value(QStringLiteral("measure")).toString());
    const QString direction = o.value(QStringLiteral("direction")).toString();
    if (r.id.isEmpty() || !measure || (direction != u"above" && direction != u"below") || !o.value(QStringLiteral("level")).isDouble())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("an alert rule needs rule_id, measure, direction and level"));
    r.measure = *measure;
    r.direction = direction == u"above" ? Direction::Above : Direction::Below;
    r.instrument = o.value(QStringLiteral("instrument")).toString();
    r.versus = o.value(QStringLiteral("versus")).toString();
    r.level = o.value(QStringLiteral("level")).toDouble();
    r.note = o.value(QStringLiteral("note")).toString();
    return r;
}

} // namespace instant
