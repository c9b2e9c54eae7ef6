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
    // QJsonObject orders its keys as UTF-16 strings: for ASCII keys, byte order.
    QVarLengthArray<Field, 16> sorted = m_fields;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Field &a, const Field &b) { return std::strcmp(a.name, b.name) < 0; });
    QByteArray out;
    out.reserve(m_values.size() + 16 * sorted.size() + 2);
    out += '{';
    bool first = true;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        const Field &f = sorted[i];
        if (i + 1 < sorted.size() && std::strcmp(f.name, sorted[i + 1].name) == 0)
            continue; // given again later: the last one stands
        if (!first)
            out += ',';
        first = false;
        out += '"';
        out += f.name;
        out += "\":";
        out.append(m_values.constData() + f.from, f.to - f.from);
    }
    out += '}';
    return out;
}

} // namespace instant
