#include "engine/tradingengine.h"
#include "engine/guidelivery.h"
#include "engine/tradingdesk.h"
#include "compliance/ordercost.h"

#include "analytics/bondanalytics.h"
#include "analytics/marketcalendar.h"
#include "demo/demomarket.h"
#include "demo/simulatedtraders.h"
#include "events/orderevents.h"
#include "refdata/referencedata.h"
#include "settlement/instrumentlifecycle.h"
#include "settlement/settlementworker.h"
#include "store/eventstore.h"
#include "venue/simulatedvenue.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>
#include <QTimeZone>
#include <QTimer>

namespace instant {

class TradingEngine::Core : public QObject
{
public:
    // Every member QObject is a child, so moving the core moves them all to the engine thread.
    Core(TradingEngine &engine)
        : m_engine(engine),
          m_venue(makeVenue(engine, this)),
          m_simulated(qobject_cast<SimulatedVenue *>(m_venue)),
          m_fix(qobject_cast<FixVenue *>(m_venue)),
          m_desk(engine.m_store, engine.m_reference, *m_venue, this),
          m_oms(m_desk.orders()), m_settlement(m_desk.settlement()), m_brackets(m_desk.brackets()),
          m_step(this), m_publish(this), m_snapshotTimer(this), m_flow(this), m_lag(this), m_storeRetry(this), m_screener(engine.m_reference, this),
          m_traderAlerts(engine.m_store, engine.m_reference, engine.clock(), this)
    {
        // An option's underlying at expiry: the close of its expiry day (from the trades, below);
        // when the workstation did not see that day, the market's last: the simulated venue's last
        // trade, live the middle of the feed's last quote.
        m_settlement.setLastPrices([this](const QString &instrument) -> std::optional<Price> {
            if (m_simulated)
                return m_simulated->lastTrade(instrument);
            if (auto it = m_liveMarks.constFind(instrument); it != m_liveMarks.cend())
                return *it;
            return std::nullopt;
        });
        if (engine.m_options.isLive() && engine.m_options.dropCopy) {
            m_dropCopy = new FixVenue(engine.m_reference, *engine.m_options.dropCopy, engine.m_clock, this);
            m_oms.addDropCopy(*m_dropCopy);
        }
        if (engine.m_options.isLive() && !engine.m_options.feedUrl.isEmpty()) {
            QStringList symbols;
            for (const Instrument *i : engine.m_reference.instruments())
                symbols << i->id;
            m_feed = new WebSocketFeed(engine.m_options.feedUrl, symbols, engine.m_options.feedOptions, this);
        }
    }

    static Venue *makeVenue(TradingEngine &engine, QObject *parent)
    {
        if (engine.m_options.fixVenue)
            return new FixVenue(engine.m_reference, *engine.m_options.fixVenue, engine.m_clock, parent);
        auto *simulated = new SimulatedVenue(engine.m_reference, engine.m_options.seed, engine.m_marketClock, parent);
        simulated->setYieldCurve(&DemoMarket::yieldPercent); // the demo market's curve, on the market's date
        return simulated;
    }

    // The simulated venue in demo mode, the WebSocket feed live: the same signals either way.
    template <typename Source>
    void connectMarketData(Source *source)
    {
        connect(source, &Source::quote, this, [this](const Quote &q) { m_quotes.insert(q.instrument, q); });
        connect(source, &Source::trade, this, [this](const TradePrint &t) {
            if (m_trades.size() >= 5000)
                m_trades = foldPrints(m_trades); // the GUI has not taken the last ones
            m_trades.append(t);
        });
        connect(source, &Source::bar, this, [this](const Bar &b) { m_bars.append(b); });
        // The screener watches the same market data; each alert is recorded, then shown.
        connect(source, &Source::trade, &m_screener, &Screener::onTrade);
        connect(source, &Source::bar, &m_screener, &Screener::onBar);
        connect(source, &Source::trade, &m_traderAlerts, &TraderAlerts::onTrade);
        // Stops and trailing stops watch the same trades; settlement keeps each day's close.
        m_desk.followTrades(source);
    }

    // Loads the record, then (a trading session only) does the system's work: opens the desk,
    // reconciles, works brackets, settles, records alerts, connects to the venue. A read-only
    // (compliance) session records nothing and reaches no venue: it shows the record and the market.
    void init()
    {
        const bool trading = m_engine.canTrade();
        if (trading && m_engine.m_options.demoFlowIntervalMs > 0 && m_simulated)
            m_traders = std::make_unique<SimulatedTraders>(m_engine.m_reference, m_engine.m_options.seed,
                                                           m_engine.m_options.simulatedDesksOnUserAccounts);
        m_oms.setWorkstation(m_engine.m_options.workstation);
        m_oms.followStore(); // what other workstations record reaches the screens without a conflict
        if (Status s = m_oms.start(m_engine.m_options.actor); !s) // reconciles in a trading session only
            Q_EMIT m_engine.problem(s.message());
        if (trading)
            openTheDesk();
        followTheRecord();
        initRebalancing();
        followTheMarket();
        sendWhatIsRecorded();
        if (trading)
            connectToTheVenue();
        else if (m_fix)
            Q_EMIT m_engine.venueConnectionChanged(VenueConnection{false, QStringLiteral("read-only: no venue session")});
        if (m_feed)
            m_feed->start();
        startTimers();
        m_killSwitch = killSwitchMode();
        Q_EMIT m_engine.killSwitchChanged(m_killSwitch);
        publishTradeDate();
        Q_EMIT m_engine.started();
    }

    // The desk's accounts, the simulated desks' own (demo) and the default rules, opened once by the system.
    void openTheDesk()
    {
        // A failure here (the store halted, another workstation opening the same) is met again by
        // the first order on the account, which says why.
        (void)m_desk.open(m_traders ? m_traders->accounts() : QList<Account>{}, Actor::system());
    }

