#include "oms/ordermanager.h"

#include "oms/bracketevents.h"
#include "compliance/ordercost.h"

#include "analytics/bondanalytics.h"
#include "analytics/marketcalendar.h"
#include "oms/instrumentlistings.h"
#include "events/orderevents.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

#include <QDateTime>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>

namespace instant {
OrderManager::OrderManager(EventStore &store, const ReferenceData &reference, Venue &venue, QObject *parent)
    : QObject(parent), m_store(store), m_reference(reference), m_venue(venue)
{
    // Direct: reports are handled on the venue's thread, in the order the venue sends them.
    connect(&m_venue, &Venue::executionReport, this, &OrderManager::onReport, Qt::DirectConnection);
    // Another writer on this store (an alert, a session record) found it failing: halt too,
    // unless a write has succeeded since.
    connect(&m_store, &EventStore::writeFailed, this, [this](const QString &reason) {
        if (m_store.writesFailing())
            haltForStore(reason);
    });
}

OrderManager::~OrderManager() = default;

Status OrderManager::catchUp(const QString &stream)
{
    StreamVersion known = 0;
    if (stream.startsWith(QStringLiteral("account-")))
        if (const AccountRecord *a = m_state.account(stream.mid(8)))
            known = a->version;
    auto fresh = m_store.readStream(stream, known + 1);
    if (!fresh)
        return fresh.error();
    for (const RecordedEvent &e : std::as_const(*fresh))
        (void)applyOnce(e);
    return Done{};
}

Result<AppendResult> OrderManager::record(const QString &account, const QList<NewEvent> &newEvents, const QString &key)
{
    AppendRequest request;
    const bool accountStream = !account.isEmpty();
    request.streamId = accountStream ? events::accountStream(account) : QStringLiteral("rejections");
    request.expectedVersion = ExpectedVersion::Any;
    if (accountStream) {
        const AccountRecord *a = m_state.account(account);
        request.expectedVersion = a ? a->version : ExpectedVersion::NoStream;
    }
    request.events = newEvents;
    request.idempotencyKey = key;
    auto result = append(std::move(request));
    if (!result) {
        if (result.code() == ErrorCode::Conflict || result.code() == ErrorCode::IdempotencyMismatch)
            (void)catchUp(events::accountStream(account)); // another workstation wrote: learn it, then decide again
        return result;
    }
    if (result->duplicate) {
        (void)catchUp(events::accountStream(account));
        return result;
    }
    static const std::any nothingWritten;
    for (qsizetype i = 0; i < result->recorded.size(); ++i) {
        // The store records the request's events in order, one each.
        const RecordedEvent &e = result->recorded.at(i);
        Status applied = applyOnce(e, i < newEvents.size() ? newEvents.at(i).written : nothingWritten);
        if (!applied)
            qWarning("instant: %s", qPrintable(applied.message()));
    }
    Q_EMIT recorded(result->recorded);
    return result;
}

Result<AppendResult> OrderManager::append(AppendRequest request)
{
    if (m_storeHalt) // nothing is written before the halt itself is recorded (resumeAfterStoreHalt)
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("trading is halted: the store cannot record (%1)").arg(m_storeHalt->reason));
    auto result = m_store.append(std::move(request));
    if (!result && isStoreFailure(result.error()))
        haltForStore(result.message());
    return result;
}

std::optional<Result<Sequence>> OrderManager::waitForStartupSnapshot()
{
    if (m_startupSnapshot.joinable())
        m_startupSnapshot.join();
    return m_startupSnapshotOutcome;
}

