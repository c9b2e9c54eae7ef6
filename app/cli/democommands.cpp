// instant demo run --headless: simulated traders through the whole order lifecycle.

#include "cli/clisupport.h"

#include "demo/demomarket.h"
#include "demo/demorun.h"

#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>

#include <cstdio>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace instant::cli {

namespace {

void addDemoRunOptions(QCommandLineParser &parser)
{
    parser.addOption(storeOption());
    parser.addOption(QCommandLineOption(QStringLiteral("headless"), QStringLiteral("Run without a window (required for now).")));
    parser.addOption(QCommandLineOption(QStringLiteral("orders"), QStringLiteral("How many orders the simulated traders send (default 1000)."),
                                        QStringLiteral("n"), QStringLiteral("1000")));
    parser.addOption(QCommandLineOption(QStringLiteral("seed"), QStringLiteral("Seed of the simulated market and traders (default 1)."),
                                        QStringLiteral("s"), QStringLiteral("1")));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the summary as JSON.")));
    parser.addOption(QCommandLineOption(QStringLiteral("state-out"), QStringLiteral("Also write the final trading state (JSON) to this file."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("venue"),
                                        QStringLiteral("Trade against a remote FIX 4.4 venue instead of the in-process one: "
                                                       "fix://HOST:PORT?sender=COMPID&target=COMPID[&heartbeat=S&tls=1&ca=FILE&state=DIR"
                                                       "&protection=1&massstatus=1&account=ID]."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("drop-copy"),
                                        QStringLiteral("With --venue: the broker's drop copy, a second read-only FIX session "
                                                       "whose executions are booked like the venue's (once by ExecID)."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("feed"),
                                        QStringLiteral("Market data to price orders with: ws://HOST:PORT/ or wss:// (with --venue)."),
                                        QStringLiteral("url")));
    parser.addOption(QCommandLineOption(QStringLiteral("connect-timeout"),
                                        QStringLiteral("With --venue: seconds to wait for the FIX logon (default 20)."),
                                        QStringLiteral("s"), QStringLiteral("20")));
    parser.addOption(QCommandLineOption(QStringLiteral("interval"),
                                        QStringLiteral("With --venue: milliseconds between orders (default 25)."),
                                        QStringLiteral("ms"), QStringLiteral("25")));
    parser.addOption(QCommandLineOption(QStringLiteral("user-accounts"),
                                        QStringLiteral("The simulated traders trade the workstation user's accounts (DESK-01, DESK-02, "
                                                       "DEMO-01) instead of their own (SIM-01, SIM-02, SIM-03).")));
    parser.addOption(demoDateOption());
}

// --venue and what goes with it: a live run against a remote FIX venue, into `live`; an exit
// code when the options are wrong.
std::optional<int> parseLiveRun(const CommandIo &io, const QCommandLineParser &parser, const QString &command,
                                const DemoRunOptions &options, std::optional<LiveRunOptions> &live)
{
    bool ok = false;
    if (parser.isSet(QStringLiteral("venue"))) {
        auto venue = FixVenueSettings::fromUrl(QUrl(parser.value(QStringLiteral("venue"))));
        if (!venue)
            return usageError(io, venue.message(), command);
        live = LiveRunOptions{};
        live->venue = *venue;
        live->orders = options.orders;
        live->seed = options.seed;
        live->actor = options.actor;
        live->onUserAccounts = options.onUserAccounts;
        live->orderIntervalMs = parser.value(QStringLiteral("interval")).toInt(&ok);
        if (!ok || live->orderIntervalMs < 0 || live->orderIntervalMs > 60000)
            return usageError(io, QStringLiteral("--interval must be 0 to 60000 milliseconds"), command);
        const int connectSeconds = parser.value(QStringLiteral("connect-timeout")).toInt(&ok);
        if (!ok || connectSeconds < 1 || connectSeconds > 3600)
            return usageError(io, QStringLiteral("--connect-timeout must be 1 to 3600 seconds"), command);
        live->connectTimeoutMs = connectSeconds * 1000;
        if (parser.isSet(QStringLiteral("drop-copy"))) {
            auto copy = FixVenueSettings::fromUrl(QUrl(parser.value(QStringLiteral("drop-copy"))));
            if (!copy)
                return usageError(io, copy.message(), command);
            if (copy->senderCompId == venue->senderCompId && copy->targetCompId == venue->targetCompId)
                return usageError(io, QStringLiteral("the drop copy is a session of its own: give it its own sender= or target="), command);
            live->dropCopy = *copy;
        }
        if (parser.isSet(QStringLiteral("feed"))) {
            auto feed = parseFeedUrl(parser.value(QStringLiteral("feed")));
            if (!feed)
                return usageError(io, feed.message(), command);
            live->feed = *feed;
            live->feedOptions.caCertificatesFile = venue->caFile; // a desk's own authority serves both
        }
    } else if (parser.isSet(QStringLiteral("feed"))) {
        return usageError(io, QStringLiteral("--feed prices orders for a remote venue: give --venue too"), command);
    }
    return std::nullopt;
}

// A live run against a remote venue.
Result<DemoSummary> runLive(const CommandIo &io, EventStore &store, const ReferenceData &reference, const LiveRunOptions &live)
{
    Result<DemoSummary> summary;
#ifdef Q_OS_UNIX
    // QuickFIX's TLS code prints certificate checks on standard output: send them to standard
    // error, so that standard output carries only the summary (--json stays parseable).
    io.out.flush();
    std::fflush(stdout);
    const int savedStdout = ::dup(STDOUT_FILENO);
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    summary = runDemoLive(store, reference, clock(), live);
    std::fflush(stdout);
    ::dup2(savedStdout, STDOUT_FILENO);
    ::close(savedStdout);
#else
    summary = runDemoLive(store, reference, clock(), live);
#endif
    return summary;
}

} // namespace

int demoRun(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("demo run");
    QCommandLineParser parser;
    addDemoRunOptions(parser);
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Runs the simulated venue with simulated traders through the whole order lifecycle "
                                             "(validation, compliance, matching, cancels, replaces, rejects, settlement) and "
                                             "prints a summary. Running it again on the same store continues it.")))
        return *done;
    if (!parser.isSet(QStringLiteral("headless")))
        return usageError(io, QStringLiteral("demo run needs --headless (the windowed demo is `instant demo`)"), command);
    bool ok = false;
    DemoRunOptions options;
    options.orders = parser.value(QStringLiteral("orders")).toInt(&ok);
    if (!ok || options.orders < 0 || options.orders > 10'000'000)
        return usageError(io, QStringLiteral("--orders must be a whole number from 0 to 10000000"), command);
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError(io, QStringLiteral("--seed must be a whole number"), command);
    options.onUserAccounts = parser.isSet(QStringLiteral("user-accounts"));
    std::optional<LiveRunOptions> live;
    if (auto bad = parseLiveRun(io, parser, command, options, live))
        return *bad;
    const std::optional<QDate> date = demoDate(parser);
    if (!date)
        return usageError(io, QStringLiteral("--demo-date wants a date from 2001 to 2099, YYYY-MM-DD"), command);
    // The simulated market opens at 14:30 UTC on the date's session (the next one both markets
    // trade when the date is a weekend or a holiday).
    options.startUs = utcMicros(DemoMarket::sessionDate(*date), 14, 30);
    auto store = openForWriting(parser, OpenOptions::Mode::CreateIfMissing, io);
    if (!store)
        return storeError(io, store.error());
    auto market = marketReference(**store, *date);
    if (!market)
        return storeError(io, market.error());
    const ReferenceData &reference = *market;
    Result<DemoSummary> summary;
    if (live) {
        summary = runLive(io, **store, reference, *live);
    } else {
        summary = runDemo(**store, reference, options);
    }
    if (!summary && summary.code() == ErrorCode::Unavailable) {
        io.err << "instant demo run: " << summary.message() << "\n";
        io.err.flush();
        return Failed;
    }
    if (!summary)
        return storeError(io, summary.error());
    if (parser.isSet(QStringLiteral("state-out"))) {
        QSaveFile file(parser.value(QStringLiteral("state-out")));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(summary->state).toJson()) < 0 || !file.commit())
            return storeError(io, makeError(ErrorCode::Io, QStringLiteral("cannot write %1").arg(file.fileName())));
    }
    if (parser.isSet(QStringLiteral("json")))
        io.out << QString::fromUtf8(QJsonDocument(summary->toJson()).toJson(QJsonDocument::Compact)) << "\n";
    else
        io.out << summary->toText();
    io.out.flush();
    // An execution the venue reported that could not be booked is a failure a human must resolve.
    // So is a run that ends with trading halted because the store cannot record.
    // So is a live run whose venue went away and did not come back.
    return summary->invariants.isEmpty() && summary->unbooked == 0 && !summary->haltedAtEnd && summary->venueLost.isEmpty()
               ? Ok : Failed;
}

} // namespace instant::cli
