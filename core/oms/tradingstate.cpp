#include "oms/tradingstate.h"
#include "oms/decodedevent.h"
#include "oms/approvals.h"

#include "refdata/instrument.h"

#include "oms/executionevents.h"
#include "oms/instrumentlistings.h"
#include "oms/lifecycleevents.h"
#include "events/orderevents.h"
#include "oms/stateamounts.h"
#include "records/recordreaders.h"
#include "events/eventhash.h"
#include "events/payload.h"
#include "store/eventstore.h"
#include "store/readahead.h"

#include <QJsonDocument>

#include <functional>
#include <limits>

namespace instant {

using namespace state;

bool TradingState::hasExecution(const QString &orderId, const QString &execId, bool searchHistory) const
{
    if (execId.isEmpty())
        return false;
    if (m_ledger.unsettled.contains(fillKey(orderId, execId)) || m_consumed.contains(fillKey(orderId, execId)))
        return true;
    if (!searchHistory)
        return false;
    return m_ledger.executions.holds(orderId, execId);
}

bool TradingState::reservationFits(const OrderRecord &order, qint64 cents) const
{
    qint64 total = 0;
    return isAmount(cents) && addTo(m_ledger.accounts.value(order.account).reservedCents, cents - order.reservedCents, total);
}

QList<OrderRef> OrderTable::inEntryOrder() const
{
    QList<OrderRef> all = m_orders.inAddedOrder(); // shared; mostly in entry order already
    sortByEntry(all);
    return all;
}

const OrderRecord *TradingState::order(const QString &orderId) const
{
    const OrderRef *held = m_orders.byId.find(orderId);
    return held ? &**held : nullptr;
}

const AccountRecord *TradingState::account(const QString &id) const
{
    auto it = m_ledger.accounts.constFind(id);
    return it == m_ledger.accounts.cend() ? nullptr : &*it;
}

QList<PositionRecord> TradingState::positionsOf(const QString &account) const
{
    QList<PositionRecord> out;
    const QString prefix = positionKey(account, QString());
    const auto &positions = m_ledger.positions.inKeyOrder();
    for (auto it = positions.lowerBound(prefix); it != positions.cend() && it.key().startsWith(prefix); ++it)
        out << *it;
    return out;
}

QList<OrderRef> TradingState::workingOrdersOf(const QString &account) const
{
    QList<OrderRef> out;
    for (const QString &id : m_orders.working)
        if (const OrderRef o = m_orders.byId.value(id); !o.isNull() && o->account == account)
            out << o;
    return out;
}

const PositionRecord *TradingState::position(const QString &account, const QString &instrument) const
{
    return m_ledger.positions.find(positionKey(account, instrument));
}

std::optional<Price> TradingState::lastPrice(const QString &instrument) const
{
    auto it = m_ledger.lastPrices.constFind(instrument);
    if (it == m_ledger.lastPrices.cend())
        return std::nullopt;
    return *it;
}

qint64 TradingState::sellableQuantity(const QString &account, const QString &instrument) const
{
    const PositionRecord *p = position(account, instrument);
    qint64 qty = p ? p->quantity : 0;
    // Only the working sells of this position, not every order ever entered.
    for (const QString &id : m_orders.openSells.value(positionKey(account, instrument)))
        if (const OrderRecord *o = order(id))
            qty -= o->leaves().value();
    return qty;
}

bool TradingState::isOwnWork(const OrderRecord &order, const WorkstationIdentity &workstation) const
{
    if (order.workstation.isEmpty() && !order.parent.isEmpty())
        if (const BracketRecord *b = m_brackets.bracket(order.parent)) // entered by the bracket monitor
            return isOwnWork(*b, workstation);
    return workstation.owns(order.workstation, order.actor);
}

bool TradingState::isOwnWork(const BracketRecord &bracket, const WorkstationIdentity &workstation) const
{
    const OrderRecord *entry = order(bracket.id); // recorded with the bracket, by the same user
    return workstation.owns(bracket.workstation, entry ? entry->actor.text() : QString());
}

const QString &TradingState::positionKeyOf(const QString &account, const QString &instrument)
{
    m_keyBuffer.resize(0); // keeps its capacity: no allocation per event
    m_keyBuffer.append(account).append(u'|').append(instrument);
    return m_keyBuffer;
}

PositionRecord &TradingState::positionFor(const QString &account, const QString &instrument)
{
    PositionRecord *held = m_ledger.positions.edit(positionKeyOf(account, instrument));
    PositionRecord &p = held ? *held : m_ledger.positions.insert(positionKey(account, instrument), PositionRecord{});
    if (p.account != account)
        p.account = account;
    if (p.instrument != instrument)
        p.instrument = instrument;
    if (m_ledger.followChanges)
        m_ledger.changes.positions.insert({p.account, p.instrument});
    return p;
}

AccountRecord &TradingState::accountFor(const QString &id)
{
    if (m_ledger.followChanges)
        m_ledger.changes.accounts.insert(id);
    return m_ledger.accounts[id];
}

const QString &TradingState::intern(const QString &text)
{
    return Name(text).text(); // one copy of each text in the process, shared with the order records
}

TradingState TradingState::recentCopy(qsizetype recent) const
{
    TradingState t;
    t.m_lastSequence = m_lastSequence;
    t.m_ledger.accounts = m_ledger.accounts;
    t.m_ledger.positions = m_ledger.positions;
    t.m_ledger.unsettled = m_ledger.unsettled;
    t.m_ledger.lastPrices = m_ledger.lastPrices;
    t.m_settings = m_settings;
    t.m_settings.violations = m_settings.violations.mid(std::max<qsizetype>(0, m_settings.violations.size() - recent));
    t.m_brackets = m_brackets;
    t.m_ledger.settledTrades = m_ledger.settledTrades;
    t.m_anomalies = m_anomalies;
    t.m_replayed = m_replayed;
    t.m_orders.openSells = m_orders.openSells;
    t.m_orders.working = m_orders.working;
    t.m_lifecycle = m_lifecycle;
    t.m_exceptions = m_exceptions;
    t.m_exceptionsTotal = m_exceptionsTotal;
    t.m_approvals = m_approvals;
    t.m_consumed = m_consumed;
    auto take = [&](const QString &id) {
        if (const OrderRef *held = m_orders.byId.find(id))
            t.m_orders.byId.insert(*held); // shared
    };
    for (const QString &id : m_orders.working)
        take(id);
    for (qsizetype i = std::max<qsizetype>(0, m_orders.recent.size() - recent); i < m_orders.recent.size(); ++i)
        take(m_orders.recent.at(i));
    const qsizetype kept = std::min(recent, m_ledger.executions.size());
    t.m_ledger.executions.reset(m_ledger.executions.rows().mid(m_ledger.executions.size() - kept), m_ledger.executions.total() - kept);
    return t;
}

void TradingState::forgetOpenSell(const OrderRecord &order)
{
    auto it = m_orders.openSells.find(positionKey(order.account, order.instrument));
    if (it == m_orders.openSells.end())
        return;
    it->remove(order.orderId);
    if (it->isEmpty())
        m_orders.openSells.erase(it);
}

void TradingState::setReservation(OrderRecord &order, qint64 cents)
{
    accountFor(order.account).reservedCents += cents - order.reservedCents;
    order.reservedCents = cents;
}

Status TradingState::transition(OrderRecord &order, OrderEventKind kind, const RecordedEvent &event)
{
    auto next = OrderStateMachine::next(order.state, kind, order.beforePending);
    if (!next) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2) on order %3: %4")
                                                   .arg(event.sequence)
                                                   .arg(event.type, order.orderId, next.message()));
    }
    if (kind == OrderEventKind::RequestCancel || kind == OrderEventKind::RequestReplace)
        order.beforePending = order.state;
    OrderState to = *next;
    if (to == OrderState::New && order.filled > Quantity(0))
        to = OrderState::PartiallyFilled; // a refused cancel after a fill raced it
    const bool wasTerminal = isTerminal(order.state);
    order.state = to;
    if (isTerminal(to)) {
        m_orders.working.remove(order.orderId);
        if (order.side == Side::Sell)
            forgetOpenSell(order);
    } else if (wasTerminal) { // a fill after a reject: the venue had the order after all
        m_orders.working.insert(order.orderId);
        if (order.side == Side::Sell)
            m_orders.openSells[positionKey(order.account, order.instrument)].insert(order.orderId);
    }
    order.updatedUs = event.recordedUs;
    order.lastSequence = event.sequence;
    return Done{};
}

