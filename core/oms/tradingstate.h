#pragma once

#include "common/result.h"
#include "common/types.h"
#include "events/event.h"
#include "events/orderevents.h"
#include "oms/approvals.h"
#include "oms/brackets.h"
#include "records/bookview.h"
#include "records/fillrows.h"
#include "records/fingerprinttally.h"
#include "records/keyedrecords.h"
#include "records/ordersbyid.h"
#include "records/orderrecords.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSharedData>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>

namespace instant {

class JsonObjectPieces;

class EventStore;
class Payload;
struct DecodedEvent;
struct Instrument;

// The newest executions, oldest first: a bounded window over every fill ever appended (the event
// store keeps them all). A fill is found by its event's sequence, which settlement uses to mark it.
// Past capacity + slack the oldest are due to go: the trading state drops them at once (slack 0),
// the executions panel in batches (a tenth), so that a view removes rows rarely.
class FillHistory
{
public:
    static constexpr qsizetype DefaultCapacity = 200'000;
    explicit FillHistory(qsizetype capacity = DefaultCapacity, qsizetype slack = 0);

    const FillRows &rows() const { return m_rows; }
    qsizetype size() const { return m_rows.size(); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity, qsizetype slack);
    qint64 total() const { return m_dropped + m_rows.size(); } // every fill appended, dropped ones included
    qint64 dropped() const { return m_dropped; }
    qsizetype rowOf(Sequence sequence) const; // -1 when not held
    FillRecord &row(qsizetype r) { return m_rows.edit(r); } // to change, except its order id and ExecID

    void append(FillRecord fill); // the caller drops excess() when it chooses
    qsizetype excess() const;     // the oldest rows over capacity + slack, down to capacity
    void dropOldest(qsizetype count);
    void trim() { dropOldest(excess()); }
    void reset(FillRows rows, qint64 dropped = 0); // kept as given (shared); a sequence at most once
    FillRows since(qint64 total) const;            // the fills appended after the first `total` (those still held)
    // The row of this order's fill with this ExecID, the newest if twice; -1 when not held. A new
    // execution, the usual case, is answered from a small index without looking at the rows (a
    // full window is 200,000 of them).
    qsizetype rowOf(const QString &orderId, const QString &execId) const;
    bool holds(const QString &orderId, const QString &execId) const { return rowOf(orderId, execId) >= 0; }

private:
    static quint32 fingerprint(const QString &orderId, const QString &execId);
    void tally(const FillRecord &fill, int by);
    void indexUnordered(); // from the first fill out of sequence order on: a hash index
    FillRows m_rows;
    // The rows' sequences, a binary search while they ascend (as a log applied in order gives them);
    // past a fill out of order, an index: sequence → position counted from the first fill ever appended.
    std::deque<Sequence> m_sequences;
    bool m_ascending = true;
    QHash<Sequence, qint64> m_index;
    // How many rows have each fingerprint of (order id, ExecID): none means not held; a hit is
    // confirmed on the rows (a fingerprint may be shared).
    FingerprintTally m_fingerprints;
    qint64 m_dropped = 0;
    qsizetype m_capacity;
    qsizetype m_slack;
};

// A compliance finding the state keeps for the compliance view: an order refused by the rules
// (held typed: a replay meets thousands) or a rule overridden on acceptance (kept as recorded).
struct RuleFinding
{
    QString orderId, account, instrument, reason;
    QStringList rules;
    TimestampUs recordedUs = 0;
    QJsonObject recorded; // an override, or a finding read from a snapshot: exactly these fields
    // {order_id, account, instrument, rules, reason, outcome: "rejected", recorded_us} for a
    // refusal; the recorded object otherwise.
    QJsonObject toJson() const;
    static RuleFinding fromJson(const QJsonObject &object) { return {{}, {}, {}, {}, {}, 0, object}; }
};

// Every order of a TradingState, iterated as records (the state holds them as OrderRef).
class OrderTable
{
public:
    class const_iterator
    {
    public:
        explicit const_iterator(OrdersById::const_iterator it) : m_it(it) {}
        const OrderRecord &operator*() const { return **m_it; }
        const OrderRecord *operator->() const { return &**m_it; }
        const_iterator &operator++()
        {
            ++m_it;
            return *this;
        }
        bool operator==(const const_iterator &other) const { return m_it == other.m_it; }
        bool operator!=(const const_iterator &other) const { return m_it != other.m_it; }

