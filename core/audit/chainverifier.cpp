#include "audit/chainverifier.h"

#include "events/eventhash.h"
#include "store/eventstore.h"

namespace instant {

Result<VerifyReport> verifyChain(const EventStore &store, const std::function<void(qint64)> &progress)
{
    VerifyReport report;
    report.head = ChainHead{0, eventhash::genesis(), 0};
    eventhash::ChainHasher hasher;

    auto fail = [&report](Sequence at, QString why) {
        report.intact = false;
        report.firstBadSequence = at;
        report.problem = std::move(why);
        return false;
    };

    Status status = store.forEach(ReadQuery{}, [&](const RecordedEvent &e) {
        const Sequence expected = report.head.sequence + 1;
        if (e.sequence != expected)
            return fail(expected, QStringLiteral("event %1 is missing (the next stored event is %2)")
                                      .arg(expected)
                                      .arg(e.sequence));
        if (e.prevHash != report.head.hash)
            return fail(e.sequence, expected == 1
                                        ? QStringLiteral("the first event does not start the chain")
                                        : QStringLiteral("its previous hash does not match event %1: an event "
                                                         "was removed, inserted or reordered here")
                                              .arg(expected - 1));
        if (e.hash.size() != eventhash::HashSize || hasher.hash(e.prevHash, e) != e.hash)
            return fail(e.sequence, QStringLiteral("its contents do not match its hash: the event was altered"));
        if (e.recordedUs < report.head.recordedUs)
            return fail(e.sequence, QStringLiteral("its recorded time is earlier than event %1's").arg(expected - 1));
        report.head = ChainHead{e.sequence, e.hash, e.recordedUs};
        ++report.eventCount;
        if (progress && report.eventCount % 100000 == 0)
            progress(report.eventCount);
        return true;
    });
    if (!status)
        return status.error();
    return report;
}

} // namespace instant
