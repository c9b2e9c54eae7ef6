#pragma once

#include "events/event.h"
#include "events/readevents.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

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
    // Who looked at what (RecordsRead, events/readevents.h): shown with the rest, alone, or hidden.
    enum class Reads { Shown, Only, Hidden } reads = Reads::Shown;

    bool isEmpty() const
    {
        return !fromUs && !toUs && stream.isEmpty() && type.isEmpty() && actor.isEmpty() && text.isEmpty()
               && reads == Reads::Shown;
    }

    // For the record of a search: "type OrderFilled, actor alice, text \"AAPL\"".
    QString describe() const
    {
        QStringList parts;
        const auto time = [](TimestampUs us) {
            return QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc()).toString(Qt::ISODate);
        };
        if (!text.isEmpty())
            parts << QStringLiteral("text \"%1\"").arg(text);
        if (!type.isEmpty())
            parts << QStringLiteral("type %1").arg(type);
        if (!stream.isEmpty())
            parts << QStringLiteral("order or stream %1").arg(stream);
        if (!actor.isEmpty())
            parts << QStringLiteral("actor %1").arg(actor);
        if (fromUs)
            parts << QStringLiteral("from %1").arg(time(*fromUs));
        if (toUs)
            parts << QStringLiteral("to %1").arg(time(*toUs));
        if (reads == Reads::Only)
            parts << QStringLiteral("reads only");
        else if (reads == Reads::Hidden)
            parts << QStringLiteral("reads hidden");
        return parts.isEmpty() ? QStringLiteral("every event") : parts.join(QStringLiteral(", "));
    }

    bool matches(const RecordedEvent &e) const
    {
        if (reads != Reads::Shown && (e.type == events::RecordsRead) != (reads == Reads::Only))
            return false;
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
