#include "mainwindow.h"

#include "aboutdialog.h"
#include "killswitchdialog.h"
#include "common/clockquality.h"
#include "common/diagnostics.h"
#include "connectiondialog.h"

#include "auditlogmodel.h"
#include "auditviewer.h"
#include "blotter.h"
#include "charts.h"
#include "alertspanel.h"
#include "approvalspanel.h"
#include "copilotpanel.h"
#include "instrumentlinks.h"
#include "watchlists.h"
#include "optionideaspanel.h"
#include "blottermodel.h"
#include "engine/tradingengine.h"
#include "depthladder.h"
#include "marketwatch.h"
#include "quitquestion.h"
#include "windowplacement.h"
#include "orderticket.h"
#include "settlementdashboard.h"
#include "rebalancepanel.h"
#include "store/eventstore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QTimeZone>
#include <QFileDialog>
#include <QJsonObject>
#include <QMessageBox>
#include <QStandardPaths>
#include <QScreen>
#include <QShowEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QInputDialog>
#include <QLineEdit>
#include <QThread>
#include <QTimer>
#include <QToolBar>

#include "theme.h"
#include "oms/tradingstate.h"
#include "store/eventstore.h"
#include <QVBoxLayout>

#include "refdata/referencedata.h"

namespace instant {

namespace {
// The status bar's mode badge: green demo, red live, amber for a book shown as of a past time.
enum class ModeBadge { Demo, Live, AsOf };
QString modeBadgeStyle(ModeBadge badge)
{
    switch (badge) {
    case ModeBadge::Demo: return QStringLiteral("background:#2e7d32;color:white;font-weight:bold");
    case ModeBadge::Live: return QStringLiteral("background:#c62828;color:white;font-weight:bold");
    case ModeBadge::AsOf: return QStringLiteral("background:#ffb300;color:black;font-weight:bold");
    }
    return {};
}
} // namespace

MainWindow::MainWindow(EventStore *store, TradingEngine *engine, const ReferenceData &reference, WorkstationOptions options,
                       QWidget *parent)
    : QMainWindow(parent), m_store(store), m_engine(engine), m_reference(reference), m_options(std::move(options))
{
    setObjectName(QStringLiteral("InstantMainWindow"));
    setWindowTitle(m_options.demo ? tr("Instant — demo") : tr("Instant"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks
                   | QMainWindow::GroupedDragging);
    setDocumentMode(true);
    resize(1440, 900);

    // No central widget: every panel is a dock the trader can move, float or tab.
    auto *centre = new QWidget(this);
    centre->setMaximumSize(0, 0);
    setCentralWidget(centre);

    m_auditViewer = new AuditViewer(store, this);
    m_auditViewer->model()->setReference(&m_reference); // prices in 32nds, quantities as the desk says them
    m_ticket = new OrderTicket(engine, reference, this);
    m_blotter = new Blotter(engine, reference, this);
    m_marketWatch = new MarketWatch(engine, reference, this);
    m_ladder = new DepthLadder(engine, reference, this);
    m_holdings = new Holdings(engine, reference, m_marketWatch->model(), this);

    QDockWidget *ticket = addPanel(QStringLiteral("OrderTicketDock"), tr("Order Ticket"), m_ticket, Qt::LeftDockWidgetArea);
    QDockWidget *watch = addPanel(QStringLiteral("MarketWatchDock"), tr("Market Watch"), m_marketWatch, Qt::LeftDockWidgetArea);
    QDockWidget *ladder = addPanel(QStringLiteral("DepthLadderDock"), tr("Depth Ladder"), m_ladder, Qt::LeftDockWidgetArea);
    m_watchlists = new Watchlists(reference, m_marketWatch->model(), this);
    QDockWidget *watchlists = addPanel(QStringLiteral("WatchlistsDock"), tr("Watchlists"), m_watchlists, Qt::LeftDockWidgetArea);
    QDockWidget *blotter = addPanel(QStringLiteral("BlotterDock"), tr("Blotter"), m_blotter, Qt::RightDockWidgetArea);
    QDockWidget *holdings = addPanel(QStringLiteral("HoldingsDock"), tr("Holdings"), m_holdings, Qt::RightDockWidgetArea);
    m_charts = new Charts(engine, reference, m_marketWatch->model(), m_holdings->model(), this);
    QDockWidget *charts = addPanel(QStringLiteral("ChartsDock"), tr("Charts"), m_charts, Qt::RightDockWidgetArea);
    QDockWidget *audit = addPanel(QStringLiteral("AuditViewerDock"), tr("Audit Log"), m_auditViewer,
                                  Qt::RightDockWidgetArea);
    m_alerts = new AlertsPanel(engine, reference, this);
    QDockWidget *alerts = addPanel(QStringLiteral("AlertsDock"), tr("Alerts"), m_alerts, Qt::RightDockWidgetArea);
    connect(m_alerts, &AlertsPanel::stageRequested, this, &MainWindow::selectInstrument); // stages, never sends
    m_copilot = new CopilotPanel(engine, m_ticket, this);
    QDockWidget *copilot = addPanel(QStringLiteral("CopilotDock"), tr("Copilot"), m_copilot, Qt::RightDockWidgetArea);
    m_settlement = new SettlementDashboard(engine, reference, this);
    QDockWidget *settlement = addPanel(QStringLiteral("SettlementDock"), tr("Settlement"), m_settlement, Qt::RightDockWidgetArea);
    m_rebalance = new RebalancePanel(engine, reference, this);
    QDockWidget *rebalance = addPanel(QStringLiteral("RebalanceDock"), tr("Rebalance"), m_rebalance, Qt::RightDockWidgetArea);
    // Option ideas for the selected stock; Stage ticket fills the ticket, the trader sends.
    m_optionIdeas = new OptionIdeasPanel(engine, reference, m_ticket, this);
    QDockWidget *optionIdeas = addPanel(QStringLiteral("OptionIdeasDock"), tr("Option Ideas"), m_optionIdeas, Qt::RightDockWidgetArea);
    m_copilot->setQuoteBoard(m_optionIdeas->quoteBoard());
    // Four eyes: orders waiting for a second person, for the approvers and the trader who asked.
    auto *approvals = new ApprovalsPanel(engine, this);
    QDockWidget *approvalsDock = addPanel(QStringLiteral("ApprovalsDock"), tr("Approvals"), approvals, Qt::RightDockWidgetArea);
    connect(approvals->model(), &ApprovalsModel::waitingForMeChanged, approvalsDock, [approvalsDock](int waiting) {
        approvalsDock->setWindowTitle(waiting > 0 ? tr("Approvals (%1)").arg(waiting) : tr("Approvals"));
        if (waiting > 0)
            approvalsDock->raise();
    });
    connect(m_ticket, &OrderTicket::instrumentChanged, m_optionIdeas, &OptionIdeasPanel::followInstrument);

    // Who looked at what: the audit viewer's reads, recorded by the engine as this session's user.
    if (engine)
        connect(m_auditViewer, &AuditViewer::readHappened, engine, &TradingEngine::recordRead);
    // "As of": the blotter and holdings as they were, computed off the GUI thread.
    connect(m_auditViewer, &AuditViewer::asOfRequested, this, [this](std::optional<TimestampUs> timeUs) {
        if (!timeUs) {
            m_blotter->setLive();
            m_holdings->setLive();
            if (m_engine)
                m_engine->republish();
            m_modeLabel->setText(m_options.demo ? tr(" DEMO ") : tr(" LIVE "));
            m_modeLabel->setStyleSheet(modeBadgeStyle(m_options.demo ? ModeBadge::Demo : ModeBadge::Live));
            return;
        }
        if (!m_store)
            return;
        QPointer<MainWindow> self(this);
        EventStore *eventStore = m_store;
        const TimestampUs at = *timeUs;
        QThread *worker = QThread::create([self, eventStore, at] {
            ReadQuery query;
            query.toTimeUs = at;
            auto state = TradingState::replay(*eventStore, query);
            if (!state)
                return;
            auto shared = std::make_shared<TradingState>(std::move(state).value());
            QList<OrderRef> orders = shared->orders().inEntryOrder(); // sorted here, not on the GUI thread
            QMetaObject::invokeMethod(qApp, [self, shared, at, orders] {
                if (!self)
                    return;
                self->m_blotter->showAsOf(orders, shared->executions(), shared->executionExceptions());
                self->m_holdings->showAsOf(shared->accounts().values(), shared->positions().values());
                self->m_modeLabel->setText(tr(" AS OF %1 ").arg(formatUtcMicros(at).left(19)));
                self->m_modeLabel->setStyleSheet(modeBadgeStyle(ModeBadge::AsOf)); // amber: not the live book
            });
        });
        connect(worker, &QThread::finished, worker, &QObject::deleteLater);
        worker->start();
    });

    // A bracket's exits are changed from the ticket.
    connect(m_blotter, &Blotter::bracketEditRequested, this, [this, ticket](const BracketRecord &b) {
        m_ticket->editBracket(b);
        ticket->show();
        ticket->raise();
    });
    // Linked panels: picking an instrument in one drives the panels of its link colour (all red
    // out of the box). A new panel that shows or picks instruments joins with one call.
    m_links = new InstrumentLinks(this);
    m_links->join(ticket, m_ticket, [this](const QString &id) { showOnTicket(id); }, &OrderTicket::instrumentChanged);
    m_links->join(watch, m_marketWatch, nullptr, &MarketWatch::instrumentSelected);
    m_links->join(watchlists, m_watchlists, nullptr, &Watchlists::instrumentSelected);
    m_links->join(ladder, m_ladder, &DepthLadder::setInstrument);
    m_links->join(blotter, m_blotter, &Blotter::setCurrentInstrument, &Blotter::instrumentSelected);
    m_links->join(charts, m_charts, &Charts::setInstrument);
    // The ladder trades with its own quantity and account, shown on it (never the ticket's), and
    // asks first for a large order as the ticket does.

    splitDockWidget(ticket, watch, Qt::Vertical);
    splitDockWidget(blotter, audit, Qt::Vertical);
    splitDockWidget(watch, watchlists, Qt::Vertical); // in sight of the market watch, to drag symbols across
    tabifyDockWidget(watch, ladder);
    tabifyDockWidget(blotter, holdings);
    tabifyDockWidget(holdings, charts);
    tabifyDockWidget(charts, settlement);
    tabifyDockWidget(settlement, rebalance);
    tabifyDockWidget(audit, alerts);
    tabifyDockWidget(alerts, copilot);
    tabifyDockWidget(copilot, optionIdeas);
    tabifyDockWidget(optionIdeas, approvalsDock);
    watch->raise();
    blotter->raise();
    audit->raise();
    m_defaultSizes = [this, ticket, watch, watchlists, blotter, audit] {
        // Sizes only take once the window has its real size, so they are applied on first show.
        const int w = width(), h = height();
        resizeDocks({ticket, blotter}, {w * 3 / 10, w * 7 / 10}, Qt::Horizontal);
        resizeDocks({ticket, watch, watchlists}, {h * 40 / 100, h * 36 / 100, h * 24 / 100}, Qt::Vertical);
        resizeDocks({blotter, audit}, {h * 55 / 100, h * 45 / 100}, Qt::Vertical);
    };

    buildMenus();
    if (engine && !engine->canTrade())
        showReadOnlyBanner();

    m_modeLabel = new QLabel(this);
    m_modeLabel->setText(m_options.demo ? tr(" DEMO ") : tr(" LIVE "));
    m_modeLabel->setObjectName(QStringLiteral("ModeBadge"));
    m_modeLabel->setStyleSheet(modeBadgeStyle(m_options.demo ? ModeBadge::Demo : ModeBadge::Live));
    m_storeLabel = new QLabel(this);
    m_roleLabel = new QLabel(this);
    m_killLabel = new QLabel(this);
    statusBar()->addWidget(m_modeLabel);
    statusBar()->addWidget(m_storeLabel, 1);
    m_lagLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_lagLabel);
    statusBar()->addPermanentWidget(m_killLabel);
    statusBar()->addPermanentWidget(m_roleLabel);
    m_venueLabel = new QLabel(this);
    m_venueLabel->setObjectName(QStringLiteral("venueStatus"));
    m_feedLabel = new QLabel(this);
    m_feedLabel->setObjectName(QStringLiteral("feedStatus"));
    if (!m_options.demo) {
        statusBar()->addPermanentWidget(m_venueLabel);
        statusBar()->addPermanentWidget(m_feedLabel);
    } else {
        m_venueLabel->hide();
        m_feedLabel->hide();
    }
    if (engine) {
        QString who = m_options.demo ? tr("%1 (%2) · venue: simulated").arg(engine->actor().user, engine->actor().role)
                                      : tr("%1 (%2)").arg(engine->actor().user, engine->actor().role);
        // What the database lets this user do (a shared PostgreSQL store: the desk role).
        if (store)
            if (auto access = store->access(); access && (!access->canAppend || !access->databaseRole.isEmpty()))
                who += tr(" · database: %1").arg(access->describe());
        m_roleLabel->setText(who);
        showWriterSigning(store);
        m_clockLabel = new QLabel(this);
        m_clockLabel->setObjectName(QStringLiteral("clockQuality"));
        statusBar()->addPermanentWidget(m_clockLabel);
        showClockQuality();
        auto *clockCheck = new QTimer(this);
        connect(clockCheck, &QTimer::timeout, this, &MainWindow::showClockQuality);
        clockCheck->start(5'000); // a time server's answer shows within seconds
        connect(engine, &TradingEngine::venueConnectionChanged, this, [this](const VenueConnection &c) {
            m_venueLabel->setText(c.text.section(QStringLiteral(" · "), 0, 0)); // the details are in the tooltip
            m_venueLabel->setToolTip(c.text);
            m_venueLabel->setStyleSheet(c.ready ? QString() : QStringLiteral("color: white; background: #c62828; font-weight: bold"));
        });
        connect(engine, &TradingEngine::feedStatusChanged, this, [this](const FeedStatus &f) {
            const QString text = f.text();
            m_feedLabel->setText(text.size() > 40 ? text.left(39) + u'…' : text);
            m_feedLabel->setToolTip(text);
            m_feedLabel->setStyleSheet(f.state == FeedStatus::State::Live ? QString()
                                       : f.state == FeedStatus::State::Stale ? QStringLiteral("color: black; background: #f9a825; font-weight: bold")
                                                                              : QStringLiteral("color: white; background: #c62828; font-weight: bold"));
        });
        connect(engine, &TradingEngine::killSwitchChanged, this, [this](const QString &mode) {
            m_killSwitch = mode;
            updateKillSwitchLabel();
        });
        connect(engine, &TradingEngine::storeHaltChanged, this, [this](bool halted, const QString &reason) {
            m_storeHaltReason = halted ? reason : QString();
            updateKillSwitchLabel();
        });
        connect(engine, &TradingEngine::problem, this, [this](const QString &message) { statusBar()->showMessage(message, 10000); });
        connect(engine, &TradingEngine::lagMeasured, this, [this](qint64 events) {
            m_lagLabel->setText(tr("projection lag: %n event(s)", nullptr, int(events)));
        });
    } else {
        m_roleLabel->setText(tr("no trading engine"));
    }
    connect(m_auditViewer->model(), &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStoreStatus);
    updateStoreStatus();

    m_restored = restoreLayout();
    new QuitQuestion(engine, this); // closeEvent asks it when orders are working
    keepReadOnly();
    if (const Instrument *start = reference.instrument(QStringLiteral("UST 10Y")))
        QTimer::singleShot(0, this, [this, id = start->id] { m_links->showEverywhere(id); });
}

MainWindow::~MainWindow() = default;

void MainWindow::showWriterSigning(const EventStore *store)
{
    if (!store || !m_engine || !m_engine->canTrade())
        return;
    m_signingLabel = new QLabel(this);
    m_signingLabel->setObjectName(QStringLiteral("writerSigning"));
    const QString keyId = store->signingKeyId();
    if (!keyId.isEmpty()) {
        m_signingLabel->setText(tr("writes signed · %1").arg(keyId.left(15) + u'…'));
        m_signingLabel->setToolTip(tr("Every batch this workstation writes is signed with its key %1 "
                                      "(instant audit verify checks them).").arg(keyId));
    } else {
        m_signingLabel->setText(tr(" UNSIGNED writes "));
        m_signingLabel->setStyleSheet(QStringLiteral("color: black; background: #f9a825; font-weight: bold"));
        m_signingLabel->setToolTip(tr("This workstation's key is not enrolled on the store, so instant audit verify will name "
                                      "its events. `instant store key` shows the key; the desk administrator enrols it "
                                      "with `instant store enroll`."));
    }
    statusBar()->addPermanentWidget(m_signingLabel);
}

void MainWindow::showClockQuality()
{
    const ClockQuality q = ClockQuality::measure();
    const QString amber = QStringLiteral("color: black; background: #f9a825; font-weight: bold");
    QString system;
    if (!q.known) {
        m_clockLabel->setText(tr("clock: unknown"));
        system = tr("The operating system does not say how this machine's clock is kept.");
        m_clockLabel->setStyleSheet(QString());
    } else if (!q.synchronised) {
        m_clockLabel->setText(tr(" clock NOT synchronised "));
        system = tr("The operating system does not keep this machine's clock synchronised (maximum error %1 ms): "
                    "the times it records are not known to be within CAT's 50 ms of NIST.")
                     .arg(double(q.maxErrorUs) / 1000.0, 0, 'f', 0);
        m_clockLabel->setStyleSheet(amber);
    } else {
        m_clockLabel->setText(tr("clock ±%1 ms").arg(double(q.maxErrorUs) / 1000.0, 0, 'f', 1));
        system = tr("Synchronised by the operating system: estimated error %1 ms, at most %2 ms (CAT asks for 50 ms).")
                     .arg(double(q.estimatedErrorUs) / 1000.0, 0, 'f', 1)
                     .arg(double(q.maxErrorUs) / 1000.0, 0, 'f', 1);
        m_clockLabel->setStyleSheet(q.withinCat() ? QString() : amber);
    }
    // Measured against a time server: that is what the clock is worth, whatever the system says.
    QStringList tip;
    if (const std::optional<ClockOffset> &o = q.outside.offset) {
        const QString server = o->server.section(u':', 0, 0);
        m_clockLabel->setText(tr("clock %1%2 ms vs %3").arg(o->offsetUs >= 0 ? QStringLiteral("+") : QString())
                                  .arg(double(o->offsetUs) / 1000.0, 0, 'f', 1).arg(server));
        m_clockLabel->setStyleSheet(o->withinCat() ? QString() : amber);
        const QString measured = o->offsetUs >= 0
                                     ? tr("Measured against %1 (stratum %2) at %3 UTC: this clock is %4 ms behind it, give or "
                                          "take %5 ms (half the round trip); CAT asks for 50 ms.")
                                     : tr("Measured against %1 (stratum %2) at %3 UTC: this clock is %4 ms ahead of it, give or "
                                          "take %5 ms (half the round trip); CAT asks for 50 ms.");
        tip << measured.arg(o->server)
                   .arg(o->stratum)
                   .arg(QDateTime::fromMSecsSinceEpoch(o->measuredUs / 1000, QTimeZone::utc()).toString(QStringLiteral("HH:mm:ss")))
                   .arg(std::abs(double(o->offsetUs)) / 1000.0, 0, 'f', 1)
                   .arg(double(o->roundTripUs) / 2000.0, 0, 'f', 1);
    }
    if (!q.outside.problem.isEmpty())
        tip << tr("The last measurement failed: %1").arg(q.outside.problem);
    tip << system;
    m_clockLabel->setToolTip(tip.join(u'\n'));
}

void MainWindow::updateKillSwitchLabel()
{
    // Until the store records again nothing is sent: said where the kill switch is shown.
    const bool storeHalted = !m_storeHaltReason.isEmpty();
    m_killLabel->setText(storeHalted ? tr("Trading halted: the store cannot record") : tr("Kill switch: %1").arg(m_killSwitch));
    m_killLabel->setToolTip(m_storeHaltReason);
    m_killLabel->setStyleSheet(!storeHalted && m_killSwitch == u"active"
                                   ? QString() : QStringLiteral("color: white; background: #c62828; font-weight: bold"));
}

QString MainWindow::smokeSummary() const
{
    return QStringLiteral("blotter %1 orders, %2 executions; audit log %3 events; window %4x%5")
        .arg(m_blotter->model()->rowCount())
        .arg(m_blotter->executions()->rowCount())
        .arg(m_auditViewer->model()->rowCount())
        .arg(width())
        .arg(height());
}

QStringList MainWindow::smokeCheck(const QString &screenshot) const
{
    QStringList empty;
    if (m_blotter->model()->rowCount() == 0)
        empty << QStringLiteral("Blotter");
    if (!m_marketWatch->model()->mark(QStringLiteral("AAPL")))
        empty << QStringLiteral("Market Watch");
    if (m_holdings->model()->accounts().isEmpty())
        empty << QStringLiteral("Holdings");
    if (m_auditViewer->model()->rowCount() == 0)
        empty << QStringLiteral("Audit Log");
    if (m_charts->yieldCurve().size() < 10)
        empty << QStringLiteral("Charts (yield curve)");
    if (!screenshot.isEmpty()) {
        const_cast<MainWindow *>(this)->grab().save(screenshot);
        QString base = screenshot;
        if (base.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
            base.chop(4);
        for (QDockWidget *d : m_docks)
            if (d->widget())
                d->widget()->grab().save(base + u'-' + d->objectName() + QStringLiteral(".png"));
    }
    return empty;
}

void MainWindow::selectInstrument(const QString &instrument)
{
    const LinkColour colour = m_links->colour(dock(QStringLiteral("OrderTicketDock")));
    if (colour == LinkColour::None)
        showOnTicket(instrument);
    else
        m_links->show(colour, instrument);
}

void MainWindow::showOnTicket(const QString &instrument)
{
    m_ticket->setInstrument(instrument);
    // A starting price the trader edits: the mid, or the reference before the first quote.
    if (const Instrument *i = m_reference.instrument(instrument))
        m_ticket->setPrice(i->formatPrice(m_marketWatch->model()->mark(instrument).value_or(i->referencePrice)));
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_shown && !m_restored && !isMaximized() && !isFullScreen()) {
        // The docks' size hints add up past a small screen: the first window fits the screen
        // (never below what the panels need), then the default sizes are shared out.
        if (const QScreen *s = screen()) {
            const QSize room = s->availableGeometry().size().boundedTo(QSize(1440, 900));
            resize(size().boundedTo(room).expandedTo(minimumSizeHint()));
        }
    }
    if (!m_shown && !m_restored) // after the layout has settled at the window's real size
        QMetaObject::invokeMethod(this, [this] { m_defaultSizes(); }, Qt::QueuedConnection);
    fitWindowToScreen(this); // first size and restored layouts alike: the whole window in sight
    m_shown = true;
}

QDockWidget *MainWindow::addPanel(const QString &objectName, const QString &title, QWidget *content,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                      | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    for (QDockWidget *d : m_docks)
        if (d->objectName() == objectName)
            return d;
    return nullptr;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Connection…"), this, [this] {
        ConnectionDialog dialog(ConnectionSettings::load(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (auto chosen = dialog.settings()) {
            chosen->save();
            statusBar()->showMessage(chosen->live ? tr("Live connection saved: it applies at the next start.")
                                                  : tr("Demo mode saved: it applies at the next start."), 10000);
        }
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : std::as_const(m_docks))
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    QAction *lock = view->addAction(tr("&Lock layout"));
    lock->setCheckable(true);
    lock->setObjectName(QStringLiteral("LockLayoutAction"));
    connect(lock, &QAction::toggled, this, &MainWindow::setLayoutLocked);
    QAction *reset = view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("ResetLayoutAction"));
    m_layoutMenu = view->addMenu(tr("Layou&ts"));
    rebuildLayoutMenu();
    QMenu *themes = view->addMenu(tr("T&heme"));
    for (const QString &name : themeNames()) {
        QAction *a = themes->addAction(name == u"dark" ? tr("Dark") : tr("Light"));
        a->setCheckable(true);
        a->setChecked(currentTheme() == name);
        connect(a, &QAction::triggered, this, [name, themes, a] {
            applyTheme(name);
            QSettings().setValue(QStringLiteral("theme"), name);
            for (QAction *other : themes->actions())
                other->setChecked(other == a);
        });
    }

    QMenu *languages = view->addMenu(tr("&Language"));
    const QStringList names{QStringLiteral("English"), QStringLiteral("Deutsch"), QStringLiteral("日本語")};
    const QString current = QSettings().value(QStringLiteral("language"), QStringLiteral("en")).toString();
    for (int i = 0; i < languageCodes().size(); ++i) {
        const QString code = languageCodes().at(i);
        QAction *a = languages->addAction(names.value(i, code));
        a->setCheckable(true);
        a->setChecked(code == current);
        connect(a, &QAction::triggered, this, [this, code, languages, a] {
            QSettings().setValue(QStringLiteral("language"), code);
            for (QAction *other : languages->actions())
                other->setChecked(other == a);
            statusBar()->showMessage(tr("The language changes at the next start."), 8000);
        });
    }

    if (m_engine && m_engine->canTrade()) { // compliance only reads: no trading menu at all
        QMenu *trading = menuBar()->addMenu(tr("&Trading"));
        m_killSwitchAction = trading->addAction(tr("&Kill switch…"), this, &MainWindow::askKillSwitch);
        m_killSwitchAction->setObjectName(QStringLiteral("KillSwitchAction"));
        m_killSwitchAction->setToolTip(tr("Halt the desk's trading, allow only reducing orders, or resume: with a reason"));
    }

    QMenu *audit = menuBar()->addMenu(tr("&Audit"));
    audit->addAction(tr("&Verify chain"), m_auditViewer, &AuditViewer::verify);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Report a problem…"), this, [this] {
        const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                  + QStringLiteral("/instant-problem-%1.json")
                                        .arg(formatUtcMicros(nowUtcMicros()).left(19).remove(u'-').remove(u':').replace(u'T', u'-'));
        const QString path = QFileDialog::getSaveFileName(this, tr("Save a problem report"), suggested, tr("JSON (*.json)"));
        if (path.isEmpty())
            return;
        const QString problem = reportProblem(path);
        if (problem.isEmpty())
            QMessageBox::information(this, tr("Problem report"),
                                     tr("Saved to %1.\n\nIt holds the versions, the settings without passwords or keys, "
                                        "and the last log lines. Attach it to your report.").arg(path));
        else
            QMessageBox::warning(this, tr("Problem report"), problem);
    });
    help->addSeparator();
    help->addAction(tr("&About Instant"), this, [this] { AboutDialog(this).exec(); });
}