Status TradingState::apply(const RecordedEvent &event)
{
    return apply(event, DecodedEvent::of(event));
}

// An event goes to the handler of its family: the compliance settings here, the ledger (cash and
// settlement, ledgerprojection.cpp), orders (orderprojection.cpp), an instrument's own dates
// (lifecycleprojection.cpp), what venues report beyond the lifecycle (executionprojection.cpp),
// approvals and brackets. The order and ledger families come decoded into their event's struct
// (DecodedEvent); the others decode the payload themselves.
Status TradingState::apply(const RecordedEvent &event, const DecodedEvent &decoded)
{
    m_lastSequence = std::max(m_lastSequence, event.sequence);
    noteAccountStream(event);
    if (decoded.unreadable) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("event %1 (%2): its payload cannot be read (not a JSON object)").arg(event.sequence).arg(event.type));
    }
    using Kind = DecodedEvent::Kind;
    const auto &b = decoded.body;
    switch (decoded.kind) {
    case Kind::ComplianceRulesChanged:
        m_settings.rules = std::get<events::RulesChange>(b).rules;
        return Done{};
    case Kind::KillSwitchChanged:
        m_settings.killSwitch = std::get<events::KillSwitchChange>(b).mode;
        return Done{};
    case Kind::InstrumentListed:
        m_settings.listed.insert(std::get<DecodedEvent::Listing>(b).instrument);
        return Done{};
    case Kind::AccountOpened: return applyAccountOpened(std::get<events::AccountOpening>(b), event);
    case Kind::TradeSettled: return applySettled(std::get<events::Settlement>(b), event);
    case Kind::SettlementFailed: return applySettlementFailed(std::get<events::Settlement>(b), event);
    case Kind::OrderAccepted:
    case Kind::OrderDiscovered: return applyEntered(std::get<events::OrderAcceptance>(b), event);
    case Kind::OrderRejected: return applyRejected(std::get<events::OrderRejection>(b), event);
    case Kind::OrderAcknowledged: return applyStep(std::get<events::Acknowledgement>(b).orderId, OrderEventKind::Acknowledge, event);
    case Kind::OrderPartiallyFilled:
    case Kind::OrderFilled: return applyFill(std::get<events::Fill>(b), decoded.kind == Kind::OrderFilled, event);
    case Kind::CancelRequested: return applyStep(std::get<events::CancelRequest>(b).orderId, OrderEventKind::RequestCancel, event);
    case Kind::OrderCancelled:
    case Kind::OrderExpired: return applyEnded(std::get<events::OrderEnded>(b), event);
    case Kind::VenueRejected:
    case Kind::CancelRejected: return applyVenueRefusal(std::get<events::VenueRefusal>(b), event);
    case Kind::ReplaceRequested:
    case Kind::OrderReplaced: return applyReplacement(std::get<events::Replacement>(b), event);
    case Kind::ReplaceRejected: return applyReplaceRejected(std::get<events::ReplaceRejection>(b), event);
    case Kind::CommandRefused:
    case Kind::IllegalTransitionRefused:
        // Audit only: the order's record is not touched (editing it would copy a record the
        // screens share, for nothing).
        return Done{};
    case Kind::Other: break;
    }
    const QString &type = event.type;
    // The payload is parsed only for a family that applies it.
    if (lifecycle::isLifecycleEvent(type))
        return applyLifecycle(type, Payload::parse(event.payload), event);
    if (executions::isExecutionEvent(type))
        return applyExecution(type, Payload::parse(event.payload), event);
    if (approvals::isApprovalEvent(type))
        return applyApproval(type, Payload::parse(event.payload), event);
    if (BracketBook::isBracketEvent(type)) {
        Status s = m_brackets.apply(type, Payload::parse(event.payload), event);
        if (!s)
            ++m_anomalies;
        return s;
    }
    return Done{}; // future types: audit only
}

