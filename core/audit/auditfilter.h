#pragma once

#include "events/event.h"

#include <optional>

namespace instant {

// Which audit events a compliance officer looks at. All conditions must hold; empty ones pass.
struct AuditFilter
{
    std::optional<TimestampUs> fromUs;
    std::optional<TimestampUs> toUs;
    QString stream;   // stream id or order id (matched against the stream, correlation and payload order id)
    QString type;     // exact event type
    QString actor;    // user or role
    QString text;     // anywhere in type, stream, actor or payload (case-insensitive)

    bool isEmpty() const
    {
        return !fromUs && !toUs && stream.isEmpty() && type.isEmpty() && actor.isEmpty() && text.isEmpty();
    }

    bool matches(const RecordedEvent &e) const
    {
        if (fromUs && e.recordedUs < *fromUs)
            return false;
        if (toUs && e.recordedUs > *toUs)
            return false;
        if (!type.isEmpty() && e.type != type)
            return false;
        if (!actor.isEmpty() && e.actor.user.compare(actor, Qt::CaseInsensitive) != 0
            && e.actor.role.compare(actor, Qt::CaseInsensitive) != 0)
            return false;
        if (!stream.isEmpty() && e.streamId != stream && e.correlationId != stream
            && !e.payload.contains(QByteArray(QByteArray("\"order_id\":\"") + stream.toUtf8() + '"')))
            return false;
        if (!text.isEmpty()) {
            const QByteArray needle = text.toUtf8().toLower();
            if (!e.type.contains(text, Qt::CaseInsensitive) && !e.streamId.contains(text, Qt::CaseInsensitive)
                && !e.actor.user.contains(text, Qt::CaseInsensitive) && !e.payload.toLower().contains(needle))
                return false;
        }
        return true;
    }
};

} // namespace instant
