#pragma once

#include <QtGlobal>

#include <compare>

namespace instant {

// An integer with a meaning, so a price cannot be passed where a quantity is expected.
template <typename Tag>
class StrongInt
{
public:
    constexpr StrongInt() = default;
    constexpr explicit StrongInt(qint64 value) : m_value(value) {}

    constexpr qint64 value() const { return m_value; }

    friend constexpr auto operator<=>(StrongInt, StrongInt) = default;
    constexpr StrongInt operator+(StrongInt o) const { return StrongInt(m_value + o.m_value); }
    constexpr StrongInt operator-(StrongInt o) const { return StrongInt(m_value - o.m_value); }
    constexpr StrongInt &operator+=(StrongInt o)
    {
        m_value += o.m_value;
        return *this;
    }
    constexpr StrongInt &operator-=(StrongInt o)
    {
        m_value -= o.m_value;
        return *this;
    }

private:
    qint64 m_value = 0;
};

struct PriceTag;
struct QuantityTag;
// A price in the instrument's integer price units (e.g. 1/256 of a point for a note, cents for a stock).
using Price = StrongInt<PriceTag>;
// A quantity in units (face value in dollars for Treasuries, shares, contracts).
using Quantity = StrongInt<QuantityTag>;

enum class Side : quint8 { Buy, Sell };
enum class OrderType : quint8 { Limit, Market, Stop, StopLimit };
enum class TimeInForce : quint8 { Day, Gtc, Ioc, Fok };

constexpr Side opposite(Side side)
{
    return side == Side::Buy ? Side::Sell : Side::Buy;
}

} // namespace instant
