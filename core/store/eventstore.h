#pragma once

#include "common/result.h"
#include "events/batchsignature.h"
#include "events/event.h"
#include "store/commitpace.h"
#include "store/storeurl.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

namespace instant {

class EventSubscription;
class SigningKey;

// A projection's state at a sequence, saved to start without replaying everything. Derived data
// outside the chain: each remembers the hash of the event it was taken at and a digest of itself,
// and one that does not match the chain (or itself) any more is ignored.
struct Snapshot
{
    QString name;
    Sequence sequence = 0;
    QByteArray chainHash;
    TimestampUs recordedUs = 0;
    QByteArray payload;
};

// Counters a store keeps about its own writes (for benchmarks, diagnostics and tests).
struct StoreStats
{
    qint64 commits = 0;  // database transactions that committed appends
    qint64 requests = 0; // append requests answered
    qint64 events = 0;   // events written by this store object
    // Write transactions that began from the chain head this store's writer left, the database
    // unchanged since (SQLite): no read of the head or of the streams it wrote.
    qint64 knownHeads = 0;
    // Commits written on the thread of a caller waiting for them (append() on SQLite while nobody
    // else was writing), not handed to the writer thread and back.
    qint64 writtenHere = 0;
};

// What the connection's database user may do with a store. On a shared PostgreSQL store the
// database decides, by role: members of instant_trader append, members of instant_compliance
// read and record what they read (events/readevents.h), nothing else. A SQLite file is writable
// or not.
struct StoreAccess
{
    bool canAppend = true;      // any event
    bool canRecordReads = true; // the access records (reads, sessions) at least
    QString databaseUser;  // PostgreSQL: current_user
    QString databaseRole;  // instant_trader, instant_compliance, or empty (owner, or not a desk role)
    QString describe() const;
};

// The role a workstation runs as: the one asked for, unless the database allows less. A user
// who may not append (or only belongs to instant_compliance) is compliance: read-only.
QString roleFor(const QString &requested, const StoreAccess &access);

// The append-only, hash-chained event store. Implementations: SQLite and PostgreSQL
// (openEventStore() picks one from a URL). Thread-safe: append and read from any thread.
class EventStore : public QObject
{
    Q_OBJECT

public:
    // Return false to stop. A visitor may take the event (move from it): each row is read into
    // it afresh.
    using Visitor = std::function<bool(RecordedEvent &)>;
    using BytesVisitor = std::function<bool(const EventBytes &)>;

    explicit EventStore(QObject *parent = nullptr);
    ~EventStore() override;

    virtual StoreLocation location() const = 0;

    // Queues an append for the writer thread, which commits waiting requests together (group
    // commit). The future resolves once the events are durable, or with the reason they are not:
    // Conflict (stale expected version), IdempotencyMismatch, InvalidArgument, Io.
    virtual QFuture<Result<AppendResult>> appendAsync(AppendRequest request) = 0;
    // appendAsync, waiting for the answer. A store may write it on the calling thread when its
    // writer is free (appendHere), saving the two wakes of a hand-over to the writer and back.
    Result<AppendResult> append(AppendRequest request);

    // Visits the events a query selects, in global sequence order, streaming (no full load).
    Status forEach(const ReadQuery &query, const Visitor &visit) const;
    // forEach with the reading done on a thread of its own, a batch ahead of `visit`: a replay
    // of a long log decodes and applies while the next rows are read.
    Status forEachReadAhead(const ReadQuery &query, const Visitor &visit) const;
    // Sequences [from, to] (to < 0: to the end) as stored bytes, undecoded: what verification
    // hashes. Safe to call from several threads at once on different ranges.
    virtual Status forEachBytes(Sequence from, Sequence to, const BytesVisitor &visit) const;
    Result<QList<RecordedEvent>> read(const ReadQuery &query) const;
    Result<QList<RecordedEvent>> readStream(const QString &streamId, StreamVersion fromVersion = 1) const;

    virtual Result<ChainHead> head() const = 0;
    virtual Result<StreamVersion> streamVersion(const QString &streamId) const = 0;
    // The last sequence recorded at or before a time (0 if none). Recorded times never decrease
    // along the chain, so "as of T" is the prefix of the log up to this sequence.
    virtual Result<Sequence> sequenceAsOf(TimestampUs timeUs) const = 0;

    // Starts the live feed behind appended(): every event committed to the store, by this
    // workstation or another one sharing it, in sequence order and without gaps.
    virtual Status startLiveFeed() = 0;
    // A subscription that first delivers events after `afterSequence` already stored, then live.
    EventSubscription *subscribe(Sequence afterSequence, QObject *parent = nullptr);

    virtual StoreStats stats() const = 0;

