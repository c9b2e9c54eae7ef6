#pragma once

#include "compliance/compliance.h"
#include "compliance/pretrade.h"
#include "oms/brackets.h"
#include "events/event.h"
#include "events/orderevents.h"
#include "oms/tradingstate.h"
#include "venue/venue.h"

#include <QObject>
#include <QSet>

#include <optional>
#include <thread>

namespace instant {

class EventStore;
class EventSubscription;
class ReferenceData;
struct Instrument;

// A new order as a trader, the copilot (after a human click) or a FIX client asks for it.
// Fields are as typed: the OMS validates everything, so nothing typed can hurt it.
struct NewOrderCommand
{
    QString clientOrderId; // the idempotency key
    QString account;
    QString instrument;    // id or symbol
    QString side;          // buy | sell
    QString type = QStringLiteral("limit"); // limit | market | stop | stop-limit
    QString timeInForce = QStringLiteral("day"); // day | gtc | ioc | fok
    qint64 quantity = 0;
    QString limitPrice;    // as the market writes it: 99-16+, 228.50
    QString stopPrice;
    QList<RuleOverride> overrides; // soft rules the trader overrides, each with a reason
    Actor actor;
    // A bracket: exits attached to this (buy) entry order, recorded with it (BracketPlaced).
    std::optional<BracketTerms> bracket;
    // A bracket's child order (take-profit or exit): the bracket it belongs to and its role.
    QString parent;
    QString role;

    // The order as the pre-trade pipeline reads it (compliance/pretrade.h).
    OrderTerms terms(const QString &approvedBy = {}) const
    {
        return OrderTerms{account, instrument, side, type, timeInForce, quantity, limitPrice, stopPrice, overrides, approvedBy,
                          bracket.has_value(), bracket ? bracket->takeProfit : QString()};
    }
};

struct CommandOutcome
{
    QString orderId;
    bool accepted = false;
    bool duplicate = false;  // the client order id was seen before: this is the first outcome
    OrderState state = OrderState::Rejected;
    bool awaitingApproval = false; // four eyes: recorded, not sent until a second person approves
    QString reason;          // why not, in the trader's words
    QList<Violation> violations;
};

// The order management system: validates commands, runs pre-trade compliance with buying-power
// reservation, records every decision as events, routes to the venue and records what the venue
// reports, each step checked against the order state machine. Single-threaded: use it from the
// thread the venue reports on.
class OrderManager : public QObject
{
    Q_OBJECT

public:
    OrderManager(EventStore &store, const ReferenceData &reference, Venue &venue, QObject *parent = nullptr);
    ~OrderManager() override;

    // Rebuilds the state from the store. The session of a trading `actor` then reconciles working
    // orders with the venue: orders the venue no longer knows expire with a reason, recorded by
    // the system (reconciliation). A compliance session only reads: nothing is written or asked.
    Status start(const Actor &actor);
    // Past this many events replayed, start() saves a snapshot so that the next start replays
    // less (50,000). It is written on a thread of its own from a copy of the state: orders are
    // taken meanwhile, and stopping the order manager stops it (the next start writes one again).
    void setSnapshotAfter(qint64 events) { m_snapshotAfter = events; }
    // Waits for the start-up snapshot; what it gave (the sequence it holds), if one was written.
    std::optional<Result<Sequence>> waitForStartupSnapshot();
    // Who this workstation is (before start(); its user is start()'s actor): the orders and
    // brackets it enters are recorded as its own, and it reconciles only its own orders; another
    // workstation's rest at that one's venue session (TradingState::isOwnWork).
    void setWorkstation(const QString &id) { m_workstation.id = id; }
    const WorkstationIdentity &workstation() const { return m_workstation; }
    bool isOwnWork(const OrderRecord &order) const { return m_state.isOwnWork(order, m_workstation); }
    // A drop copy: a second, read-only session on which the broker copies every execution of the
    // desk. Its fills, busts and corrections are booked like the venue's own, once by ExecID;
    // the rest of what it says is the venue session's business.
    void addDropCopy(Venue &dropCopy);

    CommandOutcome submit(const NewOrderCommand &command);
    // Four eyes (approvals.h): an approver lets a waiting order go out (it is checked again as it
    // is sent) or refuses it with a reason; the trader who asked may withdraw it (cancel()).
    CommandOutcome approve(const QString &requestId, const Actor &approver);
    CommandOutcome refuseApproval(const QString &requestId, const QString &reason, const Actor &approver);
    CommandOutcome cancel(const QString &orderId, const Actor &actor);
    // New total quantity and/or new limit price (as typed); empty keeps the current one.
    CommandOutcome replace(const QString &orderId, std::optional<qint64> quantity, const QString &limitPrice,
                           const Actor &actor);

