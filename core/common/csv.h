#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace instant {

// A CSV file as RFC 4180 writes it: fields separated by commas, records by CRLF or LF, a field
// in double quotes may hold commas, line breaks and doubled quotes. UTF-8 (a byte order mark is
// skipped). Each record keeps the line it starts on, for error messages.
struct CsvRecord
{
    int line = 0;
    QStringList fields;
};

// The records of `bytes`, blank lines left out; an error names the line of a quote left open or
// of bytes that are not UTF-8.
Result<QList<CsvRecord>> readCsv(const QByteArray &bytes);

} // namespace instant
