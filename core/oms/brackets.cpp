#include "oms/brackets.h"
#include "oms/bracketevents.h"

#include "common/clock.h"
#include "events/payload.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "venue/venue.h"

#include <QJsonArray>

#include <algorithm>

namespace instant {
namespace {

constexpr int MaxTakeProfitAttempts = 5; // a take-profit the venue keeps refusing is given up
constexpr int MaxExitAttempts = 5;       // a market exit that keeps leaving quantity is reported
constexpr qint64 MaxExitDelaySeconds = 366LL * 24 * 3600;
const Actor MonitorActor{QStringLiteral("bracket-monitor"), QStringLiteral("system")};

using events::priceValue;

std::optional<Price> priceOf(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    return Price(v.toInteger());
}

qint64 integerOf(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}

QString textOf(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QStringList textsOf(const QJsonObject &o, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : o.value(QLatin1String(key)).toArray())
        out << v.toString();
    return out;
}

BracketPhase phaseFromName(const QString &name)
{
    for (BracketPhase p : {BracketPhase::Entry, BracketPhase::Armed, BracketPhase::Exiting, BracketPhase::Closed})
        if (phaseName(p) == name)
            return p;
    return BracketPhase::Closed;
}

// The amounts an event may carry (as TradingState checks them): beyond is an anomaly.
bool isAmount(const std::optional<Price> &p)
{
    return !p || (p->value() > 0 && p->value() <= (qint64(1) << 53));
}

} // namespace

QString phaseName(BracketPhase phase)
{
    switch (phase) {
    case BracketPhase::Entry: return QStringLiteral("entry");
    case BracketPhase::Armed: return QStringLiteral("armed");
    case BracketPhase::Exiting: return QStringLiteral("exiting");
    case BracketPhase::Closed: return QStringLiteral("closed");
    }
    return {};
}

QJsonObject BracketExits::toJson() const
{
    return {{QStringLiteral("stop_loss"), priceValue(stopLoss)},
            {QStringLiteral("trail_by"), priceValue(trailBy)},
            {QStringLiteral("take_profit"), priceValue(takeProfit)},
            {QStringLiteral("exit_at_us"), exitAtUs}};
}

template <class Json>
BracketExits BracketExits::read(const Json &p)
{
    BracketExits e;
    e.stopLoss = priceOf(p, "stop_loss");
    e.trailBy = priceOf(p, "trail_by");
    e.takeProfit = priceOf(p, "take_profit");
    e.exitAtUs = integerOf(p, "exit_at_us");
    return e;
}

std::optional<Price> stopLevel(const BracketExits &exits, std::optional<Price> high, qint64 tickSize)
{
    std::optional<Price> stop = exits.stopLoss;
    if (exits.trailBy && high) {
        qint64 trailed = high->value() - exits.trailBy->value();
        if (tickSize > 1)
            trailed -= ((trailed % tickSize) + tickSize) % tickSize; // down to a tick
        if (trailed > 0 && (!stop || Price(trailed) > *stop))
            stop = Price(trailed);
    }
    return stop;
}

Result<BracketExits> parseBracketTerms(const Instrument &instrument, const BracketTerms &terms, Price reference,
                                       TimestampUs nowUs)
{
    if (terms.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a bracket needs a stop-loss, a trailing stop, a take-profit or an exit time"));
    BracketExits exits;
    auto price = [&](const QString &text, const char *what) -> Result<std::optional<Price>> {
        if (text.trimmed().isEmpty())
            return std::optional<Price>();
        auto p = instrument.parsePrice(text);
        if (!p)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(QLatin1String(what), p.message()));
        if (*p <= Price(0) || p->value() > (qint64(1) << 53))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 must be a positive price").arg(QLatin1String(what)));
        if (!instrument.onTick(*p))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 %2 is not on a tick of %3 (tick %4)")
                                                             .arg(QLatin1String(what), text, instrument.symbol,
                                                                  instrument.formatPrice(Price(instrument.tickSize))));
        return std::optional<Price>(*p);
    };
    auto stop = price(terms.stopLoss, "stop-loss");
    if (!stop)
        return stop.error();
    auto trail = price(terms.trailBy, "trailing distance");
    if (!trail)
        return trail.error();
    auto target = price(terms.takeProfit, "take-profit");
    if (!target)
        return target.error();
    exits.stopLoss = *stop;
    exits.trailBy = *trail;
    exits.takeProfit = *target;
    if (exits.stopLoss && *exits.stopLoss >= reference)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the stop-loss %1 must be below %2")
                                                         .arg(instrument.formatPrice(*exits.stopLoss), instrument.formatPrice(reference)));
    if (exits.trailBy && *exits.trailBy >= reference)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the trailing distance %1 must be smaller than the price %2")
                                                         .arg(instrument.formatPrice(*exits.trailBy), instrument.formatPrice(reference)));
    if (exits.takeProfit && *exits.takeProfit <= reference)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the take-profit %1 must be above %2")
                                                         .arg(instrument.formatPrice(*exits.takeProfit), instrument.formatPrice(reference)));
    if (terms.exitAfterSeconds < 0 || terms.exitAfterSeconds > MaxExitDelaySeconds)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("an exit after %1 seconds is not within a year").arg(terms.exitAfterSeconds));
    exits.exitAtUs = terms.exitAfterSeconds > 0 ? nowUs + terms.exitAfterSeconds * 1'000'000 : terms.exitAtUs;
    if (exits.exitAtUs != 0 && (exits.exitAtUs <= nowUs || exits.exitAtUs > nowUs + MaxExitDelaySeconds * 1'000'000))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the exit time must be in the coming year, after now (%1)")
                                                         .arg(formatUtcMicros(nowUs).left(19)));
    return exits;
}

