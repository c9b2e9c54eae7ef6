// More than a hundred bad inputs across the command line, the order ticket, store URLs, settings
// (rules, venue and feed URLs) and copilot (model) responses. Each gets a clear message, and
// nothing changes: the store's head stays where it was, an account's cash and reservations stay
// put, rules stay as they were, no order is drafted.

#include "compliance/compliance.h"
#include "copilot/copilot.h"
#include "copilot/llmprotocol.h"
#include "oms/ordermanager.h"
#include "refdata/referencedata.h"
#include "screener/screener.h"
#include "store/eventstore.h"
#include "teststores.h"
#include "venue/fixvenue.h"
#include "venue/simulatedvenue.h"
#include "testmarket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

const Actor Alice{QStringLiteral("alice"), QStringLiteral("trader")};
const Actor Carol{QStringLiteral("carol"), QStringLiteral("compliance")};

// A message a person can act on: says something, and more than "error".
bool clear(const QString &message)
{
    const QString m = message.trimmed();
    return m.size() >= 12 && m.compare(QStringLiteral("error"), Qt::CaseInsensitive) != 0
           && !m.contains(QStringLiteral("Unknown error"));
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

    TestStores stores{Backend::Sqlite};
    QString url;
    ChainHead head;
    int rows = 0;

    void checkHeadUnchanged()
    {
        auto store = stores.open(url);
        auto now = store->head();
        QVERIFY(now);
        QCOMPARE(now->sequence, head.sequence);
        QCOMPARE(now->hash, head.hash);
    }

private Q_SLOTS:
    void initTestCase()
    {
        url = stores.freshUrl();
        QProcess run;
        run.start(QStringLiteral(INSTANT_BINARY), {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"),
                                                   QStringLiteral("--orders"), QStringLiteral("20"), QStringLiteral("--store"), url});
        QVERIFY(run.waitForFinished(60000));
        QCOMPARE(run.exitCode(), 0);
        head = *stores.open(url)->head();
        QVERIFY(head.sequence > 20);
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        const QString s = QStringLiteral("--store");
        auto row = [](const char *name, QStringList args, const char *says) {
            QTest::newRow(name) << args << QString::fromUtf8(says);
        };
        row("unknown command", {QStringLiteral("trade")}, "unknown command");
        row("unknown verb", {QStringLiteral("audit"), QStringLiteral("shred")}, "unknown command");
        row("store missing value", {QStringLiteral("audit"), QStringLiteral("verify"), s}, "store");
        row("verify unknown option", {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--colour")}, "colour");
        row("export bad format", {QStringLiteral("audit"), QStringLiteral("export"), s, url, QStringLiteral("--format"), QStringLiteral("xml")}, "format");
        row("export bad from", {QStringLiteral("audit"), QStringLiteral("export"), s, url, QStringLiteral("--from"), QStringLiteral("yesterday")}, "--from");
        row("export bad to", {QStringLiteral("audit"), QStringLiteral("export"), s, url, QStringLiteral("--to"), QStringLiteral("2026-13-45")}, "--to");
        row("export from after to", {QStringLiteral("audit"), QStringLiteral("export"), s, url, QStringLiteral("--from"), QStringLiteral("2026-11-22"),
                                     QStringLiteral("--to"), QStringLiteral("2026-11-01")}, "after");
        row("orders bad as-of", {QStringLiteral("orders"), s, url, QStringLiteral("--as-of"), QStringLiteral("noon")}, "--as-of");
        row("positions bad as-of", {QStringLiteral("positions"), s, url, QStringLiteral("--as-of"), QStringLiteral("42 o'clock")}, "--as-of");
        row("demo needs headless", {QStringLiteral("demo"), QStringLiteral("run"), s, url}, "--headless");
        row("demo orders negative", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--orders"), QStringLiteral("-5")}, "--orders");
        row("demo orders words", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--orders"), QStringLiteral("lots")}, "--orders");
        row("demo seed words", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--seed"), QStringLiteral("abc")}, "--seed");
        row("demo feed without venue", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--feed"), QStringLiteral("ws://127.0.0.1:1/")}, "--venue");
        row("demo venue not fix", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--venue"), QStringLiteral("http://x:1")}, "venue URL");
        row("demo venue no port", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--venue"), QStringLiteral("fix://host")}, "port");
        row("demo venue bad compid", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--venue"),
                                      QStringLiteral("fix://h:1?sender=a%20b")}, "CompID");
        row("demo venue tls without ca", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--venue"),
                                          QStringLiteral("fix://h:1?tls=1")}, "ca=FILE");
        row("demo feed http", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--venue"),
                               QStringLiteral("fix://h:1"), QStringLiteral("--feed"), QStringLiteral("http://h:2/")}, "ws://");
        row("demo interval", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--venue"),
                              QStringLiteral("fix://h:1"), QStringLiteral("--interval"), QStringLiteral("-1")}, "--interval");
        row("demo connect timeout", {QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), s, url, QStringLiteral("--venue"),
                                     QStringLiteral("fix://h:1"), QStringLiteral("--connect-timeout"), QStringLiteral("0")}, "--connect-timeout");
        row("serve bad fix port", {QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--fix-port"), QStringLiteral("70000")}, "--fix-port");
        row("serve same ports", {QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--fix-port"), QStringLiteral("9000"),
                                 QStringLiteral("--ws-port"), QStringLiteral("9000")}, "differ");
        row("serve bad bind", {QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--bind"), QStringLiteral("localhost!")}, "--bind");
        row("serve bad comp id", {QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--comp-id"), QStringLiteral("THE VENUE")}, "--comp-id");
        row("serve bad clients", {QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--clients"), QStringLiteral("DESK1,,DESK 2")}, "--clients");
        row("serve cert without key", {QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem")}, "--tls-key");
        row("serve unreadable cert", {QStringLiteral("venue"), QStringLiteral("serve"), QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent.pem"),
                                      QStringLiteral("--tls-key"), QStringLiteral("/nonexistent.key")}, "cannot read");
        row("bond no coupon", {QStringLiteral("analytics"), QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("four")}, "--coupon");
        row("bond bad maturity", {QStringLiteral("analytics"), QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("4.25"),
                                  QStringLiteral("--maturity"), QStringLiteral("someday"), QStringLiteral("--settle"), QStringLiteral("2026-11-20")}, "--maturity");
        row("bill bad settle", {QStringLiteral("analytics"), QStringLiteral("bill"), QStringLiteral("--maturity"), QStringLiteral("2027-05-20"),
                                QStringLiteral("--settle"), QStringLiteral("tomorrow")}, "--settle");
        row("option bad type", {QStringLiteral("analytics"), QStringLiteral("option"), QStringLiteral("--type"), QStringLiteral("straddle")}, "--type");
        row("copilot no question", {QStringLiteral("copilot"), QStringLiteral("ask"), s, url}, "question");
        row("copilot bad endpoint", {QStringLiteral("copilot"), QStringLiteral("ask"), s, url, QStringLiteral("--endpoint"), QStringLiteral("ftp://x"),
                                     QStringLiteral("--model"), QStringLiteral("m"), QStringLiteral("hi")}, "--endpoint");
        row("copilot endpoint without model", {QStringLiteral("copilot"), QStringLiteral("ask"), s, url, QStringLiteral("--endpoint"),
                                               QStringLiteral("http://127.0.0.1:1"), QStringLiteral("hi")}, "--model");
        row("checkpoint needs out", {QStringLiteral("audit"), QStringLiteral("checkpoint"), s, url, QStringLiteral("--key"), QStringLiteral("/nonexistent.pem")}, "--out");
        row("verify unreadable checkpoint", {QStringLiteral("audit"), QStringLiteral("verify"), s, url, QStringLiteral("--checkpoint"), QStringLiteral("/nonexistent.json")}, "checkpoint");
        row("store with password in url", {QStringLiteral("store"), QStringLiteral("info"), s, QStringLiteral("postgresql://u:hunter2@h:5432/db")}, "password");
        row("store unknown scheme", {QStringLiteral("store"), QStringLiteral("info"), s, QStringLiteral("mysql://h/db")}, "mysql");
    }

    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INSTANT_KEYCHAIN"), QStringLiteral("off"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(INSTANT_BINARY), args);
        QVERIFY(p.waitForFinished(30000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(clear(err), qPrintable(err));
        QVERIFY2(err.contains(says, Qt::CaseInsensitive), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("hunter2")), "a password was repeated");
        checkHeadUnchanged();
        ++rows;
    }

    void storeUrls_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"", "sqlite:", "sqlite://", "postgresql://", "postgresql://host", "postgresql://host:port/db",
                                "postgresql://host:99999/db", "postgresql://u:pw@host:5432/db", "postgres://", "file:///tmp/x.db",
                                "http://host/db", "sqlite://relative", "postgresql://host:5432/", "postgresql://host:5432/db?sslmode=maybe",
                                "postgresql://host:5432/db?colour=red", "mysql://h/db", "   ", "sqlite:///tmp/x.db?mode=ro&bogus=1",
                                "postgresql://:5432/db", "postgresql://host:-1/db"})
            QTest::newRow(bad[0] ? bad : "empty") << QString::fromUtf8(bad);
    }

    void storeUrls()
    {
        QFETCH(QString, text);
        auto parsed = StoreLocation::parse(text);
        QVERIFY2(!parsed, qPrintable(text));
        QVERIFY2(clear(parsed.message()), qPrintable(parsed.message()));
        QVERIFY2(!parsed.message().contains(QStringLiteral(":pw@")), qPrintable(parsed.message())); // the password is masked
        ++rows;
    }

    void orderTicket_data()
    {
        QTest::addColumn<QString>("instrument");
        QTest::addColumn<QString>("side");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("tif");
        QTest::addColumn<qint64>("quantity");
        QTest::addColumn<QString>("limit");
        QTest::addColumn<QString>("stop");
        QTest::addColumn<QString>("account");
        const QString aapl = QStringLiteral("AAPL"), note = QStringLiteral("UST 10Y"), buy = QStringLiteral("buy"), limit = QStringLiteral("limit"),
                      day = QStringLiteral("day"), desk = QStringLiteral("DESK-02");
        auto row = [&](const char *name, QString i, QString sd, QString t, QString tf, qint64 q, QString l, QString st = {}, QString a = QStringLiteral("DESK-02")) {
            QTest::newRow(name) << i << sd << t << tf << q << l << st << a;
        };
        row("unknown instrument", QStringLiteral("NOPE"), buy, limit, day, 100, QStringLiteral("10.00"));
        row("empty instrument", QString(), buy, limit, day, 100, QStringLiteral("10.00"));
        row("bad side", aapl, QStringLiteral("hold"), limit, day, 100, QStringLiteral("228.00"));
        row("bad type", aapl, buy, QStringLiteral("iceberg"), day, 100, QStringLiteral("228.00"));
        row("bad tif", aapl, buy, limit, QStringLiteral("forever"), 100, QStringLiteral("228.00"));
        row("zero quantity", aapl, buy, limit, day, 0, QStringLiteral("228.00"));
        row("negative quantity", aapl, buy, limit, day, -100, QStringLiteral("228.00"));
        row("odd lot of a note", note, buy, limit, day, 1234, QStringLiteral("99-16"));
        row("huge quantity", aapl, buy, limit, day, 9'000'000'000'000LL, QStringLiteral("228.00"));
        row("limit words", aapl, buy, limit, day, 100, QStringLiteral("cheap"));
        row("limit empty", aapl, buy, limit, day, 100, QString());
        row("limit negative", aapl, buy, limit, day, 100, QStringLiteral("-5.00"));
        row("limit zero", aapl, buy, limit, day, 100, QStringLiteral("0"));
        row("limit off tick", aapl, buy, limit, day, 100, QStringLiteral("228.005"));
        row("32nds malformed", note, buy, limit, day, 1'000'000, QStringLiteral("99-33"));
        row("32nds garbage", note, buy, limit, day, 1'000'000, QStringLiteral("99-1x"));
        row("limit far outside collar", aapl, buy, limit, day, 100, QStringLiteral("500.00"));
        row("stop without stop price", aapl, buy, QStringLiteral("stop"), day, 100, QString(), QString());
        row("stop price words", aapl, buy, QStringLiteral("stop-limit"), day, 100, QStringLiteral("228.00"), QStringLiteral("soon"));
        row("market gtc", aapl, buy, QStringLiteral("market"), QStringLiteral("gtc"), 100, QString());
        row("unknown account", aapl, buy, limit, day, 100, QStringLiteral("228.00"), QString(), QStringLiteral("NOBODY"));
        row("empty account", aapl, buy, limit, day, 100, QStringLiteral("228.00"), QString(), QString());
        row("sell what is not held", aapl, QStringLiteral("sell"), limit, day, 100, QStringLiteral("228.00"));
        row("no buying power", note, buy, limit, day, 900'000'000'000LL, QStringLiteral("99-16"));
        row("option odd quantity", QStringLiteral("AAPL 18DEC26 200 C"), buy, limit, day, -1, QStringLiteral("30.00"));
        Q_UNUSED(desk);
    }

    void orderTicket()
    {
        QFETCH(QString, instrument);
        QFETCH(QString, side);
        QFETCH(QString, type);
        QFETCH(QString, tif);
        QFETCH(qint64, quantity);
        QFETCH(QString, limit);
        QFETCH(QString, stop);
        QFETCH(QString, account);
        TestStores local(Backend::Sqlite);
        auto store = local.open(local.freshUrl());
        const ReferenceData reference = test::market();
        SimulatedVenue venue(reference, 3, 1795185000000000);
        OrderManager oms(*store, reference, venue);
        QVERIFY(oms.start(Alice));
        for (const Account *a : reference.accounts())
            QVERIFY(oms.openAccount(a->id, a->openingCashCents, Carol));
        QVERIFY(oms.setRules(ComplianceEngine::defaultRules(), Carol));
        const auto accountsBefore = oms.state().accounts();
        const qint64 positionsBefore = oms.state().positions().size();

        NewOrderCommand c;
        c.clientOrderId = QStringLiteral("BAD-1");
        c.account = account;
        c.instrument = instrument;
        c.side = side;
        c.type = type;
        c.timeInForce = tif;
        c.quantity = quantity;
        c.limitPrice = limit;
        c.stopPrice = stop;
        c.actor = Alice;
        const CommandOutcome out = oms.submit(c);
        QVERIFY2(!out.accepted, qPrintable(out.reason));
        QVERIFY2(clear(out.reason), qPrintable(out.reason));
        // A rejection is recorded with its reason, and nothing else moves: no cash, no reservation, no position.
        for (auto it = accountsBefore.cbegin(); it != accountsBefore.cend(); ++it) {
            const AccountRecord *now = oms.state().account(it.key());
            QCOMPARE(now->cashCents, it->cashCents);
            QCOMPARE(now->reservedCents, it->reservedCents);
        }
        QCOMPARE(qint64(oms.state().positions().size()), positionsBefore);
        QVERIFY(!venue.workingQuantity(QStringLiteral("BAD-1")));
        ++rows;
    }

    void settings_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("input");
        auto row = [](const char *name, const char *kind, const char *input) {
            QTest::newRow(name) << QString::fromLatin1(kind) << QByteArray(input);
        };
        row("rules not objects", "compliance", "[1, 2, 3]");
        row("rule without kind", "compliance", "[{\"id\":\"x\"}]");
        row("rule unknown kind", "compliance", "[{\"id\":\"x\",\"kind\":\"vibes\"}]");
        row("rule negative limit", "compliance", "[{\"id\":\"x\",\"kind\":\"max_order_notional\",\"limit\":-5}]");
        row("rule limit text", "compliance", "[{\"id\":\"x\",\"kind\":\"max_order_notional\",\"limit\":\"lots\"}]");
        row("rule bad severity", "compliance", "[{\"id\":\"x\",\"kind\":\"max_order_notional\",\"limit\":5,\"severity\":\"maybe\"}]");
        row("screener not objects", "screener", "[\"gap\"]");
        row("screener unknown kind", "screener", "[{\"id\":\"x\",\"kind\":\"moon\"}]");
        row("screener negative percent", "screener", "[{\"id\":\"x\",\"kind\":\"gap\",\"percent\":-1}]");
        row("screener no id", "screener", "[{\"kind\":\"gap\",\"percent\":1}]");
        row("venue url scheme", "venue", "tcp://h:1");
        row("venue url option", "venue", "fix://h:1?speed=fast");
        row("venue url heartbeat", "venue", "fix://h:1?heartbeat=9999");
        row("venue url reconnect", "venue", "fix://h:1?reconnect=x");
        row("venue url tls value", "venue", "fix://h:1?tls=yes&ca=/x");
    }

    void settings()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, input);
        QString message;
        if (kind == u"compliance") {
            auto parsed = ComplianceEngine::parseRules(QJsonDocument::fromJson(input).array());
            QVERIFY(!parsed);
            message = parsed.message();
        } else if (kind == u"screener") {
            const ReferenceData reference = test::market();
            Screener screener(reference);
            const QJsonArray before = screener.rules();
            Status s = screener.setRules(QJsonDocument::fromJson(input).array());
            QVERIFY(!s);
            message = s.message();
            QCOMPARE(screener.rules(), before); // nothing changes on error
        } else {
            auto parsed = FixVenueSettings::fromUrl(QUrl(QString::fromUtf8(input)));
            QVERIFY(!parsed);
            message = parsed.message();
        }
        QVERIFY2(clear(message), qPrintable(message));
        ++rows;
    }

    void copilotResponses_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("arguments");
        auto row = [](const char *name, const char *tool, const char *args) {
            QTest::newRow(name) << QString::fromLatin1(tool) << QString::fromUtf8(args);
        };
        row("unknown tool", "launch_rockets", "{}");
        row("arguments not json", "propose_order", "{side: buy");
        row("arguments not an object", "propose_order", "[1,2]");
        row("proposal without instrument", "propose_order", "{\"side\":\"buy\",\"quantity\":100}");
        row("proposal unknown instrument", "propose_order", "{\"instrument\":\"NOPE\",\"side\":\"buy\",\"quantity\":100,\"limit_price\":\"1.00\"}");
        row("proposal bad side", "propose_order", "{\"instrument\":\"AAPL\",\"side\":\"short it all\",\"quantity\":100,\"limit_price\":\"228.00\"}");
        row("proposal zero quantity", "propose_order", "{\"instrument\":\"AAPL\",\"side\":\"buy\",\"quantity\":0,\"limit_price\":\"228.00\"}");
        row("proposal quantity text", "propose_order", "{\"instrument\":\"AAPL\",\"side\":\"buy\",\"quantity\":\"many\",\"limit_price\":\"228.00\"}");
        row("proposal bad price", "propose_order", "{\"instrument\":\"UST 10Y\",\"side\":\"buy\",\"quantity\":1000000,\"limit_price\":\"99-99\"}");
        row("proposal unknown account", "propose_order", "{\"instrument\":\"AAPL\",\"side\":\"buy\",\"quantity\":100,\"limit_price\":\"228.00\",\"account\":\"NOBODY\"}");
    }

    void copilotResponses()
    {
        QFETCH(QString, tool);
        QFETCH(QString, arguments);
        const ReferenceData reference = test::market();
        TradingState state;
        const SimulatedClock clock(test::MarketOpenUs);
        copilot::CopilotTools tools(state, reference, nullptr, clock);
        auto result = tools.call(tool, arguments);
        QVERIFY(!result);
        QVERIFY2(clear(result.message()), qPrintable(result.message()));
        QVERIFY(!tools.proposal().has_value()); // nothing drafted
        ++rows;
    }

    void modelStreams_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("openai not json") << 0 << QByteArray("{\"choices\": [");
        QTest::newRow("openai not an object") << 0 << QByteArray("[1,2,3]");
        QTest::newRow("openai error object") << 0 << QByteArray("{\"error\":{\"message\":\"quota exceeded\"}}");
        QTest::newRow("cohere not json") << 1 << QByteArray("{{{");
        QTest::newRow("cohere not an object") << 1 << QByteArray("\"text\"");
    }

    void modelStreams()
    {
        QFETCH(int, provider);
        QFETCH(QByteArray, data);
        copilot::StreamAccumulator accumulator(provider == 0 ? copilot::Provider::OpenAi : copilot::Provider::Cohere);
        auto added = accumulator.add(copilot::SseEvent{provider == 0 ? QString() : QStringLiteral("content-delta"), data});
        QVERIFY(!added);
        QVERIFY2(clear(added.message()), qPrintable(added.message()));
        QVERIFY(accumulator.message().content.isEmpty());
        ++rows;
    }

    void cleanupTestCase()
    {
        checkHeadUnchanged();
        QVERIFY2(rows >= 100, qPrintable(QStringLiteral("only %1 bad inputs tried").arg(rows)));
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
