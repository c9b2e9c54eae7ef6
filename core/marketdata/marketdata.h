#pragma once

// What the market says, as the workstation hears it from any source (the simulated venue, a FIX
// or WebSocket feed): the top of the book, trades, one-minute bars and depth levels. Below the
// venues, the analytics and the feeds, which all speak it.

#include "common/clock.h"
#include "common/types.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace instant {

struct Quote
{
    QString instrument;
    std::optional<Price> bid;
    std::optional<Price> ask;
    Quantity bidQuantity;
    Quantity askQuantity;
    TimestampUs timeUs = 0;
    // Treasuries, as traders read them (the engine adds them): the yield at the mid, to the
    // settlement date, and its change since the reference (previous close) price, in bp.
    std::optional<double> yieldPercent;
    std::optional<double> yieldChangeBp;
};

struct TradePrint
{
    QString instrument;
    Price price;
    Quantity quantity;
    Side aggressor = Side::Buy;
    TimestampUs timeUs = 0;
};

// Prints that wait for whoever shows them (a busy GUI) folded to one per instrument, in the order
// each first came: the last price and time, the quantity of all.
inline QList<TradePrint> foldPrints(const QList<TradePrint> &prints)
{
    QList<TradePrint> folded;
    QHash<QString, qsizetype> at;
    for (const TradePrint &t : prints) {
        if (const auto it = at.constFind(t.instrument); it != at.cend()) {
            TradePrint &f = folded[*it];
            const Quantity all = f.quantity + t.quantity;
            f = t;
            f.quantity = all;
        } else {
            at.insert(t.instrument, folded.size());
            folded.append(t);
        }
    }
    return folded;
}

struct Bar
{
    QString instrument;
    TimestampUs startUs = 0; // the minute it covers
    Price open, high, low, close;
    Quantity volume;
};

// One price level of a book: its price, what rests there, and how many orders.
struct LevelView
{
    Price price;
    Quantity quantity;
    int orders = 0;
};

} // namespace instant

Q_DECLARE_METATYPE(instant::Quote)
Q_DECLARE_METATYPE(instant::TradePrint)
Q_DECLARE_METATYPE(instant::Bar)
Q_DECLARE_METATYPE(instant::LevelView)
