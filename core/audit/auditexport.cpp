#include "audit/auditexport.h"

#include "store/eventstore.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace instant {
namespace {

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace

QJsonObject eventToJson(const RecordedEvent &e)
{
    QJsonObject o;
    o.insert(QStringLiteral("sequence"), e.sequence);
    o.insert(QStringLiteral("stream_id"), e.streamId);
    o.insert(QStringLiteral("stream_version"), e.streamVersion);
    o.insert(QStringLiteral("type"), e.type);
    o.insert(QStringLiteral("schema_version"), e.schemaVersion);
    o.insert(QStringLiteral("recorded_at"), formatUtcMicros(e.recordedUs));
    o.insert(QStringLiteral("recorded_us"), e.recordedUs);
    o.insert(QStringLiteral("actor"),
             QJsonObject{{QStringLiteral("user"), e.actor.user}, {QStringLiteral("role"), e.actor.role}});
    o.insert(QStringLiteral("correlation_id"), e.correlationId);
    o.insert(QStringLiteral("causation_id"), e.causationId);
    QJsonParseError error{};
    const QJsonDocument payload = QJsonDocument::fromJson(e.payload, &error);
    if (error.error == QJsonParseError::NoError && payload.isObject())
        o.insert(QStringLiteral("payload"), payload.object());
    else // stored bytes that are not JSON (a tampered store) are exported as they are
        o.insert(QStringLiteral("payload_raw"), QString::fromUtf8(e.payload));
    o.insert(QStringLiteral("prev_hash"), QString::fromLatin1(e.prevHash.toHex()));
    o.insert(QStringLiteral("hash"), QString::fromLatin1(e.hash.toHex()));
    return o;
}

QStringList csvHeader()
{
    return {QStringLiteral("sequence"),       QStringLiteral("recorded_at"),  QStringLiteral("recorded_us"),
            QStringLiteral("stream_id"),      QStringLiteral("stream_version"), QStringLiteral("type"),
            QStringLiteral("schema_version"), QStringLiteral("actor_user"),   QStringLiteral("actor_role"),
            QStringLiteral("correlation_id"), QStringLiteral("causation_id"), QStringLiteral("payload"),
            QStringLiteral("prev_hash"),      QStringLiteral("hash")};
}

QString csvRow(const RecordedEvent &e)
{
    const QStringList fields{QString::number(e.sequence),
                             formatUtcMicros(e.recordedUs),
                             QString::number(e.recordedUs),
                             csvField(e.streamId),
                             QString::number(e.streamVersion),
                             csvField(e.type),
                             QString::number(e.schemaVersion),
                             csvField(e.actor.user),
                             csvField(e.actor.role),
                             csvField(e.correlationId),
                             csvField(e.causationId),
                             csvField(QString::fromUtf8(e.payload)),
                             QString::fromLatin1(e.prevHash.toHex()),
                             QString::fromLatin1(e.hash.toHex())};
    return fields.join(u',');
}

Result<qint64> exportEvents(const EventStore &store, const ReadQuery &query, ExportFormat format, QIODevice &out,
                            const std::function<bool(const RecordedEvent &)> &keep)
{
    qint64 count = 0;
    bool writeFailed = false;
    auto write = [&](const QByteArray &line) {
        if (out.write(line) != line.size())
            writeFailed = true;
        return !writeFailed;
    };
    if (format == ExportFormat::Csv && !write(csvHeader().join(u',').toUtf8() + "\r\n"))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    Status status = store.forEach(query, [&](const RecordedEvent &e) {
        if (keep && !keep(e))
            return true;
        QByteArray line;
        if (format == ExportFormat::JsonLines)
            line = QJsonDocument(eventToJson(e)).toJson(QJsonDocument::Compact) + '\n';
        else
            line = csvRow(e).toUtf8() + "\r\n";
        ++count;
        return write(line);
    });
    if (!status)
        return status.error();
    if (writeFailed)
        return makeError(ErrorCode::Io, QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    return count;
}

} // namespace instant
