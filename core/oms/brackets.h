#pragma once

// Brackets: an entry order with its exits attached. A take-profit rests at the venue as a limit
// sell; the stop-loss (fixed or trailing) and the time exit are watched by the workstation, so
// that one exit is ever working for the position (no short sales: the position cannot be offered
// twice), and the exits are one-cancels-the-other by construction: the stop's exit order goes out
// only once the take-profit is no longer working, for what the take-profit did not sell.
//
// Every step is an event on the account's stream (BracketPlaced, BracketArmed, BracketStopMoved,
// BracketAmended, BracketExitTriggered, BracketClosed; child orders are OrderAccepted with a
// "parent"), so the workflow is rebuilt from the log after a restart and continues where it was.
// Child order ids are derived from the bracket (<entry>.TP<n>, <entry>.X<n>): a step done twice
// is one order (the OMS's idempotency), a trigger is recorded once.
//
// A bracket is the work of the workstation that placed it (recorded on BracketPlaced and on its
// entry's OrderAccepted): its orders rest at that workstation's venue session, so only its
// monitor works it. Another workstation on the desk's store shows it and never acts on it.

#include "common/name.h"
#include "common/result.h"
#include "common/types.h"
#include "events/event.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace instant {

class OrderManager;
struct Instrument;
class Payload;
class ReferenceData;
struct CommandOutcome;
struct TradePrint;

// Who a workstation is, so that it works only what it started: an id stable across restarts
// (kept in the workstation's settings; a demo run's comes from its seed), and who runs it.
struct WorkstationIdentity
{
    QString id;
    QString user;
    // Whether work recorded by `recordedBy` (a workstation's id, or empty) and entered by the user
    // `enteredBy` is this workstation's. Work recorded with an id belongs to that workstation
    // alone. Work recorded without one was entered before workstations had an identity (or by a
    // session without one): it belongs to the user who entered it, so each of that user's
    // workstations carries on with it after an upgrade, as before, and nobody else's touches it.
    // A session without an id (an OMS on its own: tests, tools) does all of that work, as before.
    bool owns(const QString &recordedBy, const QString &enteredBy) const
    {
        if (!recordedBy.isEmpty())
            return recordedBy == id;
        return id.isEmpty() || enteredBy == user;
    }
};

// What a trader attaches to an entry order, as typed (prices as the market writes them).
struct BracketTerms
{
    QString stopLoss;        // exit when the market trades at or below this price
    QString trailBy;         // a trailing stop: this far below the highest trade since the entry filled
    QString takeProfit;      // a resting limit sell at this price
    TimestampUs exitAtUs = 0;  // time exit: out at this time (venue clock), 0 for none
    qint64 exitAfterSeconds = 0; // or this long after the order is entered
    bool isEmpty() const
    {
        return stopLoss.trimmed().isEmpty() && trailBy.trimmed().isEmpty() && takeProfit.trimmed().isEmpty() && exitAtUs == 0
               && exitAfterSeconds == 0;
    }
};

// The exits as numbers, once validated.
struct BracketExits
{
    std::optional<Price> stopLoss;
    std::optional<Price> trailBy;
    std::optional<Price> takeProfit;
    TimestampUs exitAtUs = 0;
    QJsonObject toJson() const; // stop_loss, trail_by, take_profit, exit_at_us (null when absent)
    template <class Json>
    static BracketExits read(const Json &payload);
    bool operator==(const BracketExits &) const = default;
};

// Checks typed exits against the entry: a stop-loss and a trailing distance below `reference`
// (the entry's limit, or the market), a take-profit above it, prices on the instrument's tick,
// an exit time after `nowUs`. At least one exit. Entries are buys: brackets protect a long
// position (short sales are not allowed).
Result<BracketExits> parseBracketTerms(const Instrument &instrument, const BracketTerms &terms, Price reference,
                                       TimestampUs nowUs);
// The stop level for a high-water mark: the fixed stop, raised by the trailing stop.
std::optional<Price> stopLevel(const BracketExits &exits, std::optional<Price> high, qint64 tickSize);

enum class BracketPhase : quint8 {
    Entry,   // the entry order is working, nothing filled yet
    Armed,   // part or all of the entry filled: the exits protect what was bought
    Exiting, // a stop or the clock fired (or the trader asked): the position is being sold
    Closed,  // terminal: see outcome
};
QString phaseName(BracketPhase phase);

struct BracketRecord
{
    QString id; // the entry order's id
    Name workstation; // the workstation that placed it (empty: placed before workstations had an id)
    Name account;
    Name instrument;
    qint64 quantity = 0; // the entry's quantity
    BracketExits exits;
    std::optional<Price> stop; // the stop level now (a trailing stop moves it up)
    std::optional<Price> high; // the highest trade since the bracket was armed
    BracketPhase phase = BracketPhase::Entry;
    Name trigger; // what started the exit: stop, trailing-stop, time, trader
    Name outcome; // how it ended
    QStringList takeProfitOrders; // child orders, oldest first
    QStringList exitOrders;
    TimestampUs createdUs = 0;
    TimestampUs updatedUs = 0;
    Sequence lastSequence = 0;

