#pragma once

#include <QtGlobal>

#include <compare>
#include <limits>
#include <optional>

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

// An optional price or quantity in 8 bytes where std::optional takes 16 (an order record holds
// five, a workstation a million records). The smallest qint64 stands for "none": no amount takes
// it (a projection refuses amounts past ±2^53 before it records them). Read and written as
// std::optional<T> is, and converted to one where one is asked for.
template <typename T>
class CompactOptional
{
public:
    constexpr CompactOptional() = default;
    constexpr CompactOptional(std::nullopt_t) {}
    constexpr CompactOptional(T value) : m_value(value) {}
    constexpr CompactOptional(const std::optional<T> &value) : m_value(value ? *value : None) {}

    constexpr bool has_value() const { return m_value != None; }
    constexpr explicit operator bool() const { return has_value(); }
    constexpr const T &operator*() const { return m_value; }
    constexpr const T *operator->() const { return &m_value; }
    constexpr T value() const { return has_value() ? m_value : throw std::bad_optional_access(); }
    constexpr T value_or(T fallback) const { return has_value() ? m_value : fallback; }
    constexpr void reset() { m_value = None; }
    constexpr operator std::optional<T>() const { return has_value() ? std::optional<T>(m_value) : std::nullopt; }

    friend constexpr bool operator==(CompactOptional a, CompactOptional b) { return a.m_value == b.m_value; }
    friend constexpr bool operator==(CompactOptional a, std::nullopt_t) { return !a.has_value(); }

private:
    static constexpr T None = T(std::numeric_limits<qint64>::min());
    T m_value = None;
};

enum class Side : quint8 { Buy, Sell };
enum class OrderType : quint8 { Limit, Market, Stop, StopLimit };
enum class TimeInForce : quint8 { Day, Gtc, Ioc, Fok };

constexpr Side opposite(Side side)
{
    return side == Side::Buy ? Side::Sell : Side::Buy;
}

} // namespace instant
