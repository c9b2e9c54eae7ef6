#include "oms/tradingstate.h"

#include "common/texthash.h"

#include <algorithm>

namespace instant {

FillHistory::FillHistory(qsizetype capacity, qsizetype slack)
    : m_capacity(std::max<qsizetype>(1, capacity)), m_slack(std::max<qsizetype>(0, slack))
{
}

void FillHistory::setCapacity(qsizetype capacity, qsizetype slack)
{
    m_capacity = std::max<qsizetype>(1, capacity);
    m_slack = std::max<qsizetype>(0, slack);
}

qsizetype FillHistory::rowOf(Sequence sequence) const
{
    if (m_ascending) {
        const auto at = std::lower_bound(m_sequences.cbegin(), m_sequences.cend(), sequence);
        return at == m_sequences.cend() || *at != sequence ? -1 : qsizetype(at - m_sequences.cbegin());
    }
    const auto at = m_index.constFind(sequence);
    return at == m_index.cend() ? -1 : qsizetype(*at - m_dropped);
}

quint32 FillHistory::fingerprint(const QString &orderId, const QString &execId)
{
    return hashText32(execId, hashText(orderId));
}

void FillHistory::tally(const FillRecord &fill, int by)
{
    const quint32 f = fingerprint(fill.orderId, fill.execId);
    if (by > 0)
        m_fingerprints.add(f);
    else
        m_fingerprints.remove(f);
}

qsizetype FillHistory::rowOf(const QString &orderId, const QString &execId) const
{
    if (!m_fingerprints.contains(fingerprint(orderId, execId)))
        return -1;
    for (qsizetype r = m_rows.size(); r-- > 0;)
        if (m_rows.at(r).execId == execId && m_rows.at(r).orderId == orderId)
            return r;
    return -1;
}

void FillHistory::indexUnordered()
{
    m_ascending = false;
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (qsizetype r = 0; r < m_rows.size(); ++r)
        m_index.insert(m_rows.at(r).sequence, m_dropped + r);
}

void FillHistory::append(FillRecord fill)
{
    if (m_ascending && !m_sequences.empty() && fill.sequence <= m_sequences.back())
        indexUnordered();
    if (!m_ascending)
        m_index.insert(fill.sequence, total());
    m_sequences.push_back(fill.sequence);
    tally(fill, +1);
    m_rows.append(std::move(fill));
}

qsizetype FillHistory::excess() const
{
    return m_rows.size() > m_capacity + m_slack ? m_rows.size() - m_capacity : 0;
}

void FillHistory::dropOldest(qsizetype count)
{
    count = std::min(count, m_rows.size());
    if (count <= 0)
        return;
    for (qsizetype r = 0; r < count; ++r) {
        if (!m_ascending)
            m_index.remove(m_rows.at(r).sequence);
        tally(m_rows.at(r), -1);
    }
    m_sequences.erase(m_sequences.begin(), m_sequences.begin() + count);
    m_rows.removeFirst(count);
    m_dropped += count;
}

void FillHistory::reset(FillRows rows, qint64 dropped)
{
    m_rows = std::move(rows);
    m_dropped = dropped;
    m_index.clear();
    m_sequences.clear();
    m_fingerprints.clear();
    m_ascending = true;
    for (const FillRecord &f : std::as_const(m_rows)) {
        tally(f, +1);
        m_ascending = m_ascending && (m_sequences.empty() || f.sequence > m_sequences.back());
        m_sequences.push_back(f.sequence);
    }
    if (!m_ascending)
        indexUnordered();
}

FillRows FillHistory::since(qint64 total) const
{
    const qsizetype from = qsizetype(std::max<qint64>(0, total - m_dropped));
    if (from == 0)
        return m_rows; // the whole window: its blocks shared
    // What is new, copied: sharing the last block would make this history copy all of it at its
    // next append, for the few rows a publish carries.
    FillRows fresh;
    for (qsizetype r = from; r < m_rows.size(); ++r)
        fresh.append(m_rows.at(r));
    return fresh;
}

} // namespace instant
