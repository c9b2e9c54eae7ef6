#pragma once

#include "common/result.h"
#include "events/event.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace instant {

class EventStore;

// A regulator's export: a directory an outside party can check without Instant (README, "A regulator's
// bundle"; tools/verify_bundle.py is one such checker).
//
//   manifest.json      every other file with its SHA-256 and size, the chain head, the version of
//                      the canonical bytes, and sections for public keys and timestamp tokens
//   events.jsonl       every event, one per line, with every field the hash covers (the payload as
//                      its stored bytes), its previous hash and its hash
//   events.csv         the same events for people (a spreadsheet)
//   instruments.jsonl  the instruments as they were listed (the "instruments" stream)
//   orders.jsonl       one memorandum per order: terms, account, received, entered, each
//                      execution, cancel and replace, who was responsible (derived from the events)
//   signatures.jsonl   each batch's writer signature (the enrolled keys are in the manifest)
//   checkpoints/       signed checkpoints given to the export, as they were written
//   tsa/ca.pem         the time-stamping authority's CA, when checkpoints carry RFC 3161 tokens
namespace auditbundle {

constexpr int FormatVersion = 1;
inline const QString FormatName = QStringLiteral("instant-audit-bundle");
inline const QString ManifestFile = QStringLiteral("manifest.json");
inline const QString EventsFile = QStringLiteral("events.jsonl");
inline const QString EventsCsvFile = QStringLiteral("events.csv");
inline const QString InstrumentsFile = QStringLiteral("instruments.jsonl");
inline const QString OrdersFile = QStringLiteral("orders.jsonl");
inline const QString SignaturesFile = QStringLiteral("signatures.jsonl");
inline const QString CheckpointsDir = QStringLiteral("checkpoints");
inline const QString TsaCaFile = QStringLiteral("tsa/ca.pem");

// A signed checkpoint file to carry in the bundle: its name and its bytes, unchanged.
struct CheckpointFile
{
    QString name;
    QByteArray bytes;
};

struct Options
{
    QString directory;                  // created; an existing directory must be empty
    TimestampUs exportedUs = 0;         // when the export was made (the caller's clock)
    QList<CheckpointFile> checkpoints;  // each must be a checkpoint of this chain
    // The CA certificate (PEM) the checkpoints' time-stamp tokens verify with: carried as
    // tsa/ca.pem, and each token is checked against it before it is exported.
    QString tsaCaFile;
};

struct Summary
{
    qint64 events = 0;
    qint64 instruments = 0;
    qint64 orders = 0;
    qint64 checkpoints = 0;
    qint64 batches = 0; // writer signatures
    qint64 keys = 0;    // enrolled writer keys
    ChainHead head;
};

// Writes the bundle of the whole chain, up to the head it finds when it starts. The chain is not
// verified here (the bundle is how others verify it); a checkpoint that does not belong to the
// chain exported is refused (InvalidArgument).
Result<Summary> write(const EventStore &store, const Options &options);

} // namespace auditbundle
} // namespace instant
