#include "events/readevents.h"

#include "events/payload.h"

#include <QDateTime>
#include <QTimeZone>

namespace instant::events {

bool isAccessRecord(QStringView type)
{
    return type == RecordsRead || type == WorkstationSessionStarted || type == WorkstationSessionEnded;
}

QString readsStream(const QString &user)
{
    return QStringLiteral("reads-") + user;
}

NewEvent ReadRecord::encode(const Actor &actor) const
{
    QJsonObject payload{{QStringLiteral("action"), action}, {QStringLiteral("subject"), subject},
                        {QStringLiteral("channel"), channel}};
    if (asOfUs)
        payload.insert(QStringLiteral("as_of_us"), *asOfUs);
    if (records >= 0)
        payload.insert(QStringLiteral("records"), records);
    if (!outcome.isEmpty())
        payload.insert(QStringLiteral("outcome"), outcome);
    return NewEvent::make(RecordsRead, payload, actor, readsStream(actor.user));
}

AppendRequest ReadRecord::appendRequest(const Actor &actor) const
{
    AppendRequest request;
    request.streamId = readsStream(actor.user);
    request.events.append(encode(actor));
    return request;
}

Result<ReadRecord> ReadRecord::decode(const QByteArray &payload)
{
    const Payload p = Payload::parse(payload);
    if (!p.isValid() || p.str("action").isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a RecordsRead event names its action"));
    ReadRecord r;
    r.action = p.str("action");
    r.subject = p.str("subject");
    r.asOfUs = p.optionalI64("as_of_us");
    r.records = p.has("records") ? p.i64("records") : -1;
    r.outcome = p.str("outcome");
    r.channel = p.str("channel");
    return r;
}

QString ReadRecord::describe() const
{
    QString text = action == ReadAsOf ? QStringLiteral("looked as of") : action;
    if (asOfUs)
        text += u' ' + QDateTime::fromMSecsSinceEpoch(*asOfUs / 1000, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    if (!subject.isEmpty())
        text += u' ' + subject;
    if (records >= 0)
        text += QStringLiteral(" (%1 record%2)").arg(records).arg(records == 1 ? QString() : QStringLiteral("s"));
    if (!outcome.isEmpty())
        text += QStringLiteral(": ") + outcome;
    if (!channel.isEmpty())
        text += QStringLiteral(" [%1]").arg(channel);
    return text;
}

} // namespace instant::events