    // What the order manager records (here or learnt from the store) goes to the panels; in a
    // trading session the bracket monitor works every open bracket from now on.
    void followTheRecord()
    {
        connect(&m_oms, &OrderManager::orderChanged, this, [this](const QString &id) { m_changed.insert(id); });
        if (m_engine.canTrade()) // a read-only workstation shows brackets; the trader's workstation works them
            m_desk.workBrackets();
        connect(&m_brackets, &BracketMonitor::problem, &m_engine, &TradingEngine::problem);
        connect(&m_brackets, &BracketMonitor::bracketChanged, this, [this](const QString &id) { m_changedBrackets.insert(id); });
        // Recorded here or learnt from the store (another workstation): the same to the screens.
        const auto applied = [this](const QList<RecordedEvent> &recorded) {
            for (const RecordedEvent &e : recorded)
                if (BracketBook::isBracketEvent(e.type))
                    m_changedBrackets.insert(e.correlationId);
            m_portfolioDirty = true; // the kill switch, and the accounts and positions changed
        };
        connect(&m_oms, &OrderManager::recorded, this, applied);
        connect(&m_oms, &OrderManager::learnt, this, [this, applied](const QList<RecordedEvent> &learnt) {
            applied(learnt);
            m_learntSinceSnapshot = true; // published with the next batch, not at the next half second
        });
        connect(&m_oms, &OrderManager::feedProblem, this, [this](const QString &message) {
            if (!message.isEmpty()) // empty: the feed recovered, and caught up
                Q_EMIT m_engine.problem(message);
        });
        connect(&m_settlement, &SettlementWorker::problem, &m_engine, &TradingEngine::problem);
        followTheStore();
    }

    // A write the store could not make halts trading (OrderManager::StoreHalt); the engine tries
    // the store again every second, without spinning, until it records and trading resumes.
    void followTheStore()
    {
        m_storeRetry.setInterval(1000);
        connect(&m_storeRetry, &QTimer::timeout, this, [this] {
            if (Status s = m_oms.resumeAfterStoreHalt(); s)
                m_storeRetry.stop();
        });
        connect(&m_oms, &OrderManager::storeHaltChanged, this, [this](bool halted, const QString &reason) {
            if (halted) {
                m_storeRetry.start();
                Q_EMIT m_engine.problem(QStringLiteral("trading halted: the store cannot record (%1)").arg(reason));
            } else {
                m_storeRetry.stop();
                Q_EMIT m_engine.problem(QStringLiteral("the store records again: trading resumes"));
            }
            m_portfolioDirty = true; // the next publish sends the kill switch as it now is
            Q_EMIT m_engine.storeHaltChanged(halted, reason);
        });
    }

    // The kill switch as it acts now: halted while the store cannot record, else as recorded.
    QString killSwitchMode() const { return m_oms.storeHalt() ? QStringLiteral("halted") : m_oms.state().killSwitch(); }

    // Quotes, trades and bars from the simulated venue or the feed; screener alerts are recorded
    // by a trading session (by the system) and only shown in a read-only one.
    void followTheMarket()
    {
        if (m_simulated)
            connectMarketData(m_simulated);
        if (m_feed) {
            connectMarketData(m_feed);
            connect(m_feed, &WebSocketFeed::depth, this,
                    [this](const QString &instrument, const QList<LevelView> &bids, const QList<LevelView> &asks) {
                        if (instrument != m_depthInstrument)
                            return;
                        m_feedDepth = {bids, asks};
                        m_feedDepthDirty = true;
                    });
            connect(m_feed, &WebSocketFeed::statusChanged, &m_engine, &TradingEngine::feedStatusChanged);
            connect(m_feed, &WebSocketFeed::problem, &m_engine, &TradingEngine::problem);
        }
        if (m_fix) {
            connect(m_fix, &Venue::connectionChanged, &m_engine, &TradingEngine::venueConnectionChanged);
            connect(m_fix, &FixVenue::problem, &m_engine, &TradingEngine::problem);
        }
        const auto recordAlert = [this](const QString &type, const Alert &a) {
            if (m_engine.canTrade()) { // read-only: shown, not recorded (a trading workstation records it)
                AppendRequest r;
                r.streamId = QStringLiteral("alerts");
                r.events.append(NewEvent::make(type, a.toJson(), Actor{QStringLiteral("screener"), QStringLiteral("system")}));
                (void)m_engine.m_store.append(std::move(r));
            }
            m_alerts.append(a);
        };
        connect(&m_screener, &Screener::alert, this, [recordAlert](const Alert &a) { recordAlert(QStringLiteral("ScreenerAlert"), a); });
        connect(&m_traderAlerts, &TraderAlerts::alert, this, [recordAlert](const Alert &a) { recordAlert(QStringLiteral("TraderAlert"), a); });
        connect(&m_traderAlerts, &TraderAlerts::rulesChanged, this, [this](const QList<AlertRule> &rules, int quietMinutes) {
            m_screener.setBreakoutQuietMinutes(quietMinutes);
            Q_EMIT m_engine.alertRulesUpdated(rules, quietMinutes);
        });
        if (Status s = m_traderAlerts.load(); !s)
            Q_EMIT m_engine.problem(s.message());
    }

    // Everything already recorded, in entry order (sorted here, not on the GUI thread), as one
    // list: the blotter keeps it as it is (shared), so a million orders are not copied again.
    // Brackets first: a view of brackets keeps the orders of the brackets it knows.
    void sendWhatIsRecorded()
    {
        Q_EMIT m_engine.bracketsUpdated(m_oms.state().brackets().all().values());
        Q_EMIT m_engine.ordersUpdated(m_oms.state().orders().inEntryOrder());
        m_executionsSent = m_oms.state().executionsTotal();
        (void)m_oms.takeSettledExecutions(); // the rows sent next already say so
        if (!m_oms.state().executions().isEmpty())
            Q_EMIT m_engine.executionsAdded(m_oms.state().executions());
        // The exceptions recorded before: shown, not alerted again.
        m_exceptionsSent = m_oms.state().exceptionsTotal();
        m_openExceptionsSent = m_oms.state().openExceptions();
        Q_EMIT m_engine.exceptionsUpdated(m_oms.state().executionExceptions());
        if (m_simulated)
            for (const Instrument *i : m_engine.m_reference.instruments())
                m_quotes.insert(i->id, m_simulated->topOfBook(i->id));
        m_portfolioWhole = true;
        publishSnapshot();
        publish();
    }

