// Hash-chain verification and projection rebuild, each beside its baseline in the same run:
// verification vs `openssl speed -evp sha256` at the event's size, rebuild vs a raw sequential
// SELECT of the same rows (sqlite3 C API).

#include "audit/chainverifier.h"
#include "demo/demorun.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdio>

using namespace instant;

namespace {

double rawScan(const QString &path, qint64 &rows, qint64 &bytes)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *q = nullptr;
    sqlite3_prepare_v2(db, "SELECT seq, stream_id, stream_version, type, schema_version, recorded_us, actor_user, actor_role, "
                           "correlation_id, causation_id, payload, prev_hash, hash FROM events ORDER BY seq", -1, &q, nullptr);
    QElapsedTimer t;
    t.start();
    rows = 0;
    bytes = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < 13; ++c)
            bytes += sqlite3_column_bytes(q, c);
    }
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    sqlite3_finalize(q);
    sqlite3_close(db);
    return seconds;
}

// bytes/s that `openssl speed -evp sha256` reports for the block size nearest `size`.
double opensslSha256(int size)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), {QStringLiteral("speed"), QStringLiteral("-evp"), QStringLiteral("sha256"),
                                        QStringLiteral("-seconds"), QStringLiteral("1"), QStringLiteral("-bytes"), QString::number(size)});
    if (!p.waitForFinished(60000))
        return 0;
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    // last line: "sha256   123456.78k"
    static const QRegularExpression re(QStringLiteral(R"(sha256\s+([\d.]+)k)"));
    QRegularExpressionMatchIterator it = re.globalMatch(out);
    double kbs = 0;
    while (it.hasNext())
        kbs = it.next().captured(1).toDouble();
    return kbs * 1000.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int orders = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 3000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.db"));
    {
        auto store = openEventStore(QStringLiteral("sqlite://") + path);
        DemoRunOptions options;
        options.orders = orders;
        if (!runDemo(**store, ReferenceData::demo(), options)) {
            std::fprintf(stderr, "demo run failed\n");
            return 1;
        }
    }
    auto store = openEventStore(QStringLiteral("sqlite://") + path);

    qint64 rows = 0, bytes = 0;
    const double scan = rawScan(path, rows, bytes);
    QElapsedTimer t;
    t.start();
    auto report = verifyChain(**store);
    const double verify = double(t.nsecsElapsed()) / 1e9;
    t.restart();
    auto state = TradingState::replay(**store, ReadQuery{}, false);
    const double rebuild = double(t.nsecsElapsed()) / 1e9;
    const int eventSize = rows ? int(bytes / rows) : 256;
    const double shaBytes = opensslSha256(eventSize);

    std::printf("events: %lld (average %d bytes), chain %s\n", static_cast<long long>(rows), eventSize,
                report && report->intact ? "intact" : "BROKEN");
    std::printf("raw SELECT scan:        %12.0f events/s\n", double(rows) / scan);
    std::printf("projection rebuild:     %12.0f events/s  = %5.1f%% of the raw scan\n", double(rows) / rebuild, 100.0 * scan / rebuild);
    std::printf("chain verification:     %12.0f events/s  = %6.1f MB/s\n", double(rows) / verify, double(bytes) / verify / 1e6);
    if (shaBytes > 0)
        std::printf("openssl speed sha256 @%d B: %8.1f MB/s -> verification at %5.1f%% of it\n", eventSize, shaBytes / 1e6,
                    100.0 * (double(bytes) / verify) / shaBytes);
    return state.ok() ? 0 : 1;
}
