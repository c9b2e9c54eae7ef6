// What is sent whole to the GUI (the portfolio) is not queued again behind a delivery the GUI's
// thread has not taken yet, and goes again as soon as it has.
#include "engine/guidelivery.h"

#include <QCoreApplication>
#include <QTest>
#include <QThread>

using namespace instant;

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
};

QTEST_GUILESS_MAIN(TestGuiDelivery)
#include "tst_guidelivery.moc"