// ---- the projection ----

QJsonObject BracketRecord::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("account"), account.text()},
                  {QStringLiteral("instrument"), instrument.text()},
                  {QStringLiteral("quantity"), quantity},
                  {QStringLiteral("exits"), exits.toJson()},
                  {QStringLiteral("stop"), priceValue(stop)},
                  {QStringLiteral("high"), priceValue(high)},
                  {QStringLiteral("phase"), phaseName(phase)},
                  {QStringLiteral("trigger"), trigger.text()},
                  {QStringLiteral("outcome"), outcome.text()},
                  {QStringLiteral("take_profit_orders"), QJsonArray::fromStringList(takeProfitOrders)},
                  {QStringLiteral("exit_orders"), QJsonArray::fromStringList(exitOrders)},
                  {QStringLiteral("created_us"), createdUs},
                  {QStringLiteral("updated_us"), updatedUs},
                  {QStringLiteral("last_sequence"), lastSequence}};
    // Only when known: snapshots of brackets placed before workstations had an id keep their bytes.
    if (!workstation.isEmpty())
        o.insert(QStringLiteral("workstation"), workstation.text());
    return o;
}

BracketRecord BracketRecord::fromJson(const QJsonObject &o)
{
    BracketRecord b;
    b.id = textOf(o, "id");
    b.account = textOf(o, "account");
    b.instrument = textOf(o, "instrument");
    b.quantity = integerOf(o, "quantity");
    b.exits = BracketExits::read(o.value(QStringLiteral("exits")).toObject());
    b.stop = priceOf(o, "stop");
    b.high = priceOf(o, "high");
    b.phase = phaseFromName(textOf(o, "phase"));
    b.trigger = textOf(o, "trigger");
    b.outcome = textOf(o, "outcome");
    b.takeProfitOrders = textsOf(o, "take_profit_orders");
    b.exitOrders = textsOf(o, "exit_orders");
    b.createdUs = integerOf(o, "created_us");
    b.updatedUs = integerOf(o, "updated_us");
    b.lastSequence = integerOf(o, "last_sequence");
    b.workstation = textOf(o, "workstation");
    return b;
}

