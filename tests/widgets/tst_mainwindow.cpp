// The main window: every panel is a dock with a stable name; layouts persist and reset.

#include "auditlogmodel.h"
#include "auditviewer.h"
#include "mainwindow.h"
#include "marketwatch.h"
#include "refdata/referencedata.h"
#include "theme.h"

#include <QApplication>
#include <QPalette>
#include "store/eventstore.h"
#include "teststores.h"
#include "testmarket.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace instant;
using namespace instant::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void everyPanelIsADockWithAStableName()
    {
        auto store = stores.open(stores.freshUrl());
        MainWindow window(store.get(), nullptr, reference, {});
        const QStringList expected{QStringLiteral("OrderTicketDock"), QStringLiteral("BlotterDock"),
                                   QStringLiteral("HoldingsDock"),    QStringLiteral("MarketWatchDock"),
                                   QStringLiteral("DepthLadderDock"), QStringLiteral("ChartsDock"),
                                   QStringLiteral("AuditViewerDock"), QStringLiteral("AlertsDock"),
                                   QStringLiteral("CopilotDock"),     QStringLiteral("SettlementDock"),
                                   QStringLiteral("RebalanceDock"),   QStringLiteral("WatchlistsDock"),
                                   QStringLiteral("OptionIdeasDock"), QStringLiteral("ApprovalsDock")};
        QStringList names;
        for (QDockWidget *d : window.docks()) {
            names << d->objectName();
            QVERIFY(d->features() & QDockWidget::DockWidgetFloatable);
            QVERIFY(d->features() & QDockWidget::DockWidgetMovable);
        }
        QCOMPARE(names.size(), expected.size());
        for (const QString &name : expected)
            QVERIFY2(names.contains(name), qPrintable(name));
        QCOMPARE(window.dock(QStringLiteral("AuditViewerDock"))->widget(), window.auditViewer());
    }

    void layoutIsSavedRestoredAndReset()
    {
        auto store = stores.open(stores.freshUrl());
        {
            MainWindow window(store.get(), nullptr, reference, {});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.dock(QStringLiteral("ChartsDock"))->setFloating(true);
            window.dock(QStringLiteral("AlertsDock"))->hide();
            window.close(); // saves
        }
        {
            MainWindow window(store.get(), nullptr, reference, {});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.dock(QStringLiteral("ChartsDock"))->isFloating());
            QVERIFY(window.dock(QStringLiteral("AlertsDock"))->isHidden());

            window.findChild<QAction *>(QStringLiteral("ResetLayoutAction"))->trigger();
            QVERIFY(!window.dock(QStringLiteral("ChartsDock"))->isFloating());
            QVERIFY(!window.dock(QStringLiteral("AlertsDock"))->isHidden());
        }
        {
            // A layout saved by another version of the panels is ignored, not half-applied.
            QSettings settings;
            settings.setValue(QStringLiteral("MainWindow/layoutVersion"), MainWindow::LayoutVersion + 1);
            MainWindow window(store.get(), nullptr, reference, {});
            QVERIFY(!window.restoreLayout());
        }
    }

    void namedLayouts()
    {
        auto store = stores.open(stores.freshUrl());
        {
            MainWindow window(store.get(), nullptr, reference, {});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.dock(QStringLiteral("HoldingsDock"))->setFloating(true);
            window.saveNamedLayout(QStringLiteral("Rates morning"));
            window.resetLayout();
            window.saveNamedLayout(QStringLiteral("Plain"));
        }
        MainWindow window(store.get(), nullptr, reference, {});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.layoutNames(), (QStringList{QStringLiteral("Plain"), QStringLiteral("Rates morning")}));
        QVERIFY(window.restoreNamedLayout(QStringLiteral("Rates morning")));
        QVERIFY(window.dock(QStringLiteral("HoldingsDock"))->isFloating());
        QVERIFY(window.restoreNamedLayout(QStringLiteral("Plain")));
        QVERIFY(!window.dock(QStringLiteral("HoldingsDock"))->isFloating());
        window.deleteNamedLayout(QStringLiteral("Plain"));
        QCOMPARE(window.layoutNames(), QStringList{QStringLiteral("Rates morning")});
        QVERIFY(!window.restoreNamedLayout(QStringLiteral("Plain")));
    }

    void themes()
    {
        QVERIFY(applyTheme(QStringLiteral("dark")));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(qApp->styleSheet().contains(QStringLiteral("QDockWidget")));
        QVERIFY(applyTheme(QStringLiteral("light")));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        QVERIFY(!applyTheme(QStringLiteral("neon")));
        QCOMPARE(currentTheme(), QStringLiteral("light"));
    }

    void translations()
    {
        QVERIFY(applyLanguage(QStringLiteral("de")));
        {
            auto store = stores.open(stores.freshUrl());
            MainWindow window(store.get(), nullptr, reference, {});
            QCOMPARE(window.dock(QStringLiteral("OrderTicketDock"))->windowTitle(), QStringLiteral("Orderticket"));
            QCOMPARE(window.dock(QStringLiteral("HoldingsDock"))->windowTitle(), QStringLiteral("Bestände"));
        }
        QVERIFY(applyLanguage(QStringLiteral("ja")));
        {
            auto store = stores.open(stores.freshUrl());
            MainWindow window(store.get(), nullptr, reference, {});
            QCOMPARE(window.dock(QStringLiteral("BlotterDock"))->windowTitle(), QStringLiteral("ブロッター"));
        }
        QVERIFY(applyLanguage(QStringLiteral("en")));
        QVERIFY(!applyLanguage(QStringLiteral("tlh")));
    }

    void lockLayoutFreezesDocks()
    {
        auto store = stores.open(stores.freshUrl());
        MainWindow window(store.get(), nullptr, reference, {});
        window.findChild<QAction *>(QStringLiteral("LockLayoutAction"))->setChecked(true);
        for (QDockWidget *d : window.docks())
            QVERIFY(!(d->features() & QDockWidget::DockWidgetMovable));
        window.findChild<QAction *>(QStringLiteral("LockLayoutAction"))->setChecked(false);
        for (QDockWidget *d : window.docks())
            QVERIFY(d->features() & QDockWidget::DockWidgetMovable);
    }

    // A desk with many accounts: the cash summary lists a few and the totals, so the Holdings
    // dock (and with it the main window) keeps a screen-sized minimum height.
    void holdingsSummaryStaysSmallWithManyAccounts()
    {
        MarketWatchModel marks(reference);
        Holdings holdings(nullptr, reference, &marks);
        QList<AccountRecord> accounts;
        for (int i = 0; i < 1800; ++i)
            accounts.append(AccountRecord{QStringLiteral("ACC-%1").arg(i), 100'00, 0, 0, 0, 1});
        holdings.showAsOf(accounts, {});
        QVERIFY2(holdings.minimumSizeHint().height() < 400, qPrintable(QString::number(holdings.minimumSizeHint().height())));
        auto *label = holdings.findChild<QLabel *>();
        QVERIFY(label);
        QVERIFY2(label->text().contains(QStringLiteral("1796 more accounts")), qPrintable(label->text()));
        QCOMPARE(label->text().count(QStringLiteral("<b>ACC-")), 4);
        holdings.showAsOf(accounts.mid(0, 5), {}); // five fit: no "more" line
        QCOMPARE(label->text().count(QStringLiteral("<b>ACC-")), 5);
        QVERIFY(!label->text().contains(QStringLiteral("more accounts")));
    }

    void auditPanelFollowsTheStore()
    {
        auto store = stores.open(stores.freshUrl());
        MainWindow window(store.get(), nullptr, reference, {});
        QVERIFY(store->append(request(QStringLiteral("session"), ExpectedVersion::Any,
                                      {newEvent(QStringLiteral("WorkstationSessionStarted"))}))
                    .ok());
        QTRY_COMPARE(window.auditViewer()->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
