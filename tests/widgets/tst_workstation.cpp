// The workstation against the real engine (SQLite store, simulated venue on the engine thread):
// the ticket's entry and preview, an order through to the blotter, large-order confirmation,
// and the compliance role that cannot trade.

#include "auditviewer.h"
#include "alertspanel.h"
#include "blotter.h"
#include "copilotpanel.h"
#include "mainwindow.h"
#include "blottermodel.h"
#include "bracketsmodel.h"
#include "engine/tradingengine.h"
#include "marketwatch.h"
#include "orderticket.h"
#include "refdata/referencedata.h"
#include "teststores.h"
#include "testmarket.h"

#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace instant;
using namespace instant::test;

class TestWorkstation : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs}; // the test market's day, whatever the machine's date

    std::unique_ptr<TradingEngine> engine(std::unique_ptr<EventStore> &store, const QString &role = QStringLiteral("trader"))
    {
        store = stores.open(stores.freshUrl());
        EngineOptions options;
        options.startUs = 1795185000000000;
        options.stepIntervalMs = 50;
        options.actor = Actor{QStringLiteral("alice"), role};
        auto e = std::make_unique<TradingEngine>(*store, reference, clock, options);
        // Delivered on this thread (queued): the engine thread may emit before any wait begins,
        // and a QSignalSpy's wait() counts only what comes after its call.
        bool started = false;
        QObject::connect(e.get(), &TradingEngine::started, e.get(), [&started] { started = true; }, Qt::QueuedConnection);
        e->start();
        if (!QTest::qWaitFor([&started] { return started; }, 10000))
            qFatal("engine did not start");
        QTest::qWait(600); // the first published snapshot
        return e;
    }

