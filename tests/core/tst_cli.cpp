// `instant audit …` and `instant store …` as a user runs them: the real binary, a real store.

#include "audit/checkpoint.h"
#include "store/eventstore.h"
#include "historyrewrite.h"
#include "teststores.h"
#include "programrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace instant;
using namespace instant::test;

namespace {

Run instantCli(const QStringList &args, const QByteArray &input = {})
{
    return runProgram(QStringLiteral(INSTANT_BINARY), args, input);
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

    int files = 0;

    // A path nobody has used yet in this run's temporary folder.
    QString unusedPath(const QString &name)
    {
        return stores.tempPath(QStringLiteral("%1-%2").arg(++files).arg(name));
    }

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    // The private key's base64 body: it must never appear in anything the command prints.
    static QStringList keyMaterial(const QString &privateKeyPath)
    {
        QStringList lines;
        for (const QByteArray &line : readAll(privateKeyPath).split('\n'))
            if (!line.isEmpty() && !line.startsWith("-----"))
                lines << QString::fromLatin1(line);
        return lines;
    }

    static void verifyNoKeyMaterial(const Run &run, const QString &privateKeyPath)
    {
        QVERIFY(!run.out.contains(QStringLiteral("PRIVATE KEY")) && !run.err.contains(QStringLiteral("PRIVATE KEY")));
        const QStringList secret = keyMaterial(privateKeyPath);
        QVERIFY(!secret.isEmpty());
        for (const QString &line : secret)
            QVERIFY(!run.out.contains(line) && !run.err.contains(line));
    }

    Run checkpointCli(const QString &url, const QString &keyOption, const QString &key, const QString &out, bool json = false)
    {
        QStringList args{QStringLiteral("audit"), QStringLiteral("checkpoint"), QStringLiteral("--store"), url, keyOption, key,
                         QStringLiteral("--out"), out};
        if (json)
            args << QStringLiteral("--json");
        return instantCli(args);
    }

    Run verifyCli(const QString &url, const QString &checkpoint, const QString &publicKey = {}, bool json = false)
    {
        QStringList args{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), url,
                         QStringLiteral("--checkpoint"), checkpoint};
        if (!publicKey.isEmpty())
            args << QStringLiteral("--public-key") << publicKey;
        if (json)
            args << QStringLiteral("--json");
        return instantCli(args);
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

        // The verification was recorded (RecordsRead): the second one verifies it too.
        const QString afterRead = QString::fromLatin1(store->head()->hash.toHex());
        QVERIFY(afterRead != head);
        auto read = store->read(ReadQuery{QString(), 6, 6, std::nullopt, std::nullopt, std::nullopt});
        QVERIFY(read && read->size() == 1);
        QCOMPARE(read->first().type, QStringLiteral("RecordsRead"));
        QVERIFY(read->first().payload.contains("\"outcome\":\"intact\""));
        const Run json = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json"),
                                     QStringLiteral("--store"), url});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("intact")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("verified_events")).toInteger(), 5 + 1);
        QCOMPARE(o.value(QStringLiteral("head_hash")).toString(), afterRead);
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
        QTest::newRow("audit checkpoint") << QStringList{QStringLiteral("audit"), QStringLiteral("checkpoint"), QStringLiteral("--help")}
                                          << QStringLiteral("--new-key");
        QTest::newRow("audit verify checkpoint") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--help")}
                                                 << QStringLiteral("--public-key");
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
        // The market of a given date, so that the second run continues the first whenever it runs.
        const QString date = QStringLiteral("2027-03-10");
        Run run = instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), url,
                              QStringLiteral("--orders"), QStringLiteral("80"), QStringLiteral("--seed"), QStringLiteral("2"), QStringLiteral("--json"),
                              QStringLiteral("--demo-date"), date});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("orders")).toInt(), 80);
        QCOMPARE(summary.value(QStringLiteral("invariants")).toString(), QStringLiteral("hold"));
        QVERIFY(summary.value(QStringLiteral("fills")).toInt() > 0);
        QVERIFY(summary.value(QStringLiteral("orders_by_state")).toObject().contains(QStringLiteral("Filled")));

        run = instantCli({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--store"), url,
                          QStringLiteral("--orders"), QStringLiteral("80"), QStringLiteral("--seed"), QStringLiteral("2"),
                          QStringLiteral("--demo-date"), date});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("invariants: hold")), qPrintable(run.out));
        // Every instrument the orders named is recorded as it was that day.
        run = instantCli({QStringLiteral("refdata"), QStringLiteral("list"), QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject listed = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY(listed.value(QStringLiteral("count")).toInt() > 10);
        for (const QJsonValue &v : listed.value(QStringLiteral("instruments")).toArray()) {
            const QJsonObject i = v.toObject();
            QVERIFY(i.value(QStringLiteral("source")).toString().startsWith(QStringLiteral("first used by order D2-")));
            if (i.value(QStringLiteral("kind")).toString() == u"option")
                QVERIFY2(i.value(QStringLiteral("expiry")).toString() >= date, qPrintable(i.value(QStringLiteral("id")).toString()));
            if (i.contains(QStringLiteral("maturity")))
                QVERIFY2(i.value(QStringLiteral("maturity")).toString() > date, qPrintable(i.value(QStringLiteral("id")).toString()));
        }

        run = instantCli({QStringLiteral("orders"), QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonObject orders = QJsonDocument::fromJson(run.out.toUtf8()).object();
        // The traders' 80 (the second run sends the same ids: nothing new), and the take-profit and
        // exit orders their brackets sent: the first run's, and any the second run sent for a bracket
        // still open (its resting take-profit, unknown to the second run's venue, is placed again).
        const int children = summary.value(QStringLiteral("brackets")).toObject().value(QStringLiteral("child_orders")).toInt();
        int withBracket = 0;
        for (const QJsonValue &o : orders.value(QStringLiteral("orders")).toArray())
            withBracket += o.toObject().contains(QStringLiteral("bracket")) ? 1 : 0;
        QCOMPARE(orders.value(QStringLiteral("count")).toInt(), 80 + withBracket);
        QVERIFY2(withBracket >= children, qPrintable(QStringLiteral("%1 bracket orders, %2 after the first run").arg(withBracket).arg(children)));
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
        QCOMPARE(accounts.size(), 6); // the user's three, opened for the workstation, and the simulated desks' three
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

    // A security master is recorded in the store all of it or nothing, once; "as of" shows the
    // instruments as they were recorded then.
    void refdataImportAndList()
    {
        const QString url = stores.freshUrl();
        const QString real = QStringLiteral(INSTANT_TEST_DATA "/auction-results-2023.csv");
        Run run = instantCli({QStringLiteral("refdata"), QStringLiteral("import"), QStringLiteral("--store"), url, real});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("13 row(s), 13 instrument(s): 13 recorded, 0 already there")), qPrintable(run.out));
        const QString between = formatUtcMicros(nowUtcMicros());
        QTest::qWait(5);
        run = instantCli({QStringLiteral("refdata"), QStringLiteral("import"), QStringLiteral("--store"), url, real});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("0 recorded, 13 already there")), qPrintable(run.out));

        // One bad row among good ones: refused with its line, nothing of the file recorded.
        QTemporaryDir dir;
        QFile bad(dir.filePath(QStringLiteral("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("symbol,underlying,type,strike,expiry,multiplier\nXYZ,,equity,,,\nXYZ 16JUN28 10 C,XYZ,call,10,2028-06-16,100\n"
                  "XYZ 16JUN28 10 P,XYZ,put,ten,2028-06-16,100\n");
        bad.close();
        run = instantCli({QStringLiteral("refdata"), QStringLiteral("import"), QStringLiteral("--store"), url, bad.fileName()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("line 4: strike \"ten\"")), qPrintable(run.err));
        // A CUSIP already recorded with other terms: refused too.
        QFile other(dir.filePath(QStringLiteral("other.csv")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("CUSIP,Security Type,Security Term,Auction Date,Issue Date,Maturity Date,Interest Rate,High Yield,Price per $100\n"
                    "91282CJJ1,Note,10-Year,2023-11-08,2023-11-15,2033-11-15,4.625,4.519,99.848482\n");
        other.close();
        run = instantCli({QStringLiteral("refdata"), QStringLiteral("import"), QStringLiteral("--store"), url, other.fileName()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("line 2: 91282CJJ1 is already recorded with other terms")), qPrintable(run.err));

        run = instantCli({QStringLiteral("refdata"), QStringLiteral("list"), QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonObject list = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(list.value(QStringLiteral("count")).toInt(), 13);
        bool ten = false;
        for (const QJsonValue &v : list.value(QStringLiteral("instruments")).toArray()) {
            const QJsonObject i = v.toObject();
            QVERIFY(i.value(QStringLiteral("source")).toString() == u"import auction-results-2023.csv");
            if (i.value(QStringLiteral("id")).toString() == u"91282CJJ1") {
                ten = true;
                QCOMPARE(i.value(QStringLiteral("coupon")).toDouble(), 4.5);
                QCOMPARE(i.value(QStringLiteral("maturity")).toString(), QStringLiteral("2033-11-15"));
            }
        }
        QVERIFY(ten);
        run = instantCli({QStringLiteral("refdata"), QStringLiteral("list"), QStringLiteral("--store"), url, QStringLiteral("--as-of"), QStringLiteral("2000-01-01")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("0 instrument(s)")), qPrintable(run.out));
        run = instantCli({QStringLiteral("refdata"), QStringLiteral("list"), QStringLiteral("--store"), url, QStringLiteral("--as-of"), between});
        QVERIFY2(run.out.contains(QStringLiteral("13 instrument(s)")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("T 4.5 11/15/33")), qPrintable(run.out));

        // The demo market of a date, with what the store recorded.
        run = instantCli({QStringLiteral("refdata"), QStringLiteral("list"), QStringLiteral("--demo"), QStringLiteral("--demo-date"),
                          QStringLiteral("2030-12-31"), QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        list = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(list.value(QStringLiteral("count")).toInt(), 252 + 13);
        QCOMPARE(instantCli({QStringLiteral("refdata"), QStringLiteral("list"), QStringLiteral("--demo"), QStringLiteral("--demo-date"),
                             QStringLiteral("someday")}).exitCode, 2);
        QCOMPARE(instantCli({QStringLiteral("refdata"), QStringLiteral("import"), QStringLiteral("--store"), url}).exitCode, 2);
        QCOMPARE(instantCli({QStringLiteral("refdata"), QStringLiteral("import"), QStringLiteral("--store"), url,
                             dir.filePath(QStringLiteral("missing.csv"))}).exitCode, 2);
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

    void checkpointSignThenVerify()
    {
        const QString url = storeWithEvents(5);
        const QString key = unusedPath(QStringLiteral("desk.pem"));
        const QString publicKey = publicKeyPathFor(key);
        const QString checkpoint = unusedPath(QStringLiteral("checkpoint.json"));
        Run run = checkpointCli(url, QStringLiteral("--new-key"), key, checkpoint);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("signed checkpoint: sequence 5 (5 events)")), qPrintable(run.out));
        QVERIFY(run.err.contains(QStringLiteral("new key pair: ") + key));
        QVERIFY(publicKey.endsWith(QStringLiteral("desk.pub.pem")));
        QVERIFY(readAll(publicKey).startsWith("-----BEGIN PUBLIC KEY-----"));
        QVERIFY(readAll(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        verifyNoKeyMaterial(run, key);
#ifdef Q_OS_UNIX
        struct stat st{};
        QCOMPARE(::stat(QFile::encodeName(key).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
#endif
        auto store = stores.open(url);
        const QString head = QString::fromLatin1(store->head()->hash.toHex());
        QVERIFY(run.out.contains(head));
        const QJsonObject file = QJsonDocument::fromJson(readAll(checkpoint)).object();
        QCOMPARE(file.value(QStringLiteral("head_hash")).toString(), head);
        QCOMPARE(file.value(QStringLiteral("sequence")).toInteger(), 5);

        run = verifyCli(url, checkpoint, publicKey);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("intact: 5 events")));
        QVERIFY2(run.out.contains(QStringLiteral("matches the signed checkpoint of %1").arg(file.value(QStringLiteral("signed_at")).toString())),
                 qPrintable(run.out));
        QVERIFY(run.err.isEmpty());

        // Without --public-key the file's own key is used, and the verifier is told so.
        run = verifyCli(url, checkpoint);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QStringLiteral("pass --public-key")), qPrintable(run.err));

        // (a) More events since: still the signed history.
        for (int i = 0; i < 3; ++i)
            QVERIFY(store->append(request(QStringLiteral("later-%1").arg(i), ExpectedVersion::NoStream, {newEvent(QStringLiteral("OrderAccepted"))})).ok());
        run = verifyCli(url, checkpoint, publicKey, true);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("intact")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("verified_events")).toInteger(), 5 + 2 + 3); // the two verifications above were recorded
        const QJsonObject c = o.value(QStringLiteral("checkpoint")).toObject();
        QCOMPARE(c.value(QStringLiteral("matches")).toBool(), true);
        QCOMPARE(c.value(QStringLiteral("sequence")).toInteger(), 5);
        QCOMPARE(c.value(QStringLiteral("key")).toString(), QStringLiteral("given"));

        // A second checkpoint with the same key, as JSON; --new-key never overwrites a key.
        const QString second = unusedPath(QStringLiteral("checkpoint.json"));
        run = checkpointCli(url, QStringLiteral("--key"), key, second, true);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("sequence")).toInteger(), 5 + 2 + 3 + 1);
        verifyNoKeyMaterial(run, key);
        const QByteArray keyBefore = readAll(key);
        run = checkpointCli(url, QStringLiteral("--new-key"), key, unusedPath(QStringLiteral("checkpoint.json")));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("already exists")), qPrintable(run.err));
        QCOMPARE(readAll(key), keyBefore);

#ifdef Q_OS_UNIX
        // A private key others can read still signs, with a warning.
        QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        run = checkpointCli(url, QStringLiteral("--key"), key, unusedPath(QStringLiteral("checkpoint.json")));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QStringLiteral("warning: the private key %1 can be read or written by others (mode 0644)").arg(key)),
                 qPrintable(run.err));
        verifyNoKeyMaterial(run, key);
