#pragma once

#include "compliance/compliance.h"
#include "events/readevents.h"
#include "screener/screener.h"
#include "screener/traderalerts.h"
#include "oms/orderfilter.h"
#include "compliance/ordercost.h"
#include "engine/orderpreview.h"
#include "oms/ordermanager.h"
#include "oms/tradingstate.h"
#include "marketdata/websocketfeed.h"
#include "venue/fixvenue.h"
#include "venue/orderbook.h"
#include "venue/venue.h"
#include "portfolio/portfoliodesk.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <memory>

namespace instant {

class EventStore;
class ReferenceData;

struct EngineOptions
{
    quint64 seed = 1;
    TimestampUs startUs = 0;            // the simulated venue's clock at start (0: the engine's clock now)
    int stepIntervalMs = 250;           // wall-clock time between market steps
    qint64 stepMicros = 1'000'000;      // simulated time per step
    int publishIntervalMs = 33;         // batches to the GUI at most ~30 times a second
    int demoFlowIntervalMs = 0;         // > 0: simulated traders send an order this often (demo mode)
    bool simulatedDesksOnUserAccounts = false; // they trade the user's accounts, not their own (SIM-01…)
    // Who runs the workstation: a trading role, or compliance (read-only: see TradingEngine).
    Actor actor{QStringLiteral("trader"), QStringLiteral("trader")};
    // Which workstation this is, stable across its restarts (app: kept in its settings): the
    // brackets it places are its own to work, and it reconciles only the orders it routed.
    // Empty: recorded without one, as before (one workstation on its store).
    QString workstation;
    // Live mode: orders to a FIX venue and market data from a WebSocket feed. Without them the
    // engine trades against the simulated venue in-process (demo mode).
    std::optional<FixVenueSettings> fixVenue;
    std::optional<FixVenueSettings> dropCopy; // live: the broker's drop copy, a read-only session
    QUrl feedUrl;
    FeedOptions feedOptions;
    bool isLive() const { return fixVenue.has_value(); }
};

// The engine of the workstation: the venue, the order manager and settlement on a worker
// thread, so the GUI thread never waits for the database or the venue. Commands go in from any
// thread; results and market data come out as batched signals, at most ~30 times a second.
// A trading session also does the system's work (reconciliation at start, brackets, settlement
// and the instruments' own dates, screener alerts), recorded by system actors. A compliance
// session only reads: it records nothing, opens no venue session, and refuses every command
// that would record or send (the refusal comes back through commandFinished or problem()).
class TradingEngine : public QObject
{
    Q_OBJECT

public:
    // `clock` is the time outside (the machine's for a workstation, a test's own): live, the
    // market runs on it; in demo mode the simulated market's clock starts from it.
    TradingEngine(EventStore &store, const ReferenceData &reference, const Clock &clock, EngineOptions options,
                  QObject *parent = nullptr);
    ~TradingEngine() override;

    void start();
    void stop();
    bool isRunning() const;

    void submit(const NewOrderCommand &command);
    void cancel(const QString &orderId);
    void cancelAll(const QString &instrument = {}); // all this workstation's working orders (of one instrument)
    // Four eyes: an order waiting for approval (TradingState::approvals()) goes out, or not.
    // cancel() withdraws one the trader asked for. Outcomes come back through commandFinished().
    void approveOrder(const QString &requestId);
    void refuseOrder(const QString &requestId, const QString &reason);
    void replace(const QString &orderId, std::optional<qint64> quantity, const QString &limitPrice);
    // Brackets (an entry sent with NewOrderCommand::bracket): new exits, out now, or stopped.
    void amendBracket(const QString &id, const BracketTerms &terms);
    void exitBracket(const QString &id);
    void cancelBracket(const QString &id);
    void watchDepth(const QString &instrument);      // the ladder's instrument: its depth is published
    void republish();                                // sends every order, execution, exception and the portfolio again
    void setScreenerRules(const QJsonArray &rules);  // thresholds are editable; invalid rules are reported via problem()
    // Alerts traders set (core/screener/traderalerts.h), recorded as the engine's actor; the rules
    // come back through alertRulesUpdated(), a refusal (compliance, a bad rule) through problem().
    void setAlertRule(const AlertRule &rule);
    void removeAlertRule(const QString &ruleId);
    void setBreakoutQuietMinutes(int minutes); // a breakout alert at most once per instrument this often
    // A trader has seen an execution exception (by its ExecutionException event's sequence) and
    // says so, with a note: recorded on the engine thread as the engine's actor. A role that
    // cannot trade (compliance) may not; a refusal or failure comes back through problem().
    void acknowledgeException(qint64 sequence, const QString &note);
    // A read made on a screen (a search, an event viewed, a verification, an export, a look "as
    // of"): a RecordsRead event, appended on the engine's thread as the engine's actor, whatever
    // the role (access records are what a compliance session writes). When reads cannot be
    // recorded, problem() says so once, and again after they have recorded.
    void recordRead(const events::ReadRecord &read);
    // The desk's kill switch (active, reducing-only, halted), set by a trader with a reason: a
    // KillSwitchChanged event; killSwitchChanged() follows. A refusal comes back through problem().
    void setKillSwitch(KillSwitch mode, const QString &reason);

