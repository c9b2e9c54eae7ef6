// Issue 20 on the workstation with the real engine: alerts traders set (Alerts panel, recorded,
// surviving a restart), the breakout quiet period, replace in one dialog ("3mm"), the question on
// quitting with working orders, readable audit payloads, and a window that fits its screen.
#include "alertruledialog.h"
#include "alertspanel.h"
#include "auditlogmodel.h"
#include "auditsummary.h"
#include "engine/tradingengine.h"
#include "quitquestion.h"
#include "refdata/referencedata.h"
#include "replacedialog.h"
#include "settlementdashboard.h"
#include "store/eventstore.h"
#include "testmarket.h"
#include "teststores.h"
#include "windowplacement.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QPushButton>
#include <QLineEdit>
#include <QListWidget>
#include <QScreen>
#include <QSpinBox>
#include <QTest>

using namespace instant;
using namespace instant::test;

class TestAlertsPanel : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs};

    std::unique_ptr<TradingEngine> engine(EventStore &store)
    {
        EngineOptions options;
        options.startUs = test::MarketOpenUs;
        options.stepIntervalMs = 50;
        options.actor = Actor{QStringLiteral("alice"), QStringLiteral("trader")};
        auto e = std::make_unique<TradingEngine>(store, reference, clock, options);
        bool started = false;
        QObject::connect(e.get(), &TradingEngine::started, e.get(), [&started] { started = true; }, Qt::QueuedConnection);
        e->start();
        if (!QTest::qWaitFor([&started] { return started; }, 10000))
            qFatal("engine did not start");
        return e;
    }

    QStringList typesOn(EventStore &store, const QString &stream)
    {
        QStringList types;
        if (auto events = store.readStream(stream))
            for (const RecordedEvent &e : *events)
                types << e.type + u'/' + e.actor.user;
        return types;
    }