Status BracketBook::apply(const QString &type, const Payload &p, const RecordedEvent &event)
{
    if (type == events::BracketPlaced)
        return place(brackets::decodePlacement(p), event);
    const QString id = p.str("bracket_id");
    auto anomaly = [&](const QString &what) {
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2): %3").arg(event.sequence).arg(type, what));
    };
    auto it = m_brackets.find(id);
    if (it == m_brackets.end())
        return anomaly(QStringLiteral("unknown bracket %1").arg(id));
    BracketRecord &b = *it;
    if (b.phase == BracketPhase::Closed)
        return anomaly(QStringLiteral("bracket %1 is closed").arg(id));
    if (type == events::BracketArmed || type == events::BracketStopMoved) {
        const bool armed = type == events::BracketArmed;
        const brackets::StopLevel e = brackets::decodeStopLevel(p, armed ? brackets::StopLevel::Kind::Armed : brackets::StopLevel::Kind::Moved);
        if (!isAmount(e.stop) || !isAmount(e.high))
            return anomaly(QStringLiteral("an amount out of range"));
        if (armed) {
            if (b.phase != BracketPhase::Entry)
                return anomaly(QStringLiteral("bracket %1 armed twice").arg(id));
            b.phase = BracketPhase::Armed;
        }
        b.stop = e.stop;
        b.high = e.high;
    } else if (type == events::BracketAmended) {
        const brackets::Amendment e = brackets::decodeAmendment(p);
        if (!isAmount(e.exits.stopLoss) || !isAmount(e.exits.trailBy) || !isAmount(e.exits.takeProfit) || !isAmount(e.stop))
            return anomaly(QStringLiteral("an amount out of range"));
        b.exits = e.exits;
        b.stop = e.stop;
    } else if (type == events::BracketExitTriggered) {
        if (b.phase == BracketPhase::Exiting)
            return anomaly(QStringLiteral("bracket %1 triggered twice").arg(id));
        b.phase = BracketPhase::Exiting;
        b.trigger = brackets::decodeTrigger(p).why;
    } else if (type == events::BracketClosed) {
        b.phase = BracketPhase::Closed;
        b.outcome = brackets::decodeClosing(p).outcome;
        m_open.remove(id);
    } else {
        return Done{}; // a newer event type: nothing this version knows to do
    }
    b.updatedUs = event.recordedUs;
    b.lastSequence = event.sequence;
    return Done{};
}

// BracketPlaced: a new bracket, waiting for its entry to fill.
Status BracketBook::place(const brackets::Placement &e, const RecordedEvent &event)
{
    if (e.bracketId.isEmpty() || m_brackets.contains(e.bracketId))
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2): bracket %3 placed twice or without an id")
                                                   .arg(event.sequence).arg(event.type, e.bracketId));
    if (!isAmount(e.exits.stopLoss) || !isAmount(e.exits.trailBy) || !isAmount(e.exits.takeProfit))
        return makeError(ErrorCode::Integrity, QStringLiteral("event %1 (%2): an amount out of range").arg(event.sequence).arg(event.type));
    BracketRecord b;
    b.id = e.bracketId;
    b.workstation = e.workstation;
    b.account = e.account;
    b.instrument = e.instrument;
    b.quantity = e.quantity;
    b.exits = e.exits;
    b.stop = b.exits.stopLoss;
    b.createdUs = b.updatedUs = event.recordedUs;
    b.lastSequence = event.sequence;
    m_brackets.insert(b.id, b);
    m_open.insert(b.id);
    return Done{};
}

Status BracketBook::applyChild(const QString &parent, const QString &role, const QString &orderId, const RecordedEvent &event)
{
    auto it = m_brackets.find(parent);
    if (it == m_brackets.end())
        return makeError(ErrorCode::Integrity, QStringLiteral("order %1 names an unknown bracket %2").arg(orderId, parent));
    (role == u"take-profit" ? it->takeProfitOrders : it->exitOrders).append(orderId);
    it->updatedUs = event.recordedUs;
    it->lastSequence = event.sequence;
    return Done{};
}

const BracketRecord *BracketBook::bracket(const QString &id) const
{
    auto it = m_brackets.constFind(id);
    return it == m_brackets.cend() ? nullptr : &*it;
}