// Across the top of a compliance session: what it is and what it is not.
void MainWindow::showReadOnlyBanner()
{
    auto *bar = new QToolBar(tr("Read-only session"), this);
    bar->setObjectName(QStringLiteral("ReadOnlyBannerBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->setContextMenuPolicy(Qt::PreventContextMenu);
    bar->toggleViewAction()->setVisible(false);
    m_readOnlyBanner = new QLabel(tr("READ-ONLY COMPLIANCE SESSION · %1 · the record and the market, to view and export: "
                                     "nothing here trades, cancels, acknowledges or reaches a venue")
                                      .arg(m_engine->actor().user),
                                  bar);
    m_readOnlyBanner->setObjectName(QStringLiteral("ReadOnlyBanner"));
    m_readOnlyBanner->setToolTip(tr("This session records nothing but its start; the engine refuses every command that would "
                                    "record or send. Start the workstation as a trader to trade."));
    m_readOnlyBanner->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_readOnlyBanner->setStyleSheet(QStringLiteral("background:#6a1b9a;color:white;font-weight:bold;padding:4px 8px"));
    bar->addWidget(m_readOnlyBanner);
    addToolBar(Qt::TopToolBarArea, bar);
}

// A compliance session: the banner in sight and no order ticket, whatever a layout says.
void MainWindow::keepReadOnly()
{
    if (!m_readOnlyBanner)
        return;
    m_readOnlyBanner->parentWidget()->show();
    if (QDockWidget *ticket = dock(QStringLiteral("OrderTicketDock"))) {
        ticket->hide();
        ticket->toggleViewAction()->setVisible(false);
    }
}

// Trading → Kill switch…: the mode and the reason, confirmed, then recorded by the engine.
void MainWindow::askKillSwitch()
{
    if (!m_engine || !m_engine->canTrade())
        return;
    KillSwitchDialog dialog(killSwitchFromString(m_killSwitch).value_or(KillSwitch::Active), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_engine->setKillSwitch(dialog.mode(), dialog.reason());
    statusBar()->showMessage(tr("Kill switch: %1 asked (%2)").arg(toString(dialog.mode()), dialog.reason()), 10000);
}

QString MainWindow::reportProblem(const QString &path) const
{
    QJsonObject context{{QStringLiteral("mode"), m_options.demo ? QStringLiteral("demo") : QStringLiteral("live")},
                        {QStringLiteral("status"), QStringList{m_storeLabel->text(), m_roleLabel->text(), m_venueLabel->text(),
                                                               m_feedLabel->text(), m_killLabel->text(), m_lagLabel->text()}
                                                       .join(QStringLiteral(" | "))},
                        {QStringLiteral("window"), QStringLiteral("%1x%2").arg(width()).arg(height())},
                        {QStringLiteral("panels"), QString::number(m_docks.size())}};
    if (m_store)
        if (auto head = m_store->head())
            context.insert(QStringLiteral("store_head"), head->sequence);
    const Status written = diagnostics::writeReport(path, context);
    return written ? QString() : written.message();
}

void MainWindow::updateStoreStatus()
{
    if (!m_store) {
        m_storeLabel->setText(tr("No event store"));
        return;
    }
    const AuditLogModel *model = m_auditViewer->model();
    const int rows = model->rowCount();
    QString head = tr("empty");
    if (rows > 0) {
        const RecordedEvent &last = model->eventAt(rows - 1);
        head = tr("head #%1 %2").arg(last.sequence).arg(QString::fromLatin1(last.hash.toHex().left(12)));
    }
    m_storeLabel->setText(tr("Store %1 · %n event(s) · %2", nullptr, rows).arg(m_store->location().toUrl(), head));
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(m_options.settingsGroup);
    settings.setValue(QStringLiteral("layoutVersion"), LayoutVersion);
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState(LayoutVersion));
    settings.setValue(QStringLiteral("locked"), m_locked);
    settings.setValue(QStringLiteral("linkColours"), m_links->save());
}

bool MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(m_options.settingsGroup);
    if (settings.value(QStringLiteral("layoutVersion")).toInt() != LayoutVersion)
        return false; // a layout from another version of the panels: start from the default
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    const bool restored = restoreState(settings.value(QStringLiteral("state")).toByteArray(), LayoutVersion);
    m_links->restore(settings.value(QStringLiteral("linkColours")).toMap());
    if (settings.value(QStringLiteral("locked")).toBool()) {
        if (auto *lock = findChild<QAction *>(QStringLiteral("LockLayoutAction")))
            lock->setChecked(true);
    }
    return restored;
}

QStringList MainWindow::layoutNames() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("Layouts"));
    return settings.childGroups();
}

