#include "common/threadwatch.h"

#include <QMutex>
#include <QThread>

#include <atomic>

namespace instant::threadwatch {

namespace {

std::atomic<QThread *> g_forbidden{nullptr};
QMutex g_mutex;
qint64 g_count = 0;
QStringList g_entries;

} // namespace

void forbid(QThread *thread)
{
    QMutexLocker lock(&g_mutex);
    g_count = 0;
    g_entries.clear();
    g_forbidden.store(thread, std::memory_order_release);
}

void entered(const char *what)
{
    QThread *forbidden = g_forbidden.load(std::memory_order_acquire);
    if (!forbidden || QThread::currentThread() != forbidden)
        return;
    QMutexLocker lock(&g_mutex);
    ++g_count;
    if (g_entries.size() < 50)
        g_entries << QString::fromLatin1(what);
}

qint64 count()
{
    QMutexLocker lock(&g_mutex);
    return g_count;
}

QStringList entries()
{
    QMutexLocker lock(&g_mutex);
    return g_entries;
}

} // namespace instant::threadwatch
