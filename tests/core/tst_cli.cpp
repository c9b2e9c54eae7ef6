// `instant audit …` and `instant store …` as a user runs them: the real binary, a real store.

#include "store/eventstore.h"
#include "teststores.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace instant;
using namespace instant::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run instantCli(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("INSTANT_KEYCHAIN"), QStringLiteral("off"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(INSTANT_BINARY), args);
    if (!input.isNull()) {
        p.write(input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(60000))
        qFatal("instant %s did not finish", qPrintable(args.join(u' ')));
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
               QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    TestStores stores;

    QString storeWithEvents(int n)
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        for (int i = 0; i < n; ++i) {
            auto r = store->append(request(QStringLiteral("order-%1").arg(i), ExpectedVersion::NoStream,
                                           {newEvent(QStringLiteral("OrderAccepted"),
                                                  {{QStringLiteral("qty"), 100 * (i + 1)},
                                                   {QStringLiteral("note"), QStringLiteral("a, \"quoted\" note")}})}));
            if (!r)
                qFatal("%s", qPrintable(r.message()));
        }
        return url;
    }

    void tamper(const QString &url, const QString &sql)
    {
        QSqlDatabase db = stores.raw(url);
        QSqlQuery q(db);
        QVERIFY(q.exec(stores.isPostgres() ? QStringLiteral("DROP TRIGGER events_append_only ON events")
                                           : QStringLiteral("DROP TRIGGER events_no_update")));
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
    }

private Q_SLOTS:
    void verifyIntact()
    {
        const QString url = storeWithEvents(5);
        auto store = stores.open(url);
        const QString head = QString::fromLatin1(store->head()->hash.toHex());
        const Run run = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), url});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("intact: 5 events")), qPrintable(run.out));
        QVERIFY(run.out.contains(head));

        const Run json = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json"),
                                     QStringLiteral("--store"), url});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("intact")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("verified_events")).toInteger(), 5);
        QCOMPARE(o.value(QStringLiteral("head_hash")).toString(), head);
    }

    void verifyNamesTheFirstBadSequence()
    {
        const QString url = storeWithEvents(6);
        tamper(url, QStringLiteral("UPDATE events SET payload = replace(payload, '300', '900') WHERE seq = 3"));
        const Run run = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), url});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("BROKEN at sequence 3")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("altered")));

        const Run json = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json"),
                                     QStringLiteral("--store"), url});
        QCOMPARE(json.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("first_bad_sequence")).toInteger(), 3);
    }

    void exportJsonLines()
    {
        const QString url = storeWithEvents(4);
        auto store = stores.open(url);
        const auto events = *store->read(ReadQuery{});
        const Run run = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), url,
                                    QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        for (int i = 0; i < lines.size(); ++i) {
            QJsonParseError error{};
            const QJsonObject o = QJsonDocument::fromJson(lines.at(i).toUtf8(), &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            const RecordedEvent &e = events.at(i);
            QCOMPARE(o.value(QStringLiteral("sequence")).toInteger(), e.sequence);
            QCOMPARE(o.value(QStringLiteral("stream_id")).toString(), e.streamId);
            QCOMPARE(o.value(QStringLiteral("stream_version")).toInteger(), e.streamVersion);
            QCOMPARE(o.value(QStringLiteral("type")).toString(), e.type);
            QCOMPARE(o.value(QStringLiteral("schema_version")).toInt(), e.schemaVersion);
            QCOMPARE(o.value(QStringLiteral("recorded_us")).toInteger(), e.recordedUs);
            QCOMPARE(o.value(QStringLiteral("recorded_at")).toString(), formatUtcMicros(e.recordedUs));
            QCOMPARE(o.value(QStringLiteral("actor")).toObject().value(QStringLiteral("user")).toString(), e.actor.user);
            QCOMPARE(o.value(QStringLiteral("actor")).toObject().value(QStringLiteral("role")).toString(), e.actor.role);
            QCOMPARE(o.value(QStringLiteral("correlation_id")).toString(), e.correlationId);
            QCOMPARE(o.value(QStringLiteral("causation_id")).toString(), e.causationId);
            QCOMPARE(QJsonDocument(o.value(QStringLiteral("payload")).toObject()).toJson(QJsonDocument::Compact), e.payload);
            QCOMPARE(o.value(QStringLiteral("prev_hash")).toString(), QString::fromLatin1(e.prevHash.toHex()));
            QCOMPARE(o.value(QStringLiteral("hash")).toString(), QString::fromLatin1(e.hash.toHex()));
        }
    }

    void exportCsvToAFile()
    {
        const QString url = storeWithEvents(3);
        const QString path = stores.tempPath(QStringLiteral("audit.csv"));
        const Run run = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), url,
                                    QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), path});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains(QStringLiteral("exported 3 events")));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 5); // header, 3 rows, the empty tail
        QVERIFY(lines.at(0).startsWith("sequence,recorded_at,recorded_us,stream_id"));
        QVERIFY(lines.at(0).trimmed().endsWith("prev_hash,hash"));
        // The payload has commas and quotes: RFC 4180 quoting.
        QVERIFY2(lines.at(1).contains(R"("{""note"":""a, \""quoted\"" note"",""qty"":100}")"), lines.at(1).constData());
    }

    void exportBetweenTimes()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        QVERIFY(store->append(request(QStringLiteral("a"), ExpectedVersion::Any, {newEvent(QStringLiteral("Early"))})).ok());
        QTest::qWait(20);
        const TimestampUs from = nowUtcMicros();
        QVERIFY(store->append(request(QStringLiteral("a"), ExpectedVersion::Any, {newEvent(QStringLiteral("Middle"))})).ok());
        const TimestampUs to = nowUtcMicros();
        QTest::qWait(20);
        QVERIFY(store->append(request(QStringLiteral("a"), ExpectedVersion::Any, {newEvent(QStringLiteral("Late"))})).ok());
        const Run run = instantCli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), url,
                                    QStringLiteral("--from"), formatUtcMicros(from), QStringLiteral("--to"),
                                    formatUtcMicros(to)});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.first().contains(QStringLiteral("\"type\":\"Middle\"")));
    }

    void badInputIsAClearErrorWithExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString url = QStringLiteral("@STORE@");
        QTest::newRow("unknown format") << QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), url,
                                                       QStringLiteral("--format"), QStringLiteral("xml")}
                                        << QStringLiteral("unknown format");
        QTest::newRow("bad from") << QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), url,
                                                 QStringLiteral("--from"), QStringLiteral("yesterday")}
                                  << QStringLiteral("not an ISO 8601");
        QTest::newRow("from after to") << QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), url,
                                                      QStringLiteral("--from"), QStringLiteral("2026-02-01"),
                                                      QStringLiteral("--to"), QStringLiteral("2026-01-01")}
                                       << QStringLiteral("after");
        QTest::newRow("bad url") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"),
                                                QStringLiteral("mysql://x@y/z")}
                                 << QStringLiteral("unknown scheme");
        QTest::newRow("password in url") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"),
                                                        QStringLiteral("postgresql://u:hunter2@127.0.0.1:1/db")}
                                         << QStringLiteral("passwords are not accepted");
        QTest::newRow("missing store") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"),
                                                      QStringLiteral("sqlite:///nonexistent/dir/none.db")}
                                       << QStringLiteral("does not exist");
        QTest::newRow("unknown verb") << QStringList{QStringLiteral("audit"), QStringLiteral("rewrite")}
                                      << QStringLiteral("unknown command");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--force")}
                                        << QStringLiteral("Unknown option");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("now")}
                                        << QStringLiteral("unexpected argument");
        QTest::newRow("workstation bad store") << QStringList{QStringLiteral("--store"), QStringLiteral("mysql://x@y/z")}
                                               << QStringLiteral("unknown scheme");
        QTest::newRow("workstation bad role") << QStringList{QStringLiteral("demo"), QStringLiteral("--role"), QStringLiteral("admin")}
                                              << QStringLiteral("--role must be");
        QTest::newRow("missing value") << QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store")}
                                       << QStringLiteral("Missing value");
    }

    void badInputIsAClearErrorWithExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString url = storeWithEvents(1);
        args.replaceInStrings(QStringLiteral("@STORE@"), url);
        const Run run = instantCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(!run.err.contains(QStringLiteral("hunter2")));
        QVERIFY(run.out.isEmpty());
        auto store = stores.open(url);
        QCOMPARE(store->head()->sequence, 1); // nothing changed
    }

    void notAStoreFile()
    {
        if (stores.isPostgres())
            QSKIP("a file test");
        const QString path = stores.tempPath(QStringLiteral("notes.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const Run run = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"),
                                    QStringLiteral("sqlite://") + path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("not an Instant event store")), qPrintable(run.err));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(4096, 'x'));
    }

    void helpForEverySubcommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("top") << QStringList{QStringLiteral("--help")} << QStringLiteral("demo      run");
        QTest::newRow("audit verify") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--help")}
                                      << QStringLiteral("Usage: instant audit verify");
        QTest::newRow("audit export") << QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--help")}
                                      << QStringLiteral("--format");
        QTest::newRow("store info") << QStringList{QStringLiteral("store"), QStringLiteral("info"), QStringLiteral("--help")}
                                    << QStringLiteral("Usage: instant store info");
        QTest::newRow("store init") << QStringList{QStringLiteral("store"), QStringLiteral("init"), QStringLiteral("--help")}
                                    << QStringLiteral("--store");
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << QStringLiteral("instant 0.");
    }

    void helpForEverySubcommand()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run run = instantCli(args);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(expected), qPrintable(run.out));
    }

    void demoRunPositionsAndOrders()
    {
        const QString url = stores.freshUrl();
        Run run = instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), url,
                              QStringLiteral("--orders"), QStringLiteral("80"), QStringLiteral("--seed"), QStringLiteral("2"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("orders")).toInt(), 80);
        QCOMPARE(summary.value(QStringLiteral("invariants")).toString(), QStringLiteral("hold"));
        QVERIFY(summary.value(QStringLiteral("fills")).toInt() > 0);
        QVERIFY(summary.value(QStringLiteral("orders_by_state")).toObject().contains(QStringLiteral("Filled")));

        run = instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), url,
                          QStringLiteral("--orders"), QStringLiteral("80"), QStringLiteral("--seed"), QStringLiteral("2")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("invariants: hold")), qPrintable(run.out));

        run = instantCli({QStringLiteral("orders"), QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonObject orders = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(orders.value(QStringLiteral("count")).toInt(), 80);
        const QJsonObject first = orders.value(QStringLiteral("orders")).toArray().first().toObject();
        for (const char *key : {"order_id", "state", "filled", "average_price", "symbol", "side", "quantity"})
            QVERIFY2(first.contains(QLatin1String(key)), key);

        run = instantCli({QStringLiteral("orders"), QStringLiteral("--store"), url, QStringLiteral("--state"), QStringLiteral("Filled")});
        orders = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY(orders.value(QStringLiteral("count")).toInt() > 0);
        for (const QJsonValue &o : orders.value(QStringLiteral("orders")).toArray())
            QCOMPARE(o.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("Filled"));

        run = instantCli({QStringLiteral("orders"), QStringLiteral("--store"), url, QStringLiteral("--as-of"), QStringLiteral("2000-01-01")});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("count")).toInt(), 0);

        run = instantCli({QStringLiteral("positions"), QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray accounts = QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("accounts")).toArray();
        QCOMPARE(accounts.size(), 3);
        bool anyPosition = false;
        for (const QJsonValue &a : accounts) {
            QVERIFY(a.toObject().value(QStringLiteral("available")).toObject().value(QStringLiteral("cents")).toInteger() >= 0);
            anyPosition = anyPosition || !a.toObject().value(QStringLiteral("positions")).toArray().isEmpty();
        }
        QVERIFY(anyPosition);

        QCOMPARE(instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--store"), url}).exitCode, 2); // no --headless
        QCOMPARE(instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--orders"), QStringLiteral("many")}).exitCode, 2);
        QCOMPARE(instantCli({QStringLiteral("orders"), QStringLiteral("--store"), url, QStringLiteral("--state"), QStringLiteral("Bogus")}).exitCode, 2);
        QCOMPARE(instantCli({QStringLiteral("positions"), QStringLiteral("--store"), url, QStringLiteral("--as-of"), QStringLiteral("soon")}).exitCode, 2);
    }

    void analytics()
    {
        Run run = instantCli({QStringLiteral("analytics"), QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("2.25"),
                              QStringLiteral("--maturity"), QStringLiteral("2027-11-15"), QStringLiteral("--issue"), QStringLiteral("2017-11-15"),
                              QStringLiteral("--settle"), QStringLiteral("2018-01-16"), QStringLiteral("--yield"), QStringLiteral("2.579"),
                              QStringLiteral("--convention"), QStringLiteral("treasury"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY(std::abs(o.value(QStringLiteral("clean_price")).toDouble() - 97.156278) < 1e-6); // the auction's published price
        for (const char *key : {"yield_percent", "accrued", "dirty_price", "modified_duration", "macaulay_duration", "dv01_per_million", "convexity", "clean_price_32nds"})
            QVERIFY2(o.contains(QLatin1String(key)), key);

        run = instantCli({QStringLiteral("analytics"), QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("4.25"),
                          QStringLiteral("--maturity"), QStringLiteral("2035-11-15"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"),
                          QStringLiteral("--price"), QStringLiteral("99-16+"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("clean_price_32nds")).toString(), QStringLiteral("99-16+"));
        QCOMPARE(o.value(QStringLiteral("clean_price")).toDouble(), 99.515625);

        run = instantCli({QStringLiteral("analytics"), QStringLiteral("bill"), QStringLiteral("--maturity"), QStringLiteral("2027-05-20"),
                          QStringLiteral("--settle"), QStringLiteral("2026-11-19"), QStringLiteral("--discount"), QStringLiteral("4.1"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(std::abs(QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("price")).toDouble() - 97.927222) < 1e-6);

        run = instantCli({QStringLiteral("analytics"), QStringLiteral("option"), QStringLiteral("--type"), QStringLiteral("put"),
                          QStringLiteral("--spot"), QStringLiteral("42"), QStringLiteral("--strike"), QStringLiteral("40"),
                          QStringLiteral("--valuation"), QStringLiteral("2026-01-01"), QStringLiteral("--expiry"), QStringLiteral("2026-07-02"),
                          QStringLiteral("--vol"), QStringLiteral("20%"), QStringLiteral("--rate"), QStringLiteral("0.10"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY(std::abs(o.value(QStringLiteral("price")).toDouble() - 0.81) < 0.01);
        QVERIFY(o.value(QStringLiteral("delta")).toDouble() < 0);
    }

    void analyticsBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString a = QStringLiteral("analytics");
        QTest::newRow("maturity before settle") << QStringList{a, QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2020-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--yield"), QStringLiteral("4")} << QStringLiteral("not after settlement");
        QTest::newRow("unparseable 32nds") << QStringList{a, QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2030-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--price"), QStringLiteral("99-33")} << QStringLiteral("32nds");
        QTest::newRow("impossible yield") << QStringList{a, QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2030-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--yield"), QStringLiteral("-40")} << QStringLiteral("not possible");
        QTest::newRow("price and yield") << QStringList{a, QStringLiteral("bond"), QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2030-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--yield"), QStringLiteral("4"), QStringLiteral("--price"), QStringLiteral("99")} << QStringLiteral("one of them");
        QTest::newRow("bad date") << QStringList{a, QStringLiteral("bill"), QStringLiteral("--maturity"), QStringLiteral("soon"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--price"), QStringLiteral("99")} << QStringLiteral("must be dates");
        QTest::newRow("option vol") << QStringList{a, QStringLiteral("option"), QStringLiteral("--type"), QStringLiteral("call"), QStringLiteral("--spot"), QStringLiteral("1"), QStringLiteral("--strike"), QStringLiteral("1"), QStringLiteral("--expiry"), QStringLiteral("2030-01-01"), QStringLiteral("--vol"), QStringLiteral("high"), QStringLiteral("--rate"), QStringLiteral("0")} << QStringLiteral("fractions");
    }

    void analyticsBadInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run run = instantCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void copilotAsk()
    {
        const QString url = stores.freshUrl();
        QCOMPARE(instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), url,
                             QStringLiteral("--orders"), QStringLiteral("40")}).exitCode, 0);
        auto store = stores.open(url);
        const Sequence head = store->head()->sequence;
        Run run = instantCli({QStringLiteral("copilot"), QStringLiteral("ask"), QStringLiteral("--store"), url, QStringLiteral("--json"),
                              QStringLiteral("buy 2mm 5s at 99-18")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("mode")).toString(), QStringLiteral("offline"));
        QVERIFY(o.value(QStringLiteral("answer")).toString().contains(QStringLiteral("Offline assistant")));
        QCOMPARE(o.value(QStringLiteral("proposal")).toObject().value(QStringLiteral("quantity")).toInteger(), 2'000'000);
        // Only the exchange was recorded: a prompt, the tool call, the proposal, the answer. No order.
        QList<QString> types;
        ReadQuery after;
        after.fromSequence = head + 1;
        const auto recorded = store->read(after);
        for (const RecordedEvent &e : *recorded)
            types << e.type;
        QCOMPARE(types, (QList<QString>{QStringLiteral("CopilotPrompt"), QStringLiteral("CopilotToolCall"), QStringLiteral("CopilotProposal"),
                                        QStringLiteral("CopilotAnswer")}));

        run = instantCli({QStringLiteral("copilot"), QStringLiteral("ask"), QStringLiteral("--store"), url, QStringLiteral("--endpoint"),
                          QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--model"), QStringLiteral("m"), QStringLiteral("--timeout"),
                          QStringLiteral("3"), QStringLiteral("hello")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("could not answer")), qPrintable(run.err));
        QCOMPARE(instantCli({QStringLiteral("copilot"), QStringLiteral("ask"), QStringLiteral("--store"), url}).exitCode, 2);
    }

    void storeInitAndInfo()
    {
        const QString url = stores.freshUrl();
        Run run = instantCli({QStringLiteral("store"), QStringLiteral("info"), QStringLiteral("--store"), url});
        QCOMPARE(run.exitCode, 2); // nothing there yet, and info does not create it
        run = instantCli({QStringLiteral("store"), QStringLiteral("init"), QStringLiteral("--store"), url});
        QCOMPARE(run.exitCode, 0);
        run = instantCli({QStringLiteral("store"), QStringLiteral("info"), QStringLiteral("--store"), url});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("events: 0")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
