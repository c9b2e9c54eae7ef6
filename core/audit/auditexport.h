#pragma once

#include "common/result.h"
#include "events/event.h"

#include <QIODevice>
#include <QJsonObject>

#include <functional>

namespace instant {

class EventStore;

enum class ExportFormat { JsonLines, Csv };

// One event with every field, hashes in hex: the shape of `instant audit export` and the viewer.
QJsonObject eventToJson(const RecordedEvent &event);
QStringList csvHeader();
QString csvRow(const RecordedEvent &event);

// Writes the events a query selects to `out`, one per line; returns how many were written.
// `keep`, when given, selects among the events the query reads (e.g. an audit viewer's filter).
Result<qint64> exportEvents(const EventStore &store, const ReadQuery &query, ExportFormat format, QIODevice &out,
                            const std::function<bool(const RecordedEvent &)> &keep = {});

} // namespace instant
