#include "common/csv.h"

#include <QStringDecoder>

namespace instant {

Result<QList<CsvRecord>> readCsv(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the file is not UTF-8 text"));
    QList<CsvRecord> records;
    CsvRecord record;
    QString field;
    bool quoted = false, fieldStarted = false, any = false;
    int line = 1, quoteLine = 0;
    qsizetype i = text.startsWith(QChar(0xFEFF)) ? 1 : 0;
    auto endField = [&] {
        record.fields.append(field);
        field.clear();
        fieldStarted = false;
    };
    auto endRecord = [&] {
        endField();
        const bool blank = record.fields.size() == 1 && record.fields.constFirst().trimmed().isEmpty() && !any;
        if (!blank)
            records.append(record);
        record = CsvRecord{};
        any = false;
    };
    record.line = line;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == u'"' && !fieldStarted && field.trimmed().isEmpty()) {
            field.clear(); // spaces before an opening quote do not count
            quoted = true;
            fieldStarted = true;
            any = true;
            quoteLine = line;
        } else if (c == u',') {
            endField();
            any = true;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            continue; // the LF ends it
        } else if (c == u'\n' || c == u'\r') {
            endRecord();
            ++line;
            record.line = line;
        } else {
            if (fieldStarted && c != u' ' && c != u'\t') // text after a closing quote
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("line %1: text after a closing quote").arg(line));
            if (!fieldStarted)
                field.append(c);
        }
    }
    if (quoted)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("line %1: a quote is opened and never closed").arg(quoteLine));
    if (!field.isEmpty() || !record.fields.isEmpty() || fieldStarted)
        endRecord();
    return records;
}

} // namespace instant
