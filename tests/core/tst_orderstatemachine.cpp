#include "records/orderstate.h"

#include <QTest>

using namespace instant;
using S = OrderState;
using E = OrderEventKind;

class TestOrderStateMachine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void legalTransitions_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("event");
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("to");
        auto row = [](const char *name, S from, E event, S to, S before = S::New) {
            QTest::newRow(name) << int(from) << int(event) << int(before) << int(to);
        };
        row("ack", S::PendingNew, E::Acknowledge, S::New);
        row("reject new", S::PendingNew, E::Reject, S::Rejected);
        row("first partial", S::New, E::PartialFill, S::PartiallyFilled);
        row("more partial", S::PartiallyFilled, E::PartialFill, S::PartiallyFilled);
        row("last fill", S::PartiallyFilled, E::Fill, S::Filled);
        row("cancel request", S::New, E::RequestCancel, S::PendingCancel);
        row("cancel done", S::PendingCancel, E::ConfirmCancel, S::Cancelled);
        row("cancel refused (was new)", S::PendingCancel, E::RejectCancel, S::New, S::New);
        row("cancel refused (was partial)", S::PendingCancel, E::RejectCancel, S::PartiallyFilled, S::PartiallyFilled);
        row("fill races cancel", S::PendingCancel, E::Fill, S::Filled);
        row("partial races cancel", S::PendingCancel, E::PartialFill, S::PendingCancel);
        row("replace request", S::PartiallyFilled, E::RequestReplace, S::PendingReplace);
        row("replace done", S::PendingReplace, E::ConfirmReplace, S::Replaced);
        row("replace refused", S::PendingReplace, E::RejectReplace, S::Replaced, S::Replaced);
        row("replaced fills", S::Replaced, E::Fill, S::Filled);
        row("replaced again", S::Replaced, E::RequestReplace, S::PendingReplace);
        row("unsolicited cancel", S::New, E::ConfirmCancel, S::Cancelled);
        row("day order expires", S::PartiallyFilled, E::Expire, S::Expired);
        row("ioc expires unacked", S::PendingNew, E::Expire, S::Expired);
        // Executions are facts: a fill the venue reports is booked whatever the order's state here.
        row("fill after cancel confirmed", S::Cancelled, E::Fill, S::Cancelled);
        row("partial after cancel confirmed", S::Cancelled, E::PartialFill, S::Cancelled);
        row("fill after expiry", S::Expired, E::Fill, S::Expired);
        row("partial after expiry", S::Expired, E::PartialFill, S::Expired);
        row("fill after reject", S::Rejected, E::Fill, S::Filled);
        row("partial after reject: working after all", S::Rejected, E::PartialFill, S::PartiallyFilled);
        row("overfill of a filled order", S::Filled, E::Fill, S::Filled);
        row("venue cancels an order before acknowledging it", S::PendingNew, E::ConfirmCancel, S::Cancelled);
        row("venue cancels while a replace is pending", S::PendingReplace, E::ConfirmCancel, S::Cancelled);
        // Restatements (ExecType D): the venue changes the terms, the state stays.
        row("restated new", S::New, E::Restate, S::New);
        row("restated partial", S::PartiallyFilled, E::Restate, S::PartiallyFilled);
        row("restated replaced", S::Replaced, E::Restate, S::Replaced);
        row("restated while cancel pending", S::PendingCancel, E::Restate, S::PendingCancel);
        row("restated while replace pending", S::PendingReplace, E::Restate, S::PendingReplace);
        row("restated before ack", S::PendingNew, E::Restate, S::PendingNew);
    }

    void legalTransitions()
    {
        QFETCH(int, from);
        QFETCH(int, event);
        QFETCH(int, before);
        QFETCH(int, to);
        auto next = OrderStateMachine::next(S(from), E(event), S(before));
        QVERIFY2(next.ok(), qPrintable(next.message()));
        QCOMPARE(int(*next), to);
    }

    // Every cell of the table that is not listed is refused, with a reason that names both.
    void everythingElseIsIllegal()
    {
        int legal = 0;
        for (int s = 0; s < OrderStateCount; ++s) {
            for (int e = 0; e < OrderEventKindCount; ++e) {
                bool listed = false;
                for (const auto &t : OrderStateMachine::table())
                    listed = listed || (int(t.from) == s && int(t.event) == e);
                auto next = OrderStateMachine::next(S(s), E(e), S::New);
                QCOMPARE(next.ok(), listed);
                QCOMPARE(OrderStateMachine::allowed(S(s), E(e)), listed);
                if (!listed) {
                    QVERIFY(next.message().contains(stateName(S(s))));
                    QVERIFY(next.message().contains(eventName(E(e))));
                }
                legal += listed;
            }
        }
        QCOMPARE(legal, int(OrderStateMachine::table().size()));
    }

    // A finished order takes nothing the trader or the venue asks for, only executions: a fill
    // that happened at the venue is booked whatever state the order has here.
    void terminalStatesAcceptOnlyExecutions()
    {
        for (S s : {S::Filled, S::Cancelled, S::Rejected, S::Expired}) {
            QVERIFY(isTerminal(s));
            QVERIFY(!isWorking(s));
            for (int e = 0; e < OrderEventKindCount; ++e)
                QCOMPARE(OrderStateMachine::allowed(s, E(e)), E(e) == E::Fill || E(e) == E::PartialFill);
        }
    }

    void namesRoundTrip()
    {
        for (int s = 0; s < OrderStateCount; ++s)
            QCOMPARE(int(*orderStateFromString(stateName(S(s)))), s);
        QVERIFY(!orderStateFromString(QStringLiteral("Nonsense")));
    }
};

QTEST_GUILESS_MAIN(TestOrderStateMachine)
#include "tst_orderstatemachine.moc"
