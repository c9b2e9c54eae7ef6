#include "marketdata/quoteboard.h"

#include <QDateTime>
#include <QTimeZone>

namespace instant {

namespace {

QDate utcDate(TimestampUs us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc()).date();
}

} // namespace

void QuoteBoard::applyQuotes(const QList<Quote> &quotes)
{
    QMutexLocker lock(&m_mutex);
    for (const Quote &q : quotes) {
        m_quotes.insert(q.instrument, q);
        m_latestUs = std::max(m_latestUs, q.timeUs);
    }
}

void QuoteBoard::applyTrades(const QList<TradePrint> &trades)
{
    QMutexLocker lock(&m_mutex);
    for (const TradePrint &t : trades) {
        const QDate day = utcDate(t.timeUs);
        Volume &v = m_volumes[t.instrument];
        if (v.day != day) {
            if (v.day.isValid() && day < v.day)
                continue; // a late print of a day already over
            v = Volume{day, 0};
        }
        v.quantity += t.quantity.value();
        m_latestUs = std::max(m_latestUs, t.timeUs);
    }
}

std::optional<Quote> QuoteBoard::quote(const QString &instrument) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_quotes.constFind(instrument);
    if (it == m_quotes.cend())
        return std::nullopt;
    return *it;
}

qint64 QuoteBoard::volume(const QString &instrument) const
{
    QMutexLocker lock(&m_mutex);
    return m_volumes.value(instrument).quantity;
}

std::optional<double> QuoteBoard::mid(const QString &instrument) const
{
    const std::optional<Quote> q = quote(instrument);
    if (!q || !q->bid || !q->ask)
        return std::nullopt;
    return (double(q->bid->value()) + double(q->ask->value())) / 2.0;
}

QDate QuoteBoard::marketDate() const
{
    QMutexLocker lock(&m_mutex);
    return m_latestUs > 0 ? utcDate(m_latestUs) : QDate();
}

} // namespace instant