private Q_SLOTS:
    void quantityShorthand()
    {
        QCOMPARE(*parseQuantity(QStringLiteral("5mm")), 5'000'000);
        QCOMPARE(*parseQuantity(QStringLiteral("2.5mm")), 2'500'000);
        QCOMPARE(*parseQuantity(QStringLiteral("250k")), 250'000);
        QCOMPARE(*parseQuantity(QStringLiteral("1,000,000")), 1'000'000);
        QCOMPARE(*parseQuantity(QStringLiteral("100")), 100);
        QCOMPARE(*parseQuantity(QStringLiteral("1bn")), 1'000'000'000);
        QCOMPARE(*parseQuantity(QStringLiteral("2.500mm")), 2'500'000);
        QCOMPARE(*parseQuantity(QStringLiteral("9223372036bn")), qint64(9'223'372'036'000'000'000));
        // Beyond a quantity, or finer than a unit, however many digits (found by fuzz_order_command).
        for (const char *bad : {"", "abc", "5m", "1.5", "-3", "1,00", "5 mm mm", "9223372037bn", "9999999999999bn",
                                "51009.11675803684335171675803684334", "1.0000000001bn"})
            QVERIFY2(!parseQuantity(QString::fromLatin1(bad)), bad);
    }

    void ticketPreviewsIn32nds()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        OrderTicket ticket(e.get(), reference);
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("5mm"));
        ticket.setPrice(QStringLiteral("99-16+"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        const QString preview = ticket.previewText();
        QVERIFY2(preview.contains(QStringLiteral("Principal $4,975,781.25")), qPrintable(preview)); // 5mm × 99.515625%
        QVERIFY(preview.contains(QStringLiteral("DV01 +$")));
        QVERIFY(preview.contains(QStringLiteral("Yield ")));
        QVERIFY(preview.contains(QStringLiteral("Compliance: passes")));
        ticket.setPrice(QStringLiteral("99-32"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().contains(QStringLiteral("32nds")), qPrintable(ticket.previewText()));
        QPushButton *sendButton = nullptr;
        for (QPushButton *b : ticket.findChildren<QPushButton *>())
            if (b->text() == u"Send")
                sendButton = b;
        QVERIFY(sendButton);
        QVERIFY(!sendButton->isEnabled());
        ticket.setPrice(QStringLiteral("99-161"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().contains(QStringLiteral("tick")), qPrintable(ticket.previewText()));
        ticket.setPrice(QStringLiteral("99-16"));
        ticket.setQuantity(QStringLiteral("40mm"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().contains(QStringLiteral("Needs an override")), qPrintable(ticket.previewText()));
        e->stop();
    }

    // The ticket's suggested quantity follows the instrument; one the trader sets is kept for that
    // instrument only (tst_depthladder follows it through every path that sets the instrument).
    void suggestedQuantityFollowsTheInstrument()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        OrderTicket ticket(e.get(), reference);
        QLineEdit *quantity = nullptr;
        for (QLineEdit *edit : ticket.findChildren<QLineEdit *>())
            if (edit->placeholderText().contains(QStringLiteral("250k")))
                quantity = edit;
        QVERIFY(quantity);
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        QCOMPARE(quantity->text(), QStringLiteral("1mm"));
        ticket.setInstrument(QStringLiteral("AAPL"));
        QCOMPARE(quantity->text(), QStringLiteral("100"));
        ticket.setQuantity(QStringLiteral("300"));
        ticket.setInstrument(QStringLiteral("AAPL"));
        QCOMPARE(quantity->text(), QStringLiteral("300")); // set for AAPL: kept for AAPL
        ticket.setInstrument(QStringLiteral("UST 5Y"));
        QCOMPARE(quantity->text(), QStringLiteral("1mm")); // never carried to another instrument
        // The instrument typed into the ticket, not set by a linked panel, does the same.
        ticket.setQuantity(QString());
        QLineEdit *instrument = nullptr;
        for (QLineEdit *edit : ticket.findChildren<QLineEdit *>())
            if (edit->placeholderText().startsWith(QStringLiteral("Instrument")))
                instrument = edit;
        QVERIFY(instrument);
        instrument->setText(QStringLiteral("UST 10Y"));
        QCOMPARE(quantity->text(), QStringLiteral("1mm"));
        instrument->setText(QStringLiteral("AAPL"));
        QCOMPARE(quantity->text(), QStringLiteral("100"));
        e->stop();
    }

    void orderReachesTheBlotter()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        OrderTicket ticket(e.get(), reference);
        Blotter blotter(e.get(), reference);
        MarketWatch watch(e.get(), reference);
        QTRY_VERIFY(watch.model()->mark(QStringLiteral("AAPL")).has_value());
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        ticket.setInstrument(QStringLiteral("AAPL"));
        ticket.setQuantity(QStringLiteral("100"));
        ticket.setPrice(aapl->formatPrice(Price(aapl->referencePrice.value() * 102 / 100))); // marketable
        QSignalSpy sent(&ticket, &OrderTicket::sent);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(ticket.send(Side::Buy));
        QTRY_COMPARE(sent.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(blotter.model()->rowCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(blotter.model()->data(blotter.model()->index(0, BlotterModel::State)).toString(), QStringLiteral("Filled"), 5000);
        QTRY_VERIFY(ticket.statusText().contains(QStringLiteral("Filled")));
        QTRY_COMPARE(blotter.executions()->rowCount(), 1);

        // A rejection shows its reason on the ticket.
        ticket.setInstrument(QStringLiteral("MSFT"));
        ticket.setQuantity(QStringLiteral("100"));
        ticket.setPrice(QStringLiteral("300.00")); // outside the collar
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(ticket.send(Side::Buy));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.statusText().contains(QStringLiteral("rejected")), 5000);
        QVERIFY(ticket.statusText().contains(QStringLiteral("collar")));
        e->stop();
    }

    // Another workstation's bracket is listed with the rest, and says whose it is.
    void bracketsSayWhichWorkstationWorksThem()
    {
        BracketsModel model(reference);
        BracketRecord before; // placed before workstations had an id
        before.id = QStringLiteral("B-1");
        before.instrument = QStringLiteral("AAPL");
        before.quantity = 100;
        BracketRecord theirs = before;
        theirs.id = QStringLiteral("B-2");
        theirs.workstation = QStringLiteral("WS-B");
        model.applyBrackets({before, theirs});
        QCOMPARE(model.rowCount(), 2);
        const QString tip = model.index(model.rowOf(QStringLiteral("B-2")), BracketsModel::Name).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("workstation WS-B")), qPrintable(tip));
        QVERIFY(!model.index(model.rowOf(QStringLiteral("B-1")), BracketsModel::Name).data(Qt::ToolTipRole).toString().contains(QStringLiteral("workstation")));
    }

    // A bracket from the ticket: parent and children in the blotter's Brackets tab, its exits
    // changed from the ticket, and a bad bracket held back by the ticket's preview.
    void bracketFromTheTicketToTheBlotter()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        OrderTicket ticket(e.get(), reference);
        Blotter blotter(e.get(), reference);
        MarketWatch watch(e.get(), reference);
        QTRY_VERIFY(watch.model()->mark(QStringLiteral("AAPL")).has_value());
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        const qint64 ref = aapl->referencePrice.value();
        ticket.setInstrument(QStringLiteral("AAPL"));
        ticket.setQuantity(QStringLiteral("100"));
        ticket.setPrice(aapl->formatPrice(Price(ref * 102 / 100))); // marketable
        // A stop above the entry: the preview says why, and nothing is sent.
        ticket.setBracket(aapl->formatPrice(Price(ref * 103 / 100)), aapl->formatPrice(Price(ref * 104 / 100)));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().contains(QStringLiteral("must be below")), qPrintable(ticket.previewText()));
        QVERIFY(!ticket.send(Side::Buy));
        QVERIFY2(ticket.statusText().contains(QStringLiteral("must be below")), qPrintable(ticket.statusText()));
        // A take-profit outside the ±5% price collar: sent, but the preview says it will be refused.
        ticket.setBracket(aapl->formatPrice(Price(ref * 97 / 100)), aapl->formatPrice(Price(ref * 108 / 100)));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().contains(QStringLiteral("Take-profit would be refused when placed")), qPrintable(ticket.previewText()));
        QVERIFY(ticket.previewText().contains(QStringLiteral("collar")));
        const Price stop(ref * 97 / 100), target(ref * 104 / 100); // within the ±5% collar
        ticket.setBracket(aapl->formatPrice(stop), aapl->formatPrice(target), QString(), 30);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().contains(QStringLiteral("Bracket: stop %1").arg(aapl->formatPrice(stop))), qPrintable(ticket.previewText()));
        QVERIFY(ticket.previewText().contains(QStringLiteral("out after 30 min")));
        QVERIFY(!ticket.previewText().contains(QStringLiteral("Take-profit would be refused")));
        QSignalSpy sent(&ticket, &OrderTicket::sent);
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(ticket.send(Side::Buy));
        const QString id = sent.last().at(0).toString();

        // Parent, then entry and take-profit under it.
        BracketsModel *model = blotter.brackets();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 5000);
        const QModelIndex parent = model->index(0, 0);
        QCOMPARE(parent.data().toString(), id);
        QTRY_COMPARE_WITH_TIMEOUT(model->index(0, BracketsModel::State).data().toString(), QStringLiteral("armed"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(parent), 2, 5000);
        QCOMPARE(model->index(0, BracketsModel::Role, parent).data().toString(), QStringLiteral("entry"));
        QCOMPARE(model->index(1, BracketsModel::Role, parent).data().toString(), QStringLiteral("take-profit"));
        QCOMPARE(model->index(1, BracketsModel::Name, parent).data().toString(), id + QStringLiteral(".TP1"));
        QTRY_COMPARE_WITH_TIMEOUT(model->index(1, BracketsModel::State, parent).data().toString(), QStringLiteral("New"), 5000);
        QCOMPARE(model->index(0, BracketsModel::TakeProfit).data().toString(), aapl->formatPrice(target));
        QVERIFY(!model->index(0, BracketsModel::ExitAt).data().toString().isEmpty());
        // The child order is in the orders tab too.
        QTRY_VERIFY(blotter.model()->rowOf(id + QStringLiteral(".TP1")) >= 0);

        // The take-profit moved from the ticket: the order at the venue is replaced.
        const BracketRecord *b = model->bracketAt(parent);
        QVERIFY(b);
        ticket.editBracket(*b);
        QCOMPARE(ticket.editingBracket(), id);
        const Price higher(ref * 1045 / 1000);
        ticket.setBracket(aapl->formatPrice(stop), aapl->formatPrice(higher));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().startsWith(QStringLiteral("Bracket: stop")), qPrintable(ticket.previewText())); // the time exit kept is valid
        QVERIFY(ticket.amendBracket());
        QTRY_VERIFY_WITH_TIMEOUT(ticket.statusText().contains(QStringLiteral("exits amended")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model->index(0, BracketsModel::TakeProfit).data().toString(), aapl->formatPrice(higher), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model->index(1, BracketsModel::AveragePrice, model->index(0, 0)).data().toString(),
                                  QStringLiteral("lmt %1").arg(aapl->formatPrice(higher)), 5000);
        ticket.stopEditingBracket();
        QVERIFY(ticket.editingBracket().isEmpty());

        // Out now: the take-profit is cancelled, the exit sells, the bracket closes.
        e->exitBracket(id);
        QTRY_COMPARE_WITH_TIMEOUT(model->index(0, BracketsModel::Outcome).data().toString(), QStringLiteral("trader exit"), 8000);
        QCOMPARE(model->rowCount(model->index(0, 0)), 3);
        QCOMPARE(model->index(2, BracketsModel::Role, model->index(0, 0)).data().toString(), QStringLiteral("exit"));
        QCOMPARE(model->index(2, BracketsModel::State, model->index(0, 0)).data().toString(), QStringLiteral("Filled"));
        e->stop();
    }

    void asOfShowsTheBlotterAsItWas()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        MainWindow window(store.get(), e.get(), reference, {});
        const TimestampUs before = nowUtcMicros();
        QTest::qWait(20);
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        window.ticket()->setInstrument(QStringLiteral("AAPL"));
        window.ticket()->setQuantity(QStringLiteral("100"));
        window.ticket()->setPrice(aapl->formatPrice(Price(aapl->referencePrice.value() * 102 / 100)));
        QVERIFY(window.ticket()->send(Side::Buy));
        QTRY_COMPARE_WITH_TIMEOUT(window.blotter()->model()->rowCount(), 1, 5000);
        QTRY_VERIFY(window.holdings()->model()->rowCount() > 1);

        Q_EMIT window.auditViewer()->asOfRequested(before);
        QTRY_VERIFY(!window.blotter()->isLive());
        QTRY_COMPARE(window.blotter()->model()->rowCount(), 0);
        QCOMPARE(window.holdings()->model()->rowCount(), 1); // the totals row only: no position then

        Q_EMIT window.auditViewer()->asOfRequested(std::nullopt);
        QTRY_COMPARE_WITH_TIMEOUT(window.blotter()->model()->rowCount(), 1, 5000);
        QVERIFY(window.blotter()->isLive());
        e->stop();
    }

    void copilotDraftsAndTheHumanSends()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        MainWindow window(store.get(), e.get(), reference, {});
        CopilotPanel *copilot = window.copilot();
        QSignalSpy answered(copilot, &CopilotPanel::answered);
        copilot->ask(QStringLiteral("buy 2mm 5s at 99-18"));
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 10000);
        QVERIFY(copilot->transcript().contains(QStringLiteral("Offline assistant")));
        QVERIFY(copilot->proposal().has_value());
        QCOMPARE(window.blotter()->model()->rowCount(), 0); // a draft is not an order

        copilot->stageProposal();
        QCOMPARE(window.ticket()->command().quantity, 2'000'000);
        QCOMPARE(window.ticket()->command().instrument, reference.instrument(QStringLiteral("UST 5Y"))->id);
        QVERIFY(window.ticket()->send()); // the human's click
        QTRY_COMPARE_WITH_TIMEOUT(window.blotter()->model()->rowCount(), 1, 5000);

        copilot->ask(QStringLiteral("sell 100 AAPL at 229.00"));
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 2, 10000);
        copilot->rejectProposal();
        auto decisions = [&store] {
            QStringList out;
            const auto all = store->read(ReadQuery{});
            for (const RecordedEvent &ev : *all)
                if (ev.type == u"CopilotProposalDecision")
                    out << ev.payloadObject().value(QStringLiteral("decision")).toString();
            return out;
        };
        QTRY_COMPARE(decisions(), (QStringList{QStringLiteral("accepted"), QStringLiteral("rejected")}));
        if (const QString dir = qEnvironmentVariable("INSTANT_SCREENSHOTS"); !dir.isEmpty()) {
            copilot->resize(700, 420);
            copilot->grab().save(dir + QStringLiteral("/copilot.png"));
        }
        e->stop();
    }

    void copilotFailureLeavesTradingAlone()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        QSettings settings;
        settings.setValue(QStringLiteral("copilot/endpoint"), QStringLiteral("http://127.0.0.1:1"));
        settings.setValue(QStringLiteral("copilot/model"), QStringLiteral("unreachable"));
        settings.setValue(QStringLiteral("copilot/timeout_s"), 3);
        MainWindow window(store.get(), e.get(), reference, {});
        QSignalSpy failed(window.copilot(), &CopilotPanel::failed);
        window.copilot()->ask(QStringLiteral("what is my DV01?"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY(window.copilot()->transcript().contains(QStringLiteral("could not answer")));
        // Trading goes on.
        const Instrument *ko = reference.instrument(QStringLiteral("KO"));
        window.ticket()->setInstrument(QStringLiteral("KO"));
        window.ticket()->setQuantity(QStringLiteral("100"));
        window.ticket()->setPrice(ko->formatPrice(Price(ko->referencePrice.value() * 101 / 100)));
        QVERIFY(window.ticket()->send(Side::Buy));
        QTRY_COMPARE_WITH_TIMEOUT(window.blotter()->model()->rowCount(), 1, 5000);
        settings.remove(QStringLiteral("copilot"));
        e->stop();
    }

    void screenerAlertsAreEventsAndReachThePanel()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        MainWindow window(store.get(), e.get(), reference, {});
        // Hair-trigger rules: the first trade of an instrument raises the gap, and a trade past the
        // day's range once a bar has formed the breakout (on a slow machine every instrument may
        // have traded before the rules arrive, so the gap alone may never fire).
        e->setScreenerRules({QJsonObject{{QStringLiteral("id"), QStringLiteral("tiny-gap")}, {QStringLiteral("kind"), QStringLiteral("gap")},
                                         {QStringLiteral("percent"), 0.0001}},
                             QJsonObject{{QStringLiteral("id"), QStringLiteral("any-breakout")}, {QStringLiteral("kind"), QStringLiteral("breakout")},
                                         {QStringLiteral("after_bars"), 1}}});
        QTRY_VERIFY_WITH_TIMEOUT(window.alerts()->model()->rowCount() > 0, 10000);
        const QString statistics = window.alerts()->statistics();
        QVERIFY2(statistics.contains(QStringLiteral("gap")) || statistics.contains(QStringLiteral("breakout")), qPrintable(statistics));
        int recorded = 0;
        const auto all = store->read(ReadQuery{});
        for (const RecordedEvent &ev : *all)
            recorded += ev.type == u"ScreenerAlert";
        QVERIFY(recorded > 0);
        const int before = window.blotter()->model()->rowCount();
        Q_EMIT window.alerts()->stageRequested(window.alerts()->model()->alerts().first().instrument);
        QCOMPARE(window.ticket()->command().instrument, window.alerts()->model()->alerts().first().instrument);
        QTest::qWait(200);
        QCOMPARE(window.blotter()->model()->rowCount(), before); // staged, not sent
        if (const QString dir = qEnvironmentVariable("INSTANT_SCREENSHOTS"); !dir.isEmpty()) {
            window.alerts()->resize(700, 300);
            window.alerts()->grab().save(dir + QStringLiteral("/alerts.png"));
        }
        e->stop();
    }

    void largeOrdersAskFirst()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store);
        OrderTicket ticket(e.get(), reference);
        QString asked;
        ticket.setConfirmation([&asked](const QString &q) {
            asked = q;
            return false;
        });
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("20mm"));
        ticket.setPrice(QStringLiteral("99-16"));
        ticket.setOverrideReason(QStringLiteral("over the large-order rule, on purpose")); // the soft rule it breaks
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(!ticket.send(Side::Buy));
        QVERIFY(asked.contains(QStringLiteral("Send?")));
        QVERIFY2(asked.contains(QStringLiteral("20mm")), qPrintable(asked)); // the size as the desk says it
        QTest::qWait(200);
        // Nothing was sent: no order of any kind recorded (the market and the screener record on).
        auto all = store->read(ReadQuery{});
        QVERIFY(all.ok());
        for (const RecordedEvent &ev : *all)
            QVERIFY2(!ev.type.startsWith(QLatin1String("Order")) && ev.type != u"CommandRefused", qPrintable(ev.type));
        e->stop();
    }

    void complianceRoleCannotTrade()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store, QStringLiteral("compliance"));
        OrderTicket ticket(e.get(), reference);
        QVERIFY(!ticket.isEnabled());
        QVERIFY(ticket.statusText().contains(QStringLiteral("compliance")));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(!ticket.send(Side::Buy));
        // Even a command that reaches the engine is refused there.
        QSignalSpy finished(e.get(), &TradingEngine::commandFinished);
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("C1");
        c.account = QStringLiteral("DESK-02");
        c.instrument = QStringLiteral("AAPL");
        c.side = QStringLiteral("buy");
        c.quantity = 100;
        c.limitPrice = QStringLiteral("228.50");
        e->submit(c);
        QTRY_COMPARE(finished.count(), 1);
        const CommandOutcome out = finished.first().at(0).value<CommandOutcome>();
        QVERIFY(!out.accepted);
        QVERIFY(out.reason.contains(QStringLiteral("cannot send orders")));
        e->stop();
    }
};

QTEST_MAIN(TestWorkstation)
#include "tst_workstation.moc"