void MainWindow::saveNamedLayout(const QString &name) const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("Layouts/") + name);
    settings.setValue(QStringLiteral("layoutVersion"), LayoutVersion);
    settings.setValue(QStringLiteral("state"), saveState(LayoutVersion));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("linkColours"), m_links->save());
}

bool MainWindow::restoreNamedLayout(const QString &name)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("Layouts/") + name);
    if (settings.value(QStringLiteral("layoutVersion")).toInt() != LayoutVersion)
        return false;
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    m_links->restore(settings.value(QStringLiteral("linkColours")).toMap());
    const bool restored = restoreState(settings.value(QStringLiteral("state")).toByteArray(), LayoutVersion);
    fitWindowToScreen(this);
    keepReadOnly();
    return restored;
}

void MainWindow::deleteNamedLayout(const QString &name)
{
    QSettings settings;
    settings.remove(QStringLiteral("Layouts/") + name);
}

void MainWindow::rebuildLayoutMenu()
{
    m_layoutMenu->clear();
    m_layoutMenu->addAction(tr("&Save layout as…"), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save layout"), tr("Name"), QLineEdit::Normal, QString(), &ok).trimmed();
        if (!ok || name.isEmpty() || name.contains(u'/'))
            return;
        saveNamedLayout(name);
        rebuildLayoutMenu();
    });
    const QStringList names = layoutNames();
    if (!names.isEmpty())
        m_layoutMenu->addSeparator();
    for (const QString &name : names)
        m_layoutMenu->addAction(name, this, [this, name] { restoreNamedLayout(name); });
    if (!names.isEmpty()) {
        QMenu *remove = m_layoutMenu->addMenu(tr("&Delete"));
        for (const QString &name : names)
            remove->addAction(name, this, [this, name] {
                deleteNamedLayout(name);
                rebuildLayoutMenu();
            });
    }
}

void MainWindow::resetLayout()
{
    for (QDockWidget *d : std::as_const(m_docks)) {
        d->setFloating(false);
        d->show();
    }
    restoreState(m_initialState, LayoutVersion);
    m_links->reset();
    m_defaultSizes();
    keepReadOnly();
}

void MainWindow::setLayoutLocked(bool locked)
{
    m_locked = locked;
    for (QDockWidget *d : std::as_const(m_docks)) {
        QDockWidget::DockWidgetFeatures features = QDockWidget::DockWidgetClosable;
        if (!locked)
            features |= QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable;
        d->setFeatures(features);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (auto *question = findChild<QuitQuestion *>(); question && !question->mayQuit()) {
        event->ignore(); // the trader stays: orders are working
        return;
    }
    saveLayout();
    event->accept();
}

} // namespace instant
