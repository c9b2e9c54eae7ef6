// What is sent whole to the GUI (the portfolio) is not queued again behind a delivery the GUI's
// thread has not taken yet, and goes again as soon as it has; the engine's market data likewise:
// a GUI busy for a second gets the newest quotes once, and the volume of every print.
#include "engine/guidelivery.h"
#include "engine/tradingengine.h"
#include "marketdata/marketdata.h"
#include "testengine.h"
#include "testorders.h"
#include "teststores.h"

#include <QCoreApplication>
#include <QTest>
#include <QThread>

using namespace instant;
using namespace instant::test;

class Sender : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void book(const QList<int> &positions);
};

class TestGuiDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSecondBookWaitsUntilTheFirstWasTaken()
    {
        QObject gui; // the receiving thread's object: this thread plays the GUI
        Sender sender;
        QList<int> received;
        connect(&sender, &Sender::book, &gui, [&received](const QList<int> &positions) { received.append(positions.size()); },
                Qt::QueuedConnection);
        GuiDelivery delivery(&gui);
        int sent = 0;
        // The engine's thread publishes 30 times while the GUI is busy (takes nothing).
        auto publishes = [&](int times) {
            QThread *engine = QThread::create([&] {
                for (int i = 0; i < times; ++i)
                    if (!delivery.inFlight()) {
                        Q_EMIT sender.book(QList<int>(100000, i));
                        delivery.sent();
                        ++sent;
                    }
            });
            engine->start();
            QVERIFY(engine->wait());
            delete engine;
        };
        publishes(30);
        QCOMPARE(sent, 1);
        QVERIFY(delivery.inFlight());
        QCOMPARE(received.size(), 0);

        QCoreApplication::processEvents(); // the GUI takes the book, then the mark clears
        QCOMPARE(received, QList<int>{100000});
        QVERIFY(!delivery.inFlight());
        publishes(30);
        QCOMPARE(sent, 2);
        QCoreApplication::processEvents();
        QCOMPARE(received.size(), 2);
    }

    // Prints waiting for the GUI fold into one per instrument: the last price, every quantity.
    void printsFoldByInstrument()
    {
        const QString a = QStringLiteral("AAPL"), m = QStringLiteral("MSFT");
        const QList<TradePrint> prints{{a, Price(22850), Quantity(100), Side::Buy, 1}, {m, Price(41000), Quantity(5), Side::Sell, 2},
                                       {a, Price(22851), Quantity(300), Side::Sell, 3}};
        const QList<TradePrint> folded = foldPrints(prints);
        QCOMPARE(folded.size(), 2);
        QCOMPARE(folded.at(0).instrument, a);
        QCOMPARE(folded.at(0).price, Price(22851));
        QCOMPARE(folded.at(0).quantity, Quantity(400));
        QCOMPARE(folded.at(0).timeUs, TimestampUs(3));
        QCOMPARE(folded.at(1).quantity, Quantity(5));
    }

    // The engine publishes every 20 ms while this thread (the GUI) sleeps a second: the quotes
    // wait for it as one delivery, not fifty queued behind each other.
    void aBusyGuiGetsTheNewestQuotesOnce()
    {
        TestStores stores;
        auto store = stores.open(stores.freshUrl());
        EngineOptions options = testEngineOptions(Alice);
        options.publishIntervalMs = 20;
        options.stepIntervalMs = 10; // the market moves between publishes
        const ReferenceData reference = market();
        const SimulatedClock clock{MarketOpenUs};
        auto engine = startedEngine(*store, reference, clock, options);
        int deliveries = 0;
        connect(engine.get(), &TradingEngine::quotesUpdated, this, [&deliveries] { ++deliveries; }, Qt::QueuedConnection);
        QTRY_VERIFY(deliveries > 0); // the market moves
        QTest::qWait(100);
        QCoreApplication::processEvents();
        deliveries = 0;
        QThread::msleep(1000); // busy: takes nothing
        // The one in flight, and at most one or two more should the engine publish again while
        // this thread is still taking events (ungated: one per publish, about fifty).
        QCoreApplication::processEvents();
        QVERIFY2(deliveries <= 3, qPrintable(QString::number(deliveries)));
        QTRY_VERIFY(deliveries > 2); // and then as often as it takes them
        engine->stop();
    }
};

QTEST_GUILESS_MAIN(TestGuiDelivery)
#include "tst_guidelivery.moc"