Status OrderManager::start(const Actor &actor)
{
    auto replayed = TradingState::replay(m_store);
    if (!replayed)
        return replayed.error();
    m_state = std::move(replayed).value();
    m_state.followPortfolioChanges(); // what the panels show is sent as it changes from here
    startFollowing();
    m_workstation.user = actor.user;
    if (actor.readsOnly())
        return Done{}; // compliance: the record as it is, nothing written, nothing asked of the venue
    if (m_state.eventsReplayed() > m_snapshotAfter) {
        // The next start replays less. One that cannot be saved (a full disk, a lost connection)
        // costs only time: said in the log, which a problem report carries. A copy of the state
        // shares its records: the orders taken meanwhile copy those they change.
        m_startupSnapshot = std::jthread([this, state = m_state](std::stop_token stop) {
            auto saved = TradingState::saveSnapshot(m_store, state, TradingState::SnapshotPieceBytes, stop);
            if (!saved && !stop.stop_requested())
                qWarning("instant: the start-up snapshot was not saved (the next start replays the whole log): %s",
                         qPrintable(saved.message()));
            m_startupSnapshotOutcome = std::move(saved);
        });
    }
    if (m_venue.reconcilesOnConnect()) {
        // The venue asks the far side about each open order once its session is up.
        m_venue.reconcile(workingOrders());
        return Done{};
    }
    // Reconcile: a working order the venue does not know any more cannot trade; say so.
    QStringList stale;
    for (const OrderRecord &o : m_state.orders())
        if (!isTerminal(o.state) && isOwnWork(o) && !m_venue.workingQuantity(o.orderId)) // another's is at its venue
            stale << o.orderId;
    stale.sort();
    // One append per account for all of its stale orders: a restart after a long session does
    // not wait for a commit per order.
    QMap<QString, QStringList> byAccount;
    for (const QString &id : std::as_const(stale))
        byAccount[m_state.order(id)->account] << id;
    for (auto it = byAccount.cbegin(); it != byAccount.cend(); ++it) {
        for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
            QList<NewEvent> expired;
            for (const QString &id : it.value()) {
                const OrderRecord *o = m_state.order(id);
                if (!o || isTerminal(o->state))
                    continue; // learnt after a conflict: someone else settled it
                expired.append(events::encode(events::OrderEnded{events::OrderEnded::How::Expired, id,
                                                                 QStringLiteral("not working at the venue after a restart (reconciled)"),
                                                                 o->leaves().value()},
                                              m_reconciler));
            }
            if (expired.isEmpty())
                break;
            auto r = record(it.key(), expired);
            if (r || r.code() != ErrorCode::Conflict)
                break;
        }
        for (const QString &id : it.value())
            Q_EMIT orderChanged(id);
    }
    return Done{};
}

Result<AppendResult> OrderManager::recordOnAccount(const QString &account, const QList<NewEvent> &newEvents, const QString &key)
{
    if (account.isEmpty() || !m_state.account(account))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown account \"%1\"").arg(account));
    return record(account, newEvents, key);
}

TimestampUs OrderManager::venueTimeUs() const
{
    return m_venue.nowUs();
}

KillSwitch OrderManager::killSwitch() const
{
    if (m_storeHalt)
        return KillSwitch::Halted;
    return killSwitchFromString(m_state.killSwitch()).value_or(KillSwitch::Active);
}

QList<ComplianceRule> OrderManager::rules() const
{
    static const QJsonArray defaults = ComplianceEngine::defaultRules();
    const QJsonArray &source = m_state.complianceRules().isEmpty() ? defaults : m_state.complianceRules();
    if (!m_parsedRules.valid || m_parsedRules.source != source) {
        auto parsed = ComplianceEngine::parseRules(source);
        m_parsedRules = ParsedRules{source, parsed ? *parsed : QList<ComplianceRule>{}, true};
    }
    return m_parsedRules.rules;
}

CheckedOrder OrderManager::check(const OrderTerms &terms) const
{
    const QList<ComplianceRule> ruleSet = rules();
    return checkOrder(terms, {m_state, m_reference, ruleSet, killSwitch(), m_venue.tradeDate()});
}

Price OrderManager::protectionPrice(const Instrument &instrument, Side side) const
{
    return instant::protectionPrice(instrument, m_state.lastPrice(instrument.id).value_or(instrument.referencePrice), side);
}

qint64 OrderManager::reservationFor(const OrderRecord &order, Quantity filledAfter) const
{
    if (order.side != Side::Buy)
        return 0;
    const Instrument *instrument = m_reference.instrument(order.instrument);
    if (!instrument)
        return 0;
    auto hold = [&](Quantity total, std::optional<Price> limit) -> qint64 {
        const Quantity leaves = total - filledAfter;
        const std::optional<Price> px = limit ? limit : std::optional<Price>(order.protectionPrice);
        if (leaves <= Quantity(0) || !px)
            return 0;
        return orderCost(*instrument, Side::Buy, order.tif, leaves, *px, m_venue.tradeDate()).holdCents;
    };
    qint64 cents = hold(order.quantity, order.limitPrice);
    if (order.pendingQuantity) // a replace may confirm or not: hold for both until we know
        cents = saturatedSum(cents, hold(*order.pendingQuantity, order.pendingLimitPrice ? order.pendingLimitPrice : order.limitPrice));
    return cents;
}

