#include "audit/chainverifier.h"

#include "events/eventhash.h"
#include "store/eventstore.h"

#include <QThread>

#include <atomic>
#include <chrono>
#include <cstring>
#include <future>

namespace instant {
namespace {

// Each event's hash covers its own stored previous hash, so events can be hashed in any order:
// the chain is cut into consecutive ranges verified on all cores, and the links between ranges
// (first previous hash = last hash before it) are checked when the ranges are put together.
constexpr qint64 ParallelFrom = 100'000; // smaller chains: one range

struct RangeResult
{
    Sequence from = 0, to = 0;
    bool any = false;
    Sequence firstSequence = 0;
    QByteArray firstPrevHash;
    TimestampUs firstRecordedUs = 0;
    ChainHead last;             // the last event that verified in this range
    qint64 count = 0;           // events that verified
    Sequence badSequence = 0;   // 0: none
    QString problem;
    Status status = Done{};
};

QByteArray bytes(std::string_view v)
{
    return QByteArray(v.data(), qsizetype(v.size()));
}

QString missing(Sequence expected, Sequence next)
{
    return QStringLiteral("event %1 is missing (the next stored event is %2)").arg(expected).arg(next);
}

QString unlinked(Sequence at)
{
    return at == 1 ? QStringLiteral("the first event does not start the chain")
                   : QStringLiteral("its previous hash does not match event %1: an event "
                                    "was removed, inserted or reordered here")
                         .arg(at - 1);
}

QString earlier(Sequence at)
{
    return QStringLiteral("its recorded time is earlier than event %1's").arg(at - 1);
}

RangeResult verifyRange(const EventStore &store, Sequence from, Sequence to, std::atomic<qint64> &verified)
{
    RangeResult r;
    r.from = from;
    r.to = to;
    eventhash::ChainHasher hasher;
    const QByteArray genesis = eventhash::genesis();
    auto fail = [&r](Sequence at, QString why) {
        r.badSequence = at;
        r.problem = std::move(why);
        return false;
    };
    r.status = store.forEachBytes(from, to, [&](const EventBytes &e) {
        if (!r.any) {
            r.any = true;
            r.firstSequence = e.sequence;
            r.firstPrevHash = bytes(e.prevHash);
            r.firstRecordedUs = e.recordedUs;
            if (e.sequence != from)
                return fail(from, missing(from, e.sequence));
            // The link to the range before is checked when the ranges are put together; the
            // first range must start from the genesis hash.
            if (from == 1 && e.prevHash != std::string_view(genesis.constData(), size_t(genesis.size())))
                return fail(e.sequence, unlinked(1));
        } else {
            const Sequence expected = r.last.sequence + 1;
            if (e.sequence != expected)
                return fail(expected, missing(expected, e.sequence));
            if (e.prevHash.size() != size_t(r.last.hash.size())
                || std::memcmp(e.prevHash.data(), r.last.hash.constData(), e.prevHash.size()) != 0)
                return fail(e.sequence, unlinked(e.sequence));
            if (e.recordedUs < r.last.recordedUs)
                return fail(e.sequence, earlier(e.sequence));
        }
        if (!hasher.matches(e))
            return fail(e.sequence, QStringLiteral("its contents do not match its hash: the event was altered"));
        r.last = ChainHead{e.sequence, bytes(e.hash), e.recordedUs};
        ++r.count;
        if ((r.count & 1023) == 0)
            verified.fetch_add(1024, std::memory_order_relaxed);
        return true;
    });
    return r;
}

} // namespace

Result<VerifyReport> verifyChain(const EventStore &store, const std::function<void(qint64)> &progress)
{
    VerifyReport report;
    report.head = ChainHead{0, eventhash::genesis(), 0};
    auto head = store.head();
    if (!head)
        return head.error();
    const Sequence last = head->sequence;
    if (last <= 0)
        return report;

    const int parts = last >= ParallelFrom ? std::clamp(QThread::idealThreadCount(), 1, 8) : 1;
    std::atomic<qint64> verified{0};
    std::vector<std::future<RangeResult>> running;
    for (int i = 1; i < parts; ++i) {
        const Sequence from = 1 + last * i / parts, to = last * (i + 1) / parts;
        running.push_back(std::async(std::launch::async, [&store, from, to, &verified] { return verifyRange(store, from, to, verified); }));
    }
    std::vector<RangeResult> ranges;
    ranges.push_back(verifyRange(store, 1, last / parts, verified));
    for (auto &f : running) {
        while (f.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
            if (progress)
                progress(verified.load(std::memory_order_relaxed));
        ranges.push_back(f.get());
    }

    // Put the ranges together in order; the first problem in sequence order is the answer.
    auto fail = [&report](Sequence at, QString why) {
        report.intact = false;
        report.firstBadSequence = at;
        report.problem = std::move(why);
        return report;
    };
    for (size_t i = 0; i < ranges.size(); ++i) {
        const RangeResult &r = ranges[i];
        if (!r.status)
            return r.status.error();
        if (i > 0 && r.any && r.firstSequence == r.from) {
            // The link from the range before: it ended at from - 1, verified.
            if (r.firstPrevHash != report.head.hash)
                return fail(r.from, unlinked(r.from));
            if (r.firstRecordedUs < report.head.recordedUs)
                return fail(r.from, earlier(r.from));
        }
        if (r.count > 0) {
            report.head = r.last;
            report.eventCount += r.count;
        }
        if (r.badSequence)
            return fail(r.badSequence, r.problem);
        if (!r.any || r.last.sequence < r.to) {
            // The range ended early: the next event anyone holds is in a later range.
            const Sequence expected = r.any ? r.last.sequence + 1 : r.from;
            Sequence next = 0;
            for (size_t j = i + 1; j < ranges.size() && !next; ++j)
                next = ranges[j].any ? ranges[j].firstSequence : 0;
            if (next)
                return fail(expected, missing(expected, next));
            // Nothing after it: the head moved back under us (cannot happen on an append-only log).
            return fail(expected, QStringLiteral("event %1 is missing (the chain ends at %2)").arg(expected).arg(expected - 1));
        }
        if (progress)
            progress(report.eventCount);
    }
    return report;
}

} // namespace instant
