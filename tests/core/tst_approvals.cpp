// Overrides and four eyes: a soft rule broken with a reason is recorded with the rule, the value,
// the limit and the reason; a rule that names approvers holds the order until one of them (never
// the trader who asked) approves or refuses it, each an event.

#include "oms/approvals.h"
#include "events/orderevents.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "testmarket.h"
#include "testorders.h"
#include "venue/simulatedvenue.h"

#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

const Actor Bob{QStringLiteral("bob"), QStringLiteral("trader")};

// The default rules, with the large-order rule ($10m, soft) needing bob's approval.
QJsonArray fourEyesRules()
{
    QJsonArray rules = ComplianceEngine::defaultRules();
    for (int i = 0; i < rules.size(); ++i) {
        QJsonObject r = rules.at(i).toObject();
        if (r.value(QStringLiteral("id")).toString() == u"large-order") {
            r.insert(QStringLiteral("approvers"), QJsonArray{QStringLiteral("bob"), QStringLiteral("alice")});
            rules[i] = r;
        }
    }
    return rules;
}

struct Desk
{
    TestStores stores{Backend::Sqlite};
    std::unique_ptr<EventStore> store = stores.open(stores.freshUrl());
    ReferenceData reference = test::market();
    SimulatedVenue venue{reference, 42, MarketOpenUs};
    OrderManager oms{*store, reference, venue};

    explicit Desk(const QJsonArray &rules)
    {
        if (!oms.start(Alice) || !oms.openAccount(QStringLiteral("DESK-01"), 5'000'000'000'000, Carol) || !oms.setRules(rules, Carol))
            qFatal("desk did not open");
    }
    // 12mm of the 10-year at the offer: about $12m, over the $10m large-order rule.
    NewOrderCommand large(const QString &id, const QString &reason = {})
    {
        const Instrument *ten = reference.instrument(QStringLiteral("UST 10Y"));
        NewOrderCommand c;
        c.clientOrderId = id;
        c.account = QStringLiteral("DESK-01");
        c.instrument = QStringLiteral("UST 10Y");
        c.side = QStringLiteral("buy");
        c.quantity = 12'000'000;
        c.limitPrice = ten->formatPrice(*venue.topOfBook(ten->id).ask);
        c.actor = Alice;
        if (!reason.isEmpty())
            c.overrides.append({QStringLiteral("large-order"), reason});
        return c;
    }
    QList<RecordedEvent> events(const QString &type) const { return recordedOfType(*store, type); }
};

} // namespace

