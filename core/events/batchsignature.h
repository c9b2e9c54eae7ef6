#pragma once

#include "events/event.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace instant {

// A writer's signature over one append batch: the events one store transaction committed,
// sequences first to last, signed with the writer's enrolled Ed25519 key (events/signingkey.h).
// Kept on the batch's last event, in columns outside the hash (batch_first_seq, batch_key_id,
// batch_signature, batch_clock), append-only like the rest of the row.
//
// signed bytes (version 1), each integer as 8 bytes big-endian and each text as a 4-byte
// big-endian length and its UTF-8 bytes (as the event hash's canonical bytes):
//   "instant-batch", 1, key id, first sequence, last sequence, clock (text),
//   then the hash of every event first..last, 32 bytes each, in sequence order
// signature = Ed25519 over the signed bytes (no pre-hash).
// The hashes chain, so a signature cannot be moved to another batch, nor the batch's events be
// changed, reordered or cut without the signature failing.
struct BatchSignature
{
    static constexpr int FormatVersion = 1;

    Sequence firstSequence = 0;
    Sequence lastSequence = 0;
    QString keyId; // the key's fingerprint, "SHA256:<hex>"
    QByteArray signature; // 64 bytes
    QString clock; // the clock the batch's times came from (common/clockquality.h), signed with it

    static QByteArray signedBytes(const QString &keyId, Sequence first, Sequence last, const QString &clock,
                                  const QByteArray &concatenatedHashes);
};

} // namespace instant
