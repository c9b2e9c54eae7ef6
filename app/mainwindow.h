#pragma once

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;

namespace instant {

class AuditViewer;
class Blotter;
class Charts;
class AlertsPanel;
class CopilotPanel;
class DepthLadder;
class EventStore;
class Holdings;
class InstrumentLinks;
class MarketWatch;
class OrderTicket;
class RebalancePanel;
class OptionIdeasPanel;
class ReferenceData;
class SettlementDashboard;
class TradingEngine;
class Watchlists;

struct WorkstationOptions
{
    bool demo = true;
    QString settingsGroup = QStringLiteral("MainWindow");
};

// The workstation's main window: dockable, floatable, tabbable panels, each with a stable
// object name (its settings key); the layout is saved with a version and can be reset.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    static constexpr int LayoutVersion = 1;

    // `engine` may be null (no trading: the panels that need it say so).
    MainWindow(EventStore *store, TradingEngine *engine, const ReferenceData &reference, WorkstationOptions options,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    QList<QDockWidget *> docks() const { return m_docks; }
    // Help → Report a problem: writes the diagnostics bundle; an empty string when it worked.
    QString reportProblem(const QString &path) const;
    QDockWidget *dock(const QString &objectName) const;
    AuditViewer *auditViewer() const { return m_auditViewer; }
    OrderTicket *ticket() const { return m_ticket; }
    Blotter *blotter() const { return m_blotter; }
    MarketWatch *marketWatch() const { return m_marketWatch; }
    DepthLadder *ladder() const { return m_ladder; }
    Holdings *holdings() const { return m_holdings; }
    Charts *charts() const { return m_charts; }
    CopilotPanel *copilot() const { return m_copilot; }
    AlertsPanel *alerts() const { return m_alerts; }
    SettlementDashboard *settlement() const { return m_settlement; }
    RebalancePanel *rebalance() const { return m_rebalance; }
    Watchlists *watchlists() const { return m_watchlists; }
    // The link colours of the panels that show an instrument (see InstrumentLinks to join one).
    InstrumentLinks *links() const { return m_links; }
    // Stages an instrument: the ticket and the panels linked to it by colour show it.
    OptionIdeasPanel *optionIdeas() const { return m_optionIdeas; }
    void selectInstrument(const QString &instrument);
    // A compliance session's banner across the top ("read-only"); null in a trading session.
    QLabel *readOnlyBanner() const { return m_readOnlyBanner; }
    // Trading → Kill switch…: a trader sets the desk's kill switch, with a reason and a
    // confirmation; null in a compliance session (it cannot).
    QAction *killSwitchAction() const { return m_killSwitchAction; }
    // For the smoke test: which panels still show no data; saves a screenshot of the window and
    // of each panel (FILE, FILE-<panel>.png) when a file is given.
    QStringList smokeCheck(const QString &screenshot) const;
    // What the panels hold, in one line (the smoke test prints it).
    QString smokeSummary() const;

    void saveLayout() const;
    // Named layouts, kept across restarts.
    QStringList layoutNames() const;
    void saveNamedLayout(const QString &name) const;
    bool restoreNamedLayout(const QString &name);
    void deleteNamedLayout(const QString &name);
    bool restoreLayout();
    void resetLayout();
    void setLayoutLocked(bool locked);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QDockWidget *addPanel(const QString &objectName, const QString &title, QWidget *content, Qt::DockWidgetArea area);
    void buildMenus();
    void showReadOnlyBanner();
    void keepReadOnly();
    void updateKillSwitchLabel();
    // The status bar's word on this workstation's writer signatures (the key, or UNSIGNED).
    void showWriterSigning(const EventStore *store);
    // The status bar's word on this machine's clock: synchronised and its error, or not.
    void showClockQuality();
    void askKillSwitch();
    void rebuildLayoutMenu();
    void updateStoreStatus();
    void showOnTicket(const QString &instrument);

    QPointer<EventStore> m_store;
    QPointer<TradingEngine> m_engine;
    const ReferenceData &m_reference;
    OrderTicket *m_ticket = nullptr;
    Blotter *m_blotter = nullptr;
    MarketWatch *m_marketWatch = nullptr;
    DepthLadder *m_ladder = nullptr;
    Holdings *m_holdings = nullptr;
    Charts *m_charts = nullptr;
    CopilotPanel *m_copilot = nullptr;
    AlertsPanel *m_alerts = nullptr;
    SettlementDashboard *m_settlement = nullptr;
    RebalancePanel *m_rebalance = nullptr;
    Watchlists *m_watchlists = nullptr;
    InstrumentLinks *m_links = nullptr;
    OptionIdeasPanel *m_optionIdeas = nullptr;
    QLabel *m_roleLabel = nullptr;
    QLabel *m_killLabel = nullptr;
    QString m_killSwitch = QStringLiteral("active"); // as last published
    QString m_storeHaltReason; // the store cannot record: trading halted until it does
    QAction *m_killSwitchAction = nullptr;
    QLabel *m_readOnlyBanner = nullptr;
    QLabel *m_venueLabel = nullptr;
    QLabel *m_feedLabel = nullptr;
    QLabel *m_lagLabel = nullptr;
    QLabel *m_signingLabel = nullptr;
    QLabel *m_clockLabel = nullptr;
    class QMenu *m_layoutMenu = nullptr;
    WorkstationOptions m_options;
    QList<QDockWidget *> m_docks;
    AuditViewer *m_auditViewer = nullptr;
    QLabel *m_storeLabel = nullptr;
    QLabel *m_modeLabel = nullptr;
    QByteArray m_initialState;            // the default arrangement, before sizing
    std::function<void()> m_defaultSizes; // the default proportions for the window's size
    bool m_restored = false;
    bool m_shown = false;
    bool m_locked = false;
};

} // namespace instant
