#include "cli/clisupport.h"

#include "audit/accesslog.h"
#include "audit/deskkeys.h"
#include "audit/workstationkey.h"
#include "demo/demomarket.h"
#include "oms/instrumentlistings.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QVariant>

#include <cmath>

namespace instant::cli {

const CommandIo &standardIo()
{
    static QTextStream in(stdin);
    static QTextStream out(stdout);
    static QTextStream err(stderr);
    static const CommandIo io{in, out, err};
    return io;
}

int usageError(const CommandIo &io, const QString &message, const QString &command)
{
    io.err << "instant: " << message << "\n";
    if (!command.isEmpty())
        io.err << "Run `instant " << command << " --help` for usage.\n";
    io.err.flush();
    return BadInput;
}

QCommandLineOption storeOption()
{
    return QCommandLineOption(QStringList{QStringLiteral("s"), QStringLiteral("store")},
                              QStringLiteral("Event store URL: sqlite:///path/file.db or "
                                             "postgresql://user@host:port/db (default: %1). "
                                             "The password comes from PGPASSWORD or the keychain.")
                                  .arg(StoreLocation::defaultLocation().toUrl()),
                              QStringLiteral("url"));
}

// Parses the subcommand's options; returns an exit code when the command is over already.
std::optional<int> parse(const CommandIo &io, QCommandLineParser &parser, const QStringList &args, const QString &command,
                         const QString &description, bool positionals)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(args))
        return usageError(io, parser.errorText(), command);
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(QStringLiteral("Usage: ") + args.constFirst(), QStringLiteral("Usage: instant ") + command);
        io.out << help;
        io.out.flush();
        return Ok;
    }
    if (!positionals && !parser.positionalArguments().isEmpty())
        return usageError(io, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()),
                              command);
    return std::nullopt;
}

Result<std::unique_ptr<EventStore>> openFromOption(const QCommandLineParser &parser, OpenOptions::Mode mode)
{
    // The default only when --store is not given: an empty --store '' is a mistake, not the default.
    auto location = parser.isSet(QStringLiteral("store")) ? StoreLocation::parse(parser.value(QStringLiteral("store")))
                                                          : Result<StoreLocation>(StoreLocation::defaultLocation());
    if (!location)
        return location.error();
    OpenOptions options;
    options.mode = mode;
    return openEventStore(*location, options);
}

Result<std::unique_ptr<EventStore>> openForWriting(const QCommandLineParser &parser, OpenOptions::Mode mode,
                                                   const CommandIo &io)
{
    auto store = openFromOption(parser, mode);
    if (!store)
        return store;
    auto key = workstationKey();
    if (!key) {
        io.err << "instant: note: writes are not signed: " << key.message() << "\n";
        io.err.flush();
        return store;
    }
    const Actor user{qEnvironmentVariable("USER", QStringLiteral("operations")), deskkeys::TraderRole};
    auto status = signWritesWith(**store, key->key, user, key->publicKeyPath);
    if (!status || !status->signing) {
        io.err << "instant: note: " << (status ? status->note : status.message()) << "\n";
        io.err.flush();
    }
    return store;
}

void recordRead(const QCommandLineParser &parser, const CommandIo &io, events::ReadRecord read)
{
    read.channel = QStringLiteral("command line");
    auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
    if (!store) {
        io.err << "instant: note: this read is not recorded: " << store.message() << "\n";
        io.err.flush();
        return;
    }
    const QString user = qEnvironmentVariable("USER", QStringLiteral("operations"));
    const AccessLog log = AccessLog::open(**store, user, []() -> Result<AccessLog::ReaderKey> {
        auto key = workstationKey();
        if (!key)
            return key.error();
        return AccessLog::ReaderKey{key->key, key->publicKeyPath};
    });
    if (Status s = log.record(read); !s) {
        io.err << "instant: note: " << (log.recording() ? QStringLiteral("this read is not recorded: ") + s.message() : s.message()) << "\n";
        io.err.flush();
    }
}

int storeError(const CommandIo &io, const Error &error)
{
    io.err << "instant: " << error.message << "\n";
    io.err.flush();
    return BadInput;
}

std::optional<int> asOfQuery(const CommandIo &io, const QCommandLineParser &parser, const QString &command, ReadQuery &query)
{
    if (!parser.isSet(QStringLiteral("as-of")))
        return std::nullopt;
    const QString text = parser.value(QStringLiteral("as-of"));
    auto t = parseUtcMicros(text);
    if (!t)
        return usageError(io, QStringLiteral("--as-of \"%1\" is not an ISO 8601 date or time").arg(text), command);
    if (text.trimmed().size() == 10)
        *t += 86'400'000'000LL - 1;
    query.toTimeUs = *t;
    return std::nullopt;
}

QCommandLineOption asOfOption()
{
    return QCommandLineOption(QStringLiteral("as-of"),
                              QStringLiteral("The state as it was at this UTC time (ISO 8601; a bare date means its end)."),
                              QStringLiteral("time"));
}

QJsonObject money(qint64 cents)
{
    return {{QStringLiteral("cents"), cents}, {QStringLiteral("dollars"), double(cents) / 100.0}};
}

std::optional<QDate> dateOption(const QCommandLineParser &parser, const QString &name)
{
    const QDate d = QDate::fromString(parser.value(name).trimmed(), Qt::ISODate);
    if (!d.isValid())
        return std::nullopt;
    return d;
}

// "0.25", "25%": a fraction either way.
std::optional<double> fractionOption(const QString &text)
{
    QString t = text.trimmed();
    bool percent = t.endsWith(u'%');
    if (percent)
        t.chop(1);
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return percent ? v / 100.0 : v;
}

int printAnalytics(const CommandIo &io, const QCommandLineParser &parser, const QJsonObject &result)
{
    if (parser.isSet(QStringLiteral("json"))) {
        io.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) << "\n";
    } else {
        for (auto it = result.begin(); it != result.end(); ++it) {
            const QJsonValue v = it.value();
            const bool whole = v.isDouble() && v.toDouble() == std::floor(v.toDouble()) && std::abs(v.toDouble()) < 1e12;
            io.out << it.key() << ": "
                   << (whole ? QString::number(qint64(v.toDouble())) : v.isDouble() ? QString::number(v.toDouble(), 'f', 6) : v.toVariant().toString())
                   << "\n";
        }
    }
    io.out.flush();
    return Ok;
}

const Clock &clock()
{
    return systemClock();
}

QCommandLineOption demoDateOption()
{
    return QCommandLineOption(QStringLiteral("demo-date"),
                              QStringLiteral("The simulated market's date, YYYY-MM-DD (default: today). A weekend or "
                                             "holiday opens on the next day both markets trade."),
                              QStringLiteral("date"));
}

std::optional<QDate> demoDate(const QCommandLineParser &parser)
{
    const std::optional<QDate> date = parser.isSet(QStringLiteral("demo-date")) ? dateOption(parser, QStringLiteral("demo-date"))
                                                                                : std::optional<QDate>(clock().tradeDate());
    if (date && !DemoMarket::covers(*date))
        return std::nullopt;
    return date;
}

Result<ReferenceData> marketReference(const EventStore &store, QDate date, std::optional<TimestampUs> asOfUs)
{
    ReferenceData reference = DemoMarket::referenceData(date);
    auto listed = listings::read(store, asOfUs);
    if (!listed)
        return listed.error();
    for (const listings::Listing &l : std::as_const(*listed))
        reference.addRecorded(l.instrument);
    return reference;
}

} // namespace instant::cli
