#pragma once

#include <QStringList>

namespace instant::cli {

// Exit codes of every subcommand.
enum ExitCode { Ok = 0, Failed = 1, BadInput = 2 };

// True when the arguments name a subcommand that runs without a window (audit, store, --help…).
bool isHeadless(const QStringList &arguments);
// Runs a headless subcommand; arguments include the program name.
int run(const QStringList &arguments);

QString versionText();
QString topLevelHelp();

} // namespace instant::cli
