// The GUI thread paints and reads projections: pricing (QuantLib) and the store run on other
// threads. The workstation runs with the GUI thread forbidden to enter either (threadwatch), while
// a trader types a Treasury order, holds Treasuries, reads option ideas, the charts and the status
// bar: any entry fails, naming what entered.

#include "analytics/bondanalytics.h"
#include "auditviewer.h"
#include "events/readevents.h"
#include "charts.h"
#include "common/threadwatch.h"
#include "engine/tradingengine.h"
#include "mainwindow.h"
#include "marketwatch.h"
#include "optionideaspanel.h"
#include "orderticket.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "testmarket.h"

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThread>

using namespace instant;
using namespace instant::test;

class TestGuiThread : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs};

private Q_SLOTS:
    void theGuiThreadNeitherPricesNorTouchesTheStore()
    {
        std::unique_ptr<EventStore> store = stores.open(stores.freshUrl());
        EngineOptions options;
        options.startUs = test::MarketOpenUs;
        options.stepIntervalMs = 50;
        options.actor = Actor{QStringLiteral("alice"), QStringLiteral("trader")};
        TradingEngine engine(*store, reference, clock, options);
        bool started = false;
        QObject::connect(&engine, &TradingEngine::started, &engine, [&started] { started = true; }, Qt::QueuedConnection);
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(started, 10000);
        MainWindow window(store.get(), &engine, reference, {});
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(engine.snapshot() != nullptr, 10000);

        threadwatch::forbid(QThread::currentThread());

        // A Treasury order typed key by key: a preview for each, DV01 and yield included.
        OrderTicket &ticket = *window.ticket();
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("5mm"));
        for (const char *price : {"99-1", "99-16", "99-16+"}) {
            ticket.setPrice(QString::fromLatin1(price));
            QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000);
        }
        QVERIFY2(ticket.previewText().contains(QStringLiteral("DV01")), qPrintable(ticket.previewText()));
        QVERIFY(ticket.previewText().contains(QStringLiteral("Yield")));

        // Bought: a Treasury holding that the holdings panel marks, with its DV01 and yield.
        const Instrument &ten = *reference.instrument(QStringLiteral("UST 10Y"));
        ticket.setPrice(ten.formatPrice(Price(ten.referencePrice.value() + 16 * ten.tickSize))); // marketable
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000);
        QSignalSpy sent(&ticket, &OrderTicket::sent);
        QVERIFY2(ticket.send(Side::Buy), qPrintable(ticket.statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
        QAbstractItemModel *holdings = window.holdings()->model();
        QTRY_VERIFY_WITH_TIMEOUT(holdings->rowCount() >= 2, 10000); // the position and the totals

        // The screens at work: holdings re-marked, the charts' yield curve, option ideas ranked
        // again, the status bar's event count. Each is waited for, not timed.
        QSignalSpy marked(holdings, &QAbstractItemModel::dataChanged);
        QTRY_VERIFY_WITH_TIMEOUT(marked.count() >= 3, 10000);
        window.optionIdeas()->show();
        QSignalSpy ranked(window.optionIdeas(), &OptionIdeasPanel::ranked);
        QTRY_VERIFY_WITH_TIMEOUT(ranked.count() >= 2, 15000);
        QSignalSpy curve(window.charts(), &Charts::yieldCurveDrawn);
        QTRY_VERIFY_WITH_TIMEOUT(curve.count() >= 2, 10000);

        // An event looked at in the audit log: the read is recorded, by the engine on its thread.
        AuditViewer &audit = *window.auditViewer();
        QTRY_VERIFY_WITH_TIMEOUT(audit.view()->model()->rowCount() > 1, 10000);
        audit.view()->setCurrentIndex(audit.view()->model()->index(1, 0));

        const qint64 entries = threadwatch::count();
        const QStringList what = threadwatch::entries();
        threadwatch::forbid(nullptr);
        QVERIFY2(entries == 0, qPrintable(QStringLiteral("the GUI thread entered: ") + what.join(QStringLiteral(", "))));

        // The watch itself: a price or a store read asked for here is caught.
        threadwatch::forbid(QThread::currentThread());
        (void)analytics::yieldPercent(ten, Price(ten.referencePrice.value() + ten.tickSize), clock.tradeDate().addDays(1));
        QVERIFY(threadwatch::entries().contains(QStringLiteral("pricing")));
        (void)store->head();
        QVERIFY2(threadwatch::entries().contains(QStringLiteral("store read")), qPrintable(threadwatch::entries().join(u',')));
        threadwatch::forbid(nullptr);

        const auto reads = [&store] {
            auto stream = store->readStream(events::readsStream(QStringLiteral("alice")));
            return stream ? *stream : QList<RecordedEvent>{};
        };
        QTRY_VERIFY_WITH_TIMEOUT(!reads().isEmpty(), 10000);
        const RecordedEvent viewed = reads().first();
        QCOMPARE(viewed.actor, options.actor);
        const auto read = events::ReadRecord::decode(viewed.payload);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(read->action, events::ReadViewed);
        QVERIFY2(read->subject.startsWith(QStringLiteral("event 2 (")), qPrintable(read->subject));
        engine.stop();
    }
};

QTEST_MAIN(TestGuiThread)
#include "tst_guithread.moc"
