// Treasury prices in 32nds: thirtyseconds::parse never crashes, and what it reads is written back
// by format() in a form that parses to the same units. The first 8 bytes also go the other way,
// as units: format() then parse() gives them back.

#include "fuzzsupport.h"
#include "refdata/instrument.h"

#include <cstring>

using namespace instant;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256)
        return -1; // a price is a few characters; longer inputs only slow the search down
    const QString input = fuzz::text(data, size);
    if (const auto units = thirtyseconds::parse(input)) {
        fuzz::check(*units >= 0 && *units < 1000 * thirtyseconds::UnitsPerPoint, "parsed units out of range",
                    QString::number(*units));
        const QString written = thirtyseconds::format(*units);
        const auto again = thirtyseconds::parse(written);
        fuzz::check(again.ok(), "format() wrote what parse() refuses", written + u" / " + again.message());
        fuzz::check(*again == *units, "format() then parse() changed the price",
                    input + u" → " + written + u" → " + QString::number(*again));
    } else {
        fuzz::check(!units.message().isEmpty(), "a refusal without a reason", input);
    }

    if (size >= sizeof(qint64)) {
        qint64 units = 0;
        std::memcpy(&units, data, sizeof units);
        const QString written = thirtyseconds::format(units); // any value, negative ones too
        if (units >= 0 && units < 1000 * thirtyseconds::UnitsPerPoint) {
            const auto back = thirtyseconds::parse(written);
            fuzz::check(back.ok() && *back == units, "units do not survive format() then parse()",
                        QString::number(units) + u" → " + written);
        }
    }
    return 0;
}
