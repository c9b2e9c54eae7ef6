#include "events/payloadfields.h"

#include "events/eventhash.h"

#include <QJsonArray>

#include <algorithm>
#include <cstring>

namespace instant {

void PayloadFields::add(const char *name, qsizetype from)
{
    m_fields.append(Field{name, from, m_values.size()});
}

void PayloadFields::text(const char *name, const QString &value)
{
    const qsizetype from = m_values.size();
    appendCanonicalString(m_values, value);
    add(name, from);
}

void PayloadFields::integer(const char *name, qint64 value)
{
    const qsizetype from = m_values.size();
    appendCanonicalInteger(m_values, value);
    add(name, from);
}

void PayloadFields::price(const char *name, const std::optional<Price> &value)
{
    if (value) {
        integer(name, value->value());
        return;
    }
    const qsizetype from = m_values.size();
    m_values += "null";
    add(name, from);
}

void PayloadFields::value(const char *name, const QJsonValue &value)
{
    const qsizetype from = m_values.size();
    if (value.isArray() && value.toArray().isEmpty())
        m_values += "[]";
    else
        appendCanonicalValue(m_values, value);
    add(name, from);
}

void PayloadFields::object(const char *name, const PayloadFields &fields)
{
    const qsizetype from = m_values.size();
    m_values += fields.bytes();
    add(name, from);
}

QByteArray PayloadFields::bytes() const
{
    // QJsonObject orders its keys as UTF-16 strings: for ASCII keys, byte order. The fields are
    // few and come nearly in order: an insertion sort of their indices (stable, no allocation).
    const qsizetype n = m_fields.size();
    QVarLengthArray<qsizetype, 32> order(n);
    for (qsizetype i = 0; i < n; ++i) {
        qsizetype j = i;
        for (; j > 0 && std::strcmp(m_fields[order[j - 1]].name, m_fields[i].name) > 0; --j)
            order[j] = order[j - 1];
        order[j] = i;
    }
    // A name given again later: the last one stands (it sorts after the earlier ones).
    auto kept = [&](qsizetype k) { return k + 1 == n || std::strcmp(m_fields[order[k]].name, m_fields[order[k + 1]].name) != 0; };
    qsizetype size = 2; // the braces
    for (qsizetype k = 0; k < n; ++k) {
        const Field &f = m_fields[order[k]];
        if (kept(k))
            size += qsizetype(std::strlen(f.name)) + 4 + (f.to - f.from); // "name": and a comma
    }
    QByteArray out(size, Qt::Uninitialized);
    char *o = out.data();
    *o++ = '{';
    bool first = true;
    for (qsizetype k = 0; k < n; ++k) {
        if (!kept(k))
            continue;
        const Field &f = m_fields[order[k]];
        if (!first)
            *o++ = ',';
        first = false;
        const size_t length = std::strlen(f.name);
        *o++ = '"';
        std::memcpy(o, f.name, length);
        o += length;
        *o++ = '"';
        *o++ = ':';
        std::memcpy(o, m_values.constData() + f.from, size_t(f.to - f.from));
        o += f.to - f.from;
    }
    *o++ = '}';
    out.truncate(o - out.constData()); // one comma fewer than fields
    return out;
}

} // namespace instant
