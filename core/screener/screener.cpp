#include "screener/screener.h"

#include "analytics/bondanalytics.h"
#include "refdata/referencedata.h"

#include <QDateTime>
#include <QTimeZone>

namespace instant {

QJsonObject Alert::toJson() const
{
    return {{QStringLiteral("alert_id"), id},       {QStringLiteral("rule"), rule},
            {QStringLiteral("kind"), kind},         {QStringLiteral("instrument"), instrument},
            {QStringLiteral("message"), message},   {QStringLiteral("value"), value},
            {QStringLiteral("time"), formatUtcMicros(timeUs)}};
}

Screener::Screener(const ReferenceData &reference, QObject *parent) : QObject(parent), m_reference(reference)
{
    qRegisterMetaType<instant::Alert>();
    (void)setRules(defaultRules());
}

QJsonArray Screener::defaultRules()
{
    return {QJsonObject{{QStringLiteral("id"), QStringLiteral("gap")}, {QStringLiteral("kind"), QStringLiteral("gap")}, {QStringLiteral("percent"), 1.0}},
            QJsonObject{{QStringLiteral("id"), QStringLiteral("volume")}, {QStringLiteral("kind"), QStringLiteral("volume_spike")},
                        {QStringLiteral("factor"), 3.0}, {QStringLiteral("bars"), 10}},
            QJsonObject{{QStringLiteral("id"), QStringLiteral("breakout")}, {QStringLiteral("kind"), QStringLiteral("breakout")}, {QStringLiteral("after_bars"), 15}},
            QJsonObject{{QStringLiteral("id"), QStringLiteral("yield")}, {QStringLiteral("kind"), QStringLiteral("yield_move")}, {QStringLiteral("bp"), 5.0}}};
}

Status Screener::setRules(const QJsonArray &rules)
{
    for (const QJsonValue &v : rules) {
        const QJsonObject r = v.toObject();
        const QString kind = r.value(QStringLiteral("kind")).toString();
        const QString id = r.value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("a screener rule needs an id"));
        const char *key = kind == u"gap" ? "percent" : kind == u"volume_spike" ? "factor" : kind == u"breakout" ? "after_bars"
                          : kind == u"yield_move" ? "bp" : nullptr;
        if (!key)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("rule %1: unknown kind \"%2\" (gap, volume_spike, breakout, yield_move)").arg(id, kind));
        if (r.value(QLatin1String(key)).toDouble() <= 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("rule %1: %2 must be positive").arg(id, QLatin1String(key)));
    }
    m_rules = rules;
    return Done{};
}

Screener::Day &Screener::day(const QString &instrument)
{
    auto it = m_days.find(instrument);
    if (it == m_days.end()) {
        Day d;
        if (const Instrument *i = m_reference.instrument(instrument))
            d.previousClose = i->referencePrice;
        it = m_days.insert(instrument, d);
    }
    return *it;
}

void Screener::newDay()
{
    for (Day &d : m_days) {
        if (d.last)
            d.previousClose = d.last;
        d.open.reset();
        d.high.reset();
        d.low.reset();
        d.bars = 0;
        d.fired.clear();
    }
}

void Screener::raise(const QString &rule, const QString &kind, const QString &instrument, double value, const QString &message,
                     TimestampUs timeUs, const QString &onceKey)
{
    Day &d = day(instrument);
    if (d.fired.contains(onceKey))
        return;
    if (kind == u"breakout") { // quiet: one breakout per instrument per period, whichever side
        const auto last = m_lastBreakoutUs.constFind(instrument);
        if (last != m_lastBreakoutUs.cend() && timeUs - *last < m_breakoutQuietUs)
            return;
        m_lastBreakoutUs.insert(instrument, timeUs);
    }
    d.fired.insert(onceKey);
    Alert a;
    a.id = QStringLiteral("A%1").arg(m_next++);
    a.rule = rule;
    a.kind = kind;
    a.instrument = instrument;
    a.value = value;
    a.message = message;
    a.timeUs = timeUs;
    Q_EMIT alert(a);
}

