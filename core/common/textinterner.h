#pragma once

// One QString per distinct text for the few texts that come back on every row of a log (event
// types, stream ids, actors, accounts, sides): decoded once, then shared. A fixed table, each text
// in the slot its hash names; a text that meets another in its slot replaces it, so the memory is
// bounded whatever the log holds, and ids that never repeat cost one decode each, as without it.

#include "common/texthash.h"

#include <QString>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace instant {

class TextInterner
{
public:
    const QString &get(std::string_view bytes)
    {
        static const QString none; // an empty column or field: a null text, as QString::fromUtf8 gives
        if (bytes.empty())
            return none;
        Slot &slot = m_slots[hashBytes(bytes) & (Slots - 1)];
        if (slot.bytes.size() != bytes.size() || std::memcmp(slot.bytes.data(), bytes.data(), bytes.size()) != 0) {
            slot.bytes.assign(bytes);
            slot.text = QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
        }
        return slot.text;
    }

private:
    static constexpr size_t Slots = 4096;
    struct Slot
    {
        std::string bytes;
        QString text;
    };
    std::array<Slot, Slots> m_slots;
};

} // namespace instant