    // Live, a trading session: the FIX session (which reconciles its open orders at logon) and the drop copy.
    void connectToTheVenue()
    {
        if (m_fix) {
            Q_EMIT m_engine.venueConnectionChanged(m_fix->connection());
            if (Status s = m_fix->start(); !s)
                Q_EMIT m_engine.problem(s.message());
        }
        if (m_dropCopy) {
            connect(m_dropCopy, &FixVenue::problem, this, [this](const QString &p) { Q_EMIT m_engine.problem(QStringLiteral("drop copy: ") + p); });
            if (Status s = m_dropCopy->start(); !s)
                Q_EMIT m_engine.problem(QStringLiteral("drop copy: ") + s.message());
        }
    }

    void startTimers()
    {
        // Demo: the simulated market moves on each step. Live: the step only settles what is due.
        m_step.setInterval(m_simulated ? m_engine.m_options.stepIntervalMs : 5000);
        connect(&m_step, &QTimer::timeout, this, [this] {
            if (m_simulated)
                m_simulated->step(m_engine.m_options.stepMicros);
            if (m_engine.canTrade()) { // a read-only (compliance) workstation records nothing
                m_settlement.settleNow();            // trades due, coupons, principal, expiries
                m_brackets.onClock(m_venue->nowUs()); // time exits
            }
            publishTradeDate();
        });
        m_step.start();
        m_publish.setInterval(m_engine.m_options.publishIntervalMs);
        connect(&m_publish, &QTimer::timeout, this, &Core::publish);
        m_publish.start();
        if (m_traders) {
            // Other desks trading in demo mode (on their own accounts), so the screens move from the first seconds.
            m_flowPrefix = QStringLiteral("SIM-%1").arg(m_engine.m_clock.nowUs() / 1000);
            m_flow.setInterval(m_engine.m_options.demoFlowIntervalMs);
            connect(&m_flow, &QTimer::timeout, this, [this] {
                const Actor bot{QStringLiteral("simulated-desk"), QStringLiteral("trader")};
                m_oms.submit(m_traders->next(m_flowCount++, m_oms, *m_simulated, m_flowPrefix, bot));
            });
            m_flow.start();
        }
        m_lag.setInterval(1000);
        connect(&m_lag, &QTimer::timeout, this, [this] {
            if (m_feed) // the age of the last message, for the status bar
                Q_EMIT m_engine.feedStatusChanged(m_feed->status());
            if (auto head = m_engine.m_store.head())
                Q_EMIT m_engine.lagMeasured(std::max<qint64>(0, head->sequence - m_oms.state().lastSequence()));
        });
        m_lag.start();
        m_snapshotTimer.setInterval(500);
        connect(&m_snapshotTimer, &QTimer::timeout, this, &Core::publishSnapshot);
        m_snapshotTimer.start();
    }

    void republish()
    {
        Q_EMIT m_engine.ordersUpdated(m_oms.state().orders().inEntryOrder());
        Q_EMIT m_engine.bracketsUpdated(m_oms.state().brackets().all().values());
        Q_EMIT m_engine.executionsAdded(m_oms.state().executions());
        Q_EMIT m_engine.exceptionsUpdated(m_oms.state().executionExceptions());
        Q_EMIT m_engine.alertRulesUpdated(m_traderAlerts.rules(), m_traderAlerts.breakoutQuietMinutes());
        m_approvalsSent = false;
        publishApprovals();
        m_portfolioWhole = true;
    }

    Status setScreenerRules(const QJsonArray &rules) { return m_screener.setRules(rules); }

    // The traders' alert rules: recorded by the engine's actor; compliance only reads them.
    Status changeAlerts(const std::function<Status(TraderAlerts &, const Actor &)> &change)
    {
        if (!m_engine.canTrade())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("a read-only session sets no alerts"));
        return change(m_traderAlerts, m_engine.m_options.actor);
    }

    void shutdown()
    {
        m_step.stop();
        m_flow.stop();
        m_lag.stop();
        m_storeRetry.stop();
        m_publish.stop();
        m_snapshotTimer.stop();
        if (m_feed)
            m_feed->stop();
        if (m_fix)
            m_fix->stop(); // records the reports still arriving while the session logs out
        if (m_dropCopy)
            m_dropCopy->stop();
        publish();
    }

    void publish()
    {
        if (!m_changedBrackets.isEmpty()) {
            QList<BracketRecord> brackets;
            for (const QString &id : std::as_const(m_changedBrackets))
                if (const BracketRecord *b = m_oms.state().brackets().bracket(id))
                    brackets.append(*b);
            m_changedBrackets.clear();
            if (!brackets.isEmpty())
                Q_EMIT m_engine.bracketsUpdated(brackets);
        }
        publishRebalancing();
        if (!m_changed.isEmpty()) {
            QList<OrderRef> orders;
            orders.reserve(m_changed.size());
            for (const QString &id : std::as_const(m_changed))
                if (OrderRef o = m_oms.state().orderRef(id); !o.isNull())
                    orders.append(std::move(o)); // shared with the state until it changes the order again
            m_changed.clear();
            sortByEntry(orders);
            Q_EMIT m_engine.ordersUpdated(orders);
        }
        // New executions, then those settled since (the panel updates a row it holds in place).
        FillRows executions = m_oms.state().executionsSince(m_executionsSent);
        m_executionsSent = m_oms.state().executionsTotal();
        for (FillRecord &settled : m_oms.takeSettledExecutions())
            executions.append(std::move(settled));
        if (!executions.isEmpty())
            Q_EMIT m_engine.executionsAdded(executions);
        // What another workstation recorded reaches the previews and risk soon (at most ~10 copies a second).
        if (m_learntSinceSnapshot && m_snapshotAge.elapsed() >= 100)
            publishSnapshot();
        collectPortfolioChanges();
        // Not again while the GUI has not taken the last (the last publish, at shutdown, goes
        // regardless): what changes meanwhile goes in the next.
        if ((m_portfolioDirty || m_portfolioWhole) && (!m_portfolioDelivery.inFlight() || !m_publish.isActive())) {
            m_portfolioDirty = false;
            publishPortfolio();
            if (killSwitchMode() != m_killSwitch) {
                m_killSwitch = killSwitchMode();
                Q_EMIT m_engine.killSwitchChanged(m_killSwitch);
            }
        }
        publishMarket();
        publishExceptions(); // before the alerts: a new exception raises one
        if (!m_alerts.isEmpty())
            Q_EMIT m_engine.alertsRaised(std::exchange(m_alerts, {})); // not clear(): that keeps a shared list's block
    }