CommandOutcome OrderManager::outcomeFor(const QString &orderId, bool duplicate) const
{
    CommandOutcome out;
    out.orderId = orderId;
    out.duplicate = duplicate;
    if (const OrderRecord *o = m_state.order(orderId)) {
        out.state = o->state;
        out.accepted = o->state != OrderState::Rejected;
        out.reason = o->reason;
    }
    return out;
}

// Another workstation's order rests at that workstation's venue session: it is changed there.
QString OrderManager::notOurs(const OrderRecord &o) const
{
    return QStringLiteral("order %1 was sent from %2: cancel or replace it there (its venue session holds it)")
        .arg(o.orderId, o.workstation.isEmpty() ? QStringLiteral("%1's workstation").arg(o.actor)
                                                : QStringLiteral("workstation %1").arg(o.workstation));
}

CommandOutcome OrderManager::refuse(const QString &orderId, const QString &account, const QString &command,
                                    const QString &reason, const Actor &actor)
{
    if (m_storeHalt)
        return refuseWhileHalted(orderId);
    const QString stream = m_state.account(account) ? account : QString();
    (void)record(stream, {events::encode(events::CommandRefusal{orderId, command, reason, std::nullopt}, actor)});
    CommandOutcome out = outcomeFor(orderId, false);
    out.accepted = false;
    out.reason = reason;
    return out;
}

CommandOutcome OrderManager::submit(const NewOrderCommand &c)
{
    return submitOrder(c, {});
}

// The command as typed, kept with a rejection so the trader sees what was refused.
events::TypedOrder OrderManager::typedCommand(const NewOrderCommand &c, const QString &orderId)
{
    events::TypedOrder typed{orderId, c.account, c.instrument, c.side.toLower(), c.type.toLower(), c.timeInForce.toLower(),
                             c.quantity, c.limitPrice, c.stopPrice, {}, {}, {}};
    if (c.bracket)
        typed.bracket = QJsonObject{{QStringLiteral("stop_loss_text"), c.bracket->stopLoss},
                                    {QStringLiteral("trail_by_text"), c.bracket->trailBy},
                                    {QStringLiteral("take_profit_text"), c.bracket->takeProfit},
                                    {QStringLiteral("exit_at_us"), c.bracket->exitAtUs},
                                    {QStringLiteral("exit_after_seconds"), c.bracket->exitAfterSeconds}};
    if (!c.parent.isEmpty()) {
        typed.parent = c.parent;
        typed.role = c.role;
    }
    return typed;
}

// An exit must belong to an open bracket of the same account and instrument; a bracket's entry
// id leaves room for its exits' suffixes, and its exits must parse against the entry's price.
QString OrderManager::bracketCheck(const NewOrderCommand &c, const QString &orderId, const CheckedOrder &checked,
                                   std::optional<BracketExits> &exits) const
{
    const Instrument *instrument = checked.instrument;
    if (c.bracket && orderId.size() > 56)
        return QStringLiteral("a bracket's entry order id is at most 56 characters (its exits add a suffix)");
    if (!c.parent.isEmpty()) {
        const BracketRecord *parent = m_state.brackets().bracket(c.parent);
        if (!parent || !parent->isOpen() || parent->account != c.account || parent->instrument != instrument->id
            || checked.side != Side::Sell || (c.role != u"take-profit" && c.role != u"exit"))
            return QStringLiteral("order %1 is not an exit of an open bracket %2").arg(orderId, c.parent);
    }
    if (c.bracket) {
        // The exits are checked against the entry's limit, or the market for a market entry.
        const Price reference = checked.limitPrice ? *checked.limitPrice
                                                   : m_state.lastPrice(instrument->id).value_or(instrument->referencePrice);
        auto parsed = parseBracketTerms(*instrument, *c.bracket, reference, m_venue.nowUs());
        if (!parsed)
            return QStringLiteral("bracket: %1").arg(parsed.message());
        exits = *parsed;
    }
    return {};
}

