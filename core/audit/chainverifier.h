#pragma once

#include "common/result.h"
#include "events/event.h"

#include <functional>

namespace instant {

class EventStore;

struct VerifyReport
{
    bool intact = true;
    qint64 eventCount = 0;
    ChainHead head;             // the last event that verified
    Sequence firstBadSequence = 0;
    QString problem;            // what is wrong at firstBadSequence
};

// Walks the whole chain in sequence order: sequences gapless from 1, each previous hash equal to
// the hash before it, each hash equal to SHA-256 over the stored bytes, recorded time never
// decreasing. Stops at the first bad event. A store error (not a broken chain) is an Error.
Result<VerifyReport> verifyChain(const EventStore &store,
                                 const std::function<void(qint64 verified)> &progress = {});

} // namespace instant
