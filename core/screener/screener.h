#pragma once

#include "common/result.h"
#include "venue/venue.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

namespace instant {

class ReferenceData;

// An alert the screener raised: which rule, on what, why.
struct Alert
{
    QString id;
    QString rule;       // rule id
    QString kind;       // gap | volume_spike | breakout | yield_move
    QString instrument; // id
    QString message;
    double value = 0;   // the measured move (percent, times the average, bp…)
    TimestampUs timeUs = 0;
    QJsonObject toJson() const;
};

// Rules as data over the market-data stream. Kinds and their thresholds:
//   gap          {percent}           first trade of the day against the previous close
//   volume_spike {factor, bars}      a bar's volume over factor × the average of the last bars
//   breakout     {after_bars}        a trade beyond the day's high or low, once the range has formed
//   yield_move   {bp}                Treasury yield moved this many basis points from the previous close
// Each rule fires at most once per instrument and day (a breakout once per side), and a breakout
// at most once per instrument in any quiet period (breakoutQuietMinutes, 15 by default).
class Screener : public QObject
{
    Q_OBJECT

public:
    Screener(const ReferenceData &reference, QObject *parent = nullptr);

    static QJsonArray defaultRules();
    Status setRules(const QJsonArray &rules); // validated; nothing changes on error
    QJsonArray rules() const { return m_rules; }
    static constexpr int DefaultBreakoutQuietMinutes = 15;
    void setBreakoutQuietMinutes(int minutes) { m_breakoutQuietUs = qint64(std::max(0, minutes)) * 60'000'000; }
    int breakoutQuietMinutes() const { return int(m_breakoutQuietUs / 60'000'000); }

    // Feed market data in the order it happened.
    void onTrade(const TradePrint &trade);
    void onBar(const Bar &bar);
    // A new trading day: today's closes become the previous closes.
    void newDay();

Q_SIGNALS:
    void alert(const instant::Alert &alert);

private:
    struct Day
    {
        std::optional<Price> open, high, low, last;
        std::optional<Price> previousClose;
        QList<qint64> volumes; // recent bar volumes
        int bars = 0;
        QSet<QString> fired;
    };
    void raise(const QString &rule, const QString &kind, const QString &instrument, double value, const QString &message,
               TimestampUs timeUs, const QString &onceKey);
    Day &day(const QString &instrument);

    const ReferenceData &m_reference;
    QJsonArray m_rules;
    QHash<QString, Day> m_days;
    QHash<QString, TimestampUs> m_lastBreakoutUs; // by instrument, across days and sides
    qint64 m_breakoutQuietUs = qint64(DefaultBreakoutQuietMinutes) * 60'000'000;
    quint64 m_next = 1;
};

} // namespace instant

Q_DECLARE_METATYPE(instant::Alert)
