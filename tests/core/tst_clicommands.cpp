// The command line's subcommands called in-process, as `instant` calls them, with strings for
// its streams: the same commands and the same figures as tst_cli, which runs the binary.

#include "cli/commandline.h"
#include "cli/commands.h"
#include "events/readevents.h"
#include "events/signingkey.h"
#include "loopbacktsa.h"
#include "teststores.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QFileInfo>
#include <QTest>

#include <cmath>

using namespace instant;
using namespace instant::test;

namespace {

// What one subcommand said, and its exit code.
struct Said
{
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

using Entry = int (*)(const QStringList &, const cli::CommandIo &);

// The program as QCoreApplication names it: what run() gets first, and what --help puts after
// "Usage: " before the subcommand replaces it.
QStringList program()
{
    return {QCoreApplication::arguments().constFirst()};
}

// Runs one entry the way run() does: the program first, then the subcommand's arguments.
Said call(Entry entry, const QStringList &args, const QString &input = {})
{
    QString inText = input;
    Said said;
    QTextStream in(&inText, QIODevice::ReadOnly);
    QTextStream out(&said.out, QIODevice::WriteOnly);
    QTextStream err(&said.err, QIODevice::WriteOnly);
    const cli::CommandIo io{in, out, err};
    said.exitCode = entry(program() + args, io);
    out.flush();
    err.flush();
    return said;
}

// The whole command line, from the top-level command table.
Said runLine(const QStringList &args)
{
    QString none;
    Said said;
    QTextStream in(&none, QIODevice::ReadOnly);
    QTextStream out(&said.out, QIODevice::WriteOnly);
    QTextStream err(&said.err, QIODevice::WriteOnly);
    said.exitCode = cli::run(program() + args, cli::CommandIo{in, out, err});
    out.flush();
    err.flush();
    return said;
}

} // namespace

class TestCliCommands : public QObject
{
    Q_OBJECT

    TestStores stores;

private Q_SLOTS:
    void analyticsBond()
    {
        Said said = call(&cli::analyticsBond,
                         {QStringLiteral("--coupon"), QStringLiteral("2.25"), QStringLiteral("--maturity"), QStringLiteral("2027-11-15"),
                          QStringLiteral("--issue"), QStringLiteral("2017-11-15"), QStringLiteral("--settle"), QStringLiteral("2018-01-16"),
                          QStringLiteral("--yield"), QStringLiteral("2.579"), QStringLiteral("--convention"), QStringLiteral("treasury"),
                          QStringLiteral("--json")});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.err.isEmpty(), qPrintable(said.err));
        QJsonObject o = said.json();
        QVERIFY(std::abs(o.value(QStringLiteral("clean_price")).toDouble() - 97.156278) < 1e-6); // the auction's published price
        for (const char *key : {"yield_percent", "accrued", "dirty_price", "modified_duration", "macaulay_duration", "dv01_per_million", "convexity", "clean_price_32nds"})
            QVERIFY2(o.contains(QLatin1String(key)), key);

        said = call(&cli::analyticsBond, {QStringLiteral("--coupon"), QStringLiteral("4.25"), QStringLiteral("--maturity"), QStringLiteral("2035-11-15"),
                                          QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--price"), QStringLiteral("99-16+"),
                                          QStringLiteral("--json")});
        QCOMPARE(said.exitCode, 0);
        o = said.json();
        QCOMPARE(o.value(QStringLiteral("clean_price_32nds")).toString(), QStringLiteral("99-16+"));
        QCOMPARE(o.value(QStringLiteral("clean_price")).toDouble(), 99.515625);

