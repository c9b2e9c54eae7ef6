#pragma once

#include <QDateTime>
#include <QString>

#include <QtGlobal>
#include <optional>

namespace instant {

// Microseconds since the Unix epoch, UTC.
using TimestampUs = qint64;

TimestampUs nowUtcMicros();

// 2026-11-21T07:11:06.123456Z
QString formatUtcMicros(TimestampUs us);

// Accepts ISO 8601 dates and date-times ("2026-11-21", "2026-11-21T07:11:06", with optional
// fraction up to microseconds and "Z" or an offset). A date-time without a zone is UTC.
std::optional<TimestampUs> parseUtcMicros(const QString &text);

} // namespace instant
