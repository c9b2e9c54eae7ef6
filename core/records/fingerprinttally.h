#pragma once

// How many of a set of records have each 32-bit fingerprint: "none" answers at once that a
// record is not held (a new execution, the usual case, against the 200,000 kept), "some" is
// confirmed on the records themselves (two records may share a fingerprint).
//
// A flat table of slots, each a fingerprint and its count, at most half full (linear probing; a
// count that falls to zero empties its slot and moves the slots after it back, so no slot is left
// marked deleted). A QHash<quint32, quint32> spent a node allocation's worth of work on each of
// the two changes a replay makes per execution (one appended, one dropped from the window).

#include <QList>
#include <QtGlobal>

namespace instant {

class FingerprintTally
{
public:
    bool contains(quint32 fingerprint) const
    {
        if (fingerprint == 0)
            return m_zeros > 0;
        if (m_slots.isEmpty())
            return false;
        const quint32 key = fingerprint;
        for (qsizetype i = key & mask();; i = (i + 1) & mask()) {
            const Slot &slot = m_slots.at(i);
            if (slot.key == key)
                return true;
            if (slot.key == 0)
                return false;
        }
    }
    void add(quint32 fingerprint)
    {
        if (fingerprint == 0) {
            ++m_zeros;
            return;
        }
        if ((m_used + 1) * 2 > m_slots.size())
            rehash(std::max<qsizetype>(64, m_slots.size() * 2));
        const quint32 key = fingerprint;
        qsizetype i = key & mask();
        while (m_slots.at(i).key != 0 && m_slots.at(i).key != key)
            i = (i + 1) & mask();
        Slot &slot = m_slots[i];
        if (slot.key == 0) {
            slot.key = key;
            ++m_used;
        }
        ++slot.count;
    }
    void remove(quint32 fingerprint) // one record with it fewer; nothing when none is counted
    {
        if (fingerprint == 0) {
            m_zeros -= m_zeros > 0 ? 1 : 0;
            return;
        }
        if (m_slots.isEmpty())
            return;
        const quint32 key = fingerprint;
        qsizetype i = key & mask();
        while (m_slots.at(i).key != key) {
            if (m_slots.at(i).key == 0)
                return;
            i = (i + 1) & mask();
        }
        if (--m_slots[i].count > 0)
            return;
        // Empty slot i, then move back each following slot that may not stay beyond the gap.
        for (qsizetype next = (i + 1) & mask();; next = (next + 1) & mask()) {
            const Slot moving = m_slots.at(next);
            if (moving.key == 0)
                break;
            const qsizetype home = moving.key & mask();
            // It stays where it is when its home lies cyclically in (i, next].
            const bool stays = i <= next ? (home > i && home <= next) : (home > i || home <= next);
            if (!stays) {
                m_slots[i] = moving;
                i = next;
            }
        }
        m_slots[i] = Slot{};
        --m_used;
    }
    void clear()
    {
        m_slots.clear();
        m_used = 0;
        m_zeros = 0;
    }
    qsizetype distinct() const { return m_used + (m_zeros > 0 ? 1 : 0); }

private:
    struct Slot
    {
        quint32 key = 0; // the fingerprint; 0 marks an empty slot (fingerprint 0 is counted apart)
        quint32 count = 0;
    };
    qsizetype mask() const { return m_slots.size() - 1; }
    void rehash(qsizetype size)
    {
        QList<Slot> table(size);
        for (const Slot &slot : std::as_const(m_slots)) {
            if (slot.key == 0)
                continue;
            qsizetype i = slot.key & (size - 1);
            while (table.at(i).key != 0)
                i = (i + 1) & (size - 1);
            table[i] = slot;
        }
        m_slots = std::move(table);
    }

    QList<Slot> m_slots; // a power of two in size, or none
    qsizetype m_used = 0;  // slots in use
    quint32 m_zeros = 0;   // records with fingerprint 0
};

} // namespace instant
