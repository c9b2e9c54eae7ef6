#include "common/clock.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <chrono>

namespace instant {

Clock::~Clock() = default;

QDate Clock::utcDate() const
{
    return QDateTime::fromMSecsSinceEpoch(nowUs() / 1000, QTimeZone::utc()).date();
}

QDate Clock::tradeDate() const
{
    return tradeDateOf(nowUs());
}

TimestampUs SystemClock::nowUs() const
{
    return nowUtcMicros();
}

const Clock &systemClock()
{
    static const SystemClock clock;
    return clock;
}

TimestampUs nowUtcMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

TimestampUs utcMicros(QDate date, int hour, int minute)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
}

namespace {

// The n-th Sunday of a month (n from 1).
QDate nthSunday(int year, int month, int n)
{
    QDate d(year, month, 1);
    d = d.addDays((7 - d.dayOfWeek()) % 7); // Qt: Monday 1 … Sunday 7
    return d.addDays(7 * (n - 1));
}

} // namespace

QDate tradeDateOf(TimestampUs us)
{
    // US markets: the trading day is New York's. Its offset by the rule in force since 2007
    // (daylight time from 02:00 on the second Sunday of March to 02:00 on the first Sunday of
    // November), so the date does not depend on the machine's time zone database.
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc());
    const int year = utc.date().year();
    const QDateTime dstStarts(nthSunday(year, 3, 2), QTime(7, 0), QTimeZone::utc());  // 02:00 EST
    const QDateTime dstEnds(nthSunday(year, 11, 1), QTime(6, 0), QTimeZone::utc());   // 02:00 EDT
    const bool daylight = utc >= dstStarts && utc < dstEnds;
    return utc.addSecs(daylight ? -4 * 3600 : -5 * 3600).date();
}

QString formatUtcMicros(TimestampUs us)
{
    TimestampUs secs = us / 1'000'000;
    TimestampUs frac = us % 1'000'000;
    if (frac < 0) {
        frac += 1'000'000;
        secs -= 1;
    }
    const QDateTime dt = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
    return dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.'
           + QStringLiteral("%1").arg(frac, 6, 10, QLatin1Char('0')) + u'Z';
}

std::optional<TimestampUs> parseUtcMicros(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    QTime time(0, 0);
    if (m.capturedLength(4) > 0) {
        time = QTime(m.captured(4).toInt(), m.captured(5).toInt(),
                     m.capturedLength(6) > 0 ? m.captured(6).toInt() : 0);
        if (!time.isValid())
            return std::nullopt;
    }
    TimestampUs fracUs = 0;
    if (m.capturedLength(7) > 0) {
        QString frac = m.captured(7);
        while (frac.size() < 6)
            frac.append(u'0');
        fracUs = frac.toLongLong();
    }
    int offsetSecs = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != u'Z') {
        QString digits = zone.mid(1);
        digits.remove(u':');
        const int hours = digits.left(2).toInt();
        const int minutes = digits.mid(2, 2).toInt();
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        offsetSecs = (hours * 3600 + minutes * 60) * (zone.startsWith(u'-') ? -1 : 1);
    }
    const QDateTime dt(date, time, QTimeZone::utc());
    return (dt.toSecsSinceEpoch() - offsetSecs) * 1'000'000 + fracUs;
}

} // namespace instant
