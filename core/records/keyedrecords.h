#pragma once

// Records kept by a text key (positions by "account|instrument", unsettled trades by
// "order/ExecID"): in key order, as the screens and the snapshot read them, and found in constant
// time, as a replay of millions of events needs (an ordered map compares a dozen keys per lookup).
//
// The order is a QMap; beside it, an index from each key to where its record lies in the map
// (an iterator: a removal erases there, without comparing keys down the tree). A copy shares
// both (cheap, and safe to read on another thread); the first change to a shared table gives it a
// map of its own and indexes that one, so an index never points into records another copy owns.

#include <QHash>
#include <QMap>
#include <QString>

#include <atomic>
#include <utility>

namespace instant {

template <class Record>
class KeyedRecords
{
public:
    using Map = QMap<QString, Record>;

    const Map &inKeyOrder() const { return m_map; }
    // New whenever a record is inserted, handed out to change, or removed; a copy has its
    // table's until either changes. Two tables with one stamp hold the same records.
    quint64 changeStamp() const { return m_stamp; }
    qsizetype size() const { return m_map.size(); }
    bool isEmpty() const { return m_map.isEmpty(); }
    bool contains(const QString &key) const { return m_index.contains(key); }
    const Record *find(const QString &key) const
    {
        const auto it = m_index.constFind(key);
        return it == m_index.cend() ? nullptr : &*it.value();
    }
    Record value(const QString &key) const
    {
        const Record *record = find(key);
        return record ? *record : Record{};
    }
    // To change in place (valid until the next insert, removal or copy of this table).
    Record *edit(const QString &key)
    {
        own();
        const auto it = m_index.constFind(key);
        return it == m_index.cend() ? nullptr : &*it.value();
    }
    Record &insert(const QString &key, Record record) // replaces a record with the same key
    {
        own();
        if (const auto held = m_index.constFind(key); held != m_index.cend())
            return *held.value() = std::move(record);
        const auto it = m_map.insert(key, std::move(record));
        m_index.insert(it.key(), it);
        return *it;
    }
    bool remove(const QString &key)
    {
        own();
        const auto held = m_index.constFind(key);
        if (held == m_index.cend())
            return false;
        const typename Map::iterator at = held.value();
        m_index.erase(held);
        m_map.erase(at); // where the index says: no walk down the tree comparing keys
        return true;
    }

private:
    void own()
    {
        m_stamp = s_stamps.fetch_add(1, std::memory_order_relaxed) + 1;
        if (m_map.isDetached())
            return;
        m_map.detach(); // records of its own: the index must name them, not the shared ones
        m_index.clear();
        m_index.reserve(m_map.size());
        for (auto it = m_map.begin(); it != m_map.end(); ++it)
            m_index.insert(it.key(), it);
    }

    Map m_map;
    QHash<QString, typename Map::iterator> m_index;
    quint64 m_stamp = 0;
    static inline std::atomic<quint64> s_stamps{0};
};

} // namespace instant
