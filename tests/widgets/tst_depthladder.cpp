// The depth ladder against the real engine (SQLite store, simulated venue on the engine thread):
// prices that stay under the pointer, a click that sends the clicked row's price and the ladder's
// own quantity, the trader's working orders at their rows (a click cancels, a drag moves), the
// large-order question shared with the ticket, and the ticket's quantity following the instrument.

#include "clicktotrade.h"
#include "copilotpanel.h"
#include "depthladder.h"
#include "engine/tradingengine.h"
#include "mainwindow.h"
#include "marketwatch.h"
#include "orderticket.h"
#include "refdata/referencedata.h"
#include "testmarket.h"
#include "testengine.h"
#include "teststores.h"
#include "watchlists.h"

#include <QApplication>
#include <QEnterEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>

using namespace instant;
using namespace instant::test;

namespace {

// The pointer comes over the ladder, or goes away, as the window system says it.
void hover(QWidget *w)
{
    QEnterEvent enter(QPointF(5, 5), QPointF(5, 5), w->mapToGlobal(QPointF(5, 5)));
    QApplication::sendEvent(w, &enter);
}

void leave(QWidget *w)
{
    QEvent left(QEvent::Leave);
    QApplication::sendEvent(w, &left);
}

QList<qint64> prices(const DepthLadder &ladder)
{
    QList<qint64> out;
    for (int row = 0; row < ladder.model()->rowCount(); ++row)
        out << ladder.model()->priceAt(row).value_or(Price(0)).value();
    return out;
}

QPoint cell(const DepthLadder &ladder, int row, int column)
{
    return ladder.view()->visualRect(ladder.model()->index(row, column)).center();
}

QString shown(const DepthLadder &ladder, int row, int column)
{
    return ladder.model()->index(row, column).data().toString();
}

// The trader turns the wheel over the rows: `rows` up (positive) or down.
void wheel(DepthLadder &ladder, int rows)
{
    QWidget *viewport = ladder.view()->viewport();
    const QPointF at = viewport->rect().center();
    QWheelEvent turn(at, viewport->mapToGlobal(at), QPoint(), QPoint(0, 120 * rows), Qt::NoButton, Qt::NoModifier,
                     Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &turn);
}

QStringList eventTypes(EventStore &store, const QString &stream = {})
{
    QStringList out;
    const auto all = store.read(ReadQuery{});
    for (const RecordedEvent &ev : *all)
        if (stream.isEmpty() || ev.payloadObject().value(QStringLiteral("order_id")).toString() == stream)
            out << ev.type;
    return out;
}

} // namespace

class TestDepthLadder : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs};

    std::unique_ptr<TradingEngine> engine(std::unique_ptr<EventStore> &store)
    {
        store = stores.open(stores.freshUrl());
        EngineOptions options = testEngineOptions(Actor{QStringLiteral("alice"), QStringLiteral("trader")});
        options.stepIntervalMs = 250; // a calm market: orders a dollar away stay working
        return startedEngine(*store, reference, clock, options);
    }

    // A ladder on screen, on an instrument whose market has arrived and is on its rows.
    static void open(DepthLadder &ladder, const QString &instrument)
    {
        ladder.resize(520, 560);
        ladder.show();
        QVERIFY(QTest::qWaitForWindowExposed(&ladder));
        ladder.setInstrument(instrument);
        QTRY_VERIFY(ladder.model()->bestBid() && ladder.model()->bestAsk());
        QTRY_VERIFY(ladder.model()->rowOf(*ladder.model()->bestBid()) >= 0);
        QVERIFY(ladder.model()->rowCount() >= 15);
    }

    static QString idOfFirst(const QSignalSpy &sent) { return sent.isEmpty() ? QString() : sent.first().at(0).toString(); }