    // The market: the newest quote of each instrument, the prints and bars since, the depth shown.
    // Not again while the GUI has not taken the last (the last publish, at shutdown, goes
    // regardless): a GUI thread busy for a while (a long log loading) gets the newest quotes
    // once, not every one it missed queued behind it.
    void publishMarket()
    {
        if (m_marketDelivery.inFlight() && m_publish.isActive())
            return;
        bool sent = false;
        if (!m_quotes.isEmpty()) {
            QList<Quote> quotes = m_quotes.values();
            m_quotes = {};
            addYields(quotes);
            Q_EMIT m_engine.quotesUpdated(quotes);
            sent = true;
        }
        if (!m_trades.isEmpty()) {
            Q_EMIT m_engine.tradesPrinted(std::exchange(m_trades, {}));
            sent = true;
        }
        if (!m_bars.isEmpty()) {
            Q_EMIT m_engine.barsClosed(std::exchange(m_bars, {}));
            sent = true;
        }
        if (m_feedDepthDirty) {
            m_feedDepthDirty = false;
            Q_EMIT m_engine.depthUpdated(m_depthInstrument, m_feedDepth.first, m_feedDepth.second);
            sent = true;
        }
        if (!m_depthInstrument.isEmpty() && m_simulated) {
            if (const venue::OrderBook *book = m_simulated->book(m_depthInstrument)) {
                const auto bids = book->depth(Side::Buy, 10);
                const auto asks = book->depth(Side::Sell, 10);
                Q_EMIT m_engine.depthUpdated(m_depthInstrument, QList<LevelView>(bids.begin(), bids.end()),
                                             QList<LevelView>(asks.begin(), asks.end()));
                sent = true;
            }
        }
        if (sent)
            m_marketDelivery.sent();
    }

    // The accounts and positions the state changed since last taken, kept until sent. Coupons,
    // principal and expiries to come follow the holdings: the list is made again when one changed.
    void collectPortfolioChanges()
    {
        TradingState::PortfolioChanges changed = m_oms.takePortfolioChanges();
        if (changed.isEmpty())
            return;
        m_portfolioDirty = true;
        if (!changed.positions.isEmpty())
            m_lifecycleDirty = true;
        m_portfolioPending.accounts.unite(changed.accounts);
        m_portfolioPending.positions.unite(changed.positions);
    }

    // Every account and position the first time and after a republish; then those changed, as
    // they are now (a position the state no longer holds goes as empty: its row goes).
    void publishPortfolio()
    {
        const TradingState &state = m_oms.state();
        const bool whole = std::exchange(m_portfolioWhole, false);
        const TradingState::PortfolioChanges changed = std::exchange(m_portfolioPending, {});
        QList<AccountRecord> accounts;
        QList<PositionRecord> positions;
        if (whole) {
            accounts = state.accounts().values();
            positions = state.positions().values();
        } else {
            accounts.reserve(changed.accounts.size());
            for (const QString &id : changed.accounts)
                if (const AccountRecord *a = state.account(id))
                    accounts.append(*a);
            positions.reserve(changed.positions.size());
            for (const auto &[account, instrument] : changed.positions) {
                if (const PositionRecord *p = state.position(account, instrument)) {
                    positions.append(*p);
                } else {
                    PositionRecord gone;
                    gone.account = account;
                    gone.instrument = instrument;
                    positions.append(gone);
                }
            }
            if (accounts.isEmpty() && positions.isEmpty())
                return;
        }
        Q_EMIT m_engine.portfolioUpdated(accounts, positions, whole);
        m_portfolioDelivery.sent();
    }

    // The execution exceptions again when one was added or acknowledged since last sent (here or
    // by another workstation of the desk), and an alert for each new one.
    void publishExceptions()
    {
        const TradingState &state = m_oms.state();
        const qint64 total = state.exceptionsTotal();
        const qint64 open = state.openExceptions();
        if (total == m_exceptionsSent && open == m_openExceptionsSent)
            return;
        const QList<TradingState::ExceptionEntry> &rows = state.executionExceptions();
        const qint64 fresh = std::min<qint64>(std::max<qint64>(0, total - m_exceptionsSent), rows.size());
        // A burst (a venue replaying a day of reports) is one alert, not hundreds.
        constexpr qint64 Burst = 20;
        if (fresh > Burst) {
            Alert a;
            a.id = QStringLiteral("X%1").arg(rows.constLast().sequence);
            a.rule = QStringLiteral("execution_exception");
            a.kind = QStringLiteral("execution_exception");
            a.message = QStringLiteral("%1 execution exceptions: see the blotter's Exceptions tab").arg(fresh);
            a.value = double(fresh);
            a.timeUs = rows.constLast().recordedUs;
            m_alerts.append(a);
        }
        for (qsizetype r = fresh > Burst ? rows.size() : rows.size() - fresh; r < rows.size(); ++r) {
            const TradingState::ExceptionEntry &e = rows.at(r);
            if (!e.acknowledgedBy.isEmpty())
                continue;
            const OrderRecord *order = state.order(e.orderId);
            Alert a;
            a.id = QStringLiteral("X%1").arg(e.sequence);
            a.rule = QStringLiteral("execution_exception");
            a.kind = QStringLiteral("execution_exception");
            a.instrument = order ? order->instrument.text() : QString();
            a.message = QStringLiteral("Execution exception: %1, order %2: %3")
                            .arg(e.kind, e.orderId.isEmpty() ? QStringLiteral("?") : e.orderId, e.came);
            a.timeUs = e.recordedUs;
            m_alerts.append(a);
        }
        m_exceptionsSent = total;
        m_openExceptionsSent = open;
        Q_EMIT m_engine.exceptionsUpdated(rows);
    }