    // What an order would cost and what compliance would say about it: the order manager's own
    // pre-trade check (compliance/pretrade.h), on the engine's thread, on its trading state and the
    // market's trade date; the GUI thread never prices. `answer` is called on this object's thread
    // while `context` lives; `wanted` (called on the engine's thread) says whether the asker still
    // wants it, so a request a newer one replaced is skipped (OrderPreviewer: latest wins).
    void preview(const NewOrderCommand &command, QObject *context, std::function<void(const OrderPreview &)> answer,
                 std::function<bool()> wanted = {}) const;
    // Work a screen needs that prices (QuantLib) or reads the store: run on the engine's thread,
    // its result handed to `then` on this object's thread while `context` lives. False when the
    // engine is not running (nothing runs).
    template <typename Work, typename Then>
    bool offload(QObject *context, Work work, Then then) const
    {
        QObject *worker = engineThreadObject();
        if (!worker)
            return false;
        QMetaObject::invokeMethod(worker, [engine = const_cast<TradingEngine *>(this), context = QPointer<QObject>(context),
                                           work = std::move(work), then = std::move(then)]() mutable {
            auto result = work();
            QMetaObject::invokeMethod(engine, [context, then = std::move(then), result = std::move(result)]() mutable {
                if (context)
                    then(std::move(result));
            }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
        return true;
    }
    Actor actor() const { return m_options.actor; }
    // The market's clock: the simulated venue's in demo mode, the engine's clock live. Every date
    // the workstation decides with (trade date, settlement, expiries) comes from it. Any thread.
    const Clock &clock() const { return m_options.isLive() ? m_clock : static_cast<const Clock &>(m_marketClock); }
    // The last published trading state (refreshed twice a second); null before the first.
    std::shared_ptr<const TradingState> snapshot() const;
    EventStore &store() const { return m_store; }
    const ReferenceData &reference() const { return m_reference; }
    bool canTrade() const { return !m_options.actor.readsOnly(); }
    // The logged-in user's orders and accounts ("My orders", "my" in the copilot).
    OwnBook ownBook() const { return OwnBook::of(m_options.actor.user, m_reference); }

    // ---- portfolio targets and rebalance proposals (core/portfolio) ----
    // Each is recorded on the account's portfolio stream; the result comes back as
    // rebalanceUpdated(), a refusal as rebalanceRefused() with its reason.
    void setPortfolioTargets(const PortfolioTargets &targets);
    void proposeRebalance(const QString &account); // at the current marks
    void editRebalance(const QString &proposalId, const QList<RebalanceEdit> &edits);
    // Sends the lines through the order manager (compliance, buying power); soft rules need overrides.
    void acceptRebalance(const QString &proposalId, const QList<RuleOverride> &overrides = {});
    void rejectRebalance(const QString &proposalId, const QString &reason);
    void requestRebalance(const QString &account); // sends the account's targets and proposals again
    // ---- end of portfolio ----

Q_SIGNALS:
    void started();
    void ordersUpdated(const QList<instant::OrderRef> &orders);
    void executionsAdded(const instant::FillRows &executions);
    void bracketsUpdated(const QList<instant::BracketRecord> &brackets); // changed ones (all at start)
    // Every account and position when `whole` (the first, after republish()); else those changed
    // since the last, as they are now (a position with nothing left may come: its row goes).
    void portfolioUpdated(const QList<instant::AccountRecord> &accounts, const QList<instant::PositionRecord> &positions,
                          bool whole);
    void quotesUpdated(const QList<instant::Quote> &quotes);
    void tradesPrinted(const QList<instant::TradePrint> &trades);
    void barsClosed(const QList<instant::Bar> &bars);
    void depthUpdated(const QString &instrument, const QList<instant::LevelView> &bids,
                      const QList<instant::LevelView> &asks);
    void commandFinished(const instant::CommandOutcome &outcome);
    // Screener alerts, each also an event, and one for each new execution exception (kind
    // "execution_exception", id "X<sequence>": the ExecutionException event is its record).
    void alertsRaised(const QList<instant::Alert> &alerts);
    // The traders' alert rules and the breakout quiet period: at start and whenever they change.
    void alertRulesUpdated(const QList<instant::AlertRule> &rules, int breakoutQuietMinutes);
    void killSwitchChanged(const QString &mode);
    // The store could not record: trading halted with the reason until it records again
    // (OrderManager::StoreHalt); then halted is false and the reason empty.
    void storeHaltChanged(bool halted, const QString &reason);
    // Four eyes: every approval request kept (waiting ones and the newest decided), whenever one changes.
    void approvalsUpdated(const QList<instant::ApprovalRequest> &requests);
    void problem(const QString &message);
    // Events in the store not yet in the engine's projections (other workstations, catch-up).
    void lagMeasured(qint64 events);
    // Live mode: the FIX session and the market data feed, for the status bar.
    void venueConnectionChanged(const instant::VenueConnection &connection);
    void feedStatusChanged(const instant::FeedStatus &status);
    // The business date settlement runs on (the venue's: simulated in demo mode), at start and
    // whenever it changes.
    void tradeDateChanged(QDate date);
    // The instruments' own dates: what was recorded (coupons, principal, expiries, exercises and
    // assignments, the newest 500) and what the positions have coming in the next 45 days
    // (marked expected). All of it, whenever it changes.
    void lifecycleUpdated(const QList<instant::TradingState::LifecycleEntry> &rows);
    // Executions booked that were not expected (TradingState::executionExceptions(): the newest
    // ExceptionCapacity, newest last, open and acknowledged), all of them, at start, on
    // republish() and whenever one is added or acknowledged.
    void exceptionsUpdated(const QList<instant::TradingState::ExceptionEntry> &rows);
    // ---- portfolio targets and rebalance proposals ----
    // An account's targets (empty when none) and proposals, oldest first, lines with their orders.
    void rebalanceUpdated(const QString &account, const instant::PortfolioTargets &targets,
                          const QList<instant::RebalanceProposal> &proposals);
    void rebalanceRefused(const QString &account, const QString &reason);
    // ---- end of portfolio ----

private:
    class Core;
    QObject *engineThreadObject() const; // the core, on the engine's thread; null when stopped
    EventStore &m_store;
    const ReferenceData &m_reference;
    const Clock &m_clock;
    EngineOptions m_options;
    SimulatedClock m_marketClock; // demo mode: moved by the simulated venue
    QThread m_thread;
    Core *m_core = nullptr;

    mutable QMutex m_snapshotMutex;
    std::shared_ptr<const TradingState> m_snapshot; // published copy for previews
    QString m_readsFailing; // why the last read could not be recorded (this object's thread)
    friend class Core;
};

} // namespace instant

Q_DECLARE_METATYPE(instant::OrderRecord)
Q_DECLARE_METATYPE(instant::OrderRef)
Q_DECLARE_METATYPE(instant::FillRecord)
Q_DECLARE_METATYPE(instant::BracketRecord)
Q_DECLARE_METATYPE(instant::AccountRecord)
Q_DECLARE_METATYPE(instant::PositionRecord)
Q_DECLARE_METATYPE(instant::CommandOutcome)
Q_DECLARE_METATYPE(instant::TradingState::LifecycleEntry)
Q_DECLARE_METATYPE(instant::TradingState::ExceptionEntry)
