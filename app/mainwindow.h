#pragma once

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QDockWidget;
class QLabel;

namespace instant {

class AuditViewer;
class EventStore;

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

    MainWindow(EventStore *store, WorkstationOptions options, QWidget *parent = nullptr);
    ~MainWindow() override;

    QList<QDockWidget *> docks() const { return m_docks; }
    QDockWidget *dock(const QString &objectName) const;
    AuditViewer *auditViewer() const { return m_auditViewer; }

    void saveLayout() const;
    bool restoreLayout();
    void resetLayout();
    void setLayoutLocked(bool locked);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QDockWidget *addPanel(const QString &objectName, const QString &title, QWidget *content, Qt::DockWidgetArea area);
    QWidget *notYetAvailable(const QString &what, const QString &arrivesWith);
    void buildMenus();
    void updateStoreStatus();

    QPointer<EventStore> m_store;
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
