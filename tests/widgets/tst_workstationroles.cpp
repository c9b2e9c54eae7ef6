// The main window in each role, against the real engine and store: a compliance session says it
// is read-only and offers nothing it cannot take; a trader sets the kill switch from the window.

#include "blotter.h"
#include "copilotpanel.h"
#include "engine/tradingengine.h"
#include "killswitchdialog.h"
#include "mainwindow.h"
#include "events/orderevents.h"
#include "refdata/referencedata.h"
#include "testengine.h"
#include "teststores.h"
#include "testmarket.h"
#include "testorders.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace instant;
using namespace instant::test;

class TestWorkstationRoles : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{MarketOpenUs};

    std::unique_ptr<TradingEngine> startEngine(EventStore &store, const Actor &actor)
    {
        return startedEngine(store, reference, clock, testEngineOptions(actor));
    }

    static QStringList menuTitles(const MainWindow &window)
    {
        QStringList titles;
        for (const QAction *a : window.menuBar()->actions())
            titles << a->text();
        return titles;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workstationroles"));
        QSettings().clear();
    }

    void complianceWindowSaysReadOnly()
    {
        auto store = stores.open(stores.freshUrl());
        auto engine = startEngine(*store, Carol);
        const Sequence before = store->head() ? store->head()->sequence : 0;
        MainWindow window(store.get(), engine.get(), reference, WorkstationOptions{true, QStringLiteral("RolesCompliance")});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.readOnlyBanner());
        QVERIFY(window.readOnlyBanner()->isVisibleTo(&window));
        QVERIFY2(window.readOnlyBanner()->text().contains(QStringLiteral("READ-ONLY COMPLIANCE SESSION")),
                 qPrintable(window.readOnlyBanner()->text()));
        // No order ticket (hidden, not offered in View), no trading menu, no kill switch; the
        // copilot cannot stage drafts; the blotter has no "My orders".
        QVERIFY(window.dock(QStringLiteral("OrderTicketDock"))->isHidden());
        QVERIFY(!window.dock(QStringLiteral("OrderTicketDock"))->toggleViewAction()->isVisible());
        window.resetLayout();
        QVERIFY(window.dock(QStringLiteral("OrderTicketDock"))->isHidden());
        QVERIFY(window.readOnlyBanner()->isVisibleTo(&window));
        QVERIFY(window.blotter()->findChild<QCheckBox *>(QStringLiteral("MyOrdersFilter"))->isHidden());
        QVERIFY(!window.killSwitchAction());
        QVERIFY(!window.findChild<QAction *>(QStringLiteral("KillSwitchAction")));
        QVERIFY2(!menuTitles(window).contains(QStringLiteral("&Trading")), qPrintable(menuTitles(window).join(u'|')));
        for (QPushButton *b : window.copilot()->findChildren<QPushButton *>())
            if (b->text() == u"Stage on ticket" || b->text() == u"Reject draft")
                QVERIFY(!b->isVisibleTo(&window));
        engine->stop();
        QCOMPARE(store->head() ? store->head()->sequence : 0, before);
    }

    void traderWindowHasNoBannerAndAKillSwitch()
    {
        auto store = stores.open(stores.freshUrl());
        auto engine = startEngine(*store, Alice);
        MainWindow window(store.get(), engine.get(), reference, WorkstationOptions{true, QStringLiteral("RolesTrader")});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.readOnlyBanner());
        QVERIFY(!window.dock(QStringLiteral("OrderTicketDock"))->isHidden());
        QVERIFY(!window.blotter()->findChild<QCheckBox *>(QStringLiteral("MyOrdersFilter"))->isHidden());
        QVERIFY(menuTitles(window).contains(QStringLiteral("&Trading")));
        QAction *kill = window.killSwitchAction();
        QVERIFY(kill);
        QVERIFY(kill->isEnabled());

        // The dialog wants a reason before it confirms; then the engine records the event.
        bool confirmWaited = false;
        QTimer::singleShot(0, &window, [&confirmWaited] {
            auto *dialog = qobject_cast<KillSwitchDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->setMode(KillSwitch::Halted);
            auto *confirm = dialog->findChild<QPushButton *>();
            for (QPushButton *b : dialog->findChildren<QPushButton *>())
                if (b->text() == u"Halt trading")
                    confirm = b;
            confirmWaited = confirm && !confirm->isEnabled(); // no reason yet
            dialog->setReason(QStringLiteral("runaway algo"));
            if (confirm && confirm->isEnabled())
                confirm->click();
            else
                dialog->reject();
        });
        kill->trigger(); // modal: returns once the dialog is answered
        QVERIFY(confirmWaited);
        QList<RecordedEvent> kills;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     kills.clear();
                                     const auto all = store->read(ReadQuery{});
                                     for (const RecordedEvent &e : all.ok() ? *all : QList<RecordedEvent>{})
                                         if (e.type == events::KillSwitchChanged)
                                             kills << e;
                                     return !kills.isEmpty();
                                 }()),
                                 10000);
        QCOMPARE(kills.size(), 1);
        QCOMPARE(kills.first().actor.user, Alice.user);
        QCOMPARE(kills.first().actor.role, Alice.role);
        QCOMPARE(kills.first().payloadObject().value(QStringLiteral("mode")).toString(), QStringLiteral("halted"));
        QCOMPARE(kills.first().payloadObject().value(QStringLiteral("reason")).toString(), QStringLiteral("runaway algo"));
        bool shown = false;
        QTRY_VERIFY(([&] {
            shown = false;
            for (QLabel *l : window.statusBar()->findChildren<QLabel *>())
                shown = shown || l->text() == u"Kill switch: halted";
            return shown;
        }()));
        engine->stop();
    }
};

QTEST_MAIN(TestWorkstationRoles)
#include "tst_workstationroles.moc"