    bool isOpen() const { return phase != BracketPhase::Closed; }
    QString currentTakeProfit() const { return takeProfitOrders.isEmpty() ? QString() : takeProfitOrders.last(); }
    QString currentExit() const { return exitOrders.isEmpty() ? QString() : exitOrders.last(); }
    QJsonObject toJson() const;
    static BracketRecord fromJson(const QJsonObject &o);
    bool operator==(const BracketRecord &) const = default;
};

namespace brackets {
struct Placement;
}

namespace events {
inline const QString BracketPlaced = QStringLiteral("BracketPlaced");
inline const QString BracketArmed = QStringLiteral("BracketArmed");
inline const QString BracketStopMoved = QStringLiteral("BracketStopMoved");
inline const QString BracketAmended = QStringLiteral("BracketAmended");
inline const QString BracketExitTriggered = QStringLiteral("BracketExitTriggered");
inline const QString BracketClosed = QStringLiteral("BracketClosed");
} // namespace events

// The brackets of a trading state, built only from events (part of TradingState: in its
// snapshots, replays and "as of" views).
class BracketBook
{
public:
    static bool isBracketEvent(const QString &type) { return type.startsWith(QLatin1String("Bracket")); }
    // A Bracket* event, or a child order accepted (OrderAccepted with a parent).
    Status apply(const QString &type, const Payload &payload, const RecordedEvent &event);
    Status place(const brackets::Placement &e, const RecordedEvent &event);
    Status applyChild(const QString &parent, const QString &role, const QString &orderId, const RecordedEvent &event);

    const BracketRecord *bracket(const QString &id) const;
    const QHash<QString, BracketRecord> &all() const { return m_brackets; }
    QList<QString> open() const; // sorted
    bool isEmpty() const { return m_brackets.isEmpty(); }
    QJsonArray toJson() const; // sorted by id
    static BracketBook fromJson(const QJsonArray &array);
    void restore(BracketRecord bracket); // one of a snapshot's brackets

private:
    QHash<QString, BracketRecord> m_brackets;
    QSet<QString> m_open;
};

// The workflow: arms brackets as entries fill, moves trailing stops, fires stops and time exits
// once, places the take-profit, keeps the exits one-cancels-the-other and closes the bracket
// when the position is gone. Runs on the OMS's thread; every decision is taken from the trading
// state and recorded before anything is sent, so after a restart resume() carries on.
class BracketMonitor : public QObject
{
    Q_OBJECT

public:
    BracketMonitor(OrderManager &oms, const ReferenceData &reference, QObject *parent = nullptr);

    // Continues every open bracket of this workstation (OrderManager::workstation(), after
    // OrderManager::start) and works them from then on; another workstation's brackets are
    // never worked here, nor changed by the trader's commands below. Until it is called the
    // monitor watches nothing and records nothing: a read-only (compliance) session never calls it.
    void resume();
    // Market data and the clock: trades fire stops and move trailing stops; time exits come due.
    void onTrade(const TradePrint &trade);
    void onClock(TimestampUs nowUs);
    // An order changed (a fill, a cancel): the bracket it belongs to takes its next step.
    void onOrderChanged(const QString &orderId);

    // The trader's commands: new exits for an open bracket (before it exits), the position out
    // now, or the bracket stopped (its working orders cancelled, the position left as it is).
    CommandOutcome amend(const QString &id, const BracketTerms &terms, const Actor &actor);
    CommandOutcome exitNow(const QString &id, const Actor &actor);
    CommandOutcome cancel(const QString &id, const Actor &actor);

    // How many steps wait to be taken (tests wait for 0).
    int pending() const { return int(m_dirty.size()); }
    // Takes every pending step now (tests; normally a queued call does it).
    void processPending();
    // A caller without an event loop (the headless demo run) calls processPending() itself:
    // then no queued call is posted, which nothing would deliver.
    void setQueued(bool queued) { m_queued = queued; }

Q_SIGNALS:
    void bracketChanged(const QString &id);
    void problem(const QString &message); // an exit refused: the trader must know

private:
    // Whether this workstation works the bracket (it placed it); for a trader's command on
    // another's, the reason it is refused.
    bool isOwn(const BracketRecord &b) const;
    std::optional<QString> othersBracket(const BracketRecord &b) const;
    void touch(const QString &id);
    void advance(const QString &id);
    // `e`: one of the bracket's events (oms/bracketevents.h), encoded.
    bool record(const BracketRecord &b, const NewEvent &e, const QString &key = {});
    void trigger(const BracketRecord &b, const QString &why, std::optional<Price> price, const Actor &actor);
    void close(const BracketRecord &b, const QString &outcome, const QString &reason);
    qint64 heldQuantity(const BracketRecord &b) const;

    OrderManager &m_oms;
    const ReferenceData &m_reference;
    QSet<QString> m_dirty;
    QHash<QString, QList<Price>> m_trades; // per instrument, since the last step, in order
    TimestampUs m_nowUs = 0;
    bool m_scheduled = false;
    bool m_queued = true;
    bool m_working = false; // resumed: a trading session's monitor
    Actor m_actor;
};

} // namespace instant