// OrderRejected: what was typed, the prices as parsed, why, at which stage, and the rules it broke.
NewEvent OrderManager::rejectedEvent(events::TypedOrder typed, const CheckedOrder &checked, const QString &reason, const QString &stage,
                                     const QList<Violation> &violations, const Actor &actor, const QString &orderId) const
{
    Q_ASSERT(typed.orderId == orderId);
    if (checked.instrument)
        typed.instrument = checked.instrument->id;
    events::OrderRejection rejection{std::move(typed), checked.limitPrice, checked.stopPrice, reason, stage, {}};
    for (const Violation &v : violations)
        rejection.rules << v.ruleId;
    return events::encode(rejection, actor);
}

// OrderAccepted, and a bracket's exits with it (one append: an entry is never recorded without them).
QList<NewEvent> OrderManager::acceptedEvents(const NewOrderCommand &c, const QString &orderId, const CheckedOrder &checked,
                                             const std::optional<BracketExits> &exits) const
{
    const QString instrument = checked.instrument->id;
    events::OrderAcceptance terms{orderId, c.account, instrument, checked.side, checked.type, checked.tif, c.quantity,
                                  checked.limitPrice, checked.stopPrice, checked.protectionPrice, checked.reservationCents,
                                  checked.overrides, c.parent, c.parent.isEmpty() ? QString() : c.role,
                                  m_workstation.id}; // without an id, a workstation records as before
    QList<NewEvent> accepted{events::encode(terms, c.actor)};
    if (exits)
        accepted << brackets::encode(brackets::Placement{orderId, c.account, instrument, c.quantity, *exits, m_workstation.id}, c.actor);
    return accepted;
}

// To the venue, as recorded (the acceptance is applied before anything goes out). What it answers
// while it takes the order (a simulated venue: at once) is booked after, an acknowledgement and the
// fill right behind it in one append (one commit).
void OrderManager::route(const QString &orderId)
{
    const OrderRecord *recorded = m_state.order(orderId);
    if (!recorded)
        return;
    const VenueOrder v = venueOrderFor(*recorded);
    QList<ExecutionReport> answeredBefore = std::exchange(m_answeredAtOnce, {});
    const bool nested = std::exchange(m_venueAnswering, true);
    m_venue.submit(v);
    m_venueAnswering = nested;
    if (!nested)
        bookAnsweredAtOnce(std::exchange(m_answeredAtOnce, std::move(answeredBefore)));
    else
        m_answeredAtOnce = answeredBefore + m_answeredAtOnce;
}

