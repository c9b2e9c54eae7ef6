// The holdings panel's model kept up by changes: a position bought, added to, sold out; an account
// opened; rows updated, inserted and removed in place, never a reset, and the same rows as the
// whole portfolio sent again. A Treasury held by several accounts is priced once per mark, each
// holding's accrued interest and DV01 worked for its own face.

#include "analytics/bondanalytics.h"
#include "marketwatch.h"
#include "refdata/referencedata.h"
#include "testmarket.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <utility>

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

QString money(qint64 cents)
{
    return QLocale().toString(double(cents) / 100.0, 'f', 2);
}

// The row of an account's holding of an instrument, as the panel names it.
int rowOf(const HoldingsModel &model, const QString &account, const QString &symbol)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, HoldingsModel::Account).data().toString() == account
            && model.index(r, HoldingsModel::Symbol).data().toString() == symbol)
            return r;
    return -1;
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

    // Three desks hold the ten-year note, one of them short: each holding's accrued interest is
    // exact for its own face (3mm is not three times 1mm's rounded cents), none on the short, and
    // DV01 scales with the face, short negative.
    void eachHoldingOfOneTreasuryIsWorkedForItsFace()
    {
        const Instrument *instrument = reference.instrument(QStringLiteral("UST 10Y"));
        QVERIFY(instrument);
        const QString note = instrument->id; // positions name the CUSIP, the panel the symbol
        HoldingsModel model(reference, nullptr);
        model.setTradeDate(MarketDate);
        model.setPortfolio({account(QStringLiteral("DESK-01"), 0), account(QStringLiteral("DESK-02"), 0), account(QStringLiteral("DESK-03"), 0)},
                           {position(QStringLiteral("DESK-01"), note, 1'000'000, 0), position(QStringLiteral("DESK-02"), note, 3'000'001, 0),
                            position(QStringLiteral("DESK-03"), note, -500'000, 0)});
        const QDate settle = analytics::settlementDate(*instrument, MarketDate);
        const auto perUnit = analytics::dv01PerUnitFace(*instrument, instrument->referencePrice, settle);
        QVERIFY(perUnit);
        const qint64 oneMm = analytics::accruedInterestCents(*instrument, Quantity(1'000'000), settle);
        const qint64 threeMm = analytics::accruedInterestCents(*instrument, Quantity(3'000'001), settle);
        QVERIFY(oneMm > 0);
        QCOMPARE(model.index(rowOf(model, QStringLiteral("DESK-01"), instrument->symbol), HoldingsModel::Accrued).data().toString(), money(oneMm));
        QCOMPARE(model.index(rowOf(model, QStringLiteral("DESK-02"), instrument->symbol), HoldingsModel::Accrued).data().toString(), money(threeMm));
        QCOMPARE(model.index(rowOf(model, QStringLiteral("DESK-03"), instrument->symbol), HoldingsModel::Accrued).data().toString(), QString());
        QCOMPARE(model.index(rowOf(model, QStringLiteral("DESK-01"), instrument->symbol), HoldingsModel::Dv01).data().toString(),
                 QLocale().toString(*perUnit * 1'000'000, 'f', 0));
        QCOMPARE(model.index(rowOf(model, QStringLiteral("DESK-02"), instrument->symbol), HoldingsModel::Dv01).data().toString(),
                 QLocale().toString(*perUnit * 3'000'001, 'f', 0));
        QCOMPARE(model.index(rowOf(model, QStringLiteral("DESK-03"), instrument->symbol), HoldingsModel::Dv01).data().toString(),
                 QLocale().toString(*perUnit * -500'000, 'f', 0));
    }

    // Priced where the pricer runs (the engine's thread): one question per Treasury and mark,
    // however many accounts hold it, and none again once answered while the mark stands. Asked
    // per holding, each answer made the other holdings' figures stale and the engine priced the
    // whole book again, without end, on an idle workstation.
    void aTreasuryHeldByManyAccountsIsPricedOncePerMark()
    {
        const Instrument *instrument = reference.instrument(QStringLiteral("UST 10Y"));
        QVERIFY(instrument);
        const QString note = instrument->id, stock = QStringLiteral("AAPL");
        HoldingsModel model(reference, nullptr);
        QList<QList<HoldingsModel::BondQuery>> asked;
        std::function<void(const QList<HoldingsModel::BondFigures> &)> pending;
        model.setPricer([&](const QList<HoldingsModel::BondQuery> &queries, std::function<void(const QList<HoldingsModel::BondFigures> &)> answer) {
            asked << queries;
            pending = std::move(answer);
        });
        model.setTradeDate(MarketDate);
        QList<AccountRecord> accounts;
        QList<PositionRecord> positions;
        for (int k = 1; k <= 40; ++k) {
            const QString id = QStringLiteral("DESK-%1").arg(k, 2, 10, QLatin1Char('0'));
            accounts << account(id, 0);
            positions << position(id, note, 100'000 * k, 0) << position(id, stock, 10 * k, 0);
        }
        model.setPortfolio(accounts, positions);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.at(0).size(), 1); // the note, once; the stock is not priced
        QCOMPARE(asked.at(0).at(0).instrument->id, note);
        QVERIFY(pending);

        // The engine answers; nothing is asked again while the mark and the date stand.
        QList<HoldingsModel::BondFigures> answers;
        for (const HoldingsModel::BondQuery &q : std::as_const(asked.at(0)))
            answers << HoldingsModel::price(q);
        auto answer = std::exchange(pending, nullptr);
        answer(answers);
        model.refreshMarks();
        model.refreshMarks();
        QCOMPARE(asked.size(), 1);
        const QDate settle = analytics::settlementDate(*instrument, MarketDate);
        for (int k : {1, 17, 40})
            QCOMPARE(model.index(rowOf(model, QStringLiteral("DESK-%1").arg(k, 2, 10, QLatin1Char('0')), instrument->symbol), HoldingsModel::Accrued).data().toString(),
                     money(analytics::accruedInterestCents(*instrument, Quantity(100'000 * k), settle)));

        // A new trade date is a new settlement date: asked once more.
        model.setTradeDate(MarketDate.addDays(3));
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked.at(1).size(), 1);
    }
};

QTEST_MAIN(TestHoldingsModel)
#include "tst_holdingsmodel.moc"