void Screener::onTrade(const TradePrint &t)
{
    const Instrument *i = m_reference.instrument(t.instrument);
    if (!i)
        return;
    Day &d = day(t.instrument);
    const bool first = !d.open;
    const std::optional<Price> high = d.high, low = d.low;
    for (const QJsonValue &v : std::as_const(m_rules)) {
        const QJsonObject r = v.toObject();
        const QString kind = r.value(QStringLiteral("kind")).toString();
        const QString id = r.value(QStringLiteral("id")).toString();
        if (kind == u"gap" && first && d.previousClose) {
            const double pct = 100.0 * double(t.price.value() - d.previousClose->value()) / double(d.previousClose->value());
            if (std::abs(pct) >= r.value(QStringLiteral("percent")).toDouble())
                raise(id, kind, i->id, pct, QStringLiteral("%1 opened %2 %3% from the previous close %4")
                                                .arg(i->symbol, pct > 0 ? QStringLiteral("up") : QStringLiteral("down"))
                                                .arg(std::abs(pct), 0, 'f', 2).arg(i->formatPrice(*d.previousClose)),
                      t.timeUs, id);
        } else if (kind == u"breakout" && high && low && d.bars >= r.value(QStringLiteral("after_bars")).toInt()) {
            if (t.price > *high)
                raise(id, kind, i->id, i->toDouble(t.price), QStringLiteral("%1 broke above the day's high %2 at %3")
                                                              .arg(i->symbol, i->formatPrice(*high), i->formatPrice(t.price)), t.timeUs, id + QStringLiteral("/up"));
            else if (t.price < *low)
                raise(id, kind, i->id, i->toDouble(t.price), QStringLiteral("%1 broke below the day's low %2 at %3")
                                                              .arg(i->symbol, i->formatPrice(*low), i->formatPrice(t.price)), t.timeUs, id + QStringLiteral("/down"));
        } else if (kind == u"yield_move" && isTreasury(i->kind) && d.previousClose) {
            const QDate settle = analytics::settlementDate(*i, QDateTime::fromMSecsSinceEpoch(t.timeUs / 1000, QTimeZone::utc()).date());
            const auto before = analytics::yieldPercent(*i, *d.previousClose, settle);
            const auto now = analytics::yieldPercent(*i, t.price, settle);
            if (before && now) {
                const double bp = (*now - *before) * 100.0;
                if (std::abs(bp) >= r.value(QStringLiteral("bp")).toDouble())
                    raise(id, kind, i->id, bp, QStringLiteral("%1 yield %2 %3 bp to %4%").arg(i->symbol, bp > 0 ? QStringLiteral("up") : QStringLiteral("down"))
                                                   .arg(std::abs(bp), 0, 'f', 1).arg(*now, 0, 'f', 3), t.timeUs, id);
            }
        }
    }
    if (first)
        d.open = t.price;
    d.high = d.high ? std::max(*d.high, t.price) : t.price;
    d.low = d.low ? std::min(*d.low, t.price) : t.price;
    d.last = t.price;
}

void Screener::onBar(const Bar &b)
{
    Day &d = day(b.instrument);
    const Instrument *i = m_reference.instrument(b.instrument);
    for (const QJsonValue &v : std::as_const(m_rules)) {
        const QJsonObject r = v.toObject();
        if (r.value(QStringLiteral("kind")).toString() != u"volume_spike" || !i)
            continue;
        const int window = std::max(1, r.value(QStringLiteral("bars")).toInt(10));
        if (d.volumes.size() >= window) {
            double average = 0;
            for (qsizetype k = d.volumes.size() - window; k < d.volumes.size(); ++k)
                average += double(d.volumes.at(k));
            average /= window;
            const double factor = average > 0 ? double(b.volume.value()) / average : 0;
            if (factor >= r.value(QStringLiteral("factor")).toDouble()) {
                const QString id = r.value(QStringLiteral("id")).toString();
                raise(id, QStringLiteral("volume_spike"), i->id, factor,
                      QStringLiteral("%1 traded %L2 in a minute, %3× its recent average").arg(i->symbol).arg(b.volume.value()).arg(factor, 0, 'f', 1),
                      b.startUs, id + QString::number(b.startUs)); // at most once per bar
            }
        }
    }
    d.volumes.append(b.volume.value());
    if (d.volumes.size() > 200)
        d.volumes.removeFirst();
    ++d.bars;
}

} // namespace instant