    void publishTradeDate()
    {
        if (const QDate date = m_venue->tradeDate(); date != m_tradeDate) {
            m_tradeDate = date;
            m_lifecycleDirty = true;
            Q_EMIT m_engine.tradeDateChanged(date);
        }
        if (m_lifecycleDirty && !m_lifecycleDelivery.inFlight()) {
            m_lifecycleDirty = false;
            const QList<TradingState::LifecycleEntry> &done = m_oms.state().lifecycle();
            QList<TradingState::LifecycleEntry> rows = done.mid(std::max<qsizetype>(0, done.size() - 500));
            rows += InstrumentLifecycle(m_oms.state(), m_engine.m_reference).upcoming(m_tradeDate, 45);
            if (rows != m_lifecycleSent) {
                m_lifecycleSent = rows;
                Q_EMIT m_engine.lifecycleUpdated(rows);
                m_lifecycleDelivery.sent();
            }
        }
    }

    // Treasuries are read in yield: priced here, on the engine's thread, never while painting.
    void addYields(QList<Quote> &quotes) const
    {
        const QDate today = m_engine.clock().tradeDate();
        for (Quote &q : quotes) {
            const Instrument *i = m_engine.m_reference.instrument(q.instrument);
            if (!i || !isTreasury(i->kind) || !q.bid || !q.ask)
                continue;
            const QDate settle = analytics::settlementDate(*i, today);
            const Price mid((q.bid->value() + q.ask->value()) / 2 / i->tickSize * i->tickSize);
            q.yieldPercent = analytics::yieldPercent(*i, mid, settle);
            const auto before = analytics::yieldPercent(*i, i->referencePrice, settle);
            if (q.yieldPercent && before)
                q.yieldChangeBp = (*q.yieldPercent - *before) * 100.0;
        }
    }

    void publishSnapshot()
    {
        m_learntSinceSnapshot = false;
        m_snapshotAge.start();
        auto copy = std::make_shared<const TradingState>(m_oms.state().recentCopy());
        {
            QMutexLocker lock(&m_engine.m_snapshotMutex);
            m_engine.m_snapshot = copy;
        }
        publishApprovals();
    }

    // Four eyes: the requests, whenever one is made or decided.
    void publishApprovals()
    {
        Sequence newest = 0;
        for (const ApprovalRequest &r : m_oms.state().approvals())
            newest = std::max(newest, r.lastSequence);
        if (newest == m_approvalsSeen && m_approvalsSent)
            return;
        m_approvalsSeen = newest;
        m_approvalsSent = true;
        Q_EMIT m_engine.approvalsUpdated(m_oms.state().approvals().values());
    }

    void submit(NewOrderCommand c)
    {
        if (!m_engine.canTrade()) {
            CommandOutcome out;
            out.orderId = c.clientOrderId;
            out.reason = QStringLiteral("the %1 role cannot send orders").arg(m_engine.m_options.actor.role);
            Q_EMIT m_engine.commandFinished(out);
            return;
        }
        c.actor = m_engine.m_options.actor;
        Q_EMIT m_engine.commandFinished(m_oms.submit(c));
    }

    void cancel(const QString &id)
    {
        if (!m_engine.canTrade())
            return;
        Q_EMIT m_engine.commandFinished(m_oms.cancel(id, m_engine.m_options.actor));
    }

    void decideApproval(const QString &id, bool approve, const QString &reason)
    {
        if (!m_engine.canTrade())
            return;
        const Actor &me = m_engine.m_options.actor;
        Q_EMIT m_engine.commandFinished(approve ? m_oms.approve(id, me) : m_oms.refuseApproval(id, reason, me));
        publishApprovals();
    }

    void cancelAll(const QString &instrument)
    {
        if (!m_engine.canTrade())
            return;
        // A bracket's orders go with their bracket: its take-profit cancelled alone would be
        // placed again and its stop would still fire. Stopped, the bracket cancels its working
        // orders and leaves the position as it is. One already exiting is left to finish.
        QSet<QString> brackets;
        for (const BracketRecord &b : m_oms.state().brackets().all())
            if (b.isOpen() && b.phase != BracketPhase::Exiting && (instrument.isEmpty() || b.instrument == instrument))
                if (const OrderRecord *entry = m_oms.state().order(b.id); entry && m_oms.isOwnWork(*entry))
                    brackets.insert(b.id);
        QStringList ids;
        for (const OrderRecord &o : m_oms.state().orders())
            if (isWorking(o.state) && o.state != OrderState::PendingCancel && (instrument.isEmpty() || o.instrument == instrument)
                && m_oms.isOwnWork(o) // another workstation's rest at its venue: cancelled there
                && !brackets.contains(o.parent.isEmpty() ? o.orderId : o.parent.text()))
                ids << o.orderId;
        ids.sort();
        QStringList stopped = brackets.values();
        stopped.sort();
        for (const QString &id : std::as_const(stopped))
            Q_EMIT m_engine.commandFinished(m_brackets.cancel(id, m_engine.m_options.actor));
        for (const QString &id : std::as_const(ids))
            Q_EMIT m_engine.commandFinished(m_oms.cancel(id, m_engine.m_options.actor));
    }

    void replace(const QString &id, std::optional<qint64> quantity, const QString &limit)
    {
        if (!m_engine.canTrade())
            return;
        Q_EMIT m_engine.commandFinished(m_oms.replace(id, quantity, limit, m_engine.m_options.actor));
    }

    // Brackets: the trader's commands on an open bracket.
    void amendBracket(const QString &id, const BracketTerms &terms)
    {
        if (m_engine.canTrade())
            Q_EMIT m_engine.commandFinished(m_brackets.amend(id, terms, m_engine.m_options.actor));
    }
    void exitBracket(const QString &id)
    {
        if (m_engine.canTrade())
            Q_EMIT m_engine.commandFinished(m_brackets.exitNow(id, m_engine.m_options.actor));
    }
    void cancelBracket(const QString &id)
    {
        if (m_engine.canTrade())
            Q_EMIT m_engine.commandFinished(m_brackets.cancel(id, m_engine.m_options.actor));
    }

