// Link colours: picking an instrument in a panel drives only the panels of the same colour;
// out of the box every panel is one colour; the colours are kept with the layout.

#include "charts.h"
#include "instrumentlinks.h"
#include "mainwindow.h"
#include "marketwatch.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "watchlists.h"
#include "testmarket.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

// A click on a market watch row, as the trader makes it.
void pickInMarketWatch(MainWindow &window, const QString &instrument)
{
    MarketWatch *watch = window.marketWatch();
    QTableView *view = watch->findChild<QTableView *>();
    for (int row = 0; row < watch->model()->rowCount(); ++row)
        if (watch->model()->index(row, 0).data(MarketWatchModel::InstrumentRole).toString() == instrument)
            view->setCurrentIndex(watch->model()->index(row, 0));
}

void pickInWatchlist(MainWindow &window, const QString &instrument)
{
    Watchlists *w = window.watchlists();
    QVERIFY(w->addInstrument(instrument).isEmpty() || w->instruments(w->currentName()).contains(instrument));
    for (int row = 0; row < w->model()->rowCount(); ++row)
        if (w->model()->instrumentAt(row) == instrument)
            w->view()->setCurrentIndex(w->model()->index(row, 0));
}

} // namespace

class TestInstrumentLinks : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_instrumentlinks"));
    }

    void init() { QSettings().clear(); }

    void everyPanelStartsInOneGroup()
    {
        auto store = stores.open(stores.freshUrl());
        MainWindow window(store.get(), nullptr, reference, {});
        const QStringList linked{QStringLiteral("OrderTicketDock"), QStringLiteral("MarketWatchDock"),
                                 QStringLiteral("WatchlistsDock"),  QStringLiteral("DepthLadderDock"),
                                 QStringLiteral("BlotterDock"),     QStringLiteral("ChartsDock")};
        for (const QString &name : linked) {
            QDockWidget *dock = window.dock(name);
            QVERIFY2(window.links()->members().contains(dock), qPrintable(name));
            QCOMPARE(window.links()->colour(dock), LinkColour::Red);
            QVERIFY2(dock->titleBarWidget() && dock->titleBarWidget()->findChild<LinkColourButton *>(), qPrintable(name));
        }
        // Today's behaviour: a pick in the market watch drives the ladder and the chart.
        pickInMarketWatch(window, QStringLiteral("AAPL"));
        QCOMPARE(window.ladder()->instrument(), QStringLiteral("AAPL"));
        QCOMPARE(window.charts()->instrument(), QStringLiteral("AAPL"));
        window.selectInstrument(QStringLiteral("MSFT")); // staging from an alert
        QCOMPARE(window.ladder()->instrument(), QStringLiteral("MSFT"));
    }

    void twoGroupsLeaveEachOtherAlone()
    {
        auto store = stores.open(stores.freshUrl());
        MainWindow window(store.get(), nullptr, reference, {});
        InstrumentLinks *links = window.links();
        // Blue: the watchlists and the ladder. Red (the rest): market watch, ticket, chart, blotter.
        links->setColour(window.dock(QStringLiteral("WatchlistsDock")), LinkColour::Blue);
        links->setColour(window.dock(QStringLiteral("DepthLadderDock")), LinkColour::Blue);

        pickInMarketWatch(window, QStringLiteral("AAPL"));
        QCOMPARE(window.charts()->instrument(), QStringLiteral("AAPL"));
        QVERIFY(window.ladder()->instrument() != QStringLiteral("AAPL"));

        pickInWatchlist(window, QStringLiteral("NVDA"));
        QCOMPARE(window.ladder()->instrument(), QStringLiteral("NVDA"));
        QCOMPARE(window.charts()->instrument(), QStringLiteral("AAPL")); // the red group did not move
        QCOMPARE(links->instrument(LinkColour::Blue), QStringLiteral("NVDA"));
        QCOMPARE(links->instrument(LinkColour::Red), QStringLiteral("AAPL"));

        // Moving the chart to blue shows blue's instrument at once.
        links->setColour(window.dock(QStringLiteral("ChartsDock")), LinkColour::Blue);
        QCOMPARE(window.charts()->instrument(), QStringLiteral("NVDA"));

        // Not linked: the chart neither follows nor is followed.
        links->setColour(window.dock(QStringLiteral("ChartsDock")), LinkColour::None);
        pickInWatchlist(window, QStringLiteral("MSFT"));
        QCOMPARE(window.ladder()->instrument(), QStringLiteral("MSFT"));
        QCOMPARE(window.charts()->instrument(), QStringLiteral("NVDA"));
    }

    void theTitleBarButtonPicksTheColour()
    {
        auto store = stores.open(stores.freshUrl());
        MainWindow window(store.get(), nullptr, reference, {});
        QDockWidget *ladder = window.dock(QStringLiteral("DepthLadderDock"));
        auto *button = ladder->titleBarWidget()->findChild<LinkColourButton *>();
        QAction *green = nullptr;
        for (QAction *a : button->menu()->actions())
            if (a->data().toString() == QStringLiteral("green"))
                green = a;
        QVERIFY(green);
        green->trigger();
        QCOMPARE(window.links()->colour(ladder), LinkColour::Green);
        QCOMPARE(button->colour(), LinkColour::Green);
        pickInMarketWatch(window, QStringLiteral("JPM"));
        QVERIFY(window.ladder()->instrument() != QStringLiteral("JPM"));
    }

    void coloursAreKeptWithTheLayout()
    {
        auto store = stores.open(stores.freshUrl());
        {
            MainWindow window(store.get(), nullptr, reference, {});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.links()->setColour(window.dock(QStringLiteral("ChartsDock")), LinkColour::Yellow);
            window.links()->setColour(window.dock(QStringLiteral("BlotterDock")), LinkColour::None);
            window.saveNamedLayout(QStringLiteral("Split desk"));
            window.close(); // saves the layout
        }
        MainWindow window(store.get(), nullptr, reference, {});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.links()->colour(window.dock(QStringLiteral("ChartsDock"))), LinkColour::Yellow);
        QCOMPARE(window.links()->colour(window.dock(QStringLiteral("BlotterDock"))), LinkColour::None);
        QCOMPARE(window.links()->colour(window.dock(QStringLiteral("OrderTicketDock"))), LinkColour::Red);

        window.resetLayout();
        QCOMPARE(window.links()->colour(window.dock(QStringLiteral("ChartsDock"))), LinkColour::Red);
        QCOMPARE(window.links()->colour(window.dock(QStringLiteral("BlotterDock"))), LinkColour::Red);

        QVERIFY(window.restoreNamedLayout(QStringLiteral("Split desk")));
        QCOMPARE(window.links()->colour(window.dock(QStringLiteral("ChartsDock"))), LinkColour::Yellow);
    }
};

QTEST_MAIN(TestInstrumentLinks)
#include "tst_instrumentlinks.moc"