// Consecutive events mostly share a stream: its account id is cut out once.
void TradingState::noteAccountStream(const RecordedEvent &event)
{
    // Every event passes here, and few are an account's: the first letter decides most.
    if (event.streamId.isEmpty() || event.streamId.front() != u'a' || !event.streamId.startsWith(QLatin1String("account-")))
        return;
    if (event.streamId != m_lastAccountStream) {
        m_lastAccountStream = event.streamId;
        m_lastAccountId = event.streamId.mid(8);
    }
    AccountRecord &account = accountFor(m_lastAccountId);
    if (account.id.isEmpty())
        account.id = m_lastAccountId;
    account.version = std::max(account.version, event.streamVersion);
}

Status TradingState::outOfRange(const RecordedEvent &event)
{
    ++m_anomalies;
    return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2): an amount out of range").arg(event.sequence).arg(event.type));
}

Status TradingState::checkInvariants() const
{
    QHash<QString, qint64> reserved;
    for (const OrderRecord &o : orders()) {
        if (o.filled > Quantity(0) && o.filled > o.quantity && o.exceptions == 0) // an overfill is booked and flagged
            return makeError(ErrorCode::Integrity, QStringLiteral("order %1 filled %2 of %3").arg(o.orderId).arg(o.filled.value()).arg(o.quantity.value()));
        if (o.reservedCents < 0 || (isTerminal(o.state) && o.reservedCents != 0))
            return makeError(ErrorCode::Integrity, QStringLiteral("order %1 holds %2 cents in state %3").arg(o.orderId).arg(o.reservedCents).arg(stateName(o.state)));
        qint64 &sum = reserved[o.account];
        if (!addTo(sum, o.reservedCents, sum))
            return makeError(ErrorCode::Integrity, QStringLiteral("account %1 reserves more than it can hold").arg(o.account));
    }
    for (const AccountRecord &a : m_ledger.accounts) {
        if (a.availableCents() < 0 && a.exceptions == 0) // unexpected executions may take it below zero
            return makeError(ErrorCode::Integrity, QStringLiteral("account %1 has %2 cents available").arg(a.id).arg(a.availableCents()));
        if (a.reservedCents != reserved.value(a.id))
            return makeError(ErrorCode::Integrity, QStringLiteral("account %1 reserves %2 cents, its orders %3").arg(a.id).arg(a.reservedCents).arg(reserved.value(a.id)));
    }
    for (const PositionRecord &p : m_ledger.positions.inKeyOrder()) {
        if ((p.quantity < 0 || p.settledQuantity < 0) && m_ledger.accounts.value(p.account).exceptions == 0)
            return makeError(ErrorCode::Integrity, QStringLiteral("position %1 %2 is short").arg(p.account, p.instrument));
    }
    if (m_anomalies)
        return makeError(ErrorCode::Integrity, QStringLiteral("%1 events broke the order lifecycle").arg(m_anomalies));
    return Done{};
}