class TestApprovals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overrideIsRecordedWithRuleValueLimitAndReason()
    {
        Desk d(ComplianceEngine::defaultRules());
        const CommandOutcome refused = d.oms.submit(d.large(QStringLiteral("O1")));
        QVERIFY(!refused.accepted);
        QVERIFY2(refused.reason.contains(QStringLiteral("needs an override with a reason")), qPrintable(refused.reason));
        const CommandOutcome out = d.oms.submit(d.large(QStringLiteral("O2"), QStringLiteral("client rebalancing into the auction")));
        QVERIFY2(out.accepted, qPrintable(out.reason));
        const QJsonArray overrides = d.events(events::OrderAccepted).constLast().payloadObject().value(QStringLiteral("overrides")).toArray();
        QCOMPARE(overrides.size(), 1);
        const QJsonObject o = overrides.first().toObject();
        QCOMPARE(o.value(QStringLiteral("rule")).toString(), QStringLiteral("large-order"));
        QCOMPARE(o.value(QStringLiteral("limit")).toString(), QStringLiteral("$10,000,000.00"));
        QVERIFY2(o.value(QStringLiteral("value")).toString().startsWith(QStringLiteral("$12,")), qPrintable(o.value(QStringLiteral("value")).toString()));
        QCOMPARE(o.value(QStringLiteral("reason")).toString(), QStringLiteral("client rebalancing into the auction"));
    }

    void fourEyesHoldsTheOrderUntilAnotherApproves()
    {
        Desk d(fourEyesRules());
        const qint64 availableBefore = d.oms.state().account(QStringLiteral("DESK-01"))->availableCents();
        CommandOutcome out = d.oms.submit(d.large(QStringLiteral("F1"), QStringLiteral("index event")));
        QVERIFY(!out.accepted);
        QVERIFY(out.awaitingApproval);
        QVERIFY2(out.reason.contains(QStringLiteral("waiting for approval by bob")), qPrintable(out.reason));
        QVERIFY(!out.reason.contains(QStringLiteral("alice"))); // never the trader who asked
        QVERIFY(!d.oms.state().order(QStringLiteral("F1")));    // nothing sent, nothing held
        QCOMPARE(d.oms.state().account(QStringLiteral("DESK-01"))->availableCents(), availableBefore);
        QCOMPARE(d.events(approvals::Requested).size(), 1);
        // Sent again while it waits: the same answer, nothing new recorded.
        QVERIFY(d.oms.submit(d.large(QStringLiteral("F1"), QStringLiteral("index event"))).awaitingApproval);
        QCOMPARE(d.events(approvals::Requested).size(), 1);

        // The trader who asked cannot approve it; compliance cannot; bob can.
        out = d.oms.approve(QStringLiteral("F1"), Alice);
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(QStringLiteral("four eyes")), qPrintable(out.reason));
        QVERIFY(!d.oms.approve(QStringLiteral("F1"), Carol).accepted);
        QCOMPARE(d.events(events::CommandRefused).size(), 2); // each refusal an event
        out = d.oms.approve(QStringLiteral("F1"), Bob);
        QVERIFY2(out.accepted, qPrintable(out.reason));
        QCOMPARE(d.events(approvals::Granted).size(), 1);
        QCOMPARE(d.events(approvals::Granted).first().actor.user, QStringLiteral("bob"));
        const OrderRecord *o = d.oms.state().order(QStringLiteral("F1"));
        QVERIFY(o);
        QCOMPARE(o->state, OrderState::Filled); // entered, sent and filled at the offer
        const QJsonObject entry = d.events(events::OrderAccepted).constLast().payloadObject().value(QStringLiteral("overrides")).toArray().first().toObject();
        QCOMPARE(entry.value(QStringLiteral("approved_by")).toString(), QStringLiteral("bob"));
        QCOMPARE(entry.value(QStringLiteral("reason")).toString(), QStringLiteral("index event"));
        QCOMPARE(d.oms.state().approval(QStringLiteral("F1"))->status, ApprovalRequest::Status::Approved);
        QVERIFY(!d.oms.approve(QStringLiteral("F1"), Bob).accepted); // once
        QCOMPARE(d.events(events::OrderAccepted).size(), 1);
    }

    void refusedOrWithdrawnOrdersNeverGoOut()
    {
        Desk d(fourEyesRules());
        QVERIFY(d.oms.submit(d.large(QStringLiteral("R1"), QStringLiteral("why not"))).awaitingApproval);
        QVERIFY(!d.oms.refuseApproval(QStringLiteral("R1"), QString(), Bob).accepted); // a refusal needs a reason
        CommandOutcome out = d.oms.refuseApproval(QStringLiteral("R1"), QStringLiteral("over the desk's appetite today"), Bob);
        QVERIFY(!out.accepted);
        QVERIFY2(out.reason.contains(QStringLiteral("refused by bob: over the desk's appetite today")), qPrintable(out.reason));
        QVERIFY(!d.oms.state().order(QStringLiteral("R1")));
        QVERIFY(!d.oms.approve(QStringLiteral("R1"), Bob).accepted);
        QVERIFY(d.oms.submit(d.large(QStringLiteral("R1"), QStringLiteral("again"))).reason.contains(QStringLiteral("refused by bob")));

        QVERIFY(d.oms.submit(d.large(QStringLiteral("W1"), QStringLiteral("size"))).awaitingApproval);
        QVERIFY(!d.oms.cancel(QStringLiteral("W1"), Bob).accepted); // only the trader who asked withdraws
        out = d.oms.cancel(QStringLiteral("W1"), Alice);
        QVERIFY2(out.reason.contains(QStringLiteral("withdrawn by alice")), qPrintable(out.reason));
        QCOMPARE(d.oms.state().approval(QStringLiteral("W1"))->status, ApprovalRequest::Status::Withdrawn);
        QVERIFY(!d.oms.approve(QStringLiteral("W1"), Bob).accepted);
        QVERIFY(d.events(events::OrderAccepted).isEmpty());

        // Rebuilt from the log (and from a snapshot), the same requests.
        auto replayed = TradingState::replay(*d.store);
        QVERIFY(replayed);
        QCOMPARE(replayed->approvals().size(), 2);
        QCOMPARE(replayed->approval(QStringLiteral("R1"))->decision, QStringLiteral("over the desk's appetite today"));
        auto back = TradingState::fromJson(replayed->toJson());
        QVERIFY2(back, qPrintable(back.message()));
        QCOMPARE(back->approval(QStringLiteral("W1"))->status, ApprovalRequest::Status::Withdrawn);
        QCOMPARE(back->approval(QStringLiteral("W1"))->requestedBy, QStringLiteral("alice"));
    }

    void approversAreRulesAsData()
    {
        QJsonArray rules = fourEyesRules();
        QVERIFY(ComplianceEngine::parseRules(rules));
        QJsonObject hard{{QStringLiteral("id"), QStringLiteral("h")}, {QStringLiteral("kind"), QStringLiteral("max_order_notional")},
                         {QStringLiteral("limit_cents"), 100.0}, {QStringLiteral("approvers"), QJsonArray{QStringLiteral("bob")}}};
        auto parsed = ComplianceEngine::parseRules(QJsonArray{hard});
        QVERIFY(!parsed); // a hard rule is never approved away
        QVERIFY(parsed.message().contains(QStringLiteral("only a soft rule")));
    }
};

QTEST_GUILESS_MAIN(TestApprovals)
#include "tst_approvals.moc"
