// The holdings panel's model kept up by changes: a position bought, added to, sold out; an account
// opened; rows updated, inserted and removed in place, never a reset, and the same rows as the
// whole portfolio sent again.

#include "marketwatch.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

PositionRecord position(const QString &account, const QString &instrument, qint64 quantity, qint64 costCents)
{
    PositionRecord p;
    p.account = account;
    p.instrument = instrument;
    p.quantity = quantity;
    p.settledQuantity = quantity;
    p.costCents = costCents;
    return p;
}

AccountRecord account(const QString &id, qint64 cashCents)
{
    AccountRecord a;
    a.id = id;
    a.cashCents = cashCents;
    return a;
}

// Every cell's text, row by row (the totals row last).
QStringList cells(const HoldingsModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model.columnCount(); ++c)
            row << model.index(r, c).data().toString();
        out << row.join(u'|');
    }
    return out;
}

QStringList accountIds(const HoldingsModel &model)
{
    QStringList out;
    for (const AccountRecord &a : model.accounts())
        out << a.id;
    return out;
}

} // namespace

class TestHoldingsModel : public QObject
{
    Q_OBJECT

    const ReferenceData reference = market();

private Q_SLOTS:
    void changesUpdateRowsInPlace()
    {
        HoldingsModel model(reference, nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString aapl = QStringLiteral("AAPL"), msft = QStringLiteral("MSFT");
        model.setPortfolio({account(QStringLiteral("DESK-02"), 500'000'00), account(QStringLiteral("DESK-01"), 1'000'000'00)},
                           {position(QStringLiteral("DESK-02"), aapl, 300, 68'550'00), position(QStringLiteral("DESK-01"), msft, 100, 41'000'00)});
        QCOMPARE(model.rowCount(), 3); // two positions and the totals
        QCOMPARE(accountIds(model), (QStringList{QStringLiteral("DESK-01"), QStringLiteral("DESK-02")}));
        QCOMPARE(model.index(0, HoldingsModel::Account).data().toString(), QStringLiteral("DESK-01"));

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // DESK-01 buys AAPL (a new row between the two), DESK-02 adds to its AAPL, a new account opens.
        model.updatePortfolio({account(QStringLiteral("DESK-00"), 10'000'00), account(QStringLiteral("DESK-01"), 977'150'00)},
                              {position(QStringLiteral("DESK-01"), aapl, 100, 22'850'00), position(QStringLiteral("DESK-02"), aapl, 400, 91'400'00)});
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0); // DESK-01 AAPL comes before DESK-01 MSFT
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, HoldingsModel::Symbol).data().toString(), aapl);
        QCOMPARE(model.index(0, HoldingsModel::Quantity).data().toString(), QStringLiteral("100"));
        QCOMPARE(model.index(2, HoldingsModel::Quantity).data().toString(), QStringLiteral("400"));
        QCOMPARE(accountIds(model), (QStringList{QStringLiteral("DESK-00"), QStringLiteral("DESK-01"), QStringLiteral("DESK-02")}));
        QCOMPARE(model.accounts().at(1).cashCents, 977'150'00);

        // DESK-02 sells out of AAPL at its cost: the row stays, for the realized P&L it keeps...
        PositionRecord soldOut = position(QStringLiteral("DESK-02"), aapl, 0, 0);
        soldOut.realizedCents = 1'200'00;
        model.updatePortfolio({}, {soldOut});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(2, HoldingsModel::Realized).data().toString(), QStringLiteral("1,200.00"));
        // ...and a position with nothing left (the engine sends one the state no longer has) goes.
        model.updatePortfolio({}, {position(QStringLiteral("DESK-01"), msft, 0, 0)});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 1);
        QCOMPARE(model.rowCount(), 3);
        // Nothing to show, nothing held: no row appears.
        model.updatePortfolio({}, {position(QStringLiteral("DESK-09"), msft, 0, 0)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(resets.size(), 0);

        // The same rows as the whole portfolio as it now is.
        const QStringList changed = cells(model);
        HoldingsModel whole(reference, nullptr);
        whole.setPortfolio({account(QStringLiteral("DESK-02"), 500'000'00), account(QStringLiteral("DESK-01"), 977'150'00),
                            account(QStringLiteral("DESK-00"), 10'000'00)},
                           {soldOut, position(QStringLiteral("DESK-01"), aapl, 100, 22'850'00)});
        QCOMPARE(changed, cells(whole));
        QCOMPARE(accountIds(model), accountIds(whole));
    }
};

QTEST_MAIN(TestHoldingsModel)
#include "tst_holdingsmodel.moc"