CommandOutcome OrderManager::submitOrder(const NewOrderCommand &c, const QString &approvedBy)
{
    const QString orderId = c.clientOrderId.trimmed();
    const events::TypedOrder typed = typedCommand(c, orderId);

    const auto allowed = [](QChar ch) {
        const char16_t u = ch.unicode();
        return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'.' || u == u'_'
               || u == u':' || u == u'/' || u == u'-';
    };
    if (orderId.isEmpty() || orderId.size() > 64 || !std::all_of(orderId.cbegin(), orderId.cend(), allowed)) {
        CommandOutcome out;
        out.reason = QStringLiteral("a client order id is 1 to 64 letters, digits or . _ : / -");
        (void)record({}, {events::encode(events::CommandRefusal{orderId, QStringLiteral("new"), out.reason, typed}, c.actor)});
        return out;
    }

    // A repeat of a known order: the first outcome, whatever else changed since.
    if (const OrderRecord *known = m_state.order(orderId)) {
        const bool same = known->account == c.account && known->quantity.value() == c.quantity
                          && (known->instrument == c.instrument
                              || (m_reference.instrument(c.instrument) && m_reference.instrument(c.instrument)->id == known->instrument))
                          && events::toString(known->side) == c.side.trimmed().toLower();
        if (same)
            return outcomeFor(orderId, true);
        return refuse(orderId, c.account, QStringLiteral("new"),
                      QStringLiteral("client order id %1 is already used by a different order").arg(orderId), c.actor);
    }

    if (m_storeHalt)
        return refuseWhileHalted(orderId);

    // Waiting for, or refused by, a second person: the request's outcome until it is decided.
    if (const ApprovalRequest *waiting = m_state.approval(orderId); waiting && approvedBy.isEmpty())
        return approvalOutcome(*waiting);

    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const CheckedOrder checked = check(c.terms(approvedBy));
        QString reason = checked.reason, stage = checked.stage;
        const Instrument *instrument = checked.instrument;
        const AccountRecord *account = m_state.account(c.account);
        // What only the order manager knows: the bracket an exit belongs to, a bracket's terms.
        std::optional<BracketExits> exits;
        if (checked.valid())
            if (const QString own = bracketCheck(c, orderId, checked, exits); !own.isEmpty()) {
                reason = own;
                stage = QStringLiteral("validation");
            }
        // The rules' findings go with the outcome once the order got as far as the rules.
        const QList<Violation> violations = checked.rulesChecked && stage != u"validation" ? checked.violations : QList<Violation>{};
        const QList<Violation> &needApproval = checked.needApproval;
        const QJsonArray &overrides = checked.overrides;

        if (reason.isEmpty() && !needApproval.isEmpty()) {
            if (c.bracket) {
                reason = QStringLiteral("a bracket cannot wait for approval: send the entry alone, then add its exits");
                stage = QStringLiteral("compliance");
            } else {
                auto requested = requestApproval(c, orderId, *instrument, overrides, needApproval);
                if (!requested && requested.code() == ErrorCode::Conflict)
                    continue;
                if (!requested) {
                    CommandOutcome out;
                    out.orderId = orderId;
                    out.reason = QStringLiteral("not recorded: %1").arg(requested.message());
                    return out;
                }
                return approvalOutcome(*m_state.approval(orderId));
            }
        }

        CommandOutcome out;
        out.orderId = orderId;
        out.violations = violations;
        if (instrument && !m_state.isListed(instrument->id))
            listOnFirstUse(*instrument, orderId, c.actor);
        Result<AppendResult> written = makeError(ErrorCode::Io, {});
        if (!reason.isEmpty()) {
            written = record(account ? c.account : QString(), {rejectedEvent(typed, checked, reason, stage, violations, c.actor, orderId)},
                             QStringLiteral("order:") + orderId);
            out.reason = reason;
        } else {
            written = record(c.account, acceptedEvents(c, orderId, checked, exits), QStringLiteral("order:") + orderId);
        }
        if (!written) {
            if (written.code() == ErrorCode::Conflict)
                continue; // the account moved on: decide again with what we now know
            if (written.code() == ErrorCode::IdempotencyMismatch && m_state.order(orderId))
                return outcomeFor(orderId, true); // another workstation took this id first
            out.accepted = false;
            out.reason = QStringLiteral("not recorded: %1").arg(written.message());
            return out;
        }
        if (written->duplicate)
            return outcomeFor(orderId, true);
        Q_EMIT orderChanged(orderId);
        if (!reason.isEmpty())
            return outcomeFor(orderId, false);

        route(orderId);
        CommandOutcome done = outcomeFor(orderId, false);
        done.violations = violations;
        return done;
    }
    CommandOutcome out;
    out.orderId = orderId;
    out.reason = QStringLiteral("the account kept changing; try again");
    return out;
}

// The store keeps the definition of every instrument it has orders for: years later, the order
// still names the instrument as it was (and a matured one is still known).
void OrderManager::listOnFirstUse(const Instrument &instrument, const QString &orderId, const Actor &actor)
{
    AppendRequest request;
    request.streamId = listings::Stream;
    request.events = {listings::listedEvent(instrument, QStringLiteral("first used by order %1").arg(orderId), actor)};
    request.idempotencyKey = QStringLiteral("listed:") + instrument.id; // once per store, whoever writes first
    auto r = append(std::move(request));
    if (!r) {
        if (r.code() == ErrorCode::IdempotencyMismatch) // listed already, by another workstation or an import
            (void)catchUp(listings::Stream);
        return; // the order does not wait for its instrument's record
    }
    for (const RecordedEvent &e : std::as_const(r->recorded))
        (void)applyOnce(e);
    if (r->duplicate)
        (void)catchUp(listings::Stream);
}

