#pragma once

#include "common/result.h"
#include "events/event.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace instant {

class EventStore;

struct WriterSummary
{
    QString keyId;
    QStringList users;
    QStringList roles;
    qint64 batches = 0;
    qint64 events = 0;
    Sequence revokedAt = 0;
};

struct WriterReport
{
    bool intact = true;
    Sequence unsignedUpTo = 0;  // events 1..N were written before the desk had an administrator
    qint64 signedEvents = 0;
    qint64 batches = 0;
    QString administrator;      // its key id; empty: the store has none (every event is unsigned)
    Sequence establishedAt = 0;
    QList<WriterSummary> writers;
    Sequence firstBadSequence = 0;
    QString problem;            // what is wrong at firstBadSequence
};

// Checks who wrote the chain (audit/deskkeys.h): from the desk administrator's establishment on,
// every event must be in a batch signed by a key enrolled before it and not revoked, the signature
// must verify over the batch's event hashes, and the key's role must allow each event's type and
// actor. Names the first event that fails. With `administrator` (a key id the verifier holds),
// the store's administrator must be that key. Run it on a chain verifyChain found intact: it
// reads the hashes as stored.
Result<WriterReport> verifyWriters(const EventStore &store, const std::optional<QString> &administrator = {},
                                   const std::function<void(qint64 verified)> &progress = {});

} // namespace instant
