#pragma once

#include "marketdata/marketdata.h"

#include <QDate>
#include <QHash>
#include <QMutex>

#include <optional>

namespace instant {

// The latest quote and the day's traded volume of every instrument, as the engine publishes
// them. The GUI thread feeds it from the engine's batches; readers on other threads (the
// copilot) take what is there under the lock.
class QuoteBoard
{
public:
    void applyQuotes(const QList<Quote> &quotes);
    void applyTrades(const QList<TradePrint> &trades); // volume restarts with each trading day

    std::optional<Quote> quote(const QString &instrument) const;
    qint64 volume(const QString &instrument) const;
    // (bid + ask) / 2 in price units, when both sides are quoted.
    std::optional<double> mid(const QString &instrument) const;
    // The market's date: the day of the newest quote or trade (the venue's clock, simulated in
    // demo mode); invalid before the first one.
    QDate marketDate() const;

private:
    struct Volume
    {
        QDate day;
        qint64 quantity = 0;
    };
    mutable QMutex m_mutex;
    QHash<QString, Quote> m_quotes;
    QHash<QString, Volume> m_volumes;
    TimestampUs m_latestUs = 0;
};

} // namespace instant
