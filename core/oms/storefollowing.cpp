// The order manager's state follows the store (ordermanager.h, OrderManager::followStore()):
// what another writer appends reaches the state through the store's live feed, not only when an
// append of ours conflicts with it.
#include "oms/ordermanager.h"

#include "oms/decodedevent.h"

#include "store/eventstore.h"

namespace instant {

void OrderManager::startFollowing()
{
    if (!m_following.wanted)
        return;
    delete m_following.subscription; // a second start() replays again: follow from there
    m_following.ahead.clear();
    // The replay read the log without a gap up to here.
    m_following.upTo = m_state.lastSequence();
    m_following.subscription = m_store.subscribe(m_following.upTo, this);
    connect(m_following.subscription, &EventSubscription::events, this, &OrderManager::onFollowed);
    connect(m_following.subscription, &EventSubscription::problem, this, &OrderManager::feedProblem);
}

Status OrderManager::applyOnce(const RecordedEvent &event, const std::any &written)
{
    Following &f = m_following;
    if (!f.subscription)
        return m_state.apply(event, DecodedEvent::of(event, written)); // not following: whoever reads an event applies it, as before
    if (event.sequence <= f.upTo || f.ahead.contains(event.sequence))
        return Done{}; // in the state already
    Status applied = m_state.apply(event, DecodedEvent::of(event, written));
    if (event.sequence == f.upTo + 1) {
        f.upTo = event.sequence;
        while (f.ahead.remove(f.upTo + 1))
            ++f.upTo;
    } else {
        f.ahead.insert(event.sequence); // skipped when the feed brings it
    }
    return applied;
}

void OrderManager::onFollowed(const QList<RecordedEvent> &events)
{
    QList<RecordedEvent> fresh;
    QSet<QString> orders;
    for (const RecordedEvent &e : events) {
        // The feed is gapless and in order, so it brings at most the next one not yet applied
        // (applyOnce() moves past the ones recorded here as it reaches them).
        if (e.sequence <= m_following.upTo)
            continue; // recorded here, or read on a conflict
        if (Status s = applyOnce(e); !s)
            qWarning("instant: %s", qPrintable(s.message()));
        fresh.append(e);
        // An order's events carry its id as their correlation (a fill, an ack, a cancel...).
        if (!e.correlationId.isEmpty() && m_state.order(e.correlationId))
            orders.insert(e.correlationId);
        if (e.payload.contains("\"order_id\"")) {
            const QString id = e.payloadObject().value(QStringLiteral("order_id")).toString();
            if (!id.isEmpty() && m_state.order(id))
                orders.insert(id);
        }
    }
    if (fresh.isEmpty())
        return;
    m_following.learnt += fresh.size();
    QStringList changed(orders.cbegin(), orders.cend());
    changed.sort();
    for (const QString &id : std::as_const(changed))
        Q_EMIT orderChanged(id);
    Q_EMIT learnt(fresh);
}

} // namespace instant