QList<QString> BracketBook::open() const
{
    QList<QString> ids(m_open.cbegin(), m_open.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

QJsonArray BracketBook::toJson() const
{
    QStringList ids = m_brackets.keys();
    ids.sort();
    QJsonArray out;
    for (const QString &id : std::as_const(ids))
        out.append(m_brackets.value(id).toJson());
    return out;
}

BracketBook BracketBook::fromJson(const QJsonArray &array)
{
    BracketBook book;
    for (const QJsonValue &v : array)
        book.restore(BracketRecord::fromJson(v.toObject()));
    return book;
}

void BracketBook::restore(BracketRecord b)
{
    if (b.isOpen())
        m_open.insert(b.id);
    const QString id = b.id;
    m_brackets.insert(id, std::move(b));
}

// ---- the workflow ----

BracketMonitor::BracketMonitor(OrderManager &oms, const ReferenceData &reference, QObject *parent)
    : QObject(parent), m_oms(oms), m_reference(reference)
{
}

bool BracketMonitor::isOwn(const BracketRecord &b) const
{
    return m_oms.state().isOwnWork(b, m_oms.workstation());
}

std::optional<QString> BracketMonitor::othersBracket(const BracketRecord &b) const
{
    if (isOwn(b))
        return std::nullopt;
    const OrderRecord *entry = m_oms.state().order(b.id);
    const QString owner = !b.workstation.isEmpty() ? QStringLiteral("workstation %1").arg(b.workstation)
                                                   : QStringLiteral("%1's workstation").arg(entry ? entry->actor.text() : QStringLiteral("its user"));
    return QStringLiteral("bracket %1 is worked by %2, which placed it: change it there").arg(b.id, owner);
}

void BracketMonitor::touch(const QString &id)
{
    if (!m_working)
        return; // not resumed: a read-only session shows brackets, it never works them
    const BracketRecord *b = m_oms.state().brackets().bracket(id);
    if (!b || !isOwn(*b))
        return; // another workstation's: its orders rest at that one's venue, only it works them
    m_dirty.insert(id);
    if (m_scheduled || !m_queued)
        return;
    m_scheduled = true;
    // Never from inside the venue's callback: a step may send an order to the same venue.
    QMetaObject::invokeMethod(this, &BracketMonitor::processPending, Qt::QueuedConnection);
}

void BracketMonitor::resume()
{
    m_working = true;
    const BracketBook &book = m_oms.state().brackets();
    for (const QString &id : book.open())
        touch(id);
    // A bracket the trader stopped just before a crash may still have orders working.
    for (const BracketRecord &b : book.all())
        if (!b.isOpen() && b.outcome == u"cancelled" && isOwn(b))
            for (const QString &child : QStringList{b.id, b.currentTakeProfit()})
                if (const OrderRecord *o = m_oms.state().order(child); o && OrderStateMachine::allowed(o->state, OrderEventKind::RequestCancel))
                    (void)m_oms.cancel(child, MonitorActor);
}

void BracketMonitor::onTrade(const TradePrint &trade)
{
    if (!m_working)
        return;
    bool watched = false;
    const BracketBook &book = m_oms.state().brackets();
    for (const QString &id : book.open())
        if (const BracketRecord *b = book.bracket(id); b && b->instrument == trade.instrument && b->phase != BracketPhase::Closed) {
            watched = true;
            touch(id);
        }
    if (watched) {
        QList<Price> &prices = m_trades[trade.instrument];
        if (prices.size() < 10'000)
            prices.append(trade.price);
    }
}

void BracketMonitor::onClock(TimestampUs nowUs)
{
    m_nowUs = nowUs;
    const BracketBook &book = m_oms.state().brackets();
    for (const QString &id : book.open())
        if (const BracketRecord *b = book.bracket(id); b && b->exits.exitAtUs != 0 && nowUs >= b->exits.exitAtUs)
            touch(id);
}

void BracketMonitor::onOrderChanged(const QString &orderId)
{
    const TradingState &state = m_oms.state();
    const OrderRecord *o = state.order(orderId);
    if (!o)
        return;
    const QString id = o->parent.isEmpty() ? orderId : o->parent.text();
    if (!o->parent.isEmpty() && o->state == OrderState::Rejected)
        Q_EMIT problem(tr("Bracket %1: %2 refused: %3").arg(o->parent, orderId, o->reason));
    if (state.brackets().bracket(id))
        touch(id);
}

void BracketMonitor::processPending()
{
    m_scheduled = false;
    if (m_dirty.isEmpty() || m_oms.storeHalt())
        return; // halted by the store: the brackets wait, and are worked once trading resumes
    QList<QString> ids(m_dirty.cbegin(), m_dirty.cend());
    std::sort(ids.begin(), ids.end());
    m_dirty.clear();
    for (const QString &id : std::as_const(ids))
        advance(id);
    m_trades.clear(); // every open bracket on these instruments has seen them
    if (!ids.isEmpty())
        for (const QString &id : std::as_const(ids))
            Q_EMIT bracketChanged(id);
}

bool BracketMonitor::record(const BracketRecord &b, const NewEvent &e, const QString &key)
{
    // Copies: `b` lives in the state, which a conflict's catch-up changes under this call.
    const QString id = b.id, account = b.account;
    const QString type = e.type;
    auto r = m_oms.recordOnAccount(account, {e}, key);
    if (!r) {
        if (r.code() == ErrorCode::Conflict)
            touch(id); // another writer moved the account on: decide again with what it wrote
        else if (!m_oms.storeHalt()) // a halt is said once, by the order manager
            qWarning("instant: bracket %s: cannot record %s: %s", qPrintable(id), qPrintable(type), qPrintable(r.message()));
        return false;
    }
    return !r->duplicate;
}

qint64 BracketMonitor::heldQuantity(const BracketRecord &b) const
{
    const TradingState &state = m_oms.state();
    const OrderRecord *entry = state.order(b.id);
    qint64 held = entry ? entry->filled.value() : 0;
    for (const QStringList *children : {&b.takeProfitOrders, &b.exitOrders})
        for (const QString &child : *children)
            if (const OrderRecord *o = state.order(child))
                held -= o->filled.value();
    return std::max<qint64>(0, held);
}

void BracketMonitor::trigger(const BracketRecord &b, const QString &why, std::optional<Price> price, const Actor &actor)
{
    const Instrument *instrument = m_reference.instrument(b.instrument);
    const brackets::Trigger t{b.id, why, price, instrument && price ? instrument->formatPrice(*price) : QString(), b.stop, heldQuantity(b)};
    // Keyed: the trigger is recorded once, however often the step is retried.
    record(b, brackets::encode(t, actor), QStringLiteral("bracket-exit:") + b.id);
}

void BracketMonitor::close(const BracketRecord &b, const QString &outcome, const QString &reason)
{
    record(b, brackets::encode(brackets::Closing{b.id, outcome, reason, heldQuantity(b)}, MonitorActor),
           QStringLiteral("bracket-close:") + b.id);
}

void BracketMonitor::advance(const QString &id)
{
    const TradingState &state = m_oms.state();
    auto current = [&]() { return state.brackets().bracket(id); };
    const BracketRecord *b = current();
    if (!b || !b->isOpen())
        return;
    const OrderRecord *entry = state.order(b->id);
    const Instrument *instrument = m_reference.instrument(b->instrument);
    if (!entry || !instrument)
        return;
    const TimestampUs now = std::max(m_nowUs, m_oms.venueTimeUs());
    const bool timeUp = b->exits.exitAtUs != 0 && now >= b->exits.exitAtUs;

    // 1. Armed by the entry's first fill; an entry that ends with nothing bought closes it.
    if (b->phase == BracketPhase::Entry) {
        if (entry->filled.value() > 0) {
            // The high-water mark starts at the price paid (on a tick, rounded down).
            qint64 paid = qint64(entry->averagePriceUnits());
            paid -= paid % std::max<qint64>(1, instrument->tickSize);
            const std::optional<Price> high = Price(paid);
            const brackets::StopLevel armed{brackets::StopLevel::Kind::Armed, b->id, stopLevel(b->exits, high, instrument->tickSize),
                                            high, entry->filled.value()};
            record(*b, brackets::encode(armed, MonitorActor), QStringLiteral("bracket-armed:") + b->id);
            b = current();
        } else if (isTerminal(entry->state)) {
            close(*b, QStringLiteral("entry not filled"), entry->reason.isEmpty() ? stateName(entry->state) : entry->reason.text());
            return;
        } else if (timeUp) {
            trigger(*b, QStringLiteral("time"), std::nullopt, MonitorActor);
            b = current();
        } else {
            return;
        }
    }

    // 2. While armed: trades move a trailing stop and fire the stop; the clock fires a time exit.
    if (b->phase == BracketPhase::Armed) {
        std::optional<Price> stop = b->stop, high = b->high;
        std::optional<Price> fired;
        for (const Price &price : m_trades.value(b->instrument)) {
            if (b->exits.trailBy && (!high || price > *high)) {
                high = price;
                stop = stopLevel(b->exits, high, instrument->tickSize);
            }
            if (stop && price <= *stop) {
                fired = price;
                break;
            }
        }
        if (stop != b->stop || (high != b->high && b->exits.trailBy)) {
            record(*b, brackets::encode(brackets::StopLevel{brackets::StopLevel::Kind::Moved, b->id, stop, high, 0}, MonitorActor));
            b = current();
        }
        if (fired)
            trigger(*b, b->exits.trailBy && b->stop != b->exits.stopLoss ? QStringLiteral("trailing-stop") : QStringLiteral("stop"), fired,
                    MonitorActor);
        else if (timeUp)
            trigger(*b, QStringLiteral("time"), std::nullopt, MonitorActor);
        b = current();
    }

    entry = state.order(b->id);
    const OrderRecord *takeProfit = state.order(b->currentTakeProfit());
    const qint64 held = heldQuantity(*b);

    // 3. Armed: the take-profit rests at the venue once the entry is done, for what is held.
    if (b->phase == BracketPhase::Armed) {
        if (!isTerminal(entry->state))
            return; // the stop protects what is filled; the take-profit waits for the whole entry
        if (held == 0) {
            close(*b, b->takeProfitOrders.isEmpty() ? QStringLiteral("position sold") : QStringLiteral("take-profit"),
                  QStringLiteral("nothing left of the position"));
            return;
        }
        const bool working = takeProfit && !isTerminal(takeProfit->state);
        if (!b->exits.takeProfit) {
            if (working && OrderStateMachine::allowed(takeProfit->state, OrderEventKind::RequestCancel))
                (void)m_oms.cancel(takeProfit->orderId, MonitorActor); // the trader took the take-profit off
            return;
        }
        if (working) {
            if (takeProfit->limitPrice != b->exits.takeProfit && takeProfit->state != OrderState::PendingReplace
                && takeProfit->state != OrderState::PendingCancel)
                (void)m_oms.replace(takeProfit->orderId, std::nullopt, instrument->formatPrice(*b->exits.takeProfit), MonitorActor);
            return;
        }
        if (takeProfit && takeProfit->state == OrderState::Rejected)
            return; // refused (compliance, the venue): not sent again; the stop still protects, the trader decides
        if (b->takeProfitOrders.size() >= MaxTakeProfitAttempts)
            return; // shown on the bracket: the trader decides
        const qint64 quantity = std::min(held, state.sellableQuantity(b->account, b->instrument));
        if (quantity <= 0)
            return;
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("%1.TP%2").arg(b->id).arg(b->takeProfitOrders.size() + 1);
        c.account = b->account;
        c.instrument = b->instrument;
        c.side = QStringLiteral("sell");
        c.type = QStringLiteral("limit");
        c.timeInForce = QStringLiteral("gtc");
        c.quantity = quantity;
        c.limitPrice = instrument->formatPrice(*b->exits.takeProfit);
        c.parent = b->id;
        c.role = QStringLiteral("take-profit");
        c.actor = MonitorActor;
        (void)m_oms.submit(c);
        return;
    }

    // 4. Exiting: the entry's rest and the take-profit are cancelled first (one cancels the
    // other), then what is still held goes out at the market.
    if (b->phase == BracketPhase::Exiting) {
        for (const OrderRecord *o : {entry, takeProfit}) {
            if (!o || isTerminal(o->state))
                continue;
            if (OrderStateMachine::allowed(o->state, OrderEventKind::RequestCancel))
                (void)m_oms.cancel(o->orderId, MonitorActor);
            return; // wait for the venue to confirm
        }
        if (held == 0) {
            qint64 exited = 0;
            for (const QString &child : b->exitOrders)
                if (const OrderRecord *o = state.order(child))
                    exited += o->filled.value();
            close(*b, entry->filled.value() == 0 ? QStringLiteral("entry not filled")
                      : exited > 0             ? b->trigger + QStringLiteral(" exit")
                                               : QStringLiteral("take-profit"),
                  QStringLiteral("nothing left of the position"));
            return;
        }
        const OrderRecord *exit = state.order(b->currentExit());
        if (exit && !isTerminal(exit->state))
            return;
        if (exit && exit->state == OrderState::Rejected) {
            // Refused (the kill switch, a rule): sending it again would be refused again. The
            // position is the trader's to handle, and they are told.
            close(*b, QStringLiteral("exit refused"), exit->reason);
            Q_EMIT problem(tr("Bracket %1: the exit order was refused (%2); %L3 still held").arg(b->id, exit->reason).arg(held));
            return;
        }
        const qint64 quantity = std::min(held, state.sellableQuantity(b->account, b->instrument));
        if (b->exitOrders.size() >= MaxExitAttempts || quantity <= 0) {
            close(*b, QStringLiteral("exit incomplete"),
                  quantity <= 0 ? QStringLiteral("%L1 still held but not available to sell (sold or offered elsewhere)").arg(held)
                                : QStringLiteral("%L1 still held after %2 exit orders").arg(held).arg(b->exitOrders.size()));
            return;
        }
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("%1.X%2").arg(b->id).arg(b->exitOrders.size() + 1);
        c.account = b->account;
        c.instrument = b->instrument;
        c.side = QStringLiteral("sell");
        c.type = QStringLiteral("market");
        c.timeInForce = QStringLiteral("day");
        c.quantity = quantity;
        c.parent = b->id;
        c.role = QStringLiteral("exit");
        c.actor = MonitorActor;
        (void)m_oms.submit(c);
    }
}

CommandOutcome BracketMonitor::amend(const QString &id, const BracketTerms &terms, const Actor &actor)
{
    CommandOutcome out;
    out.orderId = id;
    const BracketRecord *b = m_oms.state().brackets().bracket(id);
    const Instrument *instrument = b ? m_reference.instrument(b->instrument) : nullptr;
    if (!b || !instrument) {
        out.reason = QStringLiteral("unknown bracket %1").arg(id);
        return out;
    }
    if (auto theirs = othersBracket(*b)) {
        out.reason = *theirs;
        return out;
    }
    if (b->phase != BracketPhase::Entry && b->phase != BracketPhase::Armed) {
        out.reason = QStringLiteral("bracket %1 is %2: its exits cannot change now").arg(id, phaseName(b->phase));
        return out;
    }
    const OrderRecord *entry = m_oms.state().order(id);
    // New exits are checked against the market now (the entry's limit before anything filled).
    Price reference = m_oms.state().lastPrice(b->instrument).value_or(instrument->referencePrice);
    if (b->phase == BracketPhase::Entry && entry && entry->limitPrice)
        reference = *entry->limitPrice;
    auto exits = parseBracketTerms(*instrument, terms, reference, m_oms.venueTimeUs());
    if (!exits) {
        out.reason = exits.message();
        return out;
    }
    if (!record(*b, brackets::encode(brackets::Amendment{id, *exits, stopLevel(*exits, b->high, instrument->tickSize)}, actor))) {
        out.reason = QStringLiteral("not recorded; try again");
        return out;
    }
    out.accepted = true;
    touch(id);
    return out;
}

CommandOutcome BracketMonitor::exitNow(const QString &id, const Actor &actor)
{
    CommandOutcome out;
    out.orderId = id;
    const BracketRecord *b = m_oms.state().brackets().bracket(id);
    if (!b || (b->phase != BracketPhase::Entry && b->phase != BracketPhase::Armed)) {
        out.reason = b ? QStringLiteral("bracket %1 is %2").arg(id, phaseName(b->phase)) : QStringLiteral("unknown bracket %1").arg(id);
        return out;
    }
    if (auto theirs = othersBracket(*b)) {
        out.reason = *theirs;
        return out;
    }
    trigger(*b, QStringLiteral("trader"), m_oms.state().lastPrice(b->instrument), actor);
    out.accepted = true;
    touch(id);
    return out;
}

CommandOutcome BracketMonitor::cancel(const QString &id, const Actor &actor)
{
    CommandOutcome out;
    out.orderId = id;
    const BracketRecord *b = m_oms.state().brackets().bracket(id);
    if (!b || !b->isOpen()) {
        out.reason = b ? QStringLiteral("bracket %1 is closed").arg(id) : QStringLiteral("unknown bracket %1").arg(id);
        return out;
    }
    if (auto theirs = othersBracket(*b)) {
        out.reason = *theirs;
        return out;
    }
    if (b->phase == BracketPhase::Exiting) {
        out.reason = QStringLiteral("bracket %1 is already exiting").arg(id);
        return out;
    }
    const QStringList working{b->id, b->currentTakeProfit()};
    const brackets::Closing closing{id, QStringLiteral("cancelled"), QStringLiteral("stopped by the trader; the position stays as it is"),
                                    heldQuantity(*b)};
    if (!record(*b, brackets::encode(closing, actor), QStringLiteral("bracket-close:") + id)) {
        out.reason = QStringLiteral("not recorded; try again");
        return out;
    }
    for (const QString &child : working)
        if (const OrderRecord *o = m_oms.state().order(child); o && OrderStateMachine::allowed(o->state, OrderEventKind::RequestCancel))
            (void)m_oms.cancel(child, actor);
    out.accepted = true;
    Q_EMIT bracketChanged(id);
    return out;
}

} // namespace instant
