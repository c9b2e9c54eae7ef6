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
    const QList<FillRecord> &rows = m_ledger.executions.rows();
    for (auto it = rows.crbegin(); it != rows.crend(); ++it)
        if (it->execId == execId && it->orderId == orderId)
            return true;
    return false;
}

bool TradingState::reservationFits(const OrderRecord &order, qint64 cents) const
{
    qint64 total = 0;
    return isAmount(cents) && addTo(m_ledger.accounts.value(order.account).reservedCents, cents - order.reservedCents, total);
}

QList<OrderRef> OrderTable::inEntryOrder() const
{
    QList<OrderRef> all = m_hash.values();
    sortByEntry(all);
    return all;
}

const OrderRecord *TradingState::order(const QString &orderId) const
{
    auto it = m_orders.byId.constFind(orderId);
    return it == m_orders.byId.cend() ? nullptr : &**it;
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
    for (auto it = m_ledger.positions.lowerBound(prefix); it != m_ledger.positions.cend() && it.key().startsWith(prefix); ++it)
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
    auto it = m_ledger.positions.constFind(positionKey(account, instrument));
    return it == m_ledger.positions.cend() ? nullptr : &*it;
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
    return workstation.owns(bracket.workstation, entry ? entry->actor : QString());
}

const QString &TradingState::positionKeyOf(const QString &account, const QString &instrument)
{
    m_keyBuffer.resize(0); // keeps its capacity: no allocation per event
    m_keyBuffer.append(account).append(u'|').append(instrument);
    return m_keyBuffer;
}

PositionRecord &TradingState::positionFor(const QString &account, const QString &instrument)
{
    auto it = m_ledger.positions.find(positionKeyOf(account, instrument));
    if (it == m_ledger.positions.end())
        it = m_ledger.positions.insert(positionKey(account, instrument), PositionRecord{});
    PositionRecord &p = *it;
    if (p.account != account)
        p.account = account;
    if (p.instrument != instrument)
        p.instrument = instrument;
    return p;
}

