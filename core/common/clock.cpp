#include "common/clock.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <chrono>

namespace instant {

TimestampUs nowUtcMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
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
