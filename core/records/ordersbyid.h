#pragma once

// Every order of the book by its id, found in constant time without a second copy of the id.
//
// The records are held in the order they were added (shared records, 8 bytes each). Beside them,
// a table of slots, each an id's 32-bit hash and the row of its record (8 bytes a slot, at most
// three quarters full, linear probing): a lookup compares the id only where the hash matches, and
// compares it with the record's own (OrderRecord::orderId). A QHash<QString, OrderRef> took about
// 50 bytes an order with the copy of the id it keeps as a key; this takes 16 to 24.
//
// Orders are never removed: the log keeps every one. A copy shares both lists (Qt's implicit
// sharing); the first change to a shared one gives it lists of its own.

#include "records/orderrecords.h"

#include <QList>
#include <QStringList>
#include <QStringView>

#include <utility>

namespace instant {

class OrdersById
{
public:
    using const_iterator = QList<OrderRef>::const_iterator;

    const_iterator begin() const { return m_records.cbegin(); }
    const_iterator end() const { return m_records.cend(); }
    qsizetype size() const { return m_records.size(); }
    bool isEmpty() const { return m_records.isEmpty(); }
    const QList<OrderRef> &inAddedOrder() const { return m_records; }

    const OrderRef *find(QStringView id) const
    {
        const qsizetype row = rowOf(id);
        return row < 0 ? nullptr : &m_records.at(row);
    }
    // To change the record (OrderRef::edit) or replace it; valid until the next insert or copy.
    OrderRef *find(QStringView id)
    {
        const qsizetype row = rowOf(id);
        return row < 0 ? nullptr : &m_records[row];
    }
    OrderRef value(QStringView id) const
    {
        const OrderRef *held = find(id);
        return held ? *held : OrderRef();
    }
    bool contains(QStringView id) const { return rowOf(id) >= 0; }

    // Adds a record under its own id. An id already held keeps its record: {that one, false}.
    std::pair<OrderRef *, bool> insert(OrderRef record);
    QStringList keys() const; // in the order added
    void reserve(qsizetype orders);

private:
    struct Slot
    {
        quint32 hash = 0;
        quint32 row = 0; // the record's row + 1; 0: an empty slot
    };
    static quint32 hashOf(QStringView id);
    // The slot that holds the id, or the empty one where it would go (the table is never full).
    qsizetype slotOf(QStringView id, quint32 hash) const;
    qsizetype rowOf(QStringView id) const;
    void rehash(qsizetype slotCount);

    QList<OrderRef> m_records;
    QList<Slot> m_slots; // a power of two in size, or none
};

} // namespace instant
