// instant-bench: every speed figure of the product beside a baseline measured in the same run,
// with the ratio and the target. `instant-bench --quick` is the short form the test suite runs;
// without it the full set (1M and 10M event stores, PostgreSQL with fsync on, the workstation on a
// million orders) takes several minutes.
//
//   instant-bench [--quick] [--only matching,lifecycle,signing,rebuild,blotter,workstation] [--dir FOLDER] [--json FILE]

#include "audit/chainverifier.h"
#include "audit/writerverifier.h"
#include "benchsupport.h"
#include "demo/demorun.h"
#include "events/eventhash.h"
#include "events/signingkey.h"
#include "oms/tradingstate.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

#include "blotter.h"
#include "blottermodel.h"
#include "testmarket.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <unordered_map>

using namespace instant;
using namespace instant::bench;

namespace {

struct Figure
{
    QString section, name;
    double project = 0;
    QString unit;
    QString baselineName;
    double baseline = 0;
    double ratio = 0;       // project / baseline (or what the target compares)
    QString target;         // in words
    std::optional<bool> met;
};

QList<Figure> g_figures;
bool g_keep = false; // --keep: leave the stores for profiling

QString human(double v)
{
    if (v >= 1e6)
        return QString::number(v / 1e6, 'f', 2) + QStringLiteral(" M");
    if (v >= 1e4)
        return QString::number(v / 1e3, 'f', 1) + QStringLiteral(" k");
    return QString::number(v, 'f', v < 10 ? 2 : 0) + QLatin1Char(' ');
}

void report(Figure f)
{
    const QString verdict = !f.met ? QString() : *f.met ? QStringLiteral("met") : QStringLiteral("MISSED");
    std::printf("  %-44s %14s%-9s | %-34s %12s | %7.1f%% | %-24s %s\n", qPrintable(f.name), qPrintable(human(f.project)),
                qPrintable(f.unit), qPrintable(f.baselineName), f.baseline > 0 ? qPrintable(human(f.baseline)) : "",
                100.0 * f.ratio, qPrintable(f.target), qPrintable(verdict));
    std::fflush(stdout);
    g_figures.append(std::move(f));
}

void heading(const char *title)
{
    std::printf("\n== %s ==\n  %-44s %23s | %-47s | %8s | target\n", title, "figure", "project", "baseline (same run)", "ratio");
    std::fflush(stdout);
}

double secondsSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// ---------------------------------------------------------------------------------------------
// Matching only: the book against the bare bookkeeping any book needs (a hash map from order id
// to order, insert on add, erase on cancel), fed the same operations.

struct CountingListener : venue::BookListener
{
    quint64 trades = 0;
    void onTrade(const venue::Trade &) override { ++trades; }
};

void benchMatching(bool quick)
{
    heading("matching only (add/cancel/replace mix, one core)");
    const size_t count = quick ? 300'000 : 3'000'000;
    for (int books : {1, 20}) {
        const std::vector<BookOp> ops = makeBookOps(books, count, 2026);
        double best = 1e9;
        std::vector<double> ns;
        ns.reserve(ops.size());
        for (int round = 0; round < 3; ++round) {
            CountingListener listener;
            std::deque<venue::OrderBook> book;
            for (int b = 0; b < books; ++b)
                book.emplace_back(&listener);
            QElapsedTimer t;
            t.start();
            for (const BookOp &op : ops)
                runBookOp(book, op);
            best = std::min(best, secondsSince(t));
        }
        {
            CountingListener listener;
            std::deque<venue::OrderBook> book;
            for (int b = 0; b < books; ++b)
                book.emplace_back(&listener);
            for (const BookOp &op : ops) {
                const auto t0 = std::chrono::steady_clock::now();
                runBookOp(book, op);
                ns.push_back(double(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count()));
            }
        }
        double baseline = 1e9;
        for (int round = 0; round < 3; ++round) {
            std::unordered_map<venue::OrderId, venue::BookRequest> live;
            QElapsedTimer t;
            t.start();
            for (const BookOp &op : ops) {
                if (op.kind == BookOp::Add)
                    live.emplace(op.request.id, op.request);
                else if (op.kind == BookOp::Cancel)
                    live.erase(op.request.id);
                else if (auto it = live.find(op.request.id); it != live.end())
                    it->second.price = op.request.price;
            }
            baseline = std::min(baseline, secondsSince(t));
        }
        const double rate = double(ops.size()) / best, baseRate = double(ops.size()) / baseline;
        report({QStringLiteral("matching"), QStringLiteral("%1 book%2: orders/s").arg(books).arg(books > 1 ? QStringLiteral("s") : QString()), rate,
                QStringLiteral("/s"), QStringLiteral("hash-map bookkeeping of same ops"), baseRate, rate / baseRate,
                QStringLiteral(">= 3 M/s on one core"), rate >= 3e6});
        std::sort(ns.begin(), ns.end());
        auto pct = [&ns](double p) { return ns[std::min(ns.size() - 1, size_t(p * double(ns.size())))]; };
        for (auto [label, p] : {std::pair{"p50", 0.5}, std::pair{"p99", 0.99}, std::pair{"p99.9", 0.999}})
            report({QStringLiteral("matching"), QStringLiteral("%1 book%2: latency %3").arg(books).arg(books > 1 ? QStringLiteral("s") : QString()).arg(QLatin1String(label)),
                    pct(p), QStringLiteral("ns"), QString(), 0, 0, QString(), std::nullopt});
    }
}

// ---------------------------------------------------------------------------------------------
// The full lifecycle, durable: against a raw INSERT / COPY of the very bytes it wrote, committed
// in the very same transactions.

std::vector<EventRow> rowsOf(const EventStore &store)
{
    std::vector<EventRow> rows;
    (void)store.forEach(ReadQuery{}, [&rows](const RecordedEvent &e) {
        EventRow r;
        r.seq = e.sequence;
        r.streamId = e.streamId.toUtf8();
        r.streamVersion = e.streamVersion;
        r.type = e.type.toUtf8();
        r.schemaVersion = e.schemaVersion;
        r.recordedUs = e.recordedUs;
        r.actorUser = e.actor.user.toUtf8();
        r.actorRole = e.actor.role.toUtf8();
        r.correlationId = e.correlationId.toUtf8();
        r.causationId = e.causationId.toUtf8();
        r.payload = e.payload;
        r.prevHash = e.prevHash;
        r.hash = e.hash;
        rows.push_back(std::move(r));
        return true;
    });
    return rows;
}

void lifecycleOn(const QString &label, const QString &url, int orders, const std::function<Result<double>(const std::vector<EventRow> &, const std::vector<int> &)> &rawRound,
                 const QString &rawName, bool signWrites = false)
{
    auto store = openEventStore(url);
    if (!store) {
        std::printf("  %s: %s\n", qPrintable(label), qPrintable(store.message()));
        return;
    }
    if (signWrites) { // as a workstation writes: every batch signed with its key (core/events/batchsignature.h)
        auto key = SigningKey::generate();
        if (!key) {
            std::printf("  %s: %s\n", qPrintable(label), qPrintable(key.message()));
            return;
        }
        (*store)->signWith(std::make_shared<const SigningKey>(std::move(*key)));
    }
    MarketableOrderFlow flow(**store);
    // In rounds, each followed by its baseline: a disk's fsync drifts by half over a minute, and
    // a baseline run long after the orders would measure another disk.
    const int rounds = orders >= 1000 ? 10 : 2;
    double seconds = 0, rawSeconds = 0; // the orders' time; the market moving between them is the venue's (see moveMarket)
    size_t events = 0, commits = 0;
    Sequence before = (*store)->head()->sequence; // the set-up events are not part of the run
    for (int round = 0; round < rounds; ++round) {
        for (int i = round * orders / rounds; i < (round + 1) * orders / rounds; ++i) {
            QElapsedTimer t;
            t.start();
            (void)flow.submitNext();
            seconds += secondsSince(t);
            if (flow.marketDue())
                flow.moveMarket();
        }
        std::vector<EventRow> rows = rowsOf(**store);
        rows.erase(rows.begin(), rows.begin() + before);
        before += Sequence(rows.size());
        const std::vector<int> batches = transactionSizes(rows);
        auto raw = rawRound(rows, batches);
        if (!raw) {
            std::printf("  %s baseline: %s\n", qPrintable(label), qPrintable(raw.message()));
            return;
        }
        rawSeconds += *raw;
        events += rows.size();
        commits += batches.size();
    }
    const double rate = orders / seconds, rawRate = orders / rawSeconds;
    report({QStringLiteral("lifecycle"),
            QStringLiteral("%1: orders/s (%2 ev/order, %3 commits/order)").arg(label).arg(double(events) / orders, 0, 'f', 1)
                .arg(double(commits) / orders, 0, 'f', 1),
            rate, QStringLiteral("/s"), rawName, rawRate, rate / rawRate,
            label.startsWith(u"SQLite") ? QStringLiteral(">= 70% of raw INSERT") : QString(),
            label.startsWith(u"SQLite") ? std::optional<bool>(rate / rawRate >= 0.70) : std::nullopt});
}

void benchLifecycle(bool quick, const QString &dir, PostgresServer *pg)
{
    heading("full lifecycle, one marketable order at a time (validate, compliance, match, durable append, projections)");
    const int orders = quick ? 200 : 3000;
    static int files = 0;
    for (const bool signWrites : {false, true})
        lifecycleOn(signWrites ? QStringLiteral("SQLite (WAL, synchronous=FULL), writes signed") : QStringLiteral("SQLite (WAL, synchronous=FULL)"),
                    QStringLiteral("sqlite://%1/lifecycle-%2.db").arg(dir).arg(++files), orders,
                    [&](const std::vector<EventRow> &rows, const std::vector<int> &batches) {
                        // What the store wrote (events with their batch signature columns, and the
                        // commands' idempotency keys), inserted raw in the same transactions.
                        return rawSqliteInsertAsStored(QStringLiteral("%1/lifecycle-%2.db").arg(dir).arg(files),
                                                       QStringLiteral("%1/raw-%2.db").arg(dir).arg(files),
                                                       rows.front().seq - 1, batches);
                    },
                    QStringLiteral("raw prepared INSERT of the rows stored, same txns"), signWrites);
    if (!pg)
        return;
    if (!pg->ok()) {
        std::printf("  PostgreSQL: no server (%s)\n", qPrintable(pg->error()));
        return;
    }
    auto url = pg->createDatabase(QStringLiteral("lifecycle%1").arg(++files));
    if (!url) {
        std::printf("  PostgreSQL: %s\n", qPrintable(url.message()));
        return;
    }
    lifecycleOn(QStringLiteral("PostgreSQL (fsync on)"), *url, orders,
                [&](const std::vector<EventRow> &rows, const std::vector<int> &batches) { return rawPostgresCopy(*url, rows, batches); },
                QStringLiteral("raw COPY, same txns"));
}

// ---------------------------------------------------------------------------------------------
// Rebuild and verification over big stores made of a real demo run.

void benchStore(const QString &templatePath, const QString &dir, qint64 events, double shaBytesPerSecond, int hashInputSize)
{
    const QString path = QStringLiteral("%1/store-%2.db").arg(dir).arg(events);
    {
        QFile::remove(path);
        auto created = openEventStore(QStringLiteral("sqlite://") + path); // the real schema, empty
        if (!created) {
            std::printf("  %s\n", qPrintable(created.message()));
            return;
        }
    }
    QElapsedTimer t;
    t.start();
    auto made = replicateStore(templatePath, path, events);
    if (!made) {
        std::printf("  cannot make a store of %lld events: %s\n", static_cast<long long>(events), qPrintable(made.message()));
        return;
    }
    std::printf("  (made a store of %lld events from the demo run in %.1f s)\n", static_cast<long long>(*made), secondsSince(t));
    const QString label = events >= 1'000'000 ? QStringLiteral("%1M events").arg(events / 1'000'000) : QStringLiteral("%1k events").arg(events / 1000);

    const ScanResult scan = rawSqliteScan(path); // also warms the page cache for both readers
    const ScanResult scan2 = rawSqliteScan(path);
    const double scanRate = double(scan2.rows) / std::min(scan.seconds, scan2.seconds);

    auto store = openEventStore(QStringLiteral("sqlite://") + path);
    if (!store)
        return;
    // Best of two, as the scan: one run on a busy machine should not decide the ratio.
    double rebuild = 0;
    for (int round = 0; round < 2; ++round) {
        t.restart();
        auto state = TradingState::replay(**store, ReadQuery{}, false);
        const double seconds = secondsSince(t);
        if (!state) {
            std::printf("  rebuild failed: %s\n", qPrintable(state.message()));
            return;
        }
        rebuild = round == 0 ? seconds : std::min(rebuild, seconds);
    }
    const double rate = double(scan2.rows) / rebuild;
    report({QStringLiteral("rebuild"), QStringLiteral("rebuild all projections, %1: events/s").arg(label), rate, QStringLiteral("ev/s"),
            QStringLiteral("raw sequential SELECT scan"), scanRate, rate / scanRate, QStringLiteral(">= 80% of scan, >= 1 M/s"),
            rate / scanRate >= 0.8 && rate >= 1e6});

    t.restart();
    auto verified = verifyChain(**store);
    const double verify = secondsSince(t);
    if (!verified || !verified->intact) {
        std::printf("  verification failed\n");
        return;
    }
    const double verifyBytes = double(verified->eventCount) * hashInputSize / verify;
    report({QStringLiteral("verify"), QStringLiteral("audit verify end to end, %1, all cores: events/s").arg(label),
            double(verified->eventCount) / verify, QStringLiteral("ev/s"), QStringLiteral("raw sequential SELECT scan"), scanRate,
            double(verified->eventCount) / verify / scanRate, QString(), std::nullopt});
    report({QStringLiteral("verify"), QStringLiteral("audit verify end to end, %1: MB/s hashed").arg(label), verifyBytes / 1e6,
            QStringLiteral("MB/s"), QStringLiteral("openssl speed -evp sha256 @%1 B").arg(hashInputSize), shaBytesPerSecond / 1e6,
            verifyBytes / shaBytesPerSecond, QString(), std::nullopt});
    if (g_keep)
        return;
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
}

QList<qint64> g_sizes; // --events: store sizes for the rebuild section

// Writer signatures: what signing costs an append, and what checking them costs verify.
void benchSigning(bool quick, const QString &dir)
{
    heading("writer signatures (SQLite, synchronous=FULL)");
    struct Load
    {
        qint64 events;
        int inFlight;
        const char *what;
    };
    const Load loads[] = {{quick ? 100 : 5000, 1, "one append per commit"},
                          {quick ? 5000 : 1'000'000, 1000, "group commit"}};
    const QString signedPath = dir + QStringLiteral("/signed.db");
    qint64 signedEvents = 0;
    for (const Load &load : loads) {
        // Alternated, best of two each: fsync times drift over a run.
        Result<double> plain = 0.0, signedRate = 0.0;
        for (int round = 0; round < 2; ++round) {
            auto a = appendRate(dir + QStringLiteral("/unsigned.db"), false, load.events, load.inFlight);
            auto b = appendRate(signedPath, true, load.events, load.inFlight);
            if (!a || !b) {
                std::printf("  cannot measure: %s\n", qPrintable(!a ? a.message() : b.message()));
                return;
            }
            plain = std::max(*plain, *a);
            signedRate = std::max(*signedRate, *b);
        }
        signedEvents = load.events + 2;
        report({QStringLiteral("signing"), QStringLiteral("appends signed, %1: events/s").arg(QLatin1String(load.what)), *signedRate,
                QStringLiteral("ev/s"), QStringLiteral("the same appends unsigned"), *plain, *signedRate / *plain,
                QStringLiteral(">= 90% of unsigned"), *signedRate / *plain >= 0.9});
    }
    auto store = openEventStore(QStringLiteral("sqlite://") + signedPath);
    if (!store)
        return;
    QElapsedTimer t;
    t.start();
    auto chain = verifyChain(**store);
    const double chainSeconds = secondsSince(t);
    t.restart();
    auto writers = verifyWriters(**store);
    const double writerSeconds = secondsSince(t);
    if (!chain || !chain->intact || !writers || !writers->intact) {
        std::printf("  verification failed: %s\n", writers ? qPrintable(writers->problem) : qPrintable(writers.message()));
        return;
    }
    report({QStringLiteral("signing"), QStringLiteral("verify writers' signatures, %1 events (%2 batches): events/s").arg(signedEvents).arg(writers->batches),
            double(signedEvents) / writerSeconds, QStringLiteral("ev/s"), QStringLiteral("verify of the chain, same store"),
            double(signedEvents) / chainSeconds, chainSeconds / writerSeconds, QString(), std::nullopt});
    for (const QString &path : QStringList{signedPath, dir + QStringLiteral("/unsigned.db")})
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
}

void benchRebuild(bool quick, const QString &dir, bool measure)
{
    if (measure)
        heading("rebuild and verification (SQLite, stores made of copies of a real demo run)");
    const QString templatePath = dir + QStringLiteral("/template.db");
    {
        auto store = openEventStore(QStringLiteral("sqlite://") + templatePath);
        DemoRunOptions options;
        options.startUs = test::MarketOpenUs;
        options.orders = quick ? 400 : 2000;
        options.seed = 7;
        if (!store || !runDemo(**store, test::market(), options)) {
            std::printf("  the demo run failed\n");
            return;
        }
    }
    if (!measure)
        return; // only the template was wanted
    // The hash input of an event: the previous hash and the canonical bytes, whose size the
    // rows give: 4 integers, 7 length-prefixed texts.
    auto rows = readSqliteRows(templatePath);
    qint64 input = 0;
    for (const EventRow &r : *rows)
        input += 32 + 4 * 8 + 7 * 4 + r.streamId.size() + r.type.size() + r.actorUser.size() + r.actorRole.size()
                 + r.correlationId.size() + r.causationId.size() + r.payload.size();
    const int hashInputSize = int(input / qint64(rows->size()));
    double sha = 0;

    // Verification's own work per event, on one core: the canonical bytes of a stored row and
    // SHA-256 over them, beside openssl's SHA-256 of blocks of the same size (also one core).
    {
        eventhash::ChainHasher hasher;
        // Each row's bytes side by side, in row order, as verification reads them from a page of
        // the store (not scattered over the heap, one allocation per column, as EventRow keeps them).
        const RowBytes together(*rows);
        const std::vector<EventBytes> &views = together.views();
        // Alternated with openssl, best of three each: a busy neighbour on the machine should not
        // decide the ratio.
        qint64 hashed = 0, good = 0;
        double rate = 0;
        for (int round = 0; round < 3; ++round) {
            sha = std::max(sha, opensslSha256BytesPerSecond(hashInputSize));
            qint64 n = 0;
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < (quick ? 300 : 1500)) {
                for (const EventBytes &e : views)
                    good += hasher.matches(e);
                n += qint64(views.size());
            }
            hashed += n;
            rate = std::max(rate, double(n) * hashInputSize / secondsSince(t));
        }
        report({QStringLiteral("verify"), QStringLiteral("chain hashing of stored events, one core: MB/s%1").arg(good == hashed ? QString() : QStringLiteral(" (MISMATCH)")),
                rate / 1e6, QStringLiteral("MB/s"), QStringLiteral("openssl speed -evp sha256 @%1 B").arg(hashInputSize), sha / 1e6, rate / sha,
                QStringLiteral(">= 90% of openssl speed"), rate / sha >= 0.9});
    }
    const QList<qint64> sizes = !g_sizes.isEmpty() ? g_sizes : quick ? QList<qint64>{100'000} : QList<qint64>{1'000'000, 10'000'000};
    for (qint64 events : sizes)
        benchStore(templatePath, dir, events, sha, hashInputSize);
}

// ---------------------------------------------------------------------------------------------
// The blotter: reset and first paint, and the GUI thread's share while fills stream in.

QList<OrderRef> makeOrders(int count, int offset = 0)
{
    static const QStringList symbols{QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("91282CJL6"), QStringLiteral("JPM")};
    QList<OrderRef> orders;
    orders.reserve(count);
    for (int i = 0; i < count; ++i) {
        OrderRecord o;
        o.orderId = QStringLiteral("B-%1").arg(offset + i, 8, 10, QLatin1Char('0'));
        o.account = QStringLiteral("DESK-0%1").arg(1 + (offset + i) % 3);
        o.instrument = symbols.at((offset + i) % symbols.size());
        o.side = i % 2 ? Side::Sell : Side::Buy;
        o.quantity = Quantity(100 * (1 + i % 50));
        o.limitPrice = Price(15000 + i % 300);
        o.state = OrderState::New;
        o.createdUs = o.updatedUs = 1795185000000000 + qint64(offset + i) * 1000;
        orders.append(std::move(o));
    }
    return orders;
}

double firstPaint(Blotter &blotter, const QList<OrderRef> &orders)
{
    QElapsedTimer t;
    t.start();
    blotter.model()->setAll(orders);
    const double reset = secondsSince(t);
    blotter.view()->viewport()->repaint(); // the first frame with the new rows
    if (qEnvironmentVariableIsSet("INSTANT_BENCH_VERBOSE"))
        std::printf("    (%lld rows: reset %.1f ms, paint %.1f ms)\n", static_cast<long long>(orders.size()), reset * 1e3,
                    (secondsSince(t) - reset) * 1e3);
    const double firstFrame = secondsSince(t);
    QApplication::processEvents(); // what was queued (indexing) runs after the frame, not in it
    return firstFrame;
}

void benchBlotter(bool quick)
{
    heading("blotter (offscreen): reset and first paint, GUI thread under a stream of fills");
    const ReferenceData reference = test::market();
    const int big = quick ? 200'000 : 1'000'000;
    const QList<OrderRef> small = makeOrders(10'000);
    double paintSmall = 0, paintBig = 0;
    double rssBefore = 0, rssAfter = 0;
    {
        Blotter blotter(nullptr, reference);
        blotter.resize(1400, 900);
        blotter.show();
        QApplication::processEvents();
        (void)firstPaint(blotter, makeOrders(100, 5'000'000)); // fonts, styles: warm
        paintSmall = 1e9;
        for (int i = 0; i < 7; ++i)
            paintSmall = std::min(paintSmall, firstPaint(blotter, small));
        rssBefore = currentRssMiB();
        QList<OrderRef> large = makeOrders(big);
        paintBig = 1e9;
        for (int i = 0; i < 4; ++i)
            paintBig = std::min(paintBig, firstPaint(blotter, large));
        rssAfter = currentRssMiB(); // the rows, the model and the view holding them
    }
    const QString bigLabel = QStringLiteral("%1 rows").arg(big >= 1'000'000 ? QStringLiteral("%1M").arg(big / 1'000'000) : QStringLiteral("%1k").arg(big / 1000));
    report({QStringLiteral("blotter"), QStringLiteral("reset + first paint, 10k rows: ms"), paintSmall * 1e3, QStringLiteral("ms"), QString(), 0, 0, QString(), std::nullopt});
    report({QStringLiteral("blotter"), QStringLiteral("reset + first paint, %1: ms").arg(bigLabel), paintBig * 1e3, QStringLiteral("ms"),
            QStringLiteral("the same at 10k rows"), paintSmall * 1e3, paintBig / paintSmall, QStringLiteral("<= 150% of 10k rows"),
            paintBig / paintSmall <= 1.5});
    report({QStringLiteral("blotter"), QStringLiteral("resident memory of %1 in the blotter: MiB").arg(bigLabel), rssAfter - rssBefore,
            QStringLiteral("MiB"), QString(), 0, 0, QString(), std::nullopt});

    // 50k fills/s: every 20 ms a batch of 1000 fills arrives from another thread, the way the
    // engine delivers them (queued signal): half of them new orders, half completing earlier ones.
    Blotter blotter(nullptr, reference);
    blotter.resize(1400, 900);
    blotter.show();
    blotter.model()->setAll(small);
    QApplication::processEvents();
    const double seconds = quick ? 2.0 : 6.0;
    std::atomic<bool> stop{false};
    std::atomic<qint64> fills{0};
    QThread *producer = QThread::create([&blotter, &stop, &fills] {
        int next = 10'000;
        qint64 exec = 0;
        auto started = std::chrono::steady_clock::now();
        for (int tick = 1; !stop; ++tick) {
            QList<OrderRef> orders = makeOrders(500, next);
            QList<FillRecord> executions;
            for (int i = 0; i < 500; ++i) {
                OrderRecord &o = orders[i].edit();
                for (int leg = 0; leg < 2; ++leg) {
                    FillRecord f;
                    f.execId = QStringLiteral("E%1").arg(++exec);
                    f.sequence = exec;
                    f.orderId = o.orderId;
                    f.account = o.account;
                    f.instrument = o.instrument;
                    f.side = o.side;
                    f.quantity = o.quantity.value() / 2;
                    f.price = o.limitPrice->value();
                    f.notionalCents = f.quantity * f.price;
                    f.recordedUs = o.createdUs;
                    executions.append(f);
                }
                o.filled = o.quantity;
                o.filledPriceQuantity = o.quantity.value() * o.limitPrice->value();
                o.state = OrderState::Filled;
            }
            next += 500;
            QMetaObject::invokeMethod(&blotter, [&blotter, orders, executions] {
                blotter.model()->applyUpdates(orders);
                blotter.executions()->append(executions);
            }, Qt::QueuedConnection);
            fills += 1000;
            std::this_thread::sleep_until(started + std::chrono::milliseconds(20 * tick));
        }
    });
    const double cpu0 = threadCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    producer->start();
    QEventLoop loop; // the GUI thread idles in its event loop between batches, as in the workstation
    QTimer::singleShot(int(seconds * 1000), &loop, [&stop, &loop] {
        stop = true;
        loop.quit();
    });
    loop.exec();
    producer->wait();
    delete producer;
    QApplication::processEvents();
    const double busy = (threadCpuSeconds() - cpu0) / secondsSince(wall);
    const double rate = double(fills.load()) / secondsSince(wall);
    report({QStringLiteral("blotter"), QStringLiteral("GUI thread busy at %1 fills/s").arg(human(rate).trimmed()), busy * 100, QStringLiteral("%"),
            QStringLiteral("wall time"), 100, busy, QStringLiteral("<= 25% busy"), busy <= 0.25});
}

// ---------------------------------------------------------------------------------------------
// The workstation itself (the `instant` executable, offscreen) opened on a store holding about
// a million orders: its peak resident memory once every panel has loaded.

void benchWorkstation(bool quick, const QString &dir, const QString &templatePath, qint64 events)
{
    heading("the workstation on a store of a million orders (peak resident memory)");
    const QString path = dir + QStringLiteral("/workstation.db");
    {
        auto created = openEventStore(QStringLiteral("sqlite://") + path);
        if (!created)
            return;
    }
    // About 22% of a demo run's events are new orders.
    auto made = replicateStore(templatePath, path, events > 0 ? events : quick ? 200'000 : 4'600'000);
    if (!made) {
        std::printf("  %s\n", qPrintable(made.message()));
        return;
    }
    const QString instant = QCoreApplication::applicationDirPath() + QStringLiteral("/instant");
    const QByteArray program = instant.toLocal8Bit(), url = (QStringLiteral("sqlite://") + path).toLocal8Bit();
    const int seconds = quick ? 8 : 200;
    const QByteArray wait = QByteArray::number(seconds);
    int out[2];
    if (pipe(out) != 0)
        return;
    QElapsedTimer t;
    t.start();
    const pid_t child = fork();
    if (child == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        setenv("INSTANT_KEYCHAIN", "off", 1);
        execl(program.constData(), program.constData(), "--store", url.constData(), "--smoke-test", wait.constData(), static_cast<char *>(nullptr));
        _exit(127);
    }
    close(out[1]);
    // Resident memory sampled each second until the smoke test ends. Loaded, with every panel
    // full, is the median of the second half of the run (the last samples can fall in the
    // shutdown, which frees as it goes).
    double resident = 0;
    std::vector<double> samples;
    int status = 0;
    rusage usage{};
    QStringList series; // every 10 s, to see the load and what follows it
    for (int tick = 0; wait4(child, &status, WNOHANG, &usage) == 0; ++tick) {
        if (resident > 0)
            samples.push_back(resident);
        if (tick % 10 == 0 && resident > 0)
            series << QString::number(resident, 'f', 0);
        QFile proc(QStringLiteral("/proc/%1/status").arg(child));
        if (proc.open(QIODevice::ReadOnly))
            for (const QByteArray &line : proc.readAll().split('\n'))
                if (line.startsWith("VmRSS:"))
                    resident = line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        QThread::msleep(1000);
    }
    if (!samples.empty()) {
        std::vector<double> late(samples.begin() + qsizetype(samples.size() / 2), samples.end());
        std::nth_element(late.begin(), late.begin() + qsizetype(late.size() / 2), late.end());
        resident = late[late.size() / 2];
    }
    QByteArray output;
    char buffer[4096];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;)
        output.append(buffer, n);
    close(out[0]);
    const double peak = double(usage.ru_maxrss) / 1024.0; // KiB on Linux
    QString summary = QString::fromLocal8Bit(output).trimmed();
    summary = summary.mid(summary.lastIndexOf(QStringLiteral("smoke test: ")) + 12);
    std::printf("  (%lld events; the workstation ran %.0f s, exit %d: %s)\n", static_cast<long long>(*made), secondsSince(t),
                WIFEXITED(status) ? WEXITSTATUS(status) : -1, qPrintable(summary));
    std::printf("  (resident every 10 s, MiB: %s)\n", qPrintable(series.join(u' ')));
    report({QStringLiteral("workstation"), QStringLiteral("resident, every panel loaded: MiB"), resident, QStringLiteral("MiB"),
            QString(), 0, 0, QStringLiteral("< 800 MiB"), resident < 800});
    report({QStringLiteral("workstation"), QStringLiteral("peak RSS (start-up included): MiB"), peak, QStringLiteral("MiB"),
            QString(), 0, 0, QStringLiteral("< 1.2 GiB"), peak < 1.2 * 1024});
    if (!g_keep)
        QFile::remove(path);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Speed of Instant, each figure beside a baseline measured in the same run."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("quick"), QStringLiteral("Short form (for the test suite): small sizes, PostgreSQL only if the test server is given.")});
    parser.addOption({QStringLiteral("only"), QStringLiteral("Comma-separated sections: matching, lifecycle, signing, rebuild, blotter, workstation."),
                      QStringLiteral("list")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Folder for the stores (default: a temporary folder)."), QStringLiteral("folder")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Also write the figures to this JSON file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("events"), QStringLiteral("Store sizes for the rebuild section (default 1000000,10000000)."), QStringLiteral("list")});
    parser.addOption({QStringLiteral("workstation-events"), QStringLiteral("Store size for the workstation section (default 4600000, about 1.1M orders)."),
                      QStringLiteral("count")});
    parser.addOption({QStringLiteral("keep"), QStringLiteral("Keep the stores (with --dir) for profiling.")});
    parser.addOption({QStringLiteral("no-postgres"), QStringLiteral("Skip PostgreSQL.")});
    parser.addOption({QStringLiteral("replay"), QStringLiteral("Only time a full replay of this store (for profiling)."), QStringLiteral("url")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("replay"))) {
        auto store = openEventStore(parser.value(QStringLiteral("replay")));
        if (!store)
            return 2;
        // CPU time beside the wall clock: which of the two threads limits the replay.
        auto cpuSeconds = [](clockid_t clock) {
            timespec ts{};
            clock_gettime(clock, &ts);
            return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
        };
        for (int round = 0; round < 3; ++round) {
            QElapsedTimer t;
            t.start();
            const double process = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID), applying = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
            auto state = TradingState::replay(**store, ReadQuery{}, false);
            const double wall = secondsSince(t), applied = cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - applying;
            const double reading = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - process - applied;
            const double n = double(state->eventsReplayed());
            std::printf("replayed %lld events in %.3f s: %.0f events/s; CPU per event: applying %.2f us, reading and decoding %.2f us\n",
                        static_cast<long long>(state->eventsReplayed()), wall, n / wall, applied / n * 1e6, reading / n * 1e6);
            if (round == 0) {
                QElapsedTimer written;
                written.start();
                const qsizetype bytes = state->toCanonicalJson().size();
                std::printf("its snapshot: %lld bytes for %lld orders (%.0f per order), written in %.2f s\n", static_cast<long long>(bytes),
                            static_cast<long long>(state->orders().size()), double(bytes) / double(std::max<qsizetype>(1, state->orders().size())),
                            secondsSince(written));
            }
        }
        return 0;
    }
    const bool quick = parser.isSet(QStringLiteral("quick"));
    g_keep = parser.isSet(QStringLiteral("keep"));
    for (const QString &n : parser.value(QStringLiteral("events")).split(u',', Qt::SkipEmptyParts))
        g_sizes.append(n.toLongLong());
    const QStringList only = parser.value(QStringLiteral("only")).split(u',', Qt::SkipEmptyParts);
    auto wanted = [&only](const char *section) { return only.isEmpty() || only.contains(QLatin1String(section)); };

    QTemporaryDir tmp(parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) + QStringLiteral("/instant-bench-XXXXXX")
                                                           : QDir::tempPath() + QStringLiteral("/instant-bench-XXXXXX"));
    tmp.setAutoRemove(!g_keep);
    if (!tmp.isValid()) {
        std::fprintf(stderr, "instant-bench: cannot create a temporary folder\n");
        return 2;
    }
    std::printf("instant-bench %s: %d cores, %s\n", quick ? "--quick" : "(full)", QThread::idealThreadCount(), qPrintable(tmp.path()));
    QElapsedTimer total;
    total.start();

    if (wanted("matching"))
        benchMatching(quick);
    if (wanted("lifecycle")) {
        // A server of our own: fsync on for the figures, off in the quick form (logic only).
        std::unique_ptr<PostgresServer> pg;
        if (!parser.isSet(QStringLiteral("no-postgres")))
            pg = std::make_unique<PostgresServer>(!quick);
        benchLifecycle(quick, tmp.path(), pg.get());
    }
    if (wanted("signing"))
        benchSigning(quick, tmp.path());
    if (wanted("rebuild") || wanted("workstation"))
        benchRebuild(quick, tmp.path(), wanted("rebuild"));
    if (wanted("workstation"))
        benchWorkstation(quick, tmp.path(), tmp.path() + QStringLiteral("/template.db"), parser.value(QStringLiteral("workstation-events")).toLongLong());
    if (wanted("blotter"))
        benchBlotter(quick);

    int missed = 0;
    for (const Figure &f : std::as_const(g_figures))
        missed += f.met && !*f.met;
    std::printf("\n%lld figures, %d target%s missed, %.0f s\n", static_cast<long long>(g_figures.size()), missed, missed == 1 ? "" : "s",
                secondsSince(total));
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const Figure &f : std::as_const(g_figures))
            out.append(QJsonObject{{QStringLiteral("section"), f.section}, {QStringLiteral("figure"), f.name}, {QStringLiteral("project"), f.project},
                                   {QStringLiteral("unit"), f.unit}, {QStringLiteral("baseline"), f.baselineName},
                                   {QStringLiteral("baseline_value"), f.baseline}, {QStringLiteral("ratio"), f.ratio},
                                   {QStringLiteral("target"), f.target}, {QStringLiteral("met"), f.met ? QJsonValue(*f.met) : QJsonValue()}});
        QFile file(parser.value(QStringLiteral("json")));
        if (file.open(QIODevice::WriteOnly))
            file.write(QJsonDocument(out).toJson());
    }
    // Figures are reported, not asserted: a missed target is not a failed run.
    return 0;
}
