// The command line: the table of headless subcommands, the top-level help and run(). Each
// group of subcommands lives in a file of its own (commands.h).

#include "cli/commandline.h"

#include "cli/clisupport.h"

#include <QUrl>

namespace instant::cli {
namespace {

struct Command
{
    QString group;
    QString verb;
    int (*run)(const QStringList &, const CommandIo &);
    QString summary;
};

const QList<Command> &commands()
{
    static const QList<Command> list{
        {QStringLiteral("audit"), QStringLiteral("verify"), &auditVerify,
         QStringLiteral("verify the hash chain (and a signed checkpoint); exit 1 names the first bad sequence")},
        {QStringLiteral("audit"), QStringLiteral("checkpoint"), &auditCheckpoint,
         QStringLiteral("sign the chain head with an Ed25519 key, for verify --checkpoint")},
        {QStringLiteral("audit"), QStringLiteral("export"), &auditExport,
         QStringLiteral("export events as JSON lines or CSV, optionally between two times")},
        {QStringLiteral("store"), QStringLiteral("info"), &storeInfo, QStringLiteral("show a store's chain head")},
        {QStringLiteral("store"), QStringLiteral("init"), &storeInit, QStringLiteral("create an event store")},
        {QStringLiteral("store"), QStringLiteral("password"), &storePassword,
         QStringLiteral("save a PostgreSQL store's password in the OS keychain")},
        {QStringLiteral("store"), QStringLiteral("key"), &storeKey, QStringLiteral("this workstation's writer key, to enrol")},
        {QStringLiteral("store"), QStringLiteral("enroll"), &storeEnroll,
         QStringLiteral("enrol a writer's key (signed by the desk administrator's key)")},
        {QStringLiteral("store"), QStringLiteral("revoke"), &storeRevoke, QStringLiteral("revoke a writer's key")},
        {QStringLiteral("store"), QStringLiteral("keys"), &storeKeys, QStringLiteral("the desk's writer keys")},
        {QStringLiteral("demo"), QStringLiteral("run"), &demoRun,
         QStringLiteral("run simulated traders through the whole lifecycle (--headless)")},
        {QStringLiteral("venue"), QStringLiteral("serve"), &venueServe,
         QStringLiteral("serve the simulated venue: FIX 4.4 orders, WebSocket market data")},
        {QStringLiteral("analytics"), QStringLiteral("bond"), &analyticsBond, QStringLiteral("Treasury note or bond: price, yield, risk")},
        {QStringLiteral("analytics"), QStringLiteral("bill"), &analyticsBill, QStringLiteral("Treasury bill: price, discount, investment rate")},
        {QStringLiteral("analytics"), QStringLiteral("option"), &analyticsOption, QStringLiteral("option price, Greeks, implied volatility")},
        {QStringLiteral("copilot"), QStringLiteral("ask"), &copilotAsk, QStringLiteral("ask the copilot; it drafts, never sends")},
        {QStringLiteral("copilot"), QStringLiteral("key"), &copilotKey, QStringLiteral("save the copilot's API key in the OS keychain")},
        {QStringLiteral("refdata"), QStringLiteral("import"), &refdataImport,
         QStringLiteral("load Treasury auction results or a list of equities and options into the store")},
        {QStringLiteral("refdata"), QStringLiteral("list"), &refdataList,
         QStringLiteral("the instruments the store has recorded (or the demo market of a date), now or --as-of a time")},
        {QStringLiteral("positions"), QString(), &positions, QStringLiteral("positions and cash, now or --as-of a time")},
        {QStringLiteral("orders"), QString(), &orders, QStringLiteral("orders with state and fills, now or --as-of a time")},
    };
    return list;
}

} // namespace

Result<QUrl> parseFeedUrl(const QString &text)
{
    const QUrl url(text);
    if (!url.isValid() || (url.scheme() != u"ws" && url.scheme() != u"wss") || url.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("feed URL \"%1\": expected ws://HOST:PORT/ or wss://HOST:PORT/").arg(text));
    return url;
}

QString versionText()
{
    return QStringLiteral("instant %1 (commit %2)").arg(QStringLiteral(INSTANT_VERSION), QStringLiteral(INSTANT_GIT_COMMIT));
}

QString topLevelHelp()
{
    QString text = QStringLiteral(
        "Usage: instant [--store URL] [--demo]        start the workstation (demo mode by default)\n"
        "       instant <command> <subcommand> [options]\n\n"
        "Commands:\n");
    for (const Command &c : commands())
        text += QStringLiteral("  %1 %2  %3\n").arg(c.group, -9).arg(c.verb, -10).arg(c.summary);
    text += QStringLiteral("\n`instant <command> <subcommand> --help` describes each one.\n"
                           "Exit codes: 0 success, 1 a check failed, 2 bad input or the store cannot be used.\n");
    return text;
}

bool isHeadless(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString first = arguments.at(1);
    if (first == u"--help" || first == u"-h" || first == u"--version" || first == u"-v" || first == u"help")
        return true;
    if (first == u"demo")
        return arguments.value(2) == u"run";
    for (const Command &c : commands())
        if (c.group == first)
            return true;
    return false;
}

int run(const QStringList &arguments)
{
    return run(arguments, standardIo());
}

int run(const QStringList &arguments, const CommandIo &io)
{
    const QString first = arguments.value(1);
    if (first == u"--version" || first == u"-v") {
        io.out << versionText() << "\n";
        io.out.flush();
        return Ok;
    }
    if (first == u"--help" || first == u"-h" || first == u"help") {
        io.out << topLevelHelp();
        io.out.flush();
        return Ok;
    }
    const QString verb = arguments.value(2);
    QStringList verbs;
    for (const Command &c : commands()) {
        if (c.group != first)
            continue;
        if (c.verb.isEmpty()) {
            QStringList rest{arguments.constFirst()};
            rest += arguments.mid(2);
            return c.run(rest, io);
        }
        verbs << c.verb;
        if (c.verb == verb) {
            QStringList rest{arguments.constFirst()};
            rest += arguments.mid(3);
            return c.run(rest, io);
        }
    }
    if (verb.isEmpty() || verb == u"--help" || verb == u"-h") {
        io.out << "Usage: instant " << first << " <" << verbs.join(u'|') << "> [options]\n";
        io.out.flush();
        return verb.isEmpty() ? BadInput : Ok;
    }
    return usageError(io, QStringLiteral("unknown command \"%1 %2\" (known: %3)").arg(first, verb, verbs.join(QStringLiteral(", "))),
                          QString());
}

} // namespace instant::cli
