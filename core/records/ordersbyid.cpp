#include "records/ordersbyid.h"

#include "common/texthash.h"

#include <QHashFunctions>

namespace instant {

quint32 OrdersById::hashOf(QStringView id)
{
    return hashText32(id); // the same table in every run
}

qsizetype OrdersById::slotOf(QStringView id, quint32 hash) const
{
    const qsizetype mask = m_slots.size() - 1;
    for (qsizetype i = qsizetype(hash) & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots.at(i);
        if (slot.row == 0 || (slot.hash == hash && m_records.at(slot.row - 1)->orderId == id))
            return i;
    }
}

qsizetype OrdersById::rowOf(QStringView id) const
{
    if (m_slots.isEmpty())
        return -1;
    const Slot &slot = m_slots.at(slotOf(id, hashOf(id)));
    return qsizetype(slot.row) - 1;
}

std::pair<OrderRef *, bool> OrdersById::insert(OrderRef record)
{
    Q_ASSERT(!record.isNull());
    if ((m_records.size() + 1) * 4 > m_slots.size() * 3)
        rehash(std::max<qsizetype>(16, m_slots.size() * 2));
    const quint32 hash = hashOf(record->orderId);
    const qsizetype at = slotOf(record->orderId, hash);
    if (const quint32 row = m_slots.at(at).row; row != 0)
        return {&m_records[row - 1], false};
    m_records.append(std::move(record));
    m_slots[at] = Slot{hash, quint32(m_records.size())};
    return {&m_records.last(), true};
}

QStringList OrdersById::keys() const
{
    QStringList ids;
    ids.reserve(m_records.size());
    for (const OrderRef &record : m_records)
        ids.append(record->orderId);
    return ids;
}

void OrdersById::reserve(qsizetype orders)
{
    m_records.reserve(orders);
    qsizetype slotCount = 16;
    while (orders * 4 > slotCount * 3)
        slotCount *= 2;
    if (slotCount > m_slots.size())
        rehash(slotCount);
}

void OrdersById::rehash(qsizetype slotCount)
{
    Q_ASSERT((slotCount & (slotCount - 1)) == 0 && slotCount > m_records.size());
    QList<Slot> table(slotCount);
    const qsizetype mask = slotCount - 1;
    for (const Slot &slot : std::as_const(m_slots)) {
        if (slot.row == 0)
            continue;
        qsizetype i = qsizetype(slot.hash) & mask;
        while (table.at(i).row != 0)
            i = (i + 1) & mask;
        table[i] = slot;
    }
    m_slots = std::move(table);
}

} // namespace instant
