#include "store/eventstore.h"
#include "store/readahead.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace instant {

QString roleFor(const QString &requested, const StoreAccess &access)
{
    if (!access.canAppend || access.databaseRole == u"instant_compliance")
        return QStringLiteral("compliance");
    return requested;
}

QString StoreAccess::describe() const
{
    if (!canAppend && canRecordReads)
        return databaseRole.isEmpty() ? QStringLiteral("read-only, reads recorded")
                                      : QStringLiteral("read-only, reads recorded (%1)").arg(databaseRole);
    if (!canAppend)
        return databaseRole.isEmpty() ? QStringLiteral("read-only") : QStringLiteral("read-only (%1)").arg(databaseRole);
    return databaseRole.isEmpty() ? QStringLiteral("read-write") : QStringLiteral("read-write (%1)").arg(databaseRole);
}

EventStore::EventStore(QObject *parent) : QObject(parent)
{
    static const int registered = [] {
        qRegisterMetaType<instant::RecordedEvent>();
        qRegisterMetaType<QList<instant::RecordedEvent>>();
        return 0;
    }();
    Q_UNUSED(registered);
}

EventStore::~EventStore() = default;

void EventStore::noteWriteOutcome(const Status &status)
{
    m_writesFailing.store(!status.ok(), std::memory_order_release);
    if (!status)
        Q_EMIT writeFailed(status.message());
}

Result<AppendResult> EventStore::append(AppendRequest request)
{
    QFuture<Result<AppendResult>> future = appendHere(std::move(request));
    // A commit that flushes nothing is watched for, so the answer does not wait for this thread to
    // be woken; a disk's flush is slept through, leaving the core to the write (commitpace.h).
    const auto spinUntil = std::chrono::steady_clock::now() + m_commitPace.spinFor();
    while (!future.isFinished() && std::chrono::steady_clock::now() < spinUntil)
        std::this_thread::yield();
    future.waitForFinished();
    return future.result();
}

Status EventStore::forEach(const ReadQuery &query, const Visitor &visit) const
{
    Sequence from = std::max<Sequence>(query.fromSequence, 1);
    Sequence to = query.toSequence.value_or(-1);
    if (query.toTimeUs) {
        auto asOf = sequenceAsOf(*query.toTimeUs);
        if (!asOf)
            return asOf.error();
        if (*asOf == 0)
            return Done{};
        to = to < 0 ? *asOf : std::min(to, *asOf);
    }
    if (query.fromTimeUs) {
        auto before = sequenceAsOf(*query.fromTimeUs - 1);
        if (!before)
            return before.error();
        from = std::max(from, *before + 1);
    }
    if (to >= 0 && to < from)
        return Done{};
    if (query.limit && *query.limit <= 0)
        return Done{};
    return forEachInRange(query.streamId, from, to, query.limit.value_or(-1), query.columns, visit);
}

Status EventStore::forEachBytes(Sequence from, Sequence to, const BytesVisitor &visit) const
{
    QByteArray streamId, type, user, role, correlation, causation;
    auto view = [](const QByteArray &b) { return std::string_view(b.constData(), size_t(b.size())); };
    return forEachInRange(QString(), std::max<Sequence>(from, 1), to, -1, ReadQuery::Columns::All, [&](const RecordedEvent &e) {
        streamId = e.streamId.toUtf8();
        type = e.type.toUtf8();
        user = e.actor.user.toUtf8();
        role = e.actor.role.toUtf8();
        correlation = e.correlationId.toUtf8();
        causation = e.causationId.toUtf8();
        return visit(EventBytes{e.sequence, view(streamId), e.streamVersion, view(type), e.schemaVersion, e.recordedUs,
                                view(user), view(role), view(correlation), view(causation), view(e.payload), view(e.prevHash),
                                view(e.hash)});
    });
}

Status EventStore::forEachReadAhead(const ReadQuery &query, const Visitor &visit) const
{
    struct Nothing
    {
    };
    return readAhead<Nothing>(*this, query, [](RecordedEvent &, bool) { return Nothing{}; },
                              [&visit](RecordedEvent &e, Nothing &) { return visit(e); });
}