private Q_SLOTS:
    // The market jumps while the pointer is over the ladder: no row changes its price until the
    // trader asks (Space, C, Centre). With the pointer away, the same jump re-centres.
    void rowsStayUnderThePointer()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        DepthLadder ladder(e.get(), reference);
        open(ladder, QStringLiteral("AAPL"));
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        const qint64 tick = aapl->tickSize;
        auto *centreButton = ladder.findChild<QPushButton *>(QStringLiteral("centreLadder"));
        QVERIFY(centreButton);
        QCOMPARE(centreButton->text(), QStringLiteral("Centre"));

        hover(&ladder);
        QVERIFY(ladder.pointerOver());
        const QList<qint64> before = prices(ladder);
        const Price far(before.first() + 50 * tick); // far above the top row
        ladder.applyDepth(aapl->id, {LevelView{far, Quantity(500), 1}}, {LevelView{far + Price(2 * tick), Quantity(700), 1}});
        QCOMPARE(prices(ladder), before);
        QCOMPARE(centreButton->text(), QStringLiteral("▲ Centre")); // where the market went, said on the button

        // Space: the market on the middle row.
        QTest::keyClick(ladder.view(), Qt::Key_Space);
        const int middle = ladder.model()->rowCount() / 2;
        QCOMPARE(ladder.model()->priceAt(middle)->value(), far.value() + tick);
        QCOMPARE(centreButton->text(), QStringLiteral("Centre"));
        const QList<qint64> centred = prices(ladder);

        // The real market ticks on, a dollar and more below, while the pointer stays: nothing moves.
        QTRY_VERIFY(ladder.model()->bestBid() && *ladder.model()->bestBid() < far);
        QCOMPARE(prices(ladder), centred);
        QTRY_COMPARE(centreButton->text(), QStringLiteral("▼ Centre"));

        // C re-centres as well, and so does the Centre button.
        QTest::keyClick(ladder.view(), Qt::Key_C);
        QVERIFY(ladder.model()->rowOf(*ladder.model()->bestBid()) >= 0);
        QVERIFY(ladder.model()->rowOf(*ladder.model()->bestAsk()) >= 0);
        QVERIFY(prices(ladder) != centred);
        wheel(ladder, 40); // the trader looks 40 rows higher
        QVERIFY(ladder.model()->rowOf(*ladder.model()->bestBid()) < 0);
        centreButton->click();
        QVERIFY(ladder.model()->rowOf(*ladder.model()->bestBid()) >= 0);

        // Pointer away: the same jump re-centres the rows at once.
        leave(&ladder);
        QVERIFY(!ladder.pointerOver());
        ladder.applyDepth(aapl->id, {LevelView{far, Quantity(500), 1}}, {LevelView{far + Price(2 * tick), Quantity(700), 1}});
        QCOMPARE(ladder.model()->priceAt(middle)->value(), far.value() + tick);
        e->stop();
    }

    // The market jumps between the trader seeing a row and clicking it: the order carries the
    // price the clicked row showed and the ladder's quantity, never the ticket's.
    void clickSendsTheRowPriceAndTheLaddersQuantity()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        DepthLadder ladder(e.get(), reference);
        open(ladder, QStringLiteral("AAPL"));
        QCOMPARE(ladder.clickQuantity(), QStringLiteral("100"));
        ladder.setClickQuantity(QStringLiteral("300"));
        hover(&ladder);
        const int row = ladder.model()->rowOf(*ladder.model()->bestBid()) + 2;
        const Price price = *ladder.model()->priceAt(row);
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        const Price jump(price.value() - 40 * aapl->tickSize);
        ladder.applyDepth(aapl->id, {LevelView{jump, Quantity(100), 1}}, {LevelView{jump + Price(aapl->tickSize), Quantity(100), 1}});

        QSignalSpy sent(&ladder, &DepthLadder::sent);
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::Bids));
        QTRY_COMPARE(sent.count(), 1);
        const QString id = idOfFirst(sent);
        QTRY_VERIFY_WITH_TIMEOUT(e->snapshot()->order(id) != nullptr, 5000);
        const OrderRecord order = *e->snapshot()->order(id);
        QCOMPARE(order.side, Side::Buy);
        QCOMPARE(order.limitPrice->value(), price.value());
        QCOMPARE(order.quantity.value(), qint64(300));
        QCOMPARE(order.account, ladder.account());

        // The price column and a press released on another cell send nothing.
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::PriceColumn));
        QTest::mousePress(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::Bids));
        QTest::mouseRelease(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row + 1, LadderModel::Bids));
        QTRY_COMPARE(sent.count(), 1);

        // A click on the ask column sells at that row's price.
        ladder.setClickQuantity(QStringLiteral("2"));
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row - 4, LadderModel::Asks));
        QTRY_COMPARE(sent.count(), 2);
        const QString sell = sent.at(1).at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(e->snapshot()->order(sell) != nullptr, 5000); // refused (nothing held) or not: recorded
        QCOMPARE(e->snapshot()->order(sell)->side, Side::Sell);
        QCOMPARE(e->snapshot()->order(sell)->limitPrice->value(), ladder.model()->priceAt(row - 4)->value());
        QCOMPARE(e->snapshot()->order(sell)->quantity.value(), qint64(2));
        e->stop();
    }

    // The click quantity is the instrument's: it goes back to the usual one when the instrument changes.
    void quantityResetsWhenTheInstrumentChanges()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        DepthLadder ladder(e.get(), reference);
        auto *edit = ladder.findChild<QLineEdit *>(QStringLiteral("clickQuantity"));
        QVERIFY(edit);
        ladder.setInstrument(QStringLiteral("UST 10Y"));
        QCOMPARE(ladder.clickQuantity(), QStringLiteral("1mm"));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("15mm"));
        QCOMPARE(ladder.clickQuantity(), QStringLiteral("15mm"));
        ladder.setInstrument(QStringLiteral("UST 10Y")); // the same instrument again: kept
        QCOMPARE(ladder.clickQuantity(), QStringLiteral("15mm"));
        ladder.setInstrument(QStringLiteral("AAPL"));
        QCOMPARE(ladder.clickQuantity(), QStringLiteral("100"));
        const Instrument *option = nullptr;
        for (const Instrument *i : reference.instruments())
            if (i->kind == InstrumentKind::EquityOption && !option)
                option = i;
        QVERIFY(option);
        ladder.setClickQuantity(QStringLiteral("250"));
        ladder.setInstrument(option->id);
        QCOMPARE(ladder.clickQuantity(), QStringLiteral("1"));
        ladder.setInstrument(QStringLiteral("UST 10Y"));
        QCOMPARE(ladder.clickQuantity(), QStringLiteral("1mm"));
        e->stop();
    }

    // The trader's own working orders sit at their rows; a click cancels, a drag moves.
    void ownOrdersCancelAndMove()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        DepthLadder ladder(e.get(), reference);
        open(ladder, QStringLiteral("AAPL"));
        hover(&ladder);
        wheel(ladder, -100); // a dollar lower: orders rest there whatever the market does meanwhile
        QSignalSpy sent(&ladder, &DepthLadder::sent);
        const int row = 4;
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::Bids));
        QTRY_COMPARE(sent.count(), 1);
        const QString first = idOfFirst(sent);
        QTRY_COMPARE_WITH_TIMEOUT(shown(ladder, row, LadderModel::MyBids), QStringLiteral("100"), 5000);
        QCOMPARE(shown(ladder, row + 1, LadderModel::MyBids), QString());
        QCOMPARE(shown(ladder, row, LadderModel::MyAsks), QString());

        // A click on it: cancelled at the venue, recorded, gone from the row.
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::MyBids));
        QTRY_VERIFY_WITH_TIMEOUT(eventTypes(*store, first).contains(QStringLiteral("OrderCancelled")), 5000);
        QTRY_COMPARE(shown(ladder, row, LadderModel::MyBids), QString());
        QTRY_COMPARE(sent.count(), 1); // cancelling is not trading

        // Another one, dragged three rows down: replaced to that row's price.
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::Bids));
        QTRY_COMPARE(sent.count(), 2);
        const QString second = sent.at(1).at(0).toString();
        QTRY_COMPARE_WITH_TIMEOUT(shown(ladder, row, LadderModel::MyBids), QStringLiteral("100"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(e->snapshot()->order(second) && e->snapshot()->order(second)->state == OrderState::New, 5000);
        const Price target = *ladder.model()->priceAt(row + 3);
        QWidget *viewport = ladder.view()->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, {}, cell(ladder, row, LadderModel::MyBids));
        QTest::mouseMove(viewport, cell(ladder, row + 1, LadderModel::MyBids));
        QTest::mouseMove(viewport, cell(ladder, row + 3, LadderModel::MyBids));
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, cell(ladder, row + 3, LadderModel::MyBids));
        QTRY_VERIFY_WITH_TIMEOUT(eventTypes(*store, second).contains(QStringLiteral("OrderReplaced")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(e->snapshot()->order(second)->limitPrice->value(), target.value(), 5000);
        QTRY_COMPARE(shown(ladder, row + 3, LadderModel::MyBids), QStringLiteral("100"));
        QCOMPARE(shown(ladder, row, LadderModel::MyBids), QString());
        QTRY_COMPARE(sent.count(), 2);
        QVERIFY(!eventTypes(*store, second).contains(QStringLiteral("CancelRequested")));

        // A colleague's working order (another user on the desk's store) is not the trader's own.
        OrderRecord colleague = *e->snapshot()->order(second);
        colleague.orderId = QStringLiteral("BOB-1");
        colleague.actor = QStringLiteral("bob");
        colleague.limitPrice = *ladder.model()->priceAt(row + 5);
        colleague.lastSequence += 1000;
        ladder.applyOrders({OrderRef(colleague)});
        QCOMPARE(shown(ladder, row + 5, LadderModel::MyBids), QString());
        colleague.orderId = QStringLiteral("alice-elsewhere"); // the trader's own, from another workstation
        colleague.actor = QStringLiteral("alice");
        ladder.applyOrders({OrderRef(colleague)});
        QCOMPARE(shown(ladder, row + 5, LadderModel::MyBids), QStringLiteral("100"));
        e->stop();
    }

    // A click over the large-order threshold asks first, in the same words as the ticket (one
    // check for every path); No sends nothing, Yes sends.
    void largeOrderAsksFirst()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        DepthLadder ladder(e.get(), reference);
        open(ladder, QStringLiteral("AAPL"));
        QString asked;
        bool answer = false;
        ladder.setConfirmation([&](const QString &q) {
            asked = q;
            return answer;
        });
        hover(&ladder);
        wheel(ladder, -100);
        ladder.setClickQuantity(QStringLiteral("15mm"));
        QSignalSpy sent(&ladder, &DepthLadder::sent);
        const int row = 3;
        const Price price = *ladder.model()->priceAt(row);
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::Bids));
        QTRY_VERIFY_WITH_TIMEOUT(!asked.isEmpty(), 5000); // once the engine has checked it
        QVERIFY2(asked.startsWith(QStringLiteral("Buy 15mm AAPL at %1 for $").arg(reference.instrument(QStringLiteral("AAPL"))->formatPrice(price))),
                 qPrintable(asked));
        QVERIFY(asked.endsWith(QStringLiteral("Send?")));
        QTRY_COMPARE(sent.count(), 0);
        QVERIFY(ladder.statusText().startsWith(QStringLiteral("Not sent")));

        // A small click after it goes; once it is recorded, it is the only order the engine saw.
        ladder.setClickQuantity(QStringLiteral("100"));
        asked.clear();
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, row, LadderModel::Bids));
        QVERIFY(asked.isEmpty());
        QTRY_COMPARE(sent.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(e->snapshot()->order(idOfFirst(sent)), 5000);
        QCOMPARE(eventTypes(*store).count(QStringLiteral("OrderAccepted")) + eventTypes(*store).count(QStringLiteral("OrderRejected")), 1);

        // The ticket asks the same question for the same order: one check for every path.
        leave(&ladder);
        open(ladder, QStringLiteral("UST 10Y"));
        hover(&ladder);
        ladder.setClickQuantity(QStringLiteral("20mm"));
        const Price tenYear = *ladder.model()->priceAt(ladder.model()->rowOf(*ladder.model()->bestBid()) + 1);
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, ladder.model()->rowOf(tenYear), LadderModel::Bids));
        QTRY_VERIFY_WITH_TIMEOUT(!asked.isEmpty(), 5000); // once the engine has checked it
        QVERIFY2(asked.startsWith(QStringLiteral("Buy 20mm UST 10Y at ")), qPrintable(asked));
        OrderTicket ticket(e.get(), reference);
        QString ticketAsked;
        ticket.setConfirmation([&ticketAsked](const QString &q) {
            ticketAsked = q;
            return false;
        });
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("20mm"));
        ticket.setPrice(reference.instrument(QStringLiteral("UST 10Y"))->formatPrice(tenYear));
        ticket.setOverrideReason(QStringLiteral("client block")); // the ticket's large-order rule wants a reason first
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(!ticket.send(Side::Buy));
        QCOMPARE(ticketAsked, asked);
        QTRY_COMPARE(sent.count(), 1);

        // Yes: it goes (and compliance has its say: over $10mm wants an override, given on the ticket).
        answer = true;
        QTest::mouseClick(ladder.view()->viewport(), Qt::LeftButton, {}, cell(ladder, ladder.model()->rowOf(tenYear), LadderModel::Bids));
        QTRY_COMPARE(sent.count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(e->snapshot()->order(sent.at(1).at(0).toString()), 5000);
        QCOMPARE(e->snapshot()->order(sent.at(1).at(0).toString())->quantity.value(), qint64(20'000'000));
        QCOMPARE(e->snapshot()->order(sent.at(1).at(0).toString())->limitPrice->value(), tenYear.value());
        e->stop();
    }

    // Every path that sets the ticket's instrument: the usual quantity of the new instrument, unless
    // the trader set one for that same instrument.
    void ticketQuantityFollowsTheInstrument()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        MainWindow window(store.get(), e.get(), reference, {});
        OrderTicket *ticket = window.ticket();
        const QString tenYear = reference.instrument(QStringLiteral("UST 10Y"))->id;
        QTRY_COMPARE(window.ladder()->instrument(), tenYear); // the workstation's first instrument, everywhere
        QLineEdit *quantity = nullptr;
        for (QLineEdit *edit : ticket->findChildren<QLineEdit *>())
            if (edit->placeholderText().contains(QStringLiteral("250k")))
                quantity = edit;
        QVERIFY(quantity);
        auto typed = [quantity](const QString &text) {
            quantity->clear();
            QTest::keyClicks(quantity, text);
        };

        // The trader's 15mm of a Treasury; the market watch picks AAPL: 100 shares, not 15mm.
        ticket->setInstrument(QStringLiteral("UST 10Y"));
        typed(QStringLiteral("15mm"));
        Q_EMIT window.marketWatch()->instrumentSelected(QStringLiteral("AAPL"));
        QCOMPARE(ticket->command().instrument, QStringLiteral("AAPL"));
        QCOMPARE(quantity->text(), QStringLiteral("100"));
        // Typed for AAPL and AAPL picked again: kept.
        typed(QStringLiteral("300"));
        Q_EMIT window.marketWatch()->instrumentSelected(QStringLiteral("AAPL"));
        QCOMPARE(quantity->text(), QStringLiteral("300"));
        // A watchlist picks a Treasury: 1mm.
        Q_EMIT window.watchlists()->instrumentSelected(reference.instrument(QStringLiteral("UST 5Y"))->id);
        QCOMPARE(quantity->text(), QStringLiteral("1mm"));
        // An option, as the option ideas stage it (the contract, then its size): kept for it, and
        // the next instrument gets its own.
        const Instrument *option = nullptr;
        for (const Instrument *i : reference.instruments())
            if (i->kind == InstrumentKind::EquityOption && !option)
                option = i;
        QVERIFY(option);
        ticket->setInstrument(option->id);
        QCOMPARE(quantity->text(), QStringLiteral("1"));
        ticket->setQuantity(QStringLiteral("7"));
        ticket->setInstrument(option->id);
        QCOMPARE(quantity->text(), QStringLiteral("7"));
        Q_EMIT window.marketWatch()->instrumentSelected(QStringLiteral("MSFT"));
        QCOMPARE(quantity->text(), QStringLiteral("100"));

        // The copilot's draft: its quantity for its instrument; the next pick resets it.
        CopilotPanel *copilot = window.copilot();
        QSignalSpy answered(copilot, &CopilotPanel::answered);
        copilot->ask(QStringLiteral("buy 2mm 5s at 99-18"));
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 10000);
        copilot->stageProposal();
        QCOMPARE(ticket->command().quantity, qint64(2'000'000));
        Q_EMIT window.marketWatch()->instrumentSelected(QStringLiteral("AAPL"));
        QCOMPARE(quantity->text(), QStringLiteral("100"));
        // And the ladder, linked: the usual quantity of its instrument, whatever the ticket holds.
        QCOMPARE(window.ladder()->clickQuantity(), QStringLiteral("100"));
        typed(QStringLiteral("5000"));
        Q_EMIT window.marketWatch()->instrumentSelected(tenYear);
        QCOMPARE(window.ladder()->instrument(), tenYear);
        QCOMPARE(window.ladder()->clickQuantity(), QStringLiteral("1mm"));
        QCOMPARE(quantity->text(), QStringLiteral("1mm"));
        e->stop();
    }
};

QTEST_MAIN(TestDepthLadder)
#include "tst_depthladder.moc"
