// instant store info | init | password: where the event store is and how to reach it.

#include "cli/clisupport.h"

#include "store/credentials.h"

namespace instant::cli {

int storeInfo(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store info");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(io, parser, args, command, QStringLiteral("Shows a store's location and chain head.")))
        return *done;
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store)
        return storeError(io, store.error());
    auto head = (*store)->head();
    if (!head)
        return storeError(io, head.error());
    io.out << "store: " << (*store)->location().toUrl() << "\n"
           << "events: " << head->sequence << "\n"
           << "head hash: " << QString::fromLatin1(head->hash.toHex()) << "\n";
    if (head->sequence > 0)
        io.out << "last recorded: " << formatUtcMicros(head->recordedUs) << "\n";
    io.out.flush();
    return Ok;
}

int storeInit(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store init");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Creates an event store (schema, append-only triggers) if there is none.")))
        return *done;
    auto store = openFromOption(parser, OpenOptions::Mode::CreateIfMissing);
    if (!store)
        return storeError(io, store.error());
    io.out << "ready: " << (*store)->location().toUrl() << "\n";
    io.out.flush();
    return Ok;
}

int storePassword(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("store password");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("Reads a PostgreSQL store's password from standard input (one line) and "
                                             "saves it in the OS keychain.")))
        return *done;
    auto location = StoreLocation::parse(parser.value(QStringLiteral("store")));
    if (!location)
        return usageError(io, location.message(), command);
    const QString password = io.in.readLine();
    if (password.isEmpty())
        return usageError(io, QStringLiteral("no password on standard input"), command);
    Status saved = StoreCredentials::savePassword(*location, password);
    if (!saved)
        return storeError(io, saved.error());
    io.out << "saved in the keychain for " << location->credentialKey() << "\n";
    io.out.flush();
    return Ok;
}

} // namespace instant::cli