const QString &TradingState::intern(const QString &text)
{
    auto it = m_names.constFind(text);
    if (it == m_names.cend())
        it = m_names.insert(text, text);
    return *it;
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
        if (auto it = m_orders.byId.constFind(id); it != m_orders.byId.cend())
            t.m_orders.byId.insert(id, *it); // shared
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
    m_ledger.accounts[order.account].reservedCents += cents - order.reservedCents;
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
    if (!event.streamId.startsWith(QLatin1String("account-")))
        return;
    if (event.streamId != m_lastAccountStream) {
        m_lastAccountStream = event.streamId;
        m_lastAccountId = event.streamId.mid(8);
    }
    AccountRecord &account = m_ledger.accounts[m_lastAccountId];
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
    for (const PositionRecord &p : m_ledger.positions) {
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
        auto snapshot = store.latestSnapshot(SnapshotName, bound);
        if (!snapshot)
            return snapshot.error();
        if (*snapshot) {
            const QJsonObject saved = QJsonDocument::fromJson((*snapshot)->payload).object();
            (*snapshot)->payload = QByteArray(); // the text is not needed beside its parse
            auto restored = fromJson(saved);
            if (restored) {
                state = std::move(restored).value();
                rest.fromSequence = (*snapshot)->sequence + 1;
                rest.toTimeUs.reset();
                rest.toSequence = bound;
            }
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
                e.payload = QByteArray(); // decoded: freed here, by the thread that made it
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

Result<Sequence> TradingState::saveSnapshot(EventStore &store)
{
    auto state = replay(store);
    if (!state)
        return state.error();
    return saveSnapshot(store, *state);
}

Result<Sequence> TradingState::saveSnapshot(EventStore &store, const TradingState &state)
{
    if (state.lastSequence() == 0)
        return Sequence(0);
    if (state.eventsReplayed() == 0)
        return state.lastSequence(); // the newest snapshot is already at the head
    if (Status s = store.saveSnapshot(SnapshotName, state.lastSequence(), state.toCanonicalJson()); !s)
        return s.error();
    return state.lastSequence();
}

// ---- snapshots ----

QJsonObject RuleFinding::toJson() const
{
    if (!recorded.isEmpty())
        return recorded;
    return {{QStringLiteral("order_id"), orderId},
            {QStringLiteral("account"), account},
            {QStringLiteral("instrument"), instrument},
            {QStringLiteral("rules"), QJsonArray::fromStringList(rules)},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("outcome"), QStringLiteral("rejected")},
            {QStringLiteral("recorded_us"), recordedUs}};
}

QJsonObject TradingState::toJson(bool withHistory) const
{
    // Sorted: the same state gives the same bytes in every process (hash order is per process).
    QJsonArray orders, accounts, positions, fills, violations;
    QStringList orderIds = withHistory ? m_orders.byId.keys() : QStringList();
    orderIds.sort();
    for (const QString &id : std::as_const(orderIds))
        orders.append(m_orders.byId.value(id)->toJson());
    QStringList accountIds = m_ledger.accounts.keys();
    accountIds.sort();
    for (const QString &id : std::as_const(accountIds))
        accounts.append(m_ledger.accounts.value(id).toJson());
    for (const PositionRecord &p : m_ledger.positions)
        positions.append(p.toJson());
    for (const FillRecord &f : m_ledger.unsettled)
        fills.append(f.toJson());
    QJsonArray executions;
    if (withHistory) {
        for (const FillRecord &f : m_ledger.executions.rows())
            executions.append(f.toJson());
        for (const RuleFinding &v : m_settings.violations)
            violations.append(v.toJson());
    }
    QJsonObject prices;
    for (auto it = m_ledger.lastPrices.cbegin(); it != m_ledger.lastPrices.cend(); ++it)
        prices.insert(it.key(), it->value());
    QJsonObject out{{QStringLiteral("format"), 3},
            {QStringLiteral("last_sequence"), m_lastSequence},
            {QStringLiteral("orders"), orders},
            {QStringLiteral("accounts"), accounts},
            {QStringLiteral("positions"), positions},
            {QStringLiteral("unsettled"), fills},
            {QStringLiteral("executions"), executions},
            {QStringLiteral("last_prices"), prices},
            {QStringLiteral("rules"), m_settings.rules},
            {QStringLiteral("kill_switch"), m_settings.killSwitch},
            {QStringLiteral("violations"), violations},
            {QStringLiteral("settled_trades"), m_ledger.settledTrades},
            {QStringLiteral("anomalies"), m_anomalies}};
    if (!m_brackets.isEmpty())
        out.insert(QStringLiteral("brackets"), m_brackets.toJson());
    if (!m_approvals.isEmpty()) {
        QJsonArray requests;
        for (const ApprovalRequest &r : m_approvals)
            requests.append(r.toJson());
        out.insert(QStringLiteral("approvals"), requests);
    }
    if (!m_settings.listed.isEmpty()) {
        QStringList listed(m_settings.listed.cbegin(), m_settings.listed.cend());
        listed.sort();
        out.insert(QStringLiteral("listed"), QJsonArray::fromStringList(listed));
    }
    if (!m_lifecycle.isEmpty()) {
        QJsonArray entries;
        for (const LifecycleEntry &e : m_lifecycle)
            entries.append(QJsonObject{{QStringLiteral("sequence"), e.sequence},   {QStringLiteral("type"), e.type},
                                       {QStringLiteral("account"), e.account},     {QStringLiteral("instrument"), e.instrument},
                                       {QStringLiteral("date"), e.date.toString(Qt::ISODate)},
                                       {QStringLiteral("quantity"), e.quantity},   {QStringLiteral("cash_cents"), e.cashCents},
                                       {QStringLiteral("detail"), e.detail}});
        out.insert(QStringLiteral("lifecycle"), entries);
    }
    if (!m_consumed.isEmpty()) {
        QStringList consumed(m_consumed.cbegin(), m_consumed.cend());
        consumed.sort();
        out.insert(QStringLiteral("consumed"), QJsonArray::fromStringList(consumed));
    }
    if (!m_exceptions.isEmpty()) {
        out.insert(QStringLiteral("exceptions"), exceptionsToJson());
        out.insert(QStringLiteral("exceptions_total"), m_exceptionsTotal);
    }
    if (m_ledger.executions.dropped() > 0) // older executions than the state keeps (in the log only)
        out.insert(QStringLiteral("executions_dropped"), m_ledger.executions.dropped());
    return out;
}

QList<FillRecord> TradingState::takeSettledExecutions()
{
    QList<FillRecord> settled;
    for (Sequence sequence : std::exchange(m_ledger.settledJournal, {}))
        if (const qsizetype r = m_ledger.executions.rowOf(sequence); r >= 0)
            settled.append(m_ledger.executions.rows().at(r));
    return settled;
}

QByteArray TradingState::toCanonicalJson() const
{
    // The small parts through Qt's JSON (sorted keys, compact), with a marker where each of the
    // three arrays that grow with the log goes; those are written element by element into the one
    // output, in the order their markers stand: a million orders never exist as one QJsonObject,
    // nor twice as text (that took gigabytes at start-up on a long log).
    const QString orders = QStringLiteral("\u0001orders"), executions = QStringLiteral("\u0001executions"),
                  violations = QStringLiteral("\u0001violations");
    QJsonObject small = toJson(false);
    small.insert(QStringLiteral("orders"), orders);
    small.insert(QStringLiteral("executions"), executions);
    small.insert(QStringLiteral("violations"), violations);
    const QByteArray frame = canonicalJson(small);
    QStringList orderIds = m_orders.byId.keys();
    orderIds.sort();
    using Writer = std::function<void(QByteArray &)>; // the elements, comma-separated
    struct Part
    {
        qsizetype at = 0, size = 0;
        Writer write;
    };
    std::vector<Part> parts;
    auto mark = [&](const QString &marker, Writer write) {
        QByteArray quoted = QJsonDocument(QJsonArray{marker}).toJson(QJsonDocument::Compact);
        quoted = quoted.mid(1, quoted.size() - 2); // the string as it appears inside the document
        parts.push_back({frame.indexOf(quoted), quoted.size(), std::move(write)});
    };
    auto each = [](QByteArray &out, const auto &items, const auto &write) {
        bool first = true;
        for (const auto &item : items) {
            if (!first)
                out += ',';
            first = false;
            write(item);
        }
    };
    mark(orders, [&](QByteArray &out) {
        each(out, orderIds, [&](const QString &id) { m_orders.byId.value(id)->appendCanonicalJson(out); });
    });
    mark(executions, [&](QByteArray &out) {
        each(out, m_ledger.executions.rows(), [&](const FillRecord &f) { f.appendCanonicalJson(out); });
    });
    mark(violations, [&](QByteArray &out) {
        each(out, m_settings.violations, [&](const RuleFinding &v) { out += canonicalJson(v.toJson()); });
    });
    std::sort(parts.begin(), parts.end(), [](const Part &x, const Part &y) { return x.at < y.at; });
    QByteArray out;
    qsizetype from = 0;
    for (const Part &part : parts) {
        out.append(frame.constData() + from, part.at - from);
        out += '[';
        part.write(out);
        out += ']';
        from = part.at + part.size;
    }
    out.append(frame.constData() + from, frame.size() - from);
    return out;
}

Result<TradingState> TradingState::fromJson(const QJsonObject &s, qsizetype executionCapacity)
{
    // Format 1 (before executions kept their cost and P&L deltas) is not read: the log is replayed.
    if (s.value(QStringLiteral("format")).toInt() != 3)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown snapshot format"));
    TradingState t(executionCapacity);
    t.m_lastSequence = i64(s, "last_sequence");
    std::vector<std::pair<TimestampUs, QString>> entered;
    for (const QJsonValue &v : s.value(QStringLiteral("orders")).toArray()) {
        OrderRecord o = OrderRecord::fromJson(v.toObject());
        o.account = t.intern(o.account);
        o.instrument = t.intern(o.instrument);
        o.actor = t.intern(o.actor);
        o.workstation = t.intern(o.workstation);
        o.reason = t.intern(o.reason);
        if (o.overrides.isEmpty())
            o.overrides = QJsonArray(); // no container held for nothing
        entered.emplace_back(o.createdUs, o.orderId);
        if (!isTerminal(o.state)) {
            t.m_orders.working.insert(o.orderId);
            if (o.side == Side::Sell)
                t.m_orders.openSells[positionKey(o.account, o.instrument)].insert(o.orderId);
        }
        const QString id = o.orderId;
        t.m_orders.byId.insert(id, OrderRef(std::move(o)));
    }
    // The newest orders, for recentCopy().
    const size_t keep = std::min<size_t>(entered.size(), 2000);
    std::partial_sort(entered.begin(), entered.begin() + qsizetype(keep), entered.end(), std::greater<>());
    for (size_t i = keep; i-- > 0;)
        t.m_orders.recent.append(entered[i].second);
    for (const QJsonValue &v : s.value(QStringLiteral("accounts")).toArray()) {
        AccountRecord a = AccountRecord::fromJson(v.toObject());
        t.m_ledger.accounts.insert(a.id, a);
    }
    for (const QJsonValue &v : s.value(QStringLiteral("positions")).toArray()) {
        PositionRecord p = PositionRecord::fromJson(v.toObject());
        t.m_ledger.positions.insert(positionKey(p.account, p.instrument), p);
    }
    QList<FillRecord> executions;
    for (const QJsonValue &v : s.value(QStringLiteral("executions")).toArray())
        executions.append(FillRecord::fromJson(v.toObject()));
    t.m_ledger.executions.reset(std::move(executions), i64(s, "executions_dropped"));
    t.m_ledger.executions.trim(); // a snapshot that kept more than the state keeps now
    for (const QJsonValue &v : s.value(QStringLiteral("unsettled")).toArray()) {
        FillRecord f = FillRecord::fromJson(v.toObject());
        t.m_ledger.unsettled.insert(fillKey(f.orderId, f.execId), f);
    }
    const QJsonObject prices = s.value(QStringLiteral("last_prices")).toObject();
    for (auto it = prices.begin(); it != prices.end(); ++it)
        t.m_ledger.lastPrices.insert(it.key(), Price(it.value().toInteger()));
    t.m_settings.rules = s.value(QStringLiteral("rules")).toArray();
    t.m_brackets = BracketBook::fromJson(s.value(QStringLiteral("brackets")).toArray());
    for (const QJsonValue &v : s.value(QStringLiteral("approvals")).toArray()) {
        ApprovalRequest r = ApprovalRequest::fromJson(v.toObject());
        t.m_approvals.insert(r.id, r);
    }
    t.m_settings.killSwitch = str(s, "kill_switch");
    for (const QJsonValue &v : s.value(QStringLiteral("violations")).toArray())
        t.m_settings.violations.append(RuleFinding::fromJson(v.toObject()));
    t.m_ledger.settledTrades = i64(s, "settled_trades");
    t.m_anomalies = i64(s, "anomalies");
    for (const QJsonValue &v : s.value(QStringLiteral("listed")).toArray())
        t.m_settings.listed.insert(v.toString());
    t.exceptionsFromJson(s.value(QStringLiteral("exceptions")).toArray());
    for (const QJsonValue &v : s.value(QStringLiteral("consumed")).toArray())
        t.m_consumed.insert(v.toString());
    t.m_exceptionsTotal = i64(s, "exceptions_total");
    for (const QJsonValue &v : s.value(QStringLiteral("lifecycle")).toArray()) {
        const QJsonObject e = v.toObject();
        t.m_lifecycle.append({i64(e, "sequence"), str(e, "type"), str(e, "account"), str(e, "instrument"),
                              QDate::fromString(str(e, "date"), Qt::ISODate), i64(e, "quantity"), i64(e, "cash_cents"),
                              str(e, "detail"), false});
    }
    return t;
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
