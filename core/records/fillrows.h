#pragma once

// Executions in the order they were booked, held in blocks that copies share. The trading state
// keeps a window of 200,000 and the panels that show them take it whole: a copy costs a list of
// a few dozen blocks, and a copy that then changes copies only the block it changes (an append,
// the last one). The engine and the panels hold those rows once, not once each.

#include "records/orderrecords.h"

#include <QList>

#include <iterator>

namespace instant {

class FillRows
{
public:
    static constexpr qsizetype BlockRows = 4096;

    FillRows() = default;
    FillRows(const QList<FillRecord> &rows); // implicit: a list of fills is rows like these
    FillRows(std::initializer_list<FillRecord> rows) : FillRows(QList<FillRecord>(rows)) {}

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const FillRecord &at(qsizetype i) const
    {
        const qsizetype k = m_skip + i;
        return m_blocks.at(k / BlockRows).at(k % BlockRows);
    }
    const FillRecord &operator[](qsizetype i) const { return at(i); }
    const FillRecord &first() const { return at(0); }
    const FillRecord &last() const { return at(m_size - 1); }
    const FillRecord &constFirst() const { return first(); }
    const FillRecord &constLast() const { return last(); }
    FillRecord &edit(qsizetype i); // that row's block made this copy's own first

    void append(FillRecord fill);
    void append(const FillRows &rows); // shares their blocks when it can (appended to none, or to full blocks)
    void removeFirst(qsizetype count);
    void removeLast(qsizetype count);
    FillRows mid(qsizetype from) const;   // the rows from `from` on, sharing their blocks
    FillRows left(qsizetype count) const; // the first `count` rows, sharing their blocks
    QList<FillRecord> toList() const;

    class const_iterator
    {
    public:
        using iterator_category = std::bidirectional_iterator_tag;
        using value_type = FillRecord;
        using difference_type = qsizetype;
        using pointer = const FillRecord *;
        using reference = const FillRecord &;
        const_iterator() = default;
        const_iterator(const FillRows *rows, qsizetype i) : m_rows(rows), m_i(i) {}
        reference operator*() const { return m_rows->at(m_i); }
        pointer operator->() const { return &m_rows->at(m_i); }
        const_iterator &operator++() { ++m_i; return *this; }
        const_iterator operator++(int) { const_iterator was = *this; ++m_i; return was; }
        const_iterator &operator--() { --m_i; return *this; }
        const_iterator operator--(int) { const_iterator was = *this; --m_i; return was; }
        bool operator==(const const_iterator &o) const { return m_i == o.m_i; }

    private:
        const FillRows *m_rows = nullptr;
        qsizetype m_i = 0;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, m_size}; }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }
    std::reverse_iterator<const_iterator> crbegin() const { return std::reverse_iterator<const_iterator>(end()); }
    std::reverse_iterator<const_iterator> crend() const { return std::reverse_iterator<const_iterator>(begin()); }

private:
    // Every block holds BlockRows rows but the last; the first `m_skip` rows of the first block
    // were removed (a block goes once all of its rows have).
    QList<QList<FillRecord>> m_blocks;
    qsizetype m_skip = 0;
    qsizetype m_size = 0;
};

} // namespace instant
