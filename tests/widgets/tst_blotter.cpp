// The blotter against the real engine (SQLite store, simulated venue): what its menus offer a
// trader and a compliance session, and "My orders" among the simulated desks' orders.

#include "blotter.h"
#include "blottermodel.h"
#include "demo/simulatedtraders.h"
#include "engine/tradingengine.h"
#include "events/readevents.h"
#include "refdata/referencedata.h"
#include "testengine.h"
#include "teststores.h"
#include "testmarket.h"
#include "testorders.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QFileInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

const QString Passive = QStringLiteral("ALICE-1");

QStringList texts(const QMenu &menu)
{
    QStringList out;
    for (const QAction *a : menu.actions())
        if (!a->isSeparator())
            out << a->text();
    return out;
}

} // namespace

class TestBlotter : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{MarketOpenUs};

    std::unique_ptr<TradingEngine> startEngine(EventStore &store, const Actor &actor, int flowMs = 0, bool deskOnUser = false)
    {
        EngineOptions options = testEngineOptions(actor);
        options.demoFlowIntervalMs = flowMs;
        options.simulatedDesksOnUserAccounts = deskOnUser;
        return startedEngine(store, reference, clock, options);
    }

    // A buy well below the market: it works.
    NewOrderCommand passiveBuy(const QString &id)
    {
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        NewOrderCommand c;
        c.clientOrderId = id;
        c.account = QStringLiteral("DESK-02");
        c.instrument = aapl->id;
        c.side = QStringLiteral("buy");
        c.quantity = 100;
        c.limitPrice = aapl->formatPrice(Price(aapl->referencePrice.value() * 97 / 100));
        return c;
    }

    QModelIndex rowOf(const Blotter &blotter, const QString &orderId)
    {
        const int row = blotter.model()->rowOf(orderId);
        return row < 0 ? QModelIndex() : blotter.model()->index(row, BlotterModel::OrderId);
    }