    private:
        OrdersById::const_iterator m_it;
    };
    explicit OrderTable(const OrdersById &orders) : m_orders(orders) {}
    const_iterator begin() const { return const_iterator(m_orders.begin()); }
    const_iterator end() const { return const_iterator(m_orders.end()); }
    qsizetype size() const { return m_orders.size(); }
    bool isEmpty() const { return m_orders.isEmpty(); }
    QList<OrderRef> inEntryOrder() const; // shared, sorted by entry time then id

private:
    const OrdersById &m_orders;
};

// Everything the order lifecycle knows, built only from events: orders, positions, cash and
// reservations, unsettled fills, last prices, compliance settings. The OMS decides with it;
// the orders, positions and cash projections read it. Rebuildable from zero and "as of".
class TradingState : public BookView
{
public:
    // It keeps the newest `executionCapacity` executions (tests keep fewer).
    explicit TradingState(qsizetype executionCapacity = FillHistory::DefaultCapacity) : m_ledger(executionCapacity) {}
    // Applies one event; other event types are ignored. Returns an error for an event that
    // breaks the lifecycle (it is counted in anomalies() and otherwise ignored).
    Status apply(const RecordedEvent &event);
    // The same with the payload already decoded (DecodedEvent::of(event)): a replay decodes on
    // the thread that reads the log.
    Status apply(const RecordedEvent &event, const DecodedEvent &decoded);
    // The largest amount (cents, quantity, price units) an event that moves money or positions
    // may carry, what a JSON number holds exactly: apply() refuses more as an anomaly.
    static constexpr qint64 MaxAmount = qint64(1) << 53;

