// instant refdata import | list: the security master kept in the store.

#include "cli/clisupport.h"

#include "demo/demomarket.h"
#include "events/eventhash.h"
#include "oms/instrumentlistings.h"
#include "refdata/securitymaster.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace instant::cli {

namespace {

Actor commandLineUser()
{
    return Actor{qEnvironmentVariable("USER", QStringLiteral("operations")), QStringLiteral("operations")};
}

QString terms(const Instrument &i)
{
    if (isTreasury(i.kind))
        return QStringLiteral("%1 %2% dated %3 due %4")
            .arg(i.tenor)
            .arg(i.couponPercent, 0, 'f', 3)
            .arg(i.datedDate.toString(Qt::ISODate), i.maturityDate.toString(Qt::ISODate));
    if (i.kind == InstrumentKind::EquityOption)
        return QStringLiteral("%1 %2 %3 exp %4 ×%5")
            .arg(i.underlying, i.right == OptionRight::Call ? QStringLiteral("call") : QStringLiteral("put"), i.formatPrice(i.strike),
                 i.expiry.toString(Qt::ISODate))
            .arg(i.contractMultiplier);
    return i.description;
}


// What an import adds: a listing for each instrument not recorded yet. One recorded before, or
// the market's, with other terms is a conflict (and then nothing is imported).
struct ImportPlan
{
    QList<NewEvent> events;
    QStringList conflicts;
};

Result<ImportPlan> importPlan(const EventStore &store, const SecurityMaster &master, const ReferenceData &known, const QString &source)
{
    auto listed = listings::read(store);
    if (!listed)
        return listed.error();
    QHash<QString, Instrument> already;
    for (const listings::Listing &l : std::as_const(*listed))
        already.insert(l.instrument.id, l.instrument);
    ImportPlan plan;
    const Actor actor = commandLineUser();
    for (qsizetype k = 0; k < master.instruments.size(); ++k) {
        const Instrument &i = master.instruments.at(k);
        if (auto it = already.constFind(i.id); it != already.cend()) {
            if (!it->sameDefinition(i))
                plan.conflicts << QStringLiteral("line %1: %2 is already recorded with other terms (%3)")
                                      .arg(master.lines.at(k)).arg(i.id, terms(*it));
            continue; // recorded before, the same: nothing to add
        }
        if (const Instrument *market = known.instrument(i.id); market && market->id == i.id && !market->sameDefinition(i)) {
            plan.conflicts << QStringLiteral("line %1: %2 is the market's with other terms (%3)").arg(master.lines.at(k)).arg(i.id, terms(*market));
            continue;
        }
        plan.events << listings::listedEvent(i, source, actor);
    }
    return plan;
}

} // namespace

int refdataImport(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("refdata import");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A CSV file: Treasury auction results, or equities and options."));
    parser.setApplicationDescription(QStringLiteral(
        "Records a security master in the store (InstrumentListed), all of it or nothing. Treasury auction results as "
        "TreasuryDirect or Fiscal Data publish them (CUSIP, Security Type, Security Term, Auction Date, Issue Date, Maturity "
        "Date, Interest Rate, High Yield, Price per $100; other columns are ignored), or equities and listed options "
        "(symbol, underlying, type = equity|call|put, strike, expiry, multiplier; optionally price and name). A bad row "
        "is refused with its line number and nothing is imported. Importing a file again changes nothing."));
    parser.addHelpOption();
    if (!parser.parse(args))
        return usageError(io, parser.errorText(), command);
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText().replace(QStringLiteral("Usage: ") + args.constFirst(), QStringLiteral("Usage: instant ") + command);
        io.out.flush();
        return Ok;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(io, QStringLiteral("name one CSV file"), command);
    const QString path = parser.positionalArguments().constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()), command);
    if (file.size() > 64 * 1024 * 1024)
        return usageError(io, QStringLiteral("%1 is larger than 64 MiB: not a security master").arg(path), command);
    const QByteArray bytes = file.readAll();

    auto store = openForWriting(parser, OpenOptions::Mode::CreateIfMissing, io);
    if (!store)
        return storeError(io, store.error());
    auto known = marketReference(**store, clock().tradeDate());
    if (!known)
        return storeError(io, known.error());
    auto master = readSecurityMaster(bytes, [&known](const QString &id) { return known->instrument(id); });
    if (!master) {
        io.err << "instant refdata import: " << path << " was not imported:\n" << master.message() << "\n";
        io.err.flush();
        return BadInput;
    }
    auto plan = importPlan(**store, *master, *known, QStringLiteral("import %1").arg(QFileInfo(path).fileName()));
    if (!plan)
        return storeError(io, plan.error());
    const QStringList &conflicts = plan->conflicts;
    const QList<NewEvent> &events = plan->events;
    if (!conflicts.isEmpty()) {
        io.err << "instant refdata import: " << path << " was not imported:\n" << conflicts.join(u'\n') << "\n";
        io.err.flush();
        return BadInput;
    }
    if (!events.isEmpty()) {
        AppendRequest request;
        request.streamId = listings::Stream;
        request.events = events;
        request.idempotencyKey = QStringLiteral("import:") + QString::fromLatin1(eventhash::sha256(bytes).toHex());
        auto r = (*store)->append(std::move(request));
        if (!r)
            return storeError(io, r.error());
    }
    io.out << QStringLiteral("%1: %2 row(s), %3 instrument(s): %4 recorded, %5 already there\n")
                 .arg(path)
                 .arg(master->rows)
                 .arg(master->instruments.size())
                 .arg(events.size())
                 .arg(master->instruments.size() - events.size());
    io.out.flush();
    return Ok;
}

