#pragma once

// What every subcommand of the command line shares: its output streams, its options (store,
// as-of, dates), opening the store, the clock, and the market a view of the store names.

#include "cli/commandline.h"
#include "cli/commands.h"
#include "common/clock.h"
#include "events/readevents.h"
#include "refdata/referencedata.h"
#include "store/eventstore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

#include <memory>
#include <optional>

namespace instant::cli {

int usageError(const CommandIo &io, const QString &message, const QString &command);
int storeError(const CommandIo &io, const Error &error);

QCommandLineOption storeOption();
QCommandLineOption asOfOption();
// Parses the subcommand's options; returns an exit code when the command is over already.
std::optional<int> parse(const CommandIo &io, QCommandLineParser &parser, const QStringList &args, const QString &command,
                         const QString &description, bool positionals = false);
Result<std::unique_ptr<EventStore>> openFromOption(const QCommandLineParser &parser, OpenOptions::Mode mode);
// The same, for a command that writes events: its batches are signed with this machine's writer
// key when the key may write for the user (audit/deskkeys.h); otherwise a note on `io.err`.
Result<std::unique_ptr<EventStore>> openForWriting(const QCommandLineParser &parser, OpenOptions::Mode mode,
                                                   const CommandIo &io);
// Records the read a command made, as the user running it (audit/accesslog.h: a RecordsRead
// event on the store it read, signed with this machine's writer key when the store's writers
// sign). When it cannot be recorded the read still stands, and a note on `io.err` says why.
void recordRead(const QCommandLineParser &parser, const CommandIo &io, events::ReadRecord read);
// --as-of into `query` (a bare date means its end); an exit code when it is not a time.
std::optional<int> asOfQuery(const CommandIo &io, const QCommandLineParser &parser, const QString &command, ReadQuery &query);
std::optional<QDate> dateOption(const QCommandLineParser &parser, const QString &name);
// "0.25", "25%": a fraction either way.
std::optional<double> fractionOption(const QString &text);
int printAnalytics(const CommandIo &io, const QCommandLineParser &parser, const QJsonObject &result);
QJsonObject money(qint64 cents);

// The command line's clock: the machine's. Every date a subcommand decides with comes from it.
const Clock &clock();
// --demo-date: the simulated market's date (YYYY-MM-DD), today by default.
QCommandLineOption demoDateOption();
std::optional<QDate> demoDate(const QCommandLineParser &parser);

// The instruments a view of the store names: the demo market of `date` (its session) and every
// instrument the store recorded (InstrumentListed) by `asOfUs`.
Result<ReferenceData> marketReference(const EventStore &store, QDate date, std::optional<TimestampUs> asOfUs = std::nullopt);

} // namespace instant::cli