const QString TradingState::SnapshotName = QStringLiteral("trading-state");

Result<TradingState> TradingState::replay(const EventStore &store, const ReadQuery &query, bool useSnapshots)
{
    TradingState state;
    ReadQuery rest = query;
    rest.columns = ReadQuery::Columns::ForProjections;
    if (useSnapshots && query.streamId.isEmpty() && query.fromSequence <= 1 && !query.fromTimeUs && !query.limit) {
        Sequence bound = query.toSequence.value_or(std::numeric_limits<Sequence>::max());
        if (query.toTimeUs) {
            auto asOf = store.sequenceAsOf(*query.toTimeUs);
            if (!asOf)
                return asOf.error();
            bound = std::min(bound, *asOf);
        }
        auto snapshot = readSnapshot(store, bound);
        if (!snapshot)
            return snapshot.error();
        if (*snapshot) {
            state = std::move(**snapshot);
            rest.fromSequence = state.lastSequence() + 1;
            rest.toTimeUs.reset();
            rest.toSequence = bound;
        }
    }
    // Read on one thread, applied on this one; decoded on the reading thread while this one is
    // behind, on this one otherwise.
    Status status = readAhead<std::optional<DecodedEvent>>(
        store, rest,
        [](RecordedEvent &e, bool applyingBehind) -> std::optional<DecodedEvent> {
            if (!applyingBehind)
                return std::nullopt;
            DecodedEvent d = DecodedEvent::of(e);
            if (d.kind != DecodedEvent::Kind::Other)
                e.payload = QByteArray(); // decoded: let go here, on the reading thread (its block is shared)
            return d;
        },
        [&state](const RecordedEvent &e, std::optional<DecodedEvent> &d) {
            // anomalies are counted and reported by checkInvariants()
            (void)(d ? state.apply(e, *d) : state.apply(e));
            ++state.m_replayed;
            return true;
        });
    if (!status)
        return status.error();
    return state;
}

QList<FillRecord> TradingState::takeSettledExecutions()
{
    QList<FillRecord> settled;
    for (Sequence sequence : std::exchange(m_ledger.settledJournal, {}))
        if (const qsizetype r = m_ledger.executions.rowOf(sequence); r >= 0)
            settled.append(m_ledger.executions.rows().at(r));
    return settled;
}

// ---- four eyes: requests to approve an override ----
Status TradingState::applyApproval(const QString &type, const Payload &p, const RecordedEvent &event)
{
    if (type == approvals::Requested) {
        auto r = approvals::decodeRequest(event);
        if (!r || m_approvals.contains(r->id) || m_orders.byId.contains(r->id)) {
            ++m_anomalies;
            return r ? makeError(ErrorCode::Integrity, QStringLiteral("event %1: request %2 is known already").arg(event.sequence).arg(r->id))
                     : r.error();
        }
        m_approvals.insert(r->id, *r);
        // Decided requests are history (the log keeps them): the newest few are kept here.
        if (m_approvals.size() > ApprovalCapacity)
            for (auto it = m_approvals.begin(); it != m_approvals.end() && m_approvals.size() > ApprovalCapacity;)
                it = it->waiting() ? std::next(it) : m_approvals.erase(it);
        return Done{};
    }
    auto it = m_approvals.find(p.str("request_id"));
    if (it == m_approvals.end()) {
        ++m_anomalies;
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1: decision on an unknown request").arg(event.sequence));
    }
    Status s = approvals::applyDecision(*it, type, p, event);
    if (!s)
        ++m_anomalies;
    return s;
}

} // namespace instant
