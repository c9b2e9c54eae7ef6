#pragma once

#include "screener/alertrule.h"
#include "screener/screener.h"

#include <QHash>
#include <QObject>

namespace instant {

class Clock;
class EventStore;
class ReferenceData;

// The alerts traders set themselves, and the screener's quiet period, as recorded events on the
// "alert-rules" stream (AlertRuleSet, AlertRuleRemoved, AlertQuietPeriodSet, each with its user):
// they survive restarts and show in the audit. Watches trades on the engine thread and raises an
// alert once per crossing: when the measure moves from one side of the level to the other, not
// on every trade beyond it. A rule's first observation only tells where the market is.
class TraderAlerts : public QObject
{
    Q_OBJECT

public:
    static QString streamId() { return QStringLiteral("alert-rules"); }

    // Yields settle on the trade date of `clock` (the engine's).
    TraderAlerts(EventStore &store, const ReferenceData &reference, const Clock &clock, QObject *parent = nullptr);

    // Reads what was recorded. Emits rulesChanged().
    Status load();
    // Recorded by `actor`; a new rule takes a fresh id, an existing id is replaced.
    Result<AlertRule> set(AlertRule rule, const Actor &actor);
    Status remove(const QString &ruleId, const Actor &actor);
    Status setBreakoutQuietMinutes(int minutes, const Actor &actor);

    QList<AlertRule> rules() const { return m_rules; }
    int breakoutQuietMinutes() const { return m_quietMinutes; }

    void onTrade(const TradePrint &trade);
    // The measure now (a price as a number, a yield in percent, a spread in bp), once known.
    std::optional<double> measure(const AlertRule &rule) const;

Q_SIGNALS:
    void alert(const instant::Alert &alert);
    void rulesChanged(const QList<instant::AlertRule> &rules, int breakoutQuietMinutes);

private:
    Status record(const QString &type, const QJsonObject &payload, const Actor &actor);
    void apply(const QString &type, const QJsonObject &payload);
    std::optional<double> yieldOf(const QString &instrument) const;
    void check(const AlertRule &rule, TimestampUs timeUs);

    EventStore &m_store;
    const ReferenceData &m_reference;
    const Clock &m_clock;
    QList<AlertRule> m_rules;
    int m_quietMinutes = Screener::DefaultBreakoutQuietMinutes;
    QHash<QString, Price> m_last;        // by instrument
    QHash<QString, bool> m_beyond;       // by rule: on the rule's side of its level when last seen
    quint64 m_nextId = 1;
    quint64 m_nextAlert = 1;
};

} // namespace instant
