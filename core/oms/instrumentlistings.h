#pragma once

#include "common/result.h"
#include "events/event.h"
#include "refdata/referencedata.h"

#include <QList>
#include <QString>

#include <optional>

namespace instant {

class EventStore;

// Reference data kept in the store: an instrument's definition is recorded (InstrumentListed,
// on the "instruments" stream) the first time the store uses it (an order, an import), so that
// an as-of view or an export years later shows the instrument as it was, and a position in a
// security that has rolled out of today's market stays known.
namespace listings {

inline const QString Stream = QStringLiteral("instruments");
inline const QString InstrumentListed = QStringLiteral("InstrumentListed");

// The event: the whole definition and where it came from ("demo market 2026-11-20", "import …").
NewEvent listedEvent(const Instrument &instrument, const QString &source, const Actor &actor);

struct Listing
{
    Instrument instrument;
    QString source;
    Sequence sequence = 0;
    TimestampUs recordedUs = 0;
    Actor actor;
};

// The definition an InstrumentListed event carries, or why it cannot be read.
Result<Listing> decode(const RecordedEvent &event);

// Every instrument the store has recorded, by id (the first listing of each), up to `asOfUs`.
Result<QList<Listing>> read(const EventStore &store, std::optional<TimestampUs> asOfUs = std::nullopt);

// Adds the store's instruments that `reference` does not know (ReferenceData::addRecorded);
// returns how many.
Result<int> addTo(ReferenceData &reference, const EventStore &store);

} // namespace listings
} // namespace instant