    void acknowledgeException(Sequence sequence, const QString &note)
    {
        if (!m_engine.canTrade()) {
            Q_EMIT m_engine.problem(QStringLiteral("the %1 role cannot acknowledge execution exceptions").arg(m_engine.m_options.actor.role));
            return;
        }
        if (Status s = m_oms.acknowledgeException(sequence, note, m_engine.m_options.actor); !s)
            Q_EMIT m_engine.problem(QStringLiteral("Acknowledging exception %1: %2").arg(sequence).arg(s.message()));
        // The next publish sends the list with it acknowledged.
    }

    // The kill switch, set by a trader (with the reason): an event on the compliance stream.
    void setKillSwitch(KillSwitch mode, const QString &reason)
    {
        if (!m_engine.canTrade()) {
            Q_EMIT m_engine.problem(QStringLiteral("the %1 role cannot set the kill switch").arg(m_engine.m_options.actor.role));
            return;
        }
        if (reason.trimmed().isEmpty()) {
            Q_EMIT m_engine.problem(QStringLiteral("the kill switch needs a reason"));
            return;
        }
        if (Status s = m_oms.setKillSwitch(mode, reason.trimmed(), m_engine.m_options.actor); !s)
            Q_EMIT m_engine.problem(QStringLiteral("Setting the kill switch: %1").arg(s.message()));
        // The next publish sends the new mode (killSwitchChanged).
    }

    void watchDepth(const QString &instrument)
    {
        m_depthInstrument = instrument;
        m_feedDepth = {};
        if (m_feed)
            m_feed->watchDepth(instrument);
    }

    // ---- portfolio targets and rebalance proposals ----
    void initRebalancing()
    {
        qRegisterMetaType<instant::PortfolioTargets>();
        qRegisterMetaType<QList<instant::RebalanceProposal>>();
        m_rebalancing = std::make_unique<PortfolioDesk>(m_engine.m_store, m_engine.m_reference, m_oms);
        QStringList accounts = m_oms.state().accounts().keys();
        accounts.sort();
        if (Status s = m_rebalancing->start(accounts); !s)
            Q_EMIT m_engine.problem(s.message());
        for (const QString &a : std::as_const(accounts))
            m_rebalanceDirty.insert(a);
        // A proposal's lines show their orders: they change as the orders work and fill.
        connect(&m_oms, &OrderManager::orderChanged, this, [this](const QString &id) {
            if (id.startsWith(QStringLiteral("RB-")))
                if (const OrderRecord *o = m_oms.state().order(id))
                    m_rebalanceDirty.insert(o->account);
        });
        if (m_feed)
            connect(m_feed, &WebSocketFeed::quote, this, [this](const Quote &q) {
                if (auto mark = midOf(q))
                    m_liveMarks.insert(q.instrument, *mark);
            });
    }

    static std::optional<Price> midOf(const Quote &q)
    {
        if (q.bid && q.ask)
            return Price((q.bid->value() + q.ask->value()) / 2);
        if (q.bid)
            return q.bid;
        return q.ask;
    }

    // Marks: the middle of the book (demo) or of the feed's last quote (live).
    QHash<QString, Price> rebalanceMarks() const
    {
        if (!m_simulated)
            return m_liveMarks;
        QHash<QString, Price> marks;
        for (const Instrument *i : m_engine.m_reference.instruments())
            if (auto mark = midOf(m_simulated->topOfBook(i->id)))
                marks.insert(i->id, *mark);
        return marks;
    }

    void publishRebalancing()
    {
        if (!m_rebalancing || m_rebalanceDirty.isEmpty())
            return;
        QStringList accounts(m_rebalanceDirty.cbegin(), m_rebalanceDirty.cend());
        m_rebalanceDirty.clear();
        accounts.sort();
        for (const QString &account : std::as_const(accounts)) {
            PortfolioTargets targets = m_rebalancing->book().targets(account).value_or(PortfolioTargets{});
            targets.account = account;
            Q_EMIT m_engine.rebalanceUpdated(account, targets, m_rebalancing->proposalsWithOrders(account));
        }
    }

    template <typename Outcome>
    void rebalanceDone(const QString &account, const Outcome &outcome)
    {
        if (!outcome)
            Q_EMIT m_engine.rebalanceRefused(account, outcome.message());
        m_rebalanceDirty.insert(account);
        publishRebalancing();
    }

    bool mayRebalance(const QString &account)
    {
        if (m_rebalancing && m_engine.canTrade())
            return true;
        Q_EMIT m_engine.rebalanceRefused(account, QStringLiteral("the %1 role cannot change portfolios").arg(m_engine.m_options.actor.role));
        return false;
    }

    QString accountOfProposal(const QString &id) const
    {
        const RebalanceProposal *p = m_rebalancing ? m_rebalancing->book().proposal(id) : nullptr;
        return p ? p->account : QString();
    }

    void setPortfolioTargets(const PortfolioTargets &targets)
    {
        if (mayRebalance(targets.account))
            rebalanceDone(targets.account, m_rebalancing->setTargets(targets, m_engine.m_options.actor));
    }

    void proposeRebalance(const QString &account)
    {
        if (!mayRebalance(account))
            return;
        Instrument treasury;
        treasury.kind = InstrumentKind::TreasuryNote;
        const QDate settle = analytics::settlementDate(treasury, m_venue->tradeDate());
        rebalanceDone(account, m_rebalancing->propose(account, rebalanceMarks(), settle, m_engine.m_options.actor));
    }

    void editRebalance(const QString &id, const QList<RebalanceEdit> &edits)
    {
        const QString account = accountOfProposal(id);
        if (mayRebalance(account))
            rebalanceDone(account, m_rebalancing->edit(id, edits, m_engine.m_options.actor));
    }

    void acceptRebalance(const QString &id, const QList<RuleOverride> &overrides)
    {
        const QString account = accountOfProposal(id);
        if (mayRebalance(account))
            rebalanceDone(account, m_rebalancing->accept(id, overrides, m_engine.m_options.actor));
    }

