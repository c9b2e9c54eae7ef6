// The Option Ideas panel: ranked ideas from live quotes, the explanation of the selected one,
// staging on the ticket without sending, following the selected stock, the capital remembered
// per user, and the compliance role that cannot stage.

#include "engine/tradingengine.h"
#include "marketdata/quoteboard.h"
#include "optionideaspanel.h"
#include "orderticket.h"
#include "refdata/referencedata.h"
#include "teststores.h"
#include "testmarket.h"

#include <QDateTime>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace instant;
using namespace instant::test;

namespace {

// Black-Scholes written out (N(x) = erfc(−x/√2)/2).
double blackScholes(bool call, double s, double k, double t, double r, double vol)
{
    auto n = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
    const double d1 = (std::log(s / k) + (r + vol * vol / 2) * t) / (vol * std::sqrt(t));
    const double d2 = d1 - vol * std::sqrt(t);
    return call ? s * n(d1) - k * std::exp(-r * t) * n(d2) : k * std::exp(-r * t) * n(-d2) - s * n(-d1);
}

} // namespace

class TestOptionIdeas : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    const ReferenceData reference = test::market();
    const SimulatedClock clock{test::MarketOpenUs}; // the test market's day, whatever the machine's date
    QHash<QString, qint64> m_askCents;

    // An engine that is never started: the panel reads quotes from its board, which the test fills.
    std::unique_ptr<TradingEngine> engine(std::unique_ptr<EventStore> &store, const QString &user, const QString &role = QStringLiteral("trader"))
    {
        store = stores.open(stores.freshUrl());
        EngineOptions options;
        options.actor = Actor{user, role};
        return std::make_unique<TradingEngine>(*store, reference, clock, options);
    }

    // AAPL at 228.45 / 228.55 and its chain a cent either side of Black-Scholes at 25%, 20 November 2026.
    void quoteAapl(QuoteBoard &board)
    {
        const QDate today(2026, 11, 20);
        const TimestampUs at = QDateTime(today, QTime(15, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
        board.applyQuotes({Quote{QStringLiteral("AAPL"), Price(228'45), Price(228'55), Quantity(100), Quantity(100), at, {}, {}}});
        for (const Instrument *o : reference.instruments(InstrumentKind::EquityOption)) {
            if (o->underlying != u"AAPL")
                continue;
            const double price = blackScholes(o->right == OptionRight::Call, 228.50, o->toDouble(o->strike), double(today.daysTo(o->expiry)) / 365.0, 0.045, 0.25);
            const qint64 cents = std::max<qint64>(2, qRound64(price * 100));
            m_askCents.insert(o->id, cents + 1);
            board.applyQuotes({Quote{o->id, Price(cents - 1), Price(cents + 1), Quantity(10), Quantity(10), at, {}, {}}});
        }
    }

    static QPushButton *button(QWidget &w, const QString &text)
    {
        for (QPushButton *b : w.findChildren<QPushButton *>())
            if (b->text() == text)
                return b;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_optionideas"));
        QSettings().clear();
    }

    void ranksExplainsAndStages()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store, QStringLiteral("alice"));
        OrderTicket ticket(e.get(), reference);
        OptionIdeasPanel panel(e.get(), reference, &ticket);
        quoteAapl(panel.quotes());
        panel.setSymbol(QStringLiteral("AAPL"));
        panel.setView(MarketView::Bullish);
        panel.setPreset(RiskPreset::Balanced);
        panel.setCapital(QStringLiteral("10,000"));

        // Balanced calls: 21–90 days and |Δ| 0.40–0.60 leave the 230 strikes of the 11 December
        // weekly and the December and January monthlies.
        OptionIdeasModel *model = panel.model();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.rankingPending(), 10000); // ranked on the engine's thread
        QCOMPARE(model->columnCount(), int(OptionIdeasModel::ColumnCount));
        QCOMPARE(model->rowCount(), 3);
        QVERIFY2(panel.summaryText().startsWith(QStringLiteral("3 balanced calls on AAPL for $10,000.00 (spot 228.50, 2026-11-20)")),
                 qPrintable(panel.summaryText()));
        for (int row = 0; row < 3; ++row) {
            const QString id = model->data(model->index(row, 0), OptionIdeasModel::InstrumentRole).toString();
            QVERIFY(model->data(model->index(row, OptionIdeasModel::Contract)).toString().endsWith(QStringLiteral(" 230 C")));
            const qint64 ask = m_askCents.value(id);
            QCOMPARE(model->data(model->index(row, OptionIdeasModel::Contracts)).toString(), QString::number(1'000'000 / (ask * 100)));
            QCOMPARE(model->data(model->index(row, OptionIdeasModel::Rank)).toInt(), row + 1);
        }

        // The first is selected and explained layer by layer, with what did not qualify.
        QString text = panel.explanationText();
        QVERIFY2(text.startsWith(QStringLiteral("#1 AAPL ")), qPrintable(text));
        QVERIFY(text.indexOf(QStringLiteral("Why this contract")) < text.indexOf(QStringLiteral("Why this size")));
        QVERIFY(text.indexOf(QStringLiteral("Why this size")) < text.indexOf(QStringLiteral("The risks")));
        QVERIFY(text.contains(QStringLiteral("Capital $10,000.00 ÷ (ask ")));
        QVERIFY(text.contains(QStringLiteral("Max loss $")));
        QVERIFY(text.contains(QStringLiteral("Not recommended (31)")));
        QVERIFY(text.contains(QStringLiteral("AAPL 18DEC26 220 C: delta 0.7")));
        panel.selectRow(1);
        QVERIFY(panel.explanationText().startsWith(QStringLiteral("#2 AAPL ")));

        // Stage: the ticket is filled (buy, the size, a limit at the ask); nothing is sent.
        QSignalSpy sent(&ticket, &OrderTicket::sent);
        QPushButton *stage = button(panel, QStringLiteral("Stage ticket"));
        QVERIFY(stage && stage->isEnabled());
        QSignalSpy staged(&panel, &OptionIdeasPanel::staged);
        stage->click();
        QCOMPARE(staged.count(), 1);
        const QString id = model->data(model->index(1, 0), OptionIdeasModel::InstrumentRole).toString();
        const NewOrderCommand c = ticket.command();
        QCOMPARE(c.instrument, id);
        QCOMPARE(c.side, QStringLiteral("buy"));
        QCOMPARE(c.type, QStringLiteral("limit"));
        QCOMPARE(c.quantity, 1'000'000 / (m_askCents.value(id) * 100));
        const qint64 ask = m_askCents.value(id);
        QCOMPARE(c.limitPrice, QStringLiteral("%1.%2").arg(ask / 100).arg(ask % 100, 2, 10, QLatin1Char('0')));
        QCOMPARE(sent.count(), 0);

        // Bearish: puts.
        panel.setView(MarketView::Bearish);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.rankingPending(), 10000); // ranked on the engine's thread
        QVERIFY(model->rowCount() > 0);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->data(model->index(row, OptionIdeasModel::Contract)).toString().endsWith(QStringLiteral(" P")));

        // Capital below one contract: no idea, and why.
        panel.setView(MarketView::Bullish);
        panel.setCapital(QStringLiteral("$100"));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.rankingPending(), 10000); // ranked on the engine's thread
        QCOMPARE(model->rowCount(), 0);
        QVERIFY2(panel.summaryText().startsWith(QStringLiteral("No balanced calls on AAPL fit $100.00")), qPrintable(panel.summaryText()));
        QVERIFY(panel.explanationText().contains(QStringLiteral("more than the capital of $100.00")));
        QVERIFY(!stage->isEnabled());
        panel.setCapital(QStringLiteral("lots"));
        QVERIFY(panel.summaryText().startsWith(QStringLiteral("Type the capital")));

        // A stock without listed options says so.
        panel.setCapital(QStringLiteral("10k"));
        panel.setSymbol(QStringLiteral("KO"));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.rankingPending(), 10000); // ranked on the engine's thread
        QCOMPARE(panel.symbol(), QStringLiteral("KO"));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY2(panel.summaryText().contains(QStringLiteral("no listed options on KO")), qPrintable(panel.summaryText()));
    }

    void followsTheSelectedStock()
    {
        OptionIdeasPanel panel(nullptr, reference, nullptr);
        panel.followInstrument(QStringLiteral("MSFT"));
        QCOMPARE(panel.symbol(), QStringLiteral("MSFT"));
        panel.followInstrument(QStringLiteral("UST 10Y")); // not a stock: ignored
        QCOMPARE(panel.symbol(), QStringLiteral("MSFT"));
        panel.followInstrument(QStringLiteral("NVDA 15JAN27 140 P")); // an option: its underlying
        QCOMPARE(panel.symbol(), QStringLiteral("NVDA"));
        panel.followInstrument(QStringLiteral("JPM"));
        QCOMPARE(panel.symbol(), QStringLiteral("JPM"));
    }

    void capitalIsRememberedPerUser()
    {
        std::unique_ptr<EventStore> s1, s2;
        auto alice = engine(s1, QStringLiteral("alice"));
        auto bob = engine(s2, QStringLiteral("bob"));
        {
            OptionIdeasPanel panel(alice.get(), reference, nullptr);
            QCOMPARE(panel.user(), QStringLiteral("alice"));
            panel.setCapital(QStringLiteral("25k"));
            panel.setPreset(RiskPreset::Aggressive);
            QTRY_VERIFY_WITH_TIMEOUT(!panel.rankingPending(), 10000); // ranked on the engine's thread
        }
        OptionIdeasPanel again(alice.get(), reference, nullptr);
        QVERIFY(again.capitalCents() == 25'000'00);
        OptionIdeasPanel other(bob.get(), reference, nullptr);
        QVERIFY(other.capitalCents() == 10'000'00); // the default, not alice's
    }

    void complianceCannotStage()
    {
        std::unique_ptr<EventStore> store;
        auto e = engine(store, QStringLiteral("carol"), QStringLiteral("compliance"));
        OrderTicket ticket(e.get(), reference);
        OptionIdeasPanel panel(e.get(), reference, &ticket);
        quoteAapl(panel.quotes());
        panel.setSymbol(QStringLiteral("AAPL"));
        panel.setPreset(RiskPreset::Balanced);
        panel.setView(MarketView::Bullish);
        panel.setCapital(QStringLiteral("10,000"));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.rankingPending(), 10000); // ranked on the engine's thread
        QVERIFY(panel.model()->rowCount() > 0);
        QVERIFY(!button(panel, QStringLiteral("Stage ticket"))->isEnabled());
        QVERIFY(!panel.stageSelected());
    }
};

QTEST_MAIN(TestOptionIdeas)
#include "tst_optionideas.moc"