CommandOutcome OrderManager::cancel(const QString &orderIdRef, const Actor &actor)
{
    // A copy: the caller's string may live in a record that recording replaces (a bracket's
    // child order), and would be freed under this call.
    const QString orderId = orderIdRef;
    if (m_storeHalt) // the order stays as the venue has it: a cancel not recorded is not sent
        return refuseWhileHalted(orderId);
    if (const ApprovalRequest *waiting = m_state.approval(orderId); waiting && waiting->waiting() && !m_state.order(orderId))
        return decideApproval(approvals::Withdrawn, orderId, QStringLiteral("cancelled before approval"), actor);
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const OrderRecord *o = m_state.order(orderId);
        if (!o)
            return refuse(orderId, {}, QStringLiteral("cancel"), QStringLiteral("unknown order %1").arg(orderId), actor);
        if (!isOwnWork(*o))
            return refuse(orderId, o->account, QStringLiteral("cancel"), notOurs(*o), actor);
        if (!OrderStateMachine::allowed(o->state, OrderEventKind::RequestCancel))
            return refuse(orderId, o->account, QStringLiteral("cancel"),
                          QStringLiteral("order %1 is %2: it cannot be cancelled").arg(orderId, stateName(o->state)), actor);
        auto r = record(o->account, {events::encode(events::CancelRequest{orderId}, actor)});
        if (!r && r.code() == ErrorCode::Conflict)
            continue;
        if (!r)
            return refuse(orderId, o->account, QStringLiteral("cancel"), r.message(), actor);
        Q_EMIT orderChanged(orderId);
        m_venue.cancel(orderId);
        return outcomeFor(orderId, false);
    }
    return refuse(orderId, {}, QStringLiteral("cancel"), QStringLiteral("the account kept changing; try again"), actor);
}

CommandOutcome OrderManager::replace(const QString &orderIdRef, std::optional<qint64> quantity, const QString &limitText,
                                     const Actor &actor)
{
    const QString orderId = orderIdRef; // a copy, as in cancel()
    if (m_storeHalt)
        return refuseWhileHalted(orderId);
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const OrderRecord *o = m_state.order(orderId);
        if (!o)
            return refuse(orderId, {}, QStringLiteral("replace"), QStringLiteral("unknown order %1").arg(orderId), actor);
        if (!isOwnWork(*o))
            return refuse(orderId, o->account, QStringLiteral("replace"), notOurs(*o), actor);
        const Instrument *instrument = m_reference.instrument(o->instrument);
        if (!OrderStateMachine::allowed(o->state, OrderEventKind::RequestReplace) || !instrument)
            return refuse(orderId, o->account, QStringLiteral("replace"),
                          QStringLiteral("order %1 is %2: it cannot be replaced").arg(orderId, stateName(o->state)), actor);
        OrderRecord next = *o;
        if (quantity) {
            if (*quantity <= o->filled.value())
                return refuse(orderId, o->account, QStringLiteral("replace"),
                              QStringLiteral("the new quantity %L1 must be above the %L2 already filled").arg(*quantity).arg(o->filled.value()), actor);
            if (*quantity % instrument->lotSize != 0 || *quantity > MaxOrderQuantity)
                return refuse(orderId, o->account, QStringLiteral("replace"),
                              QStringLiteral("quantity %L1 is not a multiple of the %L2 lot").arg(*quantity).arg(instrument->lotSize), actor);
            next.pendingQuantity = Quantity(*quantity);
        } else {
            next.pendingQuantity = o->quantity;
        }
        if (!limitText.trimmed().isEmpty()) {
            if (!o->limitPrice)
                return refuse(orderId, o->account, QStringLiteral("replace"), QStringLiteral("a %1 order has no limit price to change").arg(events::toString(o->type)), actor);
            auto p = instrument->parsePrice(limitText);
            if (!p || *p <= Price(0) || !instrument->onTick(*p))
                return refuse(orderId, o->account, QStringLiteral("replace"),
                              p ? QStringLiteral("limit %1 is not a positive price on a tick of %2").arg(limitText, instrument->formatPrice(Price(instrument->tickSize)))
                                : p.message(), actor);
            next.pendingLimitPrice = *p;
        } else {
            next.pendingLimitPrice = o->limitPrice;
        }
        if (*next.pendingQuantity == o->quantity && next.pendingLimitPrice == o->limitPrice)
            return refuse(orderId, o->account, QStringLiteral("replace"), QStringLiteral("nothing to change"), actor);
        if (const QString why = bracketChildRefusal(*o, next); !why.isEmpty())
            return refuse(orderId, o->account, QStringLiteral("replace"), why, actor);
        const qint64 reservation = reservationFor(next, o->filled);
        const AccountRecord *account = m_state.account(o->account);
        if (reservation - o->reservedCents > account->availableCents())
            return refuse(orderId, o->account, QStringLiteral("replace"),
                          QStringLiteral("insufficient buying power for the new terms: needs $%L1 more, $%L2 available")
                              .arg(double(reservation - o->reservedCents) / 100.0, 0, 'f', 2)
                              .arg(double(account->availableCents()) / 100.0, 0, 'f', 2), actor);
        if (o->side == Side::Sell && next.pendingQuantity->value() - o->quantity.value() > m_state.sellableQuantity(o->account, o->instrument))
            return refuse(orderId, o->account, QStringLiteral("replace"), QStringLiteral("cannot sell more than the position"), actor);
        auto r = record(o->account, {events::encode(events::Replacement{events::Replacement::Stage::Requested, orderId,
                                                                        next.pendingQuantity->value(), next.pendingLimitPrice,
                                                                        reservation},
                                                    actor)});
        if (!r && r.code() == ErrorCode::Conflict)
            continue;
        if (!r)
            return refuse(orderId, o->account, QStringLiteral("replace"), r.message(), actor);
        Q_EMIT orderChanged(orderId);
        const OrderRecord *now = m_state.order(orderId);
        m_venue.replace(orderId, now->pendingLimitPrice, *now->pendingQuantity);
        return outcomeFor(orderId, false);
    }
    return refuse(orderId, {}, QStringLiteral("replace"), QStringLiteral("the account kept changing; try again"), actor);
}