    void rejectRebalance(const QString &id, const QString &reason)
    {
        const QString account = accountOfProposal(id);
        if (mayRebalance(account))
            rebalanceDone(account, m_rebalancing->reject(id, reason, m_engine.m_options.actor));
    }

    void requestRebalance(const QString &account)
    {
        m_rebalanceDirty.insert(account);
        publishRebalancing();
    }
    // ---- end of portfolio ----

    // The order manager's own pre-trade check of an order, as the ticket shows it.
    OrderPreview preview(const NewOrderCommand &command) const
    {
        const OrderTerms terms = command.terms();
        return previewOf(m_oms.check(terms), terms);
    }

private:
    TradingEngine &m_engine;
    Venue *m_venue;             // a child: SimulatedVenue in demo mode, FixVenue live
    SimulatedVenue *m_simulated; // null live
    FixVenue *m_fix;             // null in demo mode
    FixVenue *m_dropCopy = nullptr; // live, when the desk has one
    WebSocketFeed *m_feed = nullptr;
    QString m_depthInstrument;
    std::pair<QList<LevelView>, QList<LevelView>> m_feedDepth;
    bool m_feedDepthDirty = false;
    TradingDesk m_desk; // a child: the order manager, settlement and the bracket monitor, wired once
    OrderManager &m_oms;
    SettlementWorker &m_settlement;
    BracketMonitor &m_brackets;
    QSet<QString> m_changedBrackets;
    QTimer m_step, m_publish, m_snapshotTimer, m_flow, m_lag, m_storeRetry;
    Sequence m_approvalsSeen = 0;
    bool m_approvalsSent = false;
    Screener m_screener;
    QList<Alert> m_alerts;
    TraderAlerts m_traderAlerts;
    std::unique_ptr<SimulatedTraders> m_traders;
    QString m_flowPrefix;
    int m_flowCount = 0;
    QSet<QString> m_changed;
    qint64 m_executionsSent = 0; // TradingState::executionsTotal() when last sent
    qint64 m_exceptionsSent = 0;     // TradingState::exceptionsTotal() when last sent
    qint64 m_openExceptionsSent = 0; // and openExceptions()
    QHash<QString, Quote> m_quotes;
    QList<TradePrint> m_trades;
    QList<Bar> m_bars;
    bool m_portfolioDirty = false;
    bool m_portfolioWhole = true; // every account and position in the next (the first, a republish)
    TradingState::PortfolioChanges m_portfolioPending; // changed, not sent yet
    GuiDelivery m_portfolioDelivery{&m_engine}, m_lifecycleDelivery{&m_engine}, m_marketDelivery{&m_engine};
    bool m_learntSinceSnapshot = false; // events learnt from the store since the last snapshot
    QElapsedTimer m_snapshotAge;
    QString m_killSwitch;
    QDate m_tradeDate; // last sent by tradeDateChanged
    bool m_lifecycleDirty = true;
    QList<TradingState::LifecycleEntry> m_lifecycleSent;
    // ---- portfolio targets and rebalance proposals ----
    std::unique_ptr<PortfolioDesk> m_rebalancing;
    QSet<QString> m_rebalanceDirty; // accounts whose targets or proposals changed since last sent
    QHash<QString, Price> m_liveMarks;
    // ---- end of portfolio ----
};

TradingEngine::TradingEngine(EventStore &store, const ReferenceData &reference, const Clock &clock, EngineOptions options,
                             QObject *parent)
    : QObject(parent), m_store(store), m_reference(reference), m_clock(clock), m_options(std::move(options)),
      m_marketClock(m_options.startUs ? m_options.startUs : clock.nowUs())
{
    static const int registered = [] {
        qRegisterMetaType<instant::OrderRecord>();
        qRegisterMetaType<QList<instant::OrderRecord>>();
        qRegisterMetaType<QList<instant::OrderRef>>();
        qRegisterMetaType<QList<instant::ApprovalRequest>>();
        qRegisterMetaType<QList<instant::FillRecord>>();
        qRegisterMetaType<instant::FillRows>();
        qRegisterMetaType<QList<instant::BracketRecord>>();
        qRegisterMetaType<QList<instant::AccountRecord>>();
        qRegisterMetaType<QList<instant::PositionRecord>>();
        qRegisterMetaType<QList<instant::Quote>>();
        qRegisterMetaType<QList<instant::TradePrint>>();
        qRegisterMetaType<QList<instant::Bar>>();
        qRegisterMetaType<QList<instant::LevelView>>();
        qRegisterMetaType<instant::CommandOutcome>();
        qRegisterMetaType<QList<instant::TradingState::LifecycleEntry>>();
        qRegisterMetaType<QList<instant::TradingState::ExceptionEntry>>();
        qRegisterMetaType<QList<instant::Alert>>();
        qRegisterMetaType<instant::VenueConnection>();
        qRegisterMetaType<instant::FeedStatus>();
        return 0;
    }();
    Q_UNUSED(registered);
    m_thread.setObjectName(QStringLiteral("instant-engine"));
}

TradingEngine::~TradingEngine()
{
    stop();
}

void TradingEngine::start()
{
    if (m_core)
        return;
    m_thread.start();
    m_core = new Core(*this);
    m_core->moveToThread(&m_thread);
    QMetaObject::invokeMethod(m_core, [core = m_core] { core->init(); }, Qt::QueuedConnection);
}

void TradingEngine::stop()
{
    if (!m_core)
        return;
    Core *core = m_core;
    m_core = nullptr;
    QMetaObject::invokeMethod(core, [core] {
        core->shutdown();
        delete core;
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QObject *TradingEngine::engineThreadObject() const
{
    return m_core;
}

bool TradingEngine::isRunning() const
{
    return m_core != nullptr;
}

void TradingEngine::submit(const NewOrderCommand &command)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, command] { core->submit(command); }, Qt::QueuedConnection);
}

void TradingEngine::cancel(const QString &orderId)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, orderId] { core->cancel(orderId); }, Qt::QueuedConnection);
}

void TradingEngine::approveOrder(const QString &requestId)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, requestId] { core->decideApproval(requestId, true, {}); }, Qt::QueuedConnection);
}

