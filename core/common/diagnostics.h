#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QStringList>

namespace instant::diagnostics {

// Keeps the newest log lines of this process (Qt's messages: warnings, problems) for a problem
// report, and passes every message on to the handler that was there before.
void startRecentLog(int lines = 500);
QStringList recentLog();

// The versions this build runs with: Instant and its commit, Qt, OpenSSL, SQLite, the OS.
QJsonObject versions();

// Whether a settings key names a secret (passwords, keys, tokens): those are never written out.
bool isSecretKey(const QString &key);

// "Report a problem": versions, the settings without secrets, the recent log lines and what the
// caller adds (the store's location, the workstation's state), as one JSON file. Values that
// look like secrets are removed wherever they are.
Status writeReport(const QString &path, const QJsonObject &context = {});

} // namespace instant::diagnostics