    Status openAccount(const QString &account, qint64 cashCents, const Actor &actor);
    Status setRules(const QJsonArray &rules, const Actor &actor);
    Status setKillSwitch(KillSwitch mode, const QString &reason, const Actor &actor);
    // A trader has seen an execution exception (by its event's sequence): recorded, with a note.
    Status acknowledgeException(Sequence exception, const QString &note, const Actor &actor);
    // Executions (fills, busts, corrections) a venue reported that could not be recorded (the
    // store refused the write, or still holds them while it is halted): nonzero is a failure a
    // human must resolve.
    qint64 unbookedExecutions() const;

    // Trading halted by the store: a write failed (disk full, an I/O error, the database server
    // gone). From that moment nothing is acknowledged or sent: commands are refused with the
    // reason, the venue's reports are held in the order they came, and working orders stay as
    // the venue has them. resumeAfterStoreHalt() (tried by whoever runs the OMS, on a timer)
    // records the halt once the store writes again (StoreOutage), learns what the store holds,
    // books the held reports, each once, and trading resumes.
    struct StoreHalt
    {
        QString reason;
        TimestampUs sinceUs = 0;
        qint64 refused = 0; // commands refused while it lasted
    };
    const std::optional<StoreHalt> &storeHalt() const { return m_storeHalt; }
    // Since this OMS started: how often the store halted trading, the commands refused while
    // it was halted, and the first reason.
    struct StoreHaltHistory
    {
        qint64 halts = 0;
        qint64 refused = 0;
        QString firstReason;
    };
    const StoreHaltHistory &storeHaltHistory() const { return m_storeHaltHistory; }
    qint64 heldReports() const { return m_heldReports.size(); }
    Status resumeAfterStoreHalt();

    // The state follows the store (call before start()): from start() on, what any writer
    // appends (another workstation on a shared store, this workstation's other services) is
    // applied once each, in sequence order, through an EventSubscription on this object's
    // thread; what this OMS records itself is applied at once, as before, and skipped when the
    // feed brings it back. Without it, the state learns of others' writes only on a conflict.
    void followStore() { m_following.wanted = true; }
    // Events learnt from the store that this OMS had not recorded or read itself.
    qint64 eventsLearnt() const { return m_following.learnt; }

