#include "records/fillrows.h"

#include <algorithm>

namespace instant {

FillRows::FillRows(const QList<FillRecord> &rows)
{
    for (const FillRecord &f : rows)
        append(f);
}

FillRecord &FillRows::edit(qsizetype i)
{
    const qsizetype k = m_skip + i;
    return m_blocks[k / BlockRows][k % BlockRows];
}

void FillRows::append(FillRecord fill)
{
    if (m_blocks.isEmpty() || m_blocks.constLast().size() == BlockRows) {
        // A block of its full size once the rows fill blocks; a few rows (the fills of one
        // publish) do not take a megabyte.
        m_blocks.append(QList<FillRecord>());
        m_blocks.last().reserve(std::clamp<qsizetype>(m_size, 16, BlockRows));
    }
    m_blocks.last().append(std::move(fill));
    ++m_size;
}

void FillRows::append(const FillRows &rows)
{
    if (m_size == 0) {
        *this = rows; // shared
        return;
    }
    if (m_blocks.constLast().size() == BlockRows && rows.m_skip == 0) {
        m_blocks.append(rows.m_blocks); // whole blocks, shared: every one full but the last
        m_size += rows.m_size;
        return;
    }
    for (const FillRecord &f : rows)
        append(f);
}

void FillRows::removeLast(qsizetype count)
{
    count = std::clamp<qsizetype>(count, 0, m_size);
    m_size -= count;
    if (m_size == 0) {
        *this = {};
        return;
    }
    const qsizetype held = m_skip + m_size; // rows in the blocks, the skipped ones included
    const qsizetype blocks = (held + BlockRows - 1) / BlockRows;
    m_blocks.resize(blocks);
    if (const qsizetype last = held - (blocks - 1) * BlockRows; m_blocks.constLast().size() != last)
        m_blocks.last().resize(last); // only the last block is copied, if shared
}

FillRows FillRows::left(qsizetype count) const
{
    FillRows rows = *this;
    rows.removeLast(m_size - count);
    return rows;
}

void FillRows::removeFirst(qsizetype count)
{
    count = std::clamp<qsizetype>(count, 0, m_size);
    m_size -= count;
    m_skip += count;
    if (m_size == 0) {
        *this = {};
        return;
    }
    const qsizetype gone = m_skip / BlockRows;
    if (gone > 0) {
        m_blocks.remove(0, gone);
        m_skip -= gone * BlockRows;
    }
}

FillRows FillRows::mid(qsizetype from) const
{
    FillRows rows = *this;
    rows.removeFirst(from);
    return rows;
}

QList<FillRecord> FillRows::toList() const
{
    QList<FillRecord> list;
    list.reserve(m_size);
    for (const FillRecord &f : *this)
        list.append(f);
    return list;
}

} // namespace instant
