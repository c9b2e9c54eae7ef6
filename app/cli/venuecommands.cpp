// instant venue serve: the simulated venue for several workstations, FIX orders and WebSocket market data.

#include "cli/clisupport.h"

#include "demo/demomarket.h"
#include "venue/marketdataserver.h"
#include "venue/venueserver.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>

namespace instant::cli {

namespace {

// Asked to stop (Ctrl+C, kill): the server logs its sessions out before it exits.
volatile std::sig_atomic_t stopRequested = 0;

} // namespace

namespace {

// What `venue serve` was asked for, checked.
struct ServeSetup
{
    VenueServerOptions options;
    quint16 wsPort = 0;
    QHostAddress bind;
    std::optional<TlsFiles> tls;
};

void addServeOptions(QCommandLineParser &parser)
{
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
}

Result<ServeSetup> serveSetup(const QCommandLineParser &parser)
{
    auto portOf = [&](const QString &name, quint16 &into, bool zeroAllowed) {
        bool ok = false;
        const int v = parser.value(name).toInt(&ok);
        if (!ok || v < (zeroAllowed ? 0 : 1) || v > 65535)
            return false;
        into = quint16(v);
        return true;
    };
    ServeSetup setup;
    VenueServerOptions &options = setup.options;
    quint16 &wsPort = setup.wsPort;
    if (!portOf(QStringLiteral("fix-port"), options.fixPort, false))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--fix-port must be 1 to 65535"));
    if (!portOf(QStringLiteral("ws-port"), wsPort, true))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--ws-port must be 0 to 65535"));
    if (wsPort != 0 && wsPort == options.fixPort)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--fix-port and --ws-port must differ"));
    const QHostAddress bind(parser.value(QStringLiteral("bind")));
    if (bind.isNull() || bind.protocol() != QAbstractSocket::IPv4Protocol)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--bind must be an IPv4 address such as 127.0.0.1 or 0.0.0.0"));
    options.bindAddress = bind.toString();
    setup.bind = bind;
    static const QRegularExpression compId(QStringLiteral("^[A-Za-z0-9._-]{1,32}$"));
    options.compId = parser.value(QStringLiteral("comp-id"));
    if (!compId.match(options.compId).hasMatch())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--comp-id is 1 to 32 letters, digits, '.', '_' or '-'"));
    if (parser.isSet(QStringLiteral("clients"))) {
        options.clientCompIds = parser.value(QStringLiteral("clients")).split(u',', Qt::SkipEmptyParts);
        for (const QString &c : std::as_const(options.clientCompIds))
            if (!compId.match(c).hasMatch() || c == options.compId)
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("--clients: \"%1\" is not a CompID (1 to 32 letters, digits, '.', '_' or '-', "
                                                     "not the venue's own)").arg(c));
        if (options.clientCompIds.isEmpty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("--clients names no CompID"));
    }
    bool ok = false;
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--seed must be a whole number"));
    options.stateDirectory = parser.isSet(QStringLiteral("state"))
                                 ? parser.value(QStringLiteral("state"))
                                 : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/venue");
    std::optional<TlsFiles> &tls = setup.tls;
    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key")))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--tls-cert and --tls-key go together"));
    if (parser.isSet(QStringLiteral("tls-cert"))) {
        tls = TlsFiles{parser.value(QStringLiteral("tls-cert")), parser.value(QStringLiteral("tls-key"))};
        for (const QString &f : {tls->certificateFile, tls->keyFile})
            if (!QFileInfo(f).isReadable())
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("cannot read %1").arg(f));
        options.tls = true;
        options.certificateFile = tls->certificateFile;
        options.keyFile = tls->keyFile;
    }

    return setup;
}

// Serves until SIGINT or SIGTERM.
int serve(const ServeSetup &setup, const CommandIo &io)
{
    // The venue's market lives on today's date and follows the machine's clock.
    const ReferenceData reference = DemoMarket::referenceData(clock().tradeDate());
    VenueServerOptions options = setup.options;
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
    if (setup.wsPort != 0) {
        auto listening = marketData.listen(setup.bind, setup.wsPort, setup.tls);
        if (!listening) {
            io.err << "instant venue serve: " << listening.message() << "\n";
            io.err.flush();
            return Failed;
        }
        feed = QStringLiteral("%1://%2:%3/").arg(setup.tls ? QStringLiteral("wss") : QStringLiteral("ws"), setup.bind.toString()).arg(*listening);
    }
    io.out << QStringLiteral("venue: FIX 4.4 on port %1 as %2 for %3%4; market data on %5\n")
                 .arg(options.fixPort)
                 .arg(options.compId, options.clientCompIds.join(u','), setup.tls ? QStringLiteral(" (TLS)") : QString(), feed);
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

} // namespace

int venueServe(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("venue serve");
    QCommandLineParser parser;
    addServeOptions(parser);
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Serves the simulated venue of demo mode to several workstations: FIX 4.4 orders on "
                                             "--fix-port, market data (top of book, depth, trades, bars) as JSON over WebSocket on "
                                             "--ws-port. Runs until interrupted.")))
        return *done;
    auto setup = serveSetup(parser);
    if (!setup)
        return usageError(io, setup.message(), command);
    return serve(*setup, io);
}

} // namespace instant::cli
