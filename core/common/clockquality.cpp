#include "common/clockquality.h"

#ifdef Q_OS_LINUX
#include <sys/timex.h>
#endif

namespace instant {

ClockQuality ClockQuality::measure()
{
    ClockQuality q;
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
    if (!known)
        return QStringLiteral("system clock; unknown");
    if (!synchronised)
        return QStringLiteral("system clock; not synchronised; max %1 us").arg(maxErrorUs);
    return QStringLiteral("system clock; synchronised; est %1 us; max %2 us").arg(estimatedErrorUs).arg(maxErrorUs);
}

} // namespace instant
