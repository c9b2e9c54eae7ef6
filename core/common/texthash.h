#pragma once

// A fast hash of a text or of bytes, for the tables a replay looks into on every event (orders by
// id, executions by order and ExecID, recent texts). Qt's qHash of a string is SipHash here (the
// distribution's Qt is built without the AES hash), several times the cost of this for the short
// ids a log repeats. Not for anything that must resist a chosen input: the keys are our own ids
// and a venue's ExecIDs, and each table it serves is a lookup with its answer confirmed on the
// key itself. The same value in every run, on every machine of the same byte order.

#include <QStringView>

#include <cstdint>
#include <cstring>
#include <string_view>

namespace instant {

// A 64-bit mix (the finaliser of SplitMix64): every bit of the input moves about half the output.
constexpr std::uint64_t mixBits(std::uint64_t x) noexcept
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// Eight bytes at a time, each word folded in by a multiply; the length is part of the hash.
inline std::uint64_t hashBytes(const void *data, std::size_t size, std::uint64_t seed = 0) noexcept
{
    const auto *p = static_cast<const unsigned char *>(data);
    std::uint64_t h = seed ^ (0x9e3779b97f4a7c15ull * (size + 1));
    for (; size >= 8; p += 8, size -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    std::uint64_t tail = 0;
    if (size > 0) // an empty text may have no data at all
        std::memcpy(&tail, p, size);
    return mixBits(h ^ tail);
}

inline std::uint64_t hashBytes(std::string_view bytes, std::uint64_t seed = 0) noexcept
{
    return hashBytes(bytes.data(), bytes.size(), seed);
}

inline std::uint64_t hashText(QStringView text, std::uint64_t seed = 0) noexcept
{
    return hashBytes(text.data(), std::size_t(text.size()) * sizeof(char16_t), seed);
}

// 32 bits of it, for a table that keeps its keys' hashes beside them.
inline quint32 hashText32(QStringView text, std::uint64_t seed = 0) noexcept
{
    const std::uint64_t h = hashText(text, seed);
    return quint32(h ^ (h >> 32));
}

} // namespace instant