private Q_SLOTS:
    void aTraderSetsAnAlertThatSurvivesARestart()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        {
            auto e = engine(*store);
            AlertsPanel panel(e.get(), reference);
            QTest::mouseClick(panel.alertWhenButton(), Qt::LeftButton);
            auto *dialog = panel.findChild<AlertRuleDialog *>();
            QVERIFY(dialog);
            dialog->instrumentBox()->setCurrentIndex(dialog->instrumentBox()->findText(QStringLiteral("UST 10Y")));
            dialog->measureBox()->setCurrentIndex(1); // yield
            dialog->levelEdit()->setText(QStringLiteral("abc"));
            QVERIFY(!dialog->rule());
            dialog->levelEdit()->setText(QStringLiteral("4.5"));
            QVERIFY(dialog->rule());
            dialog->accept();
            QTRY_COMPARE(panel.rulesList()->count(), 1);
            QVERIFY2(panel.rulesList()->item(0)->text().contains(QStringLiteral("UST 10Y yield above 4.500%")),
                     qPrintable(panel.rulesList()->item(0)->text()));
            panel.quietMinutesBox()->setValue(7);
            Q_EMIT panel.quietMinutesBox()->editingFinished();
            QTRY_COMPARE(typesOn(*store, TraderAlerts::streamId()).size(), 2);
        }
        auto e = engine(*store); // a restart: the rules and the period come back from the record
        AlertsPanel panel(e.get(), reference);
        e->republish();
        QTRY_COMPARE(panel.rulesList()->count(), 1);
        QCOMPARE(panel.quietMinutesBox()->value(), 7);
        e->setBreakoutQuietMinutes(9);
        QTRY_COMPARE(panel.quietMinutesBox()->value(), 9);
        panel.rulesList()->setCurrentRow(0);
        e->removeAlertRule(panel.rulesList()->item(0)->data(Qt::UserRole).toString());
        QTRY_COMPARE(panel.rulesList()->count(), 0);
        QCOMPARE(typesOn(*store, TraderAlerts::streamId()),
                 (QStringList{QStringLiteral("AlertRuleSet/alice"), QStringLiteral("AlertQuietPeriodSet/alice"),
                              QStringLiteral("AlertQuietPeriodSet/alice"), QStringLiteral("AlertRuleRemoved/alice")}));
    }

    void replaceReadsShorthandInOneDialog()
    {
        OrderRecord o;
        o.orderId = QStringLiteral("O-1");
        o.instrument = reference.instrument(QStringLiteral("UST 10Y"))->id;
        o.quantity = Quantity(5'000'000);
        const Instrument *ten = reference.instrument(o.instrument);
        o.limitPrice = ten->referencePrice;
        ReplaceDialog dialog(o, ten, nullptr);
        QCOMPARE(dialog.quantityEdit()->text(), QStringLiteral("5mm"));
        QCOMPARE(dialog.priceEdit()->text(), ten->formatPrice(ten->referencePrice));
        QVERIFY(!dialog.problem().isEmpty()); // nothing changed yet
        dialog.quantityEdit()->setText(QStringLiteral("3mm"));
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QCOMPARE(dialog.quantity(), std::optional<qint64>(3'000'000));
        QVERIFY(dialog.limitPrice().isEmpty()); // the price stays
        dialog.priceEdit()->setText(QStringLiteral("99-16+"));
        QCOMPARE(dialog.limitPrice(), QStringLiteral("99-16+"));
        dialog.quantityEdit()->setText(QStringLiteral("3"));
        QVERIFY(!dialog.problem().isEmpty()); // not a multiple of the lot
    }

    void quittingWithWorkingOrdersAsks()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        QWidget window;
        QuitQuestion question(e.get(), &window);
        int asked = -1;
        question.setAsk([&asked](int working) {
            asked = working;
            return QuitQuestion::Answer::Stay;
        });
        QVERIFY(question.mayQuit());
        QCOMPARE(asked, -1); // nothing working: no question
        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("Q1");
        c.account = reference.accounts().first()->id;
        c.instrument = QStringLiteral("AAPL");
        c.side = QStringLiteral("buy");
        c.quantity = 100;
        c.limitPrice = QStringLiteral("226.00"); // below the market (228.50): it works
        QString refused;
        connect(e.get(), &TradingEngine::commandFinished, this, [&refused](const CommandOutcome &o) {
            if (!o.accepted)
                refused = o.reason;
        });
        e->submit(c);
        QTRY_VERIFY2(question.workingOrders().size() == 1 || !refused.isEmpty(), "the order did not reach the snapshot");
        QVERIFY2(refused.isEmpty(), qPrintable(refused));
        QVERIFY(!question.mayQuit());
        QCOMPARE(asked, 1);
        question.setAsk([](int) { return QuitQuestion::Answer::CancelAllAndQuit; });
        QVERIFY(question.mayQuit());
        QTRY_VERIFY(question.workingOrders().isEmpty());
    }

    void auditPayloadsReadAsTheDeskWritesThem()
    {
        const Instrument *ten = reference.instrument(QStringLiteral("UST 10Y"));
        auto event = [](const QString &type, const QJsonObject &payload) {
            RecordedEvent e;
            e.type = type;
            e.payload = QJsonDocument(payload).toJson(QJsonDocument::Compact);
            return e;
        };
        AuditLogModel model;
        model.setReference(&reference);
        model.addEvents({event(QStringLiteral("OrderAccepted"),
                               {{QStringLiteral("order_id"), QStringLiteral("O1")}, {QStringLiteral("instrument"), ten->id},
                                {QStringLiteral("side"), QStringLiteral("buy")}, {QStringLiteral("quantity"), 5'000'000},
                                {QStringLiteral("limit_price"), 99 * 256 + 16 * 8}}),
                         event(QStringLiteral("ReplaceRequested"),
                               {{QStringLiteral("order_id"), QStringLiteral("O1")}, {QStringLiteral("quantity"), 3'000'000},
                                {QStringLiteral("limit_price"), 99 * 256 + 16 * 8 + 4}}),
                         event(QStringLiteral("OrderAccepted"),
                               {{QStringLiteral("order_id"), QStringLiteral("O2")}, {QStringLiteral("instrument"), QStringLiteral("AAPL")},
                                {QStringLiteral("side"), QStringLiteral("sell")}, {QStringLiteral("quantity"), 15000},
                                {QStringLiteral("limit_price"), 22973}})});
        model.flush();
        QCOMPARE(model.summaryAt(0), QStringLiteral("buy 5mm UST 10Y @ 99-16"));
        QCOMPARE(model.summaryAt(1), QStringLiteral("replace UST 10Y: 5mm @ 99-16 → 3mm @ 99-16+"));
        QCOMPARE(model.summaryAt(2), QStringLiteral("sell 15,000 AAPL @ 229.73"));
        QCOMPARE(model.data(model.index(1, AuditLogModel::Summary)).toString(), model.summaryAt(1));
    }

    void aRestoredWindowFitsTheScreen()
    {
        QWidget window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect room = window.screen()->availableGeometry();
        window.setGeometry(room.x() + room.width() - 100, room.y() + room.height() - 50, room.width() + 500, room.height() * 12);
        fitWindowToScreen(&window);
        QVERIFY2(room.contains(window.geometry()), qPrintable(QStringLiteral("%1,%2 %3x%4").arg(window.x()).arg(window.y())
                                                                 .arg(window.width()).arg(window.height())));
    }
};

QTEST_MAIN(TestAlertsPanel)
#include "tst_alertspanel.moc"
