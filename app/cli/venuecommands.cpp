// instant venue serve: the simulated venue for several workstations, FIX orders and WebSocket market data.

#include "cli/clisupport.h"

#include "demo/demomarket.h"
#include "venue/marketdataserver.h"
#include "venue/venueserver.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>

namespace instant::cli {

namespace {

// Asked to stop (Ctrl+C, kill): the server logs its sessions out before it exits.
volatile std::sig_atomic_t stopRequested = 0;

} // namespace

int venueServe(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("venue serve");
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(QStringLiteral("fix-port"), QStringLiteral("FIX 4.4 acceptor port (default 9878)."),
                                        QStringLiteral("port"), QStringLiteral("9878")));
    parser.addOption(QCommandLineOption(QStringLiteral("ws-port"), QStringLiteral("WebSocket market data port (default 9879; 0: none)."),
                                        QStringLiteral("port"), QStringLiteral("9879")));
    parser.addOption(QCommandLineOption(QStringLiteral("bind"), QStringLiteral("IPv4 address the FIX acceptor and the market data listen on (default 127.0.0.1; 0.0.0.0: every interface)."),
                                        QStringLiteral("address"), QStringLiteral("127.0.0.1")));
    parser.addOption(QCommandLineOption(QStringLiteral("comp-id"), QStringLiteral("The venue's FIX CompID (default INSTANT)."),
                                        QStringLiteral("id"), QStringLiteral("INSTANT")));
    parser.addOption(QCommandLineOption(QStringLiteral("clients"), QStringLiteral("Workstation CompIDs allowed to log on (default DESK1,…,DESK8)."),
                                        QStringLiteral("ids")));
    parser.addOption(QCommandLineOption(QStringLiteral("state"), QStringLiteral("Directory of the FIX sequence numbers and messages "
                                                                               "(default: the venue folder in the app data)."),
                                        QStringLiteral("dir")));
    parser.addOption(QCommandLineOption(QStringLiteral("seed"), QStringLiteral("Seed of the simulated market (default 1)."),
                                        QStringLiteral("n"), QStringLiteral("1")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate: serve FIX and market data over TLS."),
                                        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-key"), QStringLiteral("PEM private key of --tls-cert."), QStringLiteral("file")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Serves the simulated venue of demo mode to several workstations: FIX 4.4 orders on "
                                             "--fix-port, market data (top of book, depth, trades, bars) as JSON over WebSocket on "
                                             "--ws-port. Runs until interrupted.")))
        return *done;
    auto portOf = [&](const QString &name, quint16 &into, bool zeroAllowed) {
        bool ok = false;
        const int v = parser.value(name).toInt(&ok);
        if (!ok || v < (zeroAllowed ? 0 : 1) || v > 65535)
            return false;
        into = quint16(v);
        return true;
    };
    VenueServerOptions options;
    quint16 wsPort = 0;
    if (!portOf(QStringLiteral("fix-port"), options.fixPort, false))
        return usageError(io, QStringLiteral("--fix-port must be 1 to 65535"), command);
    if (!portOf(QStringLiteral("ws-port"), wsPort, true))
        return usageError(io, QStringLiteral("--ws-port must be 0 to 65535"), command);
    if (wsPort != 0 && wsPort == options.fixPort)
        return usageError(io, QStringLiteral("--fix-port and --ws-port must differ"), command);
    const QHostAddress bind(parser.value(QStringLiteral("bind")));
    if (bind.isNull() || bind.protocol() != QAbstractSocket::IPv4Protocol)
        return usageError(io, QStringLiteral("--bind must be an IPv4 address such as 127.0.0.1 or 0.0.0.0"), command);
    options.bindAddress = bind.toString();
    static const QRegularExpression compId(QStringLiteral("^[A-Za-z0-9._-]{1,32}$"));
    options.compId = parser.value(QStringLiteral("comp-id"));
    if (!compId.match(options.compId).hasMatch())
        return usageError(io, QStringLiteral("--comp-id is 1 to 32 letters, digits, '.', '_' or '-'"), command);
    if (parser.isSet(QStringLiteral("clients"))) {
        options.clientCompIds = parser.value(QStringLiteral("clients")).split(u',', Qt::SkipEmptyParts);
        for (const QString &c : std::as_const(options.clientCompIds))
            if (!compId.match(c).hasMatch() || c == options.compId)
                return usageError(io, QStringLiteral("--clients: \"%1\" is not a CompID (1 to 32 letters, digits, '.', '_' or '-', "
                                                     "not the venue's own)").arg(c), command);
        if (options.clientCompIds.isEmpty())
            return usageError(io, QStringLiteral("--clients names no CompID"), command);
    }
    bool ok = false;
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError(io, QStringLiteral("--seed must be a whole number"), command);
    options.stateDirectory = parser.isSet(QStringLiteral("state"))
                                 ? parser.value(QStringLiteral("state"))
                                 : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/venue");
    std::optional<TlsFiles> tls;
    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key")))
        return usageError(io, QStringLiteral("--tls-cert and --tls-key go together"), command);
    if (parser.isSet(QStringLiteral("tls-cert"))) {
        tls = TlsFiles{parser.value(QStringLiteral("tls-cert")), parser.value(QStringLiteral("tls-key"))};
        for (const QString &f : {tls->certificateFile, tls->keyFile})
            if (!QFileInfo(f).isReadable())
                return usageError(io, QStringLiteral("cannot read %1").arg(f), command);
        options.tls = true;
        options.certificateFile = tls->certificateFile;
        options.keyFile = tls->keyFile;
    }

    // The venue's market lives on today's date and follows the machine's clock.
    const ReferenceData reference = DemoMarket::referenceData(clock().tradeDate());
    options.startUs = clock().nowUs();
    VenueServer server(reference, options);
    QObject::connect(&server, &VenueServer::log, &server, [&io](const QString &line) {
        io.err << "venue: " << line << "\n";
        io.err.flush();
    });
    if (Status s = server.start(); !s) {
        io.err << "instant venue serve: " << s.message() << "\n";
        io.err.flush();
        return Failed;
    }
    MarketDataServer marketData(server.venue(), reference);
    QObject::connect(&server, &VenueServer::stepped, &marketData, &MarketDataServer::publishDepth);
    QString feed = QStringLiteral("none");
    if (wsPort != 0) {
        auto listening = marketData.listen(bind, wsPort, tls);
        if (!listening) {
            io.err << "instant venue serve: " << listening.message() << "\n";
            io.err.flush();
            return Failed;
        }
        feed = QStringLiteral("%1://%2:%3/").arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"), bind.toString()).arg(*listening);
    }
    io.out << QStringLiteral("venue: FIX 4.4 on port %1 as %2 for %3%4; market data on %5\n")
                 .arg(options.fixPort)
                 .arg(options.compId, options.clientCompIds.join(u','), tls ? QStringLiteral(" (TLS)") : QString(), feed);
    io.out.flush();
    std::signal(SIGINT, [](int) { stopRequested = 1; });
    std::signal(SIGTERM, [](int) { stopRequested = 1; });
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, &watch, [] {
        if (stopRequested)
            QCoreApplication::quit();
    });
    watch.start(100);
    QCoreApplication::exec();
    marketData.close();
    server.stop();
    io.out << QStringLiteral("venue: stopped after %1 order(s)\n").arg(server.ordersReceived());
    io.out.flush();
    return Ok;
}

} // namespace instant::cli
