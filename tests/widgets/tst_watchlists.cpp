// Watchlists: named lists kept in the settings, symbols typed (with completion) or dragged in
// from the market watch, removed with Delete, rows priced live from the market watch's quotes.

#include "marketwatch.h"
#include "refdata/referencedata.h"
#include "watchlists.h"
#include "testmarket.h"

#include <QCompleter>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTest>

using namespace instant;

namespace {

QString idOf(const ReferenceData &reference, const QString &symbol)
{
    const Instrument *i = reference.instrument(symbol);
    return i ? i->id : QString();
}

// What a drag from the market watch carries: its model's own mime data for that row.
QMimeData *dragOf(const MarketWatchModel &marks, const QString &instrument)
{
    for (int row = 0; row < marks.rowCount(); ++row) {
        const QModelIndex index = marks.index(row, MarketWatchModel::Symbol);
        if (index.data(MarketWatchModel::InstrumentRole).toString() == instrument)
            return marks.mimeData({index});
    }
    return nullptr;
}

// Drags `data` over `target` and drops it at `at`; true when the drop was taken.
bool dropOn(QWidget *target, const QPoint &at, QMimeData *data)
{
    QDragEnterEvent enter(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

QStringList shownSymbols(const Watchlists &w)
{
    QStringList out;
    for (int row = 0; row < w.model()->rowCount(); ++row)
        out << w.model()->index(row, MarketWatchModel::Symbol).data().toString();
    return out;
}

} // namespace

class TestWatchlists : public QObject
{
    Q_OBJECT

    const ReferenceData reference = test::market();

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("InstantTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_watchlists"));
    }

    void init() { QSettings().clear(); }

    void firstStartHasTwoLists()
    {
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        QCOMPARE(w.names(), (QStringList{QStringLiteral("Treasuries"), QStringLiteral("Tech")}));
        QCOMPARE(w.currentName(), QStringLiteral("Treasuries"));
        QCOMPARE(shownSymbols(w), (QStringList{QStringLiteral("UST 2Y"), QStringLiteral("UST 5Y"), QStringLiteral("UST 10Y"),
                                               QStringLiteral("UST 30Y")}));
        QCOMPARE(w.tabs()->count(), 2);
    }

    void createRenameDeleteSwitch()
    {
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        QVERIFY(w.createList(QStringLiteral("Rates")));
        QCOMPARE(w.currentName(), QStringLiteral("Rates"));
        QCOMPARE(w.model()->rowCount(), 0);
        QVERIFY(!w.createList(QStringLiteral("Rates")));  // names are unique
        QVERIFY(!w.createList(QStringLiteral("   ")));    // and not blank
        QVERIFY(w.renameList(QStringLiteral("Rates"), QStringLiteral("Curve")));
        QVERIFY(!w.renameList(QStringLiteral("Curve"), QStringLiteral("Tech")));
        QCOMPARE(w.names(), (QStringList{QStringLiteral("Treasuries"), QStringLiteral("Tech"), QStringLiteral("Curve")}));
        QCOMPARE(w.tabs()->tabText(2), QStringLiteral("Curve"));

        w.setCurrentList(QStringLiteral("Tech")); // as a click on its tab
        QCOMPARE(w.currentName(), QStringLiteral("Tech"));
        QCOMPARE(shownSymbols(w), (QStringList{QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("NVDA")}));
        w.tabs()->setCurrentIndex(0);
        QCOMPARE(w.currentName(), QStringLiteral("Treasuries"));

        QVERIFY(w.removeList(QStringLiteral("Treasuries")));
        QCOMPARE(w.names(), (QStringList{QStringLiteral("Tech"), QStringLiteral("Curve")}));
        QVERIFY(w.removeList(QStringLiteral("Curve")));
        QVERIFY(!w.removeList(QStringLiteral("Tech"))); // the last list stays
        QCOMPARE(w.tabs()->count(), 1);
    }

    void addByTypingWithCompletion()
    {
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        QVERIFY(w.createList(QStringLiteral("Mine")));

        QCompleter *completer = w.symbolEntry()->completer();
        QVERIFY(completer);
        completer->setCompletionPrefix(QStringLiteral("10y"));
        QCOMPARE(completer->currentCompletion(), QStringLiteral("UST 10Y"));

        QTest::keyClicks(w.symbolEntry(), QStringLiteral("aapl"));
        QTest::keyClick(w.symbolEntry(), Qt::Key_Return);
        QCOMPARE(w.instruments(QStringLiteral("Mine")), QStringList{QStringLiteral("AAPL")});
        QVERIFY(w.symbolEntry()->text().isEmpty());

        QVERIFY(!w.addInstrument(QStringLiteral("NOPE")).isEmpty());
        QVERIFY(!w.addInstrument(QStringLiteral("AAPL")).isEmpty()); // already there
        QVERIFY(w.addInstrument(QStringLiteral("UST 30Y")).isEmpty());
        QCOMPARE(shownSymbols(w), (QStringList{QStringLiteral("AAPL"), QStringLiteral("UST 30Y")})); // in the order added
        // An option has no row in the market watch: refused with a reason.
        for (const Instrument *i : reference.instruments(InstrumentKind::EquityOption)) {
            QVERIFY(!w.addInstrument(i->id).isEmpty());
            break;
        }
        QCOMPARE(w.instruments(QStringLiteral("Mine")).size(), 2);
    }

    void dragFromTheMarketWatchAndBetweenLists()
    {
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        w.resize(500, 300);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.createList(QStringLiteral("Drops")));
        QCOMPARE(w.currentName(), QStringLiteral("Drops"));