        // Without --json: one "key: value" line per figure.
        said = call(&cli::analyticsBond, {QStringLiteral("--coupon"), QStringLiteral("4.25"), QStringLiteral("--maturity"), QStringLiteral("2035-11-15"),
                                          QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--price"), QStringLiteral("99-16+")});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.out.contains(QStringLiteral("clean_price: 99.515625\n")), qPrintable(said.out));
        QVERIFY2(said.out.contains(QStringLiteral("clean_price_32nds: 99-16+\n")), qPrintable(said.out));
    }

    void analyticsBill()
    {
        const Said said = call(&cli::analyticsBill, {QStringLiteral("--maturity"), QStringLiteral("2027-05-20"), QStringLiteral("--settle"),
                                                     QStringLiteral("2026-11-19"), QStringLiteral("--discount"), QStringLiteral("4.1"),
                                                     QStringLiteral("--json")});
        QCOMPARE(said.exitCode, 0);
        QVERIFY(std::abs(said.json().value(QStringLiteral("price")).toDouble() - 97.927222) < 1e-6);
    }

    void analyticsOption()
    {
        const Said said = call(&cli::analyticsOption,
                               {QStringLiteral("--type"), QStringLiteral("put"), QStringLiteral("--spot"), QStringLiteral("42"),
                                QStringLiteral("--strike"), QStringLiteral("40"), QStringLiteral("--valuation"), QStringLiteral("2026-01-01"),
                                QStringLiteral("--expiry"), QStringLiteral("2026-07-02"), QStringLiteral("--vol"), QStringLiteral("20%"),
                                QStringLiteral("--rate"), QStringLiteral("0.10"), QStringLiteral("--json")});
        QCOMPARE(said.exitCode, 0);
        const QJsonObject o = said.json();
        QVERIFY(std::abs(o.value(QStringLiteral("price")).toDouble() - 0.81) < 0.01);
        QVERIFY(o.value(QStringLiteral("delta")).toDouble() < 0);
    }

    void analyticsBadInput_data()
    {
        QTest::addColumn<QString>("instrument");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString bond = QStringLiteral("bond");
        QTest::newRow("maturity before settle") << bond << QStringList{QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2020-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--yield"), QStringLiteral("4")} << QStringLiteral("not after settlement");
        QTest::newRow("unparseable 32nds") << bond << QStringList{QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2030-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--price"), QStringLiteral("99-33")} << QStringLiteral("32nds");
        QTest::newRow("impossible yield") << bond << QStringList{QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2030-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--yield"), QStringLiteral("-40")} << QStringLiteral("not possible");
        QTest::newRow("price and yield") << bond << QStringList{QStringLiteral("--coupon"), QStringLiteral("4"), QStringLiteral("--maturity"), QStringLiteral("2030-01-01"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--yield"), QStringLiteral("4"), QStringLiteral("--price"), QStringLiteral("99")} << QStringLiteral("one of them");
        QTest::newRow("bad date") << QStringLiteral("bill") << QStringList{QStringLiteral("--maturity"), QStringLiteral("soon"), QStringLiteral("--settle"), QStringLiteral("2026-11-23"), QStringLiteral("--price"), QStringLiteral("99")} << QStringLiteral("must be dates");
        QTest::newRow("option vol") << QStringLiteral("option") << QStringList{QStringLiteral("--type"), QStringLiteral("call"), QStringLiteral("--spot"), QStringLiteral("1"), QStringLiteral("--strike"), QStringLiteral("1"), QStringLiteral("--expiry"), QStringLiteral("2030-01-01"), QStringLiteral("--vol"), QStringLiteral("high"), QStringLiteral("--rate"), QStringLiteral("0")} << QStringLiteral("fractions");
    }

    void analyticsBadInput()
    {
        QFETCH(QString, instrument);
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Entry entry = instrument == u"bond" ? &cli::analyticsBond : instrument == u"bill" ? &cli::analyticsBill : &cli::analyticsOption;
        const Said said = call(entry, args);
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(message), qPrintable(said.err));
        QVERIFY2(said.out.isEmpty(), qPrintable(said.out));
    }

    void storeInitAndInfo()
    {
        const QString url = stores.freshUrl();
        Said said = call(&cli::storeInfo, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 2); // nothing there yet, and info does not create it
        QVERIFY(said.out.isEmpty());
        said = call(&cli::storeInit, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.out.startsWith(QStringLiteral("ready: ")), qPrintable(said.out));
        said = call(&cli::storeInfo, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 0);
        QVERIFY(said.out.contains(QStringLiteral("events: 0")));
        QVERIFY2(!said.out.contains(QStringLiteral("last recorded")), qPrintable(said.out));
    }

    void storeInfoAfterEvents()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        for (int i = 0; i < 3; ++i)
            QVERIFY(store->append(request(QStringLiteral("order-%1").arg(i), ExpectedVersion::NoStream,
                                          {newEvent(QStringLiteral("OrderAccepted"), {{QStringLiteral("qty"), 100}})})));
        const QString head = QString::fromLatin1(store->head()->hash.toHex());
        Said said = call(&cli::storeInfo, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.out.contains(QStringLiteral("events: 3\n")), qPrintable(said.out));
        QVERIFY(said.out.contains(QStringLiteral("head hash: ") + head));
        QVERIFY(said.out.contains(QStringLiteral("last recorded: ")));

        said = call(&cli::auditVerify, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.out.contains(QStringLiteral("intact: 3 events")), qPrintable(said.out));
        QVERIFY(said.out.contains(head));

        // An export without --out goes to the command's output (the stream given, not the process's).
        said = call(&cli::auditExport, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 0);
        // The three events, then the verification just made: reads are recorded (RecordsRead).
        const QStringList lines = said.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(QJsonDocument::fromJson(lines.at(2).toUtf8()).object().value(QStringLiteral("hash")).toString(), head);
        const QJsonObject verified = QJsonDocument::fromJson(lines.last().toUtf8()).object();
        QCOMPARE(verified.value(QStringLiteral("type")).toString(), QStringLiteral("RecordsRead"));
        const QJsonObject read = verified.value(QStringLiteral("payload")).toObject();
        QCOMPARE(read.value(QStringLiteral("action")).toString(), QStringLiteral("verified"));
        QCOMPARE(read.value(QStringLiteral("outcome")).toString(), QStringLiteral("intact"));
        QCOMPARE(read.value(QStringLiteral("records")).toInt(), 3);
        QCOMPARE(read.value(QStringLiteral("channel")).toString(), QStringLiteral("command line"));
        said = call(&cli::auditExport, {QStringLiteral("--store"), url, QStringLiteral("--format"), QStringLiteral("csv"),
                                        QStringLiteral("--to"), QStringLiteral("2000-01-01")});
        QCOMPARE(said.exitCode, 0);
        QCOMPARE(said.out.split(u'\n', Qt::SkipEmptyParts).size(), 1); // the header only
        said = call(&cli::auditExport, {QStringLiteral("--store"), url, QStringLiteral("--from"), QStringLiteral("2027-01-02"),
                                        QStringLiteral("--to"), QStringLiteral("2027-01-01")});
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("--from is after --to")), qPrintable(said.err));
        QVERIFY(said.out.isEmpty());
    }

    // A checkpoint time-stamped by an outside authority (RFC 3161), then checked against its CA.
    void checkpointTimestampedByAuthority()
    {
        LoopbackTsa tsa;
        QVERIFY(tsa.ready());
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        QVERIFY(store->append(request(QStringLiteral("s"), ExpectedVersion::Any, {newEvent(QStringLiteral("Tick"))})));
        const QString key = stores.tempPath(QStringLiteral("desk.pem")), out = stores.tempPath(QStringLiteral("c.json"));
        Said said = call(&cli::auditCheckpoint, {QStringLiteral("--store"), url, QStringLiteral("--new-key"), key,
                                                 QStringLiteral("--out"), out, QStringLiteral("--tsa"), tsa.url()});
        QVERIFY2(said.exitCode == 0, qPrintable(said.err));
        QVERIFY2(said.err.contains(QStringLiteral("by /CN=Loopback TSA")), qPrintable(said.err));
        const QStringList verify{QStringLiteral("--store"), url, QStringLiteral("--checkpoint"), out};
        said = call(&cli::auditVerify, verify + QStringList{QStringLiteral("--tsa-ca"), tsa.caFile()});
        QVERIFY2(said.exitCode == 0, qPrintable(said.out + said.err));
        QVERIFY2(said.out.contains(QStringLiteral("by /CN=Loopback TSA (RFC 3161")), qPrintable(said.out));
        said = call(&cli::auditVerify, verify);
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.err.contains(QStringLiteral("was not checked: pass --tsa-ca")), qPrintable(said.err));
        said = call(&cli::auditVerify, verify + QStringList{QStringLiteral("--tsa-ca"), tsa.otherCaFile()});
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("does not verify against")), qPrintable(said.err));
        // No authority answering: nothing is written.
        tsa.behave(LoopbackTsa::Behaviour::HttpError);
        const QString none = stores.tempPath(QStringLiteral("none.json"));
        said = call(&cli::auditCheckpoint, {QStringLiteral("--store"), url, QStringLiteral("--key"), key,
                                            QStringLiteral("--out"), none, QStringLiteral("--tsa"), tsa.url()});
        QCOMPARE(said.exitCode, 2);
        QVERIFY(!QFile::exists(none));
    }