    Sequence lastSequence() const { return m_lastSequence; }
    OrderTable orders() const { return OrderTable(m_orders.byId); }
    const OrderRecord *order(const QString &orderId) const;
    OrderRef orderRef(const QString &orderId) const { return m_orders.byId.value(orderId); } // null if unknown
    const QHash<QString, AccountRecord> &accounts() const { return m_ledger.accounts; }
    const AccountRecord *account(const QString &id) const override;
    const QMap<QString, PositionRecord> &positions() const { return m_ledger.positions.inKeyOrder(); } // key: account|instrument
    // Changes whenever a position does (KeyedRecords::changeStamp).
    quint64 positionsStamp() const { return m_ledger.positions.changeStamp(); }
    const PositionRecord *position(const QString &account, const QString &instrument) const override;
    QList<PositionRecord> positionsOf(const QString &account) const override;
    QList<OrderRef> workingOrdersOf(const QString &account) const override;
    const QMap<QString, FillRecord> &unsettledFills() const { return m_ledger.unsettled.inKeyOrder(); } // key: order id/exec id
    // Every execution, in the order recorded (the blotter's executions view).
    // The newest executions (FillHistory::DefaultCapacity); the total counts every one ever.
    const FillRows &executions() const { return m_ledger.executions.rows(); }
    // Whether a fill is already recorded: unsettled fills always; with `searchHistory`, also
    // the executions kept (the newest 200,000).
    bool hasExecution(const QString &orderId, const QString &execId, bool searchHistory) const;
    // Reports already applied that are not fills held here: a fill matched to what was booked from
    // the venue's status, a busted one, a bust's, correction's or restatement's own ExecID
    // ("adj:" / "restated:" before it). Keys are fillKey(order, exec id).
    bool isConsumed(const QString &key) const { return m_consumed.contains(key); }
    qint64 executionsTotal() const { return m_ledger.executions.total(); }
    FillRows executionsSince(qint64 total) const { return m_ledger.executions.since(total); }
    // Executions settled, or failed to settle, since the last call (held ones, as they are now),
    // for whoever shows them.
    QList<FillRecord> takeSettledExecutions();
    // The accounts and positions changed since the last call (by account id; by account and
    // instrument), for a panel that shows them to update those rows only. Followed once
    // followPortfolioChanges() is called (a live engine's state; a replay does not keep them).
    struct PortfolioChanges
    {
        QSet<QString> accounts;
        QSet<std::pair<Name, Name>> positions;
        bool isEmpty() const { return accounts.isEmpty() && positions.isEmpty(); }
    };
    void followPortfolioChanges() { m_ledger.followChanges = true; }
    PortfolioChanges takePortfolioChanges() { return std::exchange(m_ledger.changes, {}); }
    std::optional<Price> lastPrice(const QString &instrument) const override;
    const QHash<QString, Price> &lastPrices() const { return m_ledger.lastPrices; }
    // Quantity the account can still sell: position less the working sell orders' leaves.
    qint64 sellableQuantity(const QString &account, const QString &instrument) const override;
    const QJsonArray &complianceRules() const { return m_settings.rules; }
    QString killSwitch() const { return m_settings.killSwitch; }
    // The newest rule findings (refusals and overrides), oldest first: at most ViolationCapacity.
    // The log keeps every one (the audit view, its exports and the copilot's search read it).
    const QList<RuleFinding> &violations() const { return m_settings.violations; }
    static constexpr qsizetype ViolationCapacity = 1000;
    qint64 settledTrades() const { return m_ledger.settledTrades; }
    const BracketBook &brackets() const { return m_brackets; }
    // Whether an order is the work of `workstation` (it entered it and holds it at its venue):
    // recorded with the order, or for one recorded without (WorkstationIdentity::owns), the
    // user who entered it; a bracket's take-profit or exit follows its bracket.
    bool isOwnWork(const OrderRecord &order, const WorkstationIdentity &workstation) const;
    // The same for a bracket: recorded with it, or the user who entered its entry order.
    bool isOwnWork(const BracketRecord &bracket, const WorkstationIdentity &workstation) const;
    qint64 anomalies() const { return m_anomalies; }
    // Whether the store has recorded an instrument's definition (InstrumentListed).
    bool isListed(const QString &instrument) const { return m_settings.listed.contains(instrument); }
    // Coupons, principal, expiries, exercises and assignments, in the order recorded (the newest
    // LifecycleCapacity), for the settlement panel and the blotter.
    struct LifecycleEntry
    {
        Sequence sequence = 0;
        QString type;
        QString account;
        QString instrument;
        QDate date;            // payment date, or expiry
        qint64 quantity = 0;   // face, or contracts
        qint64 cashCents = 0;  // what moved (a delivery: the trade's amount, at settlement)
        QString detail;        // the reason of an expiry, the delivery's trade
        bool expected = false; // not recorded: due on `date` as the position stands (InstrumentLifecycle::upcoming)
        bool operator==(const LifecycleEntry &) const = default;
    };
    static constexpr qsizetype LifecycleCapacity = 5000;
    const QList<LifecycleEntry> &lifecycle() const { return m_lifecycle; }
    // Executions booked that were not expected, newest last (the newest ExceptionCapacity).
    struct ExceptionEntry
    {
        Sequence sequence = 0; // of the ExecutionException event: how a trader acknowledges it
        QString account;
        QString orderId;
        QString execId;
        QString kind;
        QString expected;
        QString came;
        TimestampUs recordedUs = 0;
        QString acknowledgedBy; // empty while open
        QString note;
        bool operator==(const ExceptionEntry &) const = default;
    };
    static constexpr qsizetype ExceptionCapacity = 5000;
    const QList<ExceptionEntry> &executionExceptions() const { return m_exceptions; }
    qint64 exceptionsTotal() const { return m_exceptionsTotal; }
    // Orders waiting for a second person's approval, and the newest decided (four eyes).
    const QMap<QString, ApprovalRequest> &approvals() const { return m_approvals; }
    const ApprovalRequest *approval(const QString &id) const
    {
        auto it = m_approvals.constFind(id);
        return it == m_approvals.cend() ? nullptr : &*it;
    }
    static constexpr qsizetype ApprovalCapacity = 2000;
    qint64 openExceptions() const;

    // Invariants that hold after every event: available cash never negative, reservations
    // match working orders, fills within quantity, positions never negative.
    Status checkInvariants() const;

    // Snapshots: everything above as JSON, to restart without replaying the whole log.
    // withHistory false: without orders, executions and violations (what grows with the log).
    QJsonObject toJson(bool withHistory = true) const;
    // canonicalJson(toJson()), written without holding the whole state as one QJsonObject.
    QByteArray toCanonicalJson() const;
    // The same bytes handed to `take` in pieces of at least `pieceBytes` (the last one may be
    // shorter) as they are written; `take` may keep the piece it is given, and says false to stop.
    bool writeCanonicalJson(qsizetype pieceBytes, const std::function<bool(QByteArray &piece)> &take) const;
    static Result<TradingState> fromJson(const QJsonObject &snapshot, qsizetype executionCapacity = FillHistory::DefaultCapacity);
    // The state of the newest usable snapshot at or before `atOrBefore`, read piece by piece
    // (statesnapshot.cpp); nullopt when there is none.
    static Result<std::optional<TradingState>> readSnapshot(const EventStore &store, Sequence atOrBefore);

