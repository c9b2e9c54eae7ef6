#pragma once

#include "audit/chainverifier.h"
#include "common/result.h"
#include "events/event.h"
#include "events/signingkey.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace instant {

class EventStore;

// Signed checkpoints of the chain head.
//
// `verify` alone cannot tell a chain an attacker rewrote from end to end (every hash recomputed)
// from the real one. A checkpoint is the head of the chain at a moment, signed with a key the
// attacker does not hold (Ed25519): kept outside the database, it pins every event up to its
// sequence, because each hash covers the one before it.
//
// signed bytes (version 1) = the fields below, in this order, each integer as 8 bytes big-endian
// and each text or byte string as a 4-byte big-endian length followed by its bytes (as eventhash):
//   "instant-checkpoint", format version, store, sequence, head hash (32 bytes), event count,
//   recorded time of the head (µs), time the checkpoint was signed (µs)
// signature = Ed25519 over the signed bytes (no pre-hash).
struct Checkpoint
{
    static constexpr int FormatVersion = 1;

    int formatVersion = FormatVersion;
    // Where the store was when the checkpoint was taken (a URL without secrets). Stores carry no
    // identity of their own, so this is a label for people: the same store reached under another
    // URL (a copied file, a replica) verifies against it all the same.
    QString store;
    Sequence sequence = 0;       // the head: the last event the checkpoint pins
    QByteArray headHash;         // its hash (32 bytes)
    qint64 eventCount = 0;       // events from 1 to sequence (the chain is gapless: = sequence)
    TimestampUs headRecordedUs = 0;
    TimestampUs signedUs = 0;    // when the checkpoint was made
    QByteArray publicKey;        // Ed25519, raw (32 bytes)
    QByteArray signature;        // Ed25519 (64 bytes)
    // An RFC 3161 time-stamp token (DER) over timestampedDigest(), from a TSA outside the desk:
    // the signature existed at the token's time. Outside the signed bytes; empty when none.
    QByteArray timestampToken;

    QByteArray signedBytes() const;
    // What a time-stamp token stamps: SHA-256 of the signature.
    QByteArray timestampedDigest() const;
    // "SHA256:" and the hex SHA-256 of the raw public key.
    QString keyFingerprint() const;
};

// Verifies the whole chain and signs its head. A broken chain is refused (ErrorCode::Integrity):
// signing it would vouch for tampered history. An empty store has nothing to sign.
Result<Checkpoint> signCheckpoint(const EventStore &store, const SigningKey &key,
                                  const std::function<void(qint64 verified)> &progress = {});

// The checkpoint file: JSON, indented, with the hashes in hex and the key and signature in base64.
QByteArray checkpointToJson(const Checkpoint &checkpoint);
// Every field present and well formed, or InvalidArgument naming the first one that is not.
Result<Checkpoint> checkpointFromJson(const QByteArray &json);
Status writeCheckpoint(const Checkpoint &checkpoint, const QString &path);
Result<Checkpoint> readCheckpoint(const QString &path);

// The signature verifies with the checkpoint's key, or with `trustedKey` when one is given (a
// public key the verifier holds; it must be the checkpoint's key). InvalidArgument when the key
// is not the checkpoint's; Integrity when the signature does not verify (the file was altered).
Status verifyCheckpointSignature(const Checkpoint &checkpoint, const std::optional<QByteArray> &trustedKey = {});

struct CheckpointReport
{
    VerifyReport chain;          // the whole chain, as verifyChain sees it
    bool matches = false;        // the event at the checkpoint's sequence has the checkpoint's hash
    bool intact = false;         // the chain is intact and matches the checkpoint
    Sequence firstBadSequence = 0;
    QString problem;             // what is wrong at firstBadSequence
};

// Verifies a store against a signed checkpoint: the signature (as verifyCheckpointSignature; its
// failures are Errors), then the whole chain, then that the event at the checkpoint's sequence
// exists and has exactly the checkpoint's hash. A store that fails is a report, not an Error.
Result<CheckpointReport> verifyAgainstCheckpoint(const EventStore &store, const Checkpoint &checkpoint,
                                                 const std::optional<QByteArray> &trustedKey = {},
                                                 const std::function<void(qint64 verified)> &progress = {});

} // namespace instant