int refdataList(const QStringList &args, const CommandIo &io)
{
    const QString command = QStringLiteral("refdata list");
    QCommandLineParser parser;
    parser.addOption(storeOption());
    parser.addOption(asOfOption());
    parser.addOption(QCommandLineOption(QStringLiteral("demo"),
                                        QStringLiteral("Also the demo market of --demo-date (today by default): what a "
                                                       "workstation opened that day trades.")));
    parser.addOption(demoDateOption());
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON.")));
    if (auto done = parse(io, parser, args, command,
                              QStringLiteral("The instruments the store has recorded (InstrumentListed: traded or imported), as "
                                             "they were defined, now or --as-of a time; with --demo, the demo market of a date too.")))
        return *done;
    ReadQuery query;
    if (auto bad = asOfQuery(io, parser, command, query))
        return *bad;
    const bool demo = parser.isSet(QStringLiteral("demo"));
    const std::optional<QDate> date = demoDate(parser);
    if (!date)
        return usageError(io, QStringLiteral("--demo-date wants a date from 2001 to 2099, YYYY-MM-DD"), command);
    QList<listings::Listing> rows;
    if (demo) {
        const ReferenceData market = DemoMarket::referenceData(*date);
        for (const Instrument *i : market.instruments())
            rows.append({*i, QStringLiteral("demo market %1").arg(DemoMarket::sessionDate(*date).toString(Qt::ISODate)), 0, 0, {}});
    }
    if (!demo || parser.isSet(QStringLiteral("store"))) {
        auto store = openFromOption(parser, OpenOptions::Mode::OpenExisting);
        if (!store)
            return storeError(io, store.error());
        auto listed = listings::read(**store, query.toTimeUs);
        if (!listed)
            return storeError(io, listed.error());
        QSet<QString> ids;
        for (const listings::Listing &l : std::as_const(rows))
            ids.insert(l.instrument.id);
        for (const listings::Listing &l : std::as_const(*listed))
            if (!ids.contains(l.instrument.id))
                rows.append(l);
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const listings::Listing &l : std::as_const(rows)) {
            QJsonObject o = l.instrument.toJson();
            o.insert(QStringLiteral("source"), l.source);
            if (l.sequence > 0) {
                o.insert(QStringLiteral("sequence"), l.sequence);
                o.insert(QStringLiteral("recorded"), formatUtcMicros(l.recordedUs));
            }
            array.append(o);
        }
        QJsonObject result{{QStringLiteral("count"), int(rows.size())}, {QStringLiteral("instruments"), array}};
        if (query.toTimeUs)
            result.insert(QStringLiteral("as_of"), formatUtcMicros(*query.toTimeUs));
        io.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) << "\n";
    } else {
        for (const listings::Listing &l : std::as_const(rows))
            io.out << QStringLiteral("%1  %2  %3  %4  (%5)\n")
                         .arg(l.instrument.id, -19)
                         .arg(l.instrument.symbol, -22)
                         .arg(toString(l.instrument.kind), -6)
                         .arg(terms(l.instrument), l.source);
        io.out << QStringLiteral("%1 instrument(s)\n").arg(rows.size());
    }
    io.out.flush();
    return Ok;
}

} // namespace instant::cli