#endif
    }

    // (b) Rewritten with every hash recomputed: plain verify passes, the checkpoint does not.
    void checkpointFindsRewrittenHistory()
    {
        const QString url = storeWithEvents(6);
        const QString key = unusedPath(QStringLiteral("desk.pem"));
        const QString checkpoint = unusedPath(QStringLiteral("checkpoint.json"));
        QCOMPARE(checkpointCli(url, QStringLiteral("--new-key"), key, checkpoint).exitCode, 0);
        const QString signedAt = QJsonDocument::fromJson(readAll(checkpoint)).object().value(QStringLiteral("signed_at")).toString();
        {
            auto store = stores.open(url);
            QVERIFY(store->append(request(QStringLiteral("later"), ExpectedVersion::NoStream, {newEvent(QStringLiteral("OrderAccepted"))})).ok());
        }
        const QString error = rewriteHistory(stores, url, 3);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        Run run = instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), url});
        QVERIFY2(run.exitCode == 0, "the rewrite must fool plain verify, or this test proves nothing");

        run = verifyCli(url, checkpoint, publicKeyPathFor(key));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("BROKEN at sequence 6: the event at sequence 6 does not match the signed "
                                                 "checkpoint of %1: history was rewritten").arg(signedAt)),
                 qPrintable(run.out));
        // Seven events and the plain verification's read; the failed one appended nothing.
        QVERIFY2(run.out.contains(QStringLiteral("the hash chain itself is consistent: 8 events")), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("this verification is not recorded")), qPrintable(run.err));

        run = verifyCli(url, checkpoint, publicKeyPathFor(key), true);
        QCOMPARE(run.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("intact")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("chain_intact")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("first_bad_sequence")).toInteger(), 6);
        QCOMPARE(o.value(QStringLiteral("checkpoint")).toObject().value(QStringLiteral("matches")).toBool(), false);
    }

    // (c) Cut back below the checkpoint.
    void checkpointFindsTruncation()
    {
        const QString url = storeWithEvents(6);
        const QString key = unusedPath(QStringLiteral("desk.pem"));
        const QString checkpoint = unusedPath(QStringLiteral("checkpoint.json"));
        QCOMPARE(checkpointCli(url, QStringLiteral("--new-key"), key, checkpoint).exitCode, 0);
        QString error;
        QSqlDatabase db = dropAppendOnlyTriggers(stores, url, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = execAsAttacker(db, QStringLiteral("DELETE FROM events WHERE seq > 3"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Plain verify is fooled; checked against the checkpoint first, the cut is named where it is.
        Run run = verifyCli(url, checkpoint, publicKeyPathFor(key));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("BROKEN at sequence 4: the chain ends at sequence 3, before the signed checkpoint")),
                 qPrintable(run.out));
        QCOMPARE(instantCli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--store"), url}).exitCode, 0);
        // That fooled verification was recorded at sequence 4: the chain still ends before the checkpoint.
        run = verifyCli(url, checkpoint, publicKeyPathFor(key));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("BROKEN at sequence 5: the chain ends at sequence 4, before the signed checkpoint")),
                 qPrintable(run.out));
    }

    // A chain broken by a plain edit before the checkpoint: named at its own first bad sequence.
    void checkpointWithABrokenChain()
    {
        const QString url = storeWithEvents(6);
        const QString key = unusedPath(QStringLiteral("desk.pem"));
        const QString checkpoint = unusedPath(QStringLiteral("checkpoint.json"));
        QCOMPARE(checkpointCli(url, QStringLiteral("--new-key"), key, checkpoint).exitCode, 0);
        tamper(url, QStringLiteral("UPDATE events SET payload = replace(payload, '200', '900') WHERE seq = 2"));
        Run run = verifyCli(url, checkpoint, publicKeyPathFor(key));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("BROKEN at sequence 2")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("cannot be confirmed")));

        // Nothing is signed over a broken chain, and no key is left behind.
        const QString other = unusedPath(QStringLiteral("other.pem"));
        const QString refused = unusedPath(QStringLiteral("checkpoint.json"));
        run = checkpointCli(url, QStringLiteral("--new-key"), other, refused);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("broken at sequence 2")), qPrintable(run.err));
        QVERIFY(!QFile::exists(other) && !QFile::exists(publicKeyPathFor(other)) && !QFile::exists(refused));
    }

    // (d), (e), (f): the checkpoint or the key cannot be used. Exit 2, the reason, nothing else.
    void checkpointBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString audit = QStringLiteral("audit"), verify = QStringLiteral("verify"), checkpoint = QStringLiteral("checkpoint");
        const QString store = QStringLiteral("--store"), url = QStringLiteral("@STORE@");
        const QString cp = QStringLiteral("--checkpoint"), pub = QStringLiteral("--public-key");
        QTest::newRow("altered sequence") << QStringList{audit, verify, store, url, cp, QStringLiteral("@SEQUENCE_ALTERED@"), pub, QStringLiteral("@PUB@")}
                                          << QStringLiteral("signature does not verify");
        QTest::newRow("altered head hash") << QStringList{audit, verify, store, url, cp, QStringLiteral("@HASH_ALTERED@")}
                                           << QStringLiteral("signature does not verify");
        QTest::newRow("another key") << QStringList{audit, verify, store, url, cp, QStringLiteral("@CHECKPOINT@"), pub, QStringLiteral("@OTHER_PUB@")}
                                     << QStringLiteral("not with the given public key");
        QTest::newRow("re-signed with another key") << QStringList{audit, verify, store, url, cp, QStringLiteral("@FORGED@"), pub, QStringLiteral("@PUB@")}
                                                    << QStringLiteral("not with the given public key");
        QTest::newRow("garbage checkpoint") << QStringList{audit, verify, store, url, cp, QStringLiteral("@GARBAGE@")}
                                            << QStringLiteral("not JSON");
        QTest::newRow("bad signature encoding") << QStringList{audit, verify, store, url, cp, QStringLiteral("@BAD_SIGNATURE@")}
                                                << QStringLiteral("\"signature\" is missing or not a base64 Ed25519 signature");
        QTest::newRow("missing checkpoint") << QStringList{audit, verify, store, url, cp, QStringLiteral("@DIR@/none.json")}
                                            << QStringLiteral("does not exist");
        QTest::newRow("private key as public key") << QStringList{audit, verify, store, url, cp, QStringLiteral("@CHECKPOINT@"), pub, QStringLiteral("@KEY@")}
                                                   << QStringLiteral("is a private key");
        QTest::newRow("garbage public key") << QStringList{audit, verify, store, url, cp, QStringLiteral("@CHECKPOINT@"), pub, QStringLiteral("@GARBAGE@")}
                                            << QStringLiteral("not a PEM public key");
        QTest::newRow("public key alone") << QStringList{audit, verify, store, url, pub, QStringLiteral("@PUB@")}
                                          << QStringLiteral("--public-key is for checking a --checkpoint");
        QTest::newRow("no key") << QStringList{audit, checkpoint, store, url, QStringLiteral("--out"), QStringLiteral("@DIR@/x.json")}
                                << QStringLiteral("either --key");
        QTest::newRow("both keys") << QStringList{audit, checkpoint, store, url, QStringLiteral("--key"), QStringLiteral("@KEY@"),
                                                  QStringLiteral("--new-key"), QStringLiteral("@DIR@/n.pem"), QStringLiteral("--out"),
                                                  QStringLiteral("@DIR@/x.json")}
                                   << QStringLiteral("either --key");
        QTest::newRow("no out") << QStringList{audit, checkpoint, store, url, QStringLiteral("--key"), QStringLiteral("@KEY@")}
                                << QStringLiteral("--out FILE is required");
        QTest::newRow("out onto the key") << QStringList{audit, checkpoint, store, url, QStringLiteral("--key"), QStringLiteral("@KEY@"),
                                                         QStringLiteral("--out"), QStringLiteral("@KEY@")}
                                          << QStringLiteral("must not be a key file");
        QTest::newRow("missing key") << QStringList{audit, checkpoint, store, url, QStringLiteral("--key"), QStringLiteral("@DIR@/none.pem"),
                                                    QStringLiteral("--out"), QStringLiteral("@DIR@/x.json")}
                                     << QStringLiteral("does not exist");
        QTest::newRow("public key to sign") << QStringList{audit, checkpoint, store, url, QStringLiteral("--key"), QStringLiteral("@PUB@"),
                                                           QStringLiteral("--out"), QStringLiteral("@DIR@/x.json")}
                                            << QStringLiteral("is a public key: signing needs the private key");
        QTest::newRow("garbage key") << QStringList{audit, checkpoint, store, url, QStringLiteral("--key"), QStringLiteral("@GARBAGE@"),
                                                    QStringLiteral("--out"), QStringLiteral("@DIR@/x.json")}
                                     << QStringLiteral("is not a PEM private key");
    }

    void checkpointBadInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString url = storeWithEvents(4);
        const QString dir = QFileInfo(unusedPath(QStringLiteral("dir"))).absolutePath();
        const QString key = unusedPath(QStringLiteral("desk.pem"));
        const QString checkpoint = unusedPath(QStringLiteral("checkpoint.json"));
        QCOMPARE(checkpointCli(url, QStringLiteral("--new-key"), key, checkpoint).exitCode, 0);
        const QString otherKey = unusedPath(QStringLiteral("other.pem"));
        const QString forged = unusedPath(QStringLiteral("forged.json"));
        QCOMPARE(checkpointCli(url, QStringLiteral("--new-key"), otherKey, forged).exitCode, 0);

        const QJsonObject original = QJsonDocument::fromJson(readAll(checkpoint)).object();
        auto altered = [&](const QString &field, const QJsonValue &value) {
            QJsonObject o = original;
            o.insert(field, value);
            const QString path = unusedPath(QStringLiteral("altered.json"));
            writeFile(path, QJsonDocument(o).toJson());
            return path;
        };
        const QString garbage = unusedPath(QStringLiteral("garbage"));
        writeFile(garbage, QByteArray("\x89PNG\r\n\x1a\n not a checkpoint at all"));

        args.replaceInStrings(QStringLiteral("@STORE@"), url);
        args.replaceInStrings(QStringLiteral("@DIR@"), dir);
        args.replaceInStrings(QStringLiteral("@CHECKPOINT@"), checkpoint);
        args.replaceInStrings(QStringLiteral("@SEQUENCE_ALTERED@"), altered(QStringLiteral("sequence"), 3));
        args.replaceInStrings(QStringLiteral("@HASH_ALTERED@"), altered(QStringLiteral("head_hash"), QString(64, u'0')));
        args.replaceInStrings(QStringLiteral("@BAD_SIGNATURE@"), altered(QStringLiteral("signature"), QStringLiteral("not*base64")));
        args.replaceInStrings(QStringLiteral("@FORGED@"), forged);
        args.replaceInStrings(QStringLiteral("@GARBAGE@"), garbage);
        args.replaceInStrings(QStringLiteral("@OTHER_PUB@"), publicKeyPathFor(otherKey));
        args.replaceInStrings(QStringLiteral("@PUB@"), publicKeyPathFor(key));
        args.replaceInStrings(QStringLiteral("@KEY@"), key);
        const QByteArray keyBefore = readAll(key);

        const Run run = instantCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        verifyNoKeyMaterial(run, key);
        QCOMPARE(readAll(key), keyBefore);
        QVERIFY(!QFile::exists(dir + QStringLiteral("/x.json")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/n.pem")));
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
