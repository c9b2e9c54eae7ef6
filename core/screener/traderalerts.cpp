#include "screener/traderalerts.h"

#include "analytics/bondanalytics.h"
#include "common/clock.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

namespace instant {

namespace {
const QString RuleSet = QStringLiteral("AlertRuleSet");
const QString RuleRemoved = QStringLiteral("AlertRuleRemoved");
const QString QuietPeriodSet = QStringLiteral("AlertQuietPeriodSet");
} // namespace

TraderAlerts::TraderAlerts(EventStore &store, const ReferenceData &reference, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_reference(reference), m_clock(clock)
{
    qRegisterMetaType<instant::AlertRule>();
    qRegisterMetaType<QList<instant::AlertRule>>();
}

Status TraderAlerts::load()
{
    auto events = m_store.readStream(streamId());
    if (!events)
        return events.error();
    for (const RecordedEvent &e : *events)
        apply(e.type, e.payloadObject());
    Q_EMIT rulesChanged(m_rules, m_quietMinutes);
    return Done{};
}

// One place where a recorded change takes effect: on load and after recording.
void TraderAlerts::apply(const QString &type, const QJsonObject &payload)
{
    if (type == RuleSet) {
        auto rule = AlertRule::fromJson(payload);
        if (!rule)
            return;
        const qsizetype at = std::find_if(m_rules.cbegin(), m_rules.cend(), [&](const AlertRule &r) { return r.id == rule->id; }) - m_rules.cbegin();
        if (at < m_rules.size())
            m_rules[at] = *rule;
        else
            m_rules.append(*rule);
        m_beyond.remove(rule->id);
        if (rule->id.startsWith(u'R'))
            m_nextId = std::max<quint64>(m_nextId, rule->id.mid(1).toULongLong() + 1);
    } else if (type == RuleRemoved) {
        const QString id = payload.value(QStringLiteral("rule_id")).toString();
        m_rules.removeIf([&](const AlertRule &r) { return r.id == id; });
        m_beyond.remove(id);
    } else if (type == QuietPeriodSet) {
        m_quietMinutes = payload.value(QStringLiteral("minutes")).toInt(m_quietMinutes);
    }
}

Status TraderAlerts::record(const QString &type, const QJsonObject &payload, const Actor &actor)
{
    AppendRequest request;
    request.streamId = streamId();
    request.events.append(NewEvent::make(type, payload, actor));
    if (auto appended = m_store.append(std::move(request)); !appended)
        return appended.error();
    apply(type, payload);
    Q_EMIT rulesChanged(m_rules, m_quietMinutes);
    return Done{};
}

Result<AlertRule> TraderAlerts::set(AlertRule rule, const Actor &actor)
{
    if (Status s = rule.validate(m_reference); !s)
        return s.error();
    if (rule.id.isEmpty())
        rule.id = QStringLiteral("R%1").arg(m_nextId);
    if (Status s = record(RuleSet, rule.toJson(), actor); !s)
        return s.error();
    check(rule, m_clock.nowUs()); // where the market is now: the first crossing is the next one
    return rule;
}

Status TraderAlerts::remove(const QString &ruleId, const Actor &actor)
{
    if (std::none_of(m_rules.cbegin(), m_rules.cend(), [&](const AlertRule &r) { return r.id == ruleId; }))
        return makeError(ErrorCode::NotFound, QStringLiteral("no alert rule %1").arg(ruleId));
    return record(RuleRemoved, {{QStringLiteral("rule_id"), ruleId}}, actor);
}

Status TraderAlerts::setBreakoutQuietMinutes(int minutes, const Actor &actor)
{
    if (minutes < 0 || minutes > 24 * 60)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a quiet period is 0 to 1440 minutes"));
    return record(QuietPeriodSet, {{QStringLiteral("kind"), QStringLiteral("breakout")}, {QStringLiteral("minutes"), minutes}}, actor);
}

std::optional<double> TraderAlerts::yieldOf(const QString &instrument) const
{
    const Instrument *i = m_reference.instrument(instrument);
    const auto last = m_last.constFind(instrument);
    if (!i || last == m_last.cend())
        return std::nullopt;
    return analytics::yieldPercent(*i, *last, analytics::settlementDate(*i, m_clock.tradeDate()));
}

std::optional<double> TraderAlerts::measure(const AlertRule &rule) const
{
    switch (rule.measure) {
    case AlertRule::Measure::LastPrice: {
        const Instrument *i = m_reference.instrument(rule.instrument);
        const auto last = m_last.constFind(rule.instrument);
        if (!i || last == m_last.cend())
            return std::nullopt;
        return i->toDouble(*last);
    }
    case AlertRule::Measure::Yield: return yieldOf(rule.instrument);
    case AlertRule::Measure::Spread: {
        const auto a = yieldOf(rule.instrument), b = yieldOf(rule.versus);
        if (!a || !b)
            return std::nullopt;
        return (*a - *b) * 100.0;
    }
    }
    return std::nullopt;
}

void TraderAlerts::onTrade(const TradePrint &trade)
{
    m_last.insert(trade.instrument, trade.price);
    for (const AlertRule &rule : std::as_const(m_rules))
        if (rule.instrument == trade.instrument || rule.versus == trade.instrument)
            check(rule, trade.timeUs);
}

void TraderAlerts::check(const AlertRule &rule, TimestampUs timeUs)
{
    const std::optional<double> value = measure(rule);
    if (!value)
        return;
    const bool beyond = rule.direction == AlertRule::Direction::Above ? *value >= rule.level : *value <= rule.level;
    const auto before = m_beyond.constFind(rule.id);
    const bool crossed = before != m_beyond.cend() && !*before && beyond;
    m_beyond.insert(rule.id, beyond);
    if (!crossed)
        return;
    Alert a;
    a.id = QStringLiteral("T%1").arg(m_nextAlert++);
    a.rule = rule.id;
    a.kind = AlertRule::toString(rule.measure) + QStringLiteral("_cross");
    a.instrument = rule.instrument;
    a.value = *value;
    AlertRule now = rule;
    now.level = *value;
    a.message = QStringLiteral("%1: now %2").arg(rule.describe(m_reference), now.formatLevel(m_reference));
    if (!rule.note.isEmpty())
        a.message += QStringLiteral(" (%1)").arg(rule.note);
    a.timeUs = timeUs;
    Q_EMIT alert(a);
}

} // namespace instant