    // A copy for readers on other threads (previews, the copilot) that costs what the live part
    // of the book costs, not the whole history: every account, position, unsettled trade, rule
    // and price, the working orders, and the newest `recent` orders and executions. (A full
    // copy shares the containers until the next change and then duplicates all of them.)
    TradingState recentCopy(qsizetype recent = 2000) const;

    // Replays the events a query selects (e.g. up to a time: the state "as of" then), starting
    // from the newest valid snapshot before its end when `useSnapshots` (and the query reads the
    // whole log from the start).
    static Result<TradingState> replay(const EventStore &store, const ReadQuery &query = {}, bool useSnapshots = true);
    // Saves the state at the head of the store as a snapshot.
    static Result<Sequence> saveSnapshot(EventStore &store);
    // The same for a state already replayed (as of its last sequence): no second replay. Written
    // and stored in pieces of about `pieceBytes`.
    static constexpr qsizetype SnapshotPieceBytes = qsizetype(4) << 20;
    static Result<Sequence> saveSnapshot(EventStore &store, const TradingState &state,
                                         qsizetype pieceBytes = SnapshotPieceBytes, std::stop_token stop = {});
    static const QString SnapshotName;
    // How many events the last replay applied (after its snapshot, if any).
    qint64 eventsReplayed() const { return m_replayed; }

private:
    struct Restore; // statesnapshot.cpp
    friend class StateSnapshotReader;
    void noteAccountStream(const RecordedEvent &event);
    void addViolation(RuleFinding finding); // the oldest goes past ViolationCapacity
    Status outOfRange(const RecordedEvent &event); // an anomaly: an amount beyond what apply() keeps
    Status transition(OrderRecord &order, OrderEventKind kind, const RecordedEvent &event);
    // orderprojection.cpp: the order family
    Result<OrderRecord *> enter(OrderRecord terms, const QString &role, bool accepted, const RecordedEvent &event);
    template <class Change>
    Status changeOrder(const QString &orderId, const RecordedEvent &event, Change &&change);
    template <class Terms>
    Status replaceStep(OrderRecord &order, OrderEventKind kind, qint64 reservedCents, const RecordedEvent &event, Terms &&terms);
    Status bookFill(OrderRecord &order, const events::Fill &f, bool full, const RecordedEvent &event);
    Status applyEntered(const events::OrderAcceptance &e, const RecordedEvent &event);
    Status applyRejected(const events::OrderRejection &e, const RecordedEvent &event);
    Status applyStep(const QString &orderId, OrderEventKind kind, const RecordedEvent &event);
    Status applyFill(const events::Fill &f, bool full, const RecordedEvent &event);
    Status applyEnded(const QString &orderId, OrderEventKind kind, const QString &reason, const RecordedEvent &event);
    Status applyEnded(const events::OrderEnded &e, const RecordedEvent &event);
    Status applyVenueRefusal(const events::VenueRefusal &e, const RecordedEvent &event);
    Status applyReplacement(const events::Replacement &e, const RecordedEvent &event);
    Status applyReplaceRejected(const events::ReplaceRejection &e, const RecordedEvent &event);
    // ledgerprojection.cpp: cash and settlement
    Status applyAccountOpened(const events::AccountOpening &e, const RecordedEvent &event);
    Status applySettled(const events::Settlement &e, const RecordedEvent &event);
    Status applySettlementFailed(const events::Settlement &e, const RecordedEvent &event);
    void noteSettledExecution(const FillRecord &fill);
    Status applyLifecycle(const QString &type, const Payload &p, const RecordedEvent &event); // lifecycleprojection.cpp
    Status applyCoupon(const Payload &p, const RecordedEvent &event);
    Status applyPrincipal(const Payload &p, const RecordedEvent &event);
    Status applyExpiry(const Payload &p, const RecordedEvent &event);
    Status applyDelivery(const Payload &p, const RecordedEvent &event, bool assigned);
    Status lifecycleAnomaly(const RecordedEvent &event, const QString &why);
    Status applyExecution(const QString &type, const Payload &p, const RecordedEvent &event); // executionprojection.cpp
    Status applyAdjustment(const Payload &p, const RecordedEvent &event, bool bust);
    Status applyRestatement(const Payload &p, const RecordedEvent &event);
    Status applyApproval(const QString &type, const Payload &p, const RecordedEvent &event);
    Status reverseFill(FillRecord &fill, OrderRecord &order);
    QJsonArray exceptionsToJson() const;
    void exceptionsFromJson(const QJsonArray &entries);
    void noteLifecycle(LifecycleEntry entry);
    void setReservation(OrderRecord &order, qint64 cents);
    bool reservationFits(const OrderRecord &order, qint64 cents) const; // within the bounds apply() keeps
    void forgetOpenSell(const OrderRecord &order);
    PositionRecord &positionFor(const QString &account, const QString &instrument);
    AccountRecord &accountFor(const QString &id); // created if new
    const QString &positionKeyOf(const QString &account, const QString &instrument); // in a reused buffer

