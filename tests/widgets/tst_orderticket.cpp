// The order ticket against the real engine: invoice amounts for notes (principal, accrued
// interest, total), a soft rule overridden with a reason from the ticket, errors that go once
// fixed, and four eyes through the Approvals panel. And the rates and sizes beside it: Market
// Watch reads Treasuries in yield and bp, sizes as a desk writes them.

#include "approvalspanel.h"
#include "analytics/bondanalytics.h"
#include "engine/tradingengine.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "marketwatch.h"
#include "orderticket.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "testengine.h"
#include "teststores.h"
#include "testmarket.h"
#include "testorders.h"
#include "venue/simulatedvenue.h"

#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace instant;
using namespace instant::test;

class TestOrderTicket : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs};

    std::unique_ptr<TradingEngine> engine(EventStore &store, const QString &user = QStringLiteral("alice"))
    {
        return startedEngine(store, reference, clock, testEngineOptions(Actor{user, QStringLiteral("trader")}));
    }

    // The desk's rules before anyone trades: the large-order rule ($10m, soft) needs bob.
    void fourEyesRules(EventStore &store)
    {
        SimulatedVenue venue(reference, 1, test::MarketOpenUs);
        OrderManager oms(store, reference, venue);
        QJsonArray rules = ComplianceEngine::defaultRules();
        for (int i = 0; i < rules.size(); ++i)
            if (rules.at(i)[QStringLiteral("id")].toString() == u"large-order") {
                QJsonObject r = rules.at(i).toObject();
                r.insert(QStringLiteral("approvers"), QJsonArray{QStringLiteral("bob")});
                rules[i] = r;
            }
        if (!oms.start(Carol) || !oms.setRules(rules, Carol))
            qFatal("rules not set");
    }

    static QList<RecordedEvent> recorded(const EventStore &store, const QString &type) { return recordedOfType(store, type); }