    // The desk's keys from the command line: enrol, list, revoke; verify names what a revoked key wrote.
    void enrolListRevoke()
    {
        const QString url = stores.freshUrl();
        auto admin = SigningKey::generate(), writer = SigningKey::generate();
        const QString adminPem = stores.tempPath(QStringLiteral("admin.pem")), writerPem = stores.tempPath(QStringLiteral("w.pem"));
        QVERIFY(admin->saveKeyPair(adminPem, publicKeyPathFor(adminPem)));
        QVERIFY(writer->saveKeyPair(writerPem, publicKeyPathFor(writerPem)));
        Said said = call(&cli::storeEnroll, {QStringLiteral("--store"), url, QStringLiteral("--admin-key"), adminPem, QStringLiteral("--key"),
                                             publicKeyPathFor(writerPem), QStringLiteral("--user"), QStringLiteral("bob"),
                                             QStringLiteral("--role"), QStringLiteral("trader")});
        QVERIFY2(said.exitCode == 0, qPrintable(said.err));
        said = call(&cli::storeKeys, {QStringLiteral("--store"), url});
        QVERIFY2(said.out.contains(QStringLiteral("administrator: ") + admin->fingerprint()), qPrintable(said.out));
        QVERIFY2(said.out.contains(writer->fingerprint() + QStringLiteral("  bob  trader  enrolled at 2")), qPrintable(said.out));
        {
            auto bob = stores.open(url);
            bob->signWith(std::make_shared<const SigningKey>(*writer));
            QVERIFY(bob->append(request(QStringLiteral("account-B"), ExpectedVersion::Any, {newEvent(QStringLiteral("OrderAccepted"))})));
        }
        said = call(&cli::storeRevoke, {QStringLiteral("--store"), url, QStringLiteral("--admin-key"), adminPem, QStringLiteral("--key-id"),
                                        writer->fingerprint(), QStringLiteral("--reason"), QStringLiteral("left the desk")});
        QVERIFY2(said.exitCode == 0, qPrintable(said.err));
        said = call(&cli::auditVerify, {QStringLiteral("--store"), url});
        QVERIFY2(said.exitCode == 0 && said.out.contains(QStringLiteral("writers: 4 events in 3 batches")), qPrintable(said.out));
        auto late = stores.open(url);
        late->signWith(std::make_shared<const SigningKey>(*writer));
        QVERIFY(late->append(request(QStringLiteral("account-B"), ExpectedVersion::Any, {newEvent(QStringLiteral("OrderAccepted"))})));
        said = call(&cli::auditVerify, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 1);
        QVERIFY2(said.out.contains(QStringLiteral("FORGED at sequence 5")) && said.out.contains(QStringLiteral("revoked at sequence 4 (left the desk)")),
                 qPrintable(said.out));
        // Only the administrator enrols.
        said = call(&cli::storeEnroll, {QStringLiteral("--store"), url, QStringLiteral("--admin-key"), writerPem, QStringLiteral("--key"),
                                        publicKeyPathFor(adminPem), QStringLiteral("--user"), QStringLiteral("eve"),
                                        QStringLiteral("--role"), QStringLiteral("admin")});
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("is not this desk's administrator")), qPrintable(said.err));
    }

    // Who looked at what from the command line: each view, look "as of" and verification is a
    // RecordsRead event, signed by this machine's enrolled key; a key the desk has not enrolled
    // reads without writing anything (an unsigned event would read as a forgery), and says so.
    void readsAreRecorded()
    {
        const QString url = stores.freshUrl();
        const QByteArray keyBefore = qgetenv("INSTANT_WRITER_KEY");
        const QString machineKey = stores.tempPath(QStringLiteral("reader.pem"));
        qputenv("INSTANT_WRITER_KEY", machineKey.toUtf8());
        const auto restore = qScopeGuard([&keyBefore] { qputenv("INSTANT_WRITER_KEY", keyBefore); });
        Said said = call(&cli::demoRun, {QStringLiteral("--headless"), QStringLiteral("--store"), url, QStringLiteral("--orders"), QStringLiteral("12"),
                                         QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--demo-date"), QStringLiteral("2027-03-10")});
        QCOMPARE(said.exitCode, 0); // this machine's key is the store's administrator now, enrolled as trader
        const QString user = qEnvironmentVariable("USER", QStringLiteral("operations"));
        auto store = stores.open(url);
        const auto reads = [&store, &user] {
            QList<events::ReadRecord> list;
            const auto stream = store->readStream(events::readsStream(user));
            const QList<RecordedEvent> recorded = stream ? *stream : QList<RecordedEvent>{};
            for (const RecordedEvent &e : recorded)
                if (auto read = events::ReadRecord::decode(e.payload))
                    list << *read;
            return list;
        };

        said = call(&cli::positions, {QStringLiteral("--store"), url, QStringLiteral("--as-of"), QStringLiteral("2099-01-01")});
        QVERIFY2(said.exitCode == 0 && said.err.isEmpty(), qPrintable(said.err));
        said = call(&cli::orders, {QStringLiteral("--store"), url, QStringLiteral("--state"), QStringLiteral("Filled")});
        QVERIFY2(said.exitCode == 0 && said.err.isEmpty(), qPrintable(said.err));
        const int filled = said.json().value(QStringLiteral("count")).toInt();
        QList<events::ReadRecord> list = reads();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).action, events::ReadAsOf);
        QCOMPARE(list.at(0).asOfUs, std::optional<TimestampUs>(utcMicros(QDate(2099, 1, 1), 23, 59) + 59'999'999));
        QVERIFY2(list.at(0).subject.startsWith(QStringLiteral("positions and cash of every account, up to sequence ")), qPrintable(list.at(0).subject));
        QCOMPARE(list.at(1).action, events::ReadViewed);
        QVERIFY2(list.at(1).subject.startsWith(QStringLiteral("orders in state Filled")), qPrintable(list.at(1).subject));
        QCOMPARE(list.at(1).records, filled);
        QCOMPARE(list.at(1).channel, QStringLiteral("command line"));
        const RecordedEvent last = store->readStream(events::readsStream(user))->last();
        QCOMPARE(last.actor, (Actor{user, QStringLiteral("trader")}));

        said = call(&cli::auditVerify, {QStringLiteral("--store"), url});
        QVERIFY2(said.exitCode == 0 && said.out.contains(QStringLiteral("writers: ")), qPrintable(said.out + said.err));
        QCOMPARE(reads().size(), 3);
        QCOMPARE(reads().last().outcome, QStringLiteral("intact"));

        // Another machine, its key not enrolled: the view is shown, nothing is written.
        const QString strangerKey = stores.tempPath(QStringLiteral("stranger.pem"));
        qputenv("INSTANT_WRITER_KEY", strangerKey.toUtf8());
        const Sequence head = store->head()->sequence;
        said = call(&cli::orders, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.err.contains(QStringLiteral("this read is not recorded")) && said.err.contains(QStringLiteral("instant store enroll")),
                 qPrintable(said.err));
        // the note names this machine's own public key file, ready to hand to the administrator
        QVERIFY2(said.err.contains(QStringLiteral("--key ") + publicKeyPathFor(strangerKey) + QStringLiteral(" --user ")), qPrintable(said.err));
        QVERIFY(QFileInfo::exists(publicKeyPathFor(strangerKey)));
        QCOMPARE(store->head()->sequence, head);

        // Enrolled for compliance by the administrator (the first machine's key): its reads are
        // recorded in that role, and the writers verify.
        said = call(&cli::storeEnroll, {QStringLiteral("--store"), url, QStringLiteral("--admin-key"), machineKey, QStringLiteral("--key"),
                                        publicKeyPathFor(strangerKey), QStringLiteral("--user"), user, QStringLiteral("--role"),
                                        QStringLiteral("compliance")});
        QVERIFY2(said.exitCode == 0, qPrintable(said.err));
        said = call(&cli::orders, {QStringLiteral("--store"), url});
        QVERIFY2(said.exitCode == 0 && said.err.isEmpty(), qPrintable(said.err));
        QCOMPARE(store->readStream(events::readsStream(user))->last().actor, (Actor{user, QStringLiteral("compliance")}));
        said = call(&cli::auditVerify, {QStringLiteral("--store"), url});
        QVERIFY2(said.exitCode == 0, qPrintable(said.out));
        QCOMPARE(reads().size(), 5);
    }

    void positionsAndOrders()
    {
        const QString url = stores.freshUrl();
        const QString date = QStringLiteral("2027-03-10");
        Said said = call(&cli::demoRun, {QStringLiteral("--headless"), QStringLiteral("--store"), url, QStringLiteral("--orders"), QStringLiteral("80"),
                                         QStringLiteral("--seed"), QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("--demo-date"), date});
        QCOMPARE(said.exitCode, 0);
        const QJsonObject summary = said.json();
        QCOMPARE(summary.value(QStringLiteral("orders")).toInt(), 80);
        QCOMPARE(summary.value(QStringLiteral("invariants")).toString(), QStringLiteral("hold"));

        said = call(&cli::orders, {QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(said.exitCode, 0);
        QJsonObject orders = said.json();
        int withBracket = 0;
        for (const QJsonValue &o : orders.value(QStringLiteral("orders")).toArray())
            withBracket += o.toObject().contains(QStringLiteral("bracket")) ? 1 : 0;
        QCOMPARE(orders.value(QStringLiteral("count")).toInt(), 80 + withBracket);
        QVERIFY(withBracket >= summary.value(QStringLiteral("brackets")).toObject().value(QStringLiteral("child_orders")).toInt());
        const QJsonObject first = orders.value(QStringLiteral("orders")).toArray().first().toObject();
        for (const char *key : {"order_id", "state", "filled", "average_price", "symbol", "side", "quantity"})
            QVERIFY2(first.contains(QLatin1String(key)), key);

        said = call(&cli::orders, {QStringLiteral("--store"), url, QStringLiteral("--state"), QStringLiteral("Filled")});
        QCOMPARE(said.exitCode, 0);
        orders = said.json();
        QVERIFY(orders.value(QStringLiteral("count")).toInt() > 0);
        for (const QJsonValue &o : orders.value(QStringLiteral("orders")).toArray())
            QCOMPARE(o.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("Filled"));

        said = call(&cli::orders, {QStringLiteral("--store"), url, QStringLiteral("--as-of"), QStringLiteral("2000-01-01")});
        QCOMPARE(said.json().value(QStringLiteral("count")).toInt(), 0);
        QCOMPARE(said.json().value(QStringLiteral("as_of")).toString().left(10), QStringLiteral("2000-01-01"));

        said = call(&cli::positions, {QStringLiteral("--store"), url, QStringLiteral("--json")});
        QCOMPARE(said.exitCode, 0);
        const QJsonArray accounts = said.json().value(QStringLiteral("accounts")).toArray();
        QCOMPARE(accounts.size(), 6); // the user's three, opened for the workstation, and the simulated desks' three
        bool anyPosition = false;
        for (const QJsonValue &a : accounts) {
            QVERIFY(a.toObject().value(QStringLiteral("available")).toObject().value(QStringLiteral("cents")).toInteger() >= 0);
            anyPosition = anyPosition || !a.toObject().value(QStringLiteral("positions")).toArray().isEmpty();
        }
        QVERIFY(anyPosition);

        // The execution exceptions as a table: the header, and the count line under it.
        said = call(&cli::orders, {QStringLiteral("--store"), url, QStringLiteral("--exceptions")});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.out.startsWith(QStringLiteral("TIME (UTC)")), qPrintable(said.out));
        QVERIFY2(said.out.contains(QStringLiteral(" exception(s), ")), qPrintable(said.out));

        said = call(&cli::orders, {QStringLiteral("--store"), url, QStringLiteral("--state"), QStringLiteral("Bogus")});
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("unknown state \"Bogus\"")), qPrintable(said.err));
        QVERIFY(said.out.isEmpty());
        QCOMPARE(call(&cli::positions, {QStringLiteral("--store"), url, QStringLiteral("--as-of"), QStringLiteral("soon")}).exitCode, 2);
        QCOMPARE(call(&cli::demoRun, {QStringLiteral("--store"), url}).exitCode, 2); // no --headless
    }

    // A log with an event the views cannot apply (here a fill for an order never entered): the
    // views leave it out, say so on the error stream and count it in their JSON; a log without
    // one says nothing of the kind.
    void viewsSayWhatTheyCouldNotApply()
    {
        const QString url = stores.freshUrl();
        auto store = stores.open(url);
        QVERIFY(store->append(request(QStringLiteral("account-A"), ExpectedVersion::Any,
                                      {newEvent(QStringLiteral("AccountOpened"), {{QStringLiteral("account"), QStringLiteral("A")},
                                                                                  {QStringLiteral("cash_cents"), 1'000'000}})})));
        Said said = call(&cli::positions, {QStringLiteral("--store"), url});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(!said.err.contains(QStringLiteral("could not be applied")), qPrintable(said.err));
        QVERIFY(!said.json().contains(QStringLiteral("events_not_applied")));

        QVERIFY(store->append(request(QStringLiteral("account-A"), ExpectedVersion::Any,
                                      {newEvent(QStringLiteral("OrderFilled"), {{QStringLiteral("order_id"), QStringLiteral("NO-SUCH")},
                                                                                {QStringLiteral("quantity"), 100},
                                                                                {QStringLiteral("price"), 1000},
                                                                                {QStringLiteral("notional_cents"), 100'000}})})));
        for (Entry view : {&cli::positions, &cli::orders}) {
            said = call(view, {QStringLiteral("--store"), url});
            QCOMPARE(said.exitCode, 0);
            QVERIFY2(said.err.contains(QStringLiteral("warning: 1 event(s) in the log could not be applied")), qPrintable(said.err));
            QCOMPARE(said.json().value(QStringLiteral("events_not_applied")).toInteger(), 1);
        }
        // The cash is the account's, untouched by the fill of nothing.
        const QJsonArray accounts = call(&cli::positions, {QStringLiteral("--store"), url}).json().value(QStringLiteral("accounts")).toArray();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0).toObject().value(QStringLiteral("cash")).toObject().value(QStringLiteral("cents")).toInteger(), 1'000'000);
    }

    void standardInputIsTheGivenStream()
    {
        // Nothing on the input stream: refused before the keychain is asked.
        Said said = call(&cli::copilotKey, {}, QString());
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("no key on standard input")), qPrintable(said.err));
        said = call(&cli::storePassword, {QStringLiteral("--store"), QStringLiteral("postgresql://trader@127.0.0.1:5432/desk")}, QString());
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("no password on standard input")), qPrintable(said.err));
    }

    void commandTable()
    {
        Said said = runLine({QStringLiteral("--help")});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.out.contains(QStringLiteral("demo      run")), qPrintable(said.out));
        said = runLine({QStringLiteral("store"), QStringLiteral("info"), QStringLiteral("--help")});
        QCOMPARE(said.exitCode, 0);
        QVERIFY2(said.out.contains(QStringLiteral("Usage: instant store info")), qPrintable(said.out));
        said = runLine({QStringLiteral("audit"), QStringLiteral("rewrite")});
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("unknown command")), qPrintable(said.err));
        QVERIFY(said.out.isEmpty());
        said = runLine({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("now")});
        QCOMPARE(said.exitCode, 2);
        QVERIFY2(said.err.contains(QStringLiteral("unexpected argument")), qPrintable(said.err));
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