    const TradingState &state() const { return m_state; }
    const ReferenceData &reference() const { return m_reference; }
    // Events of the workflows built on the OMS (brackets) on an account's stream, applied to the
    // state like the OMS's own; a conflict means the state caught up and the caller decides again.
    Result<AppendResult> recordOnAccount(const QString &account, const QList<NewEvent> &events, const QString &key = {});
    TimestampUs venueTimeUs() const;
    QList<FillRecord> takeSettledExecutions() { return m_state.takeSettledExecutions(); }
    TradingState::PortfolioChanges takePortfolioChanges() { return m_state.takePortfolioChanges(); }
    KillSwitch killSwitch() const;
    QList<ComplianceRule> rules() const;
    // The pre-trade pipeline on this state, the rules and kill switch in force and the market's trade
    // date: what submit() decides with, and what a preview shows.
    CheckedOrder check(const OrderTerms &terms) const;

Q_SIGNALS:
    void orderChanged(const QString &orderId);
    void recorded(const QList<instant::RecordedEvent> &events);
    void unbooked(const QString &orderId, const QString &why);
    // The store halted trading (with the reason) or trading resumed after it (empty reason).
    void storeHaltChanged(bool halted, const QString &reason);
    // Events another writer appended, now applied to the state (followStore()), in sequence order.
    void learnt(const QList<instant::RecordedEvent> &events);
    // The store's live feed failed, with the reason, or recovered (empty).
    void feedProblem(const QString &message);

public:
    static constexpr int MaxAttempts = 8; // optimistic concurrency retries (settlement's too)

private:
    // A venue's report is a fact: booked however busy the account is (each conflict means
    // another writer moved on, so this ends); only then is it left to a human.
    static constexpr int ReportAttempts = 512;
    struct Draft;
    CommandOutcome submitOrder(const NewOrderCommand &command, const QString &approvedBy);
    // submitOrder's parts
    static events::TypedOrder typedCommand(const NewOrderCommand &c, const QString &orderId);
    QString bracketCheck(const NewOrderCommand &c, const QString &orderId, const CheckedOrder &checked,
                         std::optional<BracketExits> &exits) const;
    NewEvent rejectedEvent(events::TypedOrder typed, const CheckedOrder &checked, const QString &reason, const QString &stage,
                           const QList<Violation> &violations, const Actor &actor, const QString &orderId) const;
    QList<NewEvent> acceptedEvents(const NewOrderCommand &c, const QString &orderId, const CheckedOrder &checked,
                                   const std::optional<BracketExits> &exits) const;
    void route(const QString &orderId);
    Result<AppendResult> requestApproval(const NewOrderCommand &c, const QString &orderId, const Instrument &instrument,
                                         const QJsonArray &overrides, const QList<Violation> &needApproval);
    CommandOutcome approvalOutcome(const ApprovalRequest &request) const;
    CommandOutcome decideApproval(const QString &type, const QString &requestId, const QString &reason, const Actor &actor);
    Result<AppendResult> record(const QString &account, const QList<NewEvent> &events, const QString &key = {});
    // Every write of the OMS: refused while the store is halted, halting it when it fails.
    Result<AppendResult> append(AppendRequest request);
    Status catchUp(const QString &stream);
    void listOnFirstUse(const Instrument &instrument, const QString &orderId, const Actor &actor);
    // executionbooking.cpp: what a venue's report books
    void onReport(const ExecutionReport &report);
    void onReportFor(const ExecutionReport &report, const Actor &venueActor);
    QList<NewEvent> fillEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const;
    QList<NewEvent> unknownOrderEvents(const ExecutionReport &r, const QString &account, const Actor &venueActor) const;
    QList<NewEvent> adjustmentEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const;
    QList<NewEvent> statusEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const;
    QList<NewEvent> lifecycleEvents(const OrderRecord &o, const ExecutionReport &r, const Actor &venueActor) const;
    events::Fill fillOf(const OrderRecord &o, const Instrument *instrument, const ExecutionReport &r, Quantity quantity,
                            qint64 reservedCents) const;
    qint64 fillNotional(const Instrument &instrument, Quantity quantity, const ExecutionReport &r) const;
    QString priceWords(const Instrument *instrument, const ExecutionReport &r) const;
    void reportUnbooked(const ExecutionReport &report, const QString &why);
    void resendAfterStatus(const ExecutionReport &report);
    void bookAnsweredAtOnce(const QList<ExecutionReport> &reports);
    bool bookAcknowledgedAndFilled(const ExecutionReport &ack, const ExecutionReport &fill, const Actor &venueActor);
    bool m_venueAnswering = false;             // the venue is taking an order: its answers wait
    QList<ExecutionReport> m_answeredAtOnce;   // what it answered meanwhile
    // storefollowing.cpp
    void startFollowing();
    void onFollowed(const QList<RecordedEvent> &events);
    // Applies an event to the state unless it was applied before (when following the store).
    // `written`: the typed event it was recorded from (NewEvent::written), applied as it is.
    Status applyOnce(const RecordedEvent &event, const std::any &written = {});
    // storehalt.cpp
    static bool isStoreFailure(const Error &error);
    void haltForStore(const QString &reason);
    CommandOutcome refuseWhileHalted(const QString &orderId);
    QList<VenueOrder> workingOrders() const;
    static VenueOrder venueOrderFor(const OrderRecord &order);
    CommandOutcome outcomeFor(const QString &orderId, bool duplicate) const;
    // Cash to hold for a buy order's working quantity (with a pending replace: both terms).
    qint64 reservationFor(const OrderRecord &order, Quantity filledAfter) const;
    Price protectionPrice(const Instrument &instrument, Side side) const;
    QString notOurs(const OrderRecord &order) const;
    // Why a replace of a bracket's take-profit or exit would be refused (empty: it may go).
    QString bracketChildRefusal(const OrderRecord &order, const OrderRecord &next) const;
    CommandOutcome refuse(const QString &orderId, const QString &account, const QString &command,
                          const QString &reason, const Actor &actor);

    EventStore &m_store;
    const ReferenceData &m_reference;
    Venue &m_venue;
    TradingState m_state;
    const Actor m_reconciler{QStringLiteral("reconciliation"), QStringLiteral("system")};
    WorkstationIdentity m_workstation;
    qint64 m_unbooked = 0;
    std::optional<StoreHalt> m_storeHalt;
    StoreHaltHistory m_storeHaltHistory;
    QList<ExecutionReport> m_heldReports; // while the store is halted, in the order they came
    struct Following
    {
        bool wanted = false;
        EventSubscription *subscription = nullptr; // a child, from start()
        Sequence upTo = 0;    // every event up to this one is in the state
        QSet<Sequence> ahead; // and these after it (recorded here, or read on a conflict)
        qint64 learnt = 0;
    };
    Following m_following;
    // The rules in force, parsed once for the JSON they were parsed from (every order is checked
    // against them; they change rarely).
    struct ParsedRules
    {
        QJsonArray source;
        QList<ComplianceRule> rules;
        bool valid = false;
    };
    mutable ParsedRules m_parsedRules;
    qint64 m_snapshotAfter = 50'000;
    std::optional<Result<Sequence>> m_startupSnapshotOutcome; // set by the thread below before it ends
    // Writes the start-up snapshot from a copy of the state; last, so that it is stopped and
    // joined before anything else here goes.
    std::jthread m_startupSnapshot;
};

} // namespace instant
