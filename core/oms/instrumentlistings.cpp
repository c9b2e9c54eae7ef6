#include "oms/instrumentlistings.h"

#include "store/eventstore.h"

#include <QSet>

namespace instant::listings {

NewEvent listedEvent(const Instrument &instrument, const QString &source, const Actor &actor)
{
    return NewEvent::make(InstrumentListed,
                          QJsonObject{{QStringLiteral("instrument"), instrument.toJson()}, {QStringLiteral("source"), source}},
                          actor, instrument.id);
}

Result<Listing> decode(const RecordedEvent &event)
{
    const QJsonObject payload = event.payloadObject();
    auto instrument = Instrument::fromJson(payload.value(QStringLiteral("instrument")).toObject());
    if (!instrument)
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("event %1 (InstrumentListed): %2").arg(event.sequence).arg(instrument.message()));
    return Listing{std::move(instrument).value(), payload.value(QStringLiteral("source")).toString(), event.sequence,
                   event.recordedUs, event.actor};
}

Result<QList<Listing>> read(const EventStore &store, std::optional<TimestampUs> asOfUs)
{
    ReadQuery query;
    query.streamId = Stream;
    query.toTimeUs = asOfUs;
    QList<Listing> out;
    QSet<QString> seen;
    QString problem;
    Status status = store.forEach(query, [&](const RecordedEvent &e) {
        if (e.type != InstrumentListed)
            return true;
        auto listing = decode(e);
        if (!listing) {
            problem = listing.message();
            return false;
        }
        if (!seen.contains(listing->instrument.id)) {
            seen.insert(listing->instrument.id);
            out.append(std::move(listing).value());
        }
        return true;
    });
    if (!status)
        return status.error();
    if (!problem.isEmpty())
        return makeError(ErrorCode::Integrity, problem);
    return out;
}

Result<int> addTo(ReferenceData &reference, const EventStore &store)
{
    auto listed = read(store);
    if (!listed)
        return listed.error();
    int added = 0;
    for (const Listing &l : std::as_const(*listed))
        added += reference.addRecorded(l.instrument) ? 1 : 0;
    return added;
}

} // namespace instant::listings