void TradingEngine::refuseOrder(const QString &requestId, const QString &reason)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, requestId, reason] { core->decideApproval(requestId, false, reason); },
                                  Qt::QueuedConnection);
}

void TradingEngine::cancelAll(const QString &instrument)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, instrument] { core->cancelAll(instrument); }, Qt::QueuedConnection);
}

void TradingEngine::replace(const QString &orderId, std::optional<qint64> quantity, const QString &limitPrice)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, orderId, quantity, limitPrice] { core->replace(orderId, quantity, limitPrice); },
                                  Qt::QueuedConnection);
}

void TradingEngine::amendBracket(const QString &id, const BracketTerms &terms)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, id, terms] { core->amendBracket(id, terms); }, Qt::QueuedConnection);
}

void TradingEngine::exitBracket(const QString &id)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, id] { core->exitBracket(id); }, Qt::QueuedConnection);
}

void TradingEngine::cancelBracket(const QString &id)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, id] { core->cancelBracket(id); }, Qt::QueuedConnection);
}

void TradingEngine::setScreenerRules(const QJsonArray &rules)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [this, core = m_core, rules] {
            if (Status s = core->setScreenerRules(rules); !s)
                Q_EMIT problem(s.message());
        }, Qt::QueuedConnection);
}

void TradingEngine::setAlertRule(const AlertRule &rule)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [this, core = m_core, rule] {
            const Status s = core->changeAlerts([&rule](TraderAlerts &alerts, const Actor &actor) -> Status {
                if (auto set = alerts.set(rule, actor); !set)
                    return set.error();
                return Done{};
            });
            if (!s)
                Q_EMIT problem(s.message());
        }, Qt::QueuedConnection);
}

void TradingEngine::removeAlertRule(const QString &ruleId)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [this, core = m_core, ruleId] {
            if (Status s = core->changeAlerts([&ruleId](TraderAlerts &alerts, const Actor &actor) { return alerts.remove(ruleId, actor); }); !s)
                Q_EMIT problem(s.message());
        }, Qt::QueuedConnection);
}

void TradingEngine::setBreakoutQuietMinutes(int minutes)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [this, core = m_core, minutes] {
            if (Status s = core->changeAlerts([minutes](TraderAlerts &alerts, const Actor &actor) {
                    return alerts.setBreakoutQuietMinutes(minutes, actor);
                }); !s)
                Q_EMIT problem(s.message());
        }, Qt::QueuedConnection);
}

void TradingEngine::acknowledgeException(qint64 sequence, const QString &note)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, sequence, note] { core->acknowledgeException(sequence, note); },
                                  Qt::QueuedConnection);
}

void TradingEngine::recordRead(const events::ReadRecord &read)
{
    if (!m_core)
        return;
    QMetaObject::invokeMethod(m_core, [this, read] {
        m_store.appendAsync(read.appendRequest(m_options.actor)).then(this, [this](const Result<AppendResult> &recorded) {
            const QString why = recorded ? QString() : recorded.message();
            if (why == m_readsFailing)
                return;
            m_readsFailing = why;
            Q_EMIT problem(why.isEmpty() ? tr("Reads are recorded in the audit log again.")
                                         : tr("A read could not be recorded in the audit log: %1").arg(why));
        });
    }, Qt::QueuedConnection);
}

void TradingEngine::setKillSwitch(KillSwitch mode, const QString &reason)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, mode, reason] { core->setKillSwitch(mode, reason); }, Qt::QueuedConnection);
}

void TradingEngine::republish()
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core] { core->republish(); }, Qt::QueuedConnection);
}

void TradingEngine::watchDepth(const QString &instrument)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, instrument] { core->watchDepth(instrument); }, Qt::QueuedConnection);
}

std::shared_ptr<const TradingState> TradingEngine::snapshot() const
{
    QMutexLocker lock(&m_snapshotMutex);
    return m_snapshot;
}

void TradingEngine::preview(const NewOrderCommand &command, QObject *context, std::function<void(const OrderPreview &)> answer,
                            std::function<bool()> wanted) const
{
    // The answer is delivered on the engine object's thread (the GUI's), where `context` is
    // checked: it may have gone while the engine's thread worked.
    auto deliver = [engine = const_cast<TradingEngine *>(this), context = QPointer<QObject>(context),
                    answer = std::move(answer)](const OrderPreview &p) {
        QMetaObject::invokeMethod(engine, [context, answer, p] {
            if (context)
                answer(p);
        }, Qt::QueuedConnection);
    };
    if (!m_core) {
        OrderPreview p;
        p.problem = tr("Waiting for the engine…");
        deliver(p);
        return;
    }
    QMetaObject::invokeMethod(m_core, [core = m_core, command, deliver, wanted = std::move(wanted)] {
        if (wanted && !wanted())
            return; // a newer request replaced it: latest wins
        deliver(core->preview(command));
    }, Qt::QueuedConnection);
}

// ---- portfolio targets and rebalance proposals ----

void TradingEngine::setPortfolioTargets(const PortfolioTargets &targets)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, targets] { core->setPortfolioTargets(targets); }, Qt::QueuedConnection);
}

void TradingEngine::proposeRebalance(const QString &account)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, account] { core->proposeRebalance(account); }, Qt::QueuedConnection);
}

void TradingEngine::editRebalance(const QString &proposalId, const QList<RebalanceEdit> &edits)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, proposalId, edits] { core->editRebalance(proposalId, edits); },
                                  Qt::QueuedConnection);
}

void TradingEngine::acceptRebalance(const QString &proposalId, const QList<RuleOverride> &overrides)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, proposalId, overrides] { core->acceptRebalance(proposalId, overrides); },
                                  Qt::QueuedConnection);
}

void TradingEngine::rejectRebalance(const QString &proposalId, const QString &reason)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, proposalId, reason] { core->rejectRebalance(proposalId, reason); },
                                  Qt::QueuedConnection);
}

void TradingEngine::requestRebalance(const QString &account)
{
    if (m_core)
        QMetaObject::invokeMethod(m_core, [core = m_core, account] { core->requestRebalance(account); }, Qt::QueuedConnection);
}

// ---- end of portfolio ----

} // namespace instant