// A bracket's take-profit and exits are sized by the bracket (what its entry bought and its exits
// have not sold) and priced by its terms: they change by amending the bracket. A take-profit sized
// up here would sell more than the bracket bought.
QString OrderManager::bracketChildRefusal(const OrderRecord &order, const OrderRecord &next) const
{
    if (order.parent.isEmpty())
        return {};
    const BracketRecord *bracket = m_state.brackets().bracket(order.parent);
    const bool takeProfit = bracket && bracket->takeProfitOrders.contains(order.orderId);
    const QString role = takeProfit ? QStringLiteral("take-profit") : QStringLiteral("exit");
    if (next.pendingQuantity != order.quantity)
        return QStringLiteral("order %1 is bracket %2's %3: its quantity follows the position "
                              "(amend or exit the bracket instead)")
            .arg(order.orderId, order.parent, role);
    if (next.pendingLimitPrice != order.limitPrice && (!bracket || next.pendingLimitPrice != bracket->exits.takeProfit))
        return QStringLiteral("order %1 is bracket %2's %3: its price is the bracket's (amend the bracket instead)")
            .arg(order.orderId, order.parent, role);
    return {};
}

Status OrderManager::openAccount(const QString &account, qint64 cashCents, const Actor &actor)
{
    if (account.isEmpty() || cashCents < 0 || cashCents > TradingState::MaxAmount)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("an account needs an id and cash from $0 to $%L1")
                                                         .arg(TradingState::MaxAmount / 100));
    auto r = record(account, {events::encode(events::AccountOpening{account, cashCents}, actor)},
                    QStringLiteral("account-open:") + account);
    if (!r)
        return r.error();
    return Done{};
}

Status OrderManager::setRules(const QJsonArray &rulesJson, const Actor &actor)
{
    auto parsed = ComplianceEngine::parseRules(rulesJson);
    if (!parsed)
        return parsed.error();
    QJsonArray normalised;
    for (const ComplianceRule &r : std::as_const(*parsed))
        normalised.append(r.toJson());
    AppendRequest request;
    request.streamId = events::complianceStream();
    request.events = {events::encode(events::RulesChange{normalised}, actor)};
    auto result = append(std::move(request));
    if (!result)
        return result.error();
    for (const RecordedEvent &e : std::as_const(result->recorded))
        (void)applyOnce(e);
    Q_EMIT recorded(result->recorded);
    return Done{};
}

Status OrderManager::setKillSwitch(KillSwitch mode, const QString &reason, const Actor &actor)
{
    AppendRequest request;
    request.streamId = events::complianceStream();
    request.events = {events::encode(events::KillSwitchChange{toString(mode), reason}, actor)};
    auto result = append(std::move(request));
    if (!result)
        return result.error();
    for (const RecordedEvent &e : std::as_const(result->recorded))
        (void)applyOnce(e);
    Q_EMIT recorded(result->recorded);
    return Done{};
}


} // namespace instant