Result<QList<RecordedEvent>> EventStore::read(const ReadQuery &query) const
{
    QList<RecordedEvent> out;
    Status status = forEach(query, [&out](RecordedEvent &e) {
        out.append(std::move(e));
        return true;
    });
    if (!status)
        return status.error();
    return out;
}

Result<QList<RecordedEvent>> EventStore::readStream(const QString &streamId, StreamVersion fromVersion) const
{
    ReadQuery query;
    query.streamId = streamId;
    QList<RecordedEvent> out;
    Status status = forEach(query, [&](RecordedEvent &e) {
        if (e.streamVersion >= fromVersion)
            out.append(std::move(e));
        return true;
    });
    if (!status)
        return status.error();
    return out;
}

Status readInBatches(const std::function<Status(const EventStore::Visitor &)> &read, qsizetype chunk,
                     const std::function<void(const QList<RecordedEvent> &)> &deliver)
{
    // Not reserved: a feed's pull usually finds a few events, and a batch delivered to a busy
    // thread is held in its queue at the size it was allocated with.
    QList<RecordedEvent> batch;
    Status status = read([&](RecordedEvent &e) {
        batch.append(std::move(e));
        if (batch.size() >= chunk) {
            deliver(batch);
            batch = QList<RecordedEvent>();
        }
        return true;
    });
    if (!batch.isEmpty())
        deliver(batch);
    return status;
}

Status EventStore::saveSnapshot(const QString &name, Sequence sequence, const QByteArray &payload)
{
    return writeSnapshot(name, sequence, [&payload](const SnapshotSink &sink) { return sink(payload); });
}

Result<std::optional<Snapshot>> EventStore::latestSnapshot(const QString &name, Sequence atOrBefore) const
{
    QByteArray payload;
    auto read = readSnapshot(name, atOrBefore, [&payload](const Snapshot &, qsizetype piece, QByteArrayView bytes) {
        if (piece == 0)
            payload.clear();
        payload.append(bytes);
        return true;
    });
    if (read && *read)
        (*read)->payload = std::move(payload);
    return read;
}

EventSubscription *EventStore::subscribe(Sequence afterSequence, QObject *parent)
{
    return new EventSubscription(this, afterSequence, parent);
}

EventSubscription::EventSubscription(EventStore *store, Sequence afterSequence, QObject *parent)
    : QObject(parent), m_store(store), m_last(std::max<Sequence>(afterSequence, 0))
{
    Status live = store->startLiveFeed();
    if (!live) {
        // Reported once the caller had a chance to connect.
        QMetaObject::invokeMethod(
            this, [this, message = live.message()] { Q_EMIT problem(message); }, Qt::QueuedConnection);
    }
    // Connected before the catch-up read, so nothing committed in between is missed;
    // what arrives twice is dropped by sequence.
    connect(store, &EventStore::appended, this, &EventSubscription::onAppended);
    connect(store, &EventStore::feedProblem, this, &EventSubscription::problem);
    QMetaObject::invokeMethod(
        this,
        [this] {
            Status s = catchUp();
            if (!s)
                Q_EMIT problem(s.message());
        },
        Qt::QueuedConnection);
}

Status EventSubscription::catchUp()
{
    if (!m_store)
        return makeError(ErrorCode::Unavailable, QStringLiteral("the event store is closed"));
    ReadQuery query;
    query.fromSequence = m_last + 1;
    return readInBatches([&](const EventStore::Visitor &visit) { return m_store->forEach(query, visit); }, 4096,
                         [this](const QList<RecordedEvent> &batch) {
                             m_last = batch.constLast().sequence;
                             Q_EMIT events(batch);
                         });
}

void EventSubscription::onAppended(const QList<RecordedEvent> &batch)
{
    if (batch.isEmpty() || batch.constLast().sequence <= m_last)
        return; // already delivered
    if (batch.constFirst().sequence > m_last + 1) {
        // A gap (we subscribed while events were in flight): read what is missing.
        Status s = catchUp();
        if (!s)
            Q_EMIT problem(s.message());
        return;
    }
    qsizetype skip = 0;
    while (skip < batch.size() && batch.at(skip).sequence <= m_last)
        ++skip;
    QList<RecordedEvent> fresh = skip == 0 ? batch : batch.mid(skip);
    m_last = fresh.constLast().sequence;
    Q_EMIT events(fresh);
}

} // namespace instant