    // The state in three parts. Orders: every order by id, the working ones, the working sells of
    // each position, the newest entered.
    struct Orders
    {
        OrdersById byId;
        QSet<QString> working;
        QHash<QString, QSet<QString>> openSells; // account|instrument → working sell orders
        QList<QString> recent;                   // the newest orders, oldest first (bounded)
    };
    // The ledger: each account's cash and what it holds for orders and trades, positions, the
    // trades not settled yet, the executions kept, and the last price of each instrument.
    struct Ledger
    {
        explicit Ledger(qsizetype executionCapacity) : executions(executionCapacity) {}
        QHash<QString, AccountRecord> accounts;
        KeyedRecords<PositionRecord> positions; // key: account|instrument
        KeyedRecords<FillRecord> unsettled;     // key: order id/exec id
        FillHistory executions;
        QList<Sequence> settledJournal;          // fills settled since takeSettledExecutions() (bounded)
        bool followChanges = false;
        PortfolioChanges changes;                // since takePortfolioChanges(), when followed
        QHash<QString, Price> lastPrices;
        qint64 settledTrades = 0;
    };
    // The compliance settings: the rule set, the kill switch, the instruments the store lists, and
    // the newest rule findings (rejections and overrides).
    struct ComplianceSettings
    {
        QJsonArray rules;
        QString killSwitch = QStringLiteral("active");
        QSet<QString> listed; // instruments with an InstrumentListed event
        QList<RuleFinding> violations;
    };

    Sequence m_lastSequence = 0;
    Orders m_orders;
    Ledger m_ledger{FillHistory::DefaultCapacity};
    ComplianceSettings m_settings;
    BracketBook m_brackets;
    qint64 m_anomalies = 0;
    qint64 m_replayed = 0;
    QString m_lastAccountStream, m_lastAccountId; // apply()'s cache of the last account stream
    QString m_keyBuffer;                            // positionKeyOf()'s
    QList<LifecycleEntry> m_lifecycle;
    QList<ExceptionEntry> m_exceptions;
    qint64 m_exceptionsTotal = 0;
    QSet<QString> m_consumed;
    QMap<QString, ApprovalRequest> m_approvals;
    const QString &intern(const QString &text);
};

// A trading state read back from a snapshot's bytes (TradingState::toCanonicalJson) given in
// pieces of any size, as a store hands them out: the orders, executions, rule findings, positions
// and brackets are restored one at a time as their text completes, so the text is never held
// whole; what is left (accounts, unsettled trades, settings) is parsed at the end.
class StateSnapshotReader
{
public:
    explicit StateSnapshotReader(qsizetype executionCapacity = FillHistory::DefaultCapacity);
    ~StateSnapshotReader();
    StateSnapshotReader(const StateSnapshotReader &) = delete;
    StateSnapshotReader &operator=(const StateSnapshotReader &) = delete;
    // False once the bytes cannot make a state (the reason comes with finish()).
    bool feed(QByteArrayView piece);
    Result<TradingState> finish();

private:
    std::unique_ptr<TradingState::Restore> m_restore;
    std::unique_ptr<JsonObjectPieces> m_pieces;
    QString m_error;
};

} // namespace instant
