#pragma once

// An event payload written straight to its stored bytes: the fields in any order, out as the
// canonical JSON that canonicalJson() makes of the same fields in a QJsonObject (keys sorted,
// compact), without building the object. The encoders of the order lifecycle's events write their
// payloads this way: an order's events are built and stored on the engine's path of every order.

#include "common/types.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QVarLengthArray>

#include <optional>

namespace instant {

class PayloadFields
{
public:
    PayloadFields() { m_values.reserve(256); }

    // `name`: a key in plain ASCII that outlives the fields (a literal). A name given twice keeps
    // its last value, as QJsonObject::insert does.
    void text(const char *name, const QString &value);
    void integer(const char *name, qint64 value);
    // The price's units, or null without one.
    void price(const char *name, const std::optional<Price> &value);
    // Any other value (an array, an object): as canonicalJson writes it.
    void value(const char *name, const QJsonValue &value);
    // An object written with fields of its own.
    void object(const char *name, const PayloadFields &fields);

    // The payload's canonical bytes.
    QByteArray bytes() const;

private:
    struct Field
    {
        const char *name;
        qsizetype from, to; // its value's bytes in m_values
    };
    void add(const char *name, qsizetype from);

    QByteArray m_values;
    QVarLengthArray<Field, 16> m_fields;
};

} // namespace instant
