#include "audit/writerverifier.h"

#include "audit/deskkeys.h"
#include "events/batchsignature.h"
#include "events/signingkey.h"
#include "store/eventstore.h"

#include <algorithm>
#include <map>
#include <vector>

namespace instant {
namespace {

QString text(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

bool isKeyEvent(const QString &type)
{
    return type == deskkeys::AdministratorEstablished || type == deskkeys::WriterEnrolled || type == deskkeys::WriterRevoked;
}

struct BatchEvent
{
    Sequence sequence = 0;
    QString type;
    Actor actor;
    QByteArray payload; // desk-keys events only
};

// Walks the chain and the batch signatures side by side.
class WriterWalk
{
public:
    WriterWalk(std::vector<BatchSignature> signatures, std::optional<QString> administrator)
        : m_signatures(std::move(signatures)), m_pinned(std::move(administrator))
    {
    }

    // False once a problem is found (the report says which).
    bool visit(const EventBytes &e)
    {
        if (!m_open) {
            if (m_next < m_signatures.size() && m_signatures[m_next].firstSequence < e.sequence)
                return fail(m_signatures[m_next].firstSequence,
                            QStringLiteral("the signature over sequences %1 to %2 overlaps the batch before it")
                                .arg(m_signatures[m_next].firstSequence)
                                .arg(m_signatures[m_next].lastSequence));
            if (m_next < m_signatures.size() && m_signatures[m_next].firstSequence == e.sequence) {
                m_open = true;
                m_batch.clear();
                m_hashes.clear();
            } else {
                return unsignedEvent(e);
            }
        }
        const BatchSignature &sig = m_signatures[m_next];
        BatchEvent b{e.sequence, text(e.type), Actor{text(e.actorUser), text(e.actorRole)}, {}};
        if (isKeyEvent(b.type))
            b.payload = QByteArray(e.payload.data(), qsizetype(e.payload.size()));
        m_batch.push_back(std::move(b));
        m_hashes.append(e.hash.data(), qsizetype(e.hash.size()));
        if (e.sequence < sig.lastSequence)
            return true;
        m_open = false;
        ++m_next;
        return finishBatch(sig);
    }

    bool finish(Sequence head)
    {
        if (m_report.intact && m_next < m_signatures.size())
            return fail(m_signatures[m_next].firstSequence,
                        QStringLiteral("a batch signature covers sequences %1 to %2, but the chain ends at %3: events were cut")
                            .arg(m_signatures[m_next].firstSequence)
                            .arg(m_signatures[m_next].lastSequence)
                            .arg(head));
        m_report.administrator = m_keys.administrator();
        m_report.establishedAt = m_keys.establishedAt();
        for (auto it = m_keys.keys().cbegin(); it != m_keys.keys().cend(); ++it) {
            WriterSummary w = m_summaries[it.key()];
            w.keyId = it.key();
            w.users = QStringList(it->users.cbegin(), it->users.cend());
            w.roles = QStringList(it->roles.cbegin(), it->roles.cend());
            w.users.sort();
            w.roles.sort();
            w.revokedAt = it->revokedAt;
            m_report.writers.append(w);
        }
        std::sort(m_report.writers.begin(), m_report.writers.end(),
                  [](const WriterSummary &a, const WriterSummary &b) { return a.keyId < b.keyId; });
        return m_report.intact;
    }

    WriterReport &report() { return m_report; }

private:
    bool fail(Sequence at, QString why)
    {
        if (m_report.intact) {
            m_report.intact = false;
            m_report.firstBadSequence = at;
            m_report.problem = std::move(why);
        }
        return false;
    }

    bool unsignedEvent(const EventBytes &e)
    {
        if (!m_keys.administrator().isEmpty())
            return fail(e.sequence, QStringLiteral("it has no writer signature: it was written by someone who holds no "
                                                   "enrolled key (signed writing began at sequence %1)")
                                        .arg(m_keys.establishedAt()));
        if (isKeyEvent(text(e.type)))
            return fail(e.sequence, QStringLiteral("an unsigned %1: a desk-keys event must be signed").arg(text(e.type)));
        m_report.unsignedUpTo = e.sequence;
        return true;
    }

    // The key a batch is signed with: enrolled, or the administrator its first event establishes.
    std::optional<QByteArray> signerKey(const BatchSignature &sig, QString &why) const
    {
        if (const DeskKeys::Key *k = m_keys.key(sig.keyId))
            return k->publicKey;
        const BatchEvent &first = m_batch.front();
        if (m_keys.administrator().isEmpty() && first.type == deskkeys::AdministratorEstablished)
            if (auto e = deskkeys::Enrollment::decode(first.payload); e && e->keyId() == sig.keyId)
                return e->publicKey;
        why = QStringLiteral("batch %1 to %2 is signed by key %3, which is not enrolled on this desk")
                  .arg(sig.firstSequence)
                  .arg(sig.lastSequence)
                  .arg(sig.keyId);
        return std::nullopt;
    }

    bool finishBatch(const BatchSignature &sig)
    {
        QString why;
        auto publicKey = signerKey(sig, why);
        if (!publicKey)
            return fail(sig.firstSequence, why);
        const QByteArray bytes = BatchSignature::signedBytes(sig.keyId, sig.firstSequence, sig.lastSequence, sig.clock, m_hashes);
        if (Status s = verifyEd25519(*publicKey, bytes, sig.signature); !s)
            return fail(sig.firstSequence,
                        QStringLiteral("the signature of batch %1 to %2 does not verify with key %3: the batch's events "
                                       "or its signature are not the ones its writer signed")
                            .arg(sig.firstSequence)
                            .arg(sig.lastSequence)
                            .arg(sig.keyId));
        if (const DeskKeys::Key *k = m_keys.key(sig.keyId); k && !k->activeAt(sig.firstSequence))
            return fail(sig.firstSequence, QStringLiteral("batch %1 to %2 is signed by key %3, revoked at sequence %4 (%5)")
                                               .arg(sig.firstSequence)
                                               .arg(sig.lastSequence)
                                               .arg(sig.keyId)
                                               .arg(k->revokedAt)
                                               .arg(k->revocationReason));
        for (const BatchEvent &e : m_batch) {
            if (isKeyEvent(e.type)) {
                if (e.actor.role != deskkeys::AdminRole)
                    return fail(e.sequence, QStringLiteral("%1 claims role %2: desk-keys events are the administrator's")
                                                .arg(e.type, e.actor.role));
                if (QString problem = m_keys.apply(e.sequence, e.type, e.payload, sig.keyId); !problem.isEmpty())
                    return fail(e.sequence, problem);
                if (e.type == deskkeys::AdministratorEstablished && m_pinned && *m_pinned != m_keys.administrator())
                    return fail(e.sequence, QStringLiteral("the store's administrator is key %1, not the given key %2")
                                                .arg(m_keys.administrator(), *m_pinned));
                continue;
            }
            const DeskKeys::Key *k = m_keys.key(sig.keyId);
            if (!k)
                return fail(e.sequence, QStringLiteral("key %1 is not enrolled on this desk").arg(sig.keyId));
            if (QString problem = DeskKeys::whyNotAllowed(*k, e.type, e.actor); !problem.isEmpty())
                return fail(e.sequence, QStringLiteral("%1 (key %2)").arg(problem, sig.keyId));
        }
        WriterSummary &w = m_summaries[sig.keyId];
        ++w.batches;
        w.events += qint64(m_batch.size());
        ++m_report.batches;
        m_report.signedEvents += qint64(m_batch.size());
        return true;
    }

    std::vector<BatchSignature> m_signatures;
    std::optional<QString> m_pinned;
    size_t m_next = 0;
    bool m_open = false;
    std::vector<BatchEvent> m_batch;
    QByteArray m_hashes;
    DeskKeys m_keys;
    std::map<QString, WriterSummary> m_summaries;
    WriterReport m_report;
};

} // namespace

Result<WriterReport> verifyWriters(const EventStore &store, const std::optional<QString> &administrator,
                                   const std::function<void(qint64)> &progress)
{
    std::vector<BatchSignature> signatures;
    if (Status s = store.forEachSignature(1, -1, [&signatures](const BatchSignature &sig) {
            signatures.push_back(sig);
            return true;
        });
        !s)
        return s.error();
    WriterWalk walk(std::move(signatures), administrator);
    qint64 seen = 0;
    Sequence head = 0;
    if (Status s = store.forEachBytes(1, -1, [&](const EventBytes &e) {
            head = e.sequence;
            if (progress && (++seen & 4095) == 0)
                progress(seen);
            return walk.visit(e);
        });
        !s)
        return s.error();
    walk.finish(head);
    if (walk.report().intact && administrator && walk.report().administrator != *administrator)
        return WriterReport{false, walk.report().unsignedUpTo, 0, 0, walk.report().administrator, 0, {},
                            head + 1,
                            QStringLiteral("the store has no desk administrator with the given key %1").arg(*administrator)};
    return walk.report();
}

} // namespace instant
