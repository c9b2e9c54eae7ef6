#pragma once

// The headless subcommands, one group to a file: each parses its arguments, calls the core and
// prints. They read and write only the streams they are given, so a test can run one in-process.

#include <QStringList>
#include <QTextStream>

namespace instant::cli {

// The streams a subcommand reads (a password, a key) and writes: the process's standard streams
// when `instant` runs it, strings when a test does.
struct CommandIo
{
    QTextStream &in;
    QTextStream &out;
    QTextStream &err;
};

// stdin, stdout and stderr.
const CommandIo &standardIo();

// auditcommands.cpp
int auditVerify(const QStringList &args, const CommandIo &io);
int auditCheckpoint(const QStringList &args, const CommandIo &io);
int auditExport(const QStringList &args, const CommandIo &io);

// storecommands.cpp
int storeInfo(const QStringList &args, const CommandIo &io);
int storeInit(const QStringList &args, const CommandIo &io);
int storePassword(const QStringList &args, const CommandIo &io);
int storeKey(const QStringList &args, const CommandIo &io);
int storeEnroll(const QStringList &args, const CommandIo &io);
int storeRevoke(const QStringList &args, const CommandIo &io);
int storeKeys(const QStringList &args, const CommandIo &io);

// democommands.cpp
int demoRun(const QStringList &args, const CommandIo &io);

// venuecommands.cpp
int venueServe(const QStringList &args, const CommandIo &io);

// deskviewcommands.cpp
int positions(const QStringList &args, const CommandIo &io);
int orders(const QStringList &args, const CommandIo &io);

// analyticscommands.cpp
int analyticsBond(const QStringList &args, const CommandIo &io);
int analyticsBill(const QStringList &args, const CommandIo &io);
int analyticsOption(const QStringList &args, const CommandIo &io);

// copilotcommands.cpp
int copilotKey(const QStringList &args, const CommandIo &io);
int copilotAsk(const QStringList &args, const CommandIo &io);

// refdatacommands.cpp
int refdataImport(const QStringList &args, const CommandIo &io);
int refdataList(const QStringList &args, const CommandIo &io);

} // namespace instant::cli