private Q_SLOTS:
    void notesShowPrincipalAccruedAndTotal()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        OrderTicket ticket(e.get(), reference);
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("5mm"));
        ticket.setPrice(QStringLiteral("99-16+"));
        const Instrument &ten = *reference.instrument(QStringLiteral("UST 10Y"));
        const qint64 accrued = analytics::accruedInterestCents(ten, Quantity(5'000'000), QDate(2026, 11, 23));
        QVERIFY(accrued > 0);
        auto dollars = [](qint64 cents) { return QStringLiteral("$%L1").arg(double(cents) / 100.0, 0, 'f', 2); };
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        const QString preview = ticket.previewText();
        QVERIFY2(preview.contains(QStringLiteral("Principal $4,975,781.25")), qPrintable(preview)); // 5mm × 99.515625%
        QVERIFY2(preview.contains(QStringLiteral("Accrued interest ") + dollars(accrued)), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("Total ") + dollars(497578125 + accrued)), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("Holds ")), qPrintable(preview));
        e->stop();
    }

    // Bought notes: the holding shows the interest accrued to settlement and the carry (the
    // accrued interest paid, less what has accrued since) apart from price P&L.
    void holdingsSplitPriceFromInterest()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        MarketWatch watch(e.get(), reference);
        Holdings holdings(e.get(), reference, watch.model());
        OrderTicket ticket(e.get(), reference);
        ticket.setConfirmation([](const QString &) { return true; });
        ticket.setAccount(QStringLiteral("DESK-02"));
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("5mm"));
        ticket.setType(QStringLiteral("market"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.send(), qPrintable(ticket.statusText() + ticket.previewText()));
        const HoldingsModel *h = holdings.model();
        auto row = [&]() {
            for (int r = 0; r < h->rowCount() - 1; ++r)
                if (h->index(r, HoldingsModel::Symbol).data().toString() == u"UST 10Y")
                    return r;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(row() >= 0 && !h->index(row(), HoldingsModel::Accrued).data().toString().isEmpty(), 10000);
        const Instrument &ten = *reference.instrument(QStringLiteral("UST 10Y"));
        const qint64 accrued = analytics::accruedInterestCents(ten, Quantity(5'000'000), QDate(2026, 11, 23));
        QCOMPARE(h->index(row(), HoldingsModel::Quantity).data().toString(), QStringLiteral("5mm"));
        QCOMPARE(h->index(row(), HoldingsModel::Accrued).data().toString(), QLocale().toString(double(accrued) / 100.0, 'f', 2));
        // Bought and marked on the same settlement date: the interest paid is the interest held.
        QCOMPARE(h->index(row(), HoldingsModel::Interest).data().toString(), QString());
        auto interest = [&]() -> qint64 {
            const auto state = e->snapshot();
            const PositionRecord *p = state ? state->position(QStringLiteral("DESK-02"), ten.id) : nullptr;
            return p ? p->interestCents : 0;
        };
        QTRY_COMPARE_WITH_TIMEOUT(interest(), -accrued, 10000);
        e->stop();
    }

    // A market order is checked at its protection price: the preview says the figure compliance checks.
    void marketOrderPreviewIsTheFigureComplianceChecks()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        OrderTicket ticket(e.get(), reference);
        ticket.setInstrument(QStringLiteral("AAPL"));
        ticket.setType(QStringLiteral("market"));
        ticket.setQuantity(QStringLiteral("2mm")); // far over the $25m order limit: refused
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        const QString preview = ticket.previewText();
        QVERIFY2(preview.contains(QStringLiteral("protection limit")), qPrintable(preview));
        const QRegularExpression needs(QStringLiteral("order notional (\\$[0-9,.]+)"));
        const auto shown = needs.match(preview);
        QVERIFY2(shown.hasMatch(), qPrintable(preview));
        ticket.setConfirmation([](const QString &) { return true; });
        ticket.setOverrideReason(QStringLiteral("sent to see the refusal")); // the soft rule: the hard one refuses
        CommandOutcome outcome;
        connect(e.get(), &TradingEngine::commandFinished, this, [&outcome](const CommandOutcome &o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(ticket.send());
        QTRY_VERIFY_WITH_TIMEOUT(!outcome.orderId.isEmpty(), 10000);
        QVERIFY(!outcome.accepted);
        QVERIFY2(outcome.reason.contains(QStringLiteral("order notional ") + shown.captured(1)), qPrintable(outcome.reason + QStringLiteral(" / ") + preview));
        QVERIFY2(preview.contains(QStringLiteral("Holds ") + shown.captured(1)), qPrintable(preview)); // and the cash it holds
        e->stop();
    }

    void softRuleOverriddenWithAReasonFromTheTicket()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        OrderTicket ticket(e.get(), reference);
        ticket.setConfirmation([](const QString &) { return true; });
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("12mm")); // about $12m: over the $10m large-order rule (soft)
        ticket.setPrice(QStringLiteral("99-16"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(ticket.overrideShown());
        QVERIFY(!ticket.send()); // no reason yet: nothing goes out
        QVERIFY2(ticket.statusText().contains(QStringLiteral("Give a reason")), qPrintable(ticket.statusText()));
        // The error goes once the trader changes what it was about.
        QLineEdit *quantity = nullptr;
        for (QLineEdit *edit : ticket.findChildren<QLineEdit *>())
            if (edit->placeholderText().contains(QStringLiteral("250k")))
                quantity = edit;
        QVERIFY(quantity);
        QTest::keyClick(quantity, Qt::Key_End);
        QTest::keyClick(quantity, Qt::Key_Backspace);
        QTest::keyClicks(quantity, QStringLiteral("m"));
        QVERIFY2(ticket.statusText().isEmpty(), qPrintable(ticket.statusText()));
        ticket.setOverrideReason(QStringLiteral("client switch out of the old 10-year"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(ticket.send());
        QTRY_VERIFY_WITH_TIMEOUT(!recorded(*store, events::OrderAccepted).isEmpty(), 10000);
        const QJsonObject o = recorded(*store, events::OrderAccepted).constLast().payloadObject()[QStringLiteral("overrides")][0].toObject();
        QCOMPARE(o.value(QStringLiteral("rule")).toString(), QStringLiteral("large-order"));
        QCOMPARE(o.value(QStringLiteral("reason")).toString(), QStringLiteral("client switch out of the old 10-year"));
        QCOMPARE(o.value(QStringLiteral("limit")).toString(), QStringLiteral("$10,000,000.00"));
        QVERIFY(o.value(QStringLiteral("value")).toString().startsWith(QStringLiteral("$11,")));
        e->stop();
    }

    void sizesAsADeskWritesThem()
    {
        const Instrument *ten = reference.instrument(QStringLiteral("UST 10Y"));
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        QCOMPARE(formatQuantity(24'000'000, ten), QStringLiteral("24mm"));
        QCOMPARE(formatQuantity(250'000, ten), QStringLiteral("250k"));
        QCOMPARE(formatQuantity(1'500'000, ten), QStringLiteral("1.5mm"));
        QCOMPARE(formatQuantity(12'125'000, ten), QStringLiteral("12.125mm"));
        QCOMPARE(formatQuantity(5'000, ten), QStringLiteral("5k"));
        QCOMPARE(formatQuantity(2'000'000'000, ten), QStringLiteral("2bn"));
        QCOMPARE(formatQuantity(250'000, aapl), QStringLiteral("250k"));
        QCOMPARE(formatQuantity(100, aapl), QStringLiteral("100"));
        QCOMPARE(formatQuantity(1'234'567, aapl), QLocale().toString(1'234'567));
        for (qint64 q : {24'000'000LL, 250'000LL, 1'500'000LL, 12'125'000LL, 5'000LL, 2'000'000'000LL})
            QCOMPARE(*parseQuantity(formatQuantity(q, ten)), q); // read back as typed
    }

    void marketWatchReadsTreasuriesInYield()
    {
        auto store = stores.open(stores.freshUrl());
        auto e = engine(*store);
        MarketWatch watch(e.get(), reference);
        const MarketWatchModel *m = watch.model();
        int ten = -1, aapl = -1;
        for (int row = 0; row < m->rowCount(); ++row) {
            const QString id = m->index(row, 0).data(MarketWatchModel::InstrumentRole).toString();
            if (id == reference.instrument(QStringLiteral("UST 10Y"))->id)
                ten = row;
            if (id == u"AAPL")
                aapl = row;
        }
        QVERIFY(ten >= 0 && aapl >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m->index(ten, MarketWatchModel::Yield).data().toString().isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m->index(aapl, MarketWatchModel::Bid).data().toString().isEmpty(), 10000);
        const QString bid = m->index(ten, MarketWatchModel::Bid).data().toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+-\\d\\d[+0-7]?$")).match(bid).hasMatch(), qPrintable(bid)); // 32nds
        const QString yield = m->index(ten, MarketWatchModel::Yield).data().toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\.\\d{3}%$")).match(yield).hasMatch(), qPrintable(yield));
        QTRY_VERIFY_WITH_TIMEOUT(m->index(ten, MarketWatchModel::Change).data().toString().endsWith(QStringLiteral(" bp")), 10000);
        const QString size = m->index(ten, MarketWatchModel::BidSize).data().toString();
        QVERIFY2(size.endsWith(QStringLiteral("mm")) || size.endsWith(u'k'), qPrintable(size));
        QVERIFY(m->index(aapl, MarketWatchModel::Yield).data().toString().isEmpty()); // a stock has no yield
        QVERIFY(m->index(aapl, MarketWatchModel::Change).data().toString().isEmpty()
                || m->index(aapl, MarketWatchModel::Change).data().toString().endsWith(u'%'));
        e->stop();
    }

    void fourEyesThroughTheApprovalsPanel()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        fourEyesRules(*store);
        auto alice = engine(*store);
        OrderTicket ticket(alice.get(), reference);
        ticket.setConfirmation([](const QString &) { return true; });
        ticket.setInstrument(QStringLiteral("UST 10Y"));
        ticket.setQuantity(QStringLiteral("12mm"));
        ticket.setPrice(QStringLiteral("99-16"));
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY2(ticket.previewText().contains(QString()) && ticket.overrideShown(), qPrintable(ticket.previewText()));
        ticket.setOverrideReason(QStringLiteral("index rebalance"));
        ApprovalsPanel mine(alice.get());
        QTRY_VERIFY_WITH_TIMEOUT(ticket.previewCurrent(), 5000); // the engine has checked these terms
        QVERIFY(ticket.send());
        QTRY_VERIFY_WITH_TIMEOUT(ticket.statusText().contains(QStringLiteral("waiting for approval by bob")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(mine.model()->rowCount(), 1, 10000);
        mine.select(0);
        QVERIFY(!mine.approveSelected()); // the trader who asked cannot approve
        QCOMPARE(mine.model()->waitingForMe(), 0);
        alice->stop();
        alice.reset();

        // Bob's workstation on the same store: the order waits for him.
        auto bobStore = stores.open(url);
        auto bob = engine(*bobStore, QStringLiteral("bob"));
        ApprovalsPanel approvals(bob.get());
        bob->republish();
        QTRY_COMPARE_WITH_TIMEOUT(approvals.model()->waitingForMe(), 1, 10000);
        approvals.select(0);
        if (const QString dir = qEnvironmentVariable("INSTANT_SCREENSHOTS"); !dir.isEmpty()) {
            approvals.resize(1100, 260);
            approvals.grab().save(dir + QStringLiteral("/approvals.png"));
        }
        QVERIFY(!approvals.refuseSelected(QString())); // a refusal needs a reason
        QVERIFY(approvals.approveSelected());
        QTRY_VERIFY_WITH_TIMEOUT(!recorded(*bobStore, events::OrderAccepted).isEmpty(), 10000);
        const RecordedEvent accepted = recorded(*bobStore, events::OrderAccepted).constLast();
        QCOMPARE(accepted.actor.user, QStringLiteral("bob"));
        QCOMPARE(accepted.payloadObject()[QStringLiteral("overrides")][0][QStringLiteral("approved_by")].toString(), QStringLiteral("bob"));
        QCOMPARE(recorded(*bobStore, approvals::Granted).size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(approvals.model()->waitingForMe(), 0, 10000);
        bob->stop();
    }
};

QTEST_MAIN(TestOrderTicket)
#include "tst_orderticket.moc"