    // Signs every batch this store object commits from now on with `key` (nullptr: stops). The
    // signatures count only for a key enrolled on the store (audit/deskkeys.h).
    virtual void signWith(std::shared_ptr<const SigningKey> key) = 0;
    // The fingerprint of the key batches are signed with now; empty when they are not signed.
    virtual QString signingKeyId() const = 0;
    // The batch signatures whose range meets [from, to] (to < 0: to the end), in sequence order.
    // A store written before batches were signed has none.
    virtual Status forEachSignature(Sequence from, Sequence to,
                                    const std::function<bool(const BatchSignature &)> &visit) const = 0;
    // True from a write that failed until the next one that succeeds (writeFailed()).
    bool writesFailing() const { return m_writesFailing.load(std::memory_order_acquire); }
    // What this connection may do: asked of the database, not assumed.
    virtual Result<StoreAccess> access() const { return StoreAccess{}; }

    // Saves a snapshot written in pieces: `write` hands its bytes to the sink piece by piece, each
    // stored as it comes (no more than one piece is held), and says false when it could not finish.
    // Saving one that exists already (same name and sequence, hence the same bytes) is not an error.
    // The newest three of a name are kept; older ones are let go once a new one is saved.
    using SnapshotSink = std::function<bool(QByteArrayView piece)>;
    using SnapshotWriter = std::function<bool(const SnapshotSink &sink)>;
    virtual Status writeSnapshot(const QString &name, Sequence sequence, const SnapshotWriter &write) = 0;
    Status saveSnapshot(const QString &name, Sequence sequence, const QByteArray &payload);
    // Reads the newest valid snapshot at or before `atOrBefore` piece by piece, in order: `visit`
    // is called with piece 0 first (a reader starts afresh there), and says false when it cannot
    // use what it was given. One that does not match the chain is passed over before its first
    // piece; one whose bytes do not match its digest, or that the reader refused, after: the next
    // older is then read from its piece 0. The header (payload empty) of the one read whole, or
    // nullopt when there is none.
    using SnapshotVisitor = std::function<bool(const Snapshot &header, qsizetype piece, QByteArrayView bytes)>;
    virtual Result<std::optional<Snapshot>> readSnapshot(const QString &name, Sequence atOrBefore,
                                                         const SnapshotVisitor &visit) const = 0;
    // The newest valid snapshot at or before `atOrBefore` as one payload, or nullopt when there is none.
    Result<std::optional<Snapshot>> latestSnapshot(const QString &name, Sequence atOrBefore) const;

Q_SIGNALS:
    void appended(const QList<instant::RecordedEvent> &events);
    void feedProblem(const QString &message);
    // A write the store could not make durable (disk full, I/O error, connection lost): emitted
    // from the writer's thread with the reason, once per failed commit. Whoever trades on this
    // store stops until a write succeeds again (OrderManager: trading halted by the store).
    void writeFailed(const QString &reason);

protected:
    // The append that append() waits for: by default queued for the writer thread (appendAsync).
    virtual QFuture<Result<AppendResult>> appendHere(AppendRequest request) { return appendAsync(std::move(request)); }
    // The writer's outcome for each commit: keeps writesFailing() and emits writeFailed().
    void noteWriteOutcome(const Status &status);
    // How long the writer took over a commit, from its first statement to the database's answer,
    // and the COMMIT alone: append() waits for the next one accordingly (store/commitpace.h).
    void noteCommitTime(std::chrono::microseconds took, std::chrono::microseconds flush) { m_commitPace.record(took, flush); }

    // Sequence range [from, to] (to < 0: open), optional stream, at most `limit` (< 0: all).
    virtual Status forEachInRange(const QString &streamId, Sequence from, Sequence to, qint64 limit, ReadQuery::Columns columns,
                                  const Visitor &visit) const = 0;

private:
    std::atomic<bool> m_writesFailing{false};
    CommitPace m_commitPace;
};

// Catch-up then live delivery of events, gapless, each event once, in sequence order.
class EventSubscription : public QObject
{
    Q_OBJECT

public:
    EventSubscription(EventStore *store, Sequence afterSequence, QObject *parent = nullptr);

    Sequence lastDelivered() const { return m_last; }
    // Reads what is stored after lastDelivered() and delivers it (also done on a gap).
    Status catchUp();

Q_SIGNALS:
    void events(const QList<instant::RecordedEvent> &events);
    void problem(const QString &message);

private:
    void onAppended(const QList<RecordedEvent> &batch);

    QPointer<EventStore> m_store;
    Sequence m_last = 0;
};

// Runs `read` and hands what it visits to `deliver` in batches of at most `chunk` events.
Status readInBatches(const std::function<Status(const EventStore::Visitor &)> &read, qsizetype chunk,
                     const std::function<void(const QList<RecordedEvent> &)> &deliver);

struct OpenOptions
{
    enum class Mode {
        CreateIfMissing, // create the file or the schema when absent
        OpenExisting,    // fail when there is no store yet (read-only tools)
    };
    Mode mode = Mode::CreateIfMissing;
    int maxBatchRequests = 4096; // group commit: requests per transaction at most
    // Password for PostgreSQL; when empty, it is looked up (environment, then keychain).
    QString password;
};

Result<std::unique_ptr<EventStore>> openEventStore(const StoreLocation &location,
                                                   const OpenOptions &options = {});
Result<std::unique_ptr<EventStore>> openEventStore(const QString &url, const OpenOptions &options = {});

} // namespace instant
