#include "common/clockquality.h"

#ifdef Q_OS_LINUX
#include <sys/timex.h>
#endif

namespace instant {

ClockQuality ClockQuality::measure()
{
    ClockQuality q;
    q.outside = OutsideClock::current();
#ifdef Q_OS_LINUX
    timex t{};
    const int state = ::adjtimex(&t);
    if (state == -1)
        return q;
    q.known = true;
    q.synchronised = state != TIME_ERROR && (t.status & STA_UNSYNC) == 0;
    q.estimatedErrorUs = t.esterror;
    q.maxErrorUs = t.maxerror;
#endif
    return q;
}

QString ClockQuality::record() const
{
    QString text = !known          ? QStringLiteral("system clock; unknown")
                   : !synchronised ? QStringLiteral("system clock; not synchronised; max %1 us").arg(maxErrorUs)
                                   : QStringLiteral("system clock; synchronised; est %1 us; max %2 us").arg(estimatedErrorUs).arg(maxErrorUs);
    if (outside.offset)
        text += QStringLiteral("; ") + outside.offset->record();
    if (!outside.problem.isEmpty())
        text += QStringLiteral("; ") + outside.problem;
    return text;
}

const QString &ClockRecord::current()
{
    const auto now = std::chrono::steady_clock::now();
    if (m_measurements == 0 || now - m_at >= m_maxAge) {
        m_record = ClockQuality::measure().record();
        m_at = now;
        ++m_measurements;
    }
    return m_record;
}

} // namespace instant
