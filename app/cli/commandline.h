#pragma once

#include "common/result.h"

#include <QStringList>
#include <QUrl>

namespace instant::cli {

// Exit codes of every subcommand.
enum ExitCode { Ok = 0, Failed = 1, BadInput = 2 };

// True when the arguments name a subcommand that runs without a window (audit, store, --help…).
bool isHeadless(const QStringList &arguments);
// Runs a headless subcommand; arguments include the program name.
int run(const QStringList &arguments);

QString versionText();
// A market data feed URL: ws://HOST:PORT/… or wss://HOST:PORT/….
Result<QUrl> parseFeedUrl(const QString &text);
QString topLevelHelp();

} // namespace instant::cli