        std::unique_ptr<QMimeData> msft(dragOf(marks, QStringLiteral("MSFT")));
        QVERIFY(msft);
        QVERIFY(dropOn(w.view()->viewport(), w.view()->viewport()->rect().center(), msft.get()));
        QCOMPARE(w.instruments(QStringLiteral("Drops")), QStringList{QStringLiteral("MSFT")});
        QCOMPARE(shownSymbols(w), QStringList{QStringLiteral("MSFT")});

        // Onto another list's tab: added there, the current list unchanged.
        const QString tenYear = idOf(reference, QStringLiteral("UST 10Y"));
        std::unique_ptr<QMimeData> fromList(w.model()->mimeData({w.model()->index(0, 0)})); // a row of this list
        QVERIFY(fromList);
        QVERIFY(dropOn(w.tabs(), w.tabs()->tabRect(1).center(), fromList.get()));
        QCOMPARE(w.instruments(QStringLiteral("Tech")),
                 (QStringList{QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("NVDA")})); // MSFT was there
        std::unique_ptr<QMimeData> ten(dragOf(marks, tenYear));
        QVERIFY(dropOn(w.tabs(), w.tabs()->tabRect(1).center(), ten.get()));
        QCOMPARE(w.instruments(QStringLiteral("Tech")),
                 (QStringList{QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("NVDA"), tenYear}));
        QCOMPARE(w.instruments(QStringLiteral("Drops")), QStringList{QStringLiteral("MSFT")});

        // Something that is not an instrument is not taken.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QVERIFY(!dropOn(w.view()->viewport(), w.view()->viewport()->rect().center(), &text));
    }

    void deleteRemovesTheSelectedRows()
    {
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        w.setCurrentList(QStringLiteral("Tech"));
        w.view()->selectRow(1); // MSFT
        QTest::keyClick(w.view(), Qt::Key_Delete);
        QCOMPARE(w.instruments(QStringLiteral("Tech")), (QStringList{QStringLiteral("AAPL"), QStringLiteral("NVDA")}));
        QCOMPARE(shownSymbols(w), (QStringList{QStringLiteral("AAPL"), QStringLiteral("NVDA")}));
    }

    void rowsFollowTheQuotes()
    {
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        w.setCurrentList(QStringLiteral("Tech"));
        QSignalSpy changed(w.model(), &QAbstractItemModel::dataChanged);
        // AAPL 228.50 / 228.52 (cents), last 228.51 against its reference price.
        Quote q;
        q.instrument = QStringLiteral("AAPL");
        q.bid = Price(22850);
        q.ask = Price(22852);
        marks.applyQuotes({q});
        QVERIFY(changed.count() >= 1);
        QCOMPARE(w.model()->index(0, MarketWatchModel::Symbol).data().toString(), QStringLiteral("AAPL"));
        QCOMPARE(w.model()->index(0, MarketWatchModel::Bid).data().toString(), QStringLiteral("228.50"));
        QCOMPARE(w.model()->index(0, MarketWatchModel::Ask).data().toString(), QStringLiteral("228.52"));
        TradePrint t;
        t.instrument = QStringLiteral("AAPL");
        t.price = Price(22851);
        t.quantity = Quantity(100);
        marks.applyTrades({t});
        QCOMPARE(w.model()->index(0, MarketWatchModel::Last).data().toString(), QStringLiteral("228.51"));
        // The change is the market watch's own, against the reference price.
        const Instrument *aapl = reference.instrument(QStringLiteral("AAPL"));
        const double pct = 100.0 * double(22851 - aapl->referencePrice.value()) / double(aapl->referencePrice.value());
        QCOMPARE(w.model()->index(0, MarketWatchModel::Change).data().toString(),
                 QStringLiteral("%1%2%").arg(pct > 0 ? QStringLiteral("+") : QString()).arg(pct, 0, 'f', 2));
        // NVDA, not quoted, stays blank.
        QVERIFY(w.model()->index(2, MarketWatchModel::Bid).data().toString().isEmpty());
    }

    void pickingARowReportsTheInstrument()
    {
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        w.setCurrentList(QStringLiteral("Tech"));
        QSignalSpy picked(&w, &Watchlists::instrumentSelected);
        w.view()->setCurrentIndex(w.model()->index(2, 0));
        QCOMPARE(picked.count(), 1);
        QCOMPARE(picked.at(0).at(0).toString(), QStringLiteral("NVDA"));
    }

    void persistedAcrossRestarts()
    {
        const QString two = idOf(reference, QStringLiteral("UST 2Y"));
        {
            MarketWatchModel marks(reference);
            Watchlists w(reference, &marks);
            QVERIFY(w.createList(QStringLiteral("Rates RV")));
            QVERIFY(w.addInstrument(QStringLiteral("UST 2Y")).isEmpty());
            QVERIFY(w.addInstrument(QStringLiteral("JPM")).isEmpty());
            QVERIFY(w.renameList(QStringLiteral("Tech"), QStringLiteral("Mega caps")));
            QVERIFY(w.removeList(QStringLiteral("Treasuries")));
        }
        MarketWatchModel marks(reference);
        Watchlists w(reference, &marks);
        QCOMPARE(w.names(), (QStringList{QStringLiteral("Mega caps"), QStringLiteral("Rates RV")}));
        QCOMPARE(w.currentName(), QStringLiteral("Rates RV"));
        QCOMPARE(w.instruments(QStringLiteral("Rates RV")), (QStringList{two, QStringLiteral("JPM")}));
        QCOMPARE(w.instruments(QStringLiteral("Mega caps")),
                 (QStringList{QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("NVDA")}));
        QCOMPARE(shownSymbols(w), (QStringList{QStringLiteral("UST 2Y"), QStringLiteral("JPM")}));
    }
};

QTEST_MAIN(TestWatchlists)
#include "tst_watchlists.moc"
