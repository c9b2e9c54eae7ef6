#pragma once

#include "common/result.h"

#include <QStringList>
#include <QUrl>

namespace instant::cli {

// Exit codes of every subcommand.
enum ExitCode { Ok = 0, Failed = 1, BadInput = 2 };

// True when the arguments name a subcommand that runs without a window (audit, store, --help…).
bool isHeadless(const QStringList &arguments);

struct CommandIo; // commands.h
// Runs a headless subcommand; arguments include the program name. It reads and writes the
// process's standard streams, or the streams `io` names.
int run(const QStringList &arguments);
int run(const QStringList &arguments, const CommandIo &io);

QString versionText();
// A market data feed URL: ws://HOST:PORT/… or wss://HOST:PORT/….
Result<QUrl> parseFeedUrl(const QString &text);
QString topLevelHelp();

} // namespace instant::cli