private Q_SLOTS:
    // A trader may cancel and replace a working order; a compliance session on the same store is
    // offered neither (nor the exceptions' Acknowledge), only what reads.
    void complianceMenuOffersNoCancelOrReplace()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        {
            auto trading = startEngine(*store, Alice);
            Blotter blotter(trading.get(), reference);
            trading->submit(passiveBuy(Passive));
            QTRY_VERIFY(rowOf(blotter, Passive).isValid()
                        && blotter.model()->orderAt(rowOf(blotter, Passive).row()).state == OrderState::New);
            const std::unique_ptr<QMenu> menu = blotter.orderMenu(rowOf(blotter, Passive));
            QVERIFY(menu);
            const QStringList offered = texts(*menu);
            QVERIFY2(offered.contains(QStringLiteral("Cancel %1").arg(Passive)), qPrintable(offered.join(u'|')));
            QVERIFY2(offered.contains(QStringLiteral("Replace %1…").arg(Passive)), qPrintable(offered.join(u'|')));
            QVERIFY(menu->actions().constFirst()->isEnabled());
            QVERIFY(!blotter.findChild<QPushButton *>(QStringLiteral("AcknowledgeExceptionButton"))->isHidden()); // on its tab
            trading->stop();
        }
        const Sequence before = store->head()->sequence;
        auto compliance = startEngine(*store, Carol);
        Blotter blotter(compliance.get(), reference);
        compliance->republish(); // what it loaded at start, sent before this blotter listened
        QTRY_VERIFY(rowOf(blotter, Passive).isValid());
        QCOMPARE(blotter.model()->orderAt(rowOf(blotter, Passive).row()).state, OrderState::New); // as recorded
        const std::unique_ptr<QMenu> menu = blotter.orderMenu(rowOf(blotter, Passive));
        QVERIFY(menu);
        for (const QString &text : texts(*menu))
            QVERIFY2(!text.startsWith(QStringLiteral("Cancel")) && !text.startsWith(QStringLiteral("Replace")), qPrintable(text));
        QCOMPARE(texts(*menu), QStringList{QStringLiteral("Copy order ID")});
        QVERIFY(blotter.findChild<QPushButton *>(QStringLiteral("AcknowledgeExceptionButton"))->isHidden());
        compliance->stop();
        QCOMPARE(store->head()->sequence, before); // it recorded nothing
    }

    // The desk's orders taken away as CSV: a read, recorded as the session's user (a compliance
    // session's too: access records are what it writes).
    void anExportIsARecordedRead()
    {
        auto store = stores.open(stores.freshUrl());
        {
            auto trading = startEngine(*store, Alice);
            trading->submit(passiveBuy(Passive));
            QTRY_VERIFY(trading->snapshot() && trading->snapshot()->orders().size() == 1);
            trading->stop();
        }
        auto compliance = startEngine(*store, Carol);
        Blotter blotter(compliance.get(), reference);
        compliance->republish();
        QTRY_VERIFY(rowOf(blotter, Passive).isValid());
        const Sequence before = store->head()->sequence;
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("orders.csv"));
        QVERIFY2(blotter.exportCsv(path, &error), qPrintable(error));
        QTRY_COMPARE(store->head()->sequence, before + 1);
        compliance->stop();
        auto reads = store->readStream(events::readsStream(Carol.user));
        QVERIFY(reads && reads->size() == 1);
        QCOMPARE(reads->first().actor, Carol);
        auto read = events::ReadRecord::decode(reads->first().payload);
        QVERIFY(read);
        QCOMPARE(read->action, events::ReadExported);
        QCOMPARE(read->records, 1);
        QCOMPARE(read->outcome, QStringLiteral("written to ") + QFileInfo(path).absoluteFilePath());
    }

    // A bracket's take-profit is not replaced from the orders' menu (its bracket sizes and prices
    // it: the menu says so), and a command the engine refuses says why above the orders.
    void aRefusalSaysWhyAndABracketsOrderPointsToItsBracket()
    {
        auto store = stores.open(stores.freshUrl());
        auto trading = startEngine(*store, Alice);
        Blotter blotter(trading.get(), reference);
        QLabel *answer = blotter.findChild<QLabel *>(QStringLiteral("BlotterAnswer"));
        QVERIFY(answer);
        QVERIFY(answer->isHidden());
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        const qint64 ref = aapl->referencePrice.value();
        NewOrderCommand entry = passiveBuy(QStringLiteral("ALICE-B"));
        entry.limitPrice = aapl->formatPrice(Price(ref * 102 / 100)); // marketable: it fills
        BracketTerms exits;
        exits.stopLoss = aapl->formatPrice(Price(ref * 96 / 100));
        exits.takeProfit = aapl->formatPrice(Price(ref * 104 / 100));
        entry.bracket = exits;
        trading->submit(entry);
        const QString tp = QStringLiteral("ALICE-B.TP1");
        QTRY_VERIFY(rowOf(blotter, tp).isValid() && blotter.model()->orderAt(rowOf(blotter, tp).row()).state == OrderState::New);
        {
            const std::unique_ptr<QMenu> menu = blotter.orderMenu(rowOf(blotter, tp));
            QVERIFY(menu);
            QAction *replace = nullptr;
            for (QAction *a : menu->actions())
                if (a->text().startsWith(QStringLiteral("Replace")))
                    replace = a;
            QVERIFY(replace);
            QCOMPARE(replace->text(), QStringLiteral("Replace %1… (amend bracket ALICE-B instead)").arg(tp));
            QVERIFY(!replace->isEnabled());
            // A take-profit cancelled here would be put up again by its bracket: the bracket's menu
            // stops it or takes the take-profit off.
            QAction *cancel = menu->actions().constFirst();
            QCOMPARE(cancel->text(), QStringLiteral("Cancel %1 (stop or amend bracket ALICE-B instead)").arg(tp));
            QVERIFY(!cancel->isEnabled());
        }
        // A cancel sent twice from the same menu: the second is refused, and the blotter says why.
        trading->submit(passiveBuy(Passive));
        QTRY_VERIFY(rowOf(blotter, Passive).isValid() && blotter.model()->orderAt(rowOf(blotter, Passive).row()).state == OrderState::New);
        const std::unique_ptr<QMenu> menu = blotter.orderMenu(rowOf(blotter, Passive));
        QAction *cancel = menu->actions().constFirst();
        QCOMPARE(cancel->text(), QStringLiteral("Cancel %1").arg(Passive));
        cancel->trigger();
        QTRY_COMPARE(blotter.model()->orderAt(rowOf(blotter, Passive).row()).state, OrderState::Cancelled);
        QVERIFY(answer->isHidden()); // accepted: nothing to say
        cancel->trigger();
        QTRY_VERIFY(!answer->isHidden());
        QVERIFY2(answer->text().startsWith(QStringLiteral("%1 refused: ").arg(Passive)), qPrintable(answer->text()));
        trading->stop();
    }

    // The simulated desks trade their own accounts; "My orders" leaves the user's only.
    void myOrdersAmongTheSimulatedDesks()
    {
        auto store = stores.open(stores.freshUrl());
        auto engine = startEngine(*store, Alice, 20);
        Blotter blotter(engine.get(), reference);
        engine->submit(passiveBuy(Passive));
        QTRY_VERIFY_WITH_TIMEOUT(blotter.model()->rowCount() >= 25 && rowOf(blotter, Passive).isValid(), 20000);
        engine->stop();
        const int all = blotter.model()->rowCount();
        for (int row = 0; row < all; ++row) {
            const OrderRecord &o = blotter.model()->orderAt(row);
            if (o.orderId == Passive)
                continue;
            QCOMPARE(o.actor, QStringLiteral("simulated-desk"));
            QVERIFY2(o.account.startsWith(QStringLiteral("SIM-")) && !reference.account(o.account), qPrintable(o.account));
        }

        blotter.setMyOrdersOnly(true);
        QCOMPARE(blotter.proxy()->rowCount(), 1);
        QCOMPARE(blotter.view()->model()->rowCount(), 1);
        const QModelIndex shown = blotter.proxy()->mapToSource(blotter.proxy()->index(0, 0));
        QCOMPARE(blotter.model()->orderAt(shown.row()).orderId, Passive);
        blotter.setMyOrdersOnly(false);
        QCOMPARE(blotter.view()->model()->rowCount(), all);
    }

    // Asked to (an option), the simulated desks trade the user's accounts instead.
    void simulatedDesksOnTheUsersAccountsWhenAsked()
    {
        auto store = stores.open(stores.freshUrl());
        auto engine = startEngine(*store, Alice, 20, true);
        Blotter blotter(engine.get(), reference);
        QTRY_VERIFY_WITH_TIMEOUT(blotter.model()->rowCount() >= 15, 20000);
        engine->stop();
        for (int row = 0; row < blotter.model()->rowCount(); ++row)
            QVERIFY2(reference.account(blotter.model()->orderAt(row).account), qPrintable(blotter.model()->orderAt(row).account));
    }

    // Whose order is "mine": entered by me, or on one of my accounts (a bracket's exits).
    void myOrdersRule()
    {
        const OwnBook mine = OwnBook::of(QStringLiteral("alice"), reference);
        OrderRecord o;
        o.actor = QStringLiteral("alice");
        o.account = QStringLiteral("SIM-02");
        QVERIFY(mine.has(o));
        o.actor = QStringLiteral("bracket-monitor");
        o.account = QStringLiteral("DESK-02");
        QVERIFY(mine.has(o));
        QVERIFY(!mine.entered(o));
        o.actor = QStringLiteral("simulated-desk");
        o.account = SimulatedTraders::deskAccounts().constFirst().id;
        QVERIFY(!mine.has(o));
        OrderFilter filter;
        filter.mine = mine;
        QVERIFY(!filter.isEmpty());
        QVERIFY(!filter.matches(o, QStringLiteral("AAPL")));
    }
};

QTEST_MAIN(TestBlotter)
#include "tst_blotter.moc"
